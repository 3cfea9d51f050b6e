/* Subgame-perfect backward induction over agents, with an audit of
 * uniqueness in the papers' sense and a re-checkable witness.
 *
 * At a node where one agent moves (alone, or as several of its members
 * moving at once) the agent takes an action maximising the sum of its
 * members' values; equal maxima are ties.  Where several agents move at
 * once, the stage game among them (payoffs = continuation values) is solved
 * by iterated elimination of strictly dominated joint actions.  Chance nodes
 * take the exact expectation.  The SPE is *unique* in the papers' sense
 * (Chen-Hassidim-Micali, Sec. 2) iff every single-agent node has a unique
 * maximiser and every stage game gives each agent a strictly dominant
 * action. */
#ifndef MECHCHECK_SPE_H
#define MECHCHECK_SPE_H

#include <stdbool.h>
#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/game.h"
#include "mechcheck/num.h"
#include "mechcheck/tree.h"

typedef enum mc_stage_class {
    MC_STAGE_DOMINANT = 0, /* every agent has a strictly dominant joint action */
    MC_STAGE_IESDS_ONLY,   /* IESDS leaves one profile; some agent has no dominant action */
    MC_STAGE_ONE_NE,       /* IESDS leaves several profiles, exactly one pure NE */
    MC_STAGE_MULTI_NE,     /* IESDS leaves several profiles, several pure NE */
    MC_STAGE_NO_PURE_NE,   /* no pure Nash equilibrium */
    MC_STAGE_NCLASSES
} mc_stage_class;

const char *mc_stage_class_name(mc_stage_class c); /* "DOMINANT", "IESDS-ONLY", ... */

/* How a stage game that IESDS does not solve is resolved to continue the
 * induction (always reported). */
typedef enum mc_resolve {
    MC_RESOLVE_FIRST_NE = 0, /* the first pure NE in profile order; else the first survivor */
    MC_RESOLVE_ABORT         /* stop with MC_EUNSUPPORTED */
} mc_resolve;

#define MC_SPE_SHOW 8 /* tied actions / profiles kept per record */

/* The choice at one decision node, as the solver made it. */
typedef struct mc_spe_decision {
    uint64_t chosen;          /* child index */
    bool single;              /* one agent moves (a plain maximisation) */
    unsigned agent;           /* the agent, when single */
    uint32_t ntied;           /* single: how many children attain the maximum */
    uint64_t tied[MC_SPE_SHOW];
    unsigned nagents;         /* stage games: agents moving */
    mc_stage_class cls;
    uint64_t nsurvivors, survivors[MC_SPE_SHOW];
    uint64_t nne, ne[MC_SPE_SHOW];
} mc_spe_decision;

/* Called once per solved decision node (once per distinct key when
 * memoising) with every child's value vector; claims use it to audit nodes
 * off the equilibrium path.  history[0..depth) leads from the root. */
typedef mc_status (*mc_spe_observer)(void *ctx, const mc_game *g, const void *state,
                                     const mc_node *node, const mc_q *const *child_value,
                                     const mc_spe_decision *d, const uint32_t *history,
                                     uint32_t depth, mc_error *err);

typedef struct mc_spe_options {
    const mc_agents *agents;  /* NULL: every player is its own agent */
    mc_resolve resolve;
    uint64_t max_nodes;       /* node expansions; 0 = no limit */
    double timeout;           /* seconds; 0 = no limit */
    uint32_t max_records;     /* ties / stage records kept (all are counted); 0 = 1000 */
    bool memoise;             /* use the generator's key() (default true via mc_spe_defaults) */
    mc_spe_observer observer; /* generic solver only; NULL = none */
    void *observer_ctx;
} mc_spe_options;

void mc_spe_defaults(mc_spe_options *o);

/* Where a record happened: a node of an explicit tree (preorder index) or
 * the history of child indices that first led to a generator state. */
typedef struct mc_spe_where {
    uint64_t node;            /* tree: preorder index; generator: order of first solution */
    uint32_t depth;
    uint32_t *history;        /* generator only: depth child indices from the root */
} mc_spe_where;

typedef struct mc_spe_tie {
    mc_spe_where where;
    unsigned agent;
    uint32_t ntied;                  /* how many joint actions attain the maximum */
    uint64_t tied[MC_SPE_SHOW];      /* child indices of the first of them */
    mc_q value;                      /* the agent's value there */
} mc_spe_tie;

typedef struct mc_spe_stage {
    mc_spe_where where;
    mc_stage_class cls;
    unsigned nagents;
    uint64_t nsurvivors;             /* profiles left by IESDS */
    uint64_t survivors[MC_SPE_SHOW]; /* child indices */
    uint64_t nne;                    /* pure Nash equilibria */
    uint64_t ne[MC_SPE_SHOW];
    uint64_t chosen;                 /* child index used to continue */
} mc_spe_stage;

typedef struct mc_spe_result {
    unsigned nplayers;
    mc_agents agents;
    mc_q *value;                     /* root value per player */
    bool unique;                     /* no tie, every stage DOMINANT */
    bool complete;                   /* false when a limit stopped the run */
    uint64_t nties;
    uint64_t nstages[MC_STAGE_NCLASSES];
    mc_spe_tie *ties;                /* the first max_records ties */
    uint32_t nties_kept;
    mc_spe_stage *stages;            /* the first max_records stages that are not DOMINANT */
    uint32_t nstages_kept;
    /* statistics */
    uint64_t nodes;                  /* nodes expanded */
    uint64_t memo_hits;
    uint64_t distinct;               /* distinct states solved (memo entries) */
    double seconds;
    /* the strategy (private): per tree node, or per memoised state */
    uint32_t *tree_choice;
    uint64_t tree_nodes;             /* entries of tree_choice */
    void *memo;
} mc_spe_result;

/* Backward induction on an explicit tree (fast path: one reverse scan).  The
 * tree must have perfect information once simultaneous stages are merged
 * (see mc_tree_merge_simultaneous); otherwise MC_EUNSUPPORTED naming an
 * information set with several nodes. */
mc_status mc_spe_solve_tree(const mc_tree *t, const mc_spe_options *o, mc_spe_result *r,
                            mc_error *err);

/* Backward induction on any generator, memoising on its key when it has
 * one.  MC_EUNSUPPORTED if a mover's information set is not a singleton. */
mc_status mc_spe_solve(const mc_game *g, const mc_spe_options *o, mc_spe_result *r,
                       mc_error *err);

void mc_spe_result_free(mc_spe_result *r);

/* The equilibrium choice (child index) at a state, or UINT64_MAX if the
 * result holds none for it.  For a tree result the state is a node index. */
uint64_t mc_spe_choice(const mc_spe_result *r, const mc_game *g, const void *state);

/* Independent re-check of a result: re-evaluates the strategy profile from
 * the payoffs, confirms the root values, and confirms at every node reached
 * by the profile's subgames that no agent has a profitable one-shot
 * deviation.  With strict, also confirms uniqueness: every deviation is
 * strictly worse (single-agent nodes) and every chosen stage action is
 * strictly dominant.  On failure, err names the node and the deviation. */
mc_status mc_spe_verify(const mc_game *g, const mc_spe_result *r, bool strict, mc_error *err);

/* One step of the equilibrium path (nodes reached with positive probability,
 * in preorder). */
typedef struct mc_spe_step {
    mc_spe_where where;
    mc_node_kind kind;
    mc_q reach;                      /* probability of reaching the node */
    uint64_t child;                  /* decision: the chosen child index */
    unsigned nmovers;
    unsigned mover[MC_MAX_MOVERS];
    uint32_t action[MC_MAX_MOVERS];  /* each mover's action */
} mc_spe_step;

typedef struct mc_spe_path {
    mc_spe_step *steps;
    size_t nsteps;
} mc_spe_path;

mc_status mc_spe_path_build(const mc_game *g, const mc_spe_result *r, size_t max_steps,
                            mc_spe_path *p, mc_error *err);
void mc_spe_path_free(mc_spe_path *p);

/* Readable location of a record: "#12" (tree node) or the labels of the
 * history from the root ("a > (1,0) > YES,NO").  snprintf semantics. */
size_t mc_spe_where_str(const mc_game *g, const mc_spe_where *w, char *buf, size_t cap);

#endif

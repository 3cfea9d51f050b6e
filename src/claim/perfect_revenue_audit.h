/* One backward-induction run over the game of mechanism M with an audit of
 * every distinct node against Lemmas 1-3 (the solver's observer), shared
 * by the perfect-revenue claims.
 *
 * Caps.  A capped game agrees with the paper's uncapped game on a subgame
 * when every Lemma-2 prescription inside it is representable (each
 * prescribed raise at or below its cap): if the lemmas hold, the uncapped
 * equilibrium then never leaves the caps there.  Such nodes are "clean".
 * A mismatch or tie at a clean node refutes a lemma; one at a node whose
 * subgame holds an unrepresentable prescription is "cap-affected" and only
 * reported.  Prescriptions are monotone in the current prices (raises only
 * lower a shortfall), so a node is clean iff the prescriptions of all
 * remaining raisers, computed at the node's own prices, are representable. */
#ifndef MC_CLAIM_PERFECT_REVENUE_AUDIT_H
#define MC_CLAIM_PERFECT_REVENUE_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "mech/perfect_revenue.h"
#include "mechcheck/claim.h"
#include "mechcheck/spe.h"

#define PR_KEEP 12        /* findings kept per lemma (all are counted) */
#define PR_WHERE 320

typedef struct pr_finding {
    unsigned lemma;                /* 1, 2, 3 */
    const char *kind;              /* "mismatch", "tie", "not-dominant" */
    bool cap_affected;
    unsigned step;                 /* the paper's step (1 root, 2..n raises, n+1 vote) */
    unsigned agent_first;          /* the acting block's minimal member, 0-based */
    char where[PR_WHERE];          /* the node's history, as labels */
    uint32_t depth;
    uint32_t history[MC_PR_MAX_N + 2];
    char prescribed[128], computed[128];
    mc_q v_prescribed, v_computed, gap; /* block-sum values; gap = computed - prescribed */
    char detail[192];
    /* for the fragment: child indices at the node (UINT64_MAX: none) */
    uint64_t child_prescribed, child_computed;
    /* a tie or a vote that is not strictly dominant: the block of player
     * alt_first (0-based) does as well with child_alt as with child_base */
    uint64_t child_base, child_alt;
    unsigned alt_first;
    mc_q v_base, v_alt;
    char *frag;                    /* the fragment as JSON text (clean findings), or NULL */
} pr_finding;

typedef struct pr_tally {
    uint64_t nodes;                /* distinct nodes of this kind checked */
    uint64_t clean;                /* ... whose subgame is within the caps */
    uint64_t agree;                /* clean nodes: unique argmax = prescription */
    uint64_t failures;             /* clean nodes refuting the lemma */
    uint64_t unrepresentable;      /* the node's own prescription exceeds a cap */
    uint64_t cap_affected;         /* mismatch/tie at a node that is not clean */
    uint32_t nkept;
    pr_finding kept[PR_KEEP];      /* clean failures first, then cap-affected ones */
    bool have_margin;
    mc_q min_margin;               /* smallest best - second-best at clean agreeing nodes */
    char margin_where[PR_WHERE];
} pr_tally;

typedef struct pr_root_rank {
    uint32_t action;
    mc_q value;                    /* the value of player 1's block */
    mc_q u1;                       /* player 1's own value */
} pr_root_rank;

typedef struct mc_pr_audit {
    mc_pr_params p;
    /* the solve */
    bool complete;
    char limit_msg[512];
    uint64_t nodes, distinct, memo_hits;
    double seconds;
    bool unique;                   /* the solver's verdict on the capped game */
    uint64_t nties, nstages[MC_STAGE_NCLASSES];
    uint64_t clean_ties;           /* ties / unsolved stages at clean nodes */
    pr_tally l1, l2, l3;
    /* Lemma 1 under the member-wise coalition model (reported alongside) */
    uint64_t member_nodes, member_not_dominant, member_mismatch;
    /* the root (Lemma 3) */
    uint32_t nroot;
    pr_root_rank *root;            /* every root action, in action order */
    uint32_t root_order[8];        /* the best root actions, best first */
    uint32_t nroot_order;
    uint32_t root_prescribed;      /* UINT32_MAX: not representable */
    uint32_t root_computed, root_ntied;
    uint32_t root_unclean;         /* root actions whose subgame leaves the caps */
    uint32_t best_for_state[MC_PR_MAX_STATES], tied_for_state[MC_PR_MAX_STATES];
    /* the equilibrium play and its outcome (independent evaluation) */
    bool have_play;
    mc_pr_play play;
    mc_pr_eval eval;
    mc_q value[MC_PR_MAX_N];       /* root values from the solver */
    uint64_t path_ties;            /* ties met on the equilibrium path */
    /* game fragments for `check --dot` as JSON text (see
     * perfect_revenue_frag.c): the equilibrium path from the root, and per
     * announced state whose best K1 is not the Lemma-3' price (or ties),
     * the root with both announcements; NULL when none */
    char *frag_path;
    char *frag_price[MC_PR_MAX_STATES];
} mc_pr_audit;

/* Runs the solve and the audit.  MC_OK also when a limit stopped the run
 * (complete = false, limit_msg says which). */
mc_status mc_pr_audit_run(mc_pr_audit *a, const mc_pr_params *p, const mc_check_opts *o,
                          mc_error *err);
void mc_pr_audit_free(mc_pr_audit *a);

/* Builds the audit's fragments (perfect_revenue_frag.c), right after the
 * solve while its strategy r is at hand. */
mc_status mc_pr_audit_fragments(mc_pr_audit *a, const mc_game *g, const mc_spe_result *r,
                                mc_error *err);
/* A fragment kept as text, parsed into the caller's own copy (NULL when
 * text is NULL); audits are shared between threads, their JSON is not. */
json_t *mc_pr_fragment_load(const char *text);

/* Is the subgame from raiser i on (prices c) within the caps? */
bool mc_pr_subgame_clean(const mc_pr_params *p, unsigned omega, unsigned i, const int64_t *c);

/* JSON rendering of a finding and of a tally's counts. */
json_t *mc_pr_finding_json(const pr_finding *f);
json_t *mc_pr_tally_json(const pr_tally *t);

#endif

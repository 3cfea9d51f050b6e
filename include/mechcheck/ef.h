/* A compiled extensive form: any generator (mc_game), walked once and stored
 * compactly, with its information sets numbered, perfect recall checked and
 * each player's sequences (Koller-Megiddo-von Stengel) numbered.
 *
 * Everything that needs the whole tree more than once -- normal forms,
 * sequence-form LPs, the guarantee DP, team best responses -- runs on this
 * structure instead of calling the generator again.  Nodes are kept in
 * preorder in parallel arrays: the children of v are v+1, end[v+1], ...
 * (end[w] is one past w's subtree), in the generator's child order (row-major
 * over the movers' actions, mover 0 slowest; see mc_node_child_index).
 *
 * Information sets: a generator names a mover's information set by an id
 * that is shared by the nodes it cannot tell apart; ids are per player (the
 * pair (player, id) names the set).  MC_INFOSET_SINGLETON gives the node its
 * own set.  Every set gets a dense index here.
 *
 * Perfect recall (checked by mc_ef_build, which refuses games without it):
 * for every information set I of player p, every node of I is reached after
 * the same own history of p -- the same sequence of (information set, action)
 * pairs of p.  It suffices to compare the last such pair, the set's *parent
 * sequence*; this also rules out a set repeating on a path.
 *
 * Sequences of player p are numbered 0 (the empty sequence) and then
 * first_seq(I) + a for the action a at each information set I of p. */
#ifndef MECHCHECK_EF_H
#define MECHCHECK_EF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/game.h"
#include "mechcheck/num.h"
#include "mechcheck/tree.h"

#define MC_EF_NONE UINT32_MAX
#define MC_EF_DEFAULT_MAX_NODES (UINT64_C(1) << 24)

typedef struct mc_ef_infoset {
    uint32_t player;     /* 0-based */
    uint32_t nactions;
    uint32_t parent_seq; /* the player's sequence leading to the set (0 = empty) */
    uint32_t first_seq;  /* the player's sequence (this set, action 0); actions follow */
    uint32_t first_node; /* the first node of the set in preorder */
    uint32_t nnodes;
    int64_t id;          /* the generator's id, or MC_INFOSET_SINGLETON */
    uint32_t labels;     /* offset in ef->labels of nactions NUL-terminated labels */
} mc_ef_infoset;

typedef struct mc_ef {
    unsigned nplayers;
    char **player_names;    /* nplayers, owned */
    uint32_t nnodes, nterminals, ninfosets;
    uint32_t depth;         /* the longest root-to-leaf path, in edges */
    /* nodes, preorder */
    uint8_t *kind;          /* mc_node_kind */
    uint8_t *nmovers;       /* decision nodes: movers; 0 elsewhere */
    uint32_t *end;          /* one past the last node of v's subtree */
    uint32_t *nchild;
    uint32_t *aux;          /* decision: first slot; chance: first prob; terminal: terminal number */
    /* decision nodes: one slot per mover, in the generator's mover order */
    uint32_t *slot_infoset;
    uint32_t nslots;
    /* chance nodes: exact probabilities by child */
    mc_q *prob;
    uint32_t nprobs;
    /* terminals: the payoff vector including payoffs at the nodes above */
    mc_q *payoff;           /* nterminals * nplayers */
    uint32_t *terminal_node;
    /* information sets and sequences */
    mc_ef_infoset *infosets;
    uint32_t nseq[MC_MAX_PLAYERS];      /* sequences per player, the empty one included */
    uint32_t ninfosets_of[MC_MAX_PLAYERS];
    char *labels;
    size_t labels_len;
    /* private: capacities */
    uint32_t node_cap, slot_cap, prob_cap, term_cap, infoset_cap;
    size_t labels_cap;
} mc_ef;

typedef struct mc_ef_options {
    uint64_t max_nodes;     /* MC_ELIMIT beyond; 0 = MC_EF_DEFAULT_MAX_NODES */
} mc_ef_options;

void mc_ef_options_default(mc_ef_options *o);

/* Walks g from its root and compiles it.  MC_EUNSUPPORTED when some player
 * lacks perfect recall (the message names the player, the information set
 * and two nodes, 1-based preorder "#k"); MC_EINPUT for inconsistent input (a
 * set with differing action counts, a player moving twice at one node,
 * chance probabilities that are negative or do not sum to 1); MC_ELIMIT
 * beyond max_nodes.  ef is uninitialised on entry and freed on failure. */
mc_status mc_ef_build(const mc_game *g, const mc_ef_options *o, mc_ef *ef, mc_error *err);
/* mc_ef_build on the tree seen as a generator (mc_tree_game). */
mc_status mc_ef_from_tree(mc_tree *t, const mc_ef_options *o, mc_ef *ef, mc_error *err);
void mc_ef_free(mc_ef *ef);

/* Action label ("1", "2", ... when the generator gives none). */
const char *mc_ef_action_label(const mc_ef *ef, uint32_t infoset, uint32_t action);
/* The information set of player p's sequence s >= 1, and its action. */
uint32_t mc_ef_seq_infoset(const mc_ef *ef, unsigned player, uint32_t seq, uint32_t *action);

/* Children: v+1, then end[child] while below end[v]. */
static inline uint32_t mc_ef_first_child(const mc_ef *ef, uint32_t v)
{
    (void)ef;
    return v + 1;
}
static inline uint32_t mc_ef_next_sibling(const mc_ef *ef, uint32_t c)
{
    return ef->end[c];
}

/* Player sets as bit masks (bit p = player p, 0-based). */
typedef uint64_t mc_players;
static inline mc_players mc_players_all(unsigned nplayers)
{
    return nplayers >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << nplayers) - 1;
}
static inline bool mc_players_has(mc_players s, unsigned p) { return (s >> p) & 1u; }
/* The members of agent a. */
mc_players mc_players_of_agent(const mc_agents *ag, unsigned agent);
/* "{1,3}" (1-based) like snprintf. */
size_t mc_players_snprint(char *buf, size_t cap, mc_players s);
/* Parses "2" or "1,2" (1-based players) into a set; MC_EINPUT naming the
 * offending character for anything else, an empty set, or a player out of
 * range. */
mc_status mc_players_parse(const char *spec, unsigned nplayers, mc_players *out, mc_error *err);

/* ---- behaviour strategies of some players --------------------------------
 * A probability vector at every information set of the covered players.
 * Used to fix players (e.g. truthful reporting) while others optimise. */
typedef struct mc_ef_behavior {
    mc_players players;
    uint32_t *offset;       /* ninfosets: index of action 0 in prob, or MC_EF_NONE */
    mc_q *prob;
    size_t nprob;
} mc_ef_behavior;

void mc_ef_behavior_init(mc_ef_behavior *b);
void mc_ef_behavior_free(mc_ef_behavior *b);

/* The strategy at a node of g: fills prob[0..nactions) for the given mover
 * (exact, non-negative, summing to 1).  It must depend only on the mover's
 * information set. */
typedef mc_status (*mc_ef_strategy_fn)(void *ctx, const mc_game *g, const void *state,
                                       const mc_node *node, unsigned mover, mc_q *prob,
                                       mc_error *err);

/* Calls fn at every node of g where a player in `players` moves (walking g
 * again in the order of ef, which must have been built from g) and records
 * the probabilities per information set.  MC_EINPUT when fn gives different
 * vectors at two nodes of one set, or a vector that is not a distribution. */
mc_status mc_ef_behavior_from_game(const mc_ef *ef, const mc_game *g, mc_players players,
                                   mc_ef_strategy_fn fn, void *ctx, mc_ef_behavior *b,
                                   mc_error *err);
/* A pure strategy: action[i] for every information set i of the players
 * (MC_EF_NONE allowed: the set is then treated as never reached, and
 * meeting it with positive probability is an MC_EINPUT error later). */
mc_status mc_ef_behavior_pure(const mc_ef *ef, mc_players players, const uint32_t *action,
                              mc_ef_behavior *b, mc_error *err);

/* Exact expected payoffs when every moving player is covered by b: value[p]
 * for every player.  MC_EINPUT naming the node where an uncovered player
 * moves, or a set without a strategy is reached. */
mc_status mc_ef_expected_payoff(const mc_ef *ef, const mc_ef_behavior *b, mc_q *value,
                                mc_error *err);

#endif

/* An explicit, stored extensive-form game tree.
 *
 * Nodes are kept in preorder in parallel arrays (struct of arrays, 13 bytes
 * per node), so a reverse scan visits every child before its parent:
 * backward induction is then a single pass with a value stack.  The children
 * of node v are v+1, v+1+subtree[v+1], ... (subtree sizes are computed by
 * mc_tree_finish).  Strings (names, labels) live in one arena, referenced by
 * 32-bit ids; id 0 is the empty string; identical label lists are stored
 * once.  Payoffs are kept as int32 while every payoff is an integer that
 * fits (most large games), and as exact rationals otherwise.  Names and file
 * numbers of information sets and outcomes are stored only once some entry
 * needs one: read them through the accessors below. */
#ifndef MECHCHECK_TREE_H
#define MECHCHECK_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/game.h"
#include "mechcheck/num.h"

#define MC_TREE_NONE UINT32_MAX

/* Node kinds as stored (uint8). */
enum {
    MC_TNODE_TERMINAL = 0,
    MC_TNODE_DECISION = 1,     /* ref = information set */
    MC_TNODE_CHANCE = 2,       /* ref = chance record */
    MC_TNODE_SIMULTANEOUS = 3  /* ref = simultaneous record (several movers) */
};

typedef struct mc_tree_infoset {
    uint32_t player;   /* 0-based */
    uint32_t nactions;
    uint32_t labels;   /* index into label_ids: nactions string ids */
    uint32_t nnodes;   /* nodes in the set (counted by mc_tree_finish) */
} mc_tree_infoset;

typedef struct mc_tree_chance {
    uint32_t nchance;
    uint32_t probs;    /* index into probs: nchance values */
    uint32_t labels;   /* index into label_ids */
    uint32_t name;
    uint32_t number;
} mc_tree_chance;

typedef struct mc_tree_simul {
    uint32_t nmovers;
    uint32_t movers;   /* index into simul_infosets: nmovers infoset ids */
} mc_tree_simul;

typedef struct mc_tree {
    unsigned nplayers;
    char *title;
    char *comment;
    uint32_t *player_name; /* string ids */
    const char **player_name_view; /* the names as strings, for mc_tree_game (private) */

    /* nodes, preorder */
    uint32_t nnodes, node_cap;
    uint8_t *kind;
    uint32_t *ref;         /* infoset / chance / simul record; unused at terminals */
    uint32_t *outcome;     /* outcome index, or MC_TREE_NONE */
    uint32_t *name;        /* string ids; NULL while every node name is empty */
    uint32_t *subtree;     /* subtree sizes, set by mc_tree_finish */

    mc_tree_infoset *infosets; uint32_t ninfosets, infoset_cap;
    mc_tree_chance *chances;   uint32_t nchances, chance_cap;
    mc_tree_simul *simuls;     uint32_t nsimuls, simul_cap;
    uint32_t *simul_infosets;  uint32_t nsimul_infosets, simul_infoset_cap;
    uint32_t *infoset_name;    /* NULL while every name is empty */
    uint32_t *infoset_number;  /* NULL while every number is 0 */
    /* outcome o's payoffs: payoffs_i32[o * nplayers + p] while payoffs is NULL,
     * else payoffs[o * nplayers + p]; use mc_tree_outcome_payoffs */
    uint32_t noutcomes, outcome_cap;
    int32_t *payoffs_i32;
    mc_q *payoffs;
    uint32_t *outcome_name;    /* NULL while every name is empty */
    uint32_t *outcome_number;  /* NULL while outcome o's number is o + 1 for all o */
    mc_q *probs;               uint32_t nprobs, prob_cap;
    uint32_t *label_ids;       uint32_t nlabel_ids, label_id_cap;
    void *label_index;         /* shared label lists (private) */

    char *strings; size_t strings_len, strings_cap; /* arena of NUL-terminated strings */
    void *string_index;        /* interning table (private) */

    bool finished;
    bool perfect_information;  /* every information set holds one node */
} mc_tree;

mc_status mc_tree_init(mc_tree *t, unsigned nplayers, mc_error *err);
void mc_tree_free(mc_tree *t);

/* Building, in preorder.  Each returns an index (or MC_TREE_NONE on OOM,
 * with err set). */
uint32_t mc_tree_string(mc_tree *t, const char *s, size_t len, mc_error *err); /* interned id */
const char *mc_tree_str(const mc_tree *t, uint32_t id);
uint32_t mc_tree_add_infoset(mc_tree *t, uint32_t player, uint32_t nactions,
                             const uint32_t *label_ids, uint32_t name, uint32_t number,
                             mc_error *err);
uint32_t mc_tree_add_chance(mc_tree *t, uint32_t nchance, const mc_q *probs,
                            const uint32_t *label_ids, uint32_t name, uint32_t number,
                            mc_error *err);
uint32_t mc_tree_add_simul(mc_tree *t, uint32_t nmovers, const uint32_t *infosets, mc_error *err);
uint32_t mc_tree_add_outcome(mc_tree *t, const mc_q *payoffs, uint32_t name, uint32_t number,
                             mc_error *err);
uint32_t mc_tree_add_node(mc_tree *t, uint8_t kind, uint32_t ref, uint32_t outcome,
                          uint32_t name, mc_error *err);

/* Outcome o's nplayers payoffs: a pointer into the tree, or buf (nplayers
 * initialised entries) filled from the compact store. */
const mc_q *mc_tree_outcome_payoffs(const mc_tree *t, uint32_t o, mc_q *buf);
uint32_t mc_tree_outcome_name(const mc_tree *t, uint32_t o);   /* string id */
uint32_t mc_tree_outcome_number(const mc_tree *t, uint32_t o); /* the file's number */
uint32_t mc_tree_infoset_name(const mc_tree *t, uint32_t i);   /* string id */
uint32_t mc_tree_infoset_number(const mc_tree *t, uint32_t i); /* the file's number, or 0 */

/* Validates the structure (every node has the right number of children,
 * chance probabilities non-negative and summing to 1, terminals carry an
 * outcome), computes subtree sizes and perfect_information. */
mc_status mc_tree_finish(mc_tree *t, mc_error *err);

uint32_t mc_tree_nchildren(const mc_tree *t, uint32_t v);
/* Index of child c of v (O(c) with subtree sizes). */
uint32_t mc_tree_child(const mc_tree *t, uint32_t v, uint32_t c);
/* Parent of every node (allocates an array of nnodes entries). */
uint32_t *mc_tree_parents(const mc_tree *t, mc_error *err);

/* Rewrites every "simultaneous stage" encoded the Gambit way -- a node of
 * one player followed, in all its children, by nodes of another player that
 * form exactly one information set (and so on for more movers), with no
 * outcomes or names on the inner nodes -- into one MC_TNODE_SIMULTANEOUS
 * node.  Returns how many stages it merged. */
mc_status mc_tree_merge_simultaneous(mc_tree *t, uint32_t *merged, mc_error *err);

/* The tree as a generator (state = uint32_t node index).  The game borrows t. */
mc_status mc_tree_game(mc_tree *t, mc_game *g, mc_error *err);

/* Materialises a generator into t (uninitialised on entry): every node in
 * preorder, labels from the generator, one outcome per terminal named by
 * describe().  Generator information-set ids become shared information sets;
 * singletons get one each.  Fails with MC_ELIMIT beyond max_nodes. */
mc_status mc_tree_from_game(const mc_game *g, mc_tree *t, uint64_t max_nodes, mc_error *err);

/* Approximate bytes held per node (for benchmarks). */
size_t mc_tree_bytes(const mc_tree *t);

#endif

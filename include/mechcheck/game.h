/* The one interface every game implements: a generator that expands a state
 * into a node (terminal, decision with one or several simultaneous movers,
 * or chance) and produces the state of each child.
 *
 * States are opaque, fixed-size byte blobs of game->state_size bytes owned by
 * the caller, so a solver keeps one buffer per depth and never allocates per
 * node.  A generator may offer a canonical key for memoisation: two states
 * with the same key have subgames whose payoff vectors differ only by the
 * constant per-player offset that key() reports.  Adding a constant to one
 * player's payoffs throughout a subgame changes no choice in it. */
#ifndef MECHCHECK_GAME_H
#define MECHCHECK_GAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/num.h"

#define MC_MAX_PLAYERS 64
#define MC_MAX_MOVERS 16

typedef enum mc_node_kind {
    MC_NODE_TERMINAL = 0,
    MC_NODE_DECISION = 1, /* one or several players move simultaneously */
    MC_NODE_CHANCE = 2
} mc_node_kind;

/* A mover whose information set is just this node (perfect information). */
#define MC_INFOSET_SINGLETON INT64_C(-1)

typedef struct mc_node {
    mc_node_kind kind;
    /* decision nodes */
    unsigned nmovers;
    unsigned mover[MC_MAX_MOVERS];   /* player index, 0-based */
    uint32_t nactions[MC_MAX_MOVERS];
    int64_t infoset[MC_MAX_MOVERS];  /* generator-wide id, or MC_INFOSET_SINGLETON */
    /* chance nodes */
    uint32_t nchance;
    const mc_q *prob;                /* nchance exact probabilities, summing to 1 */
    /* terminal nodes: the payoff vector; other nodes: a payoff added to every
     * terminal below (Gambit's outcomes at internal nodes), or NULL */
    const mc_q *payoff;
    /* scratch owned by the record, for generators that compute on the fly */
    mc_q *prob_buf;
    size_t prob_cap;
    mc_q *payoff_buf;                /* nplayers entries */
    unsigned nplayers;
} mc_node;

mc_status mc_node_init(mc_node *n, unsigned nplayers);
void mc_node_free(mc_node *n);
/* Returns prob_buf grown to at least k entries (initialised), NULL on OOM. */
mc_q *mc_node_prob_buf(mc_node *n, size_t k);
/* Number of children: product of nactions (decision), nchance, or 0. */
uint64_t mc_node_nchildren(const mc_node *n);
/* Child index of a joint choice (row-major, mover 0 slowest) and back. */
uint64_t mc_node_child_index(const mc_node *n, const uint32_t *choice);
void mc_node_choice_of(const mc_node *n, uint64_t index, uint32_t *choice);

typedef struct mc_game mc_game;

typedef struct mc_game_ops {
    void (*root)(const mc_game *g, void *state);
    /* Fills *out for the state (kind, movers, actions, probabilities, payoff).
     * Pointers it sets stay valid until the next expand() with the same out. */
    mc_status (*expand)(const mc_game *g, const void *state, mc_node *out, mc_error *err);
    /* choice: one action per mover at decision nodes; choice[0] = the
     * outcome at chance nodes. */
    void (*child)(const mc_game *g, const void *state, const mc_node *node,
                  const uint32_t *choice, void *child_state);
    /* Optional (NULL = no memoisation).  Writes at most g->key_size bytes and
     * returns the length (0: do not memoise this state); sets offset[p] for
     * every player so that value(state) = value(key) + offset. */
    size_t (*key)(const mc_game *g, const void *state, void *key, mc_q *offset);
    /* Optional labels, written like snprintf. */
    size_t (*action_label)(const mc_game *g, const void *state, const mc_node *node,
                           unsigned mover, uint32_t action, char *buf, size_t cap);
    size_t (*describe)(const mc_game *g, const void *state, char *buf, size_t cap);
    void (*destroy)(mc_game *g);
} mc_game_ops;

struct mc_game {
    const mc_game_ops *ops;
    void *ctx;
    unsigned nplayers;
    const char *const *player_names; /* may be NULL: "1", "2", ... */
    size_t state_size;
    size_t key_size;                 /* 0: no memoisation */
    bool unique_keys;                /* no two states share a key (an explicit tree):
                                        tools that only memoise may skip hashing */
};

void mc_game_destroy(mc_game *g);
/* Player name (1-based display name when player_names is NULL) into buf. */
const char *mc_game_player_name(const mc_game *g, unsigned player, char *buf, size_t cap);

/* Agents: a partition of the players.  An agent chooses all its members'
 * moves jointly and maximises the sum of their utilities. */
typedef struct mc_agents {
    unsigned nplayers;
    unsigned nagents;
    unsigned agent_of[MC_MAX_PLAYERS];
} mc_agents;

void mc_agents_singletons(mc_agents *a, unsigned nplayers);
/* Parses "1,2;3;4" (1-based players; blocks separated by ';', players not
 * named are singletons).  Agents are numbered by their smallest member. */
mc_status mc_agents_parse(mc_agents *a, unsigned nplayers, const char *spec, mc_error *err);
unsigned mc_agents_members(const mc_agents *a, unsigned agent, unsigned *members);
bool mc_agents_is_singletons(const mc_agents *a);

#endif

/* A small independent walker over a generator for the seed-004 tests:
 * counts leaves and information sets, checks perfect recall (every node of
 * a set has the same last own (set, action) pair, and one action count),
 * and evaluates a profile given by a callback exactly. */
#ifndef MC_GUM_TESTUTIL_H
#define MC_GUM_TESTUTIL_H

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "mech/gum.h"

typedef struct walk_set {
    int64_t id;
    unsigned player;
    uint32_t nactions;
    int64_t parent_set; /* last own set before, INT64_MIN at none */
    uint32_t parent_action;
    UT_hash_handle hh;
} walk_set;

/* Returns the action of mover m at the node (a pure strategy). */
typedef uint32_t (*walk_strategy)(void *ctx, const mc_game *g, const void *state, const mc_node *n,
                                  unsigned m);

typedef struct walker {
    const mc_game *g;
    walk_strategy strat;  /* NULL: only count (every child is visited) */
    void *ctx;
    uint64_t leaves, nodes;
    uint64_t nsets[MC_MAX_PLAYERS];
    bool recall_ok;
    walk_set *sets;
    mc_q *value;          /* nplayers: expected payoffs under strat */
} walker;

static void walk_rec(walker *w, const void *state, const mc_q *reach, int64_t *last_set,
                     uint32_t *last_act)
{
    const mc_game *g = w->g;
    mc_node node;
    mc_error err;
    ck_assert_int_eq(mc_node_init(&node, g->nplayers), MC_OK);
    ck_assert_msg(g->ops->expand(g, state, &node, &err) == MC_OK, "%s", err.msg);
    w->nodes++;
    void *child = malloc(g->state_size);
    mc_q r = MC_Q_ZERO;
    if (node.kind == MC_NODE_TERMINAL) {
        w->leaves++;
        for (unsigned p = 0; p < g->nplayers; p++)
            mc_q_addmul(&w->value[p], reach, &node.payoff[p]);
    } else if (node.kind == MC_NODE_CHANCE) {
        for (uint32_t k = 0; k < node.nchance; k++) {
            mc_q_mul(&r, reach, &node.prob[k]);
            uint32_t ch[MC_MAX_MOVERS] = {k};
            g->ops->child(g, state, &node, ch, child);
            walk_rec(w, child, &r, last_set, last_act);
        }
    } else {
        int64_t saved_set[MC_MAX_PLAYERS];
        uint32_t saved_act[MC_MAX_PLAYERS];
        memcpy(saved_set, last_set, sizeof saved_set);
        memcpy(saved_act, last_act, sizeof saved_act);
        for (unsigned m = 0; m < node.nmovers; m++) {
            unsigned p = node.mover[m];
            walk_set *s = NULL;
            int64_t id = node.infoset[m];
            HASH_FIND(hh, w->sets, &id, sizeof id, s);
            if (!s) {
                s = calloc(1, sizeof *s);
                s->id = id;
                s->player = p;
                s->nactions = node.nactions[m];
                s->parent_set = last_set[p];
                s->parent_action = last_act[p];
                HASH_ADD(hh, w->sets, id, sizeof s->id, s);
                w->nsets[p]++;
            } else if (s->player != p || s->nactions != node.nactions[m] ||
                       s->parent_set != last_set[p] || s->parent_action != last_act[p]) {
                w->recall_ok = false;
            }
        }
        uint64_t nch = mc_node_nchildren(&node);
        for (uint64_t c = 0; c < nch; c++) {
            uint32_t ch[MC_MAX_MOVERS];
            mc_node_choice_of(&node, c, ch);
            if (w->strat) {
                bool follows = true;
                for (unsigned m = 0; m < node.nmovers; m++)
                    follows = follows && ch[m] == w->strat(w->ctx, g, state, &node, m);
                if (!follows)
                    continue;
            }
            for (unsigned m = 0; m < node.nmovers; m++) {
                last_set[node.mover[m]] = node.infoset[m];
                last_act[node.mover[m]] = ch[m];
            }
            g->ops->child(g, state, &node, ch, child);
            walk_rec(w, child, reach, last_set, last_act);
            memcpy(last_set, saved_set, sizeof saved_set);
            memcpy(last_act, saved_act, sizeof saved_act);
        }
    }
    mc_q_clear(&r);
    free(child);
    mc_node_free(&node);
}

static void walk_game(walker *w, const mc_game *g, walk_strategy strat, void *ctx)
{
    memset(w, 0, sizeof *w);
    w->g = g;
    w->strat = strat;
    w->ctx = ctx;
    w->recall_ok = true;
    w->value = malloc(g->nplayers * sizeof *w->value);
    mc_q_init_vec(w->value, g->nplayers);
    void *root = malloc(g->state_size);
    g->ops->root(g, root);
    int64_t last_set[MC_MAX_PLAYERS];
    uint32_t last_act[MC_MAX_PLAYERS];
    for (unsigned p = 0; p < MC_MAX_PLAYERS; p++) {
        last_set[p] = INT64_MIN;
        last_act[p] = 0;
    }
    mc_q one = MC_Q_INT(1);
    walk_rec(w, root, &one, last_set, last_act);
    free(root);
}

static void walk_free(walker *w)
{
    walk_set *s, *tmp;
    HASH_ITER(hh, w->sets, s, tmp)
    {
        HASH_DEL(w->sets, s);
        free(s);
    }
    mc_q_clear_vec(w->value, w->g->nplayers);
    free(w->value);
}

/* Everybody truthful. */
static uint32_t walk_truthful(void *ctx, const mc_game *g, const void *state, const mc_node *n,
                              unsigned m)
{
    (void)ctx;
    return mc_gum_game_truthful_action(g, state, n->mover[m]);
}

#endif

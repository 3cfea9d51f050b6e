/* Test helpers: build explicit trees in preorder with a few calls. */
#ifndef MC_TEST_TREEBUILD_H
#define MC_TEST_TREEBUILD_H

#include <check.h>
#include <stdarg.h>

#include "mechcheck/tree.h"

static inline mc_tree *tb_new(unsigned nplayers)
{
    mc_tree *t = malloc(sizeof *t);
    mc_error err;
    ck_assert_int_eq(mc_tree_init(t, nplayers, &err), MC_OK);
    return t;
}

static inline uint32_t tb_labels(mc_tree *t, uint32_t n, const char *prefix, uint32_t *ids)
{
    char buf[32];
    for (uint32_t a = 0; a < n; a++) {
        snprintf(buf, sizeof buf, "%s%u", prefix, a + 1);
        ids[a] = mc_tree_string(t, buf, strlen(buf), NULL);
    }
    return n;
}

/* A decision node of player (0-based) with n actions labelled "<P><k>". */
static inline void tb_dec(mc_tree *t, unsigned player, uint32_t n)
{
    uint32_t ids[64];
    char prefix[8] = {(char)('a' + player), 0};
    tb_labels(t, n, prefix, ids);
    uint32_t is = mc_tree_add_infoset(t, player, n, ids, 0, 0, NULL);
    ck_assert_uint_ne(is, MC_TREE_NONE);
    ck_assert_uint_ne(mc_tree_add_node(t, MC_TNODE_DECISION, is, MC_TREE_NONE, 0, NULL),
                      MC_TREE_NONE);
}

/* A decision node in an existing information set (for imperfect information). */
static inline void tb_dec_in(mc_tree *t, uint32_t infoset)
{
    ck_assert_uint_ne(mc_tree_add_node(t, MC_TNODE_DECISION, infoset, MC_TREE_NONE, 0, NULL),
                      MC_TREE_NONE);
}

/* A simultaneous node: players p0 (n0 actions) and p1 (n1 actions). */
static inline void tb_sim(mc_tree *t, unsigned p0, uint32_t n0, unsigned p1, uint32_t n1)
{
    uint32_t ids[64], is[2];
    char prefix[8] = {(char)('a' + p0), 0};
    tb_labels(t, n0, prefix, ids);
    is[0] = mc_tree_add_infoset(t, p0, n0, ids, 0, 0, NULL);
    prefix[0] = (char)('a' + p1);
    tb_labels(t, n1, prefix, ids);
    is[1] = mc_tree_add_infoset(t, p1, n1, ids, 0, 0, NULL);
    uint32_t s = mc_tree_add_simul(t, 2, is, NULL);
    ck_assert_uint_ne(s, MC_TREE_NONE);
    ck_assert_uint_ne(mc_tree_add_node(t, MC_TNODE_SIMULTANEOUS, s, MC_TREE_NONE, 0, NULL),
                      MC_TREE_NONE);
}

/* A chance node with n outcomes; probabilities given as "num/den" strings. */
static inline void tb_chance(mc_tree *t, uint32_t n, ...)
{
    mc_q probs[16];
    uint32_t ids[16];
    va_list ap;
    va_start(ap, n);
    for (uint32_t i = 0; i < n; i++) {
        probs[i] = MC_Q_ZERO;
        ck_assert_int_eq(mc_q_parse(&probs[i], va_arg(ap, const char *), (size_t)-1, NULL), MC_OK);
    }
    va_end(ap);
    tb_labels(t, n, "c", ids);
    uint32_t c = mc_tree_add_chance(t, n, probs, ids, 0, 0, NULL);
    mc_q_clear_vec(probs, n);
    ck_assert_uint_ne(mc_tree_add_node(t, MC_TNODE_CHANCE, c, MC_TREE_NONE, 0, NULL),
                      MC_TREE_NONE);
}

/* A terminal with integer payoffs (one per player). */
static inline void tb_term_v(mc_tree *t, const long *pay)
{
    mc_q q[64];
    for (unsigned p = 0; p < t->nplayers; p++)
        q[p] = MC_Q_INT(pay[p]);
    uint32_t o = mc_tree_add_outcome(t, q, 0, 0, NULL);
    ck_assert_uint_ne(mc_tree_add_node(t, MC_TNODE_TERMINAL, 0, o, 0, NULL), MC_TREE_NONE);
}

/* TB_TERM(t, 3, 1): a terminal paying 3 to player 1 and 1 to player 2. */
#define TB_TERM(t, ...) tb_term_v((t), (const long[]){__VA_ARGS__})

static inline void tb_finish(mc_tree *t)
{
    mc_error err;
    mc_status st = mc_tree_finish(t, &err);
    ck_assert_msg(st == MC_OK, "finish: %s", err.msg);
}

static inline void tb_free(mc_tree *t)
{
    mc_tree_free(t);
    free(t);
}

#endif

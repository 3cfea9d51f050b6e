/* Test fixtures for the extensive-form solvers: small classic games built as
 * explicit trees, and random trees with imperfect information and chance. */
#ifndef MC_TEST_EFGAMES_H
#define MC_TEST_EFGAMES_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/ef.h"
#include "treebuild.h"

/* An information set of player p with n actions labelled by the string
 * letters (one letter per action), e.g. ef_is(t, 0, "cb"). */
static inline uint32_t ef_is(mc_tree *t, unsigned p, const char *letters)
{
    uint32_t ids[16], n = (uint32_t)strlen(letters);
    for (uint32_t a = 0; a < n; a++)
        ids[a] = mc_tree_string(t, &letters[a], 1, NULL);
    uint32_t is = mc_tree_add_infoset(t, p, n, ids, 0, 0, NULL);
    ck_assert_uint_ne(is, MC_TREE_NONE);
    return is;
}

/* Kuhn poker: cards J<Q<K, ante 1, one bet of 1.  Player 1 (0) checks or
 * bets; after check player 2 checks (showdown for 1) or bets; player 1 then
 * folds or calls (showdown for 2).  After a bet player 2 folds or calls.
 * Value for player 1: -1/18. */
static inline mc_tree *ef_kuhn(void)
{
    mc_tree *t = tb_new(2);
    uint32_t p1[3], p1b[3], p2c[3], p2b[3];
    for (int c = 0; c < 3; c++) {
        p1[c] = ef_is(t, 0, "cb");  /* check / bet */
        p1b[c] = ef_is(t, 0, "fk"); /* fold / call after check-bet */
        p2c[c] = ef_is(t, 1, "cb"); /* after check */
        p2b[c] = ef_is(t, 1, "fk"); /* after bet */
    }
    tb_chance(t, 6, "1/6", "1/6", "1/6", "1/6", "1/6", "1/6");
    for (int c1 = 0; c1 < 3; c1++)
        for (int c2 = 0; c2 < 3; c2++) {
            if (c1 == c2)
                continue;
            long win = c1 > c2 ? 1 : -1;
            tb_dec_in(t, p1[c1]);
            /* check */
            tb_dec_in(t, p2c[c2]);
            TB_TERM(t, win, -win);          /* check-check */
            tb_dec_in(t, p1b[c1]);          /* check-bet */
            TB_TERM(t, -1, 1);              /* fold */
            TB_TERM(t, 2 * win, -2 * win);  /* call */
            /* bet */
            tb_dec_in(t, p2b[c2]);
            TB_TERM(t, 1, -1);              /* fold */
            TB_TERM(t, 2 * win, -2 * win);  /* call */
        }
    tb_finish(t);
    return t;
}

/* Matching pennies as one simultaneous node: player 1 wins 1 on a match. */
static inline mc_tree *ef_pennies(void)
{
    mc_tree *t = tb_new(2);
    tb_sim(t, 0, 2, 1, 2);
    TB_TERM(t, 1, -1);
    TB_TERM(t, -1, 1);
    TB_TERM(t, -1, 1);
    TB_TERM(t, 1, -1);
    tb_finish(t);
    return t;
}

/* ---- random trees ------------------------------------------------------------
 * Rounds of moves (one node per player in turn, or one simultaneous node),
 * each optionally preceded by a chance signal seen by a random set of
 * players.  A player's information set is keyed by everything it has
 * observed: the signals it saw, its own actions, and the actions of the
 * players it watches (fixed per round, observer and actor).  The key grows
 * along every path, so perfect recall holds by construction.  A player may
 * have an "exit" action (action 0 ends the game) in some rounds, which makes
 * reduced normal forms smaller than full ones. */
#define EF_RT_MAXOBS 24
typedef struct ef_obs {
    uint8_t len;
    uint8_t e[EF_RT_MAXOBS];
} ef_obs;

typedef struct ef_rt {
    mc_tree *t;
    uint64_t rng;
    unsigned np, rounds;
    bool simul;
    int range;
    unsigned nact[4][4];      /* [round][player] */
    bool exit_[4][4];
    unsigned nsig[4];         /* 0: no chance before the round */
    bool sees_sig[4][4];      /* [round][player] */
    bool sees[4][4][4];       /* [round][observer][actor] */
    /* information sets: (player, observations) -> tree set */
    unsigned nsets;
    unsigned set_player[512];
    ef_obs set_obs[512];
    uint32_t set_id[512];
} ef_rt;

static inline uint64_t ef_rng(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static inline uint32_t ef_rt_set(ef_rt *g, unsigned p, const ef_obs *o, unsigned nact)
{
    for (unsigned i = 0; i < g->nsets; i++)
        if (g->set_player[i] == p && g->set_obs[i].len == o->len &&
            memcmp(g->set_obs[i].e, o->e, o->len) == 0)
            return g->set_id[i];
    ck_assert_uint_lt(g->nsets, 512);
    static const char letters[] = "abcdefgh";
    char buf[8];
    memcpy(buf, letters, nact);
    buf[nact] = 0;
    uint32_t id = ef_is(g->t, p, buf);
    g->set_player[g->nsets] = p;
    g->set_obs[g->nsets] = *o;
    g->set_id[g->nsets++] = id;
    return id;
}

static inline void ef_obs_add(ef_obs *o, unsigned code)
{
    ck_assert_uint_lt(o->len, EF_RT_MAXOBS);
    o->e[o->len++] = (uint8_t)code;
}

static inline void ef_rt_terminal(ef_rt *g)
{
    long pay[4];
    for (unsigned p = 0; p < g->np; p++)
        pay[p] = (long)(ef_rng(&g->rng) % (uint64_t)(2 * g->range + 1)) - g->range;
    tb_term_v(g->t, pay);
}

static void ef_rt_round(ef_rt *g, unsigned r, const ef_obs *obs);

static inline void ef_rt_moves(ef_rt *g, unsigned r, unsigned k, const ef_obs *obs)
{
    ef_obs next[4];
    if (!g->simul) {
        if (k == g->np) {
            ef_rt_round(g, r + 1, obs);
            return;
        }
        unsigned p = k, n = g->nact[r][p];
        tb_dec_in(g->t, ef_rt_set(g, p, &obs[p], n));
        for (unsigned a = 0; a < n; a++) {
            if (a == 0 && g->exit_[r][p]) {
                ef_rt_terminal(g);
                continue;
            }
            memcpy(next, obs, g->np * sizeof *next);
            ef_obs_add(&next[p], 10 + a);
            for (unsigned q = 0; q < g->np; q++)
                if (q != p && g->sees[r][q][p])
                    ef_obs_add(&next[q], 20 + 10 * p + a);
            ef_rt_moves(g, r, k + 1, next);
        }
        return;
    }
    uint32_t is[4];
    unsigned total = 1;
    for (unsigned p = 0; p < g->np; p++) {
        is[p] = ef_rt_set(g, p, &obs[p], g->nact[r][p]);
        total *= g->nact[r][p];
    }
    uint32_t s = mc_tree_add_simul(g->t, g->np, is, NULL);
    ck_assert_uint_ne(mc_tree_add_node(g->t, MC_TNODE_SIMULTANEOUS, s, MC_TREE_NONE, 0, NULL),
                      MC_TREE_NONE);
    for (unsigned c = 0; c < total; c++) {
        unsigned act[4], rest = c;
        bool ends = false;
        for (unsigned p = g->np; p-- > 0;) {
            act[p] = rest % g->nact[r][p];
            rest /= g->nact[r][p];
            ends |= act[p] == 0 && g->exit_[r][p];
        }
        if (ends) {
            ef_rt_terminal(g);
            continue;
        }
        memcpy(next, obs, g->np * sizeof *next);
        for (unsigned q = 0; q < g->np; q++)
            for (unsigned p = 0; p < g->np; p++)
                if (p == q)
                    ef_obs_add(&next[q], 10 + act[p]);
                else if (g->sees[r][q][p])
                    ef_obs_add(&next[q], 20 + 10 * p + act[p]);
        ef_rt_round(g, r + 1, next);
    }
}

static void ef_rt_round(ef_rt *g, unsigned r, const ef_obs *obs)
{
    if (r == g->rounds) {
        ef_rt_terminal(g);
        return;
    }
    if (!g->nsig[r]) {
        ef_rt_moves(g, r, 0, obs);
        return;
    }
    unsigned n = g->nsig[r];
    mc_q probs[4];
    uint32_t labels[4];
    int64_t num[4], den = 0;
    for (unsigned i = 0; i < n; i++)
        den += num[i] = (int64_t)(ef_rng(&g->rng) % 3); /* zero probabilities allowed */
    if (den == 0) {
        num[0] = 1;
        den = 1;
    }
    for (unsigned i = 0; i < n; i++) {
        probs[i] = MC_Q_ZERO;
        ck_assert_int_eq(mc_q_set_frac(&probs[i], num[i], den), MC_OK);
    }
    tb_labels(g->t, n, "s", labels);
    uint32_t c = mc_tree_add_chance(g->t, n, probs, labels, 0, 0, NULL);
    ck_assert_uint_ne(mc_tree_add_node(g->t, MC_TNODE_CHANCE, c, MC_TREE_NONE, 0, NULL),
                      MC_TREE_NONE);
    mc_q_clear_vec(probs, n);
    ef_obs next[4];
    for (unsigned i = 0; i < n; i++) {
        memcpy(next, obs, g->np * sizeof *next);
        for (unsigned p = 0; p < g->np; p++)
            if (g->sees_sig[r][p])
                ef_obs_add(&next[p], 1 + i);
        ef_rt_moves(g, r, 0, next);
    }
}

/* A random tree: np players (<= 4), rounds (<= 4), actions 2..maxact. */
static inline mc_tree *ef_random_tree(uint64_t seed, unsigned np, unsigned rounds, unsigned maxact,
                                      bool simul)
{
    ef_rt *g = calloc(1, sizeof *g);
    g->rng = seed * 0x9e3779b97f4a7c15ULL + 12345;
    g->np = np;
    g->rounds = rounds;
    g->simul = simul;
    g->range = 6;
    for (unsigned r = 0; r < rounds; r++) {
        g->nsig[r] = ef_rng(&g->rng) % 2 ? 2 + (unsigned)(ef_rng(&g->rng) % 2) : 0;
        for (unsigned p = 0; p < np; p++) {
            g->nact[r][p] = 2 + (unsigned)(ef_rng(&g->rng) % (maxact - 1));
            g->exit_[r][p] = r + 1 < rounds && ef_rng(&g->rng) % 3 == 0;
            g->sees_sig[r][p] = ef_rng(&g->rng) % 2;
            for (unsigned q = 0; q < np; q++)
                g->sees[r][p][q] = ef_rng(&g->rng) % 2;
        }
    }
    g->t = tb_new(np);
    ef_obs obs[4] = {0};
    ef_rt_round(g, 0, obs);
    mc_tree *t = g->t;
    free(g);
    tb_finish(t);
    return t;
}

#endif

/* Gambit .efg files beyond fixtures: seeded random trees round-trip exactly,
 * simultaneous nodes are written in Gambit's encoding (checked as text and
 * by merging the stages back), and mutated files never crash the readers. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "gambit_testutil.h"
#include "mechcheck/gambit.h"

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rnd(rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * UINT64_C(2685821657736338717);
}

static uint32_t below(rng *r, uint32_t n)
{
    return (uint32_t)(rnd(r) % n);
}

/* Short strings with the characters a writer must escape. */
static uint32_t rnd_string(rng *r, mc_tree *t)
{
    static const char alphabet[] = "ab Z\"\\\n\t{},0-\xc3\xa9";
    char buf[8];
    uint32_t n = below(r, 3) == 0 ? 0 : 1 + below(r, 6);
    for (uint32_t i = 0; i < n; i++)
        buf[i] = alphabet[below(r, sizeof alphabet - 1)];
    return mc_tree_string(t, buf, n, NULL);
}

static void rnd_number(rng *r, mc_q *q)
{
    switch (below(r, 4)) {
    case 0:
        mc_q_set_i64(q, (int64_t)below(r, 41) - 20);
        break;
    case 1:
        mc_q_set_frac(q, (int64_t)below(r, 2001) - 1000, 1 + below(r, 999));
        break;
    case 2: { /* needs GMP */
        mc_q a = MC_Q_ZERO, b = MC_Q_ZERO;
        mc_q_set_frac(&a, INT64_MAX - below(r, 1000), 3);
        mc_q_set_frac(&b, -(INT64_MAX - below(r, 1000)), 7);
        mc_q_mul(q, &a, &b);
        mc_q_clear(&a);
        mc_q_clear(&b);
        break;
    }
    default:
        mc_q_set_i64(q, (int64_t)(rnd(r) >> 1));
    }
}

/* Numbers as a file might carry them: 0, small and clashing, or large. */
static uint32_t rnd_file_number(rng *r)
{
    switch (below(r, 3)) {
    case 0:
        return 0;
    case 1:
        return 1 + below(r, 6);
    default:
        return 1 + (uint32_t)(rnd(r) % UINT32_MAX);
    }
}

typedef struct builder {
    rng r;
    mc_tree *t;
    mc_q pay[4];
    mc_q probs[4];
    uint32_t labels[4];
} builder;

static uint32_t rnd_outcome(builder *b, bool terminal)
{
    mc_tree *t = b->t;
    if (below(&b->r, 10) < (terminal ? 2u : 7u))
        return MC_TREE_NONE;
    if (t->noutcomes > 0 && below(&b->r, 3) == 0)
        return below(&b->r, t->noutcomes);
    for (unsigned p = 0; p < t->nplayers; p++)
        rnd_number(&b->r, &b->pay[p]);
    return mc_tree_add_outcome(t, b->pay, rnd_string(&b->r, t), rnd_file_number(&b->r), NULL);
}

static uint32_t rnd_infoset(builder *b, uint32_t *nactions)
{
    mc_tree *t = b->t;
    if (t->ninfosets > 0 && below(&b->r, 5) < 2) {
        uint32_t i = below(&b->r, t->ninfosets);
        *nactions = t->infosets[i].nactions;
        return i;
    }
    uint32_t n = 1 + below(&b->r, 4);
    for (uint32_t a = 0; a < n; a++)
        b->labels[a] = rnd_string(&b->r, t);
    *nactions = n;
    return mc_tree_add_infoset(t, below(&b->r, t->nplayers), n, b->labels, rnd_string(&b->r, t),
                               rnd_file_number(&b->r), NULL);
}

static uint32_t rnd_chance(builder *b, uint32_t *n_out)
{
    mc_tree *t = b->t;
    if (t->nchances > 0 && below(&b->r, 3) == 0) {
        uint32_t c = below(&b->r, t->nchances);
        *n_out = t->chances[c].nchance;
        return c;
    }
    uint32_t n = 1 + below(&b->r, 4), weight[4], total = 0;
    for (uint32_t a = 0; a < n; a++)
        total += weight[a] = below(&b->r, 4);
    if (total == 0)
        total = weight[0] = 1;
    for (uint32_t a = 0; a < n; a++) {
        mc_q_set_frac(&b->probs[a], weight[a], total);
        b->labels[a] = rnd_string(&b->r, t);
    }
    *n_out = n;
    return mc_tree_add_chance(t, n, b->probs, b->labels, rnd_string(&b->r, t),
                              rnd_file_number(&b->r), NULL);
}

/* A random finished tree of at most max_nodes nodes, built in preorder. */
static void random_tree(uint64_t seed, uint32_t max_nodes, mc_tree *t)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.r.s = seed * UINT64_C(0x9e3779b97f4a7c15) + 1;
    b.t = t;
    for (int i = 0; i < 4; i++) {
        b.pay[i] = MC_Q_ZERO;
        b.probs[i] = MC_Q_ZERO;
    }
    unsigned nplayers = 1 + below(&b.r, 4);
    ck_assert_int_eq(mc_tree_init(t, nplayers, NULL), MC_OK);
    t->title = strdup(below(&b.r, 2) ? "random \"tree\"" : "");
    t->comment = below(&b.r, 2) ? strdup("seeded\nround trip") : NULL;
    for (unsigned p = 0; p < nplayers; p++)
        t->player_name[p] = rnd_string(&b.r, t);
    uint32_t pending = 1; /* nodes promised but not yet added */
    while (pending > 0) {
        pending--;
        uint32_t budget = max_nodes - t->nnodes - 1 - pending, k = 0, ref = 0;
        uint8_t kind = MC_TNODE_TERMINAL;
        uint32_t choice = budget >= 4 ? below(&b.r, 10) : 9;
        if (choice < 2) {
            kind = MC_TNODE_CHANCE;
            ref = rnd_chance(&b, &k);
        } else if (choice < 6) {
            kind = MC_TNODE_DECISION;
            ref = rnd_infoset(&b, &k);
        }
        if (k > budget) { /* a reused record with too many actions */
            kind = MC_TNODE_TERMINAL;
            k = 0;
        }
        uint32_t name = below(&b.r, 3) == 0 ? rnd_string(&b.r, t) : 0;
        ck_assert_uint_ne(ref, MC_TREE_NONE);
        mc_tree_add_node(t, kind, ref, rnd_outcome(&b, kind == MC_TNODE_TERMINAL), name, NULL);
        pending += k;
    }
    for (int i = 0; i < 4; i++) {
        mc_q_clear(&b.pay[i]);
        mc_q_clear(&b.probs[i]);
    }
    mc_error err;
    ck_assert_msg(mc_tree_finish(t, &err) == MC_OK, "%s", err.msg);
}

START_TEST(test_random_round_trips)
{
    for (uint64_t seed = 1; seed <= 150; seed++) {
        mc_tree t;
        random_tree(seed, 5 + (uint32_t)(seed * 7 % 400), &t);
        char what[32];
        snprintf(what, sizeof what, "seed %llu", (unsigned long long)seed);
        check_efg_round_trip(&t, what);
        mc_tree_free(&t);
    }
}
END_TEST

/* ---- simultaneous nodes ------------------------------------------------------- */

static uint32_t add_named_infoset(mc_tree *t, uint32_t player, const char *name,
                                  const char *a, const char *b)
{
    uint32_t labels[2] = {mc_tree_string(t, a, strlen(a), NULL),
                          mc_tree_string(t, b, strlen(b), NULL)};
    return mc_tree_add_infoset(t, player, 2, labels, mc_tree_string(t, name, strlen(name), NULL),
                               0, NULL);
}

static uint32_t add_payoff_outcome(mc_tree *t, int64_t x, int64_t y, int64_t z, const char *name)
{
    mc_q pay[3] = {MC_Q_INT(x), MC_Q_INT(y), MC_Q_INT(z)};
    return mc_tree_add_outcome(t, pay, mc_tree_string(t, name, strlen(name), NULL), 0, NULL);
}

/* One stage where all three players move at once; child c = 4i + 2j + k. */
static void three_mover_stage(mc_tree *t)
{
    ck_assert_int_eq(mc_tree_init(t, 3, NULL), MC_OK);
    t->title = strdup("simul");
    for (unsigned p = 0; p < 3; p++) {
        char name[4] = {'P', (char)('1' + p), 0};
        t->player_name[p] = mc_tree_string(t, name, 2, NULL);
    }
    uint32_t movers[3] = {add_named_infoset(t, 0, "s1", "a", "b"),
                          add_named_infoset(t, 1, "s2", "x", "y"),
                          add_named_infoset(t, 2, "s3", "u", "v")};
    uint32_t s = mc_tree_add_simul(t, 3, movers, NULL);
    uint32_t fee = add_payoff_outcome(t, 1, 1, 1, "fee");
    mc_tree_add_node(t, MC_TNODE_SIMULTANEOUS, s, fee, mc_tree_string(t, "stage", 5, NULL), NULL);
    for (int c = 0; c < 8; c++)
        mc_tree_add_node(t, MC_TNODE_TERMINAL, 0, add_payoff_outcome(t, c / 4, c / 2 % 2, c % 2, ""),
                         0, NULL);
    mc_error err;
    ck_assert_msg(mc_tree_finish(t, &err) == MC_OK, "%s", err.msg);
}

START_TEST(test_simultaneous_written_as_gambit_stages)
{
    mc_tree t;
    three_mover_stage(&t);
    char *text = efg_to_string(&t, NULL);
    static const char want[] = "EFG 2 R \"simul\" { \"P1\" \"P2\" \"P3\" }\n"
                               "\"\"\n"
                               "\n"
                               "p \"stage\" 1 1 \"s1\" { \"a\" \"b\" } 1 \"fee\" { 1, 1, 1 }\n"
                               "p \"\" 2 1 \"s2\" { \"x\" \"y\" } 0\n"
                               "p \"\" 3 1 \"s3\" { \"u\" \"v\" } 0\n"
                               "t \"\" 2 \"\" { 0, 0, 0 }\n"
                               "t \"\" 3 \"\" { 0, 0, 1 }\n"
                               "p \"\" 3 1 0\n"
                               "t \"\" 4 \"\" { 0, 1, 0 }\n"
                               "t \"\" 5 \"\" { 0, 1, 1 }\n"
                               "p \"\" 2 1 0\n"
                               "p \"\" 3 1 0\n"
                               "t \"\" 6 \"\" { 1, 0, 0 }\n"
                               "t \"\" 7 \"\" { 1, 0, 1 }\n"
                               "p \"\" 3 1 0\n"
                               "t \"\" 8 \"\" { 1, 1, 0 }\n"
                               "t \"\" 9 \"\" { 1, 1, 1 }\n";
    ck_assert_str_eq(text, want);

    /* read back: a sequential tree; merging the stage restores the original */
    mc_tree u;
    mc_error err;
    ck_assert_msg(mc_efg_parse(text, strlen(text), "simul", &u, &err) == MC_OK, "%s", err.msg);
    ck_assert_uint_eq(u.nnodes, 15);
    ck_assert_uint_eq(u.ninfosets, 3);
    for (uint32_t v = 0; v < u.nnodes; v++)
        ck_assert_uint_ne(u.kind[v], MC_TNODE_SIMULTANEOUS);
    ck_assert_uint_eq(u.infosets[u.ref[5]].nnodes, 4);
    uint32_t merged;
    ck_assert_int_eq(mc_tree_merge_simultaneous(&u, &merged, &err), MC_OK);
    ck_assert_uint_eq(merged, 1);
    char why[200];
    ck_assert_msg(trees_equal(&t, &u, why, sizeof why), "%s", why);
    char *again = efg_to_string(&u, NULL);
    ck_assert_str_eq(again, want);
    free(again);
    mc_tree_free(&u);
    free(text);
    mc_tree_free(&t);
}
END_TEST

/* Two stages below a coin.  With their own information sets each stage is
 * written (and merged back) separately; when the second player's set is
 * shared between the stages, the file keeps it shared: she cannot tell them
 * apart. */
static void coin_and_two_stages(mc_tree *t, bool shared)
{
    ck_assert_int_eq(mc_tree_init(t, 3, NULL), MC_OK);
    uint32_t hl[2] = {mc_tree_string(t, "H", 1, NULL), mc_tree_string(t, "T", 1, NULL)};
    mc_q probs[2] = {MC_Q_ZERO, MC_Q_ZERO};
    mc_q_set_frac(&probs[0], 1, 3);
    mc_q_set_frac(&probs[1], 2, 3);
    uint32_t coin = mc_tree_add_chance(t, 2, probs, hl, 0, 0, NULL);
    mc_tree_add_node(t, MC_TNODE_CHANCE, coin, MC_TREE_NONE, 0, NULL);
    uint32_t second = add_named_infoset(t, 1, "", "x", "y");
    for (int stage = 0; stage < 2; stage++) {
        uint32_t movers[2] = {add_named_infoset(t, 0, "", "a", "b"),
                              shared ? second : add_named_infoset(t, 1, "", "x", "y")};
        mc_tree_add_node(t, MC_TNODE_SIMULTANEOUS, mc_tree_add_simul(t, 2, movers, NULL),
                         MC_TREE_NONE, 0, NULL);
        for (int c = 0; c < 4; c++)
            mc_tree_add_node(t, MC_TNODE_TERMINAL, 0,
                             add_payoff_outcome(t, c / 2, c % 2, stage, ""), 0, NULL);
    }
    mc_error err;
    ck_assert_msg(mc_tree_finish(t, &err) == MC_OK, "%s", err.msg);
}

START_TEST(test_simultaneous_stages_below_chance)
{
    mc_tree t, u;
    mc_error err;
    uint32_t merged;
    char why[200];
    coin_and_two_stages(&t, false);
    char *text = efg_to_string(&t, NULL);
    ck_assert_int_eq(mc_efg_parse(text, strlen(text), "stages", &u, &err), MC_OK);
    ck_assert_uint_eq(u.nnodes, 1 + 2 * (1 + 2 + 4));
    ck_assert_int_eq(mc_tree_merge_simultaneous(&u, &merged, &err), MC_OK);
    ck_assert_uint_eq(merged, 2);
    ck_assert_msg(trees_equal(&t, &u, why, sizeof why), "%s", why);
    free(text);
    mc_tree_free(&u);
    mc_tree_free(&t);

    coin_and_two_stages(&t, true);
    text = efg_to_string(&t, NULL);
    /* the second stage reuses player 2's set (number 1) */
    ck_assert_ptr_nonnull(strstr(text, "p \"\" 1 2 \"\" { \"a\" \"b\" } 0\n"
                                       "p \"\" 2 1 0\n"));
    ck_assert_int_eq(mc_efg_parse(text, strlen(text), "stages", &u, &err), MC_OK);
    ck_assert_uint_eq(u.infosets[u.ref[2]].nnodes, 4);
    free(text);
    mc_tree_free(&u);
    mc_tree_free(&t);
}
END_TEST

/* ---- mutated input --------------------------------------------------------------- */

static char *mutate(rng *r, const char *src, size_t len, size_t *out_len)
{
    static const char interesting[] = "{}\",\\ \n0123456789-+./eEpct\x00\xff";
    char *buf = malloc(len * 2 + 64);
    memcpy(buf, src, len);
    size_t n = len;
    uint32_t edits = 1 + below(r, 4);
    for (uint32_t e = 0; e < edits; e++) {
        size_t at = n ? below(r, (uint32_t)n) : 0;
        switch (below(r, 5)) {
        case 0: /* truncate */
            n = at;
            break;
        case 1: { /* delete a few bytes */
            size_t k = 1 + below(r, 8);
            if (at + k > n)
                k = n - at;
            memmove(buf + at, buf + at + k, n - at - k);
            n -= k;
            break;
        }
        case 2: /* replace a byte */
            if (n)
                buf[at] = interesting[below(r, sizeof interesting - 1)];
            break;
        case 3: /* insert a byte */
            if (n < len * 2 + 32) {
                memmove(buf + at + 1, buf + at, n - at);
                buf[at] = below(r, 2) ? interesting[below(r, sizeof interesting - 1)]
                                      : (char)below(r, 256);
                n++;
            }
            break;
        default: { /* duplicate a chunk */
            size_t k = 1 + below(r, 16);
            if (at + k > n)
                k = n - at;
            if (n + k <= len * 2 + 32) {
                memmove(buf + at + k, buf + at, n - at);
                n += k;
            }
        }
        }
    }
    *out_len = n;
    return buf;
}

static void check_outcome_of_fuzz(mc_status st, const mc_error *err, const char *input,
                                  size_t len)
{
    ck_assert_msg(st == MC_OK || st == MC_EINPUT, "status %d for input %.*s", st, (int)len,
                  input);
    if (st == MC_EINPUT) {
        unsigned long line, col;
        char colon;
        ck_assert_msg(sscanf(err->msg, "fuzz:%lu:%lu%c", &line, &col, &colon) == 3 &&
                          colon == ':',
                      "message \"%s\"", err->msg);
        ck_assert_ptr_null(strchr(err->msg, '\n'));
    }
}

START_TEST(test_fuzz_efg)
{
    static const char *fixtures[] = {"bayes_chance.efg", "stages.efg", "decimals.efg"};
    rng r = {12345};
    for (size_t f = 0; f < 4; f++) {
        char *src;
        size_t len;
        mc_error err;
        if (f < 3) {
            char path[512];
            ck_assert_int_eq(mc_read_file(mc_test_data(fixtures[f], path, sizeof path), &src, &len,
                                          &err),
                             MC_OK);
        } else {
            mc_tree t;
            random_tree(77, 60, &t);
            src = efg_to_string(&t, &len);
            mc_tree_free(&t);
        }
        for (int i = 0; i < 600; i++) {
            size_t n;
            char *input = mutate(&r, src, len, &n);
            mc_tree t;
            mc_status st = mc_efg_parse(input, n, "fuzz", &t, &err);
            check_outcome_of_fuzz(st, &err, input, n);
            if (st == MC_OK) { /* whatever was accepted must survive a round trip */
                check_efg_round_trip(&t, "fuzz");
                mc_tree_free(&t);
            }
            free(input);
        }
        free(src);
    }
}
END_TEST

START_TEST(test_fuzz_nfg)
{
    static const char *fixtures[] = {"pd.nfg", "selten_outcomes.nfg"};
    rng r = {777};
    for (size_t f = 0; f < 2; f++) {
        char *src, path[512];
        size_t len;
        mc_error err;
        ck_assert_int_eq(mc_read_file(mc_test_data(fixtures[f], path, sizeof path), &src, &len,
                                      &err),
                         MC_OK);
        for (int i = 0; i < 800; i++) {
            size_t n;
            char *input = mutate(&r, src, len, &n);
            mc_nfg g;
            mc_status st = mc_nfg_parse(input, n, "fuzz", &g, &err);
            check_outcome_of_fuzz(st, &err, input, n);
            if (st == MC_OK) {
                char *text = nfg_to_string(&g, NULL);
                mc_nfg h;
                ck_assert_msg(mc_nfg_parse(text, strlen(text), "again", &h, &err) == MC_OK, "%s",
                              err.msg);
                for (uint64_t k = 0; k < g.nprofiles * g.nplayers; k++)
                    ck_assert(mc_q_eq(&g.payoff[k], &h.payoff[k]));
                mc_nfg_free(&h);
                free(text);
                mc_nfg_free(&g);
            }
            free(input);
        }
        free(src);
    }
}
END_TEST

Suite *mc_suite_gambit_random(void)
{
    Suite *s = suite_create("gambit_random");
    TCase *tc = tcase_create("random");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_random_round_trips);
    tcase_add_test(tc, test_simultaneous_written_as_gambit_stages);
    tcase_add_test(tc, test_simultaneous_stages_below_chance);
    tcase_add_test(tc, test_fuzz_efg);
    tcase_add_test(tc, test_fuzz_nfg);
    suite_add_tcase(s, tc);
    return s;
}

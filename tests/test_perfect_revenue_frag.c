/* The game fragments of the perfect-revenue claims (`check --dot`): the
 * Lemma 1 counterexample's node with the prescribed vote and the best, the
 * values on the edges confirmed from the leaves' payoffs (the generator's
 * own expansion, summed and, with explicit coins, averaged over the chance
 * edges' probabilities), ties, the equilibrium path of a HOLDS instance
 * against the independent evaluation of the play, and claims that are not
 * checked on a game tree. */
#include <check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_claims.h"
#include "mechcheck/claim.h"
#include "testutil.h"

static mc_verdict run_claim(const char *id, mc_claim_result *res, ...)
{
    const mc_claim *c = mc_claim_find(id);
    ck_assert_msg(c != NULL, "claim %s", id);
    mc_instance in;
    mc_error err;
    ck_assert_int_eq(mc_instance_init(&in, "--set", &err), MC_OK);
    va_list ap;
    va_start(ap, res);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
        ck_assert_msg(mc_instance_set(&in, s, &err) == MC_OK, "%s", err.msg);
    va_end(ap);
    mc_status st = mc_claim_run(c, &in, NULL, res, &err);
    ck_assert_msg(st == MC_OK, "%s: %s", id, err.msg);
    mc_instance_free(&in);
    return res->verdict;
}

/* ---- reading a fragment ------------------------------------------------------------------- */

static const json_t *node_at(const json_t *frag, json_int_t id)
{
    const json_t *n = json_array_get(json_object_get(frag, "nodes"), (size_t)id);
    ck_assert_ptr_nonnull(n);
    ck_assert_int_eq(json_integer_value(json_object_get(n, "id")), id);
    return n;
}

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    ck_assert_msg(s != NULL, "no string '%s'", key);
    return s;
}

/* The nodes with a mark: how many, and the id of the first. */
static size_t with_mark(const json_t *frag, const char *mark, json_int_t *first)
{
    size_t i, k = 0;
    const json_t *n;
    json_array_foreach (json_object_get(frag, "nodes"), i, n)
        if (strcmp(str(n, "mark"), mark) == 0 && k++ == 0 && first)
            *first = json_integer_value(json_object_get(n, "id"));
    return k;
}

/* The edge from `from` whose label starts with prefix (NULL: none). */
static const json_t *edge_from(const json_t *frag, json_int_t from, const char *prefix)
{
    size_t i;
    const json_t *e;
    json_array_foreach (json_object_get(frag, "edges"), i, e)
        if (json_integer_value(json_object_get(e, "from")) == from &&
            strncmp(str(e, "label"), prefix, strlen(prefix)) == 0)
            return e;
    return NULL;
}

static size_t count_edges_from(const json_t *frag, json_int_t from)
{
    size_t i, k = 0;
    const json_t *e;
    json_array_foreach (json_object_get(frag, "edges"), i, e)
        k += json_integer_value(json_object_get(e, "from")) == from;
    return k;
}

/* The payoffs at the end of a terminal's label "... (a, b, c)": their sum
 * over players [0, upto) into *sum. */
static void leaf_sum(const json_t *leaf, unsigned upto, mc_q *sum)
{
    const char *label = str(leaf, "label");
    const char *p = strrchr(label, '(');
    ck_assert_msg(p != NULL, "no payoffs in [%s]", label);
    mc_q_set_i64(sum, 0);
    mc_q v = MC_Q_ZERO;
    p++;
    for (unsigned j = 0; j < upto; j++) {
        size_t len = strcspn(p, ",)");
        ck_assert_msg(mc_q_parse(&v, p, len, NULL) == MC_OK, "payoff %u of [%s]", j, label);
        mc_q_add(sum, sum, &v);
        p += len;
        ck_assert(*p == ',' || *p == ')');
        p += *p == ',' ? 2 : 1;
    }
    mc_q_clear(&v);
}

/* The value of the subtree at id for players [0, upto): a terminal's sum,
 * the expectation over a chance node's "#k p=P" edges, the one edge below
 * any other node. */
static void subtree_value(const json_t *frag, json_int_t id, unsigned upto, mc_q *out)
{
    const json_t *n = node_at(frag, id);
    if (strcmp(str(n, "kind"), "terminal") == 0) {
        leaf_sum(n, upto, out);
        return;
    }
    bool chance = strcmp(str(n, "kind"), "chance") == 0;
    if (!chance)
        ck_assert_uint_eq(count_edges_from(frag, id), 1);
    mc_q_set_i64(out, 0);
    mc_q p = MC_Q_ZERO, v = MC_Q_ZERO, total = MC_Q_ZERO;
    size_t i;
    const json_t *e;
    json_array_foreach (json_object_get(frag, "edges"), i, e) {
        if (json_integer_value(json_object_get(e, "from")) != id)
            continue;
        subtree_value(frag, json_integer_value(json_object_get(e, "to")), upto, &v);
        if (chance) {
            const char *at = strstr(str(e, "label"), " p=");
            ck_assert_ptr_nonnull(at);
            ck_assert_int_eq(mc_q_parse(&p, at + 3, strlen(at + 3), NULL), MC_OK);
            mc_q_addmul(out, &p, &v);
            mc_q_add(&total, &total, &p);
        } else {
            mc_q_set(out, &v);
        }
    }
    if (chance)
        ck_assert_q_str(&total, "1");
    mc_q_clear(&p);
    mc_q_clear(&v);
    mc_q_clear(&total);
}

static void assert_branch_value(const json_t *frag, const json_t *edge, unsigned upto,
                                const char *want)
{
    mc_q v = MC_Q_ZERO;
    subtree_value(frag, json_integer_value(json_object_get(edge, "to")), upto, &v);
    ck_assert_q_str(&v, want);
    mc_q_clear(&v);
}

/* ---- Lemma 1's counterexample --------------------------------------------------------------- */

#define L1_CEX "n=3", "tv=1,1,1", "partition=1,2", "caps=1"
#define L1_NODE "bot:(1,1,0) (1,_,0) (0,0,_)"

/* The counterexample's fragment, closed-form leaves or explicit coins. */
static void check_l1_fragment(const char *leaves)
{
    mc_claim_result r;
    ck_assert_int_eq(run_claim("perfect-revenue/lemma-1", &r, L1_CEX, leaves, NULL), MC_FAILS);
    const json_t *frag = r.fragment;
    ck_assert_ptr_nonnull(frag);
    /* one focus: the first failing node, reached from the root by its
     * history (6, 2, 0): player 1's announcement and two raises */
    json_int_t focus = -1;
    ck_assert_uint_eq(with_mark(frag, "focus", &focus), 1);
    const char *label = str(node_at(frag, focus), "label");
    ck_assert_msg(strncmp(label, L1_NODE "\n", strlen(L1_NODE) + 1) == 0, "focus [%s]", label);
    ck_assert_ptr_nonnull(strstr(label, "Lemma 1 (YES/NO): mismatch for block {1,2}"));
    ck_assert_str_eq(str(node_at(frag, 0), "label"), "root");
    const json_t *e = edge_from(frag, 0, "bot:(1,1,0)\n(not the SPE choice)");
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(str(e, "mark"), "path");
    e = edge_from(frag, json_integer_value(json_object_get(e, "to")), "(1,_,0)");
    ck_assert_ptr_nonnull(e);
    e = edge_from(frag, json_integer_value(json_object_get(e, "to")), "(0,0,_)");
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(json_integer_value(json_object_get(e, "to")), focus);
    /* the prescribed joint vote and the best, with the block's values and
     * the gap of the witness; the leaves' payoffs below them confirm the
     * values: 1 and 2 are the block */
    const json_t *presc = edge_from(frag, focus, "1:YES,2:YES\nprescribed: block {1,2} value "
                                                 "-6823/2520");
    ck_assert_ptr_nonnull(presc);
    ck_assert_str_eq(str(presc, "mark"), "");
    const json_t *best = edge_from(frag, focus, "1:YES,2:NO\nbest: block {1,2} value "
                                                "-67009/37800 (gap 631/675)");
    ck_assert_ptr_nonnull(best);
    ck_assert_str_eq(str(best, "mark"), "deviation");
    assert_branch_value(frag, presc, 2, "-6823/2520");
    assert_branch_value(frag, best, 2, "-67009/37800");
    /* the other two votes are cut, and the whole stays small */
    size_t i;
    const json_t *cut = NULL, *e2;
    json_array_foreach (json_object_get(frag, "edges"), i, e2)
        if (json_integer_value(json_object_get(e2, "from")) == focus &&
            strcmp(str(node_at(frag, json_integer_value(json_object_get(e2, "to"))), "kind"),
                   "cut") == 0)
            cut = e2;
    ck_assert_ptr_nonnull(cut);
    ck_assert_str_eq(str(cut, "label"), "");
    ck_assert_str_eq(str(node_at(frag, json_integer_value(json_object_get(cut, "to"))), "label"),
                     "... 2 other actions");
    ck_assert_uint_eq(count_edges_from(frag, focus), 3);
    ck_assert_uint_le(json_array_size(json_object_get(frag, "nodes")), 16);
    mc_claim_result_free(&r);
}

START_TEST(test_lemma1_counterexample)
{
    check_l1_fragment("leaves=closed");
    /* with explicit coins the best vote leads to c1 and c2: the chance
     * edges' probabilities average the realised payoffs to the same value */
    check_l1_fragment("leaves=chance");
    mc_pr_run_flush();
}
END_TEST

/* ---- ties and votes that are not strictly dominant ------------------------------------------ */

START_TEST(test_not_dominant_and_ties)
{
    mc_claim_result r;
    /* the same instance: the first node without a strictly best action is a
     * YES/NO stage where player 3 voting YES makes the block {1,2} prefer NO */
    ck_assert_int_eq(run_claim("perfect-revenue/unique-spe", &r, L1_CEX, NULL), MC_FAILS);
    json_int_t focus = -1;
    ck_assert_uint_eq(with_mark(r.fragment, "focus", &focus), 1);
    ck_assert_ptr_nonnull(strstr(str(node_at(r.fragment, focus), "label"),
                                 "not-dominant for block {1,2}"));
    const json_t *chosen = edge_from(r.fragment, focus, "1:YES,2:YES,3:NO\nprescribed and chosen");
    const json_t *base = edge_from(r.fragment, focus, "1:YES,2:YES,3:YES\n");
    const json_t *alt = edge_from(r.fragment, focus, "1:YES,2:NO,3:YES\nblock {1,2} does at "
                                                     "least as well: value -66289/37800 vs "
                                                     "-1355/504");
    ck_assert_ptr_nonnull(chosen);
    ck_assert_ptr_nonnull(base);
    ck_assert_ptr_nonnull(alt);
    ck_assert_str_eq(str(alt, "mark"), "deviation");
    assert_branch_value(r.fragment, base, 2, "-1355/504");
    assert_branch_value(r.fragment, alt, 2, "-66289/37800");
    mc_claim_result_free(&r);
    /* MSW = 0: player 1's announcements (bot, 0) and (w, 0) tie at the root */
    ck_assert_int_eq(run_claim("perfect-revenue/lemma-3", &r, "n=2", "tv=0,0", "caps=2", NULL),
                     MC_FAILS);
    ck_assert_uint_eq(with_mark(r.fragment, "focus", &focus), 1);
    ck_assert_int_eq(focus, 0);
    ck_assert_ptr_nonnull(edge_from(r.fragment, 0, "bot:(0,0)\nprescribed and chosen: block {1} "
                                                   "value 0"));
    alt = edge_from(r.fragment, 0, "w:(0,0)\nblock {1} does at least as well: value 0 vs 0");
    ck_assert_ptr_nonnull(alt);
    ck_assert_str_eq(str(alt, "mark"), "deviation");
    mc_claim_result_free(&r);
    mc_pr_run_flush();
}
END_TEST

/* ---- HOLDS: the equilibrium path ------------------------------------------------------------ */

#define F4 "n=2", "tv=1,2", "eps=1/20", "caps=3"

START_TEST(test_holds_path)
{
    static const char *const ids[] = {"lemma-1", "lemma-2", "lemma-3", "theorem-2-welfare",
                                      "theorem-2-revenue", "unique-spe", "no-loss",
                                      "nonneg-utility"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char id[64];
        snprintf(id, sizeof id, "perfect-revenue/%s", ids[i]);
        mc_claim_result r;
        ck_assert_msg(run_claim(id, &r, F4, NULL) == MC_HOLDS, "%s", id);
        const json_t *frag = r.fragment;
        ck_assert_msg(frag != NULL, "%s has no fragment", id);
        /* root -> w:(1,2) -> player 2 raises nobody -> 2 votes YES -> leaf,
         * every node and edge on the path */
        size_t nnodes = json_array_size(json_object_get(frag, "nodes"));
        ck_assert_uint_eq(nnodes, 4);
        ck_assert_uint_eq(with_mark(frag, "path", NULL), 4);
        ck_assert_uint_eq(with_mark(frag, "focus", NULL), 0);
        ck_assert_str_eq(str(node_at(frag, 0), "label"),
                         "root\nSPE expected utilities (29/80, 1/10)");
        const json_t *e = edge_from(frag, 0, "w:(1,2)");
        ck_assert_ptr_nonnull(e);
        ck_assert_str_eq(str(e, "mark"), "path");
        e = edge_from(frag, 1, "(0,_)");
        ck_assert_ptr_nonnull(e);
        e = edge_from(frag, 2, "YES");
        ck_assert_ptr_nonnull(e);
        /* the leaf's payoffs are the literal evaluation of the play */
        const json_t *eu = json_object_get(json_object_get(r.witness, "equilibrium"),
                                           "expected_utilities");
        if (eu)
            ck_assert_str_eq(json_string_value(json_array_get(eu, 0)), "29/80");
        ck_assert_str_eq(str(node_at(frag, 3), "label"), "w:(1,2) (0,_) NO={} (29/80, 1/10)");
        ck_assert_str_eq(str(node_at(frag, 3), "kind"), "terminal");
        mc_claim_result_free(&r);
    }
    mc_pr_run_flush();
}
END_TEST

/* A failure about the equilibrium outcome: its leaves are the focus. */
START_TEST(test_outcome_failure)
{
    mc_claim_result r;
    /* Lemma 3 prices the block {1,2}'s whole value on its minimal member,
     * player 1, whose own utility is then -63/100 (proofs/perfect-revenue.md) */
    ck_assert_int_eq(run_claim("perfect-revenue/nonneg-utility", &r, "n=3", "tv=1,1,1",
                               "eps=1/20", "caps=3", "partition=1,2", NULL),
                     MC_FAILS);
    json_int_t focus = -1;
    ck_assert_uint_eq(with_mark(r.fragment, "focus", &focus), 1);
    ck_assert_str_eq(str(node_at(r.fragment, focus), "kind"), "terminal");
    ck_assert_ptr_nonnull(strstr(str(node_at(r.fragment, focus), "label"), " NO={} (-63/100, "));
    ck_assert_ptr_nonnull(strstr(str(node_at(r.fragment, 0), "label"), r.reason));
    mc_claim_result_free(&r);
    mc_pr_run_flush();
}
END_TEST

/* Claims not checked on M's game tree carry no fragment. */
START_TEST(test_no_fragment)
{
    mc_claim_result r;
    ck_assert_int_eq(run_claim("perfect-revenue/theorem-1", &r, "eps=1/10", NULL), MC_HOLDS);
    ck_assert_ptr_null(r.fragment);
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/gp-rounds", &r, "m=3", NULL), MC_HOLDS);
    ck_assert_ptr_null(r.fragment);
    mc_claim_result_free(&r);
}
END_TEST

Suite *mc_suite_perfect_revenue_frag(void)
{
    Suite *s = suite_create("perfect_revenue_frag");
    TCase *tc = tcase_create("fragments");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_lemma1_counterexample);
    tcase_add_test(tc, test_not_dominant_and_ties);
    tcase_add_test(tc, test_holds_path);
    tcase_add_test(tc, test_outcome_failure);
    tcase_add_test(tc, test_no_fragment);
    suite_add_tcase(s, tc);
    return s;
}

/* The perfect-revenue claims through the claims layer (mc_claim_run: the
 * mechanism's validation, the check, then the independent re-check): the
 * fixtures' verdicts and exact numbers, the collusive counterexamples,
 * Theorem 1's certificates (F2), HOPE-FOR-THE-BEST (F1), the Glazer-Perry
 * arithmetic, and `mechcheck export` read back and solved. */
#include <check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "claim/perfect_revenue_claims.h"
#include "mechcheck/claim.h"
#include "mechcheck/gambit.h"
#include "mechcheck/spe.h"
#include "testutil.h"

/* Runs a claim on "--set" words (NULL-terminated); returns the verdict. */
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

static const char *margin(const mc_claim_result *r, const char *name)
{
    const char *s = json_string_value(json_object_get(r->margins, name));
    return s ? s : "(none)";
}

#define F4 "n=2", "tv=1,2", "eps=1/20", "caps=3"
#define COAL "n=3", "tv=1,1,1", "eps=1/20", "caps=3", "partition=1,2"

START_TEST(test_lemmas_f4)
{
    mc_claim_result r;
    static const char *const ids[] = {"lemma-1", "lemma-1-prime", "lemma-2", "lemma-2-prime",
                                      "lemma-3", "lemma-3-prime", "unique-spe"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char id[64];
        snprintf(id, sizeof id, "perfect-revenue/%s", ids[i]);
        ck_assert_msg(run_claim(id, &r, F4, NULL) == MC_HOLDS, "%s: %s", id, r.reason);
        mc_claim_result_free(&r);
    }
    /* the smallest gap between the best and the second raise at a step node:
     * player 2 raising player 1 to his value earns eps^2_1 = 1/30 */
    run_claim("perfect-revenue/lemma-2", &r, F4, NULL);
    ck_assert_str_eq(margin(&r, "min_gap_best_vs_second"), "1/30");
    mc_claim_result_free(&r);
    mc_pr_run_flush();
}
END_TEST

START_TEST(test_theorem2_f4)
{
    mc_claim_result r;
    ck_assert_int_eq(run_claim("perfect-revenue/theorem-2-revenue", &r, F4, NULL), MC_HOLDS);
    /* 203/80 - (1 - 4 eps n) MSW = 203/80 - 9/5 */
    ck_assert_str_eq(margin(&r, "revenue_minus_bound"), "59/80");
    json_t *eq = json_object_get(r.witness, "equilibrium");
    ck_assert_str_eq(json_string_value(json_object_get(eq, "announcement")), "w:(1,2)");
    ck_assert_str_eq(json_string_value(json_object_get(eq, "expected_revenue")), "203/80");
    /* the paper's exact accounting of the prescribed play agrees */
    ck_assert_str_eq(json_string_value(json_object_get(
                         r.witness, "paper_prescribed_play_revenue_MSW-2n eps-2 eps MSW+eps f/n_r")),
                     "203/80");
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/theorem-2-welfare", &r, F4, NULL), MC_HOLDS);
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/no-loss", &r, F4, NULL), MC_HOLDS);
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/nonneg-utility", &r, F4, NULL), MC_HOLDS);
    ck_assert_str_eq(margin(&r, "least_expected_utility"), "1/10");
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/no-loss-all-plays", &r, F4, NULL), MC_HOLDS);
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/one-truthful-spe", &r, F4, NULL),
                     MC_NOT_APPLICABLE);
    mc_claim_result_free(&r);
    mc_pr_run_flush();
}
END_TEST

/* The collusive instance of the hand-checked counterexamples. */
START_TEST(test_collusive)
{
    mc_claim_result r;
    ck_assert_int_eq(run_claim("perfect-revenue/lemma-1", &r, COAL, NULL), MC_FAILS);
    const json_t *f = json_array_get(json_object_get(r.witness, "findings"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(f, "gap")), "271/300");
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/lemma-2", &r, COAL, NULL), MC_FAILS);
    f = json_array_get(json_object_get(r.witness, "findings"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(f, "gap")), "1/35");
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/lemma-1-prime", &r, COAL, NULL),
                     MC_NOT_APPLICABLE);
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/unique-spe", &r, COAL, NULL), MC_FAILS);
    mc_claim_result_free(&r);
    /* the root and the theorem survive: K1 = (2,0,1) on w, revenue 243/100 */
    ck_assert_int_eq(run_claim("perfect-revenue/lemma-3", &r, COAL, NULL), MC_HOLDS);
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/theorem-2-revenue", &r, COAL, NULL), MC_HOLDS);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(r.witness, "equilibrium"),
                                                       "expected_revenue")),
                     "243/100");
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/one-truthful-spe", &r, COAL, NULL), MC_HOLDS);
    ck_assert_uint_eq(json_array_size(json_object_get(r.witness, "truthful_announcements")), 3);
    mc_claim_result_free(&r);
    mc_pr_run_flush();
}
END_TEST

/* MSW = 0: every (omega, 0) ends at step (a) with the same zero payoffs, so
 * player 1's best announcement is not unique (outcome-equivalent tie); the
 * outcome is (bot, 0) as Theorem 2's proof says. */
START_TEST(test_msw_zero)
{
    mc_claim_result r;
    ck_assert_int_eq(run_claim("perfect-revenue/lemma-3", &r, "n=2", "tv=0,0", "caps=2", NULL),
                     MC_FAILS);
    ck_assert_ptr_nonnull(strstr(r.reason, "tie"));
    mc_claim_result_free(&r);
    ck_assert_int_eq(
        run_claim("perfect-revenue/theorem-2-welfare", &r, "n=2", "tv=0,0", "caps=2", NULL),
        MC_HOLDS);
    mc_claim_result_free(&r);
    ck_assert_int_eq(
        run_claim("perfect-revenue/theorem-2-revenue", &r, "n=2", "tv=0,0", "caps=2", NULL),
        MC_HOLDS);
    ck_assert_str_eq(margin(&r, "revenue_minus_bound"), "0");
    mc_claim_result_free(&r);
    mc_pr_run_flush();
}
END_TEST

/* Caps below the prescriptions: "not representable", never a mismatch. */
START_TEST(test_caps_not_representable)
{
    mc_claim_result r;
    ck_assert_int_eq(run_claim("perfect-revenue/lemma-3", &r, "n=2", "tv=1,2", "caps=1", NULL),
                     MC_UNDECIDED);
    ck_assert_ptr_nonnull(strstr(r.reason, "not representable"));
    mc_claim_result_free(&r);
    /* TV_1 = 2 > cap 1: after K1_1 = 0 player 2 cannot raise player 1 enough */
    ck_assert_int_eq(run_claim("perfect-revenue/lemma-2", &r, "n=2", "tv=2,1", "caps=1", NULL),
                     MC_HOLDS);
    const json_t *nodes = json_object_get(r.witness, "nodes");
    ck_assert_int_gt(json_integer_value(json_object_get(nodes, "not_representable")), 0);
    ck_assert_int_eq(json_integer_value(json_object_get(nodes, "failures")), 0);
    mc_claim_result_free(&r);
    mc_pr_run_flush();
}
END_TEST

/* F2: 16 allocation patterns, 8 prices, 18 rows, all infeasible with an
 * exact Farkas certificate (re-checked from scratch by mc_claim_run). */
START_TEST(test_theorem1_f2)
{
    static const char *const eps[] = {"eps=1/10", "eps=1/2", "eps=1"};
    for (int i = 0; i < 3; i++) {
        mc_claim_result r;
        ck_assert_msg(run_claim("perfect-revenue/theorem-1", &r, eps[i], NULL) == MC_HOLDS, "%s",
                      r.reason);
        ck_assert_int_eq(json_integer_value(json_object_get(r.witness, "patterns")), 16);
        ck_assert_int_eq(json_integer_value(json_object_get(r.witness, "lp_columns")), 8);
        ck_assert_int_eq(json_integer_value(json_object_get(r.witness, "lp_rows")), 18);
        size_t k;
        json_t *e;
        json_array_foreach (json_object_get(r.witness, "lps"), k, e)
            ck_assert_str_eq(json_string_value(json_object_get(e, "status")),
                             "INFEASIBLE_CERTIFIED");
        mc_claim_result_free(&r);
    }
}
END_TEST

/* With a grid where DST does not bind (one report), the LP is feasible:
 * not a counterexample to the theorem, so UNDECIDED. */
START_TEST(test_theorem1_feasible_grid)
{
    mc_claim_result r;
    ck_assert_int_eq(
        run_claim("perfect-revenue/theorem-1", &r, "eps=1/10", "reports=1,1", NULL),
        MC_UNDECIDED);
    mc_claim_result_free(&r);
}
END_TEST

/* Appendix B: k > 5 (1 - eps) 2^m / eps = 5 * 9/10 * 1024 * 10 = 46080, so
 * the least k is 46081; the paper's 5 * 2^m / eps gives 51201. */
START_TEST(test_gp)
{
    mc_claim_result r;
    ck_assert_int_eq(run_claim("perfect-revenue/gp-rounds", &r, "eps=1/10", "m=10", "k=60000",
                               "delta=1/55", NULL),
                     MC_HOLDS);
    ck_assert_str_eq(json_string_value(json_object_get(r.witness, "least_k_exact")), "46081");
    ck_assert_str_eq(json_string_value(json_object_get(r.witness, "least_k_paper")), "51201");
    /* at k = 60000, delta = 1/55 < eps/5 = 1/50: lie - truth
     * = (9/10) 1024/60000 - 1/55 < 0 */
    const json_t *at = json_object_get(r.witness, "at_k_delta");
    ck_assert(json_is_true(json_object_get(at, "player5_truthful")));
    ck_assert(json_is_true(json_object_get(at, "last_round_truthful")));
    mc_claim_result_free(&r);
}
END_TEST

#define F1 "tv=2,4", "discount=1/10"

START_TEST(test_hope_f1)
{
    mc_claim_result r;
    ck_assert_int_eq(run_claim("perfect-revenue/hope-truthful-ne", &r, F1, NULL), MC_HOLDS);
    ck_assert_int_eq(json_integer_value(json_object_get(r.witness, "pure_nash_equilibria")), 144);
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/hope-scaled-ne", &r, F1, "x=2", NULL), MC_HOLDS);
    ck_assert_str_eq(json_string_value(json_object_get(r.witness, "revenue_fraction_of_MSW")),
                     "7/15"); /* (1 + 2 - 1/5) / 6 = 14/5 / 6 */
    mc_claim_result_free(&r);
    /* literally: utilities (1 - 1/10 + ...) are not x times the discount */
    ck_assert_int_eq(run_claim("perfect-revenue/hope-scaled-numbers", &r, F1, "x=2", NULL),
                     MC_FAILS);
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/hope-footnote-1", &r, F1, "c=1", NULL), MC_HOLDS);
    mc_claim_result_free(&r);
    ck_assert_int_eq(run_claim("perfect-revenue/hope-equilibrium-selection", &r, F1, NULL),
                     MC_HOLDS);
    mc_claim_result_free(&r);
}
END_TEST

/* `mechcheck export` writes M's game; read back and solved by the tree
 * solver, it gives the generator's values. */
START_TEST(test_export_cli)
{
    const char *bin = getenv("MC_BIN");
    ck_assert_msg(bin != NULL, "MC_BIN is not set (run the tests through make)");
    char path[] = "/tmp/mc_pr_export_XXXXXX", cmd[1024];
    close(mkstemp(path));
    snprintf(cmd, sizeof cmd,
             "'%s' export perfect-revenue --set n=2 --set tv=1,2 --set caps=2 --set eps=1/20 "
             "--set leaves=chance -o '%s'",
             bin, path);
    ck_assert_int_eq(system(cmd), 0);
    mc_tree t;
    mc_error err;
    ck_assert_msg(mc_efg_read(path, &t, &err) == MC_OK, "%s", err.msg);
    unlink(path);
    uint32_t merged;
    ck_assert_int_eq(mc_tree_merge_simultaneous(&t, &merged, &err), MC_OK);
    mc_spe_result rt, rg;
    ck_assert_int_eq(mc_spe_solve_tree(&t, NULL, &rt, &err), MC_OK);
    mc_pr_params p;
    mc_pr_params_init(&p);
    int64_t tv[2] = {1, 2};
    mc_pr_params_simple(&p, 2, tv, 2);
    mc_q_set_frac(&p.eps, 1, 20);
    mc_pr_chain_default(&p);
    mc_game g;
    ck_assert_int_eq(mc_pr_game_new(&g, &p, &err), MC_OK);
    ck_assert_int_eq(mc_spe_solve(&g, NULL, &rg, &err), MC_OK);
    for (unsigned j = 0; j < 2; j++)
        ck_assert(mc_q_eq(&rt.value[j], &rg.value[j]));
    mc_spe_result_free(&rt);
    mc_spe_result_free(&rg);
    mc_game_destroy(&g);
    mc_pr_params_clear(&p);
    mc_tree_free(&t);
    /* a mechanism without a game to export is an error (exit 2) */
    snprintf(cmd, sizeof cmd, "'%s' export perfect-revenue/gp --set m=3 >/dev/null 2>&1", bin);
    int ws = system(cmd);
    ck_assert(WIFEXITED(ws) && WEXITSTATUS(ws) == 2);
}
END_TEST

Suite *mc_suite_perfect_revenue_claims(void)
{
    Suite *s = suite_create("perfect_revenue_claims");
    TCase *tc = tcase_create("claims");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_lemmas_f4);
    tcase_add_test(tc, test_theorem2_f4);
    tcase_add_test(tc, test_collusive);
    tcase_add_test(tc, test_msw_zero);
    tcase_add_test(tc, test_caps_not_representable);
    tcase_add_test(tc, test_theorem1_f2);
    tcase_add_test(tc, test_theorem1_feasible_grid);
    tcase_add_test(tc, test_gp);
    tcase_add_test(tc, test_hope_f1);
    tcase_add_test(tc, test_export_cli);
    suite_add_tcase(s, tc);
    return s;
}

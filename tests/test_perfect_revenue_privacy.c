/* perfect-revenue/privacy: the number of distinct equilibrium outcomes over
 * the grid of true values, derived by hand.  With independent players the
 * SPE announces the first MSW state at the others' true values (Lemma 3'),
 * so an outcome is (omega*, TV(omega*)) when MSW > 0, plus the single stop
 * outcome of the all-zero profile; with a block, only the block's total
 * value is priced, so the outcomes are (block total, the rest). */
#include <check.h>

#include "claim/perfect_revenue_claims.h"
#include "claim_testutil.h"
#include "testutil.h"

static mc_verdict run(mc_claim_result *res, const char *const *kv)
{
    mc_error err;
    ck_assert_msg(mc_test_run_claim("perfect-revenue/privacy", kv, res, &err) == MC_OK, "%s",
                  err.msg);
    return res->verdict;
}

static json_int_t wint(const mc_claim_result *r, const char *key)
{
    json_t *v = json_object_get(r->witness, key);
    ck_assert_msg(v != NULL, "no %s", key);
    return json_integer_value(v);
}

START_TEST(test_outcome_counts)
{
    static const struct {
        const char *n, *states, *tv, *caps, *partition;
        json_int_t profiles, outcomes;
    } cases[] = {
        /* 2 states x (3^2 - 1) price vectors + stop */
        {"n=2", "states=a,b", "tv=1,1;0,0", "caps=2", NULL, 81, 2 * 8 + 1},
        /* 2 x (2^3 - 1) + 1 */
        {"n=3", "states=a,b", "tv=1,1,1;0,0,0", "caps=1", NULL, 64, 2 * 7 + 1},
        /* block {1,2}: totals 0..4 times player 3's 0..2, stop included */
        {"n=3", "states=w", "tv=1,1,1", "caps=2", "partition=1,2;3", 27, 5 * 3},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        mc_claim_result r;
        const char *kv[] = {cases[k].n,    cases[k].states,    cases[k].tv,
                            cases[k].caps, cases[k].partition, NULL};
        mc_verdict v = run(&r, kv);
        ck_assert_msg(v == MC_HOLDS, "case %zu: %s", k, r.reason);
        ck_assert_int_eq(wint(&r, "grid_profiles"), cases[k].profiles);
        ck_assert_int_eq(wint(&r, "solved"), cases[k].profiles);
        ck_assert_msg(wint(&r, "distinct_outcomes") == cases[k].outcomes, "case %zu: %lld", k,
                      (long long)wint(&r, "distinct_outcomes"));
        mc_claim_result_free(&r);
    }
}
END_TEST

/* Beyond 4096 profiles (n = 3, two states, caps 4: 5^6) nothing is decided. */
START_TEST(test_grid_limit)
{
    mc_claim_result r;
    static const char *const kv[] = {"n=3", "states=a,b", "tv=1,1,1;0,0,0", "caps=4", NULL};
    ck_assert_int_eq(run(&r, kv), MC_UNDECIDED);
    mc_claim_result_free(&r);
}
END_TEST

Suite *mc_suite_perfect_revenue_privacy(void)
{
    Suite *s = suite_create("perfect_revenue_privacy");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_outcome_counts);
    tcase_add_test(tc, test_grid_limit);
    suite_add_tcase(s, tc);
    return s;
}

/* gum/app-g-collusive-equilibrium: App G with the coalition {1,3} as one
 * agent against agent 2; every pure BNE on small grids.  The 2-point grid's
 * equilibria by hand; the counts on the 3- and 4-point grids as given by an
 * independent enumeration (interim best responses per type, AGV's transfers
 * written from their definition, in Python fractions, outside mechcheck);
 * limits and applicability. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "claim_testutil.h"
#include "testutil.h"

#define CLAIM_ID "gum/app-g-collusive-equilibrium"

static json_t *last_witness;
static char last_reason[512];

static mc_verdict run(const char *const *kv)
{
    mc_claim_result r;
    mc_error err;
    ck_assert_msg(mc_test_run_claim(CLAIM_ID, kv, &r, &err) == MC_OK, "%s", err.msg);
    mc_verdict v = r.verdict;
    json_decref(last_witness);
    last_witness = json_incref(r.witness);
    snprintf(last_reason, sizeof last_reason, "%s", r.reason ? r.reason : "");
    mc_claim_result_free(&r);
    return v;
}

static json_int_t count(const char *field)
{
    json_t *c = json_object_get(json_object_get(last_witness, "counts"), field);
    ck_assert_msg(json_is_integer(c), "no count %s", field);
    return json_integer_value(c);
}

static const char *eq_field(size_t k, const char *field)
{
    json_t *e = json_array_get(json_object_get(last_witness, "equilibria"), k);
    ck_assert_ptr_nonnull(e);
    return json_string_value(json_object_get(e, field));
}

static const char *eq_report(size_t k, const char *who, const char *type)
{
    json_t *e = json_array_get(json_object_get(last_witness, "equilibria"), k);
    ck_assert_ptr_nonnull(e);
    return json_string_value(json_object_get(json_object_get(e, who), type));
}

/* Grid {-1, 1}, sign(0) = +1.  AGV's term g(r) = E_j[theta_j d(r + theta_j)]
 * - 1/2 is g(-1) = 1/2, g(1) = -1/2 (tests/test_gum_appg.c), and with the
 * dummy t1 + t3 = g(r1)/2 - g(r2), t2 = g(r2) - g(r1)/2, so the coalition
 * maximises theta_1 E d + g(r1)/2 and agent 2 theta_2 E d + g(r2).
 * Against a truthful coalition agent 2 of type -1 reports -1 (0 + 1/2 vs
 * -1 - 1/2) and type 1 is indifferent (E d = 0: 0 + 1/2; E d = 1: 1 - 1/2).
 * Against both such plans the coalition is truthful (type 1: 3/4 vs 1/4 or
 * -3/4; type -1: 1/4 vs -5/4, or 5/4 vs -5/4).  Against agent 2 always 1
 * the coalition always reports -1 (type 1: 1 + 1/4 > 1 - 1/4), and then
 * agent 2 of type -1 prefers -1; against (1, -1) the coalition is truthful
 * and agent 2 of type -1 prefers -1.  So exactly two pure BNE.  With agent
 * 2 always -1: d = +1 iff theta_1 = 1 (sum 0), E[theta_1 d] = 1, E g(r1) =
 * 0, g(r2) = 1/2: E(u1 + u3) = 1 + 0 - 1/2 = 1/2; E u2 = 0 + 1/2 - 0 = 1/2;
 * welfare 1 = W* (d differs from truth only where the sum is 0).  Both
 * truthful: theta_1 d is 1, -1, 1, 1 at (-1,-1), (-1,1), (1,-1), (1,1), so
 * E[theta_1 d] = E[theta_2 d] = 1/2 and E g = 0: E(u1 + u3) = E u2 = 1/2,
 * welfare 1.  Both efficient, nobody over-reports: no pure witness, and
 * mixed equilibria are not enumerated, so UNDECIDED. */
START_TEST(test_grid2_by_hand)
{
    static const char *const kv[] = {"env=app-g", "grid=2", "mech=agv", NULL};
    ck_assert_int_eq(run(kv), MC_UNDECIDED);
    ck_assert_int_eq(count("pure_bne"), 2);
    ck_assert_int_eq(count("inefficient"), 0);
    ck_assert_int_eq(count("qualifying"), 0);
    ck_assert(json_is_true(
        json_object_get(json_object_get(last_witness, "counts"), "truthful_profile_is_bne")));
    ck_assert_str_eq(json_string_value(json_object_get(last_witness, "W*")), "1");
    for (size_t k = 0; k < 2; k++) {
        ck_assert_str_eq(eq_field(k, "E_u1_plus_u3"), "1/2");
        ck_assert_str_eq(eq_field(k, "E_u2"), "1/2");
        ck_assert_str_eq(eq_field(k, "welfare"), "1");
        ck_assert_str_eq(eq_report(k, "coalition_1_3_reports_for_1", "1"), "1");
        ck_assert_str_eq(eq_report(k, "coalition_1_3_reports_for_1", "-1"), "-1");
    }
    /* profiles are numbered with the coalition fastest: agent 2's (-1, -1) first */
    ck_assert_str_eq(eq_report(0, "agent_2_reports", "1"), "-1");
    ck_assert_str_eq(eq_report(1, "agent_2_reports", "1"), "1");
    ck_assert_ptr_nonnull(strstr(eq_field(0, "does_not_qualify"), "efficient"));
    ck_assert_int_eq(json_integer_value(json_object_get(last_witness,
                                                        "rechecked_by_direct_summation")),
                     2);
}
END_TEST

/* Counts from the independent enumeration: grid 3 has 8 pure BNE for
 * either tie rule, all with welfare W* = 8/9; grid 4 has none. */
START_TEST(test_grids)
{
    static const char *const g3[] = {"env=app-g", "grid=3", "mech=agv", NULL};
    ck_assert_int_eq(run(g3), MC_UNDECIDED);
    ck_assert_int_eq(count("pure_bne"), 8);
    ck_assert_int_eq(count("inefficient"), 0);
    ck_assert_int_eq(count("agent_1_over_reports"), 0);
    ck_assert_int_eq(count("agent_2_under_reports"), 1);
    ck_assert_str_eq(json_string_value(json_object_get(last_witness, "W*")), "8/9");
    /* the one under-reporting agent 2: type 1 reports 0, against a truthful coalition */
    bool found = false;
    for (size_t k = 0; k < 8; k++)
        if (json_is_true(json_object_get(
                json_array_get(json_object_get(last_witness, "equilibria"), k),
                "agent_2_under_reports"))) {
            ck_assert_str_eq(eq_report(k, "agent_2_reports", "1"), "0");
            ck_assert_str_eq(eq_report(k, "agent_2_reports", "0"), "0");
            ck_assert_str_eq(eq_report(k, "coalition_1_3_reports_for_1", "1"), "1");
            ck_assert_str_eq(eq_field(k, "welfare"), "8/9");
            found = true;
        }
    ck_assert(found);
    static const char *const g3m[] = {"env=app-g", "grid=3", "sign0=minus", "mech=btm", NULL};
    ck_assert_int_eq(run(g3m), MC_UNDECIDED);
    ck_assert_int_eq(count("pure_bne"), 8);
    static const char *const g4[] = {"env=app-g", "grid=4", "mech=agv", NULL};
    ck_assert_int_eq(run(g4), MC_UNDECIDED);
    ck_assert_int_eq(count("pure_bne"), 0);
    ck_assert_ptr_nonnull(strstr(last_reason, "0 pure BNE among 65536 profiles"));
}
END_TEST

START_TEST(test_limits_and_applicability)
{
    static const char *const lim[] = {"env=app-g", "grid=3", "max_profiles=700", "mech=agv", NULL};
    ck_assert_int_eq(run(lim), MC_UNDECIDED);
    ck_assert_ptr_nonnull(strstr(last_reason, "27 x 27 = 729"));
    static const char *const big[] = {"env=app-g", "grid=20", "mech=agv", NULL};
    ck_assert_int_eq(run(big), MC_UNDECIDED);
    static const char *const gum[] = {"env=app-g", "grid=3", "mech=gum", NULL};
    ck_assert_int_eq(run(gum), MC_NOT_APPLICABLE);
    ck_assert_ptr_nonnull(strstr(last_reason, "0 inefficient"));
    ck_assert_int_eq(count("inefficient"), 0);
    ck_assert_int_eq(count("pure_bne"), 13);
    static const char *const na[][4] = {
        {"env=app-g", "dummy=0", "mech=agv", "dummy"},
        {"env=r4", NULL, NULL, "env=app-g"},
        {"env=app-g", "info=v1", "mech=agv", "simultaneous"},
        {"env=app-g", "grid=3", "mech=dpm", "AGV"},
    };
    for (size_t k = 0; k < sizeof na / sizeof na[0]; k++) {
        const char *kv[4] = {na[k][0], na[k][1], na[k][2], NULL};
        ck_assert_int_eq(run(kv), MC_NOT_APPLICABLE);
        ck_assert_msg(strstr(last_reason, na[k][3]), "%s", last_reason);
    }
    json_decref(last_witness);
    last_witness = NULL;
}
END_TEST

Suite *mc_suite_gum_appg_eq(void)
{
    Suite *s = suite_create("gum_appg_eq");
    TCase *tc = tcase_create("app-g-collusive-equilibrium");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_grid2_by_hand);
    tcase_add_test(tc, test_grids);
    tcase_add_test(tc, test_limits_and_applicability);
    suite_add_tcase(s, tc);
    return s;
}

/* App G on a grid (env=app-g, claim gum/app-g): the environment, AGV's
 * transfers and one pair's gain computed by hand on the 2-point grid, the
 * claim's verdicts, and parameter errors. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "claim/gum_checks.h"
#include "claim_testutil.h"
#include "testutil.h"

static json_t *last_witness;
static char last_reason[512];

static mc_status setup_kv(mc_gum_setup *s, const char *const *kv, mc_error *err)
{
    mc_instance in;
    mc_test_instance(&in, kv);
    mc_status st = mc_gum_setup_read(s, &in, err);
    mc_instance_free(&in);
    return st;
}

static mc_verdict run(const char *const *kv)
{
    mc_claim_result r;
    mc_error err;
    ck_assert_msg(mc_test_run_claim("gum/app-g", kv, &r, &err) == MC_OK, "%s", err.msg);
    mc_verdict v = r.verdict;
    json_decref(last_witness);
    last_witness = json_incref(r.witness);
    snprintf(last_reason, sizeof last_reason, "%s", r.reason ? r.reason : "");
    mc_claim_result_free(&r);
    return v;
}

static const char *pair_field(unsigned k, const char *field)
{
    json_t *p = json_array_get(json_object_get(last_witness, "pairs"), k);
    ck_assert_ptr_nonnull(p);
    return json_string_value(json_object_get(p, field));
}

/* The 3-point grid with the dummy: types -1, 0, 1 at 1/3 each, u = theta d. */
START_TEST(test_env)
{
    mc_gum_env e;
    mc_error err;
    ck_assert_int_eq(mc_gum_env_app_g(&e, 3, true, &err), MC_OK);
    ck_assert_uint_eq(e.n, 3);
    ck_assert_uint_eq(e.T, 1);
    ck_assert_uint_eq(e.ntypes[1][1], 3);
    ck_assert_uint_eq(e.ntypes[1][3], 1);
    ck_assert_str_eq(e.type_label[1][2][0], "-1");
    ck_assert_str_eq(e.type_label[1][2][1], "0");
    ck_assert_str_eq(e.x_label[1][1], "+1");
    ck_assert_q_str(&mc_gum_trans(&e, 1, 1, 0, 0, 0)[2], "1/3");
    ck_assert_q_str(&mc_gum_pay(&e, 1, 1, 0)[1], "-1"); /* theta = -1, d = +1 */
    ck_assert_q_str(&mc_gum_pay(&e, 1, 2, 2)[0], "-1"); /* theta = 1, d = -1 */
    ck_assert_q_str(&mc_gum_pay(&e, 1, 3, 0)[1], "0");
    ck_assert_int_eq(mc_gum_env_validate(&e, &err), MC_OK);
    mc_gum_env_free(&e);
    ck_assert_int_eq(mc_gum_env_app_g(&e, 1, false, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "grid"));
}
END_TEST

/* Grid {-1, 1}, sign(0) = +1.  Under truth: (-1,-1) -> d = -1, otherwise
 * d = +1, so E u_j = (1 - 1 + 1 + 1)/4 = 1/2.  AGV's term of agent i is
 * g(r) = E_j[theta_j d(r + theta_j)] - 1/2: g(-1) = (1 + 1)/2 - 1/2 = 1/2
 * (theta_j = 1 ties at 0 and gets d = +1), g(1) = (-1 + 1)/2 - 1/2 = -1/2;
 * the dummy's term is 0.
 * Two agents: t_1 = g(r1) - g(r2): 0, 1, -1, 0 at (-1,-1), (-1,1), (1,-1),
 * (1,1) -- (134) prints 0 at all four.
 * With the dummy: t_1 = g(r1) - g(r2)/2, t_2 = g(r2) - g(r1)/2, t_3 =
 * -(g(r1) + g(r2))/2: (1/4, 1/4, -1/2), (3/4, -3/4, 0), (-3/4, 3/4, 0),
 * (-1/4, -1/4, 1/2). */
START_TEST(test_agv_by_hand)
{
    static const char *const two[] = {"env=app-g", "grid=2", "dummy=0", "mech=agv", NULL};
    static const char *const three[] = {"env=app-g", "grid=2", "mech=agv", NULL};
    static const char *const t2[4][2] = {{"0", "0"}, {"1", "-1"}, {"-1", "1"}, {"0", "0"}};
    static const char *const t3[4][3] = {{"1/4", "1/4", "-1/2"},
                                         {"3/4", "-3/4", "0"},
                                         {"-3/4", "3/4", "0"},
                                         {"-1/4", "-1/4", "1/2"}};
    static const uint32_t d[4] = {0, 1, 1, 1};
    mc_gum_setup s;
    mc_error err;
    for (int dummy = 0; dummy <= 1; dummy++) {
        ck_assert_msg(setup_kv(&s, dummy ? three : two, &err) == MC_OK, "%s", err.msg);
        unsigned n = s.env.n;
        ck_assert_uint_eq(n, dummy ? 3 : 2);
        for (uint32_t k = 0; k < 4; k++) {
            uint32_t th[MC_GUM_MAX_COMP] = {0, k / 2, k % 2, 0};
            uint64_t st = mc_gum_state_index(&s.env, 1, th);
            ck_assert_uint_eq(s.pol.chi[1][st], d[k]);
            const mc_q *y = mc_gum_y(&s.mechs[0], 1, 0, st);
            for (unsigned i = 0; i < n; i++)
                mc_test_q_is(&y[i], dummy ? t3[k][i] : t2[k][i], "AGV transfer");
        }
        mc_gum_setup_free(&s);
    }
    /* sign(0) = -1 reverses the tie at (-1, 1) */
    static const char *const minus[] = {"env=app-g", "grid=2", "sign0=minus", NULL};
    ck_assert_msg(setup_kv(&s, minus, &err) == MC_OK, "%s", err.msg);
    uint32_t th[MC_GUM_MAX_COMP] = {0, 0, 1, 0};
    ck_assert_uint_eq(s.pol.chi[1][mc_gum_state_index(&s.env, 1, th)], 0);
    mc_gum_setup_free(&s);
}
END_TEST

/* The pair {1,2} on the 2-point grid with the dummy.  Its total is
 * (th1 + th2) d + (g(r1) + g(r2))/2 (the dummy pays).  Truthful: E = 1 (W*)
 * + 0.  Pooled best per type profile: (-1,-1): 5/2 (truth); (-1,1) and
 * (1,-1): the sum is 0, so d does not matter and both report -1: 1/2
 * instead of 0; (1,1): reports (-1,1) keep d = +1 and give 2 + 0 instead of
 * 2 - 1/2.  E = (5/2 + 1/2 + 1/2 + 2)/4 = 11/8: gain 3/8.  The pair {1,3}:
 * agent 1 maximises th1 E d + g(r1)/2: type 1 gets 1 - 1/4 by truth, 0 +
 * 1/4 by -1; type -1 gets 0 + 1/4 by truth, -1 - 1/4 by 1: no gain, so the
 * claim fails on this grid. */
START_TEST(test_pair_gain_by_hand)
{
    static const char *const kv[] = {"env=app-g", "grid=2", "mech=agv", NULL};
    ck_assert_int_eq(run(kv), MC_FAILS);
    ck_assert_str_eq(pair_field(0, "pair"), "1,2");
    ck_assert_str_eq(pair_field(0, "truthful_total"), "1");
    ck_assert_str_eq(pair_field(0, "pooled_best"), "11/8");
    ck_assert_str_eq(pair_field(0, "gain"), "3/8");
    ck_assert_str_eq(pair_field(1, "pair"), "1,3");
    ck_assert_str_eq(pair_field(1, "gain"), "0");
    ck_assert_ptr_nonnull(strstr(last_reason, "{1,3}"));
    /* (134) vs the grid: t_1(-1, 1) = 1 against the printed 0 */
    json_t *two = json_object_get(json_object_get(last_witness, "printed_transfers"),
                                  "two_agents");
    ck_assert_str_eq(json_string_value(json_object_get(two, "max_abs_difference_over_grid")),
                     "1");
    json_t *bne = json_object_get(json_object_get(last_witness, "truth_is_bne"), "two_agents");
    ck_assert_str_eq(json_string_value(json_object_get(bne, "largest_interim_gain_of_a_lie")),
                     "0");
    ck_assert(json_is_true(
        json_object_get(json_object_get(bne, "strategic_form"), "truthful_profile_is_ne")));
}
END_TEST

START_TEST(test_verdicts)
{
    static const char *const agv5[] = {"env=app-g", "mech=agv", NULL};
    ck_assert_int_eq(run(agv5), MC_HOLDS);
    ck_assert_str_eq(pair_field(0, "gain"), "1/5");
    ck_assert_str_eq(pair_field(1, "gain"), "1/50");
    ck_assert_str_eq(pair_field(2, "gain"), "1/50");
    /* the dummy changes AGV's transfers */
    json_t *dj = json_object_get(last_witness, "adding_the_dummy");
    ck_assert_int_gt(json_integer_value(json_object_get(dj, "transfers_changed_at")), 0);
    static const char *const gum5[] = {"env=app-g", "mech=gum", NULL};
    ck_assert_int_eq(run(gum5), MC_HOLDS);
    for (unsigned k = 0; k < 3; k++)
        ck_assert_str_eq(pair_field(k, "gain"), "0");
    dj = json_object_get(last_witness, "adding_the_dummy");
    ck_assert_int_eq(json_integer_value(json_object_get(dj, "transfers_changed_at")), 0);
    static const char *const agv3[] = {"env=app-g", "grid=3", "mech=btm", NULL};
    ck_assert_int_eq(run(agv3), MC_FAILS);
    static const char *const agv4m[] = {"env=app-g", "grid=4", "sign0=minus", "mech=agv", NULL};
    ck_assert_int_eq(run(agv4m), MC_HOLDS);
    static const char *const two[] = {"env=app-g", "dummy=0", "mech=agv", NULL};
    ck_assert_int_eq(run(two), MC_NOT_APPLICABLE);
    static const char *const dpm[] = {"env=app-g", "mech=dpm", NULL};
    ck_assert_int_eq(run(dpm), MC_NOT_APPLICABLE);
    static const char *const r4[] = {"env=r4", NULL};
    ck_assert_int_eq(run(r4), MC_NOT_APPLICABLE);
    static const char *const v1[] = {"env=app-g", "info=v1", NULL};
    ck_assert_int_eq(run(v1), MC_NOT_APPLICABLE);
    json_decref(last_witness);
    last_witness = NULL;
}
END_TEST

START_TEST(test_bad_params)
{
    static const char *const cases[][4] = {
        {"env=app-g", "grid=1", NULL, "grid"},
        {"env=app-g", "sign0=zero", NULL, "sign0"},
        {"env=app-g", "tie=last", NULL, "sign0"},
        {"env=app-g", "dummy=2", NULL, "dummy"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        mc_gum_setup s;
        mc_error err;
        const char *kv[3] = {cases[k][0], cases[k][1], NULL};
        ck_assert_int_eq(setup_kv(&s, kv, &err), MC_EINPUT);
        ck_assert_msg(strstr(err.msg, cases[k][3]) && !strchr(err.msg, '\n'), "%s", err.msg);
    }
}
END_TEST

Suite *mc_suite_gum_appg(void)
{
    Suite *s = suite_create("gum_appg");
    TCase *tc = tcase_create("app-g");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_env);
    tcase_add_test(tc, test_agv_by_hand);
    tcase_add_test(tc, test_pair_gain_by_hand);
    tcase_add_test(tc, test_verdicts);
    tcase_add_test(tc, test_bad_params);
    suite_add_tcase(s, tc);
    return s;
}

/* Distinguishable dominance (spec 001, Definition 8: judged on the
 * profiles whose outcomes differ) on hand-built outcome structures, against
 * weak and strict dominance, single tests and iterated. */
#include <stdlib.h>
#include <string.h>

#include "dominance_testutil.h"

/* ---- distinguishable dominance -------------------------------------------------
 * Agent 0 has s = 0, t = 1; agent 1 has tau1 = 0, tau2 = 1 and payoff 0
 * everywhere.  u0(s,tau1) = 1 < u0(t,tau1) = 2, u0(s,tau2) = u0(t,tau2) = 5.
 * oc[4] = outcome ids of (s,tau1), (t,tau1), (s,tau2), (t,tau2). */
static void dd_form(mc_sform *sf, const int64_t *u0, const uint64_t *oc)
{
    uint32_t ns[2] = {2, 2};
    mc_error err;
    ck_assert_int_eq(mc_sform_init(sf, 2, ns, true, 0, &err), MC_OK);
    for (uint64_t p = 0; p < 4; p++) {
        mc_q_set_i64(mc_sform_payoff(sf, p, 0), u0[p]);
        sf->outcome[p] = oc[p];
    }
}

static void dd_expect(const int64_t *u0, const uint64_t *oc, bool dd_st, bool dd_ts, bool weak_st,
                      bool strict_st)
{
    mc_sform sf;
    mc_dom_game dg;
    mc_survivors sv;
    mc_error err;
    bool d;
    dd_form(&sf, u0, oc);
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    ck_assert_int_eq(mc_survivors_init(&sv, &sf, &err), MC_OK);
    ck_assert_int_eq(mc_dom_test(&dg, &sv, MC_DOM_DISTINGUISHABLE, 0, 0, 1, &d, &err), MC_OK);
    ck_assert_int_eq(d, dd_st);
    ck_assert_int_eq(mc_dom_test(&dg, &sv, MC_DOM_DISTINGUISHABLE, 0, 1, 0, &d, &err), MC_OK);
    ck_assert_int_eq(d, dd_ts);
    ck_assert_int_eq(mc_dom_test(&dg, &sv, MC_DOM_WEAK, 0, 0, 1, &d, &err), MC_OK);
    ck_assert_int_eq(d, weak_st);
    ck_assert_int_eq(mc_dom_test(&dg, &sv, MC_DOM_STRICT, 0, 0, 1, &d, &err), MC_OK);
    ck_assert_int_eq(d, strict_st);
    /* the iteration agrees with the single test */
    mc_dom_result r;
    iterate_ok(&dg, MC_DOM_DISTINGUISHABLE, MC_DOM_ROUNDS, &r);
    assert_surv(&r.survivors, 0, dd_st ? "2" : dd_ts ? "1" : "1,2");
    mc_dom_result_free(&r);
    mc_survivors_free(&sv);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
}

START_TEST(test_dd_tie_on_same_history)
{
    /* tau2 reaches the same history from s and t: the tie there does not
     * count, tau1 distinguishes and s is worse: DD (and weak), not strict */
    static const int64_t u0[] = {1, 2, 5, 5};
    static const uint64_t oc[] = {10, 11, 20, 20};
    dd_expect(u0, oc, true, false, true, false);
}
END_TEST

START_TEST(test_dd_tie_on_distinguishing_history)
{
    /* the same payoffs, but tau2 leads to different histories: a tie on a
     * distinguishing profile, so not DD, though weakly dominated */
    static const int64_t u0[] = {1, 2, 5, 5};
    static const uint64_t oc[] = {10, 11, 20, 21};
    dd_expect(u0, oc, false, false, true, false);
}
END_TEST

START_TEST(test_dd_equivalent)
{
    /* no profile distinguishes s and t: equivalent, neither dominates */
    static const int64_t u0[] = {3, 3, 5, 5};
    static const uint64_t oc[] = {10, 10, 20, 20};
    dd_expect(u0, oc, false, false, false, false);
}
END_TEST

START_TEST(test_dd_strict)
{
    /* strictly worse everywhere: every profile distinguishes, DD */
    static const int64_t u0[] = {1, 2, 4, 5};
    static const uint64_t oc[] = {10, 11, 20, 21};
    dd_expect(u0, oc, true, false, true, true);
}
END_TEST

START_TEST(test_dd_needs_consistent_outcomes)
{
    static const int64_t u0[] = {1, 2, 5, 6};
    static const uint64_t oc[] = {10, 11, 20, 20}; /* same history, payoffs 5 and 6 */
    mc_sform sf;
    mc_dom_game dg;
    mc_error err;
    dd_form(&sf, u0, oc);
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "share outcome id 20"));
    mc_sform_free(&sf);

    /* DD without outcome ids, or with a mixed hook, is refused */
    static const int64_t A[] = {1, 0}, B[] = {0, 0};
    mc_test_bimatrix(&sf, 2, 1, A, B);
    free(sf.outcome);
    sf.outcome = NULL;
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    mc_dom_options opt;
    mc_dom_options_default(&opt, MC_DOM_DISTINGUISHABLE, MC_DOM_ROUNDS);
    mc_dom_result r;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_EUNSUPPORTED);
    mc_dom_result_free(&r);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
}
END_TEST

/* Iterated DD.  Agent 0: s, t; agent 1: x, y, z.  (s,y) and (t,y) reach the
 * same history; all other profiles their own.
 *   u0: s = (1, 5, 9), t = (2, 5, 3)      u1: s-row (2, 1, 0), t-row (0, 1, 0)
 * Round 1: s vs t is distinguished at x (1<2) and z (9>3): no.  z is DD by
 *   y (0<1 at s and at t), not by x (tie 0 = 0 at t on distinct histories).
 * Round 2: against {x, y} only x distinguishes s, t: s DD by t.
 * Round 3: against t alone, x < y (0<1): x DD by y.  Survivors (t, y). */
START_TEST(test_dd_iterated)
{
    uint32_t ns[2] = {2, 3};
    mc_sform sf;
    mc_dom_game dg;
    mc_error err;
    ck_assert_int_eq(mc_sform_init(&sf, 2, ns, true, 0, &err), MC_OK);
    static const int64_t u0[2][3] = {{1, 5, 9}, {2, 5, 3}}, u1[2][3] = {{2, 1, 0}, {0, 1, 0}};
    for (uint32_t i = 0; i < 2; i++)
        for (uint32_t j = 0; j < 3; j++) {
            uint64_t p = i + 2 * (uint64_t)j;
            mc_q_set_i64(mc_sform_payoff(&sf, p, 0), u0[i][j]);
            mc_q_set_i64(mc_sform_payoff(&sf, p, 1), u1[i][j]);
            sf.outcome[p] = j == 1 ? 100 : p;
        }
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    mc_dom_result r;
    iterate_ok(&dg, MC_DOM_DISTINGUISHABLE, MC_DOM_ROUNDS, &r);
    ck_assert_uint_eq(r.ndeleting, 3);
    ck_assert_uint_eq(r.ntrace, 3);
    assert_step(&r.trace[0], 1, 1, 2, 1);
    assert_step(&r.trace[1], 2, 0, 0, 1);
    assert_step(&r.trace[2], 3, 1, 0, 1);
    assert_surv(&r.survivors, 0, "2");
    assert_surv(&r.survivors, 1, "2");
    mc_dom_result_free(&r);
    /* weak dominance also removes z in round 1, but by x (the lowest) */
    iterate_ok(&dg, MC_DOM_WEAK, MC_DOM_ROUNDS, &r);
    assert_step(&r.trace[0], 1, 1, 2, 0);
    mc_dom_result_free(&r);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
}
END_TEST

Suite *mc_suite_dominance_dd(void)
{
    Suite *s = suite_create("dominance_dd");
    TCase *tc = tcase_create("distinguishable");
    tcase_add_test(tc, test_dd_tie_on_same_history);
    tcase_add_test(tc, test_dd_tie_on_distinguishing_history);
    tcase_add_test(tc, test_dd_equivalent);
    tcase_add_test(tc, test_dd_strict);
    tcase_add_test(tc, test_dd_needs_consistent_outcomes);
    tcase_add_test(tc, test_dd_iterated);
    suite_add_tcase(s, tc);
    return s;
}

/* GUP and CPGUP checks on spec 004's App E.3 fixtures (R2, R3) and on
 * random trees against brute force. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "efgames.h"
#include "mechcheck/dominance.h"
#include "mechcheck/efnf.h"
#include "mechcheck/nash.h"
#include "mechcheck/guarantee.h"
#include "testutil.h"

static void ef_of(mc_tree *t, mc_ef *ef)
{
    mc_error err;
    mc_status st = mc_ef_from_tree(t, NULL, ef, &err);
    ck_assert_msg(st == MC_OK, "build: %s", err.msg);
}

static void check_gup(const mc_ef *ef, mc_gup_report *r)
{
    mc_error err;
    mc_gup_report_init(r);
    mc_status st = mc_gup_check(ef, NULL, NULL, r, &err);
    ck_assert_msg(st == MC_OK, "gup: %s", err.msg);
}

/* R2: AGV maximin (9, -7/4, -101/4), sum -18 < W* = 11/2: both fail. */
START_TEST(test_r2_agv)
{
    mc_tree *t = ef_app_e3(false);
    mc_ef ef;
    ef_of(t, &ef);
    mc_gup_report r;
    check_gup(&ef, &r);
    const char *want[3] = {"9", "-7/4", "-101/4"};
    for (unsigned a = 0; a < 3; a++) {
        ck_assert(r.term[a].cp_certified);
        ck_assert_q_str(&r.term[a].cp_value, want[a]);
        ck_assert(r.term[a].gup_decided);
        ck_assert_q_str(&r.term[a].gup_lower, want[a]);
    }
    ck_assert_q_str(&r.w_pooled, "11/2");
    ck_assert(r.w_team_exact);
    ck_assert_q_str(&r.w_team_lower, "11/2");
    ck_assert_q_str(&r.cp_sum, "-18");
    ck_assert_int_eq(r.cpgup, MC_FAILS);
    ck_assert_int_eq(r.gup, MC_FAILS);
    mc_gup_report_free(&r);
    mc_ef_free(&ef);
    tb_free(t);
}
END_TEST

/* R3: GUM maximin (13, 5/2, -10), sum 11/2 = W*: both hold; truthful
 * guarantees are exact (min = max). */
static mc_status truthful(void *ctx, const mc_game *g, const void *state, const mc_node *node,
                          unsigned mover, mc_q *prob, mc_error *err)
{
    (void)ctx;
    (void)err;
    /* the node's parent is the chance node: the type is the child index of
     * the root chance node */
    const mc_tree *t = g->ctx;
    uint32_t v;
    memcpy(&v, state, sizeof v);
    uint32_t outcome = 0;
    for (uint32_t c = 0; c < 4; c++)
        if (mc_tree_child(t, 0, c) == v)
            outcome = c;
    unsigned type = node->mover[mover] == 0 ? outcome / 2 : outcome % 2;
    for (uint32_t a = 0; a < 2; a++)
        mc_q_set_i64(&prob[a], a == type);
    return MC_OK;
}

START_TEST(test_r3_gum)
{
    mc_tree *t = ef_app_e3(true);
    mc_ef ef;
    ef_of(t, &ef);
    mc_gup_report r;
    check_gup(&ef, &r);
    const char *want[3] = {"13", "5/2", "-10"};
    for (unsigned a = 0; a < 3; a++) {
        ck_assert_q_str(&r.term[a].cp_value, want[a]);
        ck_assert_q_str(&r.term[a].gup_lower, want[a]);
    }
    ck_assert_q_str(&r.cp_sum, "11/2");
    ck_assert_int_eq(r.cpgup, MC_HOLDS);
    ck_assert_int_eq(r.gup, MC_HOLDS);
    mc_gup_report_free(&r);
    /* truthful guarantees: 13 and 5/2 whatever the others do */
    mc_game g;
    mc_error err;
    ck_assert_int_eq(mc_tree_game(t, &g, &err), MC_OK);
    mc_ef_behavior b;
    ck_assert_int_eq(mc_ef_behavior_from_game(&ef, &g, 3, truthful, NULL, &b, &err), MC_OK);
    for (unsigned a = 0; a < 2; a++) {
        mc_guarantee gu;
        mc_guarantee_init(&gu);
        ck_assert_int_eq(mc_guarantee_compute(&ef, UINT64_C(1) << a, &b, &gu, &err), MC_OK);
        ck_assert_q_str(&gu.min, want[a]);
        ck_assert_q_str(&gu.max, want[a]);
        mc_guarantee_free(&gu);
    }
    mc_ef_behavior_free(&b);
    /* agent 3 has no move: its guarantee is fixed by the others, from -10 to -10 */
    mc_ef_behavior none;
    ck_assert_int_eq(mc_ef_behavior_pure(&ef, 4, NULL, &none, &err), MC_OK);
    mc_guarantee gu;
    mc_guarantee_init(&gu);
    ck_assert_int_eq(mc_guarantee_compute(&ef, 4, &none, &gu, &err), MC_OK);
    ck_assert_q_str(&gu.min, "-10");
    ck_assert_q_str(&gu.max, "-10");
    mc_guarantee_free(&gu);
    mc_ef_behavior_free(&none);
    mc_ef_free(&ef);
    tb_free(t);
}
END_TEST

/* Random trees: the team optimum equals the best profile of the normal
 * form; sums respect CP <= GUP <= W_team <= W*; verdicts follow. */
START_TEST(test_random_gup)
{
    int checked = 0;
    for (uint64_t seed = 700; seed < 730; seed++) {
        unsigned np = 2 + seed % 2;
        mc_tree *t = ef_random_tree(seed, np, 2, 2, seed % 3 == 0);
        mc_ef ef;
        ef_of(t, &ef);
        mc_efnf_options o;
        mc_efnf_options_default(&o);
        o.outcomes = false;
        o.max_profiles = 1u << 14;
        mc_efnf nf;
        mc_error err;
        if (mc_efnf_build(&ef, NULL, &o, &nf, &err) != MC_OK) {
            mc_ef_free(&ef);
            tb_free(t);
            continue;
        }
        mc_q best = MC_Q_ZERO, sum = MC_Q_ZERO;
        for (uint64_t p = 0; p < nf.nprofiles; p++) {
            mc_q_set_i64(&sum, 0);
            for (unsigned q = 0; q < np; q++)
                mc_q_add(&sum, &sum, mc_efnf_payoff(&nf, p, q));
            if (p == 0 || mc_q_cmp(&sum, &best) > 0)
                mc_q_set(&best, &sum);
        }
        mc_gup_report r;
        check_gup(&ef, &r);
        ck_assert(r.w_team_exact);
        ck_assert(mc_q_eq(&r.w_team_lower, &best));
        ck_assert_int_le(mc_q_cmp(&r.w_team_upper, &r.w_pooled), 0);
        ck_assert_int_le(mc_q_cmp(&r.cp_sum, &r.gup_sum_lower), 0);
        ck_assert_int_le(mc_q_cmp(&r.gup_sum_upper, &best), 0);
        ck_assert_int_eq(r.cpgup, mc_q_eq(&r.cp_sum, &r.w_pooled) ? MC_HOLDS : MC_FAILS);
        ck_assert_int_eq(r.gup, mc_q_eq(&r.gup_sum_lower, &best) ? MC_HOLDS : MC_FAILS);
        /* the search alone is a valid lower bound */
        bool exact;
        mc_q lo = MC_Q_ZERO, hi = MC_Q_ZERO;
        ck_assert_int_eq(mc_team_optimum(&ef, 0, &exact, &lo, &hi, &err), MC_OK);
        ck_assert_int_le(mc_q_cmp(&lo, &best), 0);
        ck_assert(mc_q_eq(&hi, &r.w_pooled));
        mc_q_clear(&lo);
        mc_q_clear(&hi);
        checked++;
        mc_gup_report_free(&r);
        mc_q_clear(&best);
        mc_q_clear(&sum);
        mc_efnf_free(&nf);
        mc_ef_free(&ef);
        tb_free(t);
    }
    ck_assert_int_ge(checked, 10);
}
END_TEST

/* R2 through the normal form: exactly two pure BNE, (LH, LH) and (HH, HH);
 * weak dominance over all orders ends at {HH} x {HH}. */
START_TEST(test_r2_normal_form)
{
    mc_tree *t = ef_app_e3(false);
    mc_ef ef;
    ef_of(t, &ef);
    mc_efnf nf;
    mc_error err;
    ck_assert_int_eq(mc_efnf_build(&ef, NULL, NULL, &nf, &err), MC_OK);
    ck_assert_uint_eq(nf.agent[0].nplans, 4);
    ck_assert_uint_eq(nf.agent[1].nplans, 4);
    ck_assert_uint_eq(nf.agent[2].nplans, 1);
    mc_sform sf;
    ck_assert_msg(mc_efnf_to_sform(&ef, &nf, 0, &sf, &err) == MC_OK, "%s", err.msg);
    ck_assert_int_eq(mc_sform_check_outcomes(&sf, &err), MC_OK);
    mc_nash_result ne;
    ck_assert_int_eq(mc_nash_pure(&sf, NULL, 0, &ne, &err), MC_OK);
    ck_assert_uint_eq(ne.count, 2);
    char buf[64];
    uint32_t plan[3];
    const char *want[2][2] = {{"LH", "LH"}, {"HH", "HH"}};
    for (size_t k = 0; k < 2; k++) {
        mc_sform_profile_of(&sf, ne.profile[k], plan);
        for (unsigned a = 0; a < 2; a++)
            ck_assert_str_eq(mc_sform_strategy_name(&sf, a, plan[a], buf, sizeof buf),
                             want[k][a]);
    }
    mc_nash_result_free(&ne);
    mc_dom_game dg;
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    mc_dom_options o;
    mc_dom_options_default(&o, MC_DOM_WEAK, MC_DOM_ALL_ORDERS);
    mc_dom_result res;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &o, &res, &err), MC_OK);
    ck_assert_uint_eq(res.nends, 1);
    for (unsigned a = 0; a < 2; a++) {
        ck_assert_uint_eq(res.ends[0].survivors.count[a], 1);
        uint32_t hh = 0;
        while (!mc_survivors_has(&res.ends[0].survivors, a, hh))
            hh++;
        ck_assert_str_eq(mc_sform_strategy_name(&sf, a, hh, buf, sizeof buf), "HH");
    }
    mc_dom_result_free(&res);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
    mc_efnf_free(&nf);
    mc_ef_free(&ef);
    tb_free(t);
}
END_TEST

Suite *mc_suite_gup(void)
{
    Suite *s = suite_create("gup");
    TCase *tc = tcase_create("gup");
    tcase_add_test(tc, test_r2_agv);
    tcase_add_test(tc, test_r3_gum);
    tcase_add_test(tc, test_r2_normal_form);
    tcase_add_test(tc, test_random_gup);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

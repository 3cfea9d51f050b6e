/* HOPE-FOR-THE-BEST (fixture F1 of spec 000): pure equilibria counted by
 * the Nash module and by an independent brute force written here, their
 * revenues, and iterated weak / strict dominance in several orders. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mech/perfect_revenue_hope.h"
#include "mechcheck/dominance.h"
#include "mechcheck/nash.h"
#include "testutil.h"

/* F1: n = 2, Omega = (bot, w), TV = (2, 4), discount 1/10, grid 0..5. */
static void f1(mc_hope *h)
{
    mc_hope_init(h);
    h->n = 2;
    h->nstates = 2;
    snprintf(h->state_name[1], sizeof h->state_name[1], "w");
    mc_q_set_i64(&h->tv[1][0], 2);
    mc_q_set_i64(&h->tv[1][1], 4);
    mc_q_set_frac(&h->discount, 1, 10);
    h->ngrid = 6;
    for (unsigned g = 0; g < 6; g++)
        mc_q_set_i64(&h->grid[g], g);
    mc_error err;
    ck_assert_int_eq(mc_hope_finish(h, &err), MC_OK);
}

/* The spec's characterisation, by hand: agreeing profiles are NE iff
 * v_1 <= 2, v_2 <= 4 (or v = (0,0)); a disagreeing profile (a, b) is NE iff
 * (b_1 >= 3 or b = (0,0)) and (a_2 >= 5 or a = (0,0)). */
static bool f1_ne_by_hand(unsigned a1, unsigned a2, unsigned b1, unsigned b2)
{
    if (a1 == b1 && a2 == b2)
        return (a1 <= 2 && a2 <= 4) || (a1 == 0 && a2 == 0);
    bool b_ok = b1 >= 3 || (b1 == 0 && b2 == 0);
    bool a_ok = a2 >= 5 || (a1 == 0 && a2 == 0);
    return b_ok && a_ok;
}

START_TEST(test_f1_nash)
{
    mc_hope h;
    f1(&h);
    ck_assert_uint_eq(h.nstrategies, 36);
    mc_sform sf;
    mc_error err;
    ck_assert_int_eq(mc_hope_sform(&h, &sf, &err), MC_OK);
    mc_nash_result ne;
    ck_assert_int_eq(mc_nash_pure(&sf, NULL, 0, &ne, &err), MC_OK);
    ck_assert_uint_eq(ne.count, 144);
    /* the brute force of the hand characterisation agrees profile by profile */
    size_t k = 0, agreeing = 0;
    bool revenue_seen[64] = {false};
    mc_hope_outcome o;
    mc_hope_outcome_init(&o);
    for (uint64_t p = 0; p < sf.nprofiles; p++) {
        uint32_t s[2];
        mc_sform_profile_of(&sf, p, s);
        bool hand = f1_ne_by_hand(mc_hope_entry(&h, s[0], 1, 0), mc_hope_entry(&h, s[0], 1, 1),
                                  mc_hope_entry(&h, s[1], 1, 0), mc_hope_entry(&h, s[1], 1, 1));
        bool found = k < ne.count && ne.profile[k] == p;
        ck_assert_msg(hand == found, "profile %llu", (unsigned long long)p);
        if (found) {
            k++;
            agreeing += s[0] == s[1];
            mc_hope_evaluate(&h, s, &o);
            /* revenues are v_1 + v_2 - 1/5: tenths 10 r */
            mc_q ten = MC_Q_INT(10), t = MC_Q_ZERO;
            mc_q_mul(&t, &o.revenue, &ten);
            ck_assert(mc_q_is_int(&t));
            revenue_seen[t.num / 2 + 1] = true; /* 0 -> 1, 8 -> 5, ... */
        }
    }
    ck_assert_uint_eq(agreeing, 15);
    /* revenues {0, 4/5, 9/5, 14/5, 19/5, 24/5, 29/5} */
    int expect[] = {0, 8, 18, 28, 38, 48, 58};
    for (unsigned i = 0; i < 7; i++)
        ck_assert_msg(revenue_seen[expect[i] / 2 + 1], "revenue %d/10 missing", expect[i]);
    unsigned distinct = 0;
    for (unsigned i = 0; i < 64; i++)
        distinct += revenue_seen[i];
    ck_assert_uint_eq(distinct, 7);
    /* truthful (2,4): revenue 29/5; E_2 = (1,2): 14/5; footnote (1,1): 9/5 */
    uint32_t t24[2], e2[2], fn[2];
    for (unsigned j = 0; j < 2; j++) {
        t24[j] = 2 * 6 + 4;
        e2[j] = 1 * 6 + 2;
        fn[j] = 1 * 6 + 1;
    }
    mc_hope_evaluate(&h, t24, &o);
    ck_assert_q_str(&o.revenue, "29/5");
    mc_hope_evaluate(&h, e2, &o);
    ck_assert_q_str(&o.revenue, "14/5");
    mc_hope_evaluate(&h, fn, &o);
    ck_assert_q_str(&o.revenue, "9/5");
    ck_assert_q_str(&o.welfare, "6");
    mc_hope_outcome_clear(&o);
    mc_nash_result_free(&ne);
    mc_sform_free(&sf);
    mc_hope_clear(&h);
}
END_TEST

static void survivors_are_f1_set(const mc_hope *h, const mc_survivors *sv)
{
    for (unsigned j = 0; j < 2; j++) {
        ck_assert_uint_eq(sv->count[j], 14);
        for (uint32_t s = 0; s < h->nstrategies; s++) {
            unsigned v1 = mc_hope_entry(h, s, 1, 0), v2 = mc_hope_entry(h, s, 1, 1);
            bool want = v1 <= 2 && v2 <= 4 && !(v1 == 0 && v2 == 0);
            ck_assert_int_eq(mc_survivors_has(sv, j, s), want);
        }
    }
}

START_TEST(test_f1_dominance)
{
    mc_hope h;
    f1(&h);
    mc_sform sf;
    mc_error err;
    ck_assert_int_eq(mc_hope_sform(&h, &sf, &err), MC_OK);
    mc_dom_game dg;
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    mc_dom_options o;
    mc_dom_result r;
    /* IEWDS, simultaneous rounds: 2 deleting rounds, 14 survivors each */
    mc_dom_options_default(&o, MC_DOM_WEAK, MC_DOM_ROUNDS);
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &o, &r, &err), MC_OK);
    ck_assert_uint_eq(r.ndeleting, 2);
    survivors_are_f1_set(&h, &r.survivors);
    mc_dom_result_free(&r);
    /* alternating passes from player 1: 3 deleting passes, same survivors */
    mc_dom_options_default(&o, MC_DOM_WEAK, MC_DOM_ALTERNATING);
    o.first_agent = 0;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &o, &r, &err), MC_OK);
    ck_assert_uint_eq(r.ndeleting, 3);
    survivors_are_f1_set(&h, &r.survivors);
    mc_dom_result_free(&r);
    /* IESDS deletes nothing */
    mc_dom_options_default(&o, MC_DOM_STRICT, MC_DOM_ROUNDS);
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &o, &r, &err), MC_OK);
    ck_assert_uint_eq(r.survivors.count[0], 36);
    ck_assert_uint_eq(r.survivors.count[1], 36);
    mc_dom_result_free(&r);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
    mc_hope_clear(&h);
}
END_TEST

Suite *mc_suite_perfect_revenue_hope(void)
{
    Suite *s = suite_create("perfect_revenue_hope");
    TCase *tc = tcase_create("f1");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, test_f1_nash);
    tcase_add_test(tc, test_f1_dominance);
    suite_add_tcase(s, tc);
    return s;
}

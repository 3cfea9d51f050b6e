/* Dominance on random strategic forms: the single test against the
 * definitions, and the orders (rounds, alternating, given, all) against
 * each other and against "nothing is dominated at the end". */
#include "dominance_testutil.h"

/* ---- randomized cross-checks ---------------------------------------------------------- */

/* A random form: 1-3 agents, 1-4 strategies each, payoffs in {0..3}/den. */
static void random_form(mc_sform *sf, uint64_t *rng, bool distinct_outcomes)
{
    uint32_t ns[3];
    unsigned na = 1 + (unsigned)(mc_test_rand(rng) % 3);
    for (unsigned a = 0; a < na; a++)
        ns[a] = 1 + (uint32_t)(mc_test_rand(rng) % 4);
    mc_error err;
    ck_assert_int_eq(mc_sform_init(sf, na, ns, false, 0, &err), MC_OK);
    int64_t den = 1 + (int64_t)(mc_test_rand(rng) % 3);
    for (uint64_t i = 0; i < sf->nprofiles * na; i++)
        ck_assert_int_eq(mc_q_set_frac(&sf->payoff[i], (int64_t)(mc_test_rand(rng) % 4), den),
                         MC_OK);
    ck_assert_int_eq(mc_sform_outcomes_from_payoffs(sf, &err), MC_OK);
    if (distinct_outcomes)
        for (uint64_t p = 0; p < sf->nprofiles; p++)
            sf->outcome[p] = p;
}

/* Dominance straight from the definitions, with mc_q comparisons. */
static bool direct_dominated(const mc_sform *sf, const mc_survivors *sv, mc_dom_notion notion,
                             unsigned a, uint32_t s, uint32_t t)
{
    bool all_lt = true, all_le = true, some_lt = false, dist = false, dist_lt = true;
    uint32_t prof[MC_MAX_PLAYERS];
    for (uint64_t p = 0; p < sf->nprofiles; p++) {
        mc_sform_profile_of(sf, p, prof);
        if (prof[a] != s)
            continue;
        bool alive = true;
        for (unsigned b = 0; b < sf->nagents; b++)
            alive &= b == a || mc_survivors_has(sv, b, prof[b]);
        if (!alive)
            continue;
        prof[a] = t;
        uint64_t q = mc_sform_profile_index(sf, prof);
        int c = mc_q_cmp(mc_sform_payoff(sf, p, a), mc_sform_payoff(sf, q, a));
        all_lt &= c < 0;
        all_le &= c <= 0;
        some_lt |= c < 0;
        if (sf->outcome[p] != sf->outcome[q]) {
            dist = true;
            dist_lt &= c < 0;
        }
    }
    switch (notion) {
    case MC_DOM_STRICT:
        return all_lt;
    case MC_DOM_WEAK:
        return all_le && some_lt;
    default:
        return dist && dist_lt;
    }
}

START_TEST(test_random_against_definition)
{
    uint64_t rng = 12345;
    for (int iter = 0; iter < 300; iter++) {
        mc_sform sf;
        mc_dom_game dg;
        mc_survivors sv;
        mc_error err;
        random_form(&sf, &rng, iter % 3 == 0);
        ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
        ck_assert_int_eq(mc_survivors_init(&sv, &sf, &err), MC_OK);
        for (unsigned a = 0; a < sf.nagents; a++) /* drop some, keep >= 1 */
            for (uint32_t s = 1; s < sf.nstrategies[a]; s++)
                if (mc_test_rand(&rng) % 3 == 0)
                    mc_survivors_remove(&sv, a, s);
        for (int notion = MC_DOM_STRICT; notion <= MC_DOM_DISTINGUISHABLE; notion++)
            for (unsigned a = 0; a < sf.nagents; a++)
                for (uint32_t s = 0; s < sf.nstrategies[a]; s++)
                    for (uint32_t t = 0; t < sf.nstrategies[a]; t++) {
                        if (s == t || !mc_survivors_has(&sv, a, s) || !mc_survivors_has(&sv, a, t))
                            continue;
                        bool d;
                        ck_assert_int_eq(
                            mc_dom_test(&dg, &sv, (mc_dom_notion)notion, a, s, t, &d, &err), MC_OK);
                        ck_assert_int_eq(
                            d, direct_dominated(&sf, &sv, (mc_dom_notion)notion, a, s, t));
                    }
        mc_survivors_free(&sv);
        mc_dom_game_free(&dg);
        mc_sform_free(&sf);
    }
}
END_TEST

/* Nothing in sv is dominated (checked pair by pair from the definition). */
static bool nothing_dominated(const mc_sform *sf, const mc_survivors *sv, mc_dom_notion notion)
{
    for (unsigned a = 0; a < sf->nagents; a++)
        for (uint32_t s = 0; s < sf->nstrategies[a]; s++)
            for (uint32_t t = 0; t < sf->nstrategies[a]; t++)
                if (s != t && mc_survivors_has(sv, a, s) && mc_survivors_has(sv, a, t) &&
                    direct_dominated(sf, sv, notion, a, s, t))
                    return false;
    return true;
}

START_TEST(test_random_orders)
{
    uint64_t rng = 777;
    int weak_dependent = 0;
    for (int iter = 0; iter < 200; iter++) {
        mc_sform sf;
        mc_dom_game dg;
        mc_error err;
        random_form(&sf, &rng, false);
        ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
        /* strict: rounds, alternating from every agent, all orders agree */
        mc_dom_result rounds, all;
        iterate_ok(&dg, MC_DOM_STRICT, MC_DOM_ROUNDS, &rounds);
        iterate_ok(&dg, MC_DOM_STRICT, MC_DOM_ALL_ORDERS, &all);
        ck_assert(all.order_independent);
        ck_assert(mc_survivors_equal(&rounds.survivors, &all.survivors));
        ck_assert(nothing_dominated(&sf, &rounds.survivors, MC_DOM_STRICT));
        for (unsigned first = 0; first < sf.nagents; first++) {
            mc_dom_options opt;
            mc_dom_options_default(&opt, MC_DOM_STRICT, MC_DOM_ALTERNATING);
            opt.first_agent = first;
            mc_dom_result alt;
            ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &alt, &err), MC_OK);
            ck_assert(mc_survivors_equal(&rounds.survivors, &alt.survivors));
            mc_dom_result_free(&alt);
        }
        /* replaying the path of the all-orders result as a given order */
        mc_dom_options opt;
        mc_dom_options_default(&opt, MC_DOM_STRICT, MC_DOM_GIVEN);
        mc_dom_elim elim[16];
        for (size_t i = 0; i < all.ends[0].npath; i++)
            elim[i] = (mc_dom_elim){all.ends[0].path[i].agent, all.ends[0].path[i].strategy};
        opt.given = elim;
        opt.ngiven = all.ends[0].npath;
        mc_dom_result given;
        ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &given, &err), MC_OK);
        ck_assert(given.terminal);
        ck_assert(mc_survivors_equal(&given.survivors, &all.survivors));
        mc_dom_result_free(&given);
        mc_dom_result_free(&rounds);
        mc_dom_result_free(&all);
        /* weak and DD: every end of every order is terminal */
        for (int notion = MC_DOM_WEAK; notion <= MC_DOM_DISTINGUISHABLE; notion++) {
            iterate_ok(&dg, (mc_dom_notion)notion, MC_DOM_ALL_ORDERS, &all);
            for (size_t e = 0; e < all.nends; e++)
                ck_assert(nothing_dominated(&sf, &all.ends[e].survivors, (mc_dom_notion)notion));
            weak_dependent += notion == MC_DOM_WEAK && !all.order_independent;
            mc_dom_result_free(&all);
            iterate_ok(&dg, (mc_dom_notion)notion, MC_DOM_ROUNDS, &rounds);
            ck_assert(nothing_dominated(&sf, &rounds.survivors, (mc_dom_notion)notion));
            mc_dom_result_free(&rounds);
        }
        mc_dom_game_free(&dg);
        mc_sform_free(&sf);
    }
    ck_assert_int_gt(weak_dependent, 0); /* the sample does exercise order dependence */
}
END_TEST

Suite *mc_suite_dominance_random(void)
{
    Suite *s = suite_create("dominance_random");
    TCase *tc = tcase_create("random");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_random_against_definition);
    tcase_add_test(tc, test_random_orders);
    suite_add_tcase(s, tc);
    return s;
}

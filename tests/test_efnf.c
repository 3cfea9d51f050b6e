/* Normal forms of extensive forms: plan counts, reduction, outcome ids,
 * limits, perfect recall, and agreement with an independent evaluator. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "efgames.h"
#include "mechcheck/ef.h"
#include "mechcheck/efnf.h"
#include "testutil.h"

static void ef_of(mc_tree *t, mc_ef *ef)
{
    mc_error err;
    mc_status st = mc_ef_from_tree(t, NULL, ef, &err);
    ck_assert_msg(st == MC_OK, "build: %s", err.msg);
}

static void nf_of(const mc_ef *ef, const mc_agents *ag, bool reduced, bool pooled, mc_efnf *nf)
{
    mc_efnf_options o;
    mc_efnf_options_default(&o);
    o.reduced = reduced;
    o.pooled = pooled;
    mc_error err;
    mc_status st = mc_efnf_build(ef, ag, &o, nf, &err);
    ck_assert_msg(st == MC_OK, "normal form: %s", err.msg);
}

/* Player 1: L ends (payoffs 1,1) or R; then player 1 again: a, b or c; then
 * player 2: l or r (not seeing player 1's second move). */
static mc_tree *exit_tree(void)
{
    mc_tree *t = tb_new(2);
    uint32_t root = ef_is(t, 0, "LR"), second = ef_is(t, 0, "abc"), p2 = ef_is(t, 1, "lr");
    tb_dec_in(t, root);
    TB_TERM(t, 1, 1);
    tb_dec_in(t, second);
    for (int k = 0; k < 3; k++) {
        tb_dec_in(t, p2);
        TB_TERM(t, k, 0);
        TB_TERM(t, k, 0); /* same payoffs, a different terminal */
    }
    tb_finish(t);
    return t;
}

START_TEST(test_reduced_counts)
{
    mc_tree *t = exit_tree();
    mc_ef ef;
    ef_of(t, &ef);
    ck_assert_uint_eq(mc_efnf_count_reduced(&ef, 0), 4);
    ck_assert_uint_eq(mc_efnf_count_reduced(&ef, 1), 2);
    mc_efnf nf;
    nf_of(&ef, NULL, true, false, &nf);
    ck_assert_uint_eq(nf.agent[0].nplans, 4);
    ck_assert_uint_eq(nf.agent[1].nplans, 2);
    ck_assert_uint_eq(nf.nprofiles, 8);
    char buf[64];
    const char *names[] = {"L*", "Ra", "Rb", "Rc"};
    for (uint32_t s = 0; s < 4; s++) {
        mc_efnf_plan_name(&ef, &nf.agent[0], s, buf, sizeof buf);
        ck_assert_str_eq(buf, names[s]);
    }
    /* outcome ids: (L,l) and (L,r) reach the same terminal; (Ra,l), (Ra,r)
     * pay the same but reach different terminals */
    uint32_t pl[2] = {0, 0};
    uint64_t a = nf.outcome[mc_efnf_profile_index(&nf, pl)];
    pl[1] = 1;
    ck_assert_uint_eq(nf.outcome[mc_efnf_profile_index(&nf, pl)], a);
    pl[0] = 1;
    uint64_t ra_r = mc_efnf_profile_index(&nf, pl);
    pl[1] = 0;
    uint64_t ra_l = mc_efnf_profile_index(&nf, pl);
    ck_assert_uint_ne(nf.outcome[ra_r], nf.outcome[ra_l]);
    ck_assert(mc_q_eq(mc_efnf_payoff(&nf, ra_r, 0), mc_efnf_payoff(&nf, ra_l, 0)));
    ck_assert_uint_eq(nf.noutcomes, 7);
    mc_efnf_free(&nf);
    nf_of(&ef, NULL, false, false, &nf);
    ck_assert_uint_eq(nf.agent[0].nplans, 6);
    ck_assert_uint_eq(nf.noutcomes, 7);
    mc_efnf_free(&nf);
    mc_ef_free(&ef);
    tb_free(t);
}
END_TEST

START_TEST(test_kuhn_normal_form)
{
    mc_tree *t = ef_kuhn();
    mc_ef ef;
    ef_of(t, &ef);
    mc_efnf nf;
    nf_of(&ef, NULL, true, false, &nf);
    ck_assert_uint_eq(nf.agent[0].nplans, 27); /* per card: b, cf, ck */
    ck_assert_uint_eq(nf.agent[1].nplans, 64);
    mc_maximin m;
    mc_maximin_init(&m);
    mc_error err;
    ck_assert_int_eq(mc_efnf_maximin(&nf, 0, NULL, &m, &err), MC_OK);
    ck_assert_int_eq(m.lp_status, MC_LP_OPTIMAL_CERTIFIED);
    ck_assert_q_str(&m.value, "-1/18");
    mc_maximin_free(&m);
    ck_assert_int_eq(mc_efnf_maximin(&nf, 1, NULL, &m, &err), MC_OK);
    ck_assert_q_str(&m.value, "1/18");
    mc_maximin_free(&m);
    mc_efnf_free(&nf);
    nf_of(&ef, NULL, false, false, &nf);
    ck_assert_uint_eq(nf.agent[0].nplans, 64);
    mc_efnf_free(&nf);
    mc_ef_free(&ef);
    tb_free(t);
}
END_TEST

START_TEST(test_limits)
{
    mc_tree *t = ef_kuhn();
    mc_ef ef;
    ef_of(t, &ef);
    mc_efnf_options o;
    mc_efnf_options_default(&o);
    o.max_strategies = 10;
    mc_efnf nf;
    mc_error err;
    ck_assert_int_eq(mc_efnf_build(&ef, NULL, &o, &nf, &err), MC_ELIMIT);
    ck_assert_msg(strstr(err.msg, "27") && strstr(err.msg, "10") && strstr(err.msg, "{1}"),
                  "%s", err.msg);
    o.max_strategies = 0;
    o.max_profiles = 1000;
    ck_assert_int_eq(mc_efnf_build(&ef, NULL, &o, &nf, &err), MC_ELIMIT);
    ck_assert_msg(strstr(err.msg, "1000"), "%s", err.msg);
    mc_ef_free(&ef);
    tb_free(t);
}
END_TEST

START_TEST(test_perfect_recall_refused)
{
    /* player 1 forgets its own first move */
    mc_tree *t = tb_new(1);
    uint32_t first = ef_is(t, 0, "LR"), second = ef_is(t, 0, "ab");
    tb_dec_in(t, first);
    tb_dec_in(t, second);
    TB_TERM(t, 1);
    TB_TERM(t, 2);
    tb_dec_in(t, second);
    TB_TERM(t, 3);
    TB_TERM(t, 4);
    tb_finish(t);
    mc_ef ef;
    mc_error err;
    ck_assert_int_eq(mc_ef_from_tree(t, NULL, &ef, &err), MC_EUNSUPPORTED);
    ck_assert_msg(strstr(err.msg, "perfect recall") && strstr(err.msg, "#2") &&
                      strstr(err.msg, "#5"),
                  "%s", err.msg);
    tb_free(t);
    /* absent-minded driver: one set twice on a path */
    t = tb_new(1);
    first = ef_is(t, 0, "ec");
    tb_dec_in(t, first);
    TB_TERM(t, 0);
    tb_dec_in(t, first);
    TB_TERM(t, 4);
    TB_TERM(t, 1);
    tb_finish(t);
    ck_assert_int_eq(mc_ef_from_tree(t, NULL, &ef, &err), MC_EUNSUPPORTED);
    ck_assert_msg(strstr(err.msg, "perfect recall"), "%s", err.msg);
    tb_free(t);
}
END_TEST

/* Every profile's payoffs equal an independent evaluation of the plans as
 * pure behaviour strategies; profiles with equal outcome ids have equal
 * payoffs; the reduced form's payoff vectors are those of the full form. */
static void check_against_behaviour(const mc_ef *ef, const mc_efnf *nf)
{
    uint32_t *act = malloc((ef->ninfosets + 1) * sizeof *act);
    mc_q val[4];
    mc_q_init_vec(val, 4);
    uint32_t plan[MC_MAX_PLAYERS];
    mc_error err;
    for (uint64_t prof = 0; prof < nf->nprofiles; prof++) {
        mc_efnf_profile_of(nf, prof, plan);
        for (uint32_t i = 0; i < ef->ninfosets; i++)
            act[i] = MC_EF_NONE;
        for (unsigned a = 0; a < nf->nagents; a++) {
            const mc_efnf_agent *ag = &nf->agent[a];
            ck_assert(!ag->pooled);
            for (uint32_t u = 0; u < ag->nunits; u++)
                act[ag->unit[u]] = ag->plan[(size_t)plan[a] * ag->nunits + u];
        }
        mc_ef_behavior b;
        ck_assert_int_eq(mc_ef_behavior_pure(ef, mc_players_all(ef->nplayers), act, &b, &err),
                         MC_OK);
        ck_assert_msg(mc_ef_expected_payoff(ef, &b, val, &err) == MC_OK, "%s", err.msg);
        for (unsigned p = 0; p < ef->nplayers; p++)
            ck_assert(mc_q_eq(&val[p], mc_efnf_payoff(nf, prof, p)));
        mc_ef_behavior_free(&b);
    }
    for (uint64_t x = 0; x < nf->nprofiles; x++)
        for (uint64_t y = x + 1; y < nf->nprofiles; y++)
            if (nf->outcome[x] == nf->outcome[y])
                for (unsigned p = 0; p < ef->nplayers; p++)
                    ck_assert(mc_q_eq(mc_efnf_payoff(nf, x, p), mc_efnf_payoff(nf, y, p)));
    mc_q_clear_vec(val, 4);
    free(act);
}

START_TEST(test_random_normal_forms)
{
    int tested = 0;
    for (uint64_t seed = 1; seed <= 60; seed++) {
        unsigned np = 2 + seed % 2;
        mc_tree *t = ef_random_tree(seed, np, 2, 2 + seed % 2, seed % 3 == 0);
        mc_ef ef;
        ef_of(t, &ef);
        mc_efnf_options o;
        mc_efnf_options_default(&o);
        o.max_profiles = 4096;
        mc_efnf nf, full;
        mc_error err;
        mc_status st = mc_efnf_build(&ef, NULL, &o, &nf, &err);
        if (st == MC_ELIMIT) {
            mc_ef_free(&ef);
            tb_free(t);
            continue;
        }
        ck_assert_msg(st == MC_OK, "%s", err.msg);
        for (unsigned p = 0; p < np; p++)
            ck_assert_uint_eq(nf.agent[p].nplans, mc_efnf_count_reduced(&ef, p));
        check_against_behaviour(&ef, &nf);
        o.reduced = false;
        o.max_profiles = 1u << 15;
        if (mc_efnf_build(&ef, NULL, &o, &full, &err) == MC_OK) {
            /* the same set of outcomes and payoff vectors */
            ck_assert_uint_eq(full.noutcomes, nf.noutcomes);
            for (unsigned p = 0; p < np; p++)
                ck_assert_uint_ge(full.agent[p].nplans, nf.agent[p].nplans);
            mc_efnf_free(&full);
        }
        tested++;
        mc_efnf_free(&nf);
        mc_ef_free(&ef);
        tb_free(t);
    }
    ck_assert_int_ge(tested, 20);
}
END_TEST

/* A strategy that is not a function of the information set is refused,
 * and so is a tree above the node limit. */
static mc_status by_node(void *ctx, const mc_game *g, const void *state, const mc_node *node,
                         unsigned mover, mc_q *prob, mc_error *err)
{
    (void)ctx;
    (void)g;
    (void)err;
    uint32_t v;
    memcpy(&v, state, sizeof v);
    for (uint32_t a = 0; a < node->nactions[mover]; a++)
        mc_q_set_i64(&prob[a], a == v % node->nactions[mover]);
    return MC_OK;
}

START_TEST(test_error_paths)
{
    mc_tree *t = ef_kuhn();
    mc_game g;
    mc_error err;
    ck_assert_int_eq(mc_tree_game(t, &g, &err), MC_OK);
    mc_ef ef;
    mc_ef_options o;
    mc_ef_options_default(&o);
    o.max_nodes = 20;
    ck_assert_int_eq(mc_ef_build(&g, &o, &ef, &err), MC_ELIMIT);
    ck_assert_msg(strstr(err.msg, "20"), "%s", err.msg);
    ck_assert_int_eq(mc_ef_build(&g, NULL, &ef, &err), MC_OK);
    mc_ef_behavior b;
    ck_assert_int_eq(mc_ef_behavior_from_game(&ef, &g, 2, by_node, NULL, &b, &err), MC_EINPUT);
    ck_assert_msg(strstr(err.msg, "player 2") && strstr(err.msg, "one information set"), "%s",
                  err.msg);
    /* a pure plan leaving a reached set without an action */
    uint32_t *act = malloc(ef.ninfosets * sizeof *act);
    for (uint32_t i = 0; i < ef.ninfosets; i++)
        act[i] = MC_EF_NONE;
    ck_assert_int_eq(mc_ef_behavior_pure(&ef, 3, act, &b, &err), MC_OK);
    mc_q v[2] = {MC_Q_ZERO, MC_Q_ZERO};
    ck_assert_int_eq(mc_ef_expected_payoff(&ef, &b, v, &err), MC_EINPUT);
    ck_assert_msg(strstr(err.msg, "without a strategy"), "%s", err.msg);
    mc_ef_behavior_free(&b);
    free(act);
    mc_ef_free(&ef);
    tb_free(t);
}
END_TEST

Suite *mc_suite_efnf(void)
{
    Suite *s = suite_create("efnf");
    TCase *tc = tcase_create("normal form");
    tcase_add_test(tc, test_reduced_counts);
    tcase_add_test(tc, test_kuhn_normal_form);
    tcase_add_test(tc, test_limits);
    tcase_add_test(tc, test_perfect_recall_refused);
    tcase_add_test(tc, test_random_normal_forms);
    tcase_add_test(tc, test_error_paths);
    tcase_set_timeout(tc, 30);
    suite_add_tcase(s, tc);
    return s;
}

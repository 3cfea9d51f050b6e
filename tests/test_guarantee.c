/* Guarantee DP, W*, and the team maxmin, against LPs and brute force. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "efgames.h"
#include "mechcheck/ef.h"
#include "mechcheck/efnf.h"
#include "mechcheck/guarantee.h"
#include "mechcheck/seqform.h"
#include "testutil.h"

static void ef_of_game(const mc_game *g, mc_ef *ef)
{
    mc_error err;
    mc_status st = mc_ef_build(g, NULL, ef, &err);
    ck_assert_msg(st == MC_OK, "build: %s", err.msg);
}

static void ef_of(mc_tree *t, mc_ef *ef)
{
    mc_error err;
    mc_status st = mc_ef_from_tree(t, NULL, ef, &err);
    ck_assert_msg(st == MC_OK, "build: %s", err.msg);
}

/* Kuhn poker, player 1 always bets: player 2 calls with K and Q and folds
 * with J at worst (for player 1: (-2 + 0 + 1)/3), folds with K and Q and
 * calls with J at best ((1 + 1 + 2)/3). */
static mc_status always_bet(void *ctx, const mc_game *g, const void *state, const mc_node *node,
                            unsigned mover, mc_q *prob, mc_error *err)
{
    (void)ctx;
    (void)g;
    (void)err;
    uint32_t v;
    memcpy(&v, state, sizeof v);
    /* the first move: bet; facing a bet after checking (never reached): call */
    for (uint32_t a = 0; a < node->nactions[mover]; a++)
        mc_q_set_i64(&prob[a], a == 1);
    return MC_OK;
}

START_TEST(test_kuhn_guarantee)
{
    mc_tree *t = ef_kuhn();
    mc_game g;
    mc_error err;
    ck_assert_int_eq(mc_tree_game(t, &g, &err), MC_OK);
    mc_ef ef;
    ef_of_game(&g, &ef);
    mc_ef_behavior b;
    ck_assert_int_eq(mc_ef_behavior_from_game(&ef, &g, 1, always_bet, NULL, &b, &err), MC_OK);
    mc_guarantee gu;
    mc_guarantee_init(&gu);
    ck_assert_msg(mc_guarantee_compute(&ef, 1, &b, &gu, &err) == MC_OK, "%s", err.msg);
    ck_assert_q_str(&gu.min, "-1/3");
    ck_assert_q_str(&gu.max, "4/3");
    ck_assert(gu.verified);
    ck_assert_uint_eq(gu.side.ninfosets, 6); /* player 2's own sets */
    mc_guarantee_free(&gu);
    /* W*: zero-sum, so every profile sums to 0 */
    mc_q w = MC_Q_ZERO;
    ck_assert_int_eq(mc_max_surplus(&ef, &w, &err), MC_OK);
    ck_assert_q_str(&w, "0");
    mc_ef_behavior_free(&b);
    mc_ef_free(&ef);
    tb_free(t);
}
END_TEST

/* The guarantee's min equals the sequence-form value when the agent has a
 * single plan (its moves restricted to the guaranteed strategy's actions),
 * and min/max equal the extremes of that plan's row in the pooled normal
 * form; W* equals the best plan of the pooled grand coalition. */
START_TEST(test_random_guarantee)
{
    int checked = 0;
    for (uint64_t seed = 300; seed < 340; seed++) {
        unsigned np = 2 + seed % 2, i = (unsigned)(seed % np);
        mc_tree *t = ef_random_tree(seed, np, 2, 3, seed % 4 == 0);
        uint64_t rng = seed;
        uint32_t *act = malloc(t->ninfosets * sizeof *act);
        for (uint32_t k = 0; k < t->ninfosets; k++)
            act[k] = (uint32_t)(ef_rng(&rng) % t->infosets[k].nactions);
        mc_ef ef, efr;
        ef_of(t, &ef);
        ef_restricted rg;
        mc_game g;
        ef_restrict(t, i, act, &rg, &g);
        ef_of_game(&g, &efr);
        /* the strategy on the full game */
        uint32_t *eact = malloc((ef.ninfosets + 1) * sizeof *eact);
        for (uint32_t k = 0; k < ef.ninfosets; k++) {
            const mc_ef_infoset *is = &ef.infosets[k];
            eact[k] = MC_EF_NONE;
            for (unsigned s = 0; s < ef.nmovers[is->first_node]; s++)
                if (ef.infosets[ef.slot_infoset[ef.aux[is->first_node] + s]].player == i &&
                    is->player == i)
                    eact[k] = act[ef_restricted_set(t, is->first_node, s)];
        }
        mc_error err;
        mc_ef_behavior b;
        mc_players me = UINT64_C(1) << i, others = mc_players_all(np) & ~me;
        ck_assert_int_eq(mc_ef_behavior_pure(&ef, me, eact, &b, &err), MC_OK);
        mc_guarantee gu;
        mc_guarantee_init(&gu);
        ck_assert_msg(mc_guarantee_compute(&ef, me, &b, &gu, &err) == MC_OK, "%s", err.msg);
        ck_assert(gu.verified);
        ck_assert_int_le(mc_q_cmp(&gu.min, &gu.max), 0);
        mc_seqform_result r;
        mc_seqform_result_init(&r);
        ck_assert_int_eq(mc_seqform_maximin(&efr, me, others, NULL, &r, &err), MC_OK);
        ck_assert_int_eq(r.lp_status, MC_LP_OPTIMAL_CERTIFIED);
        ck_assert_msg(mc_q_eq(&r.value, &gu.min), "seed %llu", (unsigned long long)seed);
        mc_seqform_result_free(&r);
        /* brute force over the pooled adversary's plans */
        mc_agents ag;
        if (np == 2)
            mc_agents_singletons(&ag, 2);
        else
            ck_assert_int_eq(mc_agents_parse(&ag, 3, i == 0 ? "2,3" : i == 1 ? "1,3" : "1,2",
                                             &err), MC_OK);
        mc_efnf_options o;
        mc_efnf_options_default(&o);
        o.pooled = true;
        o.outcomes = false;
        o.max_profiles = 1u << 16;
        mc_efnf nf;
        mc_status st = mc_efnf_build(&efr, &ag, &o, &nf, &err);
        if (st == MC_OK) {
            unsigned me_agent = ag.agent_of[i];
            ck_assert_uint_eq(nf.agent[me_agent].nplans, 1);
            uint64_t nr, nc;
            mc_q *a;
            ck_assert_int_eq(mc_efnf_agent_matrix(&nf, me_agent, &nr, &nc, &a, &err), MC_OK);
            const mc_q *lo = &a[0], *hi = &a[0];
            for (uint64_t c = 1; c < nc; c++) {
                if (mc_q_cmp(&a[c], lo) < 0)
                    lo = &a[c];
                if (mc_q_cmp(&a[c], hi) > 0)
                    hi = &a[c];
            }
            ck_assert(mc_q_eq(lo, &gu.min));
            ck_assert(mc_q_eq(hi, &gu.max));
            mc_q_clear_vec(a, nr * nc);
            free(a);
            mc_efnf_free(&nf);
            checked++;
        } else {
            ck_assert_int_eq(st, MC_ELIMIT);
        }
        /* W* = the best plan of the grand coalition, pooled */
        mc_agents one;
        char spec[8];
        snprintf(spec, sizeof spec, np == 2 ? "1,2" : "1,2,3");
        ck_assert_int_eq(mc_agents_parse(&one, np, spec, &err), MC_OK);
        o.max_strategies = 1u << 16;
        if (mc_efnf_build(&ef, &one, &o, &nf, &err) == MC_OK) {
            mc_q best = MC_Q_ZERO, sum = MC_Q_ZERO, w = MC_Q_ZERO;
            for (uint64_t p = 0; p < nf.nprofiles; p++) {
                mc_q_set_i64(&sum, 0);
                for (unsigned q = 0; q < np; q++)
                    mc_q_add(&sum, &sum, mc_efnf_payoff(&nf, p, q));
                if (p == 0 || mc_q_cmp(&sum, &best) > 0)
                    mc_q_set(&best, &sum);
            }
            ck_assert_int_eq(mc_max_surplus(&ef, &w, &err), MC_OK);
            ck_assert(mc_q_eq(&w, &best));
            mc_q_clear(&best);
            mc_q_clear(&sum);
            mc_q_clear(&w);
            mc_efnf_free(&nf);
        }
        mc_guarantee_free(&gu);
        mc_ef_behavior_free(&b);
        mc_ef_free(&ef);
        mc_ef_free(&efr);
        free(eact);
        free(act);
        tb_free(t);
    }
    ck_assert_int_ge(checked, 15);
}
END_TEST

/* Team maxmin (others independent) equals the normal-form maximin against
 * the others as one agent on their own information; it is at least the
 * pooled value; column generation reaches the same value. */
START_TEST(test_random_team)
{
    int compared = 0, strict = 0;
    for (uint64_t seed = 500; seed < 540; seed++) {
        unsigned np = 3, i = (unsigned)(seed % np);
        mc_tree *t = ef_random_tree(seed, np, 2, 2, seed % 2 == 0);
        mc_ef ef;
        ef_of(t, &ef);
        mc_error err;
        mc_players me = UINT64_C(1) << i, others = mc_players_all(np) & ~me;
        mc_agents ag;
        ck_assert_int_eq(mc_agents_parse(&ag, 3, i == 0 ? "2,3" : i == 1 ? "1,3" : "1,2", &err),
                         MC_OK);
        mc_efnf_options o;
        mc_efnf_options_default(&o);
        o.outcomes = false;
        o.max_profiles = 1u << 14;
        mc_efnf nf;
        if (mc_efnf_build(&ef, &ag, &o, &nf, &err) != MC_OK) {
            mc_ef_free(&ef);
            tb_free(t);
            continue;
        }
        mc_maximin m;
        mc_maximin_init(&m);
        ck_assert_int_eq(mc_efnf_maximin(&nf, ag.agent_of[i], NULL, &m, &err), MC_OK);
        ck_assert_int_eq(m.lp_status, MC_LP_OPTIMAL_CERTIFIED);
        mc_team_result tr;
        mc_team_result_init(&tr);
        ck_assert_msg(mc_team_maxmin(&ef, me, others, NULL, &tr, &err) == MC_OK, "%s", err.msg);
        ck_assert_msg(tr.decided, "%s", tr.note);
        ck_assert_int_eq(tr.method, MC_TEAM_ENUMERATED);
        ck_assert(mc_q_eq(&tr.lower, &m.value));
        /* column generation with an exact team best response */
        mc_team_options to;
        mc_team_options_default(&to);
        to.max_enum_profiles = 0;
        mc_team_result cg;
        mc_team_result_init(&cg);
        ck_assert_int_eq(mc_team_maxmin(&ef, me, others, &to, &cg, &err), MC_OK);
        ck_assert_int_eq(cg.method, MC_TEAM_COLUMNS_EXACT_BR);
        ck_assert_msg(cg.decided, "%s", cg.note);
        ck_assert(mc_q_eq(&cg.lower, &m.value));
        mc_team_result_free(&cg);
        /* best response by search: valid bounds around the value */
        to.max_br_profiles = 0;
        ck_assert_int_eq(mc_team_maxmin(&ef, me, others, &to, &cg, &err), MC_OK);
        ck_assert_int_eq(cg.method, MC_TEAM_COLUMNS_SEARCH_BR);
        ck_assert(cg.have_lower && cg.have_upper);
        ck_assert_int_le(mc_q_cmp(&cg.lower, &m.value), 0);
        ck_assert_int_ge(mc_q_cmp(&cg.upper, &m.value), 0);
        mc_team_result_free(&cg);
        /* pooled others know more: their value is at most the team value */
        mc_seqform_result r;
        mc_seqform_result_init(&r);
        ck_assert_int_eq(mc_seqform_maximin(&ef, me, others, NULL, &r, &err), MC_OK);
        ck_assert_int_eq(r.lp_status, MC_LP_OPTIMAL_CERTIFIED);
        int c = mc_q_cmp(&r.value, &tr.lower);
        ck_assert_int_le(c, 0);
        strict += c < 0;
        compared++;
        mc_seqform_result_free(&r);
        mc_team_result_free(&tr);
        mc_maximin_free(&m);
        mc_efnf_free(&nf);
        mc_ef_free(&ef);
        tb_free(t);
    }
    ck_assert_int_ge(compared, 15);
    ck_assert_int_ge(strict, 1);
}
END_TEST

Suite *mc_suite_guarantee(void)
{
    Suite *s = suite_create("guarantee");
    TCase *tc = tcase_create("dp");
    tcase_add_test(tc, test_kuhn_guarantee);
    tcase_add_test(tc, test_random_guarantee);
    tcase_add_test(tc, test_random_team);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

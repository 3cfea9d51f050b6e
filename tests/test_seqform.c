/* Sequence-form maximin LPs, pooled sides and their best-response DPs. */
#include <check.h>
#include <stdlib.h>

#include "efgames.h"
#include "mechcheck/ef.h"
#include "mechcheck/efnf.h"
#include "mechcheck/repgame.h"
#include "mechcheck/seqform.h"
#include "testutil.h"

static void ef_of(mc_tree *t, mc_ef *ef)
{
    mc_error err;
    mc_status st = mc_ef_from_tree(t, NULL, ef, &err);
    ck_assert_msg(st == MC_OK, "build: %s", err.msg);
}

static void maximin(const mc_ef *ef, mc_players mx, mc_players mn, mc_seqform_result *r)
{
    mc_error err;
    mc_seqform_result_init(r);
    mc_status st = mc_seqform_maximin(ef, mx, mn, NULL, r, &err);
    ck_assert_msg(st == MC_OK, "maximin: %s", err.msg);
    ck_assert_msg(r->lp_status == MC_LP_OPTIMAL_CERTIFIED, "status %s: %s",
                  mc_lp_status_name(r->lp_status), r->note);
    ck_assert(r->verified);
}

START_TEST(test_kuhn_value)
{
    mc_tree *t = ef_kuhn();
    mc_ef ef;
    ef_of(t, &ef);
    ck_assert_uint_eq(ef.ninfosets, 12);
    ck_assert_uint_eq(ef.nseq[0], 13);
    ck_assert_uint_eq(ef.nseq[1], 13);
    ck_assert_uint_eq(ef.nterminals, 30);
    mc_seqform_result r;
    maximin(&ef, 1, 2, &r);
    ck_assert_q_str(&r.value, "-1/18");
    /* LP size of spec 004 (B): |Sigma_1| + |I_2| + 1 columns, |Sigma_2| + |I_1| + 1 rows */
    ck_assert_uint_eq(r.lp_cols, 13 + 6 + 1);
    ck_assert_uint_eq(r.lp_rows, 13 + 6 + 1);
    ck_assert_uint_eq(r.nnz, 30);
    mc_seqform_result_free(&r);
    maximin(&ef, 2, 1, &r);
    ck_assert_q_str(&r.value, "1/18");
    mc_seqform_result_free(&r);
    mc_ef_free(&ef);
    tb_free(t);
}
END_TEST

START_TEST(test_pennies)
{
    mc_tree *t = ef_pennies();
    mc_ef ef;
    ef_of(t, &ef);
    mc_seqform_result r;
    maximin(&ef, 1, 2, &r);
    ck_assert_q_str(&r.value, "0");
    ck_assert_q_str(&r.x[1], "1/2");
    ck_assert_q_str(&r.y[2], "1/2");
    mc_seqform_result_free(&r);
    mc_ef_free(&ef);
    tb_free(t);
}
END_TEST

/* Sequence-form value == normal-form value (pooled coalition as one
 * normal-form agent with pooled plans) on random trees with imperfect
 * information and chance, for every player as the maximiser. */
START_TEST(test_random_vs_normal_form)
{
    int compared = 0, compared3 = 0;
    for (uint64_t seed = 100; seed < 150; seed++) {
        unsigned np = 2 + seed % 2;
        mc_tree *t = ef_random_tree(seed, np, 2, 2 + seed % 2, seed % 3 == 1);
        mc_ef ef;
        ef_of(t, &ef);
        for (unsigned i = 0; i < np; i++) {
            mc_agents ag;
            mc_error err;
            /* the others form one agent; agents are numbered by smallest member */
            if (np == 2)
                mc_agents_singletons(&ag, 2);
            else
                ck_assert_int_eq(mc_agents_parse(&ag, 3, i == 0 ? "2,3" : i == 1 ? "1,3" : "1,2",
                                                 &err), MC_OK);
            mc_efnf_options o;
            mc_efnf_options_default(&o);
            o.pooled = true;
            o.outcomes = false;
            o.max_profiles = 1u << 14;
            mc_efnf nf;
            mc_status st = mc_efnf_build(&ef, &ag, &o, &nf, &err);
            if (st == MC_ELIMIT)
                continue;
            ck_assert_msg(st == MC_OK, "%s", err.msg);
            unsigned agent = ag.agent_of[i];
            mc_maximin m;
            mc_maximin_init(&m);
            ck_assert_int_eq(mc_efnf_maximin(&nf, agent, NULL, &m, &err), MC_OK);
            ck_assert_int_eq(m.lp_status, MC_LP_OPTIMAL_CERTIFIED);
            mc_seqform_result r;
            mc_players me = UINT64_C(1) << i;
            maximin(&ef, me, mc_players_all(np) & ~me, &r);
            ck_assert_msg(mc_q_eq(&r.value, &m.value), "seed %llu player %u",
                          (unsigned long long)seed, i + 1);
            compared++;
            compared3 += np == 3;
            mc_seqform_result_free(&r);
            mc_maximin_free(&m);
            mc_efnf_free(&nf);
        }
        mc_ef_free(&ef);
        tb_free(t);
    }
    ck_assert_int_ge(compared, 40);
    ck_assert_int_ge(compared3, 10);
}
END_TEST

/* Strategy generation (restricted LPs, certified on the full game) gives
 * exactly the value of the direct LP. */
START_TEST(test_generate_equals_direct)
{
    int generated = 0;
    for (uint64_t seed = 900; seed < 940; seed++) {
        unsigned np = 2 + seed % 2;
        mc_tree *t = ef_random_tree(seed, np, 3, 2, seed % 2 == 0);
        mc_ef ef;
        ef_of(t, &ef);
        unsigned i = (unsigned)(seed % np);
        mc_players me = UINT64_C(1) << i, others = mc_players_all(np) & ~me;
        mc_seqform_options o;
        mc_seqform_options_default(&o);
        mc_seqform_result d, g;
        mc_seqform_result_init(&d);
        mc_seqform_result_init(&g);
        mc_error err;
        o.method = MC_SEQFORM_DIRECT;
        ck_assert_int_eq(mc_seqform_maximin(&ef, me, others, &o, &d, &err), MC_OK);
        o.method = MC_SEQFORM_GENERATE;
        ck_assert_int_eq(mc_seqform_maximin(&ef, me, others, &o, &g, &err), MC_OK);
        ck_assert_int_eq(d.lp_status, MC_LP_OPTIMAL_CERTIFIED);
        ck_assert_msg(g.lp_status == MC_LP_OPTIMAL_CERTIFIED, "%s", g.note);
        ck_assert(g.generated && g.verified);
        ck_assert(mc_q_eq(&d.value, &g.value));
        generated += g.gen_seqs < g.min_side.nseq;
        mc_seqform_result_free(&d);
        mc_seqform_result_free(&g);
        mc_ef_free(&ef);
        tb_free(t);
    }
    ck_assert_int_ge(generated, 10); /* S stayed a strict subset at times */
}
END_TEST

/* Spec 004 sec. 6 sizes on the uniform report game (K = 2): sequences and
 * sets of agent 1 and of the pooled others, and the LP's shape
 * (|Sigma_C| + |I_i| + 1 rows, |Sigma_i| + |I_C| + 1 columns). */
START_TEST(test_spec_sizes)
{
    static const unsigned sizes[][6] = {
        /* N, T, Sigma_i, I_i, I_C, Sigma_C */
        {2, 1, 5, 2, 2, 5},     {2, 2, 37, 18, 18, 37},  {3, 1, 5, 2, 4, 17},
        {3, 2, 69, 34, 132, 529}, {4, 2, 133, 66, 1032, 8257},
    };
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        mc_repgame_params p = {.nagents = sizes[k][0], .periods = sizes[k][1], .types = 2,
                               .range = 10, .seed = k};
        p.p0 = MC_Q_ZERO;
        mc_q_set_frac(&p.p0, 1, 2);
        mc_game g;
        mc_error err;
        ck_assert_int_eq(mc_repgame(&p, &g, &err), MC_OK);
        mc_ef ef;
        ck_assert_int_eq(mc_ef_build(&g, NULL, &ef, &err), MC_OK);
        mc_ef_side a, c;
        ck_assert_int_eq(mc_ef_side_build(&ef, 1, &a, &err), MC_OK);
        ck_assert_int_eq(mc_ef_side_build(&ef, mc_players_all(sizes[k][0]) & ~UINT64_C(1), &c,
                                          &err), MC_OK);
        ck_assert_uint_eq(a.nseq, sizes[k][2]);
        ck_assert_uint_eq(a.ninfosets, sizes[k][3]);
        ck_assert_uint_eq(c.ninfosets, sizes[k][4]);
        ck_assert_uint_eq(c.nseq, sizes[k][5]);
        ck_assert_uint_eq(ef.nterminals, 1u << (2 * sizes[k][0] * sizes[k][1]));
        if (sizes[k][0] * sizes[k][1] <= 6) {
            mc_seqform_options o;
            mc_seqform_options_default(&o);
            o.method = MC_SEQFORM_DIRECT;
            mc_seqform_result r;
            mc_seqform_result_init(&r);
            ck_assert_int_eq(mc_seqform_maximin(&ef, 1, c.players, &o, &r, &err), MC_OK);
            ck_assert_int_eq(r.lp_status, MC_LP_OPTIMAL_CERTIFIED);
            ck_assert_uint_eq(r.lp_rows, c.nseq + a.ninfosets + 1);
            ck_assert_uint_eq(r.lp_cols, a.nseq + c.ninfosets + 1);
            mc_seqform_result_free(&r);
        }
        mc_ef_side_free(&a);
        mc_ef_side_free(&c);
        mc_ef_free(&ef);
        mc_game_destroy(&g);
        mc_q_clear(&p.p0);
    }
}
END_TEST

Suite *mc_suite_seqform(void)
{
    Suite *s = suite_create("seqform");
    TCase *tc = tcase_create("lp");
    tcase_add_test(tc, test_kuhn_value);
    tcase_add_test(tc, test_pennies);
    tcase_add_test(tc, test_random_vs_normal_form);
    tcase_add_test(tc, test_generate_equals_direct);
    tcase_add_test(tc, test_spec_sizes);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

/* Sequence-form maximin LPs, pooled sides and their best-response DPs. */
#include <check.h>
#include <stdlib.h>

#include "efgames.h"
#include "mechcheck/ef.h"
#include "mechcheck/efnf.h"
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

Suite *mc_suite_seqform(void)
{
    Suite *s = suite_create("seqform");
    TCase *tc = tcase_create("lp");
    tcase_add_test(tc, test_kuhn_value);
    tcase_add_test(tc, test_pennies);
    tcase_add_test(tc, test_random_vs_normal_form);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

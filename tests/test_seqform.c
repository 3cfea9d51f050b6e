/* Sequence-form maximin LPs, pooled sides and their best-response DPs. */
#include <check.h>
#include <stdlib.h>

#include "efgames.h"
#include "mechcheck/ef.h"
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

Suite *mc_suite_seqform(void)
{
    Suite *s = suite_create("seqform");
    TCase *tc = tcase_create("lp");
    tcase_add_test(tc, test_kuhn_value);
    tcase_add_test(tc, test_pennies);
    suite_add_tcase(s, tc);
    return s;
}

/* LP layer: exact certificates of small LPs with hand-computed optima,
 * data differing below double precision, infeasible/unbounded
 * certificates, the independent checkers, input validation. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/lp.h"
#include "testutil.h"

/* ---- helpers --------------------------------------------------------------- */

static mc_q qf(int64_t num, int64_t den)
{
    mc_q q = MC_Q_ZERO;
    ck_assert_int_eq(mc_q_set_frac(&q, num, den), MC_OK);
    return q;
}

static void col(mc_lp *lp, mc_lp_bound kind, int64_t lb, int64_t ub, int64_t obj)
{
    mc_q l = MC_Q_INT(lb), u = MC_Q_INT(ub), c = MC_Q_INT(obj);
    mc_error err;
    ck_assert_int_eq(mc_lp_add_col(lp, kind, &l, &u, &c, NULL, &err), MC_OK);
}

/* Row with integer coefficients coef[0..n) on columns 0..n-1 (zeros skipped). */
static void row(mc_lp *lp, mc_lp_bound kind, mc_q lb, mc_q ub, size_t n, const int64_t *coef)
{
    uint32_t idx[16];
    mc_q c[16];
    for (size_t k = 0; k < n; k++) {
        idx[k] = (uint32_t)k;
        c[k] = (mc_q)MC_Q_INT(coef[k]);
    }
    mc_error err;
    ck_assert_int_eq(mc_lp_add_row(lp, kind, &lb, &ub, n, idx, c, NULL, &err), MC_OK);
    mc_q_clear(&lb);
    mc_q_clear(&ub);
}

static void solve(const mc_lp *lp, mc_lp_result *res, mc_lp_status want)
{
    mc_error err;
    mc_error_clear(&err);
    mc_lp_result_init(res);
    ck_assert_int_eq(mc_lp_solve(lp, NULL, res, &err), MC_OK);
    ck_assert_msg(res->status == want, "status %s, want %s (%s)", mc_lp_status_name(res->status),
                  mc_lp_status_name(want), res->note);
    if (want == MC_LP_OPTIMAL_CERTIFIED) {
        mc_error why;
        ck_assert_msg(mc_lp_check_certificate(lp, res->x, res->y, &res->value, &why), "%s",
                      why.msg);
    }
}

/* ---- LPs with known optima ------------------------------------------------ */

/* max 2x + y  s.t. 4x + y <= 1, x + 2y <= 1: vertex (1/7, 3/7), value 5/7,
 * duals (3/7, 2/7). */
START_TEST(test_lp_fractional_max)
{
    mc_lp lp;
    mc_lp_init(&lp, MC_LP_MAX);
    col(&lp, MC_LP_LOWER, 0, 0, 2);
    col(&lp, MC_LP_LOWER, 0, 0, 1);
    row(&lp, MC_LP_UPPER, qf(0, 1), qf(1, 1), 2, (int64_t[]){4, 1});
    row(&lp, MC_LP_UPPER, qf(0, 1), qf(1, 1), 2, (int64_t[]){1, 2});
    mc_lp_result res;
    solve(&lp, &res, MC_LP_OPTIMAL_CERTIFIED);
    ck_assert_q_str(&res.value, "5/7");
    ck_assert_q_str(&res.x[0], "1/7");
    ck_assert_q_str(&res.x[1], "3/7");
    ck_assert_q_str(&res.y[0], "3/7");
    ck_assert_q_str(&res.y[1], "2/7");
    ck_assert_uint_eq(res.basis_dim, 2);

    /* The checker rejects a wrong value, wrong duals, an infeasible point. */
    mc_error why;
    mc_q v = qf(5001, 7000);
    ck_assert(!mc_lp_check_certificate(&lp, res.x, res.y, &v, &why));
    mc_q y2[2] = {qf(1, 2), qf(1, 4)};
    ck_assert(!mc_lp_check_certificate(&lp, res.x, y2, &res.value, &why));
    mc_q y3[2] = {qf(3, 7), qf(-2, 7)};
    ck_assert(!mc_lp_check_certificate(&lp, res.x, y3, &res.value, &why));
    mc_q x2[2] = {qf(2, 7), qf(3, 7)};
    mc_q v2 = qf(1, 1);
    ck_assert(!mc_lp_check_certificate(&lp, x2, res.y, &v2, &why));
    ck_assert(strstr(why.msg, "row 0") != NULL);
    mc_lp_result_free(&res);
    mc_lp_free(&lp);
}
END_TEST

/* min x + y  s.t. 3x + y >= 1, x + 5y >= 1: vertex (2/7, 1/7), value 3/7. */
START_TEST(test_lp_fractional_min)
{
    mc_lp lp;
    mc_lp_init(&lp, MC_LP_MIN);
    col(&lp, MC_LP_LOWER, 0, 0, 1);
    col(&lp, MC_LP_LOWER, 0, 0, 1);
    row(&lp, MC_LP_LOWER, qf(1, 1), qf(0, 1), 2, (int64_t[]){3, 1});
    row(&lp, MC_LP_LOWER, qf(1, 1), qf(0, 1), 2, (int64_t[]){1, 5});
    mc_lp_result res;
    solve(&lp, &res, MC_LP_OPTIMAL_CERTIFIED);
    ck_assert_q_str(&res.value, "3/7");
    ck_assert_q_str(&res.x[0], "2/7");
    ck_assert_q_str(&res.x[1], "1/7");
    ck_assert_q_str(&res.y[0], "2/7");
    ck_assert_q_str(&res.y[1], "1/7");
    mc_lp_result_free(&res);
    mc_lp_free(&lp);
}
END_TEST

/* Three constraints through the optimum (1, 1): a degenerate vertex. */
START_TEST(test_lp_degenerate)
{
    mc_lp lp;
    mc_lp_init(&lp, MC_LP_MAX);
    col(&lp, MC_LP_LOWER, 0, 0, 1);
    col(&lp, MC_LP_LOWER, 0, 0, 1);
    row(&lp, MC_LP_UPPER, qf(0, 1), qf(1, 1), 2, (int64_t[]){1, 0});
    row(&lp, MC_LP_UPPER, qf(0, 1), qf(1, 1), 2, (int64_t[]){0, 1});
    row(&lp, MC_LP_UPPER, qf(0, 1), qf(2, 1), 2, (int64_t[]){1, 1});
    row(&lp, MC_LP_UPPER, qf(0, 1), qf(3, 1), 2, (int64_t[]){2, 1});
    mc_lp_result res;
    solve(&lp, &res, MC_LP_OPTIMAL_CERTIFIED);
    ck_assert_q_str(&res.value, "2");
    ck_assert_q_str(&res.x[0], "1");
    ck_assert_q_str(&res.x[1], "1");
    mc_lp_result_free(&res);
    mc_lp_free(&lp);
}
END_TEST

/* Free variables, an equality row, a double-bounded row, rational data:
 * max 2x - z  s.t. x + y = 3, x - y <= 1, 1 <= y + z <= 4, (1/2) z >= -1/3,
 * x, y, z free.  z >= 1 - y = x - 2, so 2x - z <= x + 2 <= 4 (x <= 2 from the
 * first two rows): the unique optimum is x = 2, y = 1, z = 0, value 4. */
START_TEST(test_lp_free_equality_rational)
{
    mc_lp lp;
    mc_lp_init(&lp, MC_LP_MAX);
    col(&lp, MC_LP_FREE, 0, 0, 2);
    col(&lp, MC_LP_FREE, 0, 0, 0);
    col(&lp, MC_LP_FREE, 0, 0, -1);
    row(&lp, MC_LP_FIXED, qf(3, 1), qf(3, 1), 3, (int64_t[]){1, 1, 0});
    row(&lp, MC_LP_UPPER, qf(0, 1), qf(1, 1), 3, (int64_t[]){1, -1, 0});
    row(&lp, MC_LP_DOUBLE, qf(1, 1), qf(4, 1), 3, (int64_t[]){0, 1, 1});
    uint32_t idx[1] = {2};
    mc_q half = qf(1, 2), lb = qf(-1, 3);
    mc_error err;
    ck_assert_int_eq(mc_lp_add_row(&lp, MC_LP_LOWER, &lb, NULL, 1, idx, &half, "half z", &err),
                     MC_OK);
    mc_q_clear(&lb);
    mc_q_clear(&half);
    mc_lp_result res;
    solve(&lp, &res, MC_LP_OPTIMAL_CERTIFIED);
    ck_assert_q_str(&res.value, "4");
    ck_assert_q_str(&res.x[0], "2");
    ck_assert_q_str(&res.x[1], "1");
    ck_assert_q_str(&res.x[2], "0");
    mc_lp_result_free(&res);
    mc_lp_free(&lp);
}
END_TEST

/* Rational coefficients and bounded columns: max x + y with (1/2)x + (1/3)y <= 1,
 * 0 <= x <= 5/4, 0 <= y <= 5/2.  y = 5/2 leaves x <= 1/3: value 17/6. */
START_TEST(test_lp_rational_bounds)
{
    mc_lp lp;
    mc_lp_init(&lp, MC_LP_MAX);
    mc_q zero = MC_Q_ZERO, one = MC_Q_INT(1), ux = qf(5, 4), uy = qf(5, 2);
    mc_error err;
    ck_assert_int_eq(mc_lp_add_col(&lp, MC_LP_DOUBLE, &zero, &ux, &one, "x", &err), MC_OK);
    ck_assert_int_eq(mc_lp_add_col(&lp, MC_LP_DOUBLE, &zero, &uy, &one, "y", &err), MC_OK);
    uint32_t idx[2] = {0, 1};
    mc_q coef[2] = {qf(1, 2), qf(1, 3)};
    ck_assert_int_eq(mc_lp_add_row(&lp, MC_LP_UPPER, NULL, &one, 2, idx, coef, "r", &err), MC_OK);
    mc_lp_result res;
    solve(&lp, &res, MC_LP_OPTIMAL_CERTIFIED);
    ck_assert_q_str(&res.value, "17/6");
    ck_assert_q_str(&res.x[0], "1/3");
    ck_assert_q_str(&res.x[1], "5/2");
    /* y at its upper bound: reduced cost 1 - (1/3)*2 = 1/3 > 0, row dual 2. */
    ck_assert_q_str(&res.y[0], "2");
    mc_lp_result_free(&res);
    mc_lp_free(&lp);
    mc_q_clear_vec(coef, 2);
    mc_q_clear(&ux);
    mc_q_clear(&uy);
}
END_TEST

/* No rows at all; and the exact-mode options agree. */
START_TEST(test_lp_no_rows_and_modes)
{
    mc_lp lp;
    mc_lp_init(&lp, MC_LP_MIN);
    col(&lp, MC_LP_LOWER, 3, 0, 2);
    col(&lp, MC_LP_UPPER, 0, 4, -1);
    mc_lp_result res;
    solve(&lp, &res, MC_LP_OPTIMAL_CERTIFIED);
    ck_assert_q_str(&res.value, "2");
    mc_lp_result_free(&res);
    mc_lp_free(&lp);

    mc_lp_init(&lp, MC_LP_MAX);
    col(&lp, MC_LP_LOWER, 0, 0, 2);
    col(&lp, MC_LP_LOWER, 0, 0, 1);
    row(&lp, MC_LP_UPPER, qf(0, 1), qf(1, 1), 2, (int64_t[]){4, 1});
    row(&lp, MC_LP_UPPER, qf(0, 1), qf(1, 1), 2, (int64_t[]){1, 2});
    for (int mode = MC_LP_EXACT_ON_FAILURE; mode <= MC_LP_EXACT_NEVER; mode++) {
        mc_lp_options opt;
        mc_lp_options_default(&opt);
        opt.exact = (mc_lp_exact_mode)mode;
        mc_error err;
        mc_lp_result_init(&res);
        ck_assert_int_eq(mc_lp_solve(&lp, &opt, &res, &err), MC_OK);
        ck_assert_int_eq(res.status, MC_LP_OPTIMAL_CERTIFIED);
        ck_assert_q_str(&res.value, "5/7");
        ck_assert(res.used_glp_exact == (mode == MC_LP_EXACT_ALWAYS));
        mc_lp_result_free(&res);
    }
    mc_lp_free(&lp);
}
END_TEST

/* max c0 x0 + c1 x1 s.t. x0 + x1 <= 1 where c0 and c1 differ by less than
 * GLPK's tolerances (1e-10) or than double precision (1e-20): the exact
 * optimum is max(c0, c1).  Without the exact repair steps the result may be
 * UNDECIDED, never the other vertex.  Returns the pivots made. */
static int tiny_gap(const char *big_str, const mc_lp_options *opt, bool must_certify)
{
    int pivots = 0;
    for (int order = 0; order < 2; order++) {
        mc_lp lp;
        mc_lp_init(&lp, MC_LP_MAX);
        mc_q zero = MC_Q_ZERO, one = MC_Q_INT(1), big = MC_Q_ZERO;
        mpq_t t;
        mpq_init(t);
        ck_assert_int_eq(mpq_set_str(t, big_str, 10), 0);
        mc_q_set_mpq(&big, t);
        mpq_clear(t);
        mc_error err;
        ck_assert_int_eq(mc_lp_add_col(&lp, MC_LP_LOWER, &zero, NULL, order ? &one : &big, NULL,
                                       &err), MC_OK);
        ck_assert_int_eq(mc_lp_add_col(&lp, MC_LP_LOWER, &zero, NULL, order ? &big : &one, NULL,
                                       &err), MC_OK);
        uint32_t idx[2] = {0, 1};
        mc_q c[2] = {one, one};
        ck_assert_int_eq(mc_lp_add_row(&lp, MC_LP_UPPER, NULL, &one, 2, idx, c, NULL, &err), MC_OK);
        mc_lp_result res;
        mc_lp_result_init(&res);
        ck_assert_int_eq(mc_lp_solve(&lp, opt, &res, &err), MC_OK);
        if (must_certify || res.status != MC_LP_UNDECIDED) {
            ck_assert_msg(res.status == MC_LP_OPTIMAL_CERTIFIED, "%s", res.note);
            ck_assert(mc_q_eq(&res.value, &big));
            ck_assert_q_str(&res.x[order], "1");
        }
        pivots += res.exact_pivots;
        mc_lp_result_free(&res);
        mc_lp_free(&lp);
        mc_q_clear(&big);
    }
    return pivots;
}

START_TEST(test_lp_tiny_gaps)
{
    tiny_gap("10000000001/10000000000", NULL, true);
    ck_assert_int_gt(tiny_gap("100000000000000000001/100000000000000000000", NULL, true), 0);
    mc_lp_options bare;
    mc_lp_options_default(&bare);
    bare.exact = MC_LP_EXACT_NEVER;
    bare.max_exact_pivots = 0;
    tiny_gap("100000000000000000001/100000000000000000000", &bare, false);
}
END_TEST

/* x + y <= 1 and x + y >= 2: infeasible, with exact Farkas multipliers. */
START_TEST(test_lp_infeasible)
{
    mc_lp lp;
    mc_lp_init(&lp, MC_LP_MAX);
    col(&lp, MC_LP_LOWER, 0, 0, 1);
    col(&lp, MC_LP_LOWER, 0, 0, 1);
    row(&lp, MC_LP_UPPER, qf(0, 1), qf(1, 1), 2, (int64_t[]){1, 1});
    row(&lp, MC_LP_LOWER, qf(2, 1), qf(0, 1), 2, (int64_t[]){1, 1});
    mc_lp_result res;
    solve(&lp, &res, MC_LP_INFEASIBLE_CERTIFIED);
    ck_assert_ptr_nonnull(res.farkas);
    mc_error why;
    ck_assert_msg(mc_lp_check_farkas(&lp, res.farkas, &why), "%s", why.msg);
    /* f = (1, -1): 0 = (x+y) - (x+y) <= 1 - 2 < 0: also a certificate; f = 0 is not. */
    mc_q f[2] = {MC_Q_INT(1), MC_Q_INT(-1)};
    ck_assert(mc_lp_check_farkas(&lp, f, &why));
    mc_q f0[2] = {MC_Q_INT(0), MC_Q_INT(0)};
    ck_assert(!mc_lp_check_farkas(&lp, f0, &why));
    mc_q fbad[2] = {MC_Q_INT(-1), MC_Q_INT(1)};
    ck_assert(!mc_lp_check_farkas(&lp, fbad, &why));
    mc_lp_result_free(&res);
    mc_lp_free(&lp);

    /* Infeasible through a column bound: 0 <= x <= 1, x >= 2. */
    mc_lp_init(&lp, MC_LP_MIN);
    col(&lp, MC_LP_DOUBLE, 0, 1, 1);
    row(&lp, MC_LP_LOWER, qf(2, 1), qf(0, 1), 1, (int64_t[]){1});
    solve(&lp, &res, MC_LP_INFEASIBLE_CERTIFIED);
    ck_assert(mc_lp_check_farkas(&lp, res.farkas, &why));
    mc_lp_result_free(&res);
    mc_lp_free(&lp);
}
END_TEST

/* max x + y  s.t. x - y <= 1: unbounded along (1, 1). */
START_TEST(test_lp_unbounded)
{
    mc_lp lp;
    mc_lp_init(&lp, MC_LP_MAX);
    col(&lp, MC_LP_LOWER, 0, 0, 1);
    col(&lp, MC_LP_LOWER, 0, 0, 1);
    row(&lp, MC_LP_UPPER, qf(0, 1), qf(1, 1), 2, (int64_t[]){1, -1});
    mc_lp_result res;
    solve(&lp, &res, MC_LP_UNBOUNDED_CERTIFIED);
    mc_error why;
    ck_assert_msg(mc_lp_check_ray(&lp, res.x, res.ray, &why), "%s", why.msg);
    mc_q x[2] = {MC_Q_INT(0), MC_Q_INT(0)};
    mc_q good[2] = {MC_Q_INT(1), MC_Q_INT(1)};
    mc_q bad[2] = {MC_Q_INT(2), MC_Q_INT(1)}; /* leaves x - y <= 1 */
    mc_q worse[2] = {MC_Q_INT(0), MC_Q_INT(-1)};
    ck_assert(mc_lp_check_ray(&lp, x, good, &why));
    ck_assert(!mc_lp_check_ray(&lp, x, bad, &why));
    ck_assert(!mc_lp_check_ray(&lp, x, worse, &why));
    mc_lp_result_free(&res);
    mc_lp_free(&lp);

    /* Unbounded min with a free column: min y s.t. y - x >= -3, x <= 0. */
    mc_lp_init(&lp, MC_LP_MIN);
    col(&lp, MC_LP_UPPER, 0, 0, 0);
    col(&lp, MC_LP_FREE, 0, 0, 1);
    row(&lp, MC_LP_LOWER, qf(-3, 1), qf(0, 1), 2, (int64_t[]){-1, 1});
    solve(&lp, &res, MC_LP_UNBOUNDED_CERTIFIED);
    ck_assert(mc_lp_check_ray(&lp, res.x, res.ray, &why));
    mc_lp_result_free(&res);
    mc_lp_free(&lp);
}
END_TEST

START_TEST(test_lp_bad_input)
{
    mc_lp lp;
    mc_lp_init(&lp, MC_LP_MAX);
    mc_error err;
    mc_q one = MC_Q_INT(1), two = MC_Q_INT(2);
    ck_assert_int_eq(mc_lp_add_col(&lp, MC_LP_DOUBLE, &two, &one, NULL, "x", &err), MC_EINPUT);
    ck_assert(strstr(err.msg, "column 0 'x'") != NULL);
    ck_assert_int_eq(mc_lp_add_col(&lp, MC_LP_LOWER, NULL, NULL, NULL, NULL, &err), MC_EINPUT);
    col(&lp, MC_LP_LOWER, 0, 0, 1);
    col(&lp, MC_LP_LOWER, 0, 0, 1);
    uint32_t dup[2] = {1, 1}, out[1] = {2};
    mc_q c[2] = {MC_Q_INT(1), MC_Q_INT(2)};
    ck_assert_int_eq(mc_lp_add_row(&lp, MC_LP_UPPER, NULL, &one, 2, dup, c, "r", &err), MC_EINPUT);
    ck_assert(strstr(err.msg, "given twice") != NULL);
    ck_assert_int_eq(mc_lp_add_row(&lp, MC_LP_UPPER, NULL, &one, 1, out, c, "r", &err), MC_EINPUT);
    ck_assert(strstr(err.msg, "out of range") != NULL);
    ck_assert_int_eq(mc_lp_add_row(&lp, MC_LP_DOUBLE, &two, &one, 0, NULL, NULL, "r", &err),
                     MC_EINPUT);
    ck_assert_uint_eq(lp.nrows, 0);
    /* DOUBLE with equal bounds becomes FIXED. */
    uint32_t first[1] = {0};
    ck_assert_int_eq(mc_lp_add_row(&lp, MC_LP_DOUBLE, &one, &one, 1, first, c, NULL, &err), MC_OK);
    ck_assert_int_eq(lp.row_kind[0], MC_LP_FIXED);
    mc_lp_free(&lp);
}
END_TEST

Suite *mc_suite_lp(void)
{
    Suite *s = suite_create("lp");
    TCase *tc = tcase_create("lp");
    tcase_add_test(tc, test_lp_fractional_max);
    tcase_add_test(tc, test_lp_fractional_min);
    tcase_add_test(tc, test_lp_degenerate);
    tcase_add_test(tc, test_lp_free_equality_rational);
    tcase_add_test(tc, test_lp_rational_bounds);
    tcase_add_test(tc, test_lp_no_rows_and_modes);
    tcase_add_test(tc, test_lp_tiny_gaps);
    tcase_add_test(tc, test_lp_infeasible);
    tcase_add_test(tc, test_lp_unbounded);
    tcase_add_test(tc, test_lp_bad_input);
    suite_add_tcase(s, tc);
    return s;
}

/* LP layer: exact certificates of small LPs with hand-computed optima,
 * infeasible/unbounded certificates, maximin of matrix and normal-form
 * games against closed forms and an independent mc_q re-check. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/lp.h"
#include "mechcheck/maximin.h"
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
 * GLPK's tolerances (1e-10) or than double precision (1e-20): the result is
 * the exact optimum max(c0, c1) or UNDECIDED, never the other vertex. */
static void tiny_gap(const char *big_str, bool must_certify)
{
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
        ck_assert_int_eq(mc_lp_solve(&lp, NULL, &res, &err), MC_OK);
        if (must_certify || res.status != MC_LP_UNDECIDED) {
            ck_assert_msg(res.status == MC_LP_OPTIMAL_CERTIFIED, "%s", res.note);
            ck_assert(mc_q_eq(&res.value, &big));
            ck_assert_q_str(&res.x[order], "1");
        }
        mc_lp_result_free(&res);
        mc_lp_free(&lp);
        mc_q_clear(&big);
    }
}

START_TEST(test_lp_tiny_gaps)
{
    tiny_gap("10000000001/10000000000", true);
    tiny_gap("100000000000000000001/100000000000000000000", false);
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

/* ---- maximin -------------------------------------------------------------- */

static mc_q *int_matrix(size_t n, const int64_t *v)
{
    mc_q *a = malloc(n * sizeof *a);
    for (size_t i = 0; i < n; i++)
        a[i] = (mc_q)MC_Q_INT(v[i]);
    return a;
}

static void free_matrix(mc_q *a, size_t n)
{
    mc_q_clear_vec(a, n);
    free(a);
}

/* Independent of the library's checker: plain mc_q loops.  Returns true when
 * x, y are distributions and min_t x.A = value = max_s A.y. */
static bool q_identities(size_t r, size_t c, const mc_q *a, const mc_q *x, const mc_q *y,
                         const mc_q *value)
{
    mc_q acc = MC_Q_ZERO, best = MC_Q_ZERO, sum = MC_Q_ZERO, one = MC_Q_INT(1);
    bool ok = true;
    for (size_t s = 0; s < r; s++) {
        ok &= mc_q_sgn(&x[s]) >= 0;
        mc_q_add(&sum, &sum, &x[s]);
    }
    ok &= mc_q_eq(&sum, &one);
    mc_q_set_i64(&sum, 0);
    for (size_t t = 0; t < c; t++) {
        ok &= mc_q_sgn(&y[t]) >= 0;
        mc_q_add(&sum, &sum, &y[t]);
    }
    ok &= mc_q_eq(&sum, &one);
    for (size_t t = 0; t < c; t++) {
        mc_q_set_i64(&acc, 0);
        for (size_t s = 0; s < r; s++)
            mc_q_addmul(&acc, &x[s], &a[s * c + t]);
        if (t == 0 || mc_q_cmp(&acc, &best) < 0)
            mc_q_set(&best, &acc);
    }
    ok &= mc_q_eq(&best, value);
    for (size_t s = 0; s < r; s++) {
        mc_q_set_i64(&acc, 0);
        for (size_t t = 0; t < c; t++)
            mc_q_addmul(&acc, &a[s * c + t], &y[t]);
        if (s == 0 || mc_q_cmp(&acc, &best) > 0)
            mc_q_set(&best, &acc);
    }
    ok &= mc_q_eq(&best, value);
    mc_q_clear(&acc);
    mc_q_clear(&best);
    mc_q_clear(&sum);
    return ok;
}

static void maximin(size_t r, size_t c, const mc_q *a, mc_maximin *out)
{
    mc_error err;
    mc_maximin_init(out);
    ck_assert_int_eq(mc_maximin_matrix(r, c, a, NULL, out, &err), MC_OK);
    ck_assert_msg(out->lp_status == MC_LP_OPTIMAL_CERTIFIED, "%s", out->note);
    ck_assert(q_identities(r, c, a, out->x, out->y, &out->value));
    ck_assert(mc_q_cmp(&out->pure_value, &out->value) <= 0);
}

START_TEST(test_maximin_small_games)
{
    mc_maximin m;
    /* matching pennies */
    mc_q *a = int_matrix(4, (int64_t[]){1, -1, -1, 1});
    maximin(2, 2, a, &m);
    ck_assert_q_str(&m.value, "0");
    ck_assert_q_str(&m.x[0], "1/2");
    ck_assert_q_str(&m.x[1], "1/2");
    ck_assert_q_str(&m.y[0], "1/2");
    ck_assert_q_str(&m.pure_value, "-1");
    mc_error why;
    ck_assert(mc_maximin_check(2, 2, a, m.x, m.y, &m.value, &why));
    mc_q wrong = qf(1, 100);
    ck_assert(!mc_maximin_check(2, 2, a, m.x, m.y, &wrong, &why));
    mc_q xs[2] = {qf(2, 3), qf(1, 3)};
    ck_assert(!mc_maximin_check(2, 2, a, xs, m.y, &m.value, &why));
    mc_maximin_free(&m);
    free_matrix(a, 4);

    /* rock-paper-scissors */
    a = int_matrix(9, (int64_t[]){0, -1, 1, 1, 0, -1, -1, 1, 0});
    maximin(3, 3, a, &m);
    ck_assert_q_str(&m.value, "0");
    for (int k = 0; k < 3; k++) {
        ck_assert_q_str(&m.x[k], "1/3");
        ck_assert_q_str(&m.y[k], "1/3");
    }
    mc_maximin_free(&m);
    free_matrix(a, 9);

    /* [[3,-1],[1,2]]: value (6+1)/(3+2+1-1) = 7/5, x = (1/5, 4/5), y = (3/5, 2/5) */
    a = int_matrix(4, (int64_t[]){3, -1, 1, 2});
    maximin(2, 2, a, &m);
    ck_assert_q_str(&m.value, "7/5");
    ck_assert_q_str(&m.x[0], "1/5");
    ck_assert_q_str(&m.x[1], "4/5");
    ck_assert_q_str(&m.y[0], "3/5");
    ck_assert_q_str(&m.y[1], "2/5");
    ck_assert_q_str(&m.pure_value, "1");
    ck_assert_uint_eq(m.pure_row, 1);
    mc_maximin_free(&m);
    free_matrix(a, 4);

    /* saddle point at (0, 1): pure maximin = value = 2 */
    a = int_matrix(9, (int64_t[]){4, 2, 3, 1, 0, 5, 3, 1, 2});
    maximin(3, 3, a, &m);
    ck_assert_q_str(&m.value, "2");
    ck_assert_q_str(&m.pure_value, "2");
    ck_assert_uint_eq(m.pure_row, 0);
    ck_assert_q_str(&m.x[0], "1");
    ck_assert_q_str(&m.y[1], "1");
    mc_maximin_free(&m);
    free_matrix(a, 9);

    /* rational payoffs, a dominated row, a 1 x 3 and a 3 x 1 game */
    mc_q b[6] = {qf(1, 2), qf(-1, 3), qf(1, 4), qf(-1, 2), qf(-1, 3), qf(-1, 5)};
    maximin(3, 2, b, &m);
    /* [[1/2,-1/3],[1/4,-1/2],[-1/3,-1/5]]: row 0 dominates row 1; rows 0 and
     * 2 form a 2x2 game without saddle: (ad-bc)/(a+d-b-c) =
     * (-1/10 - 1/9) / (1/2 - 1/5 + 1/3 + 1/3) = -19/87. */
    ck_assert_q_str(&m.value, "-19/87");
    ck_assert_q_str(&m.x[1], "0");
    mc_maximin_free(&m);
    maximin(1, 3, b, &m);
    ck_assert_q_str(&m.value, "-1/3");
    mc_maximin_free(&m);
    maximin(3, 1, b, &m);
    ck_assert_q_str(&m.value, "1/2");
    mc_maximin_free(&m);
    mc_q_clear_vec(b, 6);
}
END_TEST

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static mc_q *random_matrix(size_t r, size_t c, int range, uint64_t *seed)
{
    mc_q *a = malloc(r * c * sizeof *a);
    for (size_t i = 0; i < r * c; i++)
        a[i] = (mc_q)MC_Q_INT((int64_t)(rng_next(seed) % (uint64_t)(2 * range + 1)) - range);
    return a;
}

/* 2x2 closed form: a saddle gives the pure value, else (ad-bc)/(a+d-b-c). */
static void closed_form_2x2(const mc_q *a, mc_q *v)
{
    mc_q pure = MC_Q_ZERO, upper = MC_Q_ZERO, t = MC_Q_ZERO, u = MC_Q_ZERO;
    uint64_t row;
    ck_assert_int_eq(mc_maximin_pure(2, 2, a, &pure, &row, NULL), MC_OK);
    /* min over columns of the column maxima */
    const mc_q *c0 = mc_q_cmp(&a[0], &a[2]) > 0 ? &a[0] : &a[2];
    const mc_q *c1 = mc_q_cmp(&a[1], &a[3]) > 0 ? &a[1] : &a[3];
    mc_q_set(&upper, mc_q_cmp(c0, c1) < 0 ? c0 : c1);
    if (mc_q_eq(&pure, &upper)) {
        mc_q_set(v, &pure);
    } else {
        mc_q_mul(&t, &a[0], &a[3]);
        mc_q_mul(&u, &a[1], &a[2]);
        mc_q_sub(&t, &t, &u);
        mc_q_add(&u, &a[0], &a[3]);
        mc_q_sub(&u, &u, &a[1]);
        mc_q_sub(&u, &u, &a[2]);
        ck_assert_int_eq(mc_q_div(v, &t, &u), MC_OK);
    }
    mc_q_clear(&pure);
    mc_q_clear(&upper);
    mc_q_clear(&t);
    mc_q_clear(&u);
}

START_TEST(test_maximin_random_small)
{
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    for (int trial = 0; trial < 60; trial++) {
        size_t r = 2 + (size_t)(trial % 3), c = 2 + (size_t)((trial / 3) % 3);
        mc_q *a = random_matrix(r, c, 5, &seed);
        mc_maximin m;
        maximin(r, c, a, &m);
        if (r == 2 && c == 2) {
            mc_q v = MC_Q_ZERO;
            closed_form_2x2(a, &v);
            ck_assert(mc_q_eq(&v, &m.value));
            mc_q_clear(&v);
        }
        mc_maximin_free(&m);
        free_matrix(a, r * c);
    }
}
END_TEST

START_TEST(test_maximin_random_60)
{
    uint64_t seed = 12345;
    mc_q *a = random_matrix(60, 60, 50, &seed);
    mc_maximin m;
    maximin(60, 60, a, &m);
    ck_assert(m.basis_dim > 2);
    mc_maximin_free(&m);
    free_matrix(a, 3600);
}
END_TEST

START_TEST(test_maximin_random_200)
{
    uint64_t seed = 777;
    mc_q *a = random_matrix(200, 200, 100, &seed);
    mc_maximin m;
    mc_error err;
    mc_maximin_init(&m);
    ck_assert_int_eq(mc_maximin_matrix(200, 200, a, NULL, &m, &err), MC_OK);
    ck_assert_msg(m.lp_status == MC_LP_OPTIMAL_CERTIFIED, "%s", m.note);
    mc_error why;
    ck_assert(mc_maximin_check(200, 200, a, m.x, m.y, &m.value, &why));
    mc_maximin_free(&m);
    free_matrix(a, 40000);
}
END_TEST

/* ---- normal-form games ------------------------------------------------------ */

/* A game built by hand (independent of the nfg constructors):
 * payoff of player p at (s0, s1, s2) = f(p, s). */
static int64_t f(unsigned p, const uint32_t *s)
{
    return (int64_t)((p + 1) * (3 * s[0] + 5 * s[1] + 7 * s[2]) % 11) - 5 + (int64_t)(s[p] * p);
}

static void make_game(mc_nfg *g, unsigned n, const uint32_t *ns)
{
    memset(g, 0, sizeof *g);
    g->nplayers = n;
    g->nprofiles = 1;
    for (unsigned p = 0; p < n; p++) {
        g->nstrategies[p] = ns[p];
        g->nprofiles *= ns[p];
    }
    g->payoff = malloc(g->nprofiles * n * sizeof *g->payoff);
    for (uint64_t k = 0; k < g->nprofiles; k++) {
        uint32_t s[MC_MAX_PLAYERS] = {0};
        uint64_t rest = k;
        for (unsigned p = 0; p < n; p++) {
            s[p] = (uint32_t)(rest % ns[p]);
            rest /= ns[p];
        }
        for (unsigned p = 0; p < n; p++)
            g->payoff[k * n + p] = (mc_q)MC_Q_INT(f(p, s));
    }
}

static void free_game(mc_nfg *g)
{
    mc_q_clear_vec(g->payoff, g->nprofiles * g->nplayers);
    free(g->payoff);
}

START_TEST(test_maximin_nfg_matrix)
{
    mc_nfg g;
    uint32_t ns[3] = {2, 3, 2};
    make_game(&g, 3, ns);
    unsigned members[2] = {2, 0};
    uint64_t r, c;
    mc_q *a;
    mc_error err;
    ck_assert_int_eq(mc_nfg_agent_matrix(&g, 2, members, &r, &c, &a, &err), MC_OK);
    ck_assert_uint_eq(r, 4);
    ck_assert_uint_eq(c, 3);
    for (uint64_t s = 0; s < r; s++)
        for (uint64_t t = 0; t < c; t++) {
            uint32_t st[3];
            st[2] = (uint32_t)(s % 2); /* members[0] = player 2 fastest */
            st[0] = (uint32_t)(s / 2);
            st[1] = (uint32_t)t;
            ck_assert(mc_q_get_d(&a[s * c + t]) == (double)(f(2, st) + f(0, st)));
            uint32_t dec[3] = {9, 9, 9};
            mc_nfg_agent_decode(&g, 2, members, false, s, dec);
            mc_nfg_agent_decode(&g, 2, members, true, t, dec);
            ck_assert(dec[0] == st[0] && dec[1] == st[1] && dec[2] == st[2]);
        }
    mc_maximin m, m2;
    mc_maximin_init(&m);
    mc_maximin_init(&m2);
    ck_assert_int_eq(mc_maximin_nf(&g, 2, members, NULL, &m, &err), MC_OK);
    ck_assert_msg(m.lp_status == MC_LP_OPTIMAL_CERTIFIED, "%s", m.note);
    ck_assert(q_identities(r, c, a, m.x, m.y, &m.value));
    ck_assert_int_eq(mc_maximin_matrix(r, c, a, NULL, &m2, &err), MC_OK);
    ck_assert(mc_q_eq(&m.value, &m2.value));
    mc_maximin_free(&m);
    mc_maximin_free(&m2);
    free_matrix(a, r * c);

    /* Player 1 alone against the pooled players 0 and 2 (columns: s0 fastest). */
    unsigned solo[1] = {1};
    ck_assert_int_eq(mc_nfg_agent_matrix(&g, 1, solo, &r, &c, &a, &err), MC_OK);
    ck_assert_uint_eq(r, 3);
    ck_assert_uint_eq(c, 4);
    uint32_t st[3] = {1, 2, 0}; /* column t = s0 + 2*s2 = 1 */
    ck_assert(mc_q_get_d(&a[2 * c + 1]) == (double)f(1, st));
    free_matrix(a, r * c);

    unsigned bad[2] = {1, 1}, outside[1] = {3};
    ck_assert_int_eq(mc_nfg_agent_matrix(&g, 2, bad, &r, &c, &a, &err), MC_EINPUT);
    ck_assert_int_eq(mc_nfg_agent_matrix(&g, 1, outside, &r, &c, &a, &err), MC_EINPUT);
    free_game(&g);
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
    TCase *mm = tcase_create("maximin");
    tcase_set_timeout(mm, 30);
    tcase_add_test(mm, test_maximin_small_games);
    tcase_add_test(mm, test_maximin_random_small);
    tcase_add_test(mm, test_maximin_random_60);
    tcase_add_test(mm, test_maximin_random_200);
    tcase_add_test(mm, test_maximin_nfg_matrix);
    suite_add_tcase(s, mm);
    return s;
}

/* Independent exact checks of LP certificates: optimality (primal x, row
 * duals y, value), infeasibility (Farkas multipliers) and unboundedness
 * (feasible point and improving ray).  They use only the LP's data and
 * weak duality, never a basis, so they re-check witnesses from anywhere.
 *
 * Products A x and A^T y run over integers: each row is scaled by the lcm
 * of its denominators and the vector is put over a common denominator, so
 * the inner loops are mpz multiply-adds without a gcd per term. */
#include <stdlib.h>
#include <string.h>

#include "lp/lp_internal.h"

typedef struct scaled_rows {
    mpz_t *a;      /* nnz: ent_coef * s[row] */
    mpz_t *s;      /* nrows */
} scaled_rows;

static bool scaled_init(scaled_rows *sr, const mc_lp *lp)
{
    sr->a = malloc((lp->nnz ? lp->nnz : 1) * sizeof *sr->a);
    sr->s = malloc((lp->nrows ? lp->nrows : 1) * sizeof *sr->s);
    if (!sr->a || !sr->s) {
        free(sr->a);
        free(sr->s);
        return false;
    }
    mpq_t c;
    mpq_init(c);
    for (size_t i = 0; i < lp->nrows; i++) {
        mpz_init_set_ui(sr->s[i], 1);
        for (size_t e = lp->row_start[i]; e < lp->row_start[i + 1]; e++)
            mc_lp_lcm_den(sr->s[i], &lp->ent_coef[e]);
        for (size_t e = lp->row_start[i]; e < lp->row_start[i + 1]; e++) {
            mpz_init(sr->a[e]);
            const mc_q *q = &lp->ent_coef[e];
            if (q->den == 1 && mpz_cmp_ui(sr->s[i], 1) == 0) {
                mpz_set_si(sr->a[e], q->num);
            } else {
                mc_q_get_mpq(c, q);
                mpz_divexact(sr->a[e], sr->s[i], mpq_denref(c));
                mpz_mul(sr->a[e], sr->a[e], mpq_numref(c));
            }
        }
    }
    mpq_clear(c);
    return true;
}

static void scaled_free(scaled_rows *sr, const mc_lp *lp)
{
    for (size_t e = 0; e < lp->nnz; e++)
        mpz_clear(sr->a[e]);
    for (size_t i = 0; i < lp->nrows; i++)
        mpz_clear(sr->s[i]);
    free(sr->a);
    free(sr->s);
}

/* act[i] = a_i . x */
static bool row_activity_q(const mc_lp *lp, const scaled_rows *sr, const mpq_t *xq, mpq_t *act)
{
    size_t n = lp->ncols;
    mpz_t *xn = mc_mpz_vec(n);
    if (!xn)
        return false;
    mpz_t den, acc;
    mpz_inits(den, acc, NULL);
    mc_lp_common_den(xq, n, xn, den);
    for (size_t i = 0; i < lp->nrows; i++) {
        mpz_set_ui(acc, 0);
        for (size_t e = lp->row_start[i]; e < lp->row_start[i + 1]; e++)
            if (mpz_sgn(xn[lp->ent_col[e]]))
                mpz_addmul(acc, sr->a[e], xn[lp->ent_col[e]]);
        mpq_set_num(act[i], acc);
        mpz_mul(acc, den, sr->s[i]);
        mpq_set_den(act[i], acc);
        mpq_canonicalize(act[i]);
    }
    mpz_clears(den, acc, NULL);
    mc_mpz_vec_free(xn, n);
    return true;
}

static bool row_activity(const mc_lp *lp, const scaled_rows *sr, const mc_q *x, mpq_t *act)
{
    mpq_t *xq = mc_mpq_vec_of(x, lp->ncols);
    if (!xq)
        return false;
    bool ok = row_activity_q(lp, sr, (const mpq_t *)xq, act);
    mc_mpq_vec_free(xq, lp->ncols);
    return ok;
}

/* u[j] = sum_i a_ij y_i */
static bool transposed_product_q(const mc_lp *lp, const scaled_rows *sr, const mpq_t *y, mpq_t *u)
{
    size_t m = lp->nrows, n = lp->ncols;
    mpq_t *z = mc_mpq_vec(m);
    mpz_t *zn = mc_mpz_vec(m), *acc = mc_mpz_vec(n);
    if (!z || !zn || !acc) {
        mc_mpq_vec_free(z, m);
        mc_mpz_vec_free(zn, m);
        mc_mpz_vec_free(acc, n);
        return false;
    }
    mpz_t den;
    mpz_init(den);
    for (size_t i = 0; i < m; i++) {
        mpq_set(z[i], y[i]);
        mpz_mul(mpq_denref(z[i]), mpq_denref(z[i]), sr->s[i]); /* y_i / s_i */
        mpq_canonicalize(z[i]);
    }
    mc_lp_common_den((const mpq_t *)z, m, zn, den);
    for (size_t i = 0; i < m; i++) {
        if (!mpz_sgn(zn[i]))
            continue;
        for (size_t e = lp->row_start[i]; e < lp->row_start[i + 1]; e++)
            mpz_addmul(acc[lp->ent_col[e]], sr->a[e], zn[i]);
    }
    for (size_t j = 0; j < n; j++) {
        mpq_set_num(u[j], acc[j]);
        mpq_set_den(u[j], den);
        mpq_canonicalize(u[j]);
    }
    mpz_clear(den);
    mc_mpq_vec_free(z, m);
    mc_mpz_vec_free(zn, m);
    mc_mpz_vec_free(acc, n);
    return true;
}

static bool transposed_product(const mc_lp *lp, const scaled_rows *sr, const mc_q *y, mpq_t *u)
{
    mpq_t *yq = mc_mpq_vec_of(y, lp->nrows);
    if (!yq)
        return false;
    bool ok = transposed_product_q(lp, sr, (const mpq_t *)yq, u);
    mc_mpq_vec_free(yq, lp->nrows);
    return ok;
}

bool mc_lp_times(const mc_lp *lp, const mpq_t *x, mpq_t *act)
{
    scaled_rows sr;
    if (!scaled_init(&sr, lp))
        return false;
    bool ok = row_activity_q(lp, &sr, x, act);
    scaled_free(&sr, lp);
    return ok;
}

bool mc_lp_times_t(const mc_lp *lp, const mpq_t *y, mpq_t *u)
{
    scaled_rows sr;
    if (!scaled_init(&sr, lp))
        return false;
    bool ok = transposed_product_q(lp, &sr, y, u);
    scaled_free(&sr, lp);
    return ok;
}

static void fail(mc_error *why, const char *what, size_t index, const char *name, const char *msg,
                 const mpq_t v)
{
    if (!why)
        return;
    char *s = mpq_get_str(NULL, 10, v);
    mc_error_set(why, MC_EINPUT, "lp certificate: %s %zu '%s': %s (%.200s)", what, index,
                 name ? name : "", msg, s ? s : "?");
    free(s);
}

/* v within the bounds of kind; *msg says which one fails. */
static bool within(const mpq_t v, mc_lp_bound kind, const mc_q *lb, const mc_q *ub, mpq_t tmp,
                   const char **msg)
{
    if (mc_lp_has_lb(kind)) {
        mc_q_get_mpq(tmp, lb);
        if (mpq_cmp(v, tmp) < 0) {
            *msg = "below its lower bound";
            return false;
        }
    }
    if (mc_lp_has_ub(kind)) {
        mc_q_get_mpq(tmp, ub);
        if (mpq_cmp(v, tmp) > 0) {
            *msg = "above its upper bound";
            return false;
        }
    }
    return true;
}

static bool primal_feasible(const mc_lp *lp, const scaled_rows *sr, const mc_q *x, mc_error *why)
{
    mpq_t v, tmp;
    mpq_inits(v, tmp, NULL);
    const char *msg = NULL;
    bool ok = true;
    for (size_t j = 0; j < lp->ncols && ok; j++) {
        mc_q_get_mpq(v, &x[j]);
        if (!within(v, lp->col_kind[j], &lp->col_lb[j], &lp->col_ub[j], tmp, &msg)) {
            fail(why, "column", j, lp->col_name[j], msg, v);
            ok = false;
        }
    }
    mpq_t *act = ok ? mc_mpq_vec(lp->nrows) : NULL;
    if (ok && (!act || !row_activity(lp, sr, x, act))) {
        mc_error_set(why, MC_ENOMEM, "lp certificate: out of memory");
        ok = false;
    }
    for (size_t i = 0; i < lp->nrows && ok; i++) {
        if (!within(act[i], lp->row_kind[i], &lp->row_lb[i], &lp->row_ub[i], tmp, &msg)) {
            fail(why, "row", i, lp->row_name[i], msg, act[i]);
            ok = false;
        }
    }
    mc_mpq_vec_free(act, lp->nrows);
    mpq_clears(v, tmp, NULL);
    return ok;
}

/* sum += coef * (the bound of the variable that maximises coef*v when
 * upper_side, else minimises it); false when that bound is infinite. */
static bool add_bound_term(mpq_t sum, const mpq_t coef, bool upper_side, mc_lp_bound kind,
                           const mc_q *lb, const mc_q *ub, mpq_t tmp)
{
    int s = mpq_sgn(coef);
    if (s == 0)
        return true;
    bool use_ub = (s > 0) == upper_side;
    if (use_ub ? !mc_lp_has_ub(kind) : !mc_lp_has_lb(kind))
        return false;
    mc_q_get_mpq(tmp, use_ub ? ub : lb);
    mpq_mul(tmp, tmp, coef);
    mpq_add(sum, sum, tmp);
    return true;
}

bool mc_lp_check_certificate(const mc_lp *lp, const mc_q *x, const mc_q *y, const mc_q *value,
                             mc_error *why)
{
    scaled_rows sr;
    if (!scaled_init(&sr, lp)) {
        mc_error_set(why, MC_ENOMEM, "lp certificate: out of memory");
        return false;
    }
    size_t n = lp->ncols, m = lp->nrows;
    bool maximise = lp->sense == MC_LP_MAX;
    bool ok = primal_feasible(lp, &sr, x, why);
    mpq_t val, sum, tmp, c;
    mpq_inits(val, sum, tmp, c, NULL);
    mc_q_get_mpq(val, value);
    mpq_t *u = ok ? mc_mpq_vec(n) : NULL;
    if (ok) {
        for (size_t j = 0; j < n; j++) {
            if (mc_q_is_zero(&x[j]) || mc_q_is_zero(&lp->obj[j]))
                continue;
            mc_q_get_mpq(tmp, &x[j]);
            mc_q_get_mpq(c, &lp->obj[j]);
            mpq_mul(tmp, tmp, c);
            mpq_add(sum, sum, tmp);
        }
        if (!mpq_equal(sum, val)) {
            fail(why, "objective", 0, "", "obj.x differs from the claimed value; obj.x is", sum);
            ok = false;
        }
    }
    if (ok && (!u || !transposed_product(lp, &sr, y, u))) {
        mc_error_set(why, MC_ENOMEM, "lp certificate: out of memory");
        ok = false;
    }
    /* The dual bound: sum_i y_i (row bound) + sum_j d_j (column bound). */
    mpq_set_ui(sum, 0, 1);
    for (size_t i = 0; i < m && ok; i++) {
        mc_q_get_mpq(c, &y[i]);
        if (!add_bound_term(sum, c, maximise, lp->row_kind[i], &lp->row_lb[i], &lp->row_ub[i],
                            tmp)) {
            fail(why, "row", i, lp->row_name[i],
                 "dual value has the wrong sign for the row's bounds", c);
            ok = false;
        }
    }
    for (size_t j = 0; j < n && ok; j++) {
        mc_q_get_mpq(c, &lp->obj[j]);
        mpq_sub(c, c, u[j]); /* reduced cost */
        if (!add_bound_term(sum, c, maximise, lp->col_kind[j], &lp->col_lb[j], &lp->col_ub[j],
                            tmp)) {
            fail(why, "column", j, lp->col_name[j],
                 "reduced cost has the wrong sign for the column's bounds", c);
            ok = false;
        }
    }
    if (ok && !mpq_equal(sum, val)) {
        fail(why, "objective", 0, "", "dual bound differs from the claimed value; it is", sum);
        ok = false;
    }
    mc_mpq_vec_free(u, n);
    mpq_clears(val, sum, tmp, c, NULL);
    scaled_free(&sr, lp);
    return ok;
}

bool mc_lp_check_farkas(const mc_lp *lp, const mc_q *f, mc_error *why)
{
    scaled_rows sr;
    if (!scaled_init(&sr, lp)) {
        mc_error_set(why, MC_ENOMEM, "lp certificate: out of memory");
        return false;
    }
    size_t n = lp->ncols, m = lp->nrows;
    bool ok = true;
    mpq_t up, lo, tmp, c;
    mpq_inits(up, lo, tmp, c, NULL);
    mpq_t *d = mc_mpq_vec(n);
    if (!d || !transposed_product(lp, &sr, f, d)) {
        mc_error_set(why, MC_ENOMEM, "lp certificate: out of memory");
        ok = false;
    }
    for (size_t i = 0; i < m && ok; i++) {
        mc_q_get_mpq(c, &f[i]);
        if (!add_bound_term(up, c, true, lp->row_kind[i], &lp->row_lb[i], &lp->row_ub[i], tmp)) {
            fail(why, "row", i, lp->row_name[i], "Farkas multiplier needs a missing bound", c);
            ok = false;
        }
    }
    for (size_t j = 0; j < n && ok; j++) {
        if (!add_bound_term(lo, d[j], false, lp->col_kind[j], &lp->col_lb[j], &lp->col_ub[j],
                            tmp)) {
            fail(why, "column", j, lp->col_name[j], "combined coefficient needs a missing bound",
                 d[j]);
            ok = false;
        }
    }
    if (ok && mpq_cmp(lo, up) <= 0) {
        mpq_sub(tmp, lo, up);
        fail(why, "combination", 0, "", "no contradiction: lower minus upper is", tmp);
        ok = false;
    }
    mc_mpq_vec_free(d, n);
    mpq_clears(up, lo, tmp, c, NULL);
    scaled_free(&sr, lp);
    return ok;
}

/* v has the sign a recession direction needs for a variable of this kind. */
static bool recession_ok(const mpq_t v, mc_lp_bound kind)
{
    int s = mpq_sgn(v);
    if (mc_lp_has_lb(kind) && s < 0)
        return false;
    if (mc_lp_has_ub(kind) && s > 0)
        return false;
    return true;
}

bool mc_lp_check_ray(const mc_lp *lp, const mc_q *x, const mc_q *ray, mc_error *why)
{
    scaled_rows sr;
    if (!scaled_init(&sr, lp)) {
        mc_error_set(why, MC_ENOMEM, "lp certificate: out of memory");
        return false;
    }
    size_t n = lp->ncols, m = lp->nrows;
    bool ok = primal_feasible(lp, &sr, x, why);
    mpq_t v, sum, c;
    mpq_inits(v, sum, c, NULL);
    for (size_t j = 0; j < n && ok; j++) {
        mc_q_get_mpq(v, &ray[j]);
        if (!recession_ok(v, lp->col_kind[j])) {
            fail(why, "column", j, lp->col_name[j], "ray leaves the column's bounds", v);
            ok = false;
        }
        mc_q_get_mpq(c, &lp->obj[j]);
        mpq_mul(c, c, v);
        mpq_add(sum, sum, c);
    }
    mpq_t *act = ok ? mc_mpq_vec(m) : NULL;
    if (ok && (!act || !row_activity(lp, &sr, ray, act))) {
        mc_error_set(why, MC_ENOMEM, "lp certificate: out of memory");
        ok = false;
    }
    for (size_t i = 0; i < m && ok; i++) {
        if (!recession_ok(act[i], lp->row_kind[i])) {
            fail(why, "row", i, lp->row_name[i], "ray leaves the row's bounds", act[i]);
            ok = false;
        }
    }
    if (ok && mpq_sgn(sum) * (lp->sense == MC_LP_MAX ? 1 : -1) <= 0) {
        fail(why, "objective", 0, "", "ray does not improve the objective: obj.ray is", sum);
        ok = false;
    }
    mc_mpq_vec_free(act, m);
    mpq_clears(v, sum, c, NULL);
    scaled_free(&sr, lp);
    return ok;
}

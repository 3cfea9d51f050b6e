/* The exact primal and dual solution of an LP basis.
 *
 * In GLPK's form every row i has an auxiliary variable r_i = a_i.x, and a
 * basis picks m basic variables among the m + n.  Nonbasic variables sit at
 * a bound (or 0 when free), so a nonbasic row is an equation in the basic
 * columns: with C_B the basic columns and R_N the nonbasic rows (equally
 * many), x_B solves the k x k system A[R_N, C_B] x_B = r_N - A[R_N, C_N] x_N
 * and the row duals solve its transpose A[R_N, C_B]^T y_N = c_B (basic rows
 * have y_i = 0).  Only this submatrix is factorised — for a maximin LP its
 * order is the support size, not the game size.  Rows are scaled to
 * integers and both systems are solved by Dixon lifting from one LU mod p. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lp/lp_internal.h"

double mc_lp_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

bool mc_lp_past(double deadline)
{
    return deadline > 0 && mc_lp_now() > deadline;
}

void mc_lp_lcm_den(mpz_t l, const mc_q *q)
{
    if (q->den > 0) {
        if (q->den != 1)
            mpz_lcm_ui(l, l, (unsigned long)q->den);
    } else {
        mpz_lcm(l, l, mpq_denref(q->big));
    }
}

void mc_lp_common_den(const mpq_t *v, size_t n, mpz_t *num, mpz_t den)
{
    mpz_set_ui(den, 1);
    for (size_t j = 0; j < n; j++)
        if (mpz_cmp_ui(mpq_denref(v[j]), 1) != 0)
            mpz_lcm(den, den, mpq_denref(v[j]));
    for (size_t j = 0; j < n; j++) {
        mpz_divexact(num[j], den, mpq_denref(v[j]));
        mpz_mul(num[j], num[j], mpq_numref(v[j]));
    }
}

/* Value of a nonbasic variable of the given kind and status; false when the
 * status names a bound the kind does not have. */
bool mc_lp_nonbasic_value(mpq_t out, mc_lp_vstat st, mc_lp_bound kind, const mc_q *lb,
                          const mc_q *ub)
{
    switch (st) {
    case MC_VS_NL:
    case MC_VS_NS: /* NS: FIXED, or a DOUBLE whose bounds met in double precision */
        if (!mc_lp_has_lb(kind))
            return false;
        mc_q_get_mpq(out, lb);
        return true;
    case MC_VS_NU:
        if (!mc_lp_has_ub(kind))
            return false;
        mc_q_get_mpq(out, ub);
        return true;
    case MC_VS_NF:
        mpq_set_ui(out, 0, 1);
        return true;
    default:
        return false;
    }
}

static const uint32_t primes[] = {2147483647u, 2147483629u, 2147483587u, 2147483579u,
                                  2147483563u};

void mc_lp_basis_free(mc_lp_basis *b)
{
    free(b->colpos);
    free(b->rowpos);
    free(b->colb);
    free(b->rown);
    mc_zmat_free(&b->mat);
    mc_mpz_vec_free(b->scale, b->k);
    mc_modp_lu_free(&b->lu);
    memset(b, 0, sizeof *b);
}

mc_status mc_lp_basis_factor(mc_lp_basis *b, const mc_lp *lp, const mc_lp_vstat *row_stat,
                             const mc_lp_vstat *col_stat, double deadline, bool *ok, char *why,
                             size_t why_cap, mc_error *err)
{
    size_t n = lp->ncols, m = lp->nrows;
    memset(b, 0, sizeof *b);
    b->lp = lp;
    *ok = false;
    b->colpos = malloc((n ? n : 1) * sizeof *b->colpos);
    b->rowpos = malloc((m ? m : 1) * sizeof *b->rowpos);
    b->colb = malloc((n ? n : 1) * sizeof *b->colb);
    b->rown = malloc((m ? m : 1) * sizeof *b->rown);
    if (!b->colpos || !b->rowpos || !b->colb || !b->rown)
        return mc_error_set(err, MC_ENOMEM, "lp: out of memory factorising a basis");
    size_t kb = 0, kn = 0;
    for (size_t j = 0; j < n; j++) {
        b->colpos[j] = MC_LP_NONE;
        if (col_stat[j] == MC_VS_BS) {
            b->colb[kb] = (uint32_t)j;
            b->colpos[j] = (uint32_t)kb++;
        }
    }
    for (size_t i = 0; i < m; i++) {
        b->rowpos[i] = MC_LP_NONE;
        if (row_stat[i] != MC_VS_BS) {
            b->rown[kn] = (uint32_t)i;
            b->rowpos[i] = (uint32_t)kn++;
        }
    }
    if (kb != kn) {
        snprintf(why, why_cap, "basis has %zu basic columns but %zu nonbasic rows", kb, kn);
        return MC_OK;
    }
    size_t k = kb;
    size_t nnz = 0;
    for (size_t a = 0; a < k; a++)
        for (size_t e = lp->row_start[b->rown[a]]; e < lp->row_start[b->rown[a] + 1]; e++)
            nnz += b->colpos[lp->ent_col[e]] != MC_LP_NONE;
    mc_zmat *mat = &b->mat;
    mat->k = k;
    mat->start = malloc((k + 1) * sizeof *mat->start);
    mat->col = malloc((nnz ? nnz : 1) * sizeof *mat->col);
    mat->val = malloc((nnz ? nnz : 1) * sizeof *mat->val);
    mat->val64 = malloc((nnz ? nnz : 1) * sizeof *mat->val64);
    b->scale = mc_mpz_vec(k);
    if (b->scale)
        b->k = k;
    if (!mat->start || !mat->col || !mat->val || !mat->val64 || !b->scale)
        return mc_error_set(err, MC_ENOMEM, "lp: out of memory factorising a basis");
    mat->small = true;
    mpq_t aq;
    mpq_init(aq);
    for (size_t a = 0; a < k; a++) {
        size_t i = b->rown[a];
        mpz_set_ui(b->scale[a], 1);
        for (size_t e = lp->row_start[i]; e < lp->row_start[i + 1]; e++)
            if (b->colpos[lp->ent_col[e]] != MC_LP_NONE)
                mc_lp_lcm_den(b->scale[a], &lp->ent_coef[e]);
        mat->start[a] = mat->nnz;
        for (size_t e = lp->row_start[i]; e < lp->row_start[i + 1]; e++) {
            uint32_t j = lp->ent_col[e];
            if (b->colpos[j] == MC_LP_NONE)
                continue;
            mc_q_get_mpq(aq, &lp->ent_coef[e]);
            mpz_t *v = &mat->val[mat->nnz];
            mpz_init(*v);
            mpz_divexact(*v, b->scale[a], mpq_denref(aq));
            mpz_mul(*v, *v, mpq_numref(aq));
            if (mpz_fits_slong_p(*v))
                mat->val64[mat->nnz] = mpz_get_si(*v);
            else
                mat->small = false;
            mat->col[mat->nnz++] = b->colpos[j];
        }
    }
    mat->start[k] = mat->nnz;
    mpq_clear(aq);
    bool singular = true;
    for (size_t q = 0; q < sizeof primes / sizeof primes[0] && singular; q++) {
        mc_status st = mc_modp_lu_factor(&b->lu, mat, primes[q], deadline, &singular, err);
        if (st != MC_OK)
            return st;
    }
    if (singular) {
        snprintf(why, why_cap, "basis matrix of order %zu is singular", k);
        return MC_OK;
    }
    *ok = true;
    return MC_OK;
}

mc_status mc_lp_basis_solve_rat(const mc_lp_basis *b, bool transpose, const mpq_t *rhs, mpq_t *w,
                                double deadline, mc_error *err)
{
    size_t k = b->k;
    mpz_t *r = mc_mpz_vec(k), *num = mc_mpz_vec(k);
    mpz_t g, den, t;
    mpz_inits(g, den, t, NULL);
    mpq_t q;
    mpq_init(q);
    mc_status st = MC_OK;
    if (!r || !num) {
        st = mc_error_set(err, MC_ENOMEM, "lp: out of memory solving a basis system");
        goto done;
    }
    /* M' = S M.  M w = rhs  <=>  M' w = S rhs;  M^T w = rhs  <=>  M'^T (S^-1 w) = rhs.
     * Either way the right-hand side is made integer by its lcm g. */
    mpz_set_ui(g, 1);
    for (size_t a = 0; a < k; a++) {
        mpq_set(q, rhs[a]);
        if (!transpose) {
            mpz_mul(mpq_numref(q), mpq_numref(q), b->scale[a]);
            mpq_canonicalize(q);
        }
        mpz_lcm(g, g, mpq_denref(q));
    }
    for (size_t a = 0; a < k; a++) {
        mpq_set(q, rhs[a]);
        if (!transpose) {
            mpz_mul(mpq_numref(q), mpq_numref(q), b->scale[a]);
            mpq_canonicalize(q);
        }
        mpz_divexact(r[a], g, mpq_denref(q));
        mpz_mul(r[a], r[a], mpq_numref(q));
    }
    st = mc_dixon_solve(&b->mat, &b->lu, transpose, r, num, den, deadline, err);
    if (st != MC_OK)
        goto done;
    mpz_mul(den, den, g);
    for (size_t a = 0; a < k; a++) {
        if (transpose)
            mpz_mul(t, num[a], b->scale[a]);
        else
            mpz_set(t, num[a]);
        mpq_set_num(w[a], t);
        mpq_set_den(w[a], den);
        mpq_canonicalize(w[a]);
    }
done:
    mc_mpz_vec_free(r, k);
    mc_mpz_vec_free(num, k);
    mpz_clears(g, den, t, NULL);
    mpq_clear(q);
    return st;
}

mc_status mc_lp_basis_xy(const mc_lp_basis *b, const mc_lp_vstat *row_stat,
                         const mc_lp_vstat *col_stat, const mpq_t *cost, mpq_t *x, mpq_t *y,
                         double deadline, bool *ok, char *why, size_t why_cap, mc_error *err)
{
    const mc_lp *lp = b->lp;
    size_t n = lp->ncols, m = lp->nrows, k = b->k;
    *ok = false;
    for (size_t j = 0; j < n; j++) {
        if (col_stat[j] == MC_VS_BS)
            continue;
        if (!mc_lp_nonbasic_value(x[j], col_stat[j], lp->col_kind[j], &lp->col_lb[j],
                                  &lp->col_ub[j])) {
            snprintf(why, why_cap, "column %zu: basis status %d does not match its bounds", j,
                     (int)col_stat[j]);
            return MC_OK;
        }
    }
    mc_status st = MC_OK;
    mpq_t *rhs = mc_mpq_vec(k), *w = mc_mpq_vec(k);
    mpq_t aq;
    mpq_init(aq);
    if (!rhs || !w) {
        st = mc_error_set(err, MC_ENOMEM, "lp: out of memory certifying a basis");
        goto done;
    }
    /* Primal: M x_B = r_N - A[R_N, C_N] x_N. */
    for (size_t a = 0; a < k; a++) {
        size_t i = b->rown[a];
        if (!mc_lp_nonbasic_value(rhs[a], row_stat[i], lp->row_kind[i], &lp->row_lb[i],
                                  &lp->row_ub[i])) {
            snprintf(why, why_cap, "row %zu: basis status %d does not match its bounds", i,
                     (int)row_stat[i]);
            goto done;
        }
        for (size_t e = lp->row_start[i]; e < lp->row_start[i + 1]; e++) {
            uint32_t j = lp->ent_col[e];
            if (b->colpos[j] == MC_LP_NONE && mpq_sgn(x[j])) {
                mc_q_get_mpq(aq, &lp->ent_coef[e]);
                mpq_mul(aq, aq, x[j]);
                mpq_sub(rhs[a], rhs[a], aq);
            }
        }
    }
    st = mc_lp_basis_solve_rat(b, false, (const mpq_t *)rhs, w, deadline, err);
    if (st != MC_OK)
        goto solve_failed;
    for (size_t c = 0; c < k; c++)
        mpq_set(x[b->colb[c]], w[c]);
    /* Duals: M^T y_N = c_B, basic rows have y = 0. */
    for (size_t c = 0; c < k; c++) {
        if (cost)
            mpq_set(rhs[c], cost[b->colb[c]]);
        else
            mc_q_get_mpq(rhs[c], &lp->obj[b->colb[c]]);
    }
    st = mc_lp_basis_solve_rat(b, true, (const mpq_t *)rhs, w, deadline, err);
    if (st != MC_OK)
        goto solve_failed;
    for (size_t i = 0; i < m; i++)
        mpq_set_ui(y[i], 0, 1);
    for (size_t a = 0; a < k; a++)
        mpq_set(y[b->rown[a]], w[a]);
    *ok = true;
    goto done;
solve_failed:
    if (st == MC_EINTERNAL) { /* singular after all: the basis is unusable */
        snprintf(why, why_cap, "%s", err ? err->msg : "basis solve failed");
        mc_error_clear(err);
        st = MC_OK;
    }
done:
    mc_mpq_vec_free(rhs, k);
    mc_mpq_vec_free(w, k);
    mpq_clear(aq);
    return st;
}

mc_status mc_lp_basis_solve(const mc_lp *lp, const mc_lp_vstat *row_stat,
                            const mc_lp_vstat *col_stat, mpq_t *x, mpq_t *y, size_t *basis_dim,
                            double deadline, bool *ok, char *why, size_t why_cap, mc_error *err)
{
    mc_lp_basis b;
    *ok = false;
    mc_status st = mc_lp_basis_factor(&b, lp, row_stat, col_stat, deadline, ok, why, why_cap, err);
    *basis_dim = b.k;
    if (st == MC_OK && *ok)
        st = mc_lp_basis_xy(&b, row_stat, col_stat, NULL, x, y, deadline, ok, why, why_cap, err);
    mc_lp_basis_free(&b);
    return st;
}

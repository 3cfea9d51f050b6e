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
static bool nonbasic_value(mpq_t out, mc_lp_vstat st, mc_lp_bound kind, const mc_q *lb,
                           const mc_q *ub)
{
    bool has_lb = kind == MC_LP_LOWER || kind == MC_LP_DOUBLE || kind == MC_LP_FIXED;
    bool has_ub = kind == MC_LP_UPPER || kind == MC_LP_DOUBLE || kind == MC_LP_FIXED;
    switch (st) {
    case MC_VS_NL:
        if (!has_lb)
            return false;
        mc_q_get_mpq(out, lb);
        return true;
    case MC_VS_NU:
        if (!has_ub)
            return false;
        mc_q_get_mpq(out, ub);
        return true;
    case MC_VS_NS:
        if (kind == MC_LP_FIXED) {
            mc_q_get_mpq(out, lb);
            return true;
        }
        if (!has_lb)
            return false;
        mc_q_get_mpq(out, lb); /* a DOUBLE whose bounds met in double precision */
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

mc_status mc_lp_basis_solve(const mc_lp *lp, const mc_lp_vstat *row_stat,
                            const mc_lp_vstat *col_stat, mpq_t *x, mpq_t *y, size_t *basis_dim,
                            double deadline, bool *ok, char *why, size_t why_cap, mc_error *err)
{
    size_t n = lp->ncols, m = lp->nrows;
    const uint32_t NONE = UINT32_MAX;
    *ok = false;
    *basis_dim = 0;
    mc_status st = MC_OK;
    uint32_t *colpos = malloc((n ? n : 1) * sizeof *colpos);
    uint32_t *rown = malloc((m ? m : 1) * sizeof *rown);   /* R_N in order */
    uint32_t *colb = malloc((n ? n : 1) * sizeof *colb);   /* C_B in order */
    mc_zmat mat = {0};
    mc_modp_lu lu = {0};
    mpz_t *rhs = NULL, *scale = NULL, *num = NULL;
    size_t k = 0, alloc_k = 0;
    mpz_t den, g, t;
    mpq_t rq, aq;
    mpz_inits(den, g, t, NULL);
    mpq_inits(rq, aq, NULL);
    if (!colpos || !rown || !colb) {
        st = mc_error_set(err, MC_ENOMEM, "lp: out of memory certifying a basis");
        goto done;
    }
    size_t kb = 0, kn = 0;
    for (size_t j = 0; j < n; j++) {
        if (col_stat[j] == MC_VS_BS) {
            colb[kb] = (uint32_t)j;
            colpos[j] = (uint32_t)kb++;
            continue;
        }
        colpos[j] = NONE;
        if (!nonbasic_value(x[j], col_stat[j], lp->col_kind[j], &lp->col_lb[j], &lp->col_ub[j])) {
            snprintf(why, why_cap, "column %zu: basis status %d does not match its bounds", j,
                     (int)col_stat[j]);
            goto done;
        }
    }
    for (size_t i = 0; i < m; i++) {
        mpq_set_ui(y[i], 0, 1);
        if (row_stat[i] != MC_VS_BS)
            rown[kn++] = (uint32_t)i;
    }
    if (kb != kn) {
        snprintf(why, why_cap, "basis has %zu basic columns but %zu nonbasic rows", kb, kn);
        goto done;
    }
    k = kb;
    *basis_dim = k;

    /* The scaled integer system: row a is nonbasic row rown[a] times scale[a]. */
    size_t nnz = 0;
    for (size_t a = 0; a < k; a++)
        for (size_t e = lp->row_start[rown[a]]; e < lp->row_start[rown[a] + 1]; e++)
            nnz += colpos[lp->ent_col[e]] != NONE;
    alloc_k = k;
    mat.k = k;
    mat.nnz = 0;
    mat.start = malloc((k + 1) * sizeof *mat.start);
    mat.col = malloc((nnz ? nnz : 1) * sizeof *mat.col);
    mat.val = malloc((nnz ? nnz : 1) * sizeof *mat.val);
    mat.val64 = malloc((nnz ? nnz : 1) * sizeof *mat.val64);
    rhs = malloc((k ? k : 1) * sizeof *rhs);
    scale = malloc((k ? k : 1) * sizeof *scale);
    num = malloc((k ? k : 1) * sizeof *num);
    if (!mat.start || !mat.col || !mat.val || !mat.val64 || !rhs || !scale || !num) {
        free(rhs);
        free(scale);
        free(num);
        rhs = scale = num = NULL;
        alloc_k = 0;
        st = mc_error_set(err, MC_ENOMEM, "lp: out of memory certifying a basis");
        goto done;
    }
    for (size_t a = 0; a < k; a++) {
        mpz_init(rhs[a]);
        mpz_init(scale[a]);
        mpz_init(num[a]);
    }
    mat.small = true;
    for (size_t a = 0; a < k; a++) {
        size_t i = rown[a];
        if (!nonbasic_value(rq, row_stat[i], lp->row_kind[i], &lp->row_lb[i], &lp->row_ub[i])) {
            snprintf(why, why_cap, "row %zu: basis status %d does not match its bounds", i,
                     (int)row_stat[i]);
            goto done;
        }
        mpz_set_ui(scale[a], 1);
        for (size_t e = lp->row_start[i]; e < lp->row_start[i + 1]; e++) {
            uint32_t j = lp->ent_col[e];
            if (colpos[j] != NONE) {
                mc_lp_lcm_den(scale[a], &lp->ent_coef[e]);
            } else if (mpq_sgn(x[j])) {
                mc_q_get_mpq(aq, &lp->ent_coef[e]);
                mpq_mul(aq, aq, x[j]);
                mpq_sub(rq, rq, aq);
            }
        }
        mpz_lcm(scale[a], scale[a], mpq_denref(rq));
        mpz_divexact(rhs[a], scale[a], mpq_denref(rq));
        mpz_mul(rhs[a], rhs[a], mpq_numref(rq));
        mat.start[a] = mat.nnz;
        for (size_t e = lp->row_start[i]; e < lp->row_start[i + 1]; e++) {
            uint32_t j = lp->ent_col[e];
            if (colpos[j] == NONE)
                continue;
            mc_q_get_mpq(aq, &lp->ent_coef[e]);
            mpz_t *v = &mat.val[mat.nnz];
            mpz_init(*v);
            mpz_divexact(*v, scale[a], mpq_denref(aq));
            mpz_mul(*v, *v, mpq_numref(aq));
            if (mpz_fits_slong_p(*v))
                mat.val64[mat.nnz] = mpz_get_si(*v);
            else
                mat.small = false;
            mat.col[mat.nnz++] = colpos[j];
        }
    }
    mat.start[k] = mat.nnz;

    bool singular = true;
    for (size_t q = 0; q < sizeof primes / sizeof primes[0] && singular; q++) {
        st = mc_modp_lu_factor(&lu, &mat, primes[q], deadline, &singular, err);
        if (st != MC_OK)
            goto done;
    }
    if (singular) {
        snprintf(why, why_cap, "basis matrix of order %zu is singular", k);
        goto done;
    }

    /* Primal: x_B = num / den. */
    st = mc_dixon_solve(&mat, &lu, false, rhs, num, den, deadline, err);
    if (st == MC_EINTERNAL) {
        snprintf(why, why_cap, "%s", err ? err->msg : "basis solve failed");
        mc_error_clear(err);
        st = MC_OK;
        goto done;
    }
    if (st != MC_OK)
        goto done;
    for (size_t c = 0; c < k; c++) {
        mpq_set_num(x[colb[c]], num[c]);
        mpq_set_den(x[colb[c]], den);
        mpq_canonicalize(x[colb[c]]);
    }

    /* Duals: M^T w = g c_B, y_i = scale_a w_a / (g E). */
    mpz_set_ui(g, 1);
    for (size_t c = 0; c < k; c++)
        mc_lp_lcm_den(g, &lp->obj[colb[c]]);
    for (size_t c = 0; c < k; c++) {
        mc_q_get_mpq(aq, &lp->obj[colb[c]]);
        mpz_divexact(rhs[c], g, mpq_denref(aq));
        mpz_mul(rhs[c], rhs[c], mpq_numref(aq));
    }
    st = mc_dixon_solve(&mat, &lu, true, rhs, num, den, deadline, err);
    if (st == MC_EINTERNAL) {
        snprintf(why, why_cap, "%s", err ? err->msg : "dual basis solve failed");
        mc_error_clear(err);
        st = MC_OK;
        goto done;
    }
    if (st != MC_OK)
        goto done;
    mpz_mul(den, den, g);
    for (size_t a = 0; a < k; a++) {
        size_t i = rown[a];
        mpz_mul(t, num[a], scale[a]);
        mpq_set_num(y[i], t);
        mpq_set_den(y[i], den);
        mpq_canonicalize(y[i]);
    }
    *ok = true;
done:
    if (rhs)
        for (size_t a = 0; a < alloc_k; a++) {
            mpz_clear(rhs[a]);
            mpz_clear(scale[a]);
            mpz_clear(num[a]);
        }
    free(rhs);
    free(scale);
    free(num);
    mc_zmat_free(&mat);
    mc_modp_lu_free(&lu);
    free(colpos);
    free(rown);
    free(colb);
    mpz_clears(den, g, t, NULL);
    mpq_clears(rq, aq, NULL);
    return st;
}

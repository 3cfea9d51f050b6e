/* Normal-form maximin: the agent's matrix, the LP, its exact re-check, and
 * the pure security level. */
#include <stdlib.h>
#include <string.h>

#include "lp/lp_internal.h"
#include "mechcheck/maximin.h"

void mc_maximin_init(mc_maximin *r)
{
    memset(r, 0, sizeof *r);
    r->value = MC_Q_ZERO;
    r->pure_value = MC_Q_ZERO;
}

void mc_maximin_free(mc_maximin *r)
{
    mc_q_clear(&r->value);
    mc_q_clear(&r->pure_value);
    if (r->x)
        mc_q_clear_vec(r->x, r->nrows);
    if (r->y)
        mc_q_clear_vec(r->y, r->ncols);
    free(r->x);
    free(r->y);
    mc_maximin_init(r);
}

mc_status mc_maximin_pure(uint64_t nrows, uint64_t ncols, const mc_q *a, mc_q *value,
                          uint64_t *row, mc_error *err)
{
    if (nrows == 0 || ncols == 0)
        return mc_error_set(err, MC_EINPUT, "maximin: empty %llu x %llu matrix",
                            (unsigned long long)nrows, (unsigned long long)ncols);
    uint64_t best = 0;
    const mc_q *best_min = NULL;
    for (uint64_t s = 0; s < nrows; s++) {
        const mc_q *rmin = &a[s * ncols];
        for (uint64_t t = 1; t < ncols; t++)
            if (mc_q_cmp(&a[s * ncols + t], rmin) < 0)
                rmin = &a[s * ncols + t];
        if (!best_min || mc_q_cmp(rmin, best_min) > 0) {
            best_min = rmin;
            best = s;
        }
    }
    mc_q_set(value, best_min);
    *row = best;
    return MC_OK;
}

/* ---- exact re-check ---------------------------------------------------- */

/* Probability vector over n entries, put over a common denominator. */
static bool probability_vector(const mc_q *p, uint64_t n, const char *what, mpz_t *num, mpz_t den,
                               mc_error *why)
{
    mpq_t *q = mc_mpq_vec_of(p, n), sum;
    if (!q) {
        mc_error_set(why, MC_ENOMEM, "maximin check: out of memory");
        return false;
    }
    mpq_init(sum);
    bool ok = true;
    for (uint64_t i = 0; i < n; i++) {
        if (mpq_sgn(q[i]) < 0 && ok) {
            mc_error_set(why, MC_EINPUT, "maximin check: %s[%llu] is negative", what,
                         (unsigned long long)i);
            ok = false;
        }
        mpq_add(sum, sum, q[i]);
    }
    if (ok && mpq_cmp_ui(sum, 1, 1) != 0) {
        mc_error_set(why, MC_EINPUT, "maximin check: %s does not sum to 1", what);
        ok = false;
    }
    if (ok)
        mc_lp_common_den((const mpq_t *)q, n, num, den);
    mc_mpq_vec_free(q, n);
    mpq_clear(sum);
    return ok;
}

/* The matrix scaled by the lcm l of its denominators, as integers. */
typedef struct int_matrix {
    bool small;      /* every entry an int64 and l == 1: read a[] directly */
    mpz_t *z;        /* otherwise: nrows*ncols integers */
    mpz_t l;
} int_matrix;

static bool int_matrix_init(int_matrix *im, uint64_t n, const mc_q *a)
{
    mpz_init_set_ui(im->l, 1);
    im->z = NULL;
    im->small = true;
    for (uint64_t e = 0; e < n; e++)
        if (a[e].den != 1)
            im->small = false;
    if (im->small)
        return true;
    im->z = malloc(n * sizeof *im->z);
    if (!im->z)
        return false;
    for (uint64_t e = 0; e < n; e++)
        mc_lp_lcm_den(im->l, &a[e]);
    mpq_t q;
    mpq_init(q);
    for (uint64_t e = 0; e < n; e++) {
        mc_q_get_mpq(q, &a[e]);
        mpz_init(im->z[e]);
        mpz_divexact(im->z[e], im->l, mpq_denref(q));
        mpz_mul(im->z[e], im->z[e], mpq_numref(q));
    }
    mpq_clear(q);
    return true;
}

static void int_matrix_free(int_matrix *im, uint64_t n)
{
    if (im->z) {
        for (uint64_t e = 0; e < n; e++)
            mpz_clear(im->z[e]);
        free(im->z);
    }
    mpz_clear(im->l);
}

static inline void addmul_entry(mpz_t acc, const int_matrix *im, const mc_q *a, uint64_t e,
                                const mpz_t v)
{
    if (!im->small) {
        mpz_addmul(acc, im->z[e], v);
    } else if (a[e].num >= 0) {
        mpz_addmul_ui(acc, v, (unsigned long)a[e].num);
    } else {
        mpz_submul_ui(acc, v, (unsigned long)-(a[e].num + 1) + 1UL);
    }
}

bool mc_maximin_check(uint64_t nrows, uint64_t ncols, const mc_q *a, const mc_q *x, const mc_q *y,
                      const mc_q *value, mc_error *why)
{
    if (nrows == 0 || ncols == 0) {
        mc_error_set(why, MC_EINPUT, "maximin check: empty matrix");
        return false;
    }
    mpz_t *xn = mc_mpz_vec(nrows), *yn = mc_mpz_vec(ncols);
    mpz_t xd, yd, acc, best, target;
    mpq_t v;
    mpz_inits(xd, yd, acc, best, target, NULL);
    mpq_init(v);
    int_matrix im;
    bool ok = xn && yn && int_matrix_init(&im, nrows * ncols, a);
    if (!ok) {
        mc_mpz_vec_free(xn, nrows);
        mc_mpz_vec_free(yn, ncols);
        mpz_clears(xd, yd, acc, best, target, NULL);
        mpq_clear(v);
        mc_error_set(why, MC_ENOMEM, "maximin check: out of memory");
        return false;
    }
    ok = probability_vector(x, nrows, "x", xn, xd, why) &&
         probability_vector(y, ncols, "y", yn, yd, why);
    mc_q_get_mpq(v, value);
    /* min_t x.A[.][t] * xd * l == value * xd * l */
    for (uint64_t t = 0; t < ncols && ok; t++) {
        mpz_set_ui(acc, 0);
        for (uint64_t s = 0; s < nrows; s++)
            if (mpz_sgn(xn[s]))
                addmul_entry(acc, &im, a, s * ncols + t, xn[s]);
        if (t == 0 || mpz_cmp(acc, best) < 0)
            mpz_set(best, acc);
    }
    if (ok) {
        /* best / (xd l) == num(v) / den(v) */
        mpz_mul(acc, best, mpq_denref(v));
        mpz_mul(target, xd, im.l);
        mpz_mul(target, target, mpq_numref(v));
        if (mpz_cmp(acc, target) != 0) {
            mc_error_set(why, MC_EINPUT, "maximin check: min over columns of x.A differs from the value");
            ok = false;
        }
    }
    for (uint64_t s = 0; s < nrows && ok; s++) {
        mpz_set_ui(acc, 0);
        for (uint64_t t = 0; t < ncols; t++)
            if (mpz_sgn(yn[t]))
                addmul_entry(acc, &im, a, s * ncols + t, yn[t]);
        if (s == 0 || mpz_cmp(acc, best) > 0)
            mpz_set(best, acc);
    }
    if (ok) {
        mpz_mul(acc, best, mpq_denref(v));
        mpz_mul(target, yd, im.l);
        mpz_mul(target, target, mpq_numref(v));
        if (mpz_cmp(acc, target) != 0) {
            mc_error_set(why, MC_EINPUT, "maximin check: max over rows of A.y differs from the value");
            ok = false;
        }
    }
    mc_mpz_vec_free(xn, nrows);
    mc_mpz_vec_free(yn, ncols);
    int_matrix_free(&im, nrows * ncols);
    mpz_clears(xd, yd, acc, best, target, NULL);
    mpq_clear(v);
    return ok;
}

/* ---- the LP --------------------------------------------------------------- */

mc_status mc_maximin_matrix(uint64_t nrows, uint64_t ncols, const mc_q *a,
                            const mc_lp_options *opt, mc_maximin *out, mc_error *err)
{
    mc_maximin_free(out);
    if (nrows == 0 || ncols == 0)
        return mc_error_set(err, MC_EINPUT, "maximin: empty %llu x %llu matrix",
                            (unsigned long long)nrows, (unsigned long long)ncols);
    if (nrows >= UINT32_MAX - 1 || ncols >= UINT32_MAX - 1)
        return mc_error_set(err, MC_EINPUT, "maximin: %llu x %llu matrix too large for an LP",
                            (unsigned long long)nrows, (unsigned long long)ncols);
    out->nrows = nrows;
    out->ncols = ncols;
    out->lp_status = MC_LP_UNDECIDED;
    mc_status st = mc_maximin_pure(nrows, ncols, a, &out->pure_value, &out->pure_row, err);
    if (st != MC_OK)
        return st;

    mc_lp lp;
    mc_lp_init(&lp, MC_LP_MAX);
    mc_lp_result res;
    mc_lp_result_init(&res);
    mc_q zero = MC_Q_ZERO, one = MC_Q_INT(1), minus = MC_Q_INT(-1);
    uint32_t *idx = malloc((nrows + 1) * sizeof *idx);
    mc_q *coef = malloc((nrows + 1) * sizeof *coef);
    if (!idx || !coef) {
        st = mc_error_set(err, MC_ENOMEM, "maximin: out of memory");
        goto done;
    }
    for (uint64_t s = 0; s < nrows && st == MC_OK; s++)
        st = mc_lp_add_col(&lp, MC_LP_LOWER, &zero, NULL, NULL, NULL, err);
    if (st == MC_OK)
        st = mc_lp_add_col(&lp, MC_LP_FREE, NULL, NULL, &one, "v", err);
    /* Row t: sum_s A[s][t] x_s - v >= 0.  coef holds shallow copies, read only. */
    for (uint64_t t = 0; t < ncols && st == MC_OK; t++) {
        size_t len = 0;
        for (uint64_t s = 0; s < nrows; s++) {
            if (mc_q_is_zero(&a[s * ncols + t]))
                continue;
            idx[len] = (uint32_t)s;
            coef[len++] = a[s * ncols + t];
        }
        idx[len] = (uint32_t)nrows;
        coef[len++] = minus;
        st = mc_lp_add_row(&lp, MC_LP_LOWER, &zero, NULL, len, idx, coef, NULL, err);
    }
    if (st == MC_OK) {
        for (uint64_t s = 0; s < nrows; s++) {
            idx[s] = (uint32_t)s;
            coef[s] = one;
        }
        st = mc_lp_add_row(&lp, MC_LP_FIXED, &one, &one, nrows, idx, coef, "sum", err);
    }
    if (st == MC_OK)
        st = mc_lp_solve(&lp, opt, &res, err);
    out->basis_dim = res.basis_dim;
    out->used_glp_exact = res.used_glp_exact;
    out->exact_pivots = res.exact_pivots;
    out->glpk_seconds = res.glpk_seconds;
    out->exact_seconds = res.exact_seconds;
    snprintf(out->note, sizeof out->note, "%s", res.note);
    if (st != MC_OK || res.status != MC_LP_OPTIMAL_CERTIFIED) {
        if (st == MC_OK && !out->note[0])
            snprintf(out->note, sizeof out->note, "maximin LP: %s", mc_lp_status_name(res.status));
        goto done;
    }
    out->x = malloc(nrows * sizeof *out->x);
    out->y = malloc(ncols * sizeof *out->y);
    if (!out->x || !out->y) {
        free(out->x);
        free(out->y);
        out->x = out->y = NULL;
        st = mc_error_set(err, MC_ENOMEM, "maximin: out of memory");
        goto done;
    }
    mc_q_init_vec(out->x, nrows);
    mc_q_init_vec(out->y, ncols);
    for (uint64_t s = 0; s < nrows; s++)
        mc_q_set(&out->x[s], &res.x[s]);
    for (uint64_t t = 0; t < ncols; t++)
        mc_q_neg(&out->y[t], &res.y[t]); /* GLPK's duals of >= rows in a max problem are <= 0 */
    mc_q_set(&out->value, &res.value);
    double t0 = mc_lp_now();
    mc_error why;
    mc_error_clear(&why);
    if (mc_maximin_check(nrows, ncols, a, out->x, out->y, &out->value, &why)) {
        out->lp_status = MC_LP_OPTIMAL_CERTIFIED;
    } else {
        snprintf(out->note, sizeof out->note, "%.250s", why.msg);
        mc_q_clear_vec(out->x, nrows);
        mc_q_clear_vec(out->y, ncols);
        free(out->x);
        free(out->y);
        out->x = out->y = NULL;
        mc_q_set_i64(&out->value, 0);
    }
    out->exact_seconds += mc_lp_now() - t0;
done:
    free(idx);
    free(coef);
    mc_lp_result_free(&res);
    mc_lp_free(&lp);
    return st;
}

/* ---- normal-form games ------------------------------------------------------ */

static mc_status check_members(const mc_nfg *g, unsigned nmembers, const unsigned *members,
                               bool *is_member, mc_error *err)
{
    memset(is_member, 0, MC_MAX_PLAYERS * sizeof *is_member);
    if (nmembers == 0 || nmembers > g->nplayers)
        return mc_error_set(err, MC_EINPUT, "maximin: agent has %u members in a %u-player game",
                            nmembers, g->nplayers);
    for (unsigned k = 0; k < nmembers; k++) {
        if (members[k] >= g->nplayers || is_member[members[k]])
            return mc_error_set(err, MC_EINPUT, "maximin: member %u (player %u) %s", k,
                                members[k] + 1,
                                members[k] >= g->nplayers ? "out of range" : "given twice");
        is_member[members[k]] = true;
    }
    return MC_OK;
}

void mc_nfg_agent_decode(const mc_nfg *g, unsigned nmembers, const unsigned *members, bool column,
                         uint64_t index, uint32_t *strategy)
{
    if (!column) {
        for (unsigned k = 0; k < nmembers; k++) {
            strategy[members[k]] = (uint32_t)(index % g->nstrategies[members[k]]);
            index /= g->nstrategies[members[k]];
        }
        return;
    }
    for (unsigned p = 0; p < g->nplayers; p++) {
        bool member = false;
        for (unsigned k = 0; k < nmembers; k++)
            member |= members[k] == p;
        if (member)
            continue;
        strategy[p] = (uint32_t)(index % g->nstrategies[p]);
        index /= g->nstrategies[p];
    }
}

mc_status mc_nfg_agent_matrix(const mc_nfg *g, unsigned nmembers, const unsigned *members,
                              uint64_t *nrows, uint64_t *ncols, mc_q **out, mc_error *err)
{
    bool is_member[MC_MAX_PLAYERS];
    mc_status st = check_members(g, nmembers, members, is_member, err);
    if (st != MC_OK)
        return st;
    /* Profile index = sum_p strategy[p] * stride[p], player 0 fastest. */
    uint64_t stride[MC_MAX_PLAYERS], r = 1, c = 1, total = 1;
    for (unsigned p = 0; p < g->nplayers; p++) {
        stride[p] = total;
        total *= g->nstrategies[p];
        if (is_member[p])
            r *= g->nstrategies[p];
        else
            c *= g->nstrategies[p];
    }
    if (total != g->nprofiles || r == 0 || c == 0)
        return mc_error_set(err, MC_EINPUT, "maximin: game has %llu profiles, expected %llu",
                            (unsigned long long)g->nprofiles, (unsigned long long)total);
    uint64_t *row_off = malloc(r * sizeof *row_off), *col_off = malloc(c * sizeof *col_off);
    mc_q *a = malloc(r * c * sizeof *a);
    if (!row_off || !col_off || !a) {
        free(row_off);
        free(col_off);
        free(a);
        return mc_error_set(err, MC_ENOMEM, "maximin: out of memory for a %llu x %llu matrix",
                            (unsigned long long)r, (unsigned long long)c);
    }
    uint32_t strat[MC_MAX_PLAYERS] = {0};
    for (uint64_t s = 0; s < r; s++) {
        mc_nfg_agent_decode(g, nmembers, members, false, s, strat);
        row_off[s] = 0;
        for (unsigned k = 0; k < nmembers; k++)
            row_off[s] += strat[members[k]] * stride[members[k]];
    }
    for (uint64_t t = 0; t < c; t++) {
        mc_nfg_agent_decode(g, nmembers, members, true, t, strat);
        col_off[t] = 0;
        for (unsigned p = 0; p < g->nplayers; p++)
            if (!is_member[p])
                col_off[t] += strat[p] * stride[p];
    }
    mc_q_init_vec(a, r * c);
    for (uint64_t s = 0; s < r; s++)
        for (uint64_t t = 0; t < c; t++) {
            uint64_t prof = row_off[s] + col_off[t];
            mc_q *dst = &a[s * c + t];
            mc_q_set(dst, mc_nfg_payoff(g, prof, members[0]));
            for (unsigned k = 1; k < nmembers; k++)
                mc_q_add(dst, dst, mc_nfg_payoff(g, prof, members[k]));
        }
    free(row_off);
    free(col_off);
    *nrows = r;
    *ncols = c;
    *out = a;
    return MC_OK;
}

mc_status mc_maximin_nf(const mc_nfg *g, unsigned nmembers, const unsigned *members,
                        const mc_lp_options *opt, mc_maximin *out, mc_error *err)
{
    uint64_t r, c;
    mc_q *a = NULL;
    mc_status st = mc_nfg_agent_matrix(g, nmembers, members, &r, &c, &a, err);
    if (st != MC_OK)
        return st;
    st = mc_maximin_matrix(r, c, a, opt, out, err);
    mc_q_clear_vec(a, r * c);
    free(a);
    return st;
}

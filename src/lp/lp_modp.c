/* LU factorisation of a sparse square integer matrix modulo a word prime.
 *
 * The matrix is eliminated in a dense work array (k^2 words), but every
 * update touches only the nonzeros of the pivot row and the rows with a
 * nonzero in the pivot column, and pivots are chosen by the minimum column
 * count, then the minimum row count: column singletons (most of an LP basis
 * is slack-like) produce no fill.  The factors are kept sparse, so a solve
 * costs their nonzeros, which is what the p-adic lifting repeats. */
#include <stdlib.h>
#include <string.h>

#include "lp/lp_internal.h"

static inline uint32_t mulmod(uint32_t a, uint32_t b, uint32_t p)
{
    return (uint32_t)((uint64_t)a * b % p);
}

static inline uint32_t submod(uint32_t a, uint32_t b, uint32_t p)
{
    return a >= b ? a - b : a + (p - b);
}

static uint32_t invmod(uint32_t a, uint32_t p)
{
    /* p prime: a^(p-2) */
    uint64_t r = 1, b = a, e = p - 2;
    while (e) {
        if (e & 1)
            r = r * b % p;
        b = b * b % p;
        e >>= 1;
    }
    return (uint32_t)r;
}

void mc_modp_lu_free(mc_modp_lu *lu)
{
    free(lu->piv_row);
    free(lu->piv_col);
    free(lu->diag_inv);
    free(lu->l_start);
    free(lu->u_start);
    free(lu->l_row);
    free(lu->l_val);
    free(lu->u_col);
    free(lu->u_val);
    memset(lu, 0, sizeof *lu);
}

static bool push(uint32_t **a, uint32_t **b, size_t *cap, size_t n, uint32_t x, uint32_t y)
{
    if (n == *cap) {
        size_t c = *cap ? *cap * 2 : 1024;
        uint32_t *na = realloc(*a, c * sizeof *na);
        if (!na)
            return false;
        *a = na;
        uint32_t *nb = realloc(*b, c * sizeof *nb);
        if (!nb)
            return false;
        *b = nb;
        *cap = c;
    }
    (*a)[n] = x;
    (*b)[n] = y;
    return true;
}

mc_status mc_modp_lu_factor(mc_modp_lu *lu, const mc_zmat *m, uint32_t p, double deadline,
                            bool *singular, mc_error *err)
{
    size_t k = m->k;
    memset(lu, 0, sizeof *lu);
    lu->p = p;
    lu->k = k;
    *singular = false;
    mc_status st = MC_OK;
    if (k > 0 && k > SIZE_MAX / sizeof(uint32_t) / k)
        return mc_error_set(err, MC_ENOMEM, "lp: basis of order %zu too large", k);
    size_t kk = k ? k : 1;
    uint32_t *w = calloc(kk * kk, sizeof *w);
    uint32_t *rcount = calloc(kk, sizeof *rcount), *ccount = calloc(kk, sizeof *ccount);
    uint8_t *ractive = malloc(kk), *cactive = malloc(kk);
    uint32_t *prow_col = malloc(kk * sizeof *prow_col), *prow_val = malloc(kk * sizeof *prow_val);
    lu->piv_row = malloc(kk * sizeof *lu->piv_row);
    lu->piv_col = malloc(kk * sizeof *lu->piv_col);
    lu->diag_inv = malloc(kk * sizeof *lu->diag_inv);
    lu->l_start = malloc((kk + 1) * sizeof *lu->l_start);
    lu->u_start = malloc((kk + 1) * sizeof *lu->u_start);
    if (!w || !rcount || !ccount || !ractive || !cactive || !prow_col || !prow_val ||
        !lu->piv_row || !lu->piv_col || !lu->diag_inv || !lu->l_start || !lu->u_start) {
        st = mc_error_set(err, MC_ENOMEM, "lp: out of memory factorising a basis of order %zu", k);
        goto done;
    }
    memset(ractive, 1, kk);
    memset(cactive, 1, kk);
    for (size_t i = 0; i < k; i++) {
        for (size_t e = m->start[i]; e < m->start[i + 1]; e++) {
            uint32_t v;
            if (m->small) {
                int64_t a = m->val64[e] % (int64_t)p;
                v = (uint32_t)(a < 0 ? a + p : a);
            } else {
                v = (uint32_t)mpz_fdiv_ui(m->val[e], p);
            }
            if (v) {
                w[i * k + m->col[e]] = v;
                rcount[i]++;
                ccount[m->col[e]]++;
            }
        }
    }
    size_t nl = 0, nu = 0;
    for (size_t s = 0; s < k; s++) {
        if ((s & 63) == 0 && mc_lp_past(deadline)) {
            st = mc_error_set(err, MC_ELIMIT, "lp: time limit reached factorising the basis");
            goto done;
        }
        lu->l_start[s] = nl;
        lu->u_start[s] = nu;
        size_t c = SIZE_MAX;
        for (size_t j = 0; j < k; j++)
            if (cactive[j] && (c == SIZE_MAX || ccount[j] < ccount[c]))
                c = j;
        if (ccount[c] == 0) {
            *singular = true;
            goto done;
        }
        size_t r = SIZE_MAX;
        for (size_t i = 0; i < k; i++)
            if (ractive[i] && w[i * k + c] && (r == SIZE_MAX || rcount[i] < rcount[r]))
                r = i;
        uint32_t inv = invmod(w[r * k + c], p);
        lu->piv_row[s] = (uint32_t)r;
        lu->piv_col[s] = (uint32_t)c;
        lu->diag_inv[s] = inv;
        ractive[r] = 0;
        cactive[c] = 0;
        size_t np = 0;
        uint32_t *wr = &w[r * k];
        for (size_t j = 0; j < k; j++) {
            if (cactive[j] && wr[j]) {
                prow_col[np] = (uint32_t)j;
                prow_val[np++] = wr[j];
                ccount[j]--;
                if (!push(&lu->u_col, &lu->u_val, &lu->u_cap, nu++, (uint32_t)j, wr[j])) {
                    st = mc_error_set(err, MC_ENOMEM, "lp: out of memory in the LU factors");
                    goto done;
                }
            }
        }
        for (size_t i = 0; i < k; i++) {
            uint32_t *wi = &w[i * k];
            if (!ractive[i] || !wi[c])
                continue;
            uint32_t f = mulmod(wi[c], inv, p);
            if (!push(&lu->l_row, &lu->l_val, &lu->l_cap, nl++, (uint32_t)i, f)) {
                st = mc_error_set(err, MC_ENOMEM, "lp: out of memory in the LU factors");
                goto done;
            }
            wi[c] = 0;
            rcount[i]--;
            for (size_t q = 0; q < np; q++) {
                uint32_t j = prow_col[q];
                uint32_t old = wi[j];
                uint32_t nw = submod(old, mulmod(f, prow_val[q], p), p);
                wi[j] = nw;
                if (!old && nw) {
                    rcount[i]++;
                    ccount[j]++;
                } else if (old && !nw) {
                    rcount[i]--;
                    ccount[j]--;
                }
            }
        }
    }
    lu->l_start[k] = nl;
    lu->u_start[k] = nu;
done:
    free(w);
    free(rcount);
    free(ccount);
    free(ractive);
    free(cactive);
    free(prow_col);
    free(prow_val);
    if (st != MC_OK || *singular)
        mc_modp_lu_free(lu);
    return st;
}

void mc_modp_lu_solve(const mc_modp_lu *lu, uint32_t *v, uint32_t *x)
{
    uint32_t p = lu->p;
    for (size_t s = 0; s < lu->k; s++) {
        uint32_t vr = v[lu->piv_row[s]];
        if (!vr)
            continue;
        for (size_t e = lu->l_start[s]; e < lu->l_start[s + 1]; e++)
            v[lu->l_row[e]] = submod(v[lu->l_row[e]], mulmod(lu->l_val[e], vr, p), p);
    }
    for (size_t s = lu->k; s-- > 0;) {
        uint64_t acc = v[lu->piv_row[s]];
        for (size_t e = lu->u_start[s]; e < lu->u_start[s + 1]; e++)
            acc += (uint64_t)(p - lu->u_val[e]) * x[lu->u_col[e]] % p;
        x[lu->piv_col[s]] = mulmod((uint32_t)(acc % p), lu->diag_inv[s], p);
    }
}

void mc_modp_lu_solve_t(const mc_modp_lu *lu, uint32_t *c, uint32_t *y)
{
    uint32_t p = lu->p;
    /* U'^T z = c, in pivot order. */
    for (size_t t = 0; t < lu->k; t++) {
        uint32_t z = mulmod(c[lu->piv_col[t]], lu->diag_inv[t], p);
        y[lu->piv_row[t]] = z;
        if (!z)
            continue;
        for (size_t e = lu->u_start[t]; e < lu->u_start[t + 1]; e++)
            c[lu->u_col[e]] = submod(c[lu->u_col[e]], mulmod(lu->u_val[e], z, p), p);
    }
    /* y = E^T z, applying the transposed elimination steps last to first. */
    for (size_t s = lu->k; s-- > 0;) {
        uint64_t acc = 0;
        for (size_t e = lu->l_start[s]; e < lu->l_start[s + 1]; e++)
            acc += (uint64_t)lu->l_val[e] * y[lu->l_row[e]] % p;
        uint32_t r = lu->piv_row[s];
        y[r] = submod(y[r], (uint32_t)(acc % p), p);
    }
}

/* Exact solution of a sparse integer system by Dixon's p-adic lifting.
 *
 * With LU factors of M mod p, each step computes one base-p digit vector
 * d = M^-1 r mod p and replaces the residual r by (r - M d) / p, an exact
 * division; after L steps X = sum d_i p^i satisfies M X == rhs mod p^L.
 * The rational solution num/den is then recovered by rational
 * reconstruction (one extended-Euclid run per new denominator factor, the
 * rest by a multiplication), and verified exactly: the answer is never a
 * guess.  Reconstruction is tried at geometrically spaced steps, so the work
 * follows the actual size of the solution; the Hadamard bound of [M | rhs]
 * says when to give up (then M is singular).  Cost: one factorisation plus
 * O(nnz(M) + nnz(LU)) word operations per 31 bits of the answer. */
#include <math.h>
#include <stdlib.h>

#include "lp/lp_internal.h"

__extension__ typedef __int128 i128;

static void mpz_sub_i128(mpz_t r, i128 t, mpz_t tmp)
{
    if (t >= INT64_MIN && t <= INT64_MAX) {
        int64_t s = (int64_t)t;
        if (s >= 0)
            mpz_sub_ui(r, r, (unsigned long)s);
        else
            mpz_add_ui(r, r, (unsigned long)(-(s + 1)) + 1UL);
        return;
    }
    int neg = t < 0;
    unsigned __int128 u = neg ? (unsigned __int128)(-(t + 1)) + 1 : (unsigned __int128)t;
    mpz_set_ui(tmp, (unsigned long)(uint64_t)(u >> 64));
    mpz_mul_2exp(tmp, tmp, 64);
    mpz_add_ui(tmp, tmp, (unsigned long)(uint64_t)u);
    if (neg)
        mpz_add(r, r, tmp);
    else
        mpz_sub(r, r, tmp);
}

static double log2_mpz(const mpz_t z)
{
    long e;
    double d = mpz_get_d_2exp(&e, z);
    return (double)e + log2(fabs(d));
}

/* log2 of the Hadamard bound of the lines (rows, or columns when transpose)
 * of [M | rhs]; -1 when some line is zero (M singular). */
static double hadamard_bits(const mc_zmat *m, bool transpose, mpz_t *rhs)
{
    size_t k = m->k;
    double *lmax = malloc(k * sizeof *lmax), *sum = calloc(k, sizeof *sum);
    double total = -1;
    if (!lmax || !sum)
        goto done;
    for (size_t i = 0; i < k; i++)
        lmax[i] = mpz_sgn(rhs[i]) ? log2_mpz(rhs[i]) : -INFINITY;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            for (size_t i = 0; i < k; i++)
                if (mpz_sgn(rhs[i]))
                    sum[i] += exp2(2 * (log2_mpz(rhs[i]) - lmax[i]));
        for (size_t i = 0; i < k; i++) {
            for (size_t e = m->start[i]; e < m->start[i + 1]; e++) {
                size_t line = transpose ? m->col[e] : i;
                double l = log2_mpz(m->val[e]);
                if (pass == 0) {
                    if (l > lmax[line])
                        lmax[line] = l;
                } else {
                    sum[line] += exp2(2 * (l - lmax[line]));
                }
            }
        }
    }
    total = 0;
    for (size_t i = 0; i < k; i++) {
        if (sum[i] == 0) {
            total = -1;
            goto done;
        }
        total += lmax[i] + 0.5 * log2(sum[i]) + 1e-6;
    }
done:
    free(lmax);
    free(sum);
    return total;
}

/* a/b == u mod mod with |a|, b <= bound; false when no such pair exists. */
static bool ratrecon(mpz_t a, mpz_t b, const mpz_t u, const mpz_t mod, const mpz_t bound)
{
    mpz_t r0, r1, t0, t1, q, tmp;
    mpz_inits(r0, r1, t0, t1, q, tmp, NULL);
    mpz_set(r0, mod);
    mpz_set(r1, u);
    mpz_set_ui(t0, 0);
    mpz_set_ui(t1, 1);
    while (mpz_cmp(r1, bound) > 0) {
        mpz_tdiv_qr(q, tmp, r0, r1);
        mpz_swap(r0, r1);
        mpz_swap(r1, tmp);
        mpz_mul(tmp, q, t1);
        mpz_sub(t0, t0, tmp);
        mpz_swap(t0, t1);
    }
    bool ok = mpz_sgn(t1) != 0 && mpz_cmpabs(t1, bound) <= 0;
    if (ok) {
        mpz_gcd(tmp, r1, t1);
        ok = mpz_cmp_ui(tmp, 1) == 0;
    }
    if (ok) {
        mpz_set(a, r1);
        if (mpz_sgn(t1) < 0)
            mpz_neg(a, a);
        mpz_abs(b, t1);
    }
    mpz_clears(r0, r1, t0, t1, q, tmp, NULL);
    return ok;
}

/* Rational reconstruction of every X[j] mod pp with a common denominator. */
static bool reconstruct(size_t k, mpz_t *x, const mpz_t pp, mpz_t *num, mpz_t den)
{
    mpz_t bound, half, w, a, b, mult;
    mpz_inits(bound, half, w, a, b, mult, NULL);
    size_t nchange = 0, cap = 0;
    size_t *change_at = NULL;
    mpz_t *factor = NULL;
    bool ok = true;
    mpz_fdiv_q_2exp(half, pp, 1);
    mpz_sqrt(bound, half);
    mpz_set_ui(den, 1);
    for (size_t j = 0; j < k && ok; j++) {
        mpz_mul(w, x[j], den);
        mpz_fdiv_r(w, w, pp);
        if (mpz_cmp(w, half) > 0)
            mpz_sub(w, w, pp);
        if (mpz_cmpabs(w, bound) <= 0) {
            mpz_set(num[j], w);
            continue;
        }
        if (mpz_sgn(w) < 0)
            mpz_add(w, w, pp);
        if (!ratrecon(a, b, w, pp, bound)) {
            ok = false;
            break;
        }
        mpz_mul(den, den, b);
        if (mpz_cmp(den, bound) > 0) {
            ok = false;
            break;
        }
        mpz_set(num[j], a);
        if (nchange == cap) {
            size_t c = cap ? 2 * cap : 8;
            size_t *nc = realloc(change_at, c * sizeof *nc);
            mpz_t *nf = nc ? realloc(factor, c * sizeof *nf) : NULL;
            if (nc)
                change_at = nc;
            if (!nf) {
                ok = false;
                break;
            }
            factor = nf;
            cap = c;
        }
        change_at[nchange] = j;
        mpz_init_set(factor[nchange++], b);
    }
    if (ok) {
        /* An entry read before the denominator grew by b needs a factor b. */
        mpz_set_ui(mult, 1);
        size_t c = nchange;
        for (size_t j = k; j-- > 0;) {
            while (c > 0 && change_at[c - 1] > j) {
                mpz_mul(mult, mult, factor[c - 1]);
                c--;
            }
            mpz_mul(num[j], num[j], mult);
        }
    }
    for (size_t c = 0; c < nchange; c++)
        mpz_clear(factor[c]);
    free(factor);
    free(change_at);
    mpz_clears(bound, half, w, a, b, mult, NULL);
    return ok;
}

/* M num == den * rhs exactly (M^T when transpose)? */
static bool verify(const mc_zmat *m, bool transpose, mpz_t *rhs, mpz_t *num, const mpz_t den,
                   mpz_t *acc)
{
    size_t k = m->k;
    for (size_t i = 0; i < k; i++)
        mpz_set_ui(acc[i], 0);
    for (size_t i = 0; i < k; i++)
        for (size_t e = m->start[i]; e < m->start[i + 1]; e++) {
            if (transpose)
                mpz_addmul(acc[m->col[e]], m->val[e], num[i]);
            else
                mpz_addmul(acc[i], m->val[e], num[m->col[e]]);
        }
    mpz_t t;
    mpz_init(t);
    bool ok = true;
    for (size_t i = 0; i < k && ok; i++) {
        mpz_mul(t, den, rhs[i]);
        ok = mpz_cmp(t, acc[i]) == 0;
    }
    mpz_clear(t);
    return ok;
}

mc_status mc_dixon_solve(const mc_zmat *m, const mc_modp_lu *lu, bool transpose, mpz_t *rhs,
                         mpz_t *num, mpz_t den, double deadline, mc_error *err)
{
    size_t k = m->k;
    uint32_t p = lu->p;
    mpz_set_ui(den, 1);
    if (k == 0)
        return MC_OK;
    double hbits = hadamard_bits(m, transpose, rhs);
    if (hbits < 0)
        return mc_error_set(err, MC_EINTERNAL, "lp: basis matrix has a zero line");
    size_t max_steps = (size_t)ceil((2 * hbits + 8) / log2((double)p)) + 1;

    mc_status st = MC_OK;
    mpz_t *r = mc_mpz_vec(k), *x = mc_mpz_vec(k), *chk = mc_mpz_vec(k);
    uint32_t *v = malloc(k * sizeof *v), *d = malloc(k * sizeof *d);
    i128 *acc = m->small ? malloc(k * sizeof *acc) : NULL;
    mpz_t pp, tmp;
    mpz_init_set_ui(pp, 1);
    mpz_init(tmp);
    if (!r || !x || !chk || !v || !d || (m->small && !acc)) {
        mc_mpz_vec_free(r, k);
        mc_mpz_vec_free(x, k);
        mc_mpz_vec_free(chk, k);
        free(v);
        free(d);
        free(acc);
        mpz_clears(pp, tmp, NULL);
        return mc_error_set(err, MC_ENOMEM, "lp: out of memory lifting a basis solution");
    }
    for (size_t i = 0; i < k; i++)
        mpz_set(r[i], rhs[i]);
    size_t next_try = (size_t)ceil(64.0 / log2((double)p));
    bool solved = false;
    for (size_t step = 0; step < max_steps && !solved; step++) {
        if (mc_lp_past(deadline)) {
            st = mc_error_set(err, MC_ELIMIT, "lp: time limit reached lifting the basis solution");
            break;
        }
        for (size_t i = 0; i < k; i++)
            v[i] = (uint32_t)mpz_fdiv_ui(r[i], p);
        if (transpose)
            mc_modp_lu_solve_t(lu, v, d);
        else
            mc_modp_lu_solve(lu, v, d);
        for (size_t j = 0; j < k; j++)
            if (d[j])
                mpz_addmul_ui(x[j], pp, d[j]);
        if (m->small) {
            for (size_t i = 0; i < k; i++)
                acc[i] = 0;
            for (size_t i = 0; i < k; i++)
                for (size_t e = m->start[i]; e < m->start[i + 1]; e++) {
                    if (transpose)
                        acc[m->col[e]] += (i128)m->val64[e] * d[i];
                    else
                        acc[i] += (i128)m->val64[e] * d[m->col[e]];
                }
            for (size_t i = 0; i < k; i++)
                mpz_sub_i128(r[i], acc[i], tmp);
        } else {
            for (size_t i = 0; i < k; i++)
                for (size_t e = m->start[i]; e < m->start[i + 1]; e++) {
                    if (transpose)
                        mpz_submul_ui(r[m->col[e]], m->val[e], d[i]);
                    else
                        mpz_submul_ui(r[i], m->val[e], d[m->col[e]]);
                }
        }
        bool rzero = true;
        for (size_t i = 0; i < k; i++) {
            mpz_divexact_ui(r[i], r[i], p);
            if (mpz_sgn(r[i]))
                rzero = false;
        }
        mpz_mul_ui(pp, pp, p);
        if (rzero) {
            /* rhs == M x exactly: an integer solution (x is nonnegative
             * here; a negative one shows up as a nonzero residual). */
            for (size_t j = 0; j < k; j++)
                mpz_set(num[j], x[j]);
            mpz_set_ui(den, 1);
            solved = true;
            break;
        }
        if (step + 1 == next_try || step + 1 == max_steps) {
            solved = reconstruct(k, x, pp, num, den) && verify(m, transpose, rhs, num, den, chk);
            if (!solved) {
                size_t n1 = (step + 1) * 3 / 2;
                next_try = n1 > step + 2 ? n1 : step + 2;
            }
        }
    }
    if (st == MC_OK && !solved)
        st = mc_error_set(err, MC_EINTERNAL,
                          "lp: no rational basis solution within the Hadamard bound (singular basis)");
    mc_mpz_vec_free(r, k);
    mc_mpz_vec_free(x, k);
    mc_mpz_vec_free(chk, k);
    free(v);
    free(d);
    free(acc);
    mpz_clears(pp, tmp, NULL);
    return st;
}

void mc_zmat_free(mc_zmat *m)
{
    if (m->val)
        for (size_t e = 0; e < m->nnz; e++)
            mpz_clear(m->val[e]);
    free(m->start);
    free(m->col);
    free(m->val);
    free(m->val64);
    m->start = NULL;
    m->col = NULL;
    m->val = NULL;
    m->val64 = NULL;
}

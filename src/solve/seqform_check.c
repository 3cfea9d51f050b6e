/* The exact certificate of a sequence-form maximin solution on the full
 * game: x and y are realization plans, the min side's best reply to x and
 * the max side's best reply to y (DPs over their pooled sets) both give the
 * value.  Everything is scaled to integers (one common denominator per
 * vector, one for the matrix), so the DPs add and compare mpz integers. */
#include <stdlib.h>
#include <string.h>

#include "lp/lp_internal.h"
#include "solve/ef_internal.h"
#include "solve/seqform_internal.h"

static bool is_realization(const mc_ef_side *s, const mc_q *x, const char *what, mc_error *why)
{
    mc_q one = MC_Q_INT(1), sum = MC_Q_ZERO;
    bool ok = mc_q_eq(&x[0], &one);
    if (!ok)
        mc_error_set(why, MC_EINPUT, "sequence form: %s of the empty sequence is not 1", what);
    for (uint32_t t = 0; ok && t < s->nseq; t++)
        if (mc_q_sgn(&x[t]) < 0) {
            mc_error_set(why, MC_EINPUT, "sequence form: %s is negative at sequence %u", what, t);
            ok = false;
        }
    for (uint32_t J = 0; ok && J < s->ninfosets; J++) {
        mc_q_set_i64(&sum, 0);
        for (uint32_t b = 0; b < s->nactions[J]; b++)
            mc_q_add(&sum, &sum, &x[s->first_seq[J] + b]);
        if (!mc_q_eq(&sum, &x[s->parent_seq[J]])) {
            mc_error_set(why, MC_EINPUT,
                         "sequence form: %s does not sum to its parent at the set of node #%u",
                         what, s->first_node[J] + 1);
            ok = false;
        }
    }
    mc_q_clear(&sum);
    return ok;
}

/* out[i] = v[i] * den, den the lcm of the denominators. */
static void scale(const mc_q *v, size_t n, mpz_t *out, mpz_t den)
{
    mpz_set_ui(den, 1);
    for (size_t i = 0; i < n; i++)
        mc_lp_lcm_den(den, &v[i]);
    mpq_t q;
    mpq_init(q);
    for (size_t i = 0; i < n; i++) {
        mc_q_get_mpq(q, &v[i]);
        mpz_divexact(out[i], den, mpq_denref(q));
        mpz_mul(out[i], out[i], mpq_numref(q));
    }
    mpq_clear(q);
}

/* DP over the side on integer values (overwritten); the value in sv[0]. */
static void int_dp(const mc_ef_side *s, mpz_t *sv, bool maximize, uint32_t *plan)
{
    for (uint32_t J = s->ninfosets; J-- > 0;) {
        uint32_t arg = 0;
        for (uint32_t b = 1; b < s->nactions[J]; b++) {
            int c = mpz_cmp(sv[s->first_seq[J] + b], sv[s->first_seq[J] + arg]);
            if (maximize ? c > 0 : c < 0)
                arg = b;
        }
        mpz_add(sv[s->parent_seq[J]], sv[s->parent_seq[J]], sv[s->first_seq[J] + arg]);
        if (plan)
            plan[J] = arg;
    }
}

/* sign of  total / (d1 * d2)  -  value. */
static int cmp_value(const mpz_t total, const mpz_t d1, const mpz_t d2, const mc_q *value)
{
    mpq_t v;
    mpz_t lhs, rhs;
    mpq_init(v);
    mpz_inits(lhs, rhs, NULL);
    mc_q_get_mpq(v, value);
    mpz_mul(lhs, total, mpq_denref(v));
    mpz_mul(rhs, d1, d2);
    mpz_mul(rhs, rhs, mpq_numref(v));
    int c = mpz_cmp(lhs, rhs);
    mpq_clear(v);
    mpz_clears(lhs, rhs, NULL);
    return c;
}

int ef_seqform_exact_check(const mc_ef_matrix *a, const mc_ef_side *max_side,
                           const mc_ef_side *min_side, const mc_q *x, const mc_q *y,
                           const mc_q *value, uint32_t *min_plan, mc_error *why)
{
    if (a->nrows != max_side->nseq || a->ncols != min_side->nseq) {
        mc_error_set(why, MC_EINPUT, "sequence form: matrix and sides differ in size");
        return 2;
    }
    if (!is_realization(max_side, x, "x", why) || !is_realization(min_side, y, "y", why))
        return 2;
    size_t nx = max_side->nseq, ny = min_side->nseq;
    mpz_t *am = mc_mpz_vec(a->nnz), *xs = mc_mpz_vec(nx), *ys = mc_mpz_vec(ny), *bx = mc_mpz_vec(ny), *by = mc_mpz_vec(nx);
    mpz_t la, dx, dy;
    mpz_inits(la, dx, dy, NULL);
    int res = 0;
    if (!am || !xs || !ys || !bx || !by) {
        mc_error_set(why, MC_ENOMEM, "sequence form: out of memory");
        res = 2;
        goto done;
    }
    scale(a->val, a->nnz, am, la);
    scale(x, nx, xs, dx);
    scale(y, ny, ys, dy);
    /* min side: (x.A) * dx * la, then its DP */
    for (size_t e = 0; e < a->nnz; e++)
        if (mpz_sgn(xs[a->row[e]]))
            mpz_addmul(bx[a->col[e]], xs[a->row[e]], am[e]);
    int_dp(min_side, bx, false, min_plan);
    int c = cmp_value(bx[0], dx, la, value);
    if (c != 0) {
        mc_error_set(why, MC_EINPUT,
                     "sequence form: the adversary's best response to x does not give the value");
        res = c < 0 ? 1 : 2;
        goto done;
    }
    for (size_t e = 0; e < a->nnz; e++)
        if (mpz_sgn(ys[a->col[e]]))
            mpz_addmul(by[a->row[e]], ys[a->col[e]], am[e]);
    int_dp(max_side, by, true, NULL);
    if (cmp_value(by[0], dy, la, value) != 0) {
        mc_error_set(why, MC_EINPUT, "sequence form: the best response to y does not give the value");
        res = 2;
    }
done:
    mc_mpz_vec_free(am, a->nnz);
    mc_mpz_vec_free(xs, nx);
    mc_mpz_vec_free(ys, ny);
    mc_mpz_vec_free(bx, ny);
    mc_mpz_vec_free(by, nx);
    mpz_clears(la, dx, dy, NULL);
    return res;
}

/* Exact rationals: small int64 fractions with 128-bit intermediates, and a
 * GMP mpq_t only for values that do not fit.  Every result is left in
 * canonical form (small whenever it fits), which is what lets mc_q_eq and
 * mc_q_hash work on representations.  The inline fast paths for small
 * integers live in num.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "num/rat_internal.h"

_Thread_local uint64_t mc_q_big_count_;

#define SMALL_MAX ((uint64_t)INT64_MAX)

uint64_t mc_q_big_ops(void)
{
    return mc_q_big_count_;
}

/* ---- representation helpers ---------------------------------------------- */

static mpq_ptr new_big(void)
{
    mpq_ptr q = malloc(sizeof *q);
    if (!q) {
        /* The arithmetic API has no error channel; GMP itself aborts on OOM. */
        fputs("mechcheck: out of memory in exact arithmetic\n", stderr);
        abort();
    }
    mpq_init(q);
    return q;
}

static void free_big(mpq_ptr q)
{
    mpq_clear(q);
    free(q);
}

/* The mpq that r's result should be written to: r's own when it is big
 * (GMP allows the output to alias inputs), otherwise a fresh one.  The caller
 * must have read the operands before calling take_big. */
static mpq_ptr take_big(mc_q *r)
{
    if (r->den == 0)
        return r->big;
    r->big = new_big();
    r->den = 0;
    return r->big;
}

static inline bool mpz_fits_small(mpz_srcptr z)
{
    return mpz_sizeinbase(z, 2) <= 63;
}

/* r is big: demote it when its value fits the small form. */
static void normalize(mc_q *r)
{
    mpq_ptr q = r->big;
    if (!mpz_fits_small(mpq_numref(q)) || !mpz_fits_small(mpq_denref(q)))
        return;
    int64_t num = (int64_t)mpz_getlimbn(mpq_numref(q), 0);
    if (mpq_sgn(q) < 0)
        num = -num;
    int64_t den = (int64_t)mpz_getlimbn(mpq_denref(q), 0);
    free_big(q);
    r->den = den;
    r->num = num;
}

/* A read-only mpq view of the small value a, backed by limbs[2]: no
 * allocation, so mixed small/big operations cost only the GMP call. */
static mpq_srcptr view(const mc_q *a, mpq_ptr tmp, mp_limb_t limbs[2])
{
    if (a->den == 0)
        return a->big;
    int64_t n = a->num;
    limbs[0] = n < 0 ? -(uint64_t)n : (uint64_t)n;
    limbs[1] = (uint64_t)a->den;
    mpz_roinit_n(mpq_numref(tmp), &limbs[0], n < 0 ? -1 : n > 0 ? 1 : 0);
    mpz_roinit_n(mpq_denref(tmp), &limbs[1], 1);
    return tmp;
}

static void set_mpz_u128(mpz_ptr z, bool neg, mc_u128 v)
{
    mp_limb_t limbs[2] = {(uint64_t)v, (uint64_t)(v >> 64)};
    mp_size_t n = limbs[1] ? 2 : limbs[0] ? 1 : 0;
    mpz_t view_z;
    mpz_set(z, mpz_roinit_n(view_z, limbs, neg ? -n : n));
}

void mc_q_set_reduced128_(mc_q *r, bool neg, mc_u128 mag, mc_u128 den)
{
    if (mag <= SMALL_MAX && den <= SMALL_MAX) {
        int64_t n = (int64_t)mag;
        mc_q_set_small_(r, neg ? -n : n, (int64_t)den);
        return;
    }
    mc_q_big_count_++;
    mpq_ptr out = take_big(r);
    set_mpz_u128(mpq_numref(out), neg, mag);
    set_mpz_u128(mpq_denref(out), false, den);
}

void mc_q_set_frac128_(mc_q *r, bool neg, mc_u128 mag, mc_u128 den)
{
    if (mag == 0) {
        mc_q_set_small_(r, 0, 1);
        return;
    }
    if ((mag >> 64) == 0 && (den >> 64) == 0) { /* avoid 128-bit division */
        uint64_t m = (uint64_t)mag, d = (uint64_t)den, g = mc_gcd64_(m, d);
        mc_q_set_reduced128_(r, neg, m / g, d / g);
        return;
    }
    mc_u128 g = mc_gcd128_(mag, den);
    mc_q_set_reduced128_(r, neg, mag / g, den / g);
}

void mc_q_set_mpq_(mc_q *r, mpq_srcptr v)
{
    if (r->den == 0 && r->big == v) {
        normalize(r);
        return;
    }
    if (mpz_fits_small(mpq_numref(v)) && mpz_fits_small(mpq_denref(v))) {
        int64_t num = (int64_t)mpz_getlimbn(mpq_numref(v), 0);
        mc_q_set_small_(r, mpq_sgn(v) < 0 ? -num : num, (int64_t)mpz_getlimbn(mpq_denref(v), 0));
        return;
    }
    mpq_set(take_big(r), v);
}

/* ---- lifetime and assignment ----------------------------------------------- */

void mc_q_init(mc_q *q)
{
    *q = MC_Q_ZERO;
}

void mc_q_clear(mc_q *q)
{
    if (q->den == 0)
        free_big(q->big);
    *q = MC_Q_ZERO;
}

void mc_q_init_vec(mc_q *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        v[i] = MC_Q_ZERO;
}

void mc_q_clear_vec(mc_q *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        mc_q_clear(&v[i]);
}

void mc_q_set_slow(mc_q *r, const mc_q *a)
{
    if (r == a)
        return;
    if (a->den != 0) {
        mc_q_set_small_(r, a->num, a->den);
        return;
    }
    mc_q_big_count_++;
    mpq_set(take_big(r), a->big);
}

void mc_q_set_i64(mc_q *r, int64_t k)
{
    if (k != INT64_MIN)
        mc_q_set_small_(r, k, 1);
    else
        mc_q_set_reduced128_(r, true, (mc_u128)1 << 63, 1);
}

static inline uint64_t mag64(int64_t v)
{
    return v < 0 ? -(uint64_t)v : (uint64_t)v;
}

mc_status mc_q_set_frac(mc_q *r, int64_t num, int64_t den)
{
    if (den == 0)
        return MC_EINPUT;
    mc_q_set_frac128_(r, (num < 0) != (den < 0), mag64(num), mag64(den));
    return MC_OK;
}

void mc_q_set_mpq(mc_q *r, const mpq_t a)
{
    mc_q_set_mpq_(r, a);
}

void mc_q_get_mpq(mpq_t out, const mc_q *a)
{
    if (a->den == 0) {
        mpq_set(out, a->big);
    } else {
        mpz_set_si(mpq_numref(out), a->num);
        mpz_set_ui(mpq_denref(out), (unsigned long)a->den);
    }
}

void mc_q_swap(mc_q *a, mc_q *b)
{
    mc_q t = *a;
    *a = *b;
    *b = t;
}

/* ---- arithmetic ------------------------------------------------------------- */

/* r := a/b + c/d for small operands (b, d > 0, lowest terms), Knuth's
 * gcd-first addition (TAOCP 4.5.1): the result comes out in lowest terms and
 * every intermediate fits 128 bits.  c is passed as sign and magnitude so
 * subtraction can negate it without touching int64 limits. */
static void add_small(mc_q *r, int64_t a, uint64_t b, bool c_neg, uint64_t c_mag, uint64_t d)
{
    mc_i128 c = c_neg ? -(mc_i128)c_mag : (mc_i128)c_mag;
    if (b == 1 && d == 1) {
        mc_i128 s = a + c;
        mc_q_set_reduced128_(r, s < 0, s < 0 ? -(mc_u128)s : (mc_u128)s, 1);
        return;
    }
    uint64_t g = mc_gcd64_(b, d);
    if (g == 1) {
        mc_i128 t = (mc_i128)a * (mc_i128)d + c * (mc_i128)b;
        if (t == 0)
            mc_q_set_small_(r, 0, 1);
        else
            mc_q_set_reduced128_(r, t < 0, t < 0 ? -(mc_u128)t : (mc_u128)t, (mc_u128)b * d);
        return;
    }
    uint64_t bg = b / g, dg = d / g;
    mc_i128 t = (mc_i128)a * (mc_i128)dg + c * (mc_i128)bg;
    if (t == 0) {
        mc_q_set_small_(r, 0, 1);
        return;
    }
    bool neg = t < 0;
    mc_u128 mag = neg ? -(mc_u128)t : (mc_u128)t;
    uint64_t g2;
    if ((mag >> 64) == 0) {
        uint64_t m = (uint64_t)mag;
        g2 = mc_gcd64_(m % g, g);
        mag = m / g2;
    } else {
        g2 = mc_gcd64_((uint64_t)(mag % g), g);
        if (g2 != 1)
            mag /= g2;
    }
    mc_q_set_reduced128_(r, neg, mag, (mc_u128)bg * (d / g2));
}

typedef void (*mpq_binop)(mpq_ptr, mpq_srcptr, mpq_srcptr);

/* r := op(a, b) through GMP, then demote. */
static void big_binop(mc_q *r, const mc_q *a, const mc_q *b, mpq_binop op)
{
    mpq_t ta, tb;
    mp_limb_t la[2], lb[2];
    mpq_srcptr pa = view(a, ta, la), pb = view(b, tb, lb);
    mc_q_big_count_++;
    op(take_big(r), pa, pb);
    normalize(r);
}

void mc_q_add_slow(mc_q *r, const mc_q *a, const mc_q *b)
{
    if (a->den != 0 && b->den != 0)
        add_small(r, a->num, (uint64_t)a->den, b->num < 0, mag64(b->num), (uint64_t)b->den);
    else
        big_binop(r, a, b, mpq_add);
}

void mc_q_sub_slow(mc_q *r, const mc_q *a, const mc_q *b)
{
    if (a->den != 0 && b->den != 0)
        add_small(r, a->num, (uint64_t)a->den, b->num > 0, mag64(b->num), (uint64_t)b->den);
    else
        big_binop(r, a, b, mpq_sub);
}

/* The product of two small values as a reduced 128-bit fraction: cancel
 * across first so no gcd of the (up to 126-bit) products is needed. */
typedef struct {
    bool neg;
    mc_u128 mag, den;
} frac128;

static frac128 mul_small(int64_t a, uint64_t b, int64_t c, uint64_t d)
{
    frac128 p = {false, 0, 1};
    if (a == 0 || c == 0)
        return p;
    uint64_t am = mag64(a), cm = mag64(c);
    uint64_t g1 = mc_gcd64_(am, d), g2 = mc_gcd64_(cm, b);
    p.neg = (a < 0) != (c < 0);
    p.mag = (mc_u128)(am / g1) * (cm / g2);
    p.den = (mc_u128)(b / g2) * (d / g1);
    return p;
}

void mc_q_mul(mc_q *r, const mc_q *a, const mc_q *b)
{
    if (a->den == 1 && b->den == 1) {
        int64_t p;
        if (!__builtin_mul_overflow(a->num, b->num, &p) && p != INT64_MIN) {
            mc_q_set_small_(r, p, 1);
            return;
        }
    }
    if (a->den != 0 && b->den != 0) {
        frac128 p = mul_small(a->num, (uint64_t)a->den, b->num, (uint64_t)b->den);
        mc_q_set_reduced128_(r, p.neg, p.mag, p.den);
    } else {
        big_binop(r, a, b, mpq_mul);
    }
}

mc_status mc_q_div(mc_q *r, const mc_q *a, const mc_q *b)
{
    if (mc_q_is_zero(b))
        return MC_EINPUT;
    if (a->den != 0 && b->den != 0) {
        /* a/b / (c/d) = (a*d) / (b*c): multiply by the reciprocal, whose
         * denominator |c| and numerator sign(c)*d are again in lowest terms. */
        int64_t c = b->num;
        uint64_t cm = mag64(c);
        int64_t recip_num = c < 0 ? -b->den : b->den;
        frac128 p = mul_small(a->num, (uint64_t)a->den, recip_num, cm);
        mc_q_set_reduced128_(r, p.neg, p.mag, p.den);
    } else {
        big_binop(r, a, b, mpq_div);
    }
    return MC_OK;
}

void mc_q_addmul_slow(mc_q *r, const mc_q *a, const mc_q *b)
{
    if (r->den != 0 && a->den != 0 && b->den != 0) {
        frac128 p = mul_small(a->num, (uint64_t)a->den, b->num, (uint64_t)b->den);
        if (p.mag <= SMALL_MAX && p.den <= SMALL_MAX) {
            add_small(r, r->num, (uint64_t)r->den, p.neg, (uint64_t)p.mag, (uint64_t)p.den);
            return;
        }
    }
    /* Some operand or the product is big: r += a*b in GMP. */
    mpq_t ta, tb, tr, prod;
    mp_limb_t la[2], lb[2], lr[2];
    mpq_srcptr pa = view(a, ta, la), pb = view(b, tb, lb), pr = view(r, tr, lr);
    mc_q_big_count_++;
    mpq_init(prod);
    mpq_mul(prod, pa, pb);
    mpq_add(take_big(r), pr, prod);
    mpq_clear(prod);
    normalize(r);
}

/* The small range is symmetric, so negation and |.| never change form. */
void mc_q_neg(mc_q *r, const mc_q *a)
{
    if (a->den != 0) {
        mc_q_set_small_(r, -a->num, a->den);
    } else if (r == a) {
        mpq_neg(r->big, r->big);
    } else {
        mc_q_big_count_++;
        mpq_neg(take_big(r), a->big);
    }
}

void mc_q_abs(mc_q *r, const mc_q *a)
{
    if (a->den != 0) {
        mc_q_set_small_(r, a->num < 0 ? -a->num : a->num, a->den);
    } else if (r == a) {
        mpq_abs(r->big, r->big);
    } else {
        mc_q_big_count_++;
        mpq_abs(take_big(r), a->big);
    }
}

/* ---- comparison --------------------------------------------------------------- */

/* Reached from mc_q_cmp only when a value is big. */
int mc_q_cmp_slow(const mc_q *a, const mc_q *b)
{
    mpq_t ta, tb;
    mp_limb_t la[2], lb[2];
    mc_q_big_count_++;
    int c = mpq_cmp(view(a, ta, la), view(b, tb, lb));
    return (c > 0) - (c < 0);
}

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static uint64_t hash_mpz(uint64_t h, mpz_srcptr z)
{
    size_t n = mpz_size(z);
    for (size_t i = 0; i < n; i++)
        h = mix64(h ^ mpz_getlimbn(z, (mp_size_t)i));
    return mix64(h ^ (uint64_t)(mpz_sgn(z) + 2) ^ ((uint64_t)n << 8));
}

/* Hashes the representation; consistent with mc_q_eq because big values
 * never hold numbers that fit the small form. */
uint64_t mc_q_hash(const mc_q *a)
{
    if (a->den != 0)
        return mix64((uint64_t)a->num ^ mix64((uint64_t)a->den));
    return hash_mpz(hash_mpz(0x9e3779b97f4a7c15ULL, mpq_numref(a->big)), mpq_denref(a->big));
}

/* ---- conversion to double -------------------------------------------------- */

/* Nearest double of a nonzero q: a 63-64 bit quotient with a sticky bit for
 * a nonzero remainder rounds exactly like the infinite expansion. */
static double mpq_to_nearest_double(mpq_srcptr q)
{
    int sgn = mpq_sgn(q);
    if (sgn == 0)
        return 0.0;
    mpz_t n, quo, rem;
    mpz_inits(n, quo, rem, NULL);
    mpz_abs(n, mpq_numref(q));
    long shift = 63 - (long)mpz_sizeinbase(n, 2) + (long)mpz_sizeinbase(mpq_denref(q), 2);
    if (shift >= 0) {
        mpz_mul_2exp(n, n, (mp_bitcnt_t)shift);
        mpz_tdiv_qr(quo, rem, n, mpq_denref(q));
    } else {
        mpz_t d;
        mpz_init(d);
        mpz_mul_2exp(d, mpq_denref(q), (mp_bitcnt_t)-shift);
        mpz_tdiv_qr(quo, rem, n, d);
        mpz_clear(d);
    }
    uint64_t bits = mpz_getlimbn(quo, 0) | (mpz_sgn(rem) != 0);
    mpz_clears(n, quo, rem, NULL);
    long e = -shift; /* ldexp saturates long before int's range ends */
    if (e > INT_MAX)
        e = INT_MAX;
    if (e < INT_MIN)
        e = INT_MIN;
    double v = ldexp((double)bits, (int)e);
    return sgn < 0 ? -v : v;
}

double mc_q_get_d(const mc_q *a)
{
    const uint64_t exact = (uint64_t)1 << 53; /* integers exactly representable */
    if (a->den != 0 && mag64(a->num) <= exact && (uint64_t)a->den <= exact)
        return (double)a->num / (double)a->den; /* one correctly rounded division */
    mpq_t t;
    mp_limb_t limbs[2];
    return mpq_to_nearest_double(view(a, t, limbs));
}

/* Exact rationals: seeded differential tests of every operation, of
 * printing and of parsing against plain GMP mpq arithmetic, checking values
 * and that representations stay canonical (small whenever the value fits). */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num_check.h"

static uint64_t rng;

static uint64_t next_u64(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int64_t rand_range(int64_t lo, int64_t hi)
{
    return lo + (int64_t)(next_u64() % (uint64_t)(hi - lo + 1));
}

/* A random integer with at most bits bits (random sign). */
static void random_mpz(mpz_ptr z, unsigned bits)
{
    mpz_set_ui(z, 0);
    for (unsigned b = 0; b < bits; b += 64) {
        mpz_mul_2exp(z, z, 64);
        mpz_add_ui(z, z, (unsigned long)next_u64());
    }
    mpz_fdiv_r_2exp(z, z, bits);
    if (next_u64() & 1)
        mpz_neg(z, z);
}

/* Values near the int64 limits: +-(2^k + delta) for k in 31..64. */
static void boundary_mpz(mpz_ptr z)
{
    mpz_set_ui(z, 1);
    mpz_mul_2exp(z, z, (mp_bitcnt_t)rand_range(31, 64));
    if (next_u64() & 1)
        mpz_sub_ui(z, z, (unsigned long)rand_range(0, 3));
    else
        mpz_add_ui(z, z, (unsigned long)rand_range(0, 3));
    if (next_u64() & 1)
        mpz_neg(z, z);
}

/* A mixture of tiny values, values near the int64 boundary and huge ones. */
static void random_value(mpq_ptr v)
{
    switch (next_u64() % 6) {
    case 0:
        mpq_set_si(v, rand_range(-10, 10), 1);
        break;
    case 1:
        mpq_set_si(v, rand_range(-20, 20), (unsigned long)rand_range(1, 20));
        break;
    case 2:
        boundary_mpz(mpq_numref(v));
        mpz_set_ui(mpq_denref(v), 1);
        break;
    case 3:
        boundary_mpz(mpq_numref(v));
        if (next_u64() & 1)
            boundary_mpz(mpq_denref(v));
        else
            mpz_set_ui(mpq_denref(v), (unsigned long)rand_range(1, 1000));
        break;
    case 4:
        random_mpz(mpq_numref(v), (unsigned)rand_range(1, 63));
        random_mpz(mpq_denref(v), (unsigned)rand_range(1, 63));
        break;
    default:
        random_mpz(mpq_numref(v), (unsigned)rand_range(60, 200));
        random_mpz(mpq_denref(v), (unsigned)rand_range(1, 150));
        break;
    }
    mpz_abs(mpq_denref(v), mpq_denref(v));
    if (mpz_sgn(mpq_denref(v)) == 0)
        mpz_set_ui(mpq_denref(v), 1);
    mpq_canonicalize(v);
}

/* |v - got| <= |v - n| for both neighbours n of got, in exact arithmetic
 * (normal range only: num.h allows an ulp of slack among subnormals). */
static void check_nearest_double(double got, mpq_srcptr v)
{
    if (fabs(got) < DBL_MIN || isinf(got)) {
        double trunc = mpq_get_d(v);
        REQUIRE(fabs(got - trunc) <= 2 * DBL_TRUE_MIN || isinf(got));
        return;
    }
    mpq_t d, e, n;
    mpq_inits(d, e, n, NULL);
    mpq_set_d(d, got);
    mpq_sub(d, d, v);
    mpq_abs(d, d);
    double next[2] = {nextafter(got, -INFINITY), nextafter(got, INFINITY)};
    for (int k = 0; k < 2; k++) {
        if (isinf(next[k]))
            continue;
        mpq_set_d(n, next[k]);
        mpq_sub(e, n, v);
        mpq_abs(e, e);
        REQUIRE(mpq_cmp(d, e) <= 0);
    }
    mpq_clears(d, e, n, NULL);
}

#define POOL 12

typedef struct {
    mc_q q[POOL];
    mpq_t ref[POOL];
    unsigned long small_results, big_results;
} pool;

static void pool_reset(pool *p, int i)
{
    random_value(p->ref[i]);
    mc_q_set_mpq(&p->q[i], p->ref[i]);
}

static void run_differential(unsigned long nops, uint64_t seed)
{
    pool p;
    rng = seed;
    p.small_results = p.big_results = 0;
    for (int i = 0; i < POOL; i++) {
        p.q[i] = MC_Q_ZERO;
        mpq_init(p.ref[i]);
        pool_reset(&p, i);
    }
    mpq_t prod;
    mpq_init(prod);
    for (unsigned long n = 0; n < nops; n++) {
        int d = (int)(next_u64() % POOL), a = (int)(next_u64() % POOL), b = (int)(next_u64() % POOL);
        if (next_u64() % 8 == 0)
            a = b = d; /* r == a == b */
        mc_q *rq = &p.q[d];
        const mc_q *aq = &p.q[a], *bq = &p.q[b];
        mpq_ptr rr = p.ref[d];
        mpq_srcptr ar = p.ref[a], br = p.ref[b];
        unsigned op = (unsigned)(next_u64() % 16);
        switch (op) {
        case 0: mc_q_add(rq, aq, bq); mpq_add(rr, ar, br); break;
        case 1: mc_q_sub(rq, aq, bq); mpq_sub(rr, ar, br); break;
        case 2: mc_q_mul(rq, aq, bq); mpq_mul(rr, ar, br); break;
        case 3:
            if (mpq_sgn(br) == 0) {
                REQUIRE((mc_q_div(rq, aq, bq)) == (MC_EINPUT));
            } else {
                REQUIRE((mc_q_div(rq, aq, bq)) == (MC_OK));
                mpq_div(rr, ar, br);
            }
            break;
        case 4:
            mpq_mul(prod, ar, br);
            mc_q_addmul(rq, aq, bq);
            mpq_add(rr, rr, prod);
            break;
        case 5: mc_q_neg(rq, aq); mpq_neg(rr, ar); break;
        case 6: mc_q_abs(rq, aq); mpq_abs(rr, ar); break;
        case 7: mc_q_set(rq, aq); mpq_set(rr, ar); break;
        case 8: {
            int64_t k = (int64_t)next_u64();
            if (next_u64() & 1)
                k = rand_range(-5, 5);
            mc_q_set_i64(rq, k);
            mpz_set_si(mpq_numref(rr), k);
            mpz_set_ui(mpq_denref(rr), 1);
            break;
        }
        case 9: {
            int64_t nu = (int64_t)next_u64(), de = (int64_t)next_u64();
            if (next_u64() & 1)
                nu >>= rand_range(0, 62), de >>= rand_range(0, 62);
            if (de == 0)
                de = -1;
            REQUIRE((mc_q_set_frac(rq, nu, de)) == (MC_OK));
            mpz_set_si(mpq_numref(rr), nu);
            mpz_set_si(mpq_denref(rr), de);
            mpq_canonicalize(rr);
            break;
        }
        case 10: {
            int c = mc_q_cmp(aq, bq), want = mpq_cmp(ar, br);
            REQUIRE((c) == ((want > 0) - (want < 0)));
            REQUIRE((mc_q_eq(aq, bq)) == (mpq_equal(ar, br) != 0));
            break;
        }
        case 11:
            REQUIRE((mc_q_sgn(aq)) == (mpq_sgn(ar)));
            REQUIRE((mc_q_is_zero(aq)) == (mpq_sgn(ar) == 0));
            REQUIRE((mc_q_is_int(aq)) == (mpz_cmp_ui(mpq_denref(ar), 1) == 0));
            REQUIRE((mc_q_is_big(aq)) == (!mpq_fits_small(ar)));
            break;
        case 12:
            mc_q_swap(&p.q[a], &p.q[b]);
            mpq_swap(p.ref[a], p.ref[b]);
            break;
        case 13:
            check_nearest_double(mc_q_get_d(aq), ar);
            break;
        default:
            pool_reset(&p, d);
            break;
        }
        check_value(rq, rr);
        if (mc_q_is_big(rq))
            p.big_results++;
        else
            p.small_results++;
        /* Keep products of products from growing without bound. */
        if (mpz_sizeinbase(mpq_numref(rr), 2) + mpz_sizeinbase(mpq_denref(rr), 2) > 1500)
            pool_reset(&p, d);
    }
    for (int i = 0; i < POOL; i++) {
        check_value(&p.q[i], p.ref[i]);
        mc_q_clear(&p.q[i]);
        mpq_clear(p.ref[i]);
    }
    mpq_clear(prod);
    /* The mixture must exercise both representations heavily. */
    REQUIRE((p.small_results) > (nops / 10));
    REQUIRE((p.big_results) > (nops / 10));
}

START_TEST(test_differential)
{
    run_differential(200000, 0x5eed0001);
}
END_TEST

/* Only small operands, where the 64/128-bit code paths do all the work. */
static void run_small_differential(unsigned long nops)
{
    mpq_t ra, rb, rr, want;
    mpq_inits(ra, rb, rr, want, NULL);
    for (unsigned long n = 0; n < nops; n++) {
        int64_t v[4];
        for (int k = 0; k < 4; k++) {
            unsigned kind = (unsigned)(next_u64() % 3);
            v[k] = kind == 0 ? rand_range(-9, 9)
                 : kind == 1 ? (int64_t)(next_u64() >> 1) >> rand_range(0, 62)
                             : I64MAX - rand_range(0, 5);
            if (k % 2 == 1 && v[k] <= 0)
                v[k] = v[k] == 0 || v[k] == INT64_MIN ? 1 : -v[k];
            if (k % 2 == 0 && v[k] == INT64_MIN)
                v[k] = 0;
            if (k % 2 == 0 && next_u64() % 4 == 0)
                v[k + 1] = 1; /* integers */
        }
        mc_q a = frac(v[0], v[1]), b = frac(v[2], v[3]), r = frac(v[2], v[1]);
        mc_q_get_mpq(ra, &a);
        mc_q_get_mpq(rb, &b);
        mc_q_get_mpq(rr, &r);
        int cmp = mpq_cmp(ra, rb);
        REQUIRE((mc_q_cmp(&a, &b)) == ((cmp > 0) - (cmp < 0)));
        mc_q_add(&r, &a, &b);
        mpq_add(want, ra, rb);
        check_value(&r, want);
        mc_q_sub(&r, &a, &b);
        mpq_sub(want, ra, rb);
        check_value(&r, want);
        mc_q_mul(&r, &a, &b);
        mpq_mul(want, ra, rb);
        check_value(&r, want);
        mc_q_get_mpq(rr, &r);
        mc_q_addmul(&r, &a, &b);
        mpq_mul(want, ra, rb);
        mpq_add(want, want, rr);
        check_value(&r, want);
        if (mpq_sgn(rb) != 0) {
            mc_q_div(&r, &a, &b);
            mpq_div(want, ra, rb);
            check_value(&r, want);
        }
        mc_q_clear(&r);
    }
    mpq_clears(ra, rb, rr, want, NULL);
}

START_TEST(test_small_differential)
{
    rng = 0x5eed0002;
    run_small_differential(100000);
}
END_TEST

/* ---- round trips ----------------------------------------------------------------------- */

START_TEST(test_print_parse_roundtrip)
{
    rng = 0x5eed0003;
    mpq_t v;
    mpq_init(v);
    for (int n = 0; n < 20000; n++) {
        random_value(v);
        mc_q q = MC_Q_ZERO, back = MC_Q_ZERO;
        mc_q_set_mpq(&q, v);
        char buf[256];
        size_t len = mc_q_snprint(buf, sizeof buf, &q);
        REQUIRE((len) < (sizeof buf));
        char *gmp_text = mpq_get_str(NULL, 10, v);
        REQUIRE(strcmp(buf, gmp_text) == 0);
        char *dup = mc_q_strdup(&q);
        REQUIRE(strcmp(dup, gmp_text) == 0);
        free(dup);
        free(gmp_text);
        REQUIRE((mc_q_parse(&back, buf, len, NULL)) == (MC_OK));
        check_value(&back, v);
        REQUIRE(mc_q_eq(&back, &q));
        mc_q_clear(&q);
        mc_q_clear(&back);
    }
    mpq_clear(v);
}
END_TEST

/* Random decimals "[-]I.FeX" against M * 10^(X - |F|) computed with GMP. */
START_TEST(test_parse_decimal_differential)
{
    rng = 0x5eed0004;
    mpq_t want;
    mpz_t pow;
    mpq_init(want);
    mpz_init(pow);
    for (int n = 0; n < 20000; n++) {
        char text[160], digits[100];
        size_t len = 0, nd = 0;
        bool neg = next_u64() & 1;
        if (neg)
            text[len++] = '-';
        int nint = (int)rand_range(0, next_u64() & 1 ? 4 : 30);
        int nfrac = (int)rand_range(nint == 0 ? 1 : 0, next_u64() & 1 ? 4 : 30);
        for (int i = 0; i < nint; i++)
            text[len++] = digits[nd++] = (char)('0' + next_u64() % 10);
        bool dot = nfrac > 0 || next_u64() % 4 == 0;
        if (dot)
            text[len++] = '.';
        for (int i = 0; i < nfrac; i++)
            text[len++] = digits[nd++] = (char)('0' + next_u64() % 10);
        long exp = 0;
        if (next_u64() & 1) {
            exp = rand_range(-45, 45);
            len += (size_t)sprintf(text + len, "%s%ld", next_u64() & 1 ? "e" : "E", exp);
        }
        text[len] = '\0';
        digits[nd] = '\0';
        mpz_set_str(mpq_numref(want), digits, 10);
        mpz_set_ui(mpq_denref(want), 1);
        long scale = exp - nfrac;
        mpz_ui_pow_ui(pow, 10, (unsigned long)labs(scale));
        if (scale >= 0)
            mpz_mul(mpq_numref(want), mpq_numref(want), pow);
        else
            mpz_set(mpq_denref(want), pow);
        mpq_canonicalize(want);
        if (neg)
            mpq_neg(want, want);
        mc_q q = MC_Q_ZERO;
        mc_error err;
        if (mc_q_parse(&q, text, len, &err) != MC_OK)
            ck_abort_msg("%s", err.msg);
        check_value(&q, want);
        mc_q_clear(&q);
    }
    mpz_clear(pow);
    mpq_clear(want);
}
END_TEST
Suite *mc_suite_num_random(void)
{
    Suite *s = suite_create("num_random");
    TCase *rnd = tcase_create("randomized");
    tcase_set_timeout(rnd, 120);
    tcase_add_test(rnd, test_differential);
    tcase_add_test(rnd, test_small_differential);
    tcase_add_test(rnd, test_print_parse_roundtrip);
    tcase_add_test(rnd, test_parse_decimal_differential);
    suite_add_tcase(s, rnd);
    return s;
}

/* Shared helpers for the exact-rational suites (test_num*.c): checks of
 * the canonical representation against GMP. */
#ifndef MC_NUM_CHECK_H
#define MC_NUM_CHECK_H

#include <check.h>
#include <string.h>

#include "mechcheck/num.h"
#include "testutil.h"

#define I64MAX INT64_MAX

/* Check's ck_assert records a checkpoint (a write to the parent) even when it
 * passes; the randomized loops use this silent form instead. */
#define REQUIRE(cond)                                                          \
    do {                                                                      \
        if (!(cond))                                                          \
            ck_abort_msg("%s:%d: assertion '%s' failed", __FILE__, __LINE__, #cond); \
    } while (0)

/* ---- helpers ----------------------------------------------------------------- */

static inline mc_q parsed(const char *s)
{
    mc_q q = MC_Q_ZERO;
    mc_error err;
    mc_error_clear(&err);
    mc_status st = mc_q_parse(&q, s, (size_t)-1, &err);
    ck_assert_msg(st == MC_OK, "parse \"%s\": %s", s, err.msg);
    return q;
}

static inline mc_q frac(int64_t n, int64_t d)
{
    mc_q q = MC_Q_ZERO;
    REQUIRE(mc_q_set_frac(&q, n, d) == MC_OK);
    return q;
}

static inline uint64_t gcd_u64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static inline bool mpq_fits_small(mpq_srcptr v)
{
    return mpz_sizeinbase(mpq_numref(v), 2) <= 63 && mpz_sizeinbase(mpq_denref(v), 2) <= 63;
}

/* The representation invariant of num.h. */
static inline void check_canonical(const mc_q *q)
{
    if (q->den != 0) {
        REQUIRE(q->den > 0);
        REQUIRE(q->num != INT64_MIN);
        uint64_t m = q->num < 0 ? -(uint64_t)q->num : (uint64_t)q->num;
        REQUIRE((gcd_u64(m, (uint64_t)q->den)) == (m == 0 ? (uint64_t)q->den : 1));
        if (q->num == 0)
            REQUIRE((q->den) == (1));
    } else {
        mpq_t c;
        mpq_init(c);
        mpq_set(c, q->big);
        mpq_canonicalize(c);
        REQUIRE(mpq_equal(c, q->big));
        REQUIRE(mpz_sgn(mpq_denref(q->big)) > 0);
        REQUIRE(!mpq_fits_small(q->big)); /* else it should have been demoted */
        mpq_clear(c);
    }
}

/* q == want, canonical, and hashes like the same value built from GMP. */
static inline void check_value(const mc_q *q, mpq_srcptr want)
{
    check_canonical(q);
    mpq_t got;
    mpq_init(got);
    mc_q_get_mpq(got, q);
    if (!mpq_equal(got, want)) {
        char *a = mpq_get_str(NULL, 10, got), *b = mpq_get_str(NULL, 10, want);
        ck_abort_msg("value %s, expected %s", a, b);
    }
    mpq_clear(got);
    mc_q other = MC_Q_ZERO;
    mc_q_set_mpq(&other, want);
    REQUIRE(mc_q_eq(q, &other));
    REQUIRE((mc_q_hash(q)) == (mc_q_hash(&other)));
    mc_q_clear(&other);
}

static inline void check_str(const mc_q *q, const char *want)
{
    check_canonical(q);
    ck_assert_q_str(q, want);
}

#endif

/* Exact rationals: a machine-integer fast path with a GMP fallback.
 *
 * A value is kept small (num/den in int64, lowest terms, den > 0,
 * |num| <= INT64_MAX) whenever it fits, and is promoted to an mpq_t only when
 * an overflow-checked operation reports that it does not.  Results that fit
 * again are demoted, so the representation of a value is canonical and
 * mc_q_eq/mc_q_hash may compare representations.  Nothing ever wraps.
 * Operations without an mc_status abort (with a message) if memory for a big
 * value cannot be allocated, as GMP itself does. */
#ifndef MECHCHECK_NUM_H
#define MECHCHECK_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <gmp.h>

#include "mechcheck/error.h"

typedef struct mc_q {
    int64_t den; /* > 0: the small value num/den; 0: the value is *big */
    union {
        int64_t num;
        mpq_ptr big;
    };
} mc_q;

#define MC_Q_ZERO ((mc_q){.den = 1, .num = 0})
#define MC_Q_INT(k) ((mc_q){.den = 1, .num = (k)})

/* Lifetime.  A zero-initialised mc_q is NOT valid (den = 0 means big):
 * initialise with MC_Q_ZERO or mc_q_init. */
void mc_q_init(mc_q *q);
void mc_q_clear(mc_q *q);               /* frees; leaves q == 0 */
void mc_q_init_vec(mc_q *v, size_t n);
void mc_q_clear_vec(mc_q *v, size_t n);

/* Assignment. */
static inline void mc_q_set(mc_q *r, const mc_q *a);
void mc_q_set_i64(mc_q *r, int64_t k);
mc_status mc_q_set_frac(mc_q *r, int64_t num, int64_t den); /* MC_EINPUT if den == 0 */
void mc_q_set_mpq(mc_q *r, const mpq_t a); /* a must be canonical */
void mc_q_get_mpq(mpq_t out, const mc_q *a); /* out must be initialised */
void mc_q_swap(mc_q *a, mc_q *b);

/* Arithmetic; r may alias a or b (or both). */
static inline void mc_q_add(mc_q *r, const mc_q *a, const mc_q *b);
static inline void mc_q_sub(mc_q *r, const mc_q *a, const mc_q *b);
void mc_q_mul(mc_q *r, const mc_q *a, const mc_q *b);
mc_status mc_q_div(mc_q *r, const mc_q *a, const mc_q *b); /* MC_EINPUT if b == 0; r unchanged */
static inline void mc_q_addmul(mc_q *r, const mc_q *a, const mc_q *b); /* r += a*b */
void mc_q_neg(mc_q *r, const mc_q *a);
void mc_q_abs(mc_q *r, const mc_q *a);

/* Comparison. */
static inline int mc_q_cmp(const mc_q *a, const mc_q *b); /* <0, 0, >0 */
static inline int mc_q_sgn(const mc_q *a);
static inline bool mc_q_eq(const mc_q *a, const mc_q *b);
static inline bool mc_q_is_zero(const mc_q *a);
static inline bool mc_q_is_int(const mc_q *a);
static inline bool mc_q_is_big(const mc_q *a);
/* Equal values hash equally: the representation is canonical (a big value
 * never holds a number that fits the small form), so hashing the
 * representation is hashing the value. */
uint64_t mc_q_hash(const mc_q *a);

/* Conversion. */
/* The nearest double (ties to even; may be off by one ulp only in the
 * subnormal range); +-HUGE_VAL beyond the double range. */
double mc_q_get_d(const mc_q *a);
/* Parses an exact number: integer ("-12"), fraction ("3/4", "-6/8"),
 * decimal ("10.1" is 101/10, ".5", "2."), optionally with an exponent
 * ("1.5e-3").  Reads s[0..len) (len = (size_t)-1 for a NUL-terminated
 * string) and must consume all of it.  Grammar:
 *   [+-] ( digits "/" digits | mantissa [ (e|E) [+-] digits ] )
 *   mantissa = digits | digits "." [digits] | "." digits
 * (a fraction's parts are plain digit strings; no blanks anywhere).  Digit
 * strings of any length are exact.  On error returns MC_EINPUT with a message
 * like `invalid number "1/x": expected a digit at character 3` (1-based) and
 * leaves r unchanged.  Short integers never touch GMP or malloc. */
mc_status mc_q_parse(mc_q *r, const char *s, size_t len, mc_error *err);
/* Explicit exponents beyond this magnitude are rejected as MC_EINPUT. */
#define MC_Q_PARSE_MAX_EXP 100000
/* Writes "num" or "num/den" like snprintf: returns the length it needs
 * (excluding the NUL) and truncates to cap. */
size_t mc_q_snprint(char *buf, size_t cap, const mc_q *a);
/* Returns a malloc'd string ("num" or "num/den"); NULL on allocation failure. */
char *mc_q_strdup(const mc_q *a);
void mc_q_fprint(FILE *f, const mc_q *a);

/* How many operations had to use GMP (per thread, for statistics): each
 * arithmetic, comparison, assignment or parse that computed with an mpq_t. */
uint64_t mc_q_big_ops(void);

/* ---- inline fast paths ------------------------------------------------------
 * Operations on small integers (den == 1) are done here without a call; the
 * rest goes to the out-of-line *_slow functions (src/num/rat.c), which are
 * part of the API only so these wrappers can reach them. */
void mc_q_set_slow(mc_q *r, const mc_q *a);
void mc_q_add_slow(mc_q *r, const mc_q *a, const mc_q *b);
void mc_q_sub_slow(mc_q *r, const mc_q *a, const mc_q *b);
void mc_q_addmul_slow(mc_q *r, const mc_q *a, const mc_q *b);
int mc_q_cmp_slow(const mc_q *a, const mc_q *b);

static inline void mc_q_set(mc_q *r, const mc_q *a)
{
    if (a->den != 0 && r->den != 0)
        *r = *a;
    else
        mc_q_set_slow(r, a);
}

/* The small form excludes INT64_MIN, so a machine result equal to it must
 * take the slow path too. */
static inline void mc_q_add(mc_q *r, const mc_q *a, const mc_q *b)
{
    int64_t s;
    if (a->den == 1 && b->den == 1 && r->den != 0 &&
        !__builtin_add_overflow(a->num, b->num, &s) && s != INT64_MIN) {
        r->num = s;
        r->den = 1;
    } else {
        mc_q_add_slow(r, a, b);
    }
}

static inline void mc_q_sub(mc_q *r, const mc_q *a, const mc_q *b)
{
    int64_t s;
    if (a->den == 1 && b->den == 1 && r->den != 0 &&
        !__builtin_sub_overflow(a->num, b->num, &s) && s != INT64_MIN) {
        r->num = s;
        r->den = 1;
    } else {
        mc_q_sub_slow(r, a, b);
    }
}

static inline void mc_q_addmul(mc_q *r, const mc_q *a, const mc_q *b)
{
    int64_t p, s;
    if (r->den == 1 && a->den == 1 && b->den == 1 &&
        !__builtin_mul_overflow(a->num, b->num, &p) &&
        !__builtin_add_overflow(r->num, p, &s) && s != INT64_MIN)
        r->num = s;
    else
        mc_q_addmul_slow(r, a, b);
}

/* Two small values: a/b <=> c/d is a*d <=> c*b, exact in 128 bits. */
static inline int mc_q_cmp(const mc_q *a, const mc_q *b)
{
    if (a->den == 1 && b->den == 1)
        return (a->num > b->num) - (a->num < b->num);
    if (a->den != 0 && b->den != 0) {
        __int128 x = (__int128)a->num * b->den, y = (__int128)b->num * a->den;
        return (x > y) - (x < y);
    }
    return mc_q_cmp_slow(a, b);
}

static inline int mc_q_sgn(const mc_q *a)
{
    if (a->den != 0)
        return (a->num > 0) - (a->num < 0);
    return mpq_sgn(a->big);
}

static inline bool mc_q_eq(const mc_q *a, const mc_q *b)
{
    if (a->den != b->den)
        return false; /* canonical: differing denominators, differing values */
    if (a->den != 0)
        return a->num == b->num;
    return mpq_equal(a->big, b->big) != 0;
}

static inline bool mc_q_is_zero(const mc_q *a) { return a->den == 1 && a->num == 0; }
static inline bool mc_q_is_big(const mc_q *a) { return a->den == 0; }
static inline bool mc_q_is_int(const mc_q *a)
{
    return a->den == 1 || (a->den == 0 && mpz_cmp_ui(mpq_denref(a->big), 1) == 0);
}

#endif

/* Exact rationals: a machine-integer fast path with a GMP fallback.
 *
 * A value is kept small (num/den in int64, lowest terms, den > 0,
 * |num| <= INT64_MAX) whenever it fits, and is promoted to an mpq_t only when
 * an overflow-checked operation reports that it does not.  Results that fit
 * again are demoted, so the representation of a value is canonical and
 * mc_q_eq/mc_q_hash may compare representations.  Nothing ever wraps. */
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
void mc_q_set(mc_q *r, const mc_q *a);
void mc_q_set_i64(mc_q *r, int64_t k);
mc_status mc_q_set_frac(mc_q *r, int64_t num, int64_t den); /* MC_EINPUT if den == 0 */
void mc_q_set_mpq(mc_q *r, const mpq_t a);
void mc_q_get_mpq(mpq_t out, const mc_q *a); /* out must be initialised */
void mc_q_swap(mc_q *a, mc_q *b);

/* Arithmetic; r may alias a or b. */
void mc_q_add(mc_q *r, const mc_q *a, const mc_q *b);
void mc_q_sub(mc_q *r, const mc_q *a, const mc_q *b);
void mc_q_mul(mc_q *r, const mc_q *a, const mc_q *b);
mc_status mc_q_div(mc_q *r, const mc_q *a, const mc_q *b); /* MC_EINPUT if b == 0 */
void mc_q_addmul(mc_q *r, const mc_q *a, const mc_q *b);   /* r += a*b */
void mc_q_neg(mc_q *r, const mc_q *a);
void mc_q_abs(mc_q *r, const mc_q *a);

/* Comparison. */
int mc_q_cmp(const mc_q *a, const mc_q *b); /* <0, 0, >0 */
int mc_q_sgn(const mc_q *a);
bool mc_q_eq(const mc_q *a, const mc_q *b);
bool mc_q_is_zero(const mc_q *a);
bool mc_q_is_int(const mc_q *a);
bool mc_q_is_big(const mc_q *a);
uint64_t mc_q_hash(const mc_q *a);

/* Conversion. */
double mc_q_get_d(const mc_q *a);
/* Parses an exact number: integer ("-12"), fraction ("3/4", "-6/8"),
 * decimal ("10.1" is 101/10, ".5", "2."), optionally with an exponent
 * ("1.5e-3").  Reads s[0..len) (len = (size_t)-1 for a NUL-terminated
 * string) and must consume all of it. */
mc_status mc_q_parse(mc_q *r, const char *s, size_t len, mc_error *err);
/* Writes "num" or "num/den" like snprintf: returns the length it needs
 * (excluding the NUL) and truncates to cap. */
size_t mc_q_snprint(char *buf, size_t cap, const mc_q *a);
/* Returns a malloc'd string ("num" or "num/den"); NULL on allocation failure. */
char *mc_q_strdup(const mc_q *a);
void mc_q_fprint(FILE *f, const mc_q *a);

/* How many operations had to use GMP (per thread, for statistics). */
uint64_t mc_q_big_ops(void);

#endif

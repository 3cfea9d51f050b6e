/* Helpers shared by the rational arithmetic (rat.c) and its parser/printer
 * (rat_parse.c).  Not part of the public API. */
#ifndef MC_NUM_RAT_INTERNAL_H
#define MC_NUM_RAT_INTERNAL_H

#include <limits.h>

#include "mechcheck/num.h"

/* The small<->GMP conversions read and write limbs directly. */
_Static_assert(GMP_NUMB_BITS == 64 && GMP_NAIL_BITS == 0, "mechcheck needs 64-bit GMP limbs");
_Static_assert(sizeof(long) == 8, "mechcheck needs an LP64 platform");

typedef unsigned __int128 mc_u128;
typedef __int128 mc_i128;

/* Thread-local count of operations that used GMP (mc_q_big_ops). */
extern _Thread_local uint64_t mc_q_big_count_;

static inline unsigned mc_ctz128_(mc_u128 x)
{
    uint64_t lo = (uint64_t)x;
    return lo ? (unsigned)__builtin_ctzll(lo) : 64u + (unsigned)__builtin_ctzll((uint64_t)(x >> 64));
}

/* Binary gcd; gcd(0, b) = b.  The loop body is branch-free (min and |diff|
 * compile to cmov): the data-dependent swap branch of the textbook version
 * mispredicts about half the time. */
static inline uint64_t mc_gcd64_(uint64_t a, uint64_t b)
{
    if (a == 0 || b == 1)
        return b;
    if (b == 0 || a == 1)
        return a;
    unsigned k = (unsigned)__builtin_ctzll(a | b);
    a >>= __builtin_ctzll(a);
    b >>= __builtin_ctzll(b);
    while (a != b) {
        uint64_t lo = a < b ? a : b, diff = a < b ? b - a : a - b;
        a = lo;
        b = diff >> __builtin_ctzll(diff);
    }
    return a << k;
}

/* gcd of 128-bit magnitudes; drops to 64 bits as soon as both fit. */
static inline mc_u128 mc_gcd128_(mc_u128 a, mc_u128 b)
{
    if ((a >> 64) == 0 && (b >> 64) == 0)
        return mc_gcd64_((uint64_t)a, (uint64_t)b);
    if (a == 0)
        return b;
    if (b == 0)
        return a;
    unsigned k = mc_ctz128_(a | b);
    a >>= mc_ctz128_(a);
    do {
        b >>= mc_ctz128_(b);
        if (a > b) {
            mc_u128 t = a;
            a = b;
            b = t;
        }
        b -= a;
        if ((a >> 64) == 0 && (b >> 64) == 0)
            return (mc_u128)mc_gcd64_((uint64_t)a, (uint64_t)b) << k;
    } while (b != 0);
    return a << k;
}

/* r := num/den, already canonical small; releases a big r. */
static inline void mc_q_set_small_(mc_q *r, int64_t num, int64_t den)
{
    if (r->den == 0)
        mc_q_clear(r);
    r->den = den;
    r->num = num;
}

/* r := (neg ? -mag : mag) / den where the fraction is already in lowest
 * terms, den > 0 and mag == 0 implies den == 1.  Promotes to GMP only when
 * it does not fit the small form. */
void mc_q_set_reduced128_(mc_q *r, bool neg, mc_u128 mag, mc_u128 den);

/* Like mc_q_set_reduced128_ for any fraction (den > 0): reduces first. */
void mc_q_set_frac128_(mc_q *r, bool neg, mc_u128 mag, mc_u128 den);

/* r := v (canonical mpq), demoting when it fits; v may be r->big. */
void mc_q_set_mpq_(mc_q *r, mpq_srcptr v);

#endif

/* Strategic-form fixtures shared by the dominance and Nash suites. */
#ifndef MC_SFORM_TESTUTIL_H
#define MC_SFORM_TESTUTIL_H

#include <check.h>
#include <stdint.h>

#include "mechcheck/sform.h"

/* Two agents; A, B are m x n row-major (row player = agent 0).  Profile of
 * (i, j) is i + j * m.  Outcome ids: classes of equal payoff pairs. */
static inline void mc_test_bimatrix(mc_sform *sf, uint32_t m, uint32_t n, const int64_t *A,
                                    const int64_t *B)
{
    uint32_t ns[2] = {m, n};
    mc_error err;
    ck_assert_int_eq(mc_sform_init(sf, 2, ns, false, 0, &err), MC_OK);
    for (uint32_t i = 0; i < m; i++)
        for (uint32_t j = 0; j < n; j++) {
            mc_q_set_i64(mc_sform_payoff(sf, i + (uint64_t)j * m, 0), A[i * n + j]);
            mc_q_set_i64(mc_sform_payoff(sf, i + (uint64_t)j * m, 1), B[i * n + j]);
        }
    ck_assert_int_eq(mc_sform_outcomes_from_payoffs(sf, &err), MC_OK);
}

/* Spec 000 fixture F1: HOPE-FOR-THE-BEST, n = 2, Omega = (bot, w),
 * TV = (2, 4), discount 1/10, each player reports (v1, v2) in {0..5}^2 as
 * strategy v1 * 6 + v2.  Agreement on v != (0,0): outcome w, prices
 * v_i - 1/10, so u_i = TV_i - v_i + 1/10; otherwise (bot, 0). */
#define F1_GRID 6
static inline void mc_test_f1(mc_sform *sf)
{
    uint32_t ns[2] = {F1_GRID * F1_GRID, F1_GRID * F1_GRID};
    const int64_t tv[2] = {2, 4};
    mc_error err;
    ck_assert_int_eq(mc_sform_init(sf, 2, ns, false, 0, &err), MC_OK);
    for (uint32_t r1 = 0; r1 < ns[0]; r1++)
        for (uint32_t r2 = 0; r2 < ns[1]; r2++) {
            uint64_t p = r1 + (uint64_t)r2 * ns[0];
            if (r1 != r2 || r1 == 0)
                continue; /* (bot, 0): payoffs stay 0 */
            int64_t v[2] = {r1 / F1_GRID, r1 % F1_GRID};
            for (unsigned i = 0; i < 2; i++)
                ck_assert_int_eq(mc_q_set_frac(mc_sform_payoff(sf, p, i), 10 * (tv[i] - v[i]) + 1, 10),
                                 MC_OK);
        }
    ck_assert_int_eq(mc_sform_outcomes_from_payoffs(sf, &err), MC_OK);
}

/* Deterministic generator for the randomized cross-checks. */
static inline uint64_t mc_test_rand(uint64_t *state)
{
    *state = *state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
    return *state >> 33;
}

#endif

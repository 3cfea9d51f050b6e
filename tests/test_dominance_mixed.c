/* Dominance by mixed strategies (exact LPs): textbook cases decided by hand,
 * weak versus strict and "equal is not dominating", the LP against a
 * brute-force grid of mixtures on random games, planted dominations with
 * fractions and big numbers, the witness re-check, and iterated elimination
 * where mixed and pure dominators give different results. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dominance_testutil.h"

/* Asks the LP hook about row s of agent 0 with every strategy surviving. */
static bool ask(const mc_sform *sf, mc_dom_notion notion, uint32_t s, mc_dom_lp *ctx,
                mc_dom_mixture *mix)
{
    mc_survivors sv;
    mc_error err;
    ck_assert_int_eq(mc_survivors_init(&sv, sf, &err), MC_OK);
    bool dominated = true;
    mc_status st = mc_dom_mixed_lp(ctx, sf, &sv, notion, 0, s, &dominated, mix, &err);
    ck_assert_msg(st == MC_OK, "mixed LP: %s", err.msg);
    if (dominated && mix) {
        bool again = false;
        ck_assert_int_eq(mc_dom_mixture_check(sf, &sv, notion, 0, s, mix, &again, &err), MC_OK);
        ck_assert(again);
    }
    mc_survivors_free(&sv);
    return dominated;
}

/* Rows (3,0), (0,3), (1,1) against two columns: the third row is dominated
 * by no pure row, but strictly by 1/2-1/2 (payoffs 3/2, 3/2).  The strict LP
 * maximises eps = min(3 s0, 3 s1) - 1: the unique optimum is 1/2-1/2. */
START_TEST(test_textbook_strict)
{
    static const int64_t A[] = {3, 0, 0, 3, 1, 1}, B[] = {0, 0, 0, 0, 0, 0};
    mc_sform sf;
    mc_test_bimatrix(&sf, 3, 2, A, B);
    mc_dom_lp ctx;
    mc_dom_lp_init(&ctx);
    mc_dom_mixture mix = {0};
    ck_assert(ask(&sf, MC_DOM_STRICT, 2, &ctx, &mix));
    ck_assert_uint_eq(mix.n, 2);
    ck_assert_uint_eq(mix.strategy[0], 0);
    ck_assert_uint_eq(mix.strategy[1], 1);
    ck_assert_q_str(&mix.prob[0], "1/2");
    ck_assert_q_str(&mix.prob[1], "1/2");
    mc_dom_mixture_free(&mix);
    ck_assert(ask(&sf, MC_DOM_WEAK, 2, &ctx, &mix)); /* strict implies weak */
    mc_dom_mixture_free(&mix);
    /* the pure rows are best responses to a column: the pre-test answers */
    ck_assert(!ask(&sf, MC_DOM_STRICT, 0, &ctx, &mix));
    ck_assert(!ask(&sf, MC_DOM_WEAK, 1, &ctx, &mix));
    ck_assert_uint_eq(mix.n, 0);
    ck_assert_uint_eq(ctx.asked, 4);
    ck_assert_uint_eq(ctx.lps, 2);
    ck_assert_uint_eq(ctx.pretested, 2);
    ck_assert_uint_eq(ctx.dominated, 2);
    /* with (1,1) raised to (3/2,3/2) the mixture only ties: not dominated */
    mc_q_set_frac(mc_sform_payoff(&sf, 2, 0), 3, 2);
    mc_q_set_frac(mc_sform_payoff(&sf, 2 + 3, 0), 3, 2);
    ck_assert(!ask(&sf, MC_DOM_STRICT, 2, &ctx, NULL));
    ck_assert(!ask(&sf, MC_DOM_WEAK, 2, &ctx, NULL));
    /* (1, 3/2 + 1/1000): needs s1 >= 1/2 + 1/3000, s0 >= 1/3: strictly
     * dominated, with slack 1/3000 -- below a float tolerance it would be
     * a tie at 1e-3 scale */
    mc_q_set_frac(mc_sform_payoff(&sf, 2, 0), 1, 1);
    mc_q_set_frac(mc_sform_payoff(&sf, 2 + 3, 0), 1501, 1000);
    ck_assert(ask(&sf, MC_DOM_STRICT, 2, &ctx, &mix));
    mc_dom_mixture_free(&mix);
    mc_sform_free(&sf);
}
END_TEST

/* Three columns.  A = (2,0,1), B = (0,2,1):  1/2 A + 1/2 B = (1,1,1).
 *  C1 = (1,1,1): equal to the mixture -- neither weakly nor strictly
 *                dominated (total slack 0);
 *  C2 = (1,1,0): weakly dominated by 1/2-1/2 (>= everywhere, > at column 3),
 *                not strictly (eps* = 0);
 *  C3 = (3/2,3/2,1): every column has a better pure row, but a mixture
 *                would need s0 >= 3/4 and s1 >= 3/4: the weak LP is
 *                infeasible (certified), not dominated. */
START_TEST(test_weak_vs_strict)
{
    mc_sform sf;
    uint32_t ns[2] = {3, 3};
    mc_error err;
    static const int64_t num[3][3][3] = {
        {{2, 0, 1}, {0, 2, 1}, {1, 1, 1}},
        {{2, 0, 1}, {0, 2, 1}, {1, 1, 0}},
        {{2, 0, 1}, {0, 2, 1}, {3, 3, 1}},
    };
    static const int64_t den[3][3] = {{1, 1, 1}, {1, 1, 1}, {2, 2, 1}};
    const bool weak_want[3] = {false, true, false};
    for (int c = 0; c < 3; c++) {
        ck_assert_int_eq(mc_sform_init(&sf, 2, ns, false, 0, &err), MC_OK);
        for (uint32_t i = 0; i < 3; i++)
            for (uint32_t j = 0; j < 3; j++)
                mc_q_set_frac(mc_sform_payoff(&sf, i + 3 * j, 0), num[c][i][j],
                              i == 2 ? den[c][j] : 1);
        mc_dom_lp ctx;
        mc_dom_lp_init(&ctx);
        mc_dom_mixture mix = {0};
        ck_assert_msg(ask(&sf, MC_DOM_WEAK, 2, &ctx, &mix) == weak_want[c], "case %d", c + 1);
        ck_assert_uint_eq(ctx.lps, 1); /* no pre-test decides these */
        if (weak_want[c]) {
            ck_assert_uint_eq(mix.n, 2);
            ck_assert_q_str(&mix.prob[0], "1/2");
            ck_assert_q_str(&mix.prob[1], "1/2");
        }
        mc_dom_mixture_free(&mix);
        ck_assert(!ask(&sf, MC_DOM_STRICT, 2, &ctx, NULL));
        mc_sform_free(&sf);
    }
}
END_TEST

/* The re-check refuses malformed witnesses and judges real ones. */
START_TEST(test_mixture_check)
{
    static const int64_t A[] = {3, 0, 0, 3, 1, 1}, B[] = {0, 0, 0, 0, 0, 0};
    mc_sform sf;
    mc_test_bimatrix(&sf, 3, 2, A, B);
    mc_survivors sv;
    mc_error err;
    ck_assert_int_eq(mc_survivors_init(&sv, &sf, &err), MC_OK);
    uint32_t st2[2] = {0, 1};
    mc_q p[2] = {MC_Q_ZERO, MC_Q_ZERO};
    mc_dom_mixture m = {2, st2, p};
    bool dom;
    /* 2/5 - 3/5: (6/5, 9/5) > (1, 1) */
    mc_q_set_frac(&p[0], 2, 5);
    mc_q_set_frac(&p[1], 3, 5);
    ck_assert_int_eq(mc_dom_mixture_check(&sf, &sv, MC_DOM_STRICT, 0, 2, &m, &dom, &err), MC_OK);
    ck_assert(dom);
    /* 1/3 - 2/3: (1, 2) ties at column 1: weak yes, strict no */
    mc_q_set_frac(&p[0], 1, 3);
    mc_q_set_frac(&p[1], 2, 3);
    ck_assert_int_eq(mc_dom_mixture_check(&sf, &sv, MC_DOM_STRICT, 0, 2, &m, &dom, &err), MC_OK);
    ck_assert(!dom);
    ck_assert_int_eq(mc_dom_mixture_check(&sf, &sv, MC_DOM_WEAK, 0, 2, &m, &dom, &err), MC_OK);
    ck_assert(dom);
    /* not summing to 1 */
    mc_q_set_frac(&p[1], 1, 3);
    ck_assert_int_eq(mc_dom_mixture_check(&sf, &sv, MC_DOM_WEAK, 0, 2, &m, &dom, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "sum to 1"));
    /* a zero weight */
    mc_q_set_i64(&p[0], 0);
    mc_q_set_i64(&p[1], 1);
    ck_assert_int_eq(mc_dom_mixture_check(&sf, &sv, MC_DOM_WEAK, 0, 2, &m, &dom, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "not positive"));
    /* s itself in the support */
    mc_q_set_frac(&p[0], 1, 2);
    mc_q_set_frac(&p[1], 1, 2);
    st2[1] = 2;
    ck_assert_int_eq(mc_dom_mixture_check(&sf, &sv, MC_DOM_WEAK, 0, 2, &m, &dom, &err), MC_EINPUT);
    /* an eliminated strategy in the support */
    st2[1] = 1;
    mc_survivors_remove(&sv, 0, 1);
    ck_assert_int_eq(mc_dom_mixture_check(&sf, &sv, MC_DOM_WEAK, 0, 2, &m, &dom, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "strategy 2"));
    /* DD is pure against pure */
    mc_survivors_add(&sv, 0, 1);
    ck_assert_int_eq(mc_dom_mixture_check(&sf, &sv, MC_DOM_DISTINGUISHABLE, 0, 2, &m, &dom, &err),
                     MC_EUNSUPPORTED);
    ck_assert_int_eq(mc_dom_mixed_lp(NULL, &sf, &sv, MC_DOM_DISTINGUISHABLE, 0, 2, &dom, NULL,
                                     &err),
                     MC_EUNSUPPORTED);
    /* a non-surviving s */
    mc_survivors_remove(&sv, 0, 2);
    ck_assert_int_eq(mc_dom_mixed_lp(NULL, &sf, &sv, MC_DOM_STRICT, 0, 2, &dom, NULL, &err),
                     MC_EINPUT);
    mc_q_clear(&p[0]);
    mc_q_clear(&p[1]);
    mc_survivors_free(&sv);
    mc_sform_free(&sf);
}
END_TEST

/* ---- the LP against a brute-force grid ------------------------------------- */

#define GRID 24

/* Does the grid mixture w/GRID over rows 1..m (row 0 is s) dominate row 0
 * of the m+1 x k matrix u (row-major)?  Exact: integers scaled by GRID. */
static bool grid_dominates(const int64_t *u, int m, int k, const int *w, mc_dom_notion notion)
{
    bool somewhere = false;
    for (int t = 0; t < k; t++) {
        int64_t v = 0;
        for (int i = 0; i < m; i++)
            v += w[i] * u[(i + 1) * k + t];
        int64_t us = GRID * u[t];
        if (notion == MC_DOM_STRICT ? v <= us : v < us)
            return false;
        somewhere |= v > us;
    }
    return somewhere;
}

/* Every grid point of the simplex over m rows (m <= 3). */
static bool grid_search(const int64_t *u, int m, int k, mc_dom_notion notion)
{
    int w[3];
    for (w[0] = 0; w[0] <= GRID; w[0]++) {
        if (m == 1) {
            if (w[0] != GRID)
                continue;
            if (grid_dominates(u, m, k, w, notion))
                return true;
            continue;
        }
        for (w[1] = 0; w[0] + w[1] <= GRID; w[1]++) {
            if (m == 2) {
                if (w[0] + w[1] != GRID)
                    continue;
                if (grid_dominates(u, m, k, w, notion))
                    return true;
                continue;
            }
            w[2] = GRID - w[0] - w[1];
            if (grid_dominates(u, m, k, w, notion))
                return true;
        }
    }
    return false;
}

/* The other direction (the LP's dual): if s is a best response (among all
 * rows) to some belief over the k columns, no mixture strictly dominates
 * it; if to a belief with full support, none weakly dominates it.  Beliefs
 * on the grid b / GRID, b_t >= min_weight. */
static bool belief_search(const int64_t *u, int m, int k, int min_weight)
{
    int b[4];
    for (b[0] = 0; b[0] <= GRID; b[0]++)
        for (b[1] = 0; b[0] + b[1] <= GRID; b[1]++)
            for (b[2] = 0; b[0] + b[1] + b[2] <= GRID; b[2]++) {
                b[3] = GRID - b[0] - b[1] - b[2];
                bool ok = true; /* columns >= k get nothing, the others enough */
                for (int t = 0; t < 4; t++)
                    ok &= t < k ? b[t] >= min_weight : b[t] == 0;
                if (!ok)
                    continue;
                int64_t vs = 0;
                for (int t = 0; t < k; t++)
                    vs += b[t] * u[t];
                bool best = true;
                for (int i = 1; i <= m && best; i++) {
                    int64_t v = 0;
                    for (int t = 0; t < k; t++)
                        v += b[t] * u[i * k + t];
                    best = v <= vs;
                }
                if (best)
                    return true;
            }
    return false;
}

START_TEST(test_random_vs_grid)
{
    uint64_t rng = 20240917;
    int grid_hits[2] = {0, 0}, lp_only[2] = {0, 0}, best_hits[2] = {0, 0};
    for (int iter = 0; iter < 300; iter++) {
        int m = 2 + (int)(mc_test_rand(&rng) % 2); /* other rows: 2 or 3 */
        int k = 2 + (int)(mc_test_rand(&rng) % 3); /* columns: 2..4 */
        int64_t u[4 * 4];
        for (int t = 0; t < k; t++)
            u[t] = (int64_t)(mc_test_rand(&rng) % 7); /* s is a little weaker */
        for (int i = 1; i <= m; i++)
            for (int t = 0; t < k; t++)
                u[i * k + t] = (int64_t)(mc_test_rand(&rng) % 10);
        mc_sform sf;
        uint32_t ns[2] = {(uint32_t)m + 1, (uint32_t)k};
        mc_error err;
        ck_assert_int_eq(mc_sform_init(&sf, 2, ns, false, 0, &err), MC_OK);
        for (int i = 0; i <= m; i++)
            for (int t = 0; t < k; t++)
                mc_q_set_i64(mc_sform_payoff(&sf, (uint64_t)i + (uint64_t)t * (m + 1), 0),
                             u[i * k + t]);
        for (int notion = MC_DOM_STRICT; notion <= MC_DOM_WEAK; notion++) {
            bool grid = grid_search(u, m, k, (mc_dom_notion)notion);
            mc_dom_mixture mix = {0};
            bool lp = ask(&sf, (mc_dom_notion)notion, 0, NULL, &mix); /* re-checks mix */
            ck_assert_msg(!grid || lp, "iteration %d: the grid dominates, the LP does not", iter);
            bool best = belief_search(u, m, k, notion == MC_DOM_STRICT ? 0 : 1);
            ck_assert_msg(!best || !lp,
                          "iteration %d: s is a best response to a belief, the LP says %s-dominated",
                          iter, mc_dom_notion_name((mc_dom_notion)notion));
            best_hits[notion] += best;
            if (lp) {
                ck_assert_uint_ge(mix.n, 1);
                for (uint32_t i = 0; i < mix.n; i++)
                    ck_assert_uint_ne(mix.strategy[i], 0);
            }
            grid_hits[notion] += grid;
            lp_only[notion] += lp && !grid;
            mc_dom_mixture_free(&mix);
        }
        mc_sform_free(&sf);
    }
    /* the cross-check is not vacuous */
    ck_assert_int_ge(grid_hits[MC_DOM_STRICT], 20);
    ck_assert_int_ge(grid_hits[MC_DOM_WEAK], grid_hits[MC_DOM_STRICT]);
    ck_assert_int_ge(best_hits[MC_DOM_STRICT], 20);
    ck_assert_int_ge(best_hits[MC_DOM_WEAK], 20);
    /* the two grids between them settle almost every case independently
     * (seed 20240917: strict 142 + 158 = 300, weak 177 + 118 = 295), and
     * the LP never finds a domination the grid misses here */
    ck_assert_int_ge(grid_hits[MC_DOM_STRICT] + best_hits[MC_DOM_STRICT], 290);
    ck_assert_int_ge(grid_hits[MC_DOM_WEAK] + best_hits[MC_DOM_WEAK], 285);
    ck_assert_int_le(lp_only[MC_DOM_STRICT] + lp_only[MC_DOM_WEAK], 10);
}
END_TEST

/* Dominance planted through a mixture with fractional weights, on payoffs
 * with big numerators and fractions (past the int64 fast path): s's row is
 * the mixture's payoffs minus a positive gap (strict) or minus a gap at one
 * column only (weak, not strict).  The LP must find both. */
START_TEST(test_planted_big)
{
    uint64_t rng = 77;
    mc_q big = MC_Q_ZERO, tmp = MC_Q_ZERO;
    mc_error err;
    ck_assert_int_eq(mc_q_parse(&big, "123456789012345678901234567890/7", (size_t)-1, &err), MC_OK);
    for (int iter = 0; iter < 20; iter++) {
        const uint32_t m = 4, k = 5; /* rows 0..3 the support, row 4 = s */
        uint32_t ns[2] = {m + 1, k};
        mc_sform sf;
        ck_assert_int_eq(mc_sform_init(&sf, 2, ns, false, 0, &err), MC_OK);
        int64_t wnum[4], wsum = 0;
        for (uint32_t i = 0; i < m; i++)
            wsum += wnum[i] = 1 + (int64_t)(mc_test_rand(&rng) % 5);
        for (uint32_t t = 0; t < k; t++) {
            mc_q *us = mc_sform_payoff(&sf, m + (uint64_t)t * (m + 1), 0);
            for (uint32_t i = 0; i < m; i++) {
                mc_q *u = mc_sform_payoff(&sf, i + (uint64_t)t * (m + 1), 0);
                mc_q_set_frac(&tmp, (int64_t)(mc_test_rand(&rng) % 1000) - 500, 3);
                mc_q_add(u, &big, &tmp); /* big + small fraction */
                mc_q_set_frac(&tmp, wnum[i], wsum);
                mc_q_addmul(us, &tmp, u);
            }
        }
        /* column 0: every row pays big, s too: no mixture beats s there, so
         * s is never strictly dominated (the pre-test sees it) */
        for (uint32_t i = 0; i <= m; i++)
            mc_q_set(mc_sform_payoff(&sf, i, 0), &big);
        /* weak case: subtract 1/10^9 at column 2 only */
        mc_q_set_frac(&tmp, 1, 1000000000);
        mc_q *u2 = mc_sform_payoff(&sf, m + 2 * (uint64_t)(m + 1), 0);
        mc_q_sub(u2, u2, &tmp);
        mc_dom_lp ctx;
        mc_dom_lp_init(&ctx);
        mc_dom_mixture mix = {0};
        ck_assert(ask(&sf, MC_DOM_WEAK, m, &ctx, &mix));
        mc_dom_mixture_free(&mix);
        ck_assert(!ask(&sf, MC_DOM_STRICT, m, &ctx, NULL));
        ck_assert_uint_eq(ctx.pretested, 1);
        /* strict case: subtract 1/10^12 everywhere (column 0 too) */
        mc_q_set_frac(&tmp, 1, 1000000000000);
        for (uint32_t t = 0; t < k; t++) {
            mc_q *u = mc_sform_payoff(&sf, m + (uint64_t)t * (m + 1), 0);
            mc_q_sub(u, u, &tmp);
        }
        ck_assert(ask(&sf, MC_DOM_STRICT, m, NULL, &mix));
        mc_dom_mixture_free(&mix);
        mc_sform_free(&sf);
    }
    mc_q_clear(&big);
    mc_q_clear(&tmp);
}
END_TEST

/* ---- iterated elimination ------------------------------------------------------ */

/* Row payoffs U = (3,0), M = (0,3), D = (1,1); column payoffs L = (1,1,0),
 * R = (0,0,2) over rows U, M, D.  Pure dominators remove nothing.  Mixed:
 * round 1 D goes (1/2 U + 1/2 M); round 2 R goes (L: (1,1) > (0,0));
 * round 3 M goes (U: 3 > 0).  Result (U, L). */
static const int64_t IT_A[] = {3, 0, 0, 3, 1, 1}, IT_B[] = {1, 0, 1, 0, 0, 2};

static void assert_half_half(const mc_dom_mixture *m);

/* Strict: the eps-maximising mixture is unique.  Weak: the LP's objective
 * (3 s_U + 3 s_M - 2 = 1) is constant, so any feasible vertex may come back:
 * re-check it against the full game (the state of round 1) instead. */
static void assert_round1_mixture(const mc_sform *sf, mc_dom_notion notion,
                                  const mc_dom_mixture *m)
{
    if (notion == MC_DOM_WEAK) {
        mc_survivors full;
        mc_error err;
        bool ok = false;
        ck_assert_int_eq(mc_survivors_init(&full, sf, &err), MC_OK);
        ck_assert_int_eq(mc_dom_mixture_check(sf, &full, notion, 0, 2, m, &ok, &err), MC_OK);
        ck_assert(ok);
        mc_survivors_free(&full);
        return;
    }
    assert_half_half(m);
}

static void assert_half_half(const mc_dom_mixture *m)
{
    ck_assert_uint_eq(m->n, 2);
    ck_assert_uint_eq(m->strategy[0], 0);
    ck_assert_uint_eq(m->strategy[1], 1);
    ck_assert_q_str(&m->prob[0], "1/2");
    ck_assert_q_str(&m->prob[1], "1/2");
}

START_TEST(test_iterated_mixed_vs_pure)
{
    mc_sform sf;
    mc_dom_game dg;
    mc_error err;
    mc_test_bimatrix(&sf, 3, 2, IT_A, IT_B);
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    for (int notion = MC_DOM_STRICT; notion <= MC_DOM_WEAK; notion++) {
        mc_dom_options opt;
        mc_dom_options_default(&opt, (mc_dom_notion)notion, MC_DOM_ROUNDS);
        mc_dom_result r;
        ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
        ck_assert_uint_eq(r.ntrace, 0);
        assert_surv(&r.survivors, 0, "1,2,3");
        assert_surv(&r.survivors, 1, "1,2");
        mc_dom_result_free(&r);

        mc_dom_lp ctx;
        mc_dom_lp_init(&ctx);
        opt.mixed = mc_dom_mixed_lp;
        opt.mixed_ctx = &ctx;
        ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
        ck_assert(r.terminal);
        assert_surv(&r.survivors, 0, "1");
        assert_surv(&r.survivors, 1, "1");
        ck_assert_uint_eq(r.ntrace, 3);
        ck_assert_uint_eq(r.ndeleting, 3);
        ck_assert_uint_eq(r.trace[0].round, 1);
        ck_assert_uint_eq(r.trace[0].agent, 0);
        ck_assert_uint_eq(r.trace[0].strategy, 2);
        ck_assert_uint_eq(r.trace[0].dominator, MC_DOM_MIXED);
        assert_round1_mixture(&sf, (mc_dom_notion)notion, &r.trace[0].mixture);
        ck_assert_uint_eq(r.trace[1].round, 2);
        ck_assert_uint_eq(r.trace[1].agent, 1);
        ck_assert_uint_eq(r.trace[1].strategy, 1);
        ck_assert_uint_eq(r.trace[1].dominator, 0);
        ck_assert_uint_eq(r.trace[1].mixture.n, 0);
        ck_assert_uint_eq(r.trace[2].round, 3);
        ck_assert_uint_eq(r.trace[2].strategy, 1);
        ck_assert_uint_eq(r.trace[2].dominator, 0);
        ck_assert_uint_ge(ctx.lps, 1);
        ck_assert_uint_eq(ctx.dominated, 1);
        mc_dom_result_free(&r);

        /* alternating, column player first: its pass finds nothing, then D */
        opt.order = MC_DOM_ALTERNATING;
        opt.first_agent = 1;
        ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
        assert_surv(&r.survivors, 0, "1");
        assert_surv(&r.survivors, 1, "1");
        ck_assert_uint_eq(r.trace[0].round, 2);
        assert_round1_mixture(&sf, (mc_dom_notion)notion, &r.trace[0].mixture);
        mc_dom_result_free(&r);

        /* given: D (mixed), R, M; M first is refused (not dominated yet) */
        mc_dom_elim given[3] = {{0, 2}, {1, 1}, {0, 1}};
        opt.order = MC_DOM_GIVEN;
        opt.given = given;
        opt.ngiven = 3;
        ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
        ck_assert(r.terminal);
        assert_round1_mixture(&sf, (mc_dom_notion)notion, &r.trace[0].mixture);
        ck_assert_uint_eq(r.trace[2].dominator, 0);
        mc_dom_result_free(&r);
        mc_dom_elim wrong[1] = {{0, 1}};
        opt.given = wrong;
        opt.ngiven = 1;
        ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_EINPUT);
        ck_assert_ptr_nonnull(strstr(err.msg, "step 1"));
        mc_dom_result_free(&r);

        /* all orders: one result; its path carries the mixture */
        opt.order = MC_DOM_ALL_ORDERS;
        ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
        ck_assert_uint_eq(r.nends, 1);
        ck_assert(r.order_independent);
        ck_assert_uint_eq(r.ends[0].npath, 3);
        ck_assert_uint_eq(r.ends[0].path[0].dominator, MC_DOM_MIXED);
        assert_round1_mixture(&sf, (mc_dom_notion)notion, &r.ends[0].path[0].mixture);
        ck_assert_uint_eq(r.ends[0].path[1].mixture.n, 0);
        mc_dom_result_free(&r);
    }
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
}
END_TEST

/* mc_dom_verify replays a result and refuses a tampered witness. */
START_TEST(test_verify_tampered)
{
    mc_sform sf;
    mc_dom_game dg;
    mc_error err;
    mc_test_bimatrix(&sf, 3, 2, IT_A, IT_B);
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    mc_dom_options opt;
    mc_dom_options_default(&opt, MC_DOM_STRICT, MC_DOM_ROUNDS);
    opt.mixed = mc_dom_mixed_lp;
    mc_dom_result r;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
    ck_assert_int_eq(mc_dom_verify(&dg, NULL, &r, &err), MC_OK);
    /* 1/2-1/2 -> 1/4-3/4: (3/4, 9/4) is not > (1, 1) */
    mc_q_set_frac(&r.trace[0].mixture.prob[0], 1, 4);
    mc_q_set_frac(&r.trace[0].mixture.prob[1], 3, 4);
    ck_assert_int_eq(mc_dom_verify(&dg, NULL, &r, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "step 1"));
    mc_q_set_frac(&r.trace[0].mixture.prob[0], 1, 2);
    mc_q_set_frac(&r.trace[0].mixture.prob[1], 1, 2);
    ck_assert_int_eq(mc_dom_verify(&dg, NULL, &r, &err), MC_OK);
    /* step 3 (M by U) judged in round 3; claim it was dominated by D */
    r.trace[2].dominator = 2;
    ck_assert_int_eq(mc_dom_verify(&dg, NULL, &r, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "step 3"));
    r.trace[2].dominator = 0;
    /* R by L is true only once D is gone: moving it to round 1 fails */
    r.trace[1].round = 1;
    ck_assert_int_eq(mc_dom_verify(&dg, NULL, &r, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "step 2"));
    r.trace[1].round = 2;
    /* survivors that the steps do not produce */
    mc_survivors_add(&r.survivors, 0, 1);
    ck_assert_int_eq(mc_dom_verify(&dg, NULL, &r, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "reported survivors"));
    mc_dom_result_free(&r);

    /* all orders: every end's path is replayed */
    opt.order = MC_DOM_ALL_ORDERS;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
    ck_assert_int_eq(mc_dom_verify(&dg, NULL, &r, &err), MC_OK);
    mc_dom_mixture_free(&r.ends[0].path[0].mixture);
    ck_assert_int_eq(mc_dom_verify(&dg, NULL, &r, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "without its mixture"));
    mc_dom_result_free(&r);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
}
END_TEST

/* Mixed dominators change order dependence.  Rows U, D; columns L, M, R.
 * Row payoffs U = (1,1,0), D = (1,1,1); column payoffs over (U, D):
 * L = (3,0), M = (0,3), R = (1,1).
 * R is strictly dominated by 1/2 L + 1/2 M (3/2 > 1 twice) and by no pure
 * column; U is weakly dominated by D (tie at L, M; 0 < 1 at R).
 *  - weak, mixed: from the start U or R can go.  U first: against D alone
 *    L = 0, M = 3, R = 1, so L and R go (either order) -> {D} x {M}.  R
 *    first: U and D tie at L, M (nothing for the rows), L and M do not
 *    compare -> {U, D} x {L, M}.  Two results.
 *  - weak, pure: only U can go first -> {D} x {M}.  One result.
 *  - strict, mixed: only R can go (U is not strictly dominated), then
 *    nothing -> {U, D} x {L, M}. */
static const int64_t OD_A[] = {1, 1, 0, 1, 1, 1}, OD_B[] = {3, 0, 1, 0, 3, 1};

START_TEST(test_all_orders_mixed)
{
    mc_sform sf;
    mc_dom_game dg;
    mc_error err;
    mc_test_bimatrix(&sf, 2, 3, OD_A, OD_B);
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    mc_dom_options opt;
    mc_dom_options_default(&opt, MC_DOM_WEAK, MC_DOM_ALL_ORDERS);
    opt.mixed = mc_dom_mixed_lp;
    mc_dom_result r;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
    ck_assert_uint_eq(r.nends, 2);
    ck_assert(!r.order_independent);
    /* depth first, agents then strategies ascending: U first is found first */
    assert_surv(&r.ends[0].survivors, 0, "2");
    assert_surv(&r.ends[0].survivors, 1, "2");
    ck_assert_uint_eq(r.ends[0].npath, 3);
    assert_surv(&r.ends[1].survivors, 0, "1,2");
    assert_surv(&r.ends[1].survivors, 1, "1,2");
    ck_assert_uint_eq(r.ends[1].npath, 1);
    const mc_dom_step *st = &r.ends[1].path[0];
    ck_assert_uint_eq(st->agent, 1);
    ck_assert_uint_eq(st->strategy, 2);
    ck_assert_uint_eq(st->dominator, MC_DOM_MIXED);
    /* the weak LP's objective is constant here (3 s_L + 3 s_M - 2): any
     * s_L, s_M >= 1/3 is optimal; check the witness, not its vertex */
    mc_survivors full;
    ck_assert_int_eq(mc_survivors_init(&full, &sf, &err), MC_OK);
    bool ok = false;
    ck_assert_int_eq(mc_dom_mixture_check(&sf, &full, MC_DOM_WEAK, 1, 2, &st->mixture, &ok, &err),
                     MC_OK);
    ck_assert(ok);
    ck_assert_uint_eq(st->mixture.n, 2);
    mc_dom_result_free(&r);

    opt.mixed = NULL;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
    ck_assert_uint_eq(r.nends, 1);
    assert_surv(&r.ends[0].survivors, 0, "2");
    assert_surv(&r.ends[0].survivors, 1, "2");
    mc_dom_result_free(&r);

    opt.notion = MC_DOM_STRICT;
    opt.mixed = mc_dom_mixed_lp;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
    ck_assert_uint_eq(r.nends, 1);
    assert_surv(&r.ends[0].survivors, 0, "1,2");
    assert_surv(&r.ends[0].survivors, 1, "1,2");
    /* strict: the eps-maximising mixture is unique, 1/2-1/2 */
    ck_assert_uint_eq(r.ends[0].path[0].mixture.n, 2);
    ck_assert_q_str(&r.ends[0].path[0].mixture.prob[0], "1/2");
    mc_dom_result_free(&r);
    mc_survivors_free(&full);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
}
END_TEST

Suite *mc_suite_dominance_mixed(void)
{
    Suite *s = suite_create("dominance_mixed");
    TCase *tc = tcase_create("lp");
    tcase_set_timeout(tc, getenv("MC_SANITIZED") ? 60 : 20);
    tcase_add_test(tc, test_textbook_strict);
    tcase_add_test(tc, test_weak_vs_strict);
    tcase_add_test(tc, test_mixture_check);
    tcase_add_test(tc, test_random_vs_grid);
    tcase_add_test(tc, test_planted_big);
    tcase_add_test(tc, test_iterated_mixed_vs_pure);
    tcase_add_test(tc, test_all_orders_mixed);
    tcase_add_test(tc, test_verify_tampered);
    suite_add_tcase(s, tc);
    return s;
}

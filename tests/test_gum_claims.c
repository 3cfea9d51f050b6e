/* Seed 004: guarantees (DP vs LP vs saddle certificate) against spec R2-R4,
 * identities between mechanisms (BTM = GUM where the spec says they
 * coincide, footnote 21, eq. 38, App H's Shapley form), hand-computed
 * pivot-mechanism numbers, an independent re-derivation of App D, and the
 * claims' verdicts on the default instances. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "claim/gum_checks.h"
#include "claim_testutil.h"
#include "testutil.h"

static void setup_from(mc_gum_setup *s, const char *const *kv)
{
    mc_instance in;
    mc_error err;
    mc_test_instance(&in, kv);
    ck_assert_msg(mc_gum_setup_read(s, &in, &err) == MC_OK, "%s", err.msg);
    mc_instance_free(&in);
}

static void vec(char *buf, size_t cap, const mc_q *v, unsigned n)
{
    mc_gum_vec_str(v, n, buf, cap);
}

/* Guarantee vectors: (A) min, (A) max, exact maximin. */
static void guarantees(const mc_gum_setup *s, bool past, char *amin, char *amax, char *val,
                       size_t cap)
{
    mc_gum_guar_opts o;
    mc_gum_guar_opts_default(&o);
    o.past = past;
    unsigned n = s->env.n;
    mc_q lo[MC_GUM_MAX_AGENTS], hi[MC_GUM_MAX_AGENTS], v[MC_GUM_MAX_AGENTS];
    mc_q_init_vec(lo, n);
    mc_q_init_vec(hi, n);
    mc_q_init_vec(v, n);
    mc_error err;
    for (unsigned i = 1; i <= n; i++) {
        mc_gum_guar g;
        mc_gum_guar_init(&g);
        ck_assert_msg(mc_gum_guarantee(s, i, &o, &g, &err) == MC_OK, "%s", err.msg);
        ck_assert(g.certified);
        ck_assert(g.lp_status == MC_LP_OPTIMAL_CERTIFIED);
        /* the LP's value and the certified value agree; the truthful
         * guarantee is a lower bound of the maximin */
        ck_assert(mc_q_eq(&g.lp_value, &g.value));
        ck_assert(mc_q_cmp(&g.amin, &g.value) <= 0);
        mc_q_set(&lo[i - 1], &g.amin);
        mc_q_set(&hi[i - 1], &g.amax);
        mc_q_set(&v[i - 1], &g.value);
        mc_gum_guar_free(&g);
    }
    vec(amin, cap, lo, n);
    vec(amax, cap, hi, n);
    vec(val, cap, v, n);
    mc_q_clear_vec(lo, n);
    mc_q_clear_vec(hi, n);
    mc_q_clear_vec(v, n);
}

START_TEST(test_r4_guarantees)
{
    static const char *const gum[] = {"env=r4", NULL}, *const btm[] = {"env=r4", "mech=btm", NULL};
    char a[256], b[256], c[256];
    mc_gum_setup s;
    setup_from(&s, gum);
    guarantees(&s, false, a, b, c, sizeof a);
    ck_assert_str_eq(a, "(26, 26, -51)");
    ck_assert_str_eq(b, "(26, 26, -51)");
    ck_assert_str_eq(c, "(26, 26, -51)");
    guarantees(&s, true, a, b, c, sizeof a); /* eq. (45) */
    ck_assert_str_eq(c, "(26, 26, -51)");
    mc_q v = MC_Q_ZERO;
    mc_error err;
    ck_assert_int_eq(mc_gum_coalition_max(&s, 3, &v, &err), MC_OK);
    ck_assert_q_str(&v, "52"); /* = Upsilon^b + Upsilon^r (eq. 19) */
    mc_gum_setup_free(&s);
    setup_from(&s, btm);
    guarantees(&s, false, a, b, c, sizeof a);
    ck_assert_str_eq(a, "(-25/2, -25/2, -193)");
    ck_assert_str_eq(b, "(129/2, 129/2, 14)");
    ck_assert_str_eq(c, "(19/2, 19/2, -193)");
    guarantees(&s, true, a, b, c, sizeof a);
    ck_assert_str_eq(c, "(19/2, 19/2, -193)");
    ck_assert_int_eq(mc_gum_coalition_max(&s, 3, &v, &err), MC_OK);
    ck_assert_q_str(&v, "177");
    mc_q_clear(&v);
    mc_gum_setup_free(&s);
}
END_TEST

START_TEST(test_r2_r3_maximin)
{
    static const char *const agv[] = {"env=app-e3", "mech=agv", NULL},
                             *const gum[] = {"env=app-e3", NULL};
    char a[256], b[256], c[256];
    mc_gum_setup s;
    setup_from(&s, agv);
    guarantees(&s, false, a, b, c, sizeof a);
    ck_assert_str_eq(c, "(9, -7/4, -101/4)");
    mc_gum_setup_free(&s);
    setup_from(&s, gum);
    guarantees(&s, false, a, b, c, sizeof a);
    ck_assert_str_eq(c, "(13, 5/2, -10)");
    mc_gum_setup_free(&s);
}
END_TEST

/* GUM on random environments: LP = DP min = DP max = Upsilon for every
 * agent; with N = 2 and V0, BTM's guarantees are the same (spec 6). */
START_TEST(test_random_lp_vs_dp)
{
    for (int seed = 1; seed <= 4; seed++) {
        char sd[32];
        snprintf(sd, sizeof sd, "seed=%d", seed);
        const char *const g3[] = {"env=random", "n=3", "T=2", sd, NULL};
        const char *const b2[] = {"env=random", "n=2", "T=2", "mech=btm", sd, NULL};
        const char *const u2[] = {"env=random", "n=2", "T=2", sd, NULL};
        char a[256], b[256], c[256], up[256];
        mc_gum_setup s;
        setup_from(&s, g3);
        guarantees(&s, false, a, b, c, sizeof a);
        vec(up, sizeof up, &s.pol.F[0][0], s.env.n);
        ck_assert_str_eq(a, up);
        ck_assert_str_eq(b, up);
        ck_assert_str_eq(c, up);
        mc_gum_setup_free(&s);
        char cg[256];
        setup_from(&s, u2);
        guarantees(&s, false, a, b, cg, sizeof a);
        mc_gum_setup_free(&s);
        setup_from(&s, b2);
        guarantees(&s, false, a, b, c, sizeof a);
        vec(up, sizeof up, &s.pol.F[0][0], s.env.n);
        ck_assert_str_eq(c, cg);
        ck_assert_str_eq(a, up);
        ck_assert_str_eq(b, up);
        mc_gum_setup_free(&s);
    }
}
END_TEST

/* Eq. (38): the first agent of the order pays the same total in GUM and
 * BTM (no public state: both reveal only that agent); footnote 21: with one
 * agent's fresh randomness per period, BTM's externality is additive. */
START_TEST(test_btm_gum_identities)
{
    static const char *const kv[] = {"env=random", "n=3", "T=2", "seed=6", NULL};
    mc_gum_setup s;
    setup_from(&s, kv);
    mc_gum_env *e = &s.env;
    unsigned n = e->n;
    mc_q gg[4 * 3], gb[4 * 3], tot[3], a = MC_Q_ZERO, b = MC_Q_ZERO;
    mc_q_init_vec(gg, 12);
    mc_q_init_vec(gb, 12);
    mc_q_init_vec(tot, 3);
    mc_error err;
    for (unsigned t = 1; t <= e->T; t++)
        for (uint64_t p = 0; p < e->nstates[t - 1]; p++)
            for (uint64_t c = 0; c < e->nstates[t]; c++) {
                ck_assert_int_eq(mc_gum_externalities(e, &s.pol, NULL, t, p, c, gg, NULL, &err),
                                 MC_OK);
                ck_assert_int_eq(mc_gum_btm_externalities(e, &s.pol, t, p, c, gb, &err), MC_OK);
                mc_q_set_i64(&a, 0);
                mc_q_set_i64(&b, 0);
                for (unsigned j = 1; j < n; j++) {
                    mc_q_add(&a, &a, &gg[1 * n + j]);
                    mc_q_add(&b, &b, &gb[1 * n + j]);
                }
                ck_assert(mc_q_eq(&a, &b));
            }
    /* eq. (37): with several fresh agents BTM's externality is not additive */
    uint64_t nonadditive = 0;
    for (uint64_t c = 0; c < e->nstates[1]; c++) {
        ck_assert_int_eq(mc_gum_btm_externalities(e, &s.pol, 1, 0, c, gb, &err), MC_OK);
        ck_assert_int_eq(mc_gum_externalities(e, &s.pol, NULL, 1, 0, c, gg, tot, &err), MC_OK);
        for (unsigned j = 0; j < n; j++) {
            mc_q_set_i64(&a, 0);
            for (unsigned i = 1; i <= n; i++)
                mc_q_add(&a, &a, &gb[i * n + j]);
            nonadditive += !mc_q_eq(&a, &tot[j]);
        }
    }
    ck_assert_uint_gt(nonadditive, 0);
    /* one fresh agent per period: agent t at period t, the others' types
     * carried over deterministically (here: type 0) */
    for (unsigned t = 1; t <= e->T; t++)
        for (unsigned c = 1; c <= n; c++) {
            if (c == t)
                continue;
            for (uint32_t pv = 0; pv < e->ntypes[t - 1][c]; pv++)
                for (uint32_t x = 0; x < e->nx[t - 1]; x++) {
                    mc_q *v = mc_gum_trans(e, t, c, 0, pv, x);
                    for (uint32_t k = 0; k < e->ntypes[t][c]; k++)
                        mc_q_set_i64(&v[k], k == 0);
                }
        }
    mc_gum_policy_free(&s.pol);
    ck_assert_int_eq(mc_gum_policy_efficient(&s.pol, e, MC_GUM_TIE_FIRST, &err), MC_OK);
    uint64_t checked = 0, fresh_one = 0;
    for (unsigned t = 1; t <= e->T; t++)
        for (uint64_t p = 0; p < e->nstates[t - 1]; p++) {
            uint32_t th[MC_GUM_MAX_COMP];
            mc_gum_state_decode(e, t - 1, p, th);
            fresh_one += mc_gum_fresh_components(e, t, th, s.pol.chi[t - 1][p]) <= 1;
            for (uint64_t c = 0; c < e->nstates[t]; c++) {
                /* agents without fresh randomness report their predictable
                 * type (any other report is a detectable lie) */
                uint32_t ct[MC_GUM_MAX_COMP];
                mc_gum_state_decode(e, t, c, ct);
                bool predictable = true;
                for (unsigned k = 1; k <= n; k++)
                    if (k != t)
                        predictable = predictable && ct[k] == 0;
                if (!predictable)
                    continue;
                ck_assert_int_eq(mc_gum_btm_externalities(e, &s.pol, t, p, c, gb, &err), MC_OK);
                ck_assert_int_eq(mc_gum_externalities(e, &s.pol, NULL, t, p, c, gg, tot, &err),
                                 MC_OK);
                for (unsigned j = 0; j < n; j++) {
                    mc_q_set_i64(&a, 0);
                    for (unsigned i = 1; i <= n; i++)
                        mc_q_add(&a, &a, &gb[i * n + j]);
                    ck_assert(mc_q_eq(&a, &tot[j]));
                    checked++;
                }
            }
        }
    ck_assert_uint_gt(checked, 0);
    ck_assert_uint_eq(fresh_one, e->nstates[0] + e->nstates[1]);
    mc_q_clear(&a);
    mc_q_clear(&b);
    mc_q_clear_vec(gg, 12);
    mc_q_clear_vec(gb, 12);
    mc_q_clear_vec(tot, 3);
    mc_gum_setup_free(&s);
}
END_TEST

/* App H: the order-averaged GUM transfers are the Shapley form
 * y^i = sum_{j != i} Sh_i(phi_j) - sum_{j != i} Sh_j(phi_i). */
START_TEST(test_symmetric_is_shapley)
{
    static const char *const kv[] = {"env=random", "n=3", "T=2", "seed=4", "mech=gum-sym", NULL};
    mc_gum_setup s;
    setup_from(&s, kv);
    const mc_gum_env *e = &s.env;
    unsigned n = e->n;
    mc_error err;
    mc_q phi[8][3], sh[3][3], y[3], w = MC_Q_ZERO, d = MC_Q_ZERO;
    for (unsigned L = 0; L < 8; L++)
        mc_q_init_vec(phi[L], 3);
    for (unsigned j = 0; j < 3; j++)
        mc_q_init_vec(sh[j], 3);
    mc_q_init_vec(y, 3);
    static const int64_t fact[4] = {1, 1, 2, 6};
    uint32_t cur[MC_GUM_MAX_COMP];
    for (unsigned t = 1; t <= e->T; t++)
        for (uint64_t p = 0; p < e->nstates[t - 1]; p++)
            for (uint64_t c = 0; c < e->nstates[t]; c++) {
                mc_gum_state_decode(e, t, c, cur);
                /* phi(L)[i]: agents L revealed (with the public state) minus
                 * only the public state */
                for (unsigned L = 0; L < 8; L++) {
                    ck_assert_int_eq(mc_gum_reveal_value(e, &s.pol, t, p, cur, 1u | (L << 1),
                                                         phi[L], &err),
                                     MC_OK);
                }
                for (unsigned L = 7; L < 8; L--)
                    for (unsigned i = 0; i < n; i++)
                        mc_q_sub(&phi[L][i], &phi[L][i], &phi[0][i]);
                /* sh[j][i] = Sh_j(phi_i) */
                for (unsigned j = 0; j < n; j++)
                    for (unsigned i = 0; i < n; i++) {
                        mc_q_set_i64(&sh[j][i], 0);
                        for (unsigned L = 0; L < 8; L++) {
                            if ((L >> j) & 1u)
                                continue;
                            unsigned sz = (unsigned)__builtin_popcount(L);
                            mc_q_set_frac(&w, fact[sz] * fact[n - sz - 1], fact[n]);
                            mc_q_sub(&d, &phi[L | (1u << j)][i], &phi[L][i]);
                            mc_q_addmul(&sh[j][i], &w, &d);
                        }
                    }
                for (unsigned i = 0; i < n; i++) {
                    mc_q_set_i64(&y[i], 0);
                    for (unsigned j = 0; j < n; j++)
                        if (j != i) {
                            mc_q_add(&y[i], &y[i], &sh[i][j]);
                            mc_q_sub(&y[i], &y[i], &sh[j][i]);
                        }
                }
                const mc_q *ym = mc_gum_y(&s.mechs[0], t, p, c);
                for (unsigned i = 0; i < n; i++)
                    ck_assert(mc_q_eq(&y[i], &ym[i]));
            }
    for (unsigned L = 0; L < 8; L++)
        mc_q_clear_vec(phi[L], 3);
    for (unsigned j = 0; j < 3; j++)
        mc_q_clear_vec(sh[j], 3);
    mc_q_clear_vec(y, 3);
    mc_q_clear(&w);
    mc_q_clear(&d);
    mc_gum_setup_free(&s);
}
END_TEST

/* Sec. 5.2 by hand (u = theta a - a^2 per agent, X worth 0):
 *  t=2, reports (100, -100, 0): a* = 0; V^{-b} = max_a(-100a - 2a^2) = 98 at
 *  a = -1; the others get 0 at a* -> blue pays 98 (with green X: 99);
 *  t=1, reports (5, X, -2): V^{-b}_1 = max_a(-2a - a^2) + 0 = 1 (a = -1);
 *  a* = +1, the others get 0 + (-2 - 1) = -3 and V^{-b}_2 = 0 -> blue pays 4;
 *  both exit at t=1: a_1 = -1, blue's true payoff 5(-1) - 1 = -6. */
START_TEST(test_dpm_by_hand)
{
    static const char *const kv[] = {"env=dpm52", "mech=dpm", NULL};
    mc_gum_setup s;
    setup_from(&s, kv);
    const mc_gum_env *e = &s.env;
    ck_assert_q_str(&s.pol.W, "5");
    uint32_t r2[4] = {0, 0, 0, 0}, r1[4] = {0, 0, 1, 0};
    const mc_q *y = mc_gum_y(&s.mechs[0], 2, 0, mc_gum_state_index(e, 2, r2));
    ck_assert_q_str(&y[0], "-98");
    ck_assert_q_str(&y[1], "-98");
    r2[3] = 1;
    y = mc_gum_y(&s.mechs[0], 2, 0, mc_gum_state_index(e, 2, r2));
    ck_assert_q_str(&y[0], "-99");
    y = mc_gum_y(&s.mechs[0], 1, 0, mc_gum_state_index(e, 1, r1));
    ck_assert_q_str(&y[0], "-4");
    ck_assert(!s.mechs[0].balanced);
    mc_gum_play pl;
    memset(&pl, 0, sizeof pl);
    pl.reports[1][1] = pl.reports[1][2] = 1; /* X, X, -2 */
    ck_assert_int_eq(s.pol.chi[1][mc_gum_state_index(e, 1, pl.reports[1])], 0); /* a = -1 */
    for (unsigned i = 1; i <= 3; i++)
        pl.types[2][i] = i < 3 ? 1 : 0; /* 0, 0, 0 */
    for (unsigned i = 1; i <= 3; i++)
        pl.reports[2][i] = pl.types[2][i];
    mc_q u[3];
    mc_q_init_vec(u, 3);
    mc_gum_play_utility(&s.mechs[0], &pl, false, u);
    ck_assert_q_str(&u[0], "-6");
    ck_assert_q_str(&u[1], "-6");
    mc_q_clear_vec(u, 3);
    mc_gum_setup_free(&s);
}
END_TEST

/* Runs a claim on key=value words; returns the verdict, and the witness
 * (borrowed until the next call) through *w. */
static json_t *last_witness;
static mc_verdict run(const char *claim, const char *const *kv)
{
    return mc_test_verdict(claim, kv, &last_witness);
}

/* The App D tables recomputed independently (closed form (35) with factor
 * 100, exact fractions, outside mechcheck): row "always 70%" of (1/3)E gamma
 * is (0,0),(4,2),(0,0),(4,2) and cell (truthful, opposite kind) of
 * (4/3)(E U) + C is (8, -6): "preferably high" coincides with truthful red
 * and "preferably low" with the opposite kind when blue always reports 70%. */
START_TEST(test_app_d_independent)
{
    static const char *const kv[] = {"env=app-d", "mech=btm", NULL};
    ck_assert_int_eq(run("gum/example-app-d", kv), MC_FAILS);
    json_t *items = json_object_get(last_witness, "items");
    ck_assert_uint_eq(json_array_size(items), 32);
    static const char *const row70[4] = {"(0, 0)", "(4, 2)", "(0, 0)", "(4, 2)"};
    for (unsigned k = 0; k < 4; k++)
        ck_assert_str_eq(
            json_string_value(json_object_get(json_array_get(items, 8 + k), "computed")),
            row70[k]);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(items, 17), "computed")),
                     "(8, -6)");
    static const char *const n3[] = {"env=app-d", "mech=btm", "n=3", "eps=3", NULL},
                             *const n4[] = {"env=app-d", "mech=btm", "n=4", "eps=3", NULL},
                             *const n4e5[] = {"env=app-d", "mech=btm", "n=4", "eps=5", NULL};
    ck_assert_int_eq(run("gum/theorem-4", n3), MC_FAILS);
    ck_assert_int_eq(run("gum/theorem-4", n4), MC_HOLDS);
    ck_assert_int_eq(run("gum/theorem-4", n4e5), MC_FAILS);
}
END_TEST

START_TEST(test_claim_verdicts)
{
    struct {
        const char *claim;
        const char *kv[8];
        mc_verdict want;
    } cases[] = {
        {"gum/budget-balance", {"env=r4", NULL}, MC_HOLDS},
        {"gum/budget-balance", {"env=dpm52", "mech=dpm", NULL}, MC_NOT_APPLICABLE},
        {"gum/lemma-1", {"env=r4", NULL}, MC_HOLDS},
        {"gum/lemma-1", {"env=random", "seed=3", "public=2", NULL}, MC_FAILS},
        {"gum/cpgup", {"env=r4", NULL}, MC_HOLDS},
        {"gum/cpgup", {"env=r4", "mech=btm", NULL}, MC_NOT_APPLICABLE},
        {"gum/gup", {"env=app-e3", NULL}, MC_HOLDS},
        {"gum/theorem-1", {"env=r4", "info=v1", "see=both", NULL}, MC_HOLDS},
        {"gum/theorem-1", {"env=random", "seed=7", "info=v2", "see=both", NULL},
         MC_NOT_APPLICABLE},
        {"gum/proposition-1", {"env=app-e3", NULL}, MC_HOLDS},
        {"gum/proposition-2", {"env=r4", "mech=btm", NULL}, MC_HOLDS},
        {"gum/coalition-bound", {"env=r4", NULL}, MC_HOLDS},
        {"gum/theorem-2", {"env=app-e3", "mech=agv", NULL}, MC_HOLDS},
        {"gum/theorem-3",
         {"env=random", "T=1", "x=3", "umin=-3", "umax=3", "seed=234", "support=partial", "mech=agv"},
         MC_FAILS},
        {"gum/theorem-5", {"env=r4", "mech=free", NULL}, MC_HOLDS},
        {"gum/example-app-e3", {"env=app-e3", NULL}, MC_HOLDS},
        {"gum/example-5.2", {"env=dpm52", "mech=dpm", NULL}, MC_FAILS},
        {"gum/example-5.1", {"env=ex51", "T=2", "mech=btm", NULL}, MC_HOLDS},
        /* the claim's formula against the order average (test_symmetric_is_shapley
         * is a second implementation of the same formula) */
        {"gum/app-h-shapley", {"env=random", "n=3", "T=2", "public=2", "mech=gum-sym", NULL},
         MC_HOLDS},
        {"gum/app-h-shapley", {"env=random", "n=4", "T=1", "mech=gum-sym", NULL}, MC_HOLDS},
        {"gum/app-h-shapley", {"env=r4", NULL}, MC_NOT_APPLICABLE},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *kv[9];
        size_t m = 0;
        for (; m < 8 && cases[k].kv[m]; m++)
            kv[m] = cases[k].kv[m];
        kv[m] = NULL;
        mc_verdict v = run(cases[k].claim, kv);
        ck_assert_msg(v == cases[k].want, "%s case %zu: %s", cases[k].claim, k,
                      mc_verdict_name(v));
    }
    /* the martingale of App B holds node by node under GUM and breaks
     * under BTM (so the check can fail) */
    static const char *const gum[] = {"env=r4", NULL}, *const btm[] = {"env=r4", "mech=btm", NULL};
    mc_gum_setup s;
    uint64_t checked, viol;
    json_t *first;
    mc_error err;
    setup_from(&s, gum);
    ck_assert_int_eq(mc_gum_martingale(&s, &checked, &viol, &first, &err), MC_OK);
    ck_assert_uint_gt(checked, 100);
    ck_assert_uint_eq(viol, 0);
    mc_gum_setup_free(&s);
    setup_from(&s, btm);
    ck_assert_int_eq(mc_gum_martingale(&s, &checked, &viol, &first, &err), MC_OK);
    ck_assert_uint_gt(viol, 0);
    json_decref(first);
    mc_gum_setup_free(&s);
    json_decref(last_witness);
    last_witness = NULL;
}
END_TEST

/* Spec R4's period ex-post IC gains (spec 2.9). */
START_TEST(test_r4_expost_ic)
{
    static const char *const gum[] = {"env=r4", NULL}, *const btm[] = {"env=r4", "mech=btm", NULL},
                             *const dpm[] = {"env=dpm52", "mech=dpm", NULL};
    const char *const *kvs[3] = {gum, btm, dpm};
    static const char *const want[3][2][3] = {{{"8/25", "0", "0"}, {"14/5", "0", "0"}},
                                              {{"8", "8", "0"}, {"70", "70", "0"}},
                                              {{"0", "0", "0"}, {"0", "0", "0"}}};
    for (int k = 0; k < 3; k++) {
        mc_gum_setup s;
        setup_from(&s, kvs[k]);
        mc_q gain[9];
        mc_q_init_vec(gain, 9);
        json_t *rows = NULL;
        mc_error err;
        ck_assert_int_eq(mc_gum_expost_ic(&s, gain, &rows, &err), MC_OK);
        for (unsigned t = 1; t <= 2; t++)
            for (unsigned i = 0; i < 3; i++)
                ck_assert_q_str(&gain[t * 3 + i], want[k][t - 1][i]);
        if (k == 0) {
            /* where blue gains at t=1: the two profiles with equal types */
            size_t j;
            json_t *r;
            unsigned at1 = 0;
            json_array_foreach (rows, j, r) {
                if (json_integer_value(json_object_get(r, "period")) != 1)
                    continue;
                json_t *ty = json_object_get(r, "types");
                ck_assert_str_eq(json_string_value(json_object_get(ty, "b")),
                                 json_string_value(json_object_get(ty, "r")));
                ck_assert_str_eq(json_string_value(json_object_get(r, "gain")), "8/25");
                at1++;
            }
            ck_assert_uint_eq(at1, 2);
        }
        json_decref(rows);
        mc_q_clear_vec(gain, 9);
        mc_gum_setup_free(&s);
    }
}
END_TEST

Suite *mc_suite_gum_claims(void)
{
    Suite *s = suite_create("gum_claims");
    TCase *tc = tcase_create("claims");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_r4_guarantees);
    tcase_add_test(tc, test_r2_r3_maximin);
    tcase_add_test(tc, test_random_lp_vs_dp);
    tcase_add_test(tc, test_btm_gum_identities);
    tcase_add_test(tc, test_symmetric_is_shapley);
    tcase_add_test(tc, test_dpm_by_hand);
    tcase_add_test(tc, test_app_d_independent);
    tcase_add_test(tc, test_r4_expost_ic);
    tcase_add_test(tc, test_claim_verdicts);
    suite_add_tcase(s, tc);
    return s;
}

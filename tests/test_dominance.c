/* Dominance: textbook games with hand-derived eliminations, spec 000
 * fixture F1, forms read from .nfg files, limits and the mixed-dominator
 * hook.  Distinguishable dominance: test_dominance_dd.c; randomized
 * cross-checks: test_dominance_random.c. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dominance_testutil.h"
#include "mechcheck/gambit.h"
#include "mechcheck/nfg.h"

/* ---- Prisoner's dilemma: C = 0, D = 1 --------------------------------------- */
static const int64_t PD_A[] = {3, 0, 5, 1}, PD_B[] = {3, 5, 0, 1};

START_TEST(test_pd)
{
    mc_sform sf;
    mc_dom_game dg;
    mc_error err;
    mc_test_bimatrix(&sf, 2, 2, PD_A, PD_B);
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    for (int notion = MC_DOM_STRICT; notion <= MC_DOM_DISTINGUISHABLE; notion++) {
        mc_dom_result r;
        iterate_ok(&dg, (mc_dom_notion)notion, MC_DOM_ROUNDS, &r);
        ck_assert_uint_eq(r.ndeleting, 1);
        ck_assert_uint_eq(r.nrounds, 2);
        ck_assert(r.terminal);
        assert_surv(&r.survivors, 0, "2");
        assert_surv(&r.survivors, 1, "2");
        ck_assert_uint_eq(r.ntrace, 2);
        assert_step(&r.trace[0], 1, 0, 0, 1);
        assert_step(&r.trace[1], 1, 1, 0, 1);
        ck_assert_int_eq(r.trace[0].notion, notion);
        mc_dom_result_free(&r);
    }
    mc_dom_result r;
    iterate_ok(&dg, MC_DOM_STRICT, MC_DOM_ALL_ORDERS, &r);
    ck_assert(r.order_independent);
    ck_assert_uint_eq(r.nends, 1);
    ck_assert_uint_eq(r.nstates, 4); /* full, C1 gone, C2 gone, both gone */
    ck_assert_uint_eq(r.ends[0].npath, 2);
    assert_surv(&r.survivors, 0, "2");
    assert_surv(&r.survivors, 1, "2");
    mc_dom_result_free(&r);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
}
END_TEST

/* ---- nothing dominated: matching pennies, rock-paper-scissors ---------------- */
static void assert_nothing_dominated(uint32_t n, const int64_t *A, const int64_t *B)
{
    mc_sform sf;
    mc_dom_game dg;
    mc_error err;
    mc_test_bimatrix(&sf, n, n, A, B);
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    for (int notion = MC_DOM_STRICT; notion <= MC_DOM_DISTINGUISHABLE; notion++)
        for (int order = MC_DOM_ROUNDS; order <= MC_DOM_ALL_ORDERS; order++) {
            if (order == MC_DOM_GIVEN)
                continue;
            mc_dom_result r;
            iterate_ok(&dg, (mc_dom_notion)notion, (mc_dom_order)order, &r);
            ck_assert_uint_eq(r.ndeleting, 0);
            ck_assert_uint_eq(r.ntrace, 0);
            ck_assert(r.terminal);
            for (unsigned a = 0; a < 2; a++)
                ck_assert_uint_eq(r.survivors.count[a], n);
            if (order == MC_DOM_ALL_ORDERS) {
                ck_assert_uint_eq(r.nstates, 1);
                ck_assert(r.order_independent);
            }
            if (order == MC_DOM_ALTERNATING)
                ck_assert_uint_eq(r.nrounds, 2); /* one quiet pass per agent */
            mc_dom_result_free(&r);
        }
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
}

START_TEST(test_matching_pennies)
{
    static const int64_t A[] = {1, -1, -1, 1}, B[] = {-1, 1, 1, -1};
    assert_nothing_dominated(2, A, B);
}
END_TEST

START_TEST(test_rock_paper_scissors)
{
    static const int64_t A[] = {0, -1, 1, 1, 0, -1, -1, 1, 0};
    static const int64_t B[] = {0, 1, -1, -1, 0, 1, 1, -1, 0};
    assert_nothing_dominated(3, A, B);
}
END_TEST

/* ---- a 3x3 game solved by IESDS in two rounds ----------------------------------
 *        L     C     R          round 1: D < U (3>2, 0>-1, 2>1), C < R (2>1, 1>0, 3>1)
 *   U   3,3   0,1   2,2         round 2 (rows U,M; cols L,R): M < U (1<3, 1<2),
 *   M   1,2   4,0   1,1                  R < L (2<3, 1<2)
 *   D   2,0  -1,1   1,3         survivors (U, L) */
static const int64_t G3_A[] = {3, 0, 2, 1, 4, 1, 2, -1, 1};
static const int64_t G3_B[] = {3, 1, 2, 2, 0, 1, 0, 1, 3};

START_TEST(test_iesds_two_rounds)
{
    mc_sform sf;
    mc_dom_game dg;
    mc_error err;
    mc_test_bimatrix(&sf, 3, 3, G3_A, G3_B);
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    mc_dom_result r;
    iterate_ok(&dg, MC_DOM_STRICT, MC_DOM_ROUNDS, &r);
    ck_assert_uint_eq(r.ndeleting, 2);
    ck_assert_uint_eq(r.nrounds, 3);
    ck_assert_uint_eq(r.ntrace, 4);
    assert_step(&r.trace[0], 1, 0, 2, 0); /* D by U */
    assert_step(&r.trace[1], 1, 1, 1, 2); /* C by R */
    assert_step(&r.trace[2], 2, 0, 1, 0); /* M by U */
    assert_step(&r.trace[3], 2, 1, 2, 0); /* R by L */
    assert_surv(&r.survivors, 0, "1");
    assert_surv(&r.survivors, 1, "1");
    mc_dom_result_free(&r);

    /* rows first: pass 1 removes D; pass 2 (cols vs U, M) removes C (by L,
     * the lowest dominator: 1<3, 0<2) and R; pass 3 removes M; two quiet */
    iterate_ok(&dg, MC_DOM_STRICT, MC_DOM_ALTERNATING, &r);
    ck_assert_uint_eq(r.ndeleting, 3);
    ck_assert_uint_eq(r.nrounds, 5);
    ck_assert_uint_eq(r.ntrace, 4);
    assert_step(&r.trace[0], 1, 0, 2, 0);
    assert_step(&r.trace[1], 2, 1, 1, 0);
    assert_step(&r.trace[2], 2, 1, 2, 0);
    assert_step(&r.trace[3], 3, 0, 1, 0);
    assert_surv(&r.survivors, 0, "1");
    assert_surv(&r.survivors, 1, "1");
    mc_dom_result_free(&r);

    /* columns first: nothing for cols in the full game but C; ... */
    mc_dom_options opt;
    mc_dom_options_default(&opt, MC_DOM_STRICT, MC_DOM_ALTERNATING);
    opt.first_agent = 1;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
    assert_step(&r.trace[0], 1, 1, 1, 2); /* C by R */
    assert_surv(&r.survivors, 0, "1");
    assert_surv(&r.survivors, 1, "1");
    mc_dom_result_free(&r);

    iterate_ok(&dg, MC_DOM_STRICT, MC_DOM_ALL_ORDERS, &r);
    ck_assert(r.order_independent);
    assert_surv(&r.survivors, 0, "1");
    assert_surv(&r.survivors, 1, "1");
    mc_dom_result_free(&r);

    /* one round only: the spec 001 Sigma^1 shape */
    mc_dom_options_default(&opt, MC_DOM_STRICT, MC_DOM_ROUNDS);
    opt.max_rounds = 1;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
    ck_assert_uint_eq(r.nrounds, 1);
    ck_assert(!r.terminal);
    assert_surv(&r.survivors, 0, "1,2");
    assert_surv(&r.survivors, 1, "1,3");
    mc_dom_result_free(&r);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
}
END_TEST

/* ---- weak dominance depends on the order -----------------------------------------
 *        L     R        T <=w M (1=1, 0<2), B <=w M (0<1, 2=2); columns tie at M.
 *   T   1,1   0,0       T first: L <=w R (1=1, 0<1)  -> {M,B} x {R}
 *   M   1,1   2,1       B first: R <=w L (0<1, 1=1)  -> {T,M} x {L}
 *   B   0,0   2,1       both (a round): M alone, L ~ R -> {M} x {L,R} */
static const int64_t W_A[] = {1, 0, 1, 2, 0, 2}, W_B[] = {1, 0, 1, 1, 0, 1};

START_TEST(test_weak_order_dependence)
{
    mc_sform sf;
    mc_dom_game dg;
    mc_error err;
    mc_test_bimatrix(&sf, 3, 2, W_A, W_B);
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    mc_dom_result r;
    iterate_ok(&dg, MC_DOM_WEAK, MC_DOM_ROUNDS, &r);
    ck_assert_uint_eq(r.ndeleting, 1);
    assert_surv(&r.survivors, 0, "2");
    assert_surv(&r.survivors, 1, "1,2");
    mc_dom_result_free(&r);

    iterate_ok(&dg, MC_DOM_WEAK, MC_DOM_ALL_ORDERS, &r);
    ck_assert(!r.order_independent);
    ck_assert_uint_eq(r.nends, 3);
    ck_assert_uint_eq(r.nstates, 6);
    assert_surv(&r.ends[0].survivors, 0, "2"); /* T, B */
    assert_surv(&r.ends[0].survivors, 1, "1,2");
    ck_assert_uint_eq(r.ends[0].npath, 2);
    assert_step(&r.ends[0].path[0], 1, 0, 0, 1);
    assert_step(&r.ends[0].path[1], 2, 0, 2, 1);
    assert_surv(&r.ends[1].survivors, 0, "2,3"); /* T, L */
    assert_surv(&r.ends[1].survivors, 1, "2");
    assert_step(&r.ends[1].path[1], 2, 1, 0, 1);
    assert_surv(&r.ends[2].survivors, 0, "1,2"); /* B, R */
    assert_surv(&r.ends[2].survivors, 1, "1");
    assert_step(&r.ends[2].path[0], 1, 0, 2, 1);
    assert_step(&r.ends[2].path[1], 2, 1, 1, 0);
    mc_dom_result_free(&r);

    /* strict dominance removes nothing here */
    iterate_ok(&dg, MC_DOM_STRICT, MC_DOM_ALL_ORDERS, &r);
    ck_assert_uint_eq(r.nstates, 1);
    mc_dom_result_free(&r);

    /* given orders */
    mc_dom_options opt;
    mc_dom_options_default(&opt, MC_DOM_WEAK, MC_DOM_GIVEN);
    const mc_dom_elim good[] = {{0, 0}, {1, 0}};
    opt.given = good;
    opt.ngiven = 2;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
    ck_assert(r.terminal);
    assert_surv(&r.survivors, 0, "2,3");
    assert_surv(&r.survivors, 1, "2");
    assert_step(&r.trace[0], 1, 0, 0, 1);
    assert_step(&r.trace[1], 2, 1, 0, 1);
    mc_dom_result_free(&r);

    opt.ngiven = 1; /* T only: L is still dominated, so not terminal */
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
    ck_assert(!r.terminal);
    mc_dom_result_free(&r);

    const mc_dom_elim early[] = {{1, 0}}; /* L is not dominated in the full game */
    opt.given = early;
    opt.ngiven = 1;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "step 1"));
    ck_assert_ptr_nonnull(strstr(err.msg, "not weak-dominated"));
    mc_dom_result_free(&r);

    const mc_dom_elim late[] = {{0, 0}, {0, 2}, {1, 0}}; /* against M alone L ~ R */
    opt.given = late;
    opt.ngiven = 3;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "step 3"));
    mc_dom_result_free(&r);

    const mc_dom_elim twice[] = {{0, 0}, {0, 0}};
    opt.given = twice;
    opt.ngiven = 2;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "already eliminated"));
    mc_dom_result_free(&r);

    /* payoff-equivalent M and B (against R alone): neither weakly dominates */
    mc_survivors sv;
    ck_assert_int_eq(mc_survivors_init(&sv, &sf, &err), MC_OK);
    mc_survivors_remove(&sv, 0, 0);
    mc_survivors_remove(&sv, 1, 0);
    bool d;
    ck_assert_int_eq(mc_dom_test(&dg, &sv, MC_DOM_WEAK, 0, 1, 2, &d, &err), MC_OK);
    ck_assert(!d);
    ck_assert_int_eq(mc_dom_test(&dg, &sv, MC_DOM_WEAK, 0, 2, 1, &d, &err), MC_OK);
    ck_assert(!d);
    /* the last strategy of an agent is never eliminated: column R alone */
    mc_dom_options_default(&opt, MC_DOM_WEAK, MC_DOM_ROUNDS);
    ck_assert_int_eq(mc_dom_iterate(&dg, &sv, &opt, &r, &err), MC_OK);
    assert_surv(&r.survivors, 0, "2,3");
    assert_surv(&r.survivors, 1, "2");
    ck_assert_uint_eq(r.ndeleting, 0);
    mc_dom_result_free(&r);
    /* a test against an eliminated strategy is an input error */
    ck_assert_int_eq(mc_dom_test(&dg, &sv, MC_DOM_WEAK, 0, 0, 1, &d, &err), MC_EINPUT);
    mc_survivors_free(&sv);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
}
END_TEST

/* ---- spec 000 fixture F1 -------------------------------------------------------- */

/* {v : v1 <= 2, v2 <= 4} minus (0,0), 1-based strategy numbers */
static void f1_expected(char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int v1 = 0; v1 < F1_GRID; v1++)
        for (int v2 = 0; v2 < F1_GRID; v2++)
            if (v1 <= 2 && v2 <= 4 && (v1 || v2))
                len += (size_t)snprintf(buf + len, cap - len, "%s%d", len ? "," : "",
                                        v1 * F1_GRID + v2 + 1);
}

START_TEST(test_f1_dominance)
{
    mc_sform sf;
    mc_dom_game dg;
    mc_error err;
    char want[512];
    f1_expected(want, sizeof want);
    mc_test_f1(&sf);
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);

    mc_dom_result r;
    iterate_ok(&dg, MC_DOM_WEAK, MC_DOM_ROUNDS, &r);
    ck_assert_uint_eq(r.ndeleting, 2);
    ck_assert(r.terminal);
    for (unsigned a = 0; a < 2; a++) {
        ck_assert_uint_eq(r.survivors.count[a], 14);
        assert_surv(&r.survivors, a, want);
    }
    ck_assert_uint_eq(r.trace[r.ntrace - 1].round, 2);
    mc_dom_result_free(&r);

    iterate_ok(&dg, MC_DOM_WEAK, MC_DOM_ALTERNATING, &r); /* player 1 first */
    ck_assert_uint_eq(r.ndeleting, 3);
    for (unsigned a = 0; a < 2; a++)
        assert_surv(&r.survivors, a, want);
    ck_assert_uint_eq(r.trace[0].agent, 0);
    ck_assert_uint_eq(r.trace[r.ntrace - 1].round, 3);
    mc_dom_result_free(&r);

    iterate_ok(&dg, MC_DOM_STRICT, MC_DOM_ROUNDS, &r);
    ck_assert_uint_eq(r.ndeleting, 0);
    ck_assert_uint_eq(r.survivors.count[0], 36);
    ck_assert_uint_eq(r.survivors.count[1], 36);
    mc_dom_result_free(&r);

    /* every recorded weak dominator really dominates at its round */
    iterate_ok(&dg, MC_DOM_WEAK, MC_DOM_ROUNDS, &r);
    mc_survivors sv;
    ck_assert_int_eq(mc_survivors_init(&sv, &sf, &err), MC_OK);
    size_t i = 0;
    for (uint32_t round = 1; round <= r.ndeleting; round++) {
        size_t j = i;
        for (; j < r.ntrace && r.trace[j].round == round; j++) {
            bool d;
            ck_assert_int_eq(mc_dom_test(&dg, &sv, MC_DOM_WEAK, r.trace[j].agent,
                                         r.trace[j].strategy, r.trace[j].dominator, &d, &err),
                             MC_OK);
            ck_assert(d);
        }
        size_t first = i;
        for (; i < j; i++)
            mc_survivors_remove(&sv, r.trace[i].agent, r.trace[i].strategy);
        for (size_t k = first; k < j; k++) /* the dominator survives its round */
            ck_assert(mc_survivors_has(&sv, r.trace[k].agent, r.trace[k].dominator));
    }
    ck_assert(mc_survivors_equal(&sv, &r.survivors));
    mc_survivors_free(&sv);
    mc_dom_result_free(&r);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
}
END_TEST

/* ---- from an nfg, with a coalition agent ------------------------------------------- */

START_TEST(test_from_nfg_agents)
{
    mc_nfg g;
    mc_error err;
    uint32_t ns[3] = {2, 3, 2};
    ck_assert_int_eq(mc_nfg_init(&g, 3, ns, &err), MC_OK);
    uint32_t s[3];
    for (uint64_t p = 0; p < g.nprofiles; p++) {
        mc_nfg_profile_of(&g, p, s);
        for (unsigned pl = 0; pl < 3; pl++) /* distinct per profile and player */
            mc_q_set_i64(mc_nfg_payoff(&g, p, pl), 1000 * (pl + 1) + 100 * s[0] + 10 * s[1] + s[2]);
    }
    /* profiles (0,0,1) and (1,2,1) get equal payoff vectors: same outcome */
    uint32_t pa[3] = {0, 0, 1}, pb[3] = {1, 2, 1};
    uint64_t ia = mc_nfg_profile_index(&g, pa), ib = mc_nfg_profile_index(&g, pb);
    for (unsigned pl = 0; pl < 3; pl++)
        mc_q_set_i64(mc_nfg_payoff(&g, ib, pl), 7 * pl);
    for (unsigned pl = 0; pl < 3; pl++)
        mc_q_set_i64(mc_nfg_payoff(&g, ia, pl), 7 * pl);

    mc_agents ag;
    ck_assert_int_eq(mc_agents_parse(&ag, 3, "1,2", &err), MC_OK);
    mc_sform sf;
    ck_assert_int_eq(mc_sform_from_nfg(&sf, &g, &ag, 0, &err), MC_OK);
    ck_assert_uint_eq(sf.nagents, 2);
    ck_assert_uint_eq(sf.nstrategies[0], 6);
    ck_assert_uint_eq(sf.nstrategies[1], 2);
    ck_assert_uint_eq(sf.nprofiles, 12);
    char buf[64];
    ck_assert_str_eq(mc_sform_agent_name(&sf, 0, buf, sizeof buf), "1+2");
    ck_assert_str_eq(mc_sform_strategy_name(&sf, 0, 5, buf, sizeof buf), "2,3");
    ck_assert_str_eq(mc_sform_strategy_name(&sf, 0, 1, buf, sizeof buf), "1,2");
    for (uint32_t s0 = 0; s0 < 2; s0++)
        for (uint32_t s1 = 0; s1 < 3; s1++)
            for (uint32_t s2 = 0; s2 < 2; s2++) {
                uint32_t pl[3] = {s0, s1, s2}, agent[2] = {s0 * 3 + s1, s2};
                uint64_t p = mc_nfg_profile_index(&g, pl), q = mc_sform_profile_index(&sf, agent);
                mc_q sum = MC_Q_ZERO;
                mc_q_add(&sum, mc_nfg_payoff(&g, p, 0), mc_nfg_payoff(&g, p, 1));
                ck_assert(mc_q_eq(mc_sform_payoff(&sf, q, 0), &sum));
                ck_assert(mc_q_eq(mc_sform_payoff(&sf, q, 1), mc_nfg_payoff(&g, p, 2)));
                mc_q_clear(&sum);
            }
    uint32_t qa[2] = {0, 1}, qb[2] = {5, 1};
    uint64_t oa = sf.outcome[mc_sform_profile_index(&sf, qa)];
    uint64_t ob = sf.outcome[mc_sform_profile_index(&sf, qb)];
    ck_assert_uint_eq(oa, ob);
    /* 12 profiles, two share a vector: ids 0..10, each used */
    uint64_t maxid = 0;
    for (uint64_t q = 0; q < 12; q++)
        maxid = sf.outcome[q] > maxid ? sf.outcome[q] : maxid;
    ck_assert_uint_eq(maxid, 10);
    mc_sform_free(&sf);

    /* with outcome names, equal payoffs under different names stay apart */
    char *names[12];
    for (int i = 0; i < 12; i++)
        names[i] = "o";
    names[ib] = "other";
    g.outcome_names = names;
    ck_assert_int_eq(mc_sform_from_nfg(&sf, &g, &ag, 0, &err), MC_OK);
    ck_assert_uint_ne(sf.outcome[mc_sform_profile_index(&sf, qa)],
                      sf.outcome[mc_sform_profile_index(&sf, qb)]);
    mc_sform_free(&sf);
    names[ib] = "o";
    ck_assert_int_eq(mc_sform_from_nfg(&sf, &g, &ag, 0, &err), MC_OK);
    ck_assert_uint_eq(sf.outcome[mc_sform_profile_index(&sf, qa)],
                      sf.outcome[mc_sform_profile_index(&sf, qb)]);
    mc_sform_free(&sf);
    g.outcome_names = NULL;

    /* the profile limit */
    ck_assert_int_eq(mc_sform_from_nfg(&sf, &g, NULL, 5, &err), MC_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.msg, "12 profiles"));
    ck_assert_ptr_nonnull(strstr(err.msg, "limit of 5"));
    ck_assert_int_eq(mc_sform_from_nfg(&sf, &g, NULL, 12, &err), MC_OK);
    ck_assert_uint_eq(sf.nagents, 3);
    mc_sform_free(&sf);
    mc_nfg_free(&g);
}
END_TEST

/* An outcome-version .nfg through the real parser: (s,x) -> "lo" 1,
 * (t,x) -> "hi" 2, (s,y) -> "tie-a" 5, (t,y) -> "tie-b" 5.  The two ties
 * pay the same but are different outcomes, so y distinguishes s from t. */
START_TEST(test_from_parsed_nfg)
{
    static const char text[] =
        "NFG 1 R \"dd\" { \"P1\" \"P2\" }\n"
        "{ { \"s\" \"t\" } { \"x\" \"y\" } }\n\"\"\n"
        "{ { \"tie-a\" 5, 0 } { \"tie-b\" 5, 0 } { \"lo\" 1, 0 } { \"hi\" 2, 0 } }\n"
        "3 4 1 2\n";
    mc_nfg g;
    mc_error err;
    ck_assert_msg(mc_nfg_parse(text, sizeof text - 1, "dd.nfg", &g, &err) == MC_OK, "%s", err.msg);
    mc_sform sf;
    mc_dom_game dg;
    ck_assert_int_eq(mc_sform_from_nfg(&sf, &g, NULL, 0, &err), MC_OK);
    ck_assert_uint_ne(sf.outcome[2], sf.outcome[3]); /* tie-a vs tie-b */
    char buf[16];
    ck_assert_str_eq(mc_sform_strategy_name(&sf, 1, 1, buf, sizeof buf), "y");
    ck_assert_str_eq(mc_sform_agent_name(&sf, 0, buf, sizeof buf), "P1");
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    /* s vs t: x gives 1 < 2 (distinct), y gives 5 = 5 on distinct outcomes */
    mc_dom_result r;
    iterate_ok(&dg, MC_DOM_DISTINGUISHABLE, MC_DOM_ROUNDS, &r);
    assert_surv(&r.survivors, 0, "1,2");
    mc_dom_result_free(&r);
    iterate_ok(&dg, MC_DOM_WEAK, MC_DOM_ROUNDS, &r);
    assert_surv(&r.survivors, 0, "2");
    mc_dom_result_free(&r);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
    /* the same outcome at y: now s is distinguishably dominated */
    free(g.outcome_names[3]);
    g.outcome_names[3] = strdup("tie-a");
    ck_assert_int_eq(mc_sform_from_nfg(&sf, &g, NULL, 0, &err), MC_OK);
    ck_assert_uint_eq(sf.outcome[2], sf.outcome[3]);
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    iterate_ok(&dg, MC_DOM_DISTINGUISHABLE, MC_DOM_ROUNDS, &r);
    assert_surv(&r.survivors, 0, "2");
    mc_dom_result_free(&r);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
    mc_nfg_free(&g);
}
END_TEST

START_TEST(test_all_orders_limit)
{
    mc_sform sf;
    mc_dom_game dg;
    mc_error err;
    mc_test_bimatrix(&sf, 3, 2, W_A, W_B);
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    mc_dom_options opt;
    mc_dom_options_default(&opt, MC_DOM_WEAK, MC_DOM_ALL_ORDERS);
    opt.max_states = 3;
    mc_dom_result r;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.msg, "more than 3"));
    mc_dom_result_free(&r);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);

    uint32_t ns[3] = {1u << 12, 1u << 12, 1u << 12};
    ck_assert_int_eq(mc_sform_init(&sf, 3, ns, false, 0, &err), MC_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.msg, "68719476736 profiles"));
}
END_TEST

/* A mixed-dominator hook: here a stub that declares strategy 2 of agent 0
 * dominated, to check where the hook is consulted. */
static mc_status fake_mixed(void *ctx, const mc_sform *sf, const mc_survivors *sv,
                            mc_dom_notion notion, unsigned agent, uint32_t s, bool *dominated,
                            mc_dom_mixture *mixture, mc_error *err)
{
    (void)mixture;
    (void)sf;
    (void)sv;
    (void)notion;
    (void)err;
    ++*(int *)ctx;
    *dominated = agent == 0 && s == 2;
    return MC_OK;
}

START_TEST(test_mixed_hook)
{
    /* RPS-like row payoffs: nothing pure-dominated; the hook is asked about
     * every strategy in round 1 (3 + 3), removes one, then asked again */
    static const int64_t A[] = {0, -1, 1, 1, 0, -1, -1, 1, 0};
    static const int64_t B[] = {0, 1, -1, -1, 0, 1, 1, -1, 0};
    mc_sform sf;
    mc_dom_game dg;
    mc_error err;
    mc_test_bimatrix(&sf, 3, 3, A, B);
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, &err), MC_OK);
    int calls = 0;
    mc_dom_options opt;
    mc_dom_options_default(&opt, MC_DOM_STRICT, MC_DOM_ROUNDS);
    opt.mixed = fake_mixed;
    opt.mixed_ctx = &calls;
    opt.max_rounds = 1;
    mc_dom_result r;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_OK);
    ck_assert_uint_eq(r.ntrace, 1);
    ck_assert_uint_eq(r.trace[0].dominator, MC_DOM_MIXED);
    ck_assert_uint_eq(r.trace[0].strategy, 2);
    /* round 1: 3 + 3 calls.  The terminal check: rows R, P (2 calls, not
     * dominated); columns against R, P: column R (0,-1) < P (1,0) purely, the
     * hook is asked about P and S (2 calls) */
    ck_assert_int_eq(calls, 6 + 4);
    ck_assert(!r.terminal);
    mc_dom_result_free(&r);
    opt.notion = MC_DOM_DISTINGUISHABLE;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &opt, &r, &err), MC_EUNSUPPORTED);
    mc_dom_result_free(&r);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
}
END_TEST

Suite *mc_suite_dominance(void)
{
    Suite *s = suite_create("dominance");
    TCase *tc = tcase_create("textbook");
    tcase_add_test(tc, test_pd);
    tcase_add_test(tc, test_matching_pennies);
    tcase_add_test(tc, test_rock_paper_scissors);
    tcase_add_test(tc, test_iesds_two_rounds);
    tcase_add_test(tc, test_weak_order_dependence);
    tcase_add_test(tc, test_all_orders_limit);
    tcase_add_test(tc, test_mixed_hook);
    suite_add_tcase(s, tc);
    tc = tcase_create("fixtures");
    tcase_add_test(tc, test_f1_dominance);
    tcase_add_test(tc, test_from_nfg_agents);
    tcase_add_test(tc, test_from_parsed_nfg);
    suite_add_tcase(s, tc);
    return s;
}

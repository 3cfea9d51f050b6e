/* Backward induction on mechanism M: the spec's fixtures F4-F6 (each
 * reference number re-derived by hand in a comment), the audit of every
 * node against Lemmas 1-3, and cross-checks: closed-form leaves against
 * explicit coins, memoised against unmemoised solving, and the generator
 * against the materialised tree solved by the tree solver. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_audit.h"
#include "mech/perfect_revenue.h"
#include "mechcheck/gambit.h"
#include "mechcheck/spe.h"
#include "mechcheck/tree.h"
#include "testutil.h"

static void f4_params(mc_pr_params *p)
{
    int64_t tv[2] = {1, 2};
    mc_pr_params_simple(p, 2, tv, 3);
    mc_q_set_frac(&p->eps, 1, 20);
    mc_pr_chain_default(p); /* 1/30, 1/60 */
}

static void f5_params(mc_pr_params *p, bool reversed)
{
    mc_pr_params_simple(p, 3, NULL, 2);
    p->nstates = 3;
    int64_t a[3] = {1, 0, 1}, b[3] = {0, 2, 0};
    unsigned ia = reversed ? 2 : 1, ib = reversed ? 1 : 2;
    snprintf(p->state_name[ia], MC_PR_NAME, "a");
    snprintf(p->state_name[ib], MC_PR_NAME, "b");
    for (unsigned j = 0; j < 3; j++) {
        p->tv[ia][j] = a[j];
        p->tv[ib][j] = b[j];
    }
    mc_q_set_frac(&p->eps, 1, 20);
    mc_pr_chain_default(p);
}

static void f6_params(mc_pr_params *p)
{
    mc_pr_params_simple(p, 4, NULL, 1);
    p->nstates = 3;
    int64_t a[4] = {1, 0, 1, 1}, b[4] = {0, 1, 1, 1};
    snprintf(p->state_name[1], MC_PR_NAME, "a");
    snprintf(p->state_name[2], MC_PR_NAME, "b");
    for (unsigned j = 0; j < 4; j++) {
        p->tv[1][j] = a[j];
        p->tv[2][j] = b[j];
    }
    mc_q_set_frac(&p->eps, 1, 25);
    mc_pr_chain_default(p); /* k/325, k = 12..1 */
}

/* n = 3, TV(w) = (1,1,1), caps 3, eps = 1/20, coalition {1,2}. */
static void coalition_params(mc_pr_params *p)
{
    mc_pr_params_init(p);
    int64_t tv[3] = {1, 1, 1};
    mc_pr_params_simple(p, 3, tv, 3);
    mc_q_set_frac(&p->eps, 1, 20);
    mc_pr_chain_default(p);
    ck_assert_int_eq(mc_agents_parse(&p->agents, 3, "1,2", NULL), MC_OK);
}

static void run_audit(mc_pr_audit *a, const mc_pr_params *p)
{
    mc_error err;
    mc_status st = mc_pr_audit_run(a, p, NULL, &err);
    ck_assert_msg(st == MC_OK, "audit: %s", err.msg);
    ck_assert(a->complete);
    ck_assert(a->have_play);
}

/* No tie, no mismatch, every node clean, the root prescription chosen. */
static void assert_all_agree(const mc_pr_audit *a)
{
    ck_assert_msg(a->l1.failures == 0, "Lemma 1 failures: %llu",
                  (unsigned long long)a->l1.failures);
    ck_assert_msg(a->l2.failures == 0, "Lemma 2 failures: %llu (%s)",
                  (unsigned long long)a->l2.failures, a->l2.nkept ? a->l2.kept[0].where : "");
    ck_assert_uint_eq(a->l1.agree, a->l1.nodes);
    ck_assert_uint_eq(a->l2.agree, a->l2.nodes);
    ck_assert_uint_eq(a->l2.unrepresentable, 0);
    ck_assert_uint_eq(a->l3.agree, 1);
    ck_assert(a->unique);
    ck_assert_uint_eq(a->nties, 0);
    ck_assert_uint_eq(a->root_ntied, 1);
    ck_assert_uint_eq(a->root_computed, a->root_prescribed);
    ck_assert_uint_eq(a->play.no_mask, 0);
}

static void root_is(const mc_pr_audit *a, uint32_t action, unsigned omega, const int64_t *k1,
                    unsigned n)
{
    mc_game g;
    mc_error err;
    ck_assert_int_eq(mc_pr_game_new(&g, &a->p, &err), MC_OK);
    ck_assert_uint_eq(action, mc_pr_root_encode(&g, omega, k1));
    (void)n;
    mc_game_destroy(&g);
}

/* F4: n = 2, TV = (1,2), eps = 1/20, caps 3 (32 root actions).
 * SPE (w,(1,2)), all YES; r = 3: n_r = 2 C(4,1) = 8, f = 4 + rank(1,2) = 6.
 * u_2 = 2 - 2 + 2 eps = 1/10; u_1 = 0 + 2eps + 2eps*3 - eps 6/8 = 29/80;
 * revenue = 3 - 4eps - 6eps + eps 3/4 = 203/80.  Runner-up (w,(1,1)):
 * r = 2, f = 3 + 1 = 4, n_r = 6: u_1 = 2eps + 4eps - eps 2/3 = 4/15. */
START_TEST(test_f4)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    f4_params(&p);
    mc_pr_audit a;
    run_audit(&a, &p);
    assert_all_agree(&a);
    ck_assert_uint_eq(a.nroot, 32);
    int64_t k[2] = {1, 2}, k2[2] = {1, 1};
    root_is(&a, a.root_computed, 1, k, 2);
    mc_test_q_is(&a.eval.f, "6", "f");
    mc_test_q_is(&a.eval.nr, "8", "n_r");
    mc_test_q_is(&a.value[0], "29/80", "u_1");
    mc_test_q_is(&a.value[1], "1/10", "u_2");
    mc_test_q_is(&a.eval.revenue, "203/80", "revenue");
    ck_assert_int_eq(a.eval.out[0].welfare, 3);
    ck_assert_uint_ge(a.nroot_order, 2);
    root_is(&a, a.root_order[1], 1, k2, 2);
    mc_test_q_is(&a.root[a.root_order[1]].u1, "4/15", "runner-up u_1");
    mc_pr_audit_free(&a);
    mc_pr_params_clear(&p);
}
END_TEST

/* The F4 off-path table: player 2's value (continuation plus own reward)
 * for each Delta^2_1 after the roots (w,(1,2)) and (w,(0,2)), captured by an
 * observer at the step-2 nodes. */
typedef struct {
    mc_q row12[4], row02[4];
    int seen;
} offpath;

static mc_status offpath_obs(void *ctx, const mc_game *g, const void *state, const mc_node *node,
                             const mc_q *const *cv, const mc_spe_decision *d,
                             const uint32_t *history, uint32_t depth, mc_error *err)
{
    (void)node, (void)d, (void)history, (void)depth, (void)err;
    offpath *o = ctx;
    mc_pr_view v;
    mc_pr_view_state(g, state, &v);
    if (v.where != MC_PR_AT_RAISE || v.omega != 1 || v.play.k1[1] != 2)
        return MC_OK;
    mc_q *row = v.play.k1[0] == 1 ? o->row12 : v.play.k1[0] == 0 ? o->row02 : NULL;
    if (!row)
        return MC_OK;
    for (int64_t d1 = 0; d1 <= 3; d1++) {
        int64_t delta[2] = {d1, 0};
        mc_q_set(&row[d1], &cv[mc_pr_raise_encode(g, 1, delta)][1]);
    }
    o->seen++;
    return MC_OK;
}

START_TEST(test_f4_offpath)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    f4_params(&p);
    mc_game g;
    mc_error err;
    ck_assert_int_eq(mc_pr_game_new(&g, &p, &err), MC_OK);
    offpath o = {.seen = 0};
    for (int i = 0; i < 4; i++)
        o.row12[i] = o.row02[i] = MC_Q_ZERO;
    mc_spe_options so;
    mc_spe_defaults(&so);
    so.observer = offpath_obs;
    so.observer_ctx = &o;
    mc_spe_result r;
    ck_assert_int_eq(mc_spe_solve(&g, &so, &r, &err), MC_OK);
    ck_assert_int_eq(o.seen, 2);
    /* (w,(1,2)), Delta^2_1 = 0: all YES, u_2 = 2 - 2 + 2 eps = 1/10.
     * Delta^2_1 = 1: P*_1 = 2 > 1, player 1 says NO (bip_1 = 2), Y = 1,
     * B = 2: u_2 = -(19/20) 4 + (1/20)(1/4)(2 - 2 + 1/20) + 1/20 + 1/30
     * = -17837/4800. */
    mc_test_q_is(&o.row12[0], "1/10", "(1,2) d=0");
    mc_test_q_is(&o.row12[1], "-17837/4800", "(1,2) d=1");
    mc_test_q_is(&o.row12[2], "-13399/2400", "(1,2) d=2");
    mc_test_q_is(&o.row12[3], "-23839/3200", "(1,2) d=3");
    /* (w,(0,2)), Delta^2_1 = 1: raises player 1 to his value, all YES:
     * u_2 = 1/10 + 1/30 = 2/15 */
    mc_test_q_is(&o.row02[0], "1/10", "(0,2) d=0");
    mc_test_q_is(&o.row02[1], "2/15", "(0,2) d=1");
    mc_test_q_is(&o.row02[2], "-17677/4800", "(0,2) d=2");
    mc_test_q_is(&o.row02[3], "-13319/2400", "(0,2) d=3");
    for (int i = 0; i < 4; i++) {
        mc_q_clear(&o.row12[i]);
        mc_q_clear(&o.row02[i]);
    }
    mc_spe_result_free(&r);
    mc_game_destroy(&g);
    mc_pr_params_clear(&p);
}
END_TEST

/* F5: Omega = (bot, a, b), TV(a) = (1,0,1), TV(b) = (0,2,0), caps 2.
 * (a,(1,0,1)): r = 2, C(4,2) = 6, n_r = 18, rank(1,0,1) = 2, f = 6 + 2 = 8;
 * u_1 = 2eps + 4eps - eps 8/18 = 5/18; revenue = 2 - 6eps - 4eps + eps 8/18
 * = 137/90.  (b,(0,2,0)): f = 12 + 3 = 15: u_1 = 6eps - eps 15/18 = 31/120.
 * Order (bot, b, a): (b,(0,2,0)) has f = 6 + 3 = 9: u_1 = 11/40, revenue
 * 61/40; (a,(1,0,1)) has f = 12 + 2 = 14: u_1 = 47/180. */
START_TEST(test_f5)
{
    for (int rev = 0; rev <= 1; rev++) {
        mc_pr_params p;
        mc_pr_params_init(&p);
        f5_params(&p, rev);
        mc_pr_audit a;
        run_audit(&a, &p);
        assert_all_agree(&a);
        ck_assert_uint_eq(a.nroot, 81);
        int64_t ka[3] = {1, 0, 1}, kb[3] = {0, 2, 0};
        unsigned ia = rev ? 2 : 1, ib = rev ? 1 : 2;
        root_is(&a, a.root_computed, rev ? ib : ia, rev ? kb : ka, 3);
        root_is(&a, a.root_order[1], rev ? ia : ib, rev ? ka : kb, 3);
        mc_test_q_is(&a.eval.f, rev ? "9" : "8", "f");
        mc_test_q_is(&a.eval.nr, "18", "n_r");
        mc_test_q_is(&a.value[0], rev ? "11/40" : "5/18", "u_1");
        mc_test_q_is(&a.value[1], "1/10", "u_2");
        mc_test_q_is(&a.value[2], "1/10", "u_3");
        mc_test_q_is(&a.eval.revenue, rev ? "61/40" : "137/90", "revenue");
        mc_test_q_is(&a.root[a.root_order[1]].u1, rev ? "47/180" : "31/120", "runner-up u_1");
        mc_pr_audit_free(&a);
        mc_pr_params_clear(&p);
    }
}
END_TEST

/* F6: n = 4, TV(a) = (1,0,1,1), TV(b) = (0,1,1,1), eps = 1/25, caps 1.
 * (a,(1,0,1,1)): r = 3, C(6,3) = 20, n_r = 60, rank = 4 + 3 + 1 = 8, f = 28;
 * u_1 = 8eps - eps 28/60 = 113/375, u_i = 2eps = 2/25, revenue
 * = 3 - 8eps - 6eps + eps 28/60 = 922/375; (b,(0,1,1,1)): f = 40 + 10 = 50,
 * u_1 = 8eps - eps 50/60 = 71/250. */
START_TEST(test_f6)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    f6_params(&p);
    mc_pr_audit a;
    run_audit(&a, &p);
    assert_all_agree(&a);
    ck_assert_uint_eq(a.nroot, 48);
    int64_t ka[4] = {1, 0, 1, 1}, kb[4] = {0, 1, 1, 1};
    root_is(&a, a.root_computed, 1, ka, 4);
    root_is(&a, a.root_order[1], 2, kb, 4);
    mc_test_q_is(&a.eval.f, "28", "f");
    mc_test_q_is(&a.eval.nr, "60", "n_r");
    mc_test_q_is(&a.value[0], "113/375", "u_1");
    for (unsigned j = 1; j < 4; j++)
        mc_test_q_is(&a.value[j], "2/25", "u_i");
    mc_test_q_is(&a.eval.revenue, "922/375", "revenue");
    mc_test_q_is(&a.root[a.root_order[1]].u1, "71/250", "runner-up u_1");
    mc_pr_audit_free(&a);
    mc_pr_params_clear(&p);
}
END_TEST

/* Closed-form leaves against explicit coins: the same audit, value for
 * value, on an instance with a coalition and off-path NO votes. */
START_TEST(test_closed_vs_chance)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    f5_params(&p, false);
    mc_error err;
    ck_assert_int_eq(mc_agents_parse(&p.agents, 3, "1,3", &err), MC_OK);
    mc_pr_audit a, b;
    run_audit(&a, &p);
    p.leaf = MC_PR_LEAF_CHANCE;
    run_audit(&b, &p);
    for (unsigned j = 0; j < 3; j++)
        ck_assert(mc_q_eq(&a.value[j], &b.value[j]));
    ck_assert_uint_eq(a.root_computed, b.root_computed);
    ck_assert_uint_eq(a.nroot, b.nroot);
    for (uint32_t c = 0; c < a.nroot; c++)
        ck_assert(mc_q_eq(&a.root[c].value, &b.root[c].value));
    ck_assert_uint_eq(a.l1.nodes, b.l1.nodes);
    ck_assert_uint_eq(a.l1.failures, b.l1.failures);
    ck_assert_uint_eq(a.l2.nodes, b.l2.nodes);
    ck_assert_uint_eq(a.l2.failures, b.l2.failures);
    ck_assert_uint_gt(b.nodes, a.nodes);
    mc_pr_audit_free(&a);
    mc_pr_audit_free(&b);
    mc_pr_params_clear(&p);
}
END_TEST

/* Memoised and unmemoised solving agree; without memoisation the solver
 * also checks that one key never maps two different normalised values. */
START_TEST(test_memo_vs_plain)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    f5_params(&p, false);
    mc_error err;
    ck_assert_int_eq(mc_agents_parse(&p.agents, 3, "2,3", &err), MC_OK);
    mc_game g;
    ck_assert_int_eq(mc_pr_game_new(&g, &p, &err), MC_OK);
    mc_spe_options so;
    mc_spe_defaults(&so);
    so.agents = &p.agents;
    mc_spe_result r1, r2;
    ck_assert_int_eq(mc_spe_solve(&g, &so, &r1, &err), MC_OK);
    so.memoise = false;
    mc_status st = mc_spe_solve(&g, &so, &r2, &err);
    ck_assert_msg(st == MC_OK, "%s", err.msg);
    for (unsigned j = 0; j < 3; j++)
        ck_assert(mc_q_eq(&r1.value[j], &r2.value[j]));
    ck_assert_uint_eq(r1.unique, r2.unique);
    ck_assert_uint_gt(r2.nodes, 3 * r1.nodes);
    /* the witness check of the memoised result */
    st = mc_spe_verify(&g, &r1, r1.unique, &err);
    ck_assert_msg(st == MC_OK, "verify: %s", err.msg);
    mc_spe_result_free(&r1);
    mc_spe_result_free(&r2);
    mc_game_destroy(&g);
    mc_pr_params_clear(&p);
}
END_TEST

/* The generator against its materialised tree, solved by the tree fast
 * path: same root values (explicit coins, so chance nodes are exercised). */
START_TEST(test_tree_vs_generator)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    f4_params(&p);
    p.cap_k[0] = p.cap_k[1] = 2;
    p.cap_d[1][0] = 2;
    p.leaf = MC_PR_LEAF_CHANCE;
    mc_game g;
    mc_error err;
    ck_assert_int_eq(mc_pr_game_new(&g, &p, &err), MC_OK);
    mc_tree t;
    mc_status st = mc_tree_from_game(&g, &t, 1000000, &err);
    ck_assert_msg(st == MC_OK, "%s", err.msg);
    mc_spe_result rt, rg;
    mc_spe_options so;
    mc_spe_defaults(&so);
    ck_assert_int_eq(mc_spe_solve_tree(&t, &so, &rt, &err), MC_OK);
    ck_assert_int_eq(mc_spe_solve(&g, &so, &rg, &err), MC_OK);
    for (unsigned j = 0; j < 2; j++)
        ck_assert(mc_q_eq(&rt.value[j], &rg.value[j]));
    ck_assert_uint_eq(rt.unique, rg.unique);
    unsigned char *root = malloc(g.state_size);
    g.ops->root(&g, root);
    ck_assert_uint_eq(rt.tree_choice[0], mc_spe_choice(&rg, &g, root));
    free(root);
    mc_spe_result_free(&rt);
    mc_spe_result_free(&rg);
    mc_tree_free(&t);
    mc_game_destroy(&g);
    mc_pr_params_clear(&p);
}
END_TEST


/* The collusive Lemma 1 fails: n = 3, TV(w) = (1,1,1), coalition {1,2},
 * eps = 1/20.  Node: omega* = bot, K1 = (0,1,0), Delta^2 = (2,_,0),
 * Delta^3 = (0,0,_): P* = (2,1,0), bip = (2,1,1).  Lemma 1 prescribes YES
 * for both members (bip_1 = 2 and bip_2 = 1 lie in the block), but player 2
 * saying NO is better for the block: all YES costs the block
 * 3 - 2 eps (prices 2 + 1 for a state worth 0, minus eps each); 2 saying NO
 * costs the punishment 2 P*_2 = 2 to bip_2 = player 1 with probability
 * 1 - eps, and implements with probability eps Y/(nB) = 2 eps/3:
 * -2(1-eps) + (2 eps/3)(-3 + 2 eps).  Gap = 1 - 2 eps + (4/3) eps^2 = 271/300. */
START_TEST(test_lemma1_coalition_counterexample)
{
    mc_pr_params p;
    coalition_params(&p);
    mc_error err;
    /* the literal evaluation of the two plays */
    mc_pr_play play = {.omega = 0, .k1 = {0, 1, 0}};
    play.delta[1][0] = 2;
    int64_t pstar[3] = {2, 1, 0};
    unsigned bip[3] = {1, 0, 0};
    ck_assert(mc_pr_lemma1_yes(&p, 0, pstar, bip, 0));
    ck_assert(mc_pr_lemma1_yes(&p, 0, pstar, bip, 1));
    mc_pr_eval e;
    mc_pr_eval_init(&e);
    mc_q yes = MC_Q_ZERO, no = MC_Q_ZERO, gap = MC_Q_ZERO;
    ck_assert_int_eq(mc_pr_evaluate(&p, &play, &e, &err), MC_OK);
    mc_q_add(&yes, &e.eu[0], &e.eu[1]);
    play.no_mask = 2u;
    ck_assert_int_eq(mc_pr_evaluate(&p, &play, &e, &err), MC_OK);
    mc_q_add(&no, &e.eu[0], &e.eu[1]);
    mc_q_sub(&gap, &no, &yes);
    mc_test_q_is(&gap, "271/300", "block gain from player 2's NO");
    /* the same at a real state with MSW > 0: omega* = w, K1 = (1,1,0),
     * Delta^2 = (3,_,0): P* = (4,1,0), bip = (2,1,1); all YES costs the block
     * 5 - 2 - 2 eps, player 2's NO costs 2 (1 - eps) plus the same small
     * implementation branch: the gap is again 1 - 2 eps + (4/3) eps^2 */
    mc_pr_play w_play = {.omega = 1, .k1 = {1, 1, 0}};
    w_play.delta[1][0] = 3;
    int64_t wstar[3] = {4, 1, 0};
    ck_assert(mc_pr_lemma1_yes(&p, 1, wstar, bip, 1));
    ck_assert_int_eq(mc_pr_evaluate(&p, &w_play, &e, &err), MC_OK);
    mc_q_add(&yes, &e.eu[0], &e.eu[1]);
    w_play.no_mask = 2u;
    ck_assert_int_eq(mc_pr_evaluate(&p, &w_play, &e, &err), MC_OK);
    mc_q_add(&no, &e.eu[0], &e.eu[1]);
    mc_q_sub(&gap, &no, &yes);
    mc_test_q_is(&gap, "271/300", "block gain from player 2's NO at w");
    /* the audit finds the first node, with the same gap */
    mc_pr_audit a;
    run_audit(&a, &p);
    ck_assert_uint_gt(a.l1.failures, 0);
    ck_assert_uint_gt(a.l1.nkept, 0);
    ck_assert_str_eq(a.l1.kept[0].where, "bot:(0,1,0) (2,_,0) (0,0,_)");
    ck_assert_str_eq(a.l1.kept[0].prescribed, "1:YES,2:YES");
    ck_assert_str_eq(a.l1.kept[0].computed, "1:YES,2:NO");
    mc_test_q_is(&a.l1.kept[0].gap, "271/300", "audit gap");
    /* the equilibrium itself is still the prescribed one */
    ck_assert_uint_eq(a.l3.agree, 1);
    mc_test_q_is(&a.eval.revenue, "243/100", "revenue");
    mc_pr_audit_free(&a);
    mc_q_clear(&yes);
    mc_q_clear(&no);
    mc_q_clear(&gap);
    mc_pr_eval_clear(&e);
    mc_pr_params_clear(&p);
}
END_TEST

/* The collusive Lemma 2 fails: same instance, node omega* = bot,
 * K1 = (0,0,1), player 2 to raise.  Lemma 2 prescribes no raise (block
 * {1,2} is at its value 0; player 3 is at 1 >= 0).  Player 3 will say NO
 * (P*_3 = 1 > 0), so implementation has probability eps Y/(nB) = 2 eps/3
 * whatever the block does; raising player 1 by 3 (player 1 then votes YES)
 * costs the block 3 * 2 eps/3 = 2 eps in expectation and earns player 2 the
 * reward 3 eps^2_1 = 9/70: net 9/70 - 1/10 = 1/35 (the cap 3 binds: every
 * unit gains eps^2_1 - 2 eps/3 > 0, so without caps no best raise exists). */
START_TEST(test_lemma2_coalition_counterexample)
{
    mc_pr_params p;
    coalition_params(&p);
    mc_error err;
    int64_t c[3] = {0, 0, 1}, d[3];
    mc_pr_lemma2_raise(&p, 0, 1, c, d);
    ck_assert(d[0] == 0 && d[1] == 0 && d[2] == 0);
    /* the two plays, evaluated literally: A no raise, B raise player 1 by 3;
     * player 3 raises nobody and says NO, player 1 says YES in B */
    mc_pr_play a_play = {.omega = 0, .k1 = {0, 0, 1}, .no_mask = 4u}, b_play = a_play;
    b_play.delta[1][0] = 3;
    mc_pr_eval e;
    mc_pr_eval_init(&e);
    mc_q va = MC_Q_ZERO, vb = MC_Q_ZERO, gap = MC_Q_ZERO;
    ck_assert_int_eq(mc_pr_evaluate(&p, &a_play, &e, &err), MC_OK);
    mc_q_add(&va, &e.eu[0], &e.eu[1]);
    ck_assert_int_eq(mc_pr_evaluate(&p, &b_play, &e, &err), MC_OK);
    mc_q_add(&vb, &e.eu[0], &e.eu[1]);
    mc_q_sub(&gap, &vb, &va);
    mc_test_q_is(&gap, "1/35", "block gain from the raise");
    mc_pr_audit a;
    run_audit(&a, &p);
    ck_assert_uint_gt(a.l2.failures, 0);
    ck_assert_str_eq(a.l2.kept[0].where, "bot:(0,0,1)");
    ck_assert_str_eq(a.l2.kept[0].prescribed, "(0,_,0)");
    ck_assert_str_eq(a.l2.kept[0].computed, "(3,_,0)");
    mc_test_q_is(&a.l2.kept[0].gap, "1/35", "audit gap");
    mc_pr_audit_free(&a);
    mc_q_clear(&va);
    mc_q_clear(&vb);
    mc_q_clear(&gap);
    mc_pr_eval_clear(&e);
    mc_pr_params_clear(&p);
}
END_TEST

/* The least expected revenue over all plays: the one-player revenue game
 * (memoised backward induction) against a brute-force walk over every leaf
 * evaluated literally. */
static void min_revenue_walk(const mc_game *g, const mc_pr_params *p, const void *state,
                             mc_q *least, bool *have)
{
    mc_node node;
    mc_node_init(&node, g->nplayers);
    mc_error err;
    ck_assert_int_eq(g->ops->expand(g, state, &node, &err), MC_OK);
    if (node.kind == MC_NODE_TERMINAL) {
        mc_pr_view v;
        mc_pr_view_state(g, state, &v);
        mc_pr_eval e;
        mc_pr_eval_init(&e);
        ck_assert_int_eq(mc_pr_evaluate(p, &v.play, &e, &err), MC_OK);
        if (!*have || mc_q_cmp(&e.revenue, least) < 0)
            mc_q_set(least, &e.revenue);
        *have = true;
        mc_pr_eval_clear(&e);
    } else {
        unsigned char *child = malloc(g->state_size);
        for (uint64_t c = 0; c < mc_node_nchildren(&node); c++) {
            uint32_t choice[MC_MAX_MOVERS];
            mc_node_choice_of(&node, c, choice);
            g->ops->child(g, state, &node, choice, child);
            min_revenue_walk(g, p, child, least, have);
        }
        free(child);
    }
    mc_node_free(&node);
}

START_TEST(test_least_revenue)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    int64_t tv[3] = {1, 0, 2};
    mc_pr_params_simple(&p, 3, tv, 2);
    mc_game g, rg;
    mc_error err;
    ck_assert_int_eq(mc_pr_game_new(&g, &p, &err), MC_OK);
    ck_assert_int_eq(mc_pr_revenue_game_new(&rg, &g, &err), MC_OK);
    mc_spe_options so;
    mc_spe_defaults(&so);
    mc_spe_result r;
    ck_assert_int_eq(mc_spe_solve(&rg, &so, &r, &err), MC_OK);
    mc_q least = MC_Q_ZERO, neg = MC_Q_ZERO;
    bool have = false;
    unsigned char *root = malloc(g.state_size);
    g.ops->root(&g, root);
    min_revenue_walk(&g, &p, root, &least, &have);
    mc_q_neg(&neg, &r.value[0]);
    ck_assert(mc_q_eq(&neg, &least));
    free(root);
    mc_q_clear(&least);
    mc_q_clear(&neg);
    mc_spe_result_free(&r);
    mc_game_destroy(&rg);
    mc_game_destroy(&g);
    mc_pr_params_clear(&p);
}
END_TEST

/* The game written as a Gambit .efg, read back, its simultaneous stages
 * merged, and solved by the tree solver: the same values and uniqueness as
 * the generator (a coalition, explicit coins and off-path NO votes). */
START_TEST(test_efg_roundtrip)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    int64_t tv[3] = {1, 0, 1};
    mc_pr_params_simple(&p, 3, tv, 1);
    mc_q_set_frac(&p.eps, 1, 20);
    mc_pr_chain_default(&p);
    p.leaf = MC_PR_LEAF_CHANCE;
    mc_error err;
    ck_assert_int_eq(mc_agents_parse(&p.agents, 3, "1,3", &err), MC_OK);
    mc_game g;
    ck_assert_int_eq(mc_pr_game_new(&g, &p, &err), MC_OK);
    mc_tree t, back;
    ck_assert_int_eq(mc_tree_from_game(&g, &t, 1000000, &err), MC_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(mc_efg_write(&t, f, &err), MC_OK);
    fclose(f);
    mc_status st = mc_efg_parse(buf, len, "perfect-revenue.efg", &back, &err);
    ck_assert_msg(st == MC_OK, "%s", err.msg);
    uint32_t merged = 0;
    ck_assert_int_eq(mc_tree_merge_simultaneous(&back, &merged, &err), MC_OK);
    ck_assert_uint_gt(merged, 0);
    mc_spe_options so;
    mc_spe_defaults(&so);
    so.agents = &p.agents;
    mc_spe_result rt, rg;
    st = mc_spe_solve_tree(&back, &so, &rt, &err);
    ck_assert_msg(st == MC_OK, "%s", err.msg);
    ck_assert_int_eq(mc_spe_solve(&g, &so, &rg, &err), MC_OK);
    for (unsigned j = 0; j < 3; j++)
        ck_assert(mc_q_eq(&rt.value[j], &rg.value[j]));
    ck_assert_int_eq(rt.unique, rg.unique);
    mc_spe_result_free(&rt);
    mc_spe_result_free(&rg);
    free(buf);
    mc_tree_free(&back);
    mc_tree_free(&t);
    mc_game_destroy(&g);
    mc_pr_params_clear(&p);
}
END_TEST

Suite *mc_suite_perfect_revenue_spe(void)
{
    Suite *s = suite_create("perfect_revenue_spe");
    TCase *tc = tcase_create("fixtures");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_f4);
    tcase_add_test(tc, test_f4_offpath);
    tcase_add_test(tc, test_f5);
    tcase_add_test(tc, test_f6);
    tcase_add_test(tc, test_closed_vs_chance);
    tcase_add_test(tc, test_memo_vs_plain);
    tcase_add_test(tc, test_tree_vs_generator);
    tcase_add_test(tc, test_lemma1_coalition_counterexample);
    tcase_add_test(tc, test_lemma2_coalition_counterexample);
    tcase_add_test(tc, test_least_revenue);
    tcase_add_test(tc, test_efg_roundtrip);
    suite_add_tcase(s, tc);
    return s;
}

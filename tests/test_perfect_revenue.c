/* Mechanism M of the perfect-revenue paper: parameters and chain, the f_r
 * rank, the literal evaluation of one play (fixture F3, by hand), and the
 * generator's leaves against that evaluation over every play of small
 * instances. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mech/perfect_revenue.h"
#include "mechcheck/spe.h"
#include "testutil.h"

START_TEST(test_chain_default)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    mc_pr_params_simple(&p, 2, NULL, 1);
    mc_q_set_frac(&p.eps, 1, 20);
    mc_pr_chain_default(&p);
    mc_test_q_is(&p.chain[1][0], "1/30", "eps^2_1");
    mc_test_q_is(&p.chain[1][1], "1/60", "eps^2_2");
    mc_pr_params_simple(&p, 3, NULL, 1);
    mc_q_set_frac(&p.eps, 1, 20);
    mc_pr_chain_default(&p);
    /* (6,5,4)eps/7 and (3,2,1)eps/7 */
    mc_test_q_is(&p.chain[1][0], "3/70", "eps^2_1");
    mc_test_q_is(&p.chain[1][2], "1/35", "eps^2_3");
    mc_test_q_is(&p.chain[2][2], "1/140", "eps^3_3");
    mc_pr_params_simple(&p, 4, NULL, 1);
    mc_q_set_frac(&p.eps, 1, 25);
    mc_pr_chain_default(&p);
    mc_test_q_is(&p.chain[1][0], "12/325", "eps^2_1");
    mc_test_q_is(&p.chain[3][3], "1/325", "eps^4_4");
    mc_error err;
    ck_assert_int_eq(mc_pr_params_validate(&p, &err), MC_OK);
    mc_pr_params_clear(&p);
}
END_TEST

START_TEST(test_validate_rejects)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    int64_t tv[3] = {1, 1, 1};
    mc_pr_params_simple(&p, 3, tv, 1);
    mc_error err;
    ck_assert_int_eq(mc_pr_params_validate(&p, &err), MC_OK);
    /* eps must be below 1/(5n) = 1/15 */
    mc_q_set_frac(&p.eps, 1, 15);
    mc_pr_chain_default(&p);
    ck_assert_int_eq(mc_pr_params_validate(&p, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "1/(5n)"));
    /* the chain must decrease strictly, diagonal entries included */
    mc_q_set_frac(&p.eps, 1, 20);
    mc_pr_chain_default(&p);
    mc_q_set(&p.chain[1][1], &p.chain[1][2]);
    ck_assert_int_eq(mc_pr_params_validate(&p, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "eps^2_3"));
    mc_pr_chain_default(&p);
    mc_q_set_i64(&p.chain[2][2], 0);
    ck_assert_int_eq(mc_pr_params_validate(&p, &err), MC_EINPUT);
    mc_pr_chain_default(&p);
    p.tv[1][0] = -1;
    ck_assert_int_eq(mc_pr_params_validate(&p, &err), MC_EINPUT);
    p.tv[1][0] = 1;
    p.cap_d[1][1] = 1;
    ck_assert_int_eq(mc_pr_params_validate(&p, &err), MC_EINPUT);
    mc_pr_params_clear(&p);
}
END_TEST

/* Decreasing-lex order of compositions: enumerate them by nested loops in
 * that order and compare positions with the rank. */
START_TEST(test_composition_rank)
{
    mc_q rank = MC_Q_ZERO, count = MC_Q_ZERO;
    int64_t k2[2] = {1, 2};
    mc_pr_composition_rank(2, k2, &rank, &count);
    mc_test_q_is(&rank, "2", "rank (1,2)");
    mc_test_q_is(&count, "4", "C(4,1)");
    for (int64_t r = 0; r <= 5; r++) {
        int64_t pos = 0;
        for (int64_t a = r; a >= 0; a--)
            for (int64_t b = r - a; b >= 0; b--)
                for (int64_t c = r - a - b; c >= 0; c--) {
                    int64_t d = r - a - b - c;
                    int64_t k[4] = {a, b, c, d};
                    mc_pr_composition_rank(4, k, &rank, &count);
                    ck_assert(mc_q_is_int(&rank));
                    ck_assert_int_eq(rank.num, pos);
                    pos++;
                }
        ck_assert_int_eq(count.num, pos); /* C(r+3, 3) */
    }
    mc_q_clear(&rank);
    mc_q_clear(&count);
}
END_TEST

static void f3_params(mc_pr_params *p)
{
    int64_t tv[3] = {1, 1, 1};
    mc_pr_params_simple(p, 3, tv, 3);
    mc_q_set_frac(&p->eps, 1, 20);
    mc_pr_chain_default(p);
}

/* Fixture F3 (spec 6), every number re-derived by hand in the comments. */
START_TEST(test_f3_play)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    f3_params(&p);
    mc_pr_play play = {.omega = 1, .k1 = {1, 1, 1}, .no_mask = 1u | 4u};
    play.delta[1][2] = 2; /* Delta^2 = (0,0,2) */
    play.delta[2][0] = 1; /* Delta^3 = (1,0,0) */
    mc_pr_eval e;
    mc_pr_eval_init(&e);
    mc_error err;
    ck_assert_int_eq(mc_pr_evaluate(&p, &play, &e, &err), MC_OK);
    /* P* = (1+1, 1, 1+2), bip = (3, 1, 2) (0-based 2, 0, 1) */
    ck_assert_int_eq(e.pstar[0], 2);
    ck_assert_int_eq(e.pstar[1], 1);
    ck_assert_int_eq(e.pstar[2], 3);
    ck_assert_uint_eq(e.bip[0], 2);
    ck_assert_uint_eq(e.bip[1], 0);
    ck_assert_uint_eq(e.bip[2], 1);
    /* r = 3, n_r = 2 C(5,2) = 20, f = 1*10 + rank(1,1,1) = 10 + 4 */
    ck_assert_int_eq(e.r, 3);
    mc_test_q_is(&e.f, "14", "f");
    mc_test_q_is(&e.nr, "20", "n_r");
    ck_assert_uint_eq(e.yes, 1);
    ck_assert_int_eq(e.b, 5);
    ck_assert_int_eq(e.pun[0], 0);
    ck_assert_int_eq(e.pun[1], 6); /* 3 said NO, bip_3 = 2: 2*3 */
    ck_assert_int_eq(e.pun[2], 4); /* 1 said NO, bip_1 = 3: 2*2 */
    mc_test_q_is(&e.p_impl, "1/300", "eps Y/(nB)");
    /* rew_1 = eps(1 + 6 - 14/20) = 63/200; rew_2 = 1/20 + 2*4/140; rew_3 = 1/20 + 3/140 */
    mc_test_q_is(&e.rew[0], "63/200", "rew_1");
    mc_test_q_is(&e.rew[1], "3/28", "rew_2");
    mc_test_q_is(&e.rew[2], "1/14", "rew_3");
    mc_test_q_is(&e.eu[0], "1871/6000", "E[u_1]");
    mc_test_q_is(&e.eu[1], "-234893/42000", "E[u_2]");
    mc_test_q_is(&e.eu[2], "-52291/14000", "E[u_3]");
    mc_test_q_is(&e.revenue, "126363/14000", "revenue");
    ck_assert_uint_eq(e.nout, 3);
    mc_test_q_is(&e.out[0].prob, "19/20", "Pr[punish]");
    mc_test_q_is(&e.out[2].prob, "7/150", "Pr[null]"); /* eps (1 - 1/15) */
    /* consistency: revenue = Pr[impl] * welfare(omega*) - sum E[u] */
    mc_q chk = MC_Q_ZERO, w = MC_Q_INT(3);
    mc_q_mul(&chk, &e.p_impl, &w);
    for (unsigned j = 0; j < 3; j++)
        mc_q_sub(&chk, &chk, &e.eu[j]);
    ck_assert(mc_q_eq(&chk, &e.revenue));
    mc_q_clear(&chk);
    /* a NO from a player without a choice is not a play of M: player 1
     * unraised says YES by default */
    play.delta[2][0] = 0;
    play.no_mask = 1u;
    ck_assert_int_eq(mc_pr_evaluate(&p, &play, &e, &err), MC_EINPUT);
    mc_pr_eval_clear(&e);
    mc_pr_params_clear(&p);
}
END_TEST

START_TEST(test_prescriptions)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    int64_t tv[4] = {1, 2, 3, 1};
    mc_pr_params_simple(&p, 4, tv, 3);
    mc_error err;
    ck_assert_int_eq(mc_agents_parse(&p.agents, 4, "2,3", &err), MC_OK);
    int64_t c[4] = {0, 1, 1, 0}, d[4];
    /* player 2 (index 1): block {2,3} short by 3, player 4 outside later:
     * raise min(C \ {2}) = 3 by 3; block {1} short by 1; {4} short by 1 */
    mc_pr_lemma2_raise(&p, 1, 1, c, d);
    ck_assert_int_eq(d[0], 1);
    ck_assert_int_eq(d[1], 0);
    ck_assert_int_eq(d[2], 3);
    ck_assert_int_eq(d[3], 1);
    /* player 3 (index 2): own block but nobody outside after 3 except 4 */
    mc_pr_lemma2_raise(&p, 1, 2, c, d);
    ck_assert_int_eq(d[1], 3); /* min(C \ {3}) = 2 */
    /* player 4: no later players, own block is {4}: nothing on itself */
    mc_pr_lemma2_raise(&p, 1, 3, c, d);
    ck_assert_int_eq(d[3], 0);
    ck_assert_int_eq(d[1], 3); /* block {2,3} raised on its minimal member */
    int64_t k1[4];
    unsigned omega;
    mc_pr_lemma3_root(&p, &omega, k1);
    ck_assert_uint_eq(omega, 1);
    ck_assert_int_eq(k1[0], 1);
    ck_assert_int_eq(k1[1], 5);
    ck_assert_int_eq(k1[2], 0);
    ck_assert_int_eq(k1[3], 1);
    /* Lemma 1 for a block member: bip in the block means YES */
    int64_t pstar[4] = {1, 9, 1, 1};
    unsigned bip[4] = {0, 2, 0, 0};
    ck_assert(mc_pr_lemma1_yes(&p, 1, pstar, bip, 1));
    bip[1] = 3;
    ck_assert(!mc_pr_lemma1_yes(&p, 1, pstar, bip, 1)); /* 5 < 10 */
    pstar[1] = 4;
    ck_assert(mc_pr_lemma1_yes(&p, 1, pstar, bip, 1)); /* 5 >= 5 */
    ck_assert(mc_pr_lemma1_yes(&p, 1, pstar, bip, 3)); /* 1 >= 1 */
    mc_pr_params_clear(&p);
}
END_TEST

/* Every leaf of the generator against the literal evaluation of its play:
 * a DFS over the whole tree (no solver involved). */
typedef struct {
    const mc_game *g;
    const mc_pr_params *p;
    uint64_t leaves;
} walk;

static void walk_tree(walk *w, const void *state, unsigned depth)
{
    const mc_game *g = w->g;
    mc_node node;
    ck_assert_int_eq(mc_node_init(&node, g->nplayers), MC_OK);
    mc_error err;
    ck_assert_int_eq(g->ops->expand(g, state, &node, &err), MC_OK);
    if (node.kind == MC_NODE_TERMINAL) {
        mc_pr_view v;
        mc_pr_view_state(g, state, &v);
        mc_pr_eval e;
        mc_pr_eval_init(&e);
        ck_assert_msg(mc_pr_evaluate(w->p, &v.play, &e, &err) == MC_OK, "%s", err.msg);
        for (unsigned j = 0; j < g->nplayers; j++) {
            char a[128], b[128], d[256];
            mc_q_snprint(a, sizeof a, &node.payoff[j]);
            mc_q_snprint(b, sizeof b, &e.eu[j]);
            g->ops->describe(g, state, d, sizeof d);
            ck_assert_msg(mc_q_eq(&node.payoff[j], &e.eu[j]), "leaf %s player %u: %s vs %s", d,
                          j + 1, a, b);
        }
        mc_pr_eval_clear(&e);
        w->leaves++;
        mc_node_free(&node);
        return;
    }
    ck_assert_int_eq(node.kind, MC_NODE_DECISION);
    uint64_t k = mc_node_nchildren(&node);
    unsigned char *child = malloc(g->state_size);
    for (uint64_t c = 0; c < k; c++) {
        uint32_t choice[MC_MAX_MOVERS];
        mc_node_choice_of(&node, c, choice);
        g->ops->child(g, state, &node, choice, child);
        walk_tree(w, child, depth + 1);
    }
    free(child);
    mc_node_free(&node);
}

START_TEST(test_leaves_match_evaluation)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    int64_t tv[3] = {1, 0, 2};
    mc_pr_params_simple(&p, 3, tv, 1);
    p.nstates = 3;
    snprintf(p.state_name[2], MC_PR_NAME, "v");
    p.tv[2][0] = 1;
    p.tv[2][1] = 1;
    p.tv[2][2] = 0;
    mc_error err;
    ck_assert_int_eq(mc_agents_parse(&p.agents, 3, "1,3", &err), MC_OK);
    mc_game g;
    ck_assert_msg(mc_pr_game_new(&g, &p, &err) == MC_OK, "%s", err.msg);
    walk w = {.g = &g, .p = &p};
    unsigned char *root = malloc(g.state_size);
    g.ops->root(&g, root);
    walk_tree(&w, root, 0);
    /* 3 states * 8 root announcements, 4 * 4 raises, up to 8 votes */
    ck_assert_uint_gt(w.leaves, 3 * 7 * 16);
    ck_assert_uint_le(w.leaves, 3 * 8 * 16 * 8);
    free(root);
    mc_game_destroy(&g);
    mc_pr_params_clear(&p);
}
END_TEST

Suite *mc_suite_perfect_revenue(void)
{
    Suite *s = suite_create("perfect_revenue");
    TCase *tc = tcase_create("mechanism");
    tcase_add_test(tc, test_chain_default);
    tcase_add_test(tc, test_validate_rejects);
    tcase_add_test(tc, test_composition_rank);
    tcase_add_test(tc, test_f3_play);
    tcase_add_test(tc, test_prescriptions);
    tcase_add_test(tc, test_leaves_match_evaluation);
    suite_add_tcase(s, tc);
    return s;
}

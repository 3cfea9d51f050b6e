/* Backward induction: hand-computed fixtures, and random trees checked
 * against brute force over all pure strategy profiles (an SPE is a Nash
 * equilibrium in every subgame), the generic solver and the verifier. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/spe.h"
#include "testutil.h"
#include "treebuild.h"

static void solve_ok(const mc_tree *t, const mc_agents *agents, mc_spe_result *r)
{
    mc_spe_options o;
    mc_spe_defaults(&o);
    o.agents = agents;
    mc_error err;
    mc_status st = mc_spe_solve_tree(t, &o, r, &err);
    ck_assert_msg(st == MC_OK, "solve: %s", err.msg);
}

static void verify_ok(mc_tree *t, const mc_spe_result *r, bool strict)
{
    mc_game g;
    mc_error err;
    ck_assert_int_eq(mc_tree_game(t, &g, &err), MC_OK);
    mc_status st = mc_spe_verify(&g, r, strict, &err);
    ck_assert_msg(st == MC_OK, "verify: %s", err.msg);
}

/* Entry deterrence: the entrant (1) stays out or enters; the incumbent (2)
 * fights (-1,-1) or accommodates (1,1); out pays (0,2).  SPE: enter,
 * accommodate, values (1,1), unique. */
START_TEST(test_entry_deterrence)
{
    mc_tree *t = tb_new(2);
    tb_dec(t, 0, 2);
    TB_TERM(t, 0, 2);
    tb_dec(t, 1, 2);
    TB_TERM(t, -1, -1);
    TB_TERM(t, 1, 1);
    tb_finish(t);
    mc_spe_result r;
    solve_ok(t, NULL, &r);
    ck_assert_q_str(&r.value[0], "1");
    ck_assert_q_str(&r.value[1], "1");
    ck_assert(r.unique);
    ck_assert_uint_eq(r.tree_choice[0], 1);
    ck_assert_uint_eq(r.tree_choice[2], 1);
    verify_ok(t, &r, true);
    mc_spe_result_free(&r);
    tb_free(t);
}
END_TEST

/* Centipede with 4 moves, payoffs growing; backward induction takes at once. */
START_TEST(test_centipede)
{
    mc_tree *t = tb_new(2);
    tb_dec(t, 0, 2);
    TB_TERM(t, 1, 0);
    tb_dec(t, 1, 2);
    TB_TERM(t, 0, 2);
    tb_dec(t, 0, 2);
    TB_TERM(t, 3, 1);
    tb_dec(t, 1, 2);
    TB_TERM(t, 2, 4);
    TB_TERM(t, 3, 3);
    tb_finish(t);
    mc_spe_result r;
    solve_ok(t, NULL, &r);
    ck_assert_q_str(&r.value[0], "1");
    ck_assert_q_str(&r.value[1], "0");
    ck_assert_uint_eq(r.tree_choice[0], 0);
    ck_assert(r.unique);
    mc_game g;
    ck_assert_int_eq(mc_tree_game(t, &g, NULL), MC_OK);
    mc_spe_path path;
    ck_assert_int_eq(mc_spe_path_build(&g, &r, 0, &path, NULL), MC_OK);
    ck_assert_uint_eq(path.nsteps, 1);
    ck_assert_uint_eq(path.steps[0].action[0], 0);
    mc_spe_path_free(&path);
    verify_ok(t, &r, true);
    mc_spe_result_free(&r);
    tb_free(t);
}
END_TEST

/* Chance then choice: with prob 1/3 player 1 picks max(3, 0) = 3, with 2/3
 * picks max(1, 2) = 2.  Value of player 1 = 1 + 4/3 = 7/3; player 2 gets
 * 1/3*1 + 2/3*5 = 11/3. */
START_TEST(test_chance_expectation)
{
    mc_tree *t = tb_new(2);
    tb_chance(t, 2, "1/3", "2/3");
    tb_dec(t, 0, 2);
    TB_TERM(t, 3, 1);
    TB_TERM(t, 0, 7);
    tb_dec(t, 0, 2);
    TB_TERM(t, 1, 0);
    TB_TERM(t, 2, 5);
    tb_finish(t);
    mc_spe_result r;
    solve_ok(t, NULL, &r);
    ck_assert_q_str(&r.value[0], "7/3");
    ck_assert_q_str(&r.value[1], "11/3");
    mc_game g;
    ck_assert_int_eq(mc_tree_game(t, &g, NULL), MC_OK);
    mc_spe_path path;
    ck_assert_int_eq(mc_spe_path_build(&g, &r, 0, &path, NULL), MC_OK);
    ck_assert_uint_eq(path.nsteps, 3); /* the chance node and both decisions */
    ck_assert_q_str(&path.steps[2].reach, "2/3");
    mc_spe_path_free(&path);
    verify_ok(t, &r, true);
    mc_spe_result_free(&r);
    tb_free(t);
}
END_TEST

/* A tie: player 1 is indifferent between (2,0) and (2,5). */
START_TEST(test_tie_reported)
{
    mc_tree *t = tb_new(2);
    tb_dec(t, 0, 3);
    TB_TERM(t, 2, 0);
    TB_TERM(t, 1, 9);
    TB_TERM(t, 2, 5);
    tb_finish(t);
    mc_spe_result r;
    solve_ok(t, NULL, &r);
    ck_assert(!r.unique);
    ck_assert_uint_eq(r.nties, 1);
    ck_assert_uint_eq(r.ties[0].ntied, 2);
    ck_assert_uint_eq(r.ties[0].tied[0], 0);
    ck_assert_uint_eq(r.ties[0].tied[1], 2);
    ck_assert_q_str(&r.ties[0].value, "2");
    ck_assert_q_str(&r.value[1], "0"); /* first maximiser */
    verify_ok(t, &r, false);
    mc_game g;
    ck_assert_int_eq(mc_tree_game(t, &g, NULL), MC_OK);
    mc_error err;
    ck_assert_int_ne(mc_spe_verify(&g, &r, true, &err), MC_OK); /* not strict */
    mc_spe_result_free(&r);
    tb_free(t);
}
END_TEST

/* Prisoner's dilemma as a stage: C/D for both, (C,C)=(2,2), (C,D)=(0,3),
 * (D,C)=(3,0), (D,D)=(1,1): DOMINANT, chosen (D,D). */
START_TEST(test_stage_dominant)
{
    mc_tree *t = tb_new(2);
    tb_sim(t, 0, 2, 1, 2);
    TB_TERM(t, 2, 2);
    TB_TERM(t, 0, 3);
    TB_TERM(t, 3, 0);
    TB_TERM(t, 1, 1);
    tb_finish(t);
    mc_spe_result r;
    solve_ok(t, NULL, &r);
    ck_assert_uint_eq(r.nstages[MC_STAGE_DOMINANT], 1);
    ck_assert(r.unique);
    ck_assert_uint_eq(r.tree_choice[0], 3);
    ck_assert_q_str(&r.value[0], "1");
    verify_ok(t, &r, true);
    mc_spe_result_free(&r);
    /* as one agent {1,2} the pair cooperates: max sum 4 */
    mc_agents a;
    ck_assert_int_eq(mc_agents_parse(&a, 2, "1,2", NULL), MC_OK);
    solve_ok(t, &a, &r);
    ck_assert_uint_eq(r.tree_choice[0], 0);
    ck_assert_q_str(&r.value[0], "2");
    ck_assert(r.unique);
    verify_ok(t, &r, true);
    mc_spe_result_free(&r);
    tb_free(t);
}
END_TEST

/* Battle of the sexes: two pure NE, not dominance solvable. */
START_TEST(test_stage_multi_ne)
{
    mc_tree *t = tb_new(2);
    tb_sim(t, 0, 2, 1, 2);
    TB_TERM(t, 2, 1);
    TB_TERM(t, 0, 0);
    TB_TERM(t, 0, 0);
    TB_TERM(t, 1, 2);
    tb_finish(t);
    mc_spe_result r;
    solve_ok(t, NULL, &r);
    ck_assert_uint_eq(r.nstages[MC_STAGE_MULTI_NE], 1);
    ck_assert(!r.unique);
    ck_assert_uint_eq(r.nstages_kept, 1);
    ck_assert_uint_eq(r.stages[0].nne, 2);
    ck_assert_uint_eq(r.stages[0].ne[0], 0);
    ck_assert_uint_eq(r.stages[0].ne[1], 3);
    ck_assert_uint_eq(r.stages[0].nsurvivors, 4);
    ck_assert_q_str(&r.value[0], "2");
    verify_ok(t, &r, false);
    mc_spe_result_free(&r);
    tb_free(t);
}
END_TEST

/* Matching pennies: no pure NE; the witness must be rejected. */
START_TEST(test_stage_no_pure_ne)
{
    mc_tree *t = tb_new(2);
    tb_sim(t, 0, 2, 1, 2);
    TB_TERM(t, 1, -1);
    TB_TERM(t, -1, 1);
    TB_TERM(t, -1, 1);
    TB_TERM(t, 1, -1);
    tb_finish(t);
    mc_spe_result r;
    solve_ok(t, NULL, &r);
    ck_assert_uint_eq(r.nstages[MC_STAGE_NO_PURE_NE], 1);
    mc_game g;
    ck_assert_int_eq(mc_tree_game(t, &g, NULL), MC_OK);
    mc_error err;
    ck_assert_int_ne(mc_spe_verify(&g, &r, false, &err), MC_OK);
    ck_assert_ptr_nonnull(strstr(err.msg, "witness rejected"));
    mc_spe_result_free(&r);
    mc_spe_options o;
    mc_spe_defaults(&o);
    o.resolve = MC_RESOLVE_ABORT;
    ck_assert_int_eq(mc_spe_solve_tree(t, &o, &r, &err), MC_EUNSUPPORTED);
    tb_free(t);
}
END_TEST

/* IESDS needs three steps.  Rows U,D (player 1) x columns L,C,R (player 2):
 *   U: (3,2) (0,0) (2,1)     D: (0,0) (4,0) (1,3)
 * C is strictly dominated by R; then U dominates D; then L beats R. */
START_TEST(test_stage_iesds_only)
{
    mc_tree *t = tb_new(2);
    tb_sim(t, 0, 2, 1, 3);
    TB_TERM(t, 3, 2);
    TB_TERM(t, 0, 0);
    TB_TERM(t, 2, 1);
    TB_TERM(t, 0, 0);
    TB_TERM(t, 4, 0);
    TB_TERM(t, 1, 3);
    tb_finish(t);
    mc_spe_result r;
    solve_ok(t, NULL, &r);
    /* player 1 has no dominant row in the full stage (D is better at C) */
    ck_assert_uint_eq(r.nstages[MC_STAGE_IESDS_ONLY], 1);
    ck_assert_uint_eq(r.tree_choice[0], 0); /* (U, L) */
    ck_assert(!r.unique);
    verify_ok(t, &r, false);
    mc_spe_result_free(&r);
    tb_free(t);
}
END_TEST

/* An outcome at an inner node adds to every payoff below. */
START_TEST(test_inner_outcome)
{
    mc_tree *t = tb_new(2);
    mc_q pay[2] = {MC_Q_INT(10), MC_Q_INT(-1)};
    uint32_t o = mc_tree_add_outcome(t, pay, 0, 0, NULL);
    uint32_t ids[2];
    tb_labels(t, 2, "x", ids);
    uint32_t is = mc_tree_add_infoset(t, 1, 2, ids, 0, 0, NULL);
    mc_tree_add_node(t, MC_TNODE_DECISION, is, o, 0, NULL);
    TB_TERM(t, 1, 1);
    TB_TERM(t, 0, 2);
    tb_finish(t);
    mc_spe_result r;
    solve_ok(t, NULL, &r);
    ck_assert_q_str(&r.value[0], "10");
    ck_assert_q_str(&r.value[1], "1");
    verify_ok(t, &r, true);
    mc_spe_result_free(&r);
    tb_free(t);
}
END_TEST

/* Imperfect information is refused with a clear reason. */
START_TEST(test_imperfect_refused)
{
    mc_tree *t = tb_new(2);
    tb_dec(t, 0, 2);
    uint32_t ids[2];
    tb_labels(t, 2, "y", ids);
    uint32_t is = mc_tree_add_infoset(t, 1, 2, ids, 0, 7, NULL);
    tb_dec_in(t, is);
    TB_TERM(t, 1, 1);
    TB_TERM(t, 0, 0);
    tb_dec(t, 0, 2); /* breaks the stage pattern: not a merge candidate */
    TB_TERM(t, 1, 1);
    TB_TERM(t, 0, 0);
    tb_finish(t);
    /* the infoset holds one node only: perfect information after all */
    ck_assert(t->perfect_information);
    tb_free(t);

    t = tb_new(2);
    tb_chance(t, 2, "1/2", "1/2");
    is = mc_tree_add_infoset(t, 1, 2, ids, 0, 7, NULL);
    tb_dec_in(t, is);
    TB_TERM(t, 1, 1);
    TB_TERM(t, 0, 0);
    tb_dec_in(t, is);
    TB_TERM(t, 0, 1);
    TB_TERM(t, 1, 0);
    tb_finish(t);
    ck_assert(!t->perfect_information);
    mc_spe_result r;
    mc_error err;
    ck_assert_int_eq(mc_spe_solve_tree(t, NULL, &r, &err), MC_EUNSUPPORTED);
    ck_assert_ptr_nonnull(strstr(err.msg, "information set 7 of player 2 holds 2 nodes"));
    mc_game g;
    ck_assert_int_eq(mc_tree_game(t, &g, NULL), MC_OK);
    ck_assert_int_eq(mc_spe_solve(&g, NULL, &r, &err), MC_EUNSUPPORTED);
    tb_free(t);
}
END_TEST

/* A stage written the Gambit way merges into one simultaneous node and
 * solves like the native one. */
START_TEST(test_merge_stage)
{
    mc_tree *t = tb_new(2);
    tb_dec(t, 0, 2);
    uint32_t ids[2];
    tb_labels(t, 2, "b", ids);
    uint32_t is = mc_tree_add_infoset(t, 1, 2, ids, 0, 0, NULL);
    tb_dec_in(t, is);
    TB_TERM(t, 2, 2);
    TB_TERM(t, 0, 3);
    tb_dec_in(t, is);
    TB_TERM(t, 3, 0);
    TB_TERM(t, 1, 1);
    tb_finish(t);
    ck_assert(!t->perfect_information);
    uint32_t merged;
    mc_error err;
    ck_assert_int_eq(mc_tree_merge_simultaneous(t, &merged, &err), MC_OK);
    ck_assert_uint_eq(merged, 1);
    ck_assert_uint_eq(t->nnodes, 5);
    ck_assert_uint_eq(t->kind[0], MC_TNODE_SIMULTANEOUS);
    ck_assert(t->perfect_information);
    mc_spe_result r;
    solve_ok(t, NULL, &r);
    ck_assert_uint_eq(r.nstages[MC_STAGE_DOMINANT], 1);
    ck_assert_uint_eq(r.tree_choice[0], 3);
    mc_spe_result_free(&r);
    tb_free(t);
}
END_TEST

/* The merged tree's nodes map back to the file's preorder numbers: a
 * terminal, then a stage whose inner nodes (#3, #6) disappear. */
START_TEST(test_merge_stage_map)
{
    mc_tree *t = tb_new(2);
    tb_dec(t, 0, 2);
    TB_TERM(t, 9, 9);   /* #1 */
    tb_dec(t, 0, 2);    /* #2: the stage's first mover */
    uint32_t ids[2];
    tb_labels(t, 2, "b", ids);
    uint32_t is = mc_tree_add_infoset(t, 1, 2, ids, 0, 0, NULL);
    tb_dec_in(t, is);   /* #3 */
    TB_TERM(t, 2, 2);   /* #4 */
    TB_TERM(t, 0, 3);   /* #5 */
    tb_dec_in(t, is);   /* #6 */
    TB_TERM(t, 3, 0);   /* #7 */
    TB_TERM(t, 1, 1);   /* #8 */
    tb_finish(t);
    uint32_t merged, *old = NULL;
    mc_error err;
    ck_assert_int_eq(mc_tree_merge_simultaneous_map(t, &merged, &old, &err), MC_OK);
    ck_assert_uint_eq(merged, 1);
    ck_assert_uint_eq(t->nnodes, 7);
    ck_assert_uint_eq(t->kind[2], MC_TNODE_SIMULTANEOUS);
    ck_assert_ptr_nonnull(old);
    static const uint32_t expect[7] = {0, 1, 2, 4, 5, 7, 8};
    for (uint32_t v = 0; v < 7; v++)
        ck_assert_uint_eq(old[v], expect[v]);
    free(old);
    /* the players' information sets at the merged stage, at a decision
     * node, and where a player does not move */
    uint32_t is0 = mc_tree_player_infoset(t, 2, 0), is1 = mc_tree_player_infoset(t, 2, 1);
    ck_assert_uint_ne(is0, MC_TREE_NONE);
    ck_assert_uint_eq(t->infosets[is0].player, 0);
    ck_assert_uint_eq(is1, is);
    ck_assert_uint_eq(mc_tree_player_infoset(t, 0, 0), t->ref[0]);
    ck_assert_uint_eq(mc_tree_player_infoset(t, 0, 1), MC_TREE_NONE);
    ck_assert_uint_eq(mc_tree_player_infoset(t, 1, 0), MC_TREE_NONE); /* a terminal */
    /* nothing left to merge: no map */
    old = (uint32_t *)&merged;
    ck_assert_int_eq(mc_tree_merge_simultaneous_map(t, &merged, &old, &err), MC_OK);
    ck_assert_uint_eq(merged, 0);
    ck_assert_ptr_null(old);
    tb_free(t);
}
END_TEST

/* ---- random trees against brute force ------------------------------------ */

typedef struct {
    uint64_t s;
} rng;

static uint32_t rnd(rng *r, uint32_t n)
{
    r->s = r->s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)((r->s >> 33) % n);
}

static void gen(mc_tree *t, rng *r, unsigned depth, uint64_t *profiles)
{
    unsigned np = t->nplayers;
    uint32_t x = rnd(r, 100);
    if (depth >= 4 || x < 25 || *profiles > 4096) {
        long pay[8];
        for (unsigned p = 0; p < np; p++)
            pay[p] = (long)rnd(r, 4);
        tb_term_v(t, pay);
        return;
    }
    if (x < 70) {
        uint32_t k = 2 + rnd(r, 2);
        tb_dec(t, rnd(r, np), k);
        *profiles *= k;
        for (uint32_t c = 0; c < k; c++)
            gen(t, r, depth + 1, profiles);
    } else if (x < 85) {
        unsigned p0 = rnd(r, np), p1 = (p0 + 1 + rnd(r, np - 1)) % np;
        tb_sim(t, p0, 2, p1, 2);
        *profiles *= 4;
        for (uint32_t c = 0; c < 4; c++)
            gen(t, r, depth + 1, profiles);
    } else {
        static const char *probs[][2] = {{"1/2", "1/2"}, {"1/3", "2/3"}, {"3/4", "1/4"}};
        uint32_t w = rnd(r, 3);
        tb_chance(t, 2, probs[w][0], probs[w][1]);
        for (uint32_t c = 0; c < 2; c++)
            gen(t, r, depth + 1, profiles);
    }
}

/* A pure profile: one action per (decision node, mover). */
typedef struct {
    const mc_tree *t;
    const mc_agents *a;
    uint32_t *slot_of;  /* node -> first slot */
    uint32_t *act;      /* slot -> action */
} profile;

static void movers_of(const mc_tree *t, uint32_t v, unsigned *player, uint32_t *n, unsigned *nm)
{
    if (t->kind[v] == MC_TNODE_DECISION) {
        player[0] = t->infosets[t->ref[v]].player;
        n[0] = t->infosets[t->ref[v]].nactions;
        *nm = 1;
        return;
    }
    const mc_tree_simul *s = &t->simuls[t->ref[v]];
    *nm = s->nmovers;
    for (unsigned m = 0; m < s->nmovers; m++) {
        player[m] = t->infosets[t->simul_infosets[s->movers + m]].player;
        n[m] = t->infosets[t->simul_infosets[s->movers + m]].nactions;
    }
}

static uint32_t child_index(const profile *pr, uint32_t v, const uint32_t *acts)
{
    unsigned player[MC_MAX_MOVERS], nm;
    uint32_t n[MC_MAX_MOVERS], idx = 0;
    movers_of(pr->t, v, player, n, &nm);
    for (unsigned m = 0; m < nm; m++)
        idx = idx * n[m] + acts[m];
    return idx;
}

/* Agent a's value of the subgame at v: under the profile (br = false), or
 * its best response with everybody else fixed (br = true). */
static void agent_value(const profile *pr, uint32_t v, unsigned agent, bool br, mc_q *out)
{
    const mc_tree *t = pr->t;
    mc_q tmp = MC_Q_ZERO;
    switch (t->kind[v]) {
    case MC_TNODE_TERMINAL: {
        mc_q buf[8];
        mc_q_init_vec(buf, t->nplayers);
        const mc_q *pay = mc_tree_outcome_payoffs(t, t->outcome[v], buf);
        mc_q_set_i64(out, 0);
        for (unsigned p = 0; p < t->nplayers; p++)
            if (pr->a->agent_of[p] == agent)
                mc_q_add(out, out, &pay[p]);
        mc_q_clear_vec(buf, t->nplayers);
        break;
    }
    case MC_TNODE_CHANCE: {
        const mc_tree_chance *c = &t->chances[t->ref[v]];
        mc_q_set_i64(out, 0);
        for (uint32_t i = 0; i < c->nchance; i++) {
            agent_value(pr, mc_tree_child(t, v, i), agent, br, &tmp);
            mc_q_addmul(out, &t->probs[c->probs + i], &tmp);
        }
        break;
    }
    default: {
        unsigned player[MC_MAX_MOVERS], nm;
        uint32_t n[MC_MAX_MOVERS], acts[MC_MAX_MOVERS];
        movers_of(t, v, player, n, &nm);
        for (unsigned m = 0; m < nm; m++)
            acts[m] = pr->act[pr->slot_of[v] + m];
        if (!br) {
            agent_value(pr, mc_tree_child(t, v, child_index(pr, v, acts)), agent, false, out);
            break;
        }
        /* maximise over this agent's own components, others fixed */
        uint32_t total = 1;
        for (unsigned m = 0; m < nm; m++)
            if (pr->a->agent_of[player[m]] == agent)
                total *= n[m];
        bool first = true;
        for (uint32_t j = 0; j < total; j++) {
            uint32_t rest = j;
            for (unsigned m = 0; m < nm; m++)
                if (pr->a->agent_of[player[m]] == agent) {
                    acts[m] = rest % n[m];
                    rest /= n[m];
                }
            agent_value(pr, mc_tree_child(t, v, child_index(pr, v, acts)), agent, true, &tmp);
            if (first || mc_q_cmp(&tmp, out) > 0)
                mc_q_set(out, &tmp);
            first = false;
        }
    }
    }
    mc_q_clear(&tmp);
}

static bool is_spe(const profile *pr)
{
    mc_q v = MC_Q_ZERO, b = MC_Q_ZERO;
    bool ok = true;
    for (uint32_t node = 0; node < pr->t->nnodes && ok; node++)
        for (unsigned a = 0; a < pr->a->nagents && ok; a++) {
            agent_value(pr, node, a, false, &v);
            agent_value(pr, node, a, true, &b);
            ok = mc_q_eq(&v, &b);
        }
    mc_q_clear(&v);
    mc_q_clear(&b);
    return ok;
}

/* How many random trees exercised each situation (so the test cannot
 * silently become vacuous). */
static struct {
    unsigned trees, with_ties, with_stages, no_pure, multi_spe, unique;
} seen;

static void cross_check(uint64_t seed, const char *agents_spec)
{
    rng r = {seed};
    uint64_t profiles = 1;
    mc_tree *t = tb_new(3);
    gen(t, &r, 0, &profiles);
    tb_finish(t);
    mc_agents a;
    ck_assert_int_eq(mc_agents_parse(&a, 3, agents_spec, NULL), MC_OK);
    mc_spe_result res, gres;
    solve_ok(t, &a, &res);

    /* the generic solver on the tree's generator view agrees in everything */
    mc_game g;
    mc_error err;
    ck_assert_int_eq(mc_tree_game(t, &g, &err), MC_OK);
    mc_spe_options o;
    mc_spe_defaults(&o);
    o.agents = &a;
    ck_assert_int_eq(mc_spe_solve(&g, &o, &gres, &err), MC_OK);
    for (unsigned p = 0; p < 3; p++)
        ck_assert(mc_q_eq(&res.value[p], &gres.value[p]));
    ck_assert_int_eq(res.unique, gres.unique);
    ck_assert_uint_eq(res.nties, gres.nties);
    for (int c = 0; c < MC_STAGE_NCLASSES; c++)
        ck_assert_uint_eq(res.nstages[c], gres.nstages[c]);

    /* enumerate every pure profile; collect the SPE */
    profile pr = {t, &a, calloc(t->nnodes, sizeof(uint32_t)), NULL};
    uint32_t nslots = 0, radix[64];
    for (uint32_t v = 0; v < t->nnodes; v++) {
        if (t->kind[v] != MC_TNODE_DECISION && t->kind[v] != MC_TNODE_SIMULTANEOUS)
            continue;
        unsigned player[MC_MAX_MOVERS], nm;
        uint32_t n[MC_MAX_MOVERS];
        movers_of(t, v, player, n, &nm);
        pr.slot_of[v] = nslots;
        for (unsigned m = 0; m < nm; m++)
            radix[nslots++] = n[m];
        ck_assert_uint_le(nslots, 60);
    }
    pr.act = calloc(nslots + 1, sizeof(uint32_t));
    uint32_t *bi = calloc(nslots + 1, sizeof(uint32_t));
    for (uint32_t v = 0; v < t->nnodes; v++) {
        if (t->kind[v] != MC_TNODE_DECISION && t->kind[v] != MC_TNODE_SIMULTANEOUS)
            continue;
        ck_assert_uint_eq(mc_spe_choice(&gres, &g, &v), res.tree_choice[v]);
        unsigned player[MC_MAX_MOVERS], nm;
        uint32_t n[MC_MAX_MOVERS], c = res.tree_choice[v];
        movers_of(t, v, player, n, &nm);
        for (unsigned m = nm; m-- > 0;) {
            bi[pr.slot_of[v] + m] = c % n[m];
            c /= n[m];
        }
    }
    uint64_t nspe = 0;
    bool bi_found = false;
    for (;;) {
        if (is_spe(&pr)) {
            nspe++;
            if (memcmp(pr.act, bi, nslots * sizeof *bi) == 0)
                bi_found = true;
        }
        uint32_t i = 0;
        while (i < nslots && ++pr.act[i] == radix[i])
            pr.act[i++] = 0;
        if (i == nslots)
            break;
    }
    /* Without ties or several stage equilibria, every subgame's continuation
     * is forced, so the SPE is unique or (a stage without pure NE) absent.
     * A tie in a game without stages always leaves a second SPE (break it
     * the other way).  With stages, another tie-break may remove or create
     * pure equilibria upstream, so only these implications are exact. */
    bool forced = res.nties == 0 && res.nstages[MC_STAGE_MULTI_NE] == 0;
    uint64_t nstages = 0;
    for (int c = 0; c < MC_STAGE_NCLASSES; c++)
        nstages += res.nstages[c];
    seen.trees++;
    seen.with_ties += res.nties > 0;
    seen.with_stages += nstages > 0;
    seen.no_pure += res.nstages[MC_STAGE_NO_PURE_NE] > 0;
    seen.multi_spe += nspe >= 2;
    seen.unique += res.unique;
    if (res.nstages[MC_STAGE_NO_PURE_NE] > 0) {
        if (forced)
            ck_assert_uint_eq(nspe, 0);
        ck_assert(!bi_found);
        ck_assert_int_ne(mc_spe_verify(&g, &res, false, &err), MC_OK);
    } else {
        ck_assert_msg(bi_found, "seed %llu: BI profile is not an SPE", (unsigned long long)seed);
        mc_status st = mc_spe_verify(&g, &res, false, &err);
        ck_assert_msg(st == MC_OK, "seed %llu: %s", (unsigned long long)seed, err.msg);
        if (forced)
            ck_assert_msg(nspe == 1, "seed %llu: %llu SPE", (unsigned long long)seed,
                          (unsigned long long)nspe);
        if (res.nties > 0 && nstages == 0)
            ck_assert_msg(nspe >= 2, "seed %llu: %llu SPE with %llu ties",
                          (unsigned long long)seed, (unsigned long long)nspe,
                          (unsigned long long)res.nties);
        ck_assert_int_eq(mc_spe_verify(&g, &res, true, &err) == MC_OK, res.unique);
        /* the profile's value is the root value */
        mc_q v = MC_Q_ZERO;
        memcpy(pr.act, bi, nslots * sizeof *bi);
        for (unsigned p = 0; p < 3; p++) {
            mc_agents solo;
            mc_agents_singletons(&solo, 3);
            profile one = pr;
            one.a = &solo;
            agent_value(&one, 0, p, false, &v);
            ck_assert(mc_q_eq(&v, &res.value[p]));
        }
        mc_q_clear(&v);
    }
    free(pr.slot_of);
    free(pr.act);
    free(bi);
    mc_spe_result_free(&res);
    mc_spe_result_free(&gres);
    tb_free(t);
}

START_TEST(test_random_vs_brute_force)
{
    memset(&seen, 0, sizeof seen);
    for (uint64_t seed = 1; seed <= 150; seed++)
        cross_check(seed * 7919, "");
    ck_assert_uint_ge(seen.with_ties, 20);
    ck_assert_uint_ge(seen.with_stages, 20);
    ck_assert_uint_ge(seen.no_pure, 3);
    ck_assert_uint_ge(seen.multi_spe, 20);
    ck_assert_uint_ge(seen.unique, 10);
}
END_TEST

START_TEST(test_random_coalitions_vs_brute_force)
{
    for (uint64_t seed = 1; seed <= 120; seed++)
        cross_check(seed * 104729, seed % 2 ? "1,2" : "2,3");
}
END_TEST

/* Materialising the tree's generator view gives back the same tree. */
START_TEST(test_tree_from_game)
{
    rng r = {7919 * 3};
    uint64_t profiles = 1;
    mc_tree *t = tb_new(3);
    gen(t, &r, 0, &profiles);
    tb_finish(t);
    mc_game g;
    mc_tree copy;
    mc_error err;
    ck_assert_int_eq(mc_tree_game(t, &g, &err), MC_OK);
    ck_assert_int_eq(mc_tree_from_game(&g, &copy, 1000000, &err), MC_OK);
    ck_assert_uint_eq(copy.nnodes, t->nnodes);
    for (uint32_t v = 0; v < t->nnodes; v++) {
        ck_assert_uint_eq(copy.kind[v], t->kind[v]);
        ck_assert_uint_eq(mc_tree_nchildren(&copy, v), mc_tree_nchildren(t, v));
    }
    mc_spe_result a, b;
    solve_ok(t, NULL, &a);
    solve_ok(&copy, NULL, &b);
    for (unsigned p = 0; p < 3; p++)
        ck_assert(mc_q_eq(&a.value[p], &b.value[p]));
    mc_spe_result_free(&a);
    mc_spe_result_free(&b);
    mc_tree_free(&copy);
    ck_assert_uint_gt(t->nnodes, 5);
    ck_assert_int_eq(mc_tree_from_game(&g, &copy, t->nnodes - 1, &err), MC_ELIMIT);
    tb_free(t);
}
END_TEST

Suite *mc_suite_spe(void)
{
    Suite *s = suite_create("spe");
    TCase *tc = tcase_create("fixtures");
    tcase_add_test(tc, test_entry_deterrence);
    tcase_add_test(tc, test_centipede);
    tcase_add_test(tc, test_chance_expectation);
    tcase_add_test(tc, test_tie_reported);
    tcase_add_test(tc, test_stage_dominant);
    tcase_add_test(tc, test_stage_multi_ne);
    tcase_add_test(tc, test_stage_no_pure_ne);
    tcase_add_test(tc, test_stage_iesds_only);
    tcase_add_test(tc, test_inner_outcome);
    tcase_add_test(tc, test_imperfect_refused);
    tcase_add_test(tc, test_merge_stage);
    tcase_add_test(tc, test_merge_stage_map);
    tcase_add_test(tc, test_tree_from_game);
    suite_add_tcase(s, tc);
    TCase *rt = tcase_create("random");
    tcase_set_timeout(rt, 120);
    tcase_add_test(rt, test_random_vs_brute_force);
    tcase_add_test(rt, test_random_coalitions_vs_brute_force);
    suite_add_tcase(s, rt);
    return s;
}

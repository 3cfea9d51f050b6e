/* The stage-game logic of backward induction (src/solve/decide.c) against
 * the general dominance and Nash modules on random stage games: the same
 * IESDS survivors, the same pure equilibria, the same DOMINANT verdict. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/dominance.h"
#include "mechcheck/nash.h"
#include "solve/decide.h"
#include "testutil.h"

static uint64_t rng_state;
static uint32_t rnd(uint32_t n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)((rng_state >> 33) % n);
}

typedef struct {
    unsigned nmovers;
    uint32_t nactions[4];
    mc_agents agents;
    unsigned nagent_at;            /* agents at the node, in order of first mover */
    unsigned agent_at[4];
    uint64_t nchildren;
    mc_q *values;                  /* nchildren * nplayers */
} stage_game;

/* Child index of the joint actions of each agent at the node: an agent's
 * joint action runs over its movers with the last one fastest. */
static uint64_t child_of(const stage_game *g, const uint32_t *joint)
{
    uint32_t act[4];
    for (unsigned k = 0; k < g->nagent_at; k++) {
        uint32_t rest = joint[k];
        for (unsigned m = g->nmovers; m-- > 0;)
            if (g->agents.agent_of[m] == g->agent_at[k]) {
                act[m] = rest % g->nactions[m];
                rest /= g->nactions[m];
            }
    }
    uint64_t c = 0;
    for (unsigned m = 0; m < g->nmovers; m++)
        c = c * g->nactions[m] + act[m];
    return c;
}

static void one_game(const char *agents_spec, unsigned nmovers)
{
    stage_game g = {.nmovers = nmovers, .nchildren = 1};
    ck_assert_int_eq(mc_agents_parse(&g.agents, nmovers, agents_spec, NULL), MC_OK);
    for (unsigned m = 0; m < nmovers; m++) {
        g.nactions[m] = 2 + rnd(2);
        g.nchildren *= g.nactions[m];
        unsigned a = g.agents.agent_of[m], k = 0;
        while (k < g.nagent_at && g.agent_at[k] != a)
            k++;
        if (k == g.nagent_at)
            g.agent_at[g.nagent_at++] = a;
    }
    g.values = malloc(g.nchildren * nmovers * sizeof *g.values);
    for (uint64_t i = 0; i < g.nchildren * nmovers; i++)
        g.values[i] = MC_Q_INT(rnd(4));

    /* the solver's decision */
    mc_node node;
    memset(&node, 0, sizeof node);
    node.kind = MC_NODE_DECISION;
    node.nmovers = nmovers;
    for (unsigned m = 0; m < nmovers; m++) {
        node.mover[m] = m;
        node.nactions[m] = g.nactions[m];
        node.infoset[m] = MC_INFOSET_SINGLETON;
    }
    mc_decider dec;
    mc_decider_init(&dec, &g.agents, nmovers);
    mc_decision d;
    mc_children ch = {g.values, (ptrdiff_t)nmovers};
    ck_assert_int_eq(mc_decide(&dec, &node, ch, &d, NULL), MC_OK);
    mc_decider_free(&dec);
    if (g.nagent_at == 1) {
        ck_assert(d.single);
        free(g.values);
        return;
    }
    ck_assert(!d.single);

    /* the same game as a strategic form among the agents at the node */
    uint32_t nstrat[4];
    for (unsigned k = 0; k < g.nagent_at; k++) {
        nstrat[k] = 1;
        for (unsigned m = 0; m < nmovers; m++)
            if (g.agents.agent_of[m] == g.agent_at[k])
                nstrat[k] *= g.nactions[m];
    }
    mc_sform sf;
    ck_assert_int_eq(mc_sform_init(&sf, g.nagent_at, nstrat, false, 0, NULL), MC_OK);
    for (uint64_t prof = 0; prof < sf.nprofiles; prof++) {
        uint32_t joint[4];
        mc_sform_profile_of(&sf, prof, joint);
        uint64_t c = child_of(&g, joint);
        for (unsigned k = 0; k < g.nagent_at; k++) {
            mc_q *u = mc_sform_payoff(&sf, prof, k);
            mc_q_set_i64(u, 0);
            for (unsigned p = 0; p < nmovers; p++)
                if (g.agents.agent_of[p] == g.agent_at[k])
                    mc_q_add(u, u, &g.values[c * nmovers + p]);
        }
    }
    mc_dom_game dg;
    ck_assert_int_eq(mc_dom_game_init(&dg, &sf, NULL), MC_OK);
    mc_dom_options o;
    mc_dom_options_default(&o, MC_DOM_STRICT, MC_DOM_ROUNDS);
    mc_dom_result res;
    ck_assert_int_eq(mc_dom_iterate(&dg, NULL, &o, &res, NULL), MC_OK);

    /* survivors: same count, and each listed survivor survives */
    ck_assert_uint_eq(d.nsurvivors, mc_survivors_nprofiles(&res.survivors));
    uint64_t listed = 0;
    for (uint64_t prof = 0; prof < sf.nprofiles; prof++) {
        uint32_t joint[4];
        mc_sform_profile_of(&sf, prof, joint);
        bool alive = true;
        for (unsigned k = 0; k < g.nagent_at; k++)
            alive = alive && mc_survivors_has(&res.survivors, k, joint[k]);
        if (!alive)
            continue;
        uint64_t c = child_of(&g, joint);
        for (uint64_t i = 0; i < d.nsurvivors && i < MC_SPE_SHOW; i++)
            listed += d.survivors[i] == c;
    }
    ck_assert_uint_eq(listed, d.nsurvivors < MC_SPE_SHOW ? d.nsurvivors : MC_SPE_SHOW);

    /* strictly dominant actions for every agent <=> DOMINANT */
    mc_survivors all;
    ck_assert_int_eq(mc_survivors_init(&all, &sf, NULL), MC_OK);
    bool every_dominant = true;
    for (unsigned k = 0; k < g.nagent_at; k++) {
        bool has = false;
        for (uint32_t s = 0; s < nstrat[k] && !has; s++) {
            bool dom = true;
            for (uint32_t t = 0; t < nstrat[k] && dom; t++) {
                bool dd = true;
                if (t != s)
                    ck_assert_int_eq(mc_dom_test(&dg, &all, MC_DOM_STRICT, k, t, s, &dd, NULL),
                                     MC_OK);
                dom = dd;
            }
            has = dom;
        }
        every_dominant = every_dominant && has;
    }
    ck_assert_int_eq(d.cls == MC_STAGE_DOMINANT, every_dominant);

    /* pure equilibria, when the stage is not dominance solvable */
    mc_nash_result ne;
    ck_assert_int_eq(mc_nash_pure(&sf, NULL, 0, &ne, NULL), MC_OK);
    if (d.nsurvivors > 1) {
        ck_assert_uint_eq(d.nne, ne.count);
        mc_stage_class want = ne.count == 0   ? MC_STAGE_NO_PURE_NE
                              : ne.count == 1 ? MC_STAGE_ONE_NE
                                              : MC_STAGE_MULTI_NE;
        ck_assert_int_eq(d.cls, want);
        for (size_t i = 0; i < ne.count; i++) {
            uint32_t joint[4];
            mc_sform_profile_of(&sf, ne.profile[i], joint);
            uint64_t c = child_of(&g, joint);
            bool found = false;
            for (uint64_t j = 0; j < d.nne && j < MC_SPE_SHOW; j++)
                found = found || d.ne[j] == c;
            ck_assert(found || d.nne > MC_SPE_SHOW);
        }
    } else {
        ck_assert_uint_eq(ne.count, 1);
        ck_assert_int_eq(d.cls, every_dominant ? MC_STAGE_DOMINANT : MC_STAGE_IESDS_ONLY);
        uint32_t joint[4];
        mc_sform_profile_of(&sf, ne.profile[0], joint);
        ck_assert_uint_eq(d.chosen, child_of(&g, joint));
    }
    mc_nash_result_free(&ne);
    mc_survivors_free(&all);
    mc_dom_result_free(&res);
    mc_dom_game_free(&dg);
    mc_sform_free(&sf);
    free(g.values);
}

START_TEST(test_stage_vs_dominance_module)
{
    rng_state = 2024;
    for (int i = 0; i < 400; i++)
        one_game("", 2);
    for (int i = 0; i < 300; i++)
        one_game("", 3);
    for (int i = 0; i < 300; i++)
        one_game(i % 2 ? "1,2" : "1,3", 3);
}
END_TEST

Suite *mc_suite_stage_cross(void)
{
    Suite *s = suite_create("stage_cross");
    TCase *tc = tcase_create("random");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_stage_vs_dominance_module);
    suite_add_tcase(s, tc);
    return s;
}

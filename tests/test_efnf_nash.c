/* Pure Nash equilibria through the reduced normal form against backward
 * induction: on random perfect-information trees (decision, chance and
 * simultaneous nodes; every player alone, or a coalition), the subgame-
 * perfect profile that mc_spe_solve_tree computes is a Nash equilibrium, so
 * its reduced plans must be among the equilibria that mc_nash_pure finds
 * on mc_efnf_to_sform of the reduced normal form, with the SPE's root
 * values as payoffs.  The SPE strategy (an action at every node) is mapped
 * to the unique reduced plan that agrees with it wherever the plan is
 * defined. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/ef.h"
#include "mechcheck/efnf.h"
#include "mechcheck/nash.h"
#include "mechcheck/sform.h"
#include "mechcheck/spe.h"
#include "testutil.h"
#include "treebuild.h"

typedef struct {
    uint64_t s;
} rng;

static uint32_t rnd(rng *r, uint32_t n)
{
    r->s = r->s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)((r->s >> 33) % n);
}

/* A random tree in preorder; *nodes bounds its size. */
static void gen(mc_tree *t, rng *r, unsigned depth, unsigned *nodes)
{
    unsigned np = t->nplayers;
    uint32_t x = rnd(r, 100);
    ++*nodes;
    if (depth >= 4 || x < 25 || *nodes > 40) {
        long pay[8];
        for (unsigned p = 0; p < np; p++)
            pay[p] = (long)rnd(r, 4);
        tb_term_v(t, pay);
        return;
    }
    uint32_t k;
    if (x < 70) {
        k = 2 + rnd(r, 2);
        tb_dec(t, rnd(r, np), k);
    } else if (x < 85) {
        unsigned p0 = rnd(r, np), p1 = (p0 + 1 + rnd(r, np - 1)) % np;
        tb_sim(t, p0, 2, p1, 2);
        k = 4;
    } else {
        static const char *probs[][2] = {{"1/2", "1/2"}, {"1/3", "2/3"}, {"3/4", "1/4"}};
        uint32_t w = rnd(r, 3);
        tb_chance(t, 2, probs[w][0], probs[w][1]);
        k = 2;
    }
    for (uint32_t c = 0; c < k; c++)
        gen(t, r, depth + 1, nodes);
}

/* How many trees exercised each situation (the test must not go vacuous). */
static struct {
    unsigned trees, skipped, with_chance, with_simul, coalition, extra_ne, reduced_smaller;
} seen;

/* The SPE's action at every information set of ef (all singletons). */
static void spe_actions(const mc_ef *ef, const mc_spe_result *res, uint32_t *act)
{
    for (uint32_t i = 0; i < ef->ninfosets; i++)
        act[i] = MC_EF_NONE;
    for (uint32_t v = 0; v < ef->nnodes; v++) {
        if (ef->kind[v] != MC_NODE_DECISION)
            continue;
        uint64_t c = mc_spe_choice(res, NULL, &v);
        ck_assert_uint_ne(c, UINT64_MAX);
        unsigned n = ef->nmovers[v];
        for (unsigned k = n; k-- > 0;) { /* mover 0 slowest */
            uint32_t i = ef->slot_infoset[ef->aux[v] + k];
            ck_assert_uint_eq(ef->infosets[i].nnodes, 1);
            act[i] = (uint32_t)(c % ef->infosets[i].nactions);
            c /= ef->infosets[i].nactions;
        }
        ck_assert_uint_eq(c, 0);
    }
}

/* The one reduced plan of agent a that agrees with act where it is defined. */
static uint32_t plan_of(const mc_efnf_agent *a, const uint32_t *act)
{
    uint32_t found = UINT32_MAX, matches = 0;
    for (uint32_t s = 0; s < a->nplans; s++) {
        const uint32_t *row = a->plan + (size_t)s * a->nunits;
        bool ok = true;
        for (uint32_t u = 0; u < a->nunits && ok; u++)
            ok = row[u] == MC_EF_NONE || row[u] == act[a->unit[u]];
        if (ok) {
            found = s;
            matches++;
        }
    }
    ck_assert_uint_eq(matches, 1);
    return found;
}

static void check_tree(uint64_t seed, unsigned np, const char *agents_spec)
{
    rng r = {seed};
    unsigned nodes = 0;
    mc_tree *t = tb_new(np);
    gen(t, &r, 0, &nodes);
    tb_finish(t);
    mc_agents ag;
    mc_error err;
    if (*agents_spec)
        ck_assert_int_eq(mc_agents_parse(&ag, np, agents_spec, &err), MC_OK);
    else
        mc_agents_singletons(&ag, np);

    mc_spe_options so;
    mc_spe_defaults(&so);
    so.agents = &ag;
    mc_spe_result res;
    ck_assert_msg(mc_spe_solve_tree(t, &so, &res, &err) == MC_OK, "spe: %s", err.msg);
    if (res.nstages[MC_STAGE_NO_PURE_NE] > 0) { /* then backward induction gives no SPE */
        seen.skipped++;
        mc_spe_result_free(&res);
        tb_free(t);
        return;
    }
    mc_ef ef;
    ck_assert_msg(mc_ef_from_tree(t, NULL, &ef, &err) == MC_OK, "ef: %s", err.msg);
    mc_efnf nf;
    ck_assert_msg(mc_efnf_build(&ef, &ag, NULL, &nf, &err) == MC_OK, "nf: %s", err.msg);
    mc_sform sf;
    ck_assert_msg(mc_efnf_to_sform(&ef, &nf, 0, &sf, &err) == MC_OK, "sform: %s", err.msg);
    mc_nash_result ne;
    ck_assert_msg(mc_nash_pure(&sf, NULL, 0, &ne, &err) == MC_OK, "nash: %s", err.msg);

    uint32_t *act = malloc(((size_t)ef.ninfosets + 1) * sizeof *act);
    spe_actions(&ef, &res, act);
    uint32_t plan[MC_MAX_PLAYERS];
    for (unsigned a = 0; a < nf.nagents; a++)
        plan[a] = plan_of(&nf.agent[a], act);
    uint64_t prof = mc_efnf_profile_index(&nf, plan);
    bool listed = false;
    for (size_t i = 0; i < ne.count; i++)
        listed |= ne.profile[i] == prof;
    ck_assert_msg(listed, "seed %llu (agents %s): the SPE profile %llu is not among the %zu pure NE",
                  (unsigned long long)seed, *agents_spec ? agents_spec : "every player alone",
                  (unsigned long long)prof, ne.count);
    for (unsigned p = 0; p < np; p++)
        ck_assert_msg(mc_q_eq(mc_efnf_payoff(&nf, prof, p), &res.value[p]),
                      "seed %llu: player %u's payoff differs from the SPE value",
                      (unsigned long long)seed, p + 1);

    seen.trees++;
    seen.extra_ne += ne.count > 1;
    seen.coalition += !mc_agents_is_singletons(&ag);
    bool chance = false, simul = false, smaller = false;
    for (uint32_t v = 0; v < t->nnodes; v++) {
        chance |= t->kind[v] == MC_TNODE_CHANCE;
        simul |= t->kind[v] == MC_TNODE_SIMULTANEOUS;
    }
    for (unsigned a = 0; a < nf.nagents; a++) {
        uint64_t full = 1;
        for (uint32_t u = 0; u < nf.agent[a].nunits; u++)
            full *= nf.agent[a].unit_nactions[u];
        smaller |= nf.agent[a].nplans < full;
    }
    seen.with_chance += chance;
    seen.with_simul += simul;
    seen.reduced_smaller += smaller;

    free(act);
    mc_nash_result_free(&ne);
    mc_sform_free(&sf);
    mc_efnf_free(&nf);
    mc_ef_free(&ef);
    mc_spe_result_free(&res);
    tb_free(t);
}

START_TEST(test_spe_among_reduced_nash)
{
    memset(&seen, 0, sizeof seen);
    for (uint64_t seed = 1; seed <= 400; seed++) {
        check_tree(seed, 2, "");
        check_tree(1000 + seed, 3, "");
        check_tree(2000 + seed, 3, "1,2");
    }
    /* the situations the test is meant to cover all occurred */
    ck_assert_uint_ge(seen.trees, 1000);
    ck_assert_uint_ge(seen.with_chance, 300);
    ck_assert_uint_ge(seen.with_simul, 300);
    ck_assert_uint_ge(seen.coalition, 300);
    ck_assert_uint_ge(seen.extra_ne, 300);        /* NE that are not the SPE exist */
    ck_assert_uint_ge(seen.reduced_smaller, 300); /* reduction merged plans */
}
END_TEST

Suite *mc_suite_efnf_nash(void)
{
    Suite *s = suite_create("efnf_nash");
    TCase *tc = tcase_create("efnf_nash");
    tcase_set_timeout(tc, getenv("MC_SANITIZED") ? 120 : 20);
    tcase_add_test(tc, test_spe_among_reduced_nash);
    suite_add_tcase(s, tc);
    return s;
}

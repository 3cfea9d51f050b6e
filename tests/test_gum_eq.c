/* Seed 004, equilibrium checks of the second round: the scaled-integer
 * normal form against mc_efnf_build, Proposition 1 on R4 (T = 2) and by
 * enumeration against the paper's argument, the
 * sequential rationality of truth (spec 2.8) against hand computations and
 * against the profile check on the tree, GUP against independent others
 * (spec R2, R4), Lemmas 2-3 on the truthful pair, Conjecture 1 on App E.3,
 * and the Table 1 claims' verdicts. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "claim/gum_checks.h"
#include "mechcheck/efnf.h"
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

static json_t *last_witness;
static mc_verdict run(const char *claim, const char *const *kv)
{
    return mc_test_verdict(claim, kv, &last_witness);
}

static const char *wstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    ck_assert_msg(v != NULL, "no %s", key);
    return json_string_value(v);
}

/* The sequence-form normal form in scaled integers equals mc_efnf_build's,
 * profile by profile, on static and dynamic instances (public state too). */
START_TEST(test_seq_nf_vs_efnf)
{
    static const char *const cases[][9] = {
        {"env=app-e3", NULL},
        {"env=app-e3", "mech=agv", NULL},
        {"env=random", "n=3", "T=1", "x=3", "seed=5", NULL},
        {"env=random", "n=2", "T=2", "k=1", "kmax=2", "seed=10", NULL},
        {"env=random", "n=2", "T=2", "k=1", "kmax=2", "seed=3", "mech=dpm", NULL},
        {"env=random", "n=2", "T=2", "k=1", "kmax=2", "public=2", "seed=4", NULL},
        {"env=random", "n=3", "T=2", "k=1", "kmax=2", "seed=11", "mech=btm", NULL},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        mc_gum_setup s;
        setup_from(&s, cases[c]);
        mc_game *g;
        mc_error err;
        ck_assert_int_eq(mc_gum_setup_game(&s, 0, 0, 0, true, &g, &err), MC_OK);
        mc_ef ef;
        ck_assert_int_eq(mc_ef_build(g, NULL, &ef, &err), MC_OK);
        mc_efnf_agent ag[MC_MAX_PLAYERS];
        mc_sform sf;
        bool fast;
        ck_assert_msg(mc_gum_seq_nf(&ef, 1u << 20, ag, &sf, &fast, &err) == MC_OK, "%s", err.msg);
        ck_assert(fast);
        mc_efnf_options o;
        mc_efnf_options_default(&o);
        o.outcomes = false;
        mc_efnf nf;
        ck_assert_int_eq(mc_efnf_build(&ef, NULL, &o, &nf, &err), MC_OK);
        ck_assert_uint_eq(nf.nprofiles, sf.nprofiles);
        ck_assert_uint_gt(sf.nprofiles, 3);
        for (unsigned a = 0; a < s.env.n; a++)
            ck_assert_uint_eq(nf.agent[a].nplans, sf.nstrategies[a]);
        for (uint64_t p = 0; p < sf.nprofiles; p++)
            for (unsigned a = 0; a < s.env.n; a++)
                ck_assert_msg(mc_q_eq(mc_sform_payoff(&sf, p, a), mc_efnf_payoff(&nf, p, a)),
                              "case %zu profile %llu agent %u", c, (unsigned long long)p, a);
        mc_efnf_free(&nf);
        mc_sform_free(&sf);
        for (unsigned a = 0; a < s.env.n; a++)
            mc_efnf_agent_free(&ag[a]);
        mc_ef_free(&ef);
        mc_game_destroy(g);
        mc_gum_setup_free(&s);
    }
    /* weights beyond the integer scaling (probabilities over the prime
     * 999983, four draws on a path): the fallback route, same checks */
    static const char *const huge[] = {"env=random", "n=2", "T=2", "k=1", "kmax=2",
                                       "seed=10", "den=999983", NULL};
    mc_gum_setup s;
    setup_from(&s, huge);
    mc_gum_bne r;
    mc_error err;
    ck_assert_msg(mc_gum_pure_bne(&s, 1u << 20, false, &r, &err) == MC_OK, "%s", err.msg);
    ck_assert(!r.integer_route);
    ck_assert_uint_eq(r.count, 7);
    ck_assert_uint_eq(r.rechecked, r.count);
    ck_assert_uint_eq(r.inefficient, 0);
    mc_gum_bne_free(&r);
    mc_gum_setup_free(&s);
}
END_TEST

/* R4 (T = 2) under GUM: 1024 x 1024 reduced plans; exactly four pure BNE,
 * each agent's round-1 report truthful or the opposite kind (3/10 <-> 7/10)
 * and truthful at t = 2; all with (26, 26, -51).  Under BTM most pure BNE
 * are inefficient. */
START_TEST(test_r4_bne)
{
    static const char *const gum[] = {"env=r4", NULL}, *const btm[] = {"env=r4", "mech=btm", NULL};
    mc_gum_setup s;
    setup_from(&s, gum);
    mc_gum_bne r;
    mc_error err;
    ck_assert_msg(mc_gum_pure_bne(&s, 1u << 20, false, &r, &err) == MC_OK, "%s", err.msg);
    ck_assert(r.integer_route);
    ck_assert_uint_eq(r.profiles, 1048576);
    ck_assert_uint_eq(r.count, 4);
    ck_assert_uint_eq(r.inefficient, 0);
    ck_assert_uint_eq(r.not_equivalent, 0);
    ck_assert_uint_eq(r.rechecked, 4);
    unsigned seen = 0;
    for (size_t k = 0; k < 4; k++) {
        json_t *ne = json_array_get(r.list, k);
        json_t *eu = json_object_get(ne, "expected_utility");
        ck_assert_str_eq(wstr(eu, "b"), "26");
        ck_assert_str_eq(wstr(eu, "r"), "26");
        ck_assert_str_eq(wstr(eu, "g"), "-51");
        unsigned code = 0;
        for (int a = 0; a < 2; a++) {
            char name[512];
            snprintf(name, sizeof name, "%s", wstr(json_object_get(ne, "plans"), a ? "r" : "b"));
            /* units: round 1 at type 3/10, its 8 round-2 units, round 1 at 7/10, ... */
            char *tok[20];
            int nt = 0;
            for (char *p = strtok(name, ", "); p && nt < 20; p = strtok(NULL, ", "))
                tok[nt++] = p;
            ck_assert_int_eq(nt, 18);
            bool truthful = strstr(tok[0], "3/10") && strstr(tok[9], "7/10");
            bool opposite = strstr(tok[0], "7/10") && strstr(tok[9], "3/10");
            ck_assert(truthful || opposite);
            code |= (unsigned)opposite << a;
        }
        seen |= 1u << code;
    }
    ck_assert_uint_eq(seen, 15);
    mc_gum_bne_free(&r);
    mc_gum_setup_free(&s);
    setup_from(&s, btm);
    ck_assert_int_eq(mc_gum_pure_bne(&s, 1u << 20, true, &r, &err), MC_OK);
    ck_assert_uint_gt(r.count, r.inefficient);
    ck_assert_uint_gt(r.inefficient, 0);
    ck_assert_ptr_nonnull(r.inefficient_pbe);
    mc_gum_bne_free(&r);
    mc_gum_setup_free(&s);
    /* beyond the profile limit the paper's argument decides: the truthful
     * lower bounds are R4's Upsilon (26, 26, -51) and sum to W* = 1 */
    static const char *const big[] = {"env=r4", "max_profiles=1000", NULL};
    ck_assert_int_eq(run("gum/proposition-1", big), MC_HOLDS);
    json_t *arg = json_object_get(last_witness, "argument");
    ck_assert_ptr_nonnull(arg);
    ck_assert_str_eq(wstr(json_object_get(arg, "truthful_lower_bounds"), "g"), "-51");
    ck_assert_str_eq(wstr(arg, "sum_of_lower_bounds"), "1");
    ck_assert_str_eq(wstr(arg, "best_joint_total"), "1");
    /* ... unless a premise fails: under V2 (outside Sec. 6.2) the truthful
     * lower bounds sum to 0 < 1, and without enumeration nothing is decided */
    static const char *const v2[] = {"env=r4", "info=v2", "max_profiles=1000", NULL};
    ck_assert_int_eq(run("gum/proposition-1", v2), MC_UNDECIDED);
    arg = json_object_get(last_witness, "argument");
    ck_assert_str_eq(wstr(arg, "sum_of_lower_bounds"), "0");
    ck_assert_ptr_nonnull(json_object_get(arg, "argument_silent_because"));
}
END_TEST

/* Proposition 1's two routes on random instances small enough to
 * enumerate: wherever the argument's premises hold, every enumerated pure
 * BNE must be efficient and utility-equivalent (the check raises an
 * internal error otherwise), and the premises must hold for GUM with V0. */
START_TEST(test_prop1_argument_vs_enumeration)
{
    for (int seed = 1; seed <= 8; seed++) {
        char sd[32];
        snprintf(sd, sizeof sd, "seed=%d", seed);
        const char *dyn[] = {"env=random", "n=2", "T=2", "k=1", "kmax=2", sd, NULL};
        const char *stat[] = {"env=random", "n=3", "T=1", "x=3", "public=2", sd, NULL};
        const char *const *cases[2] = {dyn, stat};
        for (int c = 0; c < 2; c++) {
            ck_assert_int_eq(run("gum/proposition-1", cases[c]), MC_HOLDS);
            json_t *arg = json_object_get(last_witness, "argument");
            ck_assert_msg(arg && !json_object_get(arg, "argument_silent_because"),
                          "seed %d case %d: the argument is silent", seed, c);
            ck_assert_uint_gt(json_integer_value(json_object_get(last_witness, "pure_bne_count")),
                              0);
        }
    }
}
END_TEST

/* Spec 2.8 on R4: truth is sequentially rational under every mechanism
 * with V0 beliefs; with true past types observed BTM fails.  By hand: after
 * reports (3/10, 3/10) with red's true type 7/10 (red lied), blue of type 0
 * at t = 2 gets 3/10 * 9/2 + 7/10 * 39/2 = 15 by truth and 3/10 * (-51/2) +
 * 7/10 * (84 - 21/2) = 219/5 by reporting 1 (R4's BTM transfer table). */
START_TEST(test_r4_sequential_rationality)
{
    static const char *const kinds[3] = {"mech=gum", "mech=btm", "mech=dpm"};
    for (int k = 0; k < 3; k++)
        for (int past = 0; past < 2; past++) {
            const char *kv[] = {"env=r4", kinds[k], NULL};
            mc_gum_setup s;
            setup_from(&s, kv);
            mc_gum_seqrat r;
            mc_error err;
            ck_assert_msg(mc_gum_seqrat_run(&s, past, &r, &err) == MC_OK, "%s", err.msg);
            ck_assert_uint_eq(r.sets, past ? 85 : 41);
            if (k < 2) /* E U^b of truth = Upsilon^b: BTM's transfers have mean 0 */
                ck_assert_q_str(&r.truthful[0], "26");
            ck_assert(mc_q_eq(&r.best_response[0], &r.truthful[0]));
            if (k != 1 || !past) {
                ck_assert_uint_eq(r.violations, 0);
            } else {
                ck_assert_uint_eq(r.violations, 16);
                ck_assert_q_str(&r.gain[1 * MC_GUM_MAX_AGENTS + 0], "0");
                ck_assert_q_str(&r.gain[2 * MC_GUM_MAX_AGENTS + 0], "194/5");
                ck_assert_q_str(&r.gain[2 * MC_GUM_MAX_AGENTS + 1], "194/5");
                bool found = false;
                size_t j;
                json_t *row;
                json_array_foreach (r.rows, j, row) {
                    json_t *pr = json_object_get(row, "previous_reports"),
                           *pt = json_object_get(row, "previous_true_types");
                    if (strcmp(wstr(row, "agent"), "b") || strcmp(wstr(pr, "b"), "3/10") ||
                        strcmp(wstr(pr, "r"), "3/10") || strcmp(wstr(pt, "r"), "7/10") ||
                        strcmp(wstr(row, "own_type"), "0"))
                        continue;
                    ck_assert_str_eq(wstr(row, "truthful_value"), "15");
                    ck_assert_str_eq(wstr(row, "best_value"), "219/5");
                    ck_assert_str_eq(wstr(row, "best_report"), "1");
                    found = true;
                }
                ck_assert(found);
            }
            mc_gum_seqrat_free(&r);
            mc_gum_setup_free(&s);
        }
}
END_TEST

/* A finding (Table 1, "robust to observing past true types": GUM YES): on
 * a random environment with decision-dependent transitions, GUM's truthful
 * profile is not sequentially rational once agents 2 and 3 have lied and
 * agent 1 saw their true types.  Re-derived here from whole plays
 * (mc_gum_play_utility), outside the period recursion: after reports
 * (1, 1, 1) with true types (1, 0, 0) at t = 1, agent 1 of type 0 at t = 2
 * gets 803/108 by truth and 815/108 by reporting 1 (others truthful). */
START_TEST(test_gum_past_types_finding)
{
    static const char *const kv[] = {"env=random", "n=3", "T=2", "seed=2", "mech=gum", NULL};
    mc_gum_setup s;
    setup_from(&s, kv);
    const mc_gum_env *e = &s.env;
    uint32_t qt[4] = {0, 1, 0, 0}, pr[4] = {0, 1, 1, 1};
    uint32_t x1 = s.pol.chi[1][mc_gum_state_index(e, 1, pr)];
    static const char *const want[2] = {"803/108", "815/108"};
    for (uint32_t r = 0; r < 2; r++) {
        mc_q ev = MC_Q_ZERO, prob = MC_Q_ZERO, u[3];
        mc_q_init_vec(u, 3);
        for (uint32_t a2 = 0; a2 < e->ntypes[2][2]; a2++)
            for (uint32_t a3 = 0; a3 < e->ntypes[2][3]; a3++) {
                mc_q_mul(&prob, &mc_gum_trans(e, 2, 2, 0, qt[2], x1)[a2],
                         &mc_gum_trans(e, 2, 3, 0, qt[3], x1)[a3]);
                if (mc_q_is_zero(&prob))
                    continue;
                mc_gum_play pl;
                memset(&pl, 0, sizeof pl);
                for (int c = 0; c < 4; c++) {
                    pl.types[1][c] = qt[c];
                    pl.reports[1][c] = pr[c];
                }
                pl.types[2][1] = 0;
                pl.reports[2][1] = r;
                pl.types[2][2] = pl.reports[2][2] = a2;
                pl.types[2][3] = pl.reports[2][3] = a3;
                mc_gum_play_utility(&s.mechs[0], &pl, false, u);
                mc_q_addmul(&ev, &prob, &u[0]);
            }
        ck_assert_q_str(&ev, want[r]);
        mc_q_clear_vec(u, 3);
        mc_q_clear(&ev);
        mc_q_clear(&prob);
    }
    mc_gum_seqrat r;
    mc_error err;
    ck_assert_int_eq(mc_gum_seqrat_run(&s, true, &r, &err), MC_OK);
    bool found = false;
    size_t j;
    json_t *row;
    json_array_foreach (r.rows, j, row) {
        json_t *p = json_object_get(row, "previous_reports"),
               *q = json_object_get(row, "previous_true_types");
        if (strcmp(wstr(row, "agent"), "1") || strcmp(wstr(row, "own_type"), "0") ||
            strcmp(wstr(p, "1"), "1") || strcmp(wstr(p, "2"), "1") || strcmp(wstr(p, "3"), "1") ||
            strcmp(wstr(q, "1"), "1") || strcmp(wstr(q, "2"), "0") || strcmp(wstr(q, "3"), "0"))
            continue;
        ck_assert_str_eq(wstr(row, "gain"), "1/9");
        ck_assert_str_eq(wstr(row, "best_report"), "1");
        found = true;
    }
    ck_assert(found);
    mc_gum_seqrat_free(&r);
    /* without observed past types truth is sequentially rational here */
    ck_assert_int_eq(mc_gum_seqrat_run(&s, false, &r, &err), MC_OK);
    ck_assert_uint_eq(r.violations, 0);
    mc_gum_seqrat_free(&r);
    mc_gum_setup_free(&s);
}
END_TEST

/* The period recursion of spec 2.8 against the profile check on the tree
 * (mc_gum_profile_pbe on the truthful reduced plans, which judges only sets
 * on each agent's own truthful path): a one-shot gain on the truthful path
 * is a violation there, and a violation needs a one-shot gain somewhere;
 * non-efficient policies make truth fail. */
START_TEST(test_seqrat_vs_profile_pbe)
{
    int with = 0, without = 0;
    for (int seed = 1; seed <= 6; seed++)
        for (int pol = 0; pol < 2; pol++) {
            char sd[32];
            snprintf(sd, sizeof sd, "seed=%d", seed);
            const char *kv[] = {"env=random", "n=2", "T=2", sd, "mech=btm",
                                pol ? "policy=random" : "policy=efficient", NULL};
            mc_gum_setup s;
            setup_from(&s, kv);
            mc_error err;
            mc_gum_seqrat r;
            ck_assert_int_eq(mc_gum_seqrat_run(&s, false, &r, &err), MC_OK);
            mc_gum_tree_nf t;
            ck_assert_int_eq(mc_gum_tree_nf_build(&s, 1u << 22, &t, &err), MC_OK);
            ck_assert(!t.limited);
            /* the truthful reduced plan of every agent */
            mc_ef_behavior b;
            ck_assert_int_eq(mc_ef_behavior_from_game(&t.ef, t.game, mc_players_all(s.env.n),
                                                      mc_gum_truthful_fn, NULL, &b, &err),
                             MC_OK);
            uint32_t plan[MC_MAX_PLAYERS];
            for (unsigned a = 0; a < s.env.n; a++) {
                const mc_efnf_agent *ag = &t.agents[a];
                int found = -1;
                for (uint32_t p = 0; p < ag->nplans && found < 0; p++) {
                    bool ok = true;
                    for (uint32_t u = 0; u < ag->nunits && ok; u++) {
                        uint32_t act = ag->plan[(size_t)p * ag->nunits + u];
                        uint32_t I = ag->unit[u];
                        ok = act == MC_EF_NONE || mc_q_sgn(&b.prob[b.offset[I] + act]) > 0;
                    }
                    if (ok)
                        found = (int)p;
                }
                ck_assert_int_ge(found, 0);
                plan[a] = (uint32_t)found;
            }
            mc_gum_pbe pr = {.worst_gain = MC_Q_ZERO};
            ck_assert_int_eq(mc_gum_profile_pbe(&t.ef, t.agents, plan, &pr, &err), MC_OK);
            /* a one-shot gain on the truthful path is a violation of the plan
             * there; a violation of the plan needs a one-shot gain somewhere */
            uint64_t onp = 0;
            for (unsigned a = 0; a < s.env.n; a++)
                onp += r.on_path[a];
            ck_assert_msg(!onp || pr.violations, "seed %d policy %d", seed, pol);
            ck_assert_msg(!pr.violations || r.violations, "seed %d policy %d", seed, pol);
            if (onp)
                with++;
            else if (!r.violations)
                without++;
            mc_q_clear(&pr.worst_gain);
            mc_ef_behavior_free(&b);
            mc_gum_tree_nf_free(&t);
            mc_gum_seqrat_free(&r);
            mc_gum_setup_free(&s);
        }
    ck_assert_int_gt(with, 0);
    ck_assert_int_gt(without, 0);
}
END_TEST

/* GUP against independent others.  Spec R2: AGV's maximins (9, -7/4,
 * -101/4) sum to -18 < W* = 11/2.  Spec R4 under BTM: blue and red face one
 * moving opponent, so their values are the pooled 19/2; green (no moves)
 * gets exactly -193 against independent blue and red too: every plan of
 * blue enumerated, red's minimising reply by DP, and the minimising
 * profile's value as the upper bound; the sum is CPGUP's -174. */
START_TEST(test_gup_independent)
{
    static const char *const r2[] = {"env=app-e3", "mech=agv", NULL};
    ck_assert_int_eq(run("gum/gup", r2), MC_NOT_APPLICABLE);
    json_t *ag = json_object_get(last_witness, "agents");
    static const char *const want[3] = {"9", "-7/4", "-101/4"};
    for (size_t k = 0; k < 3; k++) {
        json_t *a = json_array_get(ag, k);
        ck_assert_str_eq(wstr(a, "gup_lower"), want[k]);
        ck_assert_str_eq(wstr(a, "gup_upper"), want[k]);
        ck_assert_ptr_nonnull(json_object_get(a, "enumeration_recheck"));
    }
    ck_assert_str_eq(wstr(last_witness, "sum_of_upper_bounds"), "-18");
    static const char *const r4[] = {"env=r4", "mech=btm", NULL};
    ck_assert_int_eq(run("gum/gup", r4), MC_NOT_APPLICABLE);
    ag = json_object_get(last_witness, "agents");
    ck_assert_str_eq(wstr(json_array_get(ag, 0), "gup_lower"), "19/2");
    ck_assert_str_eq(wstr(json_array_get(ag, 0), "gup_upper"), "19/2");
    ck_assert_str_eq(wstr(json_array_get(ag, 1), "gup_upper"), "19/2");
    ck_assert_str_eq(wstr(json_array_get(ag, 2), "gup_lower"), "-193");
    ck_assert_str_eq(wstr(json_array_get(ag, 2), "gup_upper"), "-193");
    ck_assert_str_eq(wstr(json_array_get(ag, 2), "best_response_to_truthful_others"), "-51");
    ck_assert_str_eq(wstr(last_witness, "sum_of_upper_bounds"), "-174");
    static const char *const g4[] = {"env=r4", NULL};
    ck_assert_int_eq(run("gum/gup", g4), MC_HOLDS);
}
END_TEST

/* Lemma 3 on the truthful pair: every delta is 0 and E gamma = 0; (75)'s
 * right side is c (p0 p0 - E p^red_T p^blue_T) = 0, but (76) as printed has
 * c (1/4 - E (p^red_T)^2) = 100 (1/4 - 1/2) = -25. */
START_TEST(test_lemmas)
{
    static const char *const l3[] = {"env=app-d", "mech=btm", "pairs=6", NULL};
    ck_assert_int_eq(run("gum/lemma-3", l3), MC_FAILS);
    json_t *p0 = json_array_get(json_object_get(last_witness, "first_pairs"), 0);
    ck_assert_str_eq(wstr(p0, "E gamma^blue"), "0");
    ck_assert_str_eq(wstr(p0, "E gamma^red"), "0");
    ck_assert_str_eq(wstr(p0, "RHS of (75)"), "0");
    ck_assert_str_eq(wstr(p0, "RHS of (76) as printed"), "-25");
    ck_assert_str_eq(wstr(p0, "RHS of (76) mirrored from (75)"), "0");
    /* a lying pair: nonzero terms, (75) still exact */
    json_t *p1 = json_array_get(json_object_get(last_witness, "first_pairs"), 1);
    ck_assert_str_ne(wstr(p1, "E gamma^blue"), "0");
    ck_assert_str_eq(wstr(p1, "E gamma^blue"), wstr(p1, "RHS of (75)"));
    static const char *const l2[] = {"env=ex51", "T=5", "mech=btm", "pairs=6", "past=1", NULL};
    ck_assert_int_eq(run("gum/lemma-2", l2), MC_HOLDS);
    static const char *const gum[] = {"env=app-d", NULL};
    ck_assert_int_eq(run("gum/lemma-2", gum), MC_NOT_APPLICABLE);
}
END_TEST

START_TEST(test_table1_and_conjecture)
{
    struct {
        const char *claim;
        const char *kv[6];
        mc_verdict want;
    } cases[] = {
        {"gum/table-1-pbe", {"env=r4", "mech=btm", NULL}, MC_HOLDS},
        {"gum/table-1-pbe", {"env=r4", "policy=random", NULL}, MC_NOT_APPLICABLE},
        {"gum/table-1-past-types", {"env=r4", "mech=btm", NULL}, MC_HOLDS},
        {"gum/table-1-past-types", {"env=r4", "mech=gum", NULL}, MC_HOLDS},
        {"gum/table-1-all-bne-efficient", {"env=app-e3", "mech=agv", NULL}, MC_HOLDS},
        {"gum/table-1-all-bne-efficient", {"env=app-e3", NULL}, MC_HOLDS},
        {"gum/table-1-all-pbe-efficient", {"env=app-e3", "mech=agv", NULL}, MC_HOLDS},
        {"gum/table-1-iewds", {"env=app-e3", "mech=agv", NULL}, MC_HOLDS},
        {"gum/table-1-iewds", {"env=app-e3", NULL}, MC_HOLDS},
        {"gum/table-1-iewds", {"env=r4", NULL}, MC_HOLDS},
        {"gum/table-1-iewds", {"env=r4", "max_profiles=1000", NULL}, MC_UNDECIDED},
        {"gum/conjecture-1", {"env=app-e3", "mech=agv", NULL}, MC_UNDECIDED},
        {"gum/conjecture-1", {"env=r4", "mech=btm", NULL}, MC_NOT_APPLICABLE},
        /* the static strategic form and the tree's normal form agree on the
         * pivot mechanism too (welfare is payoffs, not utilities) */
        {"gum/proposition-1", {"env=random", "mech=dpm", "seed=3", "n=3", "T=1", NULL},
         MC_NOT_APPLICABLE},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        ck_assert_msg(run(cases[k].claim, cases[k].kv) == cases[k].want, "%s case %zu",
                      cases[k].claim, k);
    /* App E.3: of its six efficient implementations only the paper's one
     * (Theorem 2) loses every efficient profile */
    run("gum/conjecture-1", (const char *const[]){"env=app-e3", "mech=agv", NULL});
    ck_assert_int_eq(json_integer_value(json_object_get(last_witness, "implementations")), 6);
    ck_assert_int_eq(json_integer_value(json_object_get(
                         last_witness, "eliminate_every_efficient_profile_in_every_order")),
                     1);
    json_decref(last_witness);
    last_witness = NULL;
}
END_TEST

Suite *mc_suite_gum_eq(void)
{
    Suite *s = suite_create("gum_eq");
    TCase *tc = tcase_create("eq");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_seq_nf_vs_efnf);
    tcase_add_test(tc, test_r4_bne);
    tcase_add_test(tc, test_prop1_argument_vs_enumeration);
    tcase_add_test(tc, test_r4_sequential_rationality);
    tcase_add_test(tc, test_gum_past_types_finding);
    tcase_add_test(tc, test_seqrat_vs_profile_pbe);
    tcase_add_test(tc, test_gup_independent);
    tcase_add_test(tc, test_lemmas);
    tcase_add_test(tc, test_table1_and_conjecture);
    suite_add_tcase(s, tc);
    return s;
}

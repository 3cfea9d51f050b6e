/* gum/example-5.2: the dynamic pivot mechanism example (Sec. 5.2, spec
 * 5.4).  Types are deterministic given the decisions, so every pure
 * profile is one play: the payments, Table 2, and the reduced normal form
 * (a t=1 report, then a t=2 report for each report profile of the others
 * at t=1; the own t=2 type follows from the t=1 reports) with iterated
 * weak dominance. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

/* indices in env dpm52: t=1 reports 0 = real, 1 = X; t=2 b {100, 0, X},
 * r {-100, 0, X}, g {0, X} */

typedef struct dpm_nf {
    mc_sform sf;
    uint32_t k2[3];              /* t=2 reports per agent */
    mc_q *welfare;
} dpm_nf;

/* Strategy s of agent a: r1 = s % 2, then for the others' t=1 combo c
 * (0..3, the lower-indexed other slowest) the t=2 report digit. */
static uint32_t strat_r1(uint32_t s) { return s % 2; }
static uint32_t strat_r2(const dpm_nf *d, unsigned a, uint32_t s, unsigned combo)
{
    s /= 2;
    for (unsigned c = 0; c < combo; c++)
        s /= d->k2[a];
    return s % d->k2[a];
}

/* The play of three t=1 reports and t=2 report rules, with truth at t=2
 * derived from a_1. */
static void play_of(const mc_gum_setup *s, const uint32_t *r1, const uint32_t *r2,
                    mc_gum_play *pl)
{
    const mc_gum_env *e = &s->env;
    memset(pl, 0, sizeof *pl);
    for (unsigned i = 1; i <= 3; i++) {
        pl->types[1][i] = 0;
        pl->reports[1][i] = r1[i - 1];
    }
    uint64_t cur = mc_gum_state_index(e, 1, pl->reports[1]);
    uint32_t a1 = s->pol.chi[1][cur];
    for (unsigned i = 1; i <= 3; i++) {
        const mc_q *v = mc_gum_trans(e, 2, i, 0, 0, a1);
        for (uint32_t k = 0; k < e->ntypes[2][i]; k++)
            if (mc_q_sgn(&v[k]) > 0)
                pl->types[2][i] = k;
        pl->reports[2][i] = r2 ? r2[i - 1] : pl->types[2][i];
    }
}

static unsigned combo_of(unsigned a, const uint32_t *r1)
{
    unsigned c = 0;
    for (unsigned j = 0; j < 3; j++)
        if (j != a)
            c = c * 2 + r1[j];
    return c;
}

static mc_status build_nf(const mc_gum_setup *s, dpm_nf *d, mc_error *err)
{
    const mc_gum_env *e = &s->env;
    uint32_t ns[3];
    for (unsigned a = 0; a < 3; a++) {
        d->k2[a] = e->ntypes[2][a + 1];
        ns[a] = 2 * d->k2[a] * d->k2[a] * d->k2[a] * d->k2[a];
    }
    mc_status st = mc_sform_init(&d->sf, 3, ns, false, 0, err);
    if (st != MC_OK)
        return st;
    d->welfare = malloc(d->sf.nprofiles * sizeof *d->welfare);
    d->sf.agent_names = calloc(3, sizeof *d->sf.agent_names);
    if (!d->welfare || !d->sf.agent_names)
        return mc_error_set(err, MC_ENOMEM, "example-5.2: out of memory");
    mc_q_init_vec(d->welfare, d->sf.nprofiles);
    for (unsigned a = 0; a < 3; a++) {
        d->sf.agent_names[a] = strdup(e->agent_name[a + 1]);
        d->sf.strategy_names[a] = calloc(ns[a], sizeof(char *));
        if (!d->sf.strategy_names[a])
            return mc_error_set(err, MC_ENOMEM, "example-5.2: out of memory");
        for (uint32_t sidx = 0; sidx < ns[a]; sidx++) {
            char buf[128];
            size_t len = (size_t)snprintf(buf, sizeof buf, "%s;",
                                          e->type_label[1][a + 1][strat_r1(sidx)]);
            for (unsigned c = 0; c < 4; c++)
                len += (size_t)snprintf(buf + len, sizeof buf - len, c ? ",%s" : "%s",
                                        e->type_label[2][a + 1][strat_r2(d, a, sidx, c)]);
            d->sf.strategy_names[a][sidx] = strdup(buf);
        }
    }
    uint32_t strat[MC_MAX_PLAYERS], r1[3], r2[3];
    mc_q u[3];
    mc_q_init_vec(u, 3);
    mc_gum_play pl;
    for (uint64_t p = 0; p < d->sf.nprofiles; p++) {
        mc_sform_profile_of(&d->sf, p, strat);
        for (unsigned a = 0; a < 3; a++)
            r1[a] = strat_r1(strat[a]);
        for (unsigned a = 0; a < 3; a++)
            r2[a] = strat_r2(d, a, strat[a], combo_of(a, r1));
        play_of(s, r1, r2, &pl);
        mc_gum_play_utility(&s->mechs[0], &pl, false, u);
        for (unsigned a = 0; a < 3; a++) {
            mc_q_set(mc_sform_payoff(&d->sf, p, a), &u[a]);
            mc_q_add(&d->welfare[p], &d->welfare[p], &u[a]);
        }
    }
    mc_q_clear_vec(u, 3);
    return MC_OK;
}

static void nf_free(dpm_nf *d)
{
    if (d->welfare) {
        mc_q_clear_vec(d->welfare, d->sf.nprofiles);
        free(d->welfare);
    }
    mc_sform_free(&d->sf);
}

/* The truthful strategy of agent a: the real t=1 type, then the true t=2
 * type for each combo. */
static uint32_t truthful_strategy(const mc_gum_setup *s, const dpm_nf *d, unsigned a)
{
    uint32_t code = 0;
    for (int c = 3; c >= 0; c--) {
        uint32_t r1[3];
        for (unsigned j = 0, bit = 1; j < 3; j++)
            if (j != a) {
                r1[j] = (c >> bit) & 1u;
                bit--;
            }
        r1[a] = 0;
        mc_gum_play pl;
        play_of(s, r1, NULL, &pl);
        code = code * d->k2[a] + pl.types[2][a + 1];
    }
    return code * 2;
}

static mc_q payment(const mc_gum_setup *s, unsigned t, const uint32_t *rep, unsigned agent)
{
    uint64_t cur = mc_gum_state_index(&s->env, t, rep);
    mc_q p = MC_Q_ZERO;
    mc_q_neg(&p, &mc_gum_y(&s->mechs[0], t, 0, cur)[agent - 1]);
    return p;
}

mc_status mc_gum_check_example_52(const mc_instance *in, const mc_check_opts *o,
                                  mc_claim_result *res, mc_error *err)
{
    (void)o;
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    if (strcmp(s.env.name, "dpm52") || (s.kind != MC_GUM_KIND_DPM && s.kind != MC_GUM_KIND_DPM27)) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE, "the example is env = dpm52 with mech = dpm");
        mc_gum_setup_free(&s);
        return MC_OK;
    }
    json_t *items = json_array(), *extra = json_object();
    bool ok = true;
    char buf[256];
    /* payments */
    uint32_t rep[4] = {0, 0, 0, 0};
    mc_q p;
    rep[1] = 0, rep[2] = 0, rep[3] = 0; /* t=2: (100, -100, 0) */
    p = payment(&s, 2, rep, 1);
    mc_gum_item_q(items, "blue's payment at t=2, reports (100, -100, 0)", "paper", "99", &p, &ok);
    mc_q_clear(&p);
    p = payment(&s, 2, rep, 2);
    mc_gum_item_q(items, "red's payment at t=2, reports (100, -100, 0)", "paper", "99", &p, &ok);
    mc_q_clear(&p);
    rep[3] = 1; /* green X */
    p = payment(&s, 2, rep, 1);
    json_object_set_new(extra, "blue_payment_t2_reports_100_-100_X", mc_gum_jq(&p));
    mc_q_clear(&p);
    rep[1] = 1, rep[2] = 0, rep[3] = 0; /* t=1: (X, 5, -2) */
    p = payment(&s, 1, rep, 2);
    mc_gum_item_q(items, "red's payment at t=1, reports (X, 5, -2)", "paper", "2", &p, &ok);
    mc_q_clear(&p);
    rep[1] = 0, rep[2] = 1;
    p = payment(&s, 1, rep, 1);
    mc_gum_item_q(items, "blue's payment at t=1, reports (5, X, -2)", "paper", "2", &p, &ok);
    mc_q_clear(&p);
    /* Table 2: t=1 reports of blue and red, green truthful, t=2 truthful */
    static const char *const table2[2][2] = {{"(-94, -94)", "(-96, -94)"},
                                             {"(-94, -96)", "(-2, -2)"}};
    mc_q u[3], ut[2][2][3];
    mc_q_init_vec(u, 3);
    for (uint32_t b = 0; b < 2; b++)
        for (uint32_t r = 0; r < 2; r++) {
            uint32_t r1[3] = {b, r, 0};
            mc_gum_play pl;
            play_of(&s, r1, NULL, &pl);
            mc_gum_play_utility(&s.mechs[0], &pl, false, u);
            for (unsigned i = 0; i < 3; i++)
                ut[b][r][i] = u[i];
            mc_gum_vec_str(u, 2, buf, sizeof buf);
            char what[96];
            snprintf(what, sizeof what, "Table 2 (EU_b, EU_r) at b1 = %s, r1 = %s", b ? "X" : "5",
                     r ? "X" : "5");
            mc_gum_item(items, what, "paper", table2[b][r], buf, &ok);
        }
    bool exit_better = mc_q_cmp(&ut[1][1][0], &ut[0][0][0]) > 0 &&
                       mc_q_cmp(&ut[1][1][1], &ut[0][0][1]) > 0;
    mc_gum_item(items, "blue and red are better off both exiting at t=1 than truthful", "paper",
                "yes", exit_better ? "yes" : "no", &ok);
    /* in Table 2's game, X weakly dominates 5 for blue (rows) and red (columns) */
    bool bdom = mc_q_cmp(&ut[1][0][0], &ut[0][0][0]) >= 0 && mc_q_cmp(&ut[1][1][0], &ut[0][1][0]) >= 0 &&
                (mc_q_cmp(&ut[1][0][0], &ut[0][0][0]) > 0 || mc_q_cmp(&ut[1][1][0], &ut[0][1][0]) > 0);
    bool rdom = mc_q_cmp(&ut[0][1][1], &ut[0][0][1]) >= 0 && mc_q_cmp(&ut[1][1][1], &ut[1][0][1]) >= 0 &&
                (mc_q_cmp(&ut[0][1][1], &ut[0][0][1]) > 0 || mc_q_cmp(&ut[1][1][1], &ut[1][0][1]) > 0);
    mc_gum_item(items, "in Table 2's game, exiting (X) weakly dominates the truthful 5 for blue and red",
                "paper", "yes", bdom && rdom ? "yes" : "no", &ok);
    /* with a_1 = +1 (truthful t=1): (100, -100) vs (X, X) at t=2 */
    uint32_t r1t[3] = {0, 0, 0};
    mc_gum_play pl;
    play_of(&s, r1t, NULL, &pl);
    mc_q both_truth[3], both_exit[3], b_exit[3];
    mc_q_init_vec(both_truth, 3);
    mc_q_init_vec(both_exit, 3);
    mc_q_init_vec(b_exit, 3);
    mc_gum_play_utility(&s.mechs[0], &pl, false, both_truth);
    pl.reports[2][1] = 2;
    mc_gum_play_utility(&s.mechs[0], &pl, false, b_exit);
    pl.reports[2][2] = 2;
    mc_gum_play_utility(&s.mechs[0], &pl, false, both_exit);
    bool joint = mc_q_cmp(&both_truth[0], &both_exit[0]) > 0 &&
                 mc_q_cmp(&both_truth[1], &both_exit[1]) > 0;
    /* by symmetry of the example red's unilateral comparison is blue's */
    bool unilateral = mc_q_cmp(&both_truth[0], &b_exit[0]) > 0;
    mc_gum_item(items, "a_1 = +1: each of blue and red prefers reporting its type (100 / -100) to "
                       "X at t=2 when the other reports its type",
                "paper", "yes", unilateral ? "yes" : "no", &ok);
    json_object_set_new(
        extra, "a1_plus_t2",
        json_pack("{s:o,s:o,s:o,s:b,s:s}", "truthful_(100,-100)", mc_gum_jvec(both_truth, 3),
                  "both_exit_(X,X)", mc_gum_jvec(both_exit, 3), "blue_exits_red_truthful",
                  mc_gum_jvec(b_exit, 3), "joint_reading_both_prefer_(100,-100)_to_(X,X)", joint,
                  "note", "read jointly the sentence is false: both exiting at t=2 gives each 4, "
                          "reporting (100, -100) gives each -94; read unilaterally it holds"));
    mc_q_clear_vec(both_truth, 3);
    mc_q_clear_vec(both_exit, 3);
    mc_q_clear_vec(b_exit, 3);
    mc_q_clear_vec(u, 3);
    /* the reduced normal form */
    dpm_nf d = {0};
    if ((st = build_nf(&s, &d, err)) == MC_OK) {
        mc_dom_game dg;
        if ((st = mc_dom_game_init(&dg, &d.sf, err)) == MC_OK) {
            mc_survivors all;
            st = mc_survivors_init(&all, &d.sf, err);
            uint32_t tr[3];
            bool truth_dom[3] = {false, false, false};
            for (unsigned a = 0; a < 3 && st == MC_OK; a++) {
                tr[a] = truthful_strategy(&s, &d, a);
                for (uint32_t t = 0; t < d.sf.nstrategies[a] && st == MC_OK && !truth_dom[a]; t++)
                    if (t != tr[a])
                        st = mc_dom_test(&dg, &all, MC_DOM_WEAK, a, tr[a], t, &truth_dom[a], err);
            }
            /* green: truth weakly dominates reporting X at t=1 (then
             * truthful), at t=2 (everywhere), and at both */
            static const char *const gwhat[3] = {
                "green's truth weakly dominates reporting X at t=1 (truthful at t=2)",
                "green's truth weakly dominates reporting X at t=2 (truthful at t=1)",
                "green's truth weakly dominates reporting X in both periods"};
            for (unsigned k = 0; k < 3 && st == MC_OK; k++) {
                uint32_t dev = 0;
                for (uint32_t t = 0; t < d.sf.nstrategies[2]; t++) {
                    bool x1 = strat_r1(t) == 1, x2all = true, truth2 = true;
                    for (unsigned c = 0; c < 4; c++) {
                        uint32_t r = strat_r2(&d, 2, t, c);
                        x2all = x2all && r == 1;
                        truth2 = truth2 && r == 0;
                    }
                    if ((k == 0 && x1 && truth2) || (k == 1 && !x1 && x2all) ||
                        (k == 2 && x1 && x2all))
                        dev = t;
                }
                bool dd = false;
                st = mc_dom_test(&dg, &all, MC_DOM_WEAK, 2, dev, tr[2], &dd, err);
                mc_gum_item(items, gwhat[k], "paper", "yes", dd ? "yes" : "no", &ok);
            }
            json_object_set_new(extra, "truthful_weakly_dominated_in_full_normal_form",
                                json_pack("{s:b,s:b,s:b}", "blue", truth_dom[0], "red",
                                          truth_dom[1], "green", truth_dom[2]));
            mc_survivors_free(&all);
            /* iterated elimination, simultaneous rounds */
            mc_dom_options dopt;
            mc_dom_options_default(&dopt, MC_DOM_WEAK, MC_DOM_ROUNDS);
            mc_dom_result dr;
            if (st == MC_OK && (st = mc_dom_iterate(&dg, NULL, &dopt, &dr, err)) == MC_OK) {
                json_t *surv = json_object();
                for (unsigned a = 0; a < 3; a++) {
                    json_t *l = json_array();
                    for (uint32_t t = 0; t < d.sf.nstrategies[a]; t++)
                        if (mc_survivors_has(&dr.survivors, a, t) && json_array_size(l) < 16)
                            json_array_append_new(l, json_string(d.sf.strategy_names[a][t]));
                    json_object_set_new(surv, d.sf.agent_names[a],
                                        json_pack("{s:i,s:o}", "count",
                                                  (int)dr.survivors.count[a], "first", l));
                }
                /* efficient surviving profiles */
                uint64_t neff = 0, nsurv = 0;
                uint32_t sp[MC_MAX_PLAYERS];
                for (uint64_t q = 0; q < d.sf.nprofiles; q++) {
                    mc_sform_profile_of(&d.sf, q, sp);
                    bool in_ = true;
                    for (unsigned a = 0; a < 3 && in_; a++)
                        in_ = mc_survivors_has(&dr.survivors, a, sp[a]);
                    if (!in_)
                        continue;
                    nsurv++;
                    neff += mc_q_eq(&d.welfare[q], &s.pol.W);
                }
                json_object_set_new(extra, "iewds_rounds",
                                    json_pack("{s:o,s:I,s:I,s:I}", "survivors", surv,
                                              "surviving_profiles", (json_int_t)nsurv,
                                              "efficient_surviving_profiles", (json_int_t)neff,
                                              "rounds", (json_int_t)dr.nrounds));
                mc_gum_item(items, "IEWDS (simultaneous rounds) eliminates every efficient "
                                   "profile",
                            "paper", "yes", neff == 0 ? "yes" : "no", &ok);
            }
            mc_dom_result_free(&dr);
            mc_dom_game_free(&dg);
        }
        json_object_set_new(extra, "normal_form",
                            json_pack("{s:i,s:i,s:i}", "blue", (int)d.sf.nstrategies[0], "red",
                                      (int)d.sf.nstrategies[1], "green",
                                      (int)d.sf.nstrategies[2]));
    }
    nf_free(&d);
    if (st == MC_OK) {
        size_t bad = 0, i;
        json_t *it;
        json_array_foreach (items, i, it)
            bad += !json_is_true(json_object_get(it, "match"));
        res->witness = json_pack("{s:o,s:o,s:o}", "setup", mc_gum_jsetup(&s), "items", items,
                                 "more", extra);
        items = extra = NULL;
        if (ok)
            mc_claim_result_set(res, MC_HOLDS, "every printed number and statement is reproduced");
        else
            mc_claim_result_set(res, MC_FAILS,
                                "%zu of the example's printed numbers or statements differ from "
                                "the exact computation (see items)",
                                bad);
        if (s.kind == MC_GUM_KIND_DPM27) {
            char why[300];
            snprintf(why, sizeof why, "%s", res->reason);
            mc_claim_result_set(res, MC_NOT_APPLICABLE,
                                "the paper's numbers are for Bergemann-Valimaki's mechanism "
                                "(mech = dpm); for comparison, the literal eq. (27): %s (%s)",
                                mc_verdict_name(res->verdict), why);
        }
    }
    json_decref(items);
    json_decref(extra);
    mc_gum_setup_free(&s);
    return st;
}

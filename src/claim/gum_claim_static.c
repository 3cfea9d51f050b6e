/* Static claims on ex-ante strategic forms: gum/proposition-1 (pure BNE of
 * GUM), gum/theorem-2 (App E.3 under AGV), gum/theorem-3 (unique efficient
 * policy: truth survives IEWDS under AGV, with Theorem 6), and the worked
 * App E.3 numbers (gum/example-app-e3, spec R2-R3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

static bool is_static(const mc_gum_setup *s)
{
    return s->env.T == 1 && s->env.ntypes[1][0] == 1;
}

static json_t *policy_json(const mc_gum_env *e, const mc_gum_policy *p)
{
    json_t *o = json_object();
    uint32_t th[MC_GUM_MAX_COMP];
    for (uint64_t k = 0; k < e->nstates[1]; k++) {
        mc_gum_state_decode(e, 1, k, th);
        char key[128];
        size_t len = 0;
        for (unsigned i = 1; i <= e->n; i++)
            if (e->ntypes[1][i] > 1)
                len += (size_t)snprintf(key + len, sizeof key - len, "%s",
                                        e->type_label[1][i][th[i]]);
        json_object_set_new(o, len ? key : "-", json_string(e->x_label[1][p->chi[1][k]]));
    }
    return o;
}

/* ---- gum/proposition-1 ------------------------------------------------------------ */

static bool is_gum_mech(const mc_gum_setup *s)
{
    return (s->kind == MC_GUM_KIND_GUM || s->kind == MC_GUM_KIND_SYM) && !s->transfer_free;
}

/* Outside the claim's mechanism: the verdict becomes the contrast. */
static void prop1_contrast(mc_claim_result *res, const mc_gum_setup *s)
{
    if (is_gum_mech(s))
        return;
    char why[300];
    snprintf(why, sizeof why, "%s", res->reason);
    mc_claim_result_set(res, MC_NOT_APPLICABLE, "Proposition 1 is about GUM; for contrast, %s: %s (%s)",
                        s->mech_name, mc_verdict_name(res->verdict), why);
}

/* Dynamic instances (or a public state): pure BNE of the reduced normal
 * form of the extensive form and, for GUM, the paper's argument with its
 * premises checked (every BNE, mixed too).  Where both decide they must
 * agree; beyond the profile limit the argument alone can decide. */
static mc_status prop1_dynamic(const mc_gum_setup *s, uint64_t lim, const mc_check_opts *o,
                               mc_claim_result *res, mc_error *err)
{
    mc_gum_bne r;
    mc_status st = mc_gum_pure_bne(s, lim, false, &r, err);
    bool proved = false;
    char why[200] = "";
    json_t *arg = NULL;
    uint64_t arg_nodes = 0;
    if (st == MC_OK && is_gum_mech(s))
        st = mc_gum_prop1_argument(s, o ? o->max_nodes : 0, &proved, why, sizeof why, &arg,
                                   &arg_nodes, err);
    if (st != MC_OK) {
        json_decref(arg);
        mc_gum_bne_free(&r);
        return st;
    }
    res->nodes = (r.limited ? r.nodes : r.nodes + r.profiles) + arg_nodes;
    res->witness = mc_gum_bne_json(s, &r, lim);
    if (arg) {
        if (why[0])
            json_object_set_new(arg, "argument_silent_because", json_string(why));
        json_object_set_new(res->witness, "argument", arg);
    }
    bool bad = !r.limited && (r.inefficient || r.not_equivalent);
    if (proved && bad) {
        st = mc_error_set(err, MC_EINTERNAL,
                          "proposition-1: the argument's premises hold but an enumerated pure BNE "
                          "is inefficient or not utility-equivalent");
    } else if (r.limited && proved) {
        mc_claim_result_set(res, MC_HOLDS,
                            "every BNE, pure or mixed, is efficient and gives every agent exactly "
                            "Upsilon^i: the truthful agents' pooled lower bounds (DP) equal "
                            "Upsilon^i and sum to the best joint total W*, with ex-post budget "
                            "balance (the reduced normal form, %s%llu profiles, is above the "
                            "limit %llu and was not enumerated)",
                            r.profiles == UINT64_MAX ? "at least " : "",
                            (unsigned long long)r.profiles, (unsigned long long)lim);
    } else if (r.limited) {
        mc_claim_result_set(res, MC_UNDECIDED,
                            "the reduced normal form has %s%llu profiles, above the limit %llu "
                            "(parameter max_profiles): its pure BNE were not enumerated%s%s",
                            r.profiles == UINT64_MAX ? "at least " : "",
                            (unsigned long long)r.profiles, (unsigned long long)lim,
                            why[0] ? ", and the argument is silent: " : "", why);
    } else if (r.count == 0) {
        mc_claim_result_set(res, MC_HOLDS, "the game has no pure BNE (nothing to check)%s",
                            proved ? "; the argument covers mixed BNE" : "");
    } else if (bad) {
        mc_claim_result_set(res, MC_FAILS,
                            "%zu of the %zu pure BNE are inefficient and %zu not utility-"
                            "equivalent (the first is the counterexample)",
                            r.inefficient, r.count, r.not_equivalent);
    } else {
        mc_claim_result_set(res, MC_HOLDS,
                            "all %zu pure BNE of the reduced normal form (%llu profiles) are "
                            "efficient (welfare W*) and give every agent exactly Upsilon^i (%llu "
                            "re-confirmed by DP best responses)%s",
                            r.count, (unsigned long long)r.profiles,
                            (unsigned long long)r.rechecked,
                            proved ? "; the argument's premises hold too (mixed BNE included)"
                                   : "");
    }
    mc_gum_bne_free(&r);
    return st;
}

/* Every type of every agent has positive prior probability. */
static bool full_support(const mc_gum_setup *s)
{
    const mc_gum_env *e = &s->env;
    uint64_t root = mc_gum_state_index(e, 0, e->init);
    uint32_t x0 = s->pol.chi[0][root];
    for (unsigned i = 1; i <= e->n; i++) {
        const mc_q *p = mc_gum_trans(e, 1, i, e->init[0], e->init[i], x0);
        for (uint32_t k = 0; k < e->ntypes[1][i]; k++)
            if (mc_q_sgn(&p[k]) <= 0)
                return false;
    }
    return true;
}

mc_status mc_gum_check_prop1(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                             mc_error *err)
{
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    uint64_t lim;
    if ((st = mc_gum_bne_limit(in, &lim, err)) != MC_OK || !is_static(&s) || s.past) {
        if (st == MC_OK && (st = prop1_dynamic(&s, lim, o, res, err)) == MC_OK)
            prop1_contrast(res, &s);
        mc_gum_setup_free(&s);
        return st;
    }
    mc_gum_nf nf;
    if ((st = mc_gum_static_nf(&s, &s.mechs[0], &nf, err)) != MC_OK) {
        mc_gum_setup_free(&s);
        return st;
    }
    json_t *ne = NULL;
    size_t count = 0;
    bool all_eff = false;
    st = mc_gum_nf_nash(&nf, &s.pol.W, &ne, &count, &all_eff, err);
    if (st == MC_OK) {
        /* utility equivalence: every NE gives agent i exactly Upsilon^i */
        const mc_gum_env *e = &s.env;
        uint64_t root = mc_gum_state_index(e, 0, e->init);
        bool equiv = true;
        mc_nash_result nr;
        st = mc_nash_pure(&nf.sf, NULL, 0, &nr, err);
        for (size_t k = 0; st == MC_OK && k < nr.count; k++)
            for (unsigned i = 0; i < e->n; i++)
                equiv = equiv && mc_q_eq(mc_sform_payoff(&nf.sf, nr.profile[k], i),
                                         &s.pol.F[0][root * e->n + i]);
        mc_nash_result_free(&nr);
        /* the same question through the extensive form's reduced normal
         * form: the same verdict, and with full support the same count */
        mc_gum_bne r;
        if (st == MC_OK)
            st = mc_gum_pure_bne(&s, lim, false, &r, err);
        else
            mc_gum_bne_init(&r);
        json_t *cross = NULL;
        if (st == MC_OK && !r.limited) {
            bool same = (r.inefficient == 0) == all_eff && (r.not_equivalent == 0) == equiv &&
                        (!full_support(&s) || r.count == count);
            if (!same)
                st = mc_error_set(err, MC_EINTERNAL,
                                  "proposition-1: the strategic form (%zu pure BNE) and the "
                                  "extensive form's reduced normal form (%zu) disagree",
                                  count, r.count);
            cross = json_pack("{s:I,s:b}", "pure_bne_count", (json_int_t)r.count, "agrees", same);
        }
        mc_gum_bne_free(&r);
        res->nodes = nf.nprofiles;
        res->witness = json_pack("{s:o,s:o,s:o,s:I,s:o}", "setup", mc_gum_jsetup(&s), "upsilon",
                                 mc_gum_jagents(e, &s.pol.F[0][root * e->n]), "W*",
                                 mc_gum_jq(&s.pol.W), "pure_bne_count", (json_int_t)count,
                                 "pure_bne", ne);
        ne = NULL;
        if (cross)
            json_object_set_new(res->witness, "reduced_normal_form_of_the_tree", cross);
        if (st == MC_OK) {
            if (count == 0)
                mc_claim_result_set(res, MC_HOLDS, "the game has no pure BNE (nothing to check)");
            else if (all_eff && equiv)
                mc_claim_result_set(res, MC_HOLDS,
                                    "all %zu pure BNE are efficient (welfare W*) and give every "
                                    "agent exactly Upsilon^i",
                                    count);
            else
                mc_claim_result_set(res, MC_FAILS,
                                    "some pure BNE is %s", !all_eff ? "inefficient"
                                                                    : "not utility-equivalent");
            prop1_contrast(res, &s);
        }
    }
    json_decref(ne);
    mc_gum_nf_free(&nf);
    mc_gum_setup_free(&s);
    return st;
}

/* ---- gum/theorem-2 --------------------------------------------------------------- */

/* IEWDS summary of one implementation of a static AGV setup. */
static mc_status impl_run(const mc_gum_setup *s, const mc_gum_policy *pol, json_t **out,
                          bool *witness, mc_error *err)
{
    mc_gum_setup t = *s; /* shallow: env shared; policy and mechanism replaced */
    t.pol = *pol;
    t.pol.env = &s->env;
    mc_gum_mech m;
    mc_status st = mc_gum_mech_build(&m, &s->env, pol, MC_GUM_KIND_BTM, NULL, err);
    if (st != MC_OK)
        return st;
    mc_gum_nf nf;
    if ((st = mc_gum_static_nf(&t, &m, &nf, err)) != MC_OK) {
        mc_gum_mech_free(&m);
        return st;
    }
    mc_gum_iewds r;
    st = mc_gum_iewds_run(&nf, &s->pol.W, &r, err);
    if (st == MC_OK) {
        /* "the truthful strategy of an agent is weakly dominated": read as
         * eliminated by the iterated elimination (the paper's proof); the
         * literal reading (dominated in the full game) is reported too */
        *witness = !r.truth_in_every_end && r.order_independent && r.every_end_inefficient &&
                   !r.limited;
        *out = json_pack("{s:o,s:b,s:b,s:b,s:b,s:I,s:o}", "policy", policy_json(&s->env, pol),
                         "truthful_eliminated_by_iewds", !r.truth_in_every_end,
                         "truthful_weakly_dominated_in_full_game", r.truth_dominated,
                         "order_independent", r.order_independent, "only_inefficient_survive",
                         r.every_end_inefficient, "terminal_sets", (json_int_t)r.nends, "iewds",
                         json_incref(r.json));
    }
    mc_gum_iewds_free(&r);
    mc_gum_nf_free(&nf);
    mc_gum_mech_free(&m);
    return st;
}

mc_status mc_gum_check_theorem2(const mc_instance *in, const mc_check_opts *o,
                                mc_claim_result *res, mc_error *err)
{
    (void)o;
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    if (!is_static(&s) || s.kind != MC_GUM_KIND_BTM) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "Theorem 2 is about AGV in a static setup (mech = agv, T = 1)");
        mc_gum_setup_free(&s);
        return MC_OK;
    }
    json_t *mine = NULL, *impls = json_array();
    bool mine_ok = false, any_ok = false;
    st = impl_run(&s, &s.pol, &mine, &mine_ok, err);
    /* every efficient implementation of the setup */
    mc_gum_policy eff;
    bool have_eff = false;
    if (st == MC_OK && (st = mc_gum_policy_efficient(&eff, &s.env, MC_GUM_TIE_FIRST, err)) == MC_OK)
        have_eff = true;
    uint64_t nimpl = have_eff ? mc_gum_count_impl(&eff) : 0;
    uint64_t first_ok = UINT64_MAX;
    for (uint64_t k = 0; st == MC_OK && k < nimpl && k < 64; k++) {
        mc_gum_policy pk;
        if ((st = mc_gum_policy_impl(&pk, &s.env, &eff, k, err)) != MC_OK)
            break;
        json_t *j = NULL;
        bool ok = false;
        st = impl_run(&s, &pk, &j, &ok, err);
        if (st == MC_OK) {
            json_object_set_new(j, "implementation", json_integer((json_int_t)k));
            json_object_del(j, "iewds");
            json_array_append_new(impls, j);
            if (ok && first_ok == UINT64_MAX)
                first_ok = k;
            any_ok = any_ok || ok;
        }
        mc_gum_policy_free(&pk);
    }
    if (have_eff)
        mc_gum_policy_free(&eff);
    if (st == MC_OK) {
        res->witness = json_pack("{s:o,s:o,s:I,s:o}", "setup", mc_gum_jsetup(&s),
                                 "this_implementation", mine, "efficient_implementations",
                                 (json_int_t)nimpl, "all_implementations", impls);
        mine = impls = NULL;
        bool literal = json_is_true(json_object_get(json_object_get(res->witness,
                                                                     "this_implementation"),
                                                     "truthful_weakly_dominated_in_full_game"));
        if (mine_ok)
            mc_claim_result_set(res, MC_HOLDS,
                                "in this AGV implementation iterated weak dominance eliminates a "
                                "truthful strategy and every elimination order ends at the same "
                                "inefficient set%s",
                                literal ? "" : "; note: no truthful strategy is weakly dominated "
                                               "in the full game, only after earlier "
                                               "eliminations (the literal reading of 'weakly "
                                               "dominated' fails)");
        else if (any_ok)
            mc_claim_result_set(res, MC_HOLDS,
                                "not in this implementation, but implementation %llu of the same "
                                "setup witnesses the theorem",
                                (unsigned long long)first_ok);
        else
            mc_claim_result_set(res, MC_FAILS,
                                "no efficient AGV implementation of this setup has a weakly "
                                "dominated truthful strategy with only inefficient, "
                                "order-independent IEWDS survivors");
    }
    json_decref(mine);
    json_decref(impls);
    mc_gum_setup_free(&s);
    return st;
}

/* ---- gum/theorem-3 ------------------------------------------------------------------ */

mc_status mc_gum_check_theorem3(const mc_instance *in, const mc_check_opts *o,
                                mc_claim_result *res, mc_error *err)
{
    (void)o;
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    if (!is_static(&s) || s.kind != MC_GUM_KIND_BTM) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "Theorem 3 is about AGV in a static setup (mech = agv, T = 1)");
        mc_gum_setup_free(&s);
        return MC_OK;
    }
    if (!s.pol.unique_all || !s.policy_efficient) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "hypothesis violated: the efficient policy is not unique (%llu type "
                            "profiles have several efficient decisions)",
                            (unsigned long long)s.pol.tied_states);
        res->witness = json_pack("{s:o,s:b}", "setup", mc_gum_jsetup(&s),
                                 "unique_on_support", s.pol.unique_support);
        mc_gum_setup_free(&s);
        return MC_OK;
    }
    bool full = true;
    for (uint64_t k = 0; k < s.env.nstates[1]; k++)
        full = full && s.pol.support[1][k];
    mc_gum_nf nf;
    if ((st = mc_gum_static_nf(&s, &s.mechs[0], &nf, err)) != MC_OK) {
        mc_gum_setup_free(&s);
        return st;
    }
    mc_gum_iewds r;
    st = mc_gum_iewds_run(&nf, &s.pol.W, &r, err);
    if (st == MC_OK) {
        res->nodes = nf.nprofiles;
        res->witness = json_pack("{s:o,s:o,s:b,s:b,s:o}", "setup", mc_gum_jsetup(&s), "policy",
                                 policy_json(&s.env, &s.pol), "full_support", full,
                                 "theorem_6_truthful_not_weakly_dominated", !r.truth_dominated,
                                 "iewds", json_incref(r.json));
        if (r.limited)
            mc_claim_result_set(res, MC_UNDECIDED, "the all-orders exploration hit its limit");
        else if (r.truth_in_every_end)
            mc_claim_result_set(res, MC_HOLDS,
                                "the truthful profile is in all %zu terminal sets of iterated "
                                "weak dominance (every order)%s",
                                r.nends,
                                full && r.truth_dominated
                                    ? "; but a truthful strategy is weakly dominated at the start "
                                      "despite full support (against Theorem 6)"
                                    : "");
        else {
            if (r.first_truthless_path)
                json_object_set_new(res->witness, "elimination_removing_truth",
                                    json_incref(r.first_truthless_path));
            mc_claim_result_set(res, MC_FAILS,
                                "some order of weak-dominance elimination removes a truthful "
                                "strategy although the efficient policy is unique (%zu terminal "
                                "sets)",
                                r.nends);
        }
    }
    mc_gum_iewds_free(&r);
    mc_gum_nf_free(&nf);
    mc_gum_setup_free(&s);
    return st;
}

/* ---- gum/example-app-e3 --------------------------------------------------------------- */

/* The static form and setup of the instance under another mechanism. */
static mc_status setup_as(const mc_instance *in, const char *mech, mc_gum_setup *s, mc_gum_nf *nf,
                          mc_error *err)
{
    mc_instance tmp;
    mc_status st = mc_gum_instance_with(&tmp, in, "mech", mech, err);
    if (st != MC_OK)
        return st;
    st = mc_gum_setup_read(s, &tmp, err);
    mc_instance_free(&tmp);
    if (st != MC_OK)
        return st;
    if ((st = mc_gum_static_nf(s, &s->mechs[0], nf, err)) != MC_OK)
        mc_gum_setup_free(s);
    return st;
}

/* Names of the pure NE, "LH,LH;HH,HH" (agents with one strategy omitted). */
static void ne_names(const mc_gum_nf *nf, char *buf, size_t cap, mc_error *err)
{
    mc_nash_result ne;
    buf[0] = 0;
    if (mc_nash_pure(&nf->sf, NULL, 0, &ne, err) != MC_OK) {
        mc_nash_result_free(&ne);
        return;
    }
    size_t len = 0;
    uint32_t strat[MC_MAX_PLAYERS];
    for (size_t k = 0; k < ne.count; k++) {
        mc_sform_profile_of(&nf->sf, ne.profile[k], strat);
        len += (size_t)snprintf(buf + len, cap - len, k ? ";(" : "(");
        bool first = true;
        for (unsigned i = 0; i < nf->n; i++)
            if (nf->nstrat[i] > 1) {
                len += (size_t)snprintf(buf + len, cap - len, first ? "%s" : ",%s",
                                        nf->sf.strategy_names[i][strat[i]]);
                first = false;
            }
        len += (size_t)snprintf(buf + len, cap - len, ")");
    }
    mc_nash_result_free(&ne);
}

mc_status mc_gum_check_example_e3(const mc_instance *in, const mc_check_opts *o,
                                  mc_claim_result *res, mc_error *err)
{
    (void)o;
    const char *env;
    mc_status st = mc_inst_string(in, "env", "r4", &env, err);
    if (st != MC_OK)
        return st;
    if (strcmp(env, "app-e3")) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE, "the example is env = app-e3");
        return MC_OK;
    }
    mc_gum_setup sa, sg;
    mc_gum_nf na, ng;
    if ((st = setup_as(in, "agv", &sa, &na, err)) != MC_OK)
        return st;
    if ((st = setup_as(in, "gum", &sg, &ng, err)) != MC_OK) {
        mc_gum_nf_free(&na);
        mc_gum_setup_free(&sa);
        return st;
    }
    const mc_gum_env *e = &sa.env;
    json_t *items = json_array();
    bool ok = true;
    char buf[512];
    /* the paper's policy */
    json_t *pol = policy_json(e, &sa.pol);
    char *pols = json_dumps(pol, JSON_SORT_KEYS | JSON_COMPACT);
    mc_gum_item(items, "policy d(theta1, theta2) (App E.3 table)", "paper",
                "{\"HH\":\"B\",\"HL\":\"S\",\"LH\":\"N\",\"LL\":\"N\"}", pols ? pols : "", &ok);
    free(pols);
    json_decref(pol);
    /* gamma differences (87)-(91) and raw gammas (80) */
    mc_q g[4 * 3], d = MC_Q_ZERO, raw[4];
    mc_q_init_vec(g, 12);
    mc_q_init_vec(raw, 4);
    for (uint64_t cur = 0; cur < 4 && st == MC_OK; cur += 3) {
        /* cur 0 = (L,L), 3 = (H,H): gamma_1 and gamma_2 of each report */
        st = mc_gum_btm_externalities(e, &sa.pol, 1, 0, cur, g, err);
        for (unsigned i = 1; i <= 2; i++) {
            mc_q_set_i64(&d, 0);
            for (unsigned j = 0; j < 3; j++)
                if (j != i - 1)
                    mc_q_add(&d, &d, &g[i * 3 + j]);
            mc_q_set(&raw[(i - 1) * 2 + (cur ? 1 : 0)], &d);
        }
    }
    mc_q_sub(&d, &raw[1], &raw[0]);
    mc_gum_item_q(items, "gamma_1(H) - gamma_1(L) ((87)-(88))", "paper", "-15", &d, &ok);
    mc_q_sub(&d, &raw[3], &raw[2]);
    mc_gum_item_q(items, "gamma_2(H) - gamma_2(L) ((89)-(90))", "paper", "-4", &d, &ok);
    mc_gum_item_q(items, "raw gamma_1(L) (eq. 80)", "spec R2", "15/2", &raw[0], &ok);
    mc_gum_item_q(items, "raw gamma_1(H)", "spec R2", "-15/2", &raw[1], &ok);
    mc_gum_item_q(items, "raw gamma_2(L)", "spec R2", "2", &raw[2], &ok);
    mc_gum_item_q(items, "raw gamma_2(H)", "spec R2", "-2", &raw[3], &ok);
    mc_q_clear_vec(g, 12);
    mc_q_clear_vec(raw, 4);
    static const char *const prof[4] = {"(L,L)", "(L,H)", "(H,L)", "(H,H)"};
    static const char *const agv_y[4] = {"(13/2, -7/4, -19/4)", "(17/2, -23/4, -11/4)",
                                         "(-17/2, 23/4, 11/4)", "(-13/2, 7/4, 19/4)"};
    static const char *const gum_y[4] = {"(15/2, 5/2, -10)", "(15/2, 5/2, -10)", "(-3/2, 3/2, 0)",
                                         "(-27/2, -13/2, 20)"};
    for (uint64_t c = 0; c < 4; c++) {
        char what[96];
        snprintf(what, sizeof what, "AGV transfers at reports %s", prof[c]);
        mc_gum_vec_str(mc_gum_y(&sa.mechs[0], 1, 0, c), 3, buf, sizeof buf);
        mc_gum_item(items, what, "spec R2", agv_y[c], buf, &ok);
        snprintf(what, sizeof what, "GUM transfers at reports %s", prof[c]);
        mc_gum_vec_str(mc_gum_y(&sg.mechs[0], 1, 0, c), 3, buf, sizeof buf);
        mc_gum_item(items, what, "spec R3", gum_y[c], buf, &ok);
    }
    mc_gum_item_q(items, "W*", "spec R2", "11/2", &sa.pol.W, &ok);
    mc_gum_vec_str(&sa.pol.F[0][0], 3, buf, sizeof buf);
    mc_gum_item(items, "Upsilon (truthful expected payoffs)", "spec R2", "(13, 5/2, -10)", buf, &ok);
    /* (HH, HH) under AGV */
    uint32_t hh[MC_MAX_PLAYERS] = {3, 3, 0};
    uint64_t php = mc_sform_profile_index(&na.sf, hh);
    mc_q u[3];
    for (unsigned i = 0; i < 3; i++)
        u[i] = *mc_sform_payoff(&na.sf, php, i);
    mc_gum_vec_str(u, 3, buf, sizeof buf);
    mc_gum_item(items, "AGV expected utilities at (HH, HH)", "spec R2", "(39/2, 37/4, -101/4)", buf,
                &ok);
    mc_gum_item_q(items, "AGV welfare at (HH, HH)", "spec R2", "7/2", &na.welfare[php], &ok);
    /* IEWDS under AGV: the paper's end point (HH, HH) */
    mc_gum_iewds r;
    if (st == MC_OK && (st = mc_gum_iewds_run(&na, &sa.pol.W, &r, err)) == MC_OK) {
        json_t *ends = json_object_get(json_object_get(json_object_get(r.json, "result"),
                                                       "all-orders"),
                                       "terminal_sets");
        char *surv = NULL;
        if (json_array_size(ends) == 1)
            surv = json_dumps(json_object_get(json_array_get(ends, 0), "survivors"),
                              JSON_SORT_KEYS | JSON_COMPACT);
        mc_gum_item(items, "AGV: IEWDS (every order) ends at", "paper",
                    "{\"1\":[\"HH\"],\"2\":[\"HH\"],\"3\":[\"-\"]}",
                    surv ? surv : "several terminal sets", &ok);
        free(surv);
        mc_gum_item(items, "AGV: iterated weak dominance eliminates a truthful strategy (steps 1-4)",
                    "paper", "yes", r.truth_in_every_end ? "no" : "yes", &ok);
        mc_gum_iewds_free(&r);
    }
    ne_names(&na, buf, sizeof buf, err);
    mc_gum_item(items, "AGV pure BNE", "spec R2", "(LH,LH);(HH,HH)", buf, &ok);
    ne_names(&ng, buf, sizeof buf, err);
    mc_gum_item(items, "GUM pure BNE", "spec R3", "(LH,LH);(HH,LH)", buf, &ok);
    /* GUM: agent 1's LH earns 13 against each of 2's strategies, and 2's LH 5/2 */
    bool flat1 = true, flat2 = true;
    mc_q v13 = MC_Q_INT(13), v52 = MC_Q_ZERO;
    mc_q_set_frac(&v52, 5, 2);
    for (uint32_t k = 0; k < 4; k++) {
        uint32_t p1[MC_MAX_PLAYERS] = {1, k, 0}, p2[MC_MAX_PLAYERS] = {k, 1, 0};
        flat1 = flat1 && mc_q_eq(mc_sform_payoff(&ng.sf, mc_sform_profile_index(&ng.sf, p1), 0),
                                 &v13);
        flat2 = flat2 && mc_q_eq(mc_sform_payoff(&ng.sf, mc_sform_profile_index(&ng.sf, p2), 1),
                                 &v52);
    }
    mc_gum_item(items, "GUM: agent 1's LH earns 13 against each strategy of agent 2", "spec R3",
                "yes", flat1 ? "yes" : "no", &ok);
    mc_gum_item(items, "GUM: agent 2's LH earns 5/2 against each strategy of agent 1", "spec R3",
                "yes", flat2 ? "yes" : "no", &ok);
    mc_q_clear(&v52);
    /* maximin values against the pooled others */
    mc_gum_guar_opts go;
    mc_gum_guar_opts_default(&go);
    const mc_gum_setup *both[2] = {&sa, &sg};
    static const char *const want[2] = {"(9, -7/4, -101/4)", "(13, 5/2, -10)"};
    static const char *const what[2] = {"AGV maximin vector", "GUM maximin vector"};
    for (int k = 0; k < 2 && st == MC_OK; k++) {
        mc_q v[3];
        mc_q_init_vec(v, 3);
        bool cert = true;
        for (unsigned i = 1; i <= 3 && st == MC_OK; i++) {
            mc_gum_guar gg;
            mc_gum_guar_init(&gg);
            st = mc_gum_guarantee(both[k], i, &go, &gg, err);
            cert = cert && gg.certified;
            mc_q_set(&v[i - 1], &gg.value);
            mc_gum_guar_free(&gg);
        }
        mc_gum_vec_str(v, 3, buf, sizeof buf);
        mc_gum_item(items, what[k], "spec R2/R3", want[k], cert ? buf : "uncertified", &ok);
        mc_q_clear_vec(v, 3);
    }
    if (st == MC_OK) {
        size_t bad = 0;
        size_t i;
        json_t *it;
        json_array_foreach (items, i, it)
            bad += !json_is_true(json_object_get(it, "match"));
        res->witness = json_pack("{s:o}", "items", items);
        items = NULL;
        if (ok)
            mc_claim_result_set(res, MC_HOLDS,
                                "all %zu numbers of the example (paper and spec R2-R3) are "
                                "reproduced exactly",
                                json_array_size(json_object_get(res->witness, "items")));
        else
            mc_claim_result_set(res, MC_FAILS, "%zu of the example's numbers differ (see items)",
                                bad);
    }
    mc_q_clear(&d);
    json_decref(items);
    mc_gum_nf_free(&na);
    mc_gum_nf_free(&ng);
    mc_gum_setup_free(&sa);
    mc_gum_setup_free(&sg);
    return st;
}

/* Guarantee claims: gum/cpgup (eqs. 20-22, and (45) with past=1),
 * gum/theorem-1 (App B: min = max = Upsilon, eq. 56, plus
 * the per-node martingale), gum/proposition-2, and the coalition bound
 * (eq. 19). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

typedef struct guar_run {
    mc_gum_setup s;
    bool have_setup;
    mc_gum_guar g[MC_GUM_MAX_AGENTS];
    unsigned ng;
    mc_q rhs;
    const char *rhs_how;
    mc_q sum_value, sum_lower, sum_upsilon;
    bool all_certified;
} guar_run;

static void run_free(guar_run *r)
{
    for (unsigned k = 0; k < r->ng; k++)
        mc_gum_guar_free(&r->g[k]);
    if (r->have_setup)
        mc_gum_setup_free(&r->s);
    mc_q_clear(&r->rhs);
    mc_q_clear(&r->sum_value);
    mc_q_clear(&r->sum_lower);
    mc_q_clear(&r->sum_upsilon);
}

/* Guarantees of every agent against the pooled others, and the RHS. */
/* past < 0: as the instance says. */
static mc_status run_all(guar_run *r, const mc_instance *in, int past, bool force_lp,
                         const mc_check_opts *o, mc_error *err)
{
    memset(r, 0, sizeof *r);
    r->rhs = r->sum_value = r->sum_lower = r->sum_upsilon = MC_Q_ZERO;
    mc_status st = mc_gum_setup_read(&r->s, in, err);
    if (st != MC_OK)
        return st;
    r->have_setup = true;
    if (past < 0)
        past = r->s.past;
    int64_t lp, d1 = 1;
    if ((st = mc_inst_int(in, "lp", 0, 1, &d1, &lp, err)) != MC_OK)
        return st;
    mc_gum_guar_opts go;
    mc_gum_guar_opts_default(&go);
    go.lp = lp || force_lp;
    go.past = past != 0;
    go.max_nodes = o && o->max_nodes ? o->max_nodes : 0;
    go.lp_time = o && o->timeout > 0 ? o->timeout : 0;
    r->all_certified = true;
    for (unsigned i = 1; i <= r->s.env.n && st == MC_OK; i++) {
        mc_gum_guar_init(&r->g[r->ng]);
        st = mc_gum_guarantee(&r->s, i, &go, &r->g[r->ng], err);
        r->ng++;
        if (st != MC_OK)
            break;
        mc_gum_guar *g = &r->g[r->ng - 1];
        mc_q_add(&r->sum_upsilon, &r->sum_upsilon, &g->upsilon);
        if (g->certified) {
            mc_q_add(&r->sum_value, &r->sum_value, &g->value);
            mc_q_add(&r->sum_lower, &r->sum_lower, &g->value);
        } else {
            r->all_certified = false;
            mc_q_add(&r->sum_lower, &r->sum_lower, &g->amin);
        }
    }
    if (st == MC_OK)
        st = mc_gum_rhs(&r->s, &r->rhs, &r->rhs_how, err);
    return st;
}

static json_t *guar_json(const mc_gum_env *e, const mc_gum_guar *g)
{
    json_t *o = json_pack("{s:s,s:o,s:o,s:o}", "agent", e->agent_name[g->agent], "upsilon",
                          mc_gum_jq(&g->upsilon), "truthful_min", mc_gum_jq(&g->amin),
                          "truthful_max", mc_gum_jq(&g->amax));
    if (g->certified) {
        json_object_set_new(o, "maximin", mc_gum_jq(&g->value));
        json_object_set_new(o, "certificate", json_string(g->how));
    } else {
        json_object_set_new(o, "maximin", json_null());
        json_object_set_new(o, "certificate", json_string("none"));
    }
    if (g->have_lp)
        json_object_set_new(
            o, "lp",
            json_pack("{s:s,s:o,s:I,s:I,s:s}", "status", mc_lp_status_name(g->lp_status), "value",
                      g->lp_status == MC_LP_OPTIMAL_CERTIFIED ? mc_gum_jq(&g->lp_value)
                                                              : json_null(),
                      "rows", (json_int_t)g->lp_rows, "columns", (json_int_t)g->lp_cols, "note",
                      g->lp_note));
    json_object_set_new(o, "sizes",
                        json_pack("{s:I,s:I,s:I,s:I,s:I}", "agent_sets", (json_int_t)g->sets_i,
                                  "agent_sequences", (json_int_t)g->seq_i, "coalition_sets",
                                  (json_int_t)g->sets_c, "coalition_sequences",
                                  (json_int_t)g->seq_c, "leaves", (json_int_t)g->leaves));
    return o;
}

static json_t *run_json(const guar_run *r)
{
    json_t *agents = json_array();
    for (unsigned k = 0; k < r->ng; k++)
        json_array_append_new(agents, guar_json(&r->s.env, &r->g[k]));
    return json_pack("{s:o,s:o,s:o,s:s,s:o,s:o}", "setup", mc_gum_jsetup(&r->s), "agents", agents,
                     "rhs", mc_gum_jq(&r->rhs), "rhs_is", r->rhs_how, "sum_of_maximins",
                     r->all_certified ? mc_gum_jq(&r->sum_value) : json_null(),
                     "sum_of_upsilons", mc_gum_jq(&r->sum_upsilon));
}

static void set_margin(mc_claim_result *res, const char *name, const mc_q *v)
{
    if (!res->margins)
        res->margins = json_object();
    json_object_set_new(res->margins, name, mc_gum_jq(v));
}

static bool is_gum(const mc_gum_setup *s)
{
    return (s->kind == MC_GUM_KIND_GUM || s->kind == MC_GUM_KIND_SYM) && !s->transfer_free;
}

/* Why an instance is outside the guarantee claims, or NULL. */
static const char *outside(const mc_gum_setup *s, bool need_efficient)
{
    if (!is_gum(s))
        return "the claim is about GUM";
    if (s->gopts.info == MC_GUM_V2)
        return "V2 (movers see same-period information of agents later in the order) is outside "
               "the claim (Sec. 6.2 allows only earlier ones)";
    if ((s->kind == MC_GUM_KIND_SYM || s->sym_random) && s->gopts.info != MC_GUM_V0)
        return "the symmetric GUM assumes simultaneous reports (App H)";
    if (need_efficient && !s->policy_efficient)
        return "GUM's policy is efficient; this one is not";
    return NULL;
}

/* Instances outside the claim: the verdict the check gave becomes the
 * contrast in a NOT-APPLICABLE reason. */
static void contrast(mc_claim_result *res, const mc_gum_setup *s, bool need_efficient)
{
    const char *why_out = outside(s, need_efficient);
    if (!why_out)
        return;
    char why[400];
    snprintf(why, sizeof why, "%s", res->reason ? res->reason : "");
    mc_claim_result_set(res, MC_NOT_APPLICABLE, "%s; for contrast (%s, %s): %s (%s)", why_out,
                        s->mech_name, mc_gum_info_name(s->gopts.info),
                        mc_verdict_name(res->verdict), why);
}

static uint64_t run_nodes(const guar_run *r)
{
    uint64_t k = 0;
    for (unsigned i = 0; i < r->ng; i++)
        k += r->g[i].nodes;
    return k;
}

/* ---- gum/cpgup --------------------------------------------------------------------- */

mc_status mc_gum_check_cpgup(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                             mc_error *err)
{
    guar_run r;
    /* past=1: eq. (45), the punishing coalition also sees every true past type */
    mc_status st = run_all(&r, in, -1, false, o, err);
    if (st != MC_OK) {
        run_free(&r);
        return st;
    }
    res->nodes = run_nodes(&r);
    res->witness = run_json(&r);
    mc_q gap = MC_Q_ZERO;
    if (r.all_certified) {
        mc_q_sub(&gap, &r.rhs, &r.sum_value);
        set_margin(res, "rhs_minus_sum_of_maximins", &gap);
        if (mc_q_is_zero(&gap))
            mc_claim_result_set(res, MC_HOLDS,
                                "sum of the exact maximin values against the pooled others = %s = "
                                "the right-hand side%s",
                                json_string_value(json_object_get(res->witness, "rhs")),
                                r.s.past ? " (coalitions also see true past types, eq. 45)" : "");
        else {
            char buf[96];
            mc_q_snprint(buf, sizeof buf, &gap);
            mc_claim_result_set(res, MC_FAILS,
                                "the sum of the maximin values falls short of the right-hand side "
                                "by %s",
                                buf);
        }
    } else {
        mc_q_sub(&gap, &r.rhs, &r.sum_lower);
        if (mc_q_is_zero(&gap))
            mc_claim_result_set(res, MC_HOLDS,
                                "the truthful guarantees (lower bounds on the maximin values) "
                                "already sum to the right-hand side");
        else
            mc_claim_result_set(res, MC_UNDECIDED,
                                "some maximin value could not be certified (LP undecided) and the "
                                "lower bounds leave a gap");
    }
    contrast(res, &r.s, true);
    mc_q_clear(&gap);
    run_free(&r);
    return MC_OK;
}

/* ---- gum/theorem-1 --------------------------------------------------------------------- */

mc_status mc_gum_check_theorem1(const mc_instance *in, const mc_check_opts *o,
                                mc_claim_result *res, mc_error *err)
{
    guar_run r0, r3;
    mc_status st = run_all(&r0, in, 0, false, o, err);
    if (st != MC_OK) {
        run_free(&r0);
        return st;
    }
    if ((st = run_all(&r3, in, 1, false, o, err)) != MC_OK) {
        run_free(&r0);
        run_free(&r3);
        return st;
    }
    res->nodes = run_nodes(&r0) + run_nodes(&r3);
    uint64_t mchecked = 0, mviol = 0;
    json_t *mfirst = NULL;
    st = mc_gum_martingale(&r0.s, &mchecked, &mviol, &mfirst, err);
    if (st != MC_OK) {
        run_free(&r0);
        run_free(&r3);
        return st;
    }
    json_t *w = json_pack("{s:o,s:o}", "base", run_json(&r0), "coalition_sees_true_past_types",
                          run_json(&r3));
    json_t *mart = json_pack("{s:I,s:I}", "nodes_checked", (json_int_t)mchecked, "violations",
                             (json_int_t)mviol);
    if (mfirst)
        json_object_set_new(mart, "first_violation", mfirst);
    json_object_set_new(w, "martingale", mart);
    res->witness = w;
    /* equality (56): min = max = Upsilon for every agent, both variants */
    const mc_gum_env *e = &r0.s.env;
    int bad = -1;
    const char *where = "";
    for (unsigned k = 0; k < r0.ng && bad < 0; k++) {
        const guar_run *rr[2] = {&r0, &r3};
        for (int v = 0; v < 2 && bad < 0; v++) {
            const mc_gum_guar *g = &rr[v]->g[k];
            if (!mc_q_eq(&g->amin, &g->upsilon) || !mc_q_eq(&g->amax, &g->upsilon)) {
                bad = (int)k;
                where = v ? " with true past types observed" : "";
            }
        }
    }
    bool gum = !outside(&r0.s, false);
    mc_q gap = MC_Q_ZERO;
    mc_q_sub(&gap, &r0.rhs, &r0.sum_upsilon);
    set_margin(res, "rhs_minus_sum_of_upsilons", &gap);
    if (bad >= 0) {
        const mc_gum_guar *g = &r0.g[bad];
        char lo[64], hi[64], u[64];
        mc_q_snprint(lo, sizeof lo, &g->amin);
        mc_q_snprint(hi, sizeof hi, &g->amax);
        mc_q_snprint(u, sizeof u, &g->upsilon);
        mc_claim_result_set(res, MC_FAILS,
                            "agent %s truthful gets between %s and %s against the pooled others"
                            "%s, not exactly Upsilon = %s",
                            e->agent_name[g->agent], lo, hi, where, u);
    } else if (mviol) {
        mc_claim_result_set(res, MC_FAILS, "the App B martingale identity fails at %llu nodes",
                            (unsigned long long)mviol);
    } else if (!r0.s.policy_efficient) {
        mc_claim_result_set(res, MC_HOLDS,
                            "with a non-efficient policy (outside the theorem, which App B does "
                            "not need for this part) every truthful agent still gets exactly "
                            "Upsilon^i against every pooled plan, with and without observed true "
                            "past types; the martingale holds at %llu nodes; the Upsilons sum to "
                            "the welfare of the policy, not to the right-hand side",
                            (unsigned long long)mchecked);
    } else if (!mc_q_is_zero(&gap)) {
        mc_claim_result_set(res, MC_FAILS, "the guarantees do not sum to the right-hand side");
    } else {
        mc_claim_result_set(res, MC_HOLDS,
                            "every truthful agent gets exactly Upsilon^i against every pooled plan "
                            "of the others (min = max, eq. 56), also when they see all true past "
                            "types; the Upsilons sum to W*, so CPGUP holds and (Prop. 2) GUM is "
                            "collusion-proof; the App B martingale holds at %llu nodes",
                            (unsigned long long)mchecked);
    }
    if (!gum)
        contrast(res, &r0.s, false);
    mc_q_clear(&gap);
    run_free(&r0);
    run_free(&r3);
    return MC_OK;
}

/* ---- gum/proposition-2 -------------------------------------------------------------------- */

mc_status mc_gum_check_prop2(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                             mc_error *err)
{
    guar_run r;
    mc_status st = run_all(&r, in, -1, true, o, err);
    if (st != MC_OK) {
        run_free(&r);
        return st;
    }
    res->nodes = run_nodes(&r);
    json_t *w = run_json(&r);
    res->witness = w;
    if (!r.all_certified) {
        mc_claim_result_set(res, MC_UNDECIDED, "some maximin value is not certified");
        run_free(&r);
        return MC_OK;
    }
    bool lp_verified = true;
    for (unsigned k = 0; k < r.ng; k++)
        lp_verified = lp_verified && r.g[k].lp_status == MC_LP_OPTIMAL_CERTIFIED;
    mc_q gap = MC_Q_ZERO;
    mc_q_sub(&gap, &r.rhs, &r.sum_value);
    set_margin(res, "rhs_minus_sum_of_maximins", &gap);
    unsigned n = r.s.env.n;
    if (mc_q_is_zero(&gap)) {
        json_object_set_new(w, "direction",
                            json_string("CPGUP holds; by (23)-(24) every weak collusive "
                                        "equilibrium gives agent i at least v_i and in total at "
                                        "most the RHS = sum v_i, so all give exactly v: "
                                        "collusion-proof"));
        mc_claim_result_set(res, MC_HOLDS,
                            "CPGUP holds (sum of maximins = right-hand side) and collusion-"
                            "proofness follows: every weak collusive equilibrium gives exactly "
                            "the maximin vector");
    } else if (!lp_verified || n < 2) {
        mc_claim_result_set(res, MC_UNDECIDED,
                            "CPGUP fails but the punishments (LP duals) are not available");
    } else {
        /* two weak collusive equilibria: the efficient grand-coalition plan
         * with balanced side payments giving v + gap e_1 and v + gap e_2;
         * (17) holds for each because i's best response to the LP's
         * punishment y attains exactly v_i (re-checked by DP) <= U*_i */
        json_t *eqs = json_array();
        mc_q u = MC_Q_ZERO;
        for (unsigned which = 1; which <= 2; which++) {
            json_t *vec = json_object();
            for (unsigned i = 1; i <= n; i++) {
                mc_q_set(&u, &r.g[i - 1].value);
                if (i == which)
                    mc_q_add(&u, &u, &gap);
                json_object_set_new(vec, r.s.env.agent_name[i], mc_gum_jq(&u));
            }
            json_array_append_new(eqs, json_pack("{s:o,s:s}", "utilities", vec, "plan",
                                                 "grand coalition's best plan plus constant "
                                                 "balanced side payments"));
        }
        mc_q_clear(&u);
        json_object_set_new(w, "two_weak_collusive_equilibria", eqs);
        json_object_set_new(w, "punishments",
                            json_string("for each agent i, the coalition's LP-optimal mixed plan "
                                        "y; i's best response to y attains exactly v_i "
                                        "(dynamic-programming re-check)"));
        mc_claim_result_set(res, MC_HOLDS,
                            "CPGUP fails, and two weak collusive equilibria with different "
                            "utility vectors exist (constructed from the LP punishments), so the "
                            "mechanism is not collusion-proof: both sides of the equivalence are "
                            "false");
    }
    mc_q_clear(&gap);
    run_free(&r);
    return MC_OK;
}

/* ---- coalition bound, eq. (19) ------------------------------------------------------------------ */

mc_status mc_gum_check_coalition_bound(const mc_instance *in, const mc_check_opts *o,
                                       mc_claim_result *res, mc_error *err)
{
    (void)o;
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    const mc_gum_env *e = &s.env;
    unsigned n = e->n;
    uint64_t root = mc_gum_state_index(e, 0, e->init);
    json_t *rows = json_array();
    mc_q best = MC_Q_ZERO, bound = MC_Q_ZERO, gap = MC_Q_ZERO, worst = MC_Q_ZERO;
    bool fails = false, first = true;
    json_t *fail_row = NULL;
    for (uint32_t L = 1; L < (1u << n) && st == MC_OK; L++) {
        if (__builtin_popcount(L) < 2)
            continue;
        if ((st = mc_gum_coalition_max(&s, L, &best, err)) != MC_OK)
            break;
        mc_q_set_i64(&bound, 0);
        char members[128];
        size_t len = 0;
        for (unsigned i = 1; i <= n; i++)
            if ((L >> (i - 1)) & 1u) {
                mc_q_add(&bound, &bound, &s.pol.F[0][root * n + i - 1]);
                len += (size_t)snprintf(members + len, sizeof members - len, len ? ",%s" : "%s",
                                        e->agent_name[i]);
            }
        mc_q_sub(&gap, &bound, &best);
        if (first || mc_q_cmp(&gap, &worst) < 0)
            mc_q_set(&worst, &gap);
        first = false;
        json_t *row = json_pack("{s:s,s:o,s:o}", "coalition", members, "pooled_best", mc_gum_jq(&best),
                                "sum_of_upsilons", mc_gum_jq(&bound));
        if (mc_q_sgn(&gap) < 0 && !fail_row) {
            fails = true;
            fail_row = json_deep_copy(row);
        }
        json_array_append_new(rows, row);
    }
    if (st == MC_OK) {
        res->witness = json_pack("{s:o,s:o}", "setup", mc_gum_jsetup(&s), "coalitions", rows);
        rows = NULL;
        if (!first)
            set_margin(res, "min_over_coalitions_bound_minus_best", &worst);
        bool gum = s.kind == MC_GUM_KIND_GUM || s.kind == MC_GUM_KIND_SYM;
        if (first)
            mc_claim_result_set(res, MC_NOT_APPLICABLE, "fewer than two agents");
        else if (!gum)
            mc_claim_result_set(res, MC_NOT_APPLICABLE,
                                "eq. (19) is claimed for GUM; mechanism %s is reported for contrast "
                                "(%s)",
                                s.mech_name,
                                fails ? "some coalition beats its bound" : "no coalition beats it");
        else if (fails) {
            json_object_set_new(res->witness, "violation", fail_row);
            fail_row = NULL;
            mc_claim_result_set(res, MC_FAILS,
                                "a coalition with the others truthful gets more than its members' "
                                "Upsilons");
        } else
            mc_claim_result_set(res, MC_HOLDS,
                                "no coalition (others truthful) gets more than the sum of its "
                                "members' Upsilons");
    }
    json_decref(rows);
    json_decref(fail_row);
    mc_q_clear(&best);
    mc_q_clear(&bound);
    mc_q_clear(&gap);
    mc_q_clear(&worst);
    mc_gum_setup_free(&s);
    return st;
}

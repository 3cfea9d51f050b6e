/* gum/gup (eqs. 11-13): the sum over agents of the maximin values against
 * INDEPENDENT others equals the team optimum (W* for a budget-balanced
 * mechanism with an efficient policy).
 *
 * Lower bounds of agent i's GUP value: its maximin against the others pooled
 * (v^GUP >= v^CP, spec 2.11 (C)), certified by mc_gum_guarantee, and the
 * team LP's guaranteed value (mc_team_maxmin).  Upper bounds: the team LP
 * over the others' pure joint profiles generated so far (certified exactly
 * by mc_team_maxmin), and i's best-response value to the truthful others
 * (any fixed profile of the others bounds the maximin; DP).  A further
 * lower bound: the team LP's plan x guaranteed exactly against independent
 * others, when all moving others but one can be enumerated (the last one's
 * minimising reply by DP).  When the others' full joint plans are few, their
 * enumeration (one LP row per joint plan, the route of the first version of
 * this check) re-checks an exact value.  The right-hand side: W* when the mechanism is balanced and the
 * policy efficient; otherwise the team optimum over independent pure
 * profiles, exact by enumeration or bracketed by a coordinate search (and the
 * truthful profile's total) below and the pooled optimum above.
 * HOLDS when the lower bounds sum to the right side's upper bound, FAILS
 * when the upper bounds sum below its lower bound, UNDECIDED otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"
#include "mechcheck/guarantee.h"

#define GUP_MAX_PROFILES 4096 /* full joint plans of the others enumerated as a re-check */

/* Exact GUP maximin of agent `agent` (1-based) by enumerating the others'
 * full joint pure plans: an LP over i's realization plans with one row per
 * joint plan.  *done = false when there are more than GUP_MAX_PROFILES. */
static mc_status gup_exact(const mc_ef *ef, unsigned agent, mc_q *value, bool *done,
                           uint64_t *profiles, mc_error *err)
{
    *done = false;
    unsigned n = ef->nplayers;
    uint64_t total = 1;
    for (uint32_t I = 0; I < ef->ninfosets && total <= GUP_MAX_PROFILES; I++)
        if (ef->infosets[I].player != agent - 1)
            total *= ef->infosets[I].nactions;
    *profiles = total;
    if (total > GUP_MAX_PROFILES)
        return MC_OK;
    mc_ef_side si = {0};
    mc_lp lp;
    mc_lp_init(&lp, MC_LP_MAX);
    mc_lp_result lr;
    mc_lp_result_init(&lr);
    uint32_t *act = calloc(ef->ninfosets + 1, sizeof *act), *idx = NULL;
    mc_q *w = malloc(n * sizeof *w), *coef = NULL;
    size_t cap = 0;
    mc_status st = MC_OK;
    if (!act || !w) {
        st = mc_error_set(err, MC_ENOMEM, "gup: out of memory");
        goto done;
    }
    if ((st = mc_ef_side_build(ef, UINT64_C(1) << (agent - 1), &si, err)) != MC_OK)
        goto done;
    for (unsigned p = 0; p < n; p++)
        w[p] = (mc_q)MC_Q_INT(p == agent - 1);
    cap = (size_t)si.nseq + 2;
    idx = malloc(cap * sizeof *idx);
    coef = malloc(cap * sizeof *coef);
    if (!idx || !coef) {
        st = mc_error_set(err, MC_ENOMEM, "gup: out of memory");
        cap = 0;
        goto done;
    }
    mc_q_init_vec(coef, cap);
    mc_q zero = MC_Q_ZERO, one = MC_Q_INT(1), minus = MC_Q_INT(-1);
    for (uint32_t k = 0; k < si.nseq && st == MC_OK; k++)
        st = mc_lp_add_col(&lp, MC_LP_LOWER, &zero, NULL, NULL, NULL, err);
    uint32_t vcol = si.nseq;
    if (st == MC_OK)
        st = mc_lp_add_col(&lp, MC_LP_FREE, NULL, NULL, &one, "v", err);
    idx[0] = 0;
    mc_q_set(&coef[0], &one);
    if (st == MC_OK)
        st = mc_lp_add_row(&lp, MC_LP_FIXED, &one, &one, 1, idx, coef, "root", err);
    for (uint32_t J = 0; J < si.ninfosets && st == MC_OK; J++) {
        size_t len = 0;
        for (uint32_t a = 0; a < si.nactions[J]; a++) {
            idx[len] = si.first_seq[J] + a;
            mc_q_set(&coef[len++], &one);
        }
        idx[len] = si.parent_seq[J];
        mc_q_set(&coef[len++], &minus);
        st = mc_lp_add_row(&lp, MC_LP_FIXED, &zero, &zero, len, idx, coef, NULL, err);
    }
    for (uint64_t prof = 0; prof < total && st == MC_OK; prof++) {
        uint64_t k = prof;
        for (uint32_t I = 0; I < ef->ninfosets; I++) {
            if (ef->infosets[I].player == agent - 1) {
                act[I] = MC_EF_NONE;
                continue;
            }
            act[I] = (uint32_t)(k % ef->infosets[I].nactions);
            k /= ef->infosets[I].nactions;
        }
        mc_ef_behavior b;
        mc_ef_matrix A;
        mc_ef_matrix_init(&A);
        st = mc_ef_behavior_pure(ef, mc_players_all(n) & ~(UINT64_C(1) << (agent - 1)), act, &b,
                                 err);
        if (st == MC_OK)
            st = mc_ef_payoff_matrix(ef, &si, NULL, &b, w, &A, err);
        if (st == MC_OK) {
            size_t len = 0;
            for (size_t z = 0; z < A.nnz; z++) {
                idx[len] = A.row[z];
                mc_q_set(&coef[len++], &A.val[z]);
            }
            idx[len] = vcol;
            mc_q_set(&coef[len++], &minus);
            st = mc_lp_add_row(&lp, MC_LP_LOWER, &zero, NULL, len, idx, coef, NULL, err);
        }
        mc_ef_matrix_free(&A);
        mc_ef_behavior_free(&b);
    }
    if (st == MC_OK) {
        mc_lp_options lo;
        mc_lp_options_default(&lo);
        st = mc_lp_solve(&lp, &lo, &lr, err);
        if (st == MC_OK && lr.status == MC_LP_OPTIMAL_CERTIFIED) {
            mc_q_set(value, &lr.value);
            *done = true;
        }
    }
done:
    if (coef)
        mc_q_clear_vec(coef, cap);
    free(coef);
    free(idx);
    free(act);
    free(w);
    mc_lp_result_free(&lr);
    mc_lp_free(&lp);
    mc_ef_side_free(&si);
    return st;
}

/* The exact guarantee of agent i's plan x (a realization plan over its
 * sequences, side ms) against INDEPENDENT others, when all moving others
 * but the one with most reduced plans can be enumerated jointly (at most
 * max_enum plans): the minimum over the enumerated joint plans of the last
 * one's minimising reply (DP over its information sets).  *done = false
 * when that is not possible (or not needed: one moving other).  upper gets
 * i's best-response value against the minimising profile found (an upper
 * bound of i's GUP value: a fixed profile of the others). */
static mc_status exact_guarantee(const mc_ef *ef, unsigned agent, const mc_ef_side *ms,
                                 const mc_q *x, uint64_t max_enum, mc_q *value, bool *done,
                                 mc_q *upper, mc_error *err)
{
    unsigned n = ef->nplayers, me = agent - 1;
    *done = false;
    int last = -1;
    uint64_t lastk = 0, prod = 1;
    mc_players E = 0;
    for (unsigned p = 0; p < n; p++) {
        if (p == me || !ef->ninfosets_of[p])
            continue;
        uint64_t k = mc_efnf_count_reduced(ef, p);
        if (last < 0 || k > lastk) {
            if (last >= 0) {
                E |= UINT64_C(1) << last;
                prod = lastk && prod > UINT64_MAX / lastk ? UINT64_MAX : prod * lastk;
            }
            last = (int)p;
            lastk = k;
        } else {
            E |= UINT64_C(1) << p;
            prod = k && prod > UINT64_MAX / k ? UINT64_MAX : prod * k;
        }
    }
    if (last < 0 || !E || prod > max_enum)
        return MC_OK;
    mc_efnf_agent ag;
    memset(&ag, 0, sizeof ag);
    mc_status st = mc_efnf_agent_plans(ef, E, true, false, max_enum, &ag, err);
    if (st != MC_OK)
        return st;
    /* the fixed behaviour: i from x, E's plans filled in per plan */
    mc_ef_behavior b;
    mc_ef_behavior_init(&b);
    b.players = E | (UINT64_C(1) << me);
    b.offset = malloc(((size_t)ef->ninfosets + 1) * sizeof *b.offset);
    size_t np = 0;
    for (uint32_t I = 0; b.offset && I < ef->ninfosets; I++) {
        unsigned p = ef->infosets[I].player;
        b.offset[I] = mc_players_has(b.players, p) ? (uint32_t)np : MC_EF_NONE;
        if (b.offset[I] != MC_EF_NONE)
            np += ef->infosets[I].nactions;
    }
    b.prob = malloc((np + 1) * sizeof *b.prob);
    b.nprob = np;
    if (!b.offset || !b.prob) {
        mc_ef_behavior_free(&b);
        mc_efnf_agent_free(&ag);
        return mc_error_set(err, MC_ENOMEM, "gup: out of memory");
    }
    mc_q_init_vec(b.prob, np);
    for (uint32_t J = 0; J < ms->ninfosets; J++) {
        uint32_t v = ms->first_node[J], I = MC_EF_NONE;
        for (unsigned k = 0; k < ef->nmovers[v]; k++)
            if (ef->infosets[ef->slot_infoset[ef->aux[v] + k]].player == me)
                I = ef->slot_infoset[ef->aux[v] + k];
        const mc_q *par = &x[ms->parent_seq[J]];
        for (uint32_t a = 0; a < ms->nactions[J]; a++) {
            mc_q *pr = &b.prob[b.offset[I] + a];
            if (mc_q_is_zero(par))
                mc_q_set_i64(pr, a == 0); /* never reached: any distribution */
            else
                mc_q_div(pr, &x[ms->first_seq[J] + a], par);
        }
    }
    mc_q w[MC_MAX_PLAYERS];
    for (unsigned p = 0; p < n; p++)
        w[p] = (mc_q)MC_Q_INT(p == me);
    uint32_t argk = 0;
    for (uint32_t k = 0; k < ag.nplans && st == MC_OK; k++) {
        for (uint32_t u = 0; u < ag.nunits; u++) {
            uint32_t I = ag.unit[u], act = ag.plan[(size_t)k * ag.nunits + u];
            for (uint32_t a = 0; a < ef->infosets[I].nactions; a++)
                mc_q_set_i64(&b.prob[b.offset[I] + a], act != MC_EF_NONE && a == act);
        }
        mc_side_opt o;
        mc_side_opt_init(&o);
        st = mc_side_optimum(ef, UINT64_C(1) << last, &b, w, false, &o, err);
        if (st == MC_OK && (k == 0 || mc_q_cmp(&o.value, value) < 0)) {
            mc_q_set(value, &o.value);
            argk = k;
        }
        mc_side_opt_free(&o);
    }
    *done = st == MC_OK && ag.nplans > 0;
    /* the minimising profile: E's plan argk and last's minimising reply;
     * i's best response to it */
    uint32_t *act = *done ? malloc(((size_t)ef->ninfosets + 1) * sizeof *act) : NULL;
    mc_side_opt o;
    mc_side_opt_init(&o);
    if (*done && !act)
        st = mc_error_set(err, MC_ENOMEM, "gup: out of memory");
    if (act) {
        for (uint32_t I = 0; I < ef->ninfosets; I++)
            act[I] = MC_EF_NONE;
        for (uint32_t u = 0; u < ag.nunits; u++) {
            uint32_t I = ag.unit[u], a = ag.plan[(size_t)argk * ag.nunits + u];
            act[I] = a;
            for (uint32_t c = 0; c < ef->infosets[I].nactions; c++)
                mc_q_set_i64(&b.prob[b.offset[I] + c], a != MC_EF_NONE && c == a);
        }
        st = mc_side_optimum(ef, UINT64_C(1) << last, &b, w, false, &o, err);
        for (uint32_t J = 0; st == MC_OK && J < o.side.ninfosets; J++) {
            uint32_t v = o.side.first_node[J];
            for (unsigned k = 0; k < ef->nmovers[v]; k++) {
                uint32_t I = ef->slot_infoset[ef->aux[v] + k];
                if (ef->infosets[I].player == (unsigned)last)
                    act[I] = o.plan[J];
            }
        }
        mc_ef_behavior bo;
        if (st == MC_OK &&
            (st = mc_ef_behavior_pure(ef, mc_players_all(n) & ~(UINT64_C(1) << me), act, &bo,
                                      err)) == MC_OK) {
            mc_side_opt br;
            mc_side_opt_init(&br);
            if ((st = mc_side_optimum(ef, UINT64_C(1) << me, &bo, w, true, &br, err)) == MC_OK)
                mc_q_set(upper, &br.value);
            mc_side_opt_free(&br);
            mc_ef_behavior_free(&bo);
        }
    }
    mc_side_opt_free(&o);
    free(act);
    mc_ef_behavior_free(&b);
    mc_efnf_agent_free(&ag);
    return st;
}

typedef struct gup_term {
    mc_q cp;                /* certified pooled maximin, or the truthful guarantee (A) */
    bool cp_certified;
    mc_team_result team;
    mc_q br_truth;          /* i's best response to truthful others */
    mc_q lower, upper;      /* combined bounds */
    bool exact_checked;
    mc_q exact;             /* the enumeration's value */
    bool partial;           /* the team plan's exact guarantee by partial enumeration */
    mc_q partial_value;
    uint64_t full_profiles;
} gup_term;

/* Team options that skip enumerations bound to fail (the others' reduced
 * joint plans are counted first: enumerating up to a limit costs a tree
 * walk per plan). */
static void team_options(const mc_ef *ef, unsigned agent, mc_team_options *o)
{
    mc_team_options_default(o);
    uint64_t prod = 1;
    for (unsigned p = 0; p < ef->nplayers; p++) {
        if (p == agent - 1)
            continue;
        uint64_t k = mc_efnf_count_reduced(ef, p);
        prod = k && prod > UINT64_MAX / k ? UINT64_MAX : prod * k;
    }
    if (prod > o->max_br_profiles)
        o->max_enum_profiles = o->max_br_profiles = 0;
}

/* i's best-response value against everyone else truthful (DP). */
static mc_status br_to_truth(const mc_ef *ef, const mc_game *g, unsigned agent, mc_q *v,
                             mc_error *err)
{
    unsigned n = ef->nplayers;
    mc_players me = UINT64_C(1) << (agent - 1);
    mc_ef_behavior b;
    mc_status st = mc_ef_behavior_from_game(ef, g, mc_players_all(n) & ~me, mc_gum_truthful_fn,
                                            NULL, &b, err);
    if (st != MC_OK)
        return st;
    mc_q w[MC_MAX_PLAYERS];
    for (unsigned p = 0; p < n; p++)
        w[p] = (mc_q)MC_Q_INT(p == agent - 1);
    mc_side_opt br;
    mc_side_opt_init(&br);
    st = mc_side_optimum(ef, me, &b, w, true, &br, err);
    if (st == MC_OK)
        mc_q_set(v, &br.value);
    mc_side_opt_free(&br);
    mc_ef_behavior_free(&b);
    return st;
}

/* The truthful profile's total expected utility. */
static mc_status truthful_total(const mc_ef *ef, const mc_game *g, mc_q *total, mc_error *err)
{
    unsigned n = ef->nplayers;
    mc_ef_behavior b;
    mc_status st = mc_ef_behavior_from_game(ef, g, mc_players_all(n), mc_gum_truthful_fn, NULL,
                                            &b, err);
    if (st != MC_OK)
        return st;
    mc_q v[MC_MAX_PLAYERS];
    mc_q_init_vec(v, n);
    st = mc_ef_expected_payoff(ef, &b, v, err);
    mc_q_set_i64(total, 0);
    for (unsigned p = 0; p < n; p++)
        mc_q_add(total, total, &v[p]);
    mc_q_clear_vec(v, n);
    mc_ef_behavior_free(&b);
    return st;
}

static json_t *term_json(const mc_gum_env *e, unsigned i, const gup_term *t)
{
    const mc_team_result *r = &t->team;
    json_t *team = json_pack("{s:s,s:b,s:o,s:o,s:I,s:I}", "method", mc_team_method_name(r->method),
                             "decided", r->decided,
                             r->have_lower ? "lower" : "lower_missing",
                             r->have_lower ? mc_gum_jq(&r->lower) : json_null(),
                             r->have_upper ? "upper" : "upper_missing",
                             r->have_upper ? mc_gum_jq(&r->upper) : json_null(), "columns",
                             (json_int_t)r->ncolumns, "rounds", (json_int_t)r->nrounds);
    if (r->note[0])
        json_object_set_new(team, "note", json_string(r->note));
    json_t *o = json_pack("{s:s,s:o,s:s,s:o,s:o,s:o,s:o}", "agent", e->agent_name[i],
                          "pooled_maximin", mc_gum_jq(&t->cp), "pooled_is",
                          t->cp_certified ? "certified maximin" : "truthful guarantee (A)",
                          "team_lp", team, "best_response_to_truthful_others",
                          mc_gum_jq(&t->br_truth), "gup_lower", mc_gum_jq(&t->lower), "gup_upper",
                          mc_gum_jq(&t->upper));
    if (t->partial)
        json_object_set_new(o, "team_plan_guarantee_against_independent_others",
                            mc_gum_jq(&t->partial_value));
    if (t->exact_checked)
        json_object_set_new(o, "enumeration_recheck",
                            json_pack("{s:I,s:o}", "joint_plans", (json_int_t)t->full_profiles,
                                      "value", mc_gum_jq(&t->exact)));
    return o;
}

mc_status mc_gum_check_gup(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                           mc_error *err)
{
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    const mc_gum_env *e = &s.env;
    unsigned n = e->n;
    int64_t lp, d1 = 1;
    gup_term t[MC_GUM_MAX_AGENTS];
    for (unsigned i = 0; i < n; i++) {
        t[i].cp = t[i].br_truth = t[i].lower = t[i].upper = t[i].exact = MC_Q_ZERO;
        t[i].partial_value = MC_Q_ZERO;
        t[i].cp_certified = t[i].exact_checked = t[i].partial = false;
        mc_team_result_init(&t[i].team);
    }
    mc_q rhs = MC_Q_ZERO, rlo = MC_Q_ZERO, rhi = MC_Q_ZERO, slo = MC_Q_ZERO, shi = MC_Q_ZERO,
         gap = MC_Q_ZERO, tt = MC_Q_ZERO;
    const char *rhs_how = "";
    mc_game *game = NULL;
    mc_ef ef;
    bool have_ef = false;
    json_t *terms = json_array();
    if ((st = mc_inst_int(in, "lp", 0, 1, &d1, &lp, err)) != MC_OK)
        goto done;
    /* pooled lower bounds (mc_gum_guarantee: saddle certificate or LP) */
    mc_gum_guar_opts go;
    mc_gum_guar_opts_default(&go);
    go.lp = lp != 0;
    go.past = s.past;
    go.max_nodes = o && o->max_nodes ? o->max_nodes : 0;
    go.lp_time = o && o->timeout > 0 ? o->timeout : 0;
    for (unsigned i = 1; i <= n && st == MC_OK; i++) {
        mc_gum_guar g;
        mc_gum_guar_init(&g);
        if ((st = mc_gum_guarantee(&s, i, &go, &g, err)) == MC_OK) {
            t[i - 1].cp_certified = g.certified;
            mc_q_set(&t[i - 1].cp, g.certified ? &g.value : &g.amin);
            mc_q_add(&slo, &slo, &t[i - 1].cp);
            res->nodes += g.nodes;
        }
        mc_gum_guar_free(&g);
    }
    if (st == MC_OK)
        st = mc_gum_rhs(&s, &rhs, &rhs_how, err);
    if (st != MC_OK)
        goto done;
    if (mc_q_eq(&slo, &rhs)) {
        /* the pooled values already reach the pooled right side, which is
         * at least the team optimum: every inequality is an equality */
        for (unsigned i = 1; i <= n; i++)
            json_array_append_new(terms, json_pack("{s:s,s:o,s:s}", "agent", e->agent_name[i],
                                                   "pooled_maximin", mc_gum_jq(&t[i - 1].cp),
                                                   "pooled_is",
                                                   t[i - 1].cp_certified
                                                       ? "certified maximin"
                                                       : "truthful guarantee (A)"));
        res->witness = json_pack("{s:o,s:o,s:o,s:s,s:o,s:s}", "setup", mc_gum_jsetup(&s),
                                 "agents", terms, "rhs", mc_gum_jq(&rhs), "rhs_is", rhs_how,
                                 "sum_of_lower_bounds", mc_gum_jq(&slo), "argument",
                                 "v^GUP_i >= v^CP_i (independent others are a special case of "
                                 "pooled ones) and sum_i v^GUP_i <= W_team <= the pooled right "
                                 "side, so pooled values summing to it prove (13)");
        terms = NULL;
        mc_claim_result_set(res, MC_HOLDS,
                            "the guarantees against pooled others already sum to the right-hand "
                            "side, hence so do the GUP maximin values");
        goto verdict;
    }
    /* the game with independent others (each on its own information) */
    uint32_t all = (uint32_t)mc_players_all(n);
    if ((st = mc_gum_setup_game(&s, 0, 0, s.past ? all : 0, true, &game, err)) != MC_OK)
        goto done;
    mc_ef_options eo;
    mc_ef_options_default(&eo);
    if (o && o->max_nodes)
        eo.max_nodes = o->max_nodes;
    if ((st = mc_ef_build(game, &eo, &ef, err)) != MC_OK)
        goto done;
    have_ef = true;
    mc_q_set_i64(&slo, 0);
    for (unsigned i = 1; i <= n && st == MC_OK; i++) {
        gup_term *ti = &t[i - 1];
        mc_team_options to;
        team_options(&ef, i, &to);
        st = mc_team_maxmin(&ef, UINT64_C(1) << (i - 1), all & ~(UINT64_C(1) << (i - 1)), &to,
                            &ti->team, err);
        if (st == MC_OK)
            st = br_to_truth(&ef, game, i, &ti->br_truth, err);
        if (st != MC_OK)
            break;
        res->nodes += ef.nnodes;
        mc_q_set(&ti->lower, &ti->cp);
        if (ti->team.have_lower && mc_q_cmp(&ti->team.lower, &ti->lower) > 0)
            mc_q_set(&ti->lower, &ti->team.lower);
        mc_q_set(&ti->upper, &ti->br_truth);
        if (ti->team.have_upper && mc_q_cmp(&ti->team.upper, &ti->upper) < 0)
            mc_q_set(&ti->upper, &ti->team.upper);
        /* the team's plan guaranteed exactly against independent others, when
         * all moving others but one can be enumerated */
        if (!ti->team.decided && ti->team.x) {
            mc_q up = MC_Q_ZERO;
            st = exact_guarantee(&ef, i, &ti->team.max_side, ti->team.x, 4096, &ti->partial_value,
                                 &ti->partial, &up, err);
            if (st == MC_OK && ti->partial && mc_q_cmp(&up, &ti->upper) < 0)
                mc_q_set(&ti->upper, &up);
            mc_q_clear(&up);
            if (st != MC_OK)
                break;
            if (ti->partial && ti->team.have_lower &&
                mc_q_cmp(&ti->partial_value, &ti->team.lower) < 0) {
                st = mc_error_set(err, MC_EINTERNAL,
                                  "gup: agent %u's plan guarantees less against independent "
                                  "others than against pooled ones",
                                  i);
                break;
            }
            if (ti->partial && mc_q_cmp(&ti->partial_value, &ti->lower) > 0)
                mc_q_set(&ti->lower, &ti->partial_value);
        }
        if (mc_q_cmp(&ti->lower, &ti->upper) > 0) {
            char a[64], b[64];
            mc_q_snprint(a, sizeof a, &ti->lower);
            mc_q_snprint(b, sizeof b, &ti->upper);
            st = mc_error_set(err, MC_EINTERNAL, "gup: agent %u's bounds cross (%s > %s)", i, a,
                              b);
            break;
        }
        /* a second algorithm where the others' full joint plans are few */
        bool done_ex = false;
        if ((st = gup_exact(&ef, i, &ti->exact, &done_ex, &ti->full_profiles, err)) != MC_OK)
            break;
        ti->exact_checked = done_ex;
        if (done_ex && (mc_q_cmp(&ti->exact, &ti->lower) < 0 ||
                        mc_q_cmp(&ti->exact, &ti->upper) > 0)) {
            st = mc_error_set(err, MC_EINTERNAL,
                              "gup: agent %u's enumerated value lies outside the team bounds", i);
            break;
        }
        if (done_ex) {
            mc_q_set(&ti->lower, &ti->exact);
            mc_q_set(&ti->upper, &ti->exact);
        }
        mc_q_add(&slo, &slo, &ti->lower);
        mc_q_add(&shi, &shi, &ti->upper);
        json_array_append_new(terms, term_json(e, i, ti));
    }
    if (st != MC_OK)
        goto done;
    /* the right-hand side of (13) */
    bool balanced = true;
    for (size_t m = 0; m < s.nmechs; m++)
        balanced = balanced && s.mechs[m].balanced;
    bool exact_rhs;
    if (balanced && s.policy_efficient && !s.transfer_free) {
        mc_q_set(&rlo, &s.pol.W);
        mc_q_set(&rhi, &s.pol.W);
        exact_rhs = true;
        rhs_how = "W*: budget balanced and efficient, and the truthful profile attains it";
    } else {
        /* enumerate the grand agent's plans only when they are few */
        uint64_t plans = 1;
        for (unsigned p = 0; p < n; p++) {
            uint64_t k = mc_efnf_count_reduced(&ef, p);
            plans = k && plans > UINT64_MAX / k ? UINT64_MAX : plans * k;
        }
        if ((st = mc_team_optimum(&ef, plans <= 65536 ? 65536 : 0, &exact_rhs, &rlo, &rhi,
                                  err)) != MC_OK ||
            (st = truthful_total(&ef, game, &tt, err)) != MC_OK)
            goto done;
        if (mc_q_cmp(&tt, &rlo) > 0)
            mc_q_set(&rlo, &tt);
        exact_rhs = mc_q_eq(&rlo, &rhi);
        rhs_how = exact_rhs ? "the team optimum over independent pure profiles (exact)"
                            : "the team optimum, bracketed: a coordinate search and the truthful "
                              "profile below, the pooled optimum above";
    }
    res->witness = json_pack("{s:o,s:o,s:{s:o,s:o,s:s},s:o,s:o}", "setup", mc_gum_jsetup(&s),
                             "agents", terms, "rhs", "lower", mc_gum_jq(&rlo), "upper",
                             mc_gum_jq(&rhi), "is", rhs_how, "sum_of_lower_bounds",
                             mc_gum_jq(&slo), "sum_of_upper_bounds", mc_gum_jq(&shi));
    terms = NULL;
    if (!res->margins)
        res->margins = json_object();
    if (mc_q_eq(&slo, &rhi)) {
        mc_claim_result_set(res, MC_HOLDS,
                            "the GUP maximin values (independent others) sum to the right-hand "
                            "side %s",
                            exact_rhs ? "exactly" : "(upper end)");
    } else if (mc_q_cmp(&shi, &rlo) < 0) {
        mc_q_sub(&gap, &rlo, &shi);
        json_object_set_new(res->margins, "rhs_lower_minus_sum_of_upper_bounds", mc_gum_jq(&gap));
        char a[96], b[96], c[96];
        mc_q_snprint(a, sizeof a, &shi);
        mc_q_snprint(b, sizeof b, &rlo);
        mc_q_snprint(c, sizeof c, &gap);
        mc_claim_result_set(res, MC_FAILS,
                            "the GUP maximin values (independent others) sum to at most %s, below "
                            "the right-hand side %s%s by %s",
                            a, exact_rhs ? "" : "(at least) ", b, c);
    } else {
        mc_claim_result_set(res, MC_UNDECIDED,
                            "the bounds on the GUP maximin values and on the right-hand side "
                            "overlap (see the witness)");
    }
verdict:
    if (!((s.kind == MC_GUM_KIND_GUM || s.kind == MC_GUM_KIND_SYM) && !s.transfer_free) ||
        s.gopts.info == MC_GUM_V2 || !s.policy_efficient) {
        char why[400];
        snprintf(why, sizeof why, "%s", res->reason ? res->reason : "");
        const char *out = s.gopts.info == MC_GUM_V2 ? "V2 is outside the claim"
                          : !s.policy_efficient     ? "GUM's policy is efficient; this one is not"
                                                    : "the claim is about GUM";
        mc_claim_result_set(res, MC_NOT_APPLICABLE, "%s; for contrast (%s, %s): %s (%s)", out,
                            s.mech_name, mc_gum_info_name(s.gopts.info),
                            mc_verdict_name(res->verdict), why);
    }
done:
    json_decref(terms);
    for (unsigned i = 0; i < n; i++) {
        mc_q_clear(&t[i].cp);
        mc_q_clear(&t[i].br_truth);
        mc_q_clear(&t[i].lower);
        mc_q_clear(&t[i].upper);
        mc_q_clear(&t[i].exact);
        mc_q_clear(&t[i].partial_value);
        mc_team_result_free(&t[i].team);
    }
    mc_q *qs[] = {&rhs, &rlo, &rhi, &slo, &shi, &gap, &tt};
    for (size_t k = 0; k < sizeof qs / sizeof *qs; k++)
        mc_q_clear(qs[k]);
    if (have_ef)
        mc_ef_free(&ef);
    mc_game_destroy(game);
    mc_gum_setup_free(&s);
    return st;
}

/* Static (T = 1) instances as ex-ante strategic forms: an agent's pure
 * strategy is a report for each of its types; payoffs are exact expected
 * utilities over the prior.  Iterated elimination of weakly dominated
 * strategies (all orders and simultaneous rounds), pure Nash equilibria,
 * welfare of the survivors, as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_claims.h"

#define NF_MAX_PROFILES (UINT64_C(1) << 20)

void mc_gum_nf_free(mc_gum_nf *nf)
{
    if (nf->welfare) {
        mc_q_clear_vec(nf->welfare, nf->nprofiles);
        free(nf->welfare);
    }
    mc_sform_free(&nf->sf);
    memset(nf, 0, sizeof *nf);
}

/* Report of agent i's strategy s for type k: digit k of s in base K, the
 * first type most significant (so names read in type order). */
static uint32_t report_of(uint32_t s, uint32_t K, uint32_t k)
{
    for (uint32_t j = k + 1; j < K; j++)
        s /= K;
    return s % K;
}

mc_status mc_gum_static_nf(const mc_gum_setup *s, const mc_gum_mech *m, mc_gum_nf *nf,
                           mc_error *err)
{
    memset(nf, 0, sizeof *nf);
    const mc_gum_env *e = &s->env;
    unsigned n = e->n;
    if (e->T != 1)
        return mc_error_set(err, MC_EUNSUPPORTED,
                            "strategic form: only static (T = 1) instances, not T = %u", e->T);
    if (e->ntypes[1][0] != 1)
        return mc_error_set(err, MC_EUNSUPPORTED, "strategic form: no public state allowed");
    uint32_t K[MC_GUM_MAX_AGENTS];
    for (unsigned i = 0; i < n; i++) {
        K[i] = e->ntypes[1][i + 1];
        uint64_t c = 1;
        for (uint32_t k = 0; k < K[i]; k++) {
            c *= K[i];
            if (c > NF_MAX_PROFILES)
                return mc_error_set(err, MC_ELIMIT, "strategic form: agent %u has too many plans",
                                    i + 1);
        }
        nf->nstrat[i] = (uint32_t)c;
        nf->truthful[i] = 0;
        for (uint32_t k = 0; k < K[i]; k++)
            nf->truthful[i] = nf->truthful[i] * K[i] + k;
    }
    mc_status st = mc_sform_init(&nf->sf, n, nf->nstrat, false, NF_MAX_PROFILES, err);
    if (st != MC_OK)
        return st;
    nf->n = n;
    nf->nprofiles = nf->sf.nprofiles;
    nf->welfare = malloc(nf->nprofiles * sizeof *nf->welfare);
    if (nf->welfare)
        mc_q_init_vec(nf->welfare, nf->nprofiles);
    nf->sf.agent_names = calloc(n, sizeof *nf->sf.agent_names);
    if (!nf->welfare || !nf->sf.agent_names) {
        mc_gum_nf_free(nf);
        return mc_error_set(err, MC_ENOMEM, "strategic form: out of memory");
    }
    /* names: the reports by type, "LH"; joined by "/" when labels are long */
    for (unsigned i = 0; i < n; i++) {
        nf->sf.agent_names[i] = strdup(e->agent_name[i + 1]);
        nf->sf.strategy_names[i] = calloc(nf->nstrat[i], sizeof(char *));
        if (!nf->sf.strategy_names[i]) {
            mc_gum_nf_free(nf);
            return mc_error_set(err, MC_ENOMEM, "strategic form: out of memory");
        }
        bool short_labels = true;
        for (uint32_t k = 0; k < K[i]; k++)
            short_labels = short_labels && strlen(e->type_label[1][i + 1][k]) == 1;
        for (uint32_t sidx = 0; sidx < nf->nstrat[i]; sidx++) {
            char buf[256];
            size_t len = 0;
            for (uint32_t k = 0; k < K[i]; k++)
                len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
                                        k && !short_labels ? "/" : "",
                                        e->type_label[1][i + 1][report_of(sidx, K[i], k)]);
            nf->sf.strategy_names[i][sidx] = strdup(K[i] == 1 ? "-" : buf);
        }
    }
    /* prior over each agent's types, and the constant of period 0 */
    uint64_t root = mc_gum_state_index(e, 0, e->init);
    uint32_t x0 = s->pol.chi[0][root];
    const mc_q *prior[MC_GUM_MAX_AGENTS];
    for (unsigned i = 0; i < n; i++)
        prior[i] = mc_gum_trans(e, 1, i + 1, e->init[0], e->init[i + 1], x0);
    uint32_t th[MC_GUM_MAX_COMP], rep[MC_GUM_MAX_COMP], strat[MC_MAX_PLAYERS];
    uint64_t ntp = 1;
    for (unsigned i = 0; i < n; i++)
        ntp *= K[i];
    mc_q w = MC_Q_ZERO, u = MC_Q_ZERO;
    for (uint64_t prof = 0; prof < nf->nprofiles; prof++) {
        mc_sform_profile_of(&nf->sf, prof, strat);
        for (uint64_t tp = 0; tp < ntp; tp++) {
            uint64_t r = tp;
            mc_q_set_i64(&w, 1);
            th[0] = rep[0] = 0;
            for (unsigned i = n; i-- > 0;) {
                th[i + 1] = (uint32_t)(r % K[i]);
                r /= K[i];
                mc_q_mul(&w, &w, &prior[i][th[i + 1]]);
                rep[i + 1] = report_of(strat[i], K[i], th[i + 1]);
            }
            if (mc_q_is_zero(&w))
                continue;
            uint64_t cur = mc_gum_state_index(e, 1, rep);
            uint32_t x = s->pol.chi[1][cur];
            const mc_q *y = mc_gum_y(m, 1, root, cur);
            for (unsigned i = 0; i < n; i++) {
                const mc_q *pay = &mc_gum_pay(e, 1, i + 1, th[i + 1])[x];
                mc_q_add(&u, pay, &y[i]);
                mc_q_addmul(mc_sform_payoff(&nf->sf, prof, i), &w, &u);
                /* welfare counts payoffs only (spec 2.1): the same as the sum
                 * of utilities for a balanced mechanism, not for the pivot one */
                mc_q_addmul(&nf->welfare[prof], &w, pay);
            }
        }
        for (unsigned i = 0; i < n; i++) {
            mc_q *pi = mc_sform_payoff(&nf->sf, prof, i);
            const mc_q *u0 = &mc_gum_pay(e, 0, i + 1, e->init[i + 1])[x0];
            mc_q_add(pi, pi, u0);
            mc_q_add(&nf->welfare[prof], &nf->welfare[prof], u0);
        }
    }
    mc_q_clear(&w);
    mc_q_clear(&u);
    return MC_OK;
}

uint64_t mc_gum_nf_truthful_profile(const mc_gum_nf *nf)
{
    return mc_sform_profile_index(&nf->sf, nf->truthful);
}

json_t *mc_gum_nf_profile_json(const mc_gum_nf *nf, uint64_t prof, const mc_q *W)
{
    uint32_t strat[MC_MAX_PLAYERS];
    mc_sform_profile_of(&nf->sf, prof, strat);
    json_t *names = json_array(), *u = json_object();
    for (unsigned i = 0; i < nf->n; i++) {
        json_array_append_new(names, json_string(nf->sf.strategy_names[i][strat[i]]));
        json_object_set_new(u, nf->sf.agent_names[i],
                            mc_gum_jq(mc_sform_payoff(&nf->sf, prof, i)));
    }
    return json_pack("{s:o,s:o,s:o,s:b}", "strategies", names, "utilities", u, "welfare",
                     mc_gum_jq(&nf->welfare[prof]), "efficient", mc_q_eq(&nf->welfare[prof], W));
}

/* Surviving profiles of sv, with welfare, efficiency and whether each is a
 * pure NE of the reduced game. */
static mc_status end_json(const mc_gum_nf *nf, const mc_survivors *sv, const mc_q *W,
                          mc_gum_iewds *sum, json_t **out, bool *truth_in, bool *any_eff,
                          bool *eff_ne, mc_error *err)
{
    mc_nash_result ne;
    mc_status st = mc_nash_pure(&nf->sf, sv, 0, &ne, err);
    if (st != MC_OK) {
        mc_nash_result_free(&ne);
        return st;
    }
    json_t *surv = json_object(), *profs = json_array();
    for (unsigned i = 0; i < nf->n; i++) {
        json_t *a = json_array();
        for (uint32_t s = 0; s < nf->nstrat[i]; s++)
            if (mc_survivors_has(sv, i, s))
                json_array_append_new(a, json_string(nf->sf.strategy_names[i][s]));
        json_object_set_new(surv, nf->sf.agent_names[i], a);
    }
    *truth_in = true;
    for (unsigned i = 0; i < nf->n; i++)
        *truth_in = *truth_in && mc_survivors_has(sv, i, nf->truthful[i]);
    *any_eff = false;
    *eff_ne = false;
    uint64_t count = 0;
    uint32_t strat[MC_MAX_PLAYERS];
    for (uint64_t p = 0; p < nf->nprofiles; p++) {
        mc_sform_profile_of(&nf->sf, p, strat);
        bool in = true;
        for (unsigned i = 0; i < nf->n && in; i++)
            in = mc_survivors_has(sv, i, strat[i]);
        if (!in)
            continue;
        bool eff = mc_q_eq(&nf->welfare[p], W);
        *any_eff = *any_eff || eff;
        bool is_ne = false;
        for (size_t k = 0; k < ne.count; k++)
            is_ne = is_ne || ne.profile[k] == p;
        *eff_ne = *eff_ne || (eff && is_ne);
        if (count++ < 64) {
            json_t *pj = mc_gum_nf_profile_json(nf, p, W);
            json_object_set_new(pj, "nash_in_reduced_game", json_boolean(is_ne));
            json_array_append_new(profs, pj);
        }
    }
    (void)sum;
    mc_nash_result_free(&ne);
    *out = json_pack("{s:o,s:I,s:o,s:b}", "survivors", surv, "surviving_profiles",
                     (json_int_t)count, "profiles", profs, "truthful_profile_survives",
                     *truth_in);
    return MC_OK;
}

static json_t *path_json(const mc_gum_nf *nf, const mc_dom_step *path, size_t npath)
{
    json_t *a = json_array();
    for (size_t k = 0; k < npath && k < 64; k++) {
        const mc_dom_step *s = &path[k];
        json_array_append_new(
            a, json_sprintf("%s: %s by %s", nf->sf.agent_names[s->agent],
                            nf->sf.strategy_names[s->agent][s->strategy],
                            s->dominator < nf->nstrat[s->agent]
                                ? nf->sf.strategy_names[s->agent][s->dominator]
                                : "a mixture"));
    }
    return a;
}

void mc_gum_iewds_free(mc_gum_iewds *r)
{
    json_decref(r->json);
    json_decref(r->first_truthless_path);
    memset(r, 0, sizeof *r);
}

mc_status mc_gum_iewds_run(const mc_gum_nf *nf, const mc_q *W, mc_gum_iewds *r, mc_error *err)
{
    return mc_gum_iewds_run_limited(nf, W, 0, r, err);
}

mc_status mc_gum_iewds_run_limited(const mc_gum_nf *nf, const mc_q *W, uint64_t max_states,
                                   mc_gum_iewds *r, mc_error *err)
{
    memset(r, 0, sizeof *r);
    mc_dom_game dg;
    mc_status st = mc_dom_game_init(&dg, &nf->sf, err);
    if (st != MC_OK)
        return st;
    json_t *j = json_object();
    /* truthful strategies weakly dominated in the full game */
    mc_survivors all;
    if ((st = mc_survivors_init(&all, &nf->sf, err)) != MC_OK) {
        mc_dom_game_free(&dg);
        json_decref(j);
        return st;
    }
    json_t *dom = json_object();
    for (unsigned i = 0; i < nf->n && st == MC_OK; i++) {
        json_t *by = json_array();
        for (uint32_t t = 0; t < nf->nstrat[i] && st == MC_OK; t++) {
            if (t == nf->truthful[i])
                continue;
            bool d = false;
            st = mc_dom_test(&dg, &all, MC_DOM_WEAK, i, nf->truthful[i], t, &d, err);
            if (d)
                json_array_append_new(by, json_string(nf->sf.strategy_names[i][t]));
        }
        if (json_array_size(by))
            r->truth_dominated = true;
        json_object_set_new(dom, nf->sf.agent_names[i], by);
    }
    json_object_set_new(j, "truthful_weakly_dominated_by", dom);
    mc_survivors_free(&all);
    r->truth_in_every_end = r->every_end_inefficient = r->efficient_ne_in_every_end = true;
    const mc_dom_order orders[2] = {MC_DOM_ALL_ORDERS, MC_DOM_ROUNDS};
    for (int k = 0; k < 2 && st == MC_OK; k++) {
        mc_dom_options o;
        mc_dom_options_default(&o, MC_DOM_WEAK, orders[k]);
        if (max_states)
            o.max_states = max_states;
        mc_dom_result res;
        st = mc_dom_iterate(&dg, NULL, &o, &res, err);
        if (st == MC_ELIMIT) {
            r->limited = true;
            json_object_set_new(j, mc_dom_order_name(orders[k]),
                                json_pack("{s:s}", "undecided", err->msg));
            mc_dom_result_free(&res);
            st = MC_OK;
            continue;
        }
        if (st != MC_OK) {
            mc_dom_result_free(&res);
            break;
        }
        json_t *ends = json_array();
        size_t nends = orders[k] == MC_DOM_ALL_ORDERS ? res.nends : 1;
        for (size_t e = 0; e < nends && st == MC_OK; e++) {
            const mc_survivors *sv = orders[k] == MC_DOM_ALL_ORDERS ? &res.ends[e].survivors
                                                                      : &res.survivors;
            json_t *ej = NULL;
            bool truth_in, any_eff, eff_ne;
            st = end_json(nf, sv, W, r, &ej, &truth_in, &any_eff, &eff_ne, err);
            if (st != MC_OK)
                break;
            if (orders[k] == MC_DOM_ALL_ORDERS) {
                json_object_set_new(ej, "path",
                                    path_json(nf, res.ends[e].path, res.ends[e].npath));
                r->truth_in_every_end = r->truth_in_every_end && truth_in;
                r->every_end_inefficient = r->every_end_inefficient && !any_eff;
                r->efficient_ne_in_every_end = r->efficient_ne_in_every_end && eff_ne;
                if (!truth_in && !r->first_truthless_path)
                    r->first_truthless_path = json_incref(json_object_get(ej, "path"));
            } else {
                json_object_set_new(ej, "trace", path_json(nf, res.trace, res.ntrace));
            }
            json_array_append_new(ends, ej);
        }
        if (orders[k] == MC_DOM_ALL_ORDERS) {
            r->nends = res.nends;
            r->order_independent = res.order_independent;
            json_object_set_new(j, "all-orders",
                                json_pack("{s:b,s:I,s:o}", "order_independent",
                                          res.order_independent, "states_explored",
                                          (json_int_t)res.nstates, "terminal_sets", ends));
        } else {
            json_object_set_new(j, "rounds", json_array_get(ends, 0) ? json_incref(json_array_get(ends, 0)) : json_null());
            json_decref(ends);
        }
        mc_dom_result_free(&res);
    }
    mc_dom_game_free(&dg);
    r->json = json_pack("{s:s,s:s,s:o}", "notion", "weak", "dominators", "pure", "result", j);
    return st;
}

mc_status mc_gum_nf_nash(const mc_gum_nf *nf, const mc_q *W, json_t **out, size_t *count,
                         bool *all_efficient, mc_error *err)
{
    mc_nash_result ne;
    mc_status st = mc_nash_pure(&nf->sf, NULL, 0, &ne, err);
    if (st != MC_OK) {
        mc_nash_result_free(&ne);
        return st;
    }
    json_t *a = json_array();
    *all_efficient = true;
    for (size_t k = 0; k < ne.count; k++) {
        json_array_append_new(a, mc_gum_nf_profile_json(nf, ne.profile[k], W));
        *all_efficient = *all_efficient && mc_q_eq(&nf->welfare[ne.profile[k]], W);
    }
    *count = ne.count;
    *out = a;
    mc_nash_result_free(&ne);
    return MC_OK;
}

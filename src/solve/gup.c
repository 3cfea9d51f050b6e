/* The generic GUP and CPGUP checks (spec 004 eqs. (13), (22)): sums of
 * maximin values against W* (pooled) or the team optimum (independent). */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/efnf.h"
#include "mechcheck/guarantee.h"
#include "solve/ef_internal.h"

void mc_gup_options_default(mc_gup_options *o)
{
    memset(o, 0, sizeof *o);
    mc_seqform_options_default(&o->seq);
    mc_team_options_default(&o->team);
    o->max_team_plans = 65536;
    o->gup = o->cpgup = true;
}

void mc_gup_report_init(mc_gup_report *r)
{
    memset(r, 0, sizeof *r);
    for (unsigned a = 0; a < MC_MAX_PLAYERS; a++) {
        r->term[a].cp_value = MC_Q_ZERO;
        r->term[a].gup_lower = MC_Q_ZERO;
        r->term[a].gup_upper = MC_Q_ZERO;
    }
    r->w_pooled = r->cp_sum = r->gup_sum_lower = r->gup_sum_upper = MC_Q_ZERO;
    r->w_team_lower = r->w_team_upper = MC_Q_ZERO;
    r->cpgup = r->gup = MC_UNDECIDED;
}

void mc_gup_report_free(mc_gup_report *r)
{
    for (unsigned a = 0; a < MC_MAX_PLAYERS; a++) {
        mc_q_clear(&r->term[a].cp_value);
        mc_q_clear(&r->term[a].gup_lower);
        mc_q_clear(&r->term[a].gup_upper);
    }
    mc_q *qs[] = {&r->w_pooled, &r->cp_sum, &r->gup_sum_lower, &r->gup_sum_upper,
                  &r->w_team_lower, &r->w_team_upper};
    for (size_t k = 0; k < sizeof qs / sizeof *qs; k++)
        mc_q_clear(qs[k]);
    mc_gup_report_init(r);
}

/* Evaluates every plan of the grand agent (own information). */
static mc_status team_enumerate(const mc_ef *ef, const mc_efnf_agent *all, mc_q *best,
                                mc_error *err)
{
    mc_q w[MC_MAX_PLAYERS], u = MC_Q_ZERO;
    ef_weights_of(ef, mc_players_all(ef->nplayers), w);
    uint32_t *act = calloc((size_t)ef->ninfosets + 1, sizeof *act);
    if (!act)
        return mc_error_set(err, MC_ENOMEM, "team optimum: out of memory");
    mc_status st = MC_OK;
    for (uint32_t p = 0; p < all->nplans && st == MC_OK; p++) {
        for (uint32_t k = 0; k < all->nunits; k++)
            act[all->unit[k]] = all->plan[(size_t)p * all->nunits + k];
        st = ef_team_column(ef, NULL, all->players, act, NULL, w, &u, err);
        if (st == MC_OK && (p == 0 || mc_q_cmp(&u, best) > 0))
            mc_q_set(best, &u);
    }
    mc_q_clear(&u);
    free(act);
    return st;
}

/* Coordinate search from two starts: action 0 everywhere, and the pooled
 * optimum's actions at the first node of each set. */
static mc_status team_search(const mc_ef *ef, mc_q *best, mc_error *err)
{
    mc_q w[MC_MAX_PLAYERS], v = MC_Q_ZERO;
    mc_players all = mc_players_all(ef->nplayers);
    ef_weights_of(ef, all, w);
    uint32_t *act = calloc((size_t)ef->ninfosets + 1, sizeof *act);
    if (!act)
        return mc_error_set(err, MC_ENOMEM, "team optimum: out of memory");
    mc_status st = ef_team_search(ef, all, NULL, NULL, NULL, w, true, act, best, err);
    mc_side_opt po;
    mc_side_opt_init(&po);
    if (st == MC_OK)
        st = mc_side_optimum(ef, all, NULL, w, true, &po, err);
    for (uint32_t i = 0; st == MC_OK && i < ef->ninfosets; i++) {
        uint32_t node = ef->infosets[i].first_node, b = po.plan[po.side.node_infoset[node]];
        uint64_t stride[MC_MAX_MOVERS];
        ef_slot_strides(ef, node, stride);
        /* decode the joint action: last slot fastest */
        for (unsigned k = ef->nmovers[node]; k-- > 0;) {
            uint32_t j = ef->slot_infoset[ef->aux[node] + k];
            if (j == i)
                act[i] = b % ef->infosets[j].nactions;
            b /= ef->infosets[j].nactions;
        }
    }
    if (st == MC_OK)
        st = ef_team_search(ef, all, NULL, NULL, NULL, w, true, act, &v, err);
    if (st == MC_OK && mc_q_cmp(&v, best) > 0)
        mc_q_set(best, &v);
    mc_side_opt_free(&po);
    mc_q_clear(&v);
    free(act);
    return st;
}

mc_status mc_team_optimum(const mc_ef *ef, uint64_t max_plans, bool *exact, mc_q *lower,
                          mc_q *upper, mc_error *err)
{
    mc_status st = mc_max_surplus(ef, upper, err);
    if (st != MC_OK)
        return st;
    mc_efnf_agent all;
    mc_error enum_err;
    *exact = false;
    st = max_plans ? mc_efnf_agent_plans(ef, mc_players_all(ef->nplayers), true, false, max_plans,
                                         &all, &enum_err)
                   : MC_ELIMIT;
    if (st == MC_OK) {
        st = team_enumerate(ef, &all, lower, err);
        mc_efnf_agent_free(&all);
        if (st == MC_OK) {
            mc_q_set(upper, lower);
            *exact = true;
        }
        return st;
    }
    if (st != MC_ELIMIT) {
        *err = enum_err;
        return st;
    }
    st = team_search(ef, lower, err);
    if (st == MC_OK && mc_q_eq(lower, upper))
        *exact = true;
    return st;
}

static void q_str(char *buf, size_t cap, const mc_q *q)
{
    mc_q_snprint(buf, cap, q);
}

static mc_status run_cpgup(const mc_ef *ef, const mc_agents *ag, const mc_gup_options *o,
                           mc_gup_report *r, mc_error *err)
{
    bool all = true;
    mc_q_set_i64(&r->cp_sum, 0);
    for (unsigned a = 0; a < ag->nagents; a++) {
        mc_gup_term *t = &r->term[a];
        mc_seqform_result sr;
        mc_seqform_result_init(&sr);
        mc_status st = mc_seqform_maximin(ef, t->players, mc_players_all(ef->nplayers) & ~t->players,
                                          &o->seq, &sr, err);
        if (st != MC_OK && st != MC_ELIMIT) {
            mc_seqform_result_free(&sr);
            return st;
        }
        t->cp_certified = st == MC_OK && sr.lp_status == MC_LP_OPTIMAL_CERTIFIED;
        if (t->cp_certified) {
            mc_q_set(&t->cp_value, &sr.value);
            mc_q_add(&r->cp_sum, &r->cp_sum, &sr.value);
        } else {
            snprintf(t->note, sizeof t->note, "%.150s", st == MC_OK ? sr.note : err->msg);
            all = false;
        }
        mc_seqform_result_free(&sr);
    }
    char s1[128], s2[128];
    q_str(s2, sizeof s2, &r->w_pooled);
    if (!all) {
        r->cpgup = MC_UNDECIDED;
        snprintf(r->cpgup_reason, sizeof r->cpgup_reason,
                 "some maximin LP could not be certified; W* = %.100s", s2);
        return MC_OK;
    }
    q_str(s1, sizeof s1, &r->cp_sum);
    int c = mc_q_cmp(&r->cp_sum, &r->w_pooled);
    if (c > 0)
        return mc_error_set(err, MC_EINTERNAL, "CPGUP: sum of maximin values %s exceeds W* %s",
                            s1, s2);
    r->cpgup = c == 0 ? MC_HOLDS : MC_FAILS;
    snprintf(r->cpgup_reason, sizeof r->cpgup_reason, "sum of pooled maximin values %.100s %.100s W* = %.100s",
             s1, c == 0 ? "equals" : "is below", s2);
    return MC_OK;
}

static mc_status run_gup(const mc_ef *ef, const mc_agents *ag, const mc_gup_options *o,
                         mc_gup_report *r, mc_error *err)
{
    mc_status st = mc_team_optimum(ef, o->max_team_plans, &r->w_team_exact, &r->w_team_lower,
                                   &r->w_team_upper, err);
    if (st != MC_OK)
        return st;
    r->gup_have_lower = r->gup_have_upper = true;
    mc_q_set_i64(&r->gup_sum_lower, 0);
    mc_q_set_i64(&r->gup_sum_upper, 0);
    for (unsigned a = 0; a < ag->nagents; a++) {
        mc_gup_term *t = &r->term[a];
        mc_team_result tr;
        mc_team_result_init(&tr);
        st = mc_team_maxmin(ef, t->players, mc_players_all(ef->nplayers) & ~t->players, &o->team,
                            &tr, err);
        if (st != MC_OK && st != MC_ELIMIT) {
            mc_team_result_free(&tr);
            return st;
        }
        t->gup_method = tr.method;
        t->gup_decided = st == MC_OK && tr.decided;
        t->gup_have_lower = tr.have_lower;
        t->gup_have_upper = tr.have_upper;
        if (tr.have_lower) {
            mc_q_set(&t->gup_lower, &tr.lower);
            mc_q_add(&r->gup_sum_lower, &r->gup_sum_lower, &tr.lower);
        } else {
            r->gup_have_lower = false;
        }
        if (tr.have_upper) {
            mc_q_set(&t->gup_upper, &tr.upper);
            mc_q_add(&r->gup_sum_upper, &r->gup_sum_upper, &tr.upper);
        } else {
            r->gup_have_upper = false;
        }
        if (!t->gup_decided && !t->note[0])
            snprintf(t->note, sizeof t->note, "%.150s", st == MC_OK ? tr.note : err->msg);
        mc_team_result_free(&tr);
    }
    char lo[96], hi[96], wl[96], wu[96];
    q_str(lo, sizeof lo, &r->gup_sum_lower);
    q_str(hi, sizeof hi, &r->gup_sum_upper);
    q_str(wl, sizeof wl, &r->w_team_lower);
    q_str(wu, sizeof wu, &r->w_team_upper);
    if (r->gup_have_lower && mc_q_cmp(&r->gup_sum_lower, &r->w_team_upper) > 0)
        return mc_error_set(err, MC_EINTERNAL, "GUP: sum of maximin values %s exceeds %s", lo, wu);
    if (r->gup_have_lower && mc_q_eq(&r->gup_sum_lower, &r->w_team_upper)) {
        r->gup = MC_HOLDS;
        snprintf(r->gup_reason, sizeof r->gup_reason,
                 "sum of maximin values against independent others %.100s equals the best total %.100s",
                 lo, wu);
    } else if (r->gup_have_upper && mc_q_cmp(&r->gup_sum_upper, &r->w_team_lower) < 0) {
        r->gup = MC_FAILS;
        snprintf(r->gup_reason, sizeof r->gup_reason,
                 "sum of maximin values against independent others is at most %.100s, below the "
                 "total %.100s of a profile",
                 hi, wl);
    } else {
        r->gup = MC_UNDECIDED;
        snprintf(r->gup_reason, sizeof r->gup_reason,
                 "sum of maximin values in [%.100s, %.100s], best total in [%.100s, %.100s]",
                 r->gup_have_lower ? lo : "?", r->gup_have_upper ? hi : "?", wl, wu);
    }
    return MC_OK;
}

mc_status mc_gup_check(const mc_ef *ef, const mc_agents *ag, const mc_gup_options *o,
                       mc_gup_report *r, mc_error *err)
{
    mc_gup_options dflt;
    if (!o) {
        mc_gup_options_default(&dflt);
        o = &dflt;
    }
    mc_gup_report_free(r);
    mc_agents single;
    if (!ag) {
        mc_agents_singletons(&single, ef->nplayers);
        ag = &single;
    }
    if (ag->nplayers != ef->nplayers)
        return mc_error_set(err, MC_EINPUT, "GUP: agents over %u players, game has %u",
                            ag->nplayers, ef->nplayers);
    if (o->gup && !mc_agents_is_singletons(ag))
        return mc_error_set(err, MC_EUNSUPPORTED,
                            "GUP: defined for agents that are single players (use CPGUP for "
                            "coalitions)");
    r->nagents = ag->nagents;
    for (unsigned a = 0; a < ag->nagents; a++)
        r->term[a].players = mc_players_of_agent(ag, a);
    mc_status st = mc_max_surplus(ef, &r->w_pooled, err);
    if (st == MC_OK && o->cpgup)
        st = run_cpgup(ef, ag, o, r, err);
    if (st == MC_OK && o->gup)
        st = run_gup(ef, ag, o, r, err);
    return st;
}

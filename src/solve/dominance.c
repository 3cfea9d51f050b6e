/* The dominance notions (defined once, in dominated_by), the rank tables
 * that let them compare integers instead of rationals, and the per-agent
 * sweep every elimination order uses. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "solve/dominance_internal.h"
#include "solve/sform_internal.h"

const char *mc_dom_notion_name(mc_dom_notion n)
{
    switch (n) {
    case MC_DOM_STRICT:
        return "strict";
    case MC_DOM_WEAK:
        return "weak";
    case MC_DOM_DISTINGUISHABLE:
        return "distinguishable";
    }
    return "?";
}

const char *mc_dom_order_name(mc_dom_order o)
{
    switch (o) {
    case MC_DOM_ROUNDS:
        return "rounds";
    case MC_DOM_ALTERNATING:
        return "alternating";
    case MC_DOM_GIVEN:
        return "given";
    case MC_DOM_ALL_ORDERS:
        return "all-orders";
    }
    return "?";
}

void mc_dom_options_default(mc_dom_options *o, mc_dom_notion notion, mc_dom_order order)
{
    memset(o, 0, sizeof *o);
    o->notion = notion;
    o->order = order;
}

/* THE definitions.  rs[m], rt[m]: ranks of u(s, tau_m) and u(t, tau_m) over
 * the k surviving profiles tau_m of the others (equal ranks iff equal
 * payoffs); os, ot: outcome ids there (DISTINGUISHABLE only).  Is s
 * dominated by t?  k >= 1 always: every agent keeps a strategy. */
static bool dominated_by(mc_dom_notion notion, const uint32_t *rs, const uint32_t *rt,
                         const uint64_t *os, const uint64_t *ot, uint64_t k)
{
    switch (notion) {
    case MC_DOM_STRICT:
        for (uint64_t m = 0; m < k; m++)
            if (rs[m] >= rt[m])
                return false;
        return k > 0;
    case MC_DOM_WEAK: {
        bool somewhere = false;
        for (uint64_t m = 0; m < k; m++) {
            if (rs[m] > rt[m])
                return false;
            somewhere |= rs[m] < rt[m];
        }
        return somewhere;
    }
    case MC_DOM_DISTINGUISHABLE: {
        /* where outcomes agree, payoffs agree (mc_sform_check_outcomes) */
        bool distinguished = false;
        for (uint64_t m = 0; m < k; m++)
            if (os[m] != ot[m]) {
                if (rs[m] >= rt[m])
                    return false;
                distinguished = true;
            }
        return distinguished;
    }
    }
    return false;
}

/* ---- rank tables ---------------------------------------------------------- */

/* Stable merge sort of idx[0..n) by vals[idx] (exact comparisons). */
static void sort_by_value(uint32_t *idx, uint32_t *tmp, uint32_t n, const mc_q *const *vals)
{
    for (uint32_t width = 1; width < n; width *= 2) {
        for (uint32_t lo = 0; lo < n; lo += 2 * width) {
            uint32_t mid = lo + width < n ? lo + width : n;
            uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            uint32_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                tmp[o++] = mc_q_cmp(vals[idx[j]], vals[idx[i]]) < 0 ? idx[j++] : idx[i++];
            while (i < mid)
                tmp[o++] = idx[i++];
            while (j < hi)
                tmp[o++] = idx[j++];
        }
        memcpy(idx, tmp, n * sizeof *idx);
    }
}

mc_status mc_dom_game_init(mc_dom_game *dg, const mc_sform *sf, mc_error *err)
{
    memset(dg, 0, sizeof *dg);
    dg->sf = sf;
    mc_status st = mc_sform_check_outcomes(sf, err);
    if (st != MC_OK)
        return st;
    uint32_t nmax = mc_dom_max_strategies(sf);
    uint32_t *idx = malloc(nmax * sizeof *idx), *tmp = malloc(nmax * sizeof *tmp);
    const mc_q **vals = malloc(nmax * sizeof *vals);
    if (!idx || !tmp || !vals) {
        st = mc_error_set(err, MC_ENOMEM, "dominance: out of memory");
        goto done;
    }
    for (unsigned a = 0; a < sf->nagents && st == MC_OK; a++) {
        uint32_t n = sf->nstrategies[a];
        dg->ntau[a] = sf->nprofiles / n;
        uint32_t *rank = dg->rank[a] = malloc(sf->nprofiles * sizeof *rank);
        if (!rank) {
            st = mc_error_set(err, MC_ENOMEM, "dominance: out of memory for %" PRIu64 " ranks",
                              sf->nprofiles);
            break;
        }
        for (uint64_t tau = 0; tau < dg->ntau[a]; tau++) {
            for (uint32_t s = 0; s < n; s++) {
                idx[s] = s;
                vals[s] = mc_sform_payoff(sf, mc_sform_profile_at(sf, a, tau, s), a);
            }
            sort_by_value(idx, tmp, n, vals);
            uint32_t r = 0;
            for (uint32_t i = 0; i < n; i++) {
                if (i > 0 && mc_q_cmp(vals[idx[i - 1]], vals[idx[i]]) != 0)
                    r++;
                rank[(uint64_t)idx[i] * dg->ntau[a] + tau] = r;
            }
        }
    }
done:
    free(idx);
    free(tmp);
    free(vals);
    if (st != MC_OK)
        mc_dom_game_free(dg);
    return st;
}

void mc_dom_game_free(mc_dom_game *dg)
{
    for (unsigned a = 0; a < MC_MAX_PLAYERS; a++)
        free(dg->rank[a]);
    memset(dg, 0, sizeof *dg);
}

/* ---- the per-agent sweep --------------------------------------------------- */

mc_status mc_dom_check_options(const mc_dom_game *dg, const mc_dom_options *opt, mc_error *err)
{
    if ((unsigned)opt->notion > MC_DOM_DISTINGUISHABLE)
        return mc_error_set(err, MC_EINPUT, "dominance: unknown notion %d", (int)opt->notion);
    if (opt->notion == MC_DOM_DISTINGUISHABLE && !dg->sf->outcome)
        return mc_error_set(err, MC_EUNSUPPORTED,
                            "distinguishable dominance needs outcome ids in the strategic form");
    if (opt->notion == MC_DOM_DISTINGUISHABLE && opt->mixed)
        return mc_error_set(err, MC_EUNSUPPORTED,
                            "distinguishable dominance is pure against pure: no mixed dominators");
    return MC_OK;
}

uint32_t mc_dom_max_strategies(const mc_sform *sf)
{
    uint32_t nmax = 0;
    for (unsigned a = 0; a < sf->nagents; a++)
        nmax = sf->nstrategies[a] > nmax ? sf->nstrategies[a] : nmax;
    return nmax;
}

mc_status mc_dom_work_init(mc_dom_work *w, const mc_dom_game *dg, const mc_dom_options *opt,
                           mc_error *err)
{
    memset(w, 0, sizeof *w);
    w->dg = dg;
    w->opt = opt;
    const mc_sform *sf = dg->sf;
    uint64_t ntau = 0;
    for (unsigned a = 0; a < sf->nagents; a++)
        ntau = dg->ntau[a] > ntau ? dg->ntau[a] : ntau;
    uint32_t nmax = mc_dom_max_strategies(sf);
    w->base = malloc(ntau * sizeof *w->base);
    w->tau = malloc(ntau * sizeof *w->tau);
    w->rows = malloc(sf->nprofiles * sizeof *w->rows);
    w->alive = malloc(nmax * sizeof *w->alive);
    if (opt->notion == MC_DOM_DISTINGUISHABLE)
        w->orows = malloc(sf->nprofiles * sizeof *w->orows);
    if (!w->base || !w->tau || !w->rows || !w->alive ||
        (opt->notion == MC_DOM_DISTINGUISHABLE && !w->orows)) {
        mc_dom_work_free(w);
        return mc_error_set(err, MC_ENOMEM, "dominance: out of memory for the workspace");
    }
    return MC_OK;
}

void mc_dom_work_free(mc_dom_work *w)
{
    free(w->base);
    free(w->tau);
    free(w->rows);
    free(w->orows);
    free(w->alive);
    memset(w, 0, sizeof *w);
}

/* Copies agent's surviving rows over the others' surviving profiles into a
 * dense block, so the pair tests below read contiguous memory. */
static void gather(mc_dom_work *w, const mc_survivors *sv, unsigned agent)
{
    const mc_sform *sf = w->dg->sf;
    w->k = mc_sform_others(sf, sv, agent, w->base, w->tau);
    w->nalive = 0;
    for (uint32_t s = mc_sv_next(sf, sv, agent, 0); s < sf->nstrategies[agent];
         s = mc_sv_next(sf, sv, agent, s + 1))
        w->alive[w->nalive++] = s;
    const uint32_t *rank = w->dg->rank[agent];
    uint64_t ntau = w->dg->ntau[agent], st = sf->stride[agent];
    for (uint32_t i = 0; i < w->nalive; i++) {
        const uint32_t *row = rank + (uint64_t)w->alive[i] * ntau;
        uint32_t *out = w->rows + (uint64_t)i * w->k;
        for (uint64_t m = 0; m < w->k; m++)
            out[m] = row[w->tau[m]];
        if (w->orows) {
            uint64_t *oout = w->orows + (uint64_t)i * w->k;
            uint64_t off = (uint64_t)w->alive[i] * st;
            for (uint64_t m = 0; m < w->k; m++)
                oout[m] = sf->outcome[w->base[m] + off];
        }
    }
}

/* Is alive[i] dominated by alive[j] (after gather)? */
static bool gathered_dominated_by(const mc_dom_work *w, uint32_t i, uint32_t j)
{
    uint64_t k = w->k;
    return dominated_by(w->opt->notion, w->rows + (uint64_t)i * k, w->rows + (uint64_t)j * k,
                        w->orows ? w->orows + (uint64_t)i * k : NULL,
                        w->orows ? w->orows + (uint64_t)j * k : NULL, k);
}

static mc_status dominator_of(mc_dom_work *w, const mc_survivors *sv, unsigned agent, uint32_t i,
                              uint32_t *dominator, mc_dom_mixture *mix, mc_error *err)
{
    *dominator = MC_DOM_NONE;
    for (uint32_t j = 0; j < w->nalive; j++)
        if (j != i && gathered_dominated_by(w, i, j)) {
            *dominator = w->alive[j];
            return MC_OK;
        }
    if (w->opt->mixed) {
        bool dominated = false;
        mc_status st = w->opt->mixed(w->opt->mixed_ctx, w->dg->sf, sv, w->opt->notion, agent,
                                     w->alive[i], &dominated, mix, err);
        if (st != MC_OK)
            return st;
        if (dominated)
            *dominator = MC_DOM_MIXED;
        else if (mix)
            mc_dom_mixture_free(mix); /* a hook may leave a non-dominating one behind */
    }
    return MC_OK;
}

mc_status mc_dom_work_agent(mc_dom_work *w, const mc_survivors *sv, unsigned agent, uint32_t *dom,
                            mc_dom_mixture *mix, uint32_t *count, mc_error *err)
{
    const mc_sform *sf = w->dg->sf;
    for (uint32_t s = 0; s < sf->nstrategies[agent]; s++)
        dom[s] = MC_DOM_NONE;
    *count = 0;
    gather(w, sv, agent);
    for (uint32_t i = 0; i < w->nalive; i++) {
        uint32_t s = w->alive[i];
        mc_status st = dominator_of(w, sv, agent, i, &dom[s], mix ? &mix[s] : NULL, err);
        if (st != MC_OK)
            return st;
        if (dom[s] != MC_DOM_NONE)
            ++*count;
    }
    if (*count && *count == w->nalive)
        return mc_error_set(err, MC_EINTERNAL,
                            "dominance: every surviving strategy of agent %u is %s-dominated",
                            agent + 1, mc_dom_notion_name(w->opt->notion));
    return MC_OK;
}

mc_status mc_dom_work_one(mc_dom_work *w, const mc_survivors *sv, unsigned agent, uint32_t s,
                          uint32_t *dominator, mc_dom_mixture *mix, mc_error *err)
{
    gather(w, sv, agent);
    for (uint32_t i = 0; i < w->nalive; i++)
        if (w->alive[i] == s)
            return dominator_of(w, sv, agent, i, dominator, mix, err);
    *dominator = MC_DOM_NONE;
    return MC_OK;
}

/* ---- a single test, for callers and witness checkers ---------------------- */

mc_status mc_dom_test(const mc_dom_game *dg, const mc_survivors *sv, mc_dom_notion notion,
                      unsigned agent, uint32_t s, uint32_t t, bool *dominated, mc_error *err)
{
    const mc_sform *sf = dg->sf;
    *dominated = false;
    if (agent >= sf->nagents || s >= sf->nstrategies[agent] || t >= sf->nstrategies[agent] ||
        s == t || !mc_survivors_has(sv, agent, s) || !mc_survivors_has(sv, agent, t))
        return mc_error_set(err, MC_EINPUT,
                            "dominance test: agent %u, strategies %" PRIu32 " and %" PRIu32
                            " must be two distinct surviving strategies",
                            agent + 1, s + 1, t + 1);
    mc_dom_options opt;
    mc_dom_options_default(&opt, notion, MC_DOM_ROUNDS);
    mc_status st = mc_dom_check_options(dg, &opt, err);
    if (st != MC_OK)
        return st;
    uint64_t ntau = dg->ntau[agent];
    uint64_t *base = malloc(ntau * sizeof *base), *tau = malloc(ntau * sizeof *tau);
    uint32_t *rs = malloc(ntau * sizeof *rs), *rt = malloc(ntau * sizeof *rt);
    uint64_t *os = NULL, *ot = NULL;
    if (notion == MC_DOM_DISTINGUISHABLE) {
        os = malloc(ntau * sizeof *os);
        ot = malloc(ntau * sizeof *ot);
    }
    if (!base || !tau || !rs || !rt || (notion == MC_DOM_DISTINGUISHABLE && (!os || !ot))) {
        st = mc_error_set(err, MC_ENOMEM, "dominance test: out of memory");
    } else {
        uint64_t k = mc_sform_others(sf, sv, agent, base, tau);
        for (uint64_t m = 0; m < k; m++) {
            rs[m] = dg->rank[agent][s * ntau + tau[m]];
            rt[m] = dg->rank[agent][t * ntau + tau[m]];
            if (os) {
                os[m] = sf->outcome[base[m] + s * sf->stride[agent]];
                ot[m] = sf->outcome[base[m] + t * sf->stride[agent]];
            }
        }
        *dominated = dominated_by(notion, rs, rt, os, ot, k);
    }
    free(base);
    free(tau);
    free(rs);
    free(rt);
    free(os);
    free(ot);
    return st;
}

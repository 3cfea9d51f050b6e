/* Iterated elimination under the ROUNDS, ALTERNATING and GIVEN orders, and
 * the entry point that dispatches to ALL_ORDERS (dominance_all.c). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "solve/dominance_internal.h"

static mc_status trace_push(mc_dom_result *res, size_t *cap, mc_dom_step step, mc_error *err)
{
    if (res->ntrace == *cap) {
        size_t ncap = *cap ? 2 * *cap : 64;
        mc_dom_step *t = realloc(res->trace, ncap * sizeof *t);
        if (!t)
            return mc_error_set(err, MC_ENOMEM, "dominance: out of memory for the trace");
        res->trace = t;
        *cap = ncap;
    }
    res->trace[res->ntrace++] = step;
    return MC_OK;
}

/* Sets res->terminal: nothing in sv is dominated any more.  (Costs one
 * sweep; used where the order stopped before finding out.) */
static mc_status settle_terminal(mc_dom_work *w, const mc_survivors *sv, uint32_t *dom,
                                 mc_dom_result *res, mc_error *err)
{
    bool any = false;
    for (unsigned a = 0; a < sv->nagents && !any; a++) {
        uint32_t count;
        mc_status st = mc_dom_work_agent(w, sv, a, dom, NULL, &count, err);
        if (st != MC_OK) {
            res->terminal = true;
            return st;
        }
        any = count > 0;
    }
    res->terminal = !any;
    return MC_OK;
}

static void mixtures_free(mc_dom_mixture *mix, size_t n)
{
    if (mix)
        for (size_t i = 0; i < n; i++)
            mc_dom_mixture_free(&mix[i]);
    free(mix);
}

/* The recorded dominator of s: follow pure dominators that are themselves
 * being removed in the same round to one that survives it (transitivity),
 * stopping at one that a mixture removes (its mixture may weigh s). */
static mc_status surviving_dominator(const uint32_t *dom, uint32_t n, uint32_t s, uint32_t *out,
                                     mc_error *err)
{
    uint32_t t = dom[s];
    for (uint32_t hops = 0; t != MC_DOM_MIXED && dom[t] != MC_DOM_NONE && dom[t] != MC_DOM_MIXED;
         hops++) {
        if (hops > n)
            return mc_error_set(err, MC_EINTERNAL,
                                "dominance: a cycle of dominators through %" PRIu32, s + 1);
        t = dom[t];
    }
    *out = t;
    return MC_OK;
}

/* Removes the strategies marked in dom (one agent's array) and records
 * them; the trace takes the mixtures of mix (NULL: none). */
static mc_status remove_marked(const mc_dom_work *w, mc_survivors *sv, unsigned agent,
                               const uint32_t *dom, mc_dom_mixture *mix, uint32_t round,
                               mc_dom_result *res, size_t *cap, mc_error *err)
{
    uint32_t n = w->dg->sf->nstrategies[agent];
    for (uint32_t s = 0; s < n; s++) {
        if (dom[s] == MC_DOM_NONE)
            continue;
        mc_dom_step step = {round, agent, s, 0, w->opt->notion};
        mc_status st = surviving_dominator(dom, n, s, &step.dominator, err);
        if (st == MC_OK)
            st = trace_push(res, cap, step, err);
        if (st != MC_OK)
            return st;
        if (mix && step.dominator == MC_DOM_MIXED) { /* moved, not copied */
            res->trace[res->ntrace - 1].mixture = mix[s];
            mix[s] = (mc_dom_mixture){0};
        }
    }
    for (uint32_t s = 0; s < n; s++)
        if (dom[s] != MC_DOM_NONE)
            mc_survivors_remove(sv, agent, s);
    return MC_OK;
}

static mc_status run_rounds(mc_dom_work *w, mc_dom_result *res, mc_error *err)
{
    const mc_sform *sf = w->dg->sf;
    size_t total = 0, cap = 0;
    size_t offset[MC_MAX_PLAYERS];
    for (unsigned a = 0; a < sf->nagents; a++) {
        offset[a] = total;
        total += sf->nstrategies[a];
    }
    uint32_t *dom = malloc(total * sizeof *dom);
    mc_dom_mixture *mix = w->opt->mixed ? calloc(total, sizeof *mix) : NULL;
    if (!dom || (w->opt->mixed && !mix)) {
        free(dom);
        free(mix);
        return mc_error_set(err, MC_ENOMEM, "dominance: out of memory");
    }
    mc_status st = MC_OK;
    mc_survivors *sv = &res->survivors;
    for (;;) {
        if (w->opt->max_rounds && res->nrounds == w->opt->max_rounds) {
            st = settle_terminal(w, sv, dom, res, err);
            break;
        }
        res->nrounds++;
        uint32_t removed = 0;
        for (unsigned a = 0; a < sf->nagents && st == MC_OK; a++) {
            uint32_t count;
            st = mc_dom_work_agent(w, sv, a, dom + offset[a], mix ? mix + offset[a] : NULL, &count,
                                   err); /* same sv for all */
            removed += count;
        }
        if (st != MC_OK)
            break;
        if (!removed) {
            res->terminal = true;
            break;
        }
        res->ndeleting++;
        for (unsigned a = 0; a < sf->nagents && st == MC_OK; a++)
            st = remove_marked(w, sv, a, dom + offset[a], mix ? mix + offset[a] : NULL,
                               res->nrounds, res, &cap, err);
        if (st != MC_OK)
            break;
    }
    mixtures_free(mix, total);
    free(dom);
    return st;
}

static mc_status run_alternating(mc_dom_work *w, mc_dom_result *res, mc_error *err)
{
    const mc_sform *sf = w->dg->sf;
    uint32_t nmax = mc_dom_max_strategies(sf);
    uint32_t *dom = malloc(nmax * sizeof *dom);
    mc_dom_mixture *mix = w->opt->mixed ? calloc(nmax, sizeof *mix) : NULL;
    if (!dom || (w->opt->mixed && !mix)) {
        free(dom);
        free(mix);
        return mc_error_set(err, MC_ENOMEM, "dominance: out of memory");
    }
    mc_status st = MC_OK;
    size_t cap = 0;
    unsigned agent = w->opt->first_agent, quiet = 0;
    mc_survivors *sv = &res->survivors;
    while (quiet < sf->nagents) {
        if (w->opt->max_rounds && res->nrounds == w->opt->max_rounds) {
            st = settle_terminal(w, sv, dom, res, err);
            break;
        }
        res->nrounds++;
        uint32_t count;
        st = mc_dom_work_agent(w, sv, agent, dom, mix, &count, err);
        if (st != MC_OK)
            break;
        if (count) {
            res->ndeleting++;
            quiet = 0;
            st = remove_marked(w, sv, agent, dom, mix, res->nrounds, res, &cap, err);
            if (st != MC_OK)
                break;
        } else {
            quiet++;
        }
        agent = (agent + 1) % sf->nagents;
    }
    if (st == MC_OK && quiet >= sf->nagents)
        res->terminal = true;
    mixtures_free(mix, nmax);
    free(dom);
    return st;
}

static mc_status run_given(mc_dom_work *w, mc_dom_result *res, mc_error *err)
{
    const mc_sform *sf = w->dg->sf;
    const mc_dom_options *opt = w->opt;
    size_t cap = 0;
    mc_survivors *sv = &res->survivors;
    mc_status st = MC_OK;
    for (size_t i = 0; i < opt->ngiven && st == MC_OK; i++) {
        mc_dom_elim e = opt->given[i];
        if (e.agent >= sf->nagents || e.strategy >= sf->nstrategies[e.agent])
            return mc_error_set(err, MC_EINPUT,
                                "given order, step %zu: agent %u strategy %" PRIu32
                                " does not exist",
                                i + 1, e.agent + 1, e.strategy + 1);
        if (!mc_survivors_has(sv, e.agent, e.strategy))
            return mc_error_set(err, MC_EINPUT,
                                "given order, step %zu: agent %u strategy %" PRIu32
                                " was already eliminated",
                                i + 1, e.agent + 1, e.strategy + 1);
        mc_dom_step step = {(uint32_t)(i + 1), e.agent, e.strategy, MC_DOM_NONE, opt->notion};
        st = mc_dom_work_one(w, sv, e.agent, e.strategy, &step.dominator,
                             opt->mixed ? &step.mixture : NULL, err);
        if (st != MC_OK || step.dominator == MC_DOM_NONE)
            mc_dom_mixture_free(&step.mixture);
        if (st != MC_OK)
            return st;
        if (step.dominator == MC_DOM_NONE)
            return mc_error_set(err, MC_EINPUT,
                                "given order, step %zu: agent %u strategy %" PRIu32
                                " is not %s-dominated at that point",
                                i + 1, e.agent + 1, e.strategy + 1,
                                mc_dom_notion_name(opt->notion));
        if (sv->count[e.agent] <= 1) {
            mc_dom_mixture_free(&step.mixture);
            return mc_error_set(
                err, MC_EINTERNAL,
                "given order, step %zu: would eliminate the last strategy of agent %u", i + 1,
                e.agent + 1);
        }
        mc_survivors_remove(sv, e.agent, e.strategy);
        st = trace_push(res, &cap, step, err);
        if (st != MC_OK)
            mc_dom_mixture_free(&step.mixture);
        res->nrounds++;
        res->ndeleting++;
    }
    if (st != MC_OK)
        return st;
    uint32_t *dom = malloc(mc_dom_max_strategies(sf) * sizeof *dom);
    if (!dom)
        return mc_error_set(err, MC_ENOMEM, "dominance: out of memory");
    st = settle_terminal(w, sv, dom, res, err);
    free(dom);
    return st;
}

mc_status mc_dom_iterate(const mc_dom_game *dg, const mc_survivors *start,
                         const mc_dom_options *opt, mc_dom_result *res, mc_error *err)
{
    memset(res, 0, sizeof *res);
    res->notion = opt->notion;
    res->order = opt->order;
    const mc_sform *sf = dg->sf;
    mc_status st = mc_dom_check_options(dg, opt, err);
    if (st != MC_OK)
        return st;
    if (opt->order == MC_DOM_ALTERNATING && opt->first_agent >= sf->nagents)
        return mc_error_set(err, MC_EINPUT, "alternating order: first agent %u is not in 1..%u",
                            opt->first_agent + 1, sf->nagents);
    if (opt->order == MC_DOM_GIVEN && opt->ngiven && !opt->given)
        return mc_error_set(err, MC_EINPUT, "given order: no eliminations listed");
    if (start) {
        if (start->nagents != sf->nagents)
            return mc_error_set(err, MC_EINPUT,
                                "dominance: the start set has %u agents, the form %u",
                                start->nagents, sf->nagents);
        for (unsigned a = 0; a < sf->nagents; a++)
            if (start->nstrategies[a] != sf->nstrategies[a] || start->count[a] == 0)
                return mc_error_set(err, MC_EINPUT,
                                    "dominance: the start set does not fit agent %u", a + 1);
    }
    mc_dom_work w;
    st = mc_dom_work_init(&w, dg, opt, err);
    if (st != MC_OK)
        return st;
    if (opt->order == MC_DOM_ALL_ORDERS) {
        mc_survivors full;
        if (!start) {
            st = mc_survivors_init(&full, sf, err);
            start = &full;
        }
        if (st == MC_OK)
            st = mc_dom_all_orders(&w, start, res, err);
        if (start == &full)
            mc_survivors_free(&full);
    } else {
        st = start ? mc_survivors_copy(&res->survivors, start, err)
                   : mc_survivors_init(&res->survivors, sf, err);
        if (st == MC_OK) {
            switch (opt->order) {
            case MC_DOM_ROUNDS:
                st = run_rounds(&w, res, err);
                break;
            case MC_DOM_ALTERNATING:
                st = run_alternating(&w, res, err);
                break;
            case MC_DOM_GIVEN:
                st = run_given(&w, res, err);
                break;
            default:
                st = mc_error_set(err, MC_EINPUT, "dominance: unknown order %d", (int)opt->order);
            }
        }
    }
    mc_dom_work_free(&w);
    return st;
}

void mc_dom_result_free(mc_dom_result *res)
{
    mc_survivors_free(&res->survivors);
    for (size_t i = 0; i < res->ntrace; i++)
        mc_dom_mixture_free(&res->trace[i].mixture);
    free(res->trace);
    for (size_t i = 0; i < res->nends; i++) {
        mc_survivors_free(&res->ends[i].survivors);
        for (size_t k = 0; k < res->ends[i].npath; k++)
            mc_dom_mixture_free(&res->ends[i].path[k].mixture);
        free(res->ends[i].path);
    }
    free(res->ends);
    memset(res, 0, sizeof *res);
}

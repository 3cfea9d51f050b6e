/* Independent replay of an elimination result: every witness re-checked
 * against the surviving sets of its moment (see mc_dom_verify). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/dominance.h"

/* One step's witness against sv (the state it is judged in). */
static mc_status check_step(const mc_dom_game *dg, const mc_survivors *sv, const mc_dom_step *st,
                            const char *where, size_t i, mc_error *why)
{
    const mc_sform *sf = dg->sf;
    mc_error e;
    mc_error_clear(&e);
    if (st->agent >= sf->nagents || st->strategy >= sf->nstrategies[st->agent])
        return mc_error_set(why, MC_EINPUT, "%s step %zu: agent %u strategy %" PRIu32
                                            " does not exist",
                            where, i + 1, st->agent + 1, st->strategy + 1);
    bool dominated = false;
    mc_status s;
    if (st->dominator == MC_DOM_MIXED) {
        if (st->mixture.n == 0)
            return mc_error_set(why, MC_EINPUT,
                                "%s step %zu: agent %u strategy %" PRIu32
                                ": a mixed dominator without its mixture",
                                where, i + 1, st->agent + 1, st->strategy + 1);
        s = mc_dom_mixture_check(sf, sv, st->notion, st->agent, st->strategy, &st->mixture,
                                 &dominated, &e);
    } else {
        s = mc_dom_test(dg, sv, st->notion, st->agent, st->strategy, st->dominator, &dominated, &e);
    }
    if (s == MC_ENOMEM)
        return mc_error_set(why, s, "%s", e.msg);
    if (s != MC_OK)
        return mc_error_set(why, MC_EINPUT, "%s step %zu: %s", where, i + 1, e.msg);
    if (!dominated) {
        char dom[32];
        if (st->dominator == MC_DOM_MIXED)
            snprintf(dom, sizeof dom, "its mixture");
        else
            snprintf(dom, sizeof dom, "strategy %" PRIu32, st->dominator + 1);
        return mc_error_set(why, MC_EINPUT,
                            "%s step %zu: agent %u strategy %" PRIu32 " is not %s-dominated by %s",
                            where, i + 1, st->agent + 1, st->strategy + 1,
                            mc_dom_notion_name(st->notion), dom);
    }
    return MC_OK;
}

/* Replays steps from start into cur; grouped: steps with the same round are
 * judged together against the state at the round's start. */
static mc_status replay(const mc_dom_game *dg, const mc_survivors *start, const mc_dom_step *steps,
                        size_t n, bool grouped, const mc_survivors *want, const char *where,
                        mc_error *why)
{
    mc_survivors cur, judge;
    mc_status st = mc_survivors_copy(&cur, start, why);
    if (st != MC_OK)
        return st;
    st = mc_survivors_copy(&judge, start, why);
    if (st != MC_OK) {
        mc_survivors_free(&cur);
        return st;
    }
    for (size_t i = 0; i < n && st == MC_OK; i++) {
        const mc_dom_step *s = &steps[i];
        if (!grouped || (i > 0 && s->round != steps[i - 1].round))
            mc_survivors_assign(&judge, &cur); /* a new moment */
        if (grouped && i > 0 && s->round < steps[i - 1].round) {
            st = mc_error_set(why, MC_EINPUT, "%s step %zu: rounds out of order", where, i + 1);
            break;
        }
        st = check_step(dg, &judge, s, where, i, why);
        if (st != MC_OK)
            break;
        if (!mc_survivors_has(&cur, s->agent, s->strategy))
            st = mc_error_set(why, MC_EINPUT, "%s step %zu: agent %u strategy %" PRIu32
                                              " was already eliminated",
                              where, i + 1, s->agent + 1, s->strategy + 1);
        else if (cur.count[s->agent] <= 1)
            st = mc_error_set(why, MC_EINPUT,
                              "%s step %zu: eliminates the last strategy of agent %u", where,
                              i + 1, s->agent + 1);
        else
            mc_survivors_remove(&cur, s->agent, s->strategy);
    }
    if (st == MC_OK && !mc_survivors_equal(&cur, want))
        st = mc_error_set(why, MC_EINPUT,
                          "%s: replaying the eliminations does not give the reported survivors",
                          where);
    mc_survivors_free(&cur);
    mc_survivors_free(&judge);
    return st;
}

mc_status mc_dom_verify(const mc_dom_game *dg, const mc_survivors *start,
                        const mc_dom_result *res, mc_error *why)
{
    mc_survivors full;
    mc_status st = MC_OK;
    if (!start) {
        st = mc_survivors_init(&full, dg->sf, why);
        if (st != MC_OK)
            return st;
        start = &full;
    }
    if (res->order == MC_DOM_ALL_ORDERS) {
        if (res->nends == 0)
            st = mc_error_set(why, MC_EINPUT, "all orders: no result to check");
        for (size_t e = 0; e < res->nends && st == MC_OK; e++) {
            char where[64];
            snprintf(where, sizeof where, "result %zu:", e + 1);
            st = replay(dg, start, res->ends[e].path, res->ends[e].npath, false,
                        &res->ends[e].survivors, where, why);
        }
        if (st == MC_OK && !mc_survivors_equal(&res->survivors, &res->ends[0].survivors))
            st = mc_error_set(why, MC_EINPUT, "all orders: the result is not that of result 1");
    } else {
        bool grouped = res->order == MC_DOM_ROUNDS || res->order == MC_DOM_ALTERNATING;
        st = replay(dg, start, res->trace, res->ntrace, grouped, &res->survivors, "elimination",
                    why);
    }
    if (start == &full)
        mc_survivors_free(&full);
    return st;
}

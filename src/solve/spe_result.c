/* Results of backward induction: records of ties and unsolved stages. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "spe_internal.h"
#include "util/big_alloc.h"

void mc_spe_defaults(mc_spe_options *o)
{
    memset(o, 0, sizeof *o);
    o->resolve = MC_RESOLVE_FIRST_NE;
    o->max_records = 1000;
    o->memoise = true;
}

double spe_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

mc_status spe_result_init(mc_spe_result *r, unsigned nplayers, const mc_spe_options **opt,
                          mc_spe_options *defaults, mc_error *err)
{
    if (!*opt) {
        mc_spe_defaults(defaults);
        *opt = defaults;
    }
    const mc_spe_options *o = *opt;
    memset(r, 0, sizeof *r);
    r->nplayers = nplayers;
    if (o->agents) {
        if (o->agents->nplayers != nplayers)
            return mc_error_set(err, MC_EINPUT, "agents cover %u players but the game has %u",
                                o->agents->nplayers, nplayers);
        r->agents = *o->agents;
    } else {
        mc_agents_singletons(&r->agents, nplayers);
    }
    r->value = malloc((nplayers ? nplayers : 1) * sizeof *r->value);
    if (!r->value)
        return mc_error_set(err, MC_ENOMEM, "out of memory");
    mc_q_init_vec(r->value, nplayers);
    r->unique = true;
    r->complete = true;
    return MC_OK;
}

static mc_status copy_where(mc_spe_where *w, uint64_t node, const uint32_t *history,
                            uint32_t depth, mc_error *err)
{
    w->node = node;
    w->depth = history ? depth : 0;
    w->history = NULL;
    if (history && depth) {
        w->history = malloc(depth * sizeof *history);
        if (!w->history)
            return mc_error_set(err, MC_ENOMEM, "out of memory keeping a record");
        memcpy(w->history, history, depth * sizeof *history);
    }
    return MC_OK;
}

static bool grow_records(void **arr, uint32_t n, size_t elem)
{
    if (n & (n - 1)) /* capacity doubles at powers of two */
        return true;
    void *p = realloc(*arr, (n ? 2 * (size_t)n : 8) * elem);
    if (!p)
        return false;
    *arr = p;
    return true;
}

mc_status spe_note_decision(mc_spe_result *r, const mc_decision *dec, uint64_t node,
                            const uint32_t *history, uint32_t depth, const mc_q *value,
                            uint32_t max_records, mc_error *err)
{
    if (max_records == 0)
        max_records = 1000;
    if (dec->single) {
        if (dec->ntied <= 1)
            return MC_OK;
        r->nties++;
        r->unique = false;
        if (r->nties_kept >= max_records)
            return MC_OK;
        if (!grow_records((void **)&r->ties, r->nties_kept, sizeof *r->ties))
            return mc_error_set(err, MC_ENOMEM, "out of memory keeping a tie");
        mc_spe_tie *t = &r->ties[r->nties_kept];
        memset(t, 0, sizeof *t);
        t->value = MC_Q_ZERO;
        mc_status st = copy_where(&t->where, node, history, depth, err);
        if (st != MC_OK)
            return st;
        t->agent = dec->agent;
        t->ntied = dec->ntied;
        memcpy(t->tied, dec->tied, sizeof t->tied);
        mc_agent_value(&r->agents, dec->agent, value, &t->value);
        r->nties_kept++;
        return MC_OK;
    }
    r->nstages[dec->cls]++;
    if (dec->cls == MC_STAGE_DOMINANT)
        return MC_OK;
    r->unique = false;
    if (r->nstages_kept >= max_records)
        return MC_OK;
    if (!grow_records((void **)&r->stages, r->nstages_kept, sizeof *r->stages))
        return mc_error_set(err, MC_ENOMEM, "out of memory keeping a stage record");
    mc_spe_stage *s = &r->stages[r->nstages_kept];
    memset(s, 0, sizeof *s);
    mc_status st = copy_where(&s->where, node, history, depth, err);
    if (st != MC_OK)
        return st;
    s->cls = dec->cls;
    s->nagents = dec->nagents;
    s->nsurvivors = dec->nsurvivors;
    memcpy(s->survivors, dec->survivors, sizeof s->survivors);
    s->nne = dec->nne;
    memcpy(s->ne, dec->ne, sizeof s->ne);
    s->chosen = dec->chosen;
    r->nstages_kept++;
    return MC_OK;
}

void mc_spe_result_free(mc_spe_result *r)
{
    if (!r)
        return;
    if (r->value) {
        mc_q_clear_vec(r->value, r->nplayers);
        free(r->value);
    }
    for (uint32_t i = 0; i < r->nties_kept; i++) {
        free(r->ties[i].where.history);
        mc_q_clear(&r->ties[i].value);
    }
    free(r->ties);
    for (uint32_t i = 0; i < r->nstages_kept; i++)
        free(r->stages[i].where.history);
    free(r->stages);
    mc_big_free(r->tree_choice, r->tree_nodes * sizeof *r->tree_choice);
    spe_memo_free(r->memo);
    memset(r, 0, sizeof *r);
}

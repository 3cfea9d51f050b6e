/* The normal-form methods of solve on an extensive form (.efg): the tree is
 * compiled (perfect recall checked) and replaced by its reduced normal form
 * among the agents -- plans that agree on every information set they
 * reach are one plan -- with exact expected payoffs and, as outcome ids,
 * the distributions over terminal nodes (so distinguishable dominance
 * compares histories, not payoffs).  Also the parts of the headers that
 * explain the plan names, and the terminal nodes a profile reaches. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/nf_run.h"
#include "mechcheck/gambit.h"

/* Terminal nodes listed per profile before "..." */
#define NF_MAX_TERMINALS 8

mc_status nf_load_efg(nf_run *run, const char *buf, size_t len, mc_error *err)
{
    const solve_request *req = run->req;
    mc_status st = mc_efg_parse(buf, len, req->path, &run->tree, err);
    if (st != MC_OK)
        return st;
    run->have_tree = true;
    if (req->agents) {
        st = mc_agents_parse(&run->agents, run->tree.nplayers, req->agents, err);
        if (st != MC_OK)
            return nf_name_input(err, req->path, st);
    } else {
        mc_agents_singletons(&run->agents, run->tree.nplayers);
    }
    mc_ef_options eo;
    mc_ef_options_default(&eo);
    if (req->max_nodes)
        eo.max_nodes = req->max_nodes;
    if ((st = mc_ef_from_tree(&run->tree, &eo, &run->ef, err)) != MC_OK)
        return nf_name_input(err, req->path, st);
    run->have_ef = true;
    /* one limit for both: an agent with more plans than that has more profiles */
    uint64_t lim = nf_max_profiles(run);
    mc_efnf_options o;
    mc_efnf_options_default(&o);
    o.max_profiles = lim;
    o.max_strategies = lim < UINT32_MAX - 1 ? lim : UINT32_MAX - 1;
    if ((st = mc_efnf_build(&run->ef, &run->agents, &o, &run->efnf, err)) != MC_OK)
        return nf_limit_error(err, req->path, st);
    run->have_efnf = true;
    if ((st = mc_efnf_to_sform(&run->ef, &run->efnf, lim, &run->sf, err)) != MC_OK)
        return nf_limit_error(err, req->path, st);
    run->have_sf = true;
    return MC_OK;
}

/* ---- what the plan names spell out ------------------------------------------------ */

/* The product of the agent's action counts: its plans without reduction
 * (UINT64_MAX when that does not fit). */
static uint64_t unreduced_plans(const mc_efnf_agent *a)
{
    uint64_t n = 1;
    for (uint32_t u = 0; u < a->nunits; u++)
        if (__builtin_mul_overflow(n, a->unit_nactions[u], &n))
            return UINT64_MAX;
    return n;
}

/* The name of the tree's information set of player p at node v ("" if none). */
static const char *set_name(const nf_run *run, uint32_t v, unsigned p)
{
    const mc_tree *t = &run->tree;
    uint32_t is = MC_TREE_NONE;
    if (t->kind[v] == MC_TNODE_DECISION) {
        is = t->ref[v];
    } else if (t->kind[v] == MC_TNODE_SIMULTANEOUS) {
        const mc_tree_simul *s = &t->simuls[t->ref[v]];
        for (uint32_t k = 0; k < s->nmovers; k++)
            if (t->infosets[t->simul_infosets[s->movers + k]].player == p)
                is = t->simul_infosets[s->movers + k];
    }
    return is == MC_TREE_NONE ? "" : mc_tree_str(t, mc_tree_infoset_name(t, is));
}

static bool is_coalition(const nf_run *run, unsigned agent)
{
    return __builtin_popcountll(run->efnf.agent[agent].players) > 1;
}

void nf_efg_text_header(FILE *f, const nf_run *run)
{
    const mc_efnf *nf = &run->efnf;
    const mc_ef *ef = &run->ef;
    char who[NF_LABEL_CAP];
    fprintf(f, "normal form: reduced (plans that differ only at information sets they never "
               "reach are one plan)\n");
    for (unsigned a = 0; a < nf->nagents; a++) {
        uint64_t full = unreduced_plans(&nf->agent[a]);
        fprintf(f, "  %s: %u plans, ", nf_agent_name(run, a, who, sizeof who),
                nf->agent[a].nplans);
        if (full == UINT64_MAX)
            fprintf(f, "more than 2^64 without reduction\n");
        else
            fprintf(f, "%llu without reduction\n", (unsigned long long)full);
    }
    fprintf(f, "  %llu profiles, %llu outcomes (distinct distributions over terminal nodes)\n",
            (unsigned long long)nf->nprofiles, (unsigned long long)nf->noutcomes);
    fprintf(f, "plan names: an action per information set, in this order ('*': a set the plan "
               "itself never reaches):\n");
    for (unsigned a = 0; a < nf->nagents; a++) {
        const mc_efnf_agent *ag = &nf->agent[a];
        fprintf(f, "  %s:%s\n", nf_agent_name(run, a, who, sizeof who),
                ag->nunits ? "" : " no moves");
        uint32_t shown = ag->nunits < NF_MAX_LISTED ? ag->nunits : NF_MAX_LISTED;
        for (uint32_t u = 0; u < shown; u++) {
            const mc_ef_infoset *is = &ef->infosets[ag->unit[u]];
            const char *name = set_name(run, is->first_node, is->player);
            fprintf(f, "    %u. #%u", u + 1, is->first_node + 1);
            if (is->nnodes > 1)
                fprintf(f, " (%u nodes)", is->nnodes);
            if (is_coalition(run, a))
                fprintf(f, " %s", nf_player_name(run, is->player, who, sizeof who));
            if (*name)
                fprintf(f, " \"%s\"", name);
            fputc(':', f);
            for (uint32_t b = 0; b < is->nactions; b++)
                fprintf(f, "%s%s", b ? ", " : " ", mc_ef_action_label(ef, ag->unit[u], b));
            fputc('\n', f);
        }
        if (shown < ag->nunits)
            fprintf(f, "    ... (%u in all)\n", ag->nunits);
    }
}

json_t *nf_efg_json(cj *c, const nf_run *run)
{
    const mc_efnf *nf = &run->efnf;
    const mc_ef *ef = &run->ef;
    json_t *o = cj_obj(c), *plans = cj_arr(c), *full = cj_arr(c), *sets = cj_arr(c);
    for (unsigned a = 0; plans && full && sets && a < nf->nagents; a++) {
        const mc_efnf_agent *ag = &nf->agent[a];
        cj_push(c, plans, cj_int(ag->nplans));
        uint64_t n = unreduced_plans(ag);
        cj_push(c, full, n > (uint64_t)INT64_MAX ? json_null() : cj_int(n));
        json_t *list = cj_arr(c);
        uint32_t shown = ag->nunits < NF_MAX_LISTED ? ag->nunits : NF_MAX_LISTED;
        for (uint32_t u = 0; list && u < shown; u++) {
            const mc_ef_infoset *is = &ef->infosets[ag->unit[u]];
            json_t *e = cj_obj(c), *acts = cj_arr(c);
            cj_put(c, e, "player", cj_int(is->player + 1));
            cj_put(c, e, "node", cj_int(is->first_node + 1));
            cj_put(c, e, "nodes", cj_int(is->nnodes));
            cj_put(c, e, "name", cj_str(set_name(run, is->first_node, is->player)));
            for (uint32_t b = 0; acts && b < is->nactions; b++)
                cj_push(c, acts, cj_str(mc_ef_action_label(ef, ag->unit[u], b)));
            cj_put(c, e, "actions", acts);
            cj_push(c, list, e);
        }
        cj_push(c, sets, list);
    }
    cj_put(c, o, "reduced", json_boolean(nf->reduced));
    cj_put(c, o, "plans", plans);
    cj_put(c, o, "unreduced_plans", full);
    cj_put(c, o, "profiles", cj_int(nf->nprofiles));
    cj_put(c, o, "outcomes", cj_int(nf->noutcomes));
    cj_put(c, o, "information_sets", sets);
    return o;
}

/* ---- the terminal nodes a profile reaches ------------------------------------------ */

/* The outcome name at terminal node v ("" if none). */
static const char *terminal_name(const nf_run *run, uint32_t v)
{
    const mc_tree *t = &run->tree;
    uint32_t o = t->outcome[v];
    return o == MC_TREE_NONE ? "" : mc_tree_str(t, mc_tree_outcome_name(t, o));
}

void nf_efg_terminals_text(FILE *f, const nf_run *run, uint64_t profile)
{
    const mc_efnf *nf = &run->efnf;
    uint64_t id = nf->outcome[profile];
    size_t b = nf->dist_start[id], e = nf->dist_start[id + 1];
    for (size_t i = b; i < e && i < b + NF_MAX_TERMINALS; i++) {
        uint32_t v = run->ef.terminal_node[nf->dist_terminal[i]];
        const char *name = terminal_name(run, v);
        fprintf(f, "%s#%u", i > b ? ", " : "", v + 1);
        if (*name)
            fprintf(f, " \"%s\"", name);
        if (e - b > 1) {
            fputc(' ', f);
            mc_q_fprint(f, &nf->dist_prob[i]);
        }
    }
    if (e - b > NF_MAX_TERMINALS)
        fprintf(f, ", ... (%zu terminal nodes)", e - b);
}

json_t *nf_efg_terminals_json(cj *c, const nf_run *run, uint64_t profile)
{
    const mc_efnf *nf = &run->efnf;
    uint64_t id = nf->outcome[profile];
    json_t *arr = cj_arr(c);
    for (size_t i = nf->dist_start[id]; arr && i < nf->dist_start[id + 1]; i++) {
        uint32_t v = run->ef.terminal_node[nf->dist_terminal[i]];
        json_t *e = cj_obj(c);
        cj_put(c, e, "node", cj_int(v + 1));
        cj_put(c, e, "outcome", cj_str(terminal_name(run, v)));
        cj_put(c, e, "prob", cj_q(&nf->dist_prob[i]));
        cj_push(c, arr, e);
    }
    return arr;
}

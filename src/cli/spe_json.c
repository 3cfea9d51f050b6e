/* JSON output of solve --spe (schema in README.md, "JSON output").  Exact
 * numbers are strings "p/q"; the keys are stable, tests pin them. */
#include <jansson.h>
#include <stdlib.h>

#include "cli/json_out.h"
#include "cli/spe_run.h"

#define LABEL_CAP 512

typedef struct {
    cj j;
    spe_run *run;
} jctx;

/* {"node": n, "name": ...} — the start of every per-node entry. */
static json_t *node_entry(jctx *c, uint64_t v)
{
    json_t *o = cj_obj(&c->j);
    if (!o)
        return NULL;
    cj_put(&c->j, o, "node", cj_int(spe_node_number(c->run, v)));
    const char *name = spe_node_name(c->run, v);
    if (*name)
        cj_put(&c->j, o, "name", cj_str(name));
    return o;
}

static json_t *agent_members(jctx *c, unsigned agent)
{
    json_t *a = json_array();
    unsigned members[MC_MAX_PLAYERS];
    unsigned k = mc_agents_members(&c->run->agents, agent, members);
    for (unsigned i = 0; a && i < k; i++)
        cj_push(&c->j, a, cj_int(members[i] + 1));
    return a;
}

/* One entry per agent moving at v (scratch holds v), for joint choice child. */
static void push_choices(jctx *c, json_t *arr, uint32_t v, uint64_t child, const mc_q *reach)
{
    unsigned agents[MC_MAX_MOVERS];
    unsigned k = spe_node_agents(c->run, agents);
    for (unsigned i = 0; i < k; i++) {
        json_t *e = node_entry(c, v);
        if (!e)
            return;
        char what[LABEL_CAP];
        cj_put(&c->j, e, "agent", cj_int(agents[i] + 1));
        json_t *movers = json_array();
        for (unsigned m = 0; movers && m < c->run->scratch.nmovers; m++)
            if (c->run->agents.agent_of[c->run->scratch.mover[m]] == agents[i])
                cj_push(&c->j, movers, cj_int(c->run->scratch.mover[m] + 1));
        cj_put(&c->j, e, "movers", movers);
        cj_put(&c->j, e, "action",
            cj_str(spe_agent_action(c->run, v, child, agents[i], what, sizeof what)));
        if (reach)
            cj_put(&c->j, e, "reach", cj_q(reach));
        cj_push(&c->j, arr, e);
    }
}

static json_t *path_json(jctx *c, mc_error *err, mc_status *st)
{
    json_t *arr = json_array();
    const mc_spe_path *p = &c->run->path;
    for (size_t i = 0; arr && i < p->nsteps; i++) {
        const mc_spe_step *s = &p->steps[i];
        uint32_t v = (uint32_t)s->where.node;
        if ((*st = spe_expand(c->run, v, err)) != MC_OK)
            break;
        if (s->kind != MC_NODE_CHANCE) {
            push_choices(c, arr, v, s->child, &s->reach);
            continue;
        }
        json_t *e = node_entry(c, v);
        if (!e)
            break;
        cj_put(&c->j, e, "chance", json_true());
        cj_put(&c->j, e, "reach", cj_q(&s->reach));
        json_t *outs = json_array();
        for (uint32_t k = 0; outs && k < c->run->scratch.nchance; k++) {
            char label[LABEL_CAP];
            json_t *o = cj_obj(&c->j);
            if (!o)
                break;
            const char *action = spe_action_label(c->run, v, 0, k, label, sizeof label);
            cj_put(&c->j, o, "action", cj_str(action));
            cj_put(&c->j, o, "prob", cj_q(&c->run->scratch.prob[k]));
            cj_push(&c->j, outs, o);
        }
        cj_put(&c->j, e, "outcomes", outs);
        cj_push(&c->j, arr, e);
    }
    return arr;
}

static json_t *ties_json(jctx *c, mc_error *err, mc_status *st)
{
    const mc_spe_result *r = &c->run->result;
    json_t *arr = json_array();
    for (uint32_t i = 0; arr && i < r->nties_kept; i++) {
        const mc_spe_tie *t = &r->ties[i];
        uint32_t v = (uint32_t)t->where.node;
        if ((*st = spe_expand(c->run, v, err)) != MC_OK)
            break;
        json_t *e = node_entry(c, v);
        if (!e)
            break;
        cj_put(&c->j, e, "agent", cj_int(t->agent + 1));
        json_t *actions = json_array();
        uint32_t shown = t->ntied < MC_SPE_SHOW ? t->ntied : MC_SPE_SHOW;
        for (uint32_t k = 0; actions && k < shown; k++) {
            char what[LABEL_CAP];
            cj_push(&c->j, actions,
                 cj_str(spe_agent_action(c->run, v, t->tied[k], t->agent, what, sizeof what)));
        }
        cj_put(&c->j, e, "actions", actions);
        cj_put(&c->j, e, "tied", cj_int(t->ntied));
        cj_put(&c->j, e, "value", cj_q(&t->value));
        cj_push(&c->j, arr, e);
    }
    return arr;
}

/* [[labels per agent], ...] for up to MC_SPE_SHOW joint choices. */
static json_t *profiles_json(jctx *c, uint32_t v, const uint64_t *children, uint64_t total)
{
    json_t *arr = json_array();
    unsigned agents[MC_MAX_MOVERS];
    unsigned k = spe_node_agents(c->run, agents);
    uint64_t shown = total < MC_SPE_SHOW ? total : MC_SPE_SHOW;
    for (uint64_t i = 0; arr && i < shown; i++) {
        json_t *prof = json_array();
        for (unsigned a = 0; prof && a < k; a++) {
            char what[LABEL_CAP];
            cj_push(&c->j, prof,
                 cj_str(spe_agent_action(c->run, v, children[i], agents[a], what, sizeof what)));
        }
        cj_push(&c->j, arr, prof);
    }
    return arr;
}

static json_t *stages_json(jctx *c, mc_error *err, mc_status *st)
{
    const mc_spe_result *r = &c->run->result;
    json_t *arr = json_array();
    for (uint32_t i = 0; arr && i < r->nstages_kept; i++) {
        const mc_spe_stage *s = &r->stages[i];
        uint32_t v = (uint32_t)s->where.node;
        if ((*st = spe_expand(c->run, v, err)) != MC_OK)
            break;
        json_t *e = node_entry(c, v);
        if (!e)
            break;
        cj_put(&c->j, e, "class", cj_str(mc_stage_class_name(s->cls)));
        unsigned agents[MC_MAX_MOVERS];
        unsigned k = spe_node_agents(c->run, agents);
        json_t *ja = json_array();
        for (unsigned a = 0; ja && a < k; a++)
            cj_push(&c->j, ja, cj_int(agents[a] + 1));
        cj_put(&c->j, e, "agents", ja);
        cj_put(&c->j, e, "survivors_total", cj_int(s->nsurvivors));
        cj_put(&c->j, e, "survivors", profiles_json(c, v, s->survivors, s->nsurvivors));
        cj_put(&c->j, e, "nash_total", cj_int(s->nne));
        cj_put(&c->j, e, "nash", profiles_json(c, v, s->ne, s->nne));
        json_t *chosen = profiles_json(c, v, &s->chosen, 1);
        json_t *first = chosen ? json_array_get(chosen, 0) : NULL;
        cj_put(&c->j, e, "chosen", first ? json_incref(first) : NULL);
        json_decref(chosen);
        cj_push(&c->j, arr, e);
    }
    return arr;
}

static json_t *witness_json(jctx *c, mc_error *err, mc_status *st)
{
    spe_run *run = c->run;
    json_t *w = json_object();
    if (!w)
        return NULL;
    cj_put(&c->j, w, "verified", json_boolean(run->verified));
    cj_put(&c->j, w, "strict", json_boolean(run->strict_checked && run->strict_ok));
    cj_put(&c->j, w, "strict_checked", json_boolean(run->strict_checked));
    bool failed = !run->verified || (run->strict_checked && !run->strict_ok);
    cj_put(&c->j, w, "error", failed ? cj_str(run->verify_err.msg) : json_null());
    json_t *strategy = json_array();
    const mc_tree *t = &run->tree;
    for (uint32_t v = 0; strategy && v < t->nnodes; v++) {
        if (t->kind[v] != MC_TNODE_DECISION && t->kind[v] != MC_TNODE_SIMULTANEOUS)
            continue;
        if ((*st = spe_expand(run, v, err)) != MC_OK)
            break;
        uint64_t child = mc_spe_choice(&run->result, &run->game, &v);
        if (child != UINT64_MAX)
            push_choices(c, strategy, v, child, NULL);
    }
    cj_put(&c->j, w, "strategy", strategy);
    return w;
}

static json_t *build(jctx *c, mc_error *err, mc_status *st)
{
    spe_run *run = c->run;
    const mc_tree *t = &run->tree;
    const mc_spe_result *r = &run->result;
    json_t *root = json_object();
    if (!root)
        return NULL;
    cj_put(&c->j, root, "file", cj_str(run->req->path));
    cj_put(&c->j, root, "format", json_string("efg"));
    cj_put(&c->j, root, "title", cj_str(t->title ? t->title : ""));
    json_t *players = json_array();
    for (unsigned p = 0; players && p < t->nplayers; p++) {
        char name[128];
        cj_push(&c->j, players, cj_str(mc_game_player_name(&run->game, p, name, sizeof name)));
    }
    cj_put(&c->j, root, "players", players);
    json_t *agents = json_array();
    for (unsigned a = 0; agents && a < run->agents.nagents; a++)
        cj_push(&c->j, agents, agent_members(c, a));
    cj_put(&c->j, root, "agents", agents);
    cj_put(&c->j, root, "merged_stages", cj_int(run->merged));

    json_t *spe = cj_obj(&c->j);
    if (!spe)
        return root;
    cj_put(&c->j, spe, "unique", json_boolean(r->unique));
    json_t *values = json_array();
    for (unsigned p = 0; values && p < r->nplayers; p++)
        cj_push(&c->j, values, cj_q(&r->value[p]));
    cj_put(&c->j, spe, "values", values);
    cj_put(&c->j, spe, "verified", json_boolean(run->verified && (!run->strict_checked ||
                                                            run->strict_ok)));
    cj_put(&c->j, spe, "resolve",
        json_string(run->req->resolve == MC_RESOLVE_ABORT ? "abort" : "first-ne"));
    if (*st == MC_OK)
        cj_put(&c->j, spe, "path", path_json(c, err, st));
    if (*st == MC_OK)
        cj_put(&c->j, spe, "ties", ties_json(c, err, st));
    cj_put(&c->j, spe, "ties_total", cj_int(r->nties));
    if (*st == MC_OK)
        cj_put(&c->j, spe, "not_dominance_solvable", stages_json(c, err, st));
    json_t *counts = json_object();
    for (int k = 0; counts && k < MC_STAGE_NCLASSES; k++)
        cj_put(&c->j, counts, mc_stage_class_name((mc_stage_class)k), cj_int(r->nstages[k]));
    cj_put(&c->j, spe, "stage_counts", counts);
    if (run->req->witness && *st == MC_OK)
        cj_put(&c->j, spe, "witness", witness_json(c, err, st));
    cj_put(&c->j, root, "spe", spe);

    json_t *stats = json_object();
    if (stats) {
        cj_put(&c->j, stats, "nodes", cj_int(r->nodes));
        cj_put(&c->j, stats, "tree_nodes", cj_int(t->nnodes));
        cj_put(&c->j, stats, "seconds", json_real(r->seconds));
        cj_put(&c->j, stats, "total_seconds", json_real(run->total_seconds));
    }
    cj_put(&c->j, root, "stats", stats);
    return root;
}

mc_status spe_write_json(FILE *f, spe_run *run, mc_error *err)
{
    jctx c = {.run = run};
    mc_status st = MC_OK;
    json_t *root = build(&c, err, &st);
    if (st != MC_OK) {
        json_decref(root);
        return st;
    }
    return cj_write(&c.j, root, f, run->req->path, err);
}

/* JSON output of solve --spe (schema in README.md, "JSON output").  Exact
 * numbers are strings "p/q"; the keys are stable, tests pin them. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/spe_run.h"

#define LABEL_CAP 512

typedef struct {
    spe_run *run;
    bool oom;
} jctx;

/* Adds value under key (takes the reference); remembers a failed allocation. */
static void put(jctx *c, json_t *obj, const char *key, json_t *value)
{
    if (!value || json_object_set_new(obj, key, value) != 0)
        c->oom = true;
}

static void push(jctx *c, json_t *arr, json_t *value)
{
    if (!value || json_array_append_new(arr, value) != 0)
        c->oom = true;
}

/* JSON strings must be UTF-8; labels from a Latin-1 file get '?' for
 * every byte that is not ASCII. */
static json_t *jstr(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    char *copy = strdup(s);
    if (!copy)
        return NULL;
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p >= 0x80 || (unsigned char)*p < 0x20)
            *p = '?';
    j = json_string(copy);
    free(copy);
    return j;
}

static json_t *jq(const mc_q *q)
{
    char *s = mc_q_strdup(q);
    if (!s)
        return NULL;
    json_t *j = json_string(s);
    free(s);
    return j;
}

static json_t *jint(uint64_t k)
{
    return json_integer((json_int_t)k);
}

/* {"node": n, "name": ...} — the start of every per-node entry. */
static json_t *node_entry(jctx *c, uint64_t v)
{
    json_t *o = json_object();
    if (!o) {
        c->oom = true;
        return NULL;
    }
    put(c, o, "node", jint(spe_node_number(c->run, v)));
    const char *name = spe_node_name(c->run, v);
    if (*name)
        put(c, o, "name", jstr(name));
    return o;
}

static json_t *agent_members(jctx *c, unsigned agent)
{
    json_t *a = json_array();
    unsigned members[MC_MAX_PLAYERS];
    unsigned k = mc_agents_members(&c->run->agents, agent, members);
    for (unsigned i = 0; a && i < k; i++)
        push(c, a, jint(members[i] + 1));
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
        put(c, e, "agent", jint(agents[i] + 1));
        json_t *movers = json_array();
        for (unsigned m = 0; movers && m < c->run->scratch.nmovers; m++)
            if (c->run->agents.agent_of[c->run->scratch.mover[m]] == agents[i])
                push(c, movers, jint(c->run->scratch.mover[m] + 1));
        put(c, e, "movers", movers);
        put(c, e, "action",
            jstr(spe_agent_action(c->run, v, child, agents[i], what, sizeof what)));
        if (reach)
            put(c, e, "reach", jq(reach));
        push(c, arr, e);
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
        put(c, e, "chance", json_true());
        put(c, e, "reach", jq(&s->reach));
        json_t *outs = json_array();
        for (uint32_t k = 0; outs && k < c->run->scratch.nchance; k++) {
            char label[LABEL_CAP];
            json_t *o = json_object();
            if (!o) {
                c->oom = true;
                break;
            }
            put(c, o, "action", jstr(spe_action_label(c->run, v, 0, k, label, sizeof label)));
            put(c, o, "prob", jq(&c->run->scratch.prob[k]));
            push(c, outs, o);
        }
        put(c, e, "outcomes", outs);
        push(c, arr, e);
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
        put(c, e, "agent", jint(t->agent + 1));
        json_t *actions = json_array();
        uint32_t shown = t->ntied < MC_SPE_SHOW ? t->ntied : MC_SPE_SHOW;
        for (uint32_t k = 0; actions && k < shown; k++) {
            char what[LABEL_CAP];
            push(c, actions,
                 jstr(spe_agent_action(c->run, v, t->tied[k], t->agent, what, sizeof what)));
        }
        put(c, e, "actions", actions);
        put(c, e, "tied", jint(t->ntied));
        put(c, e, "value", jq(&t->value));
        push(c, arr, e);
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
            push(c, prof,
                 jstr(spe_agent_action(c->run, v, children[i], agents[a], what, sizeof what)));
        }
        push(c, arr, prof);
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
        put(c, e, "class", jstr(mc_stage_class_name(s->cls)));
        unsigned agents[MC_MAX_MOVERS];
        unsigned k = spe_node_agents(c->run, agents);
        json_t *ja = json_array();
        for (unsigned a = 0; ja && a < k; a++)
            push(c, ja, jint(agents[a] + 1));
        put(c, e, "agents", ja);
        put(c, e, "survivors_total", jint(s->nsurvivors));
        put(c, e, "survivors", profiles_json(c, v, s->survivors, s->nsurvivors));
        put(c, e, "nash_total", jint(s->nne));
        put(c, e, "nash", profiles_json(c, v, s->ne, s->nne));
        json_t *chosen = profiles_json(c, v, &s->chosen, 1);
        json_t *first = chosen ? json_array_get(chosen, 0) : NULL;
        put(c, e, "chosen", first ? json_incref(first) : NULL);
        json_decref(chosen);
        push(c, arr, e);
    }
    return arr;
}

static json_t *witness_json(jctx *c, mc_error *err, mc_status *st)
{
    spe_run *run = c->run;
    json_t *w = json_object();
    if (!w)
        return NULL;
    put(c, w, "verified", json_boolean(run->verified));
    put(c, w, "strict", json_boolean(run->strict_checked && run->strict_ok));
    put(c, w, "strict_checked", json_boolean(run->strict_checked));
    bool failed = !run->verified || (run->strict_checked && !run->strict_ok);
    put(c, w, "error", failed ? jstr(run->verify_err.msg) : json_null());
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
    put(c, w, "strategy", strategy);
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
    put(c, root, "file", jstr(run->req->path));
    put(c, root, "format", json_string("efg"));
    put(c, root, "title", jstr(t->title ? t->title : ""));
    json_t *players = json_array();
    for (unsigned p = 0; players && p < t->nplayers; p++) {
        char name[128];
        push(c, players, jstr(mc_game_player_name(&run->game, p, name, sizeof name)));
    }
    put(c, root, "players", players);
    json_t *agents = json_array();
    for (unsigned a = 0; agents && a < run->agents.nagents; a++)
        push(c, agents, agent_members(c, a));
    put(c, root, "agents", agents);
    put(c, root, "merged_stages", jint(run->merged));

    json_t *spe = json_object();
    if (!spe) {
        c->oom = true;
        return root;
    }
    put(c, spe, "unique", json_boolean(r->unique));
    json_t *values = json_array();
    for (unsigned p = 0; values && p < r->nplayers; p++)
        push(c, values, jq(&r->value[p]));
    put(c, spe, "values", values);
    put(c, spe, "verified", json_boolean(run->verified && (!run->strict_checked ||
                                                            run->strict_ok)));
    put(c, spe, "resolve",
        json_string(run->req->resolve == MC_RESOLVE_ABORT ? "abort" : "first-ne"));
    if (*st == MC_OK)
        put(c, spe, "path", path_json(c, err, st));
    if (*st == MC_OK)
        put(c, spe, "ties", ties_json(c, err, st));
    put(c, spe, "ties_total", jint(r->nties));
    if (*st == MC_OK)
        put(c, spe, "not_dominance_solvable", stages_json(c, err, st));
    json_t *counts = json_object();
    for (int k = 0; counts && k < MC_STAGE_NCLASSES; k++)
        put(c, counts, mc_stage_class_name((mc_stage_class)k), jint(r->nstages[k]));
    put(c, spe, "stage_counts", counts);
    if (run->req->witness && *st == MC_OK)
        put(c, spe, "witness", witness_json(c, err, st));
    put(c, root, "spe", spe);

    json_t *stats = json_object();
    if (stats) {
        put(c, stats, "nodes", jint(r->nodes));
        put(c, stats, "tree_nodes", jint(t->nnodes));
        put(c, stats, "seconds", json_real(r->seconds));
        put(c, stats, "total_seconds", json_real(run->total_seconds));
    }
    put(c, root, "stats", stats);
    return root;
}

mc_status spe_write_json(FILE *f, spe_run *run, mc_error *err)
{
    jctx c = {.run = run};
    mc_status st = MC_OK;
    json_t *root = build(&c, err, &st);
    if (st == MC_OK && (c.oom || !root))
        st = mc_error_set(err, MC_ENOMEM, "%s: out of memory building JSON", run->req->path);
    if (st == MC_OK) {
        if (json_dumpf(root, f, JSON_INDENT(2)) != 0 || fputc('\n', f) == EOF || ferror(f))
            st = mc_error_set(err, MC_EIO, "writing the result: %s", strerror(errno));
    }
    json_decref(root);
    return st;
}

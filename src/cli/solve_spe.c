/* solve --spe on a .efg file: read, merge simultaneous stages, solve by
 * backward induction, re-check independently, write text or JSON. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/spe_run.h"
#include "mechcheck/gambit.h"

/* ---- node numbers of the file ------------------------------------------------------ */

typedef struct {
    uint32_t *v;
    size_t n, cap;
} index_list;

static bool list_push(index_list *l, uint32_t v)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        uint32_t *p = realloc(l->v, cap * sizeof *p);
        if (!p)
            return false;
        l->v = p;
        l->cap = cap;
    }
    l->v[l->n++] = v;
    return true;
}

/* Merging removes the inner nodes of each stage, which renumbers the nodes.
 * Users look nodes up in their file, so map every merged node back: walk
 * both trees in preorder; the children of a merged stage with m movers are
 * the nodes m levels below its first mover in the file, in row-major order.
 * osub/okind are the file tree's subtree sizes and kinds. */
static mc_status map_file_nodes(spe_run *run, const uint32_t *osub, const uint8_t *okind,
                                mc_error *err)
{
    const mc_tree *t = &run->tree;
    uint32_t *map = malloc((t->nnodes ? t->nnodes : 1) * sizeof *map);
    index_list cur = {0}, next = {0};
    mc_status st = MC_OK;
    if (!map)
        return mc_error_set(err, MC_ENOMEM, "%s: out of memory numbering nodes", run->req->path);
    map[0] = 0;
    for (uint32_t v = 0; v < t->nnodes && st == MC_OK; v++) {
        uint32_t nc = mc_tree_nchildren(t, v);
        if (nc == 0)
            continue;
        uint32_t o = map[v];
        unsigned levels = 1;
        if (t->kind[v] == MC_TNODE_SIMULTANEOUS && okind[o] != MC_TNODE_SIMULTANEOUS)
            levels = t->simuls[t->ref[v]].nmovers;
        cur.n = 0;
        if (!list_push(&cur, o))
            st = MC_ENOMEM;
        for (unsigned l = 0; l < levels && st == MC_OK; l++) {
            next.n = 0;
            for (size_t i = 0; i < cur.n && st == MC_OK; i++)
                for (uint32_t w = cur.v[i] + 1; w < cur.v[i] + osub[cur.v[i]]; w += osub[w])
                    if (!list_push(&next, w)) {
                        st = MC_ENOMEM;
                        break;
                    }
            index_list swap = cur;
            cur = next;
            next = swap;
        }
        if (st == MC_OK && cur.n != nc)
            st = mc_error_set(err, MC_EINTERNAL,
                              "%s: node %u: merged stage has %u children, the file %zu",
                              run->req->path, o + 1, nc, cur.n);
        for (uint32_t c = 0, w = v + 1; st == MC_OK && c < nc; c++, w += t->subtree[w])
            map[w] = cur.v[c];
    }
    free(cur.v);
    free(next.v);
    if (st == MC_ENOMEM)
        mc_error_set(err, MC_ENOMEM, "%s: out of memory numbering nodes", run->req->path);
    if (st != MC_OK) {
        free(map);
        return st;
    }
    run->file_node = map;
    return MC_OK;
}

/* Merges the simultaneous stages and remembers the file's numbering. */
static mc_status merge_stages(spe_run *run, mc_error *err)
{
    mc_tree *t = &run->tree;
    uint32_t n = t->nnodes;
    uint32_t *osub = malloc(n * sizeof *osub);
    uint8_t *okind = malloc(n);
    mc_status st;
    if (!osub || !okind) {
        st = mc_error_set(err, MC_ENOMEM, "%s: out of memory", run->req->path);
    } else {
        memcpy(osub, t->subtree, n * sizeof *osub);
        memcpy(okind, t->kind, n);
        st = mc_tree_merge_simultaneous(t, &run->merged, err);
        if (st == MC_OK && run->merged > 0)
            st = map_file_nodes(run, osub, okind, err);
    }
    free(osub);
    free(okind);
    return st;
}

/* ---- helpers for the writers ------------------------------------------------------- */

uint64_t spe_node_number(const spe_run *run, uint64_t v)
{
    return (run->file_node ? run->file_node[v] : v) + 1;
}

const char *spe_node_name(const spe_run *run, uint64_t v)
{
    const mc_tree *t = &run->tree;
    return t->name ? mc_tree_str(t, t->name[v]) : "";
}

const char *spe_node_str(const spe_run *run, uint64_t v, char *buf, size_t cap)
{
    const char *name = spe_node_name(run, v);
    unsigned long long number = (unsigned long long)spe_node_number(run, v);
    if (*name)
        snprintf(buf, cap, "#%llu (%s)", number, name);
    else
        snprintf(buf, cap, "#%llu", number);
    return buf;
}

/* The tree view's describe(), numbering nodes as the file does, so the
 * solver's and verifier's messages and mc_spe_where_str agree with the
 * output.  g is always &run->game. */
static size_t describe_file_node(const mc_game *g, const void *state, char *buf, size_t cap)
{
    const spe_run *run = (const spe_run *)(const void *)((const char *)g -
                                                         offsetof(spe_run, game));
    uint32_t v;
    memcpy(&v, state, sizeof v);
    char tmp[512];
    spe_node_str(run, v, tmp, sizeof tmp);
    return (size_t)snprintf(buf, cap, "%s", tmp);
}

mc_status spe_expand(spe_run *run, uint32_t v, mc_error *err)
{
    return run->game.ops->expand(&run->game, &v, &run->scratch, err);
}

const char *spe_action_label(spe_run *run, uint32_t v, unsigned mover, uint32_t action, char *buf,
                             size_t cap)
{
    if (run->game.ops->action_label)
        run->game.ops->action_label(&run->game, &v, &run->scratch, mover, action, buf, cap);
    else
        snprintf(buf, cap, "%u", action + 1);
    return buf;
}

unsigned spe_node_agents(const spe_run *run, unsigned *agents)
{
    unsigned k = 0;
    for (unsigned m = 0; m < run->scratch.nmovers; m++) {
        unsigned a = run->agents.agent_of[run->scratch.mover[m]];
        bool seen = false;
        for (unsigned i = 0; i < k && !seen; i++)
            seen = agents[i] == a;
        if (!seen)
            agents[k++] = a;
    }
    return k;
}

const char *spe_agent_action(spe_run *run, uint32_t v, uint64_t c, unsigned agent, char *buf,
                             size_t cap)
{
    uint32_t choice[MC_MAX_MOVERS];
    mc_node_choice_of(&run->scratch, c, choice);
    size_t used = 0;
    buf[0] = '\0';
    for (unsigned m = 0; m < run->scratch.nmovers; m++) {
        if (run->agents.agent_of[run->scratch.mover[m]] != agent)
            continue;
        char label[256];
        spe_action_label(run, v, m, choice[m], label, sizeof label);
        if (used < cap)
            used += (size_t)snprintf(buf + used, cap - used, "%s%s", used ? "," : "", label);
    }
    return buf;
}

const char *spe_agent_name(const spe_run *run, unsigned agent, char *buf, size_t cap)
{
    unsigned members[MC_MAX_PLAYERS];
    unsigned k = mc_agents_members(&run->agents, agent, members);
    char name[128];
    if (k == 1) {
        snprintf(buf, cap, "%s", mc_game_player_name(&run->game, members[0], name, sizeof name));
        return buf;
    }
    size_t used = (size_t)snprintf(buf, cap, "{");
    for (unsigned i = 0; i < k && used < cap; i++)
        used += (size_t)snprintf(buf + used, cap - used, "%s%s", i ? "," : "",
                                 mc_game_player_name(&run->game, members[i], name, sizeof name));
    if (used < cap)
        snprintf(buf + used, cap - used, "}");
    return buf;
}

/* ---- the run ------------------------------------------------------------------------ */

static mc_status write_result(FILE *f, const void *arg, mc_error *err)
{
    spe_run *run = (spe_run *)arg;
    return run->req->json ? spe_write_json(f, run, err) : spe_write_text(f, run, err);
}

/* The independent re-check; MC_OK unless it could not run at all.  The
 * strict check (uniqueness) includes every non-strict one, so a unique
 * result needs one pass when it holds. */
static mc_status recheck(spe_run *run, mc_error *err)
{
    mc_error verr;
    mc_error_clear(&verr);
    mc_error_clear(&run->verify_err);
    mc_status st;
    if (run->result.unique) {
        run->strict_checked = true;
        st = mc_spe_verify(&run->game, &run->result, true, &verr);
        if (st == MC_ENOMEM)
            return mc_error_set(err, MC_ENOMEM, "%s", verr.msg);
        run->strict_ok = st == MC_OK;
        if (run->strict_ok) {
            run->verified = true;
            return MC_OK;
        }
        run->verify_err = verr;
    }
    st = mc_spe_verify(&run->game, &run->result, false, &verr);
    if (st == MC_ENOMEM)
        return mc_error_set(err, MC_ENOMEM, "%s", verr.msg);
    run->verified = st == MC_OK;
    if (!run->verified)
        run->verify_err = verr;
    return MC_OK;
}

/* Library messages about the game do not always name the file: prefix it. */
static mc_status name_input(mc_error *err, const char *path, mc_status st, const char *suffix)
{
    size_t n = strlen(path);
    if (strncmp(err->msg, path, n) == 0 && err->msg[n] == ':' && !*suffix)
        return st;
    char why[sizeof err->msg];
    memcpy(why, err->msg, sizeof why);
    return mc_error_set(err, st, "%s: %s%s", path, why, suffix);
}

/* --resolve abort: the first stage (in the solver's order) that iterated
 * strict dominance leaves unsolved stops the run. */
static mc_status abort_unsolved_stage(spe_run *run, mc_error *err)
{
    const mc_spe_result *r = &run->result;
    for (uint32_t i = 0; i < r->nstages_kept; i++) {
        const mc_spe_stage *s = &r->stages[i];
        if (s->cls <= MC_STAGE_IESDS_ONLY)
            continue;
        char where[600];
        mc_spe_where_str(&run->game, &s->where, where, sizeof where);
        return mc_error_set(err, MC_EUNSUPPORTED,
                            "%s: node %s: the stage game is not dominance solvable (%s: %llu "
                            "profiles survive IESDS, %llu pure NE); stopped by --resolve abort",
                            run->req->path, where, mc_stage_class_name(s->cls),
                            (unsigned long long)s->nsurvivors, (unsigned long long)s->nne);
    }
    uint64_t unsolved = r->nstages[MC_STAGE_ONE_NE] + r->nstages[MC_STAGE_MULTI_NE] +
                        r->nstages[MC_STAGE_NO_PURE_NE];
    if (unsolved)
        return mc_error_set(err, MC_EUNSUPPORTED,
                            "%s: %llu stage games are not dominance solvable; stopped by "
                            "--resolve abort",
                            run->req->path, (unsigned long long)unsolved);
    return MC_OK;
}

static mc_status solve(spe_run *run, bool *have_result, mc_error *err)
{
    const solve_request *req = run->req;
    mc_status st;
    if (req->merge && (st = merge_stages(run, err)) != MC_OK)
        return st;
    unsigned np = run->tree.nplayers;
    if (req->agents) {
        if ((st = mc_agents_parse(&run->agents, np, req->agents, err)) != MC_OK) {
            char why[sizeof err->msg];
            memcpy(why, err->msg, sizeof why);
            return mc_error_set(err, st, "%s: %s", req->path, why);
        }
    } else {
        mc_agents_singletons(&run->agents, np);
    }
    if ((st = mc_tree_game(&run->tree, &run->game, err)) != MC_OK)
        return st;
    run->ops = *run->game.ops;
    run->ops.describe = describe_file_node;
    run->game.ops = &run->ops;
    if (mc_node_init(&run->scratch, np) != MC_OK)
        return mc_error_set(err, MC_ENOMEM, "%s: out of memory", req->path);

    mc_spe_options o;
    mc_spe_defaults(&o);
    o.agents = &run->agents;
    /* --resolve abort is applied below, where the stage can be named by its
     * number in the file */
    o.resolve = MC_RESOLVE_FIRST_NE;
    o.max_nodes = req->max_nodes;
    o.timeout = req->timeout;
    st = mc_spe_solve_tree(&run->tree, &o, &run->result, err);
    *have_result = st == MC_OK || st == MC_ELIMIT; /* a stopped run keeps its result */
    if (st == MC_ELIMIT)
        return name_input(err, req->path, st, "; backward induction stopped without a result");
    if (st != MC_OK)
        return name_input(err, req->path, st, "");
    if (!run->result.complete)
        return mc_error_set(err, MC_ELIMIT, "%s: a limit stopped backward induction after %llu "
                                            "nodes; no result",
                            req->path, (unsigned long long)run->result.nodes);
    if (req->resolve == MC_RESOLVE_ABORT && (st = abort_unsolved_stage(run, err)) != MC_OK)
        return st;
    if ((st = recheck(run, err)) != MC_OK)
        return st;
    if ((st = mc_spe_path_build(&run->game, &run->result, (size_t)run->tree.nnodes + 1,
                                &run->path, err)) != MC_OK)
        return name_input(err, req->path, st, "");
    return MC_OK;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int cli_solve_spe_efg(const solve_request *req, const char *buf, size_t len)
{
    double start = now_seconds();
    spe_run run;
    memset(&run, 0, sizeof run);
    run.req = req;
    mc_error err;
    mc_error_clear(&err);
    int status = CLI_EXIT_ERROR;
    bool have_result = false;
    mc_status st = mc_efg_parse(buf, len, req->path, &run.tree, &err);
    if (st != MC_OK)
        return cli_report_error(&err);
    st = solve(&run, &have_result, &err);
    run.total_seconds = now_seconds() - start;
    if (st == MC_OK) {
        if (req->output)
            st = mc_write_file_atomic(req->output, write_result, &run, &err);
        else if ((st = write_result(stdout, &run, &err)) == MC_OK && !cli_flush_stdout())
            st = MC_EIO;
    }
    if (st != MC_OK) {
        if (err.msg[0])
            cli_report_error(&err);
    } else if (!run.verified || (run.strict_checked && !run.strict_ok)) {
        cli_errorf("%s: the independent re-check of the equilibrium failed: %s", req->path,
                   run.verify_err.msg);
        status = CLI_EXIT_FAIL;
    } else {
        status = CLI_EXIT_OK;
    }
    mc_spe_path_free(&run.path);
    if (have_result)
        mc_spe_result_free(&run.result);
    if (run.scratch.payoff_buf)
        mc_node_free(&run.scratch);
    free(run.file_node);
    if (run.game.ops)
        mc_game_destroy(&run.game);
    mc_tree_free(&run.tree);
    return status;
}

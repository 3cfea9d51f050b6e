/* Claim suites: loading and checking a suite file, and running it into the
 * report model (see suite.h). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/lp.h"
#include "mechcheck/search.h"
#include "mechcheck/suite.h"
#include "util/parallel.h"

#ifndef MC_VERSION
#define MC_VERSION "unknown"
#endif

/* ---- small helpers ------------------------------------------------------------------------- */

static const mc_claim *paper_claim(const mc_paper *p, const char *name)
{
    for (size_t i = 0; i < p->nclaims; i++)
        if (strcmp(p->claims[i].name, name) == 0)
            return &p->claims[i];
    return NULL;
}

/* Refuses members of obj not in the NULL-terminated list. */
static mc_status only_members(const json_t *obj, const char *const *allowed, const char *path,
                              const char *where, mc_error *err)
{
    const char *k;
    json_t *v;
    json_object_foreach ((json_t *)obj, k, v) {
        bool ok = false;
        for (const char *const *a = allowed; *a; a++)
            ok |= strcmp(*a, k) == 0;
        if (!ok) {
            char list[256] = "";
            size_t n = 0;
            for (const char *const *a = allowed; *a && n < sizeof list; a++)
                n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", a == allowed ? "" : ", ",
                                      *a);
            return mc_error_set(err, MC_EINPUT, "%s: %s: unexpected member '%s' (allowed: %s)",
                                path, where, k, list);
        }
    }
    return MC_OK;
}

char *mc_check_command(const mc_claim *c, const mc_instance *in)
{
    char *set = mc_instance_cli(in);
    if (!set)
        return NULL;
    size_t n = strlen(c->id) + strlen(set) + 32;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "mechcheck check %s%s%s", c->id, *set ? " " : "", set);
    free(set);
    return s;
}

json_t *mc_result_json(const mc_claim *c, const mc_instance *in, const mc_claim_result *r)
{
    char *cmd = mc_check_command(c, in);
    json_t *j = json_pack("{s:s,s:O,s:s?,s:s,s:s,s:O?,s:O?}", "claim", c->id, "params", in->params,
                          "command", cmd, "verdict", mc_verdict_name(r->verdict), "reason",
                          r->reason ? r->reason : "", "witness", r->witness, "margins",
                          r->margins);
    free(cmd);
    if (j && json_is_null(json_object_get(j, "margins")))
        json_object_set_new(j, "margins", json_object());
    return j;
}

/* ---- loading ------------------------------------------------------------------------------------ */

static mc_status load_instance(const char *path, const mc_claim *c, const json_t *entry,
                               size_t i, mc_error *err)
{
    char where[160];
    snprintf(where, sizeof where, "claims.%s.instances[%zu]", c->name, i);
    static const char *const allowed[] = {"params", "note", NULL};
    if (!json_is_object(entry) || !json_is_object(json_object_get(entry, "params")))
        return mc_error_set(err, MC_EINPUT, "%s: %s: expected {\"params\": {...}, \"note\": ...}",
                            path, where);
    mc_status st = only_members(entry, allowed, path, where, err);
    if (st != MC_OK)
        return st;
    mc_instance in = {.params = json_object_get(entry, "params"), .origin = where};
    const mc_mechanism *m = mc_mechanism_find(c->mechanism);
    mc_error e;
    st = mc_instance_check_params(&in, m, &e);
    if (st == MC_OK && m->validate)
        st = m->validate(&in, &e);
    if (st != MC_OK)
        return mc_error_set(err, st, "%s: %s", path, e.msg);
    return MC_OK;
}

static mc_status load_sweep(const char *path, const mc_claim *c, const json_t *entry, size_t i,
                            mc_error *err)
{
    char where[160];
    snprintf(where, sizeof where, "claims.%s.sweeps[%zu]", c->name, i);
    static const char *const allowed[] = {"over", "fixed", "shrink", "note", "plot",
                                          "random", "seed", NULL};
    if (!json_is_object(entry) || !json_is_string(json_object_get(entry, "over")))
        return mc_error_set(err, MC_EINPUT, "%s: %s: expected {\"over\": \"k=a..b,...\", ...}",
                            path, where);
    mc_status st = only_members(entry, allowed, path, where, err);
    const json_t *fixed = json_object_get(entry, "fixed");
    if (st == MC_OK && fixed && !json_is_object(fixed))
        st = mc_error_set(err, MC_EINPUT, "%s: %s: \"fixed\" must be an object", path, where);
    const json_t *plot = json_object_get(entry, "plot");
    static const char *const plot_allowed[] = {"x", "y", "series", NULL};
    if (st == MC_OK && plot && !json_is_object(plot))
        st = mc_error_set(err, MC_EINPUT, "%s: %s: \"plot\" must be an object", path, where);
    if (st == MC_OK && plot)
        st = only_members(plot, plot_allowed, path, where, err);
    const json_t *rnd = json_object_get(entry, "random");
    if (st == MC_OK && rnd && (!json_is_integer(rnd) || json_integer_value(rnd) < 1))
        st = mc_error_set(err, MC_EINPUT, "%s: %s: \"random\" must be a positive integer", path,
                          where);
    if (st != MC_OK)
        return st;
    mc_family *f;
    mc_error e;
    mc_instance base = {.params = (json_t *)(fixed ? fixed : NULL), .origin = where};
    json_t *empty = json_object();
    if (!fixed)
        base.params = empty;
    st = mc_family_new(&f, &base, &e);
    json_decref(empty);
    if (st == MC_OK) {
        st = mc_family_add(f, json_string_value(json_object_get(entry, "over")), &e);
        mc_family_free(f);
    }
    if (st != MC_OK)
        return mc_error_set(err, st, "%s: %s: %s", path, where, e.msg);
    return MC_OK;
}

mc_status mc_suite_load(const char *path, json_t **suite, mc_error *err)
{
    json_error_t jerr;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!doc) {
        bool io = jerr.line < 1 && strstr(jerr.text, "unable to open");
        return mc_error_set(err, io ? MC_EIO : MC_EINPUT, "%s:%d:%d: %s", path, jerr.line,
                            jerr.column, jerr.text);
    }
    static const char *const allowed[] = {"schema", "paper", "description", "limits", "claims",
                                          NULL};
    mc_status st = MC_OK;
    const char *pid = json_string_value(json_object_get(doc, "paper"));
    const mc_paper *p = pid ? mc_paper_find(pid) : NULL;
    const json_t *schema = json_object_get(doc, "schema");
    const json_t *claims = json_object_get(doc, "claims");
    if (!json_is_object(doc))
        st = mc_error_set(err, MC_EINPUT, "%s: a suite must be a JSON object", path);
    else if ((st = only_members(doc, allowed, path, "suite", err)) != MC_OK)
        ;
    else if (schema && !(json_is_string(schema) &&
                         strcmp(json_string_value(schema), MC_SUITE_SCHEMA) == 0))
        st = mc_error_set(err, MC_EINPUT, "%s: \"schema\" must be \"%s\"", path, MC_SUITE_SCHEMA);
    else if (!pid)
        st = mc_error_set(err, MC_EINPUT, "%s: \"paper\" (a paper id) is required", path);
    else if (!p)
        st = mc_error_set(err, MC_EINPUT, "%s: unknown paper '%s' (see 'mechcheck list')", path,
                          pid);
    else if (!json_is_object(claims))
        st = mc_error_set(err, MC_EINPUT, "%s: \"claims\" must be an object", path);
    const json_t *limits = json_object_get(doc, "limits");
    static const char *const limit_members[] = {"max_nodes", "timeout", NULL};
    if (st == MC_OK && limits &&
        (!json_is_object(limits) ||
         only_members(limits, limit_members, path, "limits", err) != MC_OK ||
         (json_object_get(limits, "max_nodes") &&
          !json_is_integer(json_object_get(limits, "max_nodes"))) ||
         (json_object_get(limits, "timeout") &&
          !json_is_number(json_object_get(limits, "timeout")))))
        st = mc_error_set(err, MC_EINPUT,
                          "%s: \"limits\" must be {\"max_nodes\": integer, \"timeout\": seconds}",
                          path);
    const char *name;
    json_t *entry;
    if (st == MC_OK)
        json_object_foreach ((json_t *)claims, name, entry) {
            const mc_claim *c = paper_claim(p, name);
            if (!c) {
                st = mc_error_set(err, MC_EINPUT, "%s: claims: '%s' is not a claim of %s", path,
                                  name, p->id);
                break;
            }
            static const char *const claim_members[] = {"instances", "sweeps", NULL};
            char where[160];
            snprintf(where, sizeof where, "claims.%s", name);
            const json_t *insts = json_object_get(entry, "instances");
            const json_t *sweeps = json_object_get(entry, "sweeps");
            if (!json_is_object(entry) ||
                (st = only_members(entry, claim_members, path, where, err)) != MC_OK ||
                (insts && !json_is_array(insts)) || (sweeps && !json_is_array(sweeps))) {
                if (st == MC_OK)
                    st = mc_error_set(err, MC_EINPUT,
                                      "%s: %s: expected {\"instances\": [...], \"sweeps\": [...]}",
                                      path, where);
                break;
            }
            size_t i;
            json_t *e;
            json_array_foreach (insts, i, e)
                if ((st = load_instance(path, c, e, i, err)) != MC_OK)
                    break;
            if (st == MC_OK)
                json_array_foreach (sweeps, i, e)
                    if ((st = load_sweep(path, c, e, i, err)) != MC_OK)
                        break;
            if (st != MC_OK)
                break;
        }
    if (st != MC_OK) {
        json_decref(doc);
        return st;
    }
    *suite = doc;
    return MC_OK;
}

/* ---- running ------------------------------------------------------------------------------------ */

/* Claim statuses, worst last: the claim's status is the worst of its runs. */
static const char *const status_names[] = {MC_NOT_CHECKED_NAME, "NOT-APPLICABLE", "HOLDS",
                                           "UNDECIDED", "FAILS", "ERROR"};
enum { S_NOT_CHECKED, S_NA, S_HOLDS, S_UNDECIDED, S_FAILS, S_ERROR, S_N };

static int status_of(mc_verdict v)
{
    switch (v) {
    case MC_HOLDS:
        return S_HOLDS;
    case MC_FAILS:
        return S_FAILS;
    case MC_UNDECIDED:
        return S_UNDECIDED;
    default:
        return S_NA;
    }
}

/* One check or sweep of the suite: its own counts, status and timings, so
 * that jobs can run on several threads and be merged in suite order. */
typedef struct {
    const mc_paper *p;
    const mc_suite_opts *o;
    mc_check_opts check;
    pthread_mutex_t *progress_lock;
    json_t *timings;       /* array of entries */
    int status;            /* of this job */
    uint64_t counts[S_N];  /* instances of this job, by status */
} runner;

static void report_progress(runner *r, const char *what, uint64_t done, uint64_t total)
{
    if (!r->o->progress)
        return;
    pthread_mutex_lock(r->progress_lock);
    r->o->progress(r->o->arg, what, done, total);
    pthread_mutex_unlock(r->progress_lock);
}

static void add_timing(runner *r, const mc_claim *c, const char *what, double seconds,
                       uint64_t nodes, uint64_t instances)
{
    json_array_append_new(r->timings,
                          json_pack("{s:s,s:s,s:f,s:I,s:I}", "claim", c->id, "what", what,
                                    "seconds", seconds, "nodes", (json_int_t)nodes, "instances",
                                    (json_int_t)instances));
}

static json_t *run_check(runner *r, const mc_claim *c, const json_t *entry, size_t i)
{
    char what[160];
    snprintf(what, sizeof what, "%s: instance %zu", c->id, i + 1);
    report_progress(r, what, 0, 1);
    mc_instance in = {.params = json_object_get(entry, "params"), .origin = what};
    mc_claim_result res;
    mc_error err;
    mc_error_clear(&err);
    json_t *j;
    double t0 = mc_now();
    if (mc_claim_run(c, &in, &r->check, &res, &err) == MC_OK) {
        j = mc_result_json(c, &in, &res);
        int s = status_of(res.verdict);
        r->counts[s]++;
        if (s > r->status)
            r->status = s;
        add_timing(r, c, what, res.seconds, res.nodes, 1);
        mc_claim_result_free(&res);
    } else {
        char *cmd = mc_check_command(c, &in);
        j = json_pack("{s:s,s:O,s:s?,s:s,s:s,s:n,s:{}}", "claim", c->id, "params", in.params,
                      "command", cmd, "verdict", "ERROR", "reason", err.msg, "witness", "margins");
        free(cmd);
        r->counts[S_ERROR]++;
        r->status = S_ERROR;
        add_timing(r, c, what, mc_now() - t0, 0, 1);
    }
    const json_t *note = json_object_get(entry, "note");
    if (j && note)
        json_object_set(j, "note", (json_t *)note);
    return j;
}

typedef struct {
    runner *r;
    const mc_family *f;
    json_t *rows;
    bool truncated;
    const char *what;
} sweep_ctx;

static void on_row(void *arg, const mc_instance *in, const mc_claim_result *res)
{
    sweep_ctx *s = arg;
    s->r->counts[status_of(res->verdict)]++;
    if (json_array_size(s->rows) >= MC_SWEEP_MAX_ROWS) {
        s->truncated = true;
        return;
    }
    json_t *params = json_object();
    for (size_t k = 0; k < mc_family_nkeys(s->f); k++) {
        const char *key = mc_family_key(s->f, k);
        json_object_set(params, key, json_object_get(in->params, key));
    }
    json_t *row = json_pack("{s:o,s:s,s:O?}", "params", params, "verdict",
                            mc_verdict_name(res->verdict), "margins", res->margins);
    if (row && json_is_null(json_object_get(row, "margins")))
        json_object_set_new(row, "margins", json_object());
    if (row && res->verdict == MC_UNDECIDED && res->reason)
        json_object_set_new(row, "reason", json_string(res->reason));
    json_array_append_new(s->rows, row);
}

static void on_progress(void *arg, uint64_t done, uint64_t total, uint64_t failures)
{
    (void)failures;
    sweep_ctx *s = arg;
    report_progress(s->r, s->what, done, total);
}

static json_t *run_sweep(runner *r, const mc_claim *c, const json_t *entry, size_t i)
{
    char what[320];
    const char *over = json_string_value(json_object_get(entry, "over"));
    snprintf(what, sizeof what, "%s: sweep %zu (%s)", c->id, i + 1, over);
    const json_t *fixed = json_object_get(entry, "fixed");
    json_t *empty = json_object();
    mc_instance base = {.params = fixed ? (json_t *)fixed : empty, .origin = "suite"};
    mc_family *f = NULL;
    mc_error err;
    mc_error_clear(&err);
    mc_status st = mc_family_new(&f, &base, &err);
    json_decref(empty);
    if (st == MC_OK)
        st = mc_family_add(f, over, &err);
    const json_t *rnd = json_object_get(entry, "random");
    mc_search_opts so = {.check = r->check,
                         .shrink = json_is_true(json_object_get(entry, "shrink")),
                         .random = rnd ? (uint64_t)json_integer_value(rnd) : 0,
                         .seed = (uint64_t)json_integer_value(json_object_get(entry, "seed")),
                         .on_result = on_row,
                         .progress = on_progress};
    sweep_ctx sc = {.r = r, .f = f, .rows = json_array(), .what = what};
    so.arg = &sc;
    mc_search_result sr;
    memset(&sr, 0, sizeof sr);
    if (st == MC_OK)
        st = mc_search(c, f, &so, &sr, &err);
    json_t *keys = json_array();
    for (size_t k = 0; f && k < mc_family_nkeys(f); k++)
        json_array_append_new(keys, json_string(mc_family_key(f, k)));
    json_t *j = json_pack("{s:s,s:O?,s:o,s:o,s:b}", "over", over, "fixed", fixed, "keys", keys,
                          "rows", sc.rows, "rows_truncated", sc.truncated);
    if (json_is_null(json_object_get(j, "fixed")))
        json_object_set_new(j, "fixed", json_object());
    static const char *const copy[] = {"note", "plot", "shrink", "random", "seed", NULL};
    for (const char *const *k = copy; *k; k++)
        if (json_object_get(entry, *k))
            json_object_set(j, *k, json_object_get(entry, *k));
    if (st != MC_OK) {
        json_object_set_new(j, "verdict", json_string("ERROR"));
        json_object_set_new(j, "error", json_string(err.msg));
        r->status = S_ERROR;
        r->counts[S_ERROR]++;
    } else {
        mc_verdict v = mc_search_verdict(&sr);
        int s = status_of(v);
        if (s > r->status)
            r->status = s;
        json_object_set_new(j, "verdict", json_string(mc_verdict_name(v)));
        json_object_set_new(j, "checked", json_integer((json_int_t)sr.checked));
        json_t *counts = json_object();
        for (int v2 = 0; v2 < 4; v2++)
            json_object_set_new(counts, mc_verdict_name((mc_verdict)v2),
                                json_integer((json_int_t)sr.counts[v2]));
        json_object_set_new(j, "counts", counts);
        json_object_set_new(j, "complete", json_boolean(sr.complete));
        if (sr.stopped)
            json_object_set_new(j, "stopped", json_string(sr.stopped));
        if (sr.found)
            json_object_set_new(j, "first_failure",
                                mc_result_json(c, &sr.first, &sr.first_result));
        if (sr.shrunk) {
            json_t *m = mc_result_json(c, &sr.minimal, &sr.minimal_result);
            json_object_set_new(m, "shrink_steps", json_integer((json_int_t)sr.shrink_steps));
            json_object_set_new(m, "shrink_checks", json_integer((json_int_t)sr.shrink_checks));
            json_object_set_new(m, "shrink_complete", json_boolean(sr.shrink_complete));
            json_object_set_new(j, "minimal", m);
        }
    }
    add_timing(r, c, what, sr.seconds, sr.nodes, sr.checked);
    mc_search_result_free(&sr);
    mc_family_free(f);
    return j;
}

static json_t *mechanism_json(const mc_mechanism *m)
{
    json_t *params = json_array();
    for (size_t i = 0; i < m->nparams; i++)
        json_array_append_new(params, json_pack("{s:s,s:s,s:s?,s:s}", "name", m->params[i].name,
                                                "type", m->params[i].type, "default",
                                                m->params[i].dflt, "doc", m->params[i].doc));
    return json_pack("{s:s,s:s,s:s,s:o}", "id", m->id, "title", m->title ? m->title : "",
                     "summary", m->summary ? m->summary : "", "params", params);
}

typedef struct {
    runner r;
    size_t claim;
    const json_t *entry;
    size_t i;
    bool sweep;
    json_t *out;
} suite_job;

static void run_job(void *ctx, size_t k)
{
    suite_job *j = &((suite_job *)ctx)[k];
    const mc_claim *c = &j->r.p->claims[j->claim];
    j->out = j->sweep ? run_sweep(&j->r, c, j->entry, j->i) : run_check(&j->r, c, j->entry, j->i);
}

static const json_t *claim_entry(const json_t *suite, const mc_claim *c)
{
    return json_object_get(json_object_get(suite, "claims"), c->name);
}

mc_status mc_suite_run(const mc_paper *p, const json_t *suite, const mc_suite_opts *o,
                       json_t **report, json_t **timings, mc_error *err)
{
    mc_suite_opts none = {0};
    if (!o)
        o = &none;
    pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    runner r = {.p = p, .o = o, .check = o->check, .progress_lock = &lock};
    const json_t *limits = json_object_get(suite, "limits");
    if (!r.check.max_nodes && json_is_integer(json_object_get(limits, "max_nodes")))
        r.check.max_nodes = (uint64_t)json_integer_value(json_object_get(limits, "max_nodes"));
    if (r.check.timeout <= 0 && json_is_number(json_object_get(limits, "timeout")))
        r.check.timeout = json_number_value(json_object_get(limits, "timeout"));
    double t0 = mc_now();
    /* every check and sweep is a job; each job's sweep runs on one thread */
    size_t njobs = 0;
    for (size_t ci = 0; ci < p->nclaims; ci++) {
        const json_t *entry = claim_entry(suite, &p->claims[ci]);
        njobs += json_array_size(json_object_get(entry, "instances")) +
                 json_array_size(json_object_get(entry, "sweeps"));
    }
    suite_job *jobs = calloc(njobs ? njobs : 1, sizeof *jobs);
    if (!jobs)
        return mc_error_set(err, MC_ENOMEM, "report: out of memory");
    size_t k = 0;
    for (size_t ci = 0; ci < p->nclaims; ci++) {
        const json_t *entry = claim_entry(suite, &p->claims[ci]);
        for (int sweep = 0; sweep < 2; sweep++) {
            size_t i;
            json_t *e;
            json_array_foreach (json_object_get(entry, sweep ? "sweeps" : "instances"), i, e) {
                jobs[k] = (suite_job){.r = r, .claim = ci, .entry = e, .i = i, .sweep = sweep};
                jobs[k].r.timings = json_array();
                jobs[k].r.check.threads = 1;
                k++;
            }
        }
    }
    mc_parallel_run(njobs, o->check.threads, run_job, jobs, mc_lp_thread_cleanup);
    json_t *claims = json_array(), *all_timings = json_array();
    uint64_t totals[S_N] = {0};
    k = 0;
    for (size_t ci = 0; ci < p->nclaims; ci++) {
        const mc_claim *c = &p->claims[ci];
        int status = S_NOT_CHECKED;
        uint64_t counts[S_N] = {0};
        json_t *checks = json_array(), *sweeps = json_array();
        for (; k < njobs && jobs[k].claim == ci; k++) {
            suite_job *j = &jobs[k];
            if (j->r.status > status)
                status = j->r.status;
            for (int s2 = 0; s2 < S_N; s2++)
                counts[s2] += j->r.counts[s2];
            json_array_extend(all_timings, j->r.timings);
            json_decref(j->r.timings);
            json_array_append_new(j->sweep ? sweeps : checks, j->out);
        }
        json_t *cj = json_object();
        for (int s2 = S_NA; s2 < S_N; s2++)
            json_object_set_new(cj, status_names[s2], json_integer((json_int_t)counts[s2]));
        totals[status]++;
        json_array_append_new(
            claims, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o}", "id", c->id, "name",
                              c->name, "title", c->title ? c->title : "", "statement",
                              c->statement ? c->statement : "", "hypotheses",
                              c->hypotheses ? c->hypotheses : "", "mechanism", c->mechanism,
                              "verdict", status_names[status], "counts", cj, "checks", checks,
                              "sweeps", sweeps));
    }
    free(jobs);
    json_t *mechs = json_array();
    for (size_t i = 0; i < p->nmechanisms; i++)
        json_array_append_new(mechs, mechanism_json(&p->mechanisms[i]));
    json_t *summary = json_object();
    json_object_set_new(summary, "claims", json_integer((json_int_t)p->nclaims));
    for (int s2 = 0; s2 < S_N; s2++)
        json_object_set_new(summary, status_names[s2], json_integer((json_int_t)totals[s2]));
    const json_t *desc = json_object_get(suite, "description");
    json_t *doc = json_pack(
        "{s:s,s:s,s:{s:s,s:s,s:s,s:s,s:b},s:s?,s:O?,s:o,s:o,s:o}", "schema", MC_REPORT_SCHEMA,
        "generator", "mechcheck " MC_VERSION, "paper", "id", p->id, "title", p->title ? p->title : "",
        "authors", p->authors ? p->authors : "", "seed", p->seed ? p->seed : "", "fixture",
        p->fixture, "suite", o->source, "description", desc, "summary", summary, "claims", claims,
        "mechanisms", mechs);
    if (!doc) {
        json_decref(all_timings);
        return mc_error_set(err, MC_ENOMEM, "report: out of memory");
    }
    *report = doc;
    if (timings)
        *timings = json_pack("{s:s,s:f,s:o}", "paper", p->id, "seconds", mc_now() - t0,
                             "entries", all_timings);
    else
        json_decref(all_timings);
    return MC_OK;
}

/* Counterexample search over a family (exhaustive or seeded random), and
 * greedy shrinking of the first failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mechcheck/lp.h"
#include "mechcheck/search.h"
#include "util/parallel.h"

double mc_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void mc_search_result_free(mc_search_result *r)
{
    free(r->stopped);
    if (r->found) {
        mc_instance_free(&r->first);
        mc_claim_result_free(&r->first_result);
    }
    if (r->shrunk) {
        mc_instance_free(&r->minimal);
        mc_claim_result_free(&r->minimal_result);
    }
    memset(r, 0, sizeof *r);
}

mc_verdict mc_search_verdict(const mc_search_result *r)
{
    if (r->found)
        return MC_FAILS;
    if (!r->complete || r->counts[MC_UNDECIDED])
        return MC_UNDECIDED;
    if (r->counts[MC_HOLDS])
        return MC_HOLDS;
    return r->checked ? MC_NOT_APPLICABLE : MC_UNDECIDED;
}

/* Per-check options bounded by an absolute deadline (0 = none); false when
 * the deadline has passed. */
static bool bounded(const mc_check_opts *o, double deadline, mc_check_opts *out)
{
    *out = *o;
    if (deadline <= 0)
        return true;
    double left = deadline - mc_now();
    if (left <= 0)
        return false;
    if (out->timeout <= 0 || out->timeout > left)
        out->timeout = left;
    return true;
}

/* ---- shrinking --------------------------------------------------------------------------------- */

#define SHRINK_CANDIDATES 128
#define SHRINK_MAX_STEPS 10000

mc_status mc_shrink(const mc_claim *c, const mc_instance *failing, const mc_check_opts *o,
                    double deadline, mc_instance *minimal, mc_claim_result *res,
                    uint64_t *steps, uint64_t *checks, bool *complete, mc_error *err)
{
    const mc_mechanism *m = mc_mechanism_find(c->mechanism);
    const mc_check_opts none = {0};
    if (!o)
        o = &none;
    *steps = 0;
    *checks = 0;
    *complete = false;
    mc_claim_result_init(res);
    mc_status st = mc_instance_copy(minimal, failing, err);
    if (st != MC_OK)
        return st;
    mc_check_opts co;
    if (!bounded(o, deadline, &co))
        co.timeout = 1e-9;
    st = mc_claim_run(c, minimal, &co, res, err);
    if (st != MC_OK) {
        mc_instance_free(minimal);
        mc_claim_result_free(res);
        return st;
    }
    if (!m || !m->shrink) {
        *complete = true;
        return MC_OK;
    }
    mc_instance *cand = calloc(SHRINK_CANDIDATES, sizeof *cand);
    if (!cand)
        return mc_error_set(err, MC_ENOMEM, "shrink: out of memory");
    char *cur_dump = mc_instance_dump(minimal);
    bool improved = true;
    while (improved && st == MC_OK && *steps < SHRINK_MAX_STEPS) {
        improved = false;
        size_t n = m->shrink(minimal, cand, SHRINK_CANDIDATES);
        size_t i = 0;
        for (; i < n && !improved && st == MC_OK; i++) {
            char *d = mc_instance_dump(&cand[i]);
            bool same = d && cur_dump && strcmp(d, cur_dump) == 0;
            free(d);
            if (same)
                continue;
            if (!bounded(o, deadline, &co)) {
                st = MC_ELIMIT;
                break;
            }
            mc_claim_result r;
            mc_error cerr;
            mc_error_clear(&cerr);
            mc_status cs = mc_claim_run(c, &cand[i], &co, &r, &cerr);
            (*checks)++;
            if (cs == MC_EINPUT) /* not a valid instance: not a candidate */
                continue;
            if (cs != MC_OK) {
                st = cs;
                if (err)
                    *err = cerr;
                break;
            }
            if (r.verdict == MC_FAILS) {
                mc_instance_free(minimal);
                *minimal = cand[i];
                memset(&cand[i], 0, sizeof cand[i]);
                mc_claim_result_free(res);
                *res = r;
                free(cur_dump);
                cur_dump = mc_instance_dump(minimal);
                (*steps)++;
                improved = true;
            } else {
                mc_claim_result_free(&r);
            }
        }
        for (size_t j = 0; j < n; j++)
            if (cand[j].params)
                mc_instance_free(&cand[j]);
    }
    free(cand);
    free(cur_dump);
    if (st == MC_ELIMIT) /* out of time: what we have is still a failing instance */
        return MC_OK;
    if (st == MC_OK) {
        *complete = !improved;
        return MC_OK;
    }
    mc_instance_free(minimal);
    mc_claim_result_free(res);
    return st;
}

/* ---- search ---------------------------------------------------------------------------------------- */

/* Instances are checked in batches, side by side on the option's threads,
 * then taken in enumeration order: the result does not depend on the
 * number of threads (a stop inside a batch discards the rest of it). */
typedef struct {
    mc_instance in;
    mc_check_opts co;
    mc_claim_result res;
    mc_status st;
    mc_error err;
} pending;

typedef struct {
    const mc_claim *c;
    const mc_search_opts *o;
    mc_search_result *r;
    double deadline;
    double next_progress;
    uint64_t total;
    mc_status st;
    unsigned threads;
    pending *batch;
    size_t nbatch, cap;
} searcher;

static void set_stopped(mc_search_result *r, const char *why)
{
    free(r->stopped);
    r->stopped = strdup(why);
}

/* One checked instance, in order; false stops the search. */
static bool take(searcher *s, pending *p, mc_error *err)
{
    mc_search_result *r = s->r;
    if (p->st != MC_OK) {
        s->st = p->st;
        if (err)
            *err = p->err;
        return false;
    }
    mc_claim_result *res = &p->res;
    r->checked++;
    r->counts[res->verdict]++;
    r->nodes += res->nodes;
    if (s->o->on_result)
        s->o->on_result(s->o->arg, &p->in, res);
    if (res->verdict == MC_FAILS && !r->found) {
        if (mc_instance_copy(&r->first, &p->in, err) != MC_OK) {
            s->st = MC_ENOMEM;
            return false;
        }
        r->found = true;
        r->first_index = r->checked - 1;
        r->first_result = *res;
        mc_claim_result_init(res); /* moved */
    }
    if (s->o->progress) {
        double now = mc_now();
        if (now >= s->next_progress) {
            s->o->progress(s->o->arg, r->checked, s->total, r->counts[MC_FAILS]);
            s->next_progress = now + 0.5;
        }
    }
    if (r->found && s->o->stop_at_first) {
        char why[128];
        snprintf(why, sizeof why, "at the first failure (instance %llu)",
                 (unsigned long long)r->checked);
        set_stopped(r, why);
        return false;
    }
    return true;
}

static void check_job(void *ctx, size_t i)
{
    searcher *s = ctx;
    pending *p = &s->batch[i];
    mc_error_clear(&p->err);
    p->st = mc_claim_run(s->c, &p->in, &p->co, &p->res, &p->err);
}

/* Checks the batch and takes its results in order; false stops. */
static bool flush(searcher *s, mc_error *err)
{
    mc_parallel_run(s->nbatch, s->threads, check_job, s, mc_lp_thread_cleanup);
    bool go = true;
    for (size_t i = 0; i < s->nbatch; i++) {
        pending *p = &s->batch[i];
        go = go && take(s, p, err);
        mc_claim_result_free(&p->res);
        mc_instance_free(&p->in);
    }
    s->nbatch = 0;
    return go;
}

/* Queues one instance (copied); false stops the search (err set on error). */
static bool visit(void *arg, const mc_instance *in, mc_error *err)
{
    searcher *s = arg;
    pending *p = &s->batch[s->nbatch];
    if (!bounded(&s->o->check, s->deadline, &p->co)) {
        char why[128];
        snprintf(why, sizeof why, "timeout of %g s reached after %llu instances", s->o->timeout,
                 (unsigned long long)(s->r->checked + s->nbatch));
        if (flush(s, err))
            set_stopped(s->r, why);
        return false;
    }
    p->co.threads = 1;
    if (mc_instance_copy(&p->in, in, err) != MC_OK) {
        s->st = MC_ENOMEM;
        return false;
    }
    mc_claim_result_init(&p->res);
    if (++s->nbatch < s->cap)
        return true;
    return flush(s, err);
}

mc_status mc_search(const mc_claim *c, const mc_family *f, const mc_search_opts *o,
                    mc_search_result *r, mc_error *err)
{
    memset(r, 0, sizeof *r);
    double t0 = mc_now();
    searcher s = {.c = c, .o = o, .r = r, .st = MC_OK};
    s.threads = mc_parallel_threads(o->check.threads);
    s.cap = s.threads > 1 ? 4 * (size_t)s.threads : 1;
    s.batch = calloc(s.cap, sizeof *s.batch);
    if (!s.batch)
        return mc_error_set(err, MC_ENOMEM, "search: out of memory");
    s.deadline = o->timeout > 0 ? t0 + o->timeout : 0;
    s.next_progress = t0 + 0.5;
    s.total = o->random ? o->random : mc_family_size(f);
    mc_error local;
    if (!err)
        err = &local;
    mc_error_clear(err);
    mc_status st = MC_OK;
    bool stopped = false;
    if (o->random) {
        mc_rng rng;
        mc_rng_seed(&rng, o->seed);
        for (uint64_t i = 0; i < o->random && !stopped && st == MC_OK; i++) {
            mc_instance in;
            st = mc_family_sample(f, &rng, &in, err);
            if (st != MC_OK)
                break;
            stopped = !visit(&s, &in, err);
            mc_instance_free(&in);
        }
    } else {
        st = mc_family_foreach(f, visit, &s, err);
    }
    /* the last, partial batch */
    if (st == MC_OK && s.st == MC_OK && !stopped && !r->stopped && s.nbatch)
        stopped = !flush(&s, err);
    for (size_t i = 0; i < s.nbatch; i++)
        mc_instance_free(&s.batch[i].in);
    free(s.batch);
    stopped = stopped || r->stopped != NULL;
    if (st == MC_OK)
        st = s.st;
    if (st == MC_OK)
        r->complete = !stopped && !r->stopped;
    if (st == MC_OK && o->progress)
        o->progress(o->arg, r->checked, s.total, r->counts[MC_FAILS]);
    if (st == MC_OK && r->found && o->shrink) {
        st = mc_shrink(c, &r->first, &o->check, s.deadline, &r->minimal, &r->minimal_result,
                       &r->shrink_steps, &r->shrink_checks, &r->shrink_complete, err);
        r->shrunk = st == MC_OK;
    }
    r->seconds = mc_now() - t0;
    return st;
}

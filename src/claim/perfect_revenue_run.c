/* The audit of an instance of mechanism M, shared by its claims: a report
 * checks a dozen claims on each instance, so recent audits are kept
 * (reference-counted, so concurrent checks stay safe); and the JSON
 * that every claim's witness repeats (parameters, solve, equilibrium). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_claims.h"

typedef struct cached {
    mc_pr_audit a; /* first member: the pointer handed out */
    char *key;
    unsigned refs;
    bool evicted;
} cached;

/* A report checks every claim on every instance of its suite, each also
 * re-checked with explicit coins: keep enough audits for a suite's worth of
 * small instances (least recently used first out). */
#define NSLOTS 64
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static cached *slot[NSLOTS];

static void cached_free(cached *c)
{
    mc_pr_audit_free(&c->a);
    free(c->key);
    free(c);
}

static void evict(cached *c)
{
    if (!c)
        return;
    if (c->refs == 0)
        cached_free(c);
    else
        c->evicted = true;
}

mc_status mc_pr_run_get(const mc_instance *in, const mc_check_opts *o, const mc_pr_audit **out,
                        mc_error *err)
{
    mc_pr_params p;
    mc_pr_params_init(&p);
    mc_status st = mc_pr_params_from_instance(in, &p, err);
    char *key = st == MC_OK ? mc_pr_params_text(&p) : NULL;
    if (st == MC_OK && !key)
        st = mc_error_set(err, MC_ENOMEM, "perfect-revenue: out of memory");
    if (st != MC_OK) {
        mc_pr_params_clear(&p);
        return st;
    }
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < NSLOTS; i++)
        if (slot[i] && !strcmp(slot[i]->key, key)) {
            cached *c = slot[i];
            c->refs++;
            slot[i] = slot[0];
            slot[0] = c;
            *out = &c->a;
            pthread_mutex_unlock(&cache_lock);
            free(key);
            mc_pr_params_clear(&p);
            return MC_OK;
        }
    pthread_mutex_unlock(&cache_lock);
    cached *c = calloc(1, sizeof *c);
    if (!c) {
        free(key);
        mc_pr_params_clear(&p);
        return mc_error_set(err, MC_ENOMEM, "perfect-revenue: out of memory");
    }
    st = mc_pr_audit_run(&c->a, &p, o, err);
    mc_pr_params_clear(&p);
    if (st != MC_OK) {
        free(c);
        free(key);
        return st;
    }
    if (!c->a.complete) {
        st = mc_error_set(err, MC_ELIMIT, "%s (after %llu nodes; raise --max-nodes/--timeout)",
                          c->a.limit_msg, (unsigned long long)c->a.nodes);
        cached_free(c);
        free(key);
        return st;
    }
    c->key = key;
    c->refs = 1;
    pthread_mutex_lock(&cache_lock);
    evict(slot[NSLOTS - 1]);
    for (int i = NSLOTS - 1; i > 0; i--)
        slot[i] = slot[i - 1];
    slot[0] = c;
    pthread_mutex_unlock(&cache_lock);
    *out = &c->a;
    return MC_OK;
}

void mc_pr_run_release(const mc_pr_audit *a)
{
    if (!a)
        return;
    cached *c = (cached *)a;
    pthread_mutex_lock(&cache_lock);
    c->refs--;
    if (c->refs == 0 && c->evicted)
        cached_free(c);
    pthread_mutex_unlock(&cache_lock);
}

void mc_pr_run_flush(void)
{
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < NSLOTS; i++) {
        evict(slot[i]);
        slot[i] = NULL;
    }
    pthread_mutex_unlock(&cache_lock);
}

/* ---- JSON -------------------------------------------------------------------------- */

const char *mc_pr_block_text(const mc_pr_params *p, unsigned j, char *buf, size_t cap)
{
    size_t len = (size_t)snprintf(buf, cap, "{");
    bool first = true;
    for (unsigned k = 0; k < p->n; k++)
        if (p->agents.agent_of[k] == p->agents.agent_of[j]) {
            len += (size_t)snprintf(buf + (len < cap ? len : cap), len < cap ? cap - len : 0,
                                    "%s%u", first ? "" : ",", k + 1);
            first = false;
        }
    snprintf(buf + (len < cap ? len : cap), len < cap ? cap - len : 0, "}");
    return buf;
}

json_t *mc_pr_json_instance(const mc_pr_params *p)
{
    char *text = mc_pr_params_text(p);
    json_t *j = json_string(text ? text : "?");
    free(text);
    return j;
}

json_t *mc_pr_json_solve(const mc_pr_audit *a)
{
    json_t *stages = json_object();
    for (int c = 0; c < MC_STAGE_NCLASSES; c++)
        if (a->nstages[c])
            json_object_set_new(stages, mc_stage_class_name((mc_stage_class)c),
                                json_integer((json_int_t)a->nstages[c]));
    return json_pack("{s:I, s:I, s:I, s:b, s:I, s:o, s:I, s:I}", "nodes_expanded",
                     (json_int_t)a->nodes, "distinct_nodes", (json_int_t)a->distinct,
                     "memo_hits", (json_int_t)a->memo_hits, "unique_in_capped_game", a->unique,
                     "ties", (json_int_t)a->nties, "multi_mover_stages", stages,
                     "ties_or_unsolved_stages_at_clean_nodes", (json_int_t)a->clean_ties,
                     "root_actions_leaving_caps", (json_int_t)a->root_unclean);
}

static json_t *int_array(const int64_t *v, unsigned n)
{
    json_t *a = json_array();
    for (unsigned j = 0; j < n; j++)
        json_array_append_new(a, json_integer(v[j]));
    return a;
}

json_t *mc_pr_json_equilibrium(const mc_pr_audit *a)
{
    const mc_pr_params *p = &a->p;
    const mc_pr_eval *e = &a->eval;
    char buf[160];
    mc_pr_fmt_root(buf, sizeof buf, p, a->play.omega, a->play.k1);
    json_t *j = json_object();
    json_object_set_new(j, "announcement", json_string(buf));
    if (e->stopped) {
        json_object_set_new(j, "ends", json_string("step (a): sum K1 = 0, outcome (bot, 0)"));
    } else {
        json_t *raises = json_array();
        for (unsigned i = 1; i < p->n; i++) {
            mc_pr_fmt_raise(buf, sizeof buf, p->n, i, a->play.delta[i]);
            json_array_append_new(raises, json_sprintf("Delta^%u = %s", i + 1, buf));
        }
        json_object_set_new(j, "raises", raises);
        json_object_set_new(j, "P*", int_array(e->pstar, p->n));
        json_t *bip = json_array();
        for (unsigned k = 0; k < p->n; k++)
            json_array_append_new(bip, json_integer(e->bip[k] + 1));
        json_object_set_new(j, "bip", bip);
        size_t len = 0;
        buf[0] = '\0';
        for (unsigned k = 0; k < p->n; k++)
            if (a->play.no_mask >> k & 1)
                len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%u", len ? "," : "", k + 1);
        json_object_set_new(j, "NO", json_string(len ? buf : "nobody (all YES)"));
        mc_q fr = MC_Q_ZERO;
        mc_q_div(&fr, &e->f, &e->nr);
        json_object_set_new(j, "f/n_r",
                            json_pack("{s:o,s:o,s:o}", "f", mc_json_q_or_null(&e->f), "n_r",
                                      mc_json_q_or_null(&e->nr), "ratio", mc_json_q_or_null(&fr)));
        mc_q_clear(&fr);
    }
    json_t *u = json_array();
    for (unsigned k = 0; k < p->n; k++)
        json_array_append_new(u, mc_json_q_or_null(&e->eu[k]));
    json_object_set_new(j, "expected_utilities", u);
    json_object_set_new(j, "expected_revenue", mc_json_q_or_null(&e->revenue));
    json_t *outs = json_array();
    for (unsigned o = 0; o < e->nout; o++) {
        const mc_pr_outcome *r = &e->out[o];
        json_t *prices = json_array();
        for (unsigned k = 0; k < p->n; k++)
            json_array_append_new(prices, mc_json_q_or_null(&r->price[k]));
        json_array_append_new(outs, json_pack("{s:s,s:o,s:s,s:I,s:o,s:o}", "what", r->what,
                                              "probability", mc_json_q_or_null(&r->prob), "state",
                                              p->state_name[r->omega], "welfare",
                                              (json_int_t)r->welfare, "revenue",
                                              mc_json_q_or_null(&r->revenue), "prices", prices));
    }
    json_object_set_new(j, "realisations", outs);
    return j;
}

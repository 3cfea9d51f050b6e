/* perfect-revenue/privacy (Sec. 1.5, spec 4.8): "perfect privacy" -- in
 * rational play the public transcript (omega*, K1, the raises, the NO
 * votes) reveals nothing beyond the outcome.  Read as: over every true-value
 * profile of a grid, the SPE transcript is a function of the realised
 * outcome distribution (each realisation's kind, state, final prices and
 * probability).  Two profiles with the same outcome and different
 * transcripts refute it; the pair is the counterexample. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "claim/perfect_revenue_claims.h"

#define PRIVACY_MAX_PROFILES 4096

typedef struct seen {
    char *outcome;          /* key */
    char *transcript;
    uint64_t profile;       /* the first grid profile with this outcome */
    UT_hash_handle hh;
} seen;

/* Appends to buf[0..cap) at *len; a truncated text leaves *len >= cap. */
static void appendf(char *buf, size_t cap, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void appendf(char *buf, size_t cap, size_t *len, const char *fmt, ...)
{
    if (*len >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    *len += (size_t)vsnprintf(buf + *len, cap - *len, fmt, ap);
    va_end(ap);
}

static void append_q(char *buf, size_t cap, size_t *len, const mc_q *q)
{
    if (*len < cap)
        *len += mc_q_snprint(buf + *len, cap - *len, q);
    appendf(buf, cap, len, " ");
}

static char *transcript_text(const mc_pr_params *p, const mc_pr_audit *a)
{
    char buf[1024];
    size_t len = 0;
    appendf(buf, sizeof buf, &len, "omega*=%s K1=", p->state_name[a->play.omega]);
    for (unsigned j = 0; j < p->n; j++)
        appendf(buf, sizeof buf, &len, "%lld ", (long long)a->play.k1[j]);
    if (!a->eval.stopped) {
        for (unsigned i = 1; i < p->n; i++) {
            appendf(buf, sizeof buf, &len, "D%u=", i + 1);
            for (unsigned j = 0; j < p->n; j++)
                appendf(buf, sizeof buf, &len, "%lld ", (long long)a->play.delta[i][j]);
        }
        appendf(buf, sizeof buf, &len, "NO=%#x", (unsigned)a->play.no_mask);
    }
    return len < sizeof buf ? strdup(buf) : NULL;
}

static char *outcome_text(const mc_pr_params *p, const mc_pr_eval *e)
{
    char buf[2048];
    size_t len = 0;
    buf[0] = '\0';
    for (unsigned k = 0; k < e->nout; k++) {
        const mc_pr_outcome *o = &e->out[k];
        if (mc_q_sgn(&o->prob) <= 0)
            continue;
        appendf(buf, sizeof buf, &len, "[%s %s p=", o->what, p->state_name[o->omega]);
        append_q(buf, sizeof buf, &len, &o->prob);
        appendf(buf, sizeof buf, &len, "prices ");
        for (unsigned j = 0; j < p->n; j++)
            append_q(buf, sizeof buf, &len, &o->price[j]);
        appendf(buf, sizeof buf, &len, "]");
    }
    return len < sizeof buf ? strdup(buf) : NULL;
}

/* Grid profile number k: TV_j(omega) in 0..cap_k[j], the last coordinate
 * fastest; returns the number of profiles (saturating at UINT64_MAX). */
static uint64_t grid_profile(const mc_pr_params *base, uint64_t k, mc_pr_params *p)
{
    uint64_t total = 1;
    for (unsigned w = base->nstates - 1; w >= 1; w--)
        for (unsigned j = base->n; j-- > 0;) {
            uint64_t r = (uint64_t)base->cap_k[j] + 1;
            if (p) {
                p->tv[w][j] = (int64_t)(k % r);
                k /= r;
            }
            total = total > UINT64_MAX / r ? UINT64_MAX : total * r;
        }
    return total;
}

static json_t *tv_json(const mc_pr_params *p)
{
    json_t *rows = json_object();
    for (unsigned w = 1; w < p->nstates; w++) {
        json_t *row = json_array();
        for (unsigned j = 0; j < p->n; j++)
            json_array_append_new(row, json_integer(p->tv[w][j]));
        json_object_set_new(rows, p->state_name[w], row);
    }
    return rows;
}

mc_status mc_pr_check_privacy(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                              mc_error *err)
{
    mc_pr_params base, p;
    mc_pr_params_init(&base);
    mc_pr_params_init(&p);
    mc_status st = mc_pr_params_from_instance(in, &base, err);
    if (st != MC_OK) {
        mc_pr_params_clear(&base);
        mc_pr_params_clear(&p);
        return st;
    }
    uint64_t total = grid_profile(&base, 0, NULL);
    if (total > PRIVACY_MAX_PROFILES) {
        mc_claim_result_set(res, MC_UNDECIDED,
                            "the grid of true values 0..cap has %llu profiles, above %d: lower "
                            "the caps",
                            (unsigned long long)total, PRIVACY_MAX_PROFILES);
        mc_pr_params_clear(&base);
        mc_pr_params_clear(&p);
        return MC_OK;
    }
    mc_pr_params_copy(&p, &base);
    seen *map = NULL;
    json_t *clash = NULL;
    uint64_t solved = 0, nodes = 0, limited = 0;
    for (uint64_t k = 0; k < total && st == MC_OK && !clash; k++) {
        grid_profile(&base, k, &p);
        mc_pr_audit a;
        memset(&a, 0, sizeof a);
        if ((st = mc_pr_audit_run(&a, &p, o, err)) != MC_OK)
            break;
        nodes += a.nodes;
        if (!a.complete || !a.have_play) {
            limited++;
            mc_pr_audit_free(&a);
            continue;
        }
        solved++;
        char *out = outcome_text(&p, &a.eval), *tr = transcript_text(&p, &a);
        if (!out || !tr) {
            free(out);
            free(tr);
            mc_pr_audit_free(&a);
            st = mc_error_set(err, MC_ENOMEM, "privacy: out of memory");
            break;
        }
        seen *s;
        HASH_FIND_STR(map, out, s);
        if (!s) {
            s = calloc(1, sizeof *s);
            if (!s) {
                free(out);
                free(tr);
                mc_pr_audit_free(&a);
                st = mc_error_set(err, MC_ENOMEM, "privacy: out of memory");
                break;
            }
            s->outcome = out;
            s->transcript = tr;
            s->profile = k;
            HASH_ADD_KEYPTR(hh, map, s->outcome, strlen(s->outcome), s);
        } else {
            if (strcmp(s->transcript, tr)) {
                mc_pr_params q;
                mc_pr_params_init(&q);
                mc_pr_params_copy(&q, &base);
                grid_profile(&base, s->profile, &q);
                clash = json_pack("{s:s,s:{s:o,s:s},s:{s:o,s:s}}", "outcome", out, "first",
                                  "tv", tv_json(&q), "transcript", s->transcript, "second",
                                  "tv", tv_json(&p), "transcript", tr);
                mc_pr_params_clear(&q);
            }
            free(out);
            free(tr);
        }
        mc_pr_audit_free(&a);
    }
    size_t distinct = HASH_COUNT(map);
    seen *s, *tmp;
    HASH_ITER(hh, map, s, tmp)
    {
        HASH_DEL(map, s);
        free(s->outcome);
        free(s->transcript);
        free(s);
    }
    if (st == MC_OK) {
        res->nodes = nodes;
        res->witness = json_pack("{s:o,s:I,s:I,s:I,s:I}", "instance", mc_pr_json_instance(&base),
                                 "grid_profiles", (json_int_t)total, "solved",
                                 (json_int_t)solved, "stopped_at_a_limit", (json_int_t)limited,
                                 "distinct_outcomes", (json_int_t)distinct);
        if (clash) {
            json_object_set_new(res->witness, "same_outcome_different_transcripts", clash);
            clash = NULL;
            mc_claim_result_set(res, MC_FAILS,
                                "two true-value profiles reach the same outcome through different "
                                "public transcripts");
        } else if (limited) {
            mc_claim_result_set(res, MC_UNDECIDED,
                                "%llu of %llu profiles stopped at a limit; on the others the "
                                "transcript is a function of the outcome",
                                (unsigned long long)limited, (unsigned long long)total);
        } else {
            mc_claim_result_set(res, MC_HOLDS,
                                "over all %llu true-value profiles with TV_j in 0..cap_k[j], the "
                                "SPE transcript is a function of the outcome (%zu distinct "
                                "outcomes)",
                                (unsigned long long)total, distinct);
        }
    }
    json_decref(clash);
    mc_pr_params_clear(&base);
    mc_pr_params_clear(&p);
    return st;
}

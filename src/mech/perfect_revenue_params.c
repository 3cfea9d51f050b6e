/* Instances of mechanism M: parameters, the default eps chain, validation
 * against the paper's constraints, and a plain-text rendering that every
 * report prints (caps included). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mech/perfect_revenue.h"

void mc_pr_params_init(mc_pr_params *p)
{
    memset(p, 0, sizeof *p);
    p->eps = MC_Q_ZERO;
    for (unsigned i = 0; i < MC_PR_MAX_N; i++)
        for (unsigned j = 0; j < MC_PR_MAX_N; j++)
            p->chain[i][j] = MC_Q_ZERO;
    snprintf(p->state_name[0], MC_PR_NAME, "bot");
}

void mc_pr_params_clear(mc_pr_params *p)
{
    mc_q_clear(&p->eps);
    for (unsigned i = 0; i < MC_PR_MAX_N; i++)
        mc_q_clear_vec(p->chain[i], MC_PR_MAX_N);
    memset(p, 0, sizeof *p);
}

void mc_pr_params_copy(mc_pr_params *dst, const mc_pr_params *src)
{
    mc_q eps = dst->eps;
    mc_q chain[MC_PR_MAX_N][MC_PR_MAX_N];
    memcpy(chain, dst->chain, sizeof chain);
    memcpy(dst, src, sizeof *dst);
    /* the rationals are deep-copied into dst's own storage */
    dst->eps = eps;
    memcpy(dst->chain, chain, sizeof chain);
    mc_q_set(&dst->eps, &src->eps);
    for (unsigned i = 0; i < MC_PR_MAX_N; i++)
        for (unsigned j = 0; j < MC_PR_MAX_N; j++)
            mc_q_set(&dst->chain[i][j], &src->chain[i][j]);
}

void mc_pr_chain_default(mc_pr_params *p)
{
    unsigned n = p->n;
    int64_t m = (int64_t)n * (n - 1);
    mc_q frac = MC_Q_ZERO;
    for (unsigned i = 0; i < MC_PR_MAX_N; i++)
        for (unsigned j = 0; j < MC_PR_MAX_N; j++)
            mc_q_set_i64(&p->chain[i][j], 0);
    for (unsigned i = 1; i < n; i++)
        for (unsigned j = 0; j < n; j++) {
            int64_t t = (int64_t)(i - 1) * n + j;
            mc_q_set_frac(&frac, m - t, m + 1);
            mc_q_mul(&p->chain[i][j], &p->eps, &frac);
        }
    mc_q_clear(&frac);
}

void mc_pr_params_simple(mc_pr_params *p, unsigned n, const int64_t *tv, uint32_t cap)
{
    mc_pr_params_clear(p);
    mc_pr_params_init(p);
    p->n = n;
    p->nstates = 2;
    snprintf(p->state_name[1], MC_PR_NAME, "w");
    for (unsigned j = 0; j < n; j++)
        p->tv[1][j] = tv ? tv[j] : 0;
    mc_agents_singletons(&p->agents, n);
    mc_q_set_frac(&p->eps, 1, 10 * (int64_t)n);
    mc_pr_chain_default(p);
    for (unsigned i = 0; i < n; i++) {
        p->cap_k[i] = cap;
        for (unsigned j = 0; j < n; j++)
            p->cap_d[i][j] = (i >= 1 && j != i) ? cap : 0;
    }
}

int64_t mc_pr_welfare(const mc_pr_params *p, unsigned omega)
{
    int64_t w = 0;
    for (unsigned j = 0; j < p->n; j++)
        w += p->tv[omega][j];
    return w;
}

int64_t mc_pr_msw(const mc_pr_params *p)
{
    return mc_pr_welfare(p, mc_pr_first_max_state(p));
}

unsigned mc_pr_first_max_state(const mc_pr_params *p)
{
    unsigned best = 0;
    for (unsigned w = 1; w < p->nstates; w++)
        if (mc_pr_welfare(p, w) > mc_pr_welfare(p, best))
            best = w;
    return best;
}

static mc_status check_chain(const mc_pr_params *p, mc_error *err)
{
    char a[64], b[64];
    mc_q bound = MC_Q_ZERO;
    mc_q_set_frac(&bound, 1, 5 * (int64_t)p->n);
    if (mc_q_cmp(&p->eps, &bound) >= 0 || mc_q_sgn(&p->eps) <= 0) {
        mc_q_snprint(a, sizeof a, &p->eps);
        mc_q_clear(&bound);
        return mc_error_set(err, MC_EINPUT,
                            "eps = %s violates 1/(5n) > eps > 0 (n = %u, 1/(5n) = 1/%u)", a, p->n,
                            5 * p->n);
    }
    mc_q_clear(&bound);
    const mc_q *prev = &p->eps;
    char prev_name[32] = "eps";
    for (unsigned i = 1; i < p->n; i++)
        for (unsigned j = 0; j < p->n; j++) {
            const mc_q *cur = &p->chain[i][j];
            if (mc_q_cmp(cur, prev) >= 0) {
                mc_q_snprint(a, sizeof a, cur);
                mc_q_snprint(b, sizeof b, prev);
                return mc_error_set(err, MC_EINPUT,
                                    "chain: eps^%u_%u = %s must be < %s = %s (the paper needs "
                                    "eps > eps^2_1 > ... > eps^n_n > 0)",
                                    i + 1, j + 1, a, prev_name, b);
            }
            prev = cur;
            snprintf(prev_name, sizeof prev_name, "eps^%u_%u", i + 1, j + 1);
        }
    if (mc_q_sgn(prev) <= 0) {
        mc_q_snprint(a, sizeof a, prev);
        return mc_error_set(err, MC_EINPUT, "chain: %s = %s must be > 0", prev_name, a);
    }
    return MC_OK;
}

mc_status mc_pr_params_validate(const mc_pr_params *p, mc_error *err)
{
    if (p->n < 2 || p->n > MC_PR_MAX_N)
        return mc_error_set(err, MC_EINPUT, "n = %u is out of range 2..%d", p->n, MC_PR_MAX_N);
    if (p->nstates < 2 || p->nstates > MC_PR_MAX_STATES)
        return mc_error_set(err, MC_EINPUT, "|Omega| = %u is out of range 2..%d (null state included)",
                            p->nstates, MC_PR_MAX_STATES);
    for (unsigned w = 0; w < p->nstates; w++) {
        if (!p->state_name[w][0] || !memchr(p->state_name[w], '\0', MC_PR_NAME))
            return mc_error_set(err, MC_EINPUT, "state %u has an empty or overlong name", w);
        for (const char *c = p->state_name[w]; *c; c++)
            if (*c <= ' ' || *c == '"' || *c == ',' || *c == ';' || *c == '(' || *c == ')')
                return mc_error_set(err, MC_EINPUT,
                                    "state name \"%s\": use letters, digits, '_' or '-'",
                                    p->state_name[w]);
        for (unsigned v = 0; v < w; v++)
            if (!strcmp(p->state_name[v], p->state_name[w]))
                return mc_error_set(err, MC_EINPUT, "state name \"%s\" appears twice",
                                    p->state_name[w]);
        for (unsigned j = 0; j < p->n; j++) {
            if (w == 0 && p->tv[0][j] != 0)
                return mc_error_set(err, MC_EINPUT, "TV_%u(null) = %lld must be 0", j + 1,
                                    (long long)p->tv[0][j]);
            if (p->tv[w][j] < 0 || p->tv[w][j] > MC_PR_MAX_TV)
                return mc_error_set(err, MC_EINPUT,
                                    "TV_%u(%s) = %lld must be an integer in 0..%d", j + 1,
                                    p->state_name[w], (long long)p->tv[w][j], MC_PR_MAX_TV);
        }
    }
    if (p->agents.nplayers != p->n || p->agents.nagents == 0 || p->agents.nagents > p->n)
        return mc_error_set(err, MC_EINPUT, "partition: not a partition of %u players", p->n);
    for (unsigned j = 0; j < p->n; j++)
        if (p->agents.agent_of[j] >= p->agents.nagents)
            return mc_error_set(err, MC_EINPUT, "partition: player %u has no block", j + 1);
    mc_status st = check_chain(p, err);
    if (st != MC_OK)
        return st;
    uint64_t root = p->nstates;
    for (unsigned j = 0; j < p->n; j++) {
        if (p->cap_k[j] > MC_PR_MAX_CAP)
            return mc_error_set(err, MC_EINPUT, "cap_k[%u] = %u exceeds %d", j + 1, p->cap_k[j],
                                MC_PR_MAX_CAP);
        root *= p->cap_k[j] + 1;
        if (root > MC_PR_MAX_ROOT)
            return mc_error_set(err, MC_EINPUT,
                                "caps: player 1 would have more than %u root actions",
                                MC_PR_MAX_ROOT);
    }
    for (unsigned i = 1; i < p->n; i++) {
        uint64_t k = 1;
        for (unsigned j = 0; j < p->n; j++) {
            if (j == i && p->cap_d[i][j] != 0)
                return mc_error_set(err, MC_EINPUT, "cap_d: Delta^%u_%u must have cap 0", i + 1,
                                    i + 1);
            if (p->cap_d[i][j] > MC_PR_MAX_CAP)
                return mc_error_set(err, MC_EINPUT, "cap_d for Delta^%u_%u = %u exceeds %d",
                                    i + 1, j + 1, p->cap_d[i][j], MC_PR_MAX_CAP);
            k *= p->cap_d[i][j] + 1;
            if (k > MC_PR_MAX_RAISE)
                return mc_error_set(err, MC_EINPUT,
                                    "caps: player %u would have more than %u raise actions", i + 1,
                                    MC_PR_MAX_RAISE);
        }
    }
    if (p->rank != MC_PR_RANK_MAIN && p->rank != MC_PR_RANK_STATE)
        return mc_error_set(err, MC_EINPUT, "rank: unknown f_r reading %d", (int)p->rank);
    if (p->leaf != MC_PR_LEAF_CLOSED && p->leaf != MC_PR_LEAF_CHANCE)
        return mc_error_set(err, MC_EINPUT, "leaves: unknown leaf mode %d", (int)p->leaf);
    return MC_OK;
}

/* ---- text ------------------------------------------------------------------ */

typedef struct {
    char *buf;
    size_t len, cap;
    bool oom;
} sbuf;

static void sb_printf(sbuf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(sbuf *s, const char *fmt, ...)
{
    if (s->oom)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(s->buf + s->len, s->cap - s->len, fmt, ap);
        va_end(ap);
        if (k < 0) {
            s->oom = true;
            return;
        }
        if ((size_t)k < s->cap - s->len) {
            s->len += (size_t)k;
            return;
        }
        size_t cap = s->cap * 2 + (size_t)k + 64;
        char *b = realloc(s->buf, cap);
        if (!b) {
            s->oom = true;
            return;
        }
        s->buf = b;
        s->cap = cap;
    }
}

static void sb_q(sbuf *s, const mc_q *q)
{
    char b[128];
    mc_q_snprint(b, sizeof b, q);
    sb_printf(s, "%s", b);
}

static bool caps_uniform_d(const mc_pr_params *p, uint32_t *v)
{
    *v = p->cap_d[1][0];
    for (unsigned i = 1; i < p->n; i++)
        for (unsigned j = 0; j < p->n; j++)
            if (j != i && p->cap_d[i][j] != *v)
                return false;
    return true;
}

char *mc_pr_params_text(const mc_pr_params *p)
{
    sbuf s = {.buf = malloc(256), .cap = 256};
    if (!s.buf)
        return NULL;
    s.buf[0] = '\0';
    sb_printf(&s, "n = %u; Omega = (", p->n);
    for (unsigned w = 0; w < p->nstates; w++)
        sb_printf(&s, "%s%s", w ? ", " : "", p->state_name[w]);
    sb_printf(&s, "); TV:");
    for (unsigned w = 1; w < p->nstates; w++) {
        sb_printf(&s, " %s = (", p->state_name[w]);
        for (unsigned j = 0; j < p->n; j++)
            sb_printf(&s, "%s%lld", j ? "," : "", (long long)p->tv[w][j]);
        sb_printf(&s, ")");
    }
    sb_printf(&s, "; partition = ");
    for (unsigned a = 0; a < p->agents.nagents; a++) {
        unsigned m[MC_MAX_PLAYERS];
        unsigned k = mc_agents_members(&p->agents, a, m);
        sb_printf(&s, "%s{", a ? "," : "");
        for (unsigned t = 0; t < k; t++)
            sb_printf(&s, "%s%u", t ? "," : "", m[t] + 1);
        sb_printf(&s, "}");
    }
    sb_printf(&s, "; eps = ");
    sb_q(&s, &p->eps);
    sb_printf(&s, "; chain eps^2_1..eps^%u_%u = (", p->n, p->n);
    for (unsigned i = 1; i < p->n; i++)
        for (unsigned j = 0; j < p->n; j++) {
            if (i > 1 || j > 0)
                sb_printf(&s, ", ");
            sb_q(&s, &p->chain[i][j]);
        }
    sb_printf(&s, "); caps: K1 <= (");
    for (unsigned j = 0; j < p->n; j++)
        sb_printf(&s, "%s%u", j ? "," : "", p->cap_k[j]);
    uint32_t d;
    if (caps_uniform_d(p, &d)) {
        sb_printf(&s, "), every Delta^i_j <= %u", d);
    } else {
        sb_printf(&s, "), Delta caps by raiser:");
        for (unsigned i = 1; i < p->n; i++) {
            sb_printf(&s, " %u:(", i + 1);
            for (unsigned j = 0; j < p->n; j++) {
                if (j == i)
                    sb_printf(&s, "%s_", j ? "," : "");
                else
                    sb_printf(&s, "%s%u", j ? "," : "", p->cap_d[i][j]);
            }
            sb_printf(&s, ")");
        }
    }
    sb_printf(&s, "; f_r reading: %s; leaves: %s",
              p->rank == MC_PR_RANK_MAIN ? "main (rank of (omega*,K1) among price compositions)"
                                         : "state index (f = idx(omega*), n_r = |Omega|)",
              p->leaf == MC_PR_LEAF_CLOSED ? "closed-form expectations" : "explicit coins");
    if (s.oom) {
        free(s.buf);
        return NULL;
    }
    return s.buf;
}

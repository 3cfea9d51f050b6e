/* Dominance by a mixed strategy, decided by an exact LP (mc_lp_solve:
 * GLPK proposes, a rational certificate decides), and the independent
 * re-check of a mixed witness.  The LPs are stated in dominance.h. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mechcheck/dominance.h"
#include "solve/sform_internal.h"

/* Entries of the difference matrix d(t, tau) one LP may hold. */
#define MIXED_MAX_ENTRIES (UINT64_C(1) << 26)

void mc_dom_mixture_free(mc_dom_mixture *m)
{
    if (m->prob)
        mc_q_clear_vec(m->prob, m->n);
    free(m->prob);
    free(m->strategy);
    memset(m, 0, sizeof *m);
}

static mc_status mixture_alloc(mc_dom_mixture *m, uint32_t n, mc_error *err)
{
    memset(m, 0, sizeof *m);
    if (n == 0)
        return MC_OK;
    m->strategy = malloc(n * sizeof *m->strategy);
    m->prob = malloc(n * sizeof *m->prob);
    if (!m->strategy || !m->prob) {
        free(m->strategy);
        free(m->prob);
        memset(m, 0, sizeof *m);
        return mc_error_set(err, MC_ENOMEM, "mixed dominance: out of memory for a mixture");
    }
    mc_q_init_vec(m->prob, n);
    m->n = n;
    return MC_OK;
}

mc_status mc_dom_mixture_copy(mc_dom_mixture *dst, const mc_dom_mixture *src, mc_error *err)
{
    mc_status st = mixture_alloc(dst, src->n, err);
    if (st != MC_OK)
        return st;
    for (uint32_t i = 0; i < src->n; i++) {
        dst->strategy[i] = src->strategy[i];
        mc_q_set(&dst->prob[i], &src->prob[i]);
    }
    return MC_OK;
}

void mc_dom_lp_init(mc_dom_lp *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    mc_lp_options_default(&ctx->lp);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The surviving profiles of the others, as bases (profile of (t, tau_m) is
 * base[m] + t * stride[agent]); malloc'd. */
static mc_status others(const mc_sform *sf, const mc_survivors *sv, unsigned agent,
                        uint64_t **base, uint64_t *k, mc_error *err)
{
    uint64_t ntau = sf->nprofiles / sf->nstrategies[agent];
    *base = malloc((ntau ? ntau : 1) * sizeof **base);
    if (!*base)
        return mc_error_set(err, MC_ENOMEM, "mixed dominance: out of memory for %" PRIu64
                                            " profiles", ntau);
    *k = mc_sform_others(sf, sv, agent, *base, NULL);
    return MC_OK;
}

static mc_status check_args(const mc_sform *sf, const mc_survivors *sv, mc_dom_notion notion,
                            unsigned agent, uint32_t s, const char *who, mc_error *err)
{
    if (notion == MC_DOM_DISTINGUISHABLE)
        return mc_error_set(err, MC_EUNSUPPORTED,
                            "%s: distinguishable dominance is pure against pure (spec 001 Def 8)",
                            who);
    if ((unsigned)notion > MC_DOM_DISTINGUISHABLE)
        return mc_error_set(err, MC_EINPUT, "%s: unknown notion %d", who, (int)notion);
    if (agent >= sf->nagents || sv->nagents != sf->nagents || s >= sf->nstrategies[agent] ||
        sv->nstrategies[agent] != sf->nstrategies[agent] || !mc_survivors_has(sv, agent, s))
        return mc_error_set(err, MC_EINPUT,
                            "%s: agent %u strategy %" PRIu32 " is not a surviving strategy", who,
                            agent + 1, s + 1);
    return MC_OK;
}

/* ---- the independent re-check ------------------------------------------------ */

mc_status mc_dom_mixture_check(const mc_sform *sf, const mc_survivors *sv, mc_dom_notion notion,
                               unsigned agent, uint32_t s, const mc_dom_mixture *mix,
                               bool *dominated, mc_error *err)
{
    *dominated = false;
    mc_status st = check_args(sf, sv, notion, agent, s, "mixture check", err);
    if (st != MC_OK)
        return st;
    if (mix->n == 0)
        return mc_error_set(err, MC_EINPUT, "mixture check: agent %u: empty mixture", agent + 1);
    mc_q sum = MC_Q_ZERO, v = MC_Q_ZERO;
    for (uint32_t i = 0; i < mix->n && st == MC_OK; i++) {
        uint32_t t = mix->strategy[i];
        if (t >= sf->nstrategies[agent] || t == s || !mc_survivors_has(sv, agent, t) ||
            (i > 0 && t <= mix->strategy[i - 1]))
            st = mc_error_set(err, MC_EINPUT,
                              "mixture check: agent %u: entry %" PRIu32 " (strategy %" PRIu32
                              ") is not a surviving strategy other than %" PRIu32
                              " in ascending order",
                              agent + 1, i + 1, t + 1, s + 1);
        else if (mc_q_sgn(&mix->prob[i]) <= 0)
            st = mc_error_set(err, MC_EINPUT,
                              "mixture check: agent %u: the weight of strategy %" PRIu32
                              " is not positive",
                              agent + 1, t + 1);
        else
            mc_q_add(&sum, &sum, &mix->prob[i]);
    }
    mc_q one = MC_Q_INT(1);
    if (st == MC_OK && !mc_q_eq(&sum, &one))
        st = mc_error_set(err, MC_EINPUT, "mixture check: agent %u: the weights do not sum to 1",
                          agent + 1);
    uint64_t *base = NULL, k = 0;
    if (st == MC_OK)
        st = others(sf, sv, agent, &base, &k, err);
    bool somewhere = false, everywhere = true;
    uint64_t stride = sf->stride[agent];
    for (uint64_t m = 0; st == MC_OK && m < k && everywhere; m++) {
        mc_q_set_i64(&v, 0);
        for (uint32_t i = 0; i < mix->n; i++)
            mc_q_addmul(&v, &mix->prob[i],
                        mc_sform_payoff(sf, base[m] + mix->strategy[i] * stride, agent));
        int c = mc_q_cmp(&v, mc_sform_payoff(sf, base[m] + s * stride, agent));
        if (notion == MC_DOM_STRICT ? c <= 0 : c < 0)
            everywhere = false;
        somewhere |= c > 0;
    }
    if (st == MC_OK)
        *dominated = everywhere && somewhere && k > 0;
    free(base);
    mc_q_clear(&sum);
    mc_q_clear(&v);
    return st;
}

/* ---- the LP --------------------------------------------------------------------- */

typedef struct mixed_lp {
    uint32_t m;        /* other survivors of the agent: the columns sigma_t */
    uint32_t *alt;     /* their strategy numbers */
    uint64_t k;        /* surviving profiles tau of the others: the rows */
    mc_q *d;           /* d[tau * m + j] = u(alt[j], tau) - u(s, tau) */
} mixed_lp;

static void mixed_lp_free(mixed_lp *p)
{
    if (p->d)
        mc_q_clear_vec(p->d, p->k * p->m);
    free(p->d);
    free(p->alt);
    memset(p, 0, sizeof *p);
}

static mc_status mixed_lp_build(mixed_lp *p, const mc_sform *sf, const mc_survivors *sv,
                                unsigned agent, uint32_t s, mc_error *err)
{
    memset(p, 0, sizeof *p);
    uint64_t *base = NULL;
    mc_status st = others(sf, sv, agent, &base, &p->k, err);
    if (st != MC_OK)
        return st;
    p->alt = malloc(sv->count[agent] * sizeof *p->alt);
    if (!p->alt) {
        free(base);
        return mc_error_set(err, MC_ENOMEM, "mixed dominance: out of memory");
    }
    for (uint32_t t = mc_sv_next(sf, sv, agent, 0); t < sf->nstrategies[agent];
         t = mc_sv_next(sf, sv, agent, t + 1))
        if (t != s)
            p->alt[p->m++] = t;
    if (p->k * p->m > MIXED_MAX_ENTRIES) {
        free(base);
        return mc_error_set(err, MC_ELIMIT,
                            "mixed dominance: agent %u: an LP with %" PRIu64 " x %" PRIu32
                            " payoff differences is beyond the limit of %" PRIu64,
                            agent + 1, p->k, p->m, MIXED_MAX_ENTRIES);
    }
    uint64_t entries = p->k * p->m;
    p->d = malloc((entries > 0 ? entries : 1) * sizeof *p->d);
    if (!p->d) {
        free(base);
        return mc_error_set(err, MC_ENOMEM, "mixed dominance: out of memory for %" PRIu64
                                            " payoff differences",
                            p->k * p->m);
    }
    mc_q_init_vec(p->d, p->k * p->m);
    uint64_t stride = sf->stride[agent];
    for (uint64_t m = 0; m < p->k; m++) {
        const mc_q *us = mc_sform_payoff(sf, base[m] + s * stride, agent);
        for (uint32_t j = 0; j < p->m; j++)
            mc_q_sub(&p->d[m * p->m + j], mc_sform_payoff(sf, base[m] + p->alt[j] * stride, agent),
                     us);
    }
    free(base);
    return MC_OK;
}

/* Exact tests on the pure payoffs that rule domination out (see
 * dominance.h); true when no LP is needed. */
static bool ruled_out(const mixed_lp *p, mc_dom_notion notion)
{
    bool any_better = false;
    for (uint64_t m = 0; m < p->k; m++) {
        const mc_q *row = p->d + m * p->m;
        int best = -1; /* sign of max_j d(j, tau) */
        for (uint32_t j = 0; j < p->m && best <= 0; j++) {
            int c = mc_q_sgn(&row[j]);
            best = c > best ? c : best;
        }
        if (notion == MC_DOM_STRICT ? best <= 0 : best < 0)
            return true;
        any_better |= best > 0;
    }
    return notion == MC_DOM_WEAK && !any_better;
}

/* Columns sigma_0..sigma_{m-1} (>= 0), then eps (free) for STRICT; rows
 * tau: sum_j d(j,tau) sigma_j [- eps] >= 0; row sum: sum sigma = 1. */
static mc_status mixed_lp_model(const mixed_lp *p, mc_dom_notion notion, mc_lp *lp, mc_error *err)
{
    mc_q zero = MC_Q_ZERO, one = MC_Q_INT(1), minus = MC_Q_INT(-1), c = MC_Q_ZERO;
    uint32_t *idx = malloc((p->m + 1) * sizeof *idx);
    mc_q *coef = malloc((p->m + 1) * sizeof *coef);
    mc_status st = MC_OK;
    if (!idx || !coef)
        st = mc_error_set(err, MC_ENOMEM, "mixed dominance: out of memory for the LP");
    for (uint32_t j = 0; j < p->m && st == MC_OK; j++) {
        const mc_q *obj = NULL;
        if (notion == MC_DOM_WEAK) { /* the slacks substituted: sum_tau d(j, tau) */
            mc_q_set_i64(&c, 0);
            for (uint64_t m = 0; m < p->k; m++)
                mc_q_add(&c, &c, &p->d[m * p->m + j]);
            obj = &c;
        }
        st = mc_lp_add_col(lp, MC_LP_LOWER, &zero, NULL, obj, NULL, err);
    }
    if (st == MC_OK && notion == MC_DOM_STRICT)
        st = mc_lp_add_col(lp, MC_LP_FREE, NULL, NULL, &one, "eps", err);
    /* coef holds shallow copies of d's entries, read only */
    for (uint64_t m = 0; m < p->k && st == MC_OK; m++) {
        size_t len = 0;
        for (uint32_t j = 0; j < p->m; j++) {
            if (mc_q_is_zero(&p->d[m * p->m + j]))
                continue;
            idx[len] = j;
            coef[len++] = p->d[m * p->m + j];
        }
        if (notion == MC_DOM_STRICT) {
            idx[len] = p->m;
            coef[len++] = minus;
        }
        st = mc_lp_add_row(lp, MC_LP_LOWER, &zero, NULL, len, idx, coef, NULL, err);
    }
    if (st == MC_OK) {
        for (uint32_t j = 0; j < p->m; j++) {
            idx[j] = j;
            coef[j] = one;
        }
        st = mc_lp_add_row(lp, MC_LP_FIXED, &one, &one, p->m, idx, coef, "sum", err);
    }
    mc_q_clear(&c);
    free(idx);
    free(coef);
    return st;
}

/* The LP's sigma without its zero weights. */
static mc_status mixture_of(const mixed_lp *p, const mc_q *x, mc_dom_mixture *mix, mc_error *err)
{
    uint32_t n = 0;
    for (uint32_t j = 0; j < p->m; j++)
        n += mc_q_sgn(&x[j]) != 0;
    mc_status st = mixture_alloc(mix, n, err);
    if (st != MC_OK)
        return st;
    n = 0;
    for (uint32_t j = 0; j < p->m; j++)
        if (mc_q_sgn(&x[j]) != 0) {
            mix->strategy[n] = p->alt[j];
            mc_q_set(&mix->prob[n++], &x[j]);
        }
    return MC_OK;
}

/* Runs the LP and decides from its certified status only. */
static mc_status solve_and_decide(const mixed_lp *p, const mc_sform *sf, const mc_survivors *sv,
                                  mc_dom_notion notion, unsigned agent, uint32_t s,
                                  const mc_lp_options *opt, bool *dominated,
                                  mc_dom_mixture *mixture, mc_error *err)
{
    mc_lp lp;
    mc_lp_init(&lp, MC_LP_MAX);
    mc_lp_result res;
    mc_lp_result_init(&res);
    mc_dom_mixture mix = {0};
    mc_status st = mixed_lp_model(p, notion, &lp, err);
    if (st == MC_OK) {
        st = mc_lp_solve(&lp, opt, &res, err);
        if (st != MC_OK)
            st = mc_error_prefix(err, st,
                                 "mixed %s dominance of agent %u strategy %" PRIu32 ": undecided: ",
                                 mc_dom_notion_name(notion), agent + 1, s + 1);
    }
    if (st == MC_OK) {
        if (res.status == MC_LP_OPTIMAL_CERTIFIED) {
            *dominated = mc_q_sgn(&res.value) > 0;
        } else if (res.status == MC_LP_INFEASIBLE_CERTIFIED && notion == MC_DOM_WEAK) {
            *dominated = false; /* no mixture is >= s everywhere */
        } else {
            st = mc_error_set(err, MC_ELIMIT,
                              "mixed %s dominance of agent %u strategy %" PRIu32
                              ": undecided: the LP ended %s%s%s",
                              mc_dom_notion_name(notion), agent + 1, s + 1,
                              mc_lp_status_name(res.status), res.note[0] ? ": " : "", res.note);
        }
    }
    if (st == MC_OK && *dominated) {
        /* the certificate proved it; the witness is re-checked all the same */
        bool confirmed = false;
        st = mixture_of(p, res.x, &mix, err);
        if (st == MC_OK)
            st = mc_dom_mixture_check(sf, sv, notion, agent, s, &mix, &confirmed, err);
        if (st == MC_OK && !confirmed)
            st = mc_error_set(err, MC_EINTERNAL,
                              "mixed %s dominance of agent %u strategy %" PRIu32
                              ": the certified LP optimum's mixture fails the direct check",
                              mc_dom_notion_name(notion), agent + 1, s + 1);
        if (st == MC_OK && mixture) {
            *mixture = mix;
            mix = (mc_dom_mixture){0};
        }
    }
    if (st != MC_OK)
        *dominated = false;
    mc_dom_mixture_free(&mix);
    mc_lp_result_free(&res);
    mc_lp_free(&lp);
    return st;
}

mc_status mc_dom_mixed_lp(void *ctx, const mc_sform *sf, const mc_survivors *sv,
                          mc_dom_notion notion, unsigned agent, uint32_t s, bool *dominated,
                          mc_dom_mixture *mixture, mc_error *err)
{
    double t0 = now_seconds();
    mc_dom_lp defaults, *c = ctx;
    if (!c) {
        mc_dom_lp_init(&defaults);
        c = &defaults;
    }
    *dominated = false;
    c->asked++;
    mc_status st = check_args(sf, sv, notion, agent, s, "mixed dominance", err);
    if (st != MC_OK)
        return st;
    mixed_lp p;
    st = mixed_lp_build(&p, sf, sv, agent, s, err);
    if (st == MC_OK) {
        if (p.m == 0 || ruled_out(&p, notion)) {
            c->pretested++;
        } else {
            c->lps++;
            st = solve_and_decide(&p, sf, sv, notion, agent, s, &c->lp, dominated, mixture, err);
            c->dominated += *dominated;
        }
    }
    mixed_lp_free(&p);
    c->seconds += now_seconds() - t0;
    return st;
}

/* Decision policies: the efficient one by dynamic programming (spec 3.1)
 * with an explicit tie-break, or any given one; the continuation values
 * F^j_t under the policy; the support of the truthful process; and the
 * subset values V^S used by the pivot mechanism. */
#include <stdlib.h>
#include <string.h>

#include "mech/gum.h"

void mc_gum_policy_free(mc_gum_policy *p)
{
    const mc_gum_env *e = p->env;
    if (e)
        for (unsigned t = 0; t <= e->T; t++) {
            free(p->chi[t]);
            free(p->argmax[t]);
            free(p->support[t]);
            mc_gum_qvec_free(p->V[t], e->nstates[t]);
            mc_gum_qvec_free(p->F[t], e->nstates[t] * e->n);
        }
    mc_q_clear(&p->W);
    mc_q_clear(&p->welfare);
    memset(p, 0, sizeof *p);
}

static mc_status alloc_policy(mc_gum_policy *p, const mc_gum_env *e, mc_error *err)
{
    memset(p, 0, sizeof *p);
    p->env = e;
    p->W = MC_Q_ZERO;
    p->welfare = MC_Q_ZERO;
    for (unsigned t = 0; t <= e->T; t++) {
        size_t ns = e->nstates[t];
        p->chi[t] = calloc(ns, sizeof *p->chi[t]);
        p->argmax[t] = calloc(ns, sizeof *p->argmax[t]);
        p->support[t] = calloc(ns, sizeof *p->support[t]);
        p->V[t] = mc_gum_qvec_new(ns);
        p->F[t] = mc_gum_qvec_new(ns * e->n);
        if (!p->chi[t] || !p->argmax[t] || !p->support[t] || !p->V[t] || !p->F[t]) {
            mc_gum_policy_free(p);
            return mc_error_set(err, MC_ENOMEM, "policy: out of memory");
        }
    }
    return MC_OK;
}

/* Scratch for expectations into period t+1 with nv values per state. */
typedef struct exp_scratch {
    mc_q *out, *tmp;
    size_t cap;
} exp_scratch;

static mc_status scratch_reserve(exp_scratch *s, size_t n, mc_error *err)
{
    if (n <= s->cap)
        return MC_OK;
    mc_gum_qvec_free(s->out, s->cap);
    mc_gum_qvec_free(s->tmp, 2 * s->cap);
    s->out = mc_gum_qvec_new(n);
    s->tmp = mc_gum_qvec_new(2 * n);
    s->cap = n;
    if (!s->out || !s->tmp) {
        mc_gum_qvec_free(s->out, n);
        mc_gum_qvec_free(s->tmp, 2 * n);
        memset(s, 0, sizeof *s);
        return mc_error_set(err, MC_ENOMEM, "policy: out of memory");
    }
    return MC_OK;
}

static void scratch_free(exp_scratch *s)
{
    mc_gum_qvec_free(s->out, s->cap);
    mc_gum_qvec_free(s->tmp, 2 * s->cap);
    memset(s, 0, sizeof *s);
}

/* E[f(theta_{t+1}) | theta_t = th, x] for the nv-valued table f over
 * Theta_{t+1}; the result is in s->out[0..nv). */
static void expect_next(const mc_gum_env *e, unsigned t, const uint32_t *th, uint32_t x,
                        const mc_q *f, unsigned nv, exp_scratch *s)
{
    const mc_q *w[MC_GUM_MAX_COMP];
    mc_gum_next_weights(e, t + 1, th, x, w);
    mc_gum_contract(e, t + 1, f, nv, w, s->out, s->tmp);
}

/* Efficient values V and argmax sets (members of mask only when mask != 0
 * is given; V^S of the pivot mechanism). */
static mc_status solve_values(const mc_gum_env *e, uint32_t mask, mc_q **V, uint64_t **argmax,
                              mc_error *err)
{
    exp_scratch s = {0};
    mc_status st = scratch_reserve(&s, e->nstates[e->T] + 1, err);
    mc_q val = MC_Q_ZERO, best = MC_Q_ZERO;
    uint32_t th[MC_GUM_MAX_COMP];
    for (int t = (int)e->T; t >= 0 && st == MC_OK; t--) {
        if (t < (int)e->T)
            st = scratch_reserve(&s, e->nstates[t + 1], err);
        for (uint64_t k = 0; k < e->nstates[t] && st == MC_OK; k++) {
            mc_gum_state_decode(e, (unsigned)t, k, th);
            uint64_t am = 0;
            for (uint32_t x = 0; x < e->nx[t]; x++) {
                mc_q_set_i64(&val, 0);
                for (unsigned i = 1; i <= e->n; i++)
                    if (!mask || (mask >> (i - 1)) & 1u)
                        mc_q_add(&val, &val, &mc_gum_pay(e, (unsigned)t, i, th[i])[x]);
                if (t < (int)e->T) {
                    expect_next(e, (unsigned)t, th, x, V[t + 1], 1, &s);
                    mc_q_add(&val, &val, &s.out[0]);
                }
                int cmp = x == 0 ? 1 : mc_q_cmp(&val, &best);
                if (cmp > 0) {
                    mc_q_set(&best, &val);
                    am = UINT64_C(1) << x;
                } else if (cmp == 0) {
                    am |= UINT64_C(1) << x;
                }
            }
            mc_q_set(&V[t][k], &best);
            if (argmax)
                argmax[t][k] = am;
        }
    }
    mc_q_clear(&val);
    mc_q_clear(&best);
    scratch_free(&s);
    return st;
}

/* F under chi, the support, welfare and uniqueness flags. */
static mc_status finish_policy(mc_gum_policy *p, mc_error *err)
{
    const mc_gum_env *e = p->env;
    unsigned n = e->n;
    exp_scratch s = {0};
    mc_status st = MC_OK;
    uint32_t th[MC_GUM_MAX_COMP];
    p->efficient = true;
    p->unique_all = true;
    p->tied_states = 0;
    for (int t = (int)e->T; t >= 0 && st == MC_OK; t--) {
        if (t < (int)e->T)
            st = scratch_reserve(&s, e->nstates[t + 1] * n, err);
        for (uint64_t k = 0; k < e->nstates[t] && st == MC_OK; k++) {
            mc_gum_state_decode(e, (unsigned)t, k, th);
            uint32_t x = p->chi[t][k];
            if (!((p->argmax[t][k] >> x) & 1u))
                p->efficient = false;
            if (__builtin_popcountll(p->argmax[t][k]) > 1) {
                p->unique_all = false;
                p->tied_states++;
            }
            mc_q *F = &p->F[t][k * n];
            if (t < (int)e->T) {
                expect_next(e, (unsigned)t, th, x, p->F[t + 1], n, &s);
                for (unsigned j = 0; j < n; j++)
                    mc_q_set(&F[j], &s.out[j]);
            } else {
                for (unsigned j = 0; j < n; j++)
                    mc_q_set_i64(&F[j], 0);
            }
            for (unsigned j = 1; j <= n; j++)
                mc_q_add(&F[j - 1], &F[j - 1], &mc_gum_pay(e, (unsigned)t, j, th[j])[x]);
        }
    }
    scratch_free(&s);
    if (st != MC_OK)
        return st;
    uint64_t root = mc_gum_state_index(e, 0, e->init);
    mc_q_set(&p->W, &p->V[0][root]);
    mc_q_set_i64(&p->welfare, 0);
    for (unsigned j = 0; j < n; j++)
        mc_q_add(&p->welfare, &p->welfare, &p->F[0][root * n + j]);
    /* support of the truthful process under chi */
    p->support[0][root] = true;
    uint32_t nxt[MC_GUM_MAX_COMP];
    for (unsigned t = 0; t < e->T; t++)
        for (uint64_t k = 0; k < e->nstates[t]; k++) {
            if (!p->support[t][k])
                continue;
            mc_gum_state_decode(e, t, k, th);
            const mc_q *w[MC_GUM_MAX_COMP];
            mc_gum_next_weights(e, t + 1, th, p->chi[t][k], w);
            for (uint64_t m = 0; m < e->nstates[t + 1]; m++) {
                mc_gum_state_decode(e, t + 1, m, nxt);
                bool pos = true;
                for (unsigned c = 0; c <= n && pos; c++)
                    pos = mc_q_sgn(&w[c][nxt[c]]) > 0;
                if (pos)
                    p->support[t + 1][m] = true;
            }
        }
    p->unique_support = true;
    for (unsigned t = 0; t <= e->T; t++)
        for (uint64_t k = 0; k < e->nstates[t]; k++)
            if (p->support[t][k] && __builtin_popcountll(p->argmax[t][k]) > 1)
                p->unique_support = false;
    return MC_OK;
}

mc_status mc_gum_policy_efficient(mc_gum_policy *p, const mc_gum_env *e, mc_gum_tie tie,
                                  mc_error *err)
{
    mc_status st = alloc_policy(p, e, err);
    if (st != MC_OK)
        return st;
    if ((st = solve_values(e, 0, p->V, p->argmax, err)) != MC_OK)
        goto fail;
    for (unsigned t = 0; t <= e->T; t++)
        for (uint64_t k = 0; k < e->nstates[t]; k++) {
            uint64_t am = p->argmax[t][k];
            p->chi[t][k] = tie == MC_GUM_TIE_FIRST ? (uint32_t)__builtin_ctzll(am)
                                                   : (uint32_t)(63 - __builtin_clzll(am));
        }
    if ((st = finish_policy(p, err)) != MC_OK)
        goto fail;
    return MC_OK;
fail:
    mc_gum_policy_free(p);
    return st;
}

mc_status mc_gum_policy_given(mc_gum_policy *p, const mc_gum_env *e, const uint32_t *const *chi,
                              mc_error *err)
{
    mc_status st = alloc_policy(p, e, err);
    if (st != MC_OK)
        return st;
    for (unsigned t = 0; t <= e->T; t++)
        for (uint64_t k = 0; k < e->nstates[t]; k++) {
            if (chi[t][k] >= e->nx[t]) {
                mc_gum_policy_free(p);
                return mc_error_set(err, MC_EINPUT,
                                    "policy: decision %u at period %u, state %llu is out of range",
                                    (unsigned)chi[t][k], t, (unsigned long long)k);
            }
            p->chi[t][k] = chi[t][k];
        }
    if ((st = solve_values(e, 0, p->V, p->argmax, err)) != MC_OK ||
        (st = finish_policy(p, err)) != MC_OK) {
        mc_gum_policy_free(p);
        return st;
    }
    return MC_OK;
}

mc_status mc_gum_value_subset(const mc_gum_env *e, uint32_t mask, mc_q **out, mc_error *err)
{
    for (unsigned t = 0; t <= e->T; t++)
        out[t] = NULL;
    for (unsigned t = 0; t <= e->T; t++)
        if (!(out[t] = mc_gum_qvec_new(e->nstates[t]))) {
            mc_gum_value_free(e, out);
            return mc_error_set(err, MC_ENOMEM, "policy: out of memory");
        }
    if (mask == 0) {
        /* the empty set: every value is 0 (mask 0 would mean "all" below) */
        return MC_OK;
    }
    mc_status st = solve_values(e, mask, out, NULL, err);
    if (st != MC_OK)
        mc_gum_value_free(e, out);
    return st;
}

void mc_gum_value_free(const mc_gum_env *e, mc_q **v)
{
    for (unsigned t = 0; t <= e->T; t++) {
        mc_gum_qvec_free(v[t], e->nstates[t]);
        v[t] = NULL;
    }
}

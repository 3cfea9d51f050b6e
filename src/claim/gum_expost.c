/* Period ex-post incentive compatibility (spec 2.9, Table 1's "robustness
 * to observing same-period types"): after every truthful history and for
 * every full current type profile theta_t, the gain of agent i from
 * reporting another type at t, everyone truthful afterwards and the others
 * truthful at t:
 *   value(r) = u^i_t(theta^i_t, chi_t(p)) + y^i_t(theta_{t-1}, p) + H(p, theta_t),
 *   H(p, theta) = E_{theta' ~ mu(theta, chi_t(p))}[u^i_{t+1} + y^i_{t+1}(p, theta') + G_{t+1}(theta')],
 *   G_s(theta) = E_{theta' ~ mu(theta, chi_s(theta))}[u^i_{s+1} + y^i_{s+1}(theta, theta') + G_{s+1}(theta')],
 * where p is theta_t with i's report r.  Truthful histories matter only
 * through theta_{t-1} (Markov types, transfers of (t-1, t) reports), so
 * every reachable theta_{t-1} is covered. */
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

/* Sum over theta' in Theta_{t+1} of mu(theta' | theta, x) * f(theta') for
 * the n-vector valued f given by a callback. */
typedef void (*next_fn)(void *ctx, uint64_t next, mc_q *acc, const mc_q *prob);

static void expect(const mc_gum_env *e, unsigned t, const uint32_t *th, uint32_t x, next_fn f,
                   void *ctx, mc_q *acc)
{
    const mc_q *w[MC_GUM_MAX_COMP];
    mc_gum_next_weights(e, t + 1, th, x, w);
    uint32_t nt[MC_GUM_MAX_COMP];
    mc_q p = MC_Q_ZERO;
    for (uint64_t k = 0; k < e->nstates[t + 1]; k++) {
        mc_gum_state_decode(e, t + 1, k, nt);
        mc_q_set_i64(&p, 1);
        for (unsigned c = 0; c <= e->n && !mc_q_is_zero(&p); c++)
            mc_q_mul(&p, &p, &w[c][nt[c]]);
        if (!mc_q_is_zero(&p))
            f(ctx, k, acc, &p);
    }
    mc_q_clear(&p);
}

typedef struct step_ctx {
    const mc_gum_setup *s;
    unsigned t;           /* the period of the reports prev */
    uint64_t prev;        /* reports at t */
    mc_q *const *G;       /* G[t+1] */
    mc_q *tmp;
} step_ctx;

/* acc += prob * (u_{t+1}(theta') + y_{t+1}(prev, theta') + G_{t+1}(theta')) */
static void step(void *vctx, uint64_t next, mc_q *acc, const mc_q *prob)
{
    step_ctx *c = vctx;
    const mc_gum_env *e = &c->s->env;
    unsigned n = e->n, t1 = c->t + 1;
    uint32_t th[MC_GUM_MAX_COMP];
    mc_gum_state_decode(e, t1, next, th);
    uint32_t x = c->s->pol.chi[t1][next];
    const mc_q *y = mc_gum_y(&c->s->mechs[0], t1, c->prev, next);
    for (unsigned i = 0; i < n; i++) {
        mc_q_add(c->tmp, &mc_gum_pay(e, t1, i + 1, th[i + 1])[x], &y[i]);
        if (c->G[t1])
            mc_q_add(c->tmp, c->tmp, &c->G[t1][next * n + i]);
        mc_q_addmul(&acc[i], prob, c->tmp);
    }
}

mc_status mc_gum_expost_ic(const mc_gum_setup *s, mc_q *gain, json_t **rows, mc_error *err)
{
    const mc_gum_env *e = &s->env;
    unsigned n = e->n, T = e->T;
    mc_q *G[MC_GUM_MAX_T + 2];
    memset(G, 0, sizeof G);
    mc_q tmp = MC_Q_ZERO;
    mc_status st = MC_OK;
    /* G_s for s = T-1 .. 1 (G_T = 0: NULL) */
    for (unsigned sp = T; sp-- > 1;) {
        if (!(G[sp] = malloc(e->nstates[sp] * n * sizeof *G[sp])))
            return mc_error_set(err, MC_ENOMEM, "ex-post IC: out of memory");
        mc_q_init_vec(G[sp], e->nstates[sp] * n);
        uint32_t th[MC_GUM_MAX_COMP];
        for (uint64_t k = 0; k < e->nstates[sp]; k++) {
            mc_gum_state_decode(e, sp, k, th);
            step_ctx c = {s, sp, k, G, &tmp};
            expect(e, sp, th, s->pol.chi[sp][k], step, &c, &G[sp][k * n]);
        }
    }
    *rows = json_array();
    for (unsigned k = 0; k < (T + 1) * n; k++)
        mc_q_set_i64(&gain[k], 0);
    mc_q *val = malloc(n * sizeof *val), best = MC_Q_ZERO, vt = MC_Q_ZERO, g = MC_Q_ZERO;
    mc_q_init_vec(val, n);
    uint32_t pth[MC_GUM_MAX_COMP], cth[MC_GUM_MAX_COMP], rep[MC_GUM_MAX_COMP];
    for (unsigned t = 1; t <= T; t++)
        for (uint64_t p = 0; p < e->nstates[t - 1]; p++) {
            if (!s->pol.support[t - 1][p])
                continue;
            mc_gum_state_decode(e, t - 1, p, pth);
            const mc_q *w[MC_GUM_MAX_COMP];
            mc_gum_next_weights(e, t, pth, s->pol.chi[t - 1][p], w);
            for (uint64_t c = 0; c < e->nstates[t]; c++) {
                mc_gum_state_decode(e, t, c, cth);
                bool pos = true;
                for (unsigned k = 0; k <= n && pos; k++)
                    pos = mc_q_sgn(&w[k][cth[k]]) > 0;
                if (!pos)
                    continue;
                for (unsigned i = 1; i <= n; i++) {
                    bool first = true;
                    for (uint32_t r = 0; r < e->ntypes[t][i]; r++) {
                        memcpy(rep, cth, sizeof rep);
                        rep[i] = r;
                        uint64_t pc = mc_gum_state_index(e, t, rep);
                        uint32_t x = s->pol.chi[t][pc];
                        for (unsigned j = 0; j < n; j++)
                            mc_q_set_i64(&val[j], 0);
                        if (t < T) {
                            step_ctx sc = {s, t, pc, G, &tmp};
                            expect(e, t, cth, x, step, &sc, val);
                        }
                        mc_q_add(&g, &val[i - 1], &mc_gum_pay(e, t, i, cth[i])[x]);
                        mc_q_add(&g, &g, &mc_gum_y(&s->mechs[0], t, p, pc)[i - 1]);
                        if (r == cth[i])
                            mc_q_set(&vt, &g);
                        if (first || mc_q_cmp(&g, &best) > 0)
                            mc_q_set(&best, &g);
                        first = false;
                    }
                    mc_q_sub(&g, &best, &vt);
                    if (mc_q_sgn(&g) > 0) {
                        if (json_array_size(*rows) < 64)
                            json_array_append_new(
                                *rows, json_pack("{s:i,s:s,s:o,s:o,s:o}", "period", (int)t, "agent",
                                                 e->agent_name[i], "previous",
                                                 mc_gum_jstate(e, t - 1, p), "types",
                                                 mc_gum_jstate(e, t, c), "gain", mc_gum_jq(&g)));
                        if (mc_q_cmp(&g, &gain[t * n + i - 1]) > 0)
                            mc_q_set(&gain[t * n + i - 1], &g);
                    }
                }
            }
        }
    mc_q_clear_vec(val, n);
    free(val);
    mc_q_clear(&best);
    mc_q_clear(&vt);
    mc_q_clear(&g);
    mc_q_clear(&tmp);
    for (unsigned sp = 1; sp < T; sp++)
        if (G[sp]) {
            mc_q_clear_vec(G[sp], e->nstates[sp] * n);
            free(G[sp]);
        }
    return st;
}

/* gum/table-1-same-period: Table 1's row "robust to observing same-period
 * types": DPM YES (period ex-post IC), BTM NO, GUM NO. */
mc_status mc_gum_check_table1_ic(const mc_instance *in, const mc_check_opts *o,
                                 mc_claim_result *res, mc_error *err)
{
    (void)o;
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    unsigned n = s.env.n, T = s.env.T;
    if (s.transfer_free || s.sym_random || s.kind == MC_GUM_KIND_DPM27 ||
        s.kind == MC_GUM_KIND_NONE) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE, "Table 1 lists DPM, BTM and GUM");
        mc_gum_setup_free(&s);
        return MC_OK;
    }
    mc_q *gain = malloc((T + 1) * n * sizeof *gain), mx = MC_Q_ZERO;
    mc_q_init_vec(gain, (T + 1) * n);
    json_t *rows = NULL;
    st = mc_gum_expost_ic(&s, gain, &rows, err);
    if (st == MC_OK) {
        json_t *per = json_array();
        for (unsigned t = 1; t <= T; t++) {
            json_t *row = json_object();
            for (unsigned i = 1; i <= n; i++) {
                json_object_set_new(row, s.env.agent_name[i], mc_gum_jq(&gain[t * n + i - 1]));
                if (mc_q_cmp(&gain[t * n + i - 1], &mx) > 0)
                    mc_q_set(&mx, &gain[t * n + i - 1]);
            }
            json_array_append_new(per, json_pack("{s:i,s:o}", "period", (int)t, "max_gain", row));
        }
        res->witness = json_pack("{s:o,s:o,s:o,s:o}", "setup", mc_gum_jsetup(&s), "max_gains", per,
                                 "largest_gain", mc_gum_jq(&mx), "profitable_lies", rows);
        rows = NULL;
        if (!res->margins)
            res->margins = json_object();
        json_object_set_new(res->margins, "largest_ex_post_gain", mc_gum_jq(&mx));
        bool robust = mc_q_is_zero(&mx);
        bool dpm = s.kind == MC_GUM_KIND_DPM;
        const char *cell = dpm ? "YES" : "NO";
        if (robust == dpm)
            mc_claim_result_set(res, MC_HOLDS,
                                "Table 1 says %s for %s: the largest gain from a lie against "
                                "observed same-period types is %s",
                                cell, s.mech_name,
                                json_string_value(json_object_get(res->witness, "largest_gain")));
        else if (!dpm)
            mc_claim_result_set(res, MC_NOT_APPLICABLE,
                                "Table 1's NO for %s is an existence claim; no profitable lie on "
                                "this instance",
                                s.mech_name);
        else
            mc_claim_result_set(res, MC_FAILS,
                                "the pivot mechanism is not period ex-post IC here: a lie gains %s",
                                json_string_value(json_object_get(res->witness, "largest_gain")));
    }
    json_decref(rows);
    mc_q_clear(&mx);
    mc_q_clear_vec(gain, (T + 1) * n);
    free(gain);
    mc_gum_setup_free(&s);
    return st;
}

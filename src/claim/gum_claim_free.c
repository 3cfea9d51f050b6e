/* gum/theorem-5: the transfer-free GUM (Sec. 7).  D (eq. 49) by
 * enumeration of every history's externalities, with the right-hand side of
 * (49) and, for i.i.d. stages, of (50); B = D sqrt(T ln(TN)); the
 * guarantees C^i of truthful agents against the pooled others in the
 * transfer-free game (exact DP); and (48): sup - sum C^i <= R =
 * N^2 D (1 + sqrt(T ln(TN))).  B and R are irrational: B is replaced by a
 * rational within 1e-9 below it after checking that no attainable budget
 * lies between the two, and R is bracketed by rationals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

#define SCALE 1000000000LL

/* Largest |gamma^{i->j}| (i != j agents) over every history. */
static mc_status compute_D(const mc_gum_setup *s, mc_q *D, mc_error *err)
{
    const mc_gum_env *e = &s->env;
    unsigned n = e->n;
    mc_q *g = malloc((size_t)(n + 1) * n * sizeof *g), a = MC_Q_ZERO;
    if (!g)
        return mc_error_set(err, MC_ENOMEM, "theorem-5: out of memory");
    mc_q_init_vec(g, (size_t)(n + 1) * n);
    mc_q_set_i64(D, 0);
    mc_status st = MC_OK;
    for (unsigned t = 1; t <= e->T && st == MC_OK; t++)
        for (uint64_t p = 0; p < e->nstates[t - 1] && st == MC_OK; p++)
            for (uint64_t c = 0; c < e->nstates[t] && st == MC_OK; c++) {
                st = mc_gum_externalities(e, &s->pol, s->order, t, p, c, g, NULL, err);
                for (unsigned i = 1; i <= n; i++)
                    for (unsigned j = 1; j <= n; j++)
                        if (i != j) {
                            mc_q_abs(&a, &g[i * n + j - 1]);
                            if (mc_q_cmp(&a, D) > 0)
                                mc_q_set(D, &a);
                        }
            }
    mc_q_clear(&a);
    mc_q_clear_vec(g, (size_t)(n + 1) * n);
    free(g);
    return st;
}

/* The right-hand side of (49): max over t, i of the spread of F^i_t. */
static void rhs49(const mc_gum_setup *s, mc_q *out)
{
    const mc_gum_env *e = &s->env;
    unsigned n = e->n;
    mc_q_set_i64(out, 0);
    mc_q d = MC_Q_ZERO;
    for (unsigned t = 1; t <= e->T; t++)
        for (unsigned i = 0; i < n; i++) {
            const mc_q *lo = NULL, *hi = NULL;
            for (uint64_t k = 0; k < e->nstates[t]; k++) {
                const mc_q *v = &s->pol.F[t][k * n + i];
                if (!lo || mc_q_cmp(v, lo) < 0)
                    lo = v;
                if (!hi || mc_q_cmp(v, hi) > 0)
                    hi = v;
            }
            mc_q_sub(&d, hi, lo);
            if (mc_q_cmp(&d, out) > 0)
                mc_q_set(out, &d);
        }
    mc_q_clear(&d);
}

/* The right-hand side of (50): max over i, t, types of sup_x u - inf_x u. */
static void rhs50(const mc_gum_setup *s, mc_q *out)
{
    const mc_gum_env *e = &s->env;
    mc_q_set_i64(out, 0);
    mc_q d = MC_Q_ZERO;
    for (unsigned t = 1; t <= e->T; t++)
        for (unsigned i = 1; i <= e->n; i++)
            for (uint32_t k = 0; k < e->ntypes[t][i]; k++) {
                const mc_q *u = mc_gum_pay(e, t, i, k);
                const mc_q *lo = &u[0], *hi = &u[0];
                for (uint32_t x = 1; x < e->nx[t]; x++) {
                    if (mc_q_cmp(&u[x], lo) < 0)
                        lo = &u[x];
                    if (mc_q_cmp(&u[x], hi) > 0)
                        hi = &u[x];
                }
                mc_q_sub(&d, hi, lo);
                if (mc_q_cmp(&d, out) > 0)
                    mc_q_set(out, &d);
            }
    mc_q_clear(&d);
}

/* Every prefix budget S_{ij}(t0) over every effective report history:
 * true when one lies in [lo, hi). */
typedef struct budget_walk {
    const mc_gum_setup *s;
    const mc_q *lo, *hi;
    mc_q *g;
    bool hit;
    uint64_t visited;
} budget_walk;

static mc_status walk(budget_walk *w, unsigned t, uint64_t prev, mc_q *sums, mc_error *err)
{
    const mc_gum_env *e = &w->s->env;
    unsigned n = e->n;
    if (t > e->T || w->hit)
        return MC_OK;
    mc_q *next = malloc((size_t)n * n * sizeof *next);
    if (!next)
        return mc_error_set(err, MC_ENOMEM, "theorem-5: out of memory");
    mc_q_init_vec(next, (size_t)n * n);
    mc_status st = MC_OK;
    for (uint64_t c = 0; c < e->nstates[t] && st == MC_OK && !w->hit; c++) {
        st = mc_gum_externalities(e, &w->s->pol, w->s->order, t, prev, c, w->g, NULL, err);
        w->visited++;
        for (unsigned i = 1; i <= n; i++)
            for (unsigned j = 1; j <= n; j++) {
                mc_q *sij = &next[(i - 1) * n + j - 1];
                mc_q_add(sij, &sums[(i - 1) * n + j - 1], &w->g[i * n + j - 1]);
                /* the rational and the exact bound trigger differently only
                 * for -B_exact <= S < -B (the trigger is strict) */
                if (i != j && mc_q_cmp(sij, w->lo) >= 0 && mc_q_cmp(sij, w->hi) < 0)
                    w->hit = true;
            }
        if (st == MC_OK && w->visited < 2000000)
            st = walk(w, t + 1, c, next, err);
    }
    mc_q_clear_vec(next, (size_t)n * n);
    free(next);
    return st;
}

mc_status mc_gum_check_theorem5(const mc_instance *in, const mc_check_opts *o,
                                mc_claim_result *res, mc_error *err)
{
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    if (!s.transfer_free || !s.policy_efficient) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "Theorem 5 is about the transfer-free GUM (mech = free) with an "
                            "efficient policy");
        mc_gum_setup_free(&s);
        return MC_OK;
    }
    const mc_gum_env *e = &s.env;
    unsigned n = e->n, T = e->T;
    mc_q D = MC_Q_ZERO, r49 = MC_Q_ZERO, r50 = MC_Q_ZERO, B = MC_Q_ZERO, Bhi = MC_Q_ZERO,
         sumC = MC_Q_ZERO, rhs = MC_Q_ZERO, lhs = MC_Q_ZERO, Rlo = MC_Q_ZERO, Rhi = MC_Q_ZERO;
    json_t *agents = json_array();
    if ((st = compute_D(&s, &D, err)) != MC_OK)
        goto done;
    rhs49(&s, &r49);
    rhs50(&s, &r50);
    double Dd = mc_q_get_d(&D);
    double root = sqrt((double)T * log((double)T * (double)n));
    double Bd = Dd * root, Rd = (double)n * n * Dd * (1.0 + root);
    if (Rd * SCALE > 9e17) {
        mc_claim_result_set(res, MC_UNDECIDED,
                            "D is too large for the rational brackets of B and R used here");
        goto done;
    }
    char bstr[64], rstr[64];
    snprintf(bstr, sizeof bstr, "%.9g", Bd);
    snprintf(rstr, sizeof rstr, "%.9g", Rd);
    /* rational brackets with a safety margin far above double rounding */
    mc_q_set_frac(&B, (int64_t)floor(Bd * (1 - 1e-12) * SCALE), SCALE);
    mc_q_set_frac(&Bhi, (int64_t)ceil(Bd * (1 + 1e-12) * SCALE) + 1, SCALE);
    mc_q_set_frac(&Rlo, (int64_t)floor(Rd * (1 - 1e-12) * SCALE), SCALE);
    mc_q_set_frac(&Rhi, (int64_t)ceil(Rd * (1 + 1e-12) * SCALE) + 1, SCALE);
    if (mc_q_sgn(&B) < 0)
        mc_q_set_i64(&B, 0);
    /* no attainable budget may fall in [-Bhi, -B]: then B is as good as the
     * irrational bound */
    mc_q nlo = MC_Q_ZERO, nhi = MC_Q_ZERO;
    mc_q_neg(&nlo, &Bhi);
    mc_q_neg(&nhi, &B);
    budget_walk w = {.s = &s, .lo = &nlo, .hi = &nhi};
    w.g = malloc((size_t)(n + 1) * n * sizeof *w.g);
    mc_q *zero = malloc((size_t)n * n * sizeof *zero);
    if (!w.g || !zero) {
        free(w.g);
        free(zero);
        mc_q_clear(&nlo);
        mc_q_clear(&nhi);
        st = mc_error_set(err, MC_ENOMEM, "theorem-5: out of memory");
        goto done;
    }
    mc_q_init_vec(w.g, (size_t)(n + 1) * n);
    mc_q_init_vec(zero, (size_t)n * n);
    st = walk(&w, 1, mc_gum_state_index(e, 0, e->init), zero, err);
    mc_q_clear_vec(w.g, (size_t)(n + 1) * n);
    mc_q_clear_vec(zero, (size_t)n * n);
    free(w.g);
    free(zero);
    mc_q_clear(&nlo);
    mc_q_clear(&nhi);
    if (st != MC_OK)
        goto done;
    /* the transfer-free game with the rational B */
    mc_q_set(&s.gopts.bound, &B);
    mc_gum_guar_opts go;
    mc_gum_guar_opts_default(&go);
    go.saddle = false;
    go.lp = false;
    go.max_nodes = o && o->max_nodes ? o->max_nodes : 0;
    for (unsigned i = 1; i <= n && st == MC_OK; i++) {
        mc_gum_guar g;
        mc_gum_guar_init(&g);
        st = mc_gum_guarantee(&s, i, &go, &g, err);
        if (st == MC_OK) {
            mc_q_add(&sumC, &sumC, &g.amin);
            res->nodes += g.nodes;
            json_array_append_new(agents, json_pack("{s:s,s:o,s:o}", "agent", e->agent_name[i],
                                                    "C_truthful_guarantee", mc_gum_jq(&g.amin),
                                                    "upsilon_gum", mc_gum_jq(&g.upsilon)));
        }
        mc_gum_guar_free(&g);
    }
    const char *how = NULL;
    if (st == MC_OK)
        st = mc_gum_rhs(&s, &rhs, &how, err);
    if (st != MC_OK)
        goto done;
    mc_q_sub(&lhs, &rhs, &sumC);
    res->witness = json_pack(
        "{s:o,s:o,s:o,s:o,s:b,s:o,s:s,s:b,s:o,s:o,s:o,s:s,s:o,s:o,s:s}", "setup",
        mc_gum_jsetup(&s), "D", mc_gum_jq(&D), "rhs_49", mc_gum_jq(&r49), "rhs_50_iid_bound",
        mc_gum_jq(&r50), "D_le_rhs_49", mc_q_cmp(&D, &r49) <= 0, "B_rational_below",
        mc_gum_jq(&B), "B_approx", bstr, "no_budget_between_B_and_exact", !w.hit, "agents",
        agents, "sum_C", mc_gum_jq(&sumC), "sup_total", mc_gum_jq(&rhs), "sup_is", how,
        "sup_minus_sum_C", mc_gum_jq(&lhs), "R_lower", mc_gum_jq(&Rlo), "R_approx", rstr);
    agents = NULL;
    if (!res->margins)
        res->margins = json_object();
    json_object_set_new(res->margins, "sup_minus_sum_C", mc_gum_jq(&lhs));
    if (w.hit)
        mc_claim_result_set(res, MC_UNDECIDED,
                            "an attainable budget lies within 1e-9 of -B, so the rational B may "
                            "not act as the irrational one");
    else if (mc_q_cmp(&D, &r49) > 0)
        mc_claim_result_set(res, MC_FAILS, "D exceeds the right-hand side of (49)");
    else if (mc_q_cmp(&lhs, &Rlo) <= 0)
        mc_claim_result_set(res, MC_HOLDS,
                            "sup of the total minus the sum of the truthful guarantees is %s <= R "
                            "= %.6g; D = %s <= (49)'s bound",
                            json_string_value(json_object_get(res->witness, "sup_minus_sum_C")), Rd,
                            json_string_value(json_object_get(res->witness, "D")));
    else if (mc_q_cmp(&lhs, &Rhi) > 0)
        mc_claim_result_set(res, MC_FAILS,
                            "sup of the total minus the sum of the guarantees exceeds R = %.6g", Rd);
    else
        mc_claim_result_set(res, MC_UNDECIDED, "the gap is within rounding of R");
done:
    json_decref(agents);
    mc_q_clear(&D);
    mc_q_clear(&r49);
    mc_q_clear(&r50);
    mc_q_clear(&B);
    mc_q_clear(&Bhi);
    mc_q_clear(&sumC);
    mc_q_clear(&rhs);
    mc_q_clear(&lhs);
    mc_q_clear(&Rlo);
    mc_q_clear(&Rhi);
    mc_gum_setup_free(&s);
    return st;
}

/* gum/app-h-shapley (App H, spec 3.4): the symmetric GUM (option A, the
 * transfers averaged over all n! processing orders) pays Shapley values.
 * With phi_i(L) = A^i_t with components {0} u L at the period-t reports
 * (the others drawn from their transitions) minus A^i_t with only
 * component 0, gamma^{j->i} = Sh_j(phi_i) = sum_{L in I\j} |L|! (n-|L|-1)!
 * / n! [phi_i(L u j) - phi_i(L)] and y^i = sum_{j != i} Sh_i(phi_j) -
 * sum_{j != i} Sh_j(phi_i).  Computed here from subset values alone, with
 * no processing order, and compared exactly with the averaged transfers at
 * every period and every pair of report profiles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

static int64_t factorial(unsigned k)
{
    int64_t f = 1;
    for (unsigned m = 2; m <= k; m++)
        f *= m;
    return f;
}

/* y (n values) by the Shapley formula from A[L * n + (i-1)] for every
 * agent subset L (bit j-1 for agent j). */
static void shapley_y(unsigned n, const mc_q *A, mc_q *y, mc_q *w, mc_q *t)
{
    uint32_t full = (1u << n) - 1;
    for (unsigned i = 0; i < n; i++)
        mc_q_set_i64(&y[i], 0);
    for (unsigned j = 0; j < n; j++)
        for (uint32_t L = 0; L <= full; L++) {
            if (L >> j & 1u)
                continue;
            unsigned size = (unsigned)__builtin_popcount(L);
            mc_q_set_frac(w, factorial(size) * factorial(n - size - 1), factorial(n));
            /* Sh_j(phi_i) for every i: j's marginal contribution to A^i */
            for (unsigned i = 0; i < n; i++) {
                if (i == j)
                    continue;
                mc_q_sub(t, &A[(L | 1u << j) * n + i], &A[L * n + i]);
                mc_q_mul(t, t, w);
                /* gamma^{j->i} += t: i pays it to j */
                mc_q_sub(&y[i], &y[i], t);
                mc_q_add(&y[j], &y[j], t);
            }
        }
}

mc_status mc_gum_check_apph_shapley(const mc_instance *in, const mc_check_opts *o,
                                    mc_claim_result *res, mc_error *err)
{
    (void)o;
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    const mc_gum_env *e = &s.env;
    unsigned n = e->n;
    /* the ordered GUM is compared too, as the contrast */
    bool ordered = s.kind == MC_GUM_KIND_GUM && !s.transfer_free;
    if ((s.kind != MC_GUM_KIND_SYM || s.sym_random) && !ordered) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "the claim is about the symmetric GUM averaged over orders "
                            "(mech = gum-sym)");
        mc_gum_setup_free(&s);
        return MC_OK;
    }
    size_t nsub = (size_t)1 << n;
    mc_q *A = mc_gum_qvec_new(nsub * n), *y = mc_gum_qvec_new(n), *wt = mc_gum_qvec_new(2);
    if (!A || !y || !wt) {
        st = mc_error_set(err, MC_ENOMEM, "app-h-shapley: out of memory");
        goto done;
    }
    uint64_t checked = 0, differ = 0;
    json_t *first = NULL;
    for (unsigned t = 1; t <= e->T && st == MC_OK; t++)
        for (uint64_t prev = 0; prev < e->nstates[t - 1] && st == MC_OK; prev++)
            for (uint64_t cur = 0; cur < e->nstates[t] && st == MC_OK; cur++) {
                uint32_t cth[MC_GUM_MAX_COMP];
                mc_gum_state_decode(e, t, cur, cth);
                for (uint32_t L = 0; L < nsub && st == MC_OK; L++)
                    st = mc_gum_reveal_value(e, &s.pol, t, prev, cth, 1u | L << 1, &A[L * n],
                                             err);
                if (st != MC_OK)
                    break;
                shapley_y(n, A, y, &wt[0], &wt[1]);
                const mc_q *avg = mc_gum_y(&s.mechs[0], t, prev, cur);
                checked++;
                bool same = true;
                for (unsigned i = 0; i < n; i++)
                    same = same && mc_q_eq(&y[i], &avg[i]);
                if (!same && !differ++)
                    first = json_pack("{s:i,s:o,s:o,s:o,s:o}", "period", (int)t,
                                      "previous_reports", mc_gum_jstate(e, t - 1, prev),
                                      "reports", mc_gum_jstate(e, t, cur), "shapley",
                                      mc_gum_jagents(e, y), "mechanism",
                                      mc_gum_jagents(e, avg));
            }
    if (st != MC_OK) {
        json_decref(first);
        goto done;
    }
    res->nodes = checked * nsub;
    res->witness = json_pack("{s:o,s:I,s:I}", "setup", mc_gum_jsetup(&s), "histories_checked",
                             (json_int_t)checked, "subset_values_per_history",
                             (json_int_t)nsub);
    if (ordered) {
        json_decref(first);
        char order[3 * MC_GUM_MAX_AGENTS + 1];
        size_t len = 0;
        for (unsigned k = 0; k < n; k++)
            len += (size_t)snprintf(order + len, sizeof order - len, "%s%u", k ? "," : "",
                                    s.order[k]);
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "the claim is about the symmetric GUM; for contrast, the transfers "
                            "of GUM with order %s differ from the Shapley payments at %llu of "
                            "%llu (period, previous reports, reports)",
                            order, (unsigned long long)differ, (unsigned long long)checked);
    } else if (differ) {
        json_object_set_new(res->witness, "first_difference", first);
        mc_claim_result_set(res, MC_FAILS,
                            "at %llu of %llu (period, previous reports, reports) the averaged "
                            "transfers are not the Shapley payments",
                            (unsigned long long)differ, (unsigned long long)checked);
    } else {
        mc_claim_result_set(res, MC_HOLDS,
                            "at all %llu (period, previous reports, reports) the transfers "
                            "averaged over the %llu orders equal the Shapley payments of "
                            "phi_i, exactly",
                            (unsigned long long)checked,
                            (unsigned long long)mc_gum_norders(n));
    }
done:
    mc_gum_qvec_free(A, nsub * n);
    mc_gum_qvec_free(y, n);
    mc_gum_qvec_free(wt, 2);
    mc_gum_setup_free(&s);
    return st;
}

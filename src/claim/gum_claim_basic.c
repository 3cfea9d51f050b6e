/* gum/budget-balance (eq. 5) and gum/lemma-1 (additivity, eq. 31, App A):
 * exact identities checked at every history of report profiles, on and off
 * the path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

/* ---- gum/budget-balance ------------------------------------------------------ */

mc_status mc_gum_check_budget(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                              mc_error *err)
{
    (void)o;
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    const mc_gum_env *e = &s.env;
    unsigned n = e->n;
    uint64_t histories = 0, unbalanced = 0;
    for (size_t m = 0; m < s.nmechs; m++) {
        for (unsigned t = 1; t <= e->T; t++)
            histories += e->nstates[t - 1] * e->nstates[t];
        unbalanced += s.mechs[m].unbalanced;
    }
    res->nodes = histories;
    /* the first unbalanced history, if any */
    json_t *first = NULL;
    mc_q sum = MC_Q_ZERO;
    for (size_t m = 0; m < s.nmechs && !first; m++)
        for (unsigned t = 1; t <= e->T && !first; t++)
            for (uint64_t p = 0; p < e->nstates[t - 1] && !first; p++)
                for (uint64_t c = 0; c < e->nstates[t] && !first; c++) {
                    const mc_q *y = mc_gum_y(&s.mechs[m], t, p, c);
                    mc_q_set_i64(&sum, 0);
                    for (unsigned i = 0; i < n; i++)
                        mc_q_add(&sum, &sum, &y[i]);
                    if (!mc_q_is_zero(&sum))
                        first = json_pack("{s:i,s:o,s:o,s:o,s:o}", "period", (int)t,
                                          "previous_reports", mc_gum_jstate(e, t - 1, p), "reports",
                                          mc_gum_jstate(e, t, c), "transfers", mc_gum_jagents(e, y),
                                          "sum", mc_gum_jq(&sum));
                }
    mc_q_clear(&sum);
    json_t *w = json_pack("{s:o,s:I,s:I}", "setup", mc_gum_jsetup(&s), "histories_checked",
                          (json_int_t)histories, "unbalanced_histories", (json_int_t)unbalanced);
    if (first)
        json_object_set_new(w, "first_unbalanced", first);
    res->witness = w;
    if (s.transfer_free) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "the transfer-free GUM makes no transfers (trivially balanced)");
    } else if (s.kind == MC_GUM_KIND_DPM || s.kind == MC_GUM_KIND_DPM27) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "the paper claims ex-post balance for GUM and BTM only (Table 1: the "
                            "pivot mechanism is not balanced); here %llu of %llu histories are "
                            "unbalanced",
                            (unsigned long long)unbalanced, (unsigned long long)histories);
    } else if (unbalanced) {
        mc_claim_result_set(res, MC_FAILS,
                            "%llu of %llu histories have transfers that do not sum to 0",
                            (unsigned long long)unbalanced, (unsigned long long)histories);
    } else {
        mc_claim_result_set(res, MC_HOLDS,
                            "the transfers sum to exactly 0 at all %llu histories (every period, "
                            "every previous and current report profile)",
                            (unsigned long long)histories);
    }
    mc_gum_setup_free(&s);
    return MC_OK;
}

/* ---- gum/lemma-1 ---------------------------------------------------------------- */

#define LEMMA1_COALITION_HISTORIES 4096

/* Mask of components revealed before position k of the order (k = 0: only
 * the public state). */
static uint32_t prefix_mask(const unsigned *order, unsigned k)
{
    uint32_t m = 1u;
    for (unsigned j = 0; j < k; j++)
        m |= 1u << order[j];
    return m;
}

mc_status mc_gum_check_lemma1(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                              mc_error *err)
{
    (void)o;
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    const mc_gum_env *e = &s.env;
    unsigned n = e->n;
    mc_q *gamma = malloc((size_t)(n + 1) * n * sizeof *gamma);
    mc_q *total = malloc(n * sizeof *total), *gain = malloc(n * sizeof *gain);
    if (!gamma || !total || !gain) {
        free(gamma);
        free(total);
        free(gain);
        mc_gum_setup_free(&s);
        return mc_error_set(err, MC_ENOMEM, "lemma-1: out of memory");
    }
    mc_q_init_vec(gamma, (size_t)(n + 1) * n);
    mc_q_init_vec(total, n);
    mc_q_init_vec(gain, n);
    mc_q s1 = MC_Q_ZERO, s0 = MC_Q_ZERO, d = MC_Q_ZERO, sl = MC_Q_ZERO;
    uint64_t histories = 0, printed_fail = 0, full_fail = 0, pub_nonzero = 0;
    uint64_t contiguous_checked = 0, contiguous_fail = 0, noncontig_checked = 0,
             noncontig_fail = 0;
    json_t *first_printed = NULL, *first_full = NULL, *first_noncontig = NULL;
    /* position of each agent in the order */
    unsigned pos[MC_GUM_MAX_COMP];
    for (unsigned k = 0; k < n; k++)
        pos[s.order[k]] = k;
    for (unsigned t = 1; t <= e->T && st == MC_OK; t++)
        for (uint64_t p = 0; p < e->nstates[t - 1] && st == MC_OK; p++)
            for (uint64_t c = 0; c < e->nstates[t] && st == MC_OK; c++) {
                st = mc_gum_externalities(e, &s.pol, s.order, t, p, c, gamma, total, err);
                if (st != MC_OK)
                    break;
                histories++;
                for (unsigned j = 0; j < n; j++) {
                    mc_q_set_i64(&s1, 0);
                    for (unsigned i = 1; i <= n; i++)
                        mc_q_add(&s1, &s1, &gamma[i * n + j]);
                    mc_q_add(&s0, &s1, &gamma[0 * n + j]);
                    if (!mc_q_is_zero(&gamma[0 * n + j]))
                        pub_nonzero++;
                    if (!mc_q_eq(&s1, &total[j])) {
                        printed_fail++;
                        if (!first_printed) {
                            mc_q_sub(&d, &s1, &total[j]);
                            first_printed = json_pack(
                                "{s:i,s:o,s:o,s:s,s:o,s:o,s:o,s:o}", "period", (int)t,
                                "previous_reports", mc_gum_jstate(e, t - 1, p), "reports",
                                mc_gum_jstate(e, t, c), "affected", e->agent_name[j + 1],
                                "sum_over_agents_1_to_N", mc_gum_jq(&s1), "total_externality_eq30",
                                mc_gum_jq(&total[j]), "difference", mc_gum_jq(&d),
                                "public_state_externality", mc_gum_jq(&gamma[j]));
                        }
                    }
                    if (!mc_q_eq(&s0, &total[j])) {
                        full_fail++;
                        if (!first_full)
                            first_full = json_pack(
                                "{s:i,s:o,s:o,s:s,s:o,s:o}", "period", (int)t, "previous_reports",
                                mc_gum_jstate(e, t - 1, p), "reports", mc_gum_jstate(e, t, c),
                                "affected", e->agent_name[j + 1], "sum_over_components_0_to_N",
                                mc_gum_jq(&s0), "total_externality_eq30", mc_gum_jq(&total[j]));
                    }
                }
                /* coalition version: L revealed at once on top of the history
                 * before its first member, against the sum of its members'
                 * externalities */
                if (histories > LEMMA1_COALITION_HISTORIES)
                    continue;
                for (uint32_t L = 1; L < (1u << n) && st == MC_OK; L++) {
                    unsigned lo = n, hi = 0, cnt = 0;
                    uint32_t comps = 0;
                    for (unsigned a = 1; a <= n; a++)
                        if ((L >> (a - 1)) & 1u) {
                            lo = pos[a] < lo ? pos[a] : lo;
                            hi = pos[a] > hi ? pos[a] : hi;
                            cnt++;
                            comps |= 1u << a;
                        }
                    if (cnt < 2)
                        continue;
                    bool contiguous = hi - lo + 1 == cnt;
                    uint32_t before = prefix_mask(s.order, lo);
                    st = mc_gum_reveal_gain(e, &s.pol, t, p, c, before, before | comps, gain, err);
                    bool ok = true;
                    for (unsigned j = 0; j < n && st == MC_OK; j++) {
                        mc_q_set_i64(&sl, 0);
                        for (unsigned a = 1; a <= n; a++)
                            if ((L >> (a - 1)) & 1u)
                                mc_q_add(&sl, &sl, &gamma[a * n + j]);
                        if (!mc_q_eq(&sl, &gain[j]))
                            ok = false;
                    }
                    if (contiguous) {
                        contiguous_checked++;
                        contiguous_fail += !ok;
                    } else {
                        noncontig_checked++;
                        noncontig_fail += !ok;
                        if (!ok && !first_noncontig) {
                            char members[128];
                            size_t len = 0;
                            for (unsigned a = 1; a <= n; a++)
                                if ((L >> (a - 1)) & 1u)
                                    len += (size_t)snprintf(members + len, sizeof members - len,
                                                            len ? ",%s" : "%s", e->agent_name[a]);
                            first_noncontig = json_pack("{s:s,s:i,s:o,s:o}", "coalition", members,
                                                        "period", (int)t, "previous_reports",
                                                        mc_gum_jstate(e, t - 1, p), "reports",
                                                        mc_gum_jstate(e, t, c));
                        }
                    }
                }
            }
    if (st == MC_OK) {
        res->nodes = histories;
        json_t *w = json_pack(
            "{s:o,s:I,s:I,s:I,s:I,s:{s:I,s:I,s:I,s:I}}", "setup", mc_gum_jsetup(&s),
            "histories_checked", (json_int_t)histories, "printed_sum_1_to_N_mismatches",
            (json_int_t)printed_fail, "sum_0_to_N_mismatches", (json_int_t)full_fail,
            "nonzero_public_state_externalities", (json_int_t)pub_nonzero, "coalitions",
            "contiguous_checked", (json_int_t)contiguous_checked, "contiguous_mismatches",
            (json_int_t)contiguous_fail, "non_contiguous_checked", (json_int_t)noncontig_checked,
            "non_contiguous_mismatches", (json_int_t)noncontig_fail);
        if (first_printed)
            json_object_set_new(w, "first_mismatch_printed", first_printed);
        if (first_full)
            json_object_set_new(w, "first_mismatch_0_to_N", first_full);
        if (first_noncontig)
            json_object_set_new(json_object_get(w, "coalitions"),
                                "first_non_contiguous_mismatch", first_noncontig);
        first_printed = first_full = first_noncontig = NULL;
        res->witness = w;
        if (s.kind != MC_GUM_KIND_GUM && s.kind != MC_GUM_KIND_SYM && !s.transfer_free)
            mc_claim_result_set(res, MC_NOT_APPLICABLE,
                                "Lemma 1 is about GUM's externality (eq. 9); the instance's "
                                "mechanism is %s (the identity above is computed anyway)",
                                s.mech_name);
        else if (full_fail)
            mc_claim_result_set(res, MC_FAILS,
                                "the externalities do not telescope at %llu (history, agent) pairs",
                                (unsigned long long)full_fail);
        else if (printed_fail)
            mc_claim_result_set(res, MC_FAILS,
                                "as printed (sum over agents 1..N) the identity fails at %llu "
                                "(history, agent) pairs: the public state's externality "
                                "gamma^{0->j} is missing; summed over components 0..N it holds at "
                                "all %llu histories",
                                (unsigned long long)printed_fail, (unsigned long long)histories);
        else
            mc_claim_result_set(res, MC_HOLDS,
                                "sum_i gamma^{i->j}_t = gamma^{I->j}_t exactly for every agent j at "
                                "all %llu histories; coalitions contiguous in the order: %llu "
                                "checks, %llu mismatches",
                                (unsigned long long)histories,
                                (unsigned long long)contiguous_checked,
                                (unsigned long long)contiguous_fail);
    }
    json_decref(first_printed);
    json_decref(first_full);
    json_decref(first_noncontig);
    mc_q_clear(&s1);
    mc_q_clear(&s0);
    mc_q_clear(&d);
    mc_q_clear(&sl);
    mc_q_clear_vec(gamma, (size_t)(n + 1) * n);
    mc_q_clear_vec(total, n);
    mc_q_clear_vec(gain, n);
    free(gamma);
    free(total);
    free(gain);
    mc_gum_setup_free(&s);
    return st;
}

/* ---- Table 1: sequential rationality of the truthful profile ------------------------------ */

static const char *table1_cell(const mc_gum_setup *s, bool past)
{
    switch (s->kind) {
    case MC_GUM_KIND_DPM: return "YES";
    case MC_GUM_KIND_BTM: return past ? "NO" : "YES";
    case MC_GUM_KIND_GUM: return "YES";
    default: return NULL;
    }
}

static mc_status table1_seqrat(const mc_instance *in, bool past, mc_claim_result *res,
                               mc_error *err)
{
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    const char *cell = table1_cell(&s, past);
    if (!cell || s.sym_random || s.transfer_free || s.gopts.info != MC_GUM_V0) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "Table 1 lists DPM, BTM and GUM with simultaneous reports (V0)");
        mc_gum_setup_free(&s);
        return MC_OK;
    }
    mc_gum_seqrat r;
    if ((st = mc_gum_seqrat_run(&s, past, &r, err)) != MC_OK) {
        mc_gum_seqrat_free(&r);
        mc_gum_setup_free(&s);
        return st;
    }
    res->nodes = r.sets;
    res->witness = json_pack("{s:o,s:s,s:o}", "setup", mc_gum_jsetup(&s), "table_1_cell", cell,
                             "truthful_profile", mc_gum_seqrat_json(&s, &r));
    mc_q mx = MC_Q_ZERO;
    for (unsigned k = 0; k < (MC_GUM_MAX_T + 1) * MC_GUM_MAX_AGENTS; k++)
        if (mc_q_cmp(&r.gain[k], &mx) > 0)
            mc_q_set(&mx, &r.gain[k]);
    if (!res->margins)
        res->margins = json_object();
    json_object_set_new(res->margins, "largest_one_shot_gain", mc_gum_jq(&mx));
    char g[96];
    mc_q_snprint(g, sizeof g, &mx);
    bool yes = !strcmp(cell, "YES");
    /* V3: is truth still a BNE when everyone sees all true past types? */
    bool bne_past = true;
    for (unsigned i = 0; past && i < s.env.n; i++)
        bne_past = bne_past && mc_q_cmp(&r.best_response_past[i], &r.truthful[i]) <= 0;
    if (!s.policy_efficient) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "the policy is not efficient, so the truthful profile is not an "
                            "efficient one");
    } else if (yes && r.violations == 0) {
        mc_claim_result_set(res, MC_HOLDS,
                            "Table 1 says YES for %s: the truthful (efficient) profile is "
                            "sequentially rational at all %llu information sets%s%s",
                            s.mech_name, (unsigned long long)r.sets,
                            past ? " that hold every agent's true past types, after any past lies"
                                 : ", including those after the agent's own lies",
                            past && bne_past ? ", and it stays a BNE" : "");
    } else if (yes && !past) {
        mc_claim_result_set(res, MC_UNDECIDED,
                            "the truthful profile is not sequentially rational (%llu one-shot "
                            "deviations gain, the largest %s); another efficient PBE may exist "
                            "(not searched)",
                            (unsigned long long)r.violations, g);
    } else if (yes) {
        mc_claim_result_set(res, MC_FAILS,
                            "Table 1 says YES for %s, but with true past types observed the "
                            "truthful profile is not sequentially rational after other agents' "
                            "past lies: %llu one-shot deviations gain, the largest %s (truth %s a "
                            "BNE)",
                            s.mech_name, (unsigned long long)r.violations, g,
                            bne_past ? "is still" : "is not even");
    } else if (r.violations) {
        mc_claim_result_set(res, MC_HOLDS,
                            "Table 1 says NO for %s: with true past types observed, %llu one-shot "
                            "deviations from the truthful profile gain (the largest %s)",
                            s.mech_name, (unsigned long long)r.violations, g);
    } else {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "Table 1's NO for %s is an existence claim; the truthful profile is "
                            "sequentially rational on this instance",
                            s.mech_name);
    }
    mc_q_clear(&mx);
    mc_gum_seqrat_free(&r);
    mc_gum_setup_free(&s);
    return MC_OK;
}

/* gum/table-1-pbe: "efficient PBE exists" -- DPM, BTM, GUM: YES. */
mc_status mc_gum_check_table1_pbe(const mc_instance *in, const mc_check_opts *o,
                                  mc_claim_result *res, mc_error *err)
{
    (void)o;
    return table1_seqrat(in, false, res, err);
}

/* gum/table-1-past-types: "robust to observing past true types" -- DPM YES,
 * BTM NO, GUM YES (sequential rationality; truth as a BNE under V3). */
mc_status mc_gum_check_table1_past(const mc_instance *in, const mc_check_opts *o,
                                   mc_claim_result *res, mc_error *err)
{
    (void)o;
    return table1_seqrat(in, true, res, err);
}

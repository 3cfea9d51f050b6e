/* Table 1's equilibrium rows, one claim per row, the instance's mechanism
 * selecting the cell (DPM / BTM / GUM):
 *   gum/table-1-all-bne-efficient   NO / NO / YES (Prop. 1)
 *   gum/table-1-all-pbe-efficient   NO / NO / YES
 *   gum/table-1-iewds               "an efficient PBE survives IEWDS": NO / NO / YES
 * YES cells are universal (HOLDS or FAILS on the instance); NO cells are
 * existence claims: HOLDS with a witness, NOT-APPLICABLE when the instance
 * has none.  Equilibria are the pure ones of the reduced normal form of the
 * game tree (every agent alone, V0 unless the instance says otherwise);
 * PBE are checked by mc_gum_profile_pbe (sequential rationality wherever
 * the others' plans reach with positive probability). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

/* "YES" or "NO" for the setup's mechanism, NULL outside Table 1. */
static const char *cell_of(const mc_gum_setup *s)
{
    if (s->transfer_free || s->sym_random)
        return NULL;
    switch (s->kind) {
    case MC_GUM_KIND_DPM: return "NO";
    case MC_GUM_KIND_BTM: return "NO";
    case MC_GUM_KIND_GUM: return "YES";
    default: return NULL;
    }
}

static mc_status eq_row(const mc_instance *in, bool pbe, mc_claim_result *res, mc_error *err)
{
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    const char *cell = cell_of(&s);
    uint64_t lim;
    if ((st = mc_gum_bne_limit(in, &lim, err)) != MC_OK || !cell || !s.policy_efficient) {
        if (st == MC_OK)
            mc_claim_result_set(res, MC_NOT_APPLICABLE,
                                !cell ? "Table 1 lists DPM, BTM and GUM"
                                      : "the policy is not efficient: 'efficient' is moot");
        mc_gum_setup_free(&s);
        return st;
    }
    mc_gum_bne r;
    if ((st = mc_gum_pure_bne(&s, lim, pbe, &r, err)) != MC_OK) {
        mc_gum_bne_free(&r);
        mc_gum_setup_free(&s);
        return st;
    }
    res->nodes = r.limited ? r.nodes : r.nodes + r.profiles;
    res->witness = mc_gum_bne_json(&s, &r, lim);
    json_object_set_new(res->witness, "table_1_cell", json_string(cell));
    if (pbe) {
        json_object_set_new(res->witness, "inefficient_bne_tested_for_sequential_rationality",
                            json_integer((json_int_t)r.pbe_tested));
        if (r.inefficient_pbe)
            json_object_set_new(res->witness, "inefficient_pbe", json_incref(r.inefficient_pbe));
    }
    const char *what = pbe ? "PBE" : "BNE";
    bool yes = !strcmp(cell, "YES");
    bool bad = pbe ? r.inefficient_pbe != NULL : r.inefficient > 0;
    if (r.limited) {
        mc_claim_result_set(res, MC_UNDECIDED,
                            "the reduced normal form has %llu profiles, above the limit %llu "
                            "(parameter max_profiles)",
                            (unsigned long long)r.profiles, (unsigned long long)lim);
    } else if (yes && !bad) {
        mc_claim_result_set(res, MC_HOLDS,
                            "Table 1 says YES for %s: all %zu pure BNE are efficient%s", s.mech_name,
                            r.count,
                            pbe ? ", so is every pure PBE (a PBE is a BNE)" : "");
    } else if (yes) {
        mc_claim_result_set(res, MC_FAILS,
                            "Table 1 says YES for %s, but an inefficient pure %s exists (the "
                            "counterexample)",
                            s.mech_name, what);
    } else if (bad) {
        mc_claim_result_set(res, MC_HOLDS,
                            "Table 1 says NO for %s: an inefficient pure %s exists (%zu of the %zu "
                            "pure BNE are inefficient%s)",
                            s.mech_name, what, r.inefficient, r.count,
                            pbe ? "; the witness is sequentially rational" : "");
    } else {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "Table 1's NO for %s is an existence claim; this instance has no "
                            "inefficient pure %s (%zu pure BNE%s)",
                            s.mech_name, what, r.count,
                            pbe && r.inefficient ? ", the inefficient ones not sequentially "
                                                   "rational"
                                                 : "");
    }
    mc_gum_bne_free(&r);
    mc_gum_setup_free(&s);
    return MC_OK;
}

mc_status mc_gum_check_table1_bne(const mc_instance *in, const mc_check_opts *o,
                                  mc_claim_result *res, mc_error *err)
{
    (void)o;
    return eq_row(in, false, res, err);
}

mc_status mc_gum_check_table1_pbe_all(const mc_instance *in, const mc_check_opts *o,
                                      mc_claim_result *res, mc_error *err)
{
    (void)o;
    return eq_row(in, true, res, err);
}

/* ---- gum/table-1-iewds ------------------------------------------------------------------ */

#define ALL_ORDERS_MAX_PROFILES (UINT64_C(1) << 14)

/* Does the terminal set sv contain an efficient PBE of the whole game?  A
 * NE of the game restricted to the survivors is one of the whole game (a
 * removed strategy is weakly dominated by a survivor against the
 * survivors); efficiency and sequential rationality are then checked.
 * *found gets the profile. */
static mc_status efficient_pbe_in(const mc_gum_setup *s, const mc_gum_tree_nf *t,
                                  const mc_survivors *sv, bool *found, uint64_t *prof,
                                  uint64_t *ne_count, mc_error *err)
{
    mc_nash_result ne;
    *found = false;
    mc_status st = mc_nash_pure(&t->sf, sv, 0, &ne, err);
    if (st == MC_OK)
        *ne_count = ne.count;
    mc_q w = MC_Q_ZERO;
    for (size_t k = 0; st == MC_OK && k < ne.count && !*found; k++) {
        if ((st = mc_gum_tree_nf_welfare(t, ne.profile[k], &w, err)) != MC_OK)
            break;
        if (!mc_q_eq(&w, &s->pol.W))
            continue;
        uint32_t plan[MC_MAX_PLAYERS];
        mc_sform_profile_of(&t->sf, ne.profile[k], plan);
        mc_gum_pbe pr = {.worst_gain = MC_Q_ZERO};
        st = mc_gum_profile_pbe(&t->ef, t->agents, plan, &pr, err);
        if (st == MC_OK && pr.violations == 0) {
            *found = true;
            *prof = ne.profile[k];
        }
        mc_q_clear(&pr.worst_gain);
    }
    mc_q_clear(&w);
    mc_nash_result_free(&ne);
    return st;
}

static json_t *survivors_json(const mc_gum_env *e, const mc_sform *sf, const mc_survivors *sv)
{
    json_t *o = json_object();
    char buf[1024];
    for (unsigned a = 0; a < sf->nagents; a++) {
        json_t *l = json_array();
        for (uint32_t k = 0; k < sf->nstrategies[a] && json_array_size(l) < 8; k++)
            if (mc_survivors_has(sv, a, k))
                json_array_append_new(l, json_string(mc_sform_strategy_name(sf, a, k, buf,
                                                                             sizeof buf)));
        json_object_set_new(o, e->agent_name[a + 1],
                            json_pack("{s:I,s:o}", "count", (json_int_t)sv->count[a], "first", l));
    }
    return o;
}

mc_status mc_gum_check_table1_iewds(const mc_instance *in, const mc_check_opts *o,
                                    mc_claim_result *res, mc_error *err)
{
    (void)o;
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    const char *cell = cell_of(&s);
    uint64_t lim;
    if ((st = mc_gum_bne_limit(in, &lim, err)) != MC_OK || !cell || !s.policy_efficient) {
        if (st == MC_OK)
            mc_claim_result_set(res, MC_NOT_APPLICABLE,
                                !cell ? "Table 1 lists DPM, BTM and GUM"
                                      : "the policy is not efficient: 'efficient' is moot");
        mc_gum_setup_free(&s);
        return st;
    }
    mc_gum_tree_nf t;
    if ((st = mc_gum_tree_nf_build(&s, lim, &t, err)) != MC_OK || t.limited) {
        if (st == MC_OK) {
            res->nodes = t.ef.nnodes;
            mc_claim_result_set(res, MC_UNDECIDED,
                                "the reduced normal form has %llu profiles, above the limit %llu "
                                "(parameter max_profiles)",
                                (unsigned long long)t.profiles, (unsigned long long)lim);
        }
        mc_gum_tree_nf_free(&t);
        mc_gum_setup_free(&s);
        return st;
    }
    res->nodes = t.ef.nnodes + t.profiles;
    mc_dom_game dg;
    mc_dom_result dr[2];
    memset(dr, 0, sizeof dr);
    bool have_dg = false;
    int ran = 0;
    json_t *ends = json_array();
    size_t nends = 0, without = 0;
    json_t *first_without = NULL;
    if ((st = mc_dom_game_init(&dg, &t.sf, err)) != MC_OK)
        goto done;
    have_dg = true;
    /* simultaneous rounds, and every order (order dependence matters) */
    static const mc_dom_order orders[2] = {MC_DOM_ROUNDS, MC_DOM_ALL_ORDERS};
    bool all_orders_done = false;
    /* every order only on small forms: the search is exponential */
    int norders = t.profiles <= ALL_ORDERS_MAX_PROFILES ? 2 : 1;
    for (int k = 0; k < norders && st == MC_OK; k++) {
        mc_dom_options dopt;
        mc_dom_options_default(&dopt, MC_DOM_WEAK, orders[k]);
        dopt.max_states = 1u << 14;
        st = mc_dom_iterate(&dg, NULL, &dopt, &dr[k], err);
        ran = k + 1;
        if (st == MC_ELIMIT && k == 1) { /* the all-orders search is too big: rounds only */
            st = MC_OK;
            break;
        }
        if (st == MC_OK) {
            mc_error why;
            if (mc_dom_verify(&dg, NULL, &dr[k], &why) != MC_OK)
                st = mc_error_set(err, MC_EINTERNAL, "table-1-iewds: %s", why.msg);
        }
        if (st != MC_OK)
            break;
        all_orders_done = k == 1;
        size_t m = k == 1 ? dr[k].nends : 1;
        for (size_t j = 0; j < m && st == MC_OK; j++) {
            const mc_survivors *sv = k == 1 ? &dr[k].ends[j].survivors : &dr[k].survivors;
            bool found = false;
            uint64_t prof = 0, nne = 0;
            st = efficient_pbe_in(&s, &t, sv, &found, &prof, &nne, err);
            if (st != MC_OK)
                break;
            nends++;
            json_t *row = json_pack("{s:s,s:o,s:I,s:b}", "order",
                                    k == 1 ? "one of all orders" : "simultaneous rounds",
                                    "survivors", survivors_json(&s.env, &t.sf, sv),
                                    "pure_ne_among_survivors", (json_int_t)nne,
                                    "efficient_pbe_survives", found);
            if (found) {
                char buf[1024];
                uint32_t plan[MC_MAX_PLAYERS];
                mc_sform_profile_of(&t.sf, prof, plan);
                json_t *pl = json_object();
                for (unsigned a = 0; a < t.sf.nagents; a++)
                    json_object_set_new(pl, s.env.agent_name[a + 1],
                                        json_string(mc_sform_strategy_name(&t.sf, a, plan[a], buf,
                                                                           sizeof buf)));
                json_object_set_new(row, "efficient_pbe", pl);
            } else {
                without++;
                if (!first_without)
                    first_without = json_incref(row);
            }
            if (json_array_size(ends) < 8)
                json_array_append_new(ends, row);
            else
                json_decref(row);
        }
    }
    if (st != MC_OK)
        goto done;
    res->witness = json_pack("{s:o,s:s,s:o,s:I,s:s,s:I}", "setup", mc_gum_jsetup(&s),
                             "table_1_cell", cell, "reduced_plans",
                             json_pack("[I,I,I]", (json_int_t)t.plans[0],
                                       (json_int_t)(s.env.n > 1 ? t.plans[1] : 0),
                                       (json_int_t)(s.env.n > 2 ? t.plans[2] : 0)),
                             "profiles", (json_int_t)t.profiles, "orders",
                             all_orders_done ? "simultaneous rounds and every order"
                                             : "simultaneous rounds (every order: too many "
                                               "profiles or states)",
                             "terminal_sets_checked", (json_int_t)nends);
    json_object_set_new(res->witness, "terminal_sets", ends);
    ends = NULL;
    bool yes = !strcmp(cell, "YES");
    if (yes && !without)
        mc_claim_result_set(res, MC_HOLDS,
                            "Table 1 says YES for %s: every terminal set of iterated weak "
                            "dominance (%s) contains an efficient PBE",
                            s.mech_name, all_orders_done ? "rounds and every order" : "rounds");
    else if (yes) {
        json_object_set_new(res->witness, "counterexample", first_without);
        first_without = NULL;
        mc_claim_result_set(res, MC_FAILS,
                            "Table 1 says YES for %s, but %zu terminal set(s) of iterated weak "
                            "dominance contain no efficient PBE",
                            s.mech_name, without);
    } else if (without) {
        json_object_set_new(res->witness, "witness_end", first_without);
        first_without = NULL;
        mc_claim_result_set(res, MC_HOLDS,
                            "Table 1 says NO for %s: %zu terminal set(s) of iterated weak "
                            "dominance contain no efficient PBE",
                            s.mech_name, without);
    } else
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "Table 1's NO for %s is an existence claim; on this instance an "
                            "efficient PBE survives every elimination checked",
                            s.mech_name);
done:
    json_decref(ends);
    json_decref(first_without);
    for (int k = 0; k < ran; k++)
        mc_dom_result_free(&dr[k]);
    if (have_dg)
        mc_dom_game_free(&dg);
    mc_gum_tree_nf_free(&t);
    mc_gum_setup_free(&s);
    return st;
}

/* Pure Bayesian Nash equilibria of a dynamic mechanism's game (spec 2.2,
 * Proposition 1 for T >= 2): the game of the setup's information structure
 * is compiled, its reduced normal form built exactly (mc_efnf: every pure
 * profile played out), and every pure equilibrium listed by best-response
 * marking (mc_nash_pure).  Each equilibrium is then confirmed by a second,
 * independent route: the profile's payoffs by a behaviour-strategy walk of
 * the tree, and every agent's best-response value against the others' plans
 * by dynamic programming over its information sets; a confirmed equilibrium
 * has every best-response value equal to its payoff.  Normal forms above
 * the limit are not built (the caller reports UNDECIDED). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_claims.h"
#include "mechcheck/efnf.h"
#include "mechcheck/guarantee.h"

#define LISTED 8     /* equilibria written out in full */
#define CONFIRMED 32 /* about 2 x CONFIRMED equilibria are re-confirmed */

void mc_gum_bne_init(mc_gum_bne *r)
{
    memset(r, 0, sizeof *r);
}

void mc_gum_bne_free(mc_gum_bne *r)
{
    json_decref(r->list);
    json_decref(r->first_bad);
    mc_gum_bne_init(r);
}

static uint64_t sat_mul(uint64_t a, uint64_t b)
{
    return b && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

/* The pure behaviour of the players in `players` (mask) playing their
 * agents' plans of profile prof. */
static mc_status profile_behavior(const mc_ef *ef, const mc_efnf_agent *agents,
                                  const mc_sform *sf, uint64_t prof, mc_players players,
                                  uint32_t *act, mc_ef_behavior *b, mc_error *err)
{
    uint32_t plan[MC_MAX_PLAYERS];
    mc_sform_profile_of(sf, prof, plan);
    for (uint32_t i = 0; i < ef->ninfosets; i++)
        act[i] = MC_EF_NONE;
    for (unsigned a = 0; a < sf->nagents; a++) {
        const mc_efnf_agent *ag = &agents[a];
        for (uint32_t u = 0; u < ag->nunits; u++)
            act[ag->unit[u]] = ag->plan[(size_t)plan[a] * ag->nunits + u];
    }
    return mc_ef_behavior_pure(ef, players, act, b, err);
}

/* Confirms that profile prof is an equilibrium with payoffs pay[] (the
 * normal form's): an independent evaluation of the profile, and for every
 * agent the best-response value by DP.  *ok = false names the first
 * disagreement in why. */
static mc_status confirm(const mc_ef *ef, const mc_efnf_agent *agents, const mc_sform *sf,
                         uint64_t prof, uint32_t *act, bool *ok, char *why, size_t cap,
                         mc_error *err)
{
    unsigned n = ef->nplayers;
    mc_players all = mc_players_all(n);
    mc_ef_behavior b;
    mc_q *val = malloc(n * sizeof *val), w[MC_MAX_PLAYERS];
    if (!val)
        return mc_error_set(err, MC_ENOMEM, "bne: out of memory");
    mc_q_init_vec(val, n);
    mc_status st = profile_behavior(ef, agents, sf, prof, all, act, &b, err);
    if (st == MC_OK) {
        st = mc_ef_expected_payoff(ef, &b, val, err);
        mc_ef_behavior_free(&b);
    }
    *ok = true;
    for (unsigned p = 0; st == MC_OK && p < n && *ok; p++)
        if (!mc_q_eq(&val[p], mc_sform_payoff(sf, prof, p))) {
            *ok = false;
            snprintf(why, cap, "player %u's payoff differs between the normal form and a walk", p + 1);
        }
    for (unsigned p = 0; st == MC_OK && p < n && *ok; p++) {
        if ((st = profile_behavior(ef, agents, sf, prof, all & ~(UINT64_C(1) << p), act, &b,
                                   err)) != MC_OK)
            break;
        for (unsigned q = 0; q < n; q++)
            w[q] = (mc_q)MC_Q_INT(q == p);
        mc_side_opt br;
        mc_side_opt_init(&br);
        st = mc_side_optimum(ef, UINT64_C(1) << p, &b, w, true, &br, err);
        if (st == MC_OK && !mc_q_eq(&br.value, &val[p])) {
            *ok = false;
            char a[64], c[64];
            mc_q_snprint(a, sizeof a, &br.value);
            mc_q_snprint(c, sizeof c, &val[p]);
            snprintf(why, cap, "player %u's best response gets %s, the profile %s", p + 1, a, c);
        }
        mc_side_opt_free(&br);
        mc_ef_behavior_free(&b);
    }
    mc_q_clear_vec(val, n);
    free(val);
    return st;
}

static json_t *profile_json(const mc_gum_env *e, const mc_sform *sf, uint64_t prof,
                            const mc_q *welfare)
{
    uint32_t plan[MC_MAX_PLAYERS];
    mc_sform_profile_of(sf, prof, plan);
    json_t *plans = json_object(), *eu = json_object();
    char buf[1024];
    for (unsigned a = 0; a < sf->nagents; a++) {
        json_object_set_new(plans, e->agent_name[a + 1],
                            json_string(mc_sform_strategy_name(sf, a, plan[a], buf, sizeof buf)));
        json_object_set_new(eu, e->agent_name[a + 1], mc_gum_jq(mc_sform_payoff(sf, prof, a)));
    }
    return json_pack("{s:o,s:o,s:o}", "plans", plans, "expected_utility", eu, "welfare",
                     mc_gum_jq(welfare));
}

mc_status mc_gum_pure_bne(const mc_gum_setup *s, uint64_t max_profiles, mc_gum_bne *r,
                          mc_error *err)
{
    const mc_gum_env *e = &s->env;
    unsigned n = e->n;
    uint64_t root = mc_gum_state_index(e, 0, e->init);
    const mc_q *ups = &s->pol.F[0][root * n];
    mc_gum_bne_init(r);
    mc_game *game = NULL;
    uint32_t all = (uint32_t)mc_players_all(n);
    mc_status st = mc_gum_setup_game(s, 0, 0, s->past ? all : 0, true, &game, err);
    if (st != MC_OK)
        return st;
    mc_ef ef;
    if ((st = mc_ef_build(game, NULL, &ef, err)) != MC_OK) {
        mc_game_destroy(game);
        return st;
    }
    r->nodes = ef.nnodes;
    r->profiles = 1;
    for (unsigned p = 0; p < n; p++) {
        r->plans[p] = mc_efnf_count_reduced(&ef, p);
        r->profiles = sat_mul(r->profiles, r->plans[p]);
    }
    if (r->profiles > max_profiles) {
        r->limited = true;
        mc_ef_free(&ef);
        mc_game_destroy(game);
        return MC_OK;
    }
    mc_efnf nf;
    mc_efnf_options o;
    mc_efnf_options_default(&o);
    o.outcomes = false;
    o.max_profiles = max_profiles;
    o.max_strategies = max_profiles;
    mc_sform sf;
    memset(&sf, 0, sizeof sf);
    mc_nash_result ne;
    memset(&ne, 0, sizeof ne);
    bool have_nf = false, fast = false;
    mc_efnf_agent ag[MC_MAX_PLAYERS];
    memset(ag, 0, sizeof ag);
    uint32_t *act = malloc(((size_t)ef.ninfosets + 1) * sizeof *act);
    mc_q wel = MC_Q_ZERO, gap = MC_Q_ZERO;
    if (!act) {
        st = mc_error_set(err, MC_ENOMEM, "bne: out of memory");
        goto done;
    }
    /* the scaled-integer sequence-form route; mc_efnf_build when the numbers do not fit */
    if ((st = mc_gum_seq_nf(&ef, max_profiles, ag, &sf, &fast, err)) != MC_OK)
        goto done;
    if (!fast) {
        if ((st = mc_efnf_build(&ef, NULL, &o, &nf, err)) != MC_OK)
            goto done;
        have_nf = true;
        if ((st = mc_efnf_to_sform(&ef, &nf, max_profiles, &sf, err)) != MC_OK)
            goto done;
    }
    const mc_efnf_agent *agents = fast ? ag : nf.agent;
    r->integer_route = fast;
    if ((st = mc_nash_pure(&sf, NULL, max_profiles, &ne, err)) != MC_OK)
        goto done;
    r->count = ne.count;
    r->list = json_array();
    for (size_t k = 0; k < ne.count && st == MC_OK; k++) {
        uint64_t prof = ne.profile[k];
        mc_q_set_i64(&wel, 0);
        bool equiv = true;
        for (unsigned a = 0; a < n; a++) {
            mc_q_add(&wel, &wel, mc_sform_payoff(&sf, prof, a));
            equiv = equiv && mc_q_eq(mc_sform_payoff(&sf, prof, a), &ups[a]);
        }
        bool efficient = mc_q_eq(&wel, &s->pol.W);
        r->inefficient += !efficient;
        r->not_equivalent += !equiv;
        /* confirmed: the first CONFIRMED, then evenly spread ones, and the
         * first counterexample */
        size_t stride = ne.count / CONFIRMED + 1;
        bool bad_first = (!efficient || !equiv) && !r->first_bad;
        if (k < CONFIRMED || k % stride == 0 || bad_first) {
            bool ok = true;
            char why[256] = "";
            if ((st = confirm(&ef, agents, &sf, prof, act, &ok, why, sizeof why, err)) != MC_OK)
                break;
            if (!ok) {
                st = mc_error_set(err, MC_EINTERNAL, "bne: equilibrium %zu not confirmed: %s",
                                  k + 1, why);
                break;
            }
            r->rechecked++;
        }
        if (k < LISTED)
            json_array_append_new(r->list, profile_json(e, &sf, prof, &wel));
        if ((!efficient || !equiv) && !r->first_bad) {
            r->first_bad = profile_json(e, &sf, prof, &wel);
            mc_q_sub(&gap, &s->pol.W, &wel);
            json_object_set_new(r->first_bad, "W*_minus_welfare", mc_gum_jq(&gap));
            json_object_set_new(r->first_bad, "upsilon", mc_gum_jagents(e, ups));
        }
    }
done:
    mc_q_clear(&wel);
    mc_q_clear(&gap);
    free(act);
    mc_nash_result_free(&ne);
    mc_sform_free(&sf);
    if (have_nf)
        mc_efnf_free(&nf);
    for (unsigned p = 0; p < n; p++)
        mc_efnf_agent_free(&ag[p]);
    mc_ef_free(&ef);
    mc_game_destroy(game);
    return st;
}

/* Limit on the profiles of the reduced normal form (R4: 1024 x 1024 x 1). */
#define BNE_DEFAULT_MAX_PROFILES (UINT64_C(1) << 20)

mc_status mc_gum_bne_limit(const mc_instance *in, uint64_t *max_profiles, mc_error *err)
{
    int64_t v, d = (int64_t)BNE_DEFAULT_MAX_PROFILES;
    mc_status st = mc_inst_int(in, "max_profiles", 1, INT64_C(1) << 26, &d, &v, err);
    *max_profiles = (uint64_t)v;
    return st;
}

json_t *mc_gum_bne_json(const mc_gum_setup *s, const mc_gum_bne *r, uint64_t max_profiles)
{
    const mc_gum_env *e = &s->env;
    uint64_t root = mc_gum_state_index(e, 0, e->init);
    json_t *plans = json_object();
    for (unsigned i = 1; i <= e->n; i++)
        json_object_set_new(plans, e->agent_name[i], json_integer((json_int_t)r->plans[i - 1]));
    json_t *o = json_pack("{s:o,s:o,s:o,s:o,s:I,s:I}", "setup", mc_gum_jsetup(s), "upsilon",
                          mc_gum_jagents(e, &s->pol.F[0][root * e->n]), "W*", mc_gum_jq(&s->pol.W),
                          "reduced_plans", plans, "profiles",
                          (json_int_t)(r->profiles > (uint64_t)INT64_MAX ? INT64_MAX
                                                                         : r->profiles),
                          "profile_limit", (json_int_t)max_profiles);
    if (r->limited)
        return o;
    json_object_set_new(o, "pure_bne_count", json_integer((json_int_t)r->count));
    json_object_set_new(o, "inefficient", json_integer((json_int_t)r->inefficient));
    json_object_set_new(o, "not_utility_equivalent", json_integer((json_int_t)r->not_equivalent));
    json_object_set_new(o, "confirmed_by_dp_best_responses", json_integer((json_int_t)r->rechecked));
    json_object_set_new(o, "pure_bne", json_incref(r->list));
    if (r->first_bad)
        json_object_set_new(o, "counterexample", json_incref(r->first_bad));
    return o;
}

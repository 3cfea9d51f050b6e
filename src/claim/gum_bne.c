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
    json_decref(r->inefficient_pbe);
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

void mc_gum_tree_nf_free(mc_gum_tree_nf *t)
{
    if (t->have_wef)
        mc_ef_free(&t->wef);
    mc_game_destroy(t->wgame);
    if (t->wmech.env)
        mc_gum_mech_free(&t->wmech);
    mc_sform_free(&t->sf);
    if (t->have_nf)
        mc_efnf_free(&t->nf);
    for (unsigned p = 0; p < MC_MAX_PLAYERS; p++)
        mc_efnf_agent_free(&t->ag[p]);
    if (t->have_ef)
        mc_ef_free(&t->ef);
    mc_game_destroy(t->game);
    memset(t, 0, sizeof *t);
}

mc_status mc_gum_tree_nf_build(const mc_gum_setup *s, uint64_t max_profiles, mc_gum_tree_nf *t,
                               mc_error *err)
{
    memset(t, 0, sizeof *t);
    unsigned n = s->env.n;
    uint32_t all = (uint32_t)mc_players_all(n);
    mc_status st = mc_gum_setup_game(s, 0, 0, s->past ? all : 0, true, &t->game, err);
    if (st != MC_OK)
        return st;
    if ((st = mc_ef_build(t->game, NULL, &t->ef, err)) != MC_OK)
        return st;
    t->have_ef = true;
    t->profiles = 1;
    for (unsigned p = 0; p < n; p++) {
        t->plans[p] = mc_efnf_count_reduced(&t->ef, p);
        t->profiles = sat_mul(t->profiles, t->plans[p]);
    }
    if (t->profiles > max_profiles) {
        t->limited = true;
        return MC_OK;
    }
    /* the scaled-integer sequence-form route; mc_efnf_build when the numbers do not fit */
    if ((st = mc_gum_seq_nf(&t->ef, max_profiles, t->ag, &t->sf, &t->fast, err)) != MC_OK)
        return st;
    if (!t->fast) {
        mc_efnf_options o;
        mc_efnf_options_default(&o);
        o.outcomes = false;
        o.max_profiles = max_profiles;
        o.max_strategies = max_profiles;
        if ((st = mc_efnf_build(&t->ef, NULL, &o, &t->nf, err)) != MC_OK)
            return st;
        t->have_nf = true;
        if ((st = mc_efnf_to_sform(&t->ef, &t->nf, max_profiles, &t->sf, err)) != MC_OK)
            return st;
    }
    t->agents = t->fast ? t->ag : t->nf.agent;
    t->balanced = true;
    for (size_t m = 0; m < s->nmechs; m++)
        t->balanced = t->balanced && s->mechs[m].balanced;
    if (t->balanced)
        return MC_OK;
    /* the payoff-only twin of the tree, for welfare */
    if (s->nmechs != 1)
        return mc_error_set(err, MC_EUNSUPPORTED, "welfare: one mechanism expected");
    if ((st = mc_gum_mech_build(&t->wmech, &s->env, &s->pol, MC_GUM_KIND_NONE, s->order, err)) !=
        MC_OK)
        return st;
    mc_gum_game_opts go = s->gopts;
    go.coalition = go.truthful = 0;
    go.observe_past = s->past ? all : 0;
    go.simultaneous = go.info == MC_GUM_V0 && !go.transfer_free;
    if ((st = mc_gum_game_new(&t->wgame, &s->env, &s->pol, &t->wmech, 1, &go, err)) != MC_OK ||
        (st = mc_ef_build(t->wgame, NULL, &t->wef, err)) != MC_OK)
        return st;
    t->have_wef = true;
    if (t->wef.nnodes != t->ef.nnodes || t->wef.ninfosets != t->ef.ninfosets)
        return mc_error_set(err, MC_EINTERNAL, "welfare: the payoff-only tree differs in shape");
    return MC_OK;
}

mc_status mc_gum_tree_nf_welfare(const mc_gum_tree_nf *t, uint64_t prof, mc_q *w, mc_error *err)
{
    unsigned n = t->sf.nagents;
    mc_q_set_i64(w, 0);
    if (t->balanced) {
        for (unsigned a = 0; a < n; a++)
            mc_q_add(w, w, mc_sform_payoff(&t->sf, prof, a));
        return MC_OK;
    }
    uint32_t *act = malloc(((size_t)t->wef.ninfosets + 1) * sizeof *act);
    if (!act)
        return mc_error_set(err, MC_ENOMEM, "welfare: out of memory");
    mc_ef_behavior b;
    mc_status st = profile_behavior(&t->wef, t->agents, &t->sf, prof, mc_players_all(n), act, &b,
                                    err);
    mc_q v[MC_MAX_PLAYERS];
    mc_q_init_vec(v, n);
    if (st == MC_OK) {
        st = mc_ef_expected_payoff(&t->wef, &b, v, err);
        mc_ef_behavior_free(&b);
    }
    for (unsigned a = 0; a < n; a++)
        mc_q_add(w, w, &v[a]);
    mc_q_clear_vec(v, n);
    free(act);
    return st;
}

mc_status mc_gum_pure_bne(const mc_gum_setup *s, uint64_t max_profiles, bool pbe, mc_gum_bne *r,
                          mc_error *err)
{
    const mc_gum_env *e = &s->env;
    unsigned n = e->n;
    uint64_t root = mc_gum_state_index(e, 0, e->init);
    const mc_q *ups = &s->pol.F[0][root * n];
    mc_gum_bne_init(r);
    mc_gum_tree_nf t;
    mc_status st = mc_gum_tree_nf_build(s, max_profiles, &t, err);
    r->nodes = t.have_ef ? t.ef.nnodes : 0;
    r->profiles = t.profiles;
    memcpy(r->plans, t.plans, sizeof r->plans);
    r->limited = t.limited;
    if (st != MC_OK || t.limited) {
        mc_gum_tree_nf_free(&t);
        return st;
    }
    r->integer_route = t.fast;
    const mc_ef *efp = &t.ef;
    const mc_sform *sfp = &t.sf;
    const mc_efnf_agent *agents = t.agents;
    mc_nash_result ne;
    memset(&ne, 0, sizeof ne);
    uint32_t *act = malloc(((size_t)efp->ninfosets + 1) * sizeof *act);
    mc_q wel = MC_Q_ZERO, gap = MC_Q_ZERO;
    if (!act) {
        st = mc_error_set(err, MC_ENOMEM, "bne: out of memory");
        goto done;
    }
    if ((st = mc_nash_pure(sfp, NULL, max_profiles, &ne, err)) != MC_OK)
        goto done;
    r->count = ne.count;
    r->list = json_array();
    for (size_t k = 0; k < ne.count && st == MC_OK; k++) {
        uint64_t prof = ne.profile[k];
        bool equiv = true;
        for (unsigned a = 0; a < n; a++)
            equiv = equiv && mc_q_eq(mc_sform_payoff(sfp, prof, a), &ups[a]);
        if ((st = mc_gum_tree_nf_welfare(&t, prof, &wel, err)) != MC_OK)
            break;
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
            if ((st = confirm(efp, agents, sfp, prof, act, &ok, why, sizeof why, err)) != MC_OK)
                break;
            if (!ok) {
                st = mc_error_set(err, MC_EINTERNAL, "bne: equilibrium %zu not confirmed: %s",
                                  k + 1, why);
                break;
            }
            r->rechecked++;
        }
        if (k < LISTED)
            json_array_append_new(r->list, profile_json(e, sfp, prof, &wel));
        if (pbe && !efficient && !r->inefficient_pbe) {
            mc_gum_pbe sr = {.worst_gain = MC_Q_ZERO};
            uint32_t plan[MC_MAX_PLAYERS];
            mc_sform_profile_of(sfp, prof, plan);
            st = mc_gum_profile_pbe(efp, agents, plan, &sr, err);
            r->pbe_tested++;
            if (st == MC_OK && sr.violations == 0) {
                r->inefficient_pbe = profile_json(e, sfp, prof, &wel);
                mc_q_sub(&gap, &s->pol.W, &wel);
                json_object_set_new(r->inefficient_pbe, "W*_minus_welfare", mc_gum_jq(&gap));
                json_object_set_new(r->inefficient_pbe, "sequentially_rational_sets",
                                    json_integer((json_int_t)sr.sets));
            }
            mc_q_clear(&sr.worst_gain);
        }
        if ((!efficient || !equiv) && !r->first_bad) {
            r->first_bad = profile_json(e, sfp, prof, &wel);
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
    mc_gum_tree_nf_free(&t);
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
    json_object_set_new(o, "normal_form_route",
                        json_string(r->integer_route ? "sequence form in scaled integers"
                                                     : "every profile played out (mc_efnf_build)"));
    json_object_set_new(o, "pure_bne_count", json_integer((json_int_t)r->count));
    json_object_set_new(o, "inefficient", json_integer((json_int_t)r->inefficient));
    json_object_set_new(o, "not_utility_equivalent", json_integer((json_int_t)r->not_equivalent));
    json_object_set_new(o, "confirmed_by_dp_best_responses", json_integer((json_int_t)r->rechecked));
    json_object_set_new(o, "pure_bne", json_incref(r->list));
    if (r->first_bad)
        json_object_set_new(o, "counterexample", json_incref(r->first_bad));
    return o;
}

/* Seed 004, Appendix C claims on the games of gum_appc.c:
 *  app-c-spe       (72) is the unique SPE, and x1 = Quit in every NE (fn 38);
 *  app-c-bet       Bet is optimal for agent 1 iff it believes 2's guess is
 *                  wrong with probability at least 0.2;
 *  app-c-safronov  (72) is Safronov coalition-proof (eq. 71);
 *  app-c-three     the three-player stage variant has the unique NE (Y,Y,Y).
 * Each search runs on the strategic form; each reported profile is then
 * re-evaluated straight from the payoff tables. */
#include <stdio.h>
#include <string.h>

#include "claim/gum_appc.h"
#include "mechcheck/dominance.h"
#include "mechcheck/fragment.h"
#include "mechcheck/nash.h"

static json_t *jint(int64_t v)
{
    return json_integer((json_int_t)v);
}

static void margin(mc_claim_result *res, const char *name, int64_t v)
{
    if (!res->margins)
        res->margins = json_object();
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    json_object_set_new(res->margins, name, json_string(buf));
}

/* The paper's (72): Quit, (Y, Y), Y, Y. */
static const uint32_t printed72[4] = {MC_APPC_QUIT, 0, MC_APPC_Y, MC_APPC_Y};

static const char *const guess_label[4] = {"guess YY", "guess YN", "guess NY", "guess NN"};

/* The bet game's fragment for `check --dot`: the play of `on` (marked
 * "path") and, after Bet, the play of `off` (marked `off_mark`: the
 * subgame's equilibrium off the path, or a deviation). */
static json_t *bet_fragment(const mc_appc *g, const uint32_t *on, const uint32_t *off,
                            const char *off_mark)
{
    json_t *f = mc_fragment_new();
    int64_t u[4];
    char leaf[96];
    int root = mc_fragment_node(f, "agent 1: Quit or Bet", "decision", "focus");
    mc_appc_four_payoff(g, on, u);
    bool bet_on = on[0] == MC_APPC_BET;
    const uint32_t *b = bet_on ? on : off;
    const char *bm = bet_on ? "path" : off_mark;
    if (!bet_on) {
        snprintf(leaf, sizeof leaf, "(%lld, %lld, %lld, %lld)", (long long)u[0], (long long)u[1],
                 (long long)u[2], (long long)u[3]);
        int quit = mc_fragment_node(f, leaf, "terminal", "path");
        mc_fragment_edge(f, root, quit, "Quit", "path");
    }
    int two = mc_fragment_node(f, "agent 2 guesses (g3, g4) privately", "decision", bm);
    mc_fragment_edge(f, root, two, "Bet", bm);
    int pd = mc_fragment_node(f, "agents 3 and 4: prisoners' dilemma (guess unseen)", "decision",
                              bm);
    mc_fragment_edge(f, two, pd, guess_label[b[1]], bm);
    mc_appc_four_payoff(g, b, u);
    snprintf(leaf, sizeof leaf, "(%lld, %lld, %lld, %lld)", (long long)u[0], (long long)u[1],
             (long long)u[2], (long long)u[3]);
    int end = mc_fragment_node(f, leaf, "terminal", bm);
    char moves[16];
    snprintf(moves, sizeof moves, "(%s, %s)", b[2] == MC_APPC_Y ? "Y" : "N",
             b[3] == MC_APPC_Y ? "Y" : "N");
    mc_fragment_edge(f, pd, end, moves, bm);
    return f;
}

/* Is s a strict equilibrium of the Bet subgame (agents 2..4), by the table? */
static bool strict_in_subgame(const mc_appc *g, const uint32_t *s)
{
    static const uint32_t ns[4] = {2, 4, 2, 2};
    int64_t u[4], v[4];
    mc_appc_four_payoff(g, s, u);
    for (unsigned i = 1; i < 4; i++)
        for (uint32_t d = 0; d < ns[i]; d++) {
            if (d == s[i])
                continue;
            uint32_t t[4] = {s[0], s[1], s[2], s[3]};
            t[i] = d;
            mc_appc_four_payoff(g, t, v);
            if (v[i] >= u[i])
                return false;
        }
    return true;
}

mc_status mc_appc_check_spe(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                            mc_error *err)
{
    (void)o;
    mc_appc g;
    mc_sform sf;
    mc_dom_game dg;
    mc_survivors start;
    mc_dom_result dr;
    mc_nash_result ne;
    memset(&sf, 0, sizeof sf);
    memset(&dg, 0, sizeof dg);
    memset(&start, 0, sizeof start);
    memset(&dr, 0, sizeof dr);
    memset(&ne, 0, sizeof ne);
    bool have_dg = false, have_dr = false, have_ne = false;
    mc_status st = mc_appc_read(&g, in, err);
    if (st == MC_OK)
        st = mc_appc_four_sform(&g, &sf, err);
    if (st == MC_OK && (st = mc_dom_game_init(&dg, &sf, err)) == MC_OK)
        have_dg = true;
    /* the subgame after Bet: agent 1 restricted to Bet */
    if (st == MC_OK && (st = mc_survivors_init(&start, &sf, err)) == MC_OK) {
        uint32_t bet = MC_APPC_BET;
        mc_survivors_keep_only(&start, 0, &bet, 1);
    }
    mc_dom_options dopt;
    mc_dom_options_default(&dopt, MC_DOM_STRICT, MC_DOM_ROUNDS);
    if (st == MC_OK) {
        st = mc_dom_iterate(&dg, &start, &dopt, &dr, err);
        have_dr = true;
    }
    if (st == MC_OK) {
        mc_error why;
        if (mc_dom_verify(&dg, &start, &dr, &why) != MC_OK)
            st = mc_error_set(err, MC_EINTERNAL, "app-c-spe: %s", why.msg);
    }
    if (st == MC_OK && (st = mc_nash_pure(&sf, NULL, 0, &ne, err)) == MC_OK)
        have_ne = true;
    if (st != MC_OK)
        goto done;
    res->nodes = sf.nprofiles;
    json_t *w = json_object();
    res->witness = w;
    /* every pure NE of the whole game, and whether all Quit (fn 38) */
    size_t quit_ne = 0;
    json_t *nel = json_array();
    for (size_t k = 0; k < ne.count; k++) {
        uint32_t s[4];
        mc_sform_profile_of(&sf, ne.profile[k], s);
        quit_ne += s[0] == MC_APPC_QUIT;
        json_array_append_new(nel, mc_appc_profile_json(&sf, s));
    }
    json_object_set_new(w, "pure_ne_of_the_game", nel);
    json_object_set_new(w, "pure_ne_with_quit", jint((int64_t)quit_ne));
    if (mc_survivors_nprofiles(&dr.survivors) != 1) {
        json_object_set_new(w, "subgame_survivor_profiles",
                            jint((int64_t)mc_survivors_nprofiles(&dr.survivors)));
        mc_claim_result_set(res, MC_UNDECIDED,
                            "the subgame after Bet is not solved by iterated strict dominance: "
                            "uniqueness of its equilibrium is not established");
        goto done;
    }
    uint32_t s[4];
    for (unsigned i = 0; i < 4; i++)
        for (uint32_t k = 0; k < sf.nstrategies[i]; k++)
            if (mc_survivors_has(&dr.survivors, i, k))
                s[i] = k;
    if (!strict_in_subgame(&g, s)) {
        st = mc_error_set(err, MC_EINTERNAL,
                          "app-c-spe: the dominance survivor is not a strict equilibrium");
        goto done;
    }
    int64_t u[4];
    mc_appc_four_payoff(&g, s, u);
    int64_t bet_value = u[0];
    json_object_set_new(w, "subgame_after_bet",
                        json_pack("{s:o,s:i,s:o}", "unique_equilibrium",
                                  mc_appc_profile_json(&sf, s), "strict_dominance_rounds",
                                  (int)dr.nrounds, "value_of_bet_for_1", jint(bet_value)));
    /* agent 1 compares Bet (the subgame's unique equilibrium) with Quit (0) */
    uint32_t sub[4] = {MC_APPC_BET, s[1], s[2], s[3]};
    s[0] = bet_value > 0 ? MC_APPC_BET : MC_APPC_QUIT;
    res->fragment = bet_fragment(&g, s, sub, "");
    json_object_set_new(w, "spe", mc_appc_profile_json(&sf, s));
    margin(res, "quit_minus_bet_for_1", -bet_value);
    bool is72 = !memcmp(s, printed72, sizeof s);
    if (bet_value == 0)
        mc_claim_result_set(res, MC_FAILS,
                            "agent 1 is indifferent between Quit and Bet (both 0): the SPE is not "
                            "unique");
    else if (!is72)
        mc_claim_result_set(res, MC_FAILS, "the unique SPE is not (72)");
    else if (quit_ne != ne.count)
        mc_claim_result_set(res, MC_FAILS,
                            "(72) is the unique SPE, but %zu of the %zu pure NE have Bet "
                            "(footnote 38 says Quit in every NE)",
                            ne.count - quit_ne, ne.count);
    else
        mc_claim_result_set(res, MC_HOLDS,
                            "(72) is the unique SPE: after Bet, iterated strict dominance leaves "
                            "only (YY, Y, Y), worth %lld < 0 to agent 1; all %zu pure NE have "
                            "Quit, and so does every mixed NE (one that Bets with positive "
                            "probability must play the subgame's unique equilibrium)",
                            (long long)bet_value, ne.count);
done:
    if (have_ne)
        mc_nash_result_free(&ne);
    if (have_dr)
        mc_dom_result_free(&dr);
    mc_survivors_free(&start);
    if (have_dg)
        mc_dom_game_free(&dg);
    mc_sform_free(&sf);
    mc_appc_free(&g);
    return st;
}

mc_status mc_appc_check_bet(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                            mc_error *err)
{
    (void)o;
    mc_appc g;
    mc_status st = mc_appc_read(&g, in, err);
    if (st != MC_OK) {
        mc_appc_free(&g);
        return st;
    }
    /* E u1(Bet) = (1 - p) u1(correct) + p u1(wrong); Quit gives 0 */
    mc_q one = MC_Q_INT(1), q = MC_Q_ZERO, t = MC_Q_ZERO, fifth = MC_Q_ZERO, diff = MC_Q_ZERO;
    mc_q_sub(&q, &one, &g.p);
    mc_q_set_i64(&t, g.bet[0]);
    mc_q_mul(&diff, &q, &t);
    mc_q_set_i64(&t, g.bet[2]);
    mc_q_mul(&t, &t, &g.p);
    mc_q_add(&diff, &diff, &t);
    mc_q_set_frac(&fifth, 1, 5);
    bool bet_optimal = mc_q_sgn(&diff) >= 0, at_least_fifth = mc_q_cmp(&g.p, &fifth) >= 0;
    char ps[64], ds[64];
    mc_q_snprint(ps, sizeof ps, &g.p);
    mc_q_snprint(ds, sizeof ds, &diff);
    res->nodes = 1;
    res->witness = json_pack("{s:s,s:s,s:b,s:b}", "p_guess_wrong", ps, "bet_minus_quit_for_1", ds,
                             "bet_optimal", bet_optimal, "p_at_least_1/5", at_least_fifth);
    /* the exact threshold, where E u1(Bet) = 0 */
    if (g.bet[0] != g.bet[2]) {
        mc_q_set_frac(&t, -g.bet[0], g.bet[2] - g.bet[0]);
        char ts[64];
        mc_q_snprint(ts, sizeof ts, &t);
        json_object_set_new(res->witness, "threshold", json_string(ts));
    }
    if (!res->margins)
        res->margins = json_object();
    json_object_set_new(res->margins, "bet_minus_quit_for_1", json_string(ds));
    if (bet_optimal == at_least_fifth)
        mc_claim_result_set(res, MC_HOLDS,
                            "at p = %s, E u1(Bet) - E u1(Quit) = %s: Bet is %soptimal, as p %s 1/5 "
                            "says",
                            ps, ds, bet_optimal ? "" : "not ", at_least_fifth ? ">=" : "<");
    else
        mc_claim_result_set(res, MC_FAILS,
                            "at p = %s, E u1(Bet) - E u1(Quit) = %s: Bet is %soptimal although "
                            "p %s 1/5",
                            ps, ds, bet_optimal ? "" : "not ", at_least_fifth ? ">=" : "<");
    mc_q_clear(&q);
    mc_q_clear(&t);
    mc_q_clear(&fifth);
    mc_q_clear(&diff);
    mc_appc_free(&g);
    return MC_OK;
}

/* The coalition's best joint pure plan against (72) for the others, by the
 * strategic form (exact); the caller re-evaluates it from the tables. */
static void best_plan(const mc_sform *sf, unsigned mask, mc_q *top, uint32_t *best)
{
    mc_q tot = MC_Q_ZERO;
    bool any = false;
    for (uint64_t p = 0; p < sf->nprofiles; p++) {
        uint32_t s[4];
        mc_sform_profile_of(sf, p, s);
        bool others_fixed = true;
        for (unsigned i = 0; i < 4; i++)
            if (!(mask >> i & 1u) && s[i] != printed72[i])
                others_fixed = false;
        if (!others_fixed)
            continue;
        mc_q_set_i64(&tot, 0);
        for (unsigned i = 0; i < 4; i++)
            if (mask >> i & 1u)
                mc_q_add(&tot, &tot, mc_sform_payoff(sf, p, i));
        if (!any || mc_q_cmp(&tot, top) > 0) {
            any = true;
            mc_q_set(top, &tot);
            memcpy(best, s, sizeof s);
        }
    }
    mc_q_clear(&tot);
}

mc_status mc_appc_check_safronov(const mc_instance *in, const mc_check_opts *o,
                                 mc_claim_result *res, mc_error *err)
{
    (void)o;
    mc_appc g;
    mc_sform sf;
    memset(&sf, 0, sizeof sf);
    mc_status st = mc_appc_read(&g, in, err);
    if (st == MC_OK)
        st = mc_appc_four_sform(&g, &sf, err);
    if (st != MC_OK) {
        mc_sform_free(&sf);
        mc_appc_free(&g);
        return st;
    }
    int64_t base[4];
    mc_appc_four_payoff(&g, printed72, base);
    json_t *viol = json_array();
    int64_t worst = 0;
    unsigned nviol = 0;
    for (unsigned mask = 1; mask < 16; mask++) {
        uint32_t s[4];
        mc_q q = MC_Q_ZERO, r = MC_Q_ZERO;
        best_plan(&sf, mask, &q, s);
        int64_t was = 0, u[4], top = 0;
        mc_appc_four_payoff(&g, s, u); /* re-evaluated from the tables */
        char members[16] = "";
        size_t len = 0;
        for (unsigned i = 0; i < 4; i++)
            if (mask >> i & 1u) {
                was += base[i];
                top += u[i];
                len += (size_t)snprintf(members + len, sizeof members - len, "%s%u",
                                        len ? "," : "", i + 1);
            }
        mc_q_set_i64(&r, top);
        bool agree = mc_q_eq(&q, &r);
        mc_q_clear(&q);
        mc_q_clear(&r);
        if (!agree) {
            st = mc_error_set(err, MC_EINTERNAL, "app-c-safronov: form and table disagree");
            break;
        }
        if (top <= was)
            continue;
        nviol++;
        json_t *row = json_pack("{s:s,s:o,s:o,s:o,s:o}", "coalition", members, "joint_plan",
                                mc_appc_profile_json(&sf, s), "total_under_72", jint(was),
                                "total_after_deviation", jint(top), "gain", jint(top - was));
        json_t *each = json_object();
        for (unsigned i = 0; i < 4; i++) {
            char k[4];
            snprintf(k, sizeof k, "%u", i + 1);
            json_object_set_new(each, k, jint(u[i]));
        }
        json_object_set_new(row, "payoffs_after_deviation", each);
        if (top - was > worst) {
            worst = top - was;
            json_decref(res->fragment);
            res->fragment = bet_fragment(&g, printed72, s, "deviation");
            json_array_insert_new(viol, 0, row);
        } else {
            json_array_append_new(viol, row);
        }
    }
    if (st == MC_OK) {
        res->nodes = 15 * sf.nprofiles;
        res->witness = json_pack("{s:o,s:i,s:O}", "profile_72",
                                 mc_appc_profile_json(&sf, printed72), "coalitions_checked", 15,
                                 "violations", viol);
        margin(res, "largest_coalition_gain", worst);
        if (nviol) {
            json_t *first = json_array_get(viol, 0);
            mc_claim_result_set(res, MC_FAILS,
                                "(72) is not Safronov coalition-proof: coalition {%s} gains %lld "
                                "by a joint deviation (%u of 15 coalitions gain)",
                                json_string_value(json_object_get(first, "coalition")),
                                (long long)worst, nviol);
        } else {
            mc_claim_result_set(res, MC_HOLDS,
                                "no coalition's joint pure plan raises its total against (72) "
                                "(all 15 coalitions; pure plans suffice, eq. 71 is linear)");
        }
    }
    json_decref(viol);
    mc_sform_free(&sf);
    mc_appc_free(&g);
    return st;
}

mc_status mc_appc_check_three(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                              mc_error *err)
{
    (void)o;
    mc_appc g;
    mc_sform sf;
    memset(&sf, 0, sizeof sf);
    mc_nash_result ne;
    memset(&ne, 0, sizeof ne);
    bool have_ne = false;
    mc_status st = mc_appc_read(&g, in, err);
    if (st == MC_OK)
        st = mc_appc_three_sform(&g, &sf, err);
    if (st == MC_OK && (st = mc_nash_pure(&sf, NULL, 0, &ne, err)) == MC_OK)
        have_ne = true;
    if (st != MC_OK)
        goto done;
    res->nodes = sf.nprofiles;
    json_t *list = json_array();
    bool yyy_is_ne = false;
    for (size_t k = 0; k < ne.count; k++) {
        uint32_t s[3];
        int64_t u[3];
        mc_sform_profile_of(&sf, ne.profile[k], s);
        mc_appc_three_payoff(&g, s, u);
        yyy_is_ne = yyy_is_ne || ne.profile[k] == 0;
        /* each player's payoff and its deviation's, from the table */
        json_t *dev = json_object();
        for (unsigned i = 0; i < 3; i++) {
            uint32_t t[3] = {s[0], s[1], s[2]};
            int64_t v[3];
            t[i] ^= 1u;
            mc_appc_three_payoff(&g, t, v);
            if (v[i] > u[i]) {
                st = mc_error_set(err, MC_EINTERNAL, "app-c-three: a listed NE is not one");
                json_decref(dev);
                json_decref(list);
                goto done;
            }
            char key[4];
            snprintf(key, sizeof key, "%u", i + 3);
            json_object_set_new(dev, key, json_pack("{s:o,s:o}", "payoff", jint(u[i]),
                                                    "after_deviating", jint(v[i])));
        }
        json_array_append_new(list, json_pack("{s:o,s:o}", "profile",
                                              mc_appc_profile_json(&sf, s), "players", dev));
    }
    /* the pairs' gain from both playing N against (Y, Y, Y): the "options
     * for plausible collusion" */
    int64_t pair_gain = 2 * g.stage[3] - 2 * g.stage[0];
    res->witness = json_pack("{s:o,s:o,s:o}", "pure_ne", list, "pure_ne_count",
                             jint((int64_t)ne.count), "pair_gain_from_NN_against_YYY",
                             jint(pair_gain));
    margin(res, "pure_ne_count", (int64_t)ne.count);
    if (ne.count > 1 || !yyy_is_ne) {
        mc_claim_result_set(res, MC_FAILS,
                            "%s: the stage game has %zu pure NE (each listed with every player's "
                            "deviation payoff)",
                            yyy_is_ne ? "(Y,Y,Y) is not the unique NE" : "(Y,Y,Y) is not an NE",
                            ne.count);
    } else {
        /* a single pure NE; unique among mixed ones only if strict dominance solves the game */
        mc_dom_game dg;
        mc_dom_result dr;
        mc_dom_options dopt;
        mc_dom_options_default(&dopt, MC_DOM_STRICT, MC_DOM_ROUNDS);
        if ((st = mc_dom_game_init(&dg, &sf, err)) != MC_OK)
            goto done;
        st = mc_dom_iterate(&dg, NULL, &dopt, &dr, err);
        if (st == MC_OK && mc_survivors_nprofiles(&dr.survivors) == 1)
            mc_claim_result_set(res, MC_HOLDS,
                                "(Y,Y,Y) is the only profile surviving iterated strict dominance: "
                                "the unique NE, mixed ones included");
        else if (st == MC_OK)
            mc_claim_result_set(res, MC_UNDECIDED,
                                "(Y,Y,Y) is the unique pure NE; mixed NE were not enumerated");
        mc_dom_result_free(&dr);
        mc_dom_game_free(&dg);
    }
done:
    if (have_ne)
        mc_nash_result_free(&ne);
    mc_sform_free(&sf);
    mc_appc_free(&g);
    return st;
}

/* gum/app-g-collusive-equilibrium: App G's "if the collusion of agents 1
 * and 3 is common knowledge, then there is an inefficient equilibrium where
 * agent 1 overreports and agent 2 underreports" on a grid.  The static game
 * between the coalition {1,3} (one agent: knows theta_1, reports for 1 and
 * 3 jointly, payoff u1 + u3 with transfers) and agent 2; every pure BNE by
 * the ex-ante strategic form (mc_nash_pure), exactly; the witness
 * re-checked by direct summation over the type grid. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

#define EQ_LIST_MAX 12 /* equilibria listed in the witness */
#define EQ_RECHECK 8   /* without a witness: equilibria re-checked directly */

typedef struct eqgame {
    const mc_gum_setup *s;
    const mc_gum_env *e;
    uint32_t K;            /* grid points of agents 1 and 2 (the dummy has one type) */
    uint32_t nplans;       /* K^K: maps type -> report (UINT32_MAX when saturated) */
    bool saturated;
    uint64_t root;
    const mc_q *w1, *w2;   /* priors */
} eqgame;

static void eq_init(eqgame *g, const mc_gum_setup *s)
{
    g->s = s;
    g->e = &s->env;
    g->K = g->e->ntypes[1][1];
    /* K^K, saturating (K <= 64): above the largest max_profiles anyway */
    uint64_t p = 1;
    for (uint32_t k = 0; k < g->K && p <= UINT32_MAX; k++)
        p *= g->K;
    g->saturated = p > UINT32_MAX;
    g->nplans = g->saturated ? UINT32_MAX : (uint32_t)p;
    g->root = mc_gum_state_index(g->e, 0, g->e->init);
    uint32_t x0 = s->pol.chi[0][g->root];
    g->w1 = mc_gum_trans(g->e, 1, 1, g->e->init[0], g->e->init[1], x0);
    g->w2 = mc_gum_trans(g->e, 1, 2, g->e->init[0], g->e->init[2], x0);
}

/* Report of plan p for type k: digit k of p in base K, the first type most
 * significant (as gum_static names plans). */
static uint32_t rep(const eqgame *g, uint32_t p, uint32_t k)
{
    for (uint32_t j = k + 1; j < g->K; j++)
        p /= g->K;
    return p % g->K;
}

static uint32_t truthful_plan(const eqgame *g)
{
    uint32_t p = 0;
    for (uint32_t k = 0; k < g->K; k++)
        p = p * g->K + k;
    return p;
}

/* Ex-post utility at true theta_1 = a, theta_2 = b and reports (r1, r2):
 * side 0 = the coalition (u1 + u3 + y1 + y3), side 1 = agent 2; with
 * welfare, the payoffs u1 + u2 + u3 alone. */
static void expost(const eqgame *g, int side, bool welfare, uint32_t a, uint32_t b, uint32_t r1,
                   uint32_t r2, mc_q *out)
{
    uint32_t r[MC_GUM_MAX_COMP] = {0, r1, r2, 0};
    uint64_t k = mc_gum_state_index(g->e, 1, r);
    uint32_t x = g->s->pol.chi[1][k];
    const mc_q *y = mc_gum_y(&g->s->mechs[0], 1, g->root, k);
    if (welfare) {
        mc_q_add(out, &mc_gum_pay(g->e, 1, 1, a)[x], &mc_gum_pay(g->e, 1, 2, b)[x]);
        mc_q_add(out, out, &mc_gum_pay(g->e, 1, 3, 0)[x]);
    } else if (side == 0) {
        mc_q_add(out, &mc_gum_pay(g->e, 1, 1, a)[x], &mc_gum_pay(g->e, 1, 3, 0)[x]);
        mc_q_add(out, out, &y[0]);
        mc_q_add(out, out, &y[2]);
    } else {
        mc_q_add(out, &mc_gum_pay(g->e, 1, 2, b)[x], &y[1]);
    }
}

/* Expected utility (or welfare) of plans (p1, p2) by direct summation over
 * the type grid: the independent re-check of the strategic form. */
static void direct(const eqgame *g, int side, bool welfare, uint32_t p1, uint32_t p2, mc_q *out)
{
    mc_q v = MC_Q_ZERO, w = MC_Q_ZERO;
    mc_q_set_i64(out, 0);
    for (uint32_t a = 0; a < g->K; a++)
        for (uint32_t b = 0; b < g->K; b++) {
            expost(g, side, welfare, a, b, rep(g, p1, a), rep(g, p2, b), &v);
            mc_q_mul(&w, &g->w1[a], &g->w2[b]);
            mc_q_addmul(out, &w, &v);
        }
    mc_q_clear(&v);
    mc_q_clear(&w);
}

/* The strategic form: agent 0 the coalition, agent 1 agent 2.  Payoffs are
 * separable in the types: for each plan of the other side, the expected
 * utility of each own (type, report) first, then one sum per own plan. */
static mc_status build_sform(const eqgame *g, uint64_t lim, mc_sform *sf, mc_error *err)
{
    uint32_t ns[2] = {g->nplans, g->nplans};
    mc_status st = mc_sform_init(sf, 2, ns, false, lim, err);
    if (st != MC_OK)
        return st;
    uint32_t K = g->K;
    /* tab[side][(own type * K + own report) * K + other report] */
    size_t nt = (size_t)K * K * K;
    mc_q *tab = malloc(2 * nt * sizeof *tab), *c = malloc((size_t)K * K * sizeof *c);
    if (!tab || !c) {
        free(tab);
        free(c);
        mc_sform_free(sf);
        return mc_error_set(err, MC_ENOMEM, "app-g-collusive-equilibrium: out of memory");
    }
    mc_q_init_vec(tab, 2 * nt);
    mc_q_init_vec(c, (size_t)K * K);
    for (uint32_t t = 0; t < K; t++)
        for (uint32_t ro = 0; ro < K; ro++)
            for (uint32_t rx = 0; rx < K; rx++) {
                size_t at = ((size_t)t * K + ro) * K + rx;
                expost(g, 0, false, t, 0, ro, rx, &tab[at]);
                expost(g, 1, false, 0, t, rx, ro, &tab[nt + at]);
            }
    mc_q pre[MC_GUM_MAX_TYPES + 1];
    mc_q_init_vec(pre, K + 1);
    for (int side = 0; side < 2; side++) {
        const mc_q *wo = side ? g->w1 : g->w2, *wm = side ? g->w2 : g->w1;
        for (uint32_t px = 0; px < g->nplans; px++) {
            for (uint32_t t = 0; t < K; t++)
                for (uint32_t ro = 0; ro < K; ro++) {
                    mc_q *cc = &c[t * K + ro];
                    mc_q_set_i64(cc, 0);
                    for (uint32_t tx = 0; tx < K; tx++)
                        mc_q_addmul(cc, &wo[tx], &tab[side * nt + ((size_t)t * K + ro) * K +
                                                      rep(g, px, tx)]);
                    mc_q_mul(cc, cc, &wm[t]);
                }
            /* own plans in order, the last type's report fastest; pre[j] is
             * the sum over types < j, recomputed from the first changed digit */
            uint32_t dig[MC_GUM_MAX_TYPES] = {0}, from = 0;
            for (uint32_t pm = 0; pm < g->nplans; pm++) {
                for (uint32_t t = from; t < K; t++)
                    mc_q_add(&pre[t + 1], &pre[t], &c[t * K + dig[t]]);
                uint64_t prof = side ? (uint64_t)px + (uint64_t)pm * g->nplans
                                     : (uint64_t)pm + (uint64_t)px * g->nplans;
                mc_q_set(mc_sform_payoff(sf, prof, (unsigned)side), &pre[K]);
                for (from = K; from-- > 0 && ++dig[from] == K;)
                    dig[from] = 0;
            }
        }
    }
    mc_q_clear_vec(pre, K + 1);
    mc_q_clear_vec(tab, 2 * nt);
    mc_q_clear_vec(c, (size_t)K * K);
    free(tab);
    free(c);
    return MC_OK;
}

/* theta of grid point k times (K - 1): an integer. */
static int64_t theta_num(const eqgame *g, uint32_t k)
{
    return 2 * (int64_t)k - ((int64_t)g->K - 1);
}

/* Agent 1 over-reports: r(t) t >= t^2 for every type, > for some. */
static bool over_reports(const eqgame *g, uint32_t p)
{
    bool strict = false;
    for (uint32_t k = 0; k < g->K; k++) {
        int64_t t = theta_num(g, k), r = theta_num(g, rep(g, p, k));
        if (r * t < t * t)
            return false;
        strict = strict || r * t > t * t;
    }
    return strict;
}

/* Agent 2 under-reports: |r(t)| <= |t| for every type, < for some;
 * same_sign: moreover r(t) t >= 0 everywhere. */
static bool under_reports(const eqgame *g, uint32_t p, bool *same_sign)
{
    bool strict = false;
    *same_sign = true;
    for (uint32_t k = 0; k < g->K; k++) {
        int64_t t = theta_num(g, k), r = theta_num(g, rep(g, p, k));
        if (r * r > t * t)
            return false;
        strict = strict || r * r < t * t;
        *same_sign = *same_sign && r * t >= 0;
    }
    return strict;
}

static json_t *plan_json(const eqgame *g, unsigned agent, uint32_t p)
{
    json_t *o = json_object();
    for (uint32_t k = 0; k < g->K; k++)
        json_object_set_new(o, g->e->type_label[1][agent][k],
                            json_string(g->e->type_label[1][agent][rep(g, p, k)]));
    return o;
}

typedef struct eq_summary {
    bool limited;
    uint64_t profiles;
    size_t count, inefficient, over1, under2, qualifying;
    bool truthful_is_ne;
    int64_t witness;       /* index into the equilibria, or -1 */
    json_t *list;          /* the first EQ_LIST_MAX equilibria */
    mc_q wloss;            /* W* - welfare of the witness */
} eq_summary;

/* One equilibrium as JSON, and whether it qualifies. */
static bool eq_json(const eqgame *g, const mc_sform *sf, uint64_t prof, eq_summary *sum,
                    json_t **out, mc_q *loss)
{
    uint32_t p1 = (uint32_t)(prof % g->nplans), p2 = (uint32_t)(prof / g->nplans);
    mc_q wel = MC_Q_ZERO;
    direct(g, 0, true, p1, p2, &wel);
    mc_q_sub(loss, &g->s->pol.W, &wel);
    bool ineff = mc_q_sgn(loss) > 0, same = false;
    bool over = over_reports(g, p1), under = under_reports(g, p2, &same);
    sum->inefficient += ineff;
    sum->over1 += over;
    sum->under2 += under;
    bool ok = ineff && over && under;
    char why[160] = "";
    if (!ok)
        snprintf(why, sizeof why, "%s%s%s", ineff ? "" : "efficient; ",
                 over ? "" : "agent 1 does not over-report; ",
                 under ? "" : "agent 2 does not under-report; ");
    size_t l = strlen(why);
    if (l >= 2)
        why[l - 2] = '\0';
    *out = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:b,s:b,s:b,s:b}", "coalition_1_3_reports_for_1",
                     plan_json(g, 1, p1), "agent_2_reports", plan_json(g, 2, p2),
                     "E_u1_plus_u3", mc_gum_jq(mc_sform_payoff(sf, prof, 0)), "E_u2",
                     mc_gum_jq(mc_sform_payoff(sf, prof, 1)), "welfare", mc_gum_jq(&wel),
                     "welfare_loss", mc_gum_jq(loss), "inefficient", ineff,
                     "agent_1_over_reports", over, "agent_2_under_reports", under,
                     "agent_2_keeps_signs", same);
    json_object_set_new(*out, ok ? "qualifies" : "does_not_qualify",
                        ok ? json_true() : json_string(why));
    mc_q_clear(&wel);
    return ok;
}

/* Every pure BNE: counts, the list, the first qualifying one. */
static mc_status enumerate(const eqgame *g, uint64_t lim, mc_sform *sf, mc_nash_result *ne,
                           eq_summary *sum, mc_error *err)
{
    sum->witness = -1;
    sum->profiles = (uint64_t)g->nplans * g->nplans;
    if (sum->profiles > lim) {
        sum->limited = true;
        return MC_OK;
    }
    mc_status st = build_sform(g, lim, sf, err);
    if (st != MC_OK)
        return st;
    if ((st = mc_nash_pure(sf, NULL, lim, ne, err)) != MC_OK)
        return st;
    sum->count = ne->count;
    sum->list = json_array();
    uint32_t tp = truthful_plan(g);
    mc_q loss = MC_Q_ZERO;
    for (size_t k = 0; k < ne->count; k++) {
        json_t *j = NULL;
        bool ok = eq_json(g, sf, ne->profile[k], sum, &j, &loss);
        if (mc_q_sgn(&loss) < 0) {
            json_decref(j);
            mc_q_clear(&loss);
            return mc_error_set(err, MC_EINTERNAL,
                                "app-g-collusive-equilibrium: an equilibrium's welfare exceeds W*");
        }
        sum->truthful_is_ne = sum->truthful_is_ne ||
                              ne->profile[k] == (uint64_t)tp + (uint64_t)tp * g->nplans;
        if (ok && sum->qualifying++ == 0) {
            sum->witness = (int64_t)k;
            mc_q_set(&sum->wloss, &loss);
        }
        if (k < EQ_LIST_MAX || (ok && sum->qualifying == 1))
            json_array_append_new(sum->list, j);
        else
            json_decref(j);
    }
    mc_q_clear(&loss);
    return MC_OK;
}

/* The witness re-checked without the strategic form: both expected
 * utilities and every unilateral deviation by direct summation. */
static mc_status recheck(const eqgame *g, const mc_sform *sf, uint64_t prof, mc_error *err)
{
    uint32_t p[2] = {(uint32_t)(prof % g->nplans), (uint32_t)(prof / g->nplans)};
    mc_q eu = MC_Q_ZERO, dv = MC_Q_ZERO;
    mc_status st = MC_OK;
    for (int side = 0; side < 2 && st == MC_OK; side++) {
        direct(g, side, false, p[0], p[1], &eu);
        if (!mc_q_eq(&eu, mc_sform_payoff(sf, prof, (unsigned)side)))
            st = mc_error_set(err, MC_EINTERNAL,
                              "app-g-collusive-equilibrium: side %d's expected utility by direct "
                              "summation differs from the strategic form's",
                              side);
        for (uint32_t d = 0; d < g->nplans && st == MC_OK; d++) {
            direct(g, side, false, side ? p[0] : d, side ? d : p[1], &dv);
            if (mc_q_cmp(&dv, &eu) > 0)
                st = mc_error_set(err, MC_EINTERNAL,
                                  "app-g-collusive-equilibrium: side %d gains by deviating to "
                                  "plan %u in direct summation",
                                  side, d);
        }
    }
    mc_q_clear(&eu);
    mc_q_clear(&dv);
    return st;
}

/* Does chi follow d = sign(r1 + r2) with sign(0) = sign0? */
static uint64_t sign_rule_mismatches(const eqgame *g)
{
    uint64_t bad = 0;
    for (uint32_t a = 0; a < g->K; a++)
        for (uint32_t b = 0; b < g->K; b++) {
            uint32_t r[MC_GUM_MAX_COMP] = {0, a, b, 0};
            int64_t sum = theta_num(g, a) + theta_num(g, b);
            uint32_t want = sum > 0 ? 1 : sum < 0 ? 0 : g->s->sign0 > 0 ? 1 : 0;
            bad += g->s->pol.chi[1][mc_gum_state_index(g->e, 1, r)] != want;
        }
    return bad;
}

static const char *outside(const mc_gum_setup *s)
{
    if (strcmp(s->env.name, "app-g"))
        return "the claim is about App G's example (env=app-g)";
    if (s->env.n != 3)
        return "the claim needs the dummy agent 3 (dummy=1)";
    if (s->gopts.info != MC_GUM_V0 || s->past)
        return "App G's reports are simultaneous (info=v0, past=0)";
    if (s->transfer_free || s->sym_random)
        return "the game needs one deterministic transfer rule (not free or gum-sym-r)";
    return NULL;
}

static void summary_str(const eq_summary *q, char *buf, size_t cap)
{
    if (q->limited)
        snprintf(buf, cap, "%llu profiles, above the limit: not enumerated",
                 (unsigned long long)q->profiles);
    else
        snprintf(buf, cap,
                 "%zu pure BNE among %llu profiles, %zu inefficient, %zu with agent 1 "
                 "over-reporting, %zu with agent 2 under-reporting, %zu with all three",
                 q->count, (unsigned long long)q->profiles, q->inefficient, q->over1, q->under2,
                 q->qualifying);
}

mc_status mc_gum_check_app_g_eq(const mc_instance *in, const mc_check_opts *o,
                                mc_claim_result *res, mc_error *err)
{
    (void)o;
    mc_gum_setup s;
    uint64_t lim = 0;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    if ((st = mc_gum_bne_limit(in, &lim, err)) != MC_OK) {
        mc_gum_setup_free(&s);
        return st;
    }
    const char *why_out = outside(&s);
    if (why_out) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE, "%s", why_out);
        mc_gum_setup_free(&s);
        return MC_OK;
    }
    eqgame g;
    eq_init(&g, &s);
    uint64_t mism = sign_rule_mismatches(&g);
    mc_sform sf;
    memset(&sf, 0, sizeof sf);
    mc_nash_result ne = {0};
    eq_summary q;
    memset(&q, 0, sizeof q);
    q.wloss = MC_Q_ZERO;
    st = enumerate(&g, lim, &sf, &ne, &q, err);
    /* the witness, or else the first few equilibria, re-checked directly */
    size_t nre = q.witness >= 0 ? 1 : q.count < EQ_RECHECK ? q.count : EQ_RECHECK;
    for (size_t k = 0; k < nre && st == MC_OK; k++)
        st = recheck(&g, &sf, ne.profile[q.witness >= 0 ? (size_t)q.witness : k], err);
    if (st != MC_OK)
        goto done;
    res->nodes = q.profiles;
    json_t *w = json_pack("{s:o,s:i,s:s,s:s,s:o,s:I,s:I,s:I}", "setup", mc_gum_jsetup(&s), "grid",
                          (int)g.K, "sign0", s.sign0 > 0 ? "plus" : "minus", "game",
                          "coalition {1,3} as one agent (knows theta_1, the dummy's type is 0 "
                          "and its only report is 0; payoff u1 + u3 + y1 + y3) vs agent 2; pure "
                          "strategies are maps type -> report",
                          "W*", mc_gum_jq(&s.pol.W), "plans_per_side", (json_int_t)g.nplans,
                          "profiles", (json_int_t)q.profiles, "profile_limit", (json_int_t)lim);
    char summ[300];
    summary_str(&q, summ, sizeof summ);
    if (!q.limited) {
        json_object_set_new(
            w, "counts",
            json_pack("{s:I,s:I,s:I,s:I,s:I,s:b}", "pure_bne", (json_int_t)q.count,
                      "inefficient", (json_int_t)q.inefficient, "agent_1_over_reports",
                      (json_int_t)q.over1, "agent_2_under_reports", (json_int_t)q.under2,
                      "qualifying", (json_int_t)q.qualifying, "truthful_profile_is_bne",
                      q.truthful_is_ne));
        json_object_set_new(w, "equilibria", json_incref(q.list));
        json_object_set_new(w, "rechecked_by_direct_summation", json_integer((json_int_t)nre));
        if (q.count > EQ_LIST_MAX)
            json_object_set_new(w, "equilibria_not_listed",
                                json_integer((json_int_t)(q.count - EQ_LIST_MAX)));
    }
    bool agv = s.kind == MC_GUM_KIND_BTM;
    if (q.witness >= 0) {
        json_t *wj = NULL;
        for (size_t k = 0; k < json_array_size(q.list); k++)
            if (json_is_true(json_object_get(json_array_get(q.list, k), "qualifies"))) {
                wj = json_array_get(q.list, k);
                break;
            }
        json_object_set_new(w, "witness", json_incref(wj));
        json_object_set_new(w, "witness_recheck",
                            json_string("both expected utilities and every unilateral "
                                        "deviation recomputed by direct summation: confirmed"));
        if (!res->margins)
            res->margins = json_object();
        json_object_set_new(res->margins, "witness_welfare_loss", mc_gum_jq(&q.wloss));
    }
    res->witness = w;
    if (mism)
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "the decision does not follow d = sign(sum of reports) at %llu "
                            "profiles; for contrast, %s",
                            (unsigned long long)mism, summ);
    else if (!agv)
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "the claim is about AGV (mech=agv/btm); for contrast, under %s with "
                            "{1,3} colluding: %s",
                            s.mech_name, summ);
    else if (q.limited && g.saturated)
        mc_claim_result_set(res, MC_UNDECIDED,
                            "each side has %u^%u > 2^32 plans: the strategic form is above "
                            "max_profiles = %llu",
                            g.K, g.K, (unsigned long long)lim);
    else if (q.limited)
        mc_claim_result_set(res, MC_UNDECIDED,
                            "the strategic form has %u x %u = %llu profiles, above "
                            "max_profiles = %llu",
                            g.nplans, g.nplans, (unsigned long long)q.profiles,
                            (unsigned long long)lim);
    else if (q.qualifying) {
        char a[64];
        mc_q_snprint(a, sizeof a, &q.wloss);
        mc_claim_result_set(res, MC_HOLDS,
                            "with {1,3} colluding openly there is an inefficient pure BNE "
                            "(welfare W* - %s) where agent 1 over-reports and agent 2 "
                            "under-reports (%s)",
                            a, summ);
    } else
        /* an existence claim: without the mixed equilibria (and on a grid,
         * not the paper's continuum) no pure counterexample refutes it */
        mc_claim_result_set(res, MC_UNDECIDED,
                            "no pure BNE with {1,3} colluding is inefficient with agent 1 "
                            "over-reporting and agent 2 under-reporting (%s); mixed equilibria "
                            "are not enumerated, so the existence claim stays open",
                            summ);
done:
    json_decref(q.list);
    mc_q_clear(&q.wloss);
    mc_nash_result_free(&ne);
    mc_sform_free(&sf);
    mc_gum_setup_free(&s);
    return st;
}

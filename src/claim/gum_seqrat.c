/* Sequential rationality of the truthful profile (spec 2.8; Table 1's
 * "efficient PBE exists" and "robust to observing past true types").
 *
 * For agent i, the others truthful from now on: at every information set of
 * i -- period t, the reports p of t-1, i's true type a of t-1 (after its own
 * lies a may differ from p^i) and, under V3 (past = true), the others' true
 * types of t-1 (after their past lies these differ from their reports) --
 * plus the current public state and i's current type, the value of
 * reporting r now and truthfully afterwards is
 *   v(r) = E[ u^i_t(th^i_t, chi_t(ph)) + y^i_t(p, ph) + Z_{t+1}(ph, th^i_t) ],
 * ph = (th^0_t, r, th^-i_t), the others' current types drawn from their
 * transitions at their true previous types (= their reports without V3:
 * Bayes' rule on truthful paths), under the actual decision chi_{t-1}(p);
 *   Z_t(p, a) = E[ u^i_t + y^i_t(p, th_t) + Z_{t+1}(th_t, th^i_t) ]
 * is the value of everyone truthful from t on when the others' previous
 * types equal their reports and i's is a.  Types are Markov and transfers
 * depend on (p, current reports) only (the pivot mechanism's on the current
 * ones), so these are all the continuation values.  The truthful profile is
 * sequentially rational iff no one-shot gain max_r v(r) - v(truth) is
 * positive (one-shot deviation principle, finite horizon).  Information
 * sets are those reached with positive probability when i may lie (and,
 * under V3, any agent may have lied before t).
 *
 * Independent re-check against the compiled game: without V3, a gain at a
 * set on the truthful path makes i's best response to the truthful others
 * (a DP over i's information sets) beat truth, and a best response beating
 * truth needs a gain somewhere (one-shot deviation principle); Z_1 at the
 * root plus period 0's payoff must equal the truthful profile's expected
 * utility in the tree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"
#include "mechcheck/guarantee.h"

#define MAX_ROWS 64
#define MAX_PAIRS (UINT64_C(1) << 24)

void mc_gum_seqrat_init(mc_gum_seqrat *r)
{
    memset(r, 0, sizeof *r);
    for (unsigned k = 0; k < (MC_GUM_MAX_T + 1) * MC_GUM_MAX_AGENTS; k++)
        r->gain[k] = MC_Q_ZERO;
    for (unsigned k = 0; k < MC_GUM_MAX_AGENTS; k++)
        r->truthful[k] = r->best_response[k] = r->best_response_past[k] = MC_Q_ZERO;
}

void mc_gum_seqrat_free(mc_gum_seqrat *r)
{
    for (unsigned k = 0; k < (MC_GUM_MAX_T + 1) * MC_GUM_MAX_AGENTS; k++)
        mc_q_clear(&r->gain[k]);
    for (unsigned k = 0; k < MC_GUM_MAX_AGENTS; k++) {
        mc_q_clear(&r->truthful[k]);
        mc_q_clear(&r->best_response[k]);
        mc_q_clear(&r->best_response_past[k]);
    }
    json_decref(r->rows);
    mc_gum_seqrat_init(r);
}

typedef struct sr_ctx {
    const mc_gum_setup *s;
    const mc_gum_env *e;
    unsigned n, i;            /* agent i, 1-based */
    mc_q *Z[MC_GUM_MAX_T + 2]; /* Z[t][p * K^i_{t-1} + a], t = 1..T; Z[T+1] = NULL (0) */
    mc_q acc, tmp, wgt;
} sr_ctx;

/* u^i_t(th^i, chi_t(ph)) + y^i_t(p, ph) + Z_{t+1}(ph, thi) into out. */
static void stage_value(sr_ctx *c, unsigned t, uint64_t p, uint64_t ph, uint32_t thi, mc_q *out)
{
    const mc_gum_env *e = c->e;
    uint32_t x = c->s->pol.chi[t][ph];
    mc_q_add(out, &mc_gum_pay(e, t, c->i, thi)[x], &mc_gum_y(&c->s->mechs[0], t, p, ph)[c->i - 1]);
    if (c->Z[t + 1])
        mc_q_add(out, out, &c->Z[t + 1][ph * e->ntypes[t][c->i] + thi]);
}

static mc_status build_Z(sr_ctx *c, mc_error *err)
{
    const mc_gum_env *e = c->e;
    unsigned n = c->n, i = c->i;
    uint32_t prev[MC_GUM_MAX_COMP], th[MC_GUM_MAX_COMP];
    for (unsigned t = e->T; t >= 1; t--) {
        size_t len = (size_t)e->nstates[t - 1] * e->ntypes[t - 1][i];
        if (!(c->Z[t] = malloc(len * sizeof *c->Z[t])))
            return mc_error_set(err, MC_ENOMEM, "sequential rationality: out of memory");
        mc_q_init_vec(c->Z[t], len);
        for (uint64_t p = 0; p < e->nstates[t - 1]; p++) {
            mc_gum_state_decode(e, t - 1, p, prev);
            uint32_t x = c->s->pol.chi[t - 1][p];
            for (uint32_t a = 0; a < e->ntypes[t - 1][i]; a++) {
                prev[i] = a;
                const mc_q *w[MC_GUM_MAX_COMP];
                mc_gum_next_weights(e, t, prev, x, w);
                mc_q *z = &c->Z[t][p * e->ntypes[t - 1][i] + a];
                for (uint64_t k = 0; k < e->nstates[t]; k++) {
                    mc_gum_state_decode(e, t, k, th);
                    mc_q_set_i64(&c->wgt, 1);
                    for (unsigned cc = 0; cc <= n && !mc_q_is_zero(&c->wgt); cc++)
                        mc_q_mul(&c->wgt, &c->wgt, &w[cc][th[cc]]);
                    if (mc_q_is_zero(&c->wgt))
                        continue;
                    stage_value(c, t, p, k, th[i], &c->tmp);
                    mc_q_addmul(z, &c->wgt, &c->tmp);
                }
            }
        }
    }
    return MC_OK;
}

static void free_Z(sr_ctx *c)
{
    const mc_gum_env *e = c->e;
    for (unsigned t = 1; t <= e->T; t++)
        if (c->Z[t]) {
            mc_q_clear_vec(c->Z[t], (size_t)e->nstates[t - 1] * e->ntypes[t - 1][c->i]);
            free(c->Z[t]);
            c->Z[t] = NULL;
        }
}

/* Reachable pairs (reports p, true types q) of period t, as a flag array
 * over p * nstates + q.  Without V3 the others never lied: q differs from p
 * at most in component i. */
static mc_status next_reachable(const sr_ctx *c, unsigned t, const uint8_t *cur, uint8_t *nxt,
                                bool past, bool truth_only)
{
    const mc_gum_env *e = c->e;
    unsigned n = c->n, i = c->i;
    uint64_t S0 = e->nstates[t - 1], S1 = e->nstates[t];
    uint32_t q[MC_GUM_MAX_COMP], th[MC_GUM_MAX_COMP], ph[MC_GUM_MAX_COMP];
    memset(nxt, 0, S1 * S1);
    for (uint64_t p = 0; p < S0; p++)
        for (uint64_t qq = 0; qq < S0; qq++) {
            if (!cur[p * S0 + qq])
                continue;
            mc_gum_state_decode(e, t - 1, qq, q);
            const mc_q *w[MC_GUM_MAX_COMP];
            mc_gum_next_weights(e, t, q, c->s->pol.chi[t - 1][p], w);
            for (uint64_t k = 0; k < S1; k++) {
                mc_gum_state_decode(e, t, k, th);
                bool pos = true;
                for (unsigned cc = 0; cc <= n && pos; cc++)
                    pos = mc_q_sgn(&w[cc][th[cc]]) > 0;
                if (!pos)
                    continue;
                if (truth_only) { /* everyone truthful */
                    nxt[k * S1 + k] = 1;
                } else if (past) { /* any reports with the true public state */
                    for (uint64_t pp = 0; pp < S1; pp++) {
                        mc_gum_state_decode(e, t, pp, ph);
                        if (ph[0] == th[0])
                            nxt[pp * S1 + k] = 1;
                    }
                } else { /* the others truthful, i any report */
                    memcpy(ph, th, sizeof ph);
                    for (uint32_t r = 0; r < e->ntypes[t][i]; r++) {
                        ph[i] = r;
                        nxt[mc_gum_state_index(e, t, ph) * S1 + k] = 1;
                    }
                }
            }
        }
    return MC_OK;
}

/* The one-shot gains at every reachable information set of period t. */
static mc_status check_period(sr_ctx *c, unsigned t, const uint8_t *reach, const uint8_t *onpath,
                              mc_gum_seqrat *r, mc_error *err)
{
    const mc_gum_env *e = c->e;
    unsigned n = c->n, i = c->i;
    uint64_t S0 = e->nstates[t - 1], S1 = e->nstates[t];
    uint32_t Ki = e->ntypes[t][i];
    uint32_t q[MC_GUM_MAX_COMP], th[MC_GUM_MAX_COMP];
    mc_q *val = malloc(Ki * sizeof *val), g = MC_Q_ZERO;
    if (!val)
        return mc_error_set(err, MC_ENOMEM, "sequential rationality: out of memory");
    mc_q_init_vec(val, Ki);
    mc_q *gmax = &r->gain[t * MC_GUM_MAX_AGENTS + i - 1];
    for (uint64_t p = 0; p < S0; p++)
        for (uint64_t qq = 0; qq < S0; qq++) {
            if (!reach[p * S0 + qq])
                continue;
            mc_gum_state_decode(e, t - 1, qq, q);
            const mc_q *w[MC_GUM_MAX_COMP];
            mc_gum_next_weights(e, t, q, c->s->pol.chi[t - 1][p], w);
            for (uint32_t th0 = 0; th0 < e->ntypes[t][0]; th0++) {
                if (mc_q_sgn(&w[0][th0]) <= 0)
                    continue;
                for (uint32_t ti = 0; ti < Ki; ti++) {
                    if (mc_q_sgn(&w[i][ti]) <= 0)
                        continue;
                    r->sets++;
                    for (uint32_t rr = 0; rr < Ki; rr++)
                        mc_q_set_i64(&val[rr], 0);
                    /* the others' current types: every state with this public
                     * state; i's component is the report */
                    for (uint64_t k = 0; k < S1; k++) {
                        mc_gum_state_decode(e, t, k, th);
                        if (th[0] != th0 || th[i] != 0)
                            continue;
                        mc_q_set_i64(&c->wgt, 1);
                        for (unsigned cc = 1; cc <= n && !mc_q_is_zero(&c->wgt); cc++)
                            if (cc != i)
                                mc_q_mul(&c->wgt, &c->wgt, &w[cc][th[cc]]);
                        if (mc_q_is_zero(&c->wgt))
                            continue;
                        for (uint32_t rr = 0; rr < Ki; rr++) {
                            th[i] = rr;
                            stage_value(c, t, p, mc_gum_state_index(e, t, th), ti, &c->tmp);
                            mc_q_addmul(&val[rr], &c->wgt, &c->tmp);
                        }
                    }
                    uint32_t best = ti;
                    for (uint32_t rr = 0; rr < Ki; rr++)
                        if (mc_q_cmp(&val[rr], &val[best]) > 0)
                            best = rr;
                    mc_q_sub(&g, &val[best], &val[ti]);
                    if (mc_q_sgn(&g) <= 0)
                        continue;
                    r->violations++;
                    if (onpath[p * S0 + qq])
                        r->on_path[i - 1]++;
                    if (mc_q_cmp(&g, gmax) > 0)
                        mc_q_set(gmax, &g);
                    if (json_array_size(r->rows) < MAX_ROWS) {
                        json_t *row = json_pack(
                            "{s:i,s:s,s:o,s:o,s:s,s:s,s:o,s:o,s:o}", "period", (int)t, "agent",
                            e->agent_name[i], "previous_reports", mc_gum_jstate(e, t - 1, p),
                            "previous_true_types", mc_gum_jstate(e, t - 1, qq), "own_type",
                            e->type_label[t][i][ti], "best_report", e->type_label[t][i][best],
                            "truthful_value", mc_gum_jq(&val[ti]), "best_value",
                            mc_gum_jq(&val[best]), "gain", mc_gum_jq(&g));
                        if (e->ntypes[t][0] > 1)
                            json_object_set_new(row, "public", json_string(e->type_label[t][0][th0]));
                        json_array_append_new(r->rows, row);
                    }
                }
            }
        }
    mc_q_clear_vec(val, Ki);
    free(val);
    mc_q_clear(&g);
    return MC_OK;
}

/* i's best-response value to the truthful others, and the truthful
 * profile's value, in the compiled game (observe_past: V3 mask). */
static mc_status tree_values(const mc_gum_setup *s, unsigned i, uint32_t observe_past, mc_q *br,
                             mc_q *truth, mc_error *err)
{
    unsigned n = s->env.n;
    mc_game *game = NULL;
    mc_status st = mc_gum_setup_game(s, 0, 0, observe_past, true, &game, err);
    if (st != MC_OK)
        return st;
    mc_ef ef;
    if ((st = mc_ef_build(game, NULL, &ef, err)) != MC_OK) {
        mc_game_destroy(game);
        return st;
    }
    mc_players me = UINT64_C(1) << (i - 1), all = mc_players_all(n);
    mc_ef_behavior b, bt;
    mc_ef_behavior_init(&b);
    mc_ef_behavior_init(&bt);
    mc_q w[MC_MAX_PLAYERS], v[MC_MAX_PLAYERS];
    for (unsigned k = 0; k < n; k++)
        w[k] = (mc_q)MC_Q_INT(k == i - 1);
    mc_q_init_vec(v, n);
    mc_side_opt o;
    mc_side_opt_init(&o);
    if ((st = mc_ef_behavior_from_game(&ef, game, all & ~me, mc_gum_truthful_fn, NULL, &b,
                                       err)) == MC_OK &&
        (st = mc_side_optimum(&ef, me, &b, w, true, &o, err)) == MC_OK &&
        (st = mc_ef_behavior_from_game(&ef, game, all, mc_gum_truthful_fn, NULL, &bt, err)) ==
            MC_OK &&
        (st = mc_ef_expected_payoff(&ef, &bt, v, err)) == MC_OK) {
        mc_q_set(br, &o.value);
        mc_q_set(truth, &v[i - 1]);
    }
    mc_q_clear_vec(v, n);
    mc_side_opt_free(&o);
    mc_ef_behavior_free(&b);
    mc_ef_behavior_free(&bt);
    mc_ef_free(&ef);
    mc_game_destroy(game);
    return st;
}

mc_status mc_gum_seqrat_run(const mc_gum_setup *s, bool past, mc_gum_seqrat *r, mc_error *err)
{
    const mc_gum_env *e = &s->env;
    unsigned n = e->n, T = e->T;
    mc_gum_seqrat_init(r);
    r->past = past;
    r->rows = json_array();
    for (unsigned t = 0; t <= T; t++)
        if (e->nstates[t] * e->nstates[t] > MAX_PAIRS)
            return mc_error_set(err, MC_ELIMIT,
                                "sequential rationality: %llu states in period %u are too many",
                                (unsigned long long)e->nstates[t], t);
    if (s->transfer_free || s->sym_random)
        return mc_error_set(err, MC_EUNSUPPORTED,
                            "sequential rationality: not for the transfer-free GUM or a random "
                            "order");
    mc_status st = MC_OK;
    uint64_t root = mc_gum_state_index(e, 0, e->init);
    for (unsigned i = 1; i <= n && st == MC_OK; i++) {
        sr_ctx c = {.s = s, .e = e, .n = n, .i = i};
        c.acc = c.tmp = c.wgt = MC_Q_ZERO;
        uint8_t *reach = NULL, *nxt = NULL, *path = NULL, *pnxt = NULL;
        if ((st = build_Z(&c, err)) != MC_OK)
            goto next;
        /* period 0's payoff (no report, no transfer) plus periods 1..T */
        mc_q_add(&r->truthful[i - 1], &c.Z[1][root * e->ntypes[0][i] + e->init[i]],
                 &mc_gum_pay(e, 0, i, e->init[i])[s->pol.chi[0][root]]);
        if (!(reach = calloc(1, 1)) || !(path = calloc(1, 1)))
            st = mc_error_set(err, MC_ENOMEM, "sequential rationality: out of memory");
        else
            reach[0] = path[0] = 1; /* (theta_0, theta_0): nstates[0] = 1 */
        if (st == MC_OK && e->nstates[0] != 1)
            st = mc_error_set(err, MC_EINPUT, "sequential rationality: theta_0 must be one state");
        for (unsigned t = 1; t <= T && st == MC_OK; t++) {
            if ((st = check_period(&c, t, reach, path, r, err)) != MC_OK || t == T)
                break;
            if (!(nxt = malloc(e->nstates[t] * e->nstates[t])) ||
                !(pnxt = malloc(e->nstates[t] * e->nstates[t]))) {
                st = mc_error_set(err, MC_ENOMEM, "sequential rationality: out of memory");
                break;
            }
            next_reachable(&c, t, reach, nxt, past, false);
            next_reachable(&c, t, path, pnxt, past, true);
            free(reach);
            free(path);
            reach = nxt;
            path = pnxt;
            nxt = pnxt = NULL;
        }
        /* the tree's view: best response to truthful others, truthful value */
        if (st == MC_OK)
            st = tree_values(s, i, 0, &r->best_response[i - 1], &c.tmp, err);
        if (st == MC_OK && !mc_q_eq(&c.tmp, &r->truthful[i - 1]))
            st = mc_error_set(err, MC_EINTERNAL,
                              "sequential rationality: agent %u's truthful value differs between "
                              "the period recursion and the tree",
                              i);
        if (st == MC_OK && past)
            st = tree_values(s, i, (uint32_t)mc_players_all(n), &r->best_response_past[i - 1],
                             &c.acc, err);
        if (st == MC_OK && !past) {
            /* a gain on the truthful path makes truth a non-best response;
             * a better response implies a gain somewhere (one-shot deviation
             * principle; off the path a gain need not pay ex ante) */
            bool gains = false;
            for (unsigned t = 1; t <= T; t++)
                gains = gains || mc_q_sgn(&r->gain[t * MC_GUM_MAX_AGENTS + i - 1]) > 0;
            bool beats = mc_q_cmp(&r->best_response[i - 1], &r->truthful[i - 1]) > 0;
            if ((r->on_path[i - 1] && !beats) || (beats && !gains))
                st = mc_error_set(err, MC_EINTERNAL,
                                  "sequential rationality: agent %u: %llu one-shot gains on the "
                                  "truthful path, %s elsewhere, but the best response %s truth",
                                  i, (unsigned long long)r->on_path[i - 1],
                                  gains ? "some" : "none", beats ? "beats" : "does not beat");
        }
    next:
        free(reach);
        free(nxt);
        free(path);
        free(pnxt);
        free_Z(&c);
        mc_q_clear(&c.acc);
        mc_q_clear(&c.tmp);
        mc_q_clear(&c.wgt);
    }
    return st;
}

json_t *mc_gum_seqrat_json(const mc_gum_setup *s, const mc_gum_seqrat *r)
{
    const mc_gum_env *e = &s->env;
    json_t *per = json_array(), *tv = json_object(), *br = json_object(), *brp = json_object();
    for (unsigned t = 1; t <= e->T; t++) {
        json_t *row = json_object();
        for (unsigned i = 1; i <= e->n; i++)
            json_object_set_new(row, e->agent_name[i],
                                mc_gum_jq(&r->gain[t * MC_GUM_MAX_AGENTS + i - 1]));
        json_array_append_new(per, json_pack("{s:i,s:o}", "period", (int)t, "max_gain", row));
    }
    for (unsigned i = 1; i <= e->n; i++) {
        json_object_set_new(tv, e->agent_name[i], mc_gum_jq(&r->truthful[i - 1]));
        json_object_set_new(br, e->agent_name[i], mc_gum_jq(&r->best_response[i - 1]));
        json_object_set_new(brp, e->agent_name[i], mc_gum_jq(&r->best_response_past[i - 1]));
    }
    json_t *onp = json_object();
    for (unsigned i = 1; i <= e->n; i++)
        json_object_set_new(onp, e->agent_name[i], json_integer((json_int_t)r->on_path[i - 1]));
    json_t *o = json_pack("{s:s,s:I,s:I,s:o,s:o,s:o,s:o,s:O}", "information_sets",
                     r->past ? "own types, reports, and every agent's true past types (V3)"
                             : "own types and reports (V0 beliefs: others' types = reports)",
                     "sets_checked", (json_int_t)r->sets, "violations", (json_int_t)r->violations,
                     "violations_on_the_truthful_path", onp, "max_one_shot_gain", per, "truthful_value", tv,
                     "best_response_to_truthful_others", br, "violations_listed", r->rows);
    if (r->past)
        json_object_set_new(o, "best_response_to_truthful_others_seeing_past_types", brp);
    else
        json_decref(brp);
    return o;
}

/* Pooled optima by DP: a side's best (or worst) plan against fixed players,
 * the guarantee of a fixed strategy, W*, and an independent evaluator of a
 * side's plan. */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/guarantee.h"
#include "solve/ef_internal.h"

void mc_side_opt_init(mc_side_opt *o)
{
    memset(o, 0, sizeof *o);
    o->value = MC_Q_ZERO;
}

void mc_side_opt_free(mc_side_opt *o)
{
    mc_q_clear(&o->value);
    mc_ef_side_free(&o->side);
    free(o->plan);
    mc_side_opt_init(o);
}

/* direct[t] for the side as the column side, nobody on the row side. */
static mc_status side_direct(const mc_ef *ef, const mc_ef_side *s, const mc_ef_behavior *fixed,
                             const mc_q *weights, mc_q *direct, mc_error *err)
{
    mc_ef_matrix m;
    mc_status st = mc_ef_payoff_matrix(ef, NULL, s, fixed, weights, &m, err);
    if (st != MC_OK)
        return st;
    for (uint32_t t = 0; t < s->nseq; t++)
        mc_q_set_i64(&direct[t], 0);
    for (size_t e = 0; e < m.nnz; e++)
        mc_q_set(&direct[m.col[e]], &m.val[e]);
    mc_ef_matrix_free(&m);
    return MC_OK;
}

mc_status mc_side_optimum(const mc_ef *ef, mc_players side, const mc_ef_behavior *fixed,
                          const mc_q *weights, bool maximize, mc_side_opt *out, mc_error *err)
{
    mc_side_opt_free(out);
    mc_status st = mc_ef_side_build(ef, side, &out->side, err);
    if (st != MC_OK)
        return st;
    uint32_t n = out->side.nseq;
    mc_q *direct = malloc((size_t)n * sizeof *direct);
    out->plan = malloc(((size_t)out->side.ninfosets + 1) * sizeof *out->plan);
    if (!direct || !out->plan) {
        free(direct);
        mc_side_opt_free(out);
        return mc_error_set(err, MC_ENOMEM, "side optimum: out of memory");
    }
    mc_q_init_vec(direct, n);
    st = side_direct(ef, &out->side, fixed, weights, direct, err);
    if (st == MC_OK)
        st = mc_ef_side_dp(&out->side, direct, maximize, &out->value, out->plan, err);
    mc_q_clear_vec(direct, n);
    free(direct);
    if (st != MC_OK)
        mc_side_opt_free(out);
    return st;
}

/* ---- independent evaluation of a side's plan ------------------------------------ */

typedef struct plan_walk {
    const mc_ef *ef;
    const mc_ef_side *side;
    const uint32_t *plan;
    const mc_ef_behavior *fixed;
    const mc_q *weights;
    mc_q *w;
    mc_q *value;
    mc_q tmp;
    mc_error *err;
} plan_walk;

static mc_status plan_value(plan_walk *pw, uint32_t v, uint32_t depth)
{
    const mc_ef *ef = pw->ef;
    const mc_q *w = &pw->w[depth];
    if (ef->kind[v] == MC_NODE_TERMINAL) {
        ef_weighted_payoff(ef, ef->aux[v], pw->weights, &pw->tmp);
        mc_q_addmul(pw->value, w, &pw->tmp);
        return MC_OK;
    }
    uint64_t stride[MC_MAX_MOVERS];
    uint32_t J = MC_EF_NONE, b = 0;
    if (ef->kind[v] == MC_NODE_DECISION) {
        ef_slot_strides(ef, v, stride);
        J = pw->side->node_infoset[v];
        if (J != MC_EF_NONE)
            b = pw->plan[J];
    }
    uint32_t c = 0;
    mc_q *cw = &pw->w[depth + 1];
    for (uint32_t child = v + 1; child < ef->end[v]; child = ef->end[child], c++) {
        if (ef->kind[v] == MC_NODE_CHANCE) {
            mc_q_mul(cw, w, &ef->prob[ef->aux[v] + c]);
        } else {
            /* the side's members follow the plan, read slot by slot */
            uint32_t rest = b;
            bool follows = true;
            mc_q_set(cw, w);
            for (unsigned k = ef->nmovers[v]; k-- > 0 && follows;) {
                uint32_t i = ef->slot_infoset[ef->aux[v] + k];
                const mc_ef_infoset *is = &ef->infosets[i];
                uint32_t a = (uint32_t)(c / stride[k] % is->nactions);
                if (mc_players_has(pw->side->players, is->player)) {
                    follows = a == rest % is->nactions;
                    rest /= is->nactions;
                } else if (!pw->fixed || pw->fixed->offset[i] == MC_EF_NONE) {
                    return mc_error_set(pw->err, MC_EINPUT,
                                        "plan value: player %u moves at node #%u without a "
                                        "strategy",
                                        is->player + 1, v + 1);
                } else {
                    mc_q_mul(cw, cw, &pw->fixed->prob[pw->fixed->offset[i] + a]);
                }
            }
            if (!follows)
                continue;
        }
        if (mc_q_is_zero(cw))
            continue;
        mc_status st = plan_value(pw, child, depth + 1);
        if (st != MC_OK)
            return st;
    }
    return MC_OK;
}

mc_status mc_side_plan_value(const mc_ef *ef, const mc_ef_side *side, const uint32_t *plan,
                             const mc_ef_behavior *fixed, const mc_q *weights, mc_q *value,
                             mc_error *err)
{
    plan_walk pw = {.ef = ef, .side = side, .plan = plan, .fixed = fixed, .weights = weights,
                    .value = value, .err = err};
    pw.tmp = MC_Q_ZERO;
    pw.w = malloc(((size_t)ef->depth + 2) * sizeof *pw.w);
    if (!pw.w)
        return mc_error_set(err, MC_ENOMEM, "plan value: out of memory");
    mc_q_init_vec(pw.w, (size_t)ef->depth + 2);
    mc_q_set_i64(&pw.w[0], 1);
    mc_q_set_i64(value, 0);
    mc_status st = ef->nnodes ? plan_value(&pw, 0, 0) : MC_OK;
    mc_q_clear_vec(pw.w, (size_t)ef->depth + 2);
    free(pw.w);
    mc_q_clear(&pw.tmp);
    return st;
}

/* ---- guarantee ------------------------------------------------------------------- */

void mc_guarantee_init(mc_guarantee *g)
{
    memset(g, 0, sizeof *g);
    g->min = MC_Q_ZERO;
    g->max = MC_Q_ZERO;
}

void mc_guarantee_free(mc_guarantee *g)
{
    mc_q_clear(&g->min);
    mc_q_clear(&g->max);
    mc_ef_side_free(&g->side);
    free(g->argmin);
    free(g->argmax);
    mc_guarantee_init(g);
}

mc_status mc_guarantee_compute(const mc_ef *ef, mc_players players,
                               const mc_ef_behavior *strategy, mc_guarantee *out,
                               mc_error *err)
{
    mc_guarantee_free(out);
    if (!players || (players & ~mc_players_all(ef->nplayers)))
        return mc_error_set(err, MC_EINPUT, "guarantee: empty or out-of-range player set");
    for (unsigned p = 0; p < ef->nplayers; p++)
        if (mc_players_has(players, p) && !mc_players_has(strategy->players, p))
            return mc_error_set(err, MC_EINPUT, "guarantee: the strategy does not cover player %u",
                                p + 1);
    out->players = players;
    out->adversary = mc_players_all(ef->nplayers) & ~players;
    mc_q w[MC_MAX_PLAYERS];
    ef_weights_of(ef, players, w);
    mc_side_opt lo, hi;
    mc_side_opt_init(&lo);
    mc_side_opt_init(&hi);
    mc_status st = mc_side_optimum(ef, out->adversary, strategy, w, false, &lo, err);
    if (st == MC_OK)
        st = mc_side_optimum(ef, out->adversary, strategy, w, true, &hi, err);
    if (st == MC_OK) {
        mc_q_set(&out->min, &lo.value);
        mc_q_set(&out->max, &hi.value);
        out->side = lo.side;
        memset(&lo.side, 0, sizeof lo.side);
        out->argmin = lo.plan;
        out->argmax = hi.plan;
        lo.plan = hi.plan = NULL;
        mc_q v = MC_Q_ZERO;
        st = mc_side_plan_value(ef, &out->side, out->argmin, strategy, w, &v, err);
        bool ok = st == MC_OK && mc_q_eq(&v, &out->min);
        if (st == MC_OK)
            st = mc_side_plan_value(ef, &out->side, out->argmax, strategy, w, &v, err);
        out->verified = ok && st == MC_OK && mc_q_eq(&v, &out->max);
        mc_q_clear(&v);
        if (st == MC_OK && !out->verified)
            st = mc_error_set(err, MC_EINTERNAL,
                              "guarantee: the adversary's optimal plan does not attain the DP "
                              "value");
    }
    mc_side_opt_free(&lo);
    mc_side_opt_free(&hi);
    if (st != MC_OK)
        mc_guarantee_free(out);
    return st;
}

mc_status mc_max_surplus(const mc_ef *ef, mc_q *value, mc_error *err)
{
    mc_q w[MC_MAX_PLAYERS];
    ef_weights_of(ef, mc_players_all(ef->nplayers), w);
    mc_side_opt o;
    mc_side_opt_init(&o);
    mc_status st = mc_side_optimum(ef, mc_players_all(ef->nplayers), NULL, w, true, &o, err);
    if (st == MC_OK)
        mc_q_set(value, &o.value);
    mc_side_opt_free(&o);
    return st;
}

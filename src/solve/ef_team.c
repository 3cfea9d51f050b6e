/* Pure profiles of teams of players acting on their own information: their
 * payoff columns, and a coordinate search for a team's best reply (each
 * member's best reply is a DP over its own information sets). */
#include <stdlib.h>
#include <string.h>

#include "solve/ef_internal.h"

void ef_dot(const mc_q *x, const mc_q *u, uint32_t n, mc_q *out)
{
    mc_q_set_i64(out, 0);
    for (uint32_t s = 0; s < n; s++)
        if (!mc_q_is_zero(&x[s]) && !mc_q_is_zero(&u[s]))
            mc_q_addmul(out, &x[s], &u[s]);
}

mc_status ef_team_column(const mc_ef *ef, const mc_ef_side *row, mc_players team,
                         const uint32_t *act, const mc_ef_behavior *fixed, const mc_q *weights,
                         mc_q *u, mc_error *err)
{
    mc_ef_behavior b;
    mc_status st = mc_ef_behavior_pure(ef, team, act, &b, err);
    if (st != MC_OK)
        return st;
    const mc_ef_behavior *fx[2] = {&b, fixed};
    mc_ef_matrix m;
    st = ef_payoff_matrix_multi(ef, row, NULL, fx, 2, weights, &m, err);
    mc_ef_behavior_free(&b);
    if (st != MC_OK)
        return st;
    uint32_t n = row ? row->nseq : 1;
    for (uint32_t s = 0; s < n; s++)
        mc_q_set_i64(&u[s], 0);
    for (size_t e = 0; e < m.nnz; e++)
        mc_q_set(&u[m.row[e]], &m.val[e]);
    mc_ef_matrix_free(&m);
    return MC_OK;
}

/* Member j's best reply: the DP over its own sets given the others' act. */
static mc_status best_reply(const mc_ef *ef, mc_players team, unsigned j, const mc_ef_side *sj,
                            const mc_ef_side *row, const mc_q *x, const mc_ef_behavior *fixed,
                            const mc_q *weights, bool maximize, const uint32_t *act,
                            mc_q *value, uint32_t *plan, mc_error *err)
{
    mc_ef_behavior b;
    mc_status st = mc_ef_behavior_pure(ef, team & ~(UINT64_C(1) << j), act, &b, err);
    if (st != MC_OK)
        return st;
    const mc_ef_behavior *fx[2] = {&b, fixed};
    mc_ef_matrix m;
    st = ef_payoff_matrix_multi(ef, row, sj, fx, 2, weights, &m, err);
    mc_ef_behavior_free(&b);
    if (st != MC_OK)
        return st;
    mc_q *direct = malloc((size_t)sj->nseq * sizeof *direct), one = MC_Q_INT(1);
    if (!direct) {
        mc_ef_matrix_free(&m);
        return mc_error_set(err, MC_ENOMEM, "team search: out of memory");
    }
    mc_q_init_vec(direct, sj->nseq);
    mc_ef_matrix_xA(&m, row ? x : &one, direct);
    st = mc_ef_side_dp(sj, direct, maximize, value, plan, err);
    mc_q_clear_vec(direct, sj->nseq);
    free(direct);
    mc_ef_matrix_free(&m);
    return st;
}

mc_status ef_team_search(const mc_ef *ef, mc_players team, const mc_ef_side *row, const mc_q *x,
                         const mc_ef_behavior *fixed, const mc_q *weights, bool maximize,
                         uint32_t *act, mc_q *value, mc_error *err)
{
    mc_ef_side side[MC_MAX_PLAYERS];
    memset(side, 0, sizeof side);
    uint32_t n = row ? row->nseq : 1;
    mc_q *u = malloc((size_t)n * sizeof *u), cand = MC_Q_ZERO, one = MC_Q_INT(1);
    uint32_t *plan = NULL;
    mc_status st = MC_OK;
    if (!u)
        return mc_error_set(err, MC_ENOMEM, "team search: out of memory");
    mc_q_init_vec(u, n);
    uint32_t maxsets = 1;
    for (unsigned j = 0; j < ef->nplayers && st == MC_OK; j++)
        if (mc_players_has(team, j)) {
            st = mc_ef_side_build(ef, UINT64_C(1) << j, &side[j], err);
            if (st == MC_OK && side[j].ninfosets > maxsets)
                maxsets = side[j].ninfosets;
        }
    if (st == MC_OK && !(plan = malloc(maxsets * sizeof *plan)))
        st = mc_error_set(err, MC_ENOMEM, "team search: out of memory");
    if (st == MC_OK)
        st = ef_team_column(ef, row, team, act, fixed, weights, u, err);
    if (st == MC_OK)
        ef_dot(row ? x : &one, u, n, value);
    for (unsigned pass = 0; st == MC_OK && pass < 1000; pass++) {
        bool improved = false;
        for (unsigned j = 0; j < ef->nplayers && st == MC_OK; j++) {
            if (!mc_players_has(team, j))
                continue;
            st = best_reply(ef, team, j, &side[j], row, x, fixed, weights, maximize, act, &cand,
                            plan, err);
            int c = st == MC_OK ? mc_q_cmp(&cand, value) : 0;
            if (maximize ? c > 0 : c < 0) {
                for (uint32_t J = 0; J < side[j].ninfosets; J++)
                    act[ef_node_infoset_of(ef, side[j].first_node[J], j)] = plan[J];
                mc_q_set(value, &cand);
                improved = true;
            }
        }
        if (!improved)
            break;
    }
    for (unsigned j = 0; j < ef->nplayers; j++)
        mc_ef_side_free(&side[j]);
    mc_q_clear_vec(u, n);
    free(u);
    free(plan);
    mc_q_clear(&cand);
    return st;
}

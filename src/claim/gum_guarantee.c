/* Guarantees of a truthful agent against the pooled others (spec 2.11):
 *  (A) the truthful agent's expected utility, minimised and maximised over
 *      the coalition's pure plans, by a DP over the pooled information sets;
 *  (B) the sequence-form maximin LP (GLPK + exact certificate + DP
 *      re-check, in mc_seqform_maximin);
 *  and a linear-time exact certificate: when the truthful pair is a saddle
 *  point -- the coalition's best response to truthful i gives Upsilon^i and
 *  i's best response to the truthful coalition gives Upsilon^i -- the
 *  maximin value is Upsilon^i exactly (mc_seqform_check on the pair). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claim/gum_claims.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void mc_gum_guar_opts_default(mc_gum_guar_opts *o)
{
    memset(o, 0, sizeof *o);
    o->a = true;
    o->saddle = true;
    o->lp = true;
    o->simultaneous = true;
}

void mc_gum_guar_init(mc_gum_guar *g)
{
    memset(g, 0, sizeof *g);
    g->upsilon = g->amin = g->amax = g->lp_value = g->value = MC_Q_ZERO;
}

void mc_gum_guar_free(mc_gum_guar *g)
{
    mc_q_clear(&g->upsilon);
    mc_q_clear(&g->amin);
    mc_q_clear(&g->amax);
    mc_q_clear(&g->lp_value);
    mc_q_clear(&g->value);
    memset(g, 0, sizeof *g);
}

mc_status mc_gum_truthful_fn(void *ctx, const mc_game *g, const void *state, const mc_node *node,
                             unsigned mover, mc_q *prob, mc_error *err)
{
    (void)ctx;
    (void)err;
    uint32_t a = mc_gum_game_truthful_action(g, state, node->mover[mover]);
    for (uint32_t k = 0; k < node->nactions[mover]; k++)
        mc_q_set_i64(&prob[k], k == a);
    return MC_OK;
}

/* The side's plan that plays every member's truthful action (read from a
 * truthful behaviour of all players). */
static void truthful_plan(const mc_ef *ef, const mc_ef_side *s, const mc_ef_behavior *b,
                          uint32_t *plan)
{
    for (uint32_t J = 0; J < s->ninfosets; J++) {
        uint32_t v = s->first_node[J], joint = 0;
        for (unsigned k = 0; k < ef->nmovers[v]; k++) {
            uint32_t i = ef->slot_infoset[ef->aux[v] + k];
            if (!mc_players_has(s->players, ef->infosets[i].player))
                continue;
            uint32_t a = 0, na = ef->infosets[i].nactions;
            for (uint32_t c = 0; c < na; c++)
                if (!mc_q_is_zero(&b->prob[b->offset[i] + c]))
                    a = c;
            joint = joint * na + a;
        }
        plan[J] = joint;
    }
}

/* Dense per-sequence payoff of the column side from a matrix with no row side. */
static mc_q *dense_direct(const mc_ef_matrix *m)
{
    mc_q *d = malloc((size_t)m->ncols * sizeof *d);
    if (!d)
        return NULL;
    mc_q_init_vec(d, m->ncols);
    for (size_t k = 0; k < m->nnz; k++)
        mc_q_add(&d[m->col[k]], &d[m->col[k]], &m->val[k]);
    return d;
}

static void free_qv(mc_q *v, size_t n)
{
    if (v) {
        mc_q_clear_vec(v, n);
        free(v);
    }
}

mc_status mc_gum_guarantee(const mc_gum_setup *s, unsigned agent, const mc_gum_guar_opts *o,
                           mc_gum_guar *g, mc_error *err)
{
    const mc_gum_env *e = &s->env;
    unsigned n = e->n;
    g->agent = agent;
    uint64_t root = mc_gum_state_index(e, 0, e->init);
    mc_q_set(&g->upsilon, &s->pol.F[0][root * n + agent - 1]);
    mc_players me = UINT64_C(1) << (agent - 1);
    mc_players all = mc_players_all(n), others = all & ~me;
    double t0 = now();
    mc_game *game = NULL;
    mc_ef ef;
    bool have_ef = false;
    mc_ef_side si = {0}, sc = {0};
    mc_ef_behavior btruth;
    mc_ef_behavior_init(&btruth);
    mc_ef_matrix A;
    mc_ef_matrix_init(&A);
    mc_q *w = NULL, *direct = NULL, *x = NULL, *y = NULL;
    uint32_t *plan = NULL;
    mc_status st = mc_gum_setup_game(s, (uint32_t)others, 0, o->past ? (uint32_t)others : 0,
                                     o->simultaneous, &game, err);
    if (st != MC_OK)
        return st;
    mc_ef_options eo;
    mc_ef_options_default(&eo);
    if (o->max_nodes)
        eo.max_nodes = o->max_nodes;
    if ((st = mc_ef_build(game, &eo, &ef, err)) != MC_OK)
        goto done;
    have_ef = true;
    g->nodes = ef.nnodes;
    g->leaves = ef.nterminals;
    if ((st = mc_ef_side_build(&ef, me, &si, err)) != MC_OK ||
        (st = mc_ef_side_build(&ef, others, &sc, err)) != MC_OK ||
        (st = mc_ef_behavior_from_game(&ef, game, all, mc_gum_truthful_fn, NULL, &btruth, err)) !=
            MC_OK)
        goto done;
    g->seq_i = si.nseq;
    g->sets_i = si.ninfosets;
    g->seq_c = sc.nseq;
    g->sets_c = sc.ninfosets;
    if (!(w = malloc(n * sizeof *w))) {
        st = mc_error_set(err, MC_ENOMEM, "guarantee: out of memory");
        goto done;
    }
    for (unsigned p = 0; p < n; p++)
        w[p] = (mc_q)MC_Q_INT(p == agent - 1);
    g->sec_build = now() - t0;

    if (o->a) {
        /* (A): i fixed truthful, the coalition's plans by DP */
        double t1 = now();
        mc_ef_behavior bi;
        mc_ef_behavior_init(&bi);
        mc_ef_matrix Ai;
        mc_ef_matrix_init(&Ai);
        st = mc_ef_behavior_from_game(&ef, game, me, mc_gum_truthful_fn, NULL, &bi, err);
        if (st == MC_OK)
            st = mc_ef_payoff_matrix(&ef, NULL, &sc, &bi, w, &Ai, err);
        if (st == MC_OK && !(direct = dense_direct(&Ai)))
            st = mc_error_set(err, MC_ENOMEM, "guarantee: out of memory");
        if (st == MC_OK)
            st = mc_ef_side_dp(&sc, direct, false, &g->amin, NULL, err);
        if (st == MC_OK)
            st = mc_ef_side_dp(&sc, direct, true, &g->amax, NULL, err);
        g->have_a = st == MC_OK;
        mc_ef_matrix_free(&Ai);
        mc_ef_behavior_free(&bi);
        g->sec_a = now() - t1;
        if (st != MC_OK)
            goto done;
    }

    if (o->saddle) {
        double t1 = now();
        size_t cap = si.ninfosets > sc.ninfosets ? si.ninfosets : sc.ninfosets;
        plan = malloc((cap ? cap : 1) * sizeof *plan);
        x = malloc((size_t)si.nseq * sizeof *x);
        y = malloc((size_t)sc.nseq * sizeof *y);
        if (!plan || !x || !y) {
            st = mc_error_set(err, MC_ENOMEM, "guarantee: out of memory");
            goto done;
        }
        mc_q_init_vec(x, si.nseq);
        mc_q_init_vec(y, sc.nseq);
        truthful_plan(&ef, &si, &btruth, plan);
        mc_ef_side_realization(&si, plan, x);
        truthful_plan(&ef, &sc, &btruth, plan);
        mc_ef_side_realization(&sc, plan, y);
        if ((st = mc_ef_payoff_matrix(&ef, &si, &sc, NULL, w, &A, err)) != MC_OK)
            goto done;
        g->nnz = A.nnz;
        mc_error why;
        mc_error_clear(&why);
        g->saddle = mc_seqform_check(&A, &si, &sc, x, y, &g->upsilon, &why);
        snprintf(g->saddle_note, sizeof g->saddle_note, "%.190s",
                 g->saddle ? "" : why.msg);
        if (g->saddle) {
            g->certified = true;
            mc_q_set(&g->value, &g->upsilon);
            g->how = "saddle point: truthful agent vs truthful coalition, both best "
                     "responses checked by DP";
        }
        g->sec_saddle = now() - t1;
    }

    if (o->lp) {
        double t1 = now();
        mc_seqform_options so;
        mc_seqform_options_default(&so);
        if (o->lp_time > 0)
            so.lp.time_limit = o->lp_time;
        mc_seqform_result r;
        mc_seqform_result_init(&r);
        st = mc_seqform_maximin(&ef, me, others, &so, &r, err);
        if (st == MC_ELIMIT) {
            st = MC_OK;
            snprintf(g->lp_note, sizeof g->lp_note, "LP time limit: %.200s", err->msg);
        }
        g->have_lp = st == MC_OK;
        g->lp_status = r.lp_status;
        g->lp_rows = r.lp_rows;
        g->lp_cols = r.lp_cols;
        if (r.note[0])
            snprintf(g->lp_note, sizeof g->lp_note, "%s", r.note);
        if (r.lp_status == MC_LP_OPTIMAL_CERTIFIED) {
            mc_q_set(&g->lp_value, &r.value);
            if (!g->certified) {
                g->certified = true;
                mc_q_set(&g->value, &r.value);
                g->how = "sequence-form LP, exact basis certificate, re-checked by two DPs";
            } else if (!mc_q_eq(&g->value, &r.value)) {
                st = mc_error_set(err, MC_EINTERNAL,
                                  "guarantee: the LP value and the saddle-point value differ for "
                                  "agent %u",
                                  agent);
            }
        }
        mc_seqform_result_free(&r);
        g->sec_lp = now() - t1;
    }
done:
    free_qv(direct, sc.nseq);
    free_qv(x, si.nseq);
    free_qv(y, sc.nseq);
    free(plan);
    free(w);
    mc_ef_matrix_free(&A);
    mc_ef_behavior_free(&btruth);
    mc_ef_side_free(&si);
    mc_ef_side_free(&sc);
    if (have_ef)
        mc_ef_free(&ef);
    mc_game_destroy(game);
    return st;
}

/* The best total of a pooled set of agents (others truthful) by DP. */
static mc_status pooled_max(const mc_gum_setup *s, uint32_t coalition, mc_q *value, mc_error *err)
{
    const mc_gum_env *e = &s->env;
    unsigned n = e->n;
    uint32_t all = (uint32_t)mc_players_all(n);
    mc_game *game = NULL;
    mc_status st = mc_gum_setup_game(s, coalition, all & ~coalition, 0, true, &game, err);
    if (st != MC_OK)
        return st;
    mc_ef ef;
    mc_ef_options eo;
    mc_ef_options_default(&eo);
    if ((st = mc_ef_build(game, &eo, &ef, err)) != MC_OK) {
        mc_game_destroy(game);
        return st;
    }
    mc_ef_side sc = {0};
    mc_ef_matrix A;
    mc_ef_matrix_init(&A);
    mc_q *w = malloc(n * sizeof *w), *direct = NULL;
    st = mc_ef_side_build(&ef, coalition, &sc, err);
    if (st == MC_OK && !w)
        st = mc_error_set(err, MC_ENOMEM, "coalition: out of memory");
    if (st == MC_OK) {
        for (unsigned p = 0; p < n; p++)
            w[p] = (mc_q)MC_Q_INT((coalition >> p) & 1u);
        st = mc_ef_payoff_matrix(&ef, NULL, &sc, NULL, w, &A, err);
    }
    if (st == MC_OK && !(direct = dense_direct(&A)))
        st = mc_error_set(err, MC_ENOMEM, "coalition: out of memory");
    if (st == MC_OK)
        st = mc_ef_side_dp(&sc, direct, true, value, NULL, err);
    free_qv(direct, sc.nseq);
    mc_ef_side_free(&sc);
    free(w);
    mc_ef_matrix_free(&A);
    mc_ef_free(&ef);
    mc_game_destroy(game);
    return st;
}

mc_status mc_gum_coalition_max(const mc_gum_setup *s, uint32_t coalition, mc_q *value,
                               mc_error *err)
{
    if (!coalition)
        return mc_error_set(err, MC_EINPUT, "coalition: empty");
    return pooled_max(s, coalition, value, err);
}

mc_status mc_gum_rhs(const mc_gum_setup *s, mc_q *rhs, const char **how, mc_error *err)
{
    bool balanced = true;
    for (size_t k = 0; k < s->nmechs; k++)
        balanced = balanced && s->mechs[k].balanced;
    if (balanced && s->policy_efficient && !s->transfer_free) {
        mc_q_set(rhs, &s->pol.W);
        *how = "W* = V_0(theta_0): budget balanced and efficient, so total utility is welfare";
        return MC_OK;
    }
    *how = "grand coalition's best pooled plan (DP over the compiled tree)";
    return pooled_max(s, (uint32_t)mc_players_all(s->env.n), rhs, err);
}

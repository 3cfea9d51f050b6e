/* gum/example-5.1: Example 5.1 on a grid (env ex51): the BTM terms (35),
 * the GUM terms (38)-(39) at every history, and the alternating deviation
 * (0 in even rounds, 1 in odd rounds before T, truthful at T): its value
 * for blue and red under the instance's mechanism, and whether joining it
 * is a best response to the other's deviation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

/* Reported probability of a type index at t (ex51 labels are exact). */
static void prob_of(const mc_gum_env *e, unsigned t, unsigned i, uint32_t k, mc_q *p)
{
    mc_error err;
    if (mc_q_parse(p, e->type_label[t][i][k], (size_t)-1, &err) != MC_OK)
        mc_q_set_i64(p, 0);
}

typedef struct alt_ctx {
    uint32_t alternating; /* players (0-based bits) following the deviation */
    unsigned T;
} alt_ctx;

/* Deviators report 1 in odd and 0 in even periods before T (types 0 and
 * 1 are the first and last of each grid), truthfully at T; others truthful. */
static mc_status alt_fn(void *ctx, const mc_game *g, const void *state, const mc_node *node,
                        unsigned mover, mc_q *prob, mc_error *err)
{
    const alt_ctx *a = ctx;
    mc_gum_view v;
    mc_gum_game_view(g, state, &v);
    unsigned p = node->mover[mover];
    uint32_t act;
    if (((a->alternating >> p) & 1u) && v.t < a->T)
        act = v.t % 2 ? node->nactions[mover] - 1 : 0;
    else
        act = mc_gum_game_truthful_action(g, state, p);
    for (uint32_t k = 0; k < node->nactions[mover]; k++)
        mc_q_set_i64(&prob[k], k == act);
    (void)err;
    return MC_OK;
}

static mc_status profile_value(const mc_ef *ef, const mc_game *g, uint32_t alternating, unsigned T,
                               mc_q *value, mc_error *err)
{
    alt_ctx a = {alternating, T};
    mc_ef_behavior b;
    mc_status st = mc_ef_behavior_from_game(ef, g, mc_players_all(ef->nplayers), alt_fn, &a, &b,
                                            err);
    if (st == MC_OK)
        st = mc_ef_expected_payoff(ef, &b, value, err);
    mc_ef_behavior_free(&b);
    return st;
}

/* Player p's best-response value when the others follow the profile. */
static mc_status best_response(const mc_ef *ef, const mc_game *g, unsigned p, uint32_t alternating,
                               unsigned T, mc_q *value, mc_error *err)
{
    alt_ctx a = {alternating, T};
    mc_players me = UINT64_C(1) << p;
    mc_ef_behavior b;
    mc_ef_side side;
    mc_ef_matrix A;
    mc_ef_matrix_init(&A);
    mc_q *w = calloc(ef->nplayers, sizeof *w), *direct = NULL;
    mc_status st = mc_ef_behavior_from_game(ef, g, mc_players_all(ef->nplayers) & ~me, alt_fn, &a,
                                            &b, err);
    if (st == MC_OK)
        st = mc_ef_side_build(ef, me, &side, err);
    if (st == MC_OK) {
        for (unsigned q = 0; q < ef->nplayers; q++)
            w[q] = (mc_q)MC_Q_INT(q == p);
        st = mc_ef_payoff_matrix(ef, NULL, &side, &b, w, &A, err);
        if (st == MC_OK) {
            direct = malloc(side.nseq * sizeof *direct);
            mc_q_init_vec(direct, side.nseq);
            for (size_t k = 0; k < A.nnz; k++)
                mc_q_add(&direct[A.col[k]], &direct[A.col[k]], &A.val[k]);
            st = mc_ef_side_dp(&side, direct, true, value, NULL, err);
            mc_q_clear_vec(direct, side.nseq);
            free(direct);
        }
        mc_ef_side_free(&side);
    }
    free(w);
    mc_ef_matrix_free(&A);
    mc_ef_behavior_free(&b);
    return st;
}

mc_status mc_gum_check_example_51(const mc_instance *in, const mc_check_opts *o,
                                  mc_claim_result *res, mc_error *err)
{
    (void)o;
    mc_gum_setup s;
    mc_status st = mc_gum_setup_read(&s, in, err);
    if (st != MC_OK)
        return st;
    const mc_gum_env *e = &s.env;
    if (strcmp(e->name, "ex51") ||
        (s.kind != MC_GUM_KIND_BTM && s.kind != MC_GUM_KIND_GUM) || s.env.T < 2) {
        mc_claim_result_set(res, MC_NOT_APPLICABLE,
                            "the example is env = ex51 (T >= 2) with mech = btm or gum");
        mc_gum_setup_free(&s);
        return MC_OK;
    }
    unsigned n = e->n, T = e->T;
    json_t *items = json_array();
    bool ok = true;
    /* the factor: hi + g (YES changes the others' payoff by this per unit of
     * probability); the paper's 50 for (100, -150) */
    mc_q factor = MC_Q_ZERO, pb0 = MC_Q_ZERO, pb1 = MC_Q_ZERO, pr0 = MC_Q_ZERO, pr1 = MC_Q_ZERO,
         f = MC_Q_ZERO, d = MC_Q_ZERO, sum = MC_Q_ZERO;
    mc_q_neg(&factor, &mc_gum_pay(e, T, 2, 1)[1]);
    mc_q_sub(&factor, &factor, &mc_gum_pay(e, T, 3, 0)[1]);
    mc_q *gam = malloc((size_t)(n + 1) * n * sizeof *gam);
    mc_q_init_vec(gam, (size_t)(n + 1) * n);
    uint64_t checked = 0, btm_bad = 0, gum_b_bad = 0, gum_r_bad = 0;
    uint32_t pth[MC_GUM_MAX_COMP], cth[MC_GUM_MAX_COMP];
    for (unsigned t = 1; t <= T && st == MC_OK; t++)
        for (uint64_t p = 0; p < e->nstates[t - 1] && st == MC_OK; p++)
            for (uint64_t c = 0; c < e->nstates[t] && st == MC_OK; c++) {
                mc_gum_state_decode(e, t - 1, p, pth);
                mc_gum_state_decode(e, t, c, cth);
                prob_of(e, t - 1, 1, pth[1], &pb0);
                prob_of(e, t, 1, cth[1], &pb1);
                prob_of(e, t - 1, 2, pth[2], &pr0);
                prob_of(e, t, 2, cth[2], &pr1);
                checked++;
                /* BTM (35): sum_{j != b} gamma^{BTM, b->j} */
                st = mc_gum_btm_externalities(e, &s.pol, t, p, c, gam, err);
                mc_q_set_i64(&sum, 0);
                for (unsigned j = 1; j < n; j++)
                    mc_q_add(&sum, &sum, &gam[1 * n + j]);
                mc_q_sub(&d, &pb0, &pb1);
                mc_q_mul(&f, &factor, &pr0);
                mc_q_mul(&f, &f, &d);
                btm_bad += !mc_q_eq(&sum, &f);
                /* GUM (38)-(39), order (b, r, g) */
                if (st == MC_OK)
                    st = mc_gum_externalities(e, &s.pol, s.order, t, p, c, gam, NULL, err);
                mc_q_set_i64(&sum, 0);
                for (unsigned j = 1; j < n; j++)
                    mc_q_add(&sum, &sum, &gam[1 * n + j]);
                gum_b_bad += !mc_q_eq(&sum, &f);
                mc_q_set_i64(&sum, 0);
                for (unsigned j = 0; j < n; j++)
                    if (j != 1)
                        mc_q_add(&sum, &sum, &gam[2 * n + j]);
                mc_q_sub(&d, &pr0, &pr1);
                mc_q_mul(&f, &factor, &pb1);
                mc_q_mul(&f, &f, &d);
                gum_r_bad += !mc_q_eq(&sum, &f);
            }
    char buf[128];
    snprintf(buf, sizeof buf, "%llu of %llu", 0ULL, (unsigned long long)checked);
    char got[128];
    snprintf(got, sizeof got, "%llu of %llu", (unsigned long long)btm_bad,
             (unsigned long long)checked);
    mc_gum_item(items, "histories where BTM's gamma^b differs from (35)", "paper", buf, got, &ok);
    snprintf(got, sizeof got, "%llu of %llu", (unsigned long long)gum_b_bad,
             (unsigned long long)checked);
    mc_gum_item(items, "histories where GUM's gamma^b differs from (38)", "paper", buf, got, &ok);
    snprintf(got, sizeof got, "%llu of %llu", (unsigned long long)gum_r_bad,
             (unsigned long long)checked);
    mc_gum_item(items, "histories where GUM's gamma^r differs from (39)", "paper", buf, got, &ok);
    json_t *more = json_object();
    /* the alternating deviation */
    mc_game *g = NULL;
    mc_ef ef;
    bool have_ef = false;
    if (st == MC_OK)
        st = mc_gum_setup_game(&s, 0, 0, 0, true, &g, err);
    if (st == MC_OK) {
        mc_ef_options eo;
        mc_ef_options_default(&eo);
        if (o && o->max_nodes)
            eo.max_nodes = o->max_nodes;
        if ((st = mc_ef_build(g, &eo, &ef, err)) == MC_OK)
            have_ef = true;
    }
    mc_q vt[MC_GUM_MAX_AGENTS], vb[MC_GUM_MAX_AGENTS], vboth[MC_GUM_MAX_AGENTS], br = MC_Q_ZERO;
    mc_q_init_vec(vt, n);
    mc_q_init_vec(vb, n);
    mc_q_init_vec(vboth, n);
    if (st == MC_OK) {
        st = profile_value(&ef, g, 0, T, vt, err);
        if (st == MC_OK)
            st = profile_value(&ef, g, 1, T, vb, err);
        if (st == MC_OK)
            st = profile_value(&ef, g, 3, T, vboth, err);
        if (st == MC_OK)
            st = best_response(&ef, g, 1, 1, T, &br, err);
    }
    if (st == MC_OK) {
        bool both_gain = mc_q_cmp(&vboth[0], &vt[0]) > 0 && mc_q_cmp(&vboth[1], &vt[1]) > 0;
        bool join = mc_q_cmp(&vboth[1], &vb[1]) > 0;
        bool alt_is_br = mc_q_eq(&vboth[1], &br);
        bool btm = s.kind == MC_GUM_KIND_BTM;
        mc_gum_item(items, "both alternating beats truth for blue and for red", "paper",
                    btm ? "yes" : "no (GUM)", both_gain ? "yes" : (btm ? "no" : "no (GUM)"), &ok);
        /* under GUM a lying blue only hurts itself; red may exploit it,
         * which the paper does not exclude: reported, not compared */
        if (btm)
            mc_gum_item(items, "when blue alternates, red gains by joining", "paper", "yes",
                        join ? "yes" : "no", &ok);
        json_object_set_new(
            more, "alternating_deviation",
            json_pack("{s:s,s:o,s:o,s:o,s:o,s:b,s:I}", "deviation",
                      "report 1 in odd and 0 in even periods before T, truthful at T",
                      "truthful", mc_gum_jagents(e, vt), "blue_alternates", mc_gum_jagents(e, vb),
                      "both_alternate", mc_gum_jagents(e, vboth),
                      "red_best_response_value_when_blue_alternates", mc_gum_jq(&br),
                      "alternating_is_red_best_response", alt_is_br, "leaves",
                      (json_int_t)ef.nterminals));
    }
    if (have_ef)
        mc_ef_free(&ef);
    mc_game_destroy(g);
    if (st == MC_OK) {
        res->witness = json_pack("{s:o,s:o,s:o,s:o}", "setup", mc_gum_jsetup(&s), "factor_hi_plus_g_negated",
                                 mc_gum_jq(&factor), "items", items, "more", more);
        items = more = NULL;
        if (ok)
            mc_claim_result_set(res, MC_HOLDS,
                                "the transfer terms match (35), (38), (39) at all %llu histories "
                                "and the deviation behaves as the paper says (%s)",
                                (unsigned long long)checked, s.mech_name);
        else
            mc_claim_result_set(res, MC_FAILS, "some term or statement differs (see items)");
    }
    json_decref(items);
    json_decref(more);
    mc_q_clear_vec(vt, n);
    mc_q_clear_vec(vb, n);
    mc_q_clear_vec(vboth, n);
    mc_q_clear(&br);
    mc_q_clear_vec(gam, (size_t)(n + 1) * n);
    free(gam);
    mc_q_clear(&factor);
    mc_q_clear(&pb0);
    mc_q_clear(&pb1);
    mc_q_clear(&pr0);
    mc_q_clear(&pr1);
    mc_q_clear(&f);
    mc_q_clear(&d);
    mc_q_clear(&sum);
    mc_gum_setup_free(&s);
    return st;
}

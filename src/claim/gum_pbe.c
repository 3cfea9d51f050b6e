/* Sequential rationality of a pure profile of reduced plans (spec 2.8 for
 * any profile, Table 1's "all PBE efficient"): every agent's plan must be
 * optimal at each of its information sets that the others' plans reach
 * with positive probability (beliefs by Bayes' rule; sets reached only
 * after another agent's deviation carry no condition).  Sets a reduced plan
 * leaves open (unreachable under the agent's own plan) are completed by an
 * optimal continuation, which they always admit.
 *
 * By dynamic programming over the agent's sequences with the others fixed:
 *   V*(J) = max_b [ direct(J,b) + sum over the sets J' below (J,b) of V*(J') ],
 *   Vp(J) = direct(J,plan(J)) + sum over the sets below (J,plan(J)) of Vp(J'),
 * both weighted by the probability of reaching J's nodes (chance x the
 * others' actions), so a violation V*(J) > Vp(J) is a gain at a set reached
 * with positive probability; divided by that probability it is the
 * conditional gain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/gum_claims.h"
#include "mechcheck/guarantee.h"

/* The probability of reaching each of player p's information sets (ef
 * numbering) when the others follow b and p plays to reach it. */
static mc_status reach_mass(const mc_ef *ef, unsigned p, const mc_ef_behavior *b, mc_q *mass,
                            mc_error *err)
{
    uint32_t *stack = malloc(((size_t)ef->depth + 2) * 2 * sizeof *stack);
    mc_q *reach = malloc(((size_t)ef->depth + 2) * sizeof *reach);
    if (!stack || !reach) {
        free(stack);
        free(reach);
        return mc_error_set(err, MC_ENOMEM, "sequential rationality: out of memory");
    }
    mc_q_init_vec(reach, (size_t)ef->depth + 2);
    mc_q_set_i64(&reach[0], 1);
    uint32_t depth = 0;
    stack[0] = 0;
    stack[1] = 0;
    while (true) {
        uint32_t v = stack[2 * depth], c = stack[2 * depth + 1];
        if (c == 0 && ef->kind[v] == MC_NODE_DECISION)
            for (unsigned k = 0; k < ef->nmovers[v]; k++) {
                uint32_t I = ef->slot_infoset[ef->aux[v] + k];
                if (ef->infosets[I].player == p)
                    mc_q_add(&mass[I], &mass[I], &reach[depth]);
            }
        if (ef->kind[v] != MC_NODE_TERMINAL && c < ef->nchild[v] && !mc_q_is_zero(&reach[depth])) {
            uint32_t child = v + 1;
            for (uint32_t k = 0; k < c; k++)
                child = ef->end[child];
            stack[2 * depth + 1] = c + 1;
            if (ef->kind[v] == MC_NODE_CHANCE) {
                mc_q_mul(&reach[depth + 1], &reach[depth], &ef->prob[ef->aux[v] + c]);
            } else {
                mc_q_set(&reach[depth + 1], &reach[depth]);
                uint32_t rest = c;
                for (unsigned k = ef->nmovers[v]; k-- > 0;) { /* mover 0 slowest */
                    uint32_t I = ef->slot_infoset[ef->aux[v] + k];
                    uint32_t a = rest % ef->infosets[I].nactions;
                    rest /= ef->infosets[I].nactions;
                    if (ef->infosets[I].player == p)
                        continue;
                    if (b->offset[I] == MC_EF_NONE)
                        mc_q_set_i64(&reach[depth + 1], 0);
                    else
                        mc_q_mul(&reach[depth + 1], &reach[depth + 1], &b->prob[b->offset[I] + a]);
                }
            }
            depth++;
            stack[2 * depth] = child;
            stack[2 * depth + 1] = 0;
            continue;
        }
        if (depth == 0)
            break;
        depth--;
    }
    mc_q_clear_vec(reach, (size_t)ef->depth + 2);
    free(reach);
    free(stack);
    return MC_OK;
}

mc_status mc_gum_profile_pbe(const mc_ef *ef, const mc_efnf_agent *agents, const uint32_t *plan,
                             mc_gum_pbe *out, mc_error *err)
{
    unsigned n = ef->nplayers;
    out->sets = out->violations = 0;
    out->worst_player = 0;
    out->worst_set = MC_EF_NONE;
    mc_q_set_i64(&out->worst_gain, 0);
    uint32_t *act = malloc(((size_t)ef->ninfosets + 1) * sizeof *act);
    mc_q *mass = malloc(((size_t)ef->ninfosets + 1) * sizeof *mass);
    if (!act || !mass) {
        free(act);
        free(mass);
        return mc_error_set(err, MC_ENOMEM, "sequential rationality: out of memory");
    }
    mc_q_init_vec(mass, ef->ninfosets);
    for (uint32_t I = 0; I < ef->ninfosets; I++)
        act[I] = MC_EF_NONE;
    for (unsigned a = 0; a < n; a++)
        for (uint32_t u = 0; u < agents[a].nunits; u++)
            act[agents[a].unit[u]] = agents[a].plan[(size_t)plan[a] * agents[a].nunits + u];
    mc_status st = MC_OK;
    mc_q g = MC_Q_ZERO;
    for (unsigned p = 0; p < n && st == MC_OK; p++) {
        mc_players me = UINT64_C(1) << p;
        mc_ef_behavior b;
        mc_ef_side si = {0};
        mc_ef_matrix A;
        mc_ef_matrix_init(&A);
        mc_q w[MC_MAX_PLAYERS], *vs = NULL, *vp = NULL;
        for (unsigned k = 0; k < n; k++)
            w[k] = (mc_q)MC_Q_INT(k == p);
        if ((st = mc_ef_behavior_pure(ef, mc_players_all(n) & ~me, act, &b, err)) != MC_OK)
            break;
        if ((st = mc_ef_side_build(ef, me, &si, err)) == MC_OK &&
            (st = mc_ef_payoff_matrix(ef, &si, NULL, &b, w, &A, err)) == MC_OK &&
            (st = reach_mass(ef, p, &b, mass, err)) == MC_OK) {
            vs = malloc((size_t)si.nseq * sizeof *vs);
            vp = malloc((size_t)si.nseq * sizeof *vp);
            if (!vs || !vp) {
                st = mc_error_set(err, MC_ENOMEM, "sequential rationality: out of memory");
            } else {
                mc_q_init_vec(vs, si.nseq);
                mc_q_init_vec(vp, si.nseq);
                for (size_t z = 0; z < A.nnz; z++) {
                    mc_q_add(&vs[A.row[z]], &vs[A.row[z]], &A.val[z]);
                    mc_q_add(&vp[A.row[z]], &vp[A.row[z]], &A.val[z]);
                }
                for (uint32_t J = si.ninfosets; J-- > 0;) { /* children after parents */
                    uint32_t I = ef->slot_infoset[ef->aux[si.first_node[J]]];
                    for (unsigned k = 0; k < ef->nmovers[si.first_node[J]]; k++) {
                        uint32_t Ik = ef->slot_infoset[ef->aux[si.first_node[J]] + k];
                        if (ef->infosets[Ik].player == p)
                            I = Ik;
                    }
                    const mc_q *best = &vs[si.first_seq[J]];
                    for (uint32_t bb = 1; bb < si.nactions[J]; bb++)
                        if (mc_q_cmp(&vs[si.first_seq[J] + bb], best) > 0)
                            best = &vs[si.first_seq[J] + bb];
                    mc_q_add(&vs[si.parent_seq[J]], &vs[si.parent_seq[J]], best);
                    if (act[I] == MC_EF_NONE)
                        continue; /* off the agent's own plan: completed optimally */
                    const mc_q *mine = &vp[si.first_seq[J] + act[I]];
                    mc_q_add(&vp[si.parent_seq[J]], &vp[si.parent_seq[J]], mine);
                    if (mc_q_is_zero(&mass[I]))
                        continue;
                    out->sets++;
                    mc_q_sub(&g, best, mine);
                    if (mc_q_sgn(&g) <= 0)
                        continue;
                    out->violations++;
                    mc_q_div(&g, &g, &mass[I]);
                    if (mc_q_cmp(&g, &out->worst_gain) > 0) {
                        mc_q_set(&out->worst_gain, &g);
                        out->worst_player = p;
                        out->worst_set = I;
                    }
                }
            }
        }
        if (vs)
            mc_q_clear_vec(vs, si.nseq);
        if (vp)
            mc_q_clear_vec(vp, si.nseq);
        free(vs);
        free(vp);
        mc_ef_matrix_free(&A);
        mc_ef_side_free(&si);
        mc_ef_behavior_free(&b);
        for (uint32_t I = 0; I < ef->ninfosets; I++)
            mc_q_set_i64(&mass[I], 0);
    }
    mc_q_clear(&g);
    mc_q_clear_vec(mass, ef->ninfosets);
    free(mass);
    free(act);
    return st;
}

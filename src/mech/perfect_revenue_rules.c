/* What Lemmas 1-3 of the paper prescribe at a node, as plain functions of
 * the node's public data (omega*, current prices, bip) and the partition.
 * The claims compare these with what backward induction computes. */
#include "mech/perfect_revenue.h"

bool mc_pr_has_choice(unsigned j, const int64_t *pstar, const unsigned *bip)
{
    if (pstar[j] <= 0)
        return false;
    return !(j == 0 && bip[0] == 0);
}

static unsigned block_size(const mc_agents *a, unsigned agent)
{
    unsigned m[MC_MAX_PLAYERS];
    return mc_agents_members(a, agent, m);
}

bool mc_pr_lemma1_yes(const mc_pr_params *p, unsigned omega, const int64_t *pstar,
                      const unsigned *bip, unsigned j)
{
    const mc_agents *a = &p->agents;
    unsigned blk = a->agent_of[j];
    if (block_size(a, blk) == 1)
        return p->tv[omega][j] >= pstar[j];
    /* bip_j is a player (bip 0 is player 1, the paper's bip_j = 1) */
    if (a->agent_of[bip[j]] == blk)
        return true;
    int64_t tv = 0, price = 0;
    for (unsigned k = 0; k < p->n; k++)
        if (a->agent_of[k] == blk) {
            tv += p->tv[omega][k];
            price += pstar[k];
        }
    return tv >= price;
}

void mc_pr_lemma2_raise(const mc_pr_params *p, unsigned omega, unsigned i, const int64_t *c,
                        int64_t *delta)
{
    const mc_agents *a = &p->agents;
    unsigned own = a->agent_of[i];
    for (unsigned j = 0; j < p->n; j++)
        delta[j] = 0;
    for (unsigned blk = 0; blk < a->nagents; blk++) {
        unsigned m[MC_MAX_PLAYERS];
        unsigned k = mc_agents_members(a, blk, m);
        int64_t sc = 0, stv = 0;
        for (unsigned t = 0; t < k; t++) {
            sc += c[m[t]];
            stv += p->tv[omega][m[t]];
        }
        if (sc >= stv)
            continue;
        if (blk != own) {
            delta[m[0]] = stv - sc; /* members are listed in increasing order */
            continue;
        }
        if (k == 1)
            continue; /* an independent player cannot raise himself */
        bool outsider_later = false;
        for (unsigned j = i + 1; j < p->n; j++)
            if (a->agent_of[j] != own)
                outsider_later = true;
        if (!outsider_later)
            continue;
        unsigned target = m[0] == i ? m[1] : m[0]; /* min(C \ {i}) */
        delta[target] = stv - sc;
    }
}

void mc_pr_lemma3_prices(const mc_pr_params *p, unsigned omega, int64_t *k1)
{
    const mc_agents *a = &p->agents;
    for (unsigned j = 0; j < p->n; j++)
        k1[j] = 0;
    for (unsigned j = 0; j < p->n; j++) {
        unsigned first = 0; /* the block's minimal member */
        while (a->agent_of[first] != a->agent_of[j])
            first++;
        k1[first] += p->tv[omega][j];
    }
}

void mc_pr_lemma3_root(const mc_pr_params *p, unsigned *omega, int64_t *k1)
{
    *omega = mc_pr_first_max_state(p);
    mc_pr_lemma3_prices(p, *omega, k1);
}

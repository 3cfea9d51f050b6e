/* The choice at one decision node given its children's continuation values:
 * shared by the tree fast path and the generic backward induction. */
#ifndef MC_SOLVE_DECIDE_H
#define MC_SOLVE_DECIDE_H

#include "mechcheck/game.h"
#include "mechcheck/spe.h"

typedef mc_spe_decision mc_decision;

/* Scratch reused across nodes (no allocation once warm). */
typedef struct mc_decider {
    const mc_agents *agents;
    unsigned nplayers;
    mc_q *agent_value;        /* nchildren * nagents_at_node */
    size_t agent_value_cap;
    uint8_t *alive;           /* per agent-at-node joint action */
    size_t alive_cap;
    uint64_t *contrib;        /* per agent-at-node joint action: child-index contribution */
    size_t contrib_cap;
    mc_q sum;
    unsigned nmembers[MC_MAX_PLAYERS]; /* per agent */
} mc_decider;

void mc_decider_init(mc_decider *d, const mc_agents *agents, unsigned nplayers);
void mc_decider_free(mc_decider *d);

/* The children's value vectors: child c's vector (nplayers entries) starts
 * at first + c * stride (the tree's value stack runs downwards, stride < 0). */
typedef struct mc_children {
    const mc_q *first;
    ptrdiff_t stride;
} mc_children;

static inline const mc_q *mc_child(mc_children ch, uint64_t c)
{
    return ch.first + (ptrdiff_t)c * ch.stride;
}

/* The choice of an agent with the single member p: the first child maximising
 * coordinate p, with the ties noted.  Inline: it is the inner loop of
 * backward induction on large trees. */
static inline void mc_argmax_coord(mc_children ch, uint64_t k, unsigned agent, unsigned p,
                                   mc_decision *out)
{
    out->single = true;
    out->agent = agent;
    out->nagents = 1;
    out->chosen = 0;
    out->ntied = 1;
    out->tied[0] = 0;
    const mc_q *best = &mc_child(ch, 0)[p];
    for (uint64_t c = 1; c < k; c++) {
        const mc_q *x = &mc_child(ch, c)[p];
        int s = mc_q_cmp(x, best);
        if (s > 0) {
            best = x;
            out->chosen = c;
            out->ntied = 1;
            out->tied[0] = c;
        } else if (s == 0) {
            if (out->ntied < MC_SPE_SHOW)
                out->tied[out->ntied] = c;
            out->ntied++;
        }
    }
}

/* Chooses at a decision node.  Fills *out. */
mc_status mc_decide(mc_decider *d, const mc_node *node, mc_children ch, mc_decision *out,
                    mc_error *err);

/* Sum of the agent's members' entries of v into *r. */
void mc_agent_value(const mc_agents *a, unsigned agent, const mc_q *v, mc_q *r);

#endif

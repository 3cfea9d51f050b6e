/* Node records, the generator's common helpers and agent partitions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/game.h"

mc_status mc_node_init(mc_node *n, unsigned nplayers)
{
    memset(n, 0, sizeof *n);
    n->nplayers = nplayers;
    n->payoff_buf = malloc((nplayers ? nplayers : 1) * sizeof *n->payoff_buf);
    if (!n->payoff_buf)
        return MC_ENOMEM;
    mc_q_init_vec(n->payoff_buf, nplayers);
    return MC_OK;
}

void mc_node_free(mc_node *n)
{
    if (n->payoff_buf) {
        mc_q_clear_vec(n->payoff_buf, n->nplayers);
        free(n->payoff_buf);
    }
    if (n->prob_buf) {
        mc_q_clear_vec(n->prob_buf, n->prob_cap);
        free(n->prob_buf);
    }
    memset(n, 0, sizeof *n);
}

mc_q *mc_node_prob_buf(mc_node *n, size_t k)
{
    if (k <= n->prob_cap)
        return n->prob_buf;
    size_t cap = n->prob_cap ? n->prob_cap : 4;
    while (cap < k)
        cap *= 2;
    mc_q *p = realloc(n->prob_buf, cap * sizeof *p);
    if (!p)
        return NULL;
    mc_q_init_vec(p + n->prob_cap, cap - n->prob_cap);
    n->prob_buf = p;
    n->prob_cap = cap;
    return p;
}

uint64_t mc_node_nchildren(const mc_node *n)
{
    switch (n->kind) {
    case MC_NODE_DECISION: {
        uint64_t k = 1;
        for (unsigned m = 0; m < n->nmovers; m++)
            k *= n->nactions[m];
        return k;
    }
    case MC_NODE_CHANCE:
        return n->nchance;
    default:
        return 0;
    }
}

uint64_t mc_node_child_index(const mc_node *n, const uint32_t *choice)
{
    if (n->kind == MC_NODE_CHANCE)
        return choice[0];
    uint64_t idx = 0;
    for (unsigned m = 0; m < n->nmovers; m++)
        idx = idx * n->nactions[m] + choice[m];
    return idx;
}

void mc_node_choice_of(const mc_node *n, uint64_t index, uint32_t *choice)
{
    if (n->kind == MC_NODE_CHANCE) {
        choice[0] = (uint32_t)index;
        return;
    }
    for (unsigned m = n->nmovers; m-- > 0;) {
        choice[m] = (uint32_t)(index % n->nactions[m]);
        index /= n->nactions[m];
    }
}

void mc_game_destroy(mc_game *g)
{
    if (g && g->ops && g->ops->destroy)
        g->ops->destroy(g);
}

const char *mc_game_player_name(const mc_game *g, unsigned player, char *buf, size_t cap)
{
    if (g->player_names && g->player_names[player] && g->player_names[player][0])
        return g->player_names[player];
    snprintf(buf, cap, "%u", player + 1);
    return buf;
}

/* ---- agents ------------------------------------------------------------- */

void mc_agents_singletons(mc_agents *a, unsigned nplayers)
{
    a->nplayers = nplayers;
    a->nagents = nplayers;
    for (unsigned p = 0; p < nplayers; p++)
        a->agent_of[p] = p;
}

/* Renumbers blocks by their smallest member so agent ids are canonical. */
static void agents_canonicalise(mc_agents *a, const unsigned *block_of)
{
    unsigned remap[MC_MAX_PLAYERS];
    for (unsigned p = 0; p < a->nplayers; p++)
        remap[p] = MC_MAX_PLAYERS;
    unsigned next = 0;
    for (unsigned p = 0; p < a->nplayers; p++) {
        unsigned b = block_of[p];
        if (remap[b] == MC_MAX_PLAYERS)
            remap[b] = next++;
        a->agent_of[p] = remap[b];
    }
    a->nagents = next;
}

mc_status mc_agents_parse(mc_agents *a, unsigned nplayers, const char *spec, mc_error *err)
{
    if (nplayers == 0 || nplayers > MC_MAX_PLAYERS)
        return mc_error_set(err, MC_EINPUT, "agents: %u players is out of range 1..%d", nplayers,
                            MC_MAX_PLAYERS);
    unsigned block_of[MC_MAX_PLAYERS];
    bool seen[MC_MAX_PLAYERS] = {false};
    unsigned nblocks = 0;
    const char *s = spec;
    a->nplayers = nplayers;
    while (*s) {
        unsigned block = nblocks++;
        for (;;) {
            while (*s == ' ')
                s++;
            char *end;
            long p = strtol(s, &end, 10);
            if (end == s)
                return mc_error_set(err, MC_EINPUT,
                                    "agents \"%s\": expected a player number at position %ld",
                                    spec, (long)(s - spec) + 1);
            if (p < 1 || p > (long)nplayers)
                return mc_error_set(err, MC_EINPUT,
                                    "agents \"%s\": player %ld at position %ld is not in 1..%u",
                                    spec, p, (long)(s - spec) + 1, nplayers);
            if (seen[p - 1])
                return mc_error_set(err, MC_EINPUT,
                                    "agents \"%s\": player %ld appears twice (position %ld)", spec,
                                    p, (long)(s - spec) + 1);
            seen[p - 1] = true;
            block_of[p - 1] = block;
            s = end;
            while (*s == ' ')
                s++;
            if (*s == ',') {
                s++;
                continue;
            }
            if (*s == ';' || *s == '|') {
                s++;
                break;
            }
            if (*s == '\0')
                break;
            return mc_error_set(err, MC_EINPUT,
                                "agents \"%s\": unexpected '%c' at position %ld (use 1,2;3)", spec,
                                *s, (long)(s - spec) + 1);
        }
    }
    for (unsigned p = 0; p < nplayers; p++)
        if (!seen[p])
            block_of[p] = nblocks++;
    /* block ids may exceed nplayers only if input was invalid, caught above */
    agents_canonicalise(a, block_of);
    return MC_OK;
}

unsigned mc_agents_members(const mc_agents *a, unsigned agent, unsigned *members)
{
    unsigned k = 0;
    for (unsigned p = 0; p < a->nplayers; p++)
        if (a->agent_of[p] == agent)
            members[k++] = p;
    return k;
}

bool mc_agents_is_singletons(const mc_agents *a)
{
    return a->nagents == a->nplayers;
}

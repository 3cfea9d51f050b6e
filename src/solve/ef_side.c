/* Pooled sides: the information sets and sequences of a set of players
 * acting as one decision maker that pools what its members observe
 * (definition in seqform.h), and the best-response DP over them. */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/seqform.h"
#include "solve/ef_internal.h"

typedef struct side_builder {
    const mc_ef *ef;
    mc_ef_side *s;
    ef_intern keys;
    size_t cap;
    mc_error *err;
} side_builder;

static mc_status side_oom(side_builder *b)
{
    return mc_error_set(b->err, MC_ENOMEM, "pooled side: out of memory");
}

static mc_status side_add(side_builder *b, uint32_t v, uint32_t parent, uint64_t nact, uint32_t *J)
{
    mc_ef_side *s = b->s;
    if (s->ninfosets >= b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        uint32_t **arr[] = {&s->nactions, &s->parent_seq, &s->first_seq, &s->first_node};
        for (size_t k = 0; k < 4; k++) {
            uint32_t *p = realloc(*arr[k], cap * sizeof *p);
            if (!p)
                return side_oom(b);
            *arr[k] = p;
        }
        b->cap = cap;
    }
    if (nact == 0 || (uint64_t)s->nseq + nact >= MC_EF_NONE)
        return mc_error_set(b->err, MC_ELIMIT, "pooled side: too many sequences at node #%u",
                            v + 1);
    uint32_t j = s->ninfosets++;
    s->nactions[j] = (uint32_t)nact;
    s->parent_seq[j] = parent;
    s->first_seq[j] = s->nseq;
    s->first_node[j] = v;
    s->nseq += (uint32_t)nact;
    *J = j;
    return MC_OK;
}

static mc_status side_walk(side_builder *b, uint32_t v, uint32_t seq)
{
    const mc_ef *ef = b->ef;
    mc_ef_side *s = b->s;
    if (ef->kind[v] == MC_NODE_TERMINAL)
        return MC_OK;
    uint32_t J = MC_EF_NONE;
    if (ef->kind[v] == MC_NODE_DECISION) {
        uint32_t key[1 + MC_MAX_MOVERS];
        uint32_t len = 0;
        uint64_t nact = 1;
        key[len++] = seq;
        for (unsigned k = 0; k < ef->nmovers[v]; k++) {
            uint32_t i = ef->slot_infoset[ef->aux[v] + k];
            if (!mc_players_has(s->players, ef->infosets[i].player))
                continue;
            key[len++] = i;
            nact *= ef->infosets[i].nactions;
            if (nact >= MC_EF_NONE)
                return mc_error_set(b->err, MC_ELIMIT,
                                    "pooled side: too many joint actions at node #%u", v + 1);
        }
        if (len > 1) {
            bool created;
            J = ef_intern_id(&b->keys, key, len, &created);
            if (J == MC_EF_NONE)
                return side_oom(b);
            if (created) {
                uint32_t j = MC_EF_NONE;
                mc_status st = side_add(b, v, seq, nact, &j);
                if (st != MC_OK)
                    return st;
                if (j != J)
                    return mc_error_set(b->err, MC_EINTERNAL, "pooled side: numbering");
            }
        }
    }
    s->node_infoset[v] = J;
    uint32_t c = 0;
    for (uint32_t child = v + 1; child < ef->end[v]; child = ef->end[child], c++) {
        uint32_t cseq = J == MC_EF_NONE ? seq : s->first_seq[J] + mc_ef_side_action(ef, s, v, c);
        mc_status st = side_walk(b, child, cseq);
        if (st != MC_OK)
            return st;
    }
    return MC_OK;
}

mc_status mc_ef_side_build(const mc_ef *ef, mc_players players, mc_ef_side *s, mc_error *err)
{
    memset(s, 0, sizeof *s);
    s->players = players;
    s->nseq = 1;
    s->node_infoset = malloc(((size_t)ef->nnodes + 1) * sizeof *s->node_infoset);
    if (!s->node_infoset)
        return mc_error_set(err, MC_ENOMEM, "pooled side: out of memory");
    for (uint32_t v = 0; v < ef->nnodes; v++)
        s->node_infoset[v] = MC_EF_NONE;
    side_builder b = {.ef = ef, .s = s, .err = err};
    ef_intern_init(&b.keys);
    mc_status st = ef->nnodes ? side_walk(&b, 0, 0) : MC_OK;
    ef_intern_free(&b.keys);
    if (st != MC_OK)
        mc_ef_side_free(s);
    return st;
}

void mc_ef_side_free(mc_ef_side *s)
{
    free(s->nactions);
    free(s->parent_seq);
    free(s->first_seq);
    free(s->first_node);
    free(s->node_infoset);
    memset(s, 0, sizeof *s);
}

uint32_t mc_ef_side_action(const mc_ef *ef, const mc_ef_side *s, uint32_t v, uint64_t c)
{
    uint64_t stride[MC_MAX_MOVERS];
    ef_slot_strides(ef, v, stride);
    uint32_t b = 0;
    for (unsigned k = 0; k < ef->nmovers[v]; k++) {
        const mc_ef_infoset *is = &ef->infosets[ef->slot_infoset[ef->aux[v] + k]];
        if (mc_players_has(s->players, is->player))
            b = b * is->nactions + (uint32_t)(c / stride[k] % is->nactions);
    }
    return b;
}

uint32_t mc_ef_side_seq_infoset(const mc_ef_side *s, uint32_t seq, uint32_t *action)
{
    if (seq == 0 || seq >= s->nseq)
        return MC_EF_NONE;
    uint32_t lo = 0, hi = s->ninfosets; /* first_seq is increasing */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s->first_seq[mid] <= seq)
            lo = mid;
        else
            hi = mid;
    }
    if (action)
        *action = seq - s->first_seq[lo];
    return lo;
}

/* ---- best response DP -------------------------------------------------------- */

mc_status mc_ef_side_dp(const mc_ef_side *s, const mc_q *direct, bool maximize, mc_q *value,
                        uint32_t *plan, mc_error *err)
{
    mc_q *sv = malloc((size_t)s->nseq * sizeof *sv);
    if (!sv)
        return mc_error_set(err, MC_ENOMEM, "best response: out of memory");
    mc_q_init_vec(sv, s->nseq);
    for (uint32_t t = 0; t < s->nseq; t++)
        mc_q_set(&sv[t], &direct[t]);
    /* a set's children sets were created after it: a reverse scan is bottom-up */
    for (uint32_t J = s->ninfosets; J-- > 0;) {
        const mc_q *best = &sv[s->first_seq[J]];
        uint32_t arg = 0;
        for (uint32_t b = 1; b < s->nactions[J]; b++) {
            int c = mc_q_cmp(&sv[s->first_seq[J] + b], best);
            if (maximize ? c > 0 : c < 0) {
                best = &sv[s->first_seq[J] + b];
                arg = b;
            }
        }
        mc_q_add(&sv[s->parent_seq[J]], &sv[s->parent_seq[J]], best);
        if (plan)
            plan[J] = arg;
    }
    mc_q_set(value, &sv[0]);
    mc_q_clear_vec(sv, s->nseq);
    free(sv);
    return MC_OK;
}

void mc_ef_side_realization(const mc_ef_side *s, const uint32_t *plan, mc_q *r)
{
    for (uint32_t t = 0; t < s->nseq; t++)
        mc_q_set_i64(&r[t], t == 0);
    /* parents first: sets in creation order */
    for (uint32_t J = 0; J < s->ninfosets; J++)
        if (!mc_q_is_zero(&r[s->parent_seq[J]]))
            mc_q_set_i64(&r[s->first_seq[J] + plan[J]], 1);
}

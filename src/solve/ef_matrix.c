/* The sequence-form payoff matrix A[s][t] of a row side against a column
 * side, other players fixed: one walk over the tree, entries accumulated in
 * an open-addressing table keyed by (s, t). */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/seqform.h"
#include "solve/ef_internal.h"

void mc_ef_matrix_init(mc_ef_matrix *m)
{
    memset(m, 0, sizeof *m);
}

void mc_ef_matrix_free(mc_ef_matrix *m)
{
    if (m->val)
        mc_q_clear_vec(m->val, m->nnz);
    free(m->val);
    free(m->row);
    free(m->col);
    mc_ef_matrix_init(m);
}

typedef struct aggregator {
    const mc_ef *ef;
    const mc_ef_side *row, *col;
    const mc_ef_behavior *fixed;
    const mc_q *weights;
    mc_q *w;            /* per depth: reach weight */
    mc_q tmp;
    /* (s, t) -> entry */
    uint64_t *slot_key; /* key + 1, 0 = empty */
    uint32_t *slot_ent;
    size_t cap, n, ent_cap;
    uint32_t *er, *ec;
    mc_q *ev;
    mc_error *err;
} aggregator;

static mc_status agg_oom(aggregator *a)
{
    return mc_error_set(a->err, MC_ENOMEM, "payoff matrix: out of memory after %zu entries", a->n);
}

static mc_status grow_table(aggregator *a)
{
    size_t cap = a->cap ? a->cap * 2 : 1024;
    uint64_t *k = calloc(cap, sizeof *k);
    uint32_t *e = malloc(cap * sizeof *e);
    if (!k || !e) {
        free(k);
        free(e);
        return agg_oom(a);
    }
    for (size_t i = 0; i < a->cap; i++) {
        if (!a->slot_key[i])
            continue;
        size_t j = (a->slot_key[i] * 0x9e3779b97f4a7c15ULL >> 17) & (cap - 1);
        while (k[j])
            j = (j + 1) & (cap - 1);
        k[j] = a->slot_key[i];
        e[j] = a->slot_ent[i];
    }
    free(a->slot_key);
    free(a->slot_ent);
    a->slot_key = k;
    a->slot_ent = e;
    a->cap = cap;
    return MC_OK;
}

static mc_status add_entry(aggregator *a, uint32_t s, uint32_t t, const mc_q *v)
{
    if ((a->n + 1) * 2 > a->cap) {
        mc_status st = grow_table(a);
        if (st != MC_OK)
            return st;
    }
    uint64_t key = ((uint64_t)s << 32 | t) + 1;
    size_t j = (key * 0x9e3779b97f4a7c15ULL >> 17) & (a->cap - 1);
    while (a->slot_key[j] && a->slot_key[j] != key)
        j = (j + 1) & (a->cap - 1);
    if (a->slot_key[j]) {
        mc_q *dst = &a->ev[a->slot_ent[j]];
        mc_q_add(dst, dst, v);
        return MC_OK;
    }
    if (a->n >= a->ent_cap) {
        size_t cap = a->ent_cap, old = cap;
        if (!ef_grow((void **)&a->ev, sizeof *a->ev, &cap, a->n + 1))
            return agg_oom(a);
        size_t c2 = old, c3 = old;
        if (!ef_grow((void **)&a->er, sizeof *a->er, &c2, cap) ||
            !ef_grow((void **)&a->ec, sizeof *a->ec, &c3, cap))
            return agg_oom(a);
        mc_q_init_vec(a->ev + old, cap - old);
        a->ent_cap = cap;
    }
    a->slot_key[j] = key;
    a->slot_ent[j] = (uint32_t)a->n;
    a->er[a->n] = s;
    a->ec[a->n] = t;
    mc_q_set(&a->ev[a->n], v);
    a->n++;
    return MC_OK;
}

static mc_status walk(aggregator *a, uint32_t v, uint32_t depth, uint32_t s, uint32_t t)
{
    const mc_ef *ef = a->ef;
    const mc_q *w = &a->w[depth];
    if (ef->kind[v] == MC_NODE_TERMINAL) {
        ef_weighted_payoff(ef, ef->aux[v], a->weights, &a->tmp);
        if (mc_q_is_zero(&a->tmp))
            return MC_OK;
        mc_q_mul(&a->tmp, &a->tmp, w);
        return add_entry(a, s, t, &a->tmp);
    }
    uint64_t stride[MC_MAX_MOVERS];
    const uint32_t *slots = NULL;
    uint32_t Jr = MC_EF_NONE, Jc = MC_EF_NONE;
    bool fixed_moves = false;
    if (ef->kind[v] == MC_NODE_DECISION) {
        ef_slot_strides(ef, v, stride);
        slots = &ef->slot_infoset[ef->aux[v]];
        if (a->row)
            Jr = a->row->node_infoset[v];
        if (a->col)
            Jc = a->col->node_infoset[v];
        for (unsigned k = 0; k < ef->nmovers[v]; k++) {
            unsigned p = ef->infosets[slots[k]].player;
            if ((a->row && mc_players_has(a->row->players, p)) ||
                (a->col && mc_players_has(a->col->players, p)))
                continue;
            if (!a->fixed || a->fixed->offset[slots[k]] == MC_EF_NONE)
                return mc_error_set(a->err, MC_EINPUT,
                                    "payoff matrix: player %u moves at node #%u but is on "
                                    "neither side and has no fixed strategy there",
                                    p + 1, v + 1);
            fixed_moves = true;
        }
    }
    uint32_t c = 0;
    for (uint32_t child = v + 1; child < ef->end[v]; child = ef->end[child], c++) {
        mc_q *cw = &a->w[depth + 1];
        uint32_t cs = s, ct = t;
        if (ef->kind[v] == MC_NODE_CHANCE) {
            mc_q_mul(cw, w, &ef->prob[ef->aux[v] + c]);
        } else {
            mc_q_set(cw, w);
            for (unsigned k = 0; fixed_moves && k < ef->nmovers[v]; k++) {
                uint32_t o = a->fixed ? a->fixed->offset[slots[k]] : MC_EF_NONE;
                unsigned p = ef->infosets[slots[k]].player;
                if (o == MC_EF_NONE || (a->row && mc_players_has(a->row->players, p)) ||
                    (a->col && mc_players_has(a->col->players, p)))
                    continue;
                uint32_t act = (uint32_t)(c / stride[k] % ef->infosets[slots[k]].nactions);
                mc_q_mul(cw, cw, &a->fixed->prob[o + act]);
            }
            if (Jr != MC_EF_NONE)
                cs = a->row->first_seq[Jr] + mc_ef_side_action(ef, a->row, v, c);
            if (Jc != MC_EF_NONE)
                ct = a->col->first_seq[Jc] + mc_ef_side_action(ef, a->col, v, c);
        }
        if (mc_q_is_zero(cw))
            continue;
        mc_status st = walk(a, child, depth + 1, cs, ct);
        if (st != MC_OK)
            return st;
    }
    return MC_OK;
}

/* Orders entries by (column, row) through a counting sort on columns and a
 * stable pass on rows. */
static mc_status sort_entries(aggregator *a, mc_ef_matrix *m)
{
    size_t n = a->n;
    size_t nz = 0;
    for (size_t e = 0; e < n; e++)
        nz += !mc_q_is_zero(&a->ev[e]);
    m->row = malloc((nz ? nz : 1) * sizeof *m->row);
    m->col = malloc((nz ? nz : 1) * sizeof *m->col);
    m->val = malloc((nz ? nz : 1) * sizeof *m->val);
    size_t *cnt_r = calloc((size_t)m->nrows + 1, sizeof *cnt_r);
    size_t *cnt_c = calloc((size_t)m->ncols + 1, sizeof *cnt_c);
    uint32_t *by_row = malloc((nz ? nz : 1) * sizeof *by_row);
    mc_status st = MC_OK;
    if (!m->row || !m->col || !m->val || !cnt_r || !cnt_c || !by_row) {
        st = agg_oom(a);
        goto done;
    }
    /* by row first, then stably by column */
    for (size_t e = 0; e < n; e++)
        if (!mc_q_is_zero(&a->ev[e]))
            cnt_r[a->er[e] + 1]++;
    for (uint32_t r = 0; r < m->nrows; r++)
        cnt_r[r + 1] += cnt_r[r];
    for (size_t e = 0; e < n; e++)
        if (!mc_q_is_zero(&a->ev[e]))
            by_row[cnt_r[a->er[e]]++] = (uint32_t)e;
    for (size_t k = 0; k < nz; k++)
        cnt_c[a->ec[by_row[k]] + 1]++;
    for (uint32_t c = 0; c < m->ncols; c++)
        cnt_c[c + 1] += cnt_c[c];
    mc_q_init_vec(m->val, nz);
    for (size_t k = 0; k < nz; k++) {
        uint32_t e = by_row[k];
        size_t pos = cnt_c[a->ec[e]]++;
        m->row[pos] = a->er[e];
        m->col[pos] = a->ec[e];
        mc_q_swap(&m->val[pos], &a->ev[e]);
    }
    m->nnz = nz;
done:
    free(cnt_r);
    free(cnt_c);
    free(by_row);
    return st;
}

mc_status mc_ef_payoff_matrix(const mc_ef *ef, const mc_ef_side *row, const mc_ef_side *col,
                              const mc_ef_behavior *fixed, const mc_q *weights, mc_ef_matrix *m,
                              mc_error *err)
{
    mc_ef_matrix_init(m);
    if (row && col && (row->players & col->players))
        return mc_error_set(err, MC_EINPUT, "payoff matrix: the two sides share a player");
    m->nrows = row ? row->nseq : 1;
    m->ncols = col ? col->nseq : 1;
    aggregator a = {.ef = ef, .row = row, .col = col, .fixed = fixed, .weights = weights,
                    .err = err};
    a.tmp = MC_Q_ZERO;
    a.w = malloc(((size_t)ef->depth + 2) * sizeof *a.w);
    mc_status st;
    if (!a.w) {
        st = agg_oom(&a);
    } else {
        mc_q_init_vec(a.w, (size_t)ef->depth + 2);
        mc_q_set_i64(&a.w[0], 1);
        st = ef->nnodes ? walk(&a, 0, 0, 0, 0) : MC_OK;
        if (st == MC_OK)
            st = sort_entries(&a, m);
        mc_q_clear_vec(a.w, (size_t)ef->depth + 2);
    }
    free(a.w);
    mc_q_clear(&a.tmp);
    if (a.ev)
        mc_q_clear_vec(a.ev, a.ent_cap);
    free(a.ev);
    free(a.er);
    free(a.ec);
    free(a.slot_key);
    free(a.slot_ent);
    if (st != MC_OK)
        mc_ef_matrix_free(m);
    return st;
}

void mc_ef_matrix_xA(const mc_ef_matrix *m, const mc_q *x, mc_q *out)
{
    for (uint32_t t = 0; t < m->ncols; t++)
        mc_q_set_i64(&out[t], 0);
    for (size_t e = 0; e < m->nnz; e++)
        if (!mc_q_is_zero(&x[m->row[e]]))
            mc_q_addmul(&out[m->col[e]], &x[m->row[e]], &m->val[e]);
}

void mc_ef_matrix_Ay(const mc_ef_matrix *m, const mc_q *y, mc_q *out)
{
    for (uint32_t s = 0; s < m->nrows; s++)
        mc_q_set_i64(&out[s], 0);
    for (size_t e = 0; e < m->nnz; e++)
        if (!mc_q_is_zero(&y[m->col[e]]))
            mc_q_addmul(&out[m->row[e]], &y[m->col[e]], &m->val[e]);
}

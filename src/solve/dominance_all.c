/* ALL_ORDERS: every sequence that eliminates one dominated strategy at a
 * time, explored depth-first over surviving-set states.  A state reached
 * twice is explored once (memo keyed on the bitsets' bytes, uthash), so the
 * terminal states found are the distinct possible results; the path that
 * first reached each is kept as its witness.  Memory is fixed per run: one
 * state and one move list per depth, memo entries from an arena. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <uthash.h>

#include "solve/dominance_internal.h"

typedef struct memo_entry {
    UT_hash_handle hh;
    uint64_t key[]; /* the state's bits */
} memo_entry;

typedef struct memo_chunk {
    struct memo_chunk *next;
    size_t used, cap; /* entries */
    unsigned char data[];
} memo_chunk;

typedef struct memo {
    memo_entry *table;
    memo_chunk *chunks;
    size_t key_bytes, entry_bytes;
    uint64_t count, limit;
} memo;

static void memo_free(memo *m)
{
    HASH_CLEAR(hh, m->table);
    while (m->chunks) {
        memo_chunk *c = m->chunks;
        m->chunks = c->next;
        free(c);
    }
}

/* Adds the state unless present; *fresh says which. */
static mc_status memo_add(memo *m, const mc_survivors *sv, bool *fresh, mc_error *err)
{
    memo_entry *e;
    HASH_FIND(hh, m->table, sv->bits, m->key_bytes, e);
    *fresh = e == NULL;
    if (e)
        return MC_OK;
    if (m->count >= m->limit)
        return mc_error_set(err, MC_ELIMIT,
                            "all orders: more than %" PRIu64
                            " surviving-set states (the limit); the result is undecided",
                            m->limit);
    memo_chunk *c = m->chunks;
    if (!c || c->used == c->cap) {
        size_t cap = c ? 2 * c->cap : 256;
        if (cap > 65536)
            cap = 65536;
        c = malloc(sizeof *c + cap * m->entry_bytes);
        if (!c)
            return mc_error_set(err, MC_ENOMEM,
                                "all orders: out of memory after %" PRIu64 " states", m->count);
        c->cap = cap;
        c->used = 0;
        c->next = m->chunks;
        m->chunks = c;
    }
    e = (memo_entry *)(c->data + c->used++ * m->entry_bytes);
    memset(&e->hh, 0, sizeof e->hh);
    memcpy(e->key, sv->bits, m->key_bytes);
    HASH_ADD_KEYPTR(hh, m->table, e->key, m->key_bytes, e);
    m->count++;
    return MC_OK;
}

typedef struct move {
    unsigned agent;
    uint32_t strategy, dominator;
} move;

/* Lists every dominated (agent, strategy) of sv into mv; returns how many. */
static mc_status list_moves(mc_dom_work *w, const mc_survivors *sv, uint32_t *dom, move *mv,
                            size_t *n, mc_error *err)
{
    *n = 0;
    for (unsigned a = 0; a < sv->nagents; a++) {
        uint32_t count;
        mc_status st = mc_dom_work_agent(w, sv, a, dom, NULL, &count, err);
        if (st != MC_OK)
            return st;
        for (uint32_t s = 0; s < sv->nstrategies[a] && count; s++)
            if (dom[s] != MC_DOM_NONE) {
                mv[(*n)++] = (move){a, s, dom[s]};
                count--;
            }
    }
    return MC_OK;
}

/* The mixtures of the path's mixed steps, asked of the hook again on the
 * state before each step (state[i] precedes path[i]); moves are listed
 * without them, since most paths are never recorded. */
static mc_status path_mixtures(mc_dom_work *w, const mc_survivors *state, mc_dom_step *path,
                               size_t npath, mc_error *err)
{
    for (size_t i = 0; i < npath; i++) {
        if (path[i].dominator != MC_DOM_MIXED)
            continue;
        uint32_t dominator;
        mc_status st = mc_dom_work_one(w, &state[i], path[i].agent, path[i].strategy, &dominator,
                                       &path[i].mixture, err);
        if (st != MC_OK)
            return st;
        if (dominator != MC_DOM_MIXED)
            return mc_error_set(err, MC_EINTERNAL,
                                "all orders: step %zu (agent %u, strategy %" PRIu32
                                ") is no longer mixed-dominated when asked again",
                                i + 1, path[i].agent + 1, path[i].strategy + 1);
    }
    return MC_OK;
}

static mc_status record_end(mc_dom_work *w, mc_dom_result *res, size_t *cap,
                            const mc_survivors *state, const mc_survivors *sv,
                            const mc_dom_step *path, size_t npath, mc_error *err)
{
    if (res->nends == *cap) {
        size_t ncap = *cap ? 2 * *cap : 8;
        mc_dom_end *e = realloc(res->ends, ncap * sizeof *e);
        if (!e)
            return mc_error_set(err, MC_ENOMEM, "all orders: out of memory for the results");
        res->ends = e;
        *cap = ncap;
    }
    mc_dom_end *e = &res->ends[res->nends];
    memset(e, 0, sizeof *e);
    e->path = malloc((npath ? npath : 1) * sizeof *e->path);
    if (!e->path)
        return mc_error_set(err, MC_ENOMEM, "all orders: out of memory for the results");
    memcpy(e->path, path, npath * sizeof *path);
    e->npath = npath;
    mc_status st = mc_survivors_copy(&e->survivors, sv, err);
    if (st != MC_OK) {
        free(e->path);
        return st;
    }
    res->nends++; /* from here mc_dom_result_free owns the path's mixtures */
    return w->opt->mixed ? path_mixtures(w, state, e->path, npath, err) : MC_OK;
}

mc_status mc_dom_all_orders(mc_dom_work *w, const mc_survivors *start, mc_dom_result *res,
                            mc_error *err)
{
    const mc_sform *sf = w->dg->sf;
    /* every step removes one strategy and never an agent's last one */
    size_t total = 0, nmax = mc_dom_max_strategies(sf);
    for (unsigned a = 0; a < sf->nagents; a++)
        total += start->count[a];
    size_t depth_max = total - sf->nagents; /* number of possible steps */
    if ((depth_max + 1) * total > (size_t)1 << 24)
        return mc_error_set(
            err, MC_ELIMIT,
            "all orders: %zu surviving strategies are too many to explore every order", total);
    memo m = {0};
    m.key_bytes = start->word_offset[start->nagents] * sizeof(uint64_t);
    m.entry_bytes = (sizeof(memo_entry) + m.key_bytes + 7) / 8 * 8;
    m.limit = w->opt->max_states ? w->opt->max_states : MC_DOM_DEFAULT_MAX_STATES;

    mc_status st = MC_OK;
    size_t ends_cap = 0;
    mc_survivors *state = calloc(depth_max + 1, sizeof *state);
    move *moves = malloc((depth_max + 1) * total * sizeof *moves);
    size_t *nmoves = calloc(depth_max + 1, sizeof *nmoves),
           *next = calloc(depth_max + 1, sizeof *next);
    mc_dom_step *path = malloc((depth_max + 1) * sizeof *path);
    uint32_t *dom = malloc(nmax * sizeof *dom);
    if (!state || !moves || !nmoves || !next || !path || !dom) {
        st =
            mc_error_set(err, MC_ENOMEM, "all orders: out of memory for %zu levels", depth_max + 1);
        goto done;
    }
    for (size_t d = 0; d <= depth_max && st == MC_OK; d++)
        st = mc_survivors_copy(&state[d], start, err);
    if (st != MC_OK)
        goto done;

    bool fresh;
    st = memo_add(&m, &state[0], &fresh, err);
    size_t d = 0;
    if (st == MC_OK)
        st = list_moves(w, &state[0], dom, moves, &nmoves[0], err);
    if (st == MC_OK && nmoves[0] == 0)
        st = record_end(w, res, &ends_cap, state, &state[0], path, 0, err);
    while (st == MC_OK) {
        if (next[d] == nmoves[d]) { /* level exhausted: back up */
            if (d == 0)
                break;
            d--;
            continue;
        }
        move mv = moves[d * total + next[d]++];
        if (d >= depth_max) {
            st = mc_error_set(err, MC_EINTERNAL, "all orders: deeper than %zu steps", depth_max);
            break;
        }
        mc_survivors_assign(&state[d + 1], &state[d]);
        mc_survivors_remove(&state[d + 1], mv.agent, mv.strategy);
        st = memo_add(&m, &state[d + 1], &fresh, err);
        if (st != MC_OK || !fresh)
            continue;
        path[d] =
            (mc_dom_step){(uint32_t)(d + 1), mv.agent, mv.strategy, mv.dominator, w->opt->notion};
        d++;
        next[d] = 0;
        st = list_moves(w, &state[d], dom, moves + d * total, &nmoves[d], err);
        if (st == MC_OK && nmoves[d] == 0)
            st = record_end(w, res, &ends_cap, state, &state[d], path, d, err);
    }
    res->nstates = m.count;
    if (st == MC_OK) {
        if (res->nends == 0) {
            st = mc_error_set(err, MC_EINTERNAL, "all orders: no terminal state found");
        } else {
            res->order_independent = res->nends == 1;
            res->terminal = true;
            res->nrounds = res->ndeleting = (uint32_t)res->ends[0].npath;
            st = mc_survivors_copy(&res->survivors, &res->ends[0].survivors, err);
        }
    }
done:
    memo_free(&m);
    if (state)
        for (size_t i = 0; i <= depth_max; i++)
            mc_survivors_free(&state[i]);
    free(state);
    free(moves);
    free(nmoves);
    free(next);
    free(path);
    free(dom);
    return st;
}

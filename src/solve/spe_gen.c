/* Backward induction on any generator: an iterative depth-first search with
 * one frame per depth (state, node record, children's values), memoising
 * solved subgames on the generator's canonical key.  The memo also holds
 * the equilibrium choice per key: it is the strategy profile. */
#include <stdlib.h>
#include <string.h>

#include "spe_internal.h"

typedef struct {
    mc_node node;
    mc_q *child_value;   /* k * nplayers */
    size_t child_cap;    /* in mc_q */
    mc_q *offset;        /* nplayers: value(state) = value(key) + offset */
    unsigned char *key;
    size_t keylen;
    uint64_t k, next;    /* children, next child to visit */
    bool expanded;
} frame;

typedef struct {
    const mc_game *g;
    const mc_spe_options *o;
    mc_spe_result *r;
    spe_memo *memo;
    frame *frames;
    unsigned char *states;
    uint32_t *history;
    size_t depth_cap;
    mc_decider dec;
    const mc_q **cv;
    size_t cv_cap;
    mc_q *tmp;           /* nplayers */
    mc_error *err;
} gen_solver;

static unsigned char *state_at(gen_solver *s, size_t d)
{
    return s->states + d * s->g->state_size;
}

static mc_status ensure_depth(gen_solver *s, size_t d)
{
    if (d < s->depth_cap)
        return MC_OK;
    size_t cap = s->depth_cap ? s->depth_cap * 2 : 32;
    unsigned np = s->g->nplayers;
    frame *f = realloc(s->frames, cap * sizeof *f);
    if (f)
        s->frames = f;
    unsigned char *st = realloc(s->states, cap * s->g->state_size);
    if (st)
        s->states = st;
    uint32_t *h = realloc(s->history, cap * sizeof *h);
    if (h)
        s->history = h;
    if (!f || !st || !h)
        return mc_error_set(s->err, MC_ENOMEM, "out of memory at depth %zu", d);
    for (size_t i = s->depth_cap; i < cap; i++) {
        frame *fr = &s->frames[i];
        memset(fr, 0, sizeof *fr);
        fr->offset = malloc(np * sizeof *fr->offset);
        fr->key = malloc(s->g->key_size ? s->g->key_size : 1);
        if (!fr->offset || !fr->key || mc_node_init(&fr->node, np) != MC_OK) {
            free(fr->offset);
            free(fr->key);
            s->depth_cap = i;
            return mc_error_set(s->err, MC_ENOMEM, "out of memory at depth %zu", d);
        }
        mc_q_init_vec(fr->offset, np);
    }
    s->depth_cap = cap;
    return MC_OK;
}

static void free_frames(gen_solver *s)
{
    unsigned np = s->g->nplayers;
    for (size_t i = 0; i < s->depth_cap; i++) {
        frame *fr = &s->frames[i];
        mc_node_free(&fr->node);
        mc_q_clear_vec(fr->child_value, fr->child_cap);
        free(fr->child_value);
        mc_q_clear_vec(fr->offset, np);
        free(fr->offset);
        free(fr->key);
    }
    free(s->frames);
    free(s->states);
    free(s->history);
}

static mc_status reserve_children(gen_solver *s, frame *fr, uint64_t k)
{
    size_t need = (size_t)k * s->g->nplayers;
    if (need > fr->child_cap) {
        mc_q *v = realloc(fr->child_value, need * sizeof *v);
        if (!v)
            return mc_error_set(s->err, MC_ENOMEM, "out of memory for %llu children",
                                (unsigned long long)k);
        mc_q_init_vec(v + fr->child_cap, need - fr->child_cap);
        fr->child_value = v;
        fr->child_cap = need;
    }
    if (k > s->cv_cap) {
        const mc_q **cv = realloc(s->cv, k * sizeof *cv);
        if (!cv)
            return mc_error_set(s->err, MC_ENOMEM, "out of memory for %llu children",
                                (unsigned long long)k);
        s->cv = cv;
        s->cv_cap = k;
    }
    return MC_OK;
}

/* Where the value of the node at depth d goes: its parent's child slot, or
 * the result. */
static mc_q *value_dest(gen_solver *s, size_t d)
{
    if (d == 0)
        return s->r->value;
    frame *parent = &s->frames[d - 1];
    return &parent->child_value[(parent->next - 1) * s->g->nplayers];
}

static mc_status check_perfect(gen_solver *s, const mc_node *n, size_t d)
{
    for (unsigned m = 0; m < n->nmovers; m++)
        if (n->infoset[m] != MC_INFOSET_SINGLETON)
            return mc_error_set(s->err, MC_EUNSUPPORTED,
                                "backward induction does not apply: player %u moves at depth %zu "
                                "in information set %lld, which is not a singleton; use the "
                                "dominance or maximin tools",
                                n->mover[m] + 1, d, (long long)n->infoset[m]);
    return MC_OK;
}

/* First visit of the node at depth d: memo lookup, expansion, terminals.
 * Returns true in *done when the node's value is already written. */
static mc_status enter(gen_solver *s, size_t d, bool *done)
{
    const mc_game *g = s->g;
    frame *fr = &s->frames[d];
    unsigned np = g->nplayers;
    *done = false;
    fr->keylen = g->ops->key(g, state_at(s, d), fr->key, fr->offset);
    if (fr->keylen > g->key_size)
        return mc_error_set(s->err, MC_EINTERNAL, "generator key of %zu bytes exceeds key_size %zu",
                            fr->keylen, g->key_size);
    if (fr->keylen && s->o->memoise) {
        spe_memo_entry *e = spe_memo_find(s->memo, fr->key, fr->keylen);
        if (e) {
            mc_q *dst = value_dest(s, d);
            const mc_q *v = spe_memo_value(e);
            for (unsigned p = 0; p < np; p++)
                mc_q_add(&dst[p], &v[p], &fr->offset[p]);
            s->r->memo_hits++;
            *done = true;
            return MC_OK;
        }
    }
    s->r->nodes++;
    mc_status st = g->ops->expand(g, state_at(s, d), &fr->node, s->err);
    if (st != MC_OK)
        return st;
    if (fr->node.kind == MC_NODE_TERMINAL) {
        mc_q *dst = value_dest(s, d);
        for (unsigned p = 0; p < np; p++)
            mc_q_set(&dst[p], &fr->node.payoff[p]);
        *done = true;
        return MC_OK;
    }
    if (fr->node.kind == MC_NODE_DECISION && (st = check_perfect(s, &fr->node, d)) != MC_OK)
        return st;
    fr->k = mc_node_nchildren(&fr->node);
    if (fr->k == 0)
        return mc_error_set(s->err, MC_EINTERNAL,
                            "generator: a %s node at depth %zu has no children",
                            fr->node.kind == MC_NODE_CHANCE ? "chance" : "decision", d);
    fr->next = 0;
    fr->expanded = true;
    return reserve_children(s, fr, fr->k);
}

/* All children of depth d are solved: choose, record, memoise. */
static mc_status finish(gen_solver *s, size_t d)
{
    frame *fr = &s->frames[d];
    unsigned np = s->g->nplayers;
    mc_q *dst = value_dest(s, d);
    uint64_t choice = UINT64_MAX;
    mc_status st;
    if (fr->node.kind == MC_NODE_CHANCE) {
        for (unsigned p = 0; p < np; p++) {
            mc_q_set_i64(&s->tmp[p], 0);
            for (uint64_t c = 0; c < fr->k; c++)
                mc_q_addmul(&s->tmp[p], &fr->node.prob[c], &fr->child_value[c * np + p]);
            mc_q_set(&dst[p], &s->tmp[p]);
        }
    } else {
        mc_children ch = {fr->child_value, (ptrdiff_t)np};
        mc_decision dec;
        if ((st = mc_decide(&s->dec, &fr->node, ch, &dec, s->err)) != MC_OK)
            return st;
        if (!dec.single && dec.cls > MC_STAGE_IESDS_ONLY && s->o->resolve == MC_RESOLVE_ABORT)
            return mc_error_set(s->err, MC_EUNSUPPORTED,
                                "depth %zu: the stage game is not dominance solvable (%s)", d,
                                mc_stage_class_name(dec.cls));
        choice = dec.chosen;
        if (s->o->observer)
            for (uint64_t c = 0; c < fr->k; c++)
                s->cv[c] = &fr->child_value[c * np];
        if (s->o->observer &&
            (st = s->o->observer(s->o->observer_ctx, s->g, state_at(s, d), &fr->node, s->cv, &dec,
                                 s->history, (uint32_t)d, s->err)) != MC_OK)
            return st;
        if ((!dec.single || dec.ntied > 1) &&
            (st = spe_note_decision(s->r, &dec, spe_memo_count(s->memo), s->history, (uint32_t)d,
                                    mc_child(ch, choice), s->o->max_records, s->err)) != MC_OK)
            return st;
        for (unsigned p = 0; p < np; p++)
            mc_q_set(&dst[p], &mc_child(ch, choice)[p]);
    }
    if (fr->node.payoff)
        for (unsigned p = 0; p < np; p++)
            mc_q_add(&dst[p], &dst[p], &fr->node.payoff[p]);
    if (!fr->keylen)
        return MC_OK;
    /* store value - offset under the key; without memoisation, a key seen
     * before must give the same normalised value (a check of the key) */
    for (unsigned p = 0; p < np; p++)
        mc_q_sub(&s->tmp[p], &dst[p], &fr->offset[p]);
    spe_memo_entry *e = s->o->memoise ? NULL : spe_memo_find(s->memo, fr->key, fr->keylen);
    if (e) {
        for (unsigned p = 0; p < np; p++)
            if (!mc_q_eq(&spe_memo_value(e)[p], &s->tmp[p]))
                return mc_error_set(s->err, MC_EINTERNAL,
                                    "generator key maps two subgames with different solutions "
                                    "to one entry (depth %zu, player %u)",
                                    d, p + 1);
        return MC_OK;
    }
    if (!spe_memo_add(s->memo, fr->key, fr->keylen, s->tmp, choice))
        return mc_error_set(s->err, MC_ENOMEM, "out of memory after %llu memo entries",
                            (unsigned long long)spe_memo_count(s->memo));
    return MC_OK;
}

static mc_status check_limits(gen_solver *s, double deadline)
{
    if (s->o->max_nodes && s->r->nodes >= s->o->max_nodes)
        return mc_error_set(s->err, MC_ELIMIT, "node limit %llu reached",
                            (unsigned long long)s->o->max_nodes);
    if (deadline && (s->r->nodes & 0xfff) == 0 && spe_now() > deadline)
        return mc_error_set(s->err, MC_ELIMIT, "timeout of %g s reached after %llu nodes",
                            s->o->timeout, (unsigned long long)s->r->nodes);
    return MC_OK;
}

static mc_status run(gen_solver *s)
{
    const mc_game *g = s->g;
    double deadline = s->o->timeout > 0 ? spe_now() + s->o->timeout : 0;
    mc_status st = ensure_depth(s, 0);
    if (st != MC_OK)
        return st;
    g->ops->root(g, state_at(s, 0));
    s->frames[0].expanded = false;
    size_t d = 0;
    for (;;) {
        frame *fr = &s->frames[d];
        bool done = false;
        if (!fr->expanded) {
            if ((st = check_limits(s, deadline)) != MC_OK || (st = enter(s, d, &done)) != MC_OK)
                return st;
        } else if (fr->next == fr->k) {
            fr->expanded = false;
            if ((st = finish(s, d)) != MC_OK)
                return st;
            done = true;
        }
        if (done) {
            s->frames[d].expanded = false;
            if (d == 0)
                return MC_OK;
            d--;
            continue;
        }
        /* descend into the next child */
        if ((st = ensure_depth(s, d + 1)) != MC_OK)
            return st;
        fr = &s->frames[d];
        uint32_t choice[MC_MAX_MOVERS];
        mc_node_choice_of(&fr->node, fr->next, choice);
        g->ops->child(g, state_at(s, d), &fr->node, choice, state_at(s, d + 1));
        s->history[d] = (uint32_t)fr->next;
        fr->next++;
        d++;
        s->frames[d].expanded = false;
    }
}

mc_status mc_spe_solve(const mc_game *g, const mc_spe_options *o, mc_spe_result *r,
                       mc_error *err)
{
    mc_spe_options defaults;
    double start = spe_now();
    mc_status st = spe_result_init(r, g->nplayers, &o, &defaults, err);
    if (st != MC_OK)
        return st;
    if (!g->ops->key || g->key_size == 0) {
        mc_spe_result_free(r);
        return mc_error_set(err, MC_EINTERNAL,
                            "backward induction needs a generator with a state key");
    }
    gen_solver s = {.g = g, .o = o, .r = r, .err = err};
    s.memo = spe_memo_new(g->key_size, g->nplayers);
    s.tmp = malloc(g->nplayers * sizeof *s.tmp);
    if (!s.memo || !s.tmp) {
        spe_memo_free(s.memo);
        free(s.tmp);
        mc_spe_result_free(r);
        return mc_error_set(err, MC_ENOMEM, "out of memory");
    }
    mc_q_init_vec(s.tmp, g->nplayers);
    mc_decider_init(&s.dec, &r->agents, g->nplayers);
    st = run(&s);
    r->memo = s.memo;
    r->distinct = spe_memo_count(s.memo);
    r->complete = st == MC_OK;
    r->seconds = spe_now() - start;
    mc_decider_free(&s.dec);
    free_frames(&s);
    free(s.cv);
    mc_q_clear_vec(s.tmp, g->nplayers);
    free(s.tmp);
    if (st == MC_OK || st == MC_ELIMIT)
        return st;
    mc_spe_result_free(r);
    return st;
}

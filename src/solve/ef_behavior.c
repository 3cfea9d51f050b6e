/* Behaviour strategies on a compiled extensive form: recorded from a
 * generator's callback, from pure plans, and evaluated exactly. */
#include <stdlib.h>
#include <string.h>

#include "solve/ef_internal.h"

void mc_ef_behavior_init(mc_ef_behavior *b)
{
    memset(b, 0, sizeof *b);
}

void mc_ef_behavior_free(mc_ef_behavior *b)
{
    if (b->prob)
        mc_q_clear_vec(b->prob, b->nprob);
    free(b->prob);
    free(b->offset);
    mc_ef_behavior_init(b);
}

/* Allocates offsets for every set of the players, probabilities all 0. */
static mc_status behavior_alloc(const mc_ef *ef, mc_players players, mc_ef_behavior *b,
                                mc_error *err)
{
    mc_ef_behavior_init(b);
    b->players = players;
    b->offset = malloc(((size_t)ef->ninfosets + 1) * sizeof *b->offset);
    size_t n = 0;
    for (uint32_t i = 0; b->offset && i < ef->ninfosets; i++) {
        if (mc_players_has(players, ef->infosets[i].player)) {
            b->offset[i] = (uint32_t)n;
            n += ef->infosets[i].nactions;
        } else {
            b->offset[i] = MC_EF_NONE;
        }
    }
    b->prob = malloc((n ? n : 1) * sizeof *b->prob);
    if (!b->offset || !b->prob) {
        free(b->offset);
        free(b->prob);
        mc_ef_behavior_init(b);
        return mc_error_set(err, MC_ENOMEM, "behaviour strategy: out of memory");
    }
    b->nprob = n;
    mc_q_init_vec(b->prob, n);
    return MC_OK;
}

static bool is_distribution(const mc_q *p, uint32_t n)
{
    mc_q sum = MC_Q_ZERO, one = MC_Q_INT(1);
    bool ok = true;
    for (uint32_t a = 0; a < n; a++) {
        ok &= mc_q_sgn(&p[a]) >= 0;
        mc_q_add(&sum, &sum, &p[a]);
    }
    ok &= mc_q_eq(&sum, &one);
    mc_q_clear(&sum);
    return ok;
}

typedef struct recorder {
    const mc_ef *ef;
    ef_genstack gs;
    mc_ef_strategy_fn fn;
    void *ctx;
    mc_ef_behavior *b;
    bool *seen;
    mc_q *scratch;
    uint32_t next;   /* preorder index of the next node */
    mc_error *err;
} recorder;

static mc_status record(recorder *r, size_t depth)
{
    const mc_ef *ef = r->ef;
    const mc_game *g = r->gs.g;
    mc_status st = ef_genstack_ensure(&r->gs, depth + 1, r->err);
    if (st != MC_OK)
        return st;
    mc_node *node = &r->gs.node[depth];
    if ((st = g->ops->expand(g, ef_genstack_state(&r->gs, depth), node, r->err)) != MC_OK)
        return st;
    uint32_t v = r->next++;
    if (v >= ef->nnodes || ef->kind[v] != node->kind ||
        (node->kind == MC_NODE_DECISION && ef->nmovers[v] != node->nmovers))
        return mc_error_set(r->err, MC_EINPUT,
                            "behaviour strategy: the game differs from the compiled one at "
                            "node #%u", v + 1);
    for (unsigned k = 0; node->kind == MC_NODE_DECISION && k < node->nmovers; k++) {
        uint32_t i = ef->slot_infoset[ef->aux[v] + k];
        const mc_ef_infoset *is = &ef->infosets[i];
        if (!mc_players_has(r->b->players, is->player))
            continue;
        mc_q *dst = r->seen[i] ? r->scratch : &r->b->prob[r->b->offset[i]];
        st = r->fn(r->ctx, g, ef_genstack_state(&r->gs, depth), node, k, dst, r->err);
        if (st != MC_OK)
            return st;
        if (!is_distribution(dst, is->nactions))
            return mc_error_set(r->err, MC_EINPUT,
                                "behaviour strategy: player %u's probabilities at node #%u are "
                                "not a distribution",
                                is->player + 1, v + 1);
        if (r->seen[i]) {
            for (uint32_t a = 0; a < is->nactions; a++)
                if (!mc_q_eq(&dst[a], &r->b->prob[r->b->offset[i] + a]))
                    return mc_error_set(r->err, MC_EINPUT,
                                        "behaviour strategy: player %u's strategy differs at "
                                        "nodes #%u and #%u of one information set",
                                        is->player + 1, is->first_node + 1, v + 1);
        }
        r->seen[i] = true;
    }
    uint32_t choice[MC_MAX_MOVERS];
    uint32_t nchild = ef->nchild[v];
    for (uint32_t c = 0; c < nchild; c++) {
        node = &r->gs.node[depth];
        if (node->kind == MC_NODE_DECISION)
            mc_node_choice_of(node, c, choice);
        else
            choice[0] = c;
        g->ops->child(g, ef_genstack_state(&r->gs, depth), node, choice,
                      ef_genstack_state(&r->gs, depth + 1));
        if ((st = record(r, depth + 1)) != MC_OK)
            return st;
    }
    return MC_OK;
}

mc_status mc_ef_behavior_from_game(const mc_ef *ef, const mc_game *g, mc_players players,
                                   mc_ef_strategy_fn fn, void *ctx, mc_ef_behavior *b,
                                   mc_error *err)
{
    if (g->nplayers != ef->nplayers)
        return mc_error_set(err, MC_EINPUT, "behaviour strategy: the game has %u players, the "
                            "compiled one %u", g->nplayers, ef->nplayers);
    mc_status st = behavior_alloc(ef, players, b, err);
    if (st != MC_OK)
        return st;
    uint32_t maxa = 1;
    for (uint32_t i = 0; i < ef->ninfosets; i++)
        if (ef->infosets[i].nactions > maxa)
            maxa = ef->infosets[i].nactions;
    recorder r = {.ef = ef, .fn = fn, .ctx = ctx, .b = b, .err = err};
    ef_genstack_init(&r.gs, g);
    r.seen = calloc(ef->ninfosets + 1, sizeof *r.seen);
    r.scratch = malloc(maxa * sizeof *r.scratch);
    if (!r.seen || !r.scratch) {
        st = mc_error_set(err, MC_ENOMEM, "behaviour strategy: out of memory");
    } else {
        mc_q_init_vec(r.scratch, maxa);
        if ((st = ef_genstack_ensure(&r.gs, 0, err)) == MC_OK) {
            g->ops->root(g, ef_genstack_state(&r.gs, 0));
            st = record(&r, 0);
        }
        if (st == MC_OK && r.next != ef->nnodes)
            st = mc_error_set(err, MC_EINPUT, "behaviour strategy: the game has %u nodes, the "
                              "compiled one %u", r.next, ef->nnodes);
        mc_q_clear_vec(r.scratch, maxa);
    }
    free(r.scratch);
    free(r.seen);
    ef_genstack_free(&r.gs);
    if (st != MC_OK)
        mc_ef_behavior_free(b);
    return st;
}

mc_status mc_ef_behavior_pure(const mc_ef *ef, mc_players players, const uint32_t *action,
                              mc_ef_behavior *b, mc_error *err)
{
    mc_status st = behavior_alloc(ef, players, b, err);
    if (st != MC_OK)
        return st;
    for (uint32_t i = 0; i < ef->ninfosets; i++) {
        if (b->offset[i] == MC_EF_NONE)
            continue;
        if (action[i] == MC_EF_NONE) {
            b->offset[i] = MC_EF_NONE; /* unreachable under the plan */
            continue;
        }
        if (action[i] >= ef->infosets[i].nactions) {
            mc_ef_behavior_free(b);
            return mc_error_set(err, MC_EINPUT,
                                "behaviour strategy: action %u out of range at player %u's "
                                "information set with %u actions (node #%u)",
                                action[i] + 1, ef->infosets[i].player + 1,
                                ef->infosets[i].nactions, ef->infosets[i].first_node + 1);
        }
        mc_q_set_i64(&b->prob[b->offset[i] + action[i]], 1);
    }
    return MC_OK;
}

/* ---- evaluation --------------------------------------------------------- */

typedef struct evaluator {
    const mc_ef *ef;
    const mc_ef_behavior *b;
    mc_q *w;       /* per depth: reach probability */
    mc_q *value;
    mc_error *err;
} evaluator;

static mc_status eval(evaluator *e, uint32_t v, uint32_t depth)
{
    const mc_ef *ef = e->ef;
    const mc_q *w = &e->w[depth];
    if (ef->kind[v] == MC_NODE_TERMINAL) {
        const mc_q *pay = &ef->payoff[(size_t)ef->aux[v] * ef->nplayers];
        for (unsigned p = 0; p < ef->nplayers; p++)
            mc_q_addmul(&e->value[p], w, &pay[p]);
        return MC_OK;
    }
    uint64_t stride[MC_MAX_MOVERS];
    const uint32_t *slots = NULL;
    if (ef->kind[v] == MC_NODE_DECISION) {
        ef_slot_strides(ef, v, stride);
        slots = &ef->slot_infoset[ef->aux[v]];
        for (unsigned k = 0; k < ef->nmovers[v]; k++)
            if (e->b->offset[slots[k]] == MC_EF_NONE)
                return mc_error_set(e->err, MC_EINPUT,
                                    "expected payoff: player %u moves at node #%u without a "
                                    "strategy there",
                                    ef->infosets[slots[k]].player + 1, v + 1);
    }
    uint32_t c = 0;
    for (uint32_t child = v + 1; child < ef->end[v]; child = ef->end[child], c++) {
        mc_q *cw = &e->w[depth + 1];
        if (ef->kind[v] == MC_NODE_CHANCE) {
            mc_q_mul(cw, w, &ef->prob[ef->aux[v] + c]);
        } else {
            mc_q_set(cw, w);
            for (unsigned k = 0; k < ef->nmovers[v] && !mc_q_is_zero(cw); k++) {
                uint32_t a = (uint32_t)(c / stride[k] % ef->infosets[slots[k]].nactions);
                mc_q_mul(cw, cw, &e->b->prob[e->b->offset[slots[k]] + a]);
            }
        }
        if (mc_q_is_zero(cw))
            continue;
        mc_status st = eval(e, child, depth + 1);
        if (st != MC_OK)
            return st;
    }
    return MC_OK;
}

mc_status mc_ef_expected_payoff(const mc_ef *ef, const mc_ef_behavior *b, mc_q *value,
                                mc_error *err)
{
    evaluator e = {.ef = ef, .b = b, .value = value, .err = err};
    e.w = malloc(((size_t)ef->depth + 2) * sizeof *e.w);
    if (!e.w)
        return mc_error_set(err, MC_ENOMEM, "expected payoff: out of memory");
    mc_q_init_vec(e.w, (size_t)ef->depth + 2);
    mc_q_set_i64(&e.w[0], 1);
    for (unsigned p = 0; p < ef->nplayers; p++)
        mc_q_set_i64(&value[p], 0);
    mc_status st = eval(&e, 0, 0);
    mc_q_clear_vec(e.w, (size_t)ef->depth + 2);
    free(e.w);
    return st;
}

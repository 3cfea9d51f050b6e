/* The least expected revenue over all pure plays of M, as the value of a
 * one-player game: the single player moves at every node of the inner game
 * (all its movers become player 1, who then chooses the joint action) and
 * is paid minus the revenue.  Revenue = Pr[implement] W(omega*) - sum_j
 * E[u_j] at a closed-form leaf, so the inner game's memoisation carries
 * over with offset = the sum of the inner players' offsets. */
#include <stdlib.h>
#include <string.h>

#include "mech/perfect_revenue.h"

typedef struct rev_ctx {
    const mc_game *inner;
    mc_node node;       /* the inner record of the last expansion */
    mc_q *offset;       /* inner offsets */
    mc_q t;
} rev_ctx;

static rev_ctx *ctx_of(const mc_game *g)
{
    return g->ctx;
}

static void rev_root(const mc_game *g, void *state)
{
    const mc_game *in = ctx_of(g)->inner;
    in->ops->root(in, state);
}

/* Pr[(omega*, P* - eps) implemented] at a leaf: 1 after an all-YES vote,
 * eps Y/(nB) after NOs, 0 when the play stopped at step (a). */
static void p_impl(const mc_game *in, const mc_pr_view *v, mc_q *out)
{
    const mc_pr_params *p = mc_pr_game_params(in);
    if (v->stopped) {
        mc_q_set_i64(out, 0);
        return;
    }
    if (!v->no_mask) {
        mc_q_set_i64(out, 1);
        return;
    }
    int64_t y = p->n, b = 0;
    for (unsigned j = 0; j < p->n; j++)
        if (v->no_mask >> j & 1) {
            y--;
            b += v->c[j];
        }
    mc_q_set_frac(out, y, (int64_t)p->n * b);
    mc_q_mul(out, out, &p->eps);
}

static mc_status rev_expand(const mc_game *g, const void *state, mc_node *out, mc_error *err)
{
    rev_ctx *x = ctx_of(g);
    const mc_game *in = x->inner;
    mc_status st = in->ops->expand(in, state, &x->node, err);
    if (st != MC_OK)
        return st;
    out->kind = x->node.kind;
    out->payoff = NULL;
    out->nmovers = x->node.nmovers;
    out->nchance = 0;
    for (unsigned m = 0; m < x->node.nmovers; m++) {
        out->mover[m] = 0;
        out->nactions[m] = x->node.nactions[m];
        out->infoset[m] = MC_INFOSET_SINGLETON;
    }
    if (x->node.kind == MC_NODE_CHANCE)
        return mc_error_set(err, MC_EUNSUPPORTED,
                            "perfect-revenue: the revenue game needs closed-form leaves");
    if (x->node.kind == MC_NODE_TERMINAL) {
        mc_pr_view v;
        mc_pr_view_state(in, state, &v);
        const mc_pr_params *p = mc_pr_game_params(in);
        mc_q *r = &out->payoff_buf[0];
        p_impl(in, &v, &x->t);
        mc_q_set_i64(r, -mc_pr_welfare(p, v.omega));
        mc_q_mul(r, r, &x->t);
        for (unsigned j = 0; j < p->n; j++)
            mc_q_add(r, r, &x->node.payoff[j]);
        out->payoff = out->payoff_buf;
    }
    return MC_OK;
}

static void rev_child(const mc_game *g, const void *state, const mc_node *node,
                      const uint32_t *choice, void *child_state)
{
    const mc_game *in = ctx_of(g)->inner;
    in->ops->child(in, state, node, choice, child_state);
}

static size_t rev_key(const mc_game *g, const void *state, void *key, mc_q *offset)
{
    rev_ctx *x = ctx_of(g);
    const mc_game *in = x->inner;
    size_t len = in->ops->key(in, state, key, x->offset);
    mc_q_set_i64(&offset[0], 0);
    for (unsigned j = 0; j < in->nplayers; j++)
        mc_q_add(&offset[0], &offset[0], &x->offset[j]);
    return len;
}

static size_t rev_label(const mc_game *g, const void *state, const mc_node *node,
                        unsigned mover, uint32_t action, char *buf, size_t cap)
{
    const mc_game *in = ctx_of(g)->inner;
    return in->ops->action_label(in, state, node, mover, action, buf, cap);
}

static size_t rev_describe(const mc_game *g, const void *state, char *buf, size_t cap)
{
    const mc_game *in = ctx_of(g)->inner;
    return in->ops->describe(in, state, buf, cap);
}

static void rev_destroy(mc_game *g)
{
    rev_ctx *x = g->ctx;
    if (!x)
        return;
    mc_node_free(&x->node);
    mc_q_clear_vec(x->offset, x->inner->nplayers);
    free(x->offset);
    mc_q_clear(&x->t);
    free(x);
    g->ctx = NULL;
}

static const mc_game_ops rev_ops = {
    .root = rev_root,
    .expand = rev_expand,
    .child = rev_child,
    .key = rev_key,
    .action_label = rev_label,
    .describe = rev_describe,
    .destroy = rev_destroy,
};

mc_status mc_pr_revenue_game_new(mc_game *g, const mc_game *inner, mc_error *err)
{
    memset(g, 0, sizeof *g);
    if (mc_pr_game_params(inner)->leaf != MC_PR_LEAF_CLOSED)
        return mc_error_set(err, MC_EUNSUPPORTED,
                            "perfect-revenue: the revenue game needs closed-form leaves");
    rev_ctx *x = calloc(1, sizeof *x);
    if (!x)
        return mc_error_set(err, MC_ENOMEM, "perfect-revenue: out of memory");
    x->inner = inner;
    x->t = MC_Q_ZERO;
    x->offset = malloc(inner->nplayers * sizeof *x->offset);
    if (!x->offset || mc_node_init(&x->node, inner->nplayers) != MC_OK) {
        free(x->offset);
        free(x);
        return mc_error_set(err, MC_ENOMEM, "perfect-revenue: out of memory");
    }
    mc_q_init_vec(x->offset, inner->nplayers);
    g->ops = &rev_ops;
    g->ctx = x;
    g->nplayers = 1;
    g->state_size = inner->state_size;
    g->key_size = inner->key_size;
    return MC_OK;
}

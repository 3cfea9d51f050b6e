/* The per-node form of App B's martingale: for an agent i who has been
 * truthful so far, whatever the others reported, and everyone truthful
 * from the node on,
 *     E[U^i | node] = Upsilon^i_{t,N}(reports) + transfers to i so far,
 * checked at the start of every period (before any agent's new type is
 * drawn; the public state may already be drawn) and at every leaf, over the
 * whole tree, exactly. */
#include <stdlib.h>
#include <string.h>

#include "claim/gum_checks.h"

typedef struct mwalk {
    const mc_gum_setup *s;
    const mc_game *g;
    uint64_t checked, viol;
    json_t *first;
    mc_error *err;
} mwalk;

/* Payoffs and transfers to every agent in periods 0..t-1 of the play. */
static void so_far(const mwalk *w, const mc_gum_view *v, unsigned tend, mc_q *acc)
{
    const mc_gum_env *e = &w->s->env;
    unsigned n = e->n, W = n + 1;
    const mc_gum_mech *m = &w->s->mechs[w->s->nmechs > 1 ? v->order_index : 0];
    uint32_t th[MC_GUM_MAX_COMP];
    for (unsigned i = 0; i < n; i++)
        mc_q_set_i64(&acc[i], 0);
    uint64_t prev = 0;
    for (unsigned t = 0; t < tend; t++) {
        for (unsigned c = 0; c <= n; c++)
            th[c] = v->report[t * W + c];
        uint64_t cur = mc_gum_state_index(e, t, th);
        uint32_t x = w->s->pol.chi[t][cur];
        for (unsigned i = 1; i <= n; i++)
            mc_q_add(&acc[i - 1], &acc[i - 1], &mc_gum_pay(e, t, i, v->truth[t * W + i])[x]);
        if (t >= 1 && !w->s->transfer_free) {
            const mc_q *y = mc_gum_y(m, t, prev, cur);
            for (unsigned i = 0; i < n; i++)
                mc_q_add(&acc[i], &acc[i], &y[i]);
        }
        prev = cur;
    }
}

static mc_status check_node(mwalk *w, const void *state, const mc_q *val)
{
    const mc_gum_env *e = &w->s->env;
    unsigned n = e->n, W = n + 1;
    mc_gum_view v;
    mc_gum_game_view(w->g, state, &v);
    bool leaf = v.t > e->T;
    if (!leaf && !(v.t >= 1 && v.stage <= 1))
        return MC_OK;
    unsigned tend = leaf ? e->T + 1 : v.t;
    mc_q *acc = malloc(2 * n * sizeof *acc);
    if (!acc)
        return mc_error_set(w->err, MC_ENOMEM, "martingale: out of memory");
    mc_q_init_vec(acc, 2 * n);
    mc_q *next = acc + n;
    so_far(w, &v, tend, acc);
    mc_status st = MC_OK;
    if (!leaf) {
        uint32_t prev_th[MC_GUM_MAX_COMP], cur[MC_GUM_MAX_COMP] = {0};
        for (unsigned c = 0; c <= n; c++)
            prev_th[c] = v.report[(v.t - 1) * W + c];
        cur[0] = v.stage == 1 ? v.truth[v.t * W] : 0;
        uint64_t prev = mc_gum_state_index(e, v.t - 1, prev_th);
        st = mc_gum_reveal_value(e, &w->s->pol, v.t, prev, cur, v.stage == 1 ? 1u : 0u, next,
                                 w->err);
        for (unsigned i = 0; i < n && st == MC_OK; i++)
            mc_q_add(&acc[i], &acc[i], &next[i]);
    }
    for (unsigned i = 1; i <= n && st == MC_OK; i++) {
        bool truthful = true;
        for (unsigned t = 1; t < tend && truthful; t++)
            truthful = v.report[t * W + i] == v.truth[t * W + i];
        if (!truthful)
            continue;
        w->checked++;
        if (!mc_q_eq(&acc[i - 1], &val[i - 1])) {
            w->viol++;
            if (!w->first) {
                char buf[512];
                w->g->ops->describe(w->g, state, buf, sizeof buf);
                w->first = json_pack("{s:s,s:s,s:o,s:o}", "node", buf, "agent",
                                     e->agent_name[i], "expected_utility", mc_gum_jq(&val[i - 1]),
                                     "upsilon_plus_transfers", mc_gum_jq(&acc[i - 1]));
            }
        }
    }
    mc_q_clear_vec(acc, 2 * n);
    free(acc);
    return st;
}

/* Values (everyone truthful from here) into val; checks every node below. */
static mc_status rec(mwalk *w, const void *state, mc_q *val)
{
    const mc_game *g = w->g;
    unsigned n = g->nplayers;
    mc_node node;
    if (mc_node_init(&node, n) != MC_OK)
        return mc_error_set(w->err, MC_ENOMEM, "martingale: out of memory");
    void *child = malloc(g->state_size);
    mc_q *cv = malloc(n * sizeof *cv);
    mc_status st = MC_OK;
    if (!child || !cv) {
        st = mc_error_set(w->err, MC_ENOMEM, "martingale: out of memory");
        goto done;
    }
    mc_q_init_vec(cv, n);
    if ((st = g->ops->expand(g, state, &node, w->err)) != MC_OK)
        goto done;
    for (unsigned i = 0; i < n; i++)
        mc_q_set_i64(&val[i], 0);
    uint32_t ch[MC_MAX_MOVERS];
    if (node.kind == MC_NODE_TERMINAL) {
        for (unsigned i = 0; i < n; i++)
            mc_q_set(&val[i], &node.payoff[i]);
    } else if (node.kind == MC_NODE_CHANCE) {
        for (uint32_t k = 0; k < node.nchance && st == MC_OK; k++) {
            ch[0] = k;
            g->ops->child(g, state, &node, ch, child);
            if ((st = rec(w, child, cv)) != MC_OK)
                break;
            for (unsigned i = 0; i < n; i++)
                mc_q_addmul(&val[i], &node.prob[k], &cv[i]);
        }
    } else {
        uint64_t nch = mc_node_nchildren(&node);
        for (uint64_t c = 0; c < nch && st == MC_OK; c++) {
            mc_node_choice_of(&node, c, ch);
            bool truthful = true;
            for (unsigned m = 0; m < node.nmovers; m++)
                truthful = truthful &&
                           ch[m] == mc_gum_game_truthful_action(g, state, node.mover[m]);
            g->ops->child(g, state, &node, ch, child);
            if ((st = rec(w, child, cv)) != MC_OK)
                break;
            if (truthful)
                for (unsigned i = 0; i < n; i++)
                    mc_q_set(&val[i], &cv[i]);
        }
    }
    if (st == MC_OK)
        st = check_node(w, state, val);
done:
    if (cv) {
        mc_q_clear_vec(cv, n);
        free(cv);
    }
    free(child);
    mc_node_free(&node);
    return st;
}

mc_status mc_gum_martingale(const mc_gum_setup *s, uint64_t *checked, uint64_t *violations,
                            json_t **first, mc_error *err)
{
    *checked = *violations = 0;
    *first = NULL;
    mc_game *g = NULL;
    mc_status st = mc_gum_setup_game(s, 0, 0, s->past ? (uint32_t)((1u << s->env.n) - 1) : 0,
                                     true, &g, err);
    if (st != MC_OK)
        return st;
    mwalk w = {.s = s, .g = g, .err = err};
    void *root = malloc(g->state_size);
    mc_q *val = malloc(s->env.n * sizeof *val);
    if (!root || !val) {
        free(root);
        free(val);
        mc_game_destroy(g);
        return mc_error_set(err, MC_ENOMEM, "martingale: out of memory");
    }
    mc_q_init_vec(val, s->env.n);
    g->ops->root(g, root);
    st = rec(&w, root, val);
    *checked = w.checked;
    *violations = w.viol;
    *first = w.first;
    mc_q_clear_vec(val, s->env.n);
    free(val);
    free(root);
    mc_game_destroy(g);
    return st;
}

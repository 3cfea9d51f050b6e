/* The explicit tree seen through the generator interface, and the reverse:
 * materialising a generator into an explicit tree. */
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "mechcheck/tree.h"

/* ---- tree -> generator ---------------------------------------------------- */

static const mc_tree *tree_of(const mc_game *g)
{
    return g->ctx;
}

static void tg_root(const mc_game *g, void *state)
{
    (void)g;
    uint32_t root = 0;
    memcpy(state, &root, sizeof root);
}

static uint32_t state_node(const void *state)
{
    uint32_t v;
    memcpy(&v, state, sizeof v);
    return v;
}

static int64_t infoset_id(const mc_tree *t, uint32_t i)
{
    return t->infosets[i].nnodes > 1 ? (int64_t)i : MC_INFOSET_SINGLETON;
}

static mc_status tg_expand(const mc_game *g, const void *state, mc_node *out, mc_error *err)
{
    (void)err;
    const mc_tree *t = tree_of(g);
    uint32_t v = state_node(state);
    uint32_t oc = t->outcome[v];
    out->payoff = oc == MC_TREE_NONE ? NULL : mc_tree_outcome_payoffs(t, oc, out->payoff_buf);
    out->nmovers = 0;
    out->nchance = 0;
    out->prob = NULL;
    switch (t->kind[v]) {
    case MC_TNODE_TERMINAL:
        out->kind = MC_NODE_TERMINAL;
        if (!out->payoff) { /* a terminal without outcome pays 0 */
            for (unsigned p = 0; p < t->nplayers; p++)
                mc_q_set_i64(&out->payoff_buf[p], 0);
            out->payoff = out->payoff_buf;
        }
        break;
    case MC_TNODE_CHANCE: {
        const mc_tree_chance *c = &t->chances[t->ref[v]];
        out->kind = MC_NODE_CHANCE;
        out->nchance = c->nchance;
        out->prob = &t->probs[c->probs];
        break;
    }
    case MC_TNODE_DECISION: {
        const mc_tree_infoset *is = &t->infosets[t->ref[v]];
        out->kind = MC_NODE_DECISION;
        out->nmovers = 1;
        out->mover[0] = is->player;
        out->nactions[0] = is->nactions;
        out->infoset[0] = infoset_id(t, t->ref[v]);
        break;
    }
    case MC_TNODE_SIMULTANEOUS: {
        const mc_tree_simul *s = &t->simuls[t->ref[v]];
        out->kind = MC_NODE_DECISION;
        out->nmovers = s->nmovers;
        for (uint32_t m = 0; m < s->nmovers; m++) {
            uint32_t i = t->simul_infosets[s->movers + m];
            out->mover[m] = t->infosets[i].player;
            out->nactions[m] = t->infosets[i].nactions;
            out->infoset[m] = infoset_id(t, i);
        }
        break;
    }
    }
    return MC_OK;
}

static void tg_child(const mc_game *g, const void *state, const mc_node *node,
                     const uint32_t *choice, void *child_state)
{
    const mc_tree *t = tree_of(g);
    uint32_t w = mc_tree_child(t, state_node(state), (uint32_t)mc_node_child_index(node, choice));
    memcpy(child_state, &w, sizeof w);
}

/* Every node is its own key: no sharing, but the solver can store a choice
 * per node. */
static size_t tg_key(const mc_game *g, const void *state, void *key, mc_q *offset)
{
    for (unsigned p = 0; p < g->nplayers; p++)
        mc_q_set_i64(&offset[p], 0);
    memcpy(key, state, sizeof(uint32_t));
    return sizeof(uint32_t);
}

static size_t tg_action_label(const mc_game *g, const void *state, const mc_node *node,
                              unsigned mover, uint32_t action, char *buf, size_t cap)
{
    const mc_tree *t = tree_of(g);
    uint32_t v = state_node(state);
    uint32_t labels;
    if (node->kind == MC_NODE_CHANCE) {
        labels = t->chances[t->ref[v]].labels;
    } else {
        uint32_t i = t->kind[v] == MC_TNODE_SIMULTANEOUS
                         ? t->simul_infosets[t->simuls[t->ref[v]].movers + mover]
                         : t->ref[v];
        labels = t->infosets[i].labels;
    }
    const char *s = mc_tree_str(t, t->label_ids[labels + action]);
    if (*s)
        return (size_t)snprintf(buf, cap, "%s", s);
    return (size_t)snprintf(buf, cap, "%u", action + 1);
}

static size_t tg_describe(const mc_game *g, const void *state, char *buf, size_t cap)
{
    const mc_tree *t = tree_of(g);
    uint32_t v = state_node(state);
    const char *name = t->name ? mc_tree_str(t, t->name[v]) : "";
    if (*name)
        return (size_t)snprintf(buf, cap, "%s", name);
    return (size_t)snprintf(buf, cap, "#%u", v + 1);
}

static const mc_game_ops tree_game_ops = {
    .root = tg_root,
    .expand = tg_expand,
    .child = tg_child,
    .key = tg_key,
    .action_label = tg_action_label,
    .describe = tg_describe,
    .destroy = NULL,
};

mc_status mc_tree_game(mc_tree *t, mc_game *g, mc_error *err)
{
    if (!t->finished)
        return mc_error_set(err, MC_EINTERNAL, "tree: mc_tree_game needs a finished tree");
    if (!t->player_name_view) {
        t->player_name_view = malloc((t->nplayers ? t->nplayers : 1) * sizeof(char *));
        if (!t->player_name_view)
            return mc_error_set(err, MC_ENOMEM, "tree: out of memory");
    }
    for (unsigned p = 0; p < t->nplayers; p++)
        t->player_name_view[p] = mc_tree_str(t, t->player_name[p]);
    memset(g, 0, sizeof *g);
    g->ops = &tree_game_ops;
    g->ctx = t;
    g->nplayers = t->nplayers;
    g->player_names = t->player_name_view;
    g->state_size = sizeof(uint32_t);
    g->key_size = sizeof(uint32_t);
    g->unique_keys = true;
    return MC_OK;
}

/* ---- generator -> tree ---------------------------------------------------- */

typedef struct {
    int64_t id; /* generator information-set id */
    uint32_t infoset;
    UT_hash_handle hh;
} infoset_map;

typedef struct {
    const mc_game *g;
    mc_tree *t;
    uint64_t max_nodes;
    infoset_map *map;
    mc_node *nodes;     /* one record per depth */
    unsigned char *states;
    size_t depth_cap;
    uint32_t *label_buf;
    size_t label_cap;
    mc_error *err;
} materialiser;

static uint32_t label_id(materialiser *m, const void *state, const mc_node *node, unsigned mover,
                         uint32_t a)
{
    char buf[256];
    size_t n = 0;
    if (m->g->ops->action_label)
        n = m->g->ops->action_label(m->g, state, node, mover, a, buf, sizeof buf);
    else
        n = (size_t)snprintf(buf, sizeof buf, "%u", a + 1);
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    return mc_tree_string(m->t, buf, n, m->err);
}

static mc_status fill_labels(materialiser *m, const void *state, const mc_node *node,
                             unsigned mover, uint32_t n)
{
    if (n > m->label_cap) {
        uint32_t *p = realloc(m->label_buf, n * sizeof *p);
        if (!p)
            return mc_error_set(m->err, MC_ENOMEM, "export: out of memory");
        m->label_buf = p;
        m->label_cap = n;
    }
    for (uint32_t a = 0; a < n; a++)
        if ((m->label_buf[a] = label_id(m, state, node, mover, a)) == MC_TREE_NONE)
            return MC_ENOMEM;
    return MC_OK;
}

static uint32_t infoset_of(materialiser *m, const void *state, const mc_node *node, unsigned mover)
{
    int64_t id = node->infoset[mover];
    if (id != MC_INFOSET_SINGLETON) {
        infoset_map *e;
        HASH_FIND(hh, m->map, &id, sizeof id, e);
        if (e)
            return e->infoset;
    }
    if (fill_labels(m, state, node, mover, node->nactions[mover]) != MC_OK)
        return MC_TREE_NONE;
    uint32_t i = mc_tree_add_infoset(m->t, node->mover[mover], node->nactions[mover], m->label_buf,
                                     0, 0, m->err);
    if (i != MC_TREE_NONE && id != MC_INFOSET_SINGLETON) {
        infoset_map *e = malloc(sizeof *e);
        if (!e) {
            mc_error_set(m->err, MC_ENOMEM, "export: out of memory");
            return MC_TREE_NONE;
        }
        e->id = id;
        e->infoset = i;
        HASH_ADD(hh, m->map, id, sizeof e->id, e);
    }
    return i;
}

static mc_status ensure_depth(materialiser *m, size_t depth)
{
    if (depth < m->depth_cap)
        return MC_OK;
    size_t cap = m->depth_cap ? m->depth_cap * 2 : 64;
    mc_node *nodes = realloc(m->nodes, cap * sizeof *nodes);
    if (!nodes)
        return mc_error_set(m->err, MC_ENOMEM, "export: out of memory");
    m->nodes = nodes;
    unsigned char *states = realloc(m->states, cap * m->g->state_size);
    if (!states)
        return mc_error_set(m->err, MC_ENOMEM, "export: out of memory");
    m->states = states;
    for (size_t d = m->depth_cap; d < cap; d++)
        if (mc_node_init(&m->nodes[d], m->g->nplayers) != MC_OK) {
            m->depth_cap = d;
            return mc_error_set(m->err, MC_ENOMEM, "export: out of memory");
        }
    m->depth_cap = cap;
    return MC_OK;
}

static uint32_t node_name(materialiser *m, const void *state)
{
    if (!m->g->ops->describe)
        return 0;
    char buf[512];
    size_t n = m->g->ops->describe(m->g, state, buf, sizeof buf);
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    return mc_tree_string(m->t, buf, n, m->err);
}

static mc_status materialise(materialiser *m, size_t depth)
{
    mc_status st;
    if ((st = ensure_depth(m, depth + 1)) != MC_OK)
        return st;
    const void *state = m->states + depth * m->g->state_size;
    mc_node *node = &m->nodes[depth];
    if ((st = m->g->ops->expand(m->g, state, node, m->err)) != MC_OK)
        return st;
    if (m->t->nnodes >= m->max_nodes)
        return mc_error_set(m->err, MC_ELIMIT, "export: the game has more than %llu nodes",
                            (unsigned long long)m->max_nodes);
    uint32_t outcome = MC_TREE_NONE, name = 0, ref = 0;
    uint8_t kind = MC_TNODE_TERMINAL;
    if (node->kind == MC_NODE_TERMINAL)
        name = node_name(m, state);
    if (node->payoff) {
        outcome = mc_tree_add_outcome(m->t, node->payoff, name, 0, m->err);
        if (outcome == MC_TREE_NONE)
            return m->err->code;
    }
    if (node->kind == MC_NODE_CHANCE) {
        if ((st = fill_labels(m, state, node, 0, node->nchance)) != MC_OK)
            return st;
        kind = MC_TNODE_CHANCE;
        ref = mc_tree_add_chance(m->t, node->nchance, node->prob, m->label_buf, 0, 0, m->err);
    } else if (node->kind == MC_NODE_DECISION) {
        uint32_t is[MC_MAX_MOVERS];
        for (unsigned k = 0; k < node->nmovers; k++)
            if ((is[k] = infoset_of(m, state, node, k)) == MC_TREE_NONE)
                return m->err->code;
        kind = node->nmovers == 1 ? MC_TNODE_DECISION : MC_TNODE_SIMULTANEOUS;
        ref = node->nmovers == 1 ? is[0] : mc_tree_add_simul(m->t, node->nmovers, is, m->err);
    }
    if (ref == MC_TREE_NONE ||
        mc_tree_add_node(m->t, kind, ref, outcome, name, m->err) == MC_TREE_NONE)
        return m->err->code;
    uint64_t k = mc_node_nchildren(node);
    uint32_t choice[MC_MAX_MOVERS];
    for (uint64_t c = 0; c < k; c++) {
        node = &m->nodes[depth]; /* ensure_depth may move the records */
        state = m->states + depth * m->g->state_size;
        mc_node_choice_of(node, c, choice);
        m->g->ops->child(m->g, state, node, choice, m->states + (depth + 1) * m->g->state_size);
        if ((st = materialise(m, depth + 1)) != MC_OK)
            return st;
        /* the child's expand reused deeper records only; ours is intact */
    }
    return MC_OK;
}

mc_status mc_tree_from_game(const mc_game *g, mc_tree *t, uint64_t max_nodes, mc_error *err)
{
    mc_status st = mc_tree_init(t, g->nplayers, err);
    if (st != MC_OK)
        return st;
    materialiser m = {.g = g, .t = t, .max_nodes = max_nodes, .err = err};
    if ((st = ensure_depth(&m, 1)) == MC_OK) {
        g->ops->root(g, m.states);
        st = materialise(&m, 0);
    }
    for (unsigned p = 0; st == MC_OK && p < g->nplayers; p++) {
        char buf[64];
        const char *name = mc_game_player_name(g, p, buf, sizeof buf);
        if ((t->player_name[p] = mc_tree_string(t, name, strlen(name), err)) == MC_TREE_NONE)
            st = MC_ENOMEM;
    }
    if (st == MC_OK)
        st = mc_tree_finish(t, err);
    infoset_map *e, *tmp;
    HASH_ITER(hh, m.map, e, tmp)
    {
        HASH_DEL(m.map, e);
        free(e);
    }
    for (size_t d = 0; d < m.depth_cap; d++)
        mc_node_free(&m.nodes[d]);
    free(m.nodes);
    free(m.states);
    free(m.label_buf);
    if (st != MC_OK)
        mc_tree_free(t);
    return st;
}

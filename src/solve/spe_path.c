/* The equilibrium path (every node the profile reaches with positive
 * probability) and readable locations of records. */
#include <stdlib.h>
#include <string.h>

#include "spe_internal.h"

typedef struct {
    const mc_game *g;
    const mc_spe_result *r;
    mc_spe_path *p;
    size_t max_steps;
    uint32_t *history;
    size_t history_cap;
    uint64_t tree_node; /* preorder number when the game is a tree view */
    mc_error *err;
} walker;

static mc_status push_step(walker *w, const void *state, const mc_node *n, uint32_t depth,
                           const mc_q *reach, uint64_t child, mc_spe_step **out)
{
    mc_spe_path *p = w->p;
    if (p->nsteps >= w->max_steps)
        return MC_ELIMIT;
    if ((p->nsteps & (p->nsteps - 1)) == 0) {
        mc_spe_step *s = realloc(p->steps, (p->nsteps ? 2 * p->nsteps : 8) * sizeof *s);
        if (!s)
            return mc_error_set(w->err, MC_ENOMEM, "path: out of memory");
        p->steps = s;
    }
    mc_spe_step *s = &p->steps[p->nsteps];
    memset(s, 0, sizeof *s);
    s->reach = MC_Q_ZERO;
    mc_q_set(&s->reach, reach);
    s->kind = n->kind;
    s->child = child;
    s->nmovers = n->kind == MC_NODE_DECISION ? n->nmovers : 0;
    memcpy(s->mover, n->mover, sizeof s->mover);
    if (n->kind == MC_NODE_DECISION)
        mc_node_choice_of(n, child, s->action);
    if (w->r->tree_choice) {
        memcpy(&w->tree_node, state, sizeof(uint32_t));
        s->where.node = w->tree_node;
    } else {
        s->where.node = p->nsteps;
        s->where.depth = depth;
        if (depth) {
            s->where.history = malloc(depth * sizeof *s->where.history);
            if (!s->where.history)
                return mc_error_set(w->err, MC_ENOMEM, "path: out of memory");
            memcpy(s->where.history, w->history, depth * sizeof *w->history);
        }
    }
    p->nsteps++;
    *out = s;
    return MC_OK;
}

static mc_status walk(walker *w, const void *state, uint32_t depth, const mc_q *reach)
{
    const mc_game *g = w->g;
    if (depth >= w->history_cap) {
        size_t cap = w->history_cap ? 2 * w->history_cap : 64;
        uint32_t *h = realloc(w->history, cap * sizeof *h);
        if (!h)
            return mc_error_set(w->err, MC_ENOMEM, "path: out of memory");
        w->history = h;
        w->history_cap = cap;
    }
    mc_node n;
    if (mc_node_init(&n, g->nplayers) != MC_OK)
        return mc_error_set(w->err, MC_ENOMEM, "path: out of memory");
    unsigned char *child = malloc(g->state_size);
    mc_q r = MC_Q_ZERO;
    mc_status st = child ? g->ops->expand(g, state, &n, w->err)
                         : mc_error_set(w->err, MC_ENOMEM, "path: out of memory");
    if (st == MC_OK && n.kind == MC_NODE_DECISION) {
        uint64_t c = mc_spe_choice(w->r, g, state);
        mc_spe_step *s;
        if (c >= mc_node_nchildren(&n))
            st = mc_error_set(w->err, MC_EINPUT, "path: no choice recorded at depth %u", depth);
        else if ((st = push_step(w, state, &n, depth, reach, c, &s)) == MC_OK) {
            uint32_t choice[MC_MAX_MOVERS];
            mc_node_choice_of(&n, c, choice);
            g->ops->child(g, state, &n, choice, child);
            w->history[depth] = (uint32_t)c;
            st = walk(w, child, depth + 1, reach);
        }
    } else if (st == MC_OK && n.kind == MC_NODE_CHANCE) {
        mc_spe_step *s;
        st = push_step(w, state, &n, depth, reach, UINT64_MAX, &s);
        for (uint32_t c = 0; st == MC_OK && c < n.nchance; c++) {
            if (mc_q_sgn(&n.prob[c]) == 0)
                continue;
            mc_q_mul(&r, reach, &n.prob[c]);
            uint32_t choice[1] = {c};
            g->ops->child(g, state, &n, choice, child);
            w->history[depth] = c;
            st = walk(w, child, depth + 1, &r);
        }
    }
    mc_q_clear(&r);
    free(child);
    mc_node_free(&n);
    return st;
}

mc_status mc_spe_path_build(const mc_game *g, const mc_spe_result *r, size_t max_steps,
                            mc_spe_path *p, mc_error *err)
{
    memset(p, 0, sizeof *p);
    walker w = {.g = g, .r = r, .p = p, .max_steps = max_steps ? max_steps : SIZE_MAX, .err = err};
    unsigned char *root = malloc(g->state_size);
    if (!root)
        return mc_error_set(err, MC_ENOMEM, "path: out of memory");
    g->ops->root(g, root);
    mc_q one = MC_Q_INT(1);
    mc_status st = walk(&w, root, 0, &one);
    if (st == MC_ELIMIT) /* the path is cut at max_steps: keep what we have */
        st = MC_OK;
    free(root);
    free(w.history);
    if (st != MC_OK)
        mc_spe_path_free(p);
    return st;
}

void mc_spe_path_free(mc_spe_path *p)
{
    for (size_t i = 0; i < p->nsteps; i++) {
        mc_q_clear(&p->steps[i].reach);
        free(p->steps[i].where.history);
    }
    free(p->steps);
    memset(p, 0, sizeof *p);
}

/* ---- locations ------------------------------------------------------------ */

static size_t append(char *buf, size_t cap, size_t len, const char *s)
{
    size_t n = strlen(s);
    if (len < cap) {
        size_t room = cap - len - 1;
        memcpy(buf + len, s, n < room ? n : room);
        buf[len + (n < room ? n : room)] = '\0';
    }
    return len + n;
}

size_t mc_spe_where_str(const mc_game *g, const mc_spe_where *w, char *buf, size_t cap)
{
    char tmp[256];
    if (cap)
        buf[0] = '\0';
    if (!w->history) {
        if (w->depth == 0 && g->state_size == sizeof(uint32_t) && g->ops->describe) {
            uint32_t v = (uint32_t)w->node;
            g->ops->describe(g, &v, tmp, sizeof tmp);
            return append(buf, cap, 0, tmp);
        }
        snprintf(tmp, sizeof tmp, "#%llu", (unsigned long long)w->node + 1);
        return append(buf, cap, 0, tmp);
    }
    size_t len = append(buf, cap, 0, "root");
    unsigned char *state = malloc(g->state_size), *next = malloc(g->state_size);
    mc_node n;
    if (!state || !next || mc_node_init(&n, g->nplayers) != MC_OK) {
        free(state);
        free(next);
        return len;
    }
    g->ops->root(g, state);
    for (uint32_t d = 0; d < w->depth; d++) {
        if (g->ops->expand(g, state, &n, NULL) != MC_OK || n.kind == MC_NODE_TERMINAL)
            break;
        uint32_t choice[MC_MAX_MOVERS];
        mc_node_choice_of(&n, w->history[d], choice);
        len = append(buf, cap, len, " > ");
        unsigned parts = n.kind == MC_NODE_CHANCE ? 1 : n.nmovers;
        for (unsigned m = 0; m < parts; m++) {
            if (m)
                len = append(buf, cap, len, ",");
            if (g->ops->action_label)
                g->ops->action_label(g, state, &n, m, choice[m], tmp, sizeof tmp);
            else
                snprintf(tmp, sizeof tmp, "%u", choice[m] + 1);
            len = append(buf, cap, len, tmp);
        }
        g->ops->child(g, state, &n, choice, next);
        memcpy(state, next, g->state_size);
    }
    mc_node_free(&n);
    free(state);
    free(next);
    return len;
}

/* Game fragments for claim results (see fragment.h). */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/fragment.h"

json_t *mc_fragment_new(void)
{
    return json_pack("{s:[],s:[]}", "nodes", "edges");
}

int mc_fragment_node(json_t *frag, const char *label, const char *kind, const char *mark)
{
    json_t *nodes = json_object_get(frag, "nodes");
    int id = (int)json_array_size(nodes);
    json_t *n = json_pack("{s:i,s:s,s:s,s:s}", "id", id, "label", label, "kind", kind, "mark",
                          mark ? mark : "");
    if (!n || json_array_append_new(nodes, n) != 0)
        return -1;
    return id;
}

mc_status mc_fragment_edge(json_t *frag, int from, int to, const char *label, const char *mark)
{
    json_t *e = json_pack("{s:i,s:i,s:s,s:s}", "from", from, "to", to, "label", label, "mark",
                          mark ? mark : "");
    if (!e || json_array_append_new(json_object_get(frag, "edges"), e) != 0)
        return MC_ENOMEM;
    return MC_OK;
}

/* ---- walking a generator ------------------------------------------------------------------- */

static void describe(const mc_game *g, const void *state, const mc_node *node, char *buf,
                     size_t cap)
{
    size_t n = 0;
    if (g->ops->describe)
        n = g->ops->describe(g, state, buf, cap);
    else
        n = (size_t)snprintf(buf, cap, "%s",
                             node->kind == MC_NODE_TERMINAL ? "terminal"
                             : node->kind == MC_NODE_CHANCE ? "chance"
                                                            : "node");
    if (n >= cap)
        n = cap - 1;
    if (node->kind != MC_NODE_TERMINAL || !node->payoff)
        return;
    n += (size_t)snprintf(buf + n, cap - n, "%s(", n ? " " : "");
    for (unsigned p = 0; p < g->nplayers && n < cap; p++) {
        if (p)
            n += (size_t)snprintf(buf + n, cap - n, ", ");
        if (n < cap)
            n += mc_q_snprint(buf + n, cap - n, &node->payoff[p]);
    }
    if (n < cap)
        snprintf(buf + n, cap - n, ")");
}

static const char *kind_name(mc_node_kind k)
{
    return k == MC_NODE_TERMINAL ? "terminal" : k == MC_NODE_CHANCE ? "chance" : "decision";
}

/* The joint choice's labels: one mover's action alone, several movers'
 * as "1:YES,2:NO" (player names), a chance outcome as "#k p=1/2". */
static void choice_label(const mc_game *g, const void *state, const mc_node *node,
                         uint64_t child, char *buf, size_t cap)
{
    uint32_t choice[MC_MAX_MOVERS];
    buf[0] = '\0';
    if (node->kind != MC_NODE_DECISION) {
        size_t n = (size_t)snprintf(buf, cap, "#%llu", (unsigned long long)child + 1);
        if (node->kind == MC_NODE_CHANCE && node->prob && child < node->nchance && n < cap) {
            n += (size_t)snprintf(buf + n, cap - n, " p=");
            if (n < cap)
                mc_q_snprint(buf + n, cap - n, &node->prob[child]);
        }
        return;
    }
    mc_node_choice_of(node, child, choice);
    size_t n = 0;
    for (unsigned m = 0; m < node->nmovers && n < cap; m++) {
        if (m)
            n += (size_t)snprintf(buf + n, cap - n, ",");
        if (n < cap && node->nmovers > 1) {
            char name[32];
            n += (size_t)snprintf(buf + n, cap - n, "%s:",
                                  mc_game_player_name(g, node->mover[m], name, sizeof name));
        }
        if (n >= cap)
            break;
        if (g->ops->action_label)
            n += g->ops->action_label(g, state, node, m, choice[m], buf + n, cap - n);
        else
            n += (size_t)snprintf(buf + n, cap - n, "%u", choice[m] + 1);
    }
}

typedef struct {
    const mc_game *g;
    mc_node node;
    unsigned char *cur, *next;
    mc_q *acc;
    bool ok;
} walker;

static mc_status walker_init(walker *w, const mc_game *g, const void *state, mc_error *err)
{
    memset(w, 0, sizeof *w);
    w->g = g;
    w->cur = malloc(g->state_size ? g->state_size : 1);
    w->next = malloc(g->state_size ? g->state_size : 1);
    w->acc = malloc(g->nplayers * sizeof *w->acc);
    if (!w->cur || !w->next || !w->acc || mc_node_init(&w->node, g->nplayers) != MC_OK) {
        free(w->cur);
        free(w->next);
        free(w->acc);
        return mc_error_set(err, MC_ENOMEM, "fragment: out of memory");
    }
    w->ok = true;
    mc_q_init_vec(w->acc, g->nplayers);
    memcpy(w->cur, state, g->state_size);
    return MC_OK;
}

static void walker_free(walker *w)
{
    if (!w->ok)
        return;
    mc_node_free(&w->node);
    mc_q_clear_vec(w->acc, w->g->nplayers);
    free(w->acc);
    free(w->cur);
    free(w->next);
    w->ok = false;
}

static void add_payoff(walker *w)
{
    if (w->node.payoff)
        for (unsigned p = 0; p < w->g->nplayers; p++)
            mc_q_add(&w->acc[p], &w->acc[p], &w->node.payoff[p]);
}

/* Moves w->cur to its child, adding the child's node and the edge (its
 * label followed by note on a new line, when there is one). */
static mc_status step_to(walker *w, json_t *frag, int *from, uint64_t child, const char *mark,
                         const char *note, mc_error *err)
{
    char label[512], desc[512];
    uint32_t choice[MC_MAX_MOVERS];
    choice_label(w->g, w->cur, &w->node, child, label, sizeof label);
    if (note && *note) {
        size_t n = strlen(label);
        snprintf(label + n, sizeof label - n, "\n%s", note);
    }
    if (w->node.kind == MC_NODE_DECISION)
        mc_node_choice_of(&w->node, child, choice);
    else
        choice[0] = (uint32_t)child;
    w->g->ops->child(w->g, w->cur, &w->node, choice, w->next);
    unsigned char *t = w->cur;
    w->cur = w->next;
    w->next = t;
    mc_status st = w->g->ops->expand(w->g, w->cur, &w->node, err);
    if (st != MC_OK)
        return st;
    describe(w->g, w->cur, &w->node, desc, sizeof desc);
    int id = mc_fragment_node(frag, desc, kind_name(w->node.kind), mark);
    if (id < 0 || mc_fragment_edge(frag, *from, id, label, mark) != MC_OK)
        return mc_error_set(err, MC_ENOMEM, "fragment: out of memory");
    *from = id;
    return MC_OK;
}

static mc_status cut(json_t *frag, int from, const char *label, const char *mark, mc_error *err)
{
    int id = mc_fragment_node(frag, label, "cut", mark);
    if (id < 0 || mc_fragment_edge(frag, from, id, "", mark) != MC_OK)
        return mc_error_set(err, MC_ENOMEM, "fragment: out of memory");
    return MC_OK;
}

/* Chance nodes with more outcomes than this are cut, not branched. */
#define FRAGMENT_MAX_CHANCE 8

static mc_status walk(walker *w, json_t *frag, const mc_spe_result *r, int from, const char *mark,
                      size_t max_steps, size_t steps, bool *reached, mc_error *err);

/* At a chance node (w->cur, node id from): every outcome, each followed on. */
static mc_status walk_chance(walker *w, json_t *frag, const mc_spe_result *r, int from,
                             const char *mark, size_t max_steps, size_t steps, mc_error *err)
{
    uint32_t k = w->node.nchance;
    if (k > FRAGMENT_MAX_CHANCE) {
        char label[64];
        snprintf(label, sizeof label, "... %u outcomes", k);
        return cut(frag, from, label, mark, err);
    }
    unsigned char *saved = malloc(w->g->state_size ? w->g->state_size : 1);
    if (!saved)
        return mc_error_set(err, MC_ENOMEM, "fragment: out of memory");
    memcpy(saved, w->cur, w->g->state_size);
    mc_status st = MC_OK;
    for (uint32_t o = 0; o < k && st == MC_OK; o++) {
        memcpy(w->cur, saved, w->g->state_size);
        st = w->g->ops->expand(w->g, w->cur, &w->node, err); /* prob of the chance node */
        int id = from;
        bool below;
        if (st == MC_OK)
            st = step_to(w, frag, &id, o, mark, NULL, err);
        if (st == MC_OK)
            st = walk(w, frag, r, id, mark, max_steps, steps + 1, &below, err);
    }
    free(saved);
    return st;
}

/* From w->cur (already expanded into w->node, node id from): follow r,
 * branching at chance nodes (then *reached is false). */
static mc_status walk(walker *w, json_t *frag, const mc_spe_result *r, int from, const char *mark,
                      size_t max_steps, size_t steps, bool *reached, mc_error *err)
{
    *reached = false;
    for (;; steps++) {
        add_payoff(w);
        if (w->node.kind == MC_NODE_TERMINAL) {
            *reached = true;
            return MC_OK;
        }
        if (max_steps && steps >= max_steps)
            return cut(frag, from, "...", mark, err);
        if (w->node.kind == MC_NODE_CHANCE)
            return walk_chance(w, frag, r, from, mark, max_steps, steps, err);
        uint64_t c = mc_spe_choice(r, w->g, w->cur);
        if (c == UINT64_MAX)
            return MC_OK;
        mc_status st = step_to(w, frag, &from, c, mark, NULL, err);
        if (st != MC_OK)
            return st;
    }
}

int mc_fragment_state(json_t *frag, const mc_game *g, const void *state, const char *mark,
                      mc_error *err)
{
    mc_node node;
    if (mc_node_init(&node, g->nplayers) != MC_OK) {
        mc_error_set(err, MC_ENOMEM, "fragment: out of memory");
        return -1;
    }
    int id = -1;
    if (g->ops->expand(g, state, &node, err) == MC_OK) {
        char desc[512];
        describe(g, state, &node, desc, sizeof desc);
        id = mc_fragment_node(frag, desc, kind_name(node.kind), mark);
        if (id < 0)
            mc_error_set(err, MC_ENOMEM, "fragment: out of memory");
    }
    mc_node_free(&node);
    return id;
}

static void copy_payoff(const walker *w, mc_q *payoff)
{
    if (payoff)
        for (unsigned p = 0; p < w->g->nplayers; p++)
            mc_q_set(&payoff[p], &w->acc[p]);
}

mc_status mc_fragment_follow(json_t *frag, const mc_game *g, const mc_spe_result *r,
                             const void *state, int from, const char *mark, size_t max_steps,
                             mc_q *payoff, bool *reached, mc_error *err)
{
    bool dummy;
    if (!reached)
        reached = &dummy;
    *reached = false;
    if (from < 0 && (from = mc_fragment_state(frag, g, state, mark, err)) < 0)
        return err ? err->code : MC_ENOMEM;
    walker w;
    mc_status st = walker_init(&w, g, state, err);
    if (st != MC_OK)
        return st;
    st = g->ops->expand(g, w.cur, &w.node, err);
    if (st == MC_OK)
        st = walk(&w, frag, r, from, mark, max_steps, 0, reached, err);
    if (st == MC_OK && *reached)
        copy_payoff(&w, payoff);
    walker_free(&w);
    return st;
}

mc_status mc_fragment_branch(json_t *frag, const mc_game *g, const mc_spe_result *r,
                             const void *state, int at, uint64_t child, const char *mark,
                             const char *note, size_t max_steps, mc_q *payoff, bool *reached,
                             mc_error *err)
{
    bool dummy;
    if (!reached)
        reached = &dummy;
    *reached = false;
    walker w;
    mc_status st = walker_init(&w, g, state, err);
    if (st != MC_OK)
        return st;
    st = g->ops->expand(g, w.cur, &w.node, err);
    if (st == MC_OK && child >= mc_node_nchildren(&w.node))
        st = mc_error_set(err, MC_EINTERNAL, "fragment: branch to child %llu of %llu",
                          (unsigned long long)child,
                          (unsigned long long)mc_node_nchildren(&w.node));
    int from = at;
    if (st == MC_OK) {
        add_payoff(&w); /* the branching node's own payoff, if any */
        st = step_to(&w, frag, &from, child, mark, note, err);
    }
    if (st == MC_OK)
        st = walk(&w, frag, r, from, mark, max_steps, 0, reached, err);
    if (st == MC_OK && *reached)
        copy_payoff(&w, payoff);
    walker_free(&w);
    return st;
}

mc_status mc_fragment_deviation(json_t *frag, const mc_game *g, const mc_spe_result *r,
                                const void *state, int at, uint64_t child, size_t max_steps,
                                mc_q *payoff, bool *reached, mc_error *err)
{
    return mc_fragment_branch(frag, g, r, state, at, child, "deviation", NULL, max_steps, payoff,
                              reached, err);
}

mc_status mc_fragment_history(json_t *frag, const mc_game *g, const mc_spe_result *r,
                              const void *state, int from, const uint32_t *history,
                              uint32_t depth, const char *mark, int *last, void *end_state,
                              mc_error *err)
{
    if (from < 0 && (from = mc_fragment_state(frag, g, state, mark, err)) < 0)
        return err ? err->code : MC_ENOMEM;
    walker w;
    mc_status st = walker_init(&w, g, state, err);
    if (st != MC_OK)
        return st;
    st = g->ops->expand(g, w.cur, &w.node, err);
    for (uint32_t d = 0; d < depth && st == MC_OK; d++) {
        uint64_t k = mc_node_nchildren(&w.node);
        if (history[d] >= k) {
            st = mc_error_set(err, MC_EINTERNAL,
                              "fragment: history step %u is child %u of a node with %llu", d + 1,
                              history[d], (unsigned long long)k);
            break;
        }
        bool off = r && w.node.kind == MC_NODE_DECISION &&
                   mc_spe_choice(r, g, w.cur) != history[d];
        st = step_to(&w, frag, &from, history[d], mark, off ? "(not the SPE choice)" : NULL, err);
    }
    if (st == MC_OK) {
        if (last)
            *last = from;
        if (end_state)
            memcpy(end_state, w.cur, g->state_size);
    }
    walker_free(&w);
    return st;
}

mc_status mc_fragment_node_note(json_t *frag, int id, const char *mark, const char *note)
{
    json_t *n = json_array_get(json_object_get(frag, "nodes"), (size_t)id);
    if (!n)
        return MC_EINTERNAL;
    if (mark && json_object_set_new(n, "mark", json_string(mark)) != 0)
        return MC_ENOMEM;
    if (note && *note) {
        json_t *l = json_sprintf("%s\n%s", json_string_value(json_object_get(n, "label")), note);
        if (!l || json_object_set_new(n, "label", l) != 0)
            return MC_ENOMEM;
    }
    return MC_OK;
}

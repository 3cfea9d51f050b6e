/* Compiling a generator into an mc_ef: one depth-first walk that numbers
 * information sets and sequences, checks perfect recall, and accumulates
 * payoffs at the terminals. */
#include <stdlib.h>
#include <string.h>

#include "solve/ef_internal.h"

typedef struct builder {
    const mc_game *g;
    mc_ef *ef;
    uint64_t max_nodes;
    ef_genstack gs;
    ef_intern sets;     /* (player, id low, id high) -> information set */
    uint32_t *cur_seq;  /* per depth: each player's current sequence */
    mc_q *acc;          /* per depth: payoffs collected above */
    size_t depth_cap;
    mc_error *err;
} builder;

void mc_ef_options_default(mc_ef_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_nodes = MC_EF_DEFAULT_MAX_NODES;
}

static mc_status oom(builder *b)
{
    return mc_error_set(b->err, MC_ENOMEM, "extensive form: out of memory after %u nodes",
                        b->ef->nnodes);
}

static mc_status ensure_depth(builder *b, size_t d)
{
    mc_status st = ef_genstack_ensure(&b->gs, d, b->err);
    if (st != MC_OK || d < b->depth_cap)
        return st;
    size_t cap = b->depth_cap ? b->depth_cap * 2 : 32, np = b->ef->nplayers;
    while (cap <= d)
        cap *= 2;
    uint32_t *cs = realloc(b->cur_seq, cap * np * sizeof *cs);
    if (!cs)
        return oom(b);
    b->cur_seq = cs;
    mc_q *acc = realloc(b->acc, cap * np * sizeof *acc);
    if (!acc)
        return oom(b);
    b->acc = acc;
    mc_q_init_vec(b->acc + b->depth_cap * np, (cap - b->depth_cap) * np);
    b->depth_cap = cap;
    return MC_OK;
}

static uint32_t new_node(builder *b)
{
    mc_ef *ef = b->ef;
    if (ef->nnodes >= ef->node_cap) {
        size_t cap = ef->node_cap ? (size_t)ef->node_cap * 2 : 1024;
        if (cap > MC_EF_NONE - 1)
            cap = MC_EF_NONE - 1;
        if (cap <= ef->nnodes)
            return MC_EF_NONE;
        uint8_t *k = realloc(ef->kind, cap), *nm;
        if (!k)
            return MC_EF_NONE;
        ef->kind = k;
        if (!(nm = realloc(ef->nmovers, cap)))
            return MC_EF_NONE;
        ef->nmovers = nm;
        uint32_t **arr[] = {&ef->end, &ef->nchild, &ef->aux};
        for (size_t i = 0; i < 3; i++) {
            uint32_t *p = realloc(*arr[i], cap * sizeof *p);
            if (!p)
                return MC_EF_NONE;
            *arr[i] = p;
        }
        ef->node_cap = (uint32_t)cap;
    }
    uint32_t v = ef->nnodes++;
    ef->nmovers[v] = 0;
    ef->nchild[v] = 0;
    ef->aux[v] = 0;
    return v;
}

/* "#12" or "#12 (description)". */
static const char *where(builder *b, const void *state, uint32_t v, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "#%u", v + 1);
    if (b->g->ops->describe && n > 0 && (size_t)n + 8 < cap) {
        char d[160];
        b->g->ops->describe(b->g, state, d, sizeof d);
        if (d[0] && strcmp(d, buf) != 0)
            snprintf(buf + n, cap - (size_t)n, " (%s)", d);
    }
    return buf;
}

static mc_status add_labels(builder *b, const void *state, const mc_node *node, unsigned slot,
                            mc_ef_infoset *is)
{
    mc_ef *ef = b->ef;
    is->labels = (uint32_t)ef->labels_len;
    if (ef->labels_len > UINT32_MAX - 4096)
        return mc_error_set(b->err, MC_ELIMIT, "extensive form: too many action labels");
    for (uint32_t a = 0; a < is->nactions; a++) {
        char buf[128];
        size_t n;
        if (b->g->ops->action_label)
            n = b->g->ops->action_label(b->g, state, node, slot, a, buf, sizeof buf);
        else
            n = (size_t)snprintf(buf, sizeof buf, "%u", a + 1);
        if (n >= sizeof buf)
            n = sizeof buf - 1;
        if (!ef_grow((void **)&ef->labels, 1, &ef->labels_cap, ef->labels_len + n + 1))
            return oom(b);
        memcpy(ef->labels + ef->labels_len, buf, n);
        ef->labels[ef->labels_len + n] = 0;
        ef->labels_len += n + 1;
    }
    return MC_OK;
}

/* The information set of mover slot k at node v, created or checked. */
static mc_status infoset_of(builder *b, const void *state, const mc_node *node, unsigned k,
                            uint32_t v, size_t depth, uint32_t *out)
{
    mc_ef *ef = b->ef;
    unsigned p = node->mover[k];
    int64_t id = node->infoset[k];
    uint32_t parent = b->cur_seq[depth * ef->nplayers + p];
    uint32_t i = MC_EF_NONE;
    bool created = true;
    if (id != MC_INFOSET_SINGLETON) {
        uint32_t key[3] = {p, (uint32_t)(uint64_t)id, (uint32_t)((uint64_t)id >> 32)};
        i = ef_intern_id(&b->sets, key, 3, &created);
        if (i == MC_EF_NONE)
            return oom(b);
        if (created && i != ef->ninfosets)
            return mc_error_set(b->err, MC_EINTERNAL, "extensive form: infoset numbering");
    }
    char w1[256], w2[256];
    if (!created) {
        mc_ef_infoset *is = &ef->infosets[i];
        if (is->nactions != node->nactions[k])
            return mc_error_set(b->err, MC_EINPUT,
                                "extensive form: player %u's information set %lld has %u actions "
                                "at node #%u but %u at node %s",
                                p + 1, (long long)id, is->nactions, is->first_node + 1,
                                node->nactions[k], where(b, state, v, w1, sizeof w1));
        if (is->parent_seq != parent) {
            snprintf(w2, sizeof w2, "#%u", is->first_node + 1);
            return mc_error_set(b->err, MC_EUNSUPPORTED,
                                "extensive form: player %u lacks perfect recall: information "
                                "set %lld holds node %s and node %s, reached after different "
                                "own histories",
                                p + 1, (long long)id, w2, where(b, state, v, w1, sizeof w1));
        }
        is->nnodes++;
        *out = i;
        return MC_OK;
    }
    if (ef->ninfosets >= ef->infoset_cap) {
        size_t cap = ef->infoset_cap;
        if (!ef_grow((void **)&ef->infosets, sizeof *ef->infosets, &cap, (size_t)ef->ninfosets + 1))
            return oom(b);
        ef->infoset_cap = (uint32_t)cap;
    }
    i = ef->ninfosets++;
    mc_ef_infoset *is = &ef->infosets[i];
    if ((uint64_t)ef->nseq[p] + node->nactions[k] >= MC_EF_NONE)
        return mc_error_set(b->err, MC_ELIMIT, "extensive form: player %u has too many sequences",
                            p + 1);
    *is = (mc_ef_infoset){.player = p,
                          .nactions = node->nactions[k],
                          .parent_seq = parent,
                          .first_seq = ef->nseq[p],
                          .first_node = v,
                          .nnodes = 1,
                          .id = id};
    ef->nseq[p] += node->nactions[k];
    ef->ninfosets_of[p]++;
    *out = i;
    return add_labels(b, state, node, k, is);
}

static mc_status store_decision(builder *b, const void *state, const mc_node *node, uint32_t v,
                                size_t depth)
{
    mc_ef *ef = b->ef;
    char w[256];
    if (node->nmovers == 0 || node->nmovers > MC_MAX_MOVERS)
        return mc_error_set(b->err, MC_EINPUT, "extensive form: decision node %s has %u movers",
                            where(b, state, v, w, sizeof w), node->nmovers);
    mc_players seen = 0;
    uint64_t nchild = 1;
    for (unsigned k = 0; k < node->nmovers; k++) {
        unsigned p = node->mover[k];
        if (p >= ef->nplayers || mc_players_has(seen, p) || node->nactions[k] == 0)
            return mc_error_set(b->err, MC_EINPUT,
                                "extensive form: mover %u at node %s: %s", k + 1,
                                where(b, state, v, w, sizeof w),
                                p >= ef->nplayers ? "player out of range"
                                : node->nactions[k] == 0 ? "no actions"
                                                         : "player moves twice");
        seen |= UINT64_C(1) << p;
        nchild *= node->nactions[k];
        if (nchild >= MC_EF_NONE)
            return mc_error_set(b->err, MC_ELIMIT, "extensive form: node %s has too many children",
                                where(b, state, v, w, sizeof w));
    }
    size_t cap = ef->slot_cap;
    if (!ef_grow((void **)&ef->slot_infoset, sizeof *ef->slot_infoset, &cap,
                 (size_t)ef->nslots + node->nmovers))
        return oom(b);
    ef->slot_cap = (uint32_t)cap;
    ef->kind[v] = MC_NODE_DECISION;
    ef->nmovers[v] = (uint8_t)node->nmovers;
    ef->aux[v] = ef->nslots;
    ef->nchild[v] = (uint32_t)nchild;
    ef->nslots += node->nmovers;
    for (unsigned k = 0; k < node->nmovers; k++) {
        uint32_t i = MC_EF_NONE;
        mc_status st = infoset_of(b, state, node, k, v, depth, &i);
        if (st != MC_OK)
            return st;
        ef->slot_infoset[ef->aux[v] + k] = i;
    }
    return MC_OK;
}

static mc_status store_chance(builder *b, const void *state, const mc_node *node, uint32_t v)
{
    mc_ef *ef = b->ef;
    char w[256];
    if (node->nchance == 0 || (uint64_t)ef->nprobs + node->nchance >= MC_EF_NONE)
        return mc_error_set(b->err, node->nchance ? MC_ELIMIT : MC_EINPUT,
                            "extensive form: chance node %s has %u outcomes",
                            where(b, state, v, w, sizeof w), node->nchance);
    if ((size_t)ef->nprobs + node->nchance > ef->prob_cap) {
        size_t cap = ef->prob_cap, old = cap;
        if (!ef_grow((void **)&ef->prob, sizeof *ef->prob, &cap, (size_t)ef->nprobs + node->nchance))
            return oom(b);
        mc_q_init_vec(ef->prob + old, cap - old);
        ef->prob_cap = (uint32_t)cap;
    }
    mc_q sum = MC_Q_ZERO;
    bool negative = false;
    for (uint32_t c = 0; c < node->nchance; c++) {
        mc_q_set(&ef->prob[ef->nprobs + c], &node->prob[c]);
        mc_q_add(&sum, &sum, &node->prob[c]);
        negative |= mc_q_sgn(&node->prob[c]) < 0;
    }
    mc_q unit = MC_Q_INT(1);
    bool one = mc_q_eq(&sum, &unit);
    mc_q_clear(&sum);
    if (negative || !one)
        return mc_error_set(b->err, MC_EINPUT,
                            "extensive form: chance probabilities at node %s %s",
                            where(b, state, v, w, sizeof w),
                            negative ? "include a negative value" : "do not sum to 1");
    ef->kind[v] = MC_NODE_CHANCE;
    ef->aux[v] = ef->nprobs;
    ef->nchild[v] = node->nchance;
    ef->nprobs += node->nchance;
    return MC_OK;
}

static mc_status store_terminal(builder *b, const mc_node *node, uint32_t v, size_t depth)
{
    mc_ef *ef = b->ef;
    unsigned np = ef->nplayers;
    if (ef->nterminals >= ef->term_cap) {
        size_t cap = ef->term_cap, old = cap;
        if (!ef_grow((void **)&ef->terminal_node, sizeof *ef->terminal_node, &cap,
                     (size_t)ef->nterminals + 1))
            return oom(b);
        mc_q *pay = realloc(ef->payoff, cap * np * sizeof *pay);
        if (!pay)
            return oom(b);
        ef->payoff = pay;
        mc_q_init_vec(ef->payoff + old * np, (cap - old) * np);
        ef->term_cap = (uint32_t)cap;
    }
    uint32_t t = ef->nterminals++;
    ef->kind[v] = MC_NODE_TERMINAL;
    ef->aux[v] = t;
    ef->terminal_node[t] = v;
    for (unsigned p = 0; p < np; p++) {
        mc_q *dst = &ef->payoff[(size_t)t * np + p];
        mc_q_set(dst, &b->acc[depth * np + p]);
        if (node->payoff)
            mc_q_add(dst, dst, &node->payoff[p]);
    }
    return MC_OK;
}

static mc_status build(builder *b, size_t depth)
{
    mc_ef *ef = b->ef;
    unsigned np = ef->nplayers;
    mc_status st;
    if ((st = ensure_depth(b, depth + 1)) != MC_OK)
        return st;
    if (depth > ef->depth)
        ef->depth = (uint32_t)depth;
    mc_node *node = &b->gs.node[depth];
    const void *state = ef_genstack_state(&b->gs, depth);
    if ((st = b->g->ops->expand(b->g, state, node, b->err)) != MC_OK)
        return st;
    if (ef->nnodes >= b->max_nodes)
        return mc_error_set(b->err, MC_ELIMIT,
                            "extensive form: the game has more than %llu nodes (raise the node "
                            "limit)",
                            (unsigned long long)b->max_nodes);
    uint32_t v = new_node(b);
    if (v == MC_EF_NONE)
        return oom(b);
    switch (node->kind) {
    case MC_NODE_TERMINAL:
        st = store_terminal(b, node, v, depth);
        ef->end[v] = v + 1;
        return st;
    case MC_NODE_CHANCE:
        st = store_chance(b, state, node, v);
        break;
    case MC_NODE_DECISION:
        st = store_decision(b, state, node, v, depth);
        break;
    default:
        st = mc_error_set(b->err, MC_EINPUT, "extensive form: node #%u has an unknown kind", v + 1);
    }
    if (st != MC_OK)
        return st;
    /* payoffs at inner nodes reach every terminal below */
    mc_q *acc = &b->acc[depth * np], *cacc = &b->acc[(depth + 1) * np];
    for (unsigned p = 0; p < np; p++) {
        mc_q_set(&cacc[p], &acc[p]);
        if (node->payoff)
            mc_q_add(&cacc[p], &cacc[p], &node->payoff[p]);
    }
    uint32_t choice[MC_MAX_MOVERS];
    for (uint32_t c = 0; c < ef->nchild[v]; c++) {
        node = &b->gs.node[depth]; /* the stacks may have moved */
        state = ef_genstack_state(&b->gs, depth);
        uint32_t *cs = &b->cur_seq[depth * np], *ccs = &b->cur_seq[(depth + 1) * np];
        memcpy(ccs, cs, np * sizeof *cs);
        if (node->kind == MC_NODE_DECISION) {
            mc_node_choice_of(node, c, choice);
            for (unsigned k = 0; k < node->nmovers; k++) {
                const mc_ef_infoset *is = &ef->infosets[ef->slot_infoset[ef->aux[v] + k]];
                ccs[is->player] = is->first_seq + choice[k];
            }
        } else {
            choice[0] = c;
        }
        b->g->ops->child(b->g, state, node, choice, ef_genstack_state(&b->gs, depth + 1));
        if ((st = build(b, depth + 1)) != MC_OK)
            return st;
    }
    ef->end[v] = ef->nnodes;
    return MC_OK;
}

mc_status mc_ef_build(const mc_game *g, const mc_ef_options *o, mc_ef *ef, mc_error *err)
{
    memset(ef, 0, sizeof *ef);
    if (g->nplayers == 0 || g->nplayers > MC_MAX_PLAYERS)
        return mc_error_set(err, MC_EINPUT, "extensive form: %u players", g->nplayers);
    ef->nplayers = g->nplayers;
    for (unsigned p = 0; p < g->nplayers; p++)
        ef->nseq[p] = 1;
    builder b = {.g = g, .ef = ef, .err = err};
    b.max_nodes = o && o->max_nodes ? o->max_nodes : MC_EF_DEFAULT_MAX_NODES;
    ef_genstack_init(&b.gs, g);
    ef_intern_init(&b.sets);
    mc_status st = MC_OK;
    ef->player_names = calloc(g->nplayers, sizeof *ef->player_names);
    if (!ef->player_names)
        st = oom(&b);
    for (unsigned p = 0; st == MC_OK && p < g->nplayers; p++) {
        char buf[128];
        if (!(ef->player_names[p] = strdup(mc_game_player_name(g, p, buf, sizeof buf))))
            st = oom(&b);
    }
    if (st == MC_OK && (st = ensure_depth(&b, 1)) == MC_OK) {
        memset(b.cur_seq, 0, g->nplayers * sizeof *b.cur_seq);
        for (unsigned p = 0; p < g->nplayers; p++)
            mc_q_set_i64(&b.acc[p], 0);
        g->ops->root(g, ef_genstack_state(&b.gs, 0));
        st = build(&b, 0);
    }
    mc_q_clear_vec(b.acc, b.depth_cap * g->nplayers);
    free(b.acc);
    free(b.cur_seq);
    ef_intern_free(&b.sets);
    ef_genstack_free(&b.gs);
    if (st != MC_OK)
        mc_ef_free(ef);
    return st;
}

mc_status mc_ef_from_tree(mc_tree *t, const mc_ef_options *o, mc_ef *ef, mc_error *err)
{
    mc_game g;
    mc_status st = mc_tree_game(t, &g, err);
    if (st != MC_OK) {
        memset(ef, 0, sizeof *ef);
        return st;
    }
    return mc_ef_build(&g, o, ef, err);
}

void mc_ef_free(mc_ef *ef)
{
    if (ef->player_names)
        for (unsigned p = 0; p < ef->nplayers; p++)
            free(ef->player_names[p]);
    free(ef->player_names);
    free(ef->kind);
    free(ef->nmovers);
    free(ef->end);
    free(ef->nchild);
    free(ef->aux);
    free(ef->slot_infoset);
    if (ef->prob)
        mc_q_clear_vec(ef->prob, ef->prob_cap);
    free(ef->prob);
    if (ef->payoff)
        mc_q_clear_vec(ef->payoff, (size_t)ef->term_cap * ef->nplayers);
    free(ef->payoff);
    free(ef->terminal_node);
    free(ef->infosets);
    free(ef->labels);
    memset(ef, 0, sizeof *ef);
}

const char *mc_ef_action_label(const mc_ef *ef, uint32_t infoset, uint32_t action)
{
    const char *s = ef->labels + ef->infosets[infoset].labels;
    for (uint32_t a = 0; a < action; a++)
        s += strlen(s) + 1;
    return s;
}

uint32_t mc_ef_seq_infoset(const mc_ef *ef, unsigned player, uint32_t seq, uint32_t *action)
{
    uint32_t best = MC_EF_NONE;
    for (uint32_t i = 0; i < ef->ninfosets; i++) {
        const mc_ef_infoset *is = &ef->infosets[i];
        if (is->player == player && seq >= is->first_seq && seq < is->first_seq + is->nactions) {
            best = i;
            if (action)
                *action = seq - is->first_seq;
            break;
        }
    }
    return best;
}

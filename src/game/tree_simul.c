/* Recognising simultaneous stages in trees read from Gambit files.
 *
 * Gambit has no simultaneous nodes: a stage where players 1 and 2 move at
 * once is written as a node of player 1 whose children all lie in one
 * information set of player 2 that holds nothing else.  Merging such a
 * pattern into one node with two movers is exact (both encodings have the
 * same strategies and payoffs) and lets backward induction solve the stage
 * game instead of refusing an imperfect-information tree. */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/tree.h"

typedef struct {
    uint32_t *v;
    size_t n, cap;
} node_list;

static bool list_push(node_list *l, uint32_t v)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        uint32_t *p = realloc(l->v, cap * sizeof *p);
        if (!p)
            return false;
        l->v = p;
        l->cap = cap;
    }
    l->v[l->n++] = v;
    return true;
}

/* An inner node of a stage carries nothing of its own. */
static bool plain_inner(const mc_tree *t, uint32_t w)
{
    return t->outcome[w] == MC_TREE_NONE && (!t->name || t->name[w] == 0);
}

/* Number of movers of the stage rooted at v (1: v starts no stage).  Marks
 * the inner nodes in removed[] and writes the movers' information sets. */
static int stage_movers(const mc_tree *t, uint32_t v, uint32_t *infosets, uint8_t *removed,
                        node_list *cur, node_list *next)
{
    if (t->kind[v] != MC_TNODE_DECISION || t->infosets[t->ref[v]].nnodes != 1)
        return 1;
    bool used[MC_MAX_PLAYERS] = {false};
    used[t->infosets[t->ref[v]].player] = true;
    infosets[0] = t->ref[v];
    cur->n = 0;
    if (!list_push(cur, v))
        return -1;
    int m = 1;
    while (m < MC_MAX_MOVERS) {
        next->n = 0;
        for (size_t i = 0; i < cur->n; i++) {
            uint32_t k = mc_tree_nchildren(t, cur->v[i]);
            for (uint32_t c = 0, w = cur->v[i] + 1; c < k; c++, w += t->subtree[w])
                if (!list_push(next, w))
                    return -1;
        }
        if (next->n < 2 || t->kind[next->v[0]] != MC_TNODE_DECISION)
            break;
        uint32_t is = t->ref[next->v[0]];
        const mc_tree_infoset *info = &t->infosets[is];
        if (info->nnodes != next->n || used[info->player])
            break;
        bool all = true;
        for (size_t i = 0; i < next->n && all; i++) {
            uint32_t w = next->v[i];
            all = t->kind[w] == MC_TNODE_DECISION && t->ref[w] == is && plain_inner(t, w);
        }
        if (!all)
            break;
        for (size_t i = 0; i < next->n; i++)
            removed[next->v[i]] = 1;
        used[info->player] = true;
        infosets[m++] = is;
        node_list swap = *cur;
        *cur = *next;
        *next = swap;
    }
    return m;
}

mc_status mc_tree_merge_simultaneous(mc_tree *t, uint32_t *merged, mc_error *err)
{
    return mc_tree_merge_simultaneous_map(t, merged, NULL, err);
}

mc_status mc_tree_merge_simultaneous_map(mc_tree *t, uint32_t *merged, uint32_t **old_index,
                                         mc_error *err)
{
    *merged = 0;
    if (old_index)
        *old_index = NULL;
    if (!t->finished)
        return mc_error_set(err, MC_EINTERNAL, "tree: merging stages needs a finished tree");
    uint8_t *removed = calloc(t->nnodes, 1);
    uint32_t *map = old_index ? malloc((t->nnodes ? t->nnodes : 1) * sizeof *map) : NULL;
    node_list cur = {0}, next = {0};
    mc_status st = MC_OK;
    if (!removed || (old_index && !map)) {
        st = mc_error_set(err, MC_ENOMEM, "tree: out of memory merging stages");
        goto done;
    }
    for (uint32_t v = 0; v < t->nnodes; v++) {
        if (removed[v])
            continue;
        uint32_t infosets[MC_MAX_MOVERS];
        int m = stage_movers(t, v, infosets, removed, &cur, &next);
        if (m < 0) {
            st = mc_error_set(err, MC_ENOMEM, "tree: out of memory merging stages");
            goto done;
        }
        if (m < 2)
            continue;
        uint32_t s = mc_tree_add_simul(t, (uint32_t)m, infosets, err);
        if (s == MC_TREE_NONE) {
            st = err ? err->code : MC_ENOMEM;
            goto done;
        }
        t->kind[v] = MC_TNODE_SIMULTANEOUS;
        t->ref[v] = s;
        (*merged)++;
    }
    if (*merged) {
        uint32_t j = 0; /* the kept nodes keep their preorder */
        for (uint32_t v = 0; v < t->nnodes; v++) {
            if (removed[v])
                continue;
            if (map)
                map[j] = v;
            t->kind[j] = t->kind[v];
            t->ref[j] = t->ref[v];
            t->outcome[j] = t->outcome[v];
            if (t->name)
                t->name[j] = t->name[v];
            j++;
        }
        t->nnodes = j;
        st = mc_tree_finish(t, err);
        if (st == MC_OK && old_index) {
            *old_index = map;
            map = NULL;
        }
    }
done:
    free(map);
    free(removed);
    free(cur.v);
    free(next.v);
    return st;
}

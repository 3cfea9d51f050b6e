/* Helpers for the Gambit file tests: writing to memory and comparing trees
 * structurally (independently of record order and file numbers). */
#ifndef MC_GAMBIT_TESTUTIL_H
#define MC_GAMBIT_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/gambit.h"

/* The .efg text of t (malloc'd), or NULL on a write error. */
static inline char *efg_to_string(const mc_tree *t, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f)
        return NULL;
    mc_error err;
    mc_status st = mc_efg_write(t, f, &err);
    fclose(f);
    if (st != MC_OK) {
        free(buf);
        return NULL;
    }
    if (len)
        *len = n;
    return buf;
}

static inline char *nfg_to_string(const mc_nfg *g, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f)
        return NULL;
    mc_error err;
    mc_status st = mc_nfg_write(g, f, &err);
    fclose(f);
    if (st != MC_OK) {
        free(buf);
        return NULL;
    }
    if (len)
        *len = n;
    return buf;
}

static inline const char *str_or_empty(const char *s)
{
    return s ? s : "";
}

/* Records of a and b correspond one to one (map[a-record] = b-record). */
static inline int same_partition(uint32_t *map, uint32_t *back, uint32_t ra, uint32_t rb)
{
    if (map[ra] == UINT32_MAX && back[rb] == UINT32_MAX) {
        map[ra] = rb;
        back[rb] = ra;
    }
    return map[ra] == rb && back[rb] == ra;
}

static inline int same_labels(const mc_tree *a, uint32_t la, const mc_tree *b, uint32_t lb,
                              uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (strcmp(mc_tree_str(a, a->label_ids[la + i]), mc_tree_str(b, b->label_ids[lb + i])))
            return 0;
    return 1;
}

static inline int same_outcome(const mc_tree *a, uint32_t oa, const mc_tree *b, uint32_t ob)
{
    if (oa == MC_TREE_NONE || ob == MC_TREE_NONE)
        return oa == ob;
    if (strcmp(mc_tree_str(a, mc_tree_outcome_name(a, oa)),
               mc_tree_str(b, mc_tree_outcome_name(b, ob))))
        return 0;
    mc_q bufa[MC_MAX_PLAYERS], bufb[MC_MAX_PLAYERS];
    mc_q_init_vec(bufa, a->nplayers);
    mc_q_init_vec(bufb, b->nplayers);
    const mc_q *x = mc_tree_outcome_payoffs(a, oa, bufa), *y = mc_tree_outcome_payoffs(b, ob, bufb);
    int same = 1;
    for (unsigned p = 0; p < a->nplayers; p++)
        same = same && mc_q_eq(&x[p], &y[p]);
    mc_q_clear_vec(bufa, a->nplayers);
    mc_q_clear_vec(bufb, b->nplayers);
    return same;
}

/* Compares everything a file can express; on a difference writes why. */
static inline int trees_equal(const mc_tree *a, const mc_tree *b, char *why, size_t cap)
{
#define DIFF(...) (snprintf(why, cap, __VA_ARGS__), 0)
    if (a->nplayers != b->nplayers)
        return DIFF("players %u vs %u", a->nplayers, b->nplayers);
    if (strcmp(str_or_empty(a->title), str_or_empty(b->title)))
        return DIFF("title");
    if (strcmp(str_or_empty(a->comment), str_or_empty(b->comment)))
        return DIFF("comment");
    for (unsigned p = 0; p < a->nplayers; p++)
        if (strcmp(mc_tree_str(a, a->player_name[p]), mc_tree_str(b, b->player_name[p])))
            return DIFF("player %u name", p + 1);
    if (a->nnodes != b->nnodes)
        return DIFF("nodes %u vs %u", a->nnodes, b->nnodes);
    uint32_t ni = a->ninfosets > b->ninfosets ? a->ninfosets : b->ninfosets;
    uint32_t nc = a->nchances > b->nchances ? a->nchances : b->nchances;
    uint32_t *imap = malloc((ni + 1) * sizeof *imap), *iback = malloc((ni + 1) * sizeof *iback);
    uint32_t *cmap = malloc((nc + 1) * sizeof *cmap), *cback = malloc((nc + 1) * sizeof *cback);
    memset(imap, 0xff, (ni + 1) * sizeof *imap);
    memset(iback, 0xff, (ni + 1) * sizeof *iback);
    memset(cmap, 0xff, (nc + 1) * sizeof *cmap);
    memset(cback, 0xff, (nc + 1) * sizeof *cback);
    int ok = 1;
    for (uint32_t v = 0; ok && v < a->nnodes; v++) {
        const char *na = a->name ? mc_tree_str(a, a->name[v]) : "";
        const char *nb = b->name ? mc_tree_str(b, b->name[v]) : "";
        if (a->kind[v] != b->kind[v])
            ok = DIFF("node %u kind %u vs %u", v, a->kind[v], b->kind[v]);
        else if (strcmp(na, nb))
            ok = DIFF("node %u name \"%s\" vs \"%s\"", v, na, nb);
        else if (!same_outcome(a, a->outcome[v], b, b->outcome[v]))
            ok = DIFF("node %u outcome", v);
        else if (a->kind[v] == MC_TNODE_DECISION) {
            const mc_tree_infoset *x = &a->infosets[a->ref[v]], *y = &b->infosets[b->ref[v]];
            if (x->player != y->player || x->nactions != y->nactions)
                ok = DIFF("node %u player or actions", v);
            else if (strcmp(mc_tree_str(a, mc_tree_infoset_name(a, a->ref[v])),
                            mc_tree_str(b, mc_tree_infoset_name(b, b->ref[v]))) ||
                     !same_labels(a, x->labels, b, y->labels, x->nactions))
                ok = DIFF("node %u infoset names", v);
            else if (!same_partition(imap, iback, a->ref[v], b->ref[v]))
                ok = DIFF("node %u information set partition", v);
        } else if (a->kind[v] == MC_TNODE_SIMULTANEOUS) {
            const mc_tree_simul *x = &a->simuls[a->ref[v]], *y = &b->simuls[b->ref[v]];
            if (x->nmovers != y->nmovers)
                ok = DIFF("node %u movers", v);
            for (uint32_t m = 0; ok && m < x->nmovers; m++) {
                uint32_t ia = a->simul_infosets[x->movers + m];
                uint32_t ib = b->simul_infosets[y->movers + m];
                const mc_tree_infoset *p = &a->infosets[ia], *q = &b->infosets[ib];
                if (p->player != q->player || p->nactions != q->nactions ||
                    strcmp(mc_tree_str(a, mc_tree_infoset_name(a, ia)),
                           mc_tree_str(b, mc_tree_infoset_name(b, ib))) ||
                    !same_labels(a, p->labels, b, q->labels, p->nactions))
                    ok = DIFF("node %u mover %u", v, m);
                else if (!same_partition(imap, iback, ia, ib))
                    ok = DIFF("node %u mover %u partition", v, m);
            }
        } else if (a->kind[v] == MC_TNODE_CHANCE) {
            const mc_tree_chance *x = &a->chances[a->ref[v]], *y = &b->chances[b->ref[v]];
            if (x->nchance != y->nchance || strcmp(mc_tree_str(a, x->name), mc_tree_str(b, y->name)) ||
                !same_labels(a, x->labels, b, y->labels, x->nchance))
                ok = DIFF("node %u chance description", v);
            for (uint32_t i = 0; ok && i < x->nchance; i++)
                if (!mc_q_eq(&a->probs[x->probs + i], &b->probs[y->probs + i]))
                    ok = DIFF("node %u probability %u", v, i);
            if (ok && !same_partition(cmap, cback, a->ref[v], b->ref[v]))
                ok = DIFF("node %u chance partition", v);
        }
    }
    free(imap);
    free(iback);
    free(cmap);
    free(cback);
    return ok;
#undef DIFF
}

/* parse -> write -> parse gives the same tree, and the second write is the
 * same text */
static inline void check_efg_round_trip(const mc_tree *t, const char *what)
{
    size_t len1 = 0, len2 = 0;
    char *text1 = efg_to_string(t, &len1);
    ck_assert_ptr_nonnull(text1);
    mc_tree u;
    mc_error err;
    ck_assert_msg(mc_efg_parse(text1, len1, "written", &u, &err) == MC_OK, "%s: %s\n%s", what,
                  err.msg, text1);
    char why[200];
    ck_assert_msg(trees_equal(t, &u, why, sizeof why), "%s: %s", what, why);
    char *text2 = efg_to_string(&u, &len2);
    ck_assert_ptr_nonnull(text2);
    ck_assert_msg(len1 == len2 && memcmp(text1, text2, len1) == 0, "%s: second write differs",
                  what);
    free(text1);
    free(text2);
    mc_tree_free(&u);
}

#endif

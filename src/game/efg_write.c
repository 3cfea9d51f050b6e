/* Writer of Gambit's extensive-form format ("EFG 2 R") for a finished mc_tree.
 *
 * The layout follows Gambit's own writer: a header, the comment, a blank
 * line, then one node per line in preorder; an information set, chance event
 * or outcome is described (names, actions, probabilities, payoffs) at its
 * first occurrence only.  Numbers are exact ("3/4").
 *
 * File numbers: a record keeps the number it was read with when that number
 * is non-zero and unique among its kind (per player for information sets);
 * the others get fresh numbers after the largest kept one, in order of first
 * appearance.  A node without an outcome is written with outcome 0.
 *
 * A simultaneous node (movers m0, m1, ...; children row-major, m0 slowest)
 * becomes a node of m0 whose every child is a node of m1, and so on -- Gambit's
 * encoding of simultaneous moves.  All nodes written for mover j lie in the
 * one Gambit information set of mover j's mc_tree information set.  When that
 * set belongs to this stage alone (the usual case) this is a fresh set holding
 * exactly the stage's nodes of mover j, numbered after the player's other
 * sets, which is what mc_tree_merge_simultaneous recognises; a set the tree
 * shares between stages stays shared, so the player still cannot tell the
 * stages apart.  Only the first node of a stage carries its name and outcome. */
#include <stdlib.h>
#include <string.h>

#include "game/gambit_write.h"
#include "mechcheck/gambit.h"

typedef struct numbered {
    uint32_t space, number, index;
} numbered;

typedef struct efg_writer {
    const mc_tree *t;
    FILE *f;
    uint32_t *inum, *cnum, *onum;   /* file numbers; 0 = not assigned yet */
    uint8_t *iseen, *cseen, *oseen; /* described already */
    uint64_t *inext;                /* per player: last number handed out */
    uint64_t cnext, onext;
    mc_q *payoff_buf;               /* nplayers, for compact payoffs */
} efg_writer;

static int cmp_numbered(const void *a, const void *b)
{
    const numbered *x = a, *y = b;
    if (x->space != y->space)
        return x->space < y->space ? -1 : 1;
    if (x->number != y->number)
        return x->number < y->number ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Keeps the numbers in a[0..n) that are unique within their space: nums[index]
 * = number for those.  last[space] = the largest kept number (fresh numbers
 * continue after it); a space whose numbers would run past UINT32_MAX keeps
 * none. */
static void keep_unique(numbered *a, size_t n, uint32_t *nums, uint64_t *last, unsigned nspaces,
                        uint32_t nrecords)
{
    qsort(a, n, sizeof *a, cmp_numbered);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && a[j].space == a[i].space && a[j].number == a[i].number)
            j++;
        if (j == i + 1) {
            nums[a[i].index] = a[i].number;
            if (a[i].number > last[a[i].space])
                last[a[i].space] = a[i].number;
        }
        i = j;
    }
    for (unsigned s = 0; s < nspaces; s++) {
        if (last[s] + nrecords <= UINT32_MAX)
            continue;
        for (size_t i = 0; i < n; i++)
            if (a[i].space == s)
                nums[a[i].index] = 0;
        last[s] = 0;
    }
}

static mc_status writer_init(efg_writer *w, const mc_tree *t, FILE *f, mc_error *err)
{
    memset(w, 0, sizeof *w);
    w->t = t;
    w->f = f;
    size_t ni = t->ninfosets, nc = t->nchances, no = t->noutcomes;
    size_t nmax = ni > nc ? ni : nc;
    nmax = nmax > no ? nmax : no;
    w->inum = calloc(ni + 1, sizeof *w->inum);
    w->cnum = calloc(nc + 1, sizeof *w->cnum);
    w->onum = calloc(no + 1, sizeof *w->onum);
    w->iseen = calloc(ni + 1, 1);
    w->cseen = calloc(nc + 1, 1);
    w->oseen = calloc(no + 1, 1);
    w->inext = calloc(t->nplayers + 1, sizeof *w->inext);
    w->payoff_buf = malloc((t->nplayers + 1) * sizeof *w->payoff_buf);
    if (w->payoff_buf)
        mc_q_init_vec(w->payoff_buf, t->nplayers + 1);
    numbered *a = malloc((nmax + 1) * sizeof *a);
    if (!w->inum || !w->cnum || !w->onum || !w->iseen || !w->cseen || !w->oseen ||
        !w->inext || !w->payoff_buf || !a) {
        free(a);
        return mc_error_set(err, MC_ENOMEM, "efg write: out of memory");
    }
    size_t n = 0;
    for (uint32_t i = 0; i < t->ninfosets; i++)
        if (mc_tree_infoset_number(t, i))
            a[n++] = (numbered){t->infosets[i].player, mc_tree_infoset_number(t, i), i};
    keep_unique(a, n, w->inum, w->inext, t->nplayers, t->ninfosets);
    n = 0;
    for (uint32_t i = 0; i < t->nchances; i++)
        if (t->chances[i].number)
            a[n++] = (numbered){0, t->chances[i].number, i};
    keep_unique(a, n, w->cnum, &w->cnext, 1, t->nchances);
    n = 0;
    for (uint32_t i = 0; i < t->noutcomes; i++) {
        a[n++] = (numbered){0, mc_tree_outcome_number(t, i), i};
    }
    keep_unique(a, n, w->onum, &w->onext, 1, t->noutcomes);
    free(a);
    return MC_OK;
}

static void writer_free(efg_writer *w)
{
    free(w->inum);
    free(w->cnum);
    free(w->onum);
    free(w->iseen);
    free(w->cseen);
    free(w->oseen);
    free(w->inext);
    if (w->payoff_buf)
        mc_q_clear_vec(w->payoff_buf, w->t->nplayers + 1);
    free(w->payoff_buf);
}

static void put_u64(FILE *f, uint64_t v)
{
    char buf[24], *p = buf + sizeof buf;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    fwrite(p, 1, (size_t)(buf + sizeof buf - p), f);
}

static void put_str(efg_writer *w, uint32_t id)
{
    gb_put_string(w->f, id ? mc_tree_str(w->t, id) : "");
}

static void put_labels(efg_writer *w, uint32_t at, uint32_t n, const mc_q *probs)
{
    fputs("{ ", w->f);
    for (uint32_t i = 0; i < n; i++) {
        put_str(w, w->t->label_ids[at + i]);
        putc_unlocked(' ', w->f);
        if (probs) {
            gb_put_q(w->f, &probs[i]);
            putc_unlocked(' ', w->f);
        }
    }
    putc_unlocked('}', w->f);
}

static void put_outcome(efg_writer *w, uint32_t o)
{
    FILE *f = w->f;
    if (o == MC_TREE_NONE) {
        fputs(" 0\n", f);
        return;
    }
    if (!w->onum[o])
        w->onum[o] = (uint32_t)++w->onext;
    putc_unlocked(' ', f);
    put_u64(f, w->onum[o]);
    if (!w->oseen[o]) {
        w->oseen[o] = 1;
        putc_unlocked(' ', f);
        put_str(w, mc_tree_outcome_name(w->t, o));
        fputs(" { ", f);
        const mc_q *pay = mc_tree_outcome_payoffs(w->t, o, w->payoff_buf);
        for (unsigned p = 0; p < w->t->nplayers; p++) {
            if (p)
                fputs(", ", f);
            gb_put_q(f, &pay[p]);
        }
        fputs(" }", f);
    }
    putc_unlocked('\n', f);
}

/* "p "name" PLAYER NUMBER ["iname" { actions }]" without the outcome. */
static void put_decision(efg_writer *w, uint32_t name, uint32_t infoset)
{
    const mc_tree_infoset *is = &w->t->infosets[infoset];
    fputs("p ", w->f);
    put_str(w, name);
    putc_unlocked(' ', w->f);
    put_u64(w->f, (uint64_t)is->player + 1);
    putc_unlocked(' ', w->f);
    if (!w->inum[infoset])
        w->inum[infoset] = (uint32_t)++w->inext[is->player];
    put_u64(w->f, w->inum[infoset]);
    if (!w->iseen[infoset]) {
        w->iseen[infoset] = 1;
        putc_unlocked(' ', w->f);
        put_str(w, mc_tree_infoset_name(w->t, infoset));
        putc_unlocked(' ', w->f);
        put_labels(w, is->labels, is->nactions, NULL);
    }
}

static void put_chance(efg_writer *w, uint32_t name, uint32_t chance)
{
    const mc_tree_chance *c = &w->t->chances[chance];
    fputs("c ", w->f);
    put_str(w, name);
    putc_unlocked(' ', w->f);
    if (!w->cnum[chance])
        w->cnum[chance] = (uint32_t)++w->cnext;
    put_u64(w->f, w->cnum[chance]);
    if (!w->cseen[chance]) {
        w->cseen[chance] = 1;
        putc_unlocked(' ', w->f);
        put_str(w, c->name);
        putc_unlocked(' ', w->f);
        put_labels(w, c->labels, c->nchance, &w->t->probs[c->probs]);
    }
}

static uint32_t simul_infoset(const mc_tree *t, uint32_t v, uint32_t j)
{
    return t->simul_infosets[t->simuls[t->ref[v]].movers + j];
}

static uint64_t node_children(const mc_tree *t, uint32_t v)
{
    switch (t->kind[v]) {
    case MC_TNODE_DECISION:
        return t->infosets[t->ref[v]].nactions;
    case MC_TNODE_CHANCE:
        return t->chances[t->ref[v]].nchance;
    case MC_TNODE_SIMULTANEOUS: {
        uint64_t k = 1;
        for (uint32_t j = 0; j < t->simuls[t->ref[v]].nmovers; j++)
            k *= t->infosets[simul_infoset(t, v, j)].nactions;
        return k;
    }
    default:
        return 0;
    }
}

/* Before child c of simultaneous node v: the nodes of movers 1.. whose
 * subtree starts with this child. */
static void put_inner_movers(efg_writer *w, uint32_t v, uint64_t c)
{
    const mc_tree *t = w->t;
    uint32_t k = t->simuls[t->ref[v]].nmovers;
    uint64_t stride[MC_MAX_MOVERS + 1];
    stride[k] = 1;
    for (uint32_t j = k; j-- > 1;)
        stride[j] = stride[j + 1] * t->infosets[simul_infoset(t, v, j)].nactions;
    for (uint32_t j = 1; j < k; j++) {
        if (c % stride[j] != 0)
            continue;
        put_decision(w, 0, simul_infoset(t, v, j));
        put_outcome(w, MC_TREE_NONE);
    }
}

static void put_node(efg_writer *w, uint32_t v)
{
    const mc_tree *t = w->t;
    uint32_t name = t->name ? t->name[v] : 0;
    switch (t->kind[v]) {
    case MC_TNODE_DECISION:
        put_decision(w, name, t->ref[v]);
        break;
    case MC_TNODE_CHANCE:
        put_chance(w, name, t->ref[v]);
        break;
    case MC_TNODE_SIMULTANEOUS:
        put_decision(w, name, simul_infoset(t, v, 0));
        break;
    default:
        fputs("t ", w->f);
        put_str(w, name);
        break;
    }
    put_outcome(w, t->outcome[v]);
}

typedef struct walk_frame {
    uint32_t node;
    uint64_t next, nchildren;
} walk_frame;

static mc_status write_nodes(efg_writer *w, mc_error *err)
{
    const mc_tree *t = w->t;
    walk_frame *stack = NULL;
    size_t depth = 0, cap = 0;
    for (uint32_t v = 0; v < t->nnodes; v++) {
        if (depth > 0) {
            walk_frame *top = &stack[depth - 1];
            uint64_t c = top->next++;
            if (t->kind[top->node] == MC_TNODE_SIMULTANEOUS)
                put_inner_movers(w, top->node, c);
        }
        put_node(w, v);
        uint64_t k = node_children(t, v);
        if (k > 0) {
            if (depth == cap) {
                size_t ncap = cap ? cap * 2 : 64;
                walk_frame *s = realloc(stack, ncap * sizeof *s);
                if (!s) {
                    free(stack);
                    return mc_error_set(err, MC_ENOMEM, "efg write: out of memory");
                }
                stack = s;
                cap = ncap;
            }
            stack[depth++] = (walk_frame){v, 0, k};
        }
        while (depth > 0 && stack[depth - 1].next == stack[depth - 1].nchildren)
            depth--;
    }
    free(stack);
    return MC_OK;
}

mc_status mc_efg_write(const mc_tree *t, FILE *f, mc_error *err)
{
    if (!t->finished || t->nnodes == 0)
        return mc_error_set(err, MC_EINPUT, "efg write: the tree is not finished");
    for (uint32_t i = 0; i < t->nsimuls; i++)
        if (t->simuls[i].nmovers < 1 || t->simuls[i].nmovers > MC_MAX_MOVERS)
            return mc_error_set(err, MC_EINPUT, "efg write: simultaneous record %u has %u movers",
                                i, t->simuls[i].nmovers);
    efg_writer w;
    mc_status st = writer_init(&w, t, f, err);
    flockfile(f); /* once, so the writers may use putc_unlocked */
    if (st == MC_OK) {
        fputs("EFG 2 R ", f);
        gb_put_string(f, t->title ? t->title : "");
        fputs(" {", f);
        for (unsigned p = 0; p < t->nplayers; p++) {
            putc_unlocked(' ', f);
            put_str(&w, t->player_name ? t->player_name[p] : 0);
        }
        fputs(" }\n", f);
        gb_put_string(f, t->comment ? t->comment : "");
        fputs("\n\n", f);
        st = write_nodes(&w, err);
    }
    funlockfile(f);
    writer_free(&w);
    if (st == MC_OK && ferror(f))
        st = mc_error_set(err, MC_EIO, "efg write: output error");
    return st;
}

static mc_status write_cb(FILE *f, const void *arg, mc_error *err)
{
    return mc_efg_write(arg, f, err);
}

mc_status mc_efg_write_file(const mc_tree *t, const char *path, mc_error *err)
{
    return mc_write_file_atomic(path, write_cb, t, err);
}

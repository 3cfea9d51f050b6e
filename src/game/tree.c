/* The explicit tree: building in preorder, validation, navigation. */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/tree.h"

/* ---- growable arrays ------------------------------------------------------ */

static bool grow(void **arr, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    uint64_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    if (c > UINT32_MAX)
        c = UINT32_MAX;
    if (c < need)
        return false;
    void *p = realloc(*arr, (size_t)c * elem);
    if (!p)
        return false;
    *arr = p;
    *cap = (uint32_t)c;
    return true;
}

#define GROW(t, field, cap, need) grow((void **)&(t)->field, &(t)->cap, (need), sizeof *(t)->field)

static uint32_t oom(mc_error *err, const char *what)
{
    mc_error_set(err, MC_ENOMEM, "tree: out of memory (or over 2^32 entries) adding %s", what);
    return MC_TREE_NONE;
}

/* Identical label lists (the usual case: every node of a large game has the
 * same actions) are stored once: open addressing over their offsets. */
typedef struct label_table {
    uint32_t *slot; /* offset + 1, 0 = empty */
    uint32_t *len;  /* list length per slot */
    uint32_t cap, count;
} label_table;

/* ---- string interning: open addressing over ids into the arena ------------ */

typedef struct {
    uint32_t *slot; /* id + 1, 0 = empty */
    uint32_t cap;   /* power of two */
    uint32_t count;
    uint32_t *offset; /* id -> arena offset */
    uint32_t noffsets, offset_cap;
} interner;

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static bool interner_rehash(mc_tree *t, interner *in, uint32_t cap)
{
    uint32_t *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return false;
    for (uint32_t id = 0; id < in->noffsets; id++) {
        const char *s = t->strings + in->offset[id];
        uint64_t h = hash_bytes(s, strlen(s));
        uint32_t i = (uint32_t)h & (cap - 1);
        while (slot[i])
            i = (i + 1) & (cap - 1);
        slot[i] = id + 1;
    }
    free(in->slot);
    in->slot = slot;
    in->cap = cap;
    return true;
}

uint32_t mc_tree_string(mc_tree *t, const char *s, size_t len, mc_error *err)
{
    interner *in = t->string_index;
    if (len == 0)
        return 0;
    if ((in->count + 1) * 2 > in->cap && !interner_rehash(t, in, in->cap * 2))
        return oom(err, "a string");
    uint64_t h = hash_bytes(s, len);
    uint32_t i = (uint32_t)h & (in->cap - 1);
    while (in->slot[i]) {
        const char *cand = t->strings + in->offset[in->slot[i] - 1];
        if (strncmp(cand, s, len) == 0 && cand[len] == '\0')
            return in->slot[i] - 1;
        i = (i + 1) & (in->cap - 1);
    }
    if (t->strings_len + len + 1 > t->strings_cap) {
        size_t c = t->strings_cap ? t->strings_cap : 256;
        while (c < t->strings_len + len + 1)
            c *= 2;
        char *p = realloc(t->strings, c);
        if (!p)
            return oom(err, "a string");
        t->strings = p;
        t->strings_cap = c;
    }
    if (t->strings_len + len + 1 > UINT32_MAX || !GROW(in, offset, offset_cap, in->noffsets + 1))
        return oom(err, "a string");
    uint32_t id = in->noffsets++;
    in->offset[id] = (uint32_t)t->strings_len;
    memcpy(t->strings + t->strings_len, s, len);
    t->strings[t->strings_len + len] = '\0';
    t->strings_len += len + 1;
    in->slot[i] = id + 1;
    in->count++;
    return id;
}

const char *mc_tree_str(const mc_tree *t, uint32_t id)
{
    const interner *in = t->string_index;
    if (id >= in->noffsets)
        return "";
    return t->strings + in->offset[id];
}

/* ---- lifetime ------------------------------------------------------------- */

mc_status mc_tree_init(mc_tree *t, unsigned nplayers, mc_error *err)
{
    memset(t, 0, sizeof *t);
    if (nplayers > MC_MAX_PLAYERS)
        return mc_error_set(err, MC_EINPUT, "tree: %u players exceeds the limit of %d", nplayers,
                            MC_MAX_PLAYERS);
    t->nplayers = nplayers;
    interner *in = calloc(1, sizeof *in);
    t->player_name = calloc(nplayers ? nplayers : 1, sizeof *t->player_name);
    t->strings = malloc(256);
    if (!in || !t->player_name || !t->strings) {
        free(in);
        free(t->player_name);
        free(t->strings);
        memset(t, 0, sizeof *t);
        return mc_error_set(err, MC_ENOMEM, "tree: out of memory");
    }
    t->string_index = in;
    t->strings_cap = 256;
    /* id 0 is the empty string */
    t->strings[0] = '\0';
    t->strings_len = 1;
    in->cap = 64;
    in->slot = calloc(in->cap, sizeof *in->slot);
    if (!in->slot || !GROW(in, offset, offset_cap, 1)) {
        mc_tree_free(t);
        return mc_error_set(err, MC_ENOMEM, "tree: out of memory");
    }
    in->offset[0] = 0;
    in->noffsets = 1;
    return MC_OK;
}

void mc_tree_free(mc_tree *t)
{
    if (!t)
        return;
    interner *in = t->string_index;
    if (in) {
        free(in->slot);
        free(in->offset);
        free(in);
    }
    if (t->payoffs)
        mc_q_clear_vec(t->payoffs, (size_t)t->noutcomes * t->nplayers);
    mc_q_clear_vec(t->probs, t->nprobs);
    free(t->title);
    free(t->comment);
    free(t->player_name);
    free(t->player_name_view);
    free(t->kind);
    free(t->ref);
    free(t->outcome);
    free(t->name);
    free(t->subtree);
    free(t->infosets);
    free(t->chances);
    free(t->simuls);
    free(t->simul_infosets);
    free(t->infoset_name);
    free(t->infoset_number);
    free(t->payoffs_i32);
    free(t->payoffs);
    free(t->outcome_name);
    free(t->outcome_number);
    if (t->label_index) {
        label_table *lt = t->label_index;
        free(lt->slot);
        free(lt->len);
        free(lt);
    }
    free(t->probs);
    free(t->label_ids);
    free(t->strings);
    memset(t, 0, sizeof *t);
}

/* ---- building ------------------------------------------------------------- */

static uint64_t hash_ids(const uint32_t *ids, uint32_t n)
{
    uint64_t h = 1469598103934665603ULL ^ n;
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ (ids ? ids[i] : 0)) * 1099511628211ULL;
    return h;
}

static bool same_ids(const mc_tree *t, uint32_t at, const uint32_t *ids, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (t->label_ids[at + i] != (ids ? ids[i] : 0))
            return false;
    return true;
}

static bool label_rehash(mc_tree *t, label_table *lt, uint32_t cap)
{
    uint32_t *slot = calloc(cap, sizeof *slot), *len = calloc(cap, sizeof *len);
    if (!slot || !len) {
        free(slot);
        free(len);
        return false;
    }
    for (uint32_t i = 0; i < lt->cap; i++) {
        if (!lt->slot[i])
            continue;
        uint32_t at = lt->slot[i] - 1, n = lt->len[i];
        uint32_t j = (uint32_t)hash_ids(t->label_ids + at, n) & (cap - 1);
        while (slot[j])
            j = (j + 1) & (cap - 1);
        slot[j] = at + 1;
        len[j] = n;
    }
    free(lt->slot);
    free(lt->len);
    lt->slot = slot;
    lt->len = len;
    lt->cap = cap;
    return true;
}

static uint32_t add_labels(mc_tree *t, uint32_t n, const uint32_t *ids, mc_error *err)
{
    label_table *lt = t->label_index;
    if (!lt) {
        lt = t->label_index = calloc(1, sizeof *lt);
        if (!lt || !label_rehash(t, lt, 64))
            return oom(err, "labels");
    }
    if ((lt->count + 1) * 2 > lt->cap && !label_rehash(t, lt, lt->cap * 2))
        return oom(err, "labels");
    uint32_t j = (uint32_t)hash_ids(ids, n) & (lt->cap - 1);
    for (; lt->slot[j]; j = (j + 1) & (lt->cap - 1))
        if (lt->len[j] == n && same_ids(t, lt->slot[j] - 1, ids, n))
            return lt->slot[j] - 1;
    if (!GROW(t, label_ids, label_id_cap, t->nlabel_ids + n))
        return oom(err, "labels");
    uint32_t at = t->nlabel_ids;
    for (uint32_t i = 0; i < n; i++)
        t->label_ids[at + i] = ids ? ids[i] : 0;
    t->nlabel_ids += n;
    lt->slot[j] = at + 1;
    lt->len[j] = n;
    lt->count++;
    return at;
}

/* Stores value at index i of a side array that exists only once some entry
 * differs from its default (dflt(k) for the entries before). */
static bool side_set(uint32_t **arr, uint32_t cap, uint32_t i, uint32_t value, uint32_t dflt_base,
                     bool dflt_is_index)
{
    uint32_t dflt = dflt_is_index ? i + dflt_base : dflt_base;
    if (!*arr) {
        if (value == dflt)
            return true;
        *arr = malloc((size_t)cap * sizeof **arr);
        if (!*arr)
            return false;
        for (uint32_t k = 0; k < i; k++)
            (*arr)[k] = dflt_is_index ? k + dflt_base : dflt_base;
    }
    (*arr)[i] = value;
    return true;
}

/* Grows a side array along with its table (when it exists). */
static bool side_grow(uint32_t **arr, uint32_t cap)
{
    if (!*arr)
        return true;
    uint32_t *p = realloc(*arr, (size_t)cap * sizeof *p);
    if (!p)
        return false;
    *arr = p;
    return true;
}

uint32_t mc_tree_add_infoset(mc_tree *t, uint32_t player, uint32_t nactions,
                             const uint32_t *label_ids, uint32_t name, uint32_t number,
                             mc_error *err)
{
    if (player >= t->nplayers) {
        mc_error_set(err, MC_EINPUT, "tree: information set of player %u, but the game has %u",
                     player + 1, t->nplayers);
        return MC_TREE_NONE;
    }
    if (nactions == 0) {
        mc_error_set(err, MC_EINPUT, "tree: information set with no actions");
        return MC_TREE_NONE;
    }
    if (!GROW(t, infosets, infoset_cap, t->ninfosets + 1) ||
        !side_grow(&t->infoset_name, t->infoset_cap) ||
        !side_grow(&t->infoset_number, t->infoset_cap))
        return oom(err, "an information set");
    uint32_t labels = add_labels(t, nactions, label_ids, err);
    if (labels == MC_TREE_NONE)
        return MC_TREE_NONE;
    uint32_t i = t->ninfosets;
    if (!side_set(&t->infoset_name, t->infoset_cap, i, name, 0, false) ||
        !side_set(&t->infoset_number, t->infoset_cap, i, number, 0, false))
        return oom(err, "an information set");
    t->infosets[i] = (mc_tree_infoset){player, nactions, labels, 0};
    return t->ninfosets++;
}

uint32_t mc_tree_add_chance(mc_tree *t, uint32_t nchance, const mc_q *probs,
                            const uint32_t *label_ids, uint32_t name, uint32_t number,
                            mc_error *err)
{
    if (nchance == 0) {
        mc_error_set(err, MC_EINPUT, "tree: chance node with no outcomes");
        return MC_TREE_NONE;
    }
    if (!GROW(t, chances, chance_cap, t->nchances + 1) ||
        !GROW(t, probs, prob_cap, t->nprobs + nchance))
        return oom(err, "a chance node");
    uint32_t labels = add_labels(t, nchance, label_ids, err);
    if (labels == MC_TREE_NONE)
        return MC_TREE_NONE;
    uint32_t at = t->nprobs;
    for (uint32_t i = 0; i < nchance; i++) {
        t->probs[at + i] = MC_Q_ZERO;
        mc_q_set(&t->probs[at + i], &probs[i]);
    }
    t->nprobs += nchance;
    t->chances[t->nchances] = (mc_tree_chance){nchance, at, labels, name, number};
    return t->nchances++;
}

uint32_t mc_tree_add_simul(mc_tree *t, uint32_t nmovers, const uint32_t *infosets, mc_error *err)
{
    if (nmovers < 2 || nmovers > MC_MAX_MOVERS) {
        mc_error_set(err, MC_EINPUT, "tree: a simultaneous node needs 2..%d movers, got %u",
                     MC_MAX_MOVERS, nmovers);
        return MC_TREE_NONE;
    }
    for (uint32_t m = 0; m < nmovers; m++)
        if (infosets[m] >= t->ninfosets) {
            mc_error_set(err, MC_EINPUT, "tree: simultaneous node names unknown information set %u",
                         infosets[m]);
            return MC_TREE_NONE;
        }
    if (!GROW(t, simuls, simul_cap, t->nsimuls + 1) ||
        !GROW(t, simul_infosets, simul_infoset_cap, t->nsimul_infosets + nmovers))
        return oom(err, "a simultaneous node");
    uint32_t at = t->nsimul_infosets;
    memcpy(t->simul_infosets + at, infosets, nmovers * sizeof *infosets);
    t->nsimul_infosets += nmovers;
    t->simuls[t->nsimuls] = (mc_tree_simul){nmovers, at};
    return t->nsimuls++;
}

static bool fits_i32(const mc_q *q)
{
    return mc_q_is_int(q) && !mc_q_is_big(q) && q->num >= INT32_MIN && q->num <= INT32_MAX;
}

/* Leaves the compact store for exact rationals (a payoff does not fit). */
static bool widen_payoffs(mc_tree *t)
{
    size_t n = (size_t)t->outcome_cap * t->nplayers;
    mc_q *q = malloc((n ? n : 1) * sizeof *q);
    if (!q)
        return false;
    size_t used = (size_t)t->noutcomes * t->nplayers;
    for (size_t i = 0; i < n; i++)
        q[i] = MC_Q_INT(i < used ? t->payoffs_i32[i] : 0);
    free(t->payoffs_i32);
    t->payoffs_i32 = NULL;
    t->payoffs = q;
    return true;
}

static bool grow_outcomes(mc_tree *t)
{
    uint32_t old = t->outcome_cap;
    uint64_t cap = old ? 2 * (uint64_t)old : 64;
    if (cap > UINT32_MAX / (t->nplayers ? t->nplayers : 1))
        return false;
    size_t n = (size_t)cap * t->nplayers;
    if (t->payoffs) {
        mc_q *q = realloc(t->payoffs, (n ? n : 1) * sizeof *q);
        if (!q)
            return false;
        mc_q_init_vec(q + (size_t)old * t->nplayers, n - (size_t)old * t->nplayers);
        t->payoffs = q;
    } else {
        int32_t *p = realloc(t->payoffs_i32, (n ? n : 1) * sizeof *p);
        if (!p)
            return false;
        t->payoffs_i32 = p;
    }
    t->outcome_cap = (uint32_t)cap;
    return side_grow(&t->outcome_name, t->outcome_cap) &&
           side_grow(&t->outcome_number, t->outcome_cap);
}

uint32_t mc_tree_add_outcome(mc_tree *t, const mc_q *payoffs, uint32_t name, uint32_t number,
                             mc_error *err)
{
    if (t->noutcomes >= t->outcome_cap && !grow_outcomes(t))
        return oom(err, "an outcome");
    uint32_t o = t->noutcomes;
    unsigned np = t->nplayers;
    if (!t->payoffs)
        for (unsigned p = 0; payoffs && p < np; p++)
            if (!fits_i32(&payoffs[p])) {
                if (!widen_payoffs(t))
                    return oom(err, "an outcome");
                break;
            }
    for (unsigned p = 0; p < np; p++) {
        if (t->payoffs)
            mc_q_set(&t->payoffs[(size_t)o * np + p], payoffs ? &payoffs[p] : &MC_Q_ZERO);
        else
            t->payoffs_i32[(size_t)o * np + p] = payoffs ? (int32_t)payoffs[p].num : 0;
    }
    if (!side_set(&t->outcome_name, t->outcome_cap, o, name, 0, false) ||
        !side_set(&t->outcome_number, t->outcome_cap, o, number ? number : o + 1, 1, true))
        return oom(err, "an outcome");
    return t->noutcomes++;
}

const mc_q *mc_tree_outcome_payoffs(const mc_tree *t, uint32_t o, mc_q *buf)
{
    if (t->payoffs)
        return &t->payoffs[(size_t)o * t->nplayers];
    for (unsigned p = 0; p < t->nplayers; p++)
        mc_q_set_i64(&buf[p], t->payoffs_i32[(size_t)o * t->nplayers + p]);
    return buf;
}

uint32_t mc_tree_outcome_name(const mc_tree *t, uint32_t o)
{
    return t->outcome_name ? t->outcome_name[o] : 0;
}

uint32_t mc_tree_outcome_number(const mc_tree *t, uint32_t o)
{
    return t->outcome_number ? t->outcome_number[o] : o + 1;
}

uint32_t mc_tree_infoset_name(const mc_tree *t, uint32_t i)
{
    return t->infoset_name ? t->infoset_name[i] : 0;
}

uint32_t mc_tree_infoset_number(const mc_tree *t, uint32_t i)
{
    return t->infoset_number ? t->infoset_number[i] : 0;
}

static bool grow_nodes(mc_tree *t)
{
    uint64_t cap = t->node_cap ? (uint64_t)t->node_cap * 2 : 1024;
    if (cap > UINT32_MAX - 1)
        cap = UINT32_MAX - 1;
    void *k = realloc(t->kind, cap * sizeof *t->kind);
    if (k)
        t->kind = k;
    void *r = realloc(t->ref, cap * sizeof *t->ref);
    if (r)
        t->ref = r;
    void *o = realloc(t->outcome, cap * sizeof *t->outcome);
    if (o)
        t->outcome = o;
    void *n = t->name ? realloc(t->name, cap * sizeof *t->name) : NULL;
    if (n)
        t->name = n;
    if (!k || !r || !o || (t->name && !n))
        return false;
    t->node_cap = (uint32_t)cap;
    return true;
}

uint32_t mc_tree_add_node(mc_tree *t, uint8_t kind, uint32_t ref, uint32_t outcome,
                          uint32_t name, mc_error *err)
{
    if (t->nnodes >= t->node_cap && (t->nnodes >= UINT32_MAX - 2 || !grow_nodes(t)))
        return oom(err, "a node");
    if (name && !t->name) { /* names are stored only once some node has one */
        t->name = calloc(t->node_cap, sizeof *t->name);
        if (!t->name)
            return oom(err, "a node name");
    }
    uint32_t v = t->nnodes++;
    t->kind[v] = kind;
    t->ref[v] = ref;
    t->outcome[v] = outcome;
    if (t->name)
        t->name[v] = name;
    t->finished = false;
    return v;
}

/* ---- validation ----------------------------------------------------------- */

uint32_t mc_tree_nchildren(const mc_tree *t, uint32_t v)
{
    switch (t->kind[v]) {
    case MC_TNODE_DECISION:
        return t->infosets[t->ref[v]].nactions;
    case MC_TNODE_CHANCE:
        return t->chances[t->ref[v]].nchance;
    case MC_TNODE_SIMULTANEOUS: {
        const mc_tree_simul *s = &t->simuls[t->ref[v]];
        uint64_t k = 1;
        for (uint32_t m = 0; m < s->nmovers; m++)
            k *= t->infosets[t->simul_infosets[s->movers + m]].nactions;
        return k > UINT32_MAX ? UINT32_MAX : (uint32_t)k;
    }
    default:
        return 0;
    }
}

static mc_status check_refs(const mc_tree *t, uint32_t v, mc_error *err)
{
    uint32_t r = t->ref[v];
    switch (t->kind[v]) {
    case MC_TNODE_TERMINAL:
        break;
    case MC_TNODE_DECISION:
        if (r >= t->ninfosets)
            return mc_error_set(err, MC_EINPUT, "tree: node %u names unknown information set %u",
                                v + 1, r);
        break;
    case MC_TNODE_CHANCE:
        if (r >= t->nchances)
            return mc_error_set(err, MC_EINPUT, "tree: node %u names unknown chance record %u",
                                v + 1, r);
        break;
    case MC_TNODE_SIMULTANEOUS:
        if (r >= t->nsimuls)
            return mc_error_set(err, MC_EINPUT, "tree: node %u names unknown simultaneous record %u",
                                v + 1, r);
        break;
    default:
        return mc_error_set(err, MC_EINPUT, "tree: node %u has unknown kind %u", v + 1,
                            t->kind[v]);
    }
    if (t->outcome[v] != MC_TREE_NONE && t->outcome[v] >= t->noutcomes)
        return mc_error_set(err, MC_EINPUT, "tree: node %u names unknown outcome %u", v + 1,
                            t->outcome[v]);
    return MC_OK;
}

static mc_status check_chances(const mc_tree *t, mc_error *err)
{
    mc_q sum = MC_Q_ZERO, one = MC_Q_INT(1);
    mc_status st = MC_OK;
    for (uint32_t c = 0; c < t->nchances && st == MC_OK; c++) {
        const mc_tree_chance *ch = &t->chances[c];
        mc_q_set_i64(&sum, 0);
        for (uint32_t i = 0; i < ch->nchance; i++) {
            const mc_q *p = &t->probs[ch->probs + i];
            if (mc_q_sgn(p) < 0) {
                char buf[64];
                mc_q_snprint(buf, sizeof buf, p);
                st = mc_error_set(err, MC_EINPUT,
                                  "tree: chance node %u has a negative probability %s", c + 1, buf);
                break;
            }
            mc_q_add(&sum, &sum, p);
        }
        if (st == MC_OK && !mc_q_eq(&sum, &one)) {
            char buf[64];
            mc_q_snprint(buf, sizeof buf, &sum);
            st = mc_error_set(err, MC_EINPUT,
                              "tree: probabilities of chance node %u sum to %s, not 1", c + 1, buf);
        }
    }
    mc_q_clear(&sum);
    return st;
}

mc_status mc_tree_finish(mc_tree *t, mc_error *err)
{
    if (t->nnodes == 0)
        return mc_error_set(err, MC_EINPUT, "tree: the game has no nodes");
    mc_status st = check_chances(t, err);
    if (st != MC_OK)
        return st;
    free(t->subtree);
    t->subtree = malloc((size_t)t->nnodes * sizeof *t->subtree);
    /* pending subtree sizes of nodes whose parent is not yet seen */
    uint32_t *stack = malloc((size_t)t->nnodes * sizeof *stack);
    if (!t->subtree || !stack) {
        free(stack);
        return mc_error_set(err, MC_ENOMEM, "tree: out of memory validating %u nodes", t->nnodes);
    }
    for (uint32_t i = 0; i < t->ninfosets; i++)
        t->infosets[i].nnodes = 0;
    uint32_t sp = 0;
    for (uint32_t v = t->nnodes; v-- > 0;) {
        if ((st = check_refs(t, v, err)) != MC_OK)
            break;
        uint32_t k = mc_tree_nchildren(t, v);
        if (k > sp) {
            st = mc_error_set(err, MC_EINPUT,
                              "tree: node %u needs %u children but only %u subtrees follow it",
                              v + 1, k, sp);
            break;
        }
        uint64_t size = 1;
        for (uint32_t c = 0; c < k; c++)
            size += stack[--sp];
        t->subtree[v] = (uint32_t)size;
        stack[sp++] = (uint32_t)size;
        if (t->kind[v] == MC_TNODE_DECISION) {
            t->infosets[t->ref[v]].nnodes++;
        } else if (t->kind[v] == MC_TNODE_SIMULTANEOUS) {
            const mc_tree_simul *s = &t->simuls[t->ref[v]];
            for (uint32_t m = 0; m < s->nmovers; m++)
                t->infosets[t->simul_infosets[s->movers + m]].nnodes++;
        }
    }
    free(stack);
    if (st == MC_OK && sp != 1)
        st = mc_error_set(err, MC_EINPUT,
                          "tree: nodes after the root's subtree (%u extra subtrees)", sp - 1);
    if (st != MC_OK)
        return st;
    t->perfect_information = true;
    for (uint32_t i = 0; i < t->ninfosets; i++)
        if (t->infosets[i].nnodes > 1)
            t->perfect_information = false;
    t->finished = true;
    return MC_OK;
}

/* ---- navigation ----------------------------------------------------------- */

uint32_t mc_tree_child(const mc_tree *t, uint32_t v, uint32_t c)
{
    uint32_t w = v + 1;
    while (c-- > 0)
        w += t->subtree[w];
    return w;
}

uint32_t *mc_tree_parents(const mc_tree *t, mc_error *err)
{
    uint32_t *parent = malloc((size_t)t->nnodes * sizeof *parent);
    if (!parent) {
        mc_error_set(err, MC_ENOMEM, "tree: out of memory for %u parent links", t->nnodes);
        return NULL;
    }
    parent[0] = MC_TREE_NONE;
    for (uint32_t v = 0; v < t->nnodes; v++) {
        uint32_t k = mc_tree_nchildren(t, v), w = v + 1;
        for (uint32_t c = 0; c < k; c++) {
            parent[w] = v;
            w += t->subtree[w];
        }
    }
    return parent;
}

size_t mc_tree_bytes(const mc_tree *t)
{
    size_t b = (size_t)t->nnodes * (sizeof *t->kind + sizeof *t->ref + sizeof *t->outcome +
                                    sizeof *t->subtree + (t->name ? sizeof *t->name : 0));
    b += (size_t)t->ninfosets * (sizeof *t->infosets + (t->infoset_name ? 4 : 0) +
                                 (t->infoset_number ? 4 : 0));
    b += (size_t)t->nchances * sizeof *t->chances;
    b += (size_t)t->nsimuls * sizeof *t->simuls + (size_t)t->nsimul_infosets * sizeof(uint32_t);
    b += (size_t)t->noutcomes * ((t->outcome_name ? 4 : 0) + (t->outcome_number ? 4 : 0));
    size_t npay = (size_t)t->noutcomes * t->nplayers;
    b += npay * (t->payoffs ? sizeof(mc_q) : sizeof(int32_t));
    for (size_t i = 0; t->payoffs && i < npay; i++)
        if (mc_q_is_big(&t->payoffs[i]))
            b += 64;
    b += (size_t)t->nprobs * sizeof(mc_q) + (size_t)t->nlabel_ids * sizeof(uint32_t);
    b += t->strings_len;
    return b;
}

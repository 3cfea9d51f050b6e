/* Reader of Gambit's extensive-form format ("EFG 2 R"), straight into an
 * mc_tree.
 *
 *   EFG 2 R "title" { "Player 1" "Player 2" } "optional comment"
 *   c "name" 1 "event" { "H" 1/2 "T" 1/2 } 0
 *   p "name" 1 1 "infoset" { "a" "b" } 1 "outcome" { 1, -1 }
 *   t "name" 2 "outcome" { 0, 2 }
 *
 * Nodes come in preorder.  The description of an information set, chance
 * event or outcome (name, actions / probabilities / payoffs) is required at
 * its first occurrence and optional later, where it must repeat the first
 * exactly.  Outcome 0 is "no outcome".  One pass, no recursion (an explicit
 * stack of open nodes), no allocation per node beyond the tree's own arrays. */
#include <stdlib.h>
#include <string.h>

#include "game/gambit_lex.h"
#include "game/idmap.h"
#include "mechcheck/gambit.h"

typedef struct open_node {
    const char *start;   /* where the node's entry begins, for messages */
    uint32_t remaining;  /* children still to come */
} open_node;

typedef struct efg_reader {
    gb_lexer lx;
    mc_tree *t;
    mc_error *err;       /* the reader's own; copied to the caller's at the end */
    unsigned nplayers;
    mc_idmap infosets;   /* space 0: chance events, space p+1: player p */
    mc_idmap outcomes;   /* space 0 */
    uint32_t *labels;    /* scratch: action label ids */
    size_t labels_cap;
    mc_q *qs;            /* scratch: probabilities or payoffs */
    size_t qs_cap;
    open_node *stack;
    size_t depth, stack_cap;
} efg_reader;

static mc_status oom(efg_reader *r)
{
    return gb_oom(&r->lx);
}

/* Status of a failed tree call (which set r->err). */
static mc_status tree_failed(efg_reader *r)
{
    return r->err->code != MC_OK ? r->err->code : oom(r);
}

/* The capacity, doubled from 16, that holds need entries. */
static size_t grown_cap(size_t cap, size_t need)
{
    cap = cap ? cap * 2 : 16;
    while (cap < need)
        cap *= 2;
    return cap;
}

static mc_status grow_labels(efg_reader *r, size_t need)
{
    if (need <= r->labels_cap)
        return MC_OK;
    size_t cap = grown_cap(r->labels_cap, need);
    uint32_t *l = realloc(r->labels, cap * sizeof *l);
    if (!l)
        return oom(r);
    r->labels = l;
    r->labels_cap = cap;
    return MC_OK;
}

static mc_status grow_qs(efg_reader *r, size_t need)
{
    if (need <= r->qs_cap)
        return MC_OK;
    size_t cap = grown_cap(r->qs_cap, need);
    mc_q *q = realloc(r->qs, cap * sizeof *q);
    if (!q)
        return oom(r);
    mc_q_init_vec(q + r->qs_cap, cap - r->qs_cap);
    r->qs = q;
    r->qs_cap = cap;
    return MC_OK;
}

static mc_status intern(efg_reader *r, const gb_token *tok, uint32_t *id)
{
    if (tok->len == 0) {
        *id = 0;
        return MC_OK;
    }
    *id = mc_tree_string(r->t, tok->text, tok->len, r->err);
    return *id == MC_TREE_NONE ? tree_failed(r) : MC_OK;
}

/* ---- header -------------------------------------------------------------- */

static mc_status parse_header(efg_reader *r)
{
    gb_lexer *lx = &r->lx;
    gb_token tok;
    mc_status st;
    char *title = NULL;
    if ((st = gb_expect_header(lx, "EFG", "2", "a Gambit extensive-form file", &title)))
        return st;
    gb_token lbrace;
    if ((st = gb_expect(lx, &lbrace, GB_LBRACE, "'{' opening the list of players")) != MC_OK) {
        free(title);
        return st;
    }
    /* count the players first: the tree is created with its player count */
    const char *list = lx->p;
    unsigned n = 0;
    for (;;) {
        if ((st = gb_next(lx, &tok)) != MC_OK)
            break;
        if (tok.kind == GB_RBRACE)
            break;
        if (tok.kind != GB_STRING) {
            st = gb_unexpected(lx, &tok, "a player name (a quoted string) or '}'");
            break;
        }
        if (++n > MC_MAX_PLAYERS) {
            st = gb_error(lx, MC_EINPUT, tok.start, "more than %d players", MC_MAX_PLAYERS);
            break;
        }
    }
    if (st == MC_OK && n == 0)
        st = gb_error(lx, MC_EINPUT, lbrace.start, "the game has no players");
    if (st == MC_OK)
        st = mc_tree_init(r->t, n, r->err);
    if (st != MC_OK) {
        free(title);
        return st;
    }
    r->nplayers = n;
    free(r->t->title);
    r->t->title = title;
    lx->p = list;
    for (unsigned p = 0; p < n; p++) {
        if ((st = gb_next(lx, &tok)) != MC_OK || (st = intern(r, &tok, &r->t->player_name[p])))
            return st;
    }
    if ((st = gb_next(lx, &tok)) != MC_OK) /* the '}' */
        return st;
    if (gb_peek(lx) == '"') {
        if ((st = gb_next(lx, &tok)) != MC_OK)
            return st;
        free(r->t->comment);
        if (!(r->t->comment = gb_dup_text(&tok)))
            return oom(r);
    }
    if (!mc_idmap_init(&r->infosets, n + 1) || !mc_idmap_init(&r->outcomes, 1))
        return oom(r);
    return grow_qs(r, n);
}

/* ---- outcomes -------------------------------------------------------------- */

/* Reads "{ p1, p2, ... }" (commas optional) into r->qs[0..nplayers). */
static mc_status parse_payoffs(efg_reader *r, uint64_t number)
{
    gb_lexer *lx = &r->lx;
    gb_token tok;
    mc_status st;
    if ((st = gb_expect(lx, &tok, GB_LBRACE, "'{' opening the outcome's payoffs")) != MC_OK)
        return st;
    unsigned k = 0;
    for (;;) {
        if ((st = gb_next(lx, &tok)) != MC_OK)
            return st;
        if (tok.kind == GB_RBRACE)
            break;
        if (tok.kind != GB_WORD)
            return gb_unexpected(lx, &tok, "a payoff or '}'");
        if (k == r->nplayers)
            return gb_error(lx, MC_EINPUT, tok.start,
                            "outcome %llu has more than %u payoffs (one per player)",
                            (unsigned long long)number, r->nplayers);
        if ((st = gb_number(lx, &tok, &r->qs[k++], "a payoff")) != MC_OK)
            return st;
        if (gb_peek(lx) == ',' && (st = gb_next(lx, &tok)) != MC_OK)
            return st;
    }
    if (k < r->nplayers)
        return gb_error(lx, MC_EINPUT, tok.start,
                        "outcome %llu has %u payoff%s, expected %u (one per player)",
                        (unsigned long long)number, k, k == 1 ? "" : "s", r->nplayers);
    return MC_OK;
}

/* "NUMBER" or "NUMBER \"name\" { payoffs }"; outcome 0 is MC_TREE_NONE (a
 * terminal without an outcome pays 0). */
static mc_status parse_outcome(efg_reader *r, uint32_t *out)
{
    gb_lexer *lx = &r->lx;
    gb_token num_tok, tok;
    uint64_t number;
    mc_status st;
    if ((st = gb_expect_uint(lx, &num_tok, UINT32_MAX, "an outcome number", &number)) != MC_OK)
        return st;
    uint32_t idx = number ? mc_idmap_get(&r->outcomes, 0, (uint32_t)number) : MC_TREE_NONE;
    if (gb_peek(lx) != '"') {
        if (number == 0) {
            *out = MC_TREE_NONE;
            return MC_OK;
        }
        if (idx == MC_IDMAP_NONE)
            return gb_error(lx, MC_EINPUT, num_tok.start,
                            "outcome %llu is used before its name and payoffs are given",
                            (unsigned long long)number);
        *out = idx;
        return MC_OK;
    }
    if (number == 0)
        return gb_error(lx, MC_EINPUT, num_tok.start,
                        "outcome 0 means \"no outcome\" and cannot have a name or payoffs");
    uint32_t name;
    if ((st = gb_next(lx, &tok)) != MC_OK || (st = intern(r, &tok, &name)) != MC_OK ||
        (st = parse_payoffs(r, number)) != MC_OK)
        return st;
    if (idx == MC_IDMAP_NONE) {
        idx = mc_tree_add_outcome(r->t, r->qs, name, (uint32_t)number, r->err);
        if (idx == MC_TREE_NONE)
            return tree_failed(r);
        if (!mc_idmap_put(&r->outcomes, 0, (uint32_t)number, idx))
            return oom(r);
    } else {
        uint32_t first_name = mc_tree_outcome_name(r->t, idx);
        if (first_name != name)
            return gb_error(lx, MC_EINPUT, num_tok.start,
                            "outcome %llu is named \"%s\" here but \"%s\" at its first occurrence",
                            (unsigned long long)number, mc_tree_str(r->t, name),
                            mc_tree_str(r->t, first_name));
        if ((st = grow_qs(r, 2 * (size_t)r->nplayers)) != MC_OK)
            return st;
        const mc_q *first = mc_tree_outcome_payoffs(r->t, idx, r->qs + r->nplayers);
        for (unsigned p = 0; p < r->nplayers; p++)
            if (!mc_q_eq(&r->qs[p], &first[p]))
                return gb_error(lx, MC_EINPUT, num_tok.start,
                                "outcome %llu: player %u's payoff differs from its first "
                                "occurrence",
                                (unsigned long long)number, p + 1);
    }
    *out = idx;
    return MC_OK;
}

/* ---- information sets and chance events ------------------------------------ */

/* Reads "{ "a" "b" ... }" (with_probs: "{ "a" 1/2 "b" 1/2 }") into the
 * scratch arrays; returns the count in *n. */
static mc_status parse_actions(efg_reader *r, bool with_probs, uint32_t *n, const char **open)
{
    gb_lexer *lx = &r->lx;
    gb_token tok;
    mc_status st;
    if ((st = gb_expect(lx, &tok, GB_LBRACE, with_probs ? "'{' opening the chance actions"
                                                        : "'{' opening the actions")) != MC_OK)
        return st;
    *open = tok.start;
    size_t k = 0;
    for (;;) {
        if ((st = gb_next(lx, &tok)) != MC_OK)
            return st;
        if (tok.kind == GB_RBRACE)
            break;
        if (tok.kind != GB_STRING)
            return gb_unexpected(lx, &tok, "an action name (a quoted string) or '}'");
        if (k >= UINT32_MAX - 1)
            return gb_error(lx, MC_EINPUT, tok.start, "too many actions");
        if ((st = grow_labels(r, k + 1)) != MC_OK || (st = intern(r, &tok, &r->labels[k])))
            return st;
        if (with_probs) {
            if ((st = grow_qs(r, k + 1)) != MC_OK ||
                (st = gb_expect_number(lx, &tok, &r->qs[k], "the action's probability")))
                return st;
            if (mc_q_sgn(&r->qs[k]) < 0)
                return gb_error(lx, MC_EINPUT, tok.start, "negative probability");
        }
        k++;
    }
    if (k == 0)
        return gb_error(lx, MC_EINPUT, tok.start, "an action list must name at least one action");
    *n = (uint32_t)k;
    return MC_OK;
}

static mc_status check_probability_sum(efg_reader *r, uint32_t n, const char *open)
{
    mc_q sum = MC_Q_ZERO, one = MC_Q_INT(1);
    for (uint32_t i = 0; i < n; i++)
        mc_q_add(&sum, &sum, &r->qs[i]);
    mc_status st = MC_OK;
    if (!mc_q_eq(&sum, &one)) {
        char buf[64];
        size_t need = mc_q_snprint(buf, sizeof buf, &sum);
        st = gb_error(&r->lx, MC_EINPUT, open, "chance probabilities sum to %s%s, not 1", buf,
                      need >= sizeof buf ? "..." : "");
    }
    mc_q_clear(&sum);
    return st;
}

static bool same_labels(const mc_tree *t, uint32_t at, const uint32_t *labels, uint32_t n)
{
    return memcmp(&t->label_ids[at], labels, n * sizeof *labels) == 0;
}

/* After "p name": PLAYER NUMBER ["name" { actions }]. */
static mc_status parse_infoset(efg_reader *r, uint32_t *infoset, uint32_t *nactions)
{
    gb_lexer *lx = &r->lx;
    gb_token ptok, ntok, tok;
    uint64_t player, number;
    mc_status st;
    if ((st = gb_expect_uint(lx, &ptok, UINT64_MAX, "a player number", &player)) != MC_OK)
        return st;
    if (player < 1 || player > r->nplayers)
        return gb_error(lx, MC_EINPUT, ptok.start, "player %.*s is out of range 1..%u",
                        (int)(ptok.len > 20 ? 20 : ptok.len), ptok.text, r->nplayers);
    if ((st = gb_expect_uint(lx, &ntok, UINT32_MAX, "an information set number", &number)))
        return st;
    if (number == 0)
        return gb_error(lx, MC_EINPUT, ntok.start, "information set numbers start at 1");
    unsigned space = (unsigned)player;
    uint32_t idx = mc_idmap_get(&r->infosets, space, (uint32_t)number);
    if (gb_peek(lx) != '"') {
        if (idx == MC_IDMAP_NONE)
            return gb_error(lx, MC_EINPUT, ntok.start,
                            "information set %llu of player %llu is used before its actions "
                            "are given",
                            (unsigned long long)number, (unsigned long long)player);
        *infoset = idx;
        *nactions = r->t->infosets[idx].nactions;
        return MC_OK;
    }
    uint32_t name, n;
    const char *open;
    if ((st = gb_next(lx, &tok)) != MC_OK || (st = intern(r, &tok, &name)) != MC_OK ||
        (st = parse_actions(r, false, &n, &open)) != MC_OK)
        return st;
    if (idx == MC_IDMAP_NONE) {
        idx = mc_tree_add_infoset(r->t, (uint32_t)player - 1, n, r->labels, name,
                                  (uint32_t)number, r->err);
        if (idx == MC_TREE_NONE)
            return tree_failed(r);
        if (!mc_idmap_put(&r->infosets, space, (uint32_t)number, idx))
            return oom(r);
    } else {
        const mc_tree_infoset *is = &r->t->infosets[idx];
        if (is->nactions != n)
            return gb_error(lx, MC_EINPUT, open,
                            "information set %llu of player %llu has %u action%s here but %u at "
                            "its first occurrence",
                            (unsigned long long)number, (unsigned long long)player, n,
                            n == 1 ? "" : "s", is->nactions);
        if (mc_tree_infoset_name(r->t, idx) != name || !same_labels(r->t, is->labels, r->labels, n))
            return gb_error(lx, MC_EINPUT, ntok.start,
                            "information set %llu of player %llu is described differently from "
                            "its first occurrence (name or action names)",
                            (unsigned long long)number, (unsigned long long)player);
    }
    *infoset = idx;
    *nactions = n;
    return MC_OK;
}

/* After "c name": NUMBER ["name" { "a" prob ... }]. */
static mc_status parse_chance(efg_reader *r, uint32_t *chance, uint32_t *nchance)
{
    gb_lexer *lx = &r->lx;
    gb_token ntok, tok;
    uint64_t number;
    mc_status st;
    if ((st = gb_expect_uint(lx, &ntok, UINT32_MAX, "a chance event number", &number)))
        return st;
    if (number == 0)
        return gb_error(lx, MC_EINPUT, ntok.start, "chance event numbers start at 1");
    uint32_t idx = mc_idmap_get(&r->infosets, 0, (uint32_t)number);
    if (gb_peek(lx) != '"') {
        if (idx == MC_IDMAP_NONE)
            return gb_error(lx, MC_EINPUT, ntok.start,
                            "chance event %llu is used before its actions and probabilities "
                            "are given",
                            (unsigned long long)number);
        *chance = idx;
        *nchance = r->t->chances[idx].nchance;
        return MC_OK;
    }
    uint32_t name, n;
    const char *open;
    if ((st = gb_next(lx, &tok)) != MC_OK || (st = intern(r, &tok, &name)) != MC_OK ||
        (st = parse_actions(r, true, &n, &open)) != MC_OK ||
        (st = check_probability_sum(r, n, open)) != MC_OK)
        return st;
    if (idx == MC_IDMAP_NONE) {
        idx = mc_tree_add_chance(r->t, n, r->qs, r->labels, name, (uint32_t)number, r->err);
        if (idx == MC_TREE_NONE)
            return tree_failed(r);
        if (!mc_idmap_put(&r->infosets, 0, (uint32_t)number, idx))
            return oom(r);
    } else {
        const mc_tree_chance *c = &r->t->chances[idx];
        if (c->nchance != n)
            return gb_error(lx, MC_EINPUT, open,
                            "chance event %llu has %u action%s here but %u at its first "
                            "occurrence",
                            (unsigned long long)number, n, n == 1 ? "" : "s", c->nchance);
        bool same = c->name == name && same_labels(r->t, c->labels, r->labels, n);
        for (uint32_t i = 0; same && i < n; i++)
            same = mc_q_eq(&r->qs[i], &r->t->probs[c->probs + i]);
        if (!same)
            return gb_error(lx, MC_EINPUT, ntok.start,
                            "chance event %llu is described differently from its first "
                            "occurrence (name, action names or probabilities)",
                            (unsigned long long)number);
    }
    *chance = idx;
    *nchance = n;
    return MC_OK;
}

/* ---- nodes ------------------------------------------------------------------ */

static mc_status push_open(efg_reader *r, const char *start, uint32_t children)
{
    if (r->depth == r->stack_cap) {
        size_t cap = r->stack_cap ? r->stack_cap * 2 : 64;
        open_node *s = realloc(r->stack, cap * sizeof *s);
        if (!s)
            return oom(r);
        r->stack = s;
        r->stack_cap = cap;
    }
    r->stack[r->depth++] = (open_node){start, children};
    return MC_OK;
}

static mc_status parse_node(efg_reader *r, const gb_token *type)
{
    gb_lexer *lx = &r->lx;
    gb_token tok;
    mc_status st;
    char kind = type->len == 1 ? type->text[0] : '?';
    if (kind != 'c' && kind != 'p' && kind != 't')
        return gb_unexpected(lx, type, "a node type 'c', 'p' or 't'");
    uint32_t name;
    if ((st = gb_expect(lx, &tok, GB_STRING, "the node's name (a quoted string)")) != MC_OK ||
        (st = intern(r, &tok, &name)) != MC_OK)
        return st;
    uint32_t ref = 0, children = 0, outcome = MC_TREE_NONE;
    uint8_t node_kind = MC_TNODE_TERMINAL;
    if (kind == 'p') {
        node_kind = MC_TNODE_DECISION;
        st = parse_infoset(r, &ref, &children);
    } else if (kind == 'c') {
        node_kind = MC_TNODE_CHANCE;
        st = parse_chance(r, &ref, &children);
    }
    if (st != MC_OK || (st = parse_outcome(r, &outcome)) != MC_OK)
        return st;
    if (mc_tree_add_node(r->t, node_kind, ref, outcome, name, r->err) == MC_TREE_NONE)
        return tree_failed(r);
    if (children)
        return push_open(r, type->start, children);
    while (r->depth > 0 && r->stack[r->depth - 1].remaining == 0)
        r->depth--;
    return MC_OK;
}

static mc_status parse_body(efg_reader *r)
{
    gb_lexer *lx = &r->lx;
    gb_token tok;
    mc_status st;
    bool have_root = false;
    for (;;) {
        if ((st = gb_next(lx, &tok)) != MC_OK)
            return st;
        if (have_root && r->depth == 0) {
            if (tok.kind == GB_EOF)
                return MC_OK;
            return gb_error(lx, MC_EINPUT, tok.start,
                            "text after the end of the tree (does a node have more children "
                            "than actions?)");
        }
        if (tok.kind == GB_EOF) {
            if (!have_root)
                return gb_error(lx, MC_EINPUT, tok.start, "the file has no nodes");
            const open_node *o = &r->stack[r->depth - 1];
            unsigned long line, col;
            gb_position(lx, o->start, &line, &col);
            return gb_error(lx, MC_EINPUT, tok.start,
                            "the file ends before the tree is complete: the node at %lu:%lu "
                            "still lacks %u child%s",
                            line, col, o->remaining, o->remaining == 1 ? "" : "ren");
        }
        if (tok.kind != GB_WORD)
            return gb_unexpected(lx, &tok, "a node type 'c', 'p' or 't'");
        if (r->depth > 0)
            r->stack[r->depth - 1].remaining--;
        have_root = true;
        if ((st = parse_node(r, &tok)) != MC_OK)
            return st;
    }
}

mc_status mc_efg_parse(const char *buf, size_t len, const char *name, mc_tree *t, mc_error *err)
{
    mc_error own;
    mc_error_clear(&own);
    efg_reader r;
    memset(&r, 0, sizeof r);
    memset(t, 0, sizeof *t);
    r.t = t;
    r.err = &own;
    gb_init(&r.lx, buf, len, name, &own);
    bool have_tree = false;
    mc_status st = parse_header(&r);
    have_tree = r.nplayers > 0;
    if (st == MC_OK)
        st = parse_body(&r);
    if (st == MC_OK && mc_tree_finish(t, &own) != MC_OK)
        st = mc_error_prefix(&own, own.code != MC_OK ? own.code : MC_EINPUT, "%s: ", r.lx.name);
    gb_free(&r.lx);
    mc_idmap_free(&r.infosets);
    mc_idmap_free(&r.outcomes);
    free(r.labels);
    if (r.qs) {
        mc_q_clear_vec(r.qs, r.qs_cap);
        free(r.qs);
    }
    free(r.stack);
    if (st != MC_OK) {
        if (have_tree)
            mc_tree_free(t);
        memset(t, 0, sizeof *t);
    }
    return gb_parse_result(&own, st, r.lx.name, err);
}

mc_status mc_efg_read(const char *path, mc_tree *t, mc_error *err)
{
    char *buf;
    size_t len;
    mc_status st = mc_read_file(path, &buf, &len, err);
    if (st != MC_OK) {
        memset(t, 0, sizeof *t);
        return st;
    }
    st = mc_efg_parse(buf, len, path, t, err);
    free(buf);
    return st;
}

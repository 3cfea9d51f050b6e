/* Reader of Gambit's normal-form format ("NFG 1 R"), both versions:
 *
 *   NFG 1 R "title" { "P1" "P2" } { 3 2 } "optional comment"
 *   1 1  0 2  0 2  1 1  0 3  2 0            payoff version
 *
 *   NFG 1 R "title" { "P1" "P2" } { { "a" "b" "c" } { "x" "y" } } ""
 *   { { "o1" 1, 1 } { "o2" 0, 2 } ... }      outcome version: the outcomes,
 *   1 2 2 1 0 3                              then one index per profile
 *
 * Profiles are listed with player 1's strategy changing fastest, which is
 * mc_nfg's own numbering.  Outcome 0 gives every player 0. */
#include <stdlib.h>
#include <string.h>

#include "game/gambit_lex.h"
#include "mechcheck/gambit.h"

typedef struct nfg_outcomes {
    size_t n, cap;
    char **names;
    mc_q *payoffs; /* n * nplayers */
} nfg_outcomes;

static void outcomes_free(nfg_outcomes *o, unsigned nplayers)
{
    for (size_t i = 0; i < o->n; i++)
        free(o->names[i]);
    free(o->names);
    if (o->payoffs) {
        mc_q_clear_vec(o->payoffs, o->cap * nplayers);
        free(o->payoffs);
    }
}

/* Reads "{ "name" ... }" after its '{' was consumed, counting or storing. */
static mc_status read_names(gb_lexer *lx, const char *what, char **out, uint32_t *count)
{
    gb_token tok;
    mc_status st;
    uint32_t n = 0;
    for (;;) {
        if ((st = gb_next(lx, &tok)) != MC_OK)
            return st;
        if (tok.kind == GB_RBRACE)
            break;
        if (tok.kind != GB_STRING) {
            char expected[80];
            snprintf(expected, sizeof expected, "%s (a quoted string) or '}'", what);
            return gb_unexpected(lx, &tok, expected);
        }
        if (n == UINT32_MAX - 1)
            return gb_error(lx, MC_EINPUT, tok.start, "too many names");
        if (out && !(out[n] = gb_dup_text(&tok)))
            return gb_oom(lx);
        n++;
    }
    *count = n;
    return MC_OK;
}

typedef struct nfg_header {
    char *title, *comment;
    unsigned nplayers;
    uint32_t nstrategies[MC_MAX_PLAYERS];
    const char *players_at, *strategies_at; /* to read the names again */
    bool named;
} nfg_header;

static mc_status parse_header(gb_lexer *lx, nfg_header *h)
{
    gb_token tok;
    mc_status st;
    if ((st = gb_expect_header(lx, "NFG", "1", "a Gambit normal-form file", &h->title)))
        return st;
    if ((st = gb_expect(lx, &tok, GB_LBRACE, "'{' opening the list of players")) != MC_OK)
        return st;
    h->players_at = lx->p;
    uint32_t n = 0;
    if ((st = read_names(lx, "a player name", NULL, &n)) != MC_OK)
        return st;
    if (n == 0 || n > MC_MAX_PLAYERS)
        return gb_error(lx, MC_EINPUT, h->players_at, "the game has %u players (1..%d allowed)",
                        n, MC_MAX_PLAYERS);
    h->nplayers = n;
    gb_token open;
    if ((st = gb_expect(lx, &open, GB_LBRACE,
                        "'{' opening the strategy counts or strategy names")) != MC_OK)
        return st;
    h->strategies_at = lx->p;
    h->named = gb_peek(lx) == '{';
    for (unsigned p = 0; p < n; p++) {
        uint64_t k = 0;
        if (h->named) {
            if ((st = gb_expect(lx, &tok, GB_LBRACE, "'{' opening a player's strategy names")))
                return st;
            uint32_t k32 = 0;
            if ((st = read_names(lx, "a strategy name", NULL, &k32)) != MC_OK)
                return st;
            k = k32;
        } else {
            if (gb_peek(lx) == '}') {
                gb_next(lx, &tok);
                return gb_error(lx, MC_EINPUT, tok.start,
                                "%u strategy count%s for %u players", p, p == 1 ? "" : "s", n);
            }
            if ((st = gb_expect_uint(lx, &tok, UINT32_MAX, "a number of strategies", &k)))
                return st;
        }
        if (k == 0)
            return gb_error(lx, MC_EINPUT, tok.start, "player %u has no strategies", p + 1);
        h->nstrategies[p] = (uint32_t)k;
    }
    if ((st = gb_next(lx, &tok)) != MC_OK)
        return st;
    if (tok.kind != GB_RBRACE)
        return gb_error(lx, MC_EINPUT, tok.start,
                        "more strategy %s than the %u players (expected '}')",
                        h->named ? "lists" : "counts", n);
    if (gb_peek(lx) == '"') {
        gb_next(lx, &tok);
        if (!(h->comment = gb_dup_text(&tok)))
            return gb_oom(lx);
    }
    return MC_OK;
}

/* Copies the player and strategy names (read again from the header). */
/* Moves the title and comment to g (h keeps no ownership). */
static mc_status copy_names(gb_lexer *lx, nfg_header *h, mc_nfg *g)
{
    const char *resume = lx->p;
    gb_token tok;
    uint32_t n = 0;
    mc_status st;
    free(g->title);
    g->title = h->title;
    if (h->comment) {
        free(g->comment);
        g->comment = h->comment;
    }
    char **players = calloc(h->nplayers, sizeof *players);
    if (!players)
        return gb_oom(lx);
    lx->p = h->players_at;
    st = read_names(lx, "a player name", players, &n);
    for (unsigned p = 0; p < h->nplayers; p++) {
        free(g->player_names[p]);
        g->player_names[p] = players[p];
    }
    free(players);
    if (st != MC_OK)
        return st;
    if (h->named) {
        lx->p = h->strategies_at;
        for (unsigned p = 0; p < h->nplayers; p++) {
            for (uint32_t s = 0; s < h->nstrategies[p]; s++) {
                free(g->strategy_names[p][s]);
                g->strategy_names[p][s] = NULL;
            }
            if ((st = gb_next(lx, &tok)) != MC_OK ||
                (st = read_names(lx, "a strategy name", g->strategy_names[p], &n)) != MC_OK)
                return st;
        }
    }
    lx->p = resume;
    return MC_OK;
}

/* A file of len bytes holds at most about len/2 numbers: checked before a
 * huge table is allocated for a short, malformed file. */
static mc_status check_room(const gb_lexer *lx, uint64_t nprofiles, unsigned per_profile,
                            const char *what)
{
    uint64_t room = (uint64_t)(lx->end - lx->p) / 2 + 1;
    if (nprofiles > room / per_profile)
        return gb_error(lx, MC_EINPUT, lx->end,
                        "the file ends before the %llu %s the strategy counts require",
                        (unsigned long long)nprofiles, what);
    return MC_OK;
}

static uint64_t count_profiles(const nfg_header *h)
{
    uint64_t k = 1;
    for (unsigned p = 0; p < h->nplayers; p++) {
        if (k > UINT64_MAX / h->nstrategies[p])
            return UINT64_MAX;
        k *= h->nstrategies[p];
    }
    return k;
}

static mc_status parse_payoff_body(gb_lexer *lx, mc_nfg *g)
{
    gb_token tok;
    mc_status st;
    uint64_t total = g->nprofiles * g->nplayers;
    for (uint64_t i = 0; i < total; i++) {
        if ((st = gb_next(lx, &tok)) != MC_OK)
            return st;
        if (tok.kind == GB_EOF)
            return gb_error(lx, MC_EINPUT, tok.start,
                            "the file ends after %llu of the %llu payoffs (%llu profiles x %u "
                            "players)",
                            (unsigned long long)i, (unsigned long long)total,
                            (unsigned long long)g->nprofiles, g->nplayers);
        if (tok.kind != GB_WORD)
            return gb_unexpected(lx, &tok, "a payoff");
        if ((st = gb_number(lx, &tok, &g->payoff[i], "a payoff")) != MC_OK)
            return st;
    }
    return MC_OK;
}

static mc_status parse_outcome_list(gb_lexer *lx, unsigned nplayers, nfg_outcomes *o)
{
    gb_token tok;
    mc_status st;
    if ((st = gb_expect(lx, &tok, GB_LBRACE, "'{' opening the outcome list")) != MC_OK)
        return st;
    for (;;) {
        if ((st = gb_next(lx, &tok)) != MC_OK)
            return st;
        if (tok.kind == GB_RBRACE)
            return MC_OK;
        if (tok.kind != GB_LBRACE)
            return gb_unexpected(lx, &tok, "'{' opening an outcome, or '}'");
        if (o->n == o->cap) {
            size_t cap = o->cap ? o->cap * 2 : 16;
            char **names = realloc(o->names, cap * sizeof *names);
            if (names)
                o->names = names;
            mc_q *pay = names ? realloc(o->payoffs, cap * nplayers * sizeof *pay) : NULL;
            if (!pay)
                return gb_oom(lx);
            mc_q_init_vec(pay + o->cap * nplayers, (cap - o->cap) * nplayers);
            o->payoffs = pay;
            o->cap = cap;
        }
        if ((st = gb_expect(lx, &tok, GB_STRING, "the outcome's name (a quoted string)")))
            return st;
        if (!(o->names[o->n] = gb_dup_text(&tok)))
            return gb_oom(lx);
        mc_q *pay = &o->payoffs[o->n * nplayers];
        o->n++;
        unsigned k = 0;
        for (;;) {
            if ((st = gb_next(lx, &tok)) != MC_OK)
                return st;
            if (tok.kind == GB_RBRACE)
                break;
            if (tok.kind != GB_WORD)
                return gb_unexpected(lx, &tok, "a payoff or '}'");
            if (k == nplayers)
                return gb_error(lx, MC_EINPUT, tok.start,
                                "outcome %zu has more than %u payoffs (one per player)", o->n,
                                nplayers);
            if ((st = gb_number(lx, &tok, &pay[k++], "a payoff")) != MC_OK)
                return st;
            if (gb_peek(lx) == ',')
                gb_next(lx, &tok);
        }
        if (k < nplayers)
            return gb_error(lx, MC_EINPUT, tok.start,
                            "outcome %zu has %u payoff%s, expected %u (one per player)", o->n, k,
                            k == 1 ? "" : "s", nplayers);
    }
}

static mc_status parse_outcome_indices(gb_lexer *lx, mc_nfg *g, const nfg_outcomes *o)
{
    gb_token tok;
    mc_status st;
    if (!(g->outcome_names = calloc(g->nprofiles, sizeof *g->outcome_names)))
        return gb_oom(lx);
    for (uint64_t i = 0; i < g->nprofiles; i++) {
        uint64_t k;
        if (gb_peek(lx) == '\0') {
            gb_next(lx, &tok);
            return gb_error(lx, MC_EINPUT, tok.start,
                            "the file ends after %llu of the %llu outcome indices (one per "
                            "profile)",
                            (unsigned long long)i, (unsigned long long)g->nprofiles);
        }
        if ((st = gb_expect_uint(lx, &tok, o->n, "an outcome index", &k)) != MC_OK)
            return st;
        if (k == 0)
            continue;
        if (!(g->outcome_names[i] = strdup(o->names[k - 1])))
            return gb_oom(lx);
        for (unsigned p = 0; p < g->nplayers; p++)
            mc_q_set(mc_nfg_payoff(g, i, p), &o->payoffs[(k - 1) * g->nplayers + p]);
    }
    return MC_OK;
}

mc_status mc_nfg_parse(const char *buf, size_t len, const char *name, mc_nfg *g, mc_error *err)
{
    mc_error own;
    mc_error_clear(&own);
    gb_lexer lx;
    gb_init(&lx, buf, len, name, &own);
    nfg_header h;
    memset(&h, 0, sizeof h);
    nfg_outcomes o;
    memset(&o, 0, sizeof o);
    memset(g, 0, sizeof *g);
    bool have_game = false;
    gb_token tok;
    mc_status st = parse_header(&lx, &h);
    bool outcome_version = false;
    uint64_t nprofiles = st == MC_OK ? count_profiles(&h) : 0;
    if (st == MC_OK) {
        char c = gb_peek(&lx);
        if (c == '\0') {
            gb_next(&lx, &tok);
            st = gb_error(&lx, MC_EINPUT, tok.start, "the file ends before the payoffs");
        }
        outcome_version = c == '{';
    }
    if (st == MC_OK && outcome_version)
        st = parse_outcome_list(&lx, h.nplayers, &o);
    if (st == MC_OK)
        st = outcome_version ? check_room(&lx, nprofiles, 1, "outcome indices")
                             : check_room(&lx, nprofiles, h.nplayers, "payoff profiles");
    if (st == MC_OK)
        st = mc_nfg_init(g, h.nplayers, h.nstrategies, &own);
    have_game = st == MC_OK;
    if (st == MC_OK) {
        st = copy_names(&lx, &h, g);
        h.title = h.comment = NULL;
    }
    if (st == MC_OK)
        st = outcome_version ? parse_outcome_indices(&lx, g, &o) : parse_payoff_body(&lx, g);
    if (st == MC_OK && (st = gb_next(&lx, &tok)) == MC_OK && tok.kind != GB_EOF)
        st = gb_error(&lx, MC_EINPUT, tok.start,
                      "text after the last %s (%llu profiles x %u players expected)",
                      outcome_version ? "outcome index" : "payoff",
                      (unsigned long long)nprofiles, h.nplayers);
    gb_free(&lx);
    outcomes_free(&o, h.nplayers);
    free(h.title);
    free(h.comment);
    if (st != MC_OK) {
        if (have_game)
            mc_nfg_free(g);
        memset(g, 0, sizeof *g);
    }
    return gb_parse_result(&own, st, lx.name, err);
}

mc_status mc_nfg_read(const char *path, mc_nfg *g, mc_error *err)
{
    char *buf;
    size_t len;
    mc_status st = mc_read_file(path, &buf, &len, err);
    if (st != MC_OK) {
        memset(g, 0, sizeof *g);
        return st;
    }
    st = mc_nfg_parse(buf, len, path, g, err);
    free(buf);
    return st;
}

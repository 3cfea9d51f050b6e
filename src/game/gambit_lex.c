/* The tokenizer of Gambit's text formats (see gambit_lex.h).
 *
 * Lexical rules follow Gambit's own reader (src/games/file.cc): whitespace
 * separates tokens and is otherwise insignificant, '{' '}' ',' are tokens of
 * their own, strings are double-quoted and may span lines; inside a string
 * \" stands for a quote.  We also read \\ as one backslash (what Gambit's
 * writer, via std::quoted, produces); any other backslash is kept as is. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game/gambit_lex.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_word_char(char c)
{
    return !is_space(c) && c != '{' && c != '}' && c != ',' && c != '"';
}

void gb_init(gb_lexer *lx, const char *buf, size_t len, const char *name, mc_error *err)
{
    memset(lx, 0, sizeof *lx);
    lx->buf = buf;
    lx->p = buf;
    lx->end = buf + len;
    lx->name = name ? name : "<input>";
    lx->err = err;
}

void gb_free(gb_lexer *lx)
{
    free(lx->scratch);
    lx->scratch = NULL;
    lx->scratch_cap = 0;
}

void gb_position(const gb_lexer *lx, const char *pos, unsigned long *line, unsigned long *col)
{
    unsigned long l = 1;
    const char *line_start = lx->buf;
    if (pos < lx->buf || pos > lx->end)
        pos = lx->end;
    for (const char *s = lx->buf; s < pos; s++) {
        const char *nl = memchr(s, '\n', (size_t)(pos - s));
        if (!nl)
            break;
        l++;
        line_start = nl + 1;
        s = nl;
    }
    *line = l;
    *col = (unsigned long)(pos - line_start) + 1;
}

mc_status gb_error(const gb_lexer *lx, mc_status code, const char *pos, const char *fmt, ...)
{
    unsigned long line, col;
    gb_position(lx, pos, &line, &col);
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return mc_error_set(lx->err, code, "%s:%lu:%lu: %s", lx->name, line, col, msg);
}

static void describe_text(const char *s, size_t len, char *buf, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k + 4 < cap; i++) {
        if (i == 24) {
            buf[k++] = '.';
            buf[k++] = '.';
            buf[k++] = '.';
            break;
        }
        unsigned char c = (unsigned char)s[i];
        buf[k++] = (c >= 32 && c < 127) ? (char)c : '?';
    }
    buf[k] = '\0';
}

void gb_describe(const gb_token *tok, char *buf, size_t cap)
{
    char text[40];
    switch (tok->kind) {
    case GB_EOF:
        snprintf(buf, cap, "end of file");
        break;
    case GB_LBRACE:
        snprintf(buf, cap, "'{'");
        break;
    case GB_RBRACE:
        snprintf(buf, cap, "'}'");
        break;
    case GB_COMMA:
        snprintf(buf, cap, "','");
        break;
    case GB_STRING:
        describe_text(tok->text, tok->len, text, sizeof text);
        snprintf(buf, cap, "string \"%s\"", text);
        break;
    case GB_WORD:
        describe_text(tok->text, tok->len, text, sizeof text);
        snprintf(buf, cap, "'%s'", text);
        break;
    }
}

mc_status gb_unexpected(const gb_lexer *lx, const gb_token *tok, const char *expected)
{
    char found[64];
    gb_describe(tok, found, sizeof found);
    return gb_error(lx, MC_EINPUT, tok->start, "expected %s, found %s", expected, found);
}

static void skip_space(gb_lexer *lx)
{
    const char *p = lx->p, *end = lx->end;
    while (p < end && is_space(*p))
        p++;
    lx->p = p;
}

char gb_peek(gb_lexer *lx)
{
    skip_space(lx);
    return lx->p < lx->end ? *lx->p : '\0';
}

/* Unescapes the string body [s, close) into the scratch buffer. */
static mc_status unescape(gb_lexer *lx, const char *s, const char *close, gb_token *tok)
{
    size_t need = (size_t)(close - s) + 1;
    if (need > lx->scratch_cap) {
        size_t cap = lx->scratch_cap ? lx->scratch_cap : 64;
        while (cap < need)
            cap *= 2;
        char *b = realloc(lx->scratch, cap);
        if (!b)
            return mc_error_set(lx->err, MC_ENOMEM, "%s: out of memory reading a string",
                                lx->name);
        lx->scratch = b;
        lx->scratch_cap = cap;
    }
    size_t k = 0;
    while (s < close) {
        if (*s == '\\' && s + 1 < close && (s[1] == '"' || s[1] == '\\')) {
            lx->scratch[k++] = s[1];
            s += 2;
        } else {
            lx->scratch[k++] = *s++;
        }
    }
    lx->scratch[k] = '\0';
    tok->text = lx->scratch;
    tok->len = k;
    return MC_OK;
}

static mc_status lex_string(gb_lexer *lx, gb_token *tok)
{
    const char *open = lx->p, *s = open + 1, *end = lx->end;
    bool escaped = false;
    while (s < end && *s != '"') {
        if (*s == '\0')
            return gb_error(lx, MC_EINPUT, s, "NUL byte inside a string");
        if (*s == '\\') {
            escaped = true;
            if (s + 1 < end && (s[1] == '"' || s[1] == '\\'))
                s++;
        }
        s++;
    }
    if (s >= end)
        return gb_error(lx, MC_EINPUT, open, "unterminated string (the file ends inside it)");
    tok->kind = GB_STRING;
    lx->p = s + 1;
    if (!escaped) {
        tok->text = open + 1;
        tok->len = (size_t)(s - open - 1);
        return MC_OK;
    }
    return unescape(lx, open + 1, s, tok);
}

mc_status gb_next(gb_lexer *lx, gb_token *tok)
{
    skip_space(lx);
    const char *p = lx->p;
    tok->start = p;
    tok->text = p;
    tok->len = 0;
    if (p >= lx->end) {
        tok->kind = GB_EOF;
        return MC_OK;
    }
    switch (*p) {
    case '{':
        tok->kind = GB_LBRACE;
        break;
    case '}':
        tok->kind = GB_RBRACE;
        break;
    case ',':
        tok->kind = GB_COMMA;
        break;
    case '"':
        return lex_string(lx, tok);
    default: {
        const char *q = p + 1, *end = lx->end;
        while (q < end && is_word_char(*q))
            q++;
        tok->kind = GB_WORD;
        tok->len = (size_t)(q - p);
        lx->p = q;
        return MC_OK;
    }
    }
    tok->len = 1;
    lx->p = p + 1;
    return MC_OK;
}

mc_status gb_expect(gb_lexer *lx, gb_token *tok, gb_kind kind, const char *what)
{
    mc_status st = gb_next(lx, tok);
    if (st != MC_OK)
        return st;
    if (tok->kind != kind)
        return gb_unexpected(lx, tok, what);
    return MC_OK;
}

mc_status gb_expect_uint(gb_lexer *lx, gb_token *tok, uint64_t max, const char *what,
                         uint64_t *out)
{
    mc_status st = gb_next(lx, tok);
    if (st != MC_OK)
        return st;
    if (tok->kind != GB_WORD)
        return gb_unexpected(lx, tok, what);
    uint64_t v = 0;
    for (size_t i = 0; i < tok->len; i++) {
        char c = tok->text[i];
        if (c < '0' || c > '9')
            return gb_unexpected(lx, tok, what);
        if (v > (UINT64_MAX - 9) / 10)
            v = UINT64_MAX;
        else
            v = v * 10 + (uint64_t)(c - '0');
    }
    if (v > max)
        return gb_error(lx, MC_EINPUT, tok->start, "%s %.*s is out of range (at most %llu)",
                        what, (int)(tok->len > 30 ? 30 : tok->len), tok->text,
                        (unsigned long long)max);
    *out = v;
    return MC_OK;
}

mc_status gb_number(const gb_lexer *lx, const gb_token *tok, mc_q *q, const char *what)
{
    const char *s = tok->text;
    size_t len = tok->len;
    /* fast path: a plain integer of at most 18 digits */
    size_t i = (len > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (len > i && len - i <= 18) {
        int64_t v = 0;
        size_t j = i;
        while (j < len && s[j] >= '0' && s[j] <= '9')
            v = v * 10 + (s[j++] - '0');
        if (j == len) {
            mc_q_set_i64(q, s[0] == '-' ? -v : v);
            return MC_OK;
        }
    }
    /* Gambit allows a leading '+'; mc_q_parse need not */
    if (len > 1 && s[0] == '+' && ((s[1] >= '0' && s[1] <= '9') || s[1] == '.')) {
        s++;
        len--;
    }
    /* "1e999999999" is a few bytes but an enormous exact number: refuse
     * exponents beyond 4 digits instead of computing it */
    const char *e = memchr(s, 'e', len);
    if (!e)
        e = memchr(s, 'E', len);
    if (e) {
        const char *d = e + 1, *end = s + len;
        if (d < end && (*d == '+' || *d == '-'))
            d++;
        while (d < end && *d == '0')
            d++;
        if (end - d > 4)
            return gb_error(lx, MC_EINPUT, tok->start, "exponent out of range in a number (%s)",
                            what);
    }
    mc_error perr;
    mc_error_clear(&perr);
    if (len == 0 || mc_q_parse(q, s, len, &perr) != MC_OK) {
        char text[40];
        describe_text(tok->text, tok->len, text, sizeof text);
        return gb_error(lx, MC_EINPUT, tok->start, "invalid number '%s' (%s)", text, what);
    }
    return MC_OK;
}

mc_status gb_expect_number(gb_lexer *lx, gb_token *tok, mc_q *q, const char *what)
{
    mc_status st = gb_next(lx, tok);
    if (st != MC_OK)
        return st;
    if (tok->kind != GB_WORD)
        return gb_unexpected(lx, tok, what);
    return gb_number(lx, tok, q, what);
}

bool gb_word_is(const gb_token *tok, const char *w)
{
    return tok->kind == GB_WORD && tok->len == strlen(w) && memcmp(tok->text, w, tok->len) == 0;
}

char *gb_dup_text(const gb_token *tok)
{
    char *s = malloc(tok->len + 1);
    if (s) {
        memcpy(s, tok->text, tok->len);
        s[tok->len] = '\0';
    }
    return s;
}

mc_status gb_oom(const gb_lexer *lx)
{
    return mc_error_set(lx->err, MC_ENOMEM, "%s: out of memory", lx->name);
}

mc_status gb_expect_header(gb_lexer *lx, const char *magic, const char *version,
                           const char *kind, char **title)
{
    gb_token tok;
    char expected[96];
    mc_status st;
    if ((st = gb_next(lx, &tok)) != MC_OK)
        return st;
    if (!gb_word_is(&tok, magic)) {
        snprintf(expected, sizeof expected, "'%s' (%s)", magic, kind);
        return gb_unexpected(lx, &tok, expected);
    }
    if ((st = gb_next(lx, &tok)) != MC_OK)
        return st;
    if (!gb_word_is(&tok, version)) {
        snprintf(expected, sizeof expected, "version '%s' after '%s'", version, magic);
        return gb_unexpected(lx, &tok, expected);
    }
    if ((st = gb_next(lx, &tok)) != MC_OK)
        return st;
    if (!gb_word_is(&tok, "R") && !gb_word_is(&tok, "D")) {
        snprintf(expected, sizeof expected, "'R' or 'D' after '%s %s'", magic, version);
        return gb_unexpected(lx, &tok, expected);
    }
    if ((st = gb_expect(lx, &tok, GB_STRING, "the game title (a quoted string)")) != MC_OK)
        return st;
    if (!(*title = gb_dup_text(&tok)))
        return gb_oom(lx);
    return MC_OK;
}

mc_status gb_parse_result(mc_error *own, mc_status st, const char *name, mc_error *err)
{
    if (st == MC_OK) {
        mc_error_clear(err);
        return MC_OK;
    }
    if (own->code == MC_OK)
        mc_error_set(own, st, "%s: cannot read the game", name);
    if (err)
        *err = *own;
    return st;
}

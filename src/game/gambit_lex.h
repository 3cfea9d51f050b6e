/* Private: the tokenizer shared by the .efg and .nfg readers.
 *
 * Works on a whole file in memory and never allocates per token: words and
 * plain strings point into the input, strings with escapes are unescaped into
 * one reusable scratch buffer.  Positions are byte offsets; line and column
 * are computed only when an error is reported. */
#ifndef MC_GAMBIT_LEX_H
#define MC_GAMBIT_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/num.h"

typedef enum gb_kind {
    GB_EOF = 0,
    GB_LBRACE,
    GB_RBRACE,
    GB_COMMA,
    GB_STRING, /* text/len: the unescaped contents */
    GB_WORD    /* text/len: a run of other characters (numbers, "EFG", "p") */
} gb_kind;

typedef struct gb_token {
    gb_kind kind;
    const char *start; /* first byte of the token in the input */
    const char *text;
    size_t len;
} gb_token;

typedef struct gb_lexer {
    const char *buf, *p, *end;
    const char *name;    /* for messages */
    mc_error *err;
    char *scratch;       /* unescaped strings */
    size_t scratch_cap;
} gb_lexer;

void gb_init(gb_lexer *lx, const char *buf, size_t len, const char *name, mc_error *err);
void gb_free(gb_lexer *lx);

/* Reads the next token; MC_EINPUT for an unterminated string. */
mc_status gb_next(gb_lexer *lx, gb_token *tok);
/* The first character of the next token ('\0' at end of input), not consumed. */
char gb_peek(gb_lexer *lx);

/* 1-based line and byte column of pos. */
void gb_position(const gb_lexer *lx, const char *pos, unsigned long *line, unsigned long *col);
/* Sets err to "NAME:LINE:COL: message" for the byte at pos; returns code. */
mc_status gb_error(const gb_lexer *lx, mc_status code, const char *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Error at the token, naming what was expected and what was found. */
mc_status gb_unexpected(const gb_lexer *lx, const gb_token *tok, const char *expected);

/* Expect helpers: read a token of the kind, or fail with a positioned message. */
mc_status gb_expect(gb_lexer *lx, gb_token *tok, gb_kind kind, const char *what);
/* A non-negative decimal integer word up to max. */
mc_status gb_expect_uint(gb_lexer *lx, gb_token *tok, uint64_t max, const char *what,
                         uint64_t *out);
/* Parses the word tok exactly (integer, fraction, decimal, exponent) into q. */
mc_status gb_number(const gb_lexer *lx, const gb_token *tok, mc_q *q, const char *what);
mc_status gb_expect_number(gb_lexer *lx, gb_token *tok, mc_q *q, const char *what);

/* The token is the word w exactly. */
bool gb_word_is(const gb_token *tok, const char *w);
/* The token's text as a malloc'd C string (NULL when out of memory). */
char *gb_dup_text(const gb_token *tok);
/* Sets err to "NAME: out of memory"; returns MC_ENOMEM. */
mc_status gb_oom(const gb_lexer *lx);

/* Reads a file's opening words MAGIC VERSION R|D "title" (kind names the
 * format in messages: "a Gambit normal-form file"); *title is malloc'd. */
mc_status gb_expect_header(gb_lexer *lx, const char *magic, const char *version,
                           const char *kind, char **title);

/* The end of a parse into own: on failure sets a generic message when none
 * was set and copies own to err; on success clears err.  Returns st. */
mc_status gb_parse_result(mc_error *own, mc_status st, const char *name, mc_error *err);

/* Describes a token for messages ("'{'", "end of file", "\"abc\"", "'12x'"). */
void gb_describe(const gb_token *tok, char *buf, size_t cap);

#endif

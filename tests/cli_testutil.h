/* Running the mechcheck binary ($MC_BIN) from the CLI suites: capture its
 * exit status, standard output and error; expected errors; JSON accessors
 * that assert. */
#ifndef MC_CLI_TESTUTIL_H
#define MC_CLI_TESTUTIL_H

#include <check.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

typedef struct {
    int status; /* exit status, or -1 if the process did not exit normally */
    char *out;
    char *err;
} cli_run;

static inline char *slurp(FILE *f)
{
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            cap *= 2;
            char *grown = realloc(buf, cap);
            ck_assert_ptr_nonnull(grown);
            buf = grown;
        }
    }
    buf[len] = '\0';
    return buf;
}

/* Runs "$MC_BIN <args>" through the shell (args are shell words) from the
 * repository root, where the suites' relative paths (proofs/...,
 * tests/data/...) point; data() gives absolute paths. */
static inline cli_run run_cli_v(const char *fmt, va_list ap)
{
    const char *bin = getenv("MC_BIN");
    ck_assert_msg(bin != NULL, "MC_BIN is not set (run the tests through make)");
    char args[4096], errpath[] = "/tmp/mc_test_cli_XXXXXX", root[1024];
    vsnprintf(args, sizeof args, fmt, ap);
    mc_test_data("../..", root, sizeof root);
    int fd = mkstemp(errpath);
    ck_assert_int_ge(fd, 0);
    close(fd);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s 2>'%s'", root, bin, args, errpath);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    cli_run r;
    r.out = slurp(p);
    int ws = pclose(p);
    r.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
    FILE *e = fopen(errpath, "r");
    ck_assert_ptr_nonnull(e);
    r.err = slurp(e);
    fclose(e);
    unlink(errpath);
    return r;
}

static inline cli_run run_cli(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_run r = run_cli_v(fmt, ap);
    va_end(ap);
    return r;
}

static inline void run_free(cli_run *r)
{
    free(r->out);
    free(r->err);
}

static inline char *data(const char *name)
{
    static char bufs[4][1024];
    static int next;
    char *b = bufs[next++ % 4];
    return (char *)mc_test_data(name, b, sizeof bufs[0]);
}

static inline int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Exactly one line on stderr (ending in a newline), starting with prefix. */
static inline void assert_one_error_line(const cli_run *r, const char *prefix)
{
    size_t len = strlen(r->err);
    ck_assert_msg(count_lines(r->err) == 1 && r->err[len - 1] == '\n',
                  "want one stderr line, got: [%s]", r->err);
    ck_assert_msg(strncmp(r->err, prefix, strlen(prefix)) == 0, "stderr [%s] lacks prefix [%s]",
                  r->err, prefix);
}

/* Runs the command; wants exit status 2 and one stderr line starting with
 * prefix. */
static inline void assert_cli_error(const char *prefix, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_run r = run_cli_v(fmt, ap);
    va_end(ap);
    ck_assert_msg(r.status == 2, "exit %d, want 2; stderr: %s", r.status, r.err);
    assert_one_error_line(&r, prefix);
    run_free(&r);
}

/* Runs the command; wants exit status 2 and exactly want on stderr. */
static inline void assert_cli_error_is(const char *want, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_run r = run_cli_v(fmt, ap);
    va_end(ap);
    ck_assert_msg(r.status == 2, "exit %d, want 2; stderr: %s", r.status, r.err);
    ck_assert_str_eq(r.err, want);
    run_free(&r);
}

/* Standard output as JSON (asserted valid; json_decref it). */
static inline json_t *out_json(const cli_run *r)
{
    json_error_t jerr;
    json_t *j = json_loads(r->out, 0, &jerr);
    ck_assert_msg(j != NULL, "invalid JSON (%s): %s", jerr.text, r->out);
    return j;
}

/* Runs the command; wants exit 0 and JSON on standard output. */
static inline json_t *run_json(cli_run *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    *r = run_cli_v(fmt, ap);
    va_end(ap);
    ck_assert_msg(r->status == 0, "exit %d, stderr: %s", r->status, r->err);
    return out_json(r);
}

static inline const char *jget_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    ck_assert_msg(json_is_string(v), "key %s is not a string", key);
    return json_string_value(v);
}

static inline json_int_t jget_int(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    ck_assert_msg(json_is_integer(v), "key %s is not an integer", key);
    return json_integer_value(v);
}

static inline json_t *jget(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    ck_assert_msg(v != NULL, "key %s is missing", key);
    return v;
}

/* Asserts arr is an array of the given strings. */
static inline void assert_strings(json_t *arr, int n, ...)
{
    ck_assert(json_is_array(arr));
    ck_assert_int_eq((int)json_array_size(arr), n);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        const char *want = va_arg(ap, const char *);
        json_t *v = json_array_get(arr, (size_t)i);
        ck_assert(json_is_string(v));
        ck_assert_str_eq(json_string_value(v), want);
    }
    va_end(ap);
}

/* obj has exactly the comma-separated keys (the schema in README.md). */
static inline void assert_keys(const json_t *obj, const char *keys)
{
    ck_assert(json_is_object(obj));
    char buf[512];
    snprintf(buf, sizeof buf, "%s", keys);
    size_t n = 0;
    for (char *save = NULL, *k = strtok_r(buf, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
        ck_assert_msg(json_object_get(obj, k) != NULL, "key %s is missing", k);
        n++;
    }
    if (json_object_size(obj) != n) {
        const char *key;
        json_t *v;
        json_object_foreach ((json_t *)obj, key, v)
            ck_assert_msg(strstr(keys, key), "unexpected key %s", key);
    }
    ck_assert_int_eq((int)json_object_size(obj), (int)n);
}

#endif

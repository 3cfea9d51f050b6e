/* mechcheck solve --maximin end to end: exact values in text and JSON on
 * Kuhn poker (-1/18 for player 1) and spec 004's App E.3 under AGV
 * (maximin 9, -7/4, -101/4), a normal form, and one-line errors. */
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
    int status;
    char *out;
    char *err;
} mm_cli;

static char *mm_slurp(FILE *f)
{
    size_t cap = 4096, len = 0, n;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 == cap) {
            char *g = realloc(buf, cap *= 2);
            ck_assert_ptr_nonnull(g);
            buf = g;
        }
    }
    buf[len] = 0;
    return buf;
}

static mm_cli mm_run(const char *fmt, ...)
{
    const char *bin = getenv("MC_BIN");
    ck_assert_msg(bin != NULL, "MC_BIN is not set (run the tests through make)");
    char args[2048], errpath[] = "/tmp/mc_test_mm_XXXXXX", cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    int fd = mkstemp(errpath);
    ck_assert_int_ge(fd, 0);
    close(fd);
    snprintf(cmd, sizeof cmd, "'%s' %s 2>'%s'", bin, args, errpath);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    mm_cli r;
    r.out = mm_slurp(p);
    int ws = pclose(p);
    r.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
    FILE *e = fopen(errpath, "r");
    ck_assert_ptr_nonnull(e);
    r.err = mm_slurp(e);
    fclose(e);
    unlink(errpath);
    return r;
}

static void mm_free(mm_cli *r)
{
    free(r->out);
    free(r->err);
}

static const char *example(const char *name, char *buf, size_t cap)
{
    char rel[256];
    snprintf(rel, sizeof rel, "examples/%s", name);
    return mc_test_data(rel, buf, cap);
}

/* The "value" of a --json run (exit 0). */
static void json_value(const char *file, const char *args, const char *want)
{
    char path[1024];
    mm_cli r = mm_run("solve '%s' %s --json", example(file, path, sizeof path), args);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    json_error_t je;
    json_t *j = json_loads(r.out, 0, &je);
    ck_assert_msg(j != NULL, "invalid JSON: %s", r.out);
    ck_assert_str_eq(json_string_value(json_object_get(j, "status")), "OPTIMAL_CERTIFIED");
    ck_assert_str_eq(json_string_value(json_object_get(j, "value")), want);
    ck_assert_str_eq(json_string_value(json_object_get(j, "method")), "maximin");
    json_decref(j);
    mm_free(&r);
}

START_TEST(test_kuhn)
{
    json_value("kuhn.efg", "--maximin 1", "-1/18");
    json_value("kuhn.efg", "--maximin 2", "1/18");
    json_value("kuhn.efg", "--maximin 2 --against independent", "1/18");
    char path[1024];
    mm_cli r = mm_run("solve '%s' --maximin 1", example("kuhn.efg", path, sizeof path));
    ck_assert_int_eq(r.status, 0);
    ck_assert_msg(strstr(r.out, "value: -1/18"), "%s", r.out);
    /* player 1 never bets with Q and always calls... or folds: a behaviour line per set */
    ck_assert_msg(strstr(r.out, "(P1 Q): check 1"), "%s", r.out);
    mm_free(&r);
}
END_TEST

START_TEST(test_agv)
{
    const char *want[3] = {"9", "-7/4", "-101/4"};
    for (int a = 0; a < 3; a++) {
        char args[64];
        snprintf(args, sizeof args, "--maximin %d", a + 1);
        json_value("agv_e3.efg", args, want[a]);
        snprintf(args, sizeof args, "--maximin %d --against independent", a + 1);
        json_value("agv_e3.efg", args, want[a]);
    }
}
END_TEST

START_TEST(test_nfg)
{
    char path[1024];
    /* the prisoner's dilemma of tests/data: defecting secures -2 */
    mm_cli r = mm_run("solve '%s' --maximin 1 --json", mc_test_data("pd.nfg", path, sizeof path));
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    ck_assert_msg(strstr(r.out, "\"value\": \"-2\""), "%s", r.out);
    mm_free(&r);
}
END_TEST

START_TEST(test_errors)
{
    char path[1024];
    const char *k = example("kuhn.efg", path, sizeof path);
    mm_cli r = mm_run("solve '%s' --maximin 3", k);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "not in 1..2") && strstr(r.err, "kuhn.efg"), "%s", r.err);
    mm_free(&r);
    r = mm_run("solve '%s' --maximin 1 --against everybody", k);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "pooled, independent"), "%s", r.err);
    mm_free(&r);
    r = mm_run("solve '%s' --maximin 1,2", k);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "leave some player out"), "%s", r.err);
    mm_free(&r);
    r = mm_run("solve '%s' --maximin", k);
    ck_assert_int_eq(r.status, 2);
    mm_free(&r);
}
END_TEST

Suite *mc_suite_cli_maximin(void)
{
    Suite *s = suite_create("cli_maximin");
    TCase *tc = tcase_create("maximin");
    tcase_add_test(tc, test_kuhn);
    tcase_add_test(tc, test_agv);
    tcase_add_test(tc, test_nfg);
    tcase_add_test(tc, test_errors);
    tcase_set_timeout(tc, 30);
    suite_add_tcase(s, tc);
    return s;
}

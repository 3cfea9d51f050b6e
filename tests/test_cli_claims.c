/* The claim commands end to end through the binary ($MC_BIN): check, search,
 * report, list, help instance — exit statuses, outputs, JSON key sets, bad
 * inputs with one-line errors, limits as UNDECIDED. */
#include <check.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mechcheck/gambit.h"
#include "testutil.h"

typedef struct {
    int status;
    char *out;
    char *err;
} run_t;

static char *slurp_file(const char *path)
{
    char *buf = NULL;
    size_t len;
    mc_error err;
    ck_assert_msg(mc_read_file(path, &buf, &len, &err) == MC_OK, "%s", err.msg);
    return buf;
}

/* Runs "$MC_BIN <args>" through the shell, from the repository root. */
static run_t run(const char *fmt, ...)
{
    const char *bin = getenv("MC_BIN");
    ck_assert_msg(bin != NULL, "MC_BIN is not set (run the tests through make)");
    char args[4096], outp[] = "/tmp/mc_cc_out_XXXXXX", errp[] = "/tmp/mc_cc_err_XXXXXX";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    close(mkstemp(outp));
    close(mkstemp(errp));
    char root[512], cmd[8192];
    mc_test_data("../..", root, sizeof root);
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s >'%s' 2>'%s'", root, bin, args, outp, errp);
    int ws = system(cmd);
    run_t r = {.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1};
    r.out = slurp_file(outp);
    r.err = slurp_file(errp);
    unlink(outp);
    unlink(errp);
    return r;
}

static void run_free(run_t *r)
{
    free(r->out);
    free(r->err);
}

static void one_error_line(const run_t *r, const char *prefix)
{
    ck_assert_msg(strncmp(r->err, prefix, strlen(prefix)) == 0, "stderr: %s", r->err);
    const char *nl = strchr(r->err, '\n');
    ck_assert_msg(nl && nl[1] == '\0', "not one line: %s", r->err);
}

static json_t *out_json(const run_t *r)
{
    json_error_t e;
    json_t *j = json_loads(r->out, 0, &e);
    ck_assert_msg(j != NULL, "%s: %s", e.text, r->out);
    return j;
}

static void keys_are(const json_t *o, const char *want)
{
    char got[1024] = "";
    const char *names[64];
    size_t n = 0;
    const char *k;
    json_t *v;
    json_object_foreach ((json_t *)o, k, v)
        if (n < 64)
            names[n++] = k;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            const char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++) {
        strcat(got, i ? "," : "");
        strcat(got, names[i]);
    }
    ck_assert_str_eq(got, want);
}

#define HS "check synthetic/half-share"

/* ---- check ---------------------------------------------------------------------------------- */

START_TEST(check_verdicts)
{
    run_t r = run(HS " --set n=2 --set pie=3 --set step=1");
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.out, "verdict    FAILS\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "margins    share_minus_half = -1/2\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "counterexample:\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "confirmed"));
    ck_assert_str_eq(r.err, "");
    run_free(&r);

    r = run(HS " --set n=3 --set pie=10 --set step=2");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "verdict    HOLDS\n"));
    run_free(&r);

    r = run(HS " --set n=3 --set pie=4 --set step=2");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "verdict    NOT-APPLICABLE\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "hypothesis violated"));
    run_free(&r);

    r = run(HS " --set n=4 --set pie=50 --set step=1 --max-nodes 5");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "verdict    UNDECIDED\nreason     node limit 5 reached"));
    run_free(&r);

    /* a file, with --set overriding it */
    r = run(HS " --instance tests/data/claims/ultimatum.json --set pie=2");
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.out, "instance   --set n=2 --set pie=2 --set step=0\n"));
    run_free(&r);
}
END_TEST

START_TEST(check_json_and_dot)
{
    char dot[] = "/tmp/mc_cc_dot_XXXXXX";
    close(mkstemp(dot));
    run_t r = run(HS " --set n=2 --set pie=3 --set step=1 --json --dot %s", dot);
    ck_assert_int_eq(r.status, 1);
    json_t *j = out_json(&r);
    keys_are(j, "claim,command,margins,mechanism,params,reason,rechecked,schema,stats,title,"
                "verdict,witness");
    keys_are(json_object_get(j, "stats"), "nodes,seconds");
    ck_assert_str_eq(json_string_value(json_object_get(j, "schema")), "mechcheck-check/1");
    ck_assert_str_eq(json_string_value(json_object_get(j, "verdict")), "FAILS");
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "margins"),
                                                       "share_minus_half")),
                     "-1/2");
    ck_assert(json_is_true(json_object_get(j, "rechecked")));
    json_decref(j);
    run_free(&r);
    char *d = slurp_file(dot);
    unlink(dot);
    ck_assert(strncmp(d, "digraph mechcheck {", 19) == 0);
    ck_assert_ptr_nonnull(strstr(d, "style=dashed")); /* the deviation */
    ck_assert_ptr_nonnull(strstr(d, "[label=\"offer 1\""));
    free(d);
}
END_TEST

START_TEST(check_bad_inputs)
{
    run_t r = run("check synthetic/nope --set n=1");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: check: unknown claim 'synthetic/nope'");
    ck_assert_str_eq(r.out, "");
    run_free(&r);

    r = run("check half-share --set n=1");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: check: unknown claim 'half-share'; did you mean "
                       "synthetic/half-share?");
    run_free(&r);

    r = run(HS " --set n=0 --set pie=3");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: instance --set: parameter 'n' must be an integer in 1..64 "
                       "(got 0)");
    run_free(&r);

    r = run(HS " --set n=2 --set pie=3 --set colour=red");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: instance --set: unknown parameter 'colour'");
    run_free(&r);

    r = run(HS " --set n=2");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: instance --set: parameter 'pie' is required");
    run_free(&r);

    r = run(HS " --set n");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: instance --set: 'n' is not key=value");
    run_free(&r);

    r = run(HS " --instance tests/data/claims/real.json");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: instance tests/data/claims/real.json: parameter 'pie' holds "
                       "the JSON real 0.5");
    run_free(&r);

    r = run(HS " --instance tests/data/claims/missing.json");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: tests/data/claims/missing.json:");
    run_free(&r);

    r = run("check --set n=1");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: check: no claim given");
    run_free(&r);

    r = run(HS " --set n=1 --set pie=2 --frobnicate");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: check: unknown option '--frobnicate'");
    run_free(&r);

    r = run(HS " --set n=1 --set pie=2 --max-nodes lots");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: check: --max-nodes: 'lots' is not a non-negative integer");
    run_free(&r);
}
END_TEST

/* ---- search --------------------------------------------------------------------------------- */

START_TEST(search_shrinks_and_reproduces)
{
    run_t r = run("search synthetic/half-share --over 'n=1..6,pie=0..12,step=0..3' --shrink "
                  "--stop-at-first --set pie=5 --over pie=3..12");
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.out, "verdict    FAILS\n"));
    const char *want = "reproduce:\n  mechcheck check synthetic/half-share --set n=2 --set pie=1 "
                       "--set step=0\n";
    ck_assert_msg(strstr(r.out, want) != NULL, "%s", r.out);
    ck_assert_ptr_nonnull(strstr(r.out, "no smaller candidate fails"));
    ck_assert_str_eq(r.err, ""); /* no progress lines: stderr is not a terminal */
    run_free(&r);
    /* the printed command reproduces the failure */
    r = run(HS " --set n=2 --set pie=1 --set step=0");
    ck_assert_int_eq(r.status, 1);
    run_free(&r);

    r = run("search synthetic/immediate-agreement --over 'n=1..5,pie=0..9,step=0..2'");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "checked    150: "));
    ck_assert_ptr_nonnull(strstr(r.out, "verdict    HOLDS\n"));
    ck_assert_ptr_null(strstr(r.out, "reproduce"));
    run_free(&r);
}
END_TEST

/* Drops the "time" line, the one part of the text that varies. */
static void drop_time(char *s)
{
    char *t = strstr(s, "time       ");
    if (t)
        *t = '\0';
}

START_TEST(search_random_is_seeded)
{
    run_t a = run("search synthetic/half-share --random 40 --seed 11 --shrink");
    run_t b = run("search synthetic/half-share --random 40 --seed 11 --shrink");
    run_t c = run("search synthetic/half-share --random 40 --seed 12");
    ck_assert_int_eq(a.status, 1);
    ck_assert_ptr_nonnull(strstr(a.out, "(40 random instances, seed 11)"));
    ck_assert_ptr_nonnull(strstr(a.out, "--set n=2 --set pie=1 --set step=0"));
    drop_time(a.out);
    drop_time(b.out);
    drop_time(c.out);
    ck_assert_str_eq(a.out, b.out);
    ck_assert_str_ne(a.out, c.out);
    run_free(&a);
    run_free(&b);
    run_free(&c);

    a = run("search synthetic/half-share --over n=2 --over pie=3..4 --json");
    ck_assert_int_eq(a.status, 1);
    json_t *j = out_json(&a);
    keys_are(j, "checked,claim,complete,counts,family,first_failure,mode,schema,stats,verdict");
    ck_assert_str_eq(json_string_value(json_object_get(j, "family")), "n=2,pie=3..4");
    ck_assert_int_eq(json_integer_value(json_object_get(j, "checked")), 2);
    keys_are(json_object_get(j, "first_failure"),
             "claim,command,index,margins,params,reason,verdict,witness");
    json_decref(j);
    run_free(&a);
}
END_TEST

START_TEST(search_limits_and_errors)
{
    /* a family far too big for 0.3 s: stopped, UNDECIDED, exit 0 */
    run_t r = run("search synthetic/immediate-agreement --over 'n=1..64,pie=0..100000,step=1' "
                  "--timeout 0.3");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "stopped    timeout of 0.3 s reached after"));
    ck_assert_ptr_nonnull(strstr(r.out, "verdict    UNDECIDED\n"));
    run_free(&r);

    r = run("search synthetic/half-share --over 'n=3..1'");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: search: --over: family 'n=3..1': the range is empty");
    run_free(&r);

    r = run("search synthetic/half-share");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: search: say which instances: --over SPEC or --random N");
    run_free(&r);

    r = run("search synthetic/half-share --over 'n=1..2,pie=-1..0'");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: instance search: parameter 'pie' must be an integer in "
                       "0..1000000 (got -1)");
    run_free(&r);
}
END_TEST

/* ---- report, list, help instance ------------------------------------------------------------- */

START_TEST(report_commands)
{
    /* the committed report, through the binary */
    run_t r = run("report synthetic --suite proofs/synthetic.suite.json");
    ck_assert_int_eq(r.status, 1); /* the fixture has a failing claim */
    char path[512];
    char *committed = slurp_file(mc_test_data("../../proofs/synthetic.md", path, sizeof path));
    ck_assert_str_eq(r.out, committed);
    ck_assert_str_eq(r.err, "");
    free(committed);
    run_free(&r);

    char dir[] = "/tmp/mc_cc_reports_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    r = run("report --all --format html -o %s", dir);
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.out, "synthetic/half-share                     FAILS"));
    ck_assert_ptr_nonnull(strstr(r.out, "reports written to"));
    run_free(&r);
    char file[600];
    snprintf(file, sizeof file, "%s/synthetic.html", dir);
    char *html = slurp_file(file);
    ck_assert_ptr_nonnull(strstr(html, "<svg"));
    free(html);
    unlink(file);
    snprintf(file, sizeof file, "%s/synthetic.timings.md", dir);
    char *tim = slurp_file(file);
    ck_assert_ptr_nonnull(strstr(tim, "| synthetic/half-share: instance 1 | 1 |"));
    free(tim);
    unlink(file);
    rmdir(dir);

    /* limits: everything that needs work becomes UNDECIDED; nothing fails */
    r = run("report synthetic --suite proofs/synthetic.suite.json --max-nodes 3 --format json");
    ck_assert_int_eq(r.status, 0);
    json_t *j = out_json(&r);
    const json_t *s = json_object_get(j, "summary");
    ck_assert_int_eq(json_integer_value(json_object_get(s, "UNDECIDED")), 2);
    json_decref(j);
    run_free(&r);

    r = run("report nope");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: report: unknown paper 'nope'");
    run_free(&r);
    r = run("report synthetic --format pdf");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: report: --format: 'pdf' is not one of md, json, html");
    run_free(&r);
}
END_TEST

START_TEST(list_and_help_instance)
{
    run_t r = run("list");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "synthetic [fixture]"));
    ck_assert_ptr_nonnull(strstr(r.out, "    synthetic/half-share "));
    run_free(&r);
    r = run("list synthetic --json");
    ck_assert_int_eq(r.status, 0);
    json_t *j = out_json(&r);
    keys_are(j, "papers,schema");
    const json_t *p = json_array_get(json_object_get(j, "papers"), 0);
    keys_are(p, "authors,claims,fixture,id,mechanisms,seed,title");
    keys_are(json_array_get(json_object_get(p, "claims"), 0),
             "hypotheses,id,mechanism,name,statement,title");
    json_decref(j);
    run_free(&r);
    r = run("list nope");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: list: unknown paper 'nope'");
    run_free(&r);

    r = run("help instance synthetic/ultimatum");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "parameters:\n  n (int, required) "));
    ck_assert_ptr_nonnull(strstr(r.out, "  step (int, default 0) "));
    ck_assert_ptr_nonnull(strstr(r.out, "example: mechcheck check synthetic/half-share"));
    run_free(&r);
    r = run("help instance");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "  synthetic/ultimatum "));
    run_free(&r);
    r = run("help instance nope");
    ck_assert_int_eq(r.status, 2);
    one_error_line(&r, "mechcheck: help instance: unknown mechanism 'nope'");
    run_free(&r);
    r = run("help check");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "usage: mechcheck check CLAIM"));
    run_free(&r);
}
END_TEST

Suite *mc_suite_cli_claims(void)
{
    Suite *s = suite_create("cli_claims");
    TCase *tc = tcase_create("commands");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, check_verdicts);
    tcase_add_test(tc, check_json_and_dot);
    tcase_add_test(tc, check_bad_inputs);
    tcase_add_test(tc, search_shrinks_and_reproduces);
    tcase_add_test(tc, search_random_is_seeded);
    tcase_add_test(tc, search_limits_and_errors);
    tcase_add_test(tc, report_commands);
    tcase_add_test(tc, list_and_help_instance);
    suite_add_tcase(s, tc);
    return s;
}

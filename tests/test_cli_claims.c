/* The claim commands end to end through the binary ($MC_BIN): check, search,
 * report, list, help instance — exit statuses, outputs, JSON key sets, bad
 * inputs with one-line errors, limits as UNDECIDED. */
#include "cli_testutil.h"
#include "mechcheck/gambit.h"

static char *slurp_file(const char *path)
{
    char *buf = NULL;
    size_t len;
    mc_error err;
    ck_assert_msg(mc_read_file(path, &buf, &len, &err) == MC_OK, "%s", err.msg);
    return buf;
}

#define HS "check synthetic/half-share"

/* ---- check ---------------------------------------------------------------------------------- */

START_TEST(check_verdicts)
{
    cli_run r = run_cli(HS " --set n=2 --set pie=3 --set step=1");
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.out, "verdict    FAILS\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "margins    share_minus_half = -1/2\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "counterexample:\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "confirmed"));
    ck_assert_str_eq(r.err, "");
    run_free(&r);

    r = run_cli(HS " --set n=3 --set pie=10 --set step=2");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "verdict    HOLDS\n"));
    run_free(&r);

    r = run_cli(HS " --set n=3 --set pie=4 --set step=2");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "verdict    NOT-APPLICABLE\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "hypothesis violated"));
    run_free(&r);

    r = run_cli(HS " --set n=4 --set pie=50 --set step=1 --max-nodes 5");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "verdict    UNDECIDED\nreason     node limit 5 reached"));
    run_free(&r);

    /* a file, with --set overriding it */
    r = run_cli(HS " --instance tests/data/claims/ultimatum.json --set pie=2");
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.out, "instance   --set n=2 --set pie=2 --set step=0\n"));
    run_free(&r);
}
END_TEST

START_TEST(check_json_and_dot)
{
    char dot[] = "/tmp/mc_cc_dot_XXXXXX";
    close(mkstemp(dot));
    cli_run r = run_cli(HS " --set n=2 --set pie=3 --set step=1 --json --dot %s", dot);
    ck_assert_int_eq(r.status, 1);
    json_t *j = out_json(&r);
    assert_keys(j, "claim,command,margins,mechanism,params,reason,rechecked,schema,stats,title,"
                   "verdict,witness");
    assert_keys(json_object_get(j, "stats"), "nodes,seconds");
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

/* --dot for perfect-revenue: the Lemma 1 counterexample's node and the best
 * vote, a HOLDS instance's equilibrium path, and a claim not checked on a
 * game tree (exit 2, one line, no file). */
START_TEST(check_dot_perfect_revenue)
{
    char dot[] = "/tmp/mc_cc_prdot_XXXXXX";
    close(mkstemp(dot));
    cli_run r = run_cli("check perfect-revenue/lemma-1 --set n=3 --set tv=1,1,1 "
                        "--set partition=1,2 --set caps=1 --dot %s",
                        dot);
    ck_assert_int_eq(r.status, 1);
    ck_assert_str_eq(r.err, "");
    run_free(&r);
    char *d = slurp_file(dot);
    ck_assert(strncmp(d, "digraph mechcheck {", 19) == 0);
    ck_assert_ptr_nonnull(strstr(d, "label=\"perfect-revenue/lemma-1: FAILS\";"));
    ck_assert_ptr_nonnull(strstr(d, " [label=\"bot:(1,1,0) (1,_,0) (0,0,_)\\nLemma 1 (YES/NO): "
                                    "mismatch for block {1,2}\\n"));
    ck_assert_ptr_nonnull(strstr(d, "shape=ellipse, style=\"bold,filled\", fillcolor="));
    ck_assert_ptr_nonnull(strstr(d, " [label=\"1:YES,2:NO\\nbest: block {1,2} value -67009/37800 "
                                    "(gap 631/675)\", style=dashed, color="));
    ck_assert_ptr_nonnull(strstr(d, " [label=\"1:YES,2:YES\\nprescribed: block {1,2} value "
                                    "-6823/2520\"];"));
    free(d);

    r = run_cli("check perfect-revenue/lemma-1 --set n=2 --set tv=1,2 --set eps=1/20 "
                "--set caps=3 --dot %s",
                dot);
    ck_assert_int_eq(r.status, 0);
    run_free(&r);
    d = slurp_file(dot);
    ck_assert(strncmp(d, "digraph mechcheck {", 19) == 0);
    ck_assert_ptr_nonnull(strstr(d, "n0 -> n1 [label=\"w:(1,2)\", style=bold"));
    ck_assert_ptr_nonnull(strstr(d, "n2 -> n3 [label=\"YES\", style=bold"));
    ck_assert_ptr_nonnull(strstr(d, "n3 [label=\"w:(1,2) (0,_) NO={} (29/80, 1/10)\", shape=box"));
    ck_assert_ptr_null(strstr(d, "dashed"));
    ck_assert_ptr_null(strstr(d, "filled"));
    free(d);
    unlink(dot);

    assert_cli_error_is("mechcheck: check: --dot: the HOLDS result of perfect-revenue/theorem-1 "
                        "carries no game fragment (only claims checked on a game tree have one); "
                        "/tmp/mc_cc_no_such.dot not written\n",
                        "check perfect-revenue/theorem-1 --set eps=1/10 "
                        "--dot /tmp/mc_cc_no_such.dot");
    ck_assert_int_ne(access("/tmp/mc_cc_no_such.dot", F_OK), 0);
}
END_TEST

START_TEST(check_bad_inputs)
{
    cli_run r = run_cli("check synthetic/nope --set n=1");
    ck_assert_int_eq(r.status, 2);
    assert_one_error_line(&r, "mechcheck: check: unknown claim 'synthetic/nope'");
    ck_assert_str_eq(r.out, "");
    run_free(&r);

    assert_cli_error("mechcheck: check: unknown claim 'half-share'; did you mean "
                     "synthetic/half-share?",
                     "check half-share --set n=1");

    assert_cli_error("mechcheck: instance --set: parameter 'n' must be an integer in 1..64 "
                     "(got 0)",
                     HS " --set n=0 --set pie=3");

    assert_cli_error("mechcheck: instance --set: unknown parameter 'colour'",
                     HS " --set n=2 --set pie=3 --set colour=red");

    assert_cli_error("mechcheck: instance --set: parameter 'pie' is required", HS " --set n=2");

    assert_cli_error("mechcheck: instance --set: 'n' is not key=value", HS " --set n");

    assert_cli_error("mechcheck: instance tests/data/claims/real.json: parameter 'pie' holds "
                     "the JSON real 0.5",
                     HS " --instance tests/data/claims/real.json");

    assert_cli_error("mechcheck: tests/data/claims/missing.json:",
                     HS " --instance tests/data/claims/missing.json");

    assert_cli_error("mechcheck: check: no claim given", "check --set n=1");

    assert_cli_error("mechcheck: check: unknown option '--frobnicate'",
                     HS " --set n=1 --set pie=2 --frobnicate");

    assert_cli_error("mechcheck: check: --max-nodes: 'lots' is not a non-negative integer",
                     HS " --set n=1 --set pie=2 --max-nodes lots");
}
END_TEST

/* ---- search --------------------------------------------------------------------------------- */

START_TEST(search_shrinks_and_reproduces)
{
    cli_run r = run_cli("search synthetic/half-share --over 'n=1..6,pie=0..12,step=0..3' --shrink "
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
    r = run_cli(HS " --set n=2 --set pie=1 --set step=0");
    ck_assert_int_eq(r.status, 1);
    run_free(&r);

    r = run_cli("search synthetic/immediate-agreement --over 'n=1..5,pie=0..9,step=0..2'");
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
    cli_run a = run_cli("search synthetic/half-share --random 40 --seed 11 --shrink");
    cli_run b = run_cli("search synthetic/half-share --random 40 --seed 11 --shrink");
    cli_run c = run_cli("search synthetic/half-share --random 40 --seed 12");
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

    a = run_cli("search synthetic/half-share --over n=2 --over pie=3..4 --json");
    ck_assert_int_eq(a.status, 1);
    json_t *j = out_json(&a);
    assert_keys(j, "checked,claim,complete,counts,family,first_failure,mode,schema,stats,verdict");
    ck_assert_str_eq(json_string_value(json_object_get(j, "family")), "n=2,pie=3..4");
    ck_assert_int_eq(json_integer_value(json_object_get(j, "checked")), 2);
    assert_keys(json_object_get(j, "first_failure"),
                "claim,command,index,margins,params,reason,verdict,witness");
    json_decref(j);
    run_free(&a);
}
END_TEST

START_TEST(search_limits_and_errors)
{
    /* a family far too big for 0.3 s: stopped, UNDECIDED, exit 0 */
    cli_run r =
        run_cli("search synthetic/immediate-agreement --over 'n=1..64,pie=0..100000,step=1' "
                "--timeout 0.3");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "stopped    timeout of 0.3 s reached after"));
    ck_assert_ptr_nonnull(strstr(r.out, "verdict    UNDECIDED\n"));
    run_free(&r);

    assert_cli_error("mechcheck: search: --over: family 'n=3..1': the range is empty",
                     "search synthetic/half-share --over 'n=3..1'");

    assert_cli_error("mechcheck: search: say which instances: --over SPEC or --random N",
                     "search synthetic/half-share");

    assert_cli_error("mechcheck: instance search: parameter 'pie' must be an integer in "
                     "0..1000000 (got -1)",
                     "search synthetic/half-share --over 'n=1..2,pie=-1..0'");
}
END_TEST

/* ---- report, list, help instance ------------------------------------------------------------- */

START_TEST(report_commands)
{
    /* the committed report, through the binary */
    cli_run r = run_cli("report synthetic --suite proofs/synthetic.suite.json");
    ck_assert_int_eq(r.status, 1); /* the fixture has a failing claim */
    char path[512];
    char *committed = slurp_file(mc_test_data("../../proofs/synthetic.md", path, sizeof path));
    ck_assert_str_eq(r.out, committed);
    ck_assert_str_eq(r.err, "");
    free(committed);
    run_free(&r);

    char dir[] = "/tmp/mc_cc_reports_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    r = run_cli("report --all --format html -o %s", dir);
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
    r = run_cli("report synthetic --suite proofs/synthetic.suite.json --max-nodes 3 --format json");
    ck_assert_int_eq(r.status, 0);
    json_t *j = out_json(&r);
    const json_t *s = json_object_get(j, "summary");
    ck_assert_int_eq(json_integer_value(json_object_get(s, "UNDECIDED")), 2);
    json_decref(j);
    run_free(&r);

    assert_cli_error("mechcheck: report: unknown paper 'nope'", "report nope");
    assert_cli_error("mechcheck: report: --format: 'pdf' is not one of md, json, html",
                     "report synthetic --format pdf");
}
END_TEST

START_TEST(list_and_help_instance)
{
    cli_run r = run_cli("list");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "synthetic [fixture]"));
    ck_assert_ptr_nonnull(strstr(r.out, "    synthetic/half-share "));
    run_free(&r);
    r = run_cli("list synthetic --json");
    ck_assert_int_eq(r.status, 0);
    json_t *j = out_json(&r);
    assert_keys(j, "papers,schema");
    const json_t *p = json_array_get(json_object_get(j, "papers"), 0);
    assert_keys(p, "authors,claims,fixture,id,mechanisms,seed,title");
    assert_keys(json_array_get(json_object_get(p, "claims"), 0),
                "hypotheses,id,mechanism,name,statement,title");
    json_decref(j);
    run_free(&r);
    assert_cli_error("mechcheck: list: unknown paper 'nope'", "list nope");

    r = run_cli("help instance synthetic/ultimatum");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "parameters:\n  n (int, required) "));
    ck_assert_ptr_nonnull(strstr(r.out, "  step (int, default 0) "));
    ck_assert_ptr_nonnull(strstr(r.out, "example: mechcheck check synthetic/half-share"));
    run_free(&r);
    r = run_cli("help instance");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "  synthetic/ultimatum "));
    run_free(&r);
    assert_cli_error("mechcheck: help instance: unknown mechanism 'nope'", "help instance nope");
    r = run_cli("help check");
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
    tcase_add_test(tc, check_dot_perfect_revenue);
    tcase_add_test(tc, check_bad_inputs);
    tcase_add_test(tc, search_shrinks_and_reproduces);
    tcase_add_test(tc, search_random_is_seeded);
    tcase_add_test(tc, search_limits_and_errors);
    tcase_add_test(tc, report_commands);
    tcase_add_test(tc, list_and_help_instance);
    suite_add_tcase(s, tc);
    return s;
}

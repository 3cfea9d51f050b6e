/* mechcheck solve --maximin end to end: exact values in text and JSON on
 * Kuhn poker (-1/18 for player 1) and spec 004's App E.3 under AGV
 * (maximin 9, -7/4, -101/4), a normal form, and one-line errors. */
#include "cli_testutil.h"

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
    cli_run r;
    json_t *j = run_json(&r, "solve '%s' %s --json", example(file, path, sizeof path), args);
    ck_assert_str_eq(json_string_value(json_object_get(j, "status")), "OPTIMAL_CERTIFIED");
    ck_assert_str_eq(json_string_value(json_object_get(j, "value")), want);
    ck_assert_str_eq(json_string_value(json_object_get(j, "method")), "maximin");
    json_decref(j);
    run_free(&r);
}

START_TEST(test_kuhn)
{
    json_value("kuhn.efg", "--maximin 1", "-1/18");
    json_value("kuhn.efg", "--maximin 2", "1/18");
    json_value("kuhn.efg", "--maximin 2 --against independent", "1/18");
    char path[1024];
    cli_run r = run_cli("solve '%s' --maximin 1", example("kuhn.efg", path, sizeof path));
    ck_assert_int_eq(r.status, 0);
    ck_assert_msg(strstr(r.out, "value: -1/18"), "%s", r.out);
    /* player 1 never bets with Q and always calls... or folds: a behaviour line per set */
    ck_assert_msg(strstr(r.out, "(P1 Q): check 1"), "%s", r.out);
    run_free(&r);
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
    cli_run r = run_cli("solve '%s' --maximin 1 --json", mc_test_data("pd.nfg", path, sizeof path));
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    ck_assert_msg(strstr(r.out, "\"value\": \"-2\""), "%s", r.out);
    run_free(&r);
}
END_TEST

START_TEST(test_errors)
{
    char path[1024];
    const char *k = example("kuhn.efg", path, sizeof path);
    cli_run r = run_cli("solve '%s' --maximin 3", k);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "not in 1..2") && strstr(r.err, "kuhn.efg"), "%s", r.err);
    run_free(&r);
    r = run_cli("solve '%s' --maximin 1 --against everybody", k);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "pooled, independent"), "%s", r.err);
    run_free(&r);
    r = run_cli("solve '%s' --maximin 1,2", k);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "leave some player out"), "%s", r.err);
    run_free(&r);
    r = run_cli("solve '%s' --maximin", k);
    ck_assert_int_eq(r.status, 2);
    run_free(&r);
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

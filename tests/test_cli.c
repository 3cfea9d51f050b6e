/* The mechcheck binary end to end: runs $MC_BIN on the bundled examples and
 * on bad inputs, and checks exit codes, exact values in the JSON output
 * (values computed by hand in the comments), the JSON keys documented in
 * README.md, and the one-line error messages. */
#include "cli_testutil.h"

#ifndef MC_VERSION
#define MC_VERSION "0.1.0"
#endif

/* ---- help, version, dispatcher ---------------------------------------------------- */

START_TEST(version)
{
    cli_run r = run_cli("--version");
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "mechcheck " MC_VERSION "\n");
    ck_assert_str_eq(r.err, "");
    run_free(&r);
}
END_TEST

START_TEST(help)
{
    cli_run r = run_cli("--help");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "usage: mechcheck COMMAND"));
    ck_assert_ptr_nonnull(strstr(r.out, "  solve "));
    ck_assert_ptr_nonnull(strstr(r.out, "  export   write a mechanism's game"));
    ck_assert_str_eq(r.err, "");
    run_free(&r);

    cli_run a = run_cli("help solve"), b = run_cli("solve --help");
    ck_assert_int_eq(a.status, 0);
    ck_assert_int_eq(b.status, 0);
    ck_assert_str_eq(a.out, b.out);
    ck_assert_ptr_nonnull(strstr(a.out, "usage: mechcheck solve FILE --spe"));
    ck_assert_ptr_nonnull(strstr(a.out, "--agents SPEC"));
    ck_assert_ptr_nonnull(strstr(a.out, "--resolve first-ne|abort"));
    run_free(&a);
    run_free(&b);

    r = run_cli("export --help");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "usage: mechcheck export MECHANISM"));
    run_free(&r);
}
END_TEST

START_TEST(usage_errors)
{
    cli_run r = run_cli("");
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.out, "");
    ck_assert_ptr_nonnull(strstr(r.err, "usage: mechcheck"));
    run_free(&r);

    assert_cli_error_is("mechcheck: unknown command 'frobnicate' (see 'mechcheck --help')\n",
                        "frobnicate");

    assert_cli_error_is("mechcheck: unknown option '--frob' (see 'mechcheck --help')\n", "--frob");

    assert_cli_error("mechcheck: help: unknown command 'frobnicate'", "help frobnicate");

    r = run_cli("solve '%s' --spe --foo", data("examples/centipede.efg"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.out, "");
    ck_assert_str_eq(r.err,
                     "mechcheck: solve: unknown option '--foo' (see 'mechcheck solve --help')\n");
    run_free(&r);

    assert_cli_error("mechcheck: solve: option '--json' takes no value",
                     "solve '%s' --spe --json=yes", data("examples/centipede.efg"));

    assert_cli_error("mechcheck: solve: option '--agents' needs a value",
                     "solve '%s' --spe --agents", data("examples/centipede.efg"));

    assert_cli_error_is("mechcheck: solve: --max-nodes: '12x' is not a non-negative integer\n",
                        "solve '%s' --spe --max-nodes 12x", data("examples/centipede.efg"));

    assert_cli_error("mechcheck: solve: --resolve: 'maybe'", "solve '%s' --spe --resolve maybe",
                     data("examples/centipede.efg"));

    assert_cli_error("mechcheck: solve: say what to compute", "solve '%s'",
                     data("examples/centipede.efg"));

    assert_cli_error("mechcheck: solve: no game file given", "solve --spe");

    assert_cli_error("mechcheck: solve: option '--maximin' needs a value (AGENT)",
                     "solve '%s' --maximin", data("examples/centipede.efg"));

    r = run_cli("solve '%s' --spe --spe --json", data("examples/centipede.efg"));
    ck_assert_int_eq(r.status, 0); /* repeating an option is harmless */
    run_free(&r);

    assert_cli_error("mechcheck: export: cannot export 'synthetic/ultimatum'",
                     "export synthetic/ultimatum");
}
END_TEST

/* ---- bad inputs ------------------------------------------------------------------ */

START_TEST(bad_files)
{
    char want[1200];
    const char *missing = data("cli/does-not-exist.efg");
    cli_run r = run_cli("solve '%s' --spe", missing);
    ck_assert_int_eq(r.status, 2);
    snprintf(want, sizeof want, "mechcheck: %s", missing);
    assert_one_error_line(&r, want);
    ck_assert_str_eq(r.out, "");
    run_free(&r);

    /* the payoff list on line 5 never closes: the error names line 5 */
    const char *bad = data("cli/malformed.efg");
    r = run_cli("solve '%s' --spe --json", bad);
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.out, "");
    snprintf(want, sizeof want, "mechcheck: %s:", bad);
    assert_one_error_line(&r, want);
    int line = 0, col = 0;
    ck_assert_msg(sscanf(r.err + strlen(want), "%d:%d:", &line, &col) == 2,
                  "no line:col in [%s]", r.err);
    ck_assert_int_ge(line, 5);
    ck_assert_int_le(line, 6);
    ck_assert_int_ge(col, 1);
    run_free(&r);

    const char *nfg = data("cli/game.nfg");
    snprintf(want, sizeof want, "mechcheck: %s:1:1: this is a normal-form game (NFG); "
                                "backward induction (--spe) needs an extensive form (.efg)\n",
             nfg);
    assert_cli_error_is(want, "solve '%s' --spe", nfg);

    const char *junk = data("cli/notagame.efg");
    snprintf(want, sizeof want, "mechcheck: %s:1:1: not a Gambit game file", junk);
    assert_cli_error(want, "solve '%s' --spe", junk);

    /* an information set that is not a simultaneous stage: no backward induction */
    r = run_cli("solve '%s' --spe", data("cli/imperfect.efg"));
    ck_assert_int_eq(r.status, 2);
    assert_one_error_line(&r, "mechcheck: ");
    ck_assert_str_eq(r.out, "");
    run_free(&r);

    const char *pd = data("cli/pd.efg");
    snprintf(want, sizeof want, "mechcheck: %s: agents \"1,3\": player 3", pd);
    assert_cli_error(want, "solve '%s' --spe --agents '1,3'", pd);
}
END_TEST

/* ---- results ---------------------------------------------------------------------- */

/* Centipede: every mover strictly prefers taking (1 > 0, 2 > 1, 3 > 2, 4 > 3),
 * so Ann takes at once: values (1, 0), unique. */
START_TEST(centipede_json)
{
    cli_run r;
    json_t *j = run_json(&r, "solve '%s' --spe --json", data("examples/centipede.efg"));
    assert_strings(jget(j, "players"), 2, "Ann", "Bob");
    json_t *agents = jget(j, "agents");
    ck_assert_int_eq((int)json_array_size(agents), 2);
    ck_assert_int_eq(json_integer_value(json_array_get(json_array_get(agents, 0), 0)), 1);
    ck_assert_int_eq(json_integer_value(json_array_get(json_array_get(agents, 1), 0)), 2);
    ck_assert_int_eq(jget_int(j, "merged_stages"), 0);
    json_t *spe = jget(j, "spe");
    ck_assert(json_is_true(jget(spe, "unique")));
    ck_assert(json_is_true(jget(spe, "verified")));
    assert_strings(jget(spe, "values"), 2, "1", "0");
    json_t *path = jget(spe, "path");
    ck_assert_int_eq((int)json_array_size(path), 1);
    json_t *s = json_array_get(path, 0);
    ck_assert_int_eq(jget_int(s, "node"), 1);
    ck_assert_str_eq(jget_str(s, "name"), "move 1");
    ck_assert_int_eq(jget_int(s, "agent"), 1);
    ck_assert_str_eq(jget_str(s, "action"), "take");
    ck_assert_str_eq(jget_str(s, "reach"), "1");
    ck_assert_int_eq((int)json_array_size(jget(spe, "ties")), 0);
    ck_assert_int_eq(jget_int(spe, "ties_total"), 0);
    ck_assert_int_eq((int)json_array_size(jget(spe, "not_dominance_solvable")), 0);
    ck_assert_ptr_null(json_object_get(spe, "witness"));
    json_t *stats = jget(j, "stats");
    ck_assert_int_ge(jget_int(stats, "nodes"), 1);
    ck_assert_int_eq(jget_int(stats, "tree_nodes"), 9);
    ck_assert(json_is_number(jget(stats, "seconds")));
    json_decref(j);
    run_free(&r);
}
END_TEST

/* Entry: boom (1/3): accommodate 3 > fight 2, so in 3 > out 0; bust (2/3):
 * the incumbent is indifferent (1 = 1), and either way out 0 beats in (-2
 * or -1).  Entrant 1/3*3 = 1; incumbent 1/3*3 + 2/3*4 = 11/3.  The tie at
 * node 8 makes the SPE non-unique. */
START_TEST(entry_json_witness)
{
    cli_run r;
    json_t *j = run_json(&r, "solve '%s' --spe --json --witness", data("examples/entry.efg"));
    json_t *spe = jget(j, "spe");
    assert_strings(jget(spe, "values"), 2, "1", "11/3");
    ck_assert(json_is_false(jget(spe, "unique")));
    json_t *path = jget(spe, "path");
    ck_assert_int_eq((int)json_array_size(path), 4);
    json_t *c = json_array_get(path, 0);
    ck_assert_int_eq(jget_int(c, "node"), 1);
    ck_assert(json_is_true(jget(c, "chance")));
    ck_assert_str_eq(jget_str(c, "reach"), "1");
    static const struct {
        int node, agent;
        const char *action, *reach;
    } want[] = {{2, 1, "in", "1/3"}, {3, 2, "accommodate", "1/3"}, {7, 1, "out", "2/3"}};
    for (int i = 0; i < 3; i++) {
        json_t *s = json_array_get(path, (size_t)i + 1);
        ck_assert_int_eq(jget_int(s, "node"), want[i].node);
        ck_assert_int_eq(jget_int(s, "agent"), want[i].agent);
        ck_assert_str_eq(jget_str(s, "action"), want[i].action);
        ck_assert_str_eq(jget_str(s, "reach"), want[i].reach);
    }
    json_t *ties = jget(spe, "ties");
    ck_assert_int_eq((int)json_array_size(ties), 1);
    json_t *t = json_array_get(ties, 0);
    ck_assert_int_eq(jget_int(t, "node"), 8);
    ck_assert_str_eq(jget_str(t, "name"), "bust, entered");
    ck_assert_int_eq(jget_int(t, "agent"), 2);
    assert_strings(jget(t, "actions"), 2, "fight", "accommodate");
    ck_assert_str_eq(jget_str(t, "value"), "1");
    ck_assert_int_eq(jget_int(spe, "ties_total"), 1);
    json_t *w = jget(spe, "witness");
    ck_assert(json_is_true(jget(w, "verified")));
    ck_assert(json_is_false(jget(w, "strict")));
    ck_assert(json_is_false(jget(w, "strict_checked")));
    ck_assert(json_is_null(jget(w, "error")));
    json_t *strategy = jget(w, "strategy");
    ck_assert_int_eq((int)json_array_size(strategy), 4); /* decision nodes 2, 3, 7, 8 */
    ck_assert_int_eq(jget_int(json_array_get(strategy, 3), "node"), 8);
    json_decref(j);
    run_free(&r);
}
END_TEST

/* First-price auction, values 3 and 2, bids 0..2, coin on ties.  Expected
 * payoffs: u1 rows b1 = [3/2 0 0; 2 1 0; 1 1 1/2], u2 = [1 1 0; 0 1/2 0;
 * 0 0 0].  No strict dominance; pure NE (1,1), (2,1), (2,2); the first in
 * profile order is (1,1): values (1, 1/2).  Bids (1,1) reach the coin at
 * node 10 of the file. */
START_TEST(auction_stage)
{
    cli_run r;
    json_t *j = run_json(&r, "solve '%s' --spe --json", data("examples/auction.efg"));
    ck_assert_int_eq(jget_int(j, "merged_stages"), 1);
    json_t *spe = jget(j, "spe");
    assert_strings(jget(spe, "values"), 2, "1", "1/2");
    ck_assert(json_is_false(jget(spe, "unique")));
    json_t *path = jget(spe, "path");
    ck_assert_int_eq((int)json_array_size(path), 3);
    for (int i = 0; i < 2; i++) {
        json_t *s = json_array_get(path, (size_t)i);
        ck_assert_int_eq(jget_int(s, "node"), 1);
        ck_assert_int_eq(jget_int(s, "agent"), i + 1);
        ck_assert_str_eq(jget_str(s, "action"), "1");
    }
    ck_assert_int_eq(jget_int(json_array_get(path, 2), "node"), 10);
    ck_assert(json_is_true(jget(json_array_get(path, 2), "chance")));
    json_t *stages = jget(spe, "not_dominance_solvable");
    ck_assert_int_eq((int)json_array_size(stages), 1);
    json_t *s = json_array_get(stages, 0);
    ck_assert_int_eq(jget_int(s, "node"), 1);
    ck_assert_str_eq(jget_str(s, "class"), "MULTI-NE");
    ck_assert_int_eq(jget_int(s, "survivors_total"), 9);
    ck_assert_int_eq((int)json_array_size(jget(s, "survivors")), 8); /* MC_SPE_SHOW kept */
    ck_assert_int_eq(jget_int(s, "nash_total"), 3);
    json_t *ne = jget(s, "nash");
    ck_assert_int_eq((int)json_array_size(ne), 3);
    assert_strings(json_array_get(ne, 0), 2, "1", "1");
    assert_strings(json_array_get(ne, 1), 2, "2", "1");
    assert_strings(json_array_get(ne, 2), 2, "2", "2");
    assert_strings(jget(s, "chosen"), 2, "1", "1");
    ck_assert_int_eq(jget_int(jget(spe, "stage_counts"), "MULTI-NE"), 1);
    json_decref(j);
    run_free(&r);

    assert_cli_error("mechcheck: ", "solve '%s' --spe --resolve abort",
                     data("examples/auction.efg"));

    /* unmerged, bidder 2's information set has three nodes */
    assert_cli_error("mechcheck: ", "solve '%s' --spe --no-merge", data("examples/auction.efg"));
}
END_TEST

/* Prisoners' dilemma: D strictly dominant for both, (1, 1), unique.  As one
 * coalition the pair maximises the sum: CC = 6 beats 4, 4, 2: (3, 3). */
START_TEST(pd_agents)
{
    cli_run r;
    json_t *j = run_json(&r, "solve '%s' --spe --json", data("cli/pd.efg"));
    json_t *spe = jget(j, "spe");
    assert_strings(jget(spe, "values"), 2, "1", "1");
    ck_assert(json_is_true(jget(spe, "unique")));
    ck_assert_int_eq(jget_int(jget(spe, "stage_counts"), "DOMINANT"), 1);
    ck_assert_int_eq((int)json_array_size(jget(spe, "not_dominance_solvable")), 0);
    json_decref(j);
    run_free(&r);

    j = run_json(&r, "solve '%s' --spe --json --agents '1,2'", data("cli/pd.efg"));
    json_t *agents = jget(j, "agents");
    ck_assert_int_eq((int)json_array_size(agents), 1);
    ck_assert_int_eq((int)json_array_size(json_array_get(agents, 0)), 2);
    spe = jget(j, "spe");
    assert_strings(jget(spe, "values"), 2, "3", "3");
    ck_assert(json_is_true(jget(spe, "unique")));
    json_t *path = jget(spe, "path");
    ck_assert_int_eq((int)json_array_size(path), 1);
    ck_assert_int_eq(jget_int(json_array_get(path, 0), "agent"), 1);
    ck_assert_str_eq(jget_str(json_array_get(path, 0), "action"), "C,C");
    json_decref(j);
    run_free(&r);

    /* the header decides, not the extension: an EFG named .nfg solves */
    j = run_json(&r, "solve '%s' --spe --json", data("cli/pd-named.nfg"));
    assert_strings(jget(jget(j, "spe"), "values"), 2, "1", "1");
    json_decref(j);
    run_free(&r);
}
END_TEST

START_TEST(text_output)
{
    cli_run r = run_cli("solve '%s' --spe --witness", data("examples/entry.efg"));
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, "");
    ck_assert_ptr_nonnull(strstr(r.out, "players: 1 Entrant, 2 Incumbent\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "  value Entrant      1\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "  value Incumbent    11/3\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "  unique: no\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "#1 (market)  chance: boom 1/3 | bust 2/3\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "#7 (bust)  Entrant: out  (reach 2/3)\n"));
    ck_assert_ptr_nonnull(
        strstr(r.out, "  #8 (bust, entered)  Incumbent: fight | accommodate  value 1\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "re-check from the payoffs: passed"));
    ck_assert_ptr_nonnull(strstr(r.out, "strategy profile"));
    run_free(&r);

    /* identical apart from the timing line */
    cli_run a = run_cli("solve '%s' --spe", data("examples/auction.efg"));
    cli_run b = run_cli("solve '%s' --spe", data("examples/auction.efg"));
    ck_assert_int_eq(a.status, 0);
    char *sa = strstr(a.out, "\nstats:"), *sb = strstr(b.out, "\nstats:");
    ck_assert_ptr_nonnull(sa);
    ck_assert_ptr_nonnull(sb);
    *sa = *sb = '\0';
    ck_assert_str_eq(a.out, b.out);
    run_free(&a);
    run_free(&b);
}
END_TEST

/* The documented keys, exactly: removing or renaming one breaks users. */
START_TEST(json_schema)
{
    cli_run r;
    json_t *j = run_json(&r, "solve '%s' --spe --json --witness", data("examples/entry.efg"));
    assert_keys(j, "file,format,title,players,agents,merged_stages,spe,stats");
    json_t *spe = jget(j, "spe");
    assert_keys(spe, "unique,values,verified,resolve,path,ties,ties_total,"
                     "not_dominance_solvable,stage_counts,witness");
    assert_keys(jget(spe, "stage_counts"), "DOMINANT,IESDS-ONLY,ONE-NE,MULTI-NE,NO-PURE-NE");
    json_t *path = jget(spe, "path");
    assert_keys(json_array_get(path, 0), "node,name,chance,reach,outcomes");
    assert_keys(json_array_get(jget(json_array_get(path, 0), "outcomes"), 0), "action,prob");
    assert_keys(json_array_get(path, 1), "node,name,agent,movers,action,reach");
    assert_keys(json_array_get(jget(spe, "ties"), 0), "node,name,agent,actions,tied,value");
    json_t *w = jget(spe, "witness");
    assert_keys(w, "verified,strict,strict_checked,error,strategy");
    assert_keys(json_array_get(jget(w, "strategy"), 0), "node,name,agent,movers,action");
    assert_keys(jget(j, "stats"), "nodes,tree_nodes,seconds,total_seconds");
    json_decref(j);
    run_free(&r);

    /* unnamed nodes have no "name"; stage records */
    j = run_json(&r, "solve '%s' --spe --json", data("examples/auction.efg"));
    spe = jget(j, "spe");
    ck_assert_ptr_null(json_object_get(spe, "witness"));
    assert_keys(json_array_get(jget(spe, "path"), 0), "node,agent,movers,action,reach");
    assert_keys(json_array_get(jget(spe, "not_dominance_solvable"), 0),
                "node,class,agents,survivors_total,survivors,nash_total,nash,chosen");
    json_decref(j);
    run_free(&r);
}
END_TEST

START_TEST(output_file)
{
    char dir[] = "/tmp/mc_test_cli_dirXXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/out.json", dir);
    cli_run r = run_cli("solve '%s' --spe --json -o '%s'", data("examples/centipede.efg"), path);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "");
    json_error_t jerr;
    json_t *j = json_load_file(path, 0, &jerr);
    ck_assert_ptr_nonnull(j);
    assert_strings(jget(jget(j, "spe"), "values"), 2, "1", "0");
    json_decref(j);
    run_free(&r);
    unlink(path);

    /* into a directory that does not exist: an error, and no file */
    snprintf(path, sizeof path, "%s/missing/out.json", dir);
    r = run_cli("solve '%s' --spe --json --output '%s'", data("examples/centipede.efg"), path);
    ck_assert_int_eq(r.status, 2);
    assert_one_error_line(&r, "mechcheck: ");
    ck_assert_int_ne(access(path, F_OK), 0);
    run_free(&r);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(limits)
{
    cli_run r = run_cli("solve '%s' --spe --max-nodes 2", data("examples/centipede.efg"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.out, "");
    assert_one_error_line(&r, "mechcheck: ");
    run_free(&r);

    r = run_cli("solve '%s' --spe --max-nodes 0 --timeout 60", data("examples/centipede.efg"));
    ck_assert_int_eq(r.status, 0);
    run_free(&r);
}
END_TEST

Suite *mc_suite_cli(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("cli");
    /* each test starts the binary several times; slower under ASan */
    tcase_set_timeout(tc, getenv("MC_SANITIZED") ? 120 : 30);
    tcase_add_test(tc, version);
    tcase_add_test(tc, help);
    tcase_add_test(tc, usage_errors);
    tcase_add_test(tc, bad_files);
    tcase_add_test(tc, centipede_json);
    tcase_add_test(tc, entry_json_witness);
    tcase_add_test(tc, auction_stage);
    tcase_add_test(tc, pd_agents);
    tcase_add_test(tc, text_output);
    tcase_add_test(tc, json_schema);
    tcase_add_test(tc, output_file);
    tcase_add_test(tc, limits);
    suite_add_tcase(s, tc);
    return s;
}

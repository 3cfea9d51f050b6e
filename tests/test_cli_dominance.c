/* solve --dominance and solve --nash end to end: runs $MC_BIN on the .nfg
 * fixtures in tests/data/dominance/ and checks exit codes, exact values in
 * the JSON (derived by hand in the comments, or from spec 000 fixture F1),
 * the documented keys, text lines and one-line errors. */
#include "cli_dom_testutil.h"

/* ---- prisoner's dilemma ------------------------------------------------------------ */

/* C = 1, D = 2; payoffs CC 3,3 / DC 5,0 / CD 0,5 / DD 1,1.  D strictly
 * dominates C for both (5 > 3, 1 > 0): one round removes both C's. */
START_TEST(pd_dominance)
{
    cli_run r;
    json_t *j = json_of(&r, "solve '%s' --dominance strict --json", dom("pd.nfg"));
    assert_keys(j, "file,format,title,players,agents,strategies,dominance,stats");
    ck_assert_str_eq(jget_str(j, "format"), "nfg");
    assert_strings(jget(j, "players"), 2, "Row", "Column");
    json_t *d = jget(j, "dominance");
    assert_keys(d, "notion,mixed,order,first_agent,survivors,survivor_numbers,"
                   "surviving_profiles,terminal,rounds,deleting_rounds,eliminations,"
                   "eliminations_total,order_independent,results_total,results,states,"
                   "verified,error");
    ck_assert_str_eq(jget_str(d, "notion"), "strict");
    ck_assert_str_eq(jget_str(d, "order"), "rounds");
    ck_assert(json_is_false(jget(d, "mixed")));
    ck_assert(json_is_null(jget(d, "first_agent")));
    assert_survivors(d, "D|D");
    ck_assert_int_eq(json_integer_value(at(at(jget(d, "survivor_numbers"), 0), 0)), 2);
    ck_assert_int_eq(jget_int(d, "surviving_profiles"), 1);
    ck_assert(json_is_true(jget(d, "terminal")));
    ck_assert_int_eq(jget_int(d, "rounds"), 2);
    ck_assert_int_eq(jget_int(d, "deleting_rounds"), 1);
    json_t *el = jget(d, "eliminations");
    ck_assert_int_eq((int)json_array_size(el), 2);
    assert_keys(at(el, 0), "round,agent,strategy,strategy_name,dominator,dominator_name,mixture");
    assert_pure_step(at(el, 0), 1, 1, "C", "D");
    assert_pure_step(at(el, 1), 1, 2, "C", "D");
    ck_assert_int_eq(jget_int(at(el, 0), "strategy"), 1);
    ck_assert_int_eq(jget_int(at(el, 0), "dominator"), 2);
    ck_assert(json_is_null(jget(d, "results")));
    ck_assert(json_is_true(jget(d, "verified")));
    assert_keys(jget(j, "stats"), "mixed_asked,lps,pretested,seconds,total_seconds");
    json_decref(j);
    run_free(&r);

    /* Def 8 with outcome ids from the payoffs: every profile its own
     * outcome, so distinguishable = strict here */
    j = json_of(&r, "solve '%s' --dominance distinguishable --json", dom("pd.nfg"));
    assert_survivors(jget(j, "dominance"), "D|D");
    json_decref(j);
    run_free(&r);

    /* as one agent, {Row,Column} maximises the sum: C,C (6) beats C,D and
     * D,C (5) and D,D (2) */
    j = json_of(&r, "solve '%s' --dominance strict --agents 1,2 --json", dom("pd.nfg"));
    ck_assert_int_eq((int)json_array_size(jget(j, "agents")), 1);
    assert_survivors(jget(j, "dominance"), "C,C");
    json_decref(j);
    run_free(&r);
}
END_TEST

START_TEST(pd_nash)
{
    cli_run r;
    json_t *j = json_of(&r, "solve '%s' --nash --json", dom("pd.nfg"));
    assert_keys(j, "file,format,title,players,agents,strategies,nash,stats");
    json_t *n = jget(j, "nash");
    assert_keys(n, "count,strict_count,equilibria,verified,error");
    ck_assert_int_eq(jget_int(n, "count"), 1);
    ck_assert_int_eq(jget_int(n, "strict_count"), 1);
    json_t *e = at(jget(n, "equilibria"), 0);
    assert_keys(e, "strategies,strategy_names,payoffs,agent_payoffs,strict");
    ck_assert_int_eq(json_integer_value(at(jget(e, "strategies"), 0)), 2);
    assert_strings(jget(e, "strategy_names"), 2, "D", "D");
    assert_strings(jget(e, "payoffs"), 2, "1", "1");
    ck_assert(json_is_true(jget(e, "strict")));
    ck_assert(json_is_true(jget(n, "verified")));
    assert_keys(jget(j, "stats"), "profiles,seconds,total_seconds");
    json_decref(j);
    run_free(&r);

    j = json_of(&r, "solve '%s' --nash --agents '1,2' --json", dom("pd.nfg"));
    e = at(jget(jget(j, "nash"), "equilibria"), 0);
    assert_strings(jget(e, "strategy_names"), 1, "C,C");
    assert_strings(jget(e, "payoffs"), 2, "3", "3");
    assert_strings(jget(e, "agent_payoffs"), 1, "6");
    json_decref(j);
    run_free(&r);

    r = run_cli("solve '%s' --nash", dom("pd.nfg"));
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "pure Nash equilibria (exact): 1 (1 strict)\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "  1  (D, D)  payoffs (1, 1)  strict\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "re-check of every equilibrium: passed"));
    run_free(&r);
}
END_TEST

/* ---- dominated only by a mixture ------------------------------------------------------ */

/* Row U = (3,0), M = (0,3), D = (1,1); column L = (1,1,0), R = (0,0,2) over
 * U, M, D.  Pure: nothing.  Mixed: D by 1/2 U + 1/2 M (the strict LP's
 * unique optimum, eps = 1/2), then R by L, then M by U: (U, L). */
START_TEST(mixed_dominance)
{
    cli_run r;
    json_t *j = json_of(&r, "solve '%s' --dominance strict --json", dom("mixed.nfg"));
    json_t *d = jget(j, "dominance");
    assert_survivors(d, "U,M,D|L,R");
    ck_assert_int_eq((int)json_array_size(jget(d, "eliminations")), 0);
    json_decref(j);
    run_free(&r);

    j = json_of(&r, "solve '%s' --dominance strict --mixed --json", dom("mixed.nfg"));
    d = jget(j, "dominance");
    ck_assert(json_is_true(jget(d, "mixed")));
    assert_survivors(d, "U|L");
    json_t *el = jget(d, "eliminations");
    ck_assert_int_eq((int)json_array_size(el), 3);
    json_t *e0 = at(el, 0);
    ck_assert_str_eq(jget_str(e0, "strategy_name"), "D");
    ck_assert(json_is_null(jget(e0, "dominator")));
    ck_assert(json_is_null(jget(e0, "dominator_name")));
    json_t *mix = jget(e0, "mixture");
    ck_assert_int_eq((int)json_array_size(mix), 2);
    assert_keys(at(mix, 0), "strategy,strategy_name,prob");
    ck_assert_int_eq(jget_int(at(mix, 0), "strategy"), 1);
    ck_assert_str_eq(jget_str(at(mix, 0), "strategy_name"), "U");
    ck_assert_str_eq(jget_str(at(mix, 0), "prob"), "1/2");
    ck_assert_str_eq(jget_str(at(mix, 1), "strategy_name"), "M");
    ck_assert_str_eq(jget_str(at(mix, 1), "prob"), "1/2");
    assert_pure_step(at(el, 1), 2, 2, "R", "L");
    assert_pure_step(at(el, 2), 3, 1, "M", "U");
    ck_assert(json_is_true(jget(d, "verified")));
    ck_assert_int_ge(jget_int(jget(j, "stats"), "lps"), 1);
    json_decref(j);
    run_free(&r);

    r = run_cli("solve '%s' --dominance strict --mixed", dom("mixed.nfg"));
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "  round 1  Row: D  by 1/2 U + 1/2 M\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "  round 2  Column: R  by L\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "  Row (1 of 3): U\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "nothing left is strict-dominated\n"));
    run_free(&r);

    /* the same by a given list, with names and numbers mixed */
    j = json_of(&r, "solve '%s' --dominance strict --mixed --order 'Row:D; 2:R; 1:2' --json",
                dom("mixed.nfg"));
    d = jget(j, "dominance");
    ck_assert_str_eq(jget_str(d, "order"), "given");
    assert_survivors(d, "U|L");
    ck_assert(json_is_true(jget(d, "terminal")));
    json_decref(j);
    run_free(&r);
}
END_TEST

/* ---- order dependence -------------------------------------------------------------------- */

/* Rows T, M, B, columns L, R: T = (1,0), M = (1,2), B = (0,2) for the row;
 * the column gets L = (1,1,0), R = (0,1,1).  T and B are weakly dominated
 * by M.  T first: then L <= R (1 = 1, 0 < 1) -> {M,B} x {R}; B first: R <= L
 * -> {T,M} x {L}; both at once: M against L ~ R -> {M} x {L,R}. */
START_TEST(weak_order_all)
{
    cli_run r;
    json_t *j = json_of(&r, "solve '%s' --dominance weak --order all --json",
                        dom("weak_order.nfg"));
    json_t *d = jget(j, "dominance");
    ck_assert_str_eq(jget_str(d, "order"), "all-orders");
    ck_assert(json_is_false(jget(d, "order_independent")));
    ck_assert_int_eq(jget_int(d, "results_total"), 3);
    ck_assert_int_eq(jget_int(d, "states"), 6);
    json_t *res = jget(d, "results");
    ck_assert_int_eq((int)json_array_size(res), 3);
    assert_keys(at(res, 0), "survivors,survivor_numbers,surviving_profiles,eliminations");
    assert_survivors(at(res, 0), "M|L,R");
    assert_survivors(at(res, 1), "M,B|R");
    assert_survivors(at(res, 2), "T,M|L");
    json_t *p = jget(at(res, 1), "eliminations");
    assert_pure_step(at(p, 0), 1, 1, "T", "M");
    assert_pure_step(at(p, 1), 2, 2, "L", "R");
    assert_survivors(d, "M|L,R"); /* the first result */
    ck_assert(json_is_true(jget(d, "verified")));
    json_decref(j);
    run_free(&r);

    r = run_cli("solve '%s' --dominance weak --order all", dom("weak_order.nfg"));
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "order dependence: 3 distinct results: the result "
                                        "depends on the order (6 surviving-set states "
                                        "explored)\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "result 3:\n  Row (2 of 3): T, M\n"));
    run_free(&r);

    /* the orders (a), (b), (c) of spec 000 2.5 */
    j = json_of(&r, "solve '%s' --dominance weak --json", dom("weak_order.nfg"));
    assert_survivors(jget(j, "dominance"), "M|L,R");
    json_decref(j);
    run_free(&r);
    j = json_of(&r, "solve '%s' --dominance weak --order alternating:2 --json",
                dom("weak_order.nfg"));
    d = jget(j, "dominance");
    ck_assert_int_eq(jget_int(d, "first_agent"), 2);
    assert_survivors(d, "M|L,R");
    /* pass 1 (Column) removes nothing, pass 2 (Row) removes T and B */
    ck_assert_int_eq(jget_int(at(jget(d, "eliminations"), 0), "round"), 2);
    json_decref(j);
    run_free(&r);
    j = json_of(&r, "solve '%s' --dominance weak --order '1:1;2:1' --json",
                dom("weak_order.nfg"));
    assert_survivors(jget(j, "dominance"), "M,B|R");
    json_decref(j);
    run_free(&r);
    j = json_of(&r, "solve '%s' --dominance weak --order 'Row:B,Column:R' --json",
                dom("weak_order.nfg"));
    assert_survivors(jget(j, "dominance"), "T,M|L");
    json_decref(j);
    run_free(&r);

    /* Def 8: outcome ids from payoffs merge (T,L) with (M,L) and (M,R)
     * with (B,R); T and B are still dominated by M where they differ, and
     * the columns never are: {M} x {L,R} */
    j = json_of(&r, "solve '%s' --dominance distinguishable --json", dom("weak_order.nfg"));
    assert_survivors(jget(j, "dominance"), "M|L,R");
    json_decref(j);
    run_free(&r);
}
END_TEST

/* Rows U, D; columns L, M, R.  Row: U = (1,1,0), D = (1,1,1); column over
 * (U, D): L = (3,0), M = (0,3), R = (1,1).  Weak with mixtures: U first ->
 * {D} x {M}; R first (by a mixture of L and M) -> {U,D} x {L,M}.  Pure: only
 * U can go first -> one result. */
START_TEST(mixed_order_all)
{
    cli_run r;
    json_t *j = json_of(&r, "solve '%s' --dominance weak --mixed --order all --json",
                        dom("mixed_order.nfg"));
    json_t *d = jget(j, "dominance");
    ck_assert_int_eq(jget_int(d, "results_total"), 2);
    json_t *res = jget(d, "results");
    assert_survivors(at(res, 0), "D|M");
    assert_survivors(at(res, 1), "U,D|L,M");
    json_t *e = at(jget(at(res, 1), "eliminations"), 0);
    ck_assert_str_eq(jget_str(e, "strategy_name"), "R");
    json_t *mix = jget(e, "mixture");
    ck_assert_int_eq((int)json_array_size(mix), 2);
    ck_assert_str_eq(jget_str(at(mix, 0), "strategy_name"), "L");
    ck_assert_str_eq(jget_str(at(mix, 1), "strategy_name"), "M");
    ck_assert(json_is_true(jget(d, "verified")));
    json_decref(j);
    run_free(&r);

    j = json_of(&r, "solve '%s' --dominance weak --order all --json", dom("mixed_order.nfg"));
    d = jget(j, "dominance");
    ck_assert_int_eq(jget_int(d, "results_total"), 1);
    ck_assert(json_is_true(jget(d, "order_independent")));
    assert_survivors(d, "D|M");
    json_decref(j);
    run_free(&r);
}
END_TEST

/* ---- spec 000 fixture F1 ------------------------------------------------------------------ */

/* IEWDS simultaneous: 2 deleting rounds, 14 survivors each ({v : v1 <= 2,
 * v2 <= 4} minus (0,0)); alternating from player 1: 3 deleting passes, the
 * same survivors; IESDS deletes nothing; 144 pure NE, the truthful (2,4)
 * among them with payoffs 1/10 each. */
START_TEST(f1_fixture)
{
    static const char *const keep =
        "0-1,0-2,0-3,0-4,1-0,1-1,1-2,1-3,1-4,2-0,2-1,2-2,2-3,2-4";
    char want[256];
    snprintf(want, sizeof want, "%s|%s", keep, keep);
    cli_run r;
    json_t *j = json_of(&r, "solve '%s' --dominance weak --json", dom("f1.nfg"));
    json_t *d = jget(j, "dominance");
    ck_assert_int_eq(jget_int(d, "deleting_rounds"), 2);
    assert_survivors(d, want);
    json_decref(j);
    run_free(&r);

    j = json_of(&r, "solve '%s' --dominance weak --order alternating:1 --json", dom("f1.nfg"));
    d = jget(j, "dominance");
    ck_assert_int_eq(jget_int(d, "deleting_rounds"), 3);
    assert_survivors(d, want);
    json_decref(j);
    run_free(&r);

    j = json_of(&r, "solve '%s' --dominance strict --mixed --json", dom("f1.nfg"));
    d = jget(j, "dominance");
    ck_assert_int_eq(jget_int(d, "eliminations_total"), 0);
    ck_assert_int_eq(jget_int(d, "surviving_profiles"), 36 * 36);
    json_decref(j);
    run_free(&r);

    j = json_of(&r, "solve '%s' --nash --json", dom("f1.nfg"));
    json_t *n = jget(j, "nash");
    ck_assert_int_eq(jget_int(n, "count"), 144);
    json_t *eqs = jget(n, "equilibria");
    bool truthful = false;
    for (size_t i = 0; i < json_array_size(eqs); i++) {
        json_t *names = jget(at(eqs, i), "strategy_names");
        if (strcmp(json_string_value(at(names, 0)), "2-4") == 0 &&
            strcmp(json_string_value(at(names, 1)), "2-4") == 0) {
            assert_strings(jget(at(eqs, i), "payoffs"), 2, "1/10", "1/10");
            truthful = true;
        }
    }
    ck_assert(truthful);
    json_decref(j);
    run_free(&r);
}
END_TEST

/* ---- errors ---------------------------------------------------------------------------- */

START_TEST(errors)
{
    char want[1400];
    const char *mixed = dom("mixed.nfg");
    cli_run r = run_cli("solve '%s' --dominance strict --order '1:3;2:x'", mixed);
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.out, "");
    snprintf(want, sizeof want,
             "mechcheck: %s: --order \"1:3;2:x\": item 2 ('2:x' at character 5): agent 2 "
             "(Column) has no strategy 'x' (numbers 1..2 or names)\n",
             mixed);
    ck_assert_str_eq(r.err, want);
    run_free(&r);

    r = run_cli("solve '%s' --dominance strict --order '3:1'", mixed);
    ck_assert_int_eq(r.status, 2);
    assert_one_error_line(&r, "mechcheck: ");
    ck_assert_ptr_nonnull(strstr(r.err, "item 1 ('3:1' at character 1): no agent '3'"));
    run_free(&r);

    r = run_cli("solve '%s' --dominance strict --order '1:3;;2:1'", mixed);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "item 2 ('' at character 5): empty"));
    run_free(&r);

    /* M is not dominated before D goes */
    r = run_cli("solve '%s' --dominance strict --mixed --order '1:D;1:M'", mixed);
    ck_assert_int_eq(r.status, 2);
    snprintf(want, sizeof want,
             "mechcheck: %s: --order \"1:D;1:M\": given order, step 2: agent 1 strategy 2 is "
             "not strict-dominated at that point\n",
             mixed);
    ck_assert_str_eq(r.err, want);
    run_free(&r);

    r = run_cli("solve '%s' --dominance strict --order alternating:9", mixed);
    ck_assert_int_eq(r.status, 2);
    assert_one_error_line(&r, "mechcheck: ");
    run_free(&r);

    r = run_cli("solve '%s' --dominance sometimes", mixed);
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.err, "mechcheck: solve: --dominance: 'sometimes' is not one of strict, "
                            "weak, distinguishable\n");
    run_free(&r);

    r = run_cli("solve '%s' --dominance", mixed);
    ck_assert_int_eq(r.status, 2);
    assert_one_error_line(&r, "mechcheck: solve: option '--dominance' needs a value");
    run_free(&r);

    r = run_cli("solve '%s' --dominance distinguishable --mixed", mixed);
    ck_assert_int_eq(r.status, 2);
    assert_one_error_line(&r, "mechcheck: ");
    ck_assert_ptr_nonnull(strstr(r.err, "pure against pure"));
    run_free(&r);

    r = run_cli("solve '%s' --nash --order all", mixed);
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.err, "mechcheck: solve: --order applies to --dominance only\n");
    run_free(&r);

    r = run_cli("solve '%s' --nash --dominance weak", mixed);
    ck_assert_int_eq(r.status, 2);
    assert_one_error_line(&r, "mechcheck: solve: one method at a time");
    run_free(&r);

    /* the limit of all orders: 6 states are needed */
    r = run_cli("solve '%s' --dominance weak --order all --max-states 3",
                dom("weak_order.nfg"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.out, "");
    assert_one_error_line(&r, "mechcheck: ");
    ck_assert_ptr_nonnull(strstr(r.err, "more than 3 surviving-set states"));
    run_free(&r);

    /* --max-profiles on a normal form: pd has 4 profiles */
    r = run_cli("solve '%s' --nash --max-profiles 3", dom("pd.nfg"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.out, "");
    snprintf(want, sizeof want,
             "mechcheck: %s: strategic form: 4 profiles, over the limit of 3 profiles; raise "
             "it with --max-profiles N\n",
             dom("pd.nfg"));
    ck_assert_str_eq(r.err, want);
    run_free(&r);
    r = run_cli("solve '%s' --dominance weak --max-profiles 4 --json", dom("pd.nfg"));
    ck_assert_int_eq(r.status, 0);
    run_free(&r);
    r = run_cli("solve '%s' --maximin 1 --max-profiles 4", dom("pd.nfg"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.err,
                     "mechcheck: solve: --max-profiles applies to --dominance and --nash only\n");
    run_free(&r);

    r = run_cli("solve '%s' --nash --agents '1,3'", dom("pd.nfg"));
    ck_assert_int_eq(r.status, 2);
    assert_one_error_line(&r, "mechcheck: ");
    ck_assert_ptr_nonnull(strstr(r.err, "player 3"));
    run_free(&r);

    const char *missing = dom("missing.nfg");
    r = run_cli("solve '%s' --nash", missing);
    ck_assert_int_eq(r.status, 2);
    snprintf(want, sizeof want, "mechcheck: %s", missing);
    assert_one_error_line(&r, want);
    run_free(&r);
}
END_TEST

/* -o writes the same document atomically; help lists the methods. */
START_TEST(output_and_help)
{
    char path[] = "/tmp/mc_test_dom_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    cli_run r = run_cli("solve '%s' --nash --json -o '%s'", dom("pd.nfg"), path);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "");
    run_free(&r);
    json_error_t jerr;
    json_t *j = json_load_file(path, 0, &jerr);
    ck_assert_ptr_nonnull(j);
    ck_assert_int_eq(jget_int(jget(j, "nash"), "count"), 1);
    json_decref(j);
    unlink(path);

    r = run_cli("solve --help");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "--dominance strict|weak|distinguishable"));
    ck_assert_ptr_nonnull(strstr(r.out, "--mixed"));
    ck_assert_ptr_nonnull(strstr(r.out, "mechcheck solve FILE --nash"));
    ck_assert_ptr_null(strstr(r.out, "(planned) iterated dominance"));
    ck_assert_ptr_null(strstr(r.out, "(planned) pure Nash"));
    run_free(&r);
}
END_TEST

Suite *mc_suite_cli_dominance(void)
{
    Suite *s = suite_create("cli_dominance");
    TCase *tc = tcase_create("cli_dominance");
    tcase_set_timeout(tc, getenv("MC_SANITIZED") ? 120 : 30);
    tcase_add_test(tc, pd_dominance);
    tcase_add_test(tc, pd_nash);
    tcase_add_test(tc, mixed_dominance);
    tcase_add_test(tc, weak_order_all);
    tcase_add_test(tc, mixed_order_all);
    tcase_add_test(tc, f1_fixture);
    tcase_add_test(tc, errors);
    tcase_add_test(tc, output_and_help);
    suite_add_tcase(s, tc);
    return s;
}

/* solve --dominance and solve --nash on extensive forms (.efg), through the
 * reduced normal form, end to end: runs $MC_BIN on the .efg fixtures in
 * tests/data/dominance/ and checks survivors, eliminations, equilibria and
 * the terminal nodes they reach against answers worked out by hand in the
 * comments, the plan names and the information sets they spell out, the
 * reduced and unreduced plan counts, limits and one-line errors.
 *
 * Reminder (spec 001 Def 8): s is distinguishably dominated by t when some
 * profile tau of the others makes (s,tau) and (t,tau) reach different
 * histories and s does worse on every such tau.  On an extensive form the
 * history is the distribution over terminal nodes.  Equal histories mean
 * equal payoffs, so distinguishable implies weak dominance; weak does not
 * imply distinguishable (a tau with different histories but equal payoffs
 * blocks it), and distinguishable does not imply strict (a tau with the
 * same history gives equal payoffs). */
#include "cli_dom_testutil.h"

/* ---- (a) histories, not payoffs ---------------------------------------------------- *
 * histories.efg: the Leader plays Out (ends at #2, payoffs (1,1)), L or R;
 * the Follower, not seeing L from R, plays a, b or c:
 *            a           b           c
 *   L   #4 (2,2)    #5 (3,1)    #6 (2,2)
 *   R   #8 (0,3)    #9 (0,0)    #10 (1,2)
 * Follower (payoff against Out, L, R): a = (1,2,3), b = (1,1,0), c = (1,2,2).
 *   b vs a: same history against Out; worse against L and R (different
 *     histories) -> distinguishably and weakly dominated, not strictly.
 *   c vs a: same history against Out; against L equal payoffs but
 *     different terminals (#4, #6); worse against R -> weakly dominated, NOT
 *     distinguishably (L distinguishes them without c doing worse).
 * Leader (against a, b, c): Out = (1,1,1), L = (2,3,2), R = (0,0,1): L
 * strictly dominates Out and R.
 *   strict: round 1 Out, R (by L); round 2 b (by a): {L} x {a,c}.
 *   weak: round 1 Out, R, b, c: {L} x {a}.
 *   distinguishable: round 1 Out, R, b; then a and c differ only at L with
 *     equal payoffs: {L} x {a,c}.
 * histories.nfg is the same game as a .nfg: its outcome ids come from the
 * payoffs, so (L,a) and (L,c) are one outcome and c IS distinguishably
 * dominated there: {L} x {a}.
 * Pure NE: the Leader always plays L; the Follower is indifferent between
 * a and c against L: (L,a) and (L,c), neither strict. */
START_TEST(histories_not_payoffs)
{
    const char *efg = dom("histories.efg");
    cli_run r;
    json_t *j = json_of(&r, "solve '%s' --dominance distinguishable --json", efg);
    assert_keys(j, "file,format,title,players,agents,strategies,normal_form,dominance,stats");
    ck_assert_str_eq(jget_str(j, "format"), "efg");
    ck_assert_str_eq(jget_str(j, "title"), "Equal payoffs, different histories");
    assert_strings(jget(j, "players"), 2, "Leader", "Follower");
    assert_strings(at(jget(j, "strategies"), 0), 3, "Out", "L", "R");
    assert_strings(at(jget(j, "strategies"), 1), 3, "a", "b", "c");
    json_t *nf = jget(j, "normal_form");
    assert_keys(nf, "reduced,plans,unreduced_plans,profiles,outcomes,information_sets");
    ck_assert(json_is_true(jget(nf, "reduced")));
    ck_assert_int_eq(jget_int(nf, "profiles"), 9);
    ck_assert_int_eq(jget_int(nf, "outcomes"), 7); /* #2 and the six after L, R */
    json_t *set = at(at(jget(nf, "information_sets"), 1), 0);
    assert_keys(set, "player,node,nodes,name,actions");
    ck_assert_int_eq(jget_int(set, "player"), 2);
    ck_assert_int_eq(jget_int(set, "node"), 3);
    ck_assert_int_eq(jget_int(set, "nodes"), 2);
    ck_assert_str_eq(jget_str(set, "name"), "Follower, blind");
    assert_strings(jget(set, "actions"), 3, "a", "b", "c");
    json_t *d = jget(j, "dominance");
    assert_survivors(d, "L|a,c");
    json_t *el = jget(d, "eliminations");
    ck_assert_int_eq((int)json_array_size(el), 3);
    assert_pure_step(at(el, 0), 1, 1, "Out", "L");
    assert_pure_step(at(el, 1), 1, 1, "R", "L");
    assert_pure_step(at(el, 2), 1, 2, "b", "a");
    ck_assert(json_is_true(jget(d, "terminal")));
    ck_assert(json_is_true(jget(d, "verified")));
    json_decref(j);
    run_free(&r);

    j = json_of(&r, "solve '%s' --dominance weak --json", efg);
    d = jget(j, "dominance");
    assert_survivors(d, "L|a");
    assert_pure_step(at(jget(d, "eliminations"), 3), 1, 2, "c", "a");
    json_decref(j);
    run_free(&r);

    j = json_of(&r, "solve '%s' --dominance strict --json", efg);
    d = jget(j, "dominance");
    assert_survivors(d, "L|a,c");
    assert_pure_step(at(jget(d, "eliminations"), 2), 2, 2, "b", "a");
    json_decref(j);
    run_free(&r);

    /* the same payoffs as a .nfg: outcome ids from payoffs merge (L,a), (L,c) */
    j = json_of(&r, "solve '%s' --dominance distinguishable --json", dom("histories.nfg"));
    assert_survivors(jget(j, "dominance"), "L|a");
    json_decref(j);
    run_free(&r);

    /* the relations at the start, one elimination each */
    j = json_of(&r, "solve '%s' --dominance distinguishable --order 'Follower:b' --json", efg);
    assert_survivors(jget(j, "dominance"), "Out,L,R|a,c");
    json_decref(j);
    run_free(&r);
    j = json_of(&r, "solve '%s' --dominance weak --order '2:c' --json", efg);
    assert_survivors(jget(j, "dominance"), "Out,L,R|a,b");
    json_decref(j);
    run_free(&r);
    char want[1024];
    r = run_cli("solve '%s' --dominance distinguishable --order '2:c'", efg);
    ck_assert_int_eq(r.status, 2);
    snprintf(want, sizeof want,
             "mechcheck: %s: --order \"2:c\": given order, step 1: agent 2 strategy 3 is not "
             "distinguishable-dominated at that point\n",
             efg);
    ck_assert_str_eq(r.err, want);
    run_free(&r);
    r = run_cli("solve '%s' --dominance strict --order '2:b'", efg);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "is not strict-dominated at that point"));
    run_free(&r);
    j = json_of(&r, "solve '%s' --dominance strict --order '1:Out;1:R;2:b' --json", efg);
    assert_survivors(jget(j, "dominance"), "L|a,c");
    json_decref(j);
    run_free(&r);

    j = json_of(&r, "solve '%s' --nash --json", efg);
    assert_keys(j, "file,format,title,players,agents,strategies,normal_form,nash,stats");
    json_t *n = jget(j, "nash");
    ck_assert_int_eq(jget_int(n, "count"), 2);
    ck_assert_int_eq(jget_int(n, "strict_count"), 0);
    json_t *e = at(jget(n, "equilibria"), 1);
    assert_keys(e, "strategies,strategy_names,payoffs,agent_payoffs,strict,terminals");
    assert_strings(jget(e, "strategy_names"), 2, "L", "c");
    assert_strings(jget(e, "payoffs"), 2, "2", "2");
    json_t *term = jget(e, "terminals");
    ck_assert_int_eq((int)json_array_size(term), 1);
    assert_keys(at(term, 0), "node,outcome,prob");
    ck_assert_int_eq(jget_int(at(term, 0), "node"), 6);
    ck_assert_str_eq(jget_str(at(term, 0), "outcome"), "Lc");
    ck_assert_str_eq(jget_str(at(term, 0), "prob"), "1");
    json_decref(j);
    run_free(&r);
}
END_TEST

/* ---- (b) entry deterrence -------------------------------------------------------- *
 * entry.efg: the Entrant stays Out (0,2) or goes In; then the Incumbent
 * Fights (-1,-1) or Accommodates (1,1).  Reduced normal form
 *                 Fight     Accommodate
 *      Out        0, 2      0, 2
 *      In        -1,-1      1, 1
 * Pure NE: (Out, Fight) -- not subgame perfect, the threat is not credible;
 * not strict, the Incumbent is indifferent -- and (In, Accommodate),
 * strict, the SPE.  IEWDS: round 1 Fight (by Accommodate: equal against
 * Out, better against In); round 2 Out (by In): (In, Accommodate).
 * Nothing is strictly dominated (the tie against Out).  Distinguishable:
 * Out leaves both Incumbent plans at the same terminal, so only In
 * distinguishes them, as with weak dominance. */
START_TEST(entry_deterrence)
{
    const char *efg = dom("entry.efg");
    cli_run r;
    json_t *j = json_of(&r, "solve '%s' --nash --json", efg);
    json_t *n = jget(j, "nash");
    ck_assert_int_eq(jget_int(n, "count"), 2);
    ck_assert_int_eq(jget_int(n, "strict_count"), 1);
    json_t *e0 = at(jget(n, "equilibria"), 0), *e1 = at(jget(n, "equilibria"), 1);
    assert_strings(jget(e0, "strategy_names"), 2, "Out", "Fight");
    assert_strings(jget(e0, "payoffs"), 2, "0", "2");
    ck_assert(json_is_false(jget(e0, "strict")));
    assert_strings(jget(e1, "strategy_names"), 2, "In", "Accommodate");
    assert_strings(jget(e1, "payoffs"), 2, "1", "1");
    ck_assert(json_is_true(jget(e1, "strict")));
    ck_assert_int_eq(jget_int(at(jget(e1, "terminals"), 0), "node"), 5);
    ck_assert(json_is_true(jget(n, "verified")));
    json_decref(j);
    run_free(&r);

    r = run_cli("solve '%s' --nash", efg);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "pure Nash equilibria (exact): 2 (1 strict)\n"
                                        "  1  (Out, Fight)  payoffs (0, 2)\n"
                                        "     reaches #2 \"stay out\"\n"
                                        "  2  (In, Accommodate)  payoffs (1, 1)  strict\n"
                                        "     reaches #5 \"accommodate\"\n"));
    run_free(&r);

    static const char *const notions[] = {"weak", "distinguishable"};
    for (int k = 0; k < 2; k++) {
        j = json_of(&r, "solve '%s' --dominance %s --json", efg, notions[k]);
        json_t *d = jget(j, "dominance");
        assert_survivors(d, "In|Accommodate");
        json_t *el = jget(d, "eliminations");
        ck_assert_int_eq((int)json_array_size(el), 2);
        assert_pure_step(at(el, 0), 1, 2, "Fight", "Accommodate");
        assert_pure_step(at(el, 1), 2, 1, "Out", "In");
        json_decref(j);
        run_free(&r);
    }
    j = json_of(&r, "solve '%s' --dominance strict --json", efg);
    assert_survivors(jget(j, "dominance"), "Out,In|Fight,Accommodate");
    json_decref(j);
    run_free(&r);
    /* only Fight can go first, then only Out: one result */
    j = json_of(&r, "solve '%s' --dominance weak --order all --json", efg);
    json_t *d = jget(j, "dominance");
    ck_assert(json_is_true(jget(d, "order_independent")));
    ck_assert_int_eq(jget_int(d, "states"), 3);
    json_decref(j);
    run_free(&r);
}
END_TEST

/* ---- (c) chance ------------------------------------------------------------------- *
 * bluff.efg: chance deals H or L (1/2 each); the Bettor, seeing it, bets B
 * or checks K; after a bet the Caller (one set over both cards) calls C or
 * folds F.  Terminals: H: called #4 (2,-2), folded #5 (1,-1), check #6
 * (1,-1); L: called #9 (-2,2), folded #10 (1,-1), check #11 (-1,1).
 * Bettor's plans (H then L) against C, F:
 *   BB = (0, 1), BK = (1/2, 0), KB = (-1/2, 1), KK = (0, 0); Caller gets
 *   the negatives.  Best replies: to C only BK, to F BB and KB; the Caller
 *   answers BB and KB with C, BK with F: no pure NE.
 * weak: KB and KK go (both by BB: ties at F resp. C, better elsewhere);
 *   then nothing: {BB,BK} x {C,F}.
 * distinguishable: nothing at all.  KK vs BK, BB: against F resp. C the
 *   histories differ (a fold or a call is not a check) with equal payoffs;
 *   KB vs BB likewise against F.  The Caller's C vs F: each better against
 *   one plan.
 * strict with mixtures: KK by sigma BB + (1-sigma) BK: min(1/2 (1-sigma),
 *   sigma) is largest, 1/3, at sigma = 1/3 (the unique optimum); KB cannot
 *   be beaten at F: {BB,BK,KB} x {C,F}.
 * Outcomes: the 8 profiles induce 7 distributions (KK meets no set of the
 * Caller's, so KK,C and KK,F are one). */
START_TEST(chance_bluff)
{
    const char *efg = dom("bluff.efg");
    cli_run r;
    json_t *j = json_of(&r, "solve '%s' --nash --json", efg);
    ck_assert_int_eq(jget_int(jget(j, "nash"), "count"), 0);
    json_t *nf = jget(j, "normal_form");
    ck_assert_int_eq(jget_int(nf, "profiles"), 8);
    ck_assert_int_eq(jget_int(nf, "outcomes"), 7);
    assert_strings(at(jget(j, "strategies"), 0), 4, "BB", "BK", "KB", "KK");
    json_decref(j);
    run_free(&r);

    j = json_of(&r, "solve '%s' --dominance weak --json", efg);
    json_t *d = jget(j, "dominance");
    assert_survivors(d, "BB,BK|C,F");
    assert_pure_step(at(jget(d, "eliminations"), 0), 1, 1, "KB", "BB");
    assert_pure_step(at(jget(d, "eliminations"), 1), 1, 1, "KK", "BB");
    json_decref(j);
    run_free(&r);

    j = json_of(&r, "solve '%s' --dominance distinguishable --json", efg);
    d = jget(j, "dominance");
    assert_survivors(d, "BB,BK,KB,KK|C,F");
    ck_assert_int_eq(jget_int(d, "eliminations_total"), 0);
    json_decref(j);
    run_free(&r);

    j = json_of(&r, "solve '%s' --dominance strict --mixed --json", efg);
    d = jget(j, "dominance");
    assert_survivors(d, "BB,BK,KB|C,F");
    json_t *e = at(jget(d, "eliminations"), 0);
    ck_assert_str_eq(jget_str(e, "strategy_name"), "KK");
    json_t *mix = jget(e, "mixture");
    ck_assert_int_eq((int)json_array_size(mix), 2);
    ck_assert_str_eq(jget_str(at(mix, 0), "strategy_name"), "BB");
    ck_assert_str_eq(jget_str(at(mix, 0), "prob"), "1/3");
    ck_assert_str_eq(jget_str(at(mix, 1), "strategy_name"), "BK");
    ck_assert_str_eq(jget_str(at(mix, 1), "prob"), "2/3");
    ck_assert(json_is_true(jget(d, "verified")));
    json_decref(j);
    run_free(&r);

    r = run_cli("solve '%s' --dominance distinguishable", efg);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "  Bettor: 4 plans, 4 without reduction\n"
                                        "  Caller: 2 plans, 2 without reduction\n"
                                        "  8 profiles, 7 outcomes (distinct distributions over "
                                        "terminal nodes)\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "  Bettor:\n    1. #2 \"Bettor, H\": B, K\n"
                                        "    2. #7 \"Bettor, L\": B, K\n"
                                        "  Caller:\n    1. #3 (2 nodes) \"Caller\": C, F\n"));
    run_free(&r);

    /* entry with an uncertain market (examples/): the equilibria reach
     * distributions over terminals */
    j = json_of(&r, "solve '%s' --nash --json", data("examples/entry.efg"));
    json_t *n = jget(j, "nash");
    ck_assert_int_eq(jget_int(n, "count"), 4);
    e = at(jget(n, "equilibria"), 0);
    assert_strings(jget(e, "strategy_names"), 2, "out out", "fight fight");
    assert_strings(jget(e, "payoffs"), 2, "0", "14/3");
    json_t *term = jget(e, "terminals");
    ck_assert_int_eq((int)json_array_size(term), 2);
    ck_assert_int_eq(jget_int(at(term, 0), "node"), 6);
    ck_assert_str_eq(jget_str(at(term, 0), "outcome"), "boom: out");
    ck_assert_str_eq(jget_str(at(term, 0), "prob"), "1/3");
    ck_assert_int_eq(jget_int(at(term, 1), "node"), 11);
    ck_assert_str_eq(jget_str(at(term, 1), "prob"), "2/3");
    json_decref(j);
    run_free(&r);
}
END_TEST

/* ---- (d) reduction ---------------------------------------------------------------- *
 * reduce.efg: P1 plays A or B at #1; after A, P2 plays l (P1 then picks x,
 * y or z at X, #3) or r (#7, (2,2)); after B, P1 picks u (0,0) or v (1,3)
 * at Y (#8).  After l: x (3,1), y (0,0), z (1,2).  P1 has 2 x 3 x 2 = 12
 * plans but only 5 reduced ones: Ax*, Ay*, Az*, B*u, B*v.
 *   P1 against (l, r): Ax* (3,2), Ay* (0,2), Az* (1,2), B*u (0,0), B*v (1,1).
 *   P2 against P1's plans: l = (1,0,2,0,3), r = (2,2,2,0,3).
 * Pure NE: P1 best-replies to r with Ax*, Ay*, Az* (2 each), to l only
 * with Ax*; P2 answers Ax* and Ay* only with r, Az* with both:
 * (Ax*,r), (Ay*,r), (Az*,r), none strict.  (Unreduced, each would come
 * in several copies, one per action at Y.)
 *   strict: B*u, B*v (by Ax*) only; weak: all but Ax* and l (by r) in one
 *   round; distinguishable: Ay*, Az* vs Ax* differ only against l, so they
 *   go, but l vs r ties against Az* at different terminals: l goes only in
 *   round 2.
 * As one coalition {P1,P2}: 2 x 2 x 3 x 2 = 24 joint plans, 6 reduced. */
START_TEST(reduction_counts)
{
    const char *efg = dom("reduce.efg");
    cli_run r;
    json_t *j = json_of(&r, "solve '%s' --nash --json", efg);
    json_t *nf = jget(j, "normal_form");
    ck_assert_int_eq(json_integer_value(at(jget(nf, "plans"), 0)), 5);
    ck_assert_int_eq(json_integer_value(at(jget(nf, "plans"), 1)), 2);
    ck_assert_int_eq(json_integer_value(at(jget(nf, "unreduced_plans"), 0)), 12);
    ck_assert_int_eq(json_integer_value(at(jget(nf, "unreduced_plans"), 1)), 2);
    ck_assert_int_eq(jget_int(nf, "profiles"), 10);
    ck_assert_int_eq(jget_int(nf, "outcomes"), 6);
    assert_strings(at(jget(j, "strategies"), 0), 5, "Ax*", "Ay*", "Az*", "B*u", "B*v");
    json_t *sets = at(jget(nf, "information_sets"), 0);
    ck_assert_int_eq((int)json_array_size(sets), 3);
    ck_assert_str_eq(jget_str(at(sets, 1), "name"), "X");
    ck_assert_int_eq(jget_int(at(sets, 2), "node"), 8);
    json_t *n = jget(j, "nash");
    ck_assert_int_eq(jget_int(n, "count"), 3);
    ck_assert_int_eq(jget_int(n, "strict_count"), 0);
    static const char *const p1[] = {"Ax*", "Ay*", "Az*"};
    for (size_t i = 0; i < 3; i++) {
        json_t *e = at(jget(n, "equilibria"), i);
        assert_strings(jget(e, "strategy_names"), 2, p1[i], "r");
        ck_assert_int_eq(jget_int(at(jget(e, "terminals"), 0), "node"), 7);
    }
    json_decref(j);
    run_free(&r);

    j = json_of(&r, "solve '%s' --dominance strict --json", efg);
    assert_survivors(jget(j, "dominance"), "Ax*,Ay*,Az*|l,r");
    json_decref(j);
    run_free(&r);
    j = json_of(&r, "solve '%s' --dominance weak --json", efg);
    json_t *d = jget(j, "dominance");
    assert_survivors(d, "Ax*|r");
    ck_assert_int_eq(jget_int(d, "deleting_rounds"), 1);
    json_decref(j);
    run_free(&r);
    j = json_of(&r, "solve '%s' --dominance distinguishable --json", efg);
    d = jget(j, "dominance");
    assert_survivors(d, "Ax*|r");
    assert_pure_step(at(jget(d, "eliminations"), 4), 2, 2, "l", "r");
    json_decref(j);
    run_free(&r);

    r = run_cli("solve '%s' --dominance weak --agents 1,2", efg);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "  {P1,P2} (6): Alx*, Aly*, Alz*, Ar**, B**u, B**v\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "  {P1,P2}: 6 plans, 24 without reduction\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "    2. #2 P2 \"after A\": l, r\n"));
    /* the sums: Alx 4, Aly 0, Alz 3, Ar 4, Bu 0, Bv 4 */
    ck_assert_ptr_nonnull(strstr(r.out, "  {P1,P2} (3 of 6): Alx*, Ar**, B**v\n"));
    run_free(&r);

    /* the centipede (examples/): 3 reduced plans of 4 each, one equilibrium
     * (both take at once; unreduced there would be 4 copies of it) */
    r = run_cli("solve '%s' --nash", data("examples/centipede.efg"));
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "  Ann (3): take *, pass take, pass pass\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "  Ann: 3 plans, 4 without reduction\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "pure Nash equilibria (exact): 1 (0 strict)\n"
                                        "  1  (take *, take *)  payoffs (1, 0)\n"));
    run_free(&r);
}
END_TEST

/* ---- limits and errors -------------------------------------------------------------- */

START_TEST(limits_and_errors)
{
    const char *efg = dom("reduce.efg");
    char want[1024];
    cli_run r = run_cli("solve '%s' --nash --max-profiles 9", efg);
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.out, "");
    snprintf(want, sizeof want,
             "mechcheck: %s: normal form: 10 pure profiles (5 x 2 reduced plans), more than the "
             "limit 9; raise it with --max-profiles N\n",
             efg);
    ck_assert_str_eq(r.err, want);
    run_free(&r);

    r = run_cli("solve '%s' --dominance weak --max-profiles 4 --json", efg);
    ck_assert_int_eq(r.status, 2);
    snprintf(want, sizeof want,
             "mechcheck: %s: normal form: agent {1} has 5 reduced plans, more than the limit 4; "
             "raise it with --max-profiles N\n",
             efg);
    ck_assert_str_eq(r.err, want);
    run_free(&r);

    r = run_cli("solve '%s' --nash --max-profiles 10 --json", efg);
    ck_assert_int_eq(r.status, 0);
    run_free(&r);

    r = run_cli("solve '%s' --dominance distinguishable --mixed", efg);
    ck_assert_int_eq(r.status, 2);
    assert_one_error_line(&r, "mechcheck: ");
    ck_assert_ptr_nonnull(strstr(r.err, "pure against pure"));
    run_free(&r);

    r = run_cli("solve '%s' --nash --agents '1;3'", efg);
    ck_assert_int_eq(r.status, 2);
    assert_one_error_line(&r, "mechcheck: ");
    run_free(&r);

    r = run_cli("solve '%s' --nash --max-nodes 5", efg);
    ck_assert_int_eq(r.status, 2);
    assert_one_error_line(&r, "mechcheck: ");
    ck_assert_ptr_nonnull(strstr(r.err, "more than 5 nodes"));
    run_free(&r);

    const char *forgetful = dom("forgetful.efg");
    r = run_cli("solve '%s' --dominance weak", forgetful);
    ck_assert_int_eq(r.status, 2);
    snprintf(want, sizeof want, "mechcheck: %s: ", forgetful);
    assert_one_error_line(&r, want);
    ck_assert_ptr_nonnull(strstr(r.err, "perfect recall"));
    run_free(&r);

    r = run_cli("solve --help");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "reduced normal form"));
    ck_assert_ptr_nonnull(strstr(r.out, "--max-profiles N"));
    ck_assert_ptr_null(strstr(r.out, "not yet available"));
    run_free(&r);
}
END_TEST

Suite *mc_suite_cli_dominance_efg(void)
{
    Suite *s = suite_create("cli_dominance_efg");
    TCase *tc = tcase_create("cli_dominance_efg");
    tcase_set_timeout(tc, getenv("MC_SANITIZED") ? 120 : 30);
    tcase_add_test(tc, histories_not_payoffs);
    tcase_add_test(tc, entry_deterrence);
    tcase_add_test(tc, chance_bluff);
    tcase_add_test(tc, reduction_counts);
    tcase_add_test(tc, limits_and_errors);
    suite_add_tcase(s, tc);
    return s;
}

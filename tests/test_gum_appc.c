/* Seed 004, Appendix C: the bet game's payoff tables, (72) as the unique
 * SPE, the Bet threshold, Safronov coalition-proofness and the
 * three-player stage game, against hand computations. */
#include <check.h>
#include <string.h>

#include "claim/gum_appc.h"
#include "claim_testutil.h"
#include "testutil.h"

static json_t *witness;
static mc_status last_status;

/* The verdict (UNDECIDED after an error, whose status is last_status). */
static mc_verdict run(const char *claim, const char *const *kv)
{
    mc_claim_result r;
    mc_error err;
    last_status = mc_test_run_claim(claim, kv, &r, &err);
    mc_verdict v = last_status == MC_OK ? r.verdict : MC_UNDECIDED;
    json_decref(witness);
    witness = last_status == MC_OK ? json_incref(r.witness) : NULL;
    mc_claim_result_free(&r);
    return v;
}

static const char *const paper[] = {NULL};

/* Tables 3-4 by hand: the guess (g3, g4) is right iff it equals (x3, x4). */
START_TEST(test_tables)
{
    mc_instance in;
    mc_error err;
    mc_test_instance(&in, paper);
    mc_appc g;
    ck_assert_int_eq(mc_appc_read(&g, &in, &err), MC_OK);
    static const struct {
        uint32_t s[4];
        int64_t u[4];
    } rows[] = {
        {{MC_APPC_QUIT, 3, MC_APPC_N, MC_APPC_N}, {0, 0, 0, 0}},
        {{MC_APPC_BET, 0, MC_APPC_Y, MC_APPC_Y}, {-2, 1, -10, -10}}, /* YY right */
        {{MC_APPC_BET, 0, MC_APPC_N, MC_APPC_N}, {8, -9, 0, 0}},     /* YY wrong */
        {{MC_APPC_BET, 1, MC_APPC_Y, MC_APPC_N}, {-2, 1, 10, -20}},  /* YN right */
        {{MC_APPC_BET, 1, MC_APPC_N, MC_APPC_Y}, {8, -9, -20, 10}},  /* YN wrong */
        {{MC_APPC_BET, 2, MC_APPC_N, MC_APPC_Y}, {-2, 1, -20, 10}},  /* NY right */
    };
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        int64_t u[4];
        mc_appc_four_payoff(&g, rows[k].s, u);
        for (int i = 0; i < 4; i++)
            ck_assert_msg(u[i] == rows[k].u[i], "row %zu agent %d: %lld", k, i + 1,
                          (long long)u[i]);
    }
    /* the stage game: (N, N, Y) pays 10, 10, -20; (N, Y, Y) -40, 0, 0 */
    uint32_t nny[3] = {MC_APPC_N, MC_APPC_N, MC_APPC_Y}, nyy[3] = {MC_APPC_N, MC_APPC_Y, MC_APPC_Y};
    int64_t u[3];
    mc_appc_three_payoff(&g, nny, u);
    ck_assert(u[0] == 10 && u[1] == 10 && u[2] == -20);
    mc_appc_three_payoff(&g, nyy, u);
    ck_assert(u[0] == -40 && u[1] == 0 && u[2] == 0);
    mc_appc_free(&g);
    mc_instance_free(&in);
}
END_TEST

/* After Bet, Y strictly dominates N for 3 and 4 (-10 > -20, 10 > 0), so 2
 * guesses YY (1 > -9) and Bet is worth -2 < 0 to agent 1: Quit. */
START_TEST(test_spe)
{
    ck_assert_int_eq(run("gum/app-c-spe", paper), MC_HOLDS);
    json_t *sub = json_object_get(witness, "subgame_after_bet");
    ck_assert_int_eq(json_integer_value(json_object_get(sub, "value_of_bet_for_1")), -2);
    json_t *spe = json_object_get(witness, "spe");
    ck_assert_str_eq(json_string_value(json_object_get(spe, "1")), "Quit");
    ck_assert_str_eq(json_string_value(json_object_get(spe, "2")), "YY");
    /* pure NE: Quit with 2 guessing right whatever 3 and 4 play off the path */
    ck_assert_int_eq(json_integer_value(json_object_get(witness, "pure_ne_with_quit")), 4);
    /* if a right guess paid agent 1 more than quitting, Bet would be the SPE */
    static const char *const rich[] = {"bet=1,1,8,-9", NULL};
    ck_assert_int_eq(run("gum/app-c-spe", rich), MC_FAILS);
}
END_TEST

/* E u1(Bet) = -2 (1 - p) + 8 p = 10 p - 2. */
START_TEST(test_bet_threshold)
{
    static const char *const low[] = {"p=1/10", NULL}, *const high[] = {"p=3/10", NULL};
    ck_assert_int_eq(run("gum/app-c-bet", low), MC_HOLDS);
    ck_assert_str_eq(json_string_value(json_object_get(witness, "bet_minus_quit_for_1")), "-1");
    ck_assert_int_eq(run("gum/app-c-bet", high), MC_HOLDS);
    ck_assert_str_eq(json_string_value(json_object_get(witness, "bet_minus_quit_for_1")), "1");
    ck_assert_str_eq(json_string_value(json_object_get(witness, "threshold")), "1/5");
    /* with -3 for a right guess the threshold is 3/11: at p = 1/5 Bet loses 4/5 */
    static const char *const other[] = {"bet=-3,1,8,-9", NULL};
    ck_assert_int_eq(run("gum/app-c-bet", other), MC_FAILS);
    ck_assert_str_eq(json_string_value(json_object_get(witness, "bet_minus_quit_for_1")), "-4/5");
    ck_assert_str_eq(json_string_value(json_object_get(witness, "threshold")), "3/11");
}
END_TEST

/* Against (72) everybody gets 0.  Coalition {1, 3, 4}: Bet, N, N with 2
 * still guessing YY: the guess is wrong, so 8 + 0 + 0 = 8 > 0.  No other
 * coalition gains: any Bet costs 1 and 2 together -1, 1 alone -2 or 8 but
 * then 3 or 4 alone pays -20 (NY/YN) or both pay 0 (NN, only with both). */
START_TEST(test_safronov)
{
    ck_assert_int_eq(run("gum/app-c-safronov", paper), MC_FAILS);
    json_t *v = json_object_get(witness, "violations");
    ck_assert_uint_eq(json_array_size(v), 1);
    json_t *first = json_array_get(v, 0);
    ck_assert_str_eq(json_string_value(json_object_get(first, "coalition")), "1,3,4");
    ck_assert_int_eq(json_integer_value(json_object_get(first, "gain")), 8);
    /* if a wrong guess paid agent 1 only -1, nobody would gain */
    static const char *const poor[] = {"bet=-2,1,-1,-9", NULL};
    ck_assert_int_eq(run("gum/app-c-safronov", poor), MC_HOLDS);
}
END_TEST

/* (N, N, Y): each N player gets 10 and 0 by switching to Y (then one N);
 * the Y player gets -20 and -50 by switching (then N, N, N): an NE. */
START_TEST(test_three_player)
{
    ck_assert_int_eq(run("gum/app-c-three", paper), MC_FAILS);
    ck_assert_int_eq(json_integer_value(json_object_get(witness, "pure_ne_count")), 4);
    ck_assert_int_eq(json_integer_value(json_object_get(witness, "pair_gain_from_NN_against_YYY")),
                     40);
    /* with -1 for the two N players, Y is strictly dominant: unique NE */
    static const char *const strict[] = {"stage=-10,-40,0,-1,-20,-50", NULL};
    ck_assert_int_eq(run("gum/app-c-three", strict), MC_HOLDS);
}
END_TEST

/* `check --dot`: the (72) play and the coalition's deviation after Bet. */
START_TEST(test_safronov_fragment)
{
    mc_claim_result r;
    mc_error err;
    ck_assert_int_eq(mc_test_run_claim("gum/app-c-safronov", paper, &r, &err), MC_OK);
    json_t *edges = json_object_get(r.fragment, "edges");
    ck_assert_uint_eq(json_array_size(json_object_get(r.fragment, "nodes")), 5);
    ck_assert_uint_eq(json_array_size(edges), 4);
    json_t *last = json_array_get(edges, 3);
    ck_assert_str_eq(json_string_value(json_object_get(last, "label")), "(N, N)");
    ck_assert_str_eq(json_string_value(json_object_get(last, "mark")), "deviation");
    json_t *quit = json_array_get(edges, 0);
    ck_assert_str_eq(json_string_value(json_object_get(quit, "mark")), "path");
    mc_claim_result_free(&r);
}
END_TEST

START_TEST(test_bad_input)
{
    static const char *const short_list[] = {"bet=1,2,3", NULL}, *const big_p[] = {"p=2", NULL};
    run("gum/app-c-safronov", short_list);
    ck_assert_int_eq(last_status, MC_EINPUT);
    run("gum/app-c-bet", big_p);
    ck_assert_int_eq(last_status, MC_EINPUT);
    json_decref(witness);
    witness = NULL;
}
END_TEST

Suite *mc_suite_gum_appc(void)
{
    Suite *s = suite_create("gum_appc");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_tables);
    tcase_add_test(tc, test_spe);
    tcase_add_test(tc, test_bet_threshold);
    tcase_add_test(tc, test_safronov);
    tcase_add_test(tc, test_three_player);
    tcase_add_test(tc, test_safronov_fragment);
    tcase_add_test(tc, test_bad_input);
    suite_add_tcase(s, tc);
    return s;
}

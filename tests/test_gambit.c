/* Gambit .efg / .nfg files: hand-written fixtures checked against values read
 * off the files by hand, round trips, malformed inputs with exact positions,
 * and atomic file writing. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "gambit_testutil.h"
#include "mechcheck/gambit.h"

static void read_fixture(const char *name, mc_tree *t)
{
    char path[512];
    mc_error err;
    mc_status st = mc_efg_read(mc_test_data(name, path, sizeof path), t, &err);
    ck_assert_msg(st == MC_OK, "%s: %s", name, err.msg);
}

static const mc_q *payoff(const mc_tree *t, uint32_t v, unsigned p)
{
    static mc_q buf[MC_MAX_PLAYERS]; /* reachable, so never reported as a leak */
    ck_assert_uint_ne(t->outcome[v], MC_TREE_NONE);
    for (unsigned i = 0; i < MC_MAX_PLAYERS; i++)
        if (buf[i].den == 0 && buf[i].big == NULL)
            buf[i] = MC_Q_ZERO;
    return &mc_tree_outcome_payoffs(t, t->outcome[v], buf)[p];
}

static const char *label(const mc_tree *t, uint32_t labels, uint32_t i)
{
    return mc_tree_str(t, t->label_ids[labels + i]);
}

/* ---- fixtures ------------------------------------------------------------ */

START_TEST(test_efg_chance_and_shared_infoset)
{
    mc_tree t;
    read_fixture("bayes_chance.efg", &t);
    ck_assert_uint_eq(t.nplayers, 2);
    ck_assert_str_eq(t.title, "Chance, an information set over two nodes");
    ck_assert_str_eq(mc_tree_str(&t, t.player_name[1]), "Player 2");
    ck_assert_ptr_nonnull(strstr(t.comment, "player 2 does not"));
    ck_assert_uint_eq(t.nnodes, 11);
    static const uint8_t kinds[11] = {2, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0};
    for (uint32_t v = 0; v < 11; v++)
        ck_assert_uint_eq(t.kind[v], kinds[v]);
    /* the coin */
    const mc_tree_chance *coin = &t.chances[t.ref[0]];
    ck_assert_uint_eq(coin->nchance, 2);
    ck_assert_q_str(&t.probs[coin->probs], "1/2");
    ck_assert_q_str(&t.probs[coin->probs + 1], "1/2");
    ck_assert_str_eq(label(&t, coin->labels, 1), "T");
    ck_assert_str_eq(mc_tree_str(&t, coin->name), "coin");
    ck_assert_str_eq(mc_tree_str(&t, t.name[0]), "root");
    ck_assert_str_eq(mc_tree_str(&t, t.name[6]), "after T");
    /* player 2's information set spans nodes 2 and 7; player 1 has two sets */
    ck_assert_uint_eq(t.ref[2], t.ref[7]);
    ck_assert_uint_ne(t.ref[1], t.ref[6]);
    const mc_tree_infoset *blind = &t.infosets[t.ref[2]];
    ck_assert_uint_eq(blind->player, 1);
    ck_assert_uint_eq(blind->nactions, 2);
    ck_assert_uint_eq(mc_tree_infoset_number(&t, t.ref[2]), 1);
    ck_assert_uint_eq(blind->nnodes, 2);
    ck_assert_str_eq(label(&t, blind->labels, 1), "r");
    ck_assert(!t.perfect_information);
    /* payoffs, and outcomes shared through their numbers */
    ck_assert_q_str(payoff(&t, 3, 0), "3");
    ck_assert_q_str(payoff(&t, 8, 0), "-1");
    ck_assert_q_str(payoff(&t, 8, 1), "2");
    ck_assert_uint_eq(t.outcome[9], t.outcome[4]);
    ck_assert_uint_eq(t.outcome[10], t.outcome[5]);
    ck_assert_uint_eq(t.outcome[0], MC_TREE_NONE);
    ck_assert_uint_eq(t.noutcomes, 4);
    mc_tree_free(&t);
}
END_TEST

START_TEST(test_efg_internal_outcomes)
{
    mc_tree t;
    read_fixture("stages.efg", &t);
    ck_assert_uint_eq(t.nplayers, 3);
    ck_assert_uint_eq(t.nnodes, 7);
    ck_assert_q_str(payoff(&t, 0, 0), "-1/4");
    ck_assert_q_str(payoff(&t, 1, 1), "5/2");
    ck_assert_uint_eq(t.outcome[3], MC_TREE_NONE);
    ck_assert_uint_eq(t.outcome[5], MC_TREE_NONE); /* "t "" 0": pays nothing */
    ck_assert_uint_eq(t.outcome[4], t.outcome[2]);
    ck_assert_q_str(payoff(&t, 6, 2), "-7");
    ck_assert_uint_eq(t.infosets[t.ref[3]].nactions, 1);
    ck_assert_uint_eq(t.subtree[1], 5);
    ck_assert_uint_eq(mc_tree_child(&t, 0, 1), 6);
    ck_assert(t.perfect_information);
    mc_tree_free(&t);
}
END_TEST

START_TEST(test_efg_decimals_escapes_commas)
{
    mc_tree t;
    read_fixture("decimals.efg", &t);
    ck_assert_str_eq(t.title, "Decimals, comments and escapes: \"quoted\" \\ back");
    ck_assert_str_eq(mc_tree_str(&t, t.player_name[0]), "P \"one\"");
    ck_assert_str_eq(t.comment, "comment\non two lines");
    const mc_tree_chance *c = &t.chances[t.ref[0]];
    ck_assert_q_str(&t.probs[c->probs], "1/4");
    ck_assert_q_str(&t.probs[c->probs + 1], "3/4");
    c = &t.chances[t.ref[2]];
    ck_assert_q_str(&t.probs[c->probs], "1/10");
    ck_assert_q_str(&t.probs[c->probs + 1], "9/10");
    ck_assert_q_str(payoff(&t, 1, 0), "101/10");
    ck_assert_q_str(payoff(&t, 1, 1), "-5/2");
    ck_assert_q_str(payoff(&t, 3, 0), "150");
    ck_assert_q_str(payoff(&t, 3, 1), "3");
    ck_assert_str_eq(mc_tree_str(&t, t.name[3]), "t\"1");
    ck_assert_q_str(payoff(&t, 4, 0), "-1/1000");
    ck_assert_q_str(payoff(&t, 4, 1), "1/3");
    mc_tree_free(&t);
}
END_TEST

START_TEST(test_efg_round_trip_fixtures)
{
    static const char *names[] = {"bayes_chance.efg", "stages.efg", "decimals.efg"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        mc_tree t;
        read_fixture(names[i], &t);
        check_efg_round_trip(&t, names[i]);
        mc_tree_free(&t);
    }
}
END_TEST

START_TEST(test_efg_written_text)
{
    mc_tree t;
    read_fixture("stages.efg", &t);
    char *text = efg_to_string(&t, NULL);
    static const char want[] =
        "EFG 2 R \"Outcomes at internal nodes\" { \"A\" \"B\" \"C\" }\n"
        "\"\"\n"
        "\n"
        "p \"\" 1 1 \"first\" { \"x\" \"y\" } 1 \"fee\" { -1/4, 0, 0 }\n"
        "p \"\" 2 1 \"\" { \"a\" \"b\" \"c\" } 2 \"bonus\" { 0, 5/2, 0 }\n"
        "t \"\" 3 \"end\" { 1, 1, 1 }\n"
        "p \"\" 3 1 \"\" { \"u\" } 0\n"
        "t \"\" 3\n"
        "t \"\" 0\n"
        "t \"\" 4 \"y\" { 2, 0, -7 }\n";
    ck_assert_str_eq(text, want);
    free(text);
    mc_tree_free(&t);
}
END_TEST

/* Repeated descriptions that match, numbers that are not 1, 2, 3 and large
 * numbers (hash path of the number maps). */
START_TEST(test_efg_sparse_numbers)
{
    static const char text[] =
        "EFG 2 R \"\" { \"1\" \"2\" }\n"
        "p \"\" 2 4000000000 \"I\" { \"a\" \"b\" } 77 \"o\" { 1 2 }\n"
        "p \"\" 2 4000000000 \"I\" { \"a\" \"b\" } 77 \"o\" { 1, 2, }\n"
        "t \"\" 3000000000 \"big\" { 1/3 -1/3 }\n"
        "t \"\" 77\n"
        "p \"\" 2 4000000000 0\n"
        "t \"\" 3000000000\n"
        "c \"\" 9 \"\" { \"h\" 1/3 \"t\" 2/3 } 0\n"
        "t \"\" 0\n"
        "t \"\" 0\n";
    mc_tree t;
    mc_error err;
    ck_assert_msg(mc_efg_parse(text, sizeof text - 1, "sparse", &t, &err) == MC_OK, "%s",
                  err.msg);
    ck_assert_uint_eq(t.nnodes, 9);
    ck_assert_uint_eq(t.ninfosets, 1);
    ck_assert_uint_eq(mc_tree_infoset_number(&t, 0), 4000000000u);
    ck_assert_uint_eq(t.outcome[2], t.outcome[5]);
    ck_assert_q_str(payoff(&t, 2, 1), "-1/3");
    char *out = efg_to_string(&t, NULL);
    ck_assert_ptr_nonnull(strstr(out, "p \"\" 2 4000000000 \"I\" { \"a\" \"b\" } 77 \"o\" { 1, 2 }\n"
                                      "p \"\" 2 4000000000 77\n"));
    free(out);
    check_efg_round_trip(&t, "sparse");
    mc_tree_free(&t);
}
END_TEST

/* ---- malformed input --------------------------------------------------------- */

typedef struct bad_case {
    const char *text;
    const char *prefix;   /* "bad.efg:LINE:COL:" */
    const char *contains; /* part of the message */
} bad_case;

#define H2 "EFG 2 R \"g\" { \"P1\" \"P2\" }\n"

static const bad_case bad_efg[] = {
    {"", "bad.efg:1:1:", "expected 'EFG'"},
    {"EFX 2 R \"g\" { \"P1\" }", "bad.efg:1:1:", "expected 'EFG'"},
    {"EFG 3 R \"g\" { \"P1\" }", "bad.efg:1:5:", "version"},
    {"EFG 2 Q \"g\" { \"P1\" }", "bad.efg:1:7:", "'R' or 'D'"},
    {"EFG 2 R \"g\" { }\nt \"\" 0", "bad.efg:1:13:", "no players"},
    {"EFG 2 R \"g\" { \"P1\" \n", "bad.efg:2:1:", "player name"},
    {H2 "x \"\" 0\n", "bad.efg:2:1:", "node type"},
    {H2 "p \"\" 3 1 \"\" { \"a\" } 0\nt \"\" 0\n", "bad.efg:2:6:", "player 3 is out of range 1..2"},
    {H2 "p \"\" 0 1 \"\" { \"a\" } 0\nt \"\" 0\n", "bad.efg:2:6:", "out of range"},
    {H2 "t \"\" 1 \"o\" { 1 }\n", "bad.efg:2:16:", "1 payoff, expected 2"},
    {H2 "t \"\" 1 \"o\" { 1, 2, 3 }\n", "bad.efg:2:20:", "more than 2 payoffs"},
    {H2 "p \"\" 1 1 \"\" { \"a\" \"b\" } 0\np \"\" 1 1 \"\" { \"a\" } 0\nt \"\" 0\nt \"\" 0\n",
     "bad.efg:3:13:", "1 action here but 2"},
    {H2 "p \"\" 1 1 \"\" { \"a\" } 0\np \"\" 1 1 \"\" { \"b\" } 0\nt \"\" 0\n", "bad.efg:3:8:",
     "described differently"},
    {H2 "c \"\" 1 \"\" { \"a\" -1/2 \"b\" 3/2 } 0\nt \"\" 0\nt \"\" 0\n", "bad.efg:2:17:",
     "negative probability"},
    {H2 "c \"\" 1 \"\" { \"a\" 1/2 \"b\" 1/3 } 0\nt \"\" 0\nt \"\" 0\n", "bad.efg:2:11:",
     "sum to 5/6, not 1"},
    {H2 "c \"\" 1 \"\" { \"a\" 0.5 \"b\" 0.5000001 } 0\nt \"\" 0\nt \"\" 0\n", "bad.efg:2:11:",
     "not 1"},
    {H2 "p \"\" 1 1 0\nt \"\" 0\n", "bad.efg:2:8:", "before its actions"},
    {H2 "p \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 0\n", "bad.efg:4:1:",
     "the node at 2:1 still lacks 1 child"},
    {H2 "p \"\" 1 1 \"\" { \"a\" } 0\nt \"\" 0\nt \"\" 0\n", "bad.efg:4:1:", "after the end"},
    {H2 "t \"abc 0\n", "bad.efg:2:3:", "unterminated string"},
    {H2 "t \"\" 0 \"o\" { 1 2 }\n", "bad.efg:2:6:", "outcome 0"},
    {H2 "t \"\" 5\n", "bad.efg:2:6:", "outcome 5 is used before"},
    {H2 "t \"\" 1 \"o\" { 1/0 2 }\n", "bad.efg:2:14:", "invalid number '1/0'"},
    {H2 "t \"\" 1 \"o\" { 1x 2 }\n", "bad.efg:2:14:", "invalid number '1x'"},
    {H2 "t \"\" 1 \"o\" { 1e99999999 2 }\n", "bad.efg:2:14:", "exponent out of range"},
    {H2 "p \"\" 1 1 \"\" { } 0\n", "bad.efg:2:15:", "at least one action"},
    {H2 "p \"\" 1 1 \"\" { \"a\" } 1 \"o\" { 1 2 }\np \"\" 1 1 0\nt \"\" 1 \"o\" { 1 3 }\n",
     "bad.efg:4:6:", "player 2's payoff differs"},
    {H2 "p \"\" 1 x \"\" { \"a\" } 0\n", "bad.efg:2:8:", "information set number"},
    {H2 "t 0\n", "bad.efg:2:3:", "node's name"},
    {H2 "", "bad.efg:2:1:", "no nodes"},
};

static const bad_case bad_nfg[] = {
    {"NFG 2 R \"g\" { \"P1\" } { 2 }\n1 2\n", "bad.nfg:1:5:", "version"},
    {"NFG 1 R \"g\" { \"P1\" \"P2\" } { 2 }\n1 2 3 4\n", "bad.nfg:1:31:",
     "1 strategy count for 2 players"},
    {"NFG 1 R \"g\" { \"P1\" } { 2 3 }\n1 2\n", "bad.nfg:1:26:", "more strategy counts"},
    {"NFG 1 R \"g\" { \"P1\" \"P2\" } { 2 1 }\n1 2 3\n", "bad.nfg:3:1:",
     "ends after 3 of the 4 payoffs"},
    {"NFG 1 R \"g\" { \"P1\" \"P2\" } { 2 1 }\n1 2 3 4 5\n", "bad.nfg:2:9:", "text after"},
    {"NFG 1 R \"g\" { \"P1\" } { 0 }\n", "bad.nfg:1:24:", "no strategies"},
    {"NFG 1 R \"g\" { \"P1\" } { 2 }\n1 z\n", "bad.nfg:2:3:", "invalid number 'z'"},
    {"NFG 1 R \"g\" { \"P1\" } { { \"a\" \"b\" } }\n{ { \"o\" 1 } }\n1 2\n", "bad.nfg:3:3:",
     "out of range"},
    {"NFG 1 R \"g\" { \"P1\" } { 2 }\n{ { \"o\" 1 2 } }\n1 1\n", "bad.nfg:2:11:",
     "more than 1 payoffs"},
    {"NFG 1 R \"g\" { \"P1\" } { 4000000000 }\n1 2\n", "bad.nfg:3:1:", "the file ends before"},
};

static void check_bad(const bad_case *c, bool efg)
{
    mc_error err;
    mc_status st;
    if (efg) {
        mc_tree t;
        st = mc_efg_parse(c->text, strlen(c->text), "bad.efg", &t, &err);
        if (st == MC_OK)
            mc_tree_free(&t);
    } else {
        mc_nfg g;
        st = mc_nfg_parse(c->text, strlen(c->text), "bad.nfg", &g, &err);
        if (st == MC_OK)
            mc_nfg_free(&g);
    }
    ck_assert_msg(st == MC_EINPUT, "accepted: %s", c->text);
    ck_assert_int_eq(err.code, MC_EINPUT);
    ck_assert_msg(strncmp(err.msg, c->prefix, strlen(c->prefix)) == 0,
                  "message \"%s\" lacks \"%s\" (input %s)", err.msg, c->prefix, c->text);
    ck_assert_msg(strstr(err.msg, c->contains), "message \"%s\" lacks \"%s\"", err.msg,
                  c->contains);
    ck_assert_ptr_null(strchr(err.msg, '\n'));
}

START_TEST(test_efg_bad_inputs)
{
    for (size_t i = 0; i < sizeof bad_efg / sizeof bad_efg[0]; i++)
        check_bad(&bad_efg[i], true);
}
END_TEST

START_TEST(test_nfg_bad_inputs)
{
    for (size_t i = 0; i < sizeof bad_nfg / sizeof bad_nfg[0]; i++)
        check_bad(&bad_nfg[i], false);
}
END_TEST

/* ---- normal form ---------------------------------------------------------------- */

START_TEST(test_nfg_profiles)
{
    mc_nfg g;
    mc_error err;
    uint32_t n[3] = {2, 3, 4}, s[3] = {1, 2, 3}, back[3];
    ck_assert_int_eq(mc_nfg_init(&g, 3, n, &err), MC_OK);
    ck_assert_uint_eq(g.nprofiles, 24);
    /* player 1 fastest: 1 + 2 * (2 + 3 * 3) */
    ck_assert_uint_eq(mc_nfg_profile_index(&g, s), 23);
    mc_nfg_profile_of(&g, 9, back);
    ck_assert_uint_eq(back[0], 1);
    ck_assert_uint_eq(back[1], 1);
    ck_assert_uint_eq(back[2], 1);
    ck_assert_str_eq(g.player_names[2], "3");
    ck_assert_str_eq(g.strategy_names[2][3], "4");
    ck_assert_q_str(mc_nfg_payoff(&g, 17, 2), "0");
    mc_nfg_free(&g);
    uint32_t zero[1] = {0};
    ck_assert_int_eq(mc_nfg_init(&g, 1, zero, &err), MC_EINPUT);
}
END_TEST

static void read_nfg_fixture(const char *name, mc_nfg *g)
{
    char path[512];
    mc_error err;
    mc_status st = mc_nfg_read(mc_test_data(name, path, sizeof path), g, &err);
    ck_assert_msg(st == MC_OK, "%s: %s", name, err.msg);
}

static void check_nfg_round_trip(const mc_nfg *g)
{
    size_t len1 = 0, len2 = 0;
    char *text1 = nfg_to_string(g, &len1);
    mc_nfg h;
    mc_error err;
    ck_assert_msg(mc_nfg_parse(text1, len1, "written", &h, &err) == MC_OK, "%s", err.msg);
    ck_assert_uint_eq(h.nplayers, g->nplayers);
    ck_assert_str_eq(h.title, g->title);
    ck_assert_str_eq(h.comment, g->comment);
    for (unsigned p = 0; p < g->nplayers; p++) {
        ck_assert_str_eq(h.player_names[p], g->player_names[p]);
        ck_assert_uint_eq(h.nstrategies[p], g->nstrategies[p]);
        for (uint32_t s = 0; s < g->nstrategies[p]; s++)
            ck_assert_str_eq(h.strategy_names[p][s], g->strategy_names[p][s]);
    }
    for (uint64_t i = 0; i < g->nprofiles * g->nplayers; i++)
        ck_assert(mc_q_eq(&h.payoff[i], &g->payoff[i]));
    ck_assert_int_eq(h.outcome_names != NULL, g->outcome_names != NULL);
    for (uint64_t i = 0; g->outcome_names && i < g->nprofiles; i++)
        ck_assert_str_eq(str_or_empty(h.outcome_names[i]), str_or_empty(g->outcome_names[i]));
    char *text2 = nfg_to_string(&h, &len2);
    ck_assert(len1 == len2 && memcmp(text1, text2, len1) == 0);
    free(text1);
    free(text2);
    mc_nfg_free(&h);
}

START_TEST(test_nfg_payoff_version)
{
    mc_nfg g;
    read_nfg_fixture("pd.nfg", &g);
    ck_assert_uint_eq(g.nplayers, 2);
    ck_assert_str_eq(g.player_names[1], "Column");
    ck_assert_str_eq(g.comment, "row strategy changes fastest");
    uint32_t s[2] = {1, 0}; /* row defects, column cooperates */
    uint64_t i = mc_nfg_profile_index(&g, s);
    ck_assert_q_str(mc_nfg_payoff(&g, i, 0), "0");
    ck_assert_q_str(mc_nfg_payoff(&g, i, 1), "-3");
    ck_assert_q_str(mc_nfg_payoff(&g, 3, 0), "-2");
    ck_assert_ptr_null(g.outcome_names);
    check_nfg_round_trip(&g);
    mc_nfg_free(&g);
}
END_TEST

START_TEST(test_nfg_outcome_version)
{
    mc_nfg g;
    read_nfg_fixture("selten_outcomes.nfg", &g);
    ck_assert_uint_eq(g.nstrategies[0], 3);
    ck_assert_uint_eq(g.nstrategies[1], 2);
    ck_assert_str_eq(g.strategy_names[1][1], "r");
    ck_assert_ptr_nonnull(g.outcome_names);
    /* indices 1 2 2 0 3 4 */
    ck_assert_str_eq(g.outcome_names[0], "");
    ck_assert_str_eq(g.outcome_names[2], "b");
    ck_assert_ptr_null(g.outcome_names[3]);
    ck_assert_q_str(mc_nfg_payoff(&g, 2, 1), "2");
    ck_assert_q_str(mc_nfg_payoff(&g, 3, 0), "0");
    ck_assert_q_str(mc_nfg_payoff(&g, 4, 1), "3/2");
    ck_assert_q_str(mc_nfg_payoff(&g, 5, 0), "2");
    check_nfg_round_trip(&g);
    char *text = nfg_to_string(&g, NULL);
    ck_assert_ptr_nonnull(strstr(text, "{\n{ \"\" 1, 1 }\n{ \"b\" 0, 2 }\n{ \"c\" 0, 3/2 }\n"
                                       "{ \"d\" 2, 0 }\n}\n1 2 2\n0 3 4\n"));
    free(text);
    mc_nfg_free(&g);
}
END_TEST

/* ---- files ------------------------------------------------------------------------ */

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    if (d)
        closedir(d);
    return n;
}

START_TEST(test_write_files)
{
    mc_tree t;
    read_fixture("bayes_chance.efg", &t);
    mc_error err;
    ck_assert_int_eq(mc_efg_write_file(&t, "/nonexistent-mc-dir/x/game.efg", &err), MC_EIO);
    ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent-mc-dir/x/game.efg"));
    ck_assert_int_eq(access("/nonexistent-mc-dir/x/game.efg", F_OK), -1);

    char dir[] = "/tmp/mc_gambit_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[600];
    snprintf(path, sizeof path, "%s/game.efg", dir);
    ck_assert_int_eq(mc_efg_write_file(&t, path, &err), MC_OK);
    ck_assert_int_eq(mc_efg_write_file(&t, path, &err), MC_OK); /* replaces */
    ck_assert_int_eq(count_entries(dir), 1);                   /* no temporary left */
    mc_tree u;
    ck_assert_int_eq(mc_efg_read(path, &u, &err), MC_OK);
    char why[200];
    ck_assert_msg(trees_equal(&t, &u, why, sizeof why), "%s", why);
    mc_tree_free(&u);
    unlink(path);

    mc_nfg g;
    read_nfg_fixture("pd.nfg", &g);
    snprintf(path, sizeof path, "%s/game.nfg", dir);
    ck_assert_int_eq(mc_nfg_write_file(&g, path, &err), MC_OK);
    mc_nfg h;
    ck_assert_int_eq(mc_nfg_read(path, &h, &err), MC_OK);
    ck_assert(mc_q_eq(&h.payoff[5], &g.payoff[5]));
    mc_nfg_free(&h);
    ck_assert_int_eq(mc_nfg_write_file(&g, "/nonexistent-mc-dir/g.nfg", &err), MC_EIO);
    unlink(path);
    ck_assert_int_eq(count_entries(dir), 0);
    rmdir(dir);

    ck_assert_int_eq(mc_efg_read("/nonexistent-mc-dir/g.efg", &u, &err), MC_EIO);
    ck_assert_int_eq(mc_nfg_read("/nonexistent-mc-dir/g.nfg", &h, &err), MC_EIO);
    mc_nfg_free(&g);
    mc_tree_free(&t);
}
END_TEST

/* A writer that fails half-way leaves neither the target nor a temporary. */
static mc_status failing_writer(FILE *f, const void *arg, mc_error *err)
{
    (void)arg;
    fputs("partial", f);
    return mc_error_set(err, MC_EINTERNAL, "writer gave up");
}

START_TEST(test_atomic_write_failure)
{
    char dir[] = "/tmp/mc_gambit_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[600];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    mc_error err;
    ck_assert_int_eq(mc_write_file_atomic(path, failing_writer, NULL, &err), MC_EINTERNAL);
    ck_assert_int_eq(count_entries(dir), 0);
    rmdir(dir);
}
END_TEST

Suite *mc_suite_gambit(void)
{
    Suite *s = suite_create("gambit");
    TCase *tc = tcase_create("efg");
    tcase_add_test(tc, test_efg_chance_and_shared_infoset);
    tcase_add_test(tc, test_efg_internal_outcomes);
    tcase_add_test(tc, test_efg_decimals_escapes_commas);
    tcase_add_test(tc, test_efg_round_trip_fixtures);
    tcase_add_test(tc, test_efg_written_text);
    tcase_add_test(tc, test_efg_sparse_numbers);
    tcase_add_test(tc, test_efg_bad_inputs);
    suite_add_tcase(s, tc);
    tc = tcase_create("nfg");
    tcase_add_test(tc, test_nfg_profiles);
    tcase_add_test(tc, test_nfg_payoff_version);
    tcase_add_test(tc, test_nfg_outcome_version);
    tcase_add_test(tc, test_nfg_bad_inputs);
    suite_add_tcase(s, tc);
    tc = tcase_create("files");
    tcase_add_test(tc, test_write_files);
    tcase_add_test(tc, test_atomic_write_failure);
    suite_add_tcase(s, tc);
    return s;
}

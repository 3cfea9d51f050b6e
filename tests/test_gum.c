/* Seed 004: environments, efficient policies and transfers against the
 * spec's reference values R1-R4 (exact), budget balance and additivity. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "mech/gum.h"
#include "testutil.h"

typedef struct fixture {
    mc_gum_env env;
    mc_gum_policy pol;
    mc_gum_mech mech;
} fixture;

static void fixture_build(fixture *f, mc_gum_kind kind, const unsigned *order)
{
    mc_error err;
    ck_assert_int_eq(mc_gum_env_validate(&f->env, &err), MC_OK);
    ck_assert_msg(mc_gum_policy_efficient(&f->pol, &f->env, MC_GUM_TIE_FIRST, &err) == MC_OK, "%s",
                  err.msg);
    ck_assert_msg(mc_gum_mech_build(&f->mech, &f->env, &f->pol, kind, order, &err) == MC_OK, "%s",
                  err.msg);
}

static void fixture_free(fixture *f)
{
    mc_gum_mech_free(&f->mech);
    mc_gum_policy_free(&f->pol);
    mc_gum_env_free(&f->env);
}

/* "(a, b, c)" of a transfer vector. */
static void vec_str(const mc_q *v, unsigned n, char *buf, size_t cap)
{
    size_t len = (size_t)snprintf(buf, cap, "(");
    for (unsigned i = 0; i < n; i++) {
        len += mc_q_snprint(buf + len, cap - len, &v[i]);
        len += (size_t)snprintf(buf + len, cap - len, i + 1 < n ? ", " : ")");
    }
}

static void check_y(const fixture *f, unsigned t, uint64_t prev, uint64_t cur, const char *want)
{
    char buf[256];
    vec_str(mc_gum_y(&f->mech, t, prev, cur), f->env.n, buf, sizeof buf);
    ck_assert_msg(!strcmp(buf, want), "t=%u prev=%llu cur=%llu: got %s, want %s", t,
                  (unsigned long long)prev, (unsigned long long)cur, buf, want);
}

static void check_F0(const fixture *f, const char *want)
{
    char buf[256];
    uint64_t root = mc_gum_state_index(&f->env, 0, f->env.init);
    vec_str(&f->pol.F[0][root * f->env.n], f->env.n, buf, sizeof buf);
    ck_assert_str_eq(buf, want);
}

/* ---- R1: bilateral arithmetic of eq. (10) ------------------------------------- */

START_TEST(test_r1_bilateral)
{
    mc_q gamma[4 * 3], y[3];
    mc_q_init_vec(gamma, 12);
    mc_q_init_vec(y, 3);
    /* (a) agent 2's update: gamma^{2->1} = 20, gamma^{2->3} = -5 */
    mc_q_set_i64(&gamma[2 * 3 + 0], 20);
    mc_q_set_i64(&gamma[2 * 3 + 2], -5);
    mc_gum_y_from_gamma(3, gamma, y);
    char buf[128];
    vec_str(y, 3, buf, sizeof buf);
    ck_assert_str_eq(buf, "(-20, 15, 5)");
    /* (b) agent i = 1 changes j = 2 by +15 and k = 3 by -5 */
    mc_q_clear_vec(gamma, 12);
    mc_q_init_vec(gamma, 12);
    mc_q_set_i64(&gamma[1 * 3 + 1], 15);
    mc_q_set_i64(&gamma[1 * 3 + 2], -5);
    /* the public state's externality is paid by nobody */
    mc_q_set_i64(&gamma[0 * 3 + 0], 1000);
    mc_gum_y_from_gamma(3, gamma, y);
    vec_str(y, 3, buf, sizeof buf);
    ck_assert_str_eq(buf, "(10, -15, 5)");
    mc_q_clear_vec(gamma, 12);
    mc_q_clear_vec(y, 3);
}
END_TEST

/* ---- R2: App E.3 under AGV ------------------------------------------------------- */

START_TEST(test_r2_agv_transfers)
{
    fixture f;
    mc_error err;
    ck_assert_int_eq(mc_gum_env_app_e3(&f.env, &err), MC_OK);
    fixture_build(&f, MC_GUM_KIND_BTM, NULL);
    /* the paper's policy (N, N, S, B) comes out of the first-maximiser tie-break */
    ck_assert_int_eq(f.pol.chi[1][0], 0);
    ck_assert_int_eq(f.pol.chi[1][1], 0);
    ck_assert_int_eq(f.pol.chi[1][2], 1);
    ck_assert_int_eq(f.pol.chi[1][3], 2);
    ck_assert(!f.pol.unique_all);
    ck_assert_q_str(&f.pol.W, "11/2");
    check_F0(&f, "(13, 5/2, -10)");
    /* state index = th1 * 2 + th2 (L = 0, H = 1) */
    check_y(&f, 1, 0, 0, "(13/2, -7/4, -19/4)");
    check_y(&f, 1, 0, 1, "(17/2, -23/4, -11/4)");
    check_y(&f, 1, 0, 2, "(-17/2, 23/4, 11/4)");
    check_y(&f, 1, 0, 3, "(-13/2, 7/4, 19/4)");
    ck_assert(f.mech.balanced);
    /* raw gamma of eq. (80): gamma_1(L) = 15/2, gamma_2(H) = -2 */
    mc_q g[4 * 3];
    mc_q_init_vec(g, 12);
    ck_assert_int_eq(mc_gum_btm_externalities(&f.env, &f.pol, 1, 0, 1, g, &err), MC_OK);
    mc_q s = MC_Q_ZERO;
    mc_q_add(&s, &g[1 * 3 + 1], &g[1 * 3 + 2]);
    ck_assert_q_str(&s, "15/2");
    mc_q_add(&s, &g[2 * 3 + 0], &g[2 * 3 + 2]);
    ck_assert_q_str(&s, "-2");
    mc_q_clear(&s);
    mc_q_clear_vec(g, 12);
    fixture_free(&f);
}
END_TEST

/* ---- R3: App E.3 under GUM, order (1, 2, 3) ------------------------------------- */

START_TEST(test_r3_gum_transfers)
{
    fixture f;
    mc_error err;
    ck_assert_int_eq(mc_gum_env_app_e3(&f.env, &err), MC_OK);
    fixture_build(&f, MC_GUM_KIND_GUM, NULL);
    check_y(&f, 1, 0, 0, "(15/2, 5/2, -10)");
    check_y(&f, 1, 0, 1, "(15/2, 5/2, -10)");
    check_y(&f, 1, 0, 2, "(-3/2, 3/2, 0)");
    check_y(&f, 1, 0, 3, "(-27/2, -13/2, 20)");
    ck_assert(f.mech.balanced);
    /* worked (H,H): gamma^{1->2} = 5/2, gamma^{1->3} = -10, gamma^{2->1} = 6,
     * gamma^{2->3} = -10 */
    mc_q g[4 * 3], tot[3];
    mc_q_init_vec(g, 12);
    mc_q_init_vec(tot, 3);
    ck_assert_int_eq(mc_gum_externalities(&f.env, &f.pol, NULL, 1, 0, 3, g, tot, &err), MC_OK);
    ck_assert_q_str(&g[1 * 3 + 1], "5/2");
    ck_assert_q_str(&g[1 * 3 + 2], "-10");
    ck_assert_q_str(&g[2 * 3 + 0], "6");
    ck_assert_q_str(&g[2 * 3 + 2], "-10");
    mc_q_clear_vec(g, 12);
    mc_q_clear_vec(tot, 3);
    fixture_free(&f);
}
END_TEST

/* ---- R4: mini-5.1 ---------------------------------------------------------------- */

/* t=1 states: b * 2 + r with 3/10 = 0, 7/10 = 1; t=2 likewise with 0, 1. */
static const char *const r4_gum_t1[4] = {
    "(406/25, 82/5, -816/25)", "(94/25, 22/5, -204/25)", "(114/25, 18/5, -204/25)",
    "(-614/25, -122/5, 1224/25)"};
static const char *const r4_btm_t1[4] = {"(5, 5, -10)", "(15, -15, 0)", "(-15, 15, 0)",
                                         "(-5, -5, 10)"};
static const char *const r4_gum_t2[4][4] = {
    {"(9, 234/25, -459/25)", "(9, 234/25, -459/25)", "(51/5, 204/25, -459/25)",
     "(-469/5, -2296/25, 4641/25)"},
    {"(21, 546/25, -1071/25)", "(21, 546/25, -1071/25)", "(119/5, 476/25, -1071/25)",
     "(-401/5, -2024/25, 4029/25)"},
    {"(21, 546/25, -1071/25)", "(21, 546/25, -1071/25)", "(111/5, 516/25, -1071/25)",
     "(-409/5, -1984/25, 4029/25)"},
    {"(49, 1274/25, -2499/25)", "(49, 1274/25, -2499/25)", "(259/5, 1204/25, -2499/25)",
     "(-261/5, -1296/25, 2601/25)"}};
static const char *const r4_btm_t2[4][4] = {
    {"(9/2, 9/2, -9)", "(39/2, -51/2, 6)", "(-51/2, 39/2, 6)", "(-21/2, -21/2, 21)"},
    {"(21/2, 21/2, -21)", "(51/2, -39/2, -6)", "(-119/2, 91/2, 14)", "(-89/2, 31/2, 29)"},
    {"(21/2, 21/2, -21)", "(91/2, -119/2, 14)", "(-39/2, 51/2, -6)", "(31/2, -89/2, 29)"},
    {"(49/2, 49/2, -49)", "(119/2, -91/2, -14)", "(-91/2, 119/2, -14)", "(-21/2, -21/2, 21)"}};

START_TEST(test_r4_values)
{
    fixture f;
    mc_error err;
    ck_assert_int_eq(mc_gum_env_r4(&f.env, &err), MC_OK);
    fixture_build(&f, MC_GUM_KIND_GUM, NULL);
    ck_assert_q_str(&f.pol.W, "1");
    check_F0(&f, "(26, 26, -51)");
    ck_assert(f.pol.unique_all);
    /* YES iff both t=2 reports are 1 */
    for (uint64_t s = 0; s < 4; s++)
        ck_assert_int_eq(f.pol.chi[2][s], s == 3 ? 1 : 0);
    fixture_free(&f);
}
END_TEST

START_TEST(test_r4_gum_transfers)
{
    fixture f;
    mc_error err;
    ck_assert_int_eq(mc_gum_env_r4(&f.env, &err), MC_OK);
    fixture_build(&f, MC_GUM_KIND_GUM, NULL);
    for (uint64_t c = 0; c < 4; c++)
        check_y(&f, 1, 0, c, r4_gum_t1[c]);
    for (uint64_t p = 0; p < 4; p++)
        for (uint64_t c = 0; c < 4; c++)
            check_y(&f, 2, p, c, r4_gum_t2[p][c]);
    ck_assert(f.mech.balanced);
    /* worked (3/10, 3/10): gamma^{b->r} = -52/5, gamma^{b->g} = 102/5,
     * gamma^{r->b} = -156/25, gamma^{r->g} = 306/25 */
    mc_q g[4 * 3];
    mc_q_init_vec(g, 12);
    ck_assert_int_eq(mc_gum_externalities(&f.env, &f.pol, NULL, 1, 0, 0, g, NULL, &err), MC_OK);
    ck_assert_q_str(&g[1 * 3 + 1], "-52/5");
    ck_assert_q_str(&g[1 * 3 + 2], "102/5");
    ck_assert_q_str(&g[2 * 3 + 0], "-156/25");
    ck_assert_q_str(&g[2 * 3 + 2], "306/25");
    mc_q_clear_vec(g, 12);
    fixture_free(&f);
}
END_TEST

START_TEST(test_r4_btm_transfers)
{
    fixture f;
    mc_error err;
    ck_assert_int_eq(mc_gum_env_r4(&f.env, &err), MC_OK);
    fixture_build(&f, MC_GUM_KIND_BTM, NULL);
    for (uint64_t c = 0; c < 4; c++)
        check_y(&f, 1, 0, c, r4_btm_t1[c]);
    for (uint64_t p = 0; p < 4; p++)
        for (uint64_t c = 0; c < 4; c++)
            check_y(&f, 2, p, c, r4_btm_t2[p][c]);
    ck_assert(f.mech.balanced);
    fixture_free(&f);
}
END_TEST

Suite *mc_suite_gum(void)
{
    Suite *s = suite_create("gum");
    TCase *tc = tcase_create("reference");
    tcase_add_test(tc, test_r1_bilateral);
    tcase_add_test(tc, test_r2_agv_transfers);
    tcase_add_test(tc, test_r3_gum_transfers);
    tcase_add_test(tc, test_r4_values);
    tcase_add_test(tc, test_r4_gum_transfers);
    tcase_add_test(tc, test_r4_btm_transfers);
    suite_add_tcase(s, tc);
    return s;
}

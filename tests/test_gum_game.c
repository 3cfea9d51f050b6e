/* Seed 004: the game generator.  Tree and information-set sizes against
 * spec 6's table (hand counts), perfect recall of every variant, and the
 * truthful profile's expected utilities against the policy's
 * anticipated payoffs Upsilon (an independent computation: a tree walk vs
 * the dynamic programme). */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "gum_testutil.h"
#include "mech/gum.h"
#include "testutil.h"

typedef struct setup {
    mc_gum_env env;
    mc_gum_policy pol;
    mc_gum_mech mech[720];
    size_t nmech;
    mc_game *g;
} setup;

static void setup_env(setup *s)
{
    mc_error err;
    ck_assert_msg(mc_gum_env_validate(&s->env, &err) == MC_OK, "%s", err.msg);
    ck_assert_int_eq(mc_gum_policy_efficient(&s->pol, &s->env, MC_GUM_TIE_FIRST, &err), MC_OK);
}

static void setup_game(setup *s, mc_gum_kind kind, const mc_gum_game_opts *o)
{
    mc_error err;
    s->nmech = 1;
    if (o->random_order) {
        unsigned perm[MC_GUM_MAX_AGENTS], n = s->env.n;
        for (unsigned k = 0; k < n; k++)
            perm[k] = k + 1;
        s->nmech = 0;
        /* lexicographic permutations */
        for (;;) {
            ck_assert_int_eq(mc_gum_mech_build(&s->mech[s->nmech++], &s->env, &s->pol,
                                               MC_GUM_KIND_GUM, perm, &err),
                             MC_OK);
            int i = (int)n - 2;
            while (i >= 0 && perm[i] >= perm[i + 1])
                i--;
            if (i < 0)
                break;
            int j = (int)n - 1;
            while (perm[j] <= perm[i])
                j--;
            unsigned t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
            for (int l = i + 1, r = (int)n - 1; l < r; l++, r--) {
                t = perm[l];
                perm[l] = perm[r];
                perm[r] = t;
            }
        }
    } else {
        ck_assert_int_eq(mc_gum_mech_build(&s->mech[0], &s->env, &s->pol, kind, NULL, &err), MC_OK);
    }
    ck_assert_msg(mc_gum_game_new(&s->g, &s->env, &s->pol, s->mech, s->nmech, o, &err) == MC_OK,
                  "%s", err.msg);
}

static void setup_free(setup *s)
{
    if (s->g)
        mc_game_destroy(s->g);
    for (size_t k = 0; k < s->nmech; k++)
        mc_gum_mech_free(&s->mech[k]);
    mc_gum_policy_free(&s->pol);
    mc_gum_env_free(&s->env);
}

static void check_truthful_is_upsilon(setup *s)
{
    walker w;
    walk_game(&w, s->g, walk_truthful, NULL);
    uint64_t root = mc_gum_state_index(&s->env, 0, s->env.init);
    for (unsigned i = 0; i < s->env.n; i++)
        ck_assert_msg(mc_q_eq(&w.value[i], &s->pol.F[0][root * s->env.n + i]),
                      "agent %u: truthful value differs from Upsilon", i + 1);
    walk_free(&w);
}

static void count(setup *s, walker *w)
{
    walk_game(w, s->g, NULL, NULL);
    ck_assert(w->recall_ok);
}

START_TEST(test_r4_sizes_v0)
{
    setup s = {0};
    mc_error err;
    ck_assert_int_eq(mc_gum_env_r4(&s.env, &err), MC_OK);
    setup_env(&s);
    mc_gum_game_opts o;
    mc_gum_game_opts_default(&o);
    setup_game(&s, MC_GUM_KIND_GUM, &o);
    walker w;
    count(&s, &w);
    /* K^{2NT} with green trivial: (2*2*2*2)^2 */
    ck_assert_uint_eq(w.leaves, 256);
    /* spec 6: 18 information sets (t=1: 2; t=2: 4 own histories x 4 reports) */
    ck_assert_uint_eq(w.nsets[0], 18);
    ck_assert_uint_eq(w.nsets[1], 18);
    ck_assert_uint_eq(w.nsets[2], 0);
    walk_free(&w);
    check_truthful_is_upsilon(&s);
    setup_free(&s);
}
END_TEST

START_TEST(test_r4_sizes_variants)
{
    mc_error err;
    struct {
        mc_gum_info info;
        bool simultaneous, see_reports, see_types;
        uint32_t past, coalition;
        uint64_t blue, red;
    } cases[] = {
        /* sequential emulation of V0: same sets */
        {MC_GUM_V0, false, true, false, 0, 0, 18, 18},
        /* V1: red sees blue's same-period report: 2*2 + 4*4*2 */
        {MC_GUM_V1, false, true, false, 0, 0, 18, 36},
        /* V1 with types: red also sees blue's current type, and remembers it */
        {MC_GUM_V1, false, true, true, 0, 0, 18, 8 + 4 * 4 * 2 * 2 * 2},
        /* V2: blue moves after red and sees its report */
        {MC_GUM_V2, false, true, false, 0, 0, 36, 18},
        /* V3: everyone sees true past types: 2 + 4*2*4 (spec 6: 34) */
        {MC_GUM_V0, true, true, false, 7, 0, 34, 34},
        /* pooled {red, green}: green has no information, red's sets unchanged */
        {MC_GUM_V0, true, true, false, 0, 6, 18, 18},
        /* pooled {blue, red}: both see both types: 4 + 16*4 */
        {MC_GUM_V0, true, true, false, 0, 3, 68, 68},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        setup s = {0};
        ck_assert_int_eq(mc_gum_env_r4(&s.env, &err), MC_OK);
        setup_env(&s);
        mc_gum_game_opts o;
        mc_gum_game_opts_default(&o);
        o.info = cases[k].info;
        o.simultaneous = cases[k].simultaneous;
        o.see_reports = cases[k].see_reports;
        o.see_types = cases[k].see_types;
        o.observe_past = cases[k].past;
        o.coalition = cases[k].coalition;
        setup_game(&s, MC_GUM_KIND_BTM, &o);
        walker w;
        count(&s, &w);
        ck_assert_uint_eq(w.leaves, 256);
        ck_assert_msg(w.nsets[0] == cases[k].blue && w.nsets[1] == cases[k].red,
                      "case %zu: %llu / %llu sets", k, (unsigned long long)w.nsets[0],
                      (unsigned long long)w.nsets[1]);
        walk_free(&w);
        check_truthful_is_upsilon(&s);
        setup_free(&s);
    }
}
END_TEST

START_TEST(test_truthful_agent_has_no_moves)
{
    setup s = {0};
    mc_error err;
    ck_assert_int_eq(mc_gum_env_r4(&s.env, &err), MC_OK);
    setup_env(&s);
    mc_gum_game_opts o;
    mc_gum_game_opts_default(&o);
    o.truthful = 1; /* blue */
    setup_game(&s, MC_GUM_KIND_GUM, &o);
    walker w;
    count(&s, &w);
    ck_assert_uint_eq(w.nsets[0], 0);
    ck_assert_uint_eq(w.nsets[1], 18);
    ck_assert_uint_eq(w.leaves, 64); /* blue's reports are no longer branches */
    walk_free(&w);
    check_truthful_is_upsilon(&s);
    setup_free(&s);
}
END_TEST

START_TEST(test_static_and_dpm_sizes)
{
    mc_error err;
    setup s = {0};
    ck_assert_int_eq(mc_gum_env_app_e3(&s.env, &err), MC_OK);
    setup_env(&s);
    mc_gum_game_opts o;
    mc_gum_game_opts_default(&o);
    setup_game(&s, MC_GUM_KIND_BTM, &o);
    walker w;
    count(&s, &w);
    ck_assert_uint_eq(w.leaves, 16);
    ck_assert_uint_eq(w.nsets[0], 2);
    ck_assert_uint_eq(w.nsets[2], 0);
    walk_free(&w);
    check_truthful_is_upsilon(&s);
    setup_free(&s);

    /* Sec. 5.2: no chance branching; reports 2*2*2 then 3*3*2 */
    setup d = {0};
    ck_assert_int_eq(mc_gum_env_dpm52(&d.env, &err), MC_OK);
    setup_env(&d);
    setup_game(&d, MC_GUM_KIND_DPM, &o);
    count(&d, &w);
    ck_assert_uint_eq(w.leaves, 144);
    /* blue at t=2 sees the 8 report profiles of t=1 */
    ck_assert_uint_eq(w.nsets[0], 1 + 8);
    walk_free(&w);
    setup_free(&d);
}
END_TEST

START_TEST(test_random_order_truthful)
{
    mc_error err;
    setup s = {0};
    ck_assert_int_eq(mc_gum_env_r4(&s.env, &err), MC_OK);
    setup_env(&s);
    mc_gum_game_opts o;
    mc_gum_game_opts_default(&o);
    o.random_order = true;
    setup_game(&s, MC_GUM_KIND_GUM, &o);
    ck_assert_uint_eq(s.nmech, 6);
    walker w;
    count(&s, &w);
    ck_assert_uint_eq(w.leaves, 6 * 256);
    /* the order is public: 6 times the sets */
    ck_assert_uint_eq(w.nsets[0], 6 * 18);
    walk_free(&w);
    check_truthful_is_upsilon(&s);
    setup_free(&s);
}
END_TEST

START_TEST(test_n3_t3_k2_size)
{
    /* spec 6: N=3, T=3, K=2: 262,144 leaves, 546 sets per agent; the pooled
     * pair moving jointly has 4228 sets (each member's set is the pair's) */
    mc_error err;
    mc_gum_random_spec sp;
    mc_gum_random_spec_default(&sp);
    sp.T = 3;
    sp.seed = 11;
    setup s = {0};
    ck_assert_int_eq(mc_gum_env_random(&s.env, &sp, &err), MC_OK);
    setup_env(&s);
    mc_gum_game_opts o;
    mc_gum_game_opts_default(&o);
    o.coalition = 6;
    setup_game(&s, MC_GUM_KIND_GUM, &o);
    walker w;
    count(&s, &w);
    ck_assert_uint_eq(w.leaves, 262144);
    ck_assert_uint_eq(w.nsets[0], 546);
    ck_assert_uint_eq(w.nsets[1], 4228);
    ck_assert_uint_eq(w.nsets[2], 4228);
    walk_free(&w);
    check_truthful_is_upsilon(&s);
    setup_free(&s);
}
END_TEST

START_TEST(test_transfer_free_truthful)
{
    /* with a huge bound nobody is ever replaced: truthful utilities are the
     * payoffs alone, whose expectations are Upsilon */
    mc_error err;
    setup s = {0};
    ck_assert_int_eq(mc_gum_env_r4(&s.env, &err), MC_OK);
    setup_env(&s);
    mc_gum_game_opts o;
    mc_gum_game_opts_default(&o);
    o.simultaneous = false;
    o.transfer_free = true;
    mc_q_set_i64(&o.bound, 1000000);
    setup_game(&s, MC_GUM_KIND_NONE, &o);
    walker w;
    count(&s, &w);
    ck_assert_uint_eq(w.leaves, 256);
    walk_free(&w);
    check_truthful_is_upsilon(&s);
    setup_free(&s);
}
END_TEST

Suite *mc_suite_gum_game(void)
{
    Suite *s = suite_create("gum_game");
    TCase *tc = tcase_create("game");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_r4_sizes_v0);
    tcase_add_test(tc, test_r4_sizes_variants);
    tcase_add_test(tc, test_truthful_agent_has_no_moves);
    tcase_add_test(tc, test_static_and_dpm_sizes);
    tcase_add_test(tc, test_random_order_truthful);
    tcase_add_test(tc, test_n3_t3_k2_size);
    tcase_add_test(tc, test_transfer_free_truthful);
    suite_add_tcase(s, tc);
    return s;
}

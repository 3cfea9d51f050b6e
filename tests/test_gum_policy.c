/* policy=given (parameter chi): the efficient policy written out as labels
 * and read back is the same policy with the same values; a changed decision
 * makes it inefficient; malformed chi gets one-line errors. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "mech/gum_setup.h"
#include "claim_testutil.h"
#include "testutil.h"

static mc_status read_setup(mc_gum_setup *s, const char *const *kv, json_t *chi, mc_error *err)
{
    mc_instance in;
    mc_test_instance(&in, kv);
    if (chi)
        json_object_set(in.params, "chi", chi);
    mc_status st = mc_gum_setup_read(s, &in, err);
    mc_instance_free(&in);
    return st;
}

/* The policy of s as chi, decisions by label. */
static json_t *chi_of(const mc_gum_setup *s)
{
    const mc_gum_env *e = &s->env;
    json_t *chi = json_array();
    for (unsigned t = 0; t <= e->T; t++) {
        json_t *row = json_array();
        for (uint64_t k = 0; k < e->nstates[t]; k++)
            json_array_append_new(row, json_string(e->x_label[t][s->pol.chi[t][k]]));
        json_array_append_new(chi, row);
    }
    return chi;
}

START_TEST(test_given_equals_efficient)
{
    static const char *const envs[][4] = {{"env=r4", NULL}, {"env=app-e3", NULL},
                                          {"env=random", "n=3", "public=2", NULL}};
    for (size_t c = 0; c < sizeof envs / sizeof envs[0]; c++) {
        mc_gum_setup eff, giv;
        mc_error err;
        ck_assert_msg(read_setup(&eff, envs[c], NULL, &err) == MC_OK, "%s", err.msg);
        json_t *chi = chi_of(&eff);
        const char *kv[6] = {"policy=given"};
        size_t m = 1;
        for (size_t j = 0; envs[c][j]; j++)
            kv[m++] = envs[c][j];
        kv[m] = NULL;
        ck_assert_msg(read_setup(&giv, kv, chi, &err) == MC_OK, "%s", err.msg);
        ck_assert(giv.policy_efficient);
        ck_assert(mc_q_eq(&giv.pol.welfare, &eff.pol.W));
        const mc_gum_env *e = &eff.env;
        uint64_t root = mc_gum_state_index(e, 0, e->init);
        for (unsigned i = 0; i < e->n; i++)
            ck_assert(mc_q_eq(&giv.pol.F[0][root * e->n + i], &eff.pol.F[0][root * e->n + i]));
        /* the same transfers */
        for (unsigned t = 1; t <= e->T; t++)
            for (uint64_t p = 0; p < e->nstates[t - 1]; p++)
                for (uint64_t k = 0; k < e->nstates[t]; k++)
                    for (unsigned i = 0; i < e->n; i++)
                        ck_assert(mc_q_eq(&mc_gum_y(&giv.mechs[0], t, p, k)[i],
                                          &mc_gum_y(&eff.mechs[0], t, p, k)[i]));
        json_decref(chi);
        mc_gum_setup_free(&giv);
        mc_gum_setup_free(&eff);
    }
}
END_TEST

/* App E.3: changing the decision at the last type profile of period 1 to
 * another decision loses welfare there (App E.3's ties are elsewhere), so
 * the given policy is not efficient. */
START_TEST(test_given_inefficient)
{
    static const char *const kv[] = {"env=app-e3", NULL};
    mc_gum_setup eff, giv;
    mc_error err;
    ck_assert_int_eq(read_setup(&eff, kv, NULL, &err), MC_OK);
    json_t *chi = chi_of(&eff);
    json_t *row = json_array_get(chi, 1);
    size_t last = json_array_size(row) - 1;
    const char *was = json_string_value(json_array_get(row, last));
    const mc_gum_env *e = &eff.env;
    const char *other = strcmp(was, e->x_label[1][0]) ? e->x_label[1][0] : e->x_label[1][1];
    json_array_set_new(row, last, json_string(other));
    static const char *const kv2[] = {"env=app-e3", "policy=given", NULL};
    ck_assert_msg(read_setup(&giv, kv2, chi, &err) == MC_OK, "%s", err.msg);
    ck_assert(!giv.policy_efficient);
    ck_assert_int_lt(mc_q_cmp(&giv.pol.welfare, &eff.pol.W), 0);
    json_decref(chi);
    mc_gum_setup_free(&giv);
    mc_gum_setup_free(&eff);
}
END_TEST

START_TEST(test_given_errors)
{
    static const char *const given[] = {"env=app-e3", "policy=given", NULL};
    static const char *const plain[] = {"env=app-e3", NULL};
    mc_gum_setup s;
    mc_error err;
    json_t *bad_len = json_loads("[[0],[0,0,0]]", 0, NULL),
           *bad_label = json_loads("[[0],[0,0,0,\"Z\"]]", 0, NULL),
           *ok = json_loads("[[0],[0,0,0,0]]", 0, NULL);
    ck_assert_int_eq(read_setup(&s, given, bad_len, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "period 1 needs 4 decisions"));
    ck_assert_int_eq(read_setup(&s, given, bad_label, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "entry 3"));
    ck_assert_int_eq(read_setup(&s, given, NULL, &err), MC_EINPUT);
    ck_assert_int_eq(read_setup(&s, plain, ok, &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "needs policy=given"));
    json_decref(bad_len);
    json_decref(bad_label);
    json_decref(ok);
}
END_TEST

Suite *mc_suite_gum_policy(void)
{
    Suite *s = suite_create("gum_policy");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_given_equals_efficient);
    tcase_add_test(tc, test_given_inefficient);
    tcase_add_test(tc, test_given_errors);
    suite_add_tcase(s, tc);
    return s;
}

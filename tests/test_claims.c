/* Claims layer: instances (--set, files, typed access, errors), the
 * synthetic fixture's verdicts against the closed form, families, seeded
 * sampling, search and shrinking to a hand-computed minimal counterexample. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/claim.h"
#include "mechcheck/search.h"
#include "testutil.h"

/* ---- helpers ------------------------------------------------------------------------------- */

static void inst_set(mc_instance *in, const char *origin, const char *const *sets)
{
    ck_assert_int_eq(mc_instance_init(in, origin, NULL), MC_OK);
    for (; *sets; sets++) {
        mc_error err;
        mc_status st = mc_instance_set(in, *sets, &err);
        ck_assert_msg(st == MC_OK, "%s: %s", *sets, err.msg);
    }
}

static mc_verdict check_ult(const char *claim, int64_t n, int64_t pie, int64_t step,
                            uint64_t max_nodes, mc_claim_result *res)
{
    char a[32], b[32], c[32];
    snprintf(a, sizeof a, "n=%lld", (long long)n);
    snprintf(b, sizeof b, "pie=%lld", (long long)pie);
    snprintf(c, sizeof c, "step=%lld", (long long)step);
    const char *sets[] = {a, b, c, NULL};
    mc_instance in;
    inst_set(&in, "--set", sets);
    mc_check_opts o = {.max_nodes = max_nodes};
    mc_error err;
    mc_status st = mc_claim_run(mc_claim_find(claim), &in, &o, res, &err);
    ck_assert_msg(st == MC_OK, "%s: %s", claim, err.msg);
    mc_instance_free(&in);
    return res->verdict;
}

/* The hand computation of the fixture's header: V_1 for a positive pie. */
static int64_t first_share(int64_t n, int64_t pie, int64_t step)
{
    return n % 2 == 0 ? n / 2 * step : pie - (n - 1) / 2 * step;
}

static mc_verdict expected_half_share(int64_t n, int64_t pie, int64_t step)
{
    if (pie <= (n - 1) * step)
        return MC_NOT_APPLICABLE;
    return 2 * first_share(n, pie, step) >= pie ? MC_HOLDS : MC_FAILS;
}

static const char *margin(const mc_claim_result *r, const char *name)
{
    return json_string_value(json_object_get(r->margins, name));
}

/* ---- instances ---------------------------------------------------------------------------------- */

START_TEST(test_instance_set_and_cli)
{
    const char *sets[] = {"n=3", "caps=2,2,1", "eps=0.05", "frac=1/20", "name=alice",
                          "json=[1,\"a b\"]", "n=4", NULL};
    mc_instance in;
    inst_set(&in, "--set", sets);
    int64_t n;
    ck_assert_int_eq(mc_inst_int(&in, "n", 1, 10, NULL, &n, NULL), MC_OK);
    ck_assert_int_eq(n, 4); /* the later --set wins */
    int64_t caps[8];
    size_t k = 0;
    ck_assert_int_eq(mc_inst_int_list(&in, "caps", 0, 5, caps, 8, &k, NULL), MC_OK);
    ck_assert_uint_eq(k, 3);
    ck_assert_int_eq(caps[2], 1);
    mc_q q = MC_Q_ZERO;
    ck_assert_int_eq(mc_inst_q(&in, "eps", NULL, &q, NULL), MC_OK);
    ck_assert_q_str(&q, "1/20");
    ck_assert_int_eq(mc_inst_q(&in, "frac", NULL, &q, NULL), MC_OK);
    ck_assert_q_str(&q, "1/20");
    ck_assert_int_eq(mc_inst_q(&in, "missing", "3/4", &q, NULL), MC_OK);
    ck_assert_q_str(&q, "3/4");
    mc_q_clear(&q);
    char *cli = mc_instance_cli(&in);
    ck_assert_str_eq(cli, "--set caps=2,2,1 --set eps=0.05 --set frac=1/20 --set "
                          "'json=1,a b' --set n=4 --set name=alice");
    free(cli);
    char *dump = mc_instance_dump(&in);
    ck_assert_str_eq(dump, "{\"caps\":[2,2,1],\"eps\":\"0.05\",\"frac\":\"1/20\",\"json\":[1,\"a "
                           "b\"],\"n\":4,\"name\":\"alice\"}");
    free(dump);
    mc_instance_free(&in);
}
END_TEST

/* A string that looks like a number keeps its quotes through the CLI form. */
START_TEST(test_instance_cli_roundtrip)
{
    mc_instance in, back;
    ck_assert_int_eq(mc_instance_init(&in, "test", NULL), MC_OK);
    json_object_set_new(in.params, "s", json_string("12"));
    json_object_set_new(in.params, "one", json_pack("[i]", 5));
    char *cli = mc_instance_cli(&in);
    ck_assert_str_eq(cli, "--set 'one=[5]' --set 's=\"12\"'");
    ck_assert_int_eq(mc_instance_init(&back, "--set", NULL), MC_OK);
    ck_assert_int_eq(mc_instance_set(&back, "one=[5]", NULL), MC_OK);
    ck_assert_int_eq(mc_instance_set(&back, "s=\"12\"", NULL), MC_OK);
    ck_assert(json_equal(in.params, back.params));
    free(cli);
    mc_instance_free(&in);
    mc_instance_free(&back);
}
END_TEST

START_TEST(test_instance_errors)
{
    const char *sets[] = {"n=0", "caps=1,x", "name=5", NULL};
    mc_instance in;
    inst_set(&in, "--set", sets);
    mc_error err;
    int64_t n, caps[4];
    ck_assert_int_eq(mc_inst_int(&in, "n", 1, 64, NULL, &n, &err), MC_EINPUT);
    ck_assert_str_eq(err.msg, "instance --set: parameter 'n' must be an integer in 1..64 (got 0)");
    ck_assert_int_eq(mc_inst_int(&in, "m", 1, 64, NULL, &n, &err), MC_EINPUT);
    ck_assert_str_eq(err.msg, "instance --set: parameter 'm' is required (an integer in 1..64)");
    size_t k = 0;
    ck_assert_int_eq(mc_inst_int_list(&in, "caps", 0, 9, caps, 4, &k, &err), MC_EINPUT);
    ck_assert_str_eq(err.msg, "instance --set: parameter 'caps', element 2 must be an integer in "
                              "0..9 (got \"x\")");
    k = 3;
    ck_assert_int_eq(mc_inst_int_list(&in, "n", 0, 9, caps, 4, &k, &err), MC_OK);
    ck_assert_int_eq(caps[2], 0); /* a single integer repeated */
    const char *s;
    ck_assert_int_eq(mc_inst_string(&in, "name", NULL, &s, &err), MC_EINPUT);
    ck_assert_str_eq(err.msg, "instance --set: parameter 'name' must be a string (got 5)");
    ck_assert_int_eq(mc_instance_set(&in, "=3", &err), MC_EINPUT);
    ck_assert_int_eq(mc_instance_set(&in, "k=", &err), MC_EINPUT);
    ck_assert_str_eq(err.msg, "instance --set: parameter 'k' has no value");
    ck_assert_int_eq(mc_instance_set(&in, "k=[0.5]", &err), MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "JSON real"));
    mc_instance_free(&in);
}
END_TEST

START_TEST(test_instance_files)
{
    char path[512];
    mc_instance in;
    mc_error err;
    ck_assert_int_eq(mc_instance_read(&in, mc_test_data("claims/ultimatum.json", path, sizeof path),
                                      &err),
                     MC_OK);
    ck_assert_str_eq(in.mechanism, "synthetic/ultimatum");
    int64_t n;
    ck_assert_int_eq(mc_inst_int(&in, "n", 1, 64, NULL, &n, NULL), MC_OK);
    ck_assert_int_eq(n, 2);
    mc_instance_free(&in);
    ck_assert_int_eq(mc_instance_read(&in, mc_test_data("claims/real.json", path, sizeof path),
                                      &err),
                     MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "parameter 'pie' holds the JSON real 0.5"));
    ck_assert_int_eq(mc_instance_read(&in, mc_test_data("claims/broken.json", path, sizeof path),
                                      &err),
                     MC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.msg, "broken.json:2:"));
    ck_assert_int_eq(mc_instance_read(&in, mc_test_data("claims/nonexistent.json", path,
                                                        sizeof path),
                                      &err),
                     MC_EIO);
}
END_TEST

START_TEST(test_validation_is_an_error)
{
    const char *sets[] = {"n=2", "pie=10", "colour=red", NULL};
    mc_instance in;
    inst_set(&in, "--set", sets);
    mc_claim_result res;
    mc_error err;
    ck_assert_int_eq(mc_claim_run(mc_claim_find("synthetic/half-share"), &in, NULL, &res, &err),
                     MC_EINPUT);
    ck_assert_str_eq(err.msg, "instance --set: unknown parameter 'colour' for mechanism "
                              "synthetic/ultimatum (it takes: n, pie, step; see 'mechcheck help "
                              "instance synthetic/ultimatum')");
    json_object_del(in.params, "colour");
    ck_assert_int_eq(mc_instance_set(&in, "pie=-1", NULL), MC_OK);
    ck_assert_int_eq(mc_claim_run(mc_claim_find("synthetic/half-share"), &in, NULL, &res, &err),
                     MC_EINPUT);
    ck_assert_str_eq(err.msg, "instance --set: parameter 'pie' must be an integer in 0..1000000 "
                              "(got -1)");
    mc_claim_result_free(&res);
    mc_instance_free(&in);
}
END_TEST

/* ---- registry ------------------------------------------------------------------------------------ */

START_TEST(test_registry)
{
    const mc_paper *p;
    size_t n = mc_papers(&p);
    ck_assert_uint_ge(n, 1);
    bool synthetic = false;
    for (size_t i = 0; i < n; i++) {
        synthetic |= strcmp(p[i].id, "synthetic") == 0 && p[i].fixture;
        for (size_t j = 0; j < p[i].nclaims; j++) {
            const mc_claim *c = &p[i].claims[j];
            ck_assert_ptr_eq(mc_claim_find(c->id), c);
            ck_assert_ptr_nonnull(mc_mechanism_find(c->mechanism));
            ck_assert_str_eq(c->paper, p[i].id);
            char id[256];
            snprintf(id, sizeof id, "%s/%s", c->paper, c->name);
            ck_assert_str_eq(c->id, id);
        }
    }
    ck_assert(synthetic);
    ck_assert_ptr_null(mc_claim_find("synthetic/no-such-claim"));
    ck_assert_str_eq(mc_verdict_name(MC_NOT_APPLICABLE), "NOT-APPLICABLE");
}
END_TEST

/* ---- the four verdicts ---------------------------------------------------------------------------- */

START_TEST(test_half_share_verdicts)
{
    mc_claim_result r;
    /* n = 2, pie = 3, step = 1: P1 gets step = 1 < 3/2 */
    ck_assert_int_eq(check_ult("synthetic/half-share", 2, 3, 1, 0, &r), MC_FAILS);
    ck_assert_str_eq(margin(&r, "share_minus_half"), "-1/2");
    const json_t *sh = json_object_get(r.witness, "shares");
    ck_assert_str_eq(json_string_value(json_object_get(sh, "P1")), "1");
    ck_assert_str_eq(json_string_value(json_object_get(sh, "P2")), "2");
    /* demanding half (offering 1 of 3) is accepted here: P1 gets 2?  No: P2
     * rejects 1 since it gets 2 as round-2 proposer; P1 then gets 0 */
    const json_t *dev = json_object_get(r.witness, "deviation");
    ck_assert_str_eq(json_string_value(json_object_get(dev, "action")), "offer 1");
    ck_assert_str_eq(json_string_value(json_object_get(dev, "P1_payoff")), "0");
    ck_assert_str_eq(json_string_value(json_object_get(dev, "gap_vs_spe")), "-1");
    ck_assert_ptr_nonnull(r.fragment);
    ck_assert_uint_gt(json_array_size(json_object_get(r.fragment, "edges")), 2);
    mc_claim_result_free(&r);
    /* n = 3, pie = 10, step = 2: P1 gets 10 - 2 = 8 >= 5 */
    ck_assert_int_eq(check_ult("synthetic/half-share", 3, 10, 2, 0, &r), MC_HOLDS);
    ck_assert_str_eq(margin(&r, "share_minus_half"), "3");
    ck_assert_ptr_null(json_object_get(r.witness, "deviation"));
    mc_claim_result_free(&r);
    /* n = 3, pie = 4, step = 2: the pie is gone by round 3 */
    ck_assert_int_eq(check_ult("synthetic/half-share", 3, 4, 2, 0, &r), MC_NOT_APPLICABLE);
    ck_assert_ptr_nonnull(strstr(r.reason, "pie > (n-1)*step"));
    mc_claim_result_free(&r);
    /* a node limit: UNDECIDED, with the work done kept */
    ck_assert_int_eq(check_ult("synthetic/half-share", 4, 50, 1, 5, &r), MC_UNDECIDED);
    ck_assert_ptr_nonnull(strstr(r.reason, "node limit 5"));
    ck_assert_ptr_nonnull(json_object_get(r.witness, "partial"));
    mc_claim_result_free(&r);
}
END_TEST

/* Every instance of a small grid against the hand formula. */
START_TEST(test_half_share_grid)
{
    for (int64_t n = 1; n <= 5; n++)
        for (int64_t pie = 0; pie <= 9; pie++)
            for (int64_t step = 0; step <= 3; step++) {
                mc_claim_result r;
                mc_verdict v = check_ult("synthetic/half-share", n, pie, step, 0, &r);
                ck_assert_msg(v == expected_half_share(n, pie, step), "n=%lld pie=%lld step=%lld",
                              (long long)n, (long long)pie, (long long)step);
                mc_claim_result_free(&r);
            }
}
END_TEST

START_TEST(test_immediate_agreement)
{
    mc_claim_result r;
    /* n = 3, pie = 10, step = 2: round 3 P1 takes 6; round 2 P2 offers 6 of
     * 8 and keeps 2; round 1 P1 offers 2 */
    ck_assert_int_eq(check_ult("synthetic/immediate-agreement", 3, 10, 2, 0, &r), MC_HOLDS);
    ck_assert_str_eq(json_string_value(json_object_get(r.witness, "first_offer")), "offer 2");
    ck_assert_str_eq(json_string_value(json_object_get(r.witness, "answer")), "accept");
    mc_claim_result_free(&r);
    ck_assert_int_eq(check_ult("synthetic/immediate-agreement", 3, 10, 0, 0, &r),
                     MC_NOT_APPLICABLE);
    ck_assert_ptr_nonnull(strstr(r.reason, "step >= 1"));
    mc_claim_result_free(&r);
}
END_TEST

/* ---- families and sampling -------------------------------------------------------------------------- */

typedef struct {
    char dumps[64][128];
    size_t n;
} collected;

static bool collect(void *arg, const mc_instance *in, mc_error *err)
{
    (void)err;
    collected *c = arg;
    char *d = mc_instance_dump(in);
    if (c->n < 64)
        snprintf(c->dumps[c->n], sizeof c->dumps[0], "%s", d);
    c->n++;
    free(d);
    return true;
}

START_TEST(test_family_enumeration)
{
    mc_family *f;
    const char *sets[] = {"pie=7", NULL};
    mc_instance base;
    inst_set(&base, "--set", sets);
    ck_assert_int_eq(mc_family_new(&f, &base, NULL), MC_OK);
    mc_error err;
    ck_assert_int_eq(mc_family_add(f, "n=1..2, x=1/2..1:1/4,caps=[0..1]*n|9", &err), MC_OK);
    ck_assert_uint_eq(mc_family_nkeys(f), 3);
    ck_assert_str_eq(mc_family_key(f, 2), "caps");
    ck_assert_uint_eq(mc_family_size(f), UINT64_MAX); /* caps' length depends on n */
    collected c = {.n = 0};
    ck_assert_int_eq(mc_family_foreach(f, collect, &c, &err), MC_OK);
    /* n=1: 3 x-values * (2 + 1); n=2: 3 * (4 + 1) */
    ck_assert_uint_eq(c.n, 9 + 15);
    ck_assert_str_eq(c.dumps[0], "{\"caps\":[0],\"n\":1,\"pie\":7,\"x\":\"1/2\"}");
    ck_assert_str_eq(c.dumps[2], "{\"caps\":9,\"n\":1,\"pie\":7,\"x\":\"1/2\"}");
    ck_assert_str_eq(c.dumps[3], "{\"caps\":[0],\"n\":1,\"pie\":7,\"x\":\"3/4\"}");
    ck_assert_str_eq(c.dumps[10], "{\"caps\":[0,1],\"n\":2,\"pie\":7,\"x\":\"1/2\"}");
    ck_assert_str_eq(c.dumps[23], "{\"caps\":9,\"n\":2,\"pie\":7,\"x\":1}");
    mc_family_free(f);
    mc_instance_free(&base);

    ck_assert_int_eq(mc_family_new(&f, NULL, NULL), MC_OK);
    ck_assert_int_eq(mc_family_add(f, "n=1..3,pie=2,2,2", NULL), MC_OK);
    ck_assert_uint_eq(mc_family_size(f), 3);
    ck_assert_int_eq(mc_family_add(f, "n=5..6", NULL), MC_OK); /* replaces n */
    ck_assert_uint_eq(mc_family_size(f), 2);
    ck_assert_str_eq(mc_family_spec(f), "n=1..3,pie=2,2,2,n=5..6");
    ck_assert_int_eq(mc_family_add(f, "n=3..1", &err), MC_EINPUT);
    ck_assert_str_eq(err.msg, "family 'n=3..1': the range is empty (B < A)");
    ck_assert_int_eq(mc_family_add(f, "n=1..x", &err), MC_EINPUT);
    ck_assert_str_eq(err.msg, "family 'n=1..x': 'x' is not an exact number");
    ck_assert_int_eq(mc_family_add(f, "oops", &err), MC_EINPUT);
    ck_assert_int_eq(mc_family_add(f, "c=[1..2]*", &err), MC_EINPUT);
    mc_family_free(f);
}
END_TEST

START_TEST(test_rng_reproducible)
{
    mc_rng a, b;
    mc_rng_seed(&a, 42);
    mc_rng_seed(&b, 42);
    /* splitmix64's published first output for seed 0 */
    mc_rng z;
    mc_rng_seed(&z, 0);
    ck_assert_uint_eq(mc_rng_next(&z), 0xe220a8397b1dcdafull);
    for (int i = 0; i < 100; i++) {
        uint64_t x = mc_rng_below(&a, 7);
        ck_assert_uint_lt(x, 7);
        ck_assert_uint_eq(x, mc_rng_below(&b, 7));
    }
    mc_family *f;
    ck_assert_int_eq(mc_family_new(&f, NULL, NULL), MC_OK);
    ck_assert_int_eq(mc_family_add(f, "n=1..64,caps=[1..3]*n", NULL), MC_OK);
    mc_rng_seed(&a, 9);
    mc_rng_seed(&b, 9);
    for (int i = 0; i < 20; i++) {
        mc_instance x, y;
        ck_assert_int_eq(mc_family_sample(f, &a, &x, NULL), MC_OK);
        ck_assert_int_eq(mc_family_sample(f, &b, &y, NULL), MC_OK);
        ck_assert(json_equal(x.params, y.params));
        ck_assert_uint_eq(json_array_size(json_object_get(x.params, "caps")),
                          (size_t)json_integer_value(json_object_get(x.params, "n")));
        mc_instance_free(&x);
        mc_instance_free(&y);
    }
    mc_family_free(f);
}
END_TEST

/* ---- search and shrinking ------------------------------------------------------------------------------ */

static mc_family *ult_family(const char *spec)
{
    mc_family *f;
    ck_assert_int_eq(mc_family_new(&f, NULL, NULL), MC_OK);
    ck_assert_int_eq(mc_family_add(f, spec, NULL), MC_OK);
    return f;
}

static int64_t param(const mc_instance *in, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(in->params, k));
}

START_TEST(test_search_exhaustive)
{
    mc_family *f = ult_family("n=1..4,pie=0..8,step=0..2");
    mc_search_opts o = {0};
    mc_search_result r;
    ck_assert_int_eq(mc_search(mc_claim_find("synthetic/half-share"), f, &o, &r, NULL), MC_OK);
    uint64_t want[4] = {0};
    int64_t first[3] = {-1, -1, -1};
    for (int64_t n = 1; n <= 4; n++)
        for (int64_t pie = 0; pie <= 8; pie++)
            for (int64_t step = 0; step <= 2; step++) {
                mc_verdict v = expected_half_share(n, pie, step);
                want[v]++;
                if (v == MC_FAILS && first[0] < 0)
                    first[0] = n, first[1] = pie, first[2] = step;
            }
    ck_assert_uint_eq(r.checked, 4 * 9 * 3);
    for (int v = 0; v < 4; v++)
        ck_assert_uint_eq(r.counts[v], want[v]);
    ck_assert(r.complete);
    ck_assert(r.found);
    ck_assert_int_eq(mc_search_verdict(&r), MC_FAILS);
    /* lexicographic: n = 2, pie = 1, step = 0 is the first failure */
    ck_assert_int_eq(param(&r.first, "n"), first[0]);
    ck_assert_int_eq(param(&r.first, "pie"), first[1]);
    ck_assert_int_eq(param(&r.first, "step"), first[2]);
    ck_assert(!r.shrunk);
    mc_search_result_free(&r);
    /* stop at the first */
    o.stop_at_first = true;
    ck_assert_int_eq(mc_search(mc_claim_find("synthetic/half-share"), f, &o, &r, NULL), MC_OK);
    ck_assert(!r.complete);
    ck_assert_ptr_nonnull(r.stopped);
    ck_assert_uint_eq(r.checked, r.first_index + 1);
    mc_search_result_free(&r);
    mc_family_free(f);
    /* a claim that always holds where it applies */
    f = ult_family("n=1..4,pie=0..8,step=0..2");
    o.stop_at_first = false;
    ck_assert_int_eq(mc_search(mc_claim_find("synthetic/immediate-agreement"), f, &o, &r, NULL),
                     MC_OK);
    ck_assert(!r.found);
    ck_assert_int_eq(mc_search_verdict(&r), MC_HOLDS);
    ck_assert_uint_gt(r.counts[MC_NOT_APPLICABLE], 0);
    mc_search_result_free(&r);
    mc_family_free(f);
}
END_TEST

/* From any failing instance, shrinking ends at the hand-computed minimal
 * counterexample n = 2, pie = 1, step = 0 (P1 gets 0 < 1/2): odd n never
 * fails under the hypothesis, n = 2 fails whenever a larger even n does,
 * and then step = 0 and pie = 1 keep it failing. */
START_TEST(test_shrink_to_minimal)
{
    const int64_t starts[][3] = {{2, 9, 2}, {4, 30, 3}, {6, 100, 1}, {2, 1000, 7}, {8, 17, 2}};
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
        ck_assert_int_eq(expected_half_share(starts[i][0], starts[i][1], starts[i][2]), MC_FAILS);
        char a[32], b[32], c[32];
        snprintf(a, sizeof a, "n=%lld", (long long)starts[i][0]);
        snprintf(b, sizeof b, "pie=%lld", (long long)starts[i][1]);
        snprintf(c, sizeof c, "step=%lld", (long long)starts[i][2]);
        const char *sets[] = {a, b, c, NULL};
        mc_instance in, min;
        inst_set(&in, "--set", sets);
        mc_claim_result res;
        uint64_t steps, checks;
        bool complete;
        mc_error err;
        mc_status st = mc_shrink(mc_claim_find("synthetic/half-share"), &in, &(mc_check_opts){0},
                                 0, &min, &res, &steps, &checks, &complete, &err);
        ck_assert_msg(st == MC_OK, "%s", err.msg);
        ck_assert(complete);
        ck_assert_int_eq(res.verdict, MC_FAILS);
        char *cli = mc_instance_cli(&min);
        ck_assert_str_eq(cli, "--set n=2 --set pie=1 --set step=0");
        free(cli);
        ck_assert_uint_ge(checks, steps);
        mc_claim_result_free(&res);
        mc_instance_free(&min);
        mc_instance_free(&in);
    }
}
END_TEST

/* Random search with shrinking, through mc_search. */
START_TEST(test_search_random_shrink)
{
    mc_family *f = ult_family("n=1..12,pie=0..500,step=0..20");
    mc_search_opts o = {.random = 200, .seed = 7, .shrink = true, .stop_at_first = true};
    mc_search_result r, r2;
    ck_assert_int_eq(mc_search(mc_claim_find("synthetic/half-share"), f, &o, &r, NULL), MC_OK);
    ck_assert(r.found);
    ck_assert(r.shrunk);
    ck_assert(r.shrink_complete);
    ck_assert_int_eq(param(&r.minimal, "n"), 2);
    ck_assert_int_eq(param(&r.minimal, "pie"), 1);
    ck_assert_int_eq(param(&r.minimal, "step"), 0);
    /* the same seed finds the same first failure */
    ck_assert_int_eq(mc_search(mc_claim_find("synthetic/half-share"), f, &o, &r2, NULL), MC_OK);
    ck_assert_uint_eq(r.first_index, r2.first_index);
    ck_assert(json_equal(r.first.params, r2.first.params));
    mc_search_result_free(&r);
    mc_search_result_free(&r2);
    mc_family_free(f);
}
END_TEST

/* ---- a list-valued fixture registered by the test: "sum(xs) < 10" -------------------------------------- */

static mc_status list_validate(const mc_instance *in, mc_error *err)
{
    int64_t xs[16];
    size_t n = 0;
    return mc_inst_int_list(in, "xs", 0, 100, xs, 16, &n, err);
}

/* Drop one element (fewer players), then lower one element to 0 or half. */
static size_t list_shrink(const mc_instance *in, mc_instance *out, size_t cap)
{
    int64_t xs[16];
    size_t n = 0, k = 0;
    if (mc_inst_int_list(in, "xs", 0, 100, xs, 16, &n, NULL) != MC_OK)
        return 0;
    for (size_t drop = 0; n > 1 && drop < n && k < cap; drop++) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            if (i != drop)
                json_array_append_new(a, json_integer(xs[i]));
        mc_instance_copy(&out[k], in, NULL);
        json_object_set_new(out[k++].params, "xs", a);
    }
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        int64_t lower[2] = {0, xs[i] / 2};
        for (int j = 0; j < 2; j++) {
            if (lower[j] >= xs[i] || (j == 1 && lower[1] == 0))
                continue;
            json_t *a = json_array();
            for (size_t e = 0; e < n; e++)
                json_array_append_new(a, json_integer(e == i ? lower[j] : xs[e]));
            mc_instance_copy(&out[k], in, NULL);
            json_object_set_new(out[k++].params, "xs", a);
        }
    }
    return k;
}

static mc_status check_sum(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                           mc_error *err)
{
    (void)o;
    int64_t xs[16], sum = 0;
    size_t n = 0;
    mc_status st = mc_inst_int_list(in, "xs", 0, 100, xs, 16, &n, err);
    if (st != MC_OK)
        return st;
    for (size_t i = 0; i < n; i++)
        sum += xs[i];
    res->witness = json_pack("{s:I}", "sum", (json_int_t)sum);
    mc_claim_result_set(res, sum < 10 ? MC_HOLDS : MC_FAILS, "sum %lld", (long long)sum);
    return MC_OK;
}

static const mc_param_doc list_params[] = {{"xs", "int-list", NULL, "values"}};
static const mc_mechanism list_mech[] = {{.id = "test/list", .paper = "test", .title = "list",
                                          .params = list_params, .nparams = 1,
                                          .validate = list_validate, .shrink = list_shrink}};
static const mc_claim list_claims[] = {{.id = "test/sum-below-10", .paper = "test",
                                        .name = "sum-below-10", .mechanism = "test/list",
                                        .check = check_sum}};
static const mc_paper list_paper = {.id = "test", .claims = list_claims, .nclaims = 1,
                                    .mechanisms = list_mech, .nmechanisms = 1, .fixture = true};

/* Greedy shrinking by hand: [1,2,37,4] (44) drops to [2,37,4], [37,4],
 * [37], then halves to [18] (9 would hold).  [3,4,5] (12): every drop holds
 * (9, 8, 7), lowering 3 to 0 holds (9), halving it to 1 fails (10); from
 * [1,4,5] nothing fails.  [10,10] drops to [10]. */
START_TEST(test_shrink_lists)
{
    ck_assert_int_eq(mc_paper_register(&list_paper, NULL), MC_OK);
    ck_assert_int_eq(mc_paper_register(&list_paper, NULL), MC_EINPUT);
    ck_assert_ptr_nonnull(mc_claim_find("test/sum-below-10"));
    const struct {
        const char *start, *want;
        uint64_t steps;
    } cases[] = {
        {"xs=1,2,37,4", "--set 'xs=[18]'", 4},
        {"xs=3,4,5", "--set xs=1,4,5", 1},
        {"xs=10,10", "--set 'xs=[10]'", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *sets[] = {cases[i].start, NULL};
        mc_instance in, min;
        inst_set(&in, "--set", sets);
        mc_claim_result res;
        uint64_t steps, checks;
        bool complete;
        ck_assert_int_eq(mc_shrink(mc_claim_find("test/sum-below-10"), &in, NULL, 0, &min, &res,
                                   &steps, &checks, &complete, NULL),
                         MC_OK);
        char *cli = mc_instance_cli(&min);
        ck_assert_str_eq(cli, cases[i].want);
        ck_assert_uint_eq(steps, cases[i].steps);
        ck_assert(complete);
        ck_assert_int_eq(res.verdict, MC_FAILS);
        free(cli);
        mc_claim_result_free(&res);
        mc_instance_free(&min);
        mc_instance_free(&in);
    }
    mc_paper_unregister(&list_paper);
    ck_assert_ptr_null(mc_claim_find("test/sum-below-10"));
}
END_TEST

Suite *mc_suite_claims(void)
{
    Suite *s = suite_create("claims");
    TCase *tc = tcase_create("instances");
    tcase_add_test(tc, test_instance_set_and_cli);
    tcase_add_test(tc, test_instance_cli_roundtrip);
    tcase_add_test(tc, test_instance_errors);
    tcase_add_test(tc, test_instance_files);
    tcase_add_test(tc, test_validation_is_an_error);
    tcase_add_test(tc, test_registry);
    suite_add_tcase(s, tc);
    tc = tcase_create("verdicts");
    tcase_add_test(tc, test_half_share_verdicts);
    tcase_add_test(tc, test_half_share_grid);
    tcase_add_test(tc, test_immediate_agreement);
    suite_add_tcase(s, tc);
    tc = tcase_create("search");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, test_family_enumeration);
    tcase_add_test(tc, test_rng_reproducible);
    tcase_add_test(tc, test_search_exhaustive);
    tcase_add_test(tc, test_shrink_to_minimal);
    tcase_add_test(tc, test_search_random_shrink);
    tcase_add_test(tc, test_shrink_lists);
    suite_add_tcase(s, tc);
    return s;
}

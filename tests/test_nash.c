/* Pure Nash equilibria: textbook games, spec 000 fixture F1, brute-force
 * deviation checking on random games, and lrsnash on random bimatrix games. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mechcheck/dominance.h"
#include "mechcheck/nash.h"
#include "sform_testutil.h"
#include "testutil.h"

static void nash(const mc_sform *sf, const mc_survivors *sv, mc_nash_result *res)
{
    mc_error err;
    mc_status st = mc_nash_pure(sf, sv, 0, res, &err);
    ck_assert_msg(st == MC_OK, "nash: %s", err.msg);
}

/* Expects exactly the listed profiles with the listed strictness. */
static void expect_bimatrix(uint32_t m, uint32_t n, const int64_t *A, const int64_t *B,
                            size_t count, const uint64_t *profiles, const bool *strict)
{
    mc_sform sf;
    mc_nash_result r;
    mc_test_bimatrix(&sf, m, n, A, B);
    nash(&sf, NULL, &r);
    ck_assert_uint_eq(r.count, count);
    for (size_t i = 0; i < count; i++) {
        ck_assert_uint_eq(r.profile[i], profiles[i]);
        ck_assert_int_eq(r.strict[i], strict[i]);
    }
    mc_nash_result_free(&r);
    mc_sform_free(&sf);
}

START_TEST(test_textbook)
{
    /* Prisoner's dilemma (C=0, D=1): (D,D) = profile 3, strict */
    static const int64_t PD_A[] = {3, 0, 5, 1}, PD_B[] = {3, 5, 0, 1};
    expect_bimatrix(2, 2, PD_A, PD_B, 1, (const uint64_t[]){3}, (const bool[]){true});
    /* matching pennies, rock-paper-scissors: none */
    static const int64_t MP_A[] = {1, -1, -1, 1}, MP_B[] = {-1, 1, 1, -1};
    expect_bimatrix(2, 2, MP_A, MP_B, 0, NULL, NULL);
    static const int64_t R_A[] = {0, -1, 1, 1, 0, -1, -1, 1, 0};
    static const int64_t R_B[] = {0, 1, -1, -1, 0, 1, 1, -1, 0};
    expect_bimatrix(3, 3, R_A, R_B, 0, NULL, NULL);
    /* battle of the sexes: (0,0) and (1,1), both strict */
    static const int64_t BS_A[] = {2, 0, 0, 1}, BS_B[] = {1, 0, 0, 2};
    expect_bimatrix(2, 2, BS_A, BS_B, 2, (const uint64_t[]){0, 3}, (const bool[]){true, true});
    /* the IESDS-in-two-rounds game: (U,L) only */
    static const int64_t G3_A[] = {3, 0, 2, 1, 4, 1, 2, -1, 1};
    static const int64_t G3_B[] = {3, 1, 2, 2, 0, 1, 0, 1, 3};
    expect_bimatrix(3, 3, G3_A, G3_B, 1, (const uint64_t[]){0}, (const bool[]){true});
    /* the weak-order game: (T,L) (M,L) (M,R) (B,R), none strict (ties) */
    static const int64_t W_A[] = {1, 0, 1, 2, 0, 2}, W_B[] = {1, 0, 1, 1, 0, 1};
    expect_bimatrix(3, 2, W_A, W_B, 4, (const uint64_t[]){0, 1, 4, 5},
                    (const bool[]){false, false, false, false});
    /* all zero: every profile, none strict */
    static const int64_t Z[] = {0, 0, 0, 0};
    expect_bimatrix(2, 2, Z, Z, 4, (const uint64_t[]){0, 1, 2, 3},
                    (const bool[]){false, false, false, false});
}
END_TEST

START_TEST(test_restricted_and_limits)
{
    /* the weak-order game restricted to {M} x {L,R}: (M,L), (M,R); M is the
     * only row so agent 0 is strict, but L ~ R for agent 1 */
    static const int64_t W_A[] = {1, 0, 1, 2, 0, 2}, W_B[] = {1, 0, 1, 1, 0, 1};
    mc_sform sf;
    mc_survivors sv;
    mc_nash_result r;
    mc_error err;
    mc_test_bimatrix(&sf, 3, 2, W_A, W_B);
    ck_assert_int_eq(mc_survivors_init(&sv, &sf, &err), MC_OK);
    mc_survivors_remove(&sv, 0, 0);
    mc_survivors_remove(&sv, 0, 2);
    nash(&sf, &sv, &r);
    ck_assert_uint_eq(r.count, 2);
    ck_assert_uint_eq(r.profile[0], 1);
    ck_assert_uint_eq(r.profile[1], 4);
    ck_assert(!r.strict[0] && !r.strict[1]);
    mc_nash_result_free(&r);
    /* restricted to {T,B} x {L,R}: T vs B at L: 1 > 0 -> T; at R: B.
     * column at T: L (1 > 0); at B: R (1 > 0): (T,L), (B,R), both strict */
    mc_survivors_add(&sv, 0, 0);
    mc_survivors_add(&sv, 0, 2);
    mc_survivors_remove(&sv, 0, 1);
    nash(&sf, &sv, &r);
    ck_assert_uint_eq(r.count, 2);
    ck_assert_uint_eq(r.profile[0], 0);
    ck_assert_uint_eq(r.profile[1], 5);
    ck_assert(r.strict[0] && r.strict[1]);
    mc_nash_result_free(&r);
    mc_survivors_free(&sv);
    ck_assert_int_eq(mc_nash_pure(&sf, NULL, 5, &r, &err), MC_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.msg, "6 profiles"));
    mc_nash_result_free(&r);
    mc_sform_free(&sf);
}
END_TEST

/* ---- spec 000 fixture F1: 144 pure NE ---------------------------------------- */

START_TEST(test_f1_nash)
{
    mc_sform sf;
    mc_nash_result r;
    mc_test_f1(&sf);
    nash(&sf, NULL, &r);
    ck_assert_uint_eq(r.count, 144);
    /* the spec's characterisation, profile by profile */
    size_t k = 0, agreeing = 0;
    bool revenue_seen[7] = {false};
    for (uint32_t r2 = 0; r2 < 36; r2++)
        for (uint32_t r1 = 0; r1 < 36; r1++) {
            uint64_t p = r1 + (uint64_t)r2 * 36;
            int a1 = (int)(r1 / 6), a2 = (int)(r1 % 6); /* player 1's report */
            int b1 = (int)(r2 / 6), b2 = (int)(r2 % 6); /* player 2's report */
            bool ne;
            if (r1 == r2)
                ne = r1 == 0 || (a1 <= 2 && a2 <= 4);
            else
                ne = (b1 >= 3 || r2 == 0) && (a2 >= 5 || r1 == 0);
            bool found = k < r.count && r.profile[k] == p;
            ck_assert_msg(found == ne, "profile (%d,%d)/(%d,%d)", a1, a2, b1, b2);
            if (!found)
                continue;
            k++;
            if (r1 == r2) {
                agreeing++;
                revenue_seen[r1 ? a1 + a2 : 0] = true; /* revenue v1 + v2 - 1/5 */
            } else {
                revenue_seen[0] = true;
            }
        }
    ck_assert_uint_eq(k, 144);
    ck_assert_uint_eq(agreeing, 15);
    /* revenues {0, 4/5, 9/5, ..., 29/5}: sums 1..6 less 1/5, and 0 */
    for (int v = 0; v <= 6; v++)
        ck_assert(revenue_seen[v]);
    /* and computed from the payoffs: revenue = sum_i (TV_i - u_i) at w */
    static const char *const want[] = {"0", "4/5", "9/5", "14/5", "19/5", "24/5", "29/5"};
    bool matched[7] = {false};
    for (size_t i = 0; i < r.count; i++) {
        uint32_t s[2];
        mc_sform_profile_of(&sf, r.profile[i], s);
        mc_q rev = MC_Q_ZERO, tv = MC_Q_INT(6);
        if (s[0] == s[1] && s[0] != 0) {
            mc_q_add(&rev, mc_sform_payoff(&sf, r.profile[i], 0),
                     mc_sform_payoff(&sf, r.profile[i], 1));
            mc_q_sub(&rev, &tv, &rev);
        }
        char buf[32];
        mc_q_snprint(buf, sizeof buf, &rev);
        bool ok = false;
        for (int j = 0; j < 7; j++)
            if (strcmp(buf, want[j]) == 0)
                ok = matched[j] = true;
        ck_assert_msg(ok, "revenue %s", buf);
        mc_q_clear(&rev);
    }
    for (int j = 0; j < 7; j++)
        ck_assert(matched[j]);
    /* truthful (2,4), E_2 = (1,2), footnote-1 (1,1): equilibria */
    for (uint32_t v = 0; v < 3; v++) {
        static const uint32_t rep[3] = {2 * 6 + 4, 1 * 6 + 2, 1 * 6 + 1};
        uint64_t p = rep[v] + (uint64_t)rep[v] * 36;
        bool found = false;
        for (size_t i = 0; i < r.count; i++)
            found |= r.profile[i] == p;
        ck_assert(found);
    }
    mc_nash_result_free(&r);
    mc_sform_free(&sf);
}
END_TEST

/* ---- randomized: brute-force deviations ---------------------------------------- */

static bool brute_is_ne(const mc_sform *sf, const mc_survivors *sv, uint64_t p, bool *strict)
{
    uint32_t s[MC_MAX_PLAYERS];
    mc_sform_profile_of(sf, p, s);
    *strict = true;
    for (unsigned a = 0; a < sf->nagents; a++)
        if (sv && !mc_survivors_has(sv, a, s[a]))
            return false;
    for (unsigned a = 0; a < sf->nagents; a++) {
        uint32_t own = s[a];
        for (uint32_t d = 0; d < sf->nstrategies[a]; d++) {
            if (d == own || (sv && !mc_survivors_has(sv, a, d)))
                continue;
            s[a] = d;
            int c = mc_q_cmp(mc_sform_payoff(sf, mc_sform_profile_index(sf, s), a),
                             mc_sform_payoff(sf, p, a));
            s[a] = own;
            if (c > 0)
                return false;
            if (c == 0)
                *strict = false;
        }
    }
    return true;
}

START_TEST(test_random_brute_force)
{
    uint64_t rng = 4242;
    size_t total = 0;
    for (int iter = 0; iter < 400; iter++) {
        uint32_t ns[4];
        unsigned na = 1 + (unsigned)(mc_test_rand(&rng) % 4);
        for (unsigned a = 0; a < na; a++)
            ns[a] = 1 + (uint32_t)(mc_test_rand(&rng) % 4);
        mc_sform sf;
        mc_error err;
        ck_assert_int_eq(mc_sform_init(&sf, na, ns, false, 0, &err), MC_OK);
        int64_t den = 1 + (int64_t)(mc_test_rand(&rng) % 4);
        for (uint64_t i = 0; i < sf.nprofiles * na; i++)
            ck_assert_int_eq(
                mc_q_set_frac(&sf.payoff[i], (int64_t)(mc_test_rand(&rng) % 5) - 2, den), MC_OK);
        mc_survivors sv;
        ck_assert_int_eq(mc_survivors_init(&sv, &sf, &err), MC_OK);
        bool restrict_ = iter % 2;
        if (restrict_)
            for (unsigned a = 0; a < na; a++)
                for (uint32_t s = 0; s + 1 < ns[a]; s++)
                    if (mc_test_rand(&rng) % 3 == 0)
                        mc_survivors_remove(&sv, a, s);
        mc_nash_result r;
        nash(&sf, restrict_ ? &sv : NULL, &r);
        size_t k = 0;
        for (uint64_t p = 0; p < sf.nprofiles; p++) {
            bool strict, ne = brute_is_ne(&sf, restrict_ ? &sv : NULL, p, &strict);
            if (!ne)
                continue;
            ck_assert_uint_lt(k, r.count);
            ck_assert_uint_eq(r.profile[k], p);
            ck_assert_int_eq(r.strict[k], strict);
            k++;
        }
        ck_assert_uint_eq(k, r.count);
        total += r.count;
        mc_nash_result_free(&r);
        mc_survivors_free(&sv);
        mc_sform_free(&sf);
    }
    ck_assert_uint_gt(total, 100); /* the sample is not vacuous */
}
END_TEST

/* ---- lrsnash: all extreme equilibria of a bimatrix game ------------------------ */

/* Runs lrsnash on the game, marks pure[i + j*m] for every pure equilibrium
 * it lists.  Output: "2 y_1..y_n v" lines (the column player's strategy)
 * above a "1 x_1..x_m v" line; each 1-line pairs with the 2-lines above it. */
static bool lrsnash_pure(uint32_t m, uint32_t n, const int64_t *A, const int64_t *B, bool *pure)
{
    char path[] = "/tmp/mc_lrsnash_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "%u %u\n\n", m, n);
    for (int mat = 0; mat < 2; mat++) {
        for (uint32_t i = 0; i < m; i++) {
            for (uint32_t j = 0; j < n; j++)
                fprintf(f, " %lld", (long long)(mat ? B : A)[i * n + j]);
            fprintf(f, "\n");
        }
        fprintf(f, "\n");
    }
    fclose(f);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "lrsnash %s 2>/dev/null", path);
    FILE *out = popen(cmd, "r");
    ck_assert_ptr_nonnull(out);
    char line[4096];
    int pending[64]; /* pure column of each pending 2-line, -1 if mixed */
    size_t npending = 0;
    bool last_was_x = false, any = false;
    memset(pure, 0, (size_t)m * n * sizeof *pure);
    while (fgets(line, sizeof line, out)) {
        char *tok = strtok(line, " \t\n");
        if (!tok || tok[0] == '*') {
            if (!tok)
                npending = 0, last_was_x = false;
            continue;
        }
        int who = atoi(tok);
        uint32_t len = who == 2 ? n : m;
        int at = -1, ones = 0, nonzero = 0;
        for (uint32_t i = 0; i < len; i++) {
            tok = strtok(NULL, " \t\n");
            ck_assert_ptr_nonnull(tok);
            if (strcmp(tok, "0") != 0)
                nonzero++;
            if (strcmp(tok, "1") == 0)
                ones++, at = (int)i;
        }
        int pure_at = ones == 1 && nonzero == 1 ? at : -1;
        if (who == 2) {
            if (last_was_x)
                npending = 0;
            ck_assert_uint_lt(npending, 64);
            pending[npending++] = pure_at;
            last_was_x = false;
        } else if (who == 1) {
            any = true;
            for (size_t k = 0; k < npending; k++)
                if (pure_at >= 0 && pending[k] >= 0)
                    pure[(uint32_t)pure_at + (uint32_t)pending[k] * m] = true;
            last_was_x = true;
        }
    }
    int rc = pclose(out);
    unlink(path);
    ck_assert_int_eq(rc, 0);
    return any;
}

START_TEST(test_lrsnash)
{
    if (access("/usr/bin/lrsnash", X_OK) != 0 &&
        system("command -v lrsnash >/dev/null 2>&1") != 0) {
        printf("test_lrsnash: lrsnash not installed (Debian package lrslib), skipped\n");
        return;
    }
    uint64_t rng = 99;
    size_t total = 0;
    for (int iter = 0; iter < 40; iter++) {
        uint32_t m = 2 + (uint32_t)(mc_test_rand(&rng) % 4),
                 n = 2 + (uint32_t)(mc_test_rand(&rng) % 4);
        int64_t A[36], B[36];
        int64_t range = iter < 20 ? 3 : 50; /* many ties, then mostly generic */
        for (uint32_t i = 0; i < m * n; i++) {
            A[i] = (int64_t)(mc_test_rand(&rng) % (uint64_t)range);
            B[i] = (int64_t)(mc_test_rand(&rng) % (uint64_t)range);
        }
        bool lrs[36];
        ck_assert(lrsnash_pure(m, n, A, B, lrs));
        mc_sform sf;
        mc_nash_result r;
        mc_test_bimatrix(&sf, m, n, A, B);
        nash(&sf, NULL, &r);
        size_t k = 0;
        for (uint64_t p = 0; p < (uint64_t)m * n; p++) {
            bool ours = k < r.count && r.profile[k] == p;
            ck_assert_msg(ours == lrs[p], "game %d: profile %llu ours %d lrsnash %d", iter,
                          (unsigned long long)p, ours, lrs[p]);
            k += ours;
        }
        total += r.count;
        mc_nash_result_free(&r);
        mc_sform_free(&sf);
    }
    ck_assert_uint_gt(total, 10);
}
END_TEST

Suite *mc_suite_nash(void)
{
    Suite *s = suite_create("nash");
    TCase *tc = tcase_create("pure");
    tcase_add_test(tc, test_textbook);
    tcase_add_test(tc, test_restricted_and_limits);
    tcase_add_test(tc, test_f1_nash);
    suite_add_tcase(s, tc);
    tc = tcase_create("cross-checks");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_random_brute_force);
    tcase_add_test(tc, test_lrsnash);
    suite_add_tcase(s, tc);
    return s;
}

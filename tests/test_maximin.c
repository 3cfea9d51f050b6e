/* Maximin of matrix and normal-form games: hand-computed values, closed
 * forms for 2x2, an independent mc_q re-check of the certificate identities
 * on random games (including payoffs that differ below double precision),
 * agent matrices against mc_nfg_profile_index, the time limit. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/maximin.h"
#include "mechcheck/nfg.h"
#include "testutil.h"

static mc_q qf(int64_t num, int64_t den)
{
    mc_q q = MC_Q_ZERO;
    ck_assert_int_eq(mc_q_set_frac(&q, num, den), MC_OK);
    return q;
}

static mc_q *int_matrix(size_t n, const int64_t *v)
{
    mc_q *a = malloc(n * sizeof *a);
    for (size_t i = 0; i < n; i++)
        a[i] = (mc_q)MC_Q_INT(v[i]);
    return a;
}

static void free_matrix(mc_q *a, size_t n)
{
    mc_q_clear_vec(a, n);
    free(a);
}

/* Independent of the library's checker: plain mc_q loops.  Returns true when
 * x, y are distributions and min_t x.A = value = max_s A.y. */
static bool q_identities(size_t r, size_t c, const mc_q *a, const mc_q *x, const mc_q *y,
                         const mc_q *value)
{
    mc_q acc = MC_Q_ZERO, best = MC_Q_ZERO, sum = MC_Q_ZERO, one = MC_Q_INT(1);
    bool ok = true;
    for (size_t s = 0; s < r; s++) {
        ok &= mc_q_sgn(&x[s]) >= 0;
        mc_q_add(&sum, &sum, &x[s]);
    }
    ok &= mc_q_eq(&sum, &one);
    mc_q_set_i64(&sum, 0);
    for (size_t t = 0; t < c; t++) {
        ok &= mc_q_sgn(&y[t]) >= 0;
        mc_q_add(&sum, &sum, &y[t]);
    }
    ok &= mc_q_eq(&sum, &one);
    for (size_t t = 0; t < c; t++) {
        mc_q_set_i64(&acc, 0);
        for (size_t s = 0; s < r; s++)
            mc_q_addmul(&acc, &x[s], &a[s * c + t]);
        if (t == 0 || mc_q_cmp(&acc, &best) < 0)
            mc_q_set(&best, &acc);
    }
    ok &= mc_q_eq(&best, value);
    for (size_t s = 0; s < r; s++) {
        mc_q_set_i64(&acc, 0);
        for (size_t t = 0; t < c; t++)
            mc_q_addmul(&acc, &a[s * c + t], &y[t]);
        if (s == 0 || mc_q_cmp(&acc, &best) > 0)
            mc_q_set(&best, &acc);
    }
    ok &= mc_q_eq(&best, value);
    mc_q_clear(&acc);
    mc_q_clear(&best);
    mc_q_clear(&sum);
    return ok;
}

static void maximin(size_t r, size_t c, const mc_q *a, mc_maximin *out)
{
    mc_error err;
    mc_maximin_init(out);
    ck_assert_int_eq(mc_maximin_matrix(r, c, a, NULL, out, &err), MC_OK);
    ck_assert_msg(out->lp_status == MC_LP_OPTIMAL_CERTIFIED, "%s", out->note);
    ck_assert(q_identities(r, c, a, out->x, out->y, &out->value));
    ck_assert(mc_q_cmp(&out->pure_value, &out->value) <= 0);
}

START_TEST(test_maximin_small_games)
{
    mc_maximin m;
    /* matching pennies */
    mc_q *a = int_matrix(4, (int64_t[]){1, -1, -1, 1});
    maximin(2, 2, a, &m);
    ck_assert_q_str(&m.value, "0");
    ck_assert_q_str(&m.x[0], "1/2");
    ck_assert_q_str(&m.x[1], "1/2");
    ck_assert_q_str(&m.y[0], "1/2");
    ck_assert_q_str(&m.pure_value, "-1");
    mc_error why;
    ck_assert(mc_maximin_check(2, 2, a, m.x, m.y, &m.value, &why));
    mc_q wrong = qf(1, 100);
    ck_assert(!mc_maximin_check(2, 2, a, m.x, m.y, &wrong, &why));
    mc_q xs[2] = {qf(2, 3), qf(1, 3)};
    ck_assert(!mc_maximin_check(2, 2, a, xs, m.y, &m.value, &why));
    mc_maximin_free(&m);
    free_matrix(a, 4);

    /* rock-paper-scissors */
    a = int_matrix(9, (int64_t[]){0, -1, 1, 1, 0, -1, -1, 1, 0});
    maximin(3, 3, a, &m);
    ck_assert_q_str(&m.value, "0");
    for (int k = 0; k < 3; k++) {
        ck_assert_q_str(&m.x[k], "1/3");
        ck_assert_q_str(&m.y[k], "1/3");
    }
    mc_maximin_free(&m);
    free_matrix(a, 9);

    /* [[3,-1],[1,2]]: value (6+1)/(3+2+1-1) = 7/5, x = (1/5, 4/5), y = (3/5, 2/5) */
    a = int_matrix(4, (int64_t[]){3, -1, 1, 2});
    maximin(2, 2, a, &m);
    ck_assert_q_str(&m.value, "7/5");
    ck_assert_q_str(&m.x[0], "1/5");
    ck_assert_q_str(&m.x[1], "4/5");
    ck_assert_q_str(&m.y[0], "3/5");
    ck_assert_q_str(&m.y[1], "2/5");
    ck_assert_q_str(&m.pure_value, "1");
    ck_assert_uint_eq(m.pure_row, 1);
    mc_maximin_free(&m);
    free_matrix(a, 4);

    /* saddle point at (0, 1): pure maximin = value = 2 */
    a = int_matrix(9, (int64_t[]){4, 2, 3, 1, 0, 5, 3, 1, 2});
    maximin(3, 3, a, &m);
    ck_assert_q_str(&m.value, "2");
    ck_assert_q_str(&m.pure_value, "2");
    ck_assert_uint_eq(m.pure_row, 0);
    ck_assert_q_str(&m.x[0], "1");
    ck_assert_q_str(&m.y[1], "1");
    mc_maximin_free(&m);
    free_matrix(a, 9);

    /* rational payoffs, a dominated row, a 1 x 3 and a 3 x 1 game */
    mc_q b[6] = {qf(1, 2), qf(-1, 3), qf(1, 4), qf(-1, 2), qf(-1, 3), qf(-1, 5)};
    maximin(3, 2, b, &m);
    /* [[1/2,-1/3],[1/4,-1/2],[-1/3,-1/5]]: row 0 dominates row 1; rows 0 and
     * 2 form a 2x2 game without saddle: (ad-bc)/(a+d-b-c) =
     * (-1/10 - 1/9) / (1/2 - 1/5 + 1/3 + 1/3) = -19/87. */
    ck_assert_q_str(&m.value, "-19/87");
    ck_assert_q_str(&m.x[1], "0");
    mc_maximin_free(&m);
    maximin(1, 3, b, &m);
    ck_assert_q_str(&m.value, "-1/3");
    mc_maximin_free(&m);
    maximin(3, 1, b, &m);
    ck_assert_q_str(&m.value, "1/2");
    mc_maximin_free(&m);
    mc_q_clear_vec(b, 6);
}
END_TEST

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static mc_q *random_matrix(size_t r, size_t c, int range, uint64_t *seed)
{
    mc_q *a = malloc(r * c * sizeof *a);
    for (size_t i = 0; i < r * c; i++)
        a[i] = (mc_q)MC_Q_INT((int64_t)(rng_next(seed) % (uint64_t)(2 * range + 1)) - range);
    return a;
}

/* 2x2 closed form: a saddle gives the pure value, else (ad-bc)/(a+d-b-c). */
static void closed_form_2x2(const mc_q *a, mc_q *v)
{
    mc_q pure = MC_Q_ZERO, upper = MC_Q_ZERO, t = MC_Q_ZERO, u = MC_Q_ZERO;
    uint64_t row;
    ck_assert_int_eq(mc_maximin_pure(2, 2, a, &pure, &row, NULL), MC_OK);
    /* min over columns of the column maxima */
    const mc_q *c0 = mc_q_cmp(&a[0], &a[2]) > 0 ? &a[0] : &a[2];
    const mc_q *c1 = mc_q_cmp(&a[1], &a[3]) > 0 ? &a[1] : &a[3];
    mc_q_set(&upper, mc_q_cmp(c0, c1) < 0 ? c0 : c1);
    if (mc_q_eq(&pure, &upper)) {
        mc_q_set(v, &pure);
    } else {
        mc_q_mul(&t, &a[0], &a[3]);
        mc_q_mul(&u, &a[1], &a[2]);
        mc_q_sub(&t, &t, &u);
        mc_q_add(&u, &a[0], &a[3]);
        mc_q_sub(&u, &u, &a[1]);
        mc_q_sub(&u, &u, &a[2]);
        ck_assert_int_eq(mc_q_div(v, &t, &u), MC_OK);
    }
    mc_q_clear(&pure);
    mc_q_clear(&upper);
    mc_q_clear(&t);
    mc_q_clear(&u);
}

START_TEST(test_maximin_random_small)
{
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    for (int trial = 0; trial < 60; trial++) {
        size_t r = 2 + (size_t)(trial % 3), c = 2 + (size_t)((trial / 3) % 3);
        mc_q *a = random_matrix(r, c, 5, &seed);
        mc_maximin m;
        maximin(r, c, a, &m);
        if (r == 2 && c == 2) {
            mc_q v = MC_Q_ZERO;
            closed_form_2x2(a, &v);
            ck_assert(mc_q_eq(&v, &m.value));
            mc_q_clear(&v);
        }
        mc_maximin_free(&m);
        free_matrix(a, r * c);
    }
}
END_TEST

/* A = 3 + 10^-30 R: in doubles every entry is 3, so GLPK's basis is
 * arbitrary and the exact pivots must find the optimum: value(A) =
 * 3 + 10^-30 value(R), with value(R) from the ordinary path. */
START_TEST(test_maximin_below_double_precision)
{
    uint64_t seed = 2024;
    mpq_t eps, t;
    mpq_inits(eps, t, NULL);
    mpq_set_str(eps, "1/1000000000000000000000000000000", 10);
    int pivots = 0;
    for (int trial = 0; trial < 12; trial++) {
        size_t r = 2 + (size_t)(trial % 5), c = 2 + (size_t)((trial * 7) % 6);
        mc_q *ra = random_matrix(r, c, 10, &seed);
        mc_q *a = malloc(r * c * sizeof *a);
        for (size_t i = 0; i < r * c; i++) {
            a[i] = (mc_q)MC_Q_ZERO;
            mc_q_get_mpq(t, &ra[i]);
            mpq_mul(t, t, eps);
            mpz_addmul_ui(mpq_numref(t), mpq_denref(t), 3);
            mc_q_set_mpq(&a[i], t);
        }
        mc_maximin mr, ma;
        maximin(r, c, ra, &mr);
        maximin(r, c, a, &ma);
        pivots += ma.exact_pivots;
        mc_q_get_mpq(t, &mr.value);
        mpq_mul(t, t, eps);
        mpz_addmul_ui(mpq_numref(t), mpq_denref(t), 3);
        mc_q want = MC_Q_ZERO;
        mc_q_set_mpq(&want, t);
        ck_assert(mc_q_eq(&want, &ma.value));
        mc_q_clear(&want);
        mc_maximin_free(&mr);
        mc_maximin_free(&ma);
        free_matrix(ra, r * c);
        free_matrix(a, r * c);
    }
    ck_assert_int_gt(pivots, 0);
    mpq_clears(eps, t, NULL);
}
END_TEST

START_TEST(test_maximin_random_60)
{
    uint64_t seed = 12345;
    mc_q *a = random_matrix(60, 60, 50, &seed);
    mc_maximin m;
    maximin(60, 60, a, &m);
    ck_assert(m.basis_dim > 2);
    mc_maximin_free(&m);
    free_matrix(a, 3600);
}
END_TEST

START_TEST(test_maximin_random_200)
{
    uint64_t seed = 777;
    mc_q *a = random_matrix(200, 200, 100, &seed);
    mc_maximin m;
    mc_error err;
    mc_maximin_init(&m);
    ck_assert_int_eq(mc_maximin_matrix(200, 200, a, NULL, &m, &err), MC_OK);
    ck_assert_msg(m.lp_status == MC_LP_OPTIMAL_CERTIFIED, "%s", m.note);
    mc_error why;
    ck_assert(mc_maximin_check(200, 200, a, m.x, m.y, &m.value, &why));
    mc_maximin_free(&m);
    free_matrix(a, 40000);
}
END_TEST

START_TEST(test_maximin_time_limit)
{
    uint64_t seed = 31337;
    mc_q *a = random_matrix(200, 200, 100, &seed);
    mc_lp_options opt;
    mc_lp_options_default(&opt);
    opt.time_limit = 0.001;
    mc_maximin m;
    mc_maximin_init(&m);
    mc_error err;
    ck_assert_int_eq(mc_maximin_matrix(200, 200, a, &opt, &m, &err), MC_ELIMIT);
    ck_assert(strstr(err.msg, "time limit") != NULL);
    ck_assert_int_eq(m.lp_status, MC_LP_UNDECIDED);
    ck_assert_ptr_null(m.x);
    mc_maximin_free(&m);
    free_matrix(a, 40000);
}
END_TEST

/* ---- normal-form games ------------------------------------------------------ */

/* A 3-player game: payoff of player p at profile s = f(p, s). */
static int64_t f(unsigned p, const uint32_t *s)
{
    return (int64_t)((p + 1) * (3 * s[0] + 5 * s[1] + 7 * s[2]) % 11) - 5 + (int64_t)(s[p] * p);
}

static void make_game(mc_nfg *g, unsigned n, const uint32_t *ns)
{
    mc_error err;
    ck_assert_int_eq(mc_nfg_init(g, n, ns, &err), MC_OK);
    for (uint64_t k = 0; k < g->nprofiles; k++) {
        uint32_t s[MC_MAX_PLAYERS] = {0};
        mc_nfg_profile_of(g, k, s);
        for (unsigned p = 0; p < n; p++)
            mc_q_set_i64(mc_nfg_payoff(g, k, p), f(p, s));
    }
}

START_TEST(test_maximin_nfg_matrix)
{
    mc_nfg g;
    uint32_t ns[3] = {2, 3, 2};
    make_game(&g, 3, ns);
    unsigned members[2] = {2, 0};
    uint64_t r, c;
    mc_q *a;
    mc_error err;
    ck_assert_int_eq(mc_nfg_agent_matrix(&g, 2, members, &r, &c, &a, &err), MC_OK);
    ck_assert_uint_eq(r, 4);
    ck_assert_uint_eq(c, 3);
    for (uint64_t s = 0; s < r; s++)
        for (uint64_t t = 0; t < c; t++) {
            uint32_t st[3];
            st[2] = (uint32_t)(s % 2); /* members[0] = player 2 fastest */
            st[0] = (uint32_t)(s / 2);
            st[1] = (uint32_t)t;
            ck_assert(mc_q_get_d(&a[s * c + t]) == (double)(f(2, st) + f(0, st)));
            uint64_t prof = mc_nfg_profile_index(&g, st);
            mc_q sum = MC_Q_ZERO;
            mc_q_add(&sum, mc_nfg_payoff(&g, prof, 0), mc_nfg_payoff(&g, prof, 2));
            ck_assert(mc_q_eq(&sum, &a[s * c + t]));
            uint32_t dec[3] = {9, 9, 9};
            mc_nfg_agent_decode(&g, 2, members, false, s, dec);
            mc_nfg_agent_decode(&g, 2, members, true, t, dec);
            ck_assert(dec[0] == st[0] && dec[1] == st[1] && dec[2] == st[2]);
        }
    mc_maximin m, m2;
    mc_maximin_init(&m);
    mc_maximin_init(&m2);
    ck_assert_int_eq(mc_maximin_nf(&g, 2, members, NULL, &m, &err), MC_OK);
    ck_assert_msg(m.lp_status == MC_LP_OPTIMAL_CERTIFIED, "%s", m.note);
    ck_assert(q_identities(r, c, a, m.x, m.y, &m.value));
    ck_assert_int_eq(mc_maximin_matrix(r, c, a, NULL, &m2, &err), MC_OK);
    ck_assert(mc_q_eq(&m.value, &m2.value));
    mc_maximin_free(&m);
    mc_maximin_free(&m2);
    free_matrix(a, r * c);

    /* Player 1 alone against the pooled players 0 and 2 (columns: s0 fastest). */
    unsigned solo[1] = {1};
    ck_assert_int_eq(mc_nfg_agent_matrix(&g, 1, solo, &r, &c, &a, &err), MC_OK);
    ck_assert_uint_eq(r, 3);
    ck_assert_uint_eq(c, 4);
    uint32_t st[3] = {1, 2, 0}; /* column t = s0 + 2*s2 = 1 */
    ck_assert(mc_q_get_d(&a[2 * c + 1]) == (double)f(1, st));
    free_matrix(a, r * c);

    unsigned bad[2] = {1, 1}, outside[1] = {3};
    ck_assert_int_eq(mc_nfg_agent_matrix(&g, 2, bad, &r, &c, &a, &err), MC_EINPUT);
    ck_assert_int_eq(mc_nfg_agent_matrix(&g, 1, outside, &r, &c, &a, &err), MC_EINPUT);
    mc_nfg_free(&g);
}
END_TEST

/* Rock-paper-scissors as a 2-player nfg: both players' security level is 0
 * with the uniform mixture; the coalition of both faces a dummy opponent and
 * gets its best joint payoff sum (0 in a zero-sum game). */
START_TEST(test_maximin_nfg_rps)
{
    static const int64_t rps[3][3] = {{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}};
    mc_nfg g;
    uint32_t ns[2] = {3, 3};
    mc_error err;
    ck_assert_int_eq(mc_nfg_init(&g, 2, ns, &err), MC_OK);
    for (uint32_t a = 0; a < 3; a++)
        for (uint32_t b = 0; b < 3; b++) {
            uint32_t st[2] = {a, b};
            uint64_t k = mc_nfg_profile_index(&g, st);
            mc_q_set_i64(mc_nfg_payoff(&g, k, 0), rps[a][b]);
            mc_q_set_i64(mc_nfg_payoff(&g, k, 1), -rps[a][b]);
        }
    for (unsigned p = 0; p < 2; p++) {
        mc_maximin m;
        mc_maximin_init(&m);
        ck_assert_int_eq(mc_maximin_nf(&g, 1, &p, NULL, &m, &err), MC_OK);
        ck_assert_int_eq(m.lp_status, MC_LP_OPTIMAL_CERTIFIED);
        ck_assert_q_str(&m.value, "0");
        ck_assert_q_str(&m.pure_value, "-1");
        for (int k = 0; k < 3; k++) {
            ck_assert_q_str(&m.x[k], "1/3");
            ck_assert_q_str(&m.y[k], "1/3");
        }
        mc_maximin_free(&m);
    }
    unsigned both[2] = {0, 1};
    mc_maximin m;
    mc_maximin_init(&m);
    ck_assert_int_eq(mc_maximin_nf(&g, 2, both, NULL, &m, &err), MC_OK);
    ck_assert_uint_eq(m.nrows, 9);
    ck_assert_uint_eq(m.ncols, 1);
    ck_assert_q_str(&m.value, "0");
    ck_assert_q_str(&m.y[0], "1");
    mc_maximin_free(&m);
    mc_nfg_free(&g);
}
END_TEST

Suite *mc_suite_maximin(void)
{
    Suite *s = suite_create("maximin");
    TCase *mm = tcase_create("maximin");
    tcase_set_timeout(mm, 30);
    tcase_add_test(mm, test_maximin_small_games);
    tcase_add_test(mm, test_maximin_random_small);
    tcase_add_test(mm, test_maximin_below_double_precision);
    tcase_add_test(mm, test_maximin_random_60);
    tcase_add_test(mm, test_maximin_random_200);
    tcase_add_test(mm, test_maximin_time_limit);
    tcase_add_test(mm, test_maximin_nfg_matrix);
    tcase_add_test(mm, test_maximin_nfg_rps);
    suite_add_tcase(s, mm);
    return s;
}

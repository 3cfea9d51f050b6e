/* Exact rationals: hand-computed values, parsing and printing, and the
 * int64 overflow boundary.  Randomized differential tests: test_num_random.c. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num_check.h"

/* ---- hand-computed values ---------------------------------------------------- */

START_TEST(test_hand_arithmetic)
{
    mc_q a = frac(1, 3), b = frac(1, 6), r = MC_Q_ZERO;
    mc_q_add(&r, &a, &b);
    check_str(&r, "1/2");
    mc_q_sub(&r, &b, &a);
    check_str(&r, "-1/6");
    mc_q_sub(&r, &r, &r); /* x - x */
    check_str(&r, "0");
    ck_assert(mc_q_is_zero(&r));

    r = frac(-6, 8);
    check_str(&r, "-3/4");
    r = frac(3, -6);
    check_str(&r, "-1/2");
    r = frac(-4, -2);
    check_str(&r, "2");
    ck_assert(mc_q_is_int(&r));
    ck_assert_int_eq(mc_q_set_frac(&r, 5, 0), MC_EINPUT);
    check_str(&r, "2"); /* unchanged */

    mc_q x = frac(2, 3), y = frac(9, 4);
    mc_q_mul(&r, &x, &y);
    check_str(&r, "3/2");
    x = frac(3, 4), y = frac(-9, 8);
    ck_assert_int_eq(mc_q_div(&r, &x, &y), MC_OK);
    check_str(&r, "-2/3");
    mc_q zero = MC_Q_ZERO;
    ck_assert_int_eq(mc_q_div(&r, &x, &zero), MC_EINPUT);
    check_str(&r, "-2/3"); /* unchanged */

    /* 1/2 + (2/3)(3/4) = 1; 1 + 5*(-7) = -34 */
    r = frac(1, 2), x = frac(2, 3), y = frac(3, 4);
    mc_q_addmul(&r, &x, &y);
    check_str(&r, "1");
    x = MC_Q_INT(5), y = MC_Q_INT(-7);
    mc_q_addmul(&r, &x, &y);
    check_str(&r, "-34");
    mc_q_neg(&r, &r);
    check_str(&r, "34");
    x = frac(-5, 7);
    mc_q_abs(&r, &x);
    check_str(&r, "5/7");
    mc_q_neg(&r, &x);
    check_str(&r, "5/7");

    x = frac(1, 3), y = frac(1, 2);
    ck_assert_int_lt(mc_q_cmp(&x, &y), 0);
    ck_assert_int_gt(mc_q_cmp(&y, &x), 0);
    ck_assert_int_eq(mc_q_cmp(&x, &x), 0);
    x = MC_Q_INT(-3), y = MC_Q_INT(2);
    ck_assert_int_lt(mc_q_cmp(&x, &y), 0);
    ck_assert_int_eq(mc_q_sgn(&x), -1);
    ck_assert_int_eq(mc_q_sgn(&zero), 0);
    ck_assert_int_eq(mc_q_sgn(&y), 1);
    x = frac(2, 4), y = frac(1, 2);
    ck_assert(mc_q_eq(&x, &y));
    ck_assert_uint_eq(mc_q_hash(&x), mc_q_hash(&y));
    ck_assert(!mc_q_is_int(&x));
    ck_assert(!mc_q_is_big(&x));
    mc_q_swap(&x, &zero);
    check_str(&x, "0");
    check_str(&zero, "1/2");
    mc_q_set_i64(&r, -17);
    check_str(&r, "-17");
    mc_q_set(&r, &zero);
    check_str(&r, "1/2");

    mc_q v[3];
    mc_q_init_vec(v, 3);
    check_str(&v[2], "0");
    mc_q_set_i64(&v[1], INT64_MIN); /* big */
    mc_q_clear_vec(v, 3);
    check_str(&v[1], "0");
}
END_TEST

START_TEST(test_get_d)
{
    mc_q q = frac(1, 3);
    ck_assert(mc_q_get_d(&q) == 1.0 / 3.0);
    /* 2^53 + 3 lies halfway between two doubles: ties to even gives 2^53 + 4
     * (truncation would give 2^53 + 2). */
    q = MC_Q_INT(9007199254740995);
    ck_assert(mc_q_get_d(&q) == 9007199254740996.0);
    q = parsed("0.1");
    ck_assert(mc_q_get_d(&q) == 0.1);
    q = parsed("-1.5e-3");
    ck_assert(mc_q_get_d(&q) == -1.5e-3);
    q = parsed("123456789012345678901234567890");
    ck_assert(mc_q_get_d(&q) == 123456789012345678901234567890.0);
    mc_q_clear(&q);
    q = parsed("-3.14159265358979323846264338327950288");
    ck_assert(mc_q_get_d(&q) == -3.14159265358979323846264338327950288);
    mc_q_clear(&q);
    /* 10^40/3 against strtod (correctly rounded) of its first 55 digits. */
    q = parsed("10000000000000000000000000000000000000000/3");
    ck_assert(mc_q_get_d(&q) == strtod("3333333333333333333333333333333333333333.33333333333333", NULL));
    mc_q_clear(&q);
    /* Just above / below the midpoint between 1 and 1 + 2^-52, by 2^-70:
     * only the bits beyond the 64th decide. */
    q = parsed("1180591620717411434497/1180591620717411303424");
    ck_assert(mc_q_get_d(&q) == 1.0000000000000002);
    mc_q_clear(&q);
    q = parsed("1180591620717411434495/1180591620717411303424");
    ck_assert(mc_q_get_d(&q) == 1.0);
    mc_q_clear(&q);
    q = parsed("7e400");
    ck_assert(isinf(mc_q_get_d(&q)) && mc_q_get_d(&q) > 0);
    mc_q_clear(&q);
    q = parsed("-1e-400");
    ck_assert(mc_q_get_d(&q) == 0.0);
    mc_q_clear(&q);
}
END_TEST

/* Hash quality is not contractual, but distinct values must not collide
 * wholesale (e.g. a hash ignoring the denominator). */
START_TEST(test_hash_spread)
{
    enum { N = 2000 };
    uint64_t *h = malloc(N * sizeof *h);
    size_t n = 0;
    for (int num = 1; num <= 40; num++)
        for (int den = 1; den <= 40; den++)
            if (gcd_u64((uint64_t)num, (uint64_t)den) == 1 && n < N) {
                mc_q q = frac(num, den);
                h[n++] = mc_q_hash(&q);
            }
    for (int k = 0; k < 100 && n < N; k++) {
        mc_q q = parsed("1e30"), kq = frac(k, 7);
        mc_q_add(&q, &q, &kq);
        h[n++] = mc_q_hash(&q);
        mc_q_clear(&q);
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            REQUIRE(h[i] != h[j]);
    free(h);
}
END_TEST

/* ---- parsing and printing -------------------------------------------------------- */

static const struct {
    const char *text, *value;
} parse_cases[] = {
    {"10.1", "101/10"}, {"1e3", "1000"}, {"-0.25", "-1/4"}, {"007", "7"},
    {"-.5", "-1/2"}, {"2.", "2"}, {"1.5e-3", "3/2000"}, {"2E+4", "20000"},
    {"+5", "5"}, {"-0", "0"}, {"0/7", "0"}, {"-6/8", "-3/4"}, {"+6/8", "3/4"},
    {"0.000", "0"}, {"1e-0", "1"}, {"12.5e-1", "5/4"}, {".125", "1/8"},
    {"000000000000000000000000000000012", "12"},
    {"-000000000000000000000000000000.5000000000000000000000000000", "-1/2"},
    {"9223372036854775807", "9223372036854775807"},
    {"-9223372036854775807", "-9223372036854775807"},
    {"-9223372036854775808", "-9223372036854775808"},
    {"9223372036854775808", "9223372036854775808"},
    {"18446744073709551616", "18446744073709551616"},
    {"1.000000000000000000000000000001", "1000000000000000000000000000001/1000000000000000000000000000000"},
    {"246913578024691357802469135780/123456789012345678901234567890", "2"},
    {"1/9223372036854775808", "1/9223372036854775808"},
    {"0.0000000000000000001", "1/10000000000000000000"},
    {"1e-18", "1/1000000000000000000"},
    {"4e-20", "1/25000000000000000000"},
    {"92233720368547758.07e2", "9223372036854775807"},
    {"1e40", "10000000000000000000000000000000000000000"},
    {"0e99999", "0"},
};

START_TEST(test_parse_values)
{
    for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        mc_q q = parsed(parse_cases[i].text);
        char buf[128];
        mc_q_snprint(buf, sizeof buf, &q);
        ck_assert_msg(strcmp(buf, parse_cases[i].value) == 0, "parse \"%s\" gave %s, expected %s",
                      parse_cases[i].text, buf, parse_cases[i].value);
        check_canonical(&q);
        mc_q_clear(&q);
    }
    /* Only s[0..len) is read. */
    mc_q q = MC_Q_ZERO;
    ck_assert_int_eq(mc_q_parse(&q, "123abc", 3, NULL), MC_OK);
    check_str(&q, "123");
    ck_assert_int_eq(mc_q_parse(&q, "1/2 ", 3, NULL), MC_OK);
    check_str(&q, "1/2");
    ck_assert_int_eq(mc_q_parse(&q, "1/0", 2, NULL), MC_EINPUT);
    /* A big destination is released or reused. */
    mc_q_set_i64(&q, INT64_MIN);
    ck_assert_int_eq(mc_q_parse(&q, "3", (size_t)-1, NULL), MC_OK);
    check_str(&q, "3");
    mc_q_set_i64(&q, INT64_MIN);
    ck_assert_int_eq(mc_q_parse(&q, "1/18446744073709551616", (size_t)-1, NULL), MC_OK);
    check_str(&q, "1/18446744073709551616");
    mc_q_clear(&q);
}
END_TEST

static const struct {
    const char *text, *msg;
} error_cases[] = {
    {"1/x", "invalid number \"1/x\": expected a digit at character 3"},
    {"1/0", "invalid number \"1/0\": zero denominator at character 3"},
    {"-3/000", "invalid number \"-3/000\": zero denominator at character 4"},
    {"", "invalid number \"\": expected a digit at character 1"},
    {"-", "invalid number \"-\": expected a digit at character 2"},
    {"+", "invalid number \"+\": expected a digit at character 2"},
    {".", "invalid number \".\": expected a digit at character 2"},
    {"abc", "invalid number \"abc\": expected a digit at character 1"},
    {"--1", "invalid number \"--1\": expected a digit at character 2"},
    {"1.2.3", "invalid number \"1.2.3\": unexpected '.' at character 4"},
    {"1e", "invalid number \"1e\": expected a digit at character 3"},
    {"1e+", "invalid number \"1e+\": expected a digit at character 4"},
    {"1 ", "invalid number \"1 \": unexpected ' ' at character 2"},
    {" 1", "invalid number \" 1\": expected a digit at character 1"},
    {"1/-2", "invalid number \"1/-2\": expected a digit at character 3"},
    {"1/+2", "invalid number \"1/+2\": expected a digit at character 3"},
    {"/2", "invalid number \"/2\": expected a digit at character 1"},
    {"1/2/3", "invalid number \"1/2/3\": unexpected '/' at character 4"},
    {"1.5/2", "invalid number \"1.5/2\": unexpected '/' at character 4"},
    {"1/2e3", "invalid number \"1/2e3\": unexpected 'e' at character 4"},
    {"1e999999", "invalid number \"1e999999\": exponent out of range at character 3"},
    {"12\n", "invalid number \"12?\": unexpected byte 0x0a at character 3"},
    {"123456789012345678901234567890123456789012345x",
     "invalid number \"1234567890123456789012345678901234567890...\": unexpected 'x' at character 46"},
};

START_TEST(test_parse_errors)
{
    for (size_t i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++) {
        mc_q q = MC_Q_INT(5);
        mc_error err;
        mc_error_clear(&err);
        ck_assert_int_eq(mc_q_parse(&q, error_cases[i].text, (size_t)-1, &err), MC_EINPUT);
        ck_assert_int_eq(err.code, MC_EINPUT);
        ck_assert_str_eq(err.msg, error_cases[i].msg);
        check_str(&q, "5"); /* unchanged on error */
    }
    mc_error err;
    ck_assert_int_eq(mc_q_parse(&(mc_q){.den = 1}, "1\0002", 3, &err), MC_EINPUT);
    ck_assert_str_eq(err.msg, "invalid number \"1?2\": unexpected byte 0x00 at character 2");
}
END_TEST

START_TEST(test_print)
{
    mc_q q = frac(-123, 456);
    char buf[64];
    ck_assert_uint_eq(mc_q_snprint(NULL, 0, &q), 7);
    check_str(&q, "-41/152");
    ck_assert_uint_eq(mc_q_snprint(buf, 4, &q), 7);
    ck_assert_str_eq(buf, "-41");
    ck_assert_uint_eq(mc_q_snprint(buf, 1, &q), 7);
    ck_assert_str_eq(buf, "");
    q = frac(-I64MAX, I64MAX - 1);
    check_str(&q, "-9223372036854775807/9223372036854775806");

    mc_q big = parsed("-123456789012345678901234567890/17");
    ck_assert(mc_q_is_big(&big));
    const char *want = "-123456789012345678901234567890/17";
    ck_assert_uint_eq(mc_q_snprint(NULL, 0, &big), strlen(want));
    ck_assert_uint_eq(mc_q_snprint(buf, 10, &big), strlen(want));
    ck_assert_str_eq(buf, "-12345678");
    ck_assert_uint_eq(mc_q_snprint(buf, sizeof buf, &big), strlen(want));
    ck_assert_str_eq(buf, want);
    char *dup = mc_q_strdup(&big);
    ck_assert_str_eq(dup, want);
    free(dup);
    dup = mc_q_strdup(&q);
    ck_assert_str_eq(dup, "-9223372036854775807/9223372036854775806");
    free(dup);

    char *mem = NULL;
    size_t memlen = 0;
    FILE *f = open_memstream(&mem, &memlen);
    ck_assert_ptr_nonnull(f);
    mc_q_fprint(f, &big);
    fputc(' ', f);
    mc_q_fprint(f, &q);
    fputc(' ', f);
    mc_q_fprint(f, &(mc_q){.den = 1, .num = 0});
    fclose(f);
    ck_assert_str_eq(mem, "-123456789012345678901234567890/17 -9223372036854775807/9223372036854775806 0");
    free(mem);
    mc_q_clear(&big);
    ck_assert(mc_q_is_zero(&big));
}
END_TEST

/* ---- the int64 boundary ------------------------------------------------------------ */

START_TEST(test_overflow_boundary)
{
    mc_q max = MC_Q_INT(I64MAX), one = MC_Q_INT(1), m1 = MC_Q_INT(-1), r = MC_Q_ZERO;
    uint64_t ops0 = mc_q_big_ops();
    mc_q_add(&r, &max, &one);
    check_str(&r, "9223372036854775808");
    ck_assert(mc_q_is_big(&r));
    ck_assert_uint_gt(mc_q_big_ops(), ops0);
    mc_q_add(&r, &r, &m1); /* back into range: demoted */
    check_str(&r, "9223372036854775807");
    ck_assert(!mc_q_is_big(&r));

    /* INT64_MIN is outside the small form in every way it can arise. */
    mc_q negmax = MC_Q_INT(-I64MAX);
    mc_q_add(&r, &negmax, &m1);
    check_str(&r, "-9223372036854775808");
    ck_assert(mc_q_is_big(&r));
    mc_q p = parsed("-9223372036854775808");
    ck_assert(mc_q_is_big(&p));
    ck_assert(mc_q_eq(&p, &r));
    ck_assert_uint_eq(mc_q_hash(&p), mc_q_hash(&r));
    mc_q_sub(&r, &negmax, &one);
    ck_assert(mc_q_eq(&p, &r));
    mc_q_set_i64(&r, INT64_MIN);
    ck_assert(mc_q_eq(&p, &r));
    mc_q_neg(&r, &r);
    check_str(&r, "9223372036854775808");
    mc_q_add(&r, &p, &one);
    check_str(&r, "-9223372036854775807");
    ck_assert(!mc_q_is_big(&r));
    mc_q_clear(&p);
    r = frac(INT64_MIN, 2);
    check_str(&r, "-4611686018427387904");
    r = frac(INT64_MIN, INT64_MIN);
    check_str(&r, "1");
    mc_q_set_frac(&r, 1, INT64_MIN);
    check_str(&r, "-1/9223372036854775808");
    mc_q_set_frac(&r, INT64_MIN, -1);
    check_str(&r, "9223372036854775808");
    mc_q_set_frac(&r, 6, INT64_MIN); /* reduces into range */
    check_str(&r, "-3/4611686018427387904");
    ck_assert(!mc_q_is_big(&r));
    mc_q zero = MC_Q_ZERO;
    mc_q_sub(&r, &zero, &negmax);
    check_str(&r, "9223372036854775807");

    /* Products near 2^63. */
    mc_q a = MC_Q_INT(3037000499), b = MC_Q_INT(3037000500);
    mc_q_mul(&r, &a, &a);
    check_str(&r, "9223372030926249001");
    mc_q_mul(&r, &b, &b);
    check_str(&r, "9223372037000250000");
    ck_assert(mc_q_is_big(&r));
    a = MC_Q_INT(INT64_C(1) << 31), b = MC_Q_INT(-(INT64_C(1) << 32));
    mc_q_mul(&r, &a, &b); /* exactly INT64_MIN */
    check_str(&r, "-9223372036854775808");
    ck_assert(mc_q_is_big(&r));

    /* (2^62 * 2^62) / 2^62 goes through GMP and comes back small. */
    mc_q t = MC_Q_INT(INT64_C(1) << 62);
    mc_q_mul(&r, &t, &t);
    check_str(&r, "21267647932558653966460912964485513216");
    ck_assert(mc_q_is_big(&r));
    ck_assert_int_eq(mc_q_div(&r, &r, &t), MC_OK);
    check_str(&r, "4611686018427387904");
    ck_assert(!mc_q_is_big(&r));

    /* cmp where the cross products need 126 bits. */
    mc_q x = frac(I64MAX - 1, I64MAX), y = frac(I64MAX - 2, I64MAX - 1);
    ck_assert_int_gt(mc_q_cmp(&x, &y), 0);
    ck_assert_int_lt(mc_q_cmp(&y, &x), 0);
    x = frac(I64MAX, I64MAX - 1), y = frac(I64MAX - 1, I64MAX - 2);
    ck_assert_int_lt(mc_q_cmp(&x, &y), 0);
    x = frac(-I64MAX, 3), y = frac(-I64MAX + 1, 3);
    ck_assert_int_lt(mc_q_cmp(&x, &y), 0);

    /* Sums whose cross products overflow int64. */
    x = frac(I64MAX - 1, I64MAX), y = frac(1, I64MAX);
    mc_q_add(&r, &x, &y);
    check_str(&r, "1");
    x = frac(1, I64MAX), y = frac(1, I64MAX - 1);
    mc_q_add(&r, &x, &y);
    check_str(&r, "18446744073709551613/85070591730234615838173535747377725442");
    mc_q_sub(&r, &r, &y);
    check_str(&r, "1/9223372036854775807");
    ck_assert(!mc_q_is_big(&r));
    x = frac(1, INT64_C(3) << 61), y = frac(1, INT64_C(3) << 61);
    mc_q_add(&r, &x, &y); /* shared denominator: Knuth's gcd step */
    check_str(&r, "1/3458764513820540928");

    /* addmul overflow in the product, in the sum, and a product of exactly
     * INT64_MIN whose sum fits. */
    r = MC_Q_INT(I64MAX), a = MC_Q_INT(2), b = MC_Q_INT(3);
    mc_q_addmul(&r, &a, &b);
    check_str(&r, "9223372036854775813");
    a = MC_Q_INT(-2);
    mc_q_addmul(&r, &a, &b);
    check_str(&r, "9223372036854775807");
    ck_assert(!mc_q_is_big(&r));
    r = MC_Q_INT(5), a = MC_Q_INT(INT64_C(1) << 32), b = MC_Q_INT(INT64_C(1) << 31);
    mc_q_addmul(&r, &a, &b);
    check_str(&r, "9223372036854775813");
    mc_q_clear(&r);
    r = MC_Q_INT(10), a = MC_Q_INT(-(INT64_C(1) << 32));
    mc_q_addmul(&r, &a, &b);
    check_str(&r, "-9223372036854775798");
    mc_q s = MC_Q_INT(-(INT64_C(1) << 62)), s2 = MC_Q_INT(-(INT64_C(1) << 62));
    a = MC_Q_INT(INT64_C(1) << 31), b = MC_Q_INT(-(INT64_C(1) << 31));
    mc_q_addmul(&s, &a, &b); /* sum is exactly INT64_MIN */
    check_str(&s, "-9223372036854775808");
    ck_assert(mc_q_is_big(&s));
    mc_q_add(&s2, &s2, &s2);
    ck_assert(mc_q_eq(&s, &s2));
    mc_q_clear(&s);
    mc_q_clear(&s2);
    a = MC_Q_INT(-(INT64_C(1) << 32)), b = MC_Q_INT(INT64_C(1) << 31);
    r = MC_Q_INT(-10);
    mc_q_addmul(&r, &a, &b);
    check_str(&r, "-9223372036854775818");
    mc_q_addmul(&r, &r, &r); /* r + r^2, all aliased, all big */
    check_str(&r, "85070591730234616041087720558182793306");
    mc_q_clear(&r);
    r = frac(1, 3), a = frac(I64MAX, 2), b = frac(5, 7);
    mc_q_addmul(&r, &a, &b);
    check_str(&r, "19764368650403091017/6");
    mc_q_clear(&r);

    /* Assignment between small and big destinations. */
    mc_q big1 = parsed("1e30"), big2 = parsed("-2e40");
    mc_q_set(&big1, &big2);
    ck_assert(mc_q_eq(&big1, &big2));
    mc_q_set(&big1, &one);
    check_str(&big1, "1");
    mc_q_set(&big1, &big2);
    mc_q_set(&big1, &big1);
    check_str(&big1, "-20000000000000000000000000000000000000000");
    mc_q_clear(&big1);
    mc_q_clear(&big2);
    ck_assert(mc_q_is_zero(&big2));
}
END_TEST

START_TEST(test_parse_long_digits)
{
    /* 1000-digit numerator and denominator sharing a factor of 3. */
    char text[2100];
    size_t n = 0;
    for (int i = 0; i < 1000; i++)
        text[n++] = (char)('0' + (i * 7 + 3) % 10);
    text[n++] = '/';
    text[n++] = '3';
    for (int i = 0; i < 999; i++)
        text[n++] = '0';
    text[n] = '\0';
    mpq_t want;
    mpq_init(want);
    ck_assert_int_eq(mpq_set_str(want, text, 10), 0);
    mpq_canonicalize(want);
    mc_q q = MC_Q_ZERO;
    ck_assert_int_eq(mc_q_parse(&q, text, (size_t)-1, NULL), MC_OK);
    check_value(&q, want);
    mc_q_clear(&q);
    mpq_clear(want);
}
END_TEST


Suite *mc_suite_num(void)
{
    Suite *s = suite_create("num");
    TCase *tc = tcase_create("values");
    tcase_add_test(tc, test_hand_arithmetic);
    tcase_add_test(tc, test_get_d);
    tcase_add_test(tc, test_hash_spread);
    tcase_add_test(tc, test_parse_values);
    tcase_add_test(tc, test_parse_errors);
    tcase_add_test(tc, test_print);
    tcase_add_test(tc, test_overflow_boundary);
    tcase_add_test(tc, test_parse_long_digits);
    suite_add_tcase(s, tc);
    return s;
}

/* Parsing and printing of exact rationals.  Parsing sits on the .efg
 * reader's hot path, so short integers and short decimals are converted in
 * machine words; GMP is used only for digit strings that do not fit. */
#include <stdlib.h>
#include <string.h>

#include "num/rat_internal.h"

/* ---- errors ------------------------------------------------------------------ */

#define QUOTE_MAX 40

/* MC_EINPUT naming the (possibly shortened) text and the 1-based position. */
static mc_status parse_error(mc_error *err, const char *s, size_t len, size_t at, const char *what)
{
    char quoted[QUOTE_MAX + 4];
    size_t n = len < QUOTE_MAX ? len : QUOTE_MAX;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        quoted[i] = c >= 0x20 && c < 0x7f ? (char)c : '?'; /* keep the message one line */
    }
    strcpy(quoted + n, len > n ? "..." : "");
    return mc_error_set(err, MC_EINPUT, "invalid number \"%s\": %s at character %zu", quoted, what, at + 1);
}

static mc_status unexpected(mc_error *err, const char *s, size_t len, size_t at)
{
    char what[40];
    unsigned char c = (unsigned char)s[at];
    if (c >= 0x20 && c < 0x7f)
        snprintf(what, sizeof what, "unexpected '%c'", c);
    else
        snprintf(what, sizeof what, "unexpected byte 0x%02x", c);
    return parse_error(err, s, len, at, what);
}

/* ---- digit strings ------------------------------------------------------------- */

static inline bool is_digit(char c)
{
    return (unsigned)(c - '0') <= 9;
}

static size_t skip_digits(const char *s, size_t i, size_t len)
{
    while (i < len && is_digit(s[i]))
        i++;
    return i;
}

static size_t skip_zeros(const char *s, size_t i, size_t end)
{
    while (i < end && s[i] == '0')
        i++;
    return i;
}

/* At most 19 digits: always below 2^64. */
static uint64_t digits_u64(const char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (uint64_t)(p[i] - '0');
    return v;
}

/* z := the decimal digits of the up to two pieces a[0..na) b[0..nb). */
static void digits_mpz(mpz_ptr z, const char *a, size_t na, const char *b, size_t nb)
{
    char stackbuf[256];
    char *buf = na + nb < sizeof stackbuf ? stackbuf : malloc(na + nb + 1);
    if (!buf) {
        fputs("mechcheck: out of memory parsing a number\n", stderr);
        abort();
    }
    memcpy(buf, a, na);
    memcpy(buf + na, b, nb);
    buf[na + nb] = '\0';
    if (na + nb == 0)
        mpz_set_ui(z, 0);
    else
        mpz_set_str(z, buf, 10);
    if (buf != stackbuf)
        free(buf);
}

/* r := +-num_digits / den_digits (den nonzero, leading zeros stripped). */
static void set_digit_fraction(mc_q *r, bool neg, const char *n, size_t nn, const char *d, size_t nd)
{
    if (nn <= 19 && nd <= 19) {
        mc_q_set_frac128_(r, neg, digits_u64(n, nn), digits_u64(d, nd));
        return;
    }
    mc_q_big_count_++;
    mpq_t q;
    mpq_init(q);
    digits_mpz(mpq_numref(q), n, nn, "", 0);
    digits_mpz(mpq_denref(q), d, nd, "", 0);
    mpq_canonicalize(q);
    if (neg)
        mpq_neg(q, q);
    mc_q_set_mpq_(r, q);
    mpq_clear(q);
}

/* r := +-(digits a then b) * 10^scale; a has its leading zeros stripped
 * (b may still start with zeros when a is empty). */
static void set_decimal(mc_q *r, bool neg, const char *a, size_t na, const char *b, size_t nb, long scale)
{
    if (na == 0) {
        size_t z = skip_zeros(b, 0, nb);
        b += z;
        nb -= z;
    }
    if (na + nb == 0) {
        mc_q_set_small_(r, 0, 1);
        return;
    }
    if (na + nb <= 19 && scale >= -38 && scale <= 38) {
        mc_u128 m = digits_u64(a, na);
        for (size_t i = 0; i < nb; i++)
            m = m * 10 + (mc_u128)(b[i] - '0');
        mc_u128 pow = 1;
        for (long k = scale < 0 ? -scale : scale; k > 0; k--)
            pow *= 10; /* 10^38 < 2^127 */
        if (scale < 0) {
            mc_q_set_frac128_(r, neg, m, pow);
            return;
        }
        mc_u128 v;
        if (!__builtin_mul_overflow(m, pow, &v)) {
            mc_q_set_reduced128_(r, neg, v, 1);
            return;
        }
    }
    mc_q_big_count_++;
    mpq_t q;
    mpz_t p;
    mpq_init(q);
    mpz_init(p);
    digits_mpz(mpq_numref(q), a, na, b, nb);
    mpz_ui_pow_ui(p, 10, (unsigned long)(scale < 0 ? -scale : scale));
    if (scale >= 0) {
        mpz_mul(mpq_numref(q), mpq_numref(q), p);
    } else {
        mpz_swap(mpq_denref(q), p);
        mpq_canonicalize(q);
    }
    if (neg)
        mpq_neg(q, q);
    mc_q_set_mpq_(r, q);
    mpz_clear(p);
    mpq_clear(q);
}

/* ---- parsing ---------------------------------------------------------------------- */

/* Grammar: [+-] ( digits '/' digits | mantissa [ (e|E) [+-] digits ] ),
 * mantissa = digits | digits '.' digits? | '.' digits.  r is unchanged on
 * error. */
static mc_status parse_general(mc_q *r, const char *s, size_t len, size_t i, bool neg, mc_error *err)
{
    size_t int0 = i;
    size_t int1 = i = skip_digits(s, i, len);
    if (i < len && s[i] == '/') {
        if (int1 == int0)
            return parse_error(err, s, len, i, "expected a digit");
        size_t den0 = ++i;
        size_t den1 = i = skip_digits(s, i, len);
        if (den1 == den0)
            return parse_error(err, s, len, i, "expected a digit");
        if (i < len)
            return unexpected(err, s, len, i);
        size_t dsig = skip_zeros(s, den0, den1);
        if (dsig == den1)
            return parse_error(err, s, len, den0, "zero denominator");
        size_t nsig = skip_zeros(s, int0, int1);
        set_digit_fraction(r, neg, s + nsig, int1 - nsig, s + dsig, den1 - dsig);
        return MC_OK;
    }
    size_t frac0 = i, frac1 = i;
    if (i < len && s[i] == '.') {
        frac0 = ++i;
        frac1 = i = skip_digits(s, i, len);
    }
    if (int1 == int0 && frac1 == frac0)
        return parse_error(err, s, len, i, "expected a digit");
    long exp = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        bool exp_neg = false;
        if (++i < len && (s[i] == '+' || s[i] == '-'))
            exp_neg = s[i++] == '-';
        size_t exp0 = i;
        for (; i < len && is_digit(s[i]); i++)
            if (exp <= MC_Q_PARSE_MAX_EXP)
                exp = exp * 10 + (s[i] - '0');
        if (i == exp0)
            return parse_error(err, s, len, i, "expected a digit");
        if (exp > MC_Q_PARSE_MAX_EXP)
            return parse_error(err, s, len, exp0, "exponent out of range");
        if (exp_neg)
            exp = -exp;
    }
    if (i < len)
        return unexpected(err, s, len, i);
    size_t sig = skip_zeros(s, int0, int1);
    set_decimal(r, neg, s + sig, int1 - sig, s + frac0, frac1 - frac0, exp - (long)(frac1 - frac0));
    return MC_OK;
}

mc_status mc_q_parse(mc_q *r, const char *s, size_t len, mc_error *err)
{
    if (len == (size_t)-1)
        len = strlen(s);
    size_t i = 0;
    bool neg = false;
    if (len > 0 && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        i = 1;
    }
    /* Fast path: up to 18 digits always fit the small form. */
    if (len > i && len - i <= 18) {
        uint64_t m = 0;
        size_t j = i;
        for (; j < len; j++) {
            unsigned d = (unsigned)(s[j] - '0');
            if (d > 9)
                break;
            m = m * 10 + d;
        }
        if (j == len) {
            mc_q_set_small_(r, neg ? -(int64_t)m : (int64_t)m, 1);
            return MC_OK;
        }
    }
    return parse_general(r, s, len, i, neg, err);
}

/* ---- printing ----------------------------------------------------------------------- */

/* Writes v's digits to out (>= 20 bytes); returns how many. */
static size_t format_u64(char *out, uint64_t v)
{
    char rev[20];
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    return n;
}

#define SMALL_TEXT_MAX 42 /* "-" 19 digits "/" 19 digits NUL */

static size_t format_small(char *out, const mc_q *a)
{
    size_t n = 0;
    uint64_t m = (uint64_t)a->num;
    if (a->num < 0) {
        out[n++] = '-';
        m = -(uint64_t)a->num;
    }
    n += format_u64(out + n, m);
    if (a->den != 1) {
        out[n++] = '/';
        n += format_u64(out + n, (uint64_t)a->den);
    }
    out[n] = '\0';
    return n;
}

static size_t big_text_bound(mpq_srcptr q)
{
    return mpz_sizeinbase(mpq_numref(q), 10) + mpz_sizeinbase(mpq_denref(q), 10) + 3;
}

size_t mc_q_snprint(char *buf, size_t cap, const mc_q *a)
{
    char small[SMALL_TEXT_MAX];
    char *text = small;
    size_t bound = 0;
    if (a->den == 0) {
        bound = big_text_bound(a->big);
        text = cap >= bound ? buf : malloc(bound);
        if (!text) {
            fputs("mechcheck: out of memory printing a number\n", stderr);
            abort();
        }
        mpq_get_str(text, 10, a->big);
    } else if (cap >= SMALL_TEXT_MAX) {
        return format_small(buf, a);
    } else {
        format_small(small, a);
    }
    size_t n = strlen(text);
    if (text != buf && cap > 0) {
        size_t k = n < cap - 1 ? n : cap - 1;
        memcpy(buf, text, k);
        buf[k] = '\0';
    }
    if (text != buf && text != small)
        free(text);
    return n;
}

char *mc_q_strdup(const mc_q *a)
{
    size_t bound = a->den == 0 ? big_text_bound(a->big) : SMALL_TEXT_MAX;
    char *text = malloc(bound);
    if (!text)
        return NULL;
    if (a->den == 0)
        mpq_get_str(text, 10, a->big);
    else
        format_small(text, a);
    return text;
}

void mc_q_fprint(FILE *f, const mc_q *a)
{
    if (a->den == 0) {
        mpq_out_str(f, 10, a->big);
    } else {
        char text[SMALL_TEXT_MAX];
        fwrite(text, 1, format_small(text, a), f);
    }
}

/* Instance families: parsing "k=a..b,..." specs, exhaustive enumeration and
 * seeded sampling (see search.h for the grammar). */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/search.h"

typedef enum { PIECE_RANGE, PIECE_LIST, PIECE_VALUE } piece_kind;

typedef struct {
    piece_kind kind;
    mc_q lo, step;     /* RANGE, and the element range of LIST */
    uint64_t count;    /* values of the range */
    int64_t len;       /* LIST: a fixed length, or -1 */
    char *len_key;     /* LIST: the key giving the length */
    json_t *value;     /* VALUE */
} piece;

typedef struct {
    char *key;
    char *text;        /* the item as given */
    piece *pieces;
    size_t npieces;
} dim;

struct mc_family {
    mc_instance base;
    dim *dims;
    size_t ndims;
    char *spec;
};

static void piece_free(piece *p)
{
    mc_q_clear(&p->lo);
    mc_q_clear(&p->step);
    free(p->len_key);
    json_decref(p->value);
}

static void dim_free(dim *d)
{
    for (size_t i = 0; i < d->npieces; i++)
        piece_free(&d->pieces[i]);
    free(d->pieces);
    free(d->key);
    free(d->text);
}

mc_status mc_family_new(mc_family **out, const mc_instance *base, mc_error *err)
{
    mc_family *f = calloc(1, sizeof *f);
    if (!f)
        return mc_error_set(err, MC_ENOMEM, "family: out of memory");
    mc_status st = base ? mc_instance_copy(&f->base, base, err)
                        : mc_instance_init(&f->base, "search", err);
    if (st != MC_OK) {
        free(f);
        return st;
    }
    *out = f;
    return MC_OK;
}

void mc_family_free(mc_family *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->ndims; i++)
        dim_free(&f->dims[i]);
    free(f->dims);
    free(f->spec);
    mc_instance_free(&f->base);
    free(f);
}

size_t mc_family_nkeys(const mc_family *f)
{
    return f->ndims;
}

const char *mc_family_key(const mc_family *f, size_t i)
{
    return i < f->ndims ? f->dims[i].key : NULL;
}

const char *mc_family_spec(const mc_family *f)
{
    return f->spec ? f->spec : "";
}

/* ---- parsing ------------------------------------------------------------------------------ */

static bool key_char(char c, bool first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (!first && ((c >= '0' && c <= '9') || c == '-'));
}

/* Length of a key at s followed by '=', or 0. */
static size_t key_then_eq(const char *s)
{
    size_t n = 0;
    while (s[n] == ' ')
        n++;
    size_t start = n;
    if (!key_char(s[n], true))
        return 0;
    while (key_char(s[n], false))
        n++;
    return s[n] == '=' && n > start ? n : 0;
}

static char *trimmed(const char *s, size_t n)
{
    while (n && *s == ' ') {
        s++;
        n--;
    }
    while (n && s[n - 1] == ' ')
        n--;
    char *t = malloc(n + 1);
    if (t) {
        memcpy(t, s, n);
        t[n] = '\0';
    }
    return t;
}

/* A range "A..B[:S]" in text[0..n). */
static mc_status parse_range(const char *item, const char *text, size_t n, piece *p, mc_error *err)
{
    char *t = trimmed(text, n);
    if (!t)
        return mc_error_set(err, MC_ENOMEM, "family: out of memory");
    mc_status st = MC_OK;
    char *dots = strstr(t, "..");
    char *colon = dots ? strchr(dots + 2, ':') : NULL;
    mc_q hi = MC_Q_ZERO, span = MC_Q_ZERO;
    mc_q_set_i64(&p->step, 1);
    if (!dots) {
        st = mc_error_set(err, MC_EINPUT, "family '%s': '%s' is not a range A..B", item, t);
    } else {
        *dots = '\0';
        if (colon)
            *colon = '\0';
        const char *bad = NULL;
        if (mc_q_parse(&p->lo, t, (size_t)-1, NULL) != MC_OK)
            bad = t;
        else if (mc_q_parse(&hi, dots + 2, (size_t)-1, NULL) != MC_OK)
            bad = dots + 2;
        else if (colon && mc_q_parse(&p->step, colon + 1, (size_t)-1, NULL) != MC_OK)
            bad = colon + 1;
        if (bad)
            st = mc_error_set(err, MC_EINPUT, "family '%s': '%s' is not an exact number", item, bad);
    }
    if (st == MC_OK && mc_q_sgn(&p->step) <= 0)
        st = mc_error_set(err, MC_EINPUT, "family '%s': the step must be positive", item);
    if (st == MC_OK && mc_q_cmp(&hi, &p->lo) < 0)
        st = mc_error_set(err, MC_EINPUT, "family '%s': the range is empty (B < A)", item);
    if (st == MC_OK) {
        /* count = floor((hi - lo) / step) + 1 */
        mc_q_sub(&span, &hi, &p->lo);
        mc_q_div(&span, &span, &p->step);
        mpq_t q;
        mpz_t fl;
        mpq_init(q);
        mpz_init(fl);
        mc_q_get_mpq(q, &span);
        mpz_fdiv_q(fl, mpq_numref(q), mpq_denref(q));
        if (mpz_cmp_ui(fl, 1000000000000ul) >= 0)
            st = mc_error_set(err, MC_EINPUT, "family '%s': too many values (at most 10^12)", item);
        else
            p->count = (uint64_t)mpz_get_ui(fl) + 1;
        mpq_clear(q);
        mpz_clear(fl);
    }
    mc_q_clear(&hi);
    mc_q_clear(&span);
    free(t);
    return st;
}

static mc_status parse_alt(const char *item, const char *text, size_t n, piece *p, mc_error *err)
{
    memset(p, 0, sizeof *p);
    p->lo = MC_Q_ZERO;
    p->step = MC_Q_ZERO;
    p->len = -1;
    char *t = trimmed(text, n);
    if (!t)
        return mc_error_set(err, MC_ENOMEM, "family: out of memory");
    mc_status st = MC_OK;
    if (t[0] == '[') {
        char *close = strchr(t, ']');
        p->kind = PIECE_LIST;
        if (!close || close[1] != '*' || !close[2]) {
            st = mc_error_set(err, MC_EINPUT,
                              "family '%s': a list sweep is written [A..B]*LEN, got '%s'", item, t);
        } else {
            st = parse_range(item, t + 1, (size_t)(close - t - 1), p, err);
            const char *len = close + 2;
            char *end;
            long long k = strtoll(len, &end, 10);
            if (st != MC_OK) {
            } else if (*end == '\0' && end != len) {
                if (k < 1 || k > 64)
                    st = mc_error_set(err, MC_EINPUT, "family '%s': list length must be in 1..64",
                                      item);
                p->len = k;
            } else if (key_char(len[0], true)) {
                if (!(p->len_key = strdup(len)))
                    st = mc_error_set(err, MC_ENOMEM, "family: out of memory");
            } else {
                st = mc_error_set(err, MC_EINPUT,
                                  "family '%s': list length '%s' is neither an integer nor a key",
                                  item, len);
            }
        }
    } else if (strstr(t, "..")) {
        p->kind = PIECE_RANGE;
        st = parse_range(item, t, strlen(t), p, err);
    } else {
        /* a fixed value, read as --set reads it */
        p->kind = PIECE_VALUE;
        p->count = 1;
        mc_instance tmp;
        st = mc_instance_init(&tmp, "family", err);
        if (st == MC_OK) {
            size_t len = strlen(t);
            char *assign = malloc(len + 3);
            if (!assign) {
                st = mc_error_set(err, MC_ENOMEM, "family: out of memory");
            } else {
                memcpy(assign, "v=", 2);
                memcpy(assign + 2, t, len + 1);
                st = mc_instance_set(&tmp, assign, err);
                if (st == MC_OK)
                    p->value = json_incref(json_object_get(tmp.params, "v"));
                free(assign);
            }
            mc_instance_free(&tmp);
        }
    }
    free(t);
    return st;
}

static mc_status parse_item(const char *text, size_t n, dim *d, mc_error *err)
{
    memset(d, 0, sizeof *d);
    d->text = trimmed(text, n);
    if (!d->text)
        return mc_error_set(err, MC_ENOMEM, "family: out of memory");
    size_t klen = key_then_eq(d->text);
    if (!klen)
        return mc_error_set(err, MC_EINPUT, "family: '%s' is not KEY=VALUES", d->text);
    d->key = trimmed(d->text, klen);
    const char *vals = d->text + klen + 1;
    if (!d->key)
        return mc_error_set(err, MC_ENOMEM, "family: out of memory");
    if (!*vals)
        return mc_error_set(err, MC_EINPUT, "family '%s': no values", d->text);
    size_t nalts = 1;
    for (const char *c = vals; *c; c++)
        nalts += *c == '|';
    d->pieces = calloc(nalts, sizeof *d->pieces);
    if (!d->pieces)
        return mc_error_set(err, MC_ENOMEM, "family: out of memory");
    const char *p = vals;
    for (size_t i = 0; i < nalts; i++) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        mc_status st = parse_alt(d->text, p, len, &d->pieces[i], err);
        d->npieces = i + 1;
        if (st != MC_OK)
            return st;
        p = bar ? bar + 1 : p + len;
    }
    return MC_OK;
}

static mc_status append_spec(mc_family *f, const char *text)
{
    size_t old = f->spec ? strlen(f->spec) : 0;
    char *s = realloc(f->spec, old + strlen(text) + 2);
    if (!s)
        return MC_ENOMEM;
    if (old)
        s[old++] = ',';
    strcpy(s + old, text);
    f->spec = s;
    return MC_OK;
}

mc_status mc_family_add(mc_family *f, const char *spec, mc_error *err)
{
    const char *p = spec;
    while (*p == ' ')
        p++;
    if (!*p)
        return mc_error_set(err, MC_EINPUT, "family: empty specification");
    while (*p) {
        /* the item ends at a ',' that starts another KEY= */
        const char *end = p;
        while (*end && !(*end == ',' && key_then_eq(end + 1)))
            end++;
        dim d;
        mc_status st = parse_item(p, (size_t)(end - p), &d, err);
        if (st != MC_OK) {
            dim_free(&d);
            return st;
        }
        size_t at = f->ndims;
        for (size_t i = 0; i < f->ndims; i++)
            if (strcmp(f->dims[i].key, d.key) == 0)
                at = i;
        if (at == f->ndims) {
            dim *nd = realloc(f->dims, (f->ndims + 1) * sizeof *nd);
            if (!nd) {
                dim_free(&d);
                return mc_error_set(err, MC_ENOMEM, "family: out of memory");
            }
            f->dims = nd;
            f->ndims++;
        } else {
            dim_free(&f->dims[at]);
        }
        f->dims[at] = d;
        if (append_spec(f, d.text) != MC_OK)
            return mc_error_set(err, MC_ENOMEM, "family: out of memory");
        p = *end ? end + 1 : end;
    }
    return MC_OK;
}

/* ---- values ---------------------------------------------------------------------------------- */

static uint64_t sat_mul(uint64_t a, uint64_t b)
{
    if (a && b > UINT64_MAX / a)
        return UINT64_MAX;
    return a * b;
}

static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static uint64_t piece_count(const piece *p, int64_t len)
{
    if (p->kind != PIECE_LIST)
        return p->count;
    uint64_t c = 1;
    for (int64_t i = 0; i < len; i++)
        c = sat_mul(c, p->count);
    return c;
}

uint64_t mc_family_size(const mc_family *f)
{
    uint64_t total = 1;
    for (size_t i = 0; i < f->ndims; i++) {
        uint64_t n = 0;
        for (size_t j = 0; j < f->dims[i].npieces; j++) {
            const piece *p = &f->dims[i].pieces[j];
            if (p->kind == PIECE_LIST && p->len < 0)
                return UINT64_MAX; /* depends on another key */
            n = sat_add(n, piece_count(p, p->len));
        }
        total = sat_mul(total, n);
    }
    return total;
}

/* lo + i*step as JSON: an integer when it is one, else "p/q". */
static json_t *range_value(const piece *p, uint64_t i)
{
    mc_q v = MC_Q_ZERO, k = MC_Q_ZERO;
    mc_q_set_i64(&k, (int64_t)i);
    mc_q_mul(&v, &k, &p->step);
    mc_q_add(&v, &v, &p->lo);
    json_t *out;
    if (mc_q_is_int(&v) && !mc_q_is_big(&v))
        out = json_integer(v.num);
    else
        out = mc_json_q(&v);
    mc_q_clear(&v);
    mc_q_clear(&k);
    return out;
}

static mc_status list_length(const piece *p, const mc_instance *in, const char *key,
                             int64_t *len, mc_error *err)
{
    if (p->len >= 0) {
        *len = p->len;
        return MC_OK;
    }
    const json_t *v = json_object_get(in->params, p->len_key);
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 64)
        return mc_error_set(err, MC_EINPUT,
                            "family: the length '%s' of list '%s' must be an integer in 0..64 set "
                            "by an earlier key or a fixed parameter",
                            p->len_key, key);
    *len = (int64_t)json_integer_value(v);
    return MC_OK;
}

/* ---- enumeration ------------------------------------------------------------------------------ */

typedef struct {
    const mc_family *f;
    mc_instance in;
    bool (*visit)(void *arg, const mc_instance *in, mc_error *err);
    void *arg;
    bool stop;
    mc_error *err;
} walker;

static mc_status walk(walker *w, size_t d);

static mc_status with_value(walker *w, size_t d, json_t *v)
{
    if (!v || json_object_set_new(w->in.params, w->f->dims[d].key, v) != 0)
        return mc_error_set(w->err, MC_ENOMEM, "family: out of memory");
    return walk(w, d + 1);
}

static mc_status walk_list(walker *w, size_t d, const piece *p)
{
    int64_t len = 0;
    mc_status st = list_length(p, &w->in, w->f->dims[d].key, &len, w->err);
    if (st != MC_OK)
        return st;
    uint64_t digit[64] = {0};
    for (;;) {
        json_t *arr = json_array();
        for (int64_t i = 0; arr && i < len; i++)
            if (json_array_append_new(arr, range_value(p, digit[i])) != 0) {
                json_decref(arr);
                arr = NULL;
            }
        st = with_value(w, d, arr);
        if (st != MC_OK || w->stop)
            return st;
        int64_t i = len - 1; /* odometer, last element fastest */
        while (i >= 0 && ++digit[i] == p->count)
            digit[i--] = 0;
        if (i < 0)
            return MC_OK;
    }
}

static mc_status walk(walker *w, size_t d)
{
    if (d == w->f->ndims) {
        if (!w->visit(w->arg, &w->in, w->err))
            w->stop = true;
        return w->err && w->err->code != MC_OK ? w->err->code : MC_OK;
    }
    const dim *dm = &w->f->dims[d];
    for (size_t j = 0; j < dm->npieces && !w->stop; j++) {
        const piece *p = &dm->pieces[j];
        mc_status st = MC_OK;
        if (p->kind == PIECE_VALUE)
            st = with_value(w, d, json_deep_copy(p->value));
        else if (p->kind == PIECE_RANGE)
            for (uint64_t i = 0; i < p->count && !w->stop && st == MC_OK; i++)
                st = with_value(w, d, range_value(p, i));
        else
            st = walk_list(w, d, p);
        if (st != MC_OK)
            return st;
    }
    return MC_OK;
}

mc_status mc_family_foreach(const mc_family *f,
                            bool (*visit)(void *arg, const mc_instance *in, mc_error *err),
                            void *arg, mc_error *err)
{
    mc_error local;
    if (!err)
        err = &local;
    mc_error_clear(err);
    walker w = {.f = f, .visit = visit, .arg = arg, .err = err};
    mc_status st = mc_instance_copy(&w.in, &f->base, err);
    if (st != MC_OK)
        return st;
    free(w.in.origin);
    w.in.origin = strdup("search");
    st = w.in.origin ? walk(&w, 0) : mc_error_set(err, MC_ENOMEM, "family: out of memory");
    mc_instance_free(&w.in);
    return st;
}

/* ---- sampling -------------------------------------------------------------------------------- */

void mc_rng_seed(mc_rng *r, uint64_t seed)
{
    r->state = seed;
}

uint64_t mc_rng_next(mc_rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t mc_rng_below(mc_rng *r, uint64_t n)
{
    /* rejection sampling: unbiased and the same on every platform */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = mc_rng_next(r);
    while (x >= limit);
    return x % n;
}

mc_status mc_family_sample(const mc_family *f, mc_rng *rng, mc_instance *in, mc_error *err)
{
    mc_status st = mc_instance_copy(in, &f->base, err);
    if (st != MC_OK)
        return st;
    free(in->origin);
    if (!(in->origin = strdup("search")))
        st = mc_error_set(err, MC_ENOMEM, "family: out of memory");
    for (size_t d = 0; d < f->ndims && st == MC_OK; d++) {
        const dim *dm = &f->dims[d];
        /* pick a piece in proportion to its size, then a value in it */
        uint64_t total = 0, w[64];
        int64_t lens[64];
        size_t np = dm->npieces < 64 ? dm->npieces : 64;
        for (size_t j = 0; j < np && st == MC_OK; j++) {
            lens[j] = 0;
            if (dm->pieces[j].kind == PIECE_LIST)
                st = list_length(&dm->pieces[j], in, dm->key, &lens[j], err);
            w[j] = piece_count(&dm->pieces[j], lens[j]);
            if (w[j] > (UINT64_MAX >> 8))
                w[j] = UINT64_MAX >> 8; /* keeps the sum exact */
            total += w[j];
        }
        if (st != MC_OK)
            break;
        uint64_t x = mc_rng_below(rng, total ? total : 1);
        size_t j = 0;
        while (j + 1 < np && x >= w[j])
            x -= w[j++];
        const piece *p = &dm->pieces[j];
        json_t *v = NULL;
        if (p->kind == PIECE_VALUE) {
            v = json_deep_copy(p->value);
        } else if (p->kind == PIECE_RANGE) {
            v = range_value(p, mc_rng_below(rng, p->count));
        } else {
            v = json_array();
            for (int64_t i = 0; v && i < lens[j]; i++)
                if (json_array_append_new(v, range_value(p, mc_rng_below(rng, p->count))) != 0) {
                    json_decref(v);
                    v = NULL;
                }
        }
        if (!v || json_object_set_new(in->params, dm->key, v) != 0)
            st = mc_error_set(err, MC_ENOMEM, "family: out of memory");
    }
    if (st != MC_OK)
        mc_instance_free(in);
    return st;
}

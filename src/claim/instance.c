/* Instances: a JSON object of exact parameters, read from a file or built
 * from "--set key=value" words, with typed access whose errors name the
 * parameter and the constraint. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/claim.h"

mc_status mc_instance_init(mc_instance *in, const char *origin, mc_error *err)
{
    in->params = json_object();
    in->origin = strdup(origin ? origin : "instance");
    in->mechanism = NULL;
    if (!in->params || !in->origin) {
        mc_instance_free(in);
        return mc_error_set(err, MC_ENOMEM, "instance: out of memory");
    }
    return MC_OK;
}

void mc_instance_free(mc_instance *in)
{
    json_decref(in->params);
    free(in->origin);
    free(in->mechanism);
    in->params = NULL;
    in->origin = NULL;
    in->mechanism = NULL;
}

mc_status mc_instance_copy(mc_instance *dst, const mc_instance *src, mc_error *err)
{
    dst->params = json_deep_copy(src->params);
    dst->origin = strdup(src->origin ? src->origin : "instance");
    dst->mechanism = src->mechanism ? strdup(src->mechanism) : NULL;
    if (!dst->params || !dst->origin || (src->mechanism && !dst->mechanism)) {
        mc_instance_free(dst);
        return mc_error_set(err, MC_ENOMEM, "instance: out of memory");
    }
    return MC_OK;
}

/* ---- exactness ------------------------------------------------------------------- */

/* The first JSON real inside v (depth first), or NULL; *key names where. */
static const json_t *find_real(const json_t *v, const char **key)
{
    if (json_is_real(v))
        return v;
    if (json_is_array(v)) {
        size_t i;
        const json_t *e;
        json_array_foreach (v, i, e) {
            const json_t *r = find_real(e, key);
            if (r)
                return r;
        }
    } else if (json_is_object(v)) {
        const char *k;
        const json_t *e;
        json_object_foreach ((json_t *)v, k, e) {
            const json_t *r = find_real(e, key);
            if (r) {
                if (!*key)
                    *key = k;
                return r;
            }
        }
    }
    return NULL;
}

static mc_status refuse_reals(const json_t *params, const char *origin, mc_error *err)
{
    const char *key = NULL;
    const json_t *r = find_real(params, &key);
    if (!r)
        return MC_OK;
    return mc_error_set(err, MC_EINPUT,
                        "instance %s: parameter '%s' holds the JSON real %.17g, which is not "
                        "exact; write it as a string (\"1/20\" or \"0.05\")",
                        origin, key ? key : "?", json_real_value(r));
}

/* ---- reading ----------------------------------------------------------------------- */

mc_status mc_instance_read(mc_instance *in, const char *path, mc_error *err)
{
    in->params = NULL;
    in->mechanism = NULL;
    in->origin = strdup(path);
    if (!in->origin)
        return mc_error_set(err, MC_ENOMEM, "instance: out of memory");
    json_error_t jerr;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!doc) {
        mc_status code = jerr.line < 1 && strstr(jerr.text, "unable to open") ? MC_EIO : MC_EINPUT;
        mc_error_set(err, code, "%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
        mc_instance_free(in);
        return code;
    }
    if (!json_is_object(doc)) {
        json_decref(doc);
        mc_instance_free(in);
        return mc_error_set(err, MC_EINPUT, "%s: an instance must be a JSON object", path);
    }
    json_t *params = json_object_get(doc, "params");
    json_t *mech = json_object_get(doc, "mechanism");
    mc_status st = MC_OK;
    if (params || mech) {
        /* the wrapped form: only these two members */
        const char *k;
        json_t *v;
        json_object_foreach (doc, k, v)
            if (strcmp(k, "params") != 0 && strcmp(k, "mechanism") != 0 && strcmp(k, "note") != 0)
                st = mc_error_set(err, MC_EINPUT,
                                  "%s: unexpected member '%s' (an instance file holds "
                                  "\"mechanism\", \"params\" and an optional \"note\")",
                                  path, k);
        if (st == MC_OK && !json_is_object(params))
            st = mc_error_set(err, MC_EINPUT, "%s: \"params\" must be a JSON object", path);
        if (st == MC_OK && mech && !json_is_string(mech))
            st = mc_error_set(err, MC_EINPUT, "%s: \"mechanism\" must be a string", path);
        if (st == MC_OK) {
            in->params = json_incref(params);
            if (mech && !(in->mechanism = strdup(json_string_value(mech))))
                st = mc_error_set(err, MC_ENOMEM, "instance: out of memory");
        }
        json_decref(doc);
    } else {
        in->params = doc;
    }
    if (st == MC_OK)
        st = refuse_reals(in->params, path, err);
    if (st != MC_OK)
        mc_instance_free(in);
    return st;
}

/* ---- --set ----------------------------------------------------------------------------- */

static bool is_key(const char *s, size_t n)
{
    if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
        return false;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* One scalar or JSON value: JSON when it parses and holds no real; a
 * top-level real stays the exact text it was written as. */
static json_t *parse_value(const char *text, size_t len, bool *has_real)
{
    json_error_t jerr;
    json_t *v = json_loadb(text, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
    *has_real = false;
    if (v) {
        const char *key = NULL;
        if (!find_real(v, &key))
            return v;
        bool top = json_is_real(v);
        json_decref(v);
        if (!top) {
            *has_real = true;
            return NULL;
        }
    }
    return json_stringn(text, len);
}

mc_status mc_instance_set(mc_instance *in, const char *assignment, mc_error *err)
{
    const char *eq = strchr(assignment, '=');
    if (!eq || !is_key(assignment, (size_t)(eq - assignment)))
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: '%s' is not key=value (a key is a letter followed by "
                            "letters, digits, '_' or '-')",
                            in->origin, assignment);
    size_t klen = (size_t)(eq - assignment);
    const char *val = eq + 1;
    size_t vlen = strlen(val);
    if (vlen == 0)
        return mc_error_set(err, MC_EINPUT, "instance %s: parameter '%.*s' has no value",
                            in->origin, (int)klen, assignment);
    bool has_real;
    json_t *v = NULL;
    bool bracketed = val[0] == '[' || val[0] == '{' || val[0] == '"';
    if (bracketed || !strchr(val, ',')) {
        v = parse_value(val, vlen, &has_real);
    } else {
        v = json_array();
        const char *p = val;
        while (v) {
            const char *comma = strchr(p, ',');
            size_t n = comma ? (size_t)(comma - p) : strlen(p);
            if (n == 0) {
                json_decref(v);
                return mc_error_set(err, MC_EINPUT,
                                    "instance %s: parameter '%.*s': empty element in list '%s'",
                                    in->origin, (int)klen, assignment, val);
            }
            json_t *e = parse_value(p, n, &has_real);
            if (!e || json_array_append_new(v, e) != 0) {
                json_decref(v);
                v = NULL;
                break;
            }
            if (!comma)
                break;
            p = comma + 1;
        }
    }
    if (!v && has_real)
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter '%.*s' holds a JSON real; write exact "
                            "numbers as strings or fractions (\"1/20\")",
                            in->origin, (int)klen, assignment);
    if (!v)
        return mc_error_set(err, MC_ENOMEM, "instance: out of memory");
    char key[128];
    if (klen >= sizeof key) {
        json_decref(v);
        return mc_error_set(err, MC_EINPUT, "instance %s: parameter name too long", in->origin);
    }
    memcpy(key, assignment, klen);
    key[klen] = '\0';
    if (json_object_set_new(in->params, key, v) != 0)
        return mc_error_set(err, MC_ENOMEM, "instance: out of memory");
    return MC_OK;
}

/* ---- rendering -------------------------------------------------------------------------- */

/* Appends text to a growing buffer; false on OOM. */
typedef struct {
    char *s;
    size_t len, cap;
    bool oom;
} strbuf;

static void sb_add(strbuf *b, const char *t, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, t, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_str(strbuf *b, const char *t)
{
    sb_add(b, t, strlen(t));
}

static bool plain_scalar_text(const char *s)
{
    if (!*s)
        return false;
    for (const char *c = s; *c; c++)
        if (*c == ',' || *c == '"' || *c == '[' || *c == '{')
            return false;
    /* a string that would parse as a JSON number, true, false or null on
     * the way back must keep its quotes */
    json_error_t jerr;
    json_t *v = json_loads(s, JSON_DECODE_ANY, &jerr);
    bool ambiguous = v && !json_is_real(v);
    json_decref(v);
    return !ambiguous;
}

/* The value as --set would read it back. */
static void value_text(strbuf *b, const json_t *v)
{
    char num[32];
    switch (json_typeof(v)) {
    case JSON_INTEGER:
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        sb_str(b, num);
        return;
    case JSON_STRING:
        if (plain_scalar_text(json_string_value(v))) {
            sb_str(b, json_string_value(v));
            return;
        }
        break;
    case JSON_ARRAY: {
        bool simple = json_array_size(v) > 1;
        size_t i;
        const json_t *e;
        json_array_foreach (v, i, e)
            if (!json_is_integer(e) && !(json_is_string(e) && plain_scalar_text(json_string_value(e))))
                simple = false;
        if (simple) {
            json_array_foreach (v, i, e) {
                if (i)
                    sb_str(b, ",");
                value_text(b, e);
            }
            return;
        }
        break;
    }
    default:
        break;
    }
    char *js = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    if (!js) {
        b->oom = true;
        return;
    }
    sb_str(b, js);
    free(js);
}

static bool shell_safe(const char *s)
{
    for (const char *c = s; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              strchr("_-+=.,/:@%", *c)))
            return false;
    return *s != '\0';
}

static void shell_word(strbuf *b, const char *w)
{
    if (shell_safe(w)) {
        sb_str(b, w);
        return;
    }
    sb_str(b, "'");
    for (const char *c = w; *c; c++) {
        if (*c == '\'')
            sb_str(b, "'\\''");
        else
            sb_add(b, c, 1);
    }
    sb_str(b, "'");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **mc_json_sorted_keys(const json_t *obj, size_t *n)
{
    *n = json_is_object(obj) ? json_object_size(obj) : 0;
    if (*n == 0)
        return NULL;
    const char **keys = malloc(*n * sizeof *keys);
    if (!keys) {
        *n = 0;
        return NULL;
    }
    size_t i = 0;
    const char *k;
    json_t *v;
    json_object_foreach ((json_t *)obj, k, v)
        keys[i++] = k;
    qsort(keys, *n, sizeof *keys, cmp_str);
    return keys;
}

char *mc_instance_cli(const mc_instance *in)
{
    strbuf b = {0};
    sb_str(&b, "");
    size_t n;
    const char **keys = mc_json_sorted_keys(in->params, &n);
    if (!keys && json_object_size(in->params))
        b.oom = true;
    for (size_t i = 0; keys && i < n; i++) {
        strbuf w = {0};
        sb_str(&w, keys[i]);
        sb_str(&w, "=");
        value_text(&w, json_object_get(in->params, keys[i]));
        if (w.oom)
            b.oom = true;
        else {
            if (i)
                sb_str(&b, " ");
            sb_str(&b, "--set ");
            shell_word(&b, w.s);
        }
        free(w.s);
    }
    free(keys);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

char *mc_instance_dump(const mc_instance *in)
{
    return json_dumps(in->params, JSON_COMPACT | JSON_SORT_KEYS);
}

mc_status mc_instance_check_params(const mc_instance *in, const mc_mechanism *m, mc_error *err)
{
    size_t n;
    const char **keys = mc_json_sorted_keys(in->params, &n);
    if (!keys && json_object_size(in->params))
        return mc_error_set(err, MC_ENOMEM, "instance: out of memory");
    mc_status st = MC_OK;
    for (size_t i = 0; i < n && st == MC_OK; i++) {
        bool known = false;
        for (size_t j = 0; j < m->nparams; j++)
            if (strcmp(m->params[j].name, keys[i]) == 0)
                known = true;
        if (known)
            continue;
        char names[256] = "";
        size_t used = 0;
        for (size_t j = 0; j < m->nparams && used < sizeof names; j++)
            used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", j ? ", " : "",
                                     m->params[j].name);
        st = mc_error_set(err, MC_EINPUT,
                          "instance %s: unknown parameter '%s' for mechanism %s (it takes: %s; "
                          "see 'mechcheck help instance %s')",
                          in->origin, keys[i], m->id, names, m->id);
    }
    free(keys);
    return st;
}

/* ---- typed access ---------------------------------------------------------------------------- */

bool mc_inst_has(const mc_instance *in, const char *key)
{
    return json_object_get(in->params, key) != NULL;
}

/* "an integer in 2..6" or, plural, "integers in 2..6". */
static void range_text(char *buf, size_t cap, int64_t lo, int64_t hi, bool plural)
{
    const char *what = plural ? "integers" : "an integer";
    if (lo == INT64_MIN && hi == INT64_MAX)
        snprintf(buf, cap, "%s", what);
    else if (hi == INT64_MAX)
        snprintf(buf, cap, "%s >= %" PRId64, what, lo);
    else if (lo == INT64_MIN)
        snprintf(buf, cap, "%s <= %" PRId64, what, hi);
    else
        snprintf(buf, cap, "%s in %" PRId64 "..%" PRId64, what, lo, hi);
}

/* Short rendering of a value for messages. */
static void shown(char *buf, size_t cap, const json_t *v)
{
    char *js = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    snprintf(buf, cap, "%s", js ? js : "?");
    if (js && strlen(js) >= cap && cap > 4)
        memcpy(buf + cap - 4, "...", 4);
    free(js);
}

/* An integer from a JSON integer or an integer string; false otherwise. */
static bool as_int(const json_t *v, int64_t *out)
{
    if (json_is_integer(v)) {
        *out = (int64_t)json_integer_value(v);
        return true;
    }
    if (!json_is_string(v))
        return false;
    const char *s = json_string_value(v);
    char *end;
    if (!*s || *s == ' ')
        return false;
    errno = 0;
    long long k = strtoll(s, &end, 10);
    if (*end || errno)
        return false;
    *out = (int64_t)k;
    return true;
}

mc_status mc_inst_int(const mc_instance *in, const char *key, int64_t lo, int64_t hi,
                      const int64_t *dflt, int64_t *out, mc_error *err)
{
    char range[96];
    range_text(range, sizeof range, lo, hi, false);
    const json_t *v = json_object_get(in->params, key);
    if (!v) {
        if (!dflt)
            return mc_error_set(err, MC_EINPUT, "instance %s: parameter '%s' is required (%s)",
                                in->origin, key, range);
        *out = *dflt;
        return MC_OK;
    }
    int64_t k;
    if (!as_int(v, &k) || k < lo || k > hi) {
        char got[64];
        shown(got, sizeof got, v);
        return mc_error_set(err, MC_EINPUT, "instance %s: parameter '%s' must be %s (got %s)",
                            in->origin, key, range, got);
    }
    *out = k;
    return MC_OK;
}

mc_status mc_inst_q(const mc_instance *in, const char *key, const char *dflt, mc_q *out,
                    mc_error *err)
{
    const json_t *v = json_object_get(in->params, key);
    if (!v) {
        if (!dflt)
            return mc_error_set(err, MC_EINPUT,
                                "instance %s: parameter '%s' is required (an exact number)",
                                in->origin, key);
        return mc_q_parse(out, dflt, (size_t)-1, err);
    }
    if (json_is_integer(v)) {
        mc_q_set_i64(out, (int64_t)json_integer_value(v));
        return MC_OK;
    }
    if (json_is_string(v) && mc_q_parse(out, json_string_value(v), (size_t)-1, NULL) == MC_OK)
        return MC_OK;
    char got[64];
    shown(got, sizeof got, v);
    return mc_error_set(err, MC_EINPUT,
                        "instance %s: parameter '%s' must be an exact number (an integer, "
                        "\"p/q\" or a decimal string; got %s)",
                        in->origin, key, got);
}

mc_status mc_inst_int_list(const mc_instance *in, const char *key, int64_t lo, int64_t hi,
                           int64_t *out, size_t cap, size_t *n, mc_error *err)
{
    size_t want = *n;
    char range[96], each[96];
    range_text(range, sizeof range, lo, hi, true);
    range_text(each, sizeof each, lo, hi, false);
    const json_t *v = json_object_get(in->params, key);
    if (!v)
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter '%s' is required (a list of %s)", in->origin,
                            key, range);
    int64_t k;
    if (!json_is_array(v)) {
        if (want > 0 && want <= cap && as_int(v, &k) && k >= lo && k <= hi) {
            for (size_t i = 0; i < want; i++)
                out[i] = k;
            return MC_OK;
        }
        char got[64];
        shown(got, sizeof got, v);
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter '%s' must be a list of %s (got %s)",
                            in->origin, key, range, got);
    }
    size_t len = json_array_size(v);
    if (want > 0 && len != want)
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter '%s' must list %zu values (got %zu)",
                            in->origin, key, want, len);
    if (len > cap || len == 0)
        return mc_error_set(err, MC_EINPUT,
                            "instance %s: parameter '%s' must list 1..%zu values (got %zu)",
                            in->origin, key, cap, len);
    for (size_t i = 0; i < len; i++) {
        const json_t *e = json_array_get(v, i);
        if (!as_int(e, &k) || k < lo || k > hi) {
            char got[64];
            shown(got, sizeof got, e);
            return mc_error_set(err, MC_EINPUT,
                                "instance %s: parameter '%s', element %zu must be %s (got %s)",
                                in->origin, key, i + 1, each, got);
        }
        out[i] = k;
    }
    *n = len;
    return MC_OK;
}

mc_status mc_inst_string(const mc_instance *in, const char *key, const char *dflt,
                         const char **out, mc_error *err)
{
    const json_t *v = json_object_get(in->params, key);
    if (!v) {
        if (!dflt)
            return mc_error_set(err, MC_EINPUT, "instance %s: parameter '%s' is required (a string)",
                                in->origin, key);
        *out = dflt;
        return MC_OK;
    }
    if (!json_is_string(v)) {
        char got[64];
        shown(got, sizeof got, v);
        return mc_error_set(err, MC_EINPUT, "instance %s: parameter '%s' must be a string (got %s)",
                            in->origin, key, got);
    }
    *out = json_string_value(v);
    return MC_OK;
}

json_t *mc_json_q(const mc_q *q)
{
    char *s = mc_q_strdup(q);
    if (!s)
        return NULL;
    json_t *v = json_string(s);
    free(s);
    return v;
}

json_t *mc_json_q_or_null(const mc_q *q)
{
    json_t *v = mc_json_q(q);
    return v ? v : json_null();
}

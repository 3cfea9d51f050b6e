/* Helpers shared by the report writers (see render.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/render.h"

const char *rd_str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

void rd_xml_text(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

void rd_indent(FILE *f, int n)
{
    for (int i = 0; i < n; i++)
        fputc(' ', f);
}

void rd_verdict_counts(FILE *f, const json_t *counts)
{
    static const char *const order[] = {"HOLDS", "FAILS", "UNDECIDED", "NOT-APPLICABLE", "ERROR",
                                        NULL};
    bool first = true;
    for (const char *const *k = order; *k; k++) {
        json_int_t n = json_integer_value(json_object_get(counts, *k));
        if (!n)
            continue;
        fprintf(f, "%s%lld %s", first ? "" : ", ", (long long)n, *k);
        first = false;
    }
    if (first)
        fputs("nothing checked", f);
}

void rd_minimal_heading(char *buf, size_t cap, const char *prefix, const json_t *min)
{
    json_int_t steps = json_integer_value(json_object_get(min, "shrink_steps"));
    snprintf(buf, cap, "%sMinimal counterexample (%lld shrinking step%s%s)", prefix,
             (long long)steps, steps == 1 ? "" : "s",
             json_is_true(json_object_get(min, "shrink_complete")) ? "; no smaller candidate fails"
                                                                   : "; shrinking stopped early");
}

bool rd_is_scalar(const json_t *v)
{
    return v && !json_is_object(v) && !json_is_array(v);
}

/* Appends the compact text of v ("[1, 0, 1]", "{a: 1}") to buf at *len. */
static void compact(const json_t *v, char *buf, size_t cap, size_t *len)
{
#define PUT(s)                                                                                     \
    do {                                                                                           \
        int n_ = snprintf(buf + *len, *len < cap ? cap - *len : 0, "%s", (s));                     \
        *len += (size_t)n_;                                                                        \
    } while (0)
    char tmp[64];
    size_t i;
    const json_t *e;
    const char *k;
    if (json_is_array(v)) {
        PUT("[");
        json_array_foreach (v, i, e) {
            if (i)
                PUT(", ");
            compact(e, buf, cap, len);
        }
        PUT("]");
    } else if (json_is_object(v)) {
        PUT("{");
        i = 0;
        json_object_foreach ((json_t *)v, k, e) {
            if (i++)
                PUT(", ");
            PUT(k);
            PUT(": ");
            compact(e, buf, cap, len);
        }
        PUT("}");
    } else {
        PUT(rd_scalar(v, tmp, sizeof tmp));
    }
#undef PUT
}

const char *rd_scalar(const json_t *v, char *buf, size_t cap)
{
    switch (json_typeof(v)) {
    case JSON_STRING:
        return json_string_value(v);
    case JSON_INTEGER:
        snprintf(buf, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return buf;
    case JSON_REAL:
        snprintf(buf, cap, "%.17g", json_real_value(v));
        return buf;
    case JSON_TRUE:
        return "yes";
    case JSON_FALSE:
        return "no";
    case JSON_ARRAY:
    case JSON_OBJECT: {
        size_t len = 0;
        if (cap)
            buf[0] = '\0';
        compact(v, buf, cap, &len);
        if (len >= cap && cap > 4) /* cut: say so */
            memcpy(buf + cap - 4, "...", 4);
        return buf;
    }
    default:
        return "none";
    }
}

static size_t scalar_len(const json_t *v)
{
    char buf[64];
    return strlen(rd_scalar(v, buf, sizeof buf));
}

bool rd_short_scalar_array(const json_t *v)
{
    if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > 8)
        return false;
    size_t len = 0, i;
    const json_t *e;
    char buf[64];
    json_array_foreach (v, i, e) {
        /* sentences read better one per line */
        if (!rd_is_scalar(e) || strchr(rd_scalar(e, buf, sizeof buf), ' '))
            return false;
        len += scalar_len(e) + 2;
    }
    return len <= 80;
}

bool rd_flat_object(const json_t *v)
{
    if (!json_is_object(v) || json_object_size(v) == 0 || json_object_size(v) > 6)
        return false;
    size_t len = 0;
    const char *k;
    json_t *e;
    json_object_foreach ((json_t *)v, k, e) {
        if (!rd_is_scalar(e))
            return false;
        len += strlen(k) + scalar_len(e) + 4;
    }
    return len <= 100;
}

json_t *rd_margin_names(const json_t *rows)
{
    json_t *set = json_object();
    size_t i;
    const json_t *row;
    json_array_foreach (rows, i, row) {
        const char *k;
        json_t *v;
        json_object_foreach (json_object_get(row, "margins"), k, v)
            json_object_set_new(set, k, json_true());
    }
    size_t n;
    const char **keys = mc_json_sorted_keys(set, &n);
    json_t *out = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(out, json_string(keys[i]));
    free(keys);
    json_decref(set);
    return out;
}

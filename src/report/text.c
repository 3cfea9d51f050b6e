/* Plain-text rendering of witnesses for the terminal: indented "key: value"
 * lines, lists as "- item", exact numbers as given. */
#include <stdlib.h>

#include "mechcheck/report.h"
#include "report/render.h"

static void text_scalar(FILE *f, const json_t *v)
{
    char buf[512];
    fputs(rd_scalar(v, buf, sizeof buf), f);
}

static void text_inline(FILE *f, const json_t *v)
{
    if (json_is_array(v)) {
        size_t i;
        const json_t *e;
        json_array_foreach (v, i, e) {
            fputs(i ? ", " : "", f);
            text_scalar(f, e);
        }
        return;
    }
    size_t n;
    const char **keys = mc_json_sorted_keys(v, &n);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%s%s: ", i ? ", " : "", keys[i]);
        text_scalar(f, json_object_get(v, keys[i]));
    }
    free(keys);
}

static void text_entry(FILE *f, const char *key, const json_t *v, int indent)
{
    rd_indent(f, indent);
    if (key)
        fprintf(f, "%s:", key);
    else
        fputs("-", f);
    if (rd_is_scalar(v)) {
        fputc(' ', f);
        text_scalar(f, v);
        fputc('\n', f);
    } else if ((json_is_array(v) && !json_array_size(v)) ||
               (json_is_object(v) && !json_object_size(v))) {
        fputs(" none\n", f);
    } else if (rd_short_scalar_array(v) || rd_flat_object(v)) {
        fputc(' ', f);
        text_inline(f, v);
        fputc('\n', f);
    } else {
        fputc('\n', f);
        mc_text_value(f, v, indent + 2);
    }
}

void mc_text_value(FILE *f, const json_t *v, int indent)
{
    if (json_is_object(v)) {
        size_t n;
        const char **keys = mc_json_sorted_keys(v, &n);
        for (size_t i = 0; i < n; i++)
            text_entry(f, keys[i], json_object_get(v, keys[i]), indent);
        free(keys);
    } else if (json_is_array(v)) {
        size_t i;
        const json_t *e;
        json_array_foreach (v, i, e)
            text_entry(f, NULL, e, indent);
    } else {
        text_entry(f, NULL, v, indent);
    }
}

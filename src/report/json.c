/* The report model as JSON (sorted keys, two-space indent: stable bytes),
 * format names, and the timings as Markdown. */
#include <string.h>

#include "mechcheck/report.h"

mc_status mc_report_format_parse(const char *name, mc_report_format *f, mc_error *err)
{
    if (strcmp(name, "md") == 0 || strcmp(name, "markdown") == 0)
        *f = MC_FORMAT_MD;
    else if (strcmp(name, "json") == 0)
        *f = MC_FORMAT_JSON;
    else if (strcmp(name, "html") == 0)
        *f = MC_FORMAT_HTML;
    else
        return mc_error_set(err, MC_EINPUT, "--format: '%s' is not one of md, json, html", name);
    return MC_OK;
}

const char *mc_report_format_ext(mc_report_format f)
{
    return f == MC_FORMAT_JSON ? "json" : f == MC_FORMAT_HTML ? "html" : "md";
}

mc_status mc_report_json(FILE *f, const json_t *report, mc_error *err)
{
    if (json_dumpf(report, f, JSON_INDENT(2) | JSON_SORT_KEYS) != 0 || fputc('\n', f) == EOF)
        return mc_error_set(err, MC_EIO, "report: write error");
    return MC_OK;
}

mc_status mc_report_write(FILE *f, const json_t *report, mc_report_format fmt, mc_error *err)
{
    switch (fmt) {
    case MC_FORMAT_JSON:
        return mc_report_json(f, report, err);
    case MC_FORMAT_HTML:
        return mc_report_html(f, report, err);
    default:
        return mc_report_markdown(f, report, err);
    }
}

mc_status mc_timings_markdown(FILE *f, const json_t *t, mc_error *err)
{
    fprintf(f, "# Timings: %s\n\n", json_string_value(json_object_get(t, "paper")));
    fputs("Wall-clock seconds and work per check and sweep of the last `make proofs` run.\n"
          "This file changes from run to run and is not compared by the tests.\n\n",
          f);
    fputs("| what | instances | nodes | seconds |\n|---|---|---|---|\n", f);
    size_t i;
    const json_t *e;
    json_array_foreach (json_object_get(t, "entries"), i, e) {
        fputs("| ", f);
        mc_md_text(f, json_string_value(json_object_get(e, "what")));
        fprintf(f, " | %lld | %lld | %.3f |\n",
                (long long)json_integer_value(json_object_get(e, "instances")),
                (long long)json_integer_value(json_object_get(e, "nodes")),
                json_number_value(json_object_get(e, "seconds")));
    }
    fprintf(f, "\nTotal: %.3f s\n", json_number_value(json_object_get(t, "seconds")));
    if (ferror(f))
        return mc_error_set(err, MC_EIO, "timings: write error");
    return MC_OK;
}

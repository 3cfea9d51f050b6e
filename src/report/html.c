/* The report model as one self-contained HTML file: inline CSS, witnesses
 * as nested lists, sweeps as tables and inline SVG plots. */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/report.h"
#include "report/render.h"

static void scalar(FILE *f, const json_t *v)
{
    char buf[512];
    rd_xml_text(f, rd_scalar(v, buf, sizeof buf));
}

static void verdict_span(FILE *f, const char *v)
{
    fputs("<span class=\"v v-", f);
    rd_xml_text(f, v);
    fputs("\">", f);
    rd_xml_text(f, v);
    fputs("</span>", f);
}

static void value(FILE *f, const json_t *v);

static void item(FILE *f, const char *key, const json_t *v)
{
    fputs("<li>", f);
    if (key) {
        fputs("<b>", f);
        rd_xml_text(f, key);
        fputs("</b>: ", f);
    }
    if (rd_is_scalar(v)) {
        scalar(f, v);
    } else if (rd_short_scalar_array(v)) {
        size_t i;
        const json_t *e;
        json_array_foreach (v, i, e) {
            if (i)
                fputs(", ", f);
            scalar(f, e);
        }
    } else if (rd_flat_object(v)) {
        size_t n;
        const char **keys = mc_json_sorted_keys(v, &n);
        for (size_t i = 0; i < n; i++) {
            fputs(i ? ", " : "", f);
            rd_xml_text(f, keys[i]);
            fputs(": ", f);
            scalar(f, json_object_get(v, keys[i]));
        }
        free(keys);
    } else if (json_is_array(v) && json_array_size(v) == 0) {
        fputs("none", f);
    } else {
        value(f, v);
    }
    fputs("</li>\n", f);
}

static void value(FILE *f, const json_t *v)
{
    fputs("<ul>\n", f);
    if (json_is_object(v)) {
        size_t n;
        const char **keys = mc_json_sorted_keys(v, &n);
        for (size_t i = 0; i < n; i++)
            item(f, keys[i], json_object_get(v, keys[i]));
        free(keys);
    } else if (json_is_array(v)) {
        size_t i;
        const json_t *e;
        json_array_foreach (v, i, e)
            item(f, NULL, e);
    } else {
        item(f, NULL, v);
    }
    fputs("</ul>\n", f);
}

static void inline_object(FILE *f, const json_t *o)
{
    size_t n;
    const char **keys = mc_json_sorted_keys(o, &n);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", f);
        rd_xml_text(f, keys[i]);
        fputc('=', f);
        const json_t *v = json_object_get(o, keys[i]);
        if (rd_is_scalar(v)) {
            scalar(f, v);
        } else {
            char *js = json_dumps(v, JSON_COMPACT);
            rd_xml_text(f, js);
            free(js);
        }
    }
    if (!n)
        fputs("defaults", f);
    free(keys);
}

static void result(FILE *f, const json_t *r, const char *heading)
{
    fprintf(f, "<div class=\"result\"><h5>%s — ", heading);
    verdict_span(f, rd_str(r, "verdict"));
    fputs("</h5>\n", f);
    if (*rd_str(r, "note")) {
        fputs("<p>", f);
        rd_xml_text(f, rd_str(r, "note"));
        fputs("</p>\n", f);
    }
    fputs("<p><b>instance</b>: <code>", f);
    inline_object(f, json_object_get(r, "params"));
    fputs("</code><br><b>reason</b>: ", f);
    rd_xml_text(f, rd_str(r, "reason"));
    if (json_object_size(json_object_get(r, "margins"))) {
        fputs("<br><b>margins</b>: <code>", f);
        inline_object(f, json_object_get(r, "margins"));
        fputs("</code>", f);
    }
    fputs("</p>\n", f);
    const json_t *w = json_object_get(r, "witness");
    if (w && !json_is_null(w)) {
        fprintf(f, "<details open><summary>%s</summary>\n",
                strcmp(rd_str(r, "verdict"), "FAILS") == 0 ? "counterexample" : "witness");
        value(f, w);
        fputs("</details>\n", f);
    }
    fputs("<p class=\"cmd\">reproduce: <code>", f);
    rd_xml_text(f, rd_str(r, "command"));
    fputs("</code></p></div>\n", f);
}

static void sweep(FILE *f, const json_t *sw, size_t index, mc_error *err)
{
    fprintf(f, "<h4>Sweep %zu: <code>", index + 1);
    rd_xml_text(f, rd_str(sw, "over"));
    fputs("</code>", f);
    if (json_object_size(json_object_get(sw, "fixed"))) {
        fputs(" with <code>", f);
        inline_object(f, json_object_get(sw, "fixed"));
        fputs("</code>", f);
    }
    fputs("</h4>\n", f);
    if (*rd_str(sw, "note")) {
        fputs("<p>", f);
        rd_xml_text(f, rd_str(sw, "note"));
        fputs("</p>\n", f);
    }
    if (*rd_str(sw, "error")) {
        fputs("<p>", f);
        verdict_span(f, "ERROR");
        fputc(' ', f);
        rd_xml_text(f, rd_str(sw, "error"));
        fputs("</p>\n", f);
        return;
    }
    fputs("<p>", f);
    verdict_span(f, rd_str(sw, "verdict"));
    fprintf(f, " — %lld instances checked: ",
            (long long)json_integer_value(json_object_get(sw, "checked")));
    rd_verdict_counts(f, json_object_get(sw, "counts"));
    if (*rd_str(sw, "stopped")) {
        fputs(". Incomplete: ", f);
        rd_xml_text(f, rd_str(sw, "stopped"));
    }
    fputs(".</p>\n<div class=\"plot\">\n", f);
    mc_error perr;
    if (mc_svg_sweep(f, sw, &perr) != MC_OK && perr.code != MC_EUNSUPPORTED && err)
        *err = perr;
    fputs("</div>\n", f);
    const json_t *keys = json_object_get(sw, "keys"), *rows = json_object_get(sw, "rows");
    json_t *mnames = rd_margin_names(rows);
    fprintf(f, "<details%s><summary>table of %zu instances</summary>\n<table><tr>",
            json_array_size(rows) <= 40 ? " open" : "", json_array_size(rows));
    size_t i, r;
    const json_t *k, *row;
    json_array_foreach (keys, i, k) {
        fputs("<th>", f);
        rd_xml_text(f, json_string_value(k));
        fputs("</th>", f);
    }
    fputs("<th>verdict</th>", f);
    json_array_foreach (mnames, i, k) {
        fputs("<th>", f);
        rd_xml_text(f, json_string_value(k));
        fputs("</th>", f);
    }
    fputs("</tr>\n", f);
    json_array_foreach (rows, r, row) {
        fputs("<tr>", f);
        json_array_foreach (keys, i, k) {
            const json_t *v = json_object_get(json_object_get(row, "params"), json_string_value(k));
            fputs("<td>", f);
            if (rd_is_scalar(v))
                scalar(f, v);
            else {
                char *js = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
                rd_xml_text(f, js);
                free(js);
            }
            fputs("</td>", f);
        }
        fputs("<td>", f);
        verdict_span(f, rd_str(row, "verdict"));
        fputs("</td>", f);
        json_array_foreach (mnames, i, k) {
            const json_t *m = json_object_get(json_object_get(row, "margins"), json_string_value(k));
            fputs("<td>", f);
            if (m)
                scalar(f, m);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table></details>\n", f);
    json_decref(mnames);
    if (json_object_get(sw, "first_failure"))
        result(f, json_object_get(sw, "first_failure"), "First failure");
    const json_t *min = json_object_get(sw, "minimal");
    if (min) {
        char hd[160];
        rd_minimal_heading(hd, sizeof hd, "", min);
        result(f, min, hd);
    }
}

static void claim(FILE *f, const json_t *c, mc_error *err)
{
    fputs("<div class=\"claim\"><h3 id=\"", f);
    rd_xml_text(f, rd_str(c, "name"));
    fputs("\">", f);
    rd_xml_text(f, rd_str(c, "name"));
    fputs(" — ", f);
    rd_xml_text(f, rd_str(c, "title"));
    fputs(" ", f);
    verdict_span(f, rd_str(c, "verdict"));
    fputs("</h3>\n<p><b>Claim.</b> ", f);
    rd_xml_text(f, rd_str(c, "statement"));
    fputs("</p>\n<p><b>Hypotheses.</b> ", f);
    rd_xml_text(f, *rd_str(c, "hypotheses") ? rd_str(c, "hypotheses") : "none");
    fputs("</p>\n<p><b>Mechanism.</b> <code>", f);
    rd_xml_text(f, rd_str(c, "mechanism"));
    fputs("</code></p>\n", f);
    const json_t *checks = json_object_get(c, "checks"), *sweeps = json_object_get(c, "sweeps");
    if (!json_array_size(checks) && !json_array_size(sweeps))
        fputs("<p>Not checked by this suite.</p>\n", f);
    size_t i;
    const json_t *e;
    json_array_foreach (checks, i, e) {
        char hd[64];
        snprintf(hd, sizeof hd, "Instance %zu", i + 1);
        result(f, e, hd);
    }
    json_array_foreach (sweeps, i, e)
        sweep(f, e, i, err);
    fputs("</div>\n", f);
}

static void mechanism(FILE *f, const json_t *m)
{
    fputs("<h3><code>", f);
    rd_xml_text(f, rd_str(m, "id"));
    fputs("</code> — ", f);
    rd_xml_text(f, rd_str(m, "title"));
    fputs("</h3>\n<p>", f);
    rd_xml_text(f, rd_str(m, "summary"));
    fputs("</p>\n<table><tr><th>parameter</th><th>type</th><th>default</th><th>meaning</th>"
          "</tr>\n",
          f);
    size_t i;
    const json_t *p;
    json_array_foreach (json_object_get(m, "params"), i, p) {
        fputs("<tr><td><code>", f);
        rd_xml_text(f, rd_str(p, "name"));
        fputs("</code></td><td>", f);
        rd_xml_text(f, rd_str(p, "type"));
        fputs("</td><td>", f);
        const json_t *dflt = json_object_get(p, "default");
        rd_xml_text(f, dflt && !json_is_null(dflt) ? rd_str(p, "default") : "required");
        fputs("</td><td style=\"text-align:left\">", f);
        rd_xml_text(f, rd_str(p, "doc"));
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static const char *css =
    "body{font-family:Helvetica,Arial,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
    "color:#222;line-height:1.45}code{background:#f4f4f4;padding:0 .2em}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.15em .5em;"
    "text-align:right}th{background:#f0f0f0}.v{font-weight:bold;padding:0 .3em;border-radius:3px}"
    ".v-HOLDS{color:#17692c}.v-FAILS{color:#fff;background:#c0392b}.v-UNDECIDED{color:#7a5b00}"
    ".v-NOT-APPLICABLE,.v-NOT-CHECKED{color:#666}.v-ERROR{color:#fff;background:#000}"
    ".fixture{border-left:4px solid #e67e22;padding:.3em 1em;background:#fdf2e9}"
    ".claim{border-top:1px solid #ddd;margin-top:2em}.result{margin-left:1em}"
    ".cmd{font-size:90%}h5{font-size:100%;margin:1em 0 .3em}";

mc_status mc_report_html(FILE *f, const json_t *rep, mc_error *err)
{
    mc_error_clear(err);
    const json_t *paper = json_object_get(rep, "paper");
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", f);
    fputs("Verification report: ", f);
    rd_xml_text(f, rd_str(paper, "id"));
    fprintf(f, "</title>\n<style>%s</style></head><body>\n<h1>Verification report: ", css);
    rd_xml_text(f, rd_str(paper, "id"));
    fputs("</h1>\n<p><b>", f);
    rd_xml_text(f, rd_str(paper, "title"));
    fputs("</b>", f);
    if (*rd_str(paper, "authors")) {
        fputs(" — ", f);
        rd_xml_text(f, rd_str(paper, "authors"));
    }
    fputs("</p>\n", f);
    if (json_is_true(json_object_get(paper, "fixture")))
        fputs("<p class=\"fixture\"><b>Test fixture, not a paper.</b> Its claims exercise "
              "mechcheck itself; some are false on purpose.</p>\n",
              f);
    fputs("<p>", f);
    if (*rd_str(paper, "seed")) {
        fputs("Source: <code>", f);
        rd_xml_text(f, rd_str(paper, "seed"));
        fputs("</code>. ", f);
    }
    fputs("Generated by ", f);
    rd_xml_text(f, rd_str(rep, "generator"));
    if (*rd_str(rep, "suite")) {
        fputs(" from the suite <code>", f);
        rd_xml_text(f, rd_str(rep, "suite"));
        fputs("</code>", f);
    }
    fputs(". Every number is exact; every verdict is re-checked independently.</p>\n", f);
    if (*rd_str(rep, "description")) {
        fputs("<p>", f);
        rd_xml_text(f, rd_str(rep, "description"));
        fputs("</p>\n", f);
    }
    fputs("<h2>Summary</h2>\n<table><tr><th>claim</th><th>title</th><th>verdict</th>"
          "<th>instances</th></tr>\n",
          f);
    size_t i;
    const json_t *c;
    json_array_foreach (json_object_get(rep, "claims"), i, c) {
        fputs("<tr><td><a href=\"#", f);
        rd_xml_text(f, rd_str(c, "name"));
        fputs("\"><code>", f);
        rd_xml_text(f, rd_str(c, "id"));
        fputs("</code></a></td><td>", f);
        rd_xml_text(f, rd_str(c, "title"));
        fputs("</td><td>", f);
        verdict_span(f, rd_str(c, "verdict"));
        fputs("</td><td>", f);
        rd_verdict_counts(f, json_object_get(c, "counts"));
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n<h2>Claims</h2>\n", f);
    json_array_foreach (json_object_get(rep, "claims"), i, c)
        claim(f, c, err);
    fputs("<h2>Mechanisms</h2>\n", f);
    json_array_foreach (json_object_get(rep, "mechanisms"), i, c)
        mechanism(f, c);
    fputs("</body></html>\n", f);
    if (ferror(f))
        return mc_error_set(err, MC_EIO, "report: write error");
    return err && err->code != MC_OK ? err->code : MC_OK;
}

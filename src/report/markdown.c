/* The report model as Markdown: readable on a code-hosting site, witnesses
 * as nested lists rather than raw JSON, sweeps as tables. */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/report.h"
#include "report/render.h"

/* ---- text and values ------------------------------------------------------------------------ */

void mc_md_text(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        if (strchr("\\`*_[]<>|#", *s))
            fputc('\\', f);
        if (*s == '\n')
            fputc(' ', f);
        else
            fputc(*s, f);
    }
}

static void md_scalar(FILE *f, const json_t *v)
{
    char buf[512];
    switch (json_typeof(v)) {
    case JSON_STRING:
        mc_md_text(f, json_string_value(v));
        break;
    case JSON_NULL:
        fputs("none", f);
        break;
    default:
        fputs(rd_scalar(v, buf, sizeof buf), f);
        break;
    }
}

static void md_item(FILE *f, const char *key, const json_t *v, int indent);

/* An object whose members are all scalars, on one line: "a: 1, b: 2". */
static void md_inline_object(FILE *f, const json_t *o)
{
    size_t n;
    const char **keys = mc_json_sorted_keys(o, &n);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", f);
        mc_md_text(f, keys[i]);
        fputs(": ", f);
        md_scalar(f, json_object_get(o, keys[i]));
    }
    free(keys);
}

void mc_md_value(FILE *f, const json_t *v, int indent)
{
    if (json_is_object(v)) {
        size_t n;
        const char **keys = mc_json_sorted_keys(v, &n);
        for (size_t i = 0; i < n; i++)
            md_item(f, keys[i], json_object_get(v, keys[i]), indent);
        free(keys);
    } else if (json_is_array(v)) {
        size_t i;
        const json_t *e;
        json_array_foreach (v, i, e)
            md_item(f, NULL, e, indent);
    } else {
        rd_indent(f, indent);
        fputs("- ", f);
        md_scalar(f, v);
        fputc('\n', f);
    }
}

static void md_item(FILE *f, const char *key, const json_t *v, int indent)
{
    rd_indent(f, indent);
    fputs("- ", f);
    if (key) {
        fputs("**", f);
        mc_md_text(f, key);
        fputs("**: ", f);
    }
    if (rd_is_scalar(v)) {
        md_scalar(f, v);
        fputc('\n', f);
    } else if ((json_is_array(v) && json_array_size(v) == 0) ||
               (json_is_object(v) && json_object_size(v) == 0)) {
        fputs("none\n", f);
    } else if (rd_short_scalar_array(v)) {
        size_t i;
        const json_t *e;
        json_array_foreach (v, i, e) {
            if (i)
                fputs(", ", f);
            md_scalar(f, e);
        }
        fputc('\n', f);
    } else if (rd_flat_object(v)) {
        md_inline_object(f, v);
        fputc('\n', f);
    } else {
        fputc('\n', f);
        mc_md_value(f, v, indent + 2);
    }
}

/* ---- the report ------------------------------------------------------------------------------- */


static void md_margins(FILE *f, const json_t *margins)
{
    size_t n;
    const char **keys = mc_json_sorted_keys(margins, &n);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", f);
        fputc('`', f);
        fputs(keys[i], f);
        fputs(" = ", f);
        md_scalar(f, json_object_get(margins, keys[i]));
        fputc('`', f);
    }
    free(keys);
}

/* One checked instance (or a sweep's first failure / minimal instance). */
static void md_result(FILE *f, const json_t *r, const char *heading)
{
    fprintf(f, "%s — **%s**\n\n", heading, rd_str(r, "verdict"));
    if (*rd_str(r, "note")) {
        mc_md_text(f, rd_str(r, "note"));
        fputs("\n\n", f);
    }
    fputs("- **instance**: ", f);
    const json_t *params = json_object_get(r, "params");
    if (json_object_size(params))
        md_inline_object(f, params);
    else
        fputs("defaults", f);
    fputs("\n- **reason**: ", f);
    mc_md_text(f, rd_str(r, "reason"));
    fputc('\n', f);
    if (json_object_size(json_object_get(r, "margins"))) {
        fputs("- **margins**: ", f);
        md_margins(f, json_object_get(r, "margins"));
        fputc('\n', f);
    }
    const json_t *w = json_object_get(r, "witness");
    if (w && !json_is_null(w)) {
        fprintf(f, "- **%s**:\n", strcmp(rd_str(r, "verdict"), "FAILS") == 0 ? "counterexample"
                                                                          : "witness");
        mc_md_value(f, w, 2);
    }
    fprintf(f, "\nReproduce: `%s`\n\n", rd_str(r, "command"));
}

static void md_sweep_table(FILE *f, const json_t *sw)
{
    const json_t *keys = json_object_get(sw, "keys");
    const json_t *rows = json_object_get(sw, "rows");
    json_t *mnames = rd_margin_names(rows);
    fputs("|", f);
    size_t i;
    const json_t *k;
    json_array_foreach (keys, i, k)
        fprintf(f, " %s |", json_string_value(k));
    fputs(" verdict |", f);
    json_array_foreach (mnames, i, k)
        fprintf(f, " %s |", json_string_value(k));
    fputs("\n|", f);
    for (i = 0; i < json_array_size(keys) + 1 + json_array_size(mnames); i++)
        fputs("---|", f);
    fputc('\n', f);
    const json_t *row;
    size_t r;
    json_array_foreach (rows, r, row) {
        fputs("|", f);
        const json_t *params = json_object_get(row, "params");
        json_array_foreach (keys, i, k) {
            fputc(' ', f);
            const json_t *v = json_object_get(params, json_string_value(k));
            if (rd_is_scalar(v))
                md_scalar(f, v);
            else {
                char *js = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
                mc_md_text(f, js);
                free(js);
            }
            fputs(" |", f);
        }
        const char *verdict = rd_str(row, "verdict");
        fprintf(f, " %s%s%s |", strcmp(verdict, "FAILS") == 0 ? "**" : "", verdict,
                strcmp(verdict, "FAILS") == 0 ? "**" : "");
        json_array_foreach (mnames, i, k) {
            const json_t *m = json_object_get(json_object_get(row, "margins"),
                                              json_string_value(k));
            fputc(' ', f);
            if (m)
                md_scalar(f, m);
            fputs(" |", f);
        }
        fputc('\n', f);
    }
    json_decref(mnames);
    if (json_is_true(json_object_get(sw, "rows_truncated")))
        fprintf(f, "\n(The table shows the first %zu instances.)\n", json_array_size(rows));
}

static void md_sweep(FILE *f, const json_t *sw, size_t index)
{
    fprintf(f, "#### Sweep %zu: `%s`", index + 1, rd_str(sw, "over"));
    const json_t *fixed = json_object_get(sw, "fixed");
    if (json_object_size(fixed)) {
        size_t n;
        const char **keys = mc_json_sorted_keys(fixed, &n);
        fputs(" with ", f);
        for (size_t i = 0; i < n; i++) {
            fprintf(f, "%s`%s = ", i ? ", " : "", keys[i]);
            const json_t *v = json_object_get(fixed, keys[i]);
            char buf[512];
            if (rd_is_scalar(v))
                fputs(rd_scalar(v, buf, sizeof buf), f);
            else {
                char *js = json_dumps(v, JSON_COMPACT);
                fputs(js ? js : "?", f);
                free(js);
            }
            fputc('`', f);
        }
        free(keys);
    }
    fputs("\n\n", f);
    if (*rd_str(sw, "note")) {
        mc_md_text(f, rd_str(sw, "note"));
        fputs("\n\n", f);
    }
    if (*rd_str(sw, "error")) {
        fputs("**ERROR**: ", f);
        mc_md_text(f, rd_str(sw, "error"));
        fputs("\n\n", f);
        return;
    }
    fprintf(f, "**%s** — %lld instances checked: ", rd_str(sw, "verdict"),
            (long long)json_integer_value(json_object_get(sw, "checked")));
    rd_verdict_counts(f, json_object_get(sw, "counts"));
    fputs(".", f);
    if (!json_is_true(json_object_get(sw, "complete")) && *rd_str(sw, "stopped")) {
        fputs(" Incomplete: ", f);
        mc_md_text(f, rd_str(sw, "stopped"));
        fputs(".", f);
    }
    fputs("\n\n", f);
    md_sweep_table(f, sw);
    fputc('\n', f);
    const json_t *ff = json_object_get(sw, "first_failure");
    if (ff)
        md_result(f, ff, "##### First failure");
    const json_t *min = json_object_get(sw, "minimal");
    if (min) {
        char h[160];
        rd_minimal_heading(h, sizeof h, "##### ", min);
        md_result(f, min, h);
    }
}

static void md_claim(FILE *f, const json_t *c)
{
    fprintf(f, "### %s — ", rd_str(c, "name"));
    mc_md_text(f, rd_str(c, "title"));
    fprintf(f, "\n\n**Verdict: %s**", rd_str(c, "verdict"));
    if (strcmp(rd_str(c, "verdict"), "NOT-CHECKED") != 0) {
        fputs(" (", f);
        rd_verdict_counts(f, json_object_get(c, "counts"));
        fputs(")", f);
    }
    fputs("\n\n**Claim.** ", f);
    mc_md_text(f, rd_str(c, "statement"));
    fputs("\n\n**Hypotheses.** ", f);
    mc_md_text(f, *rd_str(c, "hypotheses") ? rd_str(c, "hypotheses") : "none");
    fprintf(f, "\n\n**Mechanism.** `%s`\n\n", rd_str(c, "mechanism"));
    const json_t *checks = json_object_get(c, "checks");
    const json_t *sweeps = json_object_get(c, "sweeps");
    if (!json_array_size(checks) && !json_array_size(sweeps)) {
        fputs("Not checked by this suite.\n\n", f);
        return;
    }
    size_t i;
    const json_t *e;
    if (json_array_size(checks))
        fputs("#### Instances\n\n", f);
    json_array_foreach (checks, i, e) {
        char h[64];
        snprintf(h, sizeof h, "##### Instance %zu", i + 1);
        md_result(f, e, h);
    }
    json_array_foreach (sweeps, i, e)
        md_sweep(f, e, i);
}

static void md_mechanism(FILE *f, const json_t *m)
{
    fprintf(f, "### `%s` — ", rd_str(m, "id"));
    mc_md_text(f, rd_str(m, "title"));
    fputs("\n\n", f);
    mc_md_text(f, rd_str(m, "summary"));
    fputs("\n\n| parameter | type | default | meaning |\n|---|---|---|---|\n", f);
    size_t i;
    const json_t *p;
    json_array_foreach (json_object_get(m, "params"), i, p) {
        fprintf(f, "| `%s` | %s | ", rd_str(p, "name"), rd_str(p, "type"));
        const char *d = json_string_value(json_object_get(p, "default"));
        if (d)
            fprintf(f, "`%s`", d);
        else
            fputs("required", f);
        fputs(" | ", f);
        mc_md_text(f, rd_str(p, "doc"));
        fputs(" |\n", f);
    }
    fputc('\n', f);
}

mc_status mc_report_markdown(FILE *f, const json_t *rep, mc_error *err)
{
    const json_t *paper = json_object_get(rep, "paper");
    fprintf(f, "# Verification report: %s\n\n", rd_str(paper, "id"));
    fputs("**", f);
    mc_md_text(f, rd_str(paper, "title"));
    fputs("**", f);
    if (*rd_str(paper, "authors")) {
        fputs(" — ", f);
        mc_md_text(f, rd_str(paper, "authors"));
    }
    fputs("\n\n", f);
    if (json_is_true(json_object_get(paper, "fixture")))
        fputs("> **Test fixture, not a paper.** Its claims exercise mechcheck itself; some are "
              "false on purpose.\n\n",
              f);
    if (*rd_str(paper, "seed"))
        fprintf(f, "Source: `%s`. ", rd_str(paper, "seed"));
    fprintf(f, "Generated by %s", rd_str(rep, "generator"));
    if (*rd_str(rep, "suite"))
        fprintf(f, " from the suite `%s`", rd_str(rep, "suite"));
    fputs(". Every number is exact (fractions p/q); every verdict is re-checked by an "
          "independent routine.\n\n",
          f);
    if (*rd_str(rep, "description")) {
        mc_md_text(f, rd_str(rep, "description"));
        fputs("\n\n", f);
    }
    fputs("Verdicts: **HOLDS** (the claim is true on the instance), **FAILS** (a "
          "counterexample), **UNDECIDED** (a resource limit, or an LP value that could not be "
          "certified), **NOT-APPLICABLE** (the instance violates a hypothesis), NOT-CHECKED (not "
          "in the suite).\n\n",
          f);
    fputs("## Summary\n\n| claim | title | verdict | instances |\n|---|---|---|---|\n", f);
    size_t i;
    const json_t *c;
    json_array_foreach (json_object_get(rep, "claims"), i, c) {
        const char *v = rd_str(c, "verdict");
        bool bold = strcmp(v, "FAILS") == 0 || strcmp(v, "ERROR") == 0;
        fprintf(f, "| `%s` | ", rd_str(c, "id"));
        mc_md_text(f, rd_str(c, "title"));
        fprintf(f, " | %s%s%s | ", bold ? "**" : "", v, bold ? "**" : "");
        rd_verdict_counts(f, json_object_get(c, "counts"));
        fputs(" |\n", f);
    }
    fputs("\n## Claims\n\n", f);
    json_array_foreach (json_object_get(rep, "claims"), i, c)
        md_claim(f, c);
    fputs("## Mechanisms\n\n", f);
    json_array_foreach (json_object_get(rep, "mechanisms"), i, c)
        md_mechanism(f, c);
    if (ferror(f))
        return mc_error_set(err, MC_EIO, "report: write error");
    return MC_OK;
}

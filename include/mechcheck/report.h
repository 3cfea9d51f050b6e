/* Report writers: the report model of suite.h as Markdown (the primary,
 * readable on a code-hosting site), JSON (for machines) or one
 * self-contained HTML file with SVG plots of the sweeps; game fragments as
 * Graphviz DOT; the timings as Markdown.
 *
 * The report model ("mechcheck-report/1"):
 *   {"schema", "generator", "suite", "description",
 *    "paper": {"id", "title", "authors", "seed", "fixture"},
 *    "summary": {"claims": N, "HOLDS": n, "FAILS": n, "UNDECIDED": n,
 *                "NOT-APPLICABLE": n, "NOT-CHECKED": n, "ERROR": n},
 *    "claims": [{"id", "name", "title", "statement", "hypotheses", "mechanism",
 *                "verdict", "counts": {...},
 *                "checks": [result],
 *                "sweeps": [{"over", "fixed", "keys", "note", "plot", "shrink",
 *                            "verdict", "checked", "counts", "complete", "stopped",
 *                            "rows": [{"params", "verdict", "margins", "reason"}],
 *                            "rows_truncated", "first_failure": result,
 *                            "minimal": result + shrink_steps/checks/complete,
 *                            "error"}]}],
 *    "mechanisms": [{"id", "title", "summary", "params": [{"name", "type",
 *                    "default", "doc"}]}]}
 *   result = {"claim", "params", "command", "verdict", "reason", "witness",
 *             "margins", "note"}
 * Nothing in it depends on time or machine: the same suite gives the same
 * bytes.  Timings are a separate document:
 *   {"paper", "seconds", "entries": [{"claim", "what", "seconds", "nodes",
 *                                     "instances"}]} */
#ifndef MECHCHECK_REPORT_H
#define MECHCHECK_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "mechcheck/error.h"

typedef enum mc_report_format { MC_FORMAT_MD = 0, MC_FORMAT_JSON, MC_FORMAT_HTML } mc_report_format;

/* "md" (or "markdown"), "json", "html". */
mc_status mc_report_format_parse(const char *name, mc_report_format *f, mc_error *err);
const char *mc_report_format_ext(mc_report_format f); /* "md", "json", "html" */

mc_status mc_report_write(FILE *f, const json_t *report, mc_report_format fmt, mc_error *err);
mc_status mc_report_markdown(FILE *f, const json_t *report, mc_error *err);
mc_status mc_report_json(FILE *f, const json_t *report, mc_error *err);
mc_status mc_report_html(FILE *f, const json_t *report, mc_error *err);

/* The timings document as Markdown. */
mc_status mc_timings_markdown(FILE *f, const json_t *timings, mc_error *err);

/* A game fragment (fragment.h) as a Graphviz digraph. */
mc_status mc_dot_write(FILE *f, const json_t *fragment, const char *title, mc_error *err);

/* An SVG plot of a sweep of the report model: verdict and margin against
 * the swept parameter.  MC_EUNSUPPORTED when there is nothing to plot. */
mc_status mc_svg_sweep(FILE *f, const json_t *sweep, mc_error *err);

/* Generic Markdown rendering of a witness (nested lists, exact numbers as
 * given), indented by indent spaces. */
void mc_md_value(FILE *f, const json_t *v, int indent);
/* Markdown-escaped text. */
void mc_md_text(FILE *f, const char *s);
/* Plain-text rendering for terminals: indented "key: value" lines. */
void mc_text_value(FILE *f, const json_t *v, int indent);

#endif

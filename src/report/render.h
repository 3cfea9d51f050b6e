/* Helpers shared by the report writers: the shape of JSON values (scalar,
 * short list, flat object), scalars as text, escaping, the pieces every
 * format prints alike.  Object keys in order: mc_json_sorted_keys (claim.h). */
#ifndef MC_REPORT_RENDER_H
#define MC_REPORT_RENDER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mechcheck/claim.h"

/* The string member k of o, or "" when absent or not a string. */
const char *rd_str(const json_t *o, const char *k);
/* s with & < > " escaped for HTML and SVG text and attributes. */
void rd_xml_text(FILE *f, const char *s);
/* n spaces. */
void rd_indent(FILE *f, int n);
/* The nonzero verdict counts in a fixed order ("2 HOLDS, 1 FAILS"), or
 * "nothing checked". */
void rd_verdict_counts(FILE *f, const json_t *counts);
/* PREFIX "Minimal counterexample (N shrinking steps; ...)" for a sweep's
 * minimal instance. */
void rd_minimal_heading(char *buf, size_t cap, const char *prefix, const json_t *min);
bool rd_is_scalar(const json_t *v);
/* A scalar as text: strings as they are, integers, "yes"/"no", "none". */
const char *rd_scalar(const json_t *v, char *buf, size_t cap);
/* An array of at most 8 scalars without spaces whose text fits in 80
 * characters (one line: "1, 2, 3"). */
bool rd_short_scalar_array(const json_t *v);
/* A non-empty object of at most 6 scalar members fitting in 100 characters. */
bool rd_flat_object(const json_t *v);
/* The sorted names of the margins over all rows (new reference). */
json_t *rd_margin_names(const json_t *rows);

#endif

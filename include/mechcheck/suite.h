/* Claim suites and the report model.
 *
 * A suite (proofs/<paper>.suite.json) says which claims of a paper are
 * checked on which instances and swept over which families:
 *
 *   {"schema": "mechcheck-suite/1", "paper": "synthetic",
 *    "limits": {"max_nodes": N, "timeout": S},          optional, per check
 *    "claims": {
 *      "half-share": {
 *        "instances": [{"params": {...}, "note": "..."}, ...],
 *        "sweeps": [{"over": "n=1..6,step=0..3", "fixed": {"pie": 12},
 *                    "shrink": true, "note": "...",
 *                    "plot": {"x": "n", "y": "share_minus_half", "series": "step"}}]}}}
 *
 * Running a suite gives the report model, a JSON document that every
 * report format renders ("mechcheck-report/1"; see docs in report.h), and
 * the timings, kept apart so that the report itself is deterministic. */
#ifndef MECHCHECK_SUITE_H
#define MECHCHECK_SUITE_H

#include <jansson.h>

#include "mechcheck/claim.h"

#define MC_REPORT_SCHEMA "mechcheck-report/1"
#define MC_SUITE_SCHEMA "mechcheck-suite/1"
#define MC_SWEEP_MAX_ROWS 2000 /* rows kept per sweep in the report */

/* Reads a suite file and checks it against the registry: unknown paper,
 * claims, members, bad families or parameters are MC_EINPUT naming the
 * file and the entry. */
mc_status mc_suite_load(const char *path, json_t **suite, mc_error *err);

typedef struct mc_suite_opts {
    mc_check_opts check;   /* limits per check; non-zero values override the suite's */
    const char *source;    /* how the report names the suite ("proofs/x.suite.json") */
    /* optional progress: what is being checked, and how far along a sweep */
    void (*progress)(void *arg, const char *what, uint64_t done, uint64_t total);
    void *arg;
} mc_suite_opts;

/* Runs the suite of paper p (suite NULL: nothing is checked and every claim
 * is NOT-CHECKED).  *report receives the model, *timings (may be NULL) the
 * seconds and work per check and sweep. */
mc_status mc_suite_run(const mc_paper *p, const json_t *suite, const mc_suite_opts *o,
                       json_t **report, json_t **timings, mc_error *err);

/* The overall verdict of a claim in a report: "HOLDS", "FAILS",
 * "UNDECIDED", "NOT-APPLICABLE" or "NOT-CHECKED". */
#define MC_NOT_CHECKED_NAME "NOT-CHECKED"

/* The JSON of one claim result as reports and `check --json` show it:
 * {"claim","params","command","verdict","reason","witness","margins"}. */
json_t *mc_result_json(const mc_claim *c, const mc_instance *in, const mc_claim_result *r);

/* "mechcheck check CLAIM --set ..." for an instance (malloc'd). */
char *mc_check_command(const mc_claim *c, const mc_instance *in);

#endif

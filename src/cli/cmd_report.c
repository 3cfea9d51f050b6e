/* mechcheck report (PAPER | --all): runs a paper's claim suite and writes the
 * verification report (Markdown, JSON or HTML), the timings apart. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/claim_cli.h"
#include "cli/cli.h"
#include "mechcheck/report.h"
#include "mechcheck/suite.h"

enum {
    OPT_HELP,
    OPT_ALL,
    OPT_FORMAT,
    OPT_OUTPUT,
    OPT_SUITE,
    OPT_PROOFS,
    OPT_TIMINGS,
    OPT_MAX_NODES,
    OPT_TIMEOUT,
    OPT_THREADS,
    OPT_QUIET
};

static const cli_option report_options[] = {
    {"all", 0, CLI_NO_ARG, OPT_ALL, NULL, "every paper, one file each in the -o directory"},
    {"format", 'f', CLI_REQ_ARG, OPT_FORMAT, "md|json|html",
     "Markdown (default), JSON, or one self-contained HTML file with SVG plots"},
    {"output", 'o', CLI_REQ_ARG, OPT_OUTPUT, "FILE|DIR",
     "write to FILE (default: standard output); with --all a directory (default reports)"},
    {"suite", 0, CLI_REQ_ARG, OPT_SUITE, "FILE",
     "the suite to run (default: DIR/PAPER.suite.json of --proofs)"},
    {"proofs", 0, CLI_REQ_ARG, OPT_PROOFS, "DIR", "where the suites are (default: proofs)"},
    {"timings", 0, CLI_REQ_ARG, OPT_TIMINGS, "FILE",
     "write the timings (seconds and work per check) as Markdown to FILE"},
    {"max-nodes", 0, CLI_REQ_ARG, OPT_MAX_NODES, "N",
     "per check: stop after N nodes (UNDECIDED); overrides the suite's limit"},
    {"timeout", 0, CLI_REQ_ARG, OPT_TIMEOUT, "S", "per check: stop after S seconds (UNDECIDED)"},
    {"threads", 'j', CLI_REQ_ARG, OPT_THREADS, "N",
     "checks run side by side on N threads (default 0: every core); same report"},
    {"quiet", 'q', CLI_NO_ARG, OPT_QUIET, NULL,
     "no per-claim summary (printed when the report goes to a file)"},
    {"help", 'h', CLI_NO_ARG, OPT_HELP, NULL, "show this help"},
    {NULL, 0, 0, 0, NULL, NULL},
};

void cli_help_report(FILE *f)
{
    fprintf(f,
            "usage: mechcheck report PAPER [--format md|json|html] [-o FILE] [--suite FILE] [-j N]\n"
            "       mechcheck report --all [--format md|json|html] [-o DIR] [--proofs DIR] [-j N]\n"
            "\n"
            "Runs a paper's claim suite (which claims on which instances and sweeps, a\n"
            "JSON file: proofs/PAPER.suite.json) and writes the verification report: every\n"
            "claim of the paper, the instances checked, verdicts, witnesses and\n"
            "counterexamples, sweeps as tables (and, in HTML, as SVG plots of verdict and\n"
            "margin against the swept parameter).  The report is deterministic: the same\n"
            "suite gives the same bytes; timings go to a separate file (--timings).\n"
            "A paper without a suite is reported with every claim NOT-CHECKED.\n"
            "\n"
            "With --all every registered paper is reported into the -o directory as\n"
            "PAPER.md (or .json, .html) with PAPER.timings.md, and one line per claim is\n"
            "printed on standard output.\n"
            "\n"
            "options:\n");
    cli_print_options(f, report_options);
    fprintf(f, "\n"
               "exit status: 0 no checked claim fails (NOT-APPLICABLE and UNDECIDED are\n"
               "reported, not failures), 1 some claim fails, 2 error (including a check that\n"
               "stopped with an error; the report is still written and shows it).\n"
               "\n"
               "example: mechcheck report synthetic --format html -o synthetic.html\n");
}

typedef struct {
    const json_t *doc;
    mc_report_format fmt;
} report_out;

static mc_status write_report(FILE *f, const void *arg, mc_error *err)
{
    const report_out *r = arg;
    return mc_report_write(f, r->doc, r->fmt, err);
}

static mc_status write_timings(FILE *f, const void *arg, mc_error *err)
{
    return mc_timings_markdown(f, arg, err);
}

static void on_progress(void *arg, const char *what, uint64_t done, uint64_t total)
{
    cli_progress *p = arg;
    if (total > 1)
        cli_progress_show(p, "report: %s: %llu/%llu", what, (unsigned long long)done,
                          (unsigned long long)total);
    else
        cli_progress_show(p, "report: %s", what);
}

static bool file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* The exit status a report calls for. */
static int report_status(const json_t *doc)
{
    const json_t *s = json_object_get(doc, "summary");
    if (json_integer_value(json_object_get(s, "ERROR")))
        return CLI_EXIT_ERROR;
    return json_integer_value(json_object_get(s, "FAILS")) ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

static void print_summary(FILE *f, const json_t *doc)
{
    size_t i;
    const json_t *c;
    json_array_foreach (json_object_get(doc, "claims"), i, c) {
        const json_t *counts = json_object_get(c, "counts");
        fprintf(f, "%-40s %-15s", json_string_value(json_object_get(c, "id")),
                json_string_value(json_object_get(c, "verdict")));
        static const char *const order[] = {"HOLDS", "FAILS", "UNDECIDED", "NOT-APPLICABLE",
                                            "ERROR", NULL};
        bool first = true;
        for (const char *const *k = order; *k; k++) {
            json_int_t n = json_integer_value(json_object_get(counts, *k));
            if (n) {
                fprintf(f, "%s%lld %s", first ? "" : ", ", (long long)n, *k);
                first = false;
            }
        }
        fputc('\n', f);
    }
}

typedef struct {
    mc_report_format fmt;
    const char *proofs;
    const char *suite;      /* explicit --suite, or NULL */
    const char *output;     /* file, or NULL = stdout */
    const char *timings;    /* file, or NULL */
    mc_check_opts check;
    bool quiet;
    FILE *summary;          /* where the per-claim lines go */
} report_req;

/* One paper: load its suite, run, write.  Returns the exit status. */
static int report_paper(const report_req *q, const mc_paper *p)
{
    char path[4096];
    const char *suite_path = q->suite;
    if (!suite_path) {
        snprintf(path, sizeof path, "%s/%s.suite.json", q->proofs, p->id);
        suite_path = file_exists(path) ? path : NULL;
        if (!suite_path && !q->quiet)
            cli_errorf("report: %s: no suite %s; every claim is NOT-CHECKED", p->id, path);
    }
    json_t *suite = NULL;
    mc_error err;
    mc_error_clear(&err);
    if (suite_path && mc_suite_load(suite_path, &suite, &err) != MC_OK)
        return cli_report_error(&err);
    const char *pid = json_string_value(json_object_get(suite, "paper"));
    if (suite && strcmp(pid, p->id) != 0) {
        cli_errorf("report: %s is the suite of '%s', not of '%s'", suite_path, pid, p->id);
        json_decref(suite);
        return CLI_EXIT_ERROR;
    }
    const char *base = suite_path ? strrchr(suite_path, '/') : NULL;
    cli_progress prog;
    cli_progress_init(&prog);
    mc_suite_opts so = {.check = q->check,
                        .source = suite_path ? (base ? base + 1 : suite_path) : NULL,
                        .progress = on_progress,
                        .arg = &prog};
    json_t *doc = NULL, *timings = NULL;
    mc_status st = mc_suite_run(p, suite, &so, &doc, &timings, &err);
    cli_progress_clear(&prog);
    json_decref(suite);
    if (st != MC_OK)
        return cli_report_error(&err);
    report_out out = {.doc = doc, .fmt = q->fmt};
    int status = report_status(doc);
    if (!cli_write(q->output, write_report, &out))
        status = CLI_EXIT_ERROR;
    if (q->timings && !cli_write(q->timings, write_timings, timings))
        status = CLI_EXIT_ERROR;
    if (!q->quiet && q->summary)
        print_summary(q->summary, doc);
    json_decref(doc);
    json_decref(timings);
    return status;
}

static int worse(int a, int b)
{
    return a > b ? a : b;
}

int cli_cmd_report(int argc, char **argv)
{
    report_req q = {.fmt = MC_FORMAT_MD, .proofs = "proofs"};
    const char *paper = NULL;
    bool all = false;
    cli_parser p;
    cli_parser_init(&p, "report", argc, argv);
    const char *arg;
    int id;
    mc_error err;
    while ((id = cli_next(&p, report_options, &arg)) != CLI_END) {
        switch (id) {
        case CLI_POSITIONAL:
            if (paper) {
                cli_errorf("report: one paper only, got '%s' and '%s' (or --all)", paper, arg);
                return CLI_EXIT_ERROR;
            }
            paper = arg;
            break;
        case OPT_HELP:
            cli_help_report(stdout);
            return cli_flush_stdout() ? CLI_EXIT_OK : CLI_EXIT_ERROR;
        case OPT_ALL:
            all = true;
            break;
        case OPT_FORMAT:
            if (mc_report_format_parse(arg, &q.fmt, &err) != MC_OK) {
                cli_errorf("report: %s", err.msg);
                return CLI_EXIT_ERROR;
            }
            break;
        case OPT_OUTPUT:
            q.output = arg;
            break;
        case OPT_SUITE:
            q.suite = arg;
            break;
        case OPT_PROOFS:
            q.proofs = arg;
            break;
        case OPT_TIMINGS:
            q.timings = arg;
            break;
        case OPT_MAX_NODES:
            if (!cli_parse_u64("report", "--max-nodes", arg, &q.check.max_nodes))
                return CLI_EXIT_ERROR;
            break;
        case OPT_TIMEOUT:
            if (!cli_parse_seconds("report", "--timeout", arg, &q.check.timeout))
                return CLI_EXIT_ERROR;
            break;
        case OPT_THREADS:
            if (!cli_parse_threads("report", arg, &q.check.threads))
                return CLI_EXIT_ERROR;
            break;
        case OPT_QUIET:
            q.quiet = true;
            break;
        default:
            return CLI_EXIT_ERROR;
        }
    }
    if (all == (paper != NULL)) {
        cli_errorf("report: name one PAPER or --all (see 'mechcheck list')");
        return CLI_EXIT_ERROR;
    }
    if (!all) {
        const mc_paper *pp = mc_paper_find(paper);
        if (!pp) {
            cli_errorf("report: unknown paper '%s' (see 'mechcheck list')", paper);
            return CLI_EXIT_ERROR;
        }
        q.summary = q.output && strcmp(q.output, "-") != 0 ? stdout : NULL;
        return report_paper(&q, pp);
    }
    if (q.suite) {
        cli_errorf("report: --suite names one paper's suite; with --all use --proofs DIR");
        return CLI_EXIT_ERROR;
    }
    const char *dir = q.output ? q.output : "reports";
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        cli_errorf("report: cannot create directory %s: %s", dir, strerror(errno));
        return CLI_EXIT_ERROR;
    }
    const mc_paper *papers;
    size_t n = mc_papers(&papers);
    int status = CLI_EXIT_OK;
    q.summary = stdout;
    for (size_t i = 0; i < n; i++) {
        char out[4096], tim[4096];
        snprintf(out, sizeof out, "%s/%s.%s", dir, papers[i].id, mc_report_format_ext(q.fmt));
        snprintf(tim, sizeof tim, "%s/%s.timings.md", dir, papers[i].id);
        report_req one = q;
        one.output = out;
        one.timings = tim;
        status = worse(status, report_paper(&one, &papers[i]));
    }
    printf("\nreports written to %s/ (PAPER.%s, timings in PAPER.timings.md)\n", dir,
           mc_report_format_ext(q.fmt));
    return cli_flush_stdout() ? status : CLI_EXIT_ERROR;
}

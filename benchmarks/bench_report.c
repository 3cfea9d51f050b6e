/* Wall-clock time of a paper's default suite (the work of `make proofs` and
 * `make run`) on 1 and on every core, and whether the two reports are the
 * same (they must be: jobs are merged in suite order).  Run from the
 * repository root: build/bench/bench_report [PAPER ...] (default: all
 * papers with a suite in proofs/). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/perfect_revenue_claims.h"
#include "mechcheck/claim.h"
#include "mechcheck/search.h"
#include "mechcheck/suite.h"
#include "util/parallel.h"

static int bench(const char *paper)
{
    const mc_paper *p = mc_paper_find(paper);
    char path[256];
    snprintf(path, sizeof path, "proofs/%s.suite.json", paper);
    json_t *suite = NULL;
    mc_error err;
    if (!p || mc_suite_load(path, &suite, &err) != MC_OK) {
        fprintf(stderr, "bench_report: %s: %s\n", paper, p ? err.msg : "no such paper");
        return 1;
    }
    unsigned all = mc_parallel_threads(0);
    unsigned threads[2] = {1, all};
    char *text[2] = {NULL, NULL};
    double sec[2];
    for (int k = 0; k < 2; k++) {
        mc_suite_opts o = {.check = {.threads = threads[k]}, .source = path};
        json_t *report = NULL;
        mc_pr_run_flush(); /* no audit reused from the other run */
        double t0 = mc_now();
        if (mc_suite_run(p, suite, &o, &report, NULL, &err) != MC_OK) {
            fprintf(stderr, "bench_report: %s: %s\n", paper, err.msg);
            json_decref(suite);
            return 1;
        }
        sec[k] = mc_now() - t0;
        text[k] = json_dumps(report, JSON_SORT_KEYS | JSON_COMPACT);
        json_decref(report);
    }
    bool same = text[0] && text[1] && strcmp(text[0], text[1]) == 0;
    printf("%-16s 1 thread %7.2f s   %u threads %7.2f s   speed-up %.2fx   same report: %s\n",
           paper, sec[0], all, sec[1], sec[0] / sec[1], same ? "yes" : "NO");
    free(text[0]);
    free(text[1]);
    json_decref(suite);
    return same ? 0 : 1;
}

int main(int argc, char **argv)
{
    static const char *const papers[] = {"synthetic", "perfect-revenue", "gum"};
    int status = 0;
    if (argc > 1)
        for (int i = 1; i < argc; i++)
            status |= bench(argv[i]);
    else
        for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++)
            status |= bench(papers[i]);
    return status;
}

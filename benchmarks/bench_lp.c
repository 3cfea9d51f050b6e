/* Maximin LPs on random integer matrices: GLPK (dual simplex) time, exact
 * certificate time (basis re-solve + checks), total.
 * Usage: bench_lp [max_n] [--glp-exact]   (default sizes 50 100 200 400) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mechcheck/maximin.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t rng(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

int main(int argc, char **argv)
{
    size_t max_n = 400;
    mc_lp_options opt;
    mc_lp_options_default(&opt);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--glp-exact"))
            opt.exact = MC_LP_EXACT_ALWAYS;
        else
            max_n = (size_t)strtoul(argv[i], NULL, 10);
    }
    printf("# maximin LP, random integer payoffs in [-100, 100], glp_exact %s\n",
           opt.exact == MC_LP_EXACT_ALWAYS ? "always" : "only if the double basis fails");
    printf("%6s %6s %10s %10s %10s %10s %s\n", "n", "basis", "glpk_s", "exact_s", "total_s",
           "val_bits", "status");
    int failures = 0;
    for (size_t n = 50; n <= max_n; n *= 2) {
        uint64_t seed = 0x1234567ULL + n;
        mc_q *a = malloc(n * n * sizeof *a);
        for (size_t i = 0; i < n * n; i++)
            a[i] = (mc_q)MC_Q_INT((int64_t)(rng(&seed) % 201) - 100);
        mc_maximin m;
        mc_maximin_init(&m);
        mc_error err;
        double t0 = now();
        mc_status st = mc_maximin_matrix(n, n, a, &opt, &m, &err);
        double total = now() - t0;
        size_t bits = 0;
        if (m.lp_status == MC_LP_OPTIMAL_CERTIFIED) {
            char *s = mc_q_strdup(&m.value);
            bits = s ? (size_t)(strlen(s) * 3.32) : 0;
            free(s);
        } else {
            failures++;
        }
        printf("%6zu %6zu %10.3f %10.3f %10.3f %10zu %s%s%s\n", n, m.basis_dim, m.glpk_seconds,
               m.exact_seconds, total, bits,
               st == MC_OK ? mc_lp_status_name(m.lp_status) : err.msg, m.note[0] ? " " : "",
               m.note);
        fflush(stdout);
        mc_maximin_free(&m);
        mc_q_clear_vec(a, n * n);
        free(a);
    }
    return failures ? 1 : 0;
}

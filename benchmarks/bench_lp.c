/* Maximin LPs on random integer matrices: GLPK (dual simplex) time, exact
 * certificate time (basis re-solve by Dixon lifting + the LP and game
 * certificate checks), total (also building the LP).
 * Usage: bench_lp [max_n] [--glp-exact]   (default sizes 50 100 200 400)
 *
 * Recorded (2-core VM, -O3, GLPK 5.0, GMP):
 *      n  basis     glpk_s    exact_s    total_s  val_digits
 *     50     30      0.002      0.002      0.005     134
 *    100     50      0.007      0.004      0.015     238
 *    200     93      0.048      0.021      0.081     468
 *    400    197      0.558      0.139      0.755    1059
 * With --glp-exact (GLPK's rational simplex from the optimal basis):
 * glpk_s 0.010 / 0.078 / 0.71 / ~25 s for n = 50 / 100 / 200 / 400. */
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
           opt.exact == MC_LP_EXACT_ALWAYS ? "always" : "only if exact repair fails");
    printf("%6s %6s %10s %10s %10s %11s %6s %s\n", "n", "basis", "glpk_s", "exact_s", "total_s",
           "val_digits", "pivots", "status");
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
        size_t digits = 0;
        if (m.lp_status == MC_LP_OPTIMAL_CERTIFIED) {
            char *s = mc_q_strdup(&m.value);
            digits = s ? strlen(s) : 0;
            free(s);
        } else {
            failures++;
        }
        printf("%6zu %6zu %10.3f %10.3f %10.3f %11zu %6d %s%s%s\n", n, m.basis_dim,
               m.glpk_seconds, m.exact_seconds, total, digits, m.exact_pivots,
               st == MC_OK ? mc_lp_status_name(m.lp_status) : err.msg, m.note[0] ? " " : "",
               m.note);
        fflush(stdout);
        mc_maximin_free(&m);
        mc_q_clear_vec(a, n * n);
        free(a);
    }
    return failures ? 1 : 0;
}

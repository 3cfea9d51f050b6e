/* CPGUP of GUM with exact certificates on N = 3 agents, T = 3 periods,
 * 2 types per agent and period (262,144 leaves per game), random seeded
 * environments: per agent, the game with the other two pooled is compiled,
 * the truthful guarantee (A) is found by DP (min and max), and the value is
 * certified exactly by the saddle-point certificate (both best responses
 * by DP).  With --lp the sequence-form LP (GLPK + exact basis certificate
 * + DP re-check) is solved too, and BTM on the same environment (whose
 * value needs the LP) is timed.
 * Usage: bench_gum [--lp] [seed ...]   (default seeds 1 2 3) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claim/gum_claims.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int run(uint64_t seed, const char *mech, bool lp)
{
    char sd[32], mc[32];
    snprintf(sd, sizeof sd, "seed=%llu", (unsigned long long)seed);
    snprintf(mc, sizeof mc, "mech=%s", mech);
    const char *kv[] = {"env=random", "n=3", "T=3", "k=2", "x=2", sd, mc};
    mc_instance in;
    mc_error err;
    mc_instance_init(&in, "bench", &err);
    for (size_t k = 0; k < sizeof kv / sizeof kv[0]; k++)
        mc_instance_set(&in, kv[k], &err);
    double t0 = now();
    mc_gum_setup s;
    if (mc_gum_setup_read(&s, &in, &err) != MC_OK) {
        fprintf(stderr, "bench_gum: %s\n", err.msg);
        mc_instance_free(&in);
        return 1;
    }
    double t_setup = now() - t0;
    mc_gum_guar_opts o;
    mc_gum_guar_opts_default(&o);
    o.lp = lp;
    o.saddle = true;
    mc_q sum = MC_Q_ZERO;
    bool all = true;
    double tb = 0, ta = 0, ts = 0, tl = 0;
    unsigned leaves = 0, sets_i = 0, seq_i = 0, sets_c = 0, seq_c = 0;
    size_t rows = 0, cols = 0;
    for (unsigned i = 1; i <= 3; i++) {
        mc_gum_guar g;
        mc_gum_guar_init(&g);
        if (mc_gum_guarantee(&s, i, &o, &g, &err) != MC_OK) {
            fprintf(stderr, "bench_gum: %s\n", err.msg);
            mc_gum_guar_free(&g);
            mc_gum_setup_free(&s);
            mc_instance_free(&in);
            return 1;
        }
        all = all && g.certified;
        if (g.certified)
            mc_q_add(&sum, &sum, &g.value);
        tb += g.sec_build;
        ta += g.sec_a;
        ts += g.sec_saddle;
        tl += g.sec_lp;
        leaves = g.leaves;
        if (i == 1) {
            sets_i = g.sets_i;
            seq_i = g.seq_i;
            sets_c = g.sets_c;
            seq_c = g.seq_c;
            rows = g.lp_rows;
            cols = g.lp_cols;
        }
        mc_gum_guar_free(&g);
    }
    double total = now() - t0;
    char sbuf[64], wbuf[64];
    mc_q_snprint(sbuf, sizeof sbuf, &sum);
    mc_q_snprint(wbuf, sizeof wbuf, &s.pol.W);
    const char *verdict = !all ? "UNDECIDED" : mc_q_eq(&sum, &s.pol.W) ? "HOLDS" : "FAILS";
    printf("%4llu %-4s %7u %5u/%-5u %5u/%-6u %6.3f %7.3f %6.3f %7.3f %7.3f %8.3f  %s/%s %s",
           (unsigned long long)seed, mech, leaves, sets_i, seq_i, sets_c, seq_c, t_setup, tb, ta,
           ts, tl, total, sbuf, wbuf, verdict);
    if (lp)
        printf("  (LP %zux%zu)", rows, cols);
    printf("\n");
    mc_q_clear(&sum);
    mc_gum_setup_free(&s);
    mc_instance_free(&in);
    return 0;
}

int main(int argc, char **argv)
{
    bool lp = false;
    uint64_t seeds[16];
    size_t ns = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--lp"))
            lp = true;
        else if (ns < 16)
            seeds[ns++] = strtoull(argv[i], NULL, 10);
    }
    if (!ns) {
        seeds[0] = 1, seeds[1] = 2, seeds[2] = 3;
        ns = 3;
    }
    printf("# CPGUP, N=3 T=3 K=2 (V0, pooled others), times in seconds summed over the 3 agents\n");
    printf("%4s %-4s %7s %11s %12s %6s %7s %6s %7s %7s %8s  %s\n", "seed", "mech", "leaves",
           "i sets/seq", "C sets/seq", "setup", "compile", "dp(A)", "saddle", "lp", "total",
           "sum/W* verdict");
    int bad = 0;
    for (size_t k = 0; k < ns; k++) {
        bad |= run(seeds[k], "gum", lp);
        if (lp)
            bad |= run(seeds[k], "btm", true);
    }
    return bad;
}

/* Benchmark: iterated dominance with mixed dominators (exact LPs) on
 * 2-player games of 50x50 and 100x100:
 *  - random: payoffs uniform in {0..999} (few mixed dominations; most
 *    questions are settled by the exact pre-tests, the rest by an LP);
 *  - planted: every third strategy of each player is a random mixture of
 *    three others minus a small gap, so it is dominated by a mixture only,
 *    and iterated elimination runs several LP-heavy rounds.
 * Prints wall times, LP counts and the time per LP.
 * Usage: bench_dominance_mixed [seed]
 *
 * Recorded (2-core VM shared with other jobs, -O3, GLPK 5.0, seed 1), iterated
 * elimination in rounds with mixed dominators:
 *   game           notion   total   LPs  ms/LP  deleted (all by mixtures)
 *   random 50x50   strict    79 ms   36   2.2     0
 *   random 50x50   weak     128 ms   37   3.5     0
 *   planted 50x50  strict   126 ms   71   1.8    32
 *   planted 50x50  weak     191 ms   77   2.5    32
 *   random 100x100 strict   627 ms   71   8.8     0
 *   random 100x100 weak     836 ms   79  10.6     0
 *   planted 100^2  strict   588 ms  143   4.1    66
 *   planted 100^2  weak     996 ms  145   6.9    66
 * About 2/3 of the questions are settled by the exact pre-tests (a strategy
 * that is a best response to some pure profile of the others); pure
 * dominance alone takes 0.04-0.16 ms on the same games. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mechcheck/dominance.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t next_rand(uint64_t *s)
{
    *s = *s * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
    return *s >> 33;
}

static void die(const char *what, const mc_error *err)
{
    fprintf(stderr, "bench_dominance_mixed: %s: %s\n", what, err->msg);
    exit(2);
}

static void random_game(mc_sform *sf, uint32_t n, uint64_t *rng)
{
    uint32_t ns[2] = {n, n};
    mc_error err;
    if (mc_sform_init(sf, 2, ns, false, 0, &err) != MC_OK)
        die("init", &err);
    for (uint64_t i = 0; i < sf->nprofiles * 2; i++)
        mc_q_set_i64(&sf->payoff[i], (int64_t)(next_rand(rng) % 1000));
}

/* Strategy s = 3k+2 of each agent := (w1 x + w2 y + w3 z) / 10 - 1/7 for
 * three random strategies x, y, z not of that form (weights 1..8 summing
 * to 10): dominated by that mixture, rarely by a pure strategy. */
static void planted_game(mc_sform *sf, uint32_t n, uint64_t *rng)
{
    random_game(sf, n, rng);
    mc_q w = MC_Q_ZERO, gap = MC_Q_ZERO;
    mc_q_set_frac(&gap, 1, 7);
    for (unsigned a = 0; a < 2; a++) {
        uint64_t st = sf->stride[a], ntau = sf->nprofiles / n;
        for (uint32_t s = 2; s < n; s += 3) {
            uint32_t t[3];
            int64_t wt[3] = {1 + (int64_t)(next_rand(rng) % 4), 1 + (int64_t)(next_rand(rng) % 4),
                             0};
            wt[2] = 10 - wt[0] - wt[1];
            for (int i = 0; i < 3; i++)
                do
                    t[i] = (uint32_t)(next_rand(rng) % n);
                while (t[i] % 3 == 2);
            for (uint64_t tau = 0; tau < ntau; tau++) {
                uint64_t base = tau % st + (tau / st) * st * n; /* profile with a playing 0 */
                mc_q *u = mc_sform_payoff(sf, base + s * st, a);
                mc_q_set_i64(u, 0);
                for (int i = 0; i < 3; i++) {
                    mc_q_set_frac(&w, wt[i], 10);
                    mc_q_addmul(u, &w, mc_sform_payoff(sf, base + t[i] * st, a));
                }
                mc_q_sub(u, u, &gap);
            }
        }
    }
    mc_q_clear(&w);
    mc_q_clear(&gap);
}

static void run(const char *name, const mc_sform *sf, mc_dom_notion notion)
{
    mc_error err;
    mc_dom_game dg;
    if (mc_dom_game_init(&dg, sf, &err) != MC_OK)
        die("ranks", &err);
    mc_dom_options opt;
    mc_dom_options_default(&opt, notion, MC_DOM_ROUNDS);
    double t0 = now();
    mc_dom_result pure;
    if (mc_dom_iterate(&dg, NULL, &opt, &pure, &err) != MC_OK)
        die("pure", &err);
    double t1 = now();
    mc_dom_lp ctx;
    mc_dom_lp_init(&ctx);
    opt.mixed = mc_dom_mixed_lp;
    opt.mixed_ctx = &ctx;
    mc_dom_result mixed;
    if (mc_dom_iterate(&dg, NULL, &opt, &mixed, &err) != MC_OK)
        die("mixed", &err);
    double t2 = now();
    if (mc_dom_verify(&dg, NULL, &mixed, &err) != MC_OK)
        die("verify", &err);
    double t3 = now();
    size_t nmixed = 0;
    for (size_t i = 0; i < mixed.ntrace; i++)
        nmixed += mixed.trace[i].dominator == MC_DOM_MIXED;
    printf("%-16s %-6s pure %8.2f ms (%3zu deleted) | mixed %9.1f ms, %2u deleting rounds, "
           "%3zu deleted (%3zu by mixtures), survivors %3" PRIu32 " %3" PRIu32
           " | asked %5" PRIu64 ", pre-tested %5" PRIu64 ", LPs %4" PRIu64 " (%.2f ms each) | "
           "re-check %.1f ms\n",
           name, mc_dom_notion_name(notion), 1e3 * (t1 - t0), pure.ntrace, 1e3 * (t2 - t1),
           mixed.ndeleting, mixed.ntrace, nmixed, mixed.survivors.count[0],
           mixed.survivors.count[1], ctx.asked, ctx.pretested, ctx.lps,
           ctx.lps ? 1e3 * ctx.seconds / (double)ctx.lps : 0.0, 1e3 * (t3 - t2));
    fflush(stdout);
    mc_dom_result_free(&pure);
    mc_dom_result_free(&mixed);
    mc_dom_game_free(&dg);
}

int main(int argc, char **argv)
{
    uint64_t rng = argc > 1 ? strtoull(argv[1], NULL, 10) : 1;
    static const uint32_t sizes[] = {50, 100};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char name[64];
        mc_sform sf;
        random_game(&sf, sizes[i], &rng);
        snprintf(name, sizeof name, "random %ux%u", sizes[i], sizes[i]);
        run(name, &sf, MC_DOM_STRICT);
        run(name, &sf, MC_DOM_WEAK);
        mc_sform_free(&sf);
        planted_game(&sf, sizes[i], &rng);
        snprintf(name, sizeof name, "planted %ux%u", sizes[i], sizes[i]);
        run(name, &sf, MC_DOM_STRICT);
        run(name, &sf, MC_DOM_WEAK);
        mc_sform_free(&sf);
    }
    return 0;
}

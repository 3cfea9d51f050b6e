/* Benchmark: iterated strict and weak dominance (maximal rounds) and pure
 * Nash enumeration on random games (100x100, 300x300, 50x50x50) and on a
 * 2-player beauty contest whose IESDS takes many rounds, and a worst case
 * for the pair tests (near-dominance).
 * Usage: bench_dominance [seed] */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mechcheck/dominance.h"
#include "mechcheck/nash.h"

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
    fprintf(stderr, "bench_dominance: %s: %s\n", what, err->msg);
    exit(2);
}

/* Payoffs uniform in {0..999}. */
static void random_game(mc_sform *sf, unsigned na, uint32_t n, uint64_t *rng)
{
    uint32_t ns[3] = {n, n, n};
    mc_error err;
    if (mc_sform_init(sf, na, ns, false, 0, &err) != MC_OK)
        die("init", &err);
    for (uint64_t i = 0; i < sf->nprofiles * na; i++)
        mc_q_set_i64(&sf->payoff[i], (int64_t)(next_rand(rng) % 1000));
}

/* Worst case for the pair tests: s < t against every profile of the others
 * but the last, where the order reverses, so nothing is dominated and about
 * half of the n^2 pair tests scan a whole row. */
static void near_dominance(mc_sform *sf, uint32_t n, uint64_t *rng)
{
    uint32_t ns[2] = {n, n};
    mc_error err;
    if (mc_sform_init(sf, 2, ns, false, 0, &err) != MC_OK)
        die("init", &err);
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t j = 0; j < n; j++) {
            uint64_t p = i + (uint64_t)j * n;
            int64_t noise0 = (int64_t)(next_rand(rng) % 1000),
                    noise1 = (int64_t)(next_rand(rng) % 1000);
            mc_q_set_i64(mc_sform_payoff(sf, p, 0),
                         j + 1 < n ? 1000 * (int64_t)i + noise0 : -(int64_t)i);
            mc_q_set_i64(mc_sform_payoff(sf, p, 1),
                         i + 1 < n ? 1000 * (int64_t)j + noise1 : -(int64_t)j);
        }
}

/* Guess 2/3 of the average on {0..n-1}: u_i = -(x_i - (x_1 + x_2)/3)^2. */
static void beauty_contest(mc_sform *sf, uint32_t n)
{
    uint32_t ns[2] = {n, n};
    mc_error err;
    if (mc_sform_init(sf, 2, ns, false, 0, &err) != MC_OK)
        die("init", &err);
    for (uint32_t x1 = 0; x1 < n; x1++)
        for (uint32_t x2 = 0; x2 < n; x2++) {
            int64_t x[2] = {x1, x2};
            for (unsigned i = 0; i < 2; i++) {
                int64_t d = 3 * x[i] - (x[0] + x[1]); /* 3 * (x_i - target) */
                mc_q_set_frac(mc_sform_payoff(sf, x1 + (uint64_t)x2 * n, i), -d * d, 9);
            }
        }
}

static void run(const char *name, mc_sform *sf)
{
    mc_error err;
    mc_dom_game dg;
    double t0 = now();
    if (mc_dom_game_init(&dg, sf, &err) != MC_OK)
        die("ranks", &err);
    double t1 = now();
    printf("%-23s profiles %9" PRIu64 "  ranks      %9.2f ms\n", name, sf->nprofiles,
           1e3 * (t1 - t0));
    for (int notion = MC_DOM_STRICT; notion <= MC_DOM_WEAK; notion++) {
        mc_dom_options opt;
        mc_dom_options_default(&opt, (mc_dom_notion)notion, MC_DOM_ROUNDS);
        mc_dom_result r;
        t0 = now();
        if (mc_dom_iterate(&dg, NULL, &opt, &r, &err) != MC_OK)
            die("iterate", &err);
        t1 = now();
        printf("%-23s %-6s rounds %9.2f ms  (%u deleting rounds, %zu deleted, survivors", name,
               mc_dom_notion_name((mc_dom_notion)notion), 1e3 * (t1 - t0), r.ndeleting, r.ntrace);
        for (unsigned a = 0; a < sf->nagents; a++)
            printf(" %" PRIu32, r.survivors.count[a]);
        printf(")\n");
        mc_dom_result_free(&r);
    }
    mc_nash_result nr;
    t0 = now();
    if (mc_nash_pure(sf, NULL, 0, &nr, &err) != MC_OK)
        die("nash", &err);
    t1 = now();
    printf("%-23s pure NE      %9.2f ms  (%zu equilibria)\n", name, 1e3 * (t1 - t0), nr.count);
    mc_nash_result_free(&nr);
    mc_dom_game_free(&dg);
}

int main(int argc, char **argv)
{
    uint64_t rng = argc > 1 ? strtoull(argv[1], NULL, 10) : 1;
    static const struct {
        const char *name;
        unsigned na;
        uint32_t n;
    } games[] = {
        {"random 100x100", 2, 100}, {"random 300x300", 2, 300}, {"random 50x50x50", 3, 50}};
    for (size_t g = 0; g < sizeof games / sizeof games[0]; g++) {
        mc_sform sf;
        random_game(&sf, games[g].na, games[g].n, &rng);
        run(games[g].name, &sf);
        mc_sform_free(&sf);
    }
    mc_sform sf;
    near_dominance(&sf, 300, &rng);
    run("near-dominance 300x300", &sf);
    mc_sform_free(&sf);
    beauty_contest(&sf, 101);
    run("beauty contest 101^2", &sf);
    mc_sform_free(&sf);
    return 0;
}

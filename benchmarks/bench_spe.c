/* Backward induction speed on random perfect-information trees (2 players,
 * integer payoffs; random_tree.h): the tree fast path from 10^4 to 10^7
 * nodes, and the generic generator solver on the same trees up to 10^6.
 * Prints ns per node (best of 3) and the stored tree's bytes per node.
 * Usage: bench_spe [max_nodes]. */
#include "mechcheck/spe.h"
#include "random_tree.h"

static double best_of(int reps, mc_tree *t, bool generic)
{
    double best = 1e30;
    mc_error err;
    for (int r = 0; r < reps; r++) {
        mc_spe_result res;
        mc_game g;
        mc_tree_game(t, &g, &err);
        double t0 = now();
        mc_status st = generic ? mc_spe_solve(&g, NULL, &res, &err)
                               : mc_spe_solve_tree(t, NULL, &res, &err);
        double s = now() - t0;
        if (st != MC_OK)
            die("solve", &err);
        mc_spe_result_free(&res);
        best = s < best ? s : best;
    }
    return best;
}

static void run(uint32_t b, uint32_t target)
{
    mc_tree t;
    build_tree(&t, b, (target - 1) / b);
    double fast = best_of(3, &t, false);
    printf("%9u %3u %10.1f", t.nnodes, b, 1e9 * fast / t.nnodes);
    if (t.nnodes <= 1100000)
        printf(" %10.1f", 1e9 * best_of(1, &t, true) / t.nnodes);
    else
        printf(" %10s", "-");
    printf(" %8.1f\n", (double)mc_tree_bytes(&t) / t.nnodes);
    mc_tree_free(&t);
}

int main(int argc, char **argv)
{
    uint64_t max = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000;
    printf("# backward induction on random perfect-information trees (2 players, integer payoffs)\n");
    printf("%9s %3s %10s %10s %8s\n", "nodes", "b", "fast_ns", "generic_ns", "B/node");
    for (uint64_t n = 10000; n <= max; n *= 10)
        for (uint32_t b = 2; b <= 4; b += 2)
            run(b, (uint32_t)n);
    return 0;
}

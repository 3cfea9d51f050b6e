/* Backward induction speed: random perfect-information trees (binary and
 * 4-ary, two players, integer payoffs in [0, 1000)) of 10^4..10^7 nodes,
 * solved by the tree fast path and by the generic generator solver.
 * Prints ns per node and bytes per node.  Usage: bench_spe [max_nodes]. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mechcheck/spe.h"
#include "mechcheck/tree.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t rng_state = 12345;
static uint32_t rnd(uint32_t n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)((rng_state >> 33) % n);
}

/* A random tree with about `target` nodes: every inner node has `arity`
 * children; leaves appear where the remaining budget runs out, so the shape
 * is irregular but complete. */
static void build(mc_tree *t, uint32_t *infoset_of_player, uint64_t budget, unsigned arity,
                  unsigned depth)
{
    if (budget < (uint64_t)arity + 1 || depth > 60) {
        mc_q pay[2] = {MC_Q_INT((int64_t)rnd(1000)), MC_Q_INT((int64_t)rnd(1000))};
        uint32_t o = mc_tree_add_outcome(t, pay, 0, 0, NULL);
        mc_tree_add_node(t, MC_TNODE_TERMINAL, 0, o, 0, NULL);
        return;
    }
    unsigned player = depth % 2;
    uint32_t labels[8] = {0};
    uint32_t is = mc_tree_add_infoset(t, player, arity, labels, 0, 0, NULL);
    (void)infoset_of_player;
    mc_tree_add_node(t, MC_TNODE_DECISION, is, MC_TREE_NONE, 0, NULL);
    uint64_t rest = budget - 1;
    for (unsigned c = 0; c < arity; c++) {
        uint64_t share = rest / (arity - c);
        /* jitter the split so subtrees differ */
        if (share > 4 && c + 1 < arity)
            share = share / 2 + rnd((uint32_t)(share > UINT32_MAX ? UINT32_MAX : share));
        if (share < 1)
            share = 1;
        if (share > rest - (arity - c - 1))
            share = rest - (arity - c - 1);
        build(t, infoset_of_player, share, arity, depth + 1);
        rest -= share;
    }
}

static void run(uint64_t target, unsigned arity)
{
    mc_tree t;
    mc_error err;
    mc_tree_init(&t, 2, &err);
    build(&t, NULL, target, arity, 0);
    if (mc_tree_finish(&t, &err) != MC_OK) {
        fprintf(stderr, "finish: %s\n", err.msg);
        exit(1);
    }
    mc_spe_result r;
    double t0 = now();
    if (mc_spe_solve_tree(&t, NULL, &r, &err) != MC_OK) {
        fprintf(stderr, "solve: %s\n", err.msg);
        exit(1);
    }
    double fast = now() - t0;
    mc_spe_result_free(&r);
    double gen = -1;
    if (target <= 1000000) {
        mc_game g;
        mc_tree_game(&t, &g, &err);
        t0 = now();
        if (mc_spe_solve(&g, NULL, &r, &err) != MC_OK) {
            fprintf(stderr, "solve: %s\n", err.msg);
            exit(1);
        }
        gen = now() - t0;
        mc_spe_result_free(&r);
    }
    printf("%9u nodes  arity %u  fast path %6.1f ns/node", t.nnodes, arity, 1e9 * fast / t.nnodes);
    if (gen >= 0)
        printf("  generic %7.1f ns/node", 1e9 * gen / t.nnodes);
    printf("  tree %5.1f B/node\n", (double)mc_tree_bytes(&t) / t.nnodes);
    mc_tree_free(&t);
}

int main(int argc, char **argv)
{
    uint64_t max = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000;
    printf("backward induction on random perfect-information trees (2 players, integer payoffs)\n");
    for (uint64_t n = 10000; n <= max; n *= 10) {
        run(n, 2);
        run(n, 4);
    }
    return 0;
}

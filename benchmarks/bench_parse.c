/* Parsing speed of large .efg files.
 *
 * Builds random perfect-information trees (every internal node has b = 2 or
 * 4 children and its own information set, every leaf its own outcome with
 * integer payoffs), writes them with mc_efg_write into memory, and times
 * mc_efg_parse on the text.  Prints time per node, nodes per second and the
 * parsed tree's bytes per node. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mechcheck/gambit.h"

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void die(const char *what, const mc_error *err)
{
    fprintf(stderr, "bench_parse: %s: %s\n", what, err->msg);
    exit(1);
}

/* A random tree with `internal` internal nodes of b children each: random
 * leaves are expanded until the count is reached, then the shape is emitted
 * in preorder. */
static void build_tree(mc_tree *t, uint32_t b, uint32_t internal)
{
    mc_error err;
    uint32_t n = 1 + b * internal;
    uint32_t *first = malloc((size_t)n * sizeof *first); /* first child, 0 = leaf */
    uint32_t *leaves = malloc((size_t)n * sizeof *leaves);
    uint32_t *stack = malloc((size_t)n * sizeof *stack);
    if (!first || !leaves || !stack) {
        fprintf(stderr, "bench_parse: out of memory\n");
        exit(1);
    }
    uint32_t count = 1, nleaves = 1;
    first[0] = 0;
    leaves[0] = 0;
    for (uint32_t k = 0; k < internal; k++) {
        uint32_t i = (uint32_t)(rnd() % nleaves), v = leaves[i];
        leaves[i] = leaves[--nleaves];
        first[v] = count;
        for (uint32_t c = 0; c < b; c++) {
            first[count] = 0;
            leaves[nleaves++] = count++;
        }
    }
    if (mc_tree_init(t, 2, &err) != MC_OK)
        die("init", &err);
    t->title = strdup("bench");
    t->player_name[0] = mc_tree_string(t, "Player 1", 8, &err);
    t->player_name[1] = mc_tree_string(t, "Player 2", 8, &err);
    uint32_t labels[4];
    for (uint32_t c = 0; c < 4; c++) {
        char l = (char)('a' + c);
        labels[c] = mc_tree_string(t, &l, 1, &err);
    }
    mc_q pay[2] = {MC_Q_ZERO, MC_Q_ZERO};
    uint32_t sp = 0;
    stack[sp++] = 0;
    while (sp > 0) {
        uint32_t v = stack[--sp];
        uint32_t ok;
        if (first[v]) {
            uint32_t is = mc_tree_add_infoset(t, (uint32_t)(rnd() % 2), b, labels, 0, 0, &err);
            ok = mc_tree_add_node(t, MC_TNODE_DECISION, is, MC_TREE_NONE, 0, &err);
            for (uint32_t c = b; c-- > 0;)
                stack[sp++] = first[v] + c;
        } else {
            mc_q_set_i64(&pay[0], (int64_t)(rnd() % 201) - 100);
            mc_q_set_i64(&pay[1], (int64_t)(rnd() % 201) - 100);
            uint32_t o = mc_tree_add_outcome(t, pay, 0, 0, &err);
            ok = mc_tree_add_node(t, MC_TNODE_TERMINAL, 0, o, 0, &err);
        }
        if (ok == MC_TREE_NONE)
            die("build", &err);
    }
    if (mc_tree_finish(t, &err) != MC_OK)
        die("finish", &err);
    free(first);
    free(leaves);
    free(stack);
}

static void bench(uint32_t b, uint32_t target_nodes)
{
    mc_tree t;
    mc_error err;
    build_tree(&t, b, (target_nodes - 1) / b);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    double t0 = now();
    if (!f || mc_efg_write(&t, f, &err) != MC_OK)
        die("write", &err);
    fclose(f);
    double write_s = now() - t0;
    uint32_t nodes = t.nnodes;
    mc_tree_free(&t);

    /* repeat small inputs so every row times about a million nodes */
    int reps = (int)(1000000 / nodes);
    reps = reps < 1 ? 1 : reps > 50 ? 50 : reps;
    double best = 1e30;
    size_t bytes = 0;
    for (int r = 0; r < reps; r++) {
        t0 = now();
        if (mc_efg_parse(text, len, "bench", &t, &err) != MC_OK)
            die("parse", &err);
        double s = now() - t0;
        best = s < best ? s : best;
        bytes = mc_tree_bytes(&t);
        mc_tree_free(&t);
    }
    printf("%9u %3u %11zu %10.2f %8.1f %10.2f %9.1f %9.1f\n", nodes, b, len, best * 1e3,
           best * 1e9 / nodes, nodes / best / 1e6, (double)bytes / nodes,
           write_s * 1e9 / nodes);
    free(text);
}

int main(void)
{
    printf("# random perfect-information trees; parse time is the best of several runs\n");
    printf("%9s %3s %11s %10s %8s %10s %9s %9s\n", "nodes", "b", "bytes", "parse_ms",
           "ns/node", "Mnodes/s", "B/node", "write_ns");
    static const uint32_t sizes[] = {10000, 100000, 1000000};
    for (uint32_t b = 2; b <= 4; b += 2)
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
            bench(b, sizes[i]);
    return 0;
}

/* Random perfect-information trees for the benchmarks: exactly
 * 1 + b * internal nodes, every internal node with b children and its own
 * information set (owner random among 2 players), every leaf its own
 * outcome with integer payoffs in [-100, 100].  Random leaves are expanded
 * until the count is reached, so the shape is irregular. */
#ifndef MC_BENCH_RANDOM_TREE_H
#define MC_BENCH_RANDOM_TREE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mechcheck/tree.h"

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static inline uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static inline double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static inline void die(const char *what, const mc_error *err)
{
    fprintf(stderr, "bench: %s: %s\n", what, err->msg);
    exit(1);
}

/* A random tree with `internal` internal nodes of b children each: random
 * leaves are expanded until the count is reached, then the shape is emitted
 * in preorder. */
static inline void build_tree(mc_tree *t, uint32_t b, uint32_t internal)
{
    mc_error err;
    uint32_t n = 1 + b * internal;
    uint32_t *first = malloc((size_t)n * sizeof *first); /* first child, 0 = leaf */
    uint32_t *leaves = malloc((size_t)n * sizeof *leaves);
    uint32_t *stack = malloc((size_t)n * sizeof *stack);
    if (!first || !leaves || !stack) {
        fprintf(stderr, "bench: out of memory\n");
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

#endif

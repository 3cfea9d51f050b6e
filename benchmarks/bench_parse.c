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
#include "random_tree.h"

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

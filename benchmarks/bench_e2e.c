/* End to end: a random perfect-information tree written as .efg, then read,
 * merged, solved and verified -- the steps of `mechcheck solve FILE --spe`.
 * Prints the seconds of each step for 10^5 and 10^6 nodes, and the command
 * that times the CLI itself on the written file. */
#include "mechcheck/gambit.h"
#include "mechcheck/spe.h"
#include "random_tree.h"

static void run(uint32_t target)
{
    mc_tree t;
    mc_error err;
    build_tree(&t, 2, (target - 1) / 2);
    char path[64];
    snprintf(path, sizeof path, "/tmp/mc_bench_%u.efg", t.nnodes);
    if (mc_efg_write_file(&t, path, &err) != MC_OK)
        die("write", &err);
    mc_tree_free(&t);

    double t0 = now();
    if (mc_efg_read(path, &t, &err) != MC_OK)
        die("read", &err);
    double t1 = now();
    uint32_t merged;
    if (mc_tree_merge_simultaneous(&t, &merged, &err) != MC_OK)
        die("merge", &err);
    double t2 = now();
    mc_spe_result r;
    if (mc_spe_solve_tree(&t, NULL, &r, &err) != MC_OK)
        die("solve", &err);
    double t3 = now();
    mc_game g;
    mc_tree_game(&t, &g, &err);
    if (mc_spe_verify(&g, &r, r.unique, &err) != MC_OK)
        die("verify", &err);
    double t4 = now();
    printf("%9u %8.3f %8.3f %8.3f %8.3f %8.3f   %s\n", t.nnodes, t1 - t0, t2 - t1, t3 - t2,
           t4 - t3, t4 - t0, path);
    mc_spe_result_free(&r);
    mc_tree_free(&t);
}

int main(void)
{
    printf("# seconds per step of solving a random binary .efg (read, merge stages, solve, verify)\n");
    printf("%9s %8s %8s %8s %8s %8s   %s\n", "nodes", "read", "merge", "solve", "verify",
           "total", "file");
    run(100001);
    run(1000001);
    printf("# the CLI on the same file: hyperfine 'build/release/mechcheck solve /tmp/mc_bench_1000001.efg --spe'\n");
    return 0;
}

/* Mechanism M of the perfect-revenue paper: the full audit (backward
 * induction over every node, Lemmas 1-3 checked at every distinct node) on
 * the spec's target sizes, n = 3 with all caps 3 (target <= 1 s) and n = 4
 * with caps 2 (target <= 60 s), plus the same with explicit coins and a
 * coalition, and memoised against plain solving on a smaller game.  The
 * leaf count of the unmemoised tree is computed exactly (memoised count).
 * Usage: bench_perfect_revenue [quick]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uthash.h>

#include "claim/perfect_revenue_audit.h"
#include "mech/perfect_revenue.h"
#include "mechcheck/spe.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- leaves of the full tree, counted with memoisation on the key ------- */

typedef struct leaf_entry {
    UT_hash_handle hh;
    uint64_t leaves;
    unsigned char key[32];
} leaf_entry;

static uint64_t count_leaves(const mc_game *g, const void *state, leaf_entry **memo, mc_q *off)
{
    unsigned char key[32];
    size_t len = g->ops->key(g, state, key, off);
    leaf_entry *e = NULL;
    if (len) {
        HASH_FIND(hh, *memo, key, len, e);
        if (e)
            return e->leaves;
    }
    mc_node node;
    mc_node_init(&node, g->nplayers);
    mc_error err;
    g->ops->expand(g, state, &node, &err);
    uint64_t total = 0;
    if (node.kind == MC_NODE_TERMINAL) {
        total = 1;
    } else {
        uint64_t k = mc_node_nchildren(&node);
        unsigned char *child = malloc(g->state_size);
        for (uint64_t c = 0; c < k; c++) {
            uint32_t choice[MC_MAX_MOVERS];
            mc_node_choice_of(&node, c, choice);
            g->ops->child(g, state, &node, choice, child);
            total += count_leaves(g, child, memo, off);
        }
        free(child);
    }
    mc_node_free(&node);
    if (len) {
        e = calloc(1, sizeof *e);
        memcpy(e->key, key, len);
        e->leaves = total;
        HASH_ADD(hh, *memo, key, len, e);
    }
    return total;
}

static uint64_t tree_leaves(const mc_pr_params *p)
{
    mc_game g;
    mc_error err;
    if (mc_pr_game_new(&g, p, &err) != MC_OK)
        return 0;
    leaf_entry *memo = NULL, *e, *tmp;
    mc_q off[MC_PR_MAX_N];
    mc_q_init_vec(off, p->n);
    unsigned char *root = malloc(g.state_size);
    g.ops->root(&g, root);
    uint64_t n = count_leaves(&g, root, &memo, off);
    HASH_ITER(hh, memo, e, tmp)
    {
        HASH_DEL(memo, e);
        free(e);
    }
    free(root);
    mc_q_clear_vec(off, p->n);
    mc_game_destroy(&g);
    return n;
}

/* ---- instances ---------------------------------------------------------------- */

static void instance(mc_pr_params *p, unsigned n, unsigned nstates, unsigned cap, const char *eps)
{
    static const int64_t tv2[MC_PR_MAX_N] = {1, 2, 1, 1, 1, 1};
    mc_pr_params_simple(p, n, tv2, cap);
    if (nstates == 3) { /* F5 / F6 style: two welfare maximisers */
        p->nstates = 3;
        snprintf(p->state_name[1], MC_PR_NAME, "a");
        snprintf(p->state_name[2], MC_PR_NAME, "b");
        for (unsigned j = 0; j < n; j++) {
            p->tv[1][j] = j % 2 == 0;
            p->tv[2][j] = j % 2 == 1 ? 1 : (j > 1);
        }
    }
    mc_error err;
    mc_q_parse(&p->eps, eps, (size_t)-1, &err);
    mc_pr_chain_default(p);
}

static void run(const char *label, const mc_pr_params *p, double target)
{
    mc_pr_audit a;
    mc_error err;
    double t0 = now();
    if (mc_pr_audit_run(&a, p, NULL, &err) != MC_OK) {
        printf("%-44s error: %s\n", label, err.msg);
        return;
    }
    double t = now() - t0;
    uint64_t leaves = tree_leaves(p);
    printf("%-44s %8.3f s %s | full-tree leaves %12llu | expanded %9llu distinct %8llu hits %8llu"
           " | L1 %llu/%llu L2 %llu/%llu L3 %llu | fails %llu/%llu/%llu\n",
           label, t, target > 0 ? (t <= target ? "(ok)  " : "(SLOW)") : "      ",
           (unsigned long long)leaves, (unsigned long long)a.nodes,
           (unsigned long long)a.distinct, (unsigned long long)a.memo_hits,
           (unsigned long long)a.l1.agree, (unsigned long long)a.l1.nodes,
           (unsigned long long)a.l2.agree, (unsigned long long)a.l2.nodes,
           (unsigned long long)a.l3.agree, (unsigned long long)a.l1.failures,
           (unsigned long long)a.l2.failures, (unsigned long long)a.l3.failures);
    mc_pr_audit_free(&a);
}

static void memo_vs_plain(const mc_pr_params *p)
{
    mc_game g;
    mc_error err;
    if (mc_pr_game_new(&g, p, &err) != MC_OK)
        return;
    mc_spe_options so;
    mc_spe_defaults(&so);
    so.agents = &p->agents;
    for (int memo = 1; memo >= 0; memo--) {
        so.memoise = memo;
        mc_spe_result r;
        double t0 = now();
        if (mc_spe_solve(&g, &so, &r, &err) != MC_OK) {
            printf("solve error: %s\n", err.msg);
            break;
        }
        double t = now() - t0;
        printf("  n=3 caps 2 %-12s %8.3f s, %10llu nodes expanded (%.0f ns/node)\n",
               memo ? "memoised" : "plain", t, (unsigned long long)r.nodes, 1e9 * t / (double)r.nodes);
        mc_spe_result_free(&r);
    }
    mc_game_destroy(&g);
}

int main(int argc, char **argv)
{
    bool quick = argc > 1 && !strcmp(argv[1], "quick");
    mc_pr_params p;
    mc_pr_params_init(&p);
    printf("perfect-revenue mechanism M: full audit (Lemmas 1-3 at every distinct node)\n");

    instance(&p, 3, 2, 3, "1/20");
    run("n=3 |Omega|=2 caps 3 (target 1 s)", &p, 1.0);
    instance(&p, 3, 3, 3, "1/20");
    run("n=3 |Omega|=3 caps 3 (target 1 s)", &p, 1.0);
    mc_error err;
    mc_agents_parse(&p.agents, 3, "1,2", &err);
    run("n=3 |Omega|=3 caps 3 coalition {1,2}", &p, 1.0);
    instance(&p, 3, 2, 3, "1/20");
    p.leaf = MC_PR_LEAF_CHANCE;
    run("n=3 |Omega|=2 caps 3 explicit coins", &p, 0);
    if (!quick) {
        instance(&p, 3, 2, 5, "1/20");
        run("n=3 |Omega|=2 caps 5", &p, 0);
        instance(&p, 4, 2, 2, "1/25");
        run("n=4 |Omega|=2 caps 2 (target 60 s)", &p, 60.0);
        instance(&p, 4, 3, 2, "1/25");
        run("n=4 |Omega|=3 caps 2 (target 60 s)", &p, 60.0);
        mc_agents_parse(&p.agents, 4, "2,3", &err);
        run("n=4 |Omega|=3 caps 2 coalition {2,3}", &p, 60.0);
        instance(&p, 4, 2, 2, "1/25");
        p.leaf = MC_PR_LEAF_CHANCE;
        run("n=4 |Omega|=2 caps 2 explicit coins", &p, 0);
        instance(&p, 5, 2, 1, "1/30");
        run("n=5 |Omega|=2 caps 1", &p, 0);
    }
    instance(&p, 3, 2, 2, "1/20");
    printf("memoisation (generic solver, no audit):\n");
    memo_vs_plain(&p);
    mc_pr_params_clear(&p);
    return 0;
}

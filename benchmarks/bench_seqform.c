/* Sequence-form maximin LP (agent 1 against the others pooled, spec 004
 * sec. 2.11 (B)) on the uniform dynamic report game of spec 004 sec. 6,
 * with exact certificate and DP re-check; also the truthful guarantee DP.
 * Usage: bench_seqform [N T [K]] [--direct|--generate]
 *   (default: the sizes N,T = 2,1 2,2 3,1 3,2 3,3; K = 2; the method chosen by size) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mechcheck/ef.h"
#include "mechcheck/guarantee.h"
#include "mechcheck/repgame.h"
#include "mechcheck/seqform.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static mc_seqform_method method = MC_SEQFORM_AUTO;

static int run(unsigned n, unsigned t, unsigned k)
{
    mc_repgame_params p = {.nagents = n, .periods = t, .types = k, .range = 100, .seed = 7};
    p.p0 = MC_Q_ZERO;
    mc_q_set_frac(&p.p0, 1, 3);
    mc_game g;
    mc_error err;
    if (mc_repgame(&p, &g, &err) != MC_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    mc_q_clear(&p.p0);
    double t0 = now();
    mc_ef ef;
    if (mc_ef_build(&g, NULL, &ef, &err) != MC_OK) {
        fprintf(stderr, "%s\n", err.msg);
        mc_game_destroy(&g);
        return 1;
    }
    double t_build = now() - t0;
    mc_seqform_result r;
    mc_seqform_result_init(&r);
    t0 = now();
    mc_seqform_options so;
    mc_seqform_options_default(&so);
    so.method = method;
    mc_status st = mc_seqform_maximin(&ef, 1, mc_players_all(n) & ~UINT64_C(1), &so, &r, &err);
    double t_lp = now() - t0;
    char val[64] = "-";
    if (st == MC_OK && r.lp_status == MC_LP_OPTIMAL_CERTIFIED)
        snprintf(val, sizeof val, "%.6f", mc_q_get_d(&r.value));
    printf("%u %u %u %9u %8u %6u/%-5u %6u/%-6u %6zux%-6zu %8zu %6zu %7.2f %7.2f %7.2f %7.2f %7.2f "
           "%s %s\n",
           n, t, k, ef.nterminals, ef.nnodes, r.max_side.nseq, r.max_side.ninfosets,
           r.min_side.ninfosets, r.min_side.nseq, r.lp_rows, r.lp_cols, r.nnz, r.basis_dim,
           t_build, r.build_seconds, r.glpk_seconds, r.exact_seconds, r.verify_seconds,
           st == MC_OK ? mc_lp_status_name(r.lp_status) : err.msg, val);
    int fail = st != MC_OK || r.lp_status != MC_LP_OPTIMAL_CERTIFIED || !r.verified;
    if (fail && r.note[0])
        printf("   note: %s\n", r.note);
    printf("   total LP %.2f s (build %.2f + glpk %.2f + exact %.2f + verify %.2f)", t_lp,
           r.build_seconds, r.glpk_seconds, r.exact_seconds, r.verify_seconds);
    if (r.generated)
        printf("; strategy generation: %u LPs in doubles, %u exact (%zu x %zu), %u of %u min "
               "sequences",
               r.gen_rounds, r.gen_exact_rounds, r.solved_rows, r.solved_cols, r.gen_seqs,
               r.min_side.nseq);
    printf("\n");
    mc_seqform_result_free(&r);
    /* the truthful guarantee of agent 1 against the others pooled */
    mc_ef_behavior b;
    t0 = now();
    st = mc_ef_behavior_from_game(&ef, &g, 1, mc_repgame_truthful, NULL, &b, &err);
    mc_guarantee gu;
    mc_guarantee_init(&gu);
    if (st == MC_OK)
        st = mc_guarantee_compute(&ef, 1, &b, &gu, &err);
    if (st == MC_OK)
        printf("   truthful guarantee of agent 1: [%.6f, %.6f] in %.2f s (DP, exact, re-checked)\n",
               mc_q_get_d(&gu.min), mc_q_get_d(&gu.max), now() - t0);
    else
        printf("   guarantee: %s\n", err.msg);
    fail |= st != MC_OK;
    mc_guarantee_free(&gu);
    if (st == MC_OK)
        mc_ef_behavior_free(&b);
    mc_ef_free(&ef);
    mc_game_destroy(&g);
    fflush(stdout);
    return fail;
}

int main(int argc, char **argv)
{
    printf("# sequence-form maximin LP, agent 1 vs the others pooled, uniform report game\n");
    printf("# (chance: type 0 w.p. 1/3; payoffs random integers in [-100,100]; seconds)\n");
    printf("N T K    leaves    nodes  Sig_i/I_i    I_C/Sig_C   LP rows x cols     nnz  basis "
           "  efbuild lpbuild    glpk   exact  verify status value\n");
    int fail = 0;
    if (argc >= 2 && (!strcmp(argv[argc - 1], "--direct") || !strcmp(argv[argc - 1], "--generate")))
        method = !strcmp(argv[--argc], "--direct") ? MC_SEQFORM_DIRECT : MC_SEQFORM_GENERATE;
    if (argc >= 3) {
        unsigned k = argc >= 4 ? (unsigned)atoi(argv[3]) : 2;
        fail |= run((unsigned)atoi(argv[1]), (unsigned)atoi(argv[2]), k);
    } else {
        unsigned sizes[][2] = {{2, 1}, {2, 2}, {3, 1}, {3, 2}, {3, 3}};
        for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
            fail |= run(sizes[i][0], sizes[i][1], 2);
    }
    return fail;
}

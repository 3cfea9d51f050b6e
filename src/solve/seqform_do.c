/* Strategy generation for the sequence-form LP (B): GLPK solves (B) with the
 * min side restricted to a prefix-closed set S of its sequences, in doubles,
 * warm-started as S grows; the min side's best reply to the current x (a DP
 * in doubles) brings in the sequences of its plan.  When no reply improves,
 * the caller solves the restricted LP exactly and certifies the result on
 * the full game (seqform_lp.c), so doubles only ever propose S.
 *
 * Restricting the min side to S keeps (B) well posed when S is closed: for
 * every sequence in S, every set below it has an action in S.  The support
 * of a pure plan is closed, and so is a union of closed sets. */
#include <glpk.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "lp/lp_internal.h"
#include "solve/ef_internal.h"
#include "solve/seqform_internal.h"

struct ef_do {
    const mc_ef_matrix *A;
    const mc_ef_side *mx, *mn;
    size_t *col_start;   /* A's entries of min sequence t: col_start[t] .. col_start[t+1] */
    double *val;         /* A's entries as doubles */
    uint8_t *in_s;       /* per min sequence */
    int *row_of;         /* GLPK row of each min sequence in S, or 0 */
    int *col_of;         /* GLPK column of each min set included, or 0 */
    uint32_t *child_start, *child_list; /* min sets below each min sequence */
    uint32_t ns;         /* |S| */
    glp_prob *P;
    double *x, *direct, *sv; /* doubles: x over max sequences, x.A and DP values over min seqs */
    uint32_t *plan;
    uint8_t *support;
    int *ind;
    double *rowval;
    size_t scratch_cap;
    uint32_t rounds;
};

static mc_status do_oom(mc_error *err)
{
    return mc_error_set(err, MC_ENOMEM, "sequence form: out of memory (strategy generation)");
}

mc_status ef_do_new(const mc_ef_matrix *A, const mc_ef_side *mx, const mc_ef_side *mn,
                    ef_do **out, mc_error *err)
{
    ef_do *d = calloc(1, sizeof *d);
    if (!d)
        return do_oom(err);
    d->A = A;
    d->mx = mx;
    d->mn = mn;
    size_t nt = mn->nseq, nx = mx->nseq;
    d->col_start = calloc(nt + 1, sizeof *d->col_start);
    d->val = malloc((A->nnz ? A->nnz : 1) * sizeof *d->val);
    d->in_s = calloc(nt, 1);
    d->row_of = calloc(nt, sizeof *d->row_of);
    d->col_of = calloc((size_t)mn->ninfosets + 1, sizeof *d->col_of);
    d->child_start = calloc(nt + 1, sizeof *d->child_start);
    d->child_list = malloc(((size_t)mn->ninfosets + 1) * sizeof *d->child_list);
    d->x = malloc(nx * sizeof *d->x);
    d->direct = malloc(nt * sizeof *d->direct);
    d->sv = malloc(nt * sizeof *d->sv);
    d->plan = malloc(((size_t)mn->ninfosets + 1) * sizeof *d->plan);
    d->support = malloc(nt);
    d->scratch_cap = nx + 2;
    if (!d->col_start || !d->val || !d->in_s || !d->row_of || !d->col_of || !d->child_start ||
        !d->child_list || !d->x || !d->direct || !d->sv || !d->plan || !d->support) {
        ef_do_free(d);
        return do_oom(err);
    }
    for (size_t e = 0; e < A->nnz; e++) {
        d->col_start[A->col[e] + 1]++;
        d->val[e] = mc_q_get_d(&A->val[e]);
    }
    for (size_t t = 0; t < nt; t++)
        d->col_start[t + 1] += d->col_start[t];
    for (uint32_t J = 0; J < mn->ninfosets; J++)
        d->child_start[mn->parent_seq[J] + 1]++;
    for (size_t t = 0; t < nt; t++)
        d->child_start[t + 1] += d->child_start[t];
    for (uint32_t J = 0; J < mn->ninfosets; J++)
        d->child_list[d->child_start[mn->parent_seq[J]]++] = J;
    for (size_t t = nt; t-- > 0;)
        d->child_start[t + 1] = d->child_start[t];
    d->child_start[0] = 0;
    /* the largest row: its own q, the sets below, and a column of A */
    for (size_t t = 0; t < nt; t++) {
        size_t len = 1 + (d->child_start[t + 1] - d->child_start[t]) +
                     (d->col_start[t + 1] - d->col_start[t]);
        if (len + 2 > d->scratch_cap)
            d->scratch_cap = len + 2;
    }
    d->ind = malloc(d->scratch_cap * sizeof *d->ind);
    d->rowval = malloc(d->scratch_cap * sizeof *d->rowval);
    if (!d->ind || !d->rowval) {
        ef_do_free(d);
        return do_oom(err);
    }
    /* GLPK: columns x_s, q_root; rows x_root = 1 and one per max set */
    int old = glp_term_out(GLP_OFF);
    d->P = glp_create_prob();
    glp_set_obj_dir(d->P, GLP_MAX);
    glp_add_cols(d->P, (int)nx + 1);
    for (size_t s = 0; s < nx; s++)
        glp_set_col_bnds(d->P, (int)s + 1, GLP_LO, 0, 0);
    glp_set_col_bnds(d->P, (int)nx + 1, GLP_FR, 0, 0);
    glp_set_obj_coef(d->P, (int)nx + 1, 1);
    glp_add_rows(d->P, 1 + (int)mx->ninfosets);
    d->ind[1] = 1;
    d->rowval[1] = 1;
    glp_set_row_bnds(d->P, 1, GLP_FX, 1, 1);
    glp_set_mat_row(d->P, 1, 1, d->ind, d->rowval);
    for (uint32_t I = 0; I < mx->ninfosets; I++) {
        int len = 0;
        for (uint32_t a = 0; a < mx->nactions[I]; a++) {
            d->ind[++len] = (int)(mx->first_seq[I] + a) + 1;
            d->rowval[len] = 1;
        }
        d->ind[++len] = (int)mx->parent_seq[I] + 1;
        d->rowval[len] = -1;
        glp_set_row_bnds(d->P, (int)I + 2, GLP_FX, 0, 0);
        glp_set_mat_row(d->P, (int)I + 2, len, d->ind, d->rowval);
    }
    glp_term_out(old);
    *out = d;
    return MC_OK;
}

void ef_do_free(ef_do *d)
{
    if (!d)
        return;
    if (d->P)
        glp_delete_prob(d->P);
    free(d->col_start);
    free(d->val);
    free(d->in_s);
    free(d->row_of);
    free(d->col_of);
    free(d->child_start);
    free(d->child_list);
    free(d->x);
    free(d->direct);
    free(d->sv);
    free(d->plan);
    free(d->support);
    free(d->ind);
    free(d->rowval);
    free(d);
}

const uint8_t *ef_do_set(const ef_do *d, uint32_t *size, uint32_t *rounds)
{
    if (size)
        *size = d->ns;
    if (rounds)
        *rounds = d->rounds;
    return d->in_s;
}

/* Adds min sequence t (its parent sequence already in S) as a row, and the
 * sets below it as columns. */
static void add_sequence(ef_do *d, uint32_t t)
{
    const mc_ef_side *mn = d->mn;
    int nx = (int)d->mx->nseq;
    int len = 0;
    d->ind[++len] = t == 0 ? nx + 1 : d->col_of[mc_ef_side_seq_infoset(mn, t, NULL)];
    d->rowval[len] = 1;
    for (size_t e = d->col_start[t]; e < d->col_start[t + 1]; e++) {
        d->ind[++len] = (int)d->A->row[e] + 1;
        d->rowval[len] = -d->val[e];
    }
    int r = glp_add_rows(d->P, 1);
    glp_set_row_bnds(d->P, r, GLP_UP, 0, 0);
    glp_set_mat_row(d->P, r, len, d->ind, d->rowval);
    d->row_of[t] = r;
    d->in_s[t] = 1;
    d->ns++;
    for (uint32_t k = d->child_start[t]; k < d->child_start[t + 1]; k++) {
        uint32_t J = d->child_list[k];
        int c = glp_add_cols(d->P, 1);
        glp_set_col_bnds(d->P, c, GLP_FR, 0, 0);
        d->ind[1] = r;
        d->rowval[1] = -1;
        glp_set_mat_col(d->P, c, 1, d->ind, d->rowval);
        d->col_of[J] = c;
    }
}

uint32_t ef_do_add_support(ef_do *d, const uint8_t *support)
{
    uint32_t added = 0;
    /* creation order puts a sequence after its parent's set */
    if (support[0] && !d->in_s[0]) {
        add_sequence(d, 0);
        added++;
    }
    for (uint32_t J = 0; J < d->mn->ninfosets; J++)
        for (uint32_t b = 0; b < d->mn->nactions[J]; b++) {
            uint32_t t = d->mn->first_seq[J] + b;
            if (support[t] && !d->in_s[t] && d->in_s[d->mn->parent_seq[J]]) {
                add_sequence(d, t);
                added++;
            }
        }
    return added;
}

/* The min side's best reply to d->x in doubles: its value, plan and support. */
static double best_reply(ef_do *d)
{
    const mc_ef_side *mn = d->mn;
    for (uint32_t t = 0; t < mn->nseq; t++)
        d->direct[t] = 0;
    for (size_t e = 0; e < d->A->nnz; e++)
        d->direct[d->A->col[e]] += d->x[d->A->row[e]] * d->val[e];
    memcpy(d->sv, d->direct, mn->nseq * sizeof *d->sv);
    for (uint32_t J = mn->ninfosets; J-- > 0;) {
        uint32_t arg = 0;
        double best = d->sv[mn->first_seq[J]];
        for (uint32_t b = 1; b < mn->nactions[J]; b++)
            if (d->sv[mn->first_seq[J] + b] < best) {
                best = d->sv[mn->first_seq[J] + b];
                arg = b;
            }
        d->plan[J] = arg;
        d->sv[mn->parent_seq[J]] += best;
    }
    memset(d->support, 0, mn->nseq);
    d->support[0] = 1;
    for (uint32_t J = 0; J < mn->ninfosets; J++)
        if (d->support[mn->parent_seq[J]])
            d->support[mn->first_seq[J] + d->plan[J]] = 1;
    return d->sv[0];
}

static _Thread_local jmp_buf *do_jump;

static void do_error_hook(void *info)
{
    (void)info;
    longjmp(*do_jump, 1);
}

/* glp_simplex behind an error hook; -1 when GLPK stopped on an internal
 * error (the environment, and with it the problem, is then gone). */
static int simplex(ef_do *d, const glp_smcp *parm)
{
    jmp_buf jb;
    do_jump = &jb;
    glp_error_hook(do_error_hook, NULL);
    if (setjmp(jb)) {
        glp_free_env();
        d->P = NULL;
        return -1;
    }
    int ret = glp_simplex(d->P, parm);
    glp_error_hook(NULL, NULL);
    return ret;
}

mc_status ef_do_run(ef_do *d, uint32_t max_rounds, double deadline, bool *converged,
                    mc_error *err)
{
    const mc_ef_side *mx = d->mx;
    *converged = false;
    if (d->ns == 0) { /* start from the best reply to the uniform plan */
        d->x[0] = 1;
        for (uint32_t I = 0; I < mx->ninfosets; I++)
            for (uint32_t a = 0; a < mx->nactions[I]; a++)
                d->x[mx->first_seq[I] + a] = d->x[mx->parent_seq[I]] / mx->nactions[I];
        best_reply(d);
        ef_do_add_support(d, d->support);
    }
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.meth = GLP_DUALP;
    int old = glp_term_out(GLP_OFF);
    mc_status st = MC_OK;
    for (uint32_t r = 0; r < max_rounds; r++, d->rounds++) {
        if (deadline > 0) {
            double ms = (deadline - mc_lp_now()) * 1000.0;
            if (ms < 1) {
                st = mc_error_set(err, MC_ELIMIT, "sequence form: time limit reached");
                break;
            }
            parm.tm_lim = ms > 2e9 ? 2000000000 : (int)ms;
        }
        int ret = simplex(d, &parm);
        if (ret != 0 || glp_get_status(d->P) != GLP_OPT) {
            st = mc_error_set(err, ret == GLP_ETMLIM ? MC_ELIMIT : MC_EUNSUPPORTED,
                              "sequence form: GLPK failed on a restricted LP (code %d)", ret);
            break;
        }
        for (uint32_t s = 0; s < mx->nseq; s++)
            d->x[s] = glp_get_col_prim(d->P, (int)s + 1);
        best_reply(d);
        /* near-ties in doubles may hide a better reply: stop only when the
         * best reply brings nothing new */
        if (ef_do_add_support(d, d->support) == 0) {
            *converged = true;
            break;
        }
    }
    if (d->P)
        glp_term_out(old);
    return st;
}

unsigned char *ef_do_basis(const ef_do *d)
{
    const mc_ef_side *mx = d->mx, *mn = d->mn;
    if (!d->P || glp_get_status(d->P) != GLP_OPT)
        return NULL;
    size_t nrows = (size_t)d->ns + 1 + mx->ninfosets, ncols = (size_t)mx->nseq + 1, k = 0;
    for (uint32_t J = 0; J < mn->ninfosets; J++)
        ncols += d->col_of[J] != 0;
    unsigned char *b = malloc(nrows + ncols);
    if (!b)
        return NULL;
    for (uint32_t t = 0; t < mn->nseq; t++)
        if (d->in_s[t])
            b[k++] = (unsigned char)glp_get_row_stat(d->P, d->row_of[t]);
    for (uint32_t i = 0; i <= mx->ninfosets; i++)
        b[k++] = (unsigned char)glp_get_row_stat(d->P, (int)i + 1);
    for (uint32_t s = 0; s <= mx->nseq; s++)
        b[k++] = (unsigned char)glp_get_col_stat(d->P, (int)s + 1);
    for (uint32_t J = 0; J < mn->ninfosets; J++)
        if (d->col_of[J])
            b[k++] = (unsigned char)glp_get_col_stat(d->P, d->col_of[J]);
    return b;
}

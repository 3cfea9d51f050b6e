/* Building an exact LP: columns, sparse rows, bounds; result lifetime. */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/lp.h"

void mc_lp_init(mc_lp *lp, mc_lp_sense sense)
{
    memset(lp, 0, sizeof *lp);
    lp->sense = sense;
}

void mc_lp_free(mc_lp *lp)
{
    for (size_t j = 0; j < lp->ncols; j++) {
        mc_q_clear(&lp->col_lb[j]);
        mc_q_clear(&lp->col_ub[j]);
        mc_q_clear(&lp->obj[j]);
        free(lp->col_name[j]);
    }
    for (size_t i = 0; i < lp->nrows; i++) {
        mc_q_clear(&lp->row_lb[i]);
        mc_q_clear(&lp->row_ub[i]);
        free(lp->row_name[i]);
    }
    mc_q_clear_vec(lp->ent_coef, lp->nnz);
    free(lp->col_kind);
    free(lp->col_lb);
    free(lp->col_ub);
    free(lp->obj);
    free(lp->col_name);
    free(lp->row_kind);
    free(lp->row_lb);
    free(lp->row_ub);
    free(lp->row_name);
    free(lp->row_start);
    free(lp->ent_col);
    free(lp->ent_coef);
    mc_lp_init(lp, lp->sense);
}

static bool grow(void **p, size_t elem, size_t newcap)
{
    void *q = realloc(*p, elem * newcap);
    if (!q)
        return false;
    *p = q;
    return true;
}

static size_t next_cap(size_t cap, size_t need)
{
    size_t c = cap ? cap : 16;
    while (c < need)
        c *= 2;
    return c;
}

/* Checks the bounds a kind uses and normalises DOUBLE with lb == ub to FIXED. */
static mc_status check_bounds(mc_lp_bound *kind, const mc_q *lb, const mc_q *ub, const char *what,
                              size_t index, const char *name, mc_error *err)
{
    bool need_lb = *kind == MC_LP_LOWER || *kind == MC_LP_DOUBLE || *kind == MC_LP_FIXED;
    bool need_ub = *kind == MC_LP_UPPER || *kind == MC_LP_DOUBLE;
    if ((int)*kind < (int)MC_LP_FREE || (int)*kind > (int)MC_LP_FIXED)
        return mc_error_set(err, MC_EINPUT, "lp %s %zu '%s': unknown bound kind %d", what, index,
                            name ? name : "", (int)*kind);
    if ((need_lb && !lb) || (need_ub && !ub))
        return mc_error_set(err, MC_EINPUT, "lp %s %zu '%s': missing bound", what, index,
                            name ? name : "");
    if (*kind == MC_LP_DOUBLE) {
        int c = mc_q_cmp(lb, ub);
        if (c > 0)
            return mc_error_set(err, MC_EINPUT, "lp %s %zu '%s': lower bound exceeds upper bound",
                                what, index, name ? name : "");
        if (c == 0)
            *kind = MC_LP_FIXED;
    }
    return MC_OK;
}

static void store_bounds(mc_lp_bound kind, const mc_q *lb, const mc_q *ub, mc_q *dlb, mc_q *dub)
{
    *dlb = MC_Q_ZERO;
    *dub = MC_Q_ZERO;
    if (kind == MC_LP_LOWER || kind == MC_LP_DOUBLE || kind == MC_LP_FIXED)
        mc_q_set(dlb, lb);
    if (kind == MC_LP_UPPER || kind == MC_LP_DOUBLE)
        mc_q_set(dub, ub);
    if (kind == MC_LP_FIXED)
        mc_q_set(dub, lb);
}

static char *dup_name(const char *name, bool *oom)
{
    if (!name)
        return NULL;
    char *s = strdup(name);
    if (!s)
        *oom = true;
    return s;
}

mc_status mc_lp_add_col(mc_lp *lp, mc_lp_bound kind, const mc_q *lb, const mc_q *ub,
                        const mc_q *obj, const char *name, mc_error *err)
{
    mc_status st = check_bounds(&kind, lb, ub, "column", lp->ncols, name, err);
    if (st != MC_OK)
        return st;
    if (lp->ncols >= UINT32_MAX)
        return mc_error_set(err, MC_EINPUT, "lp: too many columns");
    if (lp->ncols == lp->col_cap) {
        size_t c = next_cap(lp->col_cap, lp->ncols + 1);
        if (!grow((void **)&lp->col_kind, sizeof *lp->col_kind, c) ||
            !grow((void **)&lp->col_lb, sizeof *lp->col_lb, c) ||
            !grow((void **)&lp->col_ub, sizeof *lp->col_ub, c) ||
            !grow((void **)&lp->obj, sizeof *lp->obj, c) ||
            !grow((void **)&lp->col_name, sizeof *lp->col_name, c))
            return mc_error_set(err, MC_ENOMEM, "lp: out of memory adding a column");
        lp->col_cap = c;
    }
    bool oom = false;
    char *nm = dup_name(name, &oom);
    if (oom)
        return mc_error_set(err, MC_ENOMEM, "lp: out of memory adding a column");
    size_t j = lp->ncols++;
    lp->col_kind[j] = kind;
    store_bounds(kind, lb, ub, &lp->col_lb[j], &lp->col_ub[j]);
    lp->obj[j] = MC_Q_ZERO;
    if (obj)
        mc_q_set(&lp->obj[j], obj);
    lp->col_name[j] = nm;
    return MC_OK;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

mc_status mc_lp_add_row(mc_lp *lp, mc_lp_bound kind, const mc_q *lb, const mc_q *ub,
                        size_t nnz, const uint32_t *idx, const mc_q *coef, const char *name,
                        mc_error *err)
{
    mc_status st = check_bounds(&kind, lb, ub, "row", lp->nrows, name, err);
    if (st != MC_OK)
        return st;
    /* Validate the entries: in range, each column at most once (sorted copy,
     * so the cost is in nnz, not in the number of columns). */
    uint32_t *sorted = malloc((nnz ? nnz : 1) * sizeof *sorted);
    if (!sorted)
        return mc_error_set(err, MC_ENOMEM, "lp: out of memory adding a row");
    for (size_t k = 0; k < nnz; k++) {
        if (idx[k] >= lp->ncols) {
            free(sorted);
            return mc_error_set(err, MC_EINPUT, "lp row %zu '%s': entry %zu: column %u out of range",
                                lp->nrows, name ? name : "", k, (unsigned)idx[k]);
        }
        sorted[k] = idx[k];
    }
    qsort(sorted, nnz, sizeof *sorted, cmp_u32);
    for (size_t k = 1; k < nnz; k++) {
        if (sorted[k] == sorted[k - 1]) {
            uint32_t dup = sorted[k];
            free(sorted);
            return mc_error_set(err, MC_EINPUT, "lp row %zu '%s': column %u given twice",
                                lp->nrows, name ? name : "", (unsigned)dup);
        }
    }
    free(sorted);
    if (lp->nrows + 1 >= lp->row_cap) {
        size_t c = next_cap(lp->row_cap, lp->nrows + 2);
        if (!grow((void **)&lp->row_kind, sizeof *lp->row_kind, c) ||
            !grow((void **)&lp->row_lb, sizeof *lp->row_lb, c) ||
            !grow((void **)&lp->row_ub, sizeof *lp->row_ub, c) ||
            !grow((void **)&lp->row_name, sizeof *lp->row_name, c) ||
            !grow((void **)&lp->row_start, sizeof *lp->row_start, c))
            return mc_error_set(err, MC_ENOMEM, "lp: out of memory adding a row");
        if (lp->row_cap == 0)
            lp->row_start[0] = 0;
        lp->row_cap = c;
    }
    if (lp->nnz + nnz > lp->ent_cap) {
        size_t c = next_cap(lp->ent_cap, lp->nnz + nnz);
        if (!grow((void **)&lp->ent_col, sizeof *lp->ent_col, c) ||
            !grow((void **)&lp->ent_coef, sizeof *lp->ent_coef, c))
            return mc_error_set(err, MC_ENOMEM, "lp: out of memory adding a row");
        lp->ent_cap = c;
    }
    bool oom = false;
    char *nm = dup_name(name, &oom);
    if (oom)
        return mc_error_set(err, MC_ENOMEM, "lp: out of memory adding a row");
    for (size_t k = 0; k < nnz; k++) {
        if (mc_q_is_zero(&coef[k]))
            continue;
        lp->ent_col[lp->nnz] = idx[k];
        lp->ent_coef[lp->nnz] = MC_Q_ZERO;
        mc_q_set(&lp->ent_coef[lp->nnz], &coef[k]);
        lp->nnz++;
    }
    size_t i = lp->nrows++;
    lp->row_kind[i] = kind;
    store_bounds(kind, lb, ub, &lp->row_lb[i], &lp->row_ub[i]);
    lp->row_name[i] = nm;
    lp->row_start[i + 1] = lp->nnz;
    return MC_OK;
}

void mc_lp_options_default(mc_lp_options *o)
{
    memset(o, 0, sizeof *o);
    o->exact = MC_LP_EXACT_ON_FAILURE;
    o->certify_infeasible = true;
    o->max_exact_pivots = 500;
}

const char *mc_lp_status_name(mc_lp_status s)
{
    switch (s) {
    case MC_LP_UNDECIDED: return "UNDECIDED";
    case MC_LP_OPTIMAL_CERTIFIED: return "OPTIMAL_CERTIFIED";
    case MC_LP_INFEASIBLE_CERTIFIED: return "INFEASIBLE_CERTIFIED";
    case MC_LP_INFEASIBLE_UNCERTIFIED: return "INFEASIBLE_UNCERTIFIED";
    case MC_LP_UNBOUNDED_CERTIFIED: return "UNBOUNDED_CERTIFIED";
    case MC_LP_UNBOUNDED_UNCERTIFIED: return "UNBOUNDED_UNCERTIFIED";
    }
    return "?";
}

void mc_lp_result_init(mc_lp_result *r)
{
    memset(r, 0, sizeof *r);
    r->value = MC_Q_ZERO;
}

void mc_lp_result_free(mc_lp_result *r)
{
    mc_q_clear(&r->value);
    if (r->x)
        mc_q_clear_vec(r->x, r->ncols);
    if (r->ray)
        mc_q_clear_vec(r->ray, r->ncols);
    if (r->y)
        mc_q_clear_vec(r->y, r->nrows);
    if (r->farkas)
        mc_q_clear_vec(r->farkas, r->nrows);
    free(r->x);
    free(r->y);
    free(r->farkas);
    free(r->ray);
    mc_lp_result_init(r);
}

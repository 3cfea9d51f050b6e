/* Maximin of a pooled side against independent others (team maxmin): the
 * sequence-form LP with one row per pure joint profile of the others,
 * enumerated or generated as columns, with exact bounds. */
#include <stdlib.h>
#include <string.h>

#include "lp/lp_internal.h"
#include "mechcheck/efnf.h"
#include "mechcheck/seqform.h"
#include "solve/ef_internal.h"

const char *mc_team_method_name(mc_team_method m)
{
    switch (m) {
    case MC_TEAM_SINGLE: return "one opponent: sequence-form LP";
    case MC_TEAM_ENUMERATED: return "enumerated profiles";
    case MC_TEAM_COLUMNS_EXACT_BR: return "column generation, exact team best response";
    case MC_TEAM_COLUMNS_SEARCH_BR: return "column generation, team best response by search";
    }
    return "?";
}

void mc_team_options_default(mc_team_options *o)
{
    memset(o, 0, sizeof *o);
    mc_lp_options_default(&o->lp);
    o->max_enum_profiles = 4096;
    o->max_br_profiles = 65536;
    o->max_rounds = 200;
}

void mc_team_result_init(mc_team_result *r)
{
    memset(r, 0, sizeof *r);
    r->lower = MC_Q_ZERO;
    r->upper = MC_Q_ZERO;
}

void mc_team_result_free(mc_team_result *r)
{
    mc_q_clear(&r->lower);
    mc_q_clear(&r->upper);
    if (r->x)
        mc_q_clear_vec(r->x, r->max_side.nseq);
    free(r->x);
    mc_ef_side_free(&r->max_side);
    mc_team_result_init(r);
}

/* The columns u_t: dense vectors over the max side's sequences. */
typedef struct columns {
    uint32_t n, cap, len;  /* columns, capacity, entries per column */
    mc_q *u;
} columns;

static void columns_free(columns *c)
{
    if (c->u)
        mc_q_clear_vec(c->u, (size_t)c->cap * c->len);
    free(c->u);
    memset(c, 0, sizeof *c);
}

static mc_q *columns_add(columns *c)
{
    if (c->n == c->cap) {
        uint32_t cap = c->cap ? c->cap * 2 : 16;
        mc_q *u = realloc(c->u, (size_t)cap * c->len * sizeof *u);
        if (!u)
            return NULL;
        mc_q_init_vec(u + (size_t)c->cap * c->len, (size_t)(cap - c->cap) * c->len);
        c->u = u;
        c->cap = cap;
    }
    return &c->u[(size_t)c->n++ * c->len];
}

typedef struct team_ctx {
    const mc_ef *ef;
    const mc_team_options *o;
    mc_team_result *r;
    mc_players team;
    mc_q w[MC_MAX_PLAYERS];
    mc_q *x, *y;   /* the last LP's solution: x over sequences, y over columns */
    mc_q v;        /* the last LP's value */
    mc_error *err;
} team_ctx;

/* max v s.t. x in the max side's realization polytope, x.u_t >= v for
 * every column.  On a certified optimum sets c->v, c->x, c->y and *ok. */
static mc_status solve_lp(team_ctx *c, const columns *cols, bool *ok)
{
    const mc_ef_side *s = &c->r->max_side;
    mc_q zero = MC_Q_ZERO, one = MC_Q_INT(1), minus = MC_Q_INT(-1);
    mc_lp lp;
    mc_lp_init(&lp, MC_LP_MAX);
    mc_lp_result res;
    mc_lp_result_init(&res);
    size_t cap = (size_t)s->nseq + 1;
    uint32_t *idx = malloc(cap * sizeof *idx);
    mc_q *coef = malloc(cap * sizeof *coef);
    mc_status st = MC_OK;
    *ok = false;
    if (!idx || !coef) {
        st = mc_error_set(c->err, MC_ENOMEM, "team maxmin: out of memory");
        goto done;
    }
    for (uint32_t k = 0; k < s->nseq && st == MC_OK; k++)
        st = mc_lp_add_col(&lp, MC_LP_LOWER, &zero, NULL, NULL, NULL, c->err);
    if (st == MC_OK)
        st = mc_lp_add_col(&lp, MC_LP_FREE, NULL, NULL, &one, "v", c->err);
    for (uint32_t t = 0; t < cols->n && st == MC_OK; t++) {
        const mc_q *u = &cols->u[(size_t)t * cols->len];
        size_t len = 0;
        for (uint32_t k = 0; k < s->nseq; k++)
            if (!mc_q_is_zero(&u[k])) {
                idx[len] = k;
                coef[len++] = u[k]; /* shallow: read only */
            }
        idx[len] = s->nseq;
        coef[len++] = minus;
        st = mc_lp_add_row(&lp, MC_LP_LOWER, &zero, NULL, len, idx, coef, NULL, c->err);
    }
    if (st == MC_OK) {
        idx[0] = 0;
        coef[0] = one;
        st = mc_lp_add_row(&lp, MC_LP_FIXED, &one, &one, 1, idx, coef, "x_root", c->err);
    }
    for (uint32_t I = 0; I < s->ninfosets && st == MC_OK; I++) {
        size_t len = 0;
        for (uint32_t a = 0; a < s->nactions[I]; a++) {
            idx[len] = s->first_seq[I] + a;
            coef[len++] = one;
        }
        idx[len] = s->parent_seq[I];
        coef[len++] = minus;
        st = mc_lp_add_row(&lp, MC_LP_FIXED, &zero, &zero, len, idx, coef, NULL, c->err);
    }
    if (st == MC_OK)
        st = mc_lp_solve(&lp, &c->o->lp, &res, c->err);
    if (st == MC_OK && res.status == MC_LP_OPTIMAL_CERTIFIED) {
        for (uint32_t k = 0; k < s->nseq; k++)
            mc_q_set(&c->x[k], &res.x[k]);
        for (uint32_t t = 0; t < cols->n; t++) /* >= rows of a max LP: duals <= 0 */
            mc_q_neg(&c->y[t], &res.y[t]);
        mc_q_set(&c->v, &res.value);
        *ok = true;
    } else if (st == MC_OK) {
        snprintf(c->r->note, sizeof c->r->note, "team LP over %u profiles: %s%s%.180s", cols->n,
                 mc_lp_status_name(res.status), res.note[0] ? ": " : "", res.note);
    }
done:
    free(idx);
    free(coef);
    mc_lp_result_free(&res);
    mc_lp_free(&lp);
    return st;
}

/* Independent check of an LP solution: min over the columns of x.u_t is v
 * (x guarantees v against the columns) and the best reply of the max side to
 * the others' mixture y over the columns is v (by DP). */
static bool check_lp(team_ctx *c, const columns *cols)
{
    const mc_ef_side *s = &c->r->max_side;
    mc_q d = MC_Q_ZERO, best = MC_Q_ZERO;
    mc_q *mix = malloc((size_t)s->nseq * sizeof *mix);
    bool ok = mix != NULL;
    if (ok)
        mc_q_init_vec(mix, s->nseq);
    for (uint32_t t = 0; ok && t < cols->n; t++) {
        ef_dot(c->x, &cols->u[(size_t)t * cols->len], s->nseq, &d);
        if (t == 0 || mc_q_cmp(&d, &best) < 0)
            mc_q_set(&best, &d);
        for (uint32_t k = 0; k < s->nseq; k++)
            if (!mc_q_is_zero(&c->y[t]))
                mc_q_addmul(&mix[k], &c->y[t], &cols->u[(size_t)t * cols->len + k]);
    }
    ok = ok && mc_q_eq(&best, &c->v);
    mc_error why;
    ok = ok && mc_ef_side_dp(s, mix, true, &d, NULL, &why) == MC_OK && mc_q_eq(&d, &c->v);
    if (mix)
        mc_q_clear_vec(mix, s->nseq);
    free(mix);
    mc_q_clear(&d);
    mc_q_clear(&best);
    return ok;
}

static void set_lower(team_ctx *c, const mc_q *v, const mc_q *x)
{
    mc_team_result *r = c->r;
    if (r->have_lower && mc_q_cmp(v, &r->lower) <= 0)
        return;
    mc_q_set(&r->lower, v);
    r->have_lower = true;
    for (uint32_t k = 0; k < r->max_side.nseq; k++)
        mc_q_set(&r->x[k], &x[k]);
}

static mc_status add_plan_column(team_ctx *c, columns *cols, const mc_efnf_agent *ag, uint32_t p,
                                 uint32_t *act)
{
    for (uint32_t u = 0; u < ag->nunits; u++)
        act[ag->unit[u]] = ag->plan[(size_t)p * ag->nunits + u];
    mc_q *u = columns_add(cols);
    if (!u)
        return mc_error_set(c->err, MC_ENOMEM, "team maxmin: out of memory");
    return ef_team_column(c->ef, &c->r->max_side, c->team, act, c->o->fixed, c->w, u, c->err);
}

/* Column generation rounds (see seqform.h). */
static mc_status generate(team_ctx *c, columns *cols, const mc_efnf_agent *all, uint32_t *act)
{
    mc_team_result *r = c->r;
    const mc_ef_side *s = &r->max_side;
    mc_q *u = malloc((size_t)s->nseq * sizeof *u), m = MC_Q_ZERO;
    if (!u)
        return mc_error_set(c->err, MC_ENOMEM, "team maxmin: out of memory");
    mc_q_init_vec(u, s->nseq);
    mc_status st = MC_OK;
    for (r->nrounds = 0; r->nrounds < c->o->max_rounds && st == MC_OK; r->nrounds++) {
        bool ok;
        if ((st = solve_lp(c, cols, &ok)) != MC_OK || !ok)
            break;
        if (!check_lp(c, cols)) {
            snprintf(r->note, sizeof r->note, "team LP solution failed the exact re-check");
            break;
        }
        if (!r->have_upper || mc_q_cmp(&c->v, &r->upper) < 0) {
            mc_q_set(&r->upper, &c->v);
            r->have_upper = true;
        }
        if (all) { /* exact best response by enumeration */
            uint32_t arg = 0;
            for (uint32_t p = 0; p < all->nplans && st == MC_OK; p++) {
                for (uint32_t k = 0; k < all->nunits; k++)
                    act[all->unit[k]] = all->plan[(size_t)p * all->nunits + k];
                st = ef_team_column(c->ef, s, c->team, act, c->o->fixed, c->w, u, c->err);
                mc_q d = MC_Q_ZERO;
                ef_dot(c->x, u, s->nseq, &d);
                if (p == 0 || mc_q_cmp(&d, &m) < 0) {
                    mc_q_set(&m, &d);
                    arg = p;
                }
                mc_q_clear(&d);
            }
            if (st != MC_OK)
                break;
            set_lower(c, &m, c->x);
            if (mc_q_cmp(&m, &c->v) >= 0)
                break;
            st = add_plan_column(c, cols, all, arg, act);
        } else { /* coordinate search from action 0 everywhere */
            for (uint32_t i = 0; i < c->ef->ninfosets; i++)
                act[i] = 0;
            st = ef_team_search(c->ef, c->team, s, c->x, c->o->fixed, c->w, false, act, &m,
                                c->err);
            if (st != MC_OK || mc_q_cmp(&m, &c->v) >= 0)
                break;
            mc_q *col = columns_add(cols);
            if (!col)
                st = mc_error_set(c->err, MC_ENOMEM, "team maxmin: out of memory");
            else
                st = ef_team_column(c->ef, s, c->team, act, c->o->fixed, c->w, col, c->err);
        }
        if (r->have_lower && r->have_upper && mc_q_eq(&r->lower, &r->upper))
            break;
    }
    r->ncolumns = cols->n;
    mc_q_clear_vec(u, s->nseq);
    free(u);
    mc_q_clear(&m);
    return st;
}

/* The maximin against the others pooled (sequence form), under o's LP
 * options and fixed actions; pr is initialised here. */
static mc_status pooled_maximin(const mc_ef *ef, mc_players max_players, mc_players min_players,
                                const mc_team_options *o, mc_seqform_result *pr, mc_error *err)
{
    mc_seqform_options so;
    mc_seqform_options_default(&so);
    so.lp = o->lp;
    so.fixed = o->fixed;
    mc_seqform_result_init(pr);
    return mc_seqform_maximin(ef, max_players, min_players, &so, pr, err);
}

mc_status mc_team_maxmin(const mc_ef *ef, mc_players max_players, mc_players min_players,
                         const mc_team_options *o, mc_team_result *r, mc_error *err)
{
    mc_team_options dflt;
    if (!o) {
        mc_team_options_default(&dflt);
        o = &dflt;
    }
    mc_team_result_free(r);
    if (!max_players || (max_players & min_players) ||
        ((max_players | min_players) & ~mc_players_all(ef->nplayers)))
        return mc_error_set(err, MC_EINPUT, "team maxmin: the max side must be a nonempty set "
                            "of players disjoint from the others");
    double t0 = mc_lp_now();
    team_ctx c = {.ef = ef, .o = o, .r = r, .team = min_players, .err = err};
    c.v = MC_Q_ZERO;
    ef_weights_of(ef, max_players, c.w);
    mc_status st = mc_ef_side_build(ef, max_players, &r->max_side, err);
    if (st != MC_OK)
        return st;
    uint32_t n = r->max_side.nseq;
    columns cols = {.len = n};
    mc_efnf_agent all;
    memset(&all, 0, sizeof all);
    uint32_t *act = calloc((size_t)ef->ninfosets + 1, sizeof *act);
    r->x = malloc((size_t)n * sizeof *r->x);
    c.x = malloc((size_t)n * sizeof *c.x);
    if (!act || !r->x || !c.x) {
        free(r->x);
        r->x = NULL;
        st = mc_error_set(err, MC_ENOMEM, "team maxmin: out of memory");
        goto done;
    }
    mc_q_init_vec(r->x, n);
    mc_q_init_vec(c.x, n);
    if (__builtin_popcountll(min_players) <= 1) {
        r->method = MC_TEAM_SINGLE;
        mc_seqform_result pr;
        st = pooled_maximin(ef, max_players, min_players, o, &pr, err);
        if (st == MC_OK && pr.lp_status == MC_LP_OPTIMAL_CERTIFIED) {
            set_lower(&c, &pr.value, pr.x);
            mc_q_set(&r->upper, &pr.value);
            r->have_upper = true;
        } else if (st == MC_OK) {
            snprintf(r->note, sizeof r->note, "%s", pr.note);
        }
        r->nrounds = 1;
        mc_seqform_result_free(&pr);
        r->decided = r->have_lower && r->have_upper;
        goto done;
    }
    /* the others' reduced joint profiles, if few enough */
    uint64_t lim = o->max_enum_profiles > o->max_br_profiles ? o->max_enum_profiles
                                                             : o->max_br_profiles;
    mc_error enum_err;
    st = lim ? mc_efnf_agent_plans(ef, min_players, true, false, lim, &all, &enum_err)
             : MC_ELIMIT;
    if (st != MC_OK && st != MC_ELIMIT) {
        *err = enum_err;
        goto done;
    }
    bool enumerable = st == MC_OK;
    r->nprofiles = enumerable ? all.nplans : UINT64_MAX;
    st = MC_OK;
    if (enumerable && all.nplans <= o->max_enum_profiles) {
        r->method = MC_TEAM_ENUMERATED;
        for (uint32_t p = 0; p < all.nplans && st == MC_OK; p++)
            st = add_plan_column(&c, &cols, &all, p, act);
        c.y = st == MC_OK ? malloc(((size_t)cols.n + 1) * sizeof *c.y) : NULL;
        if (st == MC_OK && !c.y)
            st = mc_error_set(err, MC_ENOMEM, "team maxmin: out of memory");
        if (c.y)
            mc_q_init_vec(c.y, cols.n);
        bool ok = false;
        if (st == MC_OK)
            st = solve_lp(&c, &cols, &ok);
        if (st == MC_OK && ok && check_lp(&c, &cols)) {
            set_lower(&c, &c.v, c.x);
            mc_q_set(&r->upper, &c.v);
            r->have_upper = true;
        } else if (st == MC_OK && ok) {
            snprintf(r->note, sizeof r->note, "team LP solution failed the exact re-check");
        }
        r->ncolumns = cols.n;
        r->nrounds = 1;
    } else {
        r->method = enumerable ? MC_TEAM_COLUMNS_EXACT_BR : MC_TEAM_COLUMNS_SEARCH_BR;
        /* lower bound: the others pooled */
        mc_seqform_result pr;
        st = pooled_maximin(ef, max_players, min_players, o, &pr, err);
        if (st == MC_OK && pr.lp_status == MC_LP_OPTIMAL_CERTIFIED)
            set_lower(&c, &pr.value, pr.x);
        /* first column: the team's reply to the pooled solution (or to nothing) */
        for (uint32_t i = 0; i < ef->ninfosets; i++)
            act[i] = 0;
        mc_q m = MC_Q_ZERO;
        if (st == MC_OK && pr.x)
            st = ef_team_search(ef, min_players, &r->max_side, pr.x, o->fixed, c.w, false, act,
                                &m, err);
        mc_q_clear(&m);
        mc_seqform_result_free(&pr);
        mc_q *col = st == MC_OK ? columns_add(&cols) : NULL;
        if (st == MC_OK && !col)
            st = mc_error_set(err, MC_ENOMEM, "team maxmin: out of memory");
        if (st == MC_OK)
            st = ef_team_column(ef, &r->max_side, min_players, act, o->fixed, c.w, col, err);
        c.y = malloc(((size_t)o->max_rounds + 2) * sizeof *c.y);
        if (st == MC_OK && !c.y)
            st = mc_error_set(err, MC_ENOMEM, "team maxmin: out of memory");
        if (c.y)
            mc_q_init_vec(c.y, (size_t)o->max_rounds + 2);
        if (st == MC_OK)
            st = generate(&c, &cols, enumerable ? &all : NULL, act);
    }
    r->decided = r->have_lower && r->have_upper && mc_q_eq(&r->lower, &r->upper);
    if (st == MC_OK && !r->decided && !r->note[0])
        snprintf(r->note, sizeof r->note, "bounds do not meet after %u rounds", r->nrounds);
done:
    if (c.y)
        mc_q_clear_vec(c.y, r->method == MC_TEAM_ENUMERATED ? cols.n : (size_t)o->max_rounds + 2);
    free(c.y);
    if (c.x && r->x)
        mc_q_clear_vec(c.x, n);
    free(c.x);
    mc_q_clear(&c.v);
    free(act);
    columns_free(&cols);
    mc_efnf_agent_free(&all);
    r->seconds = mc_lp_now() - t0;
    return st;
}

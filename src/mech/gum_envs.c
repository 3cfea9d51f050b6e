/* The paper's worked setups as environments (spec 5, 7) and seeded random
 * environments (spec 4, "random instances"). */
#include <stdio.h>
#include <string.h>

#include "mech/gum.h"

#define TRY(x)                  \
    do {                        \
        mc_status st_ = (x);    \
        if (st_ != MC_OK) {     \
            mc_gum_env_free(e); \
            return st_;         \
        }                       \
    } while (0)

static void set_name(mc_gum_env *e, const char *env_name, const char *const *agents,
                     unsigned nagents)
{
    snprintf(e->name, sizeof e->name, "%s", env_name);
    for (unsigned i = 1; i <= e->n && i <= nagents; i++)
        snprintf(e->agent_name[i], MC_GUM_NAME, "%s", agents[i - 1]);
}

static mc_status labels(mc_gum_env *e, unsigned t, unsigned c, const char *const *l,
                        mc_error *err)
{
    for (uint32_t k = 0; k < e->ntypes[t][c]; k++) {
        mc_status st = mc_gum_set_type_label(e, t, c, k, l[k], err);
        if (st != MC_OK)
            return st;
    }
    return MC_OK;
}

static mc_status xlabels(mc_gum_env *e, unsigned t, const char *const *l, mc_error *err)
{
    for (uint32_t x = 0; x < e->nx[t]; x++) {
        mc_status st = mc_gum_set_x_label(e, t, x, l[x], err);
        if (st != MC_OK)
            return st;
    }
    return MC_OK;
}

/* Martingale step from probability p to {lo, hi}: Pr(hi) = (p - lo)/(hi - lo).
 * All as fractions a/d over a common denominator. */
static void martingale(mc_q *v, int64_t p, int64_t lo, int64_t hi, unsigned ilo, unsigned ihi)
{
    mc_q_set_frac(&v[ihi], p - lo, hi - lo);
    mc_q_set_frac(&v[ilo], hi - p, hi - lo);
}

/* ---- R4 ------------------------------------------------------------------------ */

mc_status mc_gum_env_r4(mc_gum_env *e, mc_error *err)
{
    /* rows t = 0, 1, 2; columns public, b, r, g */
    const uint32_t nt[] = {1, 1, 1, 1, 1, 2, 2, 1, 1, 2, 2, 1};
    const uint32_t nx[] = {1, 1, 2};
    TRY(mc_gum_env_init(e, 3, 2, nt, nx, err));
    static const char *const agents[] = {"b", "r", "g"};
    set_name(e, "r4", agents, 3);
    static const char *const l0[] = {"1/2"}, *const l1[] = {"3/10", "7/10"},
                             *const l2[] = {"0", "1"};
    static const char *const xl[] = {"NO", "YES"};
    TRY(xlabels(e, 2, xl, err));
    for (unsigned i = 1; i <= 2; i++) {
        TRY(labels(e, 0, i, l0, err));
        TRY(labels(e, 1, i, l1, err));
        TRY(labels(e, 2, i, l2, err));
        mc_q *v = mc_gum_trans(e, 1, i, 0, 0, 0);
        mc_q_set_frac(&v[0], 1, 2);
        mc_q_set_frac(&v[1], 1, 2);
        for (uint32_t p = 0; p < 2; p++)
            for (uint32_t x = 0; x < e->nx[1]; x++)
                martingale(mc_gum_trans(e, 2, i, 0, p, x), p == 0 ? 3 : 7, 0, 10, 0, 1);
        for (uint32_t th = 0; th < 2; th++)
            mc_q_set_i64(&mc_gum_pay(e, 2, i, th)[1], 84 + 20 * (int64_t)th);
    }
    mc_q_set_i64(&mc_gum_pay(e, 2, 3, 0)[1], -204);
    return MC_OK;
}

/* ---- App E.3 ------------------------------------------------------------------- */

mc_status mc_gum_env_app_e3(mc_gum_env *e, mc_error *err)
{
    const uint32_t nt[] = {1, 1, 1, 1, 1, 2, 2, 1};
    const uint32_t nx[] = {1, 3};
    TRY(mc_gum_env_init(e, 3, 1, nt, nx, err));
    set_name(e, "app-e3", NULL, 0);
    static const char *const lh[] = {"L", "H"}, *const xl[] = {"N", "S", "B"};
    TRY(xlabels(e, 1, xl, err));
    for (unsigned i = 1; i <= 2; i++) {
        TRY(labels(e, 1, i, lh, err));
        mc_q *v = mc_gum_trans(e, 1, i, 0, 0, 0);
        mc_q_set_frac(&v[0], 1, 2);
        mc_q_set_frac(&v[1], 1, 2);
    }
    static const int64_t u1[2][3] = {{0, 10, 20}, {0, 20, 32}};
    static const int64_t u2[2][3] = {{0, 0, 5}, {0, 0, 10}};
    static const int64_t u3[3] = {0, -10, -30};
    for (uint32_t th = 0; th < 2; th++)
        for (uint32_t x = 0; x < 3; x++) {
            mc_q_set_i64(&mc_gum_pay(e, 1, 1, th)[x], u1[th][x]);
            mc_q_set_i64(&mc_gum_pay(e, 1, 2, th)[x], u2[th][x]);
        }
    for (uint32_t x = 0; x < 3; x++)
        mc_q_set_i64(&mc_gum_pay(e, 1, 3, 0)[x], u3[x]);
    return MC_OK;
}

/* ---- Sec. 5.2 (DPM) -------------------------------------------------------------- */

mc_status mc_gum_env_dpm52(mc_gum_env *e, mc_error *err)
{
    /* t1: b {5, X}, r {5, X}, g {-2, X}; t2: b {100, 0, X}, r {-100, 0, X},
     * g {0, X} */
    const uint32_t nt[] = {1, 1, 1, 1, 1, 2, 2, 2, 1, 3, 3, 2};
    const uint32_t nx[] = {1, 3, 3};
    TRY(mc_gum_env_init(e, 3, 2, nt, nx, err));
    static const char *const agents[] = {"b", "r", "g"};
    set_name(e, "dpm52", agents, 3);
    static const char *const xl[] = {"-1", "0", "+1"};
    static const char *const b1[] = {"5", "X"}, *const g1[] = {"-2", "X"};
    static const char *const b2[] = {"100", "0", "X"}, *const r2[] = {"-100", "0", "X"},
                             *const g2[] = {"0", "X"};
    TRY(xlabels(e, 1, xl, err));
    TRY(xlabels(e, 2, xl, err));
    TRY(labels(e, 1, 1, b1, err));
    TRY(labels(e, 1, 2, b1, err));
    TRY(labels(e, 1, 3, g1, err));
    TRY(labels(e, 2, 1, b2, err));
    TRY(labels(e, 2, 2, r2, err));
    TRY(labels(e, 2, 3, g2, err));
    /* true types at t=1 (index 0) with probability 1; X has probability 0 */
    /* into t=2: from the real type, 0 if a_1 = -1 (x = 0) else +-100;
     * from X: X */
    for (unsigned i = 1; i <= 3; i++)
        for (uint32_t x = 0; x < 3; x++) {
            mc_q *real = mc_gum_trans(e, 2, i, 0, 0, x);
            mc_q *exit = mc_gum_trans(e, 2, i, 0, 1, x);
            uint32_t K = e->ntypes[2][i];
            for (uint32_t k = 0; k < K; k++) {
                mc_q_set_i64(&real[k], 0);
                mc_q_set_i64(&exit[k], 0);
            }
            mc_q_set_i64(&exit[K - 1], 1);
            if (i == 3)
                mc_q_set_i64(&real[0], 1);
            else
                mc_q_set_i64(&real[x == 0 ? 1 : 0], 1);
        }
    /* u = theta a - a^2; X gets 0 */
    static const int64_t th1[3] = {5, 5, -2};
    static const int64_t th2[3][2] = {{100, 0}, {-100, 0}, {0, 0}};
    for (unsigned i = 1; i <= 3; i++)
        for (uint32_t x = 0; x < 3; x++) {
            int64_t a = (int64_t)x - 1;
            mc_q_set_i64(&mc_gum_pay(e, 1, i, 0)[x], th1[i - 1] * a - a * a);
            uint32_t nreal = e->ntypes[2][i] - 1;
            for (uint32_t k = 0; k < nreal; k++)
                mc_q_set_i64(&mc_gum_pay(e, 2, i, k)[x], th2[i - 1][k] * a - a * a);
        }
    return MC_OK;
}

/* ---- App D ------------------------------------------------------------------------- */

mc_status mc_gum_env_app_d(mc_gum_env *e, unsigned n, const mc_q *big, const mc_q *eps,
                           mc_error *err)
{
    if (n < 3 || n > MC_GUM_MAX_AGENTS)
        return mc_error_set(err, MC_EINPUT, "app-d: n = %u must be in 3..%d", n,
                            MC_GUM_MAX_AGENTS);
    uint32_t nt[5 * MC_GUM_MAX_COMP];
    for (unsigned k = 0; k < 5 * (n + 1); k++)
        nt[k] = 1;
    /* blue: 1, 2, 2, 2, 2; red: 1, 1, 2, 2, 2 */
    for (unsigned t = 1; t <= 4; t++) {
        nt[t * (n + 1) + 1] = 2;
        nt[t * (n + 1) + 2] = t >= 2 ? 2 : 1;
    }
    const uint32_t nx[] = {1, 1, 4, 2, 8};
    TRY(mc_gum_env_init(e, n, 4, nt, nx, err));
    static const char *const agents[] = {"blue", "red", "green"};
    set_name(e, "app-d", agents, 3);
    for (unsigned i = 4; i <= n; i++)
        snprintf(e->agent_name[i], MC_GUM_NAME, "dummy%u", i - 3);
    /* percentages per period (out of 100) */
    static const int64_t pct[5][2] = {{50, 50}, {30, 70}, {20, 80}, {10, 90}, {0, 100}};
    static const char *const lab[5][2] = {
        {"50%", "50%"}, {"30%", "70%"}, {"20%", "80%"}, {"10%", "90%"}, {"0%", "100%"}};
    for (unsigned t = 0; t <= 4; t++)
        for (unsigned i = 1; i <= 2; i++) {
            if (e->ntypes[t][i] == 2) {
                TRY(mc_gum_set_type_label(e, t, i, 0, lab[t][0], err));
                TRY(mc_gum_set_type_label(e, t, i, 1, lab[t][1], err));
            } else {
                TRY(mc_gum_set_type_label(e, t, i, 0, "50%", err));
            }
        }
    for (unsigned t = 1; t <= 4; t++)
        for (unsigned i = 1; i <= 2; i++) {
            if (e->ntypes[t][i] == 1)
                continue; /* red at t = 1: 50% stays 50% */
            for (uint32_t p = 0; p < e->ntypes[t - 1][i]; p++) {
                int64_t from = e->ntypes[t - 1][i] == 1 ? 50 : pct[t - 1][p];
                for (uint32_t x = 0; x < e->nx[t - 1]; x++)
                    martingale(mc_gum_trans(e, t, i, 0, p, x), from, pct[t][0], pct[t][1], 0, 1);
            }
        }
    static const char *const x2[] = {"b20%,r20%", "b20%,r80%", "b80%,r20%", "b80%,r80%"};
    static const char *const x3[] = {"r10%", "r90%"};
    static const char *const x4[] = {"b0,r0,NO", "b0,r0,YES", "b0,r1,NO", "b0,r1,YES",
                                     "b1,r0,NO", "b1,r0,YES", "b1,r1,NO", "b1,r1,YES"};
    TRY(xlabels(e, 2, x2, err));
    TRY(xlabels(e, 3, x3, err));
    TRY(xlabels(e, 4, x4, err));
    mc_q nbig = MC_Q_ZERO, neps = MC_Q_ZERO, tmp = MC_Q_ZERO;
    mc_q_neg(&nbig, big);
    mc_q_neg(&neps, eps);
    for (uint32_t th = 0; th < 2; th++) {
        for (uint32_t x = 0; x < 4; x++) {
            uint32_t bg = x / 2, rg = x % 2;
            if (th != bg)
                mc_q_set(&mc_gum_pay(e, 2, 1, th)[x], &nbig);
            if (th != rg)
                mc_q_set(&mc_gum_pay(e, 2, 2, th)[x], &neps);
        }
        for (uint32_t x = 0; x < 2; x++)
            if (th != x)
                mc_q_set(&mc_gum_pay(e, 3, 2, th)[x], &nbig);
        for (uint32_t x = 0; x < 8; x++) {
            uint32_t bg = x / 4, rg = (x / 2) % 2, yes = x % 2;
            for (unsigned i = 1; i <= 2; i++) {
                uint32_t guess = i == 1 ? bg : rg;
                mc_q_set_i64(&tmp, yes ? 84 + 20 * (int64_t)th : 0);
                if (th != guess)
                    mc_q_add(&tmp, &tmp, &nbig);
                mc_q_set(&mc_gum_pay(e, 4, i, th)[x], &tmp);
            }
        }
    }
    for (uint32_t x = 0; x < 8; x++)
        mc_q_set_i64(&mc_gum_pay(e, 4, 3, 0)[x], x % 2 ? -204 : 0);
    mc_q_clear(&nbig);
    mc_q_clear(&neps);
    mc_q_clear(&tmp);
    return MC_OK;
}

/* ---- Example 5.1 on a grid ------------------------------------------------------------ */

mc_status mc_gum_env_ex51(mc_gum_env *e, unsigned T, const mc_q *lo, const mc_q *hi,
                          const mc_q *g, mc_error *err)
{
    if (T < 1 || T > MC_GUM_MAX_T)
        return mc_error_set(err, MC_EINPUT, "ex51: T = %u must be in 1..%d", T, MC_GUM_MAX_T);
    uint32_t nt[(MC_GUM_MAX_T + 1) * 4], nx[MC_GUM_MAX_T + 1];
    for (unsigned t = 0; t <= T; t++) {
        uint32_t k = t == 0 ? 1 : t == T ? 2 : 4;
        nt[t * 4 + 0] = 1;
        nt[t * 4 + 1] = k;
        nt[t * 4 + 2] = k;
        nt[t * 4 + 3] = 1;
        nx[t] = t == T ? 2 : 1;
    }
    TRY(mc_gum_env_init(e, 3, T, nt, nx, err));
    static const char *const agents[] = {"b", "r", "g"};
    set_name(e, "ex51", agents, 3);
    static const char *const xl[] = {"NO", "YES"};
    TRY(xlabels(e, T, xl, err));
    /* types at 1..T-1: 0, 1/2 - t/(2T), 1/2 + t/(2T), 1, i.e. numerators
     * over 2T: 0, T - t, T + t, 2T; at T: 0, 1 */
    int64_t den = 2 * (int64_t)T;
    for (unsigned t = 0; t <= T; t++)
        for (unsigned i = 1; i <= 2; i++) {
            char buf[48];
            if (t == 0) {
                TRY(mc_gum_set_type_label(e, 0, i, 0, "1/2", err));
                continue;
            }
            for (uint32_t k = 0; k < e->ntypes[t][i]; k++) {
                int64_t num = t == T ? (k ? den : 0)
                                     : (k == 0 ? 0 : k == 1 ? (int64_t)T - t : k == 2 ? (int64_t)T + t : den);
                mc_q v = MC_Q_ZERO;
                mc_q_set_frac(&v, num, den);
                mc_q_snprint(buf, sizeof buf, &v);
                TRY(mc_gum_set_type_label(e, t, i, k, buf, err));
            }
        }
    for (unsigned t = 1; t <= T; t++)
        for (unsigned i = 1; i <= 2; i++)
            for (uint32_t p = 0; p < e->ntypes[t - 1][i]; p++) {
                /* numerator of the previous type over den */
                int64_t from;
                if (t == 1)
                    from = (int64_t)T;
                else
                    from = p == 0 ? 0 : p == 1 ? (int64_t)T - (t - 1) : p == 2 ? (int64_t)T + (t - 1) : den;
                for (uint32_t x = 0; x < e->nx[t - 1]; x++) {
                    mc_q *v = mc_gum_trans(e, t, i, 0, p, x);
                    uint32_t K = e->ntypes[t][i];
                    for (uint32_t k = 0; k < K; k++)
                        mc_q_set_i64(&v[k], 0);
                    if (from == 0 || from == den) {
                        mc_q_set_i64(&v[from == 0 ? 0 : K - 1], 1); /* absorbing */
                    } else if (t == T) {
                        martingale(v, from, 0, den, 0, 1);
                    } else {
                        martingale(v, from, (int64_t)T - t, (int64_t)T + t, 1, 2);
                    }
                }
            }
    for (unsigned i = 1; i <= 2; i++) {
        mc_q_set(&mc_gum_pay(e, T, i, 0)[1], lo);
        mc_q_set(&mc_gum_pay(e, T, i, 1)[1], hi);
    }
    mc_q_set(&mc_gum_pay(e, T, 3, 0)[1], g);
    return MC_OK;
}

/* ---- App G (AGV with a dummy) on a grid ------------------------------------------ */

mc_status mc_gum_env_app_g(mc_gum_env *e, unsigned m, bool dummy, mc_error *err)
{
    if (m < 2 || m > MC_GUM_MAX_TYPES)
        return mc_error_set(err, MC_EINPUT, "app-g: grid = %u must be in 2..%d", m,
                            MC_GUM_MAX_TYPES);
    unsigned n = dummy ? 3 : 2;
    /* rows t = 0, 1; columns public, 1, 2 (, 3) */
    uint32_t nt[2 * 4] = {1, 1, 1, 1, 1, m, m, 1};
    if (!dummy) {
        nt[3] = 1;
        nt[4] = m;
        nt[5] = m;
    }
    const uint32_t nx[] = {1, 2};
    TRY(mc_gum_env_init(e, n, 1, nt, nx, err));
    set_name(e, "app-g", NULL, 0);
    static const char *const xl[] = {"-1", "+1"};
    TRY(xlabels(e, 1, xl, err));
    /* theta_k = (2k - (m - 1)) / (m - 1), uniform; u_i = theta_i d */
    int64_t den = (int64_t)m - 1;
    mc_q th = MC_Q_ZERO;
    char buf[48];
    for (unsigned i = 1; i <= 2; i++) {
        mc_q *v = mc_gum_trans(e, 1, i, 0, 0, 0);
        for (uint32_t k = 0; k < m; k++) {
            mc_q_set_frac(&v[k], 1, (int64_t)m);
            mc_q_set_frac(&th, 2 * (int64_t)k - den, den);
            mc_q_snprint(buf, sizeof buf, &th);
            mc_status st = mc_gum_set_type_label(e, 1, i, k, buf, err);
            if (st != MC_OK) {
                mc_q_clear(&th);
                mc_gum_env_free(e);
                return st;
            }
            mc_q *u = mc_gum_pay(e, 1, i, k);
            mc_q_neg(&u[0], &th);
            mc_q_set(&u[1], &th);
        }
    }
    mc_q_clear(&th);
    if (dummy)
        TRY(mc_gum_set_type_label(e, 1, 3, 0, "0", err));
    return MC_OK;
}

/* ---- random environments ------------------------------------------------------------- */

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static uint64_t rnd(uint64_t *s, uint64_t lo, uint64_t hi)
{
    return lo + splitmix(s) % (hi - lo + 1);
}

static void random_dist(uint64_t *s, mc_q *v, uint32_t K, unsigned den, bool full)
{
    int64_t part[MC_GUM_MAX_TYPES];
    unsigned left = den;
    for (uint32_t k = 0; k < K; k++) {
        part[k] = full ? 1 : 0;
        left -= full ? 1 : 0;
    }
    if (!full) {
        /* at least one positive entry; zeros are likely */
        part[rnd(s, 0, K - 1)]++;
        left--;
    }
    while (left--)
        part[rnd(s, 0, K - 1)]++;
    for (uint32_t k = 0; k < K; k++)
        mc_q_set_frac(&v[k], part[k], den);
}

void mc_gum_random_spec_default(mc_gum_random_spec *s)
{
    memset(s, 0, sizeof *s);
    s->n = 3;
    s->T = 2;
    s->kmin = s->kmax = 2;
    s->xmin = s->xmax = 2;
    s->den = 6;
    s->umin = -5;
    s->umax = 5;
    s->decision_dependent = true;
    s->full_support = true;
    s->seed = 1;
}

mc_status mc_gum_env_random(mc_gum_env *e, const mc_gum_random_spec *sp, mc_error *err)
{
    if (sp->n < 1 || sp->n > MC_GUM_MAX_AGENTS || sp->T < 1 || sp->T > MC_GUM_MAX_T ||
        sp->kmin < 1 || sp->kmax < sp->kmin || sp->kmax > MC_GUM_MAX_TYPES || sp->xmin < 1 ||
        sp->xmax < sp->xmin || sp->xmax > MC_GUM_MAX_X || sp->public_types > MC_GUM_MAX_TYPES ||
        sp->umin > sp->umax)
        return mc_error_set(err, MC_EINPUT, "random environment: parameter out of range");
    if (sp->den < 1 || (sp->full_support && sp->den < sp->kmax) ||
        (sp->public_types > 1 && sp->full_support && sp->den < sp->public_types))
        return mc_error_set(err, MC_EINPUT,
                            "random environment: den = %u is too small for full support", sp->den);
    uint64_t s = sp->seed * UINT64_C(0x2545F4914F6CDD1D) + 7;
    unsigned n = sp->n;
    uint32_t nt[(MC_GUM_MAX_T + 1) * MC_GUM_MAX_COMP], nx[MC_GUM_MAX_T + 1];
    for (unsigned t = 0; t <= sp->T; t++) {
        bool copy = sp->iid && t >= 2;
        nx[t] = t == 0 ? 1 : copy ? nx[1] : (uint32_t)rnd(&s, sp->xmin, sp->xmax);
        nt[t * (n + 1)] = t == 0 || sp->public_types <= 1 ? 1 : sp->public_types;
        for (unsigned i = 1; i <= n; i++)
            nt[t * (n + 1) + i] = t == 0 ? 1
                                  : copy ? nt[(n + 1) + i]
                                         : (uint32_t)rnd(&s, sp->kmin, sp->kmax);
    }
    TRY(mc_gum_env_init(e, n, sp->T, nt, nx, err));
    snprintf(e->name, sizeof e->name, "random(seed=%llu)", (unsigned long long)sp->seed);
    for (unsigned t = 1; t <= sp->T; t++)
        for (unsigned c = 0; c <= n; c++) {
            uint32_t prev0 = e->ntypes[t - 1][0], prevc = c == 0 ? 1 : e->ntypes[t - 1][c];
            for (uint32_t a = 0; a < prev0; a++)
                for (uint32_t b = 0; b < prevc; b++)
                    for (uint32_t x = 0; x < e->nx[t - 1]; x++) {
                        mc_q *v = mc_gum_trans(e, t, c, a, b, x);
                        if (sp->iid && (t >= 2 || a > 0 || b > 0 || x > 0)) {
                            /* one distribution for every past and decision */
                            const mc_q *v0 = mc_gum_trans(e, 1, c, 0, 0, 0);
                            for (uint32_t k = 0; k < e->ntypes[t][c]; k++)
                                mc_q_set(&v[k], &v0[k]);
                        } else if (x > 0 && !sp->decision_dependent) {
                            const mc_q *v0 = mc_gum_trans(e, t, c, a, b, 0);
                            for (uint32_t k = 0; k < e->ntypes[t][c]; k++)
                                mc_q_set(&v[k], &v0[k]);
                        } else {
                            random_dist(&s, v, e->ntypes[t][c], sp->den, sp->full_support);
                        }
                    }
        }
    for (unsigned t = 0; t <= sp->T; t++)
        for (unsigned i = 1; i <= n; i++)
            for (uint32_t k = 0; k < e->ntypes[t][i]; k++)
                for (uint32_t x = 0; x < e->nx[t]; x++) {
                    if (sp->iid && t >= 2)
                        mc_q_set(&mc_gum_pay(e, t, i, k)[x], &mc_gum_pay(e, 1, i, k)[x]);
                    else if (sp->iid && t == 0)
                        mc_q_set_i64(&mc_gum_pay(e, t, i, k)[x], 0);
                    else
                        mc_q_set_i64(&mc_gum_pay(e, t, i, k)[x],
                                     sp->umin +
                                         (int64_t)rnd(&s, 0, (uint64_t)(sp->umax - sp->umin)));
                }
    return MC_OK;
}

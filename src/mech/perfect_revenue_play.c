/* One play of mechanism M evaluated literally, step by step (a)-(g): every
 * realisation of the coins with its probability, then the expectations.
 * It shares no code with the generator's closed-form leaves, so the two
 * check each other. */
#include <string.h>

#include "mech/perfect_revenue.h"

void mc_pr_eval_init(mc_pr_eval *e)
{
    memset(e, 0, sizeof *e);
    e->f = e->nr = e->p_impl = e->revenue = MC_Q_ZERO;
    for (unsigned j = 0; j < MC_PR_MAX_N; j++)
        e->rew[j] = e->eu[j] = MC_Q_ZERO;
    for (unsigned o = 0; o < 3; o++) {
        mc_pr_outcome *out = &e->out[o];
        out->prob = out->revenue = MC_Q_ZERO;
        for (unsigned j = 0; j < MC_PR_MAX_N; j++)
            out->price[j] = out->utility[j] = MC_Q_ZERO;
    }
}

void mc_pr_eval_clear(mc_pr_eval *e)
{
    mc_q_clear(&e->f);
    mc_q_clear(&e->nr);
    mc_q_clear(&e->p_impl);
    mc_q_clear(&e->revenue);
    mc_q_clear_vec(e->rew, MC_PR_MAX_N);
    mc_q_clear_vec(e->eu, MC_PR_MAX_N);
    for (unsigned o = 0; o < 3; o++) {
        mc_pr_outcome *out = &e->out[o];
        mc_q_clear(&out->prob);
        mc_q_clear(&out->revenue);
        mc_q_clear_vec(out->price, MC_PR_MAX_N);
        mc_q_clear_vec(out->utility, MC_PR_MAX_N);
    }
    memset(e, 0, sizeof *e);
}

static mc_status check_play(const mc_pr_params *p, const mc_pr_play *play, mc_error *err)
{
    if (play->omega >= p->nstates)
        return mc_error_set(err, MC_EINPUT, "play: state %u is not in Omega", play->omega);
    for (unsigned j = 0; j < p->n; j++)
        if (play->k1[j] < 0 || play->k1[j] > MC_PR_MAX_CAP * 8)
            return mc_error_set(err, MC_EINPUT, "play: K1_%u = %lld is not a natural number "
                                "(at most %d)", j + 1, (long long)play->k1[j], MC_PR_MAX_CAP * 8);
    for (unsigned i = 1; i < p->n; i++)
        for (unsigned j = 0; j < p->n; j++) {
            int64_t d = play->delta[i][j];
            if (d < 0 || d > MC_PR_MAX_CAP * 8)
                return mc_error_set(err, MC_EINPUT, "play: Delta^%u_%u = %lld is not a natural "
                                    "number (at most %d)", i + 1, j + 1, (long long)d,
                                    MC_PR_MAX_CAP * 8);
            if (j == i && d != 0)
                return mc_error_set(err, MC_EINPUT, "play: Delta^%u_%u must be 0", i + 1, i + 1);
        }
    return MC_OK;
}

/* Final prices of one realisation: base[j] (before step g) minus rewards. */
static void realise(const mc_pr_params *p, mc_pr_eval *e, mc_pr_outcome *o, const char *what,
                    unsigned omega, const mc_q *base)
{
    o->what = what;
    o->omega = omega;
    o->welfare = mc_pr_welfare(p, omega);
    mc_q_set_i64(&o->revenue, 0);
    mc_q tv = MC_Q_ZERO;
    for (unsigned j = 0; j < p->n; j++) {
        mc_q_sub(&o->price[j], &base[j], &e->rew[j]);
        mc_q_set_i64(&tv, p->tv[omega][j]);
        mc_q_sub(&o->utility[j], &tv, &o->price[j]);
        mc_q_add(&o->revenue, &o->revenue, &o->price[j]);
    }
    mc_q_clear(&tv);
}

mc_status mc_pr_evaluate(const mc_pr_params *p, const mc_pr_play *play, mc_pr_eval *e,
                         mc_error *err)
{
    mc_status st = check_play(p, play, err);
    if (st != MC_OK)
        return st;
    unsigned n = p->n;
    mc_q base[MC_PR_MAX_N], impl[MC_PR_MAX_N], t = MC_Q_ZERO, u = MC_Q_ZERO;
    for (unsigned j = 0; j < n; j++)
        base[j] = impl[j] = MC_Q_ZERO;
    e->r = 0;
    for (unsigned j = 0; j < n; j++)
        e->r += play->k1[j];
    mc_pr_rank(p, play->omega, play->k1, &e->f, &e->nr);
    e->stopped = e->r == 0;
    if (e->stopped) { /* step (a): outcome (null, 0), step g is not reached */
        if (play->no_mask) {
            return mc_error_set(err, MC_EINPUT, "play: sum K1 = 0 ends at step (a); no vote");
        }
        e->nout = 1;
        for (unsigned j = 0; j < n; j++)
            mc_q_set_i64(&e->rew[j], 0);
        mc_q_set_i64(&e->out[0].prob, 1);
        realise(p, e, &e->out[0], "stop", 0, base);
        e->yes = n;
        mc_q_set_i64(&e->p_impl, 0);
        goto expectations;
    }
    /* step (b), corrected reading: bip_j = the last raiser of j, P*_j = j's
     * cumulative price */
    for (unsigned j = 0; j < n; j++) {
        e->bip[j] = 0;
        e->pstar[j] = play->k1[j];
        for (unsigned l = 1; l < n; l++)
            if (play->delta[l][j] > 0) {
                e->bip[j] = l;
                e->pstar[j] += play->delta[l][j];
            }
    }
    e->chooser_mask = 0;
    for (unsigned j = 0; j < n; j++)
        if (mc_pr_has_choice(j, e->pstar, e->bip))
            e->chooser_mask |= 1u << j;
    if (play->no_mask & ~e->chooser_mask) {
        return mc_error_set(err, MC_EINPUT,
                            "play: a player without a choice (P* = 0, or player 1 unraised) "
                            "cannot announce NO (NO set 0x%x, choosers 0x%x)",
                            play->no_mask, e->chooser_mask);
    }
    /* step g rewards */
    mc_q_set_i64(&t, 2 * e->r + 1);
    mc_q_mul(&e->rew[0], &p->eps, &t);
    mc_q_div(&t, &e->f, &e->nr);
    mc_q_mul(&t, &t, &p->eps);
    mc_q_sub(&e->rew[0], &e->rew[0], &t);
    for (unsigned i = 1; i < n; i++) {
        mc_q_set(&e->rew[i], &p->eps);
        for (unsigned j = 0; j < n; j++) {
            mc_q_set_i64(&t, play->delta[i][j]);
            mc_q_addmul(&e->rew[i], &p->chain[i][j], &t);
        }
    }
    /* step c */
    e->yes = n;
    e->b = 0;
    for (unsigned j = 0; j < n; j++) {
        e->pun[j] = 0;
        if (play->no_mask >> j & 1) {
            e->yes--;
            e->b += e->pstar[j];
        }
    }
    for (unsigned j = 0; j < n; j++)
        if (play->no_mask >> j & 1)
            e->pun[e->bip[j]] += 2 * e->pstar[j];
    /* base prices of the implemented proposal: P*_j - eps */
    for (unsigned j = 0; j < n; j++) {
        mc_q_set_i64(&impl[j], e->pstar[j]);
        mc_q_sub(&impl[j], &impl[j], &p->eps);
    }
    if (e->yes == n) {
        e->nout = 1;
        mc_q_set_i64(&e->out[0].prob, 1);
        realise(p, e, &e->out[0], "all-yes", play->omega, impl);
        mc_q_set_i64(&e->p_impl, 1);
    } else {
        /* step d-e: c1 = Heads (1 - eps): each NO-sayer's bip pays 2 P* */
        e->nout = 3;
        mc_q_set_i64(&t, 1);
        mc_q_sub(&e->out[0].prob, &t, &p->eps);
        for (unsigned j = 0; j < n; j++)
            mc_q_set_i64(&base[j], e->pun[j]);
        realise(p, e, &e->out[0], "punish", 0, base);
        /* step f: c1 = Tails (eps), c2 = Heads with Y/(nB) */
        mc_q_set_frac(&t, (int64_t)e->yes, (int64_t)n * e->b);
        mc_q_mul(&e->out[1].prob, &p->eps, &t);
        realise(p, e, &e->out[1], "implement", play->omega, impl);
        mc_q_set_i64(&u, 1);
        mc_q_sub(&u, &u, &t);
        mc_q_mul(&e->out[2].prob, &p->eps, &u);
        for (unsigned j = 0; j < n; j++)
            mc_q_set_i64(&base[j], 0);
        realise(p, e, &e->out[2], "null", 0, base);
        mc_q_set(&e->p_impl, &e->out[1].prob);
    }
expectations:
    mc_q_set_i64(&e->revenue, 0);
    for (unsigned j = 0; j < n; j++)
        mc_q_set_i64(&e->eu[j], 0);
    for (unsigned o = 0; o < e->nout; o++) {
        mc_q_addmul(&e->revenue, &e->out[o].prob, &e->out[o].revenue);
        for (unsigned j = 0; j < n; j++)
            mc_q_addmul(&e->eu[j], &e->out[o].prob, &e->out[o].utility[j]);
    }
    mc_q_clear_vec(base, n);
    mc_q_clear_vec(impl, n);
    mc_q_clear(&t);
    mc_q_clear(&u);
    return MC_OK;
}

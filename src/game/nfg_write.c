/* Writer of Gambit's normal-form format, in Gambit's own layout.
 *
 * Without outcome names: the payoff version, one profile per line.  With
 * outcome names: the outcome version; profiles with the same name and the
 * same payoffs share one outcome (numbered in order of first appearance), and
 * a profile without a name whose payoffs are all zero gets outcome 0. */
#include <stdlib.h>
#include <string.h>

#include "game/gambit_write.h"
#include "mechcheck/gambit.h"

static void put_header(const mc_nfg *g, FILE *f)
{
    fputs("NFG 1 R ", f);
    gb_put_string(f, g->title ? g->title : "");
    fputs(" {", f);
    for (unsigned p = 0; p < g->nplayers; p++) {
        putc_unlocked(' ', f);
        gb_put_string(f, g->player_names ? g->player_names[p] : "");
    }
    fputs(" }\n\n{ ", f);
    for (unsigned p = 0; p < g->nplayers; p++) {
        fputs("{", f);
        for (uint32_t s = 0; s < g->nstrategies[p]; s++) {
            putc_unlocked(' ', f);
            gb_put_string(f, g->strategy_names && g->strategy_names[p]
                                 ? g->strategy_names[p][s] : "");
        }
        fputs(" }\n", f);
    }
    fputs("}\n", f);
    gb_put_string(f, g->comment ? g->comment : "");
    fputs("\n\n", f);
}

static void put_payoff_body(const mc_nfg *g, FILE *f)
{
    for (uint64_t i = 0; i < g->nprofiles; i++) {
        for (unsigned p = 0; p < g->nplayers; p++) {
            if (p)
                putc_unlocked(' ', f);
            gb_put_q(f, mc_nfg_payoff(g, i, p));
        }
        putc_unlocked('\n', f);
    }
}

/* ---- outcome version: group profiles into outcomes ----------------------- */

typedef struct outcome_table {
    uint64_t *slot;   /* representative profile + 1, 0 = empty */
    uint64_t cap;     /* power of two */
} outcome_table;

static uint64_t profile_hash(const mc_nfg *g, uint64_t i)
{
    uint64_t h = UINT64_C(1469598103934665603);
    for (const char *s = g->outcome_names[i]; s && *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    for (unsigned p = 0; p < g->nplayers; p++)
        h = (h ^ mc_q_hash(mc_nfg_payoff(g, i, p))) * UINT64_C(0x9e3779b97f4a7c15);
    return h ^ (h >> 29);
}

static bool same_outcome(const mc_nfg *g, uint64_t i, uint64_t j)
{
    const char *a = g->outcome_names[i] ? g->outcome_names[i] : "";
    const char *b = g->outcome_names[j] ? g->outcome_names[j] : "";
    if (strcmp(a, b) != 0)
        return false;
    for (unsigned p = 0; p < g->nplayers; p++)
        if (!mc_q_eq(mc_nfg_payoff(g, i, p), mc_nfg_payoff(g, j, p)))
            return false;
    return true;
}

static bool is_null_outcome(const mc_nfg *g, uint64_t i)
{
    if (g->outcome_names[i])
        return false;
    for (unsigned p = 0; p < g->nplayers; p++)
        if (!mc_q_is_zero(mc_nfg_payoff(g, i, p)))
            return false;
    return true;
}

/* number[i] = the outcome of profile i (1-based, 0 = null); *reps lists the
 * representative profile of each outcome in order. */
static mc_status group_outcomes(const mc_nfg *g, uint64_t *number, uint64_t *reps,
                                uint64_t *noutcomes, mc_error *err)
{
    outcome_table tab;
    tab.cap = 16;
    while (tab.cap < 2 * g->nprofiles)
        tab.cap *= 2;
    tab.slot = calloc(tab.cap, sizeof *tab.slot);
    if (!tab.slot)
        return mc_error_set(err, MC_ENOMEM, "nfg write: out of memory");
    uint64_t n = 0;
    for (uint64_t i = 0; i < g->nprofiles; i++) {
        if (is_null_outcome(g, i)) {
            number[i] = 0;
            continue;
        }
        uint64_t s = profile_hash(g, i) & (tab.cap - 1);
        while (tab.slot[s] && !same_outcome(g, tab.slot[s] - 1, i))
            s = (s + 1) & (tab.cap - 1);
        if (!tab.slot[s]) {
            tab.slot[s] = i + 1;
            reps[n++] = i;
            number[i] = n;
        } else {
            number[i] = number[tab.slot[s] - 1];
        }
    }
    free(tab.slot);
    *noutcomes = n;
    return MC_OK;
}

static mc_status put_outcome_body(const mc_nfg *g, FILE *f, mc_error *err)
{
    uint64_t *number = malloc((g->nprofiles + 1) * sizeof *number);
    uint64_t *reps = malloc((g->nprofiles + 1) * sizeof *reps);
    uint64_t n = 0;
    mc_status st = number && reps ? group_outcomes(g, number, reps, &n, err)
                                  : mc_error_set(err, MC_ENOMEM, "nfg write: out of memory");
    if (st == MC_OK) {
        fputs("{\n", f);
        for (uint64_t k = 0; k < n; k++) {
            fputs("{ ", f);
            const char *name = g->outcome_names[reps[k]];
            gb_put_string(f, name ? name : "");
            for (unsigned p = 0; p < g->nplayers; p++) {
                fputs(p ? ", " : " ", f);
                gb_put_q(f, mc_nfg_payoff(g, reps[k], p));
            }
            fputs(" }\n", f);
        }
        fputs("}\n", f);
        /* one row of the table (player 1's strategies) per line */
        uint32_t row = g->nstrategies[0];
        for (uint64_t i = 0; i < g->nprofiles; i++)
            fprintf(f, "%llu%c", (unsigned long long)number[i],
                    (i + 1) % row == 0 ? '\n' : ' ');
    }
    free(number);
    free(reps);
    return st;
}

mc_status mc_nfg_write(const mc_nfg *g, FILE *f, mc_error *err)
{
    if (g->nplayers < 1 || g->nplayers > MC_MAX_PLAYERS || !g->payoff)
        return mc_error_set(err, MC_EINPUT, "nfg write: the game is empty");
    flockfile(f); /* once, so the writers may use putc_unlocked */
    put_header(g, f);
    mc_status st = MC_OK;
    if (g->outcome_names)
        st = put_outcome_body(g, f, err);
    else
        put_payoff_body(g, f);
    funlockfile(f);
    if (st == MC_OK && ferror(f))
        st = mc_error_set(err, MC_EIO, "nfg write: output error");
    return st;
}

static mc_status write_cb(FILE *f, const void *arg, mc_error *err)
{
    return mc_nfg_write(arg, f, err);
}

mc_status mc_nfg_write_file(const mc_nfg *g, const char *path, mc_error *err)
{
    return mc_write_file_atomic(path, write_cb, g, err);
}

/* Instance families, counterexample search and shrinking.
 *
 * A family fixes some parameters (a base instance) and sweeps others:
 *
 *   family := item (',' item)*      items split at a ',' followed by KEY '='
 *   item   := KEY '=' alt ('|' alt)*
 *   alt    := A '..' B [':' STEP]   exact numbers: "0..12", "1/4..1:1/4"
 *           | '[' A '..' B ']' '*' LEN   a list of LEN values (LEN an integer or
 *                                    an earlier key, e.g. "caps=[1..3]*n")
 *           | VALUE                  as --set reads it ("2,2,2", "3", "abc")
 *
 * Exhaustive enumeration is lexicographic in the order the keys are given
 * (the last key varies fastest); random sampling draws every key
 * independently with a seeded, platform-independent generator, so a seed
 * reproduces the same instances everywhere. */
#ifndef MECHCHECK_SEARCH_H
#define MECHCHECK_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "mechcheck/claim.h"

typedef struct mc_family mc_family;

/* base: fixed parameters (copied; may be NULL). */
mc_status mc_family_new(mc_family **f, const mc_instance *base, mc_error *err);
/* Adds the items of a spec (may be called repeatedly; a later item for the
 * same key replaces the earlier one). */
mc_status mc_family_add(mc_family *f, const char *spec, mc_error *err);
void mc_family_free(mc_family *f);
/* Swept keys, in order. */
size_t mc_family_nkeys(const mc_family *f);
const char *mc_family_key(const mc_family *f, size_t i);
/* Number of instances, or UINT64_MAX when it does not fit. */
uint64_t mc_family_size(const mc_family *f);
/* The family as a spec again (canonical: the items as given). */
const char *mc_family_spec(const mc_family *f);

/* Calls visit for every instance in order until it returns false. */
mc_status mc_family_foreach(const mc_family *f,
                            bool (*visit)(void *arg, const mc_instance *in, mc_error *err),
                            void *arg, mc_error *err);

/* A seeded generator (splitmix64). */
typedef struct mc_rng {
    uint64_t state;
} mc_rng;

void mc_rng_seed(mc_rng *r, uint64_t seed);
uint64_t mc_rng_next(mc_rng *r);
uint64_t mc_rng_below(mc_rng *r, uint64_t n); /* uniform in [0, n), n > 0 */

/* One random instance of the family (in must be uninitialised; free it). */
mc_status mc_family_sample(const mc_family *f, mc_rng *rng, mc_instance *in, mc_error *err);

/* ---- search ---------------------------------------------------------------------- */

typedef struct mc_search_opts {
    mc_check_opts check;        /* per instance */
    double timeout;             /* whole search incl. shrinking, seconds; 0 = none */
    uint64_t random;            /* 0: exhaustive; else this many samples */
    uint64_t seed;
    bool shrink;                /* shrink the first failure */
    bool stop_at_first;
    /* optional: every instance checked, in order (reports build sweep
     * tables from it) */
    void (*on_result)(void *arg, const mc_instance *in, const mc_claim_result *r);
    /* optional: called about every half second */
    void (*progress)(void *arg, uint64_t done, uint64_t total, uint64_t failures);
    void *arg;
} mc_search_opts;

typedef struct mc_search_result {
    uint64_t checked;
    uint64_t counts[4];         /* per mc_verdict */
    uint64_t nodes;             /* work of the checks (their res->nodes), shrinking excluded */
    bool complete;              /* every instance of the family (or sample) was checked */
    char *stopped;              /* why not complete (one line, malloc'd), or NULL */
    bool found;                 /* a failing instance */
    uint64_t first_index;       /* its position (0-based) in the enumeration */
    mc_instance first;          /* the first failing instance, and its result */
    mc_claim_result first_result;
    bool shrunk;                /* minimal holds the shrunk instance */
    mc_instance minimal;
    mc_claim_result minimal_result;
    uint64_t shrink_steps;      /* accepted smaller instances */
    uint64_t shrink_checks;     /* candidates checked */
    bool shrink_complete;       /* no candidate of the last instance fails */
    double seconds;
} mc_search_result;

void mc_search_result_free(mc_search_result *r);

/* The verdict over the family: FAILS if an instance fails; else UNDECIDED
 * if the search was incomplete or an instance was undecided; else HOLDS if
 * some instance holds; else NOT-APPLICABLE. */
mc_verdict mc_search_verdict(const mc_search_result *r);

mc_status mc_search(const mc_claim *c, const mc_family *f, const mc_search_opts *o,
                    mc_search_result *r, mc_error *err);

/* Greedy shrinking: repeatedly replaces the instance by the first of the
 * mechanism's shrink() candidates on which the claim still fails, until none
 * does (or the deadline, an absolute mc_now() time, 0 = none, passes).
 * minimal/res receive the result (uninitialised on entry). */
mc_status mc_shrink(const mc_claim *c, const mc_instance *failing, const mc_check_opts *o,
                    double deadline, mc_instance *minimal, mc_claim_result *res,
                    uint64_t *steps, uint64_t *checks, bool *complete, mc_error *err);

/* Monotonic seconds. */
double mc_now(void);

#endif

/* Claims of the papers, the mechanisms they are about, and instances.
 *
 * A claim has an id PAPER/NAME ("perfect-revenue/lemma-2"), a statement in
 * our own words, its hypotheses, the mechanism it concerns, and a check:
 * instance -> verdict + witness.  Witnesses and margins are JSON values
 * (exact numbers as "p/q" strings) so that every report format renders them
 * and an independent routine (recheck) can confirm them. */
#ifndef MECHCHECK_CLAIM_H
#define MECHCHECK_CLAIM_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/num.h"

typedef enum mc_verdict {
    MC_HOLDS = 0,
    MC_FAILS,
    MC_UNDECIDED,       /* a resource limit, or an LP value that could not be certified */
    MC_NOT_APPLICABLE   /* the instance violates a hypothesis (the reason says which) */
} mc_verdict;

const char *mc_verdict_name(mc_verdict v); /* "HOLDS", "FAILS", "UNDECIDED", "NOT-APPLICABLE" */

/* ---- instances ------------------------------------------------------------ */

struct mc_mechanism;

/* An instance: a JSON object of parameters.  Exact numbers are JSON integers
 * or strings ("1/20", "0.05"); JSON reals are refused (they are doubles). */
typedef struct mc_instance {
    json_t *params;     /* object, owned */
    char *origin;       /* "FILE" or "--set", for messages */
    char *mechanism;    /* the file's "mechanism" member, or NULL */
} mc_instance;

mc_status mc_instance_init(mc_instance *in, const char *origin, mc_error *err);
void mc_instance_free(mc_instance *in);
mc_status mc_instance_copy(mc_instance *dst, const mc_instance *src, mc_error *err);
/* Reads {"mechanism": ..., "params": {...}} or a bare parameter object. */
mc_status mc_instance_read(mc_instance *in, const char *path, mc_error *err);
/* Applies "key=value": value is parsed as JSON when it is valid JSON other
 * than a real; "a,b,c" becomes an array; anything else a string. */
mc_status mc_instance_set(mc_instance *in, const char *assignment, mc_error *err);
/* Canonical one-line rendering: "--set k=v --set ..." in key order, each
 * word shell-quoted when it needs it (malloc'd; NULL on OOM). */
char *mc_instance_cli(const mc_instance *in);
/* Compact canonical JSON of the parameters (sorted keys; malloc'd). */
char *mc_instance_dump(const mc_instance *in);
/* Refuses parameters the mechanism does not document, naming them. */
mc_status mc_instance_check_params(const mc_instance *in, const struct mc_mechanism *m,
                                   mc_error *err);

/* Typed access with one-line errors naming the parameter and the constraint
 * ("instance --set: parameter 'n' must be an integer in 2..6").  Integers
 * may also be given as strings ("12"); mc_inst_q's out must be initialised. */
mc_status mc_inst_int(const mc_instance *in, const char *key, int64_t lo, int64_t hi,
                      const int64_t *dflt, int64_t *out, mc_error *err);
mc_status mc_inst_q(const mc_instance *in, const char *key, const char *dflt, mc_q *out,
                    mc_error *err);
/* An array of integers.  On entry *n is the required length (0: any length
 * up to cap); a single integer is then repeated *n times.  On return *n is
 * the length. */
mc_status mc_inst_int_list(const mc_instance *in, const char *key, int64_t lo, int64_t hi,
                           int64_t *out, size_t cap, size_t *n, mc_error *err);
mc_status mc_inst_string(const mc_instance *in, const char *key, const char *dflt,
                         const char **out, mc_error *err);
bool mc_inst_has(const mc_instance *in, const char *key);

/* ---- mechanisms ------------------------------------------------------------ */

typedef struct mc_param_doc {
    const char *name;
    const char *type;    /* "int", "rational", "int-list", "string", "json" */
    const char *dflt;    /* default as text, or NULL if required */
    const char *doc;     /* one line */
} mc_param_doc;

typedef struct mc_mechanism {
    const char *id;          /* "perfect-revenue/M" */
    const char *paper;       /* "perfect-revenue" */
    const char *title;
    const char *summary;     /* a paragraph */
    const mc_param_doc *params;
    size_t nparams;
    /* Validates an instance fully (every parameter and constraint). */
    mc_status (*validate)(const mc_instance *in, mc_error *err);
    /* Smaller instances to try when shrinking a counterexample, most
     * promising first; returns how many it wrote (at most cap). */
    size_t (*shrink)(const mc_instance *in, mc_instance *out, size_t cap);
    /* Optional: the family `search --random` samples when no --over is
     * given ("n=1..5,pie=1..20"), and an example instance for help texts. */
    const char *family;
    const char *example;     /* "--set n=3 --set pie=10" */
} mc_mechanism;

/* ---- claims ------------------------------------------------------------------ */

typedef struct mc_check_opts {
    uint64_t max_nodes;      /* 0 = default */
    double timeout;          /* seconds, 0 = none */
    unsigned threads;        /* 0 = all cores */
    bool progress;           /* progress on stderr */
} mc_check_opts;

typedef struct mc_claim_result {
    mc_verdict verdict;
    char *reason;            /* one line, malloc'd */
    json_t *witness;         /* HOLDS: the witness; FAILS: the counterexample (node/profile,
                                deviation, exact gap); owned */
    json_t *margins;         /* object of exact margins {"name": "p/q"}; owned, may be NULL */
    uint64_t nodes;          /* work done (nodes, profiles, LPs...) */
    double seconds;
    /* Optional small game fragment for `check --dot` (see mc_fragment_* in
     * fragment.h): {"nodes": [{"id","label","kind","mark"}],
     * "edges": [{"from","to","label","mark"}]}, mark "path" | "deviation" |
     * "" ; owned, may be NULL. */
    json_t *fragment;
} mc_claim_result;

void mc_claim_result_init(mc_claim_result *r);
void mc_claim_result_free(mc_claim_result *r);
/* Sets verdict and a printf-style reason. */
void mc_claim_result_set(mc_claim_result *r, mc_verdict v, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

typedef struct mc_claim {
    const char *id;          /* "perfect-revenue/lemma-2" */
    const char *paper;       /* "perfect-revenue" */
    const char *name;        /* "lemma-2" */
    const char *title;       /* "Lemma 2 (step nodes, heights 2..n)" */
    const char *statement;   /* a paragraph in our own words */
    const char *hypotheses;  /* one line */
    const char *mechanism;   /* mechanism id */
    mc_status (*check)(const mc_instance *in, const mc_check_opts *o, mc_claim_result *res,
                       mc_error *err);
    /* Optional independent re-check of a HOLDS witness or FAILS
     * counterexample (MC_OK when confirmed). */
    mc_status (*recheck)(const mc_instance *in, const mc_claim_result *res, mc_error *err);
} mc_claim;

/* ---- registry ---------------------------------------------------------------- */

typedef struct mc_paper {
    const char *id;          /* "perfect-revenue" */
    const char *title;
    const char *authors;
    const char *seed;        /* seed file name */
    const mc_claim *claims;
    size_t nclaims;
    const mc_mechanism *mechanisms;
    size_t nmechanisms;
    bool fixture;            /* a test fixture, not a paper (marked in list and report) */
} mc_paper;

size_t mc_papers(const mc_paper **out);              /* all registered papers */
/* Extra papers at run time (tests, experiments; at most 8; one thread). */
mc_status mc_paper_register(const mc_paper *p, mc_error *err);
void mc_paper_unregister(const mc_paper *p);
const mc_paper *mc_paper_find(const char *id);
const mc_claim *mc_claim_find(const char *id);       /* "paper/name" */
const mc_mechanism *mc_mechanism_find(const char *id);

/* Runs claim->check on an instance after the mechanism's validation:
 * validation failures are input errors (MC_EINPUT), never verdicts.  A
 * check that stops at a limit (MC_ELIMIT) gives UNDECIDED with the limit as
 * the reason and keeps whatever witness it had.  A HOLDS or FAILS result is
 * then confirmed by claim->recheck when there is one; a rejection is an
 * internal error (MC_EINTERNAL), since it means mechcheck disagrees with
 * itself.  res->seconds is set here; on an error res is left empty (freeing
 * it is harmless). */
mc_status mc_claim_run(const mc_claim *c, const mc_instance *in, const mc_check_opts *o,
                       mc_claim_result *res, mc_error *err);

/* JSON helpers for witnesses: an exact number as a "p/q" string (NULL when
 * out of memory); _or_null gives JSON null instead of NULL. */
json_t *mc_json_q(const mc_q *q);
json_t *mc_json_q_or_null(const mc_q *q);
/* The keys of an object in byte order (malloc'd; NULL with *n = 0 when
 * empty, not an object, or out of memory). */
const char **mc_json_sorted_keys(const json_t *obj, size_t *n);

#endif

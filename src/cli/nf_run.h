/* One run of a normal-form method of solve (--dominance, --nash): the game
 * read from a .nfg file, or from a .efg file and turned into its reduced
 * normal form (nf_efg.c), its strategic form among the --agents, and the
 * helpers the text and JSON writers share. */
#ifndef MC_CLI_NF_RUN_H
#define MC_CLI_NF_RUN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/json_out.h"
#include "cli/solve.h"
#include "mechcheck/ef.h"
#include "mechcheck/efnf.h"
#include "mechcheck/game.h"
#include "mechcheck/nfg.h"
#include "mechcheck/sform.h"
#include "mechcheck/tree.h"

#define NF_LABEL_CAP 512
/* Lists longer than this are cut in the output (their totals are given). */
#define NF_MAX_LISTED 1000

typedef struct nf_run {
    const solve_request *req;
    bool efg;               /* read from an extensive form */
    mc_nfg nfg;             /* .nfg */
    bool have_nfg;
    mc_tree tree;           /* .efg: the file, compiled, and its reduced normal form */
    bool have_tree;
    mc_ef ef;
    bool have_ef;
    mc_efnf efnf;           /* profiles numbered as in sf */
    bool have_efnf;
    mc_agents agents;
    mc_sform sf;            /* among the agents, with outcome ids */
    bool have_sf;
    double start;           /* nf_now() when the run began */
} nf_run;

double nf_now(void);

/* Reads the .nfg (efg false) or .efg text buf[0..len) and builds the
 * strategic form among req->agents, with at most nf_max_profiles profiles.
 * Messages name the file (and --max-profiles when the limit stops it). */
mc_status nf_load(nf_run *run, const solve_request *req, const char *buf, size_t len, bool efg,
                  mc_error *err);
/* The .efg part of nf_load (nf_efg.c): tree, extensive form, reduced normal
 * form, strategic form. */
mc_status nf_load_efg(nf_run *run, const char *buf, size_t len, mc_error *err);
/* --max-profiles, or its default: 2^22 for an extensive form (every profile
 * is played out on the tree), 2^24 for a normal form. */
uint64_t nf_max_profiles(const nf_run *run);
/* Names the file, and for MC_ELIMIT the option that raises the limit. */
mc_status nf_limit_error(mc_error *err, const char *path, mc_status st);
void nf_free(nf_run *run);

/* "Row" for a singleton agent, "{Row,Column}" for a coalition. */
const char *nf_agent_name(const nf_run *run, unsigned agent, char *buf, size_t cap);
/* The strategy's name (members' names joined by ',' for a coalition), or
 * its 1-based number when it has none. */
const char *nf_strategy_name(const nf_run *run, unsigned agent, uint32_t s, char *buf, size_t cap);
/* The separator for lists of the agent's strategy names: ", ", or " | "
 * when some name holds a comma (coalitions' joint strategies do). */
const char *nf_list_sep(const nf_run *run, unsigned agent);
unsigned nf_nplayers(const nf_run *run);
/* The player's name, or its 1-based number when it has none. */
const char *nf_player_name(const nf_run *run, unsigned p, char *buf, size_t cap);
/* Player p's (not the agent's) exact payoff at the form's profile. */
const mc_q *nf_player_payoff(const nf_run *run, uint64_t profile, unsigned p);

/* "game: ...", "players: ...", "agents: ...", "strategies: ..." lines; for
 * an extensive form also the normal form's size and the information sets
 * that the plan names spell out (nf_efg_text_header). */
void nf_text_header(FILE *f, const nf_run *run);
void nf_efg_text_header(FILE *f, const nf_run *run);
/* "file", "format", "title", "players", "agents", "strategies" keys; for an
 * extensive form also "normal_form" (nf_efg_json). */
void nf_json_header(cj *c, json_t *root, const nf_run *run);
json_t *nf_efg_json(cj *c, const nf_run *run);

/* Extensive form: the terminal nodes the profile reaches, "#4" or
 * "#4 (1/3), #7 (2/3)" with outcome names, on one line / as a JSON array of
 * {"node", "outcome", "prob"}. */
void nf_efg_terminals_text(FILE *f, const nf_run *run, uint64_t profile);
json_t *nf_efg_terminals_json(cj *c, const nf_run *run, uint64_t profile);

/* Writes through writer to -o FILE (atomically) or standard output. */
mc_status nf_output(const nf_run *run, mc_status (*writer)(FILE *f, const void *arg, mc_error *err),
                    const void *arg, mc_error *err);

/* Prefixes the file name to a library message that lacks it. */
mc_status nf_name_input(mc_error *err, const char *path, mc_status st);

#endif

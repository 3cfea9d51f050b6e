/* One run of a normal-form method of solve (--dominance, --nash): the game
 * read from a .nfg file, its strategic form among the --agents, and the
 * helpers the text and JSON writers share. */
#ifndef MC_CLI_NF_RUN_H
#define MC_CLI_NF_RUN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/json_out.h"
#include "cli/solve.h"
#include "mechcheck/game.h"
#include "mechcheck/nfg.h"
#include "mechcheck/sform.h"

#define NF_LABEL_CAP 512
/* Lists longer than this are cut in the output (their totals are given). */
#define NF_MAX_LISTED 1000

typedef struct nf_run {
    const solve_request *req;
    mc_nfg nfg;
    bool have_nfg;
    mc_agents agents;
    mc_sform sf;            /* among the agents, with outcome ids */
    bool have_sf;
    double start;           /* nf_now() when the run began */
} nf_run;

double nf_now(void);

/* Reads the .nfg text buf[0..len) and builds the strategic form among
 * req->agents.  Messages name the file. */
mc_status nf_load(nf_run *run, const solve_request *req, const char *buf, size_t len,
                  mc_error *err);
void nf_free(nf_run *run);

/* "Row" for a singleton agent, "{Row,Column}" for a coalition. */
const char *nf_agent_name(const nf_run *run, unsigned agent, char *buf, size_t cap);
/* The strategy's name (members' names joined by ',' for a coalition), or
 * its 1-based number when it has none. */
const char *nf_strategy_name(const nf_run *run, unsigned agent, uint32_t s, char *buf, size_t cap);
/* The separator for lists of the agent's strategy names: ", ", or " | "
 * when some name holds a comma (coalitions' joint strategies do). */
const char *nf_list_sep(const nf_run *run, unsigned agent);
/* Each player's strategy in the form's profile. */
void nf_player_strategies(const nf_run *run, uint64_t profile, uint32_t *strategy);

/* "game: ...", "players: ...", "agents: ...", "strategies: ..." lines. */
void nf_text_header(FILE *f, const nf_run *run);
/* "file", "format", "title", "players", "agents", "strategies" keys. */
void nf_json_header(cj *c, json_t *root, const nf_run *run);

/* Writes through writer to -o FILE (atomically) or standard output. */
mc_status nf_output(const nf_run *run, mc_status (*writer)(FILE *f, const void *arg, mc_error *err),
                    const void *arg, mc_error *err);

/* Prefixes the file name to a library message that lacks it. */
mc_status nf_name_input(mc_error *err, const char *path, mc_status st);

#endif

/* One run of `solve --spe` on an explicit tree: everything the text and JSON
 * writers need, and the helpers that turn indices into names and labels. */
#ifndef MC_CLI_SPE_RUN_H
#define MC_CLI_SPE_RUN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/solve.h"
#include "mechcheck/game.h"
#include "mechcheck/spe.h"
#include "mechcheck/tree.h"

typedef struct spe_run {
    const solve_request *req;
    mc_tree tree;               /* after merging simultaneous stages */
    mc_game game;               /* the tree's generator view, describing nodes by
                                   their numbers in the file */
    mc_game_ops ops;            /* the view's operations with that describe() */
    uint32_t *file_node;        /* merged index -> 0-based node index in the file */
    uint32_t merged;            /* stages merged */
    mc_agents agents;
    mc_spe_result result;
    mc_spe_path path;
    /* the independent re-check */
    bool verified;              /* mc_spe_verify(strict = false) passed */
    bool strict_checked;        /* strict re-check run (the SPE claims uniqueness) */
    bool strict_ok;
    mc_error verify_err;        /* why a re-check failed */
    mc_node scratch;            /* node record for labels */
    double total_seconds;       /* reading, solving and re-checking */
} spe_run;

/* 1-based node number in the file, and the node's name ("" if none). */
uint64_t spe_node_number(const spe_run *run, uint64_t v);
const char *spe_node_name(const spe_run *run, uint64_t v);
/* "#12" or "#12 (name)": how nodes appear in text and messages. */
const char *spe_node_str(const spe_run *run, uint64_t v, char *buf, size_t cap);

/* Expands tree node v into run->scratch (labels need the record). */
mc_status spe_expand(spe_run *run, uint32_t v, mc_error *err);
/* Label of one mover's (or chance's) action at v; run->scratch must hold v. */
const char *spe_action_label(spe_run *run, uint32_t v, unsigned mover, uint32_t action, char *buf,
                             size_t cap);
/* Distinct agents moving at the node in run->scratch, in mover order. */
unsigned spe_node_agents(const spe_run *run, unsigned *agents);
/* The joint action of agent at v within the joint choice given by child
 * index c: its movers' labels joined by ','. */
const char *spe_agent_action(spe_run *run, uint32_t v, uint64_t c, unsigned agent, char *buf,
                             size_t cap);
/* "Alice" for a singleton agent, "{Alice,Bob}" for a coalition. */
const char *spe_agent_name(const spe_run *run, unsigned agent, char *buf, size_t cap);

/* The writers; f is standard output or the atomic temporary file. */
mc_status spe_write_text(FILE *f, spe_run *run, mc_error *err);
mc_status spe_write_json(FILE *f, spe_run *run, mc_error *err);

#endif

/* Small game fragments that a claim result carries for `check --dot`: the
 * equilibrium path, and for a failure the node and the deviation.
 *
 * A fragment is JSON, {"nodes": [...], "edges": [...]}:
 *   node {"id": int, "label": str, "kind": "decision"|"chance"|"terminal"|"cut",
 *         "mark": ""|"path"|"deviation"|"focus"}
 *   edge {"from": int, "to": int, "label": str, "mark": ""|"path"|"deviation"}
 * so that claims build it without knowing DOT, and every report format can
 * render it (report/dot.c writes Graphviz). */
#ifndef MECHCHECK_FRAGMENT_H
#define MECHCHECK_FRAGMENT_H

#include <jansson.h>
#include <stdbool.h>

#include "mechcheck/error.h"
#include "mechcheck/game.h"
#include "mechcheck/spe.h"

json_t *mc_fragment_new(void);
/* Adds a node and returns its id (-1 on OOM). */
int mc_fragment_node(json_t *frag, const char *label, const char *kind, const char *mark);
mc_status mc_fragment_edge(json_t *frag, int from, int to, const char *label, const char *mark);

/* The node of a game state: its describe() text (or "node"), with the
 * payoffs appended at terminals.  Returns the id, -1 on failure. */
int mc_fragment_state(json_t *frag, const mc_game *g, const void *state, const char *mark,
                      mc_error *err);

/* Follows the equilibrium r from state for at most max_steps moves (0: no
 * limit; then a "..." node), adding the nodes and edges it passes (marked
 * mark) after node `from` (the node of state itself when from < 0).  At a
 * chance node the walk branches into every outcome (edges "#k p=1/2"; more
 * than 8 outcomes are cut).  When the walk reaches a terminal without
 * chance nodes, payoff (g->nplayers entries, initialised; may be NULL)
 * receives the payoffs collected on the way and *reached is true.  It ends
 * early, with *reached false, at a state whose choice r does not hold or
 * after max_steps; *reached is false too when it branched at chance. */
mc_status mc_fragment_follow(json_t *frag, const mc_game *g, const mc_spe_result *r,
                             const void *state, int from, const char *mark, size_t max_steps,
                             mc_q *payoff, bool *reached, mc_error *err);

/* A branch: at state (node `at`), the joint choice child (child index),
 * its edge and everything below marked mark and note (may be NULL) added to
 * the edge's label on a line of its own; then follows the equilibrium below
 * it as mc_fragment_follow does. */
mc_status mc_fragment_branch(json_t *frag, const mc_game *g, const mc_spe_result *r,
                             const void *state, int at, uint64_t child, const char *mark,
                             const char *note, size_t max_steps, mc_q *payoff, bool *reached,
                             mc_error *err);

/* A deviation: mc_fragment_branch marked "deviation" without a note. */
mc_status mc_fragment_deviation(json_t *frag, const mc_game *g, const mc_spe_result *r,
                                const void *state, int at, uint64_t child, size_t max_steps,
                                mc_q *payoff, bool *reached, mc_error *err);

/* Walks the child indices history[0..depth) from state, adding their nodes
 * and edges (marked mark) after node `from` (the node of state itself when
 * from < 0).  With r, an edge that is not r's equilibrium choice says
 * "(not the SPE choice)" in its label.  *last (may be NULL) receives the id of
 * the last node, end_state (g->state_size bytes, may be NULL) its state. */
mc_status mc_fragment_history(json_t *frag, const mc_game *g, const mc_spe_result *r,
                              const void *state, int from, const uint32_t *history,
                              uint32_t depth, const char *mark, int *last, void *end_state,
                              mc_error *err);

/* Sets node id's mark (when mark is not NULL) and appends note (when not
 * NULL or empty) to its label on a line of its own. */
mc_status mc_fragment_node_note(json_t *frag, int id, const char *mark, const char *note);

#endif

/* Gambit's file formats: .efg (extensive form, "EFG 2 R") and .nfg (normal
 * form, "NFG 1 R", payoff and outcome versions).  Numbers are read exactly
 * (integers, fractions, decimals); errors name the file, line and column.
 * Writers produce files Gambit reads back; a write goes to a temporary file
 * renamed into place, so a failed write leaves nothing half-written. */
#ifndef MECHCHECK_GAMBIT_H
#define MECHCHECK_GAMBIT_H

#include <stdio.h>

#include "mechcheck/error.h"
#include "mechcheck/nfg.h"
#include "mechcheck/tree.h"

/* name is used in error messages ("name:line:col: ..."). t must be
 * uninitialised; on success it is finished (mc_tree_finish). */
mc_status mc_efg_parse(const char *buf, size_t len, const char *name, mc_tree *t, mc_error *err);
mc_status mc_efg_read(const char *path, mc_tree *t, mc_error *err);
/* Simultaneous nodes are written as a node of the first mover followed by
 * one information set per further mover. */
mc_status mc_efg_write(const mc_tree *t, FILE *f, mc_error *err);
mc_status mc_efg_write_file(const mc_tree *t, const char *path, mc_error *err);

mc_status mc_nfg_parse(const char *buf, size_t len, const char *name, mc_nfg *g, mc_error *err);
mc_status mc_nfg_read(const char *path, mc_nfg *g, mc_error *err);
mc_status mc_nfg_write(const mc_nfg *g, FILE *f, mc_error *err); /* outcome version when g has outcome names */
mc_status mc_nfg_write_file(const mc_nfg *g, const char *path, mc_error *err);

/* Reads a whole file into a malloc'd, NUL-terminated buffer. */
mc_status mc_read_file(const char *path, char **buf, size_t *len, mc_error *err);
/* Writes via path.tmpXXXXXX + rename; writer(f, arg) produces the content. */
mc_status mc_write_file_atomic(const char *path, mc_status (*writer)(FILE *f, const void *arg, mc_error *err),
                               const void *arg, mc_error *err);

#endif

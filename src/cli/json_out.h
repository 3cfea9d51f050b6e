/* Small helpers for the JSON writers of solve: build with jansson, remember
 * a failed allocation instead of checking every call, write once. */
#ifndef MC_CLI_JSON_OUT_H
#define MC_CLI_JSON_OUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mechcheck/error.h"
#include "mechcheck/num.h"

typedef struct cj {
    bool oom; /* some allocation failed: the document is incomplete */
} cj;

/* Adds value under key / appends it (takes the reference; NULL is a failed
 * allocation). */
void cj_put(cj *c, json_t *obj, const char *key, json_t *value);
void cj_push(cj *c, json_t *arr, json_t *value);
/* A UTF-8 string; bytes of other encodings become '?'. */
json_t *cj_str(const char *s);
/* An exact number as "p/q" or "k". */
json_t *cj_q(const mc_q *q);
json_t *cj_int(uint64_t k);
json_t *cj_obj(cj *c);
json_t *cj_arr(cj *c);
/* Writes root (indented, newline) to f and releases it; MC_ENOMEM when
 * c->oom, MC_EIO on a write error.  path names the input in messages. */
mc_status cj_write(cj *c, json_t *root, FILE *f, const char *path, mc_error *err);

#endif

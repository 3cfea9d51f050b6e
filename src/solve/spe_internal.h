/* Shared between the backward-induction front ends (tree, generator), the
 * verifier and the path builder. */
#ifndef MC_SOLVE_SPE_INTERNAL_H
#define MC_SOLVE_SPE_INTERNAL_H

#include <time.h>

#include "decide.h"
#include "mechcheck/spe.h"

/* Starts a result; *o NULL means the defaults (written to *defaults). */
mc_status spe_result_init(mc_spe_result *r, unsigned nplayers, const mc_spe_options **o,
                          mc_spe_options *defaults, mc_error *err);

/* Counts the decision's tie / stage class and keeps its record while fewer
 * than max_records are kept.  value: the chosen child's value vector. */
mc_status spe_note_decision(mc_spe_result *r, const mc_decision *dec, uint64_t node,
                            const uint32_t *history, uint32_t depth, const mc_q *value,
                            uint32_t max_records, mc_error *err);

/* Wall-clock seconds since an arbitrary origin. */
double spe_now(void);

/* Memo table of the generic solver (spe_memo.c). */
typedef struct spe_memo spe_memo;
spe_memo *spe_memo_new(size_t key_size, unsigned nplayers);
void spe_memo_free(spe_memo *m);
/* Finds the entry for key; NULL if absent. */
typedef struct spe_memo_entry spe_memo_entry;
spe_memo_entry *spe_memo_find(const spe_memo *m, const void *key, size_t len);
/* Adds an entry (the key must be absent); NULL on OOM. */
spe_memo_entry *spe_memo_add(spe_memo *m, const void *key, size_t len, const mc_q *value,
                             uint64_t choice);
const mc_q *spe_memo_value(const spe_memo_entry *e);
uint64_t spe_memo_choice(const spe_memo_entry *e);
uint64_t spe_memo_count(const spe_memo *m);

#endif

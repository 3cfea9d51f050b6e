/* Private: output helpers shared by the .efg and .nfg writers.  Callers hold
 * the stream's lock (flockfile): the helpers use putc_unlocked. */
#ifndef MC_GAMBIT_WRITE_H
#define MC_GAMBIT_WRITE_H

#include <stdio.h>

#include "mechcheck/num.h"

/* Writes s as a Gambit string: in double quotes, with '"' and '\' escaped. */
void gb_put_string(FILE *f, const char *s);
/* Writes q exactly ("3", "-3/4"). */
void gb_put_q(FILE *f, const mc_q *q);

#endif

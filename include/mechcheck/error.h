/* Error reporting shared by every layer: functions return an mc_status and
 * fill an mc_error whose message is one line naming the input and position. */
#ifndef MECHCHECK_ERROR_H
#define MECHCHECK_ERROR_H

#include <stddef.h>

typedef enum mc_status {
    MC_OK = 0,
    MC_EINPUT,    /* malformed or out-of-range input (CLI exit 2) */
    MC_ELIMIT,    /* a resource limit was reached (verdict UNDECIDED) */
    MC_ENOMEM,    /* allocation failed */
    MC_EIO,       /* a file could not be read or written */
    MC_EUNSUPPORTED, /* the request does not apply to this game */
    MC_EINTERNAL  /* an invariant broke: a bug in mechcheck */
} mc_status;

typedef struct mc_error {
    mc_status code;
    char msg[512];
} mc_error;

/* Sets err (when not NULL) and returns code. printf-style message. */
mc_status mc_error_set(mc_error *err, mc_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Puts a printf-style prefix before err's message ("game.efg: " + message)
 * and sets its code (when err is not NULL); returns code. */
mc_status mc_error_prefix(mc_error *err, mc_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clears err to MC_OK with an empty message. */
void mc_error_clear(mc_error *err);

#endif

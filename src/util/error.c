#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mechcheck/error.h"

mc_status mc_error_set(mc_error *err, mc_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

mc_status mc_error_prefix(mc_error *err, mc_status code, const char *fmt, ...)
{
    if (err) {
        char msg[sizeof err->msg], prefix[sizeof err->msg];
        memcpy(msg, err->msg, sizeof msg);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(prefix, sizeof prefix, fmt, ap);
        va_end(ap);
        snprintf(err->msg, sizeof err->msg, "%s%s", prefix, msg);
        err->code = code;
    }
    return code;
}

void mc_error_clear(mc_error *err)
{
    if (err) {
        err->code = MC_OK;
        err->msg[0] = '\0';
    }
}

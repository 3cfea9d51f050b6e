/* Output helpers shared by the .efg and .nfg writers. */
#include <string.h>

#include "game/gambit_write.h"

void gb_put_string(FILE *f, const char *s)
{
    putc_unlocked('"', f);
    if (s) {
        if (!strpbrk(s, "\"\\")) {
            fputs(s, f);
        } else {
            for (; *s; s++) {
                if (*s == '"' || *s == '\\')
                    putc_unlocked('\\', f);
                putc_unlocked(*s, f);
            }
        }
    }
    putc_unlocked('"', f);
}

void gb_put_q(FILE *f, const mc_q *q)
{
    if (q->den == 1) { /* small integer: the common case */
        char buf[24], *p = buf + sizeof buf;
        uint64_t v = q->num < 0 ? (uint64_t)0 - (uint64_t)q->num : (uint64_t)q->num;
        do {
            *--p = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        if (q->num < 0)
            *--p = '-';
        fwrite(p, 1, (size_t)(buf + sizeof buf - p), f);
        return;
    }
    char buf[64];
    if (mc_q_snprint(buf, sizeof buf, q) < sizeof buf)
        fputs(buf, f);
    else
        mc_q_fprint(f, q);
}

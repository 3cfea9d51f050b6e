/* Shared pieces of the claim commands (see claim_cli.h). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/claim_cli.h"
#include "cli/cli.h"
#include "mechcheck/gambit.h"

bool cli_instance_add_set(cli_instance_opts *o, const char *word)
{
    if (o->nsets == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 8;
        const char **p = realloc(o->sets, cap * sizeof *p);
        if (!p) {
            cli_errorf("out of memory");
            return false;
        }
        o->sets = p;
        o->cap = cap;
    }
    o->sets[o->nsets++] = word;
    return true;
}

void cli_instance_opts_free(cli_instance_opts *o)
{
    free(o->sets);
    memset(o, 0, sizeof *o);
}

bool cli_instance_build(const cli_instance_opts *o, mc_instance *in)
{
    mc_error err;
    mc_status st = o->file ? mc_instance_read(in, o->file, &err)
                           : mc_instance_init(in, "--set", &err);
    for (size_t i = 0; st == MC_OK && i < o->nsets; i++)
        st = mc_instance_set(in, o->sets[i], &err);
    if (st != MC_OK) {
        if (in->params || in->origin)
            mc_instance_free(in);
        cli_report_error(&err);
        return false;
    }
    return true;
}

const mc_claim *cli_find_claim(const char *cmd, const char *id)
{
    const mc_claim *c = mc_claim_find(id);
    if (c)
        return c;
    /* a bare name that one paper uses */
    const mc_paper *papers;
    size_t n = mc_papers(&papers);
    const mc_claim *only = NULL;
    size_t matches = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < papers[i].nclaims; j++)
            if (strcmp(papers[i].claims[j].name, id) == 0) {
                only = mc_claim_find(papers[i].claims[j].id);
                matches++;
            }
    if (matches == 1)
        cli_errorf("%s: unknown claim '%s'; did you mean %s? (see 'mechcheck list')", cmd, id,
                   only->id);
    else
        cli_errorf("%s: unknown claim '%s' (claims are PAPER/NAME; see 'mechcheck list')", cmd,
                   id);
    return NULL;
}

void cli_progress_init(cli_progress *p)
{
    p->on = isatty(STDERR_FILENO) == 1;
    p->shown = false;
}

void cli_progress_show(cli_progress *p, const char *fmt, ...)
{
    if (!p->on)
        return;
    char buf[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\r\033[K%s", buf);
    fflush(stderr);
    p->shown = true;
}

void cli_progress_clear(cli_progress *p)
{
    if (p->on && p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    p->shown = false;
}

bool cli_write(const char *path, mc_status (*writer)(FILE *f, const void *arg, mc_error *err),
               const void *arg)
{
    mc_error err;
    mc_error_clear(&err);
    if (!path || strcmp(path, "-") == 0) {
        if (writer(stdout, arg, &err) != MC_OK) {
            cli_report_error(&err);
            return false;
        }
        return cli_flush_stdout();
    }
    if (mc_write_file_atomic(path, writer, arg, &err) != MC_OK) {
        cli_report_error(&err);
        return false;
    }
    return true;
}

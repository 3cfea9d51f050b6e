/* A small long-option parser (getopt_long is a GNU extension; this one is
 * portable and prints mechcheck's own one-line messages).  Accepts
 * "--name", "--name=value", "--name value", "-x", "-x value", "--" and
 * positional words anywhere. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

void cli_parser_init(cli_parser *p, const char *cmd, int argc, char **argv)
{
    p->argc = argc;
    p->argv = argv;
    p->index = 1; /* argv[0] is the command */
    p->cmd = cmd;
    p->only_positional = false;
}

static void bad_option(const cli_parser *p, const char *what, const char *opt, const char *tail)
{
    if (p->cmd)
        cli_errorf("%s: %s '%s'%s (see 'mechcheck %s --help')", p->cmd, what, opt, tail, p->cmd);
    else
        cli_errorf("%s '%s'%s (see 'mechcheck --help')", what, opt, tail);
}

static const cli_option *find_long(const cli_option *opts, const char *name, size_t len)
{
    for (const cli_option *o = opts; o->name; o++)
        if (strlen(o->name) == len && memcmp(o->name, name, len) == 0)
            return o;
    return NULL;
}

static const cli_option *find_short(const cli_option *opts, char c)
{
    for (const cli_option *o = opts; o->name; o++)
        if (o->short_name && o->short_name == c)
            return o;
    return NULL;
}

int cli_next(cli_parser *p, const cli_option *opts, const char **arg)
{
    *arg = NULL;
    if (p->index >= p->argc)
        return CLI_END;
    char *word = p->argv[p->index++];
    if (p->only_positional || word[0] != '-' || word[1] == '\0') {
        *arg = word;
        return CLI_POSITIONAL;
    }
    if (strcmp(word, "--") == 0) {
        p->only_positional = true;
        return cli_next(p, opts, arg);
    }
    const cli_option *o;
    const char *inline_value = NULL;
    if (word[1] == '-') {
        const char *name = word + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        o = find_long(opts, name, len);
        if (!o) {
            char shown[128];
            snprintf(shown, sizeof shown, "--%.*s", (int)(len < 100 ? len : 100), name);
            bad_option(p, "unknown option", shown, "");
            return CLI_BAD;
        }
        if (eq)
            inline_value = eq + 1;
    } else {
        o = word[2] == '\0' ? find_short(opts, word[1]) : NULL;
        if (!o) {
            bad_option(p, "unknown option", word, "");
            return CLI_BAD;
        }
    }
    char shown[128];
    if (word[1] == '-')
        snprintf(shown, sizeof shown, "--%s", o->name);
    else
        snprintf(shown, sizeof shown, "-%c", o->short_name);
    if (o->has_arg == CLI_NO_ARG) {
        if (inline_value) {
            bad_option(p, "option", shown, " takes no value");
            return CLI_BAD;
        }
        return o->id;
    }
    if (inline_value) {
        *arg = inline_value;
        return o->id;
    }
    if (p->index >= p->argc) {
        char tail[64];
        snprintf(tail, sizeof tail, " needs a value (%s)", o->arg_name ? o->arg_name : "VALUE");
        bad_option(p, "option", shown, tail);
        return CLI_BAD;
    }
    *arg = p->argv[p->index++];
    return o->id;
}

void cli_print_options(FILE *f, const cli_option *opts)
{
    for (const cli_option *o = opts; o->name; o++) {
        if (!o->help)
            continue;
        char left[64];
        int n = o->short_name ? snprintf(left, sizeof left, "-%c, --%s", o->short_name, o->name)
                              : snprintf(left, sizeof left, "    --%s", o->name);
        if (o->has_arg == CLI_REQ_ARG && n > 0 && (size_t)n < sizeof left)
            snprintf(left + n, sizeof left - (size_t)n, " %s", o->arg_name ? o->arg_name : "VALUE");
        if (strlen(left) > 24) /* a long name gets the help on the next line */
            fprintf(f, "  %s\n  %-24s %s\n", left, "", o->help);
        else
            fprintf(f, "  %-24s %s\n", left, o->help);
    }
}

bool cli_parse_u64(const char *cmd, const char *opt, const char *text, uint64_t *out)
{
    const char *s = text;
    while (*s == ' ')
        s++;
    if (*s >= '0' && *s <= '9') {
        errno = 0;
        char *end;
        unsigned long long v = strtoull(s, &end, 10);
        if (errno == 0 && *end == '\0') {
            *out = (uint64_t)v;
            return true;
        }
    }
    cli_errorf("%s: %s: '%s' is not a non-negative integer", cmd, opt, text);
    return false;
}

bool cli_parse_threads(const char *cmd, const char *text, unsigned *out)
{
    uint64_t v;
    if (!cli_parse_u64(cmd, "--threads", text, &v))
        return false;
    if (v > 64) {
        cli_errorf("%s: --threads: '%s' is above 64", cmd, text);
        return false;
    }
    *out = (unsigned)v;
    return true;
}

bool cli_parse_seconds(const char *cmd, const char *opt, const char *text, double *out)
{
    errno = 0;
    char *end;
    double v = strtod(text, &end);
    if (end != text && *end == '\0' && errno == 0 && isfinite(v) && v >= 0) {
        *out = v;
        return true;
    }
    cli_errorf("%s: %s: '%s' is not a number of seconds (>= 0)", cmd, opt, text);
    return false;
}

/* ---- messages ------------------------------------------------------------------ */

void cli_errorf(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    /* one line, whatever the message holds */
    for (char *c = buf; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ' ';
    fflush(stdout);
    fprintf(stderr, "mechcheck: %s\n", buf);
}

int cli_report_error(const mc_error *err)
{
    cli_errorf("%s", err->msg[0] ? err->msg : "unknown error");
    return CLI_EXIT_ERROR;
}

bool cli_flush_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_errorf("writing standard output: %s", strerror(errno));
        return false;
    }
    return true;
}

/* Game fragments (fragment.h) as Graphviz: the equilibrium path in bold,
 * a deviation dashed red. */
#include <string.h>

#include "mechcheck/report.h"
#include "report/render.h"

static void dot_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        if (*s == '\n')
            fputs("\\n", f);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static const char *shape_of(const char *kind)
{
    if (strcmp(kind, "terminal") == 0)
        return "box";
    if (strcmp(kind, "chance") == 0)
        return "diamond";
    if (strcmp(kind, "cut") == 0)
        return "plaintext";
    return "ellipse";
}

static const char *style_of(const char *mark)
{
    if (strcmp(mark, "path") == 0)
        return ", style=bold, color=\"#1f5fbf\"";
    if (strcmp(mark, "deviation") == 0)
        return ", style=dashed, color=\"#c0392b\", fontcolor=\"#c0392b\"";
    if (strcmp(mark, "focus") == 0)
        return ", style=\"bold,filled\", fillcolor=\"#fdebd0\"";
    return "";
}

mc_status mc_dot_write(FILE *f, const json_t *frag, const char *title, mc_error *err)
{
    if (!json_is_array(json_object_get(frag, "nodes")))
        return mc_error_set(err, MC_EUNSUPPORTED, "dot: the result carries no game fragment");
    fputs("digraph mechcheck {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=11];\n"
          "  edge [fontname=\"Helvetica\", fontsize=10];\n",
          f);
    if (title) {
        fputs("  labelloc=t;\n  label=", f);
        dot_string(f, title);
        fputs(";\n", f);
    }
    size_t i;
    const json_t *n;
    json_array_foreach (json_object_get(frag, "nodes"), i, n) {
        fprintf(f, "  n%lld [label=", (long long)json_integer_value(json_object_get(n, "id")));
        dot_string(f, rd_str(n, "label"));
        fprintf(f, ", shape=%s%s];\n", shape_of(rd_str(n, "kind")), style_of(rd_str(n, "mark")));
    }
    json_array_foreach (json_object_get(frag, "edges"), i, n) {
        fprintf(f, "  n%lld -> n%lld [label=",
                (long long)json_integer_value(json_object_get(n, "from")),
                (long long)json_integer_value(json_object_get(n, "to")));
        dot_string(f, rd_str(n, "label"));
        fprintf(f, "%s];\n", style_of(rd_str(n, "mark")));
    }
    fputs("}\n", f);
    if (ferror(f))
        return mc_error_set(err, MC_EIO, "dot: write error");
    return MC_OK;
}

/* SVG plots of sweeps: a margin (or the verdict) against the swept
 * parameter, one line per combination of the other swept parameters, the
 * marker of each point showing its verdict.  Coordinates come from doubles:
 * a plot only displays, the exact values are in the tables. */
#include <stdlib.h>
#include <string.h>

#include "mechcheck/num.h"
#include "mechcheck/report.h"
#include "report/render.h"

#define W 680.0
#define H 360.0
#define LEFT 64.0
#define RIGHT 190.0
#define TOP 34.0
#define BOTTOM 52.0
#define MAX_SERIES 10

static const char *const palette[MAX_SERIES] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd",
                                                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
                                                "#17becf", "#393b79"};

/* A JSON value as a number for display; false when it is not one. */
static bool as_double(const json_t *v, double *out)
{
    if (json_is_integer(v)) {
        *out = (double)json_integer_value(v);
        return true;
    }
    if (!json_is_string(v))
        return false;
    mc_q q = MC_Q_ZERO;
    bool ok = mc_q_parse(&q, json_string_value(v), (size_t)-1, NULL) == MC_OK;
    if (ok)
        *out = mc_q_get_d(&q);
    mc_q_clear(&q);
    return ok;
}

typedef struct {
    double x, y;
    const char *verdict;
    int series;
} point;

static int verdict_level(const char *v)
{
    if (strcmp(v, "HOLDS") == 0)
        return 3;
    if (strcmp(v, "UNDECIDED") == 0)
        return 2;
    if (strcmp(v, "NOT-APPLICABLE") == 0)
        return 1;
    return 0; /* FAILS */
}

static int cmp_point(const void *a, const void *b)
{
    const point *p = a, *q = b;
    if (p->series != q->series)
        return p->series - q->series;
    return (p->x > q->x) - (p->x < q->x);
}

static void marker(FILE *f, double x, double y, const char *verdict, const char *color)
{
    switch (verdict_level(verdict)) {
    case 3:
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n", x, y, color);
        break;
    case 2:
        fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"#999\"/>\n",
                x - 3.5, y - 3.5);
        break;
    case 1:
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"none\" stroke=\"#999\"/>\n",
                x, y);
        break;
    default:
        fprintf(f,
                "<path d=\"M%.1f %.1fl9 9m0 -9l-9 9\" stroke=\"#d62728\" stroke-width=\"2.5\"/>\n",
                x - 4.5, y - 4.5);
    }
}

/* Tick values: the distinct xs when few, else five even steps. */
static size_t ticks(double lo, double hi, const double *xs, size_t nxs, double *out)
{
    if (xs && nxs <= 12) {
        memcpy(out, xs, nxs * sizeof *out);
        return nxs;
    }
    for (int i = 0; i < 5; i++)
        out[i] = lo + (hi - lo) * i / 4.0;
    return 5;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

mc_status mc_svg_sweep(FILE *f, const json_t *sw, mc_error *err)
{
    const json_t *rows = json_object_get(sw, "rows");
    const json_t *keys = json_object_get(sw, "keys");
    const json_t *plot = json_object_get(sw, "plot");
    if (!json_array_size(rows) || !json_array_size(keys))
        return mc_error_set(err, MC_EUNSUPPORTED, "svg: nothing to plot");
    const char *xkey = json_string_value(json_object_get(plot, "x"));
    if (!xkey)
        xkey = json_string_value(json_array_get(keys, 0));
    json_t *mnames = rd_margin_names(rows);
    const char *ykey = json_string_value(json_object_get(plot, "y"));
    if (!ykey)
        ykey = json_string_value(json_array_get(mnames, 0));
    const char *skey = json_string_value(json_object_get(plot, "series"));

    size_t n = json_array_size(rows), np = 0, skipped = 0;
    point *pts = calloc(n, sizeof *pts);
    json_t *series = json_array(); /* labels in order of appearance */
    double xs[13];
    size_t nxs = 0;
    bool many_x = false;
    for (size_t i = 0; pts && i < n; i++) {
        const json_t *row = json_array_get(rows, i);
        const json_t *params = json_object_get(row, "params");
        point p = {.verdict = json_string_value(json_object_get(row, "verdict"))};
        if (!p.verdict || !as_double(json_object_get(params, xkey), &p.x)) {
            skipped++;
            continue;
        }
        if (ykey) {
            if (!as_double(json_object_get(json_object_get(row, "margins"), ykey), &p.y)) {
                skipped++;
                continue;
            }
        } else {
            p.y = verdict_level(p.verdict);
        }
        /* the series: the other swept keys (or the one named) */
        char label[256] = "";
        size_t used = 0, k;
        const json_t *key;
        json_array_foreach (keys, k, key) {
            const char *name = json_string_value(key);
            if (strcmp(name, xkey) == 0 || (skey && strcmp(name, skey) != 0))
                continue;
            const json_t *val = json_object_get(params, name);
            char buf[64];
            char *v = rd_is_scalar(val) ? NULL : json_dumps(val, JSON_COMPACT | JSON_ENCODE_ANY);
            const char *text = v ? v : rd_scalar(val, buf, sizeof buf);
            if (used < sizeof label - 1) {
                used += (size_t)snprintf(label + used, sizeof label - used, "%s%s=%s",
                                         used ? ", " : "", name, text);
                if (used > sizeof label - 1)
                    used = sizeof label - 1;
            }
            free(v);
        }
        p.series = -1;
        size_t s;
        const json_t *lab;
        json_array_foreach (series, s, lab)
            if (strcmp(json_string_value(lab), label) == 0)
                p.series = (int)s;
        if (p.series < 0) {
            p.series = (int)json_array_size(series);
            json_array_append_new(series, json_string(label));
        }
        bool seen = false;
        for (size_t j = 0; j < nxs; j++)
            seen |= xs[j] == p.x;
        if (!seen && nxs < 13)
            xs[nxs++] = p.x;
        else if (!seen)
            many_x = true;
        pts[np++] = p;
    }
    if (!pts || np == 0) {
        free(pts);
        json_decref(series);
        json_decref(mnames);
        return mc_error_set(err, MC_EUNSUPPORTED, "svg: nothing to plot");
    }
    qsort(pts, np, sizeof *pts, cmp_point);
    qsort(xs, nxs, sizeof *xs, cmp_double);
    double x0 = pts[0].x, x1 = pts[0].x, y0 = pts[0].y, y1 = pts[0].y;
    for (size_t i = 0; i < np; i++) {
        x0 = pts[i].x < x0 ? pts[i].x : x0;
        x1 = pts[i].x > x1 ? pts[i].x : x1;
        y0 = pts[i].y < y0 ? pts[i].y : y0;
        y1 = pts[i].y > y1 ? pts[i].y : y1;
    }
    if (ykey) { /* keep zero, the threshold of most margins, in view */
        y0 = y0 > 0 ? 0 : y0;
        y1 = y1 < 0 ? 0 : y1;
    } else {
        y0 = 0;
        y1 = 3;
    }
    if (x1 == x0)
        x0 -= 1, x1 += 1;
    if (y1 == y0)
        y0 -= 1, y1 += 1;
    double pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
    /* an inset keeps markers off the frame */
#define PX(x) (LEFT + 12 + ((x) - x0) / (x1 - x0) * (pw - 24))
#define PY(y) (TOP + ph - 10 - ((y) - y0) / (y1 - y0) * (ph - 20))
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" font-family=\"Helvetica,Arial,sans-serif\" "
            "font-size=\"11\">\n",
            W, H, W, H);
    fprintf(f, "<text x=\"%.0f\" y=\"18\" font-size=\"13\">", LEFT);
    fputs(ykey ? "" : "verdict", f);
    rd_xml_text(f, ykey ? ykey : "");
    fputs(" against ", f);
    rd_xml_text(f, xkey);
    fputs("</text>\n", f);
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
               "stroke=\"#444\"/>\n",
            LEFT, TOP, pw, ph);
    double tv[13];
    size_t nt = ticks(x0, x1, many_x ? NULL : xs, nxs, tv);
    for (size_t i = 0; i < nt; i++)
        fprintf(f,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>"
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.6g</text>\n",
                PX(tv[i]), TOP + ph, PX(tv[i]), TOP + ph + 4, PX(tv[i]), TOP + ph + 16, tv[i]);
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", LEFT + pw / 2, H - 14);
    rd_xml_text(f, xkey);
    fputs("</text>\n", f);
    static const char *const levels[] = {"FAILS", "N/A", "UNDECIDED", "HOLDS"};
    nt = ykey ? ticks(y0, y1, NULL, 0, tv) : 4;
    for (size_t i = 0; i < nt; i++) {
        double y = ykey ? tv[i] : (double)i;
        fprintf(f,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>"
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                LEFT - 4, PY(y), LEFT, PY(y), LEFT - 6, PY(y) + 4);
        if (ykey)
            fprintf(f, "%.6g", y);
        else
            fputs(levels[i], f);
        fputs("</text>\n", f);
    }
    if (ykey && y0 < 0 && y1 > 0)
        fprintf(f,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" "
                "stroke-dasharray=\"4 3\"/>\n",
                LEFT, PY(0), LEFT + pw, PY(0));
    /* lines, then markers on top */
    for (size_t i = 0; i < np;) {
        size_t j = i;
        while (j < np && pts[j].series == pts[i].series)
            j++;
        if (pts[i].series < MAX_SERIES && j - i > 1) {
            fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"",
                    palette[pts[i].series]);
            for (size_t k = i; k < j; k++)
                fprintf(f, "%s%.1f,%.1f", k > i ? " " : "", PX(pts[k].x), PY(pts[k].y));
            fputs("\"/>\n", f);
        }
        i = j;
    }
    for (size_t i = 0; i < np; i++)
        marker(f, PX(pts[i].x), PY(pts[i].y), pts[i].verdict,
               pts[i].series < MAX_SERIES ? palette[pts[i].series] : "#000");
    /* legend */
    double ly = TOP + 6, lx = LEFT + pw + 16;
    size_t ns = json_array_size(series);
    for (size_t s = 0; s < ns && s < MAX_SERIES; s++, ly += 16) {
        fprintf(f,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                "stroke-width=\"2\"/><text x=\"%.1f\" y=\"%.1f\">",
                lx, ly, lx + 18, ly, palette[s], lx + 24, ly + 4);
        const char *lab = json_string_value(json_array_get(series, s));
        rd_xml_text(f, *lab ? lab : "all");
        fputs("</text>\n", f);
    }
    if (ns > MAX_SERIES) {
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">(%zu more series in black)</text>\n", lx, ly + 4,
                ns - MAX_SERIES);
        ly += 16;
    }
    ly += 8;
    static const char *const vnames[] = {"HOLDS", "FAILS", "UNDECIDED", "NOT-APPLICABLE"};
    for (int v = 0; v < 4; v++, ly += 16) {
        marker(f, lx + 9, ly, vnames[v], "#333");
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", lx + 24, ly + 4, vnames[v]);
    }
    if (skipped)
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%zu without %s not drawn</text>\n", lx, ly + 8,
                skipped, ykey ? "a margin" : "a number");
    fputs("</svg>\n", f);
#undef PX
#undef PY
    free(pts);
    json_decref(series);
    json_decref(mnames);
    if (ferror(f))
        return mc_error_set(err, MC_EIO, "svg: write error");
    return MC_OK;
}

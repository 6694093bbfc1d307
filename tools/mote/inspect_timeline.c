/* inspect_timeline.c — `mote inspect --timeline` / `--svg FILE`: the arena
 * over time, so a user sees which buffers set the peak. Everything comes
 * from the runtime's planner (src/core/plan.c) and the scratch it places
 * for each step (mote_model_step_info), as `--plan` prints them. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/plan.h"
#include "escape.h"
#include "inspect_plan.h"
#include "inspect_timeline.h"

#define COLS 64
static const char symbols[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/* One box of the chart: a planned buffer or a step's scratch. */
typedef struct tl_box {
    uint32_t offset, size;
    int32_t first, last; /* operators; last == n_ops: alive after the run (an output) */
    int32_t tensor;      /* -1: scratch */
    char sym;
} tl_box;

typedef struct tl_data {
    const mote_graph *g;
    tl_box box[MOTE_MAX_TENSORS + MOTE_MAX_OPS];
    uint32_t n_box;
    uint64_t acts;      /* activation bytes (arena minus state) */
    uint64_t peak_live; /* most bytes live at one step */
    int32_t peak_step;  /* where (first such step) */
    uint64_t live[MOTE_MAX_OPS + 1], top[MOTE_MAX_OPS + 1];
} tl_data;

static int live_at(const tl_box *b, int32_t step)
{
    return b->first <= step && step <= b->last;
}

static int gather(const mote_model *m, tl_data *d)
{
    static mote_plan_entry plan[MOTE_MAX_TENSORS];
    const int16_t *order = NULL;
    const mote_graph *g = inspect_exec_graph(m, &order);
    mote_error err;
    size_t total = 0;
    uint32_t i, k, nsym = 0;
    int32_t s;

    mote_band band;
    memset(d, 0, sizeof *d);
    if (g == NULL || mote_plan_build_opts(g, m->plan_flags, plan, &total, &band, &err) != MOTE_OK) {
        cli_error("inspect: cannot rebuild the memory plan");
        return 1;
    }
    d->g = g;
    d->acts = mote_model_arena_size(m) - mote_model_state_size(m);
    /* Buffers in order of first use (then offset), so letters read in time order. */
    for (s = 0; s <= (int32_t)g->n_ops; s++) {
        for (;;) {
            int32_t best = -1;
            for (i = 0; i < g->n_tensors; i++) {
                if (!plan[i].used || plan[i].size == 0 || plan[i].first != s) continue;
                for (k = 0; k < d->n_box; k++)
                    if (d->box[k].tensor == (int32_t)i) break;
                if (k < d->n_box) continue;
                if (best < 0 || plan[i].offset < plan[best].offset) best = (int32_t)i;
            }
            if (best < 0) break;
            d->box[d->n_box].offset = plan[best].offset;
            d->box[d->n_box].size = plan[best].size;
            d->box[d->n_box].first = plan[best].first;
            d->box[d->n_box].last = plan[best].last;
            d->box[d->n_box].tensor = best;
            d->box[d->n_box].sym = symbols[nsym++ % (sizeof symbols - 1)];
            d->n_box++;
        }
    }
    for (i = 0; i < g->n_ops; i++) {
        mote_step_info info;
        if (mote_model_step_info(m, (uint32_t)order[i], &info) != MOTE_OK ||
            info.scratch_bytes == 0)
            continue;
        d->box[d->n_box].offset = info.scratch_offset;
        d->box[d->n_box].size = info.scratch_bytes;
        d->box[d->n_box].first = (int32_t)i;
        d->box[d->n_box].last = (int32_t)i;
        d->box[d->n_box].tensor = -1;
        d->box[d->n_box].sym = '#';
        d->n_box++;
    }
    d->peak_step = 0;
    for (s = 0; s <= (int32_t)g->n_ops; s++) {
        for (k = 0; k < d->n_box; k++) {
            const tl_box *b = &d->box[k];
            if (!live_at(b, s)) continue;
            d->live[s] += b->size;
            if ((uint64_t)b->offset + b->size > d->top[s])
                d->top[s] = (uint64_t)b->offset + b->size;
        }
        if (d->live[s] > d->peak_live) {
            d->peak_live = d->live[s];
            d->peak_step = s;
        }
    }
    return 0;
}

static const char *op_name(const mote_graph *g, int32_t s)
{
    mote_graph_op op;
    if (s >= (int32_t)g->n_ops) return "(after the run)";
    if (mote_graph_get_op(g, (uint32_t)s, &op) != MOTE_OK) return "?";
    return mote_op_name(op.code);
}

int inspect_print_timeline(const mote_model *m)
{
    static tl_data d;
    uint64_t cell;
    uint32_t k;
    int32_t s;
    char row[COLS + 1];

    if (gather(m, &d) != 0) return 1;
    cell = d.acts > 0 ? (d.acts + COLS - 1) / COLS : 1;
    printf("\narena timeline: activations %lu bytes (arena %lu = state %lu + activations);\n"
           "one row per operator, one column per %lu bytes of offset; a letter is a\n"
           "buffer live at that operator (legend below), # kernel scratch, . free\n",
           (unsigned long)d.acts, (unsigned long)mote_model_arena_size(m),
           (unsigned long)mote_model_state_size(m), (unsigned long)cell);
    {
        char end[24];
        int n = snprintf(end, sizeof end, "%lu|", (unsigned long)d.acts);
        printf("  %-4s %-18s |0%*s %9s %9s\n", "op", "operator", COLS + 1 - 1, end, "live", "top");
        (void)n;
    }
    for (s = 0; s <= (int32_t)d.g->n_ops; s++) {
        uint32_t c;
        for (c = 0; c < COLS; c++) {
            uint64_t lo = (uint64_t)c * cell, hi = lo + cell, best_cover = 0;
            char ch = '.';
            for (k = 0; k < d.n_box; k++) {
                const tl_box *b = &d.box[k];
                uint64_t a0 = b->offset, a1 = (uint64_t)b->offset + b->size, cover;
                if (!live_at(b, s) || a1 <= lo || a0 >= hi) continue;
                cover = (a1 < hi ? a1 : hi) - (a0 > lo ? a0 : lo);
                if (cover > best_cover) {
                    best_cover = cover;
                    ch = b->sym;
                }
            }
            row[c] = ch;
        }
        row[COLS] = '\0';
        if (s < (int32_t)d.g->n_ops)
            printf("  %-4ld %-18s |%s| %9lu %9lu%s\n", (long)s, op_name(d.g, s), row,
                   (unsigned long)d.live[s], (unsigned long)d.top[s],
                   s == d.peak_step ? "  <- peak" : "");
        else
            printf("  %-4s %-18s |%s| %9lu %9lu%s\n", "end", "(outputs)", row,
                   (unsigned long)d.live[s], (unsigned long)d.top[s],
                   s == d.peak_step ? "  <- peak" : "");
    }
    printf("legend:\n");
    for (k = 0; k < d.n_box; k++) {
        const tl_box *b = &d.box[k];
        if (b->tensor >= 0) {
            mote_graph_tensor t;
            char shape[CLI_SHAPE_MAX];
            mote_graph_get_tensor(d.g, (uint32_t)b->tensor, &t);
            cli_format_shape(shape, sizeof shape, t.dims, t.rank);
            printf("  %c tensor %-4ld %-8s %-16s %8lu bytes at %-8lu ops %ld..%ld ", b->sym,
                   (long)b->tensor, mote_type_name(t.type), shape, (unsigned long)b->size,
                   (unsigned long)b->offset, (long)b->first, (long)b->last);
            esc_print(stdout, t.name, t.name_len);
            printf("\n");
        } else {
            printf("  # scratch of op %-4ld %-25s %8lu bytes at %lu\n", (long)b->first,
                   op_name(d.g, b->first), (unsigned long)b->size, (unsigned long)b->offset);
        }
    }
    printf("peak: %lu bytes live at op %ld (%s), kernel scratch included: no plan for\n"
           "this order needs less;\n"
           "the plan uses %lu bytes of activations",
           (unsigned long)d.peak_live, (long)d.peak_step, op_name(d.g, d.peak_step),
           (unsigned long)d.acts);
    if (d.peak_live > 0 && d.acts > d.peak_live)
        printf(" (%lu above it: fragmentation)", (unsigned long)(d.acts - d.peak_live));
    printf("\n");
    return 0;
}

/* ---- SVG -------------------------------------------------------------------- */

/* Model text as XML character data: printable ASCII, markup escaped. */
static void xml_text(FILE *f, const char *s, uint32_t n)
{
    uint32_t k;
    for (k = 0; k < n && k < 120; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c == '&')
            fputs("&amp;", f);
        else if (c == '<')
            fputs("&lt;", f);
        else if (c == '>')
            fputs("&gt;", f);
        else if (c == '"')
            fputs("&quot;", f);
        else if (c >= 0x20 && c < 0x7f)
            fputc(c, f);
        else
            fputc('?', f);
    }
    if (n > 120) fputs("...", f);
}

#define SVG_LEFT 90.0
#define SVG_TOP 50.0
#define SVG_W 900.0
#define SVG_H 520.0

int inspect_write_svg(const mote_model *m, const char *path)
{
    static tl_data d;
    FILE *f;
    uint32_t k, steps;
    double dx, sy, scale;
    int32_t s, every;

    if (gather(m, &d) != 0) return 1;
    f = fopen(path, "w");
    if (f == NULL) {
        cli_error("inspect: cannot write %s: %s", path, strerror(errno));
        return 1;
    }
    steps = d.g->n_ops + 1; /* every operator, then "after the run" (outputs) */
    dx = SVG_W / steps;
    scale = d.acts > 0 ? (double)d.acts : 1.0;
    sy = SVG_H / scale;
    fprintf(f,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "font-family=\"monospace\" font-size=\"11\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
            SVG_LEFT + SVG_W + 30, SVG_TOP + SVG_H + 70);
    fprintf(f,
            "<text x=\"%.0f\" y=\"20\" font-size=\"14\">arena over time: %lu bytes of "
            "activations (arena %lu with %lu of state); peak live %lu bytes at op %ld</text>\n",
            SVG_LEFT, (unsigned long)d.acts, (unsigned long)mote_model_arena_size(m),
            (unsigned long)mote_model_state_size(m), (unsigned long)d.peak_live, (long)d.peak_step);
    fprintf(f,
            "<text x=\"%.0f\" y=\"38\">x: operator (time); y: offset in the activation "
            "area; grey: kernel scratch; hover a box for its tensor</text>\n",
            SVG_LEFT);
    /* The step with the most live bytes. */
    fprintf(f,
            "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#ffe9e9\" "
            "stroke=\"none\"><title>peak: %lu bytes live at op %ld (%s)</title></rect>\n",
            SVG_LEFT + d.peak_step * dx, SVG_TOP, dx, SVG_H, (unsigned long)d.peak_live,
            (long)d.peak_step, op_name(d.g, d.peak_step));
    fprintf(f,
            "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" "
            "stroke=\"#888\"/>\n",
            SVG_LEFT, SVG_TOP, SVG_W, SVG_H);
    for (k = 0; k < d.n_box; k++) {
        const tl_box *b = &d.box[k];
        double x = SVG_LEFT + b->first * dx, w = (b->last - b->first + 1) * dx;
        double y = SVG_TOP + b->offset * sy, h = b->size * sy;
        if (h < 1.0) h = 1.0;
        if (b->tensor >= 0) {
            mote_graph_tensor t;
            char shape[CLI_SHAPE_MAX];
            mote_graph_get_tensor(d.g, (uint32_t)b->tensor, &t);
            cli_format_shape(shape, sizeof shape, t.dims, t.rank);
            fprintf(f,
                    "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                    "fill=\"hsl(%d,65%%,72%%)\" stroke=\"#333\" stroke-width=\"0.6\">"
                    "<title>tensor %ld %s %s: %lu bytes at offset %lu, ops %ld..%ld \"",
                    x, y, w, h, (int)((b->tensor * 47) % 360), (long)b->tensor,
                    mote_type_name(t.type), shape, (unsigned long)b->size, (unsigned long)b->offset,
                    (long)b->first, (long)b->last);
            xml_text(f, t.name, t.name_len);
            fprintf(f, "\"</title></rect>\n");
            if (h >= 12 && w >= 24)
                fprintf(f, "<text x=\"%.2f\" y=\"%.2f\" pointer-events=\"none\">t%ld</text>\n",
                        x + 3, y + 11, (long)b->tensor);
        } else {
            fprintf(f,
                    "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#aaa\" "
                    "stroke=\"#555\" stroke-width=\"0.6\"><title>scratch of op %ld (%s): %lu "
                    "bytes at offset %lu</title></rect>\n",
                    x, y, w, h, (long)b->first, op_name(d.g, b->first), (unsigned long)b->size,
                    (unsigned long)b->offset);
        }
    }
    /* The arena end: the peak of the plan. */
    fprintf(f,
            "<line x1=\"%.0f\" y1=\"%.2f\" x2=\"%.0f\" y2=\"%.2f\" stroke=\"red\" "
            "stroke-dasharray=\"6,3\"/>\n"
            "<text x=\"%.0f\" y=\"%.2f\" fill=\"red\">arena end: %lu bytes</text>\n",
            SVG_LEFT, SVG_TOP + SVG_H, SVG_LEFT + SVG_W, SVG_TOP + SVG_H, SVG_LEFT,
            SVG_TOP + SVG_H + 16, (unsigned long)d.acts);
    fprintf(f, "<text x=\"%.2f\" y=\"%.2f\" fill=\"red\">peak live %lu at op %ld</text>\n",
            SVG_LEFT + SVG_W / 2, SVG_TOP + SVG_H + 16, (unsigned long)d.peak_live,
            (long)d.peak_step);
    /* Axes: offsets at the left, operators below. */
    for (k = 0; k <= 4; k++) {
        double y = SVG_TOP + SVG_H * k / 4.0;
        fprintf(f, "<text x=\"%.0f\" y=\"%.2f\" text-anchor=\"end\">%lu</text>\n", SVG_LEFT - 6,
                y + 4, (unsigned long)(d.acts * k / 4));
    }
    every = (int32_t)(steps / 40 + 1);
    for (s = 0; s < (int32_t)steps; s += every) {
        char label[16];
        if (s < (int32_t)d.g->n_ops)
            snprintf(label, sizeof label, "%ld", (long)s);
        else
            snprintf(label, sizeof label, "end");
        fprintf(f,
                "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">%s<title>%s</title></text>\n",
                SVG_LEFT + (s + 0.5) * dx, SVG_TOP + SVG_H + 34, label, op_name(d.g, s));
    }
    fprintf(f, "<text x=\"%.0f\" y=\"%.2f\">operator</text>\n</svg>\n", SVG_LEFT,
            SVG_TOP + SVG_H + 54);
    if (fclose(f) != 0) {
        cli_error("inspect: cannot write %s", path);
        return 1;
    }
    return 0;
}

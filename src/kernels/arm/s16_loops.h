/*
 * s16_loops.h — the 16x8 rows' loops (internal; see s16_body.h): included
 * by s16_dsp.c and s16_mve.c after their dot4, dot4_rows, ROWS_MAX, dot1,
 * dw_sums, DW_BLOCK and S16_FN. Channel blocks outside, pixels (batches)
 * inside, so each block's output stage is prepared once (rq_prep); every
 * pixel reads its window once per block either way.
 */

static void out_ctx_init(out_ctx *c, const void *bias, mote_requant q, int32_t per_channel,
                         int32_t acc64, int32_t lo, int32_t hi)
{
    c->bias = bias;
    c->q = q;
    c->per_channel = per_channel;
    c->acc64 = acc64;
    c->lo = lo;
    c->hi = hi;
}

mote_status S16_FN(fully_connected_s16_step)(const void *step, const mote_kernel_io *io)
{
    const mote_fc_s16_step *s = (const mote_fc_s16_step *)step;
    const int16_t *input = (const int16_t *)io->in[0];
    const int8_t *filter = (const int8_t *)io->in[1];
    int16_t *output = (int16_t *)io->out[0];
    const int32_t K = s->depth, N = s->out_c;
    out_ctx c;
    rq_ch rq[4];
    int32_t b, o, r;
    if (!input || !filter || !output || !mote_arm_fully_connected_s16_step_fits(s))
        return MOTE_E_ARG;
    out_ctx_init(&c, io->in[2], mote_step_requant(s, sizeof *s, s->channels), s->per_channel, 1,
                 s->act_min, s->act_max);
    for (o = 0; o < N; o += 4) {
        const int32_t nb = N - o < 4 ? N - o : 4;
        for (r = 0; r < nb; ++r)
            rq_prep(&c, o + r, &rq[r]);
        for (b = 0; b < s->batches; ++b) {
            const int16_t *x = input + b * K;
            int16_t *y = output + b * N + o;
            // cppcheck-suppress knownConditionTrueFalse ; nb is 4 but in the last block
            if (nb == 4) {
                int64_t acc[4] = {0, 0, 0, 0};
                dot4(x, filter + o * K, K, K, acc);
                for (r = 0; r < 4; ++r)
                    y[r] = rq_out(&c, &rq[r], acc[r]);
            } else {
                for (r = 0; r < nb; ++r)
                    y[r] = rq_out(&c, &rq[r], dot1(x, filter + (o + r) * K, K));
            }
        }
    }
    return MOTE_OK;
}

/* The window sums of one output pixel, nb <= 4 output channels from f:
 * row by row, each row's taps inside the input one run (dilation_w 1:
 * taps kx0..kx1 are contiguous in the input and the filter, (kx1 - kx0) * C
 * values) or one run per tap (C values). */
__attribute__((noinline)) static void conv_window(const mote_conv_s16_step *s, const int16_t *in_b,
                                                  const int8_t *f, int32_t nb, int32_t y0,
                                                  int32_t ky0, int32_t ky1, int32_t x0, int32_t kx0,
                                                  int32_t kx1, int64_t *acc)
{
    const mote_conv_geom *g = &s->geom;
    const int32_t C = s->in.c, W = s->in.w, fw = s->filter.w;
    const int32_t fstride = s->filter.h * fw * C;
    const int32_t run = g->dilation_w == 1 ? (kx1 - kx0) * C : C;
    const int32_t nrun = g->dilation_w == 1 ? 1 : kx1 - kx0;
    int32_t ky, k, r;
    if (kx1 <= kx0 || ky1 <= ky0) return;
    if (g->dilation_w == 1 && nb == 4 && (int64_t)(ky1 - ky0) * run <= ROWS_MAX) {
        /* the whole window in one call */
        dot4_rows(in_b + ((y0 + ky0 * g->dilation_h) * W + x0 + kx0) * C, g->dilation_h * W * C,
                  f + (ky0 * fw + kx0) * C, fw * C, fstride, ky1 - ky0, run, acc);
        return;
    }
    for (ky = ky0; ky < ky1; ++ky) {
        const int16_t *xp = in_b + ((y0 + ky * g->dilation_h) * W + x0 + kx0 * g->dilation_w) * C;
        const int8_t *fp = f + (ky * fw + kx0) * C;
        for (k = 0; k < nrun; ++k, xp += g->dilation_w * C, fp += C) {
            if (nb == 4)
                dot4(xp, fp, fstride, run, acc);
            else
                for (r = 0; r < nb; ++r)
                    acc[r] += dot1(xp, fp + r * fstride, run);
        }
    }
}

/* CONV_2D, groups 1: four output channels at a time (conv_window);
 * pointwise (1x1, stride 1, no padding) as a matrix product over the
 * pixels. */
mote_status S16_FN(conv2d_s16_step)(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s16_step *s = (const mote_conv_s16_step *)step;
    const mote_dims *id = &s->in, *fd = &s->filter, *od = &s->out;
    const mote_conv_geom *g = &s->geom;
    const int16_t *input = (const int16_t *)io->in[0];
    const int8_t *filter = (const int8_t *)io->in[1];
    int16_t *output = (int16_t *)io->out[0];
    const int32_t fstride = fd->h * fd->w * id->c;
    out_ctx c;
    rq_ch rq[4];
    int32_t b, oy, ox, oc, r, pointwise;
    if (!input || !filter || !output || !mote_arm_conv2d_s16_step_fits(s)) return MOTE_E_ARG;
    pointwise = fd->h == 1 && fd->w == 1 && g->stride_h == 1 && g->stride_w == 1 && g->pad_h == 0 &&
                g->pad_w == 0 && od->h == id->h && od->w == id->w;
    out_ctx_init(&c, io->in[2], mote_step_requant(s, sizeof *s, s->channels), s->channels != 1,
                 s->acc64, s->act_min, s->act_max);
    for (oc = 0; oc < od->c; oc += 4) {
        const int32_t nb = od->c - oc < 4 ? od->c - oc : 4;
        const int8_t *f = filter + oc * fstride;
        for (r = 0; r < nb; ++r)
            rq_prep(&c, oc + r, &rq[r]);
        if (pointwise) { /* output pixel p reads input pixel p alone */
            const int32_t np = od->n * od->h * od->w;
            int32_t px;
            for (px = 0; px < np; ++px) {
                const int16_t *x = input + px * id->c;
                int16_t *y = output + px * od->c + oc;
                // cppcheck-suppress knownConditionTrueFalse ; nb is 4 but in the last block
                if (nb == 4) {
                    int64_t acc[4] = {0, 0, 0, 0};
                    dot4(x, f, fstride, id->c, acc);
                    for (r = 0; r < 4; ++r)
                        y[r] = rq_out(&c, &rq[r], acc[r]);
                } else {
                    for (r = 0; r < nb; ++r)
                        y[r] = rq_out(&c, &rq[r], dot1(x, f + r * fstride, id->c));
                }
            }
            continue;
        }
        for (b = 0; b < od->n; ++b) {
            const int16_t *in_b = input + b * id->h * id->w * id->c;
            for (oy = 0; oy < od->h; ++oy) {
                const int32_t y0 = oy * g->stride_h - g->pad_h;
                int32_t ky0, ky1;
                tap_range(y0, g->dilation_h, fd->h, id->h, &ky0, &ky1);
                for (ox = 0; ox < od->w; ++ox) {
                    const int32_t x0 = ox * g->stride_w - g->pad_w;
                    int16_t *y = output + ((b * od->h + oy) * od->w + ox) * od->c + oc;
                    int64_t acc[4] = {0, 0, 0, 0};
                    int32_t kx0, kx1;
                    tap_range(x0, g->dilation_w, fd->w, id->w, &kx0, &kx1);
                    conv_window(s, in_b, f, nb, y0, ky0, ky1, x0, kx0, kx1, acc);
                    for (r = 0; r < nb; ++r)
                        y[r] = rq_out(&c, &rq[r], acc[r]);
                }
            }
        }
    }
    return MOTE_OK;
}

/* DEPTHWISE_CONV_2D, depth_multiplier 1, at most 511 taps: DW_BLOCK
 * channels at a time, dw_sums over the taps inside the input (one int32
 * sum per channel: exact, see s16_dsp.c). */
mote_status S16_FN(depthwise_conv2d_s16_step)(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s16_step *s = (const mote_conv_s16_step *)step;
    const mote_dims *id = &s->in, *fd = &s->filter, *od = &s->out;
    const mote_conv_geom *g = &s->geom;
    const int16_t *input = (const int16_t *)io->in[0];
    const int8_t *filter = (const int8_t *)io->in[1];
    int16_t *output = (int16_t *)io->out[0];
    const int32_t C = id->c, rowc = id->w * C;
    const int32_t xstep = g->dilation_w * C, ystep = g->dilation_h * rowc;
    out_ctx c;
    rq_ch rq[DW_BLOCK];
    int32_t sum[DW_BLOCK];
    int32_t b, oy, ox, ch, r;
    if (!input || !filter || !output || !mote_arm_depthwise_conv2d_s16_step_fits(s))
        return MOTE_E_ARG;
    /* TFLite Micro's 16x8 depthwise: always int64 (the reference) */
    out_ctx_init(&c, io->in[2], mote_step_requant(s, sizeof *s, s->channels), s->channels != 1, 1,
                 s->act_min, s->act_max);
    for (ch = 0; ch < C; ch += DW_BLOCK) {
        const int32_t nc = C - ch >= DW_BLOCK ? DW_BLOCK : C - ch;
        for (r = 0; r < nc; ++r)
            rq_prep(&c, ch + r, &rq[r]);
        for (b = 0; b < od->n; ++b) {
            const int16_t *in_b = input + b * id->h * rowc + ch;
            for (oy = 0; oy < od->h; ++oy) {
                const int32_t y0 = oy * g->stride_h - g->pad_h;
                int32_t ky0, ky1;
                tap_range(y0, g->dilation_h, fd->h, id->h, &ky0, &ky1);
                for (ox = 0; ox < od->w; ++ox) {
                    const int32_t x0 = ox * g->stride_w - g->pad_w;
                    int16_t *y = output + ((b * od->h + oy) * od->w + ox) * C + ch;
                    int32_t kx0, kx1;
                    tap_range(x0, g->dilation_w, fd->w, id->w, &kx0, &kx1);
                    if (ky1 > ky0 && kx1 > kx0) {
                        dw_sums(in_b + (y0 + ky0 * g->dilation_h) * rowc +
                                    (x0 + kx0 * g->dilation_w) * C,
                                filter + (ky0 * fd->w + kx0) * C + ch, nc, ky1 - ky0, kx1 - kx0,
                                ystep, xstep, fd->w * C, C, sum);
                    } else { /* no tap inside the input */
                        for (r = 0; r < nc; ++r)
                            sum[r] = 0;
                    }
                    for (r = 0; r < nc; ++r)
                        y[r] = rq_out(&c, &rq[r], sum[r]);
                }
            }
        }
    }
    return MOTE_OK;
}

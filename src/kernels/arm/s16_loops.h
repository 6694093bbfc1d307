/*
 * s16_loops.h — the 16x8 rows' loops (internal; see s16_body.h): included
 * by s16_dsp.c and s16_mve.c after their dot4, dot1, dw_pixel and S16_FN.
 */
mote_status S16_FN(fully_connected_s16_step)(const void *step, const mote_kernel_io *io)
{
    const mote_fc_s16_step *s = (const mote_fc_s16_step *)step;
    const int16_t *input = (const int16_t *)io->in[0];
    const int8_t *filter = (const int8_t *)io->in[1];
    int16_t *output = (int16_t *)io->out[0];
    const int32_t K = s->depth;
    out_ctx c;
    int32_t b, o;
    if (!input || !filter || !output || !mote_arm_fully_connected_s16_step_fits(s))
        return MOTE_E_ARG;
    c.bias = io->in[2];
    c.q = mote_step_requant(s, sizeof *s, s->channels);
    c.per_channel = s->per_channel;
    c.acc64 = 1;
    c.lo = s->act_min;
    c.hi = s->act_max;
    for (b = 0; b < s->batches; ++b) {
        const int16_t *x = input + b * K;
        int16_t *y = output + b * s->out_c;
        for (o = 0; o + 4 <= s->out_c; o += 4) {
            int64_t acc[4] = {0, 0, 0, 0};
            dot4(x, filter + o * K, K, K, acc);
            y[o] = out16(&c, acc[0], o);
            y[o + 1] = out16(&c, acc[1], o + 1);
            y[o + 2] = out16(&c, acc[2], o + 2);
            y[o + 3] = out16(&c, acc[3], o + 3);
        }
        for (; o < s->out_c; ++o) y[o] = out16(&c, dot1(x, filter + o * K, K), o);
    }
    return MOTE_OK;
}

/* CONV_2D, groups 1. For each output pixel, four output channels at a
 * time: the window row by row, each row's taps inside the input one run
 * of dot4 (dilation_w 1: taps kx..kx1 are contiguous in the input and the
 * filter, (kx1 - kx) * C values) or one run per tap (C values). */
mote_status S16_FN(conv2d_s16_step)(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s16_step *s = (const mote_conv_s16_step *)step;
    const mote_dims *id = &s->in, *fd = &s->filter, *od = &s->out;
    const mote_conv_geom *g = &s->geom;
    const int16_t *input = (const int16_t *)io->in[0];
    const int8_t *filter = (const int8_t *)io->in[1];
    int16_t *output = (int16_t *)io->out[0];
    const int32_t C = id->c, fstride = fd->h * fd->w * C;
    out_ctx c;
    int32_t b, oy, ox, oc;
    if (!input || !filter || !output || !mote_arm_conv2d_s16_step_fits(s)) return MOTE_E_ARG;
    c.bias = io->in[2];
    c.q = mote_step_requant(s, sizeof *s, s->channels);
    c.per_channel = s->channels != 1;
    c.acc64 = s->acc64;
    c.lo = s->act_min;
    c.hi = s->act_max;
    for (b = 0; b < od->n; ++b) {
        const int16_t *in_b = input + b * id->h * id->w * C;
        for (oy = 0; oy < od->h; ++oy) {
            const int32_t y0 = oy * g->stride_h - g->pad_h;
            int32_t ky0, ky1;
            tap_range(y0, g->dilation_h, fd->h, id->h, &ky0, &ky1);
            for (ox = 0; ox < od->w; ++ox) {
                const int32_t x0 = ox * g->stride_w - g->pad_w;
                int16_t *y = output + ((b * od->h + oy) * od->w + ox) * od->c;
                int32_t kx0, kx1, ky, kx;
                tap_range(x0, g->dilation_w, fd->w, id->w, &kx0, &kx1);
                for (oc = 0; oc < od->c; oc += 4) {
                    const int32_t nb = od->c - oc >= 4 ? 4 : od->c - oc;
                    const int8_t *f = filter + oc * fstride;
                    int64_t acc[4] = {0, 0, 0, 0};
                    for (ky = ky0; ky < ky1; ++ky) {
                        const int32_t yy = y0 + ky * g->dilation_h;
                        const int16_t *xr = in_b + yy * id->w * C;
                        const int8_t *fr = f + ky * fd->w * C;
                        if (kx1 <= kx0) break;
                        if (g->dilation_w == 1) {
                            const int32_t n = (kx1 - kx0) * C;
                            const int16_t *xp = xr + (x0 + kx0) * C;
                            const int8_t *fp = fr + kx0 * C;
                            if (nb == 4) {
                                dot4(xp, fp, fstride, n, acc);
                            } else {
                                int32_t r;
                                for (r = 0; r < nb; ++r) acc[r] += dot1(xp, fp + r * fstride, n);
                            }
                            continue;
                        }
                        for (kx = kx0; kx < kx1; ++kx) {
                            const int16_t *xp = xr + (x0 + kx * g->dilation_w) * C;
                            const int8_t *fp = fr + kx * C;
                            if (nb == 4) {
                                dot4(xp, fp, fstride, C, acc);
                            } else {
                                int32_t r;
                                for (r = 0; r < nb; ++r) acc[r] += dot1(xp, fp + r * fstride, C);
                            }
                        }
                    }
                    {
                        int32_t r;
                        for (r = 0; r < nb; ++r) y[oc + r] = out16(&c, acc[r], oc + r);
                    }
                }
            }
        }
    }
    return MOTE_OK;
}

/* DEPTHWISE_CONV_2D, depth_multiplier 1, at most 511 taps: for each
 * output pixel, dw_pixel over the taps inside the input (one int32 sum per
 * channel: exact, see s16_dsp.c). */
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
    int32_t b, oy, ox;
    if (!input || !filter || !output || !mote_arm_depthwise_conv2d_s16_step_fits(s))
        return MOTE_E_ARG;
    c.bias = io->in[2];
    c.q = mote_step_requant(s, sizeof *s, s->channels);
    c.per_channel = s->channels != 1;
    c.acc64 = 1; /* TFLite Micro's 16x8 depthwise: always int64 (the reference) */
    c.lo = s->act_min;
    c.hi = s->act_max;
    for (b = 0; b < od->n; ++b) {
        const int16_t *in_b = input + b * id->h * rowc;
        for (oy = 0; oy < od->h; ++oy) {
            const int32_t y0 = oy * g->stride_h - g->pad_h;
            int32_t ky0, ky1;
            tap_range(y0, g->dilation_h, fd->h, id->h, &ky0, &ky1);
            for (ox = 0; ox < od->w; ++ox) {
                const int32_t x0 = ox * g->stride_w - g->pad_w;
                int16_t *y = output + ((b * od->h + oy) * od->w + ox) * C;
                const int16_t *xw;
                const int8_t *fw;
                int32_t kx0, kx1;
                tap_range(x0, g->dilation_w, fd->w, id->w, &kx0, &kx1);
                /* the first tap inside the input (none: the sums stay 0) */
                if (ky1 > ky0 && kx1 > kx0) {
                    xw = in_b + (y0 + ky0 * g->dilation_h) * rowc + (x0 + kx0 * g->dilation_w) * C;
                    fw = filter + (ky0 * fd->w + kx0) * C;
                } else {
                    xw = in_b;
                    fw = filter;
                    ky1 = ky0;
                }
                dw_pixel(xw, fw, C, ky1 - ky0, kx1 - kx0, ystep, xstep, fd->w * C, &c, y);
            }
        }
    }
    return MOTE_OK;
}


/* cases_conv_common.c — see cases_conv_common.h. */
#include "cases_conv_common.h"
#include <string.h>

void armk_conv_act(armk_rng *r, mote_conv_s8_params *p)
{
    const int32_t a = armk_int(r, -128, 127);
    const int32_t b = armk_int(r, -128, 127);
    switch (armk_rnd(r) % 3) {
    case 0:
        p->act_min = -128;
        p->act_max = 127;
        break;
    case 1:
        p->act_min = a < b ? a : b;
        p->act_max = a < b ? b : a;
        break;
    default:
        p->act_min = a;
        p->act_max = 127;
        break;
    }
}

void armk_conv_pw_case(armk_rng *r, mote_conv_s8_params *p, mote_dims *id, mote_dims *fd,
                       mote_dims *od, int32_t h, int32_t w, int32_t k, int32_t oc)
{
    id->n = od->n = 1;
    id->h = od->h = h;
    id->w = od->w = w;
    id->c = fd->c = k;
    fd->n = od->c = oc;
    fd->h = fd->w = 1;
    p->geom.stride_h = p->geom.stride_w = 1;
    p->geom.dilation_h = p->geom.dilation_w = 1;
    p->input_offset = -armk_int(r, -128, 127);
    p->output_offset = armk_int(r, -128, 127);
    armk_conv_act(r, p);
}

void armk_conv_pw_quant(armk_rng *r, int32_t oc, int32_t smode, int32_t *mult, int8_t *shift,
                        int32_t *bias)
{
    int32_t j;
    for (j = 0; j < oc; ++j) {
        mult[j] = armk_rnd(r) % 32 == 0 ? (1 << 30) : (int32_t)((1u << 30) | (armk_rnd(r) >> 2));
        if (smode == 0)
            shift[j] = (int8_t)armk_int(r, -12, -4);
        else if (smode == 1) /* past the folded zero point */
            shift[j] = (int8_t)armk_int(r, -31, -20);
        else if (smode == 2) /* some above -2: the general output stage */
            shift[j] = (int8_t)armk_int(r, -6, 2);
        else
            shift[j] = (int8_t)armk_int(r, -31, 2);
        bias[j] = armk_rnd(r) % 4 == 0 ? (int32_t)armk_rnd(r) >> 10 : armk_int(r, -20000, 20000);
    }
}

int32_t armk_conv_dw_quant(armk_rng *r, mote_conv_s8_params *p, int32_t C, int32_t smode,
                           int32_t *mult, int8_t *shift, int32_t *bias)
{
    int32_t c, rsh_only = 1;
    p->input_offset = -armk_int(r, -128, 127);
    p->output_offset = armk_int(r, -128, 127);
    if (armk_int(r, 0, 1)) {
        p->act_min = -128;
        p->act_max = 127;
    } else {
        p->act_min = armk_int(r, -128, 0);
        p->act_max = armk_int(r, 0, 127);
    }
    for (c = 0; c < C; ++c) {
        mult[c] = armk_int(r, 0, 15) == 0 ? (int32_t)(1u << 30)
                                          : (int32_t)((1u << 30) | (armk_rnd(r) >> 2));
        shift[c] = (int8_t)(smode == 0   ? armk_int(r, -31, 0)
                            : smode == 1 ? armk_int(r, -2, 0)
                            : smode == 2 ? armk_int(r, -31, 2)
                                         : armk_int(r, -12, -1));
        rsh_only &= shift[c] <= 0;
        bias[c] = armk_int(r, 0, 7) == 0 ? (int32_t)armk_rnd(r) >> 1 : armk_int(r, -100000, 100000);
    }
    return rsh_only;
}

void armk_conv_prep(int8_t *out, int32_t n, int fill, int32_t guard)
{
    memset(out, fill, (size_t)n);
    memset(out + n, ARMK_GUARD_BYTE, (size_t)guard);
}

int armk_conv_same(const int8_t *ref, const int8_t *out, int32_t n, int32_t guard)
{
    int32_t i;
    if (memcmp(ref, out, (size_t)n) != 0) return 0;
    for (i = 0; i < guard; ++i)
        if ((uint8_t)out[n + i] != ARMK_GUARD_BYTE) return 0;
    return 1;
}

mote_conv_s8_step *armk_conv_step(void *buf, size_t size, const mote_conv_s8_params *p,
                                  const mote_dims *id, const mote_dims *fd, const mote_dims *od,
                                  const int32_t *mult, const int8_t *shift)
{
    mote_conv_s8_step *s = (mote_conv_s8_step *)buf;
    memset(buf, 0, size);
    s->p = *p;
    s->in = *id;
    s->filter = *fd;
    s->out = *od;
    s->channels = od->c;
    memcpy((uint8_t *)buf + sizeof *s, mult, 4 * (size_t)od->c);
    memcpy((uint8_t *)buf + sizeof *s + 4 * (size_t)od->c, shift, (size_t)od->c);
    return s;
}

mote_status armk_conv_run(mote_status (*fn)(const void *, const mote_kernel_io *),
                          const mote_conv_s8_step *s, const int8_t *src, const int8_t *filt,
                          const int32_t *bias, int8_t *out, void *scratch)
{
    const void *in[3];
    void *outs[1];
    mote_kernel_io io;
    in[0] = src;
    in[1] = filt;
    in[2] = bias;
    outs[0] = out;
    io.in = in;
    io.out = outs;
    io.scratch = scratch;
    return fn(s, &io);
}

/* SAME or VALID output size and padding along one axis (TFLite's rule). */
int armk_conv_axis(int32_t in, int32_t k, int32_t s, int32_t d, int same, int32_t *out,
                   int32_t *pad)
{
    const int32_t eff = (k - 1) * d + 1;
    int32_t tot;
    if (same) {
        *out = (in + s - 1) / s;
        tot = (*out - 1) * s + eff - in;
        *pad = tot > 0 ? tot / 2 : 0;
        return 1;
    }
    if (in < eff) return 0;
    *out = (in - eff) / s + 1;
    *pad = 0;
    return 1;
}

/*
 * vww.c — is there a person in this picture?
 *
 *     vww [--model person_detect | vww | M.tflite] [--time] IMAGE
 *
 *     label=no_person person_score=0.484375 arena=73568
 *
 * Default model: models/tflm-examples/person_detect.tflite (96x96
 * grayscale); --model vww: the MLPerf Tiny visual wake words model,
 * models/mlperf-tiny/vww_96_int8.tflite (96x96 RGB). IMAGE is a BMP, PPM/PGM
 * or PNG (PNG on the host with libpng) of any size: it is centre-cropped to
 * the model's aspect ratio (square), resized bilinearly to the model's
 * input (src/dsp/image.c), converted to the model's channels (gray <-> RGB,
 * BT.601 luma) and fed as int8 p - 128 (both models take pixel / 255 or
 * pixel / 127.5 - 1 with that zero point). Output 1 is the person score,
 * printed as (q + 128) / 256 (exact: scale 1/256, zero point -128);
 * label=person when it beats output 0 (no person).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "dsp/dsp.h"
#include "image_io.h"
#include "vww.h"

#define PD_MODEL "models/tflm-examples/person_detect.tflite"
#define VWW_MODEL "models/mlperf-tiny/vww_96_int8.tflite"

#ifndef VWW_ARENA_BYTES
#define VWW_ARENA_BYTES (96u * 1024u)
#endif
#ifndef VWW_MODEL_MAX
#define VWW_MODEL_MAX (512u * 1024u)
#endif
#ifndef VWW_IMAGE_MAX
#define VWW_IMAGE_MAX (2048u * 2048u * 3u) /* decoded pixels */
#endif
#define VWW_INPUT_MAX (256u * 256u * 3u)

static app_model net;
static uint8_t arena[VWW_ARENA_BYTES] __attribute__((aligned(MOTE_ARENA_ALIGN)));
static uint8_t pixels[VWW_IMAGE_MAX];
static uint8_t resized[VWW_INPUT_MAX];
static uint8_t converted[VWW_INPUT_MAX];

static int usage(void)
{
    fprintf(stderr, "usage: vww [--model person_detect | vww | M.tflite] [--time] IMAGE\n");
    return 2;
}

int vww_main(int argc, char **argv, const void *pd, size_t pd_len, const void *vw, size_t vw_len)
{
    const char *which = "person_detect", *path = NULL, *why = "";
    const void *model = pd;
    size_t model_len = pd_len, side, x0, y0, mw, mh, mc, i;
    image_u8 img;
    mote_tensor *in;
    const mote_tensor *out;
    const int8_t *o;
    mote_status s;
    int k;
    for (k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--model") == 0 && k + 1 < argc)
            which = argv[++k];
        else if (argv[k][0] != '-' && path == NULL)
            path = argv[k];
        else
            return usage();
    }
    if (path == NULL) return usage();
    if (strcmp(which, "vww") == 0) {
        model = vw;
        model_len = vw_len;
    }
    if (model == NULL) {
        static uint8_t bytes[VWW_MODEL_MAX] __attribute__((aligned(16)));
        const char *file = strcmp(which, "person_detect") == 0 ? PD_MODEL
                           : strcmp(which, "vww") == 0         ? VWW_MODEL
                                                               : which;
        if (app_read_file(file, bytes, sizeof bytes, &model_len) != 0) return 1;
        model = bytes;
    }
    if (app_model_init(&net, model, model_len, arena, sizeof arena, "vww") != 0) return 1;
    in = mote_input(&net.session, 0);
    out = mote_output(&net.session, 0);
    if (in == NULL || in->type != MOTE_INT8 || in->rank != 4 || out == NULL ||
        out->type != MOTE_INT8 || out->bytes != 2) {
        fprintf(stderr, "vww: the model is not an int8 [1,H,W,C] -> 2-class model\n");
        return 1;
    }
    mh = (size_t)in->dims[1];
    mw = (size_t)in->dims[2];
    mc = (size_t)in->dims[3];
    if ((mc != 1 && mc != 3) || mh * mw * 3 > VWW_INPUT_MAX) {
        fprintf(stderr, "vww: unsupported input shape\n");
        return 1;
    }

    app_cost_begin(APP_COST_FRONTEND);
    img.px = pixels;
    img.cap = sizeof pixels;
    if (image_load(path, &img, &why) != 0) {
        app_cost_end(APP_COST_FRONTEND);
        fprintf(stderr, "vww: %s: %s\n", path, why);
        return 1;
    }
    /* centre crop to the model's aspect ratio (mw : mh), in place */
    if ((uint64_t)img.w * mh > (uint64_t)img.h * mw) {
        side = (size_t)((uint64_t)img.h * mw / mh); /* crop width */
        x0 = (img.w - side) / 2;
        y0 = 0;
        s = mote_dsp_image_crop_u8(pixels, img.w, img.h, img.c, x0, y0, side, img.h, pixels);
        img.w = (uint32_t)side;
    } else {
        side = (size_t)((uint64_t)img.w * mh / mw); /* crop height */
        x0 = 0;
        y0 = (img.h - side) / 2;
        s = mote_dsp_image_crop_u8(pixels, img.w, img.h, img.c, x0, y0, img.w, side, pixels);
        img.h = (uint32_t)side;
    }
    if (s == MOTE_OK)
        s = mote_dsp_image_resize_bilinear_u8(pixels, img.w, img.h, img.c, resized, mw, mh);
    if (s == MOTE_OK && img.c != mc)
        s = img.c == 1 ? mote_dsp_image_gray_to_rgb_u8(resized, mw * mh, converted)
                       : mote_dsp_image_rgb_to_gray_u8(resized, mw * mh, converted);
    else if (s == MOTE_OK)
        memcpy(converted, resized, mw * mh * mc);
    for (i = 0; s == MOTE_OK && i < mw * mh * mc; i++)
        ((int8_t *)in->data)[i] = (int8_t)((int)converted[i] - 128);
    app_cost_end(APP_COST_FRONTEND);
    if (s != MOTE_OK) {
        fprintf(stderr, "vww: %s: image conversion failed\n", path);
        return 1;
    }
    app_cost_begin(APP_COST_MODEL);
    s = mote_invoke(&net.session);
    app_cost_end(APP_COST_MODEL);
    if (s != MOTE_OK) {
        fprintf(stderr, "vww: invoke: %s\n", mote_status_str(s));
        return 1;
    }
    out = mote_output(&net.session, 0);
    o = (const int8_t *)out->data;
    printf("label=%s person_score=%.8g arena=%lu\n", o[1] > o[0] ? "person" : "no_person",
           (double)(o[1] + 128) / 256.0, (unsigned long)net.arena_bytes);
    app_cost_print();
    return 0;
}

#ifndef APP_FIRMWARE
#include "cost_host.h"
int main(int argc, char **argv)
{
    int i, j;
    for (i = j = 0; i < argc; i++) {
        if (strcmp(argv[i], "--time") == 0)
            app_cost_enable_host();
        else
            argv[j++] = argv[i];
    }
    return vww_main(j, argv, NULL, 0, NULL, 0);
}
#endif

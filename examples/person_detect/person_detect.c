/*
 * person_detect.c — the demo: is there a person in this picture?
 *
 * Loads the bundled person-detection model (MobileNetV1 0.25, int8, 96x96
 * grayscale), reads each 8-bit grayscale BMP given on the command line,
 * feeds pixel p as int8 p - 128 (rows top-down, as the model was trained),
 * runs one inference and prints the person score out of 256, the decision,
 * the arena the model needs and the time per inference.
 *
 * usage: person_detect MODEL.tflite IMAGE.bmp...
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "file.h"
#include "mote/mote.h"

/* Whole file through the shared bounded reader (tools/mote/file.c), at
 * most max bytes; NULL after printing why. */
static unsigned char *read_file(const char *path, size_t max, size_t *len)
{
    uint8_t *buf;
    char err[FILE_ERR_MAX];
    if (file_read(path, max, &buf, len, err, sizeof err) != 0) {
        fprintf(stderr, "person_detect: %s\n", err);
        return NULL;
    }
    return buf;
}

/* A BMP bigger than this is not the small grayscale picture we expect. */
#define BMP_MAX ((size_t)4 << 20)

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Decode an uncompressed 8-bit palette BMP of w x h into int8 p - 128,
 * top row first. The palette maps index -> gray (its blue byte). */
static int bmp_to_input(const unsigned char *b, size_t len, int w, int h, int8_t *out)
{
    uint32_t data, hdr, stride;
    int32_t bw, bh;
    int y, x, bottom_up;
    if (len < 54 || b[0] != 'B' || b[1] != 'M') return -1;
    data = le32(b + 10);
    hdr = le32(b + 14);
    bw = (int32_t)le32(b + 18);
    bh = (int32_t)le32(b + 22);
    if (b[28] != 8 || le32(b + 30) != 0 || bw != w || (bh != h && bh != -h)) return -1;
    bottom_up = bh > 0;
    stride = ((uint32_t)w + 3u) & ~3u;
    if (data > len || (size_t)stride * (size_t)h > len - data || 14u + hdr + 1024u > len)
        return -1;
    for (y = 0; y < h; y++) {
        const unsigned char *row = b + data + (size_t)stride * (size_t)(bottom_up ? h - 1 - y : y);
        for (x = 0; x < w; x++) {
            int gray = b[14 + hdr + 4 * row[x]];    /* palette entry: B, G, R, 0 */
            out[y * w + x] = (int8_t)(gray - 128);
        }
    }
    return 0;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    static mote_model model;
    static mote_session session;
    unsigned char *bytes, *arena;
    int8_t *pixels;
    size_t len, need;
    mote_tensor *in;
    mote_status s;
    int i;

    if (argc < 3) {
        fprintf(stderr, "usage: %s MODEL.tflite IMAGE.bmp...\n", argv[0]);
        return 1;
    }
    if ((bytes = read_file(argv[1], FILE_MODEL_MAX, &len)) == NULL) {
        return 1;
    }
    if ((s = mote_model_init(&model, bytes, len)) != MOTE_OK) {
        fprintf(stderr, "person_detect: %s: %s\n", mote_status_str(s), model.error.text);
        return 1;
    }
    need = mote_model_arena_size(&model);
    arena = aligned_alloc(MOTE_ARENA_ALIGN, (need + MOTE_ARENA_ALIGN - 1) / MOTE_ARENA_ALIGN * MOTE_ARENA_ALIGN);
    if (arena == NULL || mote_session_init(&session, &model, arena, need) != MOTE_OK) {
        fprintf(stderr, "person_detect: cannot set up the session\n");
        return 1;
    }
    in = mote_input(&session, 0);
    if ((pixels = malloc(in->bytes)) == NULL) return 1;
    printf("model %s: arena %lu bytes (the RAM a microcontroller must reserve)\n", argv[1],
           (unsigned long)need);
    for (i = 2; i < argc; i++) {
        unsigned char *img;
        size_t img_len;
        const int8_t *out;
        double t0, best = 1e30;
        int rep, score;
        if ((img = read_file(argv[i], BMP_MAX, &img_len)) == NULL) {
            return 1;
        }
        if (bmp_to_input(img, img_len, in->dims[2], in->dims[1], pixels) != 0) {
            fprintf(stderr, "person_detect: %s is not a %dx%d 8-bit grayscale BMP\n", argv[i],
                    (int)in->dims[2], (int)in->dims[1]);
            return 1;
        }
        free(img);
        for (rep = 0; rep < 5; rep++) {   /* best of 5: the machine may be busy */
            /* The input's memory is reused by later layers once they have
             * read it, so it is written again before every invoke. */
            memcpy(in->data, pixels, in->bytes);
            t0 = now_ms();
            if (mote_invoke(&session) != MOTE_OK) {
                fprintf(stderr, "person_detect: invoke failed\n");
                return 1;
            }
            if (now_ms() - t0 < best) best = now_ms() - t0;
        }
        out = mote_output(&session, 0)->data;
        /* Output scale 1/256, zero point -128: q + 128 is the probability
         * in 256ths. Index 0 = no person, 1 = person; the larger wins. */
        score = out[1] + 128;
        printf("%-36s person score %3d/256, no-person %3d/256 -> %s (%.2f ms per inference)\n",
               argv[i], score, out[0] + 128, out[1] > out[0] ? "PERSON" : "no person", best);
    }
    free(pixels);
    free(arena);
    free(bytes);
    return 0;
}

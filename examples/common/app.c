/* app.c — see app.h. */
#include "app.h"

#include <string.h>

int app_read_file(const char *path, void *buf, size_t cap, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    int more;
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    n = fread(buf, 1, cap, f);
    more = fgetc(f) != EOF;
    fclose(f);
    if (more) {
        fprintf(stderr, "%s is larger than %lu bytes\n", path, (unsigned long)cap);
        return -1;
    }
    *len = n;
    return 0;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

int app_is_wav(const char *path)
{
    unsigned char h[12];
    FILE *f = fopen(path, "rb");
    int ok;
    if (f == NULL) return 0;
    ok = fread(h, 1, 12, f) == 12 && memcmp(h, "RIFF", 4) == 0 && memcmp(h + 8, "WAVE", 4) == 0;
    fclose(f);
    return ok;
}

int app_wav_open(app_wav *w, const char *path, const char **why)
{
    unsigned char h[12], ck[8], fmt[40];
    uint32_t format = 0, bits = 0;
    long pos = 12;
    memset(w, 0, sizeof *w);
    *why = "";
    if ((w->f = fopen(path, "rb")) == NULL) {
        *why = "cannot open";
        return -1;
    }
    if (fread(h, 1, 12, w->f) != 12 || memcmp(h, "RIFF", 4) != 0 || memcmp(h + 8, "WAVE", 4) != 0) {
        *why = "not a RIFF/WAVE file";
        goto fail;
    }
    for (;;) {
        uint32_t size;
        if (fseek(w->f, pos, SEEK_SET) != 0 || fread(ck, 1, 8, w->f) != 8) {
            *why = "no data chunk";
            goto fail;
        }
        size = le32(ck + 4);
        if (memcmp(ck, "fmt ", 4) == 0) {
            size_t k = size < sizeof fmt ? size : sizeof fmt;
            if (size < 16 || fread(fmt, 1, k, w->f) != k) {
                *why = "bad fmt chunk";
                goto fail;
            }
            format = le16(fmt);
            w->channels = le16(fmt + 2);
            w->rate = le32(fmt + 4);
            bits = le16(fmt + 14);
            if (format == 0xFFFEu && size >= 26) format = le16(fmt + 24);
        } else if (memcmp(ck, "data", 4) == 0) {
            if (format != 1 || bits != 16 || w->channels == 0 || w->channels > 8) {
                *why = "not 16-bit PCM (1..8 channels)";
                goto fail;
            }
            w->data_pos = pos + 8;
            w->frames = size / (2u * w->channels);
            return app_wav_rewind(w) == 0 ? 0 : (*why = "cannot seek", app_wav_close(w), -1);
        }
        if (size > 0x7FFFFFF0u - (uint32_t)pos) {
            *why = "bad chunk size";
            goto fail;
        }
        pos += 8 + (long)size + (long)(size & 1u);
    }
fail:
    app_wav_close(w);
    return -1;
}

size_t app_wav_read(app_wav *w, int16_t *out, size_t n)
{
    unsigned char buf[256 * 2 * 8];
    size_t done = 0;
    if (w->f == NULL) return 0;
    if (n > w->frames - w->pos) n = w->frames - w->pos;
    while (done < n) {
        size_t k = n - done, i;
        size_t per = sizeof buf / (2u * w->channels);
        if (k > per) k = per;
        if (fread(buf, 2u * w->channels, k, w->f) != k) break;
        for (i = 0; i < k; i++) {
            long sum = 0;
            uint32_t c;
            long ch = (long)w->channels;
            for (c = 0; c < w->channels; c++)
                sum += (int16_t)le16(buf + 2u * (i * w->channels + c));
            out[done + i] = (int16_t)(sum >= 0 ? (sum + ch / 2) / ch : -((-sum + ch / 2) / ch));
        }
        done += k;
    }
    w->pos += done;
    return done;
}

int app_wav_rewind(app_wav *w)
{
    if (w->f == NULL || fseek(w->f, w->data_pos, SEEK_SET) != 0) return -1;
    w->pos = 0;
    return 0;
}

void app_wav_close(app_wav *w)
{
    if (w->f != NULL) fclose(w->f);
    w->f = NULL;
}

int app_model_init(app_model *m, const void *bytes, size_t len, void *arena, size_t arena_cap,
                   const char *tag)
{
    mote_status s = mote_model_init(&m->model, bytes, len);
    if (s != MOTE_OK) {
        fprintf(stderr, "%s: model: %s: %s\n", tag, mote_status_str(s), m->model.error.text);
        return -1;
    }
    m->arena_bytes = mote_model_arena_size(&m->model);
    s = mote_session_init(&m->session, &m->model, arena, arena_cap);
    if (s != MOTE_OK) {
        fprintf(stderr, "%s: session: %s (the model needs %lu bytes of arena, %lu given)\n", tag,
                mote_status_str(s), (unsigned long)m->arena_bytes, (unsigned long)arena_cap);
        return -1;
    }
    return 0;
}

uint32_t app_crc32(const void *data, size_t n)
{
    const unsigned char *p = (const unsigned char *)data;
    uint32_t c = 0xFFFFFFFFu;
    size_t i;
    int k;
    for (i = 0; i < n; i++) {
        c ^= p[i];
        for (k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

void app_cost_print(void)
{
    if (!app_cost_enabled()) return;
    printf("cost frontend=%llu model=%llu unit=%s invokes=%lu\n",
           (unsigned long long)app_cost_total(APP_COST_FRONTEND),
           (unsigned long long)app_cost_total(APP_COST_MODEL), app_cost_unit(),
           (unsigned long)app_cost_count(APP_COST_MODEL));
}

/*
 * opset_check.c — load and run one model in a build with an operator
 * selection (tests/cli/test_opset.py links the selection's table objects
 * ahead of libmote.a). Prints one line:
 *
 *   load=<status> session=<status> invoke=<status> arena=<bytes> out0=<output 0, hex>
 *   text=<error>
 *
 * (statuses as numbers, include/mote/status.h).
 *
 * usage: opset_check MODEL [IN.bin]
 * The input is IN.bin when given (its bytes into input 0), else zeros.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/mote.h"

static unsigned char arena[512 * 1024] __attribute__((aligned(MOTE_ARENA_ALIGN)));
static mote_model model;
static mote_session session;

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long n;
    if (f == NULL) return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    buf = malloc((size_t)n + 1u);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

int main(int argc, char **argv)
{
    size_t len = 0, in_len = 0, k;
    unsigned char *bytes, *in = NULL;
    mote_status load, sess = MOTE_E_STATE, inv = MOTE_E_STATE;
    const char *text;
    if (argc < 2 || (bytes = slurp(argv[1], &len)) == NULL) {
        fprintf(stderr, "usage: opset_check MODEL [IN.bin]\n");
        return 2;
    }
    if (argc > 2 && (in = slurp(argv[2], &in_len)) == NULL) return 2;
    load = mote_model_init(&model, bytes, len);
    text = model.error.text;
    if (load == MOTE_OK) {
        sess = mote_session_init(&session, &model, arena, sizeof arena);
        text = session.error.text;
    }
    if (sess == MOTE_OK) {
        mote_tensor *t = mote_input(&session, 0);
        memset(t->data, 0, t->bytes);
        if (in != NULL) memcpy(t->data, in, in_len < t->bytes ? in_len : t->bytes);
        inv = mote_invoke(&session);
    }
    printf("load=%d session=%d invoke=%d arena=%lu out0=", (int)load, (int)sess, (int)inv,
           (unsigned long)mote_model_arena_size(&model));
    if (inv == MOTE_OK) {
        const mote_tensor *o = mote_output(&session, 0);
        for (k = 0; k < o->bytes; k++)
            printf("%02x", ((const unsigned char *)o->data)[k]);
    }
    printf(" text=%s\n", text);
    free(bytes);
    free(in);
    return 0;
}

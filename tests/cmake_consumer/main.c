/* Loads a model through mote built with add_subdirectory() and prints its
 * arena size: proves the CMake packaging links and runs. */
#include <stdio.h>
#include <stdlib.h>

#include "mote/mote.h"

int main(int argc, char **argv)
{
    static mote_model model;
    static unsigned char bytes[1 << 20];
    size_t len;
    FILE *f;
    mote_status s;
    if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) return 2;
    len = fread(bytes, 1, sizeof bytes, f);
    fclose(f);
    s = mote_model_init(&model, bytes, len);
    if (s != MOTE_OK) {
        printf("error: %s\n", model.error.text);
        return 1;
    }
    printf("arena_bytes=%lu\n", (unsigned long)mote_model_arena_size(&model));
    return 0;
}

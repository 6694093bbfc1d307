/*
 * _shim.c — the few facts the Python package (mote/_lib.py) cannot read
 * from the headers through ctypes: struct sizes and where the error texts
 * are. Compiled into libmote.so together with the runtime's own sources
 * (src/) and the host tool's (tools/mote/, for inspect()).
 */
#include <stddef.h>
#include <stdio.h>

#include "mote/mote.h"

size_t mote_py_model_size(void);
size_t mote_py_session_size(void);
size_t mote_py_tensor_size(void);
size_t mote_py_max_rank(void);
size_t mote_py_arena_align(void);
const char *mote_py_model_error(const mote_model *m);
const char *mote_py_session_error(const mote_session *s);
int mote_py_flush(void);

size_t mote_py_model_size(void) { return sizeof(mote_model); }
size_t mote_py_session_size(void) { return sizeof(mote_session); }
size_t mote_py_tensor_size(void) { return sizeof(mote_tensor); }
size_t mote_py_max_rank(void) { return MOTE_MAX_RANK; }
size_t mote_py_arena_align(void) { return MOTE_ARENA_ALIGN; }
const char *mote_py_model_error(const mote_model *m) { return m->error.text; }
const char *mote_py_session_error(const mote_session *s) { return s->error.text; }
int mote_py_flush(void) { return fflush(NULL); }

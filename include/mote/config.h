/*
 * mote/config.h — every compile-time option of the runtime, in one place.
 *
 * Override any of these with -D on the compiler command line (or a port's
 * build flags). Each limit bounds a fixed-size array; nothing here grows at
 * run time, because the runtime never allocates.
 */
#ifndef MOTE_CONFIG_H
#define MOTE_CONFIG_H

/* Largest tensor rank the runtime accepts. TFLite models of the operators
 * mote runs use rank <= 4; 6 leaves room for RESHAPE intermediates. */
#ifndef MOTE_MAX_RANK
#define MOTE_MAX_RANK 6
#endif

/* Largest number of tensors / operators in one model. The planner in
 * mote_model_init() and mote_session_init() keeps a 16-byte record per
 * tensor on the stack, so 16 * MOTE_MAX_TENSORS bytes (4 KB at the default)
 * is the transient stack cost of loading a model. */
#ifndef MOTE_MAX_TENSORS
#define MOTE_MAX_TENSORS 256
#endif
#ifndef MOTE_MAX_OPS
#define MOTE_MAX_OPS 256
#endif

/* Subgraphs: at most MOTE_MAX_SUBGRAPHS in a model whose entry runs
 * control flow (IF, WHILE, CALL_ONCE), nested at most
 * MOTE_MAX_SUBGRAPH_DEPTH calls deep (the interpreter keeps a 12-byte
 * frame per level on the stack; deeper or recursive call graphs are
 * refused at load). */
#ifndef MOTE_MAX_SUBGRAPHS
#define MOTE_MAX_SUBGRAPHS 16
#endif
#ifndef MOTE_MAX_SUBGRAPH_DEPTH
#define MOTE_MAX_SUBGRAPH_DEPTH 4
#endif

/* Largest number of inputs / outputs of one operator. The interpreter
 * keeps one pointer per operand on the stack while a step runs. */
#ifndef MOTE_MAX_OP_INPUTS
#define MOTE_MAX_OP_INPUTS 24
#endif
#ifndef MOTE_MAX_OP_OUTPUTS
#define MOTE_MAX_OP_OUTPUTS 8
#endif

/* Largest number of model inputs / outputs; each costs one mote_tensor in
 * mote_session. */
#ifndef MOTE_MAX_IO
#define MOTE_MAX_IO 4
#endif

/* Alignment, in bytes, of the arena passed to mote_session_init() and of
 * every tensor placed in it. 16 suits Helium and the host's vector units. */
#ifndef MOTE_ARENA_ALIGN
#define MOTE_ARENA_ALIGN 16
#endif

/* Size of the human-readable error detail kept in mote_model. Define
 * MOTE_NO_STRINGS to compile every message out (status codes remain). */
#ifdef MOTE_NO_STRINGS
#define MOTE_DETAIL_MAX 1
#else
#ifndef MOTE_DETAIL_MAX
#define MOTE_DETAIL_MAX 200
#endif
#endif

/* Internal invariants: live in test and sanitizer builds (MOTE_DEBUG), empty
 * in release. Untrusted bytes never reach an assert: they get a status. */
#ifdef MOTE_DEBUG
#include <assert.h>
#define MOTE_ASSERT(x) assert(x)
#else
#define MOTE_ASSERT(x) ((void)0)
#endif

#if MOTE_MAX_TENSORS > 32767 || MOTE_MAX_OPS > 32767
#error "steps keep tensor and operator indices in 16 bits"
#endif

#if MOTE_MAX_RANK < 4
#error "MOTE_MAX_RANK must be at least 4"
#endif

#endif /* MOTE_CONFIG_H */

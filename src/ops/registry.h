/*
 * registry.h — what tools, benchmarks and firmware ask of the operator
 * table without lowering anything.
 */
#ifndef MOTE_OPS_REGISTRY_H
#define MOTE_OPS_REGISTRY_H

#include <stdint.h>
#include "mote/graph.h"

/* Multiply-accumulates operator op_index of g performs in one inference,
 * as its op file counts them (CONV_2D: out_elements * kh * kw * in_c;
 * DEPTHWISE_CONV_2D: out_elements * kh * kw; FULLY_CONNECTED:
 * out_elements * depth; element-wise, pooling and shape operators 0, as
 * the published MLPerf Tiny figures count). 0 for a bad index or an
 * operator mote does not run; saturates at UINT64_MAX rather than wrap on
 * an absurd (hostile) shape. Never fails, never allocates. */
uint64_t mote_op_macs(const mote_graph *g, uint32_t op_index);

#endif /* MOTE_OPS_REGISTRY_H */

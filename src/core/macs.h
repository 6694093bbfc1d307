/*
 * macs.h — multiply-accumulate counts per operator, for reports and benchmarks.
 *
 * Shared by the host CLI, the benchmark drivers and firmware, so every MAC
 * figure mote prints comes from one definition.
 */
#ifndef MOTE_CORE_MACS_H
#define MOTE_CORE_MACS_H

#include <stdint.h>
#include "mote/graph.h"

/* Multiply-accumulates operator op_index of g performs in one inference.
 *
 *   CONV_2D            out_elements * kh * kw * in_c   (filter [out_c,kh,kw,in_c])
 *   DEPTHWISE_CONV_2D  out_elements * kh * kw          (filter [1,kh,kw,out_c])
 *   FULLY_CONNECTED    out_elements * depth            (weights [out_c,depth];
 *                                                       out_elements = batches*out_c)
 *   everything else    0
 *
 * ADD, AVERAGE_POOL_2D and MAX_POOL_2D count 0: they add or compare but do
 * not multiply-accumulate, and the published MLPerf Tiny figures (e.g. 2.66 M
 * for the KWS DS-CNN) leave them out too. RESHAPE and SOFTMAX count 0.
 *
 * g must be a graph the reader accepted. Returns 0 for a bad op_index, an
 * omitted or malformed weight operand, and saturates at UINT64_MAX rather
 * than wrap on an absurd (hostile) shape. Never fails, never allocates. */
uint64_t mote_op_macs(const mote_graph *g, uint32_t op_index);

#endif /* MOTE_CORE_MACS_H */

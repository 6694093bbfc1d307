/*
 * order_select.c — whether this build links the execution-order search
 * (core/order.h, order.c).
 *
 * The full build does. A build with an operator selection (MOTE_OPSET,
 * kernels/kernel_table.h; this file is compiled with it, like
 * band_select.c) links it only when the selection says the search reorders
 * a model of it (MOTE_OPSET_ORDER, which `mote ops --for` writes when
 * loading one of its models keeps another order than the model's: the
 * choice depends on the graph and the core's kernel rows). Otherwise
 * mote_order_search is NULL and loading keeps the model's order, which is
 * what those models get anyway.
 */
#include "core/order.h"

#include "kernels/kernel_table.h"

#if !defined(MOTE_OPSET) || defined(MOTE_OPSET_ORDER)
const mote_order_choose_fn mote_order_search = mote_order_choose;
#else
const mote_order_choose_fn mote_order_search = NULL;
#endif

/* trace_demo_b: trace_demo with one message changed (RS_LOOKUP instead of
 * RS_STATUS), for the tracer's diff test.  The test boots it under the
 * module name trace_demo so labels, privileges and pairs are the same. */
#define TRACE_DEMO_VARIANT 1
#include "trace_demo.c"

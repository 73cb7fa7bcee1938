#!/bin/sh
# fuzz_test.sh: bounded libFuzzer run of the decoder (make test).
S=${FUZZ_SECONDS:-20}
if ! make -s build/tracer/fuzz-decoder >/dev/null 2>&1; then echo "ok - tracer/fuzz # SKIP no fuzzer"; exit 0; fi
mkdir -p build/tracer/fuzz-corpus
if build/tracer/fuzz-decoder -max_total_time=$S -max_len=65536 build/tracer/fuzz-corpus >build/tracer/fuzz.log 2>&1
then echo "ok - tracer/fuzz"; else echo "not ok - tracer/fuzz: crash, see build/tracer/fuzz.log"; exit 1; fi

#!/bin/sh
# fuzz_test.sh: bounded libFuzzer runs of the decoder (make test): dumps and
# streams (fuzz_decoder.c), and the live ring reader (fuzz_live.c).  B is the
# build directory (make passes its B= through the environment).  The corpus
# is seeded with small generated traces in both ring layouts (format v3
# ring pages, v2 contiguous) so the run starts from valid control pages and
# records: byte 0 of an input picks the harness path (fuzz_decoder.c).
# clang is a dependency (image/deps.sh): a fuzzer that does not build is a
# failure, with the compiler's last lines, never a skip.
. tests/host/results.sh
S=${FUZZ_SECONDS:-20}; B=${B:-build}; T=$B/tracer/lantern-trace; C=$B/tracer/fuzz-corpus
r_plan tracer 2
if ! make -s B=$B $B/tracer/fuzz-decoder >$B/tracer/fuzz-build.log 2>&1; then
  r_not_ok fuzz "the fuzzer does not build, see $B/tracer/fuzz-build.log"
  tail -5 $B/tracer/fuzz-build.log | sed 's/^/#   | /'; exit
fi
mkdir -p $C
if [ -x $T ] && [ ! -f $C/seed-v3-stream ]; then
  D=$(mktemp -d)
  # stream path (bit 0): a v3 and a v2 stream, torn records included
  $T gen --stream $D/s3 -n 300 --nrec 600 --torn 2 --drain 100 >/dev/null 2>&1 &&
    { printf '\001'; cat $D/s3; } > $C/seed-v3-stream
  $T gen --stream $D/s2 -n 300 --nrec 512 --page-recs 0 --drain 100 >/dev/null 2>&1 &&
    { printf '\001'; cat $D/s2; } > $C/seed-v2-stream
  # dump path: the harness's own v3 ring (bit 4 clear) with valid seqs (bit 3)
  # and stream bytes as payload from the first ring page on (v3: over the
  # page header, which must never be decoded, into the records); the same
  # for the v2 layout (bit 4: 16 contiguous records)
  { printf '\010'; tail -c 8192 $D/s3 | head -c 5120; } > $C/seed-v3-dump
  { printf '\030'; tail -c 2048 $D/s2 | head -c 1024; } > $C/seed-v2-dump
  rm -rf $D
fi
if $B/tracer/fuzz-decoder -max_total_time=$S -max_len=65536 $C >$B/tracer/fuzz.log 2>&1
then r_ok fuzz; else r_not_ok fuzz "crash, see $B/tracer/fuzz.log"; fi
# The live path (fuzz_live.c): a ring changed under the reader, between and
# during polls; an empty corpus is enough, the script bytes are the input.
L=${FUZZ_LIVE_SECONDS:-10}; CL=$B/tracer/fuzz-live-corpus
mkdir -p $CL
if ! make -s B=$B $B/tracer/fuzz-live >$B/tracer/fuzz-live-build.log 2>&1; then
  r_not_ok fuzz-live "the live-ring fuzzer does not build, see $B/tracer/fuzz-live-build.log"
elif $B/tracer/fuzz-live -max_total_time=$L -max_len=4096 -artifact_prefix=$B/tracer/ $CL >$B/tracer/fuzz-live.log 2>&1
then r_ok fuzz-live; else r_not_ok fuzz-live "crash or broken promise, see $B/tracer/fuzz-live.log"; fi

#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every test through ctest; then
# again under AddressSanitizer and UBSan, built with clang in build-sanitize/ together with the
# libFuzzer targets, whose short runs (6 s each, from the committed seed corpus) are part of
# that pass. ACM_TEST_SANITIZE=0 skips the second pass.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
(cd "${ACM_BUILD_DIR:-build}" && ctest --output-on-failure -j "$(nproc)")
if [ "${ACM_TEST_SANITIZE:-1}" != 0 ]; then
  echo "== the suite again under ASan+UBSan, and the fuzz targets"
  CXX=clang++ ACM_BUILD_DIR=${ACM_SANITIZE_BUILD_DIR:-build-sanitize} scripts/build.sh -DACM_SANITIZE=ON -DACM_FUZZ=ON
  cd "${ACM_SANITIZE_BUILD_DIR:-build-sanitize}"
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
    ctest --output-on-failure -j "$(nproc)"
fi

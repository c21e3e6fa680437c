# SPDX-License-Identifier: GPL-2.0-or-later
# ASan+UBSan for the whole build: every reader of untrusted bytes runs under them in CI.
if(IOTGUARD_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
if(IOTGUARD_BUILD_FUZZERS)
  # Library code is instrumented for coverage; only the fuzz targets link libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

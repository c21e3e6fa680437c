// SPDX-License-Identifier: GPL-2.0-or-later
// The corpus's default sample: prints one line and exits. Harmless by design;
// the corpus test only reads the compiled files, it never runs them.
#include <stdio.h>

int main(void) {
  puts("hello from the IoTGuard corpus");
  return 0;
}

// SPDX-License-Identifier: GPL-2.0-or-later
// A harmless multi-call utility in the manner of busybox, cross-compiled
// statically by bench/scan_vs_peers.sh so the benchmark corpus holds
// firmware-like binaries for IoT architectures. It only reads stdin or
// named files and writes stdout.
#include <ctype.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int cmp_lines(const void* a, const void* b) {
  return strcmp(*(const char* const*)a, *(const char* const*)b);
}

static int do_cat(int argc, char** argv) {
  char buf[4096];
  for (int i = 1; i < argc; ++i) {
    FILE* f = fopen(argv[i], "rb");
    if (!f) {
      perror(argv[i]);
      continue;
    }
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, n, stdout);
    fclose(f);
  }
  return 0;
}

static int do_wc(void) {
  long lines = 0, words = 0, bytes = 0;
  int c, in_word = 0;
  while ((c = getchar()) != EOF) {
    ++bytes;
    if (c == '\n') ++lines;
    if (isspace(c))
      in_word = 0;
    else if (!in_word)
      in_word = 1, ++words;
  }
  printf("%ld %ld %ld\n", lines, words, bytes);
  return 0;
}

static int do_sort(void) {
  size_t cap = 256, n = 0;
  char** v = malloc(cap * sizeof *v);
  char line[1024];
  while (v && fgets(line, sizeof line, stdin)) {
    if (n == cap) {
      char** nv = realloc(v, (cap *= 2) * sizeof *v);
      if (!nv) break;
      v = nv;
    }
    v[n++] = strdup(line);
  }
  if (!v) return 1;
  qsort(v, n, sizeof *v, cmp_lines);
  for (size_t i = 0; i < n; ++i) fputs(v[i], stdout), free(v[i]);
  free(v);
  return 0;
}

static int do_date(void) {
  char out[64];
  time_t t = time(NULL);
  strftime(out, sizeof out, "%a %b %e %H:%M:%S %Z %Y", localtime(&t));
  puts(out);
  return 0;
}

int main(int argc, char** argv) {
  const char* name = basename(argv[0]);
  if (strcmp(name, "toybox") == 0 && argc > 1) ++argv, --argc, name = argv[0];
  if (strcmp(name, "cat") == 0) return do_cat(argc, argv);
  if (strcmp(name, "wc") == 0) return do_wc();
  if (strcmp(name, "sort") == 0) return do_sort();
  if (strcmp(name, "date") == 0) return do_date();
  if (strcmp(name, "echo") == 0) {
    for (int i = 1; i < argc; ++i) printf("%s%s", argv[i], i + 1 < argc ? " " : "");
    putchar('\n');
    return 0;
  }
  fprintf(stderr, "toybox: applets: cat echo wc sort date\n");
  return 1;
}

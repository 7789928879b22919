/* diag: the problems found in input files, each "FILE:LINE: message".
 * Loaders add to a diag instead of printing, so the command line prints them
 * to stderr and a full-screen program can show them after leaving curses. */
#ifndef ENKAT_DIAG_H
#define ENKAT_DIAG_H

#include <stddef.h>
#include <stdio.h>

struct diag_entry {
	char *file;   /* owned */
	long line;    /* 0: the problem concerns the file as a whole */
	char *message; /* owned */
};

/* Zero-initialise; release with diag_free. */
struct diag {
	struct diag_entry *entries;
	size_t count;
	size_t cap;
};

/* Records a problem; file and the formatted message are copied. */
void diag_add(struct diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Sorts entries from index `from` on by line, keeping the order of equal
 * lines, so one file's messages read top to bottom however the checks that
 * found them were ordered. */
void diag_sort_lines(struct diag *d, size_t from);
/* Prints "FILE:LINE: message" (or "FILE: message" when line is 0), one a
 * line, with control characters made visible (text_visible). */
void diag_print(const struct diag *d, FILE *out);
/* Formats entry i the way diag_print does; the caller frees the string. */
char *diag_format(const struct diag *d, size_t i);
void diag_clear(struct diag *d);
void diag_free(struct diag *d);

#endif

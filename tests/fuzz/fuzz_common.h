/* Shared by the libFuzzer targets: a failed oracle check aborts with a
 * message (libFuzzer then saves the input as a crash), and a small PRNG
 * seeded from the input makes every choice a target makes reproducible. */
#ifndef ENKAT_FUZZ_COMMON_H
#define ENKAT_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"

#define FUZZ_CHECK(cond, ...)                                                  \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, \
				__LINE__, #cond);                              \
			fprintf(stderr, __VA_ARGS__);                          \
			fputc('\n', stderr);                                   \
			abort();                                               \
		}                                                              \
	} while (0)

/* FNV-1a of the input: the seed of the choices made for it. */
static inline uint64_t fuzz_seed(const uint8_t *data, size_t size)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 1099511628211ull;
	return h | 1;
}

/* xorshift64 */
static inline uint64_t fuzz_next(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *state = x;
}

/* Every message formatted (exercises diag_format) and dropped. */
/* Every message names a line inside the input (or 0, the file as a
 * whole). */
static inline void fuzz_check_lines(const uint8_t *data, size_t size,
				    const struct diag *d)
{
	long lines = 1;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	for (size_t i = 0; i < d->count; i++)
		FUZZ_CHECK(d->entries[i].line >= 0 && d->entries[i].line <= lines,
			   "message for line %ld of a %ld-line file: %s",
			   d->entries[i].line, lines, d->entries[i].message);
}

static inline void fuzz_diag_drain(struct diag *d)
{
	for (size_t i = 0; i < d->count; i++)
		free(diag_format(d, i));
	diag_free(d);
}

/* Prints what the reader said before an oracle check fails. */
static inline void fuzz_diag_show(const struct diag *d)
{
	diag_print(d, stderr);
}

#endif

/* numfmt: numbers in files are always C-locale decimals ("2.5"), whatever
 * the user's locale: after setlocale(LC_ALL, "") under sv_SE, printf gives
 * "2,50" and strtod("2.5") returns 2. */
#ifndef ENKAT_NUMFMT_H
#define ENKAT_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>

#define NUMFMT_SIZE 32

/* Parses the whole of s (no surrounding space, no trailing text) as a finite
 * C-locale decimal. Returns false, leaving *out alone, otherwise: also for
 * a number too large for a double (1e999) and for one too close to 0 to be
 * held with full precision (1e-320, a subnormal, or 1e-999), which no file
 * of enkat ever holds. */
bool num_parse(const char *s, double *out);

/* Why num_parse refuses s, so that a message can say what is wrong. */
enum num_status {
	NUM_OK,
	NUM_INVALID,    /* not a decimal number at all ("0,75", "nan", "0x10") */
	NUM_TOO_LARGE,  /* a decimal number beyond the range of a double */
	NUM_TOO_SMALL,  /* a decimal number other than 0 that underflows */
};
/* As num_parse, but says why. With NUM_OK, *out is the number; with
 * NUM_TOO_LARGE and NUM_TOO_SMALL, *out is strtod's result (+-inf, or +-0
 * or a subnormal), whose sign tells which way; otherwise *out is left alone. */
enum num_status num_parse_status(const char *s, double *out);
/* Parses the whole of s as a decimal integer within [min, max]. */
bool num_parse_int(const char *s, long min, long max, long *out);
/* Writes v to buf (at least NUMFMT_SIZE bytes) in the shortest C-locale form
 * that reads back as the same double ("2", "0.5", "12.25"). Returns buf. */
char *num_format(char *buf, double v);
/* Writes v with exactly `decimals` digits after the point (0..9). */
char *num_format_fixed(char *buf, double v, int decimals);

#endif

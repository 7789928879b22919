/* numfmt: numbers in files are always C-locale decimals ("2.5"), whatever
 * the user's locale: after setlocale(LC_ALL, "") under sv_SE, printf gives
 * "2,50" and strtod("2.5") returns 2. */
#ifndef ENKAT_NUMFMT_H
#define ENKAT_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>

#define NUMFMT_SIZE 32

/* Parses the whole of s (no surrounding space, no trailing text) as a finite
 * C-locale decimal. Returns false, leaving *out alone, otherwise. */
bool num_parse(const char *s, double *out);
/* Parses the whole of s as a decimal integer within [min, max]. */
bool num_parse_int(const char *s, long min, long max, long *out);
/* Writes v to buf (at least NUMFMT_SIZE bytes) in the shortest C-locale form
 * that reads back as the same double ("2", "0.5", "12.25"). Returns buf. */
char *num_format(char *buf, double v);
/* Writes v with exactly `decimals` digits after the point (0..9). */
char *num_format_fixed(char *buf, double v, int decimals);

#endif

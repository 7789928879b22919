#include "numfmt.h"

#include <errno.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static locale_t c_locale(void)
{
	static locale_t loc;

	if (!loc) {
		loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
		if (!loc)
			fatal("cannot create the C locale");
	}
	return loc;
}

enum num_status num_parse_status(const char *s, double *out)
{
	char *end;
	double v;

	/* strtod accepts leading space, hex, "inf" and "nan": files must not */
	if (!s || !*s || !((*s >= '0' && *s <= '9') || *s == '-' || *s == '+' || *s == '.'))
		return NUM_INVALID;
	for (const char *p = s; *p; p++)
		if (*p == 'x' || *p == 'X' || *p == 'n' || *p == 'N' || *p == 'i' || *p == 'I')
			return NUM_INVALID;
	errno = 0;
	v = strtod_l(s, &end, c_locale());
	if (*end || end == s)
		return NUM_INVALID;
	if (isinf(v)) {
		*out = v;
		return NUM_TOO_LARGE;
	}
	/* an underflow to 0 sets ERANGE; a subnormal is refused by its value,
	 * whether or not the C library sets ERANGE for it */
	if (fabs(v) < DBL_MIN && (v != 0 || errno == ERANGE)) {
		*out = v;
		return NUM_TOO_SMALL;
	}
	if (errno == ERANGE || !isfinite(v))
		return NUM_INVALID;
	*out = v;
	return NUM_OK;
}

bool num_parse(const char *s, double *out)
{
	double v;

	if (num_parse_status(s, &v) != NUM_OK)
		return false;
	*out = v;
	return true;
}

bool num_parse_int(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s || !((*s >= '0' && *s <= '9') || *s == '-' || *s == '+'))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno == ERANGE || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static char *format_in_c(char *buf, const char *fmt, int prec, double v)
{
	locale_t old = uselocale(c_locale());
	snprintf(buf, NUMFMT_SIZE, fmt, prec, v);
	uselocale(old);
	return buf;
}

char *num_format(char *buf, double v)
{
	if (v == 0)
		v = 0; /* no "-0" */
	/* the shortest form that reads back, but 10 as "10", not "1e+01":
	 * people and spreadsheets read these numbers too */
	bool plain_only = fabs(v) < 1e15 && (v == 0 || fabs(v) >= 1e-4);

	for (int prec = 1; prec <= 17; prec++) {
		double back;
		format_in_c(buf, "%.*g", prec, v);
		if (plain_only && strchr(buf, 'e'))
			continue;
		if (num_parse(buf, &back) && back == v)
			break;
	}
	return buf;
}

char *num_format_fixed(char *buf, double v, int decimals)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	format_in_c(buf, "%.*f", decimals, v);
	if (buf[0] == '-') { /* "-0.0" reads as a sign error to people */
		double back;
		if (num_parse(buf, &back) && back == 0)
			format_in_c(buf, "%.*f", decimals, 0.0);
	}
	return buf;
}

/* num_parse_status: why a number in a file is refused, so that a message
 * can say "too small" for 1e-320 rather than "not a number". */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"

static void expect_status(const char *s, enum num_status want)
{
	double v = 42, w = 42;
	enum num_status got = num_parse_status(s, &v);

	if (got != want)
		fail_msg("'%s': status %d, wanted %d", s, got, want);
	/* num_parse accepts exactly what num_parse_status calls NUM_OK */
	assert_int_equal(num_parse(s, &w), want == NUM_OK);
	if (want != NUM_OK)
		assert_true(w == 42); /* left alone */
	if (want == NUM_INVALID)
		assert_true(v == 42);
}

static void test_ok(void **state)
{
	double v;

	(void)state;
	expect_status("0", NUM_OK);
	expect_status("-0", NUM_OK);
	expect_status("0e-999", NUM_OK); /* exactly 0: nothing lost */
	expect_status("2.5", NUM_OK);
	expect_status("+2.5", NUM_OK);
	expect_status(".5", NUM_OK);
	expect_status("1e15", NUM_OK);
	expect_status("1e308", NUM_OK);
	expect_status("-1e-300", NUM_OK);
	/* the smallest normal double, written to 17 digits, is still one */
	expect_status("2.2250738585072014e-308", NUM_OK);
	assert_true(num_parse_status("2.2250738585072014e-308", &v) == NUM_OK);
	assert_true(v == DBL_MIN);
}

static void test_invalid(void **state)
{
	static const char *const bad[] = {
		"", " 1", "1 ", "0,75", "nan", "NaN", "inf", "-inf", "infinity",
		"0x10", "1e", ".", "-", "+", "1..2", "1e5x", "e5", "ett",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_status(bad[i], NUM_INVALID);
	assert_int_equal(num_parse_status(NULL, NULL), NUM_INVALID);
}

static void test_too_large(void **state)
{
	double v = 0;

	(void)state;
	expect_status("1e999", NUM_TOO_LARGE);
	expect_status("1.8e308", NUM_TOO_LARGE);
	assert_int_equal(num_parse_status("-1e999", &v), NUM_TOO_LARGE);
	assert_true(isinf(v) && v < 0); /* the sign says which way */
}

static void test_too_small(void **state)
{
	double v = 1;

	(void)state;
	expect_status("1e-320", NUM_TOO_SMALL);     /* a subnormal */
	expect_status("4.9e-324", NUM_TOO_SMALL);   /* the smallest subnormal */
	expect_status("2.225073858507201e-308", NUM_TOO_SMALL); /* just below DBL_MIN */
	expect_status("1e-999", NUM_TOO_SMALL);     /* underflows to 0 */
	assert_int_equal(num_parse_status("-1e-999", &v), NUM_TOO_SMALL);
	assert_true(v == 0 && signbit(v));
	assert_int_equal(num_parse_status("-1e-320", &v), NUM_TOO_SMALL);
	assert_true(v < 0);
}

/* The same in a locale with a decimal comma: files are C-locale. */
static void test_swedish_locale(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "sv_SE.UTF-8"))
		skip();
	expect_status("2.5", NUM_OK);
	expect_status("2,5", NUM_INVALID);
	expect_status("1e-320", NUM_TOO_SMALL);
	setlocale(LC_ALL, "C");
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ok),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_swedish_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* UTF-8, display widths, slugs, numbers in the C locale. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "text.h"

static void test_utf8_validation(void **state)
{
	(void)state;
	assert_int_equal(utf8_invalid_at("åäö ÅÄÖ", strlen("åäö ÅÄÖ")), strlen("åäö ÅÄÖ"));
	assert_int_equal(utf8_invalid_at("ab\xe5" "c", 4), 2);        /* Latin-1 å */
	assert_int_equal(utf8_invalid_at("\xc0\xaf", 2), 0);          /* overlong / */
	assert_int_equal(utf8_invalid_at("\xed\xa0\x80", 3), 0);      /* surrogate */
	assert_int_equal(utf8_invalid_at("\xf4\x90\x80\x80", 4), 0);  /* > U+10FFFF */
	assert_int_equal(utf8_invalid_at("x\xc3", 2), 1);             /* cut short */
	assert_int_equal(utf8_invalid_at("😀", 4), 4);
}

static void test_display_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("Förvaltning"), 11);
	assert_int_equal(text_width("e\xcc\x81"), 1); /* e + combining acute */
	assert_int_equal(text_width("日本"), 4);
	assert_int_equal(text_width(""), 0);
}

static void test_slug(void **state)
{
	char *s;

	(void)state;
	s = text_slug("Stadsbyggnadsförvaltningen Östra Älvsborg");
	assert_string_equal(s, "stadsbyggnadsforvaltningen-ostra-alvsborg");
	free(s);
	s = text_slug("--__--");
	assert_string_equal(s, "__");
	free(s);
	s = text_slug("\x1b]0;pwned\x07");
	assert_string_equal(s, "0-pwned");
	free(s);
}

/* NFC: a name typed on a Mac (NFD) and on Windows (NFC) is one name */
static void test_nfc(void **state)
{
	char *s;

	(void)state;
	s = text_nfc("Mo\xcc\x88lndal"); /* o + U+0308 */
	assert_string_equal(s, "Mölndal");
	free(s);
	s = text_nfc("Mölndal");
	assert_string_equal(s, "Mölndal");
	free(s);
	s = text_nfc("");
	assert_string_equal(s, "");
	free(s);
	/* invalid UTF-8 is kept as it is, never lost */
	s = text_nfc("a\xff");
	assert_string_equal(s, "a\xff");
	free(s);
	assert_true(text_is_nfc("Älvsborg"));
	assert_false(text_is_nfc("A\xcc\x88lvsborg"));
	assert_true(text_is_ignorable(0x200B));
	assert_true(text_is_ignorable(0xAD));
	assert_false(text_is_ignorable('a'));
	assert_false(text_is_ignorable(0xE5));
}

/* One department, many spellings: case, spaces, NFC/NFD, zero-width */
static void test_slug_same_name(void **state)
{
	static const char *const kultur[] = {
		"Kultur", "KULTUR", "Kultur ", " kultur", "Kul\xe2\x80\x8btur",
		"Kultur\xc2\xad", "\xef\xbb\xbfKultur",
	};
	char *s;

	(void)state;
	for (size_t i = 0; i < sizeof kultur / sizeof kultur[0]; i++) {
		s = text_slug(kultur[i]);
		assert_string_equal(s, "kultur");
		free(s);
	}
	s = text_slug("Mo\xcc\x88lndal o\xcc\x88st");
	assert_string_equal(s, "molndal-ost");
	free(s);
	/* a mark NFC cannot compose adds no dash */
	s = text_slug("q\xcc\x81x");
	assert_string_equal(s, "qx");
	free(s);
	assert_true(text_same_name("Miljö", "Miljo")); /* one file name: one department */
	assert_true(text_same_name("Mo\xcc\x88lndal", "MÖLNDAL"));
	assert_false(text_same_name("Kultur", "Kultur 2"));
}

static void test_ids(void **state)
{
	(void)state;
	assert_true(text_is_id("org_1-a", 40));
	assert_false(text_is_id("", 40));
	assert_false(text_is_id("-lead", 40));
	assert_false(text_is_id("_lead", 40));
	assert_false(text_is_id("å", 40));
	assert_false(text_is_id("a b", 40));
	assert_false(text_is_id("abcdef", 5));
}

static void test_numbers_in_c_locale(void **state)
{
	char buf[NUMFMT_SIZE];
	double v;
	long n;

	(void)state;
	assert_true(num_parse("2.5", &v));
	assert_float_equal(v, 2.5, 0);
	assert_false(num_parse("2,5", &v));
	assert_false(num_parse(" 2", &v));
	assert_false(num_parse("2 ", &v));
	assert_false(num_parse("nan", &v));
	assert_false(num_parse("inf", &v));
	assert_false(num_parse("0x10", &v));
	assert_false(num_parse("", &v));
	assert_false(num_parse("1e999", &v));
	assert_string_equal(num_format(buf, 0.75), "0.75");
	assert_string_equal(num_format(buf, 2), "2");
	assert_string_equal(num_format(buf, 10), "10");
	assert_string_equal(num_format(buf, 100), "100");
	assert_string_equal(num_format(buf, 2026), "2026");
	assert_string_equal(num_format(buf, 1500000), "1500000");
	assert_string_equal(num_format(buf, 0.0001), "0.0001");
	assert_string_equal(num_format(buf, 1e20), "1e+20");
	assert_string_equal(num_format(buf, 1.0 / 3), "0.3333333333333333");
	assert_string_equal(num_format(buf, -0.0), "0");
	assert_string_equal(num_format_fixed(buf, 62.55, 1), "62.5");
	assert_string_equal(num_format_fixed(buf, -0.01, 1), "0.0");
	assert_true(num_parse_int("2026", 1, 999999, &n));
	assert_int_equal(n, 2026);
	assert_false(num_parse_int("2026.0", 1, 999999, &n));
	assert_false(num_parse_int("0", 1, 9, &n));
}

static void test_numbers_under_swedish_locale(void **state)
{
	char buf[NUMFMT_SIZE];
	double v;

	(void)state;
	if (!setlocale(LC_ALL, "sv_SE.UTF-8"))
		skip();
	/* what the C library itself does now: the trap numfmt avoids */
	snprintf(buf, sizeof buf, "%.2f", 2.5);
	assert_string_equal(buf, "2,50");
	assert_true(num_parse("2.5", &v));
	assert_float_equal(v, 2.5, 0);
	assert_string_equal(num_format(buf, 2.5), "2.5");
	assert_string_equal(num_format_fixed(buf, 2.5, 2), "2.50");
	setlocale(LC_ALL, "C.UTF-8");
}

static void test_visible_defuses_escapes(void **state)
{
	static const struct { const char *in; bool nl; const char *out; } cases[] = {
		{"Miljö\x1b[2J\x1b]0;pwn\x07", false, "Miljö^[[2J^[]0;pwn^G"},
		{"a\r\nb\nc", true, "a\nb\nc"},
		{"a\r\nb\nc", false, "a^M^Jb^Jc"},
		{"tab\there", false, "tab here"},
		{"csi\xc2\x9b" "31m", false, "csi<U+009B>31m"},
		{"latin1 \xe5", false, "latin1 \\xE5"},
		{"del\x7f", false, "del^?"},
		{"åäö ÅÄÖ 日本", false, "åäö ÅÄÖ 日本"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *v = text_visible(cases[i].in, cases[i].nl);
		assert_string_equal(v, cases[i].out);
		free(v);
	}
}

/* Wraps s at width and joins the lines with '|'. */
static char *wrap_all(const char *s, size_t width)
{
	char *out = calloc(1, strlen(s) * 2 + 2);
	const char *p = s;

	while (p) {
		size_t n;
		const char *next = text_wrap_line(p, width, &n);
		strncat(out, p, n);
		if (next)
			strcat(out, "|");
		p = next;
	}
	return out;
}

static void test_wrap_by_columns(void **state)
{
	static const struct { const char *in; size_t w; const char *out; } cases[] = {
		{"Har förvaltningen en åtgärdsplan?", 16, "Har|förvaltningen en|åtgärdsplan?"},
		{"åäö åäö åäö", 7, "åäö åäö|åäö"},         /* 7 columns, 13 bytes */
		{"ett\ntvå", 40, "ett|två"},
		{"abcdefghij", 4, "abcd|efgh|ij"},       /* a word wider than a line */
		{"日本語の文", 4, "日本|語の|文"},           /* wide characters */
		{"a   b", 1, "a|b"},
		{"", 10, ""},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *w = wrap_all(cases[i].in, cases[i].w);
		assert_string_equal(w, cases[i].out);
		free(w);
	}
	assert_int_equal(text_cut("åäöabc", 4), strlen("åäöa"));
	assert_int_equal(text_cut("日本", 3), strlen("日"));
	assert_int_equal(text_cut("abc", 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_validation),
		cmocka_unit_test(test_display_width),
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_slug_same_name),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_numbers_in_c_locale),
		cmocka_unit_test(test_numbers_under_swedish_locale),
		cmocka_unit_test(test_visible_defuses_escapes),
		cmocka_unit_test(test_wrap_by_columns),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}

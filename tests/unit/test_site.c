/* Unit tests for the site file loader (src/site.c): what a valid file
 * gives, and every diagnostic with its line number. The folders (--check,
 * --setup) and the choice of department by the user's groups are tested
 * through the real binary, as real users, in tests/cli/site.sh (looking a
 * group up loads NSS modules, which valgrind would count as leaks). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "site.h"
#include "util.h"

#define NAME "etc/site.ini"

/* A valid site file, 11 lines. */
static const char BASE[] =
	"[site]\n"                               /* 1 */
	"results = /srv/enkat/2026/\n"           /* 2 */
	"central_group = enkat-central\n"        /* 3 */
	"survey = surveys/kommun.ini\n"          /* 4 */
	"\n"                                     /* 5 */
	"[department.kultur]\n"                  /* 6 */
	"name = Kulturförvaltningen\n"           /* 7 */
	"group = enkat-kultur\n"                 /* 8 */
	"[department.miljo]\n"                   /* 9 */
	"name = Miljöförvaltningen\n"            /* 10 */
	"group = root\n";                        /* 11 */

static struct site *load(const char *text, struct diag *d)
{
	return site_load_buffer(NAME, text, strlen(text), d);
}

/* All messages, one a line, as diag_print would print them. */
static char *messages(const struct diag *d)
{
	struct strbuf sb = {0};

	strbuf_puts(&sb, "");
	for (size_t i = 0; i < d->count; i++) {
		char *m = diag_format(d, i);
		strbuf_printf(&sb, "%s\n", m);
		free(m);
	}
	return strbuf_detach(&sb);
}

/* text[0..len) is refused with exactly the messages want (one a line). */
static void refused_len(const char *text, size_t len, const char *want)
{
	struct diag d = {0};
	struct site *site = site_load_buffer(NAME, text, len, &d);
	char *got = messages(&d);

	if (strcmp(got, want) != 0)
		fprintf(stderr, "input:\n%s\nwant:\n%sgot:\n%s", text, want, got);
	assert_null(site);
	assert_string_equal(got, want);
	free(got);
	diag_free(&d);
}

static void refused(const char *text, const char *want)
{
	refused_len(text, strlen(text), want);
}

/* BASE with line n (1-based) replaced by repl (which ends in '\n', or is
 * "" to drop the line). */
static char *with_line(int n, const char *repl)
{
	struct strbuf sb = {0};
	const char *p = BASE;

	for (int line = 1; *p; line++) {
		const char *end = strchr(p, '\n') + 1;
		if (line == n)
			strbuf_puts(&sb, repl);
		else
			strbuf_add(&sb, p, (size_t)(end - p));
		p = end;
	}
	return strbuf_detach(&sb);
}

static void refused_line(int n, const char *repl, const char *want)
{
	char *text = with_line(n, repl);

	refused(text, want);
	free(text);
}

static void test_valid(void **state)
{
	struct diag d = {0};
	struct site *site = load(BASE, &d);
	char *dir;

	(void)state;
	assert_int_equal(d.count, 0);
	assert_non_null(site);
	assert_string_equal(site->results, "/srv/enkat/2026");
	assert_string_equal(site->central_group, "enkat-central");
	assert_int_equal(site->central_line, 3);
	assert_string_equal(site->survey, "etc/surveys/kommun.ini");
	assert_int_equal(site->n_departments, 2);
	assert_string_equal(site->departments[0].id, "kultur");
	assert_string_equal(site->departments[0].name, "Kulturförvaltningen");
	assert_string_equal(site->departments[0].group, "enkat-kultur");
	assert_int_equal(site->departments[0].line, 6);
	assert_int_equal(site->departments[0].group_line, 8);
	assert_string_equal(site->departments[1].id, "miljo");
	dir = site_department_dir(site, &site->departments[1]);
	assert_string_equal(dir, "/srv/enkat/2026/miljo");
	free(dir);
	assert_ptr_equal(site_find(site, "kultur"), &site->departments[0]);
	assert_ptr_equal(site_find(site, "Miljöförvaltningen"), &site->departments[1]);
	assert_null(site_find(site, "Kultur"));
	assert_null(site_find(site, ""));
	site_free(site);
}

static void test_survey_paths(void **state)
{
	struct diag d = {0};
	char *text = with_line(4, "survey = /opt/s.ini\n");
	struct site *site = load(text, &d);

	(void)state;
	assert_non_null(site);
	assert_string_equal(site->survey, "/opt/s.ini");
	site_free(site);
	free(text);

	/* no key: the bundled survey */
	text = with_line(4, "");
	site = load(text, &d);
	assert_non_null(site);
	assert_null(site->survey);
	site_free(site);
	free(text);

	/* a site file named without a folder: relative to the current one */
	site = site_load_buffer("site.ini", BASE, strlen(BASE), &d);
	assert_non_null(site);
	assert_string_equal(site->survey, "surveys/kommun.ini");
	site_free(site);
	assert_int_equal(d.count, 0);
	diag_free(&d);
}

static void test_whole_file(void **state)
{
	(void)state;
	refused("", NAME ":1: empty file: no site configuration here\n");
	refused(" \n\t\r\n", NAME ":1: empty file: no site configuration here\n");
	refused_len("[site]\nresults = /a\x00\n", 20,
		NAME ":2: NUL byte: this is a binary file, not a site file\n");
	refused("# comment\n[site]\nresults = /a\xe5\n",
		NAME ":3: invalid UTF-8 (save the file as UTF-8)\n");
	refused("[department.a]\nname = A\ngroup = g\n",
		NAME ":1: no [site] section (it gives results and central_group)\n");
	refused("[site]\nresults = /a\ncentral_group = c\n",
		NAME ":1: no [department.ID] section: name at least one department\n");
}

static void test_site_section(void **state)
{
	(void)state;
	refused_line(2, "", NAME ":1: [site]: missing 'results'\n");
	refused_line(2, "results =\n", NAME ":2: 'results' is empty\n");
	refused_line(2, "results = srv/enkat\n", NAME ":2: 'results' must be an absolute "
		     "folder other than / (at most 1024 bytes, no control characters)\n");
	refused_line(2, "results = /\n", NAME ":2: 'results' must be an absolute "
		     "folder other than / (at most 1024 bytes, no control characters)\n");
	refused_line(2, "results = //\n", NAME ":2: 'results' must be an absolute "
		     "folder other than / (at most 1024 bytes, no control characters)\n");
	refused_line(2, "results = /srv/../etc\n", NAME ":2: 'results' may not have "
		     "empty, '.' or '..' components\n");
	refused_line(2, "results = /srv/./x\n", NAME ":2: 'results' may not have "
		     "empty, '.' or '..' components\n");
	refused_line(2, "results = /srv//x\n", NAME ":2: 'results' may not have "
		     "empty, '.' or '..' components\n");
	refused_line(2, "results = /srv/..\n", NAME ":2: 'results' may not have "
		     "empty, '.' or '..' components\n");
	refused_line(2, "results = /srv/\x1b[2J\n", NAME ":2: 'results' must be an absolute "
		     "folder other than / (at most 1024 bytes, no control characters)\n");
	refused_line(3, "", NAME ":1: [site]: missing 'central_group'\n");
	refused_line(3, "central_group = -x\n", NAME ":3: '-x' is not a group name: 1 to "
		     "32 characters from A-Z a-z 0-9 _ . -, not starting with - or .\n");
	refused_line(3, "central_group = a:b\n", NAME ":3: 'a:b' is not a group name: 1 to "
		     "32 characters from A-Z a-z 0-9 _ . -, not starting with - or .\n");
	refused_line(3, "central_group = abcdefghijabcdefghijabcdefghijabc\n",
		     NAME ":3: 'abcdefghijabcdefghijabcdefghijabc' is not a group name: 1 to "
		     "32 characters from A-Z a-z 0-9 _ . -, not starting with - or .\n");
	refused_line(4, "survey =\n", NAME ":4: 'survey' must be a file name (or leave "
		     "the key out for the bundled survey)\n");
	refused_line(4, "round = 2026\n", NAME ":4: unknown key 'round' in [site]\n");
	refused_line(5, "[site]\n", NAME ":5: [site] given twice (first at line 1)\n");
	refused_line(5, "[other]\n", NAME ":5: unknown section [other] (a site file has "
		     "[site] and [department.ID] sections)\n");
	refused("results = /a\n" "[site]\nresults = /a\ncentral_group = c\n"
		"[department.a]\nname = A\ngroup = g\n",
		NAME ":1: 'results' is outside any section (put it under [site])\n");
}

static void test_department_ids(void **state)
{
	const char *bad[] = {"Kultur", "-k", "_k", "kul tur", "kultur.x",
			     "abcdefghijabcdefghijabcdefghijabc"};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *line = xasprintf("[department.%s]\n", bad[i]);
		char *msg = xasprintf(NAME ":6: department id '%s': 1 to 32 characters "
				      "from a-z 0-9 _ -, starting with a letter or digit\n",
				      bad[i]);
		refused_line(6, line, msg);
		free(line);
		free(msg);
	}
	refused_line(6, "[department.]\n", NAME ":6: department id '': 1 to 32 "
		     "characters from a-z 0-9 _ -, starting with a letter or digit\n");
}

static void test_department_keys(void **state)
{
	(void)state;
	refused_line(7, "", NAME ":6: [department.kultur]: missing 'name'\n");
	refused_line(7, "name =\n", NAME ":7: 'name' is empty\n");
	refused_line(7, "name = Kultur\x01\n", NAME ":7: 'name' has a control character\n");
	refused_line(7, "name = Kultur\xc2\x9b" "2J\n",
		     NAME ":7: 'name' has a control character\n");
	refused_line(7, "name = "
		     "ååååååååååååååååååååååååååååååååååååååååååååååååååå"
		     "ååååååååååååååååååååååååååååååååååååååååååååååååååå\n",
		     NAME ":7: 'name' is 102 characters long; at most 100 are allowed\n");
	refused_line(8, "", NAME ":6: [department.kultur]: missing 'group'\n");
	refused_line(8, "group =\n", NAME ":8: 'group' is empty\n");
	refused_line(8, "group = .x\n", NAME ":8: '.x' is not a group name: 1 to 32 "
		     "characters from A-Z a-z 0-9 _ . -, not starting with - or .\n");
	refused_line(8, "group = enkat-kultur\nlead = Åsa\n",
		     NAME ":9: unknown key 'lead' in [department.kultur]\n");
	refused_line(8, "group = enkat-central\n", NAME ":8: group 'enkat-central' is the "
		     "central office's group (line 3): a department needs a group of its "
		     "own\n");
}

static void test_department_twice(void **state)
{
	(void)state;
	refused_line(9, "[department.kultur]\n", NAME ":9: department 'kultur' defined "
		     "twice (first at line 6)\n");
	refused_line(10, "name = Kulturförvaltningen\n", NAME ":9: [department.miljo]: "
		     "the name 'Kulturförvaltningen' is also [department.kultur]'s "
		     "(line 6)\n");
	refused_line(11, "group = enkat-kultur\n", NAME ":11: group 'enkat-kultur' is "
		     "also [department.kultur]'s (line 8): each department needs a group "
		     "of its own\n");
}

/* Several problems: every one reported, in line order. */
static void test_every_problem(void **state)
{
	(void)state;
	refused("[department.X]\n"   /* 1 */
		"group = -g\n"       /* 2 */
		"[site]\n"           /* 3 */
		"results = rel\n"    /* 4 */
		"colour = red\n",    /* 5 */
		NAME ":1: department id 'X': 1 to 32 characters from a-z 0-9 _ -, "
		"starting with a letter or digit\n"
		NAME ":1: [department.X]: missing 'name'\n"
		NAME ":2: '-g' is not a group name: 1 to 32 characters from A-Z a-z "
		"0-9 _ . -, not starting with - or .\n"
		NAME ":3: [site]: missing 'central_group'\n"
		NAME ":4: 'results' must be an absolute folder other than / (at most "
		"1024 bytes, no control characters)\n"
		NAME ":5: unknown key 'colour' in [site]\n");
}

static void test_file(void **state)
{
	char dir[] = "/tmp/test_site.XXXXXX";
	char *path, *survey;
	struct diag d = {0};
	struct site *site;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/site.ini", dir);
	survey = xasprintf("%s/survey.ini", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(BASE, f);
	fclose(f);
	f = fopen(survey, "w");
	assert_non_null(f);
	fputs("[survey]\nid = x\n", f);
	fclose(f);
	assert_true(site_file_is_site(path));
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("# no [site] yet\n[department.a]\nname = A\n", f);
	fclose(f);
	assert_true(site_file_is_site(path));
	/* ... and then loads as a site file that lacks [site] */
	assert_null(site_load(path, &d));
	assert_int_equal(d.count, 2);
	assert_int_equal(d.entries[0].line, 1);
	diag_free(&d);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(BASE, f);
	fclose(f);
	assert_false(site_file_is_site(survey));
	assert_false(site_file_is_site(dir));
	site = site_load(path, &d);
	assert_non_null(site);
	site_free(site);
	/* a folder is not a site file */
	assert_null(site_load(dir, &d));
	assert_int_equal(d.count, 1);
	assert_int_equal(d.entries[0].line, 0);
	assert_string_equal(d.entries[0].file, dir);
	diag_free(&d);
	unlink(path);
	unlink(survey);
	rmdir(dir);
	free(path);
	free(survey);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_survey_paths),
		cmocka_unit_test(test_whole_file),
		cmocka_unit_test(test_site_section),
		cmocka_unit_test(test_department_ids),
		cmocka_unit_test(test_department_keys),
		cmocka_unit_test(test_department_twice),
		cmocka_unit_test(test_every_problem),
		cmocka_unit_test(test_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

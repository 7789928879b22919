/* Survey revisions (enkat-survey(5), Revisions; src/revision.h): the
 * continues keys as parsed, every diagnostic with its line, the identity,
 * the mapping both ways, the check against an earlier version, carried
 * actions pointed at the new ids, and the yearly loop's last year's
 * answers at a renamed, split and merged question. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions.h"
#include "assess.h"
#include "previous.h"
#include "revision.h"
#include "survey.h"
#include "util.h"

/* The header of every test survey: 8 lines; [area.a] starts at line 9. */
#define HEAD(version) \
	"[survey]\n"            /* 1 */ \
	"id = t\n"              /* 2 */ \
	"version = " version "\n" /* 3 */ \
	"languages = sv\n"      /* 4 */ \
	"scoring = percent\n"   /* 5 */ \
	"title.sv = T\n"        /* 6 */ \
	"\n"                    /* 7 */ \
	"; areas\n"             /* 8 */

#define Q(id, area) "[question." id "]\narea = " area "\ntype = yesno\ntext.sv = " id "\n"

/* Version 1: areas a, b; questions policy, roller, x1, x2 (a), backup,
 * gone (b). */
static const char V1[] = HEAD("1")
	"[area.a]\ntitle.sv = A\n\n[area.b]\ntitle.sv = B\n\n"
	Q("policy", "a") "na = yes\n\n" Q("roller", "a") "\n" Q("x1", "a") "\n"
	Q("x2", "a") "\n" Q("backup", "b") "\n" Q("gone", "b") "required = no\n";

/* Version 2: area a renamed styr; policy renamed riktlinje; x1 and x2
 * merged into x; backup split into backup (keeping its id) and test;
 * ny new; gone removed. */
static const char V2[] = HEAD("2")
	"[area.styr]\ntitle.sv = Styrning\ncontinues = a\n\n"  /* 9-12 */
	"[area.b]\ntitle.sv = B\n\n"                           /* 13-15 */
	Q("riktlinje", "styr") "na = yes\ncontinues = policy\n\n"
	Q("roller", "styr") "\n"
	Q("x", "styr") "continues = x1, x2\n\n"
	Q("backup", "b") "continues = backup\n\n"
	Q("test", "b") "continues = backup\n\n"
	Q("ny", "b") "required = no\n";

static struct survey *load(const char *text)
{
	struct diag d = {0};
	struct survey *s = survey_load_buffer("t.ini", text, strlen(text), &d);

	if (!s)
		diag_print(&d, stderr);
	assert_non_null(s);
	diag_free(&d);
	return s;
}

/* Loads text, which must fail with exactly one problem, "t.ini:LINE:"
 * and containing want. */
static void expect_problem(const char *text, long line, const char *want)
{
	struct diag d = {0};
	struct survey *s = survey_load_buffer("t.ini", text, strlen(text), &d);
	char *got;

	assert_null(s);
	if (d.count != 1)
		diag_print(&d, stderr);
	assert_int_equal(d.count, 1);
	got = diag_format(&d, 0);
	if (d.entries[0].line != line || !strstr(got, want))
		fail_msg("got '%s', want line %ld and '%s'", got, line, want);
	free(got);
	diag_free(&d);
}

static void test_parsed(void **state)
{
	struct survey *s = load(V2);
	const struct survey_question *x = survey_question_by_id(s, "x");

	(void)state;
	assert_int_equal(s->areas[0].continues.n_ids, 1);
	assert_string_equal(s->areas[0].continues.ids[0], "a");
	assert_int_equal(s->areas[0].continues.line, 11);
	assert_int_equal(s->areas[1].continues.n_ids, 0);
	assert_int_equal(x->continues.n_ids, 2);
	assert_string_equal(x->continues.ids[0], "x1");
	assert_string_equal(x->continues.ids[1], "x2");
	assert_int_equal(x->continues.version, 0);
	assert_false(x->continues.not_comparable);
	assert_true(revision_any(s));
	survey_free(s);
	s = load(V1);
	assert_false(revision_any(s));
	survey_free(s);
	s = load(HEAD("5") "[area.a]\ntitle.sv = A\n\n" Q("q", "a")
		 "continues = old\ncontinues.version = 3\ncontinues.comparable = no\n");
	assert_int_equal(s->questions[0].continues.version, 3);
	assert_true(s->questions[0].continues.not_comparable);
	assert_int_equal(s->questions[0].continues.comparable_line, 18);
	survey_free(s);
}

#define A_AREA "[area.a]\ntitle.sv = A\n\n" /* lines 9-11 */
/* [question.q] at line 12, its keys from line 16 on */
#define QQ Q("q", "a")

static void test_problems(void **state)
{
	(void)state;
	expect_problem(HEAD("1") A_AREA QQ "continues = old\n", 16,
		       "'continues' in version 1 of a survey: there is no earlier");
	expect_problem(HEAD("2") A_AREA QQ "continues = ,\n", 16, "'continues' is empty");
	expect_problem(HEAD("2") "[area.a]\ntitle.sv = A\ncontinues =  \n\n" Q("q", "a"), 11,
		       "'continues' is empty (the ids this area had");
	expect_problem(HEAD("2") A_AREA QQ "continues = ok bad!id\n", 16,
		       "continued id 'bad!id': an id is 1 to 40 characters");
	expect_problem(HEAD("2") A_AREA QQ "continues = o1 o2 o1\n", 16,
		       "'continues': 'o1' listed twice");
	expect_problem(HEAD("3") A_AREA QQ "continues = old\ncontinues.version = 3\n", 17,
		       "'continues.version': '3' is not an earlier version: a whole "
		       "number from 1 to 2");
	expect_problem(HEAD("3") A_AREA QQ "continues = old\ncontinues.version = x\n", 17,
		       "is not an earlier version");
	expect_problem(HEAD("3") A_AREA QQ "continues.version = 2\n", 16,
		       "'continues.version' without 'continues'");
	expect_problem(HEAD("3") A_AREA QQ "continues.comparable = no\n", 16,
		       "'continues.comparable' without 'continues'");
	expect_problem(HEAD("3") A_AREA QQ "continues = o\ncontinues.comparable = ja\n", 17,
		       "'continues.comparable': 'ja' is not yes or no");
	/* an id of this version that is another question's */
	expect_problem(HEAD("2") A_AREA Q("old", "a") "\n" QQ "continues = old\n", 21,
		       "question 'q' continues 'old', which is still a question of "
		       "this version (line 12)");
	expect_problem(HEAD("2") A_AREA "[area.b]\ntitle.sv = B\ncontinues = a\n\n" QQ, 14,
		       "area 'b' continues 'a', which is still an area of this version");
	/* a split where one part keeps the id is fine; split and merged is not */
	{
		struct survey *s = load(HEAD("2") A_AREA Q("old", "a") "continues = old\n\n"
					QQ "continues = old\n");
		survey_free(s);
	}
	expect_problem(HEAD("2") A_AREA Q("p", "a") "continues = o1\n\n"  /* 12-17 */
		       QQ "continues = o1 o2\n",                          /* 18-23 */
		       22, "question 'q' merges 'o1' with others, but question 'p' "
		       "(line 16) continues 'o1' too");
	expect_problem(HEAD("2") A_AREA QQ "continues = o1 o2\ncontinues.comparable = yes\n",
		       17, "'continues.comparable = yes' on a merge");
	expect_problem(HEAD("2") A_AREA Q("p", "a") "continues = o1\n\n"
		       QQ "continues = o1\ncontinues.comparable = yes\n", 23,
		       "'continues.comparable = yes' on a part of a split");
	{
		char big[2048] = HEAD("2") A_AREA QQ "continues =";
		for (int i = 0; i < 65; i++)
			snprintf(big + strlen(big), sizeof big - strlen(big), " o%d", i);
		strcat(big, "\n");
		expect_problem(big, 16, "'continues' lists 65 ids: at most 64");
	}
}

static void test_identity(void **state)
{
	static const char plain[] = HEAD("2") A_AREA QQ;
	static const char mapped[] = HEAD("2") A_AREA QQ "continues = old\n";
	static const char mapped2[] = HEAD("2") A_AREA QQ "continues = older\n";
	static const char mapped3[] = HEAD("2") A_AREA QQ "continues = old\n"
		"continues.comparable = no\n";
	static const char area_mapped[] = HEAD("2") "[area.a]\ntitle.sv = A\n"
		"continues = b\n\n" QQ;
	struct survey *a = load(plain), *b = load(mapped), *c = load(mapped2),
		*d = load(mapped3), *e = load(area_mapped);

	(void)state;
	assert_string_not_equal(a->sha256, b->sha256);
	assert_string_not_equal(b->sha256, c->sha256);
	assert_string_not_equal(b->sha256, d->sha256);
	assert_string_not_equal(a->sha256, e->sha256);
	survey_free(a);
	survey_free(b);
	survey_free(c);
	survey_free(d);
	survey_free(e);
	/* the same mapping however written: commas, spaces, a default */
	a = load(HEAD("2") A_AREA QQ "continues = o1, o2\n");
	b = load(HEAD("2") A_AREA QQ "continues = o1   o2\n");
	assert_string_equal(a->sha256, b->sha256);
	survey_free(a);
	survey_free(b);
	a = load(HEAD("2") A_AREA QQ "continues = o1\n");
	b = load(HEAD("2") A_AREA QQ "continues =   o1\ncontinues.comparable = true\n");
	assert_string_equal(a->sha256, b->sha256);
	survey_free(a);
	survey_free(b);
}

static size_t q_of(const struct survey *s, const char *id)
{
	size_t i = survey_question_index(s, id);

	assert_true(i != (size_t)-1);
	return i;
}

static void test_mapping(void **state)
{
	struct survey *s = load(V2);
	const char *const *ids;
	size_t n, out[16];
	enum revision_kind k;

	(void)state;
	assert_int_equal(revision_of(s, REVISION_QUESTION, q_of(s, "riktlinje"), 1, &ids, &n),
			 REVISION_RENAMED);
	assert_int_equal(n, 1);
	assert_string_equal(ids[0], "policy");
	assert_int_equal(revision_of(s, REVISION_QUESTION, q_of(s, "roller"), 1, &ids, &n),
			 REVISION_SAME);
	assert_string_equal(ids[0], "roller");
	assert_int_equal(revision_of(s, REVISION_QUESTION, q_of(s, "x"), 1, &ids, &n),
			 REVISION_MERGED);
	assert_int_equal(n, 2);
	assert_int_equal(revision_of(s, REVISION_QUESTION, q_of(s, "backup"), 1, NULL, NULL),
			 REVISION_SPLIT);
	assert_int_equal(revision_of(s, REVISION_QUESTION, q_of(s, "test"), 1, NULL, NULL),
			 REVISION_SPLIT);
	assert_int_equal(revision_of(s, REVISION_AREA, 0, 1, &ids, &n), REVISION_RENAMED);
	assert_string_equal(ids[0], "a");
	assert_int_equal(revision_of(s, REVISION_AREA, 1, 1, &ids, &n), REVISION_SAME);

	/* forwards */
	assert_int_equal(revision_successors(s, REVISION_QUESTION, "policy", 1, out, &k), 1);
	assert_int_equal(k, REVISION_RENAMED);
	assert_int_equal(out[0], q_of(s, "riktlinje"));
	assert_int_equal(revision_successors(s, REVISION_QUESTION, "backup", 1, out, &k), 2);
	assert_int_equal(k, REVISION_SPLIT);
	assert_int_equal(out[0], q_of(s, "backup"));
	assert_int_equal(out[1], q_of(s, "test"));
	assert_int_equal(revision_successors(s, REVISION_QUESTION, "x2", 0, out, &k), 1);
	assert_int_equal(k, REVISION_MERGED);
	assert_int_equal(revision_successors(s, REVISION_QUESTION, "gone", 1, out, &k), 0);
	assert_int_equal(k, REVISION_NONE);
	/* a question id and an area id are two sets */
	assert_int_equal(revision_successors(s, REVISION_QUESTION, "a", 1, NULL, NULL), 0);
	assert_int_equal(revision_successors(s, REVISION_AREA, "a", 1, out, &k), 1);
	assert_int_equal(k, REVISION_RENAMED);
	/* renamed areas' old id is gone */
	assert_int_equal(revision_successors(s, REVISION_AREA, "styr", 1, NULL, NULL), 0);

	assert_true(revision_comparable(s, REVISION_QUESTION, q_of(s, "riktlinje"), 1));
	assert_true(revision_comparable(s, REVISION_QUESTION, q_of(s, "roller"), 1));
	assert_false(revision_comparable(s, REVISION_QUESTION, q_of(s, "x"), 1));
	assert_false(revision_comparable(s, REVISION_QUESTION, q_of(s, "test"), 1));
	assert_true(revision_comparable(s, REVISION_AREA, 0, 1));

	assert_string_equal(revision_kind_name(REVISION_MERGED), "merged");
	assert_string_equal(revision_kind_name(REVISION_NONE), "none");
	assert_string_equal(revision_kind_label(REVISION_SPLIT), "split");
	survey_free(s);
}

/* continues.version: the mapping holds for that version and earlier ones
 * only; comparable = no */
static void test_mapping_version(void **state)
{
	struct survey *s = load(HEAD("5") A_AREA QQ "continues = old\ncontinues.version = 3\n"
				"continues.comparable = no\n");
	size_t out[2];

	(void)state;
	assert_int_equal(revision_of(s, REVISION_QUESTION, 0, 3, NULL, NULL), REVISION_RENAMED);
	assert_int_equal(revision_of(s, REVISION_QUESTION, 0, 2, NULL, NULL), REVISION_RENAMED);
	assert_int_equal(revision_of(s, REVISION_QUESTION, 0, 4, NULL, NULL), REVISION_NONE);
	assert_int_equal(revision_of(s, REVISION_QUESTION, 0, 0, NULL, NULL), REVISION_RENAMED);
	assert_int_equal(revision_successors(s, REVISION_QUESTION, "old", 3, out, NULL), 1);
	assert_int_equal(revision_successors(s, REVISION_QUESTION, "old", 4, out, NULL), 0);
	/* q does not continue q: its own id is not among its ids */
	assert_int_equal(revision_successors(s, REVISION_QUESTION, "q", 4, out, NULL), 0);
	assert_false(revision_comparable(s, REVISION_QUESTION, 0, 3));
	survey_free(s);
	/* a split whose one part holds only up to version 2: for a result of
	 * version 3 the other part alone continues old (renamed) */
	s = load(HEAD("5") A_AREA Q("p", "a") "continues = old\ncontinues.version = 2\n\n"
		 QQ "continues = old\n");
	assert_int_equal(revision_of(s, REVISION_QUESTION, 0, 2, NULL, NULL), REVISION_SPLIT);
	assert_int_equal(revision_of(s, REVISION_QUESTION, 1, 2, NULL, NULL), REVISION_SPLIT);
	assert_int_equal(revision_of(s, REVISION_QUESTION, 0, 3, NULL, NULL), REVISION_NONE);
	assert_int_equal(revision_of(s, REVISION_QUESTION, 1, 3, NULL, NULL), REVISION_RENAMED);
	assert_int_equal(revision_successors(s, REVISION_QUESTION, "old", 2, out, NULL), 2);
	assert_int_equal(revision_successors(s, REVISION_QUESTION, "old", 3, out, NULL), 1);
	assert_int_equal(out[0], 1);
	survey_free(s);
}

/* Many questions, each continuing many ids: loaded at once (the checks
 * sort, they do not compare every pair), and the total is capped. */
static void test_many(void **state)
{
	struct strbuf sb = {0};
	struct diag d = {0};
	struct survey *s;

	(void)state;
	strbuf_puts(&sb, HEAD("2") A_AREA);
	for (int i = 0; i < 156; i++) { /* 156 x 64 = 9984 */
		strbuf_printf(&sb, "[question.q%d]\narea = a\ntype = yesno\ntext.sv = Q\n"
			      "continues =", i);
		for (int k = 0; k < 64; k++)
			strbuf_printf(&sb, " o%d_%d", i, k);
		strbuf_puts(&sb, "\n\n");
	}
	s = survey_load_buffer("t.ini", sb.buf, sb.len, &d);
	if (!s)
		diag_print(&d, stderr);
	assert_non_null(s);
	assert_int_equal(revision_successors(s, REVISION_QUESTION, "o155_63", 1, NULL, NULL), 1);
	survey_free(s);
	/* one more question with 17 ids: 10001 */
	strbuf_puts(&sb, "[question.last]\narea = a\ntype = yesno\ntext.sv = Q\ncontinues =");
	for (int k = 0; k < 17; k++)
		strbuf_printf(&sb, " z%d", k);
	strbuf_puts(&sb, "\n");
	s = survey_load_buffer("t.ini", sb.buf, sb.len, &d);
	assert_null(s);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.entries[0].line, 11 + 156 * 6 + 5); /* last's continues */
	assert_non_null(strstr(d.entries[0].message, "more than 10000 earlier ids in all "
			       "the 'continues' keys of the questions"));
	diag_free(&d);
	strbuf_free(&sb);
}

/* Three versions after V1: V2 (renames, a split, a merge), V3 keeping
 * V2's ids but merging the split parts again and marking roller not
 * comparable. */
static const char V3[] = HEAD("3")
	"[area.styr]\ntitle.sv = Styrning\n\n[area.b]\ntitle.sv = B\n\n"
	Q("riktlinje", "styr") "na = yes\n\n"
	Q("roller", "styr") "continues = roller\ncontinues.comparable = no\n\n"
	Q("x", "styr") "\n"
	Q("sak", "b") "continues = backup test\n\n"
	Q("ny", "b") "required = no\n";

static void test_follow(void **state)
{
	struct survey *v2 = load(V2), *v3 = load(V3);
	const struct survey *both[] = {v2, v3}, *only3[] = {v3};
	size_t out[8];
	enum revision_kind k;
	bool cmp;

	(void)state;
	/* renamed in 2, kept in 3 */
	assert_int_equal(revision_follow(both, 2, REVISION_QUESTION, "policy", 1, out, &k,
					 &cmp), 1);
	assert_int_equal(out[0], q_of(v3, "riktlinje"));
	assert_int_equal(k, REVISION_RENAMED);
	assert_true(cmp);
	/* the same id all along, but marked not comparable in 3 */
	assert_int_equal(revision_follow(both, 2, REVISION_QUESTION, "roller", 1, out, &k,
					 &cmp), 1);
	assert_int_equal(k, REVISION_SAME);
	assert_false(cmp);
	/* split in 2, merged back in 3 */
	assert_int_equal(revision_follow(both, 2, REVISION_QUESTION, "backup", 1, out, &k,
					 &cmp), 1);
	assert_int_equal(out[0], q_of(v3, "sak"));
	assert_int_equal(k, REVISION_MERGED);
	assert_false(cmp);
	/* merged in 2 */
	assert_int_equal(revision_follow(both, 2, REVISION_QUESTION, "x1", 1, out, &k, &cmp), 1);
	assert_int_equal(k, REVISION_MERGED);
	/* removed in 2 */
	assert_int_equal(revision_follow(both, 2, REVISION_QUESTION, "gone", 1, out, &k, &cmp), 0);
	assert_int_equal(k, REVISION_NONE);
	assert_false(cmp);
	/* from version 2 only 3 counts: backup split in 2 is merged in 3 */
	assert_int_equal(revision_follow(both, 2, REVISION_QUESTION, "test", 2, out, &k, &cmp), 1);
	assert_int_equal(k, REVISION_MERGED);
	assert_int_equal(revision_follow(both, 2, REVISION_QUESTION, "riktlinje", 2, out, &k,
					 &cmp), 1);
	assert_int_equal(k, REVISION_SAME);
	assert_true(cmp);
	/* the area renamed in 2 */
	assert_int_equal(revision_follow(both, 2, REVISION_AREA, "a", 1, out, &k, &cmp), 1);
	assert_int_equal(out[0], 0);
	assert_int_equal(k, REVISION_RENAMED);
	/* without 2's survey, 3 knows nothing of policy */
	assert_int_equal(revision_follow(only3, 1, REVISION_QUESTION, "policy", 1, out, &k,
					 NULL), 0);
	/* no later survey: nothing */
	assert_int_equal(revision_follow(only3, 1, REVISION_QUESTION, "x", 3, NULL, &k, NULL), 0);
	assert_int_equal(k, REVISION_NONE);
	survey_free(v2);
	survey_free(v3);
}

/* Finds a message with this file, line and text in d. */
static bool has_message(const struct diag *d, const char *file, long line,
			const char *want)
{
	for (size_t i = 0; i < d->count; i++)
		if (strcmp(d->entries[i].file, file) == 0 && d->entries[i].line == line &&
		    strstr(d->entries[i].message, want))
			return true;
	return false;
}

static void test_check_against_earlier(void **state)
{
	struct diag d = {0}, notes = {0};
	struct survey *old = load(V1), *s = load(V2), *bad;

	(void)state;
	assert_int_equal(revision_check(s, old, &d, &notes), 0);
	assert_int_equal(d.count, 0);
	/* gone (V1's question at line 39) has no successor; areas all do */
	assert_int_equal(notes.count, 1);
	assert_true(has_message(&notes, "t.ini", old->questions[5].line,
				"note: question 'gone' of version 1 has no successor in "
				"version 2 (removed)"));
	diag_clear(&notes);
	/* the other way round: not an earlier version */
	assert_int_equal(revision_check(old, s, &d, &notes), 1);
	assert_true(has_message(&d, "t.ini", 0, "is not an earlier version"));
	diag_clear(&d);

	bad = load(HEAD("2")
		"[area.a]\ntitle.sv = A\ncontinues = policy\n\n"   /* 9-12 */
		Q("p", "a") "continues = nosuch\n\n"               /* 13-18 */
		Q("q", "a") "continues = b\n\n"                    /* 19-24 */
		Q("gone", "a") "continues = x1\n\n"                /* 25-30 */
		Q("r", "a") "continues = roller\ncontinues.version = 1\n");
	/* a, keeping V1's id a of an area nothing else continues, too */
	assert_int_equal(revision_check(bad, old, &d, &d), 5);
	assert_true(has_message(&d, bad->path, 11, "area 'a' continues other ids, yet "
				"version 1 has an area 'a' too (t.ini:9), which nothing "
				"continues"));
	assert_true(has_message(&d, bad->path, 11, "area 'a' continues 'policy', which is "
				"a question of version 1, not an area"));
	assert_true(has_message(&d, bad->path, 17, "question 'p' continues 'nosuch', which "
				"version 1 (t.ini) does not have"));
	assert_true(has_message(&d, bad->path, 23, "question 'q' continues 'b', which is "
				"an area of version 1, not a question"));
	assert_true(has_message(&d, bad->path, 29, "question 'gone' continues other ids, "
				"yet version 1 has a question 'gone' too"));
	/* notes, in d too: policy, x2, backup continued by nothing; area b */
	assert_true(has_message(&d, "t.ini", 0 + old->areas[1].line,
				"note: area 'b' of version 1 has no successor"));
	assert_true(has_message(&d, "t.ini", old->questions[4].line,
				"note: question 'backup' of version 1"));
	survey_free(bad);
	survey_free(old);
	survey_free(s);
	diag_free(&d);
	diag_free(&notes);
}

static void add_action(struct action_list *l, const char *id, const char *addresses,
		       const struct survey *s)
{
	struct action_input in = {.title = "T", .addresses = addresses};
	char msg[ACTION_MSG_SIZE];
	struct action *x;

	l->items = xgrow(l->items, &l->cap, l->n + 1, sizeof *l->items);
	x = &l->items[l->n++];
	memset(x, 0, sizeof *x);
	x->id = xstrdup(id);
	x->title = xstrdup("");
	x->description = xstrdup("");
	x->owner = xstrdup("");
	x->case_number = xstrdup("");
	x->comment = xstrdup("");
	x->changed_by = xstrdup("");
	if (!action_apply(x, &in, s, msg))
		fail_msg("%s", msg);
}

static void test_actions_follow(void **state)
{
	struct survey *old = load(V1), *s = load(V2);
	struct action_list l = {0};
	struct strbuf notes = {0};
	char *f;

	(void)state;
	add_action(&l, "A1", "policy area:a", old);
	add_action(&l, "A2", "backup", old);
	add_action(&l, "A3", "x1 x2 roller", old);
	add_action(&l, "A4", "gone", old);
	assert_int_equal(actions_follow_revisions(&l, s, 1, &notes), 5);
	f = action_addresses_field(&l.items[0]);
	assert_string_equal(f, "question:riktlinje area:styr");
	free(f);
	f = action_addresses_field(&l.items[1]);
	assert_string_equal(f, "question:backup question:test");
	free(f);
	f = action_addresses_field(&l.items[2]); /* both merged into x: once */
	assert_string_equal(f, "question:x question:roller");
	free(f);
	assert_non_null(strstr(notes.buf, "action A1: question policy is question riktlinje now"));
	assert_non_null(strstr(notes.buf, "action A1: area a is area styr now"));
	/* removed: left for actions_fit_survey, which drops it */
	assert_int_equal(l.items[3].n_targets, 1);
	assert_int_equal(actions_fit_survey(&l, s, NULL), 1);
	assert_int_equal(l.items[3].n_targets, 0);
	actions_release(&l);
	strbuf_free(&notes);
	survey_free(old);
	survey_free(s);
}

/* ---- the yearly loop: a result of V1, then V2 with it as last year's */

struct fixture {
	char dir[64];
	struct survey *s1, *s2;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/test_revision.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->s1 = load(V1);
	f->s2 = load(V2);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	survey_free(f->s1);
	survey_free(f->s2);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(cmd);
	free(f);
	return 0;
}

static struct assess *open_assess(const struct survey *s, const char *dir,
				  struct session **ss)
{
	struct diag d = {0};
	enum session_open_status st = session_open(s, dir, "Kultur", "Åsa", ss, &d);

	if (st == SESSION_ERROR)
		diag_print(&d, stderr);
	assert_int_equal(st, SESSION_OK);
	diag_free(&d);
	return assess_new(*ss);
}

static void close_assess(struct assess *a, struct session *ss)
{
	assess_free(a);
	session_close(ss);
}

/* Last year: policy yes "P", roller no, x1 yes "c1", x2 yes "c2", backup
 * partly "B", gone no; an open action on policy and area a. xsame says
 * whether x2 agrees with x1. */
static void make_last_year(struct fixture *f, bool xsame)
{
	struct session *ss;
	struct assess *a = open_assess(f->s1, f->dir, &ss);
	const struct survey *s = f->s1;
	char msg[ASSESS_MSG_SIZE];

	assert_int_equal(assess_choose(a, q_of(s, "policy"), 0), ASSESS_SAVED);
	assert_int_equal(assess_comment(a, q_of(s, "policy"), "P"), ASSESS_SAVED);
	assert_int_equal(assess_choose(a, q_of(s, "roller"), 2), ASSESS_SAVED);
	assert_int_equal(assess_choose(a, q_of(s, "x1"), 0), ASSESS_SAVED);
	assert_int_equal(assess_comment(a, q_of(s, "x1"), "c1"), ASSESS_SAVED);
	assert_int_equal(assess_choose(a, q_of(s, "x2"), xsame ? 0 : 2), ASSESS_SAVED);
	assert_int_equal(assess_comment(a, q_of(s, "x2"), "c2"), ASSESS_SAVED);
	assert_int_equal(assess_choose(a, q_of(s, "backup"), 1), ASSESS_SAVED);
	assert_int_equal(assess_comment(a, q_of(s, "backup"), "B"), ASSESS_SAVED);
	assert_int_equal(assess_action_add(a, &(struct action_input){
		.title = "Policy", .addresses = "policy area:a backup gone"}, NULL, msg),
		ASSESS_SAVED);
	close_assess(a, ss);
}

static struct previous *last_year(struct fixture *f)
{
	struct diag d = {0};
	struct previous *p = previous_find(f->dir, f->s2, "Kultur", &d);

	if (!p)
		diag_print(&d, stderr);
	assert_non_null(p);
	diag_free(&d);
	return p;
}

static void test_yearly_across_revision(void **state)
{
	struct fixture *f = *state;
	const struct survey *s = f->s2;
	struct previous *p;
	struct session *ss;
	struct assess *a;
	char msg[ASSESS_MSG_SIZE], *text;
	size_t rikt = q_of(s, "riktlinje"), x = q_of(s, "x"), test = q_of(s, "test");
	size_t backup = q_of(s, "backup"), ny = q_of(s, "ny");
	struct score sc;

	make_last_year(f, true);
	p = last_year(f);
	/* matched through the mapping */
	assert_int_equal(previous_kind(p, rikt), REVISION_RENAMED);
	assert_string_equal(previous_row(p, rikt)->field[RC_QUESTION_ID], "policy");
	assert_int_equal(previous_kind(p, q_of(s, "roller")), REVISION_SAME);
	assert_int_equal(previous_kind(p, x), REVISION_MERGED);
	assert_int_equal(previous_n_rows(p, x), 2);
	assert_string_equal(previous_row_at(p, x, 1)->field[RC_QUESTION_ID], "x2");
	assert_null(previous_row_at(p, x, 2));
	assert_int_equal(previous_kind(p, test), REVISION_SPLIT);
	assert_int_equal(previous_kind(p, backup), REVISION_SPLIT);
	assert_string_equal(previous_row(p, test)->field[RC_QUESTION_ID], "backup");
	assert_true(previous_is_new(p, ny));
	assert_int_equal(previous_kind(p, ny), REVISION_NONE);
	assert_int_equal(previous_n_rows(p, ny), 0);
	text = previous_answer_text(p, x, 0);
	assert_string_equal(text, "x1: Ja; x2: Ja");
	free(text);
	text = previous_comment_text(p, x);
	assert_string_equal(text, "x1: c1; x2: c2");
	free(text);
	text = previous_comment_text(p, rikt);
	assert_string_equal(text, "P");
	free(text);
	text = previous_ids_text(p, rikt);
	assert_string_equal(text, "policy");
	free(text);
	text = previous_ids_text(p, x);
	assert_string_equal(text, "x1, x2");
	free(text);
	text = previous_ids_text(p, q_of(s, "roller"));
	assert_string_equal(text, "");
	free(text);
	/* the renamed area's figure under its old id */
	assert_true(previous_area_score(p, "styr", &sc));
	assert_true(previous_area_score(p, "b", &sc));
	assert_false(previous_area_score(p, "a", &sc)); /* not this year's any more */

	a = open_assess(s, f->dir, &ss);
	assert_int_equal(assess_carry_previous(a, p), 1);
	{
		const struct action *act = actions_find(assess_actions(a), "A1");
		char *field = action_addresses_field(act);
		assert_string_equal(field, "question:riktlinje area:styr question:backup "
				    "question:test");
		free(field);
	}
	/* renamed: taken over with its comment */
	assert_int_equal(assess_take_previous(a, p, rikt, msg), ASSESS_SAVED);
	assert_int_equal(ss->answers->a[rikt].state, ANSWER_GIVEN);
	assert_int_equal(ss->answers->a[rikt].option, 0);
	assert_string_equal(ss->answers->a[rikt].comment, "P");
	/* split: each part */
	assert_int_equal(assess_take_previous(a, p, test, msg), ASSESS_SAVED);
	assert_int_equal(ss->answers->a[test].option, 1);
	assert_string_equal(ss->answers->a[test].comment, "B");
	assert_int_equal(assess_take_previous(a, p, backup, msg), ASSESS_SAVED);
	assert_int_equal(ss->answers->a[backup].option, 1);
	/* merged, agreeing: the answer, both comments */
	assert_int_equal(assess_take_previous(a, p, x, msg), ASSESS_SAVED);
	assert_int_equal(ss->answers->a[x].option, 0);
	assert_string_equal(ss->answers->a[x].comment, "c1\nc2");
	/* new: refused */
	assert_int_equal(assess_take_previous(a, p, ny, msg), ASSESS_REFUSED);
	close_assess(a, ss);
	previous_free(p);
}

static void test_yearly_merged_disagree(void **state)
{
	struct fixture *f = *state;
	const struct survey *s = f->s2;
	struct previous *p;
	struct session *ss;
	struct assess *a;
	char msg[ASSESS_MSG_SIZE], *text;
	size_t x = q_of(s, "x");

	make_last_year(f, false);
	p = last_year(f);
	text = previous_answer_text(p, x, 0);
	assert_string_equal(text, "x1: Ja; x2: Nej");
	free(text);
	a = open_assess(s, f->dir, &ss);
	assert_int_equal(assess_take_previous(a, p, x, msg), ASSESS_REFUSED);
	assert_non_null(strstr(msg, "merged into this one differ"));
	assert_int_equal(ss->answers->a[x].state, ANSWER_NONE);
	assert_null(ss->answers->a[x].comment);
	close_assess(a, ss);
	previous_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parsed),
		cmocka_unit_test(test_problems),
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_mapping),
		cmocka_unit_test(test_mapping_version),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_follow),
		cmocka_unit_test(test_check_against_earlier),
		cmocka_unit_test(test_actions_follow),
		cmocka_unit_test_setup_teardown(test_yearly_across_revision, setup, teardown),
		cmocka_unit_test_setup_teardown(test_yearly_merged_disagree, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "assess.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "numfmt.h"
#include "text.h"
#include "util.h"

/* Visibility, progress and the open required questions, in one pass after
 * every change: the one place that walks the whole survey. */
static void settle(struct assess *a)
{
	const struct answer *ans = a->ss->answers->a;

	answers_visibility(a->ss->answers, a->visible);
	a->done = a->total = a->required_open = 0;
	for (size_t q = 0; q < a->s->n_questions; q++) {
		if (!a->visible[q])
			continue;
		a->total++;
		if (ans[q].state != ANSWER_NONE)
			a->done++;
		else if (a->s->questions[q].required)
			a->required_open++;
	}
}

struct assess *assess_new(struct session *ss)
{
	struct assess *a = xcalloc(1, sizeof *a);

	a->ss = ss;
	a->s = ss->survey;
	a->visible = xcalloc(a->s->n_questions ? a->s->n_questions : 1, sizeof *a->visible);
	settle(a);
	return a;
}

static void answer_release(struct answer *x)
{
	free(x->text);
	free(x->comment);
	memset(x, 0, sizeof *x);
}

static void answer_copy(struct answer *to, const struct answer *from)
{
	*to = *from;
	to->text = from->text ? xstrdup(from->text) : NULL;
	to->comment = from->comment ? xstrdup(from->comment) : NULL;
}

void assess_free(struct assess *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->undo_len; i++)
		answer_release(&a->undo[i].before);
	free(a->visible);
	free(a);
}

/* ---- navigation ---- */

bool assess_visible(const struct assess *a, size_t q)
{
	return q < a->s->n_questions && a->visible[q];
}

size_t assess_next(const struct assess *a, size_t q)
{
	for (size_t i = q == ASSESS_NONE ? 0 : q + 1; i < a->s->n_questions; i++)
		if (a->visible[i])
			return i;
	return ASSESS_NONE;
}

size_t assess_prev(const struct assess *a, size_t q)
{
	for (size_t i = q > a->s->n_questions ? a->s->n_questions : q; i-- > 0;)
		if (a->visible[i])
			return i;
	return ASSESS_NONE;
}

static bool is_open(const struct assess *a, size_t q)
{
	return a->visible[q] && a->ss->answers->a[q].state == ANSWER_NONE;
}

size_t assess_next_open(const struct assess *a, size_t from)
{
	size_t n = a->s->n_questions;

	if (from >= n)
		from = 0;
	for (size_t k = 0; k < n; k++) {
		size_t q = (from + k) % n;
		if (is_open(a, q))
			return q;
	}
	return ASSESS_NONE;
}

size_t assess_start(const struct assess *a)
{
	size_t q = assess_next_open(a, 0);

	if (q == ASSESS_NONE)
		q = assess_next(a, ASSESS_NONE);
	return q == ASSESS_NONE ? 0 : q;
}

size_t assess_after(const struct assess *a, size_t q)
{
	return assess_next(a, q);
}

bool assess_area_begins(const struct assess *a, size_t q)
{
	const struct survey_area *area = &a->s->areas[a->s->questions[q].area];

	for (size_t i = area->first_question; i < q; i++)
		if (a->visible[i])
			return false;
	return true;
}

void assess_area_position(const struct assess *a, size_t q, size_t *pos, size_t *count)
{
	const struct survey_area *area = &a->s->areas[a->s->questions[q].area];

	*pos = *count = 0;
	for (size_t i = area->first_question; i < area->first_question + area->n_questions; i++) {
		if (!a->visible[i])
			continue;
		(*count)++;
		if (i <= q)
			(*pos)++;
	}
}

size_t assess_open_questions(const struct assess *a, size_t *out, size_t *required)
{
	size_t n = 0;

	*required = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t q = 0; q < a->s->n_questions; q++) {
			if (!is_open(a, q) || a->s->questions[q].required != (pass == 0))
				continue;
			out[n++] = q;
			if (pass == 0)
				(*required)++;
		}
	return n;
}

bool assess_answered(const struct assess *a, size_t q)
{
	return a->visible[q] && a->ss->answers->a[q].state != ANSWER_NONE;
}

/* ---- input ---- */

char assess_decimal_sep(void)
{
	return i18n_decimal_sep();
}

void assess_format_percent(char *buf, size_t size, double percent, int width)
{
	char *dot;

	snprintf(buf, size, "%*.1f %%", width > 2 ? width - 2 : 0, percent);
	dot = strchr(buf, '.');
	if (!dot)
		dot = strchr(buf, ','); /* a locale's own separator */
	if (dot)
		*dot = assess_decimal_sep();
}

static void format_user_number(char *buf, double v)
{
	char sep = assess_decimal_sep();
	char *dot;

	num_format(buf, v);
	dot = strchr(buf, '.');
	if (dot)
		*dot = sep;
}

void assess_describe_input(const struct survey_question *q, char *msg)
{
	char lo[NUMFMT_SIZE], hi[NUMFMT_SIZE], range[160] = "", dec[96];

	switch (q->type) {
	case QTYPE_MULTI:
		snprintf(msg, ASSESS_MSG_SIZE, "%s",
			 _("the numbers of the chosen options, separated by spaces, or - for none"));
		return;
	case QTYPE_TEXT:
		snprintf(msg, ASSESS_MSG_SIZE, "%s", _("any text"));
		return;
	case QTYPE_NUMBER:
		break;
	default: {
		char first[QUESTION_KEY_SIZE], last[QUESTION_KEY_SIZE];
		question_option_keytext(q, 0, first);
		question_option_keytext(q, q->n_options ? q->n_options - 1 : 0, last);
		snprintf(msg, ASSESS_MSG_SIZE, _("one of the numbers %s to %s"), first, last);
		return;
	}
	}
	if (q->has_min)
		format_user_number(lo, q->min);
	if (q->has_max)
		format_user_number(hi, q->max);
	if (q->has_min && q->has_max)
		snprintf(range, sizeof range, _(" from %s to %s"), lo, hi);
	else if (q->has_min)
		snprintf(range, sizeof range, _(" of at least %s"), lo);
	else if (q->has_max)
		snprintf(range, sizeof range, _(" of at most %s"), hi);
	if (q->decimals == 0)
		snprintf(dec, sizeof dec, "%s", _(", a whole number"));
	else
		snprintf(dec, sizeof dec, ngettext(", with at most %d decimal",
						   ", with at most %d decimals", q->decimals),
			 q->decimals);
	snprintf(msg, ASSESS_MSG_SIZE, _("a number%s%s"), range, dec);
}

/* Bytes of a group separator at p: a space, a no-break space (U+00A0) or a
 * narrow no-break space (U+202F), what a spreadsheet or a PDF gives. */
static size_t group_sep_len(const char *p)
{
	if (p[0] == ' ')
		return 1;
	if ((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa0)
		return 2;
	if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
	    (unsigned char)p[2] == 0xaf)
		return 3;
	return 0;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* "1 234,50" -> "1234.50" in out; the digits after the separator are
 * counted without trailing zeros into *decimals, the significant digits
 * into *significant. False when s is not a plain decimal number in that
 * form. */
static bool number_normalise(const char *s, char *out, size_t size, int *decimals,
			     int *significant)
{
	size_t o = 0, group = 0;
	bool grouped = false, digits = false;
	const char *p = s;
	int int_digits = 0, frac_leading_zeros = 0;

	*decimals = 0;
	if (*p == '-' || (unsigned char)*p == 0xe2) { /* '-' or U+2212 minus */
		if (*p == '-')
			p++;
		else if ((unsigned char)p[1] == 0x88 && (unsigned char)p[2] == 0x92)
			p += 3;
		else
			return false;
		out[o++] = '-';
	}
	for (;;) {
		size_t sep;
		if (is_digit(*p)) {
			if (o + 2 >= size)
				return false;
			if (*p != '0' || int_digits > 0)
				int_digits++;
			out[o++] = *p++;
			group++;
			digits = true;
			continue;
		}
		sep = group_sep_len(p);
		if (sep && digits && is_digit(p[sep])) {
			/* a thousands space: groups of three after the first */
			if ((grouped && group != 3) || (!grouped && group > 3))
				return false;
			grouped = true;
			group = 0;
			p += sep;
			continue;
		}
		break;
	}
	if (!digits || (grouped && group != 3))
		return false;
	if (*p == ',' || *p == '.') {
		int n = 0, last_nonzero = 0;
		p++;
		if (!is_digit(*p))
			return false;
		out[o++] = '.';
		while (is_digit(*p)) {
			if (o + 2 >= size)
				return false;
			n++;
			if (*p != '0')
				last_nonzero = n;
			else if (last_nonzero == 0)
				frac_leading_zeros = n;
			out[o++] = *p++;
		}
		*decimals = last_nonzero;
	}
	out[o] = '\0';
	*significant = int_digits > 0 ? int_digits + *decimals
		: *decimals > 0 ? *decimals - frac_leading_zeros : 0;
	return *p == '\0';
}

static char *trim(const char *s)
{
	size_t len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	return xstrndup(s, len);
}

static bool parse_number(const struct survey_question *q, const char *s,
			 struct assess_value *out, char *msg)
{
	char buf[128], what[ASSESS_MSG_SIZE];
	int decimals, significant;
	double v;

	/* a file keeps 15 significant digits exactly, up to 1e15: more
	 * would be shown as something else than what was typed */
	if (number_normalise(s, buf, sizeof buf, &decimals, &significant) &&
	    num_parse(buf, &v) && (significant > 15 || fabs(v) > SURVEY_MAX_NUMBER)) {
		char *shown = text_visible_cut(s, 30);
		snprintf(msg, ASSESS_MSG_SIZE, _("'%s' is refused: at most 15 digits and at most "
						 "1e15 either way."), shown);
		free(shown);
		return false;
	}
	if (!number_normalise(s, buf, sizeof buf, &decimals, &significant) || !num_parse(buf, &v) ||
	    (q->has_min && v < q->min) || (q->has_max && v > q->max) ||
	    decimals > q->decimals) {
		char *shown = text_visible_cut(s, 30);
		assess_describe_input(q, what);
		snprintf(msg, ASSESS_MSG_SIZE, _("'%s' is refused: give %s."), shown, what);
		free(shown);
		return false;
	}
	if (v == 0)
		v = 0; /* "-0" is zero */
	out->state = ANSWER_GIVEN;
	out->number = v;
	return true;
}

static bool parse_multi(const struct survey_question *q, const char *s,
			struct assess_value *out, char *msg)
{
	unsigned long long set = 0;
	const char *p = s;

	if (strcmp(s, "-") != 0) {
		while (*p) {
			size_t len = strcspn(p, " ,");
			size_t opt = question_option_by_keytext(q, p, len);
			if (opt == ASSESS_NONE) {
				char what[ASSESS_MSG_SIZE];
				assess_describe_input(q, what);
				snprintf(msg, ASSESS_MSG_SIZE, _("Give %s."), what);
				return false;
			}
			set |= 1ull << opt;
			p += len;
			while (*p == ' ' || *p == ',')
				p++;
		}
	}
	out->state = ANSWER_GIVEN;
	out->chosen = set;
	return true;
}

bool assess_parse(const struct survey_question *q, const char *input,
		  struct assess_value *out, char *msg)
{
	char *s = trim(input ? input : "");
	bool ok = true;

	memset(out, 0, sizeof *out);
	msg[0] = '\0';
	if (!*s) {
		out->state = ANSWER_NONE;
		free(s);
		return true;
	}
	switch (q->type) {
	case QTYPE_TEXT:
		out->state = ANSWER_GIVEN;
		out->text = text_to_utf8(input);
		break;
	case QTYPE_NUMBER:
		ok = parse_number(q, s, out, msg);
		break;
	case QTYPE_MULTI:
		ok = parse_multi(q, s, out, msg);
		break;
	default: {
		size_t opt = question_option_by_keytext(q, s, strlen(s));
		if (opt == ASSESS_NONE) {
			char what[ASSESS_MSG_SIZE];
			assess_describe_input(q, what);
			snprintf(msg, ASSESS_MSG_SIZE, _("Give %s."), what);
			ok = false;
		} else {
			out->state = ANSWER_GIVEN;
			out->option = opt;
		}
		break;
	}
	}
	free(s);
	return ok;
}

void assess_value_release(struct assess_value *v)
{
	free(v->text);
	v->text = NULL;
}

char *assess_answer_text(const struct assess *a, size_t q)
{
	char decimal_sep = assess_decimal_sep();
	const struct answer *ans = &a->ss->answers->a[q];
	char buf[NUMFMT_SIZE], *dot;

	if (ans->state != ANSWER_GIVEN)
		return xstrdup("");
	switch (a->s->questions[q].type) {
	case QTYPE_NUMBER:
		/* the shortest form that reads back as the stored value:
		 * exactly what the file holds */
		num_format(buf, ans->number);
		if ((dot = strchr(buf, '.')) != NULL)
			*dot = decimal_sep;
		return xstrdup(buf);
	case QTYPE_TEXT:
		return xstrdup(ans->text ? ans->text : "");
	default:
		return xstrdup("");
	}
}

bool assess_check_name(const char *name, char *msg)
{
	size_t chars = 0;

	msg[0] = '\0';
	for (const char *p = name; *p; p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			chars++;
	if (chars > ASSESS_NAME_MAX) {
		snprintf(msg, ASSESS_MSG_SIZE,
			 _("The name is %zu characters long; at most %d are allowed."), chars,
			 ASSESS_NAME_MAX);
		return false;
	}
	return true;
}

/* ---- changes ---- */

enum assess_status assess_writable(const struct assess *a)
{
	return a->ss->read_only || a->ss->lock_fd < 0 ? ASSESS_READ_ONLY : ASSESS_SAVED;
}

char *assess_read_only_reason(const struct assess *a)
{
	const struct session *ss = a->ss;

	if (assess_writable(a) == ASSESS_SAVED)
		return NULL;
	switch (ss->foreign) {
	case SESSION_FOREIGN_RESULT:
		return xasprintf(_("Read-only: the result file is not yours (owner %s)."),
				 ss->foreign_owner);
	case SESSION_FOREIGN_LOCK:
		return xasprintf(_("Read-only: the lock file is not yours (owner %s)."),
				 ss->foreign_owner);
	case SESSION_FOREIGN_NONE:
		break;
	}
	if (ss->lock_fd < 0)
		return xstrdup(_("Read-only: another session holds this assessment."));
	return xstrdup(_("The result is final and read-only: reopen it to change it."));
}

/* Remembers q's answer before a change, for undo. */
static void remember(struct assess *a, size_t q)
{
	if (a->undo_len == ASSESS_UNDO_DEPTH) {
		answer_release(&a->undo[0].before);
		memmove(a->undo, a->undo + 1, (ASSESS_UNDO_DEPTH - 1) * sizeof a->undo[0]);
		a->undo_len--;
	}
	a->undo[a->undo_len].q = q;
	answer_copy(&a->undo[a->undo_len].before, &a->ss->answers->a[q]);
	a->undo_len++;
}

static bool same_answer(const struct answer *x, const struct answer *y)
{
	if (x->state != y->state || x->option != y->option || x->chosen != y->chosen ||
	    x->number != y->number)
		return false;
	if ((x->text == NULL) != (y->text == NULL) || (x->text && strcmp(x->text, y->text)))
		return false;
	return (x->comment == NULL) == (y->comment == NULL) &&
	       (!x->comment || strcmp(x->comment, y->comment) == 0);
}

/* After a change to q: drop an undo entry that changed nothing, settle
 * visibility and save. */
static enum assess_status changed(struct assess *a, size_t q)
{
	struct assess_undo_entry *last = &a->undo[a->undo_len - 1];

	if (last->q == q && same_answer(&last->before, &a->ss->answers->a[q])) {
		answer_release(&last->before);
		a->undo_len--;
		if (!a->unsaved)
			return ASSESS_UNCHANGED;
	}
	settle(a);
	return assess_save(a);
}

enum assess_status assess_save(struct assess *a)
{
	if (assess_writable(a) != ASSESS_SAVED)
		return ASSESS_READ_ONLY;
	a->unsaved = true;
	if (!session_save(a->ss))
		return ASSESS_NOT_SAVED;
	a->unsaved = false;
	return ASSESS_SAVED;
}

enum assess_status assess_set(struct assess *a, size_t q, const struct assess_value *v)
{
	struct answers *as = a->ss->answers;

	if (assess_writable(a) != ASSESS_SAVED)
		return ASSESS_READ_ONLY;
	remember(a, q);
	if (v->state != ANSWER_GIVEN) {
		answers_clear(as, q);
		return changed(a, q);
	}
	switch (a->s->questions[q].type) {
	case QTYPE_TEXT:
		answers_set_text(as, q, v->text ? v->text : "");
		break;
	case QTYPE_NUMBER:
		answers_set_number(as, q, v->number);
		break;
	case QTYPE_MULTI:
		answers_set_chosen(as, q, v->chosen);
		break;
	default:
		answers_set_option(as, q, v->option);
		break;
	}
	return changed(a, q);
}

enum assess_status assess_input(struct assess *a, size_t q, const char *input, char *msg)
{
	struct assess_value v;
	enum assess_status st;

	if (assess_writable(a) != ASSESS_SAVED)
		return ASSESS_READ_ONLY;
	if (!assess_parse(&a->s->questions[q], input, &v, msg))
		return ASSESS_REFUSED;
	st = assess_set(a, q, &v);
	assess_value_release(&v);
	return st;
}

enum assess_status assess_choose(struct assess *a, size_t q, size_t opt)
{
	struct assess_value v = {.state = ANSWER_GIVEN, .option = opt};

	if (opt >= a->s->questions[q].n_options || a->s->questions[q].type == QTYPE_MULTI)
		return ASSESS_REFUSED;
	return assess_set(a, q, &v);
}

static unsigned long long chosen_now(const struct assess *a, size_t q)
{
	const struct answer *ans = &a->ss->answers->a[q];
	return ans->state == ANSWER_GIVEN ? ans->chosen : 0;
}

enum assess_status assess_toggle(struct assess *a, size_t q, size_t opt)
{
	struct assess_value v = {.state = ANSWER_GIVEN};

	if (opt >= a->s->questions[q].n_options || a->s->questions[q].type != QTYPE_MULTI)
		return ASSESS_REFUSED;
	v.chosen = chosen_now(a, q) ^ (1ull << opt);
	return assess_set(a, q, &v);
}

enum assess_status assess_confirm(struct assess *a, size_t q)
{
	struct assess_value v = {.state = ANSWER_GIVEN};

	if (a->s->questions[q].type != QTYPE_MULTI)
		return ASSESS_REFUSED;
	if (a->ss->answers->a[q].state == ANSWER_GIVEN)
		return assess_writable(a) == ASSESS_SAVED ? ASSESS_UNCHANGED : ASSESS_READ_ONLY;
	v.chosen = 0;
	return assess_set(a, q, &v);
}

enum assess_status assess_toggle_na(struct assess *a, size_t q)
{
	if (assess_writable(a) != ASSESS_SAVED)
		return ASSESS_READ_ONLY;
	if (!a->s->questions[q].allow_na)
		return ASSESS_REFUSED;
	remember(a, q);
	if (a->ss->answers->a[q].state == ANSWER_NA)
		answers_clear(a->ss->answers, q);
	else
		answers_set_na(a->ss->answers, q);
	return changed(a, q);
}

enum assess_status assess_clear(struct assess *a, size_t q)
{
	struct assess_value v = {.state = ANSWER_NONE};

	return assess_set(a, q, &v);
}

enum assess_status assess_comment(struct assess *a, size_t q, const char *comment)
{
	if (assess_writable(a) != ASSESS_SAVED)
		return ASSESS_READ_ONLY;
	remember(a, q);
	answers_set_comment(a->ss->answers, q, comment);
	return changed(a, q);
}

enum assess_status assess_keep_typed(struct assess *a, size_t q, const char *text)
{
	char msg[ASSESS_MSG_SIZE];
	const char *old;
	enum assess_status st;
	char *kept;

	if (!text || !*text)
		return ASSESS_UNCHANGED;
	st = assess_input(a, q, text, msg);
	if (st != ASSESS_REFUSED)
		return st;
	old = a->ss->answers->a[q].comment;
	kept = xasprintf("%s%s%s %s", old ? old : "", old ? "\n" : "",
			 _("(typed, not confirmed:)"), text);
	st = assess_comment(a, q, kept);
	free(kept);
	return st;
}

enum assess_status assess_undo(struct assess *a, size_t *q)
{
	struct assess_undo_entry *last;
	struct answer *ans;

	if (assess_writable(a) != ASSESS_SAVED)
		return ASSESS_READ_ONLY;
	if (a->undo_len == 0)
		return ASSESS_UNCHANGED;
	last = &a->undo[--a->undo_len];
	ans = &a->ss->answers->a[last->q];
	answer_release(ans);
	*ans = last->before; /* the copy's strings move back */
	memset(&last->before, 0, sizeof last->before);
	*q = last->q;
	settle(a);
	return assess_save(a);
}

bool assess_save_to(struct assess *a, const char *dir, char **path_out, char **error)
{
	return session_save_to(a->ss, dir, path_out, error);
}

bool assess_moves_on(enum assess_status st)
{
	return st == ASSESS_SAVED || st == ASSESS_UNCHANGED || st == ASSESS_NOT_SAVED;
}

/* ---- finalising ---- */

enum assess_status assess_can_finalise(const struct assess *a, size_t *first_open)
{
	*first_open = ASSESS_NONE;
	if (assess_writable(a) != ASSESS_SAVED)
		return ASSESS_READ_ONLY;
	if (a->required_open > 0) {
		for (size_t q = 0; q < a->s->n_questions; q++)
			if (is_open(a, q) && a->s->questions[q].required) {
				*first_open = q;
				break;
			}
		return ASSESS_REFUSED;
	}
	return ASSESS_SAVED;
}

/* An event of the history, now, by this login; name is the typed name. */
static void event(struct assess *a, enum history_kind kind, const char *name,
		  const char *role, const char *action_id, enum action_status st,
		  long version, const char *note)
{
	history_add(&a->ss->history, kind, time(NULL), approval_login(),
		    name ? name : "", role ? role : "", action_id ? action_id : "", st,
		    version, note ? note : "");
}

static const char *respondent(const struct assess *a)
{
	return a->ss->answers->respondent ? a->ss->answers->respondent : "";
}

enum assess_status assess_finalise(struct assess *a, size_t *first_open)
{
	enum assess_status st = assess_can_finalise(a, first_open);
	size_t n = a->ss->history.n;

	if (st != ASSESS_SAVED)
		return st;
	event(a, HISTORY_FINALISE, respondent(a), NULL, NULL, ACTION_PLANNED, 0, NULL);
	if (!session_set_final(a->ss, true)) {
		history_truncate(&a->ss->history, n);
		return ASSESS_NOT_SAVED;
	}
	a->unsaved = false;
	return ASSESS_SAVED;
}

/* A typed one-line text, trimmed and valid UTF-8. Caller frees. */
static char *typed_line(const char *s)
{
	char *u = text_to_utf8(s ? s : ""), *p = u, *out;
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	out = xstrndup(p, n);
	free(u);
	return out;
}

enum assess_status assess_finalise_approved(struct assess *a, const char *name,
					    const char *role, size_t *first_open,
					    char *msg)
{
	enum assess_status st = assess_can_finalise(a, first_open);
	struct session *ss = a->ss;
	size_t n = ss->history.n;
	char *who, *as;

	msg[0] = '\0';
	if (st != ASSESS_SAVED)
		return st;
	who = typed_line(name);
	as = typed_line(role);
	if (!approval_check(who, as, msg)) {
		free(who);
		free(as);
		return ASSESS_REFUSED;
	}
	approval_release(&ss->approval);
	ss->approval.present = true;
	ss->approval.name = who;
	ss->approval.role = as;
	ss->approval.login = xstrdup(approval_login());
	ss->approval.at = time(NULL);
	event(a, HISTORY_FINALISE, respondent(a), NULL, NULL, ACTION_PLANNED, 0, NULL);
	event(a, HISTORY_APPROVAL, who, as, NULL, ACTION_PLANNED, 0, NULL);
	/* the save seals it (session_save) */
	if (!session_set_final(ss, true)) {
		approval_release(&ss->approval);
		history_truncate(&ss->history, n);
		return ASSESS_NOT_SAVED;
	}
	ss->seal_broken = false;
	a->unsaved = false;
	return ASSESS_SAVED;
}

enum assess_status assess_reopen(struct assess *a)
{
	struct session *ss = a->ss;
	struct approval was;
	size_t n = ss->history.n;

	if (!ss->answers->final)
		return ASSESS_UNCHANGED;
	if (ss->lock_fd < 0)
		return ASSESS_READ_ONLY;
	/* the approval is no longer valid: its event keeps it in the history */
	was = ss->approval;
	memset(&ss->approval, 0, sizeof ss->approval);
	event(a, HISTORY_REOPEN, respondent(a), NULL, NULL, ACTION_PLANNED, 0,
	      ss->seal_broken ? "the seal did not match: changed after approval" : NULL);
	if (!session_set_final(ss, false)) {
		ss->approval = was;
		history_truncate(&ss->history, n);
		return ASSESS_NOT_SAVED;
	}
	approval_release(&was);
	ss->seal_broken = false;
	a->unsaved = false;
	return ASSESS_SAVED;
}

const struct approval *assess_approval(const struct assess *a)
{
	return &a->ss->approval;
}

const struct history *assess_history(const struct assess *a)
{
	return &a->ss->history;
}

bool assess_seal_broken(const struct assess *a)
{
	return a->ss->seal_broken;
}

/* ---- the action plan ---- */

const struct action_list *assess_actions(const struct assess *a)
{
	return &a->ss->actions;
}

enum assess_status assess_action_add(struct assess *a, const struct action_input *in,
				     char **id_out, char *msg)
{
	struct session *ss = a->ss;
	struct action x = {0};

	msg[0] = '\0';
	if (id_out)
		*id_out = NULL;
	if (assess_writable(a) != ASSESS_SAVED)
		return ASSESS_READ_ONLY;
	x.status = ACTION_PLANNED;
	if (!action_apply(&x, in, a->s, msg)) {
		action_release(&x);
		return ASSESS_REFUSED;
	}
	free(x.id);
	x.id = actions_next_id(&ss->actions, a->previous ? &a->previous->actions : NULL);
	free(x.changed_by);
	x.changed_by = xstrdup(approval_login());
	x.changed_at = time(NULL);
	x.from_version = a->s->version;
	ss->actions.items = xgrow(ss->actions.items, &ss->actions.cap, ss->actions.n + 1,
				  sizeof *ss->actions.items);
	ss->actions.items[ss->actions.n++] = x;
	event(a, HISTORY_ACTION_ADDED, respondent(a), NULL, x.id, x.status, 0, NULL);
	if (id_out)
		*id_out = xstrdup(x.id);
	return assess_save(a);
}

static bool same_text(const char *x, const char *y)
{
	return strcmp(x ? x : "", y ? y : "") == 0;
}

static bool same_action(const struct action *x, const struct action *y)
{
	if (x->n_targets != y->n_targets || x->status != y->status ||
	    strcmp(x->due, y->due) != 0)
		return false;
	for (size_t i = 0; i < x->n_targets; i++)
		if (x->targets[i].kind != y->targets[i].kind ||
		    strcmp(x->targets[i].id, y->targets[i].id) != 0)
			return false;
	return same_text(x->title, y->title) && same_text(x->description, y->description) &&
	       same_text(x->owner, y->owner) && same_text(x->case_number, y->case_number) &&
	       same_text(x->comment, y->comment);
}

enum assess_status assess_action_change(struct assess *a, const char *id,
					const struct action_input *in, char *msg)
{
	struct session *ss = a->ss;
	size_t i = actions_index(&ss->actions, id ? id : "");
	struct action x;

	msg[0] = '\0';
	if (assess_writable(a) != ASSESS_SAVED)
		return ASSESS_READ_ONLY;
	if (i == (size_t)-1) {
		char *v = text_visible_cut(id ? id : "", 40);
		snprintf(msg, ASSESS_MSG_SIZE, _("There is no action %s."), v);
		free(v);
		return ASSESS_REFUSED;
	}
	action_copy(&x, &ss->actions.items[i]);
	if (!action_apply(&x, in, a->s, msg)) {
		action_release(&x);
		return ASSESS_REFUSED;
	}
	if (same_action(&x, &ss->actions.items[i])) {
		action_release(&x);
		return ASSESS_UNCHANGED;
	}
	free(x.changed_by);
	x.changed_by = xstrdup(approval_login());
	x.changed_at = time(NULL);
	action_release(&ss->actions.items[i]);
	ss->actions.items[i] = x;
	event(a, HISTORY_ACTION_CHANGED, respondent(a), NULL, x.id, x.status, 0, NULL);
	return assess_save(a);
}

/* ---- last year ---- */

/* True when a row of q before row i that counts (answered or not
 * applicable) has the same comment as row i. */
static bool same_comment_before(const struct previous *p, size_t q, size_t i)
{
	const char *c = previous_row_at(p, q, i)->field[RC_COMMENT];

	for (size_t j = 0; j < i; j++) {
		const struct result_row *y = previous_row_at(p, q, j);
		if ((y->v.state == STATE_ANSWERED || y->v.state == STATE_NA) &&
		    strcmp(y->field[RC_COMMENT], c) == 0)
			return true;
	}
	return false;
}

/* Of a merged question: the one row whose answer stands for all the
 * merged questions answered (or not applicable) last year into *r, and
 * their comments joined by new lines into *comment (NULL when none).
 * False when their answers differ. With none answered, *r is the first
 * row (not answered: refused by the caller). */
static bool merged_answer(const struct previous *p, size_t q,
			  const struct result_row **r, char **comment)
{
	const struct result_row *first = NULL;
	struct strbuf sb = {0};

	*comment = NULL;
	for (size_t i = 0; i < previous_n_rows(p, q); i++) {
		const struct result_row *x = previous_row_at(p, q, i);

		if (x->v.state != STATE_ANSWERED && x->v.state != STATE_NA)
			continue;
		if (!first) {
			first = x;
		} else if (x->v.state != first->v.state ||
			   strcmp(x->field[RC_ANSWER], first->field[RC_ANSWER]) != 0) {
			strbuf_free(&sb);
			return false;
		}
		if (*x->field[RC_COMMENT] && !same_comment_before(p, q, i))
			strbuf_printf(&sb, "%s%s", sb.len ? "\n" : "", x->field[RC_COMMENT]);
	}
	if (first)
		*r = first;
	if (sb.len)
		*comment = strbuf_detach(&sb);
	strbuf_free(&sb);
	return true;
}

enum assess_status assess_take_previous(struct assess *a, const struct previous *p,
					size_t q, char *msg)
{
	const struct result_row *r = previous_row(p, q);
	struct answers *as = a->ss->answers;
	char *comment, *merged_comment = NULL;

	msg[0] = '\0';
	if (!r) {
		snprintf(msg, ASSESS_MSG_SIZE, "%s",
			 _("This question is new this year: there is no answer from last year."));
		return ASSESS_REFUSED;
	}
	if (previous_kind(p, q) == REVISION_MERGED &&
	    !merged_answer(p, q, &r, &merged_comment)) {
		snprintf(msg, ASSESS_MSG_SIZE, "%s",
			 _("Last year's answers to the questions merged into this one differ: "
			   "answer it anew."));
		return ASSESS_REFUSED;
	}
	if (r->v.state != STATE_ANSWERED && r->v.state != STATE_NA) {
		snprintf(msg, ASSESS_MSG_SIZE, "%s",
			 _("The question was not answered last year: there is nothing to take over."));
		return ASSESS_REFUSED;
	}
	if (assess_writable(a) != ASSESS_SAVED) {
		free(merged_comment);
		return ASSESS_READ_ONLY;
	}
	remember(a, q);
	/* this year's comment stays when there is one */
	comment = as->a[q].comment ? xstrdup(as->a[q].comment) : merged_comment;
	if (as->a[q].comment)
		free(merged_comment);
	/* by this year's question: the row may be one of another id */
	answers_clear(as, q);
	if (!answers_take_row_at(as, q, r) || !answers_fit(as, q)) {
		struct assess_undo_entry *last = &a->undo[--a->undo_len];

		answer_release(&as->a[q]);
		as->a[q] = last->before; /* back as it was */
		memset(&last->before, 0, sizeof last->before);
		free(comment);
		snprintf(msg, ASSESS_MSG_SIZE, "%s",
			 _("Last year's answer does not fit this year's question: answer it anew."));
		return ASSESS_REFUSED;
	}
	if (comment)
		answers_set_comment(as, q, comment);
	free(comment);
	return changed(a, q);
}

const struct previous *assess_previous(const struct assess *a)
{
	return a->previous;
}

size_t assess_carry_previous(struct assess *a, const struct previous *p)
{
	struct session *ss = a->ss;
	size_t carried = 0, first;

	if (!p)
		return 0;
	a->previous = p;
	if (assess_writable(a) != ASSESS_SAVED || ss->answers->final)
		return 0;
	for (size_t i = 0; i < ss->history.n; i++)
		if (ss->history.ev[i].kind == HISTORY_CARRIED &&
		    ss->history.ev[i].version == p->version)
			return 0; /* done before: what was carried may have changed since */
	first = ss->actions.n;
	for (size_t i = 0; i < p->actions.n; i++) {
		const struct action *x = &p->actions.items[i];

		if (!action_status_open(x->status) || actions_find(&ss->actions, x->id))
			continue;
		ss->actions.items = xgrow(ss->actions.items, &ss->actions.cap,
					  ss->actions.n + 1, sizeof *ss->actions.items);
		action_copy(&ss->actions.items[ss->actions.n++], x);
		/* its history comes along, then the carrying itself */
		for (size_t k = 0; k < p->history.n; k++) {
			const struct history_event *e = &p->history.ev[k];
			if (strcmp(e->action_id, x->id) == 0)
				history_add(&ss->history, e->kind, e->at, e->login, e->name,
					    e->role, e->action_id, e->status, e->version,
					    e->note);
		}
		event(a, HISTORY_CARRIED, respondent(a), NULL, x->id, x->status, p->version,
		      NULL);
		carried++;
	}
	if (carried) {
		struct action_list added = {
			.items = ss->actions.items + first, .n = carried, .cap = carried,
		};
		actions_follow_revisions(&added, a->s, p->version, NULL);
		actions_fit_survey(&added, a->s, NULL);
	}
	return carried;
}

char *assess_intro_text(const struct survey *s, size_t lang, const char *out_dir)
{
	/* what matters most first: the description may need scrolling */
	return xasprintf(_("enkat is the yearly information-security self-assessment: "
			   "you answer for your department, every answer is saved at once, "
			   "and you can leave at any time and go on later. Answers are saved "
			   "in the folder %s, in a file named after the department.\n\n"
			   "Survey: %s (version %ld)\n%s"),
			 out_dir, survey_text_get(&s->title, lang), s->version,
			 survey_text_get(&s->description, lang));
}

char *assess_where_text(const struct assess *a)
{
	struct strbuf sb = {0};
	char *path, *dep;

	if (access(a->ss->path, F_OK) != 0)
		return xasprintf("%s\n", _("Nothing was answered, so nothing is saved yet."));
	path = text_visible(a->ss->path, false);
	dep = text_visible(a->ss->answers->department, false);
	strbuf_printf(&sb, _("The answers are saved in %s\n"), path);
	if (assess_is_final(a))
		strbuf_printf(&sb, "%s\n",
			      _("The result is final: send the file to the central office."));
	else
		strbuf_printf(&sb, _("The result is a draft. To go on, start enkat again for the "
				     "department \"%s\".\n"), dep);
	free(dep);
	free(path);
	return strbuf_detach(&sb);
}

bool assess_is_final(const struct assess *a)
{
	return a->ss->answers->final;
}

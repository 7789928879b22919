#include "actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "numfmt.h"
#include "revision.h"
#include "text.h"
#include "util.h"

static const char *const status_names[ACTION_N_STATUS] = {
	[ACTION_PLANNED] = "planned", [ACTION_ONGOING] = "ongoing",
	[ACTION_DONE] = "done", [ACTION_CANCELLED] = "cancelled",
};

/* the English labels, the msgids of the translated ones */
static const char *const status_labels[ACTION_N_STATUS] = {
	[ACTION_PLANNED] = N_("planned"), [ACTION_ONGOING] = N_("ongoing"),
	[ACTION_DONE] = N_("done"), [ACTION_CANCELLED] = N_("cancelled"),
};

const char *action_status_name(enum action_status st)
{
	return (size_t)st < ACTION_N_STATUS ? status_names[st] : "?";
}

const char *action_status_label(enum action_status st)
{
	return (size_t)st < ACTION_N_STATUS ? _(status_labels[st]) : "?";
}

bool action_status_from_name(const char *s, enum action_status *out)
{
	for (size_t i = 0; i < ACTION_N_STATUS; i++)
		if (strcmp(s, status_names[i]) == 0) {
			if (out)
				*out = (enum action_status)i;
			return true;
		}
	return false;
}

/* Case-insensitive for ASCII letters; other bytes (å, ä, ö) exactly. */
static bool same_word(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

bool action_status_parse(const char *s, enum action_status *out)
{
	size_t n = strlen(s);

	while (*s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	if (n == 1 && s[0] >= '1' && s[0] < '1' + ACTION_N_STATUS) {
		*out = (enum action_status)(s[0] - '1');
		return true;
	}
	for (size_t i = 0; i < ACTION_N_STATUS; i++) {
		char *w = xstrndup(s, n);
		bool same = same_word(w, status_names[i]) || same_word(w, status_labels[i]) ||
			    same_word(w, _(status_labels[i]));
		free(w);
		if (same) {
			*out = (enum action_status)i;
			return true;
		}
	}
	return false;
}

bool action_status_open(enum action_status st)
{
	return st == ACTION_PLANNED || st == ACTION_ONGOING;
}

/* ---- memory ---- */

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

void action_targets_release(struct action_target *targets, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(targets[i].id);
	free(targets);
}

void action_release(struct action *x)
{
	free(x->id);
	free(x->title);
	free(x->description);
	action_targets_release(x->targets, x->n_targets);
	free(x->owner);
	free(x->case_number);
	free(x->comment);
	free(x->changed_by);
	memset(x, 0, sizeof *x);
}

static struct action_target *targets_copy(const struct action_target *from, size_t n)
{
	struct action_target *to = n ? xcalloc(n, sizeof *to) : NULL;

	for (size_t i = 0; i < n; i++) {
		to[i].kind = from[i].kind;
		to[i].id = xstrdup(from[i].id);
	}
	return to;
}

void action_copy(struct action *to, const struct action *from)
{
	*to = *from;
	to->id = dup_or_empty(from->id);
	to->title = dup_or_empty(from->title);
	to->description = dup_or_empty(from->description);
	to->targets = targets_copy(from->targets, from->n_targets);
	to->owner = dup_or_empty(from->owner);
	to->case_number = dup_or_empty(from->case_number);
	to->comment = dup_or_empty(from->comment);
	to->changed_by = dup_or_empty(from->changed_by);
}

void actions_release(struct action_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		action_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void actions_copy(struct action_list *to, const struct action_list *from)
{
	memset(to, 0, sizeof *to);
	to->items = xgrow(NULL, &to->cap, from->n ? from->n : 1, sizeof *to->items);
	for (size_t i = 0; i < from->n; i++)
		action_copy(&to->items[i], &from->items[i]);
	to->n = from->n;
}

size_t actions_index(const struct action_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].id, id) == 0)
			return i;
	return (size_t)-1;
}

const struct action *actions_find(const struct action_list *l, const char *id)
{
	size_t i = actions_index(l, id);

	return i == (size_t)-1 ? NULL : &l->items[i];
}

/* n of an id "A<n>", or 0 */
static long id_number(const char *id)
{
	long n;

	if ((id[0] != 'A' && id[0] != 'a') || !num_parse_int(id + 1, 1, 999999999, &n))
		return 0;
	return n;
}

char *actions_next_id(const struct action_list *l, const struct action_list *also)
{
	long max = 0;

	for (size_t i = 0; i < l->n; i++)
		if (id_number(l->items[i].id) > max)
			max = id_number(l->items[i].id);
	for (size_t i = 0; also && i < also->n; i++)
		if (id_number(also->items[i].id) > max)
			max = id_number(also->items[i].id);
	return xasprintf("A%ld", max + 1);
}

/* ---- rules ---- */

bool action_check_date(const char *s, char *msg)
{
	msg[0] = '\0';
	if (!*s || result_parse_date(s))
		return true;
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
	    strspn(s, "0123456789-") == 10)
		snprintf(msg, ACTION_MSG_SIZE, _("There is no date %s: give a date that "
						 "exists, as YYYY-MM-DD."), s);
	else
		snprintf(msg, ACTION_MSG_SIZE, _("\"%.40s\" is not a date: give it as "
						 "YYYY-MM-DD, e.g. 2027-03-31."), s);
	return false;
}

static size_t area_index(const struct survey *s, const char *id)
{
	for (size_t i = 0; i < s->n_areas; i++)
		if (strcmp(s->areas[i].id, id) == 0)
			return i;
	return (size_t)-1;
}

bool action_parse_addresses(const struct survey *s, const char *addresses,
			    struct action_target **targets, size_t *n, char *msg)
{
	struct action_target *t = NULL;
	size_t cap = 0, count = 0;
	const char *p = addresses ? addresses : "";

	msg[0] = '\0';
	*targets = NULL;
	*n = 0;
	for (;;) {
		size_t len;
		char *word;
		bool area = false, question = false;
		const char *id;

		p += strspn(p, " ,;\t");
		if (!*p)
			break;
		len = strcspn(p, " ,;\t");
		word = xstrndup(p, len);
		p += len;
		if (same_word(word, "department")) {
			free(word);
			continue; /* alone: the whole department; with others: them */
		}
		id = word;
		if (strncmp(word, "area:", 5) == 0) {
			id = word + 5;
			area = area_index(s, id) != (size_t)-1;
			if (!area)
				goto unknown;
		} else if (strncmp(word, "question:", 9) == 0) {
			id = word + 9;
			question = survey_question_index(s, id) != (size_t)-1;
			if (!question)
				goto unknown;
		} else {
			area = area_index(s, id) != (size_t)-1;
			question = survey_question_index(s, id) != (size_t)-1;
			if (area && question) {
				char *v = text_visible_cut(id, 40);
				snprintf(msg, ACTION_MSG_SIZE, _("\"%s\" is both an area and a "
								 "question: write area:%s or "
								 "question:%s."), v, v, v);
				free(v);
				free(word);
				action_targets_release(t, count);
				return false;
			}
			if (!area && !question)
				goto unknown;
		}
		{
			enum action_target_kind kind = area ? ACTION_TARGET_AREA
							    : ACTION_TARGET_QUESTION;
			bool seen = false;

			for (size_t i = 0; i < count; i++)
				seen |= t[i].kind == kind && strcmp(t[i].id, id) == 0;
			if (!seen) {
				t = xgrow(t, &cap, count + 1, sizeof *t);
				t[count].kind = kind;
				t[count].id = xstrdup(id);
				count++;
			}
		}
		free(word);
		continue;
unknown:
		{
			char *v = text_visible_cut(id, 40);
			snprintf(msg, ACTION_MSG_SIZE, _("There is no area or question \"%s\" in "
							 "this survey."), v);
			free(v);
		}
		free(word);
		action_targets_release(t, count);
		return false;
	}
	*targets = t;
	*n = count;
	return true;
}

/* A free text of the action: valid (text_to_utf8 made it so), at most max
 * characters, one line unless multiline. */
static bool text_ok(const char *what, const char *s, size_t max, bool multiline,
		    char *msg)
{
	size_t chars = 0;

	for (const char *p = s; *p; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80)
			chars++;
		if (!multiline && (*p == '\n' || *p == '\r')) {
			snprintf(msg, ACTION_MSG_SIZE, _("%s: at most one line."), what);
			return false;
		}
	}
	if (chars > max) {
		snprintf(msg, ACTION_MSG_SIZE,
			 _("%s: %zu characters long; at most %zu are allowed."), what,
			 chars, max);
		return false;
	}
	return true;
}

/* Trimmed, valid UTF-8 copy of a typed text (NULL stays NULL). */
static char *typed(const char *s)
{
	char *u, *start;
	size_t n;

	if (!s)
		return NULL;
	u = text_to_utf8(s);
	start = u;
	while (*start == ' ' || *start == '\t')
		start++;
	n = strlen(start);
	while (n && (start[n - 1] == ' ' || start[n - 1] == '\t'))
		n--;
	start = xstrndup(start, n);
	free(u);
	return start;
}

bool action_apply(struct action *x, const struct action_input *in,
		  const struct survey *s, char *msg)
{
	char *title = typed(in->title), *desc = typed(in->description);
	char *owner = typed(in->owner), *due = typed(in->due);
	char *cas = typed(in->case_number), *comment = typed(in->comment);
	struct action_target *targets = NULL;
	size_t n_targets = 0;
	enum action_status st = x->status;
	bool ok = false;

	msg[0] = '\0';
	if (title && !*title) {
		snprintf(msg, ACTION_MSG_SIZE, "%s", _("An action needs a title."));
		goto out;
	}
	if (!title && (!x->title || !*x->title)) {
		snprintf(msg, ACTION_MSG_SIZE, "%s", _("An action needs a title."));
		goto out;
	}
	if ((title && !text_ok(_("Title"), title, ACTION_TEXT_MAX, false, msg)) ||
	    (owner && !text_ok(_("Owner"), owner, ACTION_TEXT_MAX, false, msg)) ||
	    (cas && !text_ok(_("Case number"), cas, ACTION_TEXT_MAX, false, msg)) ||
	    (desc && !text_ok(_("Description"), desc, 4000, true, msg)) ||
	    (comment && !text_ok(_("Comment"), comment, 4000, true, msg)))
		goto out;
	if (due && !action_check_date(due, msg))
		goto out;
	if (in->status && !action_status_parse(in->status, &st)) {
		char *v = text_visible_cut(in->status, 40);
		snprintf(msg, ACTION_MSG_SIZE, _("\"%s\" is not a status: give %s, %s, %s "
						 "or %s."), v,
			 action_status_label(ACTION_PLANNED), action_status_label(ACTION_ONGOING),
			 action_status_label(ACTION_DONE), action_status_label(ACTION_CANCELLED));
		free(v);
		goto out;
	}
	if (in->addresses &&
	    !action_parse_addresses(s, in->addresses, &targets, &n_targets, msg))
		goto out;
	/* every rule met: now it changes, all at once */
#define TAKE(field, v) do { if (v) { free(x->field); x->field = v; v = NULL; } \
	else if (!x->field) x->field = xstrdup(""); } while (0)
	TAKE(title, title);
	TAKE(description, desc);
	TAKE(owner, owner);
	TAKE(case_number, cas);
	TAKE(comment, comment);
#undef TAKE
	if (!x->id)
		x->id = xstrdup("");
	if (!x->changed_by)
		x->changed_by = xstrdup("");
	if (due)
		snprintf(x->due, sizeof x->due, "%s", due);
	x->status = st;
	if (in->addresses) {
		action_targets_release(x->targets, x->n_targets);
		x->targets = targets;
		x->n_targets = n_targets;
		targets = NULL;
		n_targets = 0;
	}
	ok = true;
out:
	free(title);
	free(desc);
	free(owner);
	free(due);
	free(cas);
	free(comment);
	action_targets_release(targets, n_targets);
	return ok;
}

/* ---- questions ---- */

char *action_today(char *buf)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
	return buf;
}

bool action_overdue(const struct action *x, const char *today)
{
	/* YYYY-MM-DD compare as strings */
	return action_status_open(x->status) && x->due[0] && strcmp(x->due, today) < 0;
}

bool action_addresses_question(const struct action *x, const char *question_id)
{
	for (size_t i = 0; i < x->n_targets; i++)
		if (x->targets[i].kind == ACTION_TARGET_QUESTION &&
		    strcmp(x->targets[i].id, question_id) == 0)
			return true;
	return false;
}

bool action_addresses_area(const struct action *x, const struct survey *s, size_t area)
{
	if (area >= s->n_areas)
		return false;
	for (size_t i = 0; i < x->n_targets; i++) {
		const struct action_target *t = &x->targets[i];
		size_t q;

		if (t->kind == ACTION_TARGET_AREA && strcmp(t->id, s->areas[area].id) == 0)
			return true;
		if (t->kind == ACTION_TARGET_QUESTION &&
		    (q = survey_question_index(s, t->id)) != (size_t)-1 &&
		    s->questions[q].area == area)
			return true;
	}
	return false;
}

size_t actions_open_in_area(const struct action_list *l, const struct survey *s,
			    size_t area)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		n += action_status_open(l->items[i].status) &&
		     action_addresses_area(&l->items[i], s, area);
	return n;
}

size_t actions_for_area(const struct action_list *l, const struct survey *s,
			size_t area, size_t *out)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		if (action_addresses_area(&l->items[i], s, area))
			out[n++] = i;
	return n;
}

void actions_count(const struct action_list *l, size_t *counts)
{
	memset(counts, 0, ACTION_N_STATUS * sizeof *counts);
	for (size_t i = 0; i < l->n; i++)
		if ((size_t)l->items[i].status < ACTION_N_STATUS)
			counts[l->items[i].status]++;
}

char *action_targets_text(const struct action *x, const struct survey *s, size_t lang)
{
	struct strbuf sb = {0};
	char *v;

	if (x->n_targets == 0)
		return xstrdup(_("the whole department"));
	for (size_t i = 0; i < x->n_targets; i++) {
		const struct action_target *t = &x->targets[i];
		size_t a;

		if (i)
			strbuf_puts(&sb, "; ");
		if (t->kind == ACTION_TARGET_AREA && (a = area_index(s, t->id)) != (size_t)-1)
			strbuf_printf(&sb, _("area %s"),
				      survey_text_get(&s->areas[a].title, lang));
		else if (t->kind == ACTION_TARGET_AREA)
			strbuf_printf(&sb, _("area %s"), t->id);
		else
			strbuf_printf(&sb, _("question %s"), t->id);
	}
	v = text_visible(sb.buf, false);
	strbuf_free(&sb);
	return v;
}

char *action_addresses_field(const struct action *x)
{
	struct strbuf sb = {0};

	if (x->n_targets == 0)
		return xstrdup("department");
	for (size_t i = 0; i < x->n_targets; i++)
		strbuf_printf(&sb, "%s%s:%s", i ? " " : "",
			      x->targets[i].kind == ACTION_TARGET_AREA ? "area" : "question",
			      x->targets[i].id);
	return strbuf_detach(&sb);
}

/* ---- the result file ---- */

void actions_add_rows(const struct action_list *l, struct result_table *t)
{
	char when[21], from[24];

	for (size_t i = 0; i < l->n; i++) {
		const struct action *x = &l->items[i];
		char *addr = action_addresses_field(x);

		result_table_begin_row(t, 0);
		result_table_set_common(t);
		result_table_set_str(t, RC_RECORD, "action");
		result_table_set_str(t, RC_ACTION_ID, x->id);
		result_table_set_str(t, RC_ACTION_TITLE, x->title);
		result_table_set_str(t, RC_ACTION_DESCRIPTION, x->description);
		result_table_set_str(t, RC_ACTION_ADDRESSES, addr);
		result_table_set_str(t, RC_ACTION_OWNER, x->owner);
		result_table_set_str(t, RC_ACTION_DUE, x->due);
		result_table_set_str(t, RC_ACTION_STATUS, action_status_name(x->status));
		result_table_set_str(t, RC_ACTION_CASE, x->case_number);
		result_table_set_str(t, RC_COMMENT, x->comment);
		if (x->from_version > 0) {
			snprintf(from, sizeof from, "%ld", x->from_version);
			result_table_set_str(t, RC_ACTION_FROM, from);
		}
		if (x->changed_at)
			result_table_set_str(t, RC_CHANGED_AT, result_format_time(when, x->changed_at));
		result_table_set_str(t, RC_CHANGED_BY, x->changed_by);
		free(addr);
	}
}

void actions_from_table(struct action_list *l, const struct result_table *t)
{
	actions_release(l);
	for (size_t i = 0; i < t->n_parts; i++) {
		const struct result_row *r = &t->parts[i];
		const char *const *f = r->field;
		struct action *x;
		const char *p = f[RC_ACTION_ADDRESSES];
		size_t cap = 0;
		long n;

		if (r->v.record != RECORD_ACTION)
			continue;
		l->items = xgrow(l->items, &l->cap, l->n + 1, sizeof *l->items);
		x = &l->items[l->n++];
		memset(x, 0, sizeof *x);
		x->id = xstrdup(f[RC_ACTION_ID]);
		x->title = xstrdup(f[RC_ACTION_TITLE]);
		x->description = xstrdup(f[RC_ACTION_DESCRIPTION]);
		x->owner = xstrdup(f[RC_ACTION_OWNER]);
		snprintf(x->due, sizeof x->due, "%s", f[RC_ACTION_DUE]);
		if (!action_status_from_name(f[RC_ACTION_STATUS], &x->status))
			x->status = ACTION_PLANNED; /* the reader refuses it first */
		x->case_number = xstrdup(f[RC_ACTION_CASE]);
		x->comment = xstrdup(f[RC_COMMENT]);
		x->changed_at = r->v.changed_at;
		x->changed_by = xstrdup(f[RC_CHANGED_BY]);
		if (num_parse_int(f[RC_ACTION_FROM], 1, 999999, &n))
			x->from_version = n;
		while (strcmp(p, "department") != 0 && *p) {
			size_t len = strcspn(p, " ");

			if (len > 5 && strncmp(p, "area:", 5) == 0) {
				x->targets = xgrow(x->targets, &cap, x->n_targets + 1,
						   sizeof *x->targets);
				x->targets[x->n_targets].kind = ACTION_TARGET_AREA;
				x->targets[x->n_targets++].id = xstrndup(p + 5, len - 5);
			} else if (len > 9 && strncmp(p, "question:", 9) == 0) {
				x->targets = xgrow(x->targets, &cap, x->n_targets + 1,
						   sizeof *x->targets);
				x->targets[x->n_targets].kind = ACTION_TARGET_QUESTION;
				x->targets[x->n_targets++].id = xstrndup(p + 9, len - 9);
			}
			p += len;
			p += strspn(p, " ");
		}
	}
}

size_t actions_fit_survey(struct action_list *l, const struct survey *s,
			  struct strbuf *notes)
{
	size_t dropped = 0;

	for (size_t i = 0; i < l->n; i++) {
		struct action *x = &l->items[i];
		size_t keep = 0;

		for (size_t k = 0; k < x->n_targets; k++) {
			struct action_target *t = &x->targets[k];
			bool known = t->kind == ACTION_TARGET_AREA
				? area_index(s, t->id) != (size_t)-1
				: survey_question_index(s, t->id) != (size_t)-1;

			if (known) {
				x->targets[keep++] = *t;
				continue;
			}
			if (notes)
				strbuf_printf(notes, "action %s: %s %s is not in the survey any "
					      "more\n", x->id, t->kind == ACTION_TARGET_AREA
					      ? "area" : "question", t->id);
			free(t->id);
			dropped++;
		}
		x->n_targets = keep;
	}
	return dropped;
}

/* True when x has a target of this kind and id among its first n. */
static bool has_target(const struct action_target *t, size_t n,
		       enum action_target_kind kind, const char *id)
{
	for (size_t k = 0; k < n; k++)
		if (t[k].kind == kind && strcmp(t[k].id, id) == 0)
			return true;
	return false;
}

size_t actions_follow_revisions(struct action_list *l, const struct survey *s,
				long old_version, struct strbuf *notes)
{
	size_t moved = 0;
	size_t cap = s->n_questions > s->n_areas ? s->n_questions : s->n_areas;
	size_t *succ = xcalloc(cap ? cap : 1, sizeof *succ);

	for (size_t i = 0; i < l->n; i++) {
		struct action *x = &l->items[i];
		struct action_target *out = NULL;
		size_t n_out = 0, out_cap = 0;

		for (size_t k = 0; k < x->n_targets; k++) {
			struct action_target *t = &x->targets[k];
			bool area = t->kind == ACTION_TARGET_AREA;
			enum revision_what what = area ? REVISION_AREA : REVISION_QUESTION;
			size_t n = revision_successors(s, what, t->id, old_version, succ, NULL);

			if (n == 0 || (n == 1 && strcmp(area ? s->areas[succ[0]].id
							    : s->questions[succ[0]].id,
							    t->id) == 0)) {
				/* the same id, or nothing: as it is */
				if (!has_target(out, n_out, t->kind, t->id)) {
					out = xgrow(out, &out_cap, n_out + 1, sizeof *out);
					out[n_out++] = *t;
				} else {
					free(t->id);
				}
				continue;
			}
			for (size_t m = 0; m < n; m++) {
				const char *id = area ? s->areas[succ[m]].id
						      : s->questions[succ[m]].id;

				if (notes)
					strbuf_printf(notes, "action %s: %s %s is %s %s now\n",
						      x->id, area ? "area" : "question", t->id,
						      area ? "area" : "question", id);
				if (has_target(out, n_out, t->kind, id))
					continue;
				out = xgrow(out, &out_cap, n_out + 1, sizeof *out);
				out[n_out].kind = t->kind;
				out[n_out++].id = xstrdup(id);
			}
			free(t->id);
			moved++;
		}
		free(x->targets);
		x->targets = out;
		x->n_targets = n_out;
	}
	free(succ);
	return moved;
}

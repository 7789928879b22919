#include "approval.h"

#include <nettle/sha2.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "numfmt.h"
#include "text.h"
#include "util.h"

static const char *const kind_names[HISTORY_N_KINDS] = {
	[HISTORY_FINALISE] = "finalise", [HISTORY_REOPEN] = "reopen",
	[HISTORY_APPROVAL] = "approval", [HISTORY_ACTION_ADDED] = "action-added",
	[HISTORY_ACTION_CHANGED] = "action-changed", [HISTORY_CARRIED] = "carried",
};

static const char *const kind_labels[HISTORY_N_KINDS] = {
	[HISTORY_FINALISE] = N_("finalised"), [HISTORY_REOPEN] = N_("reopened"),
	[HISTORY_APPROVAL] = N_("approved"), [HISTORY_ACTION_ADDED] = N_("action added"),
	[HISTORY_ACTION_CHANGED] = N_("action changed"),
	[HISTORY_CARRIED] = N_("action carried over from last year"),
};

const char *history_kind_name(enum history_kind k)
{
	return (size_t)k < HISTORY_N_KINDS ? kind_names[k] : "?";
}

const char *history_kind_label(enum history_kind k)
{
	return (size_t)k < HISTORY_N_KINDS ? _(kind_labels[k]) : "?";
}

bool history_kind_parse(const char *s, enum history_kind *out)
{
	for (size_t i = 0; i < HISTORY_N_KINDS; i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum history_kind)i;
			return true;
		}
	return false;
}

const char *approval_login(void)
{
	static char login[64];
	struct passwd *pw = getpwuid(geteuid());

	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(login, sizeof login, "%s", pw->pw_name);
	else
		snprintf(login, sizeof login, "%lu", (unsigned long)geteuid());
	return login;
}

/* ASSESS_NAME_MAX of assess.h, without depending on it */
#define NAME_MAX_CHARS 100

static size_t chars_of(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

bool approval_check(const char *name, const char *role, char *msg)
{
	const char *p = name ? name : "";

	msg[0] = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p) {
		snprintf(msg, 256, "%s", _("Give the name of who approves the result for "
					   "the department's management."));
		return false;
	}
	if (chars_of(name) > NAME_MAX_CHARS || (role && chars_of(role) > NAME_MAX_CHARS)) {
		snprintf(msg, 256, _("A name or role is at most %d characters long."),
			 NAME_MAX_CHARS);
		return false;
	}
	if (strpbrk(name, "\n\r") || (role && strpbrk(role, "\n\r"))) {
		snprintf(msg, 256, "%s", _("A name or role is one line."));
		return false;
	}
	return true;
}

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

void approval_release(struct approval *ap)
{
	free(ap->name);
	free(ap->role);
	free(ap->login);
	memset(ap, 0, sizeof *ap);
}

void approval_copy(struct approval *to, const struct approval *from)
{
	*to = *from;
	to->name = dup_or_empty(from->name);
	to->role = dup_or_empty(from->role);
	to->login = dup_or_empty(from->login);
}

static void event_copy(struct history_event *to, const struct history_event *from)
{
	*to = *from;
	to->login = dup_or_empty(from->login);
	to->name = dup_or_empty(from->name);
	to->role = dup_or_empty(from->role);
	to->action_id = dup_or_empty(from->action_id);
	to->note = dup_or_empty(from->note);
}

void history_add(struct history *h, enum history_kind kind, time_t at,
		 const char *login, const char *name, const char *role,
		 const char *action_id, enum action_status status, long version,
		 const char *note)
{
	struct history_event e = {
		.kind = kind, .at = at, .login = (char *)login, .name = (char *)name,
		.role = (char *)role, .action_id = (char *)action_id, .status = status,
		.version = version, .note = (char *)note,
	};

	h->ev = xgrow(h->ev, &h->cap, h->n + 1, sizeof *h->ev);
	event_copy(&h->ev[h->n++], &e);
}

void history_truncate(struct history *h, size_t n)
{
	for (size_t i = n; i < h->n; i++) {
		free(h->ev[i].login);
		free(h->ev[i].name);
		free(h->ev[i].role);
		free(h->ev[i].action_id);
		free(h->ev[i].note);
	}
	if (n < h->n)
		h->n = n;
}

void history_release(struct history *h)
{
	history_truncate(h, 0);
	free(h->ev);
	memset(h, 0, sizeof *h);
}

void history_copy(struct history *to, const struct history *from)
{
	memset(to, 0, sizeof *to);
	to->ev = xgrow(NULL, &to->cap, from->n ? from->n : 1, sizeof *to->ev);
	for (size_t i = 0; i < from->n; i++)
		event_copy(&to->ev[i], &from->ev[i]);
	to->n = from->n;
}

/* ---- the seal ---- */

/* A field of the canonical form: TAB, line ends and the backslash
 * escaped, so that fields and lines cannot run into each other. */
static void put(struct strbuf *sb, const char *s)
{
	strbuf_putc(sb, '\t');
	for (; *s; s++)
		switch (*s) {
		case '\\': strbuf_puts(sb, "\\\\"); break;
		case '\t': strbuf_puts(sb, "\\t"); break;
		case '\n': strbuf_puts(sb, "\\n"); break;
		case '\r': strbuf_puts(sb, "\\r"); break;
		default: strbuf_putc(sb, *s);
		}
}

/* What a part row is, from its field: a table built in memory has no
 * checked values (v), one read from file has both. */
static bool part_is(const struct result_row *r, const char *record)
{
	return strcmp(r->field[RC_RECORD], record) == 0;
}

static int by_field(const void *a, const void *b, enum result_column col)
{
	const struct result_row *x = *(const struct result_row *const *)a;
	const struct result_row *y = *(const struct result_row *const *)b;

	return strcmp(x->field[col], y->field[col]);
}

static int by_question(const void *a, const void *b)
{
	return by_field(a, b, RC_QUESTION_ID);
}

static int by_action(const void *a, const void *b)
{
	return by_field(a, b, RC_ACTION_ID);
}

char *approval_canonical(const struct result_table *t, size_t *len)
{
	struct strbuf sb = {0};
	const struct result_row **rows = xcalloc(t->n_rows + t->n_parts + 1, sizeof *rows);
	size_t n = 0;

	strbuf_puts(&sb, APPROVAL_SEAL_VERSION "\n");
	if (t->n_rows) {
		const char *const *f = t->rows[0].field;
		strbuf_puts(&sb, "survey");
		put(&sb, f[RC_SURVEY_ID]);
		put(&sb, f[RC_SURVEY_VERSION]);
		put(&sb, f[RC_SURVEY_SHA256]);
		put(&sb, f[RC_DEPARTMENT]);
		strbuf_putc(&sb, '\n');
	}
	for (size_t i = 0; i < t->n_rows; i++)
		rows[n++] = &t->rows[i];
	qsort(rows, n, sizeof *rows, by_question);
	for (size_t i = 0; i < n; i++) {
		const struct result_row *r = rows[i];
		strbuf_puts(&sb, "question");
		put(&sb, r->field[RC_QUESTION_ID]);
		put(&sb, r->field[RC_STATE]);
		put(&sb, r->field[RC_ANSWER]);
		put(&sb, r->field[RC_VALUE]);
		put(&sb, r->field[RC_NA]);
		put(&sb, r->field[RC_COMMENT]);
		strbuf_putc(&sb, '\n');
	}
	n = 0;
	for (size_t i = 0; i < t->n_parts; i++)
		if (part_is(&t->parts[i], "action"))
			rows[n++] = &t->parts[i];
	qsort(rows, n, sizeof *rows, by_action);
	for (size_t i = 0; i < n; i++) {
		static const enum result_column cols[] = {
			RC_ACTION_ID, RC_ACTION_TITLE, RC_ACTION_DESCRIPTION,
			RC_ACTION_ADDRESSES, RC_ACTION_OWNER, RC_ACTION_DUE,
			RC_ACTION_STATUS, RC_ACTION_CASE, RC_COMMENT,
		};
		strbuf_puts(&sb, "action");
		for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
			put(&sb, rows[i]->field[cols[c]]);
		strbuf_putc(&sb, '\n');
	}
	for (size_t i = 0; i < t->n_parts; i++) {
		const struct result_row *r = &t->parts[i];
		if (!part_is(r, "approval"))
			continue;
		strbuf_puts(&sb, "approval");
		put(&sb, r->field[RC_PERSON]);
		put(&sb, r->field[RC_ROLE]);
		put(&sb, r->field[RC_CHANGED_AT]);
		put(&sb, r->field[RC_CHANGED_BY]);
		strbuf_putc(&sb, '\n');
	}
	free(rows);
	*len = sb.len;
	return strbuf_detach(&sb);
}

void approval_seal(const struct result_table *t, char out[65])
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	size_t len;
	char *c = approval_canonical(t, &len);

	sha256_init(&ctx);
	sha256_update(&ctx, len, (const uint8_t *)c);
	sha256_digest(&ctx, sizeof digest, digest);
	free(c);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

enum approval_state approval_state_of(const struct result_table *t)
{
	char seal[65];

	for (size_t i = 0; i < t->n_parts; i++) {
		if (!part_is(&t->parts[i], "approval"))
			continue;
		approval_seal(t, seal);
		return strcmp(seal, t->parts[i].field[RC_SEAL]) == 0 ? APPROVAL_VALID
			: APPROVAL_BROKEN;
	}
	return APPROVAL_NONE;
}

/* ---- the result file ---- */

void approval_add_rows(const struct approval *ap, const struct history *h,
		       struct result_table *t)
{
	char when[21], num[24];

	if (ap->present) {
		result_table_begin_row(t, 0);
		result_table_set_common(t);
		result_table_set_str(t, RC_RECORD, "approval");
		result_table_set_str(t, RC_PERSON, ap->name ? ap->name : "");
		result_table_set_str(t, RC_ROLE, ap->role ? ap->role : "");
		result_table_set_str(t, RC_CHANGED_AT, result_format_time(when, ap->at));
		result_table_set_str(t, RC_CHANGED_BY, ap->login ? ap->login : "");
		result_table_set_str(t, RC_SEAL, ap->seal);
	}
	for (size_t i = 0; i < h->n; i++) {
		const struct history_event *e = &h->ev[i];
		bool about_action = e->kind == HISTORY_ACTION_ADDED ||
				    e->kind == HISTORY_ACTION_CHANGED ||
				    e->kind == HISTORY_CARRIED;

		result_table_begin_row(t, 0);
		result_table_set_common(t);
		result_table_set_str(t, RC_RECORD, "event");
		result_table_set_str(t, RC_EVENT, history_kind_name(e->kind));
		result_table_set_str(t, RC_CHANGED_AT, result_format_time(when, e->at));
		result_table_set_str(t, RC_CHANGED_BY, e->login);
		result_table_set_str(t, RC_PERSON, e->name);
		result_table_set_str(t, RC_ROLE, e->role);
		if (about_action) {
			result_table_set_str(t, RC_ACTION_ID, e->action_id);
			result_table_set_str(t, RC_ACTION_STATUS, action_status_name(e->status));
		}
		if (e->version > 0) {
			snprintf(num, sizeof num, "%ld", e->version);
			result_table_set_str(t, RC_ACTION_FROM, num);
		}
		result_table_set_str(t, RC_COMMENT, e->note);
	}
}

void approval_from_table(struct approval *ap, struct history *h,
			 const struct result_table *t)
{
	approval_release(ap);
	history_release(h);
	for (size_t i = 0; i < t->n_parts; i++) {
		const struct result_row *r = &t->parts[i];
		const char *const *f = r->field;

		if (r->v.record == RECORD_APPROVAL) {
			approval_release(ap);
			ap->present = true;
			ap->name = xstrdup(f[RC_PERSON]);
			ap->role = xstrdup(f[RC_ROLE]);
			ap->login = xstrdup(f[RC_CHANGED_BY]);
			ap->at = r->v.changed_at;
			snprintf(ap->seal, sizeof ap->seal, "%s", f[RC_SEAL]);
		} else if (r->v.record == RECORD_EVENT) {
			enum history_kind kind;
			enum action_status st = ACTION_PLANNED;
			long version = 0;

			if (!history_kind_parse(f[RC_EVENT], &kind))
				continue; /* the reader refuses it first */
			if (*f[RC_ACTION_STATUS])
				action_status_from_name(f[RC_ACTION_STATUS], &st);
			if (*f[RC_ACTION_FROM])
				num_parse_int(f[RC_ACTION_FROM], 1, 999999, &version);
			history_add(h, kind, r->v.changed_at, f[RC_CHANGED_BY], f[RC_PERSON],
				    f[RC_ROLE], f[RC_ACTION_ID], st, version, f[RC_COMMENT]);
		}
	}
}

#include "inifile.h"

#include <ini.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvfmt.h"
#include "util.h"

/* inih copies section names into a 50-byte buffer without saying so. */
#define INIH_MAX_SECTION 50

enum line_kind { LINE_BLANK, LINE_COMMENT, LINE_CONTINUATION, LINE_SECTION,
		 LINE_KEY, LINE_BAD };

struct parser {
	const char *file;
	struct diag *d;
	struct ini_doc *doc;
	const char *data;
	size_t len, pos;
	long line;            /* line of the chunk handed to inih last */
	bool at_line_start;
	enum line_kind kind;  /* of the current line */
	enum line_kind prev_kind;
	bool prev_name;       /* inih's notion: a key was seen in this section */
	struct ini_key *last_key; /* what a continuation line extends, or NULL */
	bool handled;         /* inih called the handler for the current line */
	/* every key, by section and name, to find duplicates: a 16 MiB file
	 * may hold a million keys in one section, and comparing each with
	 * every other would take hours */
	struct key_slot *slots;
	size_t n_slots, n_keys;
};

/* A key as (section index, key index); section SIZE_MAX: an empty slot. */
struct key_slot {
	size_t sec, key;
};

static size_t key_hash(size_t sec, const char *name)
{
	size_t h = 1469598103934665603u ^ sec;

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 1099511628211u;
	return h;
}

/* The slot of key name in section sec: its own, or the empty one where it
 * belongs. */
static struct key_slot *key_slot(const struct parser *p, size_t sec, const char *name)
{
	size_t mask = p->n_slots - 1, i = key_hash(sec, name) & mask;

	for (;; i = (i + 1) & mask) {
		struct key_slot *k = &p->slots[i];
		if (k->sec == SIZE_MAX || (k->sec == sec &&
		    strcmp(p->doc->sections[sec].keys[k->key].name, name) == 0))
			return k;
	}
}

static void key_remember(struct parser *p, size_t sec, size_t key)
{
	if (2 * (p->n_keys + 1) > p->n_slots) { /* grow, keeping it half empty */
		struct key_slot *old = p->slots;
		size_t n_old = p->n_slots;

		p->n_slots = n_old ? 2 * n_old : 64;
		p->slots = xmalloc(p->n_slots * sizeof *p->slots);
		for (size_t i = 0; i < p->n_slots; i++)
			p->slots[i].sec = SIZE_MAX;
		for (size_t i = 0; i < n_old; i++)
			if (old[i].sec != SIZE_MAX)
				*key_slot(p, old[i].sec, p->doc->sections[old[i].sec]
					  .keys[old[i].key].name) = old[i];
		free(old);
	}
	*key_slot(p, sec, p->doc->sections[sec].keys[key].name) =
		(struct key_slot){sec, key};
	p->n_keys++;
}

/* inih trims with isspace(); so must the classifier, or they disagree */
static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

static struct ini_section *section_add(struct ini_doc *doc, const char *name,
				       size_t n, long line)
{
	struct ini_section *sec;

	doc->sections = xgrow(doc->sections, &doc->cap_sections,
			      doc->n_sections + 1, sizeof *doc->sections);
	sec = &doc->sections[doc->n_sections++];
	memset(sec, 0, sizeof *sec);
	sec->name = xstrndup(name, n);
	sec->line = line;
	return sec;
}

/* A line that inih rejects is one it never hands to the handler: say why,
 * with its number, for every such line and not only the first. */
static void finish_line(struct parser *p)
{
	if (p->line == 0)
		return;
	if ((p->kind == LINE_KEY || p->kind == LINE_CONTINUATION) && !p->handled)
		diag_add(p->d, p->file, p->line,
			 "could not read this line as 'key = value'");
	if (p->kind != LINE_BLANK)
		p->prev_kind = p->kind;
	else
		p->prev_kind = LINE_BLANK;
}

/* Classifies a whole line the way inih's ini_parse_stream() will, so that
 * sections (even empty ones) and errors get their line numbers. */
static void classify(struct parser *p, const char *s, size_t n)
{
	size_t a = 0, b = n;

	while (b > 0 && (s[b - 1] == '\n' || is_blank(s[b - 1])))
		b--;
	while (a < b && is_blank(s[a]))
		a++;
	p->handled = false;
	if (a == b) {
		p->kind = LINE_BLANK;
	} else if (s[a] == ';' || s[a] == '#') {
		p->kind = LINE_COMMENT;
	} else if (a > 0 && p->prev_name) {
		p->kind = LINE_CONTINUATION;
		if (p->prev_kind == LINE_BLANK || p->prev_kind == LINE_COMMENT)
			diag_add(p->d, p->file, p->line,
				 "indented line after a blank or comment line: a "
				 "continuation line must follow its key directly "
				 "(or remove the indentation)");
	} else if (s[a] == '[') {
		const char *end = memchr(s + a, ']', b - a);
		size_t name_len;

		if (a > 0)
			diag_add(p->d, p->file, p->line, "indented section header: "
				 "'[' must be in the first column");
		p->last_key = NULL;
		p->prev_name = false;
		if (!end) {
			p->kind = LINE_BAD;
			diag_add(p->d, p->file, p->line, "section header without ']'");
			return;
		}
		p->kind = LINE_SECTION;
		name_len = (size_t)(end - (s + a + 1));
		if (end + 1 != s + b)
			diag_add(p->d, p->file, p->line,
				 "text after ']' in section header");
		if (name_len >= INIH_MAX_SECTION)
			diag_add(p->d, p->file, p->line,
				 "section name longer than %d bytes",
				 INIH_MAX_SECTION - 1);
		section_add(p->doc, s + a + 1, name_len, p->line);
	} else {
		const char *eq = memchr(s + a, '=', b - a);
		const char *colon = memchr(s + a, ':', b - a);

		if (!eq && !colon) {
			p->kind = LINE_BAD;
			diag_add(p->d, p->file, p->line,
				 "expected 'key = value', '[section]' or a comment "
				 "(';' or '#' at the start of the line)");
		} else {
			const char *delim = eq && (!colon || eq < colon) ? eq : colon;
			p->kind = LINE_KEY;
			if (a > 0)
				diag_add(p->d, p->file, p->line, "indented key: a key "
					 "starts at the first column (an indented line "
					 "continues the value above it)");
			if (delim == colon)
				diag_add(p->d, p->file, p->line, "use '=' between key "
					 "and value");
			p->prev_name = delim > s + a;
			p->last_key = NULL;
		}
	}
}

static char *reader(char *str, int num, void *stream)
{
	struct parser *p = stream;
	size_t room, n;
	const char *nl;

	if (p->pos >= p->len || num < 2)
		return NULL;
	room = (size_t)num - 1;
	nl = memchr(p->data + p->pos, '\n', p->len - p->pos);
	n = nl ? (size_t)(nl - (p->data + p->pos)) + 1 : p->len - p->pos;
	if (p->at_line_start) {
		finish_line(p);
		p->line++;
		classify(p, p->data + p->pos, n);
	}
	if (n > room)
		n = room; /* inih grows its buffer and asks for the rest */
	memcpy(str, p->data + p->pos, n);
	str[n] = '\0';
	p->pos += n;
	p->at_line_start = n > 0 && str[n - 1] == '\n';
	if (p->pos >= p->len)
		p->at_line_start = true;
	return str;
}

static struct ini_section *current_section(struct parser *p)
{
	if (p->doc->n_sections == 0) /* keys before any section header */
		section_add(p->doc, "", 0, p->line);
	return &p->doc->sections[p->doc->n_sections - 1];
}

static int handler(void *user, const char *section, const char *name,
		   const char *value)
{
	struct parser *p = user;
	struct ini_section *sec;
	struct ini_key *k;

	(void)section; /* may be cut at 49 bytes: ours is whole */
	p->handled = true;
	if (p->kind == LINE_CONTINUATION) {
		if (!p->last_key)
			return 1; /* continues a key already reported */
		size_t old = strlen(p->last_key->value), add = strlen(value);
		size_t gap = old > 0; /* "key =" then a continuation: no space */
		char *v = xmalloc(old + gap + add + 1);
		memcpy(v, p->last_key->value, old);
		if (gap)
			v[old] = ' ';
		memcpy(v + old + gap, value, add + 1);
		free(p->last_key->value);
		p->last_key->value = v;
		return 1;
	}
	if (p->kind != LINE_KEY) {
		diag_add(p->d, p->file, p->line, "unexpected line");
		return 1;
	}
	if (!*name) {
		diag_add(p->d, p->file, p->line, "missing key name before '='");
		return 1;
	}
	sec = current_section(p);
	if (p->n_slots) {
		struct key_slot *dup = key_slot(p, (size_t)(sec - p->doc->sections), name);
		if (dup->sec != SIZE_MAX) {
			diag_add(p->d, p->file, p->line,
				 "duplicate key '%s' (first given at line %ld)", name,
				 sec->keys[dup->key].line);
			p->last_key = NULL;
			return 1;
		}
	}
	sec->keys = xgrow(sec->keys, &sec->cap_keys, sec->n_keys + 1, sizeof *sec->keys);
	k = &sec->keys[sec->n_keys++];
	k->name = xstrdup(name);
	k->value = xstrdup(value);
	k->line = p->line;
	k->used = false;
	p->last_key = k;
	key_remember(p, (size_t)(sec - p->doc->sections), sec->n_keys - 1);
	return 1;
}

struct ini_doc *ini_doc_parse(const char *name, const char *data, size_t len,
			      struct diag *d)
{
	struct parser p = {0};
	size_t longest = 0, start = 0;

	if (csvfmt_bom_len(data, len)) {
		data += 3;
		len -= 3;
	}
	for (size_t i = 0; i <= len; i++)
		if (i == len || data[i] == '\n') {
			if (i - start > longest)
				longest = i - start;
			start = i + 1;
		}
	if (longest > (size_t)INT_MAX / 2)
		longest = (size_t)INT_MAX / 2;
	/* A heap buffer big enough for the longest line: with inih's defaults
	 * a line over 200 bytes is cut without an error. */
	ini_use_stack = false;
	ini_allow_realloc = true;
	ini_initial_alloc = (int)longest + 3 < 200 ? 200 : (int)longest + 3;
	ini_max_line = INT_MAX;
	ini_allow_multiline = true;
	ini_allow_inline_comments = false; /* a ';' in a question is text */
	ini_allow_bom = false;             /* skipped above */
	ini_allow_no_value = false;
	ini_stop_on_first_error = false;

	p.file = name;
	p.d = d;
	p.doc = xcalloc(1, sizeof *p.doc);
	p.data = data;
	p.len = len;
	p.at_line_start = true;
	p.prev_kind = LINE_BLANK;
	if (ini_parse_stream(reader, &p, handler, &p) == -2)
		fatal("out of memory while parsing %s", name);
	finish_line(&p);
	free(p.slots);
	p.doc->n_lines = (size_t)p.line;
	return p.doc;
}

struct ini_key *ini_take(struct ini_section *sec, const char *name)
{
	for (size_t i = 0; i < sec->n_keys; i++)
		if (strcmp(sec->keys[i].name, name) == 0) {
			sec->keys[i].used = true;
			return &sec->keys[i];
		}
	return NULL;
}

void ini_doc_free(struct ini_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->n_sections; i++) {
		struct ini_section *sec = &doc->sections[i];
		for (size_t j = 0; j < sec->n_keys; j++) {
			free(sec->keys[j].name);
			free(sec->keys[j].value);
		}
		free(sec->keys);
		free(sec->name);
	}
	free(doc->sections);
	free(doc);
}

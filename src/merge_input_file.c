/* merge_input_file: reads one input file as a stream, hashing its bytes
 * and stopping at the first NUL byte, and hands each result in it to the
 * engine's checked reader. Only an enkat-merge --output holds several
 * results; it is told by a header line coming again before each one.
 * Memory is one result at a time (at most MERGE_MAX_RESULT_BYTES), never
 * the whole file. */
#include "merge_input_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvfmt.h"
#include "i18n.h"
#include "util.h"

#define READ_BLOCK ((size_t)1 << 20)

/* Opens f for reading as it was found: a file found in a folder is opened
 * without following a link and must still be the file found; a named file
 * must be a regular file (a FIFO is never waited on). -1 with a message
 * in d. */
static int open_input(const struct merge_file *f, struct diag *d, off_t *size)
{
	struct stat st;
	int fd = open(f->path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
		      (f->in_folder ? O_NOFOLLOW : 0));

	if (fd < 0) {
		diag_add(d, f->path, 0, "%s", errno == ELOOP && f->in_folder
			 ? _("is a symbolic link now: not followed") : strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		diag_add(d, f->path, 0, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	if (f->in_folder && (st.st_dev != f->dev || st.st_ino != f->ino ||
			     !S_ISREG(st.st_mode))) {
		diag_add(d, f->path, 0, "%s", _("was replaced since it was found: not read"));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(d, f->path, 0, "%s", S_ISDIR(st.st_mode) ? _("is a directory")
			 : _("not a regular file"));
		close(fd);
		return -1;
	}
	/* reading a regular file never blocks; later reads wait for it */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	*size = st.st_size;
	return fd;
}

static void hex(const uint8_t *digest, char out[65])
{
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

bool merge_input_file_hash(const struct merge_file *f, char sha[65], struct diag *d)
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	char *buf;
	off_t size;
	int fd = open_input(f, d, &size);
	ssize_t n;

	if (fd < 0)
		return false;
	buf = xmalloc(READ_BLOCK);
	sha256_init(&ctx);
	while ((n = read(fd, buf, READ_BLOCK)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_add(d, f->path, 0, "%s", strerror(errno));
			free(buf);
			close(fd);
			return false;
		}
		if (memchr(buf, '\0', (size_t)n)) {
			/* not a result file: the reading says so, at once */
			*sha = '\0';
			free(buf);
			close(fd);
			return true;
		}
		sha256_update(&ctx, (size_t)n, (const uint8_t *)buf);
	}
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
	hex(digest, sha);
	free(buf);
	close(fd);
	return true;
}

/* ------------------------------ an --output written before the header rule */

struct chunk {
	size_t start, len;  /* bytes of its records in the data */
	long line;          /* line of its first record */
	size_t rows;
	const char *key;    /* survey_id ... updated_at of its first row */
	size_t key_len;
	const char *ver;    /* survey_id and survey_version */
	size_t ver_len;
};

/* Where the next record starts: scans one CSV record from p, honouring
 * quotes (a quoted field may hold line breaks). */
static const char *record_end(const char *p, const char *end, char delim,
			      bool fields, const char **fstart, const char **fend,
			      size_t nf)
{
	size_t field = 0;
	const char *start = p;

	while (p < end) {
		if (*p == '"') {
			const char *q = p + 1;
			for (;;) {
				q = memchr(q, '"', (size_t)(end - q));
				if (!q)
					return end; /* never closed: the reader reports it */
				if (q + 1 < end && q[1] == '"') {
					q += 2;
					continue;
				}
				break;
			}
			p = q + 1;
			continue;
		}
		if (*p == '\n')
			return p + 1;
		if (fields && *p == delim) {
			if (field < nf) {
				fstart[field] = start;
				fend[field] = p;
			}
			field++;
			start = p + 1;
		}
		p++;
	}
	return end;
}

/* Splits data into the results an --output of an older enkat-merge holds,
 * one after another under one header: a new one begins wherever the
 * columns that name a result (survey_id to updated_at) change from one row
 * to the next, or where the result's first question comes again. */
static size_t split_results(const char *data, size_t len, size_t *header_len,
			    struct chunk **out)
{
	const char *end = data + len, *p = data, *rec;
	char delim = len > 10 && memcmp(data, "survey_id;", 10) == 0 ? ';' : ',';
	const char *key = NULL, *qid = NULL;
	size_t key_len = 0, qid_len = 0, n = 0, cap = 0;
	struct chunk *chunks = NULL;
	long line = 1;
	const char *counted = data;

	p = record_end(p, end, delim, false, NULL, NULL, 0);
	*header_len = (size_t)(p - data);
	while (p < end) {
		const char *fs[11], *fe[11];

		rec = p;
		if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')) {
			p += *p == '\n' ? 1 : 2;
			continue;
		}
		if (key && (size_t)(end - p) > key_len && memcmp(p, key, key_len) == 0) {
			/* fields from area_id on: the question id is the fourth */
			const char *rs[4] = {NULL}, *re[4];
			p = record_end(p + key_len, end, delim, true, rs, re, 4);
			if (!rs[3] || (size_t)(re[3] - rs[3]) != qid_len ||
			    memcmp(rs[3], qid, qid_len) != 0) {
				chunks[n - 1].rows++;
				continue;
			}
			fs[7] = rec + key_len;
			fs[10] = rs[3];
			fe[10] = re[3];
			fs[1] = NULL;
		} else {
			memset(fs, 0, sizeof fs);
			p = record_end(p, end, delim, true, fs, fe, 11);
			if (!fs[10]) { /* too few fields: the reader reports it */
				if (n)
					chunks[n - 1].rows++;
				continue;
			}
		}
		key = rec;
		key_len = (size_t)(fs[7] - rec); /* survey_id ... updated_at, */
		qid = fs[10];
		qid_len = (size_t)(fe[10] - fs[10]);
		for (; counted < rec; counted++)
			line += *counted == '\n';
		if (n)
			chunks[n - 1].len = (size_t)(rec - data) - chunks[n - 1].start;
		chunks = xgrow(chunks, &cap, n + 1, sizeof *chunks);
		chunks[n].start = (size_t)(rec - data);
		chunks[n].line = line;
		chunks[n].rows = 1;
		chunks[n].key = key;
		chunks[n].key_len = key_len;
		/* survey_id and survey_version: the first two fields */
		chunks[n].ver = rec;
		chunks[n].ver_len = 0;
		{
			const char *comma = memchr(rec, delim, key_len);
			comma = comma ? memchr(comma + 1, delim,
					       key_len - (size_t)(comma + 1 - rec)) : NULL;
			chunks[n].ver_len = comma ? (size_t)(comma - rec) : key_len;
		}
		n++;
	}
	if (n)
		chunks[n - 1].len = len - chunks[n - 1].start;
	*out = chunks;
	return n;
}

static int key_cmp(const void *a, const void *b, void *arg)
{
	const struct chunk *c = arg;
	const struct chunk *x = &c[*(const size_t *)a], *y = &c[*(const size_t *)b];
	int d = memcmp(x->key, y->key, x->key_len < y->key_len ? x->key_len : y->key_len);

	return d ? d : (x->key_len > y->key_len) - (x->key_len < y->key_len);
}

/* Whether the chunks look like an older --output's results: the results
 * of one survey version have one number of rows (their questions), and no
 * two name the same result (survey, department, status, time). A
 * department's file with a row of another department in it splits into
 * pieces of its own result around that row, which fail both. */
static bool chunks_are_results(const struct chunk *c, size_t n)
{
	size_t *idx = xcalloc(n, sizeof *idx);
	bool ok = true;

	for (size_t i = 1; i < n && ok; i++)
		for (size_t k = 0; k < i; k++)
			if (c[k].ver_len == c[i].ver_len &&
			    memcmp(c[k].ver, c[i].ver, c[i].ver_len) == 0) {
				ok = c[k].rows == c[i].rows;
				break;
			}
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	/* the chunks are the threads' own: a sort with its context */
	qsort_r(idx, n, sizeof *idx, key_cmp, (void *)c);
	for (size_t i = 1; i < n && ok; i++)
		ok = key_cmp(&idx[i - 1], &idx[i], (void *)c) != 0;
	free(idx);
	return ok;
}

/* ------------------------------------------------------------ streaming */

struct stream {
	const struct merge_file *f;
	struct diag *d;
	bool *bad;
	void (*fn)(struct result_table *t, void *arg);
	void *arg;
	size_t valid;
	struct merge_read_info *info;
};

/* Moves the lines of the problems from `before` on, and of t's rows, by
 * off: a result of an --output is read on its own, its lines counted from
 * its own header. */
static void shift_lines(struct diag *d, size_t before, struct result_table *t, long off)
{
	for (size_t k = before; k < d->count; k++)
		if (d->entries[k].line > 0)
			d->entries[k].line += off;
	if (t)
		for (size_t i = 0; i < t->n_rows; i++)
			t->rows[i].line += off;
}

/* One result of a file with the header rule: data[0..len) begins with its
 * header, at line first_line of the file. */
static void take_chunk(struct stream *s, const char *data, size_t len, long first_line)
{
	size_t before = s->d->count;
	struct result_table *t = result_load_buffer(s->f->path, data, len, s->d);

	shift_lines(s->d, before, t, first_line - 1);
	if (t) {
		s->fn(t, s->arg);
		s->valid++;
	} else {
		*s->bad = true;
	}
}

/* The whole file as one piece: a result, or an --output of an older
 * enkat-merge, or the reader's own messages. */
static void take_whole(struct stream *s, const char *data, size_t len)
{
	struct diag whole = {0};
	struct result_table *t = result_load_buffer(s->f->path, data, len, &whole);
	const char *body = data;
	struct chunk *chunks = NULL;
	size_t header_len, n_chunks;

	if (t) {
		diag_free(&whole);
		s->fn(t, s->arg);
		s->valid++;
		return;
	}
	if (csvfmt_bom_len(data, len))
		body += 3;
	n_chunks = split_results(body, len - (size_t)(body - data), &header_len, &chunks);
	if (n_chunks <= 1 || !chunks_are_results(chunks, n_chunks)) {
		for (size_t k = 0; k < whole.count; k++)
			diag_add(s->d, whole.entries[k].file, whole.entries[k].line, "%s",
				 whole.entries[k].message);
		diag_free(&whole);
		free(chunks);
		*s->bad = true;
		return;
	}
	diag_free(&whole);
	s->info->merged_output = true;
	{
		struct strbuf sb = {0};
		long header_lines = 0;

		for (size_t k = 0; k < header_len; k++)
			header_lines += body[k] == '\n';
		for (size_t i = 0; i < n_chunks; i++) {
			size_t before = s->d->count;

			strbuf_reset(&sb);
			strbuf_add(&sb, body, header_len);
			strbuf_add(&sb, body + chunks[i].start, chunks[i].len);
			/* the header is line 1 here, the first row the line
			 * after it: rows and messages are moved to the file's
			 * lines (a message on the header stays on line 1) */
			t = result_load_buffer(s->f->path, sb.buf, sb.len, s->d);
			for (size_t k = before; k < s->d->count; k++)
				if (s->d->entries[k].line > header_lines)
					s->d->entries[k].line += chunks[i].line - header_lines - 1;
			if (t) {
				for (size_t r = 0; r < t->n_rows; r++)
					t->rows[r].line += chunks[i].line - header_lines - 1;
				s->fn(t, s->arg);
				s->valid++;
			} else {
				*s->bad = true;
			}
		}
		strbuf_free(&sb);
	}
	free(chunks);
}

/* Whether a record is a header line: it begins with the column names
 * survey_id and survey_version (either dialect). No row can: its
 * survey_version is a number. The headers of one --output differ when
 * some results carry the yearly loop's columns and others do not. */
static bool is_header(const char *rec, size_t len)
{
	static const char *const starts[] = {
		"survey_id,survey_version,", "survey_id;survey_version;",
	};

	for (size_t i = 0; i < 2; i++)
		if (len >= strlen(starts[i]) && memcmp(rec, starts[i], strlen(starts[i])) == 0)
			return true;
	return false;
}

/* A record without its line end: \n or \r\n */
static size_t trim_eol(const char *p, size_t n)
{
	if (n && p[n - 1] == '\n')
		n--;
	if (n && p[n - 1] == '\r')
		n--;
	return n;
}

size_t merge_input_file_read(const struct merge_file *f, struct diag *d, bool *bad,
			     struct merge_read_info *info,
			     void (*fn)(struct result_table *t, void *arg), void *arg)
{
	struct stream s = {f, d, bad, fn, arg, 0, info};
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	char *buf = NULL;
	size_t len = 0, cap = 0, scan = 0, rec_start = 0;
	bool seen_header = false;
	long line = 1;          /* the line at buf[scan] */
	long chunk_line = 1;    /* the line at buf[0] */
	bool inq = false, ok = true;
	off_t size;
	int fd;

	*bad = false;
	memset(info, 0, sizeof *info);
	if ((fd = open_input(f, d, &size)) < 0) {
		*bad = true;
		return 0;
	}
	/* room for the whole of a file of one result, and one more byte to
	 * see its end: most files are read with one buffer and two reads */
	cap = size > 0 && (size_t)size < READ_BLOCK ? (size_t)size + 1 : READ_BLOCK;
	buf = xmalloc(cap + 1);
	sha256_init(&ctx);
	for (;;) {
		ssize_t n;
		const char *nul;

		if (cap == len) {
			cap = cap < READ_BLOCK ? READ_BLOCK : cap * 2;
			buf = xrealloc(buf, cap + 1);
		}
		n = read(fd, buf + len, cap - len < READ_BLOCK ? cap - len : READ_BLOCK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_add(d, f->path, 0, "%s", strerror(errno));
			ok = false;
			break;
		}
		if (n == 0)
			break;
		sha256_update(&ctx, (size_t)n, (const uint8_t *)buf + len);
		/* before anything else: a sparse or binary file is refused
		 * at its first block, not after it was read whole */
		if ((nul = memchr(buf + len, '\0', (size_t)n)) != NULL) {
			long at = line;
			for (const char *q = buf + scan; q < nul; q++)
				at += *q == '\n';
			diag_add(d, f->path, at, "%s", _("NUL byte: this is a binary file, "
							 "not a result file"));
			ok = false;
			break;
		}
		len += (size_t)n;
		buf[len] = '\0'; /* no NUL in it: strcspn stops at the end */
		for (; scan < len; scan++) {
			char c;

			/* to the next quote or line end at once */
			scan += strcspn(buf + scan, "\"\n");
			if (scan >= len)
				break;
			c = buf[scan];

			if (c == '"') {
				inq = !inq; /* "" inside quotes: twice, no change */
			} else if (c == '\n') {
				if (!inq) {
					const char *rec = buf + rec_start;
					size_t rl = trim_eol(rec, scan + 1 - rec_start);

					if (!seen_header) {
						seen_header = true; /* the file's own */
					} else if (is_header(rec, rl)) {
						/* the header again: an --output,
						 * and what came before is a result */
						info->merged_output = true;
						take_chunk(&s, buf, rec_start, chunk_line);
						memmove(buf, buf + rec_start, len - rec_start);
						len -= rec_start;
						scan -= rec_start;
						rec_start = 0;
						chunk_line = line;
					}
					rec_start = scan + 1;
				}
				line++;
			}
		}
		if (len > MERGE_MAX_RESULT_BYTES) {
			diag_add(d, f->path, chunk_line, _("more than %zu MiB in one result: "
				 "not a result file (an enkat-merge --output repeats its "
				 "header line before each result)"), MERGE_MAX_RESULT_BYTES >> 20);
			ok = false;
			break;
		}
	}
	close(fd);
	if (ok) {
		if (info->merged_output)
			take_chunk(&s, buf ? buf : "", len, chunk_line);
		else
			take_whole(&s, buf ? buf : "", len);
		sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
		hex(digest, info->sha256);
	} else {
		*bad = true;
	}
	free(buf);
	return s.valid;
}

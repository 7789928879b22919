/* merge_input: finds the input files, reads them one at a time with the
 * engine's checked reader, checks that results of one survey version agree
 * with each other, and keeps per department only what the figures need. */
#include "merge_input.h"
#include "merge_input_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "i18n.h"
#include "numfmt.h"
#include "text.h"
#include "util.h"


/* ------------------------------------------------------------ the paths */

struct found {
	char *path;
	dev_t dev;
	ino_t ino;
	off_t size;
	bool dup;
	bool in_folder;
};

struct found_list {
	struct found *v;
	size_t n, cap;
};

static bool has_csv_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

static int found_cmp(const void *a, const void *b)
{
	return strcmp(((const struct found *)a)->path, ((const struct found *)b)->path);
}

/* qsort has no context argument: the list being sorted by inode */
static const struct found *sort_found;

static int inode_cmp(const void *a, const void *b)
{
	const struct found *x = &sort_found[*(const size_t *)a];
	const struct found *y = &sort_found[*(const size_t *)b];

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	/* the first found is kept */
	return (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

static void found_add(struct found_list *l, char *path, const struct stat *st,
		      bool in_folder)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n].in_folder = in_folder;
	l->v[l->n].path = path;
	l->v[l->n].dev = st->st_dev;
	l->v[l->n].ino = st->st_ino;
	l->v[l->n].size = st->st_size;
	l->v[l->n].dup = false;
	l->n++;
}

/* Every *.csv under dir. No symbolic link is followed: one named *.csv is
 * reported (a coordinator must not be able to make the central office's
 * merge read what a link points to), links to folders are left alone, and
 * a *.csv that is not a regular file (a FIFO, a device) is reported rather
 * than skipped in silence. Hidden names are skipped: spreadsheet lock
 * files and editors' backups. */
static void walk_dir(const char *dir, struct found_list *l, struct merge_set *set,
		     int depth)
{
	struct diag *d = &set->problems;
	/* a subfolder swapped for a link since it was looked at is not
	 * followed either */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | (depth > 0 ? O_NOFOLLOW : 0) | O_CLOEXEC);
	DIR *dp = dfd >= 0 ? fdopendir(dfd) : NULL;
	struct dirent *e;

	if (!dp) {
		diag_add(d, dir, 0, "%s", strerror(errno));
		if (dfd >= 0)
			close(dfd);
		return;
	}
	while ((e = readdir(dp)) != NULL) {
		struct stat lst, st;
		bool is_dir;
		char *path;

		if (e->d_name[0] == '.')
			continue;
		/* d_type spares a system call per file where the file system
		 * tells it; a link or an unknown type is looked at */
		if (e->d_type == DT_REG && !has_csv_suffix(e->d_name))
			continue;
		path = xasprintf("%s%s%s", dir,
				 dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		if (e->d_type == DT_DIR) {
			is_dir = true;
		} else if (e->d_type == DT_REG) {
			is_dir = false;
		} else if (lstat(path, &lst) != 0) {
			diag_add(d, path, 0, "%s", strerror(errno));
			free(path);
			continue;
		} else if (S_ISLNK(lst.st_mode)) {
			if (has_csv_suffix(e->d_name)) {
				diag_add(d, path, 0, "a symbolic link: not followed (name the "
					 "file itself to merge it)");
				set->refused++;
			}
			free(path);
			continue;
		} else {
			is_dir = S_ISDIR(lst.st_mode);
		}
		if (is_dir) {
			if (depth < 64)
				walk_dir(path, l, set, depth + 1);
			free(path);
		} else if (has_csv_suffix(e->d_name) && lstat(path, &st) == 0 &&
			   S_ISREG(st.st_mode)) {
			found_add(l, path, &st, true);
		} else {
			if (has_csv_suffix(e->d_name)) {
				diag_add(d, path, 0, "not a regular file: left out");
				set->refused++;
			}
			free(path);
		}
	}
	closedir(dp);
}

static void add_file(struct merge_set *set, const struct found *f)
{
	struct merge_file *m;

	set->files = xgrow(set->files, &set->cap_files, set->n_files + 1,
			   sizeof *set->files);
	m = &set->files[set->n_files++];
	memset(m, 0, sizeof *m);
	m->path = f->path;
	m->in_folder = f->in_folder;
	m->dev = f->dev;
	m->ino = f->ino;
	m->size = f->size;
	m->same_as = (size_t)-1;
}

void merge_input_paths(struct merge_set *set, char **paths, size_t n,
			 const char *const *outputs, size_t n_outputs)
{
	struct found_list all = {0};
	struct stat *out_st = xcalloc(n_outputs ? n_outputs : 1, sizeof *out_st);
	bool *out_exists = xcalloc(n_outputs ? n_outputs : 1, sizeof *out_exists);

	for (size_t i = 0; i < n_outputs; i++)
		out_exists[i] = stat(outputs[i], &out_st[i]) == 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		size_t before = all.n;

		if (stat(paths[i], &st) != 0) {
			diag_add(&set->problems, paths[i], 0, "%s", strerror(errno));
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			/* a FIFO or device is reported by the reader */
			found_add(&all, xstrdup(paths[i]), &st, false);
			continue;
		}
		walk_dir(paths[i], &all, set, 0);
		if (all.n > before) /* qsort must not see NULL, even for nothing */
			qsort(all.v + before, all.n - before, sizeof *all.v, found_cmp);
		if (all.n == before)
			diag_add(&set->problems, paths[i], 0,
				 "no result files (*.csv) in this folder");
	}
	/* the same file twice (named and in a folder) is read once: sort
	 * the indexes by inode, keep the first of each */
	{
		size_t *idx = xcalloc(all.n ? all.n : 1, sizeof *idx);
		for (size_t i = 0; i < all.n; i++)
			idx[i] = i;
		sort_found = all.v;
		qsort(idx, all.n, sizeof *idx, inode_cmp);
		for (size_t i = 1; i < all.n; i++)
			if (all.v[idx[i]].dev == all.v[idx[i - 1]].dev &&
			    all.v[idx[i]].ino == all.v[idx[i - 1]].ino)
				all.v[idx[i]].dup = true;
		free(idx);
	}
	for (size_t i = 0; i < all.n; i++) {
		bool skip = all.v[i].dup;

		for (size_t k = 0; k < n_outputs && !skip; k++)
			if (out_exists[k] && out_st[k].st_dev == all.v[i].dev &&
			    out_st[k].st_ino == all.v[i].ino) {
				diag_add(&set->notes, all.v[i].path, 0, "not read: it is "
					 "the output file %s of this run", outputs[k]);
				skip = true;
			}
		if (skip)
			free(all.v[i].path);
		else
			add_file(set, &all.v[i]);
	}
	free(all.v);
	free(out_st);
	free(out_exists);
}

/* ------------------------------------------------------------- versions */

static struct merge_version *version_find(struct merge_set *set, const char *id,
					  long version, const char *sha)
{
	for (size_t i = 0; i < set->n_versions; i++) {
		struct merge_version *v = set->versions[i];
		if (v->version == version && strcmp(v->survey_id, id) == 0 &&
		    strcmp(v->sha256, sha) == 0)
			return v;
	}
	return NULL;
}

/* The first result of a version defines its areas and questions. */
static struct merge_version *version_define(struct merge_set *set,
					    const struct result_table *t,
					    size_t file)
{
	struct merge_version *v = xcalloc(1, sizeof *v);
	const struct result_row *first = &t->rows[0];

	v->survey_id = xstrdup(first->field[RC_SURVEY_ID]);
	v->version = first->v.version;
	snprintf(v->sha256, sizeof v->sha256, "%s", first->field[RC_SURVEY_SHA256]);
	v->file = file;
	v->has_threshold = first->v.has_threshold;
	v->threshold = first->v.threshold;
	for (size_t i = 0; i < t->n_rows; i++) {
		const struct result_row *r = &t->rows[i];
		struct merge_question *q;
		size_t a = merge_model_area(v, r->field[RC_AREA_ID]);

		if (a == (size_t)-1) {
			v->areas = xgrow(v->areas, &v->cap_areas, v->n_areas + 1,
					 sizeof *v->areas);
			a = v->n_areas++;
			v->areas[a].id = xstrdup(r->field[RC_AREA_ID]);
			v->areas[a].title = xstrdup(r->field[RC_AREA_TITLE]);
			v->areas[a].weight = r->v.area_weight;
			v->areas[a].target = r->v.area_target;
			v->areas[a].line = r->line;
			merge_model_index_area(v, a);
		}
		v->questions = xgrow(v->questions, &v->cap_questions,
				     v->n_questions + 1, sizeof *v->questions);
		q = &v->questions[v->n_questions++];
		memset(q, 0, sizeof *q);
		q->id = xstrdup(r->field[RC_QUESTION_ID]);
		q->text = xstrdup(r->field[RC_QUESTION_TEXT]);
		q->area = a;
		q->level = r->v.level;
		q->has_max = r->v.has_max;
		q->max_value = r->v.max_value;
		q->weight = r->v.weight;
		snprintf(q->type, sizeof q->type, "%s", r->field[RC_TYPE]);
		q->line = r->line;
		merge_model_index_question(v, v->n_questions - 1);
		/* as result_score: levels count only when there is a threshold */
		if (v->has_threshold && q->level > v->max_level)
			v->max_level = q->level;
	}
	set->versions = xgrow(set->versions, &set->cap_versions, set->n_versions + 1,
			      sizeof *set->versions);
	set->versions[set->n_versions++] = v;
	return v;
}

/* ------------------------------------------------------ departments */

static void unit_drop(struct merge_unit *u, enum merge_fate fate)
{
	u->fate = fate;
	free(u->areas);
	free(u->answers);
	u->areas = NULL;
	u->answers = NULL;
	actions_release(&u->actions);
	approval_release(&u->approval);
	history_release(&u->history);
}

/* ------------------------------------------------------------- answers */

static size_t choice_find(struct merge_question *q, const char *id, size_t len,
			  const char *label, size_t label_len, size_t file, long line)
{
	for (size_t c = 0; c < q->n_choices; c++)
		if (strlen(q->choices[c].id) == len &&
		    memcmp(q->choices[c].id, id, len) == 0)
			return c;
	if (q->n_choices == MERGE_MAX_CHOICES) {
		q->too_many = true;
		return (size_t)-1;
	}
	q->choices = xrealloc(q->choices, (q->n_choices + 1) * sizeof *q->choices);
	memset(&q->choices[q->n_choices], 0, sizeof q->choices[0]);
	q->choices[q->n_choices].id = xstrndup(id, len);
	q->choices[q->n_choices].label = xstrndup(label, label_len);
	q->choices[q->n_choices].file = file;
	q->choices[q->n_choices].line = line;
	q->choices[q->n_choices].agree = 1;
	return q->n_choices++;
}

/* Which answers are choices to count: option ids, as opposed to numbers
 * and free text. A minimal file has no type: then a scored answer is
 * taken for an option id. */
static bool counts_choices(const struct merge_question *q)
{
	if (!q->type[0])
		return q->has_max;
	return strcmp(q->type, "number") != 0 && strcmp(q->type, "text") != 0;
}

static void answer_record(struct merge_question *q, const struct result_row *r,
			  struct merge_answer *a, size_t file)
{
	const char *ans = r->field[RC_ANSWER], *lab = r->field[RC_ANSWER_LABEL];
	bool multi = strcmp(q->type, "multi") == 0;

	a->state = (unsigned char)r->v.state;
	a->has_value = r->v.has_value;
	a->value = r->v.value;
	a->line = r->line;
	if (r->v.state != STATE_ANSWERED || !*ans || !counts_choices(q) || q->too_many)
		return;
	while (*ans) {
		size_t n = multi ? strcspn(ans, ";") : strlen(ans);
		size_t ln = multi ? strcspn(lab, ";") : strlen(lab);
		size_t c = choice_find(q, ans, n, lab, ln, file, r->line);

		if (c == (size_t)-1) {
			a->chosen = 0;
			return;
		}
		a->chosen |= (uint64_t)1 << c;
		if (!multi && r->v.has_value && !q->choices[c].has_points) {
			q->choices[c].points = r->v.value;
			q->choices[c].has_points = true;
		}
		ans += n + (ans[n] == ';');
		lab += ln;
		lab += strspn(lab, "; "); /* labels are joined by "; " */
	}
}

/* ------------------------------------------------------------- reading */

struct reading {
	struct merge_set *set;
	const struct merge_options *o;
	size_t file;
	time_t now;
};

static char *time_str(char *buf, time_t t)
{
	return result_format_time(buf, t);
}

/* Two results for one department and version: an error, or with --latest
 * the newer wins and the older is named. Returns false when the new unit
 * must not be merged. */
static bool settle_duplicate(struct reading *rd, struct merge_version *v,
			     struct merge_unit *old, struct merge_unit *nu)
{
	struct merge_set *set = rd->set;
	const char *op = set->files[old->file].path, *np = set->files[nu->file].path;
	char t1[24], t2[24];

	if (!rd->o->latest || old->updated_at == nu->updated_at) {
		diag_add(&set->problems, np, nu->line, "department '%s' has two "
			 "results for survey %s version %ld: here and in %s:%ld%s",
			 nu->department, v->survey_id, v->version, op, old->line,
			 rd->o->latest ? " (both updated at the same time, so "
			 "--latest cannot choose)" : " (--latest keeps the newer)");
		set->files[old->file].invalid = true;
		set->files[nu->file].invalid = true;
		return false;
	}
	time_str(t1, old->updated_at);
	time_str(t2, nu->updated_at);
	if (nu->updated_at > old->updated_at) {
		diag_add(&set->notes, op, old->line, "--latest: department '%s' "
			 "(survey %s version %ld): this result (updated %s) is "
			 "replaced by the newer one in %s:%ld (updated %s)",
			 old->department, v->survey_id, v->version, t1, np, nu->line, t2);
		unit_drop(old, FATE_REPLACED);
		return true;
	}
	diag_add(&set->notes, np, nu->line, "--latest: department '%s' (survey "
		 "%s version %ld): this result (updated %s) is left out for the "
		 "newer one in %s:%ld (updated %s)", nu->department, v->survey_id,
		 v->version, t2, op, old->line, t1);
	return false;
}

/* A result dated after the merge's own time (beyond a clock's skew) is
 * refused: a file that speaks for another department, dated ahead to win
 * --latest, would otherwise replace the real one. */
static bool check_time(struct reading *rd, const struct result_table *t)
{
	const struct result_row *first = &t->rows[0];
	char t1[24], t2[24];

	if (first->v.updated_at <= rd->now + MERGE_CLOCK_SKEW)
		return true;
	diag_add(&rd->set->problems, rd->set->files[rd->file].path, first->line,
		 _("updated_at %s is later than the merge's own time %s: a result "
		   "cannot come from the future (a wrong clock, or a date set to "
		   "win --latest)"), time_str(t1, first->v.updated_at),
		 time_str(t2, rd->now));
	return false;
}

/* The departments a file's results are for, each once */
static void file_department(struct merge_set *set, size_t file, const char *key)
{
	struct merge_file *f = &set->files[file];
	struct merge_name *nm = merge_model_name_add(set, key);

	if (nm->last_file == file + 1)
		return;
	/* files are merged one after another: a name met again in the same
	 * file has its mark still */
	nm->last_file = file + 1;
	f->departments = xrealloc(f->departments,
				  (f->n_departments + 1) * sizeof *f->departments);
	f->departments[f->n_departments++] = xstrdup(key);
}

/* The answers of a merged unit (completeness is the report's, from them) */
static void unit_answers(struct merge_version *v, struct merge_unit *u,
			 const struct result_table *t, size_t file)
{
	u->answers = xcalloc(v->n_questions ? v->n_questions : 1, sizeof *u->answers);
	for (size_t i = 0; i < t->n_rows; i++) {
		const struct result_row *r = &t->rows[i];
		size_t qi = i < v->n_questions &&
			strcmp(v->questions[i].id, r->field[RC_QUESTION_ID]) == 0
			? i : merge_model_question(v, r->field[RC_QUESTION_ID]);

		answer_record(&v->questions[qi], r, &u->answers[qi], file);
	}
}

static void take_result(struct result_table *t, void *arg)
{
	struct reading *rd = arg;
	struct merge_set *set = rd->set;
	const struct result_row *first = &t->rows[0];
	const char *path = set->files[rd->file].path;
	const struct survey *def;
	struct merge_version *v = NULL;
	struct merge_unit *u;
	size_t ui, *slot, open_required = 0;
	long open_line = 0;
	struct score *scores, overall;
	const char **ids;
	size_t n_areas;
	const char *key;
	char tb[24];

	if (!check_time(rd, t))
		goto invalid;
	def = merge_survey_find(set, first->field[RC_SURVEY_ID], first->v.version);
	v = version_find(set, first->field[RC_SURVEY_ID], first->v.version,
			 first->field[RC_SURVEY_SHA256]);
	if (!v) {
		v = version_define(set, t, rd->file);
		if (def)
			merge_survey_attach(v, def);
	} else if (!merge_check_version(set, v, t, rd->file)) {
		goto invalid;
	}
	if (!merge_check_answers(set, v, t, rd->file))
		goto invalid;
	if (v->survey && !merge_survey_check(set, v, t, rd->file, &open_required,
					     &open_line))
		goto invalid;

	key = merge_names_take(set, first->field[RC_DEPARTMENT], rd->file, first->line);
	file_department(set, rd->file, key);
	v->units = xgrow(v->units, &v->cap_units, v->n_units + 1, sizeof *v->units);
	ui = v->n_units++;
	u = &v->units[ui];
	memset(u, 0, sizeof *u);
	u->department = xstrdup(first->field[RC_DEPARTMENT]);
	u->key = xstrdup(key);
	u->file = rd->file;
	u->line = first->line;
	u->final = first->v.final;
	u->updated_at = first->v.updated_at;
	merge_check_commit(v, ui);
	set->files[rd->file].n_results++;
	if (!u->final && !rd->o->include_drafts) {
		diag_add(&set->notes, path, u->line,
			 "draft of '%s' (survey %s version %ld, updated %s) left out; "
			 "--include-drafts merges it", u->department, v->survey_id,
			 v->version, time_str(tb, u->updated_at));
		u->fate = FATE_DRAFT;
		goto done;
	}
	if ((v->n_units + 1) * 2 > v->n_slots)
		merge_model_slots_grow(v);
	slot = merge_model_slot(v, u->key);
	if (*slot) {
		if (!settle_duplicate(rd, v, &v->units[*slot - 1], u)) {
			u->fate = FATE_REPLACED;
			goto done;
		}
	}
	*slot = ui + 1;
	if (open_required) {
		u->incomplete_final = true;
		u->open_required = open_required;
		diag_add(&set->notes, path, open_line,
			 ngettext("final result of '%s' with %zu required question "
				  "unanswered (written by an older enkat --plain?): "
				  "merged, but not counted as complete",
				  "final result of '%s' with %zu required questions "
				  "unanswered (written by an older enkat --plain?): "
				  "merged, but not counted as complete", open_required),
			 u->department, open_required);
	}

	/* the engine's rules, on the rows: never a precomputed figure */
	n_areas = result_score(t, &scores, &ids, &overall);
	u->areas = xcalloc(v->n_areas ? v->n_areas : 1, sizeof *u->areas);
	for (size_t a = 0; a < n_areas; a++) {
		size_t va = a < v->n_areas && strcmp(v->areas[a].id, ids[a]) == 0
			? a : merge_model_area(v, ids[a]);
		if (va != (size_t)-1)
			u->areas[va] = scores[a];
	}
	u->overall = overall;
	free(scores);
	free(ids);
	unit_answers(v, u, t, rd->file);
	actions_from_table(&u->actions, t);
	approval_from_table(&u->approval, &u->history, t);
	u->approval_state = approval_state_of(t);
done:
	result_table_release(t);
	free(t);
	return;
invalid:
	if (v)
		merge_check_discard(v);
	set->files[rd->file].invalid = true;
	result_table_release(t);
	free(t);
}

/* Reading and checking a file is most of the work and needs nothing from
 * the other files, so worker threads do it for the next few files while
 * the results are merged strictly in file order: the figures, messages and
 * choice of --latest are the same as with one thread. At most `window`
 * files are in memory at once, so memory still does not grow with the
 * number of files. */
struct loaded {
	struct result_table **tables;
	size_t n, cap;
	struct diag d;
	bool bad;
	bool deferred;      /* large: streamed by the merging thread itself */
	struct merge_read_info info;
};

/* Files go to the workers in batches, so that threads meet once per batch,
 * not once per file: on a virtual machine every wake-up is expensive. */
#define BATCH 16

struct batch {
	struct loaded files[BATCH];
	bool ready;
};

struct pipeline {
	const struct merge_set *set;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t n_batches;
	size_t next;       /* the next batch for a worker to claim */
	size_t consumed;   /* batches merged so far */
	size_t window;
	struct batch *slots; /* batch b is in slot b % window */
};

static void keep_table(struct result_table *t, void *arg)
{
	struct loaded *l = arg;

	l->tables = xgrow(l->tables, &l->cap, l->n + 1, sizeof *l->tables);
	l->tables[l->n++] = t;
}

/* A file read by a worker: its results kept for merging in file order. A
 * large one is left to the merging thread, which streams it. */
static void load_file(const struct merge_file *f, struct loaded *l)
{
	if (f->size > MERGE_STREAM_BYTES) {
		l->deferred = true;
		return;
	}
	merge_input_file_read(f, &l->d, &l->bad, &l->info, keep_table, l);
}

static void *read_worker(void *arg)
{
	struct pipeline *p = arg;
	struct batch *done = xcalloc(1, sizeof *done);

	for (;;) {
		size_t b;

		pthread_mutex_lock(&p->mu);
		while (p->next < p->n_batches && p->next >= p->consumed + p->window)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->next >= p->n_batches) {
			pthread_mutex_unlock(&p->mu);
			free(done);
			return NULL;
		}
		b = p->next++;
		pthread_mutex_unlock(&p->mu);

		memset(done, 0, sizeof *done);
		for (size_t k = 0; k < BATCH && b * BATCH + k < p->set->n_files; k++)
			load_file(&p->set->files[b * BATCH + k], &done->files[k]);
		done->ready = true;
		pthread_mutex_lock(&p->mu);
		p->slots[b % p->window] = *done;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
}

static size_t worker_count(size_t n_files)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	if (n_files < 2 * BATCH || cpus < 2)
		return 0;
	return cpus > 8 ? 8 : (size_t)cpus;
}

/* The files read so far by their bytes' hash (open addressing: index + 1) */
struct sha_index {
	size_t *slots, n_slots;
};

static size_t sha_hash(const char *sha)
{
	size_t h = 0;

	for (size_t i = 0; i < 16; i++) /* the hash is uniform already */
		h = h * 16 + (size_t)(sha[i] <= '9' ? sha[i] - '0' : sha[i] - 'a' + 10);
	return h;
}

/* The same bytes as an earlier file: one result, named in a note. */
static bool same_bytes(struct merge_set *set, struct sha_index *ix, size_t i,
		       const char *sha)
{
	struct merge_file *f = &set->files[i];
	size_t mask, h;

	snprintf(f->sha256, sizeof f->sha256, "%s", sha);
	if (strlen(sha) != 64)
		return false;
	if (!ix->n_slots) {
		for (ix->n_slots = 64; ix->n_slots < 2 * set->n_files; ix->n_slots *= 2)
			;
		ix->slots = xcalloc(ix->n_slots, sizeof *ix->slots);
	}
	mask = ix->n_slots - 1;
	for (h = sha_hash(sha) & mask; ix->slots[h]; h = (h + 1) & mask) {
		size_t k = ix->slots[h] - 1;
		if (strcmp(set->files[k].sha256, sha) == 0) {
			f->same_as = k;
			diag_add(&set->notes, f->path, 0, _("the same bytes as %s: read "
				 "once (two copies of one file)"), set->files[k].path);
			return true;
		}
	}
	ix->slots[h] = i + 1;
	return false;
}

static void merge_loaded(struct merge_set *set, const struct merge_options *o,
			 time_t now, struct sha_index *ix, size_t i, struct loaded *l)
{
	struct reading rd = {set, o, i, now};
	size_t before = set->problems.count;

	if (l->deferred) {
		char sha[65];
		bool bad;

		/* hashed first, so that a second copy is not merged at all */
		if (!merge_input_file_hash(&set->files[i], sha, &set->problems)) {
			set->files[i].invalid = true;
		} else if (!same_bytes(set, ix, i, sha)) {
			merge_input_file_read(&set->files[i], &set->problems, &bad, &l->info,
					      take_result, &rd);
			set->files[i].merged_output = l->info.merged_output;
			if (bad)
				set->files[i].invalid = true;
		}
		diag_sort_lines(&set->problems, before);
		memset(l, 0, sizeof *l);
		return;
	}
	if (!l->bad && same_bytes(set, ix, i, l->info.sha256)) {
		for (size_t k = 0; k < l->n; k++) {
			result_table_release(l->tables[k]);
			free(l->tables[k]);
		}
		l->n = 0;
	}
	set->files[i].merged_output = l->info.merged_output;
	for (size_t k = 0; k < l->d.count; k++)
		diag_add(&set->problems, l->d.entries[k].file, l->d.entries[k].line,
			 "%s", l->d.entries[k].message);
	for (size_t k = 0; k < l->n; k++)
		take_result(l->tables[k], &rd);
	if (l->bad)
		set->files[i].invalid = true;
	/* one file's problems top to bottom, whichever check found them */
	diag_sort_lines(&set->problems, before);
	diag_free(&l->d);
	free(l->tables);
	memset(l, 0, sizeof *l);
}

void merge_input_read(struct merge_set *set, const struct merge_options *o)
{
	size_t n_workers = worker_count(set->n_files);
	struct pipeline p = {0};
	pthread_t threads[8];
	size_t started = 0;
	struct batch *cur;
	double warm;
	time_t now;
	struct sha_index ix = {0};

	/* the engine creates its C locale on first use: not in two threads */
	num_parse("0", &warm);
	now = o->now ? o->now : time(NULL);
	p.set = set;
	p.n_batches = (set->n_files + BATCH - 1) / BATCH;
	p.window = 2 * (n_workers ? n_workers : 1);
	p.slots = xcalloc(p.window, sizeof *p.slots);
	cur = xcalloc(1, sizeof *cur);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	for (size_t t = 0; t < n_workers; t++)
		if (pthread_create(&threads[t], NULL, read_worker, &p) == 0)
			started++;
	for (size_t b = 0; b < p.n_batches; b++) {
		size_t first = b * BATCH;

		if (!started) { /* one thread: read them here */
			memset(cur, 0, sizeof *cur);
			for (size_t k = 0; k < BATCH && first + k < set->n_files; k++)
				load_file(&set->files[first + k], &cur->files[k]);
		} else {
			pthread_mutex_lock(&p.mu);
			while (!p.slots[b % p.window].ready)
				pthread_cond_wait(&p.cv, &p.mu);
			*cur = p.slots[b % p.window];
			p.slots[b % p.window].ready = false;
			pthread_mutex_unlock(&p.mu);
		}
		for (size_t k = 0; k < BATCH && first + k < set->n_files; k++)
			merge_loaded(set, o, now, &ix, first + k, &cur->files[k]);
		if (started) {
			pthread_mutex_lock(&p.mu);
			p.consumed = b + 1;
			pthread_cond_broadcast(&p.cv);
			pthread_mutex_unlock(&p.mu);
		}
	}
	for (size_t t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
	free(cur);
	free(p.slots);
	free(ix.slots);
}

/* ------------------------------------------------------------ finishing */

static size_t live_units(const struct merge_version *v)
{
	size_t n = 0;
	for (size_t i = 0; i < v->n_units; i++)
		n += v->units[i].fate != FATE_INVALID;
	return n;
}

static int version_cmp(const void *a, const void *b)
{
	const struct merge_version *x = *(struct merge_version *const *)a;
	const struct merge_version *y = *(struct merge_version *const *)b;
	int c = strcmp(x->survey_id, y->survey_id);

	if (c)
		return c;
	return (x->version > y->version) - (x->version < y->version);
}

void merge_input_finish(struct merge_set *set)
{
	size_t kept = 0;

	/* One survey version answered to two survey files: the file most
	 * results were answered to wins, and the others are invalid. */
	for (size_t i = 0; i < set->n_versions; i++) {
		struct merge_version *v = set->versions[i], *best = v;

		if (v->invalid)
			continue;
		for (size_t k = 0; k < set->n_versions; k++) {
			struct merge_version *w = set->versions[k];
			if (w != v && !w->invalid && w->version == v->version &&
			    strcmp(w->survey_id, v->survey_id) == 0 &&
			    live_units(w) > live_units(best))
				best = w;
		}
		for (size_t k = 0; k < set->n_versions; k++) {
			struct merge_version *w = set->versions[k];
			if (w == best || w->invalid || w->version != best->version ||
			    strcmp(w->survey_id, best->survey_id) != 0)
				continue;
			w->invalid = true;
			for (size_t u = 0; u < w->n_units; u++) {
				diag_add(&set->problems, set->files[w->units[u].file].path,
					 w->units[u].line, "survey_sha256 %.12s... differs "
					 "from %.12s... in %s for survey %s version %ld: the "
					 "answers were given to another survey file", w->sha256,
					 best->sha256, set->files[best->file].path,
					 best->survey_id, best->version);
				set->files[w->units[u].file].invalid = true;
			}
		}
	}
	merge_check_texts(set);
	merge_check_points(set);
	for (size_t i = 0; i < set->n_versions; i++) {
		struct merge_version *v = set->versions[i];
		for (size_t u = 0; u < v->n_units; u++)
			if (set->files[v->units[u].file].invalid)
				unit_drop(&v->units[u], FATE_INVALID);
	}
	for (size_t i = 0; i < set->n_versions; i++) {
		struct merge_version *v = set->versions[i];
		if (v->invalid || live_units(v) == 0)
			merge_model_version_free(v);
		else
			set->versions[kept++] = v;
	}
	set->n_versions = kept;
	if (kept)
		qsort(set->versions, set->n_versions, sizeof *set->versions, version_cmp);
	merge_names_finish(set);
	for (size_t i = 0; i < set->n_versions; i++) {
		struct merge_version *v = set->versions[i];

		if (v->survey)
			merge_survey_texts(v, v->survey, set->lang);
		else if (set->n_surveys)
			diag_add(&set->notes, set->files[v->file].path, 0, _("no --survey "
				 "for survey %s version %ld: its results are checked "
				 "against each other only"), v->survey_id, v->version);
	}
}

bool merge_input_surveys(struct merge_set *set, const struct merge_options *o)
{
	set->lang = o->lang;
	return merge_survey_load(set, o);
}

size_t merge_input_invalid(const struct merge_set *set)
{
	size_t n = 0;
	for (size_t i = 0; i < set->n_files; i++)
		n += set->files[i].invalid;
	return n;
}

struct replay {
	void (*fn)(const struct result_table *t, size_t file, void *arg);
	void *arg;
	size_t file;
};

static void replay_one(struct result_table *t, void *arg)
{
	struct replay *r = arg;
	r->fn(t, r->file, r->arg);
	result_table_release(t);
	free(t);
}

bool merge_input_replay(struct merge_set *set,
			  void (*fn)(const struct result_table *t, size_t file,
				     void *arg),
			  void *arg)
{
	struct replay r = {fn, arg, 0};
	bool ok = true;

	for (size_t i = 0; i < set->n_files; i++) {
		bool bad;
		struct merge_read_info info;

		if (set->files[i].invalid || set->files[i].same_as != (size_t)-1)
			continue;
		r.file = i;
		merge_input_file_read(&set->files[i], &set->problems, &bad, &info,
				      replay_one, &r);
		if (bad) { /* changed while we worked */
			set->files[i].invalid = true;
			ok = false;
		}
	}
	return ok;
}

/* The site file (enkat-site(5)): loading, checking the groups and folders,
 * and making the folders (--setup). Every folder is reached from "/" one
 * component at a time with O_NOFOLLOW, so neither the check nor root's
 * set-up ever acts through a symbolic link someone planted. */
#include "site.h"

#include <acl/libacl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/acl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "inifile.h"
#include "text.h"
#include "util.h"

#define PROBLEM(d, file, line, ...) diag_add((d), (file), (line), __VA_ARGS__)

/* How deep --check looks into a department's folder. */
#define SITE_CHECK_DEPTH 4
#define SITE_NAME_MAX 100
#define SITE_PATH_MAX 1024

/* ----- loading ----- */

static bool is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool valid_id(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > SITE_ID_MAX || s[0] == '-' || s[0] == '_')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_id_char(s[i]))
			return false;
	return true;
}

/* What shadow-utils accepts, less '$': a name that cannot be read as an
 * option or a path, and that fits an ACL's text form (no ':' or ','). */
static bool valid_group(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > SITE_GROUP_MAX || s[0] == '-' || s[0] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
			return false;
	}
	return true;
}

/* A control character (C0, DEL or C1) in valid UTF-8 text. */
static bool has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return true;
	return false;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* NUL bytes and invalid UTF-8, line by line; false when the file cannot
 * be read as INI at all. */
static bool check_bytes(const char *name, const char *data, size_t len, struct diag *d)
{
	long line = 1;
	size_t start = 0;
	bool ok = true;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && data[i] == '\0') {
			PROBLEM(d, name, line, "NUL byte: this is a binary file, not a site file");
			return false;
		}
		if (i < len && data[i] != '\n')
			continue;
		if (utf8_invalid_at(data + start, i - start) < i - start) {
			PROBLEM(d, name, line, "invalid UTF-8 (save the file as UTF-8)");
			ok = false;
		}
		start = i + 1;
		line++;
	}
	return ok;
}

static void report_unused(const char *file, struct ini_section *sec, struct diag *d)
{
	for (size_t i = 0; i < sec->n_keys; i++)
		if (!sec->keys[i].used)
			PROBLEM(d, file, sec->keys[i].line, "unknown key '%s' in [%s]",
				sec->keys[i].name, sec->name);
}

/* The key's value, required and not empty; NULL (said) otherwise. */
static const struct ini_key *take_required(const char *file, struct ini_section *sec,
					   const char *key, struct diag *d)
{
	struct ini_key *k = ini_take(sec, key);

	if (!k)
		PROBLEM(d, file, sec->line, "[%s]: missing '%s'", sec->name, key);
	else if (!*k->value)
		PROBLEM(d, file, k->line, "'%s' is empty", key);
	else
		return k;
	return NULL;
}

static char *take_group(const char *file, struct ini_section *sec, const char *key,
			long *line, struct diag *d)
{
	const struct ini_key *k = take_required(file, sec, key, d);

	if (!k)
		return NULL;
	*line = k->line;
	if (!valid_group(k->value)) {
		char *v = text_visible(k->value, false);
		PROBLEM(d, file, k->line, "'%s' is not a group name: 1 to %d characters from "
			"A-Z a-z 0-9 _ . -, not starting with - or .", v, SITE_GROUP_MAX);
		free(v);
		return NULL;
	}
	return xstrdup(k->value);
}

/* An absolute path without empty, "." or ".." components; the result has
 * no trailing '/'. */
static char *take_results(const char *file, struct ini_section *sec, struct diag *d)
{
	const struct ini_key *k = take_required(file, sec, "results", d);
	const char *v, *p;
	size_t len;

	if (!k)
		return NULL;
	v = k->value;
	len = strlen(v);
	while (len > 1 && v[len - 1] == '/')
		len--;
	if (v[0] != '/' || len == 1 || len > SITE_PATH_MAX || has_control(v)) {
		PROBLEM(d, file, k->line, "'results' must be an absolute folder other than / "
			"(at most %d bytes, no control characters)", SITE_PATH_MAX);
		return NULL;
	}
	for (p = v; p < v + len;) {
		size_t n;
		p++; /* the '/' */
		n = strcspn(p, "/");
		if (p + n > v + len)
			n = (size_t)(v + len - p);
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.')) {
			PROBLEM(d, file, k->line, "'results' may not have empty, '.' or '..' "
				"components");
			return NULL;
		}
		p += n;
	}
	return xstrndup(v, len);
}

static char *survey_path(const char *file, const char *v)
{
	const char *slash = strrchr(file, '/');

	if (v[0] == '/' || !slash)
		return xstrdup(v);
	return xasprintf("%.*s/%s", (int)(slash - file), file, v);
}

static void load_site_section(struct site *site, struct ini_section *sec, struct diag *d)
{
	const char *file = site->path;
	struct ini_key *k;

	site->results = take_results(file, sec, d);
	site->central_group = take_group(file, sec, "central_group", &site->central_line, d);
	if ((k = ini_take(sec, "survey"))) {
		if (!*k->value || has_control(k->value))
			PROBLEM(d, file, k->line, "'survey' must be a file name (or leave "
				"the key out for the bundled survey)");
		else
			site->survey = survey_path(file, k->value);
	}
	report_unused(file, sec, d);
}

static void load_department(struct site *site, struct ini_section *sec, size_t *cap,
			    struct diag *d)
{
	const char *file = site->path, *id = sec->name + strlen("department.");
	struct site_department dep = {.line = sec->line};
	const struct ini_key *k;
	bool ok = true;

	if (!valid_id(id)) {
		char *v = text_visible(id, false);
		PROBLEM(d, file, sec->line, "department id '%s': 1 to %d characters from "
			"a-z 0-9 _ -, starting with a letter or digit", v, SITE_ID_MAX);
		free(v);
		ok = false;
	}
	if ((k = take_required(file, sec, "name", d))) {
		if (has_control(k->value)) {
			PROBLEM(d, file, k->line, "'name' has a control character");
			ok = false;
		} else if (utf8_chars(k->value) > SITE_NAME_MAX) {
			PROBLEM(d, file, k->line, "'name' is %zu characters long; at most %d "
				"are allowed", utf8_chars(k->value), SITE_NAME_MAX);
			ok = false;
		} else {
			dep.name = xstrdup(k->value);
		}
	} else {
		ok = false;
	}
	dep.group = take_group(file, sec, "group", &dep.group_line, d);
	report_unused(file, sec, d);
	if (!ok || !dep.group) {
		free(dep.name);
		free(dep.group);
		return;
	}
	for (size_t i = 0; i < site->n_departments; i++) {
		const struct site_department *o = &site->departments[i];
		if (strcmp(o->id, id) == 0)
			PROBLEM(d, file, sec->line, "department '%s' defined twice (first at "
				"line %ld)", id, o->line);
		else if (strcmp(o->name, dep.name) == 0)
			PROBLEM(d, file, sec->line, "[%s]: the name '%s' is also [department.%s]'s "
				"(line %ld)", sec->name, dep.name, o->id, o->line);
		else if (strcmp(o->group, dep.group) == 0)
			PROBLEM(d, file, dep.group_line, "group '%s' is also [department.%s]'s "
				"(line %ld): each department needs a group of its own",
				dep.group, o->id, o->group_line);
		else
			continue;
		free(dep.name);
		free(dep.group);
		return;
	}
	dep.id = xstrdup(id);
	site->departments = xgrow(site->departments, cap, site->n_departments + 1,
				  sizeof *site->departments);
	site->departments[site->n_departments++] = dep;
}

static void interpret(struct site *site, struct ini_doc *doc, struct diag *d)
{
	const char *file = site->path;
	struct ini_section *header = NULL;
	size_t cap = 0;
	bool said_limit = false;

	for (size_t i = 0; i < doc->n_sections; i++) {
		struct ini_section *sec = &doc->sections[i];

		if (*sec->name == '\0') {
			for (size_t j = 0; j < sec->n_keys; j++)
				PROBLEM(d, file, sec->keys[j].line, "'%s' is outside any section "
					"(put it under [site])", sec->keys[j].name);
		} else if (strcmp(sec->name, "site") == 0) {
			if (header) {
				PROBLEM(d, file, sec->line, "[site] given twice (first at line "
					"%ld)", header->line);
				continue;
			}
			header = sec;
			load_site_section(site, sec, d);
		} else if (strncmp(sec->name, "department.", 11) == 0) {
			if (site->n_departments >= SITE_MAX_DEPARTMENTS) {
				if (!said_limit)
					PROBLEM(d, file, sec->line, "more than %d departments",
						SITE_MAX_DEPARTMENTS);
				said_limit = true;
				continue;
			}
			load_department(site, sec, &cap, d);
		} else {
			char *v = text_visible(sec->name, false);
			PROBLEM(d, file, sec->line, "unknown section [%s] (a site file has "
				"[site] and [department.ID] sections)", v);
			free(v);
		}
	}
	if (!header)
		PROBLEM(d, file, 1, "no [site] section (it gives results and central_group)");
	if (doc->n_sections > 0 && site->n_departments == 0 && !said_limit) {
		bool any = false;
		for (size_t i = 0; i < doc->n_sections; i++)
			any |= strncmp(doc->sections[i].name, "department.", 11) == 0;
		if (!any)
			PROBLEM(d, file, 1, "no [department.ID] section: name at least one "
				"department");
	}
	for (size_t i = 0; site->central_group && i < site->n_departments; i++)
		if (strcmp(site->departments[i].group, site->central_group) == 0)
			PROBLEM(d, file, site->departments[i].group_line, "group '%s' is the "
				"central office's group (line %ld): a department needs a group "
				"of its own", site->central_group, site->central_line);
}

struct site *site_load_buffer(const char *name, const char *data, size_t len,
			      struct diag *d)
{
	struct site *site = xcalloc(1, sizeof *site);
	size_t before = d->count;
	bool empty = true;

	site->path = xstrdup(name);
	for (size_t i = 0; i < len && empty; i++)
		empty = data[i] == ' ' || data[i] == '\t' || data[i] == '\r' ||
			data[i] == '\n';
	if (empty) {
		PROBLEM(d, name, 1, "empty file: no site configuration here");
	} else if (check_bytes(name, data, len, d)) {
		struct ini_doc *doc = ini_doc_parse(name, data, len, d);
		interpret(site, doc, d);
		ini_doc_free(doc);
	}
	diag_sort_lines(d, before);
	if (d->count > before) {
		site_free(site);
		return NULL;
	}
	return site;
}

struct site *site_load(const char *path, struct diag *d)
{
	struct site *site;
	char *data, *error;
	size_t len;

	if (file_read_all(path, SITE_MAX_BYTES, &data, &len, &error) != 0) {
		PROBLEM(d, path, 0, "%s", error);
		free(error);
		return NULL;
	}
	site = site_load_buffer(path, data, len, d);
	free(data);
	return site;
}

void site_free(struct site *site)
{
	if (!site)
		return;
	for (size_t i = 0; i < site->n_departments; i++) {
		free(site->departments[i].id);
		free(site->departments[i].name);
		free(site->departments[i].group);
	}
	free(site->departments);
	free(site->path);
	free(site->results);
	free(site->central_group);
	free(site->survey);
	free(site);
}

bool site_file_is_site(const char *path)
{
	struct diag d = {0};
	struct ini_doc *doc;
	char *data, *error;
	size_t len;
	bool found = false;

	if (file_read_all(path, SITE_MAX_BYTES, &data, &len, &error) != 0) {
		free(error);
		return false;
	}
	if (memchr(data, '\0', len) == NULL) {
		doc = ini_doc_parse(path, data, len, &d);
		for (size_t i = 0; i < doc->n_sections && !found; i++)
			found = strcmp(doc->sections[i].name, "site") == 0 ||
				strncmp(doc->sections[i].name, "department.", 11) == 0;
		ini_doc_free(doc);
	}
	diag_free(&d);
	free(data);
	return found;
}

char *site_department_dir(const struct site *site, const struct site_department *dep)
{
	return xasprintf("%s/%s", site->results, dep->id);
}

const struct site_department *site_find(const struct site *site, const char *id_or_name)
{
	for (size_t i = 0; i < site->n_departments; i++)
		if (strcmp(site->departments[i].id, id_or_name) == 0)
			return &site->departments[i];
	for (size_t i = 0; i < site->n_departments; i++)
		if (strcmp(site->departments[i].name, id_or_name) == 0)
			return &site->departments[i];
	return NULL;
}

/* ----- groups ----- */

static bool group_gid(const char *name, gid_t *gid)
{
	struct group *gr = getgrnam(name);

	if (!gr)
		return false;
	*gid = gr->gr_gid;
	return true;
}

static char *group_name(gid_t gid)
{
	struct group *gr = getgrgid(gid);

	return gr ? text_visible(gr->gr_name, false) : xasprintf("%ld", (long)gid);
}

static char *user_name(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	return pw ? text_visible(pw->pw_name, false) : xasprintf("%ld", (long)uid);
}

size_t site_departments_of(const struct site *site, const gid_t *gids, size_t n,
			   size_t *out)
{
	size_t found = 0;

	for (size_t i = 0; i < site->n_departments; i++) {
		gid_t gid;
		if (!group_gid(site->departments[i].group, &gid))
			continue;
		for (size_t j = 0; j < n; j++)
			if (gids[j] == gid) {
				out[found++] = i;
				break;
			}
	}
	return found;
}

size_t site_my_departments(const struct site *site, size_t *out)
{
	int n = getgroups(0, NULL);
	gid_t *gids;
	size_t found;

	if (n < 0)
		n = 0;
	gids = xcalloc((size_t)n + 1, sizeof *gids);
	n = getgroups(n, gids);
	if (n < 0)
		n = 0;
	gids[n] = getegid();
	found = site_departments_of(site, gids, (size_t)n + 1, out);
	free(gids);
	return found;
}

/* ----- access control lists ----- */

/* The ACL of the round (access) and of a department's folder (access and
 * default: what is made in it inherits the central office's read access,
 * masked by the mode enkat creates files with). */
static char *round_acl_text(const struct site *site)
{
	struct strbuf sb = {0};

	strbuf_puts(&sb, "u::rwx,g::r-x,o::---,m::r-x");
	for (size_t i = 0; i < site->n_departments; i++)
		strbuf_printf(&sb, ",g:%s:--x", site->departments[i].group);
	return strbuf_detach(&sb);
}

static char *department_acl_text(const struct site *site)
{
	return xasprintf("u::rwx,g::rwx,g:%s:r-x,m::rwx,o::---", site->central_group);
}

static char *acl_text(acl_t acl)
{
	char *t = acl ? acl_to_any_text(acl, NULL, ',', TEXT_ABBREVIATE) : NULL;
	char *copy = xstrdup(t ? t : "-");

	if (t)
		acl_free(t);
	return copy;
}

/* The ACL of type of the folder open as fd ("/proc/self/fd/N": libacl
 * reads a default ACL by path only), or NULL with errno. */
static acl_t acl_of(int fd, acl_type_t type)
{
	char proc[64];

	if (type == ACL_TYPE_ACCESS)
		return acl_get_fd(fd);
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	return acl_get_file(proc, type);
}

/* 0: the folder's ACL of that type equals text; 1: it differs (*have: what
 * it is, caller frees); -1: it could not be read (errno). */
static int acl_differs(int fd, acl_type_t type, const char *text, char **have)
{
	acl_t want = acl_from_text(text), got = acl_of(fd, type);
	int r;

	*have = NULL;
	if (!want || !got) {
		int e = errno;
		if (want)
			acl_free(want);
		if (got)
			acl_free(got);
		errno = e;
		return -1;
	}
	r = acl_cmp(want, got);
	if (r == 1)
		*have = acl_entries(got) == 0 ? xstrdup("none") : acl_text(got);
	acl_free(want);
	acl_free(got);
	return r < 0 ? -1 : r;
}

static int acl_apply(int fd, acl_type_t type, const char *text)
{
	char proc[64];
	acl_t acl = acl_from_text(text);
	int r;

	if (!acl)
		return -1;
	if (type == ACL_TYPE_ACCESS) {
		r = acl_set_fd(fd, acl);
	} else {
		snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
		r = acl_set_file(proc, type, acl);
	}
	acl_free(acl);
	return r;
}

static int acl_delete_default(int fd)
{
	char proc[64];

	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	return acl_delete_def_file(proc);
}

/* ----- walking the round without following links ----- */

/* Opens the folder path (absolute) from "/", one component at a time with
 * O_NOFOLLOW. With create, missing components are made: the last one mode
 * 0700 (set-up gives it its owner and mode next), the others root:root
 * 0755, each said on out. Returns the fd or -1 with errno; *bad is then
 * the prefix that failed (caller frees). */
static int open_path(const char *path, bool create, FILE *out, char **bad)
{
	int fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	const char *p = path;

	*bad = NULL;
	while (fd >= 0 && *p) {
		size_t n;
		char *comp;
		int next;
		bool last;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		n = strcspn(p, "/");
		comp = xstrndup(p, n);
		last = p[n] == '\0' || strspn(p + n, "/") == strlen(p + n);
		next = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0 && errno == ENOENT && create) {
			if (mkdirat(fd, comp, last ? 0700 : 0755) == 0 || errno == EEXIST) {
				next = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
					      O_CLOEXEC);
				if (next >= 0 && !last && (fchown(next, 0, 0) != 0 ||
							   fchmod(next, 0755) != 0)) {
					int e = errno;
					close(next);
					next = -1;
					errno = e;
				}
				if (next >= 0 && !last && out)
					fprintf(out, "created %.*s (root:root 0755)\n",
						(int)(p + n - path), path);
			}
		}
		free(comp);
		if (next < 0) {
			int e = errno;
			*bad = xstrndup(path, (size_t)(p + n - path));
			close(fd);
			errno = e;
			return -1;
		}
		close(fd);
		fd = next;
		p += n;
	}
	return fd;
}

/* Why the folder path could not be opened (errno e), in words. Linux
 * says ENOTDIR for a link opened with O_DIRECTORY | O_NOFOLLOW: a second
 * look (for the message only) tells a link from a file. */
static const char *open_error(int e, const char *path)
{
	struct stat st;

	if (e == ENOTDIR && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		e = ELOOP;
	if (e == ELOOP)
		return "a symbolic link (refused: nothing is followed)";
	if (e == ENOTDIR)
		return "not a folder";
	if (e == ENOENT)
		return "missing";
	return strerror(e);
}

static char *mode_text(mode_t m)
{
	return xasprintf("%04o", (unsigned)(m & 07777));
}

/* ----- --check ----- */

struct checker {
	const struct site *site;
	struct diag *d;
	size_t problems;
};

#define CHECK_PROBLEM(c, file, line, ...) \
	((c)->problems++, diag_add((c)->d, (file), (line), __VA_ARGS__))

static void check_others(struct checker *c, const char *path, const struct stat *st)
{
	char *m = mode_text(st->st_mode);

	if (st->st_mode & S_IWOTH)
		CHECK_PROBLEM(c, path, 0, "others can write %s (mode %s)",
			      S_ISDIR(st->st_mode) ? "in this folder" : "this file", m);
	else if (st->st_mode & (S_IROTH | S_IXOTH))
		CHECK_PROBLEM(c, path, 0, "readable by others (mode %s)", m);
	free(m);
}

static void check_owner(struct checker *c, const char *path, const struct stat *st,
			gid_t gid, const char *group)
{
	if (st->st_uid != 0) {
		char *u = user_name(st->st_uid);
		CHECK_PROBLEM(c, path, 0, "owned by %s, not root", u);
		free(u);
	}
	if (st->st_gid != gid) {
		char *g = group_name(st->st_gid);
		CHECK_PROBLEM(c, path, 0, "group %s, not %s", g, group);
		free(g);
	}
}

static void check_acl(struct checker *c, const char *path, int fd, acl_type_t type,
		      const char *want)
{
	char *have;
	int r = acl_differs(fd, type, want, &have);
	const char *what = type == ACL_TYPE_ACCESS ? "access control list" :
		"default access control list";

	if (r < 0)
		CHECK_PROBLEM(c, path, 0, "cannot read the %s: %s", what, strerror(errno));
	else if (r > 0)
		CHECK_PROBLEM(c, path, 0, "%s is %s, not %s", what, have, want);
	free(have);
}

/* Everything in a department's folder: no links followed, nothing
 * readable by others, everything of the department's group. */
static void check_contents(struct checker *c, int dfd, const char *path, gid_t gid,
			   const char *group, int depth)
{
	int fd = dup(dfd);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;

	if (!dir) {
		if (fd >= 0)
			close(fd);
		CHECK_PROBLEM(c, path, 0, "cannot list: %s", strerror(errno));
		return;
	}
	while ((e = readdir(dir))) {
		struct stat st;
		char *sub;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		sub = xasprintf("%s/%s", path, e->d_name);
		if (fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			CHECK_PROBLEM(c, sub, 0, "cannot examine: %s", strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			CHECK_PROBLEM(c, sub, 0, "a symbolic link (enkat refuses it; remove it)");
		} else {
			check_others(c, sub, &st);
			if (S_ISREG(st.st_mode) && (st.st_mode & 0060) != 0060) {
				char *m = mode_text(st.st_mode);
				CHECK_PROBLEM(c, sub, 0, "%s (mode %s, not 0660)",
					      st.st_mode & 0040 ? "the department's other "
					      "coordinators cannot change it" : "the central "
					      "office and the department's other coordinators "
					      "cannot read it", m);
				free(m);
			}
			if (st.st_gid != gid) {
				char *g = group_name(st.st_gid);
				CHECK_PROBLEM(c, sub, 0, "group %s, not %s", g, group);
				free(g);
			}
			if (S_ISDIR(st.st_mode) && depth < SITE_CHECK_DEPTH) {
				int sfd = openat(dfd, e->d_name, O_RDONLY | O_DIRECTORY |
						 O_NOFOLLOW | O_CLOEXEC);
				if (sfd < 0) {
					CHECK_PROBLEM(c, sub, 0, "cannot open: %s",
						      strerror(errno));
				} else {
					check_contents(c, sfd, sub, gid, group, depth + 1);
					close(sfd);
				}
			}
		}
		free(sub);
	}
	closedir(dir);
}

/* The folders above the round: one someone else can write in (without
 * the sticky bit) or owns could have the round replaced under us. */
static void check_above(struct checker *c)
{
	char *path = xstrdup(c->site->results);
	char *slash;

	while ((slash = strrchr(path, '/'))) {
		struct stat st;

		slash[slash == path ? 1 : 0] = '\0';
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (st.st_uid != 0) {
				char *u = user_name(st.st_uid);
				CHECK_PROBLEM(c, path, 0, "owned by %s, not root: they could "
					      "replace the round's folder", u);
				free(u);
			} else if ((st.st_mode & S_IWOTH) && !(st.st_mode & S_ISVTX)) {
				char *m = mode_text(st.st_mode);
				CHECK_PROBLEM(c, path, 0, "others can write in this folder "
					      "(mode %s): they could replace the round's folder", m);
				free(m);
			}
		}
		if (strcmp(path, "/") == 0)
			break;
	}
	free(path);
}

static void check_department(struct checker *c, int rfd, const struct site_department *dep)
{
	const struct site *site = c->site;
	char *path = site_department_dir(site, dep);
	char *acl = department_acl_text(site);
	struct stat st;
	gid_t gid;
	int fd = openat(rfd, dep->id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0) {
		if (errno == ENOENT)
			CHECK_PROBLEM(c, path, 0, "missing (enkat --site %s --setup makes it)",
				      site->path);
		else if (errno == EACCES)
			CHECK_PROBLEM(c, path, 0, "cannot be checked: %s (run --check as root)",
				      strerror(errno));
		else
			CHECK_PROBLEM(c, path, 0, "%s", open_error(errno, path));
		goto out;
	}
	if (fstat(fd, &st) != 0) {
		CHECK_PROBLEM(c, path, 0, "cannot examine: %s", strerror(errno));
		goto out;
	}
	if (!group_gid(dep->group, &gid))
		goto out; /* said with the site file's line */
	check_owner(c, path, &st, gid, dep->group);
	if ((st.st_mode & 07777) != 02770) {
		char *m = mode_text(st.st_mode);
		if (st.st_mode & 007)
			check_others(c, path, &st);
		else
			CHECK_PROBLEM(c, path, 0, "mode %s, not 2770 (setgid, the group "
				      "can write)", m);
		free(m);
	}
	check_acl(c, path, fd, ACL_TYPE_ACCESS, acl);
	check_acl(c, path, fd, ACL_TYPE_DEFAULT, acl);
	check_contents(c, fd, path, gid, dep->group, 1);
out:
	if (fd >= 0)
		close(fd);
	free(acl);
	free(path);
}

/* Who besides root could change the site file (and so decide which
 * folders --setup hands to which group): NULL when nobody, else why. */
static char *site_file_writers(const char *path)
{
	struct stat st;
	char *who, *why = NULL;

	if (stat(path, &st) != 0)
		return NULL; /* loading said why */
	if (st.st_uid != 0) {
		who = user_name(st.st_uid);
		why = xasprintf("it is owned by %s", who);
	} else if ((st.st_mode & S_IWGRP) && st.st_gid != 0) {
		who = group_name(st.st_gid);
		why = xasprintf("its group %s can write it", who);
	} else if (st.st_mode & S_IWOTH) {
		who = mode_text(st.st_mode);
		why = xasprintf("others can write it (mode %s)", who);
	} else {
		return NULL;
	}
	free(who);
	return why;
}

static void check_site_file(struct checker *c)
{
	char *why = site_file_writers(c->site->path);

	if (why)
		CHECK_PROBLEM(c, c->site->path, 0, "the site file should be root's alone: %s",
			      why);
	free(why);
}

/* A round folder that is already there holds department folders only: a
 * mistyped 'results' (/srv, /etc) is not taken over. */
static bool round_is_ours(const struct site *site, int rfd, struct diag *d)
{
	int fd = dup(rfd);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	bool ours = true;

	if (!dir) {
		if (fd >= 0)
			close(fd);
		PROBLEM(d, site->results, 0, "cannot list: %s; nothing done", strerror(errno));
		return false;
	}
	while ((e = readdir(dir))) {
		bool known = false;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		for (size_t i = 0; i < site->n_departments && !known; i++)
			known = strcmp(site->departments[i].id, e->d_name) == 0;
		if (!known) {
			char *v = text_visible(e->d_name, false);
			PROBLEM(d, site->results, 0, "holds '%s', which is no department's "
				"folder: is 'results' the round's folder? (move it away if so); "
				"nothing done", v);
			free(v);
			ours = false;
		}
	}
	closedir(dir);
	return ours;
}

size_t site_check(const struct site *site, struct diag *d)
{
	struct checker c = {.site = site, .d = d};
	size_t before = d->count;
	bool groups_ok = true;
	gid_t central = 0;
	struct stat st;
	char *bad, *acl;
	int rfd;

	check_site_file(&c);
	if (!group_gid(site->central_group, &central)) {
		CHECK_PROBLEM(&c, site->path, site->central_line, "group '%s' does not exist "
			      "(groupadd %s)", site->central_group, site->central_group);
		groups_ok = false;
	}
	for (size_t i = 0; i < site->n_departments; i++) {
		gid_t gid;
		if (!group_gid(site->departments[i].group, &gid)) {
			CHECK_PROBLEM(&c, site->path, site->departments[i].group_line,
				      "group '%s' does not exist (groupadd %s)",
				      site->departments[i].group, site->departments[i].group);
			groups_ok = false;
		}
	}
	check_above(&c);
	rfd = open_path(site->results, false, NULL, &bad);
	if (rfd < 0) {
		if (errno == ENOENT)
			CHECK_PROBLEM(&c, site->results, 0, "missing (enkat --site %s --setup "
				      "makes it)", site->path);
		else if (errno == EACCES)
			CHECK_PROBLEM(&c, bad, 0, "cannot be checked: %s (run --check as root)",
				      strerror(errno));
		else
			CHECK_PROBLEM(&c, bad, 0, "%s", open_error(errno, bad));
		free(bad);
		goto done;
	}
	if (fstat(rfd, &st) == 0 && groups_ok) {
		check_owner(&c, site->results, &st, central, site->central_group);
		if (st.st_mode & 007)
			check_others(&c, site->results, &st);
		else if ((st.st_mode & 0777) != 0750) {
			char *m = mode_text(st.st_mode);
			CHECK_PROBLEM(&c, site->results, 0, "mode %s, not 0750", m);
			free(m);
		}
		acl = round_acl_text(site);
		check_acl(&c, site->results, rfd, ACL_TYPE_ACCESS, acl);
		free(acl);
	}
	for (size_t i = 0; i < site->n_departments; i++)
		check_department(&c, rfd, &site->departments[i]);
	close(rfd);
done:
	diag_sort_lines(d, before);
	return c.problems;
}

/* ----- --setup ----- */

/* The folder open as fd made root:gid mode, with the ACL (and default ACL
 * when dflt), saying on out what changed. */
static bool set_folder(int fd, const char *path, gid_t gid, const char *group, mode_t mode,
		       const char *acl, const char *dflt, bool created, FILE *out,
		       struct diag *d)
{
	struct stat before, after;
	char *old_acl = NULL, *old_dflt = NULL, *bm, *am, *ou, *og;
	int acl_diff, dflt_diff = 0;
	bool ok = true;

	if (fstat(fd, &before) != 0) {
		PROBLEM(d, path, 0, "cannot examine: %s", strerror(errno));
		return false;
	}
	acl_diff = acl_differs(fd, ACL_TYPE_ACCESS, acl, &old_acl);
	if (dflt)
		dflt_diff = acl_differs(fd, ACL_TYPE_DEFAULT, dflt, &old_dflt);
	else {
		acl_t a = acl_of(fd, ACL_TYPE_DEFAULT);
		dflt_diff = a && acl_entries(a) > 0;
		if (a)
			acl_free(a);
	}
	/* chown first: it may clear the setgid bit that fchmod then sets */
	if (fchown(fd, 0, gid) != 0 ||
	    acl_apply(fd, ACL_TYPE_ACCESS, acl) != 0 ||
	    (dflt ? acl_apply(fd, ACL_TYPE_DEFAULT, dflt) != 0 :
	     (dflt_diff && acl_delete_default(fd) != 0)) ||
	    fchmod(fd, mode) != 0 || fstat(fd, &after) != 0) {
		PROBLEM(d, path, 0, "cannot set owner, mode and access control list: %s",
			strerror(errno));
		ok = false;
	}
	if (ok) {
		bm = mode_text(before.st_mode);
		am = mode_text(after.st_mode);
		ou = user_name(before.st_uid);
		og = group_name(before.st_gid);
		if (created)
			fprintf(out, "created %s (root:%s %s, ACL %s%s%s)\n", path, group, am,
				acl, dflt ? ", default ACL " : "", dflt ? dflt : "");
		else if (before.st_uid == 0 && before.st_gid == gid &&
			 (before.st_mode & 07777) == mode && acl_diff == 0 && dflt_diff == 0)
			fprintf(out, "%s: already root:%s %s with its ACL\n", path, group, am);
		else
			fprintf(out, "set %s to root:%s %s, ACL %s%s%s (was %s:%s %s, ACL %s)\n",
				path, group, am, acl, dflt ? ", default ACL " : "",
				dflt ? dflt : "", ou, og, bm, old_acl ? old_acl : "as now");
		free(bm);
		free(am);
		free(ou);
		free(og);
	}
	free(old_acl);
	free(old_dflt);
	return ok;
}

bool site_setup(const struct site *site, FILE *out, struct diag *d)
{
	size_t before = d->count;
	gid_t central = 0, *gids;
	char *bad, *acl, *dacl;
	bool created;
	int rfd;

	if (geteuid() != 0) {
		PROBLEM(d, site->path, 0, "--setup must be run as root (it sets owners and "
			"groups); nothing done");
		return false;
	}
	if ((bad = site_file_writers(site->path))) {
		PROBLEM(d, site->path, 0, "the site file should be root's alone: %s; "
			"nothing done", bad);
		free(bad);
		return false;
	}
	gids = xcalloc(site->n_departments + 1, sizeof *gids);
	if (!group_gid(site->central_group, &central))
		PROBLEM(d, site->path, site->central_line, "group '%s' does not exist "
			"(groupadd %s)", site->central_group, site->central_group);
	for (size_t i = 0; i < site->n_departments; i++)
		if (!group_gid(site->departments[i].group, &gids[i]))
			PROBLEM(d, site->path, site->departments[i].group_line, "group '%s' "
				"does not exist (groupadd %s)", site->departments[i].group,
				site->departments[i].group);
	if (d->count > before) {
		PROBLEM(d, site->path, 0, "nothing done: create the groups first");
		free(gids);
		return false;
	}
	/* created: the round did not exist before this run */
	rfd = open_path(site->results, false, NULL, &bad);
	created = rfd < 0 && errno == ENOENT;
	free(bad);
	if (rfd < 0)
		rfd = open_path(site->results, true, out, &bad);
	if (rfd < 0) {
		PROBLEM(d, bad, 0, "%s; nothing done", open_error(errno, bad));
		free(bad);
		free(gids);
		return false;
	}
	if (!created && !round_is_ours(site, rfd, d)) {
		close(rfd);
		free(gids);
		return false;
	}
	acl = round_acl_text(site);
	set_folder(rfd, site->results, central, site->central_group, 0750, acl, NULL,
		   created, out, d);
	free(acl);
	dacl = department_acl_text(site);
	for (size_t i = 0; i < site->n_departments; i++) {
		const struct site_department *dep = &site->departments[i];
		char *path = site_department_dir(site, dep);
		int fd;

		created = mkdirat(rfd, dep->id, 0700) == 0;
		fd = openat(rfd, dep->id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			PROBLEM(d, path, 0, "%s", open_error(errno, path));
		else
			set_folder(fd, path, gids[i], dep->group, 02770, dacl, dacl, created,
				   out, d);
		if (fd >= 0)
			close(fd);
		free(path);
	}
	free(dacl);
	free(gids);
	close(rfd);
	return d->count == before;
}

/* site: the site file of a shared assessment server (enkat-site(5)): which
 * survey, which round folder, the departments with their coordinators'
 * Unix groups, and the central office's group. Loading checks the file
 * alone; site_check also looks at the groups and folders, site_setup makes
 * the folders. No curses here. */
#ifndef ENKAT_SITE_H
#define ENKAT_SITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "diag.h"

/* The site file read when no --site is given. */
#ifndef SITE_DEFAULT_PATH
#define SITE_DEFAULT_PATH "/etc/enkat/site.ini"
#endif

#define SITE_ID_MAX 32
#define SITE_GROUP_MAX 32
#define SITE_MAX_BYTES (1024 * 1024)
#define SITE_MAX_DEPARTMENTS 1000

struct site_department {
	char *id;      /* the section's suffix: the folder's name in the round */
	char *name;    /* shown, and written into the result file */
	char *group;   /* the coordinators' Unix group */
	long line;     /* of the [department.ID] header */
	long group_line;
};

struct site {
	char *path;           /* the site file, as given */
	char *results;        /* the round's folder: absolute, no . or .. */
	char *central_group;
	long central_line;
	char *survey;         /* NULL: the bundled survey; else a path
			       * (a relative one made relative to the
			       * site file's folder) */
	struct site_department *departments; /* in file order */
	size_t n_departments;
};

/* Reads and checks the site file at path. Every problem is added to d as
 * FILE:LINE: message (line 0 for the file as a whole) and the result is
 * NULL when there was any. Free with site_free. */
struct site *site_load(const char *path, struct diag *d);
/* The same for data[0..len) named name (the folder of a relative survey
 * path is name's folder). */
struct site *site_load_buffer(const char *name, const char *data, size_t len,
			      struct diag *d);
void site_free(struct site *site);

/* True when the file at path looks like a site file rather than a survey:
 * it has a [site] or a [department.ID] section. False when it cannot be read (the loader that
 * is then used will say why). */
bool site_file_is_site(const char *path);

/* The department's folder: RESULTS/ID. Caller frees. */
char *site_department_dir(const struct site *site, const struct site_department *dep);

/* The department with that id or (exactly) that name, or NULL. */
const struct site_department *site_find(const struct site *site, const char *id_or_name);

/* The departments whose group is one of gids[0..n) (the process's groups:
 * getgroups() and getegid()), in file order: their indexes are written to
 * out (room for site->n_departments), the count is returned. A group that
 * does not exist matches nobody. */
size_t site_departments_of(const struct site *site, const gid_t *gids, size_t n,
			   size_t *out);

/* The departments of the running process (its effective and supplementary
 * groups), as above. */
size_t site_my_departments(const struct site *site, size_t *out);

/* Checks that every group exists and that the folders are as --setup makes
 * them (enkat-site(5)), and that no file or folder in the round is
 * readable or writable by others. Each problem goes to d (the site file
 * with a line for a group; the path otherwise). Returns the number of
 * problems found. */
size_t site_check(const struct site *site, struct diag *d);

/* Makes the round's folder and every department's folder (and missing
 * folders above the round, root:root 0755) with their owners, groups,
 * modes and access control lists, without following a symbolic link;
 * folders already there are set right. Says what it did on out, one line
 * each. Needs root. Returns true when everything is as it should be; else
 * problems are in d. */
bool site_setup(const struct site *site, FILE *out, struct diag *d);

#endif

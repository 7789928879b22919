#include "paths.h"

#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#ifndef ENKAT_DATADIR
#define ENKAT_DATADIR "/usr/local/share/enkat"
#endif
#ifndef ENKAT_LOCALEDIR
#define ENKAT_LOCALEDIR "/usr/local/share/locale"
#endif

/* The folder of the running program, or NULL. */
static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	return xstrndup(buf, (size_t)(slash - buf));
}

static bool readable_file(const char *path)
{
	return access(path, R_OK) == 0;
}

/* A translations folder: some LANG/LC_MESSAGES/enkat.mo in it. Probing
 * for the catalogue, not the folder, keeps PREFIX/share/locale of another
 * package (say a source tree in /usr/local/enkat) from hiding ours. */
static bool has_catalogue(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;

	if (!d)
		return false;
	while (!found && (e = readdir(d)) != NULL) {
		char *p;

		if (e->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s/LC_MESSAGES/enkat.mo", dir, e->d_name);
		found = readable_file(p);
		free(p);
	}
	closedir(d);
	return found;
}

/* The first of PROG_DIR/tree, PROG_DIR/../tree, PROG_DIR/../installed
 * that `usable` accepts, else `fallback` (see paths.h). */
static char *find(const char *tree, const char *installed, const char *fallback,
		  bool (*usable)(const char *))
{
	char *dir = exe_dir();
	char *found = NULL;

	if (dir) {
		char *cand[] = {
			xasprintf("%s/%s", dir, tree),
			xasprintf("%s/../%s", dir, tree),
			xasprintf("%s/../%s", dir, installed),
		};
		for (size_t i = 0; i < sizeof cand / sizeof cand[0]; i++) {
			if (!found && usable(cand[i]))
				found = cand[i];
			else
				free(cand[i]);
		}
		free(dir);
	}
	return found ? found : xstrdup(fallback);
}

char *paths_default_survey(void)
{
	return find("surveys/kommun.ini", "share/enkat/surveys/kommun.ini",
		    ENKAT_DATADIR "/surveys/kommun.ini", readable_file);
}

char *paths_locale_dir(void)
{
	return find("build/mo", "share/locale", ENKAT_LOCALEDIR, has_catalogue);
}

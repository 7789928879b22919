#include "paths.h"

#include <limits.h>
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

/* rel in the program's folder or the one above it (a source tree, where
 * a sanitizer build sits in build-asan/), else the installed path. */
static char *find(const char *rel, const char *installed)
{
	char *dir = exe_dir();

	if (dir) {
		static const char *const up[] = {"", "/.."};
		for (size_t i = 0; i < 2; i++) {
			char *p = xasprintf("%s%s/%s", dir, up[i], rel);
			if (access(p, R_OK) == 0) {
				free(dir);
				return p;
			}
			free(p);
		}
		free(dir);
	}
	return xstrdup(installed);
}

char *paths_default_survey(void)
{
	return find("surveys/kommun.ini", ENKAT_DATADIR "/surveys/kommun.ini");
}

char *paths_locale_dir(void)
{
	return find("build/mo", ENKAT_LOCALEDIR);
}

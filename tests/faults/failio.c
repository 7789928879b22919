/* failio: an LD_PRELOAD shim that makes one kind of file operation fail on
 * enkat's temporary files (names with ".tmp-"), to test failed saves
 * without a full disk:
 *   FAILIO_OP     mkstemp, fchmod, write, fsync, close or rename (mkstemp
 *                 also fails the openat(O_CREAT) of a temporary file in the
 *                 result folder, rename also renameat)
 *   FAILIO_ERRNO  the errno to fail with (default 28, ENOSPC)
 *   FAILIO_WHILE  fail only while this file exists (default: always)
 * Built by tests/cli/faults.sh: cc -shared -fPIC -o failio.so failio.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static int failing(const char *op)
{
	const char *want = getenv("FAILIO_OP");
	const char *flag = getenv("FAILIO_WHILE");

	if (!want || strcmp(want, op) != 0)
		return 0;
	return !flag || !*flag || access(flag, F_OK) == 0;
}

static int fail_errno(void)
{
	const char *e = getenv("FAILIO_ERRNO");
	return e && *e ? atoi(e) : ENOSPC;
}

/* True when fd is one of enkat's temporary files. */
static int is_tmp_fd(int fd)
{
	char link[64], path[4096];
	ssize_t n;

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path - 1);
	if (n <= 0)
		return 0;
	path[n] = '\0';
	return strstr(path, ".tmp-") != NULL;
}

#define NEXT(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

int mkstemp(char *template)
{
	if (strstr(template, ".tmp-") && failing("mkstemp")) {
		errno = fail_errno();
		return -1;
	}
	return NEXT(mkstemp)(template);
}

int fchmod(int fd, mode_t mode)
{
	if (failing("fchmod") && is_tmp_fd(fd)) {
		errno = fail_errno();
		return -1;
	}
	return NEXT(fchmod)(fd, mode);
}

ssize_t write(int fd, const void *buf, size_t count)
{
	if (failing("write") && is_tmp_fd(fd)) {
		errno = fail_errno();
		return -1;
	}
	return NEXT(write)(fd, buf, count);
}

int fsync(int fd)
{
	if (failing("fsync") && is_tmp_fd(fd)) {
		errno = fail_errno();
		return -1;
	}
	return NEXT(fsync)(fd);
}

int close(int fd)
{
	if (failing("close") && is_tmp_fd(fd)) {
		NEXT(close)(fd); /* Linux releases the descriptor even on error */
		errno = fail_errno();
		return -1;
	}
	return NEXT(close)(fd);
}

int rename(const char *from, const char *to)
{
	if (strstr(from, ".tmp-") && failing("rename")) {
		errno = fail_errno();
		return -1;
	}
	return NEXT(rename)(from, to);
}

/* enkat creates its temporary files relative to the result folder */
int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	if ((flags & O_CREAT) && strstr(path, ".tmp-") && failing("mkstemp")) {
		errno = fail_errno();
		return -1;
	}
	return NEXT(openat)(dirfd, path, flags, mode);
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
	if (strstr(from, ".tmp-") && failing("rename")) {
		errno = fail_errno();
		return -1;
	}
	return NEXT(renameat)(fromfd, from, tofd, to);
}

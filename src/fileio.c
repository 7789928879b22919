#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* Reads the regular file open at fd (size from st) whole, at most max
 * bytes. 0, or -1 with *error and errno set; fd stays open. */
static int read_open_file(int fd, const struct stat *st, size_t max, char **data,
			  size_t *len, char **error)
{
	struct strbuf sb = {0};

	if ((unsigned long long)st->st_size > max) {
		*error = xasprintf("file too large (%lld bytes; the limit is %zu)",
				   (long long)st->st_size, max);
		errno = EFBIG;
		return -1;
	}
	strbuf_add(&sb, "", 0);
	for (;;) {
		char buf[65536];
		ssize_t n = read(fd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			*error = xstrdup(strerror(saved));
			strbuf_free(&sb);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		if (sb.len + (size_t)n > max) { /* grew while we read */
			*error = xasprintf("file too large (the limit is %zu bytes)", max);
			strbuf_free(&sb);
			errno = EFBIG;
			return -1;
		}
		strbuf_add(&sb, buf, (size_t)n);
	}
	*len = sb.len;
	*data = strbuf_detach(&sb);
	return 0;
}

int file_read_expected(const char *path, size_t max, const struct stat *expect,
		       char **data, size_t *len, char **error)
{
	struct stat st;
	int fd, rc;

	*data = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		*error = xstrdup(errno == ELOOP ? "is a symbolic link now: not followed"
				 : strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || st.st_dev != expect->st_dev ||
	    st.st_ino != expect->st_ino || !S_ISREG(st.st_mode)) {
		*error = xstrdup("was replaced since it was found: not read");
		close(fd);
		return -1;
	}
	rc = read_open_file(fd, &st, max, data, len, error);
	close(fd);
	return rc;
}

int file_read_all(const char *path, size_t max, char **data, size_t *len,
		  char **error)
{
	struct stat st;
	int fd;

	*data = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO for reading must not wait for a writer */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*error = xstrdup(strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		*error = xstrdup(strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		*error = xstrdup("is a directory");
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*error = xstrdup("not a regular file");
		close(fd);
		return -1;
	}
	if (read_open_file(fd, &st, max, data, len, error) != 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	return 0;
}

static mode_t current_umask(void)
{
	mode_t m = umask(0);
	umask(m);
	return m;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = ENOSPC;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int file_write_atomic(const char *path, const char *data, size_t len,
		      char **error)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path))
			  : xstrdup(".");
	char *tmp = xasprintf("%s.tmp-XXXXXX", path);
	int fd, dfd, saved;

	fd = mkstemp(tmp);
	if (fd < 0) {
		saved = errno;
		*error = xasprintf("cannot create a file in %s: %s", dir, strerror(saved));
		goto fail_nofile;
	}
	/* the user's umask, but never writable by every user on the machine */
	if (fchmod(fd, 0666 & ~current_umask() & ~(mode_t)S_IWOTH) != 0 ||
	    write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		goto fail;
	}
	if (close(fd) != 0)
		goto fail;
	if (rename(tmp, path) != 0)
		goto fail;
	/* the rename is durable only once the folder is on disk */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(dir);
	return 0;

fail:
	saved = errno;
	unlink(tmp);
	*error = xasprintf("cannot write %s: %s", path, strerror(saved));
	free(tmp);
	free(dir);
	errno = saved;
	return -1;

fail_nofile:
	free(tmp);
	free(dir);
	errno = saved;
	return -1;
}

int file_write_atomic_at(int dirfd, const char *name, const char *data,
			 size_t len, mode_t mode, char **error)
{
	static unsigned counter;
	char *tmp = NULL;
	int fd = -1, saved;

	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		free(tmp);
		tmp = xasprintf(".%s.tmp-%ld-%lx-%u", name, (long)getpid(),
				(unsigned long)ts.tv_nsec, counter++);
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			    O_CLOEXEC, mode);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		saved = errno;
		free(tmp);
		*error = xstrdup(strerror(saved));
		errno = saved;
		return -1;
	}
	/* exactly mode, whatever the umask */
	if (fchmod(fd, mode) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) != 0 || renameat(dirfd, tmp, dirfd, name) != 0) {
		saved = errno;
		goto fail;
	}
	fsync(dirfd);
	free(tmp);
	return 0;

fail:
	unlinkat(dirfd, tmp, 0);
	free(tmp);
	*error = xstrdup(strerror(saved));
	errno = saved;
	return -1;
}

int file_write_private(const char *path, const char *data, size_t len,
		       mode_t mode, char **error)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	char *dir = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path))
			  : xstrdup(".");
	char *why = NULL;
	int dfd, rc, saved;

	if (!*name) {
		saved = EISDIR;
		why = xstrdup(strerror(saved));
		goto fail;
	}
	/* the folder as the user named it (its links followed: it is theirs
	 * to name); only the file itself is never followed */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		saved = errno;
		why = xstrdup(strerror(saved));
		goto fail;
	}
	rc = file_write_atomic_at(dfd, name, data, len, mode, &why);
	saved = errno;
	close(dfd);
	if (rc == 0) {
		free(dir);
		return 0;
	}
fail:
	*error = xasprintf("cannot write %s: %s", path, why);
	free(why);
	free(dir);
	errno = saved;
	return -1;
}

int file_open_dir(const char *path, bool create, mode_t mode, char **error)
{
	size_t n = strlen(path);
	char *p;
	struct stat st;
	bool made = false;
	int fd, saved;

	/* "dir/" would follow a link named dir: the slash is not part of the
	 * name */
	while (n > 1 && path[n - 1] == '/')
		n--;
	p = xstrndup(path, n);
	if (!*p) {
		free(p);
		*error = xstrdup(strerror(ENOENT));
		errno = ENOENT;
		return -1;
	}
	if (create) {
		if (mkdir(p, mode) == 0) {
			made = true;
			/* a umask such as 0777 would leave a folder that its
			 * owner cannot open; never through a link */
			fchmodat(AT_FDCWD, p, mode, AT_SYMLINK_NOFOLLOW);
		}
		else if (errno != EEXIST) {
			saved = errno;
			goto fail;
		}
	}
	fd = open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		saved = errno;
		if (fstatat(AT_FDCWD, p, &st, AT_SYMLINK_NOFOLLOW) == 0) {
			if (S_ISLNK(st.st_mode)) {
				*error = xstrdup("is a symbolic link");
				free(p);
				errno = ELOOP;
				return -1;
			}
			if (!S_ISDIR(st.st_mode)) {
				*error = xasprintf("is %s, not a folder",
						   file_refused_kind(&st) ? file_refused_kind(&st)
						   : "a file");
				free(p);
				errno = ENOTDIR;
				return -1;
			}
		}
		goto fail;
	}
	/* exactly mode, whatever the umask */
	if (made)
		fchmod(fd, mode);
	free(p);
	return fd;

fail:
	*error = xstrdup(strerror(saved));
	free(p);
	errno = saved;
	return -1;
}

const char *file_refused_kind(const struct stat *st)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFREG:
		return st->st_nlink > 1 ? "a file with more than one name (a hard link)"
					: NULL;
	case S_IFLNK: return "a symbolic link";
	case S_IFIFO: return "a FIFO";
	case S_IFCHR: case S_IFBLK: return "a device";
	case S_IFSOCK: return "a socket";
	case S_IFDIR: return "a folder";
	default: return "not a regular file";
	}
}

int file_read_at(int dirfd, const char *name, size_t max, char **data,
		 size_t *len, struct stat *st, char **error)
{
	struct stat before;
	const char *kind;
	int fd, saved;

	*data = NULL;
	*len = 0;
	if (fstatat(dirfd, name, &before, AT_SYMLINK_NOFOLLOW) != 0) {
		saved = errno;
		*error = xstrdup(strerror(saved));
		errno = saved;
		return -1;
	}
	/* refused before it is opened: opening a device may do something */
	if ((kind = file_refused_kind(&before))) {
		*error = xasprintf("is %s", kind);
		errno = EINVAL;
		return -1;
	}
	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		saved = errno;
		*error = xstrdup(saved == ELOOP ? "is a symbolic link" : strerror(saved));
		errno = saved;
		return -1;
	}
	if (fstat(fd, st) != 0) {
		saved = errno;
		*error = xstrdup(strerror(saved));
		goto fail;
	}
	/* what was looked at is what was opened */
	if (st->st_dev != before.st_dev || st->st_ino != before.st_ino) {
		saved = EAGAIN;
		*error = xstrdup("was replaced while it was read");
		goto fail;
	}
	if ((kind = file_refused_kind(st))) {
		saved = EINVAL;
		*error = xasprintf("is %s", kind);
		goto fail;
	}
	if (read_open_file(fd, st, max, data, len, error) != 0) {
		saved = errno;
		goto fail;
	}
	close(fd);
	return 0;

fail:
	close(fd);
	errno = saved;
	return -1;
}

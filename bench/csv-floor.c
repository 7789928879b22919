/* csv-floor: the floor that libcsv sets for enkat-merge. Reads every file
 * named (a folder: every *.csv in it, recursively, like enkat-merge) and
 * parses its bytes with libcsv, with the options enkat's reader uses
 * (src/result_read.c: strict, strict at the end, NUL-terminated fields,
 * no trimming) and callbacks that do nothing, on one thread: csv_parse
 * over the whole file, then csv_fini. No figure, no check, no copy of a
 * field: what is left is reading the files and libcsv's own work.
 *
 *   cc -O2 -o csv-floor bench/csv-floor.c -lcsv
 *   csv-floor FILE|DIR...      prints files, bytes, records and fields
 *
 * The records and fields are counted in the callbacks (an increment each)
 * so that the run can be checked against the data; exit 1 on any error. */
#define _GNU_SOURCE
#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct counts {
	unsigned long files, records, fields;
	unsigned long long bytes;
};

static char *buf;
static size_t cap;
static struct csv_parser parser;
static int failed;

static void on_field(void *data, size_t len, void *user)
{
	(void)data;
	(void)len;
	((struct counts *)user)->fields++;
}

static void on_record(int c, void *user)
{
	(void)c;
	((struct counts *)user)->records++;
}

static int never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void parse_file(const char *path, struct counts *n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t len = 0;
	ssize_t got;

	if (fd < 0 || fstat(fd, &st) != 0) {
		fprintf(stderr, "csv-floor: %s: %s\n", path, strerror(errno));
		failed = 1;
		if (fd >= 0)
			close(fd);
		return;
	}
	if ((size_t)st.st_size + 1 > cap) {
		cap = (size_t)st.st_size + 1;
		buf = realloc(buf, cap);
		if (!buf) {
			perror("csv-floor");
			exit(1);
		}
	}
	while (len < cap && (got = read(fd, buf + len, cap - len)) > 0)
		len += (size_t)got;
	close(fd);
	if (csv_parse(&parser, buf, len, on_field, on_record, n) != len ||
	    csv_fini(&parser, on_field, on_record, n) != 0) {
		fprintf(stderr, "csv-floor: %s: %s\n", path,
			csv_strerror(csv_error(&parser)));
		failed = 1;
	}
	n->files++;
	n->bytes += len;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *dir, struct counts *n)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t k = 0, cap_names = 0;

	if (!dp) {
		fprintf(stderr, "csv-floor: %s: %s\n", dir, strerror(errno));
		failed = 1;
		return;
	}
	while ((e = readdir(dp)) != NULL) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.')
			continue;
		if (k == cap_names) {
			cap_names = cap_names ? 2 * cap_names : 256;
			names = realloc(names, cap_names * sizeof *names);
			if (!names) {
				perror("csv-floor");
				exit(1);
			}
		}
		if (asprintf(&names[k], "%s/%s", dir, e->d_name) < 0) {
			perror("csv-floor");
			exit(1);
		}
		if (e->d_type == DT_DIR ||
		    (l > 4 && strcasecmp(e->d_name + l - 4, ".csv") == 0))
			k++;
		else
			free(names[k]);
	}
	closedir(dp);
	/* in name order, as enkat-merge reads them */
	qsort(names, k, sizeof *names, name_cmp);
	for (size_t i = 0; i < k; i++) {
		struct stat st;
		if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
			walk(names[i], n);
		else
			parse_file(names[i], n);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	struct counts n = {0};

	if (argc < 2) {
		fprintf(stderr, "usage: csv-floor FILE|DIR...\n");
		return 2;
	}
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		perror("csv-floor");
		return 1;
	}
	csv_set_space_func(&parser, never_space);
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			walk(argv[i], &n);
		else
			parse_file(argv[i], &n);
	}
	csv_free(&parser);
	free(buf);
	printf("files %lu bytes %llu records %lu fields %lu\n", n.files, n.bytes,
	       n.records, n.fields);
	return failed;
}

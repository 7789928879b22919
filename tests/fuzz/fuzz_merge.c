/* libFuzzer target: enkat-merge's whole run, as src/merge.c's main() does
 * it, on up to four result files cut from the input at lines "%%%%"
 * (written to a private folder, since the merge reads paths). The options
 * (--include-drafts, --latest, --skip-invalid, --excel, the language, a
 * coloured summary and its width) come from the input's hash. Oracles:
 *   - every writer runs to the end on whatever was merged;
 *   - the --output file is always valid, and merging it alone gives back
 *     as many results as were read from the valid inputs. */
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "merge_input.h"
#include "merge_report.h"
#include "merge_csv.h"
#include "merge_html.h"
#include "merge_summary.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FILES 4
static char dir[64];
static char *in_path[MAX_FILES], *out_path[4];
static FILE *devnull;

/* The folder exists only while an input runs: libFuzzer may end the
 * process without running atexit handlers. */
static void remove_dir(void)
{
	for (size_t i = 0; i < MAX_FILES; i++)
		unlink(in_path[i]);
	for (size_t i = 0; i < 4; i++)
		unlink(out_path[i]);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const outs[] = {"matrix.out", "questions.out", "output.out",
					   "report.html"};

	(void)argc;
	(void)argv;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	snprintf(dir, sizeof dir, "%s/fuzz-merge-XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (!mkdtemp(dir)) {
		perror("fuzz_merge: mkdtemp");
		abort();
	}
	for (size_t i = 0; i < MAX_FILES; i++)
		in_path[i] = xasprintf("%s/in%zu.csv", dir, i);
	for (size_t i = 0; i < 4; i++)
		out_path[i] = xasprintf("%s/%s", dir, outs[i]);
	devnull = fopen("/dev/null", "w");
	rmdir(dir); /* the name is kept; see remove_dir */
	return 0;
}

static void write_file(const char *path, const uint8_t *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	FUZZ_CHECK(f && fwrite(p, 1, n, f) == n && fclose(f) == 0, "cannot write %s", path);
}

/* Cuts the input into files at lines "%%%%"; returns how many. */
static size_t split(const uint8_t *data, size_t size)
{
	static const char sep[] = "\n%%%%\n";
	size_t n = 0, start = 0;

	for (size_t i = 0; n < MAX_FILES - 1 && i + 6 <= size; i++)
		if (memcmp(data + i, sep, 6) == 0) {
			write_file(in_path[n++], data + start, i + 1 - start);
			start = i + 6;
			i += 5;
		}
	write_file(in_path[n++], data + start, size - start);
	return n;
}

/* The results read from the valid files. */
static size_t valid_results(const struct merge_set *set)
{
	size_t n = 0;

	for (size_t i = 0; i < set->n_files; i++)
		if (!set->files[i].invalid)
			n += set->files[i].n_results;
	return n;
}

static size_t merged(const struct merge_set *set)
{
	size_t n = 0;

	for (size_t i = 0; i < set->n_versions; i++)
		n += merge_model_merged(set->versions[i]);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t st = fuzz_seed(data, size), r = fuzz_next(&st);
	struct merge_options o = {0};
	struct merge_set set = {0}, again = {0};
	struct diag writing = {0};
	const char *outputs[4];
	size_t n_in, results;
	char *paths[MAX_FILES];

	o.include_drafts = r & 1;
	o.latest = (r >> 1) & 1;
	o.skip_invalid = ((r >> 2) & 3) != 0;
	o.excel = (r >> 4) & 1;
	o.lang = (r >> 5) & 1 ? LANG_SV : LANG_EN;
	o.color = (r >> 6) & 1;
	o.width = (r >> 7) & 1 ? (int)(20 + (r >> 8) % 200) : 0;
	o.matrix = out_path[0];
	o.questions = out_path[1];
	o.output = out_path[2];
	o.html = out_path[3];
	for (size_t i = 0; i < 4; i++)
		outputs[i] = out_path[i];
	FUZZ_CHECK(mkdir(dir, 0700) == 0, "cannot create %s", dir);
	n_in = split(data, size);
	for (size_t i = 0; i < n_in; i++)
		paths[i] = in_path[i];

	merge_input_paths(&set, paths, n_in, outputs, 4);
	FUZZ_CHECK(set.problems.count == 0, "paths: %s", set.problems.count ?
		   set.problems.entries[0].message : "");
	merge_input_read(&set, &o);
	merge_input_finish(&set);
	fuzz_diag_drain(&set.problems);
	fuzz_diag_drain(&set.notes);
	if ((merge_input_invalid(&set) == 0 || o.skip_invalid) && merged(&set) > 0) {
		struct merge_report *report = merge_report_build(&set, NULL, NULL, 0);
		struct merge_details details;

		results = valid_results(&set);
		merge_csv_matrix(report, &o, &writing);
		merge_csv_questions(report, &o, &writing);
		FUZZ_CHECK(merge_csv_output(&set, &o, &writing), "--output not written");
		merge_html_write(report, &o, o.html, &writing);
		merge_summary_print(devnull, report, &o);
		FUZZ_CHECK(merge_report_details(report, &set, &details, &writing),
			   "details not read");
		merge_report_details_free(&details);
		merge_report_free(report);
		if (writing.count)
			fuzz_diag_show(&writing);
		FUZZ_CHECK(writing.count == 0, "an output could not be written");

		/* what --output wrote reads back, every result of it */
		{
			char *one[] = {out_path[2]};
			merge_input_paths(&again, one, 1, NULL, 0);
			merge_input_read(&again, &o);
			merge_input_finish(&again);
			if (merge_input_invalid(&again))
				fuzz_diag_show(&again.problems);
			FUZZ_CHECK(merge_input_invalid(&again) == 0,
				   "the --output file does not read back");
			FUZZ_CHECK(valid_results(&again) == results,
				   "%zu results read back from --output, %zu written",
				   valid_results(&again), results);
			merge_set_free(&again);
		}
	}
	diag_free(&writing);
	merge_set_free(&set);
	remove_dir();
	return 0;
}

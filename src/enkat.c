/* enkat: the information-security self-assessment. This first version
 * validates survey definitions (--check); the interactive assessment is
 * built on the same engine. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "survey.h"
#include "util.h"
#include "version.h"

enum { EXIT_INVALID = 1, EXIT_USAGE = 2 };

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: enkat --check FILE...\n"
		"       enkat --help | --version\n"
		"\n"
		"Information-security self-assessment for an organisation's departments.\n"
		"\n"
		"  --check FILE...  validate survey definition files; every problem is\n"
		"                   printed as FILE:LINE: message; exit 1 if there is any\n"
		"  --help           show this help\n"
		"  --version        show the version\n"
		"\n"
		"The survey format is described in enkat-survey(5), result files in\n"
		"enkat-results(5).\n");
}

/* Loads each file and reports what is wrong with it; 0 when all are valid. */
static int check_files(char **files, int n)
{
	int status = 0;

	for (int i = 0; i < n; i++) {
		struct diag d = {0};
		struct survey *s = survey_load(files[i], &d);

		diag_print(&d, stderr);
		if (!s)
			status = EXIT_INVALID;
		else
			printf("%s: ok: survey %s version %ld (areas: %zu, questions: %zu)\n",
			       files[i], s->id, s->version, s->n_areas, s->n_questions);
		survey_free(s);
		diag_free(&d);
	}
	return status;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"check", no_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	bool check = false;
	int opt;

	setlocale(LC_ALL, "");
	util_set_progname("enkat");
	while ((opt = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			check = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("enkat %s\n", ENKAT_VERSION);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (!check) {
		fprintf(stderr, "enkat: the interactive assessment is not part of this "
			"version yet; use --check FILE... to validate surveys\n");
		usage(stderr);
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		fprintf(stderr, "enkat: --check needs at least one survey file\n");
		return EXIT_USAGE;
	}
	return check_files(argv + optind, argc - optind);
}

/* smugnet sweep slurm: write DIR/sweep.sbatch, a Slurm job array whose
 * array task J runs this program's `sweep run DIR --task J` (or chunk J
 * of K tasks when the sweep is larger than the cluster's array size), and
 * print how to submit it. Only chunks with a missing result are in the
 * array, so submitting again resumes. Slurm schedules; we only describe. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/sweep.h"

/* Whether path is a script this command wrote (its first two lines, as
 * slurm_write writes them): one left from before, which submitted would
 * run again tasks that have their results. Another file is not ours to
 * remove. */
static bool stale_script(const char *path)
{
	static const char head[] = "#!/bin/bash\n# smugnet sweep: ";
	struct smug_error err;
	char *text;
	size_t len;
	bool ours;

	if (smug_file_read(path, &text, &len, &err) != SMUG_OK)
		return false;
	ours = len > sizeof head - 1 && memcmp(text, head, sizeof head - 1) == 0 &&
	       strstr(text, "(written by smugnet sweep slurm; submit with sbatch)") != NULL;
	free(text);
	return ours;
}

/* Array indices as Slurm ranges: "0-15,17,20-31". */
static void write_array(FILE *f, const bool *want, long long n)
{
	bool first = true;

	for (long long i = 0; i < n; i++) {
		long long j = i;

		if (!want[i])
			continue;
		while (j + 1 < n && want[j + 1])
			j++;
		fprintf(f, "%s%lld", first ? "" : ",", i);
		if (j > i)
			fprintf(f, "-%lld", j);
		first = false;
		i = j;
	}
}

/* A #SBATCH option's filename pattern: the folder path with '%' doubled
 * (Slurm reads %A, %a, %j ... in it), then tail as is; when the path has
 * a blank, a quote or a '#' (sbatch splits a directive at blanks and ends
 * it at an unquoted '#'), all in double quotes with '"' escaped. A path
 * with a newline or a backslash is refused before (sbatch_path_ok). */
static void sbatch_pattern(FILE *f, const char *path, const char *tail)
{
	bool quote = strpbrk(path, " \t\r\v\f\"'#") != NULL;

	if (quote)
		fputc('"', f);
	for (; *path; path++) {
		if (*path == '%' || (*path == '"' && quote))
			fputc(*path == '%' ? '%' : '\\', f);
		fputc(*path, f);
	}
	fputs(tail, f);
	if (quote)
		fputc('"', f);
}

/* A #SBATCH line ends at a newline, and a backslash in an output path
 * turns off Slurm's %A/%a (each array task would write one file, named
 * without the backslash): such a folder cannot be the sweep's. */
static int sbatch_path_ok(const char *dir)
{
	const char *bad = strpbrk(dir, "\n\\");

	if (bad == NULL)
		return EXIT_OK;
	return cli_usage_error("sweep slurm",
			       "the sweep folder '%s' has a %s, which a #SBATCH --output line cannot carry; "
			       "rename it (sweep run --jobs N runs it here)",
			       dir, *bad == '\n' ? "newline" : "backslash");
}

/* Slurm partition and account names (a comma between several
 * partitions): letters, digits, '_', '.', '-'. */
static int slurm_name_ok(const char *opt, const char *s)
{
	if (*s && s[strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-,")] == '\0')
		return EXIT_OK;
	return cli_usage_error("sweep slurm", "%s: expected a Slurm name (letters, digits, '_', '.', '-', "
			       "several separated by ','), got '%s'", opt, s);
}

struct slurm_opts {
	long long limit, chunk_size, max_array;
	const char *time, *mem, *partition, *account, *output;
};

static int slurm_write(const struct sweep_manifest *m, const struct slurm_opts *o, const char *self)
{
	char dir[4096], logs[4200], path[4200], *buf = NULL;
	size_t len = 0;
	long long k = o->chunk_size, n_chunks, n_want = 0, n_missing = 0;
	bool *want;
	FILE *f;
	int rc;

	if (k == 0)
		k = (m->n_tasks + o->max_array - 1) / o->max_array;
	n_chunks = (m->n_tasks + k - 1) / k;
	if (n_chunks > o->max_array)
		return cli_usage_error("sweep slurm", "%lld chunks of %lld tasks exceed --max-array-size %lld",
				       n_chunks, k, o->max_array);
	want = calloc((size_t)n_chunks + 1, sizeof *want);
	for (long long i = 0; i < m->n_tasks; i++)
		if (!sweep_result_exists(m, i)) {
			n_missing++;
			if (!want[i / k]) {
				want[i / k] = true;
				n_want++;
			}
		}
	sweep_abs_path(dir, sizeof dir, m->dir);
	if ((rc = sbatch_path_ok(dir)) != EXIT_OK) {
		free(want);
		return rc;
	}
	if (o->output)
		snprintf(path, sizeof path, "%s", o->output);
	else
		snprintf(path, sizeof path, "%s/sweep.sbatch", dir);
	if (n_want == 0) {
		free(want);
		printf("%s: every task has a result; nothing to submit\n", dir);
		if (stale_script(path)) {
			if (unlink(path) != 0) {
				fprintf(stderr, "%s: cannot remove: %s\n", path, strerror(errno));
				return EXIT_WRITE;
			}
			printf("%s: removed (an earlier script: submitted, it would run done tasks again)\n", path);
		}
		return jsonl_close_stdout();
	}
	snprintf(logs, sizeof logs, "%s/" SWEEP_LOGS, dir);
	if ((rc = cli_mkdir(logs)) != EXIT_OK) {
		free(want);
		return rc;
	}
	f = open_memstream(&buf, &len);
	/* what the array runs: the chunks it submits, not all the sweep's
	 * (it said '16 tasks ... as a Slurm job array of 16 chunks' over an
	 * array of the 3 without a result) */
	fprintf(f, "#!/bin/bash\n"
		   "# smugnet sweep: the %lld of %lld task%s of %s without a result, as a Slurm job\n"
		   "# array of %lld of the %lld chunk%s of %lld task%s (written by smugnet sweep slurm; "
		   "submit with sbatch).\n",
		n_missing, m->n_tasks, m->n_tasks == 1 ? "" : "s", dir, n_want, n_chunks, n_chunks == 1 ? "" : "s",
		k, k == 1 ? "" : "s");
	fprintf(f, "#SBATCH --job-name=smugnet-sweep\n#SBATCH --array=");
	write_array(f, want, n_chunks);
	if (o->limit)
		fprintf(f, "%%%lld", o->limit);
	fprintf(f, "\n#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=1\n#SBATCH --mem=%s\n"
		   "#SBATCH --time=%s\n#SBATCH --output=",
		o->mem, o->time);
	sbatch_pattern(f, logs, "/slurm-%A_%a.out");
	fputc('\n', f);
	if (o->partition)
		fprintf(f, "#SBATCH --partition=%s\n", o->partition);
	if (o->account)
		fprintf(f, "#SBATCH --account=%s\n", o->account);
	fprintf(f, "set -eu\nexec ");
	sweep_shell_word(f, self);
	fprintf(f, " sweep run ");
	sweep_shell_word(f, dir);
	if (k == 1)
		fprintf(f, " --quiet --task \"$SLURM_ARRAY_TASK_ID\"\n");
	else
		fprintf(f, " --quiet --chunk \"$SLURM_ARRAY_TASK_ID\" --chunk-size %lld\n", k);
	fclose(f);
	rc = cli_write_atomic(path, NULL, buf, len);
	free(buf);
	free(want);
	if (rc != EXIT_OK)
		return rc;
	printf("%s: %lld array task%s of %lld sweep task%s each\nsubmit with: sbatch ",
	       path, n_want, n_want == 1 ? "" : "s", k, k == 1 ? "" : "s");
	sweep_shell_word(stdout, path);
	putchar('\n');
	return jsonl_close_stdout();
}

int sweep_slurm(int argc, char **argv)
{
	static const struct option opts[] = {
		{"limit", required_argument, NULL, 'l'},     {"chunk-size", required_argument, NULL, 'k'},
		{"max-array-size", required_argument, NULL, 'M'}, {"time", required_argument, NULL, 't'},
		{"mem", required_argument, NULL, 'm'},	     {"partition", required_argument, NULL, 'p'},
		{"account", required_argument, NULL, 'A'},   {"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},	     {NULL, 0, NULL, 0},
	};
	struct slurm_opts o = {.limit = 0, .chunk_size = 0, .max_array = 1000, .time = "01:00:00",
			       .mem = "512M"};
	struct sweep_manifest m;
	char self[4096];
	int c, rc;

	while ((c = cli_getopt("sweep slurm", argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'l':
			if (cli_int_option("sweep slurm", "--limit", optarg, 0, 100000000, &o.limit) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'k':
			if (cli_int_option("sweep slurm", "--chunk-size", optarg, 1, SWEEP_MAX_TASKS, &o.chunk_size) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'M':
			if (cli_int_option("sweep slurm", "--max-array-size", optarg, 1, 100000000, &o.max_array) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 't': o.time = optarg; break;
		case 'm': o.mem = optarg; break;
		case 'p': o.partition = optarg; break;
		case 'A': o.account = optarg; break;
		case 'o': o.output = optarg; break;
		case 'h':
			printf("Usage: smugnet sweep slurm DIR [--limit L] [--chunk-size K] [--max-array-size N]\n"
			       "       [--time T] [--mem M] [--partition P] [--account A] [--output FILE]\n"
			       "Write DIR/sweep.sbatch, a Slurm job array over the missing tasks.\n");
			return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (sweep_dir_arg("sweep slurm", argc, argv, optind) != EXIT_OK ||
	    cli_name_given("sweep slurm", "--output", o.output) != EXIT_OK)
		return EXIT_USAGE;
	if (!isdigit((unsigned char)o.time[0]) || o.time[strspn(o.time, "0123456789:-")] != '\0')
		return cli_usage_error("sweep slurm", "--time: expected Slurm's [D-]HH:MM:SS, got '%s'", o.time);
	if (!isdigit((unsigned char)o.mem[0]) || o.mem[strspn(o.mem, "0123456789KMGT")] != '\0')
		return cli_usage_error("sweep slurm", "--mem: expected a size like 512M, got '%s'", o.mem);
	if ((o.partition && slurm_name_ok("--partition", o.partition) != EXIT_OK) ||
	    (o.account && slurm_name_ok("--account", o.account) != EXIT_OK))
		return EXIT_USAGE;
	if ((rc = sweep_manifest_load(argv[optind], &m)) == EXIT_OK &&
	    (o.output == NULL || (rc = sweep_output_check(&m, "sweep slurm", o.output)) == EXIT_OK)) {
		sweep_self_path(self, sizeof self, argv[0]);
		rc = slurm_write(&m, &o, self);
	}
	sweep_manifest_done(&m);
	return rc;
}

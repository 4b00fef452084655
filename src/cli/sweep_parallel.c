/* smugnet sweep parallel: print the GNU parallel command line that runs
 * the sweep's missing tasks on many hosts (an --sshloginfile), each job
 * calling `smugnet sweep run DIR --task I J ...` with a batch of tasks.
 * The hosts must see the sweep
 * folder and the program at the same absolute paths (a shared file
 * system), as the nodes of a Slurm cluster do. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/sweep.h"

int sweep_parallel(int argc, char **argv)
{
	static const struct option opts[] = {
		{"sshlogin", required_argument, NULL, 's'}, {"jobs", required_argument, NULL, 'j'},
		{"batch", required_argument, NULL, 'b'},    {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *logins = NULL, *jobs = "100%";
	char self[4096], dir[4096], file[4096], log[4200];
	struct sweep_manifest m;
	long long batch = 0;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hj:", opts, NULL)) != -1) {
		switch (c) {
		case 's': logins = optarg; break;
		case 'j': jobs = optarg; break;
		case 'b':
			if (!cli_parse_int(optarg, SWEEP_BATCH_MAX, &batch) || batch < 1)
				return cli_usage_error("sweep parallel", "--batch: expected a number in [1,%d], got '%s'",
						       SWEEP_BATCH_MAX, optarg);
			break;
		case 'h':
			printf("Usage: smugnet sweep parallel DIR --sshlogin FILE [--jobs N] [--batch B]\n"
			       "Print the GNU parallel command that runs the missing tasks on the hosts of FILE.\n");
			return jsonl_close_stdout();
		default: return cli_usage_error("sweep parallel", "invalid option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("sweep parallel", "the sweep folder is required");
	if (logins == NULL)
		return cli_usage_error("sweep parallel", "--sshlogin FILE is required");
	if ((rc = sweep_manifest_load(argv[optind], &m)) != EXIT_OK) {
		sweep_manifest_done(&m);
		return rc;
	}
	/* the hosts' job slots are not known here: batches for 64 of them */
	if (batch == 0)
		batch = sweep_batch_size(m.n_tasks, 64);
	sweep_self_path(self, sizeof self, argv[0]);
	sweep_abs_path(dir, sizeof dir, m.dir);
	sweep_abs_path(file, sizeof file, logins);
	snprintf(log, sizeof log, "%s/logs", dir);
	if ((rc = cli_mkdir(log)) != EXIT_OK) {
		sweep_manifest_done(&m);
		return rc;
	}
	snprintf(log, sizeof log, "%s/logs/parallel-hosts.log", dir);
	sweep_shell_word(stdout, self);
	printf(" sweep missing ");
	sweep_shell_word(stdout, dir);
	printf(" |\n  parallel --will-cite --sshloginfile ");
	sweep_shell_word(stdout, file);
	printf(" --jobs ");
	sweep_shell_word(stdout, jobs);
	printf(" --max-args %lld", batch);
	printf(" --joblog ");
	sweep_shell_word(stdout, log);
	printf(" \\\n    ");
	sweep_shell_word(stdout, self);
	printf(" sweep run ");
	sweep_shell_word(stdout, dir);
	printf(" --quiet --task {}\n");
	sweep_manifest_done(&m);
	return jsonl_close_stdout();
}

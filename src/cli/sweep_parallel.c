/* smugnet sweep parallel: print the GNU parallel command line that runs
 * the sweep's missing tasks on many hosts (an --sshloginfile), each job
 * calling `smugnet sweep run DIR --task I J ...` with a batch of tasks.
 * The hosts must see the sweep
 * folder and the program at the same absolute paths (a shared file
 * system), as the nodes of a Slurm cluster do. Every word is quoted for
 * the shell the line is piped to. The program's and the folder's paths
 * reach each job in the environment (parallel's --env carries them over
 * ssh), as under sweep run --jobs: parallel reads {}, {1} and the like
 * in every word of a job's command, and never sees the paths there. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/sweep.h"

/* GNU parallel's --jobs, as far as it makes sense here: N jobs a host,
 * N% of its cores, or its cores +N or -N. */
static bool parallel_jobs_ok(const char *s)
{
	size_t n = strlen(s);
	bool sign = s[0] == '+' || s[0] == '-', pct = !sign && n > 0 && s[n - 1] == '%';
	size_t digits = n - sign - pct;
	long long v;
	char num[32];

	if (digits == 0 || digits >= sizeof num)
		return false;
	memcpy(num, s + sign, digits);
	num[digits] = '\0';
	return strspn(num, "0123456789") == digits && cli_parse_int(num, pct ? 10000 : 4096, &v) &&
	       (sign || v >= 1);
}

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

	while ((c = cli_getopt("sweep parallel", argc, argv, "hj:", opts)) != -1) {
		switch (c) {
		case 's': logins = optarg; break;
		case 'j':
			if (!parallel_jobs_ok(optarg))
				return cli_usage_error("sweep parallel",
						       "--jobs: expected N jobs a host in [1,4096], N%% of its cores "
						       "(1%% to 10000%%) or +N/-N cores (N in [0,4096]), got '%s'",
						       optarg);
			jobs = optarg;
			break;
		case 'b':
			if (!cli_parse_int(optarg, SWEEP_BATCH_MAX, &batch) || batch < 1)
				return cli_usage_error("sweep parallel", "--batch: expected a number in [1,%d], got '%s'",
						       SWEEP_BATCH_MAX, optarg);
			break;
		case 'h':
			printf("Usage: smugnet sweep parallel DIR --sshlogin FILE [--jobs N] [--batch B]\n"
			       "Print the GNU parallel command that runs the missing tasks on the hosts of FILE.\n");
			return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (sweep_dir_arg("sweep parallel", argc, argv, optind) != EXIT_OK)
		return EXIT_USAGE;
	if (logins == NULL)
		return cli_usage_error("sweep parallel", "--sshlogin FILE is required");
	if (cli_name_given("sweep parallel", "--sshlogin", logins) != EXIT_OK)
		return EXIT_USAGE;
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
	snprintf(log, sizeof log, "%s/" SWEEP_LOGS, dir);
	if ((rc = cli_mkdir(log)) != EXIT_OK) {
		sweep_manifest_done(&m);
		return rc;
	}
	snprintf(log, sizeof log, "%s/" SWEEP_LOGS "/parallel-hosts.log", dir);
	sweep_shell_word(stdout, self);
	printf(" sweep missing ");
	sweep_shell_word(stdout, dir);
	printf(" |\n  SMUGNET_SWEEP_SELF=");
	sweep_shell_word(stdout, self);
	printf(" SMUGNET_SWEEP_DIR=");
	sweep_shell_word(stdout, dir);
	printf(" \\\n  parallel --will-cite --env SMUGNET_SWEEP_SELF --env SMUGNET_SWEEP_DIR --sshloginfile ");
	sweep_shell_word(stdout, file);
	printf(" --jobs ");
	sweep_shell_word(stdout, jobs);
	printf(" --max-args %lld", batch);
	printf(" --joblog ");
	sweep_shell_word(stdout, log);
	/* one word for the shell that runs a job (here or over ssh), which
	 * expands the paths; parallel puts the task numbers for {} */
	printf(" \\\n    ");
	sweep_shell_word(stdout, "\"$SMUGNET_SWEEP_SELF\" sweep run \"$SMUGNET_SWEEP_DIR\" --quiet --task {}");
	printf("\n");
	sweep_manifest_done(&m);
	return jsonl_close_stdout();
}

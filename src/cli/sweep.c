/* smugnet sweep: the subcommand table (plan, run, missing, collect,
 * chart, slurm, parallel); each lives in its own sweep_<verb>.c. */
#include <stdio.h>
#include <string.h>

#include "cli/sweep.h"

static void sweep_usage(FILE *f)
{
	fprintf(f,
		"Usage: smugnet sweep plan DIR --seeds A-B (--days N | --years N) [--scenario FILE]\n"
		"                          [--set KEY=V1,V2,...]... [--crackdown SPEC]... [--auto-crackdown]\n"
		"                          [--stride N] [--bankrupt-below CREDITS|SHARE%%]\n"
		"       smugnet sweep run DIR (--task I [J ...] | --chunk J --chunk-size K | --jobs N)\n"
		"                          [--engine auto|parallel|fork] [--batch B] [--quiet]\n"
		"       smugnet sweep missing DIR\n"
		"       smugnet sweep collect DIR [--quiet]\n"
		"       smugnet sweep chart DIR --figure NAME [--faction ID] [--output FILE] [--quiet]\n"
		"       smugnet sweep slurm DIR [--limit L] [--chunk-size K] [--max-array-size N]\n"
		"                          [--time T] [--mem M] [--partition P] [--account A] [--output FILE]\n"
		"       smugnet sweep parallel DIR --sshlogin FILE [--jobs N] [--batch B]\n"
		"\n"
		"Run many seeds and parameter settings of one world and read their distributions.\n"
		"See smugnet-sweep(1).\n");
}

int cmd_sweep(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} verbs[] = {
		{"plan", sweep_plan},	    {"run", sweep_run},	    {"missing", sweep_missing},
		{"collect", sweep_collect}, {"chart", sweep_chart}, {"slurm", sweep_slurm},
		{"parallel", sweep_parallel},
	};

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		sweep_usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : jsonl_close_stdout();
	}
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(argv[1], verbs[i].name) == 0)
			return verbs[i].fn(argc - 1, argv + 1);
	return cli_usage_error("sweep", "unknown sweep command '%s'", argv[1]);
}

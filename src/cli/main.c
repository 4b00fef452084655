/* smugnet: the cockpit by default, headless subcommands otherwise
 * (run, explain, validate, gen, seeds, config, replay, diff, export,
 * sweep). GNU-style options, documented exit codes, errors on stderr;
 * what the commands share is in common.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/sweep.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: smugnet [--scenario FILE | --load NAME | --sweep DIR] [--vault DIR] [--no-color] [--ascii] [--no-mouse]\n"
		"       smugnet run (--days N | --years N) [--scenario FILE | --load NAME] [--seed S]\n"
		"                   [--every N] [--save NAME] [--vault DIR] [--set KEY=V]...\n"
		"                   [--crackdown ID[@FROM[-TO]][:I]]... [--clear-crackdown ID@DAY]...\n"
		"                   [--auto-crackdown] [--events]\n"
		"                   [--journal FILE] [--quiet] [--format jsonl|csv] [--per faction|border]\n"
		"                   [--branch 'crackdown ID[@FROM[-TO]][:I]'|'clear ID'|'set KEY=V'|'auto on|off']...\n"
		"       smugnet sweep plan|run|missing|collect|chart|slurm|parallel DIR ...\n"
		"       smugnet explain --day N [--scenario FILE | --load NAME] [--vault DIR] [--seed S]\n"
		"                       [--crackdown ID[@FROM[-TO]][:I]]... [--clear-crackdown ID@DAY]...\n"
		"                       [--auto-crackdown] [--set KEY=V]... [--faction ID] [--json] [--quiet]\n"
		"       smugnet validate FILE|SEED_DIR|SEED [--vault DIR]\n"
		"       smugnet gen --wards N [--seed S] [--factions F]\n"
		"       smugnet seeds [--vault DIR] [--check]\n"
		"       smugnet config [--scenario FILE | --load NAME] [--vault DIR] [--set KEY=V]... [--mdoc]\n"
		"       smugnet replay NAME|SEED_DIR|FILE [--scenario FILE] [--vault DIR] [--json]\n"
		"       smugnet diff A B [--vault DIR] [--json]\n"
		"       smugnet export NAME --csv DIR [--vault DIR]\n"
		"\n"
		"Simulate criminal smuggling networks on Dosadi, one day at a time.\n"
		"Without a command, open the ncurses cockpit on the embedded default world.\n"
		"\n"
		"Commands:\n"
		"  run        run headless and write JSON Lines to standard output\n"
		"  explain    show every routing decision of a day with its terms\n"
		"  validate   check a scenario file, a seed folder or a seed\n"
		"  gen        write a generated scenario of N wards to standard output\n"
		"  seeds      list the seeds in the vault\n"
		"  config     list the configuration knobs (keys for --set)\n"
		"  replay     rebuild a seed from its journal and check every digest\n"
		"  diff       compare two seeds or two run files\n"
		"  export     write a seed's tables as CSV files\n"
		"  sweep      many seeds and settings: plan, run, collect, chart (smugnet-sweep(1))\n"
		"\n"
		"Options:\n"
		"  --scenario FILE  load a scenario instead of the default world\n"
		"  --load NAME      open a saved seed from the vault\n"
		"  --sweep DIR      show a sweep folder's fan charts (smugnet-sweep(1))\n"
		"  --vault DIR      the seed vault (default $SMUGNET_VAULT, else\n"
		"                   $XDG_DATA_HOME/smugnet, else ~/.local/share/smugnet)\n"
		"  --no-color       monochrome cockpit (also NO_COLOR)\n"
		"  --ascii          ASCII glyphs only\n"
		"  --no-mouse       ignore the mouse\n"
		"  -h, --help       show this help\n"
		"  -V, --version    show the version\n"
		"\n"
		"Exit status: 0 ok, 1 runtime failure, 2 usage, 3 bad input file, 4 write failure.\n"
		"See smugnet(1), smugnet-scenario(5), smugnet-seed(5).\n");
}

/* The cockpit's options: its getopt table, and the one list of which of
 * them take a value (command_after_options skips those values). */
static const struct option cockpit_opts[] = {
	{"scenario", required_argument, NULL, 's'}, {"load", required_argument, NULL, 'l'},
	{"vault", required_argument, NULL, 'v'},    {"no-color", no_argument, NULL, 'c'},
	{"sweep", required_argument, NULL, 'w'},
	{"ascii", no_argument, NULL, 'a'},	    {"no-mouse", no_argument, NULL, 'm'},
	{"help", no_argument, NULL, 'h'},	    {"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

static int cmd_cockpit(int argc, char **argv)
{
	struct tui_options to = {0};
	const char *scenario = NULL, *sweep = NULL;
	char vault[1024];
	struct smug_world *w = NULL;
	int c, rc;

	while ((c = cli_getopt(NULL, argc, argv, "hV", cockpit_opts)) != -1) {
		switch (c) {
		case 's': scenario = optarg; break;
		case 'l': to.seed_name = optarg; break;
		case 'w': sweep = optarg; break;
		case 'v': to.vault_root = optarg; break;
		case 'c': to.no_color = true; break;
		case 'a': to.ascii = true; break;
		case 'm': to.no_mouse = true; break;
		case 'h': usage(stdout); return jsonl_close_stdout();
		case 'V': printf("smugnet %s\n", smug_version()); return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (optind < argc)
		return cli_usage_error(NULL, "unknown command '%s'", argv[optind]);
	if (cli_name_given(NULL, "--scenario", scenario) != EXIT_OK ||
	    cli_name_given(NULL, "--sweep", sweep) != EXIT_OK ||
	    cli_name_given(NULL, "--vault", to.vault_root) != EXIT_OK ||
	    cli_seed_name_given(NULL, "--load", to.seed_name) != EXIT_OK)
		return EXIT_USAGE;
	if (scenario && to.seed_name)
		return cli_usage_error(NULL, "--scenario and --load cannot be used together");
	if (sweep && (scenario || to.seed_name))
		return cli_usage_error(NULL, "--sweep shows a sweep folder; no --scenario or --load with it");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "smugnet: the cockpit needs a terminal; try 'smugnet run --days N'\n");
		return EXIT_RUNTIME;
	}
	if (sweep) {
		if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
			to.no_color = true;
		return cli_sweep_cockpit(sweep, &to);
	}
	to.vault_root = cli_vault_root(to.vault_root, vault, sizeof vault);
	if (to.seed_name == NULL && (rc = cli_load_world(scenario, &w)) != EXIT_OK)
		return rc;
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		to.no_color = true;
	rc = tui_run(&w, &to);
	smug_world_free(w);
	return rc;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{"run", cmd_run},       {"explain", cmd_explain}, {"validate", cmd_validate}, {"gen", cmd_gen},
	{"seeds", cmd_seeds},   {"config", cmd_config},   {"replay", cmd_replay},     {"diff", cmd_diff},
	{"export", cmd_export}, {"sweep", cmd_sweep},
};

static int command_index(const char *name)
{
	for (int i = 0; i < (int)(sizeof commands / sizeof commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return i;
	return -1;
}

/* Whether opt ("--vau") is long option name ("--vault") or a prefix of
 * it that getopt_long would take for it (three bytes or more). */
static bool names_option(const char *opt, const char *name)
{
	size_t n = strlen(opt);

	return n >= 3 && strncmp(opt, name, n) == 0;
}

/* Whether opt ("--vau", no '=') names one of the cockpit's options that
 * take a value, the next word. */
static bool takes_value(const char *opt)
{
	for (const struct option *o = cockpit_opts; o->name != NULL; o++)
		if (o->has_arg == required_argument && strncmp(opt, "--", 2) == 0 &&
		    strlen(opt) >= 3 && strncmp(opt + 2, o->name, strlen(opt) - 2) == 0)
			return true;
	return false;
}

/* A command named after options of the cockpit ('smugnet --vault DIR
 * seeds'): the first word that is neither an option nor the value of
 * one, when it names a command, its place in *at (-1: none, or --help or
 * --version comes first, or -- ends the options). The cockpit's getopt
 * read such a command as its own word ("unknown command 'seeds'") or its
 * options as the cockpit's ("unknown option '--days'"). */
static int command_after_options(int argc, char **argv, int *at)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		*at = i;
		if (a[0] != '-' || a[1] == '\0')
			return command_index(a);
		if (strcmp(a, "--") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "-V") == 0 ||
		    names_option(a, "--help") || names_option(a, "--version"))
			return -1;
		if (a[1] == '-' && strchr(a, '=') == NULL && takes_value(a))
			i++; /* its value */
	}
	return -1;
}

int main(int argc, char **argv)
{
	int k, at, c;

	if (argc > 1 && argv[1][0] != '-') {
		if ((k = command_index(argv[1])) >= 0)
			return commands[k].fn(argc - 1, argv + 1);
		return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
	}
	if ((k = command_after_options(argc, argv, &at)) >= 0) {
		char first[128];

		snprintf(first, sizeof first, "the command comes first, then its options: smugnet %s [OPTION]...",
			 commands[k].name);
		/* the words before it are read as the cockpit's options, as they
		 * are without a command: one malformed there ('smugnet --s x
		 * run', an abbreviation of --scenario and --sweep) is told as
		 * it is, with where the command goes */
		while ((c = cli_getopt_hint(NULL, first, at, argv, "hV", cockpit_opts)) != -1)
			if (c == '?')
				return EXIT_USAGE;
		return cli_usage_error(commands[k].name, "%s", first);
	}
	return cmd_cockpit(argc, argv);
}

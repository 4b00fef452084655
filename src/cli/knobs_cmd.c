/* The knobs on the command line: `smugnet config` lists the knob table
 * (with the values of a scenario or seed, or as the man page's CONFIG
 * section), and `--set KEY=VALUE` options become smug_config_set
 * commands on a world. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "smugnet/vault.h"

int cli_set_one(struct smug_world *w, const char *set, struct smug_error *err)
{
	const char *value;
	char key[256];

	if (!cli_setting_split(set, key, sizeof key, &value)) {
		smug_error_set(err, SMUG_ERR_ARG, "'%s': expected KEY=VALUE (smugnet config lists the keys)", set);
		return -1;
	}
	return smug_config_set(w, key, value, err) == SMUG_OK ? 0 : -1;
}

int cli_apply_sets(struct smug_world *w, const char *cmd, const char *const *sets, int n)
{
	for (int i = 0; i < n; i++) {
		struct smug_error err;

		if (cli_set_one(w, sets[i], &err) < 0)
			return cli_usage_error(cmd, "--set %s", err.msg);
	}
	return EXIT_OK;
}

/* Text for mdoc: a backslash before each '-' and '\', nothing that
 * starts a request. */
static void mdoc_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '-' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
}

static void print_mdoc(FILE *f)
{
	int n;
	const struct smug_knob *k = smug_knob_table(&n);

	fprintf(f, ".Bl -tag -width Ds\n");
	for (int i = 0; i < n; i++) {
		char def[80], range[80];

		smug_knob_format_default(&k[i], def, sizeof def);
		smug_knob_format_range(&k[i], range, sizeof range);
		fprintf(f, ".It Cm ");
		mdoc_text(f, k[i].key);
		fprintf(f, "\n%s, default ", smug_knob_type_name(k[i].type));
		mdoc_text(f, *def ? def : "\"\"");
		fprintf(f, ", ");
		mdoc_text(f, range);
		fprintf(f, ": ");
		mdoc_text(f, k[i].meaning);
		fprintf(f, ".\n");
	}
	fprintf(f, ".El\n");
}

/* The table; with w its values, in a column as wide as the widest (at
 * least 15 bytes: a 21-byte salt pushed its row's mark and meaning out
 * of line), then the mark of a changed value in a column of its own. */
static void print_table(const struct smug_world *w)
{
	int n, val_w = 15;
	const struct smug_knob *k = smug_knob_table(&n);

	for (int i = 0; w && i < n; i++) {
		char val[80];

		smug_knob_format(&w->cfg, &k[i], val, sizeof val);
		val_w = (int)strlen(val) > val_w ? (int)strlen(val) : val_w;
	}
	printf("%-42s %-7s %-13s %-16s ", "KEY", "TYPE", "DEFAULT", "RANGE");
	if (w)
		printf("%-*s   ", val_w, "VALUE");
	printf("MEANING\n");
	for (int i = 0; i < n; i++) {
		char def[80], range[80], val[80] = "";

		smug_knob_format_default(&k[i], def, sizeof def);
		smug_knob_format_range(&k[i], range, sizeof range);
		if (w)
			smug_knob_format(&w->cfg, &k[i], val, sizeof val);
		printf("%-42s %-7s %-13s %-16s ", k[i].key, smug_knob_type_name(k[i].type), def, range);
		if (w)
			printf("%-*s %s ", val_w, val, strcmp(val, def) != 0 ? "*" : " "); /* its own column */
		printf("%s\n", k[i].meaning);
	}
}

static void config_usage(FILE *f)
{
	fprintf(f, "Usage: smugnet config [--scenario FILE | --load NAME] [--vault DIR] [--set KEY=V]... [--mdoc]\n"
		   "List every configuration knob: key, type, default, range and meaning; with a\n"
		   "scenario or seed also its value (* = not the default). --mdoc prints the\n"
		   "CONFIG section of smugnet-scenario(5), with the defaults (no --scenario,\n"
		   "--load or --set with it).\n");
}

int cmd_config(int argc, char **argv)
{
	static const struct option opts[] = {
		{"scenario", required_argument, NULL, 's'}, {"load", required_argument, NULL, 'l'},
		{"vault", required_argument, NULL, 'v'},    {"set", required_argument, NULL, 'x'},
		{"mdoc", no_argument, NULL, 'm'},	    {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *scenario = NULL, *load = NULL, *vault = NULL, *sets[CLI_SETS_MAX];
	char vault_buf[1024];
	bool mdoc = false;
	int c, n_sets = 0, rc = EXIT_OK;
	struct smug_world *w = NULL;

	while ((c = cli_getopt("config", argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 's': scenario = optarg; break;
		case 'l': load = optarg; break;
		case 'v': vault = optarg; break;
		case 'm': mdoc = true; break;
		case 'x':
			if (n_sets == CLI_SETS_MAX)
				return cli_usage_error("config", "at most %d --set options", CLI_SETS_MAX);
			sets[n_sets++] = optarg;
			break;
		case 'h': config_usage(stdout); return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (optind < argc)
		return cli_usage_error("config", "unexpected argument '%s'", argv[optind]);
	if (cli_name_given("config", "--scenario", scenario) != EXIT_OK ||
	    cli_name_given("config", "--vault", vault) != EXIT_OK ||
	    cli_seed_name_given("config", "--load", load) != EXIT_OK)
		return EXIT_USAGE;
	if (scenario && load)
		return cli_usage_error("config", "--scenario and --load cannot be used together");
	if (mdoc && (scenario || load || n_sets))
		return cli_usage_error("config", "--mdoc prints the knobs with their defaults (smugnet-scenario(5) CONFIG); "
				       "--scenario, --load and --set do not go with it");
	if (mdoc) {
		print_mdoc(stdout);
		return jsonl_close_stdout();
	}
	if (load) {
		struct smug_error err;
		enum smug_status st = smug_vault_load(cli_vault_root(vault, vault_buf, sizeof vault_buf), load, &w, &err);

		if (st != SMUG_OK)
			return cli_status_exit(st, err.msg);
	} else if ((scenario || n_sets) && (rc = cli_load_world(scenario, &w)) != EXIT_OK) {
		return rc;
	}
	if (w && (rc = cli_apply_sets(w, "config", sets, n_sets)) == EXIT_OK)
		print_table(w);
	else if (w == NULL)
		print_table(NULL);
	smug_world_free(w);
	return rc != EXIT_OK ? rc : jsonl_close_stdout();
}

/* smugnet validate FILE|SEED_DIR|SEED: load a scenario, a seed folder or
 * a seed of the vault by its name and report "ok" or the first problem as
 * "file: json.path: reason" (exit 3);
 * smugnet gen: write a generated scenario to standard output. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "cli/cli.h"
#include "smugnet/vault.h"

/* Whether file names a seed of the vault rather than a file: a seed's
 * name (no '/'), and nothing of that name here (a file or folder of the
 * name comes first, as for diff). */
static bool validate_names_seed(const char *file)
{
	struct stat sb;

	return !strchr(file, '/') && smug_seed_name_valid(file) && lstat(file, &sb) != 0 && errno == ENOENT;
}

int cmd_validate(int argc, char **argv)
{
	static const struct option opts[] = {
		{"vault", required_argument, NULL, 'v'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	struct smug_world *w = NULL;
	struct smug_error err;
	enum smug_status st;
	struct stat sb;
	const char *file, *vault = NULL;
	char vault_buf[1024];
	int c, rc;

	while ((c = cli_getopt("validate", argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'v': vault = optarg; break;
		case 'h':
			printf("Usage: smugnet validate FILE|SEED_DIR|SEED [--vault DIR]\n"
			       "Check a scenario file, a seed folder or a seed of the vault by its name;\n"
			       "print ok or the first error.\n");
			return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("validate", "expected exactly one FILE, SEED_DIR or SEED, got %d",
				       argc - optind);
	file = argv[optind];
	if (cli_name_given("validate", "FILE|SEED_DIR|SEED", file) != EXIT_OK ||
	    cli_name_given("validate", "--vault", vault) != EXIT_OK)
		return EXIT_USAGE;
	vault = cli_vault_root(vault, vault_buf, sizeof vault_buf);
	if (stat(file, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		st = smug_vault_load_dir(file, &w, &err);
		if (st != SMUG_OK)
			return cli_status_exit(st, err.msg);
	} else if (validate_names_seed(file)) {
		/* the hint for a seed's file ("give the seed's folder or
		 * name") names a seed: validate takes the name as --load does */
		st = smug_vault_locate(vault, file, NULL, &err);
		if (cli_no_file_nor_seed(file, vault, st, &err))
			return EXIT_BAD_INPUT;
		st = smug_vault_load(vault, file, &w, &err);
		if (st != SMUG_OK)
			return cli_status_exit(st, err.msg);
	} else if ((rc = cli_load_world(file, &w)) != EXIT_OK) {
		return rc;
	}
	smug_world_free(w);
	printf("ok\n");
	return jsonl_close_stdout();
}

int cmd_gen(int argc, char **argv)
{
	static const struct option opts[] = {
		{"wards", required_argument, NULL, 'w'}, {"seed", required_argument, NULL, 's'},
		{"factions", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	long long wards = -1, seed = 0, factions = 4;
	char *json;
	int c;

	while ((c = cli_getopt("gen", argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'w':
			if (!cli_parse_int(optarg, SMUG_GEN_WARDS_MAX, &wards) || wards < 1)
				return cli_usage_error("gen",
						       "--wards: expected 1 to %d (more would not fit in the %d bytes "
						       "a scenario may hold), got '%s'",
						       SMUG_GEN_WARDS_MAX, SMUG_FILE_MAX, optarg);
			break;
		case 's':
			if (cli_int_option("gen", "--seed", optarg, 0, CLI_SEED_MAX, &seed) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'f':
			if (!cli_parse_int(optarg, SMUG_FACTIONS_MAX - 1, &factions))
				return cli_usage_error("gen", "--factions: expected 0 to %d, got '%s'",
						       SMUG_FACTIONS_MAX - 1, optarg);
			break;
		case 'h':
			printf("Usage: smugnet gen --wards N [--seed S] [--factions F]\n"
			       "Write a generated scenario of N wards (1 to %d) in rings to standard output,\n"
			       "with F smuggling factions (0 to %d, default 4) and the state's Watch.\n",
			       SMUG_GEN_WARDS_MAX, SMUG_FACTIONS_MAX - 1);
			return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (optind < argc)
		return cli_usage_error("gen", "unexpected argument '%s'", argv[optind]);
	if (wards < 0)
		return cli_usage_error("gen", "--wards N is required");
	json = smug_scenario_generate((int)wards, (uint64_t)seed, (int)factions);
	if (json == NULL) {
		fprintf(stderr, "smugnet gen: cannot generate the scenario\n");
		return EXIT_RUNTIME;
	}
	fputs(json, stdout);
	fputc('\n', stdout);
	free(json);
	return jsonl_close_stdout();
}

int cmd_seeds(int argc, char **argv)
{
	static const struct option opts[] = {
		{"vault", required_argument, NULL, 'v'}, {"check", no_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	const char *vault = NULL;
	char buf[1024];
	struct smug_seed_info *seeds = NULL;
	struct smug_error err;
	bool check = false;
	int c, n, bad = 0, name_w = 24, scen_w = 16;

	while ((c = cli_getopt("seeds", argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'v': vault = optarg; break;
		case 'c': check = true; break;
		case 'h':
			printf("Usage: smugnet seeds [--vault DIR] [--check]\n"
			       "List the seeds in the vault from their manifests: name, day, scenario, digest.\n"
			       "--check loads each seed as --load would and reports ok or its first problem.\n");
			return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (optind < argc)
		return cli_usage_error("seeds", "unexpected argument '%s'", argv[optind]);
	if (cli_name_given("seeds", "--vault", vault) != EXIT_OK)
		return EXIT_USAGE;
	vault = cli_vault_root(vault, buf, sizeof buf);
	n = smug_vault_list(vault, &seeds, &err);
	if (n < 0)
		return cli_status_exit(err.status, err.msg);
	if (n == 0) { /* say where they would be: the vault's place depends on the environment */
		printf("no seeds in %s yet: 'smugnet run --days N --save NAME', or s in the cockpit, saves one\n",
		       vault);
		free(seeds);
		return jsonl_close_stdout();
	}
	/* the columns as wide as the longest name and scenario listed (a
	 * 63-byte name pushed its row's columns out of line), at least as
	 * wide as before */
	for (int i = 0; i < n; i++) {
		long cc;
		int k = (int)strlen(seeds[i].name);

		/* the listing trusts the manifests, but prints nothing that
		 * would act on the terminal: a scenario id holding an escape
		 * sequence is no scenario's (ids are printable ASCII) */
		if (!seeds[i].problem[0] && (cc = cli_control_char(seeds[i].scenario_id)) >= 0)
			snprintf(seeds[i].problem, sizeof seeds[i].problem,
				 "the scenario_id of its manifest.json holds control character U+%04lX", (unsigned long)cc);

		name_w = k > name_w ? k : name_w;
		k = seeds[i].problem[0] ? 0 : (int)strlen(seeds[i].scenario_id);
		scen_w = k > scen_w ? k : scen_w;
	}
	printf("%-*s %8s  %-*s %s\n", name_w, "name", "day", scen_w, "scenario", "digest");
	for (int i = 0; i < n; i++) {
		const struct smug_seed_info *s = &seeds[i];

		if (s->problem[0]) {
			printf("%-*s %8s  %-*s %-16s  unreadable: %s\n", name_w, s->name, "-", scen_w, "-", "-",
			       s->problem);
			bad++;
			continue;
		}
		printf("%-*s %8d  %-*s %016llx", name_w, s->name, s->day, scen_w, s->scenario_id,
		       (unsigned long long)s->digest);
		if (s->generation > 0)
			printf("  (an interrupted save left it as .%s.old.%lld)", s->name, s->generation);
		else if (s->generation < 0)
			printf("  (an interrupted save left it as .%s.old)", s->name);
		if (check) {
			struct smug_world *w = NULL;

			if (smug_vault_load(vault, s->name, &w, &err) == SMUG_OK) {
				printf("  ok");
				smug_world_free(w);
			} else {
				printf("  bad: %s", err.msg);
				bad++;
			}
		}
		printf("\n");
	}
	free(seeds);
	c = jsonl_close_stdout();
	return c != EXIT_OK ? c : check && bad ? EXIT_BAD_INPUT : EXIT_OK;
}

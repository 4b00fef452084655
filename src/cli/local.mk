# Command line: main() and the headless subcommands (included by Makefile.am).
smugnet_SOURCES += src/cli/cli.h src/cli/main.c src/cli/common.c src/cli/run.c \
	src/cli/validate.c src/cli/explain_cmd.c src/cli/jsonl.c \
	src/cli/files.c src/cli/progress.c src/cli/run_report.c src/cli/run_setup.c \
	src/cli/sweep.h src/cli/sweep.c src/cli/sweep_manifest.c src/cli/sweep_results.c \
	src/cli/sweep_stats.c src/cli/sweep_fan.c src/cli/sweep_plan.c src/cli/sweep_run.c \
	src/cli/sweep_collect.c src/cli/sweep_chart.c src/cli/sweep_slurm.c \
	src/cli/sweep_parallel.c src/cli/sweep_cockpit.c \
	src/cli/knobs_cmd.c src/cli/replay.c src/cli/branch.c src/cli/diff.c src/cli/csv.c
dist_man_MANS += man/smugnet.1 man/smugnet-sweep.1
TESTS += tests/test_cli.sh tests/test_sweep.sh tests/test_sweep_slurm.sh tests/test_loop.sh
check_PROGRAMS += tests/jsonl_check
tests_jsonl_check_SOURCES = tests/jsonl_check.c
tests_jsonl_check_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS)
tests_jsonl_check_LDADD = $(CJSON_LIBS)
EXTRA_DIST += tests/test_cli.sh tests/test_sweep.sh tests/test_sweep_slurm.sh tests/test_loop.sh

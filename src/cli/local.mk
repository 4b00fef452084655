# Command line: main() and the headless subcommands (included by Makefile.am).
smugnet_SOURCES += src/cli/cli.h src/cli/main.c src/cli/run.c \
	src/cli/validate.c src/cli/explain_cmd.c src/cli/jsonl.c
dist_man_MANS += man/smugnet.1
TESTS += tests/test_cli.sh
EXTRA_DIST += tests/test_cli.sh

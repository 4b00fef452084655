# Command line: main() and the headless subcommands (included by Makefile.am).
smugnet_SOURCES += src/cli/cli.h src/cli/main.c src/cli/run.c \
	src/cli/validate.c src/cli/explain_cmd.c src/cli/jsonl.c \
	src/cli/knobs_cmd.c src/cli/replay.c
dist_man_MANS += man/smugnet.1
TESTS += tests/test_cli.sh tests/test_loop.sh
check_PROGRAMS += tests/jsonl_check
tests_jsonl_check_SOURCES = tests/jsonl_check.c
tests_jsonl_check_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS)
tests_jsonl_check_LDADD = $(CJSON_LIBS)
EXTRA_DIST += tests/test_cli.sh tests/test_loop.sh

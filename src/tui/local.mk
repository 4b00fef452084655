# The ncurses cockpit (included by Makefile.am).
TUI_SOURCES = src/tui/tui.h src/tui/app.c src/tui/canvas.c src/tui/theme.c \
	src/tui/keymap.c src/tui/prompt.c src/tui/format.c src/tui/names.c \
	src/tui/table.c src/tui/chart.c src/tui/view.c \
	src/tui/pane_header.c src/tui/pane_factions.c src/tui/pane_routes.c \
	src/tui/pane_borders.c src/tui/pane_map.c src/tui/pane_events.c \
	src/tui/view_why.c src/tui/view_chart.c src/tui/view_commodities.c \
	src/tui/view_story.c src/tui/sweep_view.c src/tui/loop.c src/tui/view_compare.c src/tui/view_config.c \
	src/tui/view_topk.c
smugnet_SOURCES += $(TUI_SOURCES)

# Golden screens: the cockpit drawn into an in-memory canvas.
check_PROGRAMS += tests/test_tui
TESTS += tests/test_tui
tests_test_tui_SOURCES = tests/test_tui.c $(TUI_SOURCES)
tests_test_tui_CPPFLAGS = $(TEST_CPPFLAGS) $(NCURSESW_CFLAGS)
tests_test_tui_LDADD = $(TEST_LDADD) $(NCURSESW_LIBS)
check_PROGRAMS += tests/test_tui_loop
TESTS += tests/test_tui_loop
tests_test_tui_loop_SOURCES = tests/test_tui_loop.c $(TUI_SOURCES)
tests_test_tui_loop_CPPFLAGS = $(TEST_CPPFLAGS) $(NCURSESW_CFLAGS)
tests_test_tui_loop_LDADD = $(TEST_LDADD) $(NCURSESW_LIBS)
EXTRA_DIST += tests/golden/screens tests/tui_e2e.sh tests/tui_loop_e2e.sh
TESTS += tests/tui_e2e.sh tests/tui_loop_e2e.sh

# Goldens change only through this explicit target.
update-golden: tests/test_tui$(EXEEXT) smugnet$(EXEEXT)
	SMUGNET_UPDATE_GOLDEN=1 SRCDIR='$(abs_top_srcdir)' ./tests/test_tui$(EXEEXT)
	SMUGNET='$(abs_top_builddir)/smugnet' SRCDIR='$(abs_top_srcdir)' \
		sh '$(abs_top_srcdir)/tests/golden_events.sh' > '$(abs_top_srcdir)/tests/golden/events-tiny.jsonl.tmp'
	mv '$(abs_top_srcdir)/tests/golden/events-tiny.jsonl.tmp' '$(abs_top_srcdir)/tests/golden/events-tiny.jsonl'
.PHONY: update-golden

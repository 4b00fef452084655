# The ncurses cockpit (included by Makefile.am).

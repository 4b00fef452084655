/* The one key table: what each key does, where it applies, and its help
 * text. The help overlay, the footer and smugnet(1)'s KEYS section are
 * all generated from (or copied from) this table. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

#define ALL (~0u)
#define P(x) (1u << (x))

static const struct tui_key keys[] = {
	{'?', "?", ACT_HELP, ALL, "help (also F1)"},
	{KEY_F(1), "F1", ACT_HELP, 0, "help"},
	{'q', "q", ACT_QUIT, ALL, "quit (asks if unsaved)"},
	{'\t', "Tab", ACT_FOCUS_NEXT, ALL, "next pane"},
	{KEY_UP, "Up/k", ACT_UP, ALL, "move up / scroll"},
	{'k', "k", ACT_UP, 0, "move up"},
	{KEY_DOWN, "Down/j", ACT_DOWN, ALL, "move down / scroll"},
	{'j', "j", ACT_DOWN, 0, "move down"},
	{KEY_LEFT, "Left/h", ACT_LEFT, ALL, "previous faction"},
	{'h', "h", ACT_LEFT, 0, "previous faction"},
	{KEY_RIGHT, "Right/l", ACT_RIGHT, ALL, "next faction"},
	{'l', "l", ACT_RIGHT, 0, "next faction"},
	{'.', ".", ACT_STEP, ALL, "step one day"},
	{'n', "n", ACT_STEP_N, ALL, "step N days (asks N)"},
	{' ', "Space", ACT_RUN, ALL, "run / pause"},
	{'+', "+", ACT_FASTER, ALL, "faster"},
	{'-', "-", ACT_SLOWER, ALL, "slower"},
	{'c', "c", ACT_CRACKDOWN, P(PANE_BORDERS), "crackdown on the selected border (toggle)"},
	{'a', "a", ACT_AUTO, ALL, "auto-crackdown planner on/off"},
	{'m', "m", ACT_HEAT, P(PANE_BORDERS), "heat measure: traffic / seizures / bribes"},
	{'S', "S", ACT_SORT, P(PANE_BORDERS), "sort the border table"},
	{'s', "s", ACT_SAVE, ALL, "save the seed (asks a name)"},
	{'o', "o", ACT_LOAD, ALL, "load a seed from the vault"},
	{'/', "/", ACT_FILTER, P(PANE_EVENTS), "filter the event log (kind or faction)"},
	{'\n', "Enter", ACT_ENTER, P(PANE_ROUTES) | P(PANE_EVENTS), "why view / jump to the event's border"},
	{KEY_ENTER, "Enter", ACT_ENTER, 0, "why view"},
	{27, "Esc", ACT_BACK, ALL, "back / close"},
};

const struct tui_key *keymap_table(int *n)
{
	*n = (int)(sizeof keys / sizeof keys[0]);
	return keys;
}

enum tui_action keymap_lookup(int key)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (keys[i].key == key)
			return keys[i].action;
	if (key == '\r')
		return ACT_ENTER;
	return ACT_NONE;
}

void keymap_footer(enum tui_pane p, char *buf, size_t size)
{
	static const enum tui_action shown[] = {ACT_HELP, ACT_STEP, ACT_STEP_N, ACT_RUN, ACT_CRACKDOWN,
		ACT_HEAT, ACT_SORT, ACT_AUTO, ACT_FILTER, ACT_ENTER, ACT_SAVE, ACT_LOAD, ACT_FOCUS_NEXT, ACT_QUIT};
	size_t at = 0;

	buf[0] = '\0';
	for (size_t s = 0; s < sizeof shown / sizeof shown[0]; s++)
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
			const struct tui_key *k = &keys[i];
			const char *what = k->help;
			char word[24];
			size_t n = 0;

			if (k->action != shown[s] || !(k->panes & (1u << p)))
				continue;
			while (what[n] && what[n] != ' ' && what[n] != '(' && n + 1 < sizeof word) {
				word[n] = what[n];
				n++;
			}
			word[n] = '\0';
			at += (size_t)snprintf(buf + at, at < size ? size - at : 0, "%s%s %s",
					       at ? "  " : "", k->label, word);
			if (at >= size)
				return;
			break;
		}
}

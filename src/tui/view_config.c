/* Config view: every knob of the one knob table with its value now, its
 * default, its range and its meaning; a knob not at its default is
 * marked. Enter asks a new value, which applies from the next day and is
 * a command of the journal (replayed, rewound, saved like any other). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

/* The view's title in at most room columns: the longest form that fits
 * (Esc back is in the footer). */
static const char *config_title(int room)
{
	static const char *const forms[] = {
		"Configuration (Enter edits the selected knob; it applies from the next day; Esc back)",
		"Configuration (Enter edits the selected knob; it applies from the next day)",
		"Configuration (Enter edits the selected knob, from the next day)",
	};

	for (int i = 0; i < 2; i++)
		if (text_cols(forms[i]) <= room)
			return forms[i];
	return forms[2];
}

/* Columns of a row before the meaning: key 34, value 12 and its star,
 * default 13, range 16, a space after each. */
#define CONFIG_BEFORE_MEANING (35 + 14 + 14 + 17)
#define CONFIG_RANGE_AT (35 + 14 + 14)

void view_config_draw(struct tui_app *a, struct canvas *cv)
{
	int n, rows;
	const struct smug_knob *k = smug_knob_table(&n);
	struct canvas in;
	bool narrow;

	canvas_clear(cv);
	canvas_box(cv, config_title(cv->w - 5), true);
	in = canvas_sub(cv, 1, 2, cv->h - 2, cv->w - 4);
	/* too narrow for a meaning of a few words (80x24): the rows leave it
	 * out, and a range their room does not hold whole; the selected
	 * knob's line below says both */
	narrow = in.w < CONFIG_BEFORE_MEANING + 12;
	rows = in.h - 4; /* the header row, and the selected knob's meaning in full below */
	if (rows > 0) /* a taller screen shows the knobs above, not blank rows */
		a->config_top = table_scroll(a->config_top, a->config_sel, rows, n);
	if (narrow)
		canvas_printf(&in, 0, 0, ROLE_TITLE, "%-34s %-13s %-13s %s", "knob", "value", "default", "range");
	else
		canvas_printf(&in, 0, 0, ROLE_TITLE, "%-34s %-13s %-13s %-16s %s", "knob", "value", "default", "range",
			      "meaning");
	for (int i = a->config_top, y = 1; i < n && y <= rows; i++, y++) {
		char val[80], def[80], range[80], line[512];
		bool changed;

		smug_knob_format(&a->w->cfg, &k[i], val, sizeof val);
		smug_knob_format_default(&k[i], def, sizeof def);
		smug_knob_format_range(&k[i], range, sizeof range);
		changed = strcmp(val, def) != 0;
		if (narrow)
			snprintf(line, sizeof line, "%-34s %-12s%s %-13s %s", k[i].key, val, changed ? "*" : " ", def,
				 CONFIG_RANGE_AT + text_cols(range) <= in.w ? range : "");
		else
			snprintf(line, sizeof line, "%-34s %-12s%s %-13s %-16s %s", k[i].key, val, changed ? "*" : " ", def,
				 range, k[i].meaning);
		canvas_fit(&in, y, 0, in.w, i == a->config_sel ? ROLE_SELECT : changed ? ROLE_WARN : ROLE_NORMAL, line,
			   false);
	}
	if (rows > 0 && a->config_sel < n) {
		char line[512], range[80];

		smug_knob_format_range(&k[a->config_sel], range, sizeof range);
		if (narrow)
			snprintf(line, sizeof line, "%s: %s (range %s)", k[a->config_sel].key, k[a->config_sel].meaning,
				 range);
		else
			snprintf(line, sizeof line, "%s: %s", k[a->config_sel].key, k[a->config_sel].meaning);
		canvas_wrap(&in, in.h - 2, 0, in.w, 2, ROLE_DIM, line);
	}
}

bool view_config_key(struct tui_app *a, int action, int key)
{
	int n;
	const struct smug_knob *k = smug_knob_table(&n);
	char val[80];

	(void)key;
	switch (action) {
	case ACT_UP: a->config_sel--; break;
	case ACT_DOWN: a->config_sel++; break;
	case ACT_PGUP: a->config_sel -= 10; break;
	case ACT_PGDN: a->config_sel += 10; break;
	case ACT_HOME: a->config_sel = 0; break;
	case ACT_END: a->config_sel = n - 1; break;
	case ACT_ENTER:
		if (a->config_sel < 0 || a->config_sel >= n)
			return true;
		smug_knob_format(&a->w->cfg, &k[a->config_sel], val, sizeof val);
		prompt_start(a, PROMPT_KNOB, val);
		return true;
	default: return false;
	}
	if (a->config_sel < 0)
		a->config_sel = 0;
	if (a->config_sel >= n)
		a->config_sel = n - 1;
	return true;
}

/* The answer to the knob prompt. */
void view_config_set(struct tui_app *a, const char *text)
{
	int n;
	const struct smug_knob *k = smug_knob_table(&n);
	struct smug_error err;

	if (a->config_sel < 0 || a->config_sel >= n)
		return;
	if (smug_config_set(a->w, k[a->config_sel].key, text, &err) != SMUG_OK) {
		tui_set_status(a, "%s", err.msg);
		return;
	}
	a->unsaved = true;
	tui_set_status(a, "%s = %s from day %d", k[a->config_sel].key, text, a->w->day + 1);
}

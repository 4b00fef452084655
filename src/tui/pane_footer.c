/* Footer pane (the keys that work in the focused pane, or the prompt or
 * status message) and the help overlay generated from the key table. */
#include <stdio.h>

#include "tui/tui.h"

void pane_footer_draw(const struct tui_app *a, struct canvas *cv)
{
	static const char *const prompts[] = {
		[PROMPT_SAVE] = "Save seed as (Enter to save, Esc to cancel): ",
		[PROMPT_OVERWRITE] = "A seed of that name exists. Overwrite it? (y/n) ",
		[PROMPT_STEPS] = "Step how many days? ",
		[PROMPT_FILTER] = "Filter events by kind or faction: ",
		[PROMPT_QUIT] = "Unsaved changes. Quit anyway? (y/n) ",
	};
	char keys[512];

	canvas_fill_row(cv, 0, 0, ROLE_TITLE);
	if (a->prompt != PROMPT_NONE) {
		int x = canvas_text(cv, 0, 0, ROLE_WARN, prompts[a->prompt]);

		canvas_text(cv, 0, x, ROLE_NORMAL, a->input);
		return;
	}
	if (a->status[0]) {
		canvas_text(cv, 0, 0, ROLE_WARN, a->status);
		return;
	}
	keymap_footer(a->focus, keys, sizeof keys);
	canvas_text(cv, 0, 0, ROLE_TITLE, keys);
}

void pane_help_draw(const struct tui_app *a, struct canvas *cv)
{
	int n, y = 0;
	const struct tui_key *k = keymap_table(&n);
	struct canvas in;

	(void)a;
	canvas_clear(cv);
	canvas_box(cv, "Keys (Esc to close)", true);
	in = canvas_sub(cv, 1, 2, cv->h - 2, cv->w - 4);
	for (int i = 0; i < n && y < in.h; i++) {
		if (k[i].panes == 0)
			continue; /* aliases are shown with their main key */
		canvas_printf(&in, y++, 0, ROLE_NORMAL, "%-9s %s%s", k[i].label, k[i].help,
			      k[i].panes == ~0u ? "" : " (in its pane)");
	}
	if (y + 2 < in.h) {
		canvas_text(&in, y + 1, 0, ROLE_DIM, "Panes: Factions, Routes (Enter: why), Borders (map + table), Events.");
		canvas_text(&in, y + 2, 0, ROLE_DIM, "Map glyphs: heat low..high, crackdown mark; the Well at the centre.");
	}
}

/* The footer's prompts: a pre-filled answer is shown selected and the
 * first key typed replaces it (Backspace clears it, Left/Right/End keep
 * it for editing); Ctrl-U clears the line; Esc cancels; Up and Down walk
 * the answers given before to the same prompt. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

#define KEY_CTRL_U 21

/* dst and src are both inside the app's input record: copy by hand */
static void copy_text(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memmove(dst, src, n);
	dst[n] = '\0';
}

void prompt_start(struct tui_app *a, enum tui_prompt p, const char *initial)
{
	a->prompt = p;
	snprintf(a->input.text, sizeof a->input.text, "%s", initial ? initial : "");
	a->input.selected = a->input.text[0] != '\0';
	a->input.history_at = -1;
	a->status[0] = '\0';
}

static void remember(struct tui_input *in, enum tui_prompt p)
{
	int n = in->n_history[p];

	if (in->text[0] == '\0' || (n > 0 && strcmp(in->history[p][n - 1], in->text) == 0))
		return;
	if (n == TUI_HISTORY) {
		memmove(in->history[p][0], in->history[p][1], sizeof in->history[p][0] * (TUI_HISTORY - 1));
		n--;
	}
	copy_text(in->history[p][n], sizeof in->history[p][n], in->text);
	in->n_history[p] = n + 1;
}

bool prompt_edit(struct tui_app *a, int key, bool *accepted)
{
	struct tui_input *in = &a->input;
	size_t len = strlen(in->text);
	int nh = in->n_history[a->prompt];

	*accepted = false;
	if (key == 27)
		return true;
	if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		remember(in, a->prompt);
		*accepted = true;
		return true;
	}
	if (key == KEY_CTRL_U) {
		in->text[0] = '\0';
		in->selected = false;
	} else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		if (in->selected)
			in->text[0] = '\0';
		else if (len > 0)
			in->text[len - 1] = '\0';
		in->selected = false;
	} else if (key == KEY_UP && nh > 0) {
		in->history_at = in->history_at < 0 ? nh - 1 : in->history_at > 0 ? in->history_at - 1 : 0;
		copy_text(in->text, sizeof in->text, in->history[a->prompt][in->history_at]);
		in->selected = true;
	} else if (key == KEY_DOWN && in->history_at >= 0) {
		in->history_at++;
		if (in->history_at >= nh) {
			in->history_at = -1;
			in->text[0] = '\0';
			in->selected = false;
		} else {
			copy_text(in->text, sizeof in->text, in->history[a->prompt][in->history_at]);
			in->selected = true;
		}
	} else if (key == KEY_LEFT || key == KEY_RIGHT || key == KEY_END || key == KEY_HOME) {
		in->selected = false; /* keep the text, edit at its end */
	} else if (key >= 32 && key < 127) {
		if (in->selected) {
			in->text[0] = '\0';
			len = 0;
			in->selected = false;
		}
		if (len + 1 < sizeof in->text) {
			in->text[len] = (char)key;
			in->text[len + 1] = '\0';
		}
	}
	return false;
}

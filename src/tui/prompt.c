/* The footer's prompts: a pre-filled answer is shown selected and the
 * first key typed replaces it (Backspace clears it, Left/Right/End keep
 * it for editing); Ctrl-U clears the line; Esc cancels; Up and Down walk
 * the answers given before to the same prompt, and Down past the newest
 * brings back the line as it was before Up.
 *
 * An answer is UTF-8 text of at most TUI_INPUT_CHARS characters; the
 * terminal hands a character over byte by byte (getch) and it is taken
 * whole or refused whole. Nothing typed is dropped unsaid: a character a
 * past the limit is refused with a note in the footer, and Enter on an
 * answer over the limit keeps the prompt open and says so. A seed name
 * (A-Z a-z 0-9 . _ -, the vault's rule) keeps a character it cannot
 * have, as typed, and the note says so at once; Enter refuses the name
 * and, as for an answer too long, keeps the prompt open with the name
 * and the reason. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "smugnet/vault.h"
#include "tui/tui.h"

#define KEY_CTRL_U 21

_Static_assert(TUI_INPUT_CHARS == SMUG_SEED_NAME_MAX - 1, "the prompt holds a whole seed name");

/* dst and src are both inside the app's input record: copy by hand */
static void copy_text(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memmove(dst, src, n);
	dst[n] = '\0';
}

/* Characters (not bytes) of UTF-8 text. */
static void clear_note(struct tui_input *in)
{
	in->note[0] = '\0';
	in->n_part = in->want_part = 0;
}

void prompt_start(struct tui_app *a, enum tui_prompt p, const char *initial)
{
	a->prompt = p;
	snprintf(a->input.text, sizeof a->input.text, "%s", initial ? initial : "");
	a->input.selected = a->input.text[0] != '\0';
	a->input.history_at = -1;
	a->input.overflow = false;
	clear_note(&a->input);
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

static bool seed_name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
	       c == '-';
}

/* Characters of UTF-8 text (the answer's limit counts characters, a
 * wide one as one). */
static int text_chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The note the answer calls for: over the limit, or (a seed name) a
 * character the vault's names do not take; else none. */
static void update_note(struct tui_app *a)
{
	struct tui_input *in = &a->input;

	in->note[0] = '\0';
	if (text_chars(in->text) > TUI_INPUT_CHARS || in->overflow) {
		snprintf(in->note, sizeof in->note, "too long (at most %d characters): ", TUI_INPUT_CHARS);
		return;
	}
	if (a->prompt != PROMPT_SAVE)
		return;
	for (const char *c = in->text; *c; c++) {
		if (!seed_name_char((unsigned char)*c)) {
			int n = 1;

			while (((unsigned char)c[n] & 0xc0) == 0x80)
				n++;
			snprintf(in->note, sizeof in->note, "'%.*s' cannot be in a seed name (A-Z a-z 0-9 . _ -): ", n,
				 c);
			return;
		}
	}
}

/* Add one whole UTF-8 character c (n bytes) to the answer, or refuse it,
 * past the limit, with a note. A seed name keeps what the vault refuses,
 * as typed, with a note: Enter refuses the name whole. */
static void add_char(struct tui_app *a, const char *c, size_t n)
{
	struct tui_input *in = &a->input;
	size_t len;

	if (in->selected) { /* typing replaces the offered answer */
		in->text[0] = '\0';
		in->selected = false;
		in->overflow = false;
	}
	len = strlen(in->text);
	if (text_chars(in->text) >= TUI_INPUT_CHARS || len + n >= sizeof in->text)
		in->overflow = true;
	else {
		memcpy(in->text + len, c, n);
		in->text[len + n] = '\0';
	}
	update_note(a);
}

/* A byte of a character outside ASCII: kept until the character is
 * whole. A byte that cannot be UTF-8 there is refused, said in the note. */
static void add_byte(struct tui_app *a, unsigned char b)
{
	struct tui_input *in = &a->input;
	unsigned cp;

	if (b >= 0xc2 && b <= 0xf4) { /* a lead byte: a new character */
		bool cut = in->n_part > 0;

		in->part[0] = b;
		in->n_part = 1;
		in->want_part = b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
		if (cut)
			snprintf(in->note, sizeof in->note, "a character arrived cut (not UTF-8) and was refused: ");
		return;
	}
	if (b < 0x80 || b > 0xbf || in->n_part == 0) {
		in->n_part = in->want_part = 0;
		snprintf(in->note, sizeof in->note, "byte 0x%02x is not UTF-8 text and was refused: ", b);
		return;
	}
	in->part[in->n_part++] = b;
	if (in->n_part < in->want_part)
		return;
	/* whole: refuse the over-long forms, surrogates and past U+10FFFF */
	cp = in->part[0] & (in->want_part == 2 ? 0x1fu : in->want_part == 3 ? 0x0fu : 0x07u);
	for (int i = 1; i < in->n_part; i++)
		cp = cp << 6 | (in->part[i] & 0x3fu);
	in->n_part = 0;
	if ((in->want_part == 3 && cp < 0x800) || (in->want_part == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff)) {
		snprintf(in->note, sizeof in->note, "a character that is not UTF-8 text was refused: ");
		return;
	}
	add_char(a, (const char *)in->part, (size_t)in->want_part);
}

/* Remove the last character (all of its bytes). */
static void delete_last(struct tui_input *in)
{
	size_t len = strlen(in->text);

	while (len > 0 && ((unsigned char)in->text[len - 1] & 0xc0) == 0x80)
		len--;
	if (len > 0)
		len--;
	in->text[len] = '\0';
}

bool prompt_edit(struct tui_app *a, int key, bool *accepted)
{
	struct tui_input *in = &a->input;
	int nh = in->n_history[a->prompt];

	*accepted = false;
	if (key >= 0x80 && key <= 0xff) { /* a byte of a UTF-8 character */
		add_byte(a, (unsigned char)key);
		return false;
	}
	if (in->n_part > 0) { /* a character cut short by another key */
		in->n_part = in->want_part = 0;
		snprintf(in->note, sizeof in->note, "a character arrived cut (not UTF-8) and was refused: ");
		if (key != 27)
			return false;
	}
	if (key == 27)
		return true;
	if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		if (!in->selected && (in->overflow || text_chars(in->text) > TUI_INPUT_CHARS)) {
			update_note(a);
			return false; /* the prompt stays: shorten the answer */
		}
		if (a->prompt == PROMPT_SAVE && !smug_seed_name_valid(in->text)) {
			/* the prompt stays with the name and the reason: correct it */
			update_note(a);
			if (in->note[0] == '\0')
				snprintf(in->note, sizeof in->note, "not a seed name (" SMUG_SEED_NAME_RULE "): ");
			return false;
		}
		remember(in, a->prompt);
		*accepted = true;
		return true;
	}
	if (key == KEY_CTRL_U) {
		in->text[0] = '\0';
		in->selected = false;
		in->overflow = false;
		in->note[0] = '\0';
	} else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		if (in->selected)
			in->text[0] = '\0';
		else
			delete_last(in);
		in->selected = false;
		in->overflow = false;
		update_note(a);
	} else if (key == KEY_UP && nh > 0) {
		if (in->history_at < 0) { /* keep the line to come back to */
			copy_text(in->draft, sizeof in->draft, in->text);
			in->draft_selected = in->selected;
		}
		in->history_at = in->history_at < 0 ? nh - 1 : in->history_at > 0 ? in->history_at - 1 : 0;
		copy_text(in->text, sizeof in->text, in->history[a->prompt][in->history_at]);
		in->selected = true;
		in->overflow = false;
		update_note(a);
	} else if (key == KEY_DOWN && in->history_at >= 0) {
		in->history_at++;
		if (in->history_at >= nh) { /* past the newest: the line before Up */
			in->history_at = -1;
			copy_text(in->text, sizeof in->text, in->draft);
			in->selected = in->draft_selected && in->text[0] != '\0';
		} else {
			copy_text(in->text, sizeof in->text, in->history[a->prompt][in->history_at]);
			in->selected = true;
		}
		in->overflow = false;
		update_note(a);
	} else if (key == KEY_LEFT || key == KEY_RIGHT || key == KEY_END || key == KEY_HOME) {
		in->selected = false; /* keep the text, edit at its end */
	} else if (key >= 32 && key < 127) {
		char c = (char)key;

		add_char(a, &c, 1);
	}
	return false;
}

int prompt_text_cols(const char *s)
{
	int cols = 0, n;

	while (*s) {
		cols += text_char_cols(s, &n);
		s += n;
	}
	return cols;
}

/* The question without its parenthesis of keys or hints ("Save seed as
 * (Enter saves, Esc cancels): " reads "Save seed as: "), into out; false
 * when it has none to drop. A "(y/n)" stays: it is the question. */
static bool short_question(const char *q, char *out, size_t size)
{
	const char *open = strstr(q, " ("), *close = open ? strchr(open, ')') : NULL;

	if (close == NULL || strncmp(open, " (y/n)", 6) == 0)
		return false;
	snprintf(out, size, "%.*s%s", (int)(open - q), q, close + 1);
	return true;
}

/* The footer's prompt: the question, the answer typed so far and the
 * cursor, then a refusal's note, each readable at 80 columns. When they
 * do not fit, the question drops its parenthesis, the note gives way down
 * to 12 columns, then the question down to 12 (with a space before the
 * answer), and the start of the answer goes behind an ellipsis: the
 * answer's end (12 columns of it at the least) and the cursor are always
 * on the row. */
int prompt_draw(struct tui_app *a, struct canvas *cv, const char *question)
{
	enum { ANSWER_MIN = 12, PART_MIN = 12 };
	const struct tui_input *in = &a->input;
	const char *more = cv->th->g->ellipsis, *s = in->text, *q = question;
	enum tui_role r = in->selected ? ROLE_SELECT : ROLE_NORMAL;
	int cursor = in->selected ? 0 : 1, text = prompt_text_cols(in->text), qw = text_cols(question), nw = 0,
	    show = text < ANSWER_MIN ? text : ANSWER_MIN, room, x, n;
	char qs[160], note[sizeof in->note];
	size_t nl;

	/* the note without the ": " that led into the answer */
	snprintf(note, sizeof note, "%s", in->note);
	nl = strlen(note);
	while (nl > 0 && (note[nl - 1] == ' ' || note[nl - 1] == ':'))
		note[--nl] = '\0';
	if (note[0])
		nw = 2 + text_cols(note);
	if (qw + text + cursor + nw > cv->w && short_question(question, qs, sizeof qs)) {
		q = qs;
		qw = text_cols(qs);
	}
	if (nw > 0 && qw + show + cursor + nw > cv->w) {
		nw = cv->w - qw - show - cursor;
		if (nw < 2 + PART_MIN)
			nw = 2 + PART_MIN;
	}
	if (qw + show + cursor + nw > cv->w) {
		int keep = cv->w - show - cursor - nw;

		qw = keep < PART_MIN ? PART_MIN : keep;
		if (qw > cv->w)
			qw = cv->w;
		canvas_fit(cv, 0, 0, qw - 1, ROLE_WARN, q, false); /* a space before the answer */
	} else {
		canvas_text(cv, 0, 0, ROLE_WARN, q);
	}
	x = qw;
	room = cv->w - qw - cursor - nw;
	if (text > room && room > 0) { /* scrolled: a mark, then the end */
		int cols = text, mw = text_cols(more);

		while (*s && cols > room - mw) {
			cols -= text_char_cols(s, &n);
			s += n;
		}
		x += canvas_text(cv, 0, x, ROLE_DIM, more);
	}
	while (*s && x < cv->w) {
		char one[32];
		int w = text_char_cols(s, &n), m;

		/* the accents that follow a letter go with it (canvas_text) */
		while (w > 0 && s[n] && n < (int)sizeof one - 5 && text_char_cols(s + n, &m) == 0)
			n += m;
		memcpy(one, s, (size_t)n);
		one[n] = '\0';
		if (w > 0 && x + w <= cv->w)
			canvas_text(cv, 0, x, r, one);
		x += w;
		s += n;
	}
	if (cursor && x < cv->w)
		canvas_text(cv, 0, x++, ROLE_SELECT, " ");
	if (nw > 0 && x + 2 < cv->w)
		canvas_fit(cv, 0, x + 2, cv->w - x - 2, ROLE_BAD, note, false);
	return x;
}

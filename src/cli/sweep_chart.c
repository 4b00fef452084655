/* smugnet sweep chart: an SVG fan chart of one figure over days — per
 * setting a 5-95% band, a 25-75% band and the median line, one colour
 * per setting (Okabe-Ito, distinct for colour-blind readers), axes with
 * round ticks, a legend. The SVG is one self-contained file: no fonts,
 * scripts or styles from elsewhere. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/sweep.h"

#define PLOT_W 640 /* the plot's width; the legend's column widens the picture */
#define SVG_H 540
#define PLOT_L 90
#define PLOT_T 50
#define PLOT_B 60

static const char *const palette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
				      "#D55E00", "#56B4E9", "#F0E442", "#000000"};

/* Eight colours, then again with another line: setting s's median line
 * is solid, dashed or dotted by s / 8, and a one-point series' median
 * mark a dot, a square or a diamond (with colours alone, settings 0 and
 * 8 of a 3x3 grid were drawn and listed the same). */
#define PALETTE_N 8
#define STYLES_N 3
static const char *const dashes[STYLES_N] = {"", " stroke-dasharray=\"7 3\"", " stroke-dasharray=\"2 2\""};

static const char *colour_of(int s)
{
	return palette[s % PALETTE_N];
}

static int style_of(int s)
{
	return s / PALETTE_N % STYLES_N;
}

/* Setting s's median mark of half-size r at (x, y). */
static void median_mark(FILE *f, int s, double x, double y, int r)
{
	switch (style_of(s)) {
	case 0: fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"/>", x, y, r, colour_of(s)); break;
	case 1:
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"%s\"/>", x - r, y - r, 2 * r,
			2 * r, colour_of(s));
		break;
	default:
		fprintf(f, "<path d=\"M%.1f,%.1f L%.1f,%.1f L%.1f,%.1f L%.1f,%.1f Z\" fill=\"%s\"/>", x, y - r - 1, x + r + 1,
			y, x, y + r + 1, x - r - 1, y, colour_of(s));
	}
}

static double nice_step(double range, int ticks)
{
	double raw = range / ticks, mag = pow(10, floor(log10(raw))), f = raw / mag;

	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static void format_value(double v, char *buf, size_t size)
{
	double a = fabs(v);

	if (a >= 1e9)
		snprintf(buf, size, "%.3gG", v / 1e9);
	else if (a >= 1e6)
		snprintf(buf, size, "%.3gM", v / 1e6);
	else if (a >= 1e4)
		snprintf(buf, size, "%.3gk", v / 1e3);
	else
		snprintf(buf, size, "%.4g", v);
}

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
}

struct frame {
	double x0, x1, y0, y1;
	int w; /* the picture's width: plot, then the legend's column */
};

static double px(const struct frame *fr, double day)
{
	return PLOT_L + (day - fr->x0) / (fr->x1 - fr->x0) * PLOT_W;
}

static double py(const struct frame *fr, double v)
{
	return SVG_H - PLOT_B - (v - fr->y0) / (fr->y1 - fr->y0) * (SVG_H - PLOT_T - PLOT_B);
}

static double q_at(const struct sweep_fan *fan, int s, int p, int q)
{
	return fan->q[((size_t)s * (size_t)fan->n_points + (size_t)p) * 5 + (size_t)q];
}

/* A series of one point (a sweep of no more days than its stride) has
 * no width: a band through it encloses nothing and a line through it has
 * no length, so neither is drawn. Its bands are bars and its median a
 * dot, POINT_HALF pixels either side of the day. */
#define POINT_HALF 4

/* A closed band between percentiles lo and hi of setting s. */
static void band(FILE *f, const struct frame *fr, const struct sweep_fan *fan, int s, int lo,
		 int hi, const char *colour, double opacity)
{
	fprintf(f, "<path fill=\"%s\" fill-opacity=\"%.2f\" stroke=\"none\" d=\"", colour, opacity);
	if (fan->n_points == 1) {
		double x = px(fr, fan->days[0]), top = py(fr, q_at(fan, s, 0, hi)), bottom = py(fr, q_at(fan, s, 0, lo));

		fprintf(f, "M%.1f,%.1f L%.1f,%.1f L%.1f,%.1f L%.1f,%.1f Z\"/>\n", x - POINT_HALF, top,
			x + POINT_HALF, top, x + POINT_HALF, bottom, x - POINT_HALF, bottom);
		return;
	}
	for (int p = 0; p < fan->n_points; p++)
		fprintf(f, "%s%.1f,%.1f", p ? " L" : "M", px(fr, fan->days[p]), py(fr, q_at(fan, s, p, hi)));
	for (int p = fan->n_points - 1; p >= 0; p--)
		fprintf(f, " L%.1f,%.1f", px(fr, fan->days[p]), py(fr, q_at(fan, s, p, lo)));
	fprintf(f, " Z\"/>\n");
}

static void axes(FILE *f, const struct frame *fr)
{
	char label[32];
	double step = nice_step(fr->y1 - fr->y0, 6), xs = nice_step(fr->x1 - fr->x0, 8);

	fprintf(f, "<g font-family=\"sans-serif\" font-size=\"12\" fill=\"#333\">\n");
	for (double v = ceil(fr->y0 / step) * step; v <= fr->y1 + step * 1e-9; v += step) {
		format_value(fabs(v) < step * 1e-9 ? 0 : v, label, sizeof label);
		fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
			   "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
			PLOT_L, PLOT_L + PLOT_W, py(fr, v), py(fr, v), PLOT_L - 6, py(fr, v) + 4, label);
	}
	for (double d = ceil(fr->x0 / xs) * xs; d <= fr->x1 + 1e-9; d += xs)
		fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
			   "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f</text>\n",
			px(fr, d), px(fr, d), SVG_H - PLOT_B, SVG_H - PLOT_B + 5, px(fr, d),
			SVG_H - PLOT_B + 20, d);
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#666\"/>\n",
		PLOT_L, PLOT_T, PLOT_W, SVG_H - PLOT_T - PLOT_B);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">day</text>\n</g>\n",
		PLOT_L + PLOT_W / 2, SVG_H - 18);
}

/* A setting's label as the legend shows it: at most SWEEP_LABEL_COLS
 * characters, a longer one (a long --set value) cut in the middle at an
 * ellipsis; the entry's <title> holds it whole (a viewer shows it on
 * hover). */
#define LEGEND_CUT "\xe2\x80\xa6" /* U+2026, the SVG is UTF-8 */

/* The legend's column, from PLOT_T: an entry of LEGEND_ROW pixels a
 * setting, a line saying how many more there are when they do not all
 * fit, then the band key, of LEGEND_KEY pixels, inside the picture (at
 * a fixed 24 entries, 22 settings and more pushed the key, and the "more
 * settings" line, below its bottom edge, out of sight). */
#define LEGEND_TOP (PLOT_T + 6)
#define LEGEND_ROW 20
#define LEGEND_KEY 60

/* How many settings have an entry of their own. */
static int legend_entries(const struct sweep_fan *fan)
{
	int rows = (SVG_H - LEGEND_KEY - LEGEND_TOP) / LEGEND_ROW;

	return fan->n_settings <= rows ? fan->n_settings : rows - 1;
}

/* Setting s's label as its legend entry shows it, cut (LEGEND_CUT), with
 * its number first when numbered ("#3 key=v"), as collect's table does:
 * two settings whose labels read the same as shown (cut alike, or a
 * value planned twice) had two entries alike, and which was which could
 * not be told. */
#define LEGEND_LABEL_FIT (SWEEP_LABEL_FIT + 16)

static void legend_label(const struct sweep_manifest *m, int s, bool numbered, char *buf, size_t size)
{
	char *label = sweep_setting_label(m, s);
	int at = numbered ? snprintf(buf, size, "#%d ", s) : 0;

	text_cut_middle(label, SWEEP_LABEL_COLS, LEGEND_CUT, buf + at, size - (size_t)at);
	free(label);
}

/* Whether two entries of the legend would read the same unnumbered. */
static bool legend_numbered(const struct sweep_manifest *m, const struct sweep_fan *fan)
{
	int n = legend_entries(fan);
	char (*shown)[LEGEND_LABEL_FIT] = malloc(((size_t)n + 1) * sizeof *shown);
	bool alike = false;

	if (shown == NULL)
		return true; /* numbered is never wrong, only longer */
	for (int s = 0; s < n && !alike; s++) {
		legend_label(m, s, false, shown[s], sizeof shown[s]);
		for (int t = 0; t < s && !alike; t++)
			alike = strcmp(shown[s], shown[t]) == 0;
	}
	free(shown);
	return alike;
}

/* Width of the legend's column: about 7 pixels a character of the
 * longest entry as shown, at least room for the band key. */
static int legend_width(const struct sweep_manifest *m, const struct sweep_fan *fan, bool numbered)
{
	char shown[LEGEND_LABEL_FIT];
	int w = 160;

	for (int s = 0; s < legend_entries(fan); s++) {
		legend_label(m, s, numbered, shown, sizeof shown);
		if (text_cols(shown) * 7 + 120 > w)
			w = text_cols(shown) * 7 + 120;
	}
	return w;
}

static void legend(FILE *f, const struct sweep_manifest *m, const struct sweep_fan *fan, bool numbered)
{
	int x = PLOT_L + PLOT_W + 16, y = LEGEND_TOP, shown_n = legend_entries(fan);
	char shown[LEGEND_LABEL_FIT];
	bool one = fan->n_points == 1; /* bars and dots, not bands and lines */

	fprintf(f, "<g font-family=\"sans-serif\" font-size=\"12\" fill=\"#333\">\n");
	for (int s = 0; s < shown_n; s++, y += LEGEND_ROW) {
		const char *c = colour_of(s);
		char *label = sweep_setting_label(m, s);

		fprintf(f, "<g><title>");
		xml_text(f, label);
		fprintf(f, "</title>"
			   "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"%s\" fill-opacity=\"0.45\"/>",
			x, y, c);
		if (one)
			median_mark(f, s, x + 7, y + 5, 3);
		else
			fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>", x,
				x + 14, y + 5, y + 5, c, dashes[style_of(s)]);
		fprintf(f, "<text x=\"%d\" y=\"%d\">", x + 20, y + 9);
		legend_label(m, s, numbered, shown, sizeof shown);
		xml_text(f, shown);
		fprintf(f, " (n=%lld)</text></g>\n", fan->n[s]);
		free(label);
	}
	if (fan->n_settings > shown_n)
		fprintf(f, "<text x=\"%d\" y=\"%d\">... %d more settings</text>\n", x, y + 9,
			fan->n_settings - shown_n), y += LEGEND_ROW;
	fprintf(f, "<text x=\"%d\" y=\"%d\">light %s: 5-95%%</text>\n"
		   "<text x=\"%d\" y=\"%d\">dark %s: 25-75%%</text>\n"
		   "<text x=\"%d\" y=\"%d\">%s: median</text>\n</g>\n",
		x, y + 20, one ? "bar" : "band", x, y + 36, one ? "bar" : "band", x, y + 52, one ? "dot" : "line");
}

static int chart_write(const struct sweep_manifest *m, const struct sweep_fan *fan, const char *path)
{
	bool numbered = legend_numbered(m, fan);
	struct frame fr = {0, 1, INFINITY, -INFINITY, PLOT_L + PLOT_W + legend_width(m, fan, numbered)};
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	fr.x1 = fan->n_points ? fan->days[fan->n_points - 1] : 1;
	for (size_t i = 0; i < (size_t)fan->n_settings * (size_t)fan->n_points * 5; i++) {
		fr.y0 = fmin(fr.y0, fan->q[i]);
		fr.y1 = fmax(fr.y1, fan->q[i]);
	}
	if (!(fr.y1 > fr.y0)) {
		fr.y0 = isfinite(fr.y0) ? fr.y0 - 1 : 0;
		fr.y1 = fr.y0 + 2;
	}
	f = open_memstream(&buf, &len);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n"
		   "<title>",
		fr.w, SVG_H, fr.w, SVG_H);
	xml_text(f, fan->title);
	fprintf(f, "</title>\n<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n"
		   "<text x=\"%d\" y=\"28\" font-family=\"sans-serif\" font-size=\"16\" fill=\"#111\">",
		PLOT_L);
	xml_text(f, fan->title);
	fprintf(f, " — %s, %lld tasks, %lld days</text>\n", m->scenario_id, m->n_tasks, m->days);
	axes(f, &fr);
	for (int s = 0; s < fan->n_settings; s++) {
		const char *c = colour_of(s);

		band(f, &fr, fan, s, 0, 4, c, 0.18);
		band(f, &fr, fan, s, 1, 3, c, 0.35);
	}
	for (int s = 0; s < fan->n_settings; s++) {
		if (fan->n_points == 1) {
			median_mark(f, s, px(&fr, fan->days[0]), py(&fr, q_at(fan, s, 0, 2)), POINT_HALF);
			fputc('\n', f);
			continue;
		}
		fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"", colour_of(s),
			dashes[style_of(s)]);
		for (int p = 0; p < fan->n_points; p++)
			fprintf(f, "%s%.1f,%.1f", p ? " " : "", px(&fr, fan->days[p]), py(&fr, q_at(fan, s, p, 2)));
		fprintf(f, "\"/>\n");
	}
	legend(f, m, fan, numbered);
	fprintf(f, "</svg>\n");
	fclose(f);
	rc = cli_write_atomic(path, NULL, buf, len);
	free(buf);
	return rc;
}

/* Where the chart goes: --output, as sweep_output_check allows it, or
 * DIR/charts/FIGURE[-FACTION].svg, which spares what smugnet reads
 * (cli_output_spares) as --output does: a link there to a seed's
 * journal.jsonl had the chart replace the seed's journal (exit 0), and
 * the seed no longer loaded; a chart of the sweep's own in its own
 * charts/ is the chart's to replace. A usage error naming it, else
 * EXIT_OK, the path in path. */
static int chart_path(const struct sweep_manifest *m, const char *figure, const char *faction,
		      const char *output, char *path, size_t size)
{
	char vault[1024];

	if (output != NULL) {
		snprintf(path, size, "%s", output);
		return sweep_output_check(m, "sweep chart", output);
	}
	snprintf(path, size, "%s/" SWEEP_CHARTS "/%s%s%s.svg", m->dir, figure, faction ? "-" : "",
		 faction ? faction : "");
	return cli_output_spares(&(struct cli_output){.cmd = "sweep chart", .opt = "DIR", .path = path,
						      .vault = cli_vault_root(NULL, vault, sizeof vault),
						      .sweep = m->dir, .sub = SWEEP_CHARTS});
}

int sweep_chart(int argc, char **argv)
{
	static const struct option opts[] = {
		{"figure", required_argument, NULL, 'f'}, {"faction", required_argument, NULL, 'F'},
		{"output", required_argument, NULL, 'o'}, {"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},	  {NULL, 0, NULL, 0},
	};
	const char *figure = NULL, *faction = NULL, *output = NULL;
	char path[4400], dir[4096];
	struct sweep_manifest m;
	struct sweep_fan fan;
	bool quiet = false;
	int c, rc;

	while ((c = cli_getopt("sweep chart", argc, argv, "hq", opts)) != -1) {
		switch (c) {
		case 'f': figure = optarg; break;
		case 'F': faction = optarg; break;
		case 'o': output = optarg; break;
		case 'q': quiet = true; break;
		case 'h':
			printf("Usage: smugnet sweep chart DIR --figure NAME [--faction ID] [--output FILE] [--quiet]\n"
			       "Write an SVG fan chart (default DIR/charts/NAME[-ID].svg).\n");
			return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (sweep_dir_arg("sweep chart", argc, argv, optind) != EXIT_OK ||
	    cli_name_given("sweep chart", "--output", output) != EXIT_OK)
		return EXIT_USAGE;
	if (figure == NULL)
		return cli_usage_error("sweep chart", "--figure NAME is required");
	if ((rc = sweep_manifest_load(argv[optind], &m)) == EXIT_OK &&
	    (rc = chart_path(&m, figure, faction, output, path, sizeof path)) == EXIT_OK &&
	    (rc = sweep_fan_compute(&m, figure, faction, quiet, &fan)) == EXIT_OK) {
		if (output == NULL) {
			sweep_path(dir, sizeof dir, m.dir, SWEEP_CHARTS);
			rc = cli_mkdir(dir);
		}
		if (rc == EXIT_OK && (rc = chart_write(&m, &fan, path)) == EXIT_OK && !quiet)
			printf("%s\n", path);
		sweep_fan_done(&fan);
	}
	sweep_manifest_done(&m);
	return rc == EXIT_OK ? jsonl_close_stdout() : rc;
}

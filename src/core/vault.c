/* The seed vault: <root>/seeds/<name>/ holds manifest.json, snapshot.json
 * (what loading restores from) and stable, diff-friendly exports
 * (smuggling.json, ledger_accounts.json, customs_borders.json).
 * Invariants: the vault touches only its own entries, through the
 * descriptor of <root>/seeds, and never follows or deletes through a
 * symbolic link; at every instant of a save, and after any sequence of
 * interrupted saves, a complete seed for the name exists and is the one
 * load and list find (the protocol and its argument are in
 * smugnet-seed(5) and above vault_save_ex). Loading checks the format,
 * every file's hash, every field, the world's invariants and that the
 * manifest agrees with the snapshot. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json.h"
#include "snapshot.h"

#define VAULT_FORMAT SMUG_SEED_FORMAT
#define VAULT_MAJOR 8 /* 4: days count from 1; telemetry windows and chart history;
			 5: edge statistics per direction, buyer accounts, the ward economy;
			 6: an event keeps what its text is formatted from, not the text;
			 7: telemetry keeps a route by its nodes, not its text;
			 8: the scenario hash is of the parsed scenario, not its bytes */
#define VAULT_MINOR 0
#define PATHBUF 1024

static const char *const seed_files[] = {"snapshot.json", "smuggling.json", "ledger_accounts.json",
					 "customs_borders.json", "journal.jsonl", "scenario.json"};
enum { FILE_SNAPSHOT, FILE_JOURNAL = 4, FILE_SCENARIO = 5 };
#define N_SEED_FILES ((int)(sizeof seed_files / sizeof seed_files[0]))

bool smug_seed_name_valid(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n >= SMUG_SEED_NAME_MAX || name[0] == '.' || strstr(name, ".."))
		return false;
	for (const char *c = name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		      *c == '.' || *c == '_' || *c == '-'))
			return false;
	return true;
}

/* ---- growing text buffer for the fixed-format exports ---- */

struct buf {
	char *p;
	size_t n, cap;
};

static void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	for (;;) {
		va_start(ap, fmt);
		k = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
		va_end(ap);
		if (k < 0)
			return;
		if (b->p && b->n + (size_t)k < b->cap) {
			b->n += (size_t)k;
			return;
		}
		b->cap = (b->cap + (size_t)k + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
}

static void buf_money(struct buf *b, int64_t minor)
{
	char m[32];

	smug_money_format(minor, m, sizeof m);
	buf_printf(b, "%s", m);
}

/* JSON string escaping for ids and names (printable ASCII by validation). */
static void buf_str(struct buf *b, const char *s)
{
	buf_printf(b, "\"");
	for (; *s; s++)
		buf_printf(b, (*s == '"' || *s == '\\') ? "\\%c" : "%c", *s);
	buf_printf(b, "\"");
}

/* smuggling.json's "config": the smuggling knobs as the scenario set them. */
static void export_smuggling_config(struct buf *b, const struct smug_smuggling_config *c)
{
	buf_printf(b, "  \"config\": {\"enabled\": %s, \"max_active_factions\": %d, \"max_shipments_per_day\": %d, "
		      "\"commodity_topk\": %d, \"route_topk\": %d, \"border_topk\": %d, \"learning_rate\": %.6f, "
		      "\"deterministic_salt\": ",
		   c->enabled ? "true" : "false", c->max_active_factions, c->max_shipments_per_day,
		   c->commodity_topk, c->route_topk, c->border_topk, c->learning_rate);
	buf_str(b, c->deterministic_salt);
	buf_printf(b, "}");
}

/* A network's "commodity_prefs": the commodities it prefers at all, in
 * commodity order. */
static void export_commodity_prefs(struct buf *b, const struct smug_network *n)
{
	bool first = true;

	buf_printf(b, "{");
	for (int k = 0; k < SMUG_COMMODITY_COUNT; k++)
		if (n->commodity_prefs[k] > 0) {
			buf_printf(b, "%s\"%s\": %.6f", first ? "" : ", ", smug_commodity_name((enum smug_commodity)k),
				   n->commodity_prefs[k]);
			first = false;
		}
	buf_printf(b, "}");
}

/* A network's counters and money, from "bribe_budget_fraction" to "sales". */
static void export_network_totals(struct buf *b, const struct smug_network *n)
{
	buf_printf(b, "     \"bribe_budget_fraction\": %.6f, \"last_run_day\": %d,\n", n->bribe_budget_fraction,
		   n->last_run_day);
	buf_printf(b, "     \"shipments\": %lld, \"delivered\": %lld, \"seized\": %lld, \"lost\": %lld, "
		      "\"delayed\": %lld, \"in_transit\": %d, \"success_rate\": %.6f,\n     \"bribes_spent\": ",
		   (long long)n->shipments, (long long)n->delivered, (long long)n->seized, (long long)n->lost,
		   (long long)n->delayed, n->in_transit, smug_network_success_rate(n));
	buf_money(b, n->bribes_spent);
	buf_printf(b, ", \"tariffs_paid\": ");
	buf_money(b, n->tariffs_paid);
	buf_printf(b, ", \"purchases\": ");
	buf_money(b, n->purchases);
	buf_printf(b, ", \"sales\": ");
	buf_money(b, n->sales);
}

/* A network's "preferred_borders": each border corridor it weighs at
 * all, both directions of it as one entry. */
static void export_preferred_borders(struct buf *b, const struct smug_world *w, const struct smug_network *n)
{
	bool first = true;

	buf_printf(b, "{");
	for (int i = 0; i < n->n_edge_stats; i++) {
		int k = n->edge_stats[i].corridor;
		double pw = n->preferred_border_weight[i];

		/* both directions of a border are adjacent: one entry */
		if (i + 1 < n->n_edge_stats && n->edge_stats[i + 1].corridor == k)
			pw += n->preferred_border_weight[++i];
		if (w->corridors[k].border && pw > 0) {
			buf_printf(b, "%s", first ? "" : ", ");
			buf_str(b, w->corridors[k].id);
			buf_printf(b, ": %.6f", pw);
			first = false;
		}
	}
	buf_printf(b, "}");
}

/* A network's "edge_stats", in its order (by corridor id). */
static void export_edge_stats(struct buf *b, const struct smug_world *w, const struct smug_network *n)
{
	buf_printf(b, "[");
	for (int i = 0; i < n->n_edge_stats; i++) {
		const struct smug_edge_stats *e = &n->edge_stats[i];

		buf_printf(b, "%s\n       {\"edge_id\": ", i ? "," : "");
		buf_str(b, w->corridors[e->corridor].id);
		buf_printf(b, ", \"from\": ");
		buf_str(b, w->nodes[e->from_node].id);
		buf_printf(b, ", \"border\": %s, \"risk_est\": %.6f, \"cost_est\": %.6f, \"last_update_day\": %d, \"uses\": %d}",
			   w->corridors[e->corridor].border ? "true" : "false", e->risk_est, e->cost_est,
			   e->last_update_day, e->uses);
	}
	buf_printf(b, "%s]", n->n_edge_stats ? "\n     " : "");
}

/* A network's "recent_outcomes", oldest first (the ring from its head). */
static void export_recent_outcomes(struct buf *b, const struct smug_world *w, const struct smug_network *n)
{
	buf_printf(b, "[");
	for (int i = 0; i < n->recent_count; i++) {
		int k = (n->recent_head - n->recent_count + i + 2 * SMUG_RECENT_OUTCOMES) % SMUG_RECENT_OUTCOMES;
		const struct smug_recent_outcome *r = &n->recent[k];

		buf_printf(b, "%s\n       {\"day\": %d, \"shipment\": %llu, \"commodity\": \"%s\", \"outcome\": \"%s\", \"at\": ",
			   i ? "," : "", r->day, (unsigned long long)r->shipment,
			   smug_commodity_name(r->commodity), smug_outcome_name(r->outcome));
		if (r->at_corridor >= 0)
			buf_str(b, w->corridors[r->at_corridor].id);
		else
			buf_printf(b, "null");
		buf_printf(b, ", \"value\": ");
		buf_money(b, r->value);
		buf_printf(b, "}");
	}
	buf_printf(b, "%s]", n->recent_count ? "\n     " : "");
}

/* One entry of smuggling.json's "networks": the network of faction fa. */
static void export_network(struct buf *b, const struct smug_world *w, const struct smug_faction *fa)
{
	const struct smug_network *n = &fa->net;

	buf_printf(b, "{\"faction_id\": ");
	buf_str(b, fa->id);
	buf_printf(b, ",\n     \"commodity_prefs\": ");
	export_commodity_prefs(b, n);
	buf_printf(b, ",\n");
	export_network_totals(b, n);
	buf_printf(b, ",\n     \"preferred_borders\": ");
	export_preferred_borders(b, w, n);
	buf_printf(b, ",\n     \"edge_stats\": ");
	export_edge_stats(b, w, n);
	buf_printf(b, ",\n     \"recent_outcomes\": ");
	export_recent_outcomes(b, w, n);
	buf_printf(b, "}");
}

/* smuggling.json: the spec's stable export (§11), sorted by faction id,
 * edge_stats sorted by corridor id and bounded by border_topk, "%.6f". */
static char *export_smuggling(const struct smug_world *w)
{
	struct buf b = {0};
	bool first = true;

	buf_printf(&b, "{\n  \"schema\": \"smuggling_v1\",\n  \"day\": %d,\n", w->day);
	export_smuggling_config(&b, &w->cfg.smuggling);
	buf_printf(&b, ",\n  \"networks\": [");
	for (int f = 0; f < w->n_factions; f++) {
		if (!w->factions[f].runs_network)
			continue;
		buf_printf(&b, "%s\n    ", first ? "" : ",");
		export_network(&b, w, &w->factions[f]);
		first = false;
	}
	buf_printf(&b, "\n  ]\n}\n");
	return b.p;
}

static char *export_ledger(const struct smug_world *w)
{
	struct buf b = {0};
	const struct smug_ledger *l = &w->ledger;

	buf_printf(&b, "{\n  \"schema\": \"ledger_accounts_v1\",\n  \"day\": %d,\n  \"accounts\": [", w->day);
	for (int i = 0; i < l->n_accounts; i++) {
		buf_printf(&b, "%s\n    {\"acct_id\": ", i ? "," : "");
		buf_str(&b, l->accounts[i].id);
		buf_printf(&b, ", \"balance\": ");
		buf_money(&b, l->accounts[i].balance);
		buf_printf(&b, "}");
	}
	buf_printf(&b, "\n  ],\n  \"minted\": ");
	buf_money(&b, l->minted);
	buf_printf(&b, ",\n  \"burned\": ");
	buf_money(&b, l->burned);
	buf_printf(&b, ",\n  \"by_reason\": {");
	for (int r = 0; r < SMUG_TX_REASON_COUNT; r++) {
		buf_printf(&b, "%s\"%s\": ", r ? ", " : "", smug_tx_reason_name((enum smug_tx_reason)r));
		buf_money(&b, l->by_reason[r]);
	}
	buf_printf(&b, "}\n}\n");
	return b.p;
}

static char *export_borders(const struct smug_world *w)
{
	struct buf b = {0};
	bool first = true;

	buf_printf(&b, "{\n  \"schema\": \"customs_borders_v1\",\n  \"day\": %d,\n  \"borders\": [", w->day);
	for (int c = 0; c < w->n_corridors; c++) {
		const struct smug_corridor *k = &w->corridors[c];
		const struct smug_border_stats *s = &w->border_stats[c];

		if (!k->border || s->traffic == 0)
			continue;
		buf_printf(&b, "%s\n    {\"id\": ", first ? "" : ",");
		buf_str(&b, k->id);
		buf_printf(&b, ", \"from\": ");
		buf_str(&b, w->wards[w->nodes[k->a].ward].id);
		buf_printf(&b, ", \"to\": ");
		buf_str(&b, w->wards[w->nodes[k->b].ward].id);
		buf_printf(&b, ", \"traffic\": %lld, \"checks\": %lld, \"inspections\": %lld, \"detections\": %lld, \"seizures\": %lld, \"bribes\": ",
			   (long long)s->traffic, (long long)s->checks, (long long)s->inspections,
			   (long long)s->detections, (long long)s->seizures);
		buf_money(&b, s->bribes);
		buf_printf(&b, ", \"tariffs\": ");
		buf_money(&b, s->tariffs);
		buf_printf(&b, ", \"crackdown\": %s}", smug_world_crackdown_on(w, c) ? "true" : "false");
		first = false;
	}
	buf_printf(&b, "\n  ]\n}\n");
	return b.p;
}

/* ---- the vault's file-system calls ----
 * Everything a save does to the disk goes through these, relative to the
 * descriptor of <root>/seeds or of a folder opened from it without
 * following links. Each call first asks the test hook (vault_faults),
 * which can make the call fail or stop the save there as a crash would:
 * that call and every later one are not made (descriptors are still
 * closed, as the kernel closes them when a process dies). */

struct vfs {
	const struct vault_faults *faults;
	bool stopped;	     /* a crash was simulated: make no further call */
	int seeds;	     /* descriptor of <root>/seeds */
	char shown[PATHBUF]; /* "<root>/seeds", for messages */
};

/* True when the call must not be made (errno is set as if it failed). */
static bool skip(struct vfs *v, const char *op, const char *name)
{
	char step[PATHBUF];
	int r;

	if (v->stopped) {
		errno = EIO;
		return true;
	}
	if (v->faults == NULL || v->faults->hook == NULL)
		return false;
	snprintf(step, sizeof step, "%s %s", op, name);
	r = v->faults->hook(step, v->faults->ctx);
	if (r == 0)
		return false;
	v->stopped = r == VAULT_FAULT_STOP;
	errno = EIO;
	return true;
}

static void vclose(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* Open the folder `name` relative to dirfd without following a link; a
 * link fails with errno ELOOP (Linux says ENOTDIR when O_DIRECTORY meets
 * a link), anything else that is not a folder with ENOTDIR. */
static int open_dir_at(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat sb;

	if (fd < 0 && (errno == ENOTDIR || errno == ELOOP)) {
		int e = errno;

		errno = fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(sb.st_mode) ? ELOOP : e;
	}
	return fd;
}

static enum smug_status mkdir_p(const char *path, struct smug_error *err)
{
	char tmp[PATHBUF];

	if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp)
		return smug_error_set(err, SMUG_ERR_WRITE, "%s: path too long", path);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
				return smug_error_set(err, SMUG_ERR_WRITE, "%s: cannot create folder (%s)", tmp,
						      strerror(errno));
			*p = '/';
		}
	if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
		return smug_error_set(err, SMUG_ERR_WRITE, "%s: cannot create folder (%s)", tmp, strerror(errno));
	return SMUG_OK;
}

/* Open <root>/seeds (creating it for a save) without following a link
 * there. Read-side failures are SMUG_ERR_IO, write-side SMUG_ERR_WRITE;
 * a vault without seeds is SMUG_ERR_NOT_FOUND when not creating. */
/* How much of folder path dir names it in a message: without its
 * trailing slashes, so that "V/" + "/seeds" reads "V/seeds", not
 * "V//seeds" (0 for "/", whose files read "/seeds"). */
static int dir_shown_len(const char *dir)
{
	size_t n = strlen(dir);

	while (n > 0 && dir[n - 1] == '/')
		n--;
	return n > PATHBUF ? PATHBUF : (int)n; /* a longer path is cut in messages anyway */
}

static enum smug_status seeds_open(struct vfs *v, const char *root, bool create, struct smug_error *err)
{
	enum smug_status bad = create ? SMUG_ERR_WRITE : SMUG_ERR_IO, st;

	v->seeds = -1;
	if (root[0] == '\0') /* "" + "/seeds" would be a folder at the file system's root */
		return smug_error_set(err, bad, "the vault's folder is an empty name");
	if (snprintf(v->shown, sizeof v->shown, "%.*s/seeds", dir_shown_len(root), root) >= (int)sizeof v->shown - 80)
		return smug_error_set(err, bad, "%s: path too long", root);
	if (create) {
		if ((st = mkdir_p(root, err)) != SMUG_OK)
			return st;
		if (!skip(v, "mkdir", "seeds") && mkdir(v->shown, 0755) != 0 && errno != EEXIST)
			return smug_error_set(err, bad, "%s: cannot create folder (%s)", v->shown, strerror(errno));
	}
	if (skip(v, "open", "seeds") ||
	    (v->seeds = open_dir_at(AT_FDCWD, v->shown)) < 0) {
		if (errno == ENOENT && !create)
			return smug_error_set(err, SMUG_ERR_NOT_FOUND, "%s: no seeds here", v->shown);
		if (errno == ELOOP)
			return smug_error_set(err, bad, "%s: is a symbolic link (the vault never follows links)",
					      v->shown);
		return smug_error_set(err, bad, "%s: cannot open (%s)", v->shown, strerror(errno));
	}
	return SMUG_OK;
}

/* The entries of folder fd (a descriptor the caller keeps), without "."
 * and "..": a malloc'd array of malloc'd names; count in *n. NULL with
 * errno set on failure. */
static char **list_dir(int fd, int *n)
{
	int dup_fd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
	struct dirent *e;
	char **names = NULL;
	int cap = 0;

	*n = 0;
	if (d == NULL) {
		vclose(dup_fd);
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (*n == cap)
			names = xrealloc(names, sizeof *names * (size_t)(cap = cap ? 2 * cap : 8));
		names[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (names == NULL)
		names = xmalloc(sizeof *names);
	return names;
}

static void free_names(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Everything the vault keeps for one seed name in seeds/: the seed
 * folder, the partial folder of a save in progress, and the previous
 * generations .<name>.old.<n> (n >= 1; the ".<name>.old" of older
 * versions counts as generation 0). */
struct family {
	bool seed, partial;
	long long *gens; /* ascending */
	int n_gens;
};

/* Generation number of entry for name: n for ".<name>.old.<n>", 0 for
 * ".<name>.old", -1 if entry is something else. */
static long long gen_number(const char *entry, const char *name)
{
	size_t k = strlen(name);
	const char *p;
	long long n = 0;

	if (entry[0] != '.' || strncmp(entry + 1, name, k) != 0 || strncmp(entry + 1 + k, ".old", 4) != 0)
		return -1;
	p = entry + 1 + k + 4;
	if (*p == '\0')
		return 0;
	if (*p++ != '.' || *p == '0' || *p == '\0' || strlen(p) > 18)
		return -1;
	for (; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return -1;
		n = n * 10 + (*p - '0');
	}
	return n;
}

static int cmp_gen(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static enum smug_status family_scan(struct vfs *v, const char *name, struct family *fam, enum smug_status bad,
				    struct smug_error *err)
{
	char partial[SMUG_SEED_NAME_MAX + 16], **names;
	int n;

	memset(fam, 0, sizeof *fam);
	snprintf(partial, sizeof partial, ".%s.partial", name);
	if (skip(v, "list", "seeds") || (names = list_dir(v->seeds, &n)) == NULL)
		return smug_error_set(err, bad, "%s: cannot list (%s)", v->shown, strerror(errno));
	for (int i = 0; i < n; i++) {
		long long g = gen_number(names[i], name);

		if (strcmp(names[i], name) == 0)
			fam->seed = true;
		else if (strcmp(names[i], partial) == 0)
			fam->partial = true;
		else if (g >= 0) {
			fam->gens = xrealloc(fam->gens, sizeof *fam->gens * (size_t)(fam->n_gens + 1));
			fam->gens[fam->n_gens++] = g;
		}
	}
	free_names(names, n);
	if (fam->n_gens > 1)
		qsort(fam->gens, (size_t)fam->n_gens, sizeof *fam->gens, cmp_gen);
	return SMUG_OK;
}

static void gen_name(char *buf, size_t size, const char *name, long long g)
{
	if (g == 0)
		snprintf(buf, size, ".%s.old", name);
	else
		snprintf(buf, size, ".%s.old.%lld", name, g);
}

static const char *const link_refusal = "is a symbolic link; the vault never follows or deletes through links (left alone)";

#define MANIFEST_HEAD 4096 /* bytes of manifest.json where the format must be named */

/* The one rule of a folder smugnet wrote (smug_vault_manifest_names):
 * the file manifest, opened relative to dirfd with the extra open flags,
 * is a regular file that names format, quoted, within its first
 * MANIFEST_HEAD bytes. It is opened without blocking, so that a FIFO
 * called manifest.json is told apart without waiting for a writer. */
static bool manifest_names_format(int dirfd, const char *manifest, int flags, const char *format)
{
	char head[MANIFEST_HEAD + 1], quoted[128];
	size_t got = 0;
	struct stat sb;
	int fd;

	if (snprintf(quoted, sizeof quoted, "\"%s\"", format) >= (int)sizeof quoted)
		return false;
	if ((fd = openat(dirfd, manifest, O_RDONLY | O_NONBLOCK | O_CLOEXEC | flags)) < 0)
		return false;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return false;
	}
	while (got < MANIFEST_HEAD) {
		ssize_t k = read(fd, head + got, MANIFEST_HEAD - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			close(fd);
			return false;
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	head[got] = '\0';
	return strstr(head, quoted) != NULL;
}

bool smug_vault_manifest_names(const char *folder, const char *format)
{
	char manifest[PATHBUF * 4 + 32];

	if (snprintf(manifest, sizeof manifest, "%s/manifest.json", folder) >= (int)sizeof manifest)
		return false;
	return manifest_names_format(AT_FDCWD, manifest, 0, format);
}

enum smug_seed_lists smug_vault_seed_lists(const char *folder, const char *name)
{
	char manifest[PATHBUF * 4 + 32], *text;
	size_t len;
	struct smug_error err;
	cJSON *m = NULL;
	const cJSON *files;
	enum smug_seed_lists lists = SMUG_SEED_LISTS_UNREADABLE;

	if (snprintf(manifest, sizeof manifest, "%s/manifest.json", folder) >= (int)sizeof manifest ||
	    file_read_at(AT_FDCWD, manifest, manifest, 0, &text, &len, &err) != SMUG_OK)
		return SMUG_SEED_LISTS_UNREADABLE;
	if (json_parse(text, len, manifest, &m, &err) == SMUG_OK &&
	    cJSON_IsObject(files = cJSON_GetObjectItemCaseSensitive(m, "files")))
		lists = cJSON_GetObjectItemCaseSensitive(files, name) != NULL ? SMUG_SEED_LISTS_YES : SMUG_SEED_LISTS_NOT;
	free(text);
	cJSON_Delete(m);
	return lists;
}

/* Whether the folder fd (listed as names[0..n)) is a seed the vault
 * wrote: its manifest.json, never followed through a link, names the
 * format (smug_vault_manifest_names). A folder a seed only ever comes to
 * be by renaming a complete partial one, so <name> without such a
 * manifest (another program's folder, a folder of notes) is none of the
 * vault's. Reading it is a step the test hook can stop ("read <entry>"). */
static bool holds_seed(struct vfs *v, int fd, const char *entry, char **names, int n)
{
	bool listed = false;

	for (int i = 0; i < n; i++)
		listed |= strcmp(names[i], "manifest.json") == 0;
	if (!listed || skip(v, "read", entry))
		return false;
	return manifest_names_format(fd, "manifest.json", O_NOFOLLOW, VAULT_FORMAT);
}

/* Before a save changes anything: every entry of the family must be a
 * folder holding only regular files, so nothing the save renames or
 * removes can lead outside the vault; the seed's own folder, unless it is
 * empty, must hold a seed (a save replaces it whole). */
static enum smug_status entry_check(struct vfs *v, const char *entry, bool seed, struct smug_error *err)
{
	struct stat sb;
	char **names;
	int n, fd;
	enum smug_status st = SMUG_OK;

	if (skip(v, "stat", entry) || fstatat(v->seeds, entry, &sb, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? SMUG_OK
				       : smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: cannot inspect (%s)", v->shown,
							entry, strerror(errno));
	if (S_ISLNK(sb.st_mode))
		return smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: %s", v->shown, entry, link_refusal);
	if (!S_ISDIR(sb.st_mode))
		return smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: not a seed folder (%s; left alone)", v->shown, entry,
				      file_kind_name(sb.st_mode));
	if (skip(v, "open", entry) ||
	    (fd = open_dir_at(v->seeds, entry)) < 0)
		return smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: cannot open (%s)", v->shown, entry, strerror(errno));
	if (skip(v, "list", entry) || (names = list_dir(fd, &n)) == NULL) {
		st = smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: cannot list (%s)", v->shown, entry, strerror(errno));
		vclose(fd);
		return st;
	}
	for (int i = 0; i < n && st == SMUG_OK; i++) {
		if (skip(v, "stat", names[i]) || fstatat(fd, names[i], &sb, AT_SYMLINK_NOFOLLOW) != 0)
			st = smug_error_set(err, SMUG_ERR_WRITE, "%s/%s/%s: cannot inspect (%s)", v->shown, entry,
					    names[i], strerror(errno));
		else if (S_ISLNK(sb.st_mode))
			st = smug_error_set(err, SMUG_ERR_WRITE, "%s/%s/%s: %s", v->shown, entry, names[i], link_refusal);
		else if (!S_ISREG(sb.st_mode))
			st = smug_error_set(err, SMUG_ERR_WRITE, "%s/%s/%s: not a file the vault wrote (%s; left alone)",
					    v->shown, entry, names[i], file_kind_name(sb.st_mode));
	}
	if (st == SMUG_OK && seed && n > 0 && !holds_seed(v, fd, entry, names, n))
		st = smug_error_set(err, SMUG_ERR_WRITE,
				    "%s/%s: not a seed folder (no seed's manifest.json; its files are left alone)",
				    v->shown, entry);
	free_names(names, n);
	vclose(fd);
	return st;
}

/* Remove one of the vault's own folders: its manifest first (so a folder
 * removed halfway is never taken for a complete seed), then its regular
 * files, then the folder. A link or anything but a regular file stops the
 * removal and is left alone. A missing folder is not an error. */
static enum smug_status remove_folder(struct vfs *v, const char *entry, struct smug_error *err)
{
	struct stat sb;
	char **names;
	int n, fd;
	enum smug_status st = SMUG_OK;

	if (skip(v, "open", entry) ||
	    (fd = open_dir_at(v->seeds, entry)) < 0) {
		if (errno == ENOENT)
			return SMUG_OK;
		if (errno == ELOOP || errno == ENOTDIR)
			return smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: %s", v->shown, entry,
					      errno == ELOOP ? link_refusal : "not a seed folder (left alone)");
		return smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: cannot open (%s)", v->shown, entry, strerror(errno));
	}
	if ((skip(v, "unlink", "manifest.json") || unlinkat(fd, "manifest.json", 0) != 0) && errno != ENOENT)
		st = smug_error_set(err, SMUG_ERR_WRITE, "%s/%s/manifest.json: cannot remove (%s)", v->shown, entry,
				    strerror(errno));
	if (st == SMUG_OK && (skip(v, "list", entry) || (names = list_dir(fd, &n)) == NULL))
		st = smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: cannot list (%s)", v->shown, entry, strerror(errno));
	else if (st == SMUG_OK) {
		for (int i = 0; i < n && st == SMUG_OK; i++) {
			if (skip(v, "stat", names[i]) || fstatat(fd, names[i], &sb, AT_SYMLINK_NOFOLLOW) != 0)
				st = smug_error_set(err, SMUG_ERR_WRITE, "%s/%s/%s: cannot inspect (%s)", v->shown,
						    entry, names[i], strerror(errno));
			else if (!S_ISREG(sb.st_mode))
				st = smug_error_set(err, SMUG_ERR_WRITE, "%s/%s/%s: %s", v->shown, entry, names[i],
						    S_ISLNK(sb.st_mode) ? link_refusal
									: "not a file the vault wrote (left alone)");
			else if (skip(v, "unlink", names[i]) || unlinkat(fd, names[i], 0) != 0)
				st = smug_error_set(err, SMUG_ERR_WRITE, "%s/%s/%s: cannot remove (%s)", v->shown,
						    entry, names[i], strerror(errno));
		}
		free_names(names, n);
	}
	vclose(fd);
	if (st == SMUG_OK && (skip(v, "rmdir", entry) || unlinkat(v->seeds, entry, AT_REMOVEDIR) != 0))
		st = smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: cannot remove (%s)", v->shown, entry, strerror(errno));
	return st;
}

static enum smug_status write_file(struct vfs *v, int dirfd, const char *dir, const char *name, const char *text,
				   struct smug_error *err)
{
	size_t len = strlen(text), done = 0;
	int fd;

	if (skip(v, "create", name) ||
	    (fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644)) < 0)
		return smug_error_set(err, SMUG_ERR_WRITE, "%s/%s/%s: cannot create (%s)", v->shown, dir, name,
				      strerror(errno));
	while (done < len) {
		ssize_t k = skip(v, "write", name) ? -1 : write(fd, text + done, len - done);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			vclose(fd);
			return smug_error_set(err, SMUG_ERR_WRITE, "%s/%s/%s: write failed (%s)", v->shown, dir, name,
					      k < 0 ? strerror(errno) : "no progress");
		}
		done += (size_t)k;
	}
	if (skip(v, "fsync", name) || fsync(fd) != 0) {
		vclose(fd);
		return smug_error_set(err, SMUG_ERR_WRITE, "%s/%s/%s: cannot sync (%s)", v->shown, dir, name,
				      strerror(errno));
	}
	if (skip(v, "close", name)) {
		vclose(fd); /* as the kernel would */
		return smug_error_set(err, SMUG_ERR_WRITE, "%s/%s/%s: cannot close (%s)", v->shown, dir, name,
				      strerror(errno));
	}
	if (close(fd) != 0)
		return smug_error_set(err, SMUG_ERR_WRITE, "%s/%s/%s: cannot close (%s)", v->shown, dir, name,
				      strerror(errno));
	return SMUG_OK;
}

/* fsync a folder; file systems that cannot sync a folder (EINVAL) are
 * not an error. */
static enum smug_status sync_fd(struct vfs *v, int fd, const char *what, struct smug_error *err)
{
	if (skip(v, "fsync", what) || (fsync(fd) != 0 && errno != EINVAL))
		return smug_error_set(err, SMUG_ERR_WRITE, "%s: cannot sync the folder %s (%s)", v->shown, what,
				      strerror(errno));
	return SMUG_OK;
}

static void hex64(uint64_t v, char *out)
{
	snprintf(out, 17, "%016llx", (unsigned long long)v);
}

/* The manifest: what the seed is, and the hash of every file. */
static char *manifest_text(const struct smug_world *w, char *const *text)
{
	char hex[17];
	cJSON *m = cJSON_CreateObject(), *files;
	char *out;

	cJSON_AddStringToObject(m, "format", VAULT_FORMAT);
	cJSON_AddNumberToObject(m, "version_major", VAULT_MAJOR);
	cJSON_AddNumberToObject(m, "version_minor", VAULT_MINOR);
	cJSON_AddStringToObject(m, "scenario_id", w->scenario_id);
	hex64(w->scenario_hash, hex);
	cJSON_AddStringToObject(m, "scenario_hash", hex);
	json_add_u64(m, "seed", w->seed);
	cJSON_AddNumberToObject(m, "day", w->day);
	cJSON_AddStringToObject(m, "program", "smugnet");
	cJSON_AddStringToObject(m, "program_version", smug_version());
	hex64(smug_world_digest(w), hex);
	cJSON_AddStringToObject(m, "digest", hex);
	files = cJSON_AddObjectToObject(m, "files");
	for (int i = 0; i < N_SEED_FILES; i++) {
		hex64(hash_bytes(text[i], strlen(text[i])), hex);
		cJSON_AddStringToObject(files, seed_files[i], hex);
	}
	out = cJSON_Print(m);
	cJSON_Delete(m);
	return out;
}

/* Write every file into the partial folder, manifest last, each fsynced,
 * then the folder itself. */
static enum smug_status write_partial(struct vfs *v, const char *partial, char *const *text, const char *manifest,
				      struct smug_error *err)
{
	enum smug_status st = SMUG_OK;
	int fd;

	if (skip(v, "mkdir", partial) || mkdirat(v->seeds, partial, 0755) != 0)
		return smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: cannot create folder (%s)", v->shown, partial,
				      strerror(errno));
	if (skip(v, "open", partial) ||
	    (fd = open_dir_at(v->seeds, partial)) < 0)
		return smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: cannot open (%s)", v->shown, partial,
				      strerror(errno));
	for (int i = 0; i < N_SEED_FILES && st == SMUG_OK; i++)
		st = write_file(v, fd, partial, seed_files[i], text[i], err);
	if (st == SMUG_OK)
		st = write_file(v, fd, partial, "manifest.json", manifest, err);
	if (st == SMUG_OK)
		st = sync_fd(v, fd, partial, err);
	vclose(fd);
	return st;
}

/* Step 1 of a save: every entry of the name's family (the seed, a
 * partial folder, the generations) must be one the save may rename or
 * remove (entry_check); nothing is changed yet. */
static enum smug_status family_check(struct vfs *v, const char *name, const char *partial, const struct family *fam,
				     struct smug_error *err)
{
	char gen[SMUG_SEED_NAME_MAX + 32];
	enum smug_status st;

	if ((fam->seed && (st = entry_check(v, name, true, err)) != SMUG_OK) ||
	    (fam->partial && (st = entry_check(v, partial, false, err)) != SMUG_OK))
		return st;
	for (int i = 0; i < fam->n_gens; i++) {
		gen_name(gen, sizeof gen, name, fam->gens[i]);
		if ((st = entry_check(v, gen, false, err)) != SMUG_OK)
			return st;
	}
	return SMUG_OK;
}

/* Step 3: w's files and their manifest, written whole into the partial
 * folder (write_partial); a partial folder a failure leaves is removed. */
static enum smug_status partial_write(struct vfs *v, const struct smug_world *w, const char *partial,
				      struct smug_error *err)
{
	char *text[N_SEED_FILES], *manifest;
	enum smug_status st;

	text[FILE_SNAPSHOT] = snapshot_to_json(w);
	text[1] = export_smuggling(w);
	text[2] = export_ledger(w);
	text[3] = export_borders(w);
	text[FILE_JOURNAL] = smug_journal_to_jsonl(w);
	text[FILE_SCENARIO] = xstrdup(w->scenario_text ? w->scenario_text : "");
	manifest = manifest_text(w, text);
	st = write_partial(v, partial, text, manifest, err);
	for (int i = 0; i < N_SEED_FILES; i++)
		free(text[i]);
	free(manifest);
	if (st != SMUG_OK)
		remove_folder(v, partial, NULL);
	return st;
}

/* Steps 4 and 5: the old seed (when there is one) renamed to the
 * generation aside, the partial folder to the seed's name, seeds/
 * fsynced after each. On a failure the old seed goes back under its name
 * and the partial folder is removed. */
static enum smug_status seed_replace(struct vfs *v, const char *name, const char *partial, bool seed,
				     const char *aside, struct smug_error *err)
{
	enum smug_status st = SMUG_OK;

	if (seed && (skip(v, "rename", name) || renameat(v->seeds, name, v->seeds, aside) != 0)) {
		st = smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: cannot move the old seed aside (%s)", v->shown, name,
				    strerror(errno));
		remove_folder(v, partial, NULL);
		return st;
	}
	if ((seed && (st = sync_fd(v, v->seeds, "seeds", err)) != SMUG_OK) ||
	    ((skip(v, "rename", partial) || renameat(v->seeds, partial, v->seeds, name) != 0) &&
	     (st = smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: cannot put the new seed in place (%s)", v->shown,
				  name, strerror(errno))) != SMUG_OK)) {
		/* the previous seed back under its name (load would find it
		 * as the newest generation anyway), the partial away */
		if (seed && !skip(v, "rename", aside))
			renameat(v->seeds, aside, v->seeds, name);
		remove_folder(v, partial, NULL);
		return st;
	}
	return sync_fd(v, v->seeds, "seeds", err);
}

/* Step 6: the new seed is in place, so earlier generations may go: the
 * old seed set aside, then the older ones, newest first. A failure
 * leaves a harmless generation the next save removes. */
static void generations_remove(struct vfs *v, const char *name, const struct family *fam, const char *aside)
{
	char gen[SMUG_SEED_NAME_MAX + 32];

	if (fam->seed)
		remove_folder(v, aside, NULL);
	for (int i = fam->n_gens - 1; i >= 0; i--) {
		gen_name(gen, sizeof gen, name, fam->gens[i]);
		remove_folder(v, gen, NULL);
	}
}

/* The save protocol. At every instant a complete seed for the name is
 * what load finds: <name> when it exists, else the newest generation
 * .<name>.old.<n>. A seed folder only ever comes into being by renaming a
 * complete, fsynced partial folder, and a generation only by renaming a
 * seed folder, so both are complete when they appear; a generation is
 * removed only while <name> exists, and its manifest goes first.
 *   1. refuse if any entry of the name's family is a link or holds
 *      anything but regular files (nothing changed yet);
 *   2. remove a stale .<name>.partial left by an interrupted save;
 *   3. write .<name>.partial: every file, manifest last, fsync each and
 *      the folder;
 *   4. if <name> exists, rename it to .<name>.old.<newest + 1>; fsync;
 *   5. rename .<name>.partial to <name>; fsync seeds/;
 *   6. remove every generation (a failure here leaves a harmless one
 *      that the next save removes).
 * Saves of one vault are serialised by an exclusive lock on seeds/. */
enum smug_status vault_save_ex(const struct smug_world *w, const char *root, const char *name,
			       const struct vault_faults *faults, struct smug_error *err)
{
	char partial[SMUG_SEED_NAME_MAX + 16], aside[SMUG_SEED_NAME_MAX + 32];
	struct vfs v = {.faults = faults};
	struct family fam = {0};
	enum smug_status st;

	if (!smug_seed_name_valid(name))
		return smug_error_set(err, SMUG_ERR_ARG,
				      "'%s': not a valid seed name (1-%d of A-Z a-z 0-9 . _ -, no leading dot, no '..')",
				      name, SMUG_SEED_NAME_MAX - 1);
	if ((st = seeds_open(&v, root, true, err)) != SMUG_OK)
		return st;
	if (skip(&v, "lock", "seeds") || flock(v.seeds, LOCK_EX) != 0) {
		st = smug_error_set(err, SMUG_ERR_WRITE, "%s: cannot lock (%s)", v.shown, strerror(errno));
		goto out;
	}
	if ((st = family_scan(&v, name, &fam, SMUG_ERR_WRITE, err)) != SMUG_OK)
		goto out;
	snprintf(partial, sizeof partial, ".%s.partial", name);
	if ((st = family_check(&v, name, partial, &fam, err)) != SMUG_OK)
		goto out;
	if (fam.partial && (st = remove_folder(&v, partial, err)) != SMUG_OK)
		goto out;
	if ((st = partial_write(&v, w, partial, err)) != SMUG_OK)
		goto out;
	gen_name(aside, sizeof aside, name, fam.n_gens ? fam.gens[fam.n_gens - 1] + 1 : 1);
	if ((st = seed_replace(&v, name, partial, fam.seed, aside, err)) != SMUG_OK)
		goto out;
	generations_remove(&v, name, &fam, aside);
	if (v.stopped)
		st = smug_error_set(err, SMUG_ERR_WRITE, "%s/%s: save stopped (simulated crash)", v.shown, name);
out:
	free(fam.gens);
	vclose(v.seeds); /* releases the lock */
	return st;
}

enum smug_status smug_vault_save(const struct smug_world *w, const char *root, const char *name,
				 struct smug_error *err)
{
	return vault_save_ex(w, root, name, NULL, err);
}

/* ---- loading ---- */

/* The journal of a loaded seed: it must belong to the same scenario and
 * end on the snapshot's day. */
static enum smug_status vault_attach_journal(struct smug_world *w, const char *path, const char *text,
					     size_t len, bool edited, struct smug_error *err)
{
	struct smug_journal_file f = {0};
	enum smug_status st = smug_journal_parse(text, len, path, &f, err);

	if (st != SMUG_OK)
		return st;
	if (edited)
		; /* replay judges an edited journal by replaying it */
	else if (f.scenario_hash != w->scenario_hash || strcmp(f.scenario_id, w->scenario_id) != 0)
		st = smug_error_set(err, SMUG_ERR_SCHEMA, "%s: scenario: %s is not the snapshot's %s", path,
				    f.scenario_id, w->scenario_id);
	else if (f.j.n_checks == 0 || f.j.checks[f.j.n_checks - 1].day != w->day)
		st = smug_error_set(err, SMUG_ERR_SCHEMA, "%s: the journal does not end on day %d", path, w->day);
	if (st == SMUG_OK) {
		journal_done(&w->journal);
		w->journal = f.j;
		journal_init(&f.j);
	}
	smug_journal_file_done(&f);
	return st;
}

struct manifest {
	char scenario_id[SMUG_ID_MAX];
	uint64_t scenario_hash, seed, digest;
	int day;
	char file_hash[N_SEED_FILES][17];
};

static const char *manifest_str(const cJSON *m, const char *key)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(m, key);

	return cJSON_IsString(j) ? j->valuestring : NULL;
}

static bool is_hex16(const char *s)
{
	if (s == NULL || strlen(s) != 16)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

/* A whole number in [0, max] at key, or a message. */
static bool manifest_whole(const cJSON *m, const char *key, double max, double *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(m, key);

	if (!cJSON_IsNumber(j) || !(j->valuedouble >= 0 && j->valuedouble <= max) ||
	    j->valuedouble != (double)(int64_t)j->valuedouble)
		return false;
	*out = j->valuedouble;
	return true;
}

/* Check the manifest's fields: their presence, types and forms. */
static enum smug_status manifest_read(const cJSON *m, const char *shown, struct manifest *mf, struct smug_error *err)
{
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(m, "files");
	const char *s;
	char a[32];
	double d;

	if (!cJSON_IsObject(m))
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: expected an object", shown);
	if ((s = manifest_str(m, "format")) == NULL || strcmp(s, VAULT_FORMAT) != 0)
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: format: expected \"%s\"", shown, VAULT_FORMAT);
	if (!manifest_whole(m, "version_major", 1e9, &d))
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: version_major: expected a whole number", shown);
	if (d != VAULT_MAJOR)
		return smug_error_set(err, SMUG_ERR_VERSION,
				      "%s: version_major: seed format %s is not supported (this program reads %d)", shown,
				      num_text(d, a, sizeof a), VAULT_MAJOR);
	if (!manifest_whole(m, "version_minor", 1e9, &d))
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: version_minor: expected a whole number", shown);
	if ((s = manifest_str(m, "scenario_id")) == NULL || strlen(s) >= sizeof mf->scenario_id)
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: scenario_id: expected a string of at most %d bytes",
				      shown, SMUG_ID_MAX - 1);
	str_copy(mf->scenario_id, sizeof mf->scenario_id, s);
	if (!is_hex16(s = manifest_str(m, "scenario_hash")))
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: scenario_hash: expected 16 hexadecimal digits", shown);
	mf->scenario_hash = strtoull(s, NULL, 16);
	if (!manifest_whole(m, "seed", 9007199254740991.0, &d))
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: seed: expected a whole number in [0,9007199254740991]",
				      shown);
	mf->seed = (uint64_t)d;
	if (!manifest_whole(m, "day", 1e9, &d))
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: day: expected a whole number in [0,1000000000]", shown);
	mf->day = (int)d;
	if ((s = manifest_str(m, "program")) == NULL || strcmp(s, "smugnet") != 0)
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: program: expected \"smugnet\"", shown);
	if (manifest_str(m, "program_version") == NULL)
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: program_version: expected a string", shown);
	if (!is_hex16(s = manifest_str(m, "digest")))
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: digest: expected 16 hexadecimal digits", shown);
	mf->digest = strtoull(s, NULL, 16);
	if (!cJSON_IsObject(files))
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: files: expected an object", shown);
	for (int i = 0; i < N_SEED_FILES; i++) {
		if (!is_hex16(s = manifest_str(files, seed_files[i])))
			return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: files.%s: expected 16 hexadecimal digits", shown,
					      seed_files[i]);
		str_copy(mf->file_hash[i], sizeof mf->file_hash[i], s);
	}
	return SMUG_OK;
}

/* Read and check manifest.json of the seed folder dirfd. */
static enum smug_status manifest_load(int dirfd, const char *dir, struct manifest *mf, struct smug_error *err)
{
	char shown[PATHBUF + 32], *text;
	size_t len;
	cJSON *m = NULL;
	enum smug_status st;

	snprintf(shown, sizeof shown, "%s/manifest.json", dir);
	if ((st = file_read_at(dirfd, "manifest.json", shown, FILE_NOFOLLOW, &text, &len, err)) != SMUG_OK)
		return st;
	st = json_parse(text, len, shown, &m, err);
	free(text);
	if (st != SMUG_OK)
		return st;
	st = manifest_read(m, shown, mf, err);
	cJSON_Delete(m);
	return st;
}

/* The manifest describes the state it was saved with. */
static enum smug_status manifest_agrees(const struct manifest *mf, const struct smug_world *w, const char *dir,
					struct smug_error *err)
{
	char a[17], b[17];

	if (mf->day != w->day)
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s/manifest.json: day: %d, but the snapshot is at day %d",
				      dir, mf->day, w->day);
	if (mf->seed != w->seed)
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s/manifest.json: seed: %llu, but the snapshot's is %llu",
				      dir, (unsigned long long)mf->seed, (unsigned long long)w->seed);
	if (strcmp(mf->scenario_id, w->scenario_id) != 0)
		return smug_error_set(err, SMUG_ERR_SCHEMA,
				      "%s/manifest.json: scenario_id: \"%s\", but the snapshot's is \"%s\"", dir,
				      mf->scenario_id, w->scenario_id);
	hex64(mf->scenario_hash, a);
	hex64(w->scenario_hash, b);
	if (mf->scenario_hash != w->scenario_hash)
		return smug_error_set(err, SMUG_ERR_SCHEMA,
				      "%s/manifest.json: scenario_hash: %s, but the snapshot's is %s", dir, a, b);
	return SMUG_OK;
}

/* Load the seed folder dirfd (shown as dir): manifest, every file's hash,
 * the snapshot, the world's invariants, the journal, the manifest's
 * agreement, the digest. With `tolerate`, a journal whose hash is not the
 * manifest's is still read and *edited says so (replay judges it). */
static enum smug_status load_seed_at(int dirfd, const char *dir, bool tolerate, bool *edited,
				     struct smug_world **out, struct smug_error *err)
{
	struct manifest mf;
	char path[PATHBUF + 64], hex[17];
	char *body_of[N_SEED_FILES] = {NULL};
	size_t len_of[N_SEED_FILES] = {0};
	struct smug_world *w = NULL;
	enum smug_status st;

	*edited = false;
	if ((st = manifest_load(dirfd, dir, &mf, err)) != SMUG_OK)
		return st;
	/* every listed file must be there with the listed hash; only then
	 * is the snapshot parsed */
	for (int i = 0; i < N_SEED_FILES; i++) {
		char *body;
		size_t len;

		snprintf(path, sizeof path, "%s/%s", dir, seed_files[i]);
		if ((st = file_read_at(dirfd, seed_files[i], path, FILE_NOFOLLOW, &body, &len, err)) != SMUG_OK)
			goto out;
		hex64(hash_bytes(body, len), hex);
		if (strcmp(hex, mf.file_hash[i]) != 0 && tolerate && i == FILE_JOURNAL) {
			*edited = true;
		} else if (strcmp(hex, mf.file_hash[i]) != 0) {
			free(body);
			st = smug_error_set(err, SMUG_ERR_HASH, "%s: hash mismatch (manifest says %s, file is %s)", path,
					    mf.file_hash[i], hex);
			goto out;
		}
		if (i == FILE_SNAPSHOT || i == FILE_JOURNAL || i == FILE_SCENARIO) {
			body_of[i] = body;
			len_of[i] = len;
		} else {
			free(body);
		}
	}
	snprintf(path, sizeof path, "%s/snapshot.json", dir);
	if ((st = snapshot_from_json(body_of[FILE_SNAPSHOT], len_of[FILE_SNAPSHOT], path, &w, err)) != SMUG_OK ||
	    (st = smug_world_check(w, path, err)) != SMUG_OK || (st = manifest_agrees(&mf, w, dir, err)) != SMUG_OK)
		goto out;
	snprintf(path, sizeof path, "%s/journal.jsonl", dir);
	if ((st = vault_attach_journal(w, path, body_of[FILE_JOURNAL], len_of[FILE_JOURNAL], *edited, err)) !=
	    SMUG_OK)
		goto out;
	world_set_scenario_text(w, body_of[FILE_SCENARIO], len_of[FILE_SCENARIO]);
	if (smug_world_digest(w) != mf.digest) {
		char want[17];

		hex64(smug_world_digest(w), hex);
		hex64(mf.digest, want);
		st = smug_error_set(err, SMUG_ERR_HASH, "%s/manifest.json: digest: the restored state is %s, the manifest says %s",
				    dir, hex, want);
		goto out;
	}
	*out = w;
	w = NULL;
out:
	for (int i = 0; i < N_SEED_FILES; i++)
		free(body_of[i]);
	smug_world_free(w);
	return st;
}

/* A seed folder by path; with tolerate, a journal edited after the save
 * is still read (*edited says so). */
static enum smug_status load_dir(const char *dir, bool tolerate, bool *edited, struct smug_world **out,
				 struct smug_error *err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	enum smug_status st;
	struct stat sb;
	char shown[PATHBUF];

	*edited = false;
	if (fd < 0)
		return smug_error_set(err, errno == ENOENT ? SMUG_ERR_NOT_FOUND : SMUG_ERR_IO, "%s: cannot open (%s)",
				      dir, strerror(errno));
	if (fstatat(fd, "manifest.json", &sb, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT) {
		close(fd);
		return smug_error_set(err, SMUG_ERR_NOT_FOUND,
				      "%s: not a seed folder (it has no manifest.json; smugnet-seed(5))", dir);
	}
	/* the seed's files named under dir without its trailing slashes */
	snprintf(shown, sizeof shown, "%.*s", dir_shown_len(dir), dir);
	st = load_seed_at(fd, shown[0] != '\0' ? shown : dir, tolerate, edited, out, err);
	close(fd);
	return st;
}

enum smug_status smug_vault_load_dir(const char *dir, struct smug_world **out, struct smug_error *err)
{
	bool edited;

	return load_dir(dir, false, &edited, out, err);
}

enum smug_status smug_vault_load_dir_replay(const char *dir, struct smug_world **out, bool *journal_edited,
					    struct smug_error *err)
{
	return load_dir(dir, true, journal_edited, out, err);
}

/* Which entry of seeds/ holds the seed called name: the seed folder when
 * it exists, else the newest generation whose manifest is there. Fills
 * entry and *gen (0 for the seed folder, n for .<name>.old.<n>, -1 for
 * the old ".<name>.old"). */
static enum smug_status seed_locate(struct vfs *v, const char *name, char *entry, size_t size, long long *gen,
				    struct smug_error *err)
{
	struct family fam;
	struct stat sb;
	enum smug_status st;

	*gen = 0;
	str_copy(entry, size, name);
	if (fstatat(v->seeds, name, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISLNK(sb.st_mode))
			return smug_error_set(err, SMUG_ERR_IO, "%s/%s: is a symbolic link (the vault never follows links)",
					      v->shown, name);
		if (!S_ISDIR(sb.st_mode))
			return smug_error_set(err, SMUG_ERR_IO, "%s/%s: not a seed folder (%s)", v->shown, name,
					      file_kind_name(sb.st_mode));
		return SMUG_OK;
	}
	if (errno != ENOENT)
		return smug_error_set(err, SMUG_ERR_IO, "%s/%s: cannot inspect (%s)", v->shown, name, strerror(errno));
	if ((st = family_scan(v, name, &fam, SMUG_ERR_IO, err)) != SMUG_OK)
		return st;
	st = smug_error_set(err, SMUG_ERR_NOT_FOUND, "%s/%s: no such seed", v->shown, name);
	for (int i = fam.n_gens - 1; i >= 0; i--) {
		char g[SMUG_SEED_NAME_MAX + 32];
		int fd;

		gen_name(g, sizeof g, name, fam.gens[i]);
		fd = open_dir_at(v->seeds, g);
		if (fd < 0)
			continue;
		if (fstatat(fd, "manifest.json", &sb, AT_SYMLINK_NOFOLLOW) == 0) {
			str_copy(entry, size, g);
			*gen = fam.gens[i] ? fam.gens[i] : -1;
			st = SMUG_OK;
			i = 0;
		}
		close(fd);
	}
	free(fam.gens);
	return st;
}

/* Open the folder seeds/<entry> without following a link; shown gets
 * its path for messages. */
static enum smug_status seed_open_at(struct vfs *v, const char *entry, int *fd, char *shown, size_t size,
				     struct smug_error *err)
{
	snprintf(shown, size, "%s/%s", v->shown, entry);
	*fd = open_dir_at(v->seeds, entry);
	if (*fd >= 0)
		return SMUG_OK;
	if (errno == ELOOP)
		return smug_error_set(err, SMUG_ERR_IO, "%s: is a symbolic link (the vault never follows links)", shown);
	return smug_error_set(err, errno == ENOENT ? SMUG_ERR_NOT_FOUND : SMUG_ERR_IO, "%s: cannot open (%s)", shown,
			      strerror(errno));
}

/* Open the vault's seeds/ locked for reading (no save removes files while
 * it is open) and locate the seed called name in it; v->seeds is the
 * caller's to close, also on failure (-1 when it was not opened). */
static enum smug_status vault_locate(struct vfs *v, const char *root, const char *name, char *entry, size_t size,
				     long long *gen, struct smug_error *err)
{
	enum smug_status st;

	*gen = 0;
	v->seeds = -1;
	if (!smug_seed_name_valid(name))
		return smug_error_set(err, SMUG_ERR_ARG, "'%s': not a valid seed name", name);
	if ((st = seeds_open(v, root, false, err)) != SMUG_OK) {
		if (st == SMUG_ERR_NOT_FOUND)
			smug_error_set(err, st, "%.*s/seeds/%s: no such seed", dir_shown_len(root), root, name);
		return st;
	}
	flock(v->seeds, LOCK_SH);
	return seed_locate(v, name, entry, size, gen, err);
}

enum smug_status smug_vault_locate(const char *root, const char *name, long long *generation,
				   struct smug_error *err)
{
	struct vfs v = {0};
	char entry[SMUG_SEED_NAME_MAX + 32];
	long long gen;
	enum smug_status st = vault_locate(&v, root, name, entry, sizeof entry, &gen, err);

	vclose(v.seeds);
	if (generation != NULL)
		*generation = gen;
	return st;
}

/* Load the seed called name from the vault (its folder, or the newest
 * complete generation an interrupted save left). */
static enum smug_status vault_load(const char *root, const char *name, bool tolerate, bool *edited,
				   struct smug_world **out, struct smug_error *err)
{
	struct vfs v = {0};
	char entry[SMUG_SEED_NAME_MAX + 32], shown[PATHBUF + SMUG_SEED_NAME_MAX + 32];
	enum smug_status st;
	long long gen;
	int fd;

	*edited = false;
	if ((st = vault_locate(&v, root, name, entry, sizeof entry, &gen, err)) == SMUG_OK &&
	    (st = seed_open_at(&v, entry, &fd, shown, sizeof shown, err)) == SMUG_OK) {
		st = load_seed_at(fd, shown, tolerate, edited, out, err);
		close(fd);
	}
	vclose(v.seeds);
	return st;
}

enum smug_status smug_vault_load(const char *root, const char *name, struct smug_world **out,
				 struct smug_error *err)
{
	bool edited;

	return vault_load(root, name, false, &edited, out, err);
}

enum smug_status smug_vault_load_replay(const char *root, const char *name, struct smug_world **out,
					bool *journal_edited, struct smug_error *err)
{
	return vault_load(root, name, true, journal_edited, out, err);
}

static int cmp_info(const void *a, const void *b)
{
	return strcmp(((const struct smug_seed_info *)a)->name, ((const struct smug_seed_info *)b)->name);
}

/* The seed name an entry of seeds/ stands for, or false. */
static bool entry_seed_name(const char *entry, char *name, size_t size)
{
	const char *end;

	if (smug_seed_name_valid(entry))
		return str_copy(name, size, entry);
	if (entry[0] != '.')
		return false;
	/* ".<name>.old" or ".<name>.old.<n>" */
	end = strstr(entry + 1, ".old");
	while (end) {
		size_t k = (size_t)(end - entry - 1);

		if (k > 0 && k < size) {
			memcpy(name, entry + 1, k);
			name[k] = '\0';
			if (smug_seed_name_valid(name) && gen_number(entry, name) >= 0)
				return true;
		}
		end = strstr(end + 1, ".old");
	}
	return false;
}

int smug_vault_list(const char *root, struct smug_seed_info **out, struct smug_error *err)
{
	struct vfs v = {0};
	struct smug_seed_info *info = NULL;
	char **names;
	int n_names, n = 0;
	enum smug_status st;

	*out = NULL;
	if ((st = seeds_open(&v, root, false, err)) != SMUG_OK) {
		if (st == SMUG_ERR_NOT_FOUND)
			return 0;
		return -1;
	}
	flock(v.seeds, LOCK_SH);
	if ((names = list_dir(v.seeds, &n_names)) == NULL) {
		smug_error_set(err, SMUG_ERR_IO, "%s: cannot list (%s)", v.shown, strerror(errno));
		close(v.seeds);
		return -1;
	}
	info = xcalloc((size_t)n_names, sizeof *info); /* n <= n_names */
	for (int i = 0; i < n_names; i++) {
		char name[SMUG_SEED_NAME_MAX], entry[SMUG_SEED_NAME_MAX + 32], shown[PATHBUF + SMUG_SEED_NAME_MAX + 32];
		struct smug_seed_info *s = &info[n];
		struct smug_error why = {0};
		struct manifest mf;
		bool dup = false;
		long long gen;
		int fd;

		if (!entry_seed_name(names[i], name, sizeof name))
			continue;
		for (int j = 0; j < n && !dup; j++)
			dup = strcmp(info[j].name, name) == 0;
		if (dup)
			continue;
		str_copy(s->name, sizeof s->name, name);
		s->day = -1;
		n++;
		st = seed_locate(&v, name, entry, sizeof entry, &gen, &why);
		if (st == SMUG_ERR_NOT_FOUND) {
			n--; /* only generations being removed: nothing to load, nothing to list */
			memset(s, 0, sizeof *s);
			continue;
		}
		if (st == SMUG_OK && (st = seed_open_at(&v, entry, &fd, shown, sizeof shown, &why)) == SMUG_OK) {
			st = manifest_load(fd, shown, &mf, &why);
			close(fd);
		}
		s->generation = gen;
		if (st != SMUG_OK) {
			str_copy(s->problem, sizeof s->problem, why.msg);
			continue;
		}
		str_copy(s->scenario_id, sizeof s->scenario_id, mf.scenario_id);
		s->day = mf.day;
		s->digest = mf.digest;
	}
	free_names(names, n_names);
	close(v.seeds);
	qsort(info, (size_t)n, sizeof *info, cmp_info);
	*out = info;
	return n;
}

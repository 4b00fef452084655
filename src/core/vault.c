/* The seed vault: <root>/seeds/<name>/ holds manifest.json, snapshot.json
 * (what loading restores from) and stable, diff-friendly exports
 * (smuggling.json, ledger_accounts.json, customs_borders.json). Saves are
 * atomic: files go into <root>/seeds/.<name>.partial, are fsynced, and the
 * folder is renamed into place; an existing seed is moved aside to
 * .<name>.old first and removed only after the new one is in place, and
 * loading falls back to .<name>.old if a crash left <name> missing.
 * Loading checks the format version, every file's hash and every field. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "snapshot.h"

#define VAULT_FORMAT "smugnet-seed"
#define VAULT_MAJOR 4 /* 3: one description of the state: snapshot members in canonical order, journal;
			 4: edge statistics per direction, buyer accounts, the ward economy */
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

/* smuggling.json: the spec's stable export (§11), sorted by faction id,
 * edge_stats sorted by corridor id and bounded by border_topk, "%.6f". */
static char *export_smuggling(const struct smug_world *w)
{
	struct buf b = {0};
	const struct smug_smuggling_config *c = &w->cfg.smuggling;
	bool first = true;

	buf_printf(&b, "{\n  \"schema\": \"smuggling_v1\",\n  \"day\": %d,\n", w->day);
	buf_printf(&b, "  \"config\": {\"enabled\": %s, \"max_active_factions\": %d, \"max_shipments_per_day\": %d, "
		       "\"commodity_topk\": %d, \"route_topk\": %d, \"border_topk\": %d, \"learning_rate\": %.6f, "
		       "\"deterministic_salt\": ",
		   c->enabled ? "true" : "false", c->max_active_factions, c->max_shipments_per_day,
		   c->commodity_topk, c->route_topk, c->border_topk, c->learning_rate);
	buf_str(&b, c->deterministic_salt);
	buf_printf(&b, "},\n  \"networks\": [");
	for (int f = 0; f < w->n_factions; f++) {
		const struct smug_faction *fa = &w->factions[f];
		const struct smug_network *n = &fa->net;
		bool fc = true;

		if (!fa->runs_network)
			continue;
		buf_printf(&b, "%s\n    {\"faction_id\": ", first ? "" : ",");
		buf_str(&b, fa->id);
		buf_printf(&b, ",\n     \"commodity_prefs\": {");
		for (int k = 0; k < SMUG_COMMODITY_COUNT; k++)
			if (n->commodity_prefs[k] > 0) {
				buf_printf(&b, "%s\"%s\": %.6f", fc ? "" : ", ", smug_commodity_name((enum smug_commodity)k),
					   n->commodity_prefs[k]);
				fc = false;
			}
		buf_printf(&b, "},\n     \"bribe_budget_fraction\": %.6f, \"last_run_day\": %d,\n",
			   n->bribe_budget_fraction, n->last_run_day);
		buf_printf(&b, "     \"shipments\": %lld, \"delivered\": %lld, \"seized\": %lld, \"lost\": %lld, "
			       "\"delayed\": %lld, \"in_transit\": %d, \"success_rate\": %.6f,\n     \"bribes_spent\": ",
			   (long long)n->shipments, (long long)n->delivered, (long long)n->seized,
			   (long long)n->lost, (long long)n->delayed, n->in_transit, smug_network_success_rate(n));
		buf_money(&b, n->bribes_spent);
		buf_printf(&b, ", \"tariffs_paid\": ");
		buf_money(&b, n->tariffs_paid);
		buf_printf(&b, ", \"purchases\": ");
		buf_money(&b, n->purchases);
		buf_printf(&b, ", \"sales\": ");
		buf_money(&b, n->sales);
		buf_printf(&b, ",\n     \"preferred_borders\": {");
		fc = true;
		for (int i = 0; i < n->n_edge_stats; i++) {
			int k = n->edge_stats[i].corridor;
			double pw = n->preferred_border_weight[i];

			/* both directions of a border are adjacent: one entry */
			if (i + 1 < n->n_edge_stats && n->edge_stats[i + 1].corridor == k)
				pw += n->preferred_border_weight[++i];
			if (w->corridors[k].border && pw > 0) {
				buf_printf(&b, "%s", fc ? "" : ", ");
				buf_str(&b, w->corridors[k].id);
				buf_printf(&b, ": %.6f", pw);
				fc = false;
			}
		}
		buf_printf(&b, "},\n     \"edge_stats\": [");
		for (int i = 0; i < n->n_edge_stats; i++) {
			const struct smug_edge_stats *e = &n->edge_stats[i];

			buf_printf(&b, "%s\n       {\"edge_id\": ", i ? "," : "");
			buf_str(&b, w->corridors[e->corridor].id);
			buf_printf(&b, ", \"from\": ");
			buf_str(&b, w->nodes[e->from_node].id);
			buf_printf(&b, ", \"border\": %s, \"risk_est\": %.6f, \"cost_est\": %.6f, \"last_update_day\": %d, \"uses\": %d}",
				   w->corridors[e->corridor].border ? "true" : "false", e->risk_est, e->cost_est,
				   e->last_update_day, e->uses);
		}
		buf_printf(&b, "%s],\n     \"recent_outcomes\": [", n->n_edge_stats ? "\n     " : "");
		for (int i = 0; i < n->recent_count; i++) {
			int k = (n->recent_head - n->recent_count + i + 2 * SMUG_RECENT_OUTCOMES) % SMUG_RECENT_OUTCOMES;
			const struct smug_recent_outcome *r = &n->recent[k];

			buf_printf(&b, "%s\n       {\"day\": %d, \"shipment\": %llu, \"commodity\": \"%s\", \"outcome\": \"%s\", \"at\": ",
				   i ? "," : "", r->day, (unsigned long long)r->shipment,
				   smug_commodity_name(r->commodity), smug_outcome_name(r->outcome));
			if (r->at_corridor >= 0)
				buf_str(&b, w->corridors[r->at_corridor].id);
			else
				buf_printf(&b, "null");
			buf_printf(&b, ", \"value\": ");
			buf_money(&b, r->value);
			buf_printf(&b, "}");
		}
		buf_printf(&b, "%s]}", n->recent_count ? "\n     " : "");
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

/* ---- files ---- */

static bool fault(const struct vault_faults *f, const char *step)
{
	return f && f->hook && f->hook(step, f->ctx) != 0;
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

static enum smug_status write_file(const char *dir, const char *name, const char *text,
				   const struct vault_faults *f, struct smug_error *err)
{
	char path[PATHBUF];
	size_t len = strlen(text), done = 0;
	int fd;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (fault(f, name))
		return smug_error_set(err, SMUG_ERR_WRITE, "%s: write failed (injected fault)", path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return smug_error_set(err, SMUG_ERR_WRITE, "%s: cannot create (%s)", path, strerror(errno));
	while (done < len) {
		ssize_t k = write(fd, text + done, len - done);

		if (k < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return smug_error_set(err, SMUG_ERR_WRITE, "%s: write failed (%s)", path, strerror(errno));
		}
		done += (size_t)k;
	}
	if (fsync(fd) != 0 || close(fd) != 0)
		return smug_error_set(err, SMUG_ERR_WRITE, "%s: cannot sync (%s)", path, strerror(errno));
	return SMUG_OK;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[PATHBUF];

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static char *read_file(const char *path, size_t *len, struct smug_error *err, const char *shown)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (f == NULL) {
		smug_error_set(err, errno == ENOENT ? SMUG_ERR_NOT_FOUND : SMUG_ERR_IO, "%s: cannot read (%s)",
			       shown, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		smug_error_set(err, SMUG_ERR_IO, "%s: cannot read (%s)", shown, strerror(errno));
		fclose(f);
		return NULL;
	}
	p = xmalloc((size_t)n + 1);
	if (fread(p, 1, (size_t)n, f) != (size_t)n) {
		smug_error_set(err, SMUG_ERR_IO, "%s: cannot read (%s)", shown, strerror(errno ? errno : EIO));
		fclose(f);
		free(p);
		return NULL;
	}
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

static void hex64(uint64_t v, char *out)
{
	snprintf(out, 17, "%016llx", (unsigned long long)v);
}

enum smug_status vault_save_ex(const struct smug_world *w, const char *root, const char *name,
			       const struct vault_faults *faults, struct smug_error *err)
{
	char seeds[PATHBUF], partial[PATHBUF + 80], final[PATHBUF + 80], old[PATHBUF + 80], hex[17];
	char *text[N_SEED_FILES], *manifest;
	cJSON *m, *files;
	enum smug_status st = SMUG_OK;
	struct stat sb;
	bool injected;

	if (!smug_seed_name_valid(name))
		return smug_error_set(err, SMUG_ERR_ARG,
				      "'%s': not a valid seed name (1-%d of A-Z a-z 0-9 . _ -, no leading dot, no '..')",
				      name, SMUG_SEED_NAME_MAX - 1);
	if (snprintf(seeds, sizeof seeds, "%s/seeds", root) >= (int)sizeof seeds)
		return smug_error_set(err, SMUG_ERR_WRITE, "%s: path too long", root);
	snprintf(partial, sizeof partial, "%s/.%s.partial", seeds, name);
	snprintf(final, sizeof final, "%s/%s", seeds, name);
	snprintf(old, sizeof old, "%s/.%s.old", seeds, name);
	if ((st = mkdir_p(seeds, err)) != SMUG_OK)
		return st;
	remove_tree(partial);
	if ((injected = fault(faults, "mkdir")) || mkdir(partial, 0755) != 0)
		return smug_error_set(err, SMUG_ERR_WRITE, "%s: cannot create folder (%s)", partial,
				      injected ? "injected fault" : strerror(errno));
	text[0] = snapshot_to_json(w);
	text[1] = export_smuggling(w);
	text[2] = export_ledger(w);
	text[3] = export_borders(w);
	text[FILE_JOURNAL] = smug_journal_to_jsonl(w);
	text[FILE_SCENARIO] = xstrdup(w->scenario_text ? w->scenario_text : "");
	m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "format", VAULT_FORMAT);
	cJSON_AddNumberToObject(m, "version_major", VAULT_MAJOR);
	cJSON_AddNumberToObject(m, "version_minor", VAULT_MINOR);
	cJSON_AddStringToObject(m, "scenario_id", w->scenario_id);
	hex64(w->scenario_hash, hex);
	cJSON_AddStringToObject(m, "scenario_hash", hex);
	cJSON_AddNumberToObject(m, "seed", (double)w->seed);
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
	manifest = cJSON_Print(m);
	cJSON_Delete(m);
	for (int i = 0; i < N_SEED_FILES && st == SMUG_OK; i++)
		st = write_file(partial, seed_files[i], text[i], faults, err);
	if (st == SMUG_OK)
		st = write_file(partial, "manifest.json", manifest, faults, err);
	for (int i = 0; i < N_SEED_FILES; i++)
		free(text[i]);
	free(manifest);
	if (st != SMUG_OK) {
		remove_tree(partial);
		return st;
	}
	sync_dir(partial);
	/* put it in place: the old seed stays until the new one is there */
	remove_tree(old);
	if (stat(final, &sb) == 0) {
		if ((injected = fault(faults, "rename-old")) || rename(final, old) != 0) {
			int e = errno;

			remove_tree(partial);
			return smug_error_set(err, SMUG_ERR_WRITE, "%s: cannot move the old seed aside (%s)", final,
					      injected ? "injected fault" : strerror(e));
		}
	}
	if ((injected = fault(faults, "rename-new")) || rename(partial, final) != 0) {
		int e = errno;

		rename(old, final); /* restore the previous seed */
		remove_tree(partial);
		return smug_error_set(err, SMUG_ERR_WRITE, "%s: cannot put the new seed in place (%s)", final,
				      injected ? "injected fault" : strerror(e));
	}
	sync_dir(seeds);
	if (!fault(faults, "remove-old"))
		remove_tree(old);
	return SMUG_OK;
}

enum smug_status smug_vault_save(const struct smug_world *w, const char *root, const char *name,
				 struct smug_error *err)
{
	return vault_save_ex(w, root, name, NULL, err);
}

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

static const char *manifest_str(const cJSON *m, const char *key)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(m, key);

	return cJSON_IsString(j) ? j->valuestring : NULL;
}

/* Load a seed folder; with `tolerate`, a journal whose hash is not the
 * manifest's is still read and *edited says so. */
static enum smug_status load_dir(const char *dir, bool tolerate, bool *edited, struct smug_world **out,
				 struct smug_error *err)
{
	char path[PATHBUF], shown[PATHBUF];
	char *text;
	size_t len;
	cJSON *m;
	const cJSON *j, *files;
	struct smug_world *w = NULL;
	enum smug_status st;
	const char *digest;
	char hex[17];
	char *body_of[N_SEED_FILES] = {NULL};
	size_t len_of[N_SEED_FILES] = {0};

	snprintf(path, sizeof path, "%s/manifest.json", dir);
	snprintf(shown, sizeof shown, "%s/manifest.json", dir);
	if ((text = read_file(path, &len, err, shown)) == NULL)
		return err ? err->status : SMUG_ERR_IO;
	m = cJSON_ParseWithLength(text, len);
	free(text);
	if (m == NULL)
		return smug_error_set(err, SMUG_ERR_PARSE, "%s: malformed JSON", shown);
	if (!manifest_str(m, "format") || strcmp(manifest_str(m, "format"), VAULT_FORMAT) != 0) {
		cJSON_Delete(m);
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: format: expected \"%s\"", shown, VAULT_FORMAT);
	}
	j = cJSON_GetObjectItemCaseSensitive(m, "version_major");
	if (!cJSON_IsNumber(j) || j->valuedouble != VAULT_MAJOR) {
		st = smug_error_set(err, SMUG_ERR_VERSION,
				    "%s: version_major: seed format %g is not supported (this program reads %d)",
				    shown, cJSON_IsNumber(j) ? j->valuedouble : -1.0, VAULT_MAJOR);
		cJSON_Delete(m);
		return st;
	}
	files = cJSON_GetObjectItemCaseSensitive(m, "files");
	digest = manifest_str(m, "digest");
	if (!cJSON_IsObject(files) || digest == NULL) {
		cJSON_Delete(m);
		return smug_error_set(err, SMUG_ERR_SCHEMA, "%s: files/digest: missing", shown);
	}
	/* every listed file must be there with the listed hash; only then
	 * is the snapshot parsed */
	for (int i = 0; i < N_SEED_FILES; i++) {
		const char *want = manifest_str(files, seed_files[i]);
		char *body;

		snprintf(path, sizeof path, "%s/%s", dir, seed_files[i]);
		if (want == NULL) {
			st = smug_error_set(err, SMUG_ERR_SCHEMA, "%s: files.%s: missing", shown, seed_files[i]);
			goto out;
		}
		if ((body = read_file(path, &len, err, path)) == NULL) {
			st = err ? err->status : SMUG_ERR_IO;
			goto out;
		}
		hex64(hash_bytes(body, len), hex);
		if (strcmp(hex, want) != 0 && tolerate && i == FILE_JOURNAL) {
			*edited = true;
		} else if (strcmp(hex, want) != 0) {
			free(body);
			st = smug_error_set(err, SMUG_ERR_HASH, "%s: hash mismatch (manifest says %s, file is %s)",
					    path, want, hex);
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
	st = snapshot_from_json(body_of[FILE_SNAPSHOT], len_of[FILE_SNAPSHOT], path, &w, err);
	if (st != SMUG_OK)
		goto out;
	snprintf(path, sizeof path, "%s/journal.jsonl", dir);
	if ((st = vault_attach_journal(w, path, body_of[FILE_JOURNAL], len_of[FILE_JOURNAL], tolerate && *edited,
				       err)) != SMUG_OK)
		goto out;
	world_set_scenario_text(w, body_of[FILE_SCENARIO], len_of[FILE_SCENARIO]);
	hex64(smug_world_digest(w), hex);
	if (strcmp(hex, digest) != 0) {
		st = smug_error_set(err, SMUG_ERR_HASH, "%s: digest: the restored state is %s, the manifest says %s",
				    shown, hex, digest);
		goto out;
	}
	*out = w;
	w = NULL;
out:
	for (int i = 0; i < N_SEED_FILES; i++)
		free(body_of[i]);
	smug_world_free(w);
	cJSON_Delete(m);
	return st;
}

enum smug_status smug_vault_load_dir(const char *dir, struct smug_world **out, struct smug_error *err)
{
	bool edited = false;

	return load_dir(dir, false, &edited, out, err);
}

/* <root>/seeds/<name>, or the .<name>.old a save interrupted between its
 * two renames leaves. */
static enum smug_status seed_dir(const char *root, const char *name, char *dir, size_t size,
				 struct smug_error *err)
{
	struct stat sb;

	if (!smug_seed_name_valid(name))
		return smug_error_set(err, SMUG_ERR_ARG, "'%s': not a valid seed name", name);
	snprintf(dir, size, "%s/seeds/%s", root, name);
	if (stat(dir, &sb) != 0) {
		snprintf(dir, size, "%s/seeds/.%s.old", root, name);
		if (stat(dir, &sb) != 0)
			return smug_error_set(err, SMUG_ERR_NOT_FOUND, "%s/seeds/%s: no such seed", root, name);
	}
	return SMUG_OK;
}

enum smug_status smug_vault_load_replay(const char *root, const char *name, struct smug_world **out,
					bool *journal_edited, struct smug_error *err)
{
	char dir[PATHBUF];
	enum smug_status st = seed_dir(root, name, dir, sizeof dir, err);

	*journal_edited = false;
	return st != SMUG_OK ? st : load_dir(dir, true, journal_edited, out, err);
}

enum smug_status smug_vault_load(const char *root, const char *name, struct smug_world **out,
				 struct smug_error *err)
{
	char dir[PATHBUF];
	enum smug_status st = seed_dir(root, name, dir, sizeof dir, err);

	return st != SMUG_OK ? st : smug_vault_load_dir(dir, out, err);
}

static int cmp_info(const void *a, const void *b)
{
	return strcmp(((const struct smug_seed_info *)a)->name, ((const struct smug_seed_info *)b)->name);
}

int smug_vault_list(const char *root, struct smug_seed_info **out, struct smug_error *err)
{
	char seeds[PATHBUF], path[PATHBUF + 300];
	DIR *d;
	struct dirent *e;
	int n = 0, cap = 16;
	struct smug_seed_info *v;

	snprintf(seeds, sizeof seeds, "%s/seeds", root);
	d = opendir(seeds);
	if (d == NULL) {
		*out = NULL;
		if (errno == ENOENT)
			return 0;
		smug_error_set(err, SMUG_ERR_IO, "%s: cannot list (%s)", seeds, strerror(errno));
		return -1;
	}
	v = xcalloc((size_t)cap, sizeof *v);
	while ((e = readdir(d)) != NULL) {
		char *text;
		size_t len;
		cJSON *m;
		const cJSON *j;
		struct smug_error ignore;

		if (!smug_seed_name_valid(e->d_name))
			continue;
		snprintf(path, sizeof path, "%s/%s/manifest.json", seeds, e->d_name);
		if ((text = read_file(path, &len, &ignore, path)) == NULL)
			continue;
		m = cJSON_ParseWithLength(text, len);
		free(text);
		if (m == NULL)
			continue;
		if (n == cap)
			v = xrealloc(v, sizeof *v * (size_t)(cap *= 2));
		memset(&v[n], 0, sizeof v[n]);
		str_copy(v[n].name, sizeof v[n].name, e->d_name);
		if (manifest_str(m, "scenario_id"))
			str_copy(v[n].scenario_id, sizeof v[n].scenario_id, manifest_str(m, "scenario_id"));
		j = cJSON_GetObjectItemCaseSensitive(m, "day");
		v[n].day = cJSON_IsNumber(j) ? (int)j->valuedouble : -1;
		if (manifest_str(m, "digest"))
			v[n].digest = strtoull(manifest_str(m, "digest"), NULL, 16);
		cJSON_Delete(m);
		n++;
	}
	closedir(d);
	qsort(v, (size_t)n, sizeof *v, cmp_info);
	*out = v;
	return n;
}

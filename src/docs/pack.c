/* pack.c: a meeting's reports pack: its inputs, front sheet, build and
 * thread (see pack.h). */
#include "docs/pack.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "db/public.h"
#include "docs/office.h"
#include "docs/pdfgen.h"
#include "docs/pdfpack.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/child.h"
#include "util/date.h"
#include "util/worker.h"
#include "util/banned.h"

/* --- inputs ------------------------------------------------------------------ */

static const char *keep(struct pool *p, const char *s)
{
	return s ? pool_strndup(p, s, strlen(s)) : NULL;
}

/* An item's documents that go in the pack (not its minutes or background
 * papers). */
static int in_pack_role(const char *role)
{
	return role && (!strcmp(role, "report") || !strcmp(role, "appendix") || !strcmp(role, "supplement"));
}

static int grow(void **v, size_t *alloc, size_t n, size_t size)
{
	if (n < *alloc)
		return 0;
	size_t a = *alloc ? *alloc * 2 : 16;
	void *nv = realloc(*v, a * size);
	if (!nv)
		return -1;
	*v = nv;
	*alloc = a;
	return 0;
}

static void ser(struct buf *b, const char *s)
{
	buf_printf(b, "%zu:%s;", s ? strlen(s) : (size_t)0, s ? s : "");
}

static void ser_int(struct buf *b, int64_t v)
{
	buf_printf(b, "%" PRId64 ";", v);
}

/* "Cabinet" and "2019-02-04 10:00" -> "cabinet-2019-02-04-reports-pack.pdf" */
static const char *pack_filename(struct pool *p, const char *committee, const char *start_at)
{
	struct buf b = BUF_INIT;
	int dash = 1;

	for (const char *s = committee ? committee : "meeting"; *s; s++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			buf_putc(&b, c);
			dash = 0;
		} else if (!dash) {
			buf_putc(&b, '-');
			dash = 1;
		}
		if (b.len > 60)
			break;
	}
	if (!dash)
		buf_putc(&b, '-');
	buf_printf(&b, "%.10s-reports-pack.pdf", start_at ? start_at : "");
	return pool_keep(p, &b);
}

int pack_read(struct db *db, int64_t meeting_id, const char *base_url, struct pack_input *in)
{
	struct meeting_row m;
	struct body_row body;
	struct cursor c;
	struct item_row it;
	struct file_row f;
	struct member_row mr;
	struct buf h = BUF_INIT, venue = BUF_INIT;
	size_t ialloc = 0, dalloc = 0, malloc_ = 0;
	int64_t *item_ids = NULL;
	int rc, r;

	memset(in, 0, sizeof(*in));
	in->meeting_id = meeting_id;
	in->base_url = keep(&in->pool, base_url ? base_url : "");
	rc = pub_meeting(db, meeting_id, &m);
	if (rc <= 0)
		goto out;
	if (!m.agenda_status || strcmp(m.agenda_status, "published") != 0) {
		rc = 0;
		goto out;
	}
	rc = -1;
	in->committee = keep(&in->pool, m.organization_name ? m.organization_name : m.name);
	in->start_at = keep(&in->pool, m.start_at);
	in->end_at = keep(&in->pool, m.end_at);
	in->published_at = keep(&in->pool, m.agenda_published_at);
	{
		const char *parts[] = { m.location_name, m.location_room, m.location_street, m.location_locality,
					m.location_postcode };
		for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
			if (parts[i] && *parts[i] && !(venue.len && strstr(venue.data, parts[i])))
				buf_printf(&venue, "%s%s", venue.len ? ", " : "", parts[i]);
		in->venue = venue.len ? pool_keep(&in->pool, &venue) : NULL;
	}
	{
		int64_t org = m.organization_id;
		char day[11];
		snprintf(day, sizeof(day), "%.10s", m.start_at ? m.start_at : "");
		if (pub_body(db, &body) > 0) {
			in->body = keep(&in->pool, body.name);
			in->body_email = keep(&in->pool, body.email);
			in->body_phone = keep(&in->pool, body.phone);
			in->body_address = keep(&in->pool, body.address);
			in->body_website = keep(&in->pool, body.website);
		}
		if (pub_org_members_on(db, org, day, &c) < 0)
			goto out;
		while (cursor_next_member(&c, &mr)) {
			const char *label = !mr.role ? "" : !strcmp(mr.role, "chair") ? " (Chair)" :
				!strcmp(mr.role, "vice_chair") ? " (Vice-Chair)" : !strcmp(mr.role, "co_opted") ?
				" (Co-opted Member)" : "";
			if (grow((void **)&in->members, &malloc_, in->nmembers, sizeof(*in->members)) < 0)
				goto out;
			in->members[in->nmembers++] = pool_printf(&in->pool, "%s%s%s%s%s", mr.person_name, label,
				mr.party && *mr.party ? " (" : "", mr.party && *mr.party ? mr.party : "",
				mr.party && *mr.party ? ")" : "");
		}
		if (c.err)
			goto out;
	}
	if (pub_items_of_meeting(db, meeting_id, &c) < 0)
		goto out;
	while (cursor_next_item(&c, &it)) {
		if (grow((void **)&in->items, &ialloc, in->nitems, sizeof(*in->items)) < 0)
			goto out;
		{
			size_t a = ialloc;
			int64_t *ni = realloc(item_ids, a * sizeof(*item_ids));
			if (!ni)
				goto out;
			item_ids = ni;
		}
		item_ids[in->nitems] = it.id;
		in->items[in->nitems++] = (struct pack_item){
			.number = keep(&in->pool, it.number), .title = keep(&in->pool, it.title),
			.exempt = it.exempt, .exempt_paragraph = it.exempt_paragraph,
		};
	}
	if (c.err)
		goto out;
	/* The items' documents, in item order; a file once, where it first comes. */
	if (pub_files_of_meeting_items(db, meeting_id, &c) < 0)
		goto out;
	while (cursor_next_file(&c, &f)) {
		size_t k;
		int dup = 0;
		if (!in_pack_role(f.role))
			continue;
		for (size_t j = 0; j < in->ndocs; j++)
			if (in->docs[j].id == f.id)
				dup = 1;
		for (k = 0; k < in->nitems && item_ids[k] != f.agenda_item_id; k++)
			;
		if (dup || k == in->nitems || in->items[k].exempt)
			continue;
		if (grow((void **)&in->docs, &dalloc, in->ndocs, sizeof(*in->docs)) < 0)
			goto out;
		in->docs[in->ndocs++] = (struct pack_doc){
			.id = f.id, .item_id = f.agenda_item_id, .title = keep(&in->pool, f.title),
			.filename = keep(&in->pool, f.filename), .mime_type = keep(&in->pool, f.mime_type),
			.sha256 = keep(&in->pool, f.sha256), .role = keep(&in->pool, f.role), .size = f.size,
			.page_count = f.page_count,
		};
	}
	if (c.err)
		goto out;
	/* Group by item (the query is in item order; keep it whatever it is). */
	for (size_t k = 0, at = 0; k < in->nitems; k++) {
		in->items[k].doc0 = at;
		for (size_t j = at; j < in->ndocs; j++) {
			if (in->docs[j].item_id != item_ids[k])
				continue;
			struct pack_doc t = in->docs[j];
			memmove(in->docs + at + 1, in->docs + at, (j - at) * sizeof(*in->docs));
			in->docs[at++] = t;
		}
		in->items[k].ndocs = at - in->items[k].doc0;
	}
	/* The meeting's own documents (front sheet, agenda pack, minutes,
	 * supplements) are not in the pack: the pack's front sheet replaces
	 * them, and a supplement belongs to an item. */
	in->filename = pack_filename(&in->pool, in->committee, in->start_at);

	/* The hash: every input, each with its length, and what the build
	 * depends on besides (the format, the site's address in the links,
	 * whether office documents can be converted). */
	buf_printf(&h, "witan-pack;%d;%d;", PACK_FORMAT, office_available());
	ser(&h, in->base_url);
	ser_int(&h, meeting_id);
	ser(&h, in->body);
	ser(&h, in->body_email);
	ser(&h, in->body_phone);
	ser(&h, in->body_address);
	ser(&h, in->body_website);
	ser(&h, in->committee);
	ser(&h, in->start_at);
	ser(&h, in->end_at);
	ser(&h, in->venue);
	ser(&h, in->published_at);
	ser_int(&h, (int64_t)in->nmembers);
	for (size_t i = 0; i < in->nmembers; i++)
		ser(&h, in->members[i]);
	ser_int(&h, (int64_t)in->nitems);
	for (size_t i = 0; i < in->nitems; i++) {
		const struct pack_item *p = &in->items[i];
		ser(&h, p->number);
		ser(&h, p->title);
		ser_int(&h, p->exempt);
		ser_int(&h, p->exempt_paragraph);
		ser_int(&h, (int64_t)p->doc0);
		ser_int(&h, (int64_t)p->ndocs);
	}
	ser_int(&h, (int64_t)in->ndocs);
	for (size_t i = 0; i < in->ndocs; i++) {
		const struct pack_doc *d = &in->docs[i];
		ser_int(&h, d->id);
		ser_int(&h, d->item_id);
		ser(&h, d->title);
		ser(&h, d->filename);
		ser(&h, d->mime_type);
		ser(&h, d->sha256);
		ser(&h, d->role);
		ser_int(&h, d->page_count);
	}
	if (h.err || in->pool.oom)
		goto out;
	store_sha256_hex(h.data, h.len, in->hash);
	rc = 1;
out:
	r = rc;
	free(item_ids);
	buf_release(&h);
	buf_release(&venue);
	return r;
}

void pack_input_release(struct pack_input *in)
{
	pool_release(&in->pool);
	free(in->members);
	free(in->items);
	free(in->docs);
	memset(in, 0, sizeof(*in));
}

/* --- the packs directory ----------------------------------------------------- */

static int packs_dir(const struct store *st, struct buf *b)
{
	return store_subdir(st, "packs", b);
}

struct manifest {
	int64_t meeting_id;
	int pages;
	size_t nfiles;
	int64_t ids[512];
	char shas[512][65];
};

static int read_manifest(const char *path, struct manifest *m)
{
	FILE *fp = fopen(path, "r");
	char line[256];
	int ok = 0;

	memset(m, 0, sizeof(*m));
	if (!fp)
		return -1;
	while (fgets(line, sizeof(line), fp)) {
		long long v;
		int n;
		char sha[65];
		if (!strncmp(line, "witan-pack ", 11))
			ok = 1;
		else if (sscanf(line, "meeting %lld", &v) == 1)
			m->meeting_id = v;
		else if (sscanf(line, "pages %d", &n) == 1)
			m->pages = n;
		else if (sscanf(line, "file %lld %64s", &v, sha) == 2) {
			if (m->nfiles >= sizeof(m->ids) / sizeof(m->ids[0])) {
				ok = 0;
				break;
			}
			m->ids[m->nfiles] = v;
			snprintf(m->shas[m->nfiles], 65, "%s", sha);
			m->nfiles++;
		}
	}
	fclose(fp);
	return ok ? 0 : -1;
}

static int is_hash(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == 64;
}

/* The hash of the meeting's latest pack (its pointer), into out; 0 or -1. */
static int read_pointer(const char *dir, int64_t meeting_id, char out[65])
{
	struct buf p = BUF_INIT;
	FILE *fp;
	int rc = -1;

	buf_printf(&p, "%s/meeting-%" PRId64, dir, meeting_id);
	if (!p.err && (fp = fopen(p.data, "r"))) {
		if (fgets(out, 65, fp) && is_hash(out))
			rc = 0;
		fclose(fp);
	}
	buf_release(&p);
	return rc;
}

/* Look at hash's pack in dir: 0 with pages, size (and fd), or -1. */
static int look(const char *dir, const char *hash, int want_fd, struct manifest *m, struct pack_found *f)
{
	struct buf p = BUF_INIT;
	struct stat sb;
	int rc = -1, fd = -1;

	buf_printf(&p, "%s/%s.txt", dir, hash);
	if (p.err || read_manifest(p.data, m) < 0)
		goto out;
	buf_reset(&p);
	buf_printf(&p, "%s/%s.pdf", dir, hash);
	if (p.err)
		goto out;
	if (want_fd) {
		fd = open(p.data, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &sb) < 0)
			goto out;
	} else if (stat(p.data, &sb) < 0) {
		goto out;
	}
	snprintf(f->hash, sizeof(f->hash), "%s", hash);
	f->pages = m->pages;
	f->size = sb.st_size;
	f->fd = fd;
	fd = -1;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	buf_release(&p);
	return rc;
}

int pack_find(const struct store *st, const struct pack_input *in, int want_fd, struct pack_found *f)
{
	struct buf dir = BUF_INIT;
	struct manifest *m = malloc(sizeof(*m));
	char prev[65];
	int rc = 0;

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	if (!m || packs_dir(st, &dir) < 0)
		goto out;
	if (look(dir.data, in->hash, want_fd, m, f) == 0) {
		rc = 1;
		goto out;
	}
	if (read_pointer(dir.data, in->meeting_id, prev) < 0 || look(dir.data, prev, want_fd, m, f) < 0)
		goto out;
	/* The previous version only if everything it includes is still public here. */
	for (size_t i = 0; i < m->nfiles; i++) {
		int still = 0;
		for (size_t j = 0; j < in->ndocs && !still; j++)
			still = in->docs[j].id == m->ids[i] && in->docs[j].sha256 &&
				strcmp(in->docs[j].sha256, m->shas[i]) == 0;
		if (!still) {
			if (f->fd >= 0)
				close(f->fd);
			memset(f, 0, sizeof(*f));
			f->fd = -1;
			goto out;
		}
	}
	f->stale = m->meeting_id == in->meeting_id;
	rc = f->stale;
	if (!rc && f->fd >= 0) {
		close(f->fd);
		f->fd = -1;
	}
out:
	free(m);
	buf_release(&dir);
	return rc;
}

/* --- the front sheet ------------------------------------------------------------ */

struct sheet {
	struct pdf_block *b;
	size_t n, alloc;
	struct pool *pool;
	int oom;
};

static void add(struct sheet *s, enum pdf_block_kind kind, const char *text)
{
	if (grow((void **)&s->b, &s->alloc, s->n, sizeof(*s->b)) < 0) {
		s->oom = 1;
		return;
	}
	s->b[s->n++] = (struct pdf_block){ .kind = kind, .text = text };
}

static const char *doc_url(struct pool *p, const struct pack_input *in, const struct pack_doc *d)
{
	return pool_printf(p, "%s/documents/%" PRId64 "/%s", in->base_url, d->id, d->filename);
}

/* Render the front sheet with the documents' first pages counted from
 * front_pages; 0 with *pages, or -1. */
static int render_front(const struct pack_input *in, int front_pages, struct buf *out, int *pages)
{
	struct pool p = POOL_INIT;
	struct sheet s = { .pool = &p };
	struct buf t = BUF_INIT;
	struct pdf_doc doc;
	char created[32] = "";
	int next = front_pages + 1, left_out = 0, rc = -1;

	/* Where each included document starts. */
	for (size_t i = 0; i < in->ndocs; i++) {
		struct pack_doc *d = &in->docs[i];
		d->first_page = 0;
		if (d->state == PACK_DOC_IN) {
			d->first_page = next;
			next += d->pages;
		} else {
			left_out++;
		}
	}
	if (in->body)
		add(&s, PDF_PARA, in->body);
	date_put_long(&t, in->start_at);
	if (in->start_at && strlen(in->start_at) >= 16) {
		buf_puts(&t, ", ");
		date_put_time(&t, in->start_at);
	}
	add(&s, PDF_HEADING, "Date and time");
	add(&s, PDF_PARA, pool_keep(&p, &t));
	add(&s, PDF_HEADING, "Venue");
	add(&s, PDF_PARA, in->venue ? in->venue : "To be confirmed");
	add(&s, PDF_HEADING, "Membership");
	if (!in->nmembers)
		add(&s, PDF_PARA, "No members are recorded for this date.");
	for (size_t i = 0; i < in->nmembers; i++)
		add(&s, PDF_BULLET, in->members[i]);
	add(&s, PDF_HEADING, "Contact");
	if (in->body_email && *in->body_email)
		add(&s, PDF_PARA, pool_printf(&p, "Email: %s", in->body_email));
	if (in->body_phone && *in->body_phone)
		add(&s, PDF_PARA, pool_printf(&p, "Telephone: %s", in->body_phone));
	if (in->body_address && *in->body_address)
		add(&s, PDF_PARA, in->body_address);
	add(&s, PDF_PARA, pool_printf(&p, "Web: %s/meetings/%" PRId64, in->base_url, in->meeting_id));
	add(&s, PDF_HEADING, "Agenda");
	if (!in->nitems)
		add(&s, PDF_PARA, "The agenda has no items.");
	for (size_t i = 0; i < in->nitems; i++) {
		const struct pack_item *it = &in->items[i];
		struct buf line = BUF_INIT;
		int first = 0;
		for (size_t j = it->doc0; j < it->doc0 + it->ndocs; j++)
			if (in->docs[j].state == PACK_DOC_IN && !first)
				first = in->docs[j].first_page;
		if (it->number && *it->number)
			buf_printf(&line, "%s. ", it->number);
		buf_puts(&line, it->title ? it->title : "");
		if (it->exempt) {
			if (it->exempt_paragraph > 0)
				buf_printf(&line, " (exempt: paragraph %d of Schedule 12A)", it->exempt_paragraph);
			else
				buf_puts(&line, " (exempt)");
		} else if (first) {
			buf_printf(&line, " \xe2\x80\x94 page %d", first);
		}
		add(&s, PDF_PARA, pool_keep(&p, &line));
		for (size_t j = it->doc0; j < it->doc0 + it->ndocs; j++) {
			const struct pack_doc *d = &in->docs[j];
			if (d->state == PACK_DOC_IN)
				add(&s, PDF_BULLET, pool_printf(&p, "%s \xe2\x80\x94 page %d", d->title, d->first_page));
			else
				add(&s, PDF_BULLET, pool_printf(&p, "%s \xe2\x80\x94 %s (see below)", d->title,
					d->state == PACK_DOC_BROKEN ? "could not be included" :
					"not included, download separately"));
		}
	}
	if (in->nother) {
		add(&s, PDF_PARA, "Supplementary papers");
		for (size_t j = in->ndocs - in->nother; j < in->ndocs; j++) {
			const struct pack_doc *d = &in->docs[j];
			if (d->state == PACK_DOC_IN)
				add(&s, PDF_BULLET, pool_printf(&p, "%s \xe2\x80\x94 page %d", d->title, d->first_page));
			else
				add(&s, PDF_BULLET, pool_printf(&p, "%s (see below)", d->title));
		}
	}
	if (left_out) {
		add(&s, PDF_HEADING, "Documents not in this pack");
		for (size_t i = 0; i < in->ndocs; i++) {
			const struct pack_doc *d = &in->docs[i];
			if (d->state == PACK_DOC_BROKEN)
				add(&s, PDF_BULLET, pool_printf(&p, "%s: could not be included (%s). Download it from %s",
					d->title, d->why ? d->why : "unreadable", doc_url(&p, in, d)));
			else if (d->state == PACK_DOC_SEPARATE)
				add(&s, PDF_BULLET, pool_printf(&p, "%s: not included, download separately from %s",
					d->title, doc_url(&p, in, d)));
		}
	}
	for (size_t i = 0; i < in->nitems; i++)
		if (in->items[i].exempt) {
			add(&s, PDF_PARA, "Exempt items are listed by title and paragraph of Schedule 12A to the "
				"Local Government Act 1972; their papers are not published.");
			break;
		}
	if (in->published_at && strlen(in->published_at) == 20 && in->published_at[19] == 'Z')
		snprintf(created, sizeof(created), "%s", in->published_at);
	buf_reset(&t);
	date_put_long(&t, in->start_at);
	doc = (struct pdf_doc){
		.title = in->committee,
		.subtitle = pool_printf(&p, "Agenda and reports pack: %s", t.data ? t.data : ""),
		.header = pool_printf(&p, "%s \xe2\x80\x94 %s", in->body ? in->body : "", in->committee),
		.blocks = s.b, .nblocks = s.n,
		.created = created[0] ? created : "2000-01-01T00:00:00Z",
		.no_footer = 1,   /* the pack stamps "Page n of N" on every page */
	};
	if (s.oom || p.oom || t.err)
		goto out;
	rc = pdf_render(&doc, out, pages);
out:
	free(s.b);
	buf_release(&t);
	pool_release(&p);
	return rc;
}

/* --- the build ------------------------------------------------------------------- */

static int write_file(const char *path, const void *data, size_t len)
{
	return store_write_file(path, data, len, 0644);
}

/* Decide what each document contributes: a readable PDF (converted from
 * an office document when LibreOffice is there), or why not. */
static void prepare_docs(const struct store *st, struct pack_input *in, const char *dir)
{
	for (size_t i = 0; i < in->ndocs; i++) {
		struct pack_doc *d = &in->docs[i];
		struct buf p = BUF_INIT;
		const char *why = NULL;
		int pages = 0;

		d->state = PACK_DOC_SEPARATE;
		d->path = NULL;
		d->why = NULL;
		d->pages = 0;
		if (d->mime_type && !strcmp(d->mime_type, "application/pdf")) {
			store_object_path(st, d->sha256, &p);
		} else if (office_convertible(d->mime_type) && office_available()) {
			struct buf src = BUF_INIT, tmp = BUF_INIT;
			char err[256];
			buf_printf(&p, "%s/office-%s.pdf", dir, d->sha256);
			store_object_path(st, d->sha256, &src);
			if (!p.err && access(p.data, R_OK) != 0 && store_subdir(st, "tmp", &tmp) == 0 &&
			    !src.err && office_convert(src.data, d->mime_type, tmp.data, p.data, err, sizeof(err)) < 0)
				fprintf(stderr, "witan: pack: %s: %s\n", d->filename, err);
			buf_release(&src);
			buf_release(&tmp);
			if (access(p.data ? p.data : "", R_OK) != 0) {
				buf_release(&p);
				continue;
			}
		} else {
			continue;
		}
		if (p.err) {
			buf_release(&p);
			continue;
		}
		if (pdf_pack_probe(p.data, &pages, &why) < 0 || pages <= 0) {
			d->state = PACK_DOC_BROKEN;
			d->why = why ? why : "the file is not a readable PDF";
		} else {
			d->state = PACK_DOC_IN;
			d->pages = pages;
			d->path = pool_keep(&in->pool, &p);
		}
		buf_release(&p);
	}
}

/* Put hash's pack in place as the meeting's latest; drop the one before. */
static void make_latest(const char *dir, const struct pack_input *in)
{
	struct buf p = BUF_INIT;
	char prev[65];
	int had = read_pointer(dir, in->meeting_id, prev) == 0 && strcmp(prev, in->hash) != 0;

	buf_printf(&p, "%s/meeting-%" PRId64, dir, in->meeting_id);
	if (p.err || write_file(p.data, in->hash, 64) < 0)
		goto out;
	if (had) {
		buf_reset(&p);
		buf_printf(&p, "%s/%s.pdf", dir, prev);
		if (!p.err)
			unlink(p.data);
		buf_reset(&p);
		buf_printf(&p, "%s/%s.txt", dir, prev);
		if (!p.err)
			unlink(p.data);
	}
out:
	buf_release(&p);
}

int pack_build(const struct store *st, struct pack_input *in, int *pages, char *err, size_t errlen)
{
	struct buf dir = BUF_INIT, front = BUF_INIT, out = BUF_INIT, path = BUF_INIT, man = BUF_INIT, when = BUF_INIT;
	struct pack_part *parts = NULL;
	struct pool p = POOL_INIT;
	struct manifest *m = NULL;
	struct pack_found f;
	int front_pages = 1, rc = -1;

	*pages = 0;
	err[0] = '\0';
	if (packs_dir(st, &dir) < 0) {
		snprintf(err, errlen, "cannot create the packs directory: %s", strerror(errno));
		goto out;
	}
	m = malloc(sizeof(*m));
	if (!m)
		goto oom;
	if (look(dir.data, in->hash, 0, m, &f) == 0) {
		*pages = f.pages;
		rc = 0;
		goto out;
	}
	prepare_docs(st, in, dir.data);
	date_put_long(&when, in->start_at);
	parts = calloc(in->nitems + in->ndocs + 2, sizeof(*parts));
	if (!parts)
		goto oom;
	for (int attempt = 0; attempt < 3; attempt++) {
		struct pack_spec spec;
		size_t np = 0;
		int redo = 0, total = 0;
		char perr[256];

		/* The front sheet, until its page count settles. */
		for (int i = 0; i < 4; i++) {
			int got = 0;
			buf_reset(&front);
			if (render_front(in, front_pages, &front, &got) < 0) {
				snprintf(err, errlen, "cannot typeset the front sheet");
				goto out;
			}
			if (got == front_pages)
				break;
			front_pages = got;
		}
		for (size_t i = 0; i < in->nitems; i++) {
			const struct pack_item *it = &in->items[i];
			int any = 0;
			for (size_t j = it->doc0; j < it->doc0 + it->ndocs; j++)
				any |= in->docs[j].state == PACK_DOC_IN;
			parts[np++] = (struct pack_part){
				.title = it->number && *it->number ? pool_printf(&p, "%s. %s", it->number, it->title)
								   : it->title,
				.level = 0, .front_page = any ? 0 : 1,
			};
			for (size_t j = it->doc0; j < it->doc0 + it->ndocs; j++)
				if (in->docs[j].state == PACK_DOC_IN)
					parts[np++] = (struct pack_part){ .title = in->docs[j].title, .level = 1,
									  .path = in->docs[j].path };
		}
		if (in->nother) {
			int any = 0;
			for (size_t j = in->ndocs - in->nother; j < in->ndocs; j++)
				any |= in->docs[j].state == PACK_DOC_IN;
			parts[np++] = (struct pack_part){ .title = "Supplementary papers", .front_page = any ? 0 : 1 };
			for (size_t j = in->ndocs - in->nother; j < in->ndocs; j++)
				if (in->docs[j].state == PACK_DOC_IN)
					parts[np++] = (struct pack_part){ .title = in->docs[j].title, .level = 1,
									  .path = in->docs[j].path };
		}
		spec = (struct pack_spec){
			.front = front.data, .front_len = front.len, .front_title = "Front sheet and agenda",
			.parts = parts, .nparts = np,
			.title = pool_printf(&p, "%s, %s: agenda and reports pack", in->committee, when.data ? when.data : ""),
			.subject = pool_printf(&p, "The agenda and public reports for the meeting of %s%s%s on %s",
					       in->committee, in->body ? " of " : "", in->body ? in->body : "",
					       when.data ? when.data : ""),
			.author = in->body, .lang = "en-GB",
			.created = in->published_at && strlen(in->published_at) == 20 ? in->published_at : NULL,
		};
		if (p.oom)
			goto oom;
		buf_reset(&out);
		if (pdf_pack(&spec, &out, &total, perr, sizeof(perr)) < 0) {
			snprintf(err, errlen, "cannot merge the pack: %s", perr);
			goto out;
		}
		/* A document that probed well but failed in the merge: list it and go again. */
		for (size_t i = 0, j = 0; i < np; i++) {
			if (!parts[i].path)
				continue;
			while (j < in->ndocs && in->docs[j].path != parts[i].path)
				j++;
			if (j < in->ndocs && parts[i].error) {
				in->docs[j].state = PACK_DOC_BROKEN;
				in->docs[j].why = parts[i].error;
				redo = 1;
			}
		}
		if (!redo) {
			*pages = total;
			break;
		}
		if (attempt == 2) {
			snprintf(err, errlen, "documents keep failing in the merge");
			goto out;
		}
	}
	/* The manifest, then the pack, then the pointer: a pack is never
	 * seen without its manifest, nor half written. */
	buf_printf(&man, "witan-pack %d\nmeeting %" PRId64 "\npages %d\nsize %zu\n", PACK_FORMAT, in->meeting_id,
		   *pages, out.len);
	for (size_t i = 0; i < in->ndocs; i++)
		if (in->docs[i].state == PACK_DOC_IN)
			buf_printf(&man, "file %" PRId64 " %s\n", in->docs[i].id, in->docs[i].sha256);
	buf_printf(&path, "%s/%s.txt", dir.data, in->hash);
	if (man.err || path.err)
		goto oom;
	if (write_file(path.data, man.data, man.len) < 0) {
		snprintf(err, errlen, "cannot write %s: %s", path.data, strerror(errno));
		goto out;
	}
	buf_reset(&path);
	buf_printf(&path, "%s/%s.pdf", dir.data, in->hash);
	if (path.err)
		goto oom;
	if (write_file(path.data, out.data, out.len) < 0) {
		snprintf(err, errlen, "cannot write %s: %s", path.data, strerror(errno));
		/* (nor a manifest left without its pack, on a full disk) */
		buf_reset(&path);
		buf_printf(&path, "%s/%s.txt", dir.data, in->hash);
		if (!path.err)
			unlink(path.data);
		goto out;
	}
	make_latest(dir.data, in);
	rc = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
out:
	free(parts);
	free(m);
	pool_release(&p);
	buf_release(&dir);
	buf_release(&front);
	buf_release(&out);
	buf_release(&path);
	buf_release(&man);
	buf_release(&when);
	return rc;
}

/* --- the thread -------------------------------------------------------------------- */

#define PACK_QUEUE 64

static struct {
	struct worker w;
	int64_t queue[PACK_QUEUE];  /* under w.lock */
	size_t nq;
	struct store st;
	char *base_url;
} ps = { .w = WORKER_INIT };

void pack_request(int64_t meeting_id)
{
	int wake = 0;

	if (!ps.w.running)
		return;
	pthread_mutex_lock(&ps.w.lock);
	{
		size_t i;
		for (i = 0; i < ps.nq && ps.queue[i] != meeting_id; i++)
			;
		if (i == ps.nq && ps.nq < PACK_QUEUE) {
			ps.queue[ps.nq++] = meeting_id;
			wake = 1;
		}
	}
	pthread_mutex_unlock(&ps.w.lock);
	if (wake)
		worker_wake(&ps.w);
}

int pack_thread_running(void)
{
	return ps.w.running;
}

/* A build parses uploaded PDFs (libqpdf) and may run LibreOffice: it runs
 * as `witan pack` in a child process with limits, not in the server, so a
 * hostile document can cost at most that child.  0, or -1 (logged). */
#define PACK_CPU_SECONDS 120
#define PACK_MEMORY (2ULL << 30)
#define PACK_WALL_SECONDS 300
/* AddressSanitizer reserves terabytes of address space for its shadow: a
 * sanitizer build (make SANITIZE=address) leaves the memory limit out. */
#if defined(__SANITIZE_ADDRESS__)
#define PACK_LIMIT_MEMORY 0
#else
#define PACK_LIMIT_MEMORY 1
#endif

static int build_in_child(int64_t id)
{
	char idtext[24], why[128];
	char *argv[] = { "/proc/self/exe", "pack", "--db", (char *)ps.w.db_path, "--base-url", ps.base_url, idtext, NULL };
	struct child_limits lim = { PACK_CPU_SECONDS, PACK_LIMIT_MEMORY ? PACK_MEMORY : 0, PACK_WALL_SECONDS, 1 };
	int status;

	snprintf(idtext, sizeof(idtext), "%" PRId64, id);
	status = child_run(argv, NULL, &lim, &ps.w.stop, why, sizeof(why));
	if (status != 0)
		fprintf(stderr, "witan: pack: meeting %" PRId64 ": the build failed (%s)\n", id,
			status < 0 ? why : "see above");
	return status == 0 ? 0 : -1;
}

static void *pack_main(void *arg)
{
	(void)arg;
	while (!ps.w.stop) {
		int64_t id = 0;

		pthread_mutex_lock(&ps.w.lock);
		if (ps.nq > 0)
			id = ps.queue[0];
		pthread_mutex_unlock(&ps.w.lock);
		if (!id) {
			worker_wait(&ps.w, 0);
			continue;
		}
		/* The child reads the inputs as they are then (they may have
		 * moved since the request), and builds unless that version is
		 * there already. */
		build_in_child(id);
		/* Off the queue only now: a request meanwhile does not queue it twice. */
		pthread_mutex_lock(&ps.w.lock);
		for (size_t i = 0; i < ps.nq; i++)
			if (ps.queue[i] == id) {
				memmove(ps.queue + i, ps.queue + i + 1, (ps.nq - i - 1) * sizeof(ps.queue[0]));
				ps.nq--;
				break;
			}
		pthread_mutex_unlock(&ps.w.lock);
	}
	return NULL;
}

int pack_thread_start(const char *db_path, const char *store_dir, const char *base_url)
{
	if (ps.w.running)
		return 0;
	ps.st.dir = strdup(store_dir);
	ps.base_url = strdup(base_url ? base_url : "");
	if (!ps.st.dir || !ps.base_url || worker_start(&ps.w, pack_main, db_path) < 0) {
		free(ps.st.dir);
		free(ps.base_url);
		ps.st.dir = NULL;
		ps.base_url = NULL;
		return -1;
	}
	return 0;
}

void pack_thread_stop(void)
{
	worker_stop(&ps.w);
	free(ps.st.dir);
	free(ps.base_url);
	ps.st.dir = NULL;
	ps.base_url = NULL;
	ps.nq = 0;
}

/* printed.c: the printed minutes of a meeting (/meetings/{id}/minutes.pdf)
 * and a decision notice (/decisions/{id}.pdf), typeset from the public
 * record (db/printed over the pub_* views, Markdown through docs/mdpdf,
 * pages by docs/pdfgen).
 *
 * The same record gives the same bytes: the PDF's creation date is the
 * record's public `modified`, and pdfgen is deterministic.  Rendering
 * costs milliseconds a page, so finished PDFs are kept in a small
 * process-wide cache keyed by a hash of everything that goes into them
 * (the blocks, their texts, the title, dates and stamp): a repeated
 * request, or the meeting page asking for the page count and size, costs
 * the database reads and the Markdown parse, not the typesetting.  The
 * page cache of http/ is not used: it would drop the Content-Disposition
 * header on a hit.  The handlers render on the server thread that took
 * the request (docs/ARCHITECTURE.md, web/printed). */
#include "web/printed.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/model.h"
#include "db/printed.h"
#include "db/statutory.h"
#include "docs/mdpdf.h"
#include "docs/pdfgen.h"
#include "ui/layout.h"
#include "util/date.h"
#include "web/statutory.h"
#include "util/banned.h"

/* --- the cache of rendered PDFs ------------------------------------------ */

#define PCACHE_SLOTS 32
#define PCACHE_MAX_ENTRY (8u << 20)

struct pentry {
	uint64_t key;
	char *pdf;
	size_t len;
	int pages;
	uint64_t used;
};

static struct pentry pcache[PCACHE_SLOTS];
static uint64_t pcache_tick;
static pthread_mutex_t pcache_mu = PTHREAD_MUTEX_INITIALIZER;

/* Look key up: 1 with *pages, *len and (out not NULL) the bytes appended
 * to out; 0 when absent. */
static int pcache_get(uint64_t key, struct buf *out, int *pages, size_t *len)
{
	int found = 0;

	pthread_mutex_lock(&pcache_mu);
	for (int i = 0; i < PCACHE_SLOTS; i++) {
		struct pentry *e = &pcache[i];

		if (e->pdf && e->key == key) {
			e->used = ++pcache_tick;
			*pages = e->pages;
			*len = e->len;
			if (out)
				buf_append(out, e->pdf, e->len);
			found = 1;
			break;
		}
	}
	pthread_mutex_unlock(&pcache_mu);
	return found;
}

static void pcache_put(uint64_t key, const char *pdf, size_t len, int pages)
{
	struct pentry *victim = &pcache[0];
	char *copy;

	if (len > PCACHE_MAX_ENTRY || !(copy = malloc(len)))
		return;
	memcpy(copy, pdf, len);
	pthread_mutex_lock(&pcache_mu);
	for (int i = 0; i < PCACHE_SLOTS; i++) {
		if (pcache[i].pdf && pcache[i].key == key) { /* another thread was first */
			victim = NULL;
			break;
		}
		if (!pcache[i].pdf || pcache[i].used < victim->used)
			victim = &pcache[i];
		if (!pcache[i].pdf)
			break;
	}
	if (victim) {
		free(victim->pdf);
		*victim = (struct pentry){ key, copy, len, pages, ++pcache_tick };
		copy = NULL;
	}
	pthread_mutex_unlock(&pcache_mu);
	free(copy);
}

/* FNV-1a over everything that makes the document. */
static void hash_mix(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++) {
		*h ^= s[i];
		*h *= 0x100000001b3ULL;
	}
}

static void hash_str(uint64_t *h, const char *s)
{
	hash_mix(h, s ? s : "\xff", s ? strlen(s) + 1 : 1);
}

static uint64_t doc_key(const char *what, const struct pdf_doc *d)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	hash_str(&h, "witan printed 1");
	hash_str(&h, what);
	hash_str(&h, d->title);
	hash_str(&h, d->subtitle);
	hash_str(&h, d->header);
	hash_str(&h, d->created);
	hash_str(&h, d->subject);
	hash_str(&h, d->author);
	hash_str(&h, d->stamp);
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct pdf_block *b = &d->blocks[i];
		int v[6] = { (int)b->kind, b->markup, b->level, b->number, b->nrows, b->ncols };

		hash_mix(&h, v, sizeof(v));
		hash_str(&h, b->text);
		for (int k = 0; b->cells && k < b->nrows * b->ncols; k++)
			hash_str(&h, b->cells[k]);
	}
	return h;
}

/* The PDF of d: from the cache, or rendered and kept.  out NULL: only the
 * pages and size.  0, or -1. */
static int pdf_get(const char *what, const struct pdf_doc *d, struct buf *out, int *pages, size_t *len,
		   uint64_t *key)
{
	struct buf pdf = BUF_INIT;

	*key = doc_key(what, d);
	if (pcache_get(*key, out, pages, len))
		return out && out->err ? -1 : 0;
	if (pdf_render(d, &pdf, pages) < 0) {
		buf_release(&pdf);
		return -1;
	}
	*len = pdf.len;
	pcache_put(*key, pdf.data, pdf.len, *pages);
	if (out)
		buf_append(out, pdf.data, pdf.len);
	buf_release(&pdf);
	return out && out->err ? -1 : 0;
}

/* --- shared pieces ------------------------------------------------------- */

/* A paragraph "<b>label:</b> value", escaped. */
static void fact(struct pdf_blocks *l, const char *label, const char *value)
{
	struct buf m = BUF_INIT;

	buf_puts(&m, "<b>");
	pdf_markup_escape(&m, label, strlen(label));
	buf_puts(&m, ":</b> ");
	pdf_markup_escape(&m, value, strlen(value));
	if (m.err)
		l->err = 1;
	else
		pdf_blocks_add_markup(l, PDF_PARA, 0, m.data);
	buf_release(&m);
}

/* "minutes-2019-02-04-west-mercia-police-and-crime-panel.pdf" style names. */
static void slug(struct buf *b, const char *s)
{
	int dash = 0;

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
			if (dash && b->len)
				buf_putc(b, '-');
			buf_putc(b, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
			dash = 0;
		} else {
			dash = 1;
		}
	}
}

static void send_pdf(struct req *r, const char *filename, uint64_t key)
{
	struct buf h = BUF_INIT;

	r->content_type = "application/pdf";
	buf_printf(&h, "\"p%016llx\"", (unsigned long long)key);
	r->etag = req_strdup(r, h.data);
	buf_reset(&h);
	buf_printf(&h, "inline; filename=\"%s\"", filename);
	req_add_header(r, "content-disposition", h.data);
	r->cache_control = "public, max-age=300";
	buf_release(&h);
}

/* --- minutes ------------------------------------------------------------- */

static int minutes_public(const struct meeting_row *m)
{
	return strcmp(m->minutes_status, "published") == 0 || strcmp(m->minutes_status, "approved") == 0;
}

/* One attendance line: "Present: A, B and C." (nothing when nobody). */
static void attendance_line(struct pdf_blocks *l, const char *label, struct buf *names, int n)
{
	struct buf t = BUF_INIT;

	if (!n)
		return;
	buf_printf(&t, "%s: %s.", label, names->data);
	if (t.err)
		l->err = 1;
	else
		pdf_blocks_add(l, PDF_PARA, 0, t.data);
	buf_release(&t);
}

static int attendance(struct req *r, const struct meeting_row *m, struct pdf_blocks *l)
{
	static const char *const kinds[] = { "present", "substitute", "apologies", "absent", "in_attendance" };
	static const char *const labels[] = { "Present", "Substitutes", "Apologies", "Absent", "Also in attendance" };
	struct buf names[5] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	int n[5] = { 0 }, any = 0, rc = -1;
	struct attendance_row a;
	struct cursor c;

	if (pub_attendance_of_meeting(r->db, m->id, &c) < 0)
		return -1;
	while (cursor_next_attendance(&c, &a)) {
		for (int k = 0; k < 5; k++) {
			if (strcmp(a.status, kinds[k]) != 0)
				continue;
			if (n[k]++)
				buf_puts(&names[k], ", ");
			buf_puts(&names[k], a.person_name);
			if (k == 1 && a.substitute_for_name)
				buf_printf(&names[k], " (for %s)", a.substitute_for_name);
			else if (k == 4 && a.note)
				buf_printf(&names[k], " (%s)", a.note);
			any = 1;
		}
	}
	if (c.err)
		goto out;
	if (any) {
		pdf_blocks_add(l, PDF_HEADING, 1, "Attendance");
		for (int k = 0; k < 5; k++)
			attendance_line(l, labels[k], &names[k], n[k]);
	}
	rc = 0;
out:
	for (int k = 0; k < 5; k++)
		buf_release(&names[k]);
	return rc;
}

/* The document of m's minutes into doc and l (strings in texts).  0, or -1. */
static int minutes_doc(struct req *r, const struct meeting_row *m, struct pdf_doc *doc, struct pdf_blocks *l,
		       struct buf texts[4])
{
	struct printed_item_row it;
	struct body_row body;
	struct cursor c;
	const char *chair = NULL;
	char day[11];
	int approved = strcmp(m->minutes_status, "approved") == 0;

	/* texts: 0 subtitle, 1 header, 2 subject, 3 author */
	buf_puts(&texts[0], m->organization_name);
	buf_puts(&texts[0], "\n");
	date_put_long(&texts[0], m->start_at);
	if (strlen(m->start_at) >= 16) {
		buf_puts(&texts[0], ", ");
		date_put_time(&texts[0], m->start_at);
	}
	buf_printf(&texts[1], "%s: minutes of ", m->organization_name);
	date_put_long(&texts[1], m->start_at);
	buf_printf(&texts[2], "Minutes of the meeting of %s on ", m->organization_name);
	date_put_long(&texts[2], m->start_at);
	if (pub_body(r->db, &body) < 0)
		return -1;
	if (body.name)
		buf_puts(&texts[3], body.name);
	{
		struct buf venue = BUF_INIT;

		meeting_venue(&venue, m);
		if (venue.len)
			fact(l, "Venue", venue.data);
		buf_release(&venue);
	}
	if (attendance(r, m, l) < 0)
		return -1;
	if (pub_printed_items(r->db, m->id, &c) < 0)
		return -1;
	while (cursor_next_printed_item(&c, &it)) {
		struct buf h = BUF_INIT;

		if (it.number && *it.number)
			buf_printf(&h, "%s%s %s", it.number, strchr(it.number, '.') ? "" : ".", it.title);
		else
			buf_puts(&h, it.title);
		pdf_blocks_add(l, PDF_HEADING, 1, h.data ? h.data : "");
		buf_release(&h);
		if (it.exempt) {
			struct buf e = BUF_INIT;

			buf_printf(&e, "Exempt: paragraph %d of Part 1 of Schedule 12A to the Local Government Act 1972.",
				   it.exempt_paragraph);
			pdf_blocks_add(l, PDF_PARA, 0, e.data);
			buf_release(&e);
			continue;
		}
		if (it.minutes_md)
			mdpdf_append(l, it.minutes_md, 0);
		if (it.decision_md) {
			pdf_blocks_add(l, PDF_HEADING, 2, "Decision");
			mdpdf_append(l, it.decision_md, 0);
		}
		if (!it.minutes_md && !it.decision_md)
			pdf_blocks_add(l, PDF_PARA, 0, "No minutes were recorded for this item.");
	}
	if (c.err)
		return -1;
	if (approved) {
		struct buf s = BUF_INIT;

		snprintf(day, sizeof(day), "%.10s", m->start_at);
		if (pub_chair_on(r->db, m->organization_id, day, &chair) < 0)
			return -1;
		pdf_blocks_add(l, PDF_HEADING, 1, "Signed as a correct record");
		pdf_blocks_add(l, PDF_PARA, 0, "Signed ............................................................ Chair");
		buf_puts(&s, chair ? chair : "The Chair");
		buf_puts(&s, ", Chair");
		pdf_blocks_add(l, PDF_PARA, 0, s.data);
		buf_reset(&s);
		buf_puts(&s, "Approved on ");
		if (m->minutes_approved_at)
			date_put_long(&s, m->minutes_approved_at);
		else
			buf_puts(&s, "a date not recorded");
		if (m->minutes_approved_by)
			buf_puts(&s, " at the following meeting");
		buf_putc(&s, '.');
		pdf_blocks_add(l, PDF_PARA, 0, s.data);
		buf_release(&s);
	}
	for (int k = 0; k < 4; k++)
		if (texts[k].err)
			return -1;
	*doc = (struct pdf_doc){
		.title = "Minutes",
		.subtitle = texts[0].data,
		.header = texts[1].data,
		.blocks = l->v,
		.nblocks = l->n,
		.created = m->modified,
		.subject = texts[2].data,
		.author = texts[3].len ? texts[3].data : NULL,
		.stamp = approved ? NULL : "Draft: not yet approved",
	};
	return l->err ? -1 : 0;
}

/* The minutes of m: into out (NULL: only pages and size).  1, 0 (not
 * public), -1. */
static int minutes_pdf(struct req *r, const struct meeting_row *m, struct buf *out, int *pages, size_t *len,
		       uint64_t *key)
{
	struct pdf_blocks l = PDF_BLOCKS_INIT;
	struct buf texts[4] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	struct pdf_doc doc;
	int rc = -1;

	if (!minutes_public(m))
		return 0;
	if (minutes_doc(r, m, &doc, &l, texts) < 0 || pdf_get("minutes", &doc, out, pages, len, key) < 0)
		goto out;
	rc = 1;
out:
	pdf_blocks_release(&l);
	for (int k = 0; k < 4; k++)
		buf_release(&texts[k]);
	return rc;
}

int printed_minutes_info(struct req *r, const struct meeting_row *m, int *pages, size_t *size)
{
	uint64_t key;

	return minutes_pdf(r, m, NULL, pages, size, &key);
}

int page_minutes_pdf(struct req *r)
{
	struct meeting_row m;
	struct buf name = BUF_INIT;
	uint64_t key;
	size_t len;
	int pages, rc = pub_meeting(r->db, r->id[0], &m);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	rc = minutes_pdf(r, &m, &r->body, &pages, &len, &key);
	if (rc <= 0) {
		buf_reset(&r->body);
		if (rc == 0)
			r->errmsg = "The minutes of this meeting have not been published.";
		return rc < 0 ? 500 : 404;
	}
	buf_printf(&name, "minutes-%.10s-", m.start_at);
	slug(&name, m.organization_name);
	buf_puts(&name, ".pdf");
	send_pdf(r, name.data, key);
	buf_release(&name);
	return 200;
}

/* --- decision notices ---------------------------------------------------- */

static const char *yes_no(const char *v)
{
	return !v ? "Not stated" : strcmp(v, "1") == 0 ? "Yes" : "No";
}

/* A date 'YYYY-MM-DD' long, or "Not stated". */
static void fact_day(struct pdf_blocks *l, const char *label, const char *day)
{
	struct buf t = BUF_INIT;

	if (day)
		date_put_long(&t, day);
	fact(l, label, day && t.data ? t.data : "Not stated");
	buf_release(&t);
}

static void section(struct pdf_blocks *l, const char *heading, const char *md, const char *none)
{
	pdf_blocks_add(l, PDF_HEADING, 1, heading);
	if (md && *md)
		mdpdf_append(l, md, 0);
	else
		pdf_blocks_add(l, PDF_PARA, 0, none);
}

int page_decision_pdf(struct req *r)
{
	struct decision_row d;
	struct printed_decision_row p;
	struct body_row body;
	struct pdf_blocks l = PDF_BLOCKS_INIT;
	struct buf t = BUF_INIT, header = BUF_INIT, subject = BUF_INIT, name = BUF_INIT, out = BUF_INIT;
	struct pdf_doc doc;
	uint64_t key;
	size_t len;
	int pages, status = 500, rc = stat_decision(r->db, r->id[0], &d);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	rc = pub_printed_decision(r->db, d.id, &p);
	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	if (pub_body(r->db, &body) < 0)
		return 500;

	if (d.maker_name)
		buf_puts(&t, d.maker_name);
	else if (d.post && d.person_name)
		buf_printf(&t, "%s (%s)", d.post, d.person_name);
	else if (d.post || d.person_name)
		buf_puts(&t, d.post ? d.post : d.person_name);
	else
		buf_puts(&t, "Not stated");
	fact(&l, "Decision maker", t.data);
	if (d.decided_on)
		fact_day(&l, "Date of decision", d.decided_on);
	else
		fact(&l, "Date of decision", "Not yet made");
	fact(&l, "Status", choice_label(m_decision_states, m_decision_state_labels, d.status));
	fact(&l, "Kind of decision", d.kind ? choice_label(m_decision_kinds, m_decision_kind_labels, d.kind) :
	     "Not stated");
	fact(&l, "Key decision", yes_no(d.key_decision));
	fact(&l, "Wards affected", d.wards ? d.wards : "Not stated");
	if (d.meeting_id && d.agenda_item_id) {
		buf_reset(&t);
		if (d.item_number)
			buf_printf(&t, "Item %s: ", d.item_number);
		buf_printf(&t, "%s, %s, ", d.item_title ? d.item_title : "", d.meeting_name ? d.meeting_name : "");
		date_put_long(&t, d.meeting_start_at);
		fact(&l, "Made at", t.data);
	}
	if (d.paper_id) {
		buf_reset(&t);
		buf_printf(&t, "%s%s%s", d.paper_reference ? d.paper_reference : "", d.paper_reference ? ": " : "",
			   d.paper_title ? d.paper_title : "");
		fact(&l, "Report", t.data);
	}
	if (d.plan_entry_id) {
		buf_reset(&t);
		buf_printf(&t, "%s%s%s", d.plan_reference ? d.plan_reference : "", d.plan_reference ? ": " : "",
			   d.plan_title ? d.plan_title : "");
		fact(&l, "Forward plan entry", t.data);
	}
	fact(&l, "Subject to call-in", yes_no(d.call_in));
	fact_day(&l, "Call-in deadline", d.call_in_deadline);
	fact_day(&l, "Takes effect", d.effective_from);
	section(&l, "The decision", p.decision_md, "Not recorded.");
	section(&l, "Reasons for the decision", p.reasons_md, "Not recorded.");
	section(&l, "Alternative options considered and rejected", p.alternatives_md, "None recorded.");
	pdf_blocks_add(&l, PDF_HEADING, 1, "Conflicts of interest");
	fact(&l, "Declared", d.conflicts ? d.conflicts : "None declared");
	fact(&l, "Dispensations granted", d.dispensations ? d.dispensations : "None");

	buf_printf(&header, "%s%sDecision notice", body.name ? body.name : "", body.name ? ": " : "");
	buf_printf(&subject, "Decision notice: %s", d.title);
	if (t.err || header.err || subject.err || l.err)
		goto out;
	doc = (struct pdf_doc){
		.title = "Decision notice",
		.subtitle = d.title,
		.header = header.data,
		.blocks = l.v,
		.nblocks = l.n,
		.created = p.modified,
		.subject = subject.data,
		.author = body.name,
	};
	if (pdf_get("decision", &doc, &out, &pages, &len, &key) < 0)
		goto out;
	buf_append(&r->body, out.data, out.len);
	buf_printf(&name, "decision-%lld.pdf", (long long)d.id);
	send_pdf(r, name.data, key);
	status = 200;
out:
	pdf_blocks_release(&l);
	buf_release(&t);
	buf_release(&header);
	buf_release(&subject);
	buf_release(&name);
	buf_release(&out);
	return status;
}

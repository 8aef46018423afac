/* gen.c: the synthetic record of `witan gen` (see gen.h). */
#include "demo/gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "db/record.h"
#include "docs/pdfgen.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/banned.h"

#define NCOMMITTEES 20
#define NPEOPLE 200

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static int pick(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

#define PICK(a) (a[pick((int)(sizeof(a) / sizeof(a[0])))])

static const char *const topics[] = {
	"highways maintenance", "adult social care", "children's services", "the capital programme",
	"waste collection", "library services", "flood risk management", "the local plan",
	"school transport", "public health", "the medium term financial plan", "council tax support",
	"housing allocations", "economic development", "the treasury management strategy",
	"street lighting", "bus services", "parks and open spaces", "air quality", "youth services",
	"the corporate risk register", "internal audit", "planning enforcement", "road safety",
	"community safety", "domestic abuse services", "mental health provision", "the workforce strategy",
	"digital inclusion", "carbon reduction", "procurement", "leisure centres", "cemeteries",
	"coroner services", "trading standards", "licensing", "emergency planning", "homelessness",
};
static const char *const verbs[] = {
	"considered", "noted", "discussed", "questioned", "welcomed", "challenged", "reviewed",
	"endorsed", "scrutinised", "received",
};
static const char *const things[] = {
	"the quarterly performance report", "the budget monitoring position", "an update from the lead officer",
	"the results of the public consultation", "the draft strategy", "the options appraisal",
	"the recommendations of the task group", "the annual report", "the inspection findings",
	"the revised business case", "the equality impact assessment", "the risk assessment",
};
static const char *const points[] = {
	"Members asked about the timetable for delivery and were told it remained on track.",
	"A Member raised concerns about rural areas and asked for a breakdown by division.",
	"The officer confirmed that a further report would come to a future meeting.",
	"It was noted that the overspend was largely due to rising demand and inflation.",
	"The Committee asked for clearer performance indicators in future reports.",
	"Members welcomed the improvement since the previous quarter.",
	"Concerns were raised about staff recruitment and retention.",
	"The Chair thanked officers for a comprehensive and helpful report.",
	"A question was asked about the impact on residents with disabilities.",
	"It was confirmed that the scheme was funded from the capital reserve.",
	"Members discussed the response rate to the consultation and how it might be improved.",
	"The Committee noted the risk that government funding might not continue.",
};
static const char *const given[] = {
	"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
	"William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
	"Amir", "Priya", "Kwame", "Aisha", "Tomasz", "Agnieszka", "Rhys", "Siân", "Ciarán", "Niamh",
};
static const char *const family[] = {
	"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
	"Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
	"Patel", "Khan", "Nowak", "Okafor", "Hughes", "Price", "O'Neill", "Murphy", "Lewis", "Edwards",
};
static const char *const parties[] = { "Conservative", "Labour", "Liberal Democrat", "Green Party", "Independent", "Reform UK" };

static void sentence_para(struct buf *b)
{
	buf_printf(b, "The Committee %s %s on %s. ", PICK(verbs), PICK(things), PICK(topics));
	for (int i = 0, n = 2 + pick(3); i < n; i++)
		buf_printf(b, "%s ", PICK(points));
	buf_puts(b, "\n\n");
}

int gen_record(struct db *db, struct store *st, const struct gen_opts *opts, char *err, size_t errlen)
{
	static const struct pdf_block blocks[] = { { PDF_PARA, "Synthetic document: its text is in the record." } };
	struct pdf_doc doc = { "Report", NULL, NULL, blocks, 1, "2020-01-01T00:00:00Z" };
	int64_t body, orgs[NCOMMITTEES], people[NPEOPLE];
	struct buf pdf = BUF_INIT, t = BUF_INIT, md = BUF_INIT;
	char sha[65], now[17], day[17];
	int pages = 0, rc = -1, in_tx = 0, tty = opts->progress && isatty(2);
	long base_day;
	struct civil c;

	rng_state = opts->seed ? opts->seed : 1;
	date_now_local(now);
	civil_parse(now, &c);
	base_day = days_from_civil(c.year, c.month, c.day);
	if (pdf_render(&doc, &pdf, &pages) < 0 || store_put(st, pdf.data, pdf.len, sha) < 0) {
		snprintf(err, errlen, "cannot make the placeholder document");
		goto out;
	}
	if (db_begin(db) < 0)
		goto dberr;
	in_tx = 1;
	body = db_body_create(db, &(struct body_new){ .name = "Synthetic Borough Council", .short_name = "Synthetic" });
	if (body < 0)
		goto dberr;
	for (int i = 0; i < NCOMMITTEES; i++) {
		buf_reset(&t);
		buf_printf(&t, "Committee for %s", topics[i % (int)(sizeof(topics) / sizeof(topics[0]))]);
		if ((orgs[i] = db_org_create(db, &(struct org_new){ .body_id = body, .name = t.data,
			.purpose_md = "A synthetic committee for tests and benchmarks." })) < 0)
			goto dberr;
	}
	for (int i = 0; i < NPEOPLE; i++) {
		const char *g = PICK(given), *f = PICK(family);
		buf_reset(&t);
		buf_printf(&t, "Councillor %s %s", g, f);
		if ((people[i] = db_person_create(db, &(struct person_new){ .body_id = body, .name = t.data,
			.honorific = "Councillor", .given_name = g, .family_name = f, .party = PICK(parties) })) < 0)
			goto dberr;
		if (db_membership_create(db, &(struct membership_new){ .person_id = people[i],
			.organization_id = orgs[i % NCOMMITTEES], .role = i < NCOMMITTEES ? "chair" : "member" }) < 0)
			goto dberr;
	}
	for (int m = 0; m < opts->meetings; m++) {
		/* Spread over the past, about one meeting a committee a month,
		 * with the last tenth in the future. */
		long d = base_day + ((long)m - (long)opts->meetings * 9 / 10) * 3 / 2 + pick(3);
		int y, mo, dd, past, nitems = 5 + pick(11);
		int64_t mid, fid;

		civil_from_days(d, &y, &mo, &dd);
		snprintf(day, sizeof(day), "%04d-%02d-%02d %02d:00", y, mo, dd, 10 + 4 * pick(2));
		past = d < base_day;
		mid = db_meeting_create(db, &(struct meeting_new){ .organization_id = orgs[m % NCOMMITTEES],
			.start_at = day, .state = past ? "held" : "scheduled",
			.agenda_published_at = "2020-01-01T09:00:00Z",
			.minutes_status = past ? "approved" : "none" });
		if (mid < 0)
			goto dberr;
		for (int i = 0; i < nitems; i++) {
			char num[8];
			buf_reset(&t);
			buf_printf(&t, "%s: %s", i == 0 ? "Apologies and substitutes" : PICK(topics),
				   PICK(things));
			buf_reset(&md);
			sentence_para(&md);
			snprintf(num, sizeof(num), "%d", i + 1);
			if (db_item_create(db, &(struct item_new){ .meeting_id = mid, .position = i + 1, .number = num,
				.title = t.data, .description_md = md.data,
				.minutes_md = past ? md.data : NULL }) < 0)
				goto dberr;
		}
		fid = db_file_create(db, &(struct file_new){ .title = "Agenda reports pack", .filename = "agenda-pack.pdf",
			.mime_type = "application/pdf", .sha256 = sha, .size = pdf.len, .page_count = 3 });
		if (fid < 0 || db_file_link_create(db, &(struct file_link_new){ .file_id = fid, .meeting_id = mid,
			.role = "agenda_pack" }) < 0)
			goto dberr;
		for (int p = 1; p <= 3; p++) {
			buf_reset(&md);
			sentence_para(&md);
			sentence_para(&md);
			if (db_file_page_add(db, fid, p, md.data) < 0)
				goto dberr;
		}
		if (db_file_text_done(db, fid, 3, "done") < 0)
			goto dberr;
		if ((m + 1) % 200 == 0) {
			if (db_commit(db) < 0 || db_begin(db) < 0)
				goto dberr;
			if (tty)
				fprintf(stderr, "\rwitan: generating: %d of %d meetings (%d%%)", m + 1, opts->meetings,
					(m + 1) * 100 / opts->meetings);
		}
	}
	if (db_commit(db) < 0)
		goto dberr;
	in_tx = 0;
	if (tty)
		fprintf(stderr, "\rwitan: generating: %d of %d meetings (100%%)\n", opts->meetings, opts->meetings);
	rc = 0;
	goto out;
dberr:
	snprintf(err, errlen, "%s", db->err);
out:
	if (in_tx && rc < 0)
		db_rollback(db);
	buf_release(&pdf);
	buf_release(&t);
	buf_release(&md);
	return rc;
}

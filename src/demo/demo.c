/* demo.c: the demonstration record of `witan init --demo` (see demo.h).
 *
 * The record is data: the tables below hold the body, its committees,
 * people, memberships, a municipal calendar (which month, which weekday)
 * and the agenda topics each committee considers.  demo_create() plans the
 * meetings around today with plan_meetings(), a pure function of the date,
 * then writes everything in one transaction through db/record.h, rendering
 * each report, appendix, agenda front sheet and set of minutes as a real
 * text PDF (docs/pdfgen.h) into the document store.
 *
 * The seed meeting (West Mercia Police and Crime Panel, 4 February 2019)
 * keeps its real date and agenda; its long texts live in data/demo/ and are
 * compiled into the binary.  Everything is deterministic apart from the
 * dates, which follow today (or WITAN_DEMO_TODAY=YYYY-MM-DD, for
 * reproducible screenshots and tests).
 *
 * The confidential and unpublished parts carry the marker words of demo.h
 * and nothing else does, so tests can sweep every public surface for them. */
#include "demo/demo.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/auth.h"
#include "db/db.h"
#include "db/record.h"
#include "docs/pdfgen.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/embed.h"

#include "util/banned.h"

/* ------------------------------------------------------------------ */
/* The body, its committees and places                                 */
/* ------------------------------------------------------------------ */

#define BODY_COLOUR "#00594f"   /* 8.3:1 against white text */

static const char body_logo[] =
	"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 48\" width=\"40\" height=\"48\""
	" role=\"img\" aria-label=\"Worcestershire County Council\">"
	"<title>Worcestershire County Council</title>"
	"<path d=\"M2 2h36v22c0 11-8 19-18 22C10 43 2 35 2 24z\" fill=\"#fff\" stroke=\"#00594f\" stroke-width=\"2\"/>"
	"<path d=\"M20 13c3 0 5 3 5 7 0 2 4 5 4 10 0 5-4 8-9 8s-9-3-9-8c0-5 4-8 4-10 0-4 2-7 5-7z\" fill=\"#1b1b1b\"/>"
	"<path d=\"M20 13c0-3 1-5 3-6\" stroke=\"#1b1b1b\" stroke-width=\"1.6\" fill=\"none\"/>"
	"<path d=\"M23 8c2-2 5-2 7 0-2 2-5 2-7 0z\" fill=\"#2e7d32\"/>"
	"</svg>";

enum { O_PANEL, O_CABINET, O_AUDIT, O_PLANNING, O_OSPB, O_COUNCIL, NORG };

struct org_def {
	const char *name, *short_name, *kind, *start_date, *purpose_md;
	const char *us, *Us;          /* how its minutes name it */
	const char *background, *finance, *legal;  /* report boilerplate */
};

static const struct org_def orgs[NORG] = {
	[O_PANEL] = {
		"West Mercia Police and Crime Panel", "Police and Crime Panel", "panel", "2012-11-22",
		"The West Mercia Police and Crime Panel scrutinises the decisions and actions of the "
		"Police and Crime Commissioner (PCC) for West Mercia and supports the Commissioner in the "
		"effective exercise of his functions, as required by the Police Reform and Social "
		"Responsibility Act 2011.\n\n"
		"It is a joint panel of the local authorities in the West Mercia police area: members are "
		"nominated by Herefordshire Council, Shropshire Council, Telford & Wrekin Council, "
		"Worcestershire County Council and the district councils in Worcestershire, and two "
		"independent members are co-opted. Worcestershire County Council hosts the Panel.\n\n"
		"The Panel:\n\n"
		"- reviews the PCC’s draft Police and Crime Plan and annual report\n"
		"- reviews the proposed precept, which it may veto by a two-thirds majority of its members\n"
		"- holds confirmation hearings for the proposed appointment of a Chief Constable and senior staff\n"
		"- resolves non-criminal complaints about the conduct of the PCC\n"
		"- reports on any matter relating to the PCC’s functions it considers appropriate",
		"the Panel", "The Panel",
		"The Police and Crime Panel is a joint committee of the local authorities in the West Mercia "
		"police area. It scrutinises the decisions and actions of the Police and Crime Commissioner "
		"and supports the Commissioner in the effective exercise of his functions, as required by "
		"the Police Reform and Social Responsibility Act 2011.",
		"There are no direct financial implications for the Panel arising from this report. The "
		"Panel is funded by a Home Office grant administered by Worcestershire County Council as "
		"host authority.",
		"The Panel’s functions are set out in the Police Reform and Social Responsibility Act 2011 "
		"and the Police and Crime Panels (Precepts and Chief Constable Appointments) Regulations 2012.",
	},
	[O_CABINET] = {
		"Cabinet", "Cabinet", "cabinet", "2001-05-24",
		"Cabinet is the Council’s executive. It is made up of the Leader of the Council and the "
		"Cabinet Members with Responsibility, and takes the decisions that are not reserved to Full "
		"Council.\n\n"
		"Key decisions are published on the Forward Plan at least 28 days before they are taken, "
		"and Cabinet’s decisions may be called in by the Overview and Scrutiny Performance Board "
		"within five working days of publication.",
		"Cabinet", "Cabinet",
		"Cabinet is responsible for the executive functions of the Council under the Local "
		"Government Act 2000. Key decisions are published in advance on the Forward Plan and are "
		"subject to call-in by the Overview and Scrutiny Performance Board.",
		"The financial implications are set out in the body of the report and have been reviewed "
		"by the Chief Financial Officer. Any costs will be met from within the approved budget "
		"unless otherwise stated.",
		"The Council has the powers to take the decisions recommended in this report. The "
		"Monitoring Officer has been consulted and there are no further legal implications.",
	},
	[O_AUDIT] = {
		"Audit and Governance Committee", "Audit and Governance", "committee", "2009-05-21",
		"The Audit and Governance Committee gives independent assurance on the Council’s risk "
		"management, internal control and governance arrangements. It approves the statement of "
		"accounts and the annual governance statement, oversees internal and external audit, and "
		"promotes high standards of conduct by members.",
		"the Committee", "The Committee",
		"The Audit and Governance Committee provides independent assurance on the adequacy of the "
		"Council’s risk management framework, internal control environment and financial "
		"reporting, in line with CIPFA guidance for audit committees.",
		"There are no direct financial implications arising from this report. The cost of internal "
		"and external audit is met from the approved budget.",
		"The Accounts and Audit Regulations 2015 require the Council to maintain an effective "
		"system of internal audit and to approve its statement of accounts and annual governance "
		"statement.",
	},
	[O_PLANNING] = {
		"Planning and Regulatory Committee", "Planning and Regulatory", "committee", "2009-05-21",
		"The Planning and Regulatory Committee determines applications for minerals and waste "
		"development and for development the County Council proposes to carry out itself, such as "
		"new schools and highway schemes. It also deals with commons and village greens, public "
		"rights of way and the Council’s regulatory functions.",
		"the Committee", "The Committee",
		"The Planning and Regulatory Committee determines applications for minerals and waste "
		"development and for development that the County Council proposes to carry out itself, in "
		"accordance with the development plan unless material considerations indicate otherwise.",
		"There are no financial implications for the County Council as local planning authority "
		"arising from the determination of this application.",
		"Section 38(6) of the Planning and Compulsory Purchase Act 2004 requires the application to "
		"be determined in accordance with the development plan unless material considerations "
		"indicate otherwise.",
	},
	[O_OSPB] = {
		"Overview and Scrutiny Performance Board", "Scrutiny Board", "committee", "2009-05-21",
		"The Overview and Scrutiny Performance Board co-ordinates the Council’s scrutiny work. It "
		"monitors the performance and budget of the Council, scrutinises the budget proposals of "
		"Cabinet, commissions task groups on matters of public concern and may call in decisions "
		"of Cabinet before they are implemented.",
		"the Board", "The Board",
		"The Overview and Scrutiny Performance Board co-ordinates the Council’s scrutiny work, "
		"monitors the performance of the Council and its partners, and may call in decisions of "
		"Cabinet before they are implemented.",
		"There are no direct financial implications arising from this report. The financial "
		"position of the services concerned is reported to Cabinet in the regular resources report.",
		"The Board exercises the overview and scrutiny functions of the Council under section 9F of "
		"the Local Government Act 2000.",
	},
	[O_COUNCIL] = {
		"Full Council", "Council", "council", "1998-04-01",
		"Full Council is the meeting of all the elected county councillors. It sets the budget and "
		"council tax and the Council’s policy framework, elects the Leader of the Council, appoints "
		"committees, and debates motions and questions from members and the public.",
		"Council", "Council",
		"Council is responsible for setting the budget and policy framework, including the council "
		"tax, and for appointing the Leader of the Council, committees and outside bodies.",
		"The financial implications are set out in the body of the report and have been reviewed "
		"by the Chief Financial Officer.",
		"The decisions recommended in this report are reserved to Council by the Local Government "
		"Act 2000 and the Council’s constitution.",
	},
};

enum { L_CHAMBER, L_ROOM1, L_KIDDERMINSTER, L_SHIREHALL, NLOC };

static const struct location_def {
	const char *name, *room, *street, *locality, *postcode, *description;
} locations[NLOC] = {
	[L_CHAMBER] = { "Council Chamber, County Hall", "Council Chamber", "County Hall, Spetchley Road",
		"Worcester", "WR5 2NP",
		"Step-free access from the main entrance. A hearing loop is installed and meetings in the "
		"Chamber are webcast." },
	[L_ROOM1] = { "Committee Room 1, County Hall", "Committee Room 1", "County Hall, Spetchley Road",
		"Worcester", "WR5 2NP", "On the ground floor, with step-free access and a hearing loop." },
	[L_KIDDERMINSTER] = { "Kidderminster Room, County Hall", "Kidderminster Room",
		"County Hall, Spetchley Road", "Worcester", "WR5 2NP",
		"On the ground floor, with step-free access. Limited public seating." },
	[L_SHIREHALL] = { "Shirehall, Shrewsbury", "Council Chamber", "Shirehall, Abbey Foregate",
		"Shrewsbury", "SY2 6ND",
		"Shropshire Council’s offices, hosting Panel meetings by arrangement. Step-free access "
		"from the main car park." },
};

/* ------------------------------------------------------------------ */
/* People                                                              */
/* ------------------------------------------------------------------ */

enum {
	P_NONE,
	/* Worcestershire county councillors */
	P_ASHWORTH, P_PENNINGTON, P_FAIRBAIRN, P_WHITCOMBE, P_CARTWRIGHT, P_HADLEY, P_LANGFORD,
	P_WHITLOCK, P_EASTWOOD, P_SUTCLIFFE, P_FIELDING, P_PRYCE, P_THORNBURY, P_MARSH,
	P_TUCKER, P_OAKLEY, P_COOKE, P_DUNN, P_BERESFORD, P_LOWE, P_SHERWOOD, P_HOLLOWAY,
	P_ROWE, P_FLETCHER, P_ELLIS, P_MOSS, P_KEMP, P_HARDING, P_PRICE, P_HALE,
	/* nominated to the Police and Crime Panel by the other councils */
	P_HARGREAVES, P_MORGAN, P_BRADSHAW, P_WADE, P_EVANS, P_PARKES, P_MADDOX, P_MISTRY,
	P_WHITEHOUSE, P_CLARKE, P_BRAMPTON, P_HUSSAIN,
	/* co-opted members */
	P_ASHBY, P_GOODWIN, P_HUGHES, P_COLLINS,
	/* the Commissioner, the Chief Constable and officers */
	P_CAMPION, P_BANGHAM, P_HARTWELL, P_BRERETON, P_FITZGERALD, P_WHITAKER, P_RAMAN,
	P_BARTLETT, P_CROFT, P_LINDSAY,
	NPERSON
};

#define WCC "Worcestershire County Council"
#define T21 "2021-05-07"    /* the day after the 2021 county elections */
#define E25 "2025-05-01"    /* polling day 2025: the old council's last day */
#define T25 "2025-05-02"

struct person_def {
	const char *honorific, *given, *family, *party, *area, *nominated_by;
	const char *council_from, *council_to;  /* county councillors: their term(s) */
	const char *bio_md;
};

static const struct person_def people[NPERSON] = {
	[P_ASHWORTH] = { "Councillor", "Richard", "Ashworth", "Conservative", "Bromsgrove East", NULL, T21, E25,
		"Leader of the Council from 2021 to 2025." },
	[P_PENNINGTON] = { "Councillor", "Margaret", "Pennington", "Conservative", "Droitwich West", NULL, T21, E25, NULL },
	[P_FAIRBAIRN] = { "Councillor", "Andrew", "Fairbairn", "Conservative", "Bowbrook", NULL, T21, E25, NULL },
	[P_WHITCOMBE] = { "Councillor", "Helen", "Whitcombe", "Conservative", "Malvern Chase", NULL, T21, E25, NULL },
	[P_CARTWRIGHT] = { "Councillor", "Nigel", "Cartwright", "Conservative", "Croome", NULL, T21, E25, NULL },
	[P_HADLEY] = { "Councillor", "Susan", "Hadley", "Conservative", "Pershore", NULL, T21, NULL, NULL },
	[P_LANGFORD] = { "Councillor", "Peter", "Langford", "Conservative", "Ombersley", NULL, T21, NULL, NULL },
	[P_WHITLOCK] = { "Councillor", "Daniel", "Whitlock", "Reform UK", "Stourport-on-Severn", NULL, T25, NULL,
		"Leader of the Council since May 2025. Cabinet Member with Responsibility for "
		"Strategy and Economic Development." },
	[P_EASTWOOD] = { "Councillor", "Karen", "Eastwood", "Reform UK", "Redditch South", NULL, T25, NULL, NULL },
	[P_SUTCLIFFE] = { "Councillor", "Mark", "Sutcliffe", "Reform UK", "Evesham South", NULL, T25, NULL, NULL },
	[P_FIELDING] = { "Councillor", "Lorraine", "Fielding", "Reform UK", "Wythall", NULL, T25, NULL, NULL },
	[P_PRYCE] = { "Councillor", "Gareth", "Pryce", "Reform UK", "St Chad’s", NULL, T25, NULL, NULL },
	[P_THORNBURY] = { "Councillor", "Alan", "Thornbury", "Reform UK", "Hallow", NULL, T25, NULL, NULL },
	[P_MARSH] = { "Councillor", "Stephen", "Marsh", "Reform UK", "Droitwich East", NULL, T25, NULL, NULL },
	[P_TUCKER] = { "Councillor", "Elizabeth", "Tucker", "Liberal Democrat", "St Peter", NULL, T21, NULL,
		"Chairman of the Audit and Governance Committee. A chartered accountant, she has "
		"represented St Peter since 2021." },
	[P_OAKLEY] = { "Councillor", "Martin", "Oakley", "Conservative", "Tenbury", NULL, T21, NULL, NULL },
	[P_COOKE] = { "Councillor", "Brian", "Cooke", "Conservative", "Upton Snodsbury", NULL, T21, NULL, NULL },
	[P_DUNN] = { "Councillor", "Rachel", "Dunn", "Green Party", "Malvern Link", NULL, T21, NULL, NULL },
	[P_BERESFORD] = { "Councillor", "Tom", "Beresford", "Labour", "Gorse Hill and Warndon", NULL, T21, NULL, NULL },
	[P_LOWE] = { "Councillor", "Catherine", "Lowe", "Liberal Democrat", "Bedwardine", NULL, T21, NULL, NULL },
	[P_SHERWOOD] = { "Councillor", "Ian", "Sherwood", "Conservative", "Broadway", NULL, T21, NULL, NULL },
	[P_HOLLOWAY] = { "Councillor", "Patricia", "Holloway", "Independent", "Bewdley", NULL, T21, NULL, NULL },
	[P_ROWE] = { "Councillor", "David", "Rowe", "Conservative", "Littletons", NULL, T21, NULL, NULL },
	[P_FLETCHER] = { "Councillor", "Janet", "Fletcher", "Green Party", "St Stephen", NULL, T21, NULL, NULL },
	[P_ELLIS] = { "Councillor", "Graham", "Ellis", "Conservative", "Alvechurch", WCC, "2017-05-05", NULL,
		"Chairman of the Council. First elected in 2013." },
	[P_MOSS] = { "Councillor", "Hannah", "Moss", "Labour", "Arrow Valley West", WCC, T21, NULL, NULL },
	[P_KEMP] = { "Councillor", "Robert", "Kemp", "Reform UK", "Clent Hills", WCC, T25, NULL, NULL },
	[P_HARDING] = { "Councillor", "Wayne", "Harding", "Reform UK", "Rubery", NULL, T25, NULL, NULL },
	[P_PRICE] = { "Councillor", "Michelle", "Price", "Reform UK", "Beacon", NULL, T25, NULL, NULL },
	[P_HALE] = { "Councillor", "Geoffrey", "Hale", "Conservative", "Riverside", WCC, "2017-05-05", E25, NULL },

	[P_HARGREAVES] = { "Councillor", "Paul", "Hargreaves", "Independents for Herefordshire", "Leominster East",
		"Herefordshire Council", NULL, NULL, "Chairman of the Police and Crime Panel since 2021." },
	[P_MORGAN] = { "Councillor", "Angela", "Morgan", "Conservative", "Kington", "Herefordshire Council", NULL, NULL, NULL },
	[P_BRADSHAW] = { "Councillor", "Kenneth", "Bradshaw", "Conservative", "Bromyard West", "Herefordshire Council", NULL, NULL,
		"Chairman of the Police and Crime Panel from 2017 to 2021." },
	[P_WADE] = { "Councillor", "Michael", "Wade", "Liberal Democrat", "Church Stretton and Craven Arms",
		"Shropshire Council", NULL, NULL, NULL },
	[P_EVANS] = { "Councillor", "Deborah", "Evans", "Conservative", "Oswestry South", "Shropshire Council", NULL, NULL, NULL },
	[P_PARKES] = { "Councillor", "Yvonne", "Parkes", "Conservative", "Whitchurch North", "Shropshire Council", NULL, NULL, NULL },
	[P_MADDOX] = { "Councillor", "Lucy", "Maddox", "Conservative", "Ludlow North", "Shropshire Council", NULL, NULL, NULL },
	[P_MISTRY] = { "Councillor", "Raj", "Mistry", "Labour", "Hadley and Leegomery", "Telford & Wrekin Council", NULL, NULL, NULL },
	[P_WHITEHOUSE] = { "Councillor", "Jane", "Whitehouse", "Conservative", "Newport North and West",
		"Telford & Wrekin Council", NULL, NULL, NULL },
	[P_CLARKE] = { "Councillor", "Simon", "Clarke", "Conservative", "Bromsgrove Central",
		"Bromsgrove District Council", NULL, NULL, NULL },
	[P_BRAMPTON] = { "Councillor", "Nicola", "Brampton", "Green Party", "Priory", "Malvern Hills District Council",
		NULL, NULL, NULL },
	[P_HUSSAIN] = { "Councillor", "Ahmed", "Hussain", "Labour", "Foley Park and Hoobrook",
		"Wyre Forest District Council", NULL, NULL, NULL },

	[P_ASHBY] = { "Mr", "Colin", "Ashby", NULL, NULL, NULL, NULL, NULL,
		"Independent co-opted member of the Police and Crime Panel. A former magistrate." },
	[P_GOODWIN] = { "Mrs", "Sarah", "Goodwin", NULL, NULL, NULL, NULL, NULL,
		"Independent co-opted member of the Police and Crime Panel, with a background in victim support." },
	[P_HUGHES] = { "Dr", "Martin", "Hughes", NULL, NULL, NULL, NULL, NULL,
		"Independent member of the Audit and Governance Committee." },
	[P_COLLINS] = { "Mrs", "Anita", "Collins", NULL, NULL, NULL, NULL, NULL,
		"Parent governor representative on the Overview and Scrutiny Performance Board." },

	[P_CAMPION] = { "Mr", "John", "Campion", NULL, NULL, NULL, NULL, NULL,
		"Police and Crime Commissioner for West Mercia, first elected in 2016." },
	[P_BANGHAM] = { "Mr", "Anthony", "Bangham", NULL, NULL, NULL, NULL, NULL,
		"Chief Constable of West Mercia Police." },
	[P_HARTWELL] = { "Mrs", "Gillian", "Hartwell", NULL, NULL, NULL, NULL, NULL, NULL },
	[P_BRERETON] = { "Mr", "Neil", "Brereton", NULL, NULL, NULL, NULL, NULL, NULL },
	[P_FITZGERALD] = { "Mr", "Owen", "Fitzgerald", NULL, NULL, NULL, NULL, NULL, NULL },
	[P_WHITAKER] = { "Mrs", "Claire", "Whitaker", NULL, NULL, NULL, NULL, NULL, NULL },
	[P_RAMAN] = { "Dr", "Priya", "Raman", NULL, NULL, NULL, NULL, NULL, NULL },
	[P_BARTLETT] = { "Mrs", "Emma", "Bartlett", NULL, NULL, NULL, NULL, NULL, NULL },
	[P_CROFT] = { "Mr", "James", "Croft", NULL, NULL, NULL, NULL, NULL, NULL },
	[P_LINDSAY] = { "Mr", "Stuart", "Lindsay", NULL, NULL, NULL, NULL, NULL, NULL },
};

/* Memberships of committees (Full Council's ordinary members are added
 * from the councillors' terms by all_memberships()). */
struct ms_def {
	int person, org;
	const char *role;
	int non_voting;
	const char *start, *end;   /* end: last day, or NULL */
};

#define PCP17 "2017-06-12"
#define PCP21 "2021-06-14"
#define END21 "2021-05-06"
#define AGM21 "2021-05-27"
#define AGM25 "2025-05-15"

static const struct ms_def memberships[] = {
	/* Police and Crime Panel, 2017-2021 */
	{ P_BRADSHAW, O_PANEL, "chair", 0, PCP17, END21 },
	{ P_PARKES, O_PANEL, "vice_chair", 0, PCP17, END21 },
	{ P_HARGREAVES, O_PANEL, "member", 0, PCP17, END21 },
	{ P_WADE, O_PANEL, "member", 0, PCP17, END21 },
	{ P_HALE, O_PANEL, "member", 0, PCP17, END21 },
	{ P_HUSSAIN, O_PANEL, "member", 0, PCP17, END21 },
	/* ... and since 2021 */
	{ P_HARGREAVES, O_PANEL, "chair", 0, PCP21, NULL },
	{ P_WADE, O_PANEL, "vice_chair", 0, PCP21, NULL },
	{ P_MISTRY, O_PANEL, "member", 0, PCP17, NULL },
	{ P_ELLIS, O_PANEL, "member", 0, PCP17, E25 },
	{ P_CLARKE, O_PANEL, "member", 0, PCP17, NULL },
	{ P_MORGAN, O_PANEL, "member", 0, PCP21, NULL },
	{ P_EVANS, O_PANEL, "member", 0, PCP21, NULL },
	{ P_WHITEHOUSE, O_PANEL, "member", 0, PCP21, NULL },
	{ P_BRAMPTON, O_PANEL, "member", 0, PCP21, NULL },
	{ P_MOSS, O_PANEL, "member", 0, PCP21, NULL },
	{ P_KEMP, O_PANEL, "member", 0, "2025-06-02", NULL },
	{ P_ASHBY, O_PANEL, "co_opted", 0, PCP17, NULL },
	{ P_GOODWIN, O_PANEL, "co_opted", 0, PCP17, NULL },
	{ P_MADDOX, O_PANEL, "substitute", 0, PCP17, NULL },

	/* Cabinet before and after the 2025 elections */
	{ P_ASHWORTH, O_CABINET, "chair", 0, AGM21, E25 },
	{ P_PENNINGTON, O_CABINET, "vice_chair", 0, AGM21, E25 },
	{ P_FAIRBAIRN, O_CABINET, "member", 0, AGM21, E25 },
	{ P_WHITCOMBE, O_CABINET, "member", 0, AGM21, E25 },
	{ P_CARTWRIGHT, O_CABINET, "member", 0, AGM21, E25 },
	{ P_HADLEY, O_CABINET, "member", 0, AGM21, E25 },
	{ P_LANGFORD, O_CABINET, "member", 0, AGM21, E25 },
	{ P_WHITLOCK, O_CABINET, "chair", 0, AGM25, NULL },
	{ P_EASTWOOD, O_CABINET, "vice_chair", 0, AGM25, NULL },
	{ P_SUTCLIFFE, O_CABINET, "member", 0, AGM25, NULL },
	{ P_FIELDING, O_CABINET, "member", 0, AGM25, NULL },
	{ P_PRYCE, O_CABINET, "member", 0, AGM25, NULL },
	{ P_THORNBURY, O_CABINET, "member", 0, AGM25, NULL },
	{ P_MARSH, O_CABINET, "member", 0, AGM25, NULL },

	/* Audit and Governance Committee */
	{ P_TUCKER, O_AUDIT, "chair", 0, AGM21, NULL },
	{ P_ROWE, O_AUDIT, "vice_chair", 0, AGM21, NULL },
	{ P_FLETCHER, O_AUDIT, "member", 0, AGM21, NULL },
	{ P_SHERWOOD, O_AUDIT, "member", 0, AGM21, NULL },
	{ P_HALE, O_AUDIT, "member", 0, AGM21, E25 },
	{ P_BERESFORD, O_AUDIT, "member", 0, AGM21, E25 },
	{ P_PRICE, O_AUDIT, "member", 0, AGM25, NULL },
	{ P_HARDING, O_AUDIT, "member", 0, AGM25, NULL },
	{ P_LANGFORD, O_AUDIT, "member", 0, AGM25, NULL },
	{ P_HUGHES, O_AUDIT, "co_opted", 1, AGM21, NULL },

	/* Planning and Regulatory Committee */
	{ P_OAKLEY, O_PLANNING, "chair", 0, AGM21, NULL },
	{ P_COOKE, O_PLANNING, "vice_chair", 0, AGM21, NULL },
	{ P_DUNN, O_PLANNING, "member", 0, AGM21, NULL },
	{ P_HOLLOWAY, O_PLANNING, "member", 0, AGM21, NULL },
	{ P_ELLIS, O_PLANNING, "member", 0, AGM21, NULL },
	{ P_LOWE, O_PLANNING, "member", 0, AGM21, NULL },
	{ P_HALE, O_PLANNING, "member", 0, AGM21, E25 },
	{ P_KEMP, O_PLANNING, "member", 0, AGM25, NULL },
	{ P_PRICE, O_PLANNING, "member", 0, AGM25, NULL },
	{ P_BERESFORD, O_PLANNING, "substitute", 0, AGM21, NULL },
	{ P_HADLEY, O_PLANNING, "substitute", 0, AGM25, NULL },

	/* Overview and Scrutiny Performance Board */
	{ P_SHERWOOD, O_OSPB, "chair", 0, AGM21, E25 },
	{ P_HARDING, O_OSPB, "chair", 0, AGM25, NULL },
	{ P_LOWE, O_OSPB, "vice_chair", 0, AGM21, NULL },
	{ P_SHERWOOD, O_OSPB, "member", 0, AGM25, NULL },
	{ P_BERESFORD, O_OSPB, "member", 0, AGM21, NULL },
	{ P_MOSS, O_OSPB, "member", 0, AGM21, NULL },
	{ P_ROWE, O_OSPB, "member", 0, AGM21, NULL },
	{ P_FLETCHER, O_OSPB, "member", 0, AGM21, E25 },
	{ P_HADLEY, O_OSPB, "member", 0, AGM25, NULL },
	{ P_COLLINS, O_OSPB, "co_opted", 1, AGM21, NULL },

	/* Full Council: its Chairman and Vice-Chairman (the other councillors
	 * are members for their terms) */
	{ P_ELLIS, O_COUNCIL, "chair", 0, "2017-05-25", NULL },
	{ P_HALE, O_COUNCIL, "vice_chair", 0, "2017-05-25", E25 },
	{ P_COOKE, O_COUNCIL, "member", 0, T21, "2025-05-14" },
	{ P_COOKE, O_COUNCIL, "vice_chair", 0, AGM25, NULL },
};

/* Officers and others who attend meetings without being members. */
static const struct officer_def {
	int org, person;
	const char *note;
	const char *from, *to;
} officers[] = {
	{ O_PANEL, P_CAMPION, "Police and Crime Commissioner", "2016-05-12", NULL },
	{ O_PANEL, P_BANGHAM, "Chief Constable, West Mercia Police", "2016-06-01", "2019-12-31" },
	{ O_PANEL, P_HARTWELL, "Chief Executive, Office of the Police and Crime Commissioner", "2020-01-01", NULL },
	{ O_PANEL, P_BARTLETT, "Overview and Scrutiny Manager", NULL, NULL },
	{ O_CABINET, P_BRERETON, "Chief Executive", NULL, NULL },
	{ O_CABINET, P_FITZGERALD, "Chief Financial Officer", NULL, NULL },
	{ O_CABINET, P_WHITAKER, "Assistant Director for Legal and Governance (Monitoring Officer)", NULL, NULL },
	{ O_AUDIT, P_FITZGERALD, "Chief Financial Officer", NULL, NULL },
	{ O_AUDIT, P_CROFT, "Engagement Lead, External Auditor", NULL, NULL },
	{ O_PLANNING, P_LINDSAY, "Head of Planning and Transport Planning", NULL, NULL },
	{ O_PLANNING, P_WHITAKER, "Legal adviser to the Committee", NULL, NULL },
	{ O_OSPB, P_BARTLETT, "Overview and Scrutiny Manager", NULL, NULL },
	{ O_OSPB, P_RAMAN, "Director of Public Health", NULL, NULL },
	{ O_COUNCIL, P_BRERETON, "Chief Executive", NULL, NULL },
	{ O_COUNCIL, P_FITZGERALD, "Chief Financial Officer", NULL, NULL },
	{ O_COUNCIL, P_WHITAKER, "Assistant Director for Legal and Governance (Monitoring Officer)", NULL, NULL },
};

/* ------------------------------------------------------------------ */
/* Agenda topics                                                       */
/* ------------------------------------------------------------------ */

/* Text templates may use these placeholders, filled in per meeting:
 *   {FY} {NFY} {PFY}  the financial year of the meeting, the next, the last ("2026/27")
 *   {PERIOD}          the last calendar quarter before the meeting ("October - December 2025")
 *   {QN} {QFY}        that quarter in financial-year terms ("Quarter 3", "2025/26")
 *   {PREV}            the date of the committee's previous meeting ("4 February 2019")
 *   {YY}              the year of the meeting, two digits
 *   {US} {USC}        how the minutes name the committee ("the Panel", "The Panel")
 *   {VFOR} {VAGAINST} {VABST}  the counts of the item's vote
 *   {VOTES}           "unanimously" or "by 9 votes to 2, with 1 abstention" */

enum {
	T_KEY = 1,        /* a key decision on the Forward Plan: gets a paper */
	T_BUDGET = 2,     /* the year's budget paper, followed across meetings */
	T_VOTE = 4,       /* a vote is taken */
	T_RECORDED = 8,   /* ... and recorded by name */
	T_LOST = 16,      /* ... and lost */
	T_NODOC = 32,     /* no report */
};

struct topic {
	const char *title;
	const char *officer;              /* who reports */
	const char *summary, *recommend;  /* the item's description */
	const char *points[5];            /* key points of the report */
	const char *minutes[3];           /* variants, chosen by the meeting's sequence */
	const char *resolved;             /* the decision */
	const char *appendix;             /* an appendix's title, or NULL */
	unsigned flags;
	const char *motion;               /* for T_VOTE */
	int decl_person;                  /* who declares an interest, if present */
	const char *decl_kind, *decl_text;
};

/* --- West Mercia Police and Crime Panel --- */

static const struct topic t_pcp_perf = {
	"Police & Crime Plan Activity and Performance Monitoring Report ({PERIOD})",
	"Police and Crime Commissioner",
	"The report updates the Panel on the Police and Crime Commissioner’s activity in delivering "
	"the Safer West Mercia Police and Crime Plan and on the performance of West Mercia Police "
	"for {PERIOD}.",
	"Members of the Panel are invited to consider the report and determine whether they would "
	"wish to carry out any further scrutiny or make any comments.",
	{ "The Victim Advice Line continued to contact every victim of crime who consented to "
	  "support, and satisfaction with the service remained high.",
	  "Average answer times for 999 calls remained within the national standard for most of the "
	  "period; online reporting helped to reduce waiting times on the 101 non-emergency number.",
	  "Recorded domestic abuse and sexual offences continued to rise, which the force attributes "
	  "in part to greater confidence to report.",
	  "The number of community speed watch schemes continued to grow, supported by the "
	  "Commissioner’s road safety fund." },
	{ "The Panel considered the Police & Crime Plan Activity and Performance Monitoring Report for "
	  "{PERIOD}. The Commissioner introduced the report and highlighted the work of the Victim "
	  "Advice Line, progress in recruiting police officers and the continuing focus on road safety.\n\n"
	  "In the ensuing discussion, the following main points were made:\n\n"
	  "- Members asked about the time taken to answer calls to the 101 non-emergency number; the "
	  "Commissioner reported that online reporting had reduced waiting times and that he continued "
	  "to hold the Chief Constable to account for call handling\n"
	  "- A Member asked how rural communities were being reassured, and the Commissioner referred "
	  "to the work of the rural and business crime officers and to funding for CCTV\n"
	  "- The Panel welcomed the continued growth in community speed watch schemes and asked to "
	  "receive a further update on road safety",
	  "The Commissioner presented the report for {PERIOD}, drawing the Panel’s attention to the "
	  "force’s response to violence against women and girls, the performance of the criminal "
	  "justice system and the roll-out of new mobile technology to officers.\n\n"
	  "Members asked about the number of outstanding court cases; the Commissioner explained that "
	  "the backlog in the Crown Court remained a concern and that he was working with the Local "
	  "Criminal Justice Board to support victims and witnesses awaiting trial. A Member asked about "
	  "the retention of student officers, and the Commissioner agreed to provide the Panel with a "
	  "breakdown of leavers by length of service.",
	  "The Panel received the report for {PERIOD}. The Commissioner highlighted the force’s improved "
	  "call handling performance, the findings of a recent inspection by His Majesty’s Inspectorate "
	  "of Constabulary and Fire & Rescue Services and progress with the estates strategy.\n\n"
	  "In the ensuing discussion, the following main points were made:\n\n"
	  "- Members welcomed the improvement in 999 answer times but noted that performance on the "
	  "101 number varied across the week\n"
	  "- A Member asked how the Commissioner was monitoring the response to shoplifting, which had "
	  "risen in market towns; the Commissioner referred to the business crime strategy and the "
	  "work of local policing teams\n"
	  "- The Panel asked that future reports include information on the use of stop and search" },
	"RESOLVED that the Police & Crime Plan Activity and Performance Monitoring Report for {PERIOD} "
	"be noted.",
	"Appendix 1 - Delivery Plan Extract",
	0, NULL,
	P_MORGAN, "non_registrable", "A close family member is a serving officer with West Mercia Police.",
};

static const struct topic t_pcp_precept = {
	"Proposed Precept {NFY}",
	"Police and Crime Commissioner",
	"The Police Reform and Social Responsibility Act 2011 requires the Commissioner to notify the "
	"Panel of the precept he proposes to issue for {NFY}. The report sets out the proposal, the "
	"medium term financial plan and the results of the Commissioner’s public consultation.",
	"The Panel is asked to review the proposed precept and make a report to the Commissioner, "
	"which may include recommendations. The Panel may veto the proposal by a majority of at least "
	"two-thirds of its members.",
	{ "The Commissioner proposes to increase the policing element of council tax by the maximum "
	  "permitted without a referendum.",
	  "Together with the Home Office grant settlement, the increase would allow the force to "
	  "maintain police officer numbers and invest in neighbourhood policing.",
	  "Efficiency savings are planned over the period of the medium term financial plan, "
	  "including savings from the estates strategy.",
	  "Most respondents to the public consultation supported paying more to maintain local policing." },
	{ "The Commissioner introduced his proposed precept for {NFY}, which would increase the "
	  "policing element of council tax by the maximum permitted without a referendum. He explained "
	  "that, together with the Home Office grant settlement, the increase would allow the force to "
	  "maintain officer numbers and protect neighbourhood policing. The Treasurer to the "
	  "Commissioner summarised the medium term financial plan and the efficiency savings required "
	  "over the next four years.\n\n"
	  "Members asked about the level of reserves, the affordability of the increase for households "
	  "and the results of the public consultation. The Commissioner confirmed that reserves would "
	  "be maintained at a prudent level and that most respondents had supported paying more to "
	  "maintain local policing.\n\n"
	  "The proposed precept was put to the vote and supported {VOTES}." },
	"RESOLVED that the Panel supports the Police and Crime Commissioner’s proposed precept for {NFY}.",
	"Appendix 1 - Medium Term Financial Plan",
	T_VOTE, "That the Panel supports the proposed precept for {NFY}",
	0, NULL, NULL,
};

static const struct topic t_pcp_annual = {
	"Police and Crime Commissioner’s Annual Report {PFY}",
	"Police and Crime Commissioner",
	"The Commissioner must produce an annual report on the exercise of his functions and progress "
	"against the Police and Crime Plan, and present it to the Panel at a public meeting. The draft "
	"Annual Report for {PFY} is attached.",
	"The Panel is asked to review the draft Annual Report and make a report or recommendations to "
	"the Commissioner.",
	{ "The report describes progress against each priority of the Police and Crime Plan.",
	  "It summarises the services commissioned for victims and the grants awarded to community "
	  "projects during the year.",
	  "It reports on the Commissioner’s holding to account of the Chief Constable, including his "
	  "public performance meetings." },
	{ "The Commissioner presented his draft Annual Report for {PFY}, which set out progress against "
	  "the Police and Crime Plan, the services he had commissioned for victims and the grants "
	  "awarded to community projects.\n\n"
	  "Members suggested that the final report should make clearer which commitments had been "
	  "completed and which had slipped, and that it should say more about outcomes for victims. The "
	  "Commissioner agreed to consider the Panel’s comments before publishing the report." },
	"RESOLVED that the Panel’s comments on the draft Annual Report for {PFY} be forwarded to the "
	"Police and Crime Commissioner.",
	NULL, 0, NULL, 0, NULL, NULL,
};

static const struct topic t_pcp_pool[] = {
	{ "Road Safety Task Group – Final Report",
	  "Chairman of the Road Safety Task Group",
	  "The Panel established a task group to investigate road safety across West Mercia. The report "
	  "sets out its findings on the work of the Safer Roads Partnership, community speed watch and "
	  "the use of mobile safety cameras.",
	  "The Panel is asked to endorse the task group’s findings and recommendations and refer them to "
	  "the Police and Crime Commissioner for a response.",
	  { "Communities value visible enforcement, including mobile safety cameras, as a deterrent to "
	    "speeding.",
	    "Community speed watch schemes have grown considerably, but volunteers report long waits "
	    "for training and equipment.",
	    "Collision data should be shared more widely with parish and town councils." },
	  { "The Chairman of the task group presented its final report. The task group had met "
	    "representatives of the Safer Roads Partnership, community speed watch volunteers and the "
	    "highway authorities, and made six recommendations to the Commissioner.\n\n"
	    "The Commissioner welcomed the report and undertook to respond to the recommendations "
	    "within two months." },
	  "RESOLVED that the findings and recommendations of the Road Safety Task Group be endorsed and "
	  "referred to the Police and Crime Commissioner for a response.",
	  NULL, 0, NULL, 0, NULL, NULL },
	{ "Complaints Against the Police and Crime Commissioner – Annual Summary",
	  "Monitoring Officer of the host authority",
	  "The Panel is responsible for the informal resolution of non-criminal complaints about the "
	  "conduct of the Police and Crime Commissioner. The report summarises the complaints received "
	  "in the past year and how they were handled.",
	  "The Panel is asked to note the report.",
	  { "Most complaints received concerned operational policing and were referred to West Mercia "
	    "Police.",
	    "No complaint required informal resolution by a sub-committee of the Panel.",
	    "No conduct matter was referred to the Independent Office for Police Conduct." },
	  { "The Panel received the annual summary of complaints against the Commissioner. Members noted "
	    "that most complaints had concerned operational policing, which was outside the Panel’s "
	    "remit and had been referred to the force, and that no complaint had required informal "
	    "resolution by a sub-committee." },
	  "RESOLVED that the report be noted.",
	  NULL, 0, NULL, 0, NULL, NULL },
	{ "Victim Services Commissioning Update",
	  "Police and Crime Commissioner",
	  "The report updates the Panel on the services commissioned by the Commissioner to support "
	  "victims of crime, including the Victim Advice Line, independent domestic and sexual violence "
	  "advisers and restorative justice.",
	  "The Panel is asked to consider the report and determine whether it wishes to make any comments.",
	  { "The Victim Advice Line is the single point of contact for victims, whether or not they have "
	    "reported the crime to the police.",
	    "Additional Ministry of Justice funding has been used to recruit independent sexual violence "
	    "advisers.",
	    "The restorative justice service has been recommissioned for a further three years." },
	  { "The Commissioner’s office presented an update on victim services. Members asked how "
	    "services were tailored for victims in rural areas and for young people, and about waiting "
	    "times for independent sexual violence advisers. The Commissioner explained that additional "
	    "Ministry of Justice funding had been used to recruit more advisers." },
	  "RESOLVED that the report be noted.",
	  NULL,
	  0, NULL, 0, NULL, NULL },
	{ "Rural and Business Crime Strategy Update",
	  "Police and Crime Commissioner",
	  "The report sets out progress with the rural and business crime strategy, including the work "
	  "of the dedicated rural crime officers, the farm watch schemes and partnership work with "
	  "business improvement districts.",
	  "The Panel is asked to consider the report and determine whether it wishes to make any comments.",
	  { "Thefts of farm machinery and fuel fell during the year.",
	    "Farm watch schemes now cover most of the rural parts of the force area.",
	    "Retailers have reported increased confidence following joint patrols in town centres." },
	  { "The Commissioner introduced the update. Members welcomed the reduction in thefts of farm "
	    "machinery and asked whether the farm watch model could be extended to equestrian "
	    "premises. A Member raised the impact of shoplifting on small retailers in market towns, and "
	    "the Commissioner agreed to share the force’s analysis of repeat offending with the Panel." },
	  "RESOLVED that the report be noted.",
	  NULL, 0, NULL, P_EVANS, "other_registrable",
	  "Member of the National Farmers’ Union and partner in a farming business." },
	{ "Serious Violence Duty and Youth Diversion Update",
	  "Police and Crime Commissioner",
	  "The report explains how the Commissioner is working with partners to meet the Serious "
	  "Violence Duty and describes the youth diversion schemes funded by the Commissioner.",
	  "The Panel is asked to consider the report and determine whether it wishes to make any comments.",
	  { "A strategic needs assessment has been completed for each local authority area.",
	    "Youth diversion schemes worked with more than 600 young people during the year.",
	    "Knife crime remains low compared with neighbouring forces." },
	  { "The Panel considered the report. Members asked how the effectiveness of youth diversion "
	    "schemes was evaluated and how schools were involved, and were told that each scheme "
	    "reported outcomes quarterly to the Commissioner’s office and that a county-wide evaluation "
	    "would be completed next year." },
	  "RESOLVED that the report be noted.",
	  NULL, 0, NULL, 0, NULL, NULL },
};

/* --- Cabinet --- */

static const struct topic t_cab_budget = {
	"Budget {NFY} and Medium Term Financial Plan – Recommendations to Council",
	"Chief Financial Officer",
	"The report sets out Cabinet’s proposed revenue budget and capital programme for {NFY}, the "
	"medium term financial plan and the proposed council tax, taking account of the provisional "
	"local government finance settlement and the comments of the Overview and Scrutiny "
	"Performance Board.",
	"Cabinet is asked to recommend the budget, capital programme and council tax for {NFY} to "
	"Council.",
	{ "Demand for adult social care, children’s social care and home to school transport are the "
	  "largest drivers of cost.",
	  "The budget includes savings and efficiencies across all directorates.",
	  "The proposed council tax increase includes the adult social care precept.",
	  "The Chief Financial Officer’s statement on the robustness of the estimates and the adequacy "
	  "of reserves is included as required by the Local Government Act 2003." },
	{ "The Cabinet Member with Responsibility for Finance introduced the report, explaining that "
	  "demand for adult and children’s social care and for home to school transport continued to "
	  "drive the Council’s costs, and that the budget included savings and efficiencies across all "
	  "directorates. The Chief Financial Officer’s statement on the robustness of the estimates "
	  "and the adequacy of reserves was noted.\n\n"
	  "Cabinet considered the comments of the Overview and Scrutiny Performance Board on the draft "
	  "budget and thanked the Board for its work." },
	"RESOLVED that Cabinet recommends to Council the revenue budget, capital programme and council "
	"tax for {NFY} as set out in the report.",
	"Appendix 1 - Proposed Revenue Budget {NFY}",
	T_KEY | T_BUDGET, NULL, 0, NULL, NULL,
};

static const struct topic t_cab_outturn = {
	"Provisional Revenue and Capital Outturn {PFY}",
	"Chief Financial Officer",
	"The report sets out the Council’s provisional revenue and capital outturn for {PFY}, subject to "
	"the audit of the statement of accounts, and proposes transfers to and from reserves.",
	"Cabinet is asked to note the provisional outturn and approve the proposed transfers to and from "
	"reserves.",
	{ "Overspending on children’s placements and home to school transport was offset by savings "
	  "elsewhere and by the use of contingency.",
	  "The capital programme delivered major highway and school schemes, with some slippage into the "
	  "current year.",
	  "General reserves remain within the range set in the medium term financial plan." },
	{ "The Cabinet Member with Responsibility for Finance presented the provisional outturn. "
	  "Overspending on children’s placements and home to school transport had been offset by "
	  "savings elsewhere and by the use of contingency, and general reserves remained within the "
	  "planned range." },
	"RESOLVED that the provisional revenue and capital outturn for {PFY} be noted and the proposed "
	"transfers to and from reserves be approved.",
	NULL, 0, NULL, 0, NULL, NULL,
};

static const struct topic t_cab_resources = {
	"Resources Report – Revenue and Capital Monitoring {QFY}",
	"Chief Financial Officer",
	"The report sets out the forecast revenue and capital outturn for {QFY} as at the end of {QN}, "
	"and the management action being taken to address budget pressures.",
	"Cabinet is asked to note the forecast position and endorse the management action set out in "
	"the report.",
	{ "A forecast overspend in children’s services is partly offset by underspending in other "
	  "directorates.",
	  "Management action includes a review of agency staffing and of non-essential spending.",
	  "The capital programme is forecast to be delivered within budget." },
	{ "The Cabinet Member with Responsibility for Finance introduced the report, which forecast an "
	  "overspend in children’s services partly offset by underspending elsewhere. Cabinet "
	  "discussed the management action under way, including the review of agency staffing.",
	  "Cabinet received the monitoring report for {QN}. The Chief Financial Officer advised that the "
	  "forecast position had improved since the last report but that demand pressures in social "
	  "care remained a significant risk." },
	"RESOLVED that the forecast revenue and capital position for {QFY} be noted and the management "
	"action set out in the report be endorsed.",
	NULL, 0, NULL, 0, NULL, NULL,
};

static const struct topic t_cab_pool[] = {
	{ "Highways Capital Programme – Resurfacing and Drainage Schemes",
	  "Strategic Director for Economy and Infrastructure",
	  "The report seeks approval for the programme of carriageway resurfacing, footway and drainage "
	  "schemes to be delivered from the highways capital allocation, and for delegated authority to "
	  "award the associated contracts.",
	  "Cabinet is asked to approve the programme and delegate authority to award the contracts.",
	  { "Schemes are prioritised using condition surveys and the Council’s highway asset management "
	    "approach.",
	    "The programme includes drainage schemes at locations with a history of flooding.",
	    "Works will be co-ordinated with utility companies to minimise disruption." },
	  { "The Cabinet Member with Responsibility for Highways and Transport introduced the report. "
	    "The programme prioritised roads in the worst condition and included drainage schemes at "
	    "locations with a history of flooding.\n\n"
	    "Cabinet noted that the programme would be published on the Council’s website and that "
	    "local members would be told before works started in their divisions." },
	  "RESOLVED that:\n\n(a) the programme of resurfacing, footway and drainage schemes set out in "
	  "Appendix 1 be approved; and\n\n(b) authority be delegated to the Strategic Director for "
	  "Economy and Infrastructure, in consultation with the Cabinet Member with Responsibility for "
	  "Highways and Transport, to award the associated contracts.",
	  "Appendix 1 - Schedule of Schemes",
	  T_KEY, NULL, 0, NULL, NULL },
	{ "Home to School Transport Policy",
	  "Strategic Director for People",
	  "The report sets out the outcome of the consultation on changes to the home to school "
	  "transport policy, including post-16 transport and the use of personal transport budgets, "
	  "and recommends a revised policy from September.",
	  "Cabinet is asked to approve the revised home to school transport policy.",
	  { "Spending on home to school transport has risen sharply, driven by the number of children "
	    "with education, health and care plans.",
	    "The revised policy keeps the statutory entitlement in full.",
	    "Personal transport budgets will be offered to more families as an alternative to taxis." },
	  { "The Cabinet Member with Responsibility for Education introduced the report and the "
	    "outcome of the consultation, to which more than 900 responses had been received.\n\n"
	    "In the ensuing discussion, the following main points were made:\n\n"
	    "- the statutory entitlement to free transport would be kept in full\n"
	    "- families would be offered personal transport budgets as an alternative to taxis\n"
	    "- the changes to post-16 transport would apply only to new applicants" },
	  "RESOLVED that the revised home to school transport policy be approved with effect from the "
	  "start of the next academic year.",
	  NULL, T_KEY, NULL,
	  P_FIELDING, "other_registrable", "Governor of a school whose pupils use home to school transport." },
	{ "Local Transport Plan 5 – Approval for Consultation",
	  "Strategic Director for Economy and Infrastructure",
	  "The report presents the draft fifth Local Transport Plan, setting out the Council’s transport "
	  "strategy to 2041, and seeks approval to consult the public and partners on it.",
	  "Cabinet is asked to approve the draft Local Transport Plan for public consultation.",
	  { "The plan covers highways, public transport, walking and cycling.",
	    "It supports planned housing and employment growth in the county.",
	    "Consultation will run for twelve weeks." },
	  { "The Cabinet Member with Responsibility for Highways and Transport introduced the draft plan. "
	    "Cabinet discussed rural bus services, the role of rail and the funding available for "
	    "walking and cycling schemes, and asked that the consultation reach residents without "
	    "internet access." },
	  "RESOLVED that the draft Local Transport Plan 5 be approved for a twelve-week public consultation.",
	  NULL, T_KEY, NULL, 0, NULL, NULL },
	{ "Adult Social Care Charging Policy",
	  "Strategic Director for People",
	  "The report proposes changes to the charging policy for non-residential adult social care "
	  "following consultation, in line with the Care Act 2014 and statutory guidance.",
	  "Cabinet is asked to approve the revised charging policy.",
	  { "Charges are based on an individual financial assessment of what a person can afford.",
	    "The minimum income guarantee set by the Government is protected.",
	    "Around 40% of people receiving care at home will see no change to their contribution." },
	  { "The Cabinet Member with Responsibility for Adult Social Care introduced the report. Cabinet "
	    "noted the outcome of the consultation and the equality impact assessment, and the "
	    "arrangements to support people through the financial assessment process." },
	  "RESOLVED that the revised charging policy for non-residential adult social care be approved.",
	  NULL, T_KEY, NULL, 0, NULL, NULL },
	{ "Library Service Strategy",
	  "Strategic Director for Communities",
	  "The report presents a new strategy for the county’s libraries, including extended opening "
	  "with self-service technology and closer work with communities and partners.",
	  "Cabinet is asked to approve the Library Service Strategy.",
	  { "All 21 libraries remain open under the strategy.",
	    "Self-service technology will extend opening hours in larger libraries.",
	    "Community groups will be supported to run activities in library buildings." },
	  { "The Cabinet Member with Responsibility for Communities presented the strategy, which kept "
	    "all libraries open and extended opening hours through self-service technology. Cabinet "
	    "welcomed the emphasis on reading for children and digital inclusion." },
	  "RESOLVED that the Library Service Strategy be approved.",
	  NULL, T_KEY, NULL, 0, NULL, NULL },
	{ "Fostering Recruitment and Retention Strategy",
	  "Strategic Director for People",
	  "The report sets out the Council’s strategy to recruit and retain more foster carers, so that "
	  "more children in care can live with families close to home.",
	  "Cabinet is asked to endorse the strategy.",
	  { "The Council needs around 60 more fostering households over the next three years.",
	    "An improved allowance and support package is proposed for foster carers.",
	    "Placements with in-house carers cost significantly less than agency placements." },
	  { "The Cabinet Member with Responsibility for Children and Families introduced the strategy. "
	    "Cabinet paid tribute to the county’s foster carers and discussed the support offered to "
	    "carers of teenagers." },
	  "RESOLVED that the Fostering Recruitment and Retention Strategy be endorsed.",
	  NULL, 0, NULL, 0, NULL, NULL },
	{ "Special Educational Needs and Disabilities (SEND) Sufficiency Strategy",
	  "Strategic Director for People",
	  "The report sets out how the Council will provide enough specialist school places for children "
	  "with special educational needs and disabilities, including new special school places and "
	  "resourced provision in mainstream schools.",
	  "Cabinet is asked to approve the strategy and the associated capital programme.",
	  { "The number of children with education, health and care plans has doubled in six years.",
	    "The strategy creates more than 300 additional specialist places.",
	    "More places close to home will reduce travel times and transport costs." },
	  { "The Cabinet Member with Responsibility for Education introduced the strategy. Cabinet "
	    "discussed the timetable for the new places and the involvement of parents and carers in "
	    "their design." },
	  "RESOLVED that the SEND Sufficiency Strategy and the associated capital programme be approved.",
	  "Appendix 1 - Proposed Specialist Places",
	  T_KEY, NULL, 0, NULL, NULL },
};

/* --- Full Council --- */

static const struct topic t_fc_budget = {
	"Budget {NFY} and Council Tax",
	"Chief Financial Officer",
	"Council is asked to approve the revenue budget, capital programme and council tax for {NFY} "
	"recommended by Cabinet, together with the medium term financial plan and the treasury "
	"management strategy.",
	"Council is asked to approve the recommendations of Cabinet set out in the report.",
	{ "The net revenue budget is balanced without the use of general reserves.",
	  "The council tax increase includes the adult social care precept.",
	  "The capital programme includes investment in highways, schools and flood defences." },
	{ "The Leader of the Council moved the recommendations of Cabinet on the budget and council tax "
	  "for {NFY}, which were seconded by the Cabinet Member with Responsibility for Finance. An "
	  "amendment to reallocate funding to local bus services was moved, debated and lost.\n\n"
	  "As required by the Local Authorities (Standing Orders) (England) (Amendment) Regulations "
	  "2014, a recorded vote was taken on the substantive motion: {VFOR} members voted for the "
	  "motion, {VAGAINST} against and {VABST} abstained, and the motion was carried." },
	"RESOLVED that the revenue budget, capital programme and council tax for {NFY} be approved as "
	"recommended by Cabinet.",
	NULL,
	T_BUDGET | T_VOTE | T_RECORDED, "That the budget and council tax for {NFY} recommended by Cabinet be approved",
	0, NULL, NULL,
};

static const struct topic t_fc_feb[] = {
	{ "Pay Policy Statement {NFY}",
	  "Assistant Director for People and Organisational Development",
	  "The Localism Act 2011 requires the Council to approve a pay policy statement for each "
	  "financial year, setting out its policies on the pay of its chief officers and lowest paid "
	  "employees.",
	  "Council is asked to approve the Pay Policy Statement for {NFY}.",
	  { "The statement sets out the ratio between the pay of the highest paid officer and the "
	    "median earnings of the workforce.",
	    "The Council continues to pay at least the real Living Wage." },
	  { "Council considered the Pay Policy Statement for {NFY}." },
	  "RESOLVED that the Pay Policy Statement for {NFY} be approved.",
	  NULL, 0, NULL, 0, NULL, NULL },
};

static const struct topic t_fc_may[] = {
	{ "Allocation of Seats to Political Groups and Appointment of Committees {FY}",
	  "Assistant Director for Legal and Governance",
	  "The report sets out the allocation of seats on committees to political groups in accordance "
	  "with the Local Government and Housing Act 1989, and the nominations of the groups.",
	  "Council is asked to approve the allocation of seats and appoint members to committees.",
	  { "Seats are allocated in proportion to the size of each political group.",
	    "The nominations of the groups are set out in the appendix." },
	  { "Council considered the allocation of seats and the nominations of the political groups." },
	  "RESOLVED that the allocation of seats to political groups be approved and members be "
	  "appointed to committees as set out in the report.",
	  NULL, 0, NULL, 0, NULL, NULL },
	{ "Annual Report of the Audit and Governance Committee {PFY}",
	  "Chairman of the Audit and Governance Committee",
	  "The report summarises the work of the Audit and Governance Committee during {PFY} and the "
	  "assurance it has gained on the Council’s governance, risk management and internal control.",
	  "Council is asked to note the report.",
	  { "The Committee approved the audited statement of accounts and the annual governance statement.",
	    "It received every internal audit report with a limited assurance opinion." },
	  { "The Chairman of the Audit and Governance Committee presented the annual report and thanked "
	    "the Committee’s independent member for his contribution." },
	  "RESOLVED that the Annual Report of the Audit and Governance Committee be noted.",
	  NULL, 0, NULL, 0, NULL, NULL },
};

static const struct topic t_fc_nov[] = {
	{ "Reports of Cabinet Members with Responsibility",
	  "Leader of the Council",
	  "Cabinet Members report on the main matters within their areas of responsibility and answer "
	  "questions from members.",
	  "Council is asked to note the reports.",
	  { "The reports cover highways, adult social care, children and families, and the economy." },
	  { "The Cabinet Members with Responsibility for Highways and Transport and for Adult Social Care "
	    "presented their reports and answered questions on winter gritting, pothole repairs and "
	    "the recruitment of care workers." },
	  "RESOLVED that the reports be noted.",
	  NULL, 0, NULL, 0, NULL, NULL },
	{ "Notice of Motion – Local Bus Services",
	  NULL,
	  "Councillor Catherine Lowe has given notice of the following motion: “Council recognises the "
	  "importance of local bus services to residents without access to a car, particularly in rural "
	  "areas, and asks Cabinet to report on options to protect supported bus routes.”",
	  "Council is asked to debate the motion.",
	  { NULL },
	  { "The motion was moved by Councillor Catherine Lowe and seconded by Councillor Tom Beresford. "
	    "Members spoke about the importance of buses to young people and older residents in rural "
	    "areas. The Cabinet Member with Responsibility for Highways and Transport explained that bus "
	    "services would be reviewed as part of the Local Transport Plan.\n\n"
	    "On being put to the vote, the motion was lost ({VFOR} for, {VAGAINST} against, "
	    "{VABST} abstentions)." },
	  NULL, NULL,
	  T_VOTE | T_LOST | T_NODOC, "That the motion on local bus services be agreed", 0, NULL, NULL },
};

/* --- Audit and Governance Committee --- */

static const struct topic t_audit_mar[] = {
	{ "Internal Audit Plan {NFY}",
	  "Chief Internal Auditor",
	  "The report presents the risk-based internal audit plan for {NFY}, prepared in accordance with "
	  "the Global Internal Audit Standards in the UK Public Sector.",
	  "The Committee is asked to approve the Internal Audit Plan for {NFY}.",
	  { "The plan provides 1,450 days of audit work.",
	    "Coverage is based on the corporate risk register and consultation with directors.",
	    "Key financial systems are audited every year." },
	  { "The Chief Internal Auditor presented the plan. Members asked about the coverage of "
	    "cyber security and of the Council’s companies, and were assured that both were included." },
	  "RESOLVED that the Internal Audit Plan for {NFY} be approved.",
	  NULL, 0, NULL, 0, NULL, NULL },
	{ "External Audit Plan {FY}",
	  "External Auditor",
	  "The External Auditor’s plan sets out the approach to the audit of the Council’s accounts for "
	  "{FY} and to the value for money arrangements, including the significant risks identified.",
	  "The Committee is asked to note the External Audit Plan.",
	  { "Significant risks include the valuation of land and buildings and the pension liability.",
	    "The audit fee is set by Public Sector Audit Appointments." },
	  { "The External Auditor presented the audit plan and the significant risks identified. Members "
	    "asked about the timetable for the audit and the resources available to complete it." },
	  "RESOLVED that the External Audit Plan be noted.",
	  NULL, 0, NULL, 0, NULL, NULL },
};

static const struct topic t_audit_jul[] = {
	{ "Draft Statement of Accounts {PFY}",
	  "Chief Financial Officer",
	  "The report presents the unaudited statement of accounts for {PFY}, published for public "
	  "inspection in accordance with the Accounts and Audit Regulations 2015.",
	  "The Committee is asked to note the draft statement of accounts and the arrangements for its audit.",
	  { "The accounts were published by the statutory deadline.",
	    "The period for public inspection runs for 30 working days.",
	    "The narrative report summarises the Council’s financial performance." },
	  { "The Chief Financial Officer presented the draft statement of accounts. Members asked about "
	    "the movement in the pension liability and the level of earmarked reserves." },
	  "RESOLVED that the draft Statement of Accounts for {PFY} be noted.",
	  "Appendix 1 - Narrative Report {PFY}",
	  0, NULL, P_ROWE, "other",
	  "Member of the Worcestershire Pension Fund Committee." },
	{ "Annual Governance Statement {PFY}",
	  "Assistant Director for Legal and Governance",
	  "The draft Annual Governance Statement reports on the effectiveness of the Council’s "
	  "governance arrangements during {PFY} and the significant governance issues identified.",
	  "The Committee is asked to approve the draft Annual Governance Statement.",
	  { "The statement is based on assurances from directors and the work of internal audit.",
	    "Significant issues include the financial sustainability of children’s services." },
	  { "The Monitoring Officer presented the draft statement. The Committee asked that the action "
	    "plan for each significant issue name a responsible officer and a completion date." },
	  "RESOLVED that the draft Annual Governance Statement for {PFY} be approved.",
	  NULL, 0, NULL, 0, NULL, NULL },
};

static const struct topic t_audit_dec[] = {
	{ "Internal Audit Progress Report",
	  "Chief Internal Auditor",
	  "The report summarises progress against the internal audit plan for {FY} and the findings of "
	  "the audits completed since the last meeting.",
	  "The Committee is asked to note the report.",
	  { "Most of the planned audits are complete or in progress.",
	    "Two audits received a limited assurance opinion.",
	    "Management has agreed action plans for every recommendation." },
	  { "The Chief Internal Auditor presented the report. Members asked about the two audits with "
	    "limited assurance, on contract management and on the payroll system, and asked the "
	    "relevant directors to attend the next meeting to report on progress." },
	  "RESOLVED that the report be noted and the directors responsible for the two audits with limited "
	  "assurance be invited to the next meeting.",
	  NULL, 0, NULL, 0, NULL, NULL },
	{ "Corporate Risk Register Update",
	  "Chief Financial Officer",
	  "The report presents the corporate risk register, the changes made since it was last "
	  "reported and the mitigating actions for the highest risks.",
	  "The Committee is asked to consider the corporate risk register.",
	  { "The highest risks relate to financial sustainability and demand for social care.",
	    "A new risk has been added on local government reorganisation." },
	  { "The Committee considered the corporate risk register and discussed the risk arising from "
	    "local government reorganisation and the cyber security risk." },
	  "RESOLVED that the corporate risk register be noted.",
	  NULL, 0, NULL, 0, NULL, NULL },
};

/* --- Planning and Regulatory Committee --- */

static const struct topic t_plan_pool[] = {
	{ "Proposed Extraction of Sand and Gravel with Restoration to Agriculture and Nature Conservation, "
	  "Land off Ryall Lane, near Upton-upon-Severn",
	  "Head of Planning and Transport Planning",
	  "Application reference {YY}/000031/CM. The application proposes the phased extraction of about "
	  "1.2 million tonnes of sand and gravel over ten years, with progressive restoration to "
	  "agriculture and wetland habitat.",
	  "The Head of Planning and Transport Planning recommends that planning permission be granted, "
	  "subject to conditions.",
	  { "The site is allocated in the Minerals Local Plan.",
	    "Lorries would use a new access to the A4104, avoiding the village.",
	    "Restoration would create more than 20 hectares of priority habitat." },
	  { "The Head of Planning and Transport Planning introduced the report and the conditions "
	    "proposed. The Committee heard from a representative of the parish council, who raised "
	    "concerns about noise and dust, and from the applicant’s agent.\n\n"
	    "Members asked about the hours of working, the monitoring of dust and the protection of "
	    "the public footpath crossing the site." },
	  "RESOLVED that planning permission be granted for the extraction of sand and gravel with "
	  "restoration to agriculture and nature conservation, subject to the conditions set out in the "
	  "report.",
	  NULL,
	  T_VOTE, "That planning permission be granted subject to conditions", 0, NULL, NULL },
	{ "Proposed Two-Storey Teaching Block, Pershore High School, Station Road, Pershore",
	  "Head of Planning and Transport Planning",
	  "Application reference {YY}/000044/REG3, made by the County Council as education authority. The "
	  "proposal is a two-storey teaching block of eight classrooms to accommodate the school’s "
	  "planned expansion.",
	  "The Head of Planning and Transport Planning recommends that planning permission be granted, "
	  "subject to conditions.",
	  { "The expansion responds to housing growth in the Pershore area.",
	    "A revised travel plan would encourage walking and cycling to school.",
	    "The building would meet high standards of energy efficiency." },
	  { "The Committee considered the application. Members welcomed the additional places but asked "
	    "about parking and congestion at the start and end of the school day, and about the "
	    "travel plan." },
	  "RESOLVED that planning permission be granted for the two-storey teaching block, subject to the "
	  "conditions set out in the report.",
	  NULL,
	  T_VOTE, "That planning permission be granted subject to conditions",
	  P_HADLEY, "other", "Local member for the Pershore division; she has not expressed a view on the application." },
	{ "Proposed Extension to Opening Hours, Household Recycling Centre, Hoo Farm, Kidderminster",
	  "Head of Planning and Transport Planning",
	  "Application reference {YY}/000052/CM. The application proposes to vary the conditions of the "
	  "existing permission so that the centre may open until 8pm on weekdays in the summer months.",
	  "The Head of Planning and Transport Planning recommends that planning permission be granted, "
	  "subject to conditions.",
	  { "The extended hours would reduce queuing at weekends.",
	    "No objection has been received from the environmental health officer." },
	  { "The Committee considered the application. A Member asked about the effect of evening "
	    "opening on nearby homes, and officers explained that noisy activities would end at 6pm." },
	  "RESOLVED that planning permission be granted for the extension to opening hours, subject to "
	  "the conditions set out in the report.",
	  NULL,
	  T_VOTE, "That planning permission be granted subject to conditions",
	  P_HOLLOWAY, "other_registrable", "Member of Wyre Forest District Council, which was consulted on the application." },
	{ "Proposed Inert Waste Recycling Facility, Former Brickworks, Stoke Prior, Bromsgrove",
	  "Head of Planning and Transport Planning",
	  "Application reference {YY}/000058/CM. The application proposes a facility to recycle up to "
	  "75,000 tonnes a year of construction and demolition waste into aggregates.",
	  "The Head of Planning and Transport Planning recommends that planning permission be granted, "
	  "subject to conditions.",
	  { "The site is previously developed land allocated for waste management.",
	    "Recycled aggregates reduce the need for primary extraction." },
	  { "The Committee heard from two local residents who objected to the application on grounds of "
	    "noise and traffic, and from the applicant. Members discussed the proposed noise limits "
	    "and the routeing of lorries." },
	  "RESOLVED that planning permission be granted for the inert waste recycling facility, subject "
	  "to the conditions set out in the report and a legal agreement on lorry routeing.",
	  NULL,
	  T_VOTE, "That planning permission be granted subject to conditions and a legal agreement", 0, NULL, NULL },
	{ "Proposed Replacement Special School, Land off Hallow Road, Worcester",
	  "Head of Planning and Transport Planning",
	  "Application reference {YY}/000063/REG3, made by the County Council as education authority. The "
	  "proposal is a replacement special school for 150 pupils with associated parking and play areas.",
	  "The Head of Planning and Transport Planning recommends that planning permission be granted, "
	  "subject to conditions.",
	  { "The new school would replace buildings that are no longer fit for purpose.",
	    "The site layout provides for safe drop-off by school transport." },
	  { "The Committee considered the application and welcomed the investment in specialist "
	    "provision. Members asked about the landscaping scheme and the protection of mature trees." },
	  "RESOLVED that planning permission be granted for the replacement special school, subject to "
	  "the conditions set out in the report.",
	  NULL,
	  T_VOTE, "That planning permission be granted subject to conditions", 0, NULL, NULL },
	{ "Proposed Variation of Conditions for Lorry Routeing, Chadwich Lane Quarry, Bromsgrove",
	  "Head of Planning and Transport Planning",
	  "Application reference {YY}/000071/CM. The application seeks to vary the lorry routeing "
	  "condition so that lorries may use the B4551 through Romsley.",
	  "The Head of Planning and Transport Planning recommends that planning permission be granted, "
	  "subject to conditions.",
	  { "The highway authority raises no objection.",
	    "More than 200 objections have been received from local residents." },
	  { "The Committee heard from the chairman of the parish council and from a local resident, who "
	    "objected to lorries passing the primary school in Romsley, and from the applicant’s agent.\n\n"
	    "Members considered that the effect on the safety and amenity of residents would be "
	    "unacceptable. The officer recommendation to grant permission was put to the vote and lost, "
	    "and the Committee then resolved to refuse permission." },
	  "RESOLVED that planning permission be refused because the proposed routeing would cause "
	  "unacceptable harm to highway safety and to the amenity of residents of Romsley.",
	  NULL,
	  T_VOTE | T_LOST, "That planning permission be granted subject to conditions", 0, NULL, NULL },
};

/* --- Overview and Scrutiny Performance Board --- */

static const struct topic t_os_budget = {
	"Budget Scrutiny {NFY} – Cabinet’s Draft Budget Proposals",
	"Chief Financial Officer",
	"The Board is invited to scrutinise Cabinet’s draft budget for {NFY}, drawing on the work of the "
	"scrutiny panels, and to agree its comments to Cabinet.",
	"The Board is asked to agree the comments it wishes to make to Cabinet on the draft budget.",
	{ "The draft budget responds to rising demand for social care and home to school transport.",
	  "The scrutiny panels have each examined the proposals for their areas." },
	{ "The Cabinet Member with Responsibility for Finance and the Chief Financial Officer presented "
	  "the draft budget and answered members’ questions.\n\n"
	  "The Board agreed the following main comments for Cabinet:\n\n"
	  "- the savings proposals for children’s services should be accompanied by a clear "
	  "assessment of their risks\n"
	  "- the Board supported continued investment in highway maintenance\n"
	  "- more information should be published on the assumptions behind the medium term "
	  "financial plan" },
	"RESOLVED that the Board’s comments on the draft budget for {NFY} be reported to Cabinet.",
	NULL, T_BUDGET, NULL, 0, NULL, NULL,
};

static const struct topic t_os_perf = {
	"Performance and In-Year Budget Monitoring – {QN} {QFY}",
	"Chief Executive",
	"The report presents the Council’s performance against its corporate plan and the forecast "
	"budget position at the end of {QN} {QFY}.",
	"The Board is asked to consider the report and agree any matters for further scrutiny.",
	{ "Most corporate plan measures are on target or within tolerance.",
	  "Timeliness of education, health and care plans remains below target.",
	  "Highway defects were repaired within target times." },
	{ "The Board considered the performance and budget monitoring report for {QN}. Members asked "
	  "about the timeliness of education, health and care plans and the use of agency social "
	  "workers, and agreed to add both to the work programme.",
	  "The Chief Executive presented the report. The Board discussed the forecast overspend in "
	  "children’s services, the number of delayed transfers of care and the completion rate of "
	  "highway defect repairs." },
	"RESOLVED that the report be noted and the matters identified be added to the work programme.",
	NULL, 0, NULL, P_BERESFORD, "other_registrable",
	"Employed by the local NHS integrated care board." };

static const struct topic t_os_pool[] = {
	{ "Highways Maintenance Performance",
	  "Strategic Director for Economy and Infrastructure",
	  "The report responds to the Board’s request for information on the condition of the county’s "
	  "roads, the repair of potholes and the performance of the highways contractor.",
	  "The Board is asked to consider the report and make any recommendations to the Cabinet Member.",
	  { "Most potholes are repaired within the target time.",
	    "The condition of principal roads is better than the national average." },
	  { "The Cabinet Member with Responsibility for Highways and Transport and officers presented the "
	    "report. Members asked about the quality of permanent repairs and the reporting of defects "
	    "by the public." },
	  "RESOLVED that the Board recommends to the Cabinet Member that the public be told when "
	  "reported defects have been repaired.",
	  NULL, 0, NULL, 0, NULL, NULL },
	{ "Adult Social Care – Waiting Times for Assessment",
	  "Strategic Director for People",
	  "The report sets out the number of people waiting for a Care Act assessment, how long they "
	  "wait and the action being taken to reduce waiting times.",
	  "The Board is asked to consider the report and make any recommendations to the Cabinet Member.",
	  { "Waiting times have fallen over the past six months.",
	    "People waiting are contacted to check whether their needs have changed." },
	  { "The Board considered the report. Members asked how urgent cases were prioritised and "
	    "welcomed the reduction in waiting times." },
	  "RESOLVED that the report be noted and a further update be received in six months.",
	  NULL, 0, NULL, 0, NULL, NULL },
	{ "Public Health Annual Report {PFY}",
	  "Director of Public Health",
	  "The Director of Public Health’s independent annual report on the health of the people of "
	  "Worcestershire, this year on healthy ageing.",
	  "The Board is asked to consider the report.",
	  { "Life expectancy in the county is above the national average.",
	    "The gap in healthy life expectancy between the most and least deprived areas is widening." },
	  { "The Director of Public Health presented her annual report, which focused on healthy ageing. "
	    "Members discussed loneliness, falls prevention and access to leisure facilities." },
	  "RESOLVED that the Public Health Annual Report be noted.",
	  NULL, 0, NULL, 0, NULL, NULL },
	{ "Climate Change and Net Zero Progress Report",
	  "Strategic Director for Economy and Infrastructure",
	  "The report describes progress towards the Council’s commitment to reach net zero carbon "
	  "emissions from its own operations.",
	  "The Board is asked to consider the report and make any recommendations.",
	  { "Emissions from the Council’s buildings and fleet have fallen by a third since 2019.",
	    "Street lighting has been converted to LED." },
	  { "The Board considered the report. Members asked about the electrification of the fleet and "
	    "the planting of trees on council land." },
	  "RESOLVED that the report be noted.",
	  NULL, 0, NULL, 0, NULL, NULL },
	{ "SEND Improvement Plan – Progress Update",
	  "Strategic Director for People",
	  "The report updates the Board on progress with the improvement plan for special educational "
	  "needs and disabilities agreed with the Department for Education.",
	  "The Board is asked to consider the report and make any recommendations.",
	  { "More education, health and care plans are being completed within 20 weeks.",
	    "Parents and carers are represented on the improvement board." },
	  { "The Board considered the update and heard from the chair of the parent carer forum. "
	    "Members asked about communication with families waiting for assessments." },
	  "RESOLVED that the report be noted and the Board’s comments be passed to the Cabinet Member.",
	  NULL, 0, NULL, 0, NULL, NULL },
};

/* The exempt item, the draft agenda and the draft minutes: the only places
 * the marker words appear. */
#define EXEMPT_TITLE "Estates Strategy – Proposed Disposal of Former Highways Depot, Pershore Road"
#define EXEMPT_REASON "Information relating to the financial or business affairs of any particular " \
	"person (including the authority holding that information)"
static const char exempt_description[] =
	"This report seeks approval to dispose of the former highways depot on Pershore Road to the "
	"preferred bidder identified through the marketing exercise known as Project " DEMO_EXEMPT_MARKER
	", and sets out the commercial terms of the proposed sale.";
static const char exempt_minutes[] =
	"Cabinet considered the exempt report on Project " DEMO_EXEMPT_MARKER ", which set out the outcome "
	"of the marketing exercise for the former highways depot and the terms offered by the preferred "
	"bidder. Members asked about the conditions attached to the offer and the timetable for completion.";
static const char exempt_decision[] =
	"RESOLVED that the disposal of the former highways depot on Pershore Road to the preferred bidder "
	"under Project " DEMO_EXEMPT_MARKER " be approved on the terms set out in the exempt report, and "
	"that authority be delegated to the Chief Financial Officer to complete the sale.";

static const char draft_agenda_1[] =
	"The report will seek approval to consult on the expansion of park and ride services in "
	"Worcester, including a new site at " DEMO_DRAFT_AGENDA_MARKER " Road on the eastern edge of the "
	"city, and on bus priority measures on the approach roads.";
static const char draft_agenda_2[] =
	"The report will set out the forecast revenue and capital outturn for {QFY}, including the "
	"capital allocation for the " DEMO_DRAFT_AGENDA_MARKER " Road site.";

static const char draft_minutes_extra[] =
	"A Member raised concerns about flooding at " DEMO_DRAFT_MINUTES_MARKER " Close, and officers "
	"agreed to provide a written response.";

/* ------------------------------------------------------------------ */
/* The municipal calendar                                              */
/* ------------------------------------------------------------------ */

enum { SUN, MON, TUE, WED, THU, FRI, SAT };

static const struct cal_def {
	int org, month, weekday, nth;   /* nth weekday of the month; -1: the last */
	int loc;
	const char *start, *end;
} calendar[] = {
	{ O_PANEL, 2, MON, 1, L_CHAMBER, "11:00", "13:30" },
	{ O_PANEL, 6, MON, 2, L_CHAMBER, "11:00", "13:00" },
	{ O_PANEL, 9, MON, 3, L_SHIREHALL, "14:00", "16:15" },
	{ O_PANEL, 11, MON, 3, L_CHAMBER, "11:00", "13:15" },
	{ O_CABINET, 1, THU, -1, L_CHAMBER, "10:00", "12:00" },
	{ O_CABINET, 4, THU, 3, L_CHAMBER, "10:00", "11:45" },
	{ O_CABINET, 7, THU, 2, L_CHAMBER, "10:00", "12:15" },
	{ O_CABINET, 10, THU, 3, L_CHAMBER, "10:00", "11:30" },
	{ O_COUNCIL, 2, THU, 2, L_CHAMBER, "10:00", "15:30" },
	{ O_COUNCIL, 5, THU, 3, L_CHAMBER, "10:00", "12:30" },
	{ O_COUNCIL, 11, THU, 2, L_CHAMBER, "10:00", "14:45" },
	{ O_AUDIT, 3, FRI, 2, L_ROOM1, "10:00", "12:30" },
	{ O_AUDIT, 7, FRI, 4, L_ROOM1, "10:00", "12:45" },
	{ O_AUDIT, 12, FRI, 1, L_ROOM1, "10:00", "12:00" },
	{ O_PLANNING, 3, TUE, 1, L_CHAMBER, "10:00", "13:00" },
	{ O_PLANNING, 6, TUE, 4, L_CHAMBER, "10:00", "12:30" },
	{ O_PLANNING, 10, TUE, 1, L_CHAMBER, "10:00", "13:15" },
	{ O_OSPB, 1, WED, 2, L_KIDDERMINSTER, "14:00", "16:30" },
	{ O_OSPB, 4, WED, 4, L_KIDDERMINSTER, "14:00", "16:00" },
	{ O_OSPB, 9, WED, 4, L_KIDDERMINSTER, "18:00", "20:00" },
};
#define NCAL (int)(sizeof(calendar) / sizeof(calendar[0]))

/* ------------------------------------------------------------------ */
/* Dates                                                               */
/* ------------------------------------------------------------------ */

static int weekday(int64_t z)
{
	return (int)(((z % 7) + 11) % 7);  /* 1970-01-01 was a Thursday */
}

static int64_t nth_weekday(int y, int m, int wd, int nth)
{
	int64_t first, last;

	if (nth > 0) {
		first = days_from_civil(y, m, 1);
		return first + (wd - weekday(first) + 7) % 7 + 7 * (nth - 1);
	}
	last = (m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1)) - 1;
	return last - (weekday(last) - wd + 7) % 7;
}

static int64_t add_months(int64_t day, int n)
{
	int y, m, d, months;

	civil_from_days(day, &y, &m, &d);
	months = y * 12 + (m - 1) + n;
	y = months / 12;
	m = months % 12 + 1;
	if (d > 28)
		d = 28;
	return days_from_civil(y, m, d);
}

/* British Summer Time: from the last Sunday of March to the last Sunday of
 * October (good for the daytime hours used here). */
static int is_bst(int64_t day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	return day >= nth_weekday(y, 3, SUN, -1) && day < nth_weekday(y, 10, SUN, -1);
}

static const char *const month_names[] = { "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December" };
static const char *const day_names[] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
	"Friday", "Saturday" };

static void fmt_iso(char *out, size_t n, int64_t day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(out, n, "%04d-%02d-%02d", y, m, d);
}

/* "4 February 2019", or with the weekday "Monday 4 February 2019". */
static void fmt_long(char *out, size_t n, int64_t day, int with_weekday)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	if (with_weekday)
		snprintf(out, n, "%s %d %s %d", day_names[weekday(day)], d, month_names[m - 1], y);
	else
		snprintf(out, n, "%d %s %d", d, month_names[m - 1], y);
}

/* Local wall-clock time in Worcester as UTC 'YYYY-MM-DDTHH:MM:SSZ'. */
static void fmt_utc(char *out, size_t n, int64_t day, int hh, int mm)
{
	int64_t t = day * 1440 + hh * 60 + mm - (is_bst(day) ? 60 : 0);
	int64_t dd = t / 1440;
	int y, m, d, mins = (int)(t % 1440);

	civil_from_days(dd, &y, &m, &d);
	snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:00Z", y, m, d, mins / 60, mins % 60);
}

static int hhmm(const char *s, int *hh, int *mm)
{
	char *end;
	long h = strtol(s, &end, 10), mi;

	if (*end != ':')
		return -1;
	mi = strtol(end + 1, NULL, 10);
	*hh = (int)h;
	*mm = (int)mi;
	return 0;
}

/* Financial year starting in April of year y, as "2026/27". */
static void fmt_fy(char *out, size_t n, int y)
{
	snprintf(out, n, "%d/%02d", y, (y + 1) % 100);
}

/* ------------------------------------------------------------------ */
/* The plan of meetings                                                */
/* ------------------------------------------------------------------ */

enum { S_HELD, S_SCHEDULED, S_CANCELLED, S_POSTPONED };

enum {
	M_PUB_AGENDA = 1,      /* the agenda is published */
	M_DRAFT_MINUTES = 2,   /* held, minutes still a draft */
	M_EXEMPT = 4,          /* has the exempt item */
	M_DRAFT_AGENDA = 8,    /* upcoming, agenda being drafted (the marker items) */
	M_SEED = 16,           /* the real seed meeting */
	M_ARCHIVE = 32,        /* the seed meeting's era (2019) */
};

struct mtg {
	int org, month;             /* month: of the calendar slot (chooses the topics) */
	int64_t day;
	int loc;
	const char *start, *end;
	int state;
	unsigned flags;
	int seq;                    /* its number among the committee's meetings */
	int64_t id;
	int approver;               /* plan index of the meeting approving its minutes, or -1 */
};

#define MAX_PLAN 96

static int cmp_mtg(const void *a, const void *b)
{
	const struct mtg *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->org - y->org;
}

/* The meetings from 18 months before today to 6 months after it, from the
 * calendar, with the special cases assigned.  Returns the count. */
static int plan_meetings(int64_t today, struct mtg *p, int max)
{
	int64_t lo = add_months(today, -18), hi = add_months(today, 6);
	int y0, m0, d0, n = 0, i, j, first_future = -1, seqs[NORG] = { 0 };
	int last_pl = -1, prev_pl = -1, latest_held = -1, exempt = -1, heron = -1, postponed = -1;

	civil_from_days(today, &y0, &m0, &d0);
	for (int y = y0 - 2; y <= y0 + 1; y++) {
		for (i = 0; i < NCAL && n < max; i++) {
			const struct cal_def *c = &calendar[i];
			int64_t day = nth_weekday(y, c->month, c->weekday, c->nth);

			if (day < lo || day > hi)
				continue;
			p[n] = (struct mtg){ .org = c->org, .month = c->month, .day = day, .loc = c->loc,
				.start = c->start, .end = c->end, .approver = -1 };
			n++;
		}
	}
	qsort(p, (size_t)n, sizeof(*p), cmp_mtg);

	/* Make sure some meeting is coming up within a fortnight, so that one
	 * agenda is published ahead of its meeting. */
	for (i = 0; i < n && first_future < 0; i++)
		if (p[i].day >= today)
			first_future = i;
	if (first_future >= 0 && p[first_future].day > today + 14) {
		int64_t day = today + 8;

		while (weekday(day) != weekday(p[first_future].day))
			day++;
		p[first_future].day = day;
	}

	for (i = 0; i < n; i++) {
		p[i].seq = seqs[p[i].org]++;
		if (p[i].day < today) {
			p[i].state = S_HELD;
			latest_held = i;
			if (p[i].org == O_PLANNING) {
				prev_pl = last_pl;
				last_pl = i;
			}
		} else {
			p[i].state = S_SCHEDULED;
		}
	}
	/* One cancelled meeting: the last Planning meeting but one. */
	if (prev_pl >= 0) {
		p[prev_pl].state = S_CANCELLED;
		if (latest_held == prev_pl)
			latest_held = -1;
	}
	if (latest_held < 0)
		for (i = 0; i < n; i++)
			if (p[i].state == S_HELD)
				latest_held = i;
	/* The most recent meeting's minutes are still being drafted. */
	if (latest_held >= 0)
		p[latest_held].flags |= M_DRAFT_MINUTES;
	/* The exempt item: the latest Cabinet held with published minutes. */
	for (i = 0; i < n; i++)
		if (p[i].org == O_CABINET && p[i].state == S_HELD && !(p[i].flags & M_DRAFT_MINUTES))
			exempt = i;
	if (exempt >= 0)
		p[exempt].flags |= M_EXEMPT;
	/* The last Cabinet in the plan, far enough ahead, is being drafted;
	 * the last other meeting that far ahead is postponed. */
	for (i = 0; i < n; i++) {
		if (p[i].day <= today + 14)
			continue;
		if (p[i].org == O_CABINET)
			heron = i;
		else
			postponed = i;
	}
	if (heron >= 0)
		p[heron].flags |= M_DRAFT_AGENDA;
	if (postponed >= 0)
		p[postponed].state = S_POSTPONED;
	for (i = 0; i < n; i++)
		if (p[i].state == S_HELD || (p[i].state == S_SCHEDULED && p[i].day <= today + 14))
			p[i].flags |= M_PUB_AGENDA;
	/* Minutes are approved at the committee's next meeting held. */
	for (i = 0; i < n; i++) {
		if (p[i].state != S_HELD || (p[i].flags & M_DRAFT_MINUTES))
			continue;
		for (j = i + 1; j < n; j++)
			if (p[j].org == p[i].org && p[j].state == S_HELD) {
				p[i].approver = j;
				break;
			}
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

struct demo {
	struct db *db;
	struct store *st;
	char *err;
	size_t errlen;
	int failed;
	int64_t today;
	int64_t body, org[NORG], loc[NLOC], person[NPERSON];
	struct ms_def *ms;          /* memberships, with Full Council's members added */
	int nms;
	char **strs;                /* strings kept until the end */
	size_t nstrs, astrs;
	struct buf pdf;             /* reused for every PDF */
	const char *created;        /* the PDFs' creation date: when they were published */
	int npdf;
	struct { char fy[16]; int64_t id; } budget[8];
	int nbudget;
	int ref_year, ref_seq;      /* paper references CAB-YYYY-NNN */
	int64_t prev_held[NORG];    /* day of each committee's last meeting held */
};

/* Per-meeting working state: who attended, what was on the agenda. */
#define MAX_ATT 48
#define MAX_ITEMS 16

struct att {
	int person, sub_for;
	const char *status, *note, *role;
	int voting;
};

struct item_rec {
	int64_t id;
	const char *number, *title, *minutes_md, *decision_md;
	int exempt;
};

struct meeting_ctx {
	struct mtg *m;
	int64_t prev_day;            /* the previous meeting, for its minutes */
	struct att att[MAX_ATT];
	int natt;
	struct item_rec items[MAX_ITEMS];
	int nitems;
	int vfor, vagainst, vabst;   /* the current item's vote */
	struct { int person, item; const char *kind, *text; } decl[8];
	int ndecl;
};

static int fail(struct demo *d, const char *what, const char *why)
{
	if (!d->failed) {
		snprintf(d->err, d->errlen, "demo: %s%s%s", what, why ? ": " : "", why ? why : "");
		d->failed = 1;
	}
	return -1;
}

static int db_failed(struct demo *d, const char *what)
{
	return fail(d, what, d->db->err);
}

/* Keep s (malloc'd) until the end; NULL records an out-of-memory error. */
static const char *keep(struct demo *d, char *s)
{
	if (!s) {
		fail(d, "out of memory", NULL);
		return "";
	}
	if (d->nstrs == d->astrs) {
		size_t na = d->astrs ? d->astrs * 2 : 256;
		char **v = realloc(d->strs, na * sizeof(*v));

		if (!v) {
			free(s);
			fail(d, "out of memory", NULL);
			return "";
		}
		d->strs = v;
		d->astrs = na;
	}
	d->strs[d->nstrs++] = s;
	return s;
}

static const char *keep_buf(struct demo *d, struct buf *b)
{
	char *s;

	if (b->err) {
		buf_release(b);
		return keep(d, NULL);
	}
	if (!b->data)
		buf_puts(b, "");
	s = buf_detach(b, NULL);
	return keep(d, s ? s : strdup(""));
}

static const char *sf(struct demo *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *sf(struct demo *d, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return keep_buf(d, &b);
}

/* A person's display name: "Councillor Jane Smith". */
static const char *pname(struct demo *d, int p)
{
	return sf(d, "%s %s %s", people[p].honorific, people[p].given, people[p].family);
}

/* Expand the placeholders of a topic template for meeting c. */
static const char *xp(struct demo *d, const struct meeting_ctx *c, const char *tmpl)
{
	struct buf b = BUF_INIT;
	int y, mo, dd, fy, qend, qy;
	char tmp[64];

	if (!tmpl)
		return NULL;
	civil_from_days(c->m->day, &y, &mo, &dd);
	fy = mo >= 4 ? y : y - 1;
	/* the last calendar quarter ending before the meeting's month */
	qend = ((mo - 1) / 3) * 3;
	qy = y;
	if (qend == 0) {
		qend = 12;
		qy = y - 1;
	}
	for (const char *s = tmpl; *s; s++) {
		const char *e;
		size_t k;

		if (*s != '{' || !(e = strchr(s, '}'))) {
			buf_putc(&b, *s);
			continue;
		}
		k = (size_t)(e - s - 1);
#define KEY(name) (k == sizeof(name) - 1 && memcmp(s + 1, name, k) == 0)
		if (KEY("FY")) {
			fmt_fy(tmp, sizeof(tmp), fy);
			buf_puts(&b, tmp);
		} else if (KEY("NFY")) {
			fmt_fy(tmp, sizeof(tmp), fy + 1);
			buf_puts(&b, tmp);
		} else if (KEY("PFY")) {
			fmt_fy(tmp, sizeof(tmp), fy - 1);
			buf_puts(&b, tmp);
		} else if (KEY("PERIOD")) {
			buf_printf(&b, "%s - %s %d", month_names[qend - 3], month_names[qend - 1], qy);
		} else if (KEY("QN")) {
			buf_printf(&b, "Quarter %d", qend == 3 ? 4 : qend / 3 - 1);
		} else if (KEY("QFY")) {
			fmt_fy(tmp, sizeof(tmp), qend == 3 ? qy - 1 : qy);
			buf_puts(&b, tmp);
		} else if (KEY("PREV")) {
			fmt_long(tmp, sizeof(tmp), c->prev_day, 0);
			buf_puts(&b, tmp);
		} else if (KEY("YY")) {
			buf_printf(&b, "%02d", y % 100);
		} else if (KEY("US")) {
			buf_puts(&b, orgs[c->m->org].us);
		} else if (KEY("USC")) {
			buf_puts(&b, orgs[c->m->org].Us);
		} else if (KEY("VFOR")) {
			buf_printf(&b, "%d", c->vfor);
		} else if (KEY("VAGAINST")) {
			buf_printf(&b, "%d", c->vagainst);
		} else if (KEY("VABST")) {
			buf_printf(&b, "%d", c->vabst);
		} else if (KEY("VOTES")) {
			if (!c->vagainst && !c->vabst)
				buf_puts(&b, "unanimously");
			else
				buf_printf(&b, "by %d votes to %d", c->vfor, c->vagainst);
			if (c->vabst == 1)
				buf_puts(&b, ", with 1 abstention");
			else if (c->vabst > 1)
				buf_printf(&b, ", with %d abstentions", c->vabst);
		} else {
			buf_append(&b, s, k + 2);
		}
#undef KEY
		s = e;
	}
	return keep_buf(d, &b);
}

/* A safe file name: prefix-words-of-the-text[-suffix].pdf in [a-z0-9-.]. */
static const char *slug(struct demo *d, const char *prefix, const char *text, const char *suffix)
{
	struct buf b = BUF_INIT;
	size_t start, words = 0;
	int dash = 0;

	buf_puts(&b, prefix);
	start = b.len;
	for (const unsigned char *s = (const unsigned char *)text; *s && words < 72; s++) {
		if (s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0x99) {  /* ’ joins words */
			s += 2;
			continue;
		}
		if (*s == '\'')
			continue;
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z')) {
			if (dash && b.len > start)
				buf_putc(&b, '-');
			dash = 0;
			buf_putc(&b, (char)(*s | 0x20));
			words++;
		} else {
			dash = 1;
		}
	}
	if (suffix)
		buf_printf(&b, "-%s", suffix);
	buf_puts(&b, ".pdf");
	return keep_buf(d, &b);
}

/* --- PDF documents --- */

struct blocks {
	struct pdf_block *v;
	size_t n, alloc;
};

static void blk(struct demo *d, struct blocks *b, enum pdf_block_kind kind, const char *text)
{
	if (b->n == b->alloc) {
		size_t na = b->alloc ? b->alloc * 2 : 32;
		struct pdf_block *v = realloc(b->v, na * sizeof(*v));

		if (!v) {
			fail(d, "out of memory", NULL);
			return;
		}
		b->v = v;
		b->alloc = na;
	}
	b->v[b->n].kind = kind;
	b->v[b->n].text = text;
	b->n++;
}

static void blocks_release(struct blocks *b)
{
	free(b->v);
	b->v = NULL;
	b->n = b->alloc = 0;
}

/* Text as blocks: "# " headings, "- " bullets, "---" page breaks and
 * paragraphs separated by blank lines.  Markdown backslash escapes are
 * dropped, so minutes can be given as they are stored. */
static void blk_text(struct demo *d, struct blocks *b, const char *text)
{
	struct buf para = BUF_INIT;
	const char *s = text;

	if (!text)
		return;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		struct buf line = BUF_INIT;

		for (size_t i = 0; i < len; i++) {
			if (s[i] == '\\' && i + 1 < len && strchr("\\`*_{}[]()#+-.!<>|", s[i + 1]))
				i++;
			buf_putc(&line, s[i]);
		}
		if (len == 0 || (len >= 2 && (memcmp(s, "# ", 2) == 0 || memcmp(s, "- ", 2) == 0)) ||
		    (len == 3 && memcmp(s, "---", 3) == 0)) {
			if (para.len)
				blk(d, b, PDF_PARA, keep_buf(d, &para));
			buf_init(&para, 0);
		}
		if (len == 3 && memcmp(s, "---", 3) == 0)
			blk(d, b, PDF_PAGEBREAK, NULL);
		else if (len >= 2 && memcmp(s, "# ", 2) == 0)
			blk(d, b, PDF_HEADING, sf(d, "%s", line.data + 2));
		else if (len >= 2 && memcmp(s, "- ", 2) == 0)
			blk(d, b, PDF_BULLET, sf(d, "%s", line.data + 2));
		else if (len) {
			if (para.len)
				buf_putc(&para, ' ');
			buf_append(&para, line.data, line.len);
		}
		buf_release(&line);
		s += len;
		if (*s == '\n')
			s++;
	}
	if (para.len)
		blk(d, b, PDF_PARA, keep_buf(d, &para));
	buf_release(&para);
}

/* Render a document, store it and attach it to a meeting or an item. */
static int64_t emit_pdf(struct demo *d, const char *file_title, const char *filename,
			const char *title, const char *subtitle, const char *header,
			const struct blocks *b, int64_t meeting_id, int64_t item_id,
			const char *role, int position)
{
	struct pdf_doc doc = { .title = title, .subtitle = subtitle, .header = header,
		.blocks = b->v, .nblocks = b->n, .created = d->created };
	char sha[65];
	int pages = 0;
	int64_t file_id;

	if (d->failed)
		return -1;
	buf_reset(&d->pdf);
	if (pdf_render(&doc, &d->pdf, &pages) < 0)
		return fail(d, "rendering a PDF", file_title);
	if (store_put(d->st, d->pdf.data, d->pdf.len, sha) < 0)
		return fail(d, "storing a PDF", file_title);
	file_id = db_file_create(d->db, &(struct file_new){ .title = file_title, .filename = filename,
		.mime_type = "application/pdf", .sha256 = sha, .size = d->pdf.len, .page_count = pages });
	if (file_id < 0)
		return db_failed(d, "creating a file");
	if (db_file_link_create(d->db, &(struct file_link_new){ .file_id = file_id,
		.meeting_id = meeting_id, .agenda_item_id = item_id, .role = role,
		.position = position }) < 0)
		return db_failed(d, "attaching a file");
	d->npdf++;
	return file_id;
}

static const char *embedded(struct demo *d, const char *name)
{
	const struct embedded_file *f = embed_find(name);

	if (!f) {
		fail(d, "missing embedded file", name);
		return "";
	}
	return f->data;
}

/* ------------------------------------------------------------------ */
/* Members and attendance                                              */
/* ------------------------------------------------------------------ */

static int active(const char *start, const char *end, const char *iso)
{
	return (!start || strcmp(start, iso) <= 0) && (!end || strcmp(iso, end) <= 0);
}

/* The membership table plus a Full Council membership for every county
 * councillor's term who has no explicit Council row. */
static int all_memberships(struct demo *d)
{
	size_t nfixed = sizeof(memberships) / sizeof(memberships[0]);

	d->ms = calloc(nfixed + NPERSON, sizeof(*d->ms));
	if (!d->ms)
		return fail(d, "out of memory", NULL);
	memcpy(d->ms, memberships, sizeof(memberships));
	d->nms = (int)nfixed;
	for (int p = 1; p < NPERSON; p++) {
		int explicit = 0;

		if (!people[p].council_from)
			continue;
		for (size_t i = 0; i < nfixed; i++)
			if (memberships[i].person == p && memberships[i].org == O_COUNCIL)
				explicit = 1;
		if (!explicit)
			d->ms[d->nms++] = (struct ms_def){ p, O_COUNCIL, "member", 0,
				people[p].council_from, people[p].council_to };
	}
	return 0;
}

static int role_rank(const char *role)
{
	return !strcmp(role, "chair") ? 0 : !strcmp(role, "vice_chair") ? 1 :
		!strcmp(role, "co_opted") ? 3 : 2;
}

/* The members of org on iso (not substitutes), chair first. */
static int members_on(const struct demo *d, int org, const char *iso, const struct ms_def **out, int max)
{
	int n = 0;

	for (int rank = 0; rank <= 3; rank++)
		for (int i = 0; i < d->nms && n < max; i++) {
			const struct ms_def *ms = &d->ms[i];

			if (ms->org == org && strcmp(ms->role, "substitute") != 0 &&
			    role_rank(ms->role) == rank && active(ms->start, ms->end, iso))
				out[n++] = ms;
		}
	return n;
}

static const char *role_label(const char *role)
{
	return !strcmp(role, "chair") ? " (Chairman)" : !strcmp(role, "vice_chair") ? " (Vice-Chairman)" :
		!strcmp(role, "co_opted") ? " (Co-opted Member)" : "";
}

static void add_att(struct meeting_ctx *c, int person, const char *status, int sub_for,
		    const char *note, const char *role, int voting)
{
	if (c->natt < MAX_ATT)
		c->att[c->natt++] = (struct att){ person, sub_for, status, note, role, voting };
}

/* Who came: most members present, one to three apologies, a named
 * substitute where the committee has one, and the officers. */
static void plan_attendance(struct demo *d, struct meeting_ctx *c)
{
	const struct mtg *m = c->m;
	const struct ms_def *mem[40];
	int nmem, ncand = 0, cand[40], apol[3], napol, used_sub[8] = { 0 };
	int subs[8], nsubs = 0;
	char iso[16];

	fmt_iso(iso, sizeof(iso), m->day);
	nmem = members_on(d, m->org, iso, mem, 40);
	for (int i = 0; i < d->nms && nsubs < 8; i++)
		if (d->ms[i].org == m->org && !strcmp(d->ms[i].role, "substitute") &&
		    active(d->ms[i].start, d->ms[i].end, iso))
			subs[nsubs++] = d->ms[i].person;
	for (int i = 0; i < nmem; i++)
		if (role_rank(mem[i]->role) >= 2)
			cand[ncand++] = i;

	if (m->flags & M_SEED) {
		napol = 0;
		for (int i = 0; i < nmem; i++)
			if (mem[i]->person == P_WADE || mem[i]->person == P_HUSSAIN)
				apol[napol++] = i;
	} else {
		int k = (m->seq * 7 + m->org * 3 + 1) % (ncand ? ncand : 1);

		napol = m->org == O_COUNCIL ? 2 + m->seq % 2 : 1 + (m->seq % 3 == 0);
		if (napol > ncand)
			napol = ncand;
		for (int i = 0; i < napol; i++) {
			for (int j = 0; j < i; j++)
				if (apol[j] == cand[k]) {
					k = (k + 1) % ncand;
					j = -1;  /* look again from the start */
				}
			apol[i] = cand[k];
			k = (k + 3 + m->seq % 4) % ncand;
		}
	}

	for (int i = 0; i < nmem; i++) {
		int away = 0;

		for (int j = 0; j < napol; j++)
			away |= apol[j] == i;
		if (!away)
			add_att(c, mem[i]->person, "present", 0, NULL, mem[i]->role, !mem[i]->non_voting);
	}
	for (int j = 0; j < napol; j++) {
		const struct ms_def *a = mem[apol[j]];

		add_att(c, a->person, "apologies", 0, NULL, a->role, !a->non_voting);
		for (int s = 0; s < nsubs; s++) {
			const char *nb = people[a->person].nominated_by, *sb = people[subs[s]].nominated_by;

			if (used_sub[s] || a->non_voting)
				continue;
			if (m->org == O_PANEL && (!nb || !sb || strcmp(nb, sb) != 0))
				continue;
			used_sub[s] = 1;
			add_att(c, subs[s], "substitute", a->person, NULL, "substitute", 1);
			break;
		}
	}
	for (size_t i = 0; i < sizeof(officers) / sizeof(officers[0]); i++)
		if (officers[i].org == m->org && active(officers[i].from, officers[i].to, iso))
			add_att(c, officers[i].person, "in_attendance", 0, officers[i].note, NULL, 0);
}

static int attended(const struct meeting_ctx *c, int person)
{
	for (int i = 0; i < c->natt; i++)
		if (c->att[i].person == person &&
		    (!strcmp(c->att[i].status, "present") || !strcmp(c->att[i].status, "substitute")))
			return 1;
	return 0;
}

/* "A, B and C" of the people attending with status. */
static const char *names_with(struct demo *d, const struct meeting_ctx *c, const char *status, int notes)
{
	struct buf b = BUF_INIT;
	int n = 0, total = 0;

	for (int i = 0; i < c->natt; i++)
		total += !strcmp(c->att[i].status, status);
	for (int i = 0; i < c->natt; i++) {
		const struct att *a = &c->att[i];

		if (strcmp(a->status, status) != 0)
			continue;
		if (n)
			buf_puts(&b, n == total - 1 ? " and " : ", ");
		buf_puts(&b, pname(d, a->person));
		if (notes && a->note)
			buf_printf(&b, " (%s)", a->note);
		else if (notes && a->role)
			buf_puts(&b, role_label(a->role));
		if (notes && a->sub_for)
			buf_printf(&b, " (substituting for %s)", pname(d, a->sub_for));
		n++;
	}
	return n ? keep_buf(d, &b) : (buf_release(&b), NULL);
}

static const char *subs_sentence(struct demo *d, const struct meeting_ctx *c)
{
	struct buf b = BUF_INIT;

	for (int i = 0; i < c->natt; i++)
		if (!strcmp(c->att[i].status, "substitute"))
			buf_printf(&b, "%s%s attended as a named substitute for %s.", b.len ? " " : "",
				   pname(d, c->att[i].person), pname(d, c->att[i].sub_for));
	return b.len ? keep_buf(d, &b) : (buf_release(&b), NULL);
}

/* The party of the Leader (Cabinet's chair) on iso. */
static const char *administration(const struct demo *d, const char *iso)
{
	for (int i = 0; i < d->nms; i++)
		if (d->ms[i].org == O_CABINET && !strcmp(d->ms[i].role, "chair") &&
		    active(d->ms[i].start, d->ms[i].end, iso))
			return people[d->ms[i].person].party;
	return "";
}

/* How a member votes on the budget (for) or an opposition motion (lost):
 * 'for', 'against' or 'abstain' by party. */
static const char *party_position(const char *party, const char *admin, int opposition_motion)
{
	int is_admin = party && !strcmp(party, admin);
	int left = party && (!strcmp(party, "Liberal Democrat") || !strcmp(party, "Labour") ||
			     !strcmp(party, "Green Party"));

	if (!opposition_motion)
		return is_admin ? "for" : left ? "against" : "abstain";
	return is_admin ? "against" : (left || (party && !strcmp(party, "Independent"))) ? "for" : "abstain";
}

/* ------------------------------------------------------------------ */
/* The seed meeting's own items                                        */
/* ------------------------------------------------------------------ */

#define T_SEED 64   /* the seed item: minutes and documents from data/demo/ */

static const struct topic t_seed_precept = {
	"Proposed Precept 2019/20",
	"Police and Crime Commissioner",
	"The Police Reform and Social Responsibility Act 2011 requires the Police and Crime Commissioner "
	"to notify the Panel of the precept he proposes to issue for 2019/20. The report sets out the "
	"proposal and the medium term financial plan.",
	"The Panel is asked to review the proposed precept and make a report to the Commissioner, which "
	"may include recommendations.",
	{ "The provisional police grant settlement allows an increase of up to £24 a year for a Band D "
	  "property without a referendum.",
	  "The PCC proposes to use this flexibility in full to invest in additional police officers, the "
	  "Victim Advice Line and the Strategic Alliance programme.",
	  "Most respondents to the PCC’s consultation supported the increase." },
	{ "The Panel was asked to review the Police and Crime Commissioner’s proposed precept for "
	  "2019/20. The PCC explained that the Government’s settlement allowed an increase of up to £24 a "
	  "year for a Band D property without a referendum, and that he proposed to use this flexibility "
	  "in full to invest in additional police officers, the Victim Advice Line and the Strategic "
	  "Alliance programme.\n\n"
	  "Members asked about the outcome of the public consultation, the level of reserves and the "
	  "effect of the changes to the Strategic Alliance on the medium term financial plan. The PCC "
	  "confirmed that most respondents to his consultation had supported the increase.\n\n"
	  "The proposed precept was put to the vote and supported {VOTES}." },
	"RESOLVED that the Panel supports the Police and Crime Commissioner’s proposed precept for 2019/20.",
	NULL,
	T_VOTE, "That the Panel supports the proposed precept for 2019/20",
	P_GOODWIN, "non_registrable",
	"Her husband is a retired officer in receipt of a West Mercia Police pension.",
};

static const struct topic t_seed_item = {
	"Police & Crime Plan Activity and Performance Monitoring Report (October - December 2018)",
	"Police and Crime Commissioner",
	"The Panel is invited to consider the Police & Crime Plan Activity and Performance Monitoring "
	"Report for October to December 2018 and determine whether it would wish to carry out any "
	"further scrutiny or make any comments.",
	NULL,
	{ NULL },
	{ NULL },
	NULL,
	"Appendix 1 - Delivery Plan Extract",
	T_SEED, NULL,
	P_MISTRY, "non_registrable",
	"Member of the Telford and Wrekin Community Safety Partnership.",
};

/* ------------------------------------------------------------------ */
/* Agendas                                                             */
/* ------------------------------------------------------------------ */

enum {
	PR_TOPIC, PR_WELCOME, PR_SUBS, PR_APOLOGIES, PR_APOL_SUBS, PR_DECL, PR_DECL_WHIP,
	PR_APOL_DECL, PR_PUBLIC, PR_MINUTES, PR_CHAIR, PR_WORKPROG, PR_EXCLUSION, PR_EXEMPT,
	PR_DRAFT1, PR_DRAFT2,
};

struct spec {
	int proc;
	const struct topic *t;
};

#define NPOOL(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int agenda_of(const struct mtg *m, struct spec *s)
{
	int n = 0, q = m->seq;

#define ADD(p, topic) (s[n++] = (struct spec){ (p), (topic) })
	if (m->flags & M_SEED) {
		ADD(PR_WELCOME, NULL);
		ADD(PR_SUBS, NULL);
		ADD(PR_APOLOGIES, NULL);
		ADD(PR_DECL, NULL);
		ADD(PR_PUBLIC, NULL);
		ADD(PR_MINUTES, NULL);
		ADD(PR_TOPIC, &t_seed_precept);
		ADD(PR_TOPIC, &t_seed_item);
		ADD(PR_WORKPROG, NULL);
		return n;
	}
	switch (m->org) {
	case O_PANEL:
		ADD(PR_WELCOME, NULL);
		ADD(PR_SUBS, NULL);
		ADD(PR_APOLOGIES, NULL);
		ADD(PR_DECL, NULL);
		ADD(PR_PUBLIC, NULL);
		ADD(PR_MINUTES, NULL);
		if (m->month == 2) {
			ADD(PR_TOPIC, &t_pcp_precept);
			ADD(PR_TOPIC, &t_pcp_perf);
		} else if (m->month == 6) {
			ADD(PR_TOPIC, &t_pcp_perf);
			ADD(PR_TOPIC, &t_pcp_annual);
		} else {
			ADD(PR_TOPIC, &t_pcp_perf);
			ADD(PR_TOPIC, &t_pcp_pool[q % NPOOL(t_pcp_pool)]);
		}
		ADD(PR_WORKPROG, NULL);
		break;
	case O_CABINET:
		ADD(PR_APOL_DECL, NULL);
		ADD(PR_PUBLIC, NULL);
		ADD(PR_MINUTES, NULL);
		if (m->flags & M_DRAFT_AGENDA) {
			ADD(PR_DRAFT1, NULL);
			ADD(PR_DRAFT2, NULL);
			break;
		}
		ADD(PR_TOPIC, m->month == 1 ? &t_cab_budget : m->month == 7 ? &t_cab_outturn : &t_cab_resources);
		ADD(PR_TOPIC, &t_cab_pool[q % NPOOL(t_cab_pool)]);
		if (m->flags & M_EXEMPT) {
			ADD(PR_EXCLUSION, NULL);
			ADD(PR_EXEMPT, NULL);
		}
		break;
	case O_COUNCIL:
		ADD(PR_CHAIR, NULL);
		ADD(PR_APOL_DECL, NULL);
		ADD(PR_PUBLIC, NULL);
		ADD(PR_MINUTES, NULL);
		if (m->month == 2) {
			ADD(PR_TOPIC, &t_fc_budget);
			ADD(PR_TOPIC, &t_fc_feb[0]);
		} else {
			const struct topic *t = m->month == 5 ? t_fc_may : t_fc_nov;

			ADD(PR_TOPIC, &t[0]);
			ADD(PR_TOPIC, &t[1]);
		}
		break;
	case O_AUDIT: {
		const struct topic *t = m->month == 3 ? t_audit_mar : m->month == 7 ? t_audit_jul : t_audit_dec;

		ADD(PR_APOL_SUBS, NULL);
		ADD(PR_DECL, NULL);
		ADD(PR_MINUTES, NULL);
		ADD(PR_TOPIC, &t[0]);
		ADD(PR_TOPIC, &t[1]);
		ADD(PR_WORKPROG, NULL);
		break;
	}
	case O_PLANNING:
		ADD(PR_APOL_SUBS, NULL);
		ADD(PR_DECL, NULL);
		ADD(PR_MINUTES, NULL);
		ADD(PR_TOPIC, &t_plan_pool[(2 * q) % NPOOL(t_plan_pool)]);
		ADD(PR_TOPIC, &t_plan_pool[(2 * q + 1) % NPOOL(t_plan_pool)]);
		break;
	case O_OSPB:
		ADD(PR_APOL_SUBS, NULL);
		ADD(PR_DECL_WHIP, NULL);
		ADD(PR_PUBLIC, NULL);
		ADD(PR_MINUTES, NULL);
		if (m->month == 1) {
			ADD(PR_TOPIC, &t_os_budget);
			ADD(PR_TOPIC, &t_os_perf);
		} else {
			ADD(PR_TOPIC, &t_os_perf);
			ADD(PR_TOPIC, &t_os_pool[q % NPOOL(t_os_pool)]);
		}
		ADD(PR_WORKPROG, NULL);
		break;
	}
#undef ADD
	return n;
}

static const char *proc_title(int proc, int org)
{
	switch (proc) {
	case PR_WELCOME: return "Welcome and Introductions";
	case PR_SUBS: return "Named Substitutes";
	case PR_APOLOGIES: return "Apologies";
	case PR_APOL_SUBS: return "Apologies and Named Substitutes";
	case PR_DECL: return "Declarations of Interest";
	case PR_DECL_WHIP: return "Declarations of Interest and of any Party Whip";
	case PR_APOL_DECL: return "Apologies and Declarations of Interest";
	case PR_PUBLIC: return "Public Participation";
	case PR_MINUTES:
		return org == O_COUNCIL ? "Minutes of the Previous Meeting" :
			"Confirmation of the Minutes of the Previous Meeting";
	case PR_CHAIR: return "Chairman’s Announcements";
	case PR_WORKPROG: return "Work Programme";
	case PR_EXCLUSION: return "Exclusion of the Press and Public";
	case PR_EXEMPT: return EXEMPT_TITLE;
	case PR_DRAFT1: return "Worcester Transport Strategy – Park and Ride Expansion";
	case PR_DRAFT2: return "Resources Report – Revenue and Capital Monitoring {QFY}";
	}
	return "";
}

static const char *proc_kind(int proc)
{
	switch (proc) {
	case PR_APOLOGIES: case PR_APOL_SUBS: case PR_APOL_DECL: return "apologies";
	case PR_DECL: case PR_DECL_WHIP: return "declarations";
	case PR_MINUTES: return "minutes";
	case PR_WELCOME: case PR_SUBS: case PR_PUBLIC: case PR_CHAIR: return "procedural";
	case PR_EXCLUSION: return "exclusion";
	}
	return "item";
}

static const char *const decl_labels[][2] = {
	{ "disclosable_pecuniary", "a disclosable pecuniary interest" },
	{ "other_registrable", "an other registrable interest" },
	{ "non_registrable", "a non-registrable interest" },
	{ "other", "an interest" },
};

/* The Declarations item's minutes: one sentence per declaration. */
static const char *decl_sentences(struct demo *d, const struct meeting_ctx *c, const char **titles)
{
	struct buf b = BUF_INIT;

	for (int i = 0; i < c->ndecl; i++) {
		const char *label = "an interest";

		for (size_t k = 0; k < sizeof(decl_labels) / sizeof(decl_labels[0]); k++)
			if (!strcmp(decl_labels[k][0], c->decl[i].kind))
				label = decl_labels[k][1];
		buf_printf(&b, "%s%s declared %s in Agenda item %d, %s. %s", b.len ? "\n\n" : "",
			   pname(d, c->decl[i].person), label, c->decl[i].item + 1,
			   titles[c->decl[i].item], c->decl[i].text);
	}
	return b.len ? keep_buf(d, &b) : (buf_release(&b), NULL);
}

static const char *apologies_sentence(struct demo *d, const struct meeting_ctx *c)
{
	const char *names = names_with(d, c, "apologies", 0);

	return names ? sf(d, "Apologies were received from %s.", names) : "There were no apologies.";
}

static const char *public_participation_md =
	"Members of the public wishing to take part should notify the Assistant Director for Legal "
	"and Governance in writing or by email, indicating the nature and content of their proposed "
	"participation, no later than 9.00am on the working day before the meeting.";

/* ------------------------------------------------------------------ */
/* Documents                                                           */
/* ------------------------------------------------------------------ */

static const char risk_md[] =
	"The risks associated with this report have been considered in line with the Council’s risk "
	"management framework and are reflected in the corporate risk register where appropriate.";
static const char equality_md[] =
	"The Public Sector Equality Duty in section 149 of the Equality Act 2010 requires due regard to "
	"the need to eliminate unlawful discrimination, advance equality of opportunity and foster good "
	"relations. An equality impact screening has been completed and no adverse impacts on people "
	"with protected characteristics have been identified.";

/* "11.00 am" from "11:00". */
static const char *clock12(struct demo *d, const char *t)
{
	int hh = 0, mm = 0;

	hhmm(t, &hh, &mm);
	return sf(d, "%d.%02d %s", hh > 12 ? hh - 12 : hh, mm, hh >= 12 ? "pm" : "am");
}

static const char *meeting_header(struct demo *d, const struct mtg *m)
{
	char date[48];

	fmt_long(date, sizeof(date), m->day, 0);
	return sf(d, "%s – %s", orgs[m->org].name, date);
}

static int64_t report_pdf(struct demo *d, const struct meeting_ctx *c, const struct topic *t,
			  const char *title, int with_appendix, int64_t item_id)
{
	const struct mtg *m = c->m;
	const struct org_def *o = &orgs[m->org];
	struct blocks b = { 0 };
	char date[48];
	int64_t id;

	fmt_long(date, sizeof(date), m->day, 1);
	blk(d, &b, PDF_HEADING, "Purpose of Report");
	blk(d, &b, PDF_PARA, xp(d, c, t->summary));
	blk(d, &b, PDF_HEADING, "Recommendation");
	blk(d, &b, PDF_PARA, xp(d, c, t->recommend));
	blk(d, &b, PDF_HEADING, "Background");
	blk(d, &b, PDF_PARA, o->background);
	if (t->points[0]) {
		blk(d, &b, PDF_HEADING, "Key Points");
		blk(d, &b, PDF_PARA, "The main points of this report are:");
		for (int i = 0; i < 5 && t->points[i]; i++)
			blk(d, &b, PDF_BULLET, xp(d, c, t->points[i]));
	}
	blk(d, &b, PDF_HEADING, "Financial Implications");
	blk(d, &b, PDF_PARA, o->finance);
	blk(d, &b, PDF_HEADING, "Legal Implications");
	blk(d, &b, PDF_PARA, o->legal);
	blk(d, &b, PDF_HEADING, "Risk Implications");
	blk(d, &b, PDF_PARA, risk_md);
	blk(d, &b, PDF_HEADING, "Equality and Diversity Implications");
	blk(d, &b, PDF_PARA, equality_md);
	blk(d, &b, PDF_HEADING, "Contact Points");
	blk(d, &b, PDF_PARA, sf(d, "%s. Democratic Services, Worcestershire County Council, County Hall, "
				"Spetchley Road, Worcester WR5 2NP.", t->officer));
	if (with_appendix) {
		blk(d, &b, PDF_HEADING, "Supporting Information");
		blk(d, &b, PDF_PARA, xp(d, c, t->appendix));
	}
	blk(d, &b, PDF_HEADING, "Background Papers");
	blk(d, &b, PDF_PARA, sf(d, "In the opinion of the proper officer (in this case the %s) there are no "
				"background papers relating to the subject matter of this report.", t->officer));
	id = emit_pdf(d, title, slug(d, "report-", title, NULL), title,
		      sf(d, "Report of the %s\n%s – %s", t->officer, o->name, date),
		      meeting_header(d, m), &b, 0, item_id, "report", 1);
	blocks_release(&b);
	return id;
}

static int64_t appendix_pdf(struct demo *d, const struct meeting_ctx *c, const struct topic *t,
			    const char *title, int64_t item_id)
{
	const struct mtg *m = c->m;
	const char *atitle = xp(d, c, t->appendix);
	struct blocks b = { 0 };
	char date[48];
	int64_t id;

	fmt_long(date, sizeof(date), m->day, 0);
	blk(d, &b, PDF_PARA, sf(d, "This appendix accompanies the report “%s” to the meeting of the %s "
				"on %s.", title, orgs[m->org].name, date));
	blk(d, &b, PDF_HEADING, "Summary");
	for (int i = 0; i < 5 && t->points[i]; i++)
		blk(d, &b, PDF_BULLET, xp(d, c, t->points[i]));
	blk(d, &b, PDF_HEADING, "Notes");
	blk(d, &b, PDF_PARA, "Figures are provisional and may be revised when the year-end position "
			     "is confirmed. Further detail is available from the report author on request.");
	id = emit_pdf(d, atitle, slug(d, "", atitle, NULL), atitle, title, meeting_header(d, m), &b,
		      0, item_id, "appendix", 2);
	blocks_release(&b);
	return id;
}

static int64_t seed_pdfs(struct demo *d, const struct meeting_ctx *c, int64_t item_id)
{
	static const char report_title[] = "Police and Crime Plan Activity and Performance Monitoring Report";
	static const char appendix_title[] = "Appendix 1 - Delivery Plan Extract";
	struct blocks b = { 0 };
	const char *header = meeting_header(d, c->m);
	int64_t id;

	blk_text(d, &b, embedded(d, "data/demo/seed-report.txt"));
	id = emit_pdf(d, report_title, slug(d, "report-", report_title, "oct-dec-2018"), report_title,
		      "Report of the Police and Crime Commissioner\n"
		      "West Mercia Police and Crime Panel – Monday 4 February 2019",
		      header, &b, 0, item_id, "report", 1);
	blocks_release(&b);
	if (id < 0)
		return -1;
	blk_text(d, &b, embedded(d, "data/demo/seed-appendix.txt"));
	id = emit_pdf(d, appendix_title, slug(d, "", appendix_title, "oct-dec-2018"), appendix_title,
		      "Safer West Mercia Police and Crime Plan – position at 31 December 2018",
		      header, &b, 0, item_id, "appendix", 2);
	blocks_release(&b);
	return id;
}

static int64_t exempt_pdf(struct demo *d, const struct meeting_ctx *c, int64_t item_id)
{
	struct blocks b = { 0 };
	char date[48];
	int64_t id;

	fmt_long(date, sizeof(date), c->m->day, 1);
	blk(d, &b, PDF_PARA, "NOT FOR PUBLICATION. This report contains exempt information as defined in "
			     "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972: "
			     EXEMPT_REASON ".");
	blk(d, &b, PDF_HEADING, "Purpose of Report");
	blk(d, &b, PDF_PARA, exempt_description);
	blk(d, &b, PDF_HEADING, "Background");
	blk(d, &b, PDF_PARA, "The former highways depot on Pershore Road has been surplus to operational "
			     "requirements since the highways service moved to its new depot. The site was "
			     "marketed by the Council’s property agents under the name Project "
			     DEMO_EXEMPT_MARKER ", so that the identity of the bidders could be protected "
			     "while negotiations took place.");
	blk(d, &b, PDF_HEADING, "Offers Received");
	blk(d, &b, PDF_BULLET, "Bidder A (the preferred bidder): £2.35m, unconditional, with completion "
			       "within twelve weeks.");
	blk(d, &b, PDF_BULLET, "Bidder B: £2.10m, subject to planning permission.");
	blk(d, &b, PDF_BULLET, "Bidder C: £1.85m, subject to planning permission and site investigation.");
	blk(d, &b, PDF_PARA, "The Council’s agents advise that the preferred bidder’s offer represents the "
			     "best consideration reasonably obtainable, as required by section 123 of the "
			     "Local Government Act 1972.");
	blk(d, &b, PDF_HEADING, "Recommendation");
	blk(d, &b, PDF_PARA, "Cabinet is asked to approve the disposal on the terms set out in this report "
			     "and to delegate authority to the Chief Financial Officer to complete the sale.");
	id = emit_pdf(d, "Exempt report – Proposed Disposal of Former Highways Depot",
		      "report-exempt-proposed-disposal-of-former-highways-depot.pdf", EXEMPT_TITLE,
		      sf(d, "Report of the Chief Financial Officer\nCabinet – %s", date),
		      "NOT FOR PUBLICATION – exempt information (paragraph 3, Schedule 12A)",
		      &b, 0, item_id, "report", 1);
	blocks_release(&b);
	return id;
}

static const char *membership_line(struct demo *d, const struct mtg *m)
{
	const struct ms_def *mem[40];
	struct buf b = BUF_INIT;
	char iso[16];
	int n;

	fmt_iso(iso, sizeof(iso), m->day);
	n = members_on(d, m->org, iso, mem, 40);
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%s%s", i ? ", " : "", pname(d, mem[i]->person), role_label(mem[i]->role));
	return keep_buf(d, &b);
}

static int64_t front_sheet_pdf(struct demo *d, const struct meeting_ctx *c)
{
	const struct mtg *m = c->m;
	const struct location_def *l = &locations[m->loc];
	struct blocks b = { 0 };
	char date[48], iso[16];
	int64_t id;

	fmt_long(date, sizeof(date), m->day, 1);
	fmt_iso(iso, sizeof(iso), m->day);
	blk(d, &b, PDF_PARA, sf(d, "Venue: %s, %s, %s %s", l->room, l->street, l->locality, l->postcode));
	blk(d, &b, PDF_PARA, "Contact: Democratic Services, Worcestershire County Council, County Hall, "
			     "Spetchley Road, Worcester WR5 2NP");
	blk(d, &b, PDF_HEADING, "Membership");
	blk(d, &b, PDF_PARA, membership_line(d, m));
	blk(d, &b, PDF_HEADING, "Agenda");
	for (int i = 0; i < c->nitems; i++)
		blk(d, &b, PDF_PARA, c->items[i].exempt ?
		    sf(d, "%s. %s (exempt information: paragraph 3 of Part 1 of Schedule 12A to the Local "
			  "Government Act 1972)", c->items[i].number, c->items[i].title) :
		    sf(d, "%s. %s", c->items[i].number, c->items[i].title));
	blk(d, &b, PDF_HEADING, "Information for members of the public");
	blk(d, &b, PDF_PARA, "Meetings are open to the public except when exempt or confidential "
			     "information is considered. Agendas and reports are available on the "
			     "Council’s website and can be provided in large print or other formats on "
			     "request.");
	blk(d, &b, PDF_PARA, public_participation_md);
	id = emit_pdf(d, "Agenda frontsheet", slug(d, "agenda-front-sheet-", orgs[m->org].short_name, iso),
		      orgs[m->org].name, sf(d, "%s at %s", date, clock12(d, m->start)),
		      meeting_header(d, m), &b, m->id, 0, "front_sheet", 0);
	blocks_release(&b);
	return id;
}

static int64_t minutes_pdf(struct demo *d, const struct meeting_ctx *c)
{
	const struct mtg *m = c->m;
	struct blocks b = { 0 };
	const char *s;
	char date[48], iso[16];
	int64_t id;

	fmt_long(date, sizeof(date), m->day, 1);
	fmt_iso(iso, sizeof(iso), m->day);
	blk(d, &b, PDF_PARA, sf(d, "Present: %s", names_with(d, c, "present", 1)));
	if ((s = names_with(d, c, "substitute", 1)))
		blk(d, &b, PDF_PARA, sf(d, "Substitutes: %s", s));
	if ((s = names_with(d, c, "in_attendance", 1)))
		blk(d, &b, PDF_PARA, sf(d, "Also attended: %s", s));
	if ((s = names_with(d, c, "apologies", 0)))
		blk(d, &b, PDF_PARA, sf(d, "Apologies: %s", s));
	for (int i = 0; i < c->nitems; i++) {
		const struct item_rec *r = &c->items[i];

		blk(d, &b, PDF_HEADING, sf(d, "%s. %s", r->number, r->title));
		if (r->exempt) {
			blk(d, &b, PDF_PARA, "This item was considered in private because it involved the likely "
					     "disclosure of exempt information as defined in paragraph 3 of Part 1 of "
					     "Schedule 12A to the Local Government Act 1972.");
			continue;
		}
		blk_text(d, &b, r->minutes_md);
		blk_text(d, &b, r->decision_md);
	}
	blk(d, &b, PDF_PARA, sf(d, "The meeting ended at %s.", clock12(d, m->end)));
	blk(d, &b, PDF_PARA, "Chairman ……………………………………………");
	id = emit_pdf(d, "Printed minutes", slug(d, "minutes-", orgs[m->org].short_name, iso),
		      orgs[m->org].name, sf(d, "Minutes of the meeting held on %s at %s", date,
					    clock12(d, m->start)),
		      meeting_header(d, m), &b, m->id, 0, "minutes", 0);
	blocks_release(&b);
	return id;
}

/* ------------------------------------------------------------------ */
/* Papers and decisions                                                */
/* ------------------------------------------------------------------ */

static const char *next_reference(struct demo *d, int year)
{
	if (d->ref_year != year) {
		d->ref_year = year;
		d->ref_seq = 11;
	}
	return sf(d, "CAB-%04d-%03d", year, d->ref_seq++);
}

/* The budget paper for the financial year after the meeting's, created on
 * first use (Scrutiny in January, Cabinet, then Council in February). */
static int64_t budget_paper(struct demo *d, const struct meeting_ctx *c)
{
	const char *nfy = xp(d, c, "{NFY}");
	char fp[16];
	int y0 = 0;

	for (int i = 0; i < d->nbudget; i++)
		if (!strcmp(d->budget[i].fy, nfy))
			return d->budget[i].id;
	if (d->nbudget == (int)(sizeof(d->budget) / sizeof(d->budget[0])))
		return fail(d, "too many budget papers", NULL);
	y0 = (int)strtol(nfy, NULL, 10);
	fmt_iso(fp, sizeof(fp), nth_weekday(y0, 2, THU, 2));
	snprintf(d->budget[d->nbudget].fy, sizeof(d->budget[0].fy), "%s", nfy);
	d->budget[d->nbudget].id = db_paper_create(d->db, &(struct paper_new){
		.body_id = d->body, .decision_maker_id = d->org[O_COUNCIL],
		.reference = sf(d, "CAB-%04d-001", y0), .title = sf(d, "Budget %s and Council Tax", nfy),
		.kind = "report", .forward_plan_date = fp, .key_decision = 1,
		.description_md = sf(d, "The revenue budget, capital programme and council tax for %s, "
				     "proposed by Cabinet and set by Full Council.", nfy) });
	if (d->budget[d->nbudget].id < 0)
		return db_failed(d, "creating the budget paper");
	return d->budget[d->nbudget++].id;
}

static int64_t key_paper(struct demo *d, const struct meeting_ctx *c, const char *title, const char *summary)
{
	int y, mo, dd;
	char fp[16];
	int64_t id;

	civil_from_days(c->m->day, &y, &mo, &dd);
	fmt_iso(fp, sizeof(fp), c->m->day);
	id = db_paper_create(d->db, &(struct paper_new){
		.body_id = d->body, .decision_maker_id = d->org[O_CABINET], .reference = next_reference(d, y),
		.title = title, .kind = "report", .forward_plan_date = fp, .key_decision = 1,
		.description_md = summary });
	return id < 0 ? db_failed(d, "creating a paper") : id;
}

static int64_t add_working_days(int64_t day, int n)
{
	while (n > 0) {
		day++;
		if (weekday(day) != SAT && weekday(day) != SUN)
			n--;
	}
	return day;
}

static int cabinet_decision(struct demo *d, const struct meeting_ctx *c, int64_t item_id, int64_t paper_id,
			    const char *title, const char *decision, const char *conflicts, int call_in)
{
	char on[16], deadline[16], effective[16];
	int64_t pub = add_working_days(c->m->day, 1), dl = add_working_days(pub, 5);

	fmt_iso(on, sizeof(on), c->m->day);
	fmt_iso(deadline, sizeof(deadline), dl);
	fmt_iso(effective, sizeof(effective), add_working_days(dl, 1));
	if (db_decision_create(d->db, &(struct decision_new){
		.agenda_item_id = item_id, .paper_id = paper_id, .decision_maker_id = d->org[O_CABINET],
		.title = title, .decision_md = decision,
		.reasons_md = "The reasons for the decision are set out in the report considered by Cabinet.",
		.alternatives_md = "The alternative options considered, and the reasons for rejecting them, "
				   "are set out in the report.",
		.conflicts = conflicts ? conflicts : "None declared.",
		.decided_on = on, .call_in_deadline = call_in ? deadline : NULL,
		.effective_from = call_in ? effective : on, .published = 1 }) < 0)
		return db_failed(d, "recording a decision");
	return 0;
}

/* ------------------------------------------------------------------ */
/* Meetings                                                            */
/* ------------------------------------------------------------------ */

static const char *const state_names[] = { "held", "scheduled", "cancelled", "postponed" };

/* The counts of a vote on topic t at meeting c; records by name when
 * recorded (vote_id > 0). */
static int count_vote(struct demo *d, struct meeting_ctx *c, const struct topic *t, int64_t vote_id)
{
	const struct mtg *m = c->m;
	const char *admin;
	char iso[16];
	int voters = 0;

	fmt_iso(iso, sizeof(iso), m->day);
	admin = administration(d, iso);
	c->vfor = c->vagainst = c->vabst = 0;
	for (int i = 0; i < c->natt; i++) {
		const struct att *a = &c->att[i];
		const char *pos;

		if (!a->voting || (strcmp(a->status, "present") != 0 && strcmp(a->status, "substitute") != 0))
			continue;
		voters++;
		if (m->org != O_COUNCIL)
			continue;
		pos = party_position(people[a->person].party, admin, (t->flags & T_LOST) != 0);
		if (!strcmp(pos, "for"))
			c->vfor++;
		else if (!strcmp(pos, "against"))
			c->vagainst++;
		else
			c->vabst++;
		if (vote_id > 0 && db_vote_record_add(d->db, vote_id, d->person[a->person], pos) < 0)
			return db_failed(d, "recording a vote");
	}
	if (m->org == O_COUNCIL)
		return 0;
	if (t->flags & T_LOST) {
		c->vfor = 2;
		c->vabst = 1;
		c->vagainst = voters - 3;
	} else {
		c->vagainst = m->seq % 2 + (m->org == O_PLANNING);
		c->vabst = m->seq % 3 == 1;
		c->vfor = voters - c->vagainst - c->vabst;
	}
	return 0;
}

static int consult(struct demo *d, int64_t paper, int64_t meeting, int64_t item, int org,
		   int authoritative, const char *role)
{
	if (db_consultation_create(d->db, &(struct consultation_new){ .paper_id = paper,
		.meeting_id = meeting, .agenda_item_id = item, .organization_id = d->org[org],
		.authoritative = authoritative, .role = role }) < 0)
		return db_failed(d, "creating a consultation");
	return 0;
}

/* One key decision on the Forward Plan for an upcoming Cabinet whose
 * agenda is not yet published. */
static int forward_plan_entry(struct demo *d, struct meeting_ctx *c)
{
	const struct topic *t = NULL;
	int64_t paper;

	for (int i = 0; i < NPOOL(t_cab_pool) && !t; i++) {
		const struct topic *k = &t_cab_pool[(c->m->seq + 3 + i) % NPOOL(t_cab_pool)];

		if (k->flags & T_KEY)
			t = k;
	}
	paper = key_paper(d, c, t->title, xp(d, c, t->summary));
	if (paper < 0)
		return -1;
	return consult(d, paper, c->m->id, 0, O_CABINET, 1, "decision");
}

static int write_meeting(struct demo *d, struct mtg *m)
{
	struct meeting_ctx cx = { .m = m }, *c = &cx;
	struct spec spec[MAX_ITEMS];
	const char *titles[MAX_ITEMS];
	int nspec = 0, held = m->state == S_HELD, first_topic = 1;
	char iso[16], start[32], end[32], agenda_at[32], minutes_at[32];
	const char *minutes_status = "none", *reason = NULL, *decls;

	fmt_iso(iso, sizeof(iso), m->day);
	snprintf(start, sizeof(start), "%s %s", iso, m->start);
	snprintf(end, sizeof(end), "%s %s", iso, m->end);
	c->prev_day = d->prev_held[m->org];
	if (m->flags & M_PUB_AGENDA) {
		int64_t pub = m->day - 8;

		if (pub >= d->today)
			pub = d->today - 1;
		fmt_utc(agenda_at, sizeof(agenda_at), pub, 16, 30);
		d->created = agenda_at;  /* reports are dated a little before publication */
	}
	if (held && (m->flags & M_DRAFT_MINUTES)) {
		minutes_status = "draft";
	} else if (held) {
		int64_t pub = m->day + 7;

		if (pub >= d->today)
			pub = d->today - 1;
		minutes_status = "published";
		fmt_utc(minutes_at, sizeof(minutes_at), pub, pub == m->day ? 17 : 12, 0);
	}
	if (m->state == S_CANCELLED)
		reason = "Cancelled as there was insufficient business";
	else if (m->state == S_POSTPONED)
		reason = "Postponed to a date to be confirmed";
	m->id = db_meeting_create(d->db, &(struct meeting_new){
		.organization_id = d->org[m->org], .location_id = d->loc[m->loc],
		.start_at = start, .end_at = end, .state = state_names[m->state], .state_reason = reason,
		.agenda_published_at = (m->flags & M_PUB_AGENDA) ? agenda_at : NULL,
		.minutes_status = minutes_status,
		.minutes_published_at = held && !(m->flags & M_DRAFT_MINUTES) ? minutes_at : NULL });
	if (m->id < 0)
		return db_failed(d, "creating a meeting");

	if (held) {
		plan_attendance(d, c);
		for (int i = 0; i < c->natt; i++)
			if (db_attendance_create(d->db, &(struct attendance_new){ .meeting_id = m->id,
				.person_id = d->person[c->att[i].person],
				.substitute_for = c->att[i].sub_for ? d->person[c->att[i].sub_for] : 0,
				.status = c->att[i].status, .note = c->att[i].note }) < 0)
				return db_failed(d, "recording attendance");
	}

	if (m->flags & (M_PUB_AGENDA | M_DRAFT_AGENDA))
		nspec = agenda_of(m, spec);
	else if (m->org == O_CABINET && m->state == S_SCHEDULED)
		return forward_plan_entry(d, c);

	/* Titles and declarations first: the Declarations item reports on
	 * items further down the agenda. */
	for (int i = 0; i < nspec; i++) {
		const struct topic *t = spec[i].t;

		titles[i] = xp(d, c, t ? t->title : proc_title(spec[i].proc, m->org));
		if (held && t && t->decl_person && attended(c, t->decl_person) && c->ndecl < 8 &&
		    ((t != &t_pcp_perf && t != &t_os_perf) || m->seq % 2 == 0)) {
			c->decl[c->ndecl].person = t->decl_person;
			c->decl[c->ndecl].item = i;
			c->decl[c->ndecl].kind = t->decl_kind;
			c->decl[c->ndecl].text = t->decl_text;
			c->ndecl++;
		}
	}

	decls = decl_sentences(d, c, titles);
	for (int i = 0; i < nspec && !d->failed; i++) {
		const struct topic *t = spec[i].t;
		const char *desc = NULL, *minutes = NULL, *decision = NULL, *s;
		int64_t paper = 0, item_id, vote_id = 0;
		int exempt = spec[i].proc == PR_EXEMPT;

		c->vfor = c->vagainst = c->vabst = 0;
		switch (spec[i].proc) {
		case PR_TOPIC: {
			int nvar = 0;

			while (nvar < 3 && t->minutes[nvar])
				nvar++;
			desc = t->recommend ? sf(d, "%s %s", xp(d, c, t->summary), xp(d, c, t->recommend)) :
				xp(d, c, t->summary);
			if (held && (t->flags & T_VOTE) && count_vote(d, c, t, 0) < 0)
				return -1;
			if (held) {
				minutes = (t->flags & T_SEED) ? embedded(d, "data/demo/seed-minutes.md") :
					xp(d, c, t->minutes[m->seq % (nvar ? nvar : 1)]);
				if (first_topic && (m->flags & M_DRAFT_MINUTES))
					minutes = sf(d, "%s\n\n%s", minutes, draft_minutes_extra);
				decision = xp(d, c, t->resolved);
			}
			first_topic = 0;
			if (t->flags & T_BUDGET)
				paper = budget_paper(d, c);
			else if ((t->flags & T_KEY) && m->org == O_CABINET)
				paper = key_paper(d, c, titles[i], xp(d, c, t->summary));
			if (paper < 0)
				return -1;
			break;
		}
		case PR_WELCOME:
			minutes = "The Chairman welcomed everyone to the meeting.";
			break;
		case PR_SUBS:
			minutes = (s = subs_sentence(d, c)) ? s : "There were no named substitutes.";
			break;
		case PR_APOLOGIES:
			minutes = apologies_sentence(d, c);
			break;
		case PR_APOL_SUBS:
			s = subs_sentence(d, c);
			minutes = s ? sf(d, "%s %s", apologies_sentence(d, c), s) : apologies_sentence(d, c);
			break;
		case PR_APOL_DECL:
			minutes = sf(d, "%s\n\n%s", apologies_sentence(d, c),
				     decls ? decls : "There were no declarations of interest.");
			break;
		case PR_DECL:
			minutes = decls ? decls : "None.";
			break;
		case PR_DECL_WHIP:
			minutes = decls ? sf(d, "%s\n\nNo party whip was declared.", decls) :
				"There were no declarations of interest or of any party whip.";
			break;
		case PR_PUBLIC:
			desc = public_participation_md;
			minutes = "None.";
			break;
		case PR_MINUTES:
			if (c->prev_day) {
				desc = xp(d, c, "To confirm the Minutes of the meeting held on {PREV}.");
				minutes = xp(d, c, "The Minutes of the meeting held on {PREV} were submitted.");
				decision = xp(d, c, "RESOLVED that the Minutes of the meeting held on {PREV} be "
						    "confirmed as a correct record and signed by the Chairman.");
			} else {
				desc = "To confirm the Minutes of the previous meeting.";
				minutes = "The Minutes of the previous meeting were submitted.";
				decision = "RESOLVED that the Minutes of the previous meeting be confirmed as a "
					   "correct record and signed by the Chairman.";
			}
			break;
		case PR_CHAIR:
			desc = "To receive any announcements from the Chairman.";
			minutes = "The Chairman reported on the civic engagements he had attended since the last "
				  "meeting and congratulated the winners of the Worcestershire Community Awards.";
			break;
		case PR_WORKPROG:
			desc = xp(d, c, "To consider {US}’s work programme.");
			minutes = xp(d, c, "{USC} reviewed its work programme and agreed the items for its next "
					   "meetings.");
			decision = "RESOLVED that the Work Programme be noted.";
			break;
		case PR_EXCLUSION:
			desc = "The following item contains exempt information as defined in paragraph 3 of Part 1 "
			       "of Schedule 12A to the Local Government Act 1972. Cabinet is asked to consider "
			       "excluding the press and public for that item.";
			minutes = "Cabinet considered whether the public interest in maintaining the exemption "
				  "outweighed the public interest in disclosing the information, and concluded that it did.";
			decision = "RESOLVED that under Section 100A(4) of the Local Government Act 1972 the press and "
				   "public be excluded from the meeting for the following item of business on the grounds "
				   "that it involves the likely disclosure of exempt information as defined in paragraph 3 "
				   "of Part 1 of Schedule 12A to the Act.";
			break;
		case PR_EXEMPT:
			desc = exempt_description;
			minutes = exempt_minutes;
			decision = exempt_decision;
			break;
		case PR_DRAFT1:
			desc = draft_agenda_1;
			paper = key_paper(d, c, titles[i], "Approval to consult on the expansion of park and ride "
							   "services in Worcester.");
			if (paper < 0)
				return -1;
			break;
		case PR_DRAFT2:
			desc = xp(d, c, draft_agenda_2);
			break;
		}

		item_id = db_item_create(d->db, &(struct item_new){ .meeting_id = m->id, .position = i + 1,
			.number = sf(d, "%d", i + 1), .title = titles[i], .kind = proc_kind(spec[i].proc),
			.paper_id = paper, .exempt = exempt, .exempt_paragraph = exempt ? 3 : 0,
			.exempt_reason = exempt ? EXEMPT_REASON : NULL, .description_md = desc,
			.minutes_md = held ? minutes : NULL, .decision_md = held ? decision : NULL });
		if (item_id < 0)
			return db_failed(d, "creating an agenda item");
		c->items[c->nitems++] = (struct item_rec){ item_id, sf(d, "%d", i + 1), titles[i],
			held ? minutes : NULL, held ? decision : NULL, exempt };

		if (paper > 0 && spec[i].proc == PR_DRAFT1 && consult(d, paper, m->id, 0, O_CABINET, 1, "decision") < 0)
			return -1;
		if (paper > 0 && spec[i].proc == PR_TOPIC) {
			int auth = m->org == O_COUNCIL || !(t->flags & T_BUDGET);
			const char *role = m->org == O_OSPB ? "pre-decision scrutiny" :
				auth ? "decision" : "recommendation to Council";

			if (consult(d, paper, m->id, item_id, m->org, auth, role) < 0)
				return -1;
		}

		if ((m->flags & M_PUB_AGENDA) && t && !(t->flags & T_NODOC)) {
			if (t->flags & T_SEED) {
				if (seed_pdfs(d, c, item_id) < 0)
					return -1;
			} else {
				/* the Panel's delivery plan extract comes with every other report */
				int appx = t->appendix && (t != &t_pcp_perf || m->seq % 2 == 0);

				if (report_pdf(d, c, t, titles[i], appx, item_id) < 0 ||
				    (appx && appendix_pdf(d, c, t, titles[i], item_id) < 0))
					return -1;
			}
		}
		if (exempt && exempt_pdf(d, c, item_id) < 0)
			return -1;

		if (held && t && (t->flags & T_VOTE)) {
			const char *result = c->vfor > c->vagainst ? "carried" : c->vfor < c->vagainst ? "lost" : "tied";

			vote_id = db_vote_create(d->db, &(struct vote_new){ .agenda_item_id = item_id,
				.motion = xp(d, c, t->motion), .result = result, .votes_for = c->vfor,
				.votes_against = c->vagainst, .abstentions = c->vabst,
				.recorded = (t->flags & T_RECORDED) != 0 });
			if (vote_id < 0)
				return db_failed(d, "recording a vote");
			if ((t->flags & T_RECORDED) && count_vote(d, c, t, vote_id) < 0)
				return -1;
		}
		if (held && m->org == O_CABINET && (spec[i].proc == PR_TOPIC || exempt)) {
			const char *conflicts = NULL;

			for (int k = 0; k < c->ndecl; k++)
				if (c->decl[k].item == i)
					conflicts = sf(d, "%s declared %s", pname(d, c->decl[k].person), c->decl[k].text);
			if (cabinet_decision(d, c, item_id, exempt ? 0 : paper, titles[i], decision, conflicts,
					     !(t && (t->flags & T_BUDGET))) < 0)
				return -1;
		}
	}

	for (int k = 0; k < c->ndecl; k++)
		if (db_declaration_create(d->db, &(struct declaration_new){ .meeting_id = m->id,
			.agenda_item_id = c->items[c->decl[k].item].id, .person_id = d->person[c->decl[k].person],
			.kind = c->decl[k].kind, .description = c->decl[k].text }) < 0)
			return db_failed(d, "recording a declaration");

	if ((m->flags & M_PUB_AGENDA) && front_sheet_pdf(d, c) < 0)
		return -1;
	d->created = minutes_at;
	if (held && !(m->flags & M_DRAFT_MINUTES) && minutes_pdf(d, c) < 0)
		return -1;
	d->created = NULL;
	if (held)
		d->prev_held[m->org] = m->day;
	return d->failed ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* The rest of the record                                              */
/* ------------------------------------------------------------------ */

static int write_body(struct demo *d)
{
	static const struct term_def { const char *name, *start, *end; } terms[] = {
		{ "2017–2021", "2017-05-05", "2021-05-06" },
		{ "2021–2025", "2021-05-07", "2025-05-01" },
		{ "2025–2029", "2025-05-02", "2029-05-02" },
	};

	d->body = db_body_create(d->db, &(struct body_new){
		.name = "Worcestershire County Council", .short_name = "Worcestershire",
		.website = "https://www.worcestershire.gov.uk",
		.address = "County Hall, Spetchley Road, Worcester WR5 2NP",
		.colour_primary = BODY_COLOUR, .logo_svg = body_logo, .region = "england",
		.notice_clear_days = 5 });
	if (d->body < 0)
		return db_failed(d, "creating the body");
	for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++)
		if (db_term_create(d->db, &(struct term_new){ .body_id = d->body, .name = terms[i].name,
			.start_date = terms[i].start, .end_date = terms[i].end }) < 0)
			return db_failed(d, "creating a term");
	for (int i = 0; i < NORG; i++) {
		d->org[i] = db_org_create(d->db, &(struct org_new){ .body_id = d->body, .name = orgs[i].name,
			.short_name = orgs[i].short_name, .kind = orgs[i].kind, .purpose_md = orgs[i].purpose_md,
			.start_date = orgs[i].start_date });
		if (d->org[i] < 0)
			return db_failed(d, "creating an organization");
	}
	for (int i = 0; i < NLOC; i++) {
		const struct location_def *l = &locations[i];

		d->loc[i] = db_location_create(d->db, &(struct location_new){ .body_id = d->body,
			.name = l->name, .room = l->room, .street_address = l->street, .locality = l->locality,
			.postcode = l->postcode, .description = l->description });
		if (d->loc[i] < 0)
			return db_failed(d, "creating a location");
	}
	for (int p = 1; p < NPERSON; p++) {
		const struct person_def *pd = &people[p];

		d->person[p] = db_person_create(d->db, &(struct person_new){ .body_id = d->body,
			.name = pname(d, p), .honorific = pd->honorific, .given_name = pd->given,
			.family_name = pd->family, .party = pd->party, .area = pd->area,
			.nominated_by = pd->nominated_by, .bio_md = pd->bio_md,
			/* Contact details are for the clerks (internal, demo.h). */
			.email = p == 1 ? DEMO_INTERNAL_MARKER ".office@worcestershire.example" : NULL,
			.phone = p == 1 ? "01905 766000" : NULL });
		if (d->person[p] < 0)
			return db_failed(d, "creating a person");
	}
	for (int i = 0; i < d->nms; i++) {
		const struct ms_def *ms = &d->ms[i];

		if (db_membership_create(d->db, &(struct membership_new){ .person_id = d->person[ms->person],
			.organization_id = d->org[ms->org], .role = ms->role, .non_voting = ms->non_voting,
			.start_date = ms->start, .end_date = ms->end }) < 0)
			return db_failed(d, "creating a membership");
	}
	return 0;
}

/* The committee's calendar meeting before day (for the first meeting's
 * "minutes of the previous meeting"). */
static int64_t prev_occurrence(int org, int64_t day)
{
	int y, m, dd;
	int64_t best = 0;

	civil_from_days(day, &y, &m, &dd);
	for (int yy = y - 1; yy <= y; yy++)
		for (int i = 0; i < NCAL; i++) {
			int64_t t;

			if (calendar[i].org != org)
				continue;
			t = nth_weekday(yy, calendar[i].month, calendar[i].weekday, calendar[i].nth);
			if (t < day && t > best)
				best = t;
		}
	return best;
}

static int approve(struct demo *d, const struct mtg *m, const struct mtg *by)
{
	char at[32];
	int hh = 0, mm = 0;

	hhmm(by->start, &hh, &mm);
	fmt_utc(at, sizeof(at), by->day, hh, mm);
	if (db_meeting_minutes_approve(d->db, m->id, by->id, at) < 0)
		return db_failed(d, "approving minutes");
	return 0;
}

static int64_t today_day(void)
{
	const char *env = getenv("WITAN_DEMO_TODAY");
	struct tm tm;
	time_t now;

	if (env && strlen(env) == 10 && env[4] == '-' && env[7] == '-') {
		int y = (int)strtol(env, NULL, 10), m = (int)strtol(env + 5, NULL, 10),
		    dd = (int)strtol(env + 8, NULL, 10);

		if (y >= 2023 && y <= 2100 && m >= 1 && m <= 12 && dd >= 1 && dd <= 31)
			return days_from_civil(y, m, dd);
	}
	now = time(NULL);
	localtime_r(&now, &tm);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* What the demo keeps internal (demo.h, DEMO_INTERNAL_MARKER), besides a
 * member's contact details (write_body): an unlisted informal briefing
 * with its agenda, and the audit entry of an agenda withdrawn with a
 * reason. */
static int write_internal(struct demo *d)
{
	char date[16], start[32];
	int64_t m, item;

	fmt_iso(date, sizeof(date), d->today + 9);
	snprintf(start, sizeof(start), "%s 10:00", date);
	m = db_meeting_create(d->db, &(struct meeting_new){ .organization_id = d->org[O_CABINET],
		.location_id = d->loc[L_ROOM1], .name = "Informal member briefing: " DEMO_INTERNAL_MARKER " depot",
		.start_at = start, .unpublished = 1, .agenda_published_at = "2023-01-02T09:00:00Z" });
	if (m < 0)
		return db_failed(d, "creating the unlisted briefing");
	item = db_item_create(d->db, &(struct item_new){ .meeting_id = m, .position = 1, .number = "1",
		.title = "Options for the " DEMO_INTERNAL_MARKER " depot",
		.description_md = "Officers will brief members on the sale of the " DEMO_INTERNAL_MARKER
				  " depot before any public report." });
	if (item < 0)
		return db_failed(d, "creating the briefing's item");
	{
		struct blocks b = { 0 };
		blk(d, &b, PDF_PARA, "The " DEMO_INTERNAL_MARKER " depot has been surplus to operational needs "
		    "since the new highways hub opened. This note sets out the options for members before "
		    "any public report is prepared.");
		if (emit_pdf(d, "Briefing note: " DEMO_INTERNAL_MARKER " depot", "briefing-note.pdf",
			     "Briefing note", "Options for the " DEMO_INTERNAL_MARKER " depot", "Informal member briefing",
			     &b, 0, item, "report", 1) < 0) {
			blocks_release(&b);
			return -1;
		}
		blocks_release(&b);
	}
	if (db_audit(d->db, 0, "unpublish agenda", "meeting", m, NULL,
		     "{\"reason\":\"Withdrawn until the " DEMO_INTERNAL_MARKER " valuation is in\"}") < 0)
		return db_failed(d, "writing the audit log");
	return 0;
}

int demo_create(struct db *db, struct store *st, char *err, size_t errlen)
{
	struct demo d = { .db = db, .st = st, .err = err, .errlen = errlen };
	struct mtg archive[2] = {
		{ .org = O_PANEL, .month = 2, .day = days_from_civil(2019, 2, 4), .loc = L_CHAMBER,
		  .start = "11:00", .end = "13:30", .state = S_HELD,
		  .flags = M_SEED | M_ARCHIVE | M_PUB_AGENDA, .seq = 0, .approver = 1 },
		{ .org = O_PANEL, .month = 6, .day = days_from_civil(2019, 6, 10), .loc = L_CHAMBER,
		  .start = "11:00", .end = "13:00", .state = S_HELD,
		  .flags = M_ARCHIVE | M_PUB_AGENDA, .seq = 1, .approver = -1 },
	};
	struct mtg *plan = NULL;
	int n, rc = -1, began = 0;

	if (errlen)
		err[0] = '\0';
	d.today = today_day();
	buf_init(&d.pdf, (size_t)16 << 20);
	plan = calloc(MAX_PLAN, sizeof(*plan));
	if (!plan) {
		fail(&d, "out of memory", NULL);
		goto out;
	}
	n = plan_meetings(d.today, plan, MAX_PLAN);
	if (all_memberships(&d) < 0)
		goto out;
	if (db_begin(db) < 0) {
		db_failed(&d, "starting a transaction");
		goto out;
	}
	began = 1;
	if (write_body(&d) < 0)
		goto out;

	for (int i = 0; i < 2; i++)
		if (write_meeting(&d, &archive[i]) < 0)
			goto out;
	if (approve(&d, &archive[0], &archive[1]) < 0)
		goto out;

	for (int o = 0; o < NORG; o++)
		for (int i = 0; i < n; i++)
			if (plan[i].org == o) {
				d.prev_held[o] = prev_occurrence(o, plan[i].day);
				break;
			}
	for (int i = 0; i < n; i++)
		if (write_meeting(&d, &plan[i]) < 0)
			goto out;
	for (int i = 0; i < n; i++)
		if (plan[i].approver >= 0 && approve(&d, &plan[i], &plan[plan[i].approver]) < 0)
			goto out;

	if (write_internal(&d) < 0)
		goto out;
	if (d.failed)
		goto out;
	if (db_commit(db) < 0) {
		db_failed(&d, "committing");
		goto out;
	}
	rc = 0;
out:
	if (rc < 0 && began)
		db_rollback(db);
	if (rc < 0 && !d.failed)
		fail(&d, "failed", NULL);
	for (size_t i = 0; i < d.nstrs; i++)
		free(d.strs[i]);
	free(d.strs);
	free(d.ms);
	free(plan);
	buf_release(&d.pdf);
	return rc;
}

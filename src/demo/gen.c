/* gen.c: the synthetic record of `witan gen` (see gen.h).
 *
 * The text reads like the agendas, minutes and reports of a borough council
 * (and a police and crime panel) and has a realistic spread of words: every
 * word list runs from common to rare and is drawn from with a Zipf-like
 * skew (zipf()), so generic council words ("committee", "report") are in
 * most passages while a road, a school or a surname is in few.
 *
 * Text is built from sentence templates whose slots are one character in
 * braces: "{C} asked about {T} in {P}." (slot() lists them).  Each item has
 * a kind (a topic report, a planning application, a licence hearing...), a
 * topic from its committee's areas and a town; the templates of its kind
 * make its title, its description and, for past meetings, its minutes. */
#include "demo/gen.h"

#include <math.h>
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
#define MAXITEMS 15

#define NEL(a) ((int)(sizeof(a) / sizeof(a[0])))

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

/* An index in [0, n) with P(i) proportional to 1 / (i + 3): a list's first
 * entries are common and the rest a long tail. */
static int zipf(int n)
{
	double u = (double)(rnd() >> 11) * (1.0 / 9007199254740992.0);
	int i = (int)(3.0 * pow((n + 3) / 3.0, u)) - 3;

	return i < 0 ? 0 : i < n ? i : n - 1;
}

#define PICK(a) (a[pick(NEL(a))])
#define ZPICK(a) (a[zipf(NEL(a))])

/* ---- Word lists, each from common to rare ---- */

static const char *const given[] = {
	"David", "Sarah", "John", "Jane", "Peter", "Susan", "Andrew", "Helen", "Paul", "Karen",
	"Michael", "Julie", "Richard", "Claire", "Mark", "Alison", "James", "Elizabeth", "Robert", "Catherine",
	"Stephen", "Emma", "Ian", "Rachel", "Simon", "Nicola", "Chris", "Lucy", "Tony", "Ruth",
	"Mohammed", "Priya", "Gareth", "Siân", "Rhys", "Amir", "Aisha", "Tomasz", "Agnieszka", "Kwame",
	"Ciarán", "Niamh", "Graham", "Margaret", "Brian", "Pauline", "Roger", "Heather", "Nigel", "Joy",
	"Kevin", "Lesley", "Dean", "Joanne", "Tariq", "Fatima", "Hannah", "Oliver", "Sophie", "Daniel",
	"Grace", "Malcolm", "Vivienne", "Keith", "Beverley", "Duncan", "Harriet", "Raj", "Sunita", "Owen",
	"Bernadette", "Declan",
};
static const char *const family[] = {
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Roberts",
	"Johnson", "Lewis", "Walker", "Robinson", "Wood", "Patel", "Thompson", "Wright", "White", "Hughes",
	"Edwards", "Green", "Hall", "Clarke", "Jackson", "Harris", "Price", "Morgan", "Khan", "Turner",
	"Hill", "Moore", "Cooper", "Ward", "Morris", "King", "Baker", "Harrison", "Parker", "Lloyd",
	"Bennett", "Griffiths", "Owen", "Murphy", "Phillips", "Shaw", "Carter", "Mitchell", "Cook", "Bailey",
	"Bell", "Kaur", "Singh", "Begum", "Ali", "Hussain", "Nowak", "Kowalski", "Okafor", "Mensah",
	"O'Neill", "O'Brien", "Gallagher", "MacDonald", "Fraser", "Pritchard", "Bevan", "Vaughan", "Powell", "Watkins",
	"Jenkins", "Preece", "Mytton", "Corbett", "Hartshorn", "Tudor", "Lockwood", "Ashby", "Sandford", "Fenwick",
	"Halliday", "Whitmore", "Bradshaw", "Tranter", "Minton", "Kirkham", "Hollis", "Oakley", "Pemberton", "Rowlands",
	"Cadwallader", "Morrell", "Pugh", "Heighway", "Bebbington", "Boughey", "Evanson", "Mainwaring", "Latham", "Blakemore",
};
/* given[i] is a man's name if given_sex[i] is 'm' (for "Mr" or "Mrs"). */
static const char given_sex[] =
	"mfmfmfmfmf" "mfmfmfmfmf" "mfmfmfmfmf" "mfmfmmfmfm" "mfmfmfmfmf" "mfmfmffmfm" "fmfmfmfmfm" "fm";
_Static_assert(sizeof(given_sex) - 1 == sizeof(given) / sizeof(given[0]), "given_sex matches given");
static const char *const honorifics_m[] = { "Mr", "Mr", "Mr", "Dr" };
static const char *const honorifics_f[] = { "Mrs", "Ms", "Mrs", "Miss", "Dr" };
static const char *const parties[] = { "Conservative", "Labour", "Liberal Democrat", "Green Party", "Independent", "Reform UK" };

static const char *const towns[] = {
	"Ludlow", "Oswestry", "Bridgnorth", "Whitchurch", "Market Drayton", "Wem", "Shifnal", "Church Stretton",
	"Ellesmere", "Much Wenlock", "Craven Arms", "Bishop's Castle", "Cleobury Mortimer", "Albrighton", "Broseley",
	"Highley", "Pontesbury", "Bayston Hill", "Gobowen", "St Martin's", "Minsterley", "Clun", "Baschurch",
	"Shawbury", "Prees", "Hodnet", "Condover", "Dorrington", "Nesscliffe", "Ruyton-XI-Towns", "Weston Rhyn",
	"Cressage", "Alveley", "Worthen", "Chirbury", "Ditton Priors", "Kinlet", "Burford", "Llanymynech", "Trefonen",
};
static const char *const wards[] = {
	"Abbey", "Castle", "Quarry and Coton Hill", "Belle Vue", "Meole", "Harlescott", "Sundorne", "Battlefield",
	"Radbrook", "Porthill", "Copthorne", "Bowbrook", "Column and Sutton", "Underdale", "Monkmoor", "Bagley",
	"Severn Valley", "Rea Valley", "Loton", "Ruyton and Baschurch", "Tern", "Ercall", "Brown Clee", "Clee",
	"Corvedale", "Burnell", "Longden", "Chirbury and Worthen", "Cheswardine", "Hodnet",
};
static const char *const road_names[] = {
	"High", "Station", "Church", "Mill", "London", "Victoria", "Park", "Manor", "School", "Queen",
	"King", "Chapel", "Castle", "Bridge", "Green", "Market", "New", "Springfield", "Meadow", "Orchard",
	"Elm", "North", "Albert", "Willow", "Oak", "Beech", "Abbey", "Grange", "Ash", "Hill",
	"York", "George", "Birch", "Cherry", "Holly", "Windsor", "Wellington", "Whitchurch", "Mount Pleasant", "Sandy",
	"Brook", "Cross", "Broad", "Pool", "Coronation", "Severn", "Hereford", "Lime", "Chestnut", "Rectory",
	"Vicarage", "Moor", "Wharf", "Castle View",
};
static const char *const road_kinds[] = {
	"Road", "Street", "Lane", "Close", "Avenue", "Way", "Drive", "Crescent", "Gardens", "Terrace", "Place", "Row",
};
static const char *const numbered_roads[] = {
	"A49", "A5", "A41", "A458", "A442", "A483", "A53", "A488", "A4117", "A529", "B4368", "B4373", "B5062",
	"B4386", "M54",
};
static const char *const orgs[] = {
	"West Mercia Police", "the Environment Agency", "National Highways", "the Integrated Care Board",
	"the County Hospitals NHS Trust", "Homes England", "the Local Government Association", "the town and parish councils",
	"Citizens Advice", "Age UK", "the Department for Transport", "the Department for Education",
	"the Department for Levelling Up, Housing and Communities", "the Home Office", "the Fire and Rescue Service",
	"Natural England", "Historic England", "Network Rail", "Arriva Midlands", "Severn Trent Water",
	"the Community Health NHS Trust", "the Midlands Partnership NHS Foundation Trust", "West Midlands Ambulance Service",
	"NHS England", "Healthwatch", "the Care Quality Commission", "Ofsted", "the Local Government and Social Care Ombudsman",
	"the Canal and River Trust", "the Wildlife Trust", "the Chamber of Commerce", "the Federation of Small Businesses",
	"the Youth Parliament", "Mind", "Shelter", "the Voluntary and Community Sector Assembly", "Minsterley Motors",
	"Boultons Bus", "Select Bus Services", "Stagecoach West", "the University Centre", "the College",
	"Grant Thornton", "the Marches Local Enterprise Partnership", "the Rural Community Council", "Homes Plus",
	"the Safer Roads Partnership", "the Probation Service", "the Crown Prosecution Service",
};
static const char *const general_officers[] = {
	"the Chief Executive", "the Monitoring Officer", "the Section 151 Officer", "the Head of Legal and Democratic Services",
	"the Assistant Director of Finance", "the Head of Policy and Performance", "the Democratic Services Manager",
	"the Head of Commissioning", "the Communications Manager", "the Head of Business Improvement",
};
static const char *const saints[] = {
	"Mary", "Peter", "John", "Michael", "Andrew", "Lawrence", "Oswald", "Chad", "George", "Giles", "Leonard", "Milburga",
};
static const char *const premises[] = {
	"The Red Lion", "The Crown", "The Royal Oak", "The White Hart", "The Bell", "The Plough", "The Swan",
	"The Black Horse", "The George", "The King's Head", "The Wheatsheaf", "The Fox and Hounds",
	"The Railway Tavern", "The Three Tuns", "Premier Stores", "Spice Lounge", "Bar Rio", "The Kebab House",
	"Golden Dragon Takeaway", "The Old Bakehouse", "Castle Wines", "Express Convenience Store",
	"The Hop and Barrel", "Riverside Bowls Club", "The Market Tavern", "The Coach and Horses", "Village Stores",
	"The Church Inn", "Cafe Bella", "The Roebuck",
};
static const char *const doc_things[] = {
	"the options appraisal", "the business case", "the equality impact assessment", "the draft strategy",
	"the action plan", "the consultation report", "the delivery plan", "the risk register", "the annual report",
	"the inspection report", "the benchmarking data", "the peer review findings", "the feasibility study",
	"the independent review", "the task group's recommendations", "the service plan", "the market position statement",
	"the outturn report", "the asset management plan", "the communications plan", "the draft policy",
	"the procurement plan", "the member briefing note",
};
static const char *const pressures[] = {
	"rising demand", "inflation", "higher energy prices", "difficulties recruiting staff",
	"the national shortage of social workers", "reductions in government grant", "increases in the national living wage",
	"the wet weather", "delays in the supply chain", "higher interest rates", "the backlog from the pandemic",
	"an ageing population", "the cost of living crisis", "the insolvency of a contractor", "changes in legislation",
	"the late confirmation of grant funding", "increased fuel costs", "vacancies in key posts",
	"the growth in housing development", "the loss of income from car parks", "higher construction costs",
};
static const char *const groups[] = {
	"older residents", "families with young children", "people with disabilities", "rural communities",
	"small businesses", "tenants", "young people", "unpaid carers", "people on low incomes",
	"residents without internet access", "bus users", "schools", "town and parish councils",
	"the voluntary sector", "local traders", "visitors to the borough",
};
static const char *const concerns[] = {
	"traffic", "flooding", "parking", "loss of privacy", "noise", "the design of the buildings",
	"the loss of trees and hedgerows", "highway safety", "the impact on the conservation area", "overlooking",
	"drainage", "pressure on local schools and GP surgeries", "the scale of the development",
	"the loss of agricultural land", "light pollution", "access for emergency vehicles",
};
static const char *const benefits_106[] = {
	"affordable housing", "primary school places", "public open space", "highway improvements",
	"a new bus service", "local health facilities", "off-site biodiversity net gain", "a new play area",
};
static const char *const comparisons[] = {
	"in the top quartile", "in line with the national average", "below the national average",
	"better than the regional average", "among the best in the region", "slightly behind similar councils",
};
static const char *const closing_times[] = {
	"11.00 pm", "midnight", "11.30 pm", "1.00 am", "10.30 pm", "2.00 am",
};
static const char *const activities[] = {
	"the sale of alcohol", "the sale of alcohol for consumption off the premises", "late night refreshment",
	"live and recorded music", "regulated entertainment",
};
static const char *const lic_concerns[] = {
	"noise from customers leaving the premises", "public nuisance", "anti-social behaviour in the street",
	"the risk of underage sales", "litter and late-night disturbance", "crime and disorder in the town centre",
};
static const char *const taxi_issues[] = {
	"a conviction for speeding", "a complaint from a passenger", "a failure to declare a caution",
	"the refusal to carry an assistance dog", "a report from West Mercia Police", "driving without insurance",
};
static const char *const app_types[] = { "FUL", "OUT", "REM", "HHE", "VAR", "LBC", "COU", "AGR" };
static const char *const venues[] = {
	"Council Chamber, Shirehall", "Committee Room 1, Shirehall", "The Guildhall", "Ludlow Assembly Rooms",
	"Oswestry Community Hub",
};

/* ---- Areas, topics and committees ---- */

enum area { A_FIN, A_AUD, A_GOV, A_PEN, A_PLAN, A_ENV, A_ECO, A_COM, A_HOU, A_ADU, A_CHI, A_POL, A_LIC, NAREAS };
#define AM(a) (1u << (a))
#define ALL_AREAS ((1u << NAREAS) - 1)

static const struct area_info {
	const char *lead;          /* who answers for it */
	const char *officers[4];   /* its lead officers (NULL-padded) */
	const char *acts[3];       /* its law */
} areas[NAREAS] = {
	[A_FIN] = { "the Cabinet Member for Finance and Corporate Resources",
		{ "the Executive Director of Resources", "the Section 151 Officer", "the Head of Finance" },
		{ "Local Government Finance Act 1992", "Local Government Act 2003" } },
	[A_AUD] = { "the Cabinet Member for Finance and Corporate Resources",
		{ "the Head of Audit and Risk", "the Audit Manager", "the external auditor" },
		{ "Accounts and Audit Regulations 2015", "Local Audit and Accountability Act 2014" } },
	[A_GOV] = { "the Cabinet Member for Corporate Governance and Workforce",
		{ "the Monitoring Officer", "the Head of HR and Organisational Development", "the Head of Legal and Democratic Services" },
		{ "Localism Act 2011", "Local Government and Housing Act 1989", "Employment Rights Act 1996" } },
	[A_PEN] = { "the Cabinet Member for Finance and Corporate Resources",
		{ "the Head of Pensions", "the Pension Fund's investment adviser", "the Pensions Administration Manager" },
		{ "Public Service Pensions Act 2013", "Local Government Pension Scheme Regulations 2013" } },
	[A_PLAN] = { "the Cabinet Member for Planning and Regulatory Services",
		{ "the Head of Planning Services", "the Development Manager", "the Planning Policy Manager", "the Principal Planning Officer" },
		{ "Town and Country Planning Act 1990", "Planning and Compulsory Purchase Act 2004" } },
	[A_ENV] = { "the Cabinet Member for Highways, Transport and Environment",
		{ "the Director of Place", "the Head of Highways and Transport",
		  "the Head of Waste and Environmental Services", "the Flood and Water Manager" },
		{ "Highways Act 1980", "Environmental Protection Act 1990", "Flood and Water Management Act 2010" } },
	[A_ECO] = { "the Cabinet Member for Economy and Regeneration",
		{ "the Head of Economic Growth", "the Regeneration Manager", "the Head of Property and Development" },
		{ "Localism Act 2011", "Levelling-up and Regeneration Act 2023" } },
	[A_COM] = { "the Cabinet Member for Communities, Culture and Leisure",
		{ "the Head of Culture, Leisure and Tourism", "the Libraries Manager",
		  "the Community Safety Manager", "the Head of Regulatory Services" },
		{ "Public Libraries and Museums Act 1964", "Crime and Disorder Act 1998", "Anti-social Behaviour, Crime and Policing Act 2014" } },
	[A_HOU] = { "the Cabinet Member for Housing and Assets",
		{ "the Head of Housing", "the Housing Options Manager", "the Private Sector Housing Manager" },
		{ "Housing Act 1996", "Homelessness Reduction Act 2017", "Housing Act 2004" } },
	[A_ADU] = { "the Cabinet Member for Adult Social Care and Public Health",
		{ "the Director of Adult Social Care", "the Director of Public Health",
		  "the Assistant Director for Commissioning", "the Chief Executive of the Integrated Care Board" },
		{ "Care Act 2014", "Health and Social Care Act 2012", "Mental Capacity Act 2005" } },
	[A_CHI] = { "the Cabinet Member for Children and Education",
		{ "the Director of Children's Services", "the Head of Education Improvement",
		  "the Head of Children's Social Care", "the Virtual School Head" },
		{ "Children Act 1989", "Children and Families Act 2014", "Education Act 1996" } },
	[A_POL] = { "the Police and Crime Commissioner",
		{ "the Police and Crime Commissioner", "the Chief Constable",
		  "the Chief Executive of the Office of the Police and Crime Commissioner", "the Deputy Chief Constable" },
		{ "Police Reform and Social Responsibility Act 2011", "Police Act 1996" } },
	[A_LIC] = { "the Cabinet Member for Planning and Regulatory Services",
		{ "the Licensing Manager", "the Licensing Officer", "the council's legal adviser" },
		{ "Licensing Act 2003", "Gambling Act 2005", "Local Government (Miscellaneous Provisions) Act 1976" } },
};

enum { TF_PLACE = 1, TF_ROAD = 2 };  /* a topic can be "in {town}", "on {road}" */

static const struct topic {
	const char *title;         /* "Speed Camera Enforcement" */
	const char *np;            /* "speed cameras" */
	unsigned char area, flags;
} topics[] = {
	{ "Medium Term Financial Plan", "the medium term financial plan", A_FIN, 0 },
	{ "Capital Programme", "the capital programme", A_FIN, 0 },
	{ "Council Tax Base", "the council tax base", A_FIN, 0 },
	{ "Fees and Charges", "fees and charges", A_FIN, 0 },
	{ "Council Tax Support Scheme", "the council tax support scheme", A_FIN, 0 },
	{ "Treasury Management Strategy", "the treasury management strategy", A_FIN, 0 },
	{ "Corporate Plan", "the corporate plan", A_FIN, 0 },
	{ "Procurement Strategy", "the procurement strategy", A_FIN, 0 },
	{ "Digital Transformation Programme", "the digital transformation programme", A_FIN, 0 },
	{ "Customer Services", "customer services", A_FIN, 0 },
	{ "Business Rates Relief", "business rates relief", A_FIN, 0 },
	{ "Commercial Property Portfolio", "the commercial property portfolio", A_FIN, 0 },
	{ "Disposal of Surplus Assets", "the disposal of surplus assets", A_FIN, TF_PLACE },
	{ "Office Accommodation Review", "office accommodation", A_FIN, TF_PLACE },
	{ "Social Value in Procurement", "social value", A_FIN, 0 },
	{ "Reserves Strategy", "the council's reserves", A_FIN, 0 },
	{ "Council-Owned Companies", "the council-owned companies", A_FIN, 0 },

	{ "Internal Audit Progress Report", "internal audit", A_AUD, 0 },
	{ "External Audit Findings", "the external audit", A_AUD, 0 },
	{ "Statement of Accounts", "the statement of accounts", A_AUD, 0 },
	{ "Annual Governance Statement", "the annual governance statement", A_AUD, 0 },
	{ "Corporate Risk Register", "the corporate risk register", A_AUD, 0 },
	{ "Counter Fraud and Corruption", "counter-fraud work", A_AUD, 0 },
	{ "Information Governance", "information governance", A_AUD, 0 },
	{ "Cyber Security", "cyber security", A_AUD, 0 },
	{ "Insurance Arrangements", "insurance claims", A_AUD, 0 },
	{ "Use of Surveillance Powers (RIPA)", "the use of surveillance powers", A_AUD, 0 },
	{ "Value for Money Assessment", "value for money", A_AUD, 0 },

	{ "Members' Code of Conduct", "the members' code of conduct", A_GOV, 0 },
	{ "Workforce Strategy", "the workforce strategy", A_GOV, 0 },
	{ "Staff Recruitment and Retention", "staff recruitment and retention", A_GOV, 0 },
	{ "Pay Policy Statement", "the pay policy statement", A_GOV, 0 },
	{ "Sickness Absence", "staff sickness absence", A_GOV, 0 },
	{ "Review of the Constitution", "the constitution", A_GOV, 0 },
	{ "Members' Allowances", "members' allowances", A_GOV, 0 },
	{ "Complaints about Councillors", "complaints about councillors", A_GOV, 0 },
	{ "Apprenticeships", "apprenticeships", A_GOV, 0 },
	{ "Agency Staff", "spending on agency staff", A_GOV, 0 },
	{ "Gender Pay Gap Report", "the gender pay gap", A_GOV, 0 },
	{ "Health and Safety at Work", "health and safety", A_GOV, 0 },
	{ "Ombudsman Annual Review Letter", "complaints to the ombudsman", A_GOV, 0 },
	{ "Electoral Boundary Review", "the electoral boundary review", A_GOV, 0 },
	{ "Polling Districts and Places", "polling districts and places", A_GOV, TF_PLACE },
	{ "Hybrid Working Policy", "hybrid working", A_GOV, 0 },
	{ "Register of Members' Interests", "the register of interests", A_GOV, 0 },
	{ "Appointment of Chief Officers", "the appointment of chief officers", A_GOV, 0 },

	{ "Pension Fund Investment Strategy", "the pension fund investment strategy", A_PEN, 0 },
	{ "Pension Fund Valuation", "the triennial valuation", A_PEN, 0 },
	{ "Pension Administration Performance", "pension administration", A_PEN, 0 },
	{ "Responsible Investment Policy", "responsible investment", A_PEN, 0 },
	{ "Investment Pooling", "investment pooling", A_PEN, 0 },
	{ "Pension Fund Annual Report", "the pension fund annual report", A_PEN, 0 },
	{ "Climate Risk in the Pension Fund", "climate risk in the pension fund", A_PEN, 0 },
	{ "Employer Contribution Rates", "employer contribution rates", A_PEN, 0 },

	{ "Local Plan Review", "the local plan review", A_PLAN, 0 },
	{ "Planning Appeals", "planning appeals", A_PLAN, 0 },
	{ "Section 106 Agreements", "section 106 agreements", A_PLAN, TF_PLACE },
	{ "Five Year Housing Land Supply", "the five year housing land supply", A_PLAN, 0 },
	{ "Planning Enforcement", "planning enforcement", A_PLAN, TF_PLACE },
	{ "Community Infrastructure Levy", "the community infrastructure levy", A_PLAN, 0 },
	{ "Neighbourhood Plans", "neighbourhood plans", A_PLAN, TF_PLACE },
	{ "Affordable Housing Delivery", "affordable housing", A_PLAN, TF_PLACE },
	{ "Conservation Area Appraisals", "conservation area appraisals", A_PLAN, TF_PLACE },
	{ "Tree Preservation Orders", "tree preservation orders", A_PLAN, TF_PLACE | TF_ROAD },
	{ "Development Management Performance", "the speed of planning decisions", A_PLAN, 0 },
	{ "Biodiversity Net Gain", "biodiversity net gain", A_PLAN, 0 },
	{ "Gypsy and Traveller Site Provision", "gypsy and traveller sites", A_PLAN, 0 },
	{ "Brownfield Land Register", "the brownfield land register", A_PLAN, 0 },
	{ "Design Code", "the design code", A_PLAN, TF_PLACE },
	{ "Nutrient Neutrality", "phosphate levels in the river catchment", A_PLAN, 0 },
	{ "Listed Building Consents", "listed buildings", A_PLAN, TF_PLACE },

	{ "Highways Maintenance", "highways maintenance", A_ENV, TF_PLACE | TF_ROAD },
	{ "Waste Collection", "waste collection", A_ENV, TF_PLACE },
	{ "Pothole Repairs", "pothole repairs", A_ENV, TF_PLACE | TF_ROAD },
	{ "Bus Service Improvement Plan", "bus services", A_ENV, TF_PLACE | TF_ROAD },
	{ "School Transport", "school transport", A_ENV, TF_PLACE },
	{ "Road Safety", "road safety", A_ENV, TF_PLACE | TF_ROAD },
	{ "Flood Risk Management", "flood risk management", A_ENV, TF_PLACE },
	{ "Climate Emergency Action Plan", "the climate emergency", A_ENV, 0 },
	{ "Household Recycling Centres", "the household recycling centres", A_ENV, TF_PLACE },
	{ "Car Parking Charges", "car parking charges", A_ENV, TF_PLACE },
	{ "Winter Gritting", "winter gritting", A_ENV, TF_ROAD },
	{ "Speed Camera Enforcement", "speed cameras", A_ENV, TF_PLACE | TF_ROAD },
	{ "20mph Speed Limits", "20mph speed limits", A_ENV, TF_PLACE | TF_ROAD },
	{ "Flood Defences", "flood defences", A_ENV, TF_PLACE },
	{ "Street Lighting", "street lighting", A_ENV, TF_PLACE | TF_ROAD },
	{ "Fly-tipping", "fly-tipping", A_ENV, TF_PLACE | TF_ROAD },
	{ "Electric Vehicle Charging", "electric vehicle charging points", A_ENV, TF_PLACE },
	{ "Cycling and Walking Infrastructure", "cycling and walking routes", A_ENV, TF_PLACE | TF_ROAD },
	{ "Air Quality Management", "air quality", A_ENV, TF_PLACE | TF_ROAD },
	{ "Food Waste Collection", "food waste collection", A_ENV, 0 },
	{ "Traffic Regulation Orders", "traffic regulation orders", A_ENV, TF_PLACE | TF_ROAD },
	{ "Drainage and Gully Cleaning", "drainage and gully cleaning", A_ENV, TF_PLACE | TF_ROAD },
	{ "Street Cleansing", "street cleansing", A_ENV, TF_PLACE },
	{ "Community Transport", "community transport", A_ENV, TF_PLACE },
	{ "Public Rights of Way", "public rights of way", A_ENV, TF_PLACE },
	{ "Carbon Reduction Plan", "carbon reduction", A_ENV, 0 },
	{ "Tree Planting Strategy", "tree planting", A_ENV, TF_PLACE },
	{ "Grass Cutting and Verges", "grass verges", A_ENV, TF_PLACE | TF_ROAD },
	{ "Ash Dieback", "ash dieback", A_ENV, TF_ROAD },
	{ "Railway Station Improvements", "the railway station", A_ENV, TF_PLACE },
	{ "Bridge Strengthening", "bridge strengthening", A_ENV, TF_PLACE | TF_ROAD },
	{ "Local Transport Plan", "the local transport plan", A_ENV, 0 },
	{ "Bypass and Relief Road Schemes", "the proposed bypass", A_ENV, TF_PLACE | TF_ROAD },
	{ "Park and Ride", "park and ride", A_ENV, TF_PLACE },

	{ "Economic Growth Strategy", "economic growth", A_ECO, 0 },
	{ "Town Centre Regeneration", "town centre regeneration", A_ECO, TF_PLACE },
	{ "UK Shared Prosperity Fund", "the shared prosperity fund", A_ECO, 0 },
	{ "Levelling Up Fund Bid", "the levelling up fund bid", A_ECO, TF_PLACE },
	{ "High Street Vacancies", "empty shops on the high street", A_ECO, TF_PLACE },
	{ "Tourism and the Visitor Economy", "tourism", A_ECO, TF_PLACE },
	{ "Superfast Broadband", "broadband coverage", A_ECO, TF_PLACE },
	{ "Skills and Employment", "skills and employment", A_ECO, 0 },
	{ "Business Support Grants", "business support grants", A_ECO, 0 },
	{ "Markets Service", "the markets service", A_ECO, TF_PLACE },
	{ "Enterprise Zone", "the enterprise zone", A_ECO, TF_PLACE },
	{ "Rural Economy", "the rural economy", A_ECO, 0 },
	{ "Solar Farms and Wind Turbines", "renewable energy schemes", A_ECO, TF_PLACE },
	{ "Inward Investment", "inward investment", A_ECO, 0 },
	{ "Employment Land", "employment land", A_ECO, TF_PLACE },

	{ "Library Services", "library services", A_COM, TF_PLACE },
	{ "Leisure Centres", "leisure centres", A_COM, TF_PLACE },
	{ "Community Safety Partnership", "community safety", A_COM, TF_PLACE },
	{ "Parks and Open Spaces", "parks and open spaces", A_COM, TF_PLACE },
	{ "Anti-social Behaviour", "anti-social behaviour", A_COM, TF_PLACE | TF_ROAD },
	{ "Library Closure Consultation", "the proposed library closures", A_COM, TF_PLACE },
	{ "Cost of Living Support", "the cost of living", A_COM, 0 },
	{ "Domestic Abuse Services", "domestic abuse", A_COM, 0 },
	{ "Museums and Archives", "museums and archives", A_COM, TF_PLACE },
	{ "Arts and Culture Strategy", "arts and culture", A_COM, 0 },
	{ "Swimming Pool Refurbishment", "the swimming pool", A_COM, TF_PLACE },
	{ "Play Areas", "children's play areas", A_COM, TF_PLACE },
	{ "Voluntary Sector Grants", "grants to the voluntary sector", A_COM, 0 },
	{ "Household Support Fund", "the household support fund", A_COM, 0 },
	{ "Community Centres", "community centres", A_COM, TF_PLACE },
	{ "Food Hygiene Inspections", "food hygiene inspections", A_COM, 0 },
	{ "Allotments", "allotments", A_COM, TF_PLACE },
	{ "Public Toilets", "public toilets", A_COM, TF_PLACE },
	{ "Emergency Planning", "emergency planning", A_COM, 0 },
	{ "Trading Standards", "trading standards", A_COM, 0 },
	{ "CCTV", "CCTV coverage", A_COM, TF_PLACE | TF_ROAD },
	{ "Cemeteries and Crematoria", "cemeteries and burial grounds", A_COM, TF_PLACE },
	{ "Equality and Diversity", "equality and diversity", A_COM, 0 },
	{ "Digital Inclusion", "digital inclusion", A_COM, 0 },
	{ "Armed Forces Covenant", "the armed forces covenant", A_COM, 0 },
	{ "Food Banks", "food banks", A_COM, TF_PLACE },
	{ "Noise Nuisance", "noise complaints", A_COM, TF_PLACE | TF_ROAD },
	{ "Dog Fouling", "dog fouling", A_COM, TF_PLACE },
	{ "Refugee Resettlement", "refugee resettlement", A_COM, 0 },
	{ "Environmental Health", "environmental health", A_COM, 0 },

	{ "Homelessness and Rough Sleeping", "homelessness", A_HOU, TF_PLACE },
	{ "Housing Allocations Policy", "housing allocations", A_HOU, 0 },
	{ "Temporary Accommodation", "temporary accommodation", A_HOU, TF_PLACE },
	{ "Council Housing Repairs", "council housing repairs", A_HOU, TF_PLACE },
	{ "Damp and Mould", "damp and mould in council homes", A_HOU, 0 },
	{ "Private Rented Sector", "private rented housing", A_HOU, TF_PLACE },
	{ "Disabled Facilities Grants", "disabled facilities grants", A_HOU, 0 },
	{ "Empty Homes", "empty homes", A_HOU, TF_PLACE },
	{ "Houses in Multiple Occupation", "houses in multiple occupation", A_HOU, TF_PLACE | TF_ROAD },
	{ "Housing Revenue Account Business Plan", "the housing revenue account", A_HOU, 0 },
	{ "Tenant Satisfaction Measures", "tenant satisfaction", A_HOU, 0 },
	{ "New Council Homes", "new council homes", A_HOU, TF_PLACE },
	{ "Extra Care Housing", "extra care housing", A_HOU, TF_PLACE },

	{ "Adult Social Care", "adult social care", A_ADU, 0 },
	{ "Public Health Annual Report", "public health", A_ADU, 0 },
	{ "Mental Health Services", "mental health services", A_ADU, 0 },
	{ "Hospital Discharge", "hospital discharge", A_ADU, 0 },
	{ "Care Home Fees", "care home fees", A_ADU, 0 },
	{ "Home Care", "home care", A_ADU, TF_PLACE },
	{ "GP Access", "access to GP appointments", A_ADU, TF_PLACE },
	{ "Unpaid Carers Strategy", "unpaid carers", A_ADU, 0 },
	{ "Integrated Care System", "the integrated care system", A_ADU, 0 },
	{ "Better Care Fund", "the better care fund", A_ADU, 0 },
	{ "Learning Disability Services", "learning disability services", A_ADU, 0 },
	{ "Dementia Strategy", "dementia care", A_ADU, 0 },
	{ "Drug and Alcohol Services", "drug and alcohol services", A_ADU, 0 },
	{ "Health Inequalities", "health inequalities", A_ADU, 0 },
	{ "Safeguarding Adults Board Annual Report", "adult safeguarding", A_ADU, 0 },
	{ "NHS Dentistry", "NHS dentistry", A_ADU, TF_PLACE },
	{ "Ambulance Response Times", "ambulance response times", A_ADU, TF_PLACE },
	{ "Winter Pressures", "winter pressures in the NHS", A_ADU, 0 },
	{ "Suicide Prevention", "suicide prevention", A_ADU, 0 },
	{ "Community Hospitals", "community hospitals", A_ADU, TF_PLACE },
	{ "Maternity Services", "maternity services", A_ADU, 0 },
	{ "Smoking Cessation", "smoking cessation", A_ADU, 0 },
	{ "Healthy Weight", "obesity", A_ADU, 0 },
	{ "Sexual Health Services", "sexual health services", A_ADU, 0 },
	{ "Pharmaceutical Needs Assessment", "community pharmacies", A_ADU, TF_PLACE },
	{ "Covid-19 Recovery", "the Covid-19 recovery", A_ADU, 0 },
	{ "Day Opportunities", "day opportunities", A_ADU, TF_PLACE },

	{ "Children's Services Improvement Plan", "children's services", A_CHI, 0 },
	{ "Special Educational Needs and Disabilities", "SEND provision", A_CHI, 0 },
	{ "Looked After Children", "looked after children", A_CHI, 0 },
	{ "School Place Planning", "school places", A_CHI, TF_PLACE },
	{ "Ofsted Inspection of Children's Services", "the Ofsted inspection", A_CHI, 0 },
	{ "High Needs Block", "the high needs block", A_CHI, 0 },
	{ "Schools Funding Formula", "the schools funding formula", A_CHI, 0 },
	{ "Foster Carer Recruitment", "foster carer recruitment", A_CHI, 0 },
	{ "Education, Health and Care Plans", "education, health and care plans", A_CHI, 0 },
	{ "Early Years Provision", "early years provision", A_CHI, TF_PLACE },
	{ "Care Leavers", "care leavers", A_CHI, 0 },
	{ "School Admissions", "school admissions", A_CHI, 0 },
	{ "Youth Services", "youth services", A_CHI, TF_PLACE },
	{ "School Attendance", "school attendance", A_CHI, 0 },
	{ "Children's Safeguarding Partnership", "child safeguarding", A_CHI, 0 },
	{ "Family Hubs", "family hubs", A_CHI, TF_PLACE },
	{ "School Exclusions", "school exclusions", A_CHI, 0 },
	{ "Holiday Activities and Food Programme", "holiday activities and food", A_CHI, 0 },
	{ "Elective Home Education", "elective home education", A_CHI, 0 },
	{ "Childcare Sufficiency", "childcare sufficiency", A_CHI, 0 },
	{ "Free School Meals", "free school meals", A_CHI, 0 },
	{ "Child Poverty", "child poverty", A_CHI, 0 },
	{ "Unaccompanied Asylum Seeking Children", "unaccompanied asylum seeking children", A_CHI, 0 },
	{ "Youth Justice Plan", "youth justice", A_CHI, 0 },

	{ "Police and Crime Plan", "the police and crime plan", A_POL, 0 },
	{ "Police Precept", "the police precept", A_POL, 0 },
	{ "Neighbourhood Policing", "neighbourhood policing", A_POL, TF_PLACE },
	{ "Police Recruitment", "police recruitment", A_POL, 0 },
	{ "Rural Crime", "rural crime", A_POL, TF_PLACE },
	{ "101 Call Handling", "101 call handling", A_POL, 0 },
	{ "Violence Against Women and Girls", "violence against women and girls", A_POL, 0 },
	{ "Victim Services", "victim services", A_POL, 0 },
	{ "Knife Crime", "knife crime", A_POL, TF_PLACE },
	{ "County Lines", "county lines drug dealing", A_POL, TF_PLACE },
	{ "Road Policing", "road policing", A_POL, TF_ROAD },
	{ "Serious Violence Duty", "the serious violence duty", A_POL, 0 },
	{ "Police Complaints", "complaints against the police", A_POL, 0 },
	{ "Fire and Rescue Collaboration", "fire and rescue collaboration", A_POL, 0 },
	{ "Police Estate", "the police estate", A_POL, TF_PLACE },
	{ "Stop and Search", "stop and search", A_POL, 0 },
	{ "Fraud and Cyber Crime", "fraud and cybercrime", A_POL, 0 },
	{ "Modern Slavery", "modern slavery", A_POL, 0 },
	{ "Body Worn Video", "body worn video", A_POL, 0 },
	{ "Shoplifting", "shoplifting", A_POL, TF_PLACE },

	{ "Statement of Licensing Policy", "the statement of licensing policy", A_LIC, 0 },
	{ "Taxi and Private Hire Licensing Policy", "taxi and private hire licensing", A_LIC, 0 },
	{ "Gambling Act Statement of Principles", "the gambling policy", A_LIC, 0 },
	{ "Street Trading Policy", "street trading", A_LIC, TF_PLACE },
	{ "Licensing Fees", "licensing fees", A_LIC, 0 },
	{ "Animal Welfare Licensing", "animal welfare licensing", A_LIC, 0 },
	{ "Sex Establishment Policy", "sex establishment licensing", A_LIC, 0 },
	{ "Scrap Metal Dealers", "scrap metal dealers", A_LIC, 0 },
	{ "Cumulative Impact Assessment", "the cumulative impact assessment", A_LIC, TF_PLACE },
};
#define NTOPICS NEL(topics)

/* What a committee mostly does: sets its mix of item kinds. */
enum ckind { C_EXEC, C_COUNCIL, C_PLAN, C_LIC, C_SCRUT, C_BOARD, C_PANEL };

static const struct committee {
	const char *name, *purpose;
	unsigned areas;
	unsigned char kind;
} committees[NCOMMITTEES] = {
	{ "Cabinet", "The Leader and Cabinet Members take executive decisions on the council's budget, policies and services.",
		ALL_AREAS & ~(AM(A_LIC) | AM(A_PEN) | AM(A_POL)), C_EXEC },
	{ "Council", "All councillors meet as Council to set the budget and policy framework, appoint committees and debate motions.",
		ALL_AREAS & ~(AM(A_LIC) | AM(A_POL)), C_COUNCIL },
	{ "Northern Planning Committee", "Decides planning applications in the north of the borough that are not delegated to officers.",
		AM(A_PLAN), C_PLAN },
	{ "Southern Planning Committee", "Decides planning applications in the south of the borough that are not delegated to officers.",
		AM(A_PLAN), C_PLAN },
	{ "Strategic Planning Committee", "Decides major planning applications and advises Cabinet on the Local Plan.",
		AM(A_PLAN), C_PLAN },
	{ "Licensing and Safety Sub-Committee",
		"Hears licence applications and reviews under the Licensing Act 2003 and decides taxi driver cases.",
		AM(A_LIC), C_LIC },
	{ "Audit and Governance Committee", "Oversees internal and external audit, risk management and the council's accounts.",
		AM(A_AUD) | AM(A_FIN), C_SCRUT },
	{ "Corporate Overview and Scrutiny Committee", "Scrutinises the council's finances, performance and corporate services.",
		AM(A_FIN) | AM(A_GOV) | AM(A_ECO), C_SCRUT },
	{ "Adults and Health Overview and Scrutiny Committee", "Scrutinises adult social care and the local NHS.",
		AM(A_ADU), C_SCRUT },
	{ "Health and Wellbeing Board", "Brings together the council, the NHS and partners to improve health and reduce inequalities.",
		AM(A_ADU) | AM(A_HOU), C_BOARD },
	{ "Children and Young People Scrutiny Committee", "Scrutinises children's social care, schools and services for young people.",
		AM(A_CHI), C_SCRUT },
	{ "Corporate Parenting Panel", "Makes sure the council meets its duties to the children in its care and to care leavers.",
		AM(A_CHI), C_BOARD },
	{ "Schools Forum", "Advises on school funding and the schools budget.",
		AM(A_CHI), C_BOARD },
	{ "Economy and Environment Overview and Scrutiny Committee", "Scrutinises economic growth, the environment and climate change.",
		AM(A_ENV) | AM(A_ECO), C_SCRUT },
	{ "Highways and Transport Committee", "Oversees highways, public transport, parking and road safety.",
		AM(A_ENV), C_SCRUT },
	{ "Communities Overview and Scrutiny Committee", "Scrutinises housing, community safety, libraries, leisure and culture.",
		AM(A_COM) | AM(A_HOU), C_SCRUT },
	{ "Police and Crime Panel", "Scrutinises the Police and Crime Commissioner and reviews the police precept and the Police and Crime Plan.",
		AM(A_POL), C_PANEL },
	{ "Pensions Committee", "Manages the Local Government Pension Scheme fund on behalf of its members and employers.",
		AM(A_PEN), C_BOARD },
	{ "Standards Committee", "Promotes high standards of conduct by councillors and hears complaints about them.",
		AM(A_GOV), C_BOARD },
	{ "Employment Committee", "Appoints chief officers and agrees the council's employment policies.",
		AM(A_GOV), C_BOARD },
};

/* ---- Item kinds and their templates ---- */

enum ikind { K_TOPIC, K_PERF, K_PETITION, K_MOTION, K_MISC, K_PLAN, K_LICENCE, K_TAXI, NKINDS };

static const char *const t_topic[] = {
	"{k}", "{k}", "{k}", "{k}: Update", "{k} – Annual Report {z}", "{k}: Consultation Outcome", "{k} Review",
	"{k}: Proposed Changes from {o}", "{k}: Report of the Task and Finish Group", "{k}: Progress Report {Q}",
	"Update on {k}", "{k}: Options Appraisal", "{k} – Draft Strategy {Y} to {y}", "{k}: Response to Government Consultation",
	"{k}: Recommendations from Cabinet", "{k} – Key Decision", "{k}: Commissioning Intentions {y}",
	"{k} – Performance Report {Q}", "{k}: Contract Award", "{k}: Benchmarking Review",
};
static const char *const t_place[] = {
	"{k} in {P}", "{k}: {P} and {p}", "{k} – {W} Ward", "{k}: {P} Pilot Scheme", "{k} in {P}: Update",
};
static const char *const t_road[] = {
	"{k} on the {A}", "{k}: {R}, {P}", "{k} at {R}, {P}", "{k} – {A} Corridor, {P}", "{k}: {P} Bypass",
};
static const char *const t_perf[] = {
	"Quarterly Performance Report: {Q}", "Financial Monitoring Report: {e} {Y}", "Revenue Budget Monitoring {Y} – {e}",
	"Capital Programme Monitoring: {Q}", "Draft Revenue Budget {y} and Medium Term Financial Plan",
	"Budget Outturn {z}", "Treasury Management Mid-Year Review {Y}", "Performance Scorecard {Q}",
	"Budget Proposals {y}: Consultation Feedback", "Fees and Charges {y}",
};
/* Petitions and motions, each with the topic it is about. */
static const struct linked {
	const char *title, *topic;
} petitions[] = {
	{ "Petition: Reduce the Speed Limit on {R}, {P}", "20mph Speed Limits" },
	{ "Petition: Save {P} Library", "Library Closure Consultation" },
	{ "Petition: Speed Cameras on the {A} at {P}", "Speed Camera Enforcement" },
	{ "Petition: Keep {P} Recycling Centre Open", "Household Recycling Centres" },
	{ "Petition: Protect the Green Fields at {R}, {P}", "Local Plan Review" },
	{ "Petition: Reopen the Public Toilets in {P}", "Public Toilets" },
	{ "Petition: Restore the Bus Service to {P}", "Bus Service Improvement Plan" },
	{ "Petition: Stop the Closure of {S}", "School Place Planning" },
	{ "Petition: Resurface {R}, {P}", "Pothole Repairs" },
	{ "Petition: Flood Defences for {P}", "Flood Defences" },
	{ "Petition: A Pedestrian Crossing on {R}, {P}", "Road Safety" },
	{ "Petition: Free Parking in {P} Town Centre", "Car Parking Charges" },
	{ "Petition: Keep {P} Leisure Centre Open", "Leisure Centres" },
	{ "Petition: Residents' Parking Scheme for {R}, {P}", "Traffic Regulation Orders" },
	{ "Petition: No to Housing on Land off {R}, {P}", "Five Year Housing Land Supply" },
	{ "Petition: Keep {P} Community Hospital Open", "Community Hospitals" },
	{ "Petition: More NHS Dentists in {P}", "NHS Dentistry" },
	{ "Petition: Save {P} Youth Club", "Youth Services" },
	{ "Petition: Street Lights On All Night in {P}", "Street Lighting" },
	{ "Petition: Stop Fly-tipping on {R}, {P}", "Fly-tipping" },
	{ "Petition: Weekly Bin Collections in {P}", "Waste Collection" },
}, motions[] = {
	{ "Declaring a Nature Emergency", "Climate Emergency Action Plan" },
	{ "The Cost of Living Crisis", "Cost of Living Support" },
	{ "Fair Funding for Rural Councils", "Medium Term Financial Plan" },
	{ "20mph Limits in Residential Areas", "20mph Speed Limits" },
	{ "Ending the Use of Glyphosate", "Grass Cutting and Verges" },
	{ "Support for Local Post Offices", "High Street Vacancies" },
	{ "Water Quality in Our Rivers", "Nutrient Neutrality" },
	{ "Disposable Barbecues on Council Land", "Parks and Open Spaces" },
	{ "Free School Meals in the Holidays", "Free School Meals" },
	{ "Protecting Rural Bus Services", "Bus Service Improvement Plan" },
	{ "Becoming a Dementia-Friendly Council", "Dementia Strategy" },
	{ "Tackling Period Poverty", "Child Poverty" },
	{ "Community Energy", "Solar Farms and Wind Turbines" },
	{ "Fireworks and Animal Welfare", "Animal Welfare Licensing" },
	{ "Fair Pay for Care Workers", "Home Care" },
	{ "Wind Farms on Council Land", "Solar Farms and Wind Turbines" },
	{ "Opposing the Closure of {P} Police Station", "Police Estate" },
};
static const char *const t_petition[] = { "" };   /* (titles from petitions[]) */
static const char *const t_motion[] = { "Notice of Motion: {k}", "Notice of Motion: {w}", "Notice of Motion: {w}" };
static const char *const t_misc[] = {
	"Appointments to Outside Bodies {Y}", "Appointment of Vice-Chair for {Y}", "Annual Report of the Committee {z}",
	"Questions from Members", "Report of the Leader of the Council", "Urgent Business", "Forward Plan of Key Decisions",
	"Membership of Committees", "Calendar of Meetings {y}", "Recommendations from Cabinet: {k}",
	"Questions to the Cabinet Member for {k}", "Exempt Item: {k} – Commercial Terms", "Chair's Announcements",
};
static const char *const t_plan[] = {
	"Planning Application {L} – {I}, {P}", "Planning Application {L} – {I}, {P}", "{L} – {I}, {P}",
	"Planning Application {L} – {I}, {P}", "Planning Application {L} – {I}, {P}", "{L} – {I}, {P}",
	"Planning Application {L} – {I}, {P}", "Tree Preservation Order {c} – {R}, {P}",
	"Planning Appeals Update {Q}", "Planning Enforcement Report: {I}, {P}",
};
/* Licence cases: a title and the first sentence of its description. */
static const struct case_text {
	const char *title, *lead;
} lic_cases[] = {
	{ "Application for a Premises Licence – {H}, {R}, {P}",
	  "An application has been received from {U} for a new premises licence for {H}, to permit {l} until {i} on Fridays and Saturdays." },
	{ "Application for a Premises Licence – {H}, {P}",
	  "An application has been received from {U} for a premises licence for {H}, to permit {l} until {i}." },
	{ "Application to Vary a Premises Licence – {H}, {P}",
	  "{U}, the licence holder, has applied to vary the licence of {H} to extend {l} until {i}." },
	{ "Review of a Premises Licence – {H}, {R}, {P}",
	  "A review of the licence for {H} has been requested by {G} following incidents of {r}." },
	{ "Application for a Club Premises Certificate – {H}, {P}",
	  "{H} has applied for a club premises certificate permitting {l} until {i}." },
	{ "Application for Street Trading Consent – {R}, {P}",
	  "{U} has applied for consent to trade from a mobile catering unit on {R}, {P}, until {i}." },
}, taxi_cases[] = {
	{ "Private Hire Driver – Fit and Proper Person Review (Case {c})",
	  "The Sub-Committee is asked to decide whether the driver remains a fit and proper person to hold a licence, following {s}." },
	{ "Hackney Carriage Driver Licence Application (Case {c})",
	  "The applicant has disclosed {s}, so the application is referred to the Sub-Committee under the council's policy on convictions." },
	{ "Review of a Private Hire Operator Licence (Case {c})",
	  "The Sub-Committee is asked to review the operator's licence following {s} involving one of its drivers." },
};
static const char *const t_lic[] = { "" }, *const t_taxi[] = { "" };   /* (from lic_cases[], taxi_cases[]) */

static const char *const d_topic[] = {
	"This report provides an update on {T} since the Committee last considered the matter on {d}.",
	"The purpose of this report is to seek the Committee's views on {K} for {T}.",
	"Members are asked to note the progress made on {T} and to comment on the proposed next steps.",
	"The report sets out the findings of {K} and the options for {T} in {P}.",
	"A budget of {M} is available for {T} in {Y}, of which {m} has been committed to date.",
	"Following discussions with {G}, officers propose changes to {T} to take effect from {D}.",
	"Performance against the key indicators for {T} is summarised in Appendix {a}.",
	"The report responds to a request from {F} for information on {T} in the {W} ward.",
	"Demand for {T} has risen by {%} over the past year, largely because of {V}.",
	"The proposals would affect around {N} households in {P} and the surrounding villages.",
	"Appendix {a} contains the equality impact assessment and a summary of the consultation responses.",
	"A public consultation on {T} ran for {n} weeks and received {N} responses, {%} of them from {E}.",
	"Funding of {M} has been secured from {G} towards {T} over the next {n} years.",
	"There is a forecast overspend of {m} on {T} in {Y}, mainly due to {V}.",
	"{B} has asked the Committee to review {T} before a decision is taken in {o}.",
	"Officers recommend option {n} as the best balance of cost, risk and benefit to residents.",
	"The report also considers the implications for {t} and for {E}.",
	"The main risks are {V} and {V}, and these are recorded in the service risk register.",
	"The council's duties under the {X} are summarised in section {n} of the report.",
	"Comparative data shows that the council's performance on {T} is {J}.",
	"The work has been carried out jointly with {G} and {G}.",
	"Subject to approval, the first phase would begin in {P} in {o} at a cost of {M}.",
	"The report includes the views of {E} gathered at {n} drop-in sessions held across the borough.",
	"Savings of {m} a year are expected once the changes to {T} are fully in place.",
	"Work on {t} in {P} is running {n} months behind the original programme.",
	"The service currently supports {N} people and employs {N} staff across {n} sites.",
};
static const char *const d_perf[] = {
	"The forecast position for {Y} is an overspend of {M}, or {%} of the net budget, after the use of reserves.",
	"Of the council's {N} key performance indicators, {N} are on target, {n} are amber and {n} are red.",
	"The capital programme for {Y} totals {M}, of which {%} had been spent by the end of the quarter.",
	"Pressures in {t} and {t} are partly offset by savings in {t}.",
	"The draft budget for {y} assumes a council tax increase of 2.99% and savings of {M}.",
	"The general fund reserve is forecast to stand at {M} on 31 March, within the range agreed by Council.",
	"The budget gap for {y} is currently estimated at {M}, rising to {M} by the end of the plan period.",
};
static const char *const d_petition[] = {
	"A petition with {N} signatures has been received from residents of {P}, presented by {U}.",
	"Under the council's petition scheme, a petition with more than 500 signatures is debated by the Committee.",
	"The petitioners ask the council to act on {T} and say that {E} are most affected.",
	"{B} will respond to the petition at the meeting.",
};
static const char *const d_motion[] = {
	"{F} will move and {F} will second the following motion.",
	"Council notes that {T} has become a growing concern for {E} across the borough.",
	"Council resolves to ask {B} to bring forward proposals on {T} by {o}.",
	"Council further notes the work of {G} and the pressures caused by {V}.",
};
static const char *const d_plan[] = {
	"Proposal: {u}.",
	"The application has been referred to the Committee at the request of the local member, {F}.",
	"{N} letters of objection and {n} letters of support have been received, raising concerns about {Z} and {Z}.",
	"{P} Town Council objects to the proposal on the grounds of {Z}.",
	"The site extends to {n}.{n} hectares and lies outside the development boundary of {P}.",
	"The officer recommendation is to grant permission subject to conditions and a section 106 agreement securing {j}.",
	"The officer recommendation is to refuse permission because of the impact on {Z}.",
	"The site is allocated for housing in the Local Plan and is close to {S}.",
	"The highway authority has no objection subject to improvements to the junction with {R}.",
	"The proposal would provide {%} affordable housing and a contribution of {m} towards {j}.",
};
static const char *const d_lic[] = {
	"{n} representations have been received from local residents, concerning {r}.",
	"The premises are within the cumulative impact area for {P} town centre.",
	"The applicant has agreed conditions with West Mercia Police, including CCTV and door staff at weekends.",
	"The Sub-Committee must determine the matter having regard to the four licensing objectives and the Statement of Licensing Policy.",
	"The premises have held a licence since {z} and the designated premises supervisor is {U}.",
};
static const char *const d_taxi[] = {
	"The Sub-Committee must apply the council's Taxi and Private Hire Licensing Policy and the statutory standards.",
	"The driver has held a licence with the council since {z} and has {n} points on their DVLA licence.",
	"The report contains exempt information about an individual under paragraph 1 of Schedule 12A to the Local Government Act 1972.",
};

static const char *const m_topic[] = {
	"{O} introduced the report and highlighted the main points.",
	"{O} presented the report, explaining that {T} had been affected by {V}.",
	"{C} asked whether {T} would be extended to {P}, and was told that this would be considered in {y}.",
	"{C} expressed concern about the impact on {E} and asked what mitigation was planned.",
	"In response to a question from {C}, {O} confirmed that {M} had been set aside for the work.",
	"{C} raised a problem with {t} on {R}, {P}, which residents had reported several times.",
	"Members asked about the timetable and were told that work in {P} would start on {D}.",
	"{C} welcomed the report and thanked officers for their work on {T}.",
	"{C} noted that {%} of those who responded to the consultation supported the proposals.",
	"{C} questioned the figures in Appendix {a}, and {O} agreed to provide a written answer.",
	"The Committee discussed the risks to the budget, in particular {V}.",
	"{C} asked how the council compared with similar authorities, and {O} said that performance was {J}.",
	"A representative of {G} attended for this item and answered Members' questions.",
	"{C} proposed, and {C} seconded, that the recommendations be approved.",
	"On being put to the vote the recommendations were carried, with {n} votes for and {n} against.",
	"{C}, as local member for the {W} ward, spoke about the concerns of residents in {P}.",
	"{C} asked whether the overspend of {m} could be recovered before the end of {Y}.",
	"{O} explained that recruitment to {n} vacant posts was under way, but qualified staff remained hard to find.",
	"Members noted that the number of complaints about {T} had fallen from {N} to {N}.",
	"A member of the public, {U}, addressed the Committee on behalf of residents of {R}, {P}.",
	"{C} declared an interest as a member of {G} and took no part in the discussion.",
	"{O} reported that {%} of the programme for {T} had been delivered so far.",
	"{C} suggested that the council work more closely with {G} on {T}.",
	"Members were told that the government grant for {T} had been confirmed at {M} for {Y}.",
	"{C} asked for a breakdown of the figures by ward, which {O} agreed to circulate.",
	"It was noted that {T} would be included in the Committee's work programme for {o}.",
	"{C} praised the work of volunteers at {S} and in {P}.",
	"The Committee heard that the scheme on the {A} had been delayed by {V}.",
	"{C} commented that residents in rural areas such as {p} often found it hard to reach services.",
	"{O} advised that the legal position was set out in paragraph {n} of the report.",
	"Members discussed the response rate to the consultation and how it might be improved.",
	"{C} asked what lessons had been learned from {t}.",
	"{O} confirmed that an equality impact assessment had been completed and no adverse impacts identified.",
	"The Chair thanked {O} for attending and for a comprehensive report.",
	"There was a discussion about the use of reserves to close a gap of {M} in {y}.",
	"{C} asked whether {G} had been consulted, and was told that they had responded in support.",
	"{C} raised the state of {R} in {P}, where {t} had been an issue for some time.",
	"{O} explained that {N} applications had been received, of which {%} had been processed within the target time.",
	"Members noted the improvement since the previous quarter, when the figure had been {%}.",
	"{C} moved an amendment that the decision be deferred until {D}; the amendment was lost.",
	"{C} asked that future reports include clearer performance indicators for {T}.",
	"The Committee was informed that {G} had agreed to contribute {m} towards the scheme.",
	"{C} highlighted the link between {T} and {t}.",
	"{O} said that the service had received {N} complaints and {N} compliments in {z}.",
	"{B} answered questions on {T} and undertook to report back by {o}.",
	"{C} said that {E} should be involved in the next stage of the work.",
	"{O} said that the council's approach had been praised by {G}.",
	"{C} was concerned that the target for {T} had been missed for a third quarter running.",
};
static const char *const m_perf[] = {
	"{C} asked why the overspend on {t} had grown since the last quarter, and {O} explained that it reflected {V}.",
	"Members noted that {n} indicators were rated red, including {t}.",
	"{C} asked whether the savings target of {M} for {y} was achievable.",
	"{O} said that the council would need to draw {m} from reserves if the position did not improve.",
	"{O} reported that the budget was under pressure from {V} and {V}.",
};
static const char *const m_petition[] = {
	"The lead petitioner, {U}, addressed the Committee and explained that residents of {P} had collected {N} signatures.",
	"{B} responded to the petition and said that officers would look at the issues raised.",
	"{C}, as local member, spoke in support of the petitioners.",
};
static const char *const m_motion_lead[] = {
	"{C} moved the motion, which was seconded by {C}.",
	"{C} moved the motion and {C} seconded it, reserving the right to speak.",
};
static const char *const m_motion[] = {
	"An amendment moved by {C} to refer the matter to {G} was lost.",
	"{C} spoke against the motion, saying that the council could not afford it while {V} persisted.",
	"On being put to the vote the motion was carried, with {N} votes for, {n} against and {n} abstentions.",
	"{C} spoke in support of the motion, noting the impact on {E}.",
	"{C} said that the motion reflected concerns raised by residents in {P}.",
	"{B} responded that work was already under way on {T}.",
	"A recorded vote was requested by {C}.",
	"{C} asked whether the cost of the motion had been assessed, and {O} advised that it had not.",
	"{C} moved that the question be now put, which was agreed.",
};
static const char *const m_plan[] = {
	"{O} introduced the application and drew Members' attention to the late representations received since the agenda was published.",
	"{U} spoke against the application on behalf of local residents, raising concerns about {Z} and {Z}.",
	"{U}, the applicant's agent, spoke in support of the application.",
	"A representative of {P} Town Council spoke, objecting to the proposal because of {Z}.",
	"{C} spoke as the local member and said that residents of {R} were worried about {Z}.",
	"{O} advised that the highway authority had raised no objection, subject to conditions on the access from {R}.",
	"Members discussed {Z}, {Z} and the proposed section 106 contribution of {m} towards {j}.",
	"{C} asked whether the affordable housing provision of {%} met the policy requirement.",
	"{O} confirmed that the Environment Agency had no objection, subject to a drainage condition.",
	"{C} said that the design was out of keeping with the {P} conservation area.",
	"{C} proposed that the application be approved in line with the officer recommendation, and {C} seconded the proposal.",
	"Members noted that the council could not demonstrate a five year housing land supply, so the tilted balance applied.",
	"{C} moved that the application be refused because of {Z}; this was seconded by {C}.",
	"Members visited the site on {d} and viewed it from {R}.",
};
static const char *const m_lic[] = {
	"The Licensing Officer outlined the application and the representations received.",
	"{U}, the applicant, explained how the premises would be run and the steps taken to prevent noise nuisance.",
	"{U}, a resident of {R}, spoke about {r} late at night.",
	"The police licensing officer confirmed that conditions had been agreed with the applicant.",
	"Members asked about the dispersal policy, the use of the outside area after 11 pm and the training of staff.",
	"The Sub-Committee retired to consider its decision, accompanied by the legal adviser and the clerk.",
};
static const char *const m_taxi[] = {
	"The driver attended with a representative and answered Members' questions.",
	"The Licensing Officer summarised the history of the case, including {s}.",
	"Members considered the council's policy on the relevance of convictions and the safety of the travelling public.",
};

static const char *const r_topic[] = {
	"That the report be noted.",
	"That the report be noted.",
	"That the recommendations set out in the report be approved.",
	"That {T} be referred to Cabinet with the Committee's comments.",
	"That a further report on {T} be brought to the Committee in {o}.",
	"That {O} be asked to write to {G} setting out the Committee's concerns about {t}.",
	"That {M} be allocated from reserves to {T}.",
	"That the Committee support the proposed consultation on {T}.",
	"That the draft strategy be endorsed and recommended to Council for adoption.",
	"That delegated authority be given to {O}, in consultation with {B}, to finalise the arrangements for {T}.",
	"That a task and finish group be established to look at {T}, led by {C}.",
	"That the progress on {T} be welcomed and officers be thanked for their work.",
	"That the contract for {T} be awarded to the preferred bidder for {n} years at a cost of {M}.",
};
static const char *const r_motion[] = {
	"That the motion be carried.",
	"That the motion be referred to Cabinet without debate.",
	"That the motion, as amended, be carried.",
	"That the motion be lost.",
};
static const char *const r_plan[] = {
	"That planning permission be granted subject to the conditions set out in the report.",
	"That planning permission be granted subject to the conditions set out in the report and the completion"
	" of a section 106 agreement securing {j}.",
	"That planning permission be refused because of {Z}, contrary to the policies of the Local Plan.",
	"That the application be deferred for a site visit.",
	"That authority be delegated to the Development Manager to grant permission once the outstanding drainage details have been agreed.",
};
static const char *const r_lic[] = {
	"That the premises licence be granted as applied for, subject to the conditions agreed with West Mercia Police.",
	"That the premises licence be granted with the sale of alcohol ending at {i}.",
	"That the application be refused, as the Sub-Committee was not satisfied that the licensing objectives would be promoted.",
	"That the premises licence be revoked.",
	"That the licence be suspended for {n} weeks and further conditions be added.",
};
static const char *const r_taxi[] = {
	"That the licence be revoked with immediate effect in the interests of public safety.",
	"That the driver be issued with a written warning as to future conduct.",
	"That the application be granted.",
};

/* Planning proposals, sites and report sections, filled like sentences. */
static const char *const proposals[] = {
	"erection of {N} dwellings with associated access, parking and landscaping",
	"outline application for up to {N} dwellings with all matters reserved except access",
	"reserved matters for {N} dwellings following outline permission {L}",
	"change of use of agricultural land to a touring caravan site", "two-storey side and rear extension",
	"conversion of a barn to a four-bedroom dwelling", "installation of a {n}MW solar farm with battery storage",
	"demolition of the existing building and erection of {N} flats",
	"change of use of the ground floor from retail to a hot food takeaway", "erection of an agricultural building for livestock",
	"variation of condition {n} of permission {L} to extend the opening hours", "erection of a poultry unit housing up to {N} birds",
	"construction of a supermarket with {N} parking spaces", "retrospective application for a dormer window",
	"erection of {n} holiday lodges", "extension to the care home to provide {n} additional bedrooms",
	"erection of {n} wind turbines up to 120 metres high", "erection of a detached house and garage",
};
static const char *const sites[] = {
	"Land off {R}", "Land North of {R}", "Land Adjacent to {n} {R}", "{n} {R}", "The Old Vicarage, {R}",
	"Former Police Station, {R}", "{f} Farm", "Unit {n}, {f} Business Park", "Land South of the {A}",
	"The Old School, {R}", "Former Co-op, {R}", "Land East of {R}", "{f} House, {R}", "The Barn, {f} Farm",
};
static const char *const s_fin[] = {
	"The cost of the proposals, estimated at {M}, will be met from the approved budget for {T}.",
	"There are no direct financial implications arising from this report.",
	"The changes are expected to save {m} a year from {y}.",
	"The capital cost of {M} would be funded from prudential borrowing and a grant of {M} from {G}.",
	"Any overspend would have to be met from the general fund reserve, which stands at {M}.",
	"The Section 151 Officer has been consulted and is satisfied that the proposals are affordable.",
};
static const char *const s_legal[] = {
	"The council has the powers it needs under the {X}.",
	"The council must have regard to its duties under the {X} and the Equality Act 2010.",
	"There are no legal implications beyond those set out in the report.",
	"Legal advice has been taken on the procurement route, which complies with the Public Contracts Regulations 2015.",
	"A decision could be open to judicial review if the consultation responses were not properly considered.",
};
static const char *const s_risk[] = {
	"An equality impact assessment has been completed and is attached at Appendix {a}.",
	"The proposals are likely to have a positive impact on {E}.",
	"There is a risk that {V} will delay delivery; this is rated amber.",
	"The climate impact of the proposals is assessed as neutral.",
	"The main risk is {V}, which will be monitored by the project board.",
	"Consultation with {G} has informed the proposals.",
};

static const struct kind_text {
	const char *const *title, *const *dlead, *const *dmore, *const *mlead, *const *mmore, *const *res;
	unsigned char ntitle, ndlead, ndmore, nmlead, nmmore, nres;
} kinds[NKINDS] = {
#define KT(t, dl, dm, ml, mm, r) { t, dl, dm, ml, mm, r, NEL(t), NEL(dl), NEL(dm), NEL(ml), NEL(mm), NEL(r) }
	[K_TOPIC] = KT(t_topic, d_topic, d_topic, m_topic, m_topic, r_topic),
	[K_PERF] = KT(t_perf, d_perf, d_topic, m_perf, m_topic, r_topic),
	[K_PETITION] = KT(t_petition, d_petition, d_topic, m_petition, m_topic, r_topic),
	[K_MOTION] = KT(t_motion, d_motion, d_motion, m_motion_lead, m_motion, r_motion),
	[K_MISC] = KT(t_misc, d_topic, d_topic, m_topic, m_topic, r_topic),
	[K_PLAN] = KT(t_plan, d_plan, d_plan, m_plan, m_plan, r_plan),
	[K_LICENCE] = KT(t_lic, d_lic, d_lic, m_lic, m_lic, r_lic),
	[K_TAXI] = KT(t_taxi, d_taxi, d_taxi, m_taxi, m_taxi, r_taxi),
#undef KT
};

/* A committee kind's mix of item kinds, in percent. */
static const unsigned char mix[][NKINDS] = {
	[C_EXEC] =    { [K_TOPIC] = 75, [K_PERF] = 15, [K_PETITION] = 5, [K_MISC] = 5 },
	[C_COUNCIL] = { [K_TOPIC] = 45, [K_PERF] = 10, [K_PETITION] = 10, [K_MOTION] = 20, [K_MISC] = 15 },
	[C_PLAN] =    { [K_TOPIC] = 15, [K_PLAN] = 85 },
	[C_LIC] =     { [K_TOPIC] = 15, [K_LICENCE] = 70, [K_TAXI] = 15 },
	[C_SCRUT] =   { [K_TOPIC] = 70, [K_PERF] = 20, [K_PETITION] = 3, [K_MISC] = 7 },
	[C_BOARD] =   { [K_TOPIC] = 80, [K_PERF] = 10, [K_MISC] = 10 },
	[C_PANEL] =   { [K_TOPIC] = 75, [K_PERF] = 20, [K_MISC] = 5 },
};

/* ---- Generation state ---- */

struct gen {
	int org;                         /* the meeting's committee */
	long day;                        /* the meeting's day number */
	int y, mo, dd, hour;
	int fy;                          /* financial year from April fy */
	long prev;                       /* the committee's previous meeting */
	long prev_day[NCOMMITTEES];
	int topic, town, kind, motion, prem;   /* the current item's */
	const char *title_tpl, *lead_tpl;      /* lead_tpl: NULL, or its description's first sentence */
	int last[128];                   /* by slot: the index it gave last */
	/* each committee's topics, most common first */
	int ctopic[NCOMMITTEES][NTOPICS], nctopic[NCOMMITTEES];
	unsigned char pgiven[NPEOPLE], pfamily[NPEOPLE];
	/* the meeting's items, for its agenda pack */
	int itopic[MAXITEMS], itown[MAXITEMS], ikind[MAXITEMS], iprem[MAXITEMS];
	struct buf ititle[MAXITEMS];
};

static void expand(struct gen *g, struct buf *b, const char *tpl);

/* zipf(n), but not the index that slot c gave last time (so that a
 * sentence does not say "about noise and noise"). */
static int zipf_new(struct gen *g, char c, int n)
{
	int i = zipf(n);

	if (i == g->last[(unsigned char)c] && n > 1)
		i = (i + 1 + pick(n - 1)) % n;
	g->last[(unsigned char)c] = i;
	return i;
}

static void put_date(struct buf *b, long day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	buf_printf(b, "%d %s %d", d, date_month_names[m], y);
}

static void put_fy(struct buf *b, int fy)
{
	buf_printf(b, "%d/%02d", fy, (fy + 1) % 100);
}

static void put_name(struct buf *b)
{
	buf_printf(b, "%s %s", ZPICK(given), ZPICK(family));
}

/* "Councillor Patel" or "Councillor Priya Patel": a member of committee org. */
static void put_councillor(struct gen *g, struct buf *b, int org, int full)
{
	int p = org + NCOMMITTEES * zipf_new(g, 'C', NPEOPLE / NCOMMITTEES);

	if (full)
		buf_printf(b, "Councillor %s %s", given[g->pgiven[p]], family[g->pfamily[p]]);
	else
		buf_printf(b, "Councillor %s", family[g->pfamily[p]]);
}

static const char *pick_of(const char *const *a, int max)
{
	int n = 0;

	while (n < max && a[n])
		n++;
	return a[zipf(n)];
}

static void put_officer(struct gen *g, struct buf *b)
{
	const struct area_info *a = &areas[topics[g->topic].area];

	buf_puts(b, pick(3) ? pick_of(a->officers, NEL(a->officers)) : ZPICK(general_officers));
	if (pick(5) == 0) {
		buf_puts(b, " (");
		put_name(b);
		buf_putc(b, ')');
	}
}

static void put_money(struct buf *b, int big)
{
	if (big && pick(2))
		buf_printf(b, "£%d.%dm", 1 + zipf(60), pick(10));
	else if (big)
		buf_printf(b, "£%d,000", 50 + pick(950));
	else if (pick(2))
		buf_printf(b, "£%d,%03d", 1 + zipf(200), pick(1000));
	else
		buf_printf(b, "£%d,000", 5 + pick(95));
}

/* The last completed quarter of the financial year: "Q3 2021/22". */
static void put_quarter(struct gen *g, struct buf *b)
{
	int q = (g->mo + 8) % 12 / 3;   /* quarter now, 0 = April to June */

	buf_printf(b, "Q%d ", q ? q : 4);
	put_fy(b, q ? g->fy : g->fy - 1);
}

/* Another topic of the meeting's committee than the item's. */
static const char *other_topic(struct gen *g)
{
	int n = g->nctopic[g->org], i = zipf_new(g, 't', n);

	if (g->ctopic[g->org][i] == g->topic && n > 1)
		i = (i + 1) % n;
	return topics[g->ctopic[g->org][i]].np;
}

/* One slot of a template (see the header comment). */
static void slot(struct gen *g, struct buf *b, char c)
{
	const struct topic *t = &topics[g->topic];

	switch (c) {
	case 'A': buf_puts(b, ZPICK(numbered_roads)); break;
	case 'B':
		buf_puts(b, areas[t->area].lead);
		if (t->area != A_POL && pick(2)) {
			buf_puts(b, " (");
			put_councillor(g, b, 0, 1);
			buf_putc(b, ')');
		}
		break;
	case 'C': put_councillor(g, b, g->org, pick(10) < 3); break;
	case 'D': put_date(b, g->day + 7 + pick(180)); break;
	case 'E': buf_puts(b, groups[zipf_new(g, 'E', NEL(groups))]); break;
	case 'F': put_councillor(g, b, pick(NCOMMITTEES), 1); break;
	case 'G': buf_puts(b, orgs[zipf_new(g, 'G', NEL(orgs))]); break;
	case 'H': buf_puts(b, premises[g->prem]); break;
	case 'I': expand(g, b, ZPICK(sites)); break;
	case 'J': buf_puts(b, PICK(comparisons)); break;
	case 'K': buf_puts(b, doc_things[zipf_new(g, 'K', NEL(doc_things))]); break;
	case 'L': buf_printf(b, "%02d/%05d/%s", (g->y - pick(2)) % 100, 1 + pick(9000), ZPICK(app_types)); break;
	case 'M': put_money(b, 1); break;
	case 'N': buf_printf(b, "%d", pick(2) ? 3 + pick(60) : 10 + pick(990)); break;
	case 'O': put_officer(g, b); break;
	case 'P': buf_puts(b, towns[g->town]); break;
	case 'Q': put_quarter(g, b); break;
	case 'R': buf_printf(b, "%s %s", ZPICK(road_names), ZPICK(road_kinds)); break;
	case 'S':
		switch (pick(5)) {
		case 0: buf_printf(b, "St %s's CE Primary School", ZPICK(saints)); break;
		case 1: buf_printf(b, "%s Primary School", ZPICK(towns)); break;
		case 2: buf_printf(b, "%s Academy", ZPICK(towns)); break;
		case 3: buf_printf(b, "%s High School", ZPICK(towns)); break;
		default: buf_printf(b, "%s Infant and Nursery School", ZPICK(towns)); break;
		}
		break;
	case 'T': buf_puts(b, t->np); break;
	case 'U': {
		int i = zipf(NEL(given));
		buf_printf(b, "%s %s %s", given_sex[i] == 'm' ? PICK(honorifics_m) : PICK(honorifics_f), given[i],
			   ZPICK(family));
		break;
	}
	case 'V': buf_puts(b, pressures[zipf_new(g, 'V', NEL(pressures))]); break;
	case 'W': buf_puts(b, ZPICK(wards)); break;
	case 'X': buf_puts(b, pick_of(areas[t->area].acts, NEL(areas[t->area].acts))); break;
	case 'Y': put_fy(b, g->fy); break;
	case 'Z': buf_puts(b, concerns[zipf_new(g, 'Z', NEL(concerns))]); break;
	case 'a': buf_putc(b, (char)('A' + pick(5))); break;
	case 'b': put_date(b, g->prev); break;
	case 'c': buf_printf(b, "%04d/%02d", 100 + pick(9000), g->y % 100); break;
	case 'd': put_date(b, g->day - 14 - pick(300)); break;
	case 'e': buf_printf(b, "Month %d", (g->mo + 8) % 12 ? (g->mo + 8) % 12 : 12); break;
	case 'f': buf_puts(b, ZPICK(family)); break;
	case 'i': buf_puts(b, PICK(closing_times)); break;
	case 'j': buf_puts(b, ZPICK(benefits_106)); break;
	case 'k': buf_puts(b, t->title); break;
	case 'l': buf_puts(b, ZPICK(activities)); break;
	case 'm': put_money(b, 0); break;
	case 'n': buf_printf(b, "%d", 2 + pick(9)); break;
	case 'o': {
		int y, m, d;
		civil_from_days(g->day + 30 + pick(240), &y, &m, &d);
		buf_printf(b, "%s %d", date_month_names[m], y);
		break;
	}
	case 'p': buf_puts(b, ZPICK(towns)); break;
	case 'r': buf_puts(b, ZPICK(lic_concerns)); break;
	case 's': buf_puts(b, ZPICK(taxi_issues)); break;
	case 't': buf_puts(b, other_topic(g)); break;
	case 'u': expand(g, b, ZPICK(proposals)); break;
	case 'w': expand(g, b, motions[g->motion].title); break;
	case 'y': put_fy(b, g->fy + 1); break;
	case 'z': put_fy(b, g->fy - 1); break;
	case '%':
		if (pick(3))
			buf_printf(b, "%d%%", 1 + pick(99));
		else
			buf_printf(b, "%d.%d%%", pick(30), pick(10));
		break;
	default: break;   /* no such slot: nothing (the templates are ours) */
	}
}

/* Append tpl with its slots filled. */
static void expand(struct gen *g, struct buf *b, const char *tpl)
{
	const char *p = tpl, *q;

	while ((q = strchr(p, '{')) != NULL && q[1] && q[2] == '}') {
		buf_append(b, p, (size_t)(q - p));
		slot(g, b, q[1]);
		p = q + 3;
	}
	buf_puts(b, p);
}

/* Append a sentence from tpl, capitalised, and a space. */
static void say(struct gen *g, struct buf *b, const char *tpl)
{
	size_t at = b->len;

	expand(g, b, tpl);
	if (!b->err && b->len > at && b->data[at] >= 'a' && b->data[at] <= 'z')
		b->data[at] = (char)(b->data[at] - 'a' + 'A');
	buf_putc(b, ' ');
}

/* The templates a paragraph has used, so that it does not repeat one. */
struct said {
	const char *tpl[8];
	int n;
};

/* Say one of a[0..n), one the paragraph has not said if it can. */
static void say_any(struct gen *g, struct buf *b, const char *const *a, int n, struct said *s)
{
	const char *tpl = a[pick(n)];

	for (int tries = 0; tries < 4; tries++) {
		int seen = 0;
		for (int i = 0; i < s->n; i++)
			seen |= s->tpl[i] == tpl;
		if (!seen)
			break;
		tpl = a[pick(n)];
	}
	if (s->n < NEL(s->tpl))
		s->tpl[s->n++] = tpl;
	say(g, b, tpl);
}

/* A "- " list of count sentences from a[0..n). */
static void say_list(struct gen *g, struct buf *b, const char *const *a, int n, int count, int lettered)
{
	struct said s = { .n = 0 };

	for (int i = 0; i < count; i++) {
		if (lettered)
			buf_printf(b, "- (%c) ", 'a' + i);
		else
			buf_puts(b, "- ");
		say_any(g, b, a, n, &s);
		buf_truncate(b, b->len - 1);
		buf_putc(b, '\n');
	}
	buf_putc(b, '\n');
}

/* End a paragraph: drop the trailing space, add a blank line. */
static void end_para(struct buf *b)
{
	if (b->len && b->data[b->len - 1] == ' ')
		buf_truncate(b, b->len - 1);
	buf_puts(b, "\n\n");
}

/* ---- Items ---- */

static int pick_kind(int ckind)
{
	int r = pick(100);

	for (int k = 0; k < NKINDS; k++) {
		if (r < mix[ckind][k])
			return k;
		r -= mix[ckind][k];
	}
	return K_TOPIC;
}

static int topic_named(const char *title, int otherwise)
{
	for (int t = 0; t < NTOPICS; t++) {
		if (strcmp(topics[t].title, title) == 0)
			return t;
	}
	return otherwise;
}

/* Choose the next item's kind, topic, town and title template. */
static void item_setup(struct gen *g)
{
	const struct kind_text *k;
	int fl;

	g->kind = pick_kind(committees[g->org].kind);
	g->topic = g->ctopic[g->org][zipf(g->nctopic[g->org])];
	g->town = zipf(NEL(towns));
	g->prem = zipf(NEL(premises));
	g->lead_tpl = NULL;
	k = &kinds[g->kind];
	fl = topics[g->topic].flags;
	if (g->kind == K_LICENCE || g->kind == K_TAXI) {
		const struct case_text *l = g->kind == K_TAXI ? &PICK(taxi_cases) : &lic_cases[zipf(NEL(lic_cases))];
		g->title_tpl = l->title;
		g->lead_tpl = l->lead;
	} else if (g->kind == K_PETITION) {
		const struct linked *l = &petitions[pick(NEL(petitions))];
		g->title_tpl = l->title;
		g->topic = topic_named(l->topic, g->topic);
	} else if (g->kind == K_MOTION) {
		g->title_tpl = PICK(t_motion);
		g->motion = pick(NEL(motions));
		if (strstr(g->title_tpl, "{w}"))
			g->topic = topic_named(motions[g->motion].topic, g->topic);
	} else if (g->kind == K_TOPIC && (fl & TF_ROAD) && pick(4) == 0) {
		g->title_tpl = PICK(t_road);
	} else if (g->kind == K_TOPIC && (fl & TF_PLACE) && pick(3) == 0) {
		g->title_tpl = PICK(t_place);
	} else {
		g->title_tpl = k->title[pick(k->ntitle)];
	}
}

/* How many recommendations an item of this kind makes: one decision on
 * a case, two or three on a report. */
static int nrecs(int kind)
{
	return kind == K_PLAN || kind == K_LICENCE || kind == K_TAXI || kind == K_MOTION ? 1 : 2 + pick(2);
}

static void item_description(struct gen *g, struct buf *b)
{
	const struct kind_text *k = &kinds[g->kind];
	struct said s = { .n = 0 };

	if (g->lead_tpl)
		say(g, b, g->lead_tpl);
	else
		say_any(g, b, k->dlead, k->ndlead, &s);
	for (int i = 0, n = 1 + pick(2); i < n; i++)
		say_any(g, b, k->dmore, k->ndmore, &s);
	end_para(b);
	if (pick(5) == 0) {
		buf_puts(b, "Recommendations:\n\n");
		say_list(g, b, k->res, k->nres, nrecs(g->kind), 0);
	}
}

static void item_minutes(struct gen *g, struct buf *b)
{
	const struct kind_text *k = &kinds[g->kind];
	struct said s = { .n = 0 };
	int nres;

	say_any(g, b, k->mlead, k->nmlead, &s);
	for (int i = 0, n = 1 + pick(2); i < n; i++)
		say_any(g, b, k->mmore, k->nmmore, &s);
	end_para(b);
	if (pick(3) == 0) {
		for (int i = 0, n = 1 + pick(2); i < n; i++)
			say_any(g, b, k->mmore, k->nmmore, &s);
		end_para(b);
	}
	nres = nrecs(g->kind);
	if (nres == 1 || pick(4)) {
		buf_puts(b, "RESOLVED: ");
		say_any(g, b, k->res, k->nres, &s);
		end_para(b);
		return;
	}
	buf_puts(b, "RESOLVED:\n\n");
	say_list(g, b, k->res, k->nres, nres, 1);
}

/* The opening and closing items of an agenda. */
enum proc { PR_APOLOGIES, PR_DECLARATIONS, PR_MINUTES, PR_QUESTIONS, PR_WORK, PR_NEXT };

static const struct proc_text {
	const char *kind, *title, *desc, *mins[2];
} procs[] = {
	[PR_APOLOGIES] = { "apologies", "Apologies for Absence and Substitutions",
		"To receive apologies for absence and notification of substitutes.",
		{ "Apologies for absence were received from {C} and {C}. {C} attended as a substitute.",
		  "There were no apologies for absence." } },
	[PR_DECLARATIONS] = { "declarations", "Declarations of Interest",
		"Members are reminded that they must declare any disclosable pecuniary interests and any other"
		" registrable or non-registrable interests in items on the agenda.",
		{ "{C} declared an other registrable interest in item {n} as a member of {G}.",
		  "There were no declarations of interest." } },
	[PR_MINUTES] = { "minutes", "Minutes of the Previous Meeting",
		"To confirm the minutes of the meeting held on {b}.",
		{ "RESOLVED: That the minutes of the meeting held on {b} be approved as a correct record and signed by the Chair.",
		  "RESOLVED: That, subject to the correction of a typing error in minute {n}, the minutes of the meeting"
		  " held on {b} be approved as a correct record." } },
	[PR_QUESTIONS] = { "procedural", "Public Question Time",
		"To receive any questions from members of the public, notice of which has been given in accordance with the Procedure Rules.",
		{ "{U} asked about {t} in {P}. {B} replied that the matter was being looked at and a written answer would follow.",
		  "No public questions had been received." } },
	[PR_WORK] = { "procedural", "Work Programme",
		"To consider the Committee's work programme for the rest of {Y}.",
		{ "The Committee agreed to add {t} to its work programme for {o}.",
		  "RESOLVED: That the work programme be agreed." } },
	[PR_NEXT] = { "procedural", "Date of Next Meeting",
		"The next meeting of the Committee will be held on {D} at 10.00 am.",
		{ "It was noted that the next meeting would be held on {D}.",
		  "It was noted that the next meeting would be held on {D} at {P}." } },
};

/* ---- The agenda pack ---- */

static void front_sheet(struct gen *g, struct buf *b, int nitems)
{
	buf_printf(b, "Synthetic Borough Council\n\n%s\n\n", committees[g->org].name);
	buf_printf(b, "Date: %s %d %s %d\n\nTime: %d.00 %s\n\nVenue: %s\n\n",
		   date_day_names[civil_weekday(g->y, g->mo, g->dd)], g->dd, date_month_names[g->mo], g->y,
		   g->hour > 12 ? g->hour - 12 : g->hour, g->hour >= 12 ? "pm" : "am", venues[g->org % NEL(venues)]);
	buf_puts(b, "Contact: ");
	put_name(b);
	buf_printf(b, ", Democratic Services Officer. Tel: 01743 25%04d. Email: democratic.services@synthetic.gov.uk\n\n",
		   pick(10000));
	buf_puts(b, "Members of the public are welcome to attend. The meeting will be webcast live and the recording "
		 "published on the council's website.\n\nAgenda\n\n");
	for (int i = 0; i < nitems; i++)
		buf_printf(b, "%d. %s\n", i + 1, g->ititle[i].data ? g->ititle[i].data : "");
}

/* One page of the officer report on item i: part 0 opens it, part 1 ends it. */
static void report_page(struct gen *g, struct buf *b, int i, int part)
{
	const struct kind_text *k;
	struct said s = { .n = 0 };

	g->topic = g->itopic[i];
	g->town = g->itown[i];
	g->kind = g->ikind[i];
	g->prem = g->iprem[i];
	g->lead_tpl = NULL;
	k = &kinds[g->kind];
	if (part == 0) {
		buf_puts(b, "Report of ");
		put_officer(g, b);
		buf_printf(b, "\n\n%s – ", committees[g->org].name);
		put_date(b, g->day);
		buf_printf(b, "\n\n%s\n\n1. Summary\n\n", g->ititle[i].data ? g->ititle[i].data : "");
		say_any(g, b, k->dlead, k->ndlead, &s);
		for (int j = 0, n = 1 + pick(2); j < n; j++)
			say_any(g, b, k->dmore, k->ndmore, &s);
		end_para(b);
		buf_puts(b, "2. Recommendations\n\n");
		say_list(g, b, k->res, k->nres, nrecs(g->kind), 0);
		return;
	}
	buf_puts(b, "3. Background\n\n");
	for (int j = 0, n = 1 + pick(2); j < n; j++)
		say_any(g, b, k->dmore, k->ndmore, &s);
	end_para(b);
	buf_puts(b, "4. Financial Implications\n\n");
	say(g, b, PICK(s_fin));
	end_para(b);
	buf_puts(b, "5. Legal Implications\n\n");
	say(g, b, PICK(s_legal));
	end_para(b);
	buf_puts(b, "6. Equalities, Climate and Risk\n\n");
	s.n = 0;
	say_any(g, b, s_risk, NEL(s_risk), &s);
	say_any(g, b, s_risk, NEL(s_risk), &s);
	end_para(b);
	buf_puts(b, "Contact officer: ");
	put_name(b);
	buf_printf(b, ", tel. 01743 25%04d\n", pick(10000));
}

/* The item of business after item i, round the agenda (there is always
 * one: items 4 or 5 on are business). */
static int next_business(const struct gen *g, int i, int nitems)
{
	for (int k = 1; k <= nitems; k++) {
		int j = (i + k) % nitems;
		if (g->itopic[j] >= 0)
			return j;
	}
	return i;
}

/* ---- Documents in more than the agenda pack ---- */

/* An item's appendix and a committee's work programme are drawn from a
 * random stream of their own, so that adding them left the rest of the
 * record (items, minutes, packs) as it was for a given seed. */
struct side_stream {
	uint64_t rng;
	int last[128];
};

static void side_enter(struct gen *g, struct side_stream *saved, uint64_t salt)
{
	saved->rng = rng_state;
	memcpy(saved->last, g->last, sizeof(saved->last));
	rng_state = (saved->rng ^ salt) ? saved->rng ^ salt : 1;
}

static void side_leave(struct gen *g, const struct side_stream *saved)
{
	rng_state = saved->rng;
	memcpy(g->last, saved->last, sizeof(saved->last));
}

/* A committee's work programme for the financial year: attached to the
 * "Work Programme" item of each of its meetings that year, so the same
 * document is on several agendas (as councils' are). */
static void work_programme(struct gen *g, struct buf *b)
{
	buf_printf(b, "Synthetic Borough Council\n\n%s\n\nWork Programme ", committees[g->org].name);
	put_fy(b, g->fy);
	buf_puts(b, "\n\nThe items below are expected at the Committee's meetings this year. Members may propose"
		 " further items to the Chair.\n\n");
	for (int k = 0, n = 6 + pick(5), first = pick(g->nctopic[g->org]); k < n && k < g->nctopic[g->org]; k++) {
		g->topic = g->ctopic[g->org][(first + k) % g->nctopic[g->org]];
		buf_printf(b, "- %s: a report from ", topics[g->topic].title);
		put_officer(g, b);
		buf_printf(b, ", expected in %s.\n", date_month_names[1 + pick(12)]);
	}
	buf_puts(b, "\nContact: ");
	put_name(b);
	buf_puts(b, ", Democratic Services Officer.\n");
}

/* ---- Setup ---- */

/* Each committee's topics, the first of each of its areas first, then the
 * second of each, and so on, so that zipf() favours the areas' main topics. */
static void committee_topics(struct gen *g)
{
	for (int c = 0; c < NCOMMITTEES; c++) {
		int n = 0;
		for (int rank = 0; n < NTOPICS; rank++) {
			int added = 0;
			for (int a = 0; a < NAREAS; a++) {
				int r = 0;
				if (!(committees[c].areas & AM(a)))
					continue;
				for (int t = 0; t < NTOPICS; t++) {
					if (topics[t].area != a)
						continue;
					if (r++ == rank) {
						g->ctopic[c][n++] = t;
						added = 1;
						break;
					}
				}
			}
			if (!added)
				break;
		}
		g->nctopic[c] = n;
	}
}

int gen_record(struct db *db, struct store *st, const struct gen_opts *opts, char *err, size_t errlen)
{
	static const struct pdf_block blocks[] = { { PDF_PARA, "Synthetic document: its text is in the record." } };
	struct pdf_doc doc = { "Report", NULL, NULL, blocks, 1, "2020-01-01T00:00:00Z" };
	int64_t body, orgs_id[NCOMMITTEES], people[NPEOPLE], locs[NEL(venues)];
	struct buf pdf = BUF_INIT, t = BUF_INIT, md = BUF_INIT, mins = BUF_INIT;
	struct gen *g = calloc(1, sizeof(*g));
	char sha[65], now[17], day[17], fname[32];
	int pages = 0, rc = -1, in_tx = 0, tty = opts->progress && isatty(2);
	int wp_fy[NCOMMITTEES];
	int64_t wp_file[NCOMMITTEES], iid[MAXITEMS];
	long base_day;
	struct civil c;

	if (!g) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rng_state = opts->seed ? opts->seed : 1;
	committee_topics(g);
	for (int i = 0; i < NCOMMITTEES; i++) {
		wp_fy[i] = -1;
		wp_file[i] = 0;
	}
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
	for (int i = 0; i < NEL(venues); i++) {
		if ((locs[i] = db_location_create(db, &(struct location_new){ .body_id = body, .name = venues[i] })) < 0)
			goto dberr;
	}
	for (int i = 0; i < NCOMMITTEES; i++) {
		if ((orgs_id[i] = db_org_create(db, &(struct org_new){ .body_id = body, .name = committees[i].name,
			.purpose_md = committees[i].purpose })) < 0)
			goto dberr;
	}
	for (int i = 0; i < NPEOPLE; i++) {
		const char *gv, *fm;
		g->pgiven[i] = (unsigned char)zipf(NEL(given));
		g->pfamily[i] = (unsigned char)zipf(NEL(family));
		gv = given[g->pgiven[i]];
		fm = family[g->pfamily[i]];
		buf_reset(&t);
		buf_printf(&t, "Councillor %s %s", gv, fm);
		if ((people[i] = db_person_create(db, &(struct person_new){ .body_id = body, .name = t.data,
			.honorific = "Councillor", .given_name = gv, .family_name = fm, .party = ZPICK(parties),
			.area = ZPICK(wards) })) < 0)
			goto dberr;
		if (db_membership_create(db, &(struct membership_new){ .person_id = people[i],
			.organization_id = orgs_id[i % NCOMMITTEES],
			.role = i < NCOMMITTEES ? "chair" : i < 2 * NCOMMITTEES ? "vice_chair" : "member" }) < 0)
			goto dberr;
	}
	for (int m = 0; m < opts->meetings; m++) {
		/* Spread over the past, about one meeting a committee a month,
		 * with the last tenth in the future. */
		long d = base_day + ((long)m - (long)opts->meetings * 9 / 10) * 3 / 2 + pick(3);
		int wd, past, nitems = 5 + pick(11), npages = 1 + pick(6), ntail;
		int64_t mid, fid;

		civil_from_days(d, &g->y, &g->mo, &g->dd);
		wd = civil_weekday(g->y, g->mo, g->dd);
		if (wd == 0 || wd == 6) {   /* not at weekends: Friday or Monday */
			d += wd == 0 ? 1 : -1;
			civil_from_days(d, &g->y, &g->mo, &g->dd);
		}
		g->org = m % NCOMMITTEES;
		g->day = d;
		g->prev = g->prev_day[g->org] ? g->prev_day[g->org] : d - 30;
		g->prev_day[g->org] = d;
		g->fy = g->mo >= 4 ? g->y : g->y - 1;
		g->hour = 10 + 4 * pick(2);
		snprintf(day, sizeof(day), "%04d-%02d-%02d %02d:00", g->y, g->mo, g->dd, g->hour);
		past = d < base_day;
		mid = db_meeting_create(db, &(struct meeting_new){ .organization_id = orgs_id[g->org],
			.location_id = locs[g->org % NEL(venues)], .start_at = day, .state = past ? "held" : "scheduled",
			.agenda_published_at = "2020-01-01T09:00:00Z",
			.minutes_status = past ? "approved" : "none" });
		if (mid < 0)
			goto dberr;
		/* Three opening items, perhaps public questions, the business,
		 * and perhaps a closing item. */
		ntail = nitems > 6 ? pick(3) : 0;   /* 0: none, 1: work programme, 2: next meeting */
		for (int i = 0; i < nitems; i++) {
			const struct proc_text *pr = NULL;
			char num[8];

			if (i < 3)
				pr = &procs[i];
			else if (i == 3 && committees[g->org].kind != C_PLAN && pick(4) == 0)
				pr = &procs[PR_QUESTIONS];
			else if (i == nitems - 1 && ntail)
				pr = &procs[ntail == 1 ? PR_WORK : PR_NEXT];
			item_setup(g);
			buf_reset(&g->ititle[i]);
			buf_reset(&md);
			buf_reset(&mins);
			g->itopic[i] = pr ? -1 : g->topic;
			g->itown[i] = g->town;
			g->ikind[i] = g->kind;
			g->iprem[i] = g->prem;
			if (pr) {
				buf_puts(&g->ititle[i], pr->title);
				expand(g, &md, pr->desc);
				expand(g, &mins, pr->mins[pick(2)]);
			} else {
				expand(g, &g->ititle[i], g->title_tpl);
				item_description(g, &md);
				if (past)
					item_minutes(g, &mins);
			}
			snprintf(num, sizeof(num), "%d", i + 1);
			if (md.err || mins.err || g->ititle[i].err) {
				snprintf(err, errlen, "out of memory");
				goto out;
			}
			if ((iid[i] = db_item_create(db, &(struct item_new){ .meeting_id = mid, .position = i + 1,
				.number = num, .title = g->ititle[i].data, .kind = pr ? pr->kind : "item",
				.description_md = md.data, .minutes_md = past ? mins.data : NULL })) < 0)
				goto dberr;
		}
		/* The work programme on its item, the same document all year; and
		 * one meeting in four, an appendix to the first item of business
		 * (on that item alone). */
		if (ntail == 1) {
			struct side_stream side;
			if (wp_fy[g->org] != g->fy) {
				side_enter(g, &side, 0x5757u + (uint64_t)m);
				buf_reset(&md);
				work_programme(g, &md);
				side_leave(g, &side);
				buf_reset(&t);
				buf_puts(&t, "Work Programme ");
				put_fy(&t, g->fy);
				snprintf(fname, sizeof(fname), "work-programme-%d.pdf", g->fy);
				if (md.err || t.err) {
					snprintf(err, errlen, "out of memory");
					goto out;
				}
				if ((wp_file[g->org] = db_file_create(db, &(struct file_new){ .title = t.data,
					.filename = fname, .mime_type = "application/pdf", .sha256 = sha, .size = pdf.len,
					.page_count = 1 })) < 0 ||
				    db_file_page_add(db, wp_file[g->org], 1, md.data) < 0 ||
				    db_file_text_done(db, wp_file[g->org], 1, "done") < 0)
					goto dberr;
				wp_fy[g->org] = g->fy;
			}
			if (db_file_link_create(db, &(struct file_link_new){ .file_id = wp_file[g->org],
				.agenda_item_id = iid[nitems - 1], .role = "appendix" }) < 0)
				goto dberr;
		}
		if (m % 4 == 0) {
			struct side_stream side;
			int i = next_business(g, nitems - 1, nitems);
			int64_t aid;
			side_enter(g, &side, 0xa99eu + (uint64_t)m);
			buf_reset(&md);
			report_page(g, &md, i, 0);
			side_leave(g, &side);
			if (md.err) {
				snprintf(err, errlen, "out of memory");
				goto out;
			}
			if ((aid = db_file_create(db, &(struct file_new){ .title = "Appendix A", .filename = "appendix-a.pdf",
				.mime_type = "application/pdf", .sha256 = sha, .size = pdf.len, .page_count = 1 })) < 0 ||
			    db_file_page_add(db, aid, 1, md.data) < 0 || db_file_text_done(db, aid, 1, "done") < 0 ||
			    db_file_link_create(db, &(struct file_link_new){ .file_id = aid, .agenda_item_id = iid[i],
				.role = "appendix" }) < 0)
				goto dberr;
		}
		fid = db_file_create(db, &(struct file_new){ .title = "Agenda reports pack", .filename = "agenda-pack.pdf",
			.mime_type = "application/pdf", .sha256 = sha, .size = pdf.len, .page_count = npages });
		if (fid < 0 || db_file_link_create(db, &(struct file_link_new){ .file_id = fid, .meeting_id = mid,
			.role = "agenda_pack" }) < 0)
			goto dberr;
		/* Page 1 the front sheet, then two pages a report, in agenda
		 * order from the first item of business. */
		for (int p = 1, i = 0; p <= npages; p++) {
			buf_reset(&md);
			if (p == 1) {
				front_sheet(g, &md, nitems);
			} else {
				if (p % 2 == 0)
					i = next_business(g, i, nitems);
				report_page(g, &md, i, p % 2);
			}
			if (md.err) {
				snprintf(err, errlen, "out of memory");
				goto out;
			}
			if (db_file_page_add(db, fid, p, md.data) < 0)
				goto dberr;
		}
		if (db_file_text_done(db, fid, npages, "done") < 0)
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
	buf_release(&mins);
	for (int i = 0; i < MAXITEMS; i++)
		buf_release(&g->ititle[i]);
	free(g);
	return rc;
}

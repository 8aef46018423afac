// A small OParl 1.1 system shaped like the German council information
// systems (Ratsinformationssysteme) most OParl servers are, not like
// Witan's own API: for harvest-foreign.test.mjs. Not a test file itself:
// node --test only runs files named *.test.mjs.
//
//   const fx = await startOparlFixture();   // node:http on a free port
//   fx.systemUrl                            // http://127.0.0.1:PORT/oparl/system
//   fx.meta                                 // what the record holds (see below)
//   fx.requests                             // every path+query asked for, in order
//   await fx.stop();
//
// The Stadt Lindenau (made up) has one Body; its lists are paginated
// (organizations, meetings, papers, agenda items and files over two or
// more pages) and every object is served at its id. The shapes follow the
// OParl 1.1 specification's examples: Meetings embed their AgendaItems
// (whose `consultation` is a URL), Papers embed Consultations (whose
// `meeting` and `agendaItem` are URLs) and Files; Files point at real PDFs
// through `accessUrl` (a getfile.php?id= address, as such systems have).
// German states (`meetingState`: "terminiert", "eingeladen",
// "durchgeführt", and two this harvester cannot know), `cancelled: true`,
// item numbers "Ö 1" / "N 1", `result` and `resolutionText`.
//
// What real servers do and the schema does not allow, on purpose (a
// harvester has to take it): Paper 2's `mainFile` and `consultation` and
// one of Paper 1's and Paper 3's `auxiliaryFile`s are URL strings instead
// of embedded objects, and Meeting 6's `resultsProtocol` is a URL string.
// Meeting 4 embeds no agenda items: they are only in the agendaItem list,
// which a harvester reads after the papers, so Paper 3's consultation
// points forward to an item not yet seen.
//
// Two references cannot be resolved (their URLs answer 404): one of Paper
// 1's auxiliary files, and the agenda item of one of Paper 2's
// consultations (`meta.unresolvable`).
//
// Licences (`meta.licences`): the System and the Body publish under the
// Datenlizenz Deutschland (by-2-0), as German systems do; one meeting is
// CC0, one of its agenda items and one file CC BY 4.0, a person's licence
// is a text rather than a URL, and a location names the Body's own.

import { createHash } from 'node:crypto';
import http from 'node:http';

import { freePort } from '../lib/server.mjs';
import { textPdf } from './sweep-helpers.mjs';

const T = (t) => `https://schema.oparl.org/1.1/${t}`;
const DL_DE_BY = 'https://www.govdata.de/dl-de/by-2-0';
const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
const PERSON_LICENSE = 'Namensnennung: Stadt Lindenau, Ratsbüro';
const DAY = 864e5;
const pad = (n) => String(n).padStart(2, '0');

/** ms as an RFC 3339 date-time at +01:00 (as German servers write them, winter time). */
function cet(ms) {
  const d = new Date(Math.floor(ms / 1000) * 1000 + 3600e3);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:` +
    `${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+01:00`;
}

/** ms as YYYY-MM-DD (at +01:00). */
const dateOf = (ms) => cet(ms).slice(0, 10);

/**
 * Builds the record for base URL B (http://127.0.0.1:PORT) around `now`.
 * Returns {objects: Map id -> the object as served at its id, lists: Map
 * path -> {items, size}, pdfs: Map file number -> {bytes, fileName}, meta}.
 */
export function buildFixture(B, now = Date.now()) {
  const api = `${B}/oparl`;
  const ris = `${B}/ris`;
  const objects = new Map();
  const pdfs = new Map();
  let k = 0;
  // created / modified: each object its own, all in the past.
  const times = () => {
    k++;
    return { created: cet(now - 200 * DAY + k * 60e3), modified: cet(now - 3 * DAY + k * 60e3) };
  };
  // A meeting's start: `days` from today at hh:mm (+01:00).
  const at = (days, hh, mm = 0) => {
    const d = new Date(now + days * DAY);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hh - 1, mm);
  };
  const put = (o, standalone = {}) => {
    objects.set(o.id, { ...o, ...standalone });
    return o;
  };

  // --- files -------------------------------------------------------------
  const file = (n, { name, fileName, lines, text, date, license }) => {
    const bytes = textPdf(lines);
    pdfs.set(String(n), { bytes, fileName });
    return put({
      id: `${api}/file/${n}`,
      type: T('File'),
      name,
      fileName,
      mimeType: 'application/pdf',
      date: dateOf(date),
      size: bytes.length,
      sha1Checksum: createHash('sha1').update(bytes).digest('hex'),
      ...(text ? { text } : {}),
      ...(license ? { license } : {}),
      accessUrl: `${ris}/getfile.php?id=${n}&type=do`,
      downloadUrl: `${ris}/getfile.php?id=${n}&type=do&download=1`,
      ...times(),
    });
  };

  const f = {
    einladung: file(1, { name: 'Einladung', fileName: 'Einladung_Rat_12.pdf', date: now - 50 * DAY,
      lines: ['Stadt Lindenau', 'Einladung zur 12. Sitzung des Rates', 'Tagesordnung siehe Anlage'] }),
    niederschrift: file(2, { name: 'Niederschrift öffentlicher Teil', fileName: 'Niederschrift_Rat_12_oeffentlich.pdf',
      date: now - 35 * DAY, lines: ['Niederschrift über die 12. Sitzung des Rates', 'Beginn 17:00 Uhr, Ende 20:30 Uhr'] }),
    lageplan: file(3, { name: 'Lageplan Lindenhof', fileName: 'Lageplan_Lindenhof.pdf', date: now - 50 * DAY,
      lines: ['Lageplan zum Bebauungsplan', 'Gemarkung Lindenau, Flur 3, Massstab 1:1000'] }),
    wertgutachten: file(4, { name: 'Verkehrswertgutachten Flurstück 4711', fileName: 'Wertgutachten_4711.pdf',
      date: now - 50 * DAY, lines: ['Verkehrswertgutachten', 'Grundstück am Quastenweg, Bodenrichtwert 310 Euro'] }),
    vorlage815: file(10, { name: 'Beschlussvorlage VO/2024/0815', fileName: 'VO_2024_0815_Beschlussvorlage.pdf',
      date: now - 70 * DAY, lines: ['Beschlussvorlage VO/2024/0815', 'Bebauungsplan Nr. 112 Lindenhof',
        'Die Entwässerung des Baugebiets erfolgt über das Regenrückhaltebecken Nordstadt.'] }),
    begruendung815: file(11, { name: 'Anlage 1: Begründung mit Umweltbericht', fileName: 'VO_2024_0815_Anlage_1.pdf',
      date: now - 70 * DAY, lines: ['Begründung zum Bebauungsplan Nr. 112', 'Für den Feldhamster wird die Ausgleichsfläche Kiebitzwiese gesichert.'] }),
    schall815: file(12, { name: 'Anlage 2: Schalltechnische Untersuchung', fileName: 'VO_2024_0815_Anlage_2.pdf',
      date: now - 70 * DAY, lines: ['Schalltechnische Untersuchung', 'Die Schallimmissionsprognose Hafenstraße zeigt keine Überschreitung.'] }),
    vorlage844: file(20, { name: 'Beschlussvorlage VO/2024/0844', fileName: 'VO_2024_0844_Beschlussvorlage.pdf',
      date: now - 30 * DAY, lines: ['Beschlussvorlage VO/2024/0844', 'Das Raumprogramm Mühlenbach sieht zwei Krippengruppen vor.'] }),
    brandschutz844: file(21, { name: 'Anlage: Brandschutzkonzept (Scan)', fileName: 'VO_2024_0844_Anlage_Brandschutz.pdf',
      date: now - 30 * DAY, lines: ['Eingescannte Seite', 'Unterschriften und Stempel der Prüfsachverständigen'],
      text: 'Brandschutzkonzept Turnhalle Weidenweg: Der zweite Rettungsweg führt über die Außentreppe an der Ostseite.' }),
    antrag102: file(30, { name: 'Antrag AN/2024/0102', fileName: 'AN_2024_0102_Antrag.pdf', date: now - 20 * DAY,
      lines: ['Antrag der Fraktion Bürgerliste', 'Die Verwaltung prüft einen Radschnellweg Hafenkante bis zum Bahnhof.'],
      license: CC_BY }),
    streckenplan102: file(31, { name: 'Anlage: Streckenplan', fileName: 'AN_2024_0102_Streckenplan.pdf', date: now - 20 * DAY,
      lines: ['Streckenplan', 'Der Lückenschluss Uferpromenade ist rot markiert.'] }),
    niederschriftSonder: file(61, { name: 'Niederschrift der Sondersitzung', fileName: 'Niederschrift_BPA_Sondersitzung.pdf',
      date: now - 55 * DAY, lines: ['Niederschrift über die Sondersitzung des Ausschusses für Bauen und Planen'] }),
  };

  // --- body-wide things ------------------------------------------------------
  const body = `${api}/body/1`;
  const term = put({ id: `${api}/term/21`, type: T('LegislativeTerm'), name: 'Wahlperiode 2024-2029',
    startDate: dateOf(now - 400 * DAY), endDate: dateOf(now + 1400 * DAY), ...times() }, { body });
  const ratssaal = put({ id: `${api}/location/1`, type: T('Location'),
    description: 'Rathaus Lindenau, Ratssaal, Marktplatz 1, 01234 Lindenau', streetAddress: 'Marktplatz 1',
    room: 'Ratssaal', postalCode: '01234', locality: 'Lindenau', license: DL_DE_BY, ...times() });
  const sitzungszimmer = put({ id: `${api}/location/2`, type: T('Location'),
    description: 'Technisches Rathaus, Sitzungszimmer 2.14, Hafenstraße 7, 01234 Lindenau', streetAddress: 'Hafenstraße 7',
    room: 'Sitzungszimmer 2.14', postalCode: '01234', locality: 'Lindenau', ...times() });

  const org = (n, name, shortName, organizationType, classification) => put({
    id: `${api}/organization/${n}`, type: T('Organization'), body, name, shortName, organizationType, classification,
    meeting: `${api}/organization/${n}/meetings`, startDate: dateOf(now - 400 * DAY),
    web: `${ris}/gr0040.php?__kgrnr=${n}`, ...times(),
  });
  const rat = org(1, 'Rat der Stadt Lindenau', 'Rat', 'Gremium', 'Rat');
  const bpa = org(2, 'Ausschuss für Bauen und Planen', 'BPA', 'Gremium', 'Ausschuss');
  const buergerliste = org(3, 'Fraktion Bürgerliste', 'BL', 'Fraktion', 'Fraktion');
  const hfa = org(4, 'Haupt- und Finanzausschuss', 'HFA', 'Gremium', 'Ausschuss');

  let msn = 0;
  const membership = (person, organization, role) => {
    msn++;
    return put({ id: `${api}/membership/${msn}`, type: T('Membership'), organization: organization.id, role,
      votingRight: true, startDate: dateOf(now - 400 * DAY), ...times() }, { person });
  };
  const person = (n, givenName, familyName, extra, ms) => {
    const id = `${api}/person/${n}`;
    return put({ id, type: T('Person'), body, name: `${extra.title ? `${extra.title[0]} ` : ''}${givenName} ${familyName}`,
      familyName, givenName, ...extra, membership: ms.map(([o, role]) => membership(id, o, role)),
      web: `${ris}/kp0050.php?__kpenr=${n}`, ...times() });
  };
  const brenner = person(1, 'Helga', 'Brenner', { formOfAddress: 'Frau', title: ['Dr.'], gender: 'female' },
    [[rat, 'Vorsitzende'], [buergerliste, 'Mitglied']]);
  const albrecht = person(2, 'Jonas', 'Albrecht', { formOfAddress: 'Herr', gender: 'male' },
    [[bpa, 'stellv. Vorsitzender'], [buergerliste, 'Fraktionsvorsitzender']]);
  const demir = person(3, 'Aylin', 'Demir', { formOfAddress: 'Frau', gender: 'female', license: PERSON_LICENSE },
    [[rat, 'Mitglied'], [bpa, 'Mitglied'], [hfa, 'Mitglied']]);

  // --- meetings and their agenda items ---------------------------------------
  const C = (n) => `${api}/consultation/${n}`;
  const item = (n, meetingUrl, o) => put({ id: `${api}/agendaitem/${n}`, type: T('AgendaItem'), public: true, ...o,
    web: `${ris}/to0050.php?__ktonr=${n}`, ...times() }, { meeting: meetingUrl });
  const meeting = (n, o, itemsOf) => {
    const id = `${api}/meeting/${n}`;
    const m = { id, type: T('Meeting'), ...o, web: `${ris}/si0057.php?__ksinr=${n}`, ...times() };
    if (itemsOf) m.agendaItem = itemsOf(id);
    return put(m);
  };
  const start = {};
  const items = {};
  // 1: held (durchgeführt), with its results protocol embedded.
  start.rat12 = at(-40, 17);
  const rat12 = meeting(1, {
    name: '12. Sitzung des Rates', meetingState: 'durchgeführt', cancelled: false,
    start: cet(start.rat12), end: cet(start.rat12 + 3.5 * 3600e3), location: ratssaal, organization: [rat.id],
    participant: [brenner.id, demir.id], invitation: f.einladung, resultsProtocol: f.niederschrift,
  }, (m) => [
    items.eroeffnung = item(11, m, { number: 'Ö 1', order: 1, name: 'Eröffnung der Sitzung und Feststellung der Tagesordnung' }),
    items.lindenhofRat = item(12, m, { number: 'Ö 2', order: 2, name: 'Bebauungsplan Nr. 112 „Lindenhof“ – Satzungsbeschluss',
      consultation: C(2), result: 'ungeändert beschlossen',
      resolutionText: 'Der Rat beschließt den Bebauungsplan Lindenhof in der Fassung der Vorlage VO/2024/0815 als Satzung.',
      auxiliaryFile: [f.lageplan] }),
    items.anfragen = item(13, m, { number: 'Ö 3', order: 3, name: 'Anfragen und Mitteilungen', result: 'zur Kenntnis genommen' }),
    items.grundstueck = item(14, m, { number: 'N 1', order: 4, name: 'Grundstücksangelegenheiten', public: false,
      result: 'beschlossen (Geheimhaltungsvermerk Nebelwiese)',
      resolutionText: 'Der Rat stimmt dem Ankauf des Flurstücks 4711 an der Nebelwiese zum Kaufpreis von 1,2 Mio. Euro zu.',
      auxiliaryFile: [f.wertgutachten] }),
  ]);
  // 2: "eingeladen", but in the past, with results and no protocol.
  start.bpa7 = at(-10, 16, 30);
  const bpa7 = meeting(2, {
    name: '7. Sitzung des Ausschusses für Bauen und Planen', meetingState: 'eingeladen', cancelled: false, license: CC0,
    start: cet(start.bpa7), end: cet(start.bpa7 + 2 * 3600e3), location: sitzungszimmer, organization: [bpa.id],
  }, (m) => [
    items.kita = item(21, m, { number: 'Ö 1', order: 1, name: 'Erweiterung der Kindertagesstätte Am Mühlenbach',
      consultation: C(3), result: 'mehrheitlich beschlossen', license: CC_BY,
      resolutionText: 'Der Ausschuss beschließt die Erweiterung der Kita Am Mühlenbach um zwei Krippengruppen.' }),
    items.bauantraege = item(22, m, { number: 'Ö 2', order: 2, name: 'Bauanträge und Bauvoranfragen', result: 'zur Kenntnis genommen' }),
  ]);
  // 3: "terminiert", in the future; its agenda is not out yet.
  start.rat13 = at(20, 17);
  const rat13 = meeting(3, { name: '13. Sitzung des Rates', meetingState: 'terminiert', cancelled: false,
    start: cet(start.rat13), location: ratssaal, organization: [rat.id] }, () => []);
  // 4: "eingeladen", in the future; its items only in the agendaItem list.
  start.bpa8 = at(5, 16, 30);
  const bpa8 = meeting(4, { name: '8. Sitzung des Ausschusses für Bauen und Planen', meetingState: 'eingeladen',
    cancelled: false, start: cet(start.bpa8), location: sitzungszimmer, organization: [bpa.id] });
  items.radverkehr = item(41, bpa8.id, { number: 'Ö 1', order: 1,
    name: 'Antrag der Fraktion Bürgerliste: Radverkehrskonzept Hafenkante', consultation: C(5) });
  items.verschiedenes = item(42, bpa8.id, { number: 'Ö 2', order: 2, name: 'Verschiedenes' });
  // 5: cancelled (the state left as it was).
  start.hfa5 = at(12, 18);
  const hfa5 = meeting(5, { name: '5. Sitzung des Haupt- und Finanzausschusses', meetingState: 'terminiert', cancelled: true,
    start: cet(start.hfa5), location: ratssaal, organization: [hfa.id] }, (m) => [
    items.haushalt = item(51, m, { number: 'Ö 1', order: 1, name: 'Haushaltsplanentwurf 2027' }),
  ]);
  // 6: a state this harvester cannot know, in the past; results, and its
  // protocol by URL only.
  start.bpaSonder = at(-60, 15);
  const bpaSonder = meeting(6, { name: 'Sondersitzung des Ausschusses für Bauen und Planen', meetingState: 'Sondersitzung',
    start: cet(start.bpaSonder), end: cet(start.bpaSonder + 3600e3), location: sitzungszimmer, organization: [bpa.id],
    resultsProtocol: f.niederschriftSonder.id }, (m) => [
    items.lindenhofBpa = item(61, m, { number: 'Ö 1', order: 1, name: 'Bebauungsplan Nr. 112 „Lindenhof“ – Vorberatung',
      consultation: C(1), result: 'einstimmig empfohlen',
      resolutionText: 'Der Ausschuss empfiehlt dem Rat, den Bebauungsplan Lindenhof als Satzung zu beschließen.' }),
  ]);
  // 7: a state this harvester cannot know, in the future.
  start.klausur = at(45, 9);
  const klausur = meeting(7, { name: 'Klausurtagung des Rates', meetingState: 'Klausurtagung', start: cet(start.klausur),
    location: ratssaal, organization: [rat.id] });

  // --- papers and their consultations ------------------------------------------
  const consultation = (n, paper, o) => put({ id: C(n), type: T('Consultation'), ...o, ...times() }, { paper });
  const paper = (n, o) => put({ id: `${api}/paper/${n}`, type: T('Paper'), body, ...o, web: `${ris}/vo0050.php?__kvonr=${n}`, ...times() });
  const p1url = `${api}/paper/1`;
  const p2url = `${api}/paper/2`;
  const p3url = `${api}/paper/3`;
  const gone = { file: `${api}/file/9404`, item: `${api}/agendaitem/9404` };
  const c = {
    c1: consultation(1, p1url, { agendaItem: items.lindenhofBpa.id, meeting: bpaSonder.id, organization: [bpa.id],
      authoritative: false, role: 'Vorberatung' }),
    c2: consultation(2, p1url, { agendaItem: items.lindenhofRat.id, meeting: rat12.id, organization: [rat.id],
      authoritative: true, role: 'Entscheidung' }),
    c3: consultation(3, p2url, { agendaItem: items.kita.id, meeting: bpa7.id, organization: [bpa.id],
      authoritative: true, role: 'Entscheidung' }),
    // (the Rat's agenda is not out: its item's URL answers 404)
    c4: consultation(4, p2url, { agendaItem: gone.item, meeting: rat13.id, organization: [rat.id],
      authoritative: false, role: 'Kenntnisnahme' }),
    c5: consultation(5, p3url, { agendaItem: items.radverkehr.id, meeting: bpa8.id, organization: [bpa.id],
      authoritative: false, role: 'Vorberatung' }),
  };
  const p1 = paper(1, { name: 'Bebauungsplan Nr. 112 „Lindenhof“ – Satzungsbeschluss', reference: 'VO/2024/0815',
    date: dateOf(now - 70 * DAY), paperType: 'Beschlussvorlage', relatedPaper: [p2url],
    mainFile: f.vorlage815, auxiliaryFile: [f.begruendung815, f.schall815.id, gone.file],
    underDirectionOf: [rat.id], consultation: [c.c1, c.c2] });
  const p2 = paper(2, { name: 'Erweiterung der Kindertagesstätte Am Mühlenbach', reference: 'VO/2024/0844',
    date: dateOf(now - 30 * DAY), paperType: 'Beschlussvorlage', mainFile: f.vorlage844.id,
    auxiliaryFile: [f.brandschutz844], consultation: [c.c3.id, c.c4.id] });
  const p3 = paper(3, { name: 'Radverkehrskonzept Hafenkante', reference: 'AN/2024/0102', date: dateOf(now - 20 * DAY),
    paperType: 'Antrag', originatorPerson: [albrecht.id], originatorOrganization: [buergerliste.id],
    mainFile: f.antrag102, auxiliaryFile: [f.streckenplan102.id], consultation: [c.c5] });

  // --- the body, the system, the lists --------------------------------------
  const bodyObj = put({
    id: body, type: T('Body'), system: `${api}/system`, shortName: 'Lindenau', name: 'Stadt Lindenau',
    website: 'https://www.lindenau.example/', ags: '09999001', rgs: '099990010001', contactEmail: 'ratsbuero@lindenau.example',
    contactName: 'Ratsbüro', classification: 'Große Kreisstadt', license: DL_DE_BY,
    // (papers before meetings, as some systems order them)
    paper: `${body}/papers`, meeting: `${body}/meetings`, organization: `${body}/organizations`, person: `${body}/people`,
    agendaItem: `${body}/agendaitems`, consultation: `${body}/consultations`, file: `${body}/files`,
    locationList: `${body}/locations`, legislativeTermList: `${body}/terms`, membership: `${body}/memberships`,
    legislativeTerm: [term], location: ratssaal, web: `${ris}/info.php`, ...times(),
  });
  put({ id: `${api}/system`, type: T('System'), oparlVersion: 'https://schema.oparl.org/1.1/', otherOparlVersions: [],
    name: 'Ratsinformationssystem der Stadt Lindenau', body: `${api}/bodies`, contactEmail: 'ratsbuero@lindenau.example',
    website: `${ris}/info.php`, vendor: 'https://ris-vendor.example/', product: 'https://ris-vendor.example/ris',
    license: DL_DE_BY, ...times() });

  const S = (o) => objects.get(o.id); // the standalone form (with its back-references)
  const all = (prefix) => [...objects.values()].filter((o) => o.id.startsWith(`${api}/${prefix}/`));
  const lists = new Map([
    ['/oparl/bodies', { items: [bodyObj], size: 10 }],
    ['/oparl/body/1/organizations', { items: [rat, buergerliste, bpa, hfa], size: 2 }],
    ['/oparl/body/1/people', { items: [brenner, albrecht, demir], size: 20 }],
    ['/oparl/body/1/memberships', { items: all('membership'), size: 20 }],
    ['/oparl/body/1/locations', { items: [ratssaal, sitzungszimmer], size: 20 }],
    // (not in date order: as a server lists them by its own keys)
    ['/oparl/body/1/meetings', { items: [rat13, rat12, bpaSonder, hfa5, bpa7, klausur, bpa8], size: 4 }],
    ['/oparl/body/1/papers', { items: [p1, p2, p3], size: 2 }],
    ['/oparl/body/1/agendaitems', { items: all('agendaitem'), size: 4 }],
    ['/oparl/body/1/consultations', { items: all('consultation'), size: 20 }],
    // (a non-public item's file is not in the public file list)
    ['/oparl/body/1/files', { items: all('file').filter((x) => x.id !== f.wertgutachten.id), size: 5 }],
    ['/oparl/body/1/terms', { items: [term], size: 20 }],
  ]);
  for (const o of [rat, bpa, buergerliste, hfa]) {
    lists.set(new URL(o.meeting).pathname, { items: [rat12, bpa7, rat13, bpa8, hfa5, bpaSonder, klausur]
      .filter((m) => m.organization.includes(o.id)), size: 20 });
  }
  for (const [p, l] of lists) lists.set(p, { ...l, items: l.items.map(S) });

  const fileMeta = (o, extra = {}) => ({ url: o.id, name: o.name, fileName: o.fileName, accessUrl: o.accessUrl,
    bytes: pdfs.get(o.id.split('/').pop()).bytes, ...extra });
  const meta = {
    api,
    bodyUrl: body,
    meetings: {
      rat12: { url: rat12.id, name: rat12.name, meetingState: 'durchgeführt', start: start.rat12, expect: 'held',
        why: 'meetingState "durchgeführt" (held)' },
      bpa7: { url: bpa7.id, name: bpa7.name, meetingState: 'eingeladen', start: start.bpa7, expect: 'held',
        why: 'meetingState "eingeladen" but in the past, not cancelled, with results published (resolutionText)' },
      rat13: { url: rat13.id, name: rat13.name, meetingState: 'terminiert', start: start.rat13, expect: 'scheduled',
        why: 'meetingState "terminiert" (scheduled), in the future' },
      bpa8: { url: bpa8.id, name: bpa8.name, meetingState: 'eingeladen', start: start.bpa8, expect: 'scheduled',
        why: 'meetingState "eingeladen" (invited), in the future' },
      hfa5: { url: hfa5.id, name: hfa5.name, meetingState: 'terminiert', start: start.hfa5, expect: 'cancelled',
        why: 'cancelled: true (meetingState left at "terminiert")' },
      bpaSonder: { url: bpaSonder.id, name: bpaSonder.name, meetingState: 'Sondersitzung', start: start.bpaSonder,
        expect: 'held', why: 'an unknown meetingState ("Sondersitzung") in the past' },
      klausur: { url: klausur.id, name: klausur.name, meetingState: 'Klausurtagung', start: start.klausur,
        expect: 'scheduled', why: 'an unknown meetingState ("Klausurtagung") in the future' },
    },
    // Agenda items: the meeting key, and what the item page is to show.
    items: Object.fromEntries(Object.entries(items).map(([key, o]) => [key, {
      url: o.id, meeting: Object.entries({ rat12, bpa7, rat13, bpa8, hfa5, bpaSonder, klausur })
        .find(([, m]) => m.id === objects.get(o.id).meeting)[0],
      number: o.number, name: o.name, public: o.public, result: o.result, resolutionText: o.resolutionText,
      ownFiles: (o.auxiliaryFile || []).map((x) => x.id),
    }])),
    // Papers: their files in order (main, then auxiliary), as fixture file
    // keys, and the items that consult them.
    papers: {
      p1: { url: p1.id, reference: p1.reference, files: ['vorlage815', 'begruendung815', 'schall815'], consultedBy: ['lindenhofBpa', 'lindenhofRat'] },
      p2: { url: p2.id, reference: p2.reference, files: ['vorlage844', 'brandschutz844'], consultedBy: ['kita'] },
      p3: { url: p3.id, reference: p3.reference, files: ['antrag102', 'streckenplan102'], consultedBy: ['radverkehr'] },
    },
    files: Object.fromEntries(Object.entries(f).map(([key, o]) => [key, fileMeta(o, { text: o.text })])),
    // Files a paper refers to by URL only (not embedded).
    byUrlOnly: ['schall815', 'vorlage844', 'streckenplan102'],
    // A phrase in each paper file's PDF, found by search (the `text` one: in its text property only).
    phrases: {
      vorlage815: 'Regenrückhaltebecken Nordstadt',
      begruendung815: 'Ausgleichsfläche Kiebitzwiese',
      schall815: 'Schallimmissionsprognose Hafenstraße',
      vorlage844: 'Raumprogramm Mühlenbach',
      antrag102: 'Radschnellweg Hafenkante',
      streckenplan102: 'Lückenschluss Uferpromenade',
    },
    textProperty: { file: 'brandschutz844', phrase: 'Brandschutzkonzept Turnhalle Weidenweg', pdfPhrase: 'Prüfsachverständigen' },
    // The non-public item's secrets: in its resolutionText / result, and its file's PDF.
    secret: { item: 'grundstueck', file: 'wertgutachten', resolutionWord: 'Nebelwiese', pdfWord: 'Quastenweg' },
    unresolvable: [
      { from: p1.id, to: gone.file, what: "Paper VO/2024/0815's auxiliaryFile" },
      { from: c.c4.id, to: gone.item, what: "Consultation 4's agendaItem (of Paper VO/2024/0844)" },
    ],
    // Every list page a complete harvest reads (the body's lists).
    listPages: [],
    // The licences the source states: its Body's (and System's), and the
    // objects with their own (a location names the Body's own).
    licences: {
      body: DL_DE_BY,
      own: {
        meeting: { url: bpa7.id, license: CC0, key: 'bpa7' },
        item: { url: items.kita.id, license: CC_BY, key: 'kita' },
        file: { url: f.antrag102.id, license: CC_BY, key: 'antrag102' },
        person: { url: demir.id, license: PERSON_LICENSE },
      },
      sameAsBody: { url: ratssaal.id, entity: 'location' },
      // An object that states none: the Body's applies.
      none: { url: rat12.id, entity: 'meeting', key: 'rat12' },
    },
  };
  for (const [p, l] of lists) {
    if (!p.startsWith('/oparl/body/1/')) continue;
    const pages = Math.max(1, Math.ceil(l.items.length / l.size));
    for (let i = 1; i <= pages; i++) meta.listPages.push(i === 1 ? p : `${p}?page=${i}`);
  }
  return { objects, lists, pdfs, meta };
}

/** A list page: {data, pagination, links}, filtered by modified_since / created_since (inclusive). */
function listPage(B, u, { items, size }) {
  const since = (k) => {
    const v = u.searchParams.get(k);
    const t = v ? Date.parse(v) : NaN;
    return Number.isNaN(t) ? null : t;
  };
  const ms = since('modified_since');
  const cs = since('created_since');
  const data = items.filter((o) => (ms === null || Date.parse(o.modified) >= ms) && (cs === null || Date.parse(o.created) >= cs));
  const page = Math.max(1, Number.parseInt(u.searchParams.get('page') || '1', 10) || 1);
  const totalPages = Math.max(1, Math.ceil(data.length / size));
  const link = (p) => {
    const x = new URL(u.pathname, B);
    for (const k of ['modified_since', 'created_since']) if (u.searchParams.has(k)) x.searchParams.set(k, u.searchParams.get(k));
    if (p > 1) x.searchParams.set('page', String(p));
    return x.href;
  };
  return {
    data: data.slice((page - 1) * size, page * size),
    pagination: { totalElements: data.length, elementsPerPage: size, currentPage: page, totalPages },
    links: { first: link(1), ...(page > 1 ? { prev: link(page - 1) } : {}), self: link(page),
      ...(page < totalPages ? { next: link(page + 1) } : {}), last: link(totalPages) },
  };
}

/** Starts the fixture on a free port of 127.0.0.1. */
export async function startOparlFixture({ now = Date.now() } = {}) {
  const port = await freePort();
  const B = `http://127.0.0.1:${port}`;
  const { objects, lists, pdfs, meta } = buildFixture(B, now);
  const requests = [];
  const json = (res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const u = new URL(req.url, B);
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { type: T('Error'), message: 'Methode nicht erlaubt' });
    if (u.pathname === '/ris/getfile.php') {
      const pdf = pdfs.get(u.searchParams.get('id') ?? '');
      if (!pdf) return json(res, 404, { type: T('Error'), message: 'Dokument nicht gefunden' });
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.bytes.length,
        'content-disposition': `${u.searchParams.has('download') ? 'attachment' : 'inline'}; filename="${pdf.fileName}"` });
      return res.end(pdf.bytes);
    }
    if (u.pathname.startsWith('/ris/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>Ratsinformationssystem Lindenau</title><p>Seite des Ratsinformationssystems.</p>');
    }
    const list = lists.get(u.pathname);
    if (list) return json(res, 200, listPage(B, u, list));
    const o = objects.get(`${B}${u.pathname}`);
    if (o && !u.search) return json(res, 200, o);
    return json(res, 404, { type: T('Error'), message: 'Das Objekt wurde nicht gefunden.', debug: `HTTP 404 ${u.pathname}` });
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return {
    base: B,
    systemUrl: `${B}/oparl/system`,
    meta,
    objects,
    lists,
    requests,
    /** Sets every object's `modified` (embedded ones too) to now, content unchanged: as a source that re-saves everything. */
    touch() {
      const stamp = cet(Date.now());
      const seen = new Set();
      const walk = (v) => {
        if (Array.isArray(v)) return v.forEach(walk);
        if (!v || typeof v !== 'object' || seen.has(v)) return;
        seen.add(v);
        if (typeof v.type === 'string' && typeof v.modified === 'string') v.modified = stamp;
        Object.values(v).forEach(walk);
      };
      for (const o of objects.values()) walk(o);
      for (const l of lists.values()) walk(l.items);
      return seen.size;
    },
    stop: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

-- decisions-seed.sql: statutory records for tests/http/decisions.test.mjs,
-- written into the test's own copy of the demo (base tables; the public
-- views follow).  Titles carry the marker SEEDDEC so the tests find their
-- rows whatever the demo holds; dates are relative to today.
-- (one transaction: tests/lib/server.mjs's dbQuery runs it in one)
-- A paper considered at three meetings (consultations written newest
-- meeting first, so the page must sort them).
INSERT INTO paper(body_id, reference, title, kind, key_decision)
	VALUES ((SELECT id FROM body ORDER BY id LIMIT 1), 'SEEDDEC-P1', 'SEEDDEC Library Service Review', 'report', 1);
CREATE TEMP TABLE seed_items AS
	SELECT i.id AS item_id, i.meeting_id, m.start_at FROM pub_agenda_item i JOIN pub_meeting m ON m.id = i.meeting_id
	WHERE i.exempt = 0 AND i.id = (SELECT min(i2.id) FROM pub_agenda_item i2 WHERE i2.meeting_id = i.meeting_id AND i2.exempt = 0)
	ORDER BY m.start_at LIMIT 3;
INSERT INTO consultation(paper_id, agenda_item_id, role, authoritative)
	SELECT (SELECT id FROM paper WHERE reference = 'SEEDDEC-P1'), item_id, 'seeded', 0 FROM seed_items ORDER BY start_at DESC;

-- The forward plan: three past, six future; one part exempt (paragraph
-- 3), one under the general exception, one fully exempt, one unpublished.
INSERT INTO plan_entry(body_id, paper_id, reference, title, decision_maker_id, decision_maker_post, lead_member_id,
	lead_officer, first_published, decision_due, wards, consultees, documents, restriction, exempt_paragraph,
	urgency, urgency_reason, status, published)
VALUES
 ((SELECT id FROM body ORDER BY id LIMIT 1), (SELECT id FROM paper WHERE reference = 'SEEDDEC-P1'), 'FP-S1', 'SEEDDEC Plan library review', (SELECT id FROM organization WHERE kind = 'cabinet' LIMIT 1), NULL,
  (SELECT min(id) FROM person), 'Head of Libraries', date('now','-40 days'), date('now','+20 days'), 'All wards', 'Library users', 'Cabinet report', 'open', NULL, 'none', NULL, 'planned', 1),
 ((SELECT id FROM body ORDER BY id LIMIT 1), NULL, 'FP-S2', 'SEEDDEC Plan depot sale', (SELECT id FROM organization WHERE kind = 'cabinet' LIMIT 1), NULL,
  NULL, 'Director of Resources', date('now','-35 days'), date('now','+25 days'), 'Arboretum', NULL, 'Report with exempt appendix', 'part_exempt', 3, 'none', NULL, 'planned', 1),
 ((SELECT id FROM body ORDER BY id LIMIT 1), NULL, 'FP-S3', 'SEEDDEC Plan urgent contract', NULL, 'Director of Resources',
  NULL, 'Head of Procurement', date('now','-5 days'), date('now','+10 days'), NULL, NULL, NULL, 'open', NULL, 'general_exception', 'The contract ends before 28 clear days', 'planned', 1),
 ((SELECT id FROM body ORDER BY id LIMIT 1), NULL, 'FP-S4', 'SEEDDEC Plan staff restructure', (SELECT id FROM organization WHERE kind = 'cabinet' LIMIT 1), NULL,
  NULL, NULL, date('now','-60 days'), date('now','+45 days'), NULL, NULL, NULL, 'exempt', 1, 'none', NULL, 'planned', 1),
 ((SELECT id FROM body ORDER BY id LIMIT 1), NULL, 'FP-S5', 'SEEDDEC Plan bus strategy', (SELECT id FROM organization WHERE kind = 'cabinet' LIMIT 1), NULL,
  NULL, NULL, date('now','-30 days'), date('now','+70 days'), NULL, NULL, NULL, 'open', NULL, 'none', NULL, 'planned', 1),
 ((SELECT id FROM body ORDER BY id LIMIT 1), NULL, 'FP-S6', 'SEEDDEC Plan parks fees', NULL, 'Cabinet Member for Environment',
  NULL, NULL, date('now','-20 days'), date('now','+100 days'), NULL, NULL, NULL, 'open', NULL, 'none', NULL, 'planned', 1),
 ((SELECT id FROM body ORDER BY id LIMIT 1), NULL, 'FP-S7', 'SEEDDEC Plan past budget', (SELECT id FROM organization WHERE kind = 'cabinet' LIMIT 1), NULL,
  NULL, NULL, date('now','-120 days'), date('now','-60 days'), NULL, NULL, NULL, 'open', NULL, 'none', NULL, 'decided', 1),
 ((SELECT id FROM body ORDER BY id LIMIT 1), NULL, 'FP-S8', 'SEEDDEC Plan past housing', (SELECT id FROM organization WHERE kind = 'cabinet' LIMIT 1), NULL,
  NULL, NULL, date('now','-100 days'), date('now','-30 days'), NULL, NULL, NULL, 'open', NULL, 'none', NULL, 'decided', 1),
 ((SELECT id FROM body ORDER BY id LIMIT 1), NULL, 'FP-S9', 'SEEDDEC Plan past leisure', NULL, 'Director of Place',
  NULL, NULL, date('now','-90 days'), date('now','-2 days'), NULL, NULL, NULL, 'open', NULL, 'none', NULL, 'deferred', 1),
 ((SELECT id FROM body ORDER BY id LIMIT 1), NULL, 'FP-SX', 'SEEDDEC Plan HIDDENPLAN', NULL, 'Director of Place',
  NULL, NULL, date('now','-10 days'), date('now','+30 days'), NULL, NULL, NULL, 'open', NULL, 'none', NULL, 'planned', 0);

-- Decisions: a committee decision at the paper's last meeting, an
-- officer decision with a post and person, one called in, key and non-key,
-- one unpublished; then 60 officer decisions of a year ago for paging.
INSERT INTO decision(title, agenda_item_id, paper_id, decision_maker_id, decision_md, decision_html, reasons_html,
	alternatives_html, conflicts, dispensations, decided_on, published, call_in, call_in_deadline, effective_from,
	status, kind, key_decision, wards, plan_entry_id, decision_maker_person_id, decision_maker_post)
VALUES
 ('SEEDDEC Committee decision on libraries', (SELECT item_id FROM seed_items ORDER BY start_at DESC LIMIT 1),
  (SELECT id FROM paper WHERE reference = 'SEEDDEC-P1'), (SELECT id FROM organization WHERE kind = 'cabinet' LIMIT 1),
  'Agreed.', '<p>Agreed.</p>', '<p>Because.</p>', '<p>Do nothing.</p>', 'None', NULL, date('now','-3 days'), 1, 1,
  date('now','+4 days'), date('now','+5 days'), 'made', 'executive', 1, 'All wards',
  (SELECT id FROM plan_entry WHERE reference = 'FP-S1'), NULL, NULL),
 ('SEEDDEC Officer decision on road closure', NULL, (SELECT id FROM paper WHERE reference = 'SEEDDEC-P1'), NULL,
  'Closed.', '<p>Closed.</p>', NULL, NULL, NULL, 'Dispensation granted to the director', date('now','-10 days'), 1, 0,
  NULL, date('now','-10 days'), 'implemented', 'officer', 0, 'Cathedral', NULL, (SELECT min(id) FROM person),
  'Director of Resources'),
 ('SEEDDEC Called in decision on parking', NULL, NULL, (SELECT id FROM organization WHERE kind = 'cabinet' LIMIT 1),
  'Raised.', '<p>Raised.</p>', NULL, NULL, NULL, NULL, date('now','-20 days'), 1, 1, date('now','-15 days'), NULL,
  'called_in', 'executive', 1, NULL, NULL, NULL, NULL),
 ('SEEDDEC Committee decision on planning policy', NULL, NULL, (SELECT id FROM organization WHERE kind = 'committee' ORDER BY id LIMIT 1),
  'Noted.', '<p>Noted.</p>', NULL, NULL, NULL, NULL, date('now','-25 days'), 1, 0, NULL, NULL, 'made', 'committee', 0,
  NULL, NULL, NULL, NULL),
 ('SEEDDEC HIDDENDECISION unpublished', NULL, NULL, NULL, 'Secret.', '<p>Secret.</p>', NULL, NULL, NULL, NULL,
  date('now','-1 days'), 0, 0, NULL, NULL, 'made', 'officer', 0, NULL, NULL, NULL, 'Director of Resources');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
INSERT INTO decision(title, decision_md, decision_html, decided_on, published, status, kind, key_decision,
	decision_maker_post)
SELECT 'SEEDDEC Filler officer decision ' || i, 'Done.', '<p>Done.</p>', date('now', '-' || (365 + i) || ' days'), 1,
	'made', 'officer', 0, 'Head of Filler Services' FROM n;

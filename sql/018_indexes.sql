-- 018_indexes.sql: an index for every reference that pages, the search
-- index and the publication record follow from parent to child (issue 17).
-- Without them, indexing a meeting scanned every file link and
-- consultation (the papers its items consult), so `witan gen` and every
-- commit that reindexed a meeting grew with the size of the record:
-- 2,000 meetings took 32 s to generate, 20,000 about 40 minutes.
-- (Columns naming the one body need none: every row has the same.)

CREATE INDEX agenda_item_paper ON agenda_item(paper_id);
CREATE INDEX agenda_item_parent ON agenda_item(parent_id);
CREATE INDEX consultation_paper ON consultation(paper_id);
CREATE INDEX consultation_item ON consultation(agenda_item_id);
CREATE INDEX consultation_meeting ON consultation(meeting_id);
CREATE INDEX consultation_organization ON consultation(organization_id);
CREATE INDEX declaration_meeting ON declaration(meeting_id);
CREATE INDEX declaration_item ON declaration(agenda_item_id);
CREATE INDEX declaration_person ON declaration(person_id);
CREATE INDEX file_link_paper ON file_link(paper_id);
CREATE INDEX vote_item ON vote(agenda_item_id);
CREATE INDEX vote_record_person ON vote_record(person_id);
CREATE INDEX decision_plan_entry ON decision(plan_entry_id);
CREATE INDEX decision_maker ON decision(decision_maker_id);
CREATE INDEX plan_entry_paper ON plan_entry(paper_id);
CREATE INDEX plan_entry_maker ON plan_entry(decision_maker_id);
CREATE INDEX minutes_amendment_meeting ON minutes_amendment(meeting_id);
CREATE INDEX meeting_location ON meeting(location_id);
CREATE INDEX organization_parent ON organization(parent_id);
CREATE INDEX attendance_substitute ON attendance(substitute_for);
CREATE INDEX session_user ON session(user_id);
CREATE INDEX login_challenge_user ON login_challenge(user_id);
CREATE INDEX alert_message_subscriber ON alert_message(subscriber_id);


-- The public changes of a kind, newest first: the feeds' announcements
-- (src/db/feeds.c) and OParl's modified_since.
CREATE INDEX publication_modified ON publication(entity, modified);

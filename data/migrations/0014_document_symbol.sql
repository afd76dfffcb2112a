-- The event's document symbol (such as UNEP/EA.7/INF/1), printed in the
-- running head of the List of Participants; empty for none.
ALTER TABLE event ADD COLUMN document_symbol TEXT NOT NULL DEFAULT '';

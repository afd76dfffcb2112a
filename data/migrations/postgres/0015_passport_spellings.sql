-- Search words now hold the spellings of passports' machine-readable zones
-- (Müller is also found as "mueller"). The store computes every
-- participant's search words again in Go, in this migration's transaction
-- (rewordParticipants in data/reword.go): SQL cannot fold names.
SELECT 1;

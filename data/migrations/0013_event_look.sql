-- What the event's badges look like: the event's logo (a PNG or JPEG; NULL
-- for Accred's), the one or two languages of the band's words
-- (space-separated codes such as "en fr"; empty for the category's name),
-- each category's names in other languages (a JSON object by language
-- code), and whether its badges have a photo frame.
ALTER TABLE event ADD COLUMN logo BLOB;
ALTER TABLE event ADD COLUMN badge_languages TEXT NOT NULL DEFAULT '';
ALTER TABLE categories ADD COLUMN names TEXT NOT NULL DEFAULT '';
ALTER TABLE categories ADD COLUMN photo INTEGER NOT NULL DEFAULT 1;

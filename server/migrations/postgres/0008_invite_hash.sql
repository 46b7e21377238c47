-- Invites are compared as hashes, like the other tokens; the owner's page
-- shows the invite from a copy sealed with the owner token (which is stored
-- only as a hash), so the database alone lets nobody join. The plain
-- `invite_token` column is emptied at start-up once its hash is stored.
ALTER TABLE decisions ADD COLUMN invite_hash TEXT;
ALTER TABLE decisions ADD COLUMN invite_sealed TEXT;
-- A secret per decision that orders anonymous members: nothing a viewer sees
-- (member ids included) tells the order.
ALTER TABLE decisions ADD COLUMN anon_salt TEXT NOT NULL DEFAULT '';
UPDATE decisions SET anon_salt = md5(random()::text || clock_timestamp()::text || id);

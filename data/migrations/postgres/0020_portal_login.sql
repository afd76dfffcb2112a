-- PostgreSQL twin of ../0019_portal_login.sql, and what the server holds
-- against the nominations portal's own login (accred_portal), whatever
-- its program does.

-- The portal acts for the focal point of an invitation: the trail names the
-- invitation its program gives ("portal invitation 7"), and nothing else.
CREATE OR REPLACE FUNCTION accred_actor() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER AS $$
	SELECT COALESCE(accred_signed_in(),
		CASE WHEN accred_trusted() THEN NULLIF(current_setting('accred.operator', TRUE), '') END,
		CASE WHEN session_user = 'accred_portal' AND current_setting('accred.operator', TRUE) ~ '^portal invitation [0-9]+$'
			THEN current_setting('accred.operator', TRUE) END,
		session_user::text)
$$;

-- The portal registers people, corrects those still registered and
-- withdraws them; it approves, prints and clears nobody.
CREATE FUNCTION portal_limits() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
	IF session_user <> 'accred_portal' THEN
		RETURN NEW;
	END IF;
	IF TG_OP = 'INSERT' AND NEW.status <> 'registered' THEN
		RAISE EXCEPTION 'the portal registers people only';
	END IF;
	IF TG_OP = 'UPDATE' AND (NEW.status <> OLD.status AND NEW.status <> 'withdrawn'
		OR NEW.badge_issue <> OLD.badge_issue OR NEW.clearance IS DISTINCT FROM OLD.clearance) THEN
		RAISE EXCEPTION 'the portal neither approves, prints nor clears anyone';
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER portal_limits BEFORE INSERT OR UPDATE ON participants
	FOR EACH ROW EXECUTE FUNCTION portal_limits();

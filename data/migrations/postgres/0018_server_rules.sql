-- PostgreSQL twin of ../0018_server_rules.sql, and the rules a venue's
-- server enforces whatever its clients run: the desks' and doors' logins
-- (see InitServer) write what matters through the functions and triggers
-- below, which run as the schema's owner with their search_path pinned.

-- Who signed in with a PIN, by the hash of the token handed to them: the
-- connection that shows the token acts as that operator.
CREATE TABLE sign_ins (
	token    TEXT PRIMARY KEY,
	operator TEXT NOT NULL,
	at       TEXT NOT NULL
);

-- A secret of this server: the salt it shows for a name nobody has is made
-- from it, so that no one can tell such a name from an operator's.
CREATE TABLE server_secret (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	value TEXT NOT NULL
);
INSERT INTO server_secret (id, value) VALUES (1, gen_random_uuid()::text || gen_random_uuid()::text);

-- The server's time, written as the store writes times.
CREATE FUNCTION accred_now() RETURNS text LANGUAGE sql VOLATILE AS $$
	SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '000Z'
$$;

-- accred_trusted: the login is the schema's owner (or a superuser), who may
-- change anything anyway; its program's clock and operator are believed.
CREATE FUNCTION accred_trusted() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $$
	SELECT COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), FALSE)
		OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'audit'::regclass), 'MEMBER')
$$;

-- The operator signed in on this connection's transaction, or NULL.
CREATE FUNCTION accred_signed_in() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER AS $$
	SELECT operator FROM sign_ins
	WHERE token = encode(sha256(convert_to(COALESCE(current_setting('accred.token', TRUE), ''), 'UTF8')), 'hex')
$$;

-- Who acts: the signed-in operator; else, for the owner's login, the
-- operator its program names; else the login itself.
CREATE FUNCTION accred_actor() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER AS $$
	SELECT COALESCE(accred_signed_in(),
		CASE WHEN accred_trusted() THEN NULLIF(current_setting('accred.operator', TRUE), '') END,
		session_user::text)
$$;

-- accred_is_admin: the one who acts may manage operators.
CREATE FUNCTION accred_is_admin() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $$
	SELECT accred_trusted() OR COALESCE((SELECT 'admin' = ANY (string_to_array(roles, ','))
		FROM operators WHERE name = accred_signed_in() AND NOT disabled), FALSE)
$$;

-- Every audit line is stamped by the server: its time and the one who acts
-- on the connection, whatever the client wrote.
CREATE FUNCTION audit_stamp() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
	IF NOT accred_trusted() THEN
		NEW.at := accred_now();
		NEW.operator := accred_actor();
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER audit_stamp BEFORE INSERT ON audit
	FOR EACH ROW EXECUTE FUNCTION audit_stamp();

-- A door records scans; the server counts who is inside and the seats,
-- under the session's lock, and writes the scan's audit line. A scan made
-- here (unsigned) that admits someone already inside, lets out someone not
-- inside, or takes a seat of a full room is refused. Scans merged from a
-- station file (signed) are counted again by accred_recount.
CREATE FUNCTION checkin_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
	s sessions%ROWTYPE;
	was_inside boolean;
BEGIN
	SELECT * INTO s FROM sessions WHERE id = NEW.session_id FOR UPDATE;
	IF NEW.seq IS NULL AND NOT accred_trusted() THEN
		NEW.operator := accred_actor();
	END IF;
	IF NEW.seq IS NULL AND NEW.verdict = 'accepted' THEN
		IF NEW.participant_id IS NULL THEN
			RAISE EXCEPTION 'accred: an admission names nobody' USING ERRCODE = 'check_violation';
		END IF;
		SELECT inside INTO was_inside FROM presence WHERE session_id = NEW.session_id AND participant_id = NEW.participant_id;
		was_inside := COALESCE(was_inside, FALSE);
		IF NEW.direction = 'in' AND was_inside THEN
			RAISE EXCEPTION 'accred: already inside' USING ERRCODE = 'check_violation';
		ELSIF NEW.direction = 'out' AND NOT was_inside THEN
			RAISE EXCEPTION 'accred: not inside' USING ERRCODE = 'check_violation';
		ELSIF NEW.direction = 'in' AND s.capacity > 0 AND s.present >= s.capacity THEN
			RAISE EXCEPTION 'accred: the room is full' USING ERRCODE = 'check_violation';
		END IF;
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER checkin_check BEFORE INSERT ON checkins
	FOR EACH ROW EXECUTE FUNCTION checkin_check();

CREATE FUNCTION checkin_count() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
	IF NEW.seq IS NULL AND NEW.verdict = 'accepted' THEN
		INSERT INTO presence (session_id, participant_id, inside, first_in, last_change)
			VALUES (NEW.session_id, NEW.participant_id, NEW.direction = 'in', NEW.at, NEW.at)
			ON CONFLICT (session_id, participant_id) DO UPDATE SET inside = excluded.inside, last_change = excluded.last_change;
		UPDATE sessions SET present = present + CASE WHEN NEW.direction = 'in' THEN 1 ELSE -1 END WHERE id = NEW.session_id;
	END IF;
	INSERT INTO audit (at, operator, station, participant_id, action, field, old, new)
	VALUES (NEW.at, COALESCE(NULLIF(NEW.operator, ''), accred_actor()),
		COALESCE(NULLIF(NEW.station, ''), current_setting('accred.station', TRUE), ''), NEW.participant_id, 'checkin', (SELECT code FROM sessions WHERE id = NEW.session_id), '',
		NEW.verdict || ' ' || NEW.direction || CASE WHEN NEW.manual THEN ' (found by name)' ELSE '' END
			|| CASE WHEN NEW.reason <> '' THEN ': ' || NEW.reason ELSE '' END);
	RETURN NULL;
END;
$$;
CREATE TRIGGER checkin_count AFTER INSERT ON checkins
	FOR EACH ROW EXECUTE FUNCTION checkin_count();

-- accred_lock_session locks a session's row until the transaction ends, for
-- a door that decides a scan with its count.
CREATE FUNCTION accred_lock_session(session bigint) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
	PERFORM 1 FROM sessions WHERE id = session FOR UPDATE;
END;
$$;

-- accred_recount counts who is inside again, from every accepted scan, in
-- the sessions a station file was issued for, after its scans are merged.
CREATE FUNCTION accred_recount(file text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
	PERFORM 1 FROM sessions WHERE id IN (SELECT session_id FROM station_file_sessions WHERE file_id = file) ORDER BY id FOR UPDATE;
	DELETE FROM presence WHERE session_id IN (SELECT session_id FROM station_file_sessions WHERE file_id = file);
	INSERT INTO presence (session_id, participant_id, inside, first_in, last_change)
		SELECT c.session_id, c.participant_id,
			(SELECT l.direction = 'in' FROM checkins l WHERE l.session_id = c.session_id AND l.participant_id = c.participant_id
				AND l.verdict = 'accepted' ORDER BY l.at DESC, l.id DESC LIMIT 1),
			MIN(c.at), MAX(c.at)
		FROM checkins c
		WHERE c.verdict = 'accepted' AND c.participant_id IS NOT NULL
			AND c.session_id IN (SELECT session_id FROM station_file_sessions WHERE file_id = file)
		GROUP BY c.session_id, c.participant_id;
	UPDATE sessions SET present = (SELECT COUNT(*) FROM presence p WHERE p.session_id = sessions.id AND p.inside)
		WHERE id IN (SELECT session_id FROM station_file_sessions WHERE file_id = file);
END;
$$;

-- accred_door_note writes a door's own audit lines: a station file issued,
-- or merged. A door may write no other.
CREATE FUNCTION accred_door_note(action text, field text, old text, new text, participant bigint, station text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
	IF action NOT IN ('station', 'merge') THEN
		RAISE EXCEPTION 'accred: a door does not write % lines', action USING ERRCODE = 'insufficient_privilege';
	END IF;
	INSERT INTO audit (at, operator, station, participant_id, action, field, old, new)
		VALUES (accred_now(), accred_actor(), station, participant, action, field, old, new);
END;
$$;

-- accred_pin_params is how the PIN of the operator with the folded name is
-- hashed (the hash without its last part), or, for a name nobody has,
-- unknown (the parameters a new PIN gets) with a salt that is always the
-- same for that name: the two cannot be told apart.
CREATE FUNCTION accred_pin_params(folded_name text, unknown text) RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
DECLARE
	h text;
BEGIN
	SELECT pin_hash INTO h FROM operators WHERE folded = folded_name;
	IF h IS NULL OR split_part(h, '$', 6) = '' THEN
		RETURN unknown || rtrim(encode(substr(sha256(convert_to((SELECT value FROM server_secret) || folded_name, 'UTF8')), 1, 16), 'base64'), '=');
	END IF;
	RETURN array_to_string((string_to_array(h, '$'))[1:5], '$');
END;
$$;

-- accred_sign_in signs in the operator with the folded name if pin_key is
-- the last part of their PIN's hash, under their row's lock: a wrong key is
-- counted, and after 5 of them in a row the operator waits 30 seconds, by
-- the server's clock (data.WrongPINs and data.PINWait: the store's tests
-- check that the two agree).
-- An unknown name, a wrong key, a disabled operator and a waiting one with
-- a wrong key all get 'wrong'; only the right key hears 'wait'. 'ok' comes
-- with the operator and the token that makes a connection act as them.
CREATE FUNCTION accred_sign_in(folded_name text, pin_key text)
RETURNS TABLE (outcome text, seconds integer, op_name text, op_roles text, op_participant bigint, token text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $$
DECLARE
	o operators%ROWTYPE;
	right_key boolean;
	t text;
BEGIN
	SELECT * INTO o FROM operators WHERE folded = folded_name FOR UPDATE;
	IF NOT FOUND THEN
		-- as long as a name's try, which writes its row
		UPDATE server_secret SET value = value WHERE id = 1;
		RETURN QUERY SELECT 'wrong'::text, 0, ''::text, ''::text, 0::bigint, ''::text;
		RETURN;
	END IF;
	right_key := pin_key <> '' AND split_part(o.pin_hash, '$', 6) = pin_key;
	IF o.locked_until <> '' AND o.locked_until::timestamptz > clock_timestamp() THEN
		IF right_key AND NOT o.disabled THEN
			RETURN QUERY SELECT 'wait'::text, ceil(extract(epoch FROM o.locked_until::timestamptz - clock_timestamp()))::integer,
				''::text, ''::text, 0::bigint, ''::text;
		ELSE
			RETURN QUERY SELECT 'wrong'::text, 0, ''::text, ''::text, 0::bigint, ''::text;
		END IF;
		RETURN;
	END IF;
	IF NOT right_key OR o.disabled THEN
		UPDATE operators SET
			failed = CASE WHEN o.failed + 1 >= 5 THEN 0 ELSE o.failed + 1 END,
			locked_until = CASE WHEN o.failed + 1 >= 5
				THEN to_char((clock_timestamp() + interval '30 seconds') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '000Z'
				ELSE locked_until END
			WHERE name = o.name;
		RETURN QUERY SELECT 'wrong'::text, 0, ''::text, ''::text, 0::bigint, ''::text;
		RETURN;
	END IF;
	UPDATE operators SET failed = 0, locked_until = '' WHERE name = o.name;
	t := encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex');
	INSERT INTO sign_ins (token, operator, at) VALUES (encode(sha256(convert_to(t, 'UTF8')), 'hex'), o.name, accred_now());
	RETURN QUERY SELECT 'ok'::text, 0, o.name, o.roles, COALESCE(o.participant_id, 0), t;
END;
$$;

-- Operators change only through these, which check that the one who acts
-- may, and write the audit line. The first operator may be added by anyone:
-- that is how an event gets its admin.
CREATE FUNCTION accred_add_operator(new_name text, folded_name text, new_roles text, hash text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
	LOCK TABLE operators IN SHARE ROW EXCLUSIVE MODE;
	IF EXISTS (SELECT 1 FROM operators) AND NOT accred_is_admin() THEN
		RAISE EXCEPTION 'accred: adding an operator needs the admin role' USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF EXISTS (SELECT 1 FROM operators WHERE folded = folded_name) THEN
		RAISE EXCEPTION 'accred: the name is taken' USING ERRCODE = 'unique_violation';
	END IF;
	INSERT INTO operators (name, folded, roles, pin_hash, created_at, created_by)
		VALUES (new_name, folded_name, new_roles, hash, accred_now(), accred_actor());
	INSERT INTO audit (at, operator, station, action, field, new)
		VALUES (accred_now(), accred_actor(), COALESCE(current_setting('accred.station', TRUE), ''), 'operator', new_name, 'roles ' || new_roles);
END;
$$;

-- accred_change_operator changes one thing of the operator called who:
-- 'disable', 'pin' (value: the new hash, which ends a wait; themselves or an
-- admin) or 'badge' (value: a participant's id, '' for none).
CREATE FUNCTION accred_change_operator(who text, what text, value text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
	o operators%ROWTYPE;
	station text := COALESCE(current_setting('accred.station', TRUE), '');
BEGIN
	SELECT * INTO o FROM operators WHERE name = who FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'accred: no operator %', who USING ERRCODE = 'no_data_found';
	END IF;
	IF NOT accred_is_admin() AND NOT (what = 'pin' AND accred_signed_in() = o.name) THEN
		RAISE EXCEPTION 'accred: this needs the admin role' USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF what = 'disable' THEN
		IF o.disabled THEN
			RETURN;
		END IF;
		IF 'admin' = ANY (string_to_array(o.roles, ',')) AND (SELECT COUNT(*) FROM operators
				WHERE NOT disabled AND 'admin' = ANY (string_to_array(roles, ','))) <= 1 THEN
			RAISE EXCEPTION 'accred: the last admin' USING ERRCODE = 'AC001';
		END IF;
		UPDATE operators SET disabled = TRUE WHERE name = o.name;
		INSERT INTO audit (at, operator, station, action, field, old, new)
			VALUES (accred_now(), accred_actor(), station, 'operator', o.name, 'enabled', 'disabled');
	ELSIF what = 'pin' THEN
		UPDATE operators SET pin_hash = value, failed = 0, locked_until = '' WHERE name = o.name;
		INSERT INTO audit (at, operator, station, action, field, new)
			VALUES (accred_now(), accred_actor(), station, 'operator', o.name, 'new PIN');
	ELSIF what = 'badge' THEN
		IF value <> '' AND EXISTS (SELECT 1 FROM operators WHERE participant_id = value::bigint AND name <> o.name) THEN
			RAISE EXCEPTION 'accred: the badge signs in another operator' USING ERRCODE = 'AC002';
		END IF;
		UPDATE operators SET participant_id = NULLIF(value, '')::bigint WHERE name = o.name;
		INSERT INTO audit (at, operator, station, participant_id, action, field, old, new)
			VALUES (accred_now(), accred_actor(), station, NULLIF(value, '')::bigint, 'operator', o.name,
				'badge ' || COALESCE(o.participant_id, 0), 'badge ' || COALESCE(NULLIF(value, ''), '0'));
	ELSE
		RAISE EXCEPTION 'accred: no change %', what;
	END IF;
END;
$$;

-- The functions run with this schema first and pg_temp last, whatever the
-- caller's search_path, so that no one can slip their own tables or
-- functions under them.
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
		WHERE p.pronamespace = current_schema()::regnamespace AND p.prosecdef
	LOOP
		EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, %I, pg_temp', f, current_schema());
	END LOOP;
	EXECUTE 'REVOKE ALL ON FUNCTION audit_stamp(), checkin_check(), checkin_count() FROM PUBLIC';
END;
$$;

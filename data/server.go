package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"accred/data/msg"
)

// The logins of a venue's event server, besides its administrator's.
const (
	DeskRole   = "accred_desk"   // registration desks: register, edit, approve, hand badges over
	DoorRole   = "accred_door"   // doors: read the roster and sessions, record scans
	PrintRole  = "accred_print"  // printing stations: a desk's rights, and the signing key
	PortalRole = "accred_portal" // the nominations portal (accred serve): its focal points' changes only
)

// ServerLogins are the logins 'server init' makes, in the order their
// passwords are given.
var ServerLogins = []string{DeskRole, DoorRole, PrintRole, PortalRole}

// serverTables are the tables whose rights are not simply a desk's full
// ones: the event (its signing key), operators (their PINs), the scans and
// the trail (written once, never changed), and what only the server reads.
var serverTables = map[string]bool{"event": true, "operators": true, "checkins": true, "audit": true, "audit_purge": true,
	"sign_ins": true, "server_secret": true, "schema_version": true}

// operatorColumns are the operators' columns a desk or a door may read: not
// the PIN's hash, nor the count of wrong PINs.
const operatorColumns = `name, folded, roles, participant_id, disabled, created_at, created_by`

// deskGrants are what a desk may do besides writing the other tables:
// read the event without its signing key (a printing station reads it too)
// and change its settings, but not its keys; read the operators without
// their PINs (they change through the server's functions); read and add
// scans and audit lines, which the server stamps, never change or remove
// them.
func deskGrants(role string, eventColumns []string, withKey bool) []string {
	read := eventColumns
	if withKey {
		read = append(slices.Clone(read), "private_key")
	}
	var settings []string
	for _, c := range eventColumns {
		if c != "id" && c != "key_id" && c != "public_key" {
			settings = append(settings, c)
		}
	}
	return []string{
		`GRANT SELECT (` + strings.Join(read, ", ") + `), UPDATE (` + strings.Join(settings, ", ") + `) ON event TO ` + role,
		`GRANT SELECT (` + operatorColumns + `) ON operators TO ` + role,
		`GRANT SELECT, INSERT ON checkins, audit TO ` + role,
		`GRANT SELECT ON schema_version TO ` + role,
	}
}

// doorGrants are what a door may do: read what it shows and decides with,
// record scans, and write its station files. It may not read the signing
// key, document numbers, e-mail addresses or PINs, nor change anyone's
// details, presence, seats, operators or the trail: the server counts who
// is inside when a scan is recorded, and writes its audit line.
func doorGrants(eventColumns []string) []string {
	return []string{
		`GRANT SELECT (` + strings.Join(eventColumns, ", ") + `) ON event TO ` + DoorRole,
		`GRANT SELECT (id, category, title, given_name, family_name, native_name, nationality, affiliation_id, position,
		head_of_delegation, rank, status, status_at, created_by, badge_issue, sort_key, created_at, updated_at, updated_by, rev, clearance) ON participants TO ` + DoorRole,
		`GRANT SELECT ON categories, affiliations, photos, sessions, invitations, presence, checkins, zones, participant_zones, doors,
		station_files, station_file_sessions, station_file_people, station_key, schema_version TO ` + DoorRole,
		`GRANT SELECT (` + operatorColumns + `) ON operators TO ` + DoorRole,
		`GRANT INSERT ON checkins TO ` + DoorRole,
		`GRANT INSERT ON station_files, station_file_sessions, station_file_people TO ` + DoorRole,
	}
}

// functionGrants are who may call which of the server's functions: every
// station's login signs operators in and counts a door's scans (the
// portal's calls none); only a door notes its
// station files; only a desk or printing station (with an admin signed in)
// changes operators.
func functionGrants(schema string) []string {
	desks := DeskRole + `, ` + PrintRole
	return []string{
		`REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ` + quoteName(schema) + ` FROM PUBLIC`,
		`GRANT EXECUTE ON FUNCTION accred_pin_params(text, text), accred_sign_in(text, text),
			accred_lock_session(bigint), accred_recount(text) TO ` + DeskRole + `, ` + DoorRole + `, ` + PrintRole,
		`GRANT EXECUTE ON FUNCTION accred_door_note(text, text, text, text, bigint, text) TO ` + DoorRole,
		`GRANT EXECUTE ON FUNCTION accred_add_operator(text, text, text, text), accred_change_operator(text, text, text) TO ` + desks,
	}
}

// minPassword is the shortest password a desk's or door's login may have.
const minPassword = 10

// InitServer makes the PostgreSQL database at url an event server: it
// brings the schema up to date and makes (or renews) the logins of
// ServerLogins with the given passwords, in that order, and their rights.
// url must be a login that may create roles, such as the database's owner.
// It is safe to run again, after an upgrade of Accred for instance. It
// returns EINVALID for a url that is not a server's, or a missing or short
// password.
func InitServer(ctx context.Context, url string, passwords ...string) error {
	if !IsServerURL(url) {
		return NewError(EINVALID, msgNotServer, msg.Args{"Address": url})
	}
	if len(passwords) != len(ServerLogins) {
		return NewError(EINVALID, msgPasswords, msg.Args{"Least": minPassword, "Logins": strings.Join(ServerLogins, ", ")})
	}
	for _, p := range passwords {
		if utf8.RuneCountInString(p) < minPassword || !NameText.Check(p).IsZero() {
			return NewError(EINVALID, msgPasswords, msg.Args{"Least": minPassword, "Logins": strings.Join(ServerLogins, ", ")})
		}
	}
	s, err := Open(url) // the schema, up to date
	if err != nil {
		return err
	}
	defer s.Close()
	return s.transact(ctx, s.engine.lockParticipants, func(tx *sql.Tx) error {
		for i, role := range ServerLogins {
			if err := makeLogin(ctx, tx, role, passwords[i]); err != nil {
				return err
			}
		}
		var database, schema string
		if err := tx.QueryRowContext(ctx, `SELECT current_database(), current_schema()`).Scan(&database, &schema); err != nil {
			return fmt.Errorf("read database name: %w", err)
		}
		tables, err := queryStrings(ctx, tx, `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
		if err != nil {
			return err
		}
		eventColumns, err := queryStrings(ctx, tx, `SELECT column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = 'event' AND column_name <> 'private_key' ORDER BY ordinal_position`)
		if err != nil {
			return err
		}
		var writable []string
		for _, t := range tables {
			if !serverTables[t] {
				writable = append(writable, quoteName(t))
			}
		}
		logins := strings.Join(ServerLogins, ", ")
		grants := []string{
			`GRANT CONNECT ON DATABASE ` + quoteName(database) + ` TO ` + logins,
			`GRANT USAGE ON SCHEMA ` + quoteName(schema) + ` TO ` + logins,
			`REVOKE ALL ON ALL TABLES IN SCHEMA ` + quoteName(schema) + ` FROM ` + logins,
			`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ` + quoteName(schema) + ` FROM ` + logins,
			`GRANT SELECT, INSERT, UPDATE, DELETE ON ` + strings.Join(writable, ", ") + ` TO ` + DeskRole + `, ` + PrintRole,
			`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ` + quoteName(schema) + ` TO ` + DeskRole + `, ` + PrintRole,
		}
		grants = append(grants, functionGrants(schema)...)
		grants = append(grants, deskGrants(DeskRole, eventColumns, false)...)
		grants = append(grants, deskGrants(PrintRole, eventColumns, true)...)
		grants = append(grants, portalGrants(schema, eventColumns)...)
		for _, g := range append(grants, doorGrants(eventColumns)...) {
			if _, err := tx.ExecContext(ctx, g); err != nil {
				return NewError(EINVALID, msgGrants, msg.Args{"Err": err})
			}
		}
		return nil
	})
}

// queryStrings returns the one text column of query's rows.
func queryStrings(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read the schema: %w", err)
	}
	defer rows.Close()
	var list []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	return list, rows.Err()
}

// makeLogin creates role as a login with password, or renews its password.
func makeLogin(ctx context.Context, tx *sql.Tx, role, password string) error {
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)`, role).Scan(&exists); err != nil {
		return fmt.Errorf("look up role %s: %w", role, err)
	}
	verb := "CREATE"
	if exists {
		verb = "ALTER"
	}
	// Roles and passwords cannot be statement parameters: the server
	// quotes them itself.
	var statement string
	if err := tx.QueryRowContext(ctx, `SELECT format('`+verb+` ROLE %I LOGIN PASSWORD %L', ?::text, ?::text)`, role, password).Scan(&statement); err != nil {
		return fmt.Errorf("word role %s: %w", role, err)
	}
	if _, err := tx.ExecContext(ctx, statement); err != nil {
		return NewError(EINVALID, msgLogin, msg.Args{"Role": role, "Err": err})
	}
	return nil
}

// quoteName quotes an SQL name, such as a database's.
func quoteName(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

var (
	msgNotServer = msg.Define("{{.Address}} is not a server address: give a postgres:// URL.")
	msgPasswords = msg.Define("Give each login a password of at least {{.Least}} printable characters, one line each, in this order: {{.Logins}}.")
	msgGrants    = msg.Define("Cannot give the desks and doors their rights ({{.Err}}). Run this with the login of the database's owner.")
	msgLogin     = msg.Define("Cannot make the login {{.Role}} ({{.Err}}). Run this with a login that may create roles, such as the database's owner.")
)

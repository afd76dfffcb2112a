package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"accred/data/msg"
)

// The two logins of a venue's event server, besides its administrator's.
const (
	DeskRole = "accred_desk" // registration desks and printing stations
	DoorRole = "accred_door" // doors: read the roster and sessions, add scans
)

// doorGrants are what a door may do: read what it shows and decides with,
// and record scans. It may not read the signing key, document numbers or
// e-mail addresses, nor change anyone's details.
var doorGrants = []string{
	`GRANT SELECT (id, name, starts_on, ends_on, key_id, public_key, created_at, timezone, clearance_required, badge_languages) ON event TO ` + DoorRole,
	`GRANT SELECT (id, category, title, given_name, family_name, native_name, nationality, affiliation_id, position,
		head_of_delegation, rank, status, status_at, created_by, badge_issue, sort_key, created_at, updated_at, updated_by, rev, clearance) ON participants TO ` + DoorRole,
	`GRANT SELECT ON categories, affiliations, photos, sessions, invitations, presence, checkins, zones, participant_zones, doors,
		station_files, station_file_sessions, station_file_people, station_key, schema_version TO ` + DoorRole,
	`GRANT INSERT ON checkins TO ` + DoorRole,
	`GRANT INSERT, UPDATE, DELETE ON presence TO ` + DoorRole,
	`GRANT INSERT ON station_files, station_file_sessions, station_file_people TO ` + DoorRole,
	`GRANT UPDATE (present) ON sessions TO ` + DoorRole,
	`GRANT SELECT, UPDATE (failed, locked_until) ON operators TO ` + DoorRole,
	`GRANT INSERT ON audit TO ` + DoorRole,
}

// minPassword is the shortest password a desk's or door's login may have.
const minPassword = 10

// InitServer makes the PostgreSQL database at url an event server: it
// brings the schema up to date and makes (or renews) the desks' and doors'
// logins with the given passwords and their rights. url must be a login
// that may create roles, such as the database's owner. It is safe to run
// again, after an upgrade of Accred for instance. It returns EINVALID for a
// url that is not a server's or an empty password.
func InitServer(ctx context.Context, url, deskPassword, doorPassword string) error {
	if !IsServerURL(url) {
		return NewError(EINVALID, msgNotServer, msg.Args{"Address": url})
	}
	for _, p := range []string{deskPassword, doorPassword} {
		if utf8.RuneCountInString(p) < minPassword || !NameText.Check(p).IsZero() {
			return NewError(EINVALID, msgPasswords, msg.Args{"Least": minPassword})
		}
	}
	s, err := Open(url) // the schema, up to date
	if err != nil {
		return err
	}
	defer s.Close()
	return s.transact(ctx, s.engine.lockParticipants, func(tx *sql.Tx) error {
		for role, password := range map[string]string{DeskRole: deskPassword, DoorRole: doorPassword} {
			if err := makeLogin(ctx, tx, role, password); err != nil {
				return err
			}
		}
		var database, schema string
		if err := tx.QueryRowContext(ctx, `SELECT current_database(), current_schema()`).Scan(&database, &schema); err != nil {
			return fmt.Errorf("read database name: %w", err)
		}
		grants := []string{
			`GRANT CONNECT ON DATABASE ` + quoteName(database) + ` TO ` + DeskRole + `, ` + DoorRole,
			`GRANT USAGE ON SCHEMA ` + quoteName(schema) + ` TO ` + DeskRole + `, ` + DoorRole,
			`REVOKE ALL ON ALL TABLES IN SCHEMA ` + quoteName(schema) + ` FROM ` + DeskRole + `, ` + DoorRole,
			`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ` + quoteName(schema) + ` TO ` + DeskRole,
			`REVOKE INSERT, UPDATE, DELETE ON schema_version FROM ` + DeskRole,
			`REVOKE UPDATE, DELETE, TRUNCATE ON audit, audit_purge FROM ` + DeskRole,
			`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ` + quoteName(schema) + ` TO ` + DeskRole,
		}
		for _, g := range append(grants, doorGrants...) {
			if _, err := tx.ExecContext(ctx, g); err != nil {
				return NewError(EINVALID, msgGrants, msg.Args{"Err": err})
			}
		}
		return nil
	})
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
	msgPasswords = msg.Define("Give each login a password of at least {{.Least}} printable characters, one line each: the desks' first, then the doors'.")
	msgGrants    = msg.Define("Cannot give the desks and doors their rights ({{.Err}}). Run this with the login of the database's owner.")
	msgLogin     = msg.Define("Cannot make the login {{.Role}} ({{.Err}}). Run this with a login that may create roles, such as the database's owner.")
)

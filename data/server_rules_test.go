package data_test

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"accred/data"
	"accred/data/demo"
	"accred/data/pgtest"
)

// venue is an event server after 'server init', with the demo's event, and
// raw connections as each of its logins, as anyone at a desk or door laptop
// could open with psql.
type venue struct {
	url                string
	admin              *data.Store
	desk, door, print  *sql.DB
	deskURL, doorURL   string
	printURL, ownerURL string
}

func newVenue(t *testing.T) venue {
	t.Helper()
	server := pgtest.Database(t)
	if err := data.InitServer(ctx, server, "desk secret", "door secret", "print secret", "portal secret"); err != nil {
		t.Fatal(err)
	}
	admin, err := data.Open(server)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if err := demo.Create(ctx, admin, 20); err != nil {
		t.Fatal(err)
	}
	v := venue{url: server, admin: admin, ownerURL: server,
		deskURL: loginAs(t, server, data.DeskRole, "desk secret"), doorURL: loginAs(t, server, data.DoorRole, "door secret"),
		printURL: loginAs(t, server, data.PrintRole, "print secret")}
	for _, c := range []struct {
		db  **sql.DB
		url string
	}{{&v.desk, v.deskURL}, {&v.door, v.doorURL}, {&v.print, v.printURL}} {
		db, err := sql.Open("pgx", c.url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		*c.db = db
	}
	return v // with the demo's operators: Lan (admin, 111111), Tuan (door, 444444)
}

// refused checks that each statement is refused to the login for want of
// the right to run it.
func refused(t *testing.T, login string, db *sql.DB, statements ...string) {
	t.Helper()
	for _, q := range statements {
		if _, err := db.Exec(q); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("%s ran %s: %v", login, q, err)
		}
	}
}

// TestServerKeepsPINsFromDeskAndDoor: neither a door's nor a desk's login
// reads a PIN's hash or the count of wrong PINs; they sign operators in
// through the server, which alone compares.
func TestServerKeepsPINsFromDeskAndDoor(t *testing.T) {
	v := newVenue(t)
	for login, db := range map[string]*sql.DB{"door": v.door, "desk": v.desk, "print": v.print} {
		refused(t, login, db, `SELECT pin_hash FROM operators`, `SELECT * FROM operators`, `SELECT failed, locked_until FROM operators`,
			`SELECT * FROM sign_ins`, `SELECT * FROM server_secret`)
		var params string
		if err := db.QueryRow(`SELECT accred_pin_params('lan', '$argon2id$v=19$m=19456,t=2,p=1$')`).Scan(&params); err != nil ||
			strings.Count(params, "$") != 4 {
			t.Errorf("%s: the PIN's parameters: %q %v", login, params, err)
		}
	}
	door, err := data.Open(v.doorURL)
	if err != nil {
		t.Fatal(err)
	}
	defer door.Close()
	if o, err := door.SignIn(ctx, "lan", "111111"); err != nil || o.Name != "Lan" || !o.Roles.Has(data.RoleAdmin) {
		t.Fatalf("sign in through the door's login: %+v %v", o, err)
	}
	if _, err := door.SignIn(ctx, "lan", "111112"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("a wrong PIN: %v", err)
	}
}

// TestDoorLoginRecordsScansOnly: a door's login may not write the trail,
// presence, seats or operators; it records scans, and the server counts
// them, under its lock, refusing a seat the room does not have.
func TestDoorLoginRecordsScansOnly(t *testing.T) {
	v := newVenue(t)
	refused(t, "door", v.door,
		`INSERT INTO audit (at, operator, action) VALUES ('2025-10-25T10:00:00Z', 'Lan', 'purge')`,
		`UPDATE sessions SET present = 0`, `UPDATE presence SET inside = FALSE`, `DELETE FROM presence`,
		`INSERT INTO presence (session_id, participant_id, inside, first_in, last_change) VALUES (1, 1, FALSE, '', '')`,
		`UPDATE operators SET failed = 0, locked_until = '2099-01-01T00:00:00Z'`, `UPDATE operators SET locked_until = ''`,
		`UPDATE checkins SET verdict = 'rejected'`, `DELETE FROM checkins`, `SELECT accred_add_operator('X', 'x', 'admin', '')`,
		`SELECT accred_change_operator('Lan', 'disable', '')`)
	if _, err := v.door.Exec(`SELECT accred_door_note('purge', '', '', '', NULL, 'door-1')`); err == nil {
		t.Error("the door noted a purge")
	}
	// A small room: two seats, and three badges.
	plenary, err := v.admin.Session(ctx, "PLEN-1")
	if err != nil {
		t.Fatal(err)
	}
	plenary.Capacity = 2
	if _, err := v.admin.SaveSession(ctx, plenary, nil); err != nil {
		t.Fatal(err)
	}
	if err := v.admin.Approve(ctx, []int64{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	door, err := data.Open(v.doorURL)
	if err != nil {
		t.Fatal(err)
	}
	defer door.Close()
	door.StartClockAt(plenary.Starts.Add(10 * time.Minute))
	for id, want := range map[int64]data.VerdictKind{1: data.Accepted, 2: data.Accepted} {
		if v, err := door.CheckIn(ctx, data.Scan{SessionID: plenary.ID, Code: printBadge(t, v.admin, id), Station: "door-1"}); err != nil || v.Kind != want {
			t.Fatalf("badge %d: %+v %v", id, v, err)
		}
	}
	if x, _ := v.admin.Session(ctx, "PLEN-1"); x.Present != 2 {
		t.Fatalf("the server counts %d inside, want 2", x.Present)
	}
	// A door that skips the rules cannot take a third seat, nor let the same
	// person in twice.
	for _, id := range []int64{3, 1} {
		_, err := v.door.Exec(`INSERT INTO checkins (id, session_id, participant_id, station, operator, at, direction, verdict)
			VALUES ($1, $2, $3, 'door-1', 'Huy', '2025-10-25T03:10:00Z', 'in', 'accepted')`, "forged"+string(rune('0'+id)), plenary.ID, id)
		if err == nil {
			t.Errorf("a forged admission of %d was recorded", id)
		}
	}
	if x, _ := v.admin.Session(ctx, "PLEN-1"); x.Present != 2 {
		t.Fatalf("the server counts %d inside after the forged scans, want 2", x.Present)
	}
	if v, err := door.CheckIn(ctx, data.Scan{SessionID: plenary.ID, Code: printBadge(t, v.admin, 3), Station: "door-1"}); err != nil || v.Kind != data.Rejected {
		t.Fatalf("the third badge in a room of two: %+v %v", v, err)
	}
	trail, err := v.admin.AuditTrail(ctx, data.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var scans int
	for _, e := range trail {
		if e.Action == data.AuditCheckin {
			scans++
			if e.Station != "door-1" || e.Operator != data.DoorRole {
				t.Errorf("a scan's line: %+v", e)
			}
		}
	}
	if scans != 3 {
		t.Errorf("%d scans in the trail, want 3", scans)
	}
}

// TestDeskLoginCannotUndoTheRecord: a desk's login may not mark a purge,
// remove scans or operators, change operators by hand, or read the
// signing key; a printing station's login reads the key.
func TestDeskLoginCannotUndoTheRecord(t *testing.T) {
	v := newVenue(t)
	refused(t, "desk", v.desk, `INSERT INTO audit_purge (id) VALUES (1)`, `DELETE FROM audit_purge`,
		`DELETE FROM checkins`, `UPDATE checkins SET verdict = 'rejected'`, `DELETE FROM operators`, `DELETE FROM operators WHERE name = 'Lan'`,
		`UPDATE operators SET roles = 'admin'`, `INSERT INTO operators (name, folded, roles, pin_hash, created_at) VALUES ('X', 'x', 'admin', '', '')`,
		`SELECT private_key FROM event`, `UPDATE event SET private_key = ''`, `UPDATE event SET public_key = ''`,
		`UPDATE audit SET operator = 'X'`, `DELETE FROM audit`)
	refused(t, "door", v.door, `SELECT private_key FROM event`)
	var key []byte
	if err := v.print.QueryRow(`SELECT private_key FROM event`).Scan(&key); err != nil || len(key) == 0 {
		t.Fatalf("the printing station's login reads no key: %v", err)
	}
	// The purge still runs, as the administrator's.
	if _, err := v.admin.Purge(ctx, "2025-10-01"); err != nil {
		t.Fatalf("purge after the desk's tries: %v", err)
	}
	// A desk changes operators only through the server's functions, which
	// want an admin signed in and leave a line.
	desk, err := data.Open(v.deskURL)
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Close()
	claimed := data.WithActor(ctx, data.Actor{Operator: "Lan", Station: "desk-1", Roles: data.Roles{data.RoleAdmin}})
	if err := desk.DisableOperator(claimed, "Tuan"); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("a desk claiming to be an admin disabled an operator: %v", err)
	}
	if _, err := desk.SignIn(ctx, "Lan", "111111"); err != nil {
		t.Fatal(err)
	}
	if err := desk.DisableOperator(claimed, "Tuan"); err != nil {
		t.Fatalf("the admin signed in at the desk: %v", err)
	}
	if err := desk.DisableOperator(claimed, "Lan"); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("the last admin: %v", err)
	}
	trail, _ := v.admin.AuditTrail(ctx, data.AuditFilter{})
	last := trail[len(trail)-1]
	if last.Action != data.AuditOperator || last.Field != "Tuan" || last.Operator != "Lan" || last.Station != "desk-1" || last.New != "disabled" {
		t.Fatalf("the trail's last line: %+v", last)
	}
}

// TestServerStampsTheTrail: on a server, a desk's audit line bears the
// server's time and the operator signed in on the connection, whatever
// the desk's clock ($ACCRED_NOW) and whatever operator it names.
func TestServerStampsTheTrail(t *testing.T) {
	v := newVenue(t)
	desk, err := data.Open(v.deskURL)
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Close()
	desk.StartClockAt(time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC))
	named := data.WithActor(ctx, data.System("Lan", "desk-1")) // as --operator Lan does
	before := time.Now()
	if _, err := desk.CreateParticipant(named, delegate("Linh", "Pham", "VN", "STAMP1")); err != nil {
		t.Fatal(err)
	}
	if _, err := desk.SignIn(ctx, "Tuan", "444444"); err != nil {
		t.Fatal(err)
	}
	signed := data.WithActor(ctx, data.System("Tuan", "desk-2"))
	if _, err := desk.CreateParticipant(signed, delegate("Mai", "Pham", "VN", "STAMP2")); err != nil {
		t.Fatal(err)
	}
	if _, err := v.desk.Exec(`INSERT INTO audit (at, operator, station, action) VALUES ('2001-01-01T00:00:00Z', 'Lan', 'desk-9', 'purge')`); err != nil {
		t.Fatal(err)
	}
	trail, err := v.admin.AuditTrail(ctx, data.AuditFilter{Since: before})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ operator, station string }{{data.DeskRole, "desk-1"}, {"Tuan", "desk-2"}, {data.DeskRole, "desk-9"}}
	if len(trail) != len(want) {
		t.Fatalf("%d lines since the desk began, want %d: %+v", len(trail), len(want), trail)
	}
	for i, e := range trail {
		if e.Operator != want[i].operator || e.Station != want[i].station || e.At.Before(before) || e.At.After(time.Now()) {
			t.Errorf("line %d: %+v, want %s at %s now", i+1, e, want[i].operator, want[i].station)
		}
	}
}

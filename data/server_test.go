package data_test

import (
	"database/sql"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"accred/data"
	"accred/data/demo"
	"accred/data/pgtest"
)

// loginAs is the server URL with another login.
func loginAs(t *testing.T, server, role, password string) string {
	t.Helper()
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(role, password)
	return u.String()
}

// TestServerLoginsHaveLeastPrivilege: after 'server init', a door's login
// checks badges in and finds people, but cannot read the signing key,
// documents or e-mails, print badges or change anyone; a desk's login does
// a desk's work.
func TestServerLoginsHaveLeastPrivilege(t *testing.T) {
	server := pgtest.Database(t)
	if err := data.InitServer(ctx, server, "desk secret", "door secret", "print secret", "portal secret"); err != nil {
		t.Fatal(err)
	}
	if err := data.InitServer(ctx, server, "desk secret 2", "door secret 2", "print secret 2", "portal secret 2"); err != nil {
		t.Fatalf("running server init again: %v", err)
	}
	admin, err := data.Open(server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if err := demo.Create(ctx, admin, 60); err != nil {
		t.Fatal(err)
	}
	if err := admin.Approve(ctx, []int64{1, 2}); err != nil {
		t.Fatal(err)
	}
	code := printBadge(t, admin, 1)

	deskURL := loginAs(t, server, data.DeskRole, "desk secret 2")
	desk, err := data.Open(deskURL)
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Close()
	p := mustCreate(t, desk, delegate("Linh", "Pham", "VN", "DESK1"))
	if p.DocumentNumber != "DESK1" {
		t.Fatalf("the desk reads the document number as %q", p.DocumentNumber)
	}
	if _, err := desk.BadgeCode(ctx, 2, 1); data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), data.PrintRole) {
		t.Fatalf("the desk signed a badge: %v", err)
	}
	printer, err := data.Open(loginAs(t, server, data.PrintRole, "print secret 2"))
	if err != nil {
		t.Fatal(err)
	}
	defer printer.Close()
	if _, err := printer.BadgeCode(ctx, 2, 1); err != nil {
		t.Fatalf("the printing station cannot sign a badge: %v", err)
	}
	if _, err := desk.RecordNomination(ctx, data.NominationInput{Name: "VN", Reference: "NV 1", Date: "2025-09-01", File: []byte("%PDF-1.7")}); err != nil {
		t.Fatalf("the desk cannot record a nomination: %v", err)
	}
	if ids, err := desk.ApproveDelegation(ctx, p.Affiliation.ID); len(ids) == 0 || err != nil {
		t.Fatalf("the desk cannot approve a delegation: %v %v", ids, err)
	}

	doorURL := loginAs(t, server, data.DoorRole, "door secret 2")
	door, err := data.Open(doorURL)
	if err != nil {
		t.Fatal(err)
	}
	defer door.Close()
	door.StartClockAt(time.Date(2025, 10, 25, 14, 10, 0, 0, time.FixedZone("ICT", 7*3600)))
	plenary, err := door.Session(ctx, "PLEN-1")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := door.CheckIn(ctx, data.Scan{SessionID: plenary.ID, Code: code, Station: "door-1"}); err != nil || v.Kind != data.Accepted {
		t.Fatalf("the door's check-in: %+v %v", v, err)
	}
	if zone, err := door.DoorZone(ctx, "door-1"); zone != 0 || err != nil {
		t.Fatalf("the door cannot read its rule: %d %v", zone, err)
	}
	if err := door.SetDoorZone(ctx, "door-1", 0); err == nil {
		t.Fatal("a door changed the doors' rules")
	}
	found, _, err := door.FindParticipants(ctx, data.ParticipantFilter{Query: "pham linh"})
	if err != nil || len(found) != 1 {
		t.Fatalf("the door's search: %d found, %v", len(found), err)
	}
	if found[0].DocumentNumber != "" || found[0].Email != "" {
		t.Fatalf("the door read %q and %q", found[0].DocumentNumber, found[0].Email)
	}
	if found, _, _ := door.FindParticipants(ctx, data.ParticipantFilter{Query: "DESK1"}); len(found) != 0 {
		t.Fatal("the door finds people by document number")
	}
	if _, err := door.BadgeCode(ctx, 2, 1); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("the door signed a badge: %v", err)
	}
	if _, err := door.CreateParticipant(ctx, delegate("Not", "Allowed", "FR", "X1")); err == nil {
		t.Fatal("the door registered someone")
	}
	if _, err := door.SetStatus(ctx, 2, data.StatusRejected, ""); err == nil {
		t.Fatal("the door changed someone's status")
	}
	// The door writes its own station file, and merges its scans back.
	path := filepath.Join(t.TempDir(), "door.station")
	if err := door.ExportStation(ctx, path, []int64{plenary.ID}); err != nil {
		t.Fatalf("the door's station file: %v", err)
	}
	station, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	station.Now = door.Now
	if v, err := station.CheckIn(ctx, data.Scan{SessionID: plenary.ID, Code: code, Station: "door-1"}); err != nil || v.Kind != data.Already {
		t.Fatalf("a scan at the station file: %+v %v", v, err)
	}
	station.Close()
	if added, err := door.MergeStation(ctx, path); err != nil || added != 1 {
		t.Fatalf("the door merging its station file: %d %v", added, err)
	}
	raw, err := sql.Open("pgx", doorURL)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{`SELECT private_key FROM event`, `SELECT document_number FROM participants`,
		`SELECT email FROM participants`, `SELECT search_words FROM participants`, `SELECT date_of_birth FROM participants`,
		`SELECT place_of_birth FROM participants`, `UPDATE participants SET family_name = 'X'`,
		`DELETE FROM checkins`, `SELECT reference FROM nominations`} {
		if _, err := raw.Exec(q); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("the door's login ran %s: %v", q, err)
		}
	}
}

package data_test

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"accred/data"
)

// TestPortalLoginDoesOnlyThePortalsWork: the portal served with its own
// login registers, corrects and withdraws its focal points' people, the
// trail naming the invitation; and the same login, in anyone's hands with
// psql, can neither approve, print nor clear anyone, read the signing key
// or the operators, nor change a setting or the trail.
func TestPortalLoginDoesOnlyThePortalsWork(t *testing.T) {
	v := newVenue(t)
	v.admin.Now = func() time.Time { return time.Date(2025, 9, 20, 10, 0, 0, 0, time.UTC) }
	inv, _, err := v.admin.InviteToPortal(ctx, data.PortalInvitationInput{Kind: data.AffiliationDelegation, Name: "FR"})
	if err != nil {
		t.Fatal(err)
	}
	portalURL := loginAs(t, v.url, data.PortalRole, "portal secret")
	portal, err := data.Open(portalURL)
	if err != nil {
		t.Fatal(err)
	}
	defer portal.Close()
	portal.Now = v.admin.Now
	p, err := portal.SaveNominee(ctx, inv, 0, data.ParticipantInput{GivenName: "Anne", FamilyName: "Martin", Nationality: "FR", DocumentNumber: "PORTAL1"})
	if err != nil {
		t.Fatalf("the portal registers: %v", err)
	}
	if err := portal.SetNomineePhoto(ctx, inv, p.ID, testJPEG(t)); err != nil {
		t.Fatalf("the portal adds a photo: %v", err)
	}
	if err := portal.SaveLetter(ctx, inv, data.LetterInput{Reference: "NV/1", Date: "2025-09-15", File: []byte("%PDF-1.7 note")}); err != nil {
		t.Fatalf("the portal records the nomination: %v", err)
	}
	if err := portal.WithdrawNominee(ctx, inv, p.ID); err != nil {
		t.Fatalf("the portal withdraws: %v", err)
	}
	trail, err := v.admin.AuditTrail(ctx, data.AuditFilter{ParticipantID: p.ID})
	if err != nil || len(trail) < 3 {
		t.Fatalf("trail %v %v", trail, err)
	}
	for _, e := range trail {
		if e.Operator != inv.Operator() {
			t.Errorf("%s recorded as %q", e.Action, e.Operator)
		}
	}
	raw, err := sql.Open("pgx", portalURL)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	refused(t, "the portal", raw,
		`SELECT private_key FROM event`,
		`SELECT * FROM operators`,
		`SELECT * FROM checkins`,
		`UPDATE event SET name = 'x'`,
		`DELETE FROM participants`,
		`DELETE FROM audit`,
		`UPDATE audit SET operator = 'Lan'`,
		`DELETE FROM badge_prints`,
		`UPDATE sessions SET present = 0`,
	)
	for _, q := range []string{
		`UPDATE participants SET status = 'approved' WHERE id = ` + p.BadgeNumber(),
		`UPDATE participants SET badge_issue = badge_issue + 1 WHERE id = ` + p.BadgeNumber(),
		`UPDATE participants SET clearance = 'refused' WHERE id = ` + p.BadgeNumber(),
		`INSERT INTO participants (id, category, family_name, nationality, document_number, status) SELECT MAX(id) + 1, 'delegate', 'X', 'FR', 'X1', 'approved' FROM participants`,
	} {
		if _, err := raw.Exec(q); err == nil || !strings.Contains(err.Error(), "the portal ") {
			t.Errorf("the portal's login ran %s: %v", q, err)
		}
	}
	var operator string
	tx, _ := raw.Begin()
	tx.Exec(`SELECT set_config('accred.operator', 'Lan', true)`)
	tx.Exec(`INSERT INTO audit (at, operator, station, action, field, old, new) VALUES ('2000-01-01', 'Lan', 'x', 'purge', '', '', '')`)
	tx.QueryRow(`SELECT operator FROM audit ORDER BY id DESC LIMIT 1`).Scan(&operator)
	tx.Rollback()
	if operator == "Lan" {
		t.Fatal("the portal's login wrote a line of the trail as Lan")
	}
}

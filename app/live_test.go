package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"accred/data"
)

// TestDeskShowsWhatThePortalRegisteredAtOnce has a focal point register a
// delegate at the portal, a program of its own on the same database, while
// the desk lists everyone: the desk is told, lists them without a keystroke,
// and its details say they came from the portal.
func TestDeskShowsWhatThePortalRegisteredAtOnce(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	portal, err := data.Open(u.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer portal.Close()
	portal.Now = func() time.Time { return time.Date(2025, 9, 20, 10, 0, 0, 0, time.UTC) }
	inv, _, err := portal.InviteToPortal(ctx, data.PortalInvitationInput{Kind: data.AffiliationDelegation, Name: "VN"})
	if err != nil {
		t.Fatal(err)
	}
	data.ChangeInterval = 20 * time.Millisecond
	defer func() { data.ChangeInterval = time.Second }()
	watch, stop := context.WithCancel(ctx)
	defer stop()
	changes := u.store.Changes(watch)
	time.Sleep(60 * time.Millisecond)
	test.Type(d.search, "nguyen")
	if len(d.results) != 2 {
		t.Fatalf("before: %d", len(d.results))
	}
	p, err := portal.SaveNominee(ctx, inv, 0, data.ParticipantInput{GivenName: "Minh", FamilyName: "Nguyễn", Nationality: "VN", DocumentNumber: "B77"})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
	case <-time.After(2 * time.Second):
		t.Fatal("the desk was not told")
	}
	u.onChange()
	if len(d.results) != 3 || d.search.Text != "nguyen" {
		t.Fatalf("after: %d listed, search %q", len(d.results), d.search.Text)
	}
	for i, r := range d.results {
		if r.ID == p.ID {
			d.list.Select(i)
		}
	}
	if d.current == nil || d.current.ID != p.ID || d.current.Status != data.StatusRegistered {
		t.Fatalf("shown: %+v", d.current)
	}
	if !strings.Contains(labelTexts(d.right), "the focal point, at the nominations portal (invitation 1)") {
		t.Fatalf("the details do not say where they came from:\n%s", labelTexts(d.right))
	}
}

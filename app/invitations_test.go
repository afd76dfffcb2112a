package app

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// TestSettingsInvitesToThePortalAndRevokes is an admin inviting Viet
// Nam's focal point from Settings, reading the link shown once, then
// revoking it: the code no longer opens anything. Without the portal's
// address, which the link begins with, nobody is invited.
func TestSettingsInvitesToThePortalAndRevokes(t *testing.T) {
	u := newTestUI(t)
	u.store.Now = func() time.Time { return time.Date(2025, 9, 20, 10, 0, 0, 0, time.UTC) }
	if b := buttonNaming(u.settings.buildUI(), "Invitations to the nominations portal…"); b == nil {
		t.Fatal("Settings offers no way to the invitations")
	}
	v := newInvitationsView(u)
	v.buildUI()
	if v.chosen.PlaceHolder != "Choose an invitation to revoke" {
		t.Fatalf("the invitations to revoke are offered as %q", v.chosen.PlaceHolder)
	}
	test.Type(v.name, "Viet Nam")
	test.Tap(v.invite)
	if list, _ := u.store.PortalInvitations(u.actor()); len(list) != 0 || v.link.Visible() || !strings.Contains(v.status.Text, "Type the portal's address first") {
		t.Fatalf("invited without the portal's address: %d invitations, link %q, status %q", len(list), v.link.Text, v.status.Text)
	}
	v.name.SetText("")
	test.Type(v.base, "https://accreditation.example.org/")
	test.Type(v.name, "Atlantis")
	test.Tap(v.invite)
	if !strings.Contains(v.status.Text, "Unknown country") || v.link.Visible() {
		t.Fatalf("an unknown country: %q", v.status.Text)
	}
	v.name.SetText("")
	test.Type(v.name, "Viet Nam")
	test.Tap(v.invite)
	code := regexp.MustCompile(`^https://accreditation\.example\.org/i/([a-z2-7]{32})$`).FindStringSubmatch(v.link.Text)
	if code == nil || !v.link.Visible() || !strings.Contains(v.status.Text, "Invitation 1 for Viet Nam") {
		t.Fatalf("link %q, status %q", v.link.Text, v.status.Text)
	}
	if inv, err := u.store.PortalInvitationByCode(ctx, code[1]); err != nil || inv.Affiliation.Country != "VN" {
		t.Fatalf("the link's code opens %+v, %v", inv, err)
	}
	if v.list.Text != "Invitation 1 · Delegation · Viet Nam · last day 2025-10-25 · active" || v.list.TextStyle.Monospace {
		t.Fatalf("the list: %q", v.list.Text)
	}
	v.chosen.SetSelected(v.chosen.Options[0])
	test.Tap(v.revoke)
	if _, err := u.store.PortalInvitationByCode(ctx, code[1]); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("a revoked code: %v", err)
	}
	if !strings.Contains(v.list.Text, "revoked") || len(v.chosen.Options) != 0 {
		t.Fatalf("after revoking: %q %v", v.list.Text, v.chosen.Options)
	}
}

// TestInvitationAndOperatorStatesAgreeInFrench is an admin reading, in
// French, an active invitation (feminine: "active") and the active
// operators (masculine: "actif"): the two states no longer share a word.
func TestInvitationAndOperatorStatesAgreeInFrench(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(func() { useLanguage("en") })
	u.store.Now = func() time.Time { return time.Date(2025, 9, 20, 10, 0, 0, 0, time.UTC) }
	useLanguage("fr")
	v := newInvitationsView(u)
	v.buildUI()
	test.Type(v.base, "https://accreditation.example.org/")
	test.Type(v.name, "Viet Nam")
	test.Tap(v.invite)
	if !strings.HasSuffix(v.list.Text, " · active") {
		t.Fatalf("an active invitation in French: %q", v.list.Text)
	}
	ops := newOperatorsView(u)
	ops.buildUI()
	var states []string
	for _, o := range ops.list.Objects {
		if l, ok := o.(*widget.Label); ok && (l.Text == "actif" || l.Text == "active") {
			states = append(states, l.Text)
		}
	}
	if len(states) == 0 || slices.Contains(states, "active") {
		t.Fatalf("the active operators in French: %v", states)
	}
}

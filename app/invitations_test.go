package app

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"accred/data"
)

// TestSettingsInvitesToThePortalAndRevokes is an admin inviting Viet
// Nam's focal point from Settings, reading the link shown once, then
// revoking it: the code no longer opens anything.
func TestSettingsInvitesToThePortalAndRevokes(t *testing.T) {
	u := newTestUI(t)
	u.store.Now = func() time.Time { return time.Date(2025, 9, 20, 10, 0, 0, 0, time.UTC) }
	if b := buttonNaming(u.settings.buildUI(), "Invitations to the nominations portal…"); b == nil {
		t.Fatal("Settings offers no way to the invitations")
	}
	v := newInvitationsView(u)
	v.buildUI()
	test.Type(v.name, "Atlantis")
	test.Tap(v.invite)
	if !strings.Contains(v.status.Text, "Unknown country") || v.link.Visible() {
		t.Fatalf("an unknown country: %q", v.status.Text)
	}
	v.name.SetText("")
	test.Type(v.name, "Viet Nam")
	test.Type(v.base, "https://accreditation.example.org/")
	test.Tap(v.invite)
	code := regexp.MustCompile(`^https://accreditation\.example\.org/i/([a-z2-7]{32})$`).FindStringSubmatch(v.link.Text)
	if code == nil || !v.link.Visible() || !strings.Contains(v.status.Text, "Invitation 1 for Viet Nam") {
		t.Fatalf("link %q, status %q", v.link.Text, v.status.Text)
	}
	if inv, err := u.store.PortalInvitationByCode(ctx, code[1]); err != nil || inv.Affiliation.Country != "VN" {
		t.Fatalf("the link's code opens %+v, %v", inv, err)
	}
	if !strings.Contains(v.list.Text, "Viet Nam") || !strings.Contains(v.list.Text, "2025-10-25") || !strings.Contains(v.list.Text, "active") {
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

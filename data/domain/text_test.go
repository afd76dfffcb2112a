package domain_test

import (
	"strings"
	"testing"

	"accred/data/domain"
)

func TestTextKinds(t *testing.T) {
	cases := []struct {
		name string
		kind domain.TextKind
		in   string
		want string // the tidied text, when it is accepted
		bad  string // a word of the reason, when it is refused
	}{
		{"plain", domain.NameText, "Room B", "Room B", ""},
		{"trimmed and spaces folded", domain.NameText, "  Văn\t An \n", "Văn An", ""},
		{"direction marks are spaces", domain.NameText, "a\u202eb", "a b", ""},
		{"line breaks kept where allowed", domain.FreeText, " lost\r\n\r\n  at the  door ", "lost\n\nat the door", ""},
		{"escape", domain.NameText, "A\x1b[2JB", "", "control"},
		{"bell", domain.TitleText, "Opening\a", "", "control"},
		{"C1 control", domain.NameText, "A\u009bB", "", "control"},
		{"delete", domain.NameText, "A\x7f", "", "control"},
		{"escape where lines are allowed", domain.FreeText, "a\n\x1b", "", "control"},
		{"invalid UTF-8", domain.NameText, "Nguy\xe1n", "", "UTF-8"},
		{"200 letters in a name", domain.NameText, strings.Repeat("Ж", 200), strings.Repeat("Ж", 200), ""},
		{"201 letters in a name", domain.NameText, strings.Repeat("Ж", 201), "", "200"},
		{"300 letters in a title", domain.TitleText, strings.Repeat("a", 300), strings.Repeat("a", 300), ""},
		{"301 letters in a title", domain.TitleText, strings.Repeat("a", 301), "", "300"},
		{"2,001 letters of free text", domain.FreeText, strings.Repeat("é", 2001), "", "2,000"},
	}
	for _, c := range cases {
		got, err := c.kind.Clean(c.in)
		switch {
		case c.bad == "" && (err != nil || got != c.want):
			t.Errorf("%s: %q, %v; want %q", c.name, got, err, c.want)
		case c.bad != "" && (domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), c.bad)):
			t.Errorf("%s: %q, %v; want a refusal about %s", c.name, got, err, c.bad)
		}
	}
}

func TestKnownZones(t *testing.T) {
	for zone, want := range map[string]bool{"Asia/Ho_Chi_Minh": true, "UTC": true, "Europe/Vienna": true,
		"Mars/Olympus": false, "": false, "Local": false, "../../etc/passwd": false, "Asia/\x1bHo": false} {
		if got := domain.KnownZone(zone); got != want {
			t.Errorf("KnownZone(%q) = %v", zone, got)
		}
	}
	for _, zone := range domain.Timezones {
		if !domain.KnownZone(zone) {
			t.Errorf("%s is offered but unknown", zone)
		}
	}
	t.Setenv("TZ", "Asia/Ho_Chi_Minh")
	if got := domain.LocalZone(); got != "Asia/Ho_Chi_Minh" {
		t.Errorf("LocalZone with TZ set: %q", got)
	}
	t.Setenv("TZ", ":Europe/Paris")
	if got := domain.LocalZone(); got != "Europe/Paris" {
		t.Errorf("LocalZone with TZ=:Europe/Paris: %q", got)
	}
	t.Setenv("TZ", "Mars/Olympus")
	if got := domain.LocalZone(); !domain.KnownZone(got) {
		t.Errorf("LocalZone with an unknown TZ: %q", got)
	}
}

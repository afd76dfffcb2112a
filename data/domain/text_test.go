package data_test

import (
	"strings"
	"testing"

	"accred/data"
)

func TestTextKinds(t *testing.T) {
	cases := []struct {
		name string
		kind data.TextKind
		in   string
		want string // the tidied text, when it is accepted
		bad  string // a word of the reason, when it is refused
	}{
		{"plain", data.NameText, "Room B", "Room B", ""},
		{"trimmed and spaces folded", data.NameText, "  Văn\t An \n", "Văn An", ""},
		{"direction marks are spaces", data.NameText, "a\u202eb", "a b", ""},
		{"line breaks kept where allowed", data.FreeText, " lost\r\n\r\n  at the  door ", "lost\n\nat the door", ""},
		{"escape", data.NameText, "A\x1b[2JB", "", "control"},
		{"bell", data.TitleText, "Opening\a", "", "control"},
		{"C1 control", data.NameText, "A\u009bB", "", "control"},
		{"delete", data.NameText, "A\x7f", "", "control"},
		{"escape where lines are allowed", data.FreeText, "a\n\x1b", "", "control"},
		{"invalid UTF-8", data.NameText, "Nguy\xe1n", "", "UTF-8"},
		{"200 letters in a name", data.NameText, strings.Repeat("Ж", 200), strings.Repeat("Ж", 200), ""},
		{"201 letters in a name", data.NameText, strings.Repeat("Ж", 201), "", "200"},
		{"300 letters in a title", data.TitleText, strings.Repeat("a", 300), strings.Repeat("a", 300), ""},
		{"301 letters in a title", data.TitleText, strings.Repeat("a", 301), "", "300"},
		{"2,001 letters of free text", data.FreeText, strings.Repeat("é", 2001), "", "2,000"},
	}
	for _, c := range cases {
		got, err := c.kind.Clean(c.in)
		switch {
		case c.bad == "" && (err != nil || got != c.want):
			t.Errorf("%s: %q, %v; want %q", c.name, got, err, c.want)
		case c.bad != "" && (data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), c.bad)):
			t.Errorf("%s: %q, %v; want a refusal about %s", c.name, got, err, c.bad)
		}
	}
}

func TestKnownZones(t *testing.T) {
	for zone, want := range map[string]bool{"Asia/Ho_Chi_Minh": true, "UTC": true, "Europe/Vienna": true,
		"Mars/Olympus": false, "": false, "Local": false, "../../etc/passwd": false, "Asia/\x1bHo": false} {
		if got := data.KnownZone(zone); got != want {
			t.Errorf("KnownZone(%q) = %v", zone, got)
		}
	}
	for _, zone := range data.Timezones {
		if !data.KnownZone(zone) {
			t.Errorf("%s is offered but unknown", zone)
		}
	}
	t.Setenv("TZ", "Asia/Ho_Chi_Minh")
	if got := data.LocalZone(); got != "Asia/Ho_Chi_Minh" {
		t.Errorf("LocalZone with TZ set: %q", got)
	}
	t.Setenv("TZ", ":Europe/Paris")
	if got := data.LocalZone(); got != "Europe/Paris" {
		t.Errorf("LocalZone with TZ=:Europe/Paris: %q", got)
	}
	t.Setenv("TZ", "Mars/Olympus")
	if got := data.LocalZone(); !data.KnownZone(got) {
		t.Errorf("LocalZone with an unknown TZ: %q", got)
	}
}

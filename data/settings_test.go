package data_test

import (
	"strings"
	"testing"

	"accred/data"
)

func settingsText(t *testing.T, s *data.Store) string {
	t.Helper()
	list, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, x := range list {
		b.WriteString(x.Key + "=" + x.Value + " ")
	}
	return b.String()
}

func TestSettings(t *testing.T) {
	s := newStore(t)
	if got := settingsText(t, s); got != "name=Test Conference starts_on=2025-10-25 ends_on=2025-10-26 timezone=UTC languages= logo=none clearance_required=no nominations_required=no document_symbol= registration_closes= " {
		t.Fatalf("a new event's settings: %s", got)
	}
	for _, c := range [][2]string{{"name", "  Second   Conference "}, {"timezone", "Asia/Ho_Chi_Minh"}, {"clearance_required", "yes"}, {"nominations_required", "YES"}, {"document_symbol", " UNEP/EA.7/INF/1 "}} {
		if err := s.SetSetting(ctx, c[0], c[1]); err != nil {
			t.Fatalf("%s %q: %v", c[0], c[1], err)
		}
	}
	want := "name=Second Conference starts_on=2025-10-25 ends_on=2025-10-26 timezone=Asia/Ho_Chi_Minh languages= logo=none clearance_required=yes nominations_required=yes document_symbol=UNEP/EA.7/INF/1 registration_closes= "
	if got := settingsText(t, s); got != want {
		t.Fatalf("settings %s", got)
	}
	if ev, _ := s.Event(ctx); ev.Name != "Second Conference" || ev.Location().String() != "Asia/Ho_Chi_Minh" {
		t.Fatalf("the event is %+v", ev)
	}
	for _, c := range []struct{ key, value, says string }{
		{"colour", "red", `There is no setting "colour"; the settings are name, starts_on, ends_on, timezone, languages, logo, clearance_required, nominations_required, document_symbol, registration_closes.`},
		{"registration_closes", "next week", "registration_closes: Write the day"},
		{"document_symbol", strings.Repeat("A/", 31), "document_symbol: The text is too long (60 characters at most)."},
		{"document_symbol", "A/\x1b[2J", "document_symbol:"},
		{"clearance_required", "maybe", "clearance_required: Write yes or no."},
		{"timezone", "Mars/Olympus", "timezone: Unknown time zone"},
		{"name", "  ", "name: Give the event a name."},
		{"name", "bell\a", "name:"},
	} {
		err := s.SetSetting(ctx, c.key, c.value)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s %q: %v", c.key, c.value, err)
		}
	}
	if got := settingsText(t, s); got != want {
		t.Fatalf("refused changes changed the settings: %s", got)
	}
	if symbol, err := s.Setting(ctx, "document_symbol"); err != nil || symbol != "UNEP/EA.7/INF/1" {
		t.Fatalf("the symbol: %q %v", symbol, err)
	}
	if _, err := s.Setting(ctx, "colour"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("an unknown setting: %v", err)
	}
	if err := s.SetSetting(ctx, "document_symbol", ""); err != nil {
		t.Fatal(err)
	}
	if symbol, _ := s.Setting(ctx, "document_symbol"); symbol != "" {
		t.Fatalf("the symbol was not taken away: %q", symbol)
	}
}

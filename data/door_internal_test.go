package data

import (
	"strings"
	"testing"
	"time"

	"accred/data/credential"
)

func TestDoorRules(t *testing.T) {
	starts := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	open := Session{Starts: starts, Ends: starts.Add(2 * time.Hour), EarlyMinutes: 30}
	withExits := open
	withExits.RecordsExits = true
	delegatesOnly := open
	delegatesOnly.Categories = []string{"delegate", "vip"}
	invitationOnly := open
	invitationOnly.InvitationOnly = true
	full := open
	full.Capacity, full.Present = 100, 100
	nearlyFull := open
	nearlyFull.Capacity, nearlyFull.Present = 100, 99
	during := starts.Add(10 * time.Minute)

	cases := []struct {
		name   string
		door   door
		want   VerdictKind
		reason string
	}{
		{"valid badge, open session", door{session: open, category: "delegate", now: during}, Accepted, ""},
		{"forged", door{session: open, badgeErr: credential.ErrForged, now: during}, Rejected, "forged"},
		{"other event", door{session: open, badgeErr: credential.ErrOtherKey, now: during}, Rejected, "another event"},
		{"superseded", door{session: open, badgeErr: ErrSuperseded, now: during}, Rejected, "superseded"},
		{"not approved", door{session: open, badgeErr: ErrNotApproved, now: during}, Rejected, "not approved"},
		{"withdrawn", door{session: open, badgeErr: ErrNotAccredited, now: during}, Rejected, "not accredited"},
		{"forged even when inside", door{session: open, badgeErr: ErrSuperseded, inside: true, now: during}, Rejected, "superseded"},
		{"already inside", door{session: open, category: "delegate", inside: true, now: during}, Already, "already"},
		{"already inside a full room", door{session: full, category: "delegate", inside: true, now: during}, Already, "already"},
		{"category admitted", door{session: delegatesOnly, category: "vip", now: during}, Accepted, ""},
		{"category not admitted", door{session: delegatesOnly, category: "media", now: during}, Rejected, "category"},
		{"invited", door{session: invitationOnly, category: "media", invited: true, now: during}, Accepted, ""},
		{"not invited", door{session: invitationOnly, category: "delegate", now: during}, Rejected, "not invited"},
		{"inside the early tolerance", door{session: open, category: "un", now: starts.Add(-30 * time.Minute)}, Accepted, ""},
		{"too early", door{session: open, category: "un", now: starts.Add(-31 * time.Minute)}, Rejected, "too early: the door opens at 08:30"},
		{"last minute", door{session: open, category: "un", now: open.Ends.Add(-time.Second)}, Accepted, ""},
		{"too late", door{session: open, category: "un", now: open.Ends}, Rejected, "too late: the session ended at 11:00"},
		{"last seat", door{session: nearlyFull, category: "un", now: during}, Accepted, ""},
		{"room full", door{session: full, category: "un", now: during}, Rejected, "room full (100 of 100)"},
		{"exit", door{session: withExits, category: "un", inside: true, exit: true, now: during}, Accepted, ""},
		{"exit when not inside", door{session: withExits, category: "un", exit: true, now: during}, Rejected, "not inside"},
		{"exit where exits are not recorded", door{session: open, category: "un", inside: true, exit: true, now: during}, Rejected, "does not record exits"},
		{"re-entry after exit", door{session: withExits, category: "un", inside: false, now: during}, Accepted, ""},
		{"exit after the end", door{session: withExits, category: "un", inside: true, exit: true, now: open.Ends.Add(time.Hour)}, Accepted, ""},
	}
	for _, c := range cases {
		kind, reason := decide(c.door)
		if kind != c.want || !strings.Contains(reason, c.reason) {
			t.Errorf("%s: %s %q, want %s %q", c.name, kind, reason, c.want, c.reason)
		}
	}
}

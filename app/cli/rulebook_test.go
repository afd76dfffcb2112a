package cli

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"accred/data"
	"accred/data/pgtest"
)

// admission is a door's answer as a table of the rulebook's test says it.
type admission struct {
	verdict data.VerdictKind
	reason  data.ReasonCode
}

// TestOneRulebookEveryPathEveryState puts participants in every state a
// door meets and checks them in by every path, by badge and by search: the
// store's scan and search (the door screen's Enter and F2), the command
// line's checkin and checkin --manual, and a station file's door, merged
// back at the end. Every path gives the same verdict and reason; on
// PostgreSQL too (ACCRED_TEST_ENGINE=postgres).
func TestOneRulebookEveryPathEveryState(t *testing.T) {
	t.Setenv("ACCRED_NOW", "2025-10-25T10:00:00Z")
	db := pgtest.EventDB(t)
	if code, _, errs := run(t, db, "init", "--event", "Rulebook", "--start", "2025-10-25", "--end", "2025-10-26", "--timezone", "UTC"); code != 0 {
		t.Fatal(errs)
	}
	s := openDB(t, db)
	sys := data.WithActor(ctx, data.System("setup", "desk-1"))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SetSetting(sys, data.SettingClearanceRequired, "yes"))
	must(s.SaveZones(sys, []data.Zone{{Code: 1, Name: "VIP lounge", Categories: []string{"vip"}}}))
	at := func(h, m int) time.Time { return time.Date(2025, 10, 25, h, m, 0, 0, time.UTC) }
	session := func(code string, starts, ends time.Time, f func(*data.Session)) data.Session {
		x := data.Session{Code: code, Title: code, Kind: data.KindSeminar, Room: "Room " + code, Starts: starts, Ends: ends}
		if f != nil {
			f(&x)
		}
		return x
	}
	_, _, err := s.SaveSessions(sys, []data.Session{
		session("OPEN", at(9, 0), at(12, 0), nil),
		session("DELEG", at(9, 0), at(12, 0), func(x *data.Session) { x.Categories = []string{"delegate"} }),
		session("ZONE", at(9, 0), at(12, 0), func(x *data.Session) { x.Zone = 1 }),
		session("INVITE", at(9, 0), at(12, 0), func(x *data.Session) { x.InvitationOnly = true }),
		session("EARLY", at(11, 0), at(12, 0), nil),
		session("LATE", at(8, 0), at(9, 0), nil),
		session("FULL", at(9, 0), at(12, 0), func(x *data.Session) { x.Capacity = 1 }),
	})
	must(err)
	sessions := map[string]int64{}
	list, err := s.Sessions(sys)
	must(err)
	for _, x := range list {
		sessions[x.Code] = x.ID
	}

	n := 0
	person := func(category string) data.Participant {
		n++
		in := data.ParticipantInput{Category: category, GivenName: "Person", FamilyName: fmt.Sprintf("N%03d", n), Nationality: "FR",
			DocumentNumber: fmt.Sprintf("FR%05d", n)}
		switch category {
		case "delegate":
			in.Delegation = "FR"
		case "observer":
			in.Organization = "World Health Organization"
		}
		p, err := s.CreateParticipant(sys, in)
		must(err)
		return p
	}
	clearance := func(p data.Participant, result string) {
		_, err := s.ImportClearance(sys, []data.ClearanceAnswer{{Line: 2, DocumentNumber: p.DocumentNumber, Nationality: "FR", Result: result}})
		must(err)
	}
	print := func(p data.Participant) string {
		now, err := s.Participant(sys, p.ID)
		must(err)
		issue := data.PrintableIssue(now)
		code, err := s.BadgeCode(sys, p.ID, issue)
		must(err)
		must(s.MarkPrinted(sys, []data.Printed{{ID: p.ID, Issue: issue}}))
		return code
	}
	// printed is someone approved, cleared and printed: the code of their badge.
	printed := func(p data.Participant) string {
		must(s.Approve(sys, []int64{p.ID}))
		clearance(p, "cleared")
		return print(p)
	}
	setStatus := func(p data.Participant, status data.Status) {
		_, err := s.SetStatus(sys, p.ID, status, "")
		must(err)
	}
	code := func(p data.Participant) string { // a genuine code, never printed
		c, err := s.BadgeCode(sys, p.ID, 1)
		must(err)
		return c
	}
	checkIn := func(session string, p data.Participant) {
		v, err := s.CheckIn(sys, data.Scan{SessionID: sessions[session], ParticipantID: p.ID, Station: "setup-door"})
		if err != nil || v.Kind != data.Accepted {
			t.Fatalf("setup: %s %s %v", v.Kind, v.Reason, err)
		}
	}
	checkIn("FULL", func() data.Participant { p := person("delegate"); printed(p); return p }())

	refused := func(code data.ReasonCode) admission { return admission{data.Rejected, code} }
	in := admission{data.Accepted, ""}
	states := []struct {
		name     string
		category string
		session  string
		make     func(p data.Participant) string // puts p in the state; the code of the badge they hold
		badge    admission
		search   admission
	}{
		{"registered", "delegate", "OPEN", code, refused(data.ReasonNotIssued), refused(data.ReasonNoBadge)},
		{"approved, not printed", "delegate", "OPEN", func(p data.Participant) string {
			must(s.Approve(sys, []int64{p.ID}))
			clearance(p, "cleared")
			return code(p)
		}, refused(data.ReasonNotIssued), refused(data.ReasonNoBadge)},
		{"clearance pending", "delegate", "OPEN", func(p data.Participant) string {
			must(s.Approve(sys, []int64{p.ID}))
			return code(p)
		}, refused(data.ReasonNotIssued), refused(data.ReasonClearancePending)},
		{"clearance refused", "delegate", "OPEN", func(p data.Participant) string {
			c := printed(p)
			clearance(p, "refused")
			return c
		}, refused(data.ReasonNotAccredited), refused(data.ReasonNotAccredited)},
		{"printed", "delegate", "OPEN", printed, in, in},
		{"superseded badge", "delegate", "OPEN", func(p data.Participant) string {
			old := printed(p)
			_, err := s.Reprint(sys, p.ID, "lost")
			must(err)
			print(p)
			return old
		}, refused(data.ReasonSuperseded), in},
		{"reprinted, not printed again", "delegate", "OPEN", func(p data.Participant) string {
			printed(p)
			_, err := s.Reprint(sys, p.ID, "lost")
			must(err)
			return code(p) // issue 1: superseded
		}, refused(data.ReasonSuperseded), refused(data.ReasonNoBadge)},
		{"collected", "delegate", "OPEN", func(p data.Participant) string {
			c := printed(p)
			_, err := s.CollectBadge(sys, p.ID, data.CollectInput{Document: p.DocumentNumber})
			must(err)
			return c
		}, in, in},
		{"withdrawn", "delegate", "OPEN", func(p data.Participant) string {
			c := printed(p)
			setStatus(p, data.StatusWithdrawn)
			return c
		}, refused(data.ReasonNotAccredited), refused(data.ReasonNotAccredited)},
		{"rejected", "delegate", "OPEN", func(p data.Participant) string {
			c := printed(p)
			setStatus(p, data.StatusRejected)
			return c
		}, refused(data.ReasonNotAccredited), refused(data.ReasonNotAccredited)},
		{"wrong category", "observer", "DELEG", printed, refused(data.ReasonCategory), refused(data.ReasonCategory)},
		{"wrong zone", "delegate", "ZONE", printed, refused(data.ReasonZone), refused(data.ReasonZone)},
		{"zone of the category", "vip", "ZONE", printed, in, in},
		{"not invited", "delegate", "INVITE", printed, refused(data.ReasonNotInvited), refused(data.ReasonNotInvited)},
		{"early", "delegate", "EARLY", printed, refused(data.ReasonTooEarly), refused(data.ReasonTooEarly)},
		{"late", "delegate", "LATE", printed, refused(data.ReasonTooLate), refused(data.ReasonTooLate)},
		{"room full", "delegate", "FULL", printed, refused(data.ReasonRoomFull), refused(data.ReasonRoomFull)},
		{"already inside", "delegate", "OPEN", func(p data.Participant) string {
			c := printed(p)
			checkIn("OPEN", p)
			return c
		}, admission{data.Already, data.ReasonAlreadyInside}, admission{data.Already, data.ReasonAlreadyInside}},
	}

	// Each path meets its own people in each state, so that one path's
	// admission is not another's "already inside".
	paths := []string{"scan", "search", "command line", "command line --manual", "station file", "station file, by search"}
	type held struct {
		p    data.Participant
		code string
	}
	people := map[string][]held{}
	for _, path := range paths {
		for _, st := range states {
			p := person(st.category)
			people[path] = append(people[path], held{p, st.make(p)})
		}
	}
	station := filepath.Join(t.TempDir(), "door.station")
	var all []int64
	for _, id := range sessions {
		all = append(all, id)
	}
	must(s.ExportStation(sys, station, all))
	door, err := data.OpenAt(station)
	must(err)
	defer door.Close()
	stationCtx := data.WithActor(ctx, data.StationActor("door", "station-door"))

	// byStore checks in at a store, and returns the verdict's reason in
	// words for the command line's lines to be compared with.
	byStore := func(st *data.Store, ctx context.Context, scan data.Scan) (admission, string) {
		v, err := st.CheckIn(ctx, scan)
		must(err)
		return admission{v.Kind, v.Reason.Code}, v.Reason.String()
	}
	byCommandLine := func(session string, h held, manual bool) (data.VerdictKind, string) {
		args := []string{"--db", db, "--station", "cli-door", "checkin", "--session", session}
		stdin := h.code + "\n"
		if manual {
			args, stdin = append(args, "--manual", h.p.BadgeNumber()), ""
		}
		var out, errb bytes.Buffer
		if code := Run(ctx, args, strings.NewReader(stdin), &out, &errb); code != 0 {
			t.Fatalf("checkin: %d %s", code, errb.String())
		}
		verdict, rest, _ := strings.Cut(strings.TrimSpace(out.String()), " ")
		_, text, _ := strings.Cut(rest, " ")
		return data.VerdictKind(verdict), text
	}
	words := map[string]string{} // the reason's words by state and by badge or search, as the store's paths gave them
	stationScans := 0
	for i, st := range states {
		for _, path := range paths {
			h := people[path][i]
			want, search := st.badge, strings.Contains(path, "search") || strings.Contains(path, "manual")
			if search {
				want = st.search
			}
			key := fmt.Sprint(st.name, search)
			scan := data.Scan{SessionID: sessions[st.session], Code: h.code, Station: "door-1"}
			if search {
				scan.Code, scan.ParticipantID = "", h.p.ID
			}
			var got admission
			switch path {
			case "scan", "search":
				got, words[key] = byStore(s, sys, scan)
			case "station file", "station file, by search":
				got, _ = byStore(door, stationCtx, scan)
				stationScans++
			default:
				verdict, text := byCommandLine(st.session, h, search)
				got = admission{verdict, want.reason}
				if verdict == data.Rejected && text != words[key] {
					t.Errorf("%s, %s: %q, the store's paths said %q", st.name, path, text, words[key])
				}
			}
			if got != want {
				t.Errorf("%s, %s: %s %q, want %s %q", st.name, path, got.verdict, got.reason, want.verdict, want.reason)
			}
		}
	}
	added, err := s.MergeStation(sys, station)
	if err != nil || added != stationScans {
		t.Fatalf("merge: %d of %d scans, %v", added, stationScans, err)
	}
}

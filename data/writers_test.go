package data_test

import (
	"go/ast"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"accred/data"
	"accred/data/gosource"
)

// writingMethods finds, in the data package's source, the exported
// methods of *Store that write: those that open a write transaction
// (withTx, withDoorTx, transact, transactOn, changeOnServer) or execute a
// statement on the store's database, or call a method of theirs that does.
func writingMethods(t *testing.T) []string {
	t.Helper()
	_, files := gosource.Files(t, ".")
	calls := map[string][]string{} // method → the Store methods it calls
	writes := map[string]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Body == nil {
				continue
			}
			star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
			if !ok || star.X.(*ast.Ident).Name != "Store" {
				continue
			}
			name := fn.Name.Name
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				switch f := call.Fun.(type) {
				case *ast.SelectorExpr:
					switch f.Sel.Name {
					case "withTx", "withDoorTx", "transact", "changeOnServer":
						writes[name] = true
					case "ExecContext":
						if inner, ok := f.X.(*ast.SelectorExpr); ok && inner.Sel.Name == "db" {
							writes[name] = true
						}
					}
					calls[name] = append(calls[name], f.Sel.Name)
				case *ast.Ident:
					if f.Name == "transactOn" {
						writes[name] = true
					}
				}
				return true
			})
		}
	}
	for changed := true; changed; {
		changed = false
		for m, callees := range calls {
			for _, c := range callees {
				if writes[c] && !writes[m] {
					writes[m], changed = true, true
				}
			}
		}
	}
	var list []string
	for m := range writes {
		if ast.IsExported(m) {
			list = append(list, m)
		}
	}
	sort.Strings(list)
	return list
}

// notChanges are the writing methods that change nothing of the event a
// trail would name: a copy, a backup or a station file written elsewhere, a
// sign-in (its count of wrong PINs), and the event's making, before which
// there is no trail.
var notChanges = map[string]string{
	"Backup": "writes a copy elsewhere", "CopyTo": "writes a copy elsewhere",
	"SignIn": "counts wrong PINs", "SignInWithBadge": "counts wrong PINs",
	"CreateEvent": "makes the event the trail belongs to", "RefreshStation": "writes a door's station file, a copy of who is inside",
	"Decide": "reads the rulebook's answer, changing nothing",
}

// TestEveryChangeLeavesALine: every method of the store that writes (found
// in the source by writingMethods, so that a new one cannot be missed) is
// run by an operator at a station, and leaves at least one line in the
// audit trail, each naming that operator and station. A portal's change is
// made by no operator: it names the invitation instead (the portal's own
// tests).
func TestEveryChangeLeavesALine(t *testing.T) {
	s := newStore(t)
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return start.Add(5 * time.Minute) }
	as := data.WithActor(ctx, data.System("lan", "desk-9"))
	dir := t.TempDir()
	var ids []int64
	person := func(doc string) int64 {
		p, err := s.CreateParticipant(ctx, delegate("Ana", "Silva "+doc, "BR", doc))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
		return p.ID
	}
	printed := func(id int64) {
		if err := s.Approve(ctx, []int64{id}); err != nil {
			t.Fatal(err)
		}
		printBadge(t, s, id)
	}
	room := newSession(t, s, data.Session{Code: "SEM-1", Title: "Seminar", Kind: data.KindSeminar, Room: "A", Starts: start, Ends: start.Add(time.Hour)})
	stationPath := filepath.Join(dir, "door.station")
	changes := []struct {
		method string
		change func() error
	}{
		{"CreateParticipant", func() error { _, err := s.CreateParticipant(as, delegate("Bo", "Lima", "BR", "C1")); return err }},
		{"UpdateParticipant", func() error {
			id := person("U1")
			p, _ := s.Participant(ctx, id)
			in := p.Input()
			in.Position = "Minister"
			_, err := s.UpdateParticipant(as, id, in)
			return err
		}},
		{"ChangeIdentity", func() error {
			id := person("ID1")
			printed(id)
			p, _ := s.Participant(ctx, id)
			in := p.Input()
			in.GivenName = "Beatriz"
			_, err := s.ChangeIdentity(as, id, in)
			return err
		}},
		{"SetPhoto", func() error { return s.SetPhoto(as, person("P1"), testJPEG(t)) }},
		{"RemovePhoto", func() error { id := person("P2"); s.SetPhoto(ctx, id, testJPEG(t)); return s.RemovePhoto(as, id) }},
		{"Approve", func() error { return s.Approve(as, []int64{person("A1")}) }},
		{"ApproveAll", func() error { person("A2"); _, _, err := s.ApproveAll(as); return err }},
		{"ApproveDelegation", func() error {
			p, _ := s.Participant(ctx, person("A3"))
			_, err := s.ApproveDelegation(as, p.Affiliation.ID)
			return err
		}},
		{"SetStatus", func() error { _, err := s.SetStatus(as, person("S1"), data.StatusRejected, "twice"); return err }},
		{"SetStatuses", func() error {
			_, err := s.SetStatuses(as, []int64{person("S2")}, data.StatusRegistered, data.StatusRejected, "twice")
			return err
		}},
		{"MarkPrinted", func() error {
			id := person("M1")
			s.Approve(ctx, []int64{id})
			p, _ := s.Participant(ctx, id)
			return s.MarkPrinted(as, []data.Printed{{ID: id, Issue: data.PrintableIssue(p)}})
		}},
		{"RecordPrintJob", func() error {
			id := person("J1")
			return s.RecordPrintJob(as, []data.Printed{{ID: id, Issue: 1, File: "badges.pdf"}}, "Badge printer", 7)
		}},
		{"Reprint", func() error { id := person("R1"); printed(id); _, err := s.Reprint(as, id, "lost"); return err }},
		{"ReprintBadges", func() error { id := person("R2"); printed(id); return s.ReprintBadges(as, []int64{id}, "lost") }},
		{"CollectBadge", func() error {
			id := person("K1")
			printed(id)
			_, err := s.CollectBadge(as, id, data.CollectInput{Document: "K1"})
			return err
		}},
		{"CollectDelegation", func() error {
			id := person("K2")
			printed(id)
			_, err := s.CollectDelegation(as, "BR", data.CollectInput{Document: "K2", By: id})
			return err
		}},
		{"ImportParticipants", func() error {
			_, err := s.ImportParticipants(as, []data.ImportRow{{Line: 2, Input: delegate("Imp", "Orted", "BR", "I1")}}, false)
			return err
		}},
		{"ImportFile", func() error {
			_, err := s.ImportFile(as, data.ImportSource{Name: "people.csv", SHA256: "00"}, []data.ImportRow{{Line: 2, Input: delegate("Imp", "Orted", "BR", "I2")}}, false)
			return err
		}},
		{"ImportClearance", func() error {
			s.SetSetting(ctx, data.SettingClearanceRequired, "yes")
			person("Q1")
			_, err := s.ImportClearance(as, []data.ClearanceAnswer{{Line: 2, DocumentNumber: "Q1", Nationality: "BR", Result: "cleared"}})
			s.SetSetting(ctx, data.SettingClearanceRequired, "no")
			return err
		}},
		{"RecordNomination", func() error {
			_, err := s.RecordNomination(as, data.NominationInput{Name: "BR", Reference: "NV 1", Date: "2025-09-01"})
			return err
		}},
		{"SaveSessions", func() error {
			_, _, err := s.SaveSessions(as, []data.Session{{Code: "SEM-2", Title: "Two", Kind: data.KindSeminar, Room: "B", Starts: start, Ends: start.Add(time.Hour)}})
			return err
		}},
		{"SaveSession", func() error {
			_, err := s.SaveSession(as, data.Session{Code: "SEM-3", Title: "Three", Kind: data.KindSeminar, Room: "C", Starts: start, Ends: start.Add(time.Hour)}, nil)
			return err
		}},
		{"Invite", func() error { return s.Invite(as, room.ID, []int64{person("V1")}) }},
		{"CancelSession", func() error { return s.CancelSession(as, room.ID, true) }},
		{"DeleteSession", func() error {
			x, err := s.Session(ctx, "SEM-3")
			if err != nil {
				return err
			}
			return s.DeleteSession(as, x.ID)
		}},
		{"SaveZones", func() error {
			return s.SaveZones(as, []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate"}}})
		}},
		{"SetParticipantZones", func() error {
			p, _ := s.Participant(ctx, person("Z1"))
			_, err := s.SetParticipantZones(as, p.ID, []data.ZoneChange{{Zone: 1, Granted: true}}, p.Rev)
			return err
		}},
		{"SetDoorZone", func() error { return s.SetDoorZone(as, "door-1", 1) }},
		{"SetDays", func() error { return s.SetDays(as, start.AddDate(0, 0, -1), start.AddDate(0, 0, 2)) }},
		{"SetLanguages", func() error { return s.SetLanguages(as, "en fr") }},
		{"SetLogo", func() error { return s.SetLogo(as, logoImage(t, "png", 40, 20)) }},
		{"SetSetting", func() error { return s.SetSetting(as, data.SettingName, "Renamed Conference") }},
		{"SetTimezone", func() error { return s.SetTimezone(as, "Asia/Ho_Chi_Minh", "The event is in Hanoi") }},
		{"SaveCategory", func() error {
			cats, _ := s.Categories(ctx)
			c := cats[0]
			c.Name = "Delegates (renamed)"
			return s.SaveCategory(as, c)
		}},
		{"AddOperator", func() error { return s.AddOperator(as, "Huy", data.Roles{data.RoleDoor}, "135791") }},
		{"SetOperatorPIN", func() error { return s.SetOperatorPIN(as, "Huy", "246810") }},
		{"LinkOperatorBadge", func() error { id := person("O1"); printed(id); return s.LinkOperatorBadge(as, "Huy", id) }},
		{"DisableOperator", func() error { return s.DisableOperator(as, "Huy") }},
		{"CheckIn", func() error {
			_, err := s.CheckIn(as, data.Scan{SessionID: room.ID, Code: "not a badge", Station: "desk-9"})
			return err
		}},
		{"ExportStation", func() error { return s.ExportStation(as, stationPath, []int64{room.ID}) }},
		{"MergeStation", func() error {
			station, err := data.Open(stationPath)
			if err != nil {
				return err
			}
			station.Now = s.Now
			station.CheckIn(data.WithActor(ctx, data.StationActor("", "")), data.Scan{SessionID: room.ID, Code: "not a badge", Station: "desk-9"})
			station.Close()
			_, err = s.MergeStation(as, stationPath)
			return err
		}},
		{"Purge", func() error { _, err := s.Purge(as, "2025-10-26"); return err }},
	}
	portal := []string{"InviteToPortal", "RevokePortalInvitation", "SaveNominee", "SaveLetter", "SetNomineePhoto", "WithdrawNominee", "ImportNominees"}
	var covered []string
	for _, c := range changes {
		covered = append(covered, c.method)
	}
	for _, m := range writingMethods(t) {
		if _, ok := notChanges[m]; !ok && !slices.Contains(covered, m) && !slices.Contains(portal, m) {
			t.Errorf("%s writes, and this test does not try it: add it to the changes", m)
		}
	}
	for _, c := range changes {
		before, err := s.AuditTrail(ctx, data.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.change(); err != nil {
			t.Errorf("%s: %v", c.method, err)
			continue
		}
		after, err := s.AuditTrail(ctx, data.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var mine []data.AuditEntry
		for _, e := range after[len(before):] {
			if e.Operator == "lan" || e.Station == "desk-9" {
				mine = append(mine, e)
			}
		}
		if len(mine) == 0 {
			t.Errorf("%s left no line of lan's at desk-9: %+v", c.method, after[len(before):])
		}
		for _, e := range mine {
			if e.Operator != "lan" || e.Station != "desk-9" {
				t.Errorf("%s: a line names %q at %q", c.method, e.Operator, e.Station)
			}
		}
	}
}

package data_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"accred/data"
	"accred/data/roster"
)

// thao is the head of the Viet Nam delegation, as the demo has her.
func thao() data.ParticipantInput {
	return data.ParticipantInput{Category: "delegate", Title: "H.E.", GivenName: "Phương Thảo", FamilyName: "Bùi", Nationality: "VN",
		Delegation: "VN", Position: "Minister of Foreign Affairs", HeadOfDelegation: true, Email: "thao@mofa.gov.vn",
		DocumentNumber: "VN1007919", DateOfBirth: "1968-03-14", PlaceOfBirth: "Huế", Rank: 1}
}

// clearedHead makes an event requiring clearance, with zone 4 for heads of
// delegation, and registers thao, granted zone 4, approved and cleared.
func clearedHead(t *testing.T) (*data.Store, data.Participant) {
	t.Helper()
	s := newStore(t)
	if err := s.SetSetting(ctx, data.SettingClearanceRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary", Categories: []string{"delegate"}}, {Code: 4, Name: "Heads of delegation"}}); err != nil {
		t.Fatal(err)
	}
	p := mustCreate(t, s, thao())
	if _, err := s.SetParticipantZones(ctx, p.ID, []data.ZoneChange{{Zone: 4, Granted: true}}, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.Approve(ctx, []int64{p.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportClearance(ctx, []data.ClearanceAnswer{answer(2, "VN1007919", "VN", "cleared")}); err != nil {
		t.Fatal(err)
	}
	return s, mustParticipant(t, s, p.ID)
}

// readCSV writes a participant file and reads it as an import does.
func readCSV(t *testing.T, name string, lines ...string) ([]data.ImportRow, data.ImportSource) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	rows, err := roster.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	source, err := data.ImportSourceAt(path)
	if err != nil {
		t.Fatal(err)
	}
	return rows, source
}

const identityHeader = "category,title,given_name,family_name,nationality,delegation,position,head_of_delegation,email,document_number,zones,date_of_birth,place_of_birth,rank"

// sameDetails fails the test when p's details, status, clearance, badge
// or zones changed from was.
func sameDetails(t *testing.T, s *data.Store, was data.Participant) {
	t.Helper()
	now := mustParticipant(t, s, was.ID)
	if now.Input() != was.Input() || now.Status != was.Status || now.Clearance != was.Clearance || now.BadgeIssue != was.BadgeIssue {
		t.Fatalf("%s changed:\n was %+v\n now %+v", was.BadgeNumber(), was, now)
	}
	_, wasZones, _ := s.ParticipantZones(ctx, was)
	_, nowZones, _ := s.ParticipantZones(ctx, now)
	if data.FormatZoneChanges(wasZones) != data.FormatZoneChanges(nowZones) {
		t.Fatalf("%s's zones: %q, were %q", was.BadgeNumber(), data.FormatZoneChanges(nowZones), data.FormatZoneChanges(wasZones))
	}
}

// TestImportDoesNotQuietlySwapAnIdentity: a line with Bùi Phương Thảo's
// passport under another name is a conflict naming the line and her,
// nothing is imported (neither she nor the file's other line), and she
// stays as she was.
func TestImportDoesNotQuietlySwapAnIdentity(t *testing.T) {
	s, head := clearedHead(t)
	rows, source := readCSV(t, "viet-nam.csv", identityHeader,
		"delegate,,Thị Mai,Trần,VN,VN,,,,VN1007919,,,,",
		"delegate,,Văn Nam,Lê,VN,VN,Adviser,,,VN2000001,,,,")
	for _, dryRun := range []bool{true, false} {
		rep, err := s.ImportFile(ctx, source, rows, dryRun)
		changes := data.IdentityChanges(err)
		if data.ErrorCode(err) != data.ECONFLICT || !data.IsIdentityChange(err) || len(changes) != 1 || changes[0].Line != 2 ||
			changes[0].Field != data.FieldGivenName || rep.Created+rep.Updated != 0 {
			t.Fatalf("dry run %v: %+v %v", dryRun, rep, err)
		}
		for _, want := range []string{"line 2", head.BadgeNumber(), "H.E. BÙI Phương Thảo", "TRẦN Thị Mai", "approved", "Nothing was imported"} {
			if !strings.Contains(err.Error(), want) {
				t.Fatalf("the refusal does not say %q:\n%v", want, err)
			}
		}
	}
	sameDetails(t, s, head)
	if list, _, _ := s.FindParticipants(ctx, data.ParticipantFilter{Query: "VN2000001"}); len(list) != 0 {
		t.Fatal("the file's other line was imported")
	}
}

// TestConfirmedIdentityChangeVoidsWhatVouchedForHer: once the line is
// confirmed she becomes Trần Thị Mai, registered again, clearance pending,
// and the badge in her hands is refused at the door; the line's empty
// cells leave her position, e-mail, dates, head of delegation and zone.
func TestConfirmedIdentityChangeVoidsWhatVouchedForHer(t *testing.T) {
	s, head := clearedHead(t)
	code := printBadge(t, s, head.ID)
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return start.Add(5 * time.Minute) }
	plenary := newSession(t, s, data.Session{Code: "PLEN-1", Title: "Plenary", Kind: data.KindPlenary, Room: "Hall",
		Starts: start, Ends: start.Add(time.Hour), EarlyMinutes: 30})
	door := func() data.Verdict {
		v, err := s.CheckIn(ctx, data.Scan{SessionID: plenary.ID, Code: code, Station: "door-1"})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := door(); v.Kind != data.Accepted {
		t.Fatalf("before: %s %s", v.Kind, v.Reason)
	}
	rows, source := readCSV(t, "viet-nam.csv", identityHeader, "delegate,,Thị Mai,Trần,VN,VN,,,,VN1007919,,,,")
	rows[0].ConfirmIdentity = true
	rep, err := s.ImportFile(ctx, source, rows, false)
	if err != nil || rep.Updated != 1 || rep.Reidentified != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	p := mustParticipant(t, s, head.ID)
	want := head.Input()
	want.GivenName, want.FamilyName, want.Version = "Thị Mai", "Trần", p.Rev
	if p.Input() != want {
		t.Fatalf("empty cells did not leave her details:\n got %+v\nwant %+v", p.Input(), want)
	}
	if p.Status != data.StatusRegistered || p.Clearance != data.ClearancePending || p.BadgeIssue != head.BadgeIssue+2 {
		t.Fatalf("status %s, clearance %s, issue %d (printed %d)", p.Status, p.Clearance, p.BadgeIssue, head.BadgeIssue+1)
	}
	if _, zones, _ := s.ParticipantZones(ctx, p); data.FormatZoneChanges(zones) != "+4" {
		t.Fatalf("her zones: %q", data.FormatZoneChanges(zones))
	}
	if v := door(); v.Kind != data.Rejected || !strings.Contains(v.Reason.String(), "superseded") {
		t.Fatalf("her old badge at the door: %s %s", v.Kind, v.Reason)
	}
	history, _ := s.StatusHistory(ctx, p.ID)
	if last := history[len(history)-1]; last.Status != data.StatusRegistered || !strings.Contains(last.Note, "viet-nam.csv") {
		t.Fatalf("the status history ends with %+v", last)
	}
}

// TestEmptyCellKeepsADashClears: an empty cell leaves a registered
// participant's field as it is; a cell holding "-" clears it.
func TestEmptyCellKeepsADashClears(t *testing.T) {
	s := newStore(t)
	if err := s.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary", Categories: []string{"delegate"}}, {Code: 4, Name: "Heads of delegation"}}); err != nil {
		t.Fatal(err)
	}
	p := mustCreate(t, s, thao()) // registered: a change of name is a correction
	if _, err := s.SetParticipantZones(ctx, p.ID, []data.ZoneChange{{Zone: 4, Granted: true}}, 0); err != nil {
		t.Fatal(err)
	}
	rows, source := readCSV(t, "kept.csv", identityHeader, "delegate,,,Bùi,VN,VN,,,,VN1007919,,,,")
	if rep, err := s.ImportFile(ctx, source, rows, false); err != nil || rep.Unchanged != 1 {
		t.Fatalf("a line of empty cells: %+v %v", rep, err)
	}
	sameDetails(t, s, mustParticipant(t, s, p.ID))
	if got := mustParticipant(t, s, p.ID); got.Input() != func() data.ParticipantInput { in := p.Input(); in.Version = got.Rev; return in }() {
		t.Fatalf("empty cells changed %+v", got)
	}
	rows, source = readCSV(t, "cleared.csv", identityHeader, "delegate,-,-,Bùi,VN,VN,-,no,-,VN1007919,-,-,-,-")
	if rep, err := s.ImportFile(ctx, source, rows, false); err != nil || rep.Updated != 1 {
		t.Fatalf("a line of dashes: %+v %v", rep, err)
	}
	got := mustParticipant(t, s, p.ID)
	if got.Title != "" || got.GivenName != "" || got.Position != "" || got.HeadOfDelegation || got.Email != "" || got.DateOfBirth != "" ||
		got.PlaceOfBirth != "" || got.Rank != 0 || got.Affiliation.Country != "VN" {
		t.Fatalf("dashes did not clear: %+v", got)
	}
	if _, zones, _ := s.ParticipantZones(ctx, got); len(zones) != 0 {
		t.Fatalf("a dash in zones leaves %q", data.FormatZoneChanges(zones))
	}
}

// TestHostileIdentityImports: lines that swap two approved people's
// passports are two conflicts, each named; a duplicate line and control
// characters in a name refuse the file; a confirmation of a line that
// changes nobody refuses it too. Nothing is ever half imported.
func TestHostileIdentityImports(t *testing.T) {
	s := newStore(t)
	ana := mustCreate(t, s, delegate("Ana", "Silva", "BR", "BR-1"))
	ben := mustCreate(t, s, delegate("Ben", "Costa", "BR", "BR-2"))
	if err := s.Approve(ctx, []int64{ana.ID, ben.ID}); err != nil {
		t.Fatal(err)
	}
	ana, ben = mustParticipant(t, s, ana.ID), mustParticipant(t, s, ben.ID)
	const header = "category,given_name,family_name,nationality,delegation,document_number"
	for _, c := range []struct {
		name          string
		lines         []string
		code          string
		want          []string
		lines2confirm []int
	}{
		{"swapped passports", []string{"delegate,Ana,Silva,BR,BR,BR-2", "delegate,Ben,Costa,BR,BR,BR-1"}, data.ECONFLICT,
			[]string{"line 2", "line 3", ben.BadgeNumber(), ana.BadgeNumber(), "Ben COSTA would become Ana SILVA", "Ana SILVA would become Ben COSTA"}, nil},
		{"swapped passports, one confirmed", []string{"delegate,Ana,Silva,BR,BR,BR-2", "delegate,Ben,Costa,BR,BR,BR-1"}, data.ECONFLICT,
			[]string{"line 3", "Ana SILVA would become Ben COSTA"}, []int{2}},
		{"a duplicate line", []string{"delegate,Ana,Silva,BR,BR,BR-1", "delegate,Ana,Silva,BR,BR,BR-1"}, data.EINVALID,
			[]string{"line 3", "line 2 already"}, nil},
		{"a bell in a name", []string{"delegate,Ana\a,Silva,BR,BR,BR-1"}, data.EINVALID, []string{"line 2", "control character"}, nil},
		{"an escape in a name, another line new", []string{"delegate,Zoë,Neue,BR,BR,BR-9", "delegate,Ben,\x1b[2JCosta,BR,BR,BR-2"}, data.EINVALID,
			[]string{"line 3", "control character"}, nil},
		{"a confirmation of a line that changes nobody", []string{"delegate,Ana,Silva,BR,BR,BR-1"}, data.EINVALID,
			[]string{"line 2", "changes nobody's identity"}, []int{2}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows, source := readCSV(t, "hostile.csv", append([]string{header}, c.lines...)...)
			for i := range rows {
				for _, line := range c.lines2confirm {
					rows[i].ConfirmIdentity = rows[i].ConfirmIdentity || rows[i].Line == line
				}
			}
			_, err := s.ImportFile(ctx, source, rows, false)
			if data.ErrorCode(err) != c.code {
				t.Fatalf("%v, want %s", err, c.code)
			}
			for _, want := range c.want {
				if !strings.Contains(err.Error(), want) {
					t.Fatalf("the refusal does not say %q:\n%v", want, err)
				}
			}
			sameDetails(t, s, ana)
			sameDetails(t, s, ben)
			if list, _, _ := s.FindParticipants(ctx, data.ParticipantFilter{Query: "BR-9"}); len(list) != 0 {
				t.Fatal("a line was imported")
			}
		})
	}
}

// TestIdentityRuleIsOneForDeskImportAndPortal: the desk's save, an import,
// the portal's form and the portal's import ask the same rule, and agree
// in every state on every kind of change: someone approved, cleared (or
// refused) or printed is asked about; a correction of spelling, a detail
// given where none was known, or anyone nothing vouches for yet, is not.
func TestIdentityRuleIsOneForDeskImportAndPortal(t *testing.T) {
	s := portalStore(t)
	if err := s.SetSetting(ctx, data.SettingClearanceRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	vn, _ := mustInvite(t, s, data.AffiliationDelegation, "VN")
	states := []struct {
		name      string
		status    data.Status
		clearance string // the host country's answer, if any
		asks      bool
	}{
		{"registered", data.StatusRegistered, "", false},
		{"registered, cleared", data.StatusRegistered, "cleared", true},
		{"registered, refused", data.StatusRegistered, "refused", true},
		{"approved", data.StatusApproved, "", true},
		{"printed, cleared", data.StatusPrinted, "cleared", true},
		{"withdrawn", data.StatusWithdrawn, "", false},
	}
	changes := []struct {
		name       string
		change     func(*data.ParticipantInput)
		changesWho bool
	}{
		{"position", func(in *data.ParticipantInput) { in.Position = "Adviser" }, false},
		{"spelling", func(in *data.ParticipantInput) { in.FamilyName, in.GivenName = "BUI", "Phuong Thao" }, false},
		{"family name", func(in *data.ParticipantInput) { in.FamilyName = "Trần" }, true},
		{"native name given", func(in *data.ParticipantInput) { in.NativeName = "裴芳草" }, false},
		{"date of birth", func(in *data.ParticipantInput) { in.DateOfBirth = "1970-01-01" }, true},
	}
	paths := []struct {
		name   string
		portal bool // the portal only corrects people still registered
		save   func(p data.Participant, in data.ParticipantInput) error
	}{
		{"desk", false, func(p data.Participant, in data.ParticipantInput) error {
			_, err := s.UpdateParticipant(ctx, p.ID, in)
			return err
		}},
		{"import", false, func(p data.Participant, in data.ParticipantInput) error {
			_, err := s.ImportParticipants(ctx, []data.ImportRow{{Line: 2, Input: in}}, false)
			return err
		}},
		{"portal", true, func(p data.Participant, in data.ParticipantInput) error {
			_, err := s.SaveNominee(ctx, vn, p.ID, in)
			return err
		}},
		{"portal import", true, func(p data.Participant, in data.ParticipantInput) error {
			_, err := s.ImportNominees(ctx, vn, data.ImportSource{Name: "vn.csv"}, []data.ImportRow{{Line: 2, Input: in}})
			return err
		}},
	}
	n := 0
	for _, st := range states {
		for _, c := range changes {
			for _, path := range paths {
				if path.portal && st.status != data.StatusRegistered {
					continue
				}
				n++
				in := thao()
				in.DocumentNumber = "VN" + strings.Repeat("1", n)
				p := mustCreate(t, s, in)
				if st.clearance != "" {
					if _, err := s.ImportClearance(ctx, []data.ClearanceAnswer{answer(2, in.DocumentNumber, "VN", st.clearance)}); err != nil {
						t.Fatal(err)
					}
				}
				for _, step := range data.StatusRegistered.PathTo(st.status) {
					if _, err := s.SetStatus(ctx, p.ID, step, "test"); err != nil {
						t.Fatal(err)
					}
				}
				p = mustParticipant(t, s, p.ID)
				changed := p.Input()
				changed.Version = 0
				c.change(&changed)
				err := path.save(p, changed)
				asked := data.IsIdentityChange(err)
				if err != nil && !asked {
					t.Fatalf("%s, %s, %s: %v", st.name, c.name, path.name, err)
				}
				if want := st.asks && c.changesWho; asked != want {
					t.Errorf("%s, %s, %s: asked %v, want %v (%v)", st.name, c.name, path.name, asked, want, err)
				}
				if now := mustParticipant(t, s, p.ID); now.Status != p.Status || now.Clearance != p.Clearance || now.BadgeIssue != p.BadgeIssue {
					t.Errorf("%s, %s, %s: unconfirmed, yet %s %s issue %d", st.name, c.name, path.name, now.Status, now.Clearance, now.BadgeIssue)
				}
			}
		}
	}
}

// TestDeskConfirmsAnIdentityChange: the desk's save of another name for
// someone printed is refused until confirmed (ChangeIdentity); then they
// are registered again, their clearance pending and their badge void.
func TestDeskConfirmsAnIdentityChange(t *testing.T) {
	s, head := clearedHead(t)
	code := printBadge(t, s, head.ID)
	head = mustParticipant(t, s, head.ID)
	in := head.Input()
	in.GivenName, in.FamilyName = "Thị Mai", "Trần"
	if _, err := s.UpdateParticipant(atDesk, head.ID, in); !data.IsIdentityChange(err) || !strings.Contains(err.Error(), "confirm") {
		t.Fatalf("unconfirmed: %v", err)
	}
	sameDetails(t, s, head)
	p, err := s.ChangeIdentity(atDesk, head.ID, in)
	if err != nil || p.FamilyName != "Trần" || p.Status != data.StatusRegistered || p.Clearance != data.ClearancePending || p.BadgeIssue != head.BadgeIssue+1 {
		t.Fatalf("confirmed: %+v %v", p, err)
	}
	if _, _, err := s.VerifyBadge(ctx, code); err == nil {
		t.Fatal("the old badge is still valid")
	}
}

// TestIdentityConflictSaysWhatChanges: a date of birth changed names the
// old and the new date, the person's name staying.
func TestIdentityConflictSaysWhatChanges(t *testing.T) {
	s, head := clearedHead(t)
	rows, source := readCSV(t, "dates.csv", identityHeader, "delegate,,,Bùi,VN,VN,,,,VN1007919,,1968-03-15,,")
	_, err := s.ImportFile(ctx, source, rows, true)
	changes := data.IdentityChanges(err)
	if len(changes) != 1 || changes[0].Field != data.FieldDateOfBirth ||
		!strings.HasPrefix(changes[0].Reason.String(), head.BadgeNumber()+" H.E. BÙI Phương Thảo: 1968-03-14 would become 1968-03-15, someone other than the person who was approved") {
		t.Fatalf("%v", err)
	}
}

// TestACheckKeepsNothingForTheImport: an empty cell keeps what the person
// has when the file is imported, not what they had when it was checked: a
// desk's change in between stays.
func TestACheckKeepsNothingForTheImport(t *testing.T) {
	s := newStore(t)
	p := mustCreate(t, s, thao())
	rows, source := readCSV(t, "kept.csv", identityHeader, "delegate,,,Bùi,VN,VN,,,thao@example.org,VN1007919,,,,")
	if rep, err := s.ImportFile(ctx, source, rows, true); err != nil || rep.Updated != 1 {
		t.Fatalf("check: %+v %v", rep, err)
	}
	in := mustParticipant(t, s, p.ID).Input()
	in.Position = "Deputy Minister"
	if _, err := s.UpdateParticipant(atDesk, p.ID, in); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportFile(ctx, source, rows, false); err != nil {
		t.Fatal(err)
	}
	if got := mustParticipant(t, s, p.ID); got.Position != "Deputy Minister" || got.Email != "thao@example.org" {
		t.Fatalf("position %q, e-mail %q", got.Position, got.Email)
	}
}

// TestEmptyDelegationIsKeptOrRefused: a delegate's empty delegation cell
// keeps the delegation of someone registered, and refuses, on its line,
// someone new; then nothing is imported.
func TestEmptyDelegationIsKeptOrRefused(t *testing.T) {
	s := newStore(t)
	p := mustCreate(t, s, thao())
	rows, source := readCSV(t, "kept.csv", identityHeader, "delegate,,,Bùi,VN,,Deputy Minister,,,VN1007919,,,,")
	if rep, err := s.ImportFile(ctx, source, rows, false); err != nil || rep.Updated != 1 {
		t.Fatalf("someone registered: %+v %v", rep, err)
	}
	if got := mustParticipant(t, s, p.ID); got.Affiliation.Country != "VN" || got.Position != "Deputy Minister" || !got.HeadOfDelegation {
		t.Fatalf("after: %+v", got)
	}
	rows, source = readCSV(t, "new.csv", identityHeader, "delegate,,,Bùi,VN,,Adviser,,,VN1007919,,,,", "delegate,,Nam,Lê,VN,,,yes,,VN2000001,,,,")
	_, err := s.ImportFile(ctx, source, rows, false)
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "line 3: delegation: A delegate needs a delegation") ||
		!strings.Contains(err.Error(), "line 3: head_of_delegation") || strings.Contains(err.Error(), "line 2") {
		t.Fatalf("someone new: %v", err)
	}
	if got := mustParticipant(t, s, p.ID); got.Position != "Deputy Minister" {
		t.Fatalf("the refused file changed her position to %q", got.Position)
	}
}

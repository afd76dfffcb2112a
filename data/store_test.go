package data_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"accred/data"
	"accred/data/pgtest"
)

// ctx acts as the System, with every right, as the unrestricted command line does.
var ctx = data.WithActor(context.Background(), data.System("test", "test-station"))

// newStore opens a new event: in a file in a temporary folder, or on the
// test server when the tests run on PostgreSQL.
func newStore(t testing.TB) *data.Store {
	t.Helper()
	return openEvent(t, pgtest.EventDB(t))
}

// newFileStore opens a new event in a SQLite file, whatever the engine the
// tests run on: for what only a file does.
func newFileStore(t testing.TB) *data.Store {
	t.Helper()
	return openEvent(t, filepath.Join(t.TempDir(), "event.db"))
}

// openEvent makes a test event in the database name.
func openEvent(t testing.TB, name string) *data.Store {
	t.Helper()
	s, err := data.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	start := time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC)
	if _, err := s.CreateEvent(ctx, data.Event{Name: "Test Conference", Starts: start, Ends: start.AddDate(0, 0, 1)}, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

func delegate(given, family, nat, doc string) data.ParticipantInput {
	return data.ParticipantInput{Category: "delegate", GivenName: given, FamilyName: family, Nationality: nat, Delegation: nat, DocumentNumber: doc}
}

func mustCreate(t testing.TB, s *data.Store, in data.ParticipantInput) data.Participant {
	t.Helper()
	p, err := s.CreateParticipant(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// mustParticipant reads a participant, failing the test on an error.
func mustParticipant(t testing.TB, s *data.Store, id int64) data.Participant {
	t.Helper()
	p, err := s.Participant(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestOpenRestrictsPermissionsAndRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "event.db")
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("database mode %v, want 0600", info.Mode().Perm())
	}
	db, _ := sql.Open("sqlite3", path)
	db.Exec(`PRAGMA user_version = 999`)
	db.Close()
	_, err = data.Open(path)
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "newer version") {
		t.Fatalf("newer database: %v", err)
	}
}

func TestOpenRefusesAFileThatIsNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(path, []byte(strings.Repeat("not a database ", 100)), 0o600)
	if _, err := data.Open(path); err == nil {
		t.Fatal("a text file opened as a database")
	}
}

func TestEventAndSigningKey(t *testing.T) {
	s := newStore(t)
	e, err := s.Event(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Test Conference" || len(e.PublicKey) != 32 || e.KeyID == "" {
		t.Fatalf("event %+v", e)
	}
	if _, err := s.CreateEvent(ctx, data.Event{Name: "Again", Starts: e.Starts, Ends: e.Ends}, nil); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("second event: %v", err)
	}
	cats, _ := s.Categories(ctx)
	if len(cats) != 7 || cats[0].Code != "delegate" {
		t.Fatalf("categories %v", cats)
	}
}

func TestEventValidation(t *testing.T) {
	s, _ := data.Open(filepath.Join(t.TempDir(), "e.db"))
	defer s.Close()
	day := time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC)
	_, err := s.CreateEvent(ctx, data.Event{Name: " ", Starts: day, Ends: day.AddDate(0, 0, -1)}, nil)
	if len(data.ErrorFields(err)) != 2 {
		t.Fatalf("want two problems, got %v", err)
	}
	if _, err := s.Event(ctx); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("no event: %v", err)
	}
}

func TestCreateParticipantValidation(t *testing.T) {
	s := newStore(t)
	cases := []struct {
		name   string
		in     data.ParticipantInput
		fields []string
	}{
		{"empty", data.ParticipantInput{}, []string{"category", "family_name", "nationality", "document_number"}},
		{"unknown category", data.ParticipantInput{Category: "spy", FamilyName: "X", Nationality: "FR", DocumentNumber: "1"}, []string{"category"}},
		{"delegate without delegation", data.ParticipantInput{Category: "delegate", FamilyName: "X", Nationality: "FR", DocumentNumber: "1"}, []string{"delegation"}},
		{"observer without organisation", data.ParticipantInput{Category: "observer", FamilyName: "X", Nationality: "FR", DocumentNumber: "1"}, []string{"organization"}},
		{"media without outlet", data.ParticipantInput{Category: "media", FamilyName: "X", Nationality: "FR", DocumentNumber: "1"}, []string{"media_outlet"}},
		{"bad country", delegate("A", "B", "Atlantis", "1"), []string{"nationality", "delegation"}},
		{"bad email", func() data.ParticipantInput { in := delegate("A", "B", "FR", "1"); in.Email = "a@b"; return in }(), []string{"email"}},
		{"punctuation document", delegate("A", "B", "FR", "--//"), []string{"document_number"}},
		{"oversized", delegate("A", strings.Repeat("Ж", 201), "FR", "1"), []string{"family_name"}},
		{"invalid utf-8", delegate("A", "B\xff", "FR", "1"), []string{"family_name"}},
		{"escape in a name", delegate("A\x1b[2J", "B", "FR", "1"), []string{"given_name"}},
		{"bell in the title", func() data.ParticipantInput { in := delegate("A", "B", "FR", "1"); in.Title = "Dr.\a"; return in }(), []string{"title"}},
		{"C1 control in the position", func() data.ParticipantInput {
			in := delegate("A", "B", "FR", "1")
			in.Position = "Chief\u009b31m"
			return in
		}(), []string{"position"}},
		{"head without delegation", data.ParticipantInput{Category: "un", FamilyName: "X", Nationality: "FR", DocumentNumber: "1", HeadOfDelegation: true}, []string{"head_of_delegation"}},
	}
	for _, c := range cases {
		_, err := s.CreateParticipant(ctx, c.in)
		if data.ErrorCode(err) != data.EINVALID {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var got []string
		for _, f := range data.ErrorFields(err) {
			got = append(got, f.Field)
			if f.Reason.IsZero() || !strings.HasSuffix(f.Reason.String(), ".") {
				t.Errorf("%s: reason %q is not a sentence", c.name, f.Reason)
			}
		}
		if strings.Join(got, ",") != strings.Join(c.fields, ",") {
			t.Errorf("%s: fields %v, want %v", c.name, got, c.fields)
		}
	}
	if list, total, _ := s.FindParticipants(ctx, data.ParticipantFilter{}); total != 0 {
		t.Fatalf("refused input left %v behind", list)
	}
}

func TestCreateNormalisesAndFinds(t *testing.T) {
	s := newStore(t)
	p := mustCreate(t, s, data.ParticipantInput{Category: " Delegate ", Title: "H.E. Mr.", GivenName: "  Văn\tAn ",
		FamilyName: "Nguyễn", Nationality: "Viet Nam", Delegation: "vnm", DocumentNumber: "c1234567", HeadOfDelegation: true})
	if p.Category != "delegate" || p.Nationality != "VN" || p.Affiliation.Country != "VN" || p.Affiliation.Name != "Viet Nam" ||
		p.GivenName != "Văn An" || !p.HeadOfDelegation || p.Status != data.StatusRegistered || p.FullName() != "H.E. Mr. Nguyễn Văn An" {
		t.Fatalf("participant %+v", p)
	}
	for _, q := range []string{"nguyen", "an nguyễn", "C1234567", p.BadgeNumber(), "vAN"} {
		list, total, err := s.FindParticipants(ctx, data.ParticipantFilter{Query: q})
		if err != nil || total != 1 || list[0].ID != p.ID {
			t.Errorf("search %q: %v %d %v", q, list, total, err)
		}
	}
}

func TestDocumentConflictAndDuplicates(t *testing.T) {
	s := newStore(t)
	first := mustCreate(t, s, delegate("Anna", "Schmidt", "DE", "C01X00T47"))
	_, err := s.CreateParticipant(ctx, delegate("Other", "Person", "DE", "c01x-00t47"))
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), first.BadgeNumber()) {
		t.Fatalf("same document: %v", err)
	}
	// The same document number from another country is someone else.
	mustCreate(t, s, delegate("Other", "Person", "AT", "C01X00T47"))
	dups, err := s.Duplicates(ctx, delegate("ANNA", "Schmidt", "Germany", "X999"), 0)
	if err != nil || len(dups) != 1 || dups[0].ID != first.ID {
		t.Fatalf("same name: %v %v", dups, err)
	}
	if dups, _ := s.Duplicates(ctx, first.Input(), first.ID); len(dups) != 0 {
		t.Fatalf("a participant is their own duplicate: %v", dups)
	}
}

func TestUpdateIsSeenBySearchInAnotherProgram(t *testing.T) {
	s := newStore(t)
	other, err := data.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	p := mustCreate(t, s, delegate("Seán", "O'Sullivan", "IE", "P1"))
	if _, total, _ := other.FindParticipants(ctx, data.ParticipantFilter{Query: "osullivan"}); total != 1 {
		t.Fatal("the other program does not find the new participant")
	}
	in := p.Input()
	in.FamilyName = "de la Fontaine-Ébrard"
	if _, err := s.UpdateParticipant(ctx, p.ID, in); err != nil {
		t.Fatal(err)
	}
	if _, total, _ := other.FindParticipants(ctx, data.ParticipantFilter{Query: "osullivan"}); total != 0 {
		t.Fatal("the other program still finds the old name")
	}
	if list, _, _ := other.FindParticipants(ctx, data.ParticipantFilter{Query: "fontaine ebrard"}); len(list) != 1 || list[0].FamilyName != "de la Fontaine-Ébrard" {
		t.Fatalf("the other program does not find the new name: %v", list)
	}
	if _, err := s.UpdateParticipant(ctx, 999, in); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("update of nobody: %v", err)
	}
}

func TestStatusFlowAndHistory(t *testing.T) {
	s := newStore(t)
	p := mustCreate(t, s, delegate("Ana", "Silva", "BR", "FB1"))
	if _, err := s.SetStatus(ctx, p.ID, data.StatusCollected, ""); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("registered → collected: %v", err)
	}
	for _, st := range []data.Status{data.StatusApproved, data.StatusPrinted, data.StatusCollected} {
		if p, err := s.SetStatus(ctx, p.ID, st, "ok"); err != nil || p.Status != st {
			t.Fatalf("→ %s: %v", st, err)
		}
	}
	h, _ := s.StatusHistory(ctx, p.ID)
	if len(h) != 4 || h[0].Status != data.StatusRegistered || h[3].Status != data.StatusCollected || h[3].Operator != "test" {
		t.Fatalf("history %+v", h)
	}
	if _, err := s.SetStatus(ctx, 424242, data.StatusApproved, ""); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("unknown participant: %v", err)
	}
}

func TestApproveIsAllOrNothing(t *testing.T) {
	s := newStore(t)
	a := mustCreate(t, s, delegate("A", "One", "FR", "1"))
	b := mustCreate(t, s, delegate("B", "Two", "FR", "2"))
	s.SetStatus(ctx, b.ID, data.StatusRejected, "")
	if err := s.Approve(ctx, []int64{a.ID, b.ID}); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("approving a rejected participant: %v", err)
	}
	if p, _ := s.Participant(ctx, a.ID); p.Status != data.StatusRegistered {
		t.Fatal("half an approval stayed behind")
	}
	mustCreate(t, s, delegate("C", "Three", "FR", "3"))
	if n, w, err := s.ApproveAll(ctx); n != 2 || w != 0 || err != nil {
		t.Fatalf("approve all: %d %v", n, err)
	}
	byCat, byStatus, _ := s.Stats(ctx)
	if byCat[0].Name != "delegate" || byCat[0].Count != 3 || byStatus[1].Name != "approved" || byStatus[1].Count != 2 || byStatus[4].Count != 1 {
		t.Fatalf("stats %v %v", byCat, byStatus)
	}
}

func TestBackup(t *testing.T) {
	s := newStore(t)
	mustCreate(t, s, delegate("A", "One", "FR", "1"))
	path := filepath.Join(t.TempDir(), "copy.db")
	if s.OnServer() {
		// A server's event is backed up with the server's own tools.
		if err := s.Backup(ctx, path); data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "pg_dump") {
			t.Fatalf("backup of a server's event: %v", err)
		}
		return
	}
	if err := s.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, path); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("backup over an existing file: %v", err)
	}
	c, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, total, _ := c.FindParticipants(ctx, data.ParticipantFilter{Query: "one"}); total != 1 {
		t.Fatal("the backup lacks the participant")
	}
}

func TestFindManyParticipants(t *testing.T) {
	s := newStore(t)
	var rows []data.ImportRow
	for i := 0; i < 1200; i++ {
		rows = append(rows, data.ImportRow{Line: i + 2, Input: delegate("Ana", "Silva", "BR", "D"+strconv.Itoa(i))})
	}
	if _, err := s.ImportParticipants(ctx, rows, false); err != nil {
		t.Fatal(err)
	}
	list, total, err := s.FindParticipants(ctx, data.ParticipantFilter{Query: "silva", Limit: 5000})
	if err != nil || total != 1200 || len(list) != 1200 {
		t.Fatalf("%d of %d: %v", len(list), total, err)
	}
}

// TestTwoProgramsWriteAtOnce is the desk app and a command on one database:
// neither may fail with "database is locked".
func TestTwoProgramsWriteAtOnce(t *testing.T) {
	a := newStore(t)
	b, err := data.Open(a.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	errs := make(chan error, 2)
	write := func(s *data.Store, prefix string) {
		for i := 0; i < 150; i++ {
			p, err := s.CreateParticipant(ctx, delegate("A", prefix+strconv.Itoa(i), "FR", prefix+strconv.Itoa(i)))
			if err == nil {
				_, err = s.SetStatus(ctx, p.ID, data.StatusApproved, "")
			}
			if err == nil {
				_, _, err = s.FindParticipants(ctx, data.ParticipantFilter{Query: prefix})
			}
			if err != nil {
				errs <- err
				return
			}
		}
		errs <- nil
	}
	go write(a, "desk")
	go write(b, "cli")
	for i := 0; i < 2; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if _, total, _ := a.FindParticipants(ctx, data.ParticipantFilter{}); total != 300 {
		t.Fatalf("%d participants, want 300", total)
	}
}

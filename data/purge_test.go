package data_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"accred/data"
	"accred/data/pgtest"
)

// purgeScene is an event where Ana and Ben registered early (before
// 2025-10-01) and Chloé late, each with everything the store holds about a
// person; the store's clock then stands on 2025-10-26.
type purgeScene struct {
	s          *data.Store
	ana, ben   data.Participant
	chloe      data.Participant
	purgedText []string // what must be gone after a purge before 2025-10-01
	keptText   []string // what a purge before 2025-10-01 must keep
}

func newPurgeScene(t *testing.T, s *data.Store) purgeScene {
	t.Helper()
	now := time.Date(2025, 9, 10, 10, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	x := purgeScene{s: s}

	in := delegate("Anabela", "Quixadá-Ferraz", "BR", "BRX4471902")
	in.NativeName, in.Email, in.DateOfBirth, in.PlaceOfBirth, in.ConsentOn = "Anabela Quixadá", "anabela.qf@itamaraty.example", "1971-03-09", "Petrópolis", "2025-09-01"
	x.ana = mustCreate(t, s, in)
	if err := s.SetPhoto(ctx, x.ana.ID, testJPEG(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordNomination(ctx, data.NominationInput{Name: "BR", Reference: "NV 77/2025", Date: "2025-09-08",
		FocalPoint: "Anabela Quixadá-Ferraz", Email: "anabela.qf@itamaraty.example", File: []byte("%PDF-1.7\nNV listing Anabela Quixadá-Ferraz")}); err != nil {
		t.Fatal(err)
	}
	in = delegate("Benedikt", "Wolkenstein", "AT", "ATP8812345")
	in.Email, in.DateOfBirth = "b.wolkenstein@bmeia.example", "1980-11-30"
	x.ben = mustCreate(t, s, in)
	if _, err := s.SetStatus(ctx, x.ben.ID, data.StatusRejected, "Same person as Benedikt Wolkenstein ATP8812345, registered twice"); err != nil {
		t.Fatal(err)
	}

	now = time.Date(2025, 10, 20, 10, 0, 0, 0, time.UTC)
	in = delegate("Chloé", "Marchetti-Vance", "FR", "FRC7765001")
	in.Email, in.DateOfBirth, in.PlaceOfBirth = "chloe.mv@diplomatie.example", "1990-06-15", "Valenciennes"
	x.chloe = mustCreate(t, s, in)

	// Ana is approved, printed, loses her badge, is printed again, collects
	// it and goes to a session; so does Chloé.
	now = time.Date(2025, 10, 25, 8, 0, 0, 0, time.UTC)
	room := newSession(t, s, data.Session{Code: "PLEN-1", Title: "Plenary", Kind: data.KindSeminar, Room: "Hall",
		Starts: now.Add(time.Hour), Ends: now.Add(3 * time.Hour), EarlyMinutes: 90})
	for _, p := range []data.Participant{x.ana, x.chloe} {
		if err := s.Approve(ctx, []int64{p.ID}); err != nil {
			t.Fatal(err)
		}
		printBadge(t, s, p.ID)
	}
	if _, err := s.Reprint(ctx, x.ana.ID, "Anabela Quixadá-Ferraz lost it at the hotel"); err != nil {
		t.Fatal(err)
	}
	codes := map[int64]string{x.ana.ID: printBadge(t, s, x.ana.ID), x.chloe.ID: ""}
	codes[x.chloe.ID], _ = s.BadgeCode(ctx, x.chloe.ID, 1)
	for id, document := range map[int64]string{x.ana.ID: "BRX4471902", x.chloe.ID: "FRC7765001"} {
		if _, err := s.CollectBadge(atDesk, id, data.CollectInput{Document: document}); err != nil {
			t.Fatal(err)
		}
		if v, err := s.CheckIn(data.WithActor(ctx, data.System("door", "")), data.Scan{SessionID: room.ID, Code: codes[id], Station: "door-1"}); err != nil || v.Kind != data.Accepted {
			t.Fatalf("check-in: %+v %v", v, err)
		}
	}

	// The trail holds what they were called before, and their registration.
	db := rawDB(t, s.Path())
	for _, e := range [][]any{
		{x.ana.ID, data.AuditRegister, "", "", "Anabela Quixadá-Ferraz (BRX4471902)"},
		{x.ana.ID, data.AuditEdit, data.FieldFamilyName, "Quixadá-Ferrax", "Quixadá-Ferraz"},
		{x.ana.ID, data.AuditEdit, data.FieldEmail, "anabela@oldmail.example", "anabela.qf@itamaraty.example"},
		{x.ana.ID, data.AuditEdit, data.FieldPosition, "", "Minister"},
		{x.ben.ID, data.AuditStatus, "Same person as Benedikt Wolkenstein", "registered", "rejected"},
		{x.chloe.ID, data.AuditRegister, "", "", "Chloé Marchetti-Vance (FRC7765001)"},
	} {
		if _, err := db.Exec(fmt.Sprintf(`INSERT INTO audit (at, operator, station, participant_id, action, field, old, new)
			VALUES ('2025-10-25T08:00:00Z', 'lan', 'desk-1', %d, '%s', '%s', '%s', '%s')`, e...)); err != nil {
			t.Fatal(err)
		}
	}
	now = time.Date(2025, 10, 26, 10, 0, 0, 0, time.UTC)
	x.purgedText = []string{"Anabela", "Quixadá", "Quixadá-Ferrax", "anabela.qf@itamaraty.example", "anabela@oldmail.example",
		"BRX4471902", "1971-03-09", "Petrópolis", "Benedikt", "Wolkenstein", "b.wolkenstein@bmeia.example", "ATP8812345", "1980-11-30"}
	x.keptText = []string{"Chloé", "Marchetti-Vance", "chloe.mv@diplomatie.example", "FRC7765001", "1990-06-15", "Valenciennes", "Minister", "NV 77/2025"}
	return x
}

// everything is the text of every row of every table of the database at
// path, one table after the other.
func everything(t *testing.T, path string) string {
	t.Helper()
	db := rawDB(t, path)
	tablesQuery := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if data.IsServerURL(path) {
		tablesQuery = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	var b strings.Builder
	for _, table := range queryTexts(t, db, tablesQuery) {
		columns, rows := queryValues(t, db, `SELECT * FROM `+table)
		for _, values := range rows {
			for i, v := range values {
				fmt.Fprintf(&b, "%s.%s=%v\n", table, columns[i], v)
			}
		}
	}
	return b.String()
}

// queryValues returns the columns and rows query returns, bytes as text.
func queryValues(t *testing.T, db *sql.DB, query string) (columns []string, values [][]any) {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	columns, _ = rows.Columns()
	for rows.Next() {
		row := make([]any, len(columns))
		pointers := make([]any, len(columns))
		for i := range row {
			pointers[i] = &row[i]
		}
		if err := rows.Scan(pointers...); err != nil {
			t.Fatal(err)
		}
		for i, v := range row {
			if raw, ok := v.([]byte); ok {
				row[i] = string(raw)
			}
		}
		values = append(values, row)
	}
	return columns, values
}

func queryTexts(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var texts []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, s)
	}
	return texts
}

// totals are the counts a purge must keep.
type totals struct {
	ByCategory, ByStatus, ByGender []data.Count
	Attendance                     []data.Attendance
	Checkins                       string
}

func totalsOf(t *testing.T, s *data.Store) totals {
	t.Helper()
	var x totals
	var err error
	for by, into := range map[string]*[]data.Count{data.ByCategory: &x.ByCategory, data.ByStatus: &x.ByStatus, data.ByGender: &x.ByGender} {
		if *into, err = s.StatsBy(ctx, by); err != nil {
			t.Fatal(err)
		}
	}
	if x.Attendance, err = s.AttendanceReport(ctx); err != nil {
		t.Fatal(err)
	}
	x.Checkins = strings.Join(queryTexts(t, rawDB(t, s.Path()), `SELECT participant_id || ' ' || verdict FROM checkins ORDER BY at, id`), ",")
	return x
}

func TestPurgeRemovesPersonalDataEverywhereAndKeepsCounts(t *testing.T) {
	s := newStore(t)
	x := newPurgeScene(t, s)
	before := totalsOf(t, s)
	held := everything(t, s.Path())
	for _, text := range append(x.purgedText, x.keptText...) {
		if !strings.Contains(held, text) {
			t.Fatalf("the scene does not hold %q", text)
		}
	}

	report, err := s.Purge(ctx, "2025-10-01")
	if err != nil {
		t.Fatal(err)
	}
	want := data.PurgeReport{Before: "2025-10-01", People: 2, Names: 2, Emails: 2, Documents: 2, Photos: 1, DatesOfBirth: 2, PlacesOfBirth: 1,
		Collections: 1, Nominations: 1, Notes: 3, AuditEntries: 8} // the 4 written above, and Ana's and Benedikt's registrations, his rejection and her reprint
	if report != want {
		t.Fatalf("purge said %+v, want %+v", report, want)
	}
	left := everything(t, s.Path())
	for _, text := range x.purgedText {
		if strings.Contains(left, text) {
			t.Errorf("%q is still held after the purge:\n%s", text, linesWith(left, text))
		}
	}
	for _, text := range x.keptText {
		if !strings.Contains(left, text) {
			t.Errorf("%q, registered after the date, was removed", text)
		}
	}
	if after := totalsOf(t, s); !reflect.DeepEqual(before, after) {
		t.Errorf("the purge changed the totals:\n%+v\n%+v", before, after)
	}

	ana := mustParticipant(t, s, x.ana.ID)
	if ana.FamilyName != ana.BadgeNumber() || ana.GivenName != "" || ana.NativeName != "" || ana.Email != "" || ana.DocumentNumber != "" ||
		ana.DateOfBirth != "" || ana.PlaceOfBirth != "" || ana.HasPhoto || ana.FullName() != ana.BadgeNumber() {
		t.Errorf("Ana after the purge: %+v", ana)
	}
	if ana.Status != data.StatusCollected || ana.BadgeIssue != 2 || ana.ConsentOn != "2025-09-01" || ana.Category != "delegate" || ana.Nationality != "BR" {
		t.Errorf("the purge changed what it keeps: %+v", ana)
	}
	if found, _, err := s.FindParticipants(ctx, data.ParticipantFilter{Query: ana.BadgeNumber()}); err != nil || len(found) != 1 || found[0].ID != ana.ID {
		t.Errorf("Ana cannot be found by her badge number: %+v %v", found, err)
	}
	if found, _, _ := s.FindParticipants(ctx, data.ParticipantFilter{Query: "Anabela"}); len(found) != 0 {
		t.Errorf("Ana is still found by her name: %+v", found)
	}
	if chloe := mustParticipant(t, s, x.chloe.ID); chloe.FamilyName != "Marchetti-Vance" || chloe.Email == "" || chloe.DocumentNumber == "" {
		t.Errorf("Chloé changed: %+v", chloe)
	}

	trail, err := s.AuditTrail(ctx, data.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	last := trail[len(trail)-1]
	if last.Action != data.AuditPurge || last.Field != "before 2025-10-01" || !strings.Contains(last.New, "2 people, 2 names, 2 e-mails") {
		t.Errorf("the trail's last entry: %+v", last)
	}
	for _, e := range trail {
		if e.ParticipantID == x.ana.ID && e.Action == data.AuditEdit && e.Field == data.FieldFamilyName && (e.Old != ana.BadgeNumber() || e.New != ana.BadgeNumber()) {
			t.Errorf("a name's edit after the purge: %+v", e)
		}
		if e.ParticipantID == x.ana.ID && e.Field == data.FieldPosition && e.New != "Minister" {
			t.Errorf("the purge changed an edit it keeps: %+v", e)
		}
	}

	// Again: nothing more to remove, and nothing kept changes.
	again, err := s.Purge(ctx, "2025-10-01")
	if err != nil || again != (data.PurgeReport{Before: "2025-10-01"}) {
		t.Fatalf("a second purge: %+v %v", again, err)
	}
	if after := everything(t, s.Path()); strings.Count(after, "action=purge") != 2 ||
		strings.Replace(after, "0 people, 0 names", "", 1) == after {
		t.Errorf("the second purge was not recorded as removing nothing")
	}
	if after := totalsOf(t, s); !reflect.DeepEqual(before, after) {
		t.Errorf("the second purge changed the totals")
	}
}

// linesWith returns the lines of text that hold s.
func linesWith(text, s string) string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func TestPurgeNeedsAnAdminAndARealDate(t *testing.T) {
	s := newStore(t)
	x := newPurgeScene(t, s)
	held := everything(t, s.Path())
	desk := data.WithActor(ctx, data.Actor{Operator: "kim", Station: "desk-1", Roles: data.Roles{data.RoleDesk, data.RolePrinting}})
	if _, err := s.Purge(desk, "2025-10-01"); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Errorf("a desk operator's purge: %v", err)
	}
	for _, bad := range []string{"", "01/10/2025", "2025-13-01", "2025-02-30", "2025-10-28", "2025-10-01 00:00", "tomorrow"} {
		if _, err := s.Purge(ctx, bad); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("purge before %q: %v", bad, err)
		}
	}
	if after := everything(t, s.Path()); after != held {
		t.Fatal("a refused purge changed the database")
	}
	admin := data.WithActor(ctx, data.Actor{Operator: "lan", Station: "desk-1", Roles: data.Roles{data.RoleAdmin}})
	if report, err := s.Purge(admin, "2025-10-27"); err != nil || report.People != 3 {
		t.Fatalf("an admin's purge of everyone, before tomorrow: %+v %v", report, err)
	}
	if p := mustParticipant(t, s, x.chloe.ID); p.FamilyName != p.BadgeNumber() {
		t.Errorf("Chloé, registered yesterday, was not purged: %+v", p)
	}
	trail, _ := s.AuditTrail(ctx, data.AuditFilter{Operator: "lan"})
	if len(trail) == 0 || trail[len(trail)-1].Action != data.AuditPurge || trail[len(trail)-1].Station != "desk-1" {
		t.Errorf("the purge is not in the trail under its operator: %+v", trail)
	}
}

// TestPurgeWipesTheFile reads a SQLite file's bytes, and its WAL's: what a
// purge removed is nowhere in them, not in free pages nor in old frames.
func TestPurgeWipesTheFile(t *testing.T) {
	s := newFileStore(t)
	newPurgeScene(t, s)
	raw := func() []byte {
		var all []byte
		for _, suffix := range []string{"", "-wal", "-journal"} {
			b, err := os.ReadFile(s.Path() + suffix)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			all = append(all, b...)
		}
		return all
	}
	secrets := []string{"Anabela", "Quixadá", "anabela.qf@itamaraty.example", "anabela@oldmail.example", "BRX4471902", "Wolkenstein", "ATP8812345"}
	held := raw()
	for _, secret := range secrets {
		if !bytes.Contains(held, []byte(secret)) {
			t.Fatalf("the file does not hold %q before the purge", secret)
		}
	}
	if _, err := s.Purge(ctx, "2025-10-01"); err != nil {
		t.Fatal(err)
	}
	left := raw()
	for _, secret := range secrets {
		if bytes.Contains(left, []byte(secret)) {
			t.Errorf("the file still holds %q after the purge", secret)
		}
	}
	if !bytes.Contains(left, []byte("Marchetti-Vance")) {
		t.Error("the file lost what the purge keeps")
	}
	if info, err := os.Stat(s.Path() + "-wal"); err == nil && info.Size() != 0 {
		t.Errorf("the WAL holds %d bytes after the purge", info.Size())
	}
}

// TestPurgeOnAServerNeedsItsAdministrator: a desk's login may not change
// the audit trail, so it is told to purge with the administrator's.
func TestPurgeOnAServerNeedsItsAdministrator(t *testing.T) {
	server := pgtest.Database(t)
	if err := data.InitServer(ctx, server, "desk secret", "door secret", "print secret", "portal secret"); err != nil {
		t.Fatal(err)
	}
	admin := openEvent(t, server)
	x := newPurgeScene(t, admin)
	desk, err := data.Open(loginAs(t, server, data.DeskRole, "desk secret"))
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Close()
	desk.Now = admin.Now
	if _, err := desk.Purge(ctx, "2025-10-01"); data.ErrorCode(err) != data.EFORBIDDEN || !strings.Contains(err.Error(), "server init") {
		t.Fatalf("a desk login's purge: %v", err)
	}
	if report, err := admin.Purge(ctx, "2025-10-01"); err != nil || report.People != 2 {
		t.Fatalf("the administrator's purge: %+v %v", report, err)
	}
	if p := mustParticipant(t, desk, x.ana.ID); p.FamilyName != p.BadgeNumber() {
		t.Errorf("the desk reads Ana as %+v", p)
	}
}

// TestPurgeOnAServerReachesTheStatistics: the server's statistics sample
// the columns' values (pg_stats shows them to any login that reads the
// table); after a purge they hold none of the purged values, and neither
// does any file of the event's database in the server's data folder.
func TestPurgeOnAServerReachesTheStatistics(t *testing.T) {
	server := pgtest.Database(t)
	if err := data.InitServer(ctx, server, "desk secret", "door secret", "print secret", "portal secret"); err != nil {
		t.Fatal(err)
	}
	admin := openEvent(t, server)
	x := newPurgeScene(t, admin)
	owner := rawDB(t, server)
	desk := rawDB(t, loginAs(t, server, data.DeskRole, "desk secret"))
	stats := func() string {
		t.Helper()
		var text sql.NullString
		if err := desk.QueryRow(`SELECT string_agg(COALESCE(most_common_vals::text, '') || ' ' || COALESCE(histogram_bounds::text, ''), ' ')
			FROM pg_stats WHERE schemaname = current_schema()`).Scan(&text); err != nil {
			t.Fatal(err)
		}
		return text.String
	}
	if _, err := owner.Exec(`ANALYZE`); err != nil { // as the server's own autovacuum would, in time
		t.Fatal(err)
	}
	if !strings.Contains(stats(), "BRX4471902") {
		t.Fatalf("the statistics do not sample the document numbers: %s", stats())
	}
	if _, err := admin.Purge(ctx, "2025-10-01"); err != nil {
		t.Fatal(err)
	}
	after := stats()
	var dataDir, dbDir string
	if err := owner.QueryRow(`SELECT current_setting('data_directory'), (SELECT oid::text FROM pg_database WHERE datname = current_database())`).
		Scan(&dataDir, &dbDir); err != nil {
		t.Fatal(err)
	}
	if _, err := owner.Exec(`CHECKPOINT`); err != nil { // what the server holds in memory, written to its files
		t.Fatal(err)
	}
	files, err := os.ReadDir(dataDir + "/base/" + dbDir)
	if err != nil {
		t.Fatal(err)
	}
	var held strings.Builder
	for _, f := range files {
		raw, err := os.ReadFile(dataDir + "/base/" + dbDir + "/" + f.Name())
		if err != nil {
			t.Fatal(err)
		}
		held.Write(raw)
	}
	for _, secret := range x.purgedText {
		if strings.Contains(after, secret) {
			t.Errorf("pg_stats still shows %q after the purge", secret)
		}
		if strings.Contains(held.String(), secret) {
			t.Errorf("the database's files still hold %q after the purge", secret)
		}
	}
}

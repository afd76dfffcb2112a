package data_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"accred/data"
)

// trail returns the audit trail filter chooses, a line an entry:
// operator@station participant action field: old → new.
func trail(t *testing.T, s *data.Store, filter data.AuditFilter) []string {
	t.Helper()
	entries, err := s.AuditTrail(ctx, filter)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		line := e.Operator + "@" + e.Station + " " + data.BadgeNumber(e.ParticipantID) + " " + e.Action + " " + e.Field + ": " + e.Old + " → " + e.New
		if e.Source != "" {
			line += " [" + e.Source + "]"
		}
		out = append(out, line)
	}
	return out
}

// wantTrail fails the test unless got holds want's lines, in order, and no other.
func wantTrail(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the trail:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAuditRecordsEachFieldOfAnEditAndEveryStatusAndPhoto(t *testing.T) {
	s := newStore(t)
	in := delegate("An", "Nguyen", "VN", "C123")
	in.Position = "Director"
	p, err := s.CreateParticipant(atDesk, in)
	if err != nil {
		t.Fatal(err)
	}
	in.FamilyName, in.Position, in.Email = "Nguyễn", "", "an@example.org"
	if _, err := s.UpdateParticipant(atDesk, p.ID, in); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateParticipant(atDesk, p.ID, in); err != nil { // nothing changes
		t.Fatal(err)
	}
	if _, err := s.SetStatus(atDesk, p.ID, data.StatusRejected, "no invitation"); err != nil {
		t.Fatal(err)
	}
	jpeg := testJPEG(t)
	for range 2 {
		if err := s.SetPhoto(atDesk, p.ID, jpeg); err != nil {
			t.Fatal(err)
		}
	}
	door := data.WithActor(ctx, data.Actor{Operator: "huy", Roles: data.Roles{data.RoleDoor}})
	if err := s.RemovePhoto(door, p.ID); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("a door operator removed a photo: %v", err)
	}
	if err := s.RemovePhoto(atDesk, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RemovePhoto(atDesk, p.ID); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("removing a photo twice: %v", err)
	}
	wantTrail(t, trail(t, s, data.AuditFilter{ParticipantID: p.ID}),
		"lan@desk-2 000001 register :  → delegate, Nguyen An, VN, VN",
		"lan@desk-2 000001 edit family_name: Nguyen → Nguyễn",
		"lan@desk-2 000001 edit position: Director → ",
		"lan@desk-2 000001 edit email:  → an@example.org",
		"lan@desk-2 000001 status no invitation: registered → rejected",
		"lan@desk-2 000001 photo added:  → ",
		"lan@desk-2 000001 photo replaced:  → ",
		"lan@desk-2 000001 photo removed:  → ")

	// A refused change records nothing.
	in.DocumentNumber = ""
	if _, err := s.UpdateParticipant(atDesk, p.ID, in); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("an edit without a document: %v", err)
	}
	if _, err := s.SetStatus(atDesk, p.ID, data.StatusPrinted, ""); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("a rejected participant printed: %v", err)
	}
	if got := trail(t, s, data.AuditFilter{}); len(got) != 8 {
		t.Fatalf("refused changes were recorded: %q", got)
	}
}

func TestAuditRecordsAnImportAndWhatItChanged(t *testing.T) {
	s := newStore(t)
	if err := s.SaveZones(ctx, []data.Zone{{Code: 3, Name: "Media centre"}}); err != nil {
		t.Fatal(err)
	}
	ctx := data.WithActor(ctx, data.System("importer", ""))
	ana, ben := delegate("Ana", "Silva", "BR", "B1"), delegate("Ben", "Costa", "BR", "B2")
	first := data.ImportSource{Name: "delegates.csv", SHA256: "aa11"}
	if _, err := s.ImportFile(ctx, first, []data.ImportRow{{Line: 2, Input: ana}, {Line: 3, Input: ben}}, false); err != nil {
		t.Fatal(err)
	}
	ben.Position = "Counsellor"
	again := data.ImportSource{Name: "delegates (2).csv", SHA256: "bb22"}
	rows := []data.ImportRow{{Line: 2, Input: ana}, importRow(3, ben, "+3")}
	if _, err := s.ImportFile(ctx, again, rows, true); err != nil { // a dry run
		t.Fatal(err)
	}
	if _, err := s.ImportFile(ctx, again, rows, false); err != nil {
		t.Fatal(err)
	}
	wantTrail(t, trail(t, s, data.AuditFilter{Since: time.Unix(0, 0)})[1:], // after the zone
		"importer@ 000000 import delegates.csv:  → aa11 [delegates.csv]",
		"importer@ 000001 register :  → delegate, Ana Silva, BR, BR [delegates.csv]",
		"importer@ 000002 register :  → delegate, Ben Costa, BR, BR [delegates.csv]",
		"importer@ 000000 import delegates (2).csv:  → bb22 [delegates (2).csv]",
		"importer@ 000002 edit zones:  → +3 [delegates (2).csv]",
		"importer@ 000002 edit position:  → Counsellor [delegates (2).csv]")
}

// TestTrailNamesTheImportOnEachChangeOfIdentity: a confirmed change of
// who someone is, made by an import, names the file on every line it
// wrote: the names, the status and clearance sent back, the badge made
// void; the desk's own changes name none.
func TestTrailNamesTheImportOnEachChangeOfIdentity(t *testing.T) {
	s, head := clearedHead(t)
	printBadge(t, s, head.ID)
	since := s.Now()
	rows, source := readCSV(t, "viet-nam.csv", identityHeader, "delegate,,Thị Mai,Trần,VN,VN,Adviser,,,VN1007919,,,,")
	rows[0].ConfirmIdentity = true
	if _, err := s.ImportFile(data.WithActor(ctx, data.System("lan", "desk-2")), source, rows, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStatus(atDesk, head.ID, data.StatusApproved, "checked"); err != nil {
		t.Fatal(err)
	}
	wantTrail(t, trail(t, s, data.AuditFilter{ParticipantID: head.ID, Since: since}),
		"lan@desk-2 000001 clearance identity changed by the import of viet-nam.csv: cleared → pending [viet-nam.csv]",
		"lan@desk-2 000001 reprint identity changed by the import of viet-nam.csv: issue 1 → issue 2 [viet-nam.csv]",
		"lan@desk-2 000001 status identity changed by the import of viet-nam.csv: printed → registered [viet-nam.csv]",
		"lan@desk-2 000001 edit given_name: Phương Thảo → Thị Mai [viet-nam.csv]",
		"lan@desk-2 000001 edit family_name: Bùi → Trần [viet-nam.csv]",
		"lan@desk-2 000001 edit position: Minister of Foreign Affairs → Adviser [viet-nam.csv]",
		"lan@desk-2 000001 status checked: registered → approved")
}

func TestImportSourceIsTheFilesNameAndHash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "delegates.csv")
	if err := os.WriteFile(path, []byte("abc"), 0o600); err != nil {
		t.Fatal(err)
	}
	src, err := data.ImportSourceAt(path)
	if err != nil || src.Name != "delegates.csv" || src.SHA256 != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("%+v %v", src, err)
	}
	if _, err := data.ImportSourceAt(path + ".absent"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("an absent file: %v", err)
	}
}

func TestAuditRecordsPrintsReprintsAndCollections(t *testing.T) {
	s := newStore(t)
	p := mustCreate(t, s, delegate("Ana", "Silva", "BR", "B1"))
	if err := s.Approve(atDesk, []int64{p.ID}); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkPrinted(atDesk, []data.Printed{{ID: p.ID, Issue: 1, File: "badges.pdf"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reprint(atDesk, p.ID, "lost at the hotel"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkPrinted(atDesk, []data.Printed{{ID: p.ID, Issue: 2, File: "badges (2).pdf"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CollectBadge(atDesk, p.ID, data.CollectInput{Document: "B1"}); err != nil {
		t.Fatal(err)
	}
	wantTrail(t, trail(t, s, data.AuditFilter{Operator: "lan"}),
		"lan@desk-2 000001 status : registered → approved",
		"lan@desk-2 000001 print issue 1:  → badges.pdf",
		"lan@desk-2 000001 reprint lost at the hotel: issue 1 → issue 2",
		"lan@desk-2 000001 print issue 2:  → badges (2).pdf",
		"lan@desk-2 000001 collect :  → ",
		"lan@desk-2 000001 status : printed → collected")
}

func TestAuditRecordsTheProgrammeSettingsAndZones(t *testing.T) {
	s := newStore(t)
	x := seminar("SEM-1", "A", 9)
	newSession(t, s, x)
	newSession(t, s, x) // unchanged
	x.Room, x.Capacity = "B", 40
	ana := mustCreate(t, s, delegate("Ana", "Silva", "BR", "B1"))
	for _, invited := range [][]int64{{ana.ID}, {ana.ID, ana.ID}, nil} {
		if _, err := s.SaveSession(ctx, x, invited); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetSetting(ctx, data.SettingName, "Hanoi Convention"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, data.SettingClearanceRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, data.SettingClearanceRequired, "yes"); err != nil { // unchanged
		t.Fatal(err)
	}
	if err := s.SetTimezone(ctx, "Asia/Ho_Chi_Minh", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary", Categories: []string{"delegate"}}, {Code: 2, Name: "Press"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate"}}}); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second changes nothing
		if _, err := s.SetParticipantZones(ctx, ana.ID, []data.ZoneChange{{Zone: 1}}, 0); err != nil {
			t.Fatal(err)
		}
	}
	for _, zone := range []int{1, 1, 0} {
		if err := s.SetDoorZone(ctx, "door-1", zone); err != nil {
			t.Fatal(err)
		}
	}
	wantTrail(t, trail(t, s, data.AuditFilter{}),
		"test@test-station 000000 programme SEM-1:  → Seminar SEM-1; seminar; A; 2025-10-25 09:00 – 2025-10-25 10:00",
		"test@test-station 000001 register :  → delegate, Ana Silva, BR, BR",
		"test@test-station 000000 programme SEM-1: Seminar SEM-1; seminar; A; 2025-10-25 09:00 – 2025-10-25 10:00 → Seminar SEM-1; seminar; B; 2025-10-25 09:00 – 2025-10-25 10:00; capacity 40",
		"test@test-station 000001 programme SEM-1:  → invited",
		"test@test-station 000001 programme SEM-1: invited → ",
		"test@test-station 000000 setting name: Test Conference → Hanoi Convention",
		"test@test-station 000000 setting clearance_required: no → yes",
		"test@test-station 000000 setting timezone: UTC → Asia/Ho_Chi_Minh",
		"test@test-station 000000 zone 1:  → Plenary; delegate",
		"test@test-station 000000 zone 2:  → Press",
		"test@test-station 000000 zone 2: Press → ",
		"test@test-station 000000 zone 1: Plenary; delegate → Plenary floor; delegate",
		"test@test-station 000001 edit zones:  → -1",
		"test@test-station 000000 door door-1:  → 1",
		"test@test-station 000000 door door-1: 1 → ")
}

func TestAuditRecordsClearanceAndNominations(t *testing.T) {
	s, people := clearanceEvent(t)
	if _, err := s.ImportClearance(atDesk, []data.ClearanceAnswer{answer(2, "B1", "BR", "cleared"), answer(3, "B2", "BR", "refused")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordNomination(atDesk, data.NominationInput{Name: "Brazil", Reference: "NV 7", Date: "2025-09-01", FocalPoint: "Ana Silva"}); err != nil {
		t.Fatal(err)
	}
	wantTrail(t, trail(t, s, data.AuditFilter{Operator: "lan"}),
		"lan@desk-2 000001 clearance : pending → cleared",
		"lan@desk-2 000002 clearance : pending → refused",
		"lan@desk-2 000000 nomination Brazil:  → NV 7; 2025-09-01; focal point named")
	if got := trail(t, s, data.AuditFilter{ParticipantID: people[2].ID}); len(got) != 2 { // registered, approved
		t.Errorf("Chloé's trail: %q", got)
	}
}

func TestAuditRecordsEveryScanAtADoorAndAMerge(t *testing.T) {
	s := newStore(t)
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return start.Add(5 * time.Minute) }
	room := newSession(t, s, data.Session{Code: "SEM-1", Title: "Seminar", Kind: data.KindSeminar, Room: "A",
		Starts: start, Ends: start.Add(time.Hour), InvitationOnly: true})
	p := mustCreate(t, s, delegate("Ana", "Silva", "BR", "B1"))
	s.Approve(ctx, []int64{p.ID})
	code := printBadge(t, s, p.ID)
	atDoor := data.WithActor(ctx, data.System("huy", ""))
	for range 2 {
		if _, err := s.CheckIn(atDoor, data.Scan{SessionID: room.ID, Code: code, Station: "door-1"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Invite(ctx, room.ID, []int64{p.ID}); err != nil {
		t.Fatal(err)
	}
	station, path := stationFile(t, s, room.ID)
	if _, err := station.CheckIn(data.WithActor(ctx, data.System("mai", "")), data.Scan{SessionID: room.ID, Code: code, Station: "door-2"}); err != nil {
		t.Fatal(err)
	}
	station.Close()
	for range 2 { // the second merge adds no scan
		if _, err := s.MergeStation(atDesk, path); err != nil {
			t.Fatal(err)
		}
	}
	got := trail(t, s, data.AuditFilter{})
	var fileID string
	for _, l := range got {
		if strings.Contains(l, " station door.station:  → ") {
			fileID = l[strings.LastIndex(l, " ")+1:]
		}
	}
	if len(fileID) < 16 {
		t.Errorf("the station file's id: %q", fileID)
	}
	wantTrail(t, got,
		"test@test-station 000000 programme SEM-1:  → Seminar; seminar; A; 2025-10-25 09:00 – 2025-10-25 10:00; invitation only",
		"test@test-station 000001 register :  → delegate, Ana Silva, BR, BR",
		"test@test-station 000001 status : registered → approved",
		"test@test-station 000001 print issue 1:  → ",
		"huy@door-1 000001 checkin SEM-1:  → rejected in: not invited to this session",
		"huy@door-1 000001 checkin SEM-1:  → rejected in: not invited to this session",
		"test@test-station 000001 programme SEM-1:  → invited",
		"test@test-station 000000 station door.station:  → "+fileID,
		"mai@door-2 000001 checkin SEM-1:  → accepted in",
		"lan@desk-2 000000 merge door.station:  → 1 new scans of 1",
		"lan@desk-2 000000 merge door.station:  → 0 new scans of 1")
}

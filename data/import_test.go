package data_test

import (
	"fmt"
	"testing"

	"accred/data"
)

// TestImportOfManyRowsWithPhotosAndCorrections imports more rows than are
// sent in one statement, with photos and corrections among them: every row
// lands once, with its own photo, in the file's order.
func TestImportOfManyRowsWithPhotosAndCorrections(t *testing.T) {
	s := newStore(t)
	known := mustCreate(t, s, delegate("Anh", "Tran", "VN", "KNOWN-1"))
	var rows []data.ImportRow
	for i := range 250 {
		row := data.ImportRow{Line: i + 2, Input: delegate("Given", fmt.Sprintf("Family%03d", i), "FR", fmt.Sprintf("DOC-%03d", i))}
		if i%60 == 7 {
			row.Photo = []byte(fmt.Sprintf("photo of line %d", i+2))
		}
		rows = append(rows, row)
	}
	rows[130].Input = delegate("Anh", "Tran Thi", "VN", "KNOWN-1") // a correction amid the new rows
	rep, err := s.ImportParticipants(ctx, rows, false)
	if err != nil || rep.Created != 249 || rep.Updated != 1 {
		t.Fatalf("import: %+v %v", rep, err)
	}
	list, total, err := s.FindParticipants(ctx, data.ParticipantFilter{Query: "family", Limit: 1000})
	if err != nil || total != 249 {
		t.Fatalf("%d found, want 249: %v", total, err)
	}
	for _, p := range list {
		i := int(p.ID) - 2 // the first id is the participant created before the import
		if i >= 130 {
			i++ // the correction took no id
		}
		if p.FamilyName != fmt.Sprintf("Family%03d", i) {
			t.Fatalf("badge %s is %s, want line %d's Family%03d", p.BadgeNumber(), p.FamilyName, i+2, i)
		}
		photo, err := s.Photo(ctx, p.ID)
		if want := fmt.Sprintf("photo of line %d", i+2); (i%60 == 7) != (err == nil) || (err == nil && string(photo) != want) {
			t.Fatalf("badge %s's photo: %q %v", p.BadgeNumber(), photo, err)
		}
	}
	if p, _ := s.Participant(ctx, known.ID); p.FamilyName != "Tran Thi" {
		t.Fatalf("the correction: %q", p.FamilyName)
	}
}

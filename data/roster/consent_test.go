package roster_test

import (
	"testing"
	"time"

	"accred/data"
)

func TestImportConsentColumn(t *testing.T) {
	s := newStore(t)
	s.StartClockAt(time.Date(2025, 10, 20, 9, 0, 0, 0, time.UTC))
	dir := t.TempDir()
	given := writeFile(t, dir, "given.csv", "category,family_name,nationality,delegation,document_number,consent\n"+
		"delegate,Nguyen,VN,VN,D1,2025-09-15\n")
	if _, err := importFile(s, given, false); err != nil {
		t.Fatal(err)
	}
	plain := writeFile(t, dir, "plain.csv", "category,family_name,nationality,delegation,document_number,position\n"+
		"delegate,Nguyen,VN,VN,D1,Minister\n")
	if r, err := importFile(s, plain, false); err != nil || r.Updated != 1 {
		t.Fatalf("import without consent: %+v %v", r, err)
	}
	if p, err := s.Participant(ctx, 1); err != nil || p.ConsentOn != "2025-09-15" || p.Position != "Minister" {
		t.Fatalf("after a file without consent: %+v %v", p, err)
	}
	bad := writeFile(t, dir, "bad.csv", "category,family_name,nationality,delegation,document_number,consent\n"+
		"delegate,Nguyen,VN,VN,D1,15/09/2025\n"+
		"delegate,Tran,VN,VN,D2,2025-10-21\n"+
		"delegate,Le,VN,VN,D3,2025-02-29\n")
	_, err := importFile(s, bad, false)
	fields := data.ErrorFields(err)
	if len(fields) != 3 {
		t.Fatalf("three bad consents: %v", err)
	}
	for i, f := range fields {
		if f.Field != data.FieldConsent || f.Line != i+2 {
			t.Errorf("problem %d: %+v", i, f)
		}
	}
	if p, _ := s.Participant(ctx, 1); p.ConsentOn != "2025-09-15" {
		t.Fatalf("a refused file changed the consent to %q", p.ConsentOn)
	}
}

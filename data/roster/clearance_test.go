package roster_test

import (
	"testing"
)

func TestImportWithoutBirthColumnsKeepsThem(t *testing.T) {
	s := newStore(t)
	dir := t.TempDir()
	born := writeFile(t, dir, "born.csv", "category,family_name,nationality,delegation,document_number,date_of_birth,place_of_birth\n"+
		"delegate,Nguyen,VN,VN,D1,1970-01-02,Huế\n")
	if _, err := importFile(s, born, false); err != nil {
		t.Fatal(err)
	}
	plain := writeFile(t, dir, "plain.csv", "category,family_name,nationality,delegation,document_number,position,place_of_birth\n"+
		"delegate,Nguyen,VN,VN,D1,Minister,Hà Nội\n")
	if r, err := importFile(s, plain, false); err != nil || r.Updated != 1 {
		t.Fatalf("import without date_of_birth: %+v %v", r, err)
	}
	p, err := s.Participant(ctx, 1)
	if err != nil || p.Position != "Minister" || p.DateOfBirth != "1970-01-02" || p.PlaceOfBirth != "Hà Nội" {
		t.Fatalf("after a file without date_of_birth: %+v %v", p, err)
	}
	if r, _ := importFile(s, plain, false); r.Unchanged != 1 {
		t.Fatalf("the same file again: %+v", r)
	}
}

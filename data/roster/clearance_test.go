package roster_test

import (
	"testing"

	"accred/data/roster"
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

// TestClearanceAnswerMayGiveReasons: a column "reason" may follow the
// answer's three; without it, no line has one.
func TestClearanceAnswerMayGiveReasons(t *testing.T) {
	dir := t.TempDir()
	with := writeFile(t, dir, "with.csv", "document_number,nationality,result,reason\nD1,VN,refused,listed by Interpol\nD2,VN,cleared,\n")
	answers, err := roster.ReadClearance(with)
	if err != nil || len(answers) != 2 || answers[0].Reason != "listed by Interpol" || answers[1].Reason != "" || answers[1].Result != "cleared" {
		t.Fatalf("with reasons: %+v %v", answers, err)
	}
	without := writeFile(t, dir, "without.csv", "result,nationality,document_number\ncleared,VN,D1\n")
	answers, err = roster.ReadClearance(without)
	if err != nil || len(answers) != 1 || answers[0].Reason != "" || answers[0].DocumentNumber != "D1" {
		t.Fatalf("without reasons: %+v %v", answers, err)
	}
}

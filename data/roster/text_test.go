package roster_test

import (
	"strings"
	"testing"
	"time"

	"accred/data"
	"accred/data/roster"
)

// wantProblem checks that err is EINVALID with a problem on line at field
// whose reason holds reason.
func wantProblem(t *testing.T, what string, err error, line int, field, reason string) {
	t.Helper()
	if data.ErrorCode(err) != data.EINVALID {
		t.Errorf("%s: %v", what, err)
		return
	}
	for _, f := range data.ErrorFields(err) {
		if f.Line == line && f.Field == field && strings.Contains(f.Reason.String(), reason) {
			return
		}
	}
	t.Errorf("%s: no %q on line %d, %s: %v", what, reason, line, field, err)
}

func TestImportRefusesHostileText(t *testing.T) {
	s := newStore(t)
	dir := t.TempDir()
	cases := []struct {
		name, row, field, reason string
	}{
		{"escape in a name", "delegate,Mr.,\"An\x1b[2J\",Nguyen,VN,VN,C1", data.FieldGivenName, "control character"},
		{"bell in the title", "delegate,\"Dr.\a\",An,Nguyen,VN,VN,C1", data.FieldTitle, "control character"},
		{"invalid UTF-8 in a name", "delegate,Mr.,An,Nguy\xe1n,VN,VN,C1", data.FieldFamilyName, "UTF-8"},
		{"a long name", "delegate,Mr.,An," + strings.Repeat("N", 201) + ",VN,VN,C1", data.FieldFamilyName, "200 characters"},
	}
	for _, c := range cases {
		path := writeFile(t, dir, "people.csv", "category,title,given_name,family_name,nationality,delegation,document_number\n"+c.row+"\n")
		_, err := importFile(s, path, true)
		wantProblem(t, c.name, err, 2, c.field, c.reason)
	}
	if _, total, _ := s.FindParticipants(ctx, data.ParticipantFilter{}); total != 0 {
		t.Fatalf("%d participants imported", total)
	}
}

func TestProgrammeRefusesHostileText(t *testing.T) {
	cats := data.DefaultCategories()
	dir := t.TempDir()
	const header = "code,title,kind,room,starts_at,ends_at\n"
	const good = "PLEN-1,Plenary,plenary,Hall,2025-10-25 09:00,2025-10-25 12:00\n"
	cases := []struct {
		name, row, field, reason string
	}{
		{"a 10 MB title", "SEM-1," + strings.Repeat("A", 10<<20) + ",seminar,A,2025-10-25 09:00,2025-10-25 10:00", "", "longer than 1 MB"},
		{"a 1 MB title", "SEM-1," + strings.Repeat("A", 1<<19) + ",seminar,A,2025-10-25 09:00,2025-10-25 10:00", "title", "300 characters"},
		{"escape in the title", "SEM-1,\"Opening\x1b]0;pwned\a\",seminar,A,2025-10-25 09:00,2025-10-25 10:00", "title", "control character"},
		{"bell in the room", "SEM-1,Opening,seminar,\"A\a\",2025-10-25 09:00,2025-10-25 10:00", "room", "control character"},
		{"invalid UTF-8 in the title", "SEM-1,Phi\xean,seminar,A,2025-10-25 09:00,2025-10-25 10:00", "title", "UTF-8"},
	}
	for _, c := range cases {
		path := writeFile(t, dir, "programme.csv", header+good+c.row+"\n")
		_, err := roster.ReadProgramme(path, time.UTC, cats)
		wantProblem(t, c.name, err, 3, c.field, c.reason)
	}
	path := writeFile(t, dir, "programme.csv", "code,\"ti\x1btle\",kind,room,starts_at,ends_at\n"+good)
	if _, err := roster.ReadProgramme(path, time.UTC, cats); err == nil || strings.Contains(err.Error(), "\x1b") {
		t.Fatalf("a hostile column name is said raw: %q", err)
	}
}

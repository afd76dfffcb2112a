package roster_test

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"accred/data"
	"accred/data/roster"
)

// ctx acts as the System, with every right, as the unrestricted command line does.
var ctx = data.WithActor(context.Background(), data.System("test", "test-station"))

func newStore(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "event.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	day := time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC)
	if _, err := s.CreateEvent(ctx, data.Event{Name: "Test", Starts: day, Ends: day}, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// importFile reads and imports a file as 'accred import' does.
func importFile(s *data.Store, path string, dryRun bool) (data.ImportReport, error) {
	rows, err := roster.Read(path)
	if err != nil {
		return data.ImportReport{}, err
	}
	return s.ImportParticipants(ctx, rows, dryRun)
}

const goodCSV = `Category,Title,Given_Name,Family_Name,Native_Name,Nationality,Delegation,Organization,Position,Head_of_Delegation,Email,Document_Number,Media_Outlet
delegate,H.E. Mr.,Văn An,Nguyễn,,VN,Viet Nam,,Minister,yes,an@mofa.gov.vn,C1234567,
delegate,Ms.,Aiko,Tanaka,田中 愛子,JPN,Japan,,Counsellor,no,,TK1234567,
observer,Dr.,Ingrid,Ødegård,,Norway,,Norwegian Institute of International Affairs,Researcher,,,NO998877,
media,,Seán,O'Sullivan,,IE,,,,,,IE5556667,The Irish Times
delegate,Mr.,Ahmed,Al-Farsi,أحمد الفارسي,OM,OM,,,,,OM123,
`

func TestImportGoodFileTwiceCreatesNoDuplicates(t *testing.T) {
	s := newStore(t)
	path := writeFile(t, t.TempDir(), "people.csv", goodCSV)
	rep, err := importFile(s, path, false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 5 || rep.Rows != 5 {
		t.Fatalf("first import %+v", rep)
	}
	rep, err = importFile(s, path, false)
	if err != nil || rep.Unchanged != 5 || rep.Created != 0 {
		t.Fatalf("second import %+v %v", rep, err)
	}
	list, total, _ := s.FindParticipants(ctx, data.ParticipantFilter{Query: "osullivan"})
	if total != 1 || list[0].Affiliation.Name != "The Irish Times" || list[0].Affiliation.Kind != data.AffiliationMedia {
		t.Fatalf("imported journalist %+v", list)
	}
	list, _, _ = s.FindParticipants(ctx, data.ParticipantFilter{Query: "田中"})
	if len(list) != 1 || list[0].NativeName != "田中 愛子" {
		t.Fatalf("native name search: %+v", list)
	}
	// A corrected line updates the same person.
	path = writeFile(t, t.TempDir(), "fix.csv", strings.Replace(goodCSV, "Counsellor", "Minister-Counsellor", 1))
	rep, err = importFile(s, path, false)
	if err != nil || rep.Updated != 1 || rep.Unchanged != 4 {
		t.Fatalf("corrected import %+v %v", rep, err)
	}
}

func TestImportDryRunChangesNothing(t *testing.T) {
	s := newStore(t)
	rep, err := importFile(s, writeFile(t, t.TempDir(), "p.csv", goodCSV), true)
	if err != nil || rep.Created != 5 {
		t.Fatalf("dry run %+v %v", rep, err)
	}
	if _, total, _ := s.FindParticipants(ctx, data.ParticipantFilter{}); total != 0 {
		t.Fatalf("dry run wrote %d participants", total)
	}
}

func TestImportBadFileReportsEveryLineAndCommitsNothing(t *testing.T) {
	s := newStore(t)
	bad := `category,given_name,family_name,nationality,delegation,organization,document_number,email,head_of_delegation
delegate,Anna,Schmidt,DE,DE,,D100,,
spy,James,Bond,GB,,,007,,
delegate,Marie,,FR,FR,,F200,,
delegate,Jean,Dupont,Atlantis,FR,,F300,,
observer,Ola,Nordmann,NO,,,N400,ola@,maybe
delegate,Anna,Schmidt-Copy,DE,DE,,D-100,,
delegate,Lee,Min,KR,KR,,K500,,,extra
`
	_, err := importFile(s, writeFile(t, t.TempDir(), "bad.csv", bad), false)
	if data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("bad file: %v", err)
	}
	got := map[string]bool{}
	for _, f := range data.ErrorFields(err) {
		got[f.String()[:strings.Index(f.String(), ":")+1]+f.Field] = true
	}
	for _, want := range []string{"line 3:category", "line 4:family_name", "line 5:nationality", "line 6:organization",
		"line 6:email", "line 6:head_of_delegation", "line 7:document_number", "line 8:"} {
		if !got[want] {
			t.Errorf("no problem reported at %s; got %v", want, err)
		}
	}
	if !strings.Contains(err.Error(), "line 2") && strings.Contains(err.Error(), "line 2:") {
		t.Error("the good line 2 was reported")
	}
	if _, total, _ := s.FindParticipants(ctx, data.ParticipantFilter{}); total != 0 {
		t.Fatalf("a refused file left %d participants behind", total)
	}
}

func TestImportRefusesBadHeaders(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"empty.csv":     "",
		"unknown.csv":   "category,famly_name,nationality,document_number\ndelegate,X,FR,1\n",
		"missing.csv":   "category,given_name\ndelegate,X\n",
		"twice.csv":     "category,family_name,family_name,nationality,document_number\n",
		"quote.csv":     "category,family_name,nationality,document_number\ndelegate,\"Open,FR,1\n",
		"binary.csv":    "category\x00\x01\x02",
		"people.pdf":    "%PDF-1.4",
		"notexcel.xlsx": "category,family_name",
	}
	for name, body := range cases {
		_, err := roster.Read(writeFile(t, dir, name, body))
		if data.ErrorCode(err) != data.EINVALID || err.Error() == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := roster.Read(filepath.Join(dir, "absent.csv")); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("absent file: %v", err)
	}
}

func TestImportSemicolonsBOMAndQuotedNewlines(t *testing.T) {
	s := newStore(t)
	body := "\xEF\xBB\xBFcategory;family_name;given_name;nationality;delegation;document_number;position\n" +
		"delegate;Trần;Thị Hồng;VN;VN;B7654321;\"Vụ trưởng\nVụ Pháp luật\"\n" +
		"delegate;Lê;Minh;VN;VN;B7654322;\n"
	rows, err := roster.Read(writeFile(t, t.TempDir(), "vn.csv", body))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1].Line != 4 {
		t.Fatalf("rows %+v", rows)
	}
	if _, err := s.ImportParticipants(ctx, rows, false); err != nil {
		t.Fatal(err)
	}
	if _, total, _ := s.FindParticipants(ctx, data.ParticipantFilter{Query: "tran hong"}); total != 1 {
		t.Fatal("imported Vietnamese name not found")
	}
}

func TestImportXLSXWithPhotos(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "photos"), 0o700)
	img := image.NewRGBA(image.Rect(0, 0, 300, 400))
	f, _ := os.Create(filepath.Join(dir, "photos", "aiko.png"))
	png.Encode(f, img)
	f.Close()
	writeFile(t, dir, "fake.jpg", "not a picture")

	x := excelize.NewFile()
	rows := [][]any{
		{"Family_Name", "Given_Name", "Category", "Nationality", "Delegation", "Document_Number", "Photo_File"},
		{"Tanaka", "Aiko", "delegate", "JP", "JP", "TK1", "photos/aiko.png"},
		{"Sato", "Ken", "delegate", "JP", "JP", "TK2", ""},
		{"Suzuki", "Yui", "delegate", "JP", "JP", "TK3", "../../etc/passwd"},
		{"Ito", "Jun", "delegate", "JP", "JP", "TK4", "fake.jpg"},
		{"Kato", "Rei", "delegate", "JP", "JP", "TK5", "photos/none.png"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		x.SetSheetRow("Sheet1", cell, &r)
	}
	path := filepath.Join(dir, "people.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	s := newStore(t)
	_, err := importFile(s, path, false)
	var lines []int
	for _, f := range data.ErrorFields(err) {
		if f.Field != data.FieldPhoto {
			t.Errorf("unexpected problem %v", f)
		}
		lines = append(lines, f.Line)
	}
	if len(lines) != 3 || lines[0] != 4 || lines[1] != 5 || lines[2] != 6 {
		t.Fatalf("photo problems on lines %v: %v", lines, err)
	}

	x.SetSheetRow("Sheet1", "A4", &[]any{"Suzuki", "Yui", "delegate", "JP", "JP", "TK3", ""})
	x.SetSheetRow("Sheet1", "A5", &[]any{"Ito", "Jun", "delegate", "JP", "JP", "TK4", ""})
	x.SetSheetRow("Sheet1", "A6", &[]any{"Kato", "Rei", "delegate", "JP", "JP", "TK5", ""})
	x.SaveAs(path)
	if rep, err := importFile(s, path, false); err != nil || rep.Created != 5 {
		t.Fatalf("fixed file: %+v %v", rep, err)
	}
	list, _, _ := s.FindParticipants(ctx, data.ParticipantFilter{Query: "tanaka"})
	if !list[0].HasPhoto {
		t.Fatal("photo not stored")
	}
	if jpeg, err := s.Photo(ctx, list[0].ID); err != nil || len(jpeg) == 0 {
		t.Fatalf("photo: %v", err)
	}
}

func TestImportOversizedCell(t *testing.T) {
	s := newStore(t)
	body := "category,family_name,nationality,delegation,document_number\ndelegate," + strings.Repeat("x", 100000) + ",FR,FR,1\n"
	_, err := importFile(s, writeFile(t, t.TempDir(), "big.csv", body), false)
	if f := data.ErrorFields(err); len(f) != 1 || f[0].Line != 2 || f[0].Field != data.FieldFamilyName {
		t.Fatalf("oversized cell: %v", err)
	}
}

func TestImportGenderAndRank(t *testing.T) {
	s := newStore(t)
	good := `category,given_name,family_name,nationality,delegation,document_number,gender,rank
delegate,Anna,Schmidt,DE,DE,D100,Female,1
delegate,Karl,Weber,DE,DE,D200,male,3
delegate,Sam,Klein,DE,DE,D300,not stated,
delegate,Alex,Roth,DE,DE,D400,other,2
`
	if _, err := importFile(s, writeFile(t, t.TempDir(), "p.csv", good), false); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]any{"Schmidt": {"female", 1}, "Weber": {"male", 3}, "Klein": {"", 0}, "Roth": {"other", 2}}
	for name, w := range want {
		list, _, _ := s.FindParticipants(ctx, data.ParticipantFilter{Query: name})
		if len(list) != 1 || list[0].Gender != w[0] || list[0].Rank != w[1] {
			t.Errorf("%s: %+v, want gender %q rank %d", name, list, w[0], w[1])
		}
	}

	bad := `category,given_name,family_name,nationality,delegation,document_number,gender,rank
delegate,Eva,Berg,DE,DE,D500,f,1
delegate,Jan,Horn,DE,DE,D600,male,first
delegate,Ute,Lang,DE,DE,D700,female,0
delegate,Ida,Kurz,DE,DE,D800,female,2.5
`
	_, err := importFile(s, writeFile(t, t.TempDir(), "bad.csv", bad), false)
	if data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("bad genders and ranks: %v", err)
	}
	var got []string
	for _, f := range data.ErrorFields(err) {
		got = append(got, fmt.Sprintf("%d:%s", f.Line, f.Field))
	}
	if strings.Join(got, " ") != "2:gender 3:rank 4:rank 5:rank" {
		t.Errorf("problems %v: %v", got, err)
	}
	if !strings.Contains(err.Error(), `"first" is not a rank`) {
		t.Errorf("the bad rank is not quoted: %v", err)
	}
	if _, total, _ := s.FindParticipants(ctx, data.ParticipantFilter{}); total != 4 {
		t.Errorf("a refused file changed the roster: %d participants", total)
	}
}

package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"accred/data/roster"
)

// selectIn is the first list to choose from under o.
func selectIn(t *testing.T, o fyne.CanvasObject) *widget.Select {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if s, ok := x.(*widget.Select); ok {
			return s
		}
	}
	t.Fatal("no list to choose from")
	return nil
}

// saveDialog fills the file dialog shown: the format or status chosen from
// its list, then Save; it returns the path it wrote to.
func saveDialog(t *testing.T, u *ui, choice int) string {
	t.Helper()
	form := dialogShown(t, u)
	selectIn(t, form).SetSelectedIndex(choice)
	var path string
	for _, x := range test.LaidOutObjects(form) {
		if e, ok := asEntry(x); ok {
			path = e.Text
		}
	}
	tapButton(t, form, lang.L("Save"))
	return path
}

// downloadTemplate taps Download the template on the Import tab and saves
// it in the format chosen (0 CSV, 1 XLSX).
func downloadTemplate(t *testing.T, u *ui, format int) (path, said string) {
	t.Helper()
	tab := u.tab(tabImport).Content
	tapButton(t, tab, "Download the template")
	path = saveDialog(t, u, format)
	return path, labelTexts(tab)
}

func TestDownloadTheTemplate(t *testing.T) {
	u := newTestUI(t)
	dir := filepath.Dir(u.dbPath)
	path, said := downloadTemplate(t, u, 0)
	if path != filepath.Join(dir, "participants-template.csv") || !strings.Contains(said, "The template is in "+path) {
		t.Fatalf("the CSV template: %q %q", path, said)
	}
	raw, _ := os.ReadFile(path)
	if lines := strings.Split(strings.TrimSpace(string(raw)), "\n"); len(lines) != 2 ||
		!strings.HasPrefix(lines[0], "category,title,given_name,family_name,") || !strings.Contains(lines[1], "Tanaka") {
		t.Fatalf("the CSV template reads %q", raw)
	}
	// Left as it is, the template's example is not imported; once it
	// names someone, the line imports through the Import tab.
	tab := u.tab(tabImport).Content
	entryIn(t, tab).SetText(path)
	tapButton(t, tab, "Check")
	if said := labelTexts(tab); !strings.Contains(said, "1 problem on 1 line") || findButton(tab, "Import 1 line") != nil {
		t.Fatalf("the template's example was offered for import: %s", said)
	}
	os.WriteFile(path, []byte(strings.Replace(string(raw), "Tanaka", "Sato", 1)), 0o600)
	tapButton(t, tab, "Check")
	tapButton(t, tab, "Import 1 line")
	if said := labelTexts(tab); !strings.Contains(said, "Imported 1 line: 1 new") {
		t.Fatalf("the filled template imported: %s", said)
	}

	// Again: a free name is proposed; the first file stays.
	again, _ := downloadTemplate(t, u, 0)
	if again != filepath.Join(dir, "participants-template (2).csv") {
		t.Fatalf("the second template: %q", again)
	}

	// A name typed over an existing file is refused, the file kept.
	os.WriteFile(again, []byte("mine"), 0o600)
	tapButton(t, tab, "Download the template")
	form := dialogShown(t, u)
	var entries []*widget.Entry
	for _, x := range test.LaidOutObjects(form) {
		if e, ok := asEntry(x); ok {
			entries = append(entries, e)
		}
	}
	entries[len(entries)-1].SetText(again)
	tapButton(t, form, "Save")
	if raw, _ := os.ReadFile(again); string(raw) != "mine" || !strings.Contains(labelTexts(tab), "never overwritten") {
		t.Fatalf("over an existing file: %q %s", raw, labelTexts(tab))
	}

	// In French, the XLSX template explains its columns in French.
	useLanguage("fr")
	t.Cleanup(func() { useLanguage("en") })
	u.showHome()
	tab = u.tab(tabImport).Content
	tapButton(t, tab, "Télécharger le modèle")
	xlsx := saveDialog(t, u, 1)
	if xlsx != filepath.Join(dir, "participants-template.xlsx") {
		t.Fatalf("the XLSX template: %q %s", xlsx, labelTexts(tab))
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 2 || sheets[1] != "Colonnes" {
		t.Fatalf("sheets %q", sheets)
	}
	notes, _ := f.GetRows("Colonnes")
	if len(notes) != len(roster.Columns)+2 || notes[0][0] != "Colonne" || notes[4][0] != "family_name" || notes[4][2] != "obligatoire" ||
		!strings.Contains(notes[4][3], "capitales") {
		t.Fatalf("the notes: %q", notes)
	}
	if last := notes[len(notes)-1]; last[0] != "-" || last[1] != "Cellules vides" || !strings.Contains(last[3], "une cellule vide laisse son champ tel quel") ||
		!strings.Contains(last[3], "ne contenant que - l'efface") || !strings.Contains(last[3], "confirmée, ligne par ligne") {
		t.Fatalf("the notes do not say what an empty cell does: %q", last)
	}
	for _, n := range notes[1:] {
		if len(n) < 4 || n[3] == "" {
			t.Errorf("column %q is not explained", n)
		}
	}
	rows, _ := f.GetRows(sheets[0])
	if len(rows) != 2 || rows[1][3] != "Tanaka" {
		t.Fatalf("the first sheet: %q", rows)
	}
}

func TestParticipantsListFromTheBadgesTab(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed: make deps")
	}
	u := newTestUI(t)
	b, _ := openBadges(t, u)
	if err := u.store.SetSetting(ctx, "document_symbol", "HAN/2025/INF/1"); err != nil {
		t.Fatal(err)
	}
	// Nobody collected: nothing is written.
	b.panels.SelectIndex(panelList)
	tapButton(t, u.tab(tabBadges).Content, "List of Participants…")
	nobody := saveDialog(t, u, 2)
	b.work.wait()
	if _, err := os.Stat(nobody); err == nil || !strings.Contains(b.listNote.Text, "Nobody has this status yet") {
		t.Fatalf("nobody collected: %q", b.listNote.Text)
	}

	tapButton(t, u.tab(tabBadges).Content, "List of Participants…")
	form := dialogShown(t, u)
	for _, x := range test.LaidOutObjects(form) {
		if c, ok := x.(*widget.Check); ok && c.Text == "The media too" {
			test.Tap(c)
		}
	}
	path := saveDialog(t, u, 0)
	b.work.wait()
	if !strings.Contains(b.listNote.Text, "Wrote the List of Participants (4 participants) to "+path) || b.listOpen.Disabled() {
		t.Fatalf("the list: %q", b.listNote.Text)
	}
	text, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"HAN/2025/INF/1", "List of participants", "Ireland", "Viet Nam", "NGUYỄN", "O'SULLIVAN", "Media", "Le Monde"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the list does not read %q:\n%s", want, text)
		}
	}
	if strings.Index(string(text), "Ireland") > strings.Index(string(text), "Viet Nam") {
		t.Error("the States are not in alphabetical order")
	}
}

func TestDocumentSymbolInSettings(t *testing.T) {
	u := newTestUI(t)
	s := u.settings
	if s.symbol.Text != "" || s.setSymbol.Disabled() {
		t.Fatalf("no symbol yet: %q", s.symbol.Text)
	}
	test.Type(s.symbol, "  HAN/2025/INF/1 ")
	test.Tap(s.setSymbol)
	if got, _ := u.store.Setting(ctx, "document_symbol"); got != "HAN/2025/INF/1" || !strings.Contains(s.status.Text, "HAN/2025/INF/1") {
		t.Fatalf("the symbol: %q %q", got, s.status.Text)
	}
	s.symbol.SetText(strings.Repeat("X", 61))
	test.Tap(s.setSymbol)
	if got, _ := u.store.Setting(ctx, "document_symbol"); got != "HAN/2025/INF/1" || !strings.Contains(s.status.Text, "60 characters at most") {
		t.Fatalf("a long symbol: %q %q", got, s.status.Text)
	}
	s.symbol.SetText("")
	test.Tap(s.setSymbol)
	if got, _ := u.store.Setting(ctx, "document_symbol"); got != "" || !strings.Contains(s.status.Text, "no document symbol") {
		t.Fatalf("the symbol taken away: %q %q", got, s.status.Text)
	}
	u.showHome()
	if u.settings.symbol.Text != "" {
		t.Fatal("the symbol shown again")
	}
}

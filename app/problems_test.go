package app

import (
	"path/filepath"
	"strings"
	"testing"
	"text/template"
	"time"

	"fyne.io/fyne/v2/test"

	"accred/data"
	"accred/data/msg"
)

func TestProblemsWithValuesAreTranslated(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(func() { useLanguage("en") })
	useLanguage("fr")
	_, err := u.store.Participant(ctx, 424242)
	if got, want := problemText(err), "Aucun participant n'a le numéro de badge "+data.BadgeNumber(424242)+"."; got != want {
		t.Errorf("unknown badge number: %q, want %q", got, want)
	}
	_, err = u.store.SetStatus(ctx, 1, data.StatusCollected, "")
	if got, want := problemText(err), "Un participant enregistré ne peut pas devenir remis."; got != want {
		t.Errorf("a status that cannot follow: %q, want %q", got, want)
	}
	if !strings.HasPrefix(err.Error(), "A participant who is registered cannot become collected.") {
		t.Errorf("in English: %q", err)
	}
}

func TestFormWordsTheHolderOfADocumentAndTheirCountryInTheLanguage(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(func() { useLanguage("en") })
	useLanguage("fr")
	got := saveSameDocument(u).problems["document_number"].Text
	if got != "Le document p-1 (Irlande) est déjà enregistré pour Seán O'Sullivan (badge 000002)." {
		t.Fatalf("the document's holder: %q", got)
	}
}

func TestDoorWordsReasonsWithTheirValuesInTheLanguage(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(func() { useLanguage("en") })
	useLanguage("fr")
	x := plenary()
	d, codes := openDoor(t, u, x)
	for id := int64(1); id <= 4; id++ {
		scanner(d.scan, codes[id])
	}
	if d.history[0].Reason.Code != data.ReasonRoomFull || d.reason.Text != "salle pleine (3 sur 3)" {
		t.Errorf("a fourth person in a room for three: %q", d.reason.Text)
	}
	u.store.StartClockAt(x.Starts.Add(-2 * time.Hour))
	scanner(d.scan, codes[4])
	if got := d.reason.Text; !strings.HasPrefix(got, "trop tôt : la porte ouvre à ") || !strings.HasSuffix(got, " le 25 oct.") {
		t.Errorf("before the door opens: %q", got)
	}
	if got := d.recentText(0); !strings.HasSuffix(got, " le 25 oct.") {
		t.Errorf("in the recent scans: %q", got)
	}
}

// TestImportRefusalCountsInEachLanguage checks the data package's report of
// a file it refuses, for one problem on one line and two on two, in each
// language: the counts take their plural forms ("1 problem(s)" no more).
func TestImportRefusalCountsInEachLanguage(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(func() { useLanguage("en") })
	one := filepath.Join(t.TempDir(), "one.csv")
	writeRoster(t, one, "delegate,Ingrid,Ødegård,XX,NO,N1", "delegate,Ola,Nordmann,NO,NO,N2")
	two := filepath.Join(t.TempDir(), "two.csv")
	writeRoster(t, two, "delegate,Ingrid,Ødegård,XX,NO,N1", "delegate,Ola,Nordmann,XX,NO,N2")
	for _, c := range []struct{ lang, one, two string }{
		{"en", "The file was not imported: 1 problem on 1 line. Nothing was changed. Correct the line shown in the file, then check it again.",
			"The file was not imported: 2 problems on 2 lines. Nothing was changed. Correct the lines shown in the file, then check it again."},
		{"fr", "Le fichier n'a pas été importé : 1 problème sur 1 ligne. Rien n'a été modifié. Corrigez la ligne indiquée dans le fichier, puis vérifiez-le de nouveau.",
			"Le fichier n'a pas été importé : 2 problèmes sur 2 lignes. Rien n'a été modifié. Corrigez les lignes indiquées dans le fichier, puis vérifiez-le de nouveau."},
		{"vi", "Tệp chưa được nhập: 1 lỗi trên 1 dòng. Không có gì thay đổi. Hãy sửa dòng được nêu trong tệp, rồi kiểm tra lại.",
			"Tệp chưa được nhập: 2 lỗi trên 2 dòng. Không có gì thay đổi. Hãy sửa dòng được nêu trong tệp, rồi kiểm tra lại."},
	} {
		useLanguage(c.lang)
		im := newImporter(u, nil)
		u.win.SetContent(im.buildUI())
		for path, want := range map[string]string{one: c.one, two: c.two} {
			im.path.SetText(path)
			test.Tap(im.check)
			im.work.wait()
			if got := im.summary.Text; got != want {
				t.Errorf("%s, %s: %q, want %q", c.lang, filepath.Base(path), got, want)
			}
		}
	}
}

// TestMessagesThatCountAgreeWithTheTranslations words every message of the
// data packages that counts, for 1 and 2, in each language, as the app
// words it (lang.N): each gives the form of its language's file that the
// catalogue's rule (msg.Form, which the portal and the command line use)
// chooses, and the English file holds the command line's English.
func TestMessagesThatCountAgreeWithTheTranslations(t *testing.T) {
	t.Cleanup(func() { useLanguage("en") })
	counting := 0
	for _, key := range msg.Keys() {
		if _, counts := msg.Count(key, countArgs(key, 1)); !counts {
			continue
		}
		counting++
		for _, code := range []string{"en", "fr", "vi"} {
			useLanguage(code)
			forms, _ := translations(t, code)[key].(map[string]any)
			for _, n := range []int{1, 2} {
				args := countArgs(key, n)
				text, _ := forms[msg.Form(code, n)].(string)
				if text == "" {
					t.Errorf("%s.json has no %s form for %q", code, msg.Form(code, n), key)
					continue
				}
				var b strings.Builder
				template.Must(template.New("").Parse(text)).Execute(&b, args)
				want := b.String()
				if got := translate(key, args); got != want {
					t.Errorf("%s, %d: %q, want %q", code, n, got, want)
				}
				if code == "en" && msg.English(key, args) != want {
					t.Errorf("the command line says %q, the app %q", msg.English(key, args), want)
				}
			}
		}
	}
	if counting < 10 {
		t.Fatalf("only %d messages count", counting)
	}
}

// countArgs names n for every placeholder of key.
func countArgs(key string, n int) msg.Args {
	args := msg.Args{}
	for _, p := range placeholder.FindAllString(key, -1) {
		args[strings.Trim(p, "{}.")] = n
	}
	return args
}

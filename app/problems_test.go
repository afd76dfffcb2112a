package app

import (
	"strings"
	"testing"
	"time"

	"accred/data"
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

package app

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// ctx acts as the System, with every right, as the unrestricted command line does.
var ctx = data.WithActor(context.Background(), data.System("test", ""))

// newEventDB makes a new database at path holding a one-day event.
func newEventDB(t *testing.T, path string) (*data.Store, data.Event) {
	t.Helper()
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	day := time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC)
	ev, err := s.CreateEvent(ctx, data.Event{Name: "Test Conference", Starts: day, Ends: day}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, ev
}

// newTestUI opens the app's home on a new event database with a few participants.
func newTestUI(t *testing.T) *ui {
	t.Helper()
	return newTestUIOn(t, filepath.Join(t.TempDir(), "event.db"))
}

// newTestUIOn opens the app's home on a new event in the database name (a
// file, or a server's URL) with a few participants.
func newTestUIOn(t *testing.T, name string) *ui {
	t.Helper()
	a := test.NewTempApp(t)
	useLanguage("en")
	s, ev := newEventDB(t, name)
	for _, in := range []data.ParticipantInput{
		{Category: "delegate", Title: "H.E. Mr.", GivenName: "Văn An", FamilyName: "Nguyễn", Nationality: "VN", Delegation: "VN", DocumentNumber: "C1"},
		{Category: "delegate", GivenName: "Seán", FamilyName: "O'Sullivan", Nationality: "IE", Delegation: "IE", DocumentNumber: "P1"},
		{Category: "media", GivenName: "Anne-Sophie", FamilyName: "de la Fontaine-Ébrard", Nationality: "FR", MediaOutlet: "Le Monde", DocumentNumber: "F1"},
		{Category: "delegate", GivenName: "Thị Hồng", FamilyName: "Nguyễn", Nationality: "VN", Delegation: "VN", DocumentNumber: "C2"},
	} {
		if _, err := s.CreateParticipant(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	u := &ui{app: a, win: w, store: s, event: ev, dbPath: s.Path()}
	u.operator = addOperator(t, s, "Tester", data.RoleAdmin)
	u.showHome()
	if u.programme != nil {
		u.programme.later = func(time.Duration, func()) {} // no timers outliving the test
	}
	if u.desk != nil {
		u.desk.later = func(time.Duration, func()) {}
	}

	t.Cleanup(func() {
		// Work left in the background ends before the next test.
		if u.badges != nil {
			u.badges.work.wait()
		}
	})
	return u
}

func press(e fyne.Focusable, key fyne.KeyName) { e.TypedKey(&fyne.KeyEvent{Name: key}) }

func TestDeskFindsAsYouType(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	if len(d.results) != 4 {
		t.Fatalf("empty search lists %d", len(d.results))
	}
	if u.win.Canvas().Focused() != d.search {
		t.Fatal("the search box does not have the focus at start")
	}
	test.Type(d.search, "osul")
	if len(d.results) != 1 || d.results[0].FamilyName != "O'Sullivan" {
		t.Fatalf("'osul' found %v", d.results)
	}
	d.search.SetText("")
	test.Type(d.search, "fontaine ebrard")
	if len(d.results) != 1 || !strings.Contains(d.count.Text, "1 participant") {
		t.Fatalf("'fontaine ebrard' found %v (%q)", d.results, d.count.Text)
	}
	d.search.SetText("")
	test.Type(d.search, "zzzz")
	if len(d.results) != 0 || !strings.Contains(d.count.Text, "Nobody found") {
		t.Fatalf("'zzzz': %v %q", d.results, d.count.Text)
	}
	press(d.search, fyne.KeyEscape)
	if d.search.Text != "" || len(d.results) != 4 {
		t.Fatal("Esc does not clear the search")
	}
}

func TestDeskKeyboardPathFindCheckApprove(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	test.Type(d.search, "nguyen")
	if len(d.results) != 2 {
		t.Fatalf("found %d Nguyễn", len(d.results))
	}
	press(d.search, fyne.KeyDown)
	press(d.search, fyne.KeyDown)
	if d.current == nil || d.current.GivenName != "Văn An" {
		t.Fatalf("two downs chose %+v", d.current)
	}
	press(d.search, fyne.KeyUp)
	if d.current.GivenName != "Thị Hồng" {
		t.Fatalf("up chose %s", d.current.GivenName)
	}
	if d.details.name.Text != "NGUYỄN Thị Hồng" {
		t.Fatalf("details show %q", d.details.name.Text)
	}
	press(d.search, fyne.KeyF5)
	if d.current.Status != data.StatusApproved {
		t.Fatalf("F5 left %s", d.current.Status)
	}
	stored, _ := u.store.Participant(ctx, d.current.ID)
	if stored.Status != data.StatusApproved {
		t.Fatal("approval not stored")
	}
	press(d.search, fyne.KeyF6)
	if !strings.Contains(d.details.message.Text, "Not possible") {
		t.Fatalf("handing over an unprinted badge said %q", d.details.message.Text)
	}
	if u.win.Canvas().Focused() != d.search {
		t.Fatal("focus left the search box")
	}
}

func TestDeskEnterOpensFirstMatch(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	test.Type(d.search, "sean")
	press(d.search, fyne.KeyReturn)
	if d.current == nil || d.current.FamilyName != "O'Sullivan" {
		t.Fatalf("Enter opened %+v", d.current)
	}
}

// correctOSullivan finds Seán O'Sullivan at the desk and opens his form with F2.
func correctOSullivan(d *desk) *participantForm {
	test.Type(d.search, "osullivan")
	press(d.search, fyne.KeyReturn)
	press(d.search, fyne.KeyF2)
	return d.form
}

func TestDeskEditSaveSeeChange(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	f := correctOSullivan(d)
	if f == nil || f.entries["family_name"].Text != "O'Sullivan" {
		t.Fatal("F2 did not open the filled form")
	}
	family := f.entries["family_name"]
	family.SetText("")
	test.Type(family, "Ó Súilleabháin")
	f.entries["position"].SetText("Legal Adviser")
	press(family, fyne.KeyReturn)
	if d.form != nil {
		t.Fatalf("form still open: %q", f.notice.Text)
	}
	if d.current.FamilyName != "Ó Súilleabháin" || d.current.Position != "Legal Adviser" {
		t.Fatalf("saved %+v", d.current)
	}
	d.search.SetText("")
	test.Type(d.search, "suilleabhain")
	if len(d.results) != 1 || d.results[0].ID != d.current.ID {
		t.Fatalf("new name not found: %v", d.results)
	}
}

func TestFormShowsProblemsUnderFieldsAndKeepsInput(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	press(d.search, fyne.KeyF3)
	f := d.form
	test.Type(f.entries["given_name"], "Lone")
	test.Type(f.entries["email"], "not-an-address")
	f.entries["nationality"].SetText("Atlantis")
	test.Tap(f.save)
	if d.form == nil {
		t.Fatal("the form closed on bad input")
	}
	for _, field := range []string{"family_name", "nationality", "delegation", "email", "document_number"} {
		if !f.problems[field].Visible() || f.problems[field].Text == "" {
			t.Errorf("no problem shown under %s", field)
		}
	}
	if f.problems["given_name"].Visible() {
		t.Error("a problem is shown under a good field")
	}
	if f.entries["given_name"].Text != "Lone" {
		t.Error("the form lost what was typed")
	}
	if u.win.Canvas().Focused() != f.entries["family_name"] {
		t.Error("the first wrong field does not have the focus")
	}
	if _, total, _ := u.store.FindParticipants(ctx, data.ParticipantFilter{}); total != 4 {
		t.Fatal("a refused form wrote a participant")
	}
}

func TestFormWarnsOfDuplicateThenSavesAnyway(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	press(d.search, fyne.KeyF3)
	f := d.form
	fill(f, map[string]string{"given_name": "Van An", "family_name": "NGUYEN", "nationality": "Viet Nam", "delegation": "VN", "document_number": "C9"})
	test.Tap(f.save)
	if d.form == nil || buttonNaming(f.dups, "NGUYỄN Văn An") == nil {
		t.Fatalf("no duplicate warning: %q", f.notice.Text)
	}
	test.Tap(f.save)
	if d.form != nil {
		t.Fatalf("save anyway did not save: %q", f.notice.Text)
	}
	if _, total, _ := u.store.FindParticipants(ctx, data.ParticipantFilter{Query: "nguyen van"}); total != 2 {
		t.Fatalf("%d Văn An Nguyễn after saving anyway", total)
	}
	if d.current == nil || d.current.DocumentNumber != "C9" || d.details.name.Text != "NGUYEN Van An" {
		t.Fatalf("after saving the desk shows %q", d.details.name.Text)
	}
}

// fill types values into the form's fields.
func fill(f *participantForm, values map[string]string) {
	for field, v := range values {
		f.entries[field].SetText(v)
	}
}

func TestFormRefusesSameDocument(t *testing.T) {
	u := newTestUI(t)
	f := saveSameDocument(u)
	if u.desk.form == nil || !f.problems["document_number"].Visible() {
		t.Fatalf("same document accepted: %q", f.notice.Text)
	}
}

// saveSameDocument registers someone new with the document of Seán
// O'Sullivan (Ireland, P1), saving past the warning, and returns the form.
func saveSameDocument(u *ui) *participantForm {
	press(u.desk.search, fyne.KeyF3)
	f := u.desk.form
	fill(f, map[string]string{"family_name": "Someone", "nationality": "IE", "delegation": "IE", "document_number": "p-1"})
	test.Tap(f.save) // duplicate warning (same document)
	test.Tap(f.save) // save anyway: refused
	return f
}

func TestDeskReplacesALostBadge(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	if err := u.store.Approve(ctx, []int64{2}); err != nil {
		t.Fatal(err)
	}
	code := printedBadge(t, u, 2, 1)
	test.Type(d.search, "osullivan")
	press(d.search, fyne.KeyReturn)
	replaceBadge(u, "")
	if !strings.Contains(d.details.message.Text, "reason") {
		t.Fatalf("no reason accepted: %q", d.details.message.Text)
	}
	replaceBadge(u, "lost at the hotel")
	if d.current.BadgeIssue != 2 || d.current.Status != data.StatusApproved {
		t.Fatalf("after replacing: issue %d, %s", d.current.BadgeIssue, d.current.Status)
	}
	if _, _, err := u.store.VerifyBadge(ctx, code); err != data.ErrSuperseded {
		t.Fatalf("the lost badge: %v", err)
	}
}

// replaceBadge taps "Replace lost badge…", types the reason and confirms.
func replaceBadge(u *ui, reason string) {
	test.Tap(findButton(u.desk.right, "Replace lost badge…"))
	form := u.win.Canvas().Overlays().Top()
	for _, o := range test.LaidOutObjects(form) {
		if e, ok := asEntry(o); ok {
			test.Type(e, reason)
		}
	}
	test.Tap(findButton(form, "Replace"))
}

func TestDeskAttachesAPhoto(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	test.Type(d.search, "osullivan")
	press(d.search, fyne.KeyReturn)
	dir := t.TempDir()
	bad := filepath.Join(dir, "notes.png")
	writeFile(t, bad, "not a picture")
	d.details.attachPhoto(*d.current, bad)
	if p, _ := u.store.Participant(ctx, d.current.ID); p.HasPhoto {
		t.Fatal("a text file became a photo")
	}
	good := filepath.Join(dir, "sean.png")
	var picture bytes.Buffer
	if err := png.Encode(&picture, image.NewRGBA(image.Rect(0, 0, 300, 400))); err != nil {
		t.Fatal(err)
	}
	writeFile(t, good, picture.String())
	d.details.attachPhoto(*d.current, good)
	if !d.current.HasPhoto {
		t.Fatal("the photo was not attached")
	}
}

// TestFormRefusesToSaveOverAnotherDesksChange: while this desk corrects
// someone, another desk saves a change to them; saving here is refused
// with who changed them, and the typing stays.
func TestFormRefusesToSaveOverAnotherDesksChange(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	f := correctOSullivan(d)
	other := d.current.Input()
	other.Position = "Ambassador"
	if _, err := u.store.UpdateParticipant(data.WithActor(ctx, data.System("desk-3", "")), d.current.ID, other); err != nil {
		t.Fatal(err)
	}
	f.entries["position"].SetText("Legal Adviser")
	test.Tap(f.save)
	if d.form == nil || !strings.Contains(f.notice.Text, "desk-3") {
		t.Fatalf("saved over another desk's change: %q", f.notice.Text)
	}
	if f.entries["position"].Text != "Legal Adviser" {
		t.Fatal("the form lost what was typed")
	}
	if p, _ := u.store.Participant(ctx, d.current.ID); p.Position != "Ambassador" {
		t.Fatalf("the other desk's change was undone: %q", p.Position)
	}
}

// buttonNaming is the button under o whose text holds name, or nil.
func buttonNaming(o fyne.CanvasObject, name string) *widget.Button {
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && strings.Contains(b.Text, name) {
			return b
		}
	}
	return nil
}

// tapButton taps the button with the text under o, failing when there is none.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	b := findButton(o, text)
	if b == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(b)
}

// pressAnywhere types a key into the window as the desktop driver does: to
// the widget with the focus, or to the window when none has it.
func pressAnywhere(w fyne.Window, key fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: key}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
	} else if typed := w.Canvas().OnTypedKey(); typed != nil {
		typed(ev)
	}
}

// dialogShown is the dialog on top of the window, failing when there is none.
func dialogShown(t *testing.T, u *ui) fyne.CanvasObject {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	return top
}

// entryIn is the first text entry under o, failing when there is none.
func entryIn(t *testing.T, o fyne.CanvasObject) *widget.Entry {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if e, ok := asEntry(x); ok {
			return e
		}
	}
	t.Fatal("no entry")
	return nil
}

// asEntry is x's text entry, when x is one: a plain entry, or one that
// answers keys of its own.
func asEntry(x fyne.CanvasObject) (*widget.Entry, bool) {
	switch e := x.(type) {
	case *widget.Entry:
		return e, true
	case *keyEntry:
		return &e.Entry, true
	}
	return nil, false
}

// storedStatus is the status the database holds for the participant id.
func storedStatus(t *testing.T, u *ui, id int64) data.Status {
	t.Helper()
	p, err := u.store.Participant(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return p.Status
}

// TestDeskDoubleClickOnApproveOnlyApproves: a second click where Approve
// was lands on a button that does nothing, not on Reject.
func TestDeskDoubleClickOnApproveOnlyApproves(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	test.Type(d.search, "thi hong")
	press(d.search, fyne.KeyReturn)
	approve := findButton(d.right, "Approve  [F5]")
	if approve == nil || approve.Disabled() {
		t.Fatal("no Approve button for a registered participant")
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(approve)
	spot := at.Add(fyne.NewPos(approve.Size().Width/2, approve.Size().Height/2))
	test.TapCanvas(u.win.Canvas(), spot)
	test.TapCanvas(u.win.Canvas(), spot)
	if got := storedStatus(t, u, d.current.ID); got != data.StatusApproved {
		t.Fatalf("a double click on Approve left %s", got)
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("the second click opened a dialog")
	}
	if again := findButton(d.right, "Approve  [F5]"); again == nil || !again.Disabled() ||
		fyne.CurrentApp().Driver().AbsolutePositionForObject(again) != at {
		t.Fatal("Approve moved or stayed active")
	}
	if !strings.Contains(d.details.message.Text, "is now Approved") || d.details.message.Importance != widget.SuccessImportance {
		t.Fatalf("said %q in %v", d.details.message.Text, d.details.message.Importance)
	}
}

// TestDeskRejectAsksForAReasonThenOffersUndo: Reject asks why and waits
// for a reason; the change shows in red with an Undo that takes it back.
func TestDeskRejectAsksForAReasonThenOffersUndo(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	test.Type(d.search, "osullivan")
	press(d.search, fyne.KeyReturn)
	id := d.current.ID
	tapButton(t, d.right, "Reject…  [F8]")
	ask := dialogShown(t, u)
	tapButton(t, ask, "Reject")
	if got := storedStatus(t, u, id); got != data.StatusRegistered {
		t.Fatalf("rejected without a reason: %s", got)
	}
	reason := entryIn(t, ask)
	test.Type(reason, "no invitation")
	reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := storedStatus(t, u, id); got != data.StatusRejected {
		t.Fatalf("after giving a reason: %s", got)
	}
	if changes, _ := u.store.StatusHistory(ctx, id); changes[len(changes)-1].Note != "no invitation" {
		t.Fatalf("the reason was not kept: %+v", changes)
	}
	if !strings.Contains(d.details.message.Text, "is now Rejected") || d.details.message.Importance != widget.DangerImportance {
		t.Fatalf("said %q in %v", d.details.message.Text, d.details.message.Importance)
	}
	if !d.details.undo.Visible() {
		t.Fatal("no Undo after rejecting")
	}
	test.Tap(d.details.undo)
	if got := storedStatus(t, u, id); got != data.StatusRegistered {
		t.Fatalf("Undo left %s", got)
	}
	if d.details.undo.Visible() {
		t.Fatal("Undo offered again after undoing")
	}
}

// TestDeskUndoesAWithdrawalAndOffersUndoOnlyAWhile: undoing a withdrawal
// brings back the status before it; Undo goes away after a while.
func TestDeskUndoesAWithdrawalAndOffersUndoOnlyAWhile(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	var pending []func()
	d.later = func(_ time.Duration, f func()) { pending = append(pending, f) }
	test.Type(d.search, "thi hong")
	press(d.search, fyne.KeyReturn)
	press(d.search, fyne.KeyF5)
	if !d.details.undo.Visible() {
		t.Fatal("no Undo after approving")
	}
	for _, f := range pending {
		f()
	}
	if d.details.undo.Visible() {
		t.Fatal("Undo is still offered after its while")
	}
	tapButton(t, d.right, "Withdraw…")
	ask := dialogShown(t, u)
	test.Type(entryIn(t, ask), "cancelled travel")
	tapButton(t, ask, "Withdraw")
	if got := storedStatus(t, u, d.current.ID); got != data.StatusWithdrawn {
		t.Fatalf("after withdrawing: %s", got)
	}
	test.Tap(d.details.undo)
	if got := storedStatus(t, u, d.current.ID); got != data.StatusApproved {
		t.Fatalf("Undo after approving and withdrawing left %s", got)
	}
}

// TestDeskKeysWorkAfterAClick: after a click beside the search box (here on
// a greyed button) it has lost the keyboard, and the desk's keys still work.
func TestDeskKeysWorkAfterAClick(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	test.Type(d.search, "osullivan")
	press(d.search, fyne.KeyReturn)
	tapButton(t, d.right, "Badge handed over  [F6]")
	if u.win.Canvas().Focused() == d.search {
		t.Fatal("the search box kept the focus; this test needs it elsewhere")
	}
	pressAnywhere(u.win, fyne.KeyF5)
	if d.current.Status != data.StatusApproved {
		t.Fatalf("F5 left %s", d.current.Status)
	}
	u.win.Canvas().Unfocus() // a click on an empty part of the window
	pressAnywhere(u.win, fyne.KeyF8)
	tapButton(t, dialogShown(t, u), "Cancel")
	pressAnywhere(u.win, fyne.KeyF3)
	if d.form == nil {
		t.Fatal("F3 did not open the form")
	}
	pressAnywhere(u.win, fyne.KeyEscape)
	if d.form != nil {
		t.Fatal("Esc did not close the untouched form")
	}
}

// newForm opens the form for someone new with F3 in the search box.
func newForm(d *desk) *participantForm {
	press(d.search, fyne.KeyF3)
	return d.form
}

// TestFormAsksBeforeDiscardingTyping: Esc and Cancel leave an untouched
// form at once, and ask before throwing away what was typed.
func TestFormAsksBeforeDiscardingTyping(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	press(newForm(d).entries["given_name"], fyne.KeyEscape)
	if d.form != nil {
		t.Fatal("Esc did not close the untouched form")
	}
	f := newForm(d)
	test.Type(f.entries["given_name"], "Lone")
	press(f.entries["given_name"], fyne.KeyEscape)
	tapButton(t, dialogShown(t, u), "Keep editing")
	if d.form != f || f.entries["given_name"].Text != "Lone" {
		t.Fatal("Esc threw the typing away")
	}
	tapButton(t, d.right, "Cancel  [Esc]")
	tapButton(t, dialogShown(t, u), "Discard")
	if d.form != nil {
		t.Fatal("Discard kept the form")
	}
}

// TestFormChecksFieldsBeforeDuplicatesAndOpensTheDuplicate: a bad field
// shows before the duplicate warning, and the warning opens the person it
// names.
func TestFormChecksFieldsBeforeDuplicatesAndOpensTheDuplicate(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	f := newForm(d)
	fill(f, map[string]string{"given_name": "Van An", "family_name": "NGUYEN", "nationality": "VN", "delegation": "VN",
		"document_number": "C9", "email": "not-an-address"})
	test.Tap(f.save)
	if !f.problems["email"].Visible() || len(f.dups.Objects) > 0 {
		t.Fatalf("the duplicate warning came before the bad e-mail: %q", f.notice.Text)
	}
	f.entries["email"].SetText("")
	test.Tap(f.save)
	open := buttonNaming(f.dups, "NGUYỄN Văn An")
	if open == nil {
		t.Fatalf("the warning opens nobody: %q", f.notice.Text)
	}
	test.Tap(open)
	tapButton(t, dialogShown(t, u), "Discard")
	if d.form != nil || d.current == nil || d.current.DocumentNumber != "C1" || !strings.Contains(d.details.name.Text, "NGUYỄN Văn An") {
		t.Fatalf("the warning did not open the person it names: %+v", d.current)
	}
}

func TestNewParticipantTakesTheNameFromTheSearch(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	test.Type(d.search, "Mary OBrien")
	press(d.search, fyne.KeyF3)
	if g, f := d.form.entries["given_name"].Text, d.form.entries["family_name"].Text; g != "Mary" || f != "OBrien" {
		t.Fatalf("the form starts with %q %q", g, f)
	}
	press(d.form.entries["given_name"], fyne.KeyEscape)
	d.search.SetText("")
	test.Type(d.search, "mary o'brien")
	press(d.search, fyne.KeyF3)
	if g, f := d.form.entries["given_name"].Text, d.form.entries["family_name"].Text; g != "Mary" || f != "O'Brien" || d.form.cases["family_name"].Visible() {
		t.Fatalf("a search in lower case starts the form with %q %q", g, f)
	}
	d.form.entries["given_name"].TypedRune(' ') // typed on into the field with the focus
	d.form.entries["given_name"].TypedRune('J')
	if g := d.form.entries["given_name"].Text; g != "Mary J" {
		t.Fatalf("typing on after F3 gives %q", g)
	}
	press(d.form.entries["given_name"], fyne.KeyEscape)
	d.search.SetText("")
	test.Type(d.search, "X1234567")
	press(d.search, fyne.KeyF3)
	if got := d.form.entries["document_number"].Text; got != "X1234567" {
		t.Fatalf("the document number searched for became %q", got)
	}
}

func TestFormRecordsGenderAndRank(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	test.Type(d.search, "osullivan")
	press(d.search, fyne.KeyReturn)
	press(d.search, fyne.KeyF2)
	f := d.form
	if f.gender.Selected != "Not stated" || f.rank.Text != "" {
		t.Fatalf("gender %q and rank %q before any was given", f.gender.Selected, f.rank.Text)
	}
	f.gender.SetSelected("Female")
	test.Type(f.rank, "two")
	test.Tap(f.save)
	if d.form == nil || !f.problems[data.FieldRank].Visible() || !strings.Contains(f.problems[data.FieldRank].Text, "whole number") {
		t.Fatalf("a rank in words was not refused under its field: %q", f.problems[data.FieldRank].Text)
	}
	f.rank.SetText("")
	test.Type(f.rank, "2")
	press(f.rank, fyne.KeyReturn)
	if d.form != nil {
		t.Fatalf("form still open: %q", f.notice.Text)
	}
	if d.current.Gender != data.GenderFemale || d.current.Rank != 2 {
		t.Fatalf("saved gender %q rank %d", d.current.Gender, d.current.Rank)
	}
	press(d.search, fyne.KeyF2)
	if d.form.gender.Selected != "Female" || d.form.rank.Text != "2" {
		t.Fatalf("the form shows gender %q rank %q", d.form.gender.Selected, d.form.rank.Text)
	}
}

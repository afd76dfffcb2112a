package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// historyLines are the lines the desk's History shows, top first.
func historyLines(d *desk) []string {
	var lines []string
	seen := false
	for _, o := range test.LaidOutObjects(d.right) {
		l, ok := o.(*widget.Label)
		switch {
		case !ok:
		case l.Text == "History":
			seen = true
		case seen && l.SizeName != "":
			lines = append(lines, l.Text)
		}
	}
	return lines
}

// printOSullivan approves O'Sullivan and marks their badge printed.
func printOSullivan(t *testing.T, u *ui) data.Participant {
	t.Helper()
	found, _, _ := u.store.FindParticipants(ctx, data.ParticipantFilter{Query: "osullivan"})
	p := found[0]
	if err := u.store.Approve(data.WithActor(ctx, data.System("lan", "")), []int64{p.ID}); err != nil {
		t.Fatal(err)
	}
	if err := u.store.MarkPrinted(data.WithActor(ctx, data.System("mai", "")), []data.Printed{{ID: p.ID, Issue: 1, File: "badges.pdf"}}); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDeskHistoryShowsTheWholeTrailNewestFirst(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	u.store.Now = func() time.Time { return start.Add(5 * time.Minute) }
	p := printOSullivan(t, u)
	if _, _, err := u.store.SaveSessions(ctx, []data.Session{{Code: "PLEN-1", Title: "Opening", Kind: data.KindPlenary, Room: "Hall",
		Starts: start, Ends: start.Add(time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	plenary, _ := u.store.Session(ctx, "PLEN-1")
	if err := u.store.Invite(ctx, plenary.ID, []int64{p.ID}); err != nil {
		t.Fatal(err)
	}
	code, _ := u.store.BadgeCode(ctx, p.ID, 1)
	if _, err := u.store.CheckIn(data.WithActor(ctx, data.System("huy", "")), data.Scan{SessionID: plenary.ID, Code: code, Station: "door-1"}); err != nil {
		t.Fatal(err)
	}
	f := correctOSullivan(d)
	f.entries[data.FieldPosition].SetText("Legal Adviser")
	press(f.entries[data.FieldPosition], fyne.KeyReturn)
	lines := historyLines(d)
	if len(lines) != 6 {
		t.Fatalf("the history shows %d lines:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	for i, want := range []string{
		" changed Position from — to Legal Adviser",
		" huy at door-1 scanned the badge at PLEN-1: Accepted",
		" added them to the invitation list of PLEN-1",
		" mai printed the badge (issue 1) in badges.pdf",
		" lan changed the status from Registered to Approved",
		" test registered: Delegate, Seán O'Sullivan, IE, IE",
	} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d reads %q, want %q in it", i, lines[i], want)
		}
	}
	if at := start.Add(5 * time.Minute).In(u.event.Location()).Format("2006-01-02 15:04 "); !strings.HasPrefix(lines[0], at) {
		t.Errorf("the edit's time: %q, want %q", lines[0], at)
	}
}

func TestCorrectingAPrintedBadgesNameOffersANewBadge(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	p := printOSullivan(t, u)

	// A detail the badge does not show: nothing to replace.
	f := correctOSullivan(d)
	f.entries[data.FieldEmail].SetText("sean@example.org")
	press(f.entries[data.FieldEmail], fyne.KeyReturn)
	if d.form != nil || d.details.reprint.Visible() {
		t.Fatalf("an e-mail corrected offers a new badge: %q", d.details.message.Text)
	}

	press(d.search, fyne.KeyEscape)
	f = correctOSullivan(d)
	f.entries[data.FieldTitle].SetText("Dr.") // the badge shows it; who he is stays
	f.category.SetSelected("VIP")
	press(f.entries[data.FieldTitle], fyne.KeyReturn)
	if d.form != nil {
		t.Fatalf("the form stayed open: %q", f.notice.Text)
	}
	if msg := d.details.message.Text; d.details.message.Importance != widget.WarningImportance ||
		!strings.Contains(msg, "still shows the old Title, Category: it is out of date") {
		t.Fatalf("the warning reads %q", msg)
	}
	button := findButton(u.win.Content(), "Print a new badge")
	if button == nil || !button.Visible() {
		t.Fatal("no button offers a new badge")
	}
	test.Tap(button)
	got, _ := u.store.Participant(ctx, p.ID)
	if got.Status != data.StatusApproved || got.BadgeIssue != 2 || d.details.reprint.Visible() ||
		!strings.Contains(d.details.message.Text, "The old badge no longer works") {
		t.Fatalf("after the reprint: %s issue %d, %q", got.Status, got.BadgeIssue, d.details.message.Text)
	}
	trail, _ := u.store.AuditTrail(ctx, data.AuditFilter{ParticipantID: p.ID})
	if last := trail[len(trail)-1]; last.Action != data.AuditReprint || last.Field != "Details corrected: Title, Category" {
		t.Fatalf("the trail's last line: %+v", last)
	}

	// Someone whose badge is not printed yet: nothing to replace.
	showFound(d, "fontaine")
	press(d.search, fyne.KeyF2)
	d.form.entries[data.FieldFamilyName].SetText("Fontaine")
	press(d.form.entries[data.FieldFamilyName], fyne.KeyReturn)
	if d.form != nil || d.details.reprint.Visible() {
		t.Fatalf("a badge never printed offers a new one: %q", d.details.message.Text)
	}
}

func TestRemovingAPhotoAsksAndIsInTheHistory(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	found, _, _ := u.store.FindParticipants(ctx, data.ParticipantFilter{Query: "osullivan"})
	setPhoto(t, u, found[0].ID)
	showFound(d, "osullivan")
	remove := findButton(d.right, "Remove photo…")
	if remove == nil {
		t.Fatal("no button removes the photo")
	}
	test.Tap(remove)
	if no := findButton(u.win.Canvas().Overlays().Top(), "No"); no != nil {
		test.Tap(no)
	}
	if p, _ := u.store.Participant(ctx, found[0].ID); !p.HasPhoto {
		t.Fatal("the photo was removed without being confirmed")
	}
	test.Tap(findButton(d.right, "Remove photo…"))
	confirm := findButton(u.win.Canvas().Overlays().Top(), "Remove")
	if confirm == nil {
		t.Fatal("no confirmation asked")
	}
	test.Tap(confirm)
	if p, _ := u.store.Participant(ctx, found[0].ID); p.HasPhoto || findButton(d.right, "Remove photo…") != nil {
		t.Fatalf("the photo is still there: %v", p.HasPhoto)
	}
	if lines := historyLines(d); len(lines) < 2 || !strings.Contains(lines[0], "removed the photo") || !strings.Contains(lines[1], "attached a photo") {
		t.Fatalf("the history: %q", lines)
	}
}

// TestHistoryIsWordedInTheStationsLanguage: in Vietnamese, a scan found
// by name, a door's refusal with its reason, a change of zones, a
// registration and a change of category read in Vietnamese, with no
// English word, field name or category code left.
func TestHistoryIsWordedInTheStationsLanguage(t *testing.T) {
	t.Cleanup(func() { useLanguage("en") })
	useLanguage("vi")
	at := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		entry data.AuditEntry
		want  string
	}{
		{data.AuditEntry{At: at, Operator: "huy", Action: data.AuditCheckin, Field: "PLEN-1", New: "accepted in (found by name)"}, "Cho vào (tìm theo tên)"},
		{data.AuditEntry{At: at, Operator: "huy", Action: data.AuditCheckin, Field: "PLEN-1", New: "rejected in: too early: the door opens at 13:30"},
			say(data.Reason{Code: data.ReasonTooEarly, Args: map[string]any{"At": "13:30"}}.Message())},
		{data.AuditEntry{At: at, Operator: "lan", Action: data.AuditEdit, Field: "zones", Old: "+4"}, lang.L("Zones")},
		{data.AuditEntry{At: at, Operator: "lan", Action: data.AuditRegister, New: "delegate, Seán O'Sullivan, IE, IE"}, lang.L("Delegate") + ", Seán O'Sullivan, IE, IE"},
		{data.AuditEntry{At: at, Operator: "lan", Action: data.AuditEdit, Field: data.FieldCategory, Old: "delegate", New: "observer"},
			lang.L("Delegate") + " thành " + lang.L("Observer")},
	} {
		line := historyLine(c.entry, time.UTC, true, data.DefaultCategories())
		for _, english := range []string{"accepted", "rejected", "found by name", "too early", "zones", "changed", "scanned", "registered", "delegate", "observer"} {
			if strings.Contains(line, english) {
				t.Errorf("%q keeps %q", line, english)
			}
		}
		if !strings.Contains(line, c.want) {
			t.Errorf("%q does not say %q", line, c.want)
		}
	}
}

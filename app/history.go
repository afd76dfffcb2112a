package app

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// historyWait is how long the desk waits for a person's history.
const historyWait = 10 * time.Second

// history shows everything the audit trail holds about p, newest first,
// read in the background: the box fills when the trail is read.
func (v *details) history(p data.Participant) fyne.CanvasObject {
	lines := container.NewVBox(&widget.Label{Text: lang.L("Reading the history…"), SizeName: theme.SizeNameCaptionText})
	box := container.NewVBox(&widget.Label{Text: lang.L("History"), TextStyle: fyne.TextStyle{Bold: true}}, lines)
	store, loc, admin, cats := v.d.u.store, v.d.u.event.Location(), v.d.u.can(data.RoleAdmin), v.d.categories
	v.work.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), historyWait)
		defer cancel()
		trail, err := store.AuditTrail(ctx, data.AuditFilter{ParticipantID: p.ID})
		return func() {
			lines.RemoveAll()
			if err != nil {
				lines.Add(&widget.Label{Text: problemText(err), Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord})
				return
			}
			for i := len(trail) - 1; i >= 0; i-- {
				lines.Add(&widget.Label{Text: historyLine(trail[i], loc, admin, cats), SizeName: theme.SizeNameCaptionText, Wrapping: fyne.TextWrapWord})
			}
		}
	})
	return box
}

// historyLine says what one entry of the trail did, in the person's
// language, at the event's time: "2025-10-25 14:02 Lan at desk-2 changed
// Family name from Nguyen to Nguyễn". Categories, kept by their codes, are
// named as the event's cats name them in that language.
func historyLine(e data.AuditEntry, loc *time.Location, admin bool, cats []data.Category) string {
	args := map[string]any{"Field": e.Field, "Old": orDash(e.Old), "New": orDash(e.New)}
	var what string
	switch e.Action {
	case data.AuditRegister: // the category's code first: "delegate, Seán O'Sullivan, IE, IE"
		if code, rest, found := strings.Cut(e.New, ", "); found {
			args["New"] = categoryText(categoryNamed(cats, code)) + ", " + rest
		}
		what = lang.L("registered: {{.New}}", args)
	case data.AuditEdit:
		args["Field"] = fieldWord(e.Field)
		switch e.Field {
		case data.FieldCategory:
			for k, code := range map[string]string{"Old": e.Old, "New": e.New} {
				if code != "" {
					args[k] = categoryText(categoryNamed(cats, code))
				}
			}
		case "zones": // none of their own: the category's
			for _, k := range []string{"Old", "New"} {
				if args[k] == "—" {
					args[k] = lang.L("the category's")
				}
			}
		}
		what = lang.L("changed {{.Field}} from {{.Old}} to {{.New}}", args)
	case data.AuditStatus:
		args["Old"], args["New"] = statusLabel(data.Status(e.Old)), statusLabel(data.Status(e.New))
		what = lang.L("changed the status from {{.Old}} to {{.New}}", args)
	case data.AuditPhoto:
		what = map[string]string{"added": lang.L("attached a photo"), "replaced": lang.L("replaced the photo"), "removed": lang.L("removed the photo")}[e.Field]
	case data.AuditPrint:
		what = lang.L("printed the badge ({{.Field}}) in {{.New}}", args)
	case data.AuditReprint:
		what = lang.L("replaced the badge ({{.Old}}) by a new one ({{.New}})", args)
	case data.AuditProgramme:
		switch data.AuditInvited {
		case e.New:
			what = lang.L("added them to the invitation list of {{.Field}}", args)
		case e.Old:
			what = lang.L("took them off the invitation list of {{.Field}}", args)
		}
	case data.AuditCheckin:
		args["New"] = checkinText(e.New)
		what = lang.L("scanned the badge at {{.Field}}: {{.New}}", args)
	case data.AuditCollect:
		what = lang.L("handed the badge over")
	case data.AuditClearance:
		args["Old"], args["New"] = clearanceText(data.Clearance(e.Old), admin), clearanceText(data.Clearance(e.New), admin)
		what = lang.L("changed the security clearance from {{.Old}} to {{.New}}", args)
	}
	if what == "" {
		what = strings.TrimSpace(e.Action + " " + e.Field + ": " + orDash(e.Old) + " → " + orDash(e.New))
	}
	if e.Field != "" && (e.Action == data.AuditStatus || e.Action == data.AuditReprint || e.Action == data.AuditCollect || e.Action == data.AuditClearance && admin) {
		what += ": " + e.Field
	}
	if e.Source != "" && !strings.Contains(what, e.Source) { // the import's own line, a note naming it, say it already
		what = lang.L("{{.What}} (import of {{.File}})", map[string]any{"What": what, "File": e.Source})
	}
	return e.At.In(loc).Format("2006-01-02 15:04") + " " + who(e) + " " + what
}

// checkinText words a scan as the trail keeps it in the person's
// language: the verdict, whether found by name, and the door's reason.
func checkinText(kept string) string {
	c, ok := data.ReadCheckin(kept)
	if !ok {
		return kept
	}
	text := map[data.VerdictKind]string{data.Accepted: lang.L("Accepted"), data.Already: lang.L("Already in"), data.Rejected: lang.L("Refused")}[c.Verdict]
	if c.Exit {
		text += " (" + lang.L("Exit") + ")"
	}
	if c.Manual {
		text += " (" + lang.L("found by name") + ")"
	}
	switch {
	case c.Reason.Code != "":
		text += ": " + say(c.Reason.Message())
	case c.Said != "":
		text += ": " + c.Said
	}
	return text
}

// who names whoever made a change, and where.
func who(e data.AuditEntry) string {
	switch {
	case e.Operator != "" && e.Station != "":
		return lang.L("{{.Operator}} at {{.Station}}", map[string]any{"Operator": e.Operator, "Station": e.Station})
	case e.Operator != "":
		return e.Operator
	case e.Station != "":
		return e.Station
	}
	return lang.L("Accred")
}

// orDash is a value of the trail, or a dash for none.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

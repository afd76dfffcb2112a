package app

import (
	"context"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/country"
)

// invitationsView is where an admin invites the focal points of
// delegations, organisations and media outlets to the nominations portal,
// sees the invitations and revokes one: what `accred portal` does.
type invitationsView struct {
	u       *ui
	list    *widget.Label
	kind    *widget.RadioGroup
	name    *widget.Entry
	email   *widget.Entry
	expires *widget.Entry
	base    *widget.Entry
	invite  *widget.Button
	link    *widget.Entry // the new invitation's link, shown this once
	chosen  *widget.Select
	revoke  *widget.Button
	status  *widget.Label
	ids     map[string]int64 // the chosen invitation's id, by its line
	work    worker           // reads and changes the invitations in the background
}

// invitationKinds are the kinds of group offered, in order, in words.
func invitationKinds() []struct{ kind, words string } {
	return []struct{ kind, words string }{
		{data.AffiliationDelegation, lang.L("A delegation (a country's code or name)")},
		{data.AffiliationOrganization, lang.L("An organisation")},
		{data.AffiliationMedia, lang.L("A media outlet")},
	}
}

// prefPortalAddress is where the station keeps the portal's address.
const prefPortalAddress = "portalAddress"

func newInvitationsView(u *ui) *invitationsView { return &invitationsView{u: u} }

func (v *invitationsView) buildUI() fyne.CanvasObject {
	v.list = &widget.Label{Wrapping: fyne.TextWrapWord}
	var kinds []string
	for _, k := range invitationKinds() {
		kinds = append(kinds, k.words)
	}
	v.kind = widget.NewRadioGroup(kinds, nil)
	v.kind.SetSelected(kinds[0])
	v.name = &widget.Entry{PlaceHolder: lang.L("VN, Viet Nam, or the organisation's or outlet's name")}
	v.email = &widget.Entry{PlaceHolder: lang.L("the focal point's address; may be empty")}
	v.expires = &widget.Entry{PlaceHolder: lang.L("YYYY-MM-DD; empty for the event's last day")}
	v.base = &widget.Entry{Text: v.u.app.Preferences().StringWithFallback(prefPortalAddress, os.Getenv("ACCRED_PORTAL_URL")),
		PlaceHolder: "https://accreditation.example.org"}
	v.invite = &widget.Button{Text: lang.L("Invite"), Icon: theme.MailSendIcon(), Importance: widget.HighImportance, OnTapped: v.onInvite}
	v.link = &widget.Entry{Wrapping: fyne.TextWrapBreak}
	v.link.Hide()
	v.chosen = &widget.Select{PlaceHolder: lang.L("Choose an invitation to revoke")}
	v.revoke = &widget.Button{Text: lang.L("Revoke"), Icon: theme.CancelIcon(), Importance: widget.DangerImportance, OnTapped: v.onRevoke}
	v.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Who"), v.kind),
		widget.NewFormItem(lang.L("Name"), v.name),
		widget.NewFormItem(lang.L("E-mail"), v.email),
		widget.NewFormItem(lang.L("Last day"), v.expires),
		widget.NewFormItem(lang.L("Portal address"), v.base),
	)
	v.refresh()
	return container.NewVBox(form, v.invite, v.link, widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, v.revoke, v.chosen), v.list, v.status)
}

// show opens the invitations in a window of their own over the app's.
func (v *invitationsView) show() {
	d := dialog.NewCustom(lang.L("Invitations to the nominations portal"), lang.L("Close"), container.NewVScroll(v.buildUI()), v.u.win)
	d.Resize(fyne.NewSize(900, 640))
	d.Show()
}

// refresh lists the invitations again, newest first.
func (v *invitationsView) refresh() {
	storeJob(&v.work, v.u.actor(), readTimeout, v.u.store.PortalInvitations, v.showList)
}

// showList lists the invitations read, or says why they could not be.
func (v *invitationsView) showList(list []data.PortalInvitation, err error) {
	if err != nil {
		v.status.SetText(problemText(err))
		return
	}
	loc, now := v.u.event.Location(), v.u.store.Now()
	var lines, options []string
	v.ids = map[string]int64{}
	for _, inv := range list {
		state := lang.L("active (an invitation)")
		switch {
		case !inv.RevokedAt.IsZero():
			state = lang.L("revoked")
		case !now.Before(inv.ExpiresAt):
			state = lang.L("expired")
		}
		line := lang.L("Invitation {{.Number}} · {{.Kind}} · {{.Name}} · last day {{.Last}} · {{.State}}", map[string]any{
			"Number": inv.ID, "Kind": affiliationKindText(inv.Affiliation.Kind), "Name": invitedName(inv.Affiliation),
			"Last": inv.ExpiresAt.In(loc).Add(-time.Second).Format(data.DateLayout), "State": state})
		if inv.Email != "" {
			line += " · " + inv.Email
		}
		lines = append(lines, line)
		if inv.RevokedAt.IsZero() && now.Before(inv.ExpiresAt) {
			option := strconv.FormatInt(inv.ID, 10) + " · " + invitedName(inv.Affiliation)
			options = append(options, option)
			v.ids[option] = inv.ID
		}
	}
	if len(lines) == 0 {
		lines = []string{lang.L("No invitation yet.")}
	}
	v.list.SetText(strings.Join(lines, "\n"))
	v.chosen.SetOptions(options)
	v.chosen.ClearSelected()
}

// affiliationKindText names a kind of group in the station's language.
func affiliationKindText(kind string) string {
	switch kind {
	case data.AffiliationDelegation:
		return lang.L("Delegation")
	case data.AffiliationOrganization:
		return lang.L("Organisation")
	case data.AffiliationMedia:
		return lang.L("Media outlet")
	}
	return kind
}

// invitedName names the group invited: a delegation by its country's name
// in the station's language, another group by its own.
func invitedName(a data.Affiliation) string {
	if c, ok := country.Lookup(a.Country); ok && a.Kind == data.AffiliationDelegation {
		return c.Name(currentLanguage())
	}
	return a.Name
}

func (v *invitationsView) onInvite() {
	base := strings.TrimSpace(v.base.Text)
	if base == "" { // the link sent is made of it, and is shown only once
		v.link.Hide()
		v.status.SetText(lang.L("Type the portal's address first: the link to send begins with it, and is shown only once."))
		v.u.win.Canvas().Focus(v.base)
		return
	}
	in := data.PortalInvitationInput{Name: v.name.Text, Email: v.email.Text, Expires: v.expires.Text}
	for _, k := range invitationKinds() {
		if k.words == v.kind.Selected {
			in.Kind = k.kind
		}
	}
	type invited struct {
		inv  data.PortalInvitation
		code string
	}
	store := v.u.store
	v.invite.Disable()
	storeJob(&v.work, v.u.actor(), changeTimeout, func(ctx context.Context) (invited, error) {
		inv, code, err := store.InviteToPortal(ctx, in)
		return invited{inv, code}, err
	}, func(answer invited, err error) {
		v.invite.Enable()
		v.showInvited(answer.inv, answer.code, err)
	})
}

// showInvited shows the link of the invitation made, or why none was.
func (v *invitationsView) showInvited(inv data.PortalInvitation, code string, err error) {
	if err != nil {
		v.link.Hide()
		v.status.SetText(problemText(err))
		return
	}
	base := strings.TrimSpace(v.base.Text)
	v.u.app.Preferences().SetString(prefPortalAddress, base)
	v.link.SetText(data.InvitationLink(base, code))
	v.link.Show()
	v.status.SetText(lang.L("Invitation {{.Number}} for {{.Name}}: send the link above to the focal point. It is shown this once; the code at its end is also the API's token.",
		map[string]any{"Number": inv.ID, "Name": invitedName(inv.Affiliation)}))
	v.name.SetText("")
	v.email.SetText("")
	v.refresh()
}

func (v *invitationsView) onRevoke() {
	id, ok := v.ids[v.chosen.Selected]
	if !ok {
		v.status.SetText(lang.L("Choose the invitation to revoke."))
		return
	}
	store := v.u.store
	v.revoke.Disable()
	storeJob(&v.work, v.u.actor(), changeTimeout, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, store.RevokePortalInvitation(ctx, id)
	}, func(_ struct{}, err error) {
		v.revoke.Enable()
		if err != nil {
			v.status.SetText(problemText(err))
			return
		}
		v.status.SetText(lang.L("Invitation {{.Number}} is revoked: its link and code no longer work.", map[string]any{"Number": id}))
		v.refresh()
	})
}

package app

import (
	"context"
	"os"
	"os/user"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/credential"
	"accred/data/demo"
)

// signInTimeout bounds a sign-in's reading of the store.
const signInTimeout = 5 * time.Second

// signIn is the screen a station opens on, and goes back to when it locks:
// an operator's name or staff badge, then their PIN.
type signIn struct {
	u       *ui
	name    *widget.Entry
	pin     *widget.Entry
	button  *widget.Button
	problem *widget.Label

	work     worker // checks the PIN in the background: its hash takes a moment
	checking bool   // a PIN is being checked; the button is greyed
}

// showSignIn fills the window with the sign-in screen; name is filled in
// when the station locked itself for that operator.
func (u *ui) showSignIn(name, note string) {
	overlays := u.win.Canvas().Overlays() // no dialog stays open over the sign-in
	for o := overlays.Top(); o != nil; o = overlays.Top() {
		overlays.Remove(o)
	}
	u.kiosk.prompt = nil
	s := &signIn{u: u}
	u.signIn = s
	u.win.SetContent(s.buildUI(name, note))
	u.listen()
	if name == "" {
		u.win.Canvas().Focus(s.name)
	} // else locked: keys typed on after the lock must not land in the PIN box, which takes them once clicked
}

func (s *signIn) buildUI(name, note string) fyne.CanvasObject {
	s.name = &widget.Entry{Text: name, PlaceHolder: lang.L("Your name, or scan your staff badge")}
	s.pin = &widget.Entry{Password: true, PlaceHolder: lang.L("PIN")}
	s.name.OnSubmitted = func(string) { s.u.win.Canvas().Focus(s.pin) }
	s.pin.OnSubmitted = func(string) { s.onSignIn() }
	s.button = &widget.Button{Text: lang.L("Sign in"), Icon: theme.LoginIcon(), Importance: widget.HighImportance, OnTapped: s.onSignIn}
	s.problem = &widget.Label{Text: note, Wrapping: fyne.TextWrapWord}
	title := &widget.Label{Text: s.u.event.Name, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText, Wrapping: fyne.TextWrapWord}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Operator"), s.name),
		widget.NewFormItem(lang.L("PIN"), s.pin),
	)
	box := container.NewVBox(title, &widget.Label{Text: lang.L("Sign in to work at this station.")}, form, s.button, s.problem)
	if demo.Is(s.u.event) {
		box.Add(s.demoOperators())
	}
	language := container.NewHBox(layout.NewSpacer(), widget.NewLabel(lang.L("Language")), s.u.languageView())
	return container.NewBorder(language, nil, nil, nil, container.NewCenter(container.NewGridWrap(fyne.NewSize(480, box.MinSize().Height), box)))
}

// demoOperators names the demo's operators with their roles and PINs, so
// that anyone trying the demo can sign in: a tap fills in the name.
func (s *signIn) demoOperators() fyne.CanvasObject {
	rows := container.NewVBox(&widget.Label{Text: lang.L("This is the demo. Its operators, with their PINs:"), TextStyle: fyne.TextStyle{Bold: true}})
	for _, o := range demo.Operators {
		rows.Add(&widget.Button{Text: lang.L("{{.Name}} ({{.Roles}}), PIN {{.PIN}}", map[string]any{"Name": o.Name, "Roles": rolesText(o.Roles), "PIN": o.PIN}),
			Alignment: widget.ButtonAlignLeading, Importance: widget.LowImportance, Icon: theme.AccountIcon(),
			OnTapped: func() {
				s.name.SetText(o.Name)
				s.u.win.Canvas().Focus(s.pin)
			}})
	}
	return rows
}

// onSignIn signs in the operator named, or whose badge was scanned, with
// the PIN typed; a wrong one is counted, and after five the operator waits.
// The PIN is checked in the background (its hash takes a moment, a server
// may be slow), the screen saying "Checking…" and the button greyed.
func (s *signIn) onSignIn() {
	if s.checking {
		return
	}
	who := strings.TrimSpace(s.name.Text)
	pin := strings.TrimSpace(s.pin.Text)
	s.pin.SetText("")
	if who == "" {
		s.problem.SetText(lang.L("Give your name, or scan your staff badge."))
		s.u.win.Canvas().Focus(s.name)
		return
	}
	s.checking = true
	s.button.Disable()
	s.problem.Importance = widget.MediumImportance
	s.problem.SetText(lang.L("Checking…"))
	store := s.u.store
	s.work.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), signInTimeout)
		defer cancel()
		var o data.Operator
		var err error
		if strings.HasPrefix(strings.ToUpper(who), credential.Prefix) {
			o, err = store.SignInWithBadge(ctx, strings.ToUpper(who), pin)
		} else {
			o, err = store.SignIn(ctx, who, pin)
		}
		return func() {
			s.checking = false
			s.button.Enable()
			switch {
			case s.u.signIn != s: // the screen was left meanwhile
			case err != nil:
				s.problem.Importance = widget.DangerImportance
				s.problem.SetText(problemText(err))
				s.u.win.Canvas().Focus(s.pin)
			default:
				s.u.signedIn(o)
			}
		}
	})
}

// signedIn shows the stations the operator's roles open. The same operator
// back after the station locked finds the screens as they left them.
func (u *ui) signedIn(o data.Operator) {
	same := u.home != nil && u.operator.Name == o.Name
	u.operator = o
	u.signIn = nil
	u.touch()
	if same {
		u.win.SetContent(u.home)
		if u.desk != nil && u.chosen == u.tab(tabDesk) {
			u.win.Canvas().Focus(u.desk.search)
		}
		return
	}
	u.home = nil
	u.showHome()
}

// signOut closes the stations and goes back to the sign-in screen.
func (u *ui) signOut() {
	if u.door != nil {
		u.door.onClose()
	}
	u.operator, u.home = data.Operator{}, nil
	u.desk, u.badges, u.door, u.programme, u.overview, u.settings = nil, nil, nil, nil, nil, nil
	u.showSignIn("", "")
}

// lock goes back to the sign-in screen for the operator who was working,
// keeping their screens for when they sign in again.
func (u *ui) lock() {
	u.showSignIn(u.operator.Name, lang.L("This station locked itself: nobody used it for {{.Minutes}} min. Click the PIN box to sign in again.",
		map[string]any{"Minutes": u.idleMinutes()}))
}

// can reports whether the operator signed in may act as role. A station
// where nobody signs in (a door's station file) may do what its file lets it;
// an operator with no roles may do nothing.
func (u *ui) can(role data.Role) bool {
	return u.stationFile || u.operator.Roles.Has(role)
}

// onlyFor hides the objects unless the operator signed in may act as role:
// what someone may not do is not offered.
func (u *ui) onlyFor(role data.Role, objects ...fyne.CanvasObject) {
	if u.can(role) {
		return
	}
	for _, o := range objects {
		o.Hide()
	}
}

// mayOpen reports whether the operator signed in may open the named tab.
func (u *ui) mayOpen(tab string) bool {
	for _, role := range tabRoles[tab] {
		if u.can(role) {
			return true
		}
	}
	return false
}

// tabRoles are the roles that open each tab. A viewer looks at the desk,
// the badges, the programme and the overview, and the store refuses their
// changes.
var tabRoles = map[string][]data.Role{
	tabDesk:      {data.RoleDesk, data.RoleViewer},
	tabBadges:    {data.RolePrinting, data.RoleViewer},
	tabDoor:      {data.RoleDoor},
	tabProgramme: {data.RoleAdmin, data.RoleViewer},
	tabOverview:  {data.RoleAdmin, data.RoleViewer},
	tabImport:    {data.RoleAdmin},
	tabSettings:  {data.RoleAdmin},
}

// actor is a context that tells the store who acts at this station, with
// their roles. Every change goes through it, so it also counts as activity.
func (u *ui) actor() context.Context {
	u.touch()
	return u.acting()
}

// acting is a context that tells the store who acts at this station, for
// work the station does by itself (a door keeping its station file
// current), which is no activity of the operator's.
func (u *ui) acting() context.Context {
	if u.stationFile {
		return data.WithActor(context.Background(), data.StationActor(u.operator.Name, stationName()))
	}
	return data.WithActor(context.Background(), data.Actor{Operator: u.operator.Name, Station: stationName(), Roles: u.operator.Roles})
}

// stationName is this station's name in the audit trail: the host's.
func stationName() string {
	name, _ := os.Hostname()
	return name
}

// signedInView is the header's part that chooses the language and says
// who is signed in, with the button that signs them out.
func (u *ui) signedInView() fyne.CanvasObject {
	if u.operator.Roles == nil { // a door's station file: nobody signs in
		return container.New(besideTabs{tabs: u.tabs}, u.languageView())
	}
	who := &widget.Label{Text: lang.L("Signed in: {{.Name}} ({{.Roles}})", map[string]any{"Name": u.operator.Name, "Roles": rolesText(u.operator.Roles)}),
		Truncation: fyne.TextTruncateEllipsis}
	u.signOutButton = &widget.Button{Text: lang.L("Sign out"), Icon: theme.LogoutIcon(), OnTapped: u.onSignOut}
	return container.New(besideTabs{tabs: u.tabs, who: who}, u.languageView(), who, u.signOutButton)
}

// besideTabs lays the header's language, who is signed in and Sign out
// side by side at the right of the tabs' row, each as wide as it needs;
// when a long name or role leaves too little room, who is signed in is
// cut short (…) rather than drawn over the tabs.
type besideTabs struct {
	tabs *container.AppTabs
	who  *widget.Label
}

func (l besideTabs) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var size fyne.Size
	for _, o := range objects {
		size.Width += o.MinSize().Width + theme.Padding()
		size.Height = max(size.Height, o.MinSize().Height)
	}
	return size
}

func (l besideTabs) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	room := size.Width - tabBarWidth(l.tabs) - theme.Padding()
	for _, o := range objects {
		if o != l.who {
			room -= o.MinSize().Width + theme.Padding()
		}
	}
	x := size.Width
	for i := len(objects) - 1; i >= 0; i-- {
		o := objects[i]
		width := o.MinSize().Width
		if o == l.who {
			// A padding more than the text and its own spares it being cut
			// by a rounding.
			whole := fyne.MeasureText(l.who.Text, theme.TextSize(), l.who.TextStyle).Width + 2*theme.InnerPadding() + theme.Padding()
			width = max(width, min(whole, room))
		}
		x -= width
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(width, size.Height))
		x -= theme.Padding()
	}
}

// tabBarWidth is how wide the tabs' names stand in their row, as the tabs
// draw them: each name in bold within its padding, a padding between.
func tabBarWidth(tabs *container.AppTabs) float32 {
	if tabs == nil || len(tabs.Items) == 0 {
		return 0
	}
	width := -theme.Padding()
	for _, item := range tabs.Items {
		width += fyne.MeasureText(item.Text, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding() + theme.Padding()
	}
	return width
}

// onSignOut signs out, after a door or admin PIN when at an open door.
func (u *ui) onSignOut() {
	if u.atOpenDoor() {
		u.askKioskPIN(u.signOut)
		return
	}
	u.signOut()
}

// osUser is who runs the program, recorded at a door's station file,
// where nobody signs in.
func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "door"
}

package app

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"accred/resources"
)

// Languages the interface ships in, by code, with their own names.
var languages = []struct{ code, name string }{
	{"", "System"}, {"en", "English"}, {"fr", "Français"}, {"vi", "Tiếng Việt"},
}

const prefLanguage = "language"

// useLanguage makes the interface speak code ("en", "fr", "vi"), or the
// system's language when code is empty.
func useLanguage(code string) {
	if code != "" {
		os.Setenv("LANGUAGE", code)
		if v := firstEnv("LC_ALL", "LC_MESSAGES", "LANG"); v == "" || v == "C" || v == "POSIX" {
			os.Setenv("LC_ALL", code)
		}
	}
	if err := lang.AddTranslationsFS(resources.Translations, "translations"); err != nil {
		fyne.LogError("load translations", err)
	}
}

// languageChoice lists the languages the interface ships in, the
// station's chosen; choosing another speaks it at once.
func (u *ui) languageChoice() *widget.Select {
	current := u.app.Preferences().String(prefLanguage)
	var names []string
	selected := 0
	for i, l := range languages {
		name := l.name
		if l.code == "" {
			name = lang.L("Same as the system")
		}
		names = append(names, name)
		if l.code == current {
			selected = i
		}
	}
	choice := widget.NewSelect(names, nil)
	choice.SetSelectedIndex(selected)
	choice.OnChanged = func(string) { u.setLanguage(languages[choice.SelectedIndex()].code) }
	return choice
}

// languageView is languageChoice, as wide as its longest name needs.
func (u *ui) languageView() fyne.CanvasObject {
	choice := u.languageChoice()
	var width float32
	for _, name := range choice.Options {
		width = max(width, fyne.MeasureText(name, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	// The select draws its name within a padding on each side, beside its
	// icon; one padding more spares the name being cut by a rounding.
	width += theme.IconInlineSize() + theme.InnerPadding() + 5*theme.Padding()
	return container.NewGridWrap(fyne.NewSize(width, choice.MinSize().Height), choice)
}

// setLanguage keeps code as the station's language and shows the screen
// again in it: the sign-in with the name typed, or the same tab.
func (u *ui) setLanguage(code string) {
	u.app.Preferences().SetString(prefLanguage, code)
	useLanguage(code)
	u.touch()
	switch {
	case u.signIn != nil:
		u.showSignIn(u.signIn.name.Text, "")
	case u.tabs != nil && u.home != nil:
		u.showHomeKeepingTab()
	default:
		u.showHome()
	}
}

// currentLanguage is the two-letter code of the language in use.
func currentLanguage() string {
	switch l := lang.L("language-code"); l {
	case "fr", "vi":
		return l
	}
	return "en"
}

func firstEnv(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}

// number writes n with the digit grouping of the language in use (3,170;
// 3 170; 3.170).
func number(n int) string {
	return message.NewPrinter(language.Make(currentLanguage())).Sprintf("%d", n)
}

package app

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
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

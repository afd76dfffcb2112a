package msg_test

import (
	"slices"
	"strings"
	"testing"

	"accred/data/msg"
)

var (
	greeting = msg.Define("Hello {{.Name}}, you have {{.Count}} badges.")
	plain    = msg.Define("Nothing was changed.")
	quoting  = msg.Define("Line {{.Line}}: {{.Reason}}")
)

func TestEnglishRendersTheTemplate(t *testing.T) {
	if got := greeting.With(msg.Args{"Name": "Lan", "Count": 3}).String(); got != "Hello Lan, you have 3 badges." {
		t.Fatalf("rendered %q", got)
	}
	if got := plain.Msg().String(); got != "Nothing was changed." {
		t.Fatalf("plain %q", got)
	}
	if got := greeting.With(msg.Args{"Name": "Lan"}).String(); got != greeting.String() {
		t.Fatalf("a missing value gives %q, want the template as it is", got)
	}
	if got := (msg.Message{}).String(); got != "" {
		t.Fatalf("no message: %q", got)
	}
}

func TestRenderWordsQuotedMessagesInTheSameLanguage(t *testing.T) {
	upper := func(key string, args msg.Args) string { return strings.ToUpper(msg.English(key, args)) }
	m := quoting.With(msg.Args{"Line": 4, "Reason": plain.Msg()})
	if got := m.Render("en", upper); got != "LINE 4: NOTHING WAS CHANGED." {
		t.Fatalf("rendered %q", got)
	}
	named := quoting.With(msg.Args{"Line": 4, "Reason": island{}})
	if got := named.Render("fr", msg.English); got != "Line 4: Islande" {
		t.Fatalf("a named value in French: %q", got)
	}
	if got := named.String(); got != "Line 4: Iceland" {
		t.Fatalf("a named value in English: %q", got)
	}
	if _, still := m.Args["Reason"].(msg.Message); !still {
		t.Fatal("rendering changed the message's own values")
	}
}

type island struct{}

func (island) Name(lang string) string {
	return map[string]string{"en": "Iceland", "fr": "Islande"}[lang]
}

func TestKeysListsEveryDeclaredMessage(t *testing.T) {
	keys := msg.Keys()
	for _, k := range []msg.Key{greeting, plain, quoting} {
		if !slices.Contains(keys, k.String()) {
			t.Errorf("%q is not in the catalogue", k)
		}
	}
}

func TestDefineRefusesABrokenTemplate(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("a template that does not parse was accepted")
		}
	}()
	msg.Define("Hello {{.Name")
}

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

var (
	problems = msg.DefinePlural("Count", "{{.Count}} problem", "{{.Count}} problems")
	report   = msg.Define("The file was not imported: {{.Problems}} on {{.Lines}}.")
)

func TestEnglishCountsInTheFormOfTheNumber(t *testing.T) {
	lines := msg.DefinePlural("Count", "{{.Count}} line", "{{.Count}} lines")
	for _, c := range []struct {
		problems, lines int
		want            string
	}{
		{1, 1, "The file was not imported: 1 problem on 1 line."},
		{2, 1, "The file was not imported: 2 problems on 1 line."},
		{2, 2, "The file was not imported: 2 problems on 2 lines."},
		{0, 0, "The file was not imported: 0 problems on 0 lines."},
	} {
		m := report.With(msg.Args{"Problems": problems.With(msg.Args{"Count": c.problems}), "Lines": lines.With(msg.Args{"Count": c.lines})})
		if got := m.String(); got != c.want {
			t.Errorf("%d, %d: %q, want %q", c.problems, c.lines, got, c.want)
		}
	}
	if got := problems.With(msg.Args{}).String(); got != problems.String() {
		t.Errorf("no count gives %q, want the template as it is", got)
	}
}

func TestCountIsKnownOnlyForMessagesThatCount(t *testing.T) {
	if n, ok := msg.Count(problems.String(), msg.Args{"Count": 2}); !ok || n != 2 {
		t.Errorf("a message that counts: %d, %v", n, ok)
	}
	if _, ok := msg.Count(greeting.String(), msg.Args{"Count": 2}); ok {
		t.Error("a message that does not count was given a count")
	}
	if _, ok := msg.Count(problems.String(), msg.Args{"Count": "2"}); ok {
		t.Error("a count that is no number was taken")
	}
}

func TestFormFollowsEachLanguagesRules(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "other"}, {"en", 1, "one"}, {"en", 2, "other"}, {"en", 21, "other"},
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "other"}, {"fr", 21, "other"},
		{"vi", 0, "other"}, {"vi", 1, "other"}, {"vi", 2, "other"},
	} {
		if got := msg.Form(c.lang, c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

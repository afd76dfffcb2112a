// Package msg holds the sentences a person reads: each is declared once as a
// Key, whose English template (with {{.Name}} placeholders) is also its
// translation key, and travels as a Message, the key with its values. The
// desktop app words a message in the person's language; the command line and
// the logs word it in English, from the same template.
package msg

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"text/template"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Key is a message's English template. Keys are made only by Define, so
// that the catalogue holds every sentence the program can say.
type Key struct{ text string }

// Args are the values a message names, by placeholder.
type Args = map[string]any

// Message is a sentence to word: its key and the values it names.
type Message struct {
	Key  Key
	Args Args
}

// Translator words a key's template with its values in some language.
type Translator func(key string, args Args) string

// Named is a value that has a name in each language, such as a country: a
// message names it in the language it is worded in.
type Named interface {
	Name(lang string) string
}

var catalogue = struct {
	sync.Mutex
	templates map[string]*template.Template
	counts    map[string]counting
}{templates: map[string]*template.Template{}, counts: map[string]counting{}}

// counting is what the catalogue knows of a message that counts: the
// placeholder holding the number, and the English template for any number
// but one.
type counting struct {
	count string
	other *template.Template
}

// Define declares a message by its English template and returns its key.
// Packages declare their messages as package-level variables, so that every
// key is in the catalogue once the program starts; two packages that say the
// same sentence share its key. It panics on a template that does not parse.
func Define(text string) Key {
	catalogue.Lock()
	defer catalogue.Unlock()
	catalogue.templates[text] = parse(text)
	return Key{text}
}

// DefinePlural declares a message that counts, such as "{{.Count}}
// problem", by its English templates for a count of one and for any other
// count; count names the placeholder that holds the number. The first
// template is its key. Its translations give the plural forms their
// language needs ("one", "other"), as the app's own counting sentences do;
// a sentence that counts two things quotes two such messages.
func DefinePlural(count, one, other string) Key {
	catalogue.Lock()
	defer catalogue.Unlock()
	catalogue.templates[one] = parse(one)
	catalogue.counts[one] = counting{count: count, other: parse(other)}
	return Key{one}
}

func parse(text string) *template.Template {
	return template.Must(template.New("").Option("missingkey=error").Parse(text))
}

// Count is the number a message that counts names among args, and whether
// key is such a message and args name a whole number.
func Count(key string, args Args) (int, bool) {
	catalogue.Lock()
	c, ok := catalogue.counts[key]
	catalogue.Unlock()
	if !ok {
		return 0, false
	}
	switch n := args[c.count].(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	}
	return 0, false
}

// Form is the plural form a count of n takes in lang, by the Unicode CLDR's
// rules: "one" (1 in English; 0 and 1 in French) or "other" (every count in
// Vietnamese).
func Form(lang string, n int) string {
	if plural.Cardinal.MatchPlural(language.Make(lang), n, 0, 0, 0, 0) == plural.One {
		return "one"
	}
	return "other"
}

// Keys returns the template of every declared message, sorted.
func Keys() []string {
	catalogue.Lock()
	defer catalogue.Unlock()
	keys := make([]string, 0, len(catalogue.templates))
	for k := range catalogue.templates {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// String is the key's English template.
func (k Key) String() string { return k.text }

// IsZero reports whether k is no key at all.
func (k Key) IsZero() bool { return k.text == "" }

// With returns the message of k naming args.
func (k Key) With(args Args) Message { return Message{Key: k, Args: args} }

// Msg returns the message of k, which names no value.
func (k Key) Msg() Message { return Message{Key: k} }

// IsZero reports whether m is no message at all.
func (m Message) IsZero() bool { return m.Key.IsZero() }

// String words m in English.
func (m Message) String() string { return m.Render("en", English) }

// Render words m in lang with t. A message among its values is worded with
// t first, and a Named value by its name in lang, so that a sentence and
// what it quotes read in one language.
func (m Message) Render(lang string, t Translator) string {
	if m.IsZero() {
		return ""
	}
	var args Args
	for name, v := range m.Args {
		var word string
		switch v := v.(type) {
		case Message:
			word = v.Render(lang, t)
		case Named:
			word = v.Name(lang)
		default:
			continue
		}
		if args == nil {
			args = maps.Clone(m.Args)
		}
		args[name] = word
	}
	if args == nil {
		args = m.Args
	}
	return t(m.Key.text, args)
}

// English words a declared template with args: the text the command line
// prints, a message that counts in the form its number takes. A value the template names but args lack leaves the template as it
// is, rather than a half-worded sentence.
func English(key string, args Args) string {
	catalogue.Lock()
	t := catalogue.templates[key]
	other := catalogue.counts[key].other
	catalogue.Unlock()
	if n, ok := Count(key, args); ok && Form("en", n) == "other" {
		t = other
	}
	if t == nil || !strings.Contains(key, "{{") {
		return key
	}
	var b strings.Builder
	if err := t.Execute(&b, args); err != nil {
		return key
	}
	return b.String()
}

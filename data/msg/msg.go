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
}{templates: map[string]*template.Template{}}

// Define declares a message by its English template and returns its key.
// Packages declare their messages as package-level variables, so that every
// key is in the catalogue once the program starts; two packages that say the
// same sentence share its key. It panics on a template that does not parse.
func Define(text string) Key {
	catalogue.Lock()
	defer catalogue.Unlock()
	catalogue.templates[text] = template.Must(template.New("").Option("missingkey=error").Parse(text))
	return Key{text}
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
// prints. A value the template names but args lack leaves the template as it
// is, rather than a half-worded sentence.
func English(key string, args Args) string {
	catalogue.Lock()
	t := catalogue.templates[key]
	catalogue.Unlock()
	if t == nil || !strings.Contains(key, "{{") {
		return key
	}
	var b strings.Builder
	if err := t.Execute(&b, args); err != nil {
		return key
	}
	return b.String()
}

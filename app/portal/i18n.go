package portal

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"text/template"

	"accred/data/msg"
	"accred/resources"
)

// Languages are the portal's languages, in the order they are offered.
var Languages = []string{"en", "fr", "vi"}

// languageNames name each language in itself, for the switch on every page.
var languageNames = map[string]string{"en": "English", "fr": "Français", "vi": "Tiếng Việt"}

// catalogue holds, for each language, the portal's own sentences and the
// sentences of the data packages (their errors, statuses and reasons), as
// the desktop app words them: one translation for what both say.
type catalogue struct {
	tables map[string]map[string]string
	mu     sync.Mutex
	parsed map[string]*template.Template
}

func loadCatalogue() (*catalogue, error) {
	c := &catalogue{tables: map[string]map[string]string{}, parsed: map[string]*template.Template{}}
	for _, code := range Languages[1:] {
		table := map[string]string{}
		for _, file := range []struct {
			fs   interface{ ReadFile(string) ([]byte, error) }
			path string
		}{{resources.Translations, "translations/" + code + ".json"}, {resources.PortalTranslations, "portal/" + code + ".json"}} {
			raw, err := file.fs.ReadFile(file.path)
			if err != nil {
				return nil, err
			}
			var entries map[string]any
			if err := json.Unmarshal(raw, &entries); err != nil {
				return nil, fmt.Errorf("%s: %w", file.path, err)
			}
			for k, v := range entries {
				switch v := v.(type) {
				case string:
					table[k] = v
				case map[string]any: // plural forms, of a sentence that counts
					for form, text := range v {
						table[pluralKey(k, form)], _ = text.(string)
					}
				}
			}
		}
		c.tables[code] = table
	}
	return c, nil
}

// pluralKey is where a table keeps one plural form of a sentence that
// counts: "other" under the sentence's own key.
func pluralKey(key, form string) string {
	if form == "other" {
		return key
	}
	return key + "\x00" + form
}

// translator words a key in lang, its placeholders filled from args, a
// sentence that counts in the plural form of its number; a key not
// translated is worded in English.
func (c *catalogue) translator(lang string) msg.Translator {
	return func(key string, args msg.Args) string {
		entry := key
		if n, counts := msg.Count(key, args); counts {
			if form := pluralKey(key, msg.Form(lang, n)); c.tables[lang][form] != "" {
				entry = form
			}
		}
		text, ok := c.tables[lang][entry]
		if !ok {
			if english := msg.English(key, args); english != key || !strings.Contains(key, "{{") {
				return english // a message of the catalogue, or a plain sentence
			}
			text = key // one of the portal's own, worded below
		}
		if !strings.Contains(text, "{{") {
			return text
		}
		c.mu.Lock()
		t := c.parsed[lang+"\x00"+entry]
		if t == nil {
			var err error
			if t, err = template.New("").Option("missingkey=zero").Parse(text); err != nil {
				c.mu.Unlock()
				return msg.English(key, args)
			}
			c.parsed[lang+"\x00"+entry] = t
		}
		c.mu.Unlock()
		var b strings.Builder
		if err := t.Execute(&b, args); err != nil {
			return msg.English(key, args)
		}
		return b.String()
	}
}

// T words one of the portal's own sentences in lang: key is its English
// template, args its values as name, value pairs.
func (c *catalogue) T(lang, key string, args ...any) string {
	m := msg.Args{}
	for i := 0; i+1 < len(args); i += 2 {
		name, _ := args[i].(string)
		m[name] = args[i+1]
	}
	return c.translator(lang)(key, m)
}

// word words a message of the data packages in lang.
func (c *catalogue) word(lang string, m msg.Message) string {
	return m.Render(lang, c.translator(lang))
}

// languageOf is the language a request asks for: the one chosen on the
// portal (a cookie), else the first of the browser's the portal speaks,
// else English.
func languageOf(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && languageNames[c.Value] != "" {
		return c.Value
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if languageNames[base] != "" {
			return base
		}
	}
	return "en"
}

const langCookie = "accred_lang"

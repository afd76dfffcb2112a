package data

import (
	"strconv"
	"strings"
	"sync"
)

// rebound keeps each statement once rewritten: the store runs the same few
// hundred statements over and over.
var rebound sync.Map // string → string

// rebind rewrites the store's portable placeholders for PostgreSQL: each
// ? becomes $1, $2 … in order, and ?N becomes $N. Question marks inside
// quoted text, quoted names, dollar-quoted bodies ($$ … $$, $tag$ … $tag$)
// and comments (-- to the end of the line, /* … */) are left alone.
func rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query // nothing to rewrite, nor to keep (a login's password among them)
	}
	if q, ok := rebound.Load(query); ok {
		return q.(string)
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	next := 1
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			end := strings.IndexByte(query[i+1:], c)
			if end < 0 {
				b.WriteString(query[i:])
				i = len(query)
				continue
			}
			b.WriteString(query[i : i+end+2])
			i += end + 1
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			end := strings.IndexByte(query[i:], '\n')
			if end < 0 {
				end = len(query) - i
			}
			b.WriteString(query[i : i+end])
			i += end - 1
		case c == '/' && i+1 < len(query) && query[i+1] == '*':
			end := strings.Index(query[i+2:], "*/")
			if end < 0 {
				end = len(query) - i - 4
			}
			b.WriteString(query[i : i+end+4])
			i += end + 3
		case c == '$' && dollarTag(query[i:]) != "":
			tag := dollarTag(query[i:])
			end := strings.Index(query[i+len(tag):], tag)
			if end < 0 {
				b.WriteString(query[i:])
				i = len(query)
				continue
			}
			b.WriteString(query[i : i+len(tag)+end+len(tag)])
			i += len(tag) + end + len(tag) - 1
		case c == '?':
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			b.WriteByte('$')
			if j > i+1 {
				b.WriteString(query[i+1 : j])
			} else {
				b.WriteString(strconv.Itoa(next))
				next++
			}
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	q := b.String()
	rebound.Store(query, q)
	return q
}

// dollarTag is the tag a dollar-quoted body starts with at the start of s
// ($$ or $name$), or "" when s starts with no such tag ($1 is a parameter).
func dollarTag(s string) string {
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '$':
			return s[:i+1]
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 1 && c >= '0' && c <= '9':
		default:
			return ""
		}
	}
	return ""
}

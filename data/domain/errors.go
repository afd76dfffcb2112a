// Package domain holds what an event is made of (participants, their
// statuses and affiliations, categories, sessions, zones, operators' roles,
// nominations) and the rules of their shape: how each is written, tidied
// and checked. It keeps nothing: the store in package data does, and the
// rulebook in data/rules decides what may happen to them. It imports no SQL
// and no Fyne.
package domain

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"accred/data/msg"
)

// Error codes a caller can act on.
const (
	EINVALID   = "invalid"   // the input breaks a rule; Fields says where
	ENOTFOUND  = "notfound"  // the thing asked for does not exist
	ECONFLICT  = "conflict"  // the change clashes with what is already there
	EINTERNAL  = "internal"  // a fault of the program or the machine
	EFORBIDDEN = "forbidden" // the operator's roles do not allow it
)

// Error is an error a person can read and act on: its message is worded in
// English by Error, and in the person's language by the app.
type Error struct {
	Code    string
	Message msg.Message
	Fields  []FieldError
}

// FieldError says what is wrong with one field. Line is the file line it came
// from, when the input came from a file.
type FieldError struct {
	Line   int
	Field  string
	Reason msg.Message
}

func (e FieldError) String() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "%s: ", e.Field)
	}
	b.WriteString(e.Reason.String())
	return b.String()
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message.String()
	}
	lines := []string{e.Message.String()}
	for _, f := range e.Fields {
		lines = append(lines, "  "+f.String())
	}
	return strings.Join(lines, "\n")
}

// NewError returns an *Error with code and the message of key naming args.
func NewError(code string, key msg.Key, args msg.Args) *Error {
	return &Error{Code: code, Message: key.With(args)}
}

// ErrorMessage returns the message of an *Error in err's chain, and whether
// there is one.
func ErrorMessage(err error) (msg.Message, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e.Message, true
	}
	return msg.Message{}, false
}

// ErrorCode returns the code of an *Error in err's chain, or EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EINTERNAL
}

// ErrorFields returns the field errors of an *Error in err's chain.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Problems collects field errors and returns them as one EINVALID error.
type Problems []FieldError

// Add adds the reason field is wrong.
func (v *Problems) Add(field string, reason msg.Key) {
	*v = append(*v, FieldError{Field: field, Reason: reason.Msg()})
}

// Err returns the problems as one EINVALID error with message, or nil
// when there are none.
func (v Problems) Err(message msg.Key) error {
	if len(v) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: message.Msg(), Fields: v}
}

var fieldOrder = map[string]int{
	FieldCategory: 1, FieldTitle: 2, FieldGivenName: 3, FieldFamilyName: 4, FieldNativeName: 5, FieldNationality: 6,
	FieldDelegation: 7, FieldOrganization: 8, FieldOrgKind: 9, FieldMediaOutlet: 10, FieldPosition: 11, FieldHead: 12, FieldRank: 12, FieldGender: 12,
	FieldEmail: 13, FieldDocumentNumber: 14, FieldDateOfBirth: 14, FieldPlaceOfBirth: 14, FieldConsent: 14, FieldPhoto: 15,
}

// SortFieldErrors puts field errors in the order of the form, so that
// messages come out the same every time.
func SortFieldErrors(v []FieldError) {
	sort.SliceStable(v, func(i, j int) bool {
		if v[i].Line != v[j].Line {
			return v[i].Line < v[j].Line
		}
		return fieldOrder[v[i].Field] < fieldOrder[v[j].Field]
	})
}

// Email adds a problem when s is neither empty nor a plain e-mail address
// (name@example.org).
func (v *Problems) Email(field, s string) {
	if s != "" && !isEmail(s) {
		v.Add(field, msgEmail)
	}
}

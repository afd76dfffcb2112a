// Package data holds Accred's domain types, their rules and the SQLite store
// that keeps them. It never imports Fyne.
package data

import (
	"database/sql"
	"errors"
	"fmt"
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

// invalid collects field errors and returns them as one EINVALID error.
type invalid []FieldError

func (v *invalid) add(field string, reason msg.Key) {
	*v = append(*v, FieldError{Field: field, Reason: reason.Msg()})
}

func (v invalid) err(message msg.Key) error {
	if len(v) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: message.Msg(), Fields: v}
}

// notFound words a failed lookup: sql.ErrNoRows becomes ENOTFOUND with the
// given message; any other failure (a busy or broken database, a cancelled
// context) stays an internal error that says what was being done.
func notFound(err error, doing string, key msg.Key, args msg.Args) error {
	if errors.Is(err, sql.ErrNoRows) {
		return NewError(ENOTFOUND, key, args)
	}
	return fmt.Errorf("%s: %w", doing, err)
}

// errNoEvent is the answer of every method that needs an event in a
// database that holds none yet.
func errNoEvent() error {
	return NewError(ENOTFOUND, msgNoEvent, nil)
}

// errNoParticipant is the answer for a badge number nobody holds.
func errNoParticipant(id int64) error {
	return NewError(ENOTFOUND, msgNoParticipant, badgeArgs(id))
}

// notFoundParticipant words a failed read of participant id.
func notFoundParticipant(err error, doing string, id int64) error {
	return notFound(err, doing, msgNoParticipant, badgeArgs(id))
}

// badgeArgs names a badge number in a message, as {{.Number}}.
func badgeArgs(id int64) msg.Args { return msg.Args{"Number": BadgeNumber(id)} }

var (
	msgNoEvent       = msg.Define("This database holds no event yet. Create one with 'accred init' or 'accred demo'.")
	msgNoParticipant = msg.Define("No participant has badge number {{.Number}}.")
)

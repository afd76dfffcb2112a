// Package data holds Accred's domain types, their rules and the SQLite store
// that keeps them. It never imports Fyne.
package data

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Error codes a caller can act on.
const (
	EINVALID  = "invalid"  // the input breaks a rule; Fields says where
	ENOTFOUND = "notfound" // the thing asked for does not exist
	ECONFLICT = "conflict" // the change clashes with what is already there
	EINTERNAL = "internal" // a fault of the program or the machine
)

// Error is an error a person can read and act on.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
}

// FieldError says what is wrong with one field. Line is the file line it came
// from, when the input came from a file.
type FieldError struct {
	Line   int
	Field  string
	Reason string
}

func (e FieldError) String() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "%s: ", e.Field)
	}
	b.WriteString(e.Reason)
	return b.String()
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	lines := []string{e.Message}
	for _, f := range e.Fields {
		lines = append(lines, "  "+f.String())
	}
	return strings.Join(lines, "\n")
}

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
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

func (v *invalid) add(field, reason string) {
	*v = append(*v, FieldError{Field: field, Reason: reason})
}

func (v invalid) err(message string) error {
	if len(v) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: message, Fields: v}
}

// notFound words a failed lookup: sql.ErrNoRows becomes ENOTFOUND with the
// given message; any other failure (a busy or broken database, a cancelled
// context) stays an internal error that says what was being done.
func notFound(err error, doing string, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return Errorf(ENOTFOUND, format, args...)
	}
	return fmt.Errorf("%s: %w", doing, err)
}

// errNoEvent is the answer of every method that needs an event in a
// database that holds none yet.
func errNoEvent() error {
	return Errorf(ENOTFOUND, "This database holds no event yet. Create one with 'accred init' or 'accred demo'.")
}

// errNoParticipant is the answer for a badge number nobody holds.
func errNoParticipant(id int64) error {
	return Errorf(ENOTFOUND, "No participant has badge number %s.", BadgeNumber(id))
}

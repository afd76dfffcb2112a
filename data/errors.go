package data

import (
	"database/sql"
	"errors"
	"fmt"

	"accred/data/domain"
	"accred/data/msg"
)

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

// notImported is the refusal of a file with problems on some of its lines,
// worded by refusal ("The file was not imported: 2 problems on 1 line…"),
// its problems in the order of the lines.
func notImported(refusal msg.Key, problems []FieldError) error {
	domain.SortFieldErrors(problems)
	lines := map[int]bool{}
	for _, p := range problems {
		lines[p.Line] = true
	}
	return &Error{Code: EINVALID, Fields: problems, Message: refusal.With(msg.Args{
		"Problems": msgProblems.With(msg.Args{"Count": len(problems)}),
		"Lines":    msgLines.With(msg.Args{"Count": len(lines)})})}
}

var (
	msgNoEvent       = msg.Define("This database holds no event yet. Create one with 'accred init' or 'accred demo'.")
	msgNoParticipant = msg.Define("No participant has badge number {{.Number}}.")
	msgProblems      = msg.DefinePlural("Count", "{{.Count}} problem", "{{.Count}} problems")
	msgLines         = msg.DefinePlural("Count", "{{.Count}} line", "{{.Count}} lines")
)

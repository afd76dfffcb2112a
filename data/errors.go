package data

import (
	"database/sql"
	"errors"
	"fmt"

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

var (
	msgNoEvent       = msg.Define("This database holds no event yet. Create one with 'accred init' or 'accred demo'.")
	msgNoParticipant = msg.Define("No participant has badge number {{.Number}}.")
)

package data

import (
	"time"

	"accred/data/msg"
	"accred/data/rules"
)

// Words that messages name, so that a sentence and the words in it read in
// one language.

// moment is a time of day with its day and month: "08:30 on 25 Oct".
func moment(t time.Time) msg.Message { return rules.Moment(t) }

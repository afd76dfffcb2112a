package data

import (
	"time"

	"accred/data/msg"
)

// Words that messages name, so that a sentence and the words in it read in
// one language.

// Message is the status in words: "approved".
func (s Status) Message() msg.Message {
	if k, ok := statusWords[s]; ok {
		return k.Msg()
	}
	return msgWord.With(msg.Args{"Word": string(s)})
}

var statusWords = map[Status]msg.Key{
	StatusRegistered: msg.Define("registered"),
	StatusApproved:   msg.Define("approved"),
	StatusPrinted:    msg.Define("printed"),
	StatusCollected:  msg.Define("collected"),
	StatusRejected:   msg.Define("rejected"),
	StatusWithdrawn:  msg.Define("withdrawn"),
}

var msgWord = msg.Define("{{.Word}}")

// moment is a time of day with its day and month: "08:30 on 25 Oct".
func moment(t time.Time) msg.Message {
	return msgMoment.With(msg.Args{"Time": t.Format("15:04"), "Day": t.Day(), "Month": months[t.Month()-1].Msg()})
}

var msgMoment = msg.Define("{{.Time}} on {{.Day}} {{.Month}}")

var months = [12]msg.Key{
	msg.Define("Jan"), msg.Define("Feb"), msg.Define("Mar"), msg.Define("Apr"), msg.Define("May"), msg.Define("Jun"),
	msg.Define("Jul"), msg.Define("Aug"), msg.Define("Sep"), msg.Define("Oct"), msg.Define("Nov"), msg.Define("Dec"),
}

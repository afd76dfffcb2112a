package portal

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"accred/data"
	"accred/data/msg"
	"accred/data/roster"
)

// What a focal point does, whether through the pages or the API: each page
// and each API call goes through one of these, so that both decide alike.

// Status is where one of a group's people stands, as the portal tells it.
type Status string

// The statuses a focal point reads.
const (
	StatusRegistered    Status = "registered"
	StatusApproved      Status = "approved"
	StatusAwaiting      Status = "awaiting_clearance"
	StatusPrinted       Status = "printed"
	StatusCollected     Status = "collected"
	StatusRejected      Status = "rejected"
	StatusWithdrawn     Status = "withdrawn"
	StatusNotAccredited Status = "not_accredited"
)

// statusOfNominee is the status a focal point reads for p: approved people
// whose security clearance is pending await it; a refused clearance reads
// as the desk tells it to everyone but admins, not accredited.
func statusOfNominee(p data.Participant) Status {
	if p.Clearance == data.ClearanceRefused {
		return StatusNotAccredited
	}
	if p.Status == data.StatusApproved && p.Clearance == data.ClearancePending {
		return StatusAwaiting
	}
	return Status(p.Status)
}

// statusWords are the statuses in words, the portal's own sentences.
var statusWords = map[Status]string{
	StatusRegistered: "Registered", StatusApproved: "Approved", StatusAwaiting: "Awaiting security clearance",
	StatusPrinted: "Badge printed", StatusCollected: "Badge collected", StatusRejected: "Rejected",
	StatusWithdrawn: "Withdrawn", StatusNotAccredited: "Not accredited",
}

// formColumns are the template's columns a focal point fills: all but the
// group (theirs), photo files and zones (neither theirs to give).
var formColumns = slices.DeleteFunc(slices.Clone(roster.Columns), func(c string) bool {
	return c == data.FieldPhoto || c == data.FieldZones
})

// cellsOf is a participant's line of the template, by column, as the API
// gives it and the form shows it.
func cellsOf(p data.Participant) map[string]string {
	line := roster.Row(data.RosterEntry{Participant: p}, "")
	cells := make(map[string]string, len(formColumns))
	for i, c := range roster.Columns {
		if slices.Contains(formColumns, c) {
			cells[c] = line[i]
		}
	}
	return cells
}

// saveNominee registers (id 0) or corrects one of inv's group's people
// from cells named by the template's columns, read as a file's line is.
func (s *Server) saveNominee(ctx context.Context, inv data.PortalInvitation, id int64, cells map[string]string) (data.Participant, error) {
	row, err := roster.ReadCells(cells)
	if err != nil {
		return data.Participant{}, err
	}
	if len(row.Problems) > 0 {
		return data.Participant{}, &data.Error{Code: data.EINVALID, Message: msgNotSaved.Msg(), Fields: row.Problems}
	}
	var p data.Participant
	err = s.inTurn(ctx, func() (err error) {
		p, err = s.store.SaveNominee(ctx, inv, id, row.Input)
		return err
	})
	return p, err
}

// withdraw withdraws one of inv's group's people.
func (s *Server) withdraw(ctx context.Context, inv data.PortalInvitation, id int64) error {
	return s.inTurn(ctx, func() error { return s.store.WithdrawNominee(ctx, inv, id) })
}

// inTurn makes a change after the portal's changes under way. On a SQLite
// file they wait for each other here, in order, rather than in SQLite's
// busy handler, whose growing sleeps left some of 200 focal points waiting
// seconds; a server orders them itself.
func (s *Server) inTurn(ctx context.Context, change func() error) error {
	if s.store.OnServer() {
		return change()
	}
	select {
	case s.turn <- struct{}{}: // a place among those worked on is kept: the change comes next
	default:
		s.stepAside(ctx) // others read meanwhile
		select {
		case s.turn <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	defer func() { <-s.turn }()
	return change()
}

// importNominees reads a filled template (CSV or XLSX) sent as raw and
// imports it for inv's group, all or nothing.
func (s *Server) importNominees(ctx context.Context, inv data.PortalInvitation, raw []byte) (data.ImportReport, error) {
	rows, err := roster.ReadUpload(raw)
	if err != nil {
		return data.ImportReport{}, err
	}
	sum := sha256.Sum256(raw)
	var report data.ImportReport
	err = s.inTurn(ctx, func() (err error) {
		report, err = s.store.ImportNominees(ctx, inv, data.ImportSource{Name: "portal upload", SHA256: hex.EncodeToString(sum[:])}, rows)
		return err
	})
	return report, err
}

var msgNotSaved = msg.Define("Some details are missing or wrong.")

package domain

import (
	"time"

	"accred/data/document"
	"accred/data/msg"
)

// MaxNominationFile is the largest nomination file kept, in bytes.
const MaxNominationFile = document.MaxBytes

// Nomination is a delegation's or organisation's official nomination: a
// note verbale or a letter naming its participants.
type Nomination struct {
	Affiliation Affiliation
	Reference   string
	Date        string // YYYY-MM-DD
	FocalPoint  string
	Email       string
	FileSize    int // bytes of the kept PDF; 0: none
	RecordedAt  time.Time
	RecordedBy  string
}

// NominationInput is a nomination as recorded: Name is a country's code or
// name for a State's delegation, or an organisation's name.
type NominationInput struct {
	Name       string
	Reference  string
	Date       string
	FocalPoint string
	Email      string
	File       []byte // a PDF, or nothing
}

// Fields of a nomination, as named in its errors.
const (
	FieldNominationName = "name"
	FieldReference      = "reference"
	FieldDate           = "date"
	FieldFocalPoint     = "focal_point"
	FieldFile           = "file"
)

// Validate checks a nomination's fields and returns EINVALID naming each
// one that is wrong.
func (in NominationInput) Validate() error {
	var v Problems
	if in.Reference == "" {
		v.Add(FieldReference, msgNominationReference)
	}
	v.Text(FieldReference, NameText, in.Reference)
	if _, err := time.Parse(DateLayout, in.Date); err != nil {
		v.Add(FieldDate, msgNominationDate)
	}
	v.Text(FieldFocalPoint, NameText, in.FocalPoint)
	if in.Email != "" && !isEmail(in.Email) {
		v.Add(FieldEmail, msgEmail)
	}
	switch {
	case len(in.File) > MaxNominationFile:
		v.Add(FieldFile, msgNominationFileSize)
	case in.File != nil && !document.IsPDF(in.File):
		v.Add(FieldFile, msgNominationFilePDF)
	}
	return v.Err(msgNominationInvalid)
}

// Summary is the nomination as the audit trail writes it: its reference
// and date, and whether a focal point and a letter come with it (never
// their names, which a purge could not find outside a participant's lines).
func (in NominationInput) Summary() string {
	text := in.Reference + "; " + in.Date
	if in.FocalPoint != "" {
		text += "; focal point named"
	}
	if in.File != nil {
		text += "; letter kept"
	}
	return text
}

var (
	msgNominationInvalid   = msg.Define("The nomination was not recorded.")
	msgNominationReference = msg.Define("Give the nomination's reference (the note verbale's or letter's number).")
	msgNominationDate      = msg.Define("Write the nomination's date as YYYY-MM-DD.")
	msgNominationFilePDF   = msg.Define("The nomination file is not a PDF.")
	msgNominationFileSize  = msg.Define("The nomination file is larger than 15 MB.")
)

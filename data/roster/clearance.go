package roster

import (
	"path/filepath"

	"accred/data"
	"accred/data/msg"
)

// ClearanceAnswerColumns lists the columns of a security service's answer,
// all required.
var ClearanceAnswerColumns = []string{data.FieldDocumentNumber, data.FieldNationality, "result"}

// ReadClearance reads a security service's answer (.csv or .xlsx): each
// line a document number, its nationality and the result. The store checks
// the lines; a file that cannot be read, or whose header is wrong, gives
// EINVALID.
func ReadClearance(path string) ([]data.ClearanceAnswer, error) {
	records, lines, err := readTable(path)
	if err != nil {
		return nil, err
	}
	column, err := header(records, lines, ClearanceAnswerColumns, ClearanceAnswerColumns)
	if err != nil {
		return nil, err
	}
	var answers []data.ClearanceAnswer
	for i, rec := range records[1:] {
		if isBlank(rec) {
			continue
		}
		cell := func(name string) string {
			if i := column[name]; i < len(rec) {
				return rec[i]
			}
			return ""
		}
		answers = append(answers, data.ClearanceAnswer{Line: lines[i+1], DocumentNumber: cell(data.FieldDocumentNumber),
			Nationality: cell(data.FieldNationality), Result: cell("result")})
	}
	if len(answers) == 0 {
		return nil, data.NewError(data.EINVALID, msgNoAnswers, msg.Args{"File": filepath.Base(path)})
	}
	return answers, nil
}

var msgNoAnswers = msg.Define("{{.File}} holds no answer.")

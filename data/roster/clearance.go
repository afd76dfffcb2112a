package roster

import (
	"path/filepath"
	"slices"

	"accred/data"
	"accred/data/msg"
)

// ClearanceAnswerColumns lists the columns of a security service's answer,
// all required; a column "reason" may follow, kept in the trail.
var ClearanceAnswerColumns = []string{data.FieldDocumentNumber, data.FieldNationality, "result"}

// clearanceReason is the answer's column that may say why.
const clearanceReason = "reason"

// ReadClearance reads a security service's answer (.csv or .xlsx): each
// line a document number, its nationality and the result. The store checks
// the lines; a file that cannot be read, or whose header is wrong, gives
// EINVALID.
func ReadClearance(path string) ([]data.ClearanceAnswer, error) {
	records, lines, err := readTable(path)
	if err != nil {
		return nil, err
	}
	column, err := header(records, lines, slices.Concat(ClearanceAnswerColumns, []string{clearanceReason}), ClearanceAnswerColumns)
	if err != nil {
		return nil, err
	}
	var answers []data.ClearanceAnswer
	for i, rec := range records[1:] {
		if isBlank(rec) {
			continue
		}
		cell := func(name string) string {
			if i, ok := column[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		answers = append(answers, data.ClearanceAnswer{Line: lines[i+1], DocumentNumber: cell(data.FieldDocumentNumber),
			Nationality: cell(data.FieldNationality), Result: cell("result"), Reason: cell(clearanceReason)})
	}
	if len(answers) == 0 {
		return nil, data.NewError(data.EINVALID, msgNoAnswers, msg.Args{"File": filepath.Base(path)})
	}
	return answers, nil
}

var msgNoAnswers = msg.Define("{{.File}} holds no answer.")

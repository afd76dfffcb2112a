package data

import (
	"accred/data/domain"
	"accred/data/msg"
)

// validate reports EINVALID when the station or operator name of a scan
// does not fit NameText.
func (sc Scan) validate(operator string) error {
	var v domain.Problems
	v.Text("station", NameText, sc.Station)
	v.Text("operator", NameText, operator)
	return v.Err(msgScan)
}

var msgScan = msg.Define("The scan was not recorded.")

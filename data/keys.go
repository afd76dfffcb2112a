package data

import (
	"strconv"
	"strings"

	"accred/data/domain"
	"accred/data/search"
)

// storedKeys are what the store keeps beside a participant's details to
// find, order and tell them apart.
type storedKeys struct {
	document string // the document number in upper-case letters and digits
	name     string // the folded name terms in order, for duplicate warnings
	sort     string // family name, then given name, folded
	words    string // the words the participant is found under, but for their badge number
}

// keysOf are the keys the store keeps beside in's details.
func keysOf(in ParticipantInput) storedKeys {
	return storedKeys{
		document: domain.DocumentKey(in.DocumentNumber),
		name:     strings.Join(sortedCopy(search.Terms(in.GivenName+" "+in.FamilyName)), " "),
		sort:     search.Fold(in.FamilyName + " " + in.GivenName),
		words:    strings.Join(search.Words(in.GivenName, in.FamilyName, in.NativeName, in.DocumentNumber), " "),
	}
}

// searchWords adds the badge number to the words a participant is found under.
func (k storedKeys) searchWords(id int64) string {
	return k.words + " " + BadgeNumber(id) + " " + strconv.FormatInt(id, 10)
}

package data

import "sort"

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

var fieldOrder = map[string]int{
	FieldCategory: 1, FieldTitle: 2, FieldGivenName: 3, FieldFamilyName: 4, FieldNativeName: 5, FieldNationality: 6,
	FieldDelegation: 7, FieldOrganization: 8, FieldOrgKind: 9, FieldMediaOutlet: 10, FieldPosition: 11, FieldHead: 12, FieldRank: 12, FieldGender: 12,
	FieldEmail: 13, FieldDocumentNumber: 14, FieldDateOfBirth: 14, FieldPlaceOfBirth: 14, FieldConsent: 14, FieldPhoto: 15,
}

// sortFieldErrors puts field errors in the order of the form, so that
// messages come out the same every time.
func sortFieldErrors(v []FieldError) {
	sort.SliceStable(v, func(i, j int) bool {
		if v[i].Line != v[j].Line {
			return v[i].Line < v[j].Line
		}
		return fieldOrder[v[i].Field] < fieldOrder[v[j].Field]
	})
}

package data

import (
	"reflect"
	"testing"
)

// Every detail of a participant is recorded when it changes: a field
// added to ParticipantInput and not to auditedFields fails here.
func TestEveryInputFieldIsAudited(t *testing.T) {
	typ := reflect.TypeOf(ParticipantInput{})
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		if name == "Version" {
			continue
		}
		var changed ParticipantInput
		f := reflect.ValueOf(&changed).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("x")
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Int:
			f.SetInt(3)
		default:
			t.Fatalf("%s is a %s: teach this test and auditedFields about it", name, f.Kind())
		}
		if entries := editEntries(1, ParticipantInput{}, changed); len(entries) != 1 {
			t.Errorf("a change of %s records %d lines, want 1", name, len(entries))
		}
	}
}

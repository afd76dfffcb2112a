package data_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"accred/data"
)

func TestPersonRecordHoldsEveryFieldAndTheHistory(t *testing.T) {
	s := newStore(t)
	x := newPurgeScene(t, s)
	r, err := s.PersonRecord(ctx, x.ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Every column of the participant's row, with its value: a column added
	// later and not exported fails here.
	db := rawDB(t, s.Path())
	columns, rows := queryValues(t, db, fmt.Sprintf(`SELECT * FROM participants WHERE id = %d`, x.ana.ID))
	if len(rows) != 1 {
		t.Fatal("no row")
	}
	values := rows[0]
	if len(r.Participant) != len(columns) {
		t.Errorf("the record holds %d fields of the participant, the table %d", len(r.Participant), len(columns))
	}
	for i, column := range columns {
		got, ok := r.Participant[column]
		want := values[i]
		if !ok || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("participant's %s: %v, held %v", column, got, want)
		}
	}
	text, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, held := range []string{"Anabela", "Quixadá-Ferraz", "anabela.qf@itamaraty.example", "BRX4471902", "1971-03-09", "Petrópolis", "2025-09-01",
		"Quixadá-Ferrax", "anabela@oldmail.example", "lost it at the hotel", "door-1", "Brazil"} {
		if !strings.Contains(string(text), held) {
			t.Errorf("the record does not hold %q", held)
		}
	}
	for _, table := range []string{"status_changes", "badge_prints", "badge_reprints", "collections", "checkins", "presence", "audit"} {
		if len(r.History[table]) == 0 {
			t.Errorf("the record holds no %s", table)
		}
	}
	// Her trail: the 4 lines the scene writes, and her registration, photo,
	// approval, two prints, reprint, hand-over (and its status) and check-in.
	if len(r.History["badge_prints"]) != 2 || len(r.History["audit"]) != 13 {
		t.Errorf("prints %d, audit entries %d", len(r.History["badge_prints"]), len(r.History["audit"]))
	}
	if len(r.Photo) == 0 || !bytes.HasPrefix(r.Photo, []byte{0xFF, 0xD8}) {
		t.Errorf("the photo: %d bytes", len(r.Photo))
	}
	if strings.Contains(string(text), "Chloé") || strings.Contains(string(text), "Wolkenstein") {
		t.Error("the record holds someone else's data")
	}

	// Every table with rows about a participant is in the record: a table
	// added later and not exported fails here.
	query := `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
		WHERE m.type = 'table' AND c.name IN ('participant_id', 'collected_by')`
	if s.OnServer() {
		query = `SELECT table_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND column_name IN ('participant_id', 'collected_by')`
	}
	for _, table := range queryTexts(t, db, query) {
		if _, ok := r.History[table]; !ok && table != "photos" {
			t.Errorf("the record leaves out the table %s", table)
		}
	}

	if _, err := s.PersonRecord(ctx, 999); data.ErrorCode(err) != data.ENOTFOUND {
		t.Errorf("an unknown participant: %v", err)
	}
	desk := data.WithActor(ctx, data.Actor{Operator: "kim", Roles: data.Roles{data.RoleDesk}})
	if _, err := s.PersonRecord(desk, x.ana.ID); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Errorf("a desk operator's export: %v", err)
	}
}

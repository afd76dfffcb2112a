package data_test

import (
	"encoding/binary"
	"os"
	"testing"
	"time"

	"accred/data"
)

// TestMergeRefusesADamagedStationFile: a station file one of whose pages is
// damaged (PRAGMA integrity_check fails) is refused whole, before its
// signatures are looked at, even when its scans themselves still read.
func TestMergeRefusesADamagedStationFile(t *testing.T) {
	s := newStore(t)
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return start.Add(5 * time.Minute) }
	room := newSession(t, s, data.Session{Code: "SEM-1", Title: "Seminar", Kind: data.KindSeminar, Room: "A", Starts: start, Ends: start.Add(time.Hour)})
	var codes []string
	for _, doc := range []string{"B1", "B2", "B3"} {
		p := mustCreate(t, s, delegate("Ana", "Silva"+doc, "BR", doc))
		s.Approve(ctx, []int64{p.ID})
		codes = append(codes, printBadge(t, s, p.ID))
	}
	station, path := stationFile(t, s, room.ID)
	for _, code := range codes {
		if v, err := station.CheckIn(ctx, data.Scan{SessionID: room.ID, Code: code, Station: "door-2"}); err != nil || v.Kind != data.Accepted {
			t.Fatalf("%+v %v", v, err)
		}
	}
	var root int64
	if err := rawDB(t, path).QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = 'participants_name'`).Scan(&root); err != nil {
		t.Fatal(err)
	}
	station.Close()
	// The roster's name index, which no merge reads, loses its cells.
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int64(binary.BigEndian.Uint16(raw[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	page := raw[(root-1)*pageSize : root*pageSize]
	for i := len(page) - 200; i < len(page); i++ {
		page[i] = 0xA5
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	added, err := s.MergeStation(ctx, path)
	if data.ErrorCode(err) != data.EINVALID || added != 0 {
		t.Fatalf("a damaged station file: %d merged, %v", added, err)
	}
	if got, _ := s.Session(ctx, "SEM-1"); got.Present != 0 {
		t.Fatalf("%d counted inside from a damaged file", got.Present)
	}
}

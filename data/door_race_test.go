package data_test

import (
	"database/sql"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"accred/data"
)

// TestReprintRacingCheckInNeverAdmitsTheOldBadge races a reprint (at the
// desk) against a check-in of the old badge (at a door), each through its
// own store on the same SQLite file, many times. A trigger logs the order in
// which the two commit; an ACCEPTED check-in committed after the reprint let
// a replaced badge in.
func TestReprintRacingCheckInNeverAdmitsTheOldBadge(t *testing.T) {
	desk := newStore(t)
	door, err := data.Open(desk.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer door.Close()
	driver, triggers := "sqlite3", `CREATE TABLE race_log (id INTEGER PRIMARY KEY, what TEXT NOT NULL);
		CREATE TRIGGER log_reprint AFTER INSERT ON badge_reprints BEGIN INSERT INTO race_log (what) VALUES ('reprint'); END;
		CREATE TRIGGER log_checkin AFTER INSERT ON checkins BEGIN INSERT INTO race_log (what) VALUES (NEW.verdict); END;`
	if desk.OnServer() {
		// Writers of one event take turns (an advisory lock from the start
		// of each transaction), so the order of inserts is that of commits.
		driver, triggers = "pgx", `CREATE TABLE race_log (id BIGSERIAL PRIMARY KEY, what TEXT NOT NULL);
		CREATE FUNCTION log_reprint() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO race_log (what) VALUES ('reprint'); RETURN NEW; END $$;
		CREATE FUNCTION log_checkin() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO race_log (what) VALUES (NEW.verdict); RETURN NEW; END $$;
		CREATE TRIGGER log_reprint AFTER INSERT ON badge_reprints FOR EACH ROW EXECUTE FUNCTION log_reprint();
		CREATE TRIGGER log_checkin AFTER INSERT ON checkins FOR EACH ROW EXECUTE FUNCTION log_checkin();`
	}
	raw, err := sql.Open(driver, desk.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(triggers); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	desk.Now = func() time.Time { return start }
	door.Now = desk.Now
	room := newSession(t, desk, data.Session{Code: "PLEN-1", Title: "Plenary", Kind: data.KindPlenary, Room: "Hall", Starts: start, Ends: start.Add(time.Hour), RecordsExits: true})
	p := mustCreate(t, desk, delegate("Lost", "Badge", "FR", "1"))
	if err := desk.Approve(ctx, []int64{p.ID}); err != nil {
		t.Fatal(err)
	}

	const rounds = 300
	var wrong, accepted int
	var old string // the badge printed and not replaced yet, if any
	for round := 0; round < rounds; round++ {
		if old == "" {
			old = printBadge(t, desk, p.ID)
		}
		raw.Exec(`DELETE FROM race_log`)
		var wg sync.WaitGroup
		var v data.Verdict
		var checkErr, reprintErr error
		wg.Add(2)
		go func() {
			defer wg.Done()
			v, checkErr = door.CheckIn(ctx, data.Scan{SessionID: room.ID, Code: old, Station: "door-1"})
		}()
		go func() {
			defer wg.Done()
			_, reprintErr = desk.Reprint(ctx, p.ID, "lost")
		}()
		wg.Wait()
		if checkErr != nil || reprintErr != nil {
			t.Fatal(checkErr, reprintErr)
		}
		old = "" // replaced by the reprint
		var first string
		if err := raw.QueryRow(`SELECT what FROM race_log ORDER BY id LIMIT 1`).Scan(&first); err != nil {
			t.Fatal(err)
		}
		if v.Kind == data.Accepted {
			accepted++
			if first == "reprint" {
				wrong++
			}
			// Out again with the new badge, for the next round.
			old = printBadge(t, desk, p.ID)
			if v, err := door.CheckIn(ctx, data.Scan{SessionID: room.ID, Code: old, Station: "door-1", Exit: true}); err != nil || v.Kind != data.Accepted {
				t.Fatalf("out again: %+v %v", v, err)
			}
		}
	}
	if accepted == 0 {
		t.Fatal("no round let the old badge in before its reprint: the race was never run")
	}
	if wrong > 0 {
		t.Fatalf("%d of %d rounds admitted a badge already replaced (%d admitted in all)", wrong, rounds, accepted)
	}
	t.Logf("%d of %d rounds admitted the badge before its reprint", accepted, rounds)
}

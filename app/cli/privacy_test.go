package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"accred/data"
)

func TestExportPersonWritesANewFolderForTheOwner(t *testing.T) {
	dir := t.TempDir()
	db := printedDelegation(t, dir)
	if code, _, errs := run(t, db, "collect", "1", "--document", "FA-100200"); code != 0 {
		t.Fatal(errs)
	}
	folder := filepath.Join(dir, "ana")
	code, out, errs := run(t, db, "export", "person", "000001", "--out", folder)
	if code != 0 || !strings.Contains(out, "000001") {
		t.Fatalf("export person: %d %q %q", code, out, errs)
	}
	if info, err := os.Stat(folder); err != nil || info.Mode().Perm() != 0o700 {
		t.Fatalf("the folder: %v %v", info.Mode(), err)
	}
	entries, _ := os.ReadDir(folder)
	if len(entries) != 1 || entries[0].Name() != "person.json" {
		t.Fatalf("the folder holds %v", entries)
	}
	info, _ := os.Stat(filepath.Join(folder, "person.json"))
	if info.Mode().Perm() != 0o600 {
		t.Errorf("person.json is %v", info.Mode())
	}
	raw, _ := os.ReadFile(filepath.Join(folder, "person.json"))
	var record struct {
		BadgeNumber string                      `json:"badge_number"`
		Participant map[string]any              `json:"participant"`
		History     map[string][]map[string]any `json:"history"`
	}
	if err := json.Unmarshal(raw, &record); err != nil {
		t.Fatal(err)
	}
	if record.BadgeNumber != "000001" || record.Participant["family_name"] != "Silva" || record.Participant["document_number"] != "FA-100200" ||
		len(record.History["collections"]) != 1 || len(record.History["badge_prints"]) != 1 {
		t.Fatalf("person.json: %s", raw)
	}
	if bytes.Contains(raw, []byte("Costa")) {
		t.Error("person.json holds someone else")
	}
	if code, _, errs := run(t, db, "export", "person", "1", "--out", folder); code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("an export over an existing folder: %d %q", code, errs)
	}
	for _, args := range [][]string{{"export"}, {"export", "people"}, {"export", "person"}, {"export", "person", "x1"}, {"export", "person", "1", "2"}} {
		if code, _, _ := run(t, db, args...); code != 2 {
			t.Errorf("%v: exit %d", args, code)
		}
	}
	if code, _, errs := run(t, db, "export", "person", "99", "--out", filepath.Join(dir, "nobody")); code != 1 || !strings.Contains(errs, "000099") {
		t.Errorf("an unknown person: %d %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "nobody")); err == nil {
		t.Error("a refused export left a folder")
	}
}

func TestPurgeSaysWhatItRemovedAndKeepsTheCounts(t *testing.T) {
	dir := t.TempDir()
	db := printedDelegation(t, dir)
	if code, _, errs := run(t, db, "collect", "1", "--document", "FA-100200"); code != 0 {
		t.Fatal(errs)
	}
	_, stats, _ := run(t, db, "stats")
	for _, bad := range []string{"01/10/2025", "2025-02-30", "2999-01-01"} {
		if code, _, errs := run(t, db, "purge", "--before", bad); code != 1 || !strings.Contains(errs, "YYYY-MM-DD") {
			t.Errorf("purge before %q: %d %q", bad, code, errs)
		}
	}
	for _, args := range [][]string{{"purge"}, {"purge", "2025-10-01"}, {"purge", "--before", "2025-10-01", "x"}} {
		if code, _, _ := run(t, db, args...); code != 2 {
			t.Errorf("%v: exit %d", args, code)
		}
	}
	tomorrow := time.Now().UTC().AddDate(0, 0, 1).Format(time.DateOnly)
	code, out, errs := run(t, db, "purge", "--before", tomorrow)
	if code != 0 || !strings.Contains(out, "people\t4\n") || !strings.Contains(out, "names\t4\n") || !strings.Contains(out, "document numbers\t4\n") ||
		!strings.Contains(out, "collection documents\t1\n") || !strings.Contains(out, "photos\t0\n") {
		t.Fatalf("purge: %d %q %q", code, out, errs)
	}
	if _, after, _ := run(t, db, "stats"); after != stats {
		t.Errorf("the statistics changed:\n%s\n%s", stats, after)
	}
	if _, found, _ := run(t, db, "search", "silva"); found != "" {
		t.Errorf("still found by name: %q", found)
	}
	if _, found, _ := run(t, db, "search", "000001"); !strings.HasPrefix(found, "1\t000001\tdelegate") {
		t.Errorf("not found by badge number: %q", found)
	}
	if !data.IsServerURL(db) {
		raw, _ := os.ReadFile(db)
		wal, _ := os.ReadFile(db + "-wal")
		for _, secret := range []string{"Silva", "Nowak", "FA-100200", "PL-700800"} {
			if bytes.Contains(raw, []byte(secret)) || bytes.Contains(wal, []byte(secret)) {
				t.Errorf("the file still holds %q", secret)
			}
		}
	}
	if code, out, _ := run(t, db, "purge", "--before", tomorrow); code != 0 || !strings.Contains(out, "people\t0\n") {
		t.Errorf("purge again: %d %q", code, out)
	}
}

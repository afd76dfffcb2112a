package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"accred/data"
	"accred/data/pgtest"
)

// runIn runs the command line with --db and stdin.
func runIn(t *testing.T, db, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(ctx, append([]string{"--db", db}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestOperatorsCommand(t *testing.T) {
	db := pgtest.EventDB(t)
	if code, out, errs := runIn(t, db, "246810\n246810\n", "init", "--event", "Summit", "--start", "2025-10-25", "--end", "2025-10-26", "--admin", "Lan"); code != 0 || !strings.Contains(out, "added Lan (admin)") {
		t.Fatalf("init with an admin: %d %q %q", code, out, errs)
	}
	refusals := []struct {
		name, stdin string
		args        []string
		code        int
		says        string
	}{
		{"PIN as an argument", "", []string{"operators", "add", "Minh", "135791", "--role", "desk"}, 1, "never given on the command line"},
		{"PIN as a flag", "", []string{"operators", "add", "Minh", "--role", "desk", "--pin", "135791"}, 2, "usage"},
		{"PIN given once", "135791\n", []string{"operators", "add", "Minh", "--role", "desk"}, 1, "twice"},
		{"PINs differ", "135791\n135792\n", []string{"operators", "add", "Minh", "--role", "desk"}, 1, "differ"},
		{"short PIN", "1357\n1357\n", []string{"operators", "add", "Minh", "--role", "desk"}, 1, "6 to 12 digits"},
		{"letters in the PIN", "abcdef\nabcdef\n", []string{"operators", "add", "Minh", "--role", "desk"}, 1, "6 to 12 digits"},
		{"unknown role", "135791\n135791\n", []string{"operators", "add", "Minh", "--role", "guard"}, 1, "no role guard"},
		{"no role", "135791\n135791\n", []string{"operators", "add", "Minh"}, 1, "at least one role"},
		{"duplicate name", "135791\n135791\n", []string{"operators", "add", "LAN", "--role", "door"}, 1, "already an operator named LAN"},
		{"unknown operator named", "", []string{"--operator", "Nobody", "stats"}, 1, "no operator named Nobody"},
		{"disable nobody", "", []string{"operators", "disable", "Nobody"}, 1, "no operator named Nobody"},
		{"the last admin", "", []string{"operators", "disable", "Lan"}, 1, "last admin"},
		{"unknown verb", "", []string{"operators", "remove", "Lan"}, 2, "usage"},
	}
	for _, r := range refusals {
		code, _, errs := runIn(t, db, r.stdin, r.args...)
		if code != r.code || !strings.Contains(errs, r.says) {
			t.Errorf("%s: exit %d, %q", r.name, code, errs)
		}
	}
	for _, add := range [][]string{{"Minh", "desk"}, {"Huy", "door"}} {
		if code, _, errs := runIn(t, db, "135791\n135791\n", "--operator", "Lan", "operators", "add", add[0], "--role", add[1]); code != 0 {
			t.Fatalf("add %s: %s", add[0], errs)
		}
	}
	if code, _, errs := runIn(t, db, "112233\n112233\n", "operators", "add", "Mai", "--role", "viewer", "--operator", "Huy"); code != 1 || !strings.Contains(errs, "needs the admin role") {
		t.Fatalf("a door operator added an operator: %d %q", code, errs)
	}
	t.Setenv("ACCRED_OPERATOR", "Huy")
	if code, _, errs := runIn(t, db, "", "approve", "--all"); code != 1 || !strings.Contains(errs, "Huy may not do this") {
		t.Fatalf("a door operator approved: %d %q", code, errs)
	}
	t.Setenv("ACCRED_OPERATOR", "")
	if code, _, errs := runIn(t, db, "224466\n224466\n", "--operator=huy", "--station", "gate 2", "operators", "pin", "Huy"); code != 0 {
		t.Fatalf("an operator's own PIN: %s", errs)
	}
	if code, _, errs := runIn(t, db, "224466\n224466\n", "--operator", "Huy", "operators", "pin", "Minh"); code != 1 || !strings.Contains(errs, "admin") {
		t.Fatalf("a door operator changed another's PIN: %d %q", code, errs)
	}
	if code, _, errs := runIn(t, db, "", "--operator", "Lan", "operators", "disable", "Minh"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runIn(t, db, "", "--operator", "Minh", "stats"); code != 1 || !strings.Contains(errs, "disabled") {
		t.Fatalf("a disabled operator named: %d %q", code, errs)
	}
	code, out, _ := runIn(t, db, "", "operators", "list")
	for _, line := range []string{"Huy   door   active", "Lan   admin  active", "Minh  desk   disabled"} {
		if code != 0 || !strings.Contains(out, line) {
			t.Errorf("the list lacks %q:\n%s", line, out)
		}
	}
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SignIn(ctx, "Huy", "224466"); err != nil {
		t.Fatalf("the new PIN: %v", err)
	}
	trail, _ := s.AuditTrail(ctx, data.AuditFilter{Operator: "Huy"})
	if len(trail) != 1 || trail[0].Station != "gate 2" || trail[0].New != "new PIN" {
		t.Fatalf("the trail of Huy's change: %+v", trail)
	}
}

func TestInitWithABadAdminLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	for name, stdin := range map[string]string{"no PIN": "", "mismatch": "123456\n654321\n", "short": "123\n123\n"} {
		db := filepath.Join(dir, name+".db")
		if code, _, errs := runIn(t, db, stdin, "init", "--event", "Summit", "--start", "2025-10-25", "--end", "2025-10-26", "--admin", "Lan"); code != 1 || errs == "" {
			t.Errorf("%s: exit %d %q", name, code, errs)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Errorf("%s: a refused init left %s behind", name, db)
		}
	}
}

func TestGlobalFlagsStandAnywhere(t *testing.T) {
	t.Setenv("ACCRED_OPERATOR", "")
	g := splitGlobal([]string{"checkin", "--operator", "Huy", "--session", "PLEN-1", "--station=gate 1", "--db", "x.db"})
	if g.db != "x.db" || g.operator != "Huy" || g.station != "gate 1" || strings.Join(g.rest, " ") != "checkin --session PLEN-1" {
		t.Fatalf("%+v", g)
	}
	g = splitGlobal([]string{"--operator", "Lan", "audit", "--operator", "Huy"})
	if g.operator != "Lan" || strings.Join(g.rest, " ") != "audit --operator Huy" {
		t.Fatalf("audit's own --operator: %+v", g)
	}
	host, _ := os.Hostname()
	if g := splitGlobal([]string{"stats"}); g.station != host || g.operator != "" {
		t.Fatalf("defaults: %+v", g)
	}
}

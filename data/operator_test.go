package data_test

import (
	"strings"
	"testing"
	"time"

	"accred/data"
)

func TestAuditIsAppendOnly(t *testing.T) {
	s := newStore(t)
	if err := s.AddOperator(ctx, "Lan", data.Roles{data.RoleAdmin}, "246810"); err != nil {
		t.Fatal(err)
	}
	trail, err := s.AuditTrail(ctx, data.AuditFilter{})
	if err != nil || len(trail) != 1 || trail[0].Action != data.AuditOperator || trail[0].Field != "Lan" {
		t.Fatalf("the trail after adding an operator: %+v %v", trail, err)
	}
	db := rawDB(t, s.Path())
	for _, statement := range []string{`UPDATE audit SET new = 'forged'`, `DELETE FROM audit`} {
		if _, err := db.Exec(statement); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", statement, err)
		}
	}
	if s.OnServer() {
		if _, err := db.Exec(`TRUNCATE audit`); err == nil {
			t.Error("TRUNCATE audit was allowed")
		}
	}
	if after, _ := s.AuditTrail(ctx, data.AuditFilter{}); len(after) != 1 || after[0].New != trail[0].New {
		t.Fatalf("the trail changed: %+v", after)
	}
}

func TestSignIn(t *testing.T) {
	s := newStore(t)
	now := time.Date(2025, 10, 25, 8, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	if err := s.AddOperator(ctx, "Nguyen Thi Lan", data.Roles{data.RoleAdmin}, "246810"); err != nil {
		t.Fatal(err)
	}
	desk := data.WithActor(ctx, data.Actor{Operator: "Minh", Roles: data.Roles{data.RoleDesk}})
	if err := s.AddOperator(desk, "Minh", data.Roles{data.RoleDesk}, "135791"); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("a desk operator added an operator: %v", err)
	}
	for _, bad := range []struct{ name, pin string }{{"", "123456"}, {"Huy", "12345"}, {"Huy", "12345a"}, {"Huy", "1234567890123"}, {"nguyen  thi LAN", "123456"}} {
		if err := s.AddOperator(ctx, bad.name, data.Roles{data.RoleDoor}, bad.pin); err == nil {
			t.Errorf("operator %q PIN %q was accepted", bad.name, bad.pin)
		}
	}
	o, err := s.SignIn(ctx, "NGUYEN THI LAN", "246810")
	if err != nil || o.Name != "Nguyen Thi Lan" || !o.Roles.Has(data.RolePrinting) {
		t.Fatalf("sign in: %+v %v", o, err)
	}
	if _, err := s.SignIn(ctx, "Nobody", "246810"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("an unknown name: %v", err)
	}
	for i := 0; i < data.WrongPINs; i++ {
		if _, err := s.SignIn(ctx, "Nguyen Thi Lan", "000000"); data.ErrorCode(err) != data.EINVALID {
			t.Fatalf("wrong PIN %d: %v", i+1, err)
		}
	}
	if _, err := s.SignIn(ctx, "Nguyen Thi Lan", "246810"); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("the right PIN right after %d wrong ones: %v", data.WrongPINs, err)
	}
	if s.OnServer() {
		return // the server's clock tells the wait: TestSignInAnswersAlikeForEveryName
	}
	now = now.Add(data.PINWait)
	if _, err := s.SignIn(ctx, "Nguyen Thi Lan", "246810"); err != nil {
		t.Fatalf("after the wait: %v", err)
	}
}

func TestParseRoles(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"door", "door"}, {"Door, admin,door", "admin,door"}, {"viewer,printing,desk", "desk,printing,viewer"},
		{"", "!"}, {"guard", "!"}, {",", "!"},
	} {
		roles, err := data.ParseRoles(c.in)
		got := roles.String()
		if err != nil {
			got = "!"
		}
		if got != c.want {
			t.Errorf("ParseRoles(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

package data_test

import (
	"context"
	"path/filepath"
	"testing"

	"accred/data"
	"accred/data/pgtest"
)

// TestRolesAreChecked runs every method that changes data as an operator
// without its role, who is refused, and as one with it, who is not.
func TestRolesAreChecked(t *testing.T) {
	s := newStore(t)
	p := mustCreate(t, s, delegate("An", "Tran", "VN", "B1234567"))
	dir := t.TempDir()
	changes := []struct {
		name string
		role data.Role
		call func(ctx context.Context) error
	}{
		{"create participant", data.RoleDesk, func(ctx context.Context) error {
			_, err := s.CreateParticipant(ctx, delegate("Binh", "Le", "VN", "C7654321"), "x")
			return err
		}},
		{"edit participant", data.RoleDesk, func(ctx context.Context) error {
			_, err := s.UpdateParticipant(ctx, p.ID, delegate("An", "Tran", "VN", "B1234567"))
			return err
		}},
		{"approve", data.RoleDesk, func(ctx context.Context) error { return s.Approve(ctx, []int64{p.ID}, "x") }},
		{"approve all", data.RoleDesk, func(ctx context.Context) error { _, _, err := s.ApproveAll(ctx, "x"); return err }},
		{"reject", data.RoleDesk, func(ctx context.Context) error {
			_, err := s.SetStatus(ctx, p.ID, data.StatusRejected, "x", "test")
			return err
		}},
		{"photo", data.RoleDesk, func(ctx context.Context) error { return s.SetPhoto(ctx, p.ID, []byte("not a photo")) }},
		{"collect", data.RoleDesk, func(ctx context.Context) error {
			_, err := s.CollectBadge(ctx, p.ID, data.CollectInput{Document: "B1234567"})
			return err
		}},
		{"mark printed", data.RolePrinting, func(ctx context.Context) error {
			return s.MarkPrinted(ctx, []data.Printed{{ID: p.ID, Issue: 1}}, "x")
		}},
		{"record a print job", data.RolePrinting, func(ctx context.Context) error {
			return s.RecordPrintJob(ctx, []data.Printed{{ID: p.ID, Issue: 1}}, "Card", 1)
		}},
		{"sign a badge's code", data.RolePrinting, func(ctx context.Context) error { _, err := s.BadgeCode(ctx, p.ID, 1); return err }},
		{"reprint", data.RolePrinting, func(ctx context.Context) error { _, err := s.Reprint(ctx, p.ID, "lost", "x"); return err }},
		{"check in", data.RoleDoor, func(ctx context.Context) error {
			_, err := s.CheckIn(ctx, data.Scan{SessionID: 1, Code: "X", Station: "gate"})
			return err
		}},
		{"settings", data.RoleAdmin, func(ctx context.Context) error { return s.SetSetting(ctx, data.SettingName, "Renamed") }},
		{"time zone", data.RoleAdmin, func(ctx context.Context) error { return s.SetTimezone(ctx, "Asia/Ho_Chi_Minh", "") }},
		{"import", data.RoleAdmin, func(ctx context.Context) error {
			_, err := s.ImportParticipants(ctx, []data.ImportRow{{Line: 2}}, true, "x")
			return err
		}},
		{"programme", data.RoleAdmin, func(ctx context.Context) error { _, _, err := s.SaveSessions(ctx, nil); return err }},
		{"zones", data.RoleAdmin, func(ctx context.Context) error { return s.SaveZones(ctx, nil) }},
		{"clearance", data.RoleAdmin, func(ctx context.Context) error {
			_, err := s.ImportClearance(ctx, []data.ClearanceAnswer{{}}, "x")
			return err
		}},
		{"nomination", data.RoleAdmin, func(ctx context.Context) error {
			_, err := s.RecordNomination(ctx, data.NominationInput{Name: "VN"})
			return err
		}},
		{"station export", data.RoleDoor, func(ctx context.Context) error {
			return s.ExportStation(ctx, filepath.Join(dir, "door.db"), nil)
		}},
		{"station merge", data.RoleDoor, func(ctx context.Context) error {
			_, err := s.MergeStation(ctx, filepath.Join(dir, "none.db"))
			return err
		}},
		{"add operator", data.RoleAdmin, func(ctx context.Context) error {
			return s.AddOperator(ctx, "Second", data.Roles{data.RoleViewer}, "135790")
		}},
		{"disable operator", data.RoleAdmin, func(ctx context.Context) error { return s.DisableOperator(ctx, "Nobody") }},
		{"another's PIN", data.RoleAdmin, func(ctx context.Context) error { return s.SetOperatorPIN(ctx, "Lan", "1357913") }},
		{"link a badge", data.RoleAdmin, func(ctx context.Context) error { return s.LinkOperatorBadge(ctx, "Nobody", p.ID) }},
	}
	if err := s.AddOperator(ctx, "Lan", data.Roles{data.RoleAdmin}, "246810"); err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		for _, role := range data.AllRoles {
			as := data.WithActor(ctx, data.Actor{Operator: "Someone", Roles: data.Roles{role}})
			err := c.call(as)
			refused := data.ErrorCode(err) == data.EFORBIDDEN
			if allowed := (data.Roles{role}).Has(c.role); refused == allowed {
				t.Errorf("%s as %s: %v", c.name, role, err)
			}
		}
	}
}

func TestOperatorAdministration(t *testing.T) {
	s := newStore(t)
	if err := s.AddOperator(ctx, "Lan", data.Roles{data.RoleAdmin}, "246810"); err != nil {
		t.Fatal(err)
	}
	admin := data.WithActor(ctx, data.Actor{Operator: "Lan", Roles: data.Roles{data.RoleAdmin}})
	if err := s.AddOperator(admin, "Minh", data.Roles{data.RoleDesk}, "135791"); err != nil {
		t.Fatal(err)
	}
	if err := s.DisableOperator(admin, "Lan"); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("the last admin was disabled: %v", err)
	}
	minh := data.WithActor(ctx, data.Actor{Operator: "minh", Roles: data.Roles{data.RoleDesk}})
	if err := s.SetOperatorPIN(minh, "Minh", "112233"); err != nil {
		t.Fatalf("an operator's own PIN: %v", err)
	}
	if err := s.SetOperatorPIN(minh, "Minh", "1122"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("a short PIN: %v", err)
	}
	if err := s.SetOperatorPIN(admin, "Nobody", "112233"); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("an unknown operator's PIN: %v", err)
	}
	if _, err := s.SignIn(ctx, "Minh", "135791"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("the old PIN: %v", err)
	}
	if _, err := s.SignIn(ctx, "Minh", "112233"); err != nil {
		t.Fatalf("the new PIN: %v", err)
	}
	if err := s.DisableOperator(admin, "MINH"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignIn(ctx, "Minh", "112233"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("a disabled operator signed in: %v", err)
	}
	if _, err := s.OperatorNamed(ctx, "minh"); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("a disabled operator named: %v", err)
	}
	if _, err := s.OperatorNamed(ctx, "Nobody"); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("an unknown operator named: %v", err)
	}
	trail, err := s.AuditTrail(ctx, data.AuditFilter{Operator: "Lan"})
	if err != nil || len(trail) != 2 || trail[1].New != "disabled" || trail[1].Field != "Minh" {
		t.Fatalf("the trail: %+v %v", trail, err)
	}
}

func TestSignInWithBadge(t *testing.T) {
	s := newStore(t)
	staff := mustCreate(t, s, data.ParticipantInput{Category: "organizer", GivenName: "Lan", FamilyName: "Nguyen", Nationality: "VN", Organization: "Host country", DocumentNumber: "S1000001"})
	other := mustCreate(t, s, delegate("An", "Tran", "VN", "B1234567"))
	if err := s.Approve(ctx, []int64{staff.ID, other.ID}, "x"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkPrinted(ctx, []data.Printed{{ID: staff.ID, Issue: 1}, {ID: other.ID, Issue: 1}}, "x"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddOperator(ctx, "Lan", data.Roles{data.RoleAdmin}, "246810"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddOperator(ctx, "Huy", data.Roles{data.RoleDoor}, "135791"); err != nil {
		t.Fatal(err)
	}
	if err := s.LinkOperatorBadge(ctx, "Lan", staff.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.LinkOperatorBadge(ctx, "Huy", staff.ID); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("one badge for two operators: %v", err)
	}
	if err := s.LinkOperatorBadge(ctx, "Huy", 99999); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("a badge nobody holds: %v", err)
	}
	code, err := s.BadgeCode(ctx, staff.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	o, err := s.SignInWithBadge(ctx, code, "246810")
	if err != nil || o.Name != "Lan" {
		t.Fatalf("sign in with a badge: %+v %v", o, err)
	}
	if _, err := s.SignInWithBadge(ctx, code, "135791"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("a badge with another's PIN: %v", err)
	}
	otherCode, _ := s.BadgeCode(ctx, other.ID, 1)
	for _, bad := range []string{otherCode, "ACC1NOTABADGE", code[:len(code)-2] + "00"} {
		if _, err := s.SignInWithBadge(ctx, bad, "246810"); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("badge %q: %v", bad, err)
		}
	}
}

// TestDoorLoginSignsIn: a door on an event server signs its operators in
// with the door's login, which counts their wrong PINs too.
func TestDoorLoginSignsIn(t *testing.T) {
	server := pgtest.Database(t)
	if err := data.InitServer(ctx, server, "desk secret", "door secret", "print secret", "portal secret"); err != nil {
		t.Fatal(err)
	}
	admin := openEvent(t, server)
	staff := mustCreate(t, admin, delegate("Huy", "Pham", "VN", "S1"))
	if err := admin.Approve(ctx, []int64{staff.ID}, "x"); err != nil {
		t.Fatal(err)
	}
	code := printBadge(t, admin, staff.ID)
	if err := admin.AddOperator(ctx, "Huy", data.Roles{data.RoleDoor}, "135791"); err != nil {
		t.Fatal(err)
	}
	if err := admin.LinkOperatorBadge(ctx, "Huy", staff.ID); err != nil {
		t.Fatal(err)
	}
	door, err := data.Open(loginAs(t, server, data.DoorRole, "door secret"))
	if err != nil {
		t.Fatal(err)
	}
	defer door.Close()
	if o, err := door.SignIn(ctx, "huy", "135791"); err != nil || !o.Roles.Has(data.RoleDoor) {
		t.Fatalf("sign in at the door: %+v %v", o, err)
	}
	if o, err := door.SignInWithBadge(ctx, code, "135791"); err != nil || o.Name != "Huy" {
		t.Fatalf("sign in with a badge at the door: %+v %v", o, err)
	}
	for i := 0; i < data.WrongPINs; i++ {
		if _, err := door.SignIn(ctx, "Huy", "000000"); data.ErrorCode(err) != data.EINVALID {
			t.Fatalf("wrong PIN %d at the door: %v", i+1, err)
		}
	}
	if _, err := door.SignIn(ctx, "Huy", "135791"); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("the door's login did not make them wait: %v", err)
	}
	as := data.WithActor(ctx, data.Actor{Operator: "Huy", Roles: data.Roles{data.RoleDoor}})
	if err := door.SetOperatorPIN(as, "Huy", "246810"); err == nil {
		t.Fatal("the door's login changed a PIN")
	}
}

package data_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"accred/data"
	"accred/data/pgtest"
)

// roleFree are the Store's writing methods that need no role, and why.
var roleFree = map[string]string{
	"CreateEvent":     "it makes a new event in an empty database: nobody is an operator yet",
	"SignIn":          "it counts wrong PINs of someone not signed in yet",
	"SignInWithBadge": "it counts wrong PINs of someone not signed in yet",
	"Backup":          "it copies the database for whoever holds it (the command line), changing nothing in it",
	"CopyTo":          "it copies the event to another database for whoever holds both (the command line)",
	"Decide":          "it reads the rulebook's answer, changing nothing",
	"ImportNominees":  portalOnly,
	"SaveLetter":      portalOnly,
	"SaveNominee":     portalOnly,
	"SetNomineePhoto": portalOnly,
	"WithdrawNominee": portalOnly,
}

// portalOnly is why the portal's methods need no operator's role.
const portalOnly = "the portal: a valid invitation, checked first, says what its focal point may do"

// TestRolesAreChecked runs every method that changes data as an operator
// without its role, who is refused, and as one with it, who is not.
func TestRolesAreChecked(t *testing.T) {
	s := newStore(t)
	p := mustCreate(t, s, delegate("An", "Tran", "VN", "B1234567"))
	dir := t.TempDir()
	changes := []struct {
		method string // the Store's method
		role   data.Role
		call   func(ctx context.Context) error
	}{
		{"CreateParticipant", data.RoleDesk, func(ctx context.Context) error {
			_, err := s.CreateParticipant(ctx, delegate("Binh", "Le", "VN", "C7654321"))
			return err
		}},
		{"UpdateParticipant", data.RoleDesk, func(ctx context.Context) error {
			_, err := s.UpdateParticipant(ctx, p.ID, delegate("An", "Tran", "VN", "B1234567"))
			return err
		}},
		{"ChangeIdentity", data.RoleDesk, func(ctx context.Context) error {
			_, err := s.ChangeIdentity(ctx, p.ID, delegate("An", "Tran", "VN", "B1234567"))
			return err
		}},
		{"Approve", data.RoleDesk, func(ctx context.Context) error { return s.Approve(ctx, []int64{p.ID}) }},
		{"ApproveAll", data.RoleDesk, func(ctx context.Context) error { _, _, err := s.ApproveAll(ctx); return err }},
		{"SetStatus", data.RoleDesk, func(ctx context.Context) error {
			_, err := s.SetStatus(ctx, p.ID, data.StatusRejected, "test")
			return err
		}},
		{"SetPhoto", data.RoleDesk, func(ctx context.Context) error { return s.SetPhoto(ctx, p.ID, []byte("not a photo")) }},
		{"CollectBadge", data.RoleDesk, func(ctx context.Context) error {
			_, err := s.CollectBadge(ctx, p.ID, data.CollectInput{Document: "B1234567"})
			return err
		}},
		{"MarkPrinted", data.RolePrinting, func(ctx context.Context) error {
			return s.MarkPrinted(ctx, []data.Printed{{ID: p.ID, Issue: 1}})
		}},
		{"RecordPrintJob", data.RolePrinting, func(ctx context.Context) error {
			return s.RecordPrintJob(ctx, []data.Printed{{ID: p.ID, Issue: 1}}, "Card", 1)
		}},
		{"BadgeCode", data.RolePrinting, func(ctx context.Context) error { _, err := s.BadgeCode(ctx, p.ID, 1); return err }},
		{"Reprint", data.RolePrinting, func(ctx context.Context) error { _, err := s.Reprint(ctx, p.ID, "lost"); return err }},
		{"CheckIn", data.RoleDoor, func(ctx context.Context) error {
			_, err := s.CheckIn(ctx, data.Scan{SessionID: 1, Code: "X", Station: "gate"})
			return err
		}},
		{"SetSetting", data.RoleAdmin, func(ctx context.Context) error { return s.SetSetting(ctx, data.SettingName, "Renamed") }},
		{"SetTimezone", data.RoleAdmin, func(ctx context.Context) error { return s.SetTimezone(ctx, "Asia/Ho_Chi_Minh", "") }},
		{"ImportParticipants", data.RoleAdmin, func(ctx context.Context) error {
			_, err := s.ImportParticipants(ctx, []data.ImportRow{{Line: 2}}, true)
			return err
		}},
		{"SaveSessions", data.RoleAdmin, func(ctx context.Context) error { _, _, err := s.SaveSessions(ctx, nil); return err }},
		{"SaveZones", data.RoleAdmin, func(ctx context.Context) error { return s.SaveZones(ctx, nil) }},
		{"ImportClearance", data.RoleAdmin, func(ctx context.Context) error {
			_, err := s.ImportClearance(ctx, []data.ClearanceAnswer{{}})
			return err
		}},
		{"RecordNomination", data.RoleAdmin, func(ctx context.Context) error {
			_, err := s.RecordNomination(ctx, data.NominationInput{Name: "VN"})
			return err
		}},
		{"ExportStation", data.RoleDoor, func(ctx context.Context) error {
			return s.ExportStation(ctx, filepath.Join(dir, "door.db"), nil)
		}},
		{"MergeStation", data.RoleDoor, func(ctx context.Context) error {
			_, err := s.MergeStation(ctx, filepath.Join(dir, "none.db"))
			return err
		}},
		{"AddOperator", data.RoleAdmin, func(ctx context.Context) error {
			return s.AddOperator(ctx, "Second", data.Roles{data.RoleViewer}, "135790")
		}},
		{"DisableOperator", data.RoleAdmin, func(ctx context.Context) error { return s.DisableOperator(ctx, "Nobody") }},
		{"SetOperatorPIN", data.RoleAdmin, func(ctx context.Context) error { return s.SetOperatorPIN(ctx, "Lan", "1357913") }},
		{"LinkOperatorBadge", data.RoleAdmin, func(ctx context.Context) error { return s.LinkOperatorBadge(ctx, "Nobody", p.ID) }},
		{"ApproveDelegation", data.RoleDesk, func(ctx context.Context) error { _, err := s.ApproveDelegation(ctx, p.Affiliation.ID); return err }},
		{"SetStatuses", data.RoleDesk, func(ctx context.Context) error {
			_, err := s.SetStatuses(ctx, []int64{p.ID}, data.StatusApproved, data.StatusRegistered, "undo")
			return err
		}},
		{"RemovePhoto", data.RoleDesk, func(ctx context.Context) error { return s.RemovePhoto(ctx, p.ID) }},
		{"CollectDelegation", data.RoleDesk, func(ctx context.Context) error {
			_, err := s.CollectDelegation(ctx, "VN", data.CollectInput{By: p.ID, Document: "B1234567"})
			return err
		}},
		{"SetParticipantZones", data.RoleDesk, func(ctx context.Context) error {
			_, err := s.SetParticipantZones(ctx, p.ID, []data.ZoneChange{{Zone: 1}}, -1)
			return err
		}},
		{"ReprintBadges", data.RolePrinting, func(ctx context.Context) error { return s.ReprintBadges(ctx, []int64{p.ID}, "lost") }},
		{"ImportFile", data.RoleAdmin, func(ctx context.Context) error {
			_, err := s.ImportFile(ctx, data.ImportSource{Name: "x.csv"}, []data.ImportRow{{Line: 2}}, true)
			return err
		}},
		{"Invite", data.RoleAdmin, func(ctx context.Context) error { return s.Invite(ctx, 999, nil) }},
		{"SaveSession", data.RoleAdmin, func(ctx context.Context) error { _, err := s.SaveSession(ctx, data.Session{}, nil); return err }},
		{"SaveCategory", data.RoleAdmin, func(ctx context.Context) error { return s.SaveCategory(ctx, data.Category{Code: "nobody"}) }},
		{"SetDays", data.RoleAdmin, func(ctx context.Context) error { return s.SetDays(ctx, time.Time{}, time.Time{}) }},
		{"SetLanguages", data.RoleAdmin, func(ctx context.Context) error { return s.SetLanguages(ctx, "xx-nowhere") }},
		{"SetLogo", data.RoleAdmin, func(ctx context.Context) error { return s.SetLogo(ctx, []byte("not a picture")) }},
		{"SetDoorZone", data.RoleAdmin, func(ctx context.Context) error { return s.SetDoorZone(ctx, "gate", 99) }},
		{"Purge", data.RoleAdmin, func(ctx context.Context) error { _, err := s.Purge(ctx, "not a date"); return err }},
		{"InviteToPortal", data.RoleAdmin, func(ctx context.Context) error {
			_, _, err := s.InviteToPortal(ctx, data.PortalInvitationInput{})
			return err
		}},
		{"CancelSession", data.RoleAdmin, func(ctx context.Context) error { return s.CancelSession(ctx, 999, true) }},
		{"DeleteSession", data.RoleAdmin, func(ctx context.Context) error { return s.DeleteSession(ctx, 999) }},
		{"RevokePortalInvitation", data.RoleAdmin, func(ctx context.Context) error { return s.RevokePortalInvitation(ctx, 999) }},
		{"RefreshStation", data.RoleDoor, func(ctx context.Context) error { return s.RefreshStation(ctx, s) }},
	}
	// Every method that writes has its row above, found in the source: a new
	// writer without one fails here until its role is checked and tested.
	tested := map[string]bool{}
	for _, c := range changes {
		tested[c.method] = true
	}
	for _, m := range writingMethods(t) {
		if !tested[m] && roleFree[m] == "" {
			t.Errorf("Store.%s writes, and the roles test does not try it: add it, or say in roleFree why it needs no role", m)
		}
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
				t.Errorf("%s as %s: %v", c.method, role, err)
			}
		}
		// Authority fails closed: nobody, no roles, a role Accred does not
		// know, are refused everything.
		for who, as := range map[string]context.Context{
			"nobody":        context.Background(),
			"no roles":      data.WithActor(ctx, data.Actor{Operator: "Someone"}),
			"unknown role":  data.WithActor(ctx, data.Actor{Operator: "Someone", Roles: data.Roles{"auditor"}}),
			"unknown+admin": data.WithActor(ctx, data.Actor{Operator: "Someone", Roles: data.Roles{"auditor", data.RoleAdmin}}),
		} {
			if err := c.call(as); data.ErrorCode(err) != data.EFORBIDDEN {
				t.Errorf("%s as %s: %v", c.method, who, err)
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
	if err := s.Approve(ctx, []int64{staff.ID, other.ID}); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkPrinted(ctx, []data.Printed{{ID: staff.ID, Issue: 1}, {ID: other.ID, Issue: 1}}); err != nil {
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
	if err := admin.Approve(ctx, []int64{staff.ID}); err != nil {
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

// TestRolesFailClosed: an unknown role is refused when an operator is
// added, and an operator whose stored roles do not parse has no rights: they
// cannot sign in nor act at the command line.
func TestRolesFailClosed(t *testing.T) {
	s := newStore(t)
	if err := s.AddOperator(ctx, "Lan", data.Roles{data.RoleAdmin}, "246810"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddOperator(ctx, "Odd", data.Roles{"auditor"}, "135791"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("an operator with an unknown role: %v", err)
	}
	if err := s.AddOperator(ctx, "None", nil, "135791"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("an operator with no role: %v", err)
	}
	if err := s.AddOperator(ctx, "Kim", data.Roles{data.RoleViewer}, "135791"); err != nil {
		t.Fatal(err)
	}
	driver := map[bool]string{false: "sqlite3", true: "pgx"}[s.OnServer()]
	raw, err := sql.Open(driver, s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE operators SET roles = 'auditor,admin' WHERE name = 'Kim'`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignIn(ctx, "Kim", "135791"); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("an operator whose roles do not parse signed in: %v", err)
	}
	if _, err := s.OperatorNamed(ctx, "Kim"); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("an operator whose roles do not parse was named: %v", err)
	}
	if a := (data.Actor{Operator: "Kim", Roles: data.Roles{"auditor", data.RoleAdmin}}); a.May(data.RoleAdmin) || a.May(data.RoleViewer) {
		t.Fatal("a role that does not parse gave rights")
	}
	if (data.Actor{Operator: "Kim"}).May(data.RoleViewer) {
		t.Fatal("no roles gave rights")
	}
	if !data.System("cli", "").May(data.RoleAdmin) || data.StationActor("door", "").May(data.RoleDesk) || !data.StationActor("door", "").May(data.RoleDoor) {
		t.Fatal("the System may do everything, a station file the door only")
	}
}

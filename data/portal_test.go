package data_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"accred/data"
)

// portalStore is a test event a month before it opens, as focal points
// see it.
func portalStore(t *testing.T) *data.Store {
	t.Helper()
	s := newStore(t)
	s.Now = func() time.Time { return time.Date(2025, 9, 20, 10, 0, 0, 0, time.UTC) }
	return s
}

func mustInvite(t *testing.T, s *data.Store, kind, name string) (data.PortalInvitation, string) {
	t.Helper()
	inv, code, err := s.InviteToPortal(ctx, data.PortalInvitationInput{Kind: kind, Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return inv, code
}

func TestPortalInvitationCodesAreRandomHashedAndExpire(t *testing.T) {
	s := portalStore(t)
	inv, code, err := s.InviteToPortal(ctx, data.PortalInvitationInput{Kind: data.AffiliationDelegation, Name: "viet nam", Email: "focal@mofa.gov.vn", Expires: "2025-10-10"})
	if err != nil {
		t.Fatal(err)
	}
	if len(code) < 26 || inv.Affiliation.Name != "Viet Nam" || inv.Affiliation.Country != "VN" { // 26 base-32 letters carry 128 bits
		t.Fatalf("invitation %+v with code %q", inv, code)
	}
	_, other := mustInvite(t, s, data.AffiliationDelegation, "VN")
	if other == code {
		t.Fatal("two invitations got the same code")
	}
	dump := storeDump(t, s, `SELECT code_hash || email || expires_at FROM portal_invitations`)
	if strings.Contains(dump, code) || strings.Contains(strings.ToUpper(dump), strings.ToUpper(code)) {
		t.Fatal("the code itself is kept")
	}
	if got, err := s.PortalInvitationByCode(ctx, code); err != nil || got.ID != inv.ID {
		t.Fatalf("the code opens %+v, %v", got, err)
	}
	wrong, wrongErr := s.PortalInvitationByCode(ctx, "a"+code[1:])
	s.Now = func() time.Time { return time.Date(2025, 10, 11, 0, 0, 1, 0, time.UTC) }
	_, expiredErr := s.PortalInvitationByCode(ctx, code)
	s.Now = func() time.Time { return time.Date(2025, 10, 10, 23, 59, 0, 0, time.UTC) }
	if _, err := s.PortalInvitationByCode(ctx, code); err != nil {
		t.Fatalf("the code on its last day: %v", err)
	}
	if err := s.RevokePortalInvitation(ctx, inv.ID); err != nil {
		t.Fatal(err)
	}
	_, revokedErr := s.PortalInvitationByCode(ctx, code)
	if wrong.ID != 0 || wrongErr == nil || expiredErr == nil || revokedErr == nil ||
		wrongErr.Error() != expiredErr.Error() || expiredErr.Error() != revokedErr.Error() ||
		data.ErrorCode(wrongErr) != data.ENOTFOUND || data.ErrorCode(revokedErr) != data.ENOTFOUND {
		t.Fatalf("wrong %v, expired %v, revoked %v: want one same answer", wrongErr, expiredErr, revokedErr)
	}
	if _, err := s.PortalInvitationByID(ctx, inv.ID); err == nil {
		t.Fatal("a revoked invitation's session goes on")
	}
	for _, bad := range []data.PortalInvitationInput{
		{Kind: data.AffiliationDelegation, Name: "Atlantis"},
		{Kind: data.AffiliationMedia, Name: ""},
		{Kind: data.AffiliationMedia, Name: "AFP", Email: "not an address"},
		{Kind: data.AffiliationMedia, Name: "AFP", Expires: "2025-09-19"},
		{Kind: data.AffiliationMedia, Name: "AFP", Expires: "soon"},
		{Kind: "embassy", Name: "AFP"},
	} {
		if _, _, err := s.InviteToPortal(ctx, bad); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("%+v: %v, want EINVALID", bad, err)
		}
	}
}

// storeDump reads the text query gives, one row a line.
func storeDump(t *testing.T, s *data.Store, query string) string {
	t.Helper()
	rows, err := data.QueryForTest(s, query)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(rows, "\n")
}

func TestPortalFocalPointSeesAndChangesOnlyTheirGroup(t *testing.T) {
	s := portalStore(t)
	vn, _ := mustInvite(t, s, data.AffiliationDelegation, "VN")
	fr, _ := mustInvite(t, s, data.AffiliationDelegation, "FR")
	deskFR := mustCreate(t, s, delegate("Anne", "Martin", "FR", "F1"))

	lan, err := s.SaveNominee(ctx, vn, 0, data.ParticipantInput{GivenName: "Văn An", FamilyName: "Nguyễn", Nationality: "VN", DocumentNumber: "B1234567"})
	if err != nil {
		t.Fatal(err)
	}
	if lan.Status != data.StatusRegistered || lan.Category != "delegate" || lan.Affiliation.Country != "VN" || lan.Invitation != vn.ID {
		t.Fatalf("registered at the portal: %+v", lan)
	}
	// A line naming another delegation is refused rather than moved.
	if _, err := s.SaveNominee(ctx, vn, 0, data.ParticipantInput{FamilyName: "Spy", Nationality: "VN", Delegation: "FR", DocumentNumber: "X1"}); data.ErrorCode(err) != data.EINVALID ||
		!strings.Contains(err.Error(), "delegation: You register people of Viet Nam only") {
		t.Fatalf("another delegation's person: %v", err)
	}
	list, err := s.PortalNominees(ctx, vn)
	if err != nil || len(list) != 1 || list[0].ID != lan.ID {
		t.Fatalf("Viet Nam sees %+v, %v", list, err)
	}
	list, err = s.PortalNominees(ctx, fr)
	if err != nil || len(list) != 1 || list[0].ID != deskFR.ID || list[0].Invitation != 0 {
		t.Fatalf("France sees %+v, %v", list, err)
	}
	for what, err := range map[string]error{
		"read":     func() error { _, err := s.PortalNominee(ctx, fr, lan.ID); return err }(),
		"correct":  func() error { _, err := s.SaveNominee(ctx, fr, lan.ID, lan.Input()); return err }(),
		"withdraw": s.WithdrawNominee(ctx, fr, lan.ID),
		"photo":    s.SetNomineePhoto(ctx, fr, lan.ID, testJPEG(t)),
	} {
		if data.ErrorCode(err) != data.ENOTFOUND || !strings.Contains(err.Error(), "No participant has badge number") {
			t.Errorf("France's focal point may %s Viet Nam's delegate: %v", what, err)
		}
	}
	// The document of another group's person is refused without naming them.
	_, err = s.SaveNominee(ctx, vn, 0, data.ParticipantInput{FamilyName: "Trần", Nationality: "FR", DocumentNumber: "F1"})
	if data.ErrorCode(err) != data.ECONFLICT || strings.Contains(err.Error(), "Martin") || strings.Contains(err.Error(), deskFR.BadgeNumber()) {
		t.Fatalf("another group's document: %v", err)
	}
	if p := mustParticipant(t, s, lan.ID); p.Status != data.StatusRegistered {
		t.Fatal(p.Status)
	}
}

func TestPortalChangesAreTheFocalPointsInTheTrail(t *testing.T) {
	s := portalStore(t)
	vn, _ := mustInvite(t, s, data.AffiliationDelegation, "VN")
	p, err := s.SaveNominee(ctx, vn, 0, data.ParticipantInput{FamilyName: "Nguyễn", Nationality: "VN", DocumentNumber: "B1"})
	if err != nil {
		t.Fatal(err)
	}
	in := p.Input()
	in.Position = "Ambassador"
	if _, err := s.SaveNominee(ctx, vn, p.ID, in); err != nil {
		t.Fatal(err)
	}
	if err := s.WithdrawNominee(ctx, vn, p.ID); err != nil {
		t.Fatal(err)
	}
	trail, err := s.AuditTrail(ctx, data.AuditFilter{ParticipantID: p.ID})
	if err != nil || len(trail) != 3 {
		t.Fatalf("trail %+v, %v", trail, err)
	}
	for _, e := range trail {
		if e.Operator != vn.Operator() || e.Station != data.PortalStation {
			t.Errorf("%s recorded as %q at %q", e.Action, e.Operator, e.Station)
		}
	}
	if _, err := s.SaveNominee(ctx, vn, p.ID, in); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("correcting a withdrawn person: %v", err)
	}
}

func TestPortalApprovesAndPrintsNobody(t *testing.T) {
	s := portalStore(t)
	vn, _ := mustInvite(t, s, data.AffiliationDelegation, "VN")
	p, err := s.SaveNominee(ctx, vn, 0, data.ParticipantInput{FamilyName: "Nguyễn", Nationality: "VN", DocumentNumber: "B1"})
	if err != nil {
		t.Fatal(err)
	}
	// The portal's actor has no role: the desk's methods refuse it.
	portalCtx := data.WithActor(ctx, data.Actor{Operator: vn.Operator(), Station: data.PortalStation, Roles: data.Roles{}})
	if _, err := s.SetStatus(portalCtx, p.ID, data.StatusApproved, ""); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("the portal's actor approves: %v", err)
	}
	if err := s.SetSetting(ctx, data.SettingNominationsRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveLetter(ctx, vn, data.LetterInput{Reference: "NV/2025/114", Date: "2025-09-15", File: []byte("%PDF-1.7 note verbale")}); err != nil {
		t.Fatal(err)
	}
	if got := mustParticipant(t, s, p.ID); got.Status != data.StatusRegistered {
		t.Fatalf("a nomination letter changed the status to %s", got.Status)
	}
	n, ok, err := s.Nomination(ctx, vn.Affiliation.ID)
	if err != nil || !ok || n.Reference != "NV/2025/114" || n.RecordedBy != vn.Operator() || n.FileSize == 0 {
		t.Fatalf("the nomination the desk sees: %+v %v %v", n, ok, err)
	}
	if err := s.Approve(ctx, []int64{p.ID}); err != nil {
		t.Fatalf("the desk approves once the letter is in: %v", err)
	}
	if err := s.SaveLetter(ctx, vn, data.LetterInput{Reference: "NV", Date: "2025-09-15", File: []byte("MZ not a pdf")}); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("a letter that is not a PDF: %v", err)
	}
	afp, _ := mustInvite(t, s, data.AffiliationMedia, "Agence France-Presse")
	if err := s.SaveLetter(ctx, afp, data.LetterInput{File: []byte("%PDF-1.4 assignment")}); err != nil {
		t.Fatal(err)
	}
	if letter, err := s.AssignmentLetter(ctx, afp.Affiliation.ID); err != nil || string(letter) != "%PDF-1.4 assignment" {
		t.Fatalf("letter of assignment %q, %v", letter, err)
	}
}

// TestPortalAndDeskDecideAlike gives the desk's form and the portal the
// same details: both refuse them with the same problems, in the same words.
func TestPortalAndDeskDecideAlike(t *testing.T) {
	s := portalStore(t)
	vn, _ := mustInvite(t, s, data.AffiliationDelegation, "VN")
	mustCreate(t, s, delegate("Minh", "Trần", "VN", "HELD1"))
	cases := []data.ParticipantInput{
		{FamilyName: "", Nationality: "VN", DocumentNumber: "1"},
		{FamilyName: "Lê", Nationality: "Atlantis", DocumentNumber: "2"},
		{FamilyName: "Lê", Nationality: "VN", DocumentNumber: "--"},
		{FamilyName: "Lê", Nationality: "VN", DocumentNumber: "3", Email: "le@"},
		{FamilyName: "Lê", Nationality: "VN", DocumentNumber: "4", Gender: "unknown"},
		{FamilyName: "Lê", Nationality: "VN", DocumentNumber: "5", DateOfBirth: "1980-02-30"},
		{FamilyName: "Lê", Nationality: "VN", DocumentNumber: "6", ConsentOn: "2031-01-01"},
		{FamilyName: "Lê", Nationality: "VN", DocumentNumber: "7", Rank: 10000},
		{FamilyName: strings.Repeat("x", 201), Nationality: "VN", DocumentNumber: "8"},
		{FamilyName: "Lê\x1b", Nationality: "VN", DocumentNumber: "9"},
		{FamilyName: "Lê", Nationality: "VN", DocumentNumber: "held 1"},
	}
	for _, in := range cases {
		in.Category, in.Delegation = "delegate", "VN"
		_, deskErr := s.CreateParticipant(ctx, in)
		_, portalErr := s.SaveNominee(ctx, vn, 0, in)
		if deskErr == nil || portalErr == nil {
			t.Errorf("%+v: desk %v, portal %v", in, deskErr, portalErr)
			continue
		}
		if data.ErrorCode(deskErr) != data.ErrorCode(portalErr) || !reflect.DeepEqual(data.ErrorFields(deskErr), data.ErrorFields(portalErr)) {
			t.Errorf("%+v:\n desk   %v\n portal %v", in, deskErr, portalErr)
		}
	}
}

func TestPortalClosesAtRegistrationCloses(t *testing.T) {
	s := portalStore(t)
	vn, _ := mustInvite(t, s, data.AffiliationDelegation, "VN")
	if err := s.SetSetting(ctx, data.SettingRegistrationCloses, "tomorrow"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("a closing that is no time: %v", err)
	}
	if err := s.SetSetting(ctx, data.SettingRegistrationCloses, "2025-09-20"); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Setting(ctx, data.SettingRegistrationCloses); v != "2025-09-21 00:00" {
		t.Fatalf("closes %q", v)
	}
	p, err := s.SaveNominee(ctx, vn, 0, data.ParticipantInput{FamilyName: "Nguyễn", Nationality: "VN", DocumentNumber: "B1"})
	if err != nil {
		t.Fatalf("before the close: %v", err)
	}
	s.Now = func() time.Time { return time.Date(2025, 9, 21, 0, 0, 0, 0, time.UTC) }
	_, err = s.SaveNominee(ctx, vn, 0, data.ParticipantInput{FamilyName: "Lê", Nationality: "VN", DocumentNumber: "B2"})
	if data.ErrorCode(err) != data.EFORBIDDEN || !strings.Contains(err.Error(), "Registration closed at 2025-09-21 00:00") {
		t.Fatalf("after the close: %v", err)
	}
	if err := s.WithdrawNominee(ctx, vn, p.ID); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("withdrawal after the close: %v", err)
	}
	if list, err := s.PortalNominees(ctx, vn); err != nil || len(list) != 1 {
		t.Fatalf("after the close the list still reads: %v %v", list, err)
	}
	if err := s.SetSetting(ctx, data.SettingRegistrationCloses, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.WithdrawNominee(ctx, vn, p.ID); err != nil {
		t.Fatalf("opened again: %v", err)
	}
}

func TestPortalImportIsAllOrNothingForTheGroup(t *testing.T) {
	s := portalStore(t)
	vn, _ := mustInvite(t, s, data.AffiliationDelegation, "VN")
	other := mustCreate(t, s, delegate("Anne", "Martin", "FR", "F1"))
	rows := func(lines ...data.ParticipantInput) []data.ImportRow {
		out := make([]data.ImportRow, len(lines))
		for i, in := range lines {
			out[i] = data.ImportRow{Line: i + 2, Input: in}
		}
		return out
	}
	good := data.ParticipantInput{Category: "delegate", FamilyName: "Nguyễn", Nationality: "VN", Delegation: "Viet Nam", DocumentNumber: "B1"}
	_, err := s.ImportNominees(ctx, vn, data.ImportSource{Name: "upload"}, rows(good,
		data.ParticipantInput{Category: "delegate", FamilyName: "Martin", Nationality: "FR", Delegation: "FR", DocumentNumber: "F2"},
		data.ParticipantInput{Category: "observer", FamilyName: "Lê", Nationality: "VN", DocumentNumber: "B3"},
	))
	text := err.Error()
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(text, "line 3: delegation:") || !strings.Contains(text, "line 4: category:") {
		t.Fatalf("a file with other groups' lines: %v", err)
	}
	if list, _ := s.PortalNominees(ctx, vn); len(list) != 0 {
		t.Fatal("half a file was imported")
	}
	_, err = s.ImportNominees(ctx, vn, data.ImportSource{Name: "upload"}, rows(good,
		data.ParticipantInput{FamilyName: "Martin", Nationality: "FR", DocumentNumber: "F1"}))
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "line 3: document_number: This passport or ID number is registered already") ||
		strings.Contains(err.Error(), "Anne") {
		t.Fatalf("a line taking another group's person: %v", err)
	}
	if got := mustParticipant(t, s, other.ID); got.Affiliation.Country != "FR" {
		t.Fatal("the import moved another group's person")
	}
	report, err := s.ImportNominees(ctx, vn, data.ImportSource{Name: "upload"}, rows(good, data.ParticipantInput{FamilyName: "Lê", Nationality: "VN", DocumentNumber: "B2"}))
	if err != nil || report.Created != 2 {
		t.Fatalf("%+v %v", report, err)
	}
	list, _ := s.PortalNominees(ctx, vn)
	for _, n := range list {
		if n.Invitation != vn.ID || n.Status != data.StatusRegistered {
			t.Errorf("imported %+v", n.Participant)
		}
	}
	good.Position = "Minister"
	report, err = s.ImportNominees(ctx, vn, data.ImportSource{Name: "upload"}, rows(good))
	if err != nil || report.Updated != 1 {
		t.Fatalf("correcting by a file: %+v %v", report, err)
	}
}

// TestPurgeTakesThePortalsPersonalData purges after the event: the focal
// points' e-mail addresses and the letters of assignment go, the
// invitations stay.
func TestPurgeTakesThePortalsPersonalData(t *testing.T) {
	s := portalStore(t)
	afp, _, err := s.InviteToPortal(ctx, data.PortalInvitationInput{Kind: data.AffiliationMedia, Name: "AFP", Email: "desk.secret@afp.example"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveLetter(ctx, afp, data.LetterInput{File: []byte("%PDF-1.4 assignment of Jean Secret")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Purge(ctx, "2025-09-21"); err != nil {
		t.Fatal(err)
	}
	if dump := storeDump(t, s, `SELECT id || ' ' || email FROM portal_invitations`); dump != "1 " {
		t.Fatalf("invitations after the purge: %q", dump)
	}
	if letter, err := s.AssignmentLetter(ctx, afp.Affiliation.ID); err != nil || letter != nil {
		t.Fatalf("the letter of assignment after the purge: %q %v", letter, err)
	}
}

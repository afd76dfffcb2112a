package data_test

import (
	"strings"
	"testing"

	"accred/data"
)

// status returns a participant's status, failing the test on an error.
func status(t *testing.T, s *data.Store, id int64) data.Status {
	t.Helper()
	return mustParticipant(t, s, id).Status
}

func TestApprovalWaitsForTheNomination(t *testing.T) {
	s := newStore(t)
	fr := mustCreate(t, s, delegate("Anne", "Martin", "FR", "1"))
	observer := mustCreate(t, s, data.ParticipantInput{Category: "observer", FamilyName: "Wolf", Nationality: "AT", Organization: "UNODC", OrganizationKind: "international", DocumentNumber: "2"})
	journalist := mustCreate(t, s, data.ParticipantInput{Category: "media", FamilyName: "Lee", Nationality: "KR", MediaOutlet: "Yonhap", DocumentNumber: "3"})
	if err := s.Approve(ctx, []int64{fr.ID}); err != nil {
		t.Fatalf("approval while nominations are not required: %v", err)
	}
	if _, err := s.SetStatus(ctx, fr.ID, data.StatusRegistered, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, data.SettingNominationsRequired, "yes"); err != nil {
		t.Fatal(err)
	}

	err := s.Approve(ctx, []int64{journalist.ID, fr.ID})
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "France has no nomination recorded yet") {
		t.Fatalf("approving a delegate without a nomination: %v", err)
	}
	if status(t, s, journalist.ID) != data.StatusRegistered {
		t.Fatal("half an approval stayed behind")
	}
	if _, err := s.SetStatus(ctx, observer.ID, data.StatusApproved, ""); data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "UNODC") {
		t.Fatalf("approving an observer without a nomination: %v", err)
	}
	approved, waiting, err := s.ApproveAll(ctx)
	if approved != 1 || waiting != 2 || err != nil {
		t.Fatalf("approve all: %d approved, %d waiting, %v", approved, waiting, err)
	}
	if status(t, s, journalist.ID) != data.StatusApproved {
		t.Fatal("the journalist needs no nomination")
	}

	n, err := s.RecordNomination(ctx, data.NominationInput{Name: "fr", Reference: " NV 123/2025 ", Date: "2025-09-12",
		FocalPoint: "Paul Durand", Email: "paul.durand@diplomatie.example", File: []byte("%PDF-1.7\n...")})
	if err != nil || n.Affiliation.Name != "France" || n.Reference != "NV 123/2025" || n.FileSize != 12 {
		t.Fatalf("record France's nomination: %+v %v", n, err)
	}
	if err := s.Approve(ctx, []int64{fr.ID}); err != nil {
		t.Fatalf("approval once the nomination is recorded: %v", err)
	}
	if _, err := s.RecordNomination(ctx, data.NominationInput{Name: "unodc", Reference: "UNODC/2025/4", Date: "2025-09-20"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStatus(ctx, observer.ID, data.StatusApproved, ""); err != nil {
		t.Fatalf("approving the observer once nominated: %v", err)
	}
	list, err := s.Nominations(ctx)
	if err != nil || len(list) != 2 || list[0].Affiliation.Name != "France" || list[1].Affiliation.Name != "UNODC" || list[0].RecordedBy != "test" {
		t.Fatalf("nominations: %+v %v", list, err)
	}
	if file, err := s.NominationFile(ctx, fr.Affiliation.ID); string(file) != "%PDF-1.7\n..." || err != nil {
		t.Fatalf("France's file: %q %v", file, err)
	}
}

func TestApproveDelegationInOneAction(t *testing.T) {
	s := newStore(t)
	if err := s.SetSetting(ctx, data.SettingNominationsRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	a := mustCreate(t, s, delegate("Anne", "Martin", "FR", "1"))
	b := mustCreate(t, s, delegate("Bruno", "Petit", "FR", "2"))
	rejected := mustCreate(t, s, delegate("Claire", "Roux", "FR", "3"))
	other := mustCreate(t, s, delegate("Dieter", "Braun", "DE", "4"))
	if _, err := s.SetStatus(ctx, rejected.ID, data.StatusRejected, ""); err != nil {
		t.Fatal(err)
	}
	if ids, err := s.ApproveDelegation(ctx, a.Affiliation.ID); ids != nil || data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "France") {
		t.Fatalf("approving France without its nomination: %v %v", ids, err)
	}
	if _, err := s.RecordNomination(ctx, data.NominationInput{Name: "France", Reference: "NV 1", Date: "2025-09-01"}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CountInAffiliation(ctx, a.Affiliation.ID, data.StatusRegistered); n != 2 || err != nil {
		t.Fatalf("France's registered: %d %v", n, err)
	}
	ids, err := s.ApproveDelegation(ctx, a.Affiliation.ID)
	if len(ids) != 2 || ids[0] != a.ID || ids[1] != b.ID || err != nil {
		t.Fatalf("approving France: %v %v", ids, err)
	}
	for id, want := range map[int64]data.Status{a.ID: data.StatusApproved, b.ID: data.StatusApproved, rejected.ID: data.StatusRejected, other.ID: data.StatusRegistered} {
		if got := status(t, s, id); got != want {
			t.Errorf("%d is %s, not %s", id, got, want)
		}
	}
	if _, err := s.ApproveDelegation(ctx, 999); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("an unknown delegation: %v", err)
	}

	// Undone at once, but for whoever moved on meanwhile.
	if _, err := s.SetStatus(ctx, b.ID, data.StatusRejected, "no show"); err != nil {
		t.Fatal(err)
	}
	if n, err := s.SetStatuses(ctx, ids, data.StatusApproved, data.StatusRegistered, "Undo"); n != 1 || err != nil {
		t.Fatalf("undo: %d %v", n, err)
	}
	for id, want := range map[int64]data.Status{a.ID: data.StatusRegistered, b.ID: data.StatusRejected} {
		if got := status(t, s, id); got != want {
			t.Errorf("after the undo %d is %s, not %s", id, got, want)
		}
	}
	if n, err := s.SetStatuses(ctx, ids, data.StatusRegistered, data.StatusCollected, ""); n != 0 || data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("a move not allowed: %d %v", n, err)
	}
	if n, err := s.SetStatuses(ctx, []int64{a.ID, 999}, data.StatusRegistered, data.StatusApproved, ""); n != 0 || data.ErrorCode(err) != data.ENOTFOUND || status(t, s, a.ID) != data.StatusRegistered {
		t.Fatalf("all or nothing: %d %v", n, err)
	}
}

func TestNominationRefusesBadInput(t *testing.T) {
	s := newStore(t)
	mustCreate(t, s, delegate("Anne", "Martin", "FR", "1"))
	mustCreate(t, s, data.ParticipantInput{Category: "media", FamilyName: "Lee", Nationality: "KR", MediaOutlet: "Yonhap", DocumentNumber: "3"})
	good := data.NominationInput{Name: "FR", Reference: "NV 1", Date: "2025-09-01"}
	for _, c := range []struct {
		change func(*data.NominationInput)
		code   string
		says   string
	}{
		{func(in *data.NominationInput) { in.File = []byte("<html>not a pdf</html>") }, data.EINVALID, "file: The nomination file is not a PDF."},
		{func(in *data.NominationInput) { in.File = make([]byte, data.MaxNominationFile+1) }, data.EINVALID, "file: The nomination file is larger than 15 MB."},
		{func(in *data.NominationInput) { in.Date = "12/09/2025" }, data.EINVALID, "date: Write the nomination's date as YYYY-MM-DD."},
		{func(in *data.NominationInput) { in.Reference = "" }, data.EINVALID, "reference:"},
		{func(in *data.NominationInput) { in.Email = "paul@" }, data.EINVALID, "email: This is not an e-mail address"},
		{func(in *data.NominationInput) { in.Name = "Yonhap" }, data.EINVALID, "Yonhap is a media outlet"},
		{func(in *data.NominationInput) { in.Name = "DE" }, data.ENOTFOUND, "There is no delegation or organisation named DE"},
		{func(in *data.NominationInput) { in.Name = "Atlantis Institute" }, data.ENOTFOUND, "named Atlantis Institute"},
	} {
		in := good
		c.change(&in)
		_, err := s.RecordNomination(ctx, in)
		if data.ErrorCode(err) != c.code || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%+v: %v", in, err)
		}
	}
	if list, err := s.Nominations(ctx); len(list) != 0 || err != nil {
		t.Fatalf("a refused nomination was kept: %v %v", list, err)
	}
}

func TestAccreditedBeforeNominationsWereRequiredStayAccredited(t *testing.T) {
	s := newStore(t)
	p := mustCreate(t, s, delegate("Anne", "Martin", "FR", "1"))
	if err := s.Approve(ctx, []int64{p.ID}); err != nil {
		t.Fatal(err)
	}
	printBadge(t, s, p.ID)
	if err := s.SetSetting(ctx, data.SettingNominationsRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStatus(ctx, p.ID, data.StatusApproved, "badge to print again"); err != nil {
		t.Fatalf("a printed badge back to approved: %v", err)
	}
	if _, err := s.SetStatus(ctx, p.ID, data.StatusRegistered, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStatus(ctx, p.ID, data.StatusApproved, ""); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("registered again, then approved without a nomination: %v", err)
	}
}

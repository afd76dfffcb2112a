package demo_test

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"accred/data"
	"accred/data/demo"
	"accred/data/document"
)

func TestParticipantsAreDeterministicAndShapedLikeHanoi(t *testing.T) {
	rows := demo.Participants(demo.DefaultParticipants)
	if !reflect.DeepEqual(rows, demo.Participants(demo.DefaultParticipants)) {
		t.Fatal("two demos differ")
	}
	delegations := map[string]int{}
	heads := map[string]int{}
	orgs := map[string]string{}
	agencies := map[string]bool{}
	counts := map[string]int{}
	natives := map[string]bool{}
	for _, r := range rows {
		in := r.Input
		counts[in.Category]++
		switch in.Category {
		case "delegate":
			delegations[in.Delegation]++
			if in.HeadOfDelegation {
				heads[in.Delegation]++
			}
		case "observer":
			orgs[in.Organization] = in.OrganizationKind
		case "media":
			agencies[in.MediaOutlet] = true
		}
		if in.NativeName != "" {
			natives[in.Nationality] = true
		}
	}
	if counts["delegate"] != 2500 || counts["media"] != 400 || len(delegations) != 110 || len(agencies) != 189 {
		t.Fatalf("counts %v, %d delegations, %d agencies", counts, len(delegations), len(agencies))
	}
	for code := range delegations {
		if heads[code] != 1 {
			t.Errorf("delegation %s has %d heads", code, heads[code])
		}
	}
	research := 0
	for _, kind := range orgs {
		if kind == data.OrgResearch {
			research++
		}
	}
	if len(orgs) != 200 || research != 50 {
		t.Fatalf("%d organisations, %d research institutes", len(orgs), research)
	}
	for _, code := range []string{"CN", "RU", "SA", "JP", "GR"} {
		if !natives[code] {
			t.Errorf("no native-script names for %s", code)
		}
	}
}

// ctx acts as the System, with every right, as the unrestricted command line does.
var ctx = data.WithActor(context.Background(), data.System("test", "test-station"))

// newDemo makes a demo of n participants in a new file.
func newDemo(t *testing.T, n int) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := demo.Create(ctx, s, n); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCreateDemoScales(t *testing.T) {
	s := newDemo(t, 500)
	_, byStatus, _ := s.Stats(ctx)
	total := 0
	for _, c := range byStatus {
		total += c.Count
	}
	if total != 500 || byStatus[1].Count == 0 || byStatus[0].Count == 0 || byStatus[4].Count == 0 {
		t.Fatalf("statuses %v", byStatus)
	}
	list, _, _ := s.FindParticipants(ctx, data.ParticipantFilter{Query: "nguyen"})
	if len(list) == 0 || list[0].Nationality != "VN" {
		t.Fatalf("no Vietnamese participant found: %v", list)
	}
	requests, err := s.ClearanceRequests(ctx)
	if err != nil || len(requests) < 3 || len(requests) > 10 {
		t.Fatalf("the demo's pending clearance: %d lines, %v", len(requests), err)
	}
	if p, _ := s.Participant(ctx, 58); p.Clearance != data.ClearanceRefused || p.DateOfBirth == "" || p.PlaceOfBirth == "" {
		t.Fatalf("the demo's refused participant: %+v", p)
	}
	if p, _ := s.Participant(ctx, 1); p.Clearance != data.ClearanceCleared {
		t.Fatalf("the demo's first delegate: %s", p.Clearance)
	}
	if err := demo.Create(ctx, s, 10); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("a second demo in the same database: %v", err)
	}
}

func TestProgrammeIsShapedLikeHanoi(t *testing.T) {
	s := newDemo(t, 400)
	sessions, _ := s.Sessions(ctx)
	kinds := map[string]int{}
	limited, invitational := 0, 0
	for _, x := range sessions {
		kinds[x.Kind]++
		if len(x.Categories) > 0 {
			limited++
		}
		if x.InvitationOnly {
			invitational++
		}
		if x.Starts.Location().String() != demo.TimeZone || x.Starts.Day() < 25 || x.Ends.Day() > 26 {
			t.Errorf("%s at %v", x.Code, x.Starts)
		}
	}
	if kinds[data.KindCeremony] != 1 || kinds[data.KindPlenary] != 3 || kinds[data.KindSeminar] != 8 || kinds[data.KindSideEvent] != 37 || kinds[data.KindMeeting] != 1 {
		t.Fatalf("kinds %v", kinds)
	}
	if limited == 0 || invitational < 2 {
		t.Fatalf("%d limited to categories, %d invitation-only", limited, invitational)
	}
}

func TestDemoRequiresNominationsAndLacksAFew(t *testing.T) {
	s := newDemo(t, 1000)
	settings, _ := s.Settings(ctx)
	if !slices.Contains(settings, data.Setting{Key: data.SettingNominationsRequired, Value: "yes"}) {
		t.Fatalf("settings %v", settings)
	}
	nominated, _ := s.Nominations(ctx)
	delegations, _ := s.Affiliations(ctx, data.AffiliationDelegation)
	organisations, _ := s.Affiliations(ctx, data.AffiliationOrganization)
	all := len(delegations) + len(organisations)
	if len(nominated) >= all || len(nominated) < all*8/10 || nominated[0].Reference == "" || nominated[0].FocalPoint == "" {
		t.Fatalf("%d nominations for %d delegations and organisations: %+v", len(nominated), all, nominated[0])
	}
	approved, waiting, err := s.ApproveAll(ctx)
	if approved == 0 || waiting == 0 || err != nil {
		t.Fatalf("approving the demo's waiting participants: %d approved, %d waiting, %v", approved, waiting, err)
	}
	// Each nomination is kept with its letter, a PDF that reads.
	letter, err := s.NominationFile(ctx, nominated[0].Affiliation.ID)
	if err != nil || !document.IsPDF(letter) || nominated[0].FileSize != len(letter) {
		t.Fatalf("the letter: %d bytes, %v", len(letter), err)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		cmd := exec.Command("pdftotext", "-", "-")
		cmd.Stdin = bytes.NewReader(letter)
		text, err := cmd.Output()
		if err != nil || !strings.Contains(string(text), "NOTE VERBALE") || !strings.Contains(string(text), nominated[0].Reference) {
			t.Fatalf("the letter reads %q, %v", text, err)
		}
	}
}

func TestDemoHasADoorRequiringAZone(t *testing.T) {
	s := newDemo(t, 200)
	if zone, err := s.DoorZone(ctx, demo.PlenaryDoor); zone != 1 || err != nil {
		t.Fatalf("the plenary hall's door requires zone %d, %v", zone, err)
	}
}

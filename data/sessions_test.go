package data_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"accred/data"
)

func TestSaveSessionWithInvitationsIsAllOrNothing(t *testing.T) {
	s := newStore(t)
	a := mustCreate(t, s, delegate("A", "One", "FR", "1"))
	b := mustCreate(t, s, delegate("B", "Two", "FR", "2"))
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	x := data.Session{Code: "SIDE-1", Title: "Side event", Kind: data.KindSideEvent, Room: "C", Starts: start, Ends: start.Add(time.Hour), InvitationOnly: true}

	// A new session whose list names nobody's badge is not created.
	if _, err := s.SaveSession(ctx, x, []int64{a.ID, 999}); data.ErrorCode(err) != data.ENOTFOUND || !strings.Contains(err.Error(), "000999") {
		t.Fatalf("an unknown invitee: %v", err)
	}
	if list, _ := s.Sessions(ctx); len(list) != 0 {
		t.Fatalf("a refused save left a session behind: %+v", list)
	}

	saved, err := s.SaveSession(ctx, x, []int64{a.ID})
	if err != nil || saved.ID == 0 || saved.Code != "SIDE-1" {
		t.Fatalf("save: %+v %v", saved, err)
	}
	// A correction with a bad list keeps both the session and its list.
	x.Title = "Renamed"
	if _, err := s.SaveSession(ctx, x, []int64{b.ID, 999}); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("an unknown invitee on a correction: %v", err)
	}
	if got, _ := s.Session(ctx, "SIDE-1"); got.Title != "Side event" {
		t.Fatalf("the refused correction changed the title to %q", got.Title)
	}
	if ids, _ := s.Invitations(ctx, saved.ID); !slices.Equal(ids, []int64{a.ID}) {
		t.Fatalf("the refused correction changed the list to %v", ids)
	}
	// A bad session is refused before anything is written.
	bad := x
	bad.Kind = "dance"
	if _, err := s.SaveSession(ctx, bad, nil); data.ErrorCode(err) != data.EINVALID || len(data.ErrorFields(err)) == 0 {
		t.Fatalf("a bad kind: %v", err)
	}
	got, err := s.SaveSession(ctx, x, []int64{b.ID, a.ID})
	if err != nil || got.ID != saved.ID || got.Title != "Renamed" {
		t.Fatalf("correction: %+v %v", got, err)
	}
	if ids, _ := s.Invitations(ctx, saved.ID); !slices.Equal(ids, []int64{a.ID, b.ID}) {
		t.Fatalf("invitations %v", ids)
	}
}

package printing

import (
	"crypto/ed25519"
	"testing"
	"time"

	"accred/data"
	"accred/data/country"
	"accred/data/credential"
	"accred/data/demo"
)

// demoPeople makes n demo participants, approved, as the store would hold them.
func demoPeople(n int) []data.Participant {
	rows := demo.Participants(n)
	people := make([]data.Participant, len(rows))
	for i, r := range rows {
		in := r.Input.Normalize()
		p := data.Participant{ID: int64(i + 1), Category: in.Category, Title: in.Title, GivenName: in.GivenName,
			FamilyName: in.FamilyName, NativeName: in.NativeName, Nationality: in.Nationality, Position: in.Position,
			HeadOfDelegation: in.HeadOfDelegation, Rank: in.Rank, Gender: in.Gender, Status: data.StatusApproved}
		switch {
		case in.Delegation != "":
			c, _ := country.Lookup(in.Delegation)
			p.Affiliation = data.Affiliation{Kind: data.AffiliationDelegation, Country: c.Code, Name: c.Name("en")}
		case in.MediaOutlet != "":
			p.Affiliation = data.Affiliation{Kind: data.AffiliationMedia, Name: in.MediaOutlet}
		default:
			p.Affiliation = data.Affiliation{Kind: data.AffiliationOrganization, Name: in.Organization, OrgKind: in.OrganizationKind}
		}
		people[i] = p
	}
	return people
}

// demoBadges makes n badges of demo participants, signed with a new key.
func demoBadges(t testing.TB, n int) []Badge {
	t.Helper()
	pub, priv, _ := ed25519.GenerateKey(nil)
	kid := data.KeyID(pub)
	people := demoPeople(n)
	badges := make([]Badge, len(people))
	for i, p := range people {
		code, err := credential.Sign(credential.Credential{KeyID: kid, ParticipantID: p.ID, Issue: 1}, priv)
		if err != nil {
			t.Fatal(err)
		}
		badges[i] = Badge{Participant: p, Code: code}
	}
	return badges
}

func demoSheet(layout Layout) Sheet {
	day := time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC)
	return Sheet{Event: data.Event{Name: demo.EventName, Starts: day, Ends: day.AddDate(0, 0, 1)},
		Categories: data.DefaultCategories(), Layout: layout}
}

// BenchmarkBadges2900 prints the demo's 2,900 delegates and journalists to
// one A6 PDF, with QR codes, and reports the bytes a badge takes and the
// badges printed a second beside the time. Budget: 0.5 s.
func BenchmarkBadges2900(b *testing.B) {
	badges := demoBadges(b, 2900)
	sheet := demoSheet(A6)
	var out countingWriter
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out = 0
		if err := Badges(&out, sheet, badges); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out)/float64(len(badges)), "bytes/badge")
	b.ReportMetric(float64(len(badges)*b.N)/b.Elapsed().Seconds(), "badges/s")
}

// countingWriter counts the bytes written to it.
type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// demoList is the List of Participants of n demo participants, with the
// media and the names in their own scripts.
func demoList(n int) List {
	day := time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC)
	return List{Event: data.Event{Name: demo.EventName, Starts: day, Ends: day.AddDate(0, 0, 1)},
		Sections: data.ListSections(demoPeople(n), true), Native: true}
}

// BenchmarkParticipantsList3000 prints the List of Participants of 3,000
// demo participants, media and native names included. Budget: 1 s.
func BenchmarkParticipantsList3000(b *testing.B) {
	list := demoList(3000)
	var out countingWriter
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out = 0
		if err := ParticipantsList(&out, list); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out), "bytes")
}

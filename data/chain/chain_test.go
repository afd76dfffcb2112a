package chain_test

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"slices"
	"testing"

	"accred/data/chain"
)

// signed returns n scans chained and signed with key for the file "file-1".
func signed(key ed25519.PrivateKey, n int) []chain.Scan {
	var scans []chain.Scan
	var prev []byte
	for i := 1; i <= n; i++ {
		s := chain.Scan{Seq: int64(i), ID: fmt.Sprintf("scan-%d", i), SessionID: 7, ParticipantID: int64(100 + i), Station: "door-1",
			Operator: "ana", At: fmt.Sprintf("2025-10-25T07:%02d:00Z", i), Direction: "in", Verdict: "accepted"}
		s.Signature = chain.Sign(key, "file-1", s, prev)
		prev = s.Signature
		scans = append(scans, s)
	}
	return scans
}

func newKey(t *testing.T) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

func TestWholeChainVerifies(t *testing.T) {
	pub, priv := newKey(t)
	if problems := chain.Verify(pub, "file-1", signed(priv, 5)); len(problems) != 0 {
		t.Fatalf("a whole chain: %v", problems)
	}
	if problems := chain.Verify(pub, "file-1", nil); len(problems) != 0 {
		t.Fatalf("an empty chain: %v", problems)
	}
}

// TestEveryFieldIsCovered edits each field of the third scan in turn: that
// scan, and only it, is named.
func TestEveryFieldIsCovered(t *testing.T) {
	pub, priv := newKey(t)
	edits := map[string]func(*chain.Scan){
		"id":          func(s *chain.Scan) { s.ID = "scan-x" },
		"session":     func(s *chain.Scan) { s.SessionID = 8 },
		"participant": func(s *chain.Scan) { s.ParticipantID = 0 },
		"station":     func(s *chain.Scan) { s.Station = "door-2" },
		"operator":    func(s *chain.Scan) { s.Operator = "bob" },
		"time":        func(s *chain.Scan) { s.At = "2025-10-25T03:00:00Z" },
		"direction":   func(s *chain.Scan) { s.Direction = "out" },
		"verdict":     func(s *chain.Scan) { s.Verdict = "rejected" },
		"reason":      func(s *chain.Scan) { s.Reason = "room full" },
		"manual":      func(s *chain.Scan) { s.Manual = true },
		"signature":   func(s *chain.Scan) { s.Signature = bytes.Clone(s.Signature); s.Signature[0] ^= 1 },
	}
	for field, edit := range edits {
		scans := signed(priv, 5)
		edit(&scans[2])
		problems := chain.Verify(pub, "file-1", scans)
		if len(problems) == 0 || problems[0].Position != 3 || !errors.Is(problems[0].Err, chain.ErrSignature) {
			t.Errorf("%s edited: %v", field, problems)
		}
		// A changed signature also breaks the link of the scan after it.
		if want := map[bool]int{true: 2, false: 1}[field == "signature"]; len(problems) != want {
			t.Errorf("%s edited: %d problems, want %d: %v", field, len(problems), want, problems)
		}
	}
}

func TestRemovedInsertedAndCopiedScansAreNamed(t *testing.T) {
	pub, priv := newKey(t)
	_, stranger := newKey(t)
	scans := signed(priv, 5)

	removed := slices.Delete(slices.Clone(scans), 1, 2)
	if p := chain.Verify(pub, "file-1", removed); len(p) != 1 || p[0].ID != "scan-3" || !errors.Is(p[0].Err, chain.ErrGap) {
		t.Errorf("a scan removed: %v", p)
	}

	forged := chain.Scan{Seq: 6, ID: "made-up", SessionID: 7, ParticipantID: 999, At: "2025-10-25T03:00:00Z", Direction: "in", Verdict: "accepted"}
	forged.Signature = chain.Sign(stranger, "file-1", forged, scans[4].Signature)
	if p := chain.Verify(pub, "file-1", append(slices.Clone(scans), forged)); len(p) != 1 || p[0].ID != "made-up" || !errors.Is(p[0].Err, chain.ErrSignature) {
		t.Errorf("a scan appended with another key: %v", p)
	}

	copied := scans[1]
	copied.ID = "copy"
	inserted := slices.Insert(slices.Clone(scans), 2, copied)
	if p := chain.Verify(pub, "file-1", inserted); len(p) != 1 || p[0].ID != "copy" || !errors.Is(p[0].Err, chain.ErrRepeated) {
		t.Errorf("a scan copied in: %v", p)
	}

	unsigned := chain.Scan{ID: "by-hand", SessionID: 7, ParticipantID: 5, Verdict: "accepted"}
	if p := chain.Verify(pub, "file-1", append([]chain.Scan{unsigned}, scans...)); len(p) != 1 || p[0].ID != "by-hand" || !errors.Is(p[0].Err, chain.ErrUnsigned) {
		t.Errorf("an unsigned scan: %v", p)
	}

	if p := chain.Verify(pub, "file-2", scans); len(p) != 5 {
		t.Errorf("another file's chain: %v", p)
	}
	if p := chain.Verify(nil, "file-1", scans); len(p) != 5 {
		t.Errorf("no key: %v", p)
	}
}

func TestMessagesDoNotRunTogether(t *testing.T) {
	a := chain.Scan{Station: "ab", Operator: "c"}
	b := chain.Scan{Station: "a", Operator: "bc"}
	if bytes.Equal(chain.Message("f", a, nil), chain.Message("f", b, nil)) {
		t.Fatal("two different scans encode alike")
	}
	if bytes.Equal(chain.Message("f", a, nil), chain.Message("f", a, []byte{0})) {
		t.Fatal("the previous signature is not covered")
	}
}

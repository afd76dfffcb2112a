// Package chain signs the scans a door station records, each one chained to
// the one before, and checks such a chain. Each signature covers every field
// a merge trusts and the previous scan's signature, so that a scan removed,
// edited or inserted anywhere breaks the chain. The key is the station
// file's own Ed25519 key, made for that file alone.
package chain

import (
	"crypto/ed25519"
	"encoding/binary"
	"errors"
	"fmt"
)

// domain starts every signed message, so that a scan's signature can never
// be taken for a badge's or anything else's.
const domain = "ACCRED-SCAN-1"

// Why a scan breaks its chain.
var (
	ErrUnsigned  = errors.New("not signed: it was added to the file by hand")
	ErrSignature = errors.New("bad signature: the scan was altered, or not recorded by this file's door")
	ErrGap       = errors.New("broken chain: a scan before it was removed")
	ErrRepeated  = errors.New("broken chain: its place in the chain is taken twice (a scan was inserted or copied)")
)

// Scan is one recorded scan, as the door stored it.
type Scan struct {
	Seq           int64 // its place in the chain, from 1
	ID            string
	SessionID     int64
	ParticipantID int64 // 0 when the code named nobody
	Station       string
	Operator      string
	At            string // as stored (RFC 3339)
	Direction     string
	Verdict       string
	Reason        string
	Manual        bool
	Signature     []byte
}

// Message is the canonical encoding of a scan that the station signs: the
// domain, the file id, the scan's fields and the previous scan's signature
// (none for the first), each field length-prefixed so that no two scans
// encode alike.
func Message(fileID string, s Scan, prev []byte) []byte {
	b := []byte(domain)
	str := func(v string) {
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	num := func(v int64) { b = binary.BigEndian.AppendUint64(b, uint64(v)) }
	str(fileID)
	num(s.Seq)
	str(s.ID)
	num(s.SessionID)
	num(s.ParticipantID)
	str(s.Station)
	str(s.Operator)
	str(s.At)
	str(s.Direction)
	str(s.Verdict)
	str(s.Reason)
	if s.Manual {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	str(string(prev))
	return b
}

// Sign returns the signature of s, which follows the scan signed prev.
func Sign(key ed25519.PrivateKey, fileID string, s Scan, prev []byte) []byte {
	return ed25519.Sign(key, Message(fileID, s, prev))
}

// Problem is one scan that breaks the chain: its position in the file (from
// 1, in chain order), its id, and why.
type Problem struct {
	Position int
	ID       string
	Err      error
}

func (p Problem) Error() string {
	return fmt.Sprintf("scan %d (%s): %v", p.Position, p.ID, p.Err)
}

// Verify checks a chain of scans in their order (by Seq, then as stored)
// against the file's public key and returns one problem per bad scan, none
// when the chain is whole. An edited scan is named alone; a removed one names
// the scan after the gap; an inserted or copied one is named for its place or
// its signature. Removing the last scans cannot be told from a door that
// stopped there.
func Verify(pub ed25519.PublicKey, fileID string, scans []Scan) []Problem {
	var problems []Problem
	var prev []byte
	next := int64(1)
	for i, s := range scans {
		bad := func(err error) { problems = append(problems, Problem{Position: i + 1, ID: s.ID, Err: err}) }
		switch {
		case s.Seq < 1 || len(s.Signature) == 0:
			bad(ErrUnsigned)
			continue
		case s.Seq < next:
			bad(ErrRepeated)
			continue // the chain goes on from the scan that held this place first
		case s.Seq > next:
			bad(ErrGap)
		case len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, Message(fileID, s, prev), s.Signature):
			bad(ErrSignature)
		}
		prev, next = s.Signature, s.Seq+1
	}
	return problems
}

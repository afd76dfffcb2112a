package credential

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"regexp"
	"strings"
	"testing"
)

func newKey(t testing.TB) (string, ed25519.PublicKey, ed25519.PrivateKey) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(pub)
	return base32.StdEncoding.EncodeToString(sum[:5]), pub, priv
}

var alphanumeric = regexp.MustCompile(`^[0-9A-Z]+$`)

func TestSignAndVerify(t *testing.T) {
	kid, pub, priv := newKey(t)
	for _, c := range []Credential{{kid, 1, 1}, {kid, 2900, 3}, {kid, 0xFFFFFFFF, 0xFFFF}} {
		code, err := Sign(c, priv)
		if err != nil {
			t.Fatal(err)
		}
		if len(code) != Length || !alphanumeric.MatchString(code) {
			t.Fatalf("code %q is not %d upper-case letters and digits", code, Length)
		}
		got, err := Verify(code, kid, pub)
		if err != nil || got != c {
			t.Fatalf("Verify = %+v, %v; want %+v", got, err, c)
		}
		if got, err := Verify("  "+strings.ToLower(code)+"\r\n", kid, pub); err != nil || got != c {
			t.Fatalf("a scanner's lower case and line end: %v", err)
		}
	}
}

func TestVerifyRefuses(t *testing.T) {
	kid, pub, priv := newKey(t)
	otherKid, otherPub, otherPriv := newKey(t)
	code, _ := Sign(Credential{kid, 42, 1}, priv)
	foreign, _ := Sign(Credential{otherKid, 42, 1}, otherPriv)
	// The same key id signed with another private key: a forgery.
	impostor, _ := Sign(Credential{kid, 42, 1}, otherPriv)
	flip := func(s string, i int) string {
		b := []byte(s)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		return string(b)
	}
	cases := []struct {
		name string
		code string
		want error
	}{
		{"empty", "", ErrMalformed},
		{"truncated", code[:len(code)-1], ErrMalformed},
		{"extended", code + "A", ErrMalformed},
		{"other prefix", "XYZ1" + code[4:], ErrMalformed},
		{"not base32", code[:20] + "0" + code[21:], ErrMalformed},
		{"other event", foreign, ErrOtherKey},
		{"forged", impostor, ErrForged},
		{"participant altered", flip(code, 14), ErrForged},
		{"issue altered", flip(code, 19), ErrForged},
		{"signature altered", flip(code, len(code)-5), ErrForged},
		{"sql", "' OR 1=1 --", ErrMalformed},
	}
	for _, c := range cases {
		if _, err := Verify(c.code, kid, pub); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := Verify(code, kid, otherPub); !errors.Is(err, ErrForged) {
		t.Errorf("wrong public key: %v", err)
	}
}

func TestSignRefusesOutOfRange(t *testing.T) {
	kid, _, priv := newKey(t)
	for _, c := range []Credential{{kid, 0, 1}, {kid, 1, 0}, {kid, 1 << 33, 1}, {kid, 1, 1 << 17}, {"NOTBASE32!", 1, 1}} {
		if _, err := Sign(c, priv); err == nil {
			t.Errorf("signed %+v", c)
		}
	}
}

func FuzzVerify(f *testing.F) {
	kid, pub, priv := newKey(f)
	code, _ := Sign(Credential{kid, 7, 2}, priv)
	f.Add(code)
	f.Add("")
	f.Add(Prefix)
	f.Add(strings.Repeat("A", Length))
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Verify(s, kid, pub)
		if err == nil && (c.ParticipantID != 7 || c.Issue != 2) {
			t.Fatalf("accepted %q as %+v", s, c)
		}
	})
}

package scantext

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base32"
	"strings"
	"testing"
	"time"

	"accred/data/credential"
)

// badge is a genuine badge's code, as a US keyboard types it.
func badge(t *testing.T) (string, string, ed25519.PublicKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	keyID := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(pub[:5])
	code, err := credential.Sign(credential.Credential{KeyID: keyID, ParticipantID: 1234567, Issue: 3}, priv)
	if err != nil {
		t.Fatal(err)
	}
	// Every character a code can hold, so that each one's mapping is tried.
	if !strings.ContainsAny(code, "AQZWM234567") {
		t.Fatalf("code %s", code)
	}
	return code, keyID, pub
}

// The keys a US scanner presses, as each layout types them (from the
// layouts' xkb symbols: fr, be, vn). A scanner types letters with Shift,
// digits without.
var (
	frenchKeys = map[rune]string{'A': "Q", 'Q': "A", 'Z': "W", 'W': "Z", 'M': "?",
		'1': "&", '2': "é", '3': `"`, '4': "'", '5': "(", '6': "-", '7': "è"}
	belgianKeys    = map[rune]string{'A': "Q", 'Q': "A", 'Z': "W", 'W': "Z", 'M': "?", '1': "&", '2': "é", '3': `"`, '4': "'", '5': "(", '6': "§", '7': "è"}
	vietnameseKeys = map[rune]string{'1': "ă", '2': "â", '3': "ê", '4': "ô", '5': "\u0300", '6': "\u0309", '7': "\u0303"}
	germanKeys     = map[rune]string{'Y': "Z", 'Z': "Y"}
)

// through types code as a keyboard whose keys say keys.
func through(code string, keys map[rune]string) string {
	var b strings.Builder
	for _, r := range code {
		if s, ok := keys[r]; ok {
			b.WriteString(s)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestReadBringsBackWhatTheLayoutChanged types genuine codes through each
// layout and reads them back: the code read back verifies; Telex and VNI
// are recognised and not guessed at.
func TestReadBringsBackWhatTheLayoutChanged(t *testing.T) {
	code, keyID, pub := badge(t)
	rest := code[len(credential.Prefix):]
	for _, c := range []struct {
		name   string
		typed  string
		layout Layout
	}{
		{"US", code, US},
		{"US, Caps Lock on", strings.ToLower(code), US},
		{"US, with spaces around", "  " + code + "\n", US},
		{"French AZERTY", through(code, frenchKeys), AZERTY},
		{"Belgian AZERTY", through(code, belgianKeys), AZERTY},
		{"Vietnamese keyboard", through(code, vietnameseKeys), VietnameseKeyboard},
		// A program that composes marks joins a tone to the letter before.
		{"Vietnamese keyboard, composed", composed(through(code, vietnameseKeys)), VietnameseKeyboard},
		// Telex: R after "AC" is the hỏi tone, DD is đ, W is ư, AA is â, S a sắc tone.
		{"Telex", "ẢC1" + strings.NewReplacer("DD", "Đ", "W", "Ư", "AA", "Â", "AS", "Á").Replace(rest), VietnameseIME},
		// VNI: 1 is the sắc tone, 2 huyền, 6 a circumflex, 7 a horn.
		{"VNI", "ÁCR" + strings.NewReplacer("A2", "À", "O6", "Ô", "U7", "Ư", "E2", "È").Replace(rest), VietnameseIME},
		// The input method ate the prefix's first letters.
		{"Telex, its start lost", "C1" + strings.NewReplacer("DD", "Đ", "W", "Ư").Replace(rest), VietnameseIME},
	} {
		got := Read(c.typed)
		if got.Layout != c.layout {
			t.Errorf("%s: read as %q, want %q (%q)", c.name, got.Layout, c.layout, c.typed)
			continue
		}
		if !IsScan(c.typed) {
			t.Errorf("%s: not taken for a scan", c.name)
		}
		if c.layout == VietnameseIME {
			if got.Code != "" {
				t.Errorf("%s: guessed %q", c.name, got.Code)
			}
			continue
		}
		if _, err := credential.Verify(got.Code, keyID, pub); err != nil {
			t.Errorf("%s: read back as %q: %v", c.name, got.Code, err)
		}
	}
}

// TestReadSignedBringsBackGermanQWERTZ: a genuine code typed through
// German QWERTZ (Y and Z swapped, the prefix and digits as they are) is read
// back by its signature, with Caps Lock on too; a code as typed stays as
// it is, and one signed by no key is left for the badge's check to refuse.
func TestReadSignedBringsBackGermanQWERTZ(t *testing.T) {
	code, keyID, pub := badge(t)
	for !strings.ContainsAny(code, "YZ") { // so that the layout changes it
		code, keyID, pub = badge(t)
	}
	signed := func(c string) bool {
		_, err := credential.Verify(c, keyID, pub)
		return err == nil
	}
	german := through(code, germanKeys)
	altered := []byte(german) // one character changed: no key signed it
	altered[len(altered)-5] = map[bool]byte{true: 'B', false: 'C'}[altered[len(altered)-5] != 'B']
	for _, c := range []struct {
		name, typed string
		layout      Layout
		want        string
	}{
		{"US", code, US, code},
		{"German QWERTZ", german, QWERTZ, code},
		{"German QWERTZ, Caps Lock on", strings.ToLower(german), QWERTZ, strings.ToLower(code)},
		{"French AZERTY", through(code, frenchKeys), AZERTY, code},
		{"no key's", string(altered), US, string(altered)},
	} {
		got := ReadSigned(c.typed, signed)
		if got.Layout != c.layout || got.Code != c.want {
			t.Errorf("%s: read as %+v, want %q through %q", c.name, got, c.want, c.layout)
		}
		if !IsScan(c.typed) {
			t.Errorf("%s: not taken for a scan", c.name)
		}
	}
}

// composed joins each combining mark to the character before it, as NFC
// would where Unicode has a composed letter.
func composed(s string) string {
	for _, x := range []struct{ from, to string }{{"A\u0300", "À"}, {"E\u0300", "È"}, {"O\u0303", "Õ"}, {"A\u0303", "Ã"}, {"Y\u0300", "Ỳ"}} {
		s = strings.ReplaceAll(s, x.from, x.to)
	}
	return s
}

// TestReadLeavesOtherTextAlone: text that is no badge in any layout is
// returned as it is, for the badge's check to refuse; a person's typing is
// no scan.
func TestReadLeavesOtherTextAlone(t *testing.T) {
	for _, text := range []string{"NOT-A-BADGE", "000003", "Nguyễn Văn An", "ACR1", "đặng", ""} {
		if got := Read(text); got.Code != strings.TrimSpace(text) || got.Layout != US {
			t.Errorf("%q read as %+v", text, got)
		}
		if IsScan(text) {
			t.Errorf("%q taken for a scan", text)
		}
	}
}

// TestBurstTellsAScannerFromAPerson: a code typed fast and ended by Enter
// is a scan, into whatever field, after what a person typed there and
// even when a busy window takes a few keys late; the same code typed at a
// person's pace, or a PIN typed fast, is not.
func TestBurstTellsAScannerFromAPerson(t *testing.T) {
	code, _, _ := badge(t)
	at := time.Date(2025, 10, 25, 14, 0, 0, 0, time.UTC)
	typeAt := func(b *Burst, text string, every time.Duration) {
		for i, r := range []rune(text) {
			at = at.Add(every)
			if i%20 == 19 {
				at = at.Add(200 * time.Millisecond) // the window was busy drawing
			}
			b.Typed(r, at)
		}
	}
	var b Burst
	typeAt(&b, "12", 300*time.Millisecond) // a person starts a PIN
	at = at.Add(2 * time.Second)
	typeAt(&b, through(code, frenchKeys), 8*time.Millisecond)
	if typed, scan := b.Enter(at.Add(8 * time.Millisecond)); !scan || typed != through(code, frenchKeys) {
		t.Fatalf("a scan after a PIN's first digits: %v %q", scan, typed)
	}
	typeAt(&b, code, 150*time.Millisecond)
	if _, scan := b.Enter(at.Add(150 * time.Millisecond)); scan {
		t.Fatal("a code typed at a person's pace taken for a scan")
	}
	typeAt(&b, "123456", 5*time.Millisecond)
	if _, scan := b.Enter(at.Add(5 * time.Millisecond)); scan {
		t.Fatal("a PIN typed fast taken for a scan")
	}
	typeAt(&b, code, 5*time.Millisecond)
	if _, scan := b.Enter(at.Add(10 * time.Second)); scan {
		t.Fatal("a code whose Enter came ten seconds later taken for a scan")
	}
}

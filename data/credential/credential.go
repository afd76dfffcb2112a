// Package credential encodes and checks the text of a badge's QR code: a
// format version, the event's key id, the participant id and the badge issue
// number, signed with the event's Ed25519 key. It holds no personal data,
// and uses only upper-case letters and digits after the prefix, so that it
// fits QR alphanumeric mode and survives a USB scanner typing it.
package credential

import (
	"crypto/ed25519"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"strings"
)

// Prefix starts every credential; its digit is the format version.
const Prefix = "ACR1"

const (
	keyIDBytes   = 5
	payloadBytes = keyIDBytes + 4 + 2 // key id, participant id, issue
	signedBytes  = payloadBytes + ed25519.SignatureSize
)

// Length is the number of characters in a credential.
var Length = len(Prefix) + encoding.EncodedLen(signedBytes)

var encoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// Why a credential is refused.
var (
	ErrMalformed = errors.New("not an Accred badge code")
	ErrOtherKey  = errors.New("badge of another event or key")
	ErrForged    = errors.New("signature does not match: forged or altered badge")
)

// Credential is what a badge's QR code says.
type Credential struct {
	KeyID         string // base32 key id, as data.KeyID gives it
	ParticipantID int64
	Issue         int // 1 for the first badge, one more for each reprint
}

// Sign returns the QR text of c, signed with key.
func Sign(c Credential, key ed25519.PrivateKey) (string, error) {
	kid, err := encoding.DecodeString(c.KeyID)
	if err != nil || len(kid) != keyIDBytes {
		return "", errors.New("credential: bad key id")
	}
	if c.ParticipantID <= 0 || c.ParticipantID > 0xFFFFFFFF || c.Issue <= 0 || c.Issue > 0xFFFF {
		return "", errors.New("credential: participant id or issue out of range")
	}
	buf := make([]byte, payloadBytes, signedBytes)
	copy(buf, kid)
	binary.BigEndian.PutUint32(buf[keyIDBytes:], uint32(c.ParticipantID))
	binary.BigEndian.PutUint16(buf[keyIDBytes+4:], uint16(c.Issue))
	buf = append(buf, ed25519.Sign(key, signedMessage(buf))...)
	return Prefix + encoding.EncodeToString(buf), nil
}

// Verify reads a scanned code and checks it against the event's public key.
// Surrounding spaces and lower case (a scanner with Caps Lock) are forgiven.
// It returns ErrMalformed, ErrOtherKey or ErrForged when the code is refused.
func Verify(code string, keyID string, pub ed25519.PublicKey) (Credential, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) != Length || !strings.HasPrefix(code, Prefix) {
		return Credential{}, ErrMalformed
	}
	raw, err := encoding.DecodeString(code[len(Prefix):])
	if err != nil || len(raw) != signedBytes {
		return Credential{}, ErrMalformed
	}
	c := Credential{
		KeyID:         encoding.EncodeToString(raw[:keyIDBytes]),
		ParticipantID: int64(binary.BigEndian.Uint32(raw[keyIDBytes:])),
		Issue:         int(binary.BigEndian.Uint16(raw[keyIDBytes+4:])),
	}
	if c.KeyID != keyID {
		return c, ErrOtherKey
	}
	if len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, signedMessage(raw[:payloadBytes]), raw[payloadBytes:]) {
		return c, ErrForged
	}
	return c, nil
}

// signedMessage binds the format version to the payload.
func signedMessage(payload []byte) []byte {
	return append([]byte(Prefix), payload...)
}

package data

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"
)

// The argon2id parameters of a new PIN's hash (OWASP's minimum: 19 MiB,
// two passes, one lane). Each hash names its own, so that they can grow.
const (
	pinTime    = 2
	pinMemory  = 19 * 1024 // KiB
	pinThreads = 1
	pinKeyLen  = 32
	pinSaltLen = 16
)

// hashPIN returns the argon2id hash of pin with a new random salt, in the
// usual encoding: $argon2id$v=19$m=…,t=…,p=…$salt$hash.
func hashPIN(pin string) (string, error) {
	salt := make([]byte, pinSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("make a salt: %w", err)
	}
	key := argon2.IDKey([]byte(pin), salt, pinTime, pinMemory, pinThreads, pinKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, pinMemory, pinTime, pinThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// pinParams is how a new PIN is hashed: its hash's first parts, which the
// salt follows.
var pinParams = fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$", argon2.Version, pinMemory, pinTime, pinThreads)

// pinSlots bounds how many PINs are hashed at once: each hash holds
// pinMemory, and a crowd of sign-ins must not take the machine's memory.
var pinSlots = make(chan struct{}, runtime.NumCPU())

// pinMatches reports whether pin is the one hashed in encoded, comparing in
// constant time. A hash that cannot be read matches nothing.
func pinMatches(encoded, pin string) bool {
	i := strings.LastIndexByte(encoded, '$')
	if i < 0 {
		return false
	}
	want := encoded[i+1:]
	got, ok := pinKey(encoded[:i], pin)
	return ok && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// pinKey hashes pin as params say (a hash without its last part:
// $argon2id$v=…$m=…,t=…,p=…$salt) and returns the hash's last part. It
// reports false for params it cannot read.
func pinKey(params, pin string) (string, bool) {
	parts := strings.Split(params, "$")
	if len(parts) != 5 || parts[0] != "" || parts[1] != "argon2id" {
		return "", false
	}
	var version int
	var memory, passes uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return "", false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &passes, &threads); err != nil ||
		memory == 0 || memory > 1<<20 || passes == 0 || passes > 16 || threads == 0 {
		return "", false
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return "", false
	}
	pinSlots <- struct{}{}
	defer func() { <-pinSlots }()
	return b64.EncodeToString(argon2.IDKey([]byte(pin), salt, passes, memory, threads, pinKeyLen)), true
}

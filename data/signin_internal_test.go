package data

import (
	"testing"
	"time"
)

// TestSignInRules: what a try answers and leaves behind. The server's
// accred_sign_in decides the same way; TestSignIn and
// TestSignInAnswersAlikeForEveryName try both engines with these cases.
func TestSignInRules(t *testing.T) {
	cases := []struct {
		name string
		try  signInTry
		want signInVerdict
	}{
		{"unknown name", signInTry{right: true}, signInVerdict{outcome: signInWrong}},
		{"right PIN", signInTry{known: true, right: true, failed: 3}, signInVerdict{outcome: signInOK}},
		{"first wrong PIN", signInTry{known: true}, signInVerdict{outcome: signInWrong, failed: 1}},
		{"fourth wrong PIN", signInTry{known: true, failed: WrongPINs - 2}, signInVerdict{outcome: signInWrong, failed: WrongPINs - 1}},
		{"fifth wrong PIN: a wait", signInTry{known: true, failed: WrongPINs - 1}, signInVerdict{outcome: signInWrong, lock: true}},
		{"disabled, right PIN", signInTry{known: true, right: true, disabled: true}, signInVerdict{outcome: signInWrong, failed: 1}},
		{"waiting, right PIN: told", signInTry{known: true, right: true, waitLeft: 10 * time.Second},
			signInVerdict{outcome: signInWait, waitLeft: 10 * time.Second}},
		{"waiting, wrong PIN: not told, not counted", signInTry{known: true, failed: 2, waitLeft: 10 * time.Second},
			signInVerdict{outcome: signInWrong, failed: 2}},
		{"waiting, disabled: not told", signInTry{known: true, right: true, disabled: true, waitLeft: time.Second},
			signInVerdict{outcome: signInWrong}},
		{"wait over", signInTry{known: true, right: true, waitLeft: -time.Second}, signInVerdict{outcome: signInOK}},
	}
	for _, c := range cases {
		if got := decideSignIn(c.try); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

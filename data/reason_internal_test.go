package data

import "testing"

// TestBadgeErrorsSayTheirReasons keeps VerifyBadge's errors, which the
// command line prints, in the words of their reasons at the door.
func TestBadgeErrorsSayTheirReasons(t *testing.T) {
	for code, err := range reasonErrors {
		if want := (Reason{Code: code}).String(); err.Error() != want || want == "" {
			t.Errorf("%s: the error says %q, the reason %q", code, err, want)
		}
	}
	for err, code := range codeReasons {
		if got, ok := codeReason(err); !ok || got != code {
			t.Errorf("%v: %q %v, want %q", err, got, ok, code)
		}
	}
}

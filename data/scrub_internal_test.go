package data

import "testing"

func TestScrubReplacesWholeWordsOnly(t *testing.T) {
	var s scrubber
	s.add("An", "000007")
	s.add("Nguyễn Văn", "000007")
	s.add("Nguyễn", "000007")
	s.add("an@example.org", "")
	s.add("B", "000007") // too short to take out of sentences
	for _, c := range []struct{ in, want string }{
		{"An lost it", "000007 lost it"},
		{"Annual meeting; handed to An.", "Annual meeting; handed to 000007."},
		{"Nguyễn Văn An", "000007 000007"},
		{"Nguyễnthị", "Nguyễnthị"},
		{"mail an@example.org, not man@example.org", "mail , not man@example.org"},
		{"B and An", "B and 000007"},
		{"", ""},
	} {
		if got := s.scrub(c.in); got != c.want {
			t.Errorf("scrub(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

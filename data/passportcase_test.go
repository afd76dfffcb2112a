package data

import "testing"

func TestPassportCase(t *testing.T) {
	for _, c := range []struct {
		typed, want string
		offered     bool
	}{
		{"pierre", "Pierre", true},
		{"jean-pierre", "Jean-Pierre", true},
		{"o'sullivan", "O'Sullivan", true},
		{"nguyễn văn an", "Nguyễn Văn An", true},
		{"de la fontaine-ébrard", "de la Fontaine-Ébrard", true},
		{"maria del carmen", "Maria del Carmen", true},
		{"van", "Van", true}, // a particle alone is a name
		{"thị hồng", "Thị Hồng", true},
		{"Pierre", "Pierre", false},
		{"DUPONT", "DUPONT", false},
		{"mcDonald", "mcDonald", false}, // a capital: as its owner wrote it
		{"", "", false},
		{"阮文安", "阮文安", false},
	} {
		got, offered := PassportCase(c.typed)
		if got != c.want || offered != c.offered {
			t.Errorf("PassportCase(%q) = %q, %v; want %q, %v", c.typed, got, offered, c.want, c.offered)
		}
	}
}

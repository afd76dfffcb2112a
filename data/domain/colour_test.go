package domain_test

import (
	"image/color"
	"testing"

	"accred/data/domain"
)

func TestCategoryRGB(t *testing.T) {
	grey := color.NRGBA{R: 0x77, G: 0x77, B: 0x77, A: 0xFF}
	for _, c := range []struct {
		colour string
		want   color.NRGBA
	}{
		{"#1F4E9E", color.NRGBA{R: 0x1F, G: 0x4E, B: 0x9E, A: 0xFF}},
		{"#c62828", color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xFF}},
		{"", grey},
		{"1F4E9E", grey},
		{"#1F4E9", grey},
		{"#1F4E9E0", grey},
		{"#GGGGGG", grey},
		{"#-1F4E9", grey},
	} {
		if got := (domain.Category{Colour: c.colour}).RGB(); got != c.want {
			t.Errorf("%q: %v, want %v", c.colour, got, c.want)
		}
	}
}

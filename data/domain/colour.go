package domain

import (
	"image/color"
	"strconv"
)

// grey is the colour of a category whose colour cannot be read.
var grey = color.NRGBA{R: 0x77, G: 0x77, B: 0x77, A: 0xFF}

// RGB is the category's colour, or grey when Colour is not #RRGGBB.
func (c Category) RGB() color.NRGBA {
	if !colourPattern.MatchString(c.Colour) {
		return grey
	}
	v, _ := strconv.ParseUint(c.Colour[1:], 16, 32)
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xFF}
}

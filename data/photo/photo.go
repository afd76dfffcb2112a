// Package photo checks a participant's photo and scales it to the size a
// badge and a door screen need.
package photo

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	_ "image/png" // PNG photos are accepted too
	"strings"

	"golang.org/x/image/draw"
)

// Limits on what is accepted.
const (
	MaxBytes  = 15 << 20 // a file larger than this is refused unread
	MaxPixels = 50e6     // a picture with more pixels than this is refused undecoded
	MinSide   = 100      // a picture narrower or lower than this is too small to recognise anyone
	Height    = 600      // stored photos are scaled down to this height
)

// ErrTooLarge and the others say why a photo was refused, in words a person understands.
var (
	ErrTooLarge = errors.New("the photo file is larger than 15 MB")
	ErrFormat   = errors.New("the photo is not a JPEG or PNG picture")
	ErrTooSmall = errors.New("the photo is too small (at least 100 × 100 pixels)")
	// ErrTooManyPixels guards against pictures that would fill the memory when decoded.
	ErrTooManyPixels = errors.New("the photo has too many pixels (50 megapixels at most)")
)

// Prepare checks a JPEG or PNG picture and returns it as a JPEG at most
// Height pixels high.
func Prepare(raw []byte) ([]byte, error) {
	if len(raw) > MaxBytes {
		return nil, ErrTooLarge
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil || (format != "jpeg" && format != "png") {
		return nil, ErrFormat
	}
	if float64(cfg.Width)*float64(cfg.Height) > MaxPixels {
		return nil, ErrTooManyPixels
	}
	if cfg.Width < MinSide || cfg.Height < MinSide {
		return nil, ErrTooSmall
	}
	img, _, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, ErrFormat
	}
	if b := img.Bounds(); b.Dy() > Height {
		w := b.Dx() * Height / b.Dy()
		scaled := image.NewRGBA(image.Rect(0, 0, w, Height))
		draw.CatmullRom.Scale(scaled, scaled.Bounds(), img, b, draw.Src, nil)
		img = scaled
	}
	var out bytes.Buffer
	if err := jpeg.Encode(&out, img, &jpeg.Options{Quality: 85}); err != nil {
		return nil, fmt.Errorf("encode photo: %w", err)
	}
	return out.Bytes(), nil
}

// Reason puts a refusal from Prepare as a sentence for a person: "The photo
// is not a JPEG or PNG picture."
func Reason(err error) string {
	msg := err.Error()
	return strings.ToUpper(msg[:1]) + msg[1:] + "."
}

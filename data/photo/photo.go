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
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/image/draw"

	"accred/data/msg"
)

// Limits on what is accepted.
const (
	MaxBytes  = 15 << 20 // a file larger than this is refused unread
	MaxPixels = 50e6     // a picture with more pixels than this is refused undecoded
	MinSide   = 100      // a picture narrower or lower than this is too small to recognise anyone
	Height    = 600      // stored photos are scaled down to this height

	MaxKeptBytes = 2 << 20 // a JPEG ready to store is kept as it is up to this size
)

// ErrTooLarge and the others say why a photo was refused, in words a person understands.
var (
	ErrTooLarge = errors.New("the photo file is larger than 15 MB")
	ErrFormat   = errors.New("the photo is not a JPEG or PNG picture")
	ErrTooSmall = errors.New("the photo is too small (at least 100 × 100 pixels)")
	// ErrTooManyPixels guards against pictures that would fill the memory when decoded.
	ErrTooManyPixels = errors.New("the photo has too many pixels (50 megapixels at most)")
	ErrNoFile        = errors.New("there is no such photo file in the folder")
	ErrOutside       = errors.New("the photo's path leads outside the folder (a path with .. or a link leading out is refused)")
	ErrNotPlain      = errors.New("the photo is not a plain file (a folder, device or pipe is refused)")
	ErrUnreadable    = errors.New("the photo file cannot be read")
)

// Read reads the photo file name inside the folder dir, refusing a name or
// link that leads outside dir, anything but a plain file (a device such as
// /dev/zero or a pipe would never end), and a file larger than MaxBytes;
// it reads at most MaxBytes+1 bytes whatever the file claims. Its errors are
// the Err values above.
func Read(dir, name string) ([]byte, error) {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return nil, ErrOutside
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, ErrNoFile
	}
	defer root.Close()
	// Not blocking: opening a pipe would otherwise wait for a writer.
	f, err := root.OpenFile(filepath.FromSlash(name), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, ErrNoFile
	case err != nil && strings.Contains(err.Error(), "escapes"): // os.Root has no error value for it
		return nil, ErrOutside
	case err != nil:
		return nil, ErrUnreadable
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return nil, ErrNotPlain
	}
	if info.Size() > MaxBytes {
		return nil, ErrTooLarge
	}
	raw, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, ErrUnreadable
	}
	if len(raw) > MaxBytes {
		return nil, ErrTooLarge
	}
	return raw, nil
}

// Prepare checks a JPEG or PNG picture and returns it as a JPEG at most
// Height pixels high. A JPEG that already is one, carries no metadata (no
// camera data, place or comment) and is at most MaxKeptBytes long comes
// back as it is: a prepared photo prepared again (an exported roster
// imported) keeps its bytes.
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
	if format == "jpeg" && cfg.Height <= Height && len(raw) <= MaxKeptBytes && withoutMetadata(raw) {
		return raw, nil
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

// withoutMetadata reports whether a JPEG is baseline and its segments
// before its picture data hold no application data (APP0 to APP15: EXIF,
// XMP, ICC profiles…) and no comment, as the JPEGs Prepare writes. A JPEG
// it cannot walk does not.
func withoutMetadata(raw []byte) bool {
	if len(raw) < 4 || raw[0] != 0xFF || raw[1] != 0xD8 {
		return false
	}
	for i := 2; i+4 <= len(raw); {
		if raw[i] != 0xFF {
			return false
		}
		marker := raw[i+1]
		switch {
		case marker == 0xFF: // fill byte
			i++
			continue
		case marker == 0xDA: // start of scan: the picture data follow
			return true
		case marker >= 0xE0 && marker <= 0xEF, marker == 0xFE:
			return false
		case marker >= 0xC1 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
			return false // not baseline (progressive, lossless …): written anew
		}
		i += 2 + (int(raw[i+2])<<8 | int(raw[i+3]))
	}
	return false
}

// Reason puts a refusal from Read or Prepare as a sentence for a person:
// "The photo is not a JPEG or PNG picture."
func Reason(err error) msg.Message {
	for sentinel, key := range reasons {
		if errors.Is(err, sentinel) {
			return key.Msg()
		}
	}
	return msgOther.With(msg.Args{"Err": err})
}

var reasons = map[error]msg.Key{
	ErrTooLarge:      msg.Define("The photo file is larger than 15 MB."),
	ErrFormat:        msg.Define("The photo is not a JPEG or PNG picture."),
	ErrTooSmall:      msg.Define("The photo is too small (at least 100 × 100 pixels)."),
	ErrTooManyPixels: msg.Define("The photo has too many pixels (50 megapixels at most)."),
	ErrNoFile:        msg.Define("There is no such photo file in the folder."),
	ErrOutside:       msg.Define("The photo's path leads outside the folder (a path with .. or a link leading out is refused)."),
	ErrNotPlain:      msg.Define("The photo is not a plain file (a folder, device or pipe is refused)."),
	ErrUnreadable:    msg.Define("The photo file cannot be read."),
}

var msgOther = msg.Define("The photo cannot be used: {{.Err}}")

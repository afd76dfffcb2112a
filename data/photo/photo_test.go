package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

func picture(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	return img
}

func TestPrepareScalesPNGToJPEG(t *testing.T) {
	var buf bytes.Buffer
	png.Encode(&buf, picture(900, 1200))
	out, err := Prepare(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("not a JPEG: %v", err)
	}
	if b := img.Bounds(); b.Dy() != Height || b.Dx() != 450 {
		t.Fatalf("scaled to %v", b)
	}
}

func TestPrepareRefusesBadPictures(t *testing.T) {
	var small bytes.Buffer
	jpeg.Encode(&small, picture(50, 50), nil)
	var good bytes.Buffer
	jpeg.Encode(&good, picture(200, 300), nil)
	cases := map[string][]byte{
		"empty":     nil,
		"text":      []byte("not a picture at all"),
		"truncated": good.Bytes()[:len(good.Bytes())/3],
		"tiny":      small.Bytes(),
		"gif":       []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
		"huge file": make([]byte, MaxBytes+1),
	}
	for name, raw := range cases {
		if _, err := Prepare(raw); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := Prepare(good.Bytes()); err != nil {
		t.Errorf("good photo refused: %v", err)
	}
}

func TestPrepareRefusesDecompressionBomb(t *testing.T) {
	// A PNG header claiming 100,000 × 100,000 pixels.
	var buf bytes.Buffer
	png.Encode(&buf, picture(1, 1))
	raw := buf.Bytes()
	raw[16], raw[17], raw[18], raw[19] = 0, 1, 0x86, 0xA0
	raw[20], raw[21], raw[22], raw[23] = 0, 1, 0x86, 0xA0
	if _, err := Prepare(raw); err == nil {
		t.Fatal("a 10-gigapixel header was accepted")
	}
}

func TestPreparedPhotoKeepsItsBytes(t *testing.T) {
	var buf bytes.Buffer
	png.Encode(&buf, picture(900, 1200))
	once, err := Prepare(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	twice, err := Prepare(once)
	if err != nil || !bytes.Equal(once, twice) {
		t.Fatalf("a prepared photo prepared again changed: %v", err)
	}

	// A camera's JPEG with its metadata (APP1, where EXIF and the place
	// are kept) is written anew without them.
	var camera bytes.Buffer
	jpeg.Encode(&camera, picture(200, 300), nil)
	exif := append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x08}, []byte("Exif\x00\x00")...)
	withExif := append(exif, camera.Bytes()[2:]...)
	out, err := Prepare(withExif)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("Exif")) || !withoutMetadata(out) {
		t.Fatal("the metadata were kept")
	}
	progressive := bytes.Replace(camera.Bytes(), []byte{0xFF, 0xC0}, []byte{0xFF, 0xC2}, 1)
	if withoutMetadata(withExif) || withoutMetadata(progressive) || !withoutMetadata(camera.Bytes()) || withoutMetadata(nil) || withoutMetadata([]byte{0xFF, 0xD8, 0x00}) {
		t.Fatal("metadata or a broken JPEG taken for a plain one")
	}
}

package printing

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// badgesText prints the badges and reads their text back with pdftotext.
func badgesText(t *testing.T, sheet Sheet, badges []Badge) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not installed; 'make deps' installs it")
		}
		t.Skip("pdftotext is not installed; 'make deps' installs it")
	}
	var buf bytes.Buffer
	if err := Badges(&buf, sheet, badges); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "badges.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestBandSpeaksTheEventsLanguages prints a delegate's badge with English
// and French chosen: the band reads "DELEGATE / DÉLÉGUÉ" in every layout;
// a category without a French name keeps its own.
func TestBandSpeaksTheEventsLanguages(t *testing.T) {
	badges := demoBadges(t, 2)
	badges[0].Participant.Category, badges[1].Participant.Category = "delegate", "security"
	for _, layout := range Layouts {
		sheet := demoSheet(layout)
		sheet.Event.Languages = []string{"en", "fr"}
		sheet.Categories[0].Names = map[string]string{"fr": "Délégué", "vi": "Đại biểu"}
		text := badgesText(t, sheet, badges)
		if !strings.Contains(text, "DELEGATE / DÉLÉGUÉ") || !strings.Contains(text, "SECURITY") || strings.Contains(text, "SECURITY /") {
			t.Errorf("%s: the bands read:\n%s", layout, text)
		}
		sheet.Event.Languages = []string{"fr", "vi"}
		if text := badgesText(t, sheet, badges); !strings.Contains(text, "DÉLÉGUÉ / ĐẠI BIỂU") {
			t.Errorf("%s: in French and Vietnamese the band reads:\n%s", layout, text)
		}
	}
}

// TestCategoryWithoutPhotoHasNoFrame prints a badge without a photo in a
// category that has photos, which shows the empty frame marked "photo",
// and one in a category that chose none, which shows no frame.
func TestCategoryWithoutPhotoHasNoFrame(t *testing.T) {
	badges := demoBadges(t, 1)
	badges[0].Participant.Category, badges[0].Participant.HasPhoto = "security", false
	for _, layout := range []Layout{A6, ID1} {
		sheet := demoSheet(layout)
		if text := badgesText(t, sheet, badges); !strings.Contains(text, "photo") {
			t.Fatalf("%s: no empty frame where a photo is missing:\n%s", layout, text)
		}
		for i := range sheet.Categories {
			sheet.Categories[i].NoPhoto = sheet.Categories[i].Code == "security"
		}
		if text := badgesText(t, sheet, badges); strings.Contains(text, "photo") {
			t.Fatalf("%s: a frame on a badge whose category has no photo:\n%s", layout, text)
		}
	}
}

// logoOf is a w×h logo in the format, 16 bits a channel for png16.
func logoOf(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	var img image.Image
	if format == "png16" {
		deep := image.NewRGBA64(image.Rect(0, 0, w, h))
		deep.Set(1, 1, color.RGBA64{0x1234, 0x5678, 0x9abc, 0xffff})
		img = deep
	} else {
		plain := image.NewRGBA(image.Rect(0, 0, w, h))
		plain.Set(1, 1, color.RGBA{200, 30, 30, 255})
		img = plain
	}
	var b bytes.Buffer
	var err error
	if format == "jpeg" {
		err = jpeg.Encode(&b, img, nil)
	} else {
		err = png.Encode(&b, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestEventLogoPrints prints the badges with the event's logo, in JPEG, in
// PNG and in a 16-bit PNG the PDF library cannot read as it is: the logo,
// with its own width, is in the document in place of Accred's.
func TestEventLogoPrints(t *testing.T) {
	for _, c := range []struct {
		format string
		w, h   int
	}{{"jpeg", 321, 123}, {"png", 322, 161}, {"png16", 323, 50}} {
		for _, layout := range Layouts {
			sheet := demoSheet(layout)
			sheet.Logo = logoOf(t, c.format, c.w, c.h)
			var buf bytes.Buffer
			if err := Badges(&buf, sheet, demoBadges(t, 2)); err != nil {
				t.Fatalf("%s logo, %s: %v", c.format, layout, err)
			}
			if !bytes.Contains(buf.Bytes(), []byte("/Width "+strconv.Itoa(c.w))) {
				t.Errorf("%s logo, %s: not in the document", c.format, layout)
			}
		}
	}
}

package data_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strconv"
	"strings"
	"testing"
	"time"

	"accred/data"
)

// logoImage is a w×h image encoded as format (png or jpeg).
func logoImage(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		img.Set(x, x%h, color.RGBA{0, 90, 160, 255})
	}
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestEventDaysMoveButKeepTheirSessions(t *testing.T) {
	s := newStore(t)
	newSession(t, s, data.Session{Code: "PLEN-2", Title: "Plenary", Kind: data.KindPlenary, Room: "Hall",
		Starts: time.Date(2025, 10, 26, 9, 0, 0, 0, time.UTC), Ends: time.Date(2025, 10, 26, 12, 0, 0, 0, time.UTC)})
	for _, c := range []struct{ key, value, says string }{
		{"ends_on", "2025-10-24", "dates: The last day comes before the first day."},
		{"starts_on", "2025-10-27", "dates: The last day comes before the first day."},
		{"ends_on", "2025-10-25", "dates: These sessions would fall outside the event's days: PLEN-2 (2025-10-26)."},
		{"starts_on", "2025-10-26x", "starts_on: Give the first and last day as YYYY-MM-DD."},
		{"ends_on", "", "ends_on: Give the first and last day as YYYY-MM-DD."},
	} {
		err := s.SetSetting(ctx, c.key, c.value)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), c.says) || !strings.HasPrefix(err.Error(), "The event's days were not changed.") {
			t.Errorf("%s %q: %v", c.key, c.value, err)
		}
	}
	if ev, _ := s.Event(ctx); ev.Starts.Format(data.DateLayout) != "2025-10-25" || ev.Ends.Format(data.DateLayout) != "2025-10-26" {
		t.Fatalf("refused days were kept: %v – %v", ev.Starts, ev.Ends)
	}
	if err := s.SetSetting(ctx, "starts_on", "2025-10-26"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, "ends_on", "2025-10-28"); err != nil {
		t.Fatal(err)
	}
	if ev, _ := s.Event(ctx); ev.Starts.Format(data.DateLayout) != "2025-10-26" || ev.Ends.Format(data.DateLayout) != "2025-10-28" {
		t.Fatalf("the days are %v – %v", ev.Starts, ev.Ends)
	}
}

func TestLogoIsCheckedAndKept(t *testing.T) {
	s := newStore(t)
	if img, err := s.Logo(ctx); err != nil || img != nil {
		t.Fatalf("a new event's logo: %d bytes, %v", len(img), err)
	}
	logo := logoImage(t, "png", 120, 60)
	for _, img := range [][]byte{logoImage(t, "jpeg", 50, 50), logo} {
		if err := s.SetLogo(ctx, img); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Logo(ctx); err != nil || !bytes.Equal(got, img) {
			t.Fatalf("the logo read back: %d bytes, %v", len(got), err)
		}
	}
	gif := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	truncated := logo[:len(logo)/2]
	huge := append(logoImage(t, "png", 10, 10), make([]byte, data.MaxLogo)...)
	wide := logoImage(t, "png", 4001, 1)
	for name, c := range map[string]struct {
		img  []byte
		says string
	}{
		"a GIF":              {gif, "logo: The logo must be a PNG or JPEG image."},
		"text":               {[]byte("<svg></svg>"), "logo: The logo must be a PNG or JPEG image."},
		"a truncated PNG":    {truncated, "logo: The logo must be a PNG or JPEG image."},
		"more than 512 KB":   {huge, "logo: The logo is too large: 512 KB at most."},
		"4001 pixels across": {wide, "logo: The logo is too large: 4000 pixels on a side at most."},
	} {
		if err := s.SetLogo(ctx, c.img); data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if got, _ := s.Logo(ctx); !bytes.Equal(got, logo) {
		t.Fatal("a refused logo replaced the event's")
	}
	if got := settingsText(t, s); !strings.Contains(got, "logo="+strconv.Itoa(len(logo))+" bytes ") {
		t.Fatalf("settings: %s", got)
	}
	if err := s.SetSetting(ctx, "logo", "/tmp/logo.png"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("a logo's path given as a setting's value: %v", err)
	}
	if err := s.SetSetting(ctx, "logo", "none"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Logo(ctx); got != nil {
		t.Fatal("none kept the logo")
	}
}

func TestBadgeLanguagesAndCategoryNames(t *testing.T) {
	s := newStore(t)
	for _, bad := range []string{"en fr vi", "english", "en en", "f1"} {
		if err := s.SetSetting(ctx, "languages", bad); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("languages %q: %v", bad, err)
		}
	}
	if err := s.SetSetting(ctx, "languages", " EN, fr "); err != nil {
		t.Fatal(err)
	}
	ev, err := s.Event(ctx)
	if err != nil || strings.Join(ev.Languages, " ") != "en fr" {
		t.Fatalf("languages %q, %v", ev.Languages, err)
	}
	cats, _ := s.Categories(ctx)
	delegate := cats[0]
	delegate.Names = map[string]string{"fr": "  Délégué ", "vi": "Đại biểu", "de": ""}
	delegate.NoPhoto = true
	if err := s.SaveCategory(ctx, delegate); err != nil {
		t.Fatal(err)
	}
	cats, _ = s.Categories(ctx)
	got := cats[0]
	if !got.NoPhoto || len(got.Names) != 2 || got.Names["fr"] != "Délégué" || cats[1].NoPhoto {
		t.Fatalf("the category read back: %+v", got)
	}
	for _, c := range []struct {
		languages []string
		want      string
	}{
		{nil, "Delegate"},
		{[]string{"en", "fr"}, "Delegate / Délégué"},
		{[]string{"fr", "vi"}, "Délégué / Đại biểu"},
		{[]string{"de", "fr"}, "Delegate / Délégué"}, // no German name: the name as given
		{[]string{"en", "de"}, "Delegate"},
	} {
		if label := got.Label(c.languages); label != c.want {
			t.Errorf("%v: %q, want %q", c.languages, label, c.want)
		}
	}
	for name, c := range map[string]data.Category{
		"an unknown code":     {Code: "nobody", Name: "Nobody", Colour: "#000000"},
		"a language's code":   {Code: "delegate", Name: "Delegate", Colour: "#1F4E9E", Names: map[string]string{"français": "Délégué"}},
		"a name too long":     {Code: "delegate", Name: "Delegate", Colour: "#1F4E9E", Names: map[string]string{"fr": strings.Repeat("é", 201)}},
		"a colour":            {Code: "delegate", Name: "Delegate", Colour: "blue"},
		"a control character": {Code: "delegate", Name: "Dele\agate", Colour: "#1F4E9E"},
	} {
		if err := s.SaveCategory(ctx, c); err == nil {
			t.Errorf("%s: saved", name)
		}
	}
}

package portal_test

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"log"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"accred/app/portal"
	"accred/data"
	"accred/data/pgtest"
	"accred/data/testproc"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// ctx acts as the System, with every right, as the unrestricted command line does.
var ctx = data.WithActor(context.Background(), data.System("test", ""))

// fixture is an event a month before it opens, with a portal serving it.
type fixture struct {
	t       *testing.T
	store   *data.Store
	server  *httptest.Server
	log     *testproc.Output
	vn, fr  data.PortalInvitation
	vnCode  string
	frCode  string
	options portal.Options
}

const failDelay = 150 * time.Millisecond

func newFixture(t *testing.T, opts portal.Options) *fixture {
	t.Helper()
	s, err := data.Open(pgtest.EventDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	start := time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC)
	if _, err := s.CreateEvent(ctx, data.Event{Name: "Test Conference", Starts: start, Ends: start.AddDate(0, 0, 1)}, nil); err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2025, 9, 20, 10, 0, 0, 0, time.UTC) }
	f := &fixture{t: t, store: s, log: &testproc.Output{}}
	f.vn, f.vnCode = f.invite(data.AffiliationDelegation, "VN")
	f.fr, f.frCode = f.invite(data.AffiliationDelegation, "FR")
	if opts.FailDelay == 0 {
		opts.FailDelay = failDelay
	}
	opts.Log = log.New(f.log, "", 0)
	f.options = opts
	f.server = httptest.NewServer(portal.New(s, opts))
	t.Cleanup(f.server.Close)
	return f
}

func (f *fixture) invite(kind, name string) (data.PortalInvitation, string) {
	f.t.Helper()
	inv, code, err := f.store.InviteToPortal(ctx, data.PortalInvitationInput{Kind: kind, Name: name})
	if err != nil {
		f.t.Fatal(err)
	}
	return inv, code
}

// browser is a client that keeps cookies and does not follow redirects.
func (f *fixture) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signIn opens the invitation's link in a new browser.
func (f *fixture) signIn(code string) *http.Client {
	f.t.Helper()
	c := f.browser()
	resp, err := c.Get(f.server.URL + "/i/" + code)
	if err != nil {
		f.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		f.t.Fatalf("the invitation's link: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return c
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// get reads a page, failing on a status other than want.
func (f *fixture) get(c *http.Client, path string, want int) string {
	f.t.Helper()
	resp, err := c.Get(f.server.URL + path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		f.t.Fatalf("GET %s: %d, want %d\n%s", path, resp.StatusCode, want, body)
	}
	return string(body)
}

// csrf is the token of the signed-in browser's forms.
func (f *fixture) csrf(c *http.Client) string {
	f.t.Helper()
	m := csrfField.FindStringSubmatch(f.get(c, "/", http.StatusOK))
	if m == nil {
		f.t.Fatal("no CSRF token on the page")
	}
	return m[1]
}

func (f *fixture) post(c *http.Client, path string, form url.Values) (*http.Response, string) {
	f.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, f.server.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", f.server.URL)
	resp, err := c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// upload posts a file in a multipart form, with the CSRF token.
func (f *fixture) upload(c *http.Client, path, field, name string, raw []byte, more url.Values) (*http.Response, string) {
	f.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, vs := range more {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile(field, name)
	fw.Write(raw)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, f.server.URL+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// call makes an API call with code as its bearer token.
func (f *fixture) call(method, path, code string, body []byte) (int, string) {
	f.t.Helper()
	req, _ := http.NewRequest(method, f.server.URL+path, bytes.NewReader(body))
	if code != "" {
		req.Header.Set("Authorization", "Bearer "+code)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

func photoBytes(t *testing.T) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 300, 400)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestAPIRegistersListsImportsAndWithdraws(t *testing.T) {
	f := newFixture(t, portal.Options{})
	status, body := f.call("POST", "/api/v1/nominees", f.vnCode, []byte(`{"given_name":"Văn An","family_name":"Nguyễn","nationality":"VN","document_number":"B1234567","head_of_delegation":true,"rank":1}`))
	if status != http.StatusCreated {
		t.Fatalf("POST: %d %s", status, body)
	}
	var created struct {
		ID     int64
		Status string
	}
	json.Unmarshal([]byte(body), &created)
	if created.ID == 0 || created.Status != "registered" {
		t.Fatal(body)
	}
	status, body = f.call("POST", "/api/v1/nominees", f.vnCode, []byte(`{"family_name":"","nationality":"Atlantis","document_number":"B2","email":"x@"}`))
	var refused struct {
		Error  string
		Fields map[string]string
	}
	json.Unmarshal([]byte(body), &refused)
	if status != http.StatusUnprocessableEntity || refused.Fields["family_name"] != "The family name is required." ||
		!strings.HasPrefix(refused.Fields["nationality"], "Unknown country") || refused.Fields["email"] == "" {
		t.Fatalf("422: %d %s", status, body)
	}
	status, body = f.call("POST", "/api/v1/nominees", f.vnCode, []byte(`{"family_name":"Lê","nationality":"VN","document_number":"B3","badge":"000001"}`))
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Unknown column") {
		t.Fatalf("an unknown column: %d %s", status, body)
	}
	csv := "category,family_name,given_name,nationality,document_number\ndelegate,Trần,Minh,VN,B4\ndelegate,,Lan,VN,\ndelegate,Phạm,Hoa,VN,B6\n"
	status, body = f.call("POST", "/api/v1/nominees/import", f.vnCode, []byte(csv))
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"line":3`) || strings.Contains(body, `"line":2`) {
		t.Fatalf("a file with a bad line: %d %s", status, body)
	}
	status, body = f.call("POST", "/api/v1/nominees/import", f.vnCode, []byte(strings.Replace(csv, "delegate,,Lan,VN,\n", "delegate,Lê,Lan,VN,B5\n", 1)))
	if status != http.StatusOK || !strings.Contains(body, `"created":3`) {
		t.Fatalf("import: %d %s", status, body)
	}
	status, body = f.call("GET", "/api/v1/nominees", f.vnCode, nil)
	var list []map[string]any
	json.Unmarshal([]byte(body), &list)
	if status != http.StatusOK || len(list) != 4 || list[0]["family_name"] != "Nguyễn" || list[0]["status"] != "registered" ||
		list[0]["delegation"] != "VN" || list[0]["head_of_delegation"] != "yes" {
		t.Fatalf("GET: %d %s", status, body)
	}
	if status, body = f.call("DELETE", fmt.Sprintf("/api/v1/nominees/%d", created.ID), f.vnCode, nil); status != http.StatusNoContent {
		t.Fatalf("DELETE: %d %s", status, body)
	}
	if p, _ := f.store.Participant(ctx, created.ID); p.Status != data.StatusWithdrawn {
		t.Fatal(p.Status)
	}
	// The desk rejects one, with a reason the focal point reads.
	if _, err := f.store.SetStatus(ctx, int64(list[1]["id"].(float64)), data.StatusRejected, "passport expired"); err != nil {
		t.Fatal(err)
	}
	_, body = f.call("GET", "/api/v1/nominees", f.vnCode, nil)
	if !strings.Contains(body, `"reason":"passport expired"`) || !strings.Contains(body, `"status":"withdrawn"`) {
		t.Fatal(body)
	}
}

func TestAnotherGroupsCodeSeesNoneOfThem(t *testing.T) {
	f := newFixture(t, portal.Options{})
	_, body := f.call("POST", "/api/v1/nominees", f.vnCode, []byte(`{"family_name":"Nguyễn","nationality":"VN","document_number":"B1"}`))
	var created struct{ ID int64 }
	json.Unmarshal([]byte(body), &created)
	if status, body := f.call("GET", "/api/v1/nominees", f.frCode, nil); status != http.StatusOK || body != "[]\n" {
		t.Fatalf("France's list: %d %s", status, body)
	}
	path := fmt.Sprintf("/api/v1/nominees/%d", created.ID)
	if status, body := f.call("DELETE", path, f.frCode, nil); status != http.StatusNotFound || strings.Contains(body, "Nguy") {
		t.Fatalf("France withdraws Viet Nam's: %d %s", status, body)
	}
	if status, body := f.call("PUT", path, f.frCode, []byte(`{"family_name":"X","nationality":"FR","document_number":"F"}`)); status != http.StatusNotFound {
		t.Fatalf("France corrects Viet Nam's: %d %s", status, body)
	}
	fr := f.signIn(f.frCode)
	if page := f.get(fr, "/", http.StatusOK); strings.Contains(page, "Nguy") || !strings.Contains(page, "France") {
		t.Fatal("France's page shows Viet Nam's people")
	}
	if page := f.get(fr, path[len("/api/v1"):], http.StatusNotFound); strings.Contains(page, "Nguy") {
		t.Fatal(page)
	}
	resp, _ := f.post(fr, path[len("/api/v1"):]+"/withdraw", url.Values{"csrf": {f.csrf(fr)}})
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("France's page withdraws Viet Nam's: %d", resp.StatusCode)
	}
	if p, _ := f.store.Participant(ctx, created.ID); p.Status != data.StatusRegistered {
		t.Fatal(p.Status)
	}
}

func TestWrongExpiredAndRevokedCodesAreAnsweredAlikeAndSlowly(t *testing.T) {
	f := newFixture(t, portal.Options{})
	expired, expiredCode := f.invite(data.AffiliationMedia, "Reuters")
	_ = expired
	revoked, revokedCode := f.invite(data.AffiliationMedia, "AFP")
	if err := f.store.RevokePortalInvitation(ctx, revoked.ID); err != nil {
		t.Fatal(err)
	}
	// Reuters' code ran out: its last day was yesterday.
	if _, err := f.store.PortalInvitationByCode(ctx, expiredCode); err != nil {
		t.Fatal(err)
	}
	later := time.Date(2025, 10, 27, 1, 0, 0, 0, time.UTC) // after the event's last day
	f.store.Now = func() time.Time { return later }
	var pages, apis []string
	for _, code := range []string{"x" + f.vnCode[1:], expiredCode, revokedCode} {
		start := time.Now()
		resp, err := f.browser().Get(f.server.URL + "/i/" + code)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if took := time.Since(start); took < failDelay || resp.StatusCode != http.StatusNotFound || len(resp.Cookies()) > 0 {
			t.Errorf("the link with a bad code: %d in %v, cookies %v", resp.StatusCode, took, resp.Cookies())
		}
		pages = append(pages, string(body))
		start = time.Now()
		status, out := f.call("GET", "/api/v1/nominees", code, nil)
		if took := time.Since(start); took < failDelay || status != http.StatusUnauthorized {
			t.Errorf("the API with a bad code: %d in %v", status, took)
		}
		apis = append(apis, out)
	}
	if pages[0] != pages[1] || pages[1] != pages[2] || apis[0] != apis[1] || apis[1] != apis[2] {
		t.Fatalf("bad codes are told apart:\n%q\n%q", pages, apis)
	}
	if !strings.Contains(apis[0], "not valid") {
		t.Fatal(apis[0])
	}
}

func TestSessionCookieAndSecurityHeaders(t *testing.T) {
	for _, tls := range []bool{false, true} {
		f := newFixture(t, portal.Options{TLS: tls})
		resp, err := f.browser().Get(f.server.URL + "/i/" + f.vnCode)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		cookies := resp.Cookies()
		if len(cookies) != 1 || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteLaxMode || cookies[0].Secure != tls ||
			strings.Contains(cookies[0].Value, f.vnCode) {
			t.Fatalf("TLS %v: session cookie %+v", tls, cookies)
		}
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Fatalf("the code stays in the address: %q", loc)
		}
		if got := resp.Header.Get("Strict-Transport-Security") != ""; got != tls {
			t.Errorf("TLS %v: HSTS %v", tls, got)
		}
		c := f.signIn(f.vnCode)
		for _, path := range []string{"/", "/nominees/new", "/import", "/nosuchpage", "/static/portal.css", "/api/v1/nominees"} {
			resp, err := c.Get(f.server.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			h := resp.Header
			if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") ||
				h.Get("X-Frame-Options") != "DENY" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "same-origin" {
				t.Errorf("%s: headers %v", path, h)
			}
			if path != "/static/portal.css" && h.Get("Cache-Control") != "no-store" {
				t.Errorf("%s is cached: %q", path, h.Get("Cache-Control"))
			}
		}
	}
}

func TestFormsNeedTheirCSRFTokenAndOrigin(t *testing.T) {
	f := newFixture(t, portal.Options{})
	c := f.signIn(f.vnCode)
	person := url.Values{"family_name": {"Nguyễn"}, "nationality": {"VN"}, "document_number": {"B1"}}
	if resp, _ := f.post(c, "/nominees", person); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a form without its token: %d", resp.StatusCode)
	}
	forged := url.Values{"csrf": {"forged"}}
	for k, v := range person {
		forged[k] = v
	}
	if resp, _ := f.post(c, "/nominees", forged); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a form with another token: %d", resp.StatusCode)
	}
	person.Set("csrf", f.csrf(c))
	req, _ := http.NewRequest(http.MethodPost, f.server.URL+"/nominees", strings.NewReader(person.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	if resp, err := c.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a form from another site: %v %v", resp, err)
	}
	// Another browser's token does not work with this browser's session.
	other := f.signIn(f.vnCode)
	stolen := url.Values{"csrf": {f.csrf(other)}}
	for k, v := range person {
		if k != "csrf" {
			stolen[k] = v
		}
	}
	if resp, _ := f.post(c, "/nominees", stolen); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("another session's token: %d", resp.StatusCode)
	}
	if list, _ := f.store.PortalNominees(ctx, f.vn); len(list) != 0 {
		t.Fatal("a forged form registered someone")
	}
	if resp, body := f.post(c, "/nominees", person); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the form with its token: %d %s", resp.StatusCode, body)
	}
	if resp, _ := f.post(c, "/signout", url.Values{"csrf": {person.Get("csrf")}}); resp.StatusCode != http.StatusOK {
		t.Fatal(resp.StatusCode)
	}
	f.get(c, "/", http.StatusUnauthorized)
}

func TestRateLimitsPerAddressAndPerCode(t *testing.T) {
	f := newFixture(t, portal.Options{PerAddress: portal.Rate{PerSecond: 0.01, Burst: 5}, PerCode: portal.Rate{PerSecond: 0.01, Burst: 3}})
	get := func(code, from string) int {
		req, _ := http.NewRequest("GET", f.server.URL+"/api/v1/nominees", nil)
		req.Header.Set("Authorization", "Bearer "+code)
		req.Header.Set("X-Forwarded-For", from) // the test client is a proxy on this machine
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	var codes []int
	for i := 0; i < 4; i++ {
		codes = append(codes, get(f.vnCode, fmt.Sprintf("192.0.2.%d", i+1)))
	}
	if fmt.Sprint(codes) != "[200 200 200 429]" {
		t.Fatalf("one code from four addresses: %v", codes)
	}
	codes = nil
	for i := 0; i < 6; i++ {
		codes = append(codes, get(f.frCode, "198.51.100.7"))
	}
	if fmt.Sprint(codes) != "[200 200 200 429 429 429]" {
		t.Fatalf("one address: %v", codes)
	}
	// Another address with another code is not held back by either.
	other, otherCode := f.invite(data.AffiliationMedia, "AFP")
	_ = other
	if got := get(otherCode, "203.0.113.9"); got != http.StatusOK {
		t.Fatal(got)
	}
	// Wrong codes from one address are cut off once they pass their limit.
	g := newFixture(t, portal.Options{Failures: portal.Rate{PerSecond: 0.01, Burst: 2}, FailDelay: time.Millisecond})
	codes = nil
	for i := 0; i < 4; i++ {
		status, _ := g.call("GET", "/api/v1/nominees", "guess"+fmt.Sprint(i), nil)
		codes = append(codes, status)
	}
	if fmt.Sprint(codes) != "[401 401 429 429]" {
		t.Fatalf("guesses: %v", codes)
	}
	if status, _ := g.call("GET", "/api/v1/nominees", g.vnCode, nil); status != http.StatusTooManyRequests {
		t.Fatalf("a right code after the guesses from the same address: %d", status)
	}
}

func TestRequestSizeLimits(t *testing.T) {
	f := newFixture(t, portal.Options{})
	big := `{"family_name":"` + strings.Repeat("x", portal.MaxFormBytes) + `"}`
	if status, body := f.call("POST", "/api/v1/nominees", f.vnCode, []byte(big)); status != http.StatusRequestEntityTooLarge {
		t.Fatalf("a JSON body over the limit: %d %s", status, body)
	}
	huge := bytes.Repeat([]byte("a,"), portal.MaxUploadBytes)
	if status, _ := f.call("POST", "/api/v1/nominees/import", f.vnCode, huge); status != http.StatusRequestEntityTooLarge {
		t.Fatalf("a file over the limit: %d", status)
	}
	c := f.signIn(f.vnCode)
	resp, _ := f.upload(c, "/import", "file", "people.csv", huge, url.Values{"csrf": {f.csrf(c)}})
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("an upload over the limit: %d", resp.StatusCode)
	}
	if list, _ := f.store.PortalNominees(ctx, f.vn); len(list) != 0 {
		t.Fatal(list)
	}
}

// zipBomb is an XLSX-looking archive whose one part unpacks to far more
// than a spreadsheet holds.
func zipBomb(t *testing.T) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("xl/worksheets/sheet1.xml")
	zeros := make([]byte, 1<<20)
	for i := 0; i < 64; i++ {
		w.Write(zeros)
	}
	z.Close()
	return b.Bytes()
}

func TestUploadsFollowTheImportersRules(t *testing.T) {
	f := newFixture(t, portal.Options{})
	for name, tc := range map[string]struct {
		raw  []byte
		want string
	}{
		"zip bomb":       {zipBomb(t), "far more than a spreadsheet does"},
		"binary":         {[]byte("family_name\x00,nationality\n"), "not a text file"},
		"photo file":     {[]byte("category,family_name,nationality,document_number,photo_file\ndelegate,Lê,VN,B1,../../etc/passwd\n"), "cannot name photo files"},
		"zones":          {[]byte("category,family_name,nationality,document_number,zones\ndelegate,Lê,VN,B1,+5\n"), "zones"},
		"example line":   {[]byte("category,family_name,given_name,nationality,document_number\ndelegate,Tanaka,Kenji,JP,TZ1234567\n"), "example line"},
		"unknown column": {[]byte("category,family_name,nationality,document_number,status\ndelegate,Lê,VN,B1,approved\n"), "Unknown column"},
		"formula":        {[]byte("category,family_name,nationality,document_number\ndelegate,=1+2,VN,B1\n"), ""},
	} {
		status, body := f.call("POST", "/api/v1/nominees/import", f.vnCode, tc.raw)
		if tc.want == "" {
			if status != http.StatusOK {
				t.Errorf("%s: %d %s", name, status, body)
			}
			continue
		}
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %s", name, status, body)
		}
	}
	c := f.signIn(f.vnCode)
	token := f.csrf(c)
	_, body := f.call("POST", "/api/v1/nominees", f.vnCode, []byte(`{"family_name":"Nguyễn","nationality":"VN","document_number":"B9"}`))
	var created struct{ ID int64 }
	json.Unmarshal([]byte(body), &created)
	path := fmt.Sprintf("/nominees/%d/photo", created.ID)
	for name, raw := range map[string][]byte{"text": []byte("GIF89a not a photo"), "tiny": tinyJPEG(t)} {
		resp, body := f.upload(c, path, "photo", "me.jpg", raw, url.Values{"csrf": {token}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "photo") {
			t.Errorf("photo %s: %d %s", name, resp.StatusCode, body)
		}
	}
	if resp, body := f.upload(c, path, "photo", "me.jpg", photoBytes(t), url.Values{"csrf": {token}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a good photo: %d %s", resp.StatusCode, body)
	}
	if p, _ := f.store.Participant(ctx, created.ID); !p.HasPhoto {
		t.Fatal("no photo kept")
	}
	if resp, body := f.upload(c, "/letter", "file", "note.pdf", []byte("MZ\x90 not a pdf"), url.Values{"csrf": {token}, "reference": {"NV/1"}, "date": {"2025-09-01"}}); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "PDF") {
		t.Fatalf("a letter that is not a PDF: %d %s", resp.StatusCode, body)
	}
}

func tinyJPEG(t *testing.T) []byte {
	var b bytes.Buffer
	jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 20, 20)), nil)
	return b.Bytes()
}

func TestNoPersonalDataInURLsOrLogs(t *testing.T) {
	f := newFixture(t, portal.Options{})
	c := f.signIn(f.vnCode)
	token := f.csrf(c)
	person := url.Values{"csrf": {token}, "given_name": {"Thị Lan"}, "family_name": {"Hoàngsecret"}, "nationality": {"VN"},
		"document_number": {"PASS998877"}, "email": {"lan.secret@mofa.gov.vn"}}
	resp, _ := f.post(c, "/nominees", person)
	if loc := resp.Header.Get("Location"); loc != "/" {
		t.Fatalf("after saving, to %q", loc)
	}
	person.Set("nationality", "Atlantis")
	f.post(c, "/nominees", person)
	f.call("POST", "/api/v1/nominees/import", f.vnCode, []byte("category,family_name,nationality,document_number\ndelegate,Hoàngsecret,VN,PASS998877\ndelegate,Other,Atlantis,PASS112233\n"))
	f.call("GET", "/api/v1/nominees", f.vnCode, nil)
	f.call("GET", "/api/v1/nominees", "wrongcode12345", nil)
	page := f.get(c, "/", http.StatusOK)
	for _, href := range regexp.MustCompile(`(?:href|action)="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if strings.Contains(href[1], "secret") || strings.Contains(href[1], "998877") || strings.Contains(href[1], "Ho") {
			t.Errorf("a link names a person: %s", href[1])
		}
	}
	logged := f.log.String()
	if !strings.Contains(logged, "POST /nominees 303") || !strings.Contains(logged, "GET /i/{code} 303") {
		t.Fatalf("the log says nothing useful:\n%s", logged)
	}
	for _, secret := range []string{"secret", "998877", "112233", "Lan", f.vnCode, "wrongcode12345", "127.0.0.1", "mofa"} {
		if strings.Contains(logged, secret) {
			t.Errorf("the log holds %q:\n%s", secret, logged)
		}
	}
}

func TestRequestTimeLimits(t *testing.T) {
	f := newFixture(t, portal.Options{})
	srv := portal.NewHTTPServer(portal.New(f.store, portal.Options{}))
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 || srv.MaxHeaderBytes > 64<<10 {
		t.Fatalf("limits %v %v %v %v %d", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout, srv.MaxHeaderBytes)
	}
	// A client that sends its headers a byte at a time is cut off.
	srv.ReadHeaderTimeout = 300 * time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n"))
	closed := false
	for i := 0; i < 40; i++ {
		time.Sleep(50 * time.Millisecond)
		if _, err := conn.Write([]byte("X")); err != nil {
			closed = true
			break
		}
		conn.SetReadDeadline(time.Now().Add(time.Millisecond))
		if n, err := conn.Read(make([]byte, 512)); n > 0 || (err != nil && !isTimeout(err)) {
			closed = true
			break
		}
	}
	if !closed || time.Since(start) > 1500*time.Millisecond {
		t.Fatalf("a slow client was held %v", time.Since(start))
	}
	if portal.RequestTimeout <= 0 || portal.RequestTimeout > time.Minute {
		t.Fatal(portal.RequestTimeout)
	}
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

// TestPagesFailWhenTheCategoriesCannotBeRead: the home page and the form
// answer a fault when the event's categories cannot be read, rather than a
// list without categories or a form offering none.
func TestPagesFailWhenTheCategoriesCannotBeRead(t *testing.T) {
	f := newFixture(t, portal.Options{})
	c := f.signIn(f.vnCode)
	f.get(c, "/nominees/new", http.StatusOK)
	driver := "sqlite3"
	if pgtest.OnServer() {
		driver = "pgx"
	}
	db, err := sql.Open(driver, f.store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`ALTER TABLE categories RENAME TO categories_away`); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/nominees/new"} {
		if body := f.get(c, path, http.StatusInternalServerError); !strings.Contains(body, "Something went wrong on the server") {
			t.Errorf("%s: %s", path, body)
		}
	}
}

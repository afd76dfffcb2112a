package portal_test

import (
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"accred/app/portal"
	"accred/data"
	"accred/data/demo"
	"accred/data/pgtest"
)

// benchEngines are the event databases the portal's benchmarks run on: a
// SQLite file and the tests' throwaway PostgreSQL server.
var benchEngines = []struct {
	name string
	db   func(testing.TB) string
}{
	{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "event.db") }},
	{"postgres", pgtest.Database},
}

// focalPoints is how many focal points work at once.
const focalPoints = 200

// benchPortal serves the Hanoi demo a month before it opens, with an
// invitation for each of 200 of its delegations, organisations and media
// outlets, and returns the server and the codes.
func benchPortal(b *testing.B, db string) (*httptest.Server, []string, *data.Store) {
	b.Helper()
	s, err := data.Open(db)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := demo.Create(ctx, s, 0); err != nil {
		b.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2025, 9, 20, 10, 0, 0, 0, time.UTC) }
	var codes []string
	for _, kind := range []string{data.AffiliationDelegation, data.AffiliationOrganization, data.AffiliationMedia} {
		groups, err := s.Affiliations(ctx, kind)
		if err != nil {
			b.Fatal(err)
		}
		for _, g := range groups {
			if len(codes) == focalPoints {
				break
			}
			name := g.Name
			if kind == data.AffiliationDelegation {
				name = g.Country
			}
			_, code, err := s.InviteToPortal(ctx, data.PortalInvitationInput{Kind: kind, Name: name})
			if err != nil {
				b.Fatal(err)
			}
			codes = append(codes, code)
		}
	}
	srv := httptest.NewServer(portal.New(s, portal.Options{Log: log.New(io.Discard, "", 0)}))
	b.Cleanup(srv.Close)
	return srv, codes, s
}

// BenchmarkPortal200 measures 200 focal points working at once, each
// through a reverse proxy from an address of their own, at a person's pace
// (they start spread over the first second; 0.5 to 1.5 s between two
// calls, 10 to 20 s to fill a form in): every round each opens their list,
// reads it by the API, opens the form, sends it filled in, and registers
// someone more by the API. It reports the p50 and p99 of a page or an API
// call, and the p99 of a registration. Budget: 200 ms p99 on 2 cores.
func BenchmarkPortal200(b *testing.B) {
	for _, e := range benchEngines {
		b.Run(e.name, func(b *testing.B) {
			srv, codes, _ := benchPortal(b, e.db(b))
			transport := &http.Transport{MaxIdleConnsPerHost: focalPoints, MaxConnsPerHost: focalPoints}
			b.Cleanup(transport.CloseIdleConnections)
			clients := make([]*http.Client, len(codes))
			tokens := make([]string, len(codes))
			for i, code := range codes {
				jar, _ := cookiejar.New(nil)
				clients[i] = &http.Client{Jar: jar, Transport: transport}
				page := benchGet(b, clients[i], srv.URL+"/i/"+code, from(i))
				tokens[i] = csrfField.FindStringSubmatch(page)[1]
			}
			var mu sync.Mutex
			var took, writes []time.Duration
			round := 0
			b.ResetTimer()
			for b.Loop() {
				round++
				var wg sync.WaitGroup
				for i := range codes {
					wg.Add(1)
					go func(i int) {
						defer wg.Done()
						time.Sleep(time.Duration(i) * thinkTime / focalPoints) // not all in the same millisecond
						mine := focalPointRound(b, srv.URL, clients[i], codes[i], tokens[i], from(i), round*1000+i)
						mu.Lock()
						took = append(took, mine...)
						writes = append(writes, mine[3], mine[4])
						mu.Unlock()
					}(i)
				}
				wg.Wait()
			}
			b.StopTimer()
			slices.Sort(took)
			slices.Sort(writes)
			p := func(d []time.Duration, q float64) float64 {
				return float64(d[int(q*float64(len(d)-1))].Microseconds()) / 1000
			}
			b.ReportMetric(p(took, 0.5), "p50-ms")
			b.ReportMetric(p(took, 0.99), "p99-ms")
			b.ReportMetric(p(writes, 0.99), "p99-write-ms")
			b.ReportMetric(float64(len(took))/float64(round), "requests/round")
		})
	}
}

// failures counts the calls that went wrong; the first few are told.
var failures atomic.Int64

// from is focal point i's address, as the reverse proxy names it.
func from(i int) string { return fmt.Sprintf("198.51.%d.%d", i/250, i%250+1) }

// A focal point's pace: thinkTime between two calls on average, and
// fillTime to 2 × fillTime to fill a form in.
const (
	thinkTime = time.Second
	fillTime  = 10 * time.Second
)

// focalPointRound is one focal point's round of work, timed call by call.
func focalPointRound(b *testing.B, base string, c *http.Client, code, token, addr string, n int) []time.Duration {
	var took []time.Duration
	timed := func(pause time.Duration, method, path, contentType, body string, bearer bool, want int) {
		time.Sleep(pause)
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("X-Forwarded-For", addr)
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if bearer {
			req.Header.Set("Authorization", "Bearer "+code)
		}
		start := time.Now()
		resp, err := c.Do(req)
		if err != nil {
			b.Error(err)
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		took = append(took, time.Since(start))
		if resp.StatusCode != want && failures.Add(1) <= 5 {
			b.Errorf("%s %s: %d, want %d", method, path, resp.StatusCode, want)
		}
	}
	think := func() time.Duration { return thinkTime/2 + time.Duration(rand.Int64N(int64(thinkTime))) }
	timed(0, "GET", "/", "", "", false, http.StatusOK)
	timed(think(), "GET", "/api/v1/nominees", "", "", true, http.StatusOK)
	timed(think(), "GET", "/nominees/new", "", "", false, http.StatusOK)
	form := fmt.Sprintf("csrf=%s&family_name=Bench&given_name=Form+%d&nationality=CH&document_number=FORM%d", token, n, n)
	// The form, answered with the list it sends the browser back to.
	timed(fillTime+time.Duration(rand.Int64N(int64(fillTime))), "POST", "/nominees", "application/x-www-form-urlencoded", form, false, http.StatusOK)
	timed(think(), "POST", "/api/v1/nominees", "application/json", fmt.Sprintf(`{"family_name":"Bench","given_name":"API %d","nationality":"CH","document_number":"API%d"}`, n, n), true, http.StatusCreated)
	return took
}

func benchGet(b *testing.B, c *http.Client, url, addr string) string {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("X-Forwarded-For", addr)
	resp, err := c.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

// BenchmarkPortalImport200 measures a focal point's filled template of 200
// people sent to the API, read, checked and imported in one transaction.
// Budget: 2 s.
func BenchmarkPortalImport200(b *testing.B) {
	for _, e := range benchEngines {
		b.Run(e.name, func(b *testing.B) {
			srv, codes, _ := benchPortal(b, e.db(b))
			round := 0
			for b.Loop() {
				b.StopTimer()
				round++
				var csv strings.Builder
				csv.WriteString("category,title,given_name,family_name,nationality,document_number,position,gender,email\n")
				for i := 0; i < 200; i++ {
					fmt.Fprintf(&csv, "delegate,Mr.,Person %d,Imported,CH,IMP%dX%d,Adviser,male,p%d.%d@example.org\n", i, round, i, round, i)
				}
				req, _ := http.NewRequest("POST", srv.URL+"/api/v1/nominees/import", strings.NewReader(csv.String()))
				req.Header.Set("Authorization", "Bearer "+codes[round%100]) // a delegation's
				req.Header.Set("X-Forwarded-For", from(round))
				b.StartTimer()
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"created":200`) {
					b.Fatalf("import: %d %s", resp.StatusCode, body)
				}
			}
		})
	}
}

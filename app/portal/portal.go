// Package portal is the nominations portal: the web pages and the JSON API
// through which a delegation's, an organisation's or a media outlet's focal
// point registers their people on the event's own database. It uses
// net/http and html/template only, never Fyne. Everything that reaches it
// is treated as hostile: limits on size, time and rate, CSRF tokens,
// security headers, no personal data in URLs or logs, and a focal point
// sees only their own group (data's portal methods enforce it).
package portal

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"accred/data"
)

// Options tune a portal; the zero value is what `accred serve` uses.
type Options struct {
	TLS bool        // served over TLS (directly or by a proxy): cookies are Secure
	Log *log.Logger // one line a request, without personal data; nil for none

	FailDelay  time.Duration // how long a wrong code is answered after; 0 for 1 s
	PerAddress Rate          // requests from one address; zero for DefaultPerAddress
	PerCode    Rate          // requests with one invitation; zero for DefaultPerCode
	Failures   Rate          // wrong codes from one address; zero for DefaultFailures
}

// The portal's limits.
var (
	DefaultPerAddress = Rate{PerSecond: 20, Burst: 120}
	DefaultPerCode    = Rate{PerSecond: 20, Burst: 120}
	DefaultFailures   = Rate{PerSecond: 1.0 / 12, Burst: 10} // 5 a minute once 10 are spent
)

// Request limits: a page's form, a JSON body, and an upload (a photo, a
// letter or a filled template).
const (
	MaxFormBytes   = 64 << 10
	MaxUploadBytes = 16 << 20
	RequestTimeout = 30 * time.Second
	// MaxWorking is how many requests are worked on at once; the others
	// wait their turn (within their time limit), so that 200 focal points
	// never ask the database for 200 connections.
	MaxWorking = 16
)

// Server is the portal: an http.Handler over an event's store.
type Server struct {
	store    *data.Store
	opts     Options
	words    *catalogue
	pages    map[string]*template.Template // by language
	sessions *sessions
	byAddr   *limiter
	byCode   *limiter
	failures *limiter
	turn     chan struct{} // held by the change under way, on a SQLite file
	working  chan struct{} // one token per request being worked on
	mux      *http.ServeMux
}

// New returns the portal for the event in store.
func New(store *data.Store, opts Options) *Server {
	if opts.FailDelay == 0 {
		opts.FailDelay = time.Second
	}
	if opts.PerAddress == (Rate{}) {
		opts.PerAddress = DefaultPerAddress
	}
	if opts.PerCode == (Rate{}) {
		opts.PerCode = DefaultPerCode
	}
	if opts.Failures == (Rate{}) {
		opts.Failures = DefaultFailures
	}
	if opts.Log == nil {
		opts.Log = log.New(io.Discard, "", 0)
	}
	words, err := loadCatalogue()
	if err != nil {
		panic(fmt.Sprintf("portal translations: %v", err)) // embedded: a broken build
	}
	s := &Server{store: store, opts: opts, words: words, sessions: newSessions(), turn: make(chan struct{}, 1),
		working: make(chan struct{}, MaxWorking),
		byAddr:  newLimiter(opts.PerAddress), byCode: newLimiter(opts.PerCode), failures: newLimiter(opts.Failures)}
	store.KeepConnections(MaxWorking + 4) // the requests worked on, and the session checks beside them
	s.pages = s.parsePages()
	s.routes()
	return s
}

// NewHTTPServer returns an http.Server for h with the portal's time and
// size limits: slow or endless requests are cut.
func NewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // an upload of 16 MB over a slow line
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          log.New(io.Discard, "", 0), // its lines may name addresses
	}
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /i/{code}", s.landing)
	m.HandleFunc("GET /{$}", s.page(s.home))
	m.HandleFunc("GET /nominees/new", s.page(s.newForm))
	m.HandleFunc("POST /nominees", s.page(s.create))
	m.HandleFunc("GET /nominees/{id}", s.page(s.editForm))
	m.HandleFunc("POST /nominees/{id}", s.page(s.update))
	m.HandleFunc("POST /nominees/{id}/photo", s.page(s.uploadPhoto))
	m.HandleFunc("POST /nominees/{id}/withdraw", s.page(s.withdrawPage))
	m.HandleFunc("GET /import", s.page(s.importForm))
	m.HandleFunc("POST /import", s.page(s.importPage))
	m.HandleFunc("POST /letter", s.page(s.letterPage))
	m.HandleFunc("GET /template.csv", s.page(s.templateFile))
	m.HandleFunc("POST /signout", s.page(s.signOut))
	m.HandleFunc("GET /language/{code}", s.language)
	m.HandleFunc("GET /static/portal.css", s.stylesheet)
	m.HandleFunc("GET /api/v1/nominees", s.api(s.apiList))
	m.HandleFunc("POST /api/v1/nominees", s.api(s.apiCreate))
	m.HandleFunc("PUT /api/v1/nominees/{id}", s.api(s.apiUpdate))
	m.HandleFunc("POST /api/v1/nominees/import", s.api(s.apiImport))
	m.HandleFunc("DELETE /api/v1/nominees/{id}", s.api(s.apiWithdraw))
	s.mux = m
}

// ServeHTTP answers one request, within the portal's limits.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	secure(rec.Header(), s.opts.TLS)
	defer func() {
		if p := recover(); p != nil {
			s.opts.Log.Printf("portal: a request failed: %v", p)
			if !rec.wrote {
				http.Error(rec, "internal error", http.StatusInternalServerError)
			}
		}
		pattern := r.Pattern // the route, such as "GET /nominees/{id}": no code, no query
		if pattern == "" {
			pattern = r.Method + " (no route)"
		}
		who := ""
		if rec.invitation != 0 {
			who = fmt.Sprintf(" invitation %d", rec.invitation)
		}
		s.opts.Log.Printf("%s %d %dms%s", pattern, rec.status, time.Since(start).Milliseconds(), who)
	}()
	if !s.byAddr.allow(clientAddress(r)) {
		tooMany(rec)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), RequestTimeout)
	defer cancel()
	r = r.WithContext(context.WithValue(ctx, recorderKey{}, rec))
	limit := int64(MaxFormBytes)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") || strings.HasSuffix(r.URL.Path, "/import") {
		limit = MaxUploadBytes + MaxFormBytes
	}
	r.Body = http.MaxBytesReader(rec, r.Body, limit)
	select {
	case s.working <- struct{}{}:
		var once sync.Once
		rec.release = func() { once.Do(func() { <-s.working }) }
		defer rec.release()
	case <-ctx.Done():
		http.Error(rec, "The portal is busy: try again in a moment.", http.StatusServiceUnavailable)
		return
	}
	s.mux.ServeHTTP(rec, r)
}

// secure sets the headers every answer carries: no framing, no scripts,
// nothing loaded from elsewhere, no referrer to other sites, nothing cached.
func secure(h http.Header, tls bool) {
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin") // a form's Origin is then the portal's, never "null"
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	h.Set("Cache-Control", "no-store")
	if tls {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
}

// clientAddress is whom a request comes from: its peer's address, or,
// when the peer is a reverse proxy on this machine, the address the proxy
// names last in X-Forwarded-For.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		if fwd := r.Header.Get("X-Forwarded-For"); fwd != "" {
			parts := strings.Split(fwd, ",")
			if last := strings.TrimSpace(parts[len(parts)-1]); net.ParseIP(last) != nil {
				return last
			}
		}
	}
	return host
}

// recorder keeps a response's status for the log, and the invitation the
// request acted for.
type recorder struct {
	http.ResponseWriter
	status     int
	wrote      bool
	invitation int64
	release    func() // gives the request's place among those worked on to another
}

type recorderKey struct{}

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

// actingFor notes, for the log, the invitation a request acts for.
func actingFor(r *http.Request, id int64) {
	if rec, ok := r.Context().Value(recorderKey{}).(*recorder); ok {
		rec.invitation = id
	}
}

func tooMany(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "5")
	http.Error(w, "Too many requests: wait a few seconds and try again.", http.StatusTooManyRequests)
}

// statusOf is the HTTP status that answers a store's error.
func statusOf(err error) int {
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return http.StatusRequestEntityTooLarge
	case len(data.ErrorFields(err)) > 0:
		return http.StatusUnprocessableEntity
	}
	switch data.ErrorCode(err) {
	case data.EINVALID:
		return http.StatusUnprocessableEntity
	case data.ENOTFOUND:
		return http.StatusNotFound
	case data.EFORBIDDEN:
		return http.StatusForbidden
	case data.ECONFLICT:
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

// authenticate returns the invitation whose code is code. A wrong, expired
// or revoked code is answered after FailDelay, all alike, and counts
// against the address: past its limit, it is refused at once.
func (s *Server) authenticate(r *http.Request, code string) (data.PortalInvitation, int, error) {
	addr := clientAddress(r)
	if !s.failures.peek(addr) {
		return data.PortalInvitation{}, http.StatusTooManyRequests, errTooMany
	}
	inv, err := s.store.PortalInvitationByCode(r.Context(), code)
	if err != nil {
		if data.ErrorCode(err) != data.ENOTFOUND {
			return inv, http.StatusInternalServerError, err
		}
		s.failures.allow(addr)
		s.stepAside(r.Context()) // a guesser waits without holding a place
		select {
		case <-time.After(s.opts.FailDelay):
		case <-r.Context().Done():
		}
		return inv, http.StatusUnauthorized, err
	}
	if !s.byCode.allow(fmt.Sprint(inv.ID)) {
		return inv, http.StatusTooManyRequests, errTooMany
	}
	actingFor(r, inv.ID)
	return inv, 0, nil
}

// stepAside gives the place of the request of ctx among those worked on to
// another while it waits.
func (s *Server) stepAside(ctx context.Context) {
	if rec, ok := ctx.Value(recorderKey{}).(*recorder); ok && rec.release != nil {
		rec.release()
	}
}

var errTooMany = errors.New("too many requests")

package portal

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"sync"
	"time"
)

// A session is a focal point signed in with their invitation's link: the
// browser holds only a random token in a cookie (HttpOnly, SameSite=Lax,
// Secure over TLS), and every form it posts carries the session's CSRF
// token.
type session struct {
	invitation int64
	csrf       string
	flash      string // what the last change did, shown once
	expires    time.Time
}

const (
	sessionCookie = "accred_session"
	sessionFor    = 8 * time.Hour
	maxSessions   = 100_000
)

type sessions struct {
	mu   sync.Mutex
	byID map[string]*session
}

func newSessions() *sessions { return &sessions{byID: map[string]*session{}} }

func randomToken() string {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		panic(err) // crypto/rand does not fail on a working system
	}
	return base64.RawURLEncoding.EncodeToString(raw)
}

// start opens a session for invitation and sets its cookie.
func (ss *sessions) start(w http.ResponseWriter, invitation int64, tls bool) {
	id, now := randomToken(), time.Now()
	ss.mu.Lock()
	if len(ss.byID) >= maxSessions {
		for k, s := range ss.byID {
			if now.After(s.expires) {
				delete(ss.byID, k)
			}
		}
	}
	if len(ss.byID) >= maxSessions { // still full: the oldest would do, any will
		for k := range ss.byID {
			delete(ss.byID, k)
			break
		}
	}
	ss.byID[id] = &session{invitation: invitation, csrf: randomToken(), expires: now.Add(sessionFor)}
	ss.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true, Secure: tls,
		SameSite: http.SameSiteLaxMode, MaxAge: int(sessionFor.Seconds())})
}

// of returns the request's session, if it has a live one.
func (ss *sessions) of(r *http.Request) (string, *session) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return "", nil
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s := ss.byID[c.Value]
	if s == nil || time.Now().After(s.expires) {
		delete(ss.byID, c.Value)
		return "", nil
	}
	copy := *s
	return c.Value, &copy
}

// update changes a session's flash message.
func (ss *sessions) setFlash(id, flash string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if s := ss.byID[id]; s != nil {
		s.flash = flash
	}
}

// end closes a session and clears its cookie.
func (ss *sessions) end(w http.ResponseWriter, id string, tls bool) {
	ss.mu.Lock()
	delete(ss.byID, id)
	ss.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: tls, SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// validCSRF reports whether the form's token is the session's.
func validCSRF(s *session, token string) bool {
	return token != "" && subtle.ConstantTimeCompare([]byte(s.csrf), []byte(token)) == 1
}

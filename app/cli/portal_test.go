package cli

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"accred/data/pgtest"
)

// portalEvent is an event a month before it opens, when invitations go out.
func portalEvent(t *testing.T) string {
	t.Helper()
	t.Setenv("ACCRED_NOW", "2025-09-20T10:00:00+07:00")
	db := pgtest.EventDB(t)
	if code, _, errs := run(t, db, "init", "--event", "Hanoi Convention", "--start", "2025-10-25", "--end", "2025-10-26", "--timezone", "Asia/Ho_Chi_Minh"); code != 0 {
		t.Fatal(errs)
	}
	return db
}

var codeLine = regexp.MustCompile(`(?m)^code: ([a-z2-7]{32})$`)

func TestPortalInviteListRevoke(t *testing.T) {
	db := portalEvent(t)
	code, out, errs := run(t, db, "portal", "invite", "--delegation", "viet nam", "--email", "focal@mofa.gov.vn", "--expires", "2025-10-10", "--url", "https://accreditation.example.org/")
	if code != 0 || !strings.HasPrefix(out, "invitation 1: Viet Nam (delegation), valid until 2025-10-10\nlink: https://accreditation.example.org/i/") || !codeLine.MatchString(out) {
		t.Fatalf("invite: %d %q %q", code, out, errs)
	}
	if code, out, _ := run(t, db, "portal", "invite", "--media", "Agence France-Presse"); code != 0 || !strings.Contains(out, "valid until 2025-10-26") {
		t.Fatalf("invite a media outlet: %d %q", code, out)
	}
	for _, bad := range [][]string{{"portal", "invite"}, {"portal", "invite", "--media", "A", "--delegation", "VN"}, {"portal", "revoke"}, {"portal", "launch"}} {
		if code, _, _ := run(t, db, bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	for _, bad := range [][]string{{"portal", "invite", "--delegation", "Atlantis"}, {"portal", "invite", "--media", "X", "--expires", "2025-09-01"}, {"portal", "revoke", "9"}, {"portal", "revoke", "one"}} {
		if code, _, errs := run(t, db, bad...); code != 1 || errs == "" {
			t.Errorf("%v: exit %d %q, want 1", bad, code, errs)
		}
	}
	if code, out, _ := run(t, db, "portal", "revoke", "2"); code != 0 || out != "revoked invitation 2\n" {
		t.Fatalf("revoke: %d %q", code, out)
	}
	if code, out, _ := run(t, db, "portal"); code != 0 || out != "2\tmedia\tAgence France-Presse\t-\t2025-10-26\trevoked\n1\tdelegation\tViet Nam\tfocal@mofa.gov.vn\t2025-10-10\tactive\n" {
		t.Fatalf("list: %d %q", code, out)
	}
	if code, _, errs := run(t, db, "--operator", "Nobody", "portal", "list"); code != 1 || !strings.Contains(errs, "Nobody") {
		t.Fatalf("an unknown operator lists invitations: %d %q", code, errs)
	}
}

func TestServeAnswersTheAPIAndStopsOnSIGTERM(t *testing.T) {
	db := portalEvent(t)
	_, out, _ := run(t, db, "portal", "invite", "--delegation", "VN")
	invitation := codeLine.FindStringSubmatch(out)[1]
	if code, _, _ := run(t, db, "serve"); code != 2 {
		t.Fatal("serve without --listen")
	}
	if code, _, _ := run(t, db, "serve", "--listen", "127.0.0.1:0", "--cert", "c.pem"); code != 2 {
		t.Fatal("serve with a certificate and no key")
	}
	stdout, w := io.Pipe()
	done := make(chan int, 1)
	var stderr strings.Builder
	go func() {
		done <- Run(context.Background(), []string{"--db", db, "serve", "--listen", "127.0.0.1:0"}, strings.NewReader(""), w, &stderr)
		w.Close()
	}()
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || !strings.HasPrefix(lines.Text(), "serving the portal at http://127.0.0.1:") {
		t.Fatalf("serve said %q", lines.Text())
	}
	base := strings.TrimPrefix(lines.Text(), "serving the portal at ")
	req, _ := http.NewRequest("POST", base+"/api/v1/nominees", strings.NewReader(`{"family_name":"Nguyễn","nationality":"VN","document_number":"B1"}`))
	req.Header.Set("Authorization", "Bearer "+invitation)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST: %v %v", resp, err)
	}
	resp.Body.Close()
	if code, out, _ := run(t, db, "search", "nguyen"); code != 0 || !strings.Contains(out, "Nguyễn") {
		t.Fatalf("the desk's search: %q", out)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	last := make(chan string, 1)
	go func() {
		lines.Scan()
		last <- lines.Text()
		io.Copy(io.Discard, stdout)
	}()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
	if word := <-last; word != "stopped" {
		t.Fatalf("serve's last word: %q", word)
	}
	if strings.Contains(stderr.String(), "Nguy") || strings.Contains(stderr.String(), invitation) {
		t.Fatalf("the log: %s", stderr.String())
	}
}

package cli

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"

	"accred/data/pgtest"
)

func TestServerInitMakesTheLogins(t *testing.T) {
	server := pgtest.Database(t)
	var out, errb bytes.Buffer
	if code := Run(context.Background(), []string{"server", "init", server}, strings.NewReader("desk passphrase\n"), &out, &errb); code != 1 ||
		!strings.Contains(errb.String(), "one line each") {
		t.Fatalf("one password: exit %d: %s", code, errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := Run(context.Background(), []string{"server", "init", server}, strings.NewReader("desk passphrase\ndoor passphrase\nprint passphrase\nportal passphrase\n"), &out, &errb); code != 0 ||
		!strings.Contains(out.String(), "accred_desk, accred_door, accred_print, accred_portal") {
		t.Fatalf("server init: exit %d: %s %s", code, out.String(), errb.String())
	}
	if code, _, errs := run(t, server, "demo", "--participants", "20"); code != 0 {
		t.Fatalf("the demo on the server: %s", errs)
	}
	u, _ := url.Parse(server)
	u.User = url.UserPassword("accred_door", "door passphrase")
	if code, out, errs := run(t, u.String(), "sessions"); code != 0 {
		t.Fatalf("a door's login reads the programme: exit %d: %s %s", code, out, errs)
	}
	if code, _, errs := run(t, u.String(), "approve", "--all"); code != 1 || !strings.Contains(errs, "permission denied") {
		t.Fatalf("a door's login approved people: exit %d: %s", code, errs)
	}
	out.Reset()
	errb.Reset()
	if code := Run(context.Background(), []string{"server", "init", "/tmp/event.db"}, strings.NewReader("desk passphrase\ndoor passphrase\n"), &out, &errb); code != 1 ||
		!strings.Contains(errb.String(), "not a server address") {
		t.Fatalf("server init of a file: exit %d: %s", code, errb.String())
	}
}

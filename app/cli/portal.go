package cli

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"accred/app/portal"
	"accred/data"
)

// runPortal lists the portal's invitations, makes one or revokes one.
func runPortal(e *env, args []string) error {
	verb := "list"
	if len(args) > 0 {
		verb, args = args[0], args[1:]
	}
	switch verb {
	case "list":
		return runPortalList(e, args)
	case "invite":
		return runPortalInvite(e, args)
	case "revoke":
		return runPortalRevoke(e, args)
	}
	return errUsage
}

func runPortalList(e *env, args []string) error {
	if rest, err := parse(flags("portal list"), args); err != nil || len(rest) > 0 {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	list, err := s.PortalInvitations(e.ctx)
	if err != nil {
		return err
	}
	loc, now := eventLocation(e, s), s.Now()
	for _, inv := range list {
		fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\t%s\t%s\n", inv.ID, inv.Affiliation.Kind, inv.Affiliation.Name, orDash(inv.Email),
			lastDay(inv, loc), invitationState(inv, now))
	}
	return nil
}

// lastDay is the last day an invitation's code works, in the event's zone.
func lastDay(inv data.PortalInvitation, loc *time.Location) string {
	return inv.ExpiresAt.In(loc).Add(-time.Second).Format(data.DateLayout)
}

// invitationState says whether an invitation lets its focal point in.
func invitationState(inv data.PortalInvitation, now time.Time) string {
	switch {
	case !inv.RevokedAt.IsZero():
		return "revoked"
	case !now.Before(inv.ExpiresAt):
		return "expired"
	}
	return "active"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func eventLocation(e *env, s *data.Store) *time.Location {
	ev, err := s.Event(e.ctx)
	if err != nil {
		return time.UTC
	}
	return ev.Location()
}

func runPortalInvite(e *env, args []string) error {
	fs := flags("portal invite")
	delegation := fs.String("delegation", "", "a country's code or name")
	organisation := fs.String("organisation", "", "an organisation's name")
	fs.StringVar(organisation, "organization", "", "an organisation's name")
	media := fs.String("media", "", "a media outlet's name")
	var in data.PortalInvitationInput
	fs.StringVar(&in.Email, "email", "", "the focal point's e-mail address")
	fs.StringVar(&in.Expires, "expires", "", "the last day the code works, YYYY-MM-DD")
	base := fs.String("url", os.Getenv("ACCRED_PORTAL_URL"), "the portal's address as focal points reach it")
	rest, err := parse(fs, args)
	if err != nil || len(rest) > 0 {
		return errUsage
	}
	named := 0
	for kind, name := range map[string]string{data.AffiliationDelegation: *delegation, data.AffiliationOrganization: *organisation, data.AffiliationMedia: *media} {
		if name != "" {
			in.Kind, in.Name = kind, name
			named++
		}
	}
	if named != 1 {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	inv, code, err := s.InviteToPortal(e.ctx, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "invitation %d: %s (%s), valid until %s\n", inv.ID, inv.Affiliation.Name, inv.Affiliation.Kind, lastDay(inv, eventLocation(e, s)))
	fmt.Fprintf(e.stdout, "link: %s\n", data.InvitationLink(*base, code))
	fmt.Fprintf(e.stdout, "code: %s\n", code)
	return nil
}

func runPortalRevoke(e *env, args []string) error {
	rest, err := parse(flags("portal revoke"), args)
	if err != nil || len(rest) != 1 {
		return errUsage
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%q is not an invitation's number; 'accred portal list' shows them", rest[0])
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	if err := s.RevokePortalInvitation(e.ctx, id); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "revoked invitation %d\n", id)
	return nil
}

// runServe serves the portal and its API until SIGTERM or SIGINT, then
// finishes the requests under way and stops.
func runServe(e *env, args []string) error {
	fs := flags("serve")
	listen := fs.String("listen", "", "the address to listen on, HOST:PORT")
	cert := fs.String("cert", "", "the TLS certificate, PEM")
	key := fs.String("key", "", "the TLS certificate's private key, PEM")
	rest, err := parse(fs, args)
	if err != nil || len(rest) > 0 || *listen == "" || (*cert == "") != (*key == "") {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(e.ctx, syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", *listen, err)
	}
	srv := portal.NewHTTPServer(portal.New(s, portal.Options{TLS: *cert != "", Log: log.New(e.stderr, "", log.LstdFlags)}))
	scheme := "http"
	if *cert != "" {
		scheme = "https"
	}
	fmt.Fprintf(e.stdout, "serving the portal at %s://%s\n", scheme, ln.Addr())
	done := make(chan error, 1)
	go func() {
		if *cert != "" {
			done <- srv.ServeTLS(ln, *cert, *key)
		} else {
			done <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-done:
		return fmt.Errorf("the portal stopped: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdown)
	if werr := <-done; err == nil && !errors.Is(werr, http.ErrServerClosed) {
		err = werr
	}
	if err != nil {
		return fmt.Errorf("stopping the portal: %w", err)
	}
	fmt.Fprintln(e.stdout, "stopped")
	return nil
}

// portalUsage is the portal command's usage line.
func portalUsage() string {
	return strings.Join([]string{"[list]", "invite --delegation CODE|--organisation NAME|--media NAME [--email A] [--expires DATE] [--url BASE]", "revoke ID"}, " | ")
}

// Package cups talks to the computer's print service, CUPS, over IPP: which
// printers there are and how they are, sending a PDF to one with its page
// size, and how a job stands. It holds no Accred rules.
package cups

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// ErrNotRunning says that no print service answers.
var ErrNotRunning = errors.New("the print service (CUPS) is not running on this computer")

// ErrNoPrinter says that the print service has no printer of that name.
var ErrNoPrinter = errors.New("the print service has no such printer")

// errNotFound is the print service's answer to a request for a printer or
// job it does not know.
var errNotFound = errors.New("not found")

// Client asks one print service. Its zero value is not usable: use New or
// Default.
type Client struct {
	server string // a unix socket's path, or host:port
	user   string // who the print service is told sends the jobs
	http   *http.Client
	ids    atomic.Uint32
}

// New returns a client of the print service at server: the path of its
// unix socket, or host:port.
func New(server string) *Client {
	c := &Client{server: server, user: userName()}
	dial := func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		if strings.HasPrefix(server, "/") {
			return d.DialContext(ctx, "unix", server)
		}
		return d.DialContext(ctx, "tcp", server)
	}
	c.http = &http.Client{Transport: &http.Transport{DialContext: dial, DisableKeepAlives: true}, Timeout: 30 * time.Second}
	return c
}

// Default returns a client of the print service this computer's programs
// use, found as CUPS's own tools find it: CUPS_SERVER, then the ServerName
// of ~/.cups/client.conf or /etc/cups/client.conf, then the local socket,
// then localhost:631.
func Default() *Client { return New(defaultServer()) }

func defaultServer() string {
	if s := os.Getenv("CUPS_SERVER"); s != "" {
		return withPort(s)
	}
	home, _ := os.UserHomeDir()
	for _, conf := range []string{filepath.Join(home, ".cups", "client.conf"), "/etc/cups/client.conf"} {
		if s := serverName(conf); s != "" {
			return withPort(s)
		}
	}
	for _, sock := range []string{"/run/cups/cups.sock", "/var/run/cups/cups.sock"} {
		if _, err := os.Stat(sock); err == nil {
			return sock
		}
	}
	return "localhost:631"
}

// withPort adds IPP's port to a host that names none.
func withPort(s string) string {
	if strings.HasPrefix(s, "/") {
		return s
	}
	if _, _, err := net.SplitHostPort(s); err != nil {
		return net.JoinHostPort(s, "631")
	}
	return s
}

// serverName reads the ServerName line of a CUPS client.conf, if any.
func serverName(conf string) string {
	f, err := os.Open(conf)
	if err != nil {
		return ""
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		fields := strings.Fields(lines.Text())
		if len(fields) == 2 && strings.EqualFold(fields[0], "ServerName") {
			return fields[1]
		}
	}
	return ""
}

func userName() string {
	for _, v := range []string{"USER", "USERNAME", "LOGNAME"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	return "accred"
}

// Server is where the client finds the print service.
func (c *Client) Server() string { return c.server }

// The states of a printer (printer-state).
const (
	PrinterIdle       = 3
	PrinterProcessing = 4
	PrinterStopped    = 5
)

// Printer is a print queue as the print service describes it.
type Printer struct {
	Name       string
	Info       string   // its description, as set by whoever added it
	State      int      // PrinterIdle, PrinterProcessing or PrinterStopped
	Reasons    []string // printer-state-reasons: "paused", "media-empty-error" …
	Message    string   // printer-state-message
	Accepting  bool     // whether it takes new jobs
	Media      string   // the paper or card it is set for (media-default), e.g. iso_a4_210x297mm
	MediaReady []string // what is loaded, where the printer says
}

// Stopped reports whether the printer would not print a job now: paused,
// or refusing jobs.
func (p Printer) Stopped() bool { return p.State == PrinterStopped || !p.Accepting }

// Loaded reports whether the printer holds, or is set for, media.
func (p Printer) Loaded(media string) bool {
	if len(p.MediaReady) > 0 {
		for _, m := range p.MediaReady {
			if SameMedia(m, media) {
				return true
			}
		}
		return false
	}
	return p.Media == "" || SameMedia(p.Media, media)
}

// SameMedia reports whether two media names mean the same size: the
// sizes their names end with, in either orientation.
func SameMedia(a, b string) bool {
	sa, sb := mediaSize(a), mediaSize(b)
	if sa == "" || sb == "" {
		return a == b
	}
	if sa == sb {
		return true
	}
	unit := sa[len(sa)-2:]
	w, h, _ := strings.Cut(strings.TrimSuffix(sa, unit), "x")
	return h+"x"+w+unit == sb
}

// mediaSize is the size part of a self-describing media name, in mm or in,
// with the unit: iso_a6_105x148mm gives 105x148mm.
func mediaSize(name string) string {
	i := strings.LastIndex(name, "_")
	if i < 0 {
		return ""
	}
	size := name[i+1:]
	for _, unit := range []string{"mm", "in"} {
		if s, ok := strings.CutSuffix(size, unit); ok && strings.Contains(s, "x") {
			w, h, _ := strings.Cut(s, "x")
			return trimZeros(w) + "x" + trimZeros(h) + unit
		}
	}
	return ""
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

var printerAttributes = []any{"printer-name", "printer-info", "printer-state", "printer-state-reasons", "printer-state-message",
	"printer-is-accepting-jobs", "media-default", "media-ready"}

// Printers lists the print service's printers and names its default one
// ("" when none is set).
func (c *Client) Printers(ctx context.Context) ([]Printer, string, error) {
	resp, err := c.do(ctx, "/", request{op: opCUPSGetPrinters, operation: []attr{
		{tagKeyword, "requested-attributes", printerAttributes}}}, nil)
	if err != nil && err != errNotFound { // no printer at all answers "not found"
		return nil, "", err
	}
	var list []Printer
	for _, g := range resp.groups {
		if g.tag == tagPrinter {
			list = append(list, printerOf(g))
		}
	}
	def, err := c.do(ctx, "/", request{op: opCUPSGetDefault, operation: []attr{
		{tagKeyword, "requested-attributes", []any{"printer-name"}}}}, nil)
	name := ""
	if err == nil {
		for _, g := range def.groups {
			if g.tag == tagPrinter {
				name = g.text("printer-name")
			}
		}
	} else if err != errNotFound {
		return nil, "", err
	}
	return list, name, nil
}

// Printer describes one printer; ErrNoPrinter when there is none of that
// name.
func (c *Client) Printer(ctx context.Context, name string) (Printer, error) {
	resp, err := c.do(ctx, "/printers/"+url.PathEscape(name), request{op: opGetPrinterAttribs, operation: []attr{
		{tagURI, "printer-uri", []any{c.printerURI(name)}},
		{tagKeyword, "requested-attributes", printerAttributes}}}, nil)
	if err == errNotFound {
		return Printer{}, ErrNoPrinter
	}
	if err != nil {
		return Printer{}, err
	}
	for _, g := range resp.groups {
		if g.tag == tagPrinter {
			p := printerOf(g)
			if p.Name == "" {
				p.Name = name
			}
			return p, nil
		}
	}
	return Printer{}, ErrNoPrinter
}

func printerOf(g group) Printer {
	return Printer{Name: g.text("printer-name"), Info: g.text("printer-info"), State: g.integer("printer-state"),
		Reasons: slicesWithout(g.texts("printer-state-reasons"), "none"), Message: g.text("printer-state-message"),
		Accepting: g.boolean("printer-is-accepting-jobs"), Media: g.text("media-default"), MediaReady: g.texts("media-ready")}
}

func slicesWithout(list []string, v string) []string {
	var out []string
	for _, s := range list {
		if s != v {
			out = append(out, s)
		}
	}
	return out
}

func (c *Client) printerURI(name string) string {
	return "ipp://localhost/printers/" + url.PathEscape(name)
}

// Orientation is how a page lies on the media (orientation-requested).
type Orientation int32

// The orientations: Portrait leaves the page as it is drawn.
const (
	Portrait  Orientation = 3
	Landscape Orientation = 4
)

// Options are what a job asks of the printer.
type Options struct {
	Title       string // the job's name, as the printer's queue shows it
	Media       string // a media name such as iso_a6_105x148mm
	Orientation Orientation
}

// Print sends a PDF to a printer and returns the job's number.
func (c *Client) Print(ctx context.Context, printer string, pdf io.Reader, o Options) (int, error) {
	var job []attr
	if o.Media != "" {
		job = append(job, attr{tagKeyword, "media", []any{o.Media}})
	}
	if o.Orientation != 0 {
		job = append(job, attr{tagEnum, "orientation-requested", []any{int32(o.Orientation)}})
	}
	resp, err := c.do(ctx, "/printers/"+url.PathEscape(printer), request{op: opPrintJob, operation: []attr{
		{tagURI, "printer-uri", []any{c.printerURI(printer)}},
		{tagName, "requesting-user-name", []any{c.user}},
		{tagName, "job-name", []any{o.Title}},
		{tagMimeType, "document-format", []any{"application/pdf"}},
	}, job: job}, pdf)
	if err == errNotFound {
		return 0, ErrNoPrinter
	}
	if err != nil {
		return 0, err
	}
	for _, g := range resp.groups {
		if id := g.integer("job-id"); id > 0 {
			return id, nil
		}
	}
	return 0, errors.New("the print service took the job but gave no job number")
}

// The states of a job (job-state).
const (
	JobPending    = 3
	JobHeld       = 4
	JobProcessing = 5
	JobStopped    = 6
	JobCanceled   = 7
	JobAborted    = 8
	JobCompleted  = 9
)

// Job is how a print job stands.
type Job struct {
	ID      int
	State   int      // JobPending … JobCompleted
	Reasons []string // job-state-reasons
	Message string   // job-state-message
}

// Ended reports whether the job will not change any more: completed,
// canceled or aborted.
func (j Job) Ended() bool { return j.State >= JobCanceled }

// Job asks how a job stands.
func (c *Client) Job(ctx context.Context, id int) (Job, error) {
	resp, err := c.do(ctx, "/jobs", request{op: opGetJobAttributes, operation: []attr{
		{tagURI, "job-uri", []any{fmt.Sprintf("ipp://localhost/jobs/%d", id)}},
		{tagName, "requesting-user-name", []any{c.user}},
		{tagKeyword, "requested-attributes", []any{"job-id", "job-state", "job-state-reasons", "job-state-message"}}}}, nil)
	if err == errNotFound {
		return Job{}, fmt.Errorf("the print service knows no job %d", id)
	}
	if err != nil {
		return Job{}, err
	}
	for _, g := range resp.groups {
		if g.tag == tagJob {
			return Job{ID: id, State: g.integer("job-state"), Reasons: slicesWithout(g.texts("job-state-reasons"), "none"),
				Message: g.text("job-state-message")}, nil
		}
	}
	return Job{}, fmt.Errorf("the print service knows no job %d", id)
}

// Cancel withdraws a job that has not ended.
func (c *Client) Cancel(ctx context.Context, id int) error {
	_, err := c.do(ctx, "/jobs", request{op: opCancelJob, operation: []attr{
		{tagURI, "job-uri", []any{fmt.Sprintf("ipp://localhost/jobs/%d", id)}},
		{tagName, "requesting-user-name", []any{c.user}}}}, nil)
	return err
}

// do sends a request, with the document if any, and reads the answer. An
// answer that refuses the request is an error carrying its message.
func (c *Client) do(ctx context.Context, path string, r request, document io.Reader) (response, error) {
	r.operation = append([]attr{{tagCharset, "attributes-charset", []any{"utf-8"}},
		{tagLanguage, "attributes-natural-language", []any{"en"}}}, r.operation...)
	body := io.Reader(bytes.NewReader(r.encode(c.ids.Add(1))))
	if document != nil {
		body = io.MultiReader(body, document)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://localhost"+path, body)
	if err != nil {
		return response{}, err
	}
	req.Header.Set("Content-Type", "application/ipp")
	res, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return response{}, ctx.Err()
		}
		var op *net.OpError
		if errors.As(err, &op) && op.Op == "dial" {
			return response{}, ErrNotRunning
		}
		return response{}, fmt.Errorf("the print service did not answer: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return response{}, fmt.Errorf("the print service refused the request (HTTP %s)", res.Status)
	}
	resp, err := decode(res.Body)
	if err != nil {
		return resp, err
	}
	switch {
	case resp.status == statusNotFound:
		return resp, errNotFound
	case resp.status >= 0x0400:
		message := ""
		for _, g := range resp.groups {
			if g.tag == tagOperation {
				message = g.text("status-message")
			}
		}
		return resp, fmt.Errorf("the print service refused: %s (status 0x%04x)", firstNonEmpty(message, "no reason given"), resp.status)
	}
	return resp, nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

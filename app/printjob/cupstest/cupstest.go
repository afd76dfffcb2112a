// Package cupstest runs a print service of a test's own: Debian's cupsd with
// its own configuration folder, unix socket and loopback port, and PDF
// queues (cups-pdf) that stand in for badge printers and write what they
// print to a folder the test reads. The system's print service is never
// used or changed.
//
// A machine without cupsd or cups-pdf skips the test with a message saying
// to run make deps, except in CI (CI set), where it fails it. cups-pdf runs
// only under a print service started by root; so do these tests.
package cupstest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"accred/app/printjob/cups"
	"accred/data/testproc"
)

const (
	cupsd     = "/usr/sbin/cupsd"
	cupsPDF   = "/usr/lib/cups/backend/cups-pdf"
	pdfPPD    = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"
	pdfConfig = "/etc/cups" // where cups-pdf reads a queue's own settings; compiled in
	waitLimit = 30 * time.Second
)

// Server is a running print service of one test.
type Server struct {
	Dir    string            // its folder: configuration, spool, logs, the queues' output
	Socket string            // its unix socket
	Port   int               // its port on 127.0.0.1
	proc   *testproc.Proc    // cupsd, until stopped
	queues map[string]string // queue name → the cups-pdf settings file it reads
}

// Start starts a print service for t, stopped and removed when t ends.
func Start(t testing.TB) *Server {
	t.Helper()
	for _, tool := range []string{cupsd, cupsPDF, pdfPPD, "/usr/sbin/lpadmin"} {
		if _, err := os.Stat(tool); err != nil {
			missing(t, fmt.Sprintf("%s is missing: run 'make deps' (Debian's cups and printer-driver-cups-pdf)", tool))
		}
	}
	if os.Geteuid() != 0 {
		missing(t, "cups-pdf writes its PDFs only under a print service started by root")
	}
	dir, err := os.MkdirTemp("", "cupstest-")
	if err != nil {
		t.Fatal(err)
	}
	// The print service runs its filters as the lp user: they must reach its folders.
	for _, sub := range []string{"", "etc", "etc/ppd", "spool", "cache", "state", "log", "out"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o755)
		os.Chmod(filepath.Join(dir, sub), 0o755)
	}
	os.Mkdir(filepath.Join(dir, "tmp"), 0o1777)
	os.Chmod(filepath.Join(dir, "tmp"), 0o1777)
	s := &Server{Dir: dir, Socket: filepath.Join(dir, "cups.sock"), Port: freePort(t), queues: map[string]string{}}
	t.Cleanup(func() { s.remove(t) })
	write(t, filepath.Join(dir, "etc", "cups-files.conf"), fmt.Sprintf(`ServerRoot %[1]s/etc
RequestRoot %[1]s/spool
TempDir %[1]s/tmp
CacheDir %[1]s/cache
StateDir %[1]s/state
AccessLog %[1]s/log/access_log
ErrorLog %[1]s/log/error_log
PageLog %[1]s/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
Printcap %[1]s/printcap
FileDevice No
`, dir))
	write(t, filepath.Join(dir, "etc", "cupsd.conf"), fmt.Sprintf(`Listen 127.0.0.1:%d
Listen %s
LogLevel info
Browsing Off
WebInterface No
DefaultAuthType None
JobKillDelay 5
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
`, s.Port, s.Socket))
	s.start(t)
	return s
}

// missing skips the test, or fails it in CI.
func missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(why)
	}
	t.Skip(why)
}

func write(t testing.TB, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// start runs cupsd in the foreground and waits until its socket answers.
func (s *Server) start(t testing.TB) {
	t.Helper()
	log, err := os.Create(filepath.Join(s.Dir, "log", "cupsd.out"))
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	cmd := exec.Command(cupsd, "-f", "-c", filepath.Join(s.Dir, "etc", "cupsd.conf"), "-s", filepath.Join(s.Dir, "etc", "cups-files.conf"))
	cmd.Stdout, cmd.Stderr = log, log
	// A test binary that is killed takes its print service with it.
	if s.proc, err = testproc.Start(cmd, syscall.SIGTERM); err != nil {
		t.Fatalf("cupstest: start cupsd: %v", err)
	}
	answers := func() error {
		c, err := net.Dial("unix", s.Socket)
		if err == nil {
			c.Close()
		}
		return err
	}
	if err := s.proc.WaitReady(waitLimit, answers); err != nil {
		t.Fatalf("cupstest: cupsd %v: %s", err, s.log())
	}
}

func (s *Server) log() string {
	out, _ := os.ReadFile(filepath.Join(s.Dir, "log", "cupsd.out"))
	errs, _ := os.ReadFile(filepath.Join(s.Dir, "log", "error_log"))
	return string(out) + string(errs)
}

// Client is a client of this print service.
func (s *Server) Client() *cups.Client { return cups.New(s.Socket) }

// AddPDFQueue adds a queue that writes each job as a PDF in its own folder,
// set for media (a PPD page size such as A4 or A6), and enabled.
func (s *Server) AddPDFQueue(t testing.TB, name, media string) {
	t.Helper()
	var suffix [6]byte
	rand.Read(suffix[:])
	key := "accredtest-" + hex.EncodeToString(suffix[:])
	out := filepath.Join(s.Dir, "out", name)
	// A job from someone the computer does not know is written as nobody.
	os.MkdirAll(out, 0o777)
	os.Chmod(out, 0o777)
	conf := filepath.Join(pdfConfig, "cups-pdf-"+key+".conf")
	write(t, conf, fmt.Sprintf("Out %[1]s\nAnonDirName %[1]s\nSpool %[2]s/spool-pdf\nLog %[2]s/log\nLabel 1\n", out, s.Dir))
	s.queues[name] = conf
	s.lp(t, "lpadmin", "-p", name, "-E", "-v", "cups-pdf:/"+key, "-P", pdfPPD, "-o", "PageSize="+media)
}

// Pause stops a queue, as cupsdisable does.
func (s *Server) Pause(t testing.TB, name string) { s.lp(t, "cupsdisable", name) }

// Resume starts a stopped queue again.
func (s *Server) Resume(t testing.TB, name string) { s.lp(t, "cupsenable", name) }

// Hold makes a queue keep every new job waiting, as a printer that never
// gets to it.
func (s *Server) Hold(t testing.TB, name string) {
	s.lp(t, "lpadmin", "-p", name, "-o", "job-hold-until-default=indefinite")
}

// CancelAll cancels every job of a queue, as someone at the print service would.
func (s *Server) CancelAll(t testing.TB, name string) { s.lp(t, "cancel", "-a", name) }

// Delete removes a queue.
func (s *Server) Delete(t testing.TB, name string) { s.lp(t, "lpadmin", "-x", name) }

// SetDefault makes a queue the print service's default.
func (s *Server) SetDefault(t testing.TB, name string) { s.lp(t, "lpadmin", "-d", name) }

// lp runs one of CUPS's administration tools against this print service.
func (s *Server) lp(t testing.TB, tool string, args ...string) {
	t.Helper()
	cmd := exec.Command(tool, args...)
	cmd.Env = append(os.Environ(), "CUPS_SERVER="+s.Socket)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cupstest: %s %s: %v\n%s", tool, strings.Join(args, " "), err, out)
	}
}

// Output returns the PDF that a queue wrote for a job, waiting for it a while.
func (s *Server) Output(t testing.TB, queue string, job int) string {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		found, _ := filepath.Glob(filepath.Join(s.Dir, "out", queue, fmt.Sprintf("*-job_%d.pdf", job)))
		if len(found) == 1 {
			return found[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("cupstest: queue %s wrote no PDF for job %d within %v: %s", queue, job, waitLimit, s.log())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Outputs lists the PDFs a queue wrote.
func (s *Server) Outputs(queue string) []string {
	found, _ := filepath.Glob(filepath.Join(s.Dir, "out", queue, "*.pdf"))
	return found
}

// Stop stops the print service, as when CUPS is not running.
func (s *Server) Stop(t testing.TB) {
	t.Helper()
	if s.proc == nil {
		return
	}
	s.proc.Stop(syscall.SIGTERM, waitLimit)
	s.proc = nil
}

// remove stops the print service and removes its folder and the queues' settings.
func (s *Server) remove(t testing.TB) {
	s.Stop(t)
	for _, conf := range s.queues {
		os.Remove(conf)
	}
	os.RemoveAll(s.Dir)
}

// Pages gives each page's size of a PDF in points, as pdfinfo reads it
// ("297x419" for A6), with "rotated" after a page that is turned.
func Pages(t testing.TB, pdf string) string {
	t.Helper()
	out, err := exec.Command("pdfinfo", "-f", "1", "-l", "9999", pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo (poppler-utils): %v %s", err, out)
	}
	var pages []string
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 6 && f[0] == "Page" && f[2] == "size:":
			pages = append(pages, f[3]+"x"+f[5])
		case len(f) == 4 && f[0] == "Page" && f[2] == "rot:" && f[3] != "0":
			pages = append(pages, "rotated")
		}
	}
	return strings.Join(pages, " ")
}

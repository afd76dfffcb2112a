package main

// The kill campaign: the real accred program is killed (SIGKILL) in the
// middle of a check-in, an import and a print run, again and again, and
// after each kill the database and the files must still tell the truth.
// 'make test' runs a few rounds of each; 'make soak' runs ACCRED_SOAK_ROUNDS
// (at least 100) and prints the counts.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"accred/data"
)

// demoNow is an hour of the demo's first plenary (PLEN-1 opens at 13:30).
const demoNow = "2025-10-25T14:10:00+07:00"

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// accredBinary builds the real program once per test run.
func accredBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "accred-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "accred")
		out, err := exec.Command(filepath.Join(goroot(), "bin", "go"), "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func goroot() string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "/usr/local/go"
	}
	return strings.TrimSpace(string(out))
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// soakRounds is how many times each kill is tried: a few in 'make test',
// ACCRED_SOAK_ROUNDS in 'make soak'.
func soakRounds() int {
	if n, err := strconv.Atoi(os.Getenv("ACCRED_SOAK_ROUNDS")); err == nil && n > 0 {
		return n
	}
	return 3
}

// accred runs the program on db to the end and returns its exit status and output.
func accred(t testing.TB, db string, stdin io.Reader, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(accredBinary(t), append([]string{"--db", db}, args...)...)
	cmd.Env = append(os.Environ(), "ACCRED_NOW="+demoNow, "ACCRED_OPERATOR=")
	cmd.Stdin = stdin
	return runToEnd(t, cmd)
}

// runToEnd runs cmd to its end and returns its exit status and output; a
// program that cannot be started fails the test.
func runToEnd(t testing.TB, cmd *exec.Cmd) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stdout.String(), stderr.String()
}

// mustAccred runs the program and fails the test unless it succeeds.
func mustAccred(t testing.TB, db string, args ...string) string {
	t.Helper()
	code, out, errOut := accred(t, db, nil, args...)
	if code != 0 {
		t.Fatalf("accred %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// demoEvent makes a small approved demo database once and copies it for
// each round.
func demoEvent(t *testing.T, participants int) func() string {
	t.Helper()
	dir := t.TempDir()
	template := filepath.Join(dir, "template.db")
	mustAccred(t, template, "demo", "--participants", strconv.Itoa(participants))
	mustAccred(t, template, "approve", "--all")
	round := 0
	return func() string {
		round++
		path := filepath.Join(dir, fmt.Sprintf("round-%d.db", round))
		raw, err := os.ReadFile(template)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
}

// badgeCodes prints every approved participant's badge in db and returns
// their codes, as the printing station would have put them on paper.
func badgeCodes(t *testing.T, db string) []string {
	t.Helper()
	pdf := filepath.Join(t.TempDir(), "badges.pdf")
	mustAccred(t, db, "badges", "--out", pdf)
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := data.WithActor(context.Background(), data.System("tests", "soak"))
	list, err := s.BadgesToPrint(ctx, data.BadgeFilter{Printed: true})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, p := range list {
		code, err := s.BadgeCode(ctx, p.ID, p.BadgeIssue)
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, code)
	}
	return codes
}

// queryOne reads one value from the database behind the program's back.
func queryOne(t *testing.T, db string, into any, sqlText string, args ...any) {
	t.Helper()
	conn, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.QueryRow(sqlText, args...).Scan(into); err != nil {
		t.Fatalf("%s: %v", sqlText, err)
	}
}

// query reads one number from the database.
func query(t *testing.T, db, sqlText string, args ...any) int {
	t.Helper()
	var n int
	queryOne(t, db, &n, sqlText, args...)
	return n
}

// checkIntegrity runs SQLite's own check of the whole file.
func checkIntegrity(t *testing.T, db string) {
	t.Helper()
	var verdict string
	if queryOne(t, db, &verdict, `PRAGMA integrity_check`); verdict != "ok" {
		t.Fatalf("integrity check of %s: %q", db, verdict)
	}
}

// started is a program running in the background, to be killed.
type started struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
}

func start(t *testing.T, db string, args ...string) *started {
	t.Helper()
	cmd := exec.Command(accredBinary(t), append([]string{"--db", db}, args...)...)
	cmd.Env = append(os.Environ(), "ACCRED_NOW="+demoNow, "ACCRED_OPERATOR=")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return &started{cmd: cmd, stdin: stdin, stdout: bufio.NewReader(stdout)}
}

// kill ends the program at once, as a pulled plug would, and reports
// whether it was still running (rather than finished before the kill).
func (p *started) kill() bool {
	p.cmd.Process.Signal(syscall.SIGKILL)
	p.stdin.Close()
	io.Copy(io.Discard, p.stdout)
	p.cmd.Wait()
	status, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && status.Signaled()
}

// soakCounts is what a campaign prints at its end.
type soakCounts struct {
	rounds, kills, verdicts, violations int
}

// more says whether to run round: the rounds asked for, and more (up to
// three times as many) until at least one kill has landed mid-run.
func (c soakCounts) more(round int) bool {
	return round < soakRounds() || (c.kills == 0 && round < 3*soakRounds())
}

func (c soakCounts) report(t *testing.T, what string) {
	if c.kills == 0 {
		t.Errorf("%s: no kill landed while the program ran: nothing was tested", what)
	}
	t.Logf("%s: %d rounds, %d killed mid-run, %d verdicts or files checked, %d violations", what, c.rounds, c.kills, c.verdicts, c.violations)
	if os.Getenv("ACCRED_SOAK_ROUNDS") != "" {
		fmt.Printf("soak %-8s rounds %4d  killed %4d  checked %6d  violations %d\n", what, c.rounds, c.kills, c.verdicts, c.violations)
	}
}

// TestKillDuringCheckin: every verdict the door printed before the kill is
// in the database, and the database is whole.
func TestKillDuringCheckin(t *testing.T) {
	next := demoEvent(t, 300)
	db := next()
	codes := badgeCodes(t, db)
	var c soakCounts
	for round := 0; c.more(round); round++ {
		c.rounds++
		door := start(t, db, "checkin", "--session", "PLEN-1", "--station", "soak-door")
		go func() {
			w := bufio.NewWriter(door.stdin)
			for _, i := range rand.Perm(len(codes)) {
				fmt.Fprintln(w, codes[i])
			}
			w.Flush()
		}()
		want := rand.IntN(120)
		accepted := map[string]bool{}
		for read := 0; read < want; read++ {
			line, err := door.stdout.ReadString('\n')
			if err != nil {
				break
			}
			c.verdicts++
			f := strings.Fields(line)
			if len(f) >= 2 && f[0] == "ACCEPTED" {
				accepted[f[1]] = true
			}
		}
		if door.kill() {
			c.kills++
		}
		for id := range accepted {
			if query(t, db, `SELECT COUNT(*) FROM checkins WHERE participant_id = ? AND verdict = 'accepted'`, id) == 0 {
				c.violations++
				t.Errorf("round %d: ACCEPTED for %s was shown but is not in the database", round, id)
			}
		}
		checkIntegrity(t, db)
		// A fresh event now and then, so that later rounds admit people too.
		if round%10 == 9 {
			db = next()
			codes = badgeCodes(t, db)
		}
	}
	c.report(t, "checkin")
}

// importFile writes a participants file of n delegates.
func importFile(t *testing.T, dir string, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("category,given_name,family_name,nationality,delegation,document_number\n")
	for i := range n {
		fmt.Fprintf(&b, "delegate,Soak,Person%05d,FR,FR,SOAK%05d\n", i, i)
	}
	path := filepath.Join(dir, "participants.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestKillDuringImport: an import killed at any moment leaves all of its
// rows or none.
func TestKillDuringImport(t *testing.T) {
	next := demoEvent(t, 100)
	file := importFile(t, t.TempDir(), 3000)
	// Kills land anywhere from the start to a little after a whole import.
	began := time.Now()
	mustAccred(t, next(), "import", file)
	whole := time.Since(began)
	var c soakCounts
	for round := 0; c.more(round); round++ {
		c.rounds++
		db := next()
		before := query(t, db, `SELECT COUNT(*) FROM participants`)
		p := start(t, db, "import", file)
		p.stdin.Close()
		time.Sleep(time.Duration(rand.Int64N(int64(whole) * 5 / 4)))
		if p.kill() {
			c.kills++
		}
		after := query(t, db, `SELECT COUNT(*) FROM participants`)
		c.verdicts++
		if after != before && after != before+3000 {
			c.violations++
			t.Errorf("round %d: %d participants after a killed import of 3000 onto %d", round, after, before)
		}
		checkIntegrity(t, db)
		os.Remove(db)
	}
	c.report(t, "import")
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(raw)
}

// pages counts the pages of a complete PDF, or -1 for a file cut short.
func pages(raw []byte) int {
	if !bytes.HasSuffix(bytes.TrimSpace(raw), []byte("%%EOF")) {
		return -1
	}
	return bytes.Count(raw, []byte("/Type /Page\n"))
}

// TestKillDuringBadges: nobody is marked printed without a complete file
// holding their badge, and no file of printed badges is ever overwritten,
// not even by running the same command again.
func TestKillDuringBadges(t *testing.T) {
	next := demoEvent(t, 400)
	// Kills land anywhere from the start to a little after a whole run.
	began := time.Now()
	mustAccred(t, next(), "badges", "--out", filepath.Join(t.TempDir(), "timing.pdf"))
	whole := time.Since(began)
	var c soakCounts
	for round := 0; c.more(round); round++ {
		c.rounds++
		db := next()
		dir := t.TempDir()
		out := filepath.Join(dir, "badges.pdf")
		p := start(t, db, "badges", "--out", out)
		p.stdin.Close()
		time.Sleep(time.Duration(rand.Int64N(int64(whole) * 5 / 4)))
		if p.kill() {
			c.kills++
		}
		printed := query(t, db, `SELECT COUNT(*) FROM participants WHERE status = 'printed'`)
		raw, err := os.ReadFile(out)
		switch {
		case err != nil && printed > 0:
			c.violations++
			t.Errorf("round %d: %d marked printed, but %s was never written", round, printed, out)
		case err == nil && printed > pages(raw):
			c.violations++
			t.Errorf("round %d: %d marked printed, but the file holds %d complete pages", round, printed, pages(raw))
		}
		c.verdicts++
		if err == nil {
			// The same command again must not replace the printed badges.
			before := fileHash(t, out)
			code, _, errOut := accred(t, db, nil, "badges", "--out", out)
			if code != 1 || fileHash(t, out) != before {
				c.violations++
				t.Errorf("round %d: a second run to the same file: exit %d (%s), file changed: %v", round, code, errOut, fileHash(t, out) != before)
			}
		} else {
			// A run after the kill finishes the job and leaves no temporary files.
			mustAccred(t, db, "badges", "--out", out)
			leftovers, _ := filepath.Glob(filepath.Join(dir, "*"))
			if len(leftovers) != 1 {
				c.violations++
				t.Errorf("round %d: files left after the run that followed a kill: %v", round, leftovers)
			}
		}
		checkIntegrity(t, db)
		os.Remove(db)
	}
	c.report(t, "badges")
}

// TestFourWritersAtOnce: two doors, an import and a reprint on one
// database at the same time; none of them meets "database is locked".
func TestFourWritersAtOnce(t *testing.T) {
	next := demoEvent(t, 400)
	db := next()
	codes := badgeCodes(t, db)
	file := importFile(t, t.TempDir(), 2000)
	half := len(codes) / 2
	var wg sync.WaitGroup
	results := make([]string, 4)
	run := func(i int, stdin io.Reader, args ...string) {
		defer wg.Done()
		code, _, errOut := accred(t, db, stdin, args...)
		if code != 0 || strings.Contains(errOut, "locked") {
			results[i] = fmt.Sprintf("accred %s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
	}
	wg.Add(4)
	go run(0, strings.NewReader(strings.Join(codes[:half], "\n")), "checkin", "--session", "PLEN-1", "--station", "door-a")
	go run(1, strings.NewReader(strings.Join(codes[half:], "\n")), "checkin", "--session", "PLEN-1", "--station", "door-b")
	go run(2, nil, "import", file)
	go func() {
		defer wg.Done()
		for id := 1; id <= 30; id++ {
			code, _, errOut := accred(t, db, nil, "reprint", strconv.Itoa(id), "--reason", "lost")
			if code != 0 || strings.Contains(errOut, "locked") {
				results[3] = fmt.Sprintf("reprint %d: exit %d: %s", id, code, errOut)
				return
			}
		}
	}()
	wg.Wait()
	for _, r := range results {
		if r != "" {
			t.Error(r)
		}
	}
	if n := query(t, db, `SELECT COUNT(*) FROM checkins WHERE session_id = (SELECT id FROM sessions WHERE code = 'PLEN-1')`); n != len(codes) {
		t.Errorf("%d scans recorded, want %d", n, len(codes))
	}
	checkIntegrity(t, db)
}

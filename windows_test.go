package main

// The Windows package, tried under Wine: 'make windows' builds it, and
// TestWindows tries the zip ACCRED_WINDOWS_ZIP names. Each run has a Wine prefix of its own,
// with a test-only bcryptprimitives.dll (Debian 12's Wine lacks the one
// every Go program loads; Windows 10 and 11 have it), and keeps its files
// where a Vietnamese desk would: C:\Users\Nguyễn\Sự kiện.

import (
	"archive/zip"
	"bytes"
	"context"
	"debug/pe"
	"fmt"
	"image"
	"image/color"
	_ "image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"accred/app/printjob/cupstest"
	"accred/data"
)

// wine is a Wine prefix of the test's own, with the package unzipped in it.
type wine struct {
	prefix string // the prefix's folder; C: is its drive_c
	env    []string
	app    string // Accred.exe, the app
	cli    string // accred-cli.exe, the commands
}

// windowsSystemDLLs are the libraries every Windows 10 and 11 has: the
// package may need no other.
var windowsSystemDLLs = []string{
	"advapi32.dll", "bcrypt.dll", "bcryptprimitives.dll", "comctl32.dll", "comdlg32.dll", "crypt32.dll",
	"dwmapi.dll", "gdi32.dll", "imm32.dll", "kernel32.dll", "msvcrt.dll", "ntdll.dll", "ole32.dll",
	"oleaut32.dll", "opengl32.dll", "powrprof.dll", "setupapi.dll", "shell32.dll", "shlwapi.dll",
	"user32.dll", "userenv.dll", "uxtheme.dll", "version.dll", "winmm.dll", "winspool.drv",
	"ws2_32.dll", "api-ms-win-core-synch-l1-2-0.dll", "api-ms-win-core-path-l1-1-0.dll",
}

// needWindowsPackage returns the zip 'make windows' made, skips the test
// when none is named, and fails (on CI) or skips it when a tool the test
// needs is missing.
func needWindowsPackage(t *testing.T) string {
	t.Helper()
	missing := func(why string) {
		if os.Getenv("CI") != "" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	zipPath := os.Getenv("ACCRED_WINDOWS_ZIP")
	if zipPath == "" {
		t.Skip("ACCRED_WINDOWS_ZIP names no package: make windows, then ACCRED_WINDOWS_ZIP=dist/Accred-windows-amd64.zip")
	}
	for _, tool := range []string{"wine", "wineboot", "wineserver", "x86_64-w64-mingw32-gcc", "pdftoppm", "zbarimg"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing(tool + " is not installed; 'make deps' installs it")
		}
	}
	return zipPath
}

// newWine makes a Wine prefix, puts the test-only bcryptprimitives.dll in
// its system32 and unzips the package in C:\Users\Nguyễn\Tải về.
func newWine(t *testing.T, zipPath string) *wine {
	t.Helper()
	w := &wine{prefix: filepath.Join(t.TempDir(), "wine prefix")}
	w.env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
		"WINEPREFIX=" + w.prefix, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml=",
		"LC_ALL=C.UTF-8", // arguments and file names reach Windows as UTF-8
		"ACCRED_NOW=" + demoNow,
	}
	boot := exec.Command("wineboot", "--init")
	boot.Env = w.env
	if out, err := boot.CombinedOutput(); err != nil {
		t.Fatalf("wineboot: %v\n%s", err, out)
	}
	t.Cleanup(w.stopSession)
	buildPRNG(t, filepath.Join(w.prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll"))
	dir := w.hostPath(`C:\Users\Nguyễn\Tải về`)
	unzip(t, zipPath, dir)
	w.app = filepath.Join(dir, "Accred", "Accred.exe")
	w.cli = filepath.Join(dir, "Accred", "accred-cli.exe")
	return w
}

// prngSource is a bcryptprimitives.dll with the one function Go asks of it,
// over RtlGenRandom, for the tests only: it is never shipped.
const prngSource = `#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
	while (length > 0) {
		ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
		if (!SystemFunction036(data, n)) return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
`

func buildPRNG(t *testing.T, dll string) {
	t.Helper()
	src := filepath.Join(t.TempDir(), "prng.c")
	if err := os.WriteFile(src, []byte(prngSource), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o", dll, src, "-ladvapi32").CombinedOutput(); err != nil {
		t.Fatalf("bcryptprimitives.dll: %v\n%s", err, out)
	}
}

func unzip(t *testing.T, zipPath, dir string) {
	t.Helper()
	r, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, f := range r.File {
		if f.FileInfo().IsDir() {
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		in, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = io.Copy(out, in)
		in.Close()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// hostPath is where a path on the prefix's C: drive is on this machine.
func (w *wine) hostPath(windowsPath string) string {
	rest, ok := strings.CutPrefix(windowsPath, `C:\`)
	if !ok {
		panic("not on C: " + windowsPath)
	}
	parts := strings.Split(rest, `\`)
	if strings.EqualFold(parts[0], "users") {
		parts[0] = "users" // Wine's own spelling; Windows reads names in any case
	}
	return filepath.Join(append([]string{w.prefix, "drive_c"}, parts...)...)
}

// run runs accred-cli.exe with args, stdin as its input, and returns its
// exit status and output.
func (w *wine) run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command("wine", append([]string{w.cli}, args...)...)
	cmd.Env = w.env
	cmd.Stdin = strings.NewReader(stdin)
	return runToEnd(t, cmd)
}

// must runs accred-cli.exe and fails the test unless it succeeds.
func (w *wine) must(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	code, out, errOut := w.run(t, stdin, args...)
	if code != 0 {
		t.Fatalf("accred-cli %s: exit %d: %s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// TestWindows tries the Windows package: what is in it, its command line
// on a folder with spaces and Vietnamese letters, the tests of the
// packages that work differently on Windows (printing again with a print
// service's printers), and the app's window opening on its sign-in
// screen.
func TestWindows(t *testing.T) {
	zipPath := needWindowsPackage(t)
	t.Run("package", func(t *testing.T) { checkPackage(t, zipPath) })
	w := newWine(t, zipPath)
	t.Run("commands", func(t *testing.T) { tryCommands(t, w) })
	t.Run("package tests", func(t *testing.T) { tryPackageTests(t, w) })
	t.Run("printers", func(t *testing.T) { tryPrinters(t, w) })
	t.Run("window", func(t *testing.T) { tryWindow(t, w) })
}

// checkPackage: the zip holds the app and the console program, both the
// same amd64 program with the icon and version resource, needing no
// library that Windows lacks.
func checkPackage(t *testing.T, zipPath string) {
	r, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var names []string
	for _, f := range r.File {
		if !f.FileInfo().IsDir() {
			names = append(names, f.Name)
		}
	}
	slices.Sort(names)
	if want := []string{"Accred/Accred.exe", "Accred/accred-cli.exe"}; !slices.Equal(names, want) {
		t.Fatalf("the zip holds %v, want %v", names, want)
	}
	for _, c := range []struct {
		name      string
		subsystem uint16
	}{{"Accred/Accred.exe", pe.IMAGE_SUBSYSTEM_WINDOWS_GUI}, {"Accred/accred-cli.exe", pe.IMAGE_SUBSYSTEM_WINDOWS_CUI}} {
		f, err := r.Open(c.name)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		exe, err := pe.NewFile(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		header, ok := exe.OptionalHeader.(*pe.OptionalHeader64)
		if !ok || exe.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
			t.Fatalf("%s is not an amd64 program", c.name)
		}
		if header.Subsystem != c.subsystem {
			t.Errorf("%s: subsystem %d, want %d", c.name, header.Subsystem, c.subsystem)
		}
		rsrc := exe.Section(".rsrc")
		if rsrc == nil {
			t.Fatalf("%s has no resources (icon, version)", c.name)
		}
		res, _ := rsrc.Data()
		for _, want := range []string{"Accred", "0.1.0.1"} {
			if !bytes.Contains(res, utf16le(want)) {
				t.Errorf("%s: the version resource does not say %q", c.name, want)
			}
		}
		libs, err := exe.ImportedLibraries()
		if err != nil {
			t.Fatal(err)
		}
		for _, lib := range libs {
			if !slices.Contains(windowsSystemDLLs, strings.ToLower(lib)) {
				t.Errorf("%s needs %s, which Windows does not have", c.name, lib)
			}
		}
		exe.Close()
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// tryCommands runs the command line as a desk would, in C:\Users\Nguyễn\Sự
// kiện: the demo, imports of a CSV and an XLSX file, badges whose QR codes
// are read back and verified, check-in from standard input, the attendance
// report and a backup; and the event file's default place, %APPDATA%\Accred.
func tryCommands(t *testing.T, w *wine) {
	const folder = `C:\Users\Nguyễn\Sự kiện`
	dir := w.hostPath(folder)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	db := folder + `\event.db`

	// With no --db, the event is in %APPDATA%\Accred; a time zone is
	// known without a system database of zones.
	w.must(t, "", "init", "--event", "Hội nghị thử", "--start", "2025-10-25", "--end", "2025-10-26", "--timezone", "America/Argentina/Buenos_Aires")
	defaults, _ := filepath.Glob(filepath.Join(w.prefix, "drive_c", "users", "*", "AppData", "Roaming", "Accred", "event.db"))
	if len(defaults) != 1 {
		t.Fatalf("no event.db in %%APPDATA%%\\Accred: %v", defaults)
	}
	if out := w.must(t, "", "settings"); !strings.Contains(out, "America/Argentina/Buenos_Aires") {
		t.Fatalf("settings of the default event:\n%s", out)
	}

	w.must(t, "", "--db", db, "demo", "--participants", "60")
	csvFile := folder + `\người tham dự.csv`
	csv := "category,given_name,family_name,nationality,delegation,document_number\n" +
		"delegate,Thị Hương,Nguyễn,VN,VN,WINE0001\n" +
		"delegate,Đức Anh,Trần,VN,VN,WINE0002\n"
	if err := os.WriteFile(w.hostPath(csvFile), []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := w.must(t, "", "--db", db, "import", csvFile); !strings.Contains(out, "2") {
		t.Fatalf("import of the CSV said %q", out)
	}
	xlsxFile := folder + `\danh sách.xlsx`
	writeXLSX(t, w.hostPath(xlsxFile), [][]string{
		{"category", "given_name", "family_name", "nationality", "delegation", "document_number"},
		{"delegate", "Ngọc Lan", "Phạm", "VN", "VN", "WINE0003"},
	})
	w.must(t, "", "--db", db, "import", xlsxFile)
	w.must(t, "", "--db", db, "approve", "--all")
	w.must(t, "", "--db", db, "settings", "clearance_required", "no") // the demo waits for the host country's answer

	var ids []string // the imported, found by their document numbers
	for _, document := range []string{"WINE0001", "WINE0002", "WINE0003"} {
		out := w.must(t, "", "--db", db, "search", document)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 1 || lines[0] == "" {
			t.Fatalf("search %s found %q", document, out)
		}
		ids = append(ids, strings.Split(lines[0], "\t")[0])
	}

	pdf := folder + `\thẻ đại biểu.pdf`
	w.must(t, "", append([]string{"--db", db, "badges", "--out", pdf}, ids...)...)
	codes := qrCodes(t, w.hostPath(pdf))
	if len(codes) != 3 {
		t.Fatalf("%d QR codes in the badges, want 3: %v", len(codes), codes)
	}
	for _, code := range codes {
		out := w.must(t, "", "--db", db, "verify", code)
		if !strings.HasPrefix(out, "VALID\t") {
			t.Fatalf("verify %s: %q", code, out)
		}
	}

	session := sessionID(t, w.must(t, "", "--db", db, "sessions"), "PLEN-1")
	out := w.must(t, strings.Join(codes, "\r\n")+"\r\n"+codes[0]+"\n", "--db", db, "checkin", "--session", session, "--station", "Cửa chính")
	verdicts := strings.Split(strings.TrimSpace(out), "\n")
	if len(verdicts) != 4 {
		t.Fatalf("check-in said:\n%s", out)
	}
	for i, v := range verdicts {
		want := "ACCEPTED "
		if i == 3 {
			want = "ALREADY "
		}
		if !strings.HasPrefix(v, want) {
			t.Fatalf("check-in line %d: %q, want %s…", i+1, v, want)
		}
	}
	if !strings.Contains(out, "Nguyễn Thị Hương") {
		t.Errorf("check-in names no Nguyễn Thị Hương:\n%s", out)
	}

	report := folder + `\điểm danh.csv`
	w.must(t, "", "--db", db, "report", "attendance", "--session", session, "--out", report)
	raw, err := os.ReadFile(w.hostPath(report))
	if err != nil || !strings.Contains(string(raw), "Hương") {
		t.Fatalf("attendance report: %v\n%s", err, raw)
	}

	backup := folder + `\sao lưu\event.db`
	if err := os.MkdirAll(filepath.Dir(w.hostPath(backup)), 0o700); err != nil {
		t.Fatal(err)
	}
	w.must(t, "", "--db", db, "backup", backup)
	copied, err := data.Open(w.hostPath(backup))
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	present, _, err := copied.FindParticipants(context.Background(), data.ParticipantFilter{Query: "WINE0001"})
	if err != nil || len(present) != 1 {
		t.Fatalf("the backup: %v, %d found", err, len(present))
	}
}

func writeXLSX(t *testing.T, path string, rows [][]string) {
	t.Helper()
	f := excelize.NewFile()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// qrCodes reads every QR code of a PDF back with pdftoppm and zbarimg.
func qrCodes(t *testing.T, pdf string) []string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("pdftoppm", "-r", "110", "-gray", "-png", pdf, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	out, err := exec.Command("zbarimg", append([]string{"-q", "--raw", "-Sdisable", "-Sqrcode.enable"}, pages...)...).Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	return strings.Fields(string(out))
}

// sessionID finds a session's id in the output of 'accred sessions'.
func sessionID(t *testing.T, sessions, code string) string {
	t.Helper()
	for _, line := range strings.Split(sessions, "\n") {
		if fields := strings.Split(line, "\t"); len(fields) > 1 && fields[1] == code {
			return fields[0]
		}
	}
	t.Fatalf("no session %s in:\n%s", code, sessions)
	return ""
}

// windowsTested are the packages whose own tests run as Windows programs:
// the one that writes every file (never over another, whole or not at
// all) and the one that prints through Windows.
var windowsTested = []string{"./data/atomicfile", "./app/printjob/winprint"}

// tryPackageTests builds the tests of windowsTested for Windows and runs
// them under Wine.
func tryPackageTests(t *testing.T, w *wine) {
	for _, pkg := range windowsTested {
		runWindowsTests(t, w, pkg)
	}
}

// tryPrinters runs the tests of Windows' printing again with printers:
// Wine gives a Windows program the printers of the CUPS that CUPS_SERVER
// names, here a print service of the test's own with two queues, one the
// default.
func tryPrinters(t *testing.T, w *wine) {
	s := cupstest.Start(t)
	s.AddPDFQueue(t, "Badges-A6", "A6")
	s.AddPDFQueue(t, "Office", "A4")
	s.SetDefault(t, "Badges-A6")
	runWindowsTests(t, w, "./app/printjob/winprint", "CUPS_SERVER="+s.Socket, "ACCRED_TEST_PRINTERS=Badges-A6,Office")
}

// runWindowsTests builds a package's tests for Windows and runs them under
// Wine, with env added to the prefix's.
func runWindowsTests(t *testing.T, w *wine, pkg string, env ...string) {
	t.Helper()
	test := filepath.Join(t.TempDir(), filepath.Base(pkg)+".test.exe")
	build := exec.Command("go", "test", "-c", "-o", test, pkg)
	build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go test -c %s: %v\n%s", pkg, err, out)
	}
	cmd := exec.Command("wine", test, "-test.v")
	cmd.Env = append(slices.Clone(w.env), env...)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "\nPASS") {
		t.Fatalf("the tests of %s under Windows: %v\n%s", pkg, err, out)
	}
	t.Logf("%s: %d tests passed under Wine\n%s", pkg, strings.Count(string(out), "--- PASS"), out)
}

// tryWindow starts Accred.exe on the demo under Wine, on an Xvfb display of
// the test's own, and checks that its window opens on the sign-in screen:
// titled with the event's name, and showing the two fields and the wide
// Sign in button of that screen (a screenshot read back).
func tryWindow(t *testing.T, w *wine) {
	needTools(t, "Xvfb", "xdotool", "import")
	const db = `C:\Users\Nguyễn\Sự kiện\cửa sổ.db`
	w.must(t, "", "--db", db, "demo", "--participants", "20")
	// The commands ran without a display: Wine's desktop process started
	// then has none. A new Wine session starts with the display.
	w.stopSession()
	display := xServer(t)
	app := exec.Command("wine", w.app, "--db", db)
	app.Env = append(slices.Clone(w.env), "DISPLAY="+display)
	var output bytes.Buffer
	app.Stdout, app.Stderr = &output, &output
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		app.Process.Kill()
		app.Wait()
		w.stopSession()
	})
	x := func(args ...string) (string, error) {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	shot := filepath.Join(t.TempDir(), "sign-in.png")
	var window, problem string
	for deadline := time.Now().Add(3 * time.Minute); ; time.Sleep(time.Second) {
		if time.Now().After(deadline) {
			kept := filepath.Join(os.TempDir(), "accred-windows-screen.png")
			x("import", "-window", "root", kept)
			t.Fatalf("Accred.exe did not show its sign-in screen within 3 minutes: %s (the screen: %s)\n%s", problem, kept, output.String())
		}
		if window == "" {
			ids, _ := x("xdotool", "search", "--name", " — Accred$")
			if ids == "" {
				problem = "no window titled … — Accred"
				continue
			}
			window = strings.Fields(ids)[0]
			if title, _ := x("xdotool", "getwindowname", window); title != demoEventName+" — Accred" {
				t.Fatalf("the window is titled %q, want the demo event's name", title)
			}
		}
		if _, err := x("import", "-window", window, shot); err != nil {
			problem = "import: " + err.Error()
			continue
		}
		if problem = signInShown(shot); problem == "" {
			return
		}
	}
}

// demoEventName is the name of the event 'accred demo' makes.
const demoEventName = "Opening for signature of the United Nations Convention against Cybercrime"

// stopSession ends the prefix's Wine session (wineserver and its
// processes), as when a Windows user logs out.
func (w *wine) stopSession() {
	kill := exec.Command("wineserver", "-k")
	kill.Env = w.env
	kill.Run()
}

// signInShown reads a screenshot of the app's window and says what it
// lacks of the sign-in screen ("" when nothing): a button of the theme's
// primary colour at least 300 pixels wide and 25 high, with above it, in
// the same column, exactly two entry fields (operator and PIN).
func signInShown(png string) string {
	f, err := os.Open(png)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return "the screenshot: " + err.Error()
	}
	// Fyne's light theme: its primary blue, and the entries' background.
	primary, field := color.RGBA{0x29, 0x6f, 0xf6, 0xff}, color.RGBA{0xf3, 0xf3, 0xf3, 0xff}
	b := img.Bounds()
	// The button: the tallest band of rows that are mostly the primary
	// colour (the button's words and icon aside) over the same 300 pixels or
	// more.
	type band struct{ left, right, top, height int }
	var button, current band
	for y := b.Min.Y; y <= b.Max.Y; y++ {
		start, end, count := 0, 0, 0
		for x := b.Min.X; y < b.Max.Y && x < b.Max.X; x++ {
			if near(img.At(x, y), primary) {
				if count == 0 {
					start = x
				}
				end = x + 1
				count++
			}
		}
		if count < (end-start)*3/5 {
			end = start
		}
		switch {
		case end-start < 300:
			current = band{}
		case current.height > 0 && abs(start-current.left) <= 2 && abs(end-current.right) <= 2:
			current.height++
		default:
			current = band{left: start, right: end, top: y, height: 1}
		}
		if current.height > button.height {
			button = current
		}
	}
	left, right, top, height := button.left, button.right, button.top, button.height
	if height < 25 {
		return fmt.Sprintf("no Sign in button (a band of %v at least 300×25 pixels)", primary)
	}
	// The fields: runs of the fields' colour above the button, in a column
	// right of any text they hold.
	column := left + (right-left)*4/5
	fields, run := 0, 0
	for y := top - 1; y >= b.Min.Y; y-- {
		if near(img.At(column, y), field) {
			run++
			continue
		}
		if run >= 15 {
			fields++
		}
		run = 0
	}
	if fields != 2 {
		return fmt.Sprintf("%d entry fields above the button, want 2 (operator and PIN)", fields)
	}
	return ""
}

// near reports whether two colours differ by at most 8 in each channel.
func near(a, b color.Color) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	return abs(int(ar>>8)-int(br>>8)) <= 8 && abs(int(ag>>8)-int(bg>>8)) <= 8 && abs(int(ab>>8)-int(bb>>8)) <= 8
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

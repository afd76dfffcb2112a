package winprint

import (
	"slices"
	"testing"

	"accred/app/printjob/cups"
	"accred/printing"
)

// TestJobStatesOfWindows: each status Windows gives a job reads as the
// state the station waits on, so that a badge counts as printed only once
// Windows says the job printed (or went whole to the printer), never when
// it was deleted or is still on its way.
func TestJobStatesOfWindows(t *testing.T) {
	for _, c := range []struct {
		name    string
		status  uint32
		state   int
		reasons []string
	}{
		{"just added", 0, cups.JobPending, nil},
		{"spooling", jobSpooling, cups.JobProcessing, nil},
		{"printing", jobPrinting, cups.JobProcessing, nil},
		{"rendered here first", jobRenderingLocally | jobSpooling, cups.JobProcessing, nil},
		{"restarted", jobRestart, cups.JobProcessing, nil},
		{"paused in the queue", jobPaused, cups.JobHeld, nil},
		{"out of paper", jobPrinting | jobPaperOut, cups.JobStopped, []string{"media-empty"}},
		{"printer offline", jobOffline, cups.JobStopped, []string{"printer-offline"}},
		{"in error", jobError | jobPrinting, cups.JobStopped, []string{"job-error"}},
		{"someone must act", jobUserIntervention, cups.JobStopped, []string{"user-intervention-required"}},
		{"the driver cannot print it", jobBlocked, cups.JobAborted, []string{"driver-cannot-print"}},
		{"sent whole to the printer", jobComplete, cups.JobCompleted, nil},
		{"printed", jobPrinted, cups.JobCompleted, nil},
		{"printed, then removed", jobPrinted | jobDeleting, cups.JobCompleted, nil},
		{"cancelled", jobDeleting, cups.JobCanceled, nil},
		{"cancelled while printing", jobDeleting | jobPrinting, cups.JobCanceled, nil},
		{"deleted", jobDeleted, cups.JobCanceled, nil},
	} {
		j := jobOf(7, c.status, "")
		if j.ID != 7 || j.State != c.state || !slices.Equal(j.Reasons, c.reasons) {
			t.Errorf("%s (0x%x): state %d %v, want %d %v", c.name, c.status, j.State, j.Reasons, c.state, c.reasons)
		}
		if ended := c.state >= cups.JobCanceled; j.Ended() != ended {
			t.Errorf("%s: ended %v, want %v", c.name, j.Ended(), ended)
		}
	}
}

// TestAJobGoneWithoutWordIsNotPrinted: a job that leaves Windows' queue
// keeps the end it was seen at, or is printed if Windows had counted all
// its pages printed; one that leaves before Windows said either counts as
// not printed, with the reason in words.
func TestAJobGoneWithoutWordIsNotPrinted(t *testing.T) {
	for _, c := range []struct {
		last        cups.Job
		printed, of uint32
		state       int
	}{
		{jobOf(3, jobPrinted, ""), 0, 0, cups.JobCompleted},
		{jobOf(3, jobComplete, ""), 0, 2, cups.JobCompleted},
		{jobOf(3, jobDeleting, ""), 2, 2, cups.JobCanceled},
		{jobOf(3, jobPrinting, ""), 2, 2, cups.JobCompleted},
		{jobOf(3, jobPrinting, ""), 1, 2, cups.JobAborted},
		{jobOf(3, jobPrinting, ""), 0, 0, cups.JobAborted},
		{jobOf(3, jobSpooling, ""), 0, 0, cups.JobAborted},
		{jobOf(3, jobPaperOut|jobPrinting, ""), 2, 2, cups.JobAborted},
		{jobOf(3, 0, ""), 0, 0, cups.JobAborted},
	} {
		got := vanished(c.last, c.printed, c.of)
		if got.State != c.state || got.ID != 3 {
			t.Errorf("gone after %d, %d of %d pages printed: %+v, want state %d", c.last.State, c.printed, c.of, got, c.state)
		}
		if got.State == cups.JobAborted && got.Message != errGone {
			t.Errorf("gone after %d without a reason: %q", c.last.State, got.Message)
		}
	}
}

// TestAJobsCourseThroughWindowsQueue: a job is followed reading after
// reading of Windows' queue, as the spooler does while the station waits,
// and ends printed only where Windows said so; one the station withdrew
// ends cancelled unless Windows said it printed first.
func TestAJobsCourseThroughWindowsQueue(t *testing.T) {
	type reading struct {
		status         uint32
		printed, pages uint32
		gone           bool
	}
	left := reading{gone: true}
	for _, c := range []struct {
		name      string
		readings  []reading
		withdrawn bool
		state     int
	}{
		{"printed, then removed", []reading{{0, 0, 0, false}, {jobSpooling, 0, 0, false}, {jobPrinting, 1, 2, false}, {jobPrinted, 2, 2, false}, left}, false, cups.JobCompleted},
		{"removed once all its pages printed", []reading{{jobSpooling, 0, 0, false}, {jobPrinting, 2, 2, false}, left}, false, cups.JobCompleted},
		{"removed half printed", []reading{{jobPrinting, 1, 2, false}, left}, false, cups.JobAborted},
		{"out of paper, then removed", []reading{{jobPrinting | jobPaperOut, 2, 2, false}, left}, false, cups.JobAborted},
		{"cancelled in the queue", []reading{{jobPrinting, 0, 1, false}, {jobDeleting, 0, 1, false}, left}, false, cups.JobCanceled},
		{"withdrawn by the station", []reading{{jobSpooling, 0, 0, false}, left}, true, cups.JobCanceled},
		{"withdrawn too late: it printed", []reading{{jobPrinting, 1, 1, false}, left}, true, cups.JobCompleted},
		{"still waiting", []reading{{0, 0, 0, false}, {jobPaused, 0, 1, false}}, false, cups.JobHeld},
	} {
		p := progress{job: cups.Job{ID: 12}, withdrawn: c.withdrawn}
		for _, r := range c.readings {
			if r.gone {
				p.gone()
			} else {
				p.saw(r.status, "", r.printed, r.pages)
			}
		}
		if p.job.State != c.state || p.job.ID != 12 {
			t.Errorf("%s: %+v, want state %d", c.name, p.job, c.state)
		}
	}
}

// TestOurJobIsFoundByItsFileName: the job a PDF program sends for a file
// is known by the file's name in the job's, whatever the program adds.
func TestOurJobIsFoundByItsFileName(t *testing.T) {
	const file = `C:\Users\Nguyễn\Sự kiện\badges-2025-10-25 (2).pdf`
	for _, c := range []struct {
		document string
		ours     bool
	}{
		{"badges-2025-10-25 (2).pdf", true},
		{"BADGES-2025-10-25 (2)", true},
		{`C:\Users\Nguyễn\Sự kiện\badges-2025-10-25 (2).pdf`, true},
		{"Adobe Acrobat - badges-2025-10-25 (2).pdf", true},
		{"badges-2025-10-25.pdf", false},
		{"Microsoft Word - agenda.docx", false},
		{"", false},
	} {
		if got := ours(c.document, file); got != c.ours {
			t.Errorf("job %q for %s: ours %v, want %v", c.document, file, got, c.ours)
		}
	}
}

// TestPrinterStatesOfWindows: a printer Windows says is paused or set to
// work offline holds its jobs (stopped), one being deleted takes none, and
// its problems are named.
func TestPrinterStatesOfWindows(t *testing.T) {
	for _, c := range []struct {
		name       string
		status     uint32
		attributes uint32
		state      int
		accepting  bool
		reasons    []string
	}{
		{"ready", 0, 0, cups.PrinterIdle, true, nil},
		{"printing", printerPrinting, 0, cups.PrinterProcessing, true, nil},
		{"paused", printerPaused, 0, cups.PrinterStopped, true, []string{"paused"}},
		{"used offline", 0, attributeWorkOffline, cups.PrinterStopped, true, []string{"set to use the printer offline"}},
		{"out of paper", printerPaperOut, 0, cups.PrinterIdle, true, []string{"media-empty"}},
		{"door open, paused", printerDoorOpen | printerPaused, 0, cups.PrinterStopped, true, []string{"paused", "door-open"}},
		{"being deleted", printerPendingDeletion, 0, cups.PrinterIdle, false, nil},
	} {
		p := printerOf("Evolis Primacy", "desk 2", c.status, c.attributes, "")
		if p.Name != "Evolis Primacy" || p.Info != "desk 2" || p.State != c.state || p.Accepting != c.accepting || !slices.Equal(p.Reasons, c.reasons) {
			t.Errorf("%s: %+v, want state %d, accepting %v, reasons %v", c.name, p, c.state, c.accepting, c.reasons)
		}
		if c.name == "door open, paused" && p.Message != "(paused, door open)" {
			t.Errorf("%s: says %q", c.name, p.Message)
		}
		if stopped := c.state == cups.PrinterStopped || !c.accepting; p.Stopped() != stopped {
			t.Errorf("%s: stopped %v, want %v", c.name, p.Stopped(), stopped)
		}
	}
}

// TestPaperOfWindowsPrinters: the paper a printer is set for in Windows
// reads as the media of the station's layouts, so that the station warns
// of a printer set for another size as it does on CUPS.
func TestPaperOfWindowsPrinters(t *testing.T) {
	const (
		a4, a6 = 9, 70
		all    = dmPaperSize | dmPaperLength | dmPaperWidth
	)
	for _, c := range []struct {
		fields               uint32
		size, length, width  int16
		media                string
		a6Badges, id1, sheet bool // stocked for each layout
	}{
		{all, a4, 2970, 2100, "iso_a4_210x297mm", false, false, true},
		{dmPaperSize, a6, 0, 0, "iso_a6_105x148mm", true, false, false},
		{all, 256, 540, 856, "custom_85.6x54mm", false, true, false}, // a card printer's own size
		{dmPaperLength | dmPaperWidth, 0, 1480, 1050, "custom_105x148mm", true, false, false},
		{all, 300, 0, 0, "", true, true, true}, // a size it does not describe: no warning
		{0, a4, 2970, 2100, "", true, true, true},
	} {
		media := paperOf(c.fields, c.size, c.length, c.width)
		if media != c.media {
			t.Errorf("DEVMODE %x, paper %d, %d×%d: %q, want %q", c.fields, c.size, c.width, c.length, media, c.media)
		}
		p := cups.Printer{Media: media}
		for i, l := range []printing.Layout{printing.A6, printing.ID1, printing.A4} {
			if want := []bool{c.a6Badges, c.id1, c.sheet}[i]; p.Loaded(layoutMedia[l]) != want {
				t.Errorf("paper %q, layout %s: loaded %v, want %v", media, l, !want, want)
			}
		}
	}
}

// layoutMedia are the media the station asks for each layout (printjob's
// MediaOf, which imports this package).
var layoutMedia = map[printing.Layout]string{printing.A6: "iso_a6_105x148mm", printing.ID1: "custom_id-1_85.6x54mm", printing.A4: "iso_a4_210x297mm"}

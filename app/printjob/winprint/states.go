package winprint

import (
	"fmt"
	"path/filepath"
	"strings"

	"accred/app/printjob/cups"
)

// What Windows' spooler says of a job (JOB_INFO_1's Status).
const (
	jobPaused           = 0x1
	jobError            = 0x2
	jobDeleting         = 0x4
	jobSpooling         = 0x8
	jobPrinting         = 0x10
	jobOffline          = 0x20
	jobPaperOut         = 0x40
	jobPrinted          = 0x80
	jobDeleted          = 0x100
	jobBlocked          = 0x200 // the driver cannot print it
	jobUserIntervention = 0x400
	jobRestart          = 0x800
	jobComplete         = 0x1000 // sent to the printer
	jobRenderingLocally = 0x4000
)

// jobOf describes a job of Windows' spooler as the station reads every
// print service's jobs (package cups's states): completed once Windows
// says it printed it or sent it whole to the printer, cancelled once it
// is being deleted, aborted when the driver cannot print it, stopped
// while the printer needs someone (paper, an error, offline), held while
// paused, printing while spooled or printed, else waiting. text is the
// port's own words, if any.
func jobOf(id int, status uint32, text string) cups.Job {
	j := cups.Job{ID: id, Message: text}
	for _, r := range []struct {
		bit    uint32
		reason string
	}{{jobError, "job-error"}, {jobOffline, "printer-offline"}, {jobPaperOut, "media-empty"},
		{jobUserIntervention, "user-intervention-required"}, {jobBlocked, "driver-cannot-print"}} {
		if status&r.bit != 0 {
			j.Reasons = append(j.Reasons, r.reason)
		}
	}
	switch {
	case status&(jobPrinted|jobComplete) != 0:
		j.State = cups.JobCompleted
	case status&(jobDeleting|jobDeleted) != 0:
		j.State = cups.JobCanceled
	case status&jobBlocked != 0:
		j.State = cups.JobAborted
	case status&(jobError|jobOffline|jobPaperOut|jobUserIntervention) != 0:
		j.State = cups.JobStopped
	case status&jobPaused != 0:
		j.State = cups.JobHeld
	case status&(jobSpooling|jobPrinting|jobRenderingLocally|jobRestart) != 0:
		j.State = cups.JobProcessing
	default:
		j.State = cups.JobPending
	}
	return j
}

// errGone is why a job that left Windows' queue without Windows saying it
// printed counts as not printed.
const errGone = "Windows removed the job from the printer's queue without saying that it printed"

// vanished is how a job stands once Windows' queue no longer holds it: as
// it last stood if that was an end; completed if it was printing and
// Windows had counted every one of its pages printed (pagesPrinted of
// pages); otherwise aborted, since Windows never said it printed.
func vanished(last cups.Job, pagesPrinted, pages uint32) cups.Job {
	switch {
	case last.Ended():
		return last
	case last.State == cups.JobProcessing && pages > 0 && pagesPrinted >= pages:
		return cups.Job{ID: last.ID, State: cups.JobCompleted}
	}
	return cups.Job{ID: last.ID, State: cups.JobAborted, Reasons: last.Reasons, Message: errGone}
}

// progress is what is known of a job sent to Windows' spooler, reading
// after reading of its queue.
type progress struct {
	job                 cups.Job
	pagesPrinted, pages uint32 // as Windows last counted them
	withdrawn           bool   // the station asked Windows to delete it
}

// saw records one reading of the job in the queue (JOB_INFO_1).
func (p *progress) saw(status uint32, text string, pagesPrinted, pages uint32) {
	p.job = jobOf(p.job.ID, status, text)
	p.pagesPrinted, p.pages = pagesPrinted, pages
}

// gone records that the queue no longer holds the job (vanished): a job
// the station withdrew that Windows did not say printed is cancelled.
func (p *progress) gone() {
	p.job = vanished(p.job, p.pagesPrinted, p.pages)
	if p.withdrawn && p.job.State == cups.JobAborted {
		p.job = cups.Job{ID: p.job.ID, State: cups.JobCanceled}
	}
}

// ours reports whether a job's document name is the PDF file's: PDF
// programs name the jobs they send after the file, with or without its
// extension, some with its folder.
func ours(document, file string) bool {
	name := strings.TrimSuffix(filepath.Base(strings.ReplaceAll(file, `\`, "/")), filepath.Ext(file))
	return name != "" && strings.Contains(strings.ToLower(document), strings.ToLower(name))
}

// What Windows says of a printer (PRINTER_INFO_2's Status and Attributes).
const (
	printerPaused           = 0x1
	printerError            = 0x2
	printerPendingDeletion  = 0x4
	printerPaperJam         = 0x8
	printerPaperOut         = 0x10
	printerOffline          = 0x80
	printerBusy             = 0x200
	printerPrinting         = 0x400
	printerNotAvailable     = 0x1000
	printerProcessing       = 0x4000
	printerNoToner          = 0x40000
	printerUserIntervention = 0x100000
	printerDoorOpen         = 0x400000

	attributeWorkOffline = 0x400
)

// printerOf describes a printer of Windows as the station reads every
// print service's printers: stopped when paused or set to work offline
// (its jobs wait), not taking jobs while being deleted, with its problems
// as IPP's reasons, and in words as its message, and media the paper it
// is set for.
func printerOf(name, comment string, status, attributes uint32, media string) cups.Printer {
	p := cups.Printer{Name: name, Info: comment, State: cups.PrinterIdle, Accepting: status&printerPendingDeletion == 0, Media: media}
	for _, r := range []struct {
		bit    uint32
		reason string
	}{{printerPaused, "paused"}, {printerError, "other-error"}, {printerPaperJam, "media-jam"}, {printerPaperOut, "media-empty"},
		{printerOffline, "offline"}, {printerNotAvailable, "offline"}, {printerNoToner, "toner-empty"},
		{printerUserIntervention, "user-intervention-required"}, {printerDoorOpen, "door-open"}} {
		if status&r.bit != 0 {
			p.Reasons = append(p.Reasons, r.reason)
		}
	}
	switch {
	case status&printerPaused != 0:
		p.State = cups.PrinterStopped
	case attributes&attributeWorkOffline != 0:
		p.State = cups.PrinterStopped
		p.Reasons = append(p.Reasons, "set to use the printer offline")
	case status&(printerPrinting|printerProcessing|printerBusy) != 0:
		p.State = cups.PrinterProcessing
	}
	if len(p.Reasons) > 0 {
		p.Message = "(" + strings.ReplaceAll(strings.Join(p.Reasons, ", "), "-", " ") + ")"
	}
	return p
}

// The fields of a DEVMODE that say which paper (dmFields).
const (
	dmPaperSize   = 0x2
	dmPaperLength = 0x4
	dmPaperWidth  = 0x8
)

// papers are the paper sizes of DEVMODE (DMPAPER_…) the station's layouts
// and the usual office stock use, by IPP's names.
var papers = map[int16]string{1: "na_letter_8.5x11in", 9: "iso_a4_210x297mm", 11: "iso_a5_148x210mm", 70: "iso_a6_105x148mm"}

// paperOf names the paper a printer's DEVMODE sets: a known size by its
// name, another by its width and length (tenths of millimetres), as
// custom_WxHmm; "" when it says neither.
func paperOf(fields uint32, size, length, width int16) string {
	if name, ok := papers[size]; ok && fields&dmPaperSize != 0 {
		return name
	}
	if fields&(dmPaperLength|dmPaperWidth) == dmPaperLength|dmPaperWidth && length > 0 && width > 0 {
		return fmt.Sprintf("custom_%gx%gmm", float64(width)/10, float64(length)/10)
	}
	return ""
}

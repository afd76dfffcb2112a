package winprint

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"

	"accred/app/printjob/cups"
)

// Supported says whether Windows' printers can be used here.
const Supported = true

var (
	winspool          = windows.NewLazySystemDLL("winspool.drv")
	getDefaultPrinter = winspool.NewProc("GetDefaultPrinterW")
	enumPrinters      = winspool.NewProc("EnumPrintersW")
	openPrinter       = winspool.NewProc("OpenPrinterW")
	closePrinter      = winspool.NewProc("ClosePrinter")
	getPrinter        = winspool.NewProc("GetPrinterW")
	enumJobs          = winspool.NewProc("EnumJobsW")
	getJob            = winspool.NewProc("GetJobW")
	setJob            = winspool.NewProc("SetJobW")
	assocQueryString  = windows.NewLazySystemDLL("shlwapi.dll").NewProc("AssocQueryStringW")
)

// printerInfo2 is PRINTER_INFO_2.
type printerInfo2 struct {
	serverName, printerName, shareName, portName, driverName, comment, location *uint16
	devMode                                                                     *devMode
	sepFile, printProcessor, datatype, parameters                               *uint16
	securityDescriptor                                                          uintptr
	attributes, priority, defaultPriority, startTime, untilTime, status, jobs   uint32
	averagePPM                                                                  uint32
}

// devMode is the start of DEVMODEW, up to the paper's width: the device's
// name, four versions and sizes, the fields set, the orientation, then the
// paper.
type devMode struct {
	_                                 [32]uint16
	_, _, _, _                        uint16
	fields                            uint32
	_, paperSize, paperLength, paperW int16
}

// jobInfo1 is JOB_INFO_1.
type jobInfo1 struct {
	id                                                           uint32
	printerName, machineName, userName, document, datatype, text *uint16
	status, priority, position, totalPages, pagesPrinted         uint32
	submitted                                                    windows.Systemtime
}

const (
	enumLocal       = 0x2 // PRINTER_ENUM_LOCAL
	enumConnections = 0x4 // PRINTER_ENUM_CONNECTIONS
	jobControlDel   = 5   // JOB_CONTROL_DELETE
	assocCommand    = 1   // ASSOCSTR_COMMAND
)

// DefaultPrinter names Windows' default printer, or returns
// ErrNoDefaultPrinter.
func DefaultPrinter() (string, error) {
	if getDefaultPrinter.Find() != nil {
		return "", ErrNoDefaultPrinter
	}
	size := uint32(256)
	for {
		buf := make([]uint16, size)
		ok, _, err := getDefaultPrinter.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size)))
		switch {
		case ok != 0:
			return windows.UTF16ToString(buf), nil
		case errors.Is(err, windows.ERROR_INSUFFICIENT_BUFFER) && int(size) > len(buf):
			continue
		default:
			return "", ErrNoDefaultPrinter
		}
	}
}

// Spooler is Windows' print spooler as the station uses a print service:
// its printers, a PDF file sent to one through the program Windows prints
// PDF files with, and how the job that program makes stands. Its zero
// value is not usable: use New.
type Spooler struct {
	mu      sync.Mutex
	watched map[int]*watched // the jobs this program sent, by number
}

// watched is a job Spooler follows until it ends.
type watched struct {
	printer string
	progress
	err error // the spooler stopped answering for it
}

// New returns the computer's spooler.
func New() *Spooler { return &Spooler{watched: map[int]*watched{}} }

// JobAppears is how long Print waits for the PDF program to hand the file
// to the spooler: the program may have to start first.
var JobAppears = 2 * time.Minute

// watchEvery is how often a job's state is read: often enough to see the
// moment it printed before Windows removes it from the queue.
const watchEvery = 50 * time.Millisecond

// Printers lists Windows' printers, this computer's and the network's it
// is connected to, and names the default one ("" when none is set).
func (s *Spooler) Printers(ctx context.Context) ([]cups.Printer, string, error) {
	buf, count, err := call(func(buf *byte, size uint32, needed, returned *uint32) (uintptr, error) {
		r, _, err := enumPrinters.Call(enumLocal|enumConnections, 0, 2, uintptr(unsafe.Pointer(buf)), uintptr(size),
			uintptr(unsafe.Pointer(needed)), uintptr(unsafe.Pointer(returned)))
		return r, err
	})
	if err != nil {
		return nil, "", spoolerError(err)
	}
	var list []cups.Printer
	if count > 0 {
		for _, info := range unsafe.Slice((*printerInfo2)(unsafe.Pointer(&buf[0])), count) {
			list = append(list, describe(&info))
		}
	}
	def, _ := DefaultPrinter()
	return list, def, nil
}

// Printer describes one printer; cups.ErrNoPrinter when Windows has none of
// that name. A printer that exists is described, with ErrNoPDFProgram when
// Windows has no program to print PDF files on it.
func (s *Spooler) Printer(ctx context.Context, name string) (cups.Printer, error) {
	h, err := open(name)
	if err != nil {
		return cups.Printer{}, err
	}
	defer closePrinter.Call(uintptr(h))
	buf, _, err := call(func(buf *byte, size uint32, needed, _ *uint32) (uintptr, error) {
		r, _, err := getPrinter.Call(uintptr(h), 2, uintptr(unsafe.Pointer(buf)), uintptr(size), uintptr(unsafe.Pointer(needed)))
		return r, err
	})
	if err != nil {
		return cups.Printer{}, spoolerError(err)
	}
	p := describe((*printerInfo2)(unsafe.Pointer(&buf[0])))
	if _, err := pdfProgram(); err != nil {
		return p, err
	}
	return p, nil
}

// describe reads PRINTER_INFO_2.
func describe(info *printerInfo2) cups.Printer {
	media := ""
	if dm := info.devMode; dm != nil {
		media = paperOf(dm.fields, dm.paperSize, dm.paperLength, dm.paperW)
	}
	return printerOf(windows.UTF16PtrToString(info.printerName), windows.UTF16PtrToString(info.comment), info.status, info.attributes, media)
}

// Print sends the PDF file pdf (an *os.File: the program needs its name)
// to a printer through the program Windows prints PDF files with (its
// "printto" action: Adobe Acrobat Reader, SumatraPDF …), waits up to
// JobAppears for that program's job in the printer's queue, and returns
// its number. That program chooses the paper and orientation from the
// printer's settings and the PDF's pages: o's Media and Orientation cannot
// be passed to it; o's Title is the file's name.
func (s *Spooler) Print(ctx context.Context, printer string, pdf io.Reader, o cups.Options) (int, error) {
	named, ok := pdf.(interface{ Name() string })
	if !ok {
		return 0, errors.New("a PDF is printed on Windows from its file, and this one has no name")
	}
	file, err := filepath.Abs(named.Name())
	if err != nil {
		return 0, err
	}
	if _, err := os.Stat(file); err != nil {
		return 0, err
	}
	h, err := open(printer)
	if err != nil {
		return 0, err
	}
	defer closePrinter.Call(uintptr(h))
	if _, err := pdfProgram(); err != nil {
		return 0, err
	}
	before, err := jobsOf(h)
	if err != nil {
		return 0, err
	}
	if err := shell("printto", file, `"`+printer+`"`, windows.SW_HIDE); err != nil {
		return 0, err
	}
	for deadline := time.Now().Add(JobAppears); time.Now().Before(deadline); {
		jobs, err := jobsOf(h)
		if err != nil {
			return 0, err
		}
		for id, j := range jobs {
			if _, old := before[id]; !old && ours(j.document, file) {
				s.follow(printer, id, j)
				return id, nil
			}
		}
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("cancelled while the program that prints PDF files had %s: if its badges come out, they are not marked printed", filepath.Base(file))
		case <-time.After(250 * time.Millisecond):
		}
	}
	return 0, fmt.Errorf("the program that prints PDF files did not hand %s to Windows within %v: if the badges come out later, they are not marked printed", filepath.Base(file), JobAppears)
}

// queued is a job in a printer's queue.
type queued struct {
	document, text string
	status         uint32
}

// jobsOf lists the jobs in a printer's queue, by number.
func jobsOf(h windows.Handle) (map[int]queued, error) {
	buf, count, err := call(func(buf *byte, size uint32, needed, returned *uint32) (uintptr, error) {
		r, _, err := enumJobs.Call(uintptr(h), 0, 0xffff, 1, uintptr(unsafe.Pointer(buf)), uintptr(size),
			uintptr(unsafe.Pointer(needed)), uintptr(unsafe.Pointer(returned)))
		return r, err
	})
	if err != nil {
		return nil, spoolerError(err)
	}
	jobs := map[int]queued{}
	if count > 0 {
		for _, j := range unsafe.Slice((*jobInfo1)(unsafe.Pointer(&buf[0])), count) {
			jobs[int(j.id)] = queued{windows.UTF16PtrToString(j.document), windows.UTF16PtrToString(j.text), j.status}
		}
	}
	return jobs, nil
}

// follow reads a job's state until it ends, so that Job answers at once
// and the moment Windows says it printed is not missed.
func (s *Spooler) follow(printer string, id int, first queued) {
	w := &watched{printer: printer, progress: progress{job: cups.Job{ID: id}}}
	w.saw(first.status, first.text, 0, 0)
	s.mu.Lock()
	s.watched[id] = w
	s.mu.Unlock()
	go func() {
		h, err := open(printer)
		if err == nil {
			defer closePrinter.Call(uintptr(h))
		}
		for err == nil {
			var j *jobInfo1
			j, err = readJob(h, id)
			s.mu.Lock()
			switch {
			case errors.Is(err, windows.ERROR_INVALID_PARAMETER): // no such job: it left the queue
				w.gone()
				err = nil
			case err == nil:
				w.saw(j.status, windows.UTF16PtrToString(j.text), j.pagesPrinted, j.totalPages)
			}
			ended := w.job.Ended()
			s.mu.Unlock()
			if ended {
				return
			}
			time.Sleep(watchEvery)
		}
		s.mu.Lock()
		w.err = err
		s.mu.Unlock()
	}()
}

// readJob reads how a job stands.
func readJob(h windows.Handle, id int) (*jobInfo1, error) {
	buf, _, err := call(func(buf *byte, size uint32, needed, _ *uint32) (uintptr, error) {
		r, _, err := getJob.Call(uintptr(h), uintptr(id), 1, uintptr(unsafe.Pointer(buf)), uintptr(size), uintptr(unsafe.Pointer(needed)))
		return r, err
	})
	if err != nil {
		return nil, err
	}
	return (*jobInfo1)(unsafe.Pointer(&buf[0])), nil
}

// Job says how a job Print sent stands.
func (s *Spooler) Job(ctx context.Context, id int) (cups.Job, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, ok := s.watched[id]
	switch {
	case !ok:
		return cups.Job{}, fmt.Errorf("the spooler knows no job %d sent by Accred", id)
	case w.err != nil:
		return w.job, spoolerError(w.err)
	}
	return w.job, nil
}

// Cancel withdraws a job Print sent that has not ended.
func (s *Spooler) Cancel(ctx context.Context, id int) error {
	s.mu.Lock()
	w, ok := s.watched[id]
	if ok {
		w.withdrawn = true
	}
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("the spooler knows no job %d sent by Accred", id)
	}
	h, err := open(w.printer)
	if err != nil {
		return err
	}
	defer closePrinter.Call(uintptr(h))
	if r, _, err := setJob.Call(uintptr(h), uintptr(id), 0, 0, jobControlDel); r == 0 && !errors.Is(err, windows.ERROR_INVALID_PARAMETER) {
		return spoolerError(err)
	}
	return nil
}

// open opens a printer; cups.ErrNoPrinter when Windows has none of that
// name.
func open(name string) (windows.Handle, error) {
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return 0, cups.ErrNoPrinter
	}
	var h windows.Handle
	if r, _, err := openPrinter.Call(uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(&h)), 0); r == 0 {
		if errors.Is(err, windows.ERROR_INVALID_PRINTER_NAME) {
			return 0, cups.ErrNoPrinter
		}
		return 0, spoolerError(err)
	}
	return h, nil
}

// call calls one of the spooler's functions that fill a buffer, with a
// buffer as large as it needs, and returns it and the count of what it
// holds.
func call(f func(buf *byte, size uint32, needed, returned *uint32) (uintptr, error)) ([]byte, uint32, error) {
	var needed, returned uint32
	var one byte
	if r, err := f(&one, 0, &needed, &returned); r != 0 {
		return nil, returned, nil
	} else if !errors.Is(err, windows.ERROR_INSUFFICIENT_BUFFER) || needed == 0 {
		return nil, 0, failed(err)
	}
	for {
		buf := make([]byte, needed)
		r, err := f(&buf[0], needed, &needed, &returned)
		switch {
		case r != 0:
			return buf, returned, nil
		case errors.Is(err, windows.ERROR_INSUFFICIENT_BUFFER) && int(needed) > len(buf):
			continue
		default:
			return nil, 0, failed(err)
		}
	}
}

// failed is the error of a call that failed, saying so when the system
// gave no reason (as Wine's spooler, which lists no jobs).
func failed(err error) error {
	if errno, ok := err.(windows.Errno); ok && errno == 0 {
		return errors.New("the spooler failed without saying why")
	}
	return err
}

// spoolerError is cups.ErrNotRunning when the spooler service is stopped.
func spoolerError(err error) error {
	if errors.Is(err, windows.RPC_S_SERVER_UNAVAILABLE) {
		return cups.ErrNotRunning
	}
	return err
}

// pdfProgram is the command Windows prints PDF files with, or
// ErrNoPDFProgram.
func pdfProgram() (string, error) {
	ext, _ := windows.UTF16PtrFromString(".pdf")
	verb, _ := windows.UTF16PtrFromString("printto")
	size := uint32(1024)
	out := make([]uint16, size)
	r, _, _ := assocQueryString.Call(0, assocCommand, uintptr(unsafe.Pointer(ext)), uintptr(unsafe.Pointer(verb)),
		uintptr(unsafe.Pointer(&out[0])), uintptr(unsafe.Pointer(&size)))
	if r != 0 { // S_OK is 0
		return "", ErrNoPDFProgram
	}
	return windows.UTF16ToString(out), nil
}

// Open shows the PDF file at path in the program Windows opens PDF files
// with.
func Open(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err != nil {
		return err
	}
	return shell("open", abs, "", windows.SW_SHOWNORMAL)
}

// shell asks Windows to do verb to the file at path, with args, as
// Explorer's menu does.
func shell(verb, path, args string, show int32) error {
	verb16, _ := windows.UTF16PtrFromString(verb)
	file, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	var args16 *uint16
	if args != "" {
		args16, _ = windows.UTF16PtrFromString(args)
	}
	dir, _ := windows.UTF16PtrFromString(filepath.Dir(path))
	err = windows.ShellExecute(0, verb16, file, args16, dir, show)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, windows.ERROR_NO_ASSOCIATION), errors.Is(err, windows.ERROR_FILE_NOT_FOUND):
		return ErrNoPDFProgram
	default:
		return fmt.Errorf("%s %s: %w", verb, filepath.Base(path), err)
	}
}

package printing

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"accred/data"
	"accred/data/search"
)

// pdfColumns reads a List of Participants back with pdftotext, column by
// column and page by page: its lines in reading order.
func pdfColumns(t *testing.T, doc []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils, make deps) is not installed")
		}
		t.Skip("pdftotext (poppler-utils, make deps) is not installed")
	}
	path := filepath.Join(t.TempDir(), "list.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, l := range strings.Split(string(out), "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "Pages:" {
			pages, _ = strconv.Atoi(f[1])
		}
	}
	var lines []string
	const half = 297 // points: the middle of an A4 page
	for page := 1; page <= pages; page++ {
		for _, x := range []int{0, half} {
			p := strconv.Itoa(page)
			text, err := exec.Command("pdftotext", "-layout", "-f", p, "-l", p, "-x", strconv.Itoa(x), "-y", "0",
				"-W", strconv.Itoa(half), "-H", "842", path, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(string(text), "\n") {
				if l = strings.TrimSpace(l); l != "" {
					lines = append(lines, l)
				}
			}
		}
	}
	return lines
}

func TestParticipantsListOfTheDemo(t *testing.T) {
	list := demoList(600)
	var doc bytes.Buffer
	if err := ParticipantsList(&doc, list); err != nil {
		t.Fatal(err)
	}
	lines := pdfColumns(t, doc.Bytes())
	at := map[string]int{} // where each line, or two lines of a name that wraps, ends first
	for i, l := range lines {
		if _, seen := at[l]; !seen {
			at[l] = i
		}
		if i > 0 {
			if two := lines[i-1] + " " + l; at[two] == 0 {
				at[two] = i
			}
		}
	}
	states := list.Sections[0]
	if states.Title != data.SectionStates || len(states.Groups) < 100 {
		t.Fatalf("the demo's first section: %s, %d groups", states.Title, len(states.Groups))
	}
	last, lastName := -1, ""
	for _, g := range states.Groups {
		i, ok := at[g.Name]
		if !ok {
			t.Fatalf("%s is not in the list: %q", g.Name, lines[:40])
		}
		if i < last || search.Fold(g.Name) < search.Fold(lastName) {
			t.Errorf("%s comes after %s", g.Name, lastName)
		}
		last, lastName = i, g.Name
		head := g.People[0]
		if !head.HeadOfDelegation || lines[i+1] != nameInList(head) {
			t.Errorf("%s: %q follows the name, want the head of delegation %q", g.Name, lines[i+1], nameInList(head))
		}
		if !strings.HasPrefix(lines[i+1], "H.E. ") {
			t.Errorf("%s: the first entry %q is no head of delegation", g.Name, lines[i+1])
		}
	}
	if len(list.Sections) < 5 {
		t.Errorf("the demo's list has %d sections", len(list.Sections))
	}
	for _, sec := range list.Sections {
		if _, ok := at[sec.Title]; !ok {
			t.Errorf("no heading reads %q", sec.Title)
		}
	}
	capitals := 0
	for _, sec := range list.Sections {
		for _, g := range sec.Groups {
			for _, p := range g.People {
				name := nameInList(p)
				if _, ok := at[name]; !ok {
					continue // a long name wraps
				}
				if !strings.Contains(name, strings.ToUpper(p.FamilyName)) || strings.ToUpper(p.FamilyName) == p.FamilyName {
					continue
				}
				capitals++
			}
		}
	}
	if capitals < 500 {
		t.Errorf("only %d names read back with the family name in capitals", capitals)
	}
	if _, ok := at["NGUYỄN"]; ok {
		t.Error("a family name stands on a line of its own")
	}
}

func TestParticipantsListIsTheSameEveryTime(t *testing.T) {
	list := demoList(400)
	var a, b bytes.Buffer
	if err := ParticipantsList(&a, list); err != nil {
		t.Fatal(err)
	}
	if err := ParticipantsList(&b, demoList(400)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same roster gave two different files")
	}
	if err := ParticipantsList(&bytes.Buffer{}, List{Event: list.Event}); err == nil {
		t.Error("an empty list was printed")
	}
}

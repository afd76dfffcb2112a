package app

import (
	"accred/data/gosource"
	"bytes"
	"database/sql"
	"go/ast"
	"go/parser"
	"go/token"
	"image"
	"image/png"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// storeMethodsWithErrors are the names of the store's methods whose last
// result is an error, read from the data package's source.
func storeMethodsWithErrors(t *testing.T) map[string]int {
	t.Helper()
	methods := map[string]int{} // name → how many results
	_, files := gosource.Files(t, filepath.Join("..", "data"))
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() || fn.Type.Results == nil {
				continue
			}
			star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			if recv, ok := star.X.(*ast.Ident); !ok || recv.Name != "Store" {
				continue
			}
			results := fn.Type.Results.List
			if last, ok := results[len(results)-1].Type.(*ast.Ident); !ok || last.Name != "error" {
				continue
			}
			n := 0
			for _, r := range results {
				n += max(1, len(r.Names))
			}
			methods[fn.Name.Name] = n
		}
	}
	if len(methods) < 50 {
		t.Fatalf("found only %d methods of the store: the scan would not see its calls", len(methods))
	}
	return methods
}

// storeLike names what holds a store: u.store, j.Store, store, s.store.
var storeLike = regexp.MustCompile(`(?i)store$`)

// TestNoStoreErrorIsDiscarded reads the source of app and the packages
// under it: no call to the store may throw its error away, with "_" in its
// place or as a statement whose results nobody reads. A read that fails must
// be shown, never taken for an empty answer.
func TestNoStoreErrorIsDiscarded(t *testing.T) {
	methods := storeMethodsWithErrors(t)
	fset := token.NewFileSet()
	var found []string
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		imports := map[string]bool{}
		for _, im := range f.Imports {
			name := strings.Trim(im.Path.Value, `"`)
			name = name[strings.LastIndex(name, "/")+1:]
			if im.Name != nil {
				name = im.Name.Name
			}
			imports[name] = true
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			stores := storesIn(fn)
			// storeCall is the store's method a call names, if it is one
			// whose last result is an error, with how many results it has.
			storeCall := func(e ast.Expr) (string, int) {
				call, ok := e.(*ast.CallExpr)
				if !ok {
					return "", 0
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return "", 0
				}
				n, isMethod := methods[sel.Sel.Name]
				x := exprText(sel.X)
				if !isMethod || imports[x] || !(storeLike.MatchString(x) || stores[x]) {
					return "", 0
				}
				checked++
				return x + "." + sel.Sel.Name, n
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch s := n.(type) {
				case *ast.AssignStmt:
					if len(s.Rhs) != 1 {
						return true
					}
					if name, results := storeCall(s.Rhs[0]); name != "" && len(s.Lhs) == results {
						if last, ok := s.Lhs[results-1].(*ast.Ident); ok && last.Name == "_" {
							found = append(found, fset.Position(s.Pos()).String()+": the error of "+name+" is thrown away")
						}
					}
				case *ast.ExprStmt:
					// Closing a store on the way out reads nothing to show.
					if name, _ := storeCall(s.X); name != "" && !strings.HasSuffix(name, ".Close") {
						found = append(found, fset.Position(s.Pos()).String()+": nothing reads what "+name+" returns, its error included")
					}
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("the scan saw only %d calls to the store", checked)
	}
	if len(found) > 0 {
		t.Errorf("store calls whose error is discarded:\n%s", strings.Join(found, "\n"))
	}
}

// storesIn names the variables of fn that hold a store opened or handed
// out there, such as the command line's s, err := e.store().
func storesIn(fn *ast.FuncDecl) map[string]bool {
	stores := map[string]bool{}
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		s, ok := n.(*ast.AssignStmt)
		if !ok || len(s.Rhs) != 1 || len(s.Lhs) == 0 {
			return true
		}
		call, ok := s.Rhs[0].(*ast.CallExpr)
		if !ok {
			return true
		}
		if fun := exprText(call.Fun); storeLike.MatchString(fun) || strings.HasPrefix(fun, "data.Open") {
			if id, ok := s.Lhs[0].(*ast.Ident); ok {
				stores[id.Name] = true
			}
		}
		return true
	})
	return stores
}

// exprText is a selector chain as written, such as g.u.store; "" for
// anything else.
func exprText(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		if x := exprText(e.X); x != "" {
			return x + "." + e.Sel.Name
		}
	}
	return ""
}

// breakColumn renames a column of the test's SQLite database, so that the
// reads of it fail, and returns what puts it back.
func breakColumn(t *testing.T, u *ui, table, column string) (restore func()) {
	t.Helper()
	db, err := sql.Open("sqlite3", u.store.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rename := func(from, to string) {
		t.Helper()
		if _, err := db.Exec(`ALTER TABLE ` + table + ` RENAME COLUMN ` + from + ` TO ` + to); err != nil {
			t.Fatal(err)
		}
	}
	rename(column, column+"_away")
	return func() { rename(column+"_away", column) }
}

// TestAFailedReadIsNoEmptyAnswer: a photo or a logo whose read fails is
// said so, never shown as no photo or as Accred's logo chosen.
func TestAFailedReadIsNoEmptyAnswer(t *testing.T) {
	u := newTestUI(t)
	var photo bytes.Buffer
	if err := png.Encode(&photo, image.NewGray(image.Rect(0, 0, 120, 160))); err != nil {
		t.Fatal(err)
	}
	if err := u.store.SetPhoto(ctx, 2, photo.Bytes()); err != nil {
		t.Fatal(err)
	}
	showFound(u.desk, "fontaine")
	if text := labelTexts(u.desk.right); !strings.Contains(text, "No photo") {
		t.Fatalf("someone without a photo: %q", text)
	}
	restore := breakColumn(t, u, "photos", "jpeg")
	showFound(u.desk, "osul")
	u.desk.details.work.wait()
	if text := labelTexts(u.desk.right); !strings.Contains(text, "The photo cannot be read") || strings.Contains(text, "No photo") {
		t.Fatalf("a photo that cannot be read shows as %q", text)
	}
	restore()

	// Nobody found, and "did you mean" cannot be read: said, lest someone
	// registered be registered again.
	restore = breakColumn(t, u, "photos", "participant_id")
	press(u.desk.search, fyne.KeyEscape)
	test.Type(u.desk.search, "Sullivn")
	if text := u.desk.count.Text; !strings.HasPrefix(text, "Nobody found, but those whose names come close could not be looked for") {
		t.Fatalf("close matches that cannot be read: %q", text)
	}
	restore()

	restore = breakColumn(t, u, "event", "logo")
	u.showHome()
	s := openSettings(t, u)
	s.work.wait()
	if note := s.note(noteLogo); !note.Visible() || !strings.HasPrefix(note.Text, "The event's logo cannot be read") {
		t.Fatalf("a logo that cannot be read: the note says %q", note.Text)
	}
	restore()
}

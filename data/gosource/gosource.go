// Package gosource reads a package's own Go files, leaving out its tests,
// for the tests that check the source itself: which store methods write,
// where the engine is decided, what a package imports, which sentences
// the screens ask to translate.
package gosource

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// File is one parsed file, named as in its folder.
type File struct {
	Name string
	*ast.File
}

// Files parses the Go files of dir that are not tests, in the order of
// their names, failing the test when there are none or one does not parse.
func Files(t testing.TB, dir string) (*token.FileSet, []File) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []File
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{filepath.Base(path), f})
	}
	if len(files) == 0 {
		t.Fatalf("no Go source in %s", dir)
	}
	return fset, files
}

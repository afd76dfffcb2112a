package data_test

import (
	"accred/data/gosource"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestEngineDifferencesStayInEngineGo reads the store's source and fails
// where a file other than engine.go decides by the engine: names SQLite or
// PostgreSQL as an engine, asks OnServer, compares or switches on an
// engine, opens a database with a driver of its own, or imports one.
// Whatever differs between the two engines is a named method of engine.go,
// so that one file says everything that differs.
func TestEngineDifferencesStayInEngineGo(t *testing.T) {
	fset, files := gosource.Files(t, ".")
	for _, f := range files {
		if f.Name == "engine.go" {
			continue
		}
		for _, spec := range f.Imports {
			if path, _ := strconv.Unquote(spec.Path.Value); strings.Contains(path, "pgx") || strings.Contains(path, "sqlite") {
				t.Errorf("%s imports %s", fset.Position(spec.Pos()), path)
			}
		}
		for _, branch := range engineBranches(f.File) {
			t.Errorf("%s: %s: move it behind a named method of engine.go", fset.Position(branch.Pos()), branch.what)
		}
	}
}

// TestEngineBranchesAreFound checks that the scan above sees each kind of
// branch it looks for, and not a method of the engine's called by name.
func TestEngineBranchesAreFound(t *testing.T) {
	for _, c := range []struct {
		code string
		want int
	}{
		{`if s.engine == postgresEngine { x() }`, 1},
		{`if s.engine != sqliteEngine { x() }`, 1},
		{`opts := &sql.TxOptions{ReadOnly: s.engine == postgresEngine}`, 1},
		{`switch s.engine { case 1: }`, 1},
		{`if s.OnServer() { x() }`, 1},
		{`copyRows(ctx, from, to, sqliteEngine, "t", "q")`, 1},
		{`db, err := sql.Open("sqlite3", path)`, 1},
		{`if e := s.engine; e == 1 { x() }`, 1},
		{`if s.engine.countsScansItself() { x() }`, 0},
		{`q := "SELECT 1" + s.engine.forUpdate()`, 0},
		{`copyRows(ctx, from, to, dst.engine, "t", "q")`, 0},
	} {
		src := "package data\nfunc f() {\n" + c.code + "\n}\n"
		f, err := parser.ParseFile(token.NewFileSet(), "f.go", src, 0)
		if err != nil {
			t.Fatalf("%s: %v", c.code, err)
		}
		if got := len(engineBranches(f)); got != c.want {
			t.Errorf("%s: %d branches found, want %d", c.code, got, c.want)
		}
	}
}

// engineBranch is a place where code decides by the engine.
type engineBranch struct {
	ast.Node
	what string
}

// engineBranches finds in f every place that decides by the engine rather
// than asking the engine a named question.
func engineBranches(f *ast.File) []engineBranch {
	var found []engineBranch
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if n.Name == "sqliteEngine" || n.Name == "postgresEngine" {
				found = append(found, engineBranch{n, "names the engine " + n.Name})
			}
		case *ast.SelectorExpr:
			switch {
			case n.Sel.Name == "OnServer":
				found = append(found, engineBranch{n, "asks OnServer"})
			case n.Sel.Name == "Open" && isIdent(n.X, "sql"):
				found = append(found, engineBranch{n, "opens a database with a driver"})
			}
		case *ast.BinaryExpr:
			if isEngine(n.X) || isEngine(n.Y) {
				found = append(found, engineBranch{n, "compares engines"})
				return false
			}
		case *ast.SwitchStmt:
			if n.Tag != nil && isEngine(n.Tag) {
				found = append(found, engineBranch{n, "switches on the engine"})
			}
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				if isEngine(r) {
					found = append(found, engineBranch{n, "keeps the engine aside to compare"})
				}
			}
		}
		return true
	})
	return found
}

// isEngine reports whether e is a store's engine itself (s.engine), rather
// than a question asked of it.
func isEngine(e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "engine"
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

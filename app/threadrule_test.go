package app

import (
	"fmt"
	"go/ast"
	goimporter "go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestStoreCallsRunInWorkerJobs reads the package's own source, typed, and
// fails for every call to the store made where the interface's goroutine
// could be waiting for it: outside a worker's job.
func TestStoreCallsRunInWorkerJobs(t *testing.T) {
	dir, files := packageFiles(t, ".")
	left := maps.Clone(noWindowYet)
	for _, found := range storeCallsOffJobs(t, dir, files) {
		_, call, _ := strings.Cut(found, " ")
		if _, ok := left[call]; ok {
			delete(left, call)
			continue
		}
		t.Errorf("%s outside a worker's job: the window would wait for it", found)
	}
	for call := range left {
		t.Errorf("%s is no longer called outside a worker's job: take it off noWindowYet", call)
	}
}

// noWindowYet are the store calls made where no window can wait for them:
// before it shows, or once it has closed.
var noWindowYet = map[string]string{
	"(store.Event in openEvent)": "the event read as the database opens, before the window shows, with a deadline (or in a restore's job)",
	"(store.Close in Run)":       "the database closed once the window has closed",
}

// TestStoreCallsOffJobsAreFound proves the check above can fail: a small
// package with one store call in each place it may and may not be.
func TestStoreCallsOffJobsAreFound(t *testing.T) {
	src := `package probe

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"accred/data"
)

type worker struct{}

func (w *worker) run(work func() func()) {}

type screen struct {
	store *data.Store
	work  worker
}

func deadline() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), time.Second)
}

func (s *screen) inJob() {
	s.work.run(func() func() {
		ctx, cancel := deadline()
		defer cancel()
		_, err := s.store.Event(ctx) // fine
		return func() { _ = err }
	})
}

func (s *screen) onTapped() {
	s.store.Event(context.Background()) // FOUND onTapped
}

func (s *screen) inThen() {
	s.work.run(func() func() {
		return func() {
			s.store.Categories(context.Background()) // FOUND then
		}
	})
}

func (s *screen) onlyFromJobs(ctx context.Context) {
	s.store.Zones(ctx) // fine: every caller is a job
}

func (s *screen) callsHelperInJob() {
	s.work.run(func() func() {
		ctx, cancel := deadline()
		defer cancel()
		s.onlyFromJobs(ctx)
		return func() {}
	})
}

func (s *screen) alsoFromTheInterface(ctx context.Context) {
	s.store.Operators(ctx) // FOUND helper
}

func (s *screen) callsHelperTwice() {
	s.work.run(func() func() { s.alsoFromTheInterface(context.Background()); return func() {} })
	s.alsoFromTheInterface(context.Background())
}

func (s *screen) change(do func(ctx context.Context) error) {
	s.work.run(func() func() {
		ctx, cancel := deadline()
		defer cancel()
		err := do(ctx)
		return func() { _ = err }
	})
}

func (s *screen) save() {
	s.change(func(ctx context.Context) error { return s.store.SetLanguages(ctx, "en") }) // fine: change runs it in a job
}

func (s *screen) setCallback(b *struct{ OnTapped func() }) {
	s.work.run(func() func() {
		b.OnTapped = func() { s.store.Logo(context.Background()) } // FOUND callback
		return func() {}
	})
}

func (s *screen) watch() {
	s.store.Zones(context.Background()) // fine: on a goroutine of its own
}

func (s *screen) start() { go s.watch() }

func (s *screen) onChange() {
	s.store.Overview(context.Background()) // FOUND handed to fyne.Do
}

func (s *screen) watchAndShow() {
	for range s.store.Changes(context.Background()) {
		fyne.Do(s.onChange)
	}
}

func (s *screen) startWatching() { go s.watchAndShow() }

func (s *screen) readLater(onTapped *func()) {
	*onTapped = func() { storeJob(&s.work, s.store.Zones) } // fine: read in a job
	fyne.Do(func() { _, _ = s.store.Zones(context.Background()) }) // FOUND in fyne.Do
	fyne.Do(s.reload)
	_ = s.store.Categories // FOUND handed over
}

func (s *screen) reload() {}

func storeJob[T any](w *worker, ask func(context.Context) (T, error)) {
	w.run(func() func() {
		_, _ = ask(context.Background())
		return func() {}
	})
}
`
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "probe.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	found := storeCallsOffJobs(t, dir, []string{"probe.go"})
	var want []string
	for i, line := range strings.Split(src, "\n") {
		if _, mark, ok := strings.Cut(line, "// FOUND "); ok {
			want = append(want, fmt.Sprintf("probe.go:%d (%s)", i+1, mark))
		}
	}
	if len(found) != len(want) {
		t.Fatalf("found %d calls, want %d:\n%s\nwant:\n%s", len(found), len(want), strings.Join(found, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		line, _, _ := strings.Cut(want[i], " ")
		if !strings.HasPrefix(found[i], line+":") {
			t.Errorf("found %s, want %s", found[i], want[i])
		}
	}
}

// instantStoreMethods never wait on the disk or the network: they read the
// store's clock or its settings kept in memory, or start a goroutine.
var instantStoreMethods = map[string]bool{
	"Now":      true, // the store's clock
	"OnServer": true, // which engine
	"Path":     true,
	"Changes":  true, // a goroutine of its own polls; the caller only receives
}

// packageFiles is the folder of the package at path and its Go files, as
// the go command builds them here.
func packageFiles(t *testing.T, path string) (string, []string) {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}|{{join .GoFiles \",\"}}", path).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dir, files, _ := strings.Cut(strings.TrimSpace(string(out)), "|")
	return dir, strings.Split(files, ",")
}

// storeCallsOffJobs type-checks the files of dir, their imports read from
// the go command's export data, and names each call to the store outside
// a worker's job as "file:line:col (what)", in the order of the source.
func storeCallsOffJobs(t *testing.T, dir string, names []string) []string {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	imports := map[string]bool{}
	for _, f := range files {
		for _, spec := range f.Imports {
			imports[strings.Trim(spec.Path.Value, `"`)] = true
		}
	}
	args := []string{"list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}"}
	for path := range imports {
		args = append(args, path)
	}
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		t.Fatalf("go list -export: %v", err)
	}
	exports := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, file, _ := strings.Cut(line, "=")
		exports[path] = file
	}
	lookup := func(path string) (io.ReadCloser, error) {
		if exports[path] == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(exports[path])
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	conf := types.Config{Importer: goimporter.ForCompiler(fset, "gc", lookup)}
	pkg, err := conf.Check("accred/app", fset, files, info)
	if err != nil {
		t.Fatalf("type-check: %v", err)
	}
	r := newRuleReader(pkg, info, files)
	var found []string
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok { // a store's method handed over, to be called later
				if what := r.storeMethodValue(sel); what != "" && !r.valueInJob(sel) {
					pos := fset.Position(sel.Pos())
					found = append(found, fmt.Sprintf("%s:%d:%d (%s in %s)", filepath.Base(pos.Filename), pos.Line, pos.Column, what, r.funcName(sel)))
				}
				return true
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if what := r.storeCall(call); what != "" && !r.inJob(call) {
				pos := fset.Position(call.Pos())
				found = append(found, fmt.Sprintf("%s:%d:%d (%s in %s)", filepath.Base(pos.Filename), pos.Line, pos.Column, what, r.funcName(call)))
			}
			return true
		})
	}
	return found
}

// ruleReader answers, for the typed source of one package, which calls
// reach the store and which run in a worker's job.
type ruleReader struct {
	pkg     *types.Package
	info    *types.Info
	parents map[ast.Node]ast.Node
	decls   map[types.Object]*ast.FuncDecl
	uses    map[types.Object][]*ast.Ident
	done    map[ast.Node]bool // whether a function runs in jobs, once known
	asking  map[ast.Node]bool // functions being asked about, for recursion
}

func newRuleReader(pkg *types.Package, info *types.Info, files []*ast.File) *ruleReader {
	r := &ruleReader{pkg: pkg, info: info, parents: map[ast.Node]ast.Node{}, decls: map[types.Object]*ast.FuncDecl{},
		uses: map[types.Object][]*ast.Ident{}, done: map[ast.Node]bool{}, asking: map[ast.Node]bool{}}
	for _, f := range files {
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return false
			}
			if len(stack) > 0 {
				r.parents[n] = stack[len(stack)-1]
			}
			stack = append(stack, n)
			if d, ok := n.(*ast.FuncDecl); ok {
				r.decls[info.Defs[d.Name]] = d
			}
			return true
		})
	}
	for id, obj := range info.Uses {
		r.uses[obj] = append(r.uses[obj], id)
	}
	return r
}

// funcName names the function declared around n, with its receiver's
// type for a method.
func (r *ruleReader) funcName(n ast.Node) string {
	for p := r.parents[n]; p != nil; p = r.parents[p] {
		if d, ok := p.(*ast.FuncDecl); ok {
			if d.Recv == nil || len(d.Recv.List) == 0 {
				return d.Name.Name
			}
			return types.ExprString(d.Recv.List[0].Type) + "." + d.Name.Name
		}
	}
	return "?"
}

// isStore reports whether t is the store or a pointer to it.
func isStore(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Name() == "Store" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "accred/data"
}

// holdsStore reports whether t is a struct, or a pointer to one, with the
// store in a field.
func holdsStore(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	s, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range s.NumFields() {
		if isStore(s.Field(i).Type()) {
			return true
		}
	}
	return false
}

// storeCall names what call asks of the store, or is empty when it asks
// nothing: a method of the store that may wait, or a function of another
// package handed the store, or a method of another package's value that
// holds it.
func (r *ruleReader) storeCall(call *ast.CallExpr) string {
	var fn *types.Func
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		if sel := r.info.Selections[f]; sel != nil && sel.Kind() == types.MethodVal {
			switch {
			case isStore(sel.Recv()) && !instantStoreMethods[f.Sel.Name]:
				return "store." + f.Sel.Name
			case isStore(sel.Recv()):
				return ""
			case sel.Obj().Pkg() != r.pkg && holdsStore(sel.Recv()):
				return types.TypeString(sel.Recv(), types.RelativeTo(r.pkg)) + "." + f.Sel.Name
			}
		}
		fn, _ = r.info.Uses[f.Sel].(*types.Func)
	case *ast.Ident:
		fn, _ = r.info.Uses[f].(*types.Func)
	}
	if fn == nil || fn.Pkg() == r.pkg {
		return ""
	}
	for _, arg := range call.Args {
		if tv, ok := r.info.Types[arg]; ok && isStore(tv.Type) {
			return fn.FullName() + " given the store"
		}
	}
	return ""
}

// storeMethodValue names the store's method that sel hands over without
// calling it (a method value), or is empty.
func (r *ruleReader) storeMethodValue(sel *ast.SelectorExpr) string {
	if call, ok := r.parents[sel].(*ast.CallExpr); ok && call.Fun == sel {
		return ""
	}
	if s := r.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal && isStore(s.Recv()) && !instantStoreMethods[sel.Sel.Name] {
		return "store." + sel.Sel.Name + " handed over"
	}
	return ""
}

// inJob reports whether n, inside a function, runs in a worker's job (or
// on a goroutine of its own) rather than on the interface's goroutine.
func (r *ruleReader) inJob(n ast.Node) bool {
	for p := r.parents[n]; p != nil; p = r.parents[p] {
		switch p := p.(type) {
		case *ast.GoStmt:
			return true
		case *ast.FuncLit:
			return r.valueInJob(p)
		case *ast.FuncDecl:
			return r.declInJob(p)
		}
	}
	return false
}

// valueInJob reports whether the function value e (a literal, or a
// function named without being called) runs in a worker's job: it is the
// job itself, or handed to a function of this package that runs it in
// one, or called at once where it is written. A function returned (the
// job's outcome, handed back to the interface), kept in a field or a
// composite value, or handed to another package (fyne.Do, a widget's
// callback) runs later, wherever that is.
func (r *ruleReader) valueInJob(e ast.Expr) bool {
	switch p := r.parents[e].(type) {
	case *ast.CallExpr:
		if p.Fun == e {
			return r.inJob(p)
		}
		for i, arg := range p.Args {
			if arg == e && r.runsInJob(p, i) {
				return true
			}
		}
		return false
	case *ast.AssignStmt:
		for _, lhs := range p.Lhs {
			if _, ok := lhs.(*ast.Ident); !ok {
				return false
			}
		}
		return r.inJob(p) // a local function, called where it is defined
	case *ast.ParenExpr:
		return r.valueInJob(p)
	default:
		return false
	}
}

// useInJob reports whether the use of a function's name runs it in a job:
// called in a job, or handed over as a value that runs in one.
func (r *ruleReader) useInJob(id *ast.Ident) bool {
	var e ast.Expr = id
	if sel, ok := r.parents[id].(*ast.SelectorExpr); ok && sel.Sel == id {
		e = sel
	}
	if call, ok := r.parents[e].(*ast.CallExpr); ok && call.Fun == e {
		return r.inJob(call)
	}
	return r.valueInJob(e)
}

// runsInJob reports whether the function call is given as its i-th
// argument runs in a worker's job: the worker's run, or a function of this
// package that only calls that parameter in jobs.
func (r *ruleReader) runsInJob(call *ast.CallExpr, i int) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	var fn types.Object
	if ok {
		fn = r.info.Uses[sel.Sel]
	} else if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		fn = r.info.Uses[id]
	}
	f, ok := fn.(*types.Func)
	if !ok || f.Pkg() != r.pkg {
		return false
	}
	sig := f.Type().(*types.Signature)
	if recv := sig.Recv(); recv != nil && f.Name() == "run" && i == 0 {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := t.(*types.Named); ok && n.Obj().Name() == "worker" {
			return true
		}
	}
	if i >= sig.Params().Len() {
		return false
	}
	param := sig.Params().At(i)
	uses := r.uses[param]
	if len(uses) == 0 {
		return false
	}
	for _, id := range uses {
		if !r.useInJob(id) {
			return false
		}
	}
	return true
}

// declInJob reports whether the declared function runs only in jobs: it
// is named somewhere, and everywhere it is named is in a job.
func (r *ruleReader) declInJob(d *ast.FuncDecl) bool {
	if known, ok := r.done[d]; ok {
		return known
	}
	if r.asking[d] {
		return true // called from itself: its other callers decide
	}
	r.asking[d] = true
	defer delete(r.asking, d)
	uses := r.uses[r.info.Defs[d.Name]]
	in := len(uses) > 0
	for _, id := range uses {
		if !r.useInJob(id) {
			in = false
			break
		}
	}
	r.done[d] = in
	return in
}

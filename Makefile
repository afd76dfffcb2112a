# Accred — make run opens the app on the Hanoi demo; make test runs every test.

BIN        := accred
DEMO_DB    := hanoi-demo.db
GO         ?= go
# Debian packages: Fyne's build needs (cgo, OpenGL, X11, Wayland); the tools
# the end-to-end tests look with (Xvfb, xdotool, setxkbmap, ImageMagick, Poppler, ZBar);
# ALSA plays the door's sounds, and the
# Noto fonts let the interface show names in every script. PostgreSQL: the
# tests start a throwaway server of their own (data/pgtest); the system's
# cluster is never used, running or not. Chromium: the portal's tests drive it
# headless. CUPS and cups-pdf: the printing tests start a print service of
# their own with PDF queues for printers.
APT_BUILD  := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev libwayland-dev wayland-protocols
APT_LOOK   := xvfb xauth xdotool x11-xkb-utils imagemagick poppler-utils zbar-tools alsa-utils fonts-noto-core fonts-noto-cjk
APT_TEST   := postgresql chromium cups printer-driver-cups-pdf
# The Windows package: MinGW cross-compiles it; zip packs it; the tests run
# it under Wine, in a prefix of their own.
APT_WIN    := gcc-mingw-w64-x86-64 zip wine wine64
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test bench soak package windows demo clean

all: build

## deps: install the Debian packages that are missing (nothing when all are there)
deps:
	@missing=$$(for p in $(APT_BUILD) $(APT_LOOK) $(APT_TEST) $(APT_WIN); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

## build: the accred program
build: deps
	$(GO) build -o $(BIN) .

# The demo opens at the hours of the Hanoi programme, so that its doors can be
# rehearsed: 25 October 2025, shortly before the first plenary.
DEMO_NOW   ?= 2025-10-25T13:50:00+07:00

## run: open the desktop app on the built-in Hanoi demo (made on first run)
run: build
	@[ -f $(DEMO_DB) ] || ./$(BIN) --db $(DEMO_DB) demo
	ACCRED_NOW=$(DEMO_NOW) ./$(BIN) --db $(DEMO_DB)

## demo: make the Hanoi demo database again
demo: build
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	./$(BIN) --db $(DEMO_DB) demo

## test: formatting, go vet, then every test in three parts side by side: the app's packages under the race detector; the other suites on SQLite, then the store's and the command line's again on PostgreSQL; the Windows package built and tried under Wine
test: deps
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	@$(MAKE) --no-print-directory -j3 --output-sync=target test-race test-engines test-windows

# The three parts of make test run side by side, each printing its output
# once it ends: the app's tests under the race detector are the longest and
# keep one core busy, while the rest share the other.
.PHONY: test-race test-engines test-windows
test-race:
	$(GO) test -race -count=1 -timeout 60m ./app/...

test-engines:
	$(GO) test -count=1 -timeout 30m -skip '^TestWindows$$' $$($(GO) list ./... | grep -v '/app')
	ACCRED_TEST_ENGINE=postgres $(GO) test -count=1 -timeout 30m ./data/... ./app/cli/...

test-windows:
	$(MAKE) --no-print-directory windows
	ACCRED_WINDOWS_ZIP=$(CURDIR)/$(WIN_ZIP) $(GO) test -count=1 -timeout 30m -run '^TestWindows$$' .

## bench: the benchmarks for the budgets in ARCHITECTURE.md, on SQLite and PostgreSQL
bench: deps
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3s -timeout 30m ./...

# The kill campaign: the real program is killed mid check-in, import and
# print run SOAK_ROUNDS times each; the counts are printed at the end.
SOAK_ROUNDS ?= 100

## soak: kill the program mid-run again and again and check what it leaves
soak: deps
	@ACCRED_SOAK_ROUNDS=$(SOAK_ROUNDS) $(GO) test -count=1 -timeout 60m -run '^(TestKill|TestFourWriters)' -v . > soak.log 2>&1; \
		status=$$?; grep -E '^(soak|--- FAIL|FAIL|ok)' soak.log; exit $$status

## package: a desktop package with icon and metadata (FyneApp.toml)
package: deps
	$(GO) run fyne.io/tools/cmd/fyne@v1.7.4 package --target linux --release

# The Windows package is built from a copy of the sources in build/windows,
# so that fyne's resource file and metadata never meet the tests running
# in this folder meanwhile; -trimpath (fyne's --release) keeps the Go build
# cache valid across folders, so only the first build is long (about 6½
# minutes on 2 cores). Accred.exe opens the app and has no console;
# accred-cli.exe is the same program marked as a console program (one byte
# of its header), so that cmd and PowerShell wait for each command and see
# its output and exit status.
WIN_ZIP    := dist/Accred-windows-amd64.zip
WIN_STAGE  := build/windows
FYNE       := $(CURDIR)/build/bin/fyne

## windows: the Windows package, dist/Accred-windows-amd64.zip: Accred.exe (the app, with icon and metadata) and accred-cli.exe (the commands, in a console)
windows: deps
	@mkdir -p build/bin dist
	GOBIN=$(CURDIR)/build/bin $(GO) install fyne.io/tools/cmd/fyne@v1.7.4
	rm -rf $(WIN_STAGE) && mkdir -p $(WIN_STAGE)/src $(WIN_STAGE)/Accred
	git ls-files -z --cached --others --exclude-standard | \
		xargs -0 sh -c 'for f; do [ -f "$$f" ] && printf "%s\0" "$$f"; done' sh | \
		xargs -0 cp --parents -t $(WIN_STAGE)/src
	cd $(WIN_STAGE)/src && CC=x86_64-w64-mingw32-gcc GOARCH=amd64 $(FYNE) package --os windows --release
	cp $(WIN_STAGE)/src/Accred.exe $(WIN_STAGE)/Accred/Accred.exe
	cp $(WIN_STAGE)/src/Accred.exe $(WIN_STAGE)/Accred/accred-cli.exe
	@pe=$$(od -An -tu4 -j60 -N4 $(WIN_STAGE)/Accred/accred-cli.exe | tr -d ' '); \
	sub=$$(od -An -tu2 -j$$((pe + 92)) -N2 $(WIN_STAGE)/Accred/accred-cli.exe | tr -d ' '); \
	[ "$$sub" = 2 ] || { echo "Accred.exe is not a windows program (subsystem $$sub)"; exit 1; }; \
	printf '\003' | dd of=$(WIN_STAGE)/Accred/accred-cli.exe bs=1 seek=$$((pe + 92)) conv=notrunc status=none
	rm -f $(WIN_ZIP)
	cd $(WIN_STAGE) && zip -q -X -D -r $(CURDIR)/$(WIN_ZIP) Accred
	rm -rf $(WIN_STAGE)
	@ls -l $(WIN_ZIP)

clean:
	rm -rf $(BIN) *.tar.xz build dist

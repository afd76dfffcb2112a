# Accred — make run opens the app on the Hanoi demo; make test runs every test.

BIN        := accred
DEMO_DB    := hanoi-demo.db
GO         ?= go
# Debian packages: Fyne's build needs (cgo, OpenGL, X11, Wayland); the tools
# the end-to-end tests look with (Xvfb, xdotool, setxkbmap, ImageMagick, Poppler, ZBar);
# Poppler also draws the badge preview, ALSA plays the door's sounds, and the
# Noto fonts let the interface show names in every script. PostgreSQL: the
# tests start a throwaway server of their own (data/pgtest); the system's
# cluster is never used, running or not. Chromium: the portal's tests drive it
# headless. CUPS and cups-pdf: the printing tests start a print service of
# their own with PDF queues for printers.
APT_BUILD  := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev libwayland-dev wayland-protocols
APT_LOOK   := xvfb xauth xdotool x11-xkb-utils imagemagick poppler-utils zbar-tools alsa-utils fonts-noto-core fonts-noto-cjk
APT_TEST   := postgresql chromium cups printer-driver-cups-pdf
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test bench soak package demo clean

all: build

## deps: install the Debian packages that are missing (nothing when all are there)
deps:
	@missing=$$(for p in $(APT_BUILD) $(APT_LOOK) $(APT_TEST); do \
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

## test: formatting, go vet, every test (unit, headless UI, end to end), then the store's and the command line's again on PostgreSQL
test: deps
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	ACCRED_TEST_ENGINE=postgres $(GO) test -count=1 ./data/... ./app/cli/...

## bench: the benchmarks for the budgets in DESIGN.md, on SQLite and PostgreSQL
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

clean:
	rm -f $(BIN) *.tar.xz

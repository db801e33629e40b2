# pencil — build, test and benchmark targets.
GO ?= go
FUZZTIME ?= 1m

.PHONY: all build test vet fmt-check fuzz bench bench-compare clean

all: build test

build:
	$(GO) build ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# test runs everything CI runs: formatting, vet, and the whole suite with
# the race detector (which also runs every fuzz target's seed corpus).
test: fmt-check vet
	$(GO) test -race -count=1 -timeout 15m ./...

# fuzz runs each fuzz target for FUZZTIME (default 1m).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# bench-compare runs pencil beside the peer solvers (shared/peers, see its
# install.sh) on a sample of J30 at 1 s, iMOPSE Small and a linear feature
# at 5 s, writing benchmarks/results/<date>-compare-<family>.md.
SHARED ?= ../shared
bench-compare:
	$(GO) build -o bin/pencil ./cmd/pencil
	bin/pencil bench compare --family psplib-j30 --instances $(SHARED)/benchmarks/psplib/j30 --every 48 --time-limit 1s --peers-dir $(SHARED)/peers
	bin/pencil bench compare --family imopse --instances $(SHARED)/benchmarks/imopse/Small --time-limit 5s --peers chuffed --peers-dir $(SHARED)/peers
	mkdir -p bin/generated && bin/pencil generate --kind feature --linear --seed 1 --out bin/generated/feature-linear-1.yaml
	bin/pencil bench compare --family generated --instances bin/generated --time-limit 5s --peers chuffed --peers-dir $(SHARED)/peers

clean:
	rm -rf bin

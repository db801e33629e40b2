# pencil — build, test and benchmark targets.
GO ?= go
FUZZTIME ?= 1m

.PHONY: all build test vet fmt-check fuzz bench clean

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

clean:
	rm -rf bin

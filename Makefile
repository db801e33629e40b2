# pencil — build, test and benchmark targets.
GO ?= go
FUZZTIME ?= 1m

.PHONY: all build test test-long vet fmt-check fuzz bench bench-compare clean

all: build test

# build compiles every package and writes the pencil binary to bin/pencil.
build:
	$(GO) build ./...
	$(GO) build -o bin/pencil ./cmd/pencil

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# test runs everything CI runs: formatting, vet, and the whole suite with
# the race detector (which also runs every fuzz target's seed corpus).
test: fmt-check vet
	$(GO) test -race -count=1 -timeout 15m ./...

# test-long runs every package with property tests again with
# RAPID_CHECKS (default 1000) random cases per property instead of the
# suite's quick defaults: the search for a counter-example `make test`
# is too short to make.
RAPID_CHECKS ?= 1000
test-long:
	@for d in $$(grep -rl --include='*_test.go' 'pgregory.net/rapid' . | xargs -n1 dirname | sort -u); do \
	  echo "== $$d"; $(GO) test -race -count=1 -timeout 60m $$d -rapid.checks=$(RAPID_CHECKS) || exit 1; \
	done

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
# install.sh), one solver at a time at equal time limits, and writes one
# table per sample into bin/compare/: PSPLIB J30 every 10th instance at 1 s
# (Chuffed and HiGHS), J120 every 60th at 10 s, three or four instances of
# every iMOPSE family at 5 s, and linear generated productions (three
# features, three 1-episode series, a 10-episode series, a 3-production
# facility) at 5 s (Chuffed). benchmarks/results/2026-11-23-compare.md
# gathers these tables. 48 minutes on two cores at load 4-26.
SHARED ?= ../shared
COMPARE_OUT ?= bin/compare
IMOPSE_SAMPLES ?= Small:1 Dense:2 NoConstr:2 d36:8 GenRegular:30 GenBig:18
bench-compare:
	$(GO) build -o bin/pencil ./cmd/pencil
	bin/pencil bench compare --family psplib-j30 --label psplib-j30 --instances $(SHARED)/benchmarks/psplib/j30 --every 10 --time-limit 1s --peers chuffed,highs-lp --peers-dir $(SHARED)/peers --out $(COMPARE_OUT)
	bin/pencil bench compare --family psplib-j120 --label psplib-j120 --instances $(SHARED)/benchmarks/psplib/j120 --every 60 --time-limit 10s --peers chuffed --peers-dir $(SHARED)/peers --out $(COMPARE_OUT)
	for s in $(IMOPSE_SAMPLES); do \
	  fam=$${s%%:*}; every=$${s##*:}; \
	  bin/pencil bench compare --family imopse --label imopse-$$fam --instances $(SHARED)/benchmarks/imopse/$$fam --every $$every --time-limit 5s --peers chuffed --peers-dir $(SHARED)/peers --out $(COMPARE_OUT) || exit 1; \
	done
	rm -rf bin/generated && mkdir -p bin/generated/feature bin/generated/series-1 bin/generated/series-10 bin/generated/facility-3
	for seed in 1 2 3; do \
	  bin/pencil generate --kind feature --linear --seed $$seed --out bin/generated/feature/feature-linear-$$seed.yaml && \
	  bin/pencil generate --kind series --episodes 1 --linear --seed $$seed --out bin/generated/series-1/series-1ep-linear-$$seed.yaml || exit 1; \
	done
	bin/pencil generate --kind series --episodes 10 --linear --seed 1 --out bin/generated/series-10/series-10ep-linear-1.yaml
	bin/pencil generate --kind facility --productions 3 --linear --seed 1 --out bin/generated/facility-3/facility-3-linear-1.yaml
	for fam in feature series-1 series-10 facility-3; do \
	  bin/pencil bench compare --family generated --label generated-$$fam --instances bin/generated/$$fam --time-limit 5s --peers chuffed --peers-dir $(SHARED)/peers --out $(COMPARE_OUT) || exit 1; \
	done

clean:
	rm -rf bin

#!/usr/bin/env bash
# run.sh runs every native Go fuzz target in the module for FUZZTIME each,
# one worker per target (so it can share a machine), and writes a Markdown
# table of executions, new interesting inputs and the verdict per target.
#
#   FUZZTIME=10m OUT=benchmarks/results/$(date +%F)-fuzz.md benchmarks/fuzzcampaign/run.sh [pkg:Target ...]
#
# With no arguments it runs every target `go test -list` finds. A crasher
# makes the target FAIL in the table; Go writes the input under the
# package's testdata/fuzz/<Target>/, which is checked in as a regression
# test once the bug is fixed.
set -u
FUZZTIME=${FUZZTIME:-1m}
OUT=${OUT:-/dev/stdout}
GO=${GO:-go}
LOGDIR=${LOGDIR:-$(mktemp -d)}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for pkg in $($GO list ./...); do
    for f in $($GO test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz'); do
      targets+=("$pkg:$f")
    done
  done
fi

rows=()
failed=0
for t in "${targets[@]}"; do
  pkg=${t%%:*}
  name=${t##*:}
  log="$LOGDIR/$(echo "$pkg.$name" | tr '/' '_').log"
  start=$(date +%s)
  if $GO test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" -parallel 1 "$pkg" >"$log" 2>&1; then
    verdict=ok
  else
    verdict=FAIL
    failed=$((failed + 1))
  fi
  secs=$(( $(date +%s) - start ))
  # Go prints "fuzz: elapsed: 10m0s, execs: 123456 (205/sec), new interesting: 7 (total: 40)".
  last=$(grep -E 'fuzz: elapsed: .*execs:' "$log" | tail -1)
  execs=$(echo "$last" | sed -nE 's/.*execs: ([0-9]+) \(([0-9]+)\/sec\).*/\1/p')
  # Go's per-line rate covers only the last interval, so divide by elapsed.
  elapsed=$(echo "$last" | sed -nE 's/.*elapsed: ([0-9hms]+),.*/\1/p' |
    awk '{ s = 0; n = $0; if (match(n, /[0-9]+h/)) s += 3600 * substr(n, RSTART, RLENGTH - 1);
           if (match(n, /[0-9]+m/)) s += 60 * substr(n, RSTART, RLENGTH - 1);
           if (match(n, /[0-9]+s/)) s += substr(n, RSTART, RLENGTH - 1); print s }')
  rate=$(awk -v e="${execs:-0}" -v t="${elapsed:-0}" 'BEGIN { if (t > 0) printf "%d", e / t; else print "?" }')
  interesting=$(echo "$last" | sed -nE 's/.*new interesting: ([0-9]+) \(total: ([0-9]+)\).*/\1 (corpus \2)/p')
  row="| ${pkg#github.com/pencil-post/pencil/} | $name | $FUZZTIME | ${secs}s | ${execs:-?} | ${rate:-?} | ${interesting:-?} | $verdict |"
  rows+=("$row")
  echo "$row" >&2
done

{
  echo "# Fuzz campaign, $(date -u +%F)"
  echo
  echo "One worker per target (\`-parallel 1\`), $(nproc) cores, go $($GO env GOVERSION)."
  echo "Command: \`FUZZTIME=$FUZZTIME benchmarks/fuzzcampaign/run.sh\`. Logs: $LOGDIR."
  echo
  echo "| package | target | fuzztime | wall | executions | exec/s | new interesting | verdict |"
  echo "|---|---|---|---|---:|---:|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Targets failed: $failed of ${#targets[@]}."
} >"$OUT"
[ "$failed" -eq 0 ]

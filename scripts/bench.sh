#!/usr/bin/env bash
# The large-archive targets of issue 7, each measured side by side with its reference in one
# run, printed as medians and ratios.
#
#   scripts/bench.sh [STORE]     (default: /tmp/ribao-bench/store, 10,000 files)
#
# Builds the archive with ../shared/tools/make-store.py when it is missing, installs
# hyperfine, ripgrep and tmux when they are missing (Debian/Ubuntu, as root), builds ribao in
# release mode, and uses its own cache and state folders (nothing of the user's is touched).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
work=${RIBAO_BENCH_DIR:-/tmp/ribao-bench}
store=${1:-$work/store}
cache=$work/cache
runs=${RUNS:-10}
mkdir -p "$work"

need() {
    command -v "$1" >/dev/null 2>&1 && return
    echo "installing $2" >&2
    apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
}
need hyperfine hyperfine
need rg ripgrep
need tmux tmux
need python3 python3

if [ ! -d "$store" ]; then
    python3 "$here/../shared/tools/make-store.py" "$store" 10000
fi
(cd "$here" && cargo build --release --quiet && cargo build --release --quiet --example parse_floor \
    && cargo build --release --quiet --example index_phases)
ribao="$here/target/release/ribao"
export RIBAO_STATE=$work/state.json
# Every reader run starts from no saved position (a saved scope or category changes what the
# first screen shows): no state file, nor its backup, which a state file not there gives way
# to (with a notice over the first screen).
fresh="rm -f $work/state.json $work/state.json.bak"
files=$(find "$store" -type f | wc -l)
bytes=$(du -sb "$store" | cut -f1)
echo "archive: $store — $files files, $((bytes / 1000000)) MB; $(nproc) cores"
echo

# Median wall time (seconds) of a hyperfine run, read from its JSON export.
median() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$1"; }
row() { printf '%-46s %10.1f ms %10.1f ms %7.2f×  (target %s)\n' "$1" "$(echo "$2*1000" | bc -l)" "$(echo "$3*1000" | bc -l)" "$(echo "$2/$3" | bc -l)" "$4"; }
need bc bc

printf '%-46s %13s %13s %8s\n' "measure" "ribao" "reference" "ratio"

# 6. `list --json`, first run (no index) and with the index, against cat of every file.
hyperfine -N -w 2 -r "$runs" --export-json "$work/cat.json" \
    "bash -c 'find $store -type f -print0 | xargs -0 cat > /dev/null'" >/dev/null
hyperfine -r 5 --prepare "rm -rf $cache" --export-json "$work/list-cold.json" \
    "$ribao --store $store --cache-dir $cache list --json > /dev/null" >/dev/null
"$ribao" --store "$store" --cache-dir "$cache" list >/dev/null
hyperfine -N -w 2 -r "$runs" --export-json "$work/list-warm.json" \
    "$ribao --store $store --cache-dir $cache list --json" >/dev/null
# Not a target: a CommonMark parser run over every file on every core, nothing kept
# (examples/parse_floor.rs), for scale. No floor for ribao, whose index parses with its own
# line parser.
hyperfine -N -w 1 -r "$runs" --export-json "$work/floor.json" \
    "$here/target/release/examples/parse_floor $store" >/dev/null
cat_s=$(median "$work/cat.json")
row "list --json, first run (no index) vs cat" "$(median "$work/list-cold.json")" "$cat_s" "≤ 2×"
row "  pulldown-cmark over every file, vs cat" "$(median "$work/floor.json")" "$cat_s" "none: a CommonMark parse, for scale; ribao parses with its own"
row "list --json, index warm vs cat" "$(median "$work/list-warm.json")" "$cat_s" "much less"
# Where a first index's time goes (examples/index_phases.rs), on one core.
echo "  first index, phase by phase on one core:"
"$here/target/release/examples/index_phases" "$store" | sed -n '2,$p'

# 3. Search against ripgrep.
hyperfine -N -w 2 -r "$runs" --export-json "$work/search.json" \
    "$ribao search 英伟达 --store $store --cache-dir $cache --json" >/dev/null
hyperfine -N -w 2 -r "$runs" -i --export-json "$work/rg.json" "rg -c 英伟达 $store" >/dev/null
row "search 英伟达 --json vs rg -c 英伟达" "$(median "$work/search.json")" "$(median "$work/rg.json")" "≤ 1.0×"

# 1, 2. Time to the first screen in a real terminal (tmux), against a program that prints
# one line at once (the terminal's own start-up and the polling).
first_frame() { python3 "$here/scripts/first_frame.py" "$@"; }
base=$(first_frame --runs "$runs" -- sh -c 'echo 周; sleep 5')
warm=$(first_frame --runs "$runs" --before "$fresh" --env "RIBAO_CACHE_DIR=$cache" -- "$ribao" --store "$store")
# New files since the index: a copy of 30 digests under a new name, removed each run.
added=$(first_frame --runs "$runs" --env "RIBAO_CACHE_DIR=$cache" \
    --before "$fresh; mkdir -p $store/zz-new && for f in \$(find $store -name '*.md' | head -30); do cp \$f $store/zz-new/\$(basename \$f .md)-new.md; done" \
    --after "rm -rf $store/zz-new" -- "$ribao" --store "$store")
cold=$(first_frame --runs 5 --env "RIBAO_CACHE_DIR=$work/cold-cache" --before "$fresh; rm -rf $work/cold-cache" \
    -- "$ribao" --store "$store")
row "first screen, index warm" "$warm" "$base" "≤ 50 ms"
row "first screen, 30 new files since the index" "$added" "$base" "≤ 150 ms"
row "first screen, no index at all" "$cold" "$base" "≤ 150 ms"
# Not a target: how soon, on that first run, the newest date shows its stories.
cold_stories=$(first_frame --runs 5 --until-gone "being indexed" --env "RIBAO_CACHE_DIR=$work/cold-cache" \
    --before "$fresh; rm -rf $work/cold-cache" -- "$ribao" --store "$store")
row "  …and the newest date's stories on screen" "$cold_stories" "$base" "as soon as may be"
echo "(reference: the same terminal showing one line printed at once; ribao's own time is the"
echo " difference)"

# 5. Peak memory while browsing: start, whole-archive scope, a category, a search, quit.
# The peak `/usr/bin/time` wrote to FILE, in kB; a session that did not end wrote none, which
# is said, not printed as 0 MB.
peak() {
    local kb
    kb=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' "$1")
    [ -n "$kb" ] || { echo "no peak RSS measured: the scripted session did not end ribao ($1)" >&2; exit 1; }
    echo "$kb"
}
python3 "$here/scripts/first_frame.py" --runs 1 --session --before "$fresh" \
    --env "RIBAO_CACHE_DIR=$cache" -- /usr/bin/time -v -o "$work/rss.txt" "$ribao" --store "$store" >/dev/null
rss=$(peak "$work/rss.txt")
printf '%-46s %10s MB  (archive %d MB; target ≤ 150 MB)\n' "peak RSS while browsing" "$((rss / 1024))" "$((bytes / 1000000))"
# The same browsing after the whole archive is marked read: a quarter of a million read marks
# held, and saved with each mark after.
python3 "$here/scripts/first_frame.py" --runs 1 --session --mark-all-read --before "$fresh" \
    --env "RIBAO_CACHE_DIR=$cache" -- /usr/bin/time -v -o "$work/rss-read.txt" "$ribao" --store "$store" >/dev/null
rss=$(peak "$work/rss-read.txt")
printf '%-46s %10s MB  (target ≤ 150 MB)\n' "  …marking the whole archive read (A A)" "$((rss / 1024))"
# The same browsing on a first run, once the whole archive was indexed (seen under way, then
# over): what indexing held counts too.
python3 "$here/scripts/first_frame.py" --runs 1 --session --seen-then-gone "indexing " \
    --before "$fresh; rm -rf $work/cold-cache" --env "RIBAO_CACHE_DIR=$work/cold-cache" \
    -- /usr/bin/time -v -o "$work/rss-cold.txt" "$ribao" --store "$store" >/dev/null
rss=$(peak "$work/rss-cold.txt")
printf '%-46s %10s MB  (target ≤ 150 MB)\n' "  …on a first run, indexing the archive" "$((rss / 1024))"
# What a reader open all day holds once that first run's indexing is done, idle.
idle_tmux() { tmux -L ribao-bench-idle "$@"; }
idle_tmux kill-server 2>/dev/null || true
eval "$fresh"
rm -rf "$work/idle-cache"
idle_tmux new-session -d -x 120 -y 40 \
    "RIBAO_CACHE_DIR=$work/idle-cache RIBAO_STATE=$RIBAO_STATE $ribao --store $store"
# Indexing seen under way, then over.
seen=
for _ in $(seq 600); do
    sleep 0.1
    shown=$(idle_tmux capture-pane -p)
    case $shown in
        *"indexing "*) seen=1 ;;
        *周*) [ -n "$seen" ] && break ;;
    esac
done
sleep 1
idle=$(awk '/VmRSS/ {print $2}' "/proc/$(idle_tmux display -p '#{pane_pid}')/status")
idle_tmux kill-server
printf '%-46s %10s MB\n' "  …held once that indexing is done, idle" "$((idle / 1024))"

# 3 (reader), 4. Per-keystroke work: criterion, on the same archive.
echo
echo "cargo bench --bench archive (search per keystroke ≤ 50 ms; redraw ≤ 16 ms):"
(cd "$here" && RIBAO_BENCH_STORE=$store RIBAO_BENCH_CACHE=$cache \
    cargo bench --quiet --bench archive -- --warm-up-time 1 --measurement-time 3 >/dev/null 2>&1)
python3 - "$here/target/criterion/archive" <<'PY'
import json, pathlib, sys
for d in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    est = d / "new" / "estimates.json"
    bench = d / "new" / "benchmark.json"
    if est.is_file():
        name = json.load(open(bench))["function_id"] if bench.is_file() else d.name
        print(f"  {name:<50} {json.load(open(est))['median']['point_estimate'] / 1e6:8.2f} ms")
PY

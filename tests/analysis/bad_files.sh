#!/usr/bin/env bash
# bad_files.sh QA DIR: qa analyze over a tree of bad files beside a good one. Each bad file is
# reported with its path and reason (or analysed, when it is only strange, and its parse problems
# listed with their lines when Python would refuse it), the good one is
# analysed, nothing crashes or hangs, and the exit status says issues were found (1).
set -uo pipefail
qa=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "bad_files: $*" >&2; exit 1; }
printf 'def test_ok():\n    pass\n' >"$dir/test_good.py"                    # empty-test
head -c 4096 /dev/urandom >"$dir/test_binary.py"                              # binary
printf 'def test_x():\n    assert "caf\xe9" == 1\n' >"$dir/test_latin1.py"    # not UTF-8
truncate -s 100M "$dir/test_huge.py"                                          # 100 MB
python3 -c 'print("def test_deep():\n    x = " + "(" * 100000 + ")" * 100000)' >"$dir/test_deep.py"
mkdir -p "$dir/test_dir.py"                                                  # a directory
printf 'def test_cut():\n    x = f(\n    assert x\n' >"$dir/test_cut.py"      # never closed
# An unreadable file. Root reads any file whatever its mode; without those two capabilities it
# is refused like anyone (dropping them needs CAP_SETPCAP, which root normally has).
as_anyone=()
locked=yes
if [ "$(id -u)" -eq 0 ]; then
  as_anyone=(setpriv --bounding-set=-dac_override,-dac_read_search)
  if ! "${as_anyone[@]}" true 2>/dev/null; then
    echo "bad_files: cannot drop root's file capabilities here; no unreadable file" >&2
    as_anyone=() locked=no
  fi
fi
if [ "$locked" = yes ]; then
  printf 'def test_locked():\n    pass\n' >"$dir/test_locked.py"
  chmod 000 "$dir/test_locked.py"                                             # unreadable
fi
timeout 60 "${as_anyone[@]}" "$qa" analyze --strategy rule-only --json --no-timings "$dir" >"$dir.json" 2>"$dir.err"
status=$?
[ "$status" -eq 1 ] || fail "exit status $status, expected 1 (issues found); stderr: $(cat "$dir.err")"
python3 - "$dir.json" "$dir" "$locked" <<'PY' || exit 1
import json, sys
doc = json.load(open(sys.argv[1]))
root = sys.argv[2]
unreadable = {u["path"].replace(root + "/", ""): u for u in doc["unreadable_files"]}
issues = {(i["file"].replace(root + "/", ""), i["rule"]) for i in doc["issues"]}
assert ("test_good.py", "empty-test") in issues, issues
assert ("test_deep.py", "no-assertion") in issues, issues  # 100,000 brackets deep: parsed
assert "test_huge.py" in unreadable and "too_large" in json.dumps(unreadable["test_huge.py"]), unreadable
assert "not_utf8" in unreadable["test_latin1.py"]["reason"], unreadable
# Random bytes are not UTF-8 either: refused with their reason, never a crash.
assert "test_binary.py" in unreadable, unreadable
if sys.argv[3] == "yes":
    assert "permission_denied" in json.dumps(unreadable.get("test_locked.py")), unreadable
for name, entry in unreadable.items():
    assert entry["reason"], entry
# Read but not valid Python: analysed as far as it parses, and each said so, with its line.
problems = {(p["file"].replace(root + "/", ""), p["line"], p["problem"]) for p in doc["parse_problems"]}
assert ("test_cut.py", 2, "unclosed_bracket") in problems, problems
assert ("test_deep.py", 2, "too_deep") in problems, problems
assert not any(p[0] == "test_good.py" for p in problems), problems
print("reported:", ", ".join(sorted(unreadable)), "| analysed:", doc["files_analysed"],
      "| with parse problems:", ", ".join(sorted({p[0] for p in problems})))
PY

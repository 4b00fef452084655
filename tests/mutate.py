#!/usr/bin/env python3
"""make mutate: how many deliberate bugs the behavioural tests catch.

Takes a fixed-seed random sample of operator mutants in src/core and
src/tui (comparisons, logic operators, + and -, the constants 0 and 1,
dropped statements), builds each one and runs the behavioural tests
(everything `make check` runs except the golden cases, Check tag golden:
the screens and test_cli's event stream, which catch any change to a
drawn screen or to the simulation by construction). A mutant is caught
when a test fails or times out, and fails or times out again when run a
second time on its own (a test that failed only under load is not a
catch: the mutant is a survivor, marked so, with what that test printed
when it failed); one that does not build is not counted.
Prints caught / compiled, the survivors with file:line, and the time.

Everything happens out of tree: the distributed sources are copied into
a scratch folder (make distdir; on the memory file system /dev/shm when
it is writable with 1 GiB free, and the tests' TMPDIR inside it, so the savers' fsync
costs nothing), configured once, built once; each mutant then rewrites
one file of that copy (the mutants in the sample's random order, so a
run stopped early still gives a fair share), make rebuilds that object
and relinks, and the tests run two at a time, stopping at the first failure: first those that
already caught a mutant of the same file, then the rest fastest first.
A test program whose bytes did not change with the mutant cannot see it
and is not run; a mutant that changes no program at all (the compiler
made the same code) is reported as a survivor marked "same code", an
equivalent mutant.
The checkout is never written to.

Environment (or the options below): MUTANTS (default 100),
MUTATION_SEED (default 1), MUTATION_TIMEOUT (seconds a test may take
beyond five times its clean run; default 30), MUTATION_JOBS (tests run at
once for a mutant; default 2), MUTATION_CFLAGS (default -O1),
MUTATION_KEEP=1 keeps the scratch folder, MUTATION_FILES (a
space-separated list of source files to restrict the sample to; these
may be in any folder of src/, such as src/cli, which the whole sample
leaves out),
MUTATION_TMP (the folder for the scratch copy; default /dev/shm when
writable with 1 GiB free, else the system's temporary folder),
MUTATION_ONLY (a list of sample numbers such as '4 38-40': run only
those members of the sample, numbered as in a whole run's log, e.g. to
check the survivors again after writing tests; the sample is the same
only while the mutated source files are), MUTATION_SANITIZE=1 (the
sanitize mode below).
Runs at the lowest CPU priority (nice 19).

Sanitize mode (MUTATION_SANITIZE=1): the scratch copy is configured with
--enable-sanitizers (ASan and UBSan, -fno-sanitize-recover=undefined),
and the tests run with ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:
detect_leaks=1 and UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1, so a
report ends the process with SIGABRT and fails the test that ran it.
It catches the memory-error mutants the plain build lets through: a read
or write one past an array that lands in the allocator's slack or the
stack frame, a leak (LeakSanitizer, when it works on this machine: a
probe run says so at the start and turns it off when it does not), and
an uninitialised heap read that now sees ASan's fill byte 0xbe instead
of the zeroes of fresh memory (ASan does not report such a read itself).
The clean run is timed in the same build, so the timeouts scale with the
sanitizers' cost; each mutant costs about twice its plain time.
"""
import argparse
import hashlib
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

MUTATED_DIRS = ("src/core", "src/tui")
GOLDEN_TAG = "golden"
# tests of the test suite itself, not of the product: never run on a mutant
NOT_BEHAVIOURAL = {"tests/mutants_list.sh"}
EQUIVALENT_LIST = "tests/mutants-equivalent.txt"

# ---- a small C tokenizer: enough to find operators outside comments,
# strings, character constants and preprocessor lines ----

TOKEN_RE = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*")
  | (?P<char>'(?:\\.|[^'\\\n])+')
  | (?P<number>(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?[uUlLfF]*|0[xX][0-9a-fA-F]+[uUlL]*)
  | (?P<ident>[A-Za-z_]\w*)
  | (?P<op>->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||\+=|-=|\*=|/=|%=|&=|\|=|\^=|\.\.\.|[-+*/%<>=!&|^~?:;,.(){}\[\]#])
""", re.S | re.X)

DECL_WORDS = {
    "int", "char", "double", "float", "long", "short", "unsigned", "signed",
    "void", "bool", "const", "static", "struct", "enum", "union", "extern",
    "volatile", "register", "typedef", "inline", "size_t", "ssize_t",
    "int64_t", "uint64_t", "int32_t", "uint32_t", "uint8_t", "int8_t",
    "uint16_t", "int16_t", "FILE", "cJSON", "va_list", "time_t", "off_t",
    "mode_t", "pid_t", "wchar_t", "cchar_t", "WINDOW", "chtype", "attr_t",
    "XXH64_hash_t", "DIR",
}
NOT_STATEMENT_START = DECL_WORDS | {
    "return", "break", "continue", "goto", "case", "default", "if", "else",
    "for", "while", "do", "switch", "sizeof",
}


class Token:
    __slots__ = ("kind", "text", "start", "end", "line")

    def __init__(self, kind, text, start, end, line):
        self.kind, self.text, self.start, self.end, self.line = kind, text, start, end, line


def strip_preprocessor(text):
    """Blank out preprocessor lines (with continuations), keeping offsets."""
    out = []
    in_pp = False
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        if in_pp or body.lstrip().startswith("#"):
            in_pp = body.endswith("\\")
            out.append(re.sub(r"[^\n]", " ", line))
        else:
            out.append(line)
    return "".join(out)


def tokenize(text):
    clean = strip_preprocessor(text)
    tokens = []
    pos, line = 0, 1
    while pos < len(clean):
        m = TOKEN_RE.match(clean, pos)
        if not m:
            pos += 1
            continue
        kind = m.lastgroup
        s = m.group(kind)
        if kind not in ("ws", "comment"):
            tokens.append(Token(kind, s, m.start(), m.end(), line))
        line += s.count("\n")
        pos = m.end()
    return tokens


# ---- mutation sites ----

REL_BOUNDARY = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}
REL_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
LOGIC = {"&&": "||", "||": "&&"}
ARITH = {"+": "-", "-": "+", "+=": "-=", "-=": "+=", "++": "--", "--": "++"}


def is_operand_end(tok):
    if tok is None or tok.text in NOT_STATEMENT_START:
        return False
    return tok.kind in ("ident", "number", "string", "char") or tok.text in (")", "]")


def const_value(text):
    t = text.rstrip("uUlLfF")
    try:
        if t.lower().startswith("0x"):
            return None
        v = float(t)
    except ValueError:
        return None
    return v if v in (0.0, 1.0) else None


def statement_sites(tokens):
    """Expression statements (assignments, calls, increments) that can be
    dropped: (first token index, index of the closing ';')."""
    sites = []
    depth_brace = depth_paren = 0
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        if t.text == "{":
            depth_brace += 1
        elif t.text == "}":
            depth_brace -= 1
        elif t.text == "(":
            depth_paren += 1
        elif t.text == ")":
            depth_paren -= 1
        prev = tokens[i - 1].text if i > 0 else ";"
        starts = (depth_brace > 0 and depth_paren == 0 and prev in (";", "{", "}", ")", "else") and
                  t.text not in ("{", "}", ";", "(", ")"))
        if starts and prev == ")":
            # only after the condition of if/while/for, not a cast or a call
            starts = opens_control(tokens, i - 1)
        if starts and t.text not in NOT_STATEMENT_START and not looks_like_declaration(tokens, i):
            j, depth = i, 0
            while j < n:
                x = tokens[j].text
                if x in ("(", "["):
                    depth += 1
                elif x in (")", "]"):
                    depth -= 1
                elif x in ("{", "}") and depth == 0:
                    break
                elif x == ";" and depth == 0:
                    break
                j += 1
            if j < n and tokens[j].text == ";" and j > i:
                body = [tk.text for tk in tokens[i:j]]
                calls = any(tokens[k].text == "(" and tokens[k - 1].kind == "ident" and
                            tokens[k - 1].text != "sizeof" for k in range(i + 1, j))
                has_effect = (calls or "++" in body or "--" in body or
                              any(x in ("=", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=") for x in body))
                if has_effect and ":" not in body[:2]:
                    sites.append((i, j))
        i += 1
    return sites


def opens_control(tokens, close_idx):
    """Whether the ')' at close_idx closes if/while/for/switch (...)."""
    depth = 0
    k = close_idx
    while k >= 0:
        x = tokens[k].text
        if x == ")":
            depth += 1
        elif x == "(":
            depth -= 1
            if depth == 0:
                return k > 0 and tokens[k - 1].text in ("if", "while", "for")
        k -= 1
    return False


def looks_like_declaration(tokens, i):
    t0 = tokens[i]
    t1 = tokens[i + 1] if i + 1 < len(tokens) else None
    t2 = tokens[i + 2] if i + 2 < len(tokens) else None
    if t0.text in DECL_WORDS:
        return True
    if t0.kind == "ident" and t1 is not None and t1.kind == "ident":
        return True
    if t0.kind == "ident" and t1 is not None and t1.text == "*" and t2 is not None and t2.kind == "ident":
        t3 = tokens[i + 3] if i + 3 < len(tokens) else None
        return t3 is not None and t3.text in ("=", ";", ",", "[")
    return False


def mutation_sites(path, rel):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    tokens = tokenize(text)
    sites = []

    def add(op, tok, repl):
        sites.append({"file": rel, "line": tok.line, "start": tok.start, "end": tok.end,
                      "op": op, "orig": tok.text, "repl": repl})

    for k, tok in enumerate(tokens):
        prev = tokens[k - 1] if k > 0 else None
        if tok.kind == "op":
            if tok.text in REL_BOUNDARY:
                add("boundary", tok, REL_BOUNDARY[tok.text])
            if tok.text in REL_NEGATE:
                add("negate", tok, REL_NEGATE[tok.text])
            if tok.text in LOGIC:
                add("logic", tok, LOGIC[tok.text])
            if tok.text in ("+", "-") and is_operand_end(prev):
                add("arith", tok, ARITH[tok.text])
            elif tok.text in ("+=", "-=", "++", "--"):
                add("arith", tok, ARITH[tok.text])
        elif tok.kind == "number":
            v = const_value(tok.text)
            if v is not None and not (prev is not None and prev.text in ("[",) and
                                      k + 1 < len(tokens) and tokens[k + 1].text == "]"):
                if any(ch in tok.text for ch in ".eE"):
                    repl = "1.0" if v == 0.0 else "0.0"
                else:
                    repl = ("1" if v == 0.0 else "0") + tok.text.lstrip("0123456789")
                add("const", tok, repl)
    for i, j in statement_sites(tokens):
        first, semi = tokens[i], tokens[j]
        sites.append({"file": rel, "line": first.line, "start": first.start, "end": semi.end,
                      "op": "drop", "orig": text[first.start:semi.end], "repl": ";"})
    return text, sites


def all_sites(srcdir, only, named=()):
    """The mutation sites of the files in MUTATED_DIRS (only: of those
    named in it). A file named in only or in named may be in any folder
    of src/ (src/cli: the command line, which the whole sample leaves
    out), so that a sample aimed at it can be run and judged."""
    files = []
    dirs = sorted(set(MUTATED_DIRS) | {os.path.dirname(rel) for rel in set(only) | set(named)
                                       if rel.startswith("src/")})
    for d in dirs:
        full = os.path.join(srcdir, d)
        for name in sorted(os.listdir(full)):
            rel = f"{d}/{name}"
            generated = name == "default_world.c"  # the embedded scenario, data not code
            if name.endswith(".c") and not generated and (not only or rel in only):
                files.append(rel)
    texts, sites = {}, []
    for rel in files:
        texts[rel], s = mutation_sites(os.path.join(srcdir, rel), rel)
        sites.extend(s)
    return texts, sites


def describe(m, texts=None):
    orig = " ".join(m["orig"].split())
    if len(orig) > 60:
        orig = orig[:57] + "..."
    out = f"{m['file']}:{m['line']}: {m['op']} '{orig}' -> '{m['repl']}'"
    if texts is not None and m["op"] != "drop":
        line = texts[m["file"]].splitlines()[m["line"] - 1].strip()
        out += f"  in: {line[:90]}"
    return out


def equivalence_key(m, text):
    """How tests/mutants-equivalent.txt names mutant m of a file whose
    text is text: the file, the nearest non-blank line before the mutated
    one, and the mutated line with the change marked, spaces collapsed."""
    ls = text.rfind("\n", 0, m["start"]) + 1
    le = text.find("\n", m["end"])
    if le < 0:
        le = len(text)
    line = text[ls:m["start"]] + "\u27e6" + text[m["start"]:m["end"]] + "\u27e7\u2192\u27e6" + m["repl"] + "\u27e7" + text[m["end"]:le]
    prev, p = "", ls - 1
    while p > 0 and not prev:
        ps = text.rfind("\n", 0, p) + 1
        prev = " ".join(text[ps:p].split())
        p = ps - 1
    return (m["file"], prev, " ".join(line.split()))


def equivalent_entries(path):
    """[(line number, key, reason)] of tests/mutants-equivalent.txt, in
    file order (blocks of file:, after:, line:, why: lines; # comments)."""
    out, cur, first = [], {}, 0

    def flush():
        if cur:
            if not all(k in cur for k in ("file", "after", "line", "why")):
                raise ValueError(f"{path}:{first}: an entry lacks one of file, after, line, why")
            key = (cur["file"], " ".join(cur["after"].split()), " ".join(cur["line"].split()))
            out.append((first, key, cur["why"]))
            cur.clear()

    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            if raw.startswith("#"):
                continue
            if not raw.strip():
                flush()
                continue
            field, sep, value = raw.partition(":")
            if not sep or field not in ("file", "after", "line", "why"):
                raise ValueError(f"{path}:{n}: expected 'file:', 'after:', 'line:' or 'why:'")
            if not cur:
                first = n
            cur[field] = value.strip()
    flush()
    return out


def load_equivalent(path):
    """{key: reason} from tests/mutants-equivalent.txt."""
    return {key: why for _, key, why in equivalent_entries(path)}


def check_list(srcdir):
    """Every entry of the equivalence list names a mutant the sources still
    have, once: an entry whose line changed no longer excludes anything and
    its argument was made about code that is gone. 0 when so, 1 if not."""
    path = os.path.join(srcdir, EQUIVALENT_LIST)
    try:
        entries = equivalent_entries(path)
    except (OSError, ValueError) as e:
        print(f"mutate: {e}", file=sys.stderr)
        return 1
    texts, sites = all_sites(srcdir, set(), {key[0] for _, key, _ in entries})
    keys = {equivalence_key(m, texts[m["file"]]) for m in sites}
    seen, bad = {}, 0
    for n, key, _ in entries:
        if key in seen:
            print(f"{path}:{n}: the same mutant as the entry at line {seen[key]}", file=sys.stderr, flush=True)
            bad += 1
        elif key not in keys:
            print(f"{path}:{n}: matches no mutant of {key[0]} any more "
                  f"(after '{key[1]}', line '{key[2]}'): find the line's new text and check "
                  f"the argument still holds, or remove the entry", file=sys.stderr, flush=True)
            bad += 1
        seen.setdefault(key, n)
    print(f"mutate: {len(entries)} entries in {EQUIVALENT_LIST}, {bad} wrong", flush=True)
    return 1 if bad else 0


# ---- building and running ----

def clean_env(extra=None):
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}
    if extra:
        env.update(extra)
    return env


def stop(p):
    """End the process group of p: SIGTERM first (Check passes it on to its
    forked test; the Slurm sweep test stops the daemons it started, which
    left the group when they daemonised), then SIGKILL 15 s later."""
    for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(p.pid, sig)
        except ProcessLookupError:
            pass
        try:
            p.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def run(cmd, cwd, env=None, timeout=None, quiet=True):
    """Run cmd in its own process group; (returncode or 'timeout', seconds).
    Every process it starts also gets a CPU-time limit of the timeout, so a
    mutant's endless loop cannot outlive it even in an orphaned child."""
    t0 = time.monotonic()
    out = subprocess.DEVNULL if quiet else None
    limit = int(timeout) + 5 if timeout else None

    def limit_cpu():
        if limit:
            resource.setrlimit(resource.RLIMIT_CPU, (limit, limit))

    p = subprocess.Popen(cmd, cwd=cwd, env=env or clean_env(), stdout=out, stderr=out,
                         stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=limit_cpu)
    try:
        rc = p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(p)
        rc = "timeout"
    except BaseException:
        stop(p)
        raise
    return rc, time.monotonic() - t0


def first_failure(tests, cwd, env, timeouts, jobs, logdir=None):
    """Run the tests, at most `jobs` at once, in the given order; stop at the
    first that fails or times out and return its name (None when all
    pass). Each runs in its own process group with a CPU-time limit. With
    a logdir, each test's output goes to logdir/<its name>.log (replaced
    at each run); else it is dropped."""
    pending = list(tests)
    running = []  # (name, Popen, deadline)

    def start(name, cmd):
        limit = int(timeouts[name]) + 5

        def limit_cpu():
            resource.setrlimit(resource.RLIMIT_CPU, (limit, limit))

        out = open(test_log(logdir, name), "wb") if logdir else subprocess.DEVNULL
        try:
            p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT if logdir else out,
                                 stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=limit_cpu)
        finally:
            if logdir:
                out.close()  # the test holds its own copy
        running.append((name, p, time.monotonic() + timeouts[name]))

    try:
        while pending or running:
            while pending and len(running) < jobs:
                start(*pending.pop(0))
            time.sleep(0.05)
            for item in list(running):
                name, p, deadline = item
                rc = p.poll()
                if rc is None and time.monotonic() < deadline:
                    continue
                running.remove(item)
                if rc is None:
                    stop(p)
                    return f"{os.path.basename(name)} (timeout)"
                if rc != 0:
                    return os.path.basename(name)
        return None
    finally:
        for _, p, _ in running:
            stop(p)


def test_log(logdir, name):
    return os.path.join(logdir, os.path.basename(name) + ".log")


def log_tail(path):
    """What a test said about its failure, indented for the report: from
    its first line starting "FAIL" (the scripts' failures, with the
    screen they saw), at most 60 lines; else its last 12 lines."""
    try:
        with open(path, "rb") as f:
            lines = f.read().decode("utf-8", "replace").rstrip("\n").split("\n")
    except OSError as e:
        return f"            (its output is not readable: {e})"
    first = next((i for i, line in enumerate(lines) if line.startswith("FAIL")), None)
    shown = lines[first:first + 60] if first is not None else lines[-12:]
    return "\n".join("            | " + line for line in shown)


def code_of(build, programs):
    """A digest of each built program's bytes."""
    out = {}
    for p in programs:
        with open(os.path.join(build, p), "rb") as f:
            out[p] = hashlib.sha1(f.read()).hexdigest()
    return out


SHM = "/dev/shm"


def roomy(path):
    """A writable folder with at least 1 GiB free (a container's default
    /dev/shm of 64 MB is too small for the tests' scratch files)."""
    try:
        st = os.statvfs(path)
    except OSError:
        return False
    return os.access(path, os.W_OK) and st.f_bavail * st.f_frsize >= 1 << 30


def on_signal(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


SAN_OPTIONS = "halt_on_error=1:abort_on_error=1"


def sanitizer_env(build, env):
    """ASAN_OPTIONS and UBSAN_OPTIONS for sanitize mode: any report aborts
    the process. LeakSanitizer stays on when a probe run of smugnet with it
    exits cleanly (it cannot work under ptrace or in some containers)."""
    out = {"UBSAN_OPTIONS": SAN_OPTIONS + ":print_stacktrace=0"}
    probe = dict(env, ASAN_OPTIONS=SAN_OPTIONS + ":detect_leaks=1", **out)
    rc, _ = run([os.path.join(build, "smugnet"), "run", "--days", "2"], build, env=probe, timeout=120)
    leaks = rc == 0
    out["ASAN_OPTIONS"] = SAN_OPTIONS + (":detect_leaks=1" if leaks else ":detect_leaks=0")
    print("mutate: sanitize mode: ASan + UBSan, a report fails the test; LeakSanitizer "
          + ("on" if leaks else f"off (a probe run with it exited {rc})"), flush=True)
    return out


def sample_numbers(text, n):
    """The set of sample numbers in '4 38-40' (each 1..n); empty for ''."""
    out = set()
    for word in text.replace(",", " ").split():
        lo, _, hi = word.partition("-")
        if not lo.isdigit() or (hi and not hi.isdigit()):
            raise ValueError(f"'{word}' is not a number or a range like 38-40")
        a, b = int(lo), int(hi or lo)
        if not 1 <= a <= b <= n:
            raise ValueError(f"'{word}' is outside 1-{n}")
        out.update(range(a, b + 1))
    return out


def main():
    ap = argparse.ArgumentParser(description="mutation testing of the behavioural tests")
    ap.add_argument("--builddir", default=".", help="a configured smugnet build (for make distdir)")
    ap.add_argument("--make", default=os.environ.get("MAKE", "make"))
    ap.add_argument("--programs", default="", help="check programs to build (the Makefile's check_PROGRAMS)")
    ap.add_argument("--tests", default="", help="the Makefile's TESTS")
    ap.add_argument("--mutants", type=int, default=int(os.environ.get("MUTANTS") or 100))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("MUTATION_SEED") or 1))
    ap.add_argument("--timeout", type=float, default=float(os.environ.get("MUTATION_TIMEOUT") or 30))
    ap.add_argument("--cflags", default=os.environ.get("MUTATION_CFLAGS") or "-O1")
    ap.add_argument("--files", default=os.environ.get("MUTATION_FILES", ""))
    ap.add_argument("--keep", action="store_true", default=bool(os.environ.get("MUTATION_KEEP")))
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("MUTATION_JOBS") or 2),
                    help="tests run at once for one mutant (default 2)")
    ap.add_argument("--list", action="store_true", help="print the sampled mutants and stop")
    ap.add_argument("--check-list", metavar="SRCDIR",
                    help="check that each entry of the equivalence list matches one mutant of SRCDIR's sources, once")
    ap.add_argument("--only", default=os.environ.get("MUTATION_ONLY", ""),
                    help="sample numbers to run, e.g. '4 38-40' (default: all)")
    ap.add_argument("--sanitize", action="store_true",
                    default=os.environ.get("MUTATION_SANITIZE", "") not in ("", "0"),
                    help="build with --enable-sanitizers (ASan + UBSan, leaks) and fail a test on any report")
    args = ap.parse_args()
    if args.check_list:
        return check_list(args.check_list)

    try:
        os.nice(19)
    except OSError:
        pass
    # stopped by a signal (also from a background job, where SIGINT is
    # ignored): end the running test and remove the scratch folder
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    t_start = time.monotonic()
    builddir = os.path.abspath(args.builddir)
    tmp = os.environ.get("MUTATION_TMP") or (SHM if roomy(SHM) else None)
    scratch = tempfile.mkdtemp(prefix="smugnet-mutate-", dir=tmp)
    src, build = os.path.join(scratch, "src"), os.path.join(scratch, "build")
    try:
        return mutate(args, builddir, scratch, src, build, t_start)
    except KeyboardInterrupt as e:
        print(f"mutate: stopped ({e})", file=sys.stderr)
        return 130
    finally:
        if args.keep:
            print(f"mutate: scratch folder kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def mutate(args, builddir, scratch, src, build, t_start):
    print(f"mutate: copying the sources to {scratch}", flush=True)
    rc, _ = run([args.make, "-s", "distdir", f"distdir={src}", f"top_distdir={src}"], builddir, quiet=False)
    if rc != 0:
        print("mutate: make distdir failed", file=sys.stderr)
        return 1

    only = set(args.files.split())
    texts, sites = all_sites(src, only)
    n = min(args.mutants, len(sites))
    # run in the sample's own random order: a run stopped early has still
    # tried a fair sample of the files, not the first ones of the alphabet
    sample = random.Random(args.seed).sample(sites, n)
    print(f"mutate: {len(sites)} mutation sites in {len(texts)} files; sample of {n} with seed {args.seed}",
          flush=True)
    try:
        listed = load_equivalent(os.path.join(src, EQUIVALENT_LIST))
    except (OSError, ValueError) as e:
        print(f"mutate: {e}", file=sys.stderr)
        return 1
    keys = {equivalence_key(m, texts[m["file"]]) for m in sites} if not only else set()
    # only entries of the files scanned can be judged here (src/cli's are
    # outside the whole sample's folders; --check-list judges them all)
    stale = sum(1 for k in listed if k[0] in texts and k not in keys) if not only else 0
    for m in sample:
        m["equivalent"] = listed.get(equivalence_key(m, texts[m["file"]]))
    print(f"mutate: {EQUIVALENT_LIST} lists {len(listed)} equivalent mutants "
          f"({sum(1 for m in sample if m['equivalent'])} in this sample"
          + (f"; {stale} match no line of the sources any more" if stale else "") + ")", flush=True)
    if args.list:
        for k, m in enumerate(sample, 1):
            print(f"[{k:3}] " + describe(m, texts))
        return 0
    try:
        only = sample_numbers(args.only, n)
    except ValueError as e:
        print(f"mutate: MUTATION_ONLY: {e}", file=sys.stderr)
        return 2
    if only:
        print(f"mutate: only {len(only)} of them: {args.only}", flush=True)

    os.makedirs(build)
    san = ["--enable-sanitizers"] if args.sanitize else []
    print(f"mutate: configure (CFLAGS={args.cflags}{' ' + san[0] if san else ''}) and build once", flush=True)
    rc, _ = run([os.path.join(src, "configure"), "-q", f"CFLAGS={args.cflags}"] + san, build, quiet=False)
    if rc != 0:
        print("mutate: configure failed", file=sys.stderr)
        return 1
    programs = ["smugnet"] + args.programs.split()
    jobs = "-j2"
    rc, t_build = run([args.make, "-s", jobs] + programs, build, quiet=False)
    if rc != 0:
        print("mutate: the unmutated build failed", file=sys.stderr)
        return 1

    tmpdir, logdir = os.path.join(scratch, "tmp"), os.path.join(scratch, "logs")
    os.makedirs(tmpdir)
    os.makedirs(logdir)
    env = clean_env({"SMUGNET": os.path.join(build, "smugnet"), "SRCDIR": src, "TMPDIR": tmpdir,
                     "JSONL_CHECK": os.path.join(build, "tests", "jsonl_check"),
                     "CK_EXCLUDE_TAGS": GOLDEN_TAG, "CK_VERBOSITY": "silent"})
    if args.sanitize:
        env.update(sanitizer_env(build, env))
    tests = []
    for t in args.tests.split():
        if t in NOT_BEHAVIOURAL:
            continue
        prog = os.path.join(build, t)
        if os.path.isfile(prog) and os.access(prog, os.X_OK) and not t.endswith(".sh"):
            tests.append((t, [prog]))
        else:
            tests.append((t, ["sh", os.path.join(src, t)]))
    print("mutate: clean run of the behavioural tests (golden screens excluded)", flush=True)
    timing = {}
    for name, cmd in tests:
        # the sanitizers make a test several times slower
        rc, secs = run(cmd, build, env=env, timeout=1800 if args.sanitize else 600)
        if rc != 0:
            print(f"mutate: {name} fails without any mutant (exit {rc}); fix that first", file=sys.stderr)
            return 1
        timing[name] = secs
        print(f"  {name}: {secs:.1f} s", flush=True)
    tests.sort(key=lambda t: timing[t[0]])
    timeouts = {name: 5 * timing[name] + args.timeout for name in timing}
    clean_code = code_of(build, programs)
    catchers = {}  # file -> {test name: mutants of that file it caught}

    caught = compiled = 0
    survivors, not_built, wrong = [], [], []
    current = None
    for k, m in enumerate(sample, 1):
        if only and k not in only:
            continue
        path = os.path.join(src, m["file"])
        original = texts[m["file"]]
        if current is not None and current != m["file"]:
            with open(os.path.join(src, current), "w", encoding="utf-8") as f:
                f.write(texts[current])
        current = m["file"]
        with open(path, "w", encoding="utf-8") as f:
            f.write(original[:m["start"]] + m["repl"] + original[m["end"]:])
        t0 = time.monotonic()
        rc, _ = run([args.make, "-s", jobs] + programs, build, timeout=600)
        if rc != 0:
            not_built.append(m)
            print(f"[{k:3}/{n}] no build  {describe(m)}", flush=True)
            continue
        compiled += 1
        changed = {p for p, h in code_of(build, programs).items() if h != clean_code[p]}
        # a test program that did not change cannot see the mutant; the
        # scripts run the other programs, so they run when any changed
        scripts_see = any(p not in timing for p in changed)
        order = sorted((t for t in tests if (t[0] in changed) or (t[0] not in clean_code and scripts_see)),
                       key=lambda t: (-catchers.get(m["file"], {}).get(t[0], 0), timing[t[0]]))
        verdict = first_failure(order, build, env, timeouts, args.jobs, logdir) if order else None
        flaky = flaky_output = None
        if verdict:
            # a catch is confirmed by the same test failing again, run alone:
            # a test that failed only under the load of the other job (a
            # timing-sensitive one) must not hide a survivor; what it said
            # when it failed is shown, to find what it was waiting for (the
            # run alone writes no log: the first run's is still there)
            again = next(t for t in order if os.path.basename(t[0]) == verdict.split(" ")[0])
            if first_failure([again], build, env, timeouts, 1) is None:
                flaky, verdict = verdict, None
                flaky_output = log_tail(test_log(logdir, again[0]))
        secs = time.monotonic() - t0
        if verdict:
            caught += 1
            by = verdict.split(" ")[0]
            name = next(t[0] for t in tests if os.path.basename(t[0]) == by)
            catchers.setdefault(m["file"], {})[name] = catchers.get(m["file"], {}).get(name, 0) + 1
            print(f"[{k:3}/{n}] caught    {describe(m)}  by {verdict}, {secs:.0f} s  "
                  f"({caught}/{compiled} so far)", flush=True)
            if m["equivalent"]:
                wrong.append(m)
                print(f"          listed in {EQUIVALENT_LIST} as equivalent, but a test catches it: "
                      "remove the entry", flush=True)
        else:
            m["same_code"] = not changed
            m["flaky"] = flaky
            survivors.append(m)
            same = "  (same code)" if not changed else ""
            if flaky:
                same += f"  ({flaky} failed once and passed when run again alone: not a catch)"
            if m["equivalent"]:
                same += "  (listed equivalent)"
            print(f"[{k:3}/{n}] SURVIVED  {describe(m)}  {secs:.0f} s{same}  ({caught}/{compiled} so far)",
                  flush=True)
            if flaky:
                print(f"          {flaky}'s output when it failed (its last lines):\n{flaky_output}", flush=True)
    if current is not None:
        with open(os.path.join(src, current), "w", encoding="utf-8") as f:
            f.write(texts[current])

    total = time.monotonic() - t_start
    share = 100.0 * caught / compiled if compiled else 0.0
    print()
    same = sum(1 for m in survivors if m.get("same_code"))
    part = f" (only {len(only)} of them)" if only else ""
    mode = ", sanitize mode" if args.sanitize else ""
    print(f"mutation score: {caught} / {compiled} compiled mutants caught ({share:.1f}%); "
          f"{len(not_built)} did not build; seed {args.seed}, {n} mutants{part}{mode}, {total / 60:.1f} min")
    if same:
        rest = compiled - same
        print(f"  {same} of the survivors compiled to the same code as the original (equivalent): "
              f"{caught} / {rest} ({100.0 * caught / rest if rest else 0.0:.1f}%) without them")
    eqv = sum(1 for m in survivors if m.get("same_code") or m["equivalent"])
    if eqv > same:
        rest = compiled - eqv
        print(f"  {eqv} of the survivors compiled to the same code or are listed in {EQUIVALENT_LIST} "
              f"with the reason: {caught} / {rest} ({100.0 * caught / rest if rest else 0.0:.1f}%) "
              "caught without the equivalent ones")
    flaky = sum(1 for m in survivors if m.get("flaky"))
    if flaky:
        print(f"  {flaky} of the survivors failed a test once that passed when run again alone: "
              "a test that fails under load (not counted as catches)")
    if wrong:
        print(f"  {len(wrong)} mutants listed as equivalent were caught: their entries are wrong")
    if survivors:
        print("survivors:")
        for m in survivors:
            tag = "  [same code]" if m.get("same_code") else ""
            if m.get("flaky"):
                tag += f"  [{m['flaky']} failed once, then passed alone]"
            if m["equivalent"]:
                tag += f"  [equivalent: {m['equivalent']}]"
            print("  " + describe(m, texts) + tag)
    return 0


if __name__ == "__main__":
    sys.exit(main())

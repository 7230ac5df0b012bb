#!/usr/bin/env python3
"""gloss beside less in a pseudo-terminal at 200x60 (issue 5). Python 3 standard library only.

For each lesson, gloss and less are run alternately (gloss, less, gloss, less, ...) and each
run times three steps, from the moment the key is sent (or the process is started):

  open  until the first screen shows
  G     until the last screen shows
  q     until the process has exited; sent once the program runs a single thread (gloss
        analyses a long lesson on a second thread after its first screen), and the peak
        memory (VmHWM) is read just before it

and, once it has exited, the CPU time the whole session used (user and system, every thread,
as the kernel accounted it): unlike the times above, it does not move with what else the
machine was doing, so it shows a change in gloss's own work where the pty times are noisy.

"Shows" means: the screen's marker has been seen in the output (escape sequences removed) and
then nothing more arrived for 50 ms; the time is that of the last byte before the silence, so
the 50 ms wait is not counted. Markers:

  open  the first words of the lesson's title (its first line), for both programs;
  G     less: the last characters of the file's last line (the end of the last sentence note);
        gloss: the last three words of the Conclusion. gloss's G goes to the end of the
        ARTICLE, not of the file (the vocabulary and notes are shown in its sidebar and
        translation pane), so each program is timed to the end it shows.

Markers are compared without spaces and control characters, so a marker wrapped onto the next
row, or with a cursor movement where a space was, still counts; where a row ends, the words
of a marker may have up to 400 other characters between them (the rest of that row in the
panes beside the article, such as a vocabulary term the sidebar puts level with its line).

A marker that was already on the screen before a key is not waited for again (the seed lesson's
article fits on one 200x60 screen, so gloss's G only moves the focus there).

Each gloss run gets a fresh XDG_STATE_HOME and HOME, so its progress database starts empty and
no run resumes where the previous one stopped; less gets the same environment.

It also counts the bytes gloss writes for one `j`, one page (Space) and a full repaint (ctrl-l),
and for one `j` with the vocabulary sidebar switched off, reading everything the terminal
receives after the key until 50 ms of silence (0 when nothing arrives within a second: a key
that changed nothing, such as `j` at the end of a lesson that fits on one screen).

Output: a table, or with --tsv lines of lesson<TAB>metric<TAB>value for `gloss-bench report`.
"""

import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

COLUMNS, ROWS = 200, 60
QUIET = 0.050
SETTLED = 0.3
TIMEOUT = 60.0
# CSI, OSC and two-byte escapes, and the shift-in/out bytes ncurses uses for line drawing.
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()*+][0-9A-Za-z]|\x1b[=>78cDEHMNOZ]|[\x0e\x0f]")


class Timeout(Exception):
    pass


BLANKS = re.compile(r"[\x00-\x20\x7f]+")


def visible_text(data):
    """The printed characters, without escape sequences, control bytes or spaces: a marker split
    over two rows, or with a cursor movement in place of a space, still matches."""
    return BLANKS.sub("", ESCAPES.sub(b"", bytes(data)).decode("utf-8", "replace"))


# Printed characters that may stand between two words of a marker split over two rows: the
# rest of the first row in the panes beside the article (gloss's vocabulary sidebar puts a term
# level with the line it is on), at most a few hundred columns.
BETWEEN_ROWS = 400


def shows(marker, text):
    """Whether `text` (from visible_text) holds the words of `marker` in order, each right after
    the one before or, where a row ended, within BETWEEN_ROWS characters of it."""
    words = [re.escape(BLANKS.sub("", word)) for word in marker.split()]
    pattern = (".{0,%d}?" % BETWEEN_ROWS).join(words)
    return re.search(pattern, text, re.S) is not None


class Session:
    """One program in its own pty, started at 200x60."""

    def __init__(self, argv, env):
        self.argv = argv
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                # In the child, before exec, so the program's first look at its size is right.
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.screen = bytearray()  # everything received so far
        self.ended = False
        self.cpu = None  # seconds of CPU the process used, every thread, once it has exited

    def _read(self, timeout):
        """Bytes that arrive within `timeout` seconds: b"" on silence, None once the pty closes."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return b""
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: every holder of the terminal's other end has gone
            data = b""
        if not data:
            self.ended = True
            return None
        self.screen += data
        return data

    def until_shown(self, since, marker, patience=TIMEOUT):
        """Seconds from `since` to the last byte of the output that shows `marker` (see the module doc),
        and the number of bytes received. With no marker and no output for `patience` seconds:
        (None, 0), a key that changed nothing on the screen."""
        received = bytearray()
        already = marker is not None and shows(marker, visible_text(self.screen))
        seen = marker is None or already
        last = None
        deadline = since + (TIMEOUT if marker is not None else patience)
        while True:
            waiting_for_first = last is None
            timeout = (deadline - time.perf_counter()) if (waiting_for_first or not seen) else QUIET
            if timeout <= 0 and marker is None:
                return None, 0
            if timeout <= 0:
                raise Timeout(f"{self.argv[0]}: no {'output' if waiting_for_first else repr(marker)} within {TIMEOUT:.0f} s")
            data = self._read(timeout)
            if data is None:
                raise Timeout(f"{self.argv[0]} ended while waiting for {marker!r}")
            if not data:
                if last is not None and seen:
                    return last - since, len(received)
                continue
            last = time.perf_counter()
            received += data
            if not seen and shows(marker, visible_text(received)):
                seen = True

    def send(self, keys):
        sent = time.perf_counter()
        os.write(self.fd, keys)
        return sent

    def until_exit(self, since):
        while not self.ended:
            if self._read(TIMEOUT) == b"":
                raise Timeout(f"{self.argv[0]} did not exit within {TIMEOUT:.0f} s")
        ended = time.perf_counter()
        _, _, usage = os.wait4(self.pid, 0)
        self.cpu = usage.ru_utime + usage.ru_stime
        os.close(self.fd)
        return ended - since

    def status(self, field):
        """A number from /proc/PID/status (such as Threads or VmHWM), None once the process is gone."""
        try:
            with open(f"/proc/{self.pid}/status") as status:
                for line in status:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def until_one_thread(self):
        """Waits (reading what the program writes meanwhile) until it runs a single thread: gloss
        analyses a long lesson on a second thread after its first screen, and its peak memory
        and its quit are measured after that work, as a reader would meet them. A single thread
        must last SETTLED seconds: a long lesson's reading thread ends before its analysis thread
        starts (the key loop notices within 0.1 s), and a single look could fall in between."""
        deadline = time.perf_counter() + TIMEOUT
        single_since = None
        while single_since is None or time.perf_counter() - single_since < SETTLED:
            if (self.status("Threads") or 1) > 1:
                single_since = None
            elif single_since is None:
                single_since = time.perf_counter()
            if time.perf_counter() > deadline:
                raise Timeout(f"{self.argv[0]} still ran several threads after {TIMEOUT:.0f} s")
            if self._read(0.01) is None:
                return
        # Anything the last redraw sends (the status bar without "indexing…") is read first.
        while self._read(QUIET):
            pass

    def peak_kb(self):
        return self.status("VmHWM")

    def kill(self):
        if not self.ended:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.ended = True


def environment(home):
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "HOME": home,
        "XDG_STATE_HOME": os.path.join(home, "state"),
        "XDG_DATA_HOME": os.path.join(home, "data"),
    }


def lesson_markers(path):
    """(title, end of the article, end of the file): the first words of the title, the last
    words of the Conclusion (what gloss's G shows last) and the last characters of the file's
    last line (what less's G shows last)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = [line.strip() for line in f]
    nonblank = [line for line in lines if line]
    title = " ".join(nonblank[0].split()[:3])
    article = nonblank
    for i, line in enumerate(nonblank):
        if line.lower().rstrip(":") == "vocabulary learning":
            article = nonblank[:i]
            break
    article_end = " ".join(article[-1].split()[-3:])
    file_end = "".join(nonblank[-1].split())[-8:]
    return title, article_end, file_end


def run_once(program, argv, path, home):
    """(open, G, q) in seconds, the peak memory in KB and the CPU seconds the whole session
    used (every thread, from the kernel's accounting), for one start of one program."""
    title, article_end, file_end = lesson_markers(path)
    end_marker = article_end if program == "gloss" else file_end
    session = Session(argv, environment(home))
    try:
        open_time, _ = session.until_shown(session.started, title)
        sent = session.send(b"G")
        g_time, _ = session.until_shown(sent, end_marker)
        session.until_one_thread()
        peak = session.peak_kb()
        sent = session.send(b"q")
        q_time = session.until_exit(sent)
        return open_time, g_time, q_time, peak, session.cpu
    finally:
        session.kill()


def count_bytes(gloss, path, home):
    """Bytes gloss writes for its first screen, one j, one Space and a ctrl-l full repaint."""
    title, _, _ = lesson_markers(path)
    session = Session([gloss, path], environment(home))
    try:
        _, first = session.until_shown(session.started, title)
        counts = {"bytes_first": first}
        # The last two: with the vocabulary sidebar switched off (v), the article spans whole
        # rows. (With it on, as by default, the sidebar lists the terms beside their lines and
        # scrolls with the text, so a terminal can scroll then too.)
        for name, key in (("bytes_j", b"j"), ("bytes_space", b" "), ("bytes_full", b"\x0c"),
                          (None, b"v"), ("bytes_j_no_sidebar", b"j")):
            _, count = session.until_shown(session.send(key), None, patience=1.0)
            if name:
                counts[name] = count
        session.until_exit(session.send(b"q"))
        return counts
    finally:
        session.kill()


def main():
    args = sys.argv[1:]
    tsv = "--tsv" in args
    args = [a for a in args if a != "--tsv"]
    runs = 5
    gloss = ".build-bench/release/gloss"
    less = shutil.which("less")
    files = []
    while args:
        a = args.pop(0)
        if a == "--runs":
            runs = int(args.pop(0))
        elif a == "--gloss":
            gloss = args.pop(0)
        elif a == "--less":
            less = args.pop(0)
        elif a in ("-h", "--help"):
            print(__doc__)
            print("usage: bench-pty.py [--runs N] [--gloss PATH] [--less PATH] [--tsv] LESSON...")
            return 0
        else:
            files.append(a)
    if not files:
        print("usage: bench-pty.py [--runs N] [--gloss PATH] [--less PATH] [--tsv] LESSON...", file=sys.stderr)
        return 2
    if not less or not os.access(less, os.X_OK):
        print("bench-pty.py: less is not installed; run: apt-get install less", file=sys.stderr)
        return 1
    if not os.access(gloss, os.X_OK):
        print(f"bench-pty.py: {gloss} is not built; run: swift build -c release --product gloss", file=sys.stderr)
        return 1
    gloss = os.path.abspath(gloss)

    results = []
    scratch = tempfile.mkdtemp(prefix="gloss-bench-pty-")
    try:
        for path in files:
            name = os.path.basename(path)
            print(f"bench-pty.py: {name}: {runs} runs of gloss and less, alternately", file=sys.stderr)
            times = {"gloss": [], "less": []}
            peaks = {"gloss": [], "less": []}
            cpu = {"gloss": [], "less": []}
            for i in range(runs):
                for program, argv in (("gloss", [gloss, path]), ("less", [less, path])):
                    home = tempfile.mkdtemp(dir=scratch)
                    open_time, g_time, q_time, peak, used = run_once(program, argv, path, home)
                    times[program].append((open_time, g_time, q_time))
                    cpu[program].append(used)
                    if peak is not None:
                        peaks[program].append(peak)
                    shutil.rmtree(home, ignore_errors=True)
            metrics = [("pty_runs", str(runs))]
            for program in ("gloss", "less"):
                for k, step in enumerate(("open", "G", "q")):
                    metrics.append((f"pty_{step}_{program}_ms", f"{statistics.median(t[k] for t in times[program]) * 1000:.3f}"))
                metrics.append((f"pty_all_{program}_ms", f"{statistics.median(sum(t) for t in times[program]) * 1000:.3f}"))
                if peaks[program]:
                    metrics.append((f"pty_peak_{program}_kb", str(max(peaks[program]))))
                metrics.append((f"pty_cpu_{program}_ms", f"{statistics.median(cpu[program]) * 1000:.3f}"))
            home = tempfile.mkdtemp(dir=scratch)
            metrics += [(k, str(v)) for k, v in count_bytes(gloss, path, home).items()]
            results.append((name, metrics))
    except Timeout as error:
        print(f"bench-pty.py: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    if tsv:
        for name, metrics in results:
            for metric, value in metrics:
                print(f"{name}\t{metric}\t{value}")
    else:
        print_table(results)
    return 0


def print_table(results):
    names = [name for name, _ in results]
    values = [dict(metrics) for _, metrics in results]

    def ms(key):
        return [f"{float(v[key]):.1f}" if key in v else "-" for v in values]

    def ratio(a, b):
        return [f"{float(v[a]) / float(v[b]):.2f}x" if a in v and b in v and float(v[b]) > 0 else "-" for v in values]

    rows = [("pty 200x60, median (ms)", names)]
    for step in ("open", "G", "q", "all", "cpu"):
        rows.append((f"{step}: gloss", ms(f"pty_{step}_gloss_ms")))
        rows.append((f"{step}: less", ms(f"pty_{step}_less_ms")))
        rows.append((f"{step}: gloss/less", ratio(f"pty_{step}_gloss_ms", f"pty_{step}_less_ms")))
    for key in ("pty_peak_gloss_kb", "pty_peak_less_kb", "bytes_first", "bytes_j", "bytes_space", "bytes_full", "bytes_j_no_sidebar"):
        rows.append((key, [v.get(key, "-") for v in values]))
    rows.append(("bytes_j / bytes_full", ratio("bytes_j", "bytes_full")))
    widths = [max(len(r[0]) for r in rows)] + [max(len(r[1][i]) for r in rows) for i in range(len(names))]
    for label, cells in rows:
        print(label.ljust(widths[0]) + "".join("  " + c.rjust(w) for c, w in zip(cells, widths[1:])))


if __name__ == "__main__":
    sys.exit(main())

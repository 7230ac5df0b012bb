#!/usr/bin/env python3
"""Writes scripts/code-order.ld: the linker script that puts the code a reading session runs
in one place at the start of the program's text (see scripts/order-code, which builds what this
needs, and docs/benchmarks.md, the sixth round).

The kernel maps a program's code 64 KB around each page it first runs. In gloss's 12 MB of
code, what a session runs was spread over some 110 such windows: every start paid a page fault
for each, and every exit unmapped some 1,750 pages. Laid out together, it fits in about 60.

The list has two parts. First the code that runs once the reader has settled (keys, drawing,
saving, quitting), then the code that ran only before that (starting the runtime and the
terminal, reading and analysing the lesson, making the database), between the symbols
gloss_startup_code_start and gloss_startup_code_end, page-aligned. Once the reader is quiet
after its first screen, gloss hands that range's pages back to the kernel
(gloss_release_startup_code), so that the exit does not unmap them one by one.

How: run gloss under valgrind's callgrind tool (which reports every instruction that ran) for
three sessions: the seed lesson read to its end, a
1 MB lesson (the long-lesson path: the quick look, the threads that read and analyse it) and the
library with a lesson opened, searched and left. Each address is matched to the input section
that holds it in the linker's map, and the script lists those sections, in the order the map
has them, in an output section placed before .text. glibc picks its string functions by the
processor (valgrind hides AVX-512), so every variant of a string function that ran is listed.

    scripts/code-order.py --gloss STRIPPED_GLOSS --map LINK_MAP --bench GLOSS_BENCH --out FILE
"""
import argparse
import bisect
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("bench_pty", os.path.join(HERE, "bench-pty.py"))
pty = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pty)
pty.TIMEOUT = 900.0  # valgrind runs gloss some fifty times slower

STRING_FUNCTION = re.compile(r".*libc\.a\(((?:mem|str|stp|wcs|wmem|rawmem)[a-z0-9_]*)-[a-z0-9-]+\.o\)")


def valgrind(gloss, arguments, log, home):
    command = [shutil.which("valgrind") or "/usr/bin/valgrind", "--tool=callgrind", "--dump-instr=yes",
               "--compress-pos=no", "--compress-strings=no", f"--callgrind-out-file={log}", gloss] + arguments
    return pty.Session(command, pty.environment(home))


def checkpoint(session, log):
    """Ends callgrind's first part here (callgrind_control --dump): what ran so far goes to
    LOG.1, what runs from now on to LOG at the exit. Waits for the part to be written; gloss,
    idle, wakes every 100 ms, when callgrind takes the command."""
    subprocess.run([shutil.which("callgrind_control") or "/usr/bin/callgrind_control", "--dump", str(session.pid)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not os.path.exists(log + ".1"):
        if time.monotonic() > deadline:
            raise pty.Timeout("callgrind wrote no part after --dump")
        session._read(0.1)
    time.sleep(1.0)


def reading_session(gloss, lesson, log, home):
    title, article_end, _ = pty.lesson_markers(lesson)
    session = valgrind(gloss, [lesson], log, home)
    try:
        session.until_shown(session.started, title)
        session.until_shown(session.send(b"G"), article_end)
        session.until_one_thread()
        # Quiet: gloss has saved the place and given back its start's code by now.
        time.sleep(2.0)
        checkpoint(session, log)
        for key in (b"g", b"j", b" ", b"b", b")", b"]"):
            session.send(key)
            time.sleep(0.5)
        session.until_exit(session.send(b"q"))
    finally:
        session.kill()


def library_session(gloss, folder, log, home):
    session = valgrind(gloss, [folder], log, home)
    try:
        session.until_shown(session.started, "lessons")
        session.send(b"\r")
        time.sleep(3.0)
        checkpoint(session, log)
        for keys in (b"j", b" ", b"/", b"the\r", b"n", b"t"):
            session.send(keys)
            time.sleep(1.0)
        session.send(b"q")
        time.sleep(1.0)
        session.until_exit(session.send(b"q"))
    finally:
        session.kill()


def addresses(log):
    """Every instruction callgrind saw run: with --dump-instr and no compression, its cost lines
    start with the instruction's address."""
    seen = set()
    with open(log) as profile:
        for line in profile:
            if line.startswith("0x"):
                seen.add(int(line.split(None, 1)[0], 16))
    return seen


def text_sections(link_map):
    """(address, size, input) of every input section of code in an lld map."""
    sections = []
    with open(link_map) as lines:
        for line in lines:
            fields = line.split(None, 4)
            if len(fields) < 5 or ":(" not in fields[4]:
                continue
            try:
                address, size = int(fields[0], 16), int(fields[2], 16)
            except ValueError:
                continue
            if size > 0 and ":(.text" in fields[4]:
                sections.append((address, size, fields[4].strip()))
    sections.sort()
    return sections


def pattern(input_section):
    """The linker-script pattern of an input section as lld's map names it: `/path/x.o:(.text.f)`
    or `/path/lib.a(member.o):(.text)`. `$` (in Swift's names) becomes the wildcard `?`."""
    file, section = input_section.rsplit(":(", 1)
    section = section[:-1]
    member = re.match(r"(.*)\((.*)\)$", file)
    if member:
        name = "*" + os.path.basename(member.group(1)) + ":" + member.group(2)
    else:
        name = "*/" + os.path.basename(file)
    return f"{name}({section})".replace("$", "?")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gloss", required=True, help="the release gloss, stripped (valgrind cannot read its debug information)")
    parser.add_argument("--map", required=True, help="the map lld wrote when it linked that gloss (-Map)")
    parser.add_argument("--bench", required=True, help="gloss-bench, to generate the 1 MB lesson")
    parser.add_argument("--out", required=True)
    options = parser.parse_args()

    root = os.path.dirname(HERE)
    work = tempfile.mkdtemp(prefix="gloss-order.")
    try:
        subprocess.run([options.bench, "generate", "--out", os.path.join(work, "lessons"), "--seed", "42"],
                       check=True, stdout=subprocess.DEVNULL)
        seed = sorted(f for f in os.listdir(os.path.join(root, "Lessons")) if f.startswith("01-"))[0]
        runs = [
            ("the seed lesson", lambda log: reading_session(options.gloss, os.path.join(root, "Lessons", seed), log, work)),
            ("a 1 MB lesson", lambda log: reading_session(options.gloss, os.path.join(work, "lessons", "1mb.txt"), log, work)),
            ("the library", lambda log: library_session(options.gloss, os.path.join(root, "Lessons"), log, work)),
        ]
        before, after = set(), set()
        for what, run in runs:
            log = os.path.join(work, "callgrind.out")
            print(f"code-order: {what} under valgrind", file=sys.stderr)
            run(log)
            before |= addresses(log + ".1")
            after |= addresses(log)
            os.remove(log)
            os.remove(log + ".1")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    sections = text_sections(options.map)
    starts = [s[0] for s in sections]

    def holding(addresses):
        found = set()
        for address in addresses:
            i = bisect.bisect_right(starts, address) - 1
            if i >= 0 and address < sections[i][0] + sections[i][1]:
                found.add(i)
        return found

    settled = holding(after)
    startup = holding(before) - settled
    hot = settled | startup
    families = sorted({m.group(1) for i in hot if (m := STRING_FUNCTION.match(sections[i][2]))})
    # Every variant of a string function stays with the settled code: the processor picks one.
    startup = {i for i in startup if not STRING_FUNCTION.match(sections[i][2])}
    settled = hot - startup

    def kb(indices):
        return sum(sections[i][1] for i in indices) // 1024

    lines = [f"    {pattern(sections[i][2])}" for i in sorted(settled)]
    lines += [f"    *libc.a:{family}-*.o(.text*)" for family in families]
    lines += ["    . = ALIGN(4096);", "    gloss_startup_code_start = .;"]
    lines += [f"    {pattern(sections[i][2])}" for i in sorted(startup)]
    lines += ["    . = ALIGN(4096);", "    gloss_startup_code_end = .;"]
    with open(options.out, "w") as out:
        out.write("/* Generated by scripts/order-code: the code a reading session runs, together at the start\n"
                  "   of the program's text (docs/benchmarks.md, the sixth and seventh rounds): first what runs\n"
                  "   once the reader has settled, then what ran only before, which gloss gives back once it is\n"
                  "   quiet. Sections named here that no longer exist match nothing; code added since lands in\n"
                  "   .text as before. */\n")
        out.write("SECTIONS {\n  .text.hot : {\n" + "\n".join(lines) + "\n  }\n} INSERT BEFORE .text;\n")
    print(f"code-order: {len(before | after)} instructions ran, in {len(hot)} sections ({kb(hot)} KB of "
          f"{sum(s[1] for s in sections) // 1024} KB): {kb(settled)} KB once settled, {kb(startup)} KB only at the "
          f"start; {len(families)} string functions in all their variants; wrote {options.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Reading a process's memory from /proc/<pid>/smaps_rollup."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from beraad.lib import memory

# From a gunicorn worker sharing the preloaded detector with its master (Linux 6.1).
SAMPLE = """\
55d0c0a8d000-7ffd6b7f2000 ---p 00000000 00:00 0                          [rollup]
Rss:             1100652 kB
Pss:              277411 kB
Pss_Dirty:        276511 kB
Pss_Anon:         276511 kB
Pss_File:            899 kB
Pss_Shmem:             0 kB
Shared_Clean:       8848 kB
Shared_Dirty:    1088264 kB
Private_Clean:       120 kB
Private_Dirty:      3540 kB
Referenced:      1100652 kB
Anonymous:       1091804 kB
LazyFree:              0 kB
AnonHugePages:         0 kB
ShmemPmdMapped:        0 kB
FilePmdMapped:         0 kB
Shared_Hugetlb:        0 kB
Private_Hugetlb:       0 kB
Swap:                  0 kB
SwapPss:               0 kB
Locked:                0 kB
"""


def test_it_parses_rss_pss_and_uss() -> None:
    parsed = memory.parse_smaps_rollup(SAMPLE)
    assert parsed == memory.Memory(rss=1100652 * 1024, pss=277411 * 1024, uss=(120 + 3540) * 1024)


def test_it_refuses_a_file_without_the_figures() -> None:
    with pytest.raises(ValueError, match="Private_Dirty"):
        memory.parse_smaps_rollup("Rss: 10 kB\nPss: 5 kB\nPrivate_Clean: 1 kB\n")


def test_it_reads_a_live_process_and_its_children() -> None:
    own = memory.of_process(os.getpid())
    assert 0 < own.uss <= own.rss
    assert 0 < own.pss <= own.rss
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in memory.children(os.getpid())
    finally:
        child.kill()
        child.wait()


def write_process(proc: Path, pid: int, rss: int, pss: int, private: int, kids: str) -> None:
    (proc / str(pid) / "task" / str(pid)).mkdir(parents=True)
    (proc / str(pid) / "task" / str(pid) / "children").write_text(kids)
    (proc / str(pid) / "smaps_rollup").write_text(
        f"Rss: {rss} kB\nPss: {pss} kB\nPrivate_Clean: 0 kB\nPrivate_Dirty: {private} kB\n"
    )


def test_it_tabulates_a_server_with_the_total_pss(tmp_path: Path) -> None:
    write_process(tmp_path, 10, rss=1_048_576, pss=307_200, private=40_960, kids="11 12 ")
    write_process(tmp_path, 11, rss=1_048_576, pss=317_440, private=51_200, kids="")
    write_process(tmp_path, 12, rss=1_048_576, pss=317_440, private=61_440, kids="")
    lines = memory.server_table(10, proc=tmp_path)
    assert lines[1].split() == ["master", "10", "1024.0", "300.0", "40.0"]
    assert lines[2].split() == ["worker", "1", "11", "1024.0", "310.0", "50.0"]
    assert lines[4].split()[:2] == ["total", "920.0"]
    assert "at most 60.0 MB" in lines[5]
    assert memory.total_pss(10, proc=tmp_path) == 942_080 * 1024
    assert memory.largest_worker_uss(10, proc=tmp_path) == 61_440 * 1024

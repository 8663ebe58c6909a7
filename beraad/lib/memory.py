"""Memory of running processes, from Linux's ``/proc/<pid>/smaps_rollup``.

- RSS: resident pages, counting a page shared with other processes in full for each of them.
- PSS: proportional: a page shared by n processes counts 1/n for each, so the PSS of all the
  processes of a server adds up to what the server costs the machine.
- USS: unique: pages no other process maps (Private_Clean + Private_Dirty); what stopping that
  process would give back, so what one more gunicorn worker costs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass(frozen=True)
class Memory:
    rss: int  # bytes
    pss: int
    uss: int


def parse_smaps_rollup(text: str) -> Memory:
    """The figures of one ``smaps_rollup`` (its lines read ``Name:   1234 kB``)."""
    kilobytes: dict[str, int] = {}
    for line in text.splitlines():
        name, sep, rest = line.partition(":")
        fields = rest.split()
        if sep and len(fields) == 2 and fields[1] == "kB" and fields[0].isdigit():
            kilobytes[name.strip()] = int(fields[0])
    missing = {"Rss", "Pss", "Private_Clean", "Private_Dirty"} - set(kilobytes)
    if missing:
        raise ValueError(f"smaps_rollup without {', '.join(sorted(missing))}")
    return Memory(
        rss=kilobytes["Rss"] * 1024,
        pss=kilobytes["Pss"] * 1024,
        uss=(kilobytes["Private_Clean"] + kilobytes["Private_Dirty"]) * 1024,
    )


def of_process(pid: int, proc: Path = Path("/proc")) -> Memory:
    """One process's memory (reading another user's process needs the right to trace it)."""
    return parse_smaps_rollup((proc / str(pid) / "smaps_rollup").read_text())


def children(pid: int, proc: Path = Path("/proc")) -> list[int]:
    """The direct child processes of ``pid`` (for gunicorn's master: its workers)."""
    found: list[int] = []
    for task in (proc / str(pid) / "task").iterdir():
        try:
            found.extend(int(child) for child in (task / "children").read_text().split())
        except FileNotFoundError:
            continue  # the thread ended meanwhile
    return sorted(found)


def server_table(master: int, proc: Path = Path("/proc")) -> list[str]:
    """Lines of a table: the master, each worker, and the whole server (RSS, PSS, USS in MB)."""
    rows = [("master", master, of_process(master, proc))]
    rows += [
        (f"worker {n}", pid, of_process(pid, proc))
        for n, pid in enumerate(children(master, proc), start=1)
    ]
    lines = [f"{'process':12} {'pid':>8} {'RSS MB':>9} {'PSS MB':>9} {'USS MB':>9}"]
    for name, pid, memory in rows:
        lines.append(
            f"{name:12} {pid:8d} {memory.rss / MB:9.1f} {memory.pss / MB:9.1f} "
            f"{memory.uss / MB:9.1f}"
        )
    total_pss = sum(memory.pss for _name, _pid, memory in rows)
    workers = [memory for name, _pid, memory in rows if name != "master"]
    largest_uss = max((memory.uss for memory in workers), default=0)
    lines.append(
        f"{'total':12} {'':8} {'':9} {total_pss / MB:9.1f} {'':9}  "
        f"(PSS of all {len(rows)} processes: what this server costs the machine)"
    )
    lines.append(
        f"One more worker costs about its USS: at most {largest_uss / MB:.1f} MB here "
        f"(largest of {len(workers)} workers)."
    )
    return lines


def total_pss(master: int, proc: Path = Path("/proc")) -> int:
    return sum(of_process(pid, proc).pss for pid in [master, *children(master, proc)])


def largest_worker_uss(master: int, proc: Path = Path("/proc")) -> int:
    return max((of_process(pid, proc).uss for pid in children(master, proc)), default=0)

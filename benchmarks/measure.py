"""Run one command and write what it cost: `python measure.py RESULT.json COMMAND ARG...`.

The benchmark process grows (DeepDiff at 10,000 entities takes half a gigabyte), and Linux
counts the memory a child had before `exec` (its copy of the parent) in the child's peak
(`ru_maxrss`). So commands are started from this small process instead, which writes the
command's wall-clock and CPU seconds, peak memory and exit status to RESULT.json; the
command's standard streams are this process's, which the benchmark captures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main() -> int:
    result, command = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    with open(result, "w", encoding="utf-8") as stream:
        json.dump(
            {
                "wall": wall,
                "cpu": usage.ru_utime + usage.ru_stime,
                "peak_mib": usage.ru_maxrss / 1024,
                "returncode": os.waitstatus_to_exitcode(status),
            },
            stream,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A part of the report computed in another process while the report writes the rest:
``python -m <module> ARGS…`` (this kgtools, found through PYTHONPATH) whose result is JSON
on its standard output. The report has two such parts, the validation counts
(:mod:`.validation`) and the query catalog (:mod:`.catalog`), each taking seconds at
1 000 notices on its own core.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


class Background:
    """``python -m module args…`` started now; :meth:`result` waits for its JSON (None when
    it could not start, failed or printed no JSON: the caller then computes it here)."""

    def __init__(self, module: str, *args: str) -> None:
        root = str(
            Path(__file__).resolve().parents[2]
        )  # this kgtools, wherever it was imported from
        paths = [root, os.environ.get("PYTHONPATH", "")]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                [sys.executable, "-m", module, *args], stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env,
            )  # fmt: skip
        except OSError:
            self._process = None

    def result(self) -> Any:
        if self._process is None:
            return None
        output, _ = self._process.communicate()
        code, self._process = self._process.returncode, None
        try:
            return json.loads(output) if code == 0 else None
        except ValueError:
            return None

    def close(self) -> None:
        """Stop the process if its result was never asked for (the report failed)."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None


def reply(value: Any) -> int:
    """Print ``value`` as the process's JSON result (in ``__main__`` of a part)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False))
    return 0

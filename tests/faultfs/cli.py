"""The real CLI in a subprocess with a hard time limit, for shares that may hang.

Output goes to files, not pipes: a child the command leaves behind (say, one still stuck on the
share) cannot hold the test by keeping a pipe open.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from dataclasses import dataclass, field

from tests.store.conftest import Host


@dataclass
class BoundedHost(Host):
    """A Host whose every command must end within ``limit`` seconds, or the test fails."""

    limit: float = 60.0
    env: dict[str, str] = field(default_factory=dict)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = self.command(*args)
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                env={**os.environ, **self.env},
            )
            try:
                code = process.wait(timeout=self.limit)
            except subprocess.TimeoutExpired:
                process.kill()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=10)
                raise AssertionError(f"{args} did not end within {self.limit} s (killed)") from None
            out.seek(0)
            err.seek(0)
            result = subprocess.CompletedProcess(
                command, code, out.read().decode("utf-8"), err.read().decode("utf-8")
            )
        if check and result.returncode != 0:
            raise AssertionError(f"{args} exited {result.returncode}: {result.stderr}")
        return result

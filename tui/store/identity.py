"""Who is writing: login name, host, and a writer id unique to this process."""

from __future__ import annotations

import getpass
import os
import secrets
import socket
import time
from dataclasses import dataclass, field


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid{os.getuid()}"


def new_writer_id(host: str, actor: str) -> str:
    safe = "".join(char if char.isalnum() else "_" for char in f"{host}-{actor}")
    return f"{safe}-{secrets.token_hex(4)}"


@dataclass(frozen=True)
class Identity:
    actor: str = field(default_factory=login_name)
    host: str = field(default_factory=socket.gethostname)
    writer: str = ""

    def __post_init__(self) -> None:
        if not self.writer:
            object.__setattr__(self, "writer", new_writer_id(self.host, self.actor))


def wall_clock_ms() -> int:
    """This host's clock in milliseconds since the epoch."""
    return time.time_ns() // 1_000_000

"""A writer for the store tests: one real process making random changes through the real code.

    python writer_process.py --store S --local L --seed N --changes K --ack FILE [--skew-ms MS]

It acts like an administrator at a jump host: reads what is new, picks a case and an action, and
records it through the core's rules. After each change is durable (``record`` returned) it
appends one JSON line to the acknowledgement file, flushed and fsynced, naming every operation
it made. A refused action (the rules said no) is simply not acknowledged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
from pathlib import Path

from tui.core import actions
from tui.core.errors import Refusal
from tui.core.rules import evaluate
from tui.core.template import default_template
from tui.store.case_store import CaseStore
from tui.store.identity import wall_clock_ms
from tui.store.shared_log import SharedDriveLog

TODAY = dt.date(2026, 11, 25)
NOW = "2026-11-25T10:00:00+01:00"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True)
    parser.add_argument("--local", required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--changes", type=int, required=True)
    parser.add_argument("--ack", required=True)
    parser.add_argument("--skew-ms", type=int, default=0)
    parser.add_argument("--publish-every", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    template = default_template()
    log = SharedDriveLog(
        Path(args.store),
        Path(args.local),
        clock_ms=lambda: wall_clock_ms() + args.skew_ms,
        create=True,
    )
    store = CaseStore(log)
    actor = store.identity.actor
    with Path(args.ack).open("a", encoding="utf-8") as ack:
        for number in range(args.changes):
            store.refresh()
            cases = sorted(store.cases(), key=lambda case: case.case_id)
            if not cases:
                return 1
            case = rng.choice(cases)
            view = evaluate(case, template, TODAY)
            key = rng.choice(template.keys)
            roll = rng.random()
            try:
                if roll < 0.3:
                    changes = actions.edit_case(case, {"unit": f"Enhet {args.seed}-{number}"})
                elif roll < 0.55:
                    key = rng.choice(["bevaka-fraga-svar", "fil-i-fail"])
                    changes = actions.record_check(
                        view, template, key, actor=actor, now=NOW, today=TODAY, note=f"{number}"
                    )
                elif roll < 0.75:
                    changes = actions.mark_done(
                        view, template, key, actor=actor, now=NOW, today=TODAY
                    )
                elif roll < 0.9:
                    changes = actions.undo(view, template, key, actor=actor, now=NOW)
                else:
                    changes = actions.add_note(
                        case.case_id, actor=actor, now=NOW, text=f"note {args.seed}-{number}"
                    )
            except Refusal:
                continue
            publish = (number + 1) % args.publish_every == 0
            ops = store.record(changes, publish=publish)
            line = [
                {"op_id": op.op_id, "case_id": op.case_id, "field": op.field, "value": op.value}
                for op in ops
            ]
            ack.write(json.dumps(line) + "\n")
            ack.flush()
            os.fsync(ack.fileno())
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The baselines of bench_commands.py: the same cases kept the naive way, one whole process each.

    python bench/baselines.py tinydb|sqlite FILE change CASE KIND [KEY]   one change, durable
    python bench/baselines.py tinydb|sqlite FILE list TODAY               the open cases, a table
    python bench/baselines.py tinydb|sqlite FILE nagios TODAY             one line of counts

Each case is one document holding its folded state (fields, items, checks, notes), with no
operation log, no merge and no second host: what a single-user tool would keep.

- tinydb: one TinyDB file, ``JSONStorage`` as it comes (the file is read whole and rewritten
  whole on every change, with a flush and fsync). A read loads every document and decides, per
  case, whether it is open.
- sqlite: one table ``cases(case_id PRIMARY KEY, active, doc)`` in WAL mode, synchronous=FULL (a
  change is durable when it returns); ``active`` is kept up to date by each change and indexed,
  so a read reads only the open cases, as a database design would.

KIND: ``done``/``undo`` set the item's state, ``check`` adds a check to the item, ``unit`` sets
the unit (``case edit``). Only the standard library and TinyDB are imported.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sys
import uuid
from typing import Any

CONDITIONS = {  # the template's conditions, written out (a naive tool hard-codes them)
    "vardgivare-upphor": ("caregiver_ceases", True),
    "sparrgrupp-upphor": ("level", "vardenhet"),
    "vardenhet-upphor": ("level", "enhet"),
}
ITEMS = (
    "vart-arbete",
    "bevaka-fraga-svar",
    "vardgivare-upphor",
    "sparrgrupp-upphor",
    "vardenhet-upphor",
    "hsa-verksamhet",
    "hsa-medarbetaruppdrag",
    "fil-i-fail",
)
BEFORE_CLOSING = ("vart-arbete", "vardgivare-upphor", "sparrgrupp-upphor", "vardenhet-upphor")


def is_open(doc: dict[str, Any]) -> bool:
    for key in ITEMS:
        condition = CONDITIONS.get(key)
        if condition is not None and doc.get(condition[0]) != condition[1]:
            continue
        if doc["items"].get(key, {}).get("state", "open") == "open":
            return True
    return False


def changed(doc: dict[str, Any], kind: str, key: str) -> dict[str, Any]:
    now = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
    who = getpass.getuser()
    if kind in ("done", "undo"):
        state = "done" if kind == "done" else "open"
        record = {"state": state, "at": now, "by": who, "note": None, "reason": None}
        doc["items"] = {**doc["items"], key: record}
    elif kind == "check":
        check = {"id": uuid.uuid4().hex, "at": now, "by": who, "note": None}
        doc["checks"] = {**doc["checks"], key: [*doc["checks"].get(key, []), check]}
    elif kind == "unit":
        doc["unit"] = f"{doc['unit']} (bench)"
    else:
        raise ValueError(kind)
    return doc


def table(docs: list[dict[str, Any]]) -> str:
    docs = sorted(docs, key=lambda doc: (doc["closing"], doc["case_id"]))
    return "\n".join(
        f"{doc['case_id']}  {doc['unit']:<40}  {doc['hsa_id']:<20}  {doc['closing']}"
        for doc in docs
    )


def nagios_line(docs: list[dict[str, Any]], today: str) -> str:
    overdue = sum(
        1
        for doc in docs
        if doc["closing"] < today
        and any(doc["items"].get(key, {}).get("state", "open") == "open" for key in BEFORE_CLOSING)
    )
    state = "CRITICAL" if overdue else "OK"
    return f"NAIVE {state} - overdue: {overdue} | cases={len(docs)} overdue={overdue}"


def run_tinydb(path: str, command: str, args: list[str]) -> int:
    from tinydb import Query, TinyDB

    db = TinyDB(path)
    try:
        if command == "change":
            case_id, kind, key = args[0], args[1], (args[2] if len(args) > 2 else "")
            query = Query().case_id == case_id
            doc = db.get(query)
            if doc is None:
                return 2
            db.update(changed(dict(doc), kind, key), query)
            print("ok")
            return 0
        if command == "show":
            found = db.get(Query().case_id == args[0])
            print(json.dumps(found, ensure_ascii=False, indent=2))
            return 0 if found is not None else 2
        if command == "list-all":
            print(table(list(db.all())))
            return 0
        docs = [doc for doc in db.all() if is_open(doc)]
        print(table(docs) if command == "list" else nagios_line(docs, args[0]))
        return 0
    finally:
        db.close()


def run_sqlite(path: str, command: str, args: list[str]) -> int:
    import sqlite3

    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        if command == "change":
            case_id, kind, key = args[0], args[1], (args[2] if len(args) > 2 else "")
            db.execute("BEGIN IMMEDIATE")
            row = db.execute("SELECT doc FROM cases WHERE case_id = ?", (case_id,)).fetchone()
            if row is None:
                db.execute("ROLLBACK")
                return 2
            doc = changed(json.loads(row[0]), kind, key)
            db.execute(
                "UPDATE cases SET doc = ?, active = ? WHERE case_id = ?",
                (json.dumps(doc, ensure_ascii=False), int(is_open(doc)), case_id),
            )
            db.execute("COMMIT")
            print("ok")
            return 0
        if command == "show":
            row = db.execute("SELECT doc FROM cases WHERE case_id = ?", (args[0],)).fetchone()
            if row is not None:
                print(json.dumps(json.loads(row[0]), ensure_ascii=False, indent=2))
            return 0 if row is not None else 2
        if command == "list-all":
            rows = db.execute("SELECT doc FROM cases").fetchall()
            print(table([json.loads(row[0]) for row in rows]))
            return 0
        rows = db.execute("SELECT doc FROM cases WHERE active = 1").fetchall()
        docs = [json.loads(row[0]) for row in rows]
        print(table(docs) if command == "list" else nagios_line(docs, args[0]))
        return 0
    finally:
        db.close()


def make_tinydb(path: str, docs: list[dict[str, Any]]) -> None:
    from tinydb import TinyDB

    db = TinyDB(path)
    db.insert_multiple(docs)
    db.close()


def make_sqlite(path: str, docs: list[dict[str, Any]]) -> None:
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE cases (case_id TEXT PRIMARY KEY, active INTEGER, doc TEXT)")
    db.execute("CREATE INDEX cases_active ON cases (active)")
    db.executemany(
        "INSERT INTO cases VALUES (?, ?, ?)",
        [(doc["case_id"], int(is_open(doc)), json.dumps(doc, ensure_ascii=False)) for doc in docs],
    )
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def main(argv: list[str]) -> int:
    kind, path, command, *args = argv
    run = run_tinydb if kind == "tinydb" else run_sqlite
    return run(path, command, args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Health of a store as seen from this host: what ``stangning doctor`` prints."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.history import ms_to_iso
from tui.store.files import world_writable
from tui.store.share import OPS, QUARANTINE, SNAPSHOTS, WRITERS, ShareUnavailable
from tui.store.shared_log import CLOCK_TRUST_MS, SharedDriveLog

SKEW_LIMIT_MS = CLOCK_TRUST_MS  # clocks further apart than this are reported
NETWORK_FILE_SYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs"}
LOCAL_FUSE = {"fuse.fuse-overlayfs", "fuseblk"}  # FUSE on local disk (containers, NTFS)


@dataclass(frozen=True)
class Finding:
    check: str  # a key under doctor.* in the language files
    ok: bool
    params: dict[str, Any] = field(default_factory=dict)


NFS_CACHE_LIMIT_SECONDS = 3  # longer attribute caching delays other hosts' changes


@dataclass(frozen=True)
class Mount:
    kind: str
    options: dict[str, str]


def mount_of(path: Path) -> Mount | None:
    """The file system holding path and its mount options, from /proc/mounts (Linux)."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    target = str(path.resolve())
    best, found = "", None
    for line in mounts:
        parts = line.split()
        if len(parts) >= 4:
            point = parts[1].replace("\\040", " ")
            inside = target == point or target.startswith(point.rstrip("/") + "/")
            if inside and len(point) >= len(best):
                options = {
                    name: value
                    for name, _, value in (option.partition("=") for option in parts[3].split(","))
                }
                best, found = point, Mount(parts[2], options)
    return found


def is_network(kind: str) -> bool:
    """Whether a file system of this kind may live on another machine (FUSE clients such as
    sshfs and smbnetfs included)."""
    return kind in NETWORK_FILE_SYSTEMS or (kind.startswith("fuse") and kind not in LOCAL_FUSE)


def share_kind(kind: str) -> str:
    """The share's file system in the words doctor uses: local, nfs, smb or fuse."""
    if kind.startswith("nfs"):
        return "nfs"
    if kind in {"cifs", "smb3", "smbfs"} or kind == "fuse.smbnetfs":
        return "smb"
    if kind.startswith("fuse"):
        return "fuse"
    return "network" if is_network(kind) else "local"


def nfs_cache_advice(mount: Mount) -> list[str]:
    """Mount options that make other hosts' changes show late on NFS (empty when fine)."""
    if not mount.kind.startswith("nfs"):
        return []
    advice = []
    if mount.options.get("lookupcache", "all") == "all":
        advice.append("lookupcache=positive")
    for name in ("acdirmax", "actimeo"):
        value = mount.options.get(name)
        if name == "acdirmax" and value is None and "actimeo" not in mount.options:
            value = "60"  # the Linux default
        if value is not None and value.isdigit() and int(value) > NFS_CACHE_LIMIT_SECONDS:
            advice.append(f"{name}={NFS_CACHE_LIMIT_SECONDS}")
    return advice


def diagnose(log: SharedDriveLog) -> list[Finding]:
    findings = []
    root = log.share.root
    try:
        log.share.store_id()
        reachable = True
    except ShareUnavailable as error:
        reachable = False
        findings.append(Finding("unreachable", False, {"path": root, "cause": error.cause}))
    if reachable:
        findings.append(Finding("reachable", True, {"path": root}))
    pending = log.pending_count()
    findings.append(Finding("pending", pending == 0, {"count": pending}))
    newer = log.report().newer
    if newer:
        findings.append(Finding("newer", False, {"count": newer}))
    findings += [Finding("collision", False, {"seq": seq}) for seq in log.collisions]
    if not reachable:
        return findings

    findings += writer_findings(log)
    quarantined = log.share.quarantined()
    findings.append(Finding("quarantine", not quarantined, {"count": len(quarantined)}))
    findings += [
        Finding("quarantined_file", False, {"file": q["file"], "reason": q["reason"]})
        for q in quarantined
    ]
    open_to_all = [
        str(path)
        for path in (root, *(root / name for name in (OPS, SNAPSHOTS, WRITERS, QUARANTINE)))
        if world_writable(path)
    ]
    findings.append(
        Finding("permissions", not open_to_all, {"paths": ", ".join(open_to_all) or "-"})
    )
    damaged = log.share.damaged_layout()
    if damaged:
        findings.append(Finding("layout", False, {"names": ", ".join(damaged)}))
    local = mount_of(log.local.folder)
    kind = local.kind if local else "?"
    on_network = is_network(kind)
    findings.append(
        Finding(
            "local_folder_network" if on_network else "local_folder",
            not on_network,
            {"path": log.local.folder, "kind": kind},
        )
    )
    share = mount_of(root)
    if share is not None:
        findings.append(share_finding(share))
    return findings


def quarantine_count(log: SharedDriveLog) -> int | None:
    """The files in the share's quarantine, as ``doctor`` lists them; None when the share is
    not reachable now or does not answer within the share's time limit."""
    if not log.report().reachable:
        return None
    try:
        return len(log.bounded.call(log.share.quarantined))
    except (ShareUnavailable, OSError):
        return None


def writer_findings(log: SharedDriveLog) -> list[Finding]:
    """Each writer's heartbeat: when it was last seen and how far its clock is from the
    share's. In the demo's store the demo people act on made-up days: their clocks are said to
    be made up and not held against the store (this host's own clock still is)."""
    with contextlib.suppress(OSError):
        log.share.beat(log.identity.writer, log.identity.host, log.identity.actor, log.raw_clock())
    demo = log.share.is_demo()
    findings = [Finding("demo_store", True)] if demo else []
    for beat in log.share.heartbeats():
        mine = beat.writer == log.identity.writer
        made_up = demo and not mine
        findings.append(
            Finding(
                "demo_writer" if made_up else "writer",
                made_up or abs(beat.skew_ms) <= SKEW_LIMIT_MS,
                {
                    "writer": beat.writer,
                    "host": beat.host,
                    "actor": beat.actor,
                    "seen": ms_to_iso(beat.share_ms),
                    "skew": round(beat.skew_ms / 1000),  # seconds; doctor says it in words
                    "mine": mine,
                },
            )
        )
    return findings


def share_finding(share: Mount) -> Finding:
    """What the share's file system means for how soon other hosts' changes show."""
    family = share_kind(share.kind)
    if family == "nfs":
        advice = nfs_cache_advice(share)
        return Finding(
            "share_nfs", not advice, {"kind": share.kind, "options": ",".join(advice) or "-"}
        )
    # stangning finds new files by listing folders, so a client's cache of failed look-ups
    # does not delay them; a cache of listings or attributes still may, by its own time.
    cache = share.options.get("actimeo") or share.options.get("acdirmax") or "?"
    return Finding(f"share_{family}", True, {"kind": share.kind, "cache": cache})


def healthy(findings: list[Finding]) -> bool:
    return all(finding.ok for finding in findings)

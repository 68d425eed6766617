"""Gauges in the Prometheus text exposition format, made with ``prometheus_client``.

node_exporter's textfile collector reads ``*.prom`` files from its folder on every scrape; the
file is written whole or not at all (``tui.export.output_file``: a temporary file in the same
folder, flushed to disk, renamed into place), and the temporary file's name does not end in
``.prom``, so the collector never reads half of one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from tui.core.metrics import Family

TEXTFILE_NAME = "stangning.prom"


class _Gauges(Collector):
    """Hands the registry the gauges as they are (collected once, when written)."""

    def __init__(self, families: Sequence[Family]) -> None:
        self.families = families

    def collect(self) -> Iterable[Metric]:
        for family in self.families:
            gauge = GaugeMetricFamily(
                family.full_name, family.help, labels=family.labels, unit=family.unit
            )
            for sample in family.samples:
                gauge.add_metric(sample.labels, sample.value)
            yield gauge


def exposition(families: Sequence[Family]) -> bytes:
    """The gauges in the text format (``# HELP``, ``# TYPE``, one line per sample)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Gauges(families))
    return generate_latest(registry)

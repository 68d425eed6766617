"""stangning: carry a care unit's closure through the RVLP checklist (TakeCare + Webcert)."""

__version__ = "0.1.0"

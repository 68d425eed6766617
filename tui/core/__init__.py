"""The pure core: dates, HSA-IDs, the checklist template, case state and its rules.

Nothing here imports Textual or TinyDB (tests/unit/test_import_hygiene.py proves it).
"""

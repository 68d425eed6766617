"""The ``stangning`` command line. Imports Textual only for the dashboard."""

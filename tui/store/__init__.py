"""The store: where operations are kept and read back. No Textual here."""

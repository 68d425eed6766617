"""How data moves between the app, its screens and the store: what the screens may ask of the
app (``dashboard_api``), the messages up (``messages``), the store opened and polled in threads
of their own (``store_opener``, ``poller``), changes recorded through the rules (``recorder``),
and text saved to a file (``saved_file``)."""

"""The dashboard's keys: the bindings of each screen (``bindings``), their descriptions in the
user's language (``binding_text``) and the command palette (``palette``), all read from the
same bindings (so is the help, ``dialogs/help_text``)."""

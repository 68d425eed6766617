"""Files for other tools: a calendar (ICS), a spreadsheet (CSV) and the closure report
(Markdown). Imports the core and the store, never Textual."""

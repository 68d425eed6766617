"""The dashboard's view model: what the panes show, worked out from the core's evaluation
without Textual (rows, columns, words, the board). The screens and widgets only render it."""

"""How the dashboard looks in the terminal it runs in: the colour mode and a theme for each."""

"""The secretariat's jury screens: panel members, conflicts of interest, assignment, criteria presets."""

VIEWSETS: list = []

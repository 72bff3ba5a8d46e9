"""The secretariat's results screens: ranking, decisions, publication, agreement report, exports, objections."""

VIEWSETS: list = []

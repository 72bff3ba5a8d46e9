"""Forms of the entrant portal, one module per topic."""

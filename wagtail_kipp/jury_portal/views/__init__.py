"""Views of the jury portal, one module per topic."""

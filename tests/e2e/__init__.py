"""Browser tests: the entrant portal in a real Chromium, driven by Playwright."""

"""The entrant portal: operators write, save and submit proposals (public site, logged in)."""

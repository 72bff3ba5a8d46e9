"""The jury portal: logged-in jurors score their assigned entries on the public site (no Wagtail admin)."""

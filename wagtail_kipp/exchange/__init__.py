"""Exchange: SINOVIK-format export, bundles upward, harvest."""

"""Stage 3, recognize: segmented text → the facts of a notice record."""

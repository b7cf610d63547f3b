"""The scale benchmark: a synthetic corpus generator (generate.py) and the timed builds (run.py)."""

"""Drawings of the index as inline SVG: the timeline (`timeline`), the relations graph (`graph`),
and the graph's layout (`layout`), which knows nothing of the index or of markup."""

"""Drawings of the index as inline SVG: the timeline (`timeline`); the relations graph (`graph`),
the relations it draws (`relations`) and each entry's neighbourhood in it (`neighbourhood`); and,
knowing nothing of the index or of markup, how a graph is cut and arranged (`arrange`) and laid
out (`layout`)."""

"""Rendering pages: one module per family of generated page (cases, cities, areas, SDGs, indicators, explorer,
search), with the HTML, page-layout and link helpers they share."""

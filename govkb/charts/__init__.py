"""Charts of survey indicators: tidy data, Vega-Lite specs, SVG rendered at build time, and the figure markup."""

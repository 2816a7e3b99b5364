"""Maps: the world's geography on a flat projection, and the city maps drawn from it as inline SVG."""

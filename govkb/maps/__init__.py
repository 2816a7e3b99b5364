"""Maps: the world's geography on a flat projection, and maps drawn on it as inline SVG."""

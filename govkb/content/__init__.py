"""Reading and checking content: strict front matter, safe bodies, the typed model, loading, cross-references."""

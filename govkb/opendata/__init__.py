"""The knowledge base as a dataset others can reuse and cite: its description and version (dataset), its tables
(tables), the files of its open data package (package), citations (citations) and every page's structured
data (jsonld)."""

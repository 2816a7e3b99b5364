"""The Smart Governance knowledge base: load, validate and render the content, with no MkDocs import."""

"""The Smart Governance knowledge base: content is read and checked (``content``), rendered into pages
(``pages``), charts (``charts``) and maps (``maps``), indexed for search (``search``), all tied together by
``build`` for the MkDocs hooks."""

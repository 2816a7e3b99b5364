#!/usr/bin/env python3
"""Write the JSON Schemas of the content files into schema/ (run after changing govkb/models.py)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govkb.schema import schema_texts  # noqa: E402

if __name__ == "__main__":
    out = ROOT / "schema"
    out.mkdir(exist_ok=True)
    for name, text in schema_texts().items():
        (out / name).write_text(text, encoding="utf-8")
        print(f"wrote schema/{name}")

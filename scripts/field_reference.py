#!/usr/bin/env python3
"""Print the field reference generated from the model; `--write` puts it into CONTRIBUTING.md."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govkb.fieldref import field_reference, replace_between_markers  # noqa: E402

if __name__ == "__main__":
    generated = field_reference()
    if "--write" in sys.argv[1:]:
        path = ROOT / "CONTRIBUTING.md"
        path.write_text(replace_between_markers(path.read_text(encoding="utf-8"), generated), encoding="utf-8")
        print("updated the field reference in CONTRIBUTING.md")
    else:
        print(generated, end="")

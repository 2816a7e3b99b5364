#!/usr/bin/env python3
"""Build the site safely: into a temporary folder beside site/, swapped in only when the build succeeds.

`python scripts/build.py [--site-dir site]`. A failed build prints its errors and leaves site/ as it was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    site = args.site_dir.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    # Same filesystem as site/, so the swap is two renames.
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(staging)],
                            cwd=ROOT, env=env)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed; {site} is unchanged.", file=sys.stderr)
        return result.returncode
    retired = site.with_name(f".site-old-{os.getpid()}")
    if site.exists():
        site.rename(retired)
    staging.rename(site)
    shutil.rmtree(retired, ignore_errors=True)
    print(f"Built {site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

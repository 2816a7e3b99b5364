"""``kb build``: build into a temporary folder beside site/, swapped in only when the build succeeds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from govkb.preview import kept_editions_folder


def safe_build(root: Path, site: Path) -> int:
    """A failed build prints its errors and leaves ``site`` as it was."""
    site.parent.mkdir(parents=True, exist_ok=True)
    # Same filesystem as site/, so the swap is two renames.
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(staging)],
                            cwd=root, env=env)
    # A build into a new folder has no editions to keep next time: its records go with it.
    shutil.rmtree(kept_editions_folder(staging), ignore_errors=True)
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

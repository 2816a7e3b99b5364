"""A build renders again only the pages whose inputs changed since the checkout's last build, and gives the site
that a build rendering every page gives. A page whose rendering warned is never handed back: it warns on every
build, so a strict build fails on every build."""

from __future__ import annotations

import re
import shutil

from tests.conftest import PROJECT_PARTS, folder_files, mkdocs_build


def rendered(log: str) -> dict[str, tuple[int, int]]:
    """Each edition's (pages rendered, pages handed back) in a build's log."""
    return {language: (int(made), int(kept)) for language, made, kept in
            re.findall(r"build \((\w+)\): (\d+) pages rendered, (\d+) unchanged", log)}


def assert_a_full_build_gives(rebuilt: dict[str, bytes], project, tmp_path) -> None:
    """``rebuilt`` (path -> bytes) is the site that the same content gives in another checkout, where there is no
    page of its own to hand back, so every page is rendered."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for part in PROJECT_PARTS:
        (shutil.copytree if (project / part).is_dir() else shutil.copy2)(project / part, elsewhere / part)
    full = mkdocs_build(elsewhere, tmp_path / "full")
    assert full.returncode == 0, full.stderr[-3000:]
    assert all(kept == 0 for _, kept in rendered(full.stderr).values())
    built = folder_files(tmp_path / "full")
    assert sorted(rebuilt) == sorted(built)
    assert [name for name in built if rebuilt[name] != built[name]] == []


def test_a_rebuild_after_saves_is_the_site_a_build_rendering_every_page_gives(project, tmp_path):
    site = tmp_path / "site"
    first = mkdocs_build(project, site)
    assert first.returncode == 0, first.stderr[-3000:]
    assert all(kept == 0 for _, kept in rendered(first.stderr).values())

    case = sorted(path for path in (project / "cases").glob("*.md") if path.name.count(".") == 1)[0]
    text = case.read_text(encoding="utf-8")
    title = re.search(r'^title: "(.*)"$', text, re.M).group(1)
    # A case's title (on its city's, areas' and goals' pages too) and a word in its body; a city's name.
    case.write_text(text.replace(f'title: "{title}"', f'title: "{title} renamed"', 1)
                    .replace("\n## ", "\nkbrebuildword\n\n## ", 1), encoding="utf-8")
    cities = project / "data/cities.yaml"
    cities.write_text(cities.read_text(encoding="utf-8").replace('name: "Bilbao"', 'name: "Bilbao Kbrebuild"', 1),
                      encoding="utf-8")
    again = mkdocs_build(project, site)
    assert again.returncode == 0, again.stderr[-3000:]
    counts = rendered(again.stderr)
    assert sorted(counts) == ["en", "es", "fr"]
    assert all(1 <= made < kept for made, kept in counts.values()), counts

    assert_a_full_build_gives(folder_files(site), project, tmp_path)
    assert "kbrebuildword" in (site / "cases" / case.stem / "index.html").read_text(encoding="utf-8")
    assert "Bilbao Kbrebuild" in (site / "es/cities/bilbao/index.html").read_text(encoding="utf-8")


def test_a_page_whose_rendering_warned_warns_again_on_the_next_build(project, tmp_path):
    about = project / "content/en/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nSee [a page](nowhere.md).\n", encoding="utf-8")
    for _ in range(2):
        result = mkdocs_build(project, tmp_path / "site", languages="en")
        assert result.returncode != 0
        assert "contains a link 'nowhere.md'" in result.stderr, result.stderr[-3000:]
    assert rendered(result.stderr)["en"][0] == 1  # that page alone


def test_a_rebuild_keeps_what_did_not_change_and_gives_the_site_a_full_build_gives(project, tmp_path):
    """As a preview does, a build into the same site folder puts back each other edition made from the same inputs,
    and writes the default edition over its previous folder, with its other files kept; hidden entries of the
    folder (a Git checkout of the published site, say) stay, as MkDocs leaves them."""
    site = tmp_path / "site"
    first = mkdocs_build(project, site)
    assert first.returncode == 0, first.stderr[-3000:]
    (site / ".git").mkdir()
    (site / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    about = project / "content/en/about.md"  # English only: the other editions have their own
    about.write_text(about.read_text(encoding="utf-8") + "\nkbkeptword\n", encoding="utf-8")
    again = mkdocs_build(project, site)
    assert again.returncode == 0, again.stderr[-3000:]
    for language in ("es", "fr"):
        assert f"build ({language}): made from the same inputs as in the previous build" in again.stderr
    taken = re.search(r"build \(en\): (\d+) pages rendered, \d+ unchanged since the previous build; (\d+) of its "
                      r"(\d+) other files kept", again.stderr)
    assert taken and int(taken.group(1)) >= 1 and taken.group(2) == taken.group(3), again.stderr[-2000:]
    assert (site / ".git/HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert "kbkeptword" in (site / "about/index.html").read_text(encoding="utf-8")

    assert_a_full_build_gives({name: data for name, data in folder_files(site).items()
                               if not name.startswith(".git/")}, project, tmp_path)


def test_a_rebuild_removes_the_pages_the_content_no_longer_has(project, tmp_path):
    """A rebuild writes over the previous site: a page whose source is gone goes, with its folder. (The folder
    logic is the same for every edition: English alone, to keep the test quick.) A rebuild of unchanged pages
    gives the same site again."""
    extra = project / "content/en/kb-extra-page.md"
    extra.write_text("# An extra page\n\nkbextraword\n", encoding="utf-8")
    site = tmp_path / "site"
    first = mkdocs_build(project, site, languages="en")
    assert first.returncode == 0, first.stderr[-3000:]
    assert (site / "kb-extra-page/index.html").is_file()

    extra.unlink()
    again = mkdocs_build(project, site, languages="en")
    assert again.returncode == 0, again.stderr[-3000:]
    taken = re.search(r"build \(en\): .*; (\d+) of its (\d+) other files kept", again.stderr)
    assert taken and taken.group(1) == taken.group(2), again.stderr[-2000:]  # the rest of the folder, put back
    assert not (site / "kb-extra-page").exists()
    fresh = mkdocs_build(project, tmp_path / "fresh", languages="en")
    assert fresh.returncode == 0, fresh.stderr[-3000:]
    assert folder_files(site) == folder_files(tmp_path / "fresh")

    # Nothing changed: the search bundle set aside comes back whole, and the site is the same.
    unchanged = mkdocs_build(project, site, languages="en")
    assert unchanged.returncode == 0, unchanged.stderr[-3000:]
    assert not (site.with_name("site.kept-editions") / "search").exists()
    assert folder_files(site) == folder_files(tmp_path / "fresh")

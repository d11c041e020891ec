"""Bad input never crashes: one clear line per file, the right exit code, others reviewed."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run, run_json, toy_plugin_dir

from pmcoach.errors import ExitCode

GOOD = "# Toy\n\nA toy note, complete.\n"


@pytest.fixture
def toy(tmp_path: Path) -> Path:
    return toy_plugin_dir(tmp_path)


def _review_with_good(tmp_path: Path, toy: Path, bad: str) -> tuple[object, dict]:
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    return run_json("review", bad, str(good), "--plugins-dir", str(toy))


def _bad_file(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


CASES = {
    "missing": (None, "no such file or folder"),
    "empty.md": (b"  \n\n", "is empty"),
    "binary.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "looks binary"),
    "latin1.md": ("# Café\n\nA toy résumé.\n".encode("latin-1"),
                  "is not UTF-8 (byte 0xe9 on line 1)"),
    "huge.md": (b"toy words here\n" * (20 * 1024 * 1024 // 15), "is larger than 2 MB"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_file_gets_one_line_and_exit_3_while_others_are_reviewed(
        tmp_path: Path, toy: Path, name: str) -> None:
    data, message = CASES[name]
    bad = str(tmp_path / name) if data is None else _bad_file(tmp_path, name, data)
    result, report = _review_with_good(tmp_path, toy, bad)
    assert result.exit_code == ExitCode.FAILED
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 1, result.stderr
    assert bad in lines[0] and message in lines[0]
    assert "Traceback" not in result.stderr
    by_path = {r["path"]: r for r in report["results"]}
    assert by_path[bad]["error"]["type"] == "input"
    assert by_path[str(tmp_path / "good.md")]["score"] == 100


def test_folder_with_no_documents(tmp_path: Path, toy: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "image.png").write_bytes(b"\x89PNG")
    result, report = _review_with_good(tmp_path, toy, str(empty))
    assert result.exit_code == ExitCode.FAILED
    assert "no documents" in result.stderr


def test_folder_expands_to_documents_skipping_hidden(tmp_path: Path, toy: Path) -> None:
    folder = tmp_path / "portfolio"
    (folder / "nested").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "a.md").write_text(GOOD)
    (folder / "nested" / "b.txt").write_text(GOOD)
    (folder / ".git" / "c.md").write_text(GOOD)
    (folder / ".hidden.md").write_text(GOOD)
    (folder / "d.png").write_bytes(b"\x00")
    result, report = run_json("review", str(folder), "--plugins-dir", str(toy))
    assert result.exit_code == ExitCode.OK
    assert sorted(Path(r["path"]).name for r in report["results"]) == ["a.md", "b.txt"]


def test_utf16_with_bom_is_decoded(tmp_path: Path, toy: Path) -> None:
    path = _bad_file(tmp_path, "utf16.md", GOOD.encode("utf-16"))
    result, report = run_json("review", path, "--plugins-dir", str(toy))
    assert result.exit_code == ExitCode.OK
    assert report["results"][0]["score"] == 100


def test_broken_front_matter_warns_and_still_reviews(tmp_path: Path, toy: Path) -> None:
    path = tmp_path / "fm.md"
    path.write_text("---\nkind: [toy-note\n---\n# Toy\n\nA toy note.\n")
    result, report = run_json("review", str(path), "--plugins-dir", str(toy))
    assert result.exit_code == ExitCode.OK
    assert f"{path}: front matter is not valid YAML" in result.stderr
    assert report["results"][0]["kind"] == "toy-note"
    assert "Traceback" not in result.stderr


def test_front_matter_kind_no_plugin_provides(tmp_path: Path, toy: Path) -> None:
    path = tmp_path / "prd.md"
    path.write_text("---\nkind: prd\n---\n# Toy PRD\n")
    result, report = run_json("review", str(path), "--plugins-dir", str(toy))
    assert result.exit_code == ExitCode.FAILED
    assert "front matter says kind 'prd'" in result.stderr
    assert report["results"][0]["error"]["type"] == "kind"


def test_type_is_accepted_as_front_matter_kind(tmp_path: Path, toy: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text("---\ntype: Toy-Note\n---\nNothing telling.\n")
    _, report = run_json("review", str(path), "--plugins-dir", str(toy))
    assert report["results"][0]["detection"]["source"] == "front-matter"


def test_a_document_of_no_kind_is_skipped_saying_how_to_review_it(tmp_path: Path, toy: Path
                                                                   ) -> None:
    path = tmp_path / "recipe.md"
    path.write_text("Mix flour and eggs. Bake.\n")
    result = run("review", str(path), "--plugins-dir", str(toy), "--fail-on", "never")
    assert result.exit_code == ExitCode.OK
    assert "skipped: not a PM document" in result.stderr
    assert "add 'kind: <kind>' front matter" in result.stderr


def test_a_directory_named_as_a_file_argument_with_trailing_slash(tmp_path: Path, toy: Path
                                                                  ) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "n.md").write_text(GOOD)
    result = run("review", f"{tmp_path / 'd'}/", "--plugins-dir", str(toy))
    assert result.exit_code == ExitCode.OK


def test_nothing_is_written_to_reviewed_files(tmp_path: Path, toy: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("A toy note.\n\nTODO: x.\n")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    run("review", str(path), "--plugins-dir", str(toy))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


"""The loader's bounds: what it refuses where data enters, each with file, line and fix.

These exercise `orgchart.load` directly; `tests/hostile/` runs the same kinds of input through
every command.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import yaml

import orgchart
from orgchart.dataset.files import read_bounded
from orgchart.dataset.safe_yaml import MAX_DEPTH, parse_yaml
from orgchart.dataset.text import MAX_NAME_CHARS, MAX_QUOTE_CHARS
from tests.conftest import ERA_YAML, SOURCE_TEXT, DatasetMaker


def replace(old: str, new: str, text: str = ERA_YAML) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def problems_of(root: Path) -> str:
    with pytest.raises(orgchart.DataError) as caught:
        orgchart.load(root)
    assert all(problem.fix for problem in caught.value.problems), caught.value
    return str(caught.value)


BAD_VALUES = {
    "aliases inside a mapping key": (
        ERA_YAML + "? [&a0 [lol, lol], &a1 [*a0, *a0], &a2 [*a1, *a1]]\n: boom\n",
        "era-one.yaml:57:3",
        "key must be plain text",
    ),
    "alias as a mapping key": (
        replace("acronym: EA", "acronym: &k EA\n    *k : boom"),
        "era-one.yaml:8:14",
        "aliases (*name) are not allowed",
    ),
    "anchor without alias": (replace("label: Example", "label: &x Example"), "era-one.yaml:2:8", "anchors"),
    "int tag on text": (replace("value: 12", "value: !!int abc"), "era-one.yaml:53:12", "'abc' is not a valid int"),
    "float tag on text": (replace("value: 12", "value: !!float abc"), "era-one.yaml:53:12", "not a valid float"),
    "timestamp tag on text": (
        replace("name: Field Division", "name: !!timestamp x"),
        "era-one.yaml:13:11",
        "not a valid timestamp",
    ),
    "python tag": (replace("acronym: EA", "acronym: !!python/object:os.system x"), "era-one.yaml:8", "not supported"),
    "nan": (replace("value: 12", "value: .nan"), "era-one.yaml:53:12", "must be a finite number"),
    "inf": (replace("value: 12", "value: -.inf"), "era-one.yaml:53:12", "must be a finite number"),
    "10^20": (replace("value: 12", "value: 100000000000000000000"), "era-one.yaml:53:12", "must be within"),
    "white-space quote": (
        replace("quote: the Field Division", 'quote: "   "'),
        "era-one.yaml:17:16",
        "a quote of only white space",
    ),
    "quote too long": (
        replace("quote: the Field Division", "quote: " + "x" * (MAX_QUOTE_CHARS + 1)),
        "era-one.yaml:17:16",
        f"is too long (at most {MAX_QUOTE_CHARS:,})",
    ),
    "name too long": (
        replace("name: Field Division", "name: " + "x" * 70_000),
        "era-one.yaml:13:11",
        f"70,000 characters is too long (at most {MAX_NAME_CHARS:,})",
    ),
    "deep flow sequence": (
        replace("label: Example Agency, first era", "label: " + "[" * 500 + "]" * 500),
        "era-one.yaml:2",
        f"nesting deeper than {MAX_DEPTH} levels",
    ),
    "escape sequence in a name": (
        replace("name: Field Division", 'name: "Field \\e[2J Division"'),
        "era-one.yaml:13:11",
        "U+001B (ESCAPE) is not allowed",
    ),
    "NUL byte": (replace("name: Field Division", "name: Field \x00Division"), "era-one.yaml:13:17", "U+0000"),
    "look-alike letter in a name": (
        replace("name: Field Division", "name: Fi\u0435ld Division"),
        "era-one.yaml:13:11",
        "U+0435 CYRILLIC SMALL LETTER IE) in 'Fi\u0435ld' looks like 'e'",
    ),
    "look-alike letter in an id": (
        replace("id: field\n", "id: fi\u0435ld\n"),
        "era-one.yaml:12:9",
        "U+0435 CYRILLIC SMALL LETTER IE) at position 3 is not allowed",
    ),
    "two dots in an era id": (replace("id: era-one", "id: era..one"), "era-one.yaml:1:5", "`..`"),
    "second document": (ERA_YAML + "---\nid: two\n", "era-one.yaml:57:1", "a second YAML document"),
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_hostile_values_are_located_errors(case: str, make_dataset: DatasetMaker) -> None:
    era_yaml, where, message = BAD_VALUES[case]
    text = problems_of(make_dataset(era_yaml=era_yaml))
    assert where in text and message in text, text


@pytest.mark.parametrize(
    ("start", "message"),
    [("2023-02-30", "day value is outside expected range"), ("0000-01-01", "date.start")],
)
def test_impossible_dates_are_located_errors(start: str, message: str, make_dataset: DatasetMaker) -> None:
    root = make_dataset()
    sources = root / "sources.yaml"
    sources.write_text(sources.read_text().replace("start: 2020-05-01", f"start: {start}"), encoding="utf-8")
    text = problems_of(root)
    assert "sources.yaml:7:" in text and message in text and "YYYY-MM-DD" in text, text


@pytest.mark.parametrize("where", ["? ", "x: "])
def test_an_alias_bomb_is_refused_before_it_expands(where: str) -> None:
    # Nine levels of nine aliases each would be 387 million items; the first anchor stops it.
    levels = "".join(f", &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9))
    bomb = f"{where}[&a0 [lol, lol, lol]{levels}]\n" + (": x\n" if where == "? " else "")
    with pytest.raises(orgchart.DataError, match=r"key must be plain text|aliases"):
        parse_yaml(bomb, "bomb.yaml")


def test_deep_nesting_costs_no_recursion() -> None:
    # 100,000 levels: libyaml itself stops at its flow depth; block nesting stops at ours.
    with pytest.raises(orgchart.DataError, match="nesting"):
        parse_yaml("a: " + "[" * 100_000, "deep.yaml")
    block = "".join("  " * depth + "- \n" for depth in range(5_000))
    with pytest.raises(orgchart.DataError, match=f"nesting deeper than {MAX_DEPTH}"):
        parse_yaml(block, "deep.yaml")


@pytest.mark.parametrize("text", ["08", "1e5", "yes", "NO", "1_000", "0x1F", "012", "1:20", "2023-01-18", "=", "<<"])
def test_what_safe_dump_writes_plain_reads_back_as_text(text: str) -> None:
    value, _ = parse_yaml(yaml.safe_dump({"a": text}), "x.yaml")
    assert value == {"a": text}


def test_numbers_nulls_and_booleans_keep_their_types() -> None:
    value, positions = parse_yaml("a: 12\nb: -1.5\nc: ~\nd: true\ne: '12'\n", "x.yaml")
    assert value == {"a": 12, "b": -1.5, "c": None, "d": True, "e": "12"}
    assert positions[("e",)] == (5, 4)


def test_uppercase_sha256_is_the_same_digest(make_dataset: DatasetMaker) -> None:
    digest = hashlib.sha256(SOURCE_TEXT.encode()).hexdigest().upper()
    dataset = orgchart.load(make_dataset(sha256=digest))
    assert dataset.sources["doc-one"].sha256 == digest.lower()


def test_a_changed_source_is_reported_once_not_per_quote(make_dataset: DatasetMaker) -> None:
    root = make_dataset()
    (root / "sources" / "doc-one.txt").write_text(SOURCE_TEXT.replace("Example", "Sample"), encoding="utf-8")
    with pytest.raises(orgchart.DataError) as caught:
        orgchart.load(root)
    [problem] = caught.value.problems
    assert "has sha256" in problem.message and "its quotes were not checked" in problem.message


def test_latin1_bytes_are_named_with_their_line(make_dataset: DatasetMaker) -> None:
    root = make_dataset()
    era = replace("name: Support Division", "name: Support Divisi\u00f3n").encode("latin-1")
    (root / "eras" / "era-one.yaml").write_bytes(era)
    text = problems_of(root)
    assert "era-one.yaml:19:25: byte 0xF3 is not UTF-8" in text and "Latin-1" in text, text


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ("../../etc/hostname", "leaves the data directory"),
        ("/etc/hostname", "is an absolute path"),
        ("sources", "is a directory, not a file"),
    ],
)
def test_a_source_file_must_be_a_file_inside_the_dataset(file: str, message: str, make_dataset: DatasetMaker) -> None:
    root = make_dataset()
    sources = root / "sources.yaml"
    sources.write_text(sources.read_text().replace("file: sources/doc-one.txt", f"file: {file}"), encoding="utf-8")
    text = problems_of(root)
    assert "sources.yaml:3:" in text and message in text, text


def link(path: Path, target: str | Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(target)


@pytest.mark.parametrize(
    ("place", "make", "message"),
    [
        ("eras/zero.yaml", lambda p: link(p, "/dev/zero"), "symbolic link to /dev/zero outside the dataset"),
        ("eras/outside.yaml", lambda p: link(p, "/etc/hostname"), "outside the dataset"),
        ("eras/dangling.yaml", lambda p: link(p, "nowhere.yaml"), "which does not exist"),
        ("eras/pipe.yaml", os.mkfifo, "is a FIFO (named pipe), not a regular file"),
        ("eras/folder.yaml", Path.mkdir, "is a directory, not a file"),
        ("sources.yaml", lambda p: (p.unlink(), p.mkdir()), "is a directory, not a file"),
        ("sources/doc-one.txt", lambda p: link(p, "/dev/urandom"), "outside the dataset"),
        ("eras/big.yaml", lambda p: os.truncate(p.touch() or p, 300 * 2**20), "files larger than 256.0 MiB"),
    ],
)
def test_files_that_are_not_bounded_regular_files_are_refused(
    place: str, make: object, message: str, make_dataset: DatasetMaker
) -> None:
    root = make_dataset()
    make(root / place)  # type: ignore[operator]
    text = problems_of(root)
    assert message in text, text


def test_a_link_inside_the_dataset_is_followed(make_dataset: DatasetMaker) -> None:
    root = make_dataset()
    (root / "eras" / "era-one.yaml").rename(root / "era-one.yaml.keep")
    link(root / "eras" / "era-one.yaml", "../era-one.yaml.keep")
    assert orgchart.load(root).era("era-one")


def test_reading_stops_at_the_bound_even_when_size_lies(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_bytes(b"x" * 1000)
    assert len(read_bounded(path, max_bytes=1000)) == 1000
    with pytest.raises(orgchart.DataError, match="larger than 999 bytes"):
        read_bounded(path, max_bytes=999)

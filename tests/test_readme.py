"""The README's generated parts match the data, so they cannot drift."""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

import orgchart
from orgchart.cli import app
from orgchart.report.summary import eras_markdown, findings_markdown

README = Path(__file__).resolve().parent.parent / "README.md"


def test_eras_table_matches_the_data() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- eras:start[^\n]*-->\n(.*?)<!-- eras:end -->", text, re.DOTALL)
    assert match, "README.md lost its eras block"
    assert match.group(1) == eras_markdown(orgchart.load()), "run `make readme`"


def test_quick_start_has_exactly_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("##", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quick, re.DOTALL)
    assert block
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make", "make test"]


def test_chart_block_shows_the_newest_era_and_the_measured_size() -> None:
    from orgchart.render.charts import readme_chart_block

    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- chart:start[^\n]*-->\n(.*?)<!-- chart:end -->", text, re.DOTALL)
    assert match, "README.md lost its chart block"
    dataset = orgchart.load()
    assert f"](renders/charts/{dataset.latest.id}.svg)" in match.group(1)
    assert match.group(1) == readme_chart_block(dataset), "run `make readme`"
    assert (README.parent / "renders" / "charts" / f"{dataset.latest.id}.svg").is_file(), "run `make`"


# --- the Queries section: its examples run, so they cannot drift ------------------------------


def queries_section() -> str:
    text = README.read_text(encoding="utf-8")
    assert "## Queries" in text, "README.md lost its Queries section"
    return text.split("## Queries", 1)[1].split("\n## ", 1)[0]


def fenced(section: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section, re.DOTALL)


def test_python_examples_give_the_output_shown() -> None:
    blocks = fenced(queries_section(), "python")
    assert blocks, "the Queries section has no python example"
    text = README.read_text(encoding="utf-8")
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    runner = doctest.DocTestRunner(optionflags=flags)
    for block in blocks:
        line = text[: text.index(block)].count("\n")  # so failures name README.md's own line numbers
        test = doctest.DocTestParser().get_doctest(block, {}, "README.md, Queries", str(README), line)
        assert test.examples, "write the Python examples doctest-style (>>> lines and their output)"
        output: list[str] = []
        result = runner.run(test, out=output.append)
        assert result.failed == 0, "".join(output)


def command_examples(block: str) -> list[tuple[str, list[str]]]:
    """(command, expected lines) for each `$ orgchart ...` line and the output under it."""
    examples: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            examples.append((line[2:], []))
        elif examples and line.strip():
            examples[-1][1].append(line)
    return examples


def normalized(line: str) -> str:
    """A line with runs of white space and of table rules folded, as column widths vary with the data."""
    return re.sub(r"─+", "─", " ".join(line.split()))


def test_command_line_examples_print_the_output_shown() -> None:
    examples = [example for block in fenced(queries_section(), "console") for example in command_examples(block)]
    assert len(examples) >= 5, "the Queries section lost its command-line examples"
    runner = CliRunner()
    for command, expected in examples:
        words = shlex.split(command)
        assert words[0] == "orgchart", command
        result = runner.invoke(app, words[1:], env={"COLUMNS": "80"})
        assert result.exit_code == 0, f"{command}\n{result.output}"
        actual = [normalized(line) for line in result.stdout.splitlines()]
        position = 0
        skipping = False
        for want in expected:
            if want == "...":
                skipping = True
                continue
            if skipping:
                while position < len(actual) and actual[position] != normalized(want):
                    position += 1
            assert position < len(actual) and actual[position] == normalized(want), (
                f"README example `{command}` expected {want!r}; the command printed:\n{result.stdout}"
            )
            position += 1
            skipping = False


def test_findings_list_matches_the_data() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- findings:start[^\n]*-->\n(.*?)<!-- findings:end -->", text, re.DOTALL)
    assert match, "README.md lost its findings block"
    assert match.group(1) == findings_markdown(orgchart.load()), "run `make readme`"
    assert "count mismatch" in match.group(1) and "Į" in match.group(1)


def test_performance_tables_match_the_recorded_benchmark() -> None:
    from benchmarks.report import load_results, performance_markdown

    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- performance:start[^\n]*-->\n(.*?)<!-- performance:end -->", text, re.DOTALL)
    assert match, "README.md lost its performance block"
    assert match.group(1) == performance_markdown(load_results()), "run `make readme` (after `make bench`)"


def test_draft_table_is_the_recorded_benchmark() -> None:
    from benchmarks.report import draft_markdown, load_results

    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- draft-bench:start[^\n]*-->\n(.*?)<!-- draft-bench:end -->", text, re.DOTALL)
    assert match, "README.md lost its draft-bench block"
    assert match.group(1) == draft_markdown(load_results().get("records", {}).get("bench_draft")), "run `make readme`"

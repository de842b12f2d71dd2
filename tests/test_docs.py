"""The README stays true: every setting documented, every command has help, the two commands come first."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from ingest.settings import PREFIX, Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [f.name for f in fields(Settings)])
def test_every_setting_is_in_the_readme(name):
    assert f"`{PREFIX}{name.upper()}`" in README


@pytest.mark.parametrize("command", [["-m", "ingest"], ["-m", "assistant"], ["-m", "assistant.report"], ["app.py"]])
def test_every_command_has_help(command):
    result = subprocess.run([sys.executable, *command, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "usage:" in result.stdout and "--store" in result.stdout


def test_readme_starts_with_the_run_and_test_commands():
    block = README.split("```bash\n", 1)[1].split("```", 1)[0].splitlines()
    assert "app.py --ingest" in block[0]
    assert "pytest" in block[1]
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith(block[1].split("#")[0].strip())


def test_settings_come_from_the_environment_and_arguments_win(tmp_path):
    env = {"HYPERFAQ_PORT": "9000", "HYPERFAQ_MIN_CONFIDENCE": "0.7", "HYPERFAQ_STORE": str(tmp_path)}
    settings = Settings.from_env(env, port=9100)
    assert (settings.port, settings.min_confidence, settings.store) == (9100, 0.7, tmp_path)


def test_a_bad_setting_names_the_variable():
    with pytest.raises(ValueError, match="HYPERFAQ_PORT='abc' is not a number"):
        Settings.from_env({"HYPERFAQ_PORT": "abc"})

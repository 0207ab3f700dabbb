"""fagkraft.engine must never import Django (checked at run time and in the source)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import fagkraft.engine

ENGINE_DIR = Path(fagkraft.engine.__file__).parent


def engine_modules() -> list[str]:
    names = ["fagkraft.engine"]
    names += [f"fagkraft.engine.{info.name}" for info in pkgutil.iter_modules([str(ENGINE_DIR)])]
    return names


def test_engine_has_modules() -> None:
    assert "fagkraft.engine.turnover" in engine_modules()
    assert "fagkraft.engine.ages" in engine_modules()


def test_importing_the_engine_loads_no_django() -> None:
    # A fresh interpreter without DJANGO_SETTINGS_MODULE: nothing may pull Django in.
    script = (
        "import importlib, sys\n"
        f"for name in {engine_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, env={"PATH": "/usr/bin:/bin"})
    assert result.stdout.strip() == ""


def test_no_engine_source_imports_django() -> None:
    offenders = []
    for path in ENGINE_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            offenders += [f"{path.name}: {m}" for m in modules if m.split(".")[0] == "django"]
    assert offenders == []

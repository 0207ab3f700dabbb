"""fagkraft.engine stays pure: no Django (at run time and in the source), every module
importable on its own, and no import cycle between its modules."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

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


def engine_imports(path: Path) -> set[str]:
    """The fagkraft.engine modules that the source of `path` imports, at any depth."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            # `from fagkraft.engine import wisn` imports the module fagkraft.engine.wisn.
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    modules = set(engine_modules())
    return {name for name in found if name in modules}


def engine_graph() -> dict[str, set[str]]:
    graph = {}
    for path in ENGINE_DIR.glob("*.py"):
        name = "fagkraft.engine" if path.stem == "__init__" else f"fagkraft.engine.{path.stem}"
        graph[name] = engine_imports(path) - {name}
    return graph


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of the graph (as a path that ends where it starts), or []."""
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> list[str]:
        if node in path:
            return [*path[path.index(node):], node]
        if node in done:
            return []
        path.append(node)
        for target in sorted(graph.get(node, ())):
            found = visit(target)
            if found:
                return found
        path.pop()
        done.add(node)
        return []

    for node in sorted(graph):
        found = visit(node)
        if found:
            return found
    return []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """a -> b -> c -> a is a cycle; a -> b, a -> c, b -> c is not."""
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_the_graph_sees_the_engine_imports() -> None:
    graph = engine_graph()
    assert "fagkraft.engine.projection_types" in graph["fagkraft.engine.population"]
    assert "fagkraft.engine.turnover" in graph["fagkraft.engine.turnover_rates"]


def test_no_import_cycle_in_the_engine() -> None:
    assert cycle_in(engine_graph()) == []


def test_projection_types_import_nothing_else_from_the_engine() -> None:
    assert engine_graph()["fagkraft.engine.projection_types"] == set()


@pytest.mark.parametrize("name", engine_modules())
def test_every_engine_module_imports_on_its_own(name: str) -> None:
    """`python -c "import fagkraft.engine.X"` in a fresh interpreter, one module at a time:
    a module that only works after another one was imported fails here."""
    result = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True,
                            text=True, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr

"""Every decision about roles lives in fagkraft.access: a role checked elsewhere fails here.

The source is parsed (ast), not imported. Outside the allowlist none of these may appear:
- an attribute of the accounts' `Role` enum (`Role.LEADER`, `Role.choices`), wherever the
  name `Role` was imported from `fagkraft.accounts.models` (the apps' own `Role` enums of
  supervisors and teachers are other classes and do not count);
- a comparison with a `.role` attribute (`scope.role == ...`, `x.role in (...)`);
- `is_superuser`, read or written.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import django_filters
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.generics import GenericAPIView

from fagkraft.core.api import ScopedFilterBackend

SRC = Path(__file__).resolve().parents[1] / "src" / "fagkraft"

# Packages and modules that must name roles, each with the reason.
ALLOWED = {
    # The access policy itself.
    "access/": "the one place where roles are decided",
    # Where roles are defined, validated against their units and granted.
    "accounts/": "defines Role and Profile; its services grant roles (superuser = admin)",
    # The demo seeder creates one login per role.
    "demo/": "seeds a demo login for each role",
}


def _allowed(relative: str) -> bool:
    return any(relative == key or (key.endswith("/") and relative.startswith(key))
               for key in ALLOWED)


def _role_names(tree: ast.Module) -> set[str]:
    """Local names bound to accounts.models.Role (`from ... import Role as R` too)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "fagkraft.accounts.models":
            names |= {alias.asname or alias.name for alias in node.names if alias.name == "Role"}
    return names


def _is_role_attribute(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "role"


def role_checks(source: str) -> list[tuple[int, str]]:
    """(line, what) for every role check in a module's source."""
    tree = ast.parse(source)
    role_names = _role_names(tree)
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in role_names):
            found.append((node.lineno, f"{node.value.id}.{node.attr}"))
        elif isinstance(node, ast.Compare) and any(
                _is_role_attribute(operand) for operand in [node.left, *node.comparators]):
            found.append((node.lineno, "comparison on .role"))
        elif (isinstance(node, ast.Attribute) and node.attr == "is_superuser"
              or isinstance(node, ast.Name) and node.id == "is_superuser"):
            found.append((node.lineno, "is_superuser"))
    return found


def test_no_role_is_checked_outside_access():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if "/migrations/" in f"/{relative}" or _allowed(relative):
            continue
        offenders += [f"{relative}:{line}: {what}"
                      for line, what in role_checks(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_every_allowlisted_path_exists_and_still_needs_its_place():
    """A stale allowlist entry would let a future role check in unnoticed."""
    for key in ALLOWED:
        path = SRC / key
        assert path.exists(), key
        files = [path] if path.is_file() else list(path.rglob("*.py"))
        assert any(role_checks(file.read_text(encoding="utf-8")) for file in files), key


def test_the_checker_finds_each_kind_of_role_check():
    """Hand-written snippets: three kinds found, the look-alikes not."""
    source = (
        "from fagkraft.accounts.models import Role as R\n"
        "from fagkraft.education.models import CandidateSupervisor\n"
        "a = R.LEADER\n"                                 # line 3: accounts Role
        "b = scope.role in (1, 2)\n"                     # line 4: comparison on .role
        "c = user.is_superuser\n"                        # line 5: is_superuser
        "d = CandidateSupervisor.Role.SIGNING\n"         # another Role enum: fine
        "e = entry.role\n"                               # reading a role is no check
        "class Role: X = 1\n"
        "f = Role.X\n"                                   # a local Role: fine
    )
    assert role_checks(source) == [(3, "R.LEADER"), (4, "comparison on .role"),
                                   (5, "is_superuser")]


# --- The API and the filters ask access too -----------------------------------------

# Choice lists of reference data (the same for every user, no personal data).
REFERENCE_MODELS = {"competence.competence", "workforce.profession", "workforce.specialty",
                    "education.pathwaytemplate", "education.learninggoal",
                    "education.pathwaypart"}


def _views(patterns: list) -> list[type]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += _views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "cls", None)
            if view is not None and view.__module__.startswith("fagkraft."):
                found.append(view)
    return found


def test_every_viewset_filters_with_the_scoped_backend():
    viewsets = {view for view in _views(get_resolver().url_patterns)
                if issubclass(view, GenericAPIView)}
    assert len(viewsets) >= 20  # units ... scenarios: every app's API is in the URLconf
    assert sorted(view.__name__ for view in viewsets
                  if ScopedFilterBackend not in view.filter_backends) == []


def _filtersets() -> list[type[django_filters.FilterSet]]:
    modules = [importlib.import_module(f"fagkraft.{path.parent.name}.filtersets")
               for path in SRC.glob("*/filtersets.py")]
    return [value for module in modules for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, django_filters.FilterSet)
            and value.__module__ == module.__name__]


def test_every_choice_list_of_records_is_scoped_by_the_request():
    """A ModelChoiceFilter over records lists them through access (a callable that takes
    the request), so a FilterSet built with the request offers only what the user sees."""
    unscoped = []
    filtersets = _filtersets()
    assert len(filtersets) >= 15
    for filterset in filtersets:
        for name, field in filterset.base_filters.items():
            if not isinstance(field, django_filters.ModelChoiceFilter):
                continue
            queryset = field.extra.get("queryset")
            if callable(queryset):
                continue
            if queryset is not None and queryset.model._meta.label_lower in REFERENCE_MODELS:
                continue
            unscoped.append(f"{filterset.__name__}.{name}")
    assert unscoped == []

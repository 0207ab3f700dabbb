"""The form renderer: Django's own, with `<select>` written in Python.

Django renders a select through one template include per option. A trust's unit picker
holds about 900 units and the education page shows seven of them: 0.37 s of the page's
0.59 s went to those includes at national scale (issue 15, benchmarks/README.md). This
renderer writes the same markup (character for character: tests/test_select_renderer.py
compares it with the templates' output) for the stock select and option templates, and
hands anything else (another template, a widget with its own option template, a label
that is not text) to the templates as before.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _escaped(value: Any) -> str:
    """conditional_escape, with plain text escaped directly (Django's escape does the
    same html.escape behind a lazy-text wrapper that cost a third of a 900-option select)."""
    if type(value) is str:
        return html.escape(value)
    return str(conditional_escape(value))


def _text(value: Any) -> str:
    """What `{{ value|stringformat:'s' }}` prints under autoescape: safe text stays as it is."""
    return _escaped(value if hasattr(value, "__html__") else f"{value}")


def _attrs(attrs: Mapping[str, Any]) -> str:
    """django/forms/widgets/attrs.html: False leaves the attribute out, True names it."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{_text(value)}"')
    return "".join(parts)


def _plain(label: Any) -> bool:
    # The template would localize a number or a date; only text takes the fast path.
    return isinstance(label, str | Promise)


def _options_fit(optgroups: Iterable[tuple[Any, list[dict[str, Any]], int]]) -> bool:
    return all(
        (group_name is None or _plain(group_name))
        and all(option.get("template_name") == OPTION_TEMPLATE and _plain(option["label"])
                for option in options)
        for group_name, options, _index in optgroups
    )


def select_html(widget: Mapping[str, Any]) -> str:
    """django/forms/widgets/select.html for this widget context, stripped as render() does."""
    # Each option ends in the newline that closes select_option.html.
    parts = [f'<select name="{_escaped(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escaped(group_name)}">')
        for option in options:
            parts.append(f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                         f'{_escaped(option["label"])}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FastSelectRenderer(DjangoTemplates):
    """Django's template renderer, except for the stock select (see the module docstring)."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget") if template_name == SELECT_TEMPLATE else None
        if widget is not None and _options_fit(widget["optgroups"]):
            return select_html(widget)
        return str(super().render(template_name, context, request))

"""`{{ amount|kr }}`: whole kroner grouped as the language writes them."""

from __future__ import annotations

from django import template

from fagkraft.funding.messages import kroner

register = template.Library()


@register.filter
def kr(value: int | None) -> str:
    return "" if value is None else kroner(int(value))


@register.filter
def get(mapping: dict, key: object) -> object:
    return mapping.get(key)

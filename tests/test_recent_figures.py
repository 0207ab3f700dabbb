"""core.recent: figures cached under the data version, the last few kept in the process.

Worked by hand with ENTRIES = 16: computing keys k0..k16 keeps k1..k16 here (k0, the
oldest, goes); k0 is then read back from the shared cache, not computed again."""

from __future__ import annotations

from django.core.cache import cache

from fagkraft.core import recent


def test_a_value_is_computed_once_and_then_served_from_the_process() -> None:
    computed: list[str] = []

    def compute(name: str):
        return lambda: computed.append(name) or {"figure": name}

    first = recent.get_or_compute("figures:1:v7", compute("a"), 60)
    cache.clear()  # the shared cache forgets; the process still has it, unpickled
    again = recent.get_or_compute("figures:1:v7", compute("b"), 60)
    assert again is first and computed == ["a"]
    # Another data version is another key: computed again.
    assert recent.get_or_compute("figures:1:v8", compute("c"), 60) == {"figure": "c"}
    assert computed == ["a", "c"]


def test_the_process_keeps_only_the_most_recent_entries() -> None:
    computed: list[int] = []
    for number in range(recent.ENTRIES + 1):
        recent.get_or_compute(f"k{number}", lambda n=number: computed.append(n) or n, 60)
    assert len(recent._entries) == recent.ENTRIES and "k0" not in recent._entries
    # k0 is still in the shared cache: read from there, not worked out again.
    assert recent.get_or_compute("k0", lambda: computed.append(-1) or -1, 60) == 0
    assert computed == list(range(recent.ENTRIES + 1))

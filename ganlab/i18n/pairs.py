"""How a string module writes its table: `{key: (en, zh)}` pairs, each key under a prefix."""


def add(strings: dict[str, dict[str, str]], prefix: str, entries: dict) -> None:
    """Put `entries` ({key: (English, Chinese)}) into a module's STRINGS as prefix + key."""
    for key, (en, zh) in entries.items():
        strings[prefix + key] = {"en": en, "zh": zh}

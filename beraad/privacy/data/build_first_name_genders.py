"""Writes ``first_name_genders.txt`` from nomquamgender's ``name_data.json``.

nomquamgender (MIT licence, see ``LICENSE-nomquamgender.txt``) gives, per first name, how often and how
consistently it was given to women and to men across 36 sources in many countries. Beraad keeps only the
names seen at least ``MIN_COUNT`` times that were given to one gender in at least 90 % of the cases, in the
folded form ``coreference`` looks them up by (lower case, no accents). To rebuild::

    pip download --no-deps nomquamgender==0.1.4 -d /tmp/nqg
    unzip -o /tmp/nqg/nomquamgender-0.1.4-py3-none-any.whl -d /tmp/nqg
    python -m beraad.privacy.data.build_first_name_genders /tmp/nqg/nomquamgender/name_data.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from beraad.privacy.first_names import OUTPUT, fold

MIN_COUNT = 30
THRESHOLD = 0.1  # p(female) at most this: a man's name; at least 1 - this: a woman's
_NAME = re.compile(r"^[a-z][a-z'-]*[a-z]$")


def build(source: Path) -> dict[str, str]:
    genders: dict[str, str] = {}
    for raw, (_sources, count, p_female, *_rest) in json.loads(source.read_text("utf-8")).items():
        name = fold(raw)
        if count < MIN_COUNT or not _NAME.match(name) or name in genders:
            continue
        if p_female >= 1 - THRESHOLD:
            genders[name] = "f"
        elif p_female <= THRESHOLD:
            genders[name] = "m"
    return genders


def main(argv: list[str]) -> None:
    genders = build(Path(argv[1]))
    OUTPUT.write_text(
        "".join(f"{name}\t{gender}\n" for name, gender in sorted(genders.items())), "utf-8"
    )
    print(f"{len(genders)} names written to {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv)

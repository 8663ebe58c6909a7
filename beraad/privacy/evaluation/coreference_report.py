"""``privacy_eval --coreference``: the coreference figures for every coreference set present."""

from __future__ import annotations

from typing import Any

from beraad.privacy.detector import detect
from beraad.privacy.evaluation import coreference_score as coref


def report(out: Any) -> bool:
    """Writes the figures; True when every set present meets the target."""
    met = True
    out.write(
        f"Coreference: a mention is right when it is found and carries its person's pseudonym; "
        f"target >= {coref.TARGET_RIGHT:.0%} right and 0 shared pseudonyms."
    )
    header = f"{'set':<34}{'texts':>6}{'mentions':>10}{'found':>8}{'right':>8}{'shared':>8}"
    for title, path in (
        ("development", coref.DEV_PATH),
        ("development 2", coref.DEV2_PATH),
        ("held-out 1 (never used to tune)", coref.HOLDOUT_PATH),
        ("held-out 2 (never used to tune)", coref.HOLDOUT2_PATH),
        ("development 3", coref.DEV3_PATH),
        ("held-out 3 (never used to tune)", coref.HOLDOUT3_PATH),
        ("held-out 4 (never used to tune)", coref.HOLDOUT4_PATH),
        ("held-out 5 (never used to tune)", coref.HOLDOUT5_PATH),
        ("held-out 6 (never used to tune)", coref.HOLDOUT6_PATH),
        ("development 4", coref.DEV4_PATH),
        ("held-out 7 (never used to tune)", coref.HOLDOUT7_PATH),
        ("development 5", coref.DEV5_PATH),
        ("held-out 8 (never used to tune)", coref.HOLDOUT8_PATH),
    ):
        if not path.exists():
            out.write(f"{title}: {path.name} is not there")
            continue
        samples = coref.load(path)
        out.write("")
        out.write(f"{title}: {path.name}")
        out.write(header)
        out.write("-" * len(header))
        for how, scored in (
            ("detector + clustering", coref.score(samples, coref.detector_on_text(detect))),
            ("clustering alone (marked spans)", coref.score(samples, coref.gold_detector)),
        ):
            out.write(
                f"{how:<34}{scored.texts:>6}{scored.mentions:>10}{scored.found:>8}"
                f"{scored.share_right:>8.1%}{scored.shared:>8}"
            )
            if how.startswith("detector"):
                met = met and scored.meets_target()
                verdict = "meets the target" if scored.meets_target() else "misses the target"
                lines = sorted({n for n, _why in scored.misses})
                out.write(f"  {verdict}; texts with a wrong mention: {lines or 'none'}")
    return met

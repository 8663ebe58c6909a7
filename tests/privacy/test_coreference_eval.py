"""The coreference scorer and ``privacy_eval --coreference``."""

from __future__ import annotations

import io

from django.core.management import call_command

from beraad.privacy.evaluation import coreference_score as coref
from beraad.privacy.spans import Finding

EXAMPLE = (
    "[[name:1|Fatima Bakker]] belde. Later zei mevrouw [[name:1|Bakker]] dat "
    "[[name:1|Fatima]] moe was."
)


def test_it_reads_the_marks() -> None:
    sample = coref.parse_line(EXAMPLE)
    assert sample.text == "Fatima Bakker belde. Later zei mevrouw Bakker dat Fatima moe was."
    assert [sample.text[g.start : g.end] for g in sample.mentions] == [
        "Fatima Bakker",
        "Bakker",
        "Fatima",
    ]
    assert {g.person for g in sample.mentions} == {1}


def test_one_pseudonym_for_the_example_is_all_right() -> None:
    result = coref.score([coref.parse_line(EXAMPLE)], coref.gold_detector)
    assert (result.mentions, result.found, result.right, result.shared) == (3, 3, 3, 0)
    assert result.meets_target()


def test_a_missed_mention_and_a_shared_pseudonym_count_against() -> None:
    line = "[[name:1|Henk de Boer]] en [[name:2|Henk Smit]] belden. [[name:1|Henk]] kwam."
    sample = coref.parse_line(line)

    def merged_wrongly(s: coref.Text) -> list[Finding]:
        # With "Henk de Boer" undetected, "Henk" can only join Henk Smit.
        return [f for f in coref.gold_detector(s) if f.text != "Henk de Boer"]

    result = coref.score([sample], merged_wrongly)
    # The first "Henk" of the undetected full name is still found: a further mention of a word of
    # a name found elsewhere. All three are Henk Smit's pseudonym now.
    assert result.found == 3
    # "Henk" (person 1) carries Henk Smit's pseudonym: two people share one, so neither is right.
    assert result.right == 0
    assert result.shared == 1
    assert not result.meets_target()


def test_the_development_set_is_in_the_format() -> None:
    samples = coref.load(coref.DEV_PATH)
    assert len(samples) >= 20
    assert all(s.mentions and "[[" not in s.text for s in samples)


def test_the_command_prints_the_figures() -> None:
    out = io.StringIO()
    call_command("privacy_eval", "--coreference", stdout=out)
    text = out.getvalue()
    assert "development: coreference_dev.txt" in text
    assert "detector + clustering" in text and "clustering alone" in text

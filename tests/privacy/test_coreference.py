"""The person-clustering of names (``beraad.privacy.coreference``): pure, no database."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from beraad.privacy.coreference import Person, mention_key, resolve
from beraad.privacy.first_names import OUTPUT, fold, usual_gender
from beraad.privacy.kinship import kinship_gender, subject_gender
from beraad.privacy.name_forms import Mention, leading_title, parse, title_before
from beraad.privacy.pseudonyms import tag_text
from beraad.privacy.spans import Finding
from tests.cpu import cpu_seconds_under


def people(*mentions: Mention) -> list[int]:
    resolution = resolve(mentions)
    return [resolution.of(m).person for m in mentions]


def test_it_gives_every_form_of_one_name_one_person() -> None:
    mentions = [
        Mention("Fatima Bakker"),
        Mention("Bakker", "mevrouw "),
        Mention("Fatima"),
        Mention("Bakkers"),  # "Bakkers dochter"
        Mention("Fatima's"),
        Mention("F. Bakker"),
        Mention("F.A. Bakker"),
        Mention("FATIMA"),
        Mention("bakker", "Mw. "),
        Mention("Bakker", "mevr. "),
    ]
    assert set(people(*mentions)) == {1}


def test_it_marks_possessives() -> None:
    resolution = resolve([Mention("Fatima Bakker"), Mention("Bakkers"), Mention("Fatima's")])
    assert resolution.of(Mention("Bakkers")).possessive
    assert resolution.of(Mention("Fatima's")).possessive
    assert not resolution.of(Mention("Fatima Bakker")).possessive


def test_it_keeps_a_surname_ending_in_s_when_nobody_else_has_it() -> None:
    resolution = resolve([Mention("Piet Jans"), Mention("Jans", "meneer ")])
    assert resolution.of(Mention("Jans", "meneer ")).person == 1
    assert not resolution.of(Mention("Jans", "meneer ")).possessive


def test_it_numbers_people_in_order_of_first_mention() -> None:
    assert people(Mention("Piet Jansen"), Mention("Fatima Bakker"), Mention("Jansen", "dhr. ")) == [
        1,
        2,
        1,
    ]


def test_it_does_not_merge_a_first_name_two_people_share() -> None:
    resolution = resolve([Mention("Henk de Boer"), Mention("Henk Smit"), Mention("Henk")])
    henk = resolution.of(Mention("Henk"))
    assert henk.candidates == (1, 2)
    assert henk.person == 3  # a person of its own until someone chooses
    assert not henk.chosen
    assert [resolution.people[n].name for n in henk.candidates] == ["Henk de Boer", "Henk Smit"]


def test_it_uses_a_choice_among_the_candidates() -> None:
    def choose(mention: Mention, candidates: list[Person]) -> Person | None:
        assert mention.text == "Henk"
        return next(p for p in candidates if p.name == "Henk Smit")

    mentions = [Mention("Henk de Boer"), Mention("Henk Smit"), Mention("Henk")]
    resolution = resolve(mentions, choose)
    henk = resolution.of(Mention("Henk"))
    assert (henk.person, henk.chosen, henk.candidates) == (2, True, (1, 2))


def test_it_does_not_merge_a_shared_surname() -> None:
    resolution = resolve([Mention("Fatima Bakker"), Mention("Tim Bakker"), Mention("Bakker")])
    assert resolution.of(Mention("Bakker")).candidates == (1, 2)


def test_a_title_decides_only_when_the_other_gender_is_known() -> None:
    unknown = [Mention("Fatima Bakker"), Mention("Tim Bakker"), Mention("Bakker", "mevrouw ")]
    assert resolve(unknown).of(unknown[2]).candidates == (1, 2)
    known = [
        Mention("Fatima Bakker", "mevrouw "),
        Mention("Tim Bakker", "meneer "),
        Mention("Bakker", "mevrouw "),
        Mention("Bakker", "meneer "),
    ]
    assert people(*known) == [1, 2, 1, 2]


def test_a_title_of_the_other_gender_is_someone_else() -> None:
    mentions = [Mention("Piet Bakker", "meneer "), Mention("Bakker", "mevrouw ")]
    assert people(*mentions) == [1, 2]


def test_initials_pick_the_person_they_fit() -> None:
    mentions = [
        Mention("Fatima Bakker"),
        Mention("Tim Bakker"),
        Mention("T. Bakker"),
        Mention("F. Bakker"),
    ]
    assert people(*mentions) == [1, 2, 2, 1]


def test_initials_without_a_full_name_group_together() -> None:
    assert people(Mention("F.A. Bakker"), Mention("F. Bakker"), Mention("T. Bakker")) == [1, 1, 2]


def test_unknown_single_words_are_one_person_each() -> None:
    mentions = [Mention("Bakker"), Mention("Bakker", "mevrouw "), Mention("Yusuf")]
    assert people(*mentions) == [1, 1, 2]


def test_particles_belong_to_the_surname() -> None:
    form = parse(Mention("Henk van der Berg"))
    assert (form.given, form.surname) == (("henk",), "van der berg")
    assert people(Mention("Henk van der Berg"), Mention("Van der Berg", "meneer ")) == [1, 1]


def test_it_finds_titles_before_and_inside_a_mention() -> None:
    text = "Later zei Mevrouw Bakker dat de heer Jansen belde."
    assert title_before(text, text.index("Bakker")) == "Mevrouw "
    assert title_before(text, text.index("Jansen")) == "de heer "
    assert title_before(text, text.index("dat")) == ""
    assert leading_title("Mevrouw Bakker") == len("Mevrouw ")
    assert leading_title("dhr. Jansen") == len("dhr. ")
    assert leading_title("Mevrouw") == 0  # a title alone is no name
    assert leading_title("Bakker") == 0


def test_a_key_tells_titles_by_gender_only() -> None:
    assert mention_key(Mention("BAKKER", "Mevrouw ")) == mention_key(Mention("bakker", "mw. "))
    assert mention_key(Mention("Bakker", "meneer ")) != mention_key(Mention("Bakker", "mevrouw "))
    assert mention_key(Mention("Bakker")) == "bakker"


NAMES = st.sampled_from(["Fatima", "Tim", "Henk", "Anouk", "Yusuf", "Sanne"])
# The title each name takes: a woman's title beside a man's name says someone else is meant.
TITLE_OF = {"Fatima": "mevrouw ", "Anouk": "mevrouw ", "Sanne": "mevrouw ", "Tim": "meneer "}
SURNAMES = st.sampled_from(["Bakker", "de Boer", "Smit", "Jansen", "van Dijk", "El Amrani"])
FORMS = st.sampled_from(["full", "title", "first", "initial", "upper", "possessive"])


def mention_of(first: str, last: str, form: str) -> Mention:
    if form == "full":
        return Mention(f"{first} {last}")
    if form == "title":
        return Mention(last, TITLE_OF.get(first, "de heer "))
    if form == "first":
        return Mention(first)
    if form == "initial":
        return Mention(f"{first[0]}. {last}")
    if form == "upper":
        return Mention(f"{first} {last}".upper())
    return Mention(f"{first}'s")


@given(
    st.lists(
        st.tuples(NAMES, SURNAMES),
        min_size=1,
        max_size=3,
        unique_by=(lambda p: p[0], lambda p: p[1]),
    ),
    st.lists(st.tuples(st.integers(0, 2), FORMS), max_size=12),
)
def test_people_with_distinct_names_never_share_or_split(
    persons: list[tuple[str, str]], extra: list[tuple[int, str]]
) -> None:
    """People with distinct first names and surnames, each named in full once and then in any
    form, in any order after that: every mention of a person gets that person, and no two people
    get one."""
    mentions = [(i, Mention(f"{first} {last}")) for i, (first, last) in enumerate(persons)]
    for index, form in extra:
        if index < len(persons):
            mentions.append((index, mention_of(*persons[index], form)))
    resolution = resolve([m for _i, m in mentions])
    got: dict[int, set[int]] = {}
    for index, mention in mentions:
        assignment = resolution.of(mention)
        assert len(assignment.candidates) < 2
        got.setdefault(index, set()).add(assignment.person)
    assert all(len(numbers) == 1 for numbers in got.values())
    assert len({n for numbers in got.values() for n in numbers}) == len(got)


@given(st.lists(st.text(min_size=1, max_size=20), max_size=8))
def test_any_text_resolves_without_error(texts: list[str]) -> None:
    mentions = [Mention(t) for t in texts]
    resolution = resolve(mentions)
    for mention in mentions:
        assert resolution.of(mention).person in resolution.people


def test_a_word_of_kinship_tells_a_title_who_is_meant() -> None:
    # "Fatima Bakker kwam met haar zoon Tim Bakker. Mevrouw Bakker deed het woord."
    mentions = [
        Mention("Fatima Bakker"),
        Mention("Tim Bakker", hint="m"),
        Mention("Bakker", "Mevrouw "),
        Mention("Bakker", "meneer "),
    ]
    resolution = resolve(mentions)
    assert [resolution.of(m).person for m in mentions] == [1, 2, 1, 2]


def test_the_one_known_to_fit_is_proposed_and_the_choice_stays_open() -> None:
    # "Henk de Boer zorgt voor zijn vrouw Ria de Boer. Mevrouw de Boer …": Henk's gender unknown.
    mentions = [Mention("Henk de Boer"), Mention("Ria de Boer", hint="f")]
    titled = Mention("de Boer", "mevrouw ")
    resolution = resolve([*mentions, titled])
    assert resolution.of(titled).person == 2
    assert resolution.of(titled).candidates == (1, 2)
    assert not resolution.of(titled).chosen
    # A stored choice still wins over the proposal.
    chosen = resolve([*mentions, titled], lambda _m, found: found[0])
    assert chosen.of(titled).person == 1
    assert chosen.of(titled).chosen


def test_a_first_names_usual_gender_proposes_and_the_choice_stays_open() -> None:
    mentions = [Mention("Wim Prins"), Mention("Joke Prins"), Mention("Prins", "mevrouw ")]
    resolution = resolve(mentions)
    assert resolution.of(mentions[2]).person == 2  # Joke: a woman's name
    assert resolution.of(mentions[2]).candidates == (1, 2)
    assert not resolution.of(mentions[2]).chosen
    # A stored choice wins over the proposal.
    chosen = resolve(mentions, lambda _m, found: found[0])
    assert chosen.of(mentions[2]).person == 1


def test_without_any_gender_a_title_proposes_the_first_named_and_stays_open() -> None:
    # "Kim" and "Robin" are given to women and men alike: nothing tells them apart.
    mentions = [Mention("Kim Prins"), Mention("Robin Prins"), Mention("Prins", "mevrouw ")]
    resolution = resolve(mentions)
    assert resolution.of(mentions[2]).person == 1
    assert resolution.of(mentions[2]).candidates == (1, 2)
    # Named first in the text, not first in the list of full names.
    mentions = [Mention("Robin"), Mention("Kim Prins"), Mention("Robin Prins"), Mention("Prins")]
    assert resolve(mentions).of(mentions[3]).person == 1


def test_a_title_says_more_than_a_first_names_usual_gender() -> None:
    # "Sam" is more often a man's name, but "haar dochter Sam Visser" says otherwise.
    mentions = [Mention("Sam Visser", hint="f"), Mention("Visser", "mevrouw ")]
    assert people(*mentions) == [1, 1]
    # Beside "Tim Bakker" alone, "mevrouw Bakker" is someone else (his mother, his wife).
    assert people(Mention("Tim Bakker"), Mention("Bakker", "mevrouw ")) == [1, 2]


def test_a_first_name_with_kinship_counts_wherever_it_stands() -> None:
    # "Mevrouw Yilmaz vroeg of Emre Yilmaz en Ayşe Yilmaz … haar zoon Emre …"
    mentions = [
        Mention("Bakker", "mevrouw "),
        Mention("Emre Bakker"),
        Mention("Ayşe Bakker"),
        Mention("Emre", hint="m"),
    ]
    resolution = resolve(mentions)
    assert resolution.of(mentions[0]).person == resolution.of(mentions[2]).person


def test_the_hint_is_not_part_of_what_a_mention_is() -> None:
    assert Mention("Tim", hint="m") == Mention("Tim")
    assert mention_key(Mention("Tim", hint="m")) == mention_key(Mention("Tim"))


def test_kinship_gender_reads_the_words_around_a_name() -> None:
    def gender(text: str, name: str) -> str:
        start = text.index(name)
        return kinship_gender(text, start, start + len(name))

    assert gender("Ze kwam met haar zoon Tim Bakker.", "Tim Bakker") == "m"
    assert gender("Zijn vrouw (Ria de Boer) belde.", "Ria de Boer") == "f"
    assert gender("Schoonmoeder Gülsen woont in.", "Gülsen") == "f"
    assert gender("Senait, zijn oudste dochter, vertaalde.", "Senait") == "f"
    assert gender("Tim, de zoon van mevrouw Bakker, zweeg.", "Tim") == "m"
    # A list is not an apposition, and a word before a comma belongs to someone else.
    assert gender("Ik sprak Fatima, haar man en de kinderen.", "Fatima") == ""
    assert gender("Haar zoon en dochter, Tim en Lisa, kwamen mee.", "Tim") == ""
    assert gender("De vader van Tim belde.", "Tim") == ""
    assert gender("Vriendinnen Tim en Lisa", "Tim") == ""


def tagged(text: str, *names: str) -> str:
    """``text`` with the given name mentions (in order of appearance) replaced by their tags."""
    findings, position = [], 0
    for name in names:
        start = text.index(name, position)
        findings.append(Finding(start, start + len(name), "name", name))
        position = start + len(name)
    return tag_text(text, findings)


def test_the_subject_of_haar_zoon_is_a_woman() -> None:
    text = (
        "Fatima Bakker belde over haar zoon Tim Bakker. Later kwam meneer Bakker langs, "
        "en mevrouw Bakker ook."
    )
    assert tagged(text, "Fatima Bakker", "Tim Bakker", "Bakker", "Bakker") == (
        "[PERSOON-1] belde over haar zoon [PERSOON-2]. Later kwam meneer [PERSOON-2] langs, "
        "en mevrouw [PERSOON-1] ook."
    )
    # "haar" as an object is not a possessive: Jesse stays of unknown gender.
    assert subject_gender("Jesse noemt haar gewoon oma.", 0, 5, 29) == ""


def test_two_first_names_before_one_surname_share_it() -> None:
    text = "Jelle en Sietse de Boer hebben een bedrijf. Jelle de Boer belde; Sietse niet."
    assert tagged(text, "Jelle", "Sietse de Boer", "Jelle de Boer", "Sietse") == (
        "[PERSOON-1] en [PERSOON-2] hebben een bedrijf. [PERSOON-1] belde; [PERSOON-2] niet."
    )


def test_surnames_match_without_particles_and_abbreviations() -> None:
    mentions = [
        Mention("Jan de Vries"),
        Mention("Vries"),  # "De Vries" at the start of a sentence, found without "De"
        Mention("Gert van Beek"),
        Mention("v. Beek", "dhr. "),
        Mention("Jan de V."),
        Mention("Gert v.d. Berg"),
    ]
    resolution = resolve(mentions)
    assert [resolution.of(m).person for m in mentions] == [1, 1, 2, 2, 1, 3]


def test_a_title_of_each_gender_leaves_a_person_of_unknown_gender_open() -> None:
    # "Shirley Pinas" may be "meneer Pinas" or "mevrouw Pinas"; merging either could be wrong.
    mentions = [Mention("Pinas", "De heer "), Mention("Pinas", "mw. "), Mention("Robin Pinas")]
    assert len(set(people(*mentions))) == 3
    # "Shirley" is given to women: she is "mw. Pinas".
    mentions = [Mention("Pinas", "De heer "), Mention("Pinas", "mw. "), Mention("Shirley Pinas")]
    assert people(*mentions) == [1, 2, 2]
    # Known to be the man, Frank leaves "mevrouw Schouten" to Tineke by elimination.
    mentions = [
        Mention("Frank Schouten", hint="m"),
        Mention("Tineke Schouten"),
        Mention("Schouten", "Meneer "),
        Mention("Schouten", "Mevrouw "),
    ]
    assert people(*mentions) == [1, 2, 1, 2]


def test_a_double_surname_is_found_when_the_single_one_is_the_other_gender() -> None:
    mentions = [
        Mention("Rachid Benali", hint="m"),
        Mention("Nadia Benali-Chaoui", hint="f"),
        Mention("Benali", "mevrouw "),
    ]
    assert people(*mentions) == [1, 2, 2]


def test_a_relative_named_after_zijn_zoon_is_not_the_name_before_it() -> None:
    """ "meneer Yilmaz en zijn zoon Kerem Yilmaz": the title is the father, not the son; with the
    son ruled out, the one other Yilmaz is the father."""
    text = (
        "Meneer Yilmaz en zijn zoon Kerem Yilmaz hadden een winkel. Kerem heeft nu schulden. "
        "Orhan Yilmaz schaamt zich."
    )
    assert tagged(text, "Yilmaz", "Kerem Yilmaz", "Kerem", "Orhan Yilmaz") == (
        "Meneer [PERSOON-1] en zijn zoon [PERSOON-2] hadden een winkel. [PERSOON-2] heeft nu "
        "schulden. [PERSOON-1] schaamt zich."
    )


def test_a_possessive_name_before_a_word_of_kinship_is_someone_else() -> None:
    text = "Dekkers dochter Noor belde. Dhr. Dekker wil niet praten. Noor Dekker maakt zich zorgen."
    tags = tagged(text, "Dekkers", "Noor", "Dekker", "Noor Dekker")
    assert tags == (
        "[PERSOON-1]'s dochter [PERSOON-2] belde. Dhr. [PERSOON-1] wil niet praten. [PERSOON-2] "
        "maakt zich zorgen."
    )


def test_a_title_with_one_part_of_a_double_surname_is_that_person() -> None:
    text = "Grietje Visser-Kok zorgt voor haar man. Mevrouw Visser is zelf 79. Grietje is moe."
    assert tagged(text, "Grietje Visser-Kok", "Visser", "Grietje") == (
        "[PERSOON-1] zorgt voor haar man. Mevrouw [PERSOON-1] is zelf 79. [PERSOON-1] is moe."
    )
    # A mother-in-law named by title beside her son's wife with the double name is someone else.
    text = "Priya heeft ruzie met haar schoonmoeder, mevrouw Visser. Priya Visser-Kok woont in."
    assert tagged(text, "Priya", "Visser", "Priya Visser-Kok") == (
        "[PERSOON-1] heeft ruzie met haar schoonmoeder, mevrouw [PERSOON-2]. [PERSOON-1] woont in."
    )


def test_a_name_given_as_roepnaam_is_the_same_person() -> None:
    text = "Cliënt Hendrikus Mol, roepnaam Rik, woont bij zijn zus. Rik wil begeleid wonen."
    assert tagged(text, "Hendrikus Mol", "Rik", "Rik") == (
        "Cliënt [PERSOON-1], roepnaam [PERSOON-1], woont bij zijn zus. [PERSOON-1] wil begeleid "
        "wonen."
    )
    # Without the word, a first name that is no part of the full name is someone else.
    text = "Cliënt Hendrikus Mol en Rik wonen samen. Rik kookt."
    assert tagged(text, "Hendrikus Mol", "Rik", "Rik") == (
        "Cliënt [PERSOON-1] en [PERSOON-2] wonen samen. [PERSOON-2] kookt."
    )


def test_a_mention_on_its_own_joins_only_someone_nothing_says_is_different() -> None:
    """A title that fits nobody joins another known only by that surname only when neither their
    genders nor their initials differ."""
    assert people(
        Mention("Anton Bakker", "dhr. "),
        Mention("A. Bakker", "mw. "),
        Mention("Marieke Bakker", "mw. "),
        Mention("M. Bakker", "dhr. "),
    ) == [1, 2, 3, 4]
    text = "Meneer Yilmaz en zijn zoon Kerem Yilmaz kwamen. Mevrouw Yilmaz bleef thuis."
    assert tagged(text, "Yilmaz", "Kerem Yilmaz", "Yilmaz") == (
        "Meneer [PERSOON-1] en zijn zoon [PERSOON-2] kwamen. Mevrouw [PERSOON-3] bleef thuis."
    )


def test_a_mans_title_with_a_womans_double_surname_is_not_her() -> None:
    text = "Grietje Visser-Kok zorgt voor de kleinkinderen. Meneer Visser werkt nog."
    assert tagged(text, "Grietje Visser-Kok", "Visser") == (
        "[PERSOON-1] zorgt voor de kleinkinderen. Meneer [PERSOON-2] werkt nog."
    )


def test_the_words_between_two_names_are_checked_in_linear_time() -> None:
    text = "Piet Mol" + " " * 20_000 + "x Rik"
    with cpu_seconds_under(1.5):
        tagged(text, "Piet Mol", "Rik")


def test_a_roepnaam_someone_else_also_has_is_a_choice_not_a_merge() -> None:
    resolution = resolve(
        [
            Mention("Hendrikus Mol"),
            Mention("Rik", alias_of=("Hendrikus Mol", "")),
            Mention("Rik de Wit"),
        ]
    )
    rik = resolution.of(Mention("Rik"))
    assert len(rik.candidates) == 2


def test_a_text_of_many_names_is_taken_apart_in_linear_time() -> None:
    """8,000 names in one pasted text: each name once looked at everything before it (its
    sentence start, its neighbours), about 23 s here."""
    from beraad.privacy.pseudonyms import spans

    text = "Piet Mol. " * 8000
    findings = [Finding(i * 10, i * 10 + 8, "name", "Piet Mol") for i in range(8000)]
    with cpu_seconds_under(3):
        spans(text, findings)


# Session 12: first names' usual gender, initials, long surnames, a surname's proposal.


def test_a_first_names_usual_gender_folds_accents_and_leaves_shared_names_open() -> None:
    assert fold("Ayşe") == "ayse"
    assert usual_gender("Ayşe") == usual_gender("AYSE") == "f"
    assert usual_gender("Jan-Peter") == "m"  # by its first part
    assert usual_gender("Kim") is None and usual_gender("Robin") is None
    assert usual_gender("Xqzw") is None


def test_the_first_name_list_is_well_formed() -> None:
    lines = OUTPUT.read_text("utf-8").splitlines()
    assert len(lines) > 50_000
    assert lines == sorted(lines)
    assert all(re.fullmatch(r"[a-z][a-z'-]*[a-z]\t[fm]", line) for line in lines)


def test_a_first_name_fits_the_one_person_known_by_its_initials() -> None:
    # "D. Koç en zijn vrouw H. Koç … Davut heeft rugklachten, Hatice …"
    assert people(Mention("D. Koç"), Mention("H. Koç"), Mention("Davut"), Mention("Hatice")) == [
        1,
        2,
        1,
        2,
    ]
    assert people(Mention("J.P. Hoogenboom"), Mention("Jan-Peter")) == [1, 1]
    # Two people with that initial, or a word that is no first name: nobody is guessed.
    assert people(Mention("D. Koç"), Mention("D. Yilmaz"), Mention("Davut")) == [1, 2, 3]
    assert people(Mention("B. Jansen"), Mention("Bakker")) == [1, 2]
    # A woman's name does not join a man's initials.
    assert people(Mention("H. Koç", "dhr. "), Mention("Hatice")) == [1, 2]


def test_a_surname_of_several_words_seen_alone_is_the_surname_of_a_full_name() -> None:
    mentions = [
        Mention("Tjon Sie Fat", "Mevrouw "),
        Mention("Gladys Tjon Sie Fat"),
        Mention("Gladys"),
    ]
    assert people(*mentions) == [1, 1, 1]
    # A title before a first name and a surname still reads them as such.
    assert people(Mention("Fatima Bakker", "mevrouw "), Mention("Fatima")) == [1, 1]
    # "vd" is a particle: "jeroen vd berg", "vd Berg" and "jeroen" are one.
    assert people(Mention("jeroen vd berg"), Mention("vd Berg"), Mention("jeroen")) == [1, 1, 1]


def test_a_bare_surname_that_fits_several_is_proposed_and_stays_open() -> None:
    # "Mw. Pinas zit met haar zoon Dwayne Pinas in de schulden. … Pinas wil aangifte doen."
    mentions = [Mention("Pinas", "Mw. "), Mention("Dwayne Pinas", hint="m"), Mention("Pinas")]
    resolution = resolve(mentions)
    assert resolution.of(mentions[2]).person == 1  # the one known by that surname alone
    assert set(resolution.of(mentions[2]).candidates) == {1, 2}
    # "Marco Hendriks … zijn zoon Luuk Hendriks … Hendriks geeft": the first named.
    mentions = [Mention("Marco Hendriks"), Mention("Luuk Hendriks", hint="m"), Mention("Hendriks")]
    resolution = resolve(mentions)
    assert resolution.of(mentions[2]).person == 1
    assert set(resolution.of(mentions[2]).candidates) == {1, 2}
    # A first name that fits two people is not proposed: it gets a person of its own until chosen.
    mentions = [Mention("Henk de Boer"), Mention("Henk Smit"), Mention("Henk")]
    resolution = resolve(mentions)
    assert resolution.of(mentions[2]).person == 3
    assert resolution.of(mentions[2]).candidates == (1, 2)


def test_a_first_name_alone_is_not_merged_with_a_titled_person() -> None:
    """ "Dhr. Bos komt op gesprek. Zijn zoon Daan wacht buiten.": nothing says Daan is dhr. Bos,
    so a first name alone never joins a person known only by title and surname."""
    assert people(Mention("De Graaf", "dhr. "), Mention("Henk")) == [1, 2]
    assert people(Mention("Bos", "Dhr. "), Mention("Daan", hint="m")) == [1, 2]
    assert people(Mention("Jansen", "Mevrouw "), Mention("Sanne")) == [1, 2]


def test_a_common_surname_or_a_word_has_no_usual_gender() -> None:
    for word in ("Smit", "Dekker", "Janssen", "Kok", "papa", "tante", "meester", "zuster", "van"):
        assert usual_gender(word) is None, word
    # So "Smit" is no first name that fits the initials of "S. Bakker".
    assert people(Mention("S. Bakker"), Mention("Smit")) == [1, 2]
    assert people(Mention("D. Bakker"), Mention("Dekker")) == [1, 2]


def test_a_relative_does_not_join_the_initials_of_the_person_named_before() -> None:
    # "D. Koç en zijn zoon Deniz komen langs."
    assert people(Mention("D. Koç"), Mention("Deniz", apart=("D. Koç", ""))) == [1, 2]
    assert people(Mention("D. Koç"), Mention("Deniz", hint="m")) == [1, 2]


def test_a_titled_full_name_with_an_unknown_first_name_stays_a_full_name() -> None:
    mentions = [Mention("Noor Bakker", "Mevrouw "), Mention("Noor"), Mention("Bakker")]
    assert people(*mentions) == [1, 1, 1]
    mentions = [Mention("Kaya Yilmaz", "mevrouw "), Mention("Kaya"), Mention("Yilmaz")]
    assert people(*mentions) == [1, 1, 1]


def test_thousands_of_different_names_are_resolved_in_linear_time() -> None:
    """Every mention was matched against every person found before it: 4,000 different names
    in a pasted list took 2 s; the people are now looked up by first name, surname and initial."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    mentions = []
    for i in range(1500):
        first = "".join(letters[(i // 26**k) % 26] for k in range(3)).capitalize() + "ko"
        last = "Van " + "".join(letters[(i * 7 // 26**k) % 26] for k in range(4)).capitalize()
        mentions += [Mention(f"{first} {last}"), Mention(last, "mevrouw "), Mention(first)]
        mentions.append(Mention(f"{first[0]}. {last}"))
    with cpu_seconds_under(1):
        resolution = resolve(mentions)
    assert len(resolution.people) >= 1000


# --- thirteenth session: from coreference development set 5 --------------------------------------


def test_a_spouse_named_by_first_name_is_addressed_by_the_surname() -> None:
    text = (
        "Dhr. Veenstra belde over zijn vrouw Hilde. Mw. Veenstra is in de war. "
        "Meneer Veenstra vraagt om hulp."
    )
    assert tagged(text, "Veenstra", "Hilde", "Veenstra", "Veenstra") == (
        "Dhr. [PERSOON-1] belde over zijn vrouw [PERSOON-2]. Mw. [PERSOON-2] is in de war. "
        "Meneer [PERSOON-1] vraagt om hulp."
    )


def test_a_child_named_by_first_name_keeps_no_surname_of_the_parent() -> None:
    """Only a spouse gets the surname: "haar zoon Tim" may well have his father's."""
    text = "Mw. Veenstra kwam met haar zoon Tim. Meneer Veenstra bleef thuis."
    assert tagged(text, "Veenstra", "Tim", "Veenstra") == (
        "Mw. [PERSOON-1] kwam met haar zoon [PERSOON-2]. Meneer [PERSOON-3] bleef thuis."
    )


def test_a_relative_opening_the_next_sentence_is_another_person() -> None:
    text = "Wij zien Mei Ling Chen vaak moe. Haar moeder, mevrouw Chen, reageert niet."
    assert tagged(text, "Mei Ling Chen", "Chen") == (
        "Wij zien [PERSOON-1] vaak moe. Haar moeder, mevrouw [PERSOON-2], reageert niet."
    )


def test_a_professional_title_tells_two_people_with_one_surname_apart() -> None:
    resolution = resolve(
        [
            Mention("Marco de Jong"),
            Mention("E. de Jong", "dr. "),
            Mention("De Jong", "Dr. "),
            Mention("De Jong", "Meneer "),
        ]
    )
    assert resolution.of(Mention("De Jong", "Dr. ")).person == 2
    assert resolution.of(Mention("De Jong", "Meneer ")).person == 1


def test_a_womans_title_finds_her_double_surname_beside_her_sons_surname() -> None:
    resolution = resolve(
        [
            Mention("Rinaldo Sabajo"),
            Mention("Sabajo-Kartosen", "mevrouw "),
            Mention("Sabajo", "Mevr. "),
        ]
    )
    assert resolution.of(Mention("Sabajo", "Mevr. ")).person == 2


def test_a_hyphenated_first_name_fits_its_initials() -> None:
    resolution = resolve(
        [Mention("J.P. van Dam"), Mention("Van Dam", "De heer "), Mention("Jan-Pieter")]
    )
    assert resolution.of(Mention("Jan-Pieter")).person == 1


def test_a_titled_surname_may_be_the_one_known_by_the_surname_alone() -> None:
    """The grandmother, known by her surname alone, is a candidate for "Mevrouw Meijering" beside
    her granddaughter's full name, and the one proposed."""
    text = (
        "Oma Meijering heeft de voogdij over haar kleindochter Lisa Meijering. Lisa loopt weg. "
        "Mevrouw Meijering is 74."
    )
    assert tagged(text, "Meijering", "Lisa Meijering", "Lisa", "Meijering") == (
        "Oma [PERSOON-1] heeft de voogdij over haar kleindochter [PERSOON-2]. [PERSOON-2] loopt "
        "weg. Mevrouw [PERSOON-1] is 74."
    )


def test_a_man_and_a_woman_known_by_one_surname_are_two_people() -> None:
    assert people(Mention("Veenstra", "Mw. "), Mention("Veenstra", "Meneer ")) == [1, 2]
    assert people(Mention("Veenstra"), Mention("Veenstra", "Mw. ")) == [1, 1]


def test_the_wife_of_someone_named_in_between_keeps_her_own_surname() -> None:
    text = (
        "Peter de Boer vertelde over de buurman en zijn vrouw Fatima. Mevrouw de Boer was "
        "niet thuis."
    )
    assert tagged(text, "Peter de Boer", "Fatima", "de Boer") == (
        "[PERSOON-1] vertelde over de buurman en zijn vrouw [PERSOON-2]. Mevrouw [PERSOON-3] was "
        "niet thuis."
    )


def test_a_spouses_surname_leaves_out_the_initials() -> None:
    text = "Dhr. J. Schuurman belde over zijn vrouw Dineke. Mw. Schuurman belde later."
    assert tagged(text, "J. Schuurman", "Dineke", "Schuurman") == (
        "Dhr. [PERSOON-1] belde over zijn vrouw [PERSOON-2]. Mw. [PERSOON-2] belde later."
    )

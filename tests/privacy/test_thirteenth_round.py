"""The thirteenth round of rules (from development set 12): streets known by name, ages said
roughly or in a record's shorthand, names of people introducing themselves, and the fixes to
case-number labels and to deduce's "op de " as a name.

Every example is invented for these tests; none is taken from an evaluation set. Expected
findings are marked as in test_rules.py.
"""

from __future__ import annotations

import pytest

from beraad.privacy import detector
from beraad.privacy.rules import find
from tests.cpu import cpu_seconds_under
from tests.privacy.test_general_rules import check, found


@pytest.mark.parametrize(
    "marked",
    [
        # Streets without a street's ending, after "aan de"/"op de" or with a number.
        "Mevrouw woont sinds kort aan de [[street:Vismarkt]] in [[place:Gorinchem]].",
        "Hij heeft een kamer op de [[street:Oude Schans]].",
        "Het gezin woont op [[address:Noorderhaven 12]] sinds de zomer.",
        "Post naar [[address:Brink 3]], [[postcode:7981 AR]] [[place:Diever]].",
        "ik woon nu op de [[street:zwanenburgwal]] bij mijn tante",
        "ben thuis na drie uur, [[address:rozenhof 9]], bel maar aan",
        "mijn adres is [[address:julianastr. 14]] in [[place:doetinchem]]",
        # Next to a town, with a comma.
        "Fam. [[name:Ouali]], [[street:Binnenhoek]], [[place:Tiel]]: schuldhulp gestart.",
        # Ages said roughly or in shorthand.
        "Haar broer is [[age:in de vijftig]] en woont alleen.",
        "Zijn oom is [[age:begin 70]] en rijdt nog auto.",
        "Dossier [[name:R. Kuipers]], V, [[age:38]], verwezen door de huisarts.",
        "De jongen is vermoedelijk [[age:13]] of [[age:14]] en spijbelt.",
        "De kinderen van het gezin zijn tussen de [[age:6]] en [[age:11]] jaar.",
        "Zoon [[name:Thijs]] wordt in maart [[age:9]] en wil op zwemles.",
        "Baby [[name:Lina]], [[age:5 mnd]], slaapt slecht.",
        "Een vader, [[age:negentien jaar]], zoekt een woning.",
        "De buurjongen is hooguit [[age:zestien]].",
        "Mw. [[name:Alie Dekker]] (leeftijd: [[age:88]]) krijgt thuiszorg.",
        "Nieuwe bewoner: [[name:Taras Melnyk]], [[age:51]], met zijn zus.",
        # Dates of birth: a year after "geboren in" or after "°", a child in a numbered list.
        "Haar vader is geboren in [[date_of_birth:1949]] in [[place:Nador]].",
        # A year of birth is a date of birth (the sets mark it so): this replaces the earlier
        # expectation that "geboren in 2015" finds nothing.
        "Het kind is geboren in [[date_of_birth:2015]].",
        "Zijn opa [[name:Gerrit]] (°[[date_of_birth:1931]]) overleed vorig jaar.",
        "Kind 1: [[name:Mila]], [[date_of_birth:4 mei 2016]]; Kind 2: [[name:Ravi]], "
        "[[date_of_birth:2-2-2019]]",
        # Names of people introducing themselves, and after a greeting with a title.
        "Geachte heer [[name:Oukili]], hierbij de beschikking.",
        "hallo ik ben [[name:esther]] en ik heb een vraag",
        "sorry ik kan niet komen want [[name:yusuf]] is ziek",
        # Case numbers after a label with words before the colon, and "Kenmerk" capitalised.
        "Cliëntnummer dagbesteding: [[case_number:DB-0412-ZW]]; bellen na tienen.",
        "Kenmerk gemeente: [[case_number:SZ-WB 2025.03.0119]] graag vermelden.",
    ],
)
def test_the_thirteenth_rounds_identifiers(marked: str) -> None:
    check(marked)


@pytest.mark.parametrize(
    "text",
    [
        # Street names that are ordinary words, or that stand where no street does.
        "De auto staat op de stoep en het beslag ligt op het loon.",
        "Hij werkt aan de dijk en vist in de haven.",
        "Zij zit op het Globe College in de derde klas.",
        "Ze liep via het achterpad naar huis.",
        "Het adres is onbekend; straat onbekend.",
        "Groep 6 gaat op schoolreis en kamer 12 is vrij.",
        "De Monitor Sociaal Domein 2024 is verschenen.",
        # Rough numbers that are no age.
        "De snelheid is in de vijftig km-zone te hoog.",
        "Het is vijf uur en de teller staat op 15 of 16 euro.",
        "Voor kinderen tussen de 4 en 12 jaar is er zwemles.",
        "De huur wordt in mei 12 procent hoger.",
        "Het gaat om 2 mnd huur.",
        # "ik ben" before an ordinary word; a lower-case word before a verb.
        "ik ben moe en ik ben blij, ik ben er morgen.",
        "want alles is anders, maar niemand heeft tijd.",
    ],
)
def test_the_thirteenth_rounds_rules_leave_words_counts_and_amounts_alone(text: str) -> None:
    kinds = ("street", "address", "age", "name", "date_of_birth")
    assert [f for f in found(text) if f[1] in kinds] == []


def test_a_person_called_like_a_street_stays_a_person() -> None:
    assert found("Meneer Vogelzang belde over de huur.") == [("Vogelzang", "name")]


@pytest.mark.django_db
def test_deduces_particles_alone_are_no_name() -> None:
    """deduce reads "op de " before a street with a number as a person; that is never warned
    about, nor replaced."""
    text = "Dhr. Hoekman, een man van 74, woont alleen op de Oude Markt 5 in Gulpen."
    assert [f.text for f in detector.detect(text) if f.kind == "name"] == ["Hoekman"]


def test_the_thirteenth_rounds_patterns_take_long_crafted_text_in_linear_time() -> None:
    with cpu_seconds_under(3):
        for text in (
            "aan de " * 5000 + "Markt",
            "Vismarkt " * 5000,
            "Oude " * 10000 + "Schans",
            "in de " * 5000 + "vijftig",
            "is " * 10000 + "15 of 16",
            "Ab Cd, " * 5000 + "42,",
            "ik ben " * 5000 + "esther",
            "want " * 10000 + "yusuf is",
            "Cliëntnummer" + " ab" * 10000 + ": 1",
            "M, " * 10000 + "45",
        ):
            find(text)


# --- the fourteenth round (from development set 13): ages and places --------------------------


@pytest.mark.parametrize(
    "marked",
    [
        "Het gaat om een man van ongeveer [[age:52]] die verward op straat liep.",
        "Een baby van [[age:drie weken]] is bij de huisarts gezien.",
        "Het echtpaar van [[age:77]] en [[age:80]] kan de zorg niet meer aan.",
        "Een vrouw van [[age:eind dertig]] belde namens haar buurvrouw.",
        "De twee jongens zijn [[age:7]] en [[age:9]] en spelen buiten.",
        "Echtpaar [[name:Smit]], hij [[age:90]], zij [[age:87]], woont nog thuis.",
        "De oudste is [[age:15]], de jongste bijna [[age:2]].",
        "Leeftijd partner: [[age:51]]; beroep onbekend.",
        "Oom [[name:Karim]] (ca. [[age:60]]) helpt soms mee.",
        "Ze zegt dat de baby nu [[age:vier maanden]] is.",
        "Er loopt een meisje van een jaar of [[age:14]] rond.",
        "Hij is rond de [[age:70]] en woont alleen.",
        "Moeder [[age:begin veertig]], vader onbekend.",
        "Overdracht: moeder ([[age:33]]) en kinderen ([[age:4]], [[age:8]]) zijn verhuisd.",
        "Naam | lft | woonplaats\n[[name:P. Kramer]] | [[age:58]] | [[place:Emmen]]",
        "Ze woont sinds haar verhuizing in [[place:Utrecht]] [[place:Lunetten]] en werkt daar.",
        "heb net gebeld met oma uit [[place:dokkum]], ze past op",
        "Zus [[name:Elif]] ([[age:35]], [[place:Gouda]]) komt ook.",
    ],
)
def test_the_fourteenth_rounds_ages_and_places(marked: str) -> None:
    check(marked)


@pytest.mark.parametrize(
    "text",
    [
        "Kinderen tussen 4 en 12 jaar mogen gratis mee.",
        "Jongeren van 12 tot 23 jaar kunnen binnenlopen.",
        "Zij is moeder van vier en werkt parttime.",
        "De scores zijn 8 en 10 op de toets.",
        "Dat was een jaar of 5 geleden.",
        "De huur is ongeveer 45 euro hoger.",
    ],
)
def test_the_fourteenth_rounds_rules_leave_counts_and_ranges_alone(text: str) -> None:
    assert [f for f in found(text) if f[1] == "age"] == []


def test_the_fourteenth_rounds_patterns_take_long_crafted_text_in_linear_time() -> None:
    with cpu_seconds_under(3):
        for text in (
            "man van " * 5000 + "45",
            "zijn 8 en " * 5000 + "10",
            "hij 8, " * 5000,
            "is 3, " * 5000 + "dex 6",
            "a | lft | b " * 3000 + "– x | 4 | y",
            "| " * 10000 + "lft",
            "een jaar of " * 5000 + "15",
            "Ede " * 10000 + "Veldhuizen",
        ):
            find(text)


# --- the fifteenth round (from development set 14): dates, phones and names -------------------


@pytest.mark.parametrize(
    "marked",
    [
        "Gezin [[name:Nowicki]]: [[name:Marek]] ([[date_of_birth:1975]]), [[name:Zofia]] "
        "([[date_of_birth:1978]]).",
        "Gezin [[name:Diallo]]: [[name:Mamadou Diallo]] (vader, [[date_of_birth:1980]]).",
        "Haar dochter [[name:Sanne]] van [[date_of_birth:'97]] woont weer thuis.",
        "[[name:Priya Ramdin]] | [[date_of_birth:2011-05-17]] | groep 8",
        "Ze is geboren op [[date_of_birth:vijf juni negentienvierenvijftig]] in [[place:Paramaribo]].",
        'Bel me terug op [[phone:nul zes, twaalf, vierendertig, zesenvijftig, achtenzeventig]]."',
        "Een onbekend nummer [[phone:+32 470 12 34 56]] belde twee keer.",
        "Cliënt: [[name:Dimitrios Papadopoulos]], roepnaam [[name:Takis]].",
        "hallo, dit is [[name:Marieke]], ik bel over mijn moeder",
        "ik heb oma [[name:gerda]] gesproken",
        "[[name:Amara Okonkwo]] (geb. [[date_of_birth:3 maart 1990]]) woont alleen.",
    ],
)
def test_the_fifteenth_rounds_dates_phones_and_names(marked: str) -> None:
    check(marked)


@pytest.mark.parametrize(
    "text",
    [
        "Huurdernummer: 00481277; graag vermelden.",
        "Het pand (1978) staat leeg en een Ford Focus (2012) ook.",
        "Het gaat om nul komma vijf procent.",
        "Het was een auto van '98.",
        "Dat is nul twee drie.",
    ],
)
def test_the_fifteenth_rounds_rules_leave_numbers_and_things_alone(text: str) -> None:
    kinds = ("phone", "date_of_birth", "bsn")
    assert [f for f in found(text) if f[1] in kinds] == []


def test_a_phone_number_from_abroad_is_no_bsn() -> None:
    assert found("Gebeld door +48 512 334 870 vanmiddag.") == [("+48 512 334 870", "phone")]


def test_the_fifteenth_rounds_patterns_take_long_crafted_text_in_linear_time() -> None:
    with cpu_seconds_under(3):
        for text in (
            "nul " * 10000,
            "zes, " * 10000 + "x",
            "+48 " * 5000,
            "april negentien " * 3000,
            "Ab (1980) " * 3000,
            "Ab van '98 " * 3000,
            "Ab Cd | " * 3000 + "12-03-1980",
            "oma " * 10000 + "gerda",
            "joke en " * 5000,
        ):
            find(text)


# --- the independent review's findings --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "omdat ze al 3 maanden is gestopt met drinken",
        "Ze wonen er een jaar of 5.",
        "Vader is pas 6 of 7 uur thuis van zijn werk.",
        "Er waren veel mensen (ca. 20).",
        "Er zijn veel klachten, ca. 12, over geluidsoverlast.",
        "De scores op de vragenlijst zijn respectievelijk 12 en 18.",
        "Ze logeert bij oma, 2 weken.",
        "Het contract wordt in juni 2 jaar verlengd.",
        "Klas | jaar\n3B | 2\n4A | 3",
        "Het budget is 50 euro, max is 60.",
        "Ze staat op de Markt elke zaterdag.",
        "Hij gaat naar de Opvang.",
    ],
)
def test_the_reviews_near_misses_find_no_age_name_or_street(text: str) -> None:
    assert [f for f in found(text) if f[1] in ("age", "name", "street")] == []


def test_a_table_head_with_a_long_run_of_spaces_is_read_in_linear_time() -> None:
    with cpu_seconds_under(2):
        find("x" * 1500 + "|" + " " * 1500)
        find("lft | " + " " * 20000)

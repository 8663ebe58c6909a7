"""Which name mentions are the same person: "Fatima Bakker", "mevrouw Bakker", "Fatima", "F. Bakker",
"Bakkers dochter" and "FATIMA" are one person, so they get one pseudonym.

Pure Python, no Django: the input is the detected name mentions (the name without its title, and
the title typed before it, if any), the output a person number per mention, and for a mention that
could be more than one person ("Henk" after "Henk de Boer" and "Henk Smit") the candidates, so
that a person can choose. Such a mention is never merged silently: it keeps its candidates, so
the page asks. Until ``choose`` picks one, a first name stays a person of its own and a surname
gets the proposed candidate (see the end of this note).

The rules, in order:

1. Full names (first name(s) + surname) with the same first first name and the same surname are
   one person. "Fatima Bakkers" (possessive) joins "Fatima Bakker" if that person exists.
2. Initials with a surname ("F. Bakker", "F.A. Bakker") join the one full name whose first names
   begin with those letters; with no such full name, the same surname with compatible initials
   is one person.
3. A single word joins the one person whose surname (after a title: surname first) or first name
   it is; a possessive "s" is tried off when the word itself matches no one ("Bakkers").
   A title's gender ("mevrouw", "meneer") only rules out a candidate whose gender is known from a
   title or a word of kinship on another of that person's mentions ("haar zoon Tim Bakker",
   "zijn vrouw Ria", "Senait, zijn dochter"), or, weakest, the gender a first name is usually
   given to (``first_names``; never "Kim" or "Jan", given to both); a decision taken on that
   alone is proposed and stays open to choice.
   When exactly one candidate is known to fit and the others' gender is unknown, that one is
   proposed, and the mention stays open to choice (it still lists every candidate).
4. Words matching no one: the same word (case aside) is one person, unless what is known of them
   differs (a title's gender, initials): "mw. Veenstra" and "meneer Veenstra" are two. A bare
   word beside both then joins the first of them, without asking (a known gap). A first name matching no
   one is the one person known by initials it fits ("Davut" for "D. Koç").

A surname that fits several people, with nothing to tell them apart, is proposed as the one known
by that surname alone, else the one named first; the choice stays open. A first name that fits
several people is not proposed: it is a person of its own until someone chooses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from beraad.privacy.first_names import is_first_name, usual_gender
from beraad.privacy.name_forms import (
    _ABBREVIATED_SURNAME,
    Form,
    Mention,
    _parse,
    core,
    normalise,
    title_gender,
)


@dataclass
class Person:
    """One person: the forms they were mentioned by, best (longest full) form first."""

    number: int
    forms: list[str] = field(default_factory=list)
    given: tuple[str, ...] = ()
    initials: str = ""
    surname: str = ""
    genders: set[str] = field(default_factory=set)
    # The gender the first name is usually given to (``first_names``): weaker than ``genders``.
    usual: str | None = None
    first: int = 0  # where in the text this person was first mentioned (by any form)
    # Named with a title that says a profession, not a gender ("dr. E. de Jong").
    professional: bool = False

    @property
    def name(self) -> str:
        """The fullest form this person was mentioned by, for "Henk kan … of … zijn"."""
        return max(self.forms, key=len) if self.forms else ""

    def key(self) -> str:
        return normalise(self.name)


@dataclass(frozen=True)
class Assignment:
    person: int
    candidates: tuple[int, ...] = ()  # more than one: the mention could be any of them
    chosen: bool = False  # a person chose among the candidates
    possessive: bool = False


Chooser = Callable[[Mention, Sequence[Person]], "Person | None"]


@dataclass
class Resolution:
    people: dict[int, Person]
    assignments: dict[Mention, Assignment]

    def of(self, mention: Mention) -> Assignment:
        return self.assignments[_canonical(mention)]

    def ambiguous(self) -> dict[Mention, Assignment]:
        return {m: a for m, a in self.assignments.items() if len(a.candidates) > 1}


def _canonical(mention: Mention) -> Mention:
    """Mentions that resolve alike: same words (case aside), same kind of title ("f", "m",
    "-" for a title without gender, "" for none)."""
    if not mention.title.strip():
        return Mention(normalise(mention.text))
    return Mention(normalise(mention.text), title_gender(mention.title) or "-")


def mention_key(mention: Mention) -> str:
    """A stable text for a mention as it resolves: its words, and the kind of title before it
    ("bakker", "bakker @f"); stored only as a keyed digest."""
    canonical = _canonical(mention)
    return canonical.text + (f" @{canonical.title}" if canonical.title else "")


def _initials_fit(initials: str, given: tuple[str, ...]) -> bool:
    """ "F.A." fits "Fatima" (only one first name known) and "Fatima Amira", not "Fenna Tineke"."""
    letters = "".join(g[0] for g in given if g)
    if not letters:
        return False
    if len(given) == 1:
        return initials[0] == letters
    return letters.startswith(initials) or initials.startswith(letters)


def _compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def resolve(mentions: Iterable[Mention], choose: Chooser | None = None) -> Resolution:
    """Group ``mentions`` into people (numbered 1, 2, … in order of first mention)."""
    order: list[Mention] = []
    shown: dict[Mention, str] = {}
    hints: dict[Mention, set[str]] = {}
    shared_surname: dict[Mention, str] = {}
    apart: dict[Mention, set[Mention]] = {}
    aliases: dict[Mention, Mention] = {}
    for mention in mentions:
        canonical = _canonical(mention)
        if canonical not in shown:
            order.append(canonical)
            shown[canonical] = " ".join(mention.text.split())
        if mention.hint:
            hints.setdefault(canonical, set()).add(mention.hint)
        if mention.alias_of is not None:
            aliases[canonical] = _canonical(Mention(*mention.alias_of))
        if mention.apart is not None:
            other = _canonical(Mention(*mention.apart))
            if other != canonical:
                apart.setdefault(canonical, set()).add(other)
                apart.setdefault(other, set()).add(canonical)
        if mention.surname:
            shared_surname[canonical] = normalise(mention.surname)
    forms = {
        m: _parse(m.text, bool(m.title), m.title if m.title in ("f", "m") else None) for m in order
    }
    # A surname of several words seen alone ("mevrouw Tjon Sie Fat") is the surname of a full name
    # that ends in it ("Gladys Tjon Sie Fat"), not only its last word.
    long_surnames = {
        tuple(f.surname.split()) for f in forms.values() if not f.given and " " in f.surname
    }
    # "mevrouw Tjon Sie Fat" beside "Gladys Tjon Sie Fat": the words after the title are all
    # surname when a full name ends in them (not "mevrouw Noor Bakker": nobody is "… Noor Bakker").
    titled_words = {
        (*f.given, *f.surname.split()): m for m, f in forms.items() if m.title and f.given
    }
    for mention, form in list(forms.items()):
        if mention.title or not form.given:
            continue
        words = (*form.given, *form.surname.split())
        for n in range(2, len(words)):
            with_title = titled_words.get(words[-n:])
            if with_title is not None:
                long_surnames.add(words[-n:])
                forms[with_title] = Form(
                    surname=" ".join(words[-n:]),
                    possessive=forms[with_title].possessive,
                    gender=forms[with_title].gender,
                )
                break
    lengths = sorted({len(long) for long in long_surnames}, reverse=True)
    for mention, form in forms.items():
        words = (*form.given, *form.surname.split())
        long = next(
            (
                words[-n:]
                for n in lengths
                if form.given and n < len(words) and words[-n:] in long_surnames
            ),
            None,
        )
        if long:
            forms[mention] = Form(
                given=words[: -len(long)],
                surname=" ".join(long),
                possessive=form.possessive,
                gender=form.gender,
            )
    for mention, surname in shared_surname.items():
        form = forms[mention]
        if form.single:
            forms[mention] = Form(given=(form.single,), surname=surname, possessive=form.possessive)
    people: list[Person] = []
    assigned: dict[Mention, Person] = {}
    candidates_of: dict[Mention, tuple[Person, ...]] = {}
    chosen_of: set[Mention] = set()
    possessive: dict[Mention, bool] = {m: forms[m].possessive for m in order}
    position = {m: i for i, m in enumerate(order)}

    by_given: dict[str, list[Person]] = {}
    by_surname: dict[str, list[Person]] = {}
    by_core: dict[str, list[Person]] = {}
    by_part: dict[str, list[Person]] = {}
    by_initial: dict[str, list[Person]] = {}

    def new_person(mention: Mention, form: Form) -> Person:
        person = Person(
            len(people) + 1,
            given=form.given,
            initials=form.initials,
            surname=form.surname,
            usual=usual_gender(form.given[0]) if form.given else None,
        )
        people.append(person)
        # Indexes, so that a text of thousands of names is not matched against everyone each time.
        if person.given:
            by_given.setdefault(person.given[0], []).append(person)
        by_surname.setdefault(person.surname, []).append(person)
        for part in dict.fromkeys(core(person.surname).split("-")):
            by_part.setdefault(part, []).append(person)
        by_core.setdefault(core(person.surname), []).append(person)
        if person.initials and not person.given:
            by_initial.setdefault(person.initials[0], []).append(person)
        return person

    def join(mention: Mention, person: Person) -> None:
        if person.forms:
            person.first = min(person.first, position[mention])
        else:
            person.first = position[mention]
        assigned[mention] = person
        person.professional |= mention.title == "-"
        if shown[mention] not in person.forms:
            person.forms.append(shown[mention])
        person.genders |= genders_of(mention)

    def genders_of(mention: Mention) -> set[str]:
        """What a title or a word of kinship says of this mention's gender (both, if they differ)."""
        said = set(hints.get(mention, ()))
        if forms[mention].gender:
            said.add(forms[mention].gender)  # type: ignore[arg-type]
        return said

    titled_genders: dict[str, set[str]] = {}
    for mention in order:
        form = forms[mention]
        if form.surname and not form.given and not form.initials and form.gender:
            titled_genders.setdefault(core(form.surname), set()).add(form.gender)

    def both_titles(surname: str) -> bool:
        return titled_genders.get(core(surname), set()) >= {"f", "m"}

    # 1. Full names.
    full: dict[tuple[str, str], Person] = {}
    abbreviated = [
        m for m in order if forms[m].given and _ABBREVIATED_SURNAME.match(forms[m].surname)
    ]
    for mention in order:
        form = forms[mention]
        if not form.given or mention in abbreviated:
            continue
        key = (form.given[0], form.surname)
        if (
            key not in full
            and form.surname.endswith("s")
            and (form.given[0], form.surname[:-1]) in full
        ):
            key = (form.given[0], form.surname[:-1])
            possessive[mention] = True
        if key not in full:
            full[key] = new_person(mention, form)
        join(mention, full[key])

    loose: dict[str, Person] = {}  # people known by one word only, by that word

    def on_its_own(mention: Mention) -> None:
        """Nobody found fits: a person of their own, the same as another known only by this word
        ("Dekkers dochter Noor … Dhr. Dekker": Dekkers is not Noor Dekker, but is Dhr. Dekker)."""
        form = forms[mention]
        word = form.surname or form.single
        if possessive[mention] and word.endswith("s") and not form.possessive:
            word = word[:-1]
        known, said = loose.get(word), genders_of(mention)
        differ = known is not None and (
            bool(known.genders and said and known.genders.isdisjoint(said))
            or bool(
                known.initials and form.initials and not _compatible(known.initials, form.initials)
            )
        )
        if known is not None and not differ:
            join(mention, known)  # nothing known of either says they differ
            return
        person = new_person(mention, form)
        loose.setdefault(word, person)
        join(mention, person)

    def relatives_of(mention: Mention) -> set[int]:
        """The people this mention is named as a relative of: assigned, or the one person whose
        first name a single word is ("Dekkers dochter Noor" before "Noor Dekker")."""
        numbers = set()
        for other in apart.get(mention, ()):
            if other in assigned:
                numbers.add(assigned[other].number)
            elif other in forms and forms[other].single:
                named = by_given.get(forms[other].single, [])
                if len(named) == 1:
                    numbers.add(named[0].number)
        return numbers

    def seen(person: Person) -> set[str]:
        """What the text says of a person's gender, or else what their first name usually says."""
        return person.genders or ({person.usual} if person.usual else set())

    def pick(mention: Mention, found: Sequence[Person]) -> None:
        # Not a person this mention is a relative of ("meneer Öztürk en zijn zoon Emre Öztürk").
        relatives = relatives_of(mention)
        if relatives:
            found = [p for p in found if p.number not in relatives]
            if not found:
                on_its_own(mention)
                return
        if mention.title == "-":
            # "Dr. De Jong" beside "Marco de Jong" and "dr. E. de Jong": the one named with such a
            # title before.
            same = [p for p in found if p.professional]
            if len(same) == 1:
                join(mention, same[0])
                return
        said = genders_of(mention)
        gender = next(iter(said)) if len(said) == 1 else None
        proposed = None
        if gender and forms[mention].surname and both_titles(forms[mention].surname):
            # "meneer Pinas" and "mevrouw Pinas" beside "Shirley Pinas": she is one of them, and
            # which one the text does not say; her gender unknown, neither is merged silently.
            # One of unknown gender is left in only beside others known, to be found by elimination.
            known = [p for p in found if seen(p)]
            if not known:
                join(mention, new_person(mention, forms[mention]))
                return
            if len(found) - len(known) > 1:
                found = known
        offered = list(found)
        if gender:
            # Only a gender known from another mention, or a first name's usual one, rules a
            # candidate out.
            fitting = [p for p in found if not seen(p) or gender in seen(p)]
            if not fitting and (len(found) == 1 or all(p.genders for p in found)):
                # "mevrouw Bakker" beside "meneer Piet Bakker" alone, or beside "meneer Yilmaz en
                # zijn zoon Kerem Yilmaz": most likely someone else.
                on_its_own(mention)
                return
            found = fitting or list(found)
            known = [p for p in found if seen(p) == {gender}]
            if len(known) == 1 and all(not seen(p) for p in found if p is not known[0]):
                proposed = known[0]
        if len(found) == 1:
            if len(offered) == 1 or all(p.genders for p in offered):
                join(mention, found[0])
                return
            # Only a first name's usual gender told them apart: proposed, still open to choice.
            proposed, found = found[0], offered
        candidates_of[mention] = tuple(found)
        chosen = choose(Mention(shown[mention], mention.title), list(found)) if choose else None
        if chosen is not None and chosen in found:
            chosen_of.add(mention)
            join(mention, chosen)
        elif proposed is not None:
            join(mention, proposed)  # proposed, still open to choice
        elif not forms[mention].given and any(
            core(p.surname) == core(forms[mention].surname or forms[mention].single) for p in found
        ):
            # A surname alone that fits several: the one known by that surname alone ("Mw. Pinas
            # … haar zoon Dwayne Pinas … Pinas wil"), else the first named ("Marco Hendriks …
            # zijn zoon Luuk Hendriks … Hendriks geeft"); proposed, still open to choice.
            alone = [p for p in found if not p.given and not p.initials]
            join(mention, alone[0] if len(alone) == 1 else min(found, key=lambda p: p.first))
        else:
            join(mention, new_person(mention, forms[mention]))

    # "Anna K.", "Jan de V.": the full name with that first name and a surname of that letter.
    for mention in abbreviated:
        form = forms[mention]
        letter = core(form.surname)[:1]
        found = [p for p in by_given.get(form.given[0], []) if core(p.surname).startswith(letter)]
        if found:
            pick(mention, found)
        else:
            join(mention, full.setdefault((form.given[0], form.surname), new_person(mention, form)))

    # 2. Initials with a surname: longest initials first, so "F.A." settles before "F.".
    initialled = sorted(
        (m for m in order if forms[m].initials), key=lambda m: -len(forms[m].initials)
    )
    for mention in initialled:
        form = forms[mention]
        same = by_surname.get(form.surname, [])
        found = [p for p in same if p.given and _initials_fit(form.initials, p.given)]
        if not found:
            found = [
                p
                for p in same
                if not p.given and p.initials and _compatible(p.initials, form.initials)
            ]
            if not found:
                join(mention, new_person(mention, form))
                continue
        pick(mention, found)

    # 3. Single words: surnames after a title, first names or surnames otherwise.
    def matches(word: str, titled: bool, female: bool = False) -> list[Person]:
        surnamed = [p for p in by_surname.get(word, []) if p.given or p.initials]
        surnamed += [  # "Vries" for "de Vries"
            p for p in by_core.get(core(word), []) if (p.given or p.initials) and p not in surnamed
        ]
        # "mevrouw Hoekstra" for "Wietske Hoekstra-Postma" (a married woman's double name);
        # "meneer Hoekstra" is more likely her husband, so not for a man's title.
        if titled and female and not surnamed:
            surnamed = [
                p
                for p in by_part.get(core(word), [])
                if (p.given or p.initials) and "-" in p.surname
            ]
        named = by_given.get(word, [])
        if titled:
            return surnamed or list(named)
        return surnamed + [p for p in named if p not in surnamed]

    # What "haar zoon Tim" says of Tim holds before "mevrouw Bakker" is resolved, wherever it is.
    for mention in order:
        word = forms[mention].single
        people_named = by_given.get(word, [])
        if mention not in assigned and word and len(people_named) == 1:
            people_named[0].genders |= hints.get(mention, set())

    unmatched = {forms[m].surname or forms[m].single for m in order if m not in assigned}
    for mention in order:
        form = forms[mention]
        if mention in assigned:
            continue
        word = form.surname or form.single
        target = aliases.get(mention)
        if form.single and target is not None and target in assigned:
            # "roepnaam Hans": the name given before, unless someone else is also called so.
            others = [p for p in matches(word, False) if p is not assigned[target]]
            if not others:
                join(mention, assigned[target])
                continue
            pick(mention, [assigned[target], *others])
            continue
        titled = bool(form.surname) and not form.single
        female = genders_of(mention) == {"f"}
        found = matches(word, titled, female)
        if not found and word.endswith("s") and len(word) > 2:
            found = matches(word[:-1], titled, female)
            if found:
                possessive[mention] = True
                word = word[:-1]
        gender = form.gender
        if found and titled and gender and all(seen(p) and gender not in seen(p) for p in found):
            # "mevrouw Benali" beside "meneer Rachid Benali": his wife "Nadia Benali-Chaoui", or
            # "mevrouw Sabajo-Kartosen" beside her son "Rinaldo Sabajo".
            found = [
                p for p in by_part.get(core(word), []) if p.given or gender in seen(p)
            ] or found
        if found and word in loose and loose[word] not in found:
            # "Mw. Pinas … Dwayne Pinas … Pinas wil", "Oma Meijering … Lisa Meijering … Mevrouw
            # Meijering": the one known by the surname alone too.
            found.append(loose[word])
        if not found and form.single and not hints.get(mention) and not apart.get(mention):
            # "Davut" for "D. Koç", "Jan-Peter" for "J.P. Hoogenboom": the one person known by
            # initials only that this first name fits (not "D. Koç en zijn zoon Deniz").
            letters = "".join(part[:1] for part in word.split("-"))
            usual = usual_gender(word)
            fits = [
                p
                for p in by_initial.get(letters[:1], [])
                if p.initials.startswith(letters)
                and not (usual and seen(p) and usual not in seen(p))
            ]
            if len(fits) == 1 and all(is_first_name(part) for part in word.split("-")):
                join(mention, fits[0])
                continue
        if found:
            pick(mention, found)
            continue
        # 4. Matching no one: the same word is one person ("Bakker" and "mevrouw Bakker"), unless
        # what is known of them differs ("mw. Veenstra" and "meneer Veenstra": two people).
        if word not in loose and word.endswith("s") and word[:-1] in unmatched:
            possessive[mention] = True
        on_its_own(mention)

    # Numbers in order of first mention.
    renumber: dict[int, int] = {}
    for mention in order:
        person = assigned[mention]
        renumber.setdefault(person.number, len(renumber) + 1)
    result_people: dict[int, Person] = {}
    for person in people:
        if person.number in renumber:
            person.number = renumber[person.number]
            result_people[person.number] = person
    assignments = {
        m: Assignment(
            assigned[m].number,
            tuple(p.number for p in candidates_of.get(m, ())),
            chosen=m in chosen_of,
            possessive=possessive[m],
        )
        for m in order
    }
    return Resolution(result_people, assignments)

"""Find numeric statements in a text: the candidate finder behind the figures tables.

:func:`find_numeric` scans one reading text (English or German) and returns every
numeric statement as a :class:`NumericSpan` with its character span, its *form*
and the values its words give, parsed without interpretation. The forms are:

``number``
    digits (``842``, ``3,000``; German ``250.000``) or number words (``six
    hundred``, ``dreiundachtzig``), with an optional comparative or quantifier in
    front (``more than``, ``at least``, ``about``, ``all``; ``mehr als``,
    ``mindestens``, ``etwa``, ``alle``) that sets ``bound``.
``range``
    two numbers joined by ``to``/``-``/``–``/``or``/``bis``/``oder`` (``25,000 to
    30,000``, ``30 bis 40``, ``from 8 to 10``), possibly with ``about`` in front.
``ratio``
    a part of a stated whole: ``Ten of 16``, ``11 out of 29``; the second number
    becomes ``base``.
``base``
    a whole introduced by ``Out of`` whose part comes later in the sentence
    (``Out of 11 members …, 10 were killed``).
``percent``
    a number followed by ``percent``/``per cent``/``%``/``Prozent``.
``fraction``
    ``one third``, ``two thirds``, ``half``, ``every tenth``; ``ein Drittel``,
    ``zwei Drittel(n)``, ``die Hälfte``, ``jeder zehnte``: ``low`` is the
    numerator and ``base`` the denominator.
``vague``
    magnitudes and indefinite counts: ``dozens``, ``hundreds``, ``thousands``,
    ``several tens of thousands``, ``hundreds of thousands``, ``many``,
    ``several``, ``a few``, ``a number of``; German ``Dutzende``, ``Hunderte``,
    ``Tausende``, ``Zehntausende``, ``hunderte und tausende``. No value is given.
``qualitative``
    qualitative totals: ``almost all``, ``all`` (when it counts people, see
    below), ``not a single``, ``the majority``, ``the most active part of``,
    ``completely liquidated``, ``to a man``, ``total persecution``, ``the only
    one left``, ``I alone remained``. No value is given.

Rules that keep the candidates to *quantities* (each is tested):

* Dates are not numeric statements: a four-digit number from 1800 to 2099 without
  a thousands separator is a year (``1937``, ``1937–1938``, ``from 1921 to
  1926``) unless a person noun follows it; decades (``1930s``, ``mid-1930s``),
  days of a month (``28 March``, ``5. Juli``, ``15./16. Januar``) and German
  ordinals and enumerators (``4. Trotzdem``, ``IV.``) are skipped too.
* ``one`` counts only inside a ratio or a fraction (``one third``, ``one of
  16``); elsewhere it is a pronoun (``one of the leaders``, ``no one``). German
  ``ein``/``eine`` are articles except in ``ein Drittel``, ``ein Dutzend``.
* Number words are cardinals only: ordinals (``fourth``, ``Twenty-Second``,
  ``zweiten``) are not matched.
* ``all`` counts people only when a pronoun or ``were`` stands before it (``they
  all``, ``them all``, ``were all``) or a person noun or a verb of fate follows
  within three words (``all the Polish communists``, ``all disappeared``, ``all
  except``); ``all this``, ``all-powerful``, ``all Europe`` are not candidates.
* ``some`` is too indefinite to be a count and is not matched; it is read as
  ``about`` only directly before a number (``some 200``).

German texts (``lang="de"``) use ``.`` as thousands separator and ``,`` as the
decimal comma; English texts the reverse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --------------------------------------------------------------------------- words

EN_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
EN_ORDINAL_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "tenths": 10,
    "twentieth": 20,
    "hundredth": 100,
}

DE_UNITS = {
    "eins": 1,
    "ein": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "dreizehn": 13,
    "vierzehn": 14,
    "fünfzehn": 15,
    "sechzehn": 16,
    "siebzehn": 17,
    "achtzehn": 18,
    "neunzehn": 19,
}
DE_TENS = {
    "zwanzig": 20,
    "dreißig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "sechzig": 60,
    "siebzig": 70,
    "achtzig": 80,
    "neunzig": 90,
}
DE_ORDINAL_DENOMINATORS = {
    "hälfte": 2,
    "drittel": 3,
    "dritteln": 3,
    "viertel": 4,
    "vierteln": 4,
    "fünftel": 5,
    "zehntel": 10,
    "dritte": 3,
    "vierte": 4,
    "fünfte": 5,
    "zehnte": 10,
    "hundertste": 100,
}

MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTHS_DE = (
    "Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
)

#: English nouns that name people (or parties as bodies of people); plural forms.
PEOPLE_EN = (
    r"people|persons|men|women|children|wives|sons|daughters|communists|emigrants|émigrés|"
    r"members|leaders|comrades|cadres|officials|functionaries|commissars|delegates|workers|"
    r"revolutionaries|prisoners|victims|inhabitants|foreigners|Trotskyists|oppositionists|"
    r"Schutzbundists|parties|Germans|Poles|Hungarians|Bulgarians|Yugoslavs|Lithuanians|"
    r"Latvians|Estonians|Czechs|Austrians|Indians|Koreans|Japanese|Finns|Italians|Rumanians|"
    r"Russians|defendants|accused|generals|officers|writers|journalists|specialists|engineers"
)
#: Stems of German nouns that name people; a token whose lower-cased form ends in
#: one of them (plus an inflection ending) counts, so compounds such as
#: ``Weißgardisten`` or ``Parteimitglieder`` are included.
PEOPLE_DE_STEMS = (
    "menschen|person|personen|leute|leuten|mann|männer|männern|frauen|kinder|kindern|"
    "angeklagte|angeklagten|kommunisten|oppositionelle|oppositionellen|trotzkisten|"
    "sinowjewisten|bolschewiki|bolschewiken|revolutionäre|revolutionären|arbeiter|arbeitern|"
    "bauern|mitglieder|mitgliedern|genossen|beamte|beamten|beamter|offiziere|offizieren|"
    "generäle|generale|kommandeure|kommandeuren|ingenieure|ingenieuren|techniker|technikern|"
    "agenten|spione|spionen|terroristen|gardisten|verschwörer|verschwörern|zeugen|"
    "geschworene|geschworenen|häftlinge|häftlingen|gefangene|gefangenen|opfer|opfern|"
    "verbannte|verbannten|verhaftete|verhafteten|erschossene|erschossenen|führer|führern|"
    "funktionäre|funktionären|emigranten|kapitulanten|köpfe|köpfen|seelen|studenten|"
    "delegierte|delegierten|zuhörer|zuhörern|hörer|hörern|anhänger|anhängern|freunde|"
    "freunden|gegner|gegnern|sekretäre|minister|volkskommissare|marschälle|franzosen|"
    "amerikaner|deutsche|deutschen|russen|norweger|engländer|mexikaner|juden|richter|"
    "diplomaten|schriftsteller|journalisten|korrespondenten|vertreter|vertretern|leiter|"
    "mitarbeiter|kameraden|soldaten|matrosen|insassen|provokateure|diversanten|saboteure|"
    "schädlinge|verräter|bürger|einwohner|gefährten|menschewiki|sozialrevolutionäre|"
    "anarchisten|sozialdemokraten|kader|spezialisten|weißgardisten|trotzkistinnen|"
    "teilnehmer|teilnehmern|angehörige|angehörigen|familien|familienmitglieder|"
    "emigration|schüler|kollegen|polizisten|individuen|erwachsene"
)
#: German verbs and nouns of repression that make a nearby number a people count.
REPRESSION_DE = (
    r"erschoss\w*|erschieß\w*|erschließ\w*|hingerichtet\w*|hinrichtung\w*|verhaft\w*|"
    r"verurteilt\w*|verbannt\w*|verbannung\w*|ausgerottet|ermordet\w*|getötet|umgebracht|"
    r"deportiert|ausgeschlossen|verschickt|füsiliert|eingekerkert|einkerkerung\w*|"
    r"ausweisung\w*|haussuchung\w*"
)

# ------------------------------------------------------------------------ patterns

_EN_WORD_UNIT = "|".join(sorted(EN_UNITS, key=len, reverse=True))
_EN_WORD_TENS = "|".join(EN_TENS)
_EN_WORD = (
    rf"(?:(?:(?:{_EN_WORD_TENS})(?:-(?:{_EN_WORD_UNIT}))?|{_EN_WORD_UNIT})"
    rf"|a(?=\s+(?:hundred|thousand|million)\b))"
    rf"(?:\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?(?:(?:{_EN_WORD_TENS})"
    rf"(?:-(?:{_EN_WORD_UNIT}))?|{_EN_WORD_UNIT}))?)*"
)
_EN_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)(?:\s+(?:hundred|thousand|million)\b)?"
_DE_DIGITS = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:,\d+)?"
_DE_WORD_PART = (
    "hundert|tausend|zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|"
    "dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|"
    "zwölf|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|ein|und"
)
_DE_WORD = rf"(?:{_DE_WORD_PART})+"

_EN_VAGUE = (
    r"(?:(?:several|many|some|a\s+few)\s+)?(?:tens|hundreds|dozens)\s+of\s+(?:thousands|millions)"
    r"|(?:(?:several|many|a\s+few)\s+)?(?:dozens|hundreds|thousands|millions)"
    r"|(?:a\s+)?dozen"
    r"|a\s+number\s+of|a\s+few|several|many|numerous|countless"
)
_DE_VAGUE_WORD = (
    r"(?:zehn|hundert)?tausend(?:e|en|er)|(?:aber)?tausende[n]?|hunderte[n]?|dutzende[n]?|"
    r"millionen|(?:ein\s+)?dutzend(?:e|en)?|zehn-|hundert-"
)
_DE_VAGUE = (
    rf"(?:(?:viele|vielen|einige|einigen|mehrere|mehreren)\s+)?(?:{_DE_VAGUE_WORD})"
    rf"(?:\s+(?:und|oder)\s+(?:aber\s*)?(?:{_DE_VAGUE_WORD}))*"
)

_EN_QUALITATIVE = (
    r"(?:almost|nearly|virtually|practically)\s+all"
    rf"|more\s+(?:{PEOPLE_EN})\b(?=[^.;]{{0,120}}\bthan\b)"
    r"|not\s+a\s+single|not\s+one(?!\s+of\b)"
    r"|(?:the|a)\s+majority"
    r"|(?:the\s+)?(?:most\s+active|largest|greater|greatest|larger|smaller|certain)\s+"
    r"(?:part|portion)\s+of"
    r"|(?:completely|entirely|totally|wholly)\s+(?:liquidated|destroyed|annihilated|wiped\s+out)"
    r"|to\s+a\s+man"
    r"|total\s+(?:persecution|repression|annihilation|destruction|extermination)"
    r"|(?:the\s+)?only\s+ones?\s+(?:left|remaining|to\s+survive|who\s+survived)"
    r"|\b\w+\s+alone\s+(?:remained|survived|was\s+left)"
)
_DE_QUALITATIVE = (
    r"(?:fast|beinahe|nahezu|so\s+gut\s+wie)\s+alle"
    r"|die\s+(?:Mehrzahl|Mehrheit|meisten)"
    r"|(?:nicht\s+)?kein(?:e|en|em|er)?\s+einzige[nrms]?"
    r"|sämtliche[n]?"
    r"|alle(?=\s+(?:[\wäöüß]+\s+)?[A-ZÄÖÜ][\wäöüß]*\s+(?:[\wäöüß]+\s+){0,3}"
    r"(?:erschoss|erschieß|erschließ|hingerichtet|verhaft|ermordet|ausgerottet))"
)
_EN_ALL = (
    r"\b(?:they|them|were|we|you|us)\s+all\b(?![-’'])"
    rf"|\ball(?=(?:\s+the)?(?:\s+[\w’-]+){{0,2}}?\s+(?:{PEOPLE_EN})\b)"
    r"|\ball(?=\s+(?:disappeared|perished|died|were\s+(?:shot|killed|arrested)|except)\b)"
)
_EN_MODIFIER = (
    r"more\s+than|over|upwards\s+of|at\s+least|no\s+fewer\s+than|no\s+less\s+than|"
    r"not\s+less\s+than|about|approximately|around|roughly|some|almost|nearly|up\s+to|"
    r"fewer\s+than|less\s+than|all|only"
)
_DE_MODIFIER = (
    r"mehr\s+als|über|mindestens|wenigstens|nicht\s+weniger\s+als|etwa|ungefähr|rund|"
    r"gegen|an\s+die|zirka|ca\.|fast|beinahe|nahezu|bis\s+zu|knapp|weniger\s+als|alle|"
    r"sämtliche|nur"
)
BOUND_OF_MODIFIER = {
    "more than": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "about": "about",
    "approximately": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "almost": "at_most",
    "nearly": "at_most",
    "up to": "at_most",
    "fewer than": "less_than",
    "less than": "less_than",
    "all": "exact",
    "only": "exact",
    "mehr als": "more_than",
    "über": "more_than",
    "mindestens": "at_least",
    "wenigstens": "at_least",
    "nicht weniger als": "at_least",
    "etwa": "about",
    "ungefähr": "about",
    "rund": "about",
    "gegen": "about",
    "an die": "about",
    "zirka": "about",
    "ca.": "about",
    "fast": "at_most",
    "beinahe": "at_most",
    "nahezu": "at_most",
    "bis zu": "at_most",
    "knapp": "at_most",
    "weniger als": "less_than",
    "alle": "exact",
    "sämtliche": "exact",
    "nur": "exact",
}


@dataclass(frozen=True)
class NumericSpan:
    """One numeric statement in a text: its span, form and the values its words give."""

    start: int
    end: int
    surface: str
    form: str  # number|range|ratio|base|percent|fraction|vague|qualitative
    low: float | None = None
    high: float | None = None
    base: float | None = None
    bound: str = ""  # exact|about|more_than|at_least|at_most|less_than|range|""


@dataclass(frozen=True)
class _Lang:
    num: str
    modifier: str
    vague: str
    qualitative: str
    range_sep: str
    of_word: str
    percent: str
    fraction: str
    months: str


_LANGS = {
    "en": _Lang(
        num=rf"(?:{_EN_DIGITS}|(?<![\w-]){_EN_WORD}(?![\w-]))",
        modifier=_EN_MODIFIER,
        vague=_EN_VAGUE,
        qualitative=rf"{_EN_QUALITATIVE}|{_EN_ALL}",
        range_sep=r"\s*[-–]\s*|\s+(?:to|or)\s+",
        of_word=r"\s+(?:out\s+of|of)\s+",
        percent=r"\s*(?:%|percent\b|per\s+cent\b)",
        fraction=(
            r"(?:(?:one|a|two|three|four|nine)\s+(?:half|third|thirds|quarter|quarters|fifth|"
            r"fifths|tenth|tenths)|(?<!\w)half(?![-\w])|every\s+(?:second|third|fourth|fifth|tenth|"
            r"twentieth|hundredth))\b"
        ),
        months=MONTHS_EN,
    ),
    "de": _Lang(
        num=rf"(?:{_DE_DIGITS}|(?<![\w-])(?!(?:ein|eins|und)(?![\w-])){_DE_WORD}(?![\w-]))",
        modifier=_DE_MODIFIER,
        vague=_DE_VAGUE,
        qualitative=_DE_QUALITATIVE,
        range_sep=r"\s*[-–]\s*|\s+(?:bis|oder)\s+",
        of_word=r"\s+(?:von|aus)\s+",
        percent=r"\s*(?:%|Prozent\b)",
        fraction=(
            r"(?:(?:ein|einem|einen|zwei|drei)\s+(?:Drittel|Dritteln|Viertel|Vierteln|Fünftel|"
            r"Zehntel)|(?:die|der|zur)\s+Hälfte|jede[rns]?\s+(?:dritte|vierte|fünfte|zehnte|"
            r"hundertste)[rn]?)\b"
        ),
        months=MONTHS_DE,
    ),
}


def _compile(lang: _Lang, code: str) -> re.Pattern[str]:
    num = lang.num

    def mod(name: str) -> str:
        return rf"(?:(?P<{name}>{lang.modifier})\s+)?"

    base = (
        rf"|(?P<base>out\s+of\s+{mod('mod_b')}(?P<b_num>{num})(?!{lang.of_word}))"
        if code == "en"
        else ""
    )
    pattern = (
        rf"(?P<fraction>{mod('mod_f')}{lang.fraction})"
        rf"|(?P<percent>{mod('mod_p')}(?P<p_num>{num})(?:(?:{lang.range_sep})(?P<p_hi>{num}))?"
        rf"{lang.percent})"
        rf"|(?P<range>{mod('mod_g')}(?:(?:from|between|von|zwischen)\s+)?(?P<g_lo>{num})"
        rf"(?:{lang.range_sep}|\s+(?:and|und)\s+)(?P<g_hi>{num}))"
        rf"|(?P<ratio>(?P<r_num>{num}){lang.of_word}(?P<r_base>{num})(?![.,]?\d))"
        rf"{base}"
        rf"|(?P<number>{mod('mod_n')}(?P<n_num>{num}))"
        rf"|(?P<vague>{lang.vague})"
        rf"|(?P<qualitative>{lang.qualitative})"
    )
    return re.compile(rf"(?<![\w])(?:{pattern})(?![\w])", re.IGNORECASE)


_PATTERNS = {code: _compile(lang, code) for code, lang in _LANGS.items()}

# ------------------------------------------------------------------------ parsing


def parse_number(text: str, lang: str) -> float | None:
    """The value of digits or number words (``3,000``, ``Six hundred``, ``dreiundachtzig``)."""
    t = " ".join(text.split()).lower()
    if re.fullmatch(_EN_DIGITS if lang == "en" else _DE_DIGITS, t):
        if lang == "en":
            digits, _, scale = t.partition(" ")
            return float(digits.replace(",", "")) * EN_SCALES.get(scale, 1)
        return float(t.replace(".", "").replace(",", "."))
    return _parse_en_words(t) if lang == "en" else _parse_de_words(t)


def scale_word(text: str) -> int:
    """The multiplier of a trailing scale word (``10 thousand`` -> 1000), else 1."""
    last = text.lower().split()[-1] if text.split() else ""
    return EN_SCALES.get(last, 1) if not last.isdigit() else 1


def _parse_en_words(t: str) -> float | None:
    total, current = 0, 0
    for word in re.split(r"[\s-]+", t):
        if word in ("and",):
            continue
        if word == "a":
            current = 1
        elif word in EN_UNITS:
            current += EN_UNITS[word]
        elif word in EN_TENS:
            current += EN_TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in ("thousand", "million"):
            total += max(current, 1) * EN_SCALES[word]
            current = 0
        else:
            return None
    value = total + current
    return float(value) if value else None


def _parse_de_words(t: str) -> float | None:
    """German cardinal words up to 999,999 (``hundertundfünfzig``, ``siebentausend``)."""
    if "tausend" in t:
        head, _, tail = t.partition("tausend")
        thousands = _parse_de_below_1000(head) if head else 1
        rest = _parse_de_below_1000(tail) if tail else 0
        if thousands is None or rest is None:
            return None
        return float(thousands * 1000 + rest)
    value = _parse_de_below_1000(t)
    return float(value) if value else None


def _parse_de_below_1000(t: str) -> int | None:
    t = t.removeprefix("und")
    if "hundert" in t:
        head, _, tail = t.partition("hundert")
        hundreds = DE_UNITS.get(head) if head else 1
        rest = _parse_de_below_100(tail.removeprefix("und")) if tail else 0
        if hundreds is None or rest is None:
            return None
        return hundreds * 100 + rest
    return _parse_de_below_100(t)


def _parse_de_below_100(t: str) -> int | None:
    if t in DE_UNITS and t != "ein":
        return DE_UNITS[t]
    if t in DE_TENS:
        return DE_TENS[t]
    unit, sep, tens = t.partition("und")
    if sep and unit in DE_UNITS and tens in DE_TENS and DE_UNITS[unit] < 10:
        return DE_UNITS[unit] + DE_TENS[tens]
    return None


def _fraction_values(text: str, lang: str) -> tuple[float, float]:
    words = text.lower().split()
    denominators = EN_ORDINAL_DENOMINATORS if lang == "en" else DE_ORDINAL_DENOMINATORS
    denominator = next(
        denominators[w.rstrip("rns") if w not in denominators else w]
        for w in reversed(words)
        if w in denominators or w.rstrip("rns") in denominators
    )
    first = words[0]
    numerators = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "nine": 9}
    numerators |= {"ein": 1, "einem": 1, "einen": 1, "zwei": 2, "drei": 3}
    return float(numerators.get(first, 1)), float(denominator)


# ------------------------------------------------------------------------ filters


def _is_year(value: float | None, text: str) -> bool:
    return value is not None and re.fullmatch(r"\d{4}", text) is not None and 1800 <= value < 2100


def _is_date_or_ordinal(m: re.Match[str], text: str, lang: str, num_group: str) -> bool:
    """True for days of a month, decades, German ordinals and enumerators."""
    start, end = m.span(num_group)
    after = text[end : end + 14]
    before = text[max(0, start - 12) : start]
    months = _LANGS[lang].months
    if re.match(r"'?s\b", after) or re.search(r"mid-$", before):  # 1930s, mid-1930s
        return True
    day = re.fullmatch(r"\d{1,2}", m.group(num_group)) is not None
    if day and (
        re.match(rf"\s+(?:{months})\b", after) or re.search(rf"\b(?:{months})\s+$", before)
    ):
        return True
    if lang == "de" and re.fullmatch(r"\d+", m.group(num_group)):
        if re.match(r"\.(?:\s*\w|/|-)|-/|/", after):  # 5. Juli, 4. Trotzdem, 15./16., 28-/29.
            return True
        if re.search(r"(?:Nr|S|Art)\.\s*$", before):  # Nr. 48, S. 68
            return True
    return False


def _people_follow(text: str, end: int, lang: str, words: int = 3) -> bool:
    window = " ".join(text[end:].split()[: words + 1])
    if lang == "en":
        return re.search(rf"\b(?:{PEOPLE_EN})\b", window) is not None
    return any(_is_people_token(tok) for tok in re.findall(r"[\wÄÖÜäöüß]+", window))


def _is_people_token(token: str) -> bool:
    low = token.lower()
    return re.search(rf"(?:{PEOPLE_DE_STEMS})$", low) is not None and token[:1].isupper()


# ------------------------------------------------------------------------ finder

_TOP_GROUPS = ("fraction", "percent", "range", "ratio", "base", "number", "vague", "qualitative")


def find_numeric(text: str, lang: str) -> list[NumericSpan]:
    """Every numeric statement in ``text`` (``lang`` ``"en"`` or ``"de"``), in text order."""
    out: list[NumericSpan] = []
    for m in _PATTERNS[lang].finditer(text):
        kind = next(g for g in _TOP_GROUPS if m.groupdict().get(g) is not None)
        span = _MAKERS[kind](_Match(m, text, lang, kind))
        if span is not None:
            out.append(span)
    return out


@dataclass(frozen=True)
class _Match:
    m: re.Match[str]
    text: str
    lang: str
    kind: str

    def group(self, name: str) -> str | None:
        return self.m.groupdict().get(name)

    def value(self, name: str) -> float | None:
        g = self.group(name)
        return parse_number(g, self.lang) if g else None

    def bound(self, mod_group: str, default: str = "exact") -> str:
        mod = self.group(mod_group)
        return BOUND_OF_MODIFIER[" ".join(mod.lower().split())] if mod else default

    def span(self, surface_start: int | None = None, surface_end: int | None = None) -> tuple:
        start = self.m.start(self.kind) if surface_start is None else surface_start
        end = self.m.end(self.kind) if surface_end is None else surface_end
        return start, end, self.text[start:end]

    def is_date(self, num_group: str) -> bool:
        """A year (unless people follow), a day of a month, a decade or a German ordinal."""
        g = self.group(num_group)
        if g is None:
            return False
        value = parse_number(g, self.lang)
        end = self.m.end(num_group)
        if _is_year(value, g) and not _people_follow(self.text, end, self.lang, words=0):
            return True
        return _is_date_or_ordinal(self.m, self.text, self.lang, num_group)


def _with_bound(bound: str, value: float) -> tuple[float | None, float | None]:
    """(low, high) for a single value under a comparative: never more precise than the text."""
    if bound in ("more_than", "at_least"):
        return value, None
    if bound in ("at_most", "less_than"):
        return None, value
    return value, value


def _make_fraction(x: _Match) -> NumericSpan:
    start, end, surface = x.span()
    core = x.m.group(x.kind)[len(x.group("mod_f") or "") :].strip()
    low, base = _fraction_values(core, x.lang)
    bound = x.bound("mod_f")
    lo, hi = _with_bound(bound, low)
    return NumericSpan(start, end, surface, "fraction", lo, hi, base, bound)


def _make_percent(x: _Match) -> NumericSpan | None:
    start, end, surface = x.span()
    low, high = x.value("p_num"), x.value("p_hi")
    if low is None:
        return None
    if high is not None and high > low:
        return NumericSpan(start, end, surface, "percent", low, high, 100.0, "range")
    bound = x.bound("mod_p")
    lo, hi = _with_bound(bound, low)
    return NumericSpan(start, end, surface, "percent", lo, hi, 100.0, bound)


def _make_range(x: _Match) -> NumericSpan | None:
    low, high = x.value("g_lo"), x.value("g_hi")
    if low is None or high is None or x.is_date("g_lo") or x.is_date("g_hi"):
        if x.is_date("g_lo") and x.is_date("g_hi"):
            return None
        return _first_number(x, "g_lo", "mod_g")
    lo_text, hi_text = x.group("g_lo") or "", x.group("g_hi") or ""
    if scale_word(hi_text) > 1 and scale_word(lo_text) == 1 and low < scale_word(hi_text):
        low *= scale_word(hi_text)  # "from 8 to 10 thousand": the scale word covers both
    surface = x.m.group(x.kind).lower()
    joined_by_and = re.search(r"\s(?:and|und)\s", surface) is not None
    between = re.search(r"\b(?:between|zwischen)\s", surface) is not None
    if high <= low or _bare_one(x.group("g_lo") or "") or (joined_by_and and not between):
        return _first_number(x, "g_lo", "mod_g")
    start, end, text = x.span()
    return NumericSpan(start, end, text, "range", low, high, None, "range")


def _make_ratio(x: _Match) -> NumericSpan | None:
    low, base = x.value("r_num"), x.value("r_base")
    if low is None or base is None or base <= low or x.is_date("r_base"):
        return _first_number(x, "r_num", None)
    start, end, surface = x.span()
    return NumericSpan(start, end, surface, "ratio", low, low, base, "exact")


def _make_base(x: _Match) -> NumericSpan | None:
    value = x.value("b_num")
    if value is None or _bare_one(x.group("b_num") or "") or x.is_date("b_num"):
        return None
    bound = x.bound("mod_b")
    lo, hi = _with_bound(bound, value)
    start, end, surface = x.span()
    return NumericSpan(start, end, surface, "base", lo, hi, None, bound)


def _make_number(x: _Match) -> NumericSpan | None:
    return _first_number(x, "n_num", "mod_n")


def _first_number(x: _Match, num_group: str, mod_group: str | None) -> NumericSpan | None:
    """A single number (with its modifier); also the fallback for a failed range or ratio."""
    num = x.group(num_group) or ""
    value = parse_number(num, x.lang)
    if value is None or _bare_one(num) or _is_article(num, x.lang) or x.is_date(num_group):
        return None
    mod = x.group(mod_group) if mod_group else None
    start = x.m.start(mod_group) if mod else x.m.start(num_group)
    bound = x.bound(mod_group) if mod_group else "exact"
    lo, hi = _with_bound(bound, value)
    s, e, surface = x.span(start, x.m.end(num_group))
    return NumericSpan(s, e, surface, "number", lo, hi, None, bound)


def _make_vague(x: _Match) -> NumericSpan | None:
    start, end, surface = x.span()
    if surface.endswith("-"):  # "zehn-" without "oder hunderttausenden"
        return None
    return NumericSpan(start, end, surface, "vague")


def _make_qualitative(x: _Match) -> NumericSpan:
    start, end, surface = x.span()
    return NumericSpan(start, end, surface, "qualitative")


_MAKERS = {
    "fraction": _make_fraction,
    "percent": _make_percent,
    "range": _make_range,
    "ratio": _make_ratio,
    "base": _make_base,
    "number": _make_number,
    "vague": _make_vague,
    "qualitative": _make_qualitative,
}


def _bare_one(num_text: str) -> bool:
    return num_text.lower() in ("one", "a")


def _is_article(num_text: str, lang: str) -> bool:
    return lang == "de" and num_text.lower() in ("ein", "eins", "und")


# ------------------------------------------------------------ people restriction


def people_context(text: str, span: NumericSpan, lang: str, words_after: int = 4) -> bool:
    """The crimes-1937 restriction: does ``span`` count people?

    Qualitative totals (``die Mehrzahl``, ``fast alle``, ``kein einziger``,
    ``sämtliche``, ``alle`` before a noun and a verb of repression) need a word
    of repression nearby. Other candidates count people if a person noun
    follows within ``words_after`` words (German: a
    capitalised token ending in a stem of :data:`PEOPLE_DE_STEMS`), if the
    candidate itself ends in such a noun (``Dutzende``), or if a word of
    repression (:data:`REPRESSION_DE`: erschossen, verhaftet, Erschießungen, also
    the OCR form ``Erschließung``) stands within six words after it or four
    before it.
    """
    if span.form == "qualitative":
        return _repression_near(text, span.start, span.end)
    if _people_follow(text, span.end, lang, words=words_after):
        return True
    return _repression_near(text, span.start, span.end)


def _repression_near(text: str, start: int, end: int) -> bool:
    after = " ".join(text[end:].split()[:6])
    before = " ".join(text[:start].split()[-4:])
    pattern = re.compile(rf"\b(?:{REPRESSION_DE})", re.IGNORECASE)
    return bool(pattern.search(after) or pattern.search(before))

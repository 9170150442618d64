"""Testimony turns of the trials and hearings in *Stalins Verbrechen* (crimes-1937).

A *turn* is one stretch of speech by one identifiable person in one of four
proceedings:

============= ==================================================================
trial id      proceeding
============= ==================================================================
moscow-1936   Zinoviev–Kamenev trial, Moscow, 19–24 August 1936 ("Prozess der 16")
moscow-1937   Pyatakov–Radek trial, Moscow, 23–30 January 1937 ("Prozess der 17")
drammen-1936  Trotsky as witness before the Drammen district court, 11 Dec 1936
dewey-1937    the Dewey sub-commission, Coyoacán, 10–17 April 1937
============= ==================================================================

Only crimes-1937 quotes or reports such testimony: the other four sources were
read for it (Rogovin quotes Vaillant-Couturier and Buber-Neumann, Der Monat the
1922 trial; neither is one of the four proceedings), so the extractor runs on
crimes-1937 alone. Footnotes, headings and quoted documents are never turns.

Who may speak (``data/curated/testimony_speakers.csv``)
-------------------------------------------------------
The *participants* of a trial are the persons whose roles in the name
authority (``data/curated/persons.csv``) place them in it (``defendant-1936``;
``defendant-1937`` and ``witness-1937``; ``drammen-hearing``;
``dewey-commission``), plus the persons listed there by hand (Vyshinsky and the
unnamed presiding judge in both Moscow trials, Trotsky at Drammen and Coyoacán).
A turn's speaker must be a participant of the turn's trial: Sedov, Stirner or
Trotsky quoted inside Moscow testimony are never Moscow speakers.
*Role words* name a speaker by function and change referent with the context:
"der Staatsanwalt" is the Norwegian prosecutor in chapter 3 and Vyshinsky
elsewhere; "der Vorsitzende" the Drammen judge in chapter 3, Dewey in chapter 8
and the Moscow presiding judge elsewhere. A role word, like a name, identifies
a speaker only in the nominative (``der Staatsanwalt``, not ``des
Staatsanwalts`` or ``den Angeklagten Smirnow``). Names are the mentions of
:mod:`companion.mentions`.

Dialogue turns (mode ``dialogue``)
----------------------------------
* A dialogue block (``Name: „…“``, parsed by :mod:`companion.parsers.crimes_1937`)
  is a turn of the person its label names: the first mention in the label before
  any stage direction in brackets (``Advokat W.``, ``Der Hauptangeklagte R. H.``,
  ``Romm``) or its role word (``Der Vorsitzende (zum Zeugen)``). The turn is the
  quotation that follows the label's colon, up to its closing mark; Trotsky's
  commentary after it in the same block is not speech.
* The Drammen hearing (chapter 3) is a question-and-answer record in which most
  utterances carry no label. An *utterance* is a quotation that opens a block,
  follows a label, follows another utterance or follows the end of a narrative
  sentence (a quotation inside a sentence, such as a book title, is none). It
  ends at the closing mark that balances its opening mark; an answer whose
  paragraph ends unbalanced runs on into the next paragraphs (the answer on the
  Moscow trial fills twelve). Inside an answer, an opening mark after a sentence
  end reopens the quotation (the print's paragraph marks of a long speech,
  ``„Was mich betrifft`` and ``„Wie kann man``) and is not nested. An unlabelled
  utterance that calls Trotsky "der Zeuge" and says nothing in the first person
  singular is the examiner's (Advokat W., who conducts the examination); every
  other unlabelled utterance is the witness's answer. Gestures and stage
  directions between utterances (``Advokat W. nickt``) are not speech. The
  narrative between utterances is read for reported speech (the prosecutor's
  protest, the judge's indirect question); inside Trotsky's answers only Moscow
  testimony is taken (Holtzman's account of the Hotel Bristol, reported in the
  answer on the Moscow trial, is a Moscow turn inside a Drammen turn).

Direct quotations (mode ``direct``)
-----------------------------------
A quotation outside a dialogue label is a turn when one of these attributes it,
tried in this order:

1. an attribution after it: ``„…“, sagte Radek vor Gericht aus, „…“`` (the
   *inserted* attribution: both parts are one turn), ``„…“, gesteht Radek.``,
   ``„…“ fragt er unvermittelt Pjatakow`` -- a speech verb right after the
   closing mark; or a bracketed statement noun (``„…“ (Pjatakows Aussage)``);
2. an introducing clause that ends with a colon (or an ellipsis) right before it
   (``sagte Reingold aus: „``, ``Wyschinski kann sich nicht beruhigen: „``). The
   quotation must be introduced by a speech verb or be a sentence of its own
   (capital letter, final punctuation), so that ``die Adresse, die ihm Sedow
   gegeben hatte: „Postlagernd …“`` is no direct turn of Sedov (the sentence is
   a reported turn of Romm, see *quoted words* below). ``Und weiter: „``
   continues the previous turn;
3. a sentence around it that names a speaker and a speech cue (``nannte der
   Staatsanwalt den Angeklagten Smirnow „…“``, ``Wyschinski entlarvte das
   Gesicht „…“``);
4. context: a quotation that forms a sentence of its own and has no attribution
   belongs to the preceding speaker when it is in the first person (``„Danach
   reiste Radek nach Moskau und ich sah ihn …“`` after Romm's answers), or, when
   it is a question addressed in the second person, to the questioner the
   preceding sentence names (``Dann nimmt sich der Hüter des Gesetzes wieder
   Bucharzew vor. „Ist Ihnen bekannt …“``). Not after a sentence whose subject
   is the author himself (``Doch wir unterbrechen hier den lehrreichen Dialog …
   „Sie, Herr Ankläger …“`` is Trotsky's imagined interrogation), not after a
   sentence holding a quotation that is no turn (Kamenev's private words of
   1927), and only after a quoted (not a reported) turn;
5. a block quotation takes the speaker the last sentence of the paragraph before
   it announces with a speech cue (``Kehren wir zu Golzmanns Aussagen – nach dem
   offiziellen Bericht – zurück.``).

Reported speech (mode ``reported``)
-----------------------------------
A sentence reports testimony when it attributes content to a speaker. The
content is a clause (``dass``/``ob``/``wie``/a subjunctive clause/a
zu-infinitive/a colon), the speaker's own words in quotation marks, or what an
attribution phrase (``nach X-s Worten``) marks as his account; a verb of saying
with a mere noun phrase as its object names the topic of a statement, not its
content (``Golzmann hat seine Verbindung mit der Gestapo bestritten``, ``nennt
als Treffpunkt das Hotel Bristol``; no turn). The attributions:

* ``nach Bucharzews Worten``, ``nach den Worten des Staatsanwalts``, ``Nach
  Golzmann befand sich …``; ``wie er sagte``, ``wie Mratschkowski erzählt``;
* a speech verb with a ``dass``/``ob``/``wie`` clause, a subjunctive clause, a
  zu-infinitive (``Pjatakow gab an, … gekommen zu sein``) or a colon and a
  subjunctive clause (``Radek vertiefte die Warnung: ein Teil meines Programms
  sei …``); a statement noun with a light verb takes a bare clause (``Romm
  hatte schon früher die Bemerkung gemacht, die Episode spiele …``);
* a statement noun with its speaker (``Pjatakows Erklärung, dass``), also as the
  source of an impersonal or passive verb of saying: ``Aus den Geständnissen
  Pjatakows … geht hervor, dass``, ``In den … Aussagen Kamenews wird … betont,
  dass`` (``ergibt sich``, ``folgt``, ``heißt es``, ``wird gesagt/erklärt/…``);
  the noun must belong to one person (``aus ihren eigenen Worten`` is several);
* ``will … gemacht haben``; ``Dank Bucharzew erfahren wir, dass``;
* a request or a question in court: ``Der Staatsanwalt bittet, sein …
  Dokument zu den Gerichtsakten zu nehmen`` (``bittet``, ``ersucht``,
  ``beantragt`` with a zu-infinitive), ``Wyschinski interessiert sich ferner
  dafür, worauf …`` (``interessiert sich dafür/für`` with an indirect
  question); the subject must stand in the verb's own clause and the verb not
  be negated (``interessiert sich … für die Passfrage nicht``);
* ``stellt sich heraus`` -- what an examination brought out -- when it is about
  a participant: ``Pjatakow, stellt sich heraus, ist …``, ``stellt sich heraus,
  dass Romm …``; when the sentence names no one in the nominative before it, the
  speaker is the person whose statement the sentence before announces with a
  statement noun (``Aus der Vernehmung des Zeugen Bucharzew … erfahren wir …
  „Heinrich-Gustav“ hieß, stellt sich heraus, Gustav Stirner``). Not for a
  non-participant (``Stirner, stellt sich heraus, …``, ``Jakir``), the author
  (``stellt sich heraus, dass ich …``) or a thing (``dass das … Hotel Bristol
  … vernichtet wurde``);
* *quoted words*: Trotsky narrates a witness's account with the witness's own
  words in quotation marks and no verb of saying (``Das Buch mit dem Brief
  übergab Romm Sedow „in Paris im November 1933“``, ``Im Dezember 1934 erhielt
  Mratschkowski durch Dreizer einen Brief von Trotzki, der „die Beschleunigung
  …“ forderte``). The speaker is the speaker of the last Moscow turn of the
  section in this or the two passages before, if the sentence names him or
  refers to him as ``er``; the quotation has three words or more, is no title
  and no full sentence of its own, and does not only echo words already quoted
  from him (``Pjatakow hatte nur nötig, die „Unterschrift zu leisten“``). A
  sentence with a verb or noun of saying (``mitteilen``, ``sagte``, ``Kunde``,
  ``Vorschlag``) narrates a conversation the witness reported -- Radek with Romm
  in 1932, Sedov with Romm in Paris, Pyatakov with Bukhartsev in Berlin -- and
  is no turn unless an attribution to the witness in court makes it the content
  of his (``Nach Bucharzews Worten …: … sagte Pjatakow, er sei sehr froh``);
  so are sentences with the author as subject, irrealis or negation;
* *bare subjunctive*: a declarative sentence in Konjunktiv I whose opening clause
  has one participant as its subject and names no one else (``Pjatakow sei
  angeblich Mitte Dezember 1935 … gekommen``, ``Olberg, der sich in Berlin
  befand, habe von mir … Instruktionen erhalten``), together with the
  Konjunktiv-I sentences right before it that name no person (``Das Flugzeug sei
  um drei Uhr nachmittags gelandet … Pjatakow sei bei mir … eingetroffen``). Not
  with ``wir``, ``man``, ``ich``, several persons (``Alle drei seien …``), a verb
  of saying (another rule's) or irrealis (``Wenn man … annimmt, … sei …``);
* the author's own statements that he quotes (``schrieb ich in einem
  Kommuniqué:``, ``motivierte ich mit folgenden Worten:``) are read for reported
  testimony like his narrative (``„Es handelt sich um Aussagen Pjatakows. Er
  berichtete, dass er mich … besucht hätte. …“``).

``nach X-s Worten`` inside a relative clause refers back to a turn and asserts
nothing new (``der sogar nach Radeks Aussage …``); ``sofort nach Pjatakows
Aussagen`` is a time, not an attribution. Sentences that follow a reported turn
in the same paragraph and go on in the subjunctive (``hätten sie sich …``, ``sei
Sedow …``; not irrealis, not ``wir``/``gern``) continue it; after a quoted turn
only a sentence that names the speaker continues (``Jedoch habe Romm …``); an
indicative sentence continues when its subject is ``er`` and it quotes the
speaker's words as a complement (``beschloss er, „die aktive Arbeit
einzustellen“``); a new attribution to the same speaker in the next sentence
joins the turn (not a quoted-words, bare-subjunctive or ``stellt sich heraus``
sentence: each of these is a turn of its own). An indirect question ``Ob …?``
continues the last indirect question of the paragraph or belongs to the person
the preceding sentence names as its subject.

*Where the content begins and ends.* The turn is the reported content, without
a leading attribution clause. When the attribution stands inside the sentence,
the content begins after an introduction of the author's ending with a colon
(``Uns interessiert hier etwas anderes: Im August 1936 war Radek noch, wie er
sagte, …``) and at the subordinate clause that holds the attribution (``Dieser
Name sagt mir absolut nichts, wenn auch Stirner, nach Bucharzews Bericht, meine
Vertrauensperson war``: from ``Stirner``). It ends before Trotsky's own words
that run on in the same sentence: a predicate whose subject is the reported
clause (``Pjatakows Erklärung, dass „…“, ist reinste Erfindung``), a gloss
(``, das heißt, nach der Charakteristik des Staatsanwalts, …``), a comment after
a dash (``– eine der wenigen Antworten, die natürlich und vernünftig klingen``),
a main clause of another subject joined by ``und`` (``, und der Staatsanwalt
unterstrich diesen Umstand auf jede Weise``) and a closing bracket that only
refers to the session (``(Verhandlung vom 23. Januar)``).

Subject, pronouns, the author
-----------------------------
In the attribution the speaker is, within the clause (split at commas and
dashes, relative and participle clauses skipped) nearest the quotation that
holds a speech cue: the owner of a statement noun (``eine Aussage des
Angeklagten Muralow`` -- the statement read in court is Muralov's), else the
nominative referent right after the finite speech verb (``sagte der Zeuge
Loginow``, ``fragt ihn der Vorsitzende``), else the one right before it
(``Mratschkowski gab an``), else the first nominative name or role word, else the
author (``Bucharzew kommt dem Staatsanwalt einen Schritt entgegen``; ``Folgen
wir aber Pjatakow weiter``). A referent after a preposition (``durch Sedow``)
or with ``des``/``dem``/``den`` is no subject; a name inside a trial's name
(``im Prozess Pjatakow-Radek``) is no referent. ``er`` is the nearest
nominative referent before it in the sentence, else the subject of one of the
two preceding sentences (or, if such a sentence has none, the one person whose
statement it names: ``Es handelt sich um Aussagen Pjatakows. Er berichtete …``),
else the speaker of the last turn in the same or the previous passage. The
author (``ich``, ``wir``, ``meine Antwort``) is a participant only of the
hearings.

Exclusions (not testimony)
--------------------------
* the speaker is no participant of the trial (Sedov, Stirner, Stalin's agents,
  Trotsky outside the hearings) or nobody (the indictment, the verdict, TASS, the
  Bulletin, the Knudsen telegram);
* several speakers together (``Pjatakow und Radek sagten aus``, ``Olberg und
  andere``, ``Alle vier „Terroristen“ erklären``) or none identifiable (``einer
  der Angeklagten``);
The exclusions are judged on the words of the attribution, not on the quoted
or reported content:

* writing and documents (``schrieb``, ``in seinem Artikel``, ``lautet``, a
  ``Brief``, the ``Bulletin``, the ``Prawda``, a ``Zeitung``, an ``Anklageakt``,
  an ``Urteil``, ``ein Zitat aus``); private conversations (``sagte mir
  Sinowjew``, ``erklärte mir Kamenew``, a speech verb in the pluperfect: ``nachdem
  Radek dem Romm … erzählt hatte``); the author's own idiom (``es genügt zu
  sagen``, ``sagen wir``);
* speech at another time: a year in a temporal phrase of the attribution (``Im
  Juli 1926 erklärte Sinowjew``, ``Im Januar 1935 …, im ersten Prozess``, or the
  year of the sentence before when the attribution says ``damals``) that is not
  the trial's year, unless the attribution names or dates the trial;
* hypothetical or imagined speech: ``sagte wahrscheinlich Kamenew``, ``Er hätte
  doch … sagen können``, ``wird sich Romm wahrscheinlich erinnern``; negated
  speech (``sagt Romm nichts``);
* no court context: a direct or reported turn needs a court word (``vor
  Gericht``, ``sagte … aus``, ``Aussage``, ``Verhandlung``, ``Sitzung``,
  ``Staatsanwalt``, ``Angeklagte``, a trial date …) within two sentences of it,
  or an earlier turn of the same speaker in the same passage, or -- unless the
  passage speaks of the Bulletin or of a letter writer -- in the same section
  (Radek's letters of 1928 in §9.15 have none);
* repetition: a quotation whose every word stem was already quoted as a turn of
  the same speaker in the section (``Wyschinski stellte, wie wir soeben
  vernahmen, … die Frage: „…“``) is the same turn again; a reported turn only
  when it says so (``wiederholt … Romm``) or adds no more than three words of
  its own. Dialogue turns are never repetitions (Muralov's second ``„Ja.“``).

Trial, addressee, session
-------------------------
The trial of a turn is the only trial its speaker takes part in; for a speaker
of both Moscow trials (Vyshinsky, the judge) the trial named or dated in the
attribution sentence (``August 1936``, ``28. Januar``, ``Prozess der 16``,
``Pjatakow-Radek``, ``letzten Prozess``), else the one trial whose participants
the sentence names (``… worauf das Gespräch mit Sedow bezüglich Romms
Versetzung … hinauslief``: Romm testified in 1937), else the last cue before it
in the passage, else the trial of the preceding Moscow turn of the section, else a
cue earlier in the section, else 1937. In chapters 2–6, written before the
January 1937 trial opened (the diary ends 6 January, chapter 6 is dated 21
January), the only possible Moscow trial is that of 1936. Chapter 3 is the
Drammen hearing and chapter 8 the Dewey hearing for their own participants.
The addressee is the other party of a question-and-answer exchange: in a
dialogue turn, the next turn of the other side for the asking side (the Moscow
prosecutor and judge; everyone but the witness in a hearing), the previous one
for the answering side; in a direct or reported turn only the person a question
verb names (``befragt Wyschinski … Sinowjew``). The session is the trial date the attribution gives
(``Abendverhandlung vom 19. August 1936``, ``Sitzung vom 22. August``, ``(28.
Januar)``, ``vom 27.``) in the sentence of the attribution; a question and its
answer share it (an undated turn takes the date of the turn before it when one
of the two is the prosecutor's or the judge's and they stand in the same or in
neighbouring passages).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from companion import paths
from companion.curated import fail, read_curated
from companion.model import Block, Document
from companion.passages import assign_ids

SOURCE_ID = "crimes-1937"
TRIALS = ("moscow-1936", "moscow-1937", "drammen-1936", "dewey-1937")
MOSCOW = ("moscow-1936", "moscow-1937")
MODES = ("dialogue", "direct", "reported")
SPEAKERS_CSV = paths.CURATED / "testimony_speakers.csv"
SPEAKER_KINDS = ("authority-role", "participant", "role", "witness", "examiner")

TESTIMONY_COLUMNS = [
    "turn_id",
    "trial",
    "speaker_id",
    "addressee_id",
    "mode",
    "session",
    "passage_id",
    "start",
    "end",
    "text",
]

#: chapters that are a hearing of their own
HEARING_CHAPTERS = {"3": "drammen-1936", "8": "dewey-1937"}
#: chapters written before the January 1937 trial opened: "the trial" there is 1936
PRE_1937_CHAPTERS = frozenset({"2", "3", "4", "5", "6"})
#: trial days (month name -> trial, first and last day)
TRIAL_DAYS = {"August": ("moscow-1936", 19, 24), "Januar": ("moscow-1937", 23, 30)}
YEAR_OF = {"moscow-1936": 1936, "moscow-1937": 1937}
MONTH_NUMBER = {"August": 8, "Januar": 1}

# --- word lists (documented in the module docstring) ------------------------------------

SPEECH_VERB = re.compile(
    r"\b(?:sag(?:t|te|ten|en)|ausgesagt|aussag\w*|erklär(?:t|te|ten|en)|erzähl(?:t|te|ten|en)"
    r"|bericht(?:et|ete|eten)|antwort(?:et|ete|eten)|gab\s+an|gibt\s+an|angegeben|bestätig\w*"
    r"|bestritt\w*|bestreit\w*|gesteh\w*|gestand\w*|wiederhol(?:t|te)|präzisier\w*"
    r"|behaupt\w*|frag(?:t|te|ten)|befrag(?:t|te)|meint\w*|bemerk(?:t|te)|äußer(?:t|te)"
    r"|versicher\w*|korrigier(?:t|te)|fährt|fuhr|drängt\w*|hingewiesen|zitiert\w*"
    r"|protestier\w*|geleugnet|leugne\w*|nannte|nennt|schilder(?:t|te)|entlarvte"
    r"|vertiefte|unterstrich|Bemerkung\s+gemacht|machte\s+(?:\w+\s+)?Bemerkung)\b"
)
#: a statement noun with a light verb that takes its content as a comma clause
LIGHT_SPEECH = re.compile(r"Bemerkung\s+gemacht|machte\s+(?:\w+\s+)?Bemerkung")
SPEECH_NOUN = (
    r"(?:Aussage|Aussagen|Worte|Worten|Erklärung|Geständnis|Geständnisse|Geständnissen|Angaben|Angabe"
    r"|Bericht|Erzählung|Zeugnis|Anklagerede|Schlusswort|Rede)"
)
SPEECH_NOUN_RE = re.compile(rf"\b{SPEECH_NOUN}\b")
COURT_CUE = re.compile(
    r"(?:\bsag(?:t|te|ten)\b(?:\s+[\w,]+){0,4}\s+aus\b"
    r"|vor Gericht|Gericht|aussag|ausgesagt|Aussage|Verhandlung|Sitzung|Vernehmung|Verhör"
    r"|Prozess|Anklage|Schlusswort|Staatsanwalt|Ankläger|Vorsitzende|Zeuge|Angeklagte"
    r"|Geständnis|gestand|gesteh|gab an|angegeben|Untersuchung|Kommission|Rede)"
)
DOCUMENT = re.compile(
    r"\b(?:Dokument\w*|Anklageakt\w*|Anklageschrift\w*|Urteil\w*|Dekret\w*|TASS|Zitat\s+aus"
    r"|Brief\w*|Bericht\s+der|Telegramm\w*|Bulletin|Prawda|Iswestija|Zeitung\w*)\b"
)
WRITING_CONTEXT = re.compile(r"\bBulletin\b|\bBriefschreiber|\bKorrespondenz nach dem Auslande")
WRITING = re.compile(
    r"\b(?:schrieb\w*|schreib\w*|geschrieben|veröffentlich\w*|druckte|sandte|telegraphi\w*"
    r"|lautet|Telegramm\w*|[Ii]n\s+(?:seinem|einem|dem|seinen|ihren)\s+(?:Brief|Artikel|Thesen"
    r"|Programmthesen|Aufruf))\b"
)
PRIVATE = re.compile(
    r"\b(?:sag\w*|erklär\w*|erzähl\w*|antwort\w*|gestand|fragt\w*)\s+(?:mir|uns)\b"
    r"|\bunter vier Augen\b|\bPrivatgespräch|\b(?:erzählt|gesagt|mitgeteilt|erklärt)\s+hatte\b"
)
HYPOTHETICAL = re.compile(
    r"\b(?:wahrscheinlich|vermutlich|vielleicht|könnte|könnten|würde|würden|dürften"
    r"|so ungefähr)\b|\bhätten?\b[^.]*\b(?:können|sollen|müssen)\b"
    r"|\bwird\s+sich\b[^.]*\berinnern\b"
)
NEGATED = re.compile(r"\b(?:nichts|keine[mnrs]?|kein|nie|niemals)\b")
SUBJUNCTIVE = re.compile(
    r"\b(?:sei|seien|habe|hätte|hätten|wäre|wären|werde|könne|müsse|solle|wolle|enthalte"
    r"|gehöre|stehe|befinde|komme|gebe|wisse|liege|bestehe|führe|verlange)\b"
)
IRREALIS = re.compile(r"\b(?:wenn|würde|würden|doch|wohl|vielleicht|sonst)\b|\?$")
#: a year in a temporal phrase ("Im Juli 1926", "im Jahre 1932", "1926-1927")
TEMPORAL_YEAR = re.compile(
    r"\b(?:[Ii]m|[Aa]m|[Vv]om|[Ss]eit|[Ii]n den Jahren)\s+(?:[\w.]+\s+){0,2}(19\d\d)\b"
    r"|\b(19\d\d)-19\d\d\b"
)
FIRST_PERSON = re.compile(r"\b(?:ich|mich|mir|mein\w*|wir|uns|unser\w*)\b", re.IGNORECASE)
FIRST_SINGULAR = re.compile(r"\b(?:ich|mich|mir|mein\w*)\b", re.IGNORECASE)
SECOND_PERSON = re.compile(r"\b(?:Sie|Ihnen|Ihr|Ihre\w*)\b")
THIRD_PERSON_WITNESS = re.compile(r"\b(?:der|des|dem|den)\s+Zeugen?\b")
AUTHOR_SUBJECT = re.compile(r"^\W*(?:\w+\s+){0,2}(?:ich|wir)\b|\b(?:ich|wir)\s+\w+en\b")
GROUP_TAIL = re.compile(
    r"\s*(?:und|sowie)\s+(?:die\s+)?(?:andere|anderen|übrigen|Genossen)\b|\s*u\.\s*a\."
)
RELATIVE_START = re.compile(r"^\s*(?:der|die|das|dem|den|deren|dessen|welche\w*)\s+[a-zäöü]")
PARTICIPLE_END = re.compile(r"\w+end\s*$")
CONTINUE_INTRO = re.compile(r"(?:^|\s)Und\s+(?:weiter|ferner)\s*:\s*$")

#: "nach X-s Worten", "nach den Worten des Staatsanwalts" (not "sofort nach X-s Aussagen")
NACH = re.compile(
    r"(?<!sofort )(?<!gleich )(?<!kurz )(?<!unmittelbar )\b[Nn]ach\s+"
    rf"(?:den\s+(?:eigenen\s+)?{SPEECH_NOUN}\s+(?:des|der)\s+\w+"
    rf"|\w+s\s+(?:eigenen\s+)?{SPEECH_NOUN}"
    rf"|seinen\s+eigenen\s+{SPEECH_NOUN}(?:\s+vor\s+Gericht)?)"
)

#: a statement noun as the source of an impersonal or passive verb of saying:
#: "Aus den Geständnissen Pjatakows … geht hervor, dass", "In den … Aussagen Kamenews wird
#: betont, dass" (the noun phrase is group ``np``; relative clauses may follow it)
SOURCE_VERB = (
    r"(?:geht\s+(?:\w+\s+){0,2}?hervor|ergibt\s+sich|folgt|heißt\s+es"
    r"|wird\s+(?:[\w-]+\s+){0,4}?(?:betont|gesagt|erklärt|behauptet|berichtet|erzählt"
    r"|hervorgehoben|unterstrichen|versichert))"
)
STATEMENT_SOURCE = re.compile(
    r"^\s*(?:(?:Aber|Und|Doch|Jedoch)\s+)?(?:[Aa]us|[Ii]n)\s+"
    rf"(?P<np>[^,:;]*?\b{SPEECH_NOUN}\b[^,:;]*?)(?:\s*,[^:;]*?)??\s*,?\s*{SOURCE_VERB}"
    r"\s*(?:,\s*(?=dass\b)|:)"
)
#: "stellt sich heraus" -- the answer a witness's examination brought out
HERAUS = r"stellt\s+sich\s+(?:\w+\s+){0,3}?heraus"
#: a request or a question in court: "Der Staatsanwalt bittet, … zu nehmen",
#: "Wyschinski interessiert sich ferner dafür, worauf …"
REQUEST = re.compile(
    r"\b(?:bittet|bat|ersucht|ersuchte|beantragt|beantragte)\s*,\s*(?=[^.]*?\bzu\s+\w)"
)
INTEREST_QUESTION = re.compile(
    r"\binteressiert\s+sich\s+(?:\w+\s+){0,2}?(?:dafür|für)\s*,\s*"
    r"(?=(?:ob|wie|wo|wann|was|wer|warum|weshalb|wieso|worauf|woher|wohin|womit|welche\w*)\b)"
)
#: Konjunktiv I (reported speech); "habe" beside "ich" is the indicative (see subjunctive())
KONJUNKTIV_I = re.compile(
    r"\b(?:sei|seien|habe|werde|könne|müsse|solle|wolle|enthalte|gehöre|stehe|befinde"
    r"|komme|gebe|wisse|liege|bestehe|führe|verlange)\b"
)
#: a subject of several persons (the bare-subjunctive rule needs one)
GROUP_WORD = re.compile(
    r"\b(?:[Aa]lle|[Bb]eide|[Jj]ede[rs]?|[Ss]ämtliche|[Kk]einer|[Nn]iemand|[Dd]ie\s+Angeklagten"
    r"|[Dd]ie\s+anderen|[Dd]ie\s+übrigen)\b"
)
#: the author introduces a quotation of his own words (a statement, a communiqué)
_AUTHOR_VERB = (
    r"(?:schrieb|erklärte|erklärt|motivierte|antwortete|sagte|telegraphierte|wiederholte)"
)
AUTHOR_QUOTE_INTRO = re.compile(
    rf"(?:\b[Ii]ch\b[^„“]*\b{_AUTHOR_VERB}\b|\b{_AUTHOR_VERB}\s+ich\b)[^„“]*:\s*$"
)
#: the finite verb of a predicate that makes "X-s Erklärung, dass …" its subject
SUBJECT_PREDICATE = re.compile(
    r",\s*(?:ist|sind|war|waren|bleibt|bleiben|erscheint|erscheinen|klingt|klingen|bedeutet"
    r"|beweist|zeigt|widerspricht)\b"
)
SUBORDINATOR = re.compile(r"(?:^|,\s*)(?P<conj>wenn\s+auch|obwohl|obgleich|weil|da|während)\s+")

OPEN, CLOSE = "„", "“"


# --- the speakers table ------------------------------------------------------------------


def speakers_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "trial": pa.Column(str, pa.Check.isin(TRIALS)),
            "kind": pa.Column(str, pa.Check.isin(SPEAKER_KINDS)),
            "surface": pa.Column(str),
            "person_id": pa.Column(str, pa.Check.str_matches(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$")),
            "note": pa.Column(str),
        },
        strict=True,
    )


@dataclass(frozen=True)
class Speakers:
    """Participants, role words, witness and examiner per trial."""

    participants: dict[str, frozenset[str]]
    roles: dict[str, tuple[tuple[str, str], ...]]
    witness: dict[str, str]
    examiner: dict[str, str]

    def trials_of(self, person_id: str) -> tuple[str, ...]:
        return tuple(t for t in TRIALS if person_id in self.participants[t])


def load_speakers(path: Path = SPEAKERS_CSV, persons: pd.DataFrame | None = None) -> Speakers:
    """Read and check ``testimony_speakers.csv`` against the name authority."""
    if persons is None:
        from companion.persons import authority

        persons = authority().persons
    df = read_curated(path, speakers_schema())
    known = set(persons["person_id"])
    roles_of = {r.person_id: set(str(r.roles).split("|")) for r in persons.itertuples()}
    participants: dict[str, set[str]] = {t: set() for t in TRIALS}
    roles: dict[str, list[tuple[str, str]]] = {t: [] for t in TRIALS}
    witness: dict[str, str] = {}
    examiner: dict[str, str] = {}
    for i, row in df.iterrows():
        if row.kind == "authority-role":
            members = {p for p, rs in roles_of.items() if row.surface in rs}
            if not members:
                raise fail(path, int(i), "surface", f"no person has role {row.surface!r}")
            participants[row.trial] |= members
            continue
        if row.person_id not in known:
            raise fail(path, int(i), "person_id", f"{row.person_id!r} is not in persons.csv")
        if row.kind == "participant":
            participants[row.trial].add(row.person_id)
        elif row.kind == "role":
            if not row.surface:
                raise fail(path, int(i), "surface", "a role row needs the role word")
            roles[row.trial].append((row.surface, row.person_id))
        elif row.kind == "witness":
            witness[row.trial] = row.person_id
        else:
            examiner[row.trial] = row.person_id
    return Speakers(
        participants={t: frozenset(s) for t, s in participants.items()},
        roles={t: tuple(r) for t, r in roles.items()},
        witness=witness,
        examiner=examiner,
    )


# --- text helpers ------------------------------------------------------------------------


def quote_pairs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Matched double quotations ``[a, b)`` (marks included), outermost first.

    Openers left unmatched (stray ``„`` of the OCR) and closers without opener
    are ignored; nesting is by a stack.
    """
    end = len(text) if end is None else end
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i in range(start, end):
        ch = text[i]
        if ch == OPEN:
            stack.append(i)
        elif ch == CLOSE and stack:
            pairs.append((stack.pop(), i + 1))
    pairs.sort()
    return pairs


def top_level(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in pairs:
        if not out or a >= out[-1][1]:
            out.append((a, b))
    return out


def masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the inside of each span replaced by ``x`` (same length)."""
    chars = list(text)
    for a, b in spans:
        for i in range(a + 1, b - 2):  # the last character before the closing mark stays
            if chars[i] not in " ":
                chars[i] = "x"
    return "".join(chars)


_SENTENCE_END = re.compile(r"(?<=[.!?…])[“)\]]*\s+(?:–\s+)?(?=[„A-ZÄÖÜ(])")
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b\d{1,2}|\b[A-ZÄÖÜ]|\bNr|\bd\. h|\bu\. a|\bS|\bGen|\bArt|\bz\. B|\bvgl)\.$"
)


def sentences(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans of ``text``; boundaries never fall inside a top-level quotation."""
    flat = masked(text, quotes)
    cuts = [0]
    for m in _SENTENCE_END.finditer(flat):
        head = flat[max(0, m.start() - 8) : m.start()].rstrip("“)]")
        if _NO_BREAK_BEFORE.search(head) and not head.endswith("…"):
            continue
        cuts.append(m.end())
    cuts.append(len(text))
    return [(a, b) for a, b in pairwise(cuts) if text[a:b].strip()]


def clauses(text: str, a: int, b: int, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Comma, semicolon and dash clauses of ``text[a:b]``, outside quotations and brackets."""
    flat = masked(text, quotes)
    depth = 0
    cuts = [a]
    for i in range(a, b):
        ch = flat[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in ",;:" or (ch == "–" and flat[i - 1 : i] == " ")):
            cuts.append(i + 1)
    cuts.append(b)
    return [(x, y) for x, y in pairwise(cuts) if text[x:y].strip(" ,;:–")]


def normal_words(text: str) -> str:
    return " ".join(re.findall(r"[^\W\d_]+|\d+", text.lower()))


# --- referents: who a clause names -------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    start: int  # reading-text offsets in the block
    end: int
    person_id: str  # "" for a pronoun not yet resolved
    kind: str  # name | role | pronoun | author
    nominative: bool


@dataclass
class BlockContext:
    """One block with everything the rules need."""

    pid: str
    block: Block
    chapter: str
    section: str
    family: str  # drammen-1936 | dewey-1937 | moscow
    text: str
    quotes: list[tuple[int, int]]  # top level
    all_quotes: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    refs: list[Ref]

    def sentence_of(self, pos: int) -> int:
        for k, (a, b) in enumerate(self.sentences):
            if a <= pos < b:
                return k
        return len(self.sentences) - 1

    def in_quote(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.quotes)


def _genitive(surface: str, variants: frozenset[str]) -> bool:
    base = surface[:-1]
    return surface.endswith("s") and base in variants


class Referents:
    """Names (mentions), role words, pronouns and the author in a block."""

    def __init__(self, speakers: Speakers, persons: pd.DataFrame) -> None:
        self.speakers = speakers
        self.variants = {
            r.person_id: frozenset(v.strip() for v in str(r.variants).split("|") if v.strip())
            for r in persons.itertuples()
        }
        self.author = speakers.witness.get("drammen-1936", "trotsky")

    def refs(self, text: str, mentions: list[tuple[int, int, str]], family: str) -> list[Ref]:
        out: list[Ref] = []
        for a, b, pid in mentions:
            if TRIAL_NAME_CONTEXT.search(text[max(0, a - 30) : a]) or TRIAL_NAME_AFTER.match(
                text[b : b + 30]
            ):
                continue  # "im Prozess Pjatakow-Radek", "der Sinowjew-Kamenew-Prozess"
            out.append(Ref(a, b, pid, "name", self._nominative_name(text, a, b, pid)))
        role_trial = family if family != "moscow" else "moscow-1937"
        for surface, pid in self.speakers.roles[role_trial]:
            for m in re.finditer(rf"\b{re.escape(surface)}(?:[rn]|s|es)?\b", text):
                if any(r.start <= m.start() < r.end for r in out):
                    continue
                out.append(Ref(m.start(), m.end(), pid, "role", self._nominative_role(text, m)))
        for m in re.finditer(r"\b[Ee]r\b", text):
            out.append(Ref(m.start(), m.end(), "", "pronoun", True))
        for m in re.finditer(r"\b(?:[Ii]ch|[Ww]ir|[Mm]eine?\s+(?:\w+\s+)?Antwort)\b", text):
            out.append(Ref(m.start(), m.end(), self.author, "author", True))
        return sorted(out, key=lambda r: r.start)

    def _nominative_name(self, text: str, a: int, b: int, pid: str) -> bool:
        if _genitive(text[a:b], self.variants.get(pid, frozenset())):
            return False
        return _nominative_before(text[max(0, a - 40) : a])

    @staticmethod
    def _nominative_role(text: str, m: re.Match[str]) -> bool:
        word = m.group(0)
        if word.endswith(("s", "es")) and not word.endswith("Gesetzes"):
            return False
        before = text[max(0, m.start() - 40) : m.start()]
        if not _nominative_before(before):
            return False
        art = re.search(r"\b([Dd]er|[Dd]ie|[Dd]es|[Dd]em|[Dd]en)\s+(?:[\w-]+\s+){0,3}$", before)
        if art and art.group(1).lower() in {"des", "dem", "den"}:
            return False
        return not word.endswith("n") or bool(art and art.group(1).lower() == "der")


TRIAL_NAME_CONTEXT = re.compile(r"Prozess(?:es)?\s+(?:der\s+)?(?:[\w-]+\s+)?$|Sache\s+$")
TRIAL_NAME_AFTER = re.compile(r"-(?:\w+-)?Prozess|-[A-ZÄÖÜ]\w+-Prozess")
PREPOSITION_BEFORE = re.compile(
    r"\b(?:von|durch|mit|zu|zum|zur|an|am|auf|über|aus|bei|nach|gegen|für|in|im|vom|um"
    r"|unter|vor|ohne|wegen|seit|zwischen|Dank|dank)\s+(?:(?:der|dem|den|des|die)\s+)?"
    r"(?:[A-ZÄÖÜ][\w-]*\s+)?$"
)


def _nominative_before(before: str) -> bool:
    """False where the words before a name make it genitive, dative, accusative or a
    prepositional object (``des Angeklagten``, ``dem Staatsanwalt``, ``durch Sedow``)."""
    art = re.search(r"\b([Dd]er|[Dd]ie|[Dd]es|[Dd]em|[Dd]en)\s+(?:[A-ZÄÖÜ][\w-]*\s+){0,2}$", before)
    if art and art.group(1).lower() in {"des", "dem", "den"}:
        return False
    return not PREPOSITION_BEFORE.search(before)


# --- turns -------------------------------------------------------------------------------


@dataclass
class Turn:
    trial: str
    speaker_id: str
    mode: str
    pieces: list[tuple[str, int, int]]  # (passage id, reading start, reading end)
    rule: str
    addressee_id: str = ""
    session: str = ""
    section: str = ""
    quoted: list[str] = field(default_factory=list)  # quoted text, for the repetition rule


@dataclass(frozen=True)
class Attribution:
    speaker: str
    addressee: str
    start: int  # the attribution's words in the block's reading text
    end: int
    rule: str
    content: int = 0  # where reported content begins


SUBJECT_GAP = re.compile(
    r"^(?:\s*(?:der|die|das|ihn|ihm|ihr|mir|uns|nun|dann|plötzlich|unvermittelt"
    r"|weiter|also|jedoch|aber|nochmals|selbst|nämliche|gleiche|erneut|wieder"
    r"|einleitend|nur|lakonisch|kategorisch|[Aa]ngeklagte|Zeuge|Professor))*\s*$"
)


class Extractor:
    """Runs the rules over crimes-1937 (see the module docstring)."""

    def __init__(
        self, doc: Document, mentions: pd.DataFrame, speakers: Speakers, persons: pd.DataFrame
    ) -> None:
        self.doc = doc
        self.speakers = speakers
        self.ids = assign_ids(doc)
        self.index = {pid: i for i, pid in enumerate(self.ids)}
        self.blocks = dict(zip(self.ids, doc.blocks, strict=True))
        self.referents = Referents(speakers, persons)
        mine = mentions[mentions["source_id"] == doc.source_id]
        self.mentions: dict[str, list[tuple[int, int, str]]] = {}
        for r in mine.itertuples(index=False):
            block = self.blocks.get(r.passage_id)
            if block is None:
                continue
            i = bisect_left(block.reading.offsets, int(r.start))
            j = bisect_left(block.reading.offsets, int(r.end))
            self.mentions.setdefault(r.passage_id, []).append((i, j, r.person_id))
        self.turns: list[Turn] = []

    # -- driver ---------------------------------------------------------------------

    def run(self) -> list[Turn]:
        hearing: list[str] = []
        for pid, block in self.blocks.items():
            if not self._eligible(block):
                continue
            ctx = self._context(pid, block)
            if ctx.family == "drammen-1936":
                hearing.append(pid)
                continue
            self._flush_hearing(hearing)
            hearing = []
            self._block(ctx)
        self._flush_hearing(hearing)
        self._addressees()
        self._carry_sessions()
        return self.turns

    @staticmethod
    def _eligible(block: Block) -> bool:
        if block.kind not in {"paragraph", "dialogue", "blockquote"}:
            return False
        return block.note != "quoted document"

    def _context(self, pid: str, block: Block) -> BlockContext:
        chapter = block.section.split(".")[0]
        family = HEARING_CHAPTERS.get(chapter, "moscow")
        text = block.text
        pairs = quote_pairs(text, self._label_end(block))
        tops = top_level(pairs)
        refs = self.referents.refs(text, self.mentions.get(pid, []), family)
        return BlockContext(
            pid,
            block,
            chapter,
            block.section,
            family,
            text,
            tops,
            pairs,
            sentences(text, tops),
            refs,
        )

    @staticmethod
    def _label_end(block: Block) -> int:
        if block.kind != "dialogue" or not block.label:
            return 0
        i = block.text.find(block.label)
        j = block.text.find(":", i + len(block.label) if i >= 0 else 0)
        return j + 1 if j >= 0 else 0

    # -- helpers on turns ----------------------------------------------------------

    def _add(self, turn: Turn) -> Turn | None:
        if not turn.speaker_id or turn.trial not in TRIALS:
            return None
        if turn.speaker_id not in self.speakers.participants[turn.trial]:
            return None
        if turn.mode != "dialogue" and turn.quoted and self._repeats(turn):
            return None
        self.turns.append(turn)
        return turn

    def _repeats(self, turn: Turn) -> bool:
        """Every word quoted was quoted before as this speaker's (a reported turn counts
        only if it says so, ``wiederholt``, or adds at most three words of its own)."""
        if turn.mode == "reported" and turn.rule != "repeated":
            block = self.blocks[turn.pieces[0][0]]
            own = block.text[turn.pieces[0][1] : turn.pieces[0][2]]
            own = re.sub(r"„[^“]*“", " ", own)
            own = re.sub(
                rf"\b[Nn]ach\s+den\s+{SPEECH_NOUN}\s+des\s+\w+|\b[Nn]ach\s+\w+s\s+{SPEECH_NOUN}",
                " ",
                own,
            )
            if len(normal_words(own).split()) > 3:
                return False
        earlier: set[str] = set()
        for t in self.turns:
            if t.speaker_id == turn.speaker_id and t.section == turn.section:
                earlier |= stems(" ".join(t.quoted))
        return all(stems(q) and stems(q) <= earlier for q in turn.quoted)

    def _last_turn(
        self, section: str, pids: set[str] | None = None, before: tuple[str, int] | None = None
    ) -> Turn | None:
        """The turn that ends last in the text, in ``section`` (and ``pids``), before a point."""
        limit = (self.index[before[0]], before[1]) if before else None
        candidates = [
            t
            for t in self.turns
            if t.section == section
            and (pids is None or t.pieces[-1][0] in pids)
            and (limit is None or (self.index[t.pieces[-1][0]], t.pieces[-1][2]) <= limit)
        ]
        if not candidates:
            return None
        return max(candidates, key=lambda t: (self.index[t.pieces[-1][0]], t.pieces[-1][2]))

    def _recent_pids(self, pid: str, n: int = 2) -> set[str]:
        k = self.index[pid]
        return set(self.ids[max(0, k - n) : k + 1])

    def _speaker_turn_before(self, speaker: str, section: str) -> bool:
        return any(t.speaker_id == speaker and t.section == section for t in self.turns)

    # -- the trial of a turn -------------------------------------------------------

    def _trial(self, ctx: BlockContext, speaker: str, pos: int) -> str:
        trials = self.speakers.trials_of(speaker)
        if ctx.family in HEARING_CHAPTERS.values() and ctx.family in trials:
            return ctx.family
        moscow = [t for t in trials if t in MOSCOW]
        if ctx.chapter in PRE_1937_CHAPTERS:
            moscow = [t for t in moscow if t == "moscow-1936"]
        if len(moscow) == 1:
            return moscow[0]
        if not moscow:
            return ""
        a, b = ctx.sentences[ctx.sentence_of(pos)]
        cue = trial_cue(ctx.text[a:b])
        if cue:
            return cue
        named = {
            t
            for r in ctx.refs
            if a <= r.start < b and r.kind == "name" and r.person_id != speaker
            for t in [self._only_moscow_trial(r.person_id)]
            if t
        }
        if len(named) == 1:
            return named.pop()
        before = trial_cue(ctx.text[:a], last=True)
        if before:
            return before
        for t in reversed(self.turns):
            if t.section != ctx.section:
                break
            if t.trial in MOSCOW:
                return t.trial
        return self._section_cue(ctx) or "moscow-1937"

    def _only_moscow_trial(self, person_id: str) -> str:
        trials = [t for t in self.speakers.trials_of(person_id) if t in MOSCOW]
        return trials[0] if len(trials) == 1 else ""

    def _section_cue(self, ctx: BlockContext) -> str:
        for pid in reversed(self.ids[: self.index[ctx.pid]]):
            block = self.blocks[pid]
            if block.section != ctx.section:
                return ""
            if block.kind == "footnote":
                continue
            cue = trial_cue(block.text, last=True)
            if cue:
                return cue
        return ""

    # -- speakers from referents ---------------------------------------------------

    def _resolve(self, ctx: BlockContext, ref: Ref) -> str:
        if ref.kind != "pronoun":
            return ref.person_id
        k = ctx.sentence_of(ref.start)
        a, _ = ctx.sentences[k]
        same = [
            r
            for r in ctx.refs
            if a <= r.start < ref.start
            and r.kind in {"name", "role"}
            and r.nominative
            and not ctx.in_quote(r.start)
        ]
        if same:
            return same[-1].person_id
        for kk in (k - 1, k - 2):
            if kk < 0:
                break
            subject = self._subject_of_sentence(ctx, kk) or self._statement_owner(ctx, kk)
            if subject:
                return subject
        last = self._last_turn(ctx.section, self._recent_pids(ctx.pid, 1), (ctx.pid, ref.start))
        return last.speaker_id if last else ""

    def _subject_of_sentence(self, ctx: BlockContext, k: int) -> str:
        a, b = ctx.sentences[k]
        refs = [
            r
            for r in ctx.refs
            if a <= r.start < b
            and r.kind in {"name", "role"}
            and r.nominative
            and not ctx.in_quote(r.start)
        ]
        return refs[0].person_id if refs else ""

    def _statement_owner(self, ctx: BlockContext, k: int) -> str:
        """The one person whose statement sentence ``k`` names with a statement noun and no
        nominative subject (``Es handelt sich um Aussagen Pjatakows.``, ``Aus der Vernehmung
        des Zeugen Bucharzew … erfahren wir``)."""
        a, b = ctx.sentences[k]
        flat = masked(ctx.text, ctx.quotes)
        refs = [
            r
            for r in ctx.refs
            if a <= r.start < b and r.kind in {"name", "role"} and not ctx.in_quote(r.start)
        ]
        if any(r.nominative for r in refs):
            return ""
        for m in re.finditer(rf"\b(?:{SPEECH_NOUN}|Vernehmung)\b", flat[a:b]):
            x = a + m.end()
            after = [
                r
                for r in refs
                if 0 <= r.start - x <= 25
                and re.fullmatch(r"\s*(?:des|der)?\s*(?:[A-ZÄÖÜ]\w+\s+)?", ctx.text[x : r.start])
            ]
            if after and not self._group(ctx.text, after[0], refs):
                return after[0].person_id
        return ""

    def _speaker_in(self, ctx: BlockContext, a: int, b: int) -> tuple[str, str, int, int]:
        """(speaker, addressee, clause start, clause end) named by ``text[a:b]``."""
        parts = clauses(ctx.text, a, b, ctx.quotes)
        usable = [
            (x, y)
            for x, y in parts
            if not RELATIVE_START.search(ctx.text[x:y])
            and not (
                PARTICIPLE_END.search(ctx.text[x:y].rstrip(" ,;:–…"))
                and not SPEECH_VERB.search(ctx.text[x:y])
            )
        ]
        cued = [(x, y) for x, y in usable if speech_cue(ctx.text[x:y])]
        for x, y in list(reversed(cued)) + list(reversed(usable)):
            speaker, addressee = self._speaker_in_clause(ctx, x, y)
            if speaker is not None:
                return speaker, addressee, x, y
        return "", "", a, b

    def _speaker_in_clause(self, ctx: BlockContext, x: int, y: int) -> tuple[str | None, str]:
        """The clause's speaker; None if it names nobody, "" if it names an impossible one."""
        text = ctx.text
        refs = [r for r in ctx.refs if x <= r.start < y and not ctx.in_quote(r.start)]
        if re.search(r"\b(?:es|man)\s+(?:\w+\s+)?(?:zu\s+)?sagen\b|\bsagen\s+wir\b", text[x:y]):
            return "", ""
        if not refs:
            return None, ""
        for m in SPEECH_NOUN_RE.finditer(text, x, y):
            after = [r for r in refs if r.kind in {"name", "role"} and 0 <= r.start - m.end() <= 25]
            if after and re.fullmatch(
                r"\s*(?:des|der)?\s*(?:[A-ZÄÖÜ]\w+\s+)?", text[m.end() : after[0].start]
            ):
                return after[0].person_id, ""
            before = [r for r in refs if r.kind == "name" and 0 <= m.start() - r.end <= 2]
            if before and not before[0].nominative:
                return before[0].person_id, ""
        nominative = [r for r in refs if r.nominative]
        verb = SPEECH_VERB.search(text, x, y)
        chosen: Ref | None = None
        if verb:
            after = [r for r in nominative if r.start >= verb.end()]
            if after and SUBJECT_GAP.match(text[verb.end() : after[0].start]):
                chosen = after[0]
            else:
                before = [r for r in nominative if r.end <= verb.start()]
                if before:
                    chosen = before[-1]
        if chosen is None and nominative:
            named = [r for r in nominative if r.kind in {"name", "role"}]
            chosen = named[0] if named else nominative[0]
        if chosen is None:
            return None, ""
        if self._group(text, chosen, [r for r in nominative if r is not chosen]):
            return "", ""
        speaker = self._resolve(ctx, chosen)
        addressee = ""
        if verb and re.match(r"(?:be)?frag", verb.group(0)):
            objects = [r for r in refs if r.kind == "name" and r.start > chosen.end]
            if objects:
                addressee = objects[0].person_id
        return speaker, addressee

    @staticmethod
    def _group(text: str, chosen: Ref, others: list[Ref]) -> bool:
        for r in others:
            if r.kind not in {"name", "role"}:
                continue
            lo, hi = sorted([(chosen.start, chosen.end), (r.start, r.end)])
            if re.fullmatch(r"\s*(?:,|und|sowie)\s*", text[lo[1] : hi[0]]):
                return True
        tail = text[chosen.end : chosen.end + 30]
        return bool(GROUP_TAIL.match(tail))

    # -- exclusions and court context ---------------------------------------------------

    def _excluded(self, ctx: BlockContext, x: int, y: int, speaker: str, trial: str) -> bool:
        """Writing, private talk, imagined speech, the author outside the hearings, a date
        outside the trial -- judged on the attribution ``text[x:y]`` only."""
        attr = re.sub(r"„[^“]*“", "", ctx.text[x:y])
        if WRITING.search(attr) or PRIVATE.search(attr) or HYPOTHETICAL.search(attr):
            return True
        if DOCUMENT.search(attr):
            return True
        if trial in MOSCOW:
            when = re.sub(r"\([^)]*\)", "", attr)
            if re.search(r"\bdamals\b", when):
                k = ctx.sentence_of(x)
                if k > 0:
                    when += " " + ctx.text[ctx.sentences[k - 1][0] : ctx.sentences[k - 1][1]]
            years = [m.group(1) for m in TEMPORAL_YEAR.finditer(when)]
            if any(yr != str(YEAR_OF[trial]) for yr in years) and not trial_cue(attr):
                return True
        return False

    def _court(self, ctx: BlockContext, pos: int, speaker: str) -> bool:
        """A court word near the turn, or an earlier turn of the speaker in the section."""
        if ctx.block.kind == "dialogue" or ctx.family in HEARING_CHAPTERS.values():
            return True
        k = ctx.sentence_of(pos)
        a = ctx.sentences[max(0, k - 2)][0]
        b = ctx.sentences[min(len(ctx.sentences) - 1, k + 2)][1]
        window = re.sub(r"„[^“]*“", " ", ctx.text[a:b])
        if COURT_CUE.search(window) or trial_cue(window):
            return True
        if k == 0:
            prev = self._previous_text(ctx.pid)
            if prev and COURT_CUE.search(re.sub(r"„[^“]*“", " ", prev[-300:])):
                return True
        if any(t.speaker_id == speaker and t.pieces[-1][0] == ctx.pid for t in self.turns):
            return True
        if WRITING_CONTEXT.search(ctx.text):
            return False
        return self._speaker_turn_before(speaker, ctx.section)

    def _previous_text(self, pid: str) -> str:
        for other in reversed(self.ids[: self.index[pid]]):
            block = self.blocks[other]
            if block.kind in {"paragraph", "dialogue", "blockquote"}:
                return block.text
        return ""

    def _accept(
        self, ctx: BlockContext, attribution: Attribution | None, pos: int
    ) -> tuple[Attribution, str] | None:
        """The attribution with its trial, if it passes the exclusions and the court test."""
        if attribution is None or not attribution.speaker:
            return None
        trial = self._trial(ctx, attribution.speaker, pos)
        if not trial or attribution.speaker not in self.speakers.participants.get(trial, ()):
            return None
        if self._excluded(ctx, attribution.start, attribution.end, attribution.speaker, trial):
            return None
        if not self._court(ctx, pos, attribution.speaker):
            return None
        return attribution, trial

    # -- non-hearing blocks ---------------------------------------------------------

    def _block(
        self,
        ctx: BlockContext,
        taken: list[tuple[int, int]] | None = None,
        moscow_only: bool = False,
    ) -> None:
        taken = list(taken or [])
        quotes = [q for q in ctx.quotes if not any(x <= q[0] < y for x, y in taken)]
        if ctx.block.kind == "dialogue" and quotes and not moscow_only:
            first = quotes[0]
            if self._label_turn(ctx, first):
                taken.append(first)
                quotes = quotes[1:]
        self._quotes(ctx, quotes, taken, moscow_only)
        self._reported(ctx, taken, moscow_only)
        if ctx.family == "moscow" and not moscow_only:
            for qa, qb in ctx.quotes:
                if any(x <= qa < y for x, y in taken) or self._taken_by_turn(ctx, qa):
                    continue
                sa, _ = ctx.sentences[ctx.sentence_of(qa)]
                if AUTHOR_QUOTE_INTRO.search(ctx.text[sa:qa]):
                    self._reported(self._inner_context(ctx, qa, qb), [], moscow_only=True)

    @staticmethod
    def _inner_context(ctx: BlockContext, qa: int, qb: int) -> BlockContext:
        """The quotation ``[qa, qb)`` as a context of its own: its sentences and the
        quotations nested in it (for reading the author's quoted statements)."""
        nested = top_level([p for p in ctx.all_quotes if qa < p[0] and p[1] < qb])
        inner = ctx.text[qa + 1 : qb - 1]
        shifted = [(x - qa - 1, y - qa - 1) for x, y in nested]
        spans = [(x + qa + 1, y + qa + 1) for x, y in sentences(inner, shifted)]
        return BlockContext(**{**ctx.__dict__, "quotes": nested, "sentences": spans})

    def _label_turn(self, ctx: BlockContext, q: tuple[int, int]) -> Turn | None:
        label = ctx.text[: self._label_end(ctx.block)].split("(")[0]
        speaker = next(
            (r.person_id for r in ctx.refs if r.start < len(label) and r.kind in {"name", "role"}),
            "",
        )
        if not speaker:
            return None
        trial = self._trial(ctx, speaker, q[0])
        return self._add(
            Turn(
                trial,
                speaker,
                "dialogue",
                [(ctx.pid, q[0], q[1])],
                "label",
                session=self._session(ctx, q[0], trial),
                section=ctx.section,
                quoted=[ctx.text[q[0] : q[1]]],
            )
        )

    def _quotes(
        self, ctx: BlockContext, quotes: list[tuple[int, int]], taken: list, moscow_only: bool
    ) -> None:
        k = 0
        while k < len(quotes):
            a = quotes[k][0]
            found = self._attribute_quote(ctx, quotes, k)
            if found is None:
                k += 1
                continue
            attribution, n_parts = found
            parts = quotes[k : k + n_parts]
            if attribution.rule == "continue":
                last = self.turns[-1]
                last.pieces.extend((ctx.pid, x, y) for x, y in parts)
                last.quoted.extend(ctx.text[x:y] for x, y in parts)
                taken.extend(parts)
                k += n_parts
                continue
            accepted = self._accept(ctx, attribution, a)
            if accepted is None or (moscow_only and accepted[1] not in MOSCOW):
                k += 1
                continue
            attribution, trial = accepted
            turn = self._add(
                Turn(
                    trial,
                    attribution.speaker,
                    "direct",
                    [(ctx.pid, x, y) for x, y in parts],
                    attribution.rule,
                    addressee_id=attribution.addressee,
                    session=self._session(ctx, a, trial),
                    section=ctx.section,
                    quoted=[ctx.text[x:y] for x, y in parts],
                )
            )
            if turn:
                taken.extend(parts)
            k += n_parts

    def _attribute_quote(
        self, ctx: BlockContext, quotes: list[tuple[int, int]], k: int
    ) -> tuple[Attribution, int] | None:
        text = ctx.text
        a, b = quotes[k]
        s = ctx.sentence_of(a)
        sa, sb = ctx.sentences[s]
        intro = text[sa:a]
        colon = intro.rstrip().endswith((":", "…")) and bool(intro.strip())
        # 1. attribution after the quotation (inserted or post-posed)
        m = re.match(
            r"\s*,?\s*(?P<attr>[^„.!?;:()]*?)(?P<stop>,\s*„|[.!?;:]|\(|$)", text[b : b + 90]
        )
        if m and SPEECH_VERB.match(m.group("attr").strip()):
            x, y = b + m.start("attr"), b + m.end("attr")
            inserted = m.group("stop").startswith(",") and k + 1 < len(quotes)
            speaker, addressee, _, _ = self._speaker_in(ctx, x, y)
            pronoun = bool(re.match(r"\S+\s+er\b", m.group("attr").strip()))
            if colon and (pronoun or not speaker):
                intro_speaker, intro_addr, cx, _ = self._speaker_in(ctx, sa, a)
                if intro_speaker:
                    speaker, addressee, x = intro_speaker, intro_addr, cx
            if speaker:
                return Attribution(speaker, addressee, x, y, "inserted" if inserted else "after"), (
                    2 if inserted else 1
                )
        paren = re.match(rf"\s*\(\s*\w+s\s+{SPEECH_NOUN}\s*\)", text[b : b + 40])
        if paren:
            speaker, _, _, _ = self._speaker_in(ctx, b, b + paren.end())
            if speaker:
                return Attribution(speaker, "", b, b + paren.end(), "bracket"), 1
        # 2. an introducing clause ending with a colon or an ellipsis
        if colon:
            if CONTINUE_INTRO.search(text[max(sa, a - 20) : a]) and self.turns:
                last = self.turns[-1]
                if last.pieces[-1][0] == ctx.pid:
                    return Attribution(last.speaker_id, "", a, a, "continue"), 1
            speaker, addressee, x, y = self._speaker_in(ctx, sa, a)
            has_cue = speech_cue(intro)
            if speaker and (has_cue or full_sentence(text[a:b])):
                return Attribution(speaker, addressee, sa, a, "colon"), 1
            if intro.rstrip().endswith(":"):
                return None
        # 3. a sentence around the quotation names the speaker and a speech cue
        titled = re.search(r"(?:\(|\b(?:in|im|aus|zum|vom|von)\s+(?:\w+\s+)?)$", text[sa:a])
        if a > sa and not colon and not titled:
            rest = text[sa:a] + " " + text[b:sb]
            if (
                speech_cue(rest, embedded=True)
                and len(text[a:b].split()) >= 3
                and self._reported_pattern(ctx, s) is None
            ):
                speaker, addressee, _, _ = self._speaker_in(ctx, sa, a)
                if speaker:
                    return Attribution(speaker, addressee, sa, a, "embedded"), 1
        # 5. a block quotation takes the speaker the paragraph before it announces
        if ctx.block.kind == "blockquote" and text[:a].strip() == "":
            found = self._blockquote_speaker(ctx)
            if found:
                return found, 1
        # 4. context: a quotation standing as a sentence of its own
        if text[sa:a].strip() == "":
            return self._context_speaker(ctx, a, b, s)
        return None

    def _blockquote_speaker(self, ctx: BlockContext) -> Attribution | None:
        previous = [p for p in self.ids[: self.index[ctx.pid]] if self._eligible(self.blocks[p])]
        if not previous:
            return None
        prev = self._context(previous[-1], self.blocks[previous[-1]])
        if prev.section != ctx.section:
            return None
        a, b = prev.sentences[-1]
        if not speech_cue(prev.text[a:b]):
            return None
        speaker, addressee, _, _ = self._speaker_in(prev, a, b)
        if not speaker or self._excluded(prev, a, b, speaker, self._trial(prev, speaker, a)):
            return None
        return Attribution(speaker, addressee, 0, 0, "blockquote")

    def _context_speaker(
        self, ctx: BlockContext, a: int, b: int, s: int
    ) -> tuple[Attribution, int] | None:
        quote = ctx.text[a:b]
        if not full_sentence(quote) or len(quote.split()) < 2:
            return None
        if s > 0:
            pa, pb = ctx.sentences[s - 1]
            previous = ctx.text[pa:pb]
            if AUTHOR_SUBJECT.search(re.sub(r"„[^“]*“", "", previous)):
                return None
            for x, y in ctx.quotes:
                if (
                    pa <= x < pb
                    and full_sentence(ctx.text[x:y])
                    and not self._taken_by_turn(ctx, x)
                ):
                    return None  # it continues a quotation that is no turn
        if SECOND_PERSON.search(quote) and quote.rstrip("“ ").endswith("?"):
            if s > 0:
                subject = self._subject_of_sentence(ctx, s - 1)
                questioners = {pid for t in MOSCOW for _, pid in self.speakers.roles[t]}
                if subject in questioners:
                    return Attribution(subject, "", a, a, "context"), 1
            return None
        if FIRST_PERSON.search(quote):
            last = self._last_turn(ctx.section, self._recent_pids(ctx.pid), (ctx.pid, a))
            if last and last.trial in MOSCOW and ctx.family == "moscow" and last.mode != "reported":
                return Attribution(last.speaker_id, "", a, a, "context"), 1
        return None

    def _taken_by_turn(self, ctx: BlockContext, x: int) -> bool:
        return any(p == ctx.pid and i <= x < j for t in self.turns for p, i, j in t.pieces)

    # -- reported speech ------------------------------------------------------------

    def _reported_pattern(self, ctx: BlockContext, s: int) -> Attribution | None:
        """The attribution of sentence ``s`` as reported speech (see docstring), or None."""
        text = ctx.text
        a, b = ctx.sentences[s]
        inner = [(m.start(), m.end()) for m in re.finditer(r"‚[^‚‘]*‘", text[a:b])]
        flat = masked(
            text[a:b], [(x - a, y - a) for x, y in ctx.quotes if a <= x and y <= b] + inner
        )

        def at(i: int) -> int:
            return a + i

        m = NACH.search(flat)
        if m and not any(
            x <= at(m.start()) < y and RELATIVE_START.search(text[x:y])
            for x, y in clauses(text, a, b, ctx.quotes)
        ):  # "der sogar nach Radeks Aussage …" refers back, it asserts nothing new
            speaker = self._phrase_speaker(ctx, at(m.start()), at(m.end()))
            if speaker:
                content = self._content_start(ctx, a, at(m.start()), flat[: m.start()])
                return Attribution(speaker, "", at(m.start()), at(m.end()), "nach", content)
        m = re.match(r"\s*Nach\s+([A-ZÄÖÜ]\w+)\s+[a-zäöü]", flat)
        if m:
            speaker = self._phrase_speaker(ctx, at(m.start(1)), at(m.end(1)))
            if speaker:
                return Attribution(speaker, "", at(m.start()), at(m.end(1)), "nach", a)
        m = re.search(
            r"\b[Ww]ie\s+(\w+)\s+(?:sagte|sagt|erzählt|erzählte|aussagte|erklärte|erklärt"
            r"|berichtet|gesteht|angab)\b",
            flat,
        )
        if m:
            speaker = self._phrase_speaker(ctx, at(m.start(1)), at(m.end(1)))
            if speaker:
                if flat[: m.start()].strip() == "":
                    content = at(m.end())
                else:
                    content = self._content_start(ctx, a, at(m.start()), flat[: m.start()])
                while content < b and text[content] in " ,":
                    content += 1
                return Attribution(speaker, "", at(m.start()), at(m.end()), "wie", content)
        m = re.search(r"\bwill\s+(\w+)\b.*\b\w+(?:t|en)\s+haben\b", flat)
        if m:
            speaker = self._phrase_speaker(ctx, at(m.start(1)), at(m.end(1)))
            if speaker:
                return Attribution(speaker, "", at(m.start()), at(m.end(1)), "will", a)
        m = re.search(r"\bDank\s+(\w+)\s+erfahren\s+wir\b[^,]*,\s*dass\b", flat)
        if m:
            speaker = self._phrase_speaker(ctx, at(m.start(1)), at(m.end(1)))
            if speaker:
                return Attribution(
                    speaker, "", at(m.start()), at(m.end() - 4), "dank", at(m.end() - 4)
                )
        m = re.search(rf"\b(\w+s)\s+{SPEECH_NOUN}\s*,\s*dass\b", flat)
        if m:
            speaker = self._phrase_speaker(ctx, at(m.start(1)), at(m.end(1)))
            if speaker:
                return Attribution(
                    speaker, "", at(m.start()), at(m.end() - 4), "noun", at(m.end() - 4)
                )
        m = STATEMENT_SOURCE.match(flat)
        if m:
            speaker = self._owner(ctx, at(m.start("np")), at(m.end("np")))
            if speaker:
                content = at(m.end())
                while content < b and text[content] in " ,:":
                    content += 1
                return Attribution(speaker, "", a, at(m.end()), "source", content)
        found = self._heraus(ctx, s, flat) or self._verb_report(ctx, a, b, flat)
        if found:
            return found
        m = re.search(r":\s*[a-zäöü]", flat)
        if m and speech_cue(flat[: m.start()]) and subjunctive(flat[m.end() - 1 :]):
            speaker, _, _, _ = self._speaker_in(ctx, a, at(m.start()))
            if speaker:
                return Attribution(speaker, "", a, at(m.start()), "colon", at(m.end() - 1))
        return None

    def _verb_report(self, ctx: BlockContext, a: int, b: int, flat: str) -> Attribution | None:
        """``X sagte, dass …`` / ``X gab an, … zu`` / ``fragte …, ob`` / a subjunctive clause;
        ``X hatte die Bemerkung gemacht, …``; ``X bittet, … zu``; ``X interessiert sich
        dafür, worauf …``."""
        for m in [*REQUEST.finditer(flat), *INTEREST_QUESTION.finditer(flat)]:
            head_text = flat[: m.start()]
            if NEGATED.search(flat[m.start() : m.end()]) or re.search(
                r"\bnicht\b", flat[m.start() : m.end()]
            ):
                continue
            verb_end = a + flat.index(",", m.start())
            clause = [c for c in clauses(ctx.text, a, verb_end, ctx.quotes) if c[1] >= verb_end]
            x = clause[-1][0] if clause else a
            speaker, addressee = self._speaker_in_clause(ctx, x, verb_end)
            if not speaker or re.search(r"\b(?:ich|wir)\s*$", head_text):
                continue
            rule = "request" if m.re is REQUEST else "question"
            return Attribution(speaker, addressee, x, a + m.end(), rule, a + m.end())
        for verb in SPEECH_VERB.finditer(flat):
            if NEGATED.search(flat[verb.end() : verb.end() + 25]):
                continue
            tail = flat[verb.end() :]
            if LIGHT_SPEECH.fullmatch(verb.group(0)):
                light = re.match(r"\s*,\s*(?=[a-zäöü]+\s+\w)", tail)
                if light:
                    speaker, addressee, x, _ = self._speaker_in(ctx, a, a + verb.end())
                    if speaker:
                        content = a + verb.end() + light.end()
                        return Attribution(speaker, addressee, x, content, "verb", content)
                continue
            narrative = bool(re.match(r"erzähl|bericht", verb.group(0)))
            comp = re.search(
                r"[,:]\s*(?:dass|ob)\b"
                + (r"|[,:]\s*wie\b" if narrative else "")
                + r"|,\s*(?=[^,]*\b(?:sei|seien|habe|hätte|hätten|wäre|wären|werde|gehöre)\b)",
                tail,
            )
            if comp and comp.start() > 60:
                comp = None
            if comp is None and re.match(r"gab\s+an|gibt\s+an", verb.group(0)):
                comp = re.search(r",\s*(?=[^,]*\bzu\s+\w+)", tail)
            if comp is None:
                continue
            head = verb.end() + comp.start()
            if flat.rstrip().endswith("?") and not re.search(r"frag", verb.group(0)):
                continue
            speaker, addressee, x, _ = self._speaker_in(ctx, a, a + head)
            if not speaker:
                continue
            content = a + head + 1
            while content < b and ctx.text[content] in " ,:":
                content += 1
            verb_clause = [
                c
                for c in clauses(ctx.text, a, a + head, ctx.quotes)
                if c[0] <= a + verb.start() < c[1]
            ]
            start = min([x, *(c[0] for c in verb_clause)])
            rule = "repeated" if verb.group(0).startswith("wiederhol") else "verb"
            return Attribution(speaker, addressee, start, a + head, rule, content)
        return None

    def _content_start(self, ctx: BlockContext, a: int, attr: int, before: str) -> int:
        """Where reported content begins when its attribution stands inside the sentence:
        after an introduction of the author's that ends with a colon (``Uns interessiert hier
        etwas anderes: Im August 1936 war Radek, wie er sagte, …``), and at the subordinate
        clause that holds the attribution (``Dieser Name sagt mir nichts, wenn auch Stirner,
        nach Bucharzews Bericht, meine Vertrauensperson war``)."""
        start = a
        colon = [m.end() for m in re.finditer(r":\s+(?=[A-ZÄÖÜ„])", before)]
        if colon:
            start = a + colon[-1]
        subordinate = [m for m in SUBORDINATOR.finditer(before) if a + m.start("conj") >= start]
        if subordinate:
            start = a + subordinate[-1].end()
        return min(start, attr)

    def _owner(self, ctx: BlockContext, x: int, y: int) -> str:
        """The one person a statement noun phrase ``text[x:y]`` belongs to (``den
        Geständnissen Pjatakows``); "" for none or several (``Sinowjews und Kamenews``)."""
        refs = [
            r
            for r in ctx.refs
            if x <= r.start < y and r.kind in {"name", "role"} and not ctx.in_quote(r.start)
        ]
        if len({r.person_id for r in refs}) != 1 or self._group(ctx.text, refs[0], refs[1:]):
            return ""
        return refs[0].person_id

    def _heraus(self, ctx: BlockContext, s: int, flat: str) -> Attribution | None:
        """``stellt sich heraus``: what the examination of a witness brought out. The witness
        is the person the clause is about (``Pjatakow, stellt sich heraus, ist …``; ``stellt
        sich heraus, dass Romm …``) or, when it names no one, the person whose examination
        the sentence before announces (``Aus der Vernehmung des Zeugen Bucharzew …``)."""
        a, _ = ctx.sentences[s]
        if not re.search(HERAUS, flat):
            return None
        refs = [
            r
            for r in ctx.refs
            if a <= r.start < a + len(flat)
            and r.kind in {"name", "role"}
            and not ctx.in_quote(r.start)
        ]
        m = re.match(rf"\s*([A-ZÄÖÜ][\w-]*),\s*{HERAUS}\s*,", flat)
        if m:
            first = [r for r in refs if r.start == a + m.start(1)]
            if not first or not first[0].nominative:
                return None
            return Attribution(first[0].person_id, "", a, a, "heraus", a)
        m = re.search(rf"{HERAUS}\s*,\s*dass\s+", flat)
        if m:
            first = [r for r in refs if r.start == a + m.end()]
            if not first or not first[0].nominative:
                return None
            content = a + m.end() - len(m.group(0)) + m.group(0).rindex("dass")
            return Attribution(first[0].person_id, "", a, content, "heraus", content)
        if (
            re.search(rf",\s*{HERAUS}\s*,", flat)
            and s > 0
            and not any(r.nominative and r.start < a + flat.index(",") for r in refs)
        ):
            owner = self._statement_owner(ctx, s - 1)
            if owner:
                return Attribution(owner, "", a, a, "heraus", a)
        return None

    def _quoted_narration(self, ctx: BlockContext, s: int) -> Attribution | None:
        """Trotsky narrating a witness's account with the witness's own words in quotation
        marks and no verb of saying (``Das Buch mit dem Brief übergab Romm Sedow „in Paris
        im November 1933“``): a reported turn of the witness whose account it is -- the
        speaker of the last Moscow turn in this or the two passages before, if the sentence
        names him or refers to him as ``er``. A narrated conversation (a verb of saying in
        the sentence), the author as subject, irrealis, negation, quotations under three
        words and quotations that only echo words already quoted from him are none."""
        text = ctx.text
        a, b = ctx.sentences[s]
        flat = re.sub(r"„[^“]*“", " ", text[a:b])
        own = [
            (x, y)
            for x, y in ctx.quotes
            if a < x
            and y <= b
            and text[a:x].strip()
            and len(normal_words(text[x:y]).split()) >= 3
            and not full_sentence(text[x:y])
            and not (
                text[x + 1 : x + 2].isupper()
                and re.search(r"(?:\(|\b(?:in|im|aus|zum|vom)\s+(?:\w+\s+)?)$", text[a:x])
            )
        ]
        if not own:
            return None
        if (
            SPEECH_VERB.search(flat)
            or SPEECH_NOUN_RE.search(flat)
            or re.search(r"\b(?:Kunde|Bitte|Vorschlag|mitzuteilen|mitgeteilt|teilte)\b", flat)
            or WRITING.search(flat)
            or HYPOTHETICAL.search(flat)
            or IRREALIS.search(flat.strip())
            or NEGATED.search(flat)
            or AUTHOR_SUBJECT.search(flat)
        ):
            return None
        last = self._last_turn(ctx.section, self._recent_pids(ctx.pid), (ctx.pid, a))
        if last is None or last.trial not in MOSCOW:
            return None
        speaker = last.speaker_id
        refs = [r for r in ctx.refs if a <= r.start < b and not ctx.in_quote(r.start)]
        if not any(
            (r.kind in {"name", "role"} and r.person_id == speaker)
            or (r.kind == "pronoun" and self._resolve(ctx, r) == speaker)
            for r in refs
        ):
            return None
        earlier: set[str] = set()
        for t in self.turns:
            if t.speaker_id == speaker and t.section == ctx.section:
                earlier |= stems(" ".join(t.quoted))
        if all(stems(text[x:y]) <= earlier for x, y in own):
            return None  # Trotsky echoes words already quoted
        return Attribution(speaker, "", a, a, "quoted", a)

    def _konjunktiv_statement(self, ctx: BlockContext, k: int) -> bool:
        """A declarative sentence in Konjunktiv I of no one's speech in particular: not a
        question, not irrealis, not the author's or several persons' (``wir``, ``alle``),
        without a verb of saying (that would be an attribution)."""
        a, b = ctx.sentences[k]
        flat = re.sub(r"„[^“]*“", " ", ctx.text[a:b]).strip()
        return bool(
            KONJUNKTIV_I.search(flat)
            and subjunctive(flat)
            and not flat.endswith("?")
            and not IRREALIS.search(flat.lower())
            and not HYPOTHETICAL.search(flat.lower())
            and not re.search(r"\b(?:wir|uns|gerne?|ich|man)\b", flat, re.IGNORECASE)
            and not GROUP_WORD.search(flat)
            and not SPEECH_VERB.search(flat)
        )

    def _bare_subjunctive(self, ctx: BlockContext, s: int) -> Attribution | None:
        """A sentence in Konjunktiv I that names one trial participant as its subject and no
        one else (``Pjatakow sei angeblich Mitte Dezember 1935 … gekommen``): his reported
        testimony, together with the Konjunktiv-I sentences right before it that name no
        person at all (``Das Flugzeug sei um drei Uhr nachmittags gelandet …``)."""
        a, b = ctx.sentences[s]
        if not self._konjunktiv_statement(ctx, s):
            return None
        persons = [
            r
            for r in ctx.refs
            if a <= r.start < b
            and r.kind in {"name", "role", "pronoun"}
            and not ctx.in_quote(r.start)
        ]
        subjects = [r for r in persons if r.kind != "pronoun" and r.nominative]
        if len(subjects) != 1 or len({r.person_id for r in persons if r.kind != "pronoun"}) != 1:
            return None
        if subjects[0].start - a > 40:
            return None  # the participant is no subject of the sentence's opening clause
        start = a
        k = s - 1
        while k >= 0 and self._konjunktiv_statement(ctx, k):
            x, y = ctx.sentences[k]
            if any(x <= r.start < y for r in ctx.refs) or any(
                x < j and i < y for t in self.turns for p, i, j in t.pieces if p == ctx.pid
            ):
                break
            start = x
            k -= 1
        return Attribution(subjects[0].person_id, "", a, a, "subjunctive", start)

    def _content_end(self, ctx: BlockContext, start: int, b: int, speaker: str, rule: str) -> int:
        """Where reported content ends inside its sentence: before Trotsky's own words that
        run on in the same sentence -- a predicate that makes the reported clause its subject
        (``Pjatakows Erklärung, dass „…“, ist reinste Erfindung``), a gloss (``, das heißt,
        nach der Charakteristik des Staatsanwalts, …``), a comment after a dash (``– eine der
        wenigen Antworten, die natürlich … klingen``), a clause of another subject joined by
        ``und`` (``, und der Staatsanwalt unterstrich diesen Umstand``) and a bracketed
        reference to the session (``(Verhandlung vom 23. Januar)``)."""
        text = ctx.text
        flat = masked(text, ctx.quotes)
        end = b
        depth = 0
        for i in range(start, b):
            ch = flat[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
            if depth or i == start:
                continue
            rest = flat[i:b]
            if ch == "," and (
                (rule in {"noun", "source"} and SUBJECT_PREDICATE.match(rest))
                or re.match(r",\s*(?:das\s+heißt|d\.\s*h\.)\W", rest)
            ):
                end = i
                break
            if ch == "–" and flat[i - 1] == " ":
                comment = rest[1:].strip()
                if re.match(r"(?:eine?|das|was|welch\w*|so|dies\w*)\b", comment) and not (
                    subjunctive(comment)
                ):
                    end = i
                    break
            m = re.match(r",\s*und\s+(?:der|die|das)?\s*", rest)
            if ch == "," and m:
                nxt = [r for r in ctx.refs if r.start == i + m.end() and r.kind in {"name", "role"}]
                if nxt and nxt[0].nominative and nxt[0].person_id != speaker:
                    after = text[nxt[0].end : b].split()
                    if after and not SUBJUNCTIVE.match(after[0]):
                        end = i
                        break
        tail = re.search(r"\s*\(([^()]*)\)\s*[.!?…]*\s*$", text[start:end])
        if tail and (
            _SESSION.search(tail.group(1)) or trial_cue(tail.group(1)) or _DAY.search(tail.group(1))
        ):
            end = start + tail.start()
        while end > start and text[end - 1] in " ,;:–":
            end -= 1
        return end

    def _phrase_speaker(self, ctx: BlockContext, x: int, y: int) -> str:
        refs = [r for r in ctx.refs if x <= r.start < y and not ctx.in_quote(r.start)]
        for r in refs:
            if r.kind in {"name", "role"}:
                return r.person_id
        if re.search(r"\bseinen\b|\ber\b", ctx.text[x:y]):
            return self._resolve(ctx, Ref(x, x + 2, "", "pronoun", True))
        return ""

    def _reported(self, ctx: BlockContext, taken: list[tuple[int, int]], moscow_only: bool) -> None:
        text = ctx.text
        current: Turn | None = None
        question = ""
        for s, (a, b) in enumerate(ctx.sentences):
            if any(x < b and a < y and not moscow_only for x, y in taken):
                mine = [t for t in self.turns if t.pieces[-1][0] == ctx.pid and t.pieces[-1][1] < b]
                current = mine[-1] if mine else current
                continue
            sentence = text[a:b].strip()
            attribution = self._reported_pattern(ctx, s)
            if attribution is None and sentence.startswith("Ob ") and sentence.endswith("?"):
                speaker = question or (self._subject_of_sentence(ctx, s - 1) if s > 0 else "")
                if speaker:
                    attribution = Attribution(speaker, "", a, a, "ob", a)
            if attribution is None and current is not None and self._continues(ctx, s, current):
                self._extend_or_start(ctx, current, a, b)
                current = self.turns[-1]
                continue
            if attribution is None and ctx.family == "moscow":
                attribution = self._quoted_narration(ctx, s) or self._bare_subjunctive(ctx, s)
            accepted = self._accept(ctx, attribution, a)
            if accepted is None or (moscow_only and accepted[1] not in MOSCOW):
                current = None
                continue
            attribution, trial = accepted
            if any(
                t.pieces[-1][0] == ctx.pid
                and t.speaker_id == attribution.speaker
                and t.pieces[-1][1] < b
                and t.pieces[-1][2] > a
                for t in self.turns
            ):
                continue  # the sentence's quotation is already this speaker's turn
            if attribution.rule == "subjunctive":
                start = attribution.content  # the run of Konjunktiv-I sentences before it
            else:
                start = max(attribution.content, a)
            end = self._content_end(ctx, start, b, attribution.speaker, attribution.rule)
            if (
                current is not None
                and current.mode == "reported"
                and current.speaker_id == attribution.speaker
                and current.pieces[-1][0] == ctx.pid
                and text[current.pieces[-1][2] : a].strip(" .…“") == ""
                and start <= a
                and attribution.rule not in {"quoted", "subjunctive", "heraus"}
            ):  # the same speaker reported again in the next sentence: one turn
                current.pieces[-1] = (ctx.pid, current.pieces[-1][1], end)
                continue
            quoted = [text[x:y] for x, y in ctx.quotes if start <= x and y <= end]
            turn = self._add(
                Turn(
                    trial,
                    attribution.speaker,
                    "reported",
                    [(ctx.pid, start, end)],
                    attribution.rule,
                    addressee_id=attribution.addressee,
                    session=self._session(ctx, a, trial),
                    section=ctx.section,
                    quoted=quoted,
                )
            )
            if turn is None:
                current = None
                continue
            if re.search(r"\bfrag|\binteressiert\s+sich", text[a:start]):
                question = attribution.speaker
            current = turn

    def _continues(self, ctx: BlockContext, s: int, current: Turn) -> bool:
        a, b = ctx.sentences[s]
        flat = re.sub(r"„[^“]*“", "", ctx.text[a:b]).strip()
        if current.pieces[-1][0] != ctx.pid or current.trial not in MOSCOW:
            return False
        if IRREALIS.search(flat) or HYPOTHETICAL.search(flat):
            return False
        if not subjunctive(flat):
            # an indicative sentence continues only with the speaker's own quoted words:
            # "Nach der Ermordung Kirows beschloss er, „die aktive Arbeit einzustellen“."
            quoted = any(a <= x < b and ctx.text[x - 2 : x] == ", " for x, _ in ctx.quotes)
            subject = [
                r
                for r in ctx.refs
                if a <= r.start < b and r.kind == "pronoun" and not ctx.in_quote(r.start)
            ]
            return quoted and any(self._resolve(ctx, r) == current.speaker_id for r in subject)
        if re.search(r"\b(?:wir|uns|gerne?)\b", flat, re.IGNORECASE):
            return False
        if current.mode != "reported":
            named = [
                r
                for r in ctx.refs
                if a <= r.start < b
                and r.person_id == current.speaker_id
                and r.nominative
                and not ctx.in_quote(r.start)
            ]
            return bool(named)
        return True

    def _extend_or_start(self, ctx: BlockContext, current: Turn, a: int, b: int) -> None:
        b = self._content_end(ctx, a, b, current.speaker_id, "continued")
        last_pid, last_start, last_end = current.pieces[-1]
        gap = ctx.text[last_end:a] if last_pid == ctx.pid else "x"
        if current.mode == "reported" and gap.strip(" .…“") == "":
            current.pieces[-1] = (last_pid, last_start, b)
            return
        self._add(
            Turn(
                current.trial,
                current.speaker_id,
                "reported",
                [(ctx.pid, a, b)],
                "continued",
                session=current.session,
                section=ctx.section,
            )
        )

    # -- the Drammen hearing ----------------------------------------------------------

    def _flush_hearing(self, pids: list[str]) -> None:
        trial = "drammen-1936"
        witness = self.speakers.witness.get(trial, "")
        examiner = self.speakers.examiner.get(trial, "")
        open_turn: Turn | None = None
        for pid in pids:
            ctx = self._context(pid, self.blocks[pid])
            text = ctx.text
            pos = self._label_end(ctx.block)
            label = text[:pos].split("(")[0]
            label_speaker = next(
                (
                    r.person_id
                    for r in ctx.refs
                    if r.start < len(label) and r.kind in {"name", "role"}
                ),
                "",
            )
            taken: list[tuple[int, int]] = []
            if open_turn is not None:
                end = utterance_end(text, 0, depth=1)
                open_turn.pieces.append((pid, 0, end if end else len(text)))
                taken.append((0, end if end else len(text)))
                open_turn = None if end else open_turn
                pos = end if end else len(text)
            first = True
            while open_turn is None:
                start = next_utterance(text, pos)
                if start is None:
                    break
                end = utterance_end(text, start + 1, depth=1)
                stop = end if end else len(text)
                utterance = text[start:stop]
                if first and label_speaker and start <= pos + 2:
                    speaker = label_speaker
                elif THIRD_PERSON_WITNESS.search(utterance) and not FIRST_SINGULAR.search(
                    utterance
                ):
                    speaker = examiner
                else:
                    speaker = witness
                first = False
                turn = self._add(
                    Turn(
                        trial,
                        speaker,
                        "dialogue",
                        [(pid, start, stop)],
                        "hearing",
                        section=ctx.section,
                        quoted=[utterance],
                    )
                )
                taken.append((start, stop))
                if end is None:
                    open_turn = turn if not text.rstrip().endswith(CLOSE) else None
                    break
                pos = end
            self._block_hearing_rest(ctx, taken)

    def _block_hearing_rest(self, ctx: BlockContext, taken: list[tuple[int, int]]) -> None:
        """Narrative around the utterances (all trials) and Moscow testimony inside them."""
        self._reported(ctx, taken, moscow_only=False)
        inner = BlockContext(
            **{
                **ctx.__dict__,
                "quotes": [
                    q for q in ctx.all_quotes if any(x < q[0] and q[1] <= y for x, y in taken)
                ],
            }
        )
        self._quotes(inner, top_level(inner.quotes), [], moscow_only=True)
        self._reported(ctx, [], moscow_only=True)

    # -- sessions and addressees -------------------------------------------------------

    def _session(self, ctx: BlockContext, pos: int, trial: str) -> str:
        if trial not in MOSCOW:
            return ""
        a, b = ctx.sentences[ctx.sentence_of(pos)]
        return session_date(re.sub(r"„[^“]*“", " ", ctx.text[a:b]), trial)

    def _carry_sessions(self) -> None:
        """A question and its answer share a session: a Moscow turn without a date takes the
        date of the turn before it when one of the two is the prosecutor's or the judge's and
        both stand in the same or in neighbouring passages of one section."""
        askers = {pid for t in MOSCOW for _, pid in self.speakers.roles[t]}
        for before, turn in pairwise(self.turns):
            if turn.session or not before.session or turn.trial != before.trial:
                continue
            near = self.index[turn.pieces[0][0]] - self.index[before.pieces[-1][0]] <= 1
            exchange = (before.speaker_id in askers) != (turn.speaker_id in askers)
            if near and exchange and turn.section == before.section:
                turn.session = before.session

    def _addressees(self) -> None:
        """The other party of a question-and-answer exchange (see docstring): the asking
        side (the Moscow prosecutor and judge; everyone but the witness in a hearing)
        addresses the next turn of the other side, the answering side the previous one."""
        askers = {pid for t in MOSCOW for _, pid in self.speakers.roles[t]}
        self.turns.sort(key=lambda t: (self.index[t.pieces[0][0]], t.pieces[0][1]))

        def asking(turn: Turn) -> bool:
            if turn.trial in HEARING_CHAPTERS.values():
                return turn.speaker_id != self.speakers.witness.get(turn.trial)
            return turn.speaker_id in askers

        for k, turn in enumerate(self.turns):
            if turn.addressee_id or turn.mode != "dialogue":
                continue
            later = self.turns[k + 1 : k + 3]
            earlier = self.turns[max(0, k - 3) : k][::-1]
            order = later + earlier if asking(turn) else earlier + later
            for other in order:
                if (
                    other.section == turn.section
                    and other.trial == turn.trial
                    and (asking(other) != asking(turn))
                ):
                    turn.addressee_id = other.speaker_id
                    break


def subjunctive(text: str) -> bool:
    """A subjunctive verb form (``habe`` next to ``ich`` is the indicative)."""
    return any(
        not (
            m.group(0) == "habe"
            and re.search(
                r"\bich\s+$|^\s+ich\b",
                text[max(0, m.start() - 5) : m.start()] + "|" + text[m.end() : m.end() + 5],
            )
        )
        for m in SUBJUNCTIVE.finditer(text)
    )


def stems(text: str) -> set[str]:
    """Crude word stems (first five letters) for the repetition rule."""
    return {w[:5] for w in normal_words(text).split()}


def speech_cue(text: str, embedded: bool = False) -> bool:
    flat = re.sub(r"„[^“]*“", " ", text)
    if embedded:
        return bool(SPEECH_VERB.search(flat) or re.search(r"\bAnklagerede\b", flat))
    return bool(SPEECH_VERB.search(flat) or SPEECH_NOUN_RE.search(flat))


def full_sentence(quote: str) -> bool:
    """A quotation that is a sentence: a capital letter, final punctuation or an ellipsis."""
    inner = quote.strip("„“ ").lstrip("… ")
    if not inner or not inner[0].isupper():
        return False
    return inner.rstrip(" …‘’“").endswith((".", "?", "!")) or inner.rstrip(" ‘’“").endswith("…")


def next_utterance(text: str, pos: int) -> int | None:
    """The next opening mark after ``pos`` that starts an utterance (see docstring)."""
    i = text.find(OPEN, pos)
    while i >= 0:
        before = text[pos:i]
        if before.strip() == "" or re.search(r"[.!?…“)]\s*$", before):
            return i
        i = text.find(OPEN, i + 1)
    return None


def utterance_end(text: str, i: int, depth: int) -> int | None:
    """The end of an utterance whose opening mark lies before ``i`` (None: runs on)."""
    while i < len(text):
        ch = text[i]
        if ch == OPEN:
            if not (depth == 1 and re.search(r"[.!?…]\s*$", text[max(0, i - 3) : i])):
                depth += 1
        elif ch == CLOSE:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


# --- cues -----------------------------------------------------------------------------------

_TRIAL_NAME = [
    (
        re.compile(
            r"Prozess(?:es)?\s+der\s+(?:16|[Ss]echzehn)|Sinowjew-Kamenew|Sinowjew und Genossen"
            r"|Prozess(?:es)? vom Jahre 1936|August 1936"
        ),
        "moscow-1936",
    ),
    (
        re.compile(
            r"Prozess(?:es)?\s+der\s+(?:17|[Ss]iebzehn)|Pjatakow-Radek|Radek-Pjatakow"
            r"|Januar 1937|letzten Prozess"
        ),
        "moscow-1937",
    ),
]
_DAY = re.compile(r"\b(\d{1,2})\.\s*(August|Januar)\b")


def trial_cue(text: str, last: bool = False) -> str:
    """The Moscow trial a text names or dates (the last such cue with ``last``)."""
    found: list[tuple[int, str]] = []
    for pattern, trial in _TRIAL_NAME:
        found.extend((m.start(), trial) for m in pattern.finditer(text))
    for m in _DAY.finditer(text):
        trial, lo, hi = TRIAL_DAYS[m.group(2)]
        if lo <= int(m.group(1)) <= hi:
            found.append((m.start(), trial))
    if not found:
        return ""
    found.sort()
    return found[-1][1] if last else found[0][1]


_SESSION = re.compile(
    r"(?:Sitzung|[Vv]erhandlung|sitzung|Aussage|Anklagerede|Gerichtssitzung)\s*(?:\(|vom|des)\s*"
    r"(\d{1,2})\.\s*(August|Januar)?|\b(?:am|vom)\s+(\d{1,2})\.\s*(August|Januar)\b"
    r"|\((\d{1,2})\.\s*(August|Januar)\)"
)


def session_date(text: str, trial: str, last: bool = False) -> str:
    """ISO date of a trial session named in ``text`` (within the trial's days)."""
    hits: list[str] = []
    for m in _SESSION.finditer(text):
        groups = [g for g in m.groups() if g]
        day = int(groups[0])
        month = groups[1] if len(groups) > 1 else ("August" if trial == "moscow-1936" else "Januar")
        t, lo, hi = TRIAL_DAYS[month]
        if t == trial and lo <= day <= hi:
            hits.append(f"{YEAR_OF[trial]}-{MONTH_NUMBER[month]:02d}-{day:02d}")
    if not hits:
        return ""
    return hits[-1] if last else hits[0]


# --- the table --------------------------------------------------------------------------


def extract(
    doc: Document | None = None,
    mentions: pd.DataFrame | None = None,
    speakers: Speakers | None = None,
) -> list[Turn]:
    """Every testimony turn of crimes-1937, in text order."""
    from companion.persons import authority

    if doc is None:
        from companion.parsers import parse_source

        doc = parse_source(SOURCE_ID)
    if mentions is None:
        from companion.mentions import all_mentions

        mentions = all_mentions()
    persons = authority().persons
    speakers = speakers or load_speakers(persons=persons)
    turns = Extractor(doc, mentions, speakers, persons).run()
    index = {pid: i for i, pid in enumerate(assign_ids(doc))}
    return sorted(turns, key=lambda t: (index[t.pieces[0][0]], t.pieces[0][1]))


def turn_rows(doc: Document, turns: list[Turn]) -> list[dict]:
    blocks = dict(zip(assign_ids(doc), doc.blocks, strict=True))
    rows = []
    for n, t in enumerate(turns, 1):
        first_pid, i, _ = t.pieces[0]
        last_pid, _, j = t.pieces[-1]
        start = blocks[first_pid].reading.offsets[i]
        end = blocks[last_pid].reading.offsets[j - 1] + 1
        if first_pid == last_pid:  # one passage: the words as printed, insertions included
            text = blocks[first_pid].text[i:j].strip()
        else:
            text = " ".join(blocks[p].text[x:y].strip() for p, x, y in t.pieces)
        rows.append(
            {
                "turn_id": f"t{n:03d}",
                "trial": t.trial,
                "speaker_id": t.speaker_id,
                "addressee_id": t.addressee_id,
                "mode": t.mode,
                "session": t.session,
                "passage_id": first_pid,
                "start": start,
                "end": end,
                "text": text,
            }
        )
    return rows


def turn_offsets(doc: Document, turn: Turn) -> set[int]:
    """Raw offsets of the characters of a turn (footnotes inside its span excluded)."""
    blocks = dict(zip(assign_ids(doc), doc.blocks, strict=True))
    out: set[int] = set()
    for pid, x, y in turn.pieces:
        out.update(blocks[pid].reading.offsets[x:y])
    return out


@cache
def _default() -> tuple[Document, tuple[Turn, ...]]:
    from companion.parsers import parse_source

    doc = parse_source(SOURCE_ID)
    return doc, tuple(extract(doc))


def testimony_table(doc: Document | None = None, turns: list[Turn] | None = None) -> pd.DataFrame:
    """data/derived/testimony.csv."""
    if doc is None or turns is None:
        doc, cached = _default()
        turns = list(cached)
    return pd.DataFrame(turn_rows(doc, turns), columns=TESTIMONY_COLUMNS)


EXCHANGE_COLUMNS = [
    "trial",
    "question_turn_id",
    "questioner_id",
    "question",
    "answer_turn_id",
    "answerer_id",
    "answer",
    "session",
    "question_passage_id",
    "answer_passage_id",
]


def exchanges_table(testimony: pd.DataFrame, speakers: Speakers | None = None) -> pd.DataFrame:
    """The prosecutor's and the judge's questions in the Moscow trials beside the answers:
    a question (a turn of the asking side that asks, ``?``) and the next turn of the same
    section by someone else, if it follows within two passages."""
    if speakers is None:
        speakers = load_speakers()
    askers = {pid for t in MOSCOW for _, pid in speakers.roles[t]}
    moscow = testimony[testimony["trial"].isin(MOSCOW)].reset_index(drop=True)
    order = {pid: i for i, pid in enumerate(dict.fromkeys(testimony["passage_id"]))}
    rows = []
    for k in range(len(moscow) - 1):
        q, a = moscow.iloc[k], moscow.iloc[k + 1]
        if q["speaker_id"] not in askers or "?" not in q["text"] or a["speaker_id"] in askers:
            continue
        same_section = q["passage_id"].rsplit(":", 1)[0] == a["passage_id"].rsplit(":", 1)[0]
        if not same_section or order[a["passage_id"]] - order[q["passage_id"]] > 2:
            continue
        rows.append(
            {
                "trial": q["trial"],
                "question_turn_id": q["turn_id"],
                "questioner_id": q["speaker_id"],
                "question": q["text"],
                "answer_turn_id": a["turn_id"],
                "answerer_id": a["speaker_id"],
                "answer": a["text"],
                "session": q["session"] or a["session"],
                "question_passage_id": q["passage_id"],
                "answer_passage_id": a["passage_id"],
            }
        )
    return pd.DataFrame(rows, columns=EXCHANGE_COLUMNS)

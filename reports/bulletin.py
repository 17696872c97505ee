"""The bulletin as a document: the section texts filled from the figures and framed in the
official layout's parts (issuing body, document number, title, numbered headings, "as of"
time, issuing body and date at the end). The page, the PDF, the Word file and publications
all read `bulletin()`; `as_text()` is the plain text a publication keeps.
"""

from django.utils import timezone

from . import drafts, placeholders, wording

ISSUER = {"zh": "杭州市公安局西湖区分局", "en": "Xihu Sub-bureau, Hangzhou Public Security Bureau"}
ZH_NUMERALS = "一二三四五六七八九十"


def heading_number(n, lang):
    """ "一、" / "1. " for the n-th (1-based) numbered heading."""
    if lang == "zh":
        return f"{ZH_NUMERALS[n - 1] if n <= 10 else n}、"
    return f"{n}. "


def document_number(festival, number, lang):
    """西湖公安安保通报〔2024〕1号 once published; 草稿 (draft) before."""
    if number is None:
        return "（草稿）" if lang == "zh" else "(Draft, not published)"
    year = festival.starts_on.year
    if lang == "zh":
        return f"西湖公安安保通报〔{year}〕{number}号"
    return f"Xihu Security Bulletin [{year}] No. {number}"


def as_of_line(moment, lang):
    local = timezone.localtime(moment)
    if lang == "zh":
        return f"数据截至{wording.long_date(local.date(), 'zh')}{local:%H:%M}"
    return f"Figures as of {wording.long_date(local.date(), 'en')}, {local:%H:%M}"


def title(festival, station, lang):
    if lang == "zh":
        return f"{station.name_zh if station else ''}{festival.name_zh}安保工作情况"
    text = f"Security work during {festival.name_en}"
    return f"{text}: {station.name_en}" if station else text


def bulletin(summary, lang, *, texts=None, as_of=None, number=None):
    """The bulletin in zh or en: {"lang", "issuer", "doc_number", "title", "period", "as_of",
    "sections": [{"key", "heading", "paragraphs"}], "date"}.

    summary: reports.summary.festival_summary()'s; texts: {section key: text with
    placeholders} (the saved draft), generated from the figures when None; as_of: the moment
    the figures were read (now by default); number: the publication's, None for a draft.
    """
    festival, station = summary["festival"], summary["station"]
    sections = summary["sections"]
    if texts is None:
        texts = drafts.generate(festival, sections, lang, station)
    as_of = as_of or timezone.now()
    period = (festival.starts_on, festival.ends_on)
    out, numbered = [], 0
    for key, titles in drafts.TITLES.items():
        text = placeholders.fill(texts.get(key, ""), sections, lang, period=period)
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        if not paragraphs:
            continue
        heading = None
        if key != "overview":  # the opening paragraph has no heading, as in the bulletins
            numbered += 1
            heading = heading_number(numbered, lang) + titles[0 if lang == "zh" else 1]
        out.append({"key": key, "heading": heading, "paragraphs": paragraphs})
    return {
        "lang": lang,
        "issuer": ISSUER[lang],
        "doc_number": document_number(festival, number, lang),
        "title": title(festival, station, lang),
        "period": wording.date_range(*period, lang),
        "as_of": as_of_line(as_of, lang),
        "sections": out,
        "date": wording.long_date(timezone.localtime(as_of).date(), lang),
    }


def as_text(document):
    """The bulletin as plain text, one paragraph a line (what a publication keeps)."""
    lines = [document["issuer"], document["doc_number"], document["title"], document["period"]]
    lines.append(document["as_of"])
    for section in document["sections"]:
        if section["heading"]:
            lines.append(section["heading"])
        lines.extend(section["paragraphs"])
    lines += [document["issuer"], document["date"]]
    return "\n".join(lines)

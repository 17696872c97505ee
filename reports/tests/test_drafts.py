"""The generated draft: zero clauses left out, station bulletins without the district's
narrative, English grammar, the list of figures no placeholder mentions."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from reports import drafts
from reports.bulletin import as_text, bulletin
from reports.summary import RATES, SECTIONS

D = datetime.date


def zero_sections(**values):
    """Every SPEC §3 figure at 0 (rates undefined), with `values` as "section.figure"=v."""
    out = {}
    for section, names in SECTIONS.items():
        out[section] = {}
        for name in names:
            value = None if (section, name) in RATES else 0
            change = {"change_pp": None} if (section, name) in RATES else {"change_pct": None}
            out[section][name] = {"value": value, "previous": None, **change}
    for key, value in values.items():
        section, name = key.split("__")
        out[section][name]["value"] = value
    return out


FESTIVAL = SimpleNamespace(
    name_zh="2024年春节",
    name_en="the Spring Festival 2024",
    starts_on=D(2024, 2, 10),
    ends_on=D(2024, 2, 17),
    narrative=lambda key, lang: {"multi_level": {"zh": "指挥调度靠前。", "en": "Command."}}.get(
        key, {}
    ).get(lang, ""),
)
STATION = SimpleNamespace(name_zh="北山派出所", name_en="Beishan Police Station")


def text(sections, lang, station=None):
    summary = {"festival": FESTIVAL, "station": station, "sections": sections}
    return as_text(bulletin(summary, lang))


def test_a_station_bulletin_says_nothing_of_what_it_did_not_do():
    sections = zero_sections(
        police_reports__effective=12, fire_safety__places_inspected=3, cases__cracked=1
    )
    zh = text(sections, "zh", STATION)
    assert "北山派出所辖区共接报有效警情12起。" in zh
    assert "共检查“九小”场所3家。" in zh
    for absent in ("责令停业整改", "打掉犯罪团伙", "不少于", "按时办结率", "—", "0家", "0起"):
        assert absent not in zh
    assert "指挥调度靠前" not in zh  # the district's narrative is not the station's
    assert "多层次推进安保" not in zh  # a section with nothing left is left out
    en = text(sections, "en", STATION)
    assert "During the period, the area of Beishan Police Station received 12 effective" in en
    assert "1 criminal case was cracked." in en
    assert "3 “nine small” places were inspected." in en
    for absent in ("At least 0", "at least", "— were", "0 venues"):
        assert absent not in en


def test_the_district_bulletin_keeps_a_narrative_only_section():
    zh = text(zero_sections(), "zh")
    assert "一、多层次推进安保\n指挥调度靠前。" in zh
    assert "接报" not in zh


def test_the_demo_bulletin_reads_like_the_real_one():
    sections = zero_sections(
        police_reports__effective=767,
        police_reports__criminal=5,
        police_reports__public_security=35,
        fire_safety__places_inspected=367,
        fire_safety__suspended=1,
        fire_safety__materials_distributed=426,
        cases__cracked=118,
        cases__recovered_value=Decimal("112680.00"),
        patrols__personnel_daily_min=203,
        patrols__vehicles_daily_min=34,
        disputes__registered=125,
        disputes__resolved=120,
        disputes__resolution_rate=Decimal("96.0"),
        public_services__handled=917,
        public_services__on_time_rate=Decimal("100.0"),
        public_services__praise_rate=Decimal("100.0"),
    )
    sections["police_reports"]["effective"].update(previous=1130, change_pct=Decimal("-32.1"))
    sections["police_reports"]["public_security"].update(change_pct=Decimal("-50.0"))
    zh = text(sections, "zh")
    assert (
        "期间，全区共接报有效警情767起，同比下降32.1%，其中刑事警情5起，治安警情35起，同比下降50%。"
        in zh
    )
    assert "责令停业整改1家" in zh and "发放宣传资料420余份。" in zh
    assert "每天投入街面巡逻警力200余人，警车30余辆。" in zh
    assert "追回赃款赃物价值11万余元。" in zh
    assert "化解率96%。" in zh
    assert "按时办结率、好评率均达100%。" in zh
    assert "共为群众办理各类业务910余件" in zh
    assert "2月10日至17日" in zh
    en = text(sections, "en")
    assert "1 venue was ordered to suspend business for rectification" in en
    assert "more than 420 copies of publicity materials were distributed" in en
    assert "stolen money and goods worth more than 110,000 yuan were recovered" in en
    assert "the on-time completion rate and the praise rate were both 100%" in en
    assert "February 10 to 17" in en
    # Found by a reader: a clause without a verb, and a comma missing before "and".
    assert "120 were resolved, and the resolution rate was 96%." in en
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en)  # English throughout


def test_unmentioned_figures_are_listed():
    sections = zero_sections(police_reports__effective=3)
    texts = {"overview": "接报{police_reports.effective}起，{cases.cracked.change}"}
    missing = drafts.unmentioned(texts, sections)
    assert ("police_reports", "effective") not in missing
    assert ("cases", "cracked") not in missing
    assert ("police_reports", "criminal") in missing
    generated = drafts.generate(FESTIVAL, zero_sections(), "zh")
    # Generated on all-zero figures, the draft has no figure sentence: all are listed.
    assert len(drafts.unmentioned(generated, sections)) == sum(map(len, SECTIONS.values()))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_supervisors_text_is_filled_and_hand_numbers_stay(lang):
    sections = zero_sections(police_reports__effective=767)
    summary = {"festival": FESTIVAL, "station": None, "sections": sections}
    texts = {"overview": "共{police_reports.effective}起，另有800起。\n\n第二段。"}
    document = bulletin(summary, lang, texts=texts, number=2)
    assert document["sections"][0]["paragraphs"] == ["共767起，另有800起。", "第二段。"]
    assert document["doc_number"] in (
        "西湖公安安保通报〔2024〕2号",
        "Xihu Security Bulletin [2024] No. 2",
    )


def test_headings_are_numbered_in_each_language():
    sections = zero_sections(disputes__registered=3)
    assert "一、多层次推进安保\n" in text(sections, "zh")
    assert "二、一体化维护大局稳定\n" in text(sections, "zh")
    assert "1. Security promoted at every level\n" in text(sections, "en")
    assert "2. Overall stability kept together\n" in text(sections, "en")


def test_two_english_clauses_take_a_comma_when_the_first_has_one():
    """Found by a reader: "cracked, down 5.6% year on year and 56 suspects were arrested"."""
    cracked = "118 criminal cases were cracked, down 5.6% year on year"
    arrested = "56 suspects were arrested"
    assert drafts._join_en([cracked, arrested], "list") == f"{cracked}, and {arrested}"
    assert drafts._join_en(["7 large events", "6 had their plan"], "list") == (
        "7 large events and 6 had their plan"
    )

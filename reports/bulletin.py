"""The bulletin: the summary's figures written into sentences, in Chinese and in English.

Bilingual by design (the sub-bureau files both), so the sentences are written here per
language rather than through gettext. Everything reads reports.summary.festival_summary.
"""

from decimal import Decimal

LANGS = ("zh", "en")
TITLES = {
    "overview": ("总体情况", "Overview"),
    "multi_level": ("多层次推进安保", "Security promoted at every level"),
    "venues": ("立体化筑牢安全屏障", "A strong safety barrier in every dimension"),
    "disputes": ("一体化维护大局稳定", "Overall stability kept together"),
    "patrols": ("全方位净化治安环境", "The public security environment purified all round"),
    "quality": ("多维度提升工作质效", "Quality and efficiency of work improved"),
}


def number(value):
    """Money with thousands and cents (112,680.00); counts and one-decimal figures as is."""
    if value is None:
        return "—"
    if isinstance(value, Decimal) and value.as_tuple().exponent == -2:
        return f"{value:,.2f}"
    return str(value)


def change(figure, lang):
    """ ", 同比下降32.1%" / ", down 32.1% year on year"; empty without a comparison."""
    if "change_pp" in figure:
        value, unit_zh, unit_en = figure["change_pp"], "个百分点", " percentage points"
    else:
        value, unit_zh, unit_en = figure["change_pct"], "%", "%"
    if value is None:
        return ""
    if value == 0:
        return "，同比持平" if lang == "zh" else ", unchanged year on year"
    word_zh, word_en = ("上升", "up") if value > 0 else ("下降", "down")
    if lang == "zh":
        return f"，同比{word_zh}{abs(value)}{unit_zh}"
    return f", {word_en} {abs(value)}{unit_en} year on year"


class Writer:
    def __init__(self, sections, lang):
        self.s, self.lang = sections, lang

    def v(self, section, name):
        return number(self.s[section][name]["value"])

    def r(self, section, name):
        """A rate with its per cent sign, or a dash when it has no denominator."""
        value = self.s[section][name]["value"]
        return "—" if value is None else f"{value}%"

    def c(self, section, name):
        return change(self.s[section][name], self.lang)


def overview(w, place):
    p = "police_reports"
    if w.lang == "zh":
        return (
            f"期间，{place}共接报有效警情{w.v(p, 'effective')}起{w.c(p, 'effective')}，"
            f"其中刑事警情{w.v(p, 'criminal')}起{w.c(p, 'criminal')}，"
            f"治安警情{w.v(p, 'public_security')}起{w.c(p, 'public_security')}。"
        )
    return (
        f"During the period {place} received {w.v(p, 'effective')} effective police reports"
        f"{w.c(p, 'effective')}, including {w.v(p, 'criminal')} criminal"
        f"{w.c(p, 'criminal')}, and {w.v(p, 'public_security')} public security reports"
        f"{w.c(p, 'public_security')}."
    )


def venues(w, place):
    f, k, e = "fire_safety", "key_items", "events"
    if w.lang == "zh":
        return (
            f"期间，共检查“九小”场所{w.v(f, 'places_inspected')}家，发现消防安全隐患"
            f"{w.v(f, 'hazards_found')}处，责令当场整改{w.v(f, 'rectified_on_spot')}处，下发"
            f"《责令限期改正通知书》{w.v(f, 'notices_issued')}份，责令限期整改"
            f"{w.v(f, 'time_limited')}处，责令停业整改{w.v(f, 'suspended')}家，开展消防安全宣传"
            f"活动{w.v(f, 'publicity_activities')}次，发放宣传资料"
            f"{w.v(f, 'materials_distributed')}份。共检查民用爆炸物品从业单位"
            f"{w.v(k, 'explosives_units_inspected')}家，整改隐患"
            f"{w.v(k, 'explosives_hazards_rectified')}处，破获非法经营、储存、运输烟花爆竹违法"
            f"犯罪案件{w.v(k, 'fireworks_cases')}起，劝阻危险燃放行为"
            f"{w.v(k, 'fireworks_persuasions')}起。{place}举办大型活动{w.v(e, 'large_events')}场，"
            f"其中提前制定下发安保方案{w.v(e, 'with_security_plan')}场。"
        )
    return (
        f"{w.v(f, 'places_inspected')} of the nine small places were inspected and "
        f"{w.v(f, 'hazards_found')} fire hazards found: {w.v(f, 'rectified_on_spot')} were "
        f"rectified on the spot, {w.v(f, 'notices_issued')} rectification notices were issued "
        f"for {w.v(f, 'time_limited')} hazards to be rectified within a time limit, and "
        f"{w.v(f, 'suspended')} venues were suspended for rectification; "
        f"{w.v(f, 'publicity_activities')} fire safety publicity activities distributed "
        f"{w.v(f, 'materials_distributed')} copies of materials. "
        f"{w.v(k, 'explosives_units_inspected')} civil explosives units were inspected and "
        f"{w.v(k, 'explosives_hazards_rectified')} hazards rectified; "
        f"{w.v(k, 'fireworks_cases')} illegal fireworks cases were cracked and "
        f"{w.v(k, 'fireworks_persuasions')} dangerous fireworks behaviours persuaded. "
        f"Of {w.v(e, 'large_events')} large events, {w.v(e, 'with_security_plan')} had their "
        f"security plan issued in advance."
    )


def disputes(w, place):
    d = "disputes"
    if w.lang == "zh":
        return (
            f"共排查矛盾纠纷{w.v(d, 'registered')}起，化解{w.v(d, 'resolved')}起，"
            f"化解率{w.r(d, 'resolution_rate')}。"
        )
    return (
        f"{w.v(d, 'registered')} disputes were found and registered and "
        f"{w.v(d, 'resolved')} resolved, a resolution rate of {w.r(d, 'resolution_rate')}."
    )


def patrols(w, place):
    p, c = "patrols", "cases"
    if w.lang == "zh":
        return (
            f"每天投入街面巡逻警力不少于{w.v(p, 'personnel_daily_min')}人、警车不少于"
            f"{w.v(p, 'vehicles_daily_min')}辆（日均{w.v(p, 'personnel_daily_avg')}人、"
            f"{w.v(p, 'vehicles_daily_avg')}辆）。共破获刑事案件{w.v(c, 'cracked')}起"
            f"{w.c(c, 'cracked')}，抓获犯罪嫌疑人{w.v(c, 'suspects_arrested')}名。其中，破获"
            f"电信网络诈骗案件{w.v(c, 'telecom_fraud')}起，打掉团伙{w.v(c, 'gangs_smashed')}个，"
            f"破获“盗抢骗”案件{w.v(c, 'theft_robbery_fraud')}起，抓获犯罪嫌疑人"
            f"{w.v(c, 'theft_robbery_fraud_suspects')}名，追回赃款赃物价值"
            f"{w.v(c, 'recovered_value')}元。"
        )
    return (
        f"At least {w.v(p, 'personnel_daily_min')} officers and "
        f"{w.v(p, 'vehicles_daily_min')} police cars patrolled the streets every day (on "
        f"average {w.v(p, 'personnel_daily_avg')} and {w.v(p, 'vehicles_daily_avg')}). "
        f"{w.v(c, 'cracked')} criminal cases were cracked{w.c(c, 'cracked')}, and "
        f"{w.v(c, 'suspects_arrested')} suspects arrested; among them "
        f"{w.v(c, 'telecom_fraud')} telecom fraud cases, with {w.v(c, 'gangs_smashed')} gangs "
        f"smashed, and {w.v(c, 'theft_robbery_fraud')} theft, robbery and fraud cases, with "
        f"{w.v(c, 'theft_robbery_fraud_suspects')} suspects arrested; stolen money and goods "
        f"worth {w.v(c, 'recovered_value')} yuan were recovered."
    )


def quality(w, place):
    s = "public_services"
    if w.lang == "zh":
        return (
            f"节日期间，共为群众办理各类业务{w.v(s, 'handled')}件，办理车驾管业务"
            f"{w.v(s, 'vehicle_driving')}件，按时办结率{w.r(s, 'on_time_rate')}，"
            f"好评率{w.r(s, 'praise_rate')}。"
        )
    return (
        f"During the festival the counters handled {w.v(s, 'handled')} matters for the "
        f"public, {w.v(s, 'vehicle_driving')} of them vehicle and driving matters; "
        f"{w.r(s, 'on_time_rate')} were completed on time and {w.r(s, 'praise_rate')} praised."
    )


SENTENCES = {
    "overview": overview,
    "venues": venues,
    "disputes": disputes,
    "patrols": patrols,
    "quality": quality,
}


def bulletin(summary, lang):
    """{"title", "subtitle", "sections": [{"key", "title", "paragraphs"}]} in zh or en."""
    festival, station = summary["festival"], summary["station"]
    zh = lang == "zh"
    if station is not None:
        place = f"{station.name_zh}辖区" if zh else f"the area of {station.name_en}"
    else:
        place = "全区" if zh else "the district"
    writer = Writer(summary["sections"], lang)
    sections = []
    for key, (title_zh, title_en) in TITLES.items():
        paragraphs = [festival.narrative(key, lang)]
        if key in SENTENCES:
            paragraphs.append(SENTENCES[key](writer, place))
        sections.append(
            {
                "key": key,
                "title": title_zh if zh else title_en,
                "paragraphs": [p for p in paragraphs if p],
            }
        )
    name = festival.name_zh if zh else festival.name_en
    where = (station.name_zh if zh else station.name_en) if station else ""
    title = f"{where}{name}安保工作情况" if zh else f"Security work during {name}"
    if not zh and where:
        title += f": {where}"
    period = f"{festival.starts_on:%Y-%m-%d} – {festival.ends_on:%Y-%m-%d}"
    return {"title": title, "period": period, "sections": sections, "lang": lang}

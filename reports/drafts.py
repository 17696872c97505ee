"""The bulletin's draft text: generated per section from the figures with placeholders.

Each section of the bulletin (models.NARRATIVE_SECTIONS) is its narrative paragraph followed
by sentences of figures. A sentence is a lead and clauses; a clause whose figures are all 0
(or undefined) is left out, a sentence without clauses is left out, and a section with no
sentence left keeps only its narrative (SPEC §6). The text keeps its placeholders
(reports.placeholders), so the supervisor's edits never go stale.

Bilingual by design (the sub-bureau files both), so the sentences are written here per
language rather than through gettext.
"""

from dataclasses import dataclass

from . import placeholders

LANGS = ("zh", "en")
TITLES = {
    "overview": ("总体情况", "Overview"),
    "multi_level": ("多层次推进安保", "Security promoted at every level"),
    "venues": ("立体化筑牢安全屏障", "A strong safety barrier in every dimension"),
    "disputes": ("一体化维护大局稳定", "Overall stability kept together"),
    "patrols": ("全方位净化治安环境", "The public security environment purified all round"),
    "quality": ("多维度提升工作质效", "Quality and efficiency of work improved"),
}


@dataclass(frozen=True)
class Sentence:
    """lead and clauses per language: {"zh": "...", "en": "..."}; `{place}` in a lead is the
    district or the station. English joins clauses as a list ("a, b, and c") or with ";"."""

    lead: dict
    clauses: tuple
    en_join: str = "list"


def _c(zh, en):
    return {"zh": zh, "en": en}


P, C, F, K, E = "police_reports", "cases", "fire_safety", "key_items", "events"
D, T, S = "disputes", "patrols", "public_services"

SENTENCES = {
    "overview": [
        Sentence(
            _c("期间，{place}", "During the period, {place} received"),
            (
                _c(
                    "共接报有效警情{police_reports.effective}起，{police_reports.effective.change}",
                    "{police_reports.effective|effective police report|effective police reports}"
                    ", {police_reports.effective.change}",
                ),
                _c(
                    "其中刑事警情{police_reports.criminal}起，{police_reports.criminal.change}",
                    "{police_reports.criminal|criminal report|criminal reports}"
                    ", {police_reports.criminal.change}",
                ),
                _c(
                    "治安警情{police_reports.public_security}起，"
                    "{police_reports.public_security.change}",
                    "{police_reports.public_security|public security report|public security "
                    "reports}, {police_reports.public_security.change}",
                ),
            ),
            en_join="semicolon",
        ),
    ],
    "venues": [
        Sentence(
            _c("期间，", "During the period,"),
            (
                _c(
                    "共检查“九小”场所{fire_safety.places_inspected}家",
                    "{fire_safety.places_inspected|“nine small” place was|“nine small” places "
                    "were} inspected",
                ),
                _c(
                    "发现消防安全隐患{fire_safety.hazards_found}处",
                    "{fire_safety.hazards_found|fire hazard was|fire hazards were} found",
                ),
                _c(
                    "责令当场整改{fire_safety.rectified_on_spot}处",
                    "{fire_safety.rectified_on_spot|was|were} ordered to be rectified on the spot",
                ),
                _c(
                    "下发《责令限期改正通知书》{fire_safety.notices_issued}份",
                    "{fire_safety.notices_issued|rectification notice was|rectification notices "
                    "were} issued",
                ),
                _c(
                    "责令限期整改{fire_safety.time_limited}处",
                    "{fire_safety.time_limited|hazard was|hazards were} ordered to be rectified "
                    "within a time limit",
                ),
                _c(
                    "责令停业整改{fire_safety.suspended}家",
                    "{fire_safety.suspended|venue was|venues were} ordered to suspend business "
                    "for rectification",
                ),
                _c(
                    "开展消防安全宣传活动{fire_safety.publicity_activities}次",
                    "{fire_safety.publicity_activities|fire safety publicity activity was|fire "
                    "safety publicity activities were} held",
                ),
                _c(
                    "发放宣传资料{fire_safety.materials_distributed}份",
                    "{fire_safety.materials_distributed|copy of publicity materials was|copies "
                    "of publicity materials were} distributed",
                ),
            ),
        ),
        Sentence(
            _c("", "As for key items,"),
            (
                _c(
                    "共检查民用爆炸物品从业单位{key_items.explosives_units_inspected}家",
                    "{key_items.explosives_units_inspected|civil explosives unit was|civil "
                    "explosives units were} inspected",
                ),
                _c(
                    "整改隐患{key_items.explosives_hazards_rectified}处",
                    "{key_items.explosives_hazards_rectified|hazard was|hazards were} rectified",
                ),
                _c(
                    "破获非法经营、储存、运输烟花爆竹违法犯罪案件{key_items.fireworks_cases}起",
                    "{key_items.fireworks_cases|case of illegal trading, storage or transport "
                    "of fireworks was|cases of illegal trading, storage or transport of "
                    "fireworks were} cracked",
                ),
                _c(
                    "劝阻危险燃放行为{key_items.fireworks_persuasions}起",
                    "{key_items.fireworks_persuasions|dangerous use of fireworks was|dangerous "
                    "uses of fireworks were} stopped",
                ),
            ),
        ),
        Sentence(
            _c("{place}", "{place_capital} held"),
            (
                _c(
                    "举办大型活动{events.large_events}场",
                    "{events.large_events|large event|large events}",
                ),
                _c(
                    "其中提前制定下发安保方案{events.with_security_plan}场",
                    "{events.with_security_plan|had its|had their} security plan issued in advance",
                ),
            ),
        ),
    ],
    "disputes": [
        Sentence(
            _c("期间，", "During the period,"),
            (
                _c(
                    "共排查矛盾纠纷{disputes.registered}起",
                    "{disputes.registered|dispute was|disputes were} found and registered",
                ),
                _c(
                    "化解{disputes.resolved}起",
                    "{disputes.resolved|was|were} resolved",
                ),
                _c(
                    "化解率{disputes.resolution_rate}",
                    "the resolution rate was {disputes.resolution_rate}",
                ),
            ),
        ),
    ],
    "patrols": [
        Sentence(
            _c("期间，", "During the period,"),
            (
                _c(
                    "每天投入街面巡逻警力{patrols.personnel_daily_min}人",
                    "{patrols.personnel_daily_min|officer was|officers were} on street patrol "
                    "every day",
                ),
                _c(
                    "警车{patrols.vehicles_daily_min}辆",
                    "{patrols.vehicles_daily_min|police car was|police cars were} on patrol "
                    "every day",
                ),
            ),
        ),
        Sentence(
            _c("", "In all,"),
            (
                _c(
                    "共破获刑事案件{cases.cracked}起，{cases.cracked.change}",
                    "{cases.cracked|criminal case was|criminal cases were} cracked"
                    ", {cases.cracked.change}",
                ),
                _c(
                    "抓获犯罪嫌疑人{cases.suspects_arrested}名",
                    "{cases.suspects_arrested|suspect was|suspects were} arrested",
                ),
            ),
        ),
        Sentence(
            _c("其中，", "Among them,"),
            (
                _c(
                    "破获电信网络诈骗案件{cases.telecom_fraud}起",
                    "{cases.telecom_fraud|telecom fraud case was|telecom fraud cases were} cracked",
                ),
                _c(
                    "打掉犯罪团伙{cases.gangs_smashed}个",
                    "{cases.gangs_smashed|criminal gang was|criminal gangs were} smashed",
                ),
                _c(
                    "破获“盗抢骗”案件{cases.theft_robbery_fraud}起",
                    "{cases.theft_robbery_fraud|theft, robbery or fraud case was|theft, robbery "
                    "and fraud cases were} cracked",
                ),
                _c(
                    "抓获犯罪嫌疑人{cases.theft_robbery_fraud_suspects}名",
                    "{cases.theft_robbery_fraud_suspects|suspect was|suspects were} arrested "
                    "in them",
                ),
                _c(
                    "追回赃款赃物价值{cases.recovered_value}元",
                    "stolen money and goods worth {cases.recovered_value} yuan were recovered",
                ),
            ),
        ),
    ],
    "quality": [
        Sentence(
            _c("节日期间，", "During the festival,"),
            (
                _c(
                    "共为群众办理各类业务{public_services.handled}件",
                    "{public_services.handled|matter was|matters were} handled for the public",
                ),
                _c(
                    "办理车驾管业务{public_services.vehicle_driving}件",
                    "{public_services.vehicle_driving|vehicle and driving matter was|vehicle "
                    "and driving matters were} handled",
                ),
                _c("{public_services.rates}", "{public_services.rates}"),
            ),
        ),
    ],
}


def place(station, lang):
    """Where the figures were made: 全区 / 北山派出所辖区, the district / the area of …"""
    if station is None:
        return "全区" if lang == "zh" else "the district"
    return f"{station.name_zh}辖区" if lang == "zh" else f"the area of {station.name_en}"


def _nonzero(clause, sections):
    values = [
        sections[section][name]["value"]
        for section, name in placeholders.value_figures(clause, sections)
    ]
    return any(value not in (None, 0) and value != 0 for value in values)


def _join_en(clauses, mode):
    if mode == "semicolon" or len(clauses) == 1:
        return "; ".join(clauses)
    if len(clauses) == 2:
        # "…cracked, down 5.6% year on year, and 56 suspects were arrested": a first clause
        # that carries its own comma is closed by one before "and".
        return f"{clauses[0]}{',' if ',' in clauses[0] else ''} and {clauses[1]}"
    return ", ".join(clauses[:-1]) + f", and {clauses[-1]}"


def sentence_text(sentence, sections, lang, where):
    """One sentence with placeholders, its all-zero clauses left out; "" when none is left."""
    clauses = [c[lang] for c in sentence.clauses if _nonzero(c[lang], sections)]
    if not clauses:
        return ""
    lead = sentence.lead[lang].format(place=where, place_capital=where[:1].upper() + where[1:])
    if lang == "zh":
        return f"{lead}{'，'.join(clauses)}。"
    return f"{lead} {_join_en(clauses, sentence.en_join)}."


def figures_paragraph(key, sections, lang, station=None):
    """The generated figures of one section, with placeholders ("" when all are 0)."""
    where = place(station, lang)
    texts = [sentence_text(s, sections, lang, where) for s in SENTENCES.get(key, [])]
    return ("" if lang == "zh" else " ").join(t for t in texts if t)


def generate_section(festival, key, sections, lang, station=None):
    """A section's text: the district's narrative (not a station's: it is the district's),
    then its figures; paragraphs separated by a blank line."""
    narrative = festival.narrative(key, lang).strip() if station is None else ""
    parts = [narrative, figures_paragraph(key, sections, lang, station)]
    return "\n\n".join(p for p in parts if p)


def generate(festival, sections, lang, station=None):
    """{section key: text} for every section, in the bulletin's order."""
    return {key: generate_section(festival, key, sections, lang, station) for key in TITLES}


def unmentioned(texts, sections):
    """[(section, figure)] of the summary that no placeholder of the texts reads, in the
    summary's order: listed beside the editor so that nothing is forgotten."""
    seen = set()
    for text in texts.values():
        seen |= placeholders.mentioned(text, sections)
    return [
        (section, name)
        for section, group in sections.items()
        for name in group
        if (section, name) not in seen
    ]

"""SPEC §6's wording rules, each pinned at its boundaries with hand-made figures."""

import datetime
from decimal import Decimal

import pytest

from reports import wording
from reports.placeholders import fill, unknown

D = datetime.date


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (0, "0", "0"),
        (9, "9", "9"),  # exact below 10
        (10, "10", "10"),  # nothing rounded away: no 余
        (11, "10余", "more than 10"),
        (35, "30余", "more than 30"),
        (99, "90余", "more than 90"),
        (100, "100", "100"),
        (101, "100余", "more than 100"),
        (400, "400", "400"),
        (426, "420余", "more than 420"),
        (917, "910余", "more than 910"),
        (999, "990余", "more than 990"),
        (1000, "1000", "1,000"),
        (1130, "1100余", "more than 1,100"),
        (Decimal("248.3"), "240余", "more than 240"),
    ],
)
def test_approximate_counts(value, zh, en):
    assert wording.approximate(value, "zh") == zh
    assert wording.approximate(value, "en") == en


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (Decimal("112680.00"), "11万余", "more than 110,000"),
        (Decimal("110000.00"), "11万", "110,000"),
        (Decimal("10000.00"), "1万", "10,000"),
        (Decimal("10500.00"), "1万余", "more than 10,000"),
        (Decimal("9999.99"), "9900余", "more than 9,900"),
        (Decimal("1050000.00"), "100万余", "more than 1,000,000"),
        (Decimal("5.50"), "5.5", "5.5"),
    ],
)
def test_approximate_money_in_wan(value, zh, en):
    assert wording.approximate(value, "zh", money=True) == zh
    assert wording.approximate(value, "en", money=True) == en


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (Decimal("112680.00"), "11.268万", "112,680"),
        (Decimal("9999.00"), "9999", "9,999"),
        (Decimal("10000.00"), "1万", "10,000"),
        (Decimal("0.00"), "0", "0"),
        (Decimal("12.50"), "12.5", "12.5"),
    ],
)
def test_exact_money(value, zh, en):
    assert wording.exact(value, "zh", money=True) == zh
    assert wording.exact(value, "en", money=True) == en


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("96.0"), "96%"), (Decimal("100.0"), "100%"), (96.5, "96.5%"), (None, "—")],
)
def test_percent_drops_a_trailing_zero(value, text):
    assert wording.percent(value) == text


def test_trim_drops_trailing_zero_decimals():
    assert wording.trim(Decimal("39.0")) == "39"
    assert wording.trim(Decimal("248.30")) == "248.3"
    assert wording.trim(50.0) == "50"
    assert wording.trim(767) == "767"


@pytest.mark.parametrize(
    ("figure", "zh", "en"),
    [
        ({"change_pct": Decimal("-32.1")}, "同比下降32.1%", "down 32.1% year on year"),
        ({"change_pct": Decimal("-50.0")}, "同比下降50%", "down 50% year on year"),
        ({"change_pct": Decimal("5.2")}, "同比上升5.2%", "up 5.2% year on year"),
        ({"change_pct": Decimal("0.0")}, "同比持平", "unchanged year on year"),
        ({"change_pct": 0}, "同比持平", "unchanged year on year"),
        ({"change_pct": None}, "", ""),
        ({"change_pp": Decimal("1.0")}, "同比上升1个百分点", "up 1 percentage point year on year"),
        (
            {"change_pp": Decimal("-2.5")},
            "同比下降2.5个百分点",
            "down 2.5 percentage points year on year",
        ),
        ({"change_pp": Decimal("0.0")}, "同比持平", "unchanged year on year"),
    ],
)
def test_year_on_year_change(figure, zh, en):
    assert wording.change(figure, "zh") == zh
    assert wording.change(figure, "en") == en


def test_period_on_period_change():
    figure = {"change_pct": Decimal("-3"), "preceding_change_pct": Decimal("12.0")}
    assert wording.change(figure, "zh", "preceding") == "环比上升12%"
    assert wording.change(figure, "en", "preceding") == "up 12% on the preceding period"
    assert wording.change({"preceding_change_pp": Decimal("0")}, "zh", "preceding") == "环比持平"
    assert wording.change({"change_pct": 1}, "zh", "preceding") == ""  # not computed yet


LABELS = (("按时办结率", "on-time completion rate"), ("好评率", "praise rate"))


def test_two_equal_rates_read_both():
    assert wording.two_rates(LABELS, Decimal("100.0"), Decimal("100.0"), "zh") == (
        "按时办结率、好评率均达100%"
    )
    assert wording.two_rates(LABELS, 100.0, 100.0, "en") == (
        "the on-time completion rate and the praise rate were both 100%"
    )
    assert wording.two_rates(LABELS, Decimal("99.5"), Decimal("100.0"), "zh") == (
        "按时办结率99.5%，好评率100%"
    )
    assert wording.two_rates(LABELS, Decimal("99.5"), Decimal("100.0"), "en") == (
        "the on-time completion rate was 99.5% and the praise rate 100%"
    )


@pytest.mark.parametrize(
    ("start", "end", "zh", "en"),
    [
        (D(2024, 2, 10), D(2024, 2, 17), "2月10日至17日", "February 10 to 17"),
        (D(2024, 1, 30), D(2024, 2, 5), "1月30日至2月5日", "January 30 to February 5"),
        (D(2024, 2, 10), D(2024, 2, 10), "2月10日", "February 10"),
        (
            D(2023, 12, 30),
            D(2024, 1, 2),
            "2023年12月30日至2024年1月2日",
            "December 30, 2023 to January 2, 2024",
        ),
    ],
)
def test_date_range(start, end, zh, en):
    assert wording.date_range(start, end, "zh") == zh
    assert wording.date_range(start, end, "en") == en


def test_english_number_and_noun_agree():
    assert wording.counted("1", 1, False, "venue was", "venues were") == "1 venue was"
    assert wording.counted("2", 2, False, "venue was", "venues were") == "2 venues were"
    assert wording.counted("0", 0, False, "venue was", "venues were") == "0 venues were"
    assert wording.counted("more than 400", 426, True, "copy", "copies") == "more than 400 copies"


def fig(value, previous=None, change_pct=None, **more):
    return {"value": value, "previous": previous, "change_pct": change_pct, **more}


def rate(value, change_pp=None):
    return {"value": value, "previous": None, "change_pp": change_pp}


SECTIONS = {
    "police_reports": {"effective": fig(767, 1130, Decimal("-32.1"))},
    "fire_safety": {"materials_distributed": fig(426), "suspended": fig(1)},
    "cases": {"recovered_value": fig(Decimal("112680.00"))},
    "public_services": {"on_time_rate": rate(Decimal("100.0")), "praise_rate": rate(100.0)},
}


@pytest.mark.parametrize(
    ("text", "zh"),
    [
        ("{police_reports.effective}起，{police_reports.effective.change}", "767起，同比下降32.1%"),
        ("{police_reports.effective.previous}", "1130"),
        ("{police_reports.effective.approx}起", "760余起"),
        ("{fire_safety.materials_distributed}份", "420余份"),
        ("{fire_safety.materials_distributed.exact}份", "426份"),
        ("{cases.recovered_value}元", "11万余元"),
        ("{cases.recovered_value.exact}元", "11.268万元"),
        ("{public_services.rates}", "按时办结率、好评率均达100%"),
        ("{period}", "2月10日至17日"),
        ("已手工写入800起", "已手工写入800起"),  # a number typed by hand stays
    ],
)
def test_placeholders_fill(text, zh):
    assert fill(text, SECTIONS, "zh", period=(D(2024, 2, 10), D(2024, 2, 17))) == zh


def test_an_empty_change_takes_its_separator_along():
    sections = {"police_reports": {"effective": fig(5, None, None)}}
    text = "接报{police_reports.effective}起，{police_reports.effective.change}。"
    assert fill(text, sections, "zh") == "接报5起。"
    text = "{police_reports.effective|report|reports}, {police_reports.effective.change}."
    assert fill(text, sections, "en") == "5 reports."


def test_english_placeholders_agree_in_number():
    text = "{fire_safety.suspended|venue was|venues were} suspended"
    assert fill(text, SECTIONS, "en") == "1 venue was suspended"
    text = "{fire_safety.materials_distributed|copy was|copies were} distributed"
    assert fill(text, SECTIONS, "en") == "more than 420 copies were distributed"


def test_unknown_placeholders_stay_visible_and_are_named():
    text = "{police_reports.efective}起，{nothing}"
    assert fill(text, SECTIONS, "zh") == text
    assert unknown(text, SECTIONS) == ["{police_reports.efective}", "{nothing}"]

"""SPEC §2 input rules (xihu.inputs), one case per test so each fails on its own."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override

from disputes.models import DisputeStatus, RiskLevel
from incidents.models import PoliceReport, ReportCategory, ReportSource
from xihu import inputs
from xihu.inputs import LOCAL_TZ


def codes(excinfo):
    return [e.code for e in excinfo.value.error_list]


class TestNormalise:
    @pytest.mark.parametrize(
        ("raw", "clean"),
        [
            (" ２０２４－０２－１０ ", "2024-02-10"),  # full-width digits and hyphen
            ("ＣＲＩＭＩＮＡＬ", "CRIMINAL"),
            ("\u3000abc\u3000", "abc"),  # ideographic spaces trimmed
            ("a\u00a0b", "a b"),
            (None, ""),
            (12, "12"),
        ],
    )
    def test_structured(self, raw, clean):
        assert inputs.normalise_structured(raw) == clean

    @pytest.mark.parametrize(
        ("raw", "clean"),
        [
            ("  西湖区，北山街（断桥）。  ", "西湖区，北山街（断桥）。"),  # punctuation kept
            ("\u00a0a\u00a0b\u202f", "a b"),  # NBSP made plain, then trimmed
            ("ＡＢＣ", "ＡＢＣ"),  # free text is not NFKC-normalised
            (None, ""),
        ],
    )
    def test_free_text(self, raw, clean):
        assert inputs.normalise_text(raw) == clean

    def test_multiline_keeps_line_breaks_as_newlines(self):
        assert inputs.normalise_text(" 第一行\r\n第二行\r第三行\u2028 ", multiline=True) == (
            "第一行\n第二行\n第三行"
        )

    @pytest.mark.parametrize("char", ["\x0b", "\x00", "\x1b", "\t", "\u200b", "\ufeff", "\u202e"])
    def test_control_and_zero_width_refused(self, char):
        with pytest.raises(ValidationError) as excinfo:
            inputs.normalise_text(f"a{char}b", multiline=True)
        assert codes(excinfo) == ["control_character"]
        assert f"U+{ord(char):04X}" in excinfo.value.messages[0]

    def test_line_break_refused_in_single_line_text(self):
        with pytest.raises(ValidationError) as excinfo:
            inputs.normalise_text("a\nb")
        assert codes(excinfo) == ["line_break"]

    def test_structured_refuses_control_characters(self):
        with pytest.raises(ValidationError):
            inputs.normalise_structured("crim\x0binal")

    def test_lone_surrogate_refused(self):
        with pytest.raises(ValidationError):
            inputs.normalise_text("a\ud800b")


class TestChoices:
    @pytest.mark.parametrize(
        "spelling",
        [
            "criminal",
            "CRIMINAL",
            "刑事",
            "Criminal",
            "criminal ",
            "ｃｒｉｍｉｎａｌ",
            "ＣＲＩＭＩＮＡＬ",
        ],
    )
    def test_code_and_labels_in_any_case(self, spelling):
        assert inputs.parse_choice(spelling, ReportCategory) == "criminal"

    def test_labels_come_from_gettext_in_both_languages(self):
        with override("en"):
            en = str(ReportSource.CALL_110.label)
        with override("zh-hans"):
            zh = str(ReportSource.CALL_110.label)
        assert en == "110 call" and zh != en
        assert inputs.parse_choice(zh, ReportSource) == "call_110"
        assert inputs.parse_choice(en.upper(), ReportSource) == "call_110"

    def test_a_contextual_label_works(self):
        assert inputs.parse_choice("open", DisputeStatus) == "open"
        with override("zh-hans"):
            zh = str(DisputeStatus.OPEN.label)
        assert inputs.parse_choice(zh, DisputeStatus) == "open"

    def test_model_field_choices(self):
        field = PoliceReport._meta.get_field("category")
        assert inputs.parse_choice("治安", field.choices) == "public_security"

    def test_empty_is_not_given(self):
        assert inputs.parse_choice("  ", RiskLevel) == ""
        assert inputs.parse_choice(None, RiskLevel) == ""

    def test_unknown_lists_the_choices(self):
        with pytest.raises(ValidationError) as excinfo, override("en"):
            inputs.parse_choice("maybe", RiskLevel)
        assert codes(excinfo) == ["invalid_choice"]
        message = excinfo.value.messages[0]
        assert "“maybe”" in message
        assert "major (重大 / Major)" in message and "minor (轻微 / Minor)" in message


class TestBooleans:
    @pytest.mark.parametrize(
        "spelling", ["true", "TRUE", "True", "1", "yes", "YES", "是", "有效", "√", "１", True]
    )
    def test_true(self, spelling):
        assert inputs.parse_boolean(spelling) is True

    @pytest.mark.parametrize(
        "spelling", ["false", "False", "0", "no", "No", "否", "无效", "×", " ０ ", False]
    )
    def test_false(self, spelling):
        assert inputs.parse_boolean(spelling) is False

    @pytest.mark.parametrize("spelling", ["", "  ", None])
    def test_empty_is_not_given(self, spelling):
        assert inputs.parse_boolean(spelling) is None

    @pytest.mark.parametrize("spelling", ["maybe", "2", "真", "yess"])
    def test_unknown_refused(self, spelling):
        with pytest.raises(ValidationError) as excinfo:
            inputs.parse_boolean(spelling)
        assert codes(excinfo) == ["invalid_boolean"]


class TestDates:
    @pytest.mark.parametrize(
        ("raw", "value"),
        [
            ("2000-01-01", datetime.date(2000, 1, 1)),
            ("2099-12-31", datetime.date(2099, 12, 31)),
            ("２０２４－０２－１０", datetime.date(2024, 2, 10)),
            (datetime.date(2024, 2, 10), datetime.date(2024, 2, 10)),
            ("", None),
        ],
    )
    def test_dates_in_the_window(self, raw, value):
        assert inputs.parse_date(raw) == value

    @pytest.mark.parametrize(
        "raw", ["1999-12-31", "2100-01-01", "0001-01-01", "9999-12-31", datetime.date.min]
    )
    def test_dates_outside_refused(self, raw):
        with pytest.raises(ValidationError) as excinfo:
            inputs.parse_date(raw)
        assert codes(excinfo) == ["date_window"]

    @pytest.mark.parametrize("raw", ["w", "2024-02-30", "99999-01-01", "true"])
    def test_not_a_date(self, raw):
        with pytest.raises(ValidationError) as excinfo:
            inputs.parse_date(raw)
        assert codes(excinfo) == ["invalid"]

    def test_naive_datetime_means_shanghai(self):
        value = inputs.parse_datetime("2024-02-10 08:30")
        assert value == datetime.datetime(2024, 2, 10, 0, 30, tzinfo=datetime.UTC)

    def test_explicit_offset_kept(self):
        value = inputs.parse_datetime("2024-02-10T08:30:00Z")
        assert value == datetime.datetime(2024, 2, 10, 8, 30, tzinfo=datetime.UTC)

    def test_window_uses_the_local_date(self):
        # 1999-12-31 16:00 UTC is 2000-01-01 00:00 in Shanghai: inside.
        assert inputs.parse_datetime("1999-12-31T16:00:00Z").year == 1999
        with pytest.raises(ValidationError):
            inputs.parse_datetime("1999-12-31T15:59:59Z")

    @pytest.mark.parametrize(
        "raw",
        [
            "0001-01-01T00:00:00",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "9999-12-31T23:59:59-12:00",
            "1900-01-01 00:00",
            datetime.datetime.max,
            datetime.datetime.min.replace(tzinfo=datetime.UTC),
        ],
    )
    def test_far_datetimes_are_field_errors(self, raw):
        with pytest.raises(ValidationError) as excinfo:
            inputs.parse_datetime(raw)
        assert codes(excinfo) == ["date_window"]

    def test_received_at_ten_minutes_ahead_at_most(self):
        now = timezone.now()
        later = now + datetime.timedelta(minutes=10)
        assert inputs.check_received_at(later, now=now) == later
        with pytest.raises(ValidationError) as excinfo:
            inputs.check_received_at(later + datetime.timedelta(seconds=1), now=now)
        assert codes(excinfo) == ["future"]

    @pytest.mark.parametrize(("days", "ok"), [(0, True), (59, True), (60, False), (-1, False)])
    def test_festival_lasts_one_to_sixty_days(self, days, ok):
        start = datetime.date(2024, 2, 10)
        end = start + datetime.timedelta(days=days)
        if ok:
            inputs.check_festival_days(start, end)
        else:
            with pytest.raises(ValidationError):
                inputs.check_festival_days(start, end)

    def test_rfc3339_never_has_seconds_in_the_offset(self):
        old = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
        assert inputs.rfc3339(old) == "1900-01-01T00:00:00Z"
        assert inputs.rfc3339(datetime.datetime(9999, 12, 31, 23, tzinfo=datetime.UTC)) == (
            "9999-12-31T23:00:00Z"
        )
        now = datetime.datetime(2024, 2, 10, 0, 30, tzinfo=datetime.UTC)
        assert inputs.rfc3339(now) == "2024-02-10T08:30:00+08:00"
        assert LOCAL_TZ.key == "Asia/Shanghai"


class TestPhones:
    @pytest.mark.parametrize(
        ("raw", "clean"),
        [
            ("13812345678", "13812345678"),
            ("+8613812345678", "+8613812345678"),
            ("+86 138 1234 5678", "+86 138 1234 5678"),
            ("１３８１２３４５６７８", "13812345678"),  # full-width digits
            ("0571-87654321", "0571-87654321"),
            ("(0571) 8765 4321", "(0571) 8765 4321"),
            ("010-12345678".replace("1234", "6234"), "010-62345678"),
            ("0571-87654321-123", "0571-87654321-123"),
            ("+86 571 87654321", "+86 571 87654321"),
            ("  0571  87654321 ", "0571 87654321"),
            ("", ""),
        ],
    )
    def test_plausible(self, raw, clean):
        assert inputs.normalise_phone(raw) == clean

    @pytest.mark.parametrize(
        "raw",
        [
            "1381234567",  # 10 digits
            "138123456789",  # 12 digits
            "23812345678",  # mobile not starting with 1
            "87654321",  # landline without area code
            "0571-8765",  # too short
            "13812345678#1",
            "abc",
            "+1 212 555 0100",
        ],
    )
    def test_implausible(self, raw):
        with pytest.raises(ValidationError) as excinfo:
            inputs.normalise_phone(raw)
        assert codes(excinfo) == ["phone"]

    def test_masked_value_refused(self):
        with pytest.raises(ValidationError) as excinfo:
            inputs.normalise_phone("138****5678")
        assert codes(excinfo) == ["masked"]


class TestIdNumbers:
    @pytest.mark.parametrize(
        ("raw", "clean"),
        [
            ("11010519491231002X", "11010519491231002X"),
            ("11010519491231002x", "11010519491231002X"),  # upper-case check letter
            ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),  # full-width
            (" 11010519491231002X ", "11010519491231002X"),
            ("", ""),
        ],
    )
    def test_valid(self, raw, clean):
        assert inputs.normalise_id_number(raw) == clean

    @pytest.mark.parametrize(
        ("raw", "code"),
        [
            ("110105194912310021", "id_check"),
            ("11010519491231002", "id_length"),
            ("1101051949123100211", "id_length"),
            ("11010519491331002X", "id_birth"),
            ("1101051949123100AX", "id_length"),
            ("330106********1234", "masked"),
        ],
    )
    def test_invalid(self, raw, code):
        with pytest.raises(ValidationError) as excinfo:
            inputs.normalise_id_number(raw)
        assert codes(excinfo) == [code]

    def test_check_char(self):
        assert inputs.id_check_char("11010519491231002") == "X"

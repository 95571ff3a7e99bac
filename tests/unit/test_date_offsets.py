"""date_offsets: a UTC instant shown in the offset the source states."""

from datetime import datetime, timedelta, timezone

from newscrawler.extract.date_offsets import in_source_offset, offset_from_clock

UTC_INSTANT = datetime(2023, 11, 9, 3, 28, 35, tzinfo=timezone.utc)


def test_clock_gives_whole_hour_offset():
    assert offset_from_clock(UTC_INSTANT, datetime(2023, 11, 8, 22, 28)) == timezone(timedelta(hours=-5))


def test_clock_gives_known_fractional_offset():
    assert offset_from_clock(UTC_INSTANT, datetime(2023, 11, 9, 8, 58)) == timezone(timedelta(hours=5, minutes=30))


def test_clock_with_unused_fraction_is_a_coincidence():
    assert offset_from_clock(UTC_INSTANT, datetime(2023, 11, 9, 10, 58)) is None   # +07:30


def test_clock_of_another_minute_is_no_offset():
    assert offset_from_clock(UTC_INSTANT, datetime(2023, 11, 8, 22, 40)) is None


def test_clock_beyond_fourteen_hours_is_no_offset():
    assert offset_from_clock(UTC_INSTANT, datetime(2023, 11, 10, 3, 28)) is None


def test_other_field_offset_wins_over_site_zone():
    other = datetime(2023, 11, 8, 17, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert in_source_offset(UTC_INSTANT, [other], "Asia/Seoul").isoformat() == "2023-11-08T22:28:35-05:00"


def test_site_zone_is_dst_aware():
    summer = datetime(2024, 7, 1, 12, 0, tzinfo=timezone.utc)
    assert in_source_offset(summer, [], "Europe/Berlin").isoformat() == "2024-07-01T14:00:00+02:00"


def test_nothing_stated_keeps_utc():
    assert in_source_offset(UTC_INSTANT, [], None) == UTC_INSTANT


def test_instant_is_kept():
    shown = in_source_offset(UTC_INSTANT, [datetime(2023, 11, 8, 22, 28)], None)
    assert (shown == UTC_INSTANT, shown.utcoffset()) == (True, timedelta(hours=-5))

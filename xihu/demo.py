"""Demo stations and accounts; load_demo calls this first, then each app's demo data."""

from .accounts import user_create_or_update
from .models import Station
from .stations import XIHU_STATIONS

DEMO_ACCOUNTS = [
    # username, role, station, password
    ("beishan", "staff", "beishan", "beishan-demo-2024"),
    ("xixi", "staff", "xixi", "xixi-demo-2024"),
    ("supervisor", "supervisor", None, "supervisor-demo-2024"),
    ("admin", "admin", None, "admin-demo-2024"),
]


def load_stations():
    for code, name_zh, name_en, kind in XIHU_STATIONS:
        Station.objects.update_or_create(
            code=code, defaults={"name_zh": name_zh, "name_en": name_en, "kind": kind}
        )


def load_accounts():
    for username, role, station, password in DEMO_ACCOUNTS:
        user_create_or_update(
            username=username, role=role, station_code=station, password=password, validate=False
        )
    return DEMO_ACCOUNTS

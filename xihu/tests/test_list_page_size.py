"""Every list page answers a page size it cannot use with its own page size, never a 500.

Found by trying the product from outside: `?per_page=-1` on any list raised EmptyPage.
"""

import pytest
from django.urls import reverse
from django_tables2 import SingleTableMixin

from tests.security.urlwalk import walk


def table_list_urls():
    """The URL of every page that shows a django-tables2 table and takes no parameter."""
    urls = []
    for pattern in walk():
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class and issubclass(view_class, SingleTableMixin) and not pattern.params:
            urls.append(pattern.name)
    return sorted(urls)


LIST_URLS = table_list_urls()


def test_the_walk_finds_the_lists():
    assert {"incidents:policereport_list", "inspections:hazard_list"} <= set(LIST_URLS)


@pytest.mark.django_db
@pytest.mark.parametrize("per_page", ["-1", "-5", "0", "100000"])
@pytest.mark.parametrize("name", LIST_URLS)
def test_a_page_size_out_of_bounds_falls_back(client_supervisor, name, per_page):
    from incidents.tests.factories import PoliceReportFactory

    PoliceReportFactory.create_batch(3)
    response = client_supervisor.get(reverse(name), {"per_page": per_page})
    assert response.status_code == 200
    table = response.context["table"]
    assert table.paginator.per_page == table._meta.per_page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/patrols/patrol-deployments/board/", "/services/service-tallies/rates/"]
)
@pytest.mark.parametrize("start", ["0001-01-01", "9999-12-31", "w"])
def test_a_period_page_answers_400_for_a_date_it_cannot_use(client_supervisor, url, start):
    """SPEC §2: a bound outside 2000…2099 is 400 (found from outside: 200 and a 366-day
    message)."""
    response = client_supervisor.get(url, {"start": start})
    assert response.status_code == 400
    assert response.context["form"].errors
    assert client_supervisor.get(url).status_code == 200

"""Issue 18: 400, 403, 404 and 500 in the site's layout and language, with a way back."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views import defaults

pytestmark = pytest.mark.django_db


def assert_site_page(content, title):
    assert '<html lang="zh-hans">' in content
    assert title in content
    assert f'href="{reverse("home")}" id="back-home">返回首页</a>' in content
    assert 'class="navbar' in content  # the site's layout, not Django's bare page


def test_404_for_a_missing_page_and_another_stations_record(client_a):
    response = client_a.get("/no-such-page/")
    assert response.status_code == 404
    assert_site_page(response.content.decode(), "页面不存在")


def test_403(client_a, station_a):
    from patrols.tests.factories import PatrolDeploymentFactory

    deployment = PatrolDeploymentFactory(station=station_a)
    response = client_a.get(reverse("patrols:patroldeployment_delete", args=[deployment.pk]))
    assert response.status_code == 403
    assert_site_page(response.content.decode(), "无权访问")


def test_500_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = defaults.server_error(request)
    assert response.status_code == 500
    assert_site_page(response.content.decode(), "出错了")


def test_400():
    request = RequestFactory().get("/")
    response = defaults.bad_request(request, exception=None)
    assert response.status_code == 400
    assert "请求有误" in response.content.decode()


def test_language_switch_names_each_language_in_its_own_name(client_a):
    for language in ("zh-hans", "en"):
        client_a.cookies["django_language"] = language
        content = client_a.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert 'lang="zh-hans">简体中文</button>' in content
        assert 'lang="en">English</button>' in content


def test_admin_names_axes_and_history_in_chinese(client_admin, station_a):
    content = client_admin.get(reverse("admin:index")).content.decode()
    for text in ("登录保护", "登录尝试", "登录失败", "登录日志"):
        assert text in content
    history = client_admin.get(reverse("admin:xihu_station_history", args=[station_a.pk]))
    content = history.content.decode()
    assert "修改内容" in content and "None" not in content


def test_pagination_label_is_translated(client_a, station_a):
    from patrols.tests.factories import PatrolDeploymentFactory

    PatrolDeploymentFactory.create_batch(51, station=station_a)
    content = client_a.get(reverse("patrols:patroldeployment_list")).content.decode()
    assert '<nav aria-label="表格分页">' in content

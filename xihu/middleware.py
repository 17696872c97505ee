import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.contrib.auth.views import redirect_to_login
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_cache_control

SESSION_STARTED_KEY = "xihu_session_started"


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Anonymous users get the login page and nothing else.

    The API authenticates with tokens inside DRF and answers 401 itself, so it is left to
    DRF's permission classes rather than redirected to a login page. Signed-in sessions also
    end after SESSION_ABSOLUTE_SECONDS, however active they are.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        if request.user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED_KEY, int(time.time()))
            if time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect_to_login(request.get_full_path())
        return super().process_view(request, view_func, view_args, view_kwargs)


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Pages are in Chinese unless the user chose English with the switcher (cookie).

    Browsers on the police network often run an English Accept-Language by default; that
    must not switch the site for people who never asked. API clients may still ask for
    English messages with Accept-Language.
    """

    def process_request(self, request):
        if not request.path_info.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


class PrivateResponseMiddleware:
    """Every response the app itself makes: `Cache-Control: no-store, private`, so neither
    the browser nor a proxy keeps a page, an export or an API answer (parties' ID and phone
    numbers, figures); and the `Permissions-Policy` of settings.PERMISSIONS_POLICY.

    It sits inside WhiteNoise, which answers static files (cacheable, nothing personal)
    before this middleware is reached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.contrib.auth.views import redirect_to_login
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_cache_control

SESSION_STARTED_KEY = "xihu_session_started"
SESSION_REFRESHED_KEY = "xihu_session_refreshed"


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


class IdleSessionMiddleware:
    """Idle expiry without a session write on every request (replaces SESSION_SAVE_EVERY_REQUEST).

    A session lives SESSION_COOKIE_AGE (30 minutes) from its last save. A request renews it,
    by saving it again, only when the last save is SESSION_REFRESH_SECONDS (60) or more ago,
    so a busy user's pages write the session at most once a minute instead of every time
    (a database UPDATE per request with the database backend). The session therefore ends
    between 29 and 30 minutes after the last request: never later than 30. Requests without
    a session (the API's tokens, anonymous pages) are left alone. Placed after
    SessionMiddleware, whose response phase does the saving.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None or not session.accessed:
            return response  # no session, or one this request never read: nothing to renew
        now = int(time.time())
        if session.modified and not session.is_empty():
            session[SESSION_REFRESHED_KEY] = now  # saved anyway: stamp it for free
        elif now - session.get(SESSION_REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[SESSION_REFRESHED_KEY] = now  # marks it modified: SessionMiddleware saves
        return response


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

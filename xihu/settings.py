"""Settings for the Xihu festival security records.

Everything that differs between a laptop, CI and production comes from the environment
(django-environ), with defaults that make a fresh clone run at once on SQLite.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)  # optional; absent on CI

DEBUG = env.bool("DEBUG", default=False)

# A development key is only acceptable while DEBUG is on; production must bring its own.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "bootstrap",  # django-bootstrap-static: Bootstrap 5 shipped as a Python package
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "simple_history",
    "rest_framework",
    "xihu.third_party_apps.KnoxConfig",  # knox; API tokens: hashed, expiring (xihu.tokens)
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "xihu.third_party_apps.AxesConfig",  # django-axes, its admin section named in Chinese
    "django_tasks",
    "xihu.third_party_apps.TasksConfig",  # django_tasks_db
    # ours: the shared core, then one app per domain
    "xihu",
    "incidents",
    "inspections",
    "disputes",
    "patrols",
    "services",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "xihu.middleware.PrivateResponseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xihu.middleware.IdleSessionMiddleware",
    "xihu.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "xihu.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xihu.urls"
WSGI_APPLICATION = "xihu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xihu.context_processors.navigation",
                "xihu.context_processors.figure_definition",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL says otherwise (postgres://… uses psycopg 3).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Connection pooling (docs/deployment.md): Django's psycopg pool (needs psycopg[pool])
    # replaces persistent connections; behind PgBouncer in transaction mode, server-side
    # cursors (.iterator() in exports) do not survive, so they are turned off.
    if env.bool("DATABASE_POOL", default=False):
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN", default=2),
            "max_size": env.int("DATABASE_POOL_MAX", default=8),
            "timeout": 10,
        }
    if env.bool("DATABASE_PGBOUNCER", default=False):
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    # PostgreSQL's JIT off: every statement here runs in milliseconds and JIT compiles for
    # hundreds of them. Measured at 1M police reports (make bench's floor: one statement per
    # period, both periods; 2 shared cores at load 10; median of 7, interleaved): JIT off
    # 159 ms; JIT on once a statement crosses jit_above_cost 746 ms (260 ms of compilation
    # a statement); crossing the inlining/optimisation thresholds too, 6.6 s. The summary's
    # merged statements cross the default threshold at that size.
    # work_mem 32MB (default 4MB): a text search's bitmap of every row holding a common word
    # (断桥: 225,000 rows at 3M reports) went lossy at 4MB, and each row of a lossy page was
    # re-checked by computing its grams: the capped count took 1,229 ms; exact at 16MB, 158 ms.
    # 32MB keeps it exact to ~10M reports; per sort/hash/bitmap node, only when needed.
    # Sent as startup options; PgBouncer refuses those, so behind it:
    # ALTER DATABASE … SET jit = off; … SET work_mem = '32MB' (docs/deployment.md).
    if not env.bool("DATABASE_PGBOUNCER", default=False):
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c work_mem=32MB"
# Optional read replica for the summary (docs/deployment.md); everything else reads the primary.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"].get("CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            k: v for k, v in DATABASES["default"].get("OPTIONS", {}).items() if k == "options"
        },  # JIT off there too
        "TEST": {"MIRROR": "default"},  # tests see one database under both names
    }
    DATABASE_ROUTERS = ["xihu.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "xihu.db_router.ReplicaRoutingMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "xihu.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: 30 minutes idle, 12 hours at most (xihu.middleware.LoginRequiredMiddleware
# enforces the absolute limit). xihu.middleware.IdleSessionMiddleware renews the 30 minutes
# at most once a minute rather than writing the session on every request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_REFRESH_SECONDS = 60
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True

# Proxies in front of the app that append to X-Forwarded-For (nginx of docs/deployment.md: 1).
# 0 trusts no header: the client is REMOTE_ADDR. xihu.audit.client_ip reads it for the audit
# log and for axes alike.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)

# Login throttling (django-axes), the CJIS rule: 5 failures lock the username (any spelling)
# for 10 minutes. Beside it, AXES_IP_FAILURE_LIMIT failures from one address across usernames
# lock that address for the same time: password spraying is slowed, while the staff of a
# station behind one NAT address can still mistype a few times each (xihu.auth.LockoutHandler).
AXES_FAILURE_LIMIT = 5
AXES_IP_FAILURE_LIMIT = env.int("AXES_IP_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=10)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "xihu.auth.LockoutHandler"
AXES_USERNAME_CALLABLE = "xihu.auth.axes_username"
AXES_CLIENT_IP_CALLABLE = "xihu.audit.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and env.bool("STATIC_MANIFEST", default=True)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded import files are parsed in memory up to this size (a 100,000-row sheet fits).
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

# Background tasks (large imports; SPEC §4 `manage.py db_worker`): django-tasks, the backport
# of Django 6's django.tasks, with its database backend, so the queue lives in the same
# database and no other server is needed. Files with more rows than IMPORT_TASK_ROWS are
# checked and saved by the worker while the batch page shows the progress.
TASKS = {
    "default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}
}
IMPORT_TASK_ROWS = env.int("IMPORT_TASK_ROWS", default=2000)
IMPORT_MAX_UPLOAD_BYTES = env.int("IMPORT_MAX_UPLOAD_BYTES", default=64 * 1024 * 1024)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/xihu.html"  # bootstrap5 with translated labels
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}

REST_FRAMEWORK = {
    # JSON only: DRF's browsable HTML pages carry inline styles; /api/v1/docs/ is the human view.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["xihu.api.permissions.HasRole"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "xihu.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "xihu.api.exceptions.exception_handler",
    "PAGE_SIZE": 50,
}
# API tokens (django-rest-knox, xihu.tokens): the web session's rules. Each use extends a token
# to 30 minutes from then (written at most once a minute), never past 12 hours from its issue.
KNOX_TOKEN_MODEL = "knox.AuthToken"
REST_KNOX = {
    "TOKEN_TTL": timedelta(seconds=SESSION_COOKIE_AGE),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": timedelta(seconds=SESSION_ABSOLUTE_SECONDS),
    "MIN_REFRESH_INTERVAL": SESSION_REFRESH_SECONDS,
    "AUTH_HEADER_PREFIX": "Token",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Xihu festival security records API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The schema and docs describe every record type: signed-in users only, like the rest.
    "SERVE_PERMISSIONS": ["xihu.api.permissions.HasRole"],
}

# Content-Security-Policy: our own origin only, no inline script and no inline style (styles
# live in static stylesheets; charts are SVG with presentation attributes, which the CSP does
# not govern). tests/security/test_headers.py walks every page for inline script and style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Browser features no page uses, refused to every page (xihu.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)

# Production hardening; `check --deploy` runs against these with DEBUG off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "xihu": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
        "axes": {"handlers": ["console"], "level": "WARNING"},
    },
}

# The bulletin's PDF body font (SPEC §6: FangSong, e.g. "FangSong_GB2312" where an office
# has it installed); empty: a free serif CJK font (Noto Serif CJK SC).
BULLETIN_FANGSONG_FONT = env.str("BULLETIN_FANGSONG_FONT", default="")

"""Settings for the benchmark and the load test: production settings on the bench database.

DEBUG stays off, as in production (no query log kept, compiled templates cached); only TLS
is relaxed because everything runs on 127.0.0.1.
"""

import os
import warnings

BENCH_DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/xihu_bench"
)
os.environ["DATABASE_URL"] = BENCH_DATABASE_URL
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from xihu.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # logins are not measured
AXES_ENABLED = False  # the load test logs in many times from one address
WHITENOISE_USE_FINDERS = True  # no collectstatic needed to serve the pages' CSS
warnings.filterwarnings("ignore", message="No directory at")


def setup():
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()

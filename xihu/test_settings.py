"""Settings for the test suite: production settings with plain-HTTP and a fixed key.

Tests run with DEBUG off, as production does; only what a test server cannot offer (TLS)
is relaxed. DATABASE_URL still chooses the database, so the suite runs on SQLite and
PostgreSQL alike.
"""

import os

# Before the settings read a developer's .env (written by `make run` with DEBUG=1): the
# tests run with DEBUG off whatever it says.
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")

from xihu.settings import *  # noqa: E402,F403

# Tasks run at once, inside the request that enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
ALLOWED_HOSTS = ["*"]
# Serve static files from the apps directly, as runserver does, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

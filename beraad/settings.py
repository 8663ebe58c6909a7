"""Beraad settings: one module, read from the environment (see README.md)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from beraad.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("BERAAD_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and not env_bool("BERAAD_INSECURE_DEV_KEY", default=False):
        raise ImproperlyConfigured(
            "Set SECRET_KEY (or DEBUG=true / BERAAD_INSECURE_DEV_KEY=true for local use)."
        )
    SECRET_KEY = "insecure-local-development-key-not-for-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "allauth",
    "allauth.account",
    "beraad.accounts",
    "beraad.deliberation",
    "beraad.audit",
    "beraad.privacy",
    "beraad.insights",
    "beraad.reports",
    "beraad.library",
    "beraad.live",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "beraad.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "beraad.audit.middleware.AccessLogMiddleware",
]

ROOT_URLCONF = "beraad.urls"
WSGI_APPLICATION = "beraad.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "beraad.accounts.context_processors.teams",
            ],
        },
    }
]

# SQLite is the embedded default. WAL, a busy timeout and IMMEDIATE transactions make a
# team saving at the same moment wait for each other instead of failing with "database is locked".
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    SQLITE_PATH = Path(env_str("BERAAD_SQLITE_PATH", str(VAR_DIR / "beraad.sqlite3")))
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            # Kept open between requests (per thread): opening one means the PRAGMAs and reading
            # the schema again, a quarter of the server's time under live polling.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            # A file, not memory, for tests too: the browser tests' server answers several requests at
            # once, and only a file database waits for a lock (busy timeout) instead of failing.
            "TEST": {"NAME": str(SQLITE_PATH.with_name(f"test-{SQLITE_PATH.stem}.sqlite3"))},
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: e-mail login and password reset; nobody signs up without an invitation.
ACCOUNT_ADAPTER = "beraad.accounts.adapters.InvitationOnlyAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

INVITATION_VALID_DAYS = env_int("BERAAD_INVITATION_VALID_DAYS", 7)
ACCESS_LOG_YEARS = env_int("BERAAD_ACCESS_LOG_YEARS", 5)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "beraad@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Bounded work per request. A request over Django's limits gets the 400 page that says which
# limit it passed (beraad.web.errors.bad_request), never a server error.
# Form fields without files: the longest form (a whole step with every text at its maximum) is
# well under 0.5 MB, even written in 4-byte characters and percent-encoded.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000
# The option × value grid posts two fields per cell: 2,000 allows 20 options × 50 values.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2_000
DATA_UPLOAD_MAX_NUMBER_FILES = 1  # the imports are the only forms with a file
# Imports (JSON, a few kB for a real deliberation): larger files are refused with the limit named,
# and the upload handler stops keeping the bytes of a file past it (it only counts them).
BERAAD_IMPORT_MAX_BYTES = 2_000_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # an accepted import and its form stay in memory
FILE_UPLOAD_HANDLERS = [
    "beraad.web.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# A team's own values (the catalogue page, "a value of your own", imports): every values page and
# grid lists them all, so they are capped, and one import may add only a few.
BERAAD_TEAM_VALUES_MAX = 200
BERAAD_IMPORT_NEW_VALUES_MAX = 50

# Case texts never go to the logs: only the request line (ids, never text) and errors.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_keys": {"()": "beraad.lib.logging.RedactKeys"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_keys"]},
    },
    # Django's own loggers print request paths: only through the filtered handler (Django's
    # default adds unfiltered ones), so a guest link or an invitation key never reaches a log.
    "loggers": {
        "django": {"handlers": [], "level": env_str("LOG_LEVEL", "WARNING"), "propagate": True},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

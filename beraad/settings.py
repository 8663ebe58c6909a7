"""Beraad settings: one module, read from the environment (see README.md)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from beraad.lib.env import env_bool, env_header, env_int, env_list, env_str

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
    "csp",
    "allauth",
    "allauth.account",
    # Before django_tasks_db: its db_worker command is beraad.ops's (beraad/ops/queue.py).
    "beraad.ops",
    "django_tasks",
    "django_tasks_db",
    "beraad.accounts",
    "beraad.deliberation",
    "beraad.audit",
    "beraad.privacy",
    "beraad.insights",
    "beraad.reports",
    "beraad.library",
    "beraad.live",
    "beraad.backup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise (static files keep their own caching), before everything that renders:
    # the nonce must exist before a template asks for it.
    "csp.middleware.CSPMiddleware",
    "beraad.middleware.ResponseHeadersMiddleware",
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
                "beraad.web.context_processors.csp_nonce",
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
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Django's, without the health check of a connection that worked a moment ago.
        DATABASES["default"]["ENGINE"] = "beraad.web.postgresql"
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
# The key that seals the access log's hash chain (beraad/audit/chain.py). Without it SECRET_KEY is
# used; set it (before the first migrate) so SECRET_KEY can be rotated on its own. After changing
# it, list the old key in BERAAD_AUDIT_KEY_FALLBACKS so older entries still verify.
ACCESS_LOG_KEY = env_str("BERAAD_AUDIT_KEY")
ACCESS_LOG_KEY_FALLBACKS = env_list("BERAAD_AUDIT_KEY_FALLBACKS", [])

# Background work (beraad/web/tasks.py): django-tasks with its database backend, so the queue is
# a table in the same database, survives restarts, and any machine reaching the database can run
# `manage.py db_worker`. Periodic work: `manage.py run_periodic` (beraad/ops/periodic.py).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        # "owner": tasks that need the database owner's rights (beraad/web/tasks.py).
        "QUEUES": ["default", "owner"],
    }
}
# A task running for longer than this is presumed to have lost its worker and is put back in the
# queue (beraad/ops/queue.py); after this many workers stopped under it, it is marked failed.
TASK_RUNNING_LIMIT_MINUTES = env_int("BERAAD_TASK_RUNNING_LIMIT_MINUTES", 60)
TASK_MAX_ATTEMPTS = env_int("BERAAD_TASK_MAX_ATTEMPTS", 3)
# Finished task results are kept this long (the schedule reads them: more than the longest interval).
TASK_RESULTS_DAYS = env_int("BERAAD_TASK_RESULTS_DAYS", 14)
if TASK_RESULTS_DAYS < 8:
    raise ImproperlyConfigured(
        "BERAAD_TASK_RESULTS_DAYS must be 8 or more: run_periodic reads the results of the last "
        "week to know what is due."
    )
# /healthz answers 503 when a task has waited longer than this to start (no worker running?);
# 0 leaves the queue out of /healthz.
HEALTHZ_QUEUE_MAX_AGE = env_int("BERAAD_HEALTHZ_QUEUE_MAX_AGE", 900)

# Backups (manage.py backup / restore): encrypted with BERAAD_BACKUP_KEY (a Fernet key, made with
# `manage.py backup --new-key`); restore also tries the old keys in BERAAD_BACKUP_KEY_FALLBACKS.
# Unencrypted backups (--unencrypted) only for local use. pg_dump and pg_restore come from
# BERAAD_PG_BIN_DIR when set, otherwise from the PATH.
BACKUP_KEY = env_str("BERAAD_BACKUP_KEY")
BACKUP_KEY_FALLBACKS = env_list("BERAAD_BACKUP_KEY_FALLBACKS", [])
BACKUP_ALLOW_UNENCRYPTED = DEBUG or env_bool("BERAAD_INSECURE_DEV_KEY", default=False)
PG_BIN_DIR = env_str("BERAAD_PG_BIN_DIR")

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

# E-mail (password-reset links). The console default is for local use only: in production
# (DEBUG=false without BERAAD_INSECURE_DEV_KEY=true) a backend that writes mail into the server log
# or a file is refused at start-up, so reset links never end up where the log readers are.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "beraad@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
MAIL_INTO_LOGS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
if not DEBUG and not env_bool("BERAAD_INSECURE_DEV_KEY") and EMAIL_BACKEND in MAIL_INTO_LOGS:
    raise ImproperlyConfigured(
        f"EMAIL_BACKEND is {EMAIL_BACKEND}, which writes every e-mail (password-reset links "
        "included) into the server log or a file. Set EMAIL_BACKEND, e.g. to "
        "django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST, EMAIL_PORT, "
        "EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and EMAIL_USE_TLS (or DEBUG=true for local use)."
    )

# --- Transport and response headers (HEADERS) --------------------------------------------------
# HTTPS is the hosting organisation's (TLS ends at Beraad or at a proxy in front of it); these
# settings make Beraad insist on it once the environment says it is there. README: "Production
# settings" lists what a production deployment sets.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True  # read by the server only
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
# A load balancer asks /healthz over plain HTTP, straight from the server (beraad/ops/urls.py):
# redirected, it would count the server as down. The answer holds no data worth protecting.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# Behind a proxy that ends TLS: the header it sets to "https" (e.g. X-Forwarded-Proto). Only when
# the proxy always sets or overwrites it: otherwise a client could claim HTTPS itself.
_PROXY_SSL_HEADER = env_header("SECURE_PROXY_SSL_HEADER")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https") if _PROXY_SSL_HEADER else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Links to elsewhere carry no address of ours (guest links and invitations have their key in it).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts and styles only from our own static files or with
# the request's nonce (htmx's script tag, the print report's <style>, the <style> inside pygal's
# SVG charts). No 'unsafe-inline', no 'unsafe-eval' (htmx runs with allowEval false, see
# base.html), so an injected <script>, on…= handler, style attribute or javascript: URL does not run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],  # data: for the QR codes of allauth's authenticator set-up
        "font-src": [SELF],
        "connect-src": [SELF],  # htmx's requests
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Sent with every response Beraad renders itself (beraad.middleware.ResponseHeadersMiddleware);
# whitenoise's static files come before it and keep their own caching.
# The presentation screen only shows a QR code, it never scans one; passkeys (WebAuthn) need the
# two publickey-credentials features for this site itself.
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "autoplay": "()",
    "camera": "()",
    "display-capture": "()",
    "encrypted-media": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "hid": "()",
    "idle-detection": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "publickey-credentials-create": "(self)",
    "publickey-credentials-get": "(self)",
    "screen-wake-lock": "()",
    "serial": "()",
    "usb": "()",
    "xr-spatial-tracking": "()",
}
# --- end of transport and response headers -------------------------------------------------------

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

# --- Sign-in: second factor, session lifetime, throttling (docs/security.md) -----------------
INSTALLED_APPS += ["allauth.mfa"]
# Last, so it sees the signed-in person (auth), can leave a message (messages) and answer htmx
# (django-htmx); see beraad/accounts/middleware.py.
MIDDLEWARE += ["beraad.accounts.middleware.SessionPolicyMiddleware"]

# An authenticator app (TOTP) with recovery codes, and passkeys / security keys (WebAuthn).
# Signing in with a passkey alone is allowed: it needs the device and its PIN or fingerprint.
MFA_ADAPTER = "beraad.accounts.adapters.EncryptingMFAAdapter"
# Encrypts TOTP secrets and recovery-code seeds in the database (beraad/accounts/secrets.py); without
# it a key derived from SECRET_KEY is used.
MFA_SECRETS_KEY = env_str("BERAAD_MFA_KEY")
MFA_SECRETS_KEY_FALLBACKS = env_list("BERAAD_MFA_KEY_FALLBACKS", [])
for _key in [MFA_SECRETS_KEY, *MFA_SECRETS_KEY_FALLBACKS]:
    if _key and len(_key.strip()) != 44:  # a Fernet key: 32 bytes in base64
        raise ImproperlyConfigured(
            "BERAAD_MFA_KEY and BERAAD_MFA_KEY_FALLBACKS must be Fernet keys: 44 characters of "
            "URL-safe base64, as `Fernet.generate_key()` makes them."
        )
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = env_str("BERAAD_MFA_ISSUER", "Beraad")
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # passkeys on http://127.0.0.1 during development
MFA_FORMS = {"add_webauthn": "beraad.accounts.forms.AddPasskeyForm"}
# New organisations require a second factor for case access; only local work (DEBUG) is spared.
BERAAD_MFA_REQUIRED_DEFAULT = env_bool("BERAAD_MFA_REQUIRED_DEFAULT", default=not DEBUG)
# Staff reach the admin, where the requirement itself is switched: they need a second factor too.
BERAAD_MFA_REQUIRED_FOR_STAFF = env_bool(
    "BERAAD_MFA_REQUIRED_FOR_STAFF", default=BERAAD_MFA_REQUIRED_DEFAULT
)

# Django's database sessions, read with a statement compiled once (beraad/web/sessions.py).
SESSION_ENGINE = "beraad.web.sessions"
# Sessions end after this long without a request, and this long after signing in, whatever
# happens in between. The session is rewritten at most once a minute to note activity.
BERAAD_SESSION_IDLE_MINUTES = env_int("BERAAD_SESSION_IDLE_MINUTES", 30)
BERAAD_SESSION_MAX_HOURS = env_int("BERAAD_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = BERAAD_SESSION_MAX_HOURS * 3600

# "default" is one cache for every worker and server: the database (its table is made after each
# migrate, beraad/accounts/signals.py). allauth keeps the sign-in throttle and the TOTP codes
# already used there. "local" is each process's own memory, for what can be made again (charts).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "beraad_cache",
        # Culling deletes a third of the rows once full: room enough that nobody can flush the
        # throttle's counters by filling the cache.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
# Failed sign-ins, counted in the shared cache (beraad/accounts/adapters.py). Per address and
# account: 5 a minute, 30 an hour; per address over all accounts: 20 a minute; per account over all
# addresses: 100 an hour. The second factor's code is limited per person by the same
# "login_failed" rates. A limit refuses the next attempt, also the right password, and says how
# long to wait.
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",
    "login_failed": "20/m/ip,5/m/key,30/h/key",
    "login_failed_account": "100/h/key",
}
# Behind a reverse proxy, the number of proxies whose X-Forwarded-For is trusted; 0 reads the
# address of the connection itself.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("BERAAD_TRUSTED_PROXY_COUNT", 0)

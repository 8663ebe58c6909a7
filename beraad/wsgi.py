"""The WSGI application. Outside DEBUG it loads the personal-data detector before it returns, so a
server answers only with the full check in place: under gunicorn with ``gunicorn.conf.py`` this runs
once in the master before forking (``preload_app``), and every worker shares that copy."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beraad.settings")
application = get_wsgi_application()

if not settings.DEBUG:
    # Seconds once deduce's cache is built (`manage.py warm_privacy`); a build of minutes otherwise.
    from beraad.privacy.detector import load_deduce

    load_deduce()

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beraad.settings")
application = get_wsgi_application()

# Load the personal-data detector once per server process, off the request path.
from beraad.privacy.detector import warm_up_in_background  # noqa: E402

warm_up_in_background()

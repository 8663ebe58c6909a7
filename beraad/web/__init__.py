"""Web helpers every app may use (forms, htmx requests): below the apps, above ``lib``."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagkraft.settings")
application = get_wsgi_application()
# What loading the app built (modules, settings, the app registry) lives as long as the
# worker: frozen, the garbage collector's full passes no longer walk it
# (fagkraft/core/collector.py).
gc.freeze()

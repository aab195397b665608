import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scholargate.settings")

application = get_wsgi_application()

# What loading the site created lives as long as the worker: kept out of the
# garbage collector's reach, full collections stay short pauses instead of
# walking every module, URL pattern and template of the site.
gc.freeze()

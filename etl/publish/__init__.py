"""Publication: Datasette metadata (`metadata`) and the Datasette plugin (`plugin`, `errors`).

The package itself is the plugin's entry point, so that Datasette finds its
``templates/`` and ``static/`` folders.
"""

from .errors import asgi_wrapper, handle_exception, startup  # noqa: F401
from .plugin import (  # noqa: F401
    extra_css_urls, extra_template_vars, prepare_connection, register_output_renderer, register_routes,
)

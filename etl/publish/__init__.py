"""Publication: Datasette metadata (`metadata`) and the Datasette plugin (`plugin`).

The package itself is the plugin's entry point, so that Datasette finds its
``templates/`` and ``static/`` folders.
"""

from .plugin import about, extra_css_urls, extra_template_vars, prepare_connection, register_routes  # noqa: F401

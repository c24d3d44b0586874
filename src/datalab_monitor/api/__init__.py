"""The public API (``/api/v1``): the register and the findings as JSON, following the NL API
Design Rules (see docs/api.md). Read without authentication; researchers write with a token.
"""

# Semantic version of the API; the major version is in the URI (/api/v1).
API_VERSION = "1.0.0"
API_MAJOR = API_VERSION.split(".")[0]
API_PREFIX = f"/api/v{API_MAJOR}"

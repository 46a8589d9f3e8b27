# Superset's configuration for the local stack. `./chuanbo dashboards up` copies this file to
# .chuanbo/superset/ and points SUPERSET_CONFIG_PATH at it; everything Superset keeps (its SQLite
# metadata, the generated secret key, logs) stays in that directory, never in the repository.
import os
from pathlib import Path

_home = Path(os.environ["CHUANBO_SUPERSET_HOME"])

# Generated once per checkout by the launcher (mode 0600); sessions and stored secrets depend on it.
SECRET_KEY = (_home / "secret_key").read_text(encoding="utf-8").strip()
SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(_home / "superset.db")

# The product reads ClickHouse only; nobody uploads files or runs DML from SQL Lab.
PREVENT_UNSAFE_DB_CONNECTIONS = True
SQLLAB_CTAS_NO_LIMIT = False

# Chinese first for the people who read the dashboards.
BABEL_DEFAULT_LOCALE = "zh"
LANGUAGES = {"zh": {"flag": "cn", "name": "简体中文"}, "en": {"flag": "us", "name": "English"}}

# The launcher creates the roles and logins of the leaders and editors through the REST API.
FAB_ADD_SECURITY_API = True

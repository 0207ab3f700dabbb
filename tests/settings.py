"""Settings for the test suite: fagkraft.settings in development mode.

Only environment defaults are set here, so every setting is still declared (and read) in
fagkraft.settings. Login throttling is off because the suite's `client.login()` calls pass
no request; tests/test_login_throttle.py switches it on for its own tests.
"""

import os

os.environ.setdefault("FAGKRAFT_DEV_MODE", "true")
os.environ.setdefault("FAGKRAFT_LOGIN_THROTTLE", "false")

from fagkraft.settings import *  # noqa: E402, F403

"""A real headless Chromium for tests of produced pages (Debian chromium + chromedriver).

Use the ``browser`` fixture (registered in conftest.py). Requests leaving the machine
are blocked and recorded in ``driver.external_requests`` by the caller through
:func:`external_requests`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,900",
)  # fmt: skip


def require_system(available: bool, reason: str) -> None:
    """Skip a test whose system package is missing, with what to install; fail instead
    where .ci/run has installed the packages (KGTOOLS_REQUIRE_SYSTEM=1), so that a skip can
    never hide there."""
    if available:
        return
    if os.environ.get("KGTOOLS_REQUIRE_SYSTEM") == "1":
        pytest.fail(f"{reason} (required: KGTOOLS_REQUIRE_SYSTEM=1)")
    pytest.skip(reason)


# chrome-untrusted: the browser's own new-tab page, not a request of the page under test
LOCAL_SCHEMES = ("file", "data", "blob", "about", "chrome", "chrome-untrusted", "devtools")


def make_driver():  # type: ignore[no-untyped-def]
    """Start headless Chromium under chromedriver, with performance logging on."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='kg-chromium-')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def external_requests(driver) -> list[str]:  # type: ignore[no-untyped-def]
    """URLs the page requested that are not file:, data:, blob: or on 127.0.0.1/localhost."""
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            parsed = urlparse(url)
            if parsed.scheme in LOCAL_SCHEMES:
                continue
            if parsed.hostname in ("127.0.0.1", "localhost"):
                continue
            urls.append(url)
    return urls


@pytest.fixture
def browser() -> Iterator[object]:
    """A headless Chromium WebDriver. On a machine without Chromium the test skips with what
    to install; where .ci/run installed it (KGTOOLS_REQUIRE_SYSTEM=1) it is required."""
    require_system(
        bool(CHROMIUM and CHROMEDRIVER),
        "needs Chromium and chromedriver: apt-get install chromium chromium-driver",
    )
    driver = make_driver()
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver, script: str, timeout: float = 10.0):  # type: ignore[no-untyped-def]
    """The first truthy value the script returns in the page, polled until ``timeout``."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {script}")

"""``legcompare serve`` in a real browser: headless Chromium driven by Selenium through Debian's
``chromedriver``, against the server started here on 127.0.0.1 on a port the system picks.

A person's path: open the compare page, upload S. 4457 and S. 4457-A from the corpus, send the
form, follow the progress page to the result, read the summary naming the provisions that got
weaker, download the Word file and check its tracked changes. Screenshots of the pages are
checked not to be blank (and kept in ``$LEGCOMPARE_SCREENSHOTS`` when it is set). The browser's
console must stay free of errors, Content-Security-Policy violations included.

Skipped (with the reason) only when Chromium or chromedriver is missing; ``.ci/run`` installs
both, and in CI nothing may skip.
"""

from __future__ import annotations

import io
import os
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from legcompare.compare import compare
from legcompare.ingest import load_path
from legcompare.model import Comparison, Verdict
from legcompare.render.diff_terminal import citations
from legcompare.render.docx_out import diff_docx
from legcompare.render.pdf import HEADLESS_FLAGS, find_browser
from legcompare.resolve import Resolver
from legcompare.summary import headline, summarize
from legcompare.web import Running, start
from tests.test_browser import png_pixels

BROWSER = find_browser()
CHROMEDRIVER = shutil.which("chromedriver")
S4457 = ("us-ny-s4457-2023-original.txt", "us-ny-s4457a-2024-amended.txt")
# Two long federal bills: comparing them takes a worker seconds, so their job is still running
# when its progress page is shown, however fast the machine (H.R. 2157's versions, 0.5 s as
# HTML, could finish before a poll every half second saw the page).
LONG_JOB = ("us-federal-hr1-116-reported-house.txt", "us-federal-hr264-116-engrossed-house.txt")

pytestmark = pytest.mark.skipif(
    BROWSER is None or CHROMEDRIVER is None,
    reason="headless Chromium and chromedriver are needed (Debian: chromium, chromium-driver); "
           "CI installs both")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    running = start(Resolver(store=tmp_path_factory.mktemp("store")), port=0, workers=2)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    work = tmp_path_factory.mktemp("chromium")
    options = Options()
    assert BROWSER is not None and CHROMEDRIVER is not None
    options.binary_location = BROWSER
    for flag in (*HEADLESS_FLAGS, "--disable-dev-shm-usage", "--window-size=1280,1000",
                 "--hide-scrollbars", f"--user-data-dir={work / 'profile'}"):
        options.add_argument(flag.replace("--headless", "--headless=new")
                             if flag == "--headless" else flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(work / "downloads"),
        "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.downloads = work / "downloads"
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: Any, css: str, timeout: float = 120, poll: float = 0.5) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=poll).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def screenshot(driver: Any, tmp_path: Path, name: str) -> Path:
    """Take a screenshot, check it is not blank, keep a copy where the user asked."""
    shot = tmp_path / f"{name}.png"
    assert driver.save_screenshot(str(shot))
    width, height, rows = png_pixels(shot.read_bytes())
    assert width == 1280 and height > 700  # the window less the browser's own bars
    bpp = len(rows[0]) // width
    pixels = [row[x:x + 3] for row in rows[::4] for x in range(0, len(row), bpp * 2)]
    assert len(set(pixels)) > 50  # text, rules, buttons: many distinct colours
    inked = sum(1 for px in pixels if px != b"\xff\xff\xff") / len(pixels)
    assert 0.02 < inked < 0.9
    keep = os.environ.get("LEGCOMPARE_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
    return shot


def console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def downloaded(folder: Path, suffix: str, timeout: float = 120) -> Path:
    for _ in range(int(timeout * 10)):
        found = list(folder.glob(f"*{suffix}")) if folder.is_dir() else []
        if found and not list(folder.glob("*.crdownload")):
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} file was downloaded")


def revisions(docx: bytes) -> tuple[int, int, str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        body = z.read("word/document.xml").decode("utf-8")
        comments = z.read("word/comments.xml").decode("utf-8")
    return body.count("<w:ins "), body.count("<w:del "), comments


def test_compare_s4457_in_the_browser(server: Running, browser: Any, corpus: Path,
                                      tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    c: Comparison = compare(load_path(corpus / S4457[0]), load_path(corpus / S4457[1]))
    browser.get(server.url)
    assert browser.title == "Compare two texts · legcompare"
    browser.find_element(By.ID, "old_file").send_keys(str(corpus / S4457[0]))
    browser.find_element(By.ID, "new_file").send_keys(str(corpus / S4457[1]))
    screenshot(browser, tmp_path, "compare-page")
    browser.find_element(By.CSS_SELECTOR, "button.primary").click()

    wait_for(browser, "iframe#report")
    assert browser.find_element(By.CSS_SELECTOR, ".headline").text == headline(summarize(c))
    assert [a.text for a in browser.find_elements(By.CSS_SELECTOR, "nav.downloads a")] == [
        "HTML report", "Word (tracked changes)", "PDF", "CSV", "JSON", "Markdown"]
    screenshot(browser, tmp_path, "result-page")

    browser.switch_to.frame(browser.find_element(By.ID, "report"))
    weaker = browser.find_elements(
        By.XPATH, "//section[@class='judged']/h3[contains(., 'weaker')]"
                  "/following-sibling::ul[1]/li")
    expected = [citations(p) for p in c.pairs
                if p.verdict is Verdict.WEAKER and not p.descriptive]
    assert [li.find_element(By.TAG_NAME, "a").text for li in weaker] == expected
    assert weaker[0].text == ("S. 4457 § 1 (adding N.Y. Gen. Bus. Law § 676-b(1)) → S. 4457-A "
                              "§ 1 (adding N.Y. Gen. Bus. Law § 676-b(1)) (modified): The duty "
                              "was softened (“REASONABLE”): it now bends to what seems "
                              "reasonable or feasible.")
    browser.switch_to.default_content()

    browser.find_element(By.ID, "download-docx").click()
    word = downloaded(browser.downloads, ".docx")
    assert word.name == "s4457-2023-original-vs-s4457-2023-a.docx"
    data = word.read_bytes()
    assert data == diff_docx(c)  # what `legcompare diff --format docx` writes
    inserted, deleted, comments = revisions(data)
    assert inserted > 10 and deleted > 10
    assert "Verdict: weaker (removed)" in comments
    assert console_errors(browser) == []


def test_the_progress_page_follows_a_long_job_to_its_result(server: Running, browser: Any,
                                                           corpus: Path,
                                                           tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server.url)
    browser.find_element(By.ID, "old_file").send_keys(str(corpus / LONG_JOB[0]))
    browser.find_element(By.ID, "new_file").send_keys(str(corpus / LONG_JOB[1]))
    browser.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait_for(browser, "#progress", poll=0.05)
    assert browser.title == "Working · legcompare"
    assert browser.find_element(By.ID, "stage").text in (
        "Waiting for a free worker", "Reading the documents", "Comparing the documents",
        "Writing the report")
    screenshot(browser, tmp_path, "progress-page")
    wait_for(browser, "iframe#report")  # the page's script saw the job finish
    c = compare(load_path(corpus / LONG_JOB[0]), load_path(corpus / LONG_JOB[1]))
    assert browser.find_element(By.CSS_SELECTOR, ".headline").text == headline(summarize(c))
    assert console_errors(browser) == []

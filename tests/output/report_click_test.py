#!/usr/bin/env python3
"""report.html clicked through in a real browser (issue 15): headless Debian
Chromium driven by Selenium (chromedriver), with real mouse moves, clicks and
keys. Opens a client's story from "Clients to look at", moves the day cursor
over the pack chart and with the arrow keys, checks that the console has no
error, that the key figures and the whole pack chart are above the fold at
1280x800 (and saves the screenshot), and that print hides the cursor.

Usage: report_click_test.py CALSIM SCENARIO WORK_DIR. Exit 77 (ctest skip)
when selenium, chromium or chromedriver is missing.
"""
import datetime
import os
import re
import shutil
import subprocess
import sys

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:
    print("SKIP: python3-selenium is not installed")
    sys.exit(77)

CHROMIUM = os.environ.get("CALSIM_CHROMIUM", "/usr/bin/chromium")
DRIVER = os.environ.get("CALSIM_CHROMEDRIVER", "/usr/bin/chromedriver")


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def browser(work):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,800",
              "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
              "--user-data-dir=" + os.path.join(work, "profile")):
        options.add_argument(a)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    # The viewport itself is 1280x800 (the window's frame would take some of it).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    return driver


def check_story(driver):
    buttons = driver.find_elements(By.CSS_SELECTOR, "button.story-open")
    if not buttons:
        fail("no client to look at has a story button")
    button = buttons[0]
    client = button.text
    story = driver.find_element(By.ID, button.get_attribute("data-story"))
    if story.get_attribute("open") is not None:
        fail("a story is open before any click")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    ActionChains(driver).move_to_element(button).click().perform()
    if story.get_attribute("open") is None or button.get_attribute("aria-expanded") != "true":
        fail("clicking " + client + " did not open its story")
    text = story.find_element(By.TAG_NAME, "pre").text
    if client + " connects to" not in text or "the client now holds" not in text:
        fail("the story of " + client + " does not tell its connections: " + text[:200])
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top", story)
    if not 0 <= top < 800:
        fail("the opened story is not scrolled into view (top %s)" % top)
    ActionChains(driver).move_to_element(button).click().perform()
    if story.get_attribute("open") is not None:
        fail("a second click did not close the story")
    print("story of %s: opened, %d lines, closed" % (client, text.count("\n") + 1))


def check_cursor(driver, work):
    driver.execute_script("window.scrollTo(0, 0)")
    chart = driver.find_element(By.CSS_SELECTOR, "svg.chart")
    days = int(chart.get_attribute("data-days"))
    x0, slot = float(chart.get_attribute("data-x0")), float(chart.get_attribute("data-slot"))
    view_w = float(driver.execute_script("return arguments[0].viewBox.baseVal.width", chart))
    rect = chart.rect
    scale = rect["width"] / view_w
    want = days // 3
    x_px = (x0 + slot * (want + 0.5)) * scale  # from the chart's left edge
    ActionChains(driver).move_to_element_with_offset(chart, int(x_px - rect["width"] / 2), 0).perform()
    panel = driver.find_element(By.ID, "day-panel")
    if not panel.is_displayed():
        fail("the day panel did not appear under the mouse")
    first = driver.execute_script("return JSON.parse(document.getElementById('day-data').textContent).days[0]")
    shown = panel.find_element(By.TAG_NAME, "strong").text
    got = (datetime.date.fromisoformat(shown) - datetime.date.fromisoformat(first)).days
    if abs(got - want) > 1:
        fail("the cursor shows day %d (%s), the mouse is over day %d" % (got, shown, want))
    if "issued of" not in panel.text:
        fail("the day panel does not show the pool: " + panel.text)
    cursor = chart.find_element(By.CSS_SELECTOR, "line.day-cursor")
    shown_x = float(cursor.get_attribute("x1"))  # a zero-width line: Selenium's is_displayed() says no
    if cursor.value_of_css_property("display") == "none" or abs(shown_x - (x0 + slot * (got + 0.5))) > 0.01:
        fail("no cursor line on the chart at day %d (x1 %s)" % (got, shown_x))
    driver.save_screenshot(os.path.join(work, "report-cursor.png"))
    chart.send_keys(Keys.ARROW_RIGHT)
    after = panel.find_element(By.TAG_NAME, "strong").text
    if (datetime.date.fromisoformat(after) - datetime.date.fromisoformat(shown)).days != 1:
        fail("ArrowRight moved the cursor from %s to %s" % (shown, after))
    print("day cursor: mouse on day %d shows %s; ArrowRight shows %s" % (want, shown, after))


def check_fold(driver, work):
    driver.execute_script("window.scrollTo(0, 0)")
    shot = os.path.join(work, "report-1280x800.png")
    driver.save_screenshot(shot)
    if os.path.getsize(shot) < 10000:
        fail("the screenshot is nearly empty")
    height = driver.execute_script("return window.innerHeight")
    for selector in (".figures", "#pack-1"):
        bottom = driver.execute_script(
            "return document.querySelector(arguments[0]).getBoundingClientRect().bottom", selector)
        if bottom > height:
            fail("%s ends at %.0f px, below the fold (%d px)" % (selector, bottom, height))
    print("above the fold at %dpx: key figures and the pack chart; screenshot %s" % (height, shot))


def check_print(driver):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    shown = driver.execute_script("return getComputedStyle(document.getElementById('day-panel')).display")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    if shown != "none":
        fail("print shows the day panel")
    print("print: the day panel is hidden")


def main():
    if len(sys.argv) != 4:
        fail(__doc__)
    calsim, scenario, work = sys.argv[1:]
    for tool in (CHROMIUM, DRIVER):
        if not os.access(tool, os.X_OK):
            print("SKIP: %s is not installed" % tool)
            sys.exit(77)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out = os.path.join(work, "out")
    subprocess.run([calsim, "run", scenario, "-o", out, "--quiet"], check=True)
    driver = browser(work)
    try:
        driver.get("file://" + os.path.join(out, "report.html"))
        check_fold(driver, work)
        check_story(driver)
        check_cursor(driver, work)
        check_print(driver)
        errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
        if errors:
            fail("console errors: %s" % errors)
        print("no console error")
    finally:
        driver.quit()
    print("PASS")


if __name__ == "__main__":
    main()

"""Build the HTML report for seeds/ and save screenshots of it from headless Chromium.

    python bench/screenshot_report.py [--out DIR] [--full-page] [PATH ...]

Writes DIR/report.html and three PNGs (default DIR: /tmp/contentlint-report):

    summary.png   the top of the page: counts, charts, rules
    article.png   the first article with a finding clicked (the finding panel open)
    filtered.png  the same view with the first rule filtered out

With --full-page also full.png (the whole page; tall). Needs Chromium
(/usr/bin/chromium, Debian package ``chromium``; or set CHROMIUM) and Playwright
for Python (``pip install playwright``; no ``playwright install`` needed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        sys.exit("Chromium not found: install it (apt-get install chromium) or set CHROMIUM=/path/to/chromium")
    return path


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("paths", nargs="*", help="files or folders to lint (default: the repository's seeds/)")
    p.add_argument("--out", default="/tmp/contentlint-report", help="output folder (default: %(default)s)")
    p.add_argument("--full-page", action="store_true", help="also save the whole page as full.png")
    p.add_argument("--width", type=int, default=1440)
    p.add_argument("--height", type=int, default=1000)
    args = p.parse_args()

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    html = out / "report.html"
    paths = args.paths or [os.path.relpath(ROOT / "seeds")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "--format", "html", "--output", str(html), *paths],
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode not in (0, 1) or not html.exists():
        sys.exit(f"contentlint exited {proc.returncode}:\n{proc.stderr}")

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("Playwright for Python is not installed: pip install playwright")

    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height}, device_scale_factor=1)
        page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
        shots = []

        page.screenshot(path=str(out / "summary.png"))
        shots.append(out / "summary.png")

        first = page.locator(".doc").first
        first.scroll_into_view_if_needed()
        page.evaluate("document.querySelector('.doc').scrollIntoView({block:'start'})")
        page.evaluate("window.scrollBy(0, -70)")
        mark = page.locator(".doc mark[id^='f-']").nth(2)
        mark.click()
        page.wait_for_timeout(400)
        page.screenshot(path=str(out / "article.png"))
        shots.append(out / "article.png")

        page.keyboard.press("Escape")
        page.locator("input[data-filter=rule]").first.evaluate("i => { i.click(); }")
        page.wait_for_timeout(200)
        page.screenshot(path=str(out / "filtered.png"))
        shots.append(out / "filtered.png")
        page.locator("#reset").click()

        if args.full_page:
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(out / "full.png"), full_page=True)
            shots.append(out / "full.png")
        browser.close()

    print(f"report: {html}")
    for s in shots:
        print(f"screenshot: {s}")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

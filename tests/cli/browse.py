#!/usr/bin/env python3
"""browse.py - drive headless Chromium through the search page as a person would.

    tests/cli/browse.py URL SCREENSHOT.png

Starts Chromium headless with the DevTools protocol on a pipe (no port, no websocket: the
standard library is enough), then: loads URL, types a query into the search box and presses
Enter, narrows the results by clicking a facet, follows the first result to its paragraph in
context, and saves a screenshot. After each step it prints one line, "STEP: what it found",
read from the page's DOM, for the calling test to check; on a failure it prints "FAIL: why"
and exits 1. Every wait is bounded.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

STEP_SECONDS = 15  # the longest any one step may take


class Browser:
    """Chromium with --remote-debugging-pipe: it reads commands, NUL-terminated JSON, on
    descriptor 3 and writes replies and events on descriptor 4."""

    def __init__(self):
        exe = shutil.which("chromium") or shutil.which("chromium-browser") or \
            shutil.which("google-chrome")
        if not exe:
            fail("chromium is not installed (make deps installs it)")
        self.profile = tempfile.mkdtemp(prefix="minutes-browse-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Chromium reads descriptor 3 and writes 4: put the pipe ends there in the child.
        # (Python's own descriptors are close-on-exec; these two, made by dup2, are not, and
        # close_fds would close them after this runs.)
        def wire():
            import fcntl
            high_r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)  # out of the way of 3 and 4
            high_w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)
        self.proc = subprocess.Popen(
            [exe, "--headless=new", "--remote-debugging-pipe", "--no-sandbox",
             "--disable-gpu", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking",
             f"--user-data-dir={self.profile}", "--window-size=412,915", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def close(self):
        try:
            self.send("Browser.close", session=False, wait=False)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                fail("Chromium did not answer in time")
            import select
            ready, _, _ = select.select([self.from_chrome], [], [], left)
            if ready:
                chunk = os.read(self.from_chrome, 65536)
                if not chunk:
                    fail("Chromium closed the pipe")
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=True, wait=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        if not wait:
            return None
        deadline = time.monotonic() + STEP_SECONDS
        while True:
            reply = self.read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    fail(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, name):
        deadline = time.monotonic() + STEP_SECONDS
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == name:
                    del self.events[: i + 1]
                    return e
            self.events.append(self.read_message(deadline))

    def open_page(self):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.send("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True}, session=False)
        self.session = attached["sessionId"]
        self.send("Page.enable")

    def navigate(self, url):
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True})
        if "exceptionDetails" in result:
            fail(f"evaluating {expression!r}: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def click(self, selector):
        """A real click at the middle of the element, and the page it leads to."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
        if not box:
            fail(f"nothing to click: {selector}")
        self.events.clear()
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1],
                                                   "button": "left", "clickCount": 1})
        self.wait_event("Page.loadEventFired")

    def type_and_enter(self, selector, text):
        if not self.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                             " if (!e) return false; e.focus(); return true; })()"):
            fail(f"no field to type in: {selector}")
        self.send("Input.insertText", {"text": text})
        self.events.clear()
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                                                 "windowsVirtualKeyCode": 13, "text": "\r"})
        self.wait_event("Page.loadEventFired")


def fail(why):
    print(f"FAIL: {why}", flush=True)
    sys.exit(1)


def count(browser, selector):
    return browser.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length")


def text(browser, selector):
    return browser.evaluate(f"(document.querySelector({json.dumps(selector)}) || {{}}).textContent")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    url, screenshot = sys.argv[1:]
    browser = Browser()
    try:
        browser.open_page()
        browser.navigate(url)
        print(f"LOADED: form={count(browser, 'form#search')} "
              f"box={count(browser, 'input[name=q]')} scripts={count(browser, 'script')}",
              flush=True)

        browser.type_and_enter("input[name=q]", "fostering")
        print(f"SEARCHED: url={browser.evaluate('location.search')} "
              f"hits={count(browser, 'li.hit')} "
              f"total={(text(browser, 'p.total') or '').strip()!r}", flush=True)

        facets = browser.evaluate(
            "Array.from(document.querySelectorAll('section.facets a.facet'))"
            ".map(a => a.getAttribute('href'))")
        print(f"FACETS: {len(facets or [])}", flush=True)
        if facets:
            before = count(browser, "li.hit")
            browser.click("section.facets a.facet")
            print(f"FILTERED: url={browser.evaluate('location.search')} "
                  f"hits={count(browser, 'li.hit')} before={before}", flush=True)

        browser.click("li.hit a.context")
        print(f"CONTEXT: path={browser.evaluate('location.pathname')} "
              f"target={count(browser, '.target')} "
              f"marked={count(browser, '.target mark') + count(browser, 'mark')}", flush=True)

        shot = browser.send("Page.captureScreenshot", {"format": "png"})
        import base64
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        print(f"SCREENSHOT: {os.path.getsize(screenshot)} bytes", flush=True)
    finally:
        browser.close()


if __name__ == "__main__":
    main()

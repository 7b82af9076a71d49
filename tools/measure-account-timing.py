#!/usr/bin/env python3
"""Sign-in and forgot-password timing, known vs unknown email (a measurement, not a test).

Runs against an app started in Development (demo accounts, password tace-demo-password) with the
rate limits raised, e.g.:

    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    ASPNETCORE_URLS=http://127.0.0.1:$PORT Storage__DataFolder=$(mktemp -d) \
      RateLimits__SignInPerMinute=10000 RateLimits__AccountRequestsPerMinute=10000 \
      dotnet run --project src/Scheduling.Web --no-launch-profile &
    python3 tools/measure-account-timing.py http://127.0.0.1:$PORT

Each try is a fresh client: GET the form (antiforgery cookie and token), then the timed POST.
Known-email sign-ins use a wrong password, four per demo account so none is locked out.
Prints the median of 20 tries per case and the known-unknown difference.
"""
import http.cookiejar
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request
import uuid

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:5099"
TRIES = 20
PAUSE = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
DEMO = ["admin@clinic.test", "scheduler@clinic.test", "radiologist@clinic.test", "doctor@clinic.test", "doctor2@clinic.test"]
TOKEN = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def timed_post(path, fields):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    page = opener.open(BASE + path).read().decode()
    fields = dict(fields, __RequestVerificationToken=TOKEN.search(page).group(1))
    body = urllib.parse.urlencode(fields).encode()
    start = time.perf_counter()
    try:
        opener.open(urllib.request.Request(BASE + path, data=body, method="POST")).read()
    except urllib.error.HTTPError as e:  # redirects and 4xx land here; the time still counts
        e.read()
    return (time.perf_counter() - start) * 1000


def median(samples):
    return statistics.median(samples)


def main():
    # Warm-up: first requests JIT-compile the pages and open the database.
    for _ in range(3):
        timed_post("/account/login", {"Email": f"warm-{uuid.uuid4().hex}@example.org", "Password": "warm up password"})
        timed_post("/account/forgot-password", {"Email": f"warm-{uuid.uuid4().hex}@example.org"})

    known_signin, unknown_signin, known_forgot, unknown_forgot = [], [], [], []
    for i in range(TRIES):
        # Interleaved, so drift (GC, other load) affects both cases alike. The pause lets the
        # background job that sends a known account's reset email finish, so it does not land on
        # the next (unknown) request's time; the job runs after the response in either case.
        known_signin.append(timed_post("/account/login", {"Email": DEMO[i % len(DEMO)], "Password": f"wrong password {i}"}))
        unknown_signin.append(timed_post("/account/login", {"Email": f"nobody-{uuid.uuid4().hex}@example.org", "Password": f"wrong password {i}"}))
        known_forgot.append(timed_post("/account/forgot-password", {"Email": DEMO[i % len(DEMO)]}))
        time.sleep(PAUSE)
        unknown_forgot.append(timed_post("/account/forgot-password", {"Email": f"nobody-{uuid.uuid4().hex}@example.org"}))
        time.sleep(PAUSE)

    for name, known, unknown in (("sign-in", known_signin, unknown_signin), ("forgot-password", known_forgot, unknown_forgot)):
        k, u = median(known), median(unknown)
        print(f"{name:16} known {k:7.1f} ms   unknown {u:7.1f} ms   difference {k - u:+6.1f} ms   (median of {TRIES})")


if __name__ == "__main__":
    main()

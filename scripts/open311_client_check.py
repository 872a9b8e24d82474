#!/usr/bin/env python3
"""Acceptance check: an existing, unchanged Open311 client library lists the
services of VillageWatch's GeoReport v2 endpoint, posts a request and reads it
back.

    scripts/open311_client_check.py --base http://127.0.0.1:8080/open311/v2/ \\
        --api-key KEY --village 440882100001 \\
        [--first-name 张] [--last-name 三] [--phone 13800000000] \\
        [--jurisdiction ID] [--georeport] [--timeout 20]

Steps, each printed as `PASS name: detail` or `FAIL name: detail`:

  services    list the services; print how many there are and the first
              service_code
  post        POST a request for the first service with the description
              "村道路灯坏了三个月，请尽快修复" and address_id = --village
              (first_name / last_name / phone when given); when the first
              service has metadata=true, its definition is fetched and each
              required attribute is filled with a plausible value
  token       only when the POST answered a token instead of an id: poll
              tokens/{token} until it yields a service_request_id
  read-back   GET requests/{service_request_id}; the description must come
              back unchanged and status must be open or closed
  georeport-* (with --georeport) the same list and read-back through a second
              library, in JSON and in XML

The first failure ends the run with exit status 1; bad arguments or a missing
library exit with status 2.

Client library
--------------
The posting client is civicbot 0.4.0 (its `civicbot.Open311Client`), used as
published. It is the only Open311 client on PyPI found to both run on Python
3.11 and create requests:
  * georeport 0.3.1 runs on 3.11 (needs requests, xmltodict) but has no way to
    create a request (its README says so); --georeport uses it to cross-check
    the list and read-back, including the .xml endpoints.
  * three 0.8.0 and open311 1.1 are Python 2 only and fail on import under 3.
civicbot needs nothing outside the standard library for this (its optional
extras are not used). Install, the script installs nothing itself:

    pip install civicbot==0.4.0                    # required
    pip install georeport==0.3.1                   # only for --georeport
                                                   # (pulls requests, xmltodict)

Response shapes the server must produce
---------------------------------------
Base is --base with trailing slashes stripped; each path gets a .json or .xml
suffix. Neither library sends api_key on a GET, and neither sends
jurisdiction_id unless --jurisdiction is given, so GETs must work anonymously
and without jurisdiction_id. Bodies must be UTF-8 with no BOM; send
`Content-Type: application/json; charset=utf-8` (georeport decodes text/*
without a charset as ISO-8859-1, which garbles Chinese) and
`application/xml; charset=utf-8` with `<?xml version="1.0" encoding="utf-8"?>`.
No redirects.

GET {base}/services.json   (civicbot: must be a JSON array, else it raises;
                            georeport returns the array as is)
    [{"service_code": "streetlight", "service_name": "路灯",
      "description": "路灯不亮、损坏", "metadata": false, "type": "realtime",
      "keywords": "路灯,照明", "group": "基础设施"}]

GET {base}/services.xml    (georeport reads ['services']['service'])
    <?xml version="1.0" encoding="utf-8"?>
    <services><service><service_code>streetlight</service_code>
      <service_name>路灯</service_name><description>路灯不亮、损坏</description>
      <metadata>false</metadata><type>realtime</type><keywords>路灯,照明</keywords>
      <group>基础设施</group></service></services>

GET {base}/services/{code}.json   (only when the first service has
                                   metadata=true; an object)
    {"service_code": "streetlight",
     "attributes": [{"variable": true, "code": "pole", "datatype": "string",
                     "required": true, "datatype_description": "灯杆编号",
                     "order": 1, "description": "灯杆编号",
                     "values": []}]}
    (XML root <service_definition> with <attributes><attribute>…, if ever read)

POST {base}/requests.json
    Content-Type: application/x-www-form-urlencoded (UTF-8 percent-encoded),
    Accept: application/json. Fields sent: service_code, address_id,
    description, api_key (in the body, not the query), and when given
    first_name, last_name, phone, jurisdiction_id, attribute[CODE]
    (attribute[CODE][] repeated for multi-value lists). civicbot can also send
    lat, long, address_string, email, media_url, device_id, account_id; the
    script does not. Answer 200 or 201 with a JSON array of one object:
    [{"service_request_id": "1024", "service_notice": "", "account_id": null}]
    or, when the id is not known yet:
    [{"token": "9f0c2e", "service_notice": "", "account_id": null}]

GET {base}/tokens/{token}.json   (only after a token answer)
    [{"service_request_id": "1024", "token": "9f0c2e"}]
    (service_request_id absent or null while not yet assigned)

GET {base}/requests/{id}.json   (an array: georeport takes [0]; civicbot takes
                                 [0] of an array or the object itself)
    [{"service_request_id": "1024", "status": "open", "status_notes": null,
      "service_name": "路灯", "service_code": "streetlight",
      "description": "村道路灯坏了三个月，请尽快修复",
      "agency_responsible": "白沙村委会", "service_notice": null,
      "requested_datetime": "2026-03-01T09:30:00+08:00",
      "updated_datetime": "2026-03-01T09:30:00+08:00",
      "expected_datetime": null, "address": "白沙村", "address_id": "440882100001",
      "zipcode": null, "lat": 20.91, "long": 110.09, "media_url": null}]

GET {base}/requests/{id}.xml   (georeport reads ['service_requests']['request'])
    <?xml version="1.0" encoding="utf-8"?>
    <service_requests><request><service_request_id>1024</service_request_id>
      <status>open</status><service_code>streetlight</service_code>
      <description>村道路灯坏了三个月，请尽快修复</description>
      <address_id>440882100001</address_id>…</request></service_requests>

Errors: a 4xx/5xx status. Neither library parses the body (civicbot raises with
its first 200 characters; georeport raises on the status alone), but this
script shows the GeoReport error list when there is one:
    [{"code": 403, "description": "api_key 无效"}]
    <errors><error><code>403</code><description>api_key 无效</description></error></errors>
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import time
import urllib.error
from contextlib import contextmanager

DESCRIPTION = "村道路灯坏了三个月，请尽快修复"
STATUSES = ("open", "closed")


class StepFailed(Exception):
    """A step of the check did not hold; the message says why."""


def passed(step: str, detail: str) -> None:
    print(f"PASS {step}: {detail}", flush=True)


def warn(step: str, detail: str) -> None:
    print(f"WARN {step}: {detail}", flush=True)


def describe_error_body(body: str) -> str:
    """Render a GeoReport error body ([{code, description}] or <errors>) briefly."""
    body = (body or "").strip()
    if not body:
        return "(empty body)"
    try:
        data = json.loads(body)
        if isinstance(data, list) and data and isinstance(data[0], dict):
            return "; ".join(f"{e.get('code')}: {e.get('description')}" for e in data)
    except ValueError:
        pass
    found = re.findall(r"<code>(.*?)</code>\s*<description>(.*?)</description>", body, re.S)
    if found:
        return "; ".join(f"{c}: {d}" for c, d in found)
    return body[:300]


def describe_exception(exc: BaseException) -> str:
    """A one-line explanation of what went wrong talking to the server."""
    # civicbot.HttpError: the server answered with a 4xx/5xx status.
    if hasattr(exc, "status") and hasattr(exc, "body") and hasattr(exc, "url"):
        return f"HTTP {exc.status} from {exc.url}: {describe_error_body(exc.body)}"
    # requests.HTTPError (georeport): the response is attached.
    response = getattr(exc, "response", None)
    if response is not None and getattr(response, "status_code", None) is not None:
        return (f"HTTP {response.status_code} from {response.url}: "
                f"{describe_error_body(response.content.decode('utf-8', 'replace'))}")
    if isinstance(exc, urllib.error.URLError):
        return f"cannot reach the server: {exc.reason}"
    if isinstance(exc, json.JSONDecodeError):
        return f"the answer is not JSON ({exc.msg} at position {exc.pos}): {exc.doc[:120]!r}"
    name = type(exc).__name__
    if name in ("ConnectionError", "ConnectTimeout", "ReadTimeout"):
        return f"cannot reach the server: {exc}"
    return f"{name}: {exc}"


@contextmanager
def step(name: str):
    """Turn any exception raised inside a step into a StepFailed naming it."""
    try:
        yield
    except StepFailed as exc:
        raise StepFailed(f"{name}: {exc}") from None
    except Exception as exc:  # the libraries raise many kinds; report them all
        raise StepFailed(f"{name}: {describe_exception(exc)}") from None


@contextmanager
def deadline(seconds: float):
    """georeport passes no timeout to requests, so bound its calls with SIGALRM."""
    def expired(signum, frame):
        raise TimeoutError(f"no answer within {seconds:g} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def attribute_value(attr: dict):
    """A plausible value for a required attribute of a service definition."""
    datatype = str(attr.get("datatype") or "string")
    values = attr.get("values") or []
    if datatype in ("singlevaluelist", "multivaluelist") and values:
        key = str(values[0].get("key"))
        return [key] if datatype == "multivaluelist" else key
    if datatype == "number":
        return "1"
    if datatype == "datetime":
        return time.strftime("%Y-%m-%dT%H:%M:%S%z")
    return "验收测试"


def check_request(step_name: str, record, request_id: str, village: str) -> str:
    """Check a read-back request record; return its status."""
    if not isinstance(record, dict):
        raise StepFailed(f"expected one request object, got {json.dumps(record, ensure_ascii=False)[:200]}")
    got_id = record.get("service_request_id")
    if got_id is not None and str(got_id) != str(request_id):
        raise StepFailed(f"asked for {request_id!r} but got service_request_id {got_id!r}")
    description = record.get("description")
    if not description:
        raise StepFailed("the request has no description")
    if description != DESCRIPTION:
        raise StepFailed(f"description came back as {description!r}, expected {DESCRIPTION!r}")
    status = record.get("status")
    if not status:
        raise StepFailed("the request has no status")
    if status not in STATUSES:
        raise StepFailed(f"status {status!r} is not one of {STATUSES}")
    if str(record.get("address_id") or "") != village:
        warn(step_name, f"address_id came back as {record.get('address_id')!r}, expected {village!r}")
    return status


def run_civicbot(args) -> tuple[list, str]:
    """List, post and read back through civicbot. Returns (services, request id)."""
    from civicbot import Endpoint, HttpTransport, Open311Client
    from civicbot.open311 import CONFIRM_TOKEN

    endpoint = Endpoint(id="villagewatch", name="VillageWatch", base_url=args.base,
                        write=True, api_key_required_for_write=True)
    client = Open311Client(endpoint, transport=HttpTransport(timeout=args.timeout),
                           jurisdiction_id=args.jurisdiction, fmt="json")

    with step("services"):
        services = client.list_services()
        if not services:
            raise StepFailed("the service list is empty")
        first = services[0]
        if not isinstance(first, dict) or not first.get("service_code"):
            raise StepFailed(f"the first service has no service_code: {json.dumps(first, ensure_ascii=False)[:200]}")
        code = str(first["service_code"])
    passed("services", f"{len(services)} service(s); first service_code {code!r} ({first.get('service_name')})")

    with step("post"):
        fields = {"address_id": args.village, "description": DESCRIPTION}
        for name in ("first_name", "last_name", "phone"):
            if getattr(args, name):
                fields[name] = getattr(args, name)
        if first.get("metadata") in (True, "true"):
            definition = client.get_service_definition(code)
            attributes = {}
            for attr in (definition or {}).get("attributes", []) or []:
                if attr.get("variable", True) and attr.get("required"):
                    attributes[str(attr.get("code"))] = attribute_value(attr)
            fields.update(definition=definition, attributes=attributes)
        sent = client.create_request(code, dry_run=False, confirm=CONFIRM_TOKEN,
                                     api_key=args.api_key, known_services=services, **fields)
        answer = sent.response
        if not isinstance(answer, list) or not answer or not isinstance(answer[0], dict):
            raise StepFailed("POST requests.json must answer a JSON array of one object, got "
                             f"{json.dumps(answer, ensure_ascii=False)[:200]}")
        created = answer[0]
        request_id = created.get("service_request_id")
        token = created.get("token")
        if not request_id and not token:
            raise StepFailed(f"the answer has neither service_request_id nor token: {json.dumps(created, ensure_ascii=False)[:200]}")
    passed("post", f"service_request_id {request_id!r}" if request_id else f"token {token!r}")

    if not request_id:
        with step("token"):
            waited_until = time.monotonic() + args.timeout
            while True:
                found = client.get_token(str(token))
                item = found[0] if isinstance(found, list) and found else found
                if isinstance(item, dict) and item.get("service_request_id"):
                    request_id = item["service_request_id"]
                    break
                if time.monotonic() > waited_until:
                    raise StepFailed(f"tokens/{token}.json gave no service_request_id within {args.timeout:g} s: "
                                     f"{json.dumps(found, ensure_ascii=False)[:200]}")
                time.sleep(1)
        passed("token", f"token {token!r} is service_request_id {request_id!r}")

    with step("read-back"):
        record = client.get_request(str(request_id))
        status = check_request("read-back", record, str(request_id), args.village)
    passed("read-back", f"request {request_id!r}: status {status!r}, description {record['description']!r}")
    return services, str(request_id)


def run_georeport(args, services: list, request_id: str) -> None:
    """Cross-check the list and the read-back through georeport, JSON and XML."""
    from georeport import GeoReport

    for fmt in ("json", "xml"):
        client = GeoReport(args.base, jurisdiction=args.jurisdiction, api_key=args.api_key,
                           output_format=fmt)
        name = f"georeport-{fmt}"
        with step(f"{name} services"), deadline(args.timeout):
            try:
                listed = client.get_service_list()
            except (KeyError, IndexError, TypeError) as exc:
                shape = ("a JSON array" if fmt == "json"
                         else "<services><service>…</service></services>")
                raise StepFailed(f"services.{fmt} must be {shape} "
                                 f"(georeport failed with {type(exc).__name__}: {exc})") from None
            if isinstance(listed, dict):  # xmltodict gives a dict for a single <service>
                listed = [listed]
            if not isinstance(listed, list) or not listed:
                raise StepFailed(f"no services: {listed!r}"[:200])
            codes = [str(s.get("service_code")) for s in listed]
            expected = [str(s.get("service_code")) for s in services]
            if codes != expected:
                raise StepFailed(f"service codes {codes} differ from the JSON list {expected}")
        passed(f"{name} services", f"{len(listed)} service(s); first service_code {codes[0]!r}")

        with step(f"{name} read-back"), deadline(args.timeout):
            try:
                record = client.get_service_request(request_id)
            except (KeyError, IndexError, TypeError) as exc:
                # georeport indexes the answer: [0] of the JSON array, or
                # ['service_requests']['request'] of the XML document.
                shape = ("a JSON array with one request object" if fmt == "json"
                         else "<service_requests><request>…</request></service_requests>")
                raise StepFailed(f"requests/{request_id}.{fmt} must be {shape} "
                                 f"(georeport failed with {type(exc).__name__}: {exc})") from None
            if isinstance(record, list):  # several <request> elements
                raise StepFailed(f"requests/{request_id}.{fmt} returned {len(record)} requests, expected one")
            status = check_request(f"{name} read-back", record, request_id, args.village)
        passed(f"{name} read-back", f"status {status!r}")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Check VillageWatch's Open311 GeoReport v2 endpoint with an unchanged client library.")
    parser.add_argument("--base", required=True,
                        help="GeoReport v2 base URL, e.g. http://127.0.0.1:8080/open311/v2/")
    parser.add_argument("--api-key", required=True, help="API key sent with the POST")
    parser.add_argument("--village", required=True, help="12-digit village code, sent as address_id")
    parser.add_argument("--first-name")
    parser.add_argument("--last-name")
    parser.add_argument("--phone")
    parser.add_argument("--jurisdiction", help="jurisdiction_id to send (none by default)")
    parser.add_argument("--georeport", action="store_true",
                        help="also list and read back through georeport 0.3.1, in JSON and XML")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per HTTP call (default 20)")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"https?://[^/\s]+(/\S*)?", args.base):
        parser.error(f"--base must be an http:// or https:// URL, got {args.base!r}")
    if not re.fullmatch(r"\d{12}", args.village):
        parser.error(f"--village must be a 12-digit village code, got {args.village!r}")
    if not args.api_key.strip():
        parser.error("--api-key must not be empty")
    if args.timeout <= 0:
        parser.error("--timeout must be positive")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        import civicbot  # noqa: F401
    except ImportError:
        print("civicbot is not installed: pip install civicbot==0.4.0", file=sys.stderr)
        return 2
    if args.georeport:
        try:
            import georeport  # noqa: F401
        except ImportError:
            print("georeport is not installed: pip install georeport==0.3.1", file=sys.stderr)
            return 2
    try:
        services, request_id = run_civicbot(args)
        if args.georeport:
            run_georeport(args, services, request_id)
    except StepFailed as exc:
        print(f"FAIL {exc}", flush=True)
        return 1
    print("Open311 client check passed.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

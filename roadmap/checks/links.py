"""One link policy for every URL field of the data, and the form two links must not share.

A URL field is one whose declared type is `HttpsUrl` (roadmap/data/models.py);
`url_fields` finds them by walking the models, so none is forgotten. Refused:
anything but a plain `https://host/path` link: userinfo (`https://a@b/`),
ports, IP literals, empty or trailing-dot hosts, backslashes, non-ASCII or
punycode (`xn--`) hosts (look-alike letters), link shorteners, dot segments,
percent-encoded unreserved characters, and tracking parameters.
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
import typing
import unicodedata
from typing import Iterator
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from pydantic import BaseModel

from ..data.models import URL_MARK
from ..data.problems import Path
from .walk import strings

TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|igshid|igsh|twclid|ttclid|li_fat_id|"
    r"mc_cid|mc_eid|mkt_tok|_hsenc|_hsmi|__hstc|__hssc|__hsfp|hsctatracking|_ga|_gl|_ke|vero_id|vero_conv|"
    r"oly_anon_id|oly_enc_id|rb_clickid|s_cid|spm|scid|ref|ref_src|ref_url|si|share_source|trk|trkcampaign|"
    r"cmpid|campaign_id|wt\.mc_id|at_medium|at_campaign|pk_campaign|pk_kwd|piwik_campaign|mtm_campaign|_bta_tid|_bta_c)$",
    re.I,
)
SHORTENERS = frozenset("""
bit.ly bitly.com tinyurl.com t.co goo.gl g.co ow.ly is.gd buff.ly rebrand.ly cutt.ly shorturl.at lnkd.in
rb.gy tiny.cc t.ly v.gd s.id bl.ink short.io shorte.st adf.ly trib.al dlvr.it fb.me youtu.be amzn.to
aka.ms msft.it ibm.biz redd.it wp.me db.tt 1drv.ms flip.it qr.ae soo.gd clck.ru
""".split())
UNRESERVED = re.compile(r"%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[DEde]|5[Ff]|7[Ee])")
# Sites that moved their pages to a new canonical home: (old host + path prefix, new one).
# The old addresses redirect today; a link to the new home survives the redirect being dropped.
MOVED = (
    ("pytorch.org/docs/", "docs.pytorch.org/docs/"),
    ("pytorch.org/tutorials/", "docs.pytorch.org/tutorials/"),
)
HINT = "link the page itself as a plain https:// address, as the browser's address bar shows it"


def non_ascii(text: str) -> str:
    """Each non-ASCII character with its Unicode name, e.g. "'\u0435' (CYRILLIC SMALL LETTER IE)"; '' if none."""
    odd = dict.fromkeys(ch for ch in text if ord(ch) > 127)
    return ", ".join(f"'{ch}' ({unicodedata.name(ch, 'unknown')})" for ch in odd)


def tracking_params(url: str) -> list[str]:
    """The tracking parameters (utm_source, fbclid…) a link carries."""
    return [k for k, _ in parse_qsl(urlsplit(url.strip()).query, keep_blank_values=True) if TRACKING_PARAMS.match(k)]


def without_tracking(url: str) -> str:
    """The same link with its tracking parameters removed (and nothing else changed)."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def _dot_segments(path: str) -> str:
    resolved = posixpath.normpath(path) if path else ""
    return resolved + ("/" if path.endswith("/") and resolved != "/" else "") if resolved != "." else "/"


def normalise_url(url: str) -> str:
    """The form two links must not share: no scheme, no `www.`, no trailing slash or dot,
    no default port, dot segments resolved, unreserved characters decoded, no tracking
    parameters, query sorted, lower-case host, no fragment."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").rstrip(".").removeprefix("www.")
    if parts.port not in (None, 443, 80):
        host += f":{parts.port}"
    path = UNRESERVED.sub(lambda m: unquote(m.group()), parts.path)
    path = _dot_segments(path).rstrip("/")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)))
    return urlunsplit(("", host, path, query, ""))


def url_problems(url: str) -> list[tuple[str, str]]:
    """(message, hint) for each way `url` breaks the link policy."""
    out: list[tuple[str, str]] = []
    odd = non_ascii(url)
    if odd:
        out.append((f"link contains non-ASCII character(s) {odd}",
                    "retype it in plain ASCII: a look-alike letter points to another site (a path is percent-encoded)"))
    if "\\" in url:
        out.append(("link contains a backslash", "use forward slashes; browsers read a backslash as a slash"))
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return out + [(f"link cannot be read: {exc}", HINT)]
    host = parts.hostname or ""
    if parts.scheme != "https":
        out.append(("link is not https://", "use a full https:// link (http:, javascript: and relative links are refused)"))
    if "@" in parts.netloc:
        out.append(("link has a user name before the host (`…@host`)", "the part before @ hides the real host: " + HINT))
    if port is not None or parts.netloc.rstrip("]").rsplit(":", 1)[-1].isdigit() and ":" in parts.netloc:
        out.append(("link names a port", "drop the `:port`; the book links public pages on the default port"))
    if not host:
        out.append(("link has no host", HINT))
    elif host.endswith("."):
        out.append(("link's host ends with a dot", "drop the trailing dot after the host name"))
    else:
        try:
            ipaddress.ip_address(host.strip("[]"))
            out.append(("link points at an IP address", "link the site by its name"))
        except ValueError:
            pass
        if any(label.startswith("xn--") for label in host.split(".")):
            out.append(("link's host is punycode (`xn--`), which can spell a look-alike of another site",
                        "link the site's ASCII address; if it really has an international name, say so in the pull request"))
        if host.removeprefix("www.") in SHORTENERS:
            out.append((f"link goes through the shortener {host}", "link the page it redirects to (open it and copy the address)"))
    if re.search(r"(^|/)\.\.?(/|$)", parts.path):
        out.append(("link has `.` or `..` path segments", "write the path as the browser shows it after opening the link"))
    if UNRESERVED.search(parts.path + "?" + parts.query):
        out.append(("link percent-encodes a plain character (e.g. %5F for _)", "write the character itself"))
    where = host.removeprefix("www.") + parts.path
    for old, new in MOVED:
        if where.startswith(old):
            out.append((f"link uses the old address {old}…, which now redirects", f"link the canonical page: https://{new}{where[len(old):]}"))
    tracking = tracking_params(url)
    if tracking:
        out.append((f"link carries tracking parameter(s) {', '.join(tracking)}", f"link to the page itself: {without_tracking(url)}"))
    return out


def _declares_url(annotation: object) -> bool:
    """Whether a type annotation is, or contains (Optional, list), the book's URL type."""
    if URL_MARK in getattr(annotation, "__metadata__", ()):
        return True
    return any(_declares_url(arg) for arg in typing.get_args(annotation))


def url_fields(cur: BaseModel) -> Iterator[tuple[Path, str]]:
    """(path, url) for every field declared as a URL, wherever it is in the models."""
    for path, info, value in strings(cur):
        if URL_MARK in info.metadata or _declares_url(info.annotation):
            yield path, value

"""Data Docs that read offline: GX's pages point at public CDNs for bootstrap, jQuery, bootstrap-table,
Font Awesome and Vega (and at a logo on a web server, with a tracking query). The same files ship with
this package (``docs_assets/``, see its README); after each build they are copied into the site and
every page is pointed at the copies, so the reports look the same with or without a network.
"""

from __future__ import annotations

import os
import re
import shutil
from importlib import resources
from pathlib import Path

ASSETS = "docs_assets"
VENDOR = Path("static") / "vendor"

# Each CDN address GX's templates use, and the shipped copy of the same file.
CDN_COPIES = {
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap-4.3.1/bootstrap.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap-4.3.1/bootstrap.min.js",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css":
        "bootstrap-dark-1.1.0/bootstrap-prefers-dark.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css":
        "bootstrap-datepicker-1.9.0/bootstrap-datepicker.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js":
        "bootstrap-datepicker-1.9.0/bootstrap-datepicker.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css":
        "bootstrap-table-1.19.1/bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js":
        "bootstrap-table-1.19.1/bootstrap-table.min.js",
    # GX asks for the 1.19.0 stylesheet of the extension beside the 1.19.1 table; 1.19.1's is the match.
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css":
        "bootstrap-table-1.19.1/bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css":
        "bootstrap-table-1.19.1/bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js":
        "bootstrap-table-1.19.1/bootstrap-table-filter-control.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css":
        "fontawesome-free-6.6.0/css/all.min.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery-3.7.1/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper.js-1.12.9/popper.min.js",
    "https://cdn.jsdelivr.net/npm/vega@5": "vega-5.33.1/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega-lite-5.23.0/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega-embed-6.29.0/vega-embed.min.js",
}
# GX's logo, fetched from a web server with a per-build query string; the site has its own copy.
_REMOTE_LOGO = re.compile(r"https://great-expectations-web-assets\.s3\.[a-z0-9.-]+\.amazonaws\.com/[a-z_-]+\.png[^\"')]*")
# A subresource-integrity check needs a CORS load, which a page opened from a file cannot make; the copies
# are the very files those hashes describe (tested), so the attributes go.
_INTEGRITY = re.compile(r'\s+(?:integrity|crossorigin)="[^"]*"')


def localise_site(site: Path) -> list[str]:
    """Copy the shipped assets into ``site`` and point its pages and stylesheets at them.

    Returns the remote resource addresses still left in the pages (empty when GX's templates use only
    the known CDN files), so a new GX release that adds one is noticed.
    """
    shutil.copytree(str(resources.files("wirehouse").joinpath(ASSETS)), site / VENDOR, dirs_exist_ok=True)
    logo = site / "static" / "images" / "logo-long.png"
    left: set[str] = set()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        local = localise_html(html, Path(os.path.relpath(site, page.parent)).as_posix(), logo.is_file())
        if local != html:
            page.write_text(local, encoding="utf-8")
        left.update(remote_resources(local))
    for sheet in (site / "static" / "styles").glob("*.css"):
        css = sheet.read_text(encoding="utf-8")
        local = _REMOTE_LOGO.sub("../images/logo-long.png", css)
        if local != css:
            sheet.write_text(local, encoding="utf-8")
    return sorted(left)


def localise_html(html: str, site_root: str, has_logo: bool = True) -> str:
    """``html`` with each known CDN address replaced by the shipped copy, ``site_root`` being the path
    from the page's folder to the site's root ("." for the index)."""
    for url, copy in CDN_COPIES.items():
        html = html.replace(f'"{url}"', f'"{site_root}/{VENDOR.as_posix()}/{copy}"')
    if has_logo:
        html = _REMOTE_LOGO.sub(f"{site_root}/static/images/logo-long.png", html)
    return _INTEGRITY.sub("", html)


_RESOURCE = re.compile(
    r"<(?:script|img|iframe|source)\b[^>]*\bsrc=\"(https?://[^\"]+)\"|<link\b[^>]*\bhref=\"(https?://[^\"]+)\"[^>]*>",
    re.IGNORECASE,
)


def remote_resources(html: str) -> list[str]:
    """Addresses a browser would fetch from the network to show ``html`` (scripts, images, stylesheets)."""
    found = []
    for match in _RESOURCE.finditer(html):
        tag = match.group(0)
        if match.group(2) and not re.search(r'rel="?(?:stylesheet|icon|shortcut icon|preload)', tag):
            continue
        found.append(match.group(1) or match.group(2))
    return found

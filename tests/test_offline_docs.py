"""The Data Docs assets shipped for offline reading: every CDN file GX's templates load has a shipped
copy, and the copies are the very files the pages' integrity hashes describe."""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources
from pathlib import Path

import great_expectations
from wirehouse.offline_docs import CDN_COPIES, localise_html, remote_resources

TEMPLATES = Path(great_expectations.__file__).parent / "render" / "view" / "templates"
ASSETS = Path(str(resources.files("wirehouse").joinpath("docs_assets")))


def _template_resources() -> dict[str, str | None]:
    """Each remote script or stylesheet in GX's page templates, with its integrity hash if it has one."""
    found: dict[str, str | None] = {}
    for template in TEMPLATES.rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        for url in remote_resources(text):
            tag = text[text.rfind("<", 0, text.index(url)):text.index(">", text.index(url))]
            integrity = re.search(r'integrity="([^"]+)"', tag)
            found[url] = integrity.group(1) if integrity else found.get(url)
    return found


def test_every_cdn_file_of_the_gx_templates_has_a_shipped_copy():
    used = _template_resources()
    assert used, "GX's templates moved: the test no longer sees them"
    assert set(used) <= set(CDN_COPIES), set(used) - set(CDN_COPIES)
    for copy in CDN_COPIES.values():
        assert (ASSETS / copy).is_file(), copy


def test_shipped_copies_match_the_integrity_hashes_the_pages_ask_for():
    checked = 0
    for url, integrity in _template_resources().items():
        if integrity:
            algorithm, expected = integrity.split("-", 1)
            digest = hashlib.new(algorithm, (ASSETS / CDN_COPIES[url]).read_bytes()).digest()
            assert base64.b64encode(digest).decode() == expected, url
            checked += 1
    assert checked >= 2


def test_every_shipped_package_keeps_its_licence():
    for folder in (p for p in ASSETS.iterdir() if p.is_dir()):
        assert list(folder.glob("LICENSE*")), folder.name
        assert folder.name in (ASSETS / "README.md").read_text(), folder.name


def test_a_page_is_pointed_at_the_copies_relative_to_its_folder():
    page = ('<link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css"/>'
            '<script src="https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js" '
            'integrity="sha384-x" crossorigin="anonymous"></script>'
            '<img src="https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/logo-long.png?d=1&x=2">'
            '<a href="https://greatexpectations.io">GX</a>')
    local = localise_html(page, "../..")
    assert 'href="../../static/vendor/bootstrap-4.3.1/bootstrap.min.css"' in local
    assert '<script src="../../static/vendor/popper.js-1.12.9/popper.min.js"></script>' in local
    assert '<img src="../../static/images/logo-long.png">' in local
    assert remote_resources(local) == [] and 'href="https://greatexpectations.io"' in local

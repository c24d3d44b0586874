"""`geo download` against a local HTTP server: a good file lands, failures leave the cache as it was."""

from __future__ import annotations

import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from datalab_monitor.geo.boundaries import read_boundaries
from datalab_monitor.geo.download import DownloadError, download

from .test_boundaries import square_topology


class Handler(SimpleHTTPRequestHandler):
    """Serves the test's directory; ``/short/...`` promises more bytes than it sends."""

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        if self.path.startswith("/short/"):
            body = b'{"type": "Topology"'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body) + 500))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True
            return
        super().do_GET()


@pytest.fixture
def server(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    (served / "gemeente_2030.topojson").write_text(json.dumps(square_topology("gemeente_2030")))
    text = json.dumps(square_topology("gemeente_2031"))
    (served / "gemeente_2031.topojson").write_text(text[: len(text) // 2])
    provinces = square_topology("provincie_2030", code="GM0002")  # wrong kind of code
    (served / "provincie_2030.topojson").write_text(json.dumps(provinces))

    def handler(*args, **kwargs):
        return Handler(*args, directory=str(served), **kwargs)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def cache(tmp_path) -> Path:
    """A cache that already holds a valid file for 2030, to prove failures leave it alone."""
    directory = tmp_path / "cache"
    directory.mkdir()
    (directory / "gemeente_2030.topojson").write_text(
        json.dumps(square_topology("gemeente_2030", name="Oude stand"))
    )
    return directory


def snapshot(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def test_a_good_file_is_validated_and_stored(server, tmp_path):
    cache_dir = tmp_path / "new-cache"
    result = download("gemeente", 2030, cache_dir, sources=[server + "/{level}_{year}.topojson"])
    assert result.regions == 1
    assert result.url.endswith("/gemeente_2030.topojson")
    assert [p.name for p in cache_dir.iterdir()] == ["gemeente_2030.topojson"]
    (region,) = read_boundaries(cache_dir, "gemeente", 2030)
    assert region.name == "Testdorp"


def test_a_good_file_replaces_the_cached_one(server, cache):
    download("gemeente", 2030, cache, sources=[server + "/{level}_{year}.topojson"])
    (region,) = read_boundaries(cache, "gemeente", 2030)
    assert region.name == "Testdorp"
    assert [p.name for p in cache.iterdir()] == ["gemeente_2030.topojson"]  # no temp files


@pytest.mark.parametrize(
    "pattern, year, level, message",
    [
        ("/{level}_{year}.topojson", 2099, "gemeente", "answered 404"),
        ("/{level}_{year}.topojson", 2031, "gemeente", "not valid JSON.*truncated"),
        ("/short/{level}_{year}.topojson", 2030, "gemeente", "broke off|received 19 of 519"),
        ("/{level}_{year}.topojson", 2030, "provincie", "is not a PV code"),
    ],
)
def test_a_failed_download_leaves_the_cache_unchanged(server, cache, pattern, year, level, message):
    before = snapshot(cache)
    with pytest.raises(DownloadError, match=message):
        download(level, year, cache, sources=[server + pattern])
    assert snapshot(cache) == before


def test_the_next_source_is_tried_when_one_fails(server, tmp_path):
    sources = [server + "/missing/{level}_{year}.topojson", server + "/{level}_{year}.topojson"]
    result = download("gemeente", 2030, tmp_path, sources=sources)
    assert result.url == server + "/gemeente_2030.topojson"


def test_an_unreachable_source_is_reported():
    with pytest.raises(DownloadError, match=r"127\.0\.0\.1:9/gemeente_2030.*cannot be fetched"):
        download(
            "gemeente", 2030, Path("/nonexistent"), sources=["http://127.0.0.1:9/{level}_{year}"]
        )


def test_the_command_downloads_and_reports_failures(server, cache, capsys):
    pattern = server + "/{level}_{year}.topojson"
    call_command(
        "geo", "download", "--year", "2030", "--level", "gemeente",
        "--cache-dir", str(cache), "--base-url", pattern,
    )  # fmt: skip
    assert "gemeente_2030.topojson: 1 regions from" in capsys.readouterr().out
    before = snapshot(cache)
    with pytest.raises(CommandError, match="answered 404.*cache .* is unchanged"):
        call_command(
            "geo", "download", "--year", "2099", "--level", "gemeente",
            "--cache-dir", str(cache), "--base-url", pattern,
        )  # fmt: skip
    assert snapshot(cache) == before


def test_the_check_command_validates_a_directory(cache, capsys, tmp_path):
    call_command("geo", "check", "--dir", str(cache))
    assert "gemeente_2030: 1 regions, valid" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no boundary files"):
        call_command("geo", "check", "--dir", str(tmp_path / "empty"))

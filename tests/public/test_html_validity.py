"""The public pages pass the Nu HTML Checker (vnu.jar, installed by make test)."""

import json
import shutil
import subprocess
from pathlib import Path

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)

PAGES = [
    "/en/",
    "/ru/",
    "/en/records/?kind=speech&date_from=1956&date_to=1956-03",
    "/ru/records/?q=хрущев",
    "/en/records/C20-SPEECH/",
    "/ru/records/C20-SPEECH/",
    "/en/people/khrushchev/",
    "/ru/people/khrushchev/",
    "/en/organizations/central-committee-20/",
    "/ru/organizations/central-committee-20/",
    "/en/events/",
    "/ru/events/",
    "/en/search/?q=khrushchev",
    "/ru/records/NO-SUCH-RECORD/",
]
# Pages that answer with an error status and the catalogue's own page.
STATUS = {"/ru/records/NO-SUCH-RECORD/": 404}


def test_public_pages_pass_the_nu_html_checker(client, catalogue, tmp_path):
    assert VNU.exists(), f"{VNU} is missing: `make test` installs vnu-jar from the npm registry."
    assert shutil.which("java"), (
        "The Nu HTML Checker needs a Java runtime (make test installs one)."
    )
    pages = tmp_path / "pages"
    pages.mkdir()
    files = {}
    for number, url in enumerate(PAGES):
        response = client.get(url)
        assert response.status_code == STATUS.get(url, 200), url
        path = pages / f"page-{number}.html"
        path.write_bytes(response.content)
        files[path.name] = url

    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", *map(str, pages.iterdir())],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]

    problems = [
        f"{files[Path(message['url']).name]}: {message.get('message')} "
        f"(line {message.get('lastLine')}: {message.get('extract', '').strip()})"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "warning"
    ]
    assert problems == []

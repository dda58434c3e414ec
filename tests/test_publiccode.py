"""publiccode.yml against the publiccode.yml standard, version 0.4
(docs/standard/schema.core.rst at tag v0.4.0 of github.com/publiccodeyml/publiccode.yml):
its mandatory keys, their allowed values and lengths, and agreement with the package."""

from __future__ import annotations

import tomllib
from importlib.metadata import version

import yaml
from conftest import REPO

# "Presence: mandatory" in the standard (a slash is a key inside a section).
REQUIRED = (
    "publiccodeYmlVersion",
    "name",
    "url",
    "platforms",
    "categories",
    "developmentStatus",
    "softwareType",
    "description",
    "legal/license",
    "maintenance/type",
    "localisation/localisationReady",
    "localisation/availableLanguages",
)
REQUIRED_PER_LANGUAGE = ("shortDescription",)  # in every language
REQUIRED_IN_ONE_LANGUAGE = ("longDescription", "features")  # in at least one
DEVELOPMENT_STATUS = ("concept", "development", "beta", "stable", "obsolete")
SOFTWARE_TYPE = (
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
)
MAINTENANCE_TYPE = ("internal", "contract", "community", "none")
SCOPES = {"employment", "local-authorities", "welfare", "government", "society"}


def publiccode() -> dict:
    return yaml.safe_load((REPO / "publiccode.yml").read_text(encoding="utf-8"))


def lookup(document: dict, key: str) -> object:
    value: object = document
    for part in key.split("/"):
        assert isinstance(value, dict) and part in value, f"publiccode.yml mist {key}"
        value = value[part]
    return value


def test_every_mandatory_key_is_there_and_filled():
    document = publiccode()
    for key in REQUIRED:
        assert lookup(document, key) not in (None, "", [], {}), key
    languages = document["description"]
    for language, text in languages.items():
        for key in REQUIRED_PER_LANGUAGE:
            assert text.get(key), f"description/{language}/{key}"
    for key in REQUIRED_IN_ONE_LANGUAGE:
        assert any(text.get(key) for text in languages.values()), f"description/*/{key}"
    maintenance = document["maintenance"]
    if maintenance["type"] in ("internal", "community"):
        assert all(contact.get("name") for contact in maintenance["contacts"])
    if maintenance["type"] == "contract":
        assert maintenance["contractors"]
    else:
        assert "contractors" not in maintenance


def test_values_are_the_ones_the_standard_allows():
    document = publiccode()
    assert document["publiccodeYmlVersion"] == "0.4"
    assert document["developmentStatus"] in DEVELOPMENT_STATUS
    assert document["softwareType"] in SOFTWARE_TYPE
    assert document["maintenance"]["type"] in MAINTENANCE_TYPE
    assert document["url"].startswith("https://")
    assert isinstance(document["localisation"]["localisationReady"], bool)
    assert set(document["intendedAudience"]["scope"]) <= SCOPES
    for language, text in document["description"].items():
        assert len(text["shortDescription"]) <= 150, language
        assert "\n" not in text["shortDescription"], language
        assert 150 <= len(text["longDescription"]) <= 10000, language
    for dependency in document["dependsOn"]["open"]:
        assert dependency["name"]


def test_it_speaks_dutch_and_english_and_names_the_legal_basis_and_users():
    description = publiccode()["description"]
    assert {"nl", "en"} <= set(description)
    assert "Participatiewet (artikel 10b)" in description["nl"]["longDescription"]
    assert "Participatiewet, article 10b" in description["en"]["longDescription"]
    assert "gemeenten" in description["nl"]["shortDescription"]
    assert "afdeling Werk en Inkomen" in description["nl"]["longDescription"]


def test_it_agrees_with_the_package():
    document = publiccode()
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert document["legal"]["license"] == project["license"] == "EUPL-1.2"
    assert document["softwareVersion"] == version("beschut-dashboard")
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "Appendix" in licence and len(licence) > 13000  # the whole text

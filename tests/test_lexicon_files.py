import pytest

from transforms.errors import NewsfactsError
from transforms.lexicon_files import LEXICON_DIR, LexiconError, lexicon_path, read_yaml_mapping, string_list


def _write(tmp_path, body):
    path = tmp_path / "cues.xx.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_read_yaml_mapping_ok(tmp_path):
    # a mapping with allowed keys, Hebrew and Arabic values kept as written
    path = _write(tmp_path, "speech_verbs: [אמר, قال]\n")
    assert read_yaml_mapping(path, ["speech_verbs", "pronouns"]) == {"speech_verbs": ["אמר", "قال"]}


def test_read_yaml_mapping_empty_file(tmp_path):
    # an empty file is an empty mapping, not None
    assert read_yaml_mapping(_write(tmp_path, "# only a header\n"), ["a"]) == {}


@pytest.mark.parametrize("body, message", [
    ("speech_verbs: [said]\nverbs: [told]\n", r"unknown key\(s\) \['verbs'\]; expected some of \['speech_verbs'\]"),
    ("- said\n- told\n", r":1: expected a mapping of keys, got list"),   # a list at the top
    ("speech_verbs: [said\n", r"not valid YAML"),                          # an unclosed bracket
])
def test_read_yaml_mapping_errors(tmp_path, body, message):
    path = _write(tmp_path, body)
    with pytest.raises(LexiconError, match=message) as err:
        read_yaml_mapping(path, ["speech_verbs"])
    assert str(path) in str(err.value)  # the message names the file


@pytest.mark.parametrize("raw, expected", [
    ({"k": ["قال", "said"]}, ["قال", "said"]),   # a list of strings
    ({}, []),                                    # missing key: empty
    ({"k": None}, []),                           # key with no value: empty
])
def test_string_list(raw, expected):
    assert string_list(raw, "k", LEXICON_DIR / "x.yaml") == expected


@pytest.mark.parametrize("raw", [
    {"k": "said"},          # a bare string, not a list
    {"k": ["said", 3]},     # a number in the list
])
def test_string_list_rejects(raw):
    with pytest.raises(LexiconError, match="k must be a list of strings"):
        string_list(raw, "k", LEXICON_DIR / "x.yaml")


def test_lexicon_error_is_a_newsfacts_error():
    # flows/cli.py catches NewsfactsError; callers checking ValueError still work
    assert issubclass(LexiconError, NewsfactsError) and issubclass(LexiconError, ValueError)


def test_lexicon_dir_holds_the_data_files():
    # the shared directory every loader reads
    assert (LEXICON_DIR / "quotes.ar.yaml").is_file() and (LEXICON_DIR / "events.he.yaml").is_file()


@pytest.mark.parametrize("kind, lang, suffix", [
    ("quotes", "ar", "yaml"),
    ("boilerplate", "he", "txt"),
])
def test_lexicon_path_names_the_file_of_a_supported_language(kind, lang, suffix):
    path = lexicon_path(kind, lang, ("ar", "he", "en"), suffix=suffix)
    assert path.name == f"{kind}.{lang}.{suffix}" and path.exists()


def test_lexicon_path_refuses_an_unsupported_language_and_lists_the_choices():
    with pytest.raises(LexiconError, match=r"no dates lexicon for lang 'fa'; expected one of ar, he, en"):
        lexicon_path("dates", "fa", ("ar", "he", "en"))

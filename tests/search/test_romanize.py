from catalogue.search.romanize import forms, romanize
from catalogue.search.terms import query_terms


def test_forms_of_khrushchev_cover_scholarly_bgn_english_and_german_spellings():
    assert set(forms("Хрущёв")) >= {
        "hruscev",  # Hruščëv (scholarly), folded
        "chruscev",  # Chruščëv (scientific)
        "khrushchev",  # Khrushchëv (BGN/PCGN), folded
        "khrushchyov",
        "khrushchov",
        "chruschtschow",  # German
    }


def test_forms_spell_initial_ye_both_ways_and_final_iy_three_ways():
    assert {"yekaterina", "ekaterina", "jekaterina"} <= set(forms("Екатерина"))
    assert {"dmitriy", "dmitry", "dmitri", "dmitrij"} <= set(forms("Дмитрий"))


def test_forms_of_a_latin_word_are_empty():
    assert forms("Stalin") == ()


def test_romanize_keeps_capitals_and_non_cyrillic_text():
    assert romanize("Никита Хрущёв, 1956", "german") == "Nikita Chruschtschow, 1956"
    assert romanize("Никита Хрущёв", "bgn") == "Nikita Khrushchëv"


def test_query_terms_strip_a_russian_case_ending_and_romanize_the_word():
    (group,) = query_terms("Хрущёва")

    assert group[0] == "хрущев"
    assert "khrushchev" in group


def test_query_terms_ignore_syntax_characters_and_operator_words():
    assert query_terms('"Khrushchev" OR (speech*) -:') == [("khrushchev",), ("speech",)]


def test_query_terms_are_bounded_for_a_huge_query():
    groups = query_terms("слово " * 2000)

    assert groups == [("слов", "slov", "slow")]
    assert len(query_terms(" ".join(f"w{n}" for n in range(50)))) == 8

"""Join codes people type from a projector, and the secret tokens behind them."""

import pytest

from app.codes import (
    CODE_ALPHABET,
    CODE_LENGTH,
    display_code,
    hash_token,
    new_join_code,
    new_token,
    normalise_code,
    token_matches,
)


@pytest.mark.parametrize("ambiguous", ["0", "O", "1", "I", "L"])
def test_alphabet_leaves_out_characters_people_confuse(ambiguous):
    assert ambiguous not in CODE_ALPHABET


def test_new_codes_use_only_the_alphabet_and_have_the_right_length():
    for _ in range(200):
        code = new_join_code()
        assert len(code) == CODE_LENGTH
        assert set(code) <= set(CODE_ALPHABET)


def test_new_codes_differ():
    assert len({new_join_code() for _ in range(100)}) > 90


@pytest.mark.parametrize(
    "typed",
    ["abc234", "ABC234", "abc 234", "ABC-234", " a-b c2 34 ", "abc_234", "abc.234"],
)
def test_normalise_code_accepts_what_people_type(typed):
    assert normalise_code(typed) == "ABC234"


def test_normalise_code_round_trips_the_display_form():
    code = new_join_code()
    assert normalise_code(display_code(code)) == code
    assert display_code("ABC234") == "ABC 234"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "ABC23",  # too short
        "ABC2345",  # too long
        "ABC230",  # zero
        "ABCO23",  # letter O
        "ABC123",  # one
        "ABCI23",  # letter I
        "ABCL23",  # letter L
        "ABC23!",
        "ÄBC234",
    ],
)
def test_normalise_code_refuses_what_cannot_be_a_code(typed):
    assert normalise_code(typed) is None


@pytest.mark.parametrize("value", [None, 123456, ["ABC234"], {"code": "ABC234"}, b"ABC234"])
def test_normalise_code_refuses_non_strings(value):
    assert normalise_code(value) is None


def test_tokens_are_long_and_unique():
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(t) >= 32 for t in tokens)


def test_hash_is_stable_and_not_the_token_itself():
    token = new_token()
    assert hash_token(token) == hash_token(token)
    assert hash_token(token) != token
    assert token not in hash_token(token)
    assert hash_token(token) != hash_token(new_token())


def test_token_matches_its_own_hash_only():
    token = new_token()
    stored = hash_token(token)
    assert token_matches(token, stored)
    assert not token_matches(new_token(), stored)
    assert not token_matches(token + "x", stored)


@pytest.mark.parametrize("token", [None, "", 42, ["t"]])
def test_token_matches_refuses_missing_or_odd_tokens(token):
    assert not token_matches(token, hash_token("anything"))


@pytest.mark.parametrize("stored", [None, ""])
def test_token_matches_refuses_when_nothing_is_stored(stored):
    assert not token_matches(new_token(), stored)

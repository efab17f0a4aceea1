"""Numbers written in Chinese: full-width digits, 〇-style digit strings, 十/百/千/万 numerals."""

from __future__ import annotations

from decimal import Decimal

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")

_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}


class NumberTooLong(ValueError):
    """A number longer than MAX_DIGITS."""


#: The longest number parsed, in digits: turning a Decimal into an int takes quadratic time
#: (a million digits, 30 s), and Python refuses to print an int of more than 4 300 digits.
MAX_DIGITS = 4000

CN_NUMERAL_CHARS = "〇零○一二两三四五六七八九十百千万亿"
CN_DIGIT_CHARS = "〇零○一二三四五六七八九"


def ascii_digits(text: str) -> str:
    """Full-width digits and point → ASCII (same length, so offsets are kept)."""
    return text.translate(FULLWIDTH_DIGITS)


def cn_to_int(text: str) -> int:
    """Parse a Chinese numeral: 十二 → 12, 二〇二四 → 2024, 一万二千 → 12000.

    :raises ValueError: not a Chinese numeral.
    """
    if len(text) > MAX_DIGITS:
        raise NumberTooLong(
            f"a numeral of {len(text)} characters, over the {MAX_DIGITS}-digit limit"
        )
    if not text or any(ch not in _DIGITS and ch not in _SMALL_UNITS and ch not in _BIG_UNITS
                       for ch in text):  # fmt: skip
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(ch in _DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            total += (section + (digit or 0)) * _BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def to_number(text: str) -> Decimal:
    """Parse an Arabic (half- or full-width) or Chinese numeral into a Decimal.

    :raises ValueError: not a number, or longer than MAX_DIGITS digits.
    """
    plain = ascii_digits(text).replace(",", "")
    if len(plain) > MAX_DIGITS + 1:  # the digits and a decimal point
        raise NumberTooLong(f"a number of {len(plain)} digits, over the {MAX_DIGITS}-digit limit")
    if plain and (plain[0].isdigit()):
        return Decimal(plain)
    return Decimal(cn_to_int(text))


def to_int(text: str) -> int:
    """Like :func:`to_number` for integers (ordinals, days, months, years)."""
    return int(to_number(text))

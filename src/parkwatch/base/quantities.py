"""Exact quantities: stated value × unit factor, and the numbers written in a quote."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import lru_cache

# Canonical values that are not finite decimals (亩 → m²) are rounded to this many places.
SCALE = 6

_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千]+")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000}
# Words that can stand between a number and its unit: 130余个, 20多家.
_BETWEEN = re.compile(r"^[余多几]")


@lru_cache(maxsize=256)  # a few dozen units, looked up for every quantity; a Fraction is immutable
def parse_factor(text: str) -> Fraction:
    """An exact factor written as a decimal or a fraction: '100000000', '2000/3'."""
    numerator, _, denominator = text.partition("/")
    return Fraction(Decimal(numerator)) / Fraction(int(denominator or 1))


@lru_cache(maxsize=1 << 16)  # the same few values in the same units recur across thousands of targets
def normalise(value: Decimal | int, factor: Fraction) -> tuple[Decimal, bool]:
    """The canonical value and whether it is exact (False when rounded to SCALE places)."""
    exact = Fraction(Decimal(value)) * factor
    denominator = exact.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    with localcontext() as ctx:
        ctx.prec = 60
        result = Decimal(exact.numerator) / Decimal(exact.denominator)
        if denominator == 1:
            return canonical_decimal(result), True
        return canonical_decimal(result.quantize(Decimal(1).scaleb(-SCALE))), False


def canonical_decimal(value: Decimal) -> Decimal:
    """A decimal without exponent or trailing zeros: 6E+8 → 600000000, 5.3390 → 5.339."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return value
    # Exact whatever the length: the default 28 digits would round a longer value.
    with localcontext() as ctx:
        ctx.prec = len(digits) + max(exponent, 0) + 1
        value = value.normalize()
        if value.as_tuple().exponent > 0:
            value = value.quantize(Decimal(1))
    return value


def decimal_text(value: Decimal) -> str:
    """Plain text for a decimal, never in scientific notation."""
    return format(canonical_decimal(value), "f")


@lru_cache(maxsize=1 << 16)
def clean(text: str) -> str:
    """Quote text for comparison: full-width forms folded (NFKC) and all whitespace removed (kept for the
    several checks that read the same quote)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _chinese_value(word: str) -> int | None:
    total, current = 0, 0
    for char in word:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char in _POWERS:
            total += (current or 1) * _POWERS[char]
            current = 0
    total += current
    return total if word.strip("零〇") else 0


@lru_cache(maxsize=1 << 16)
def number_spans(text: str) -> tuple[tuple[int, int, Decimal], ...]:
    """Each number written in `text` (already cleaned), Arabic or Chinese: its start, end and value."""
    found = [(m.start(), m.end(), Decimal(m.group().replace(",", ""))) for m in _ARABIC.finditer(text)]
    for match in _CHINESE.finditer(text):
        value = _chinese_value(match.group())
        if value is not None:
            found.append((match.start(), match.end(), Decimal(value)))
    return tuple(sorted(found, key=lambda f: f[0]))


def numbers(text: str) -> list[tuple[Decimal, str]]:
    """Each number written in `text`, Arabic or Chinese, with the text that follows it."""
    text = clean(text)
    return [(value, text[end:]) for _, end, value in number_spans(text)]


def quote_agreement(quote: str, value: Decimal | int, unit: str) -> str:
    """'ok' when the quote states `value` followed by `unit`; else 'unit' or 'number' for what disagrees."""
    unit, text, value = clean(unit), clean(quote), Decimal(value)
    number_seen = False
    for _, end, number in number_spans(text):
        if number != value:
            continue
        number_seen = True
        if text.startswith(unit, end) or _BETWEEN.sub("", text[end:]).startswith(unit):
            return "ok"
    return "unit" if number_seen else "number"

"""The project's pint registry: currency, countable things and compute as real dimensions.

Every unit string in the facts table parses here, so like quantities compare: "72 GPUs" and
"eight of them" are both [GPU], "$6 an hour" and "$4,380 a month" are both currency per time.
Countable things get a dimension of their own (a GPU is not a token), created on first use, so
a transcript about "wafers" or "racks" needs no code change.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pint

ureg = pint.UnitRegistry(on_redefinition="ignore")
ureg.define("USD = [currency] = $ = dollar = usd")
ureg.define("cent = 0.01 USD")
ureg.define("FLOP = [compute] = flop = FLOPs")
ureg.define("basis_point = 0.01 * percent")
ureg.define("fiscal_quarter = 3 * month")  # pint's "quarter" is a weight

# Count units known up front; the acronyms keep their capitals.
_COUNT_NOUNS = (
    "GPU", "TPU", "CPU", "ASIC", "chip", "accelerator", "server", "rack", "node", "cluster",
    "datacenter", "wafer", "die", "transistor", "parameter", "token", "expert", "layer",
    "model", "employee", "researcher", "engineer", "person", "user", "customer", "subscriber",
    "company", "paper", "page", "query", "request", "job", "step", "sample", "example",
)
_DIMENSION_OF_COUNT: dict[str, str] = {}


def count_unit(noun: str) -> str:
    """The count unit for a noun ("GPUs" -> "GPU", "researchers" -> "researcher"), defined on demand."""
    name = _singular(noun)
    if not re.fullmatch(r"[A-Za-z][A-Za-z_]*", name):
        raise ValueError(f"not a countable noun: {noun!r}")
    if name not in _DIMENSION_OF_COUNT:
        dim = f"count_{name.lower()}"
        if name in ureg and not _is_count(name):
            raise ValueError(f"{name!r} is already a physical unit")
        ureg.define(f"{name} = [{dim}]")
        _DIMENSION_OF_COUNT[name] = dim
    return name


def currency_unit(code: str) -> str:
    """USD, or another currency as a dimension of its own: no exchange rate is assumed."""
    code = code.upper()
    if code == "USD" or not re.fullmatch(r"[A-Z]{3}", code):
        return "USD"
    if code not in ureg:
        ureg.define(f"{code} = [currency_{code.lower()}]")
    return code


def parse_unit(unit: str) -> pint.Unit:
    """A unit of a facts table as a pint unit, defining what this process has not met yet
    (a count noun like "wafer", a currency code like "EUR"), so a table read anywhere parses."""
    compact = unit.replace(" ", "") or "dimensionless"
    try:
        return ureg.Unit(compact)
    except pint.errors.UndefinedUnitError:
        for word in re.findall(r"[A-Za-z_]+", compact):
            if word not in ureg:
                if re.fullmatch(r"[A-Z]{3}", word):
                    currency_unit(word)
                else:
                    count_unit(word)
        return ureg.Unit(compact)


def _is_count(name: str) -> bool:
    return name in _DIMENSION_OF_COUNT


_IRREGULAR = {"people": "person", "persons": "person", "men": "man", "women": "woman",
              "children": "child", "dies": "die", "series": "series", "data": "data"}
_ACRONYM = re.compile(r"^[A-Z]{2,}s?$")


def _singular(noun: str) -> str:
    word = noun.strip()
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if _ACRONYM.match(word):
        return word.removesuffix("s")
    word = low
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(ches|shes|sses|xes|zes)$", word) or re.search(r"[^aeiou]uses$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


for _noun in _COUNT_NOUNS:
    count_unit(_noun)

# Canonical unit and human name per physical dimension, so like quantities share one unit.
_PHYSICAL = (
    ("USD", "currency"),
    ("USD/hour", "currency rate"),
    ("W", "power"),
    ("W*hour", "energy"),
    ("hour", "duration"),
    ("m", "length"),
    ("FLOP", "compute"),
    ("FLOP/s", "compute throughput"),
    ("kg", "mass"),
    ("kelvin", "temperature"),
    ("m/s", "speed"),
    ("Hz", "frequency"),
    ("m**2", "area"),
    ("m**3", "volume"),
)
_PHYSICAL_NAMES = frozenset(name for _, name in _PHYSICAL) | {"data size", "data rate"}
_BY_DIMENSIONALITY = {ureg.Unit(u).dimensionality: (u, name) for u, name in _PHYSICAL}
# pint counts bits as dimensionless, so data sizes are told apart by their unit names.
_DATA = {(): ("byte", "data size"), (("[time]", -1),): ("byte/s", "data rate")}


def _data_dimension(unit: str) -> tuple[str, str] | None:
    parsed = parse_unit(unit)
    if not any("bit" in name or "byte" in name for name in parsed._units):
        return None
    return _DATA.get(tuple(sorted(parsed.dimensionality.items())))
_DIMENSIONLESS = {"percent": "percent", "%": "percent", "": "ratio", "dimensionless": "ratio",
                  "count": "number"}
_SHARES = {"basis_point": "percent"}  # shares in another unit than percent, compared in percent


def _named_dimension(unit: str) -> tuple[str, str] | None:
    """(canonical unit, human name) for data sizes and the physical dimensions listed above."""
    return _data_dimension(unit) or _BY_DIMENSIONALITY.get(parse_unit(unit).dimensionality)


@lru_cache(maxsize=4096)
def dimension_name(unit: str) -> str:
    """A human name for the unit's dimension: "currency rate", "count of GPUs", "percent"..."""
    if unit in _DIMENSIONLESS:
        return _DIMENSIONLESS[unit]
    if unit in _SHARES:
        return "percent"
    known = _named_dimension(unit)
    if known:
        return known[1]
    price = _price_per(unit)
    if price:
        return price
    dims = parse_unit(unit).dimensionality
    num = sorted(k.strip("[]") for k, v in dims.items() if v > 0)
    den = sorted(k.strip("[]") for k, v in dims.items() if v < 0)
    if len(num) == 1 and not den and num[0].startswith("count_"):
        return f"count of {plural(str(parse_unit(unit)))}"
    if num == ["currency"] and len(den) == 1 and den[0].startswith("count_"):
        return f"price per {den[0][6:]}"
    if len(num) == 1 and num[0].startswith("currency_"):
        return f"currency ({num[0][9:].upper()})" + "".join(" per " + d for d in den)
    counted = [n for n in num if n.startswith("count_")]
    if not den and len(num) == 2 and len(counted) == 1 and "time" in num:
        noun = next(u for u in parse_unit(unit)._units if _is_count(u))
        return f"{noun} time"  # "70 million GPU-hours": GPU time
    name = " * ".join(n.replace("count_", "") for n in num) or "1"
    return name + "".join(" per " + d.replace("count_", "") for d in den)


def _ratio_parts(unit: str) -> tuple[str, str] | None:
    """("USD", "GW") for "USD/GW": one unit over another."""
    head, _, per = unit.replace(" ", "").partition("/")
    return (head, per) if head and per and "/" not in per else None


def _price_per(unit: str) -> str:
    """"price per GPU", "price per token", "price per power", "wafers per time" for one unit over
    another, when the dimensionality alone would give an unreadable name."""
    pieces = unit.replace(" ", "").split("/")
    if len(pieces) == 3 and dimension_name(pieces[0]) == "currency" and dimension_name(pieces[2]) == "duration":
        return f"price per {dimension_name(pieces[1])} per time"  # "USD/kW/month": capacity priced by period
    parts = _ratio_parts(unit)
    if not parts:
        return ""
    head, per = (dimension_name(p) for p in parts)
    if head.startswith("currency ("):  # another currency over time
        return f"{head} rate" if per == "duration" else f"{head} per {per}"
    if head == "currency":
        if per.startswith("count of "):
            return f"price per {str(parse_unit(parts[1])).removeprefix('mega')}"
        return f"price per {per}"
    if head.startswith("count of ") and per == "duration":
        return f"{head.removeprefix('count of ')} per time"
    if per == "duration" and head in _PHYSICAL_NAMES:
        return f"{head} per time"  # "5 GW/year": power added each year
    if per.startswith("count of ") and head in _PHYSICAL_NAMES:
        return f"{head} per {parse_unit(parts[1])!s}"  # "kW/rack": power per rack
    return ""


_IRREGULAR_PLURAL = {"person": "people", "child": "children", "series": "series", "data": "data",
                     "man": "men", "woman": "women"}


def plural(name: str) -> str:
    """The plural of a unit name, for labels: "GPU" -> "GPUs", "person" -> "people"."""
    if name in _IRREGULAR_PLURAL:
        return _IRREGULAR_PLURAL[name]
    if name.endswith(("s", "x", "ch", "sh")):
        return name + "es"
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


@lru_cache(maxsize=4096)
def _base_unit(unit: str) -> str:
    if unit in _DIMENSIONLESS:
        return "percent" if unit in ("percent", "%") else unit or "dimensionless"
    if unit in _SHARES:
        return _SHARES[unit]
    known = _named_dimension(unit)
    if known:
        return known[0]
    pieces = unit.replace(" ", "").split("/")
    if len(pieces) == 3 and dimension_name(unit) == "price per power per time":
        return "/".join(_base_unit(p) for p in pieces)  # USD/MW/day -> USD/W/hour
    parts = _ratio_parts(unit)
    if parts and all(_named_dimension(p) or p in _DIMENSIONLESS or _is_count(p)
                     or dimension_name(p).startswith("currency (") for p in parts):
        head, per = (_base_unit(p) for p in parts)  # USD/GW -> USD/W, wafer/month -> wafer/hour
        return f"{head}/({per})" if "*" in per or "/" in per else f"{head}/{per}"  # USD/(W*hour)
    name = dimension_name(unit)
    if name.endswith(" time") and "*" in unit:
        return f"{name.removesuffix(' time')}*hour"  # GPU-hours compare in GPU*hour
    return str((1 * parse_unit(unit)).to_base_units().units).replace(" ", "")


def to_base(value: float | None, unit: str) -> tuple[float | None, str]:
    """(value in the dimension's canonical unit, that unit): $1.5B -> (1.5e9, "USD")."""
    base = _base_unit(unit)
    if value is None:
        return None, base
    if base == unit or unit in _DIMENSIONLESS:
        return float(value), base
    # built as a Quantity, not value * unit, so offset units ("5°" Celsius) convert too
    return float(ureg.Quantity(value, parse_unit(unit)).to(base).magnitude), base


def is_unit(unit: str) -> bool:
    """True when the string parses as a unit of this registry."""
    try:
        ureg.Unit(unit)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, ValueError,
            AttributeError, TypeError, AssertionError):
        return False
    return True

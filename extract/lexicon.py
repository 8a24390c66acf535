"""Words that name units, counted things, and the words that sit between a number and its noun.

Plain data, so a new unit is a one-line change and the matching code stays in quantities.py.
"""

from __future__ import annotations

import re

# Surface word (exact case first, then lower case) -> unit in the project registry.
UNIT_WORDS: dict[str, str] = {
    # power and energy
    "W": "W", "kW": "kW", "MW": "MW", "GW": "GW", "TW": "TW",
    "watt": "W", "watts": "W", "kilowatt": "kW", "kilowatts": "kW", "megawatt": "MW",
    "megawatts": "MW", "gigawatt": "GW", "gigawatts": "GW", "terawatt": "TW", "terawatts": "TW",
    "kWh": "kWh", "MWh": "MWh", "GWh": "GWh", "TWh": "TWh", "kwh": "kWh", "mwh": "MWh",
    "kilowatt-hour": "kWh", "kilowatt-hours": "kWh", "megawatt-hour": "MWh", "megawatt-hours": "MWh",
    "gigawatt-hour": "GWh", "gigawatt-hours": "GWh", "terawatt-hour": "TWh", "terawatt-hours": "TWh",
    "gwh": "GWh", "twh": "TWh", "kw": "kW", "mw": "MW", "gw": "GW",  # captions write units in lower case
    # length and process nodes
    "nm": "nm", "nanometer": "nm", "nanometers": "nm", "nanometre": "nm", "nanometres": "nm",
    "angstrom": "angstrom", "angstroms": "angstrom", "mm": "mm", "millimeter": "mm",
    "millimeters": "mm", "cm": "cm", "km": "km", "kilometer": "km", "kilometers": "km",
    "kilometre": "km", "kilometres": "km", "meter": "m", "meters": "m", "metre": "m",
    "metres": "m", "m": "m", "mile": "mile", "miles": "mile", "foot": "foot", "feet": "foot",
    "ft": "foot", "inch": "inch", "inches": "inch",
    # data
    "GB": "GB", "TB": "TB", "PB": "PB", "MB": "MB", "KB": "kB", "kB": "kB", "EB": "EB",
    "gigabyte": "GB", "gigabytes": "GB", "gig": "GB", "gigs": "GB", "terabyte": "TB",
    "terabytes": "TB", "petabyte": "PB", "petabytes": "PB", "megabyte": "MB", "megabytes": "MB",
    "exabyte": "EB", "exabytes": "EB", "Gb": "Gbit", "Tb": "Tbit", "bits": "bit", "bit": "bit",
    "gigabit": "Gbit", "gigabits": "Gbit", "terabit": "Tbit", "terabits": "Tbit", "megabit": "Mbit",
    "megabits": "Mbit",
    "bytes": "byte", "byte": "byte", "Gbps": "Gbit/s", "Mbps": "Mbit/s", "Tbps": "Tbit/s",
    # compute
    "FLOP": "FLOP", "FLOPs": "FLOP", "FLOPS": "FLOP", "flop": "FLOP", "flops": "FLOP",
    "teraflop": "TFLOP/s", "teraflops": "TFLOP/s", "TFLOPs": "TFLOP/s", "TFLOPS": "TFLOP/s",
    "petaflop": "PFLOP/s", "petaflops": "PFLOP/s", "PFLOPs": "PFLOP/s", "PFLOPS": "PFLOP/s",
    "exaflop": "EFLOP/s", "exaflops": "EFLOP/s", "EFLOPs": "EFLOP/s", "EFLOPS": "EFLOP/s",
    "zettaflops": "ZFLOP/s",
    # frequency, mass, temperature, speed
    "GHz": "GHz", "MHz": "MHz", "Hz": "Hz", "gigahertz": "GHz", "megahertz": "MHz",
    "mg": "mg", "milligram": "mg", "milligrams": "mg", "µm": "micrometer", "μm": "micrometer",
    "micrometer": "micrometer", "micrometers": "micrometer", "micron": "micrometer",
    "microns": "micrometer", "mL": "ml", "V": "V", "volt": "V", "volts": "V", "kV": "kV",
    "amp": "A", "amps": "A", "mAh": "mAh", "ppm": "ppm", "ppb": "ppb",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "ton": "t", "tons": "t", "tonne": "t",
    "tonnes": "t", "lb": "lb", "lbs": "lb", "°C": "degC", "°F": "degF", "°": "degC",
    "mph": "mph", "kph": "km/hour", "g": "g", "gram": "g", "grams": "g", "l": "l", "L": "l",
    "ml": "ml", "liter": "l", "liters": "l", "litre": "l", "litres": "l", "gallon": "gallon",
    "gallons": "gallon", "kHz": "kHz", "Ghz": "GHz", "Mhz": "MHz", "khz": "kHz", "hp": "hp",
    "bhp": "hp", "horsepower": "hp", "degF": "degF", "degC": "degC", "deg": "degC",
    "degrees": "degree", "degree": "degree", "pc": "percent", "yard": "yard", "yards": "yard",
    "ounce": "oz", "ounces": "oz", "oz": "oz", "pound": "lb", "pounds": "lb", "acre": "acre", "acres": "acre",
    "hectare": "hectare", "hectares": "hectare", "barrel": "oil_barrel", "barrels": "oil_barrel",
    # time
    "millisecond": "millisecond", "milliseconds": "millisecond", "ms": "millisecond",
    "second": "second", "seconds": "second", "secs": "second", "sec": "second",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "yr": "year", "yrs": "year",
    "decade": "decade", "decades": "decade", "year-old": "year", "years-old": "year",
    "month-old": "month", "months-old": "month", "week-old": "week", "day-old": "day",
    # money written after the number
    "USD": "USD", "usd": "USD", "cent": "cent", "cents": "cent",
    # multipliers and shares
    "x": "dimensionless", "X": "dimensionless", "%": "percent", "percent": "percent",
    "bps": "basis_point", "bp": "basis_point",
}

# Singular nouns counted as things ("one GPU", "a single server"), and how to name their unit.
SINGULAR_COUNT_NOUNS: dict[str, str] = {
    word: word for word in (
        "GPU", "TPU", "CPU", "chip", "accelerator", "server", "rack", "node", "cluster",
        "datacenter", "wafer", "parameter", "token", "expert", "layer", "model", "employee",
        "researcher", "engineer", "person", "user", "customer", "company", "paper", "page",
        "query", "request", "sample", "example", "lab", "startup", "country", "scan", "job",
        "GPUs", "TPUs", "CPUs",
    )
}
SINGULAR_COUNT_NOUNS.update({"param": "parameter", "params": "parameter",
                             "gpu": "GPU", "tpu": "TPU", "cpu": "CPU", "gpus": "GPU",
                             "tpus": "TPU", "cpus": "CPU", "tok": "token", "toks": "token"})

# Multi-word counted things, tried before single words.
COUNT_NOUN_PHRASES: list[tuple[re.Pattern, str]] = [
    (re.compile(p, re.IGNORECASE), unit) for p, unit in (
        (r"data\s*cent(?:er|re)s?\b", "datacenter"),
        (r"GPU[\s-]hours?\b", "GPU*hour"),  # "70 million GPU-hours": GPUs times hours, not hours
        (r"(?:H|A|B|GB)\d{2,3}s\b", "GPU"),
        (r"MI\d{3}X?s\b", "GPU"),
        (r"TPUs\b", "TPU"),  # Google's chips are counted as TPUs
        (r"people\b", "person"),
        (r"population\b", "person"),  # "a town of 10,000 population" holds 10,000 people
        (r"direct\s+reports?\b", "person"),
        (r"pagers?\b", "page"),  # "a 50 pager" is a document of 50 pages
        (r"(?:token\s+)?context(?:\s+(?:window|length)s?)?\b", "token"),  # "a 1M context window"
        (r"sq\.?\s?m\b|square\s+met(?:er|re)s?\b", "m**2"),
        (r"sq\.?\s?mm\b|square\s+millimet(?:er|re)s?\b", "mm**2"),
        (r"sq\.?\s?cm\b|square\s+centimet(?:er|re)s?\b", "cm**2"),
        (r"(?:hoppers|blackwells|H\d{3}[\s-]equivalents?)\b", "GPU"),
        (r"sq\.?\s?ft\b|square\s+f(?:ee|oo)t\b", "ft**2"),
        (r"sq\.?\s?km\b|square\s+kilomet(?:er|re)s?\b", "km**2"),
        (r"square\s+miles?\b", "mile**2"),
        (r"basis[\s-]points?\b", "basis_point"),
        (r"kilowatt\s+hours?\b", "kWh"), (r"megawatt\s+hours?\b", "MWh"),
        (r"gigawatt\s+hours?\b", "GWh"), (r"terawatt\s+hours?\b", "TWh"),  # "110 basis points" above the guided range
        (r"ws?pm\b|wafer\s+starts?\s+(?:per|a)\s+month\b", "wafer/month"),  # "115k wpm", "45k wspm"
        (r"men\b", "man"),
        (r"women\b", "woman"),
    )
]

# Words that may stand between a number and the noun it counts: "400 billion total parameters".
MODIFIER_WORDS = frozenset("""
total active new more additional extra different former separate individual top big small
large larger major full whole distinct unique core key main leading senior junior full-time
part-time current existing previous future potential possible actual real physical virtual
frontier open closed proprietary public private chinese american us u.s. european global
international domestic foreign local annual monthly weekly daily average typical
independent dedicated highly high low reasoning training inference human ai
such identical similar
""".split())

# Words ending in "s" after a number that are not counted nouns.
NOT_NOUNS = frozenset("""
is was has does goes says makes takes gets costs means seems runs comes needs uses works looks
wants thinks knows sells pays buys gives shows grows keeps lets puts sets tells turns
this thus plus less always perhaps across its his hers yes us as whereas besides sometimes thanks
towards afterwards unless regardless nevertheless ones times its lots others
percent hours days weeks months years minutes seconds decades
and or but so if of the a an to in on at by for with from into than then that which who
ish odd something figure figures
""".split())

# Words that end a noun phrase: a number is never counting past them.
FUNCTION_WORDS = frozenset("""
and or but nor so yet if then than that which who whom whose what when where why how
of the a an to in on at by for with from into onto over under about as like per via
is are was were be been being am do did done have had will would can could should may might must
it its this these those they them their we us our you your he him his she her i me my
not no just really very also only even still already again too quite pretty
there here now ago later before after while because since until though although
said says say think thought know knew get got go going went make made take took
about around roughly approximately approx nearly almost maybe some over under up
um uh yeah okay oh well right kind sort lot gets got like
it's that's there's here's what's he's she's we're they're you're i'm i've we've they've
don't doesn't didn't isn't wasn't can't won't i'd we'd they'd let's
""".split())

# Words that make a bare "billions" in a sentence mean money.
MONEY_WORDS = re.compile(
    r"\b(?:deal|deals|revenue|funding|fund|invest\w*|paid|pay|worth|valu\w+|spend\w*|spent|cost\w*"
    r"|price\w*|profit\w*|raise\w*|capex|budget|money|cash|dollars?|loans?|debt|sales|partnerships?"
    r"|contracts?|orders?|acqui\w+|bought|buy\w*|sold|sell\w*|market\s+cap\w*|comp|compensation"
    r"|salar\w+|run[\s-]rate|earn\w*|income|losses|lost|stock|equity|grants?|vest\w*)\b",
    re.IGNORECASE,
)

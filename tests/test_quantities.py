"""Labelled sentences: what the quantity finder must read, and what it must leave alone.

Cases are realistic transcript sentences, grouped like a labelled corpus: the rule each group
pins is in its name. A case is (sentence, [(surface, value, low, high, unit, qualifier), ...]).
"""

from __future__ import annotations

import math

import pytest

from extract import extract_text
from extract.quantities import find_quantities
from extract.units import dimension_name, ureg

MONEY_AND_RATES = [
    ("On Amazon it's $6 an hour, against a cost of about $1.40.",
     [("$6 an hour", 6, 6, 6, "USD/hour", "exact"), ("about $1.40", 1.4, 1.4, 1.4, "USD/hour", "approx")]),
    ("It rents at $2 an hour. The chip itself costs $30,000.",  # a price far apart is no rate
     [("$2 an hour", 2, 2, 2, "USD/hour", "exact"), ("$30,000", 3e4, 3e4, 3e4, "USD", "exact")]),
    ("They charge \\$2 per million tokens for output.",
     [("\\$2 per million tokens", 2, 2, 2, "USD/Mtoken", "exact")]),
    ("The round valued them at $1.5B, north of $100 billion for the parent.",
     [("$1.5B", 1.5e9, 1.5e9, 1.5e9, "USD", "exact"),
      ("north of $100 billion", 1e11, 1e11, None, "USD", "more_than")]),
    ("That costs hundreds of millions of dollars to build.",
     [("hundreds of millions of dollars", 5.5e8, 1e8, 1e9, "USD", "approx")]),
    ("It was a hundred billion dollars, like $10B a year in capex.",
     [("a hundred billion dollars", 1e11, 1e11, 1e11, "USD", "exact"),
      ("like $10B a year", 1e10, 1e10, 1e10, "USD/year", "approx")]),
    ("Salaries between $48,000 and $90,000 a year.",
     [("$48,000 and $90,000 a year", 69000, 48000, 90000, "USD/year", "exact")]),
    ("The top people get seven figures, on an 8-figure deal.",
     [("seven figures", 5.5e6, 1e6, 1e7, "USD", "approx"), ("8-figure", 5.5e7, 1e7, 1e8, "USD", "approx")]),
]

COUNTS_AND_SIZES = [
    ("If you multiply a matrix that's 8,000 by 8,000 by 8,000, it won't fit.",
     [("8,000 by 8,000 by 8,000", 8000, 8000, 8000, "count", "exact")]),
    ("A town of 10,000 population; he has 68 direct reports.",
     [("10,000 population", 1e4, 1e4, 1e4, "person", "exact"),
      ("68 direct reports", 68, 68, 68, "person", "exact")]),
    ("72 GPUs work tightly together in one NVLink domain.",
     [("72 GPUs", 72, 72, 72, "GPU", "exact")]),
    ("Clusters of 100k GPUs today, 300-600k next year.",
     [("100k GPUs", 1e5, 1e5, 1e5, "GPU", "exact"), ("300-600k", 4.5e5, 3e5, 6e5, "GPU", "exact")]),
    ("Maverick has 400 billion total parameters and 17 billion active parameters.",
     [("400 billion total parameters", 4e11, 4e11, 4e11, "parameter", "exact"),
      ("17 billion active parameters", 1.7e10, 1.7e10, 1.7e10, "parameter", "exact")]),
    ("It was trained on 32,000 H100 GPUs with nine foundation models.",
     [("32,000 H100 GPUs", 32000, 32000, 32000, "GPU", "exact"),
      ("nine foundation models", 9, 9, 9, "model", "exact")]),
    ("Roughly 1e29 FLOPs, about 2 trillion parameters.",
     [("Roughly 1e29 FLOPs", 1e29, 1e29, 1e29, "FLOP", "approx"),
      ("about 2 trillion parameters", 2e12, 2e12, 2e12, "parameter", "approx")]),
    ("The whole campus draws five gigawatts, maybe 1.5 GW at first.",
     [("five gigawatts", 5, 5, 5, "GW", "exact"), ("maybe 1.5 GW", 1.5, 1.5, 1.5, "GW", "approx")]),
    ("Each one has 80 gigs of HBM and runs at around 1,000 teraflops.",
     [("80 gigs", 80, 80, 80, "GB", "exact"),
      ("around 1,000 teraflops", 1000, 1000, 1000, "TFLOP/s", "approx")]),
    ("Someone on the 1M context length team, with a 128k context window.",
     [("1M context length", 1e6, 1e6, 1e6, "token", "exact"),
      ("128k context window", 1.28e5, 1.28e5, 1.28e5, "token", "exact")]),
    ("They have three former researchers and 5 data centers.",
     [("three former researchers", 3, 3, 3, "researcher", "exact"),
      ("5 data centers", 5, 5, 5, "datacenter", "exact")]),
]

SHARES_RATIOS_DURATIONS = [
    ("Money split (very rough): 80% GPUs, 10% power. Margins are 60%.",
     [("80%", 80, 80, 80, "percent", "approx"), ("10%", 10, 10, 10, "percent", "approx"),
      ("60%", 60, 60, 60, "percent", "exact")]),
    ("Microsoft gets a 20% revenue share and half of their profit.",
     [("20%", 20, 20, 20, "percent", "exact"), ("half", 50, 50, 50, "percent", "exact")]),
    ("The Chinchilla rule is about 20 tokens per parameter.",
     [("about 20 tokens per parameter", 20, 20, 20, "token/parameter", "approx")]),
    ("A 10x profit cap, and it's 27x cheaper.",
     [("10x", 10, 10, 10, "dimensionless", "exact"), ("27x", 27, 27, 27, "dimensionless", "exact")]),
    ("It's either 49 or 51%, with five more years to go.",
     [("49 or 51%", 50, 49, 51, "percent", "approx"), ("five more years", 5, 5, 5, "year", "exact")]),
    ("It takes nine months to a year, or 5-10 years for a fab.",
     [("nine months to a year", 10.5, 9, 12, "month", "exact"),
      ("5-10 years", 7.5, 5, 10, "year", "exact")]),
    ("Utilisation was around 39%, 40%, and two thirds of it is idle.",
     [("around 39%, 40%", 39.5, 39, 40, "percent", "approx"),
      ("two thirds", 200 / 3, 200 / 3, 200 / 3, "percent", "exact")]),
    ("Over one fifth of papers, up to 36 hours each, under 5% of the time.",
     [("Over one fifth", 20, 20, None, "percent", "more_than"),
      ("up to 36 hours", 36, None, 36, "hour", "up_to"),
      ("under 5%", 5, None, 5, "percent", "less_than")]),
    ("Abilene is, what, 1.2 gigawatts; it gets, I don't know, 70% on GPQA.",
     [("what, 1.2 gigawatts", 1.2, 1.2, 1.2, "GW", "approx"),
      ("I don't know, 70%", 70, 70, 70, "percent", "approx")]),
    ("Revenue passed $500 million; recall fades past 100k tokens, within five years.",
     [("passed $500 million", 5e8, 5e8, None, "USD", "more_than"),
      ("past 100k tokens", 1e5, 1e5, None, "token", "more_than"),
      ("within five years", 5, None, 5, "year", "at_most")]),
    ("Five or six campuses over the past 10 years, on the $200 a month Max plan.",
     [("Five or six campuses", 5.5, 5, 6, "campus", "approx"), ("10 years", 10, 10, 10, "year", "exact"),
      ("$200 a month", 200, 200, 200, "USD/month", "exact")]),
    ("It is a two-year deadline and a six-month embargo.",
     [("two-year", 2, 2, 2, "year", "exact"), ("six-month", 6, 6, 6, "month", "exact")]),
    ("At least 10,000 GPUs, or 100,000+ if they can.",
     [("At least 10,000 GPUs", 1e4, 1e4, None, "GPU", "at_least"),
      ("100,000+", 1e5, 1e5, None, "GPU", "more_than")]),
    ("Use an average of a thousand reasoning tokens to respond or 10,000 or a hundred thousand.",
     [("a thousand reasoning tokens", 1000, 1000, 1000, "token", "exact"),
      ("10,000", 1e4, 1e4, 1e4, "token", "exact"),
      ("a hundred thousand", 1e5, 1e5, 1e5, "token", "exact")]),
]

OTHER_CURRENCIES_AND_SIGNS = [
    ("A fine of 10.5 million Australian dollars, or £3bn, or €5 a month.",
     [("10.5 million Australian dollars", 1.05e7, 1.05e7, 1.05e7, "AUD", "exact"),
      ("£3bn", 3e9, 3e9, 3e9, "GBP", "exact"), ("€5 a month", 5, 5, 5, "EUR/month", "exact")]),
    ("The index fell -1.3% and grew more than sixfold.",
     [("-1.3%", -1.3, -1.3, -1.3, "percent", "exact"),
      ("more than sixfold", 6, 6, None, "dimensionless", "more_than")]),
    ("They make sub-7 nanometer chips.",
     [("sub-7 nanometer", 7, None, 7, "nm", "less_than")]),
    ("The mass is approximately 1.99×10−30 kilograms.",
     [("approximately 1.99×10−30 kilograms", 1.99e-30, 1.99e-30, 1.99e-30, "kg", "approx")]),
]

SPOKEN_FORMS = [
    ("Spot went from two forty an hour to a dollar ninety; quotes are three sixty per GPU hour, we said four ten.",
     [("two forty an hour", 2.4, 2.4, 2.4, "USD/hour", "exact"),
      ("a dollar ninety", 1.9, 1.9, 1.9, "USD/hour", "exact"),
      ("three sixty per GPU hour", 3.6, 3.6, 3.6, "USD/hour", "exact"),
      ("four ten", 4.1, 4.1, 4.1, "USD/hour", "exact")]),
    ("Headcount plan was two thirty and we land at two fifteen; the demand charge is eighteen fifty a month.",
     [("two thirty", 230, 230, 230, "employee", "exact"), ("two fifteen", 215, 215, 215, "employee", "exact"),
      ("eighteen fifty a month", 18.5, 18.5, 18.5, "USD/month", "exact")]),
    ("They want 4,096 B two hundreds, fifty seven racks; the old h one hundred racks drew forty kilowatts.",
     [("4,096 B two hundreds", 4096, 4096, 4096, "GPU", "exact"), ("fifty seven racks", 57, 57, 57, "rack", "exact"),
      ("forty kilowatts", 40, 40, 40, "kW", "exact")]),
    ("Samsung is in the low thirties; one in four dies fail; it has over a terabyte of HBM.",
     [("low thirties", 31.5, 30, 33, "count", "approx"), ("one in four", 25, 25, 25, "percent", "exact"),
      ("over a terabyte", 1, 1, None, "TB", "more_than")]),
    ("It rents for a dollar ninety an hour, was two dollars fifty, under a dollar per million input.",
     [("a dollar ninety an hour", 1.9, 1.9, 1.9, "USD/hour", "exact"),
      ("two dollars fifty", 2.5, 2.5, 2.5, "USD/hour", "exact"),
      ("under a dollar per million input", 1, None, 1, "USD/Mtoken", "less_than")]),
    ("Flash costs 7.5 cents per million input tokens and 30 cents output.",
     [("7.5 cents per million input tokens", 0.075, 0.075, 0.075, "USD/Mtoken", "exact"),
      ("30 cents output", 0.3, 0.3, 0.3, "USD/Mtoken", "exact")]),
    ("A run of about 4 times 10 to the 25 flops, well past 10 to the 26 soon.",
     [("about 4 times 10 to the 25 flops", 4e25, 4e25, 4e25, "FLOP", "approx"),
      ("past 10 to the 26", 1e26, 1e26, None, "FLOP", "more_than")]),
    ("A couple hundred billion active, a few hundred people. It cost five and a half million dollars.",
     [("A couple hundred billion active", 2e11, 2e11, 2e11, "parameter", "approx"),
      ("a few hundred people", 350, 200, 500, "person", "approx"),
      ("five and a half million dollars", 5.5e6, 5.5e6, 5.5e6, "USD", "exact")]),
    ("Gross margins in the low 60s, about a gigawatt, roughly double, a year and a half.",
     [("low 60s", 61.5, 60, 63, "percent", "approx"), ("about a gigawatt", 1, 1, 1, "GW", "approx"),
      ("roughly double", 2, 2, 2, "dimensionless", "approx"),
      ("a year and a half", 1.5, 1.5, 1.5, "year", "exact")]),
    ("Power is $85 a megawatt-hour; HBM moves 8 terabytes a second; it is 671 billion total.",
     [("$85 a megawatt-hour", 85, 85, 85, "USD/MWh", "exact"),
      ("8 terabytes a second", 8, 8, 8, "TB/s", "exact"),
      ("671 billion total", 6.71e11, 6.71e11, 6.71e11, "parameter", "exact")]),
    ("And 10 billion plus for Ilya, that is what they paid.",
     [("10 billion plus", 1e10, 1e10, None, "USD", "more_than")]),
    ("I spend 50 more dollars of hardware on a trillion-dollar company.",
     [("50 more dollars", 50, 50, 50, "USD", "exact"), ("a trillion-dollar", 1e12, 1e12, 1e12, "USD", "exact")]),
    ("A 5-person team with a four-cylinder budget, and 5+ gigawatts.",
     [("5-person", 5, 5, 5, "person", "exact"), ("four-cylinder", 4, 4, 4, "cylinder", "exact"),
      ("5+ gigawatts", 5, 5, None, "GW", "more_than")]),
    ("It costs $2 per GPU per hour and 100k wafers a month.",
     [("$2 per GPU per hour", 2, 2, 2, "USD/hour", "exact"),
      ("100k wafers a month", 1e5, 1e5, 1e5, "wafer/month", "exact")]),
    ("Tasks are 20 30 seconds, he's 28 or 29ish.",
     [("20 30 seconds", 25, 20, 30, "second", "approx"), ("28 or 29ish", 28.5, 28, 29, "year", "approx")]),
    ("Revenue will be hundreds of billions if not a trillion, a multi-billion bet.",
     [("hundreds of billions if not a trillion", 5.5e11, 1e11, 1e12, "USD", "approx"),
      ("multi-billion", 5.5e9, 1e9, 1e10, "USD", "approx")]),
    ("You need all 500 or something experts, roughly it's 20 tokens per parameter.",
     [("500 or something experts", 500, 500, 500, "expert", "approx"),
      ("roughly it's 20 tokens per parameter", 20, 20, 20, "token/parameter", "approx")]),
    ("Way less than even 50 employees earn 8 figures every year.",
     [("less than even 50 employees", 50, None, 50, "employee", "less_than"),
      ("8 figures every year", 5.5e7, 1e7, 1e8, "USD/year", "approx")]),
    ("A 1e30 run on a 100k cluster; we'll have 1b models, dozens of minutes.",
     [("1e30", 1e30, 1e30, 1e30, "FLOP", "exact"), ("100k cluster", 1e5, 1e5, 1e5, "GPU", "exact"),
      ("1b models", 1e9, 1e9, 1e9, "parameter", "exact"),
      ("dozens of minutes", 66, 12, 120, "minute", "approx")]),
    ("The ASP is three point two to three point five million dollars, about one point six x the old one.",
     [("three point two to three point five million dollars", 3.35e6, 3.2e6, 3.5e6, "USD", "exact"),
      ("about one point six x", 1.6, 1.6, 1.6, "dimensionless", "approx")]),
    ("A corpus of around seven point five two billion tokens; so 71.9 instead of seventy point nine.",
     [("around seven point five two billion tokens", 7.52e9, 7.52e9, 7.52e9, "token", "approx"),
      ("71.9", 71.9, 71.9, 71.9, "count", "exact"), ("seventy point nine", 70.9, 70.9, 70.9, "count", "exact")]),
    ("A run of two times ten to the twenty-five FLOPs, up to a hundred and twenty-eight K context.",
     [("two times ten to the twenty-five FLOPs", 2e25, 2e25, 2e25, "FLOP", "exact"),
      ("up to a hundred and twenty-eight K context", 1.28e5, None, 1.28e5, "token", "up_to")]),
    ("I'd say four to four and a quarter million units; call it seven hundred and forty thousand.",
     [("four to four and a quarter million", 4.125e6, 4e6, 4.25e6, "count", "exact"),
      ("call it seven hundred and forty thousand", 7.4e5, 7.4e5, 7.4e5, "count", "approx")]),
    ("The b200 rents for three fifty to four bucks, down about 10x, ten times.",
     [("three fifty to four bucks", 3.75, 3.5, 4, "USD/hour", "exact"),  # a GPU's rent is by the hour
      ("about 10x", 10, 10, 10, "dimensionless", "approx"), ("ten times", 10, 10, 10, "dimensionless", "exact")]),
]

UNITS_SAID_ONCE = [
    ("A disorderly exit would cost it $800 million in 2019.",
     [("$800 million", 8e8, 8e8, 8e8, "USD", "exact")]),
    ("We grew the team to 40 this year; headcount is about 3,000.",
     [("40", 40, 40, 40, "employee", "exact"), ("about 3,000", 3000, 3000, 3000, "employee", "approx")]),
    ("They trained 312 models, ranging from 150 million to 7 billion parameters.",
     [("312 models", 312, 312, 312, "model", "exact"),
      ("150 million to 7 billion parameters", 3.575e9, 1.5e8, 7e9, "parameter", "exact")]),
    ("Five billion-ish, growing to maybe 12 next year; 420 billion, up from, what, 230.",
     [("Five billion-ish", 5e9, 5e9, 5e9, "USD", "approx"), ("maybe 12", 1.2e10, 1.2e10, 1.2e10, "USD", "approx"),
      ("420 billion", 4.2e11, 4.2e11, 4.2e11, "USD", "exact"), ("what, 230", 2.3e11, 2.3e11, 2.3e11, "USD", "approx")]),
    ("A single h100 is around 700 watts but all in it's more like 1,400 per gpu.",
     [("around 700 watts", 700, 700, 700, "W", "approx"), ("like 1,400 per gpu", 1400, 1400, 1400, "W/GPU", "approx")]),
    (("Each has 192 GB per GPU, racks draw 600 kilowatts per rack, the run used 15 trillion tokens, "
     "about 400 per active parameter, and 70% goes to the chips, the other 15 billion to buildings."),
     [("192 GB per GPU", 192, 192, 192, "GB", "exact"), ("600 kilowatts per rack", 600, 600, 600, "kW", "exact"),
      ("15 trillion tokens", 1.5e13, 1.5e13, 1.5e13, "token", "exact"),
      ("about 400 per active parameter", 400, 400, 400, "token/parameter", "approx"),
      ("70%", 70, 70, 70, "percent", "exact"), ("15 billion", 1.5e10, 1.5e10, 1.5e10, "USD", "exact")]),
    ("Power was like $35 a megawatt hour now 55 60; the rack is 120 kilowatts 130 somewhere in there.",
     [("like $35 a megawatt hour", 35, 35, 35, "USD/MWh", "approx"), ("55 60", 57.5, 55, 60, "USD/MWh", "approx"),
      ("120 kilowatts 130", 125, 120, 130, "kW", "exact")]),
    ("On 35 billion of gpus, at 50 billion a gigawatt, they burn 2 billion a year.",
     [("35 billion of gpus", 3.5e10, 3.5e10, 3.5e10, "USD", "exact"),
      ("50 billion a gigawatt", 5e10, 5e10, 5e10, "USD/GW", "exact"),
      ("2 billion a year", 2e9, 2e9, 2e9, "USD/year", "exact")]),
    ("Switchgear is like 18 months to two years, a pue of 1.2, and cost fell by a factor of two.",
     [("like 18 months to two years", 21, 18, 24, "month", "approx"), ("1.2", 1.2, 1.2, 1.2, "dimensionless", "exact"),
      ("a factor of two", 2, 2, 2, "dimensionless", "exact")]),
    ("Racks are eight to ten kw and use 8,760 gigawatt hours.",
     [("eight to ten kw", 9, 8, 10, "kW", "exact"), ("8,760 gigawatt hours", 8760, 8760, 8760, "GWh", "exact")]),
    ("It has 48 billion active per token. Sorry, no, 42 billion. They run 300 GPUs, sorry, 320.",
     [("48 billion active", 4.8e10, 4.8e10, 4.8e10, "parameter", "exact"),
      ("42 billion", 4.2e10, 4.2e10, 4.2e10, "parameter", "exact"),
      ("300 GPUs", 300, 300, 300, "GPU", "exact"), ("320", 320, 320, 320, "GPU", "exact")]),
    ("The auction cleared at $329.17/MW-day; demand is $18.50 per kW per month; 55 cents input, 88 cents a million.",
     [("$329.17/MW-day", 329.17, 329.17, 329.17, "USD/MW/day", "exact"),
      ("$18.50 per kW per month", 18.5, 18.5, 18.5, "USD/kW/month", "exact"),
      ("55 cents input", 0.55, 0.55, 0.55, "USD/Mtoken", "exact"),
      ("88 cents a million", 0.88, 0.88, 0.88, "USD/Mtoken", "exact")]),
    ("CoWoS reaches 115-120k wpm, N3 ~160k wafer starts per month; a kernel engineer is 450 to 600k a year.",
     [("115-120k wpm", 117500, 115000, 120000, "wafer/month", "exact"),
      ("~160k wafer starts per month", 160000, 160000, 160000, "wafer/month", "approx"),
      ("450 to 600k a year", 525000, 450000, 600000, "USD/year", "exact")]),
    ("Neoclouds list H100s at around $2.49 on demand; debt is 640 million. The first one is three ten.",
     [("around $2.49", 2.49, 2.49, 2.49, "USD/hour", "approx"), ("640 million", 6.4e8, 6.4e8, 6.4e8, "USD", "exact"),
      ("three ten", 3.1e8, 3.1e8, 3.1e8, "USD", "exact")]),
    ("On swe bench that was a 7 point jump, a new PhD gets 300 to 600k a year in total comp.",
     [("7 point", 7, 7, 7, "percent", "exact"), ("300 to 600k a year", 4.5e5, 3e5, 6e5, "USD/year", "exact")]),
    ("It costs about $38,000 a GPU and draws roughly 1.8 kilowatts a GPU, 132 kilowatts a rack.",
     [("about $38,000 a GPU", 38000, 38000, 38000, "USD", "approx"),
      ("roughly 1.8 kilowatts a GPU", 1.8, 1.8, 1.8, "kW/GPU", "approx"),
      ("132 kilowatts a rack", 132, 132, 132, "kW", "exact")]),
    ("A 70B at FP8 fits, the 671B MoE does not; xAI raised 6B. Scores drop at 128K and at 1M context.",
     [("70B", 7e10, 7e10, 7e10, "parameter", "exact"), ("671B", 6.71e11, 6.71e11, 6.71e11, "parameter", "exact"),
      ("6B", 6e9, 6e9, 6e9, "USD", "exact"), ("128K", 1.28e5, 1.28e5, 1.28e5, "token", "exact"),
      ("1M context", 1e6, 1e6, 1e6, "token", "exact")]),
    ("Offers are $350 to $450K base plus equity; on demand, $8 to $8.50 was normal.",
     [("$350 to $450K base", 4e5, 3.5e5, 4.5e5, "USD/year", "exact"),
      ("$8 to $8.50", 8.25, 8, 8.5, "USD/hour", "exact")]),
    ("A layer has about 12 d-squared parameters. Through the whole stack you get roughly 64 billion.",
     [("about 12 d-squared parameters", 12, 12, 12, "parameter", "approx"),
      ("roughly 64 billion", 6.4e10, 6.4e10, 6.4e10, "parameter", "approx")]),
    ("Let's agree it's half a gigawatt; blend at a 3:1 mix; the move takes two or three quarters.",
     [("half a gigawatt", 0.5, 0.5, 0.5, "GW", "exact"), ("3:1", 3, 3, 3, "dimensionless", "exact"),
      ("two or three quarters", 2.5, 2, 3, "fiscal_quarter", "approx")]),
    ("We rent an 8xH100 node, 4x 4090 at home and 8x H100 in the colo, 10x the density.",
     [("8xH100", 8, 8, 8, "GPU", "exact"), ("4x 4090", 4, 4, 4, "GPU", "exact"), ("8x H100", 8, 8, 8, "GPU", "exact"),
      ("10x", 10, 10, 10, "dimensionless", "exact")]),
    ("An H100 was renting for like $8 an hour back in 2023.",
     [("like $8 an hour", 8, 8, 8, "USD/hour", "approx")]),
]

BANDS_AND_TOLERANCES = [
    ("It needs several hundred turbines and several thousand GPUs.",
     [("several hundred turbines", 600, 300, 900, "turbine", "approx"),
      ("several thousand GPUs", 6000, 3000, 9000, "GPU", "approx")]),
    ("HBM pricing is up high single digits; China is low single digits; margins in the mid-teens.",
     [("high single digits", 8, 7, 9, "percent", "approx"), ("low single digits", 2, 1, 3, "percent", "approx"),
      ("mid-teens", 16, 15, 17, "percent", "approx")]),
    ("We guide to $44 billion plus or minus 2%, and margin of 72.5% plus or minus 50 basis points.",
     [("$44 billion plus or minus 2%", 4.4e10, 4.312e10, 4.488e10, "USD", "approx"),
      ("72.5% plus or minus 50 basis points", 72.5, 72, 73, "percent", "approx")]),
    ("So net-net, 72.5, plus or minus half a point; latency 40 ms ± 5 ms; a 30% +/- 2% share.",
     [("72.5, plus or minus half a point", 72.5, 72, 73, "percent", "approx"),
      ("40 ms ± 5 ms", 40, 35, 45, "millisecond", "approx"), ("30% +/- 2%", 30, 28, 32, "percent", "approx")]),
    ("It beat the range by a hundred and ten basis points, up 50 bps on the year.",
     [("a hundred and ten basis points", 110, 110, 110, "basis_point", "exact"),
      ("50 bps", 50, 50, 50, "basis_point", "exact")]),
]

NOT_QUANTITIES = [
    "In 2024 we used GPT-4.5, Llama 4, Claude 3.7 Sonnet and Grok 3.5 on H100 and GB200.",
    "Welcome to episode #206, recorded on April 8th.",
    "[00:19] Dylan Patel: **[35:00]** (01:15) it's kind of cooked.",
    "Early 24 they said by 2027 it would be done, see https://example.com/v/1234?t=56.",
    "The first one was the second best, one of the things I liked.",
    "We've talked about Lama 4 Scout and QWEN 2.5 before.",
    "1. The first point.",
    "He said it on 2025/4/9 and again on 3/14.",
    "A few, a couple, several, many, a lot of them.",
    "You're using 03 day-to-day.",
    "They want to run GPT 4.5 or 4.1 or 03 or Claude Opus, like Agent 007.",
    "I agree that 22-7 is plausible, unlike the 9-5 crowd.",
    "Between 2014 and 2017, the iPhone 11 Pro and the 737 Max, Sept. 20-24.",
    "The gluten free options and a third-party vendor keep half-staff.",
    "It is much smarter than 40 and 4.1; the paper from 22, I think 2022, said so.",
    "Speaker 1 (00:01:23): that is what SPEAKER 2 said.",
    "Everyone points to the Chinchilla paper from 22, I think.",
    "Revenue tops it in a quarter; the second half of 26; one of the top labs; we double checked.",
    "The price per million tokens is falling, and the MI 400 and mi 400 ship.",
    "It ended 2-2 on aggregate, tied at 89-89; built between A.D. 1000 and 1260; COVID -19 spread.",
    "What does a megawatt cost to build?",
    "Vaccines go to Tier 1A first, then 1B and 1C; the drug is in Phase 2A, not 2B.",
    "In twenty twenty-four, around nineteen ninety, in two thousand and eight, we were open twenty-four seven.",
    "The 10-Q and the 8-K said so [1], see note [^2].",
    "| Model | Price per 1M input | Price per 1M output |",
    "To restart three mile island unit 1, they want power for colossus 2.",
    "By that measure, Kestrel 4.5 handles tasks; show notes are at powerlines.fm/47.",
    "See Exhibit 3 and Fig. 2; call +1 212 555 0143; cite arXiv:2412.19437; CES runs 6-9 January.",
    "The gap has narrowed. ROCm 7 closes most of it, and the old h one hundred racks, the NVL seventy twos.",
    "The 5090 draws more than a used 3090 in multi-5090 rigs; an RTX 4090 Ti too; load more comments (41 replies)",
    "Lecture 7: Problem set 2 grades are up, and question 4 was the hard one.",
    "[9:14 AM] mei.w: that works :+1: 3 :eyes: 2",
]


def _check(sentence: str, expected: list[tuple]) -> None:
    got = find_quantities(sentence)
    assert [q.surface for q in got] == [e[0] for e in expected], sentence
    for q, (surface, value, low, high, unit, qualifier) in zip(got, expected, strict=True):
        assert math.isclose(q.value, value, rel_tol=1e-6), surface
        for actual, wanted in ((q.low, low), (q.high, high)):
            assert (actual is None) == (wanted is None), surface
            if wanted is not None:
                assert math.isclose(actual, wanted, rel_tol=1e-6), surface
        assert ureg.Unit(q.unit) == ureg.Unit(unit), f"{surface}: {q.unit} != {unit}"
        assert q.qualifier == qualifier, surface
        assert sentence[q.start:q.end] == q.surface


@pytest.mark.parametrize(("sentence", "expected"), UNITS_SAID_ONCE)
def test_units_said_once(sentence, expected):
    _check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), BANDS_AND_TOLERANCES)
def test_bands_and_tolerances(sentence, expected):
    _check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), MONEY_AND_RATES)
def test_money_and_rates(sentence, expected):
    _check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), COUNTS_AND_SIZES)
def test_counts_and_sizes(sentence, expected):
    _check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), SHARES_RATIOS_DURATIONS)
def test_shares_ratios_durations(sentence, expected):
    _check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), OTHER_CURRENCIES_AND_SIGNS)
def test_other_currencies_and_signs(sentence, expected):
    _check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), SPOKEN_FORMS)
def test_spoken_forms(sentence, expected):
    _check(sentence, expected)


@pytest.mark.parametrize("sentence", NOT_QUANTITIES)
def test_things_that_only_look_numeric_are_left_out(sentence):
    assert [q.surface for q in find_quantities(sentence)] == []


def test_counts_of_different_things_are_different_dimensions():
    gpus, tokens = find_quantities("8 GPUs and 20 tokens")
    assert dimension_name(gpus.unit) == "count of GPUs"
    assert ureg.Unit(gpus.unit).dimensionality != ureg.Unit(tokens.unit).dimensionality


def test_a_long_line_is_read_in_linear_time():
    import time

    def seconds(n: int) -> float:
        line = "Clusters of 100k GPUs cost about $6 an hour, over 20% of it power. " * n
        start = time.perf_counter()
        find_quantities(line)
        return time.perf_counter() - start

    seconds(50)
    small, large = seconds(500), seconds(4000)
    assert large < small * 8 * 3  # 8x the text may take at most ~3x the per-character time


def test_a_bare_count_takes_the_noun_it_refers_back_to():
    line = ("Nvidia connects their GPUs so 72 of them work together, "
            "whereas AMD can only have eight of them. The score was 12.")
    units = {q.surface: q.unit for q in find_quantities(line)}
    assert units == {"72": "GPU", "eight of them": "GPU", "12": "count"}


def test_the_subject_of_a_count_is_not_what_it_counts():
    line = ("Nvidia networks its chips with NVLink. Their servers are 72 of them working together, "
            "whereas AMD has eight of them.")
    units = {q.surface: q.unit for q in find_quantities(line)}
    assert units == {"72": "GPU", "eight of them": "GPU"}  # a GPU maker's chips are GPUs
    line = "Google links its chips with ICI. Their servers are 256 of them."
    assert [q.unit for q in find_quantities(line)] == ["chip"]
    (_, q) = find_quantities("V3 has 256 experts. Other models only have ~32.")
    assert q.unit == "expert"


def test_a_count_cut_off_at_the_end_of_a_line_takes_the_noun_the_next_line_opens_with():
    talk = "**[05:26]** Those experiments were all done with 100.\n\n**[05:30]** GPUs. Awesome.\n"
    assert [(m.surface, m.unit) for m in extract_text(talk, "cut.md")] == [("100", "GPU")]
    talk = "We shipped 100.\n\nAwesome, GPUs everywhere.\n"  # the noun must open the line
    assert [(m.surface, m.unit) for m in extract_text(talk, "cut.md")] == [("100", "count")]


def test_within_bounds_only_time_distance_and_shares():
    found = {q.surface: q.qualifier for q in find_quantities(
        "A role within a trillion-dollar company, within five years, within 5% of it.")}
    assert found == {"a trillion-dollar": "exact", "within five years": "at_most", "within 5%": "at_most"}


def test_figures_of_something_are_no_money():
    assert all(q.unit != "USD" for q in find_quantities("The paper shows 5 figures of data."))


def test_an_age_is_a_duration():
    (q,) = find_quantities("He's 28 and already runs the lab.")
    assert (q.value, q.unit) == (28, "year")


def test_a_translation_names_what_an_english_count_left_implicit():
    from extract.pipeline import extract_text

    text = ("Nvidia builds servers where like 72 of them work together.\n"
            "英伟达的服务器里有 72 颗 GPU 协同工作。\n")
    english = [m for m in extract_text(text, doc="bilingual.txt") if m.lang == "en"]
    assert [(m.surface, m.unit, m.dimension) for m in english] == [("like 72", "GPU", "count of GPUs")]


def test_every_seed_mention_keeps_the_schema_promises():
    """Across the bundled seeds: qualifiers and topics from the fixed lists, units that parse,
    low <= value <= high, and the surface found exactly where the row says."""
    from pathlib import Path

    from extract.pipeline import extract_paths
    from extract.schema import QUALIFIERS, TOPICS
    from extract.units import parse_unit

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    frame = extract_paths([seeds]).frame
    lines = {p.name: p.read_text(encoding="utf-8").split("\n") for p in seeds.glob("*.txt")}
    assert len(frame) > 300
    for row in frame.itertuples():
        assert row.qualifier in QUALIFIERS and row.topic in TOPICS, row
        parse_unit(row.unit)
        assert lines[row.doc][row.line - 1][row.char_start:row.char_end] == row.surface
        if not math.isnan(row.low):
            assert row.low <= row.value, row
        if not math.isnan(row.high):
            assert row.value <= row.high, row


def test_cents_and_dollars_and_energy_prices_compare_on_one_base():
    said = "7.5 cents per million tokens, or $0.075 per million tokens; power at $85 a megawatt-hour, $0.085 per kWh."
    (cents, dollars, mwh, kwh) = extract_text(said, "prices.md")
    assert math.isclose(cents.base_value, dollars.base_value) and cents.base_unit == dollars.base_unit
    assert math.isclose(mwh.base_value, kwh.base_value) and mwh.base_unit == kwh.base_unit


def test_captions_keep_a_price_per_hour_across_their_lines():
    captions = ("0:41 like eight dollars an hour on demand and now the spot market is\n"
                "0:46 a dollar sixty five a dollar ninety depending on the provider\n"
                "0:55 and the b200 is renting for i think four bucks\n"
                "1:00 an hour on a three-year contract\n"
                "1:05 an h100 server is maybe three hundred and fifty thousand dollars\n")
    units = [(m.surface, m.unit) for m in extract_text(captions, "captions.txt")]
    assert units == [("like eight dollars an hour", "USD/hour"), ("a dollar sixty five", "USD/hour"),
                     ("a dollar ninety", "USD/hour"), ("four bucks", "USD/hour"), ("three-year", "year"),
                     ("maybe three hundred and fifty thousand dollars", "USD")]  # a server's price


def test_a_sum_said_a_year_ago_is_no_yearly_sum():
    assert [q.unit for q in find_quantities("They raised $2 billion a year ago.")] == ["USD"]


def test_a_change_from_a_bare_amount_takes_the_magnitude_of_its_end():
    got = [(q.surface, q.value) for q in find_quantities("Let's get from $10 to $15 billion, up from 3 to 5 GW.")]
    assert got == [("$10", 1e10), ("$15 billion", 1.5e10), ("3", 3), ("5 GW", 5)]


def test_a_table_and_a_list_take_the_unit_their_caption_names():
    text = ("Exhibit 1: Capex, hyperscalers (USD bn, calendar-year basis)\n"
            "| Company | CY2025E | Share (%) |\n"
            "|---|---|---|\n"
            "| Microsoft | 104 | 30 |\n"
            "\n"
            "Headline list prices, input / output, $/Mtok:\n"
            "- Sonnet: $3 / $15\n"
            "**Kenji Arai (Oriel Labs):** It's about 210, and the 380 includes Meta.\n")
    got = {(m.line, m.surface): (m.value, m.unit) for m in extract_text(text)}
    assert got == {(4, "104"): (1.04e11, "USD"), (4, "30"): (30, "percent"),
                   (7, "$3"): (3, "USD/Mtoken"), (7, "$15"): (15, "USD/Mtoken"),
                   (8, "about 210"): (210, "count"), (8, "380"): (380, "count")}


def test_a_forum_thread_names_its_writers_and_its_scores_are_no_claims():
    text = ("Posted by u/tensorpilled 7 hours ago | 412 points | 238 comments\n"
            "We rent 8 GPUs at $2.10 per GPU-hour.\n"
            "    [–] gpu_landlord 287 points 6 hours ago\n"
            "    Paid about $24k a GPU.\n")
    got = [(m.line, m.surface, m.speaker) for m in extract_text(text)]
    assert got == [(2, "8 GPUs", "tensorpilled"), (2, "$2.10 per GPU-hour", "tensorpilled"),
                   (4, "about $24k a GPU", "gpu_landlord")]


def test_a_plain_text_table_in_millions_scales_its_dollars_up_to_a_blank_line():
    text = ("Revenue by Segment\n($ in millions)          Q3 FY26      Y/Y\n"
            "Data Center              $12,470      Up 52%\n\nEPS was $2.69 per share on 102.4 terabits.\n")
    got = [(m.line, m.surface, m.value, m.unit) for m in extract_text(text)]
    assert got == [(3, "$12,470", 1.247e10, "USD"), (3, "52%", 52, "percent"),
                   (5, "$2.69 per share", 2.69, "USD/share"), (5, "102.4 terabits", 102.4, "Tbit")]


def test_a_price_column_and_a_price_broken_across_lines_are_per_million_tokens():
    text = ("| Model | Input, $ per M tokens |\n|---|---|\n| GPT-4 | 30.00 |\n\n"
            "GPT-4o mini gives you better answers at 15 cents\nper million input tokens.\n")
    got = {(m.line, m.surface): (m.value, m.unit) for m in extract_text(text)}
    assert got == {(3, "30.00"): (30, "USD/Mtoken"), (5, "15 cents"): (0.15, "USD/Mtoken")}


def test_a_table_cell_takes_its_unit_from_the_column_header():
    text = ("| Model | Price per 1M input | Context | Valuation ($B) | Power (MW) |\n"
            "|---|---|---|---|---|\n"
            "| GPT-5 | $1.25 | 400k | 157 | 300 |\n"
            "\n"
            "Later 157 people joined.\n")
    got = {(m.line, m.surface): (m.value, m.unit) for m in extract_text(text)}
    assert got == {(3, "$1.25"): (1.25, "USD/Mtoken"), (3, "400k"): (4e5, "token"),
                   (3, "157"): (1.57e11, "USD"), (3, "300"): (300, "MW"), (5, "157 people"): (157, "person")}

"""Which professions fill a section's posts, by service area and care level.

PHBU follows the 2008 SAMDATA full-time equivalents for mental health care for children and
adolescents (../shared/data/reference/phbu_workforce_2008_samdata.csv): psychiatrists 170,
other doctors 165, psychologists 817, social workers 359, other university-college
therapists 1497 (3008 in all). The 1497 are split here among nurses 300, specialist nurses
420, child welfare educators 300, social educators 160, clinical pedagogues 187 and family
therapists 130 (an assumption: SAMDATA does not split them). "doctor-track" posts hold a
specialist or a doctor in specialist training (LIS); see people.py.
PHV and TSB (no reference figures in the project) get more nurses and health workers.
Secretaries and health workers sit outside the SAMDATA categories; section leaders come on
top (one per section).
"""

from __future__ import annotations

# SAMDATA 2008 FTE for PHBU, in the categories of the source file.
SAMDATA_PHBU_2008 = {
    "psychiatrist": 170,
    "other_doctor": 165,
    "psychologist": 817,
    "social_worker": 359,
    "other_university_college_therapist": 1497,
}
OTHER_THERAPISTS_SPLIT = {
    "nurse": 300, "specialist-nurse": 420, "child-welfare-educator": 300,
    "social-educator": 160, "clinical-pedagogue": 187, "family-therapist": 130,
}
# Which SAMDATA category each demo profession falls in.
SAMDATA_CATEGORY = {
    "psychiatrist": "psychiatrist",
    "doctor": "other_doctor",
    "psychologist": "psychologist",
    "social-worker": "social_worker",
    **{code: "other_university_college_therapist" for code in OTHER_THERAPISTS_SPLIT},
}

_PHBU_CLINICAL = {
    "doctor-track": 170 + 165,
    "psychologist": 817,
    "social-worker": 359,
    **OTHER_THERAPISTS_SPLIT,
}


def _phbu(secretary: float, health_worker: float) -> dict[str, float]:
    clinical_total = sum(_PHBU_CLINICAL.values())
    clinical_share = 100 - secretary - health_worker
    mix = {code: clinical_share * fte / clinical_total for code, fte in _PHBU_CLINICAL.items()}
    mix["secretary"] = secretary
    if health_worker:
        mix["health-worker"] = health_worker
    return mix


# (service area, care level) -> profession family -> share of posts (percent).
MIX: dict[tuple[str, str], dict[str, float]] = {
    ("phbu", "outpatient"): _phbu(secretary=6, health_worker=0),
    ("phbu", "ambulant"): _phbu(secretary=3, health_worker=0),
    # The relative clinical mix stays the SAMDATA one; inpatient units add health workers.
    ("phbu", "inpatient"): _phbu(secretary=3, health_worker=12),
    ("phv", "outpatient"): {
        "doctor-track": 10, "psychologist": 22, "nurse": 10, "specialist-nurse": 20,
        "social-worker": 15, "social-educator": 6, "family-therapist": 2, "secretary": 8,
        "health-worker": 2, "clinical-pedagogue": 1, "child-welfare-educator": 4,
    },
    ("phv", "ambulant"): {
        "doctor-track": 8, "psychologist": 14, "nurse": 18, "specialist-nurse": 22,
        "social-worker": 14, "social-educator": 8, "health-worker": 13, "secretary": 3,
    },
    ("phv", "inpatient"): {
        "doctor-track": 6, "psychologist": 6, "nurse": 32, "specialist-nurse": 16,
        "social-educator": 8, "health-worker": 26, "social-worker": 2, "secretary": 4,
    },
    ("tsb", "outpatient"): {
        "doctor-track": 8, "psychologist": 22, "nurse": 10, "specialist-nurse": 14,
        "social-worker": 24, "social-educator": 8, "child-welfare-educator": 4,
        "secretary": 8, "health-worker": 2,
    },
    ("tsb", "inpatient"): {
        "doctor-track": 5, "psychologist": 7, "nurse": 25, "specialist-nurse": 12,
        "social-worker": 8, "social-educator": 12, "health-worker": 27, "secretary": 4,
    },
}


def apportion(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Split `total` posts by shares with the largest-remainder method (exact totals)."""
    weight = sum(shares.values())
    quotas = {code: total * share / weight for code, share in shares.items()}
    counts = {code: int(quota) for code, quota in quotas.items()}
    left = total - sum(counts.values())
    by_remainder = sorted(quotas, key=lambda code: (counts[code] - quotas[code], code))
    for code in by_remainder[:left]:
        counts[code] += 1
    return counts

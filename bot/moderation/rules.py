"""Rule ids (stable: they are part of the `schoolbot moderate` output) and the clauses they enforce."""

from __future__ import annotations

PROFANITY = "profanity"
INSULT = "insult"
PERSONAL_DATA = "personal_data"
ACCOUNT_SHARING = "account_sharing"
EXTERNAL_LINK = "external_link"
FLOOD = "flood"
RAID = "raid"
SCAM = "scam"

# Clauses of the school's regulation («Положение»). 4.5: polite form, no obscene language, no
# insults. 4.6: no collection of other people's personal data, no access to one's account for third
# parties, nothing that may harm other people's rights and interests (phishing links, flooding and
# raids fall here: they are not named in the text, and this is our reading of 4.6; so do fake money
# collections, payment requisites, requests for SMS codes and short links — the `scam` rule).
CLAUSES: dict[str, str] = {
    PROFANITY: "4.5",
    INSULT: "4.5",
    PERSONAL_DATA: "4.6",
    ACCOUNT_SHARING: "4.6",
    EXTERNAL_LINK: "4.6",
    FLOOD: "4.6",
    RAID: "4.6",
    SCAM: "4.6",
}

TEXT_RULES: tuple[str, ...] = (
    PROFANITY,
    INSULT,
    PERSONAL_DATA,
    ACCOUNT_SHARING,
    EXTERNAL_LINK,
    SCAM,
)
ALL_RULES: tuple[str, ...] = (*TEXT_RULES, FLOOD, RAID)

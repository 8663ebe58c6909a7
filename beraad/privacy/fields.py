"""The free texts of a deliberation that the privacy check reads."""

from __future__ import annotations

# On the deliberation itself, per step; and per kind of item.
DELIBERATION_FIELDS = {
    "opening": ["title"],
    "case": ["case_description"],
    "dilemma": ["dilemma_question", "dilemma_owner", "option_a", "harm_a", "option_b", "harm_b"],
    "decision": ["rationale", "dissent"],
    "evaluation": ["learned", "takeaways"],
}
ITEM_FIELDS = {
    "questions": ["question", "answer"],
    "stakeholders": ["label", "perspective", "interests"],
    "values": ["norm"],
    "options": ["title", "description", "mitigation"],
    "choices": ["harm", "mitigation", "needs"],
    "actions": ["what", "who", "done_note"],
}

"""Names compared the way readers mean them, not the way they are typed."""

import unicodedata


def name_key(name: str) -> str:
    """Fold case, accents, punctuation and spacing: "Multi-task Learning",
    "multitask learning" and "MULTITASK-LEARNING" share one key.

    Letters outside Latin (Chinese, Greek) are kept as they are.
    """
    decomposed = unicodedata.normalize("NFKD", name or "")
    return "".join(
        char.casefold()
        for char in decomposed
        if char.isalnum() and not unicodedata.combining(char)
    )

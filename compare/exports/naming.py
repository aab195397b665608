"""File names that say what a file holds, short enough for any file system."""

MAX_STEM_LENGTH = 100
_PREFIX = "scholargate-compare"


def comparison_stem(slugs: list[str]) -> str:
    """All slugs when they fit; otherwise the first ones and how many more.

    A pin is written `-v1` (`transfer-learning-v1`): `@` is not safe in a
    BibTeX key, and the stem is the key of the comparison's record too.
    """
    slugs = [slug.replace("@", "-v") for slug in slugs]
    full = "-".join([_PREFIX, *slugs])
    if len(full) <= MAX_STEM_LENGTH:
        return full
    for kept in range(len(slugs) - 1, 0, -1):
        stem = "-".join([_PREFIX, *slugs[:kept], f"and-{len(slugs) - kept}-more"])
        if len(stem) <= MAX_STEM_LENGTH:
            return stem
    return full[:MAX_STEM_LENGTH].rstrip("-")

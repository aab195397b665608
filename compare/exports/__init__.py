"""Files made from a comparison, one module per format.

Every format reads the same `Comparison` the page renders, so the page and its
files always agree, and pinned versions reach the files with no extra code.
"""

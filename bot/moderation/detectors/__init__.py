"""One module per rule; each exposes RULE_ID, CLAUSE and `find(norm) -> list[Span]`.

Detectors that need settings are classes built once by the engine (precompiled patterns).
"""

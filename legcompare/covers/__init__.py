"""``legcompare covers``: what a law covers, and a side-by-side matrix across laws.

``fact_sheet(outline)`` lists a law's items (defined terms, covered actors, technologies and
data, prohibited, required and permitted conduct, exceptions, enforcement, remedies, dates,
oversight, preemption), each with its clause, citation and quoted words. ``covers(documents,
baseline=...)`` builds one sheet per law and the matrix, judging each cell against the
baseline's with the same rule engine as ``diff``.
"""

from __future__ import annotations

from .extract import fact_sheet
from .matrix import covers, summarize
from .model import (
    LABELS,
    Cell,
    Coverage,
    CoverageReport,
    CoversOptions,
    Dimension,
    Evidence,
    FactSheet,
    Item,
    Versus,
)

__all__ = ["LABELS", "Cell", "Coverage", "CoverageReport", "CoversOptions", "Dimension",
           "Evidence", "FactSheet", "Item", "Versus", "covers", "fact_sheet", "summarize"]

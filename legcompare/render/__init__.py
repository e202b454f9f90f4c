"""Renderers: each turns finished data (an outline, a comparison) into one output format.

Renderers never recompute anything; they only format what the pipeline produced.
"""

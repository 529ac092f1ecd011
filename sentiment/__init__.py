"""Citra's own sentiment model for Indonesian and Banjar text (positive, neutral, negative).

    from sentiment import load_model
    model = load_model()                      # the shipped, hash-checked model
    labels, confidences = model.predict(["Banjir rendam tiga desa di Hulu Sungai Tengah"])
    model.version                             # e.g. "citra-sentiment-1a2b3c4d5e6f", store it with each label

No Dagster here: the pipeline wraps these pure functions. Training data, figures and licence:
docs/sentiment.md and sentiment/data/README.md.
"""

from sentiment.labelled import LABELS
from sentiment.model import Model, load_model

__all__ = ["LABELS", "Model", "load_model"]

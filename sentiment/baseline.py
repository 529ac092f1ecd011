"""The floor the issue names: plain scikit-learn TF-IDF word + character n-grams and a logistic
regression, no normalization, no lexicon, no weighting. Kept to compare against, never shipped."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sentiment.labelled import Example


def floor_predictor(examples: Sequence[Example]) -> Callable[[list[str]], list[str]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    features = make_union(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
    )
    model = make_pipeline(features, LogisticRegression(C=10, max_iter=1000))
    model.fit([e.text for e in examples], [e.label for e in examples])
    return lambda texts: list(model.predict(texts))

"""The review endpoints under /api/review: a human corrects the record (POST, JSON bodies).

Entity judgements (merge, split, rename) go through `Corpus.merge/split/rename`
(corpus/judgements.py); quote judgements (a quote's speaker fixed, or "not a
quote") through `Corpus.judge_quote` (corpus/quote_judgements.py). Every one
needs --allow-edits and the token (`security.require_editor`: 401 without it,
403 with a wrong one or on a read-only server) and records who made it (the
`X-Presswatch-User` header or the body's `user`) and when."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, model_validator

from .deps import writable_corpus
from .errors import BadQuery
from .security import require_editor

router = APIRouter(tags=["review"], dependencies=[Depends(require_editor)])
Name = Annotated[str, Field(min_length=1, max_length=500)]
USER_HEADER = "X-Presswatch-User"


class Merge(BaseModel):
    a: Name
    b: Name


class Split(BaseModel):
    entity: Name
    articles: list[Name] = []
    aliases: list[Name] = []


class Rename(BaseModel):
    entity: Name
    name: Name


@router.post("/merge", summary="These two entities are one")
def merge(request: Request, body: Merge) -> dict:
    with writable_corpus(request) as corpus:
        return corpus.merge(body.a, body.b)


@router.post("/split", summary="The entity's mentions in these articles (or by these names) are someone else")
def split(request: Request, body: Split) -> list[dict]:
    with writable_corpus(request) as corpus:
        return corpus.split(body.entity, articles=body.articles, aliases=body.aliases)


@router.post("/rename", summary="The entity's canonical name")
def rename(request: Request, body: Rename) -> dict:
    with writable_corpus(request) as corpus:
        return corpus.rename(body.entity, body.name)


class QuoteCorrection(BaseModel):
    article_id: Annotated[str, Field(min_length=8, max_length=64, pattern="^[0-9a-f]+$")]
    n: Annotated[int, Field(ge=0, le=1_000_000, description="The quote's number in the article (0-based).")]
    speaker: Name | None = Field(None, description="The right speaker: a name or an entity id.")
    not_quote: bool = Field(False, description="True: this is not a quote at all.")
    user: Annotated[str, Field(max_length=100)] | None = Field(None, description=f"Who; or the {USER_HEADER} header.")
    note: Annotated[str, Field(max_length=2000)] | None = None

    @model_validator(mode="after")
    def one_correction(self) -> QuoteCorrection:
        if self.not_quote == (self.speaker is not None):
            raise ValueError("give either speaker or not_quote: true")
        return self


def editor_name(request: Request, given: str | None) -> str:
    """Who makes the correction: the body's `user`, else the X-Presswatch-User header."""
    user = (given or request.headers.get(USER_HEADER) or "").strip()
    if not user:
        raise BadQuery(f"say who makes the correction: 'user' in the body or the {USER_HEADER} header")
    return user


@router.post("/quote", summary="Fix a quote's speaker, or mark it 'not a quote'")
def correct_quote(request: Request, body: QuoteCorrection) -> dict:
    """Kept with who and when; survives re-ingest and re-linking (see docs/web.md).
    Returns the corrected quote row (`judged` names the judgement; `rejected` is 1
    for "not a quote", which every query then leaves out)."""
    user = editor_name(request, body.user)
    with writable_corpus(request) as corpus:
        article = corpus.article(body.article_id)  # a prefix is fine; 404 when unknown
        return corpus.judge_quote(
            article["id"], body.n, speaker=body.speaker, not_quote=body.not_quote, user=user, note=body.note
        )

"""The review endpoints under /api/review: a human corrects the record.

Entity judgements (merge, split, rename) go through `Corpus.merge/split/rename`
(corpus/judgements.py); quote judgements (a quote's speaker fixed, or "not a
quote") through `Corpus.judge_quote` (corpus/quote_judgements.py). Every one
needs --allow-edits and the token (`security.require_editor`: 401 without it,
403 with a wrong one or on a read-only server) and records who made it (the
`X-Presswatch-User` header or the body's `user`) and when."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from .deps import writable_corpus
from .security import require_editor

router = APIRouter(tags=["review"], dependencies=[Depends(require_editor)])
Name = Annotated[str, Field(min_length=1, max_length=500)]


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

"""Work split over forked processes: results in order, and a process that fails or dies is said to be that, not a disk error."""

from __future__ import annotations

import os
import threading

import pytest

from generator.parallel import WorkerError, in_parts


def test_each_part_gives_its_share_in_order():
    assert in_parts(lambda part, parts: list(range(10))[part::parts], 2) == [[0, 2, 4, 6, 8], [1, 3, 5, 7, 9]]


def test_an_error_that_cannot_be_sent_back_is_named_with_its_kind():
    def work(part, parts):
        if part == 1:
            error = ValueError("a template filter broke")
            error.lock = threading.Lock()  # cannot be pickled
            raise error
        return part

    with pytest.raises(WorkerError) as caught:
        in_parts(work, 2)
    assert "failed with ValueError: a template filter broke" in str(caught.value)
    assert not isinstance(caught.value, OSError)


def test_a_process_that_dies_is_said_to_have_ended_without_finishing():
    def work(part, parts):
        if part == 1:
            os._exit(9)
        return part

    with pytest.raises(WorkerError, match="ended without finishing its work"):
        in_parts(work, 2)


def test_an_error_that_can_be_sent_back_arrives_as_itself():
    def work(part, parts):
        if part == 1:
            raise KeyError("missing")
        return part

    with pytest.raises(KeyError):
        in_parts(work, 2)

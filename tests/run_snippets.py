"""Run the self-check snippets of curriculum.yml, each in a fresh process.

Reads JSON from stdin, [{"id", "kind": "output" | "compute", "code"}], and
prints JSON {id: {"stdout": ..., "value": ..., "error": ...}}. NumPy, pandas
and scikit-learn are imported once; each snippet then runs in a forked copy of
this process, so no snippet sees another's state, and is stopped after
TIMEOUT seconds. `compute` code is a snippet whose last line is an
expression: its value is returned as a float.

Used by tests/test_selfcheck.py with the interpreter that has the notebook
packages (requirements-notebooks.txt).
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import signal
import sys
import traceback

import numpy  # noqa: F401  imported once, before forking
import pandas  # noqa: F401
import sklearn  # noqa: F401

TIMEOUT = 20


def run(kind: str, code: str) -> dict:
    out = io.StringIO()
    namespace: dict = {"__name__": "__main__"}
    with contextlib.redirect_stdout(out):
        if kind == "compute":
            tree = ast.parse(code)
            last = tree.body.pop()
            if not isinstance(last, ast.Expr):
                raise ValueError("the last line of `compute` must be an expression")
            exec(compile(tree, "<compute>", "exec"), namespace)
            value = eval(compile(ast.Expression(last.value), "<compute>", "eval"), namespace)
            return {"value": float(value), "stdout": out.getvalue()}
        exec(compile(code, "<snippet>", "exec"), namespace)
    return {"stdout": out.getvalue()}


def in_child(kind: str, code: str) -> dict:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        signal.alarm(TIMEOUT)
        try:
            result = run(kind, code)
        except BaseException:  # the snippet's own error is the result
            result = {"error": traceback.format_exc(limit=3)}
        with os.fdopen(write, "w", encoding="utf-8") as pipe:
            json.dump(result, pipe)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as pipe:
        text = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not text:
        return {"error": f"the snippet did not finish (exit status {status}; timeout {TIMEOUT} s)"}
    return json.loads(text)


def main() -> int:
    jobs = json.load(sys.stdin)
    json.dump({job["id"]: in_child(job["kind"], job["code"]) for job in jobs}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())

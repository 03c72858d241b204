"""Docstrings on every public name, a useful help(goals.load), and a .pyi stub
that lists what the package exports."""

import ast
import inspect
import pathlib
import pydoc
import types

import goals


def public_members(cls):
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        yield name, member


def test_every_public_name_has_a_docstring():
    missing = []
    assert goals.__doc__ and "goals.load" in goals.__doc__
    for name in goals.__all__:
        obj = getattr(goals, name)
        if name.startswith("__") or name == "STATUSES":
            continue
        if not (getattr(obj, "__doc__", None) or "").strip():
            missing.append(name)
        if inspect.isclass(obj) and not issubclass(obj, tuple):
            for mname, member in public_members(obj):
                doc = getattr(member, "__doc__", None)
                if isinstance(member, property):
                    doc = member.fget.__doc__
                elif isinstance(member, types.MemberDescriptorType) and isinstance(obj.__slots__, dict):
                    doc = obj.__slots__.get(mname)      # pydoc shows a __slots__ dict's values
                if not (doc or "").strip():
                    missing.append("%s.%s" % (name, mname))
    assert not missing, "no docstring: %s" % ", ".join(missing)


def test_help_shows_result_fields():
    text = pydoc.render_doc(goals.TargetResult, renderer=pydoc.plaintext)
    assert "still needed to reach the target" in text


def test_help_of_load_is_useful():
    text = pydoc.render_doc(goals.load, renderer=pydoc.plaintext)
    for word in ("load(path", "validate", "ParseError", ".line", "gzip"):
        assert word in text, word


def test_help_of_the_extension_comes_from_the_c_comments():
    from goals import _swig
    assert "hash lookup" in _swig.goals_plan_find_goal.__doc__
    assert "Evaluates" in _swig.goals_evaluate.__doc__


def test_stub_lists_the_exports():
    stub = pathlib.Path(goals.__file__).with_name("__init__.pyi")
    assert stub.exists(), "goals/__init__.pyi is not installed beside the package"
    tree = ast.parse(stub.read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    missing = [n for n in goals.__all__ if n not in names]
    assert not missing, "not in the stub: %s" % missing
    # and the classes' public members too
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    for cname in ("Plan", "Evaluation", "TargetResult", "Target", "Period"):
        members = {getattr(b, "name", None) or getattr(getattr(b, "target", None), "id", None)
                   for b in classes[cname].body}
        for mname, _ in public_members(getattr(goals, cname)):
            assert mname in members, "%s.%s not in the stub" % (cname, mname)
    assert (stub.parent / "py.typed").exists()


def test_docs_python_md_covers_the_api():
    from conftest import ROOT
    text = (ROOT / "docs" / "python.md").read_text()
    missing = [n for n in goals.__all__ if n != "__version__" and n not in text]
    assert not missing, "docs/python.md does not mention %s" % missing
    for cname in ("Plan", "Evaluation", "TargetResult", "GoalResult", "Target", "Measure", "Goal", "Period"):
        for mname, _ in public_members(getattr(goals, cname)):
            assert mname in text, "docs/python.md does not mention %s.%s" % (cname, mname)

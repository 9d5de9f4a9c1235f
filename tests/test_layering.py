"""The house has two floors: `cmr_clip_jax` (model, training, eval, CLI) stands on `data_prep`
(records, tokenizer, files, conversion). Imports run one way, and library code never imports
the recipe folder `configs/`."""

import ast
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _modules(package):
  for folder, _, files in os.walk(os.path.join(ROOT, package)):
    for name in files:
      if name.endswith(".py"):
        yield os.path.relpath(os.path.join(folder, name), ROOT)


def imported_names(path) -> set[str]:
  """Every module a file imports (top-level and inside functions), plus module names passed as
  strings to importlib (the CLI's subcommand table counts as imports)."""
  with open(os.path.join(ROOT, path)) as f:
    tree = ast.parse(f.read(), path)
  names = set()
  for node in ast.walk(tree):
    if isinstance(node, ast.Import):
      names |= {a.name for a in node.names}
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
      names.add(node.module)
      names |= {f"{node.module}.{a.name}" for a in node.names}
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
      if node.value.split(".")[0] in ("cmr_clip_jax", "data_prep", "configs") and " " not in node.value:
        names.add(node.value)
  return names


def _top(name):
  return name.split(".")[0]


@pytest.mark.parametrize("path", sorted(_modules("data_prep")))
def test_lower_floor_never_imports_the_upper(path):
  upward = sorted(n for n in imported_names(path) if _top(n) in ("cmr_clip_jax", "configs"))
  assert not upward, f"{path} imports {upward}"


@pytest.mark.parametrize("path", sorted(_modules("cmr_clip_jax")))
def test_library_never_imports_recipes(path):
  recipes = sorted(n for n in imported_names(path) if _top(n) == "configs")
  assert not recipes, f"{path} imports {recipes}"


def test_the_walk_sees_imports_inside_functions_and_strings(tmp_path, monkeypatch):
  """The checker itself: a lazy import and an importlib string are both found."""
  monkeypatch.setattr(__import__(__name__), "ROOT", str(tmp_path))
  (tmp_path / "m.py").write_text("def f():\n  from cmr_clip_jax import train\n"
                                 "TABLE = {'x': 'configs.demo'}\n")
  assert {"cmr_clip_jax.train", "configs.demo"} <= imported_names("m.py")

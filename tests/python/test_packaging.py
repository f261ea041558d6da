"""The package as pip installs it: wheel contents and metadata, finding its own library from any
directory, the `plot` extra, and type hints a checker can use. Tests marked `wheel` need the
installed wheel (run.sh's second pass, CAMPRO_TEST_INSTALLED=1) and skip in source mode."""

import importlib.metadata
import importlib.util
import os
import platform
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import campro
from conftest import INSTALLED, ROOT

wheel = pytest.mark.skipif(not INSTALLED, reason="needs the installed wheel (run.sh, pass 2)")
PACKAGE_DIR = Path(campro.__file__).resolve().parent


def _clean_env(**extra):
    """The environment of a user who only ran `pip install .`: no CAMPRO_LIB, no PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("CAMPRO_LIB", "PYTHONPATH")}
    env.update(extra)
    return env


def _toml_version(path):
    text = path.read_text()
    section = re.search(r"^\[(package|project)\]$(.*?)(^\[|\Z)", text, re.M | re.S).group(2)
    return re.search(r'^version\s*=\s*"([^"]+)"', section, re.M).group(1)


def test_versions_agree():
    # The crate, the Python project and the loaded library carry one version.
    assert _toml_version(ROOT / "Cargo.toml") == _toml_version(ROOT / "pyproject.toml")
    assert campro.__version__ == _toml_version(ROOT / "Cargo.toml")


def test_py_typed_marker_beside_the_package():
    assert (PACKAGE_DIR / "py.typed").is_file()


def test_public_names_exist():
    for name in campro.__all__:
        assert hasattr(campro, name), name
    constants = [n for n in dir(campro.errors) if n.startswith(("LAW_", "STATUS_"))]
    assert len(constants) == 17 and set(constants) <= set(campro.__all__)
    # --- follower dynamics (0.2): the module ships with the package and its names are public
    assert (PACKAGE_DIR / "dynamics.py").is_file()
    dynamics = {"FollowerDynamics", "DynamicsReport", "SpringSizing", "SpeedLimit", "LIMITED_BY_NONE",
                "LIMITED_BY_VELOCITY", "LIMITED_BY_ACCELERATION", "LIMITED_BY_JERK"}
    assert dynamics <= set(campro.__all__), dynamics - set(campro.__all__)
    for method in ("contact_force", "cam_torque", "dynamics_check", "size_spring", "size_preload",
                   "max_rpm_within_limits"):
        assert callable(getattr(campro.Motion, method, None)), method


def test_which_package_is_under_test():
    site = {Path(p).resolve() for p in (sysconfig.get_paths()["purelib"],
                                        sysconfig.get_paths()["platlib"])}
    if INSTALLED:
        assert PACKAGE_DIR.parent in site, PACKAGE_DIR
        assert "CAMPRO_LIB" not in os.environ
        # the library the wheel carries, not the one in target/release
        assert Path(campro.library_path).resolve() == PACKAGE_DIR / "libcampro.so"
    else:
        assert PACKAGE_DIR == (ROOT / "python" / "campro").resolve()


@wheel
def test_import_from_any_directory_without_environment(tmp_path):
    code = "import campro; print(campro.library_path); print(campro.Motion().displacement(45.0))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       cwd=tmp_path, env=_clean_env())
    assert r.returncode == 0, r.stderr
    path, value = r.stdout.split()
    assert Path(path).resolve() == PACKAGE_DIR / "libcampro.so"
    assert float(value) == pytest.approx(5.0, abs=1e-12)


@wheel
def test_wheel_metadata():
    meta = importlib.metadata.metadata("campro")
    assert meta["Version"] == campro.__version__
    requires = meta.get_all("Requires-Dist")
    assert "numpy" in requires
    assert "plot" in meta.get_all("Provides-Extra")
    assert any(re.fullmatch(r'matplotlib\s*;\s*extra\s*==\s*"plot"', r) for r in requires), requires
    # Only the extra pulls in matplotlib.
    assert not any(r.startswith("matplotlib") and "extra" not in r for r in requires)


@wheel
def test_wheel_is_a_platform_wheel_for_any_python3():
    dist = importlib.metadata.distribution("campro")
    wheel_file = dist.read_text("WHEEL")
    assert "Root-Is-Purelib: false" in wheel_file
    tags = re.findall(r"^Tag: (.+)$", wheel_file, re.M)
    machine = platform.machine()
    assert tags == [f"py3-none-linux_{machine}"], tags


@wheel
def test_wheel_contents():
    files = {str(f) for f in importlib.metadata.files("campro")}
    package = {f for f in files if f.startswith("campro/") and "__pycache__" not in f}
    assert package == {"campro/__init__.py", "campro/_convert.py", "campro/_lib.py",
                       "campro/errors.py", "campro/motion.py", "campro/py.typed",
                       "campro/libcampro.so",
                       "campro/dynamics.py",  # follower dynamics (0.2)
                       "campro/geometry.py",  # --- cam geometry (0.2) ---
                       "campro/lift.py"}  # --- lift tables and variable speed (0.2) ---
    # The C library only: no static library, no command-line tool, no scripts.
    assert not any(f.endswith((".a", ".rlib")) or "/bin/" in f or f.endswith("/campro")
                   for f in files), files
    lib = PACKAGE_DIR / "libcampro.so"
    out = subprocess.run(["readelf", "-d", "--dyn-syms", str(lib)], capture_output=True,
                         text=True, check=True).stdout
    assert "Library soname: [libcampro.so.0]" in out
    exported = set(re.findall(r"\bGLOBAL\s+DEFAULT\s+\d+\s+(\w+)", out))
    assert "campro_motion_new" in exported and "campro_displacement" in exported
    assert all(name.startswith("campro_") for name in exported), exported


def test_svaj_example_without_matplotlib_names_the_extra(root, tmp_path):
    # Runs the example as if matplotlib were not installed: it must say how to get it.
    script = root / "examples" / "python" / "svaj_plot.py"
    code = ("import runpy, sys\n"
            "sys.modules['matplotlib'] = None  # makes `import matplotlib` fail\n"
            f"sys.argv = [{str(script)!r}, {str(tmp_path / 'x.png')!r}]\n"
            f"runpy.run_path({str(script)!r}, run_name='__main__')\n")
    env = dict(os.environ, PYTHONPATH=str(PACKAGE_DIR.parent))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                       cwd=tmp_path)
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert "matplotlib" in r.stderr and "campro[plot]" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "x.png").exists()


# --------------------------------------------------------------------------- type hints


def _mypy(tmp_path, *targets):
    if importlib.util.find_spec("mypy") is None:
        pytest.fail("mypy is missing: tests/python/run.sh installs it into the wheel's venv")
    # From a folder outside the tree: mypy must find the installed package and its py.typed.
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           "--cache-dir", str(tmp_path / "mypy-cache"), *targets],
                          capture_output=True, text=True, cwd=tmp_path, env=_clean_env())


def _usage(tmp_path, source):
    path = tmp_path / "usage.py"
    path.write_text(source)
    return str(path)


@wheel
def test_installed_package_type_checks_strict(tmp_path):
    r = _mypy(tmp_path, "-p", "campro")
    assert r.returncode == 0, r.stdout + r.stderr
    # Every module of the installed package was checked (the count follows the package).
    modules = len(list(PACKAGE_DIR.glob("*.py")))
    assert modules >= 8, sorted(p.name for p in PACKAGE_DIR.iterdir())
    assert f"no issues found in {modules} source files" in r.stdout, r.stdout


@wheel
def test_type_hints_fit_typical_use(root, tmp_path):
    usage = (root / "tests" / "python" / "typing_usage.py").read_text()
    r = _mypy(tmp_path, _usage(tmp_path, usage))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues found in 1 source file" in r.stdout, r.stdout


@wheel
def test_type_hints_catch_misuse(tmp_path):
    # The same checker flags wrong uses, so the clean runs above are not vacuous; without
    # py.typed it would instead refuse the import of an untyped package.
    source = ("import campro\n"
              "cam = campro.Motion()\n"
              "a: str = cam.displacement(45.0)\n"
              "b: float = cam.displacement([0.0, 1.0])\n"
              "c: int = cam.analyze(3600).max_velocity\n"
              "cam.load(3.5)\n")
    r = _mypy(tmp_path, _usage(tmp_path, source))
    assert r.returncode == 1
    for line in (3, 4, 5, 6):
        assert f"usage.py:{line}: error" in r.stdout, r.stdout

"""How `pip install .` builds the campro wheel: setuptools-rust builds the crate's C library (the
cdylib alone: no rlib, no staticlib, and without the default `cli` feature, so no command-line
tool or plotting dependencies) and puts it into the package as campro/libcampro.so, where
campro/_lib.py looks first. The package metadata is in pyproject.toml.

The library is a plain C library loaded by ctypes, not a Python extension module, so it keeps its
own name (no `.cpython-311-x86_64-linux-gnu.so` suffix) and the wheel is tagged py3-none-<platform>:
one wheel serves every Python 3 on that platform.

Cargo builds into target/wheel (or CARGO_TARGET_DIR when set), a folder of its own: this build's
feature set differs from `cargo build --release`'s, and in the same folder the two would overwrite
each other's library and recompile it on every switch. The folder persists, so a second
`pip install .` only copies.
"""

import os

from setuptools import setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools_rust import Binding, RustExtension, build_rust

LIB_NAME = "libcampro.so"  # what campro/_lib.py loads
HERE = os.path.dirname(os.path.abspath(__file__))
TARGET_DIR = os.environ.get("CARGO_TARGET_DIR") or os.path.join(HERE, "target", "wheel")


class build_rust_library(build_rust):
    """Installs the cdylib as campro/libcampro.so rather than under an extension-module name."""

    def get_dylib_ext_path(self, ext, target_fname):
        module_path = super().get_dylib_ext_path(ext, target_fname)
        return os.path.join(os.path.dirname(module_path), LIB_NAME)


class bdist_wheel_any_python(bdist_wheel):
    """Tags the wheel py3-none-<platform>: the library does not link Python."""

    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(
    rust_extensions=[
        RustExtension(
            "campro.libcampro",
            path="Cargo.toml",
            binding=Binding.NoBinding,
            args=["--no-default-features", "--target-dir", TARGET_DIR],
        )
    ],
    cmdclass={"build_rust": build_rust_library, "bdist_wheel": bdist_wheel_any_python},
)

# Install campro's C library, headers, Fortran module source, pkg-config and CMake files, and the
# `campro` command-line tool. cargo builds; this file only copies.
#   make                                  cargo build --release (library and command)
#   make install [PREFIX=/usr/local] [DESTDIR=...] [LIBDIR=...] [BINDIR=...] [CARGO_BUILD=0]
#   make install-only                     install without running cargo (library already built)
#   make uninstall [PREFIX=...]

PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
LIBDIR      ?= $(PREFIX)/lib
INCLUDEDIR  ?= $(PREFIX)/include
PKGCONFDIR  ?= $(LIBDIR)/pkgconfig
CMAKEDIR    ?= $(LIBDIR)/cmake/campro
DESTDIR     ?=
CARGO       ?= cargo
CARGO_BUILD ?= 1
INSTALL     ?= install

# The package version, read once from Cargo.toml's [package] table.
VERSION       := $(shell awk -F'"' '/^\[/{p=($$0=="[package]")} p && /^version[ \t]*=/{print $$2; exit}' Cargo.toml)
VERSION_MAJOR := $(word 1,$(subst ., ,$(VERSION)))
VERSION_MINOR := $(word 2,$(subst ., ,$(VERSION)))
SOVERSION     ?= $(VERSION_MAJOR)

RELEASE_DIR ?= $(or $(CARGO_TARGET_DIR),target)/release
SHARED      := $(RELEASE_DIR)/libcampro.so
STATIC      := $(RELEASE_DIR)/libcampro.a
CLI         := $(RELEASE_DIR)/campro
LIB_REAL    := libcampro.so.$(VERSION)
LIB_SONAME  := libcampro.so.$(SOVERSION)
TEMPLATES   := examples/packaging

SUBST = sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
            -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
            -e 's|@VERSION_MAJOR@|$(VERSION_MAJOR)|g' -e 's|@VERSION_MINOR@|$(VERSION_MINOR)|g' \
            -e 's|@SOVERSION@|$(SOVERSION)|g'

.PHONY: all build install install-only uninstall print-version

all: build

build:
	$(CARGO) build --release

ifeq ($(CARGO_BUILD),0)
install: install-only
else
install: build
	$(MAKE) --no-print-directory install-only
endif

install-only:
	@test -n "$(VERSION)" || { echo "make: no version found in Cargo.toml" >&2; exit 1; }
	@test -f $(SHARED) || { echo "make: $(SHARED) missing: run 'make' (cargo build --release) first" >&2; exit 1; }
	@test -f $(CLI) || { echo "make: $(CLI) missing: run 'make' (cargo build --release, default features) first" >&2; exit 1; }
	@test -f include/campro.h || { echo "make: include/campro.h missing" >&2; exit 1; }
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFDIR) $(DESTDIR)$(CMAKEDIR)
	$(INSTALL) -m 755 $(CLI) $(DESTDIR)$(BINDIR)/campro
	$(INSTALL) -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)/$(LIB_REAL)
	ln -sf $(LIB_REAL) $(DESTDIR)$(LIBDIR)/$(LIB_SONAME)
	ln -sf $(LIB_SONAME) $(DESTDIR)$(LIBDIR)/libcampro.so
	if [ -f $(STATIC) ]; then $(INSTALL) -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)/libcampro.a; fi
	$(INSTALL) -m 644 include/campro.h include/campro.f90 $(DESTDIR)$(INCLUDEDIR)/
	if [ -f include/campro.hpp ]; then $(INSTALL) -m 644 include/campro.hpp $(DESTDIR)$(INCLUDEDIR)/; fi
	$(SUBST) $(TEMPLATES)/campro.pc.in > $(DESTDIR)$(PKGCONFDIR)/campro.pc
	$(SUBST) $(TEMPLATES)/campro-config.cmake.in > $(DESTDIR)$(CMAKEDIR)/campro-config.cmake
	$(SUBST) $(TEMPLATES)/campro-config-version.cmake.in > $(DESTDIR)$(CMAKEDIR)/campro-config-version.cmake
	chmod 644 $(DESTDIR)$(PKGCONFDIR)/campro.pc $(DESTDIR)$(CMAKEDIR)/campro-config*.cmake

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/campro
	rm -f $(DESTDIR)$(LIBDIR)/$(LIB_REAL) $(DESTDIR)$(LIBDIR)/$(LIB_SONAME) \
	      $(DESTDIR)$(LIBDIR)/libcampro.so $(DESTDIR)$(LIBDIR)/libcampro.a
	rm -f $(DESTDIR)$(INCLUDEDIR)/campro.h $(DESTDIR)$(INCLUDEDIR)/campro.hpp $(DESTDIR)$(INCLUDEDIR)/campro.f90
	rm -f $(DESTDIR)$(PKGCONFDIR)/campro.pc
	rm -f $(DESTDIR)$(CMAKEDIR)/campro-config.cmake $(DESTDIR)$(CMAKEDIR)/campro-config-version.cmake
	-rmdir $(DESTDIR)$(CMAKEDIR) 2>/dev/null || true

print-version:
	@echo $(VERSION)

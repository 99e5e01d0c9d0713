# finews - a Jekyll news archive served from SQLite by FastCGI behind nginx.
#
#   make            build build/finews-import and build/finews.fcgi
#   make test       every test; make test SAN=1: all of them again, built
#                   with AddressSanitizer and UBSan
#   make run        import SITE (default: test/sample) and serve it on PORT
#   make bench      load every page kind with wrk on an N-post site (N=100000)
#                   and time the importer; bench-scale, bench-publish,
#                   bench-burst (10,000 requests at once), bench-sources
#                   (12 against 2,000 categories), bench-paint (an
#                   article's first paint in chromium): more
#   make deps       install missing Debian packages

SITE ?= test/sample
PORT ?= 8080
HOST ?= 127.0.0.1

CC ?= cc
CXX ?= c++
OPT ?= -O2 -g
PKGS := sqlite3 yaml-0.1 libcmark libxxhash fcgi libctemplate gumbo zlib
WARN := -Wall -Wextra -Werror
VERSION := 0.1
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DFINEWS_VERSION=\"$(VERSION)\"
CFLAGS += -std=c11 $(OPT) $(WARN)
CXXFLAGS += -std=c++17 $(OPT) $(WARN)

# Debian packages: what builds, tests and runs finews.
DEBS := build-essential pkg-config libsqlite3-dev sqlite3 libyaml-dev \
	libcmark-dev libxxhash-dev libfcgi-dev libctemplate-dev libgumbo-dev zlib1g-dev nginx \
	curl perl tidy libxml2-utils chromium fonts-noto-cjk libfcgi-bin \
	python3-feedparser wrk time jekyll iproute2 rsync

# Build flavours: build/ is optimised; build/san has the sanitizers on.
B ?= build
SAN ?=
ifeq ($(SAN),1)
B := build/san
OPT := -O1 -g -fno-omit-frame-pointer
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))

SQL := $(patsubst %.sql,%.o,$(wildcard sql/*.sql))
COMMON := cgi/date.o cgi/derive.o cgi/source.o cgi/source-jekyll.o cgi/sanitize.o cgi/store.o cgi/store-file.o cgi/log.o cgi/trigrams.o cgi/util.o $(SQL)
IMPORT := cgi/import.o cgi/watch.o cgi/config.o cgi/store-import.o cgi/store-names.o cgi/takedown.o cgi/request.o cgi/store-publish.o
SERVE := cgi/finews.o cgi/master.o cgi/listen.o cgi/cmd.o cgi/request.o cgi/page.o cgi/tmpl.o cgi/store-read.o \
	cgi/ui-home.o cgi/ui-list.o cgi/ui-category.o cgi/ui-tag.o cgi/ui-stream.o \
	cgi/ui-article.o cgi/ui-share.o cgi/ui-search.o cgi/search.o \
	cgi/ui-tags.o cgi/ui-moved.o cgi/ui-sources.o \
	cgi/ui-feed.o cgi/ui-sitemap.o \
	cgi/ui-notfound.o cgi/ui-gone.o cgi/ui-status.o \
	cgi/ui-floor.o
UNITS := $(patsubst test/%.c,$(B)/test/%,$(wildcard test/unit-*.c))
HARNESSES := post request date sanitize   # test/fuzz-NAME.c
objs = $(addprefix $(B)/,$(1))
SERVE_SRCS := $(wildcard $(SERVE:.o=.c) $(SERVE:.o=.cc))

all: deps-check $(B)/finews-import $(if $(SERVE_SRCS),$(B)/finews.fcgi) $(UNITS) \
	$(B)/test/gen-site $(HARNESSES:%=$(B)/test/fuzz-%) \
	$(B)/test/bench-search build/static/.built

# ---- static files -------------------------------------------------------
#
# nginx serves static/ from build/static (make install: from $(DATADIR)/
# static): a copy of each file, and of each text file a .gz beside it
# (gzip -9 -n: no name or time in it, so the same file gives the same
# bytes) for gzip_static.  The pages name the style sheet and the scripts
# with the first 10 hex digits of their SHA-256 (?v=), compiled into
# page.o: a changed file gets a new URL, so its 30-day immutable caching
# never serves a reader the old one.
STATIC_GZ := style.css live.js share.js sources.js feed.xsl icon.svg
STATIC_VERSIONED := style.css live.js share.js sources.js
static_v = $(shell sha256sum static/$(1) | cut -c1-10)
build/static/.built: $(filter-out static/screenshot-%,$(wildcard static/*))
	@mkdir -p build/static
	cp $^ build/static/
	for f in $(STATIC_GZ); do gzip -9 -n -c static/$$f > build/static/$$f.gz || exit 1; done
	@touch $@
$(B)/cgi/page.o: $(STATIC_VERSIONED:%=static/%)
$(B)/cgi/page.o: CPPFLAGS += -DSTYLE_V='"$(call static_v,style.css)"' \
	-DLIVE_V='"$(call static_v,live.js)"' -DSHARE_V='"$(call static_v,share.js)"' \
	-DSOURCES_V='"$(call static_v,sources.js)"'

$(B)/%.o: %.c $(wildcard cgi/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(B)/%.o: %.cc $(wildcard cgi/*.h)
	@mkdir -p $(dir $@)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) $(SANFLAGS) $(PKG_CFLAGS) -c -o $@ $<

# sql/NAME.sql, built into the programs as the C string store_NAME_sql.
$(B)/sql/%.c: sql/%.sql
	@mkdir -p $(dir $@)
	{ echo 'const char store_$(subst -,_,$*)_sql[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@

$(B)/sql/%.o: $(B)/sql/%.c
	$(CC) $(CFLAGS) $(SANFLAGS) -c -o $@ $<

$(B)/finews-import: $(call objs,$(IMPORT) $(COMMON))
	$(CC) $(SANFLAGS) -o $@ $^ $(PKG_LIBS) -lpthread -lm

$(B)/finews.fcgi: $(call objs,$(SERVE) $(COMMON))
	$(CXX) $(SANFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(B)/test/unit-%: $(B)/test/unit-%.o $(call objs,$(COMMON) cgi/config.o cgi/store-import.o cgi/store-names.o cgi/request.o)
	$(CC) $(SANFLAGS) -o $@ $^ $(PKG_LIBS) -lm

# Each fuzz harness with the replay driver (test/fuzz-replay.c).
$(HARNESSES:%=$(B)/test/fuzz-%): $(B)/test/fuzz-%: $(B)/test/fuzz-%.o \
		$(B)/test/fuzz-replay.o $(call objs,$(COMMON) cgi/request.o)
	$(CC) $(SANFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(B)/test/bench-search: $(B)/test/bench-search.o $(call objs,$(COMMON) cgi/store-read.o cgi/search.o)
	$(CC) $(SANFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(B)/test/gen-site: $(B)/test/gen-site.o
	$(CC) $(SANFLAGS) -o $@ $^

# ---- dependencies -------------------------------------------------------

deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

# The browser tests' modules (test/browser/package.json, pinned by its
# package-lock.json) from the npm registry, under build/browser; npm comes
# from Debian when the machine has no node of its own.
BROWSER_LOCK := test/browser/package-lock.json
browser-deps: build/browser/node_modules/.installed
build/browser/node_modules/.installed: test/browser/package.json $(BROWSER_LOCK)
	@command -v npm >/dev/null || $(MAKE) --no-print-directory deps DEBS=npm
	@mkdir -p build/browser
	cp test/browser/package.json $(BROWSER_LOCK) build/browser/
	cd build/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

deps-check:
	@pkg-config --exists $(PKGS) || $(MAKE) --no-print-directory deps

# ---- tests --------------------------------------------------------------

test: deps browser-deps
	@$(MAKE) --no-print-directory all
	@FINEWS_BIN=$(CURDIR)/$(B) sh test/run

# ---- running ------------------------------------------------------------

run: deps all
	@sh conf/run.sh "$(SITE)" "$(HOST)" "$(PORT)"

# ---- benchmarks ---------------------------------------------------------

# Every page kind under wrk, against the same nginx serving the article as
# a static file, and the import figures, on a generated N-post site; the
# table is also written to build/bench/bench-N.csv (test/bench.sh).
N ?= 100000
bench: deps all
	@FINEWS_BIN=$(CURDIR)/build sh test/bench.sh $(N)

# An article's first paint in chromium, its style sheet linked or inlined,
# over a throttled network (RTT=150 DOWN=1600 UP=750: test/bench-paint.sh).
bench-paint: deps all browser-deps
	@sh test/bench-paint.sh

# Article, category and search latency at 10,000 and 1,000,000 posts.
bench-scale: deps all
	@FINEWS_BIN=$(CURDIR)/build sh test/bench-scale.sh

# One new post readable: Jekyll's rebuild against finews-import (needs jekyll).
bench-publish: deps all
	@FINEWS_BIN=$(CURDIR)/build sh test/bench-publish.sh

# What rsync sends a replica for one new post, on an N-post store.
bench-publish-sync: deps all
	@FINEWS_BIN=$(CURDIR)/build sh test/bench-publish-sync.sh $(if $(filter command line,$(origin N)),$(N),20000)

bench-import: deps all
	@FINEWS_BIN=$(CURDIR)/build sh test/bench-import.sh $(N)

# BURST requests at once through nginx, with and without finews.fcgi's
# loopback port as nginx's fallback when the unix socket is full.
BURST ?= 10000
bench-burst: deps all
	@FINEWS_BIN=$(CURDIR)/build sh test/bench-burst.sh $(BURST)

# Home, category pages, source index and article at 12 and at 2,000
# categories (the same number of posts): latency, requests/s, HTML size.
bench-sources: deps all
	@FINEWS_BIN=$(CURDIR)/build sh test/bench-sources.sh

# Search latency over an N-post store, made once.
bench-search: deps all
	@FINEWS_BIN=$(CURDIR)/build sh test/bench-search.sh $(N)

# libFuzzer (clang, ASan, UBSan) on each harness test/fuzz-NAME.c, from
# its seeds in test/fuzz/NAME/, for FUZZ_SECONDS each; what a run finds
# is kept in build/fuzz/NAME/.  FUZZ=post limits it to one harness.
FUZZ_SECONDS ?= 60
FUZZ ?= $(HARNESSES)
FUZZ_CC = clang -std=c11 -g -O1 -DFUZZING $(CPPFLAGS) \
	-fsanitize=fuzzer,address,undefined $(PKG_CFLAGS)
FUZZ_SRC_post = cgi/derive.c cgi/source.c cgi/source-jekyll.c cgi/sanitize.c cgi/date.c cgi/util.c
FUZZ_SRC_request = cgi/request.c cgi/util.c
FUZZ_SRC_date = cgi/date.c cgi/util.c
FUZZ_SRC_sanitize = cgi/sanitize.c cgi/util.c
fuzz: DEBS += clang
fuzz: deps
	@for h in $(FUZZ); do \
	  mkdir -p build/fuzz/$$h && cp test/fuzz/$$h/* build/fuzz/$$h/ && \
	  $(FUZZ_CC) -o build/fuzz/fuzz-$$h test/fuzz-$$h.c \
	    $$(case $$h in post) echo $(FUZZ_SRC_post);; request) echo $(FUZZ_SRC_request);; \
	      date) echo $(FUZZ_SRC_date);; sanitize) echo $(FUZZ_SRC_sanitize);; esac) \
	    $(PKG_LIBS) && \
	  build/fuzz/fuzz-$$h -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=build/fuzz/$$h- build/fuzz/$$h 2>&1 | \
	    grep -E '^(Done|==[0-9]+==ERROR|SUMMARY)' | sed "s/^/fuzz-$$h: /" || exit 1; \
	done

# ---- installing ---------------------------------------------------------
#
#   make install    PREFIX (default /usr/local) and DESTDIR as usual: the
#                   programs, templates/ and static/ in $(DATADIR), the man
#                   pages, the nginx server block and the systemd units
#   make uninstall  removes what make install put there (same PREFIX)
#   make deb        a Debian package in build/deb/ (debian/, PREFIX=/usr)
#   make check-deb  make deb, then lintian: no errors allowed
#
# finews.fcgi finds its templates without --templates: build/finews.fcgi
# in the checkout's templates/ (its absolute path, compiled in), the
# installed one in $(DATADIR)/templates.  What make install installs is
# linked in $(INSTALL_B) from build/'s objects, with finews.c compiled
# again for the installed path, so build/ stays the checkout's build.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
SBINDIR ?= $(PREFIX)/sbin
DATADIR ?= $(PREFIX)/share/finews
MANDIR ?= $(PREFIX)/share/man
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
INSTALL_B ?= $(B)/install
INSTALL ?= install
# Where the units put finews.fcgi's socket, and nginx its micro-cache.
SOCKET_PATH := /run/finews/finews.sock
CACHE_PATH := /var/cache/nginx/finews

# make test checks the man pages (mandoc), the units (systemd-analyze,
# strace) and the package (debhelper, lintian).
DEBS += mandoc systemd strace debhelper dpkg-dev fakeroot lintian

TEMPLATE_FILES := $(wildcard templates/*.tpl)
# static/ but README's picture
STATIC_FILES := $(filter-out static/screenshot-%,$(wildcard static/*))
UNIT_FILES := finews.socket finews.service finews-import.service \
	finews-replica-sync.service finews-replica-sync.timer
MAN_FILES := man/finews-import.1 man/finews.fcgi.8

# Every file make install writes, under $(DESTDIR).
INSTALLED := $(BINDIR)/finews-import $(BINDIR)/finews-replica-sync $(SBINDIR)/finews.fcgi \
	$(TEMPLATE_FILES:templates/%=$(DATADIR)/templates/%) \
	$(STATIC_FILES:static/%=$(DATADIR)/static/%) $(STATIC_GZ:%=$(DATADIR)/static/%.gz) \
	$(DATADIR)/nginx/finews.nginx $(DATADIR)/nginx/finews-cache.conf \
	$(MANDIR)/man1/finews-import.1 $(MANDIR)/man8/finews.fcgi.8 \
	$(UNIT_FILES:%=$(UNITDIR)/%) $(SYSUSERSDIR)/finews.conf
# The folders that are finews's alone, removed by make uninstall.
INSTALLED_DIRS := $(DATADIR)/templates $(DATADIR)/static $(DATADIR)/nginx $(DATADIR)

# The templates folder compiled into each finews.fcgi, and a file holding
# it, so that finews.o is compiled again when it changes.
$(B)/cgi/finews.o: CPPFLAGS += -DFINEWS_TEMPLATES='"$(CURDIR)/templates"'
$(B)/cgi/finews.o: $(B)/templates-path
$(B)/templates-path: FORCE
	@mkdir -p $(@D)
	@echo '$(CURDIR)/templates' | cmp -s - $@ || echo '$(CURDIR)/templates' > $@
$(INSTALL_B)/paths: FORCE
	@mkdir -p $(@D)
	@echo '$(BINDIR) $(SBINDIR) $(DATADIR)' | cmp -s - $@ || echo '$(BINDIR) $(SBINDIR) $(DATADIR)' > $@
FORCE:

$(INSTALL_B)/cgi/finews.o: cgi/finews.c $(wildcard cgi/*.h) $(INSTALL_B)/paths
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -DFINEWS_TEMPLATES='"$(DATADIR)/templates"' $(CFLAGS) \
		$(SANFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(INSTALL_B)/finews.fcgi: $(INSTALL_B)/cgi/finews.o \
		$(call objs,$(filter-out cgi/finews.o,$(SERVE)) $(COMMON))
	@mkdir -p $(@D)
	$(CXX) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(INSTALL_B)/finews-import: $(call objs,$(IMPORT) $(COMMON))
	@mkdir -p $(@D)
	$(CC) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lpthread -lm

# The units, with the installed programs' paths.
$(INSTALL_B)/conf/%: conf/%.in $(INSTALL_B)/paths
	@mkdir -p $(@D)
	sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@SBINDIR@|$(SBINDIR)|g' \
		-e 's|@SOCKET@|$(SOCKET_PATH)|g' $< > $@

# The server block, filled in for the units' socket and the installed
# static/ (the micro-cache on, no loopback fallback: finews.socket is one
# socket); only @HOST@ and @PORT@ are left to fill in.
$(INSTALL_B)/nginx/finews.nginx: conf/finews.nginx $(INSTALL_B)/paths
	@mkdir -p $(@D)
	{ echo '# Installed for finews.socket: @STATIC@, @SOCKET@, @CACHE@ and @OVERFLOW@ are'; \
	  echo '# filled in below; replace @HOST@ and @PORT@ (README: Deploying).'; \
	  sed -e '/^[[:space:]]*#/!{' \
		-e 's|@STATIC@|$(DATADIR)/static|g' \
		-e 's|@SOCKET@|$(SOCKET_PATH)|g' -e 's|@CACHE@||g' \
		-e 's|@OVERFLOW_ADDR@|127.0.0.1:9009|g' -e 's|@OVERFLOW@|# |g' -e '}' $<; \
	} > $@

# The micro-cache's store, for nginx's http {} block (conf.d/): the line
# of conf/nginx.conf.in, with its folder under /var/cache/nginx.
$(INSTALL_B)/nginx/finews-cache.conf: conf/nginx.conf.in
	@mkdir -p $(@D)
	{ echo '# finews-cache.conf - the store of finews.nginx'"'"'s micro-cache; goes in'; \
	  echo '# nginx'"'"'s http {} block, e.g. as /etc/nginx/conf.d/finews-cache.conf.'; \
	  sed -n 's|^[[:space:]]*@CACHE@\(fastcgi_cache_path\) @BUILD@/cache |\1 $(CACHE_PATH) |p' $<; \
	} > $@.tmp
	grep -q '^fastcgi_cache_path $(CACHE_PATH) ' $@.tmp && mv $@.tmp $@

# Everything make install copies, built by make too (so that sudo make
# install only copies) and by debian/rules.
all: build-install
build-install: deps-check build/static/.built $(INSTALL_B)/finews-import $(INSTALL_B)/finews.fcgi \
	$(UNIT_FILES:%=$(INSTALL_B)/conf/%) \
	$(INSTALL_B)/nginx/finews.nginx $(INSTALL_B)/nginx/finews-cache.conf

install: build-install
	$(INSTALL) -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(SBINDIR)" \
		"$(DESTDIR)$(DATADIR)/templates" "$(DESTDIR)$(DATADIR)/static" \
		"$(DESTDIR)$(DATADIR)/nginx" "$(DESTDIR)$(MANDIR)/man1" \
		"$(DESTDIR)$(MANDIR)/man8" "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(SYSUSERSDIR)"
	$(INSTALL) -m 755 $(INSTALL_B)/finews-import "$(DESTDIR)$(BINDIR)/"
	$(INSTALL) -m 755 conf/finews-replica-sync "$(DESTDIR)$(BINDIR)/"
	$(INSTALL) -m 755 $(INSTALL_B)/finews.fcgi "$(DESTDIR)$(SBINDIR)/"
	$(INSTALL) -m 644 $(TEMPLATE_FILES) "$(DESTDIR)$(DATADIR)/templates/"
	$(INSTALL) -m 644 $(STATIC_FILES) $(STATIC_GZ:%=build/static/%.gz) "$(DESTDIR)$(DATADIR)/static/"
	$(INSTALL) -m 644 $(INSTALL_B)/nginx/finews.nginx \
		$(INSTALL_B)/nginx/finews-cache.conf "$(DESTDIR)$(DATADIR)/nginx/"
	$(INSTALL) -m 644 man/finews-import.1 "$(DESTDIR)$(MANDIR)/man1/"
	$(INSTALL) -m 644 man/finews.fcgi.8 "$(DESTDIR)$(MANDIR)/man8/"
	$(INSTALL) -m 644 $(UNIT_FILES:%=$(INSTALL_B)/conf/%) "$(DESTDIR)$(UNITDIR)/"
	$(INSTALL) -m 644 conf/finews.sysusers "$(DESTDIR)$(SYSUSERSDIR)/finews.conf"

uninstall:
	rm -f $(INSTALLED:%="$(DESTDIR)%")
	for d in $(INSTALLED_DIRS:%="$(DESTDIR)%"); do \
	  [ ! -d "$$d" ] || rmdir --ignore-fail-on-non-empty "$$d" || exit 1; done

# The package is built from a copy of the tree in $(DEB_B)/finews-VERSION
# (dpkg-buildpackage writes into the folder above the tree's), by a make
# that is given none of this one's variables.
DEB_B ?= build/deb
DEB_ARCH = $(shell dpkg --print-architecture)
DEB_FILE = $(DEB_B)/finews_$(VERSION)_$(DEB_ARCH)
deb: deps
	rm -rf $(DEB_B) && mkdir -p $(DEB_B)/finews-$(VERSION)
	tar -c --exclude-vcs --exclude=./build --exclude='*.o' . | \
		tar -x -C $(DEB_B)/finews-$(VERSION)
	cd $(DEB_B)/finews-$(VERSION) && \
		env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES dpkg-buildpackage -us -uc
	@echo "finews: $(DEB_FILE).deb"

check-deb: deb
	lintian --fail-on error --info $(DEB_FILE).changes

.PHONY: build-install install uninstall deb check-deb FORCE

clean:
	rm -rf build

# Keep generated sources (build/sql/*.c) and objects between runs.
.SECONDARY:

.PHONY: all deps browser-deps deps-check test run bench bench-paint bench-scale bench-publish bench-publish-sync \
	bench-import bench-search bench-burst bench-sources fuzz clean

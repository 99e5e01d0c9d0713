# finews - a Jekyll news archive served from SQLite by FastCGI behind nginx.
#
#   make            build build/finews-import and build/finews.fcgi
#   make test       every test; make test SAN=1: all of them again, built
#                   with AddressSanitizer and UBSan
#   make run        import SITE (default: test/sample) and serve it on PORT
#   make bench      load every page kind with wrk on an N-post site (N=100000)
#                   and time the importer; bench-scale, bench-publish,
#                   bench-burst (10,000 requests at once): more
#   make deps       install missing Debian packages

SITE ?= test/sample
PORT ?= 8080
HOST ?= 127.0.0.1

CC ?= cc
CXX ?= c++
OPT ?= -O2 -g
PKGS := sqlite3 yaml-0.1 libcmark libxxhash fcgi libctemplate gumbo
WARN := -Wall -Wextra -Werror
VERSION := 0.1
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DFINEWS_VERSION=\"$(VERSION)\"
CFLAGS += -std=c11 $(OPT) $(WARN)
CXXFLAGS += -std=c++17 $(OPT) $(WARN)

# Debian packages: what builds, tests and runs finews.
DEBS := build-essential pkg-config libsqlite3-dev sqlite3 libyaml-dev \
	libcmark-dev libxxhash-dev libfcgi-dev libctemplate-dev libgumbo-dev nginx \
	curl perl tidy libxml2-utils chromium fonts-noto-cjk libfcgi-bin \
	python3-feedparser wrk time jekyll iproute2

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
IMPORT := cgi/import.o cgi/watch.o cgi/config.o cgi/store-import.o
SERVE := cgi/finews.o cgi/master.o cgi/listen.o cgi/cmd.o cgi/request.o cgi/page.o cgi/tmpl.o cgi/store-read.o \
	cgi/ui-home.o cgi/ui-list.o cgi/ui-category.o cgi/ui-tag.o \
	cgi/ui-article.o cgi/ui-share.o cgi/ui-search.o cgi/search.o \
	cgi/ui-tags.o cgi/ui-moved.o \
	cgi/ui-feed.o cgi/ui-sitemap.o \
	cgi/ui-notfound.o
UNITS := $(patsubst test/%.c,$(B)/test/%,$(wildcard test/unit-*.c))
HARNESSES := post request date sanitize   # test/fuzz-NAME.c
objs = $(addprefix $(B)/,$(1))
SERVE_SRCS := $(wildcard $(SERVE:.o=.c) $(SERVE:.o=.cc))

all: deps-check $(B)/finews-import $(if $(SERVE_SRCS),$(B)/finews.fcgi) $(UNITS) \
	$(B)/test/gen-site $(HARNESSES:%=$(B)/test/fuzz-%) \
	$(B)/test/bench-search

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

$(B)/test/unit-%: $(B)/test/unit-%.o $(call objs,$(COMMON) cgi/config.o cgi/store-import.o cgi/request.o)
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

deps-check:
	@pkg-config --exists $(PKGS) || $(MAKE) --no-print-directory deps

# ---- tests --------------------------------------------------------------

test: deps
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

# Article, category and search latency at 10,000 and 1,000,000 posts.
bench-scale: deps all
	@FINEWS_BIN=$(CURDIR)/build sh test/bench-scale.sh

# One new post readable: Jekyll's rebuild against finews-import (needs jekyll).
bench-publish: deps all
	@FINEWS_BIN=$(CURDIR)/build sh test/bench-publish.sh

bench-import: deps all
	@FINEWS_BIN=$(CURDIR)/build sh test/bench-import.sh $(N)

# BURST requests at once through nginx, with and without finews.fcgi's
# loopback port as nginx's fallback when the unix socket is full.
BURST ?= 10000
bench-burst: deps all
	@FINEWS_BIN=$(CURDIR)/build sh test/bench-burst.sh $(BURST)

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

clean:
	rm -rf build

# Keep generated sources (build/sql/*.c) and objects between runs.
.SECONDARY:

.PHONY: all deps deps-check test run bench bench-scale bench-publish \
	bench-import bench-search bench-burst fuzz clean

/*
 * tmpl.cc - the one C++ file: a C API (tmpl.h) over ctemplate.
 * Templates are parsed at start, in the master, into a cache that is then
 * frozen, so requests never touch the disk for them and the workers
 * forked after share them.  A reload (SIGHUP) parses them into a new
 * cache, which replaces the old one only when every template loaded.
 */
#include "tmpl.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <dirent.h>

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <ctemplate/template_emitter.h>
#include <ctemplate/template_modifiers.h>

extern "C" {
#include "log.h"
#include "util.h"
}

using ctemplate::TemplateDictionary;

/*
 * {{NAME:x-xml}}, the one escaping of the XML templates (feeds, sitemaps):
 * & < > " ' as entities, and only characters XML 1.0 allows, so that
 * one odd title cannot make a feed unreadable for every subscriber.  A C0
 * control other than tab, LF and CR becomes a space (as ctemplate's own
 * xml_escape does); U+FFFE, U+FFFF and a byte that is not UTF-8 become
 * U+FFFD.  (ctemplate's xml_escape lets U+FFFE and U+FFFF through.)  It is
 * registered as XSS-safe, so auto-escaping adds nothing after it.
 */
class XmlText : public ctemplate::TemplateModifier {
public:
	void Modify(const char *in, size_t inlen, const ctemplate::PerExpandData *,
		    ctemplate::ExpandEmitter *out, const std::string &) const override
	{
		const char *run = in, *end = in + inlen;
		for (const char *p = in; p < end; ) {
			size_t n = 1;
			const char *rep = replacement(p, end, &n);
			if (rep) {
				out->Emit(run, static_cast<size_t>(p - run));
				out->Emit(rep);
				run = p + n;
			}
			p += n;
		}
		out->Emit(run, static_cast<size_t>(end - run));
	}

private:
	/* What the character at p, of *n bytes, is written as; NULL: itself. */
	static const char *replacement(const char *p, const char *end, size_t *n)
	{
		const unsigned char *u = reinterpret_cast<const unsigned char *>(p);
		switch (u[0]) {
		case '&': return "&amp;";
		case '<': return "&lt;";
		case '>': return "&gt;";
		case '"': return "&quot;";
		case '\'': return "&#39;";
		case '\t': case '\n': case '\r': return NULL;
		}
		if (u[0] < 0x20)
			return " ";
		if (u[0] < 0x80)
			return NULL;
		*n = utf8_seqlen(u, static_cast<size_t>(end - p));
		if (*n == 0) {
			*n = 1;
			return "\xEF\xBF\xBD";
		}
		if (*n == 3 && u[0] == 0xEF && u[1] == 0xBF && u[2] >= 0xBE)
			return "\xEF\xBF\xBD";
		return NULL;
	}
};

static const XmlText xml_text;

static const ctemplate::Strip strip = ctemplate::STRIP_BLANK_LINES;

/* The templates loaded last (one per process, as ctemplate's own default
 * cache would be). */
static ctemplate::TemplateCache *templates;

static TemplateDictionary *D(struct tmpl_dict *d)
{
	return reinterpret_cast<TemplateDictionary *>(d);
}

static struct tmpl_dict *C(TemplateDictionary *d)
{
	return reinterpret_cast<struct tmpl_dict *>(d);
}

/* Every .tpl file of dir into cache: 0, or -1 with a line on stderr for
 * each that does not load. */
static int load_all(ctemplate::TemplateCache *cache, const char *dir)
{
	cache->SetTemplateRootDirectory(dir);
	DIR *d = opendir(dir);
	if (!d) {
		log_error("finews: templates %s: cannot open", dir);
		return -1;
	}
	int rc = 0, n = 0;
	while (struct dirent *e = readdir(d)) {
		size_t len = std::strlen(e->d_name);
		if (len < 5 || std::strcmp(e->d_name + len - 4, ".tpl") != 0)
			continue;
		if (!cache->LoadTemplate(e->d_name, strip)) {
			log_error("finews: template %s/%s: cannot load", dir,
				  e->d_name);
			rc = -1;
		}
		n++;
	}
	closedir(d);
	if (rc == 0 && n == 0) {
		log_error("finews: templates %s: no .tpl files", dir);
		rc = -1;
	}
	return rc;
}

int tmpl_init(const char *dir)
{
	static bool modifiers = ctemplate::AddXssSafeModifier("x-xml", &xml_text);
	if (!modifiers) {
		log_error("finews: cannot add the template modifier x-xml");
		return -1;
	}
	ctemplate::TemplateCache *fresh = new ctemplate::TemplateCache();
	if (load_all(fresh, dir) < 0) {
		delete fresh;
		return -1;
	}
	fresh->Freeze();
	delete templates;
	templates = fresh;
	return 0;
}

struct tmpl_dict *tmpl_new(const char *name)
{
	return C(new TemplateDictionary(name));
}

void tmpl_free(struct tmpl_dict *d)
{
	delete D(d);
}

void tmpl_set(struct tmpl_dict *d, const char *key, const char *value)
{
	D(d)->SetValue(key, value ? value : "");
}

void tmpl_set_ref(struct tmpl_dict *d, const char *key, const char *value)
{
	D(d)->SetValueWithoutCopy(key, value ? value : "");
}

void tmpl_set_int(struct tmpl_dict *d, const char *key, long value)
{
	D(d)->SetIntValue(key, value);
}

void tmpl_show(struct tmpl_dict *d, const char *section)
{
	D(d)->ShowSection(section);
}

struct tmpl_dict *tmpl_add(struct tmpl_dict *d, const char *section)
{
	return C(D(d)->AddSectionDictionary(section));
}

struct tmpl_dict *tmpl_include(struct tmpl_dict *d, const char *name,
			       const char *file)
{
	TemplateDictionary *inc = D(d)->AddIncludeDictionary(name);
	inc->SetFilename(file);
	return C(inc);
}

/* Expanding into a struct buf: a page of a large article is written once,
 * not into a std::string and then copied out of it. */
class BufEmitter : public ctemplate::ExpandEmitter {
public:
	explicit BufEmitter(struct buf *b) : b_(b) {}
	void Emit(char c) override { buf_addc(b_, c); }
	void Emit(const std::string &s) override { buf_add(b_, s.data(), s.size()); }
	void Emit(const char *s) override { buf_adds(b_, s); }
	void Emit(const char *s, size_t n) override { buf_add(b_, s, n); }

private:
	struct buf *b_;
};

int tmpl_render(const char *file, struct tmpl_dict *d, char **out, size_t *len)
{
	struct buf b = {};
	BufEmitter emit(&b);
	if (!templates || !templates->ExpandNoLoad(file, strip, D(d), NULL, &emit)) {
		buf_free(&b);
		return -1;
	}
	*len = b.len;
	*out = buf_steal(&b);
	return 0;
}

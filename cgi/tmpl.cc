/*
 * tmpl.cc - the one C++ file: a C API (tmpl.h) over ctemplate.
 * Templates are parsed at start, in the master, into a cache that is then
 * frozen, so requests never touch the disk for them and the workers
 * forked after share them.  A reload (SIGHUP) parses them into a new
 * cache, which replaces the old one only when every template loaded.
 */
#include "tmpl.h"

#include <cstdint>
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
 * A modifier that writes each character of a value as itself or as a
 * replacement: the walk over UTF-8 that x-xml, x-json and x-line share.
 * A byte that is not UTF-8 becomes U+FFFD in all three.
 */
class CharModifier : public ctemplate::TemplateModifier {
public:
	void Modify(const char *in, size_t inlen, const ctemplate::PerExpandData *,
		    ctemplate::ExpandEmitter *out, const std::string &) const override
	{
		const char *run = in, *end = in + inlen;
		char buf[8];
		for (const char *p = in; p < end; ) {
			const unsigned char *u = reinterpret_cast<const unsigned char *>(p);
			size_t n = utf8_seqlen(u, static_cast<size_t>(end - p));
			const char *rep = n ? replacement(u, n, buf) : "\xEF\xBF\xBD";
			n = n ? n : 1;
			if (rep) {
				out->Emit(run, static_cast<size_t>(p - run));
				out->Emit(rep);
				run = p + n;
			}
			p += n;
		}
		out->Emit(run, static_cast<size_t>(end - run));
	}

protected:
	/* What the character at u, of n bytes, is written as (buf may hold
	 * it, 8 bytes); NULL: itself. */
	virtual const char *replacement(const unsigned char *u, size_t n,
					char *buf) const = 0;
};

/*
 * {{NAME:x-xml}}, the one escaping of the XML templates (feeds, sitemaps):
 * & < > " ' as entities, and only characters XML 1.0 allows, so that
 * one odd title cannot make a feed unreadable for every subscriber.  A C0
 * control other than tab, LF and CR becomes a space (as ctemplate's own
 * xml_escape does); U+FFFE, U+FFFF and a byte that is not UTF-8 become
 * U+FFFD.  (ctemplate's xml_escape lets U+FFFE and U+FFFF through.)  It is
 * registered as XSS-safe, so auto-escaping adds nothing after it.
 */
class XmlText : public CharModifier {
	const char *replacement(const unsigned char *u, size_t n,
				char *) const override
	{
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
		if (n == 3 && u[0] == 0xEF && u[1] == 0xBF && u[2] >= 0xBE)
			return "\xEF\xBF\xBD";
		return NULL;
	}
};

/*
 * {{NAME:x-json}}, the escaping of JSON templates (/_status?format=json),
 * inside a string's quotes: " and \ escaped, every control character as
 * \uXXXX (ctemplate's json_escape lets most of them through, which JSON
 * does not allow), and < > & U+2028 U+2029 as \uXXXX too, so that the
 * text is also safe within HTML or JavaScript.  XSS-safe, as x-xml.
 */
class JsonText : public CharModifier {
	const char *replacement(const unsigned char *u, size_t n,
				char *buf) const override
	{
		switch (u[0]) {
		case '"': return "\\\"";
		case '\\': return "\\\\";
		case '\n': return "\\n";
		case '\t': return "\\t";
		case '\r': return "\\r";
		}
		unsigned cp = 0;
		if (u[0] < 0x20 || u[0] == '<' || u[0] == '>' || u[0] == '&')
			cp = u[0];
		else if (n == 3 && u[0] == 0xE2 && u[1] == 0x80 &&
			 (u[2] == 0xA8 || u[2] == 0xA9))
			cp = 0x2000u + 0x28u + (u[2] - 0xA8u);
		if (!cp)
			return NULL;
		std::snprintf(buf, 8, "\\u%04x", cp);
		return buf;
	}
};

/* {{NAME:x-line}}, for plain text of one value a line (/_status): a
 * control character (a newline, say) becomes a space.  XSS-safe, as
 * x-xml: the text it is in is never HTML. */
class LineText : public CharModifier {
	const char *replacement(const unsigned char *u, size_t,
				char *) const override
	{
		return u[0] < 0x20 || u[0] == 0x7f ? " " : NULL;
	}
};

static const XmlText xml_text;
static const JsonText json_text;
static const LineText line_text;

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
	static bool modifiers =
		ctemplate::AddXssSafeModifier("x-xml", &xml_text) &&
		ctemplate::AddXssSafeModifier("x-json", &json_text) &&
		ctemplate::AddXssSafeModifier("x-line", &line_text);
	if (!modifiers) {
		log_error("finews: cannot add the template modifiers");
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

/*
 * The names of values and sections, with their ctemplate ids.  ctemplate
 * keys a dictionary by a 64-bit hash of each name, and a name given as a
 * plain string is hashed again, and looked up in ctemplate's global
 * id-to-name map under a lock, on every SetValue: 60% of the work of
 * filling a list page's dictionaries (callgrind).  The names finews
 * passes are string literals, a hundred or so, so each is hashed once per
 * process and found again by its address (and checked by its text, should
 * one ever come from a buffer).  A memo of constants, filled lazily: each
 * worker has its own copy, as it has ctemplate's own id map.
 */
enum { NAME_SLOTS = 1024 };
struct name_slot {
	const char *key;   /* the caller's pointer */
	ctemplate::StaticTemplateString name;   /* a copy of the text, its id */
};
static struct name_slot names[NAME_SLOTS];

static ctemplate::TemplateString name_of(const char *key)
{
	uint64_t h = (static_cast<uint64_t>(reinterpret_cast<uintptr_t>(key)) *
		      0x9E3779B97F4A7C15ull) >> 54;   /* 10 bits: NAME_SLOTS */
	for (int probe = 0; probe < NAME_SLOTS / 2; probe++) {
		struct name_slot *s = &names[(h + probe) % NAME_SLOTS];
		if (s->key == key && std::strcmp(s->name.do_not_use_directly_.ptr_, key) == 0)
			return ctemplate::TemplateString(s->name);
		if (s->key)
			continue;
		char *copy = strdup(key);
		if (!copy)
			break;
		s->name.do_not_use_directly_.ptr_ = copy;
		s->name.do_not_use_directly_.length_ = std::strlen(copy);
		s->name.do_not_use_directly_.id_ = ctemplate::kIllegalTemplateId;
		ctemplate::StaticTemplateStringInitializer set_id(&s->name);
		s->key = key;
		return ctemplate::TemplateString(s->name);
	}
	return ctemplate::TemplateString(key);   /* full: hashed each time */
}

void tmpl_set(struct tmpl_dict *d, const char *key, const char *value)
{
	D(d)->SetValue(name_of(key), value ? value : "");
}

void tmpl_set_ref(struct tmpl_dict *d, const char *key, const char *value)
{
	D(d)->SetValueWithoutCopy(name_of(key), value ? value : "");
}

void tmpl_set_int(struct tmpl_dict *d, const char *key, long value)
{
	D(d)->SetIntValue(name_of(key), value);
}

void tmpl_show(struct tmpl_dict *d, const char *section)
{
	D(d)->ShowSection(name_of(section));
}

struct tmpl_dict *tmpl_add(struct tmpl_dict *d, const char *section)
{
	return C(D(d)->AddSectionDictionary(name_of(section)));
}

struct tmpl_dict *tmpl_include(struct tmpl_dict *d, const char *name,
			       const char *file)
{
	TemplateDictionary *inc = D(d)->AddIncludeDictionary(name_of(name));
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

/*
 * tmpl.cc - the one C++ file: a C API (tmpl.h) over ctemplate.
 * Templates are parsed once, at start, and the cache is frozen, so
 * requests never touch the disk for them and workers share them safely.
 */
#include "tmpl.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <dirent.h>

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>

using ctemplate::TemplateDictionary;

static const ctemplate::Strip strip = ctemplate::STRIP_BLANK_LINES;

static TemplateDictionary *D(struct tmpl_dict *d)
{
	return reinterpret_cast<TemplateDictionary *>(d);
}

static struct tmpl_dict *C(TemplateDictionary *d)
{
	return reinterpret_cast<struct tmpl_dict *>(d);
}

int tmpl_init(const char *dir)
{
	ctemplate::TemplateCache *cache = ctemplate::mutable_default_template_cache();
	cache->SetTemplateRootDirectory(dir);
	DIR *d = opendir(dir);
	if (!d) {
		std::fprintf(stderr, "finews: templates %s: cannot open\n", dir);
		return -1;
	}
	int rc = 0, n = 0;
	while (struct dirent *e = readdir(d)) {
		size_t len = std::strlen(e->d_name);
		if (len < 5 || std::strcmp(e->d_name + len - 4, ".tpl") != 0)
			continue;
		if (!cache->LoadTemplate(e->d_name, strip)) {
			std::fprintf(stderr, "finews: template %s/%s: cannot load\n",
				     dir, e->d_name);
			rc = -1;
		}
		n++;
	}
	closedir(d);
	if (rc == 0 && n == 0) {
		std::fprintf(stderr, "finews: templates %s: no .tpl files\n", dir);
		rc = -1;
	}
	cache->Freeze();
	return rc;
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

int tmpl_render(const char *file, struct tmpl_dict *d, char **out, size_t *len)
{
	std::string s;
	if (!ctemplate::ExpandTemplate(file, strip, D(d), &s))
		return -1;
	char *p = static_cast<char *>(std::malloc(s.size() + 1));
	if (!p)
		return -1;
	std::memcpy(p, s.data(), s.size());
	p[s.size()] = '\0';
	*out = p;
	*len = s.size();
	return 0;
}

/*
 * ui-floor.c - "/_floor": a tiny constant answer that reads nothing,
 * the FastCGI floor of `make bench`: what any page costs through nginx
 * and finews.fcgi's request loop before its handler does any work.
 * Harmless to anyone: the same few bytes for every request, no store
 * access, never kept by a cache.
 */
#include "cmd.h"

int ui_floor(struct ctx *c)
{
	c->cache_control = "no-store";
	page_plain(c, 200, "ok\n");
	return 0;
}

/*
 * ui-moved.c - old addresses with a fixed new one (the table is in
 * cmd.c, match_moved): "/index.html" and the like, 301 to where the page
 * is now.
 */
#include "cmd.h"

int ui_moved(struct ctx *c)
{
	return page_redirect(c, c->route.moved);
}

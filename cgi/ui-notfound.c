/*
 * ui-notfound.c - any URL no other command takes: 404 in the layout.
 */
#include "cmd.h"

int ui_notfound(struct ctx *c)
{
	return page_error(c, 404, "找不到这个页面");
}

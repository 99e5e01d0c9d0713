/*
 * ui-stream.c - every post of the site, newest first, "/all/?page=N"
 * (全部消息): a list as a category's (ui-list.c), paged by the stream's
 * ranks (sql/schema.sql).  The route comes before the categories' in
 * cmd.c, so a category whose slug is "all" has no list page of its own.
 */
#include "cmd.h"

#define STREAM_URL "/all/"

int ui_stream(struct ctx *c)
{
	struct list l = {"全部消息", STREAM_URL, NULL, 0,
			 store_stream_count, store_stream, NULL};
	return ui_list_send(c, &l);
}

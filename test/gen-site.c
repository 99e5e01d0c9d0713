/*
 * gen-site.c - write synthetic Jekyll news sites in the corpus's shapes.
 *
 *   gen-site [--seed N] [--start YYYY-MM-DD] DIR COUNT
 *       DIR/_config.yml and COUNT posts in DIR/_posts/.
 *   gen-site [--seed N] [--start YYYY-MM-DD] --one DIR N
 *       only post number N (0-based) into the existing DIR/_posts/:
 *       with N = COUNT it is a new post, later than all the others.
 *   --sources N (either form): posts from N categories, and their
 *       category pages in DIR/category/ (not with --one), below.
 *
 * Post i is a pure function of (seed, start, i), so the same arguments
 * always give the same bytes and --one continues a generated site.
 * Shapes, picked per post:
 *   ~85%  short wire posts: categories emnews, tags 东财滚动新闻, a markdown
 *         body (sometimes a list or **bold**), an autolink to the original,
 *         relative navigation links; file YYYY-MM-DD-<18-digit id>.md
 *   ~12%  long newspaper articles in three papers: raw HTML <p> body of
 *         10-30 paragraphs, a 文章来源 line, a share link, absolute
 *         navigation links; file YYYY-MM-DD-NW<18 digits>.md
 *   ~3%   other categories: sitenews notices, fundnews with a tag list.
 * Ids are unique; their first 8 digits are the post's date.  Dates rise
 * 1-7 minutes apart from --start (default 2021-12-01) 08:00, as local
 * (Asia/Shanghai) times, some with " +0800".  All text is invented.
 *
 * With --sources N the posts come from N sources (categories) skewed as
 * the real archive's: ~60% from the wire emnews (东财滚动新闻), five
 * mid-size sources (three newspapers of long articles), and a long tail
 * weighted 1/rank, every source with at least one post once COUNT is at
 * least about 2.5 N.  Slugs are pinyin or Latin, some with capitals,
 * digits or brackets; each source has a Chinese tag, a few shared by two
 * sources; DIR/category/SLUG.html is each source's category page
 * (layout: category, a Chinese title, a few stale or another's), plus
 * N/200 + 2 pages of sources with no post (see write_pages for two
 * more).  The sources are a pure function of (seed, N), post i of
 * (seed, start, N, i); without --sources the output is as it always was.
 * Prints nothing but errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_COUNT 100000000L
#define MAX_SOURCES 100000L
#define STEP 240           /* seconds between posts, plus jitter < STEP */

/* ---- deterministic randomness ------------------------------------- */

struct rng {
	uint64_t s;
};

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned rnd(struct rng *r, unsigned n)
{
	return (unsigned)(splitmix(&r->s) % n);
}

#define PICK(r, a) ((a)[rnd((r), sizeof(a) / sizeof((a)[0]))])

/* ---- output buffer ------------------------------------------------ */

struct buf {
	char *p;
	size_t len, cap;
};

static void grow(struct buf *b, size_t need)
{
	if (b->len + need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->len + need)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p) {
		fprintf(stderr, "gen-site: out of memory\n");
		exit(1);
	}
	b->p = p;
	b->cap = cap;
}

static void put(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void putf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	grow(b, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* ---- calendar ----------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

struct when {
	int y, mo, d, h, mi, s;
};

static struct when when_at(int64_t t)
{
	struct when w;
	int64_t days = t / 86400, rem = t % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civil_from_days(days, &w.y, &w.mo, &w.d);
	w.h = (int)(rem / 3600);
	w.mi = (int)(rem / 60 % 60);
	w.s = (int)(rem % 60);
	return w;
}

/* ---- vocabulary (invented) ---------------------------------------- */

static const char *const places[] = {
	"青禾经开区", "南岭县", "星城市", "东湖新区", "云溪镇", "北辰工业园",
	"西江港区", "临川新城", "白鹭湾", "松原高新区", "金岸自贸片区",
	"霞浦开发区", "峰林县", "澄江新区", "溪口镇", "明湖科技城",
};
static const char *const orgs[] = {
	"青禾银行", "云溪锂业", "北辰智造", "恒越新材", "长川电气",
	"南岭港集团", "星城农商行", "东湖证券", "西江能源", "明远医药",
	"嘉禾食品", "华屿科技", "远帆物流", "启明半导体", "安澜保险",
	"松石建材", "澄光光伏", "海棠家居", "万川航运", "鸿图汽车",
};
static const char *const sectors[] = {
	"新能源汽车", "光伏", "半导体", "储能", "医药生物", "白酒", "煤炭",
	"航运", "数字支付", "消费电子", "工业软件", "农产品加工", "跨境电商",
	"冷链物流", "智能家电", "氢能",
};
static const char *const metrics[] = {
	"营业收入", "净利润", "出口额", "贷款余额", "成交额", "吞吐量",
	"订单金额", "用电量", "销售额", "交付量",
};
static const char *const money[] = {
	"营业收入", "净利润", "出口额", "销售额", "订单金额", "利润总额",
};
static const char *const policies[] = {
	"稳外贸措施", "人才安居办法", "消费券发放方案", "中小企业纾困政策",
	"绿色信贷指引", "产业扶持细则", "数字经济行动计划", "住房租赁新规",
};
static const char *const indexes[] = {
	"上证指数", "深证成指", "创业板指", "科创板指数",
};
static const char *const moves[] = {
	"领涨", "走强", "回调", "震荡", "活跃", "承压",
};
static const char *const periods[] = {
	"年内", "单月", "历史", "季度", "同期",
};
static const char *const quotes[] = {
	"订单排到了明年二季度，生产线一刻也不能停",
	"手续办得快，项目才能早开工、早见效",
	"融资成本降下来了，企业就敢放开手脚投研发",
	"我们看中的是这里的产业配套和服务效率",
	"留得住人才，企业才能真正扎下根",
	"数据打通以后，库存周转快了将近一倍",
	"今年的目标是把海外市场份额再提高几个百分点",
	"有了专项资金支持，技术改造心里更有底了",
};
static const char *const actions[] = {
	"加快推进重点项目建设", "持续优化营商环境", "加大金融支持力度",
	"完善产业链配套", "强化用工和要素保障", "深化数字化改造",
	"扩大有效投资", "推动外贸稳规模优结构",
};
static const char *const goals[] = {
	"力争全年主要经济指标实现两位数增长",
	"为企业发展提供更加有力的支撑",
	"打造区域发展的重要增长极",
	"推动产业向中高端迈进",
	"让市场主体有更多获得感",
	"确保各项目标任务按期完成",
};
static const char *const headings[] = {
	"聚焦主导产业", "优化营商环境", "强化要素保障", "突出项目带动",
	"激发市场活力", "坚持创新驱动", "推动绿色转型", "服务实体经济",
};
static const char *const surnames[] = {
	"林", "周", "陈", "许", "顾", "孟", "沈", "宋", "韩", "杜", "叶", "程",
};
static const char *const givens[] = {
	"晓舟", "安宁", "书远", "明川", "清禾", "知行", "若溪", "思源",
	"一帆", "景行", "文澜", "子衿",
};
static const char *const cols[] = {
	"1345", "1350", "1351", "1354", "1355", "1611",
};
static const char *const hosts[] = {
	"finance.example.com", "stock.example.com",
};

struct paper {
	const char *cat, *name;
};
static const struct paper papers[] = {
	{"nanchangribao", "南昌日报"},
	{"jingjiribao", "经济日报"},
	{"qinghewanbao", "青禾晚报"},
};

/* ---- numbers as text ---------------------------------------------- */

static void pct(struct rng *r, char *out, size_t n)
{
	snprintf(out, n, "%u.%u%%", 1 + rnd(r, 60), rnd(r, 10));
}

static void amount(struct rng *r, char *out, size_t n)
{
	switch (rnd(r, 3)) {
	case 0:
		snprintf(out, n, "%u亿元", 2 + rnd(r, 98));
		break;
	case 1:
		snprintf(out, n, "%u.%u亿元", 1 + rnd(r, 20), rnd(r, 10));
		break;
	default:
		snprintf(out, n, "%u万元", (1 + rnd(r, 99)) * 100);
		break;
	}
}

/* ---- text --------------------------------------------------------- */

static void title(struct rng *r, struct buf *b)
{
	char p[16], a[24];
	pct(r, p, sizeof p);
	amount(r, a, sizeof a);
	switch (rnd(r, 12)) {
	case 0:
		putf(b, "%s%s同比增长%s", PICK(r, orgs), PICK(r, metrics), p);
		break;
	case 1:
		putf(b, "%s拟投资%s建设%s项目", PICK(r, orgs), a, PICK(r, sectors));
		break;
	case 2:
		putf(b, "%s出台%s 涉及%s等领域", PICK(r, places), PICK(r, policies),
		     PICK(r, sectors));
		break;
	case 3:
		putf(b, "%s板块午后%s %s盘中涨超%s", PICK(r, sectors), PICK(r, moves),
		     PICK(r, orgs), p);
		break;
	case 4:
		putf(b, "%s获批发行%s专项债券", PICK(r, orgs), a);
		break;
	case 5:
		putf(b, "%s%s创%s新高", PICK(r, places), PICK(r, metrics),
		     PICK(r, periods));
		break;
	case 6:
		putf(b, "早盘：%s%s%s %s板块%s", PICK(r, indexes),
		     rnd(r, 2) ? "涨" : "跌", p, PICK(r, sectors), PICK(r, moves));
		break;
	case 7:
		putf(b, "%s中标%s项目 金额约%s", PICK(r, orgs), PICK(r, sectors), a);
		break;
	case 8:
		putf(b, "%s：%s预计增长%s", PICK(r, orgs), PICK(r, metrics), p);
		break;
	case 9:
		putf(b, "%s与%s签署战略合作协议 聚焦%s", PICK(r, orgs), PICK(r, places),
		     PICK(r, sectors));
		break;
	case 10:
		putf(b, "%s%s产业链加快集聚 年内引进项目%u个", PICK(r, places),
		     PICK(r, sectors), 5 + rnd(r, 60));
		break;
	default:
		putf(b, "%s控股股东拟增持不超过%s", PICK(r, orgs), a);
		break;
	}
}

static void sentence(struct rng *r, struct buf *b)
{
	char p[16], a[24];
	pct(r, p, sizeof p);
	amount(r, a, sizeof a);
	switch (rnd(r, 8)) {
	case 0:
		putf(b, "%s围绕%s产业链精准招商，今年以来引进项目%u个，总投资%s。",
		     PICK(r, places), PICK(r, sectors), 3 + rnd(r, 50), a);
		break;
	case 1:
		putf(b, "“%s。”%s负责人告诉记者。", PICK(r, quotes), PICK(r, orgs));
		break;
	case 2:
		putf(b, "据介绍，%s前11个月%s达到%s，同比增长%s。", PICK(r, orgs),
		     PICK(r, money), a, p);
		break;
	case 3:
		putf(b, "下一步，%s将%s，%s。", PICK(r, places), PICK(r, actions),
		     PICK(r, goals));
		break;
	case 4:
		putf(b, "业内人士认为，%s行业景气度有望延续，但仍需关注原材料价格波动。",
		     PICK(r, sectors));
		break;
	case 5:
		putf(b, "截至目前，%s已累计为%u家企业发放贷款%s。", PICK(r, orgs),
		     10 + rnd(r, 900), a);
		break;
	case 6:
		putf(b, "盘面上，%s板块%s，%s板块%s。", PICK(r, sectors), PICK(r, moves),
		     PICK(r, sectors), PICK(r, moves));
		break;
	default:
		putf(b, "%s表示，将%s，%s。", PICK(r, orgs), PICK(r, actions),
		     PICK(r, goals));
		break;
	}
}

/* ---- posts -------------------------------------------------------- */

struct post {
	struct rng r;
	int64_t t;          /* local time, seconds since 1970-01-01 00:00 */
	struct when w;
	char id[48];        /* 18 digits */
	int kind;           /* 0 wire, 1 article, 2 other */
};

static void post_init(struct post *p, uint64_t seed, int64_t start, long i)
{
	uint64_t s = seed * 0x9e3779b97f4a7c15ULL ^ (uint64_t)i * 0xd1b54a32d192ed03ULL;
	p->r.s = s;
	splitmix(&p->r.s);
	p->t = start + (int64_t)i * STEP + 30 + rnd(&p->r, STEP - 60);
	p->w = when_at(p->t);
	unsigned k = rnd(&p->r, 100);
	p->kind = k < 85 ? 0 : k < 97 ? 1 : 2;
	/* unique and rising with i; the 10-digit tail fits for i < MAX_COUNT */
	uint64_t tail = 2200000000ULL + (uint64_t)i * 9 + rnd(&p->r, 9);
	snprintf(p->id, sizeof p->id, "%04d%02d%02d%010llu", p->w.y, p->w.mo,
		 p->w.d, (unsigned long long)tail);
}

static void front(struct post *p, struct buf *b, int offset)
{
	put(b, "---\nlayout: post\ntitle: \"");
	title(&p->r, b);
	putf(b, "\"\ndate: %04d-%02d-%02d %02d:%02d:%02d%s\n", p->w.y, p->w.mo,
	     p->w.d, p->w.h, p->w.mi, p->w.s, offset ? " +0800" : "");
}

static void wire_body(struct post *p, struct buf *b)
{
	struct rng *r = &p->r;
	put(b, "\n");
	unsigned n = 1 + rnd(r, 3);
	for (unsigned k = 0; k < n; k++)
		sentence(r, b);
	put(b, "\n\n");
	unsigned extra = rnd(r, 10);
	if (extra == 0) {
		put(b, "主要内容包括：\n\n");
		unsigned items = 2 + rnd(r, 3);
		for (unsigned k = 0; k < items; k++)
			putf(b, "- %s；\n", PICK(r, actions));
		put(b, "\n");
	} else if (extra == 1) {
		char a[24];
		amount(r, a, sizeof a);
		putf(b, "其中，%s%s为**%s**。\n\n", PICK(r, orgs), PICK(r, money), a);
	} else if (extra == 2) {
		sentence(r, b);
		put(b, "\n\n");
	}
}

static void wire(struct post *p, struct buf *b)
{
	struct rng *r = &p->r;
	front(p, b, rnd(r, 5) == 0);
	put(b, "categories: emnews\ntags: 东财滚动新闻\n---\n");
	wire_body(p, b);
	putf(b, "<http://%s/news/%s,%s.html>", PICK(r, hosts), PICK(r, cols), p->id);
	if (rnd(r, 20) != 0)
		put(b, "\n\n[返回东财滚动新闻](../emnews/)\n[返回首页](../)");
	if (rnd(r, 2))
		put(b, "\n");
}

/* A long newspaper article of category cat, tagged tags (a YAML value),
 * from the paper called name. */
static void article_of(struct post *p, struct buf *b, const char *cat,
		       const char *tags, const char *name)
{
	struct rng *r = &p->r;
	front(p, b, 1);
	putf(b, "categories: %s\ntags: %s\n---\n", cat, tags);
	unsigned n = 10 + rnd(r, 21);
	for (unsigned k = 0; k < n; k++) {
		put(b, k ? "\n <p>" : "<p>");
		if (k > 1 && k + 2 < n && rnd(r, 6) == 0) {
			put(b, PICK(r, headings));
		} else {
			unsigned s = 1 + rnd(r, 3);
			for (unsigned j = 0; j < s; j++)
				sentence(r, b);
		}
		put(b, "</p>");
	}
	putf(b, "\n <p>记者　%s%s</p><p class=\"em_media\">（文章来源：%s）</p>\n\n",
	     PICK(r, surnames), PICK(r, givens), name);
	putf(b, "<http://finews.example.org/html_News/NewsShare.html?infoCode=NW%s>\n\n",
	     p->id);
	putf(b, "[返回%s新闻](//finews.example.org/category/%s.html)"
	     "｜[返回首页](//finews.example.org/)", name, cat);
	if (rnd(r, 2))
		put(b, "\n");
}

static void article(struct post *p, struct buf *b)
{
	const struct paper *pp = &PICK(&p->r, papers);
	char tags[64];
	snprintf(tags, sizeof tags, "%s新闻", pp->name);
	article_of(p, b, pp->cat, tags, pp->name);
}

static void other(struct post *p, struct buf *b, long i)
{
	struct rng *r = &p->r;
	if (rnd(r, 2)) {
		put(b, "---\nlayout: post\n");
		putf(b, "title: \"站点通知（第%ld号）\"\n", i);
		putf(b, "date: %04d-%02d-%02d %02d:%02d:%02d\n", p->w.y, p->w.mo,
		     p->w.d, p->w.h, p->w.mi, p->w.s);
		put(b, "categories: sitenews\n");
		put(b, rnd(r, 2) ? "tags: 站长消息\n" : "tags:\n  - 站长消息\n  - 公告\n");
		put(b, "---\n\n");
		putf(b, "站点今日完成例行维护，新闻更新恢复正常。（编号%ld）\n", i);
	} else {
		front(p, b, 0);
		put(b, "categories: fundnews\ntags:\n  - 东财滚动新闻\n  - 基金\n---\n");
		wire_body(p, b);
		putf(b, "<http://fund.example.com/news/1590,%s.html>\n", p->id);
	}
}

/* The post's file name (relative to _posts) and bytes. */
static void make_post(uint64_t seed, int64_t start, long i, struct buf *name,
		      struct buf *b)
{
	struct post p;
	post_init(&p, seed, start, i);
	name->len = b->len = 0;
	putf(name, "%04d-%02d-%02d-", p.w.y, p.w.mo, p.w.d);
	switch (p.kind) {
	case 0:
		putf(name, "%s.md", p.id);
		wire(&p, b);
		break;
	case 1:
		putf(name, "NW%s.md", p.id);
		article(&p, b);
		break;
	default:
		putf(name, "notice-%ld.md", i);
		other(&p, b, i);
		break;
	}
	grow(name, 1);
	name->p[name->len] = '\0';
}

/* ---- many sources (--sources N) ----------------------------------- */

/*
 * Source 0 is the wire, emnews (东财滚动新闻).  Sources 1..N-1 are named
 * from invented two- or three-character words and a kind of outlet, in
 * Chinese and in pinyin: 安信 + 证券 is "anxinzhengquan".  The slug is
 * the pinyin, a few capitalised ("Anxinzhengquan"), as initials
 * ("AXzhengquan"), behind digits ("21anxinzhengquan") or with a region
 * in brackets ("anxinzhengquan(xianggang)"); never a blank, which would
 * make several categories of one.  Slugs are unique downcased (as Jekyll
 * writes them in URLs), names unique too.
 */

struct word {
	const char *hz, *py;
};

static const struct word syllables[] = {
	{"安", "an"}, {"华", "hua"}, {"海", "hai"}, {"东", "dong"},
	{"南", "nan"}, {"西", "xi"}, {"北", "bei"}, {"中", "zhong"},
	{"金", "jin"}, {"银", "yin"}, {"鑫", "xin"}, {"泰", "tai"},
	{"宏", "hong"}, {"盛", "sheng"}, {"恒", "heng"}, {"远", "yuan"},
	{"明", "ming"}, {"新", "xin"}, {"长", "chang"}, {"江", "jiang"},
	{"山", "shan"}, {"云", "yun"}, {"星", "xing"}, {"辰", "chen"},
	{"嘉", "jia"}, {"禾", "he"}, {"兴", "xing"}, {"瑞", "rui"},
	{"和", "he"}, {"平", "ping"}, {"正", "zheng"}, {"通", "tong"},
	{"达", "da"}, {"源", "yuan"}, {"丰", "feng"}, {"利", "li"},
	{"博", "bo"}, {"汇", "hui"}, {"富", "fu"}, {"荣", "rong"},
	{"光", "guang"}, {"德", "de"}, {"诚", "cheng"}, {"信", "xin"},
	{"立", "li"}, {"峰", "feng"}, {"青", "qing"}, {"川", "chuan"},
};
static const struct word outlets[] = {
	{"证券", "zhengquan"}, {"日报", "ribao"}, {"财经", "caijing"},
	{"基金", "jijin"}, {"期货", "qihuo"}, {"银行", "yinhang"},
	{"晚报", "wanbao"}, {"商报", "shangbao"}, {"网", "wang"},
	{"资讯", "zixun"}, {"信托", "xintuo"}, {"研究所", "yanjiusuo"},
	{"新闻网", "xinwenwang"}, {"快讯", "kuaixun"}, {"观察", "guancha"},
	{"时报", "shibao"}, {"研究", "yanjiu"}, {"国际", "guoji"},
};
static const struct word regions[] = {
	{"香港", "xianggang"}, {"上海", "shanghai"}, {"深圳", "shenzhen"},
	{"北京", "beijing"},
};

enum shape { WIRE, PAPER, FUND, SHORT };

struct source {
	char slug[96];      /* as the posts' categories field has it */
	char name[96];      /* its name in Chinese */
	char tag[112];      /* the tag each of its posts carries */
	char title[112];    /* its category page's title */
	enum shape shape;
};

struct site {
	long n;             /* sources with posts: 0 is emnews */
	long pages;         /* then sources with a category page only */
	struct source *src; /* n + pages */
	double *cum;        /* cumulative weights of sources 1..n-1 */
	unsigned long stride;   /* coprime to n - 1 */
};

/* A set of strings (not owned), by open addressing. */
struct strset {
	const char **v;
	size_t cap;
};

static size_t str_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (size_t)h;
}

/* Where s is in the set, or the free slot where it would go. */
static size_t strset_slot(const struct strset *set, const char *s)
{
	size_t k = str_hash(s) & (set->cap - 1);
	while (set->v[k] && strcmp(set->v[k], s))
		k = (k + 1) & (set->cap - 1);
	return k;
}

static int strset_has(const struct strset *set, const char *s)
{
	return set->v[strset_slot(set, s)] != NULL;
}

static void strset_add(struct strset *set, const char *s)
{
	set->v[strset_slot(set, s)] = s;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p) {
		fprintf(stderr, "gen-site: out of memory\n");
		exit(1);
	}
	return p;
}

static void lower_into(char *dst, const char *src, size_t n)
{
	size_t k = 0;
	for (; src[k] && k + 1 < n; k++)
		dst[k] = (src[k] >= 'A' && src[k] <= 'Z') ? src[k] + 32 : src[k];
	dst[k] = '\0';
}

/* One try at naming source k: its slug and name. */
static void source_draw(struct source *s, uint64_t seed, long k, unsigned attempt)
{
	struct rng r = {seed * 0xa0761d6478bd642fULL ^ (uint64_t)k * 0xe7037ed1a0b428dbULL ^
			(uint64_t)attempt * 0x8ebc6af09c88c6e3ULL};
	splitmix(&r.s);
	const struct word *w[3] = {&PICK(&r, syllables), &PICK(&r, syllables), NULL};
	if (rnd(&r, 4) == 0)
		w[2] = &PICK(&r, syllables);
	const struct word *o = &PICK(&r, outlets);
	char py[64] = "", hz[64] = "", initials[8] = "";
	for (int j = 0; j < 3 && w[j]; j++) {
		strcat(py, w[j]->py);
		strcat(hz, w[j]->hz);
		initials[j] = (char)(w[j]->py[0] - 32);
	}
	unsigned style = rnd(&r, 100), digits = 2 + rnd(&r, 90);
	if (style < 6) {            /* Anxinzhengquan */
		snprintf(s->slug, sizeof s->slug, "%c%s%s", py[0] - 32, py + 1, o->py);
		snprintf(s->name, sizeof s->name, "%s%s", hz, o->hz);
	} else if (style < 9) {     /* AXzhengquan */
		snprintf(s->slug, sizeof s->slug, "%s%s", initials, o->py);
		snprintf(s->name, sizeof s->name, "%s%s", initials, o->hz);
	} else if (style < 11) {    /* 21anxinzhengquan */
		snprintf(s->slug, sizeof s->slug, "%u%s%s", digits, py, o->py);
		snprintf(s->name, sizeof s->name, "%u%s%s", digits, hz, o->hz);
	} else {
		snprintf(s->slug, sizeof s->slug, "%s%s", py, o->py);
		snprintf(s->name, sizeof s->name, "%s%s", hz, o->hz);
	}
	if (rnd(&r, 30) == 0) {     /* anxinzhengquan(xianggang) */
		const struct word *g = &PICK(&r, regions);
		size_t n = strlen(s->slug), m = strlen(s->name);
		snprintf(s->slug + n, sizeof s->slug - n, "(%s)", g->py);
		snprintf(s->name + m, sizeof s->name - m, "（%s）", g->hz);
	}
	/* an older name, as some category pages still have */
	const struct word *old = &PICK(&r, outlets);
	if (rnd(&r, 20) == 0 && old != o)
		snprintf(s->title, sizeof s->title, "%s%s新闻", hz, old->hz);
	else
		snprintf(s->title, sizeof s->title, "%s新闻", s->name);
	snprintf(s->tag, sizeof s->tag, "%s新闻", s->name);
	s->shape = SHORT;
}

/* Name sources 1..n+pages-1, each slug (downcased) and name unique. */
static void sources_name(struct site *site, uint64_t seed)
{
	long total = site->n + site->pages;
	struct strset slugs = {0}, names = {0};
	slugs.cap = names.cap = 16;
	while (slugs.cap < (size_t)total * 4)
		slugs.cap *= 2;
	names.cap = slugs.cap;
	slugs.v = xcalloc(slugs.cap, sizeof *slugs.v);
	names.v = xcalloc(names.cap, sizeof *names.v);
	char (*low)[96] = xcalloc((size_t)total, sizeof *low);
	strcpy(low[0], "emnews");
	strset_add(&slugs, low[0]);
	strset_add(&names, site->src[0].name);
	for (long k = 1; k < total; k++) {
		struct source *s = &site->src[k];
		for (unsigned a = 0;; a++) {
			source_draw(s, seed, k, a);
			lower_into(low[k], s->slug, sizeof low[k]);
			if (!strset_has(&slugs, low[k]) && !strset_has(&names, s->name)) {
				strset_add(&slugs, low[k]);
				strset_add(&names, s->name);
				break;
			}
		}
	}
	free(slugs.v);
	free(names.v);
	free(low);
}

/*
 * Deliberate overlaps, as in the real archive: source 4 is a second wire
 * tagged 东财滚动新闻 like emnews (and 基金), as fundnews is; every 150th
 * source from the 10th shares its tag with the next one; every 211th
 * from the 7th has a category page titled with the previous source's
 * tag.  Sources 1-3 are newspapers (long articles).
 */
static void sources_overlap(struct site *site)
{
	for (long k = 1; k < site->n && k <= 3; k++)
		site->src[k].shape = PAPER;
	if (site->n > 4) {
		site->src[4].shape = FUND;
		strcpy(site->src[4].tag, "东财滚动新闻");
	}
	for (long k = 10; k + 1 < site->n; k += 150)
		strcpy(site->src[k + 1].tag, site->src[k].tag);
	for (long k = 7; k < site->n; k += 211)
		strcpy(site->src[k].title, site->src[k - 1].tag);
}

static unsigned long gcd(unsigned long a, unsigned long b)
{
	while (b) {
		unsigned long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* Zipf-like weights 1/rank of sources 1..n-1, the first five tripled
 * (the mid-size sources), and the stride spreading their first posts. */
static void sources_weigh(struct site *site)
{
	long m = site->n - 1;
	site->cum = xcalloc((size_t)(m > 0 ? m : 1), sizeof *site->cum);
	double sum = 0;
	for (long k = 1; k <= m; k++) {
		sum += (k <= 5 ? 3.0 : 1.0) / (double)k;
		site->cum[k - 1] = sum;
	}
	unsigned long mm = (unsigned long)(m > 0 ? m : 1);
	site->stride = (unsigned long)((double)mm * 0.618) | 1;
	while (gcd(site->stride, mm) != 1)
		site->stride++;
}

static void site_init(struct site *site, uint64_t seed, long n)
{
	site->n = n;
	site->pages = n / 200 + 2;
	site->src = xcalloc((size_t)(n + site->pages), sizeof *site->src);
	struct source *wire = &site->src[0];
	strcpy(wire->slug, "emnews");
	strcpy(wire->name, "东方财富");
	strcpy(wire->tag, "东财滚动新闻");
	strcpy(wire->title, "东财滚动新闻");
	wire->shape = WIRE;
	sources_name(site, seed);
	sources_overlap(site);
	sources_weigh(site);
}

static void site_free(struct site *site)
{
	free(site->src);
	free(site->cum);
}

/*
 * The source of post i.  Of each five posts, two (picked by the seed)
 * are not the wire's: about 60% are.  The first N-1 of those go to each
 * other source once, spread by the stride, so that every source has a
 * post once COUNT is at least about 2.5 N; the rest are drawn by weight.
 */
static long source_of(const struct site *site, uint64_t seed, long i,
		      struct rng *r)
{
	if (site->n < 2)
		return 0;
	struct rng block = {seed * 0x2545f4914f6cdd1dULL ^ (uint64_t)(i / 5) * 0x9fb21c651e98df25ULL};
	splitmix(&block.s);
	long a = (long)rnd(&block, 5), b = (a + 1 + (long)rnd(&block, 4)) % 5, pos = i % 5;
	if (pos != a && pos != b)
		return 0;
	long m = site->n - 1;
	long j = i / 5 * 2 + (pos == (a < b ? a : b) ? 0 : 1);
	if (j < m)
		return 1 + (long)(((unsigned long)j * site->stride) % (unsigned long)m);
	double u = (double)(splitmix(&r->s) >> 11) * 0x1p-53 * site->cum[m - 1];
	long lo = 0, hi = m - 1;
	while (lo < hi) {
		long mid = (lo + hi) / 2;
		if (site->cum[mid] <= u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 1 + lo;
}

/* A short post of source s: a wire's body, its tag (sometimes with a
 * second one), the original's link and a link back to the source. */
static void short_post(struct post *p, struct buf *b, const struct source *s)
{
	struct rng *r = &p->r;
	front(p, b, rnd(r, 5) == 0);
	putf(b, "categories: %s\n", s->slug);
	if (s->shape == FUND)
		putf(b, "tags:\n  - %s\n  - 基金\n", s->tag);
	else if (rnd(r, 8) == 0)
		putf(b, "tags:\n  - %s\n  - %s\n", s->tag, PICK(r, sectors));
	else
		putf(b, "tags: %s\n", s->tag);
	put(b, "---\n");
	wire_body(p, b);
	putf(b, "<http://%s/news/%s,%s.html>\n\n", PICK(r, hosts), PICK(r, cols), p->id);
	putf(b, "[返回%s](//finews.example.org/category/%s.html)\n", s->name, s->slug);
}

/* Post i of a --sources site: its file name and bytes. */
static void make_source_post(const struct site *site, uint64_t seed, int64_t start,
			     long i, struct buf *name, struct buf *b)
{
	struct post p;
	post_init(&p, seed, start, i);
	name->len = b->len = 0;
	const struct source *s = &site->src[source_of(site, seed, i, &p.r)];
	enum shape shape = s->shape;
	if (shape == SHORT && rnd(&p.r, 4) == 0)
		shape = PAPER;
	putf(name, "%04d-%02d-%02d-%s%s.md", p.w.y, p.w.mo, p.w.d,
	     shape == PAPER ? "NW" : "", p.id);
	if (shape == WIRE)
		wire(&p, b);
	else if (shape == PAPER)
		article_of(&p, b, s->slug, s->tag, s->name);
	else
		short_post(&p, b, s);
	grow(name, 1);
	name->p[name->len] = '\0';
}

/* ---- files -------------------------------------------------------- */

static int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		fprintf(stderr, "gen-site: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "gen-site: %s: %s\n", path, strerror(errno));
			close(fd);
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	if (close(fd) != 0) {
		fprintf(stderr, "gen-site: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int mkdirs(const char *path)
{
	char tmp[4096];
	size_t n = strlen(path);
	if (n == 0 || n >= sizeof tmp) {
		fprintf(stderr, "gen-site: bad folder name\n");
		return -1;
	}
	memcpy(tmp, path, n + 1);
	for (size_t k = 1; k <= n; k++) {
		if (tmp[k] != '/' && tmp[k] != '\0')
			continue;
		char c = tmp[k];
		tmp[k] = '\0';
		if (mkdir(tmp, 0755) != 0 && errno != EEXIST) {
			fprintf(stderr, "gen-site: %s: %s\n", tmp, strerror(errno));
			return -1;
		}
		tmp[k] = c;
	}
	return 0;
}

static const char config[] =
	"# Synthetic site written by test/gen-site: invented data.\n"
	"theme: jekyll-theme-minimal\n"
	"\n"
	"lang: zh-CN\n"
	"title: 金融消息（生成数据）\n"
	"description: 由 gen-site 生成的虚构金融消息，用于测试与性能评估。\n"
	"show_downloads: false\n"
	"safe: true\n"
	"url: https://finews.example.org\n"
	"timezone: Asia/Shanghai\n"
	"author: 样例编辑部\n"
	"\n"
	"plugins:\n"
	"  - jekyll-feed\n";

/* ---- category pages ----------------------------------------------- */

static int write_page(struct buf *path, const char *dir, const char *file,
		      const char *title, const char *category)
{
	struct buf b = {0};
	putf(&b, "---\nlayout: category\ntitle: %s\ncategory: %s\n---\n", title, category);
	path->len = 0;
	putf(path, "%s/category/%s.html", dir, file);
	int rc = write_file(path->p, b.p, b.len);
	free(b.p);
	return rc;
}

/*
 * DIR/category/SLUG.html for every source, those with posts and those
 * without.  From 100 sources on, two more pages as the real archive has
 * them: one naming source 5 in other capitals (TechWeb beside Techweb,
 * one category in URLs), and one whose category field is two slugs (a
 * page naming no single category, as Jekyll splits it).
 */
static int write_pages(const struct site *site, const char *dir)
{
	struct buf path = {0};
	putf(&path, "%s/category", dir);
	int rc = mkdirs(path.p);
	for (long k = 0; rc == 0 && k < site->n + site->pages; k++) {
		const struct source *s = &site->src[k];
		rc = write_page(&path, dir, s->slug, s->title, s->slug);
	}
	if (rc == 0 && site->n >= 100) {
		char other[96], two[200], title[112];
		snprintf(other, sizeof other, "%s", site->src[5].slug);
		other[0] = (char)(other[0] >= 'a' && other[0] <= 'z' ? other[0] - 32
				  : other[0] >= 'A' && other[0] <= 'Z' ? other[0] + 32 : 'X');
		snprintf(title, sizeof title, "%s（旧页）", site->src[5].name);
		rc = write_page(&path, dir, other, title, other);
		snprintf(two, sizeof two, "%s %s", site->src[1].slug, site->src[2].slug);
		if (rc == 0)
			rc = write_page(&path, dir, two, site->src[3].title, two);
	}
	free(path.p);
	return rc;
}

/* ---- main --------------------------------------------------------- */

static void usage(void)
{
	fprintf(stderr,
		"usage: gen-site [--seed N] [--start YYYY-MM-DD] [--sources N] DIR COUNT\n"
		"       gen-site [--seed N] [--start YYYY-MM-DD] [--sources N] --one DIR N\n");
	exit(2);
}

static long number(const char *s, long max)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > max) {
		fprintf(stderr, "gen-site: bad number: %s\n", s);
		exit(2);
	}
	return v;
}

static int64_t parse_start(const char *s)
{
	int y, m, d, y2, m2, d2;
	char c;
	int64_t days = 0;
	int ok = strlen(s) == 10 &&
		 sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &c) == 3 &&
		 y >= 1970 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
	if (ok) {
		/* a day past the month's end comes back as another date */
		days = days_from_civil(y, (unsigned)m, (unsigned)d);
		civil_from_days(days, &y2, &m2, &d2);
		ok = y2 == y && m2 == m && d2 == d;
	}
	if (!ok) {
		fprintf(stderr, "gen-site: bad date (want YYYY-MM-DD): %s\n", s);
		exit(2);
	}
	return days * 86400 + 8 * 3600;     /* posts start at 08:00 */
}

int main(int argc, char **argv)
{
	uint64_t seed = 1;
	int64_t start = parse_start("2021-12-01");
	int one = 0;
	long sources = 0;
	int k = 1;
	for (; k < argc && argv[k][0] == '-' && argv[k][1] == '-'; k++) {
		if (!strcmp(argv[k], "--")) {
			k++;
			break;
		} else if (!strcmp(argv[k], "--one")) {
			one = 1;
		} else if (!strcmp(argv[k], "--seed") && k + 1 < argc) {
			seed = (uint64_t)number(argv[++k], 0x7fffffffL);
		} else if (!strcmp(argv[k], "--start") && k + 1 < argc) {
			start = parse_start(argv[++k]);
		} else if (!strcmp(argv[k], "--sources") && k + 1 < argc) {
			sources = number(argv[++k], MAX_SOURCES);
			if (sources < 1)
				usage();
		} else {
			usage();
		}
	}
	if (argc - k != 2)
		usage();
	const char *dir = argv[k];
	long count = number(argv[k + 1], MAX_COUNT);

	struct buf path = {0}, name = {0}, b = {0};
	putf(&path, "%s/_posts", dir);
	if (one) {
		struct stat st;
		if (stat(path.p, &st) != 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "gen-site: %s: no such folder\n", path.p);
			return 1;
		}
	} else {
		if (mkdirs(path.p) != 0)
			return 1;
		path.len = 0;
		putf(&path, "%s/_config.yml", dir);
		if (write_file(path.p, config, sizeof config - 1) != 0)
			return 1;
	}

	struct site site = {0};
	if (sources) {
		site_init(&site, seed, sources);
		if (!one && write_pages(&site, dir) != 0)
			return 1;
	}
	long from = one ? count : 0, to = one ? count + 1 : count;
	for (long i = from; i < to; i++) {
		if (sources)
			make_source_post(&site, seed, start, i, &name, &b);
		else
			make_post(seed, start, i, &name, &b);
		path.len = 0;
		putf(&path, "%s/_posts/%s", dir, name.p);
		if (write_file(path.p, b.p, b.len) != 0)
			return 1;
	}
	if (sources)
		site_free(&site);
	free(path.p);
	free(name.p);
	free(b.p);
	return 0;
}

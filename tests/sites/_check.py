"""Consistency check for the static fixture sites (run: python tests/sites/_check.py).

Not served (leading underscore). Verifies encodings, expected.json paths/phrases,
that every internal link resolves, and the discovery-only rules of en_ministry.
"""
import html, json, pathlib, re, sys, tomllib
from urllib.parse import urljoin, urlsplit

HERE = pathlib.Path(__file__).resolve().parent
ENC = {'ru_smolensk': 'cp1251', 'cn_miit': 'gb18030', 'ko_industry': 'euc-kr', 'en_ministry': 'utf-8',
       'cn_province': 'utf-8', 'en_regional': 'utf-8'}
STRICT_EXTRA = {'cn_miit': 'gb2312'}          # cn pages declare gb2312: keep them inside that subset
BODY_START = re.compile(r'<div (?:class="news-text"|id="con_con"[^>]*|class="view-con"[^>]*|class="govspeak")>')
HTML_EXT = ('.html', '.htm', '.php', '.jsp', '.do')
errors, warnings = [], []

def err(site, msg): errors.append(f'[{site}] {msg}')
def warn(site, msg): warnings.append(f'[{site}] {msg}')

def url_to_file(path):
    p, _, q = path.partition('?')
    if p.endswith('/'):
        p += 'index.html'
    rel = p.lstrip('/')
    if q:
        rel += '@' + q
    return rel

def file_to_url(rel):
    p, _, q = rel.partition('@')
    p = '/' + p
    if p.endswith('/index.html') and not q:
        p = p[:-len('index.html')]
    return p + ('?' + q if q else '')

def is_html(rel, ctypes):
    name = rel.rsplit('/', 1)[-1]
    return name.endswith(HTML_EXT) or '@' in name or 'text/html' in ctypes.get(file_to_url(rel), '')

def body_of(text):
    m = BODY_START.search(text)
    if not m:
        return None
    depth, i = 1, m.end()
    for t in re.finditer(r'<(/?)div\b', text[i:]):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return text[m.end(): i + t.start()]
    return None

def check_site(site_dir):
    site = site_dir.name
    conf = tomllib.loads((site_dir / '_server.toml').read_text('utf-8'))
    exp = json.loads((site_dir / 'expected.json').read_text('utf-8'))
    ctypes = conf.get('content_types', {})
    status = conf.get('status', {})
    enc = ENC[site]
    files = {p.relative_to(site_dir).as_posix(): p for p in site_dir.rglob('*') if p.is_file()}
    served = {r: p for r, p in files.items() if not r.split('/')[-1].startswith('_') and r != 'expected.json'}
    disallow = []
    if 'robots.txt' in served:
        disallow = [l.split(':', 1)[1].strip() for l in served['robots.txt'].read_text('utf-8').splitlines() if l.lower().startswith('disallow:')]
    declared_missing = set(exp['not_articles']) | set(status)
    texts = {}
    for rel, p in served.items():
        data = p.read_bytes()
        if is_html(rel, ctypes):
            try:
                t = data.decode(enc)
            except UnicodeDecodeError as e:
                err(site, f'{rel}: not valid {enc}: {e}'); continue
            if site in STRICT_EXTRA:
                try: data.decode(STRICT_EXTRA[site])
                except UnicodeDecodeError as e: err(site, f'{rel}: not valid {STRICT_EXTRA[site]}: {e}')
            m = re.search(r'charset=["\']?([\w-]+)', t[:1500])
            if not m:
                err(site, f'{rel}: no meta charset')
            if not (5000 <= len(data) <= 40000):
                warn(site, f'{rel}: {len(data)} bytes (outside 5-40 KB)')
            texts[rel] = t
        elif rel.endswith(('.xml', '.txt')):
            texts[rel] = data.decode('utf-8')
    # links
    linked_from_html, linked_from_feed, linked_from_sitemap = set(), set(), set()
    for rel, t in texts.items():
        page_url = file_to_url(rel)
        if rel.endswith('.xml'):
            hrefs = re.findall(r'<(?:loc|link|guid[^>]*)>([^<]+)<', t) + re.findall(r'<atom:link href="([^"]+)"', t)
        elif rel.endswith('.txt'):
            hrefs = re.findall(r'Sitemap:\s*(\S+)', t)
        else:
            hrefs = re.findall(r'(?:href|src)="([^"]*)"', t)
        for h in hrefs:
            h = html.unescape(h.strip())
            if h.startswith('{{BASE}}'):
                h = h[len('{{BASE}}'):] or '/'
            elif re.match(r'^(javascript:|mailto:|tel:|#|https?://)', h) or not h:
                continue
            u = urlsplit(urljoin('http://x' + page_url, h))
            path = u.path + ('?' + u.query if u.query else '')
            if path == page_url:
                continue  # self reference (canonical, og:url, share links)
            if rel.endswith('.xml') and 'sitemap' in rel: linked_from_sitemap.add(path)
            elif rel.endswith('.xml'): linked_from_feed.add(path)
            elif not rel.endswith('.txt'): linked_from_html.add(path)
            if url_to_file(path) in served:
                continue
            if path in declared_missing or any(path.startswith(d) for d in disallow if d):
                continue
            err(site, f'{rel}: broken link {h} -> {path}')
    for p in status:
        if url_to_file(p) in served:
            warn(site, f'status path {p} also has a file')
    # articles
    for path, a in exp['articles'].items():
        rel = url_to_file(path)
        if rel not in texts:
            err(site, f'article {path}: file {rel} missing'); continue
        t = texts[rel]
        body = body_of(t)
        if body is None:
            err(site, f'{path}: body container not found'); continue
        if a['title'] not in t: err(site, f'{path}: title not in page')
        if a['published_raw'] not in t: err(site, f'{path}: published_raw not in page')
        for c in a['contains']:
            if c not in body: err(site, f'{path}: contains phrase not in body: {c!r}')
        for x in a['excludes']:
            if x not in t: err(site, f'{path}: exclude phrase not in page: {x!r}')
            elif x in body or x in html.unescape(body): err(site, f'{path}: exclude phrase inside body: {x!r}')
        oi = a.get('only_in')
        if oi == 'sitemap':
            if path in linked_from_html or path in linked_from_feed or path not in linked_from_sitemap:
                err(site, f'{path}: should be reachable only via sitemap')
        elif oi == 'feed':
            if path in linked_from_html or path in linked_from_sitemap or path not in linked_from_feed:
                err(site, f'{path}: should be reachable only via feed')
        elif path not in linked_from_html:
            err(site, f'{path}: not linked from any HTML page')
    for na in exp['not_articles']:
        if na in exp['articles']: err(site, f'{na} in both articles and not_articles')
    print(f'{site}: {len(served)} served files, {len(exp["articles"])} articles')

for d in sorted(HERE.iterdir()):
    if d.is_dir() and (d / 'expected.json').exists():   # hostile/ is checked by its own test
        check_site(d)
for w_ in warnings: print('WARN', w_)
for e in errors: print('ERROR', e)
print('OK' if not errors else f'{len(errors)} errors')
sys.exit(1 if errors else 0)

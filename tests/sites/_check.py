"""Consistency check for the static fixture sites (run: python tests/sites/_check.py).

Not served (leading underscore). Verifies encodings, expected.json paths/phrases,
that every internal link resolves, and the discovery-only rules of en_ministry; then the same
for state 2 (each site's `_state2/` files laid over its files, as fixtureweb serves them with
--state 2) plus state2_expected.json: new articles, changed list pages and the expected alerts.
"""
import html, json, pathlib, re, sys, tomllib
from urllib.parse import urljoin, urlsplit

HERE = pathlib.Path(__file__).resolve().parent
ENC = {'ru_smolensk': 'cp1251', 'cn_miit': 'gb18030', 'ko_industry': 'euc-kr', 'en_ministry': 'utf-8',
       'cn_province': 'utf-8', 'en_regional': 'utf-8'}
STRICT_EXTRA = {'cn_miit': 'gb2312'}          # cn pages declare gb2312: keep them inside that subset
BODY_START = re.compile(r'<div (?:class="news-text"|id="con_con"[^>]*|class="view-con"[^>]*|class="govspeak")>')
HTML_EXT = ('.html', '.htm', '.php', '.jsp', '.do')
LABELS = {'announcement', 'call', 'other'}
STATE2 = json.loads((HERE / 'state2_expected.json').read_text('utf-8'))
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

def site_files(site_dir, state=1):
    """{relative path: file} as fixtureweb serves the site in `state` (hidden: any part starting with _)."""
    files = {p.relative_to(site_dir).as_posix(): p for p in site_dir.rglob('*') if p.is_file()}
    served = {r: p for r, p in files.items()
              if not any(part.startswith('_') for part in r.split('/')) and r != 'expected.json'}
    overlay = site_dir / f'_state{state}'
    if state > 1 and overlay.is_dir():
        for p in overlay.rglob('*'):
            if p.is_file():
                served[p.relative_to(overlay).as_posix()] = p
    return served

def check_cluster(site, path, c, body):
    """The article's `cluster` label: {label, clusters, count}; every name written in the body."""
    if not isinstance(c, dict) or set(c) != {'label', 'clusters', 'count'}:
        err(site, f'{path}: cluster must be {{label, clusters, count}}: {c!r}'); return
    if c['label'] not in LABELS: err(site, f'{path}: cluster label {c["label"]!r}')
    if c['label'] == 'announcement':
        if not isinstance(c['count'], int) or c['count'] < len(c['clusters']) or c['count'] < 1:
            err(site, f'{path}: announcement count {c["count"]!r} for {len(c["clusters"])} names')
    elif c['count'] is not None:
        err(site, f'{path}: count must be null for {c["label"]}')
    if len(set(c['clusters'])) != len(c['clusters']): err(site, f'{path}: duplicate cluster names')
    text = html.unescape(body)
    for n in c['clusters']:
        if n not in text: err(site, f'{path}: cluster name not in body: {n!r}')

def check_site(site_dir, state=1):
    site = site_dir.name
    conf = tomllib.loads((site_dir / '_server.toml').read_text('utf-8'))
    exp = json.loads((site_dir / 'expected.json').read_text('utf-8'))
    ctypes = conf.get('content_types', {})
    status = conf.get('status', {})
    ignored_params = set(conf.get('ignored_params', []))   # the server answers as if they were not there
    enc = ENC[site]
    served = site_files(site_dir, state)
    new = {k.split(':', 1)[1]: a for k, a in STATE2['new_articles'].items() if k.split(':', 1)[0] == site}
    if state == 1:
        for path in new:
            if url_to_file(path) in served: err(site, f'new article {path} already served in state 1')
    else:
        site = f'{site} state {state}'
        changed = {k.split(':', 1)[1]: c for k, c in STATE2['changed_articles'].items() if k.split(':', 1)[0] == site_dir.name}
        arts = {p: (dict(a, cluster=changed[p]['cluster']) if 'cluster' in changed.get(p, {}) else a) for p, a in exp['articles'].items()}
        exp = dict(exp, articles={**arts, **new})
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
            if url_to_file(path) not in served:   # a parameter the server ignores (as boards do)
                query = '&'.join(q for q in u.query.split('&') if q.split('=', 1)[0] not in ignored_params)
                path = u.path + ('?' + query if query else '')
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
        if 'cluster' not in a: err(site, f'{path}: no cluster label')
        else: check_cluster(site, path, a['cluster'], body)
        if state > 1 and path in new:
            if 'sitemap.xml' in served and path not in linked_from_sitemap: err(site, f'{path}: new article not in sitemap.xml')
            if 'news/feed.xml' in served and path not in linked_from_feed: err(site, f'{path}: new article not in the feed')
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
    return texts

def check_state2(texts1, texts2):
    """state2_expected.json against the two states of the sites."""
    new, changed = STATE2['new_articles'], STATE2['changed_articles']
    for key, ch in changed.items():
        site, path = key.split(':', 1)
        rel = url_to_file(path)
        if not (HERE / site / '_state2' / rel).is_file():
            err(site, f'changed article {path}: no _state2/{rel}'); continue
        if rel not in texts1.get(site, {}): err(site, f'changed article {path}: not a state-1 page'); continue
        t1, t2 = texts1[site][rel], texts2[site][rel]
        b1, b2 = body_of(t1) or '', body_of(t2) or ''
        if t1 == t2: err(site, f'changed article {path}: state 2 identical to state 1')
        if not ch['added'] and not ch['removed']: err(site, f'changed article {path}: nothing added or removed')
        for n in ch['added']:
            if n not in b2: err(site, f'{path}: added name not in state-2 body: {n!r}')
            if n in t1: err(site, f'{path}: added name already on the state-1 page: {n!r}')
        for n in ch['removed']:
            if n in t2: err(site, f'{path}: removed name still on the state-2 page: {n!r}')
            if n not in b1: err(site, f'{path}: removed name not in the state-1 body: {n!r}')
        if 'cluster' in ch:
            check_cluster(site, path, ch['cluster'], b2)
            old = json.loads((HERE / site / 'expected.json').read_text('utf-8'))['articles'][path]['cluster']['clusters']
            if sorted(ch['cluster']['clusters']) != sorted(set(old) - set(ch['removed']) | set(ch['added'])):
                err(site, f'{path}: state-2 clusters are not the state-1 ones with added/removed applied')
    seen = set()
    for al in STATE2['expected_alerts']:
        key, kind = al['article'], al['kind']
        seen.add(key)
        if kind == 'new_cluster_list':
            a = new.get(key)
            if a is None: err('state2', f'alert {kind} for {key}: not a new article'); continue
            if a['cluster']['label'] != 'announcement': err('state2', f'alert {kind} for {key}: not an announcement')
            if al['clusters'] != a['cluster']['clusters']: err('state2', f'alert {kind} for {key}: clusters differ from the article')
            old_names = {n for s in texts1 for p in json.loads((HERE / s / 'expected.json').read_text('utf-8'))['articles'].values()
                         for n in p.get('cluster', {}).get('clusters', [])}
            if old_names & set(al['clusters']): err('state2', f'alert {kind} for {key}: names already listed in state 1: {old_names & set(al["clusters"])}')
        elif kind == 'updated_cluster_list':
            ch = changed.get(key)
            if ch is None: err('state2', f'alert {kind} for {key}: not a changed article'); continue
            if al['added'] != ch['added'] or al['removed'] != ch['removed']: err('state2', f'alert {kind} for {key}: added/removed differ')
        else:
            err('state2', f'alert kind {kind!r}')
    for key, a in new.items():
        if a['cluster']['label'] == 'announcement' and key not in seen: err('state2', f'{key}: announcement without an expected alert')
    for key in changed:
        if key not in seen: err('state2', f'{key}: changed list without an expected alert')
    print(f'state 2: {len(new)} new articles, {len(changed)} changed, {len(STATE2["expected_alerts"])} alerts')

texts1, texts2 = {}, {}
for d in sorted(HERE.iterdir()):
    if d.is_dir() and (d / 'expected.json').exists():   # hostile/ is checked by its own test
        texts1[d.name] = check_site(d)
for d in sorted(HERE.iterdir()):
    if d.is_dir() and (d / 'expected.json').exists():
        texts2[d.name] = check_site(d, state=2)
check_state2(texts1, texts2)
for w_ in warnings: print('WARN', w_)
for e in errors: print('ERROR', e)
print('OK' if not errors else f'{len(errors)} errors')
sys.exit(1 if errors else 0)
